//! Dory: a transparent multilinear commitment with `GT` commitments, `O(log N)` proofs and an
//! `O(log N)` verifier (J. Lee, "Dory: Efficient, Transparent arguments for Generalised Inner
//! Products and Polynomial Commitments", TCC 2021, ePrint 2020/1274), non-hiding, over BN254.
//! Equations mapped to code, differences from the paper and measurements:
//! `paper-notes/dory.md`.
//!
//! **Layout.** As in [`crate::hyrax`]: the `2^n` evaluations form a matrix `M` with `2^m`
//! columns, `m = ⌈max_num_vars/2⌉` fixed by the setup (one row of `2^n` when `n < m`), row-major
//! and MSB-first, so `f(r) = L^T·M·R` with `L = eq(r_row, ·)` over the first `n − m`
//! coordinates and `R = eq(r_col, ·)` over the rest.
//!
//! **Commitment (two tiers).** Rows `T_i = Σ_j M[i][j]·Γ1_j ∈ G1` (Hyrax's row commitments:
//! pay-per-bit MSMs for compact columns), then `C = Σ_i e(T_i, Γ2_i) ∈ GT`. A polynomial
//! zero-padded to more variables only gains zero rows, so its commitment is unchanged, and
//! `C` is linear in `f`: [`CommitmentScheme::combine_commitments`] is a `GT`
//! multi-exponentiation and the trait's batching applies. The committer keeps the rows in the
//! commitment as the opening hint ([`DoryCommitment::rows`]), so `open` does not redo the MSMs.
//!
//! **Opening** (`K = log2(columns)` rounds). The prover sends `v = L^T·M` lifted as
//! `C_v = e(⟨T, v⟩, Γ2,fin)`, `D2 = e(⟨Γ1, v⟩, Γ2,fin)`, `E1 = ⟨T, L⟩`; the verifier checks
//! `e(E1, Γ2,fin) = D2` and sets `E2 = y·Γ2,fin`. The extended inner-product argument then
//! proves knowledge of `v1 = T`, `v2 = v·Γ2,fin` with `C = ⟨v1, v2⟩`, `D1 = ⟨v1, Γ2⟩ = C_f`
//! (the commitment), `D2 = ⟨Γ1, v2⟩`, `E1 = ⟨v1, s2⟩`, `E2 = ⟨s1, v2⟩` for `s1 = R`, `s2 = L`.
//! Each round halves the vectors (`prover.rs`): messages `D1L, D1R, D2L, D2R, E1β, E2β`,
//! challenge `β`, `v1 += β·Γ1`, `v2 += β^{-1}·Γ2`; messages `C±, E1±, E2±`, challenge `α`,
//! `v1 ← α·v1L + v1R`, `v2 ← α^{-1}·v2L + v2R`, and the verifier (`verifier.rs`) updates
//!
//! ```text
//! C  ← C + χ_k + β·D2 + β^{-1}·D1 + α·C+ + α^{-1}·C−
//! D1 ← α·D1L + D1R + αβ·χ_{k−1} + β·Δ1R_k
//! D2 ← α^{-1}·D2L + D2R + α^{-1}β^{-1}·χ_{k−1} + β^{-1}·Δ2R_k
//! E1 ← E1 + β·E1β + α·E1+ + α^{-1}·E1−,   E2 ← E2 + β^{-1}·E2β + α·E2+ + α^{-1}·E2−
//! ```
//!
//! At length one the prover reveals `v1, v2`; the verifier checks `E1 = s2·v1`, `E2 = s1·v2`
//! (`s1, s2` folded from `r` in `O(log N)`) and, for a random `d`,
//! `e(v1 + d·Γ1_0, v2 + d^{-1}·Γ2_0) = C + χ_0 + d·D2 + d^{-1}·D1`.
//!
//! **Transcript.** `open`/`verify` absorb the number of variables, the commitment, the point
//! and the value, then `(C_v, D2, E1)`, each round's first message before `β` and second
//! before `α`, and `(v1, v2)` before `d`. Zero challenges are rejected.

