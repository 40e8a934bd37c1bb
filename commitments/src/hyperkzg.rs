//! HyperKZG: multilinear commitments from univariate KZG by Gemini-style folding
//! (Bootle, Chiesa, Hu, Orrù, "Gemini", EUROCRYPT 2022, §5; the HyperKZG variant of Nova).
//! See `paper-notes/hyperkzg.md`.
//!
//! The multilinear `p` with evaluations `p[i]` (MSB-first index order) is committed as the KZG
//! commitment of `f_0(X) = Σ_i p[i]·X^i`. To open at `u = (u_0, …, u_{n−1})`:
//!
//! 1. Fold: `f_{j+1}[i] = (1 − u_{n−1−j})·f_j[2i] + u_{n−1−j}·f_j[2i+1]` (adjacent entries differ
//!    in the least significant index bit, i.e. the *last* variable, so the folds consume `u`
//!    from the back). `f_n` is the constant `p(u)`. Commit to `f_1, …, f_{n−1}`.
//! 2. Draw `r`; send `f_j(r), f_j(−r), f_j(r²)` for `j < n`. Writing `f_j(X) = E_j(X²) + X·O_j(X)`,
//!    `f_{j+1}(Y) = (1−u)E_j(Y) + u·O_j(Y)`, so the verifier checks
//!    `2r·f_{j+1}(r²) = r(1−u)(f_j(r) + f_j(−r)) + u(f_j(r) − f_j(−r))`, with `f_n(r²) = p(u)`.
//! 3. Draw `q`; `B = Σ_j q^j f_j` is opened at the three points `r, −r, r²` at once with the KZG
//!    batch opening (one witness `[(B − I)/Z_T]`, `I` the interpolant of the claimed values,
//!    `Z_T = (X − r)(X + r)(X − r²)`), checked with one 2-pairing product.
//!
//! Proof: `n − 1` G1 commitments, `3n` field elements, 1 G1 witness.

