//! What each bytecode row does, as data: the contract between the rows, the emulator (which
//! executes it, see [`execute_row`](super::execute_row)) and the VM's R1CS (which enforces it).

use super::row::VirtualOpcode;
use crate::lookups::LookupId;

/// Where a lookup operand comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// The constant 0 (unused operand).
    Zero,
    /// The value of register `rs1`.
    Rs1,
    /// The value of register `rs2`.
    Rs2,
    /// The row's immediate.
    Imm,
    /// The row's address (the pc of the RISC-V instruction).
    Pc,
    /// A prover-chosen advice value (see [`AdviceKind`](super::AdviceKind)).
    Advice,
}

/// What the row writes to `rd`, and so how the R1CS binds the written value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RdValue {
    /// Nothing.
    None,
    /// The lookup output.
    LookupOutput,
    /// `pc + 4` (JAL, JALR): an explicit R1CS constraint (`pc` is a code address, so
    /// `pc + 4 < 2^32`).
    ReturnAddress,
    /// The word read from RAM (LW): an explicit R1CS constraint to the memory-checked value.
    RamValue,
}

/// The row's RAM operation (at most one word per step).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RamAccess {
    /// None.
    None,
    /// Read the word at byte address `rs1 + imm`. The R1CS forms the address over the
    /// integers (no wrap-around; the row's WORD_ALIGNED lookup checks `(rs1 + imm) mod 4 = 0`),
    /// so the VM's address translation must map it into the memory layout; an access whose
    /// address would wrap past `2^32` cannot be proven. Sub-word sequences only ever use
    /// `imm = 0` on an address from ALIGN_WORD, which already wrapped.
    LoadWord,
    /// Write `rs2` to the word at byte address `rs1 + imm` (address as for
    /// [`RamAccess::LoadWord`]).
    StoreWord,
    /// Write `rs2` to the exit-code word of the I/O region (a layout constant).
    StoreExitCode,
    /// Write 1 to the termination-flag word of the I/O region (a layout constant).
    StoreTerminationFlag,
}

/// How the pc moves after the row, when it is the last row of its instruction (earlier rows
/// of a sequence keep the pc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PcUpdate {
    /// `pc + 4`.
    Next,
    /// The lookup output (JAL, JALR).
    Jump,
    /// `pc + (imm as i32)` if the lookup output is 1, else `pc + 4` (branches). The R1CS
    /// computes the target over the integers with the sign-extended offset; a target outside
    /// the bytecode has no row to continue at.
    Branch,
    /// The program halts after this row.
    Halt,
}

/// The semantics of a row opcode: operands, lookup, register write, RAM access, pc update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowSpec {
    /// The lookup the row performs, if any.
    pub lookup: Option<LookupId>,
    /// The first lookup operand.
    pub x: Operand,
    /// The second lookup operand.
    pub y: Operand,
    /// Whether the lookup is an assertion: its output must be 1.
    pub assert: bool,
    /// What is written to `rd`.
    pub rd: RdValue,
    /// The RAM operation.
    pub ram: RamAccess,
    /// The pc update.
    pub pc: PcUpdate,
}

impl RowSpec {
    const fn compute(lookup: LookupId, x: Operand, y: Operand) -> RowSpec {
        RowSpec {
            lookup: Some(lookup),
            x,
            y,
            assert: false,
            rd: RdValue::LookupOutput,
            ram: RamAccess::None,
            pc: PcUpdate::Next,
        }
    }

    const fn assertion(lookup: LookupId, x: Operand, y: Operand) -> RowSpec {
        RowSpec {
            assert: true,
            rd: RdValue::None,
            ..RowSpec::compute(lookup, x, y)
        }
    }

    const fn branch(lookup: LookupId) -> RowSpec {
        RowSpec {
            rd: RdValue::None,
            pc: PcUpdate::Branch,
            ..RowSpec::compute(lookup, Operand::Rs1, Operand::Rs2)
        }
    }

    const fn no_lookup(ram: RamAccess, pc: PcUpdate) -> RowSpec {
        RowSpec {
            lookup: None,
            x: Operand::Zero,
            y: Operand::Zero,
            assert: false,
            rd: RdValue::None,
            ram,
            pc,
        }
    }
}

