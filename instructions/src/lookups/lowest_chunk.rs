//! Lookups that depend only on the low bits of the query, all inside the lowest chunk
//! (`log M ≥ 8 > 5`): `g = S[dim_{C−1}]` for one subtable `S`, degree 1.
//!
//! | lookup | query | subtable | output |
//! |---|---|---|---|
//! | POW2 | `x` | `pow2` | `2^(x mod 32)` |
//! | SHR_MULTIPLIER | `x` | `shr_multiplier` | `2^(31 − (x mod 32))` |
//! | BYTE_MULTIPLIER | `x + y` | `byte_multiplier` | `2^(8(3 − k))`, `k = (x+y) mod 4` |
//! | HALF_MULTIPLIER | `x + y` | `half_multiplier` | `2^(16(1 − bit_1(x+y)))` |
//! | BYTE_LANE_MASK | `x + y` | `byte_lane_mask` | `0xff · 2^(8k)` |
//! | HALF_LANE_MASK | `x + y` | `half_lane_mask` | `0xffff · 2^(16·bit_1(x+y))` |
//! | WORD_ALIGNED | `x + y` | `low_bits_zero(2)` | `[(x + y) mod 4 = 0]` |
//! | HALF_ALIGNED | `x + y` | `low_bits_zero(1)` | `[(x + y) mod 2 = 0]` |
//!
//! The alignment lookups read `rs1 + imm` before any wrap-around, whose low bits are those of
//! the address.

use super::{LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `g = table[dim_{C−1}]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LowestChunk {
    /// The table.
    pub id: LookupId,
    /// The subtable read on the lowest chunk.
    pub table: SubtableId,
}

const fn lowest(id: LookupId, table: SubtableId) -> LowestChunk {
    LowestChunk { id, table }
}

/// `2^(x mod 32)`.
pub const POW2: LowestChunk = lowest(LookupId::Pow2, SubtableId::Pow2);
/// `2^(31 − (x mod 32))`.
pub const SHR_MULTIPLIER: LowestChunk = lowest(LookupId::ShrMultiplier, SubtableId::ShrMultiplier);
/// `2^(8(3 − k))`.
pub const BYTE_MULTIPLIER: LowestChunk =
    lowest(LookupId::ByteMultiplier, SubtableId::ByteMultiplier);
/// `2^(16(1 − bit_1))`.
pub const HALF_MULTIPLIER: LowestChunk =
    lowest(LookupId::HalfMultiplier, SubtableId::HalfMultiplier);
/// `0xff · 2^(8k)`.
pub const BYTE_LANE_MASK: LowestChunk = lowest(LookupId::ByteLaneMask, SubtableId::ByteLaneMask);
/// `0xffff · 2^(16·bit_1)`.
pub const HALF_LANE_MASK: LowestChunk = lowest(LookupId::HalfLaneMask, SubtableId::HalfLaneMask);
/// `[(x + y) mod 4 = 0]`.
pub const WORD_ALIGNED: LowestChunk =
    lowest(LookupId::WordAligned, SubtableId::LowBitsZero { bits: 2 });
/// `[(x + y) mod 2 = 0]`.
pub const HALF_ALIGNED: LowestChunk =
    lowest(LookupId::HalfAligned, SubtableId::LowBitsZero { bits: 1 });

impl LookupInstruction for LowestChunk {
    fn id(&self) -> LookupId {
        self.id
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        vec![(self.table, params.c() - 1)]
    }

    fn combine<F: PrimeField>(&self, _params: &LookupParams, values: &[F]) -> F {
        values[0]
    }

    fn g_degree(&self, _params: &LookupParams) -> usize {
        1
    }

    fn g_formula(&self, params: &LookupParams) -> String {
        format!("{}[{}]", self.table, params.c() - 1)
    }
}
