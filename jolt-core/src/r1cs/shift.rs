//! The successor polynomial `next(x, y) = [int(y) = int(x) + 1]` and its multilinear extension.
//!
//! Cross-step constraints read a column at step `t + 1`. The shifted column
//! `z'(t) = z(t + 1)` (zero at the last step) has the multilinear extension
//! `z̃'(r) = Σ_y next̃(r, y)·z(y)`, so a claim about `z̃'(r)` reduces by one sumcheck to a claim
//! about `z̃` at a fresh point, with the verifier evaluating `next̃` itself in `O(n)`.
//!
//! With `x_0` the most significant bit (the workspace convention), `y = x + 1` holds exactly
//! when, for some `k ≥ 0`: the `k` lowest bits of `x` are 1 and of `y` are 0, the next bit is
//! 0 in `x` and 1 in `y`, and all higher bits agree. The MLE is the sum over `k` of the
//! products of the matching one-variable factors.

use ark_ff::PrimeField;

/// `next̃(x, y) = Σ_k [Π_{i<k} x_{lo,i}(1 − y_{lo,i})]·(1 − x_{lo,k})·y_{lo,k}·Π_{i>k} eq(x_{lo,i}, y_{lo,i})`
/// where `x_{lo,i}` is the `i`-th least significant coordinate. `O(n)` field operations.
///
/// # Panics
/// If `x` and `y` have different lengths.
pub fn next_mle<F: PrimeField>(x: &[F], y: &[F]) -> F {
    assert_eq!(x.len(), y.len(), "next_mle: points of different lengths");
    let n = x.len();
    // Coordinates from least significant (index n-1) upward.
    let lsb = |i: usize| (x[n - 1 - i], y[n - 1 - i]);
    // suffix_eq[k] = Π_{i ≥ k} eq(x_lo_i, y_lo_i) over the higher bits.
    let mut suffix_eq = vec![F::one(); n + 1];
    for i in (0..n).rev() {
        let (a, b) = lsb(i);
        suffix_eq[i] = suffix_eq[i + 1] * (a * b + (F::one() - a) * (F::one() - b));
    }
    let mut carry_prefix = F::one(); // Π_{i<k} x_i (1 − y_i)
    let mut total = F::zero();
    for (k, suffix) in suffix_eq.iter().skip(1).enumerate() {
        let (a, b) = lsb(k);
        total += carry_prefix * (F::one() - a) * b * suffix;
        carry_prefix *= a * (F::one() - b);
    }
    total
}

/// The table `y ↦ next̃(r, y)` over `{0,1}^n`: `eq(r, y − 1)` for `y ≥ 1` and 0 at `y = 0`,
/// given the table `eq_r[x] = eq(r, x)`. `O(2^n)` copies, no multiplications.
pub fn next_table_from_eq<F: PrimeField>(eq_r: &[F]) -> Vec<F> {
    let mut out = Vec::with_capacity(eq_r.len());
    out.push(F::zero());
    out.extend_from_slice(&eq_r[..eq_r.len().saturating_sub(1)]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ff::{One, Zero};

    fn bits(v: usize, n: usize) -> Vec<Fr> {
        (0..n)
            .map(|k| Fr::from(((v >> (n - 1 - k)) & 1) as u64))
            .collect()
    }

    #[test]
    fn matches_successor_on_the_hypercube() {
        for n in 0..=5 {
            for x in 0..1usize << n {
                for y in 0..1usize << n {
                    let want = if y == x + 1 { Fr::one() } else { Fr::zero() };
                    assert_eq!(
                        next_mle(&bits(x, n), &bits(y, n)),
                        want,
                        "n={n} x={x} y={y}"
                    );
                }
            }
        }
    }

    #[test]
    fn table_matches_mle_at_a_random_point() {
        let n = 6;
        let r: Vec<Fr> = (0..n).map(|i| Fr::from(3 + 7 * i as u64)).collect();
        let eq: Vec<Fr> = (0..1usize << n)
            .map(|x| {
                bits(x, n)
                    .iter()
                    .zip(&r)
                    .map(|(b, r)| *b * r + (Fr::one() - b) * (Fr::one() - r))
                    .product()
            })
            .collect();
        let table = next_table_from_eq(&eq);
        for (y, value) in table.iter().enumerate() {
            assert_eq!(*value, next_mle(&r, &bits(y, n)));
        }
    }
}
