//! The univariate KZG core over BN254 shared by HyperKZG and Zeromorph
//! (Kate, Zaverucha, Goldberg 2010; see `paper-notes/kzg.md`).
//!
//! Setup: `G_i = τ^i·G` for `i < N` in G1, and `H`, `τ·H` in G2. A polynomial
//! `f(X) = Σ_i f_i X^i` is committed as `C = Σ_i f_i·G_i = f(τ)·G`. An opening of `f(x) = y`
//! is `W = q(τ)·G` with `q(X) = (f(X) − y)/(X − x)`, checked by
//! `e(C − y·G + x·W, H) = e(W, τ·H)`. Several openings `(C_i, x_i, y_i, W_i)` are checked at
//! once with a random `d`: `e(Σ d^i (C_i − y_i G + x_i W_i), H) = e(Σ d^i W_i, τH)`.

use crate::error::PcsError;
use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::scalar_mul::BatchMulPreprocessing;
use ark_ec::{CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::{Field, One, UniformRand, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use rayon::prelude::*;
use sumcheck::MultilinearPolynomial;

/// The prover's KZG parameters: `G_i = τ^i·G` for `i < 2^max_num_vars`, plus the G2 elements.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct KzgProverSetup {
    /// `τ^i·G` for `i < N`.
    pub powers_g1: Vec<G1Affine>,
    /// `H` (the G2 generator) and `τ·H`.
    pub verifier: KzgVerifierSetup,
}

/// The verifier's KZG parameters: `G`, `H`, `τ·H`, and the number `N` of G1 powers (the
/// degree bound Zeromorph's degree check relies on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct KzgVerifierSetup {
    /// `N`: the prover setup holds `τ^i·G` for `i < N`.
    pub num_powers: u64,
    /// `G = τ^0·G`.
    pub g1: G1Affine,
    /// `H`.
    pub g2: G2Affine,
    /// `τ·H`.
    pub tau_g2: G2Affine,
}

impl KzgProverSetup {
    /// **Insecure** setup for `2^max_num_vars` powers with `τ` derived from `seed`.
    pub fn insecure(max_num_vars: usize, seed: u64) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x4b5a_4753_4554_5550);
        let tau = Fr::rand(&mut rng);
        let n = 1usize << max_num_vars;
        let mut powers = Vec::with_capacity(n);
        let mut acc = Fr::one();
        for _ in 0..n {
            powers.push(acc);
            acc *= tau;
        }
        let g = G1Projective::generator();
        let table = BatchMulPreprocessing::new(g, n);
        let powers_g1 = table.batch_mul(&powers);
        let h = G2Projective::generator();
        Self {
            powers_g1,
            verifier: KzgVerifierSetup {
                num_powers: n as u64,
                g1: g.into_affine(),
                g2: h.into_affine(),
                tau_g2: (h * tau).into_affine(),
            },
        }
    }

    /// The number of variables whose hypercube fits the powers, `log2 N`.
    pub fn max_num_vars(&self) -> usize {
        self.powers_g1.len().trailing_zeros() as usize
    }

    /// `Σ_i f_i·G_i` for the coefficient vector `f` (length ≤ N).
    pub fn commit_coeffs(&self, coeffs: &[Fr]) -> Result<G1Projective, PcsError> {
        self.check_len(coeffs.len())?;
        Ok(G1Projective::msm_unchecked(
            &self.powers_g1[..coeffs.len()],
            coeffs,
        ))
    }

    /// Commits to a multilinear polynomial's evaluation vector, using the small-scalar MSM for
    /// compact forms (pay per bit: a 0/1 column costs about 1 % of a full MSM).
    pub fn commit_multilinear(
        &self,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<G1Projective, PcsError> {
        self.check_len(poly.len())?;
        let bases = &self.powers_g1[..poly.len()];
        Ok(match poly {
            MultilinearPolynomial::Dense(p) => G1Projective::msm_unchecked(bases, p.evals()),
            MultilinearPolynomial::Bool(p) if !p.is_bound() => {
                G1Projective::msm_u1(bases, p.small_values())
            }
            MultilinearPolynomial::U8(p) if !p.is_bound() => {
                G1Projective::msm_u8(bases, p.small_values())
            }
            MultilinearPolynomial::U16(p) if !p.is_bound() => {
                G1Projective::msm_u16(bases, p.small_values())
            }
            MultilinearPolynomial::U32(p) if !p.is_bound() => {
                G1Projective::msm_u32(bases, p.small_values())
            }
            MultilinearPolynomial::U64(p) if !p.is_bound() => {
                G1Projective::msm_u64(bases, p.small_values())
            }
            other => G1Projective::msm_unchecked(bases, other.to_dense().evals()),
        })
    }

    fn check_len(&self, len: usize) -> Result<(), PcsError> {
        if len > self.powers_g1.len() {
            return Err(PcsError::TooManyVariables {
                num_vars: len.next_power_of_two().trailing_zeros() as usize,
                max: self.max_num_vars(),
            });
        }
        Ok(())
    }
}

