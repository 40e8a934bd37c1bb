//! Shifts as products with powers of two.
//!
//! A per-chunk shift decomposition needs the whole 5-bit shift amount inside every chunk
//! index, which fails when operand chunks have fewer than 5 bits (`C = 8`). Products do not
//! care how the query is chunked, so every shift becomes a product lookup (s = shift amount):
//!
//! ```text
//! x << s   = (x · 2^s) mod 2^32                          MUL
//! x >> s   = ⌊x · 2^(31−s) / 2^31⌋                       SHR_MUL (valid for s = 0 too)
//! x >>ₐ s  = ((x ⊕ 2^31) >> s) − 2^(31−s)   (mod 2^32)
//! ```
//!
//! The last line holds because `x ⊕ 2^31 = x_s + 2^31` and `2^s` divides `2^31`:
//! `⌊(x_s + 2^31)/2^s⌋ = ⌊x_s/2^s⌋ + 2^(31−s)`. Register shifts first look up the multiplier
//! from `rs2` (POW2 or SHR_MULTIPLIER, which read only `rs2 mod 32`):
//!
//! ```text
//! SLLI  rd ← muli(rs1, 2^sh)                 SLL  v0 ← pow2(rs2);  rd ← mul(rs1, v0)
//! SRLI  rd ← shr_muli(rs1, 2^(31−sh))        SRL  v0 ← shr_multiplier(rs2); rd ← shr_mul(rs1, v0)
//! SRAI  v0 ← xori(rs1, 2^31)                 SRA  v0 ← shr_multiplier(rs2)
//!       v0 ← shr_muli(v0, 2^(31−sh))              v1 ← xori(rs1, 2^31); v1 ← shr_mul(v1, v0)
//!       rd ← addi(v0, −2^(31−sh))                 rd ← sub(v1, v0)
//! ```

use super::expand::{SequenceBuilder, V0, V1};
use super::row::VirtualOpcode as V;
use crate::decode::Opcode;

const SIGN_BIT: u32 = 1 << 31;

/// Appends the rows of the shift `opcode` (`imm` is the shift amount of the immediate forms).
pub(super) fn shift(seq: &mut SequenceBuilder, opcode: Opcode, rd: u8, rs1: u8, rs2: u8, imm: u32) {
    let sh = imm & 31;
    let down = 1u32 << (31 - sh);
    match opcode {
        Opcode::Slli => {
            seq.row(V::MulI, rd, rs1, 0, 1 << sh);
        }
        Opcode::Srli => {
            seq.row(V::ShrMulI, rd, rs1, 0, down);
        }
        Opcode::Srai => {
            seq.row(V::Xori, V0, rs1, 0, SIGN_BIT)
                .row(V::ShrMulI, V0, V0, 0, down)
                .row(V::Addi, rd, V0, 0, down.wrapping_neg());
        }
        Opcode::Sll => {
            seq.row(V::Pow2, V0, rs2, 0, 0).row(V::Mul, rd, rs1, V0, 0);
        }
        Opcode::Srl => {
            seq.row(V::ShrMultiplier, V0, rs2, 0, 0)
                .row(V::ShrMul, rd, rs1, V0, 0);
        }
        Opcode::Sra => {
            seq.row(V::ShrMultiplier, V0, rs2, 0, 0)
                .row(V::Xori, V1, rs1, 0, SIGN_BIT)
                .row(V::ShrMul, V1, V1, V0, 0)
                .row(V::Sub, rd, V1, V0, 0);
        }
        other => panic!("{other:?} is not a shift"),
    }
}
