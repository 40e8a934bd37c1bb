//! Subtables: the small tables `S[i]`, `i ∈ [0, M)`, `M = 2^log M`, that lookups decompose
//! into, with their multilinear extensions.
//!
//! **Variable order.** The MLE `S̃(r_0, …, r_{m−1})` (`m = log M`) reads `r_0` as the *most*
//! significant bit of the index: `i = Σ_k b_k · 2^(m−1−k)`, so `S̃(b_0, …, b_{m−1}) = S[i]`
//! on the hypercube. This matches the sumcheck crate, which binds the most significant
//! variable first. Below, `s_j = r_{m−1−j}` is the variable of bit `j` (0 = least significant).
//!
//! **Interleaved subtables** (the bitwise and comparison ones) read an index `i = x ‖ y` made
//! of two `h = m/2`-bit operand chunks: `x = ⌊i / 2^h⌋`, `y = i mod 2^h`. Their MLE variables
//! are `x_0 … x_{h−1} = r_0 … r_{h−1}` and `y_0 … y_{h−1} = r_h … r_{m−1}`, most significant
//! first.
//!
//! Every `evaluate_mle` runs in `O(log M)` field operations without materializing the table.

mod bit_field;
mod bitwise;
mod byte_lane_mask;
mod byte_multiplier;
mod div_by_zero;
mod eq;
mod half_lane_mask;
mod half_multiplier;
mod identity;
mod is_zero;
mod low_bits_zero;
mod ltu;
mod operand_chunk;
mod operand_is_zero;
mod operand_msb;
mod pow2;
mod shr_multiplier;

pub use bit_field::BitField;
pub use bitwise::{And, Or, Xor};
pub use byte_lane_mask::ByteLaneMask;
pub use byte_multiplier::ByteMultiplier;
pub use div_by_zero::DivByZero;
pub use eq::Eq;
pub use half_lane_mask::HalfLaneMask;
pub use half_multiplier::HalfMultiplier;
pub use identity::Identity;
pub use is_zero::IsZero;
pub use low_bits_zero::LowBitsZero;
pub use ltu::Ltu;
pub use operand_chunk::OperandChunk;
pub use operand_is_zero::OperandIsZero;
pub use operand_msb::OperandMsb;
pub use pow2::Pow2;
pub use shr_multiplier::ShrMultiplier;

use ark_ff::PrimeField;

/// A table `S[0 … M)` of non-negative integers (all `< 2^32`) with a cheap MLE.
pub trait Subtable {
    /// `S[index]` for a table of `2^log_m` entries.
    fn entry(&self, log_m: usize, index: u64) -> u64;

    /// Whether the table is defined for `log M = log_m` (interleaved tables need an even
    /// `log_m`, bit fields must fit).
    fn supports(&self, log_m: usize) -> bool {
        log_m > 0
    }

    /// All `2^log_m` entries.
    fn materialize(&self, log_m: usize) -> Vec<u64> {
        assert!(self.supports(log_m), "log M = {log_m} not supported");
        (0..1u64 << log_m).map(|i| self.entry(log_m, i)).collect()
    }

    /// `S̃(point)` with `log M = point.len()` (variable order in the module docs).
    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F;
}

/// Which side of an interleaved index `x ‖ y` a table reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The high half `x`.
    Left,
    /// The low half `y`.
    Right,
}

/// Every subtable, by a stable identity. Parameterised tables carry their parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubtableId {
    /// `S[i] = i`.
    Identity,
    /// `S[i] = ⌊i / 2^lo⌋ mod 2^width` (truncation when `lo = 0`).
    BitField {
        /// Lowest bit taken.
        lo: u8,
        /// Number of bits taken.
        width: u8,
    },
    /// `S[i] = [i = 0]`.
    IsZero,
    /// `S[i] = [i mod 2^bits = 0]`.
    LowBitsZero {
        /// Number of low bits that must be zero.
        bits: u8,
    },
    /// `S[i] = 2^(i mod 32)`.
    Pow2,
    /// `S[i] = 2^(31 − (i mod 32))`.
    ShrMultiplier,
    /// `S[i] = 2^(8(3 − (i mod 4)))`.
    ByteMultiplier,
    /// `S[i] = 2^(16(1 − bit_1(i)))`.
    HalfMultiplier,
    /// `S[i] = 0xff · 2^(8(i mod 4))`.
    ByteLaneMask,
    /// `S[i] = 0xffff · 2^(16·bit_1(i))`.
    HalfLaneMask,
    /// `S[x‖y] = x AND y`.
    And,
    /// `S[x‖y] = x OR y`.
    Or,
    /// `S[x‖y] = x XOR y`.
    Xor,
    /// `S[x‖y] = [x = y]`.
    Eq,
    /// `S[x‖y] = [x < y]`.
    Ltu,
    /// `S[x‖y] = msb(x)`.
    LeftMsb,
    /// `S[x‖y] = msb(y)`.
    RightMsb,
    /// `S[x‖y] = [x = 0]`.
    LeftIsZero,
    /// `S[x‖y] = [y = 0]`.
    RightIsZero,
    /// `S[x‖y] = x`.
    LeftOperand,
    /// `S[x‖y] = y`.
    RightOperand,
    /// `S[x‖y] = [x = 0 ∧ y = 2^h − 1]`.
    DivByZero,
}

