//! Sub-word loads and stores through aligned word access (DESIGN §4).
//!
//! RAM is word-addressed: one aligned word per step. With `a = rs1 + imm` and `k = a mod 4`:
//!
//! ```text
//! LB/LBU  v0 ← align_word(rs1, imm)             (a & !3)
//!         v1 ← lw v0                            (the aligned word)
//!         v2 ← byte_multiplier(rs1, imm)        (2^(8(3−k)))
//!         rd ← extract_byte[_signed](v1, v2)    (bits 24..32 of v1·v2 = byte k)
//! LH/LHU  assert_half_aligned(rs1, imm), then as above with half_multiplier
//!         (2^16 or 1) and extract_half[_signed] (bits 16..32)
//! SB/SH   [assert_half_aligned(rs1, imm)]
//!         v0 ← align_word(rs1, imm);  v1 ← lw v0
//!         v2 ← byte/half_lane_mask(rs1, imm)    (0xff << 8k, 0xffff << 8k)
//!         v3 ← replicate_byte/half(rs2)         (the new value in every lane)
//!         v3 ← v1 ⊕ ((v1 ⊕ v3) & v2)            (three rows: xor, and, xor)
//!         sw v3 → v0
//! ```
//!
//! A byte is always aligned; a halfword must be (misaligned halfwords are an error, as in the
//! emulator). Word accesses (LW/SW) are single rows that assert their own alignment.

use super::expand::{SequenceBuilder, V0, V1, V2, V3};
use super::row::VirtualOpcode as V;
use crate::decode::Opcode;

/// Appends the rows of the load `opcode rd, imm(rs1)` (LB, LBU, LH or LHU).
pub(super) fn load(seq: &mut SequenceBuilder, opcode: Opcode, rd: u8, rs1: u8, imm: u32) {
    let (half, extract) = match opcode {
        Opcode::Lb => (false, V::ExtractByteSigned),
        Opcode::Lbu => (false, V::ExtractByte),
        Opcode::Lh => (true, V::ExtractHalfSigned),
        Opcode::Lhu => (true, V::ExtractHalf),
        other => panic!("{other:?} is not a sub-word load"),
    };
    if half {
        seq.row(V::AssertHalfAligned, 0, rs1, 0, imm);
    }
    let multiplier = if half {
        V::HalfMultiplier
    } else {
        V::ByteMultiplier
    };
    seq.row(V::AlignWord, V0, rs1, 0, imm)
        .row(V::Lw, V1, V0, 0, 0)
        .row(multiplier, V2, rs1, 0, imm)
        .row(extract, rd, V1, V2, 0);
}

/// Appends the rows of the store `opcode rs2, imm(rs1)` (SB or SH).
pub(super) fn store(seq: &mut SequenceBuilder, opcode: Opcode, rs1: u8, rs2: u8, imm: u32) {
    let (mask, replicate) = match opcode {
        Opcode::Sb => (V::ByteLaneMask, V::ReplicateByte),
        Opcode::Sh => {
            seq.row(V::AssertHalfAligned, 0, rs1, 0, imm);
            (V::HalfLaneMask, V::ReplicateHalf)
        }
        other => panic!("{other:?} is not a sub-word store"),
    };
    seq.row(V::AlignWord, V0, rs1, 0, imm)
        .row(V::Lw, V1, V0, 0, 0)
        .row(mask, V2, rs1, 0, imm)
        .row(replicate, V3, rs2, 0, 0)
        .row(V::Xor, V3, V1, V3, 0)
        .row(V::And, V3, V3, V2, 0)
        .row(V::Xor, V3, V1, V3, 0)
        .row(V::Sw, 0, V0, V3, 0);
}
