//! Reference semantics of RV32IM, written from the RISC-V unprivileged specification
//! (chapters "RV32I Base Integer Instruction Set" and "M Extension"). This is the oracle every
//! lookup decomposition, virtual sequence and the emulator are tested against.
//!
//! Notable rules: shift amounts use the low 5 bits of the register (or the 5-bit immediate);
//! immediates are sign-extended; JALR clears bit 0 of the target; DIV/REM truncate toward zero,
//! the remainder takes the dividend's sign, `x / 0 = −1` (all ones), `x % 0 = x`,
//! `INT_MIN / −1 = INT_MIN` with remainder 0; MULH/MULHSU/MULHU return the upper 32 bits of
//! the 64-bit signed×signed, signed×unsigned and unsigned×unsigned products.

use crate::decode::{Instruction, Opcode};

/// The width of a memory access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Width {
    /// 1 byte.
    Byte,
    /// 2 bytes.
    Half,
    /// 4 bytes.
    Word,
}

impl Width {
    /// The size in bytes.
    pub fn bytes(self) -> u32 {
        match self {
            Width::Byte => 1,
            Width::Half => 2,
            Width::Word => 4,
        }
    }
}

/// The memory operation an instruction performs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryOp {
    /// No memory access.
    None,
    /// Read `width` bytes at `address`; `rd` receives [`load_extend`] of them.
    Load {
        /// Byte address `rs1 + imm`.
        address: u32,
        /// Access width.
        width: Width,
        /// Sign-extend (LB, LH) or zero-extend (LBU, LHU, LW).
        signed: bool,
    },
    /// Write the low `width` bytes of `value` at `address`.
    Store {
        /// Byte address `rs1 + imm`.
        address: u32,
        /// Access width.
        width: Width,
        /// The value of rs2.
        value: u32,
    },
}

/// An environment call or breakpoint: execution leaves the program's control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trap {
    /// ECALL.
    Ecall,
    /// EBREAK.
    Ebreak,
}

/// The architectural effect of one instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effect {
    /// The value written to `rd` (None for stores, branches, loads — whose value comes from
    /// memory — FENCE and traps). A write to x0 is still reported; the register file drops it.
    pub rd_value: Option<u32>,
    /// The next pc.
    pub next_pc: u32,
    /// The memory access.
    pub memory: MemoryOp,
    /// A trap, if the instruction is ECALL or EBREAK.
    pub trap: Option<Trap>,
}

/// `rd` value of a load: the low `width` bytes of `raw`, sign- or zero-extended.
pub fn load_extend(raw: u32, width: Width, signed: bool) -> u32 {
    match (width, signed) {
        (Width::Byte, true) => raw as u8 as i8 as i32 as u32,
        (Width::Byte, false) => raw & 0xff,
        (Width::Half, true) => raw as u16 as i16 as i32 as u32,
        (Width::Half, false) => raw & 0xffff,
        (Width::Word, _) => raw,
    }
}

/// The result of a register–register (or register–immediate) ALU operation `op(a, b)` for
/// every opcode that has one; `None` for the others.
pub fn alu(op: Opcode, a: u32, b: u32) -> Option<u32> {
    use Opcode::*;
    let (sa, sb) = (a as i32, b as i32);
    Some(match op {
        Add | Addi => a.wrapping_add(b),
        Sub => a.wrapping_sub(b),
        Sll | Slli => a << (b & 31),
        Srl | Srli => a >> (b & 31),
        Sra | Srai => (sa >> (b & 31)) as u32,
        Slt | Slti => (sa < sb) as u32,
        Sltu | Sltiu => (a < b) as u32,
        Xor | Xori => a ^ b,
        Or | Ori => a | b,
        And | Andi => a & b,
        Mul => a.wrapping_mul(b),
        Mulh => ((sa as i64 * sb as i64) >> 32) as u32,
        Mulhsu => ((sa as i64 * b as i64) >> 32) as u32,
        Mulhu => ((a as u64 * b as u64) >> 32) as u32,
        Div => {
            if b == 0 {
                u32::MAX
            } else if sa == i32::MIN && sb == -1 {
                a
            } else {
                (sa / sb) as u32
            }
        }
        Divu => a.checked_div(b).unwrap_or(u32::MAX),
        Rem => {
            if b == 0 {
                a
            } else if sa == i32::MIN && sb == -1 {
                0
            } else {
                (sa % sb) as u32
            }
        }
        Remu => a.checked_rem(b).unwrap_or(a),
        _ => return None,
    })
}

/// Whether a branch `op` is taken for operands `a = rs1`, `b = rs2`; `None` for non-branches.
pub fn branch_taken(op: Opcode, a: u32, b: u32) -> Option<bool> {
    use Opcode::*;
    Some(match op {
        Beq => a == b,
        Bne => a != b,
        Blt => (a as i32) < (b as i32),
        Bge => (a as i32) >= (b as i32),
        Bltu => a < b,
        Bgeu => a >= b,
        _ => return None,
    })
}

/// Executes `inst` at `pc` with register values `rs1 = x[rs1]`, `rs2 = x[rs2]`.
pub fn execute(inst: &Instruction, pc: u32, rs1: u32, rs2: u32) -> Effect {
    use Opcode::*;
    let imm = inst.imm as u32;
    let next = pc.wrapping_add(4);
    let plain = |rd_value: Option<u32>| Effect {
        rd_value,
        next_pc: next,
        memory: MemoryOp::None,
        trap: None,
    };
    let address = rs1.wrapping_add(imm);
    let load = |width, signed| Effect {
        rd_value: None,
        next_pc: next,
        memory: MemoryOp::Load {
            address,
            width,
            signed,
        },
        trap: None,
    };
    let store = |width| Effect {
        rd_value: None,
        next_pc: next,
        memory: MemoryOp::Store {
            address,
            width,
            value: rs2,
        },
        trap: None,
    };
    match inst.opcode {
        Lui => plain(Some(imm)),
        Auipc => plain(Some(pc.wrapping_add(imm))),
        Jal => Effect {
            rd_value: Some(next),
            next_pc: pc.wrapping_add(imm),
            memory: MemoryOp::None,
            trap: None,
        },
        Jalr => Effect {
            rd_value: Some(next),
            next_pc: rs1.wrapping_add(imm) & !1,
            memory: MemoryOp::None,
            trap: None,
        },
        Beq | Bne | Blt | Bge | Bltu | Bgeu => {
            let taken = branch_taken(inst.opcode, rs1, rs2).unwrap_or(false);
            Effect {
                rd_value: None,
                next_pc: if taken { pc.wrapping_add(imm) } else { next },
                memory: MemoryOp::None,
                trap: None,
            }
        }
        Lb => load(Width::Byte, true),
        Lh => load(Width::Half, true),
        Lw => load(Width::Word, false),
        Lbu => load(Width::Byte, false),
        Lhu => load(Width::Half, false),
        Sb => store(Width::Byte),
        Sh => store(Width::Half),
        Sw => store(Width::Word),
        Addi | Slti | Sltiu | Xori | Ori | Andi | Slli | Srli | Srai => {
            plain(alu(inst.opcode, rs1, imm))
        }
        Fence => plain(None),
        Ecall | Ebreak => Effect {
            rd_value: None,
            next_pc: next,
            memory: MemoryOp::None,
            trap: Some(if inst.opcode == Ecall {
                Trap::Ecall
            } else {
                Trap::Ebreak
            }),
        },
        _ => plain(alu(inst.opcode, rs1, rs2)),
    }
}
