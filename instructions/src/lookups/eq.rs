//! EQ and NE: the operands are equal iff every pair of chunks is.
//!
//! ```text
//!   EQ: g = Π_c eq[dim_c]          NE: g = 1 − Π_c eq[dim_c]          degree C.
//! ```
//!
//! EQ serves BEQ and the assertions `rs1 = rs2`, `rs1 = imm`; NE serves BNE.

use super::{LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `[x = y]`, or its negation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Equality {
    /// Output `[x ≠ y]` instead.
    pub negated: bool,
}

/// `[x = y]`.
pub const EQ: Equality = Equality { negated: false };
/// `[x ≠ y]`.
pub const NE: Equality = Equality { negated: true };

impl LookupInstruction for Equality {
    fn id(&self) -> LookupId {
        if self.negated {
            LookupId::Ne
        } else {
            LookupId::Eq
        }
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        (0..params.c()).map(|c| (SubtableId::Eq, c)).collect()
    }

    fn combine<F: PrimeField>(&self, _params: &LookupParams, values: &[F]) -> F {
        let all = values.iter().fold(F::one(), |acc, &v| acc * v);
        if self.negated {
            F::one() - all
        } else {
            all
        }
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c()
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        if self.negated {
            "1 − Π_c eq[c]"
        } else {
            "Π_c eq[c]"
        }
        .into()
    }
}
