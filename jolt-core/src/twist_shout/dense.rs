//! A dense sum-of-products sumcheck instance, the last phase of every Twist/Shout sumcheck
//! once the sparse structure is bound away: `Σ_x Σ_t c_t·Π_{m ∈ S_t} f_m(x)` over shared
//! dense factor vectors `f_m`.

use ark_ff::PrimeField;
use sumcheck::{SumcheckInstance, UniPoly};

/// Fixes the top (most significant) variable of the evaluation vector `v` to `r`:
/// `v'[x] = v[x] + r·(v[x + ½] − v[x])`.
pub(crate) fn fold<F: PrimeField>(v: &mut Vec<F>, r: F) {
    let half = v.len() / 2;
    for x in 0..half {
        let (lo, hi) = (v[x], v[x + half]);
        v[x] = lo + r * (hi - lo);
    }
    v.truncate(half);
}

/// The evaluations at `0, …, degree` of the polynomial interpolating `evals` (at
/// `0, …, evals.len() − 1`): a low-degree round sent at an instance's higher degree bound.
pub(crate) fn extend_evals<F: PrimeField>(evals: Vec<F>, degree: usize) -> Vec<F> {
    if evals.len() > degree {
        return evals;
    }
    let p = UniPoly::from_evals(&evals);
    (0..=degree)
        .map(|t| p.evaluate(&F::from(t as u64)))
        .collect()
}

/// `Σ_x Σ_t coeff_t·Π_{m ∈ factors_t} f_m(x)`.
pub(crate) struct DenseProductSum<F> {
    /// The factor vectors, all of one power-of-two length.
    pub factors: Vec<Vec<F>>,
    /// `(coeff_t, the factors of term t)`.
    pub terms: Vec<(F, Vec<usize>)>,
    /// The degree bound (at least the largest term's factor count).
    pub degree: usize,
    /// The claimed sum.
    pub claim: F,
}

impl<F: PrimeField> DenseProductSum<F> {
    /// The sum over the hypercube (the honest claim).
    pub fn sum(factors: &[Vec<F>], terms: &[(F, Vec<usize>)]) -> F {
        (0..factors[0].len())
            .map(|x| {
                terms
                    .iter()
                    .map(|(c, t)| *c * t.iter().map(|&m| factors[m][x]).product::<F>())
                    .sum::<F>()
            })
            .sum()
    }

    /// An instance with its claim computed from the factors.
    pub fn new(factors: Vec<Vec<F>>, terms: Vec<(F, Vec<usize>)>, degree: usize) -> Self {
        let claim = Self::sum(&factors, &terms);
        DenseProductSum {
            factors,
            terms,
            degree,
            claim,
        }
    }
}

impl<F: PrimeField> SumcheckInstance<F> for DenseProductSum<F> {
    fn num_vars(&self) -> usize {
        self.factors[0].len().trailing_zeros() as usize
    }
    fn degree(&self) -> usize {
        self.degree
    }
    fn claimed_sum(&self) -> F {
        self.claim
    }
    /// `s(0), s(2), …, s(degree)` by one pass; `s(1) = previous_claim − s(0)` (the honest
    /// round polynomial always satisfies it), which saves one of the `degree + 1` points.
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        let half = self.factors[0].len() / 2;
        let mut evals = vec![F::zero(); self.degree + 1];
        let mut value = vec![F::zero(); self.factors.len()];
        let mut step = vec![F::zero(); self.factors.len()];
        let terms_at = |value: &[F]| -> F {
            self.terms
                .iter()
                .map(|(c, t)| *c * t.iter().map(|&m| value[m]).product::<F>())
                .sum()
        };
        for x in 0..half {
            for (m, f) in self.factors.iter().enumerate() {
                value[m] = f[x];
                step[m] = f[x + half] - f[x];
            }
            evals[0] += terms_at(&value);
            if self.degree >= 2 {
                for (v, s) in value.iter_mut().zip(&step) {
                    *v += s.double();
                }
                evals[2] += terms_at(&value);
            }
            for e in evals.iter_mut().skip(3) {
                for (v, s) in value.iter_mut().zip(&step) {
                    *v += s;
                }
                *e += terms_at(&value);
            }
        }
        evals[1] = previous_claim - evals[0];
        evals
    }
    fn bind(&mut self, r: F) {
        self.factors.iter_mut().for_each(|f| fold(f, r));
    }
    fn final_evals(&self) -> Vec<F> {
        self.factors.iter().map(|f| f[0]).collect()
    }
}
