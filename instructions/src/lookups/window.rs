//! Lookups whose output is a bit range ("window") of the query:
//!
//! ```text
//!   T[Q] = scale · (⌊Q / 2^lo⌋ mod 2^width)   [+ (2^32 − 2^width) · bit_(lo+width−1)(Q) if signed]
//! ```
//!
//! Since `Q = Σ_c dim_c · 2^(log M·(C−1−c))`, the window is a weighted sum over the chunks it
//! overlaps: a chunk wholly inside contributes `identity(dim_c)`, a chunk it cuts contributes
//! `bit_field(a, w)(dim_c)` (its bits `a … a+w−1`), each times `scale · 2^(position − lo)`; a
//! signed window adds the fill `2^32 − 2^width` times its top bit, read as a one-bit field.
//! `g` is linear (degree 1). The chunks outside the window are not read by `g`, but the R1CS
//! recombination `Q = Σ_c dim_c·M^(C−1−c)` with every `dim_c < M` still pins them down.
//!
//! | lookup | query | lo | width | scale | signed |
//! |---|---|---|---|---|---|
//! | ADD | `x + y` | 0 | 32 | 1 | |
//! | SUB | `x + 2^32 − y` | 0 | 32 | 1 | |
//! | MUL | `x · y` | 0 | 32 | 1 | |
//! | MULHU | `x · y` | 32 | 32 | 1 | |
//! | SHR_MUL | `x · y` | 31 | 32 | 1 | |
//! | IDENTITY | `x` | 0 | 32 | 1 | |
//! | JALR_TARGET | `x + y` | 1 | 31 | 2 | |
//! | ALIGN_WORD | `x + y` | 2 | 30 | 4 | |
//! | EXTRACT_BYTE(_SIGNED) | `x · y` | 24 | 8 | 1 | (yes) |
//! | EXTRACT_HALF(_SIGNED) | `x · y` | 16 | 16 | 1 | (yes) |
//! | REPLICATE_BYTE | `x` | 0 | 8 | `0x0101_0101` | |
//! | REPLICATE_HALF | `x` | 0 | 16 | `0x0001_0001` | |
//! | SIGN_MASK | `x` | 31 | 1 | `2^32 − 1` | |

use super::{LookupId, LookupInstruction};
use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;

/// `T[Q] = scale · (bits lo … lo+width−1 of Q)`, sign-extended from the top bit if `signed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// The table.
    pub id: LookupId,
    /// The lowest bit of `Q` taken.
    pub lo: usize,
    /// The number of bits taken.
    pub width: usize,
    /// Sign-extend the window to 32 bits.
    pub signed: bool,
    /// The multiplier applied to the window.
    pub scale: u64,
}

const fn window(id: LookupId, lo: usize, width: usize, scale: u64) -> Window {
    Window {
        id,
        lo,
        width,
        signed: false,
        scale,
    }
}

const fn signed(w: Window, id: LookupId) -> Window {
    Window {
        id,
        signed: true,
        ..w
    }
}

