//! Is-zero: `S[i] = [i = 0]`.
//!
//! MLE: `S̃(r) = Π_k (1 − r_k)`.
//!
//! Used on the chunks above bit 32 of a product or sum to assert that it does not overflow a
//! word (MUL_NO_OVERFLOW, ADD_NO_OVERFLOW).

use super::Subtable;
use ark_ff::PrimeField;

/// `S[i] = [i = 0]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IsZero;

impl Subtable for IsZero {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        (index == 0) as u64
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        point.iter().fold(F::one(), |acc, &r| acc * (F::one() - r))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::IsZero, &[1, 4, 8]);
    }
}
