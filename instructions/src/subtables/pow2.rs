//! Power of two: `S[i] = 2^(i mod 32)` — the multiplier of a left shift.
//!
//! MLE: with `s_j = r_{m−1−j}` and `v = Σ_{j<5} 2^j·s_j`,
//! `2^v = Π_{j<5} 2^(2^j·s_j)`, and each factor is multilinear in its bit:
//! `S̃(r) = Π_{j<min(5,m)} (1 + (2^(2^j) − 1)·s_j)`.

use super::{bit_var, Subtable};
use ark_ff::PrimeField;

/// `S[i] = 2^(i mod 32)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pow2;

impl Subtable for Pow2 {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        1 << (index & 31)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        (0..point.len().min(5)).fold(F::one(), |acc, j| {
            let factor = F::from((1u64 << (1u32 << j)) - 1);
            acc * (F::one() + factor * bit_var(point, j))
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::Pow2, &[3, 5, 8]);
    }
}
