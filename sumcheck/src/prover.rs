//! The sumcheck prover, single and batched.
//!
//! Batching (several claims `H_i = Σ_x g_i(x)` over `n_i` variables, `n = max n_i`): after
//! absorbing every statement the verifier draws `λ` and the parties run one sumcheck on
//! `Σ_i λ^i·2^{n−n_i}·H_i`. Instance `i` takes part in the **last** `n_i` rounds, so its point is
//! the suffix `(r_{n−n_i}, …, r_{n−1})` of the common point; in the first `n − n_i` rounds it
//! contributes the constant polynomial (half its running claim), because a polynomial that does
//! not depend on a variable sums to twice its value over it.

use crate::error::SumcheckError;
use crate::instance::SumcheckInstance;
use crate::proof::{absorb_statement, SumcheckProof};
use crate::transcript::Transcript;
use crate::univariate::UniPoly;
use ark_ff::PrimeField;

/// Proves one instance. Absorbs the statement (claim, size, degree), then each round
/// polynomial before its challenge. Returns the proof, the point `r` and the instance's
/// [`SumcheckInstance::final_evals`] at `r` (not absorbed: the caller absorbs them, as the
/// claims it hands on, before drawing any further challenge).
pub fn prove_sumcheck<F: PrimeField, T: Transcript>(
    instance: &mut dyn SumcheckInstance<F>,
    transcript: &mut T,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>) {
    let (n, d, mut claim) = (
        instance.num_vars(),
        instance.degree(),
        instance.claimed_sum(),
    );
    absorb_statement(transcript, &claim, n, d);
    let mut round_polys = Vec::with_capacity(n);
    let mut point = Vec::with_capacity(n);
    for _ in 0..n {
        let poly = UniPoly::from_evals(&instance.round_evals(claim));
        let compressed = poly.compress();
        transcript.append_scalars(b"sumcheck_round", &compressed.coeffs_except_linear);
        let r: F = transcript.challenge_scalar(b"sumcheck_challenge");
        claim = poly.evaluate(&r);
        instance.bind(r);
        round_polys.push(compressed);
        point.push(r);
    }
    (SumcheckProof { round_polys }, point, instance.final_evals())
}

/// What the batched verifier hands back: the final combined claim, the common point, and the
/// batching coefficients `λ^i`, so the caller can check
/// `final_claim == Σ_i coeffs[i]·g_i(suffix of point)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchedSumcheckOutput<F: PrimeField> {
    /// `s_{n−1}(r_{n−1})`.
    pub final_claim: F,
    /// The common point `(r_0, …, r_{n−1})`.
    pub point: Vec<F>,
    /// The batching coefficients, one per instance.
    pub coeffs: Vec<F>,
}

fn absorb_batch<F: PrimeField, T: Transcript>(
    transcript: &mut T,
    claims: &[F],
    num_vars: &[usize],
    degree: usize,
) -> Vec<F> {
    transcript.append_u64(b"batched_sumcheck_instances", claims.len() as u64);
    for (claim, &n) in claims.iter().zip(num_vars) {
        absorb_statement(transcript, claim, n, degree);
    }
    transcript.challenge_powers(b"batched_sumcheck_lambda", claims.len())
}

fn pow2<F: PrimeField>(k: usize) -> F {
    let mut v = F::one();
    for _ in 0..k {
        v.double_in_place();
    }
    v
}

/// Proves several instances at once (see the module docs for the batching rule). Returns the
/// proof, the common point, and each instance's final evaluations (at its suffix point).
///
/// # Panics
/// If `instances` is empty.
pub fn prove_batched<F: PrimeField, T: Transcript>(
    instances: &mut [&mut dyn SumcheckInstance<F>],
    transcript: &mut T,
) -> (SumcheckProof<F>, Vec<F>, Vec<Vec<F>>) {
    let (proof, point, _, finals) = prove_batched_with_coeffs(instances, transcript);
    (proof, point, finals)
}

