//! SLT and GE: signed comparison.
//!
//! With `L = left_msb[dim_0]`, `R = right_msb[dim_0]` the sign bits: if the signs differ,
//! `x <_s y` iff `x` is negative; if they agree, two's complement order is unsigned order. So
//!
//! ```text
//!   SLT: g = L·(1 − R) + (1 − L − R + 2·L·R) · Σ_i ltu[dim_i]·Π_{j<i} eq[dim_j]
//!   GE:  g = 1 − (SLT's g)                                            degree C + 2.
//! ```
//!
//! (`1 − L − R + 2LR = [L = R]`.) Serves SLT, SLTI, BLT (SLT) and BGE (GE).

use super::{unsigned_less_than, unsigned_less_than_memories, LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `[x_s < y_s]`, or its negation `[x_s ≥ y_s]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedLess {
    /// Output `[x_s ≥ y_s]` instead.
    pub negated: bool,
}

/// `[x_s < y_s]`.
pub const SLT: SignedLess = SignedLess { negated: false };
/// `[x_s ≥ y_s]`.
pub const GE: SignedLess = SignedLess { negated: true };

impl LookupInstruction for SignedLess {
    fn id(&self) -> LookupId {
        if self.negated {
            LookupId::Ge
        } else {
            LookupId::Slt
        }
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        let mut memories = vec![(SubtableId::LeftMsb, 0), (SubtableId::RightMsb, 0)];
        memories.extend(unsigned_less_than_memories(params));
        memories
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        let (l, r) = (values[0], values[1]);
        let (ltu, eq) = values[2..].split_at(params.c());
        let lr = l * r;
        let same_sign = F::one() - l - r + lr + lr;
        let lt = l - lr + same_sign * unsigned_less_than(ltu, eq);
        if self.negated {
            F::one() - lt
        } else {
            lt
        }
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c() + 2
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        let lt =
            "L·(1−R) + (1−L−R+2LR)·Σ_i ltu[i]·Π_{j<i} eq[j], L = left_msb[0], R = right_msb[0]";
        if self.negated {
            format!("1 − ({lt})")
        } else {
            lt.into()
        }
    }
}
