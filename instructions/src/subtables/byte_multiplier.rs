//! Byte multiplier: `S[i] = 2^(8·(3 − k))` with `k = i mod 4` — multiplying a word by it
//! moves byte `k` to bits 24…31, where EXTRACT_BYTE takes it.
//!
//! MLE: with `k = s_0 + 2 s_1` (`s_j = r_{m−1−j}`), `2^(8(3−k)) = 2^(8(1−s_0)) · 2^(16(1−s_1))`:
//! `S̃(r) = (s_0 + (1 − s_0)·2^8) · (s_1 + (1 − s_1)·2^16)`.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 2^(8(3 − (i mod 4)))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteMultiplier;

impl Subtable for ByteMultiplier {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        1 << (8 * (3 - (index & 3)))
    }

    fn supports(&self, log_m: usize) -> bool {
        log_m >= 2
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (s0, s1) = (bit_var(point, 0), bit_var(point, 1));
        (s0 + (F::one() - s0) * F::from(1u64 << 8)) * (s1 + (F::one() - s1) * F::from(1u64 << 16))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::ByteMultiplier, &[2, 8]);
    }
}
