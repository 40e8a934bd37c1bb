//! Zeromorph: multilinear commitments from univariate KZG via multilinear quotients
//! (Kohrita, Towa, "Zeromorph: Zero-Knowledge Multilinear-Evaluation Proofs from Homomorphic
//! Univariate Commitments", 2023, §4–5). See `paper-notes/zeromorph.md`.
//!
//! Notation: the paper's variable `X_k` is bit `k` of the evaluation index (LSB = `X_0`), so
//! with the workspace's MSB-first points `ũ_k = u_{n−1−k}`. `U_m(g)(X) = Σ_i g[i] X^i` and
//! `Φ_m(X) = Σ_{i<2^m} X^i`. The multilinear identity
//! `f(X) − v = Σ_k (X_k − ũ_k)·q_k(X_0, …, X_{k−1})` maps to the univariate identity
//!
//! ```text
//! U_n(f)(X) − v·Φ_n(X) = Σ_k ( X^{2^k}·Φ_{n−k−1}(X^{2^{k+1}}) − ũ_k·Φ_{n−k}(X^{2^k}) )·U_k(q_k)(X).
//! ```
//!
//! Protocol: commit the quotients `C_k`; draw `y`; commit `q̂ = Σ_k y^k X^{N−2^k} U_k(q_k)`
//! (this *degree check* forces `deg U_k(q_k) < 2^k` because nothing of degree ≥ `N` can be
//! committed); draw `x, z`; both `ζ_x = q̂ − Σ_k y^k x^{N−2^k} U_k(q_k)` and
//! `Z_x = U_n(f) − vΦ_n(x) − Σ_k c_k(x)·U_k(q_k)` vanish at `x`, so one KZG witness
//! `π = [(ζ_x + z·Z_x)/(X − x)]` and one pairing check `e(C_ζ + z·C_Z + x·π, H) = e(π, τH)`
//! prove everything. Proof: `n + 2` G1 elements.

use crate::error::PcsError;
use crate::kzg::{
    check_constant, combine_points, divide_by_linear, KzgProverSetup, KzgVerifierSetup,
};
use crate::traits::{check_one_hot_shape, CommitmentScheme};
use ark_bn254::{Bn254, Fr, G1Affine, G1Projective};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{Field, One, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sumcheck::{DensePolynomial, MultilinearPolynomial, Transcript};

/// The Zeromorph scheme over BN254.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Zeromorph;

/// A Zeromorph commitment (the KZG commitment of `U_n(f)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ZeromorphCommitment(pub G1Affine);

/// A Zeromorph evaluation proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ZeromorphProof {
    /// Commitments to the quotients `U_k(q_k)`, `k = 0..n`.
    pub quotient_commitments: Vec<G1Affine>,
    /// Commitment to the degree-check polynomial `q̂`.
    pub degree_check: G1Affine,
    /// The KZG witness `π` for `ζ_x + z·Z_x` at `x`.
    pub witness: G1Affine,
}

/// `Φ_m(t) = Σ_{i<2^m} t^i`.
fn phi(m: usize, t: Fr) -> Fr {
    // (t^{2^m} − 1)/(t − 1) when t ≠ 1, else 2^m; computed as Π_{j<m} (1 + t^{2^j}).
    let mut acc = Fr::one();
    let mut power = t;
    for _ in 0..m {
        acc *= Fr::one() + power;
        power.square_in_place();
    }
    acc
}

/// `c_k(x) = x^{2^k}·Φ_{n−k−1}(x^{2^{k+1}}) − ũ_k·Φ_{n−k}(x^{2^k})` for `k = 0..n`.
fn quotient_weights(x: Fr, point: &[Fr]) -> Vec<Fr> {
    let n = point.len();
    let mut x_2k = x; // x^{2^k}
    (0..n)
        .map(|k| {
            let u_k = point[n - 1 - k];
            let x_2k1 = x_2k.square();
            let c = x_2k * phi(n - k - 1, x_2k1) - u_k * phi(n - k, x_2k);
            x_2k = x_2k1;
            c
        })
        .collect()
}

/// The quotients `q_0, …, q_{n−1}` (`q_k` has `2^k` entries) and `f(u)`.
fn quotients(evals: &[Fr], point: &[Fr]) -> (Vec<Vec<Fr>>, Fr) {
    let n = point.len();
    let mut g = evals.to_vec();
    let mut qs = vec![Vec::new(); n];
    for k in (0..n).rev() {
        let half = 1usize << k;
        let u_k = point[n - 1 - k];
        let (lo, hi) = g.split_at_mut(half);
        let q: Vec<Fr> = lo.iter().zip(hi.iter()).map(|(l, h)| *h - l).collect();
        for (l, d) in lo.iter_mut().zip(&q) {
            *l += u_k * d;
        }
        g.truncate(half);
        qs[k] = q;
    }
    (qs, g[0])
}

