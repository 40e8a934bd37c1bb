//! A dense sum-of-products sumcheck instance, the last phase of every Twist/Shout sumcheck
//! once the sparse structure is bound away: `Σ_x Σ_t c_t·Π_{m ∈ S_t} f_m(x)` over shared
//! dense factor vectors `f_m`, optionally times `eq(point, x)` kept out of the product (the
//! opening accumulator's reduction uses it too).

use ark_ff::PrimeField;
use rayon::prelude::*;
use sumcheck::{sum_over_pairs, EqPolynomial, SumcheckInstance, UniPoly};

/// Below this many pairs a round runs on one thread.
const PARALLEL_PAIRS: usize = 1 << 12;

/// Fixes the top (most significant) variable of the evaluation vector `v` to `r`:
/// `v'[x] = v[x] + r·(v[x + ½] − v[x])`.
pub fn fold<F: PrimeField>(v: &mut Vec<F>, r: F) {
    let half = v.len() / 2;
    let (lo, hi) = v.split_at_mut(half);
    let step = |(l, h): (&mut F, &F)| *l += r * (*h - *l);
    if half >= PARALLEL_PAIRS {
        lo.par_iter_mut().zip(hi.par_iter()).for_each(step);
    } else {
        lo.iter_mut().zip(hi.iter()).for_each(step);
    }
    v.truncate(half);
}

/// The line through every pair of the `N` values `e` bound at `r`:
/// `table[k·N + l] = e[k] + r·(e[l] − e[k])`. A one-hot chunk whose cycle `x` reads row
/// `idx[x]` takes `table[idx[x]·N + idx[x + ½]]` once its first cycle variable is `r`.
pub fn pair_table<F: PrimeField>(e: &[F], r: F) -> Vec<F> {
    e.iter()
        .flat_map(|k| e.iter().map(move |l| *k + r * (*l - k)))
        .collect()
}

/// `table[idx[x]·N + idx[x + ½]]` for `x < |idx|/2` ([`pair_table`]'s entries at the index
/// pairs): the chunk's factor vector after its first cycle variable is bound.
pub fn gather_pairs<F: PrimeField>(table: &[F], n: usize, idx: &[u16]) -> Vec<F> {
    let half = idx.len() / 2;
    (0..half)
        .into_par_iter()
        .with_min_len(PARALLEL_PAIRS)
        .map(|x| table[idx[x] as usize * n + idx[x + half] as usize])
        .collect()
}

/// The evaluations at `0, …, degree` of the polynomial interpolating `evals` (at
/// `0, …, evals.len() − 1`): a low-degree round sent at an instance's higher degree bound.
pub fn extend_evals<F: PrimeField>(evals: Vec<F>, degree: usize) -> Vec<F> {
    if evals.len() > degree {
        return evals;
    }
    let p = UniPoly::from_evals(&evals);
    (0..=degree)
        .map(|t| p.evaluate(&F::from(t as u64)))
        .collect()
}

/// A factor `eq(point, x)` multiplying every term, kept out of the product (Gruen's split,
/// ePrint 2024/108 §3): round `k` sums the other factors weighted by
/// `eq(point_{>k}, x')` into `q(t)` (one degree lower, so one point fewer) and sends
/// `s(t) = prefix·eq(point_k, t)·q(t)`, `prefix = Π_{i<k} eq(point_i, r_i)`. No `T`-long
/// `eq` table is held or folded.
pub struct EqFactor<F> {
    /// The point.
    pub point: Vec<F>,
    /// Rounds done.
    pub round: usize,
    /// `Π_{i < round} eq(point_i, r_i)`.
    pub prefix: F,
    /// `eq(point_{>round}, ·)`, the current round's pair weights: built once, then each bind
    /// sums its halves (`Σ_b eq(p, b) = 1`), additions only.
    rest: Vec<F>,
}

impl<F: PrimeField> EqFactor<F> {
    /// `eq(point, ·)` before any round.
    pub fn new(point: Vec<F>) -> Self {
        let rest = match point.len() {
            0 => vec![F::one()],
            _ => EqPolynomial::evals(&point[1..]),
        };
        EqFactor {
            point,
            round: 0,
            prefix: F::one(),
            rest,
        }
    }

    /// `eq(point_{>k}, x')`: the weight of pair `x'` in the current round `k`.
    pub fn rest(&self) -> &[F] {
        &self.rest
    }

