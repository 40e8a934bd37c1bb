//! Hyrax: a transparent multilinear commitment from Pedersen vector commitments
//! (Wahby, Tzialla, shelat, Thaler, Walfish, "Doubly-efficient zkSNARKs without trusted setup",
//! S&P 2018, §6, non-zero-knowledge variant). See `paper-notes/hyrax.md`.
//!
//! **Why Hyrax as the transparent scheme.** It needs nothing beyond the group already used by
//! the KZG schemes (BN254 G1, no pairing), its generators are hashed to the curve so nobody
//! knows discrete-log relations between them, it is homomorphic (so the trait's batching
//! defaults apply unchanged), and its costs — √N-size commitments and proofs, √N verifier MSMs —
//! are the classic transparent baseline in the Lasso/Jolt papers' comparisons.
//!
//! The `2^n` evaluations are laid out as a matrix with `2^c` columns, `c = ⌈max_num_vars/2⌉`
//! fixed by the setup, so index `i = row·2^c + col` (MSB-first: the row bits are the first
//! `n − c` variables). Row `i` is committed as `C_i = Σ_j M[i][j]·G_j`. To open at `u = (u_row, u_col)`
//! the prover sends `w = Σ_i eq(u_row, i)·M[i]`; the verifier checks
//! `Σ_i eq(u_row, i)·C_i = Σ_j w_j·G_j` and `⟨w, eq(u_col)⟩ = v`. A polynomial with fewer than
//! `c` variables is one short row (its commitment equals that of the zero-padded full row). A
//! commitment with fewer rows than a point needs is read as its zero-padded extension (missing
//! rows are zero), so that the batching convention of [`crate::traits`] holds for Hyrax too.

use crate::error::PcsError;
use crate::traits::CommitmentScheme;
use ark_bn254::{Fq, Fr, G1Affine, G1Projective};
use ark_ec::{AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{PrimeField, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use rayon::prelude::*;
use sumcheck::{DensePolynomial, EqPolynomial, MultilinearPolynomial, Transcript};

/// The Hyrax scheme over BN254 G1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hyrax;

/// Hyrax public parameters: `2^c` generators with unknown discrete-log relations.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct HyraxSetup {
    /// The largest number of variables supported.
    pub max_num_vars: u64,
    /// `c`: log2 of the number of matrix columns.
    pub log_columns: u64,
    /// `G_0, …, G_{2^c − 1}`.
    pub generators: Vec<G1Affine>,
}

/// One Pedersen commitment per matrix row.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct HyraxCommitment(pub Vec<G1Affine>);

/// The combined row `w = Σ_i eq(u_row, i)·M[i]`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct HyraxProof {
    /// `w`, of length `2^c` (or `2^n` for a single short row).
    pub combined_row: Vec<Fr>,
}

