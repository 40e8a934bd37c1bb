//! The virtual instruction set: bytecode rows, the expansion of RISC-V instructions into them
//! (virtual sequences), what each row does, and an interpreter.
//!
//! One trace step executes one row. A row has one lookup (or none), reads `rs1` and `rs2`,
//! writes at most `rd`, and performs at most one aligned word RAM operation (DESIGN §4).
//! Instructions that do not fit — sub-word memory access, shifts, MULH/MULHSU, division, the
//! exit ECALL — become short sequences over virtual registers ([`expand`]). Every value a row
//! writes to a register is a lookup output (`< 2^32` by construction), `pc + 4`, or a RAM word;
//! every RAM word is an initial word or a register value. So all register and RAM values stay
//! below `2^32`, which the operand decompositions rely on.

mod advice;
mod expand;
mod interpreter;
pub mod memory;
pub mod muldiv;
mod row;
pub mod shifts;
mod spec;

pub use advice::{advice_value, AdviceKind};
pub use expand::{expand, sequence_length, EXIT_SYSCALL, REG_A0, REG_A7};
pub use interpreter::{
    execute_row, execute_row_with, run_sequence, run_sequence_with, Honest, NextPc, RamEvent,
    RegisterFile, Registers, RowError, RowOracle, RowStep, SequenceError, SequenceOutcome,
    WordMemory,
};
pub use row::{
    is_virtual_register, virtual_register, VirtualInstruction, VirtualOpcode, NUM_ARCH_REGISTERS,
    NUM_VIRTUAL_REGISTERS,
};
pub use spec::{Operand, PcUpdate, RamAccess, RdValue, RowSpec};
