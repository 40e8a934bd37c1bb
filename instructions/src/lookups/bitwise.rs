//! AND, OR, XOR: chunk-wise.
//!
//! With interleaved chunks `dim_c = x_c ‖ y_c` (`b = 32/C` bits each),
//! `x op y = Σ_c 2^(b(C−1−c)) · (x_c op y_c)`, so
//!
//! ```text
//!   g = Σ_c 2^(b(C−1−c)) · OP[dim_c]      (OP = and / or / xor subtable), degree 1.
//! ```

use super::{operand_weight, LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// A bitwise operation read chunk by chunk from one interleaved subtable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bitwise {
    /// The table.
    pub id: LookupId,
    /// The per-chunk subtable.
    pub table: SubtableId,
}

/// `x AND y`.
pub const AND: Bitwise = Bitwise {
    id: LookupId::And,
    table: SubtableId::And,
};
/// `x OR y`.
pub const OR: Bitwise = Bitwise {
    id: LookupId::Or,
    table: SubtableId::Or,
};
/// `x XOR y`.
pub const XOR: Bitwise = Bitwise {
    id: LookupId::Xor,
    table: SubtableId::Xor,
};

impl LookupInstruction for Bitwise {
    fn id(&self) -> LookupId {
        self.id
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        (0..params.c()).map(|c| (self.table, c)).collect()
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        values.iter().enumerate().fold(F::zero(), |acc, (c, &v)| {
            acc + F::from(operand_weight(params, c)) * v
        })
    }

    fn g_degree(&self, _params: &LookupParams) -> usize {
        1
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        format!("Σ_c 2^(b(C−1−c))·{}[c]", self.table)
    }
}
