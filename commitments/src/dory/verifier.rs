//! The opening verifier. Every update of the paper's accumulators `C, D1, D2 ∈ GT`,
//! `E1 ∈ G1`, `E2 ∈ G2` is linear, so they are carried as coefficient vectors over the
//! `4 + 9K` `GT` values involved (statement, setup `χ/Δ` values, round messages) and evaluated
//! once at the end: one `GT` multi-exponentiation, one G1 and one G2 MSM, two pairings.

use super::gt::{is_in_gt, pairing, Gt};
use super::{challenge, DoryCommitment, DoryProof, DoryVerifierSetup, GtElement};
use crate::error::PcsError;
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{CurveGroup, VariableBaseMSM};
use ark_ff::{One, Zero};
use sumcheck::Transcript;

/// `acc += a·x` over coefficient vectors.
fn axpy(acc: &mut [Fr], a: Fr, x: &[Fr]) {
    for (c, v) in acc.iter_mut().zip(x) {
        if !v.is_zero() {
            *c += a * v;
        }
    }
}

/// Verifies `proof` for the statement already absorbed (see [`super::Dory`]).
pub(super) fn verify(
    vk: &DoryVerifierSetup,
    commitment: &DoryCommitment,
    point: &[Fr],
    eval: &Fr,
    proof: &DoryProof,
    transcript: &mut impl Transcript,
) -> Result<(), PcsError> {
    let (row_vars, col_vars) = vk.shape(point.len());
    let rounds = col_vars;
    if proof.rounds.len() != rounds {
        return Err(PcsError::WrongProofLength {
            field: "rounds",
            expected: rounds,
            got: proof.rounds.len(),
        });
    }
    let vmv = &proof.vmv;
    transcript.append_serializable(b"dory_vmv", vmv);
    // Eval-VMV-RE: e(E1, Γ2,fin) = D2 ties v (inside D2) to the committed rows (inside E1).
    if pairing(vmv.e1, vk.gamma2_fin) != vmv.d2.0 {
        return Err(PcsError::VmvCheckFailed);
    }

    // GT bases: D1 = commitment, C_v, D2, χ_0..=χ_K, Δ1R_1..=K, Δ2R_1..=K, then six per round.
    let chi_at = |k: usize| 3 + k;
    let delta1_at = |k: usize| 3 + rounds + k;
    let delta2_at = |k: usize| 3 + 2 * rounds + k;
    let message_at = |t: usize, j: usize| 4 + 3 * rounds + 6 * t + j;
    let total = 4 + 9 * rounds;
    let mut bases: Vec<Gt> = Vec::with_capacity(total);
    bases.extend([commitment.tier2.0, vmv.c.0, vmv.d2.0]);
    bases.extend(vk.chi[..=rounds].iter().map(|x| x.0));
    bases.extend(vk.delta1_right[..rounds].iter().map(|x| x.0));
    bases.extend(vk.delta2_right[..rounds].iter().map(|x| x.0));
    let unit = |i: usize| {
        let mut x = vec![Fr::zero(); total];
        x[i] = Fr::one();
        x
    };
    let (mut c, mut d1, mut d2) = (unit(1), unit(0), unit(2));
    // E1 and E2 as (base, coefficient) lists; E2 starts at y·Γ2,fin.
    let mut e1_bases: Vec<G1Affine> = vec![vmv.e1];
    let mut e1_coeffs = vec![Fr::one()];
    let mut e2_bases: Vec<G2Affine> = vec![vk.gamma2_fin];
    let mut e2_coeffs = vec![*eval];
    // s1 = Π (α(1−c)+c) over column coordinates, s2 = Π (α^{-1}(1−c')+c') over row
    // coordinates, c' = 0 for the first K − row_vars rounds (L's zero padding).
    let (mut s1, mut s2) = (Fr::one(), Fr::one());
    let (row_point, col_point) = point.split_at(row_vars);

    for (t, round) in proof.rounds.iter().enumerate() {
        let k = rounds - t;
        let (first, second) = (&round.first, &round.second);
        transcript.append_serializable(b"dory_reduce_first", first);
        let (beta, beta_inv) = challenge(transcript, b"dory_beta")?;
        transcript.append_serializable(b"dory_reduce_second", second);
        let (alpha, alpha_inv) = challenge(transcript, b"dory_alpha")?;
        bases.extend(
            [
                &first.d1_left,
                &first.d1_right,
                &first.d2_left,
                &first.d2_right,
                &second.c_plus,
                &second.c_minus,
            ]
            .map(|x| x.0),
        );
        // C ← C + χ_k + β·D2 + β^{-1}·D1 + α·C+ + α^{-1}·C−
        c[chi_at(k)] += Fr::one();
        axpy(&mut c, beta, &d2);
        axpy(&mut c, beta_inv, &d1);
        c[message_at(t, 4)] += alpha;
        c[message_at(t, 5)] += alpha_inv;
        // D1 ← α·D1L + D1R + αβ·χ_{k−1} + β·Δ1R_k
        d1 = unit(message_at(t, 1));
        d1[message_at(t, 0)] = alpha;
        d1[chi_at(k - 1)] += alpha * beta;
        d1[delta1_at(k)] += beta;
        // D2 ← α^{-1}·D2L + D2R + α^{-1}β^{-1}·χ_{k−1} + β^{-1}·Δ2R_k
        d2 = unit(message_at(t, 3));
        d2[message_at(t, 2)] = alpha_inv;
        d2[chi_at(k - 1)] += alpha_inv * beta_inv;
        d2[delta2_at(k)] += beta_inv;
        // E1 ← E1 + β·E1β + α·E1+ + α^{-1}·E1−;  E2 ← E2 + β^{-1}·E2β + α·E2+ + α^{-1}·E2−
        e1_bases.extend([first.e1_beta, second.e1_plus, second.e1_minus]);
        e1_coeffs.extend([beta, alpha, alpha_inv]);
        e2_bases.extend([first.e2_beta.0, second.e2_plus.0, second.e2_minus.0]);
        e2_coeffs.extend([beta_inv, alpha, alpha_inv]);
        let col = col_point[t];
        s1 *= alpha * (Fr::one() - col) + col;
        if let Some(r) = (t + row_vars).checked_sub(rounds).map(|i| row_point[i]) {
            s2 *= alpha_inv * (Fr::one() - r) + r;
        } else {
            s2 *= alpha_inv;
        }
    }
    transcript.append_serializable(b"dory_final", &(proof.final_g1, proof.final_g2));
    let (d, d_inv) = challenge(transcript, b"dory_d")?;

    // Length 1: E1 = s2·v1 and E2 = s1·v2 checked directly (no blinding to fold in).
    e1_bases.push(proof.final_g1);
    e1_coeffs.push(-s2);
    if !G1Projective::msm_unchecked(&e1_bases, &e1_coeffs).is_zero() {
        return Err(PcsError::FoldedClaimMismatch("E1 = s2·v1"));
    }
    e2_bases.push(proof.final_g2.0);
    e2_coeffs.push(-s1);
    if !G2Projective::msm_unchecked(&e2_bases, &e2_coeffs).is_zero() {
        return Err(PcsError::FoldedClaimMismatch("E2 = s1·v2"));
    }
    // Scalar-Product with a random d: e(v1 + d·Γ1_0, v2 + d^{-1}·Γ2_0) = C + χ_0 + d·D2 + d^{-1}·D1.
    c[chi_at(0)] += Fr::one();
    axpy(&mut c, d, &d2);
    axpy(&mut c, d_inv, &d1);
    let rhs = Gt::msm_unchecked(&bases, &c);
    let lhs = pairing(
        (proof.final_g1 + vk.gamma1_0 * d).into_affine(),
        (proof.final_g2.0 + vk.gamma2_0 * d_inv).into_affine(),
    );
    if lhs != rhs {
        return Err(PcsError::PairingCheckFailed);
    }
    check_membership(commitment, proof)
}