    /// `q(1)` from the running claim `previous = scale·prefix·((1 − p_k)·q(0) + p_k·q(1))`;
    /// `None` when `scale·prefix·p_k` is zero (a claim at a hypercube point), where the
    /// caller sums `q(1)` itself.
    pub fn q_one(&self, scale: F, previous: F, q0: F) -> Option<F> {
        let p = self.point[self.round];
        let (outer_inv, p_inv) = (scale * self.prefix).inverse().zip(p.inverse())?;
        Some((previous * outer_inv - (F::one() - p) * q0) * p_inv)
    }

    /// `s(t) = scale·prefix·eq(p_k, t)·q(t)` at `t = 0, …, degree`.
    pub fn round_evals(&self, scale: F, q: impl Fn(F) -> F, degree: usize) -> Vec<F> {
        let (p, one) = (self.point[self.round], F::one());
        (0..=degree as u64)
            .map(|t| {
                let t = F::from(t);
                scale * self.prefix * ((one - p) * (one - t) + p * t) * q(t)
            })
            .collect()
    }

    /// The round's message `s(0), …, s(degree)` of a sum `Σ_x eq(point, x)·h(x)` with
    /// `h` of degree `degree − 1`, given `sums(points)` = `Σ_{x'} rest(x')·h(t, x')` at each
    /// point `t`: `q` at `0, 2, …` and `q(1)` from the claim (or summed too when the claim
    /// cannot give it, see [`EqFactor::q_one`]).
    pub fn message(
        &self,
        previous_claim: F,
        degree: usize,
        sums: impl Fn(&[u64]) -> Vec<F>,
    ) -> Vec<F> {
        let q_degree = degree - 1;
        let positive: Vec<u64> = std::iter::once(0).chain(2..=q_degree as u64).collect();
        let at = sums(&positive);
        let q = match self.q_one(F::one(), previous_claim, at[0]) {
            Some(q1) => {
                let mut q = vec![at[0], q1];
                q.extend_from_slice(&at[1..]);
                q.truncate(q_degree + 1);
                q
            }
            // A claim at a hypercube point: q(1) is summed like the others.
            None => {
                let points: Vec<u64> = (0..=q_degree.max(1) as u64).collect();
                let mut q = sums(&points);
                q.truncate(q_degree.max(1) + 1);
                q
            }
        };
        let q = UniPoly::from_evals(&q);
        self.round_evals(F::one(), |t| q.evaluate(&t), degree)
    }

    /// Binds the current variable to `r`: `prefix ← prefix·eq(p_k, r)`, and the weights to
    /// the next round's, `eq(p_{>k+1}, x'') = Σ_b eq(p_{>k}, (b, x''))`.
    pub fn bind(&mut self, r: F) {
        let p = self.point[self.round];
        self.prefix *= (F::one() - p) * (F::one() - r) + p * r;
        self.round += 1;
        let half = self.rest.len() / 2;
        if half > 0 {
            let (low, high) = self.rest.split_at_mut(half);
            if half >= PARALLEL_PAIRS {
                low.par_iter_mut()
                    .zip(high.par_iter())
                    .for_each(|(l, h)| *l += h);
            } else {
                low.iter_mut().zip(high.iter()).for_each(|(l, h)| *l += h);
            }
            self.rest.truncate(half);
        }
    }
}

