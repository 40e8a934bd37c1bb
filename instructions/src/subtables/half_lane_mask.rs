//! Halfword lane mask: `S[i] = 0xffff · 2^(16·bit_1(i))` — the bits of the addressed halfword
//! inside its word (SH's read-modify-write).
//!
//! MLE: `S̃(r) = 65535 · (1 + 65535·s_1)` with `s_1 = r_{m−2}`.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 0xffff · 2^(16·bit_1(i))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HalfLaneMask;

impl Subtable for HalfLaneMask {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        0xffff << (16 * ((index >> 1) & 1))
    }

    fn supports(&self, log_m: usize) -> bool {
        log_m >= 2
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let s1 = bit_var(point, 1);
        F::from(0xffffu64) * (F::one() + F::from(0xffffu64) * s1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::HalfLaneMask, &[2, 8]);
    }
}