/// Every `GT` value from outside (commitment and proof) is in the order-`r` subgroup and every
/// proof point in its prime-order group (deserialization checks only `G_Φ12` and the curve
/// equations, and an in-memory proof may not have been through it). Run after the equations,
/// so rejected proofs skip it.
fn check_membership(commitment: &DoryCommitment, proof: &DoryProof) -> Result<(), PcsError> {
    let mut gt: Vec<&GtElement> = vec![&commitment.tier2, &proof.vmv.c, &proof.vmv.d2];
    let mut g1: Vec<G1Affine> = vec![proof.vmv.e1, proof.final_g1];
    let mut g2: Vec<G2Affine> = vec![proof.final_g2.0];
    for r in &proof.rounds {
        let (f, s) = (&r.first, &r.second);
        gt.extend([
            &f.d1_left,
            &f.d1_right,
            &f.d2_left,
            &f.d2_right,
            &s.c_plus,
            &s.c_minus,
        ]);
        g1.extend([f.e1_beta, s.e1_plus, s.e1_minus]);
        g2.extend([f.e2_beta.0, s.e2_plus.0, s.e2_minus.0]);
    }
    if !gt.iter().all(|x| is_in_gt(&x.0)) {
        return Err(PcsError::NotInGroup("a GT element"));
    }
    let g1_ok = g1
        .iter()
        .all(|p| p.is_on_curve() && p.is_in_correct_subgroup_assuming_on_curve());
    let g2_ok = g2
        .iter()
        .all(|p| p.is_on_curve() && p.is_in_correct_subgroup_assuming_on_curve());
    if !g1_ok || !g2_ok {
        return Err(PcsError::NotInGroup("a G1 or G2 point"));
    }
    Ok(())
}
