//! MUL_NO_OVERFLOW (`Q = x·y`) and ADD_NO_OVERFLOW (`Q = x + y`): `[Q < 2^32]`, i.e. every
//! chunk above bit 32 is zero:
//!
//! ```text
//!   g = Π_{c : chunk c covers bits ≥ 32} is_zero[dim_c]          degree 32 / log M.
//! ```
//!
//! The unsigned division check uses both so that `q·y + r = x` holds over the integers, not
//! just modulo `2^32`.

use super::{LookupId, LookupInstruction};
use crate::params::{LookupParams, WORD_BITS};
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `[Q < 2^32]` for the table's query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoOverflow {
    /// The table (its query kind says whether `Q` is a product or a sum).
    pub id: LookupId,
}

/// `[x · y < 2^32]`.
pub const MUL_NO_OVERFLOW: NoOverflow = NoOverflow {
    id: LookupId::MulNoOverflow,
};
/// `[x + y < 2^32]`.
pub const ADD_NO_OVERFLOW: NoOverflow = NoOverflow {
    id: LookupId::AddNoOverflow,
};

impl NoOverflow {
    fn high_chunks(params: &LookupParams) -> impl Iterator<Item = usize> + '_ {
        (0..params.c()).filter(|&c| params.chunk_shift(c) >= WORD_BITS)
    }
}

impl LookupInstruction for NoOverflow {
    fn id(&self) -> LookupId {
        self.id
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        Self::high_chunks(params)
            .map(|c| (SubtableId::IsZero, c))
            .collect()
    }

    fn combine<F: PrimeField>(&self, _params: &LookupParams, values: &[F]) -> F {
        values.iter().fold(F::one(), |acc, &v| acc * v)
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        Self::high_chunks(params).count()
    }

    fn g_formula(&self, params: &LookupParams) -> String {
        let chunks: Vec<String> = Self::high_chunks(params)
            .map(|c| format!("is_zero[{c}]"))
            .collect();
        chunks.join("·")
    }
}
