//! The assertions that pin down a division's advice (see the DIV/REM sequences).
//!
//! **VALID_DIV0** `(x = divisor, y = quotient)`: `[x ≠ 0 ∨ y = 2^32 − 1]`. The divisor is zero
//! iff every chunk is, and then the quotient must be all ones in every chunk:
//!
//! ```text
//!   g = 1 − Π_c left_is_zero[dim_c] + Π_c div_by_zero[dim_c]           degree C.
//! ```
//!
//! **VALID_UNSIGNED_REMAINDER** `(x = remainder, y = divisor)`: `[y = 0 ∨ x < y]`. Nothing is
//! below 0, so the two cases never overlap:
//!
//! ```text
//!   g = Σ_i ltu[dim_i]·Π_{j<i} eq[dim_j] + Π_c right_is_zero[dim_c]   degree C.
//! ```

use super::{unsigned_less_than, unsigned_less_than_memories, LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `[x ≠ 0 ∨ y = 2^32 − 1]` for divisor `x`, quotient `y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidDiv0;

/// `[y = 0 ∨ x < y]` for remainder `x`, divisor `y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidUnsignedRemainder;

fn product<F: PrimeField>(values: &[F]) -> F {
    values.iter().fold(F::one(), |acc, &v| acc * v)
}

impl LookupInstruction for ValidDiv0 {
    fn id(&self) -> LookupId {
        LookupId::ValidDiv0
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        let c = params.c();
        (0..c)
            .map(|i| (SubtableId::LeftIsZero, i))
            .chain((0..c).map(|i| (SubtableId::DivByZero, i)))
            .collect()
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        let (zero, div0) = values.split_at(params.c());
        F::one() - product(zero) + product(div0)
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c()
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        "1 − Π_c left_is_zero[c] + Π_c div_by_zero[c]".into()
    }
}

impl LookupInstruction for ValidUnsignedRemainder {
    fn id(&self) -> LookupId {
        LookupId::ValidUnsignedRemainder
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        let mut memories = unsigned_less_than_memories(params);
        memories.extend((0..params.c()).map(|i| (SubtableId::RightIsZero, i)));
        memories
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        let c = params.c();
        let (ltu, rest) = values.split_at(c);
        let (eq, zero) = rest.split_at(c - 1);
        unsigned_less_than(ltu, eq) + product(zero)
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c()
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        "Σ_i ltu[i]·Π_{j<i} eq[j] + Π_c right_is_zero[c]".into()
    }
}
