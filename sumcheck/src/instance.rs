//! What a sumcheck prover needs from an instance, and the two instances used everywhere.
//!
//! [`SumcheckInstance`] is the prover-side interface: an instance knows its size, degree and
//! claimed sum, computes the current round polynomial's evaluations, and binds a variable.
//! [`ProductSumcheck`] proves `Σ_x g(p_1(x), …, p_k(x))` for any combine function `g`;
//! [`EqProductSumcheck`] proves `Σ_x eq(τ, x)·h(p_1(x), …, p_k(x))` with the eq-factor
//! (Gruen) optimisation.

use crate::eq::EqPolynomial;
use crate::multilinear::{MultilinearPolynomial, PARALLEL_THRESHOLD};
use ark_ff::PrimeField;
use rayon::prelude::*;

/// The prover's view of one sumcheck instance `H = Σ_{x ∈ {0,1}^n} g(x)`.
pub trait SumcheckInstance<F: PrimeField>: Send + Sync {
    /// The number of variables `n` (rounds).
    fn num_vars(&self) -> usize;
    /// The degree bound `d` of every round polynomial.
    fn degree(&self) -> usize;
    /// The claimed sum `H`.
    fn claimed_sum(&self) -> F;
    /// The current round polynomial's evaluations `s(0), s(1), …, s(d)`, given the running
    /// claim `s_{prev}(r_{prev})` (which equals `s(0) + s(1)`; eq-factor provers use it).
    fn round_evals(&self, previous_claim: F) -> Vec<F>;
    /// Fixes the current (most significant remaining) variable to `r`.
    fn bind(&mut self, r: F);
    /// After all rounds: the evaluations of the instance's polynomials at the random point,
    /// which the prover hands on as claims.
    fn final_evals(&self) -> Vec<F>;
}

/// A combine function `g: F^k → F` of known total degree (it may borrow data for `'a`).
pub type CombineFn<'a, F> = dyn Fn(&[F]) -> F + Send + Sync + 'a;

/// `Σ_x g(p_1(x), …, p_k(x))` for a combine function `g` of degree `d`.
pub struct ProductSumcheck<'a, F: PrimeField> {
    polys: Vec<MultilinearPolynomial<F>>,
    combine: &'a CombineFn<'a, F>,
    degree: usize,
    claim: F,
}

impl<'a, F: PrimeField> ProductSumcheck<'a, F> {
    /// An instance over `polys` (all with the same number of variables); `claim` is `H`.
    ///
    /// # Panics
    /// If the polynomials have different sizes or there are none.
    pub fn new(
        polys: Vec<MultilinearPolynomial<F>>,
        combine: &'a CombineFn<'a, F>,
        degree: usize,
        claim: F,
    ) -> Self {
        assert!(
            !polys.is_empty(),
            "a sumcheck instance needs at least one polynomial"
        );
        assert!(
            polys.iter().all(|p| p.len() == polys[0].len()),
            "all polynomials of an instance must have the same size"
        );
        Self {
            polys,
            combine,
            degree,
            claim,
        }
    }

    /// Computes `H = Σ_x g(p(x))` directly (for callers that do not know it).
    pub fn sum(polys: &[MultilinearPolynomial<F>], combine: &CombineFn<F>) -> F {
        let len = polys[0].len();
        let term = |i: usize| {
            let vals: Vec<F> = polys.iter().map(|p| p.get(i)).collect();
            combine(&vals)
        };
        if len >= PARALLEL_THRESHOLD {
            (0..len).into_par_iter().map(term).sum()
        } else {
            (0..len).map(term).sum()
        }
    }
}

/// `Σ_{i < half} f(i)` of a vector-valued `f` (length `m`; `f(i, acc, scratch)` adds its
/// value into `acc`), in parallel above the threshold, with one scratch value per rayon task
/// rather than per element: the loop every round of a sumcheck prover runs over its pairs.
pub fn sum_over_pairs<F: PrimeField, S: Default + Send>(
    half: usize,
    m: usize,
    f: impl Fn(usize, &mut [F], &mut S) + Send + Sync,
) -> Vec<F> {
    let accumulate = |acc: &mut Vec<F>, scratch: &mut S, i: usize| f(i, acc, scratch);
    if half >= PARALLEL_THRESHOLD / 2 {
        (0..half)
            .into_par_iter()
            .fold(
                || (vec![F::zero(); m], S::default()),
                |(mut acc, mut scratch), i| {
                    accumulate(&mut acc, &mut scratch, i);
                    (acc, scratch)
                },
            )
            .map(|(acc, _)| acc)
            .reduce(
                || vec![F::zero(); m],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            )
    } else {
        let mut acc = vec![F::zero(); m];
        let mut scratch = S::default();
        for i in 0..half {
            accumulate(&mut acc, &mut scratch, i);
        }
        acc
    }
}

