//! CNEG: conditional negation, `msb(y) ? (−x mod 2^32) : x` (`|x|` when `y = x`).
//!
//! Negation carries across chunks, but only in one way that matters: with
//! `V = Σ_c 2^(b(C−1−c))·left_operand[dim_c] = x` and `Z = Π_c left_is_zero[dim_c] = [x = 0]`,
//! `−x mod 2^32 = 2^32 − x − 2^32·[x = 0]`. With `S = right_msb[dim_0] = msb(y)`:
//!
//! ```text
//!   g = V + S · (2^32 − 2V − 2^32·Π_c left_is_zero[dim_c])          degree C + 1.
//! ```
//!
//! DIV and REM use it for `|x|`, `|y|` and to give the quotient and remainder their signs.

use super::{operand_weight, LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `msb(y) ? −x : x` (mod 2^32).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cneg;

impl LookupInstruction for Cneg {
    fn id(&self) -> LookupId {
        LookupId::Cneg
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        let c = params.c();
        std::iter::once((SubtableId::RightMsb, 0))
            .chain((0..c).map(|i| (SubtableId::LeftOperand, i)))
            .chain((0..c).map(|i| (SubtableId::LeftIsZero, i)))
            .collect()
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        let c = params.c();
        let s = values[0];
        let v = values[1..=c]
            .iter()
            .enumerate()
            .fold(F::zero(), |acc, (i, &chunk)| {
                acc + F::from(operand_weight(params, i)) * chunk
            });
        let zero = values[c + 1..].iter().fold(F::one(), |acc, &z| acc * z);
        let two_32 = F::from(1u64 << 32);
        v + s * (two_32 - v.double() - two_32 * zero)
    }

    fn g_degree(&self, params: &LookupParams) -> usize {
        params.c() + 1
    }

    fn g_formula(&self, _params: &LookupParams) -> String {
        "V + S·(2^32 − 2V − 2^32·Π_c left_is_zero[c]), V = Σ_c 2^(b(C−1−c))·left_operand[c], S = right_msb[0]".into()
    }
}