mod gt;
mod prover;
mod setup;
#[cfg(test)]
mod tests;
mod verifier;

pub use gt::{is_cyclotomic, is_in_gt, G2Element, Gt, GtElement};
pub use setup::{hash_to_g2, DorySetup, DoryVerifierSetup};

use crate::error::PcsError;
use crate::hyrax::Hyrax;
use crate::traits::{check_one_hot_shape, CommitmentScheme};
use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::VariableBaseMSM;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, Field, PrimeField, Zero};
use ark_serialize::{
    CanonicalDeserialize, CanonicalSerialize, Compress, SerializationError, Valid, Validate,
};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::sync::Arc;
use sumcheck::{DensePolynomial, MultilinearPolynomial, Transcript};

/// The Dory scheme over BN254 (non-hiding).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dory;

/// A Dory commitment: `C = Σ_i e(T_i, Γ2_i) ∈ GT` (384 bytes), and on the committer's side
/// the tier-1 rows `T_i` as the opening hint (Jolt's "opening proof hint").
///
/// The hint is prover-only data: it is not serialized (a deserialized commitment has none),
/// not compared and not absorbed; [`CommitmentScheme::combine_commitments`] combines it row
/// by row, so a batch opening needs no new row MSMs, and `open` recomputes the rows only when
/// a commitment comes without a hint of the right shape.
#[derive(Clone)]
pub struct DoryCommitment {
    /// `C ∈ GT`.
    pub tier2: GtElement,
    rows: Option<Arc<[G1Affine]>>,
}

impl DoryCommitment {
    /// A commitment without the prover's hint (as a verifier holds it).
    pub fn new(tier2: GtElement) -> Self {
        DoryCommitment { tier2, rows: None }
    }

    /// The tier-1 rows `T_i` kept by `commit` (or combined by `combine_commitments`).
    pub fn rows(&self) -> Option<&[G1Affine]> {
        self.rows.as_deref()
    }
}

impl PartialEq for DoryCommitment {
    fn eq(&self, other: &Self) -> bool {
        self.tier2 == other.tier2
    }
}

impl Eq for DoryCommitment {}

impl core::fmt::Debug for DoryCommitment {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DoryCommitment")
            .field("tier2", &self.tier2)
            .field("hint_rows", &self.rows.as_ref().map(|r| r.len()))
            .finish()
    }
}

impl CanonicalSerialize for DoryCommitment {
    fn serialize_with_mode<W: Write>(
        &self,
        writer: W,
        compress: Compress,
    ) -> Result<(), SerializationError> {
        self.tier2.serialize_with_mode(writer, compress)
    }

    fn serialized_size(&self, compress: Compress) -> usize {
        self.tier2.serialized_size(compress)
    }
}

impl Valid for DoryCommitment {
    fn check(&self) -> Result<(), SerializationError> {
        self.tier2.check()
    }
}

impl CanonicalDeserialize for DoryCommitment {
    fn deserialize_with_mode<R: Read>(
        reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        Ok(DoryCommitment::new(GtElement::deserialize_with_mode(
            reader, compress, validate,
        )?))
    }
}

/// Eval-VMV-RE's message: `C_v = ⟨T, v·Γ2,fin⟩`, `D2 = ⟨Γ1, v·Γ2,fin⟩`, `E1 = ⟨T, L⟩`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct VmvMessage {
    /// `C_v`, the argument's initial `C`.
    pub c: GtElement,
    /// `D2`, the argument's initial `D2`.
    pub d2: GtElement,
    /// `E1`, the argument's initial `E1`.
    pub e1: G1Affine,
}

/// A reduce round's first message (before `β`), on the round's input vectors.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReduceFirst {
    /// `⟨v1L, Γ2'⟩`.
    pub d1_left: GtElement,
    /// `⟨v1R, Γ2'⟩`.
    pub d1_right: GtElement,
    /// `⟨Γ1', v2L⟩`.
    pub d2_left: GtElement,
    /// `⟨Γ1', v2R⟩`.
    pub d2_right: GtElement,
    /// `⟨Γ1, s2⟩`.
    pub e1_beta: G1Affine,
    /// `⟨s1, Γ2⟩`.
    pub e2_beta: G2Element,
}