use crate::error::PcsError;
use crate::kzg::{
    check_constant, combine_points, evaluate_univariate, three_point_check, three_point_witness,
    KzgProverSetup, KzgVerifierSetup,
};
use crate::traits::{check_one_hot_shape, CommitmentScheme};
use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::{AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{One, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use sumcheck::{DensePolynomial, MultilinearPolynomial, Transcript};

/// The HyperKZG scheme over BN254.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HyperKzg;

/// A HyperKZG commitment: `f_0(τ)·G`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct HyperKzgCommitment(pub G1Affine);

/// A HyperKZG evaluation proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct HyperKzgProof {
    /// Commitments to the folded polynomials `f_1, …, f_{n−1}`.
    pub folded_commitments: Vec<G1Affine>,
    /// `[f_j(r)]_j`, `[f_j(−r)]_j`, `[f_j(r²)]_j`, each of length `n`.
    pub evals: [Vec<Fr>; 3],
    /// One KZG batch-opening witness for `B` at `r`, `−r`, `r²`.
    pub witness: G1Affine,
}

fn absorb_statement(
    transcript: &mut impl Transcript,
    commitment: &G1Affine,
    point: &[Fr],
    eval: &Fr,
) {
    transcript.append_serializable(b"hyperkzg_commitment", commitment);
    transcript.append_scalars(b"hyperkzg_point", point);
    transcript.append_scalar(b"hyperkzg_eval", eval);
}

/// The folds `f_0, f_1, …, f_{n−1}` of the evaluation vector at `u` (consumed from the back).
fn fold_all(evals: &[Fr], point: &[Fr]) -> Vec<Vec<Fr>> {
    let n = point.len();
    let mut folds = Vec::with_capacity(n);
    folds.push(evals.to_vec());
    for j in 0..n.saturating_sub(1) {
        let u = point[n - 1 - j];
        let prev = &folds[j];
        let next: Vec<Fr> = prev
            .par_chunks_exact(2)
            .map(|p| p[0] + u * (p[1] - p[0]))
            .collect();
        folds.push(next);
    }
    folds
}

impl CommitmentScheme for HyperKzg {
    type Field = Fr;
    type ProverSetup = KzgProverSetup;
    type VerifierSetup = KzgVerifierSetup;
    type Commitment = HyperKzgCommitment;
    type Proof = HyperKzgProof;

    const NAME: &'static str = "hyperkzg";

    fn insecure_test_setup(max_num_vars: usize, seed: u64) -> KzgProverSetup {
        KzgProverSetup::insecure(max_num_vars, seed)
    }

    fn insecure_test_verifier_setup(max_num_vars: usize, seed: u64) -> KzgVerifierSetup {
        KzgVerifierSetup::insecure(max_num_vars, seed)
    }

    fn check_setup(setup: &KzgProverSetup) -> Result<(), PcsError> {
        setup.check_consistency()
    }

    fn verifier_setup(setup: &KzgProverSetup) -> KzgVerifierSetup {
        setup.verifier
    }

    fn max_num_vars(setup: &KzgProverSetup) -> usize {
        setup.max_num_vars()
    }

    fn commit_gathered(
        setup: &KzgProverSetup,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<Vec<HyperKzgCommitment>, PcsError> {
        Ok(Self::commit_gathered_with_rows(setup, num_rows, indices, tables)?.0)
    }

    fn commit_gathered_with_rows(
        setup: &KzgProverSetup,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<(Vec<HyperKzgCommitment>, Option<Vec<HyperKzgCommitment>>), PcsError> {
        setup.gathered_with_rows(num_rows, indices, tables, HyperKzgCommitment)
    }

    fn merge_one_hot_rows(
        rows: &[HyperKzgCommitment],
        map: &[u16],
        num_rows: usize,
    ) -> Result<Option<Vec<HyperKzgCommitment>>, PcsError> {
        KzgProverSetup::merge_one_hot_rows(rows, map, num_rows, |c| c.0, HyperKzgCommitment)
    }

    fn commit_one_hot(
        setup: &KzgProverSetup,
        num_rows: usize,
        indices: &[u16],
    ) -> Result<Vec<HyperKzgCommitment>, PcsError> {
        check_one_hot_shape(num_rows, indices)?;
        Ok(setup
            .commit_one_hot(num_rows, indices)?
            .into_iter()
            .map(HyperKzgCommitment)
            .collect())
    }

    fn commit(
        setup: &KzgProverSetup,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<HyperKzgCommitment, PcsError> {
        Ok(HyperKzgCommitment(
            setup.commit_multilinear(poly)?.into_affine(),
        ))
    }

    fn open(
        setup: &KzgProverSetup,
        poly: &DensePolynomial<Fr>,
        commitment: &Self::Commitment,
        point: &[Fr],
        eval: &Fr,
        transcript: &mut impl Transcript,
    ) -> Result<HyperKzgProof, PcsError> {
        let n = poly.num_vars();
        if point.len() != n {
            return Err(PcsError::WrongPointLength {
                expected: n,
                got: point.len(),
            });
        }
        if n > setup.max_num_vars() {
            return Err(PcsError::TooManyVariables {
                num_vars: n,
                max: setup.max_num_vars(),
            });
        }
        absorb_statement(transcript, &commitment.0, point, eval);
        if n == 0 {
            return Ok(HyperKzgProof {
                folded_commitments: Vec::new(),
                evals: [Vec::new(), Vec::new(), Vec::new()],
                witness: G1Affine::identity(),
            });
        }
        let folds = fold_all(poly.evals(), point);
        let folded_commitments: Vec<G1Affine> = G1Projective::normalize_batch(
            &folds[1..]
                .iter()
                .map(|f| G1Projective::msm_unchecked(&setup.powers_g1[..f.len()], f))
                .collect::<Vec<_>>(),
        );
        transcript.append_serializable(b"hyperkzg_folds", &folded_commitments);
        let r: Fr = transcript.challenge_scalar(b"hyperkzg_r");
        if r.is_zero() || r == Fr::one() || r == -Fr::one() {
            return Err(PcsError::DegenerateChallenge);
        }
        let xs = [r, -r, r * r];
        let evals: [Vec<Fr>; 3] =
            xs.map(|x| folds.iter().map(|f| evaluate_univariate(f, x)).collect());
        absorb_evals(transcript, &evals);
        let q: Fr = transcript.challenge_scalar(b"hyperkzg_q");
        // B = Σ_j q^j f_j
        let mut b = vec![Fr::zero(); poly.len()];
        let mut qj = Fr::one();
        for f in &folds {
            b.par_iter_mut()
                .zip(f.par_iter())
                .for_each(|(bi, fi)| *bi += qj * fi);
            qj *= q;
        }
        let ys = [0, 1, 2].map(|i| combine_with_powers(&evals[i], q));
        let witness = three_point_witness(setup, &b, xs, ys)?;
        transcript.append_serializable(b"hyperkzg_witness", &witness);
        Ok(HyperKzgProof {
            folded_commitments,
            evals,
            witness,
        })
    }

    fn verify(
        setup: &KzgVerifierSetup,
        commitment: &HyperKzgCommitment,
        point: &[Fr],
        eval: &Fr,
        proof: &HyperKzgProof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError> {
        let n = point.len();
        absorb_statement(transcript, &commitment.0, point, eval);
        if n == 0 {
            // A constant polynomial: the commitment must be eval·G, and the proof empty.
            if !proof.folded_commitments.is_empty() {
                return Err(PcsError::UnexpectedProofData("folded_commitments"));
            }
            if proof.evals.iter().any(|e| !e.is_empty()) {
                return Err(PcsError::UnexpectedProofData("evals"));
            }
            if !proof.witness.is_zero() {
                return Err(PcsError::UnexpectedProofData("witness"));
            }
            return check_constant(setup, &commitment.0, eval);
        }
        if proof.folded_commitments.len() != n - 1 {
            return Err(PcsError::WrongProofLength {
                field: "folded_commitments",
                expected: n - 1,
                got: proof.folded_commitments.len(),
            });
        }
        for e in &proof.evals {
            if e.len() != n {
                return Err(PcsError::WrongProofLength {
                    field: "evals",
                    expected: n,
                    got: e.len(),
                });
            }
        }
        transcript.append_serializable(b"hyperkzg_folds", &proof.folded_commitments);
        let r: Fr = transcript.challenge_scalar(b"hyperkzg_r");
        if r.is_zero() || r == Fr::one() || r == -Fr::one() {
            return Err(PcsError::DegenerateChallenge);
        }
        let [at_r, at_neg_r, at_r2] = &proof.evals;
        absorb_evals(transcript, &proof.evals);
        // Folding consistency: 2r·f_{j+1}(r²) = r(1−u)(a+b) + u(a−b).
        let two_r = r + r;
        for j in 0..n {
            let u = point[n - 1 - j];
            let (a, b) = (at_r[j], at_neg_r[j]);
            let next = if j + 1 < n { at_r2[j + 1] } else { *eval };
            if two_r * next != r * (Fr::one() - u) * (a + b) + u * (a - b) {
                return Err(PcsError::FoldingCheckFailed { layer: j });
            }
        }
        let q: Fr = transcript.challenge_scalar(b"hyperkzg_q");
        // C_B = Σ_j q^j C_j and the three combined values.
        let mut q_powers = Vec::with_capacity(n);
        let mut acc = Fr::one();
        for _ in 0..n {
            q_powers.push(acc);
            acc *= q;
        }
        let mut bases = Vec::with_capacity(n);
        bases.push(commitment.0);
        bases.extend_from_slice(&proof.folded_commitments);
        let c_b = G1Projective::msm_unchecked(&bases, &q_powers);
        transcript.append_serializable(b"hyperkzg_witness", &proof.witness);
        let xs = [r, -r, r * r];
        let ys = [0, 1, 2].map(|i| combine_with_powers(&proof.evals[i], q));
        three_point_check(setup, c_b, xs, ys, proof.witness)
    }

    fn combine_commitments(
        commitments: &[HyperKzgCommitment],
        coeffs: &[Fr],
    ) -> Option<HyperKzgCommitment> {
        let points: Vec<G1Affine> = commitments.iter().map(|c| c.0).collect();
        combine_points(&points, coeffs).map(HyperKzgCommitment)
    }
}

/// `Σ_j q^j·vals[j]`.
fn combine_with_powers(vals: &[Fr], q: Fr) -> Fr {
    vals.iter().rev().fold(Fr::zero(), |acc, v| acc * q + v)
}

/// Absorbs the three evaluation vectors (before the batching challenge `q`).
fn absorb_evals(transcript: &mut impl Transcript, evals: &[Vec<Fr>; 3]) {
    transcript.append_scalars(b"hyperkzg_evals_r", &evals[0]);
    transcript.append_scalars(b"hyperkzg_evals_neg_r", &evals[1]);
    transcript.append_scalars(b"hyperkzg_evals_r2", &evals[2]);
}
