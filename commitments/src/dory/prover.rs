//! The opening prover: Eval-VMV-RE's first message, then one Dory-Reduce round per column
//! variable, then the final length-1 vectors.

use super::gt::{inner_pairing_product, pairing};
use super::{challenge, tier1_rows, DoryProof, ReduceFirst, ReduceRound, ReduceSecond, VmvMessage};
use super::{DoryCommitment, DorySetup, G2Element, GtElement};
use crate::error::PcsError;
use ark_bn254::{Fr, G1Affine, G1Projective, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::{CurveGroup, ScalarMul, VariableBaseMSM};
use ark_ff::Zero;
use rayon::prelude::*;
use sumcheck::{DensePolynomial, EqPolynomial, Transcript};

/// Proves `poly(point) = L^T·M·R` after the statement has been absorbed (see
/// [`super::Dory`]), with the rows `T` from `commitment`'s hint when it has one: `v = L^T·M`, the VMV message `(C_v, D2, E1)`, then `log2(columns)` reduce
/// rounds on `v1 = T` (rows, identity-padded), `v2 = v·Γ2,fin`, `s1 = R`, `s2 = L` (zero-padded).
pub(super) fn prove(
    setup: &DorySetup,
    poly: &DensePolynomial<Fr>,
    commitment: &DoryCommitment,
    point: &[Fr],
    transcript: &mut impl Transcript,
) -> Result<DoryProof, PcsError> {
    let vk = &setup.verifier;
    let (row_vars, col_vars) = vk.shape(point.len());
    let width = 1usize << col_vars;
    let g1 = &setup.tier1.generators[..width];
    let g2 = &setup.gamma2[..width];
    let rows = tier1_rows(setup, poly, commitment, row_vars);
    let left = EqPolynomial::evals(&point[..row_vars]);
    let right = EqPolynomial::evals(&point[row_vars..]);

    // v = L^T·M, the combined row (N multiplications).
    let mut v = vec![Fr::zero(); width];
    for (row, weight) in poly.evals().chunks(width).zip(&left) {
        v.par_iter_mut()
            .zip(row.par_iter())
            .for_each(|(acc, m)| *acc += *weight * m);
    }
    // E1 = ⟨T, L⟩ = ⟨Γ1, v⟩ and D2 = ⟨Γ1, v·Γ2,fin⟩ = e(E1, Γ2,fin);
    // C_v = ⟨T, v·Γ2,fin⟩ = e(⟨T, v[..rows]⟩, Γ2,fin).
    let e1 = G1Projective::msm_unchecked(g1, &v).into_affine();
    let c_v = G1Projective::msm_unchecked(&rows, &v[..rows.len()]).into_affine();
    let vmv = VmvMessage {
        c: GtElement(pairing(c_v, vk.gamma2_fin)),
        d2: GtElement(pairing(e1, vk.gamma2_fin)),
        e1,
    };
    transcript.append_serializable(b"dory_vmv", &vmv);

    let mut v1: Vec<G1Projective> = rows.iter().map(|p| (*p).into()).collect();
    v1.resize(width, G1Projective::zero());
    let mut v2: Vec<G2Projective> = G2Projective::from(vk.gamma2_fin)
        .batch_mul(&v)
        .into_iter()
        .map(Into::into)
        .collect();
    let mut s1 = right;
    let mut s2 = left;
    s2.resize(width, Fr::zero());
    // Γ2 is paired in every round (D1L, D1R): prepare its line coefficients once.
    let g2_prepared: Vec<<ark_bn254::Bn254 as Pairing>::G2Prepared> =
        g2.par_iter().map(|g| (*g).into()).collect();

    let mut rounds = Vec::with_capacity(col_vars);
    for k in (1..=col_vars).rev() {
        let h = 1usize << (k - 1);
        let v1a = G1Projective::normalize_batch(&v1);
        let first_round = k == col_vars;
        let prepared = || g2_prepared[..h].iter().cloned();
        // In the first round v2 = v·Γ2,fin, so D2L/R = e(⟨Γ1', v_{L/R}⟩, Γ2,fin): an MSM and
        // one pairing instead of h Miller loops each.
        let (d2_left, d2_right) = if first_round {
            let lo = G1Projective::msm_unchecked(&g1[..h], &v[..h]).into_affine();
            let hi = G1Projective::msm_unchecked(&g1[..h], &v[h..2 * h]).into_affine();
            (pairing(lo, vk.gamma2_fin), pairing(hi, vk.gamma2_fin))
        } else {
            let v2a = G2Projective::normalize_batch(&v2);
            (
                inner_pairing_product(&g1[..h], v2a[..h].iter().copied()),
                inner_pairing_product(&g1[..h], v2a[h..].iter().copied()),
            )
        };
        let first = ReduceFirst {
            d1_left: GtElement(inner_pairing_product(&v1a[..h], prepared())),
            d1_right: GtElement(inner_pairing_product(&v1a[h..], prepared())),
            d2_left: GtElement(d2_left),
            d2_right: GtElement(d2_right),
            e1_beta: G1Projective::msm_unchecked(&g1[..2 * h], &s2).into_affine(),
            e2_beta: G2Element(G2Projective::msm_unchecked(&g2[..2 * h], &s1).into_affine()),
        };
        transcript.append_serializable(b"dory_reduce_first", &first);
        let (beta, beta_inv) = challenge(transcript, b"dory_beta")?;

        // w1 = v1 + β·Γ1, w2 = v2 + β^{-1}·Γ2.
        v1.par_iter_mut()
            .zip(g1[..2 * h].par_iter())
            .for_each(|(a, g)| *a += *g * beta);
        v2.par_iter_mut()
            .zip(g2[..2 * h].par_iter())
            .for_each(|(a, g)| *a += *g * beta_inv);
        let w1a = G1Projective::normalize_batch(&v1);
        let w2a = G2Projective::normalize_batch(&v2);
        let second = ReduceSecond {
            c_plus: GtElement(inner_pairing_product(&w1a[..h], w2a[h..].iter().copied())),
            c_minus: GtElement(inner_pairing_product(&w1a[h..], w2a[..h].iter().copied())),
            e1_plus: G1Projective::msm_unchecked(&w1a[..h], &s2[h..]).into_affine(),
            e1_minus: G1Projective::msm_unchecked(&w1a[h..], &s2[..h]).into_affine(),
            e2_plus: G2Element(G2Projective::msm_unchecked(&w2a[h..], &s1[..h]).into_affine()),
            e2_minus: G2Element(G2Projective::msm_unchecked(&w2a[..h], &s1[h..]).into_affine()),
        };
        transcript.append_serializable(b"dory_reduce_second", &second);
        let (alpha, alpha_inv) = challenge(transcript, b"dory_alpha")?;

        // v1 ← α·w1L + w1R, v2 ← α^{-1}·w2L + w2R, s1 ← α·s1L + s1R, s2 ← α^{-1}·s2L + s2R.
        v1 = fold(&v1, alpha);
        v2 = fold(&v2, alpha_inv);
        s1 = fold(&s1, alpha);
        s2 = fold(&s2, alpha_inv);
        rounds.push(ReduceRound { first, second });
    }
    let final_g1: G1Affine = v1[0].into_affine();
    let final_g2 = G2Element(v2[0].into_affine());
    transcript.append_serializable(b"dory_final", &(final_g1, final_g2));
    // The verifier's last challenge, drawn here too so both transcripts end equal.
    challenge(transcript, b"dory_d")?;
    Ok(DoryProof {
        vmv,
        rounds,
        final_g1,
        final_g2,
    })
}

/// `x_L·a + x_R` for the two halves of `x`.
fn fold<T>(x: &[T], a: Fr) -> Vec<T>
where
    T: Copy + Send + Sync + core::ops::Mul<Fr, Output = T> + core::ops::Add<Output = T>,
{
    let (lo, hi) = x.split_at(x.len() / 2);
    lo.par_iter().zip(hi).map(|(l, r)| *l * a + *r).collect()
}