/// Hashes `(seed, index, counter)` to a base-field element and tries it as an x-coordinate
/// until a curve point is found (BN254 G1 has cofactor 1, so every point is in the group).
fn hash_to_curve(seed: u64, index: u64) -> G1Affine {
    let mut rng = ChaCha20Rng::seed_from_u64(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    loop {
        let mut bytes = [0u8; 48];
        rng.fill_bytes(&mut bytes);
        let x = Fq::from_le_bytes_mod_order(&bytes);
        if let Some(p) = G1Affine::get_point_from_x_unchecked(x, rng.next_u32() & 1 == 1) {
            return p;
        }
    }
}

impl HyraxSetup {
    /// Checks the shape relations of a setup: `c = ⌈max_num_vars/2⌉ ≤ 32` and `2^c`
    /// generators, none the identity.
    pub fn check_shape(&self) -> Result<(), PcsError> {
        if self.log_columns > 32 || self.log_columns != self.max_num_vars.div_ceil(2) {
            return Err(PcsError::InvalidSetup(
                "log_columns must be ⌈max_num_vars/2⌉ ≤ 32",
            ));
        }
        if self.generators.len() as u64 != 1u64 << self.log_columns {
            return Err(PcsError::InvalidSetup(
                "the setup needs 2^log_columns generators",
            ));
        }
        if self.generators.iter().any(|g| g.is_zero()) {
            return Err(PcsError::InvalidSetup("a generator is the identity"));
        }
        Ok(())
    }

    /// `(rows, row length)` of a polynomial with `n` variables.
    fn shape(&self, n: usize) -> (usize, usize) {
        let c = self.log_columns as usize;
        if n <= c {
            (1, 1 << n)
        } else {
            (1 << (n - c), 1 << c)
        }
    }
}

fn row_commitments(setup: &HyraxSetup, poly: &MultilinearPolynomial<Fr>) -> Vec<G1Affine> {
    let (rows, width) = setup.shape(poly.num_vars());
    let bases = &setup.generators[..width];
    let commit_row = |i: usize| -> G1Projective {
        let range = i * width..(i + 1) * width;
        match poly {
            MultilinearPolynomial::Dense(p) => {
                G1Projective::msm_unchecked(bases, &p.evals()[range])
            }
            MultilinearPolynomial::Bool(p) if !p.is_bound() => {
                G1Projective::msm_u1(bases, &p.small_values()[range])
            }
            MultilinearPolynomial::U8(p) if !p.is_bound() => {
                G1Projective::msm_u8(bases, &p.small_values()[range])
            }
            MultilinearPolynomial::U16(p) if !p.is_bound() => {
                G1Projective::msm_u16(bases, &p.small_values()[range])
            }
            MultilinearPolynomial::U32(p) if !p.is_bound() => {
                G1Projective::msm_u32(bases, &p.small_values()[range])
            }
            MultilinearPolynomial::U64(p) if !p.is_bound() => {
                G1Projective::msm_u64(bases, &p.small_values()[range])
            }
            other => {
                let row: Vec<Fr> = range.map(|j| other.get(j)).collect();
                G1Projective::msm_unchecked(bases, &row)
            }
        }
    };
    // Field-element rows go through ark-ec's full-scalar MSM, which installs a fresh rayon pool
    // per call; called from inside a rayon worker, that worker keeps running its queued rows
    // while it waits, nesting one MSM per row on its stack (a stack overflow at 2^11 rows).
    // So those rows run one after another (each MSM is parallel inside); the small-scalar
    // MSMs create no pool and run in parallel over rows.
    let small = poly.field_evals().is_none();
    let rows_proj: Vec<G1Projective> = if small {
        (0..rows).into_par_iter().map(commit_row).collect()
    } else {
        (0..rows).map(commit_row).collect()
    };
    G1Projective::normalize_batch(&rows_proj)
}

/// Splits a point for a polynomial of `n` variables into `(u_row, u_col)`, padding a short
/// row's column point with leading zeros.
fn split_point(setup: &HyraxSetup, point: &[Fr]) -> (Vec<Fr>, Vec<Fr>) {
    let c = setup.log_columns as usize;
    let n = point.len();
    if n <= c {
        (Vec::new(), point.to_vec())
    } else {
        (point[..n - c].to_vec(), point[n - c..].to_vec())
    }
}

impl CommitmentScheme for Hyrax {
    type Field = Fr;
    type ProverSetup = HyraxSetup;
    type VerifierSetup = HyraxSetup;
    type Commitment = HyraxCommitment;
    type Proof = HyraxProof;

    const NAME: &'static str = "hyrax";

    /// Hyrax has no trapdoor: the generators are hashed to the curve from `seed`, so this setup
    /// is transparent (the name is the trait's).
    fn insecure_test_setup(max_num_vars: usize, seed: u64) -> HyraxSetup {
        let log_columns = max_num_vars.div_ceil(2);
        let generators = (0..1u64 << log_columns)
            .into_par_iter()
            .map(|i| hash_to_curve(seed ^ 0x4859_5241_5847_454e, i))
            .collect();
        HyraxSetup {
            max_num_vars: max_num_vars as u64,
            log_columns: log_columns as u64,
            generators,
        }
    }

    fn check_setup(setup: &HyraxSetup) -> Result<(), PcsError> {
        setup.check_shape()
    }

    /// Hyrax's verifier needs the generators themselves (its `√N` part of the work).
    fn insecure_test_verifier_setup(max_num_vars: usize, seed: u64) -> HyraxSetup {
        Self::insecure_test_setup(max_num_vars, seed)
    }

    fn verifier_setup(setup: &HyraxSetup) -> HyraxSetup {
        setup.clone()
    }

    fn max_num_vars(setup: &HyraxSetup) -> usize {
        setup.max_num_vars as usize
    }

    fn commit(
        setup: &HyraxSetup,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<HyraxCommitment, PcsError> {
        if poly.num_vars() as u64 > setup.max_num_vars {
            return Err(PcsError::TooManyVariables {
                num_vars: poly.num_vars(),
                max: setup.max_num_vars as usize,
            });
        }
        Ok(HyraxCommitment(row_commitments(setup, poly)))
    }

    fn open(
        setup: &HyraxSetup,
        poly: &DensePolynomial<Fr>,
        commitment: &HyraxCommitment,
        point: &[Fr],
        eval: &Fr,
        transcript: &mut impl Transcript,
    ) -> Result<HyraxProof, PcsError> {
        let n = poly.num_vars();
        if point.len() != n {
            return Err(PcsError::WrongPointLength {
                expected: n,
                got: point.len(),
            });
        }
        transcript.append_serializable(b"hyrax_commitment", commitment);
        transcript.append_scalars(b"hyrax_point", point);
        transcript.append_scalar(b"hyrax_eval", eval);
        let (u_row, _) = split_point(setup, point);
        let (_, width) = setup.shape(n);
        let eq_row = EqPolynomial::evals(&u_row);
        let mut combined_row = vec![Fr::zero(); width];
        for (row, weight) in poly.evals().chunks(width).zip(&eq_row) {
            combined_row
                .par_iter_mut()
                .zip(row.par_iter())
                .for_each(|(w, m)| *w += *weight * m);
        }
        transcript.append_scalars(b"hyrax_row", &combined_row);
        Ok(HyraxProof { combined_row })
    }

    fn verify(
        setup: &HyraxSetup,
        commitment: &HyraxCommitment,
        point: &[Fr],
        eval: &Fr,
        proof: &HyraxProof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError> {
        let n = point.len();
        setup.check_shape()?;
        if n as u64 > setup.max_num_vars {
            return Err(PcsError::TooManyVariables {
                num_vars: n,
                max: setup.max_num_vars as usize,
            });
        }
        transcript.append_serializable(b"hyrax_commitment", commitment);
        transcript.append_scalars(b"hyrax_point", point);
        transcript.append_scalar(b"hyrax_eval", eval);
        let (rows, width) = setup.shape(n);
        // A commitment with fewer rows is a polynomial with fewer variables, read as its
        // zero-padded extension (the missing rows are zero), as the batching convention needs.
        let given = commitment.0.len();
        if given == 0 || given > rows || !given.is_power_of_two() {
            return Err(PcsError::WrongProofLength {
                field: "row commitments",
                expected: rows,
                got: given,
            });
        }
        if proof.combined_row.len() != width {
            return Err(PcsError::WrongProofLength {
                field: "combined_row",
                expected: width,
                got: proof.combined_row.len(),
            });
        }
        transcript.append_scalars(b"hyrax_row", &proof.combined_row);
        let (u_row, u_col) = split_point(setup, point);
        let eq_row = EqPolynomial::evals(&u_row);
        let eq_col = EqPolynomial::evals(&u_col);
        let claimed: Fr = proof
            .combined_row
            .iter()
            .zip(&eq_col)
            .map(|(w, e)| *w * e)
            .sum();
        if claimed != *eval {
            return Err(PcsError::InnerProductMismatch);
        }
        let lhs = G1Projective::msm_unchecked(&commitment.0, &eq_row[..given]);
        let rhs = G1Projective::msm_unchecked(&setup.generators[..width], &proof.combined_row);
        if lhs == rhs {
            Ok(())
        } else {
            Err(PcsError::RowCombinationMismatch)
        }
    }

    /// Row-wise combination; commitments with fewer rows are padded with zero rows (a smaller
    /// polynomial zero-padded to more variables just gains zero rows, as the layout has a fixed
    /// number of columns). Two single-row commitments of different widths also combine
    /// correctly, since a short row is a zero-padded full row.
    fn combine_commitments(
        commitments: &[HyraxCommitment],
        coeffs: &[Fr],
    ) -> Option<HyraxCommitment> {
        if commitments.len() != coeffs.len() {
            return None;
        }
        let rows = commitments.iter().map(|c| c.0.len()).max().unwrap_or(0);
        let combined: Vec<G1Projective> = (0..rows)
            .map(|i| {
                commitments
                    .iter()
                    .zip(coeffs)
                    .filter_map(|(c, k)| c.0.get(i).map(|p| *p * k))
                    .sum()
            })
            .collect();
        Some(HyraxCommitment(G1Projective::normalize_batch(&combined)))
    }
}
