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

/// One merged claim: the `(instance, chunk, ρ, μ^c)` terms, the cycle point and value.
pub struct MergedClaim<F> {
    /// `(instance, chunk, address point, coefficient)`.
    pub terms: Vec<(usize, usize, Vec<F>, F)>,
    /// `τ`.
    pub cycle_point: Vec<F>,
    /// `Σ_c μ^c·v_c`.
    pub value: F,
}

/// Merges every instance's claims (`instances[i]`: instance `i`'s claims, chunk indices
/// within the instance) by cycle point (first-appearance order; instances of one batch share
/// their points) with powers of one `μ` drawn here.
pub fn merge_claims<F: PrimeField>(
    instances: &[&[RaClaim<F>]],
    transcript: &mut impl Transcript,
) -> Vec<MergedClaim<F>> {
    let total: usize = instances.iter().map(|c| c.len()).sum();
    let mu: Vec<F> = transcript.challenge_powers(b"one_hot_merge_mu", total);
    let mut mu = mu.into_iter();
    let mut merged: Vec<MergedClaim<F>> = Vec::new();
    for (instance, claims) in instances.iter().enumerate() {
        for c in claims.iter() {
            let m = mu.next().expect("one power per claim");
            let term = (instance, c.chunk, c.address_point.clone(), m);
            match merged.iter_mut().find(|g| g.cycle_point == c.cycle_point) {
                Some(g) => {
                    g.terms.push(term);
                    g.value += m * c.value;
                }
                None => merged.push(MergedClaim {
                    terms: vec![term],
                    cycle_point: c.cycle_point.clone(),
                    value: m * c.value,
                }),
            }
        }
    }
    merged
}

/// The row commitments a merged claim's polynomial combines and their coefficients
/// `μ^c·eq(ρ_c, x)` (summed where terms share a row), over the committed chunk holding each
/// protocol chunk. `None` when an instance, chunk index or point is out of shape.
fn row_coefficients<C: Clone, F: PrimeField>(
    claim: &MergedClaim<F>,
    shapes: &[OneHotShape],
    rows: &[Vec<C>],
) -> Option<(Vec<C>, Vec<F>)> {
    let mut slots: Vec<(usize, usize)> = Vec::new(); // (instance, stored chunk)
    let mut points = Vec::new();
    let mut coeffs: Vec<F> = Vec::new();
    for (instance, chunk, rho, mu) in &claim.terms {
        let shape = shapes.get(*instance)?;
        let rows = rows.get(*instance)?;
        if *chunk >= shape.chunks
            || rho.len() != shape.log_n
            || rows.len() != shape.num_row_commitments()
        {
            return None;
        }
        let n = 1usize << shape.log_n;
        let stored = shape.stored_chunk(*chunk);
        let at = match slots.iter().position(|&s| s == (*instance, stored)) {
            Some(p) => slot_start(&slots, p, shapes),
            None => {
                slots.push((*instance, stored));
                points.extend_from_slice(&rows[stored * n..(stored + 1) * n]);
                coeffs.resize(coeffs.len() + n, F::zero());
                coeffs.len() - n
            }
        };
        for (slot, e) in coeffs[at..at + n]
            .iter_mut()
            .zip(EqPolynomial::evals_scaled(rho, *mu))
        {
            *slot += e;
        }
    }
    Some((points, coeffs))
}

/// Where the `p`-th slot's rows start in the concatenation.
fn slot_start(slots: &[(usize, usize)], p: usize, shapes: &[OneHotShape]) -> usize {
    slots[..p]
        .iter()
        .map(|&(i, _)| 1usize << shapes[i].log_n)
        .sum()
}

/// The commitment of a merged claim's polynomial from the instances' row commitments, or
/// `None` (shape mismatch, or a scheme without homomorphic commitments).
pub fn merged_commitment<S: CommitmentScheme>(
    claim: &MergedClaim<S::Field>,
    shapes: &[OneHotShape],
    rows: &[Vec<S::Commitment>],
) -> Option<S::Commitment> {
    let (points, coeffs) = row_coefficients(claim, shapes, rows)?;
    S::combine_commitments(&points, &coeffs)
}