impl VirtualOpcode {
    /// The row's semantics.
    pub fn spec(self) -> RowSpec {
        use LookupId as L;
        use Operand::*;
        use VirtualOpcode::*;
        let rr = |l| RowSpec::compute(l, Rs1, Rs2);
        let ri = |l| RowSpec::compute(l, Rs1, Imm);
        let unary = |l| RowSpec::compute(l, Rs1, Zero);
        match self {
            Lui => RowSpec::compute(L::Identity, Imm, Zero),
            Auipc => RowSpec::compute(L::Add, Pc, Imm),
            Jal => RowSpec {
                rd: RdValue::ReturnAddress,
                pc: PcUpdate::Jump,
                ..RowSpec::compute(L::Add, Pc, Imm)
            },
            Jalr => RowSpec {
                rd: RdValue::ReturnAddress,
                pc: PcUpdate::Jump,
                ..ri(L::JalrTarget)
            },
            Beq => RowSpec::branch(L::Eq),
            Bne => RowSpec::branch(L::Ne),
            Blt => RowSpec::branch(L::Slt),
            Bge => RowSpec::branch(L::Ge),
            Bltu => RowSpec::branch(L::Sltu),
            Bgeu => RowSpec::branch(L::Geu),
            Lw => RowSpec {
                rd: RdValue::RamValue,
                ram: RamAccess::LoadWord,
                ..RowSpec::assertion(L::WordAligned, Rs1, Imm)
            },
            Sw => RowSpec {
                ram: RamAccess::StoreWord,
                ..RowSpec::assertion(L::WordAligned, Rs1, Imm)
            },
            Add => rr(L::Add),
            Addi => ri(L::Add),
            Sub => rr(L::Sub),
            Xor => rr(L::Xor),
            Xori => ri(L::Xor),
            Or => rr(L::Or),
            Ori => ri(L::Or),
            And => rr(L::And),
            Andi => ri(L::And),
            Slt => rr(L::Slt),
            Slti => ri(L::Slt),
            Sltu => rr(L::Sltu),
            Sltiu => ri(L::Sltu),
            Mul => rr(L::Mul),
            Mulhu => rr(L::Mulhu),
            NoOp => RowSpec::no_lookup(RamAccess::None, PcUpdate::Next),
            MulI => ri(L::Mul),
            ShrMul => rr(L::ShrMul),
            ShrMulI => ri(L::ShrMul),
            Pow2 => unary(L::Pow2),
            ShrMultiplier => unary(L::ShrMultiplier),
            SignMask => unary(L::SignMask),
            Cneg => rr(L::Cneg),
            Move => unary(L::Identity),
            VirtualOpcode::Advice(_) => RowSpec::compute(L::Identity, Operand::Advice, Zero),
            AssertEq => RowSpec::assertion(L::Eq, Rs1, Rs2),
            AssertEqI => RowSpec::assertion(L::Eq, Rs1, Imm),
            AssertValidDiv0 => RowSpec::assertion(L::ValidDiv0, Rs1, Rs2),
            AssertValidUnsignedRemainder => RowSpec::assertion(L::ValidUnsignedRemainder, Rs1, Rs2),
            AssertMulNoOverflow => RowSpec::assertion(L::MulNoOverflow, Rs1, Rs2),
            AssertAddNoOverflow => RowSpec::assertion(L::AddNoOverflow, Rs1, Rs2),
            AssertHalfAligned => RowSpec::assertion(L::HalfAligned, Rs1, Imm),
            AlignWord => ri(L::AlignWord),
            ByteMultiplier => ri(L::ByteMultiplier),
            HalfMultiplier => ri(L::HalfMultiplier),
            ByteLaneMask => ri(L::ByteLaneMask),
            HalfLaneMask => ri(L::HalfLaneMask),
            ExtractByte => rr(L::ExtractByte),
            ExtractByteSigned => rr(L::ExtractByteSigned),
            ExtractHalf => rr(L::ExtractHalf),
            ExtractHalfSigned => rr(L::ExtractHalfSigned),
            ReplicateByte => unary(L::ReplicateByte),
            ReplicateHalf => unary(L::ReplicateHalf),
            WriteExitCode => RowSpec::no_lookup(RamAccess::StoreExitCode, PcUpdate::Next),
            WriteTerminationFlag => {
                RowSpec::no_lookup(RamAccess::StoreTerminationFlag, PcUpdate::Halt)
            }
        }
    }
}
