//! Unsigned less-than of the halves of an interleaved index: `S[x‖y] = [x < y]`.
//!
//! MLE: `x < y` iff at the first bit (from the top) where they differ, `x_j = 0` and
//! `y_j = 1`:
//! `S̃(r) = Σ_{j<h} (1 − x_j)·y_j · Π_{k<j} eq(x_k, y_k)` (`x_j = r_j`, `y_j = r_{h+j}`),
//! evaluated in one pass keeping the running product of `eq`.

use super::{eq_bit, halves, split_index, supports_interleaved, Subtable};
use ark_ff::PrimeField;

/// `S[x‖y] = [x < y]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ltu;

impl Subtable for Ltu {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        (x < y) as u64
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        let mut prefix_eq = F::one();
        let mut lt = F::zero();
        for (&a, &b) in x.iter().zip(y) {
            lt += (F::one() - a) * b * prefix_eq;
            prefix_eq *= eq_bit(a, b);
        }
        lt
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::Ltu, &[2, 4, 8]);
    }
}
