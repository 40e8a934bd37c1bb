//! Bit field: `S[i] = ⌊i / 2^lo⌋ mod 2^width` — bits `lo … lo+width−1` of the index.
//!
//! MLE: `S̃(r) = Σ_{j=lo}^{lo+width−1} 2^(j−lo) · s_j` with `s_j = r_{m−1−j}`.
//!
//! With `lo = 0` it is truncation (a range check to `width` bits); with `width = 1` a single
//! bit (the sign bit of a chunk, for sign extension). Lookups use it for the chunks a result
//! window cuts through (SHR_MUL's bit 31, EXTRACT_BYTE's byte, ALIGN_WORD's dropped bits).

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = ⌊i / 2^lo⌋ mod 2^width`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitField {
    /// The lowest bit taken.
    pub lo: usize,
    /// The number of bits taken.
    pub width: usize,
}

impl Subtable for BitField {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        (index >> self.lo) & ((1u64 << self.width) - 1)
    }

    fn supports(&self, log_m: usize) -> bool {
        self.width > 0 && self.lo + self.width <= log_m
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        (self.lo..self.lo + self.width)
            .rev()
            .fold(F::zero(), |acc, j| acc.double() + bit_var(point, j))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        for (lo, width) in [(0, 3), (2, 6), (7, 1), (0, 8), (3, 2)] {
            check_subtable(SubtableId::BitField { lo, width }, &[4, 8]);
        }
        assert!(!SubtableId::BitField { lo: 6, width: 4 }.supports(8));
    }
}