/// Calls `$body` with `$s` bound to the subtable value behind `$id`.
macro_rules! with_subtable {
    ($id:expr, $s:ident => $body:expr) => {
        match $id {
            SubtableId::Identity => {
                let $s = Identity;
                $body
            }
            SubtableId::BitField { lo, width } => {
                let $s = BitField {
                    lo: lo as usize,
                    width: width as usize,
                };
                $body
            }
            SubtableId::IsZero => {
                let $s = IsZero;
                $body
            }
            SubtableId::LowBitsZero { bits } => {
                let $s = LowBitsZero {
                    bits: bits as usize,
                };
                $body
            }
            SubtableId::Pow2 => {
                let $s = Pow2;
                $body
            }
            SubtableId::ShrMultiplier => {
                let $s = ShrMultiplier;
                $body
            }
            SubtableId::ByteMultiplier => {
                let $s = ByteMultiplier;
                $body
            }
            SubtableId::HalfMultiplier => {
                let $s = HalfMultiplier;
                $body
            }
            SubtableId::ByteLaneMask => {
                let $s = ByteLaneMask;
                $body
            }
            SubtableId::HalfLaneMask => {
                let $s = HalfLaneMask;
                $body
            }
            SubtableId::And => {
                let $s = And;
                $body
            }
            SubtableId::Or => {
                let $s = Or;
                $body
            }
            SubtableId::Xor => {
                let $s = Xor;
                $body
            }
            SubtableId::Eq => {
                let $s = Eq;
                $body
            }
            SubtableId::Ltu => {
                let $s = Ltu;
                $body
            }
            SubtableId::LeftMsb => {
                let $s = OperandMsb(Side::Left);
                $body
            }
            SubtableId::RightMsb => {
                let $s = OperandMsb(Side::Right);
                $body
            }
            SubtableId::LeftIsZero => {
                let $s = OperandIsZero(Side::Left);
                $body
            }
            SubtableId::RightIsZero => {
                let $s = OperandIsZero(Side::Right);
                $body
            }
            SubtableId::LeftOperand => {
                let $s = OperandChunk(Side::Left);
                $body
            }
            SubtableId::RightOperand => {
                let $s = OperandChunk(Side::Right);
                $body
            }
            SubtableId::DivByZero => {
                let $s = DivByZero;
                $body
            }
        }
    };
}

impl SubtableId {
    /// Every parameter-free subtable (the parameterised ones — [`SubtableId::BitField`],
    /// [`SubtableId::LowBitsZero`] — appear with the parameters the lookups use, see
    /// [`subtables_in_use`](crate::lookups::subtables_in_use)).
    pub const UNPARAMETERISED: [SubtableId; 20] = {
        use SubtableId::*;
        [
            Identity,
            IsZero,
            Pow2,
            ShrMultiplier,
            ByteMultiplier,
            HalfMultiplier,
            ByteLaneMask,
            HalfLaneMask,
            And,
            Or,
            Xor,
            Eq,
            Ltu,
            LeftMsb,
            RightMsb,
            LeftIsZero,
            RightIsZero,
            LeftOperand,
            RightOperand,
            DivByZero,
        ]
    };

    /// `S[index]` for `log M = log_m`.
    pub fn entry(self, log_m: usize, index: u64) -> u64 {
        with_subtable!(self, s => s.entry(log_m, index))
    }

    /// Whether the table is defined for `log M = log_m`.
    pub fn supports(self, log_m: usize) -> bool {
        with_subtable!(self, s => s.supports(log_m))
    }

    /// All `2^log_m` entries.
    pub fn materialize(self, log_m: usize) -> Vec<u64> {
        with_subtable!(self, s => s.materialize(log_m))
    }

    /// `S̃(point)`, `log M = point.len()`.
    pub fn evaluate_mle<F: PrimeField>(self, point: &[F]) -> F {
        with_subtable!(self, s => s.evaluate_mle(point))
    }

