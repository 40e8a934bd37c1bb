//! Most significant bit of one half of an interleaved index:
//! `left_msb: S[x‖y] = ⌊x / 2^(h−1)⌋`, `right_msb: S[x‖y] = ⌊y / 2^(h−1)⌋`.
//!
//! MLE: `left_msb: S̃(r) = r_0`, `right_msb: S̃(r) = r_h`.
//!
//! On chunk 0 these are the sign bits of the operands (SLT, CNEG).

use super::{halves, split_index, supports_interleaved, Side, Subtable};
use ark_ff::PrimeField;

/// The top bit of the chosen half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperandMsb(pub Side);

impl Subtable for OperandMsb {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, half) = split_index(log_m, index);
        let v = if self.0 == Side::Left { x } else { y };
        v / (half / 2)
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        if self.0 == Side::Left {
            x[0]
        } else {
            y[0]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        check_subtable(SubtableId::LeftMsb, &[2, 4, 8]);
        check_subtable(SubtableId::RightMsb, &[2, 4, 8]);
    }
}