/// `Σ_x eq(point, x)^{[eq]}·Σ_t coeff_t·Π_{m ∈ factors_t} f_m(x)`.
pub struct DenseProductSum<F> {
    /// The factor vectors, all of one power-of-two length.
    pub factors: Vec<Vec<F>>,
    /// `(coeff_t, the factors of term t)`.
    pub terms: Vec<(F, Vec<usize>)>,
    /// The degree bound (at least the largest term's factor count, plus one with `eq`).
    pub degree: usize,
    /// The claimed sum.
    pub claim: F,
    /// An `eq` factor of every term, split out of the product (see [`EqFactor`]).
    pub eq: Option<EqFactor<F>>,
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
            eq: None,
        }
    }

    /// [`DenseProductSum::weighted_sums`] when every term is one factor (the opening
    /// reduction's `eq·P_g`, with `eq` split out): term `f` at `t` sums to
    /// `A_f + t·(B_f − A_f)` with `A_f = Σ_x w(x)·f(x)`, `B_f = Σ_x w(x)·f(x + ½)`, so a pass
    /// costs one multiplication per pair and factor (two when a point other than 0 is asked).
    fn linear_sums(&self, weights: Option<&[F]>, points: &[u64]) -> Vec<F> {
        let half = self.factors[0].len() / 2;
        let need_high = points.iter().any(|&t| t != 0);
        let ends: Vec<(F, F)> = self
            .terms
            .iter()
            .map(|(_, term)| {
                let f = &self.factors[term[0]];
                let sums = sum_over_pairs(half, 2, |x, acc, _: &mut ()| {
                    let w = weights.map_or(F::one(), |w| w[x]);
                    acc[0] += w * f[x];
                    if need_high {
                        acc[1] += w * f[x + half];
                    }
                });
                (sums[0], sums[1])
            })
            .collect();
        points
            .iter()
            .map(|&t| {
                let t = F::from(t);
                self.terms
                    .iter()
                    .zip(&ends)
                    .map(|((c, _), (a, b))| *c * (*a + t * (*b - a)))
                    .sum()
            })
            .collect()
    }

    /// `[Σ_x w(x)·h(x, t)]_{t ∈ points}` where `h(x, t)` is the terms at `f(x) + t·(f(x + ½) −
    /// f(x))` and `w` the weights (all one without): one pass over the pairs, in parallel.
    /// Each term's products are summed on their own and its coefficient applied once at the
    /// end: `|S_t| − 1` multiplications per term and point, plus one for the weight.
    fn weighted_sums(&self, weights: Option<&[F]>, points: &[u64]) -> Vec<F> {
        if self.terms.iter().all(|(_, term)| term.len() == 1) {
            return self.linear_sums(weights, points);
        }
        let half = self.factors[0].len() / 2;
        let m = self.factors.len();
        let num_terms = self.terms.len();
        let slots = points.len() * num_terms;
        let product = |value: &[F], t: &[usize]| -> F {
            match t.split_first() {
                Some((&first, rest)) => rest.iter().fold(value[first], |p, &k| p * value[k]),
                None => F::one(),
            }
        };
        // A factor zero at both ends of a pair is zero at every t: its terms add nothing there
        // (an increment on the many cycles that write nothing).
        let vanishes = |value: &[F], step: &[F], term: &[usize]| {
            term.iter()
                .any(|&k| value[k].is_zero() && step[k].is_zero())
        };
        let sums = sum_over_pairs(
            half,
            slots,
            |x, acc, (value, step): &mut (Vec<F>, Vec<F>)| {
                value.resize(m, F::zero());
                step.resize(m, F::zero());
                for (k, f) in self.factors.iter().enumerate() {
                    value[k] = f[x];
                    step[k] = f[x + half] - f[x];
                }
                // Bit `t` set: term `t` vanishes on this pair (terms past 64 are always computed).
                let dead: u64 = self
                    .terms
                    .iter()
                    .take(64)
                    .enumerate()
                    .filter(|(_, (_, term))| vanishes(value, step, term))
                    .fold(0, |mask, (t, _)| mask | 1 << t);
                if num_terms <= 64 && dead.count_ones() as usize == num_terms {
                    return;
                }
                let mut at = 0u64;
                for (p, &t) in points.iter().enumerate() {
                    while at < t {
                        for (v, s) in value.iter_mut().zip(step.iter()) {
                            *v += s;
                        }
                        at += 1;
                    }
                    let slot = &mut acc[p * num_terms..(p + 1) * num_terms];
                    for (t, (out, (_, term))) in slot.iter_mut().zip(&self.terms).enumerate() {
                        if t < 64 && dead >> t & 1 == 1 {
                            continue;
                        }
                        let prod = product(value, term);
                        match weights {
                            Some(w) => *out += w[x] * prod,
                            None => *out += prod,
                        }
                    }
                }
            },
        );
        sums.chunks(num_terms)
            .map(|per_term| {
                per_term
                    .iter()
                    .zip(&self.terms)
                    .map(|(s, (c, _))| *c * s)
                    .sum()
            })
            .collect()
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
    /// With an `eq` factor, `q` at `0, 2, …, degree − 1` and `q(1)` from the claim.
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        let Some(eq) = &self.eq else {
            let points: Vec<u64> = std::iter::once(0).chain(2..=self.degree as u64).collect();
            let sums = self.weighted_sums(None, &points);
            let mut evals = vec![sums[0], previous_claim - sums[0]];
            evals.extend_from_slice(&sums[1..]);
            evals.truncate(self.degree + 1);
            return evals;
        };
        eq.message(previous_claim, self.degree, |points| {
            self.weighted_sums(Some(eq.rest()), points)
        })
    }
    fn bind(&mut self, r: F) {
        self.factors.iter_mut().for_each(|f| fold(f, r));
        if let Some(eq) = &mut self.eq {
            eq.bind(r);
        }
    }
    /// Each factor's final value; with an `eq` factor, `eq(point, r)` first.
    fn final_evals(&self) -> Vec<F> {
        let factors = self.factors.iter().map(|f| f[0]);
        match &self.eq {
            Some(eq) => std::iter::once(eq.prefix).chain(factors).collect(),
            None => factors.collect(),
        }
    }
}
