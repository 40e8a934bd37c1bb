//! Division-by-zero chunk: `S[x‖y] = [x = 0 ∧ y = 2^h − 1]` — the divisor's chunk is zero and
//! the quotient's chunk is all ones.
//!
//! MLE: `S̃(r) = Π_{j<h} (1 − x_j)·y_j` (`x_j = r_j`, `y_j = r_{h+j}`).
//!
//! Its product over all chunks is `[divisor = 0 ∧ quotient = 2^32 − 1]` (VALID_DIV0).

use super::{halves, split_index, supports_interleaved, Subtable};
use ark_ff::PrimeField;

/// `S[x‖y] = [x = 0 ∧ y = 2^h − 1]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DivByZero;

impl Subtable for DivByZero {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, half) = split_index(log_m, index);
        (x == 0 && y == half - 1) as u64
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        x.iter()
            .zip(y)
            .fold(F::one(), |acc, (&a, &b)| acc * (F::one() - a) * b)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::DivByZero, &[2, 4, 8]);
    }
}