impl<F: PrimeField> SumcheckInstance<F> for ProductSumcheck<'_, F> {
    fn num_vars(&self) -> usize {
        self.polys[0].num_vars()
    }

    fn degree(&self) -> usize {
        self.degree
    }

    fn claimed_sum(&self) -> F {
        self.claim
    }

    fn round_evals(&self, _previous_claim: F) -> Vec<F> {
        let k = self.polys.len();
        let d = self.degree;
        let half = self.polys[0].len() / 2;
        let slices: Option<Vec<&[F]>> = self.polys.iter().map(|p| p.field_evals()).collect();
        sum_over_pairs(half, d + 1, |i, acc, scratch: &mut Vec<F>| {
            // scratch holds, for every point t, the k values p_j(t, x').
            scratch.resize(k * (d + 1), F::zero());
            for (j, p) in self.polys.iter().enumerate() {
                let (lo, hi) = match &slices {
                    Some(s) => (s[j][i], s[j][i + half]),
                    None => (p.get(i), p.get(i + half)),
                };
                let step = hi - lo;
                let mut v = lo;
                for t in 0..=d {
                    scratch[t * k + j] = v;
                    v += step;
                }
            }
            for (t, a) in acc.iter_mut().enumerate() {
                *a += (self.combine)(&scratch[t * k..(t + 1) * k]);
            }
        })
    }

    fn bind(&mut self, r: F) {
        self.polys.iter_mut().for_each(|p| p.bind(r));
    }

    fn final_evals(&self) -> Vec<F> {
        self.polys.iter().map(|p| p.get(0)).collect()
    }
}

/// `Σ_x eq(τ, x)·h(p_1(x), …, p_k(x))` with `h` of degree `d − 1`, proved with the eq-factor
/// optimisation (Gruen 2024, §3; Dao–Thaler 2024).
///
/// In round `j`, `s_j(X) = eq_{<j}·eq(τ_j, X)·q_j(X)` where `eq_{<j} = Π_{i<j} eq(τ_i, r_i)`
/// is a scalar and `q_j(X) = Σ_{x'} eq(τ_{>j}, x')·h(p(r_{<j}, X, x'))` has degree `d − 1`.
/// The prover evaluates `q_j` at `0, 2, 3, …, d − 1` only, recovers `q_j(1)` from the running
/// claim `s_j(0) + s_j(1)`, and multiplies back the linear factor. The table
/// `eq(τ_{>j}, ·)` for the next round is obtained by summing the halves of this round's table
/// (additions only, since `eq(τ, 0) + eq(τ, 1) = 1`), so eq costs `2^{n−1}` multiplications
/// in total and is never re-bound.
pub struct EqProductSumcheck<'a, F: PrimeField> {
    tau: Vec<F>,
    round: usize,
    eq_bound: F,
    eq_rest: Vec<F>,
    /// The polynomials as given, until the first bind.
    polys: Vec<MultilinearPolynomial<F>>,
    /// After the first bind: row-major, `rows[i·k + j] = p_j(r_{≤j}, i)` for the `k`
    /// polynomials. A round reads two contiguous rows per pair instead of `2k` entries of `k`
    /// separate vectors (with 100 polynomials those are 200 memory streams, a cache miss
    /// each at `2^20` steps).
    rows: Vec<F>,
    num_polys: usize,
    h: &'a CombineFn<'a, F>,
    degree: usize,
    claim: F,
}

