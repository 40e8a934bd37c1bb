//! Opening claims on one-hot chunk matrices through the ordinary accumulator.
//!
//! A chunk `ra_i ∈ {0,1}^{N×T}` is committed as its `N` rows `C_{i,x}`
//! ([`commitments::CommitmentScheme::commit_one_hot`]). A claim `ra~_i(ρ, τ) = v` is a claim
//! on the length-`T` polynomial `ra~_i(ρ, ·)`, whose values are `eq(ρ, c_{i,j})` (`c_{i,j}`
//! the chunk index of cycle `j`) and whose commitment is `Σ_x eq(ρ, x)·C_{i,x}`. Claims that
//! share their cycle point `τ` are merged with powers `μ^c` drawn after every claim value is
//! in the transcript: `D(j) = Σ_c μ^c·eq(ρ_c, c_{i_c, j})`, `D(τ) = Σ_c μ^c·v_c`, commitment
//! `Σ_c Σ_x μ^c·eq(ρ_c, x)·C_{i_c, x}` (one MSM of `N` points per merged claim). If some
//! `v_c` is false, `D(τ)` is false except with probability `#claims/|F|` over `μ`.
//! The derived polynomials then join the accumulator as if committed.

use ark_ff::PrimeField;
use commitments::CommitmentScheme;
use rayon::prelude::*;
use sumcheck::{EqPolynomial, MultilinearPolynomial, Transcript};

use super::shape::OneHotShape;
use crate::opening::OpeningClaim;
use crate::twist_shout::RaClaim;

/// The claims of one instance on its chunks.
pub struct InstanceClaims<'a, F> {
    /// The instance's position in the one-hot commitment list.
    pub instance: usize,
    /// The claims (chunk indices within the instance).
    pub claims: &'a [RaClaim<F>],
}

/// One merged claim: the instance, the `(chunk, ρ, μ^c)` terms, the cycle point and value.
pub struct MergedClaim<F> {
    /// The instance.
    pub instance: usize,
    /// `(chunk, address point, coefficient)`.
    pub terms: Vec<(usize, Vec<F>, F)>,
    /// `τ`.
    pub cycle_point: Vec<F>,
    /// `Σ_c μ^c·v_c`.
    pub value: F,
}

/// Merges every instance's claims by cycle point (first-appearance order) with powers of one
/// `μ` drawn here.
pub fn merge_claims<F: PrimeField>(
    instances: &[InstanceClaims<'_, F>],
    transcript: &mut impl Transcript,
) -> Vec<MergedClaim<F>> {
    let total: usize = instances.iter().map(|i| i.claims.len()).sum();
    let mu: Vec<F> = transcript.challenge_powers(b"one_hot_merge_mu", total);
    let mut mu = mu.into_iter();
    let mut merged: Vec<MergedClaim<F>> = Vec::new();
    for inst in instances {
        let first = merged.len();
        for c in inst.claims {
            let m = mu.next().expect("one power per claim");
            let target = merged[first..]
                .iter_mut()
                .find(|g| g.cycle_point == c.cycle_point);
            match target {
                Some(g) => {
                    g.terms.push((c.chunk, c.address_point.clone(), m));
                    g.value += m * c.value;
                }
                None => merged.push(MergedClaim {
                    instance: inst.instance,
                    terms: vec![(c.chunk, c.address_point.clone(), m)],
                    cycle_point: c.cycle_point.clone(),
                    value: m * c.value,
                }),
            }
        }
    }
    merged
}

/// `(coefficient per row commitment)` of a merged claim: `μ^c·eq(ρ_c, x)` added into the
/// slot of the committed chunk holding protocol chunk `i_c`, row `x`. `None` when a chunk
/// index or a point is out of shape.
fn row_coefficients<F: PrimeField>(claim: &MergedClaim<F>, shape: &OneHotShape) -> Option<Vec<F>> {
    let n = 1usize << shape.log_n;
    let mut coeffs = vec![F::zero(); shape.num_row_commitments()];
    for (chunk, rho, mu) in &claim.terms {
        if *chunk >= shape.chunks || rho.len() != shape.log_n {
            return None;
        }
        let stored = shape.stored_chunk(*chunk);
        for (slot, e) in coeffs[stored * n..(stored + 1) * n]
            .iter_mut()
            .zip(EqPolynomial::evals_scaled(rho, *mu))
        {
            *slot += e;
        }
    }
    Some(coeffs)
}

/// The commitment of a merged claim's polynomial from its instance's row commitments, or
/// `None` (shape mismatch, or a scheme without homomorphic commitments).
pub fn merged_commitment<S: CommitmentScheme>(
    claim: &MergedClaim<S::Field>,
    shape: &OneHotShape,
    rows: &[S::Commitment],
) -> Option<S::Commitment> {
    let coeffs = row_coefficients(claim, shape)?;
    if coeffs.len() != rows.len() {
        return None;
    }
    S::combine_commitments(rows, &coeffs)
}

/// The merged claim's polynomial `D(j) = Σ_c μ^c·eq(ρ_c, c_{i_c, j})` from the instance's
/// chunk indices (`indices[chunk][j]`): one table look-up per term per cycle.
pub fn merged_polynomial<F: PrimeField>(
    claim: &MergedClaim<F>,
    indices: &[&[u16]],
) -> MultilinearPolynomial<F> {
    let tables: Vec<(&[u16], Vec<F>)> = claim
        .terms
        .iter()
        .map(|(chunk, rho, mu)| (indices[*chunk], EqPolynomial::evals_scaled(rho, *mu)))
        .collect();
    let t = indices.first().map_or(0, |c| c.len());
    let values: Vec<F> = (0..t)
        .into_par_iter()
        .map(|j| {
            tables
                .iter()
                .map(|(idx, table)| table[idx[j] as usize])
                .sum()
        })
        .collect();
    MultilinearPolynomial::dense(values)
}

/// The accumulator claims of the merged claims, on commitments numbered from `first`.
pub fn merged_opening_claims<F: PrimeField>(
    merged: &[MergedClaim<F>],
    first: usize,
) -> Vec<OpeningClaim<F>> {
    merged
        .iter()
        .enumerate()
        .map(|(k, m)| OpeningClaim {
            commitment_index: first + k,
            point: m.cycle_point.clone(),
            value: m.value,
        })
        .collect()
}