/// A reduce round's second message (before `α`), on the `β`-shifted vectors.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReduceSecond {
    /// `C+ = ⟨v1L, v2R⟩`.
    pub c_plus: GtElement,
    /// `C− = ⟨v1R, v2L⟩`.
    pub c_minus: GtElement,
    /// `E1+ = ⟨v1L, s2R⟩`.
    pub e1_plus: G1Affine,
    /// `E1− = ⟨v1R, s2L⟩`.
    pub e1_minus: G1Affine,
    /// `E2+ = ⟨s1L, v2R⟩`.
    pub e2_plus: G2Element,
    /// `E2− = ⟨s1R, v2L⟩`.
    pub e2_minus: G2Element,
}

/// One Dory-Reduce round: 6 `GT`, 3 G1 and 3 G2 elements.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReduceRound {
    /// Sent before `β`.
    pub first: ReduceFirst,
    /// Sent before `α`.
    pub second: ReduceSecond,
}

/// An evaluation proof: `2 GT + 1 G1`, then `K` rounds, then `v1 ∈ G1`, `v2 ∈ G2`.
///
/// Serialized as its fields in order (the rounds as a `u64` count, at most [`MAX_ROUNDS`],
/// then the rounds); deserialization validates each round as it is read, so a corrupt element
/// stops the reading there.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize)]
pub struct DoryProof {
    /// Eval-VMV-RE's message.
    pub vmv: VmvMessage,
    /// One per column variable, first round first.
    pub rounds: Vec<ReduceRound>,
    /// `v1` at length one.
    pub final_g1: G1Affine,
    /// `v2` at length one.
    pub final_g2: G2Element,
}

/// The most reduce rounds a proof may carry (`2^64` columns): a bound on what a
/// deserializer reads before the verifier compares the count with the setup.
pub const MAX_ROUNDS: u64 = 64;

impl Valid for DoryProof {
    fn check(&self) -> Result<(), SerializationError> {
        self.vmv.check()?;
        ReduceRound::batch_check(self.rounds.iter())?;
        self.final_g1.check()?;
        self.final_g2.check()
    }
}

impl CanonicalDeserialize for DoryProof {
    fn deserialize_with_mode<R: Read>(
        mut reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        let vmv = VmvMessage::deserialize_with_mode(&mut reader, compress, validate)?;
        let count = u64::deserialize_with_mode(&mut reader, compress, validate)?;
        if count > MAX_ROUNDS {
            return Err(SerializationError::InvalidData);
        }
        let rounds = (0..count)
            .map(|_| ReduceRound::deserialize_with_mode(&mut reader, compress, validate))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DoryProof {
            vmv,
            rounds,
            final_g1: G1Affine::deserialize_with_mode(&mut reader, compress, validate)?,
            final_g2: G2Element::deserialize_with_mode(&mut reader, compress, validate)?,
        })
    }
}

/// The tier-1 row commitments `T_i` of `poly` (Hyrax's, under `Γ1`), `2^{row_vars}` of them:
/// the commitment's hint when it has one that fits (fewer rows are zero rows, padded with the
/// identity), otherwise recomputed from `poly`.
fn tier1_rows(
    setup: &DorySetup,
    poly: &DensePolynomial<Fr>,
    commitment: &DoryCommitment,
    row_vars: usize,
) -> Vec<G1Affine> {
    let count = 1usize << row_vars;
    match commitment.rows() {
        Some(hint) if !hint.is_empty() && hint.len() <= count => {
            let mut rows = hint.to_vec();
            rows.resize(count, G1Affine::zero());
            rows
        }
        _ => field_rows(setup, poly.evals()),
    }
}

