//! Identity: `S[i] = i`.
//!
//! MLE: `S̃(r) = Σ_{k=0}^{m−1} 2^(m−1−k) · r_k` (the index's binary value).
//!
//! Used for every full chunk of an arithmetic result (ADD, SUB, MUL, …): the chunk itself is
//! the result's bits, and reading it from a size-`M` table range-checks it.

use super::{binary_value, Subtable};
use ark_ff::PrimeField;

/// `S[i] = i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Identity;

impl Subtable for Identity {
    fn entry(&self, _log_m: usize, index: u64) -> u64 {
        index
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        binary_value(point)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::Identity, &[1, 4, 8]);
    }
}
