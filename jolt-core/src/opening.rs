//! The opening accumulator: every evaluation claim of a proof, at whatever point, reduced to
//! one point and opened with one batched PCS proof.
//!
//! Claims `p_i(r_i) = v_i` are first absorbed (index, point, value), then combined with powers
//! `λ^i` and **grouped by point**: claims at the same point `r_g` merge into one claim
//! `P_g(r_g) = c_g` with `P_g = Σ_{i∈g} λ^i p_i`, `c_g = Σ_{i∈g} λ^i v_i` (a proof has a few
//! dozen distinct points but hundreds of claims). The batched sumcheck then proves
//! `Σ_g μ_g c_g = Σ_x Σ_g μ_g·eq(r_g, x)·P_g(x)` (degree 2; shorter groups in the last rounds).
//! Its final claim at its point `ρ` is `Σ_g μ_g·eq(r_g, ρ_g)·P_g(ρ_g)` (`ρ_g` the suffix of
//! `ρ` a group's size takes): one evaluation of the single polynomial
//! `P* = Σ_g c*_g·pad(P_g)`, `c*_g = μ_g·eq(r_g, ρ_g) / Π_{i < n − n_g}(1 − ρ_i)` (the
//! zero-padding of a shorter polynomial contributes `Π(1 − ρ_i)·P_g(ρ_g)` at `ρ`). The prover
//! opens `P*` at `ρ` to the final claim with one PCS opening, and the verifier forms `P*`'s
//! commitment from the commitments it already holds (`Σ_j (Σ_{i on j} c*_{g(i)} λ^i)·C_j`).
//! No per-polynomial evaluation at `ρ` is sent or computed.
//! See `paper-notes/memory-checking.md` for where the claims come from.

use ark_ff::{One, PrimeField, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use commitments::{CommitmentScheme, PcsError};
use sumcheck::{
    prove_batched_with_coeffs, verify_batched, DensePolynomial, EqPolynomial,
    MultilinearPolynomial, SumcheckError, SumcheckInstance, SumcheckProof, Transcript,
};

use crate::twist_shout::dense::{DenseProductSum, EqFactor};

/// Polynomials of the accumulator that each read one table at a shared index column:
/// `polys[p](t) = table_p[indices[t]]` for every member `(p, table_p)` (the zkVM's bytecode
/// fields, lookup chunks and Surge memory values; see [`crate::zkvm::commit`]). A linear
/// combination of members takes one pass over the steps,
/// `Σ_p c_p·polys[p](t) = (Σ_p c_p·table_p)[indices[t]]`, and an evaluation is a sum over
/// the table, `polys[p](r) = Σ_k table_p[k]·E_r[k]` with `E_r[k] = Σ_{t: indices[t] = k} eq(r, t)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableReads {
    /// The table's number of rows (every member's table length).
    pub num_rows: usize,
    /// The row each step reads (`T` entries, each below `num_rows`).
    pub indices: Vec<u16>,
    /// `(position in the polynomial list, table)`.
    pub members: Vec<(usize, Vec<u64>)>,
}

impl TableReads {
    /// `E[k] = Σ_{t: indices[t] = k} eq[t]`: the eq table pushed through the index column.
    pub fn pushforward<F: PrimeField>(&self, eq: &[F]) -> Vec<F> {
        sumcheck::pushforward(self.indices.iter().map(|&k| k as usize), eq, self.num_rows)
    }

    /// `Σ_k table[k]·pushed[k]` for a member's table and a [`TableReads::pushforward`].
    pub fn evaluate<F: PrimeField>(table: &[u64], pushed: &[F]) -> F {
        table
            .iter()
            .zip(pushed)
            .filter(|(&v, _)| v != 0)
            .map(|(&v, e)| *e * F::from(v))
            .sum()
    }
}