/// Tier 1 of `2^n` field elements: each row `Σ_j M[i][j]·Γ1_j` as one `msm_u8` of the
/// scalars' bytes against [`DorySetup::byte_table`] (rows in parallel: the small-scalar MSM
/// creates no thread pool of its own).
fn field_rows(setup: &DorySetup, evals: &[Fr]) -> Vec<G1Affine> {
    let n = evals.len().trailing_zeros() as usize;
    let (_, col_vars) = setup.verifier.shape(n);
    let width = 1usize << col_vars;
    let table = &setup.byte_table()[..32 * width];
    let rows: Vec<G1Projective> = evals
        .par_chunks(width)
        .map(|row| {
            let bytes: Vec<u8> = row
                .iter()
                .flat_map(|s| s.into_bigint().to_bytes_le())
                .collect();
            G1Projective::msm_u8(table, &bytes)
        })
        .collect();
    G1Projective::normalize_batch(&rows)
}

/// Tier 1 of any polynomial: full field elements through [`field_rows`], compact columns
/// through Hyrax's pay-per-bit MSMs.
fn row_commitments(
    setup: &DorySetup,
    poly: &MultilinearPolynomial<Fr>,
) -> Result<Vec<G1Affine>, PcsError> {
    match poly.field_evals() {
        Some(evals) => Ok(field_rows(setup, evals)),
        None => Ok(Hyrax::commit(&setup.tier1, poly)?.0),
    }
}

/// Draws a challenge and its inverse; a zero challenge is rejected.
fn challenge(transcript: &mut impl Transcript, label: &'static [u8]) -> Result<(Fr, Fr), PcsError> {
    let x: Fr = transcript.challenge_scalar(label);
    let inverse = x.inverse().ok_or(PcsError::DegenerateChallenge)?;
    Ok((x, inverse))
}

/// Absorbs the statement (size, commitment, point, value) before any challenge.
fn absorb_statement(
    transcript: &mut impl Transcript,
    commitment: &DoryCommitment,
    point: &[Fr],
    eval: &Fr,
) {
    transcript.append_u64(b"dory_num_vars", point.len() as u64);
    transcript.append_serializable(b"dory_commitment", commitment);
    transcript.append_scalars(b"dory_point", point);
    transcript.append_scalar(b"dory_eval", eval);
}

fn check_num_vars(n: usize, max: u64) -> Result<(), PcsError> {
    if n as u64 > max {
        return Err(PcsError::TooManyVariables {
            num_vars: n,
            max: max as usize,
        });
    }
    Ok(())
}

impl CommitmentScheme for Dory {
    type Field = Fr;
    type ProverSetup = DorySetup;
    type VerifierSetup = DoryVerifierSetup;
    type Commitment = DoryCommitment;
    type Proof = DoryProof;

    const NAME: &'static str = "dory";

    /// Dory has no trapdoor: every generator is hashed from a public label and `seed`, so this
    /// setup is transparent (the name is the trait's).
    fn insecure_test_setup(max_num_vars: usize, seed: u64) -> DorySetup {
        DorySetup::new(max_num_vars, seed)
    }

    /// Hashes the `2^m` generator pairs and keeps only `Γ1_0, Γ2_0, Γ2,fin` and the
    /// `3m + 1` pairing values (`3·2^m` Miller loops); no prover tables are built.
    fn insecure_test_verifier_setup(max_num_vars: usize, seed: u64) -> DoryVerifierSetup {
        DorySetup::verifier_only(max_num_vars, seed)
    }

    fn check_setup(setup: &DorySetup) -> Result<(), PcsError> {
        setup.check()
    }

    fn verifier_setup(setup: &DorySetup) -> DoryVerifierSetup {
        setup.verifier.clone()
    }

    fn max_num_vars(setup: &DorySetup) -> usize {
        setup.tier1.max_num_vars as usize
    }