fn absorb_statement(
    transcript: &mut impl Transcript,
    commitment: &G1Affine,
    point: &[Fr],
    eval: &Fr,
) {
    transcript.append_serializable(b"zeromorph_commitment", commitment);
    transcript.append_scalars(b"zeromorph_point", point);
    transcript.append_scalar(b"zeromorph_eval", eval);
}

impl CommitmentScheme for Zeromorph {
    type Field = Fr;
    type ProverSetup = KzgProverSetup;
    type VerifierSetup = KzgVerifierSetup;
    type Commitment = ZeromorphCommitment;
    type Proof = ZeromorphProof;

    const NAME: &'static str = "zeromorph";

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
    ) -> Result<Vec<ZeromorphCommitment>, PcsError> {
        Ok(Self::commit_gathered_with_rows(setup, num_rows, indices, tables)?.0)
    }

    fn commit_gathered_with_rows(
        setup: &KzgProverSetup,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<(Vec<ZeromorphCommitment>, Option<Vec<ZeromorphCommitment>>), PcsError> {
        setup.gathered_with_rows(num_rows, indices, tables, ZeromorphCommitment)
    }

    fn merge_one_hot_rows(
        rows: &[ZeromorphCommitment],
        map: &[u16],
        num_rows: usize,
    ) -> Result<Option<Vec<ZeromorphCommitment>>, PcsError> {
        KzgProverSetup::merge_one_hot_rows(rows, map, num_rows, |c| c.0, ZeromorphCommitment)
    }

    fn commit_one_hot(
        setup: &KzgProverSetup,
        num_rows: usize,
        indices: &[u16],
    ) -> Result<Vec<ZeromorphCommitment>, PcsError> {
        check_one_hot_shape(num_rows, indices)?;
        Ok(setup
            .commit_one_hot(num_rows, indices)?
            .into_iter()
            .map(ZeromorphCommitment)
            .collect())
    }

    fn commit(
        setup: &KzgProverSetup,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<ZeromorphCommitment, PcsError> {
        Ok(ZeromorphCommitment(
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
    ) -> Result<ZeromorphProof, PcsError> {
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
        let big_n = setup.powers_g1.len();
        absorb_statement(transcript, &commitment.0, point, eval);
        let identity = G1Affine::identity();
        if n == 0 {
            return Ok(ZeromorphProof {
                quotient_commitments: Vec::new(),
                degree_check: identity,
                witness: identity,
            });
        }
        let (qs, _) = quotients(poly.evals(), point);
        let quotient_commitments = G1Projective::normalize_batch(
            &qs.iter()
                .map(|q| G1Projective::msm_unchecked(&setup.powers_g1[..q.len()], q))
                .collect::<Vec<_>>(),
        );
        transcript.append_serializable(b"zeromorph_quotients", &quotient_commitments);
        let y: Fr = transcript.challenge_scalar(b"zeromorph_y");
        // q̂ = Σ_k y^k X^{N−2^k} q_k occupies degrees [N − 2^{n−1}, N).
        let top = 1usize << (n - 1);
        let mut q_hat = vec![Fr::zero(); top];
        let mut y_k = Fr::one();
        let mut y_powers = Vec::with_capacity(n);
        for q in &qs {
            let offset = top - q.len();
            for (c, v) in q_hat[offset..].iter_mut().zip(q) {
                *c += y_k * v;
            }
            y_powers.push(y_k);
            y_k *= y;
        }
        let degree_check =
            G1Projective::msm_unchecked(&setup.powers_g1[big_n - top..], &q_hat).into_affine();
        transcript.append_serializable(b"zeromorph_degree_check", &degree_check);
        let x: Fr = transcript.challenge_scalar(b"zeromorph_x");
        let z: Fr = transcript.challenge_scalar(b"zeromorph_z");
        // P = ζ_x + z·Z_x as a length-N coefficient vector.
        let weights = quotient_weights(x, point);
        let mut p = vec![Fr::zero(); big_n];
        for (c, f) in p.iter_mut().zip(poly.evals()) {
            *c = z * f;
        }
        p[0] -= z * eval * phi(n, x);
        for (k, q) in qs.iter().enumerate() {
            let scale = y_powers[k] * x.pow([(big_n - q.len()) as u64]) + z * weights[k];
            for (c, v) in p.iter_mut().zip(q) {
                *c -= scale * v;
            }
        }
        for (c, v) in p[big_n - top..].iter_mut().zip(&q_hat) {
            *c += v;
        }
        let w = divide_by_linear(&p, x);
        let witness = G1Projective::msm_unchecked(&setup.powers_g1[..w.len()], &w).into_affine();
        transcript.append_serializable(b"zeromorph_witness", &witness);
        Ok(ZeromorphProof {
            quotient_commitments,
            degree_check,
            witness,
        })
    }

    fn verify(
        setup: &KzgVerifierSetup,
        commitment: &ZeromorphCommitment,
        point: &[Fr],
        eval: &Fr,
        proof: &ZeromorphProof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError> {
        let n = point.len();
        absorb_statement(transcript, &commitment.0, point, eval);
        if n == 0 {
            if !proof.quotient_commitments.is_empty() {
                return Err(PcsError::UnexpectedProofData("quotient_commitments"));
            }
            if !proof.degree_check.is_zero() {
                return Err(PcsError::UnexpectedProofData("degree_check"));
            }
            if !proof.witness.is_zero() {
                return Err(PcsError::UnexpectedProofData("witness"));
            }
            return check_constant(setup, &commitment.0, eval);
        }
        if n >= 64 || (1u64 << n) > setup.num_powers {
            return Err(PcsError::TooManyVariables {
                num_vars: n,
                max: setup.num_powers.trailing_zeros() as usize,
            });
        }
        if proof.quotient_commitments.len() != n {
            return Err(PcsError::WrongProofLength {
                field: "quotient_commitments",
                expected: n,
                got: proof.quotient_commitments.len(),
            });
        }
        transcript.append_serializable(b"zeromorph_quotients", &proof.quotient_commitments);
        let y: Fr = transcript.challenge_scalar(b"zeromorph_y");
        transcript.append_serializable(b"zeromorph_degree_check", &proof.degree_check);
        let x: Fr = transcript.challenge_scalar(b"zeromorph_x");
        let z: Fr = transcript.challenge_scalar(b"zeromorph_z");
        let weights = quotient_weights(x, point);
        // C_ζ + z·C_Z = Ĉ + z·C − z·v·Φ_n(x)·G − Σ_k (y^k x^{N−2^k} + z·c_k)·C_k.
        let mut bases = Vec::with_capacity(n + 3);
        let mut scalars = Vec::with_capacity(n + 3);
        let mut y_k = Fr::one();
        for (k, c_k) in proof.quotient_commitments.iter().enumerate() {
            bases.push(*c_k);
            scalars.push(-(y_k * x.pow([setup.num_powers - (1u64 << k)]) + z * weights[k]));
            y_k *= y;
        }
        bases.extend([proof.degree_check, commitment.0, setup.g1, proof.witness]);
        scalars.extend([Fr::one(), z, -(z * eval * phi(n, x)), x]);
        let lhs = G1Projective::msm_unchecked(&bases, &scalars);
        transcript.append_serializable(b"zeromorph_witness", &proof.witness);
        let check = Bn254::multi_pairing(
            [
                lhs.into_affine(),
                (-G1Projective::from(proof.witness)).into_affine(),
            ],
            [setup.g2, setup.tau_g2],
        );
        if check.is_zero() {
            Ok(())
        } else {
            Err(PcsError::PairingCheckFailed)
        }
    }

    fn combine_commitments(
        commitments: &[ZeromorphCommitment],
        coeffs: &[Fr],
    ) -> Option<ZeromorphCommitment> {
        let points: Vec<G1Affine> = commitments.iter().map(|c| c.0).collect();
        combine_points(&points, coeffs).map(ZeromorphCommitment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_std::UniformRand;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    /// The univariate identity behind the protocol, checked at a random point.
    #[test]
    fn quotient_identity_holds() {
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        for n in 1..=6 {
            let f: Vec<Fr> = (0..1usize << n).map(|_| Fr::rand(&mut rng)).collect();
            let u: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
            let (qs, v) = quotients(&f, &u);
            assert_eq!(v, DensePolynomial::new(f.clone()).evaluate(&u));
            let x = Fr::rand(&mut rng);
            let eval_u = |c: &[Fr]| c.iter().rev().fold(Fr::zero(), |a, b| a * x + b);
            let lhs = eval_u(&f) - v * phi(n, x);
            let w = quotient_weights(x, &u);
            let rhs: Fr = qs.iter().zip(&w).map(|(q, c)| *c * eval_u(q)).sum();
            assert_eq!(lhs, rhs, "n = {n}");
        }
    }
}