/// `acc += Σ_{(j, c) ∈ terms} c·polys[j]`: members of `reads` with at least two terms are
/// combined in their table first and added in one pass; the others one polynomial at a time.
pub fn add_combination<F: PrimeField>(
    polys: &[MultilinearPolynomial<F>],
    reads: &[TableReads],
    terms: &[(usize, F)],
    acc: &mut [F],
) {
    use rayon::prelude::*;
    let mut done = vec![false; terms.len()];
    for group in reads {
        let found: Vec<(usize, &[u64])> = terms
            .iter()
            .enumerate()
            .filter_map(|(i, (j, _))| {
                let (_, table) = group.members.iter().find(|(p, _)| p == j)?;
                Some((i, table.as_slice()))
            })
            .collect();
        if found.len() < 2 || acc.len() < group.indices.len() {
            continue;
        }
        let mut combined = vec![F::zero(); group.num_rows];
        for &(i, table) in &found {
            let c = terms[i].1;
            for (out, &v) in combined.iter_mut().zip(table) {
                if v != 0 {
                    *out += c * F::from(v);
                }
            }
            done[i] = true;
        }
        acc[..group.indices.len()]
            .par_iter_mut()
            .zip(group.indices.par_iter())
            .with_min_len(1 << 12)
            .for_each(|(a, &k)| *a += combined[k as usize]);
    }
    for ((j, c), _) in terms.iter().zip(&done).filter(|(_, &d)| !d) {
        polys[*j].add_scaled_into(acc, *c);
    }
}

/// `polys[j](r)` for each `j` in `positions`, given `eq = (eq(r, t))_t`: members of `reads`
/// through their group's [`TableReads::pushforward`] (one pass per group), the others by a
/// pass over their values each.
pub fn evaluate_with_reads<F: PrimeField>(
    polys: &[MultilinearPolynomial<F>],
    reads: &[TableReads],
    positions: &[usize],
    eq: &[F],
) -> Vec<F> {
    use rayon::prelude::*;
    let member = |j: usize| {
        reads.iter().enumerate().find_map(|(g, group)| {
            let (_, table) = group.members.iter().find(|(p, _)| *p == j)?;
            (group.indices.len() == eq.len()).then_some((g, table.as_slice()))
        })
    };
    let found: Vec<Option<(usize, &[u64])>> = positions.iter().map(|&j| member(j)).collect();
    let pushed: Vec<Option<Vec<F>>> = (0..reads.len())
        .into_par_iter()
        .map(|g| {
            found
                .iter()
                .any(|f| f.is_some_and(|(h, _)| h == g))
                .then(|| reads[g].pushforward(eq))
        })
        .collect();
    positions
        .par_iter()
        .zip(&found)
        .map(|(&j, f)| match f {
            Some((g, table)) => {
                TableReads::evaluate(table, pushed[*g].as_ref().expect("pushed forward"))
            }
            None => polys[j].evaluate_with_eq_table(eq),
        })
        .collect()
}

/// One claim `p(point) = value` about a committed polynomial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningClaim<F> {
    /// The index of the polynomial's commitment in the caller's list.
    pub commitment_index: usize,
    /// The point.
    pub point: Vec<F>,
    /// The claimed value.
    pub value: F,
}

/// The accumulator's proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct OpeningProof<S: CommitmentScheme> {
    /// The reduction sumcheck.
    pub reduction: SumcheckProof<S::Field>,
    /// The opening of `P*` (see the module docs) at the reduction's point.
    pub pcs: S::Proof,
}

/// Why an accumulated opening was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpeningError {
    /// The reduction sumcheck failed.
    #[error("reduction sumcheck: {0}")]
    Sumcheck(#[from] SumcheckError),
    /// The reduction's point makes `Π(1 − ρ_i)` zero, so a shorter group has no coefficient
    /// (probability about `n/|F|`).
    #[error("degenerate reduction point")]
    DegeneratePoint,
    /// The PCS rejected the batched opening.
    #[error("batched opening: {0}")]
    Pcs(#[from] PcsError),
    /// Shapes disagree (claims vs evaluations, a commitment index out of range, no claims).
    #[error("malformed: {0}")]
    Malformed(&'static str),
}

/// The claims grouped by point: `(point, [(claim index, polynomial index)])`, in order of
/// first appearance, and the sorted distinct polynomial indices.
type Group<'a, F> = (&'a [F], Vec<(usize, usize)>);
type Groups<'a, F> = (Vec<Group<'a, F>>, Vec<usize>);

/// One group's combined claim: its point, value and polynomial.
type CombinedClaim<F> = (Vec<F>, F, Vec<F>);

