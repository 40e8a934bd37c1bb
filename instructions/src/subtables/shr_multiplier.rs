//! Right-shift multiplier: `S[i] = 2^(31 − (i mod 32))`.
//!
//! A right shift by `s` is `⌊x · 2^(31−s) / 2^31⌋` (SHR_MUL), so this table turns a shift
//! amount into the multiplier.
//!
//! MLE: with `s_j = r_{m−1−j}`, `31 − v = Σ_{j<5} 2^j (1 − s_j)`, so
//! `S̃(r) = Π_{j<5} (s_j + (1 − s_j)·2^(2^j))` (for `m < 5` the missing bits count as 0,
//! i.e. their factors are the constants `2^(2^j)`).

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 2^(31 − (i mod 32))`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShrMultiplier;

impl Subtable for ShrMultiplier {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        1 << (31 - (index & 31))
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        (0..5).fold(F::one(), |acc, j| {
            let big = F::from(1u64 << (1u32 << j));
            if j < point.len() {
                let s = bit_var(point, j);
                acc * (s + (F::one() - s) * big)
            } else {
                acc * big
            }
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::ShrMultiplier, &[3, 5, 8]);
    }
}
