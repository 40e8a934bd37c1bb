//! Bytecode rows: the opcodes of the virtual instruction set, registers, and one row.

use super::advice::AdviceKind;

/// Number of architectural registers `x0 … x31`.
pub const NUM_ARCH_REGISTERS: u8 = 32;

/// Number of virtual registers, numbered `32 … 32 + NUM_VIRTUAL_REGISTERS − 1` after the
/// architectural ones. Only virtual sequences use them; a decoded program cannot name them
/// (register fields are 5 bits), so a sequence never clobbers program state through them.
pub const NUM_VIRTUAL_REGISTERS: u8 = 8;

/// The register number of virtual register `i` (`i < NUM_VIRTUAL_REGISTERS`).
pub const fn virtual_register(i: u8) -> u8 {
    assert!(i < NUM_VIRTUAL_REGISTERS, "virtual register out of range");
    NUM_ARCH_REGISTERS + i
}

/// Whether `reg` is a virtual register.
pub const fn is_virtual_register(reg: u8) -> bool {
    reg >= NUM_ARCH_REGISTERS
}

/// The opcode of a bytecode row. Rows with a RISC-V name behave like that instruction
/// (except that immediates are full 32-bit words); the others exist only inside virtual
/// sequences. [`VirtualOpcode::spec`](super::RowSpec) gives each one's operands, lookup,
/// register write, RAM access and pc update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VirtualOpcode {
    /// `rd ← imm` through the identity lookup.
    Lui,
    /// `rd ← pc + imm`.
    Auipc,
    /// `rd ← pc + 4`, jump to `pc + imm`.
    Jal,
    /// `rd ← pc + 4`, jump to `(rs1 + imm) & !1`.
    Jalr,
    /// Branch to `pc + imm` if `rs1 = rs2`.
    Beq,
    /// Branch if `rs1 ≠ rs2`.
    Bne,
    /// Branch if `rs1 < rs2` (signed).
    Blt,
    /// Branch if `rs1 ≥ rs2` (signed).
    Bge,
    /// Branch if `rs1 < rs2` (unsigned).
    Bltu,
    /// Branch if `rs1 ≥ rs2` (unsigned).
    Bgeu,
    /// `rd ← RAM[rs1 + imm]`, asserting the address is a multiple of 4.
    Lw,
    /// `RAM[rs1 + imm] ← rs2`, asserting the address is a multiple of 4.
    Sw,
    /// `rd ← rs1 + rs2`.
    Add,
    /// `rd ← rs1 + imm`.
    Addi,
    /// `rd ← rs1 − rs2`.
    Sub,
    /// `rd ← rs1 XOR rs2`.
    Xor,
    /// `rd ← rs1 XOR imm`.
    Xori,
    /// `rd ← rs1 OR rs2`.
    Or,
    /// `rd ← rs1 OR imm`.
    Ori,
    /// `rd ← rs1 AND rs2`.
    And,
    /// `rd ← rs1 AND imm`.
    Andi,
    /// `rd ← [rs1 < rs2]` (signed).
    Slt,
    /// `rd ← [rs1 < imm]` (signed).
    Slti,
    /// `rd ← [rs1 < rs2]` (unsigned).
    Sltu,
    /// `rd ← [rs1 < imm]` (unsigned).
    Sltiu,
    /// `rd ← rs1 · rs2 mod 2^32`.
    Mul,
    /// `rd ← ⌊rs1 · rs2 / 2^32⌋`.
    Mulhu,
    /// No effect (FENCE: a single hart with no caches has nothing to order).
    NoOp,
    /// `rd ← rs1 · imm mod 2^32` (SLLI with `imm = 2^shamt`).
    MulI,
    /// `rd ← ⌊rs1 · rs2 / 2^31⌋ mod 2^32` (right shifts, `rs2 = 2^(31−s)`).
    ShrMul,
    /// `rd ← ⌊rs1 · imm / 2^31⌋ mod 2^32` (SRLI/SRAI, `imm = 2^(31−shamt)`).
    ShrMulI,
    /// `rd ← 2^(rs1 mod 32)`.
    Pow2,
    /// `rd ← 2^(31 − (rs1 mod 32))`.
    ShrMultiplier,
    /// `rd ← msb(rs1) ? 0xffff_ffff : 0`.
    SignMask,
    /// `rd ← msb(rs2) ? −rs1 : rs1` (mod 2^32).
    Cneg,
    /// `rd ← rs1`.
    Move,
    /// `rd ← advice`, a value the prover supplies (computed by
    /// [`advice_value`](super::advice_value) from `rs1`, `rs2`), range-checked by the identity
    /// lookup.
    Advice(AdviceKind),
    /// Assert `rs1 = rs2`.
    AssertEq,
    /// Assert `rs1 = imm`.
    AssertEqI,
    /// Assert `rs1 ≠ 0 ∨ rs2 = 0xffff_ffff` (divisor `rs1`, quotient `rs2`).
    AssertValidDiv0,
    /// Assert `rs2 = 0 ∨ rs1 < rs2` (remainder `rs1`, divisor `rs2`).
    AssertValidUnsignedRemainder,
    /// Assert `rs1 · rs2 < 2^32`.
    AssertMulNoOverflow,
    /// Assert `rs1 + rs2 < 2^32`.
    AssertAddNoOverflow,
    /// Assert `rs1 + imm` is even.
    AssertHalfAligned,
    /// `rd ← (rs1 + imm) & !3`.
    AlignWord,
    /// `rd ← 2^(8(3 − k))`, `k = (rs1 + imm) mod 4`.
    ByteMultiplier,
    /// `rd ← 2^(16(1 − bit_1(rs1 + imm)))`.
    HalfMultiplier,
    /// `rd ← 0xff << 8k`, `k = (rs1 + imm) mod 4`.
    ByteLaneMask,
    /// `rd ← 0xffff << 16·bit_1(rs1 + imm)`.
    HalfLaneMask,
    /// `rd ← ⌊rs1 · rs2 / 2^24⌋ mod 2^8`.
    ExtractByte,
    /// [`VirtualOpcode::ExtractByte`], sign-extended.
    ExtractByteSigned,
    /// `rd ← ⌊rs1 · rs2 / 2^16⌋ mod 2^16`.
    ExtractHalf,
    /// [`VirtualOpcode::ExtractHalf`], sign-extended.
    ExtractHalfSigned,
    /// `rd ← (rs1 mod 2^8) · 0x0101_0101`.
    ReplicateByte,
    /// `rd ← (rs1 mod 2^16) · 0x0001_0001`.
    ReplicateHalf,
    /// Write `rs2` to the exit-code word of the I/O region.
    WriteExitCode,
    /// Write 1 to the termination-flag word of the I/O region and halt.
    WriteTerminationFlag,
}