fn group_claims<F: PrimeField>(claims: &[OpeningClaim<F>]) -> Groups<'_, F> {
    let mut groups: Vec<Group<'_, F>> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        match groups.iter_mut().find(|(p, _)| *p == c.point.as_slice()) {
            Some((_, members)) => members.push((i, c.commitment_index)),
            None => groups.push((&c.point, vec![(i, c.commitment_index)])),
        }
    }
    let mut polys: Vec<usize> = claims.iter().map(|c| c.commitment_index).collect();
    polys.sort_unstable();
    polys.dedup();
    (groups, polys)
}

/// Absorbs every claim and draws the claim coefficients `λ^i`.
fn absorb_claims<F: PrimeField>(
    claims: &[OpeningClaim<F>],
    transcript: &mut impl Transcript,
) -> Vec<F> {
    transcript.append_u64(b"opening_claims", claims.len() as u64);
    for c in claims {
        transcript.append_u64(b"opening_claim_poly", c.commitment_index as u64);
        transcript.append_scalars(b"opening_claim_point", &c.point);
        transcript.append_scalar(b"opening_claim_value", &c.value);
    }
    transcript.challenge_powers(b"opening_lambda", claims.len())
}

/// Reduces `claims` about `polys` (by `commitment_index`) to one point and opens them all.
///
/// # Panics
/// On a claim whose index or point length does not fit `polys` (a prover-side bug), or on
/// polynomials that were already bound.
pub fn prove_openings<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    polys: &[MultilinearPolynomial<S::Field>],
    commitments: &[S::Commitment],
    claims: &[OpeningClaim<S::Field>],
    transcript: &mut impl Transcript,
) -> Result<OpeningProof<S>, OpeningError> {
    prove_openings_with_reads(setup, polys, &[], commitments, claims, transcript)
}

/// [`prove_openings`] where some polynomials are known [`TableReads`] (which only makes
/// their linear combinations cheaper: the proof is the same).
///
/// # Panics
/// As [`prove_openings`]; `reads` must describe `polys` truthfully.
pub fn prove_openings_with_reads<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    polys: &[MultilinearPolynomial<S::Field>],
    reads: &[TableReads],
    commitments: &[S::Commitment],
    claims: &[OpeningClaim<S::Field>],
    transcript: &mut impl Transcript,
) -> Result<OpeningProof<S>, OpeningError> {
    if claims.is_empty() {
        return Err(OpeningError::Malformed("no claims"));
    }
    for c in claims {
        assert_eq!(
            polys[c.commitment_index].num_vars(),
            c.point.len(),
            "claim point length differs from its polynomial"
        );
    }
    let lambda = absorb_claims(claims, transcript);
    let (groups, distinct) = group_claims(claims);
    let combined: Vec<CombinedClaim<S::Field>> = crate::profiled!(
        "opening: group sums",
        groups
            .iter()
            .map(|(point, members)| {
                let mut acc = vec![S::Field::zero(); 1 << point.len()];
                let mut value = S::Field::zero();
                // Claims on the same polynomial at this point add their coefficients first.
                let mut coeffs: Vec<(usize, S::Field)> = Vec::new();
                for &(i, j) in members {
                    value += lambda[i] * claims[i].value;
                    match coeffs.iter_mut().find(|(p, _)| *p == j) {
                        Some((_, c)) => *c += lambda[i],
                        None => coeffs.push((j, lambda[i])),
                    }
                }
                add_combination(polys, reads, &coeffs, &mut acc);
                (point.to_vec(), value, acc)
            })
            .collect()
    );
    // The reduction binds the combinations in place; `P*` is summed from copies of them
    // afterwards (one multiplication per entry and group, instead of one per entry and
    // claimed polynomial).
    let group_polys: Vec<Vec<S::Field>> = combined.iter().map(|(_, _, p)| p.clone()).collect();
    // `eq(r_g, x)·P_g(x)` with `eq` split out of the product: no `T`-long eq table per group.
    let mut instances: Vec<DenseProductSum<S::Field>> = combined
        .into_iter()
        .map(|(point, value, p)| DenseProductSum {
            factors: vec![p],
            terms: vec![(S::Field::one(), vec![0])],
            degree: 2,
            claim: value,
            eq: Some(EqFactor::new(point)),
        })
        .collect();
    let mut refs: Vec<&mut dyn SumcheckInstance<S::Field>> = instances
        .iter_mut()
        .map(|i| i as &mut dyn SumcheckInstance<S::Field>)
        .collect();
    let (reduction, point, mu, finals) = crate::profiled!(
        "opening: reduction",
        prove_batched_with_coeffs(&mut refs, transcript)
    );
    drop(instances);
    // The final claim: Σ_g μ_g·eq(r_g, ρ_g)·P_g(ρ_g) (each instance's finals are `[eq, P_g]`).
    let final_claim: S::Field = mu.iter().zip(&finals).map(|(m, f)| *m * f[0] * f[1]).sum();
    let coeffs = combined_coefficients(&groups, &distinct, &lambda, &mu, &point)
        .ok_or(OpeningError::DegeneratePoint)?;
    let group_coeffs =
        group_coefficients(&groups, &mu, &point).ok_or(OpeningError::DegeneratePoint)?;
    let combined = crate::profiled!(
        "opening: combine P*",
        combine_groups(&group_polys, &group_coeffs, 1 << point.len())
    );
    drop(group_polys);
    let claim_commitments: Vec<S::Commitment> =
        distinct.iter().map(|&j| commitments[j].clone()).collect();
    let commitment =
        S::combine_commitments(&claim_commitments, &coeffs).ok_or(PcsError::NotHomomorphic)?;
    let pcs = crate::profiled!(
        "opening: PCS open",
        S::open(
            setup,
            &DensePolynomial::new(combined),
            &commitment,
            &point,
            &final_claim,
            transcript,
        )
    )?;
    Ok(OpeningProof { reduction, pcs })
}