    fn commit(
        setup: &DorySetup,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<DoryCommitment, PcsError> {
        check_num_vars(poly.num_vars(), setup.tier1.max_num_vars)?;
        let rows = row_commitments(setup, poly)?;
        let tier2 = gt::inner_pairing_product(&rows, setup.gamma2[..rows.len()].iter().copied());
        Ok(DoryCommitment {
            tier2: GtElement(tier2),
            rows: Some(rows.into()),
        })
    }

    /// One G1 addition per index for tier 1 (`T_{x,i} += Γ1_{j mod 2^m}` for `x = indices[j]`,
    /// `i = ⌊j / 2^m⌋`), then one multi-pairing per row `x`; each commitment keeps its tier-1
    /// rows as the opening hint.
    fn commit_one_hot(
        setup: &DorySetup,
        num_rows: usize,
        indices: &[u16],
    ) -> Result<Vec<DoryCommitment>, PcsError> {
        check_one_hot_shape(num_rows, indices)?;
        let n = indices.len().trailing_zeros() as usize;
        check_num_vars(n, setup.tier1.max_num_vars)?;
        let (row_vars, col_vars) = setup.verifier.shape(n);
        let (count, width) = (1usize << row_vars, 1usize << col_vars);
        let g1 = &setup.tier1.generators;
        let mut tier1 = vec![G1Projective::zero(); num_rows * count];
        for (j, &x) in indices.iter().enumerate() {
            tier1[x as usize * count + j / width] += g1[j % width];
        }
        Ok(tier1
            .chunks(count)
            .map(|row_points| {
                let rows = G1Projective::normalize_batch(row_points);
                let tier2 = gt::inner_pairing_product(&rows, setup.gamma2[..count].iter().copied());
                DoryCommitment {
                    tier2: GtElement(tier2),
                    rows: Some(rows.into()),
                }
            })
            .collect())
    }

    fn open(
        setup: &DorySetup,
        poly: &DensePolynomial<Fr>,
        commitment: &DoryCommitment,
        point: &[Fr],
        eval: &Fr,
        transcript: &mut impl Transcript,
    ) -> Result<DoryProof, PcsError> {
        let n = poly.num_vars();
        if point.len() != n {
            return Err(PcsError::WrongPointLength {
                expected: n,
                got: point.len(),
            });
        }
        check_num_vars(n, setup.tier1.max_num_vars)?;
        absorb_statement(transcript, commitment, point, eval);
        prover::prove(setup, poly, commitment, point, transcript)
    }

    fn verify(
        setup: &DoryVerifierSetup,
        commitment: &DoryCommitment,
        point: &[Fr],
        eval: &Fr,
        proof: &DoryProof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError> {
        setup.check_shape()?;
        check_num_vars(point.len(), setup.max_num_vars)?;
        absorb_statement(transcript, commitment, point, eval);
        verifier::verify(setup, commitment, point, eval, proof, transcript)
    }

    /// `Σ_i coeffs[i]·C_i` as one `GT` multi-exponentiation (`Π C_i^{coeffs[i]}` in `Fq12`).
    /// Commitments of different sizes combine as their zero-padded extensions (same values).
    /// When every input carries its rows, the hint is combined too: row `j` of the result is
    /// `Σ_i coeffs[i]·T^{(i)}_j` (missing rows are zero), one small MSM per row.
    fn combine_commitments(
        commitments: &[DoryCommitment],
        coeffs: &[Fr],
    ) -> Option<DoryCommitment> {
        if commitments.len() != coeffs.len() {
            return None;
        }
        let bases: Vec<Gt> = commitments.iter().map(|c| c.tier2.0).collect();
        let tier2 = GtElement(Gt::msm_unchecked(&bases, coeffs));
        let hints: Option<Vec<&[G1Affine]>> = commitments.iter().map(|c| c.rows()).collect();
        let rows = hints.filter(|h| !h.is_empty()).map(|hints| {
            let count = hints.iter().map(|r| r.len()).max().unwrap_or(0);
            // One MSM per row, one after another: ark-ec's MSM is parallel inside and must not
            // be nested in rayon workers (see `Hyrax`'s row commitments).
            let combined: Vec<G1Projective> = (0..count)
                .map(|j| {
                    let (points, scalars): (Vec<G1Affine>, Vec<Fr>) = hints
                        .iter()
                        .zip(coeffs)
                        .filter_map(|(r, k)| r.get(j).map(|p| (*p, *k)))
                        .unzip();
                    G1Projective::msm_unchecked(&points, &scalars)
                })
                .collect();
            G1Projective::normalize_batch(&combined).into()
        });
        Some(DoryCommitment { tier2, rows })
    }
}
