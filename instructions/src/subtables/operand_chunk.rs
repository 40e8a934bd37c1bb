//! One half of an interleaved index:
//! `left_operand: S[x‖y] = x`, `right_operand: S[x‖y] = y`.
//!
//! MLE: `left_operand: S̃(r) = Σ_{j<h} 2^(h−1−j)·x_j`, `right_operand: Σ_{j<h} 2^(h−1−j)·y_j`.
//!
//! CNEG reads the operand's chunks through `left_operand`. Read at every chunk, these two
//! tables also give the R1CS operand chunks `x_c`, `y_c` that are range-checked by
//! construction (see [`QueryKind::Interleaved`](crate::QueryKind::Interleaved)).

use super::{binary_value, halves, split_index, supports_interleaved, Side, Subtable};
use ark_ff::PrimeField;

/// The chosen half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperandChunk(pub Side);

impl Subtable for OperandChunk {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        if self.0 == Side::Left {
            x
        } else {
            y
        }
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        binary_value(if self.0 == Side::Left { x } else { y })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        check_subtable(SubtableId::LeftOperand, &[2, 4, 8]);
        check_subtable(SubtableId::RightOperand, &[2, 4, 8]);
    }
}
