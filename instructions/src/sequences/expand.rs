//! [`expand`]: a RISC-V instruction → its bytecode rows.

use super::row::{virtual_register, VirtualInstruction, VirtualOpcode};
use super::{memory, muldiv, shifts};
use crate::decode::{Instruction, Opcode};

/// The syscall number (in `a7`) of the exit `ecall`, the only one the VM supports.
pub const EXIT_SYSCALL: u32 = 93;
/// `a0`: the exit code register.
pub const REG_A0: u8 = 10;
/// `a7`: the syscall number register.
pub const REG_A7: u8 = 17;

/// Virtual registers as sequence temporaries.
pub(super) const V0: u8 = virtual_register(0);
pub(super) const V1: u8 = virtual_register(1);
pub(super) const V2: u8 = virtual_register(2);
pub(super) const V3: u8 = virtual_register(3);
pub(super) const V4: u8 = virtual_register(4);
pub(super) const V5: u8 = virtual_register(5);

/// Collects the rows of one instruction and numbers them.
pub(super) struct SequenceBuilder {
    address: u32,
    rows: Vec<VirtualInstruction>,
}

impl SequenceBuilder {
    pub(super) fn new(address: u32) -> Self {
        SequenceBuilder {
            address,
            rows: Vec::with_capacity(16),
        }
    }

    /// Appends `opcode rd, rs1, rs2, imm`.
    pub(super) fn row(
        &mut self,
        opcode: VirtualOpcode,
        rd: u8,
        rs1: u8,
        rs2: u8,
        imm: u32,
    ) -> &mut Self {
        self.rows.push(VirtualInstruction {
            opcode,
            rd,
            rs1,
            rs2,
            imm,
            address: self.address,
            virtual_remaining: None,
        });
        self
    }

    /// The rows, with `virtual_remaining` set when there are two or more.
    pub(super) fn finish(mut self) -> Vec<VirtualInstruction> {
        let n = self.rows.len();
        if n > 1 {
            for (i, row) in self.rows.iter_mut().enumerate() {
                row.virtual_remaining = Some((n - 1 - i) as u16);
            }
        }
        self.rows
    }
}

/// The bytecode rows that implement `inst` at pc `address`.
///
/// The expansion is static: it depends only on the instruction and its address, never on
/// register or memory values, so the bytecode can be preprocessed. Every sequence writes the
/// architectural `rd` only in its last row and touches no other architectural register, so
/// `rd` may alias `rs1`/`rs2`; temporaries live in virtual registers.
///
/// - single rows: LUI, AUIPC, JAL, JALR, branches, LW, SW, the register–register and
///   register–immediate ALU operations except shifts, MUL, MULHU, FENCE (a no-op);
/// - shifts as products with powers of two ([`shifts`](super::shifts));
/// - LB/LBU/LH/LHU/SB/SH through aligned word access ([`memory`](super::memory));
/// - MULH, MULHSU, DIV, DIVU, REM, REMU ([`muldiv`](super::muldiv));
/// - ECALL: assert `a7 = 93`, write `a0` to the exit-code word, set the termination flag and
///   halt (DESIGN §5: the only supported ecall);
/// - EBREAK: a row asserting `x0 = 1`, which no valid trace can execute.
pub fn expand(inst: &Instruction, address: u32) -> Vec<VirtualInstruction> {
    use Opcode as O;
    use VirtualOpcode as V;
    let (rd, rs1, rs2, imm) = (inst.rd, inst.rs1, inst.rs2, inst.imm as u32);
    let mut seq = SequenceBuilder::new(address);
    let single = |op: VirtualOpcode, rd: u8, rs2: u8| {
        let mut seq = SequenceBuilder::new(address);
        seq.row(op, rd, rs1, rs2, imm);
        seq.finish()
    };
    match inst.opcode {
        O::Lui => single(V::Lui, rd, 0),
        O::Auipc => single(V::Auipc, rd, 0),
        O::Jal => single(V::Jal, rd, 0),
        O::Jalr => single(V::Jalr, rd, 0),
        O::Beq => single(V::Beq, 0, rs2),
        O::Bne => single(V::Bne, 0, rs2),
        O::Blt => single(V::Blt, 0, rs2),
        O::Bge => single(V::Bge, 0, rs2),
        O::Bltu => single(V::Bltu, 0, rs2),
        O::Bgeu => single(V::Bgeu, 0, rs2),
        O::Lw => single(V::Lw, rd, 0),
        O::Sw => single(V::Sw, 0, rs2),
        O::Addi => single(V::Addi, rd, 0),
        O::Slti => single(V::Slti, rd, 0),
        O::Sltiu => single(V::Sltiu, rd, 0),
        O::Xori => single(V::Xori, rd, 0),
        O::Ori => single(V::Ori, rd, 0),
        O::Andi => single(V::Andi, rd, 0),
        O::Add => single(V::Add, rd, rs2),
        O::Sub => single(V::Sub, rd, rs2),
        O::Slt => single(V::Slt, rd, rs2),
        O::Sltu => single(V::Sltu, rd, rs2),
        O::Xor => single(V::Xor, rd, rs2),
        O::Or => single(V::Or, rd, rs2),
        O::And => single(V::And, rd, rs2),
        O::Mul => single(V::Mul, rd, rs2),
        O::Mulhu => single(V::Mulhu, rd, rs2),
        O::Fence => {
            seq.row(V::NoOp, 0, 0, 0, 0);
            seq.finish()
        }
        O::Lb | O::Lbu | O::Lh | O::Lhu => {
            memory::load(&mut seq, inst.opcode, rd, rs1, imm);
            seq.finish()
        }
        O::Sb | O::Sh => {
            memory::store(&mut seq, inst.opcode, rs1, rs2, imm);
            seq.finish()
        }
        O::Slli | O::Srli | O::Srai | O::Sll | O::Srl | O::Sra => {
            shifts::shift(&mut seq, inst.opcode, rd, rs1, rs2, imm);
            seq.finish()
        }
        O::Mulh | O::Mulhsu | O::Div | O::Divu | O::Rem | O::Remu => {
            muldiv::expand(&mut seq, inst.opcode, rd, rs1, rs2);
            seq.finish()
        }
        O::Ecall => {
            seq.row(V::AssertEqI, 0, REG_A7, 0, EXIT_SYSCALL)
                .row(V::WriteExitCode, 0, 0, REG_A0, 0)
                .row(V::WriteTerminationFlag, 0, 0, 0, 0);
            seq.finish()
        }
        O::Ebreak => {
            seq.row(V::AssertEqI, 0, 0, 0, 1);
            seq.finish()
        }
    }
}

/// The number of rows [`expand`] gives for `opcode` (the same for every operand choice).
pub fn sequence_length(opcode: Opcode) -> usize {
    let inst = Instruction {
        opcode,
        rd: 1,
        rs1: 2,
        rs2: 3,
        imm: 0,
    };
    expand(&inst, 0).len()
}