/// `Σ_g c_g·P_g` over `len` entries (a shorter `P_g` adds to the first `|P_g|`).
fn combine_groups<F: PrimeField>(group_polys: &[Vec<F>], coeffs: &[F], len: usize) -> Vec<F> {
    use rayon::prelude::*;
    const BLOCK: usize = 1 << 12;
    let mut out = vec![F::zero(); len];
    out.par_chunks_mut(BLOCK)
        .enumerate()
        .for_each(|(b, block)| {
            let start = b * BLOCK;
            for (p, c) in group_polys.iter().zip(coeffs) {
                let end = p.len().min(start + block.len());
                if start < end {
                    for (o, v) in block.iter_mut().zip(&p[start..end]) {
                        *o += *c * v;
                    }
                }
            }
        });
    out
}

/// The coefficient of each group's combination `P_g = Σ_{i ∈ g} λ^i·p_{j(i)}` in `P*`:
/// `c_g = μ_g·eq(r_g, ρ_g) / Π_{b < n − n_g}(1 − ρ_b)`, so `P* = Σ_g c_g·P_g` (each `P_g` in
/// the first `2^{n_g}` entries); `None` when a needed `Π(1 − ρ_b)` is zero.
fn group_coefficients<F: PrimeField>(
    groups: &[Group<'_, F>],
    mu: &[F],
    point: &[F],
) -> Option<Vec<F>> {
    let n = point.len();
    let prefix = sumcheck::zero_prefix_products(point);
    groups
        .iter()
        .zip(mu)
        .map(|((group_point, _), m)| {
            let k = group_point.len();
            let eq = EqPolynomial::new(group_point.to_vec()).evaluate(&point[n - k..]);
            Some(*m * eq * prefix[n - k].inverse()?)
        })
        .collect()
}

/// The coefficient of each distinct polynomial (`distinct` order) in `P*`:
/// `Σ_{claims i on j} λ^i·μ_{g(i)}·eq(r_g, ρ_g) / Π_{b < n − n_g}(1 − ρ_b)`; `None` when a
/// needed `Π(1 − ρ_b)` is zero.
fn combined_coefficients<F: PrimeField>(
    groups: &[Group<'_, F>],
    distinct: &[usize],
    lambda: &[F],
    mu: &[F],
    point: &[F],
) -> Option<Vec<F>> {
    let mut coeffs = vec![F::zero(); distinct.len()];
    for ((_, members), c) in groups.iter().zip(group_coefficients(groups, mu, point)?) {
        for &(i, j) in members {
            let pos = distinct
                .binary_search(&j)
                .expect("j is a claimed polynomial");
            coeffs[pos] += c * lambda[i];
        }
    }
    Some(coeffs)
}

/// Verifies that every claim holds for the committed polynomials (`num_vars[i]` variables for
/// commitment `i`).
pub fn verify_openings<S: CommitmentScheme>(
    setup: &S::VerifierSetup,
    commitments: &[S::Commitment],
    num_vars: &[usize],
    claims: &[OpeningClaim<S::Field>],
    proof: &OpeningProof<S>,
    transcript: &mut impl Transcript,
) -> Result<(), OpeningError> {
    if claims.is_empty() || commitments.len() != num_vars.len() {
        return Err(OpeningError::Malformed(
            "claims, evaluations and commitments disagree",
        ));
    }
    for c in claims {
        match num_vars.get(c.commitment_index) {
            Some(&n) if n == c.point.len() => {}
            _ => return Err(OpeningError::Malformed("claim does not fit its commitment")),
        }
    }
    let lambda = absorb_claims(claims, transcript);
    let (groups, distinct) = group_claims(claims);
    let values: Vec<S::Field> = groups
        .iter()
        .map(|(_, members)| {
            members
                .iter()
                .map(|&(i, _)| lambda[i] * claims[i].value)
                .sum()
        })
        .collect();
    let sizes: Vec<usize> = groups.iter().map(|(p, _)| p.len()).collect();
    let out = verify_batched(&proof.reduction, &values, &sizes, 2, transcript)?;
    let coeffs = combined_coefficients(&groups, &distinct, &lambda, &out.coeffs, &out.point)
        .ok_or(OpeningError::DegeneratePoint)?;
    let claim_commitments: Vec<S::Commitment> =
        distinct.iter().map(|&j| commitments[j].clone()).collect();
    let commitment =
        S::combine_commitments(&claim_commitments, &coeffs).ok_or(PcsError::NotHomomorphic)?;
    S::verify(
        setup,
        &commitment,
        &out.point,
        &out.final_claim,
        &proof.pcs,
        transcript,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_std::UniformRand;
    use commitments::{HyperKzg, Hyrax, Zeromorph};
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;
    use sumcheck::MerlinTranscript;

    /// Combinations and evaluations through [`TableReads`] equal the ones computed from the
    /// polynomials themselves (members of two groups, a lone member, a non-member, a term
    /// repeated), and a group that does not cover the whole length is left alone.
    #[test]
    fn table_reads_combine_and_evaluate_like_the_polynomials() {
        use rand_chacha::rand_core::RngCore;
        let mut rng = ChaCha20Rng::seed_from_u64(17);
        let log_t = 8;
        let t = 1usize << log_t;
        let group = |num_rows: usize, first: usize, count: usize, rng: &mut ChaCha20Rng| {
            let indices: Vec<u16> = (0..t)
                .map(|_| (rng.next_u32() as usize % num_rows) as u16)
                .collect();
            let members: Vec<(usize, Vec<u64>)> = (0..count)
                .map(|m| {
                    (
                        first + m,
                        (0..num_rows).map(|_| rng.next_u64() >> (m * 20)).collect(),
                    )
                })
                .collect();
            TableReads {
                num_rows,
                indices,
                members,
            }
        };
        let reads = vec![group(5, 0, 3, &mut rng), group(40, 3, 2, &mut rng)];
        let mut polys: Vec<MultilinearPolynomial<Fr>> = Vec::new();
        for g in &reads {
            for (_, table) in &g.members {
                let column: Vec<u64> = g.indices.iter().map(|&k| table[k as usize]).collect();
                polys.push(MultilinearPolynomial::compact_from_u64s(&column));
            }
        }
        polys.push(MultilinearPolynomial::dense(
            (0..t).map(|_| Fr::rand(&mut rng)).collect(),
        ));
        let terms: Vec<(usize, Fr)> = [0usize, 2, 3, 5, 1, 0]
            .iter()
            .map(|&j| (j, Fr::rand(&mut rng)))
            .collect();
        let mut expected = vec![Fr::from(7u64); t];
        for (j, c) in &terms {
            polys[*j].add_scaled_into(&mut expected, *c);
        }
        let mut got = vec![Fr::from(7u64); t];
        add_combination(&polys, &reads, &terms, &mut got);
        assert_eq!(got, expected);
        let r: Vec<Fr> = (0..log_t).map(|_| Fr::rand(&mut rng)).collect();
        let eq = EqPolynomial::evals(&r);
        let positions = [5usize, 4, 0, 3, 2, 1];
        let want: Vec<Fr> = positions.iter().map(|&j| polys[j].evaluate(&r)).collect();
        assert_eq!(evaluate_with_reads(&polys, &reads, &positions, &eq), want);
        // A longer accumulator (a shorter polynomial zero-padded): the first `T` entries.
        let mut longer = vec![Fr::from(0u64); 2 * t];
        add_combination(&polys, &reads, &terms[..2], &mut longer);
        let mut direct = vec![Fr::from(0u64); 2 * t];
        for (j, c) in &terms[..2] {
            polys[*j].add_scaled_into(&mut direct, *c);
        }
        assert_eq!(longer, direct);
    }

    /// Three polynomials (sizes 6, 4, 6, one compact), five claims at four different points.
    fn scenario() -> (Vec<MultilinearPolynomial<Fr>>, Vec<OpeningClaim<Fr>>) {
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        let polys: Vec<MultilinearPolynomial<Fr>> = vec![
            MultilinearPolynomial::dense((0..64).map(|_| Fr::rand(&mut rng)).collect()),
            (0..16u16).map(|i| i * 1000).collect::<Vec<u16>>().into(),
            MultilinearPolynomial::dense((0..64).map(|_| Fr::rand(&mut rng)).collect()),
        ];
        let pt =
            |n: usize, rng: &mut ChaCha20Rng| (0..n).map(|_| Fr::rand(rng)).collect::<Vec<_>>();
        let points = [
            pt(6, &mut rng),
            pt(4, &mut rng),
            pt(6, &mut rng),
            pt(6, &mut rng),
        ];
        let claims = [(0, 0), (1, 1), (2, 0), (2, 2), (0, 3)]
            .into_iter()
            .map(|(i, p)| OpeningClaim {
                commitment_index: i,
                point: points[p].clone(),
                value: polys[i].evaluate(&points[p]),
            })
            .collect();
        (polys, claims)
    }

    fn check<S: CommitmentScheme<Field = Fr>>() {
        let setup = S::insecure_test_setup(6, 1);
        let vk = S::verifier_setup(&setup);
        let (polys, claims) = scenario();
        let commitments = S::batch_commit(&setup, &polys).unwrap();
        let sizes: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
        let proof = prove_openings::<S>(
            &setup,
            &polys,
            &commitments,
            &claims,
            &mut MerlinTranscript::new(b"acc"),
        )
        .unwrap();
        let verify = |claims: &[OpeningClaim<Fr>], proof: &OpeningProof<S>| {
            verify_openings::<S>(
                &vk,
                &commitments,
                &sizes,
                claims,
                proof,
                &mut MerlinTranscript::new(b"acc"),
            )
        };
        assert_eq!(verify(&claims, &proof), Ok(()));
        // A false claim, proven by the honest code path, is rejected.
        let mut lie = claims.clone();
        lie[3].value += Fr::from(1u64);
        let bad = prove_openings::<S>(
            &setup,
            &polys,
            &commitments,
            &lie,
            &mut MerlinTranscript::new(b"acc"),
        )
        .unwrap();
        assert!(verify(&lie, &bad).is_err());
        // A tampered reduction round is rejected, and so is another opening's PCS proof.
        let mut tampered = proof.clone();
        tampered.reduction.round_polys[2].coeffs_except_linear[0] += Fr::from(1u64);
        assert!(verify(&claims, &tampered).is_err());
        let mut swapped = proof.clone();
        swapped.pcs = bad.pcs.clone();
        assert!(matches!(
            verify(&claims, &swapped),
            Err(OpeningError::Pcs(_))
        ));
        // Shape errors are errors, not panics.
        let mut wrong = claims.clone();
        wrong[0].commitment_index = 7;
        assert!(matches!(
            verify(&wrong, &proof),
            Err(OpeningError::Malformed(_))
        ));
        assert!(verify(&claims[..4], &proof).is_err());
        // Dropping the only claim on a polynomial changes the statement.
        let mut fewer = claims.clone();
        fewer.remove(1);
        assert!(verify(&fewer, &proof).is_err());
    }

    #[test]
    fn accumulator_works_with_hyperkzg() {
        check::<HyperKzg>();
    }

    #[test]
    fn accumulator_works_with_zeromorph() {
        check::<Zeromorph>();
    }

    #[test]
    fn accumulator_works_with_hyrax() {
        check::<Hyrax>();
    }
}