impl<'a, F: PrimeField> EqProductSumcheck<'a, F> {
    /// The instance `Σ_x eq(τ, x)·h(p(x)) = claim`; `degree` is the degree of the summand
    /// including the eq factor (so `h` has degree `degree − 1`).
    ///
    /// # Panics
    /// If sizes disagree with `τ`, or `degree < 1`.
    pub fn new(
        tau: Vec<F>,
        polys: Vec<MultilinearPolynomial<F>>,
        h: &'a CombineFn<'a, F>,
        degree: usize,
        claim: F,
    ) -> Self {
        assert!(degree >= 1, "an eq-product summand has degree at least 1");
        assert!(
            !polys.is_empty(),
            "a sumcheck instance needs at least one polynomial"
        );
        assert!(
            polys.iter().all(|p| p.num_vars() == tau.len()),
            "every polynomial must have as many variables as τ"
        );
        let eq_rest = if tau.is_empty() {
            vec![F::one()]
        } else {
            EqPolynomial::evals(&tau[1..])
        };
        Self {
            tau,
            round: 0,
            eq_bound: F::one(),
            eq_rest,
            num_polys: polys.len(),
            polys,
            rows: Vec::new(),
            h,
            degree,
            claim,
        }
    }

    /// The claimed sum `Σ_x eq(τ, x)·h(p(x))` computed directly.
    pub fn sum(tau: &[F], polys: &[MultilinearPolynomial<F>], h: &CombineFn<F>) -> F {
        let eq = EqPolynomial::evals(tau);
        let term = |i: usize| {
            let vals: Vec<F> = polys.iter().map(|p| p.get(i)).collect();
            eq[i] * h(&vals)
        };
        if eq.len() >= PARALLEL_THRESHOLD {
            (0..eq.len()).into_par_iter().map(term).sum()
        } else {
            (0..eq.len()).map(term).sum()
        }
    }
}

impl<F: PrimeField> SumcheckInstance<F> for EqProductSumcheck<'_, F> {
    fn num_vars(&self) -> usize {
        self.tau.len()
    }

    fn degree(&self) -> usize {
        self.degree
    }

    fn claimed_sum(&self) -> F {
        self.claim
    }

    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        let q_partial = if self.rows.is_empty() {
            self.column_sums()
        } else {
            self.row_sums()
        };
        self.round_evals_from_partial(&q_partial, previous_claim)
    }

    fn bind(&mut self, r: F) {
        let tau_j = self.tau[self.round];
        self.eq_bound *= tau_j * r + (F::one() - tau_j) * (F::one() - r);
        let k = self.num_polys;
        if self.rows.is_empty() {
            self.rows = bind_into_rows(&self.polys, r);
            self.polys = Vec::new();
        } else {
            let half = self.rows.len() / 2;
            let (lo, hi) = self.rows.split_at_mut(half);
            let step = |(l, h): (&mut F, &F)| *l += r * (*h - *l);
            if half / k >= PARALLEL_THRESHOLD / 2 {
                lo.par_iter_mut().zip(hi.par_iter()).for_each(step);
            } else {
                lo.iter_mut().zip(hi.iter()).for_each(step);
            }
            self.rows.truncate(half);
        }
        self.round += 1;
        if self.eq_rest.len() > 1 {
            let half = self.eq_rest.len() / 2;
            let (lo, hi) = self.eq_rest.split_at_mut(half);
            lo.iter_mut().zip(hi.iter()).for_each(|(l, h)| *l += h);
            self.eq_rest.truncate(half);
        }
    }

    fn final_evals(&self) -> Vec<F> {
        if self.rows.is_empty() {
            self.polys.iter().map(|p| p.get(0)).collect()
        } else {
            self.rows[..self.num_polys].to_vec()
        }
    }
}

/// `p_j(r, i)` for every polynomial, row-major (`rows[i·k + j]`): compact entries by
/// additions (`(1 − r)·lo + r·hi` from tables of the multiples of `1 − r` and `r`).
fn bind_into_rows<F: PrimeField>(polys: &[MultilinearPolynomial<F>], r: F) -> Vec<F> {
    let k = polys.len();
    let half = polys[0].len() / 2;
    let (low, high) = (
        crate::multilinear::ByteMultiples::new(F::one() - r, 8),
        crate::multilinear::ByteMultiples::new(r, 8),
    );
    // Blocks of rows, each filled polynomial by polynomial (one typed loop per polynomial,
    // the block staying in cache).
    const BLOCK: usize = 64;
    let mut rows = vec![F::zero(); half * k];
    let fill = |(b, block): (usize, &mut [F])| {
        let start = b * BLOCK;
        let end = start + block.len() / k;
        for (j, p) in polys.iter().enumerate() {
            p.write_bound(r, (&low, &high), start..end, &mut block[j..], k);
        }
    };
    if half >= PARALLEL_THRESHOLD / 2 {
        rows.par_chunks_mut(k * BLOCK).enumerate().for_each(fill);
    } else {
        rows.chunks_mut(k * BLOCK).enumerate().for_each(fill);
    }
    rows
}