/// `q(X) = (f(X) − f(x))/(X − x)` by synthetic division (coefficients low to high).
/// `O(len)` field operations.
pub fn divide_by_linear(coeffs: &[Fr], x: Fr) -> Vec<Fr> {
    if coeffs.len() <= 1 {
        return Vec::new();
    }
    let mut quotient = vec![Fr::zero(); coeffs.len() - 1];
    let mut carry = Fr::zero();
    for i in (1..coeffs.len()).rev() {
        carry = coeffs[i] + carry * x;
        quotient[i - 1] = carry;
    }
    quotient
}

/// `f(x)` for coefficients low to high, in parallel chunks above 2^14 coefficients.
pub fn evaluate_univariate(coeffs: &[Fr], x: Fr) -> Fr {
    const CHUNK: usize = 1 << 14;
    if coeffs.len() <= CHUNK {
        return coeffs.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
    }
    let x_chunk = x.pow([CHUNK as u64]);
    let partial: Vec<Fr> = coeffs
        .par_chunks(CHUNK)
        .map(|c| c.iter().rev().fold(Fr::zero(), |acc, v| acc * x + v))
        .collect();
    partial
        .iter()
        .rev()
        .fold(Fr::zero(), |acc, p| acc * x_chunk + p)
}

/// One KZG opening claim `(C, x, y, W)`: the polynomial in `C` takes `y` at `x`, witnessed by `W`.
pub struct KzgClaim {
    /// The commitment `C`.
    pub commitment: G1Projective,
    /// The point `x`.
    pub point: Fr,
    /// The value `y`.
    pub value: Fr,
    /// The witness `W = q(τ)·G`.
    pub witness: G1Affine,
}

/// Checks all claims with one 2-pairing product using the random weight `d`:
/// `e(Σ d^i (C_i − y_i G + x_i W_i), H) · e(−Σ d^i W_i, τH) = 1`.
pub fn batch_check(vk: &KzgVerifierSetup, claims: &[KzgClaim], d: Fr) -> Result<(), PcsError> {
    let mut left = G1Projective::zero();
    let mut right = G1Projective::zero();
    let mut weight = Fr::one();
    let g = G1Projective::from(vk.g1);
    for c in claims {
        let w = G1Projective::from(c.witness);
        left += (c.commitment - g * c.value + w * c.point) * weight;
        right += w * weight;
        weight *= d;
    }
    let lhs = Bn254::multi_pairing(
        [left.into_affine(), (-right).into_affine()],
        [vk.g2, vk.tau_g2],
    );
    if lhs.is_zero() {
        Ok(())
    } else {
        Err(PcsError::PairingCheckFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_kzg_opening_verifies_and_a_wrong_value_does_not() {
        let setup = KzgProverSetup::insecure(4, 1);
        let coeffs: Vec<Fr> = (0..16u64).map(|i| Fr::from(i * i + 3)).collect();
        let c = setup.commit_coeffs(&coeffs).unwrap();
        let x = Fr::from(12345u64);
        let y = evaluate_univariate(&coeffs, x);
        let w = setup
            .commit_coeffs(&divide_by_linear(&coeffs, x))
            .unwrap()
            .into_affine();
        let claim = |value| KzgClaim {
            commitment: c,
            point: x,
            value,
            witness: w,
        };
        assert_eq!(
            batch_check(&setup.verifier, &[claim(y)], Fr::from(7u64)),
            Ok(())
        );
        assert_eq!(
            batch_check(&setup.verifier, &[claim(y + Fr::one())], Fr::from(7u64)),
            Err(PcsError::PairingCheckFailed)
        );
    }

    #[test]
    fn division_is_exact() {
        let coeffs: Vec<Fr> = (0..9u64).map(|i| Fr::from(3 * i + 1)).collect();
        let x = Fr::from(5u64);
        let q = divide_by_linear(&coeffs, x);
        let z = Fr::from(77u64);
        let lhs = evaluate_univariate(&coeffs, z) - evaluate_univariate(&coeffs, x);
        assert_eq!(lhs, (z - x) * evaluate_univariate(&q, z));
    }

    #[test]
    fn chunked_evaluation_matches_horner() {
        let coeffs: Vec<Fr> = (0..(1u64 << 15) + 3).map(Fr::from).collect();
        let x = Fr::from(3u64);
        let horner = coeffs.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
        assert_eq!(evaluate_univariate(&coeffs, x), horner);
    }
}
