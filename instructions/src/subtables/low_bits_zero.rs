//! Low bits zero: `S[i] = [i mod 2^bits = 0]`.
//!
//! MLE: `S̃(r) = Π_{j<bits} (1 − s_j)` with `s_j = r_{m−1−j}`.
//!
//! Alignment assertions read it on the lowest chunk of `rs1 + imm`: `bits = 2` for words,
//! `bits = 1` for halfwords.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = [i mod 2^bits = 0]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LowBitsZero {
    /// How many low bits must be zero.
    pub bits: usize,
}

impl Subtable for LowBitsZero {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        (index & ((1u64 << self.bits) - 1) == 0) as u64
    }

    fn supports(&self, log_m: usize) -> bool {
        self.bits <= log_m
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        (0..self.bits).fold(F::one(), |acc, j| acc * (F::one() - bit_var(point, j)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        for bits in [1, 2, 5] {
            check_subtable(SubtableId::LowBitsZero { bits }, &[2, 8]);
        }
    }
}