impl<F: PrimeField> EqProductSumcheck<'_, F> {
    /// The number of evaluations each polynomial has now.
    fn current_len(&self) -> usize {
        if self.rows.is_empty() {
            self.polys[0].len()
        } else {
            self.rows.len() / self.num_polys
        }
    }

    /// Polynomial `j` at index `i` of the current (partly bound) hypercube.
    fn value(&self, j: usize, i: usize) -> F {
        if self.rows.is_empty() {
            self.polys[j].get(i)
        } else {
            self.rows[i * self.num_polys + j]
        }
    }

    /// `q` at `0, 2, …, d − 1` (weighted by `eq_rest`) from the polynomials as given (the
    /// first round).
    fn column_sums(&self) -> Vec<F> {
        let k = self.polys.len();
        let d = self.degree;
        let half = self.polys[0].len() / 2;
        // q evaluated at the points 0, 2, 3, …, d−1 (d−1 points; q has degree d−1).
        let points: Vec<usize> = core::iter::once(0).chain(2..d).collect();
        let m = points.len();
        // Field slices when every polynomial is held as field elements: no per-element dispatch.
        let slices: Option<Vec<&[F]>> = self.polys.iter().map(|p| p.field_evals()).collect();
        // Otherwise (compact columns): convert by additions.
        let ones = slices
            .is_none()
            .then(|| crate::multilinear::ByteMultiples::new(F::one(), 8));
        let pair = |j: usize, i: usize| -> (F, F) {
            match (&slices, &ones) {
                (Some(s), _) => (s[j][i], s[j][i + half]),
                (None, Some(o)) => (
                    self.polys[j].get_converted(i, o),
                    self.polys[j].get_converted(i + half, o),
                ),
                (None, None) => unreachable!("a conversion table when some column is compact"),
            }
        };
        sum_over_pairs(half, m, |i, acc, scratch: &mut Vec<F>| {
            scratch.resize(k * d.max(1), F::zero());
            for j in 0..k {
                let (lo, hi) = pair(j, i);
                let step = hi - lo;
                let mut v = lo;
                for t in 0..d.max(1) {
                    scratch[t * k + j] = v;
                    v += step;
                }
            }
            let w = self.eq_rest[i];
            for (slot, &t) in acc.iter_mut().zip(points.iter()) {
                *slot += w * (self.h)(&scratch[t * k..(t + 1) * k]);
            }
        })
    }

    /// The same sums from the row-major bound values.
    fn row_sums(&self) -> Vec<F> {
        let k = self.num_polys;
        let d = self.degree;
        let half = self.current_len() / 2;
        let rows = &self.rows;
        sum_over_pairs(half, d.max(2) - 1, |i, acc, scratch: &mut Vec<F>| {
            let lo = &rows[i * k..(i + 1) * k];
            let w = self.eq_rest[i];
            acc[0] += w * (self.h)(lo);
            if d <= 2 {
                return;
            }
            let hi = &rows[(i + half) * k..(i + half + 1) * k];
            // scratch = [value at t (from 2 on) | step]
            scratch.resize(2 * k, F::zero());
            let (value, step) = scratch.split_at_mut(k);
            for j in 0..k {
                step[j] = hi[j] - lo[j];
                value[j] = hi[j] + step[j];
            }
            for slot in acc[1..].iter_mut() {
                *slot += w * (self.h)(value);
                value.iter_mut().zip(step.iter()).for_each(|(v, s)| *v += s);
            }
        })
    }

    /// After the first bind, the bound values row-major (`rows[i·k + j]`) and `k`: a caller
    /// that computes a round's sums itself (see [`Self::round_evals_from_partial`]) reads
    /// them here. `None` before the first bind.
    pub fn rows(&self) -> Option<(&[F], usize)> {
        (!self.rows.is_empty()).then_some((self.rows.as_slice(), self.num_polys))
    }

    /// The current round (the number of variables bound so far).
    pub fn round(&self) -> usize {
        self.round
    }

    /// `eq(τ_{>j}, x')` over the unbound variables but the current one: the weight of pair
    /// `x'` in the current round.
    pub fn eq_rest(&self) -> &[F] {
        &self.eq_rest
    }

    /// The round polynomial's evaluations at `0..=degree` from
    /// `q_partial = [Σ_{x'} eq(τ_{>j}, x')·h(p(t, x'))]` at `t = 0, 2, 3, …, degree − 1`: a caller
    /// that computes those sums faster (e.g. from small integers) finishes the round here.
    ///
    /// A caller that knows `q` has a lower degree `e < degree − 1` this round (every term of
    /// its `h` that is not identically zero has degree at most `e`) may pass the sums at
    /// `0, 2, …, e` only: `q` is interpolated from those and `q(1)`.
    ///
    /// # Panics
    /// If `q_partial` is empty or longer than `degree − 1`.
    pub fn round_evals_from_partial(&self, q_partial: &[F], previous_claim: F) -> Vec<F> {
        let d = self.degree;
        assert!(
            !q_partial.is_empty() && q_partial.len() < d.max(2),
            "q at 0, 2, …, e for some e < degree"
        );
        let tau_j = self.tau[self.round];
        // s(0) = eq_bound·(1 − τ_j)·q(0); s(1) = previous − s(0) = eq_bound·τ_j·q(1).
        let s0 = self.eq_bound * (F::one() - tau_j) * q_partial[0];
        let s1 = previous_claim - s0;
        let mut q = vec![F::zero(); if d >= 2 { q_partial.len() + 1 } else { 1 }];
        q[0] = q_partial[0];
        if d >= 2 {
            let denom = self.eq_bound * tau_j;
            q[1] = match denom.inverse() {
                Some(inv) => s1 * inv,
                // τ_j·eq_bound = 0 only with negligible probability; fall back to a direct sum.
                None => self.direct_q1(),
            };
            q[2..].copy_from_slice(&q_partial[1..]);
        }
        // q has degree d−1 (or less): extend to the points 0..=d by interpolation, then multiply by the
        // linear eq factor eq(τ_j, X) = τ_j·X + (1 − τ_j)(1 − X).
        let q_poly = crate::univariate::UniPoly::from_evals(&q);
        (0..=d)
            .map(|t| {
                let x = F::from(t as u64);
                let eq_lin = tau_j * x + (F::one() - tau_j) * (F::one() - x);
                self.eq_bound * eq_lin * q_poly.evaluate(&x)
            })
            .collect()
    }

    /// `q(1) = Σ_{x'} eq(τ_{>j}, x')·h(p(1, x'))`, used only in the degenerate case.
    fn direct_q1(&self) -> F {
        let half = self.current_len() / 2;
        (0..half)
            .map(|i| {
                let vals: Vec<F> = (0..self.num_polys)
                    .map(|j| self.value(j, i + half))
                    .collect();
                self.eq_rest[i] * (self.h)(&vals)
            })
            .sum()
    }
}

