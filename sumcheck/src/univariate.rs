//! Univariate polynomials: the round messages of sumcheck.
//!
//! A round polynomial `s(X)` of degree `d` is computed by the prover as its evaluations
//! `s(0), s(1), …, s(d)`; [`UniPoly::from_evals`] interpolates its coefficients. On the wire it
//! is sent as a [`CompressedUniPoly`]: all coefficients except the linear one, which the verifier
//! recovers from the running claim `s(0) + s(1)` (saving one field element per round).

use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};

/// `s(X) = Σ_i c_i·X^i`, coefficients from low to high degree.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct UniPoly<F: PrimeField> {
    /// `c_0, c_1, …, c_d`.
    pub coeffs: Vec<F>,
}

impl<F: PrimeField> UniPoly<F> {
    /// The polynomial with the given coefficients (low to high).
    pub fn from_coeffs(coeffs: Vec<F>) -> Self {
        Self { coeffs }
    }

    /// The unique polynomial of degree ≤ d with `s(i) = evals[i]` for `i = 0..=d`, by Lagrange
    /// interpolation over the nodes `0..=d` (O(d²) field operations, one batched inversion).
    pub fn from_evals(evals: &[F]) -> Self {
        let n = evals.len();
        if n == 0 {
            return Self { coeffs: vec![] };
        }
        // Lagrange basis L_i(X) = Π_{j≠i} (X − j)/(i − j). Build the numerator polynomial
        // N(X) = Π_j (X − j) once, divide by (X − i) synthetically for each i.
        let mut full = vec![F::one()]; // Π_j (X − j), low to high
        for j in 0..n {
            let mut next = vec![F::zero(); full.len() + 1];
            for (k, c) in full.iter().enumerate() {
                next[k + 1] += c;
                next[k] -= *c * F::from(j as u64);
            }
            full = next;
        }
        let mut denominators: Vec<F> = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| F::from(i as u64) - F::from(j as u64))
                    .product()
            })
            .collect();
        ark_ff::batch_inversion(&mut denominators);
        let mut coeffs = vec![F::zero(); n];
        for i in 0..n {
            if evals[i].is_zero() {
                continue;
            }
            // quotient = full / (X − i), by synthetic division from the top.
            let node = F::from(i as u64);
            let mut quotient = vec![F::zero(); n];
            let mut carry = F::zero();
            for k in (1..=n).rev() {
                carry = full[k] + carry * node;
                quotient[k - 1] = carry;
            }
            let w = evals[i] * denominators[i];
            for (c, q) in coeffs.iter_mut().zip(quotient.iter()) {
                *c += w * q;
            }
        }
        Self { coeffs }
    }

    /// The degree bound `d` (number of coefficients minus one; 0 for the empty polynomial).
    pub fn degree(&self) -> usize {
        self.coeffs.len().saturating_sub(1)
    }

    /// `s(x)` by Horner's rule.
    pub fn evaluate(&self, x: &F) -> F {
        self.coeffs
            .iter()
            .rev()
            .fold(F::zero(), |acc, c| acc * x + c)
    }

    /// Drops the linear coefficient (see [`CompressedUniPoly`]).
    pub fn compress(&self) -> CompressedUniPoly<F> {
        let mut coeffs_except_linear = Vec::with_capacity(self.coeffs.len().saturating_sub(1));
        for (i, c) in self.coeffs.iter().enumerate() {
            if i != 1 {
                coeffs_except_linear.push(*c);
            }
        }
        CompressedUniPoly {
            coeffs_except_linear,
        }
    }
}

/// A round polynomial without its linear coefficient: `[c_0, c_2, c_3, …, c_d]`.
///
/// Given the claim `h = s(0) + s(1) = 2c_0 + c_1 + c_2 + … + c_d`, the verifier recovers
/// `c_1 = h − 2c_0 − Σ_{i≥2} c_i`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct CompressedUniPoly<F: PrimeField> {
    /// `c_0, c_2, …, c_d`.
    pub coeffs_except_linear: Vec<F>,
}

impl<F: PrimeField> CompressedUniPoly<F> {
    /// The degree `d` of the polynomial this encodes (`len` stored coefficients ⇒ degree `len`,
    /// except that an empty or single-coefficient message encodes degree ≤ 1).
    pub fn degree(&self) -> usize {
        self.coeffs_except_linear.len().max(1)
    }

    /// Restores `s(X)` using the running claim `hint = s(0) + s(1)`.
    pub fn decompress(&self, hint: &F) -> UniPoly<F> {
        let c = &self.coeffs_except_linear;
        if c.is_empty() {
            // An empty message encodes c_0 = 0, so s(X) = hint·X.
            return UniPoly {
                coeffs: vec![F::zero(), *hint],
            };
        }
        let mut linear = *hint - c[0] - c[0];
        for ci in &c[1..] {
            linear -= ci;
        }
        let mut coeffs = Vec::with_capacity(c.len() + 1);
        coeffs.push(c[0]);
        coeffs.push(linear);
        coeffs.extend_from_slice(&c[1..]);
        UniPoly { coeffs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_std::UniformRand;
    use proptest::prelude::*;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn interpolation_reproduces_the_evaluations(d in 0usize..=8, seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let coeffs: Vec<Fr> = (0..=d).map(|_| Fr::rand(&mut rng)).collect();
            let p = UniPoly::from_coeffs(coeffs.clone());
            let evals: Vec<Fr> = (0..=d).map(|i| p.evaluate(&Fr::from(i as u64))).collect();
            prop_assert_eq!(UniPoly::from_evals(&evals).coeffs, coeffs);
        }

        #[test]
        fn compression_round_trips(d in 1usize..=8, seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let p = UniPoly::from_coeffs((0..=d).map(|_| Fr::rand(&mut rng)).collect());
            let hint = p.evaluate(&Fr::from(0u64)) + p.evaluate(&Fr::from(1u64));
            prop_assert_eq!(p.compress().decompress(&hint), p.clone());
            prop_assert_eq!(p.compress().degree(), d);
        }
    }
}
