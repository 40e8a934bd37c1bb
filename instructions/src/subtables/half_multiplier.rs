//! Halfword multiplier: `S[i] = 2^(16·(1 − bit_1(i)))` — `2^16` for byte offset 0, `1` for
//! offset 2; multiplying a word by it moves the addressed halfword to bits 16…31, where
//! EXTRACT_HALF takes it. (Odd offsets are excluded by the alignment assertion.)
//!
//! MLE: `S̃(r) = s_1 + (1 − s_1)·2^16` with `s_1 = r_{m−2}`.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 2^(16(1 − bit_1(i)))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HalfMultiplier;

impl Subtable for HalfMultiplier {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        1 << (16 * (1 - ((index >> 1) & 1)))
    }

    fn supports(&self, log_m: usize) -> bool {
        log_m >= 2
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let s1 = bit_var(point, 1);
        s1 + (F::one() - s1) * F::from(1u64 << 16)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::HalfMultiplier, &[2, 8]);
    }
}