impl VirtualOpcode {
    /// Every opcode, in declaration order (each advice kind once).
    pub const ALL: [VirtualOpcode; 60] = {
        use VirtualOpcode::*;
        [
            Lui,
            Auipc,
            Jal,
            Jalr,
            Beq,
            Bne,
            Blt,
            Bge,
            Bltu,
            Bgeu,
            Lw,
            Sw,
            Add,
            Addi,
            Sub,
            Xor,
            Xori,
            Or,
            Ori,
            And,
            Andi,
            Slt,
            Slti,
            Sltu,
            Sltiu,
            Mul,
            Mulhu,
            NoOp,
            MulI,
            ShrMul,
            ShrMulI,
            Pow2,
            ShrMultiplier,
            SignMask,
            Cneg,
            Move,
            Advice(AdviceKind::UnsignedQuotient),
            Advice(AdviceKind::UnsignedRemainder),
            Advice(AdviceKind::MagnitudeQuotient),
            Advice(AdviceKind::MagnitudeRemainder),
            AssertEq,
            AssertEqI,
            AssertValidDiv0,
            AssertValidUnsignedRemainder,
            AssertMulNoOverflow,
            AssertAddNoOverflow,
            AssertHalfAligned,
            AlignWord,
            ByteMultiplier,
            HalfMultiplier,
            ByteLaneMask,
            HalfLaneMask,
            ExtractByte,
            ExtractByteSigned,
            ExtractHalf,
            ExtractHalfSigned,
            ReplicateByte,
            ReplicateHalf,
            WriteExitCode,
            WriteTerminationFlag,
        ]
    };

    /// A dense index for the bytecode table (position in [`VirtualOpcode::ALL`]).
    pub fn index(self) -> usize {
        VirtualOpcode::ALL
            .iter()
            .position(|&op| op == self)
            .expect("every opcode is listed in ALL")
    }

