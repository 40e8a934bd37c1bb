//! Bitwise subtables over an interleaved index `x ‖ y` (`h`-bit halves):
//!
//! | table | entry | MLE |
//! |---|---|---|
//! | `And` | `S[x‖y] = x AND y` | `Σ_{j<h} 2^(h−1−j) · x_j·y_j` |
//! | `Or`  | `S[x‖y] = x OR y`  | `Σ_{j<h} 2^(h−1−j) · (x_j + y_j − x_j·y_j)` |
//! | `Xor` | `S[x‖y] = x XOR y` | `Σ_{j<h} 2^(h−1−j) · (x_j + y_j − 2·x_j·y_j)` |
//!
//! (`x_j = r_j`, `y_j = r_{h+j}`, most significant first.) Each bit of the result is a
//! multilinear function of the two operand bits; the weights put it in place.

use super::{halves, split_index, supports_interleaved, Subtable};
use ark_ff::PrimeField;

/// `Σ_j 2^(h−1−j) · bit(x_j, y_j)` for a per-bit MLE `bit`.
fn bitwise_mle<F: PrimeField>(point: &[F], bit: impl Fn(F, F) -> F) -> F {
    let (x, y) = halves(point);
    x.iter()
        .zip(y)
        .fold(F::zero(), |acc, (&a, &b)| acc.double() + bit(a, b))
}

/// `S[x‖y] = x AND y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct And;

/// `S[x‖y] = x OR y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Or;

/// `S[x‖y] = x XOR y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Xor;

impl Subtable for And {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        x & y
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        bitwise_mle(point, |a, b| a * b)
    }
}

impl Subtable for Or {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        x | y
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        bitwise_mle(point, |a, b| a + b - a * b)
    }
}

impl Subtable for Xor {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let (x, y, _) = split_index(log_m, index);
        x ^ y
    }

    fn supports(&self, log_m: usize) -> bool {
        supports_interleaved(log_m)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        bitwise_mle(point, |a, b| {
            let ab = a * b;
            a + b - ab - ab
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_subtable, SubtableId};

    #[test]
    fn mle_matches_entries() {
        for id in [SubtableId::And, SubtableId::Or, SubtableId::Xor] {
            check_subtable(id, &[2, 4, 8]);
            assert!(!id.supports(7));
        }
    }
}
