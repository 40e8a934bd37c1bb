//! Byte lane mask: `S[i] = 0xff · 2^(8k)` with `k = i mod 4` — the bits of the addressed byte
//! inside its word (SB's read-modify-write).
//!
//! MLE: `2^(8k) = 2^(8 s_0) · 2^(16 s_1)`, so
//! `S̃(r) = 255 · (1 + 255·s_0) · (1 + 65535·s_1)` with `s_j = r_{m−1−j}`.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 0xff · 2^(8(i mod 4))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteLaneMask;

impl Subtable for ByteLaneMask {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        0xff << (8 * (index & 3))
    }

    fn supports(&self, log_m: usize) -> bool {
        log_m >= 2
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (s0, s1) = (bit_var(point, 0), bit_var(point, 1));
        F::from(0xffu64) * (F::one() + F::from(0xffu64) * s0) * (F::one() + F::from(0xffffu64) * s1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::ByteLaneMask, &[2, 8]);
    }
}