    /// The assembler-style name: RISC-V names for RISC-V rows, `v.…` for virtual ones.
    pub fn mnemonic(self) -> &'static str {
        use VirtualOpcode::*;
        match self {
            Lui => "lui",
            Auipc => "auipc",
            Jal => "jal",
            Jalr => "jalr",
            Beq => "beq",
            Bne => "bne",
            Blt => "blt",
            Bge => "bge",
            Bltu => "bltu",
            Bgeu => "bgeu",
            Lw => "lw",
            Sw => "sw",
            Add => "add",
            Addi => "addi",
            Sub => "sub",
            Xor => "xor",
            Xori => "xori",
            Or => "or",
            Ori => "ori",
            And => "and",
            Andi => "andi",
            Slt => "slt",
            Slti => "slti",
            Sltu => "sltu",
            Sltiu => "sltiu",
            Mul => "mul",
            Mulhu => "mulhu",
            NoOp => "nop",
            MulI => "v.muli",
            ShrMul => "v.shr_mul",
            ShrMulI => "v.shr_muli",
            Pow2 => "v.pow2",
            ShrMultiplier => "v.shr_multiplier",
            SignMask => "v.sign_mask",
            Cneg => "v.cneg",
            Move => "v.move",
            Advice(AdviceKind::UnsignedQuotient) => "v.advice.uq",
            Advice(AdviceKind::UnsignedRemainder) => "v.advice.ur",
            Advice(AdviceKind::MagnitudeQuotient) => "v.advice.mq",
            Advice(AdviceKind::MagnitudeRemainder) => "v.advice.mr",
            AssertEq => "v.assert_eq",
            AssertEqI => "v.assert_eqi",
            AssertValidDiv0 => "v.assert_valid_div0",
            AssertValidUnsignedRemainder => "v.assert_valid_urem",
            AssertMulNoOverflow => "v.assert_mul_no_overflow",
            AssertAddNoOverflow => "v.assert_add_no_overflow",
            AssertHalfAligned => "v.assert_half_aligned",
            AlignWord => "v.align_word",
            ByteMultiplier => "v.byte_multiplier",
            HalfMultiplier => "v.half_multiplier",
            ByteLaneMask => "v.byte_lane_mask",
            HalfLaneMask => "v.half_lane_mask",
            ExtractByte => "v.extract_byte",
            ExtractByteSigned => "v.extract_byte_signed",
            ExtractHalf => "v.extract_half",
            ExtractHalfSigned => "v.extract_half_signed",
            ReplicateByte => "v.replicate_byte",
            ReplicateHalf => "v.replicate_half",
            WriteExitCode => "v.write_exit_code",
            WriteTerminationFlag => "v.write_termination_flag",
        }
    }
}

/// One row of the preprocessed bytecode: what one trace step executes.
///
/// Register fields are `0 … 31` (architectural) or `32 …` (virtual, see
/// [`virtual_register`]). `imm` is a full 32-bit word (for branches, the offset
/// `imm as i32`). `address` is the pc of the RISC-V instruction the row comes from; every row
/// of a sequence shares it, and the pc only advances after the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VirtualInstruction {
    /// What the row does.
    pub opcode: VirtualOpcode,
    /// Destination register (0 when the row writes none).
    pub rd: u8,
    /// First source register.
    pub rs1: u8,
    /// Second source register.
    pub rs2: u8,
    /// Immediate, as a 32-bit word.
    pub imm: u32,
    /// The pc of the RISC-V instruction this row implements.
    pub address: u32,
    /// `None` when the row is the whole instruction; `Some(k)` when it belongs to a virtual
    /// sequence of two or more rows and `k` rows of it follow this one.
    pub virtual_remaining: Option<u16>,
}

impl VirtualInstruction {
    /// Whether the pc advances after this row (it is the last row of its instruction).
    pub fn is_last(&self) -> bool {
        matches!(self.virtual_remaining, None | Some(0))
    }
}

impl core::fmt::Display for VirtualInstruction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let reg = |r: u8| {
            if is_virtual_register(r) {
                format!("v{}", r - NUM_ARCH_REGISTERS)
            } else {
                format!("x{r}")
            }
        };
        write!(
            f,
            "{} {}, {}, {}, {:#x}",
            self.opcode.mnemonic(),
            reg(self.rd),
            reg(self.rs1),
            reg(self.rs2),
            self.imm
        )
    }
}
