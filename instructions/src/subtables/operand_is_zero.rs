//! One half of an interleaved index is zero:
//! `left_is_zero: S[x‖y] = [x = 0]`, `right_is_zero: S[x‖y] = [y = 0]`.
//!
//! MLE: `left_is_zero: S̃(r) = Π_{j<h} (1 − x_j)`, `right_is_zero: S̃(r) = Π_{j<h} (1 − y_j)`.
//!
//! Their products over all chunks say "the operand is 0": a zero divisor (VALID_DIV0,
//! VALID_UNSIGNED_REMAINDER) or where negation stops carrying (CNEG).

use super::{halves, split_index, supports_interleaved, Side, Subtable};
use ark_ff::PrimeField;

/// Whether the chosen half is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperandIsZero(pub Side);

impl Subtable for OperandIsZero {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        let v = if self.0 == Side::Left { x } else { y };
        (v == 0) as u64
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        let half = if self.0 == Side::Left { x } else { y };
        half.iter().fold(F::one(), |acc, &b| acc * (F::one() - b))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        check_subtable(SubtableId::LeftIsZero, &[2, 4, 8]);
        check_subtable(SubtableId::RightIsZero, &[2, 4, 8]);
    }
}