/// The merged claim's polynomial `D(j) = Σ_c μ^c·eq(ρ_c, c_{i_c, j})` from every instance's
/// chunk indices (`indices[instance][chunk][j]`): one table look-up per term per cycle.
pub fn merged_polynomial<F: PrimeField>(
    claim: &MergedClaim<F>,
    indices: &[Vec<&[u16]>],
) -> MultilinearPolynomial<F> {
    let tables: Vec<(&[u16], Vec<F>)> = claim
        .terms
        .iter()
        .map(|(instance, chunk, rho, mu)| {
            (
                indices[*instance][*chunk],
                EqPolynomial::evals_scaled(rho, *mu),
            )
        })
        .collect();
    let t = tables.first().map_or(0, |(c, _)| c.len());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twist_shout::OneHotCheck;
    use ark_bn254::Fr;
    use ark_ff::UniformRand;
    use ark_std::rand::{rngs::StdRng, Rng, SeedableRng};
    use commitments::HyperKzg;
    use sumcheck::MerlinTranscript;

    /// Two instances (one with an aliased write chunk) and claims at two cycle points: the
    /// merged polynomial opens to the merged value and its commitment is the commitment of
    /// the merged polynomial; one false claim value breaks the first.
    #[test]
    fn merged_claims_open_only_when_every_claim_is_true() {
        let (log_n, log_t) = (2, 4);
        let mut rng = StdRng::seed_from_u64(5);
        let chunk = |rng: &mut StdRng| -> Vec<u16> {
            (0..1 << log_t).map(|_| rng.gen_range(0..4u16)).collect()
        };
        // Instance 0: two chunks. Instance 1: one read chunk, the write chunk aliases it.
        let indices: Vec<Vec<Vec<u16>>> = vec![vec![chunk(&mut rng), chunk(&mut rng)], {
            let c = chunk(&mut rng);
            vec![c.clone(), c]
        }];
        let shapes = [
            OneHotShape {
                log_n,
                chunks: 2,
                write_alias: None,
            },
            OneHotShape {
                log_n,
                chunks: 2,
                write_alias: Some((1, 1, 0)),
            },
        ];
        let setup = <HyperKzg as CommitmentScheme>::insecure_test_setup(log_t, 3);
        let rows: Vec<Vec<_>> = indices
            .iter()
            .zip(&shapes)
            .map(|(inst, s)| {
                inst[..s.stored_chunks()]
                    .iter()
                    .flat_map(|c| HyperKzg::commit_one_hot(&setup, 1 << log_n, c).unwrap())
                    .collect()
            })
            .collect();
        let point =
            |rng: &mut StdRng, n: usize| -> Vec<Fr> { (0..n).map(|_| Fr::rand(rng)).collect() };
        let (tau_a, tau_b) = (point(&mut rng, log_t), point(&mut rng, log_t));
        let claims: Vec<Vec<RaClaim<Fr>>> = indices
            .iter()
            .map(|inst| {
                (0..2)
                    .flat_map(|chunk| {
                        [&tau_a, &tau_b].map(|tau| {
                            let rho = point(&mut rng, log_n);
                            let value =
                                crate::twist_shout::RaChunk::<Fr>::OneHot(inst[chunk].clone())
                                    .evaluate(&rho, tau);
                            RaClaim {
                                chunk,
                                check: OneHotCheck::ReadRaf,
                                address_point: rho,
                                cycle_point: tau.clone(),
                                value,
                            }
                        })
                    })
                    .collect()
            })
            .collect();
        let views: Vec<Vec<&[u16]>> = indices
            .iter()
            .map(|inst| inst.iter().map(|c| c.as_slice()).collect())
            .collect();
        let check = |claims: &[Vec<RaClaim<Fr>>]| -> bool {
            let lists: Vec<&[RaClaim<Fr>]> = claims.iter().map(|c| c.as_slice()).collect();
            let merged = merge_claims(&lists, &mut MerlinTranscript::new(b"test"));
            assert_eq!(merged.len(), 2, "one merged claim per cycle point");
            merged.iter().all(|m| {
                let poly = merged_polynomial(m, &views);
                let commitment = merged_commitment::<HyperKzg>(m, &shapes, &rows).unwrap();
                assert_eq!(commitment, HyperKzg::commit(&setup, &poly).unwrap());
                poly.evaluate(&m.cycle_point) == m.value
            })
        };
        assert!(check(&claims));
        let mut lying = claims.clone();
        lying[1][3].value += Fr::from(1u64); // the aliased write chunk's claim
        assert!(!check(&lying));
    }
}
