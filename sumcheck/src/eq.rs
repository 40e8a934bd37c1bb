//! The equality polynomial `eq(r, x) = Π_k (r_k·x_k + (1 − r_k)(1 − x_k))`.
//!
//! For Boolean `x` it is the Lagrange basis polynomial of the point `x` evaluated at `r`, so
//! `p(r) = Σ_x eq(r, x)·p(x)` for every multilinear `p`, and `Σ_x eq(r, x) = 1`.
//! Tables follow the crate's variable order: `r_0` pairs with the most significant bit of the
//! index.

use crate::multilinear::PARALLEL_THRESHOLD;
use ark_ff::PrimeField;
use rayon::prelude::*;

/// The multilinear equality polynomial `eq(r, ·)` for a fixed point `r ∈ F^n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EqPolynomial<F: PrimeField> {
    point: Vec<F>,
}

impl<F: PrimeField> EqPolynomial<F> {
    /// `eq(point, ·)`.
    pub fn new(point: Vec<F>) -> Self {
        Self { point }
    }

    /// The fixed point `r`.
    pub fn point(&self) -> &[F] {
        &self.point
    }

    /// `eq(r, x) = Π_k (r_k·x_k + (1 − r_k)(1 − x_k))` at any `x ∈ F^n`, in `O(n)`.
    pub fn evaluate(&self, x: &[F]) -> F {
        assert_eq!(x.len(), self.point.len(), "eq: points of different lengths");
        self.point
            .iter()
            .zip(x)
            .map(|(r, x)| *r * x + (F::one() - r) * (F::one() - x))
            .product()
    }

    /// All `2^n` values `eq(r, x)`, `x ∈ {0,1}^n`, in index order (`r_0` ↔ top bit).
    /// Uses `2^n + O(2^{n/2})` field multiplications.
    pub fn evals(point: &[F]) -> Vec<F> {
        Self::evals_scaled(point, F::one())
    }

    /// `scale · eq(r, x)` for all `x ∈ {0,1}^n`; the scale costs nothing extra.
    ///
    /// Small tables are built by doubling (each entry `t` splits into `t·(1−r_k)` and `t·r_k`,
    /// one multiplication per new pair). Large ones split `r = (r_hi, r_lo)` and form the
    /// outer product `eq(r_hi, x_hi)·eq(r_lo, x_lo)` in parallel, one multiplication per entry.
    pub fn evals_scaled(point: &[F], scale: F) -> Vec<F> {
        let n = point.len();
        if (1usize << n) < PARALLEL_THRESHOLD {
            return Self::evals_serial(point, scale);
        }
        let (hi_point, lo_point) = point.split_at(n / 2);
        let hi = Self::evals_serial(hi_point, scale);
        let lo = Self::evals_serial(lo_point, F::one());
        let mut out = vec![F::zero(); 1 << n];
        out.par_chunks_mut(lo.len())
            .zip(hi.par_iter())
            .for_each(|(chunk, h)| {
                for (o, l) in chunk.iter_mut().zip(lo.iter()) {
                    *o = *h * l;
                }
            });
        out
    }

    /// Serial doubling construction of `scale·eq(r, ·)`.
    fn evals_serial(point: &[F], scale: F) -> Vec<F> {
        let mut evals = vec![F::zero(); 1 << point.len()];
        evals[0] = scale;
        let mut size = 1;
        for r in point {
            // Entries 0..size hold eq over the variables seen so far; spread them to 0..2·size,
            // walking downward so no entry is overwritten before it is read.
            for i in (0..size).rev() {
                let t = evals[i];
                let hi = t * r;
                evals[2 * i + 1] = hi;
                evals[2 * i] = t - hi;
            }
            size *= 2;
        }
        evals
    }
}

/// `[Π_{b < m} (1 − r_b)]_{m = 0..=n}`: at `r`, the zero-padding factor of a polynomial in the
/// last `n − m` variables (`p(x) = [x_{<m} = 0]·q(x_{≥m})` evaluates to `prefix[m]·q(r_{≥m})`).
pub fn zero_prefix_products<F: PrimeField>(r: &[F]) -> Vec<F> {
    let mut prefix = Vec::with_capacity(r.len() + 1);
    prefix.push(F::one());
    for x in r {
        let last = *prefix.last().expect("non-empty");
        prefix.push(last * (F::one() - x));
    }
    prefix
}

/// `E[k] = Σ_{t: index(t) = k} weights[t]` for `k < len`: a weight table (usually
/// `eq(r, ·)` over the steps) pushed through an index column, so that for any table `V`,
/// `Σ_t weights[t]·V[index(t)] = Σ_k E[k]·V[k]` (one addition per step, then `len` terms).
pub fn pushforward<F: PrimeField>(
    indices: impl IntoIterator<Item = usize>,
    weights: &[F],
    len: usize,
) -> Vec<F> {
    let mut pushed = vec![F::zero(); len];
    for (k, w) in indices.into_iter().zip(weights) {
        pushed[k] += w;
    }
    pushed
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ff::{One, Zero};
    use ark_std::UniformRand;
    use proptest::prelude::*;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    fn bits(i: usize, n: usize) -> Vec<Fr> {
        (0..n)
            .map(|k| Fr::from(((i >> (n - 1 - k)) & 1) as u64))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        #[test]
        fn table_matches_pointwise_evaluation(n in 0usize..=16, seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let r: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
            let table = EqPolynomial::evals(&r);
            let eq = EqPolynomial::new(r);
            for i in [0usize, (1 << n) - 1, (1 << n) / 3, (1 << n) / 2] {
                prop_assert_eq!(table[i], eq.evaluate(&bits(i, n)));
            }
        }

        #[test]
        fn table_sums_to_one(n in 0usize..=16, seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let r: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
            let sum: Fr = EqPolynomial::evals(&r).iter().sum();
            prop_assert_eq!(sum, Fr::one());
        }
    }

    #[test]
    fn eq_on_boolean_points_is_the_indicator() {
        let n = 4;
        for i in 0..16 {
            let table = EqPolynomial::evals(&bits(i, n));
            for (j, v) in table.iter().enumerate() {
                assert_eq!(*v, if i == j { Fr::one() } else { Fr::zero() });
            }
        }
    }
}