/// [`prove_batched`], also returning the batching coefficients (the verifier's
/// [`BatchedSumcheckOutput::coeffs`]): `(proof, point, coeffs, finals)`.
///
/// # Panics
/// If `instances` is empty.
pub fn prove_batched_with_coeffs<F: PrimeField, T: Transcript>(
    instances: &mut [&mut dyn SumcheckInstance<F>],
    transcript: &mut T,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>, Vec<Vec<F>>) {
    assert!(!instances.is_empty(), "batched sumcheck of no instances");
    let claims: Vec<F> = instances.iter().map(|i| i.claimed_sum()).collect();
    let sizes: Vec<usize> = instances.iter().map(|i| i.num_vars()).collect();
    let degree = instances.iter().map(|i| i.degree()).max().unwrap_or(1);
    let coeffs = absorb_batch(transcript, &claims, &sizes, degree);
    let n = sizes.iter().copied().max().unwrap_or(0);
    // Running claim of each instance, scaled by 2^{rounds it sits out that remain}.
    let mut running: Vec<F> = claims
        .iter()
        .zip(&sizes)
        .map(|(c, &ni)| *c * pow2::<F>(n - ni))
        .collect();
    let mut round_polys = Vec::with_capacity(n);
    let mut point = Vec::with_capacity(n);
    for round in 0..n {
        let mut combined = vec![F::zero(); degree + 1];
        let mut per_instance: Vec<Option<UniPoly<F>>> = Vec::with_capacity(instances.len());
        for (idx, inst) in instances.iter().enumerate() {
            let active = round >= n - sizes[idx];
            if active {
                let mut evals = inst.round_evals(running[idx]);
                // Lift to the common degree by evaluating the interpolant further out.
                if evals.len() < degree + 1 {
                    let p = UniPoly::from_evals(&evals);
                    evals = (0..=degree)
                        .map(|t| p.evaluate(&F::from(t as u64)))
                        .collect();
                }
                for (c, e) in combined.iter_mut().zip(&evals) {
                    *c += coeffs[idx] * e;
                }
                per_instance.push(Some(UniPoly::from_evals(&evals)));
            } else {
                let half = running[idx] * F::from(2u64).inverse().unwrap_or_else(F::one);
                for c in combined.iter_mut() {
                    *c += coeffs[idx] * half;
                }
                per_instance.push(None);
            }
        }
        let poly = UniPoly::from_evals(&combined);
        let compressed = poly.compress();
        transcript.append_scalars(b"sumcheck_round", &compressed.coeffs_except_linear);
        let r: F = transcript.challenge_scalar(b"sumcheck_challenge");
        for (idx, inst) in instances.iter_mut().enumerate() {
            match &per_instance[idx] {
                Some(p) => {
                    running[idx] = p.evaluate(&r);
                    inst.bind(r);
                }
                None => {
                    running[idx] *= F::from(2u64).inverse().unwrap_or_else(F::one);
                }
            }
        }
        round_polys.push(compressed);
        point.push(r);
    }
    let finals = instances.iter().map(|i| i.final_evals()).collect();
    (SumcheckProof { round_polys }, point, coeffs, finals)
}

/// Verifies a batched sumcheck over instances with the given claims and sizes and the common
/// degree bound. The caller checks `final_claim == Σ_i coeffs[i]·g_i(point[n − n_i..])`.
pub fn verify_batched<F: PrimeField, T: Transcript>(
    proof: &SumcheckProof<F>,
    claims: &[F],
    num_vars: &[usize],
    degree: usize,
    transcript: &mut T,
) -> Result<BatchedSumcheckOutput<F>, SumcheckError> {
    if claims.is_empty() || claims.len() != num_vars.len() {
        return Err(SumcheckError::Malformed(
            "batched sumcheck needs one size per claim and at least one claim",
        ));
    }
    let coeffs = absorb_batch(transcript, claims, num_vars, degree);
    let n = num_vars.iter().copied().max().unwrap_or(0);
    let combined: F = claims
        .iter()
        .zip(num_vars)
        .zip(&coeffs)
        .map(|((c, &ni), l)| *l * c * pow2::<F>(n - ni))
        .sum();
    let (final_claim, point) = proof.verify_rounds(combined, n, degree, transcript)?;
    Ok(BatchedSumcheckOutput {
        final_claim,
        point,
        coeffs,
    })
}

#[cfg(test)]
mod tests;