    /// A stable name: `identity`, `bit_field(8,8)`, `ltu`, ….
    pub fn name(self) -> String {
        use SubtableId::*;
        match self {
            BitField { lo, width } => format!("bit_field({lo},{width})"),
            LowBitsZero { bits } => format!("low_bits_zero({bits})"),
            Identity => "identity".into(),
            IsZero => "is_zero".into(),
            Pow2 => "pow2".into(),
            ShrMultiplier => "shr_multiplier".into(),
            ByteMultiplier => "byte_multiplier".into(),
            HalfMultiplier => "half_multiplier".into(),
            ByteLaneMask => "byte_lane_mask".into(),
            HalfLaneMask => "half_lane_mask".into(),
            And => "and".into(),
            Or => "or".into(),
            Xor => "xor".into(),
            Eq => "eq".into(),
            Ltu => "ltu".into(),
            LeftMsb => "left_msb".into(),
            RightMsb => "right_msb".into(),
            LeftIsZero => "left_is_zero".into(),
            RightIsZero => "right_is_zero".into(),
            LeftOperand => "left_operand".into(),
            RightOperand => "right_operand".into(),
            DivByZero => "div_by_zero".into(),
        }
    }
}

impl core::fmt::Display for SubtableId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.name())
    }
}

/// The variable `s_j = r_{m−1−j}` of bit `j` (0 = least significant).
pub(crate) fn bit_var<F: Copy>(point: &[F], j: usize) -> F {
    point[point.len() - 1 - j]
}

/// `Σ_k 2^(n−1−k) · bits_k`: the MLE of the integer whose big-endian bits are `bits`.
pub(crate) fn binary_value<F: PrimeField>(bits: &[F]) -> F {
    bits.iter().fold(F::zero(), |acc, &b| acc.double() + b)
}

/// `eq(a, b) = a·b + (1 − a)(1 − b)`: 1 on equal bits, 0 on different ones.
pub(crate) fn eq_bit<F: PrimeField>(a: F, b: F) -> F {
    let ab = a * b;
    F::one() - a - b + ab + ab
}

/// `(x_0 … x_{h−1}, y_0 … y_{h−1})` of an interleaved point.
pub(crate) fn halves<F>(point: &[F]) -> (&[F], &[F]) {
    assert!(
        point.len().is_multiple_of(2),
        "interleaved tables need an even log M"
    );
    point.split_at(point.len() / 2)
}

/// Interleaved tables need an even `log M ≥ 2`.
pub(crate) fn supports_interleaved(log_m: usize) -> bool {
    log_m >= 2 && log_m.is_multiple_of(2)
}

/// `(x, y, 2^h)` of an interleaved index.
pub(crate) fn split_index(log_m: usize, index: u64) -> (u64, u64, u64) {
    let h = log_m / 2;
    (index >> h, index & ((1 << h) - 1), 1 << h)
}

/// The shared test of a subtable: for every `log M` in `sizes` it supports, every entry equals
/// the MLE at the index's bits, and at random points the MLE equals the naive
/// `Σ_i S[i]·eq(r, i)` (for `log M ≤ 10`).
#[cfg(test)]
pub(crate) fn check_subtable(id: SubtableId, sizes: &[usize]) {
    use ark_bn254::Fr;
    use ark_ff::UniformRand;
    use rand_chacha::rand_core::SeedableRng;
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
    for &m in sizes.iter().filter(|&&m| id.supports(m)) {
        let table = id.materialize(m);
        for (i, &value) in table.iter().enumerate() {
            let point: Vec<Fr> = (0..m)
                .map(|k| Fr::from(((i >> (m - 1 - k)) & 1) as u64))
                .collect();
            assert_eq!(
                id.evaluate_mle(&point),
                Fr::from(value),
                "{id} log M {m} entry {i}"
            );
        }
        if m <= 10 {
            for _ in 0..3 {
                let r: Vec<Fr> = (0..m).map(|_| Fr::rand(&mut rng)).collect();
                let naive = table
                    .iter()
                    .enumerate()
                    .fold(Fr::from(0u64), |acc, (i, &v)| {
                        let eq = (0..m).fold(Fr::from(1u64), |e, k| {
                            let b = Fr::from(((i >> (m - 1 - k)) & 1) as u64);
                            e * eq_bit(r[k], b)
                        });
                        acc + eq * Fr::from(v)
                    });
                assert_eq!(id.evaluate_mle(&r), naive, "{id} log M {m} random point");
            }
        }
    }
}