/// A prover's own way to compute some rounds of an [`EqProductSumcheck`] (from the witness's
/// small integers, or skipping what it knows is zero): for the instance's current round, the
/// sums `q_partial` that [`EqProductSumcheck::round_evals_from_partial`] takes, or `None` for
/// the generic ones. It must return the same sums the generic round would.
pub trait RoundSums<F: PrimeField>: Send + Sync {
    /// `q_partial` of `inner`'s current round, or `None`.
    fn round_sums(&self, inner: &EqProductSumcheck<'_, F>) -> Option<Vec<F>>;
}

/// An [`EqProductSumcheck`] whose rounds a [`RoundSums`] may compute: the same instance, the
/// same messages.
pub struct EqProductWithSums<'a, F: PrimeField, S> {
    /// The instance (its state, its binding, its generic rounds).
    pub inner: EqProductSumcheck<'a, F>,
    /// The faster rounds.
    pub sums: S,
}

impl<F: PrimeField, S: RoundSums<F>> SumcheckInstance<F> for EqProductWithSums<'_, F, S> {
    fn num_vars(&self) -> usize {
        self.inner.num_vars()
    }
    fn degree(&self) -> usize {
        self.inner.degree()
    }
    fn claimed_sum(&self) -> F {
        self.inner.claimed_sum()
    }
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        match self.sums.round_sums(&self.inner) {
            Some(partial) => self
                .inner
                .round_evals_from_partial(&partial, previous_claim),
            None => self.inner.round_evals(previous_claim),
        }
    }
    fn bind(&mut self, r: F) {
        self.inner.bind(r);
    }
    fn final_evals(&self) -> Vec<F> {
        self.inner.final_evals()
    }
}
