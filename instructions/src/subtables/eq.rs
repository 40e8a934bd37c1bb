//! Equality of the halves of an interleaved index: `S[x‖y] = [x = y]`.
//!
//! MLE: `S̃(r) = Π_{j<h} (x_j·y_j + (1 − x_j)(1 − y_j))` (`x_j = r_j`, `y_j = r_{h+j}`).
//!
//! EQ/NE multiply it over all chunks; SLTU uses it for "all higher chunks equal".

use super::{eq_bit, halves, split_index, supports_interleaved, Subtable};
use ark_ff::PrimeField;

/// `S[x‖y] = [x = y]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Eq;

impl Subtable for Eq {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        (x == y) as u64
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (x, y) = halves(point);
        x.iter()
            .zip(y)
            .fold(F::one(), |acc, (&a, &b)| acc * eq_bit(a, b))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mle_matches_entries() {
        super::super::check_subtable(super::super::SubtableId::Eq, &[2, 4, 8]);
    }
}