/// `(x + y) mod 2^32`.
pub const ADD: Window = window(LookupId::Add, 0, 32, 1);
/// `(x − y) mod 2^32` from `Q = x + 2^32 − y`.
pub const SUB: Window = window(LookupId::Sub, 0, 32, 1);
/// `(x · y) mod 2^32`.
pub const MUL: Window = window(LookupId::Mul, 0, 32, 1);
/// `⌊x · y / 2^32⌋`.
pub const MULHU: Window = window(LookupId::Mulhu, 32, 32, 1);
/// `⌊x · y / 2^31⌋ mod 2^32`.
pub const SHR_MUL: Window = window(LookupId::ShrMul, 31, 32, 1);
/// `x`.
pub const IDENTITY: Window = window(LookupId::Identity, 0, 32, 1);
/// `(x + y) mod 2^32` with bit 0 cleared.
pub const JALR_TARGET: Window = window(LookupId::JalrTarget, 1, 31, 2);
/// `(x + y) mod 2^32` with bits 0–1 cleared.
pub const ALIGN_WORD: Window = window(LookupId::AlignWord, 2, 30, 4);
/// Bits 24…31 of `x · y`.
pub const EXTRACT_BYTE: Window = window(LookupId::ExtractByte, 24, 8, 1);
/// Bits 24…31 of `x · y`, sign-extended.
pub const EXTRACT_BYTE_SIGNED: Window = signed(EXTRACT_BYTE, LookupId::ExtractByteSigned);
/// Bits 16…31 of `x · y`.
pub const EXTRACT_HALF: Window = window(LookupId::ExtractHalf, 16, 16, 1);
/// Bits 16…31 of `x · y`, sign-extended.
pub const EXTRACT_HALF_SIGNED: Window = signed(EXTRACT_HALF, LookupId::ExtractHalfSigned);
/// The low byte of `x` in every lane.
pub const REPLICATE_BYTE: Window = window(LookupId::ReplicateByte, 0, 8, 0x0101_0101);
/// The low halfword of `x` in both lanes.
pub const REPLICATE_HALF: Window = window(LookupId::ReplicateHalf, 0, 16, 0x0001_0001);
/// Bit 31 of `x`, times `2^32 − 1`.
pub const SIGN_MASK: Window = window(LookupId::SignMask, 31, 1, 0xffff_ffff);

impl Window {
    /// `(subtable, chunk, coefficient)` for every term of `g`.
    pub fn terms(&self, params: &LookupParams) -> Vec<(SubtableId, usize, u64)> {
        let m = params.log_m();
        let hi = self.lo + self.width;
        let mut terms = Vec::new();
        for c in 0..params.c() {
            let base = params.chunk_shift(c);
            let (start, end) = (self.lo.max(base), hi.min(base + m));
            if start >= end {
                continue;
            }
            let (a, w) = (start - base, end - start);
            let table = if a == 0 && w == m {
                SubtableId::Identity
            } else {
                SubtableId::BitField {
                    lo: a as u8,
                    width: w as u8,
                }
            };
            terms.push((table, c, self.scale << (start - self.lo)));
        }
        if self.signed {
            let (c, bit) = params.chunk_of_bit(hi - 1);
            let fill = (1u64 << 32) - (1u64 << self.width);
            terms.push((
                SubtableId::BitField {
                    lo: bit as u8,
                    width: 1,
                },
                c,
                fill,
            ));
        }
        terms
    }
}

impl LookupInstruction for Window {
    fn id(&self) -> LookupId {
        self.id
    }

    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        self.terms(params)
            .into_iter()
            .map(|(t, c, _)| (t, c))
            .collect()
    }

    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        self.terms(params)
            .iter()
            .zip(values)
            .fold(F::zero(), |acc, (&(_, _, coeff), &v)| {
                acc + F::from(coeff) * v
            })
    }

    fn g_degree(&self, _params: &LookupParams) -> usize {
        1
    }

    fn g_formula(&self, params: &LookupParams) -> String {
        self.terms(params)
            .iter()
            .map(|&(table, c, coeff)| format!("{}·{table}[{c}]", coefficient(coeff)))
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// `2^k` for powers of two, hex otherwise.
pub(crate) fn coefficient(coeff: u64) -> String {
    if coeff.is_power_of_two() {
        format!("2^{}", coeff.trailing_zeros())
    } else {
        format!("{coeff:#x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_reads_the_low_word_chunks() {
        let p = LookupParams::DEFAULT;
        assert_eq!(
            ADD.subtables(&p),
            vec![(SubtableId::Identity, 2), (SubtableId::Identity, 3)]
        );
        assert_eq!(ADD.g_formula(&p), "2^16·identity[2] + 2^0·identity[3]");
    }

    #[test]
    fn shr_mul_cuts_two_chunks() {
        let p = LookupParams::SMALL;
        let subtables = SHR_MUL.subtables(&p);
        assert_eq!(
            subtables.first(),
            Some(&(SubtableId::BitField { lo: 0, width: 7 }, 0))
        );
        assert_eq!(
            subtables.last(),
            Some(&(SubtableId::BitField { lo: 7, width: 1 }, 4))
        );
        assert_eq!(subtables.len(), 5);
    }
}
