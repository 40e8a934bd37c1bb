//! # `instructions`: RV32IM as a set of small lookups
//!
//! The instruction set, independent of any proof system (depends only on `ark-ff`):
//! - [`decode`](mod@decode): 32-bit words ↔ typed [`Instruction`]s, with [`DecodeError`] naming why a word
//!   is not RV32IM.
//! - [`semantics`]: the reference semantics from the RISC-V unprivileged spec — the oracle
//!   for everything else.
//! - [`params`]: the Lasso parameters `C` and `log M` ([`LookupParams`]) and how a row's
//!   operands become a lookup query ([`QueryKind`]).
//! - [`lookups`]: the lookup tables ([`LookupId`]), their specification, and their
//!   decompositions into subtables ([`LookupInstruction`]).
//! - [`sequences`]: bytecode rows ([`VirtualInstruction`]), what each does ([`RowSpec`]), the
//!   virtual sequences ([`expand`]) and an interpreter ([`run_sequence`], [`execute_row`]).
//! - [`introspection`]: per-instruction rows, lookups, subtables, `g` degrees as Markdown
//!   ([`introspection::explain`] for `jolt explain`, the committed
//!   `paper-notes/instructions-table.md`).
//! - [`subtables`]: the small tables ([`SubtableId`], trait [`Subtable`]) with entry and MLE
//!   formulas.
//! - [`testing`]: the generic subtable and decomposition checks the tests run, public so a new
//!   subtable or lookup defined outside the crate passes the same ones
//!   ([`testing::check_subtable`], [`testing::check_decomposition`]; see
//!   `jolt-core/examples/toy_instruction.rs`).

pub mod decode;
pub mod introspection;
pub mod lookups;
pub mod params;
pub mod semantics;
pub mod sequences;
pub mod subtables;
pub mod testing;

pub use decode::{decode, DecodeError, DecodeErrorKind, Format, Instruction, Opcode};
pub use lookups::{memories_in_use, subtables_in_use, LookupId, LookupInstruction};
pub use params::{LookupParams, ParamsError, QueryKind};
pub use semantics::{alu, branch_taken, execute, load_extend, Effect, MemoryOp, Trap, Width};
pub use sequences::{
    advice_value, execute_row, execute_row_with, expand, run_sequence, run_sequence_with,
    sequence_length, AdviceKind, Honest, NextPc, RamEvent, RegisterFile, Registers, RowError,
    RowOracle, RowSpec, RowStep, SequenceError, SequenceOutcome, VirtualInstruction, VirtualOpcode,
    WordMemory,
};
pub use subtables::{Subtable, SubtableId};
