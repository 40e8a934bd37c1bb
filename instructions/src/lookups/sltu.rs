//! SLTU and GEU: unsigned comparison, most significant chunk first.
//!
//! `x < y` iff at the first chunk where they differ `x_c < y_c`:
//!
//! ```text
//!   SLTU: g = Σ_i ltu[dim_i] · Π_{j<i} eq[dim_j]        GEU: g = 1 − (SLTU's g)     degree C.
//! ```
//!
//! Serves SLTU, SLTIU, BLTU (SLTU) and BGEU (GEU).

use super::{unsigned_less_than, unsigned_less_than_memories, LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `[x < y]` (unsigned), or its negation `[x ≥ y]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsignedLess {
    /// Output `[x ≥ y]` instead.
    pub negated: bool,
}

/// `[x < y]`.
pub const SLTU: UnsignedLess = UnsignedLess { negated: false };
/// `[x ≥ y]`.
pub const GEU: UnsignedLess = UnsignedLess { negated: true };

impl LookupInstruction for UnsignedLess {
    fn id(&self) -> LookupId {
        if self.negated {
            LookupId::Geu
        } else {
            LookupId::Sltu
        }
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        unsigned_less_than_memories(params)
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        let (ltu, eq) = values.split_at(params.c());
        let lt = unsigned_less_than(ltu, eq);
        if self.negated {
            F::one() - lt
        } else {
            lt
        }
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c()
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        let lt = "Σ_i ltu[i]·Π_{j<i} eq[j]";
        if self.negated {
            format!("1 − {lt}")
        } else {
            lt.into()
        }
    }
}
