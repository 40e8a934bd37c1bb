//! # `instructions`: RV32IM as a set of small lookups
//!
//! The instruction set, independent of any proof system (depends only on `ark-ff`):
//! - [`decode`]: 32-bit words ↔ typed [`Instruction`]s, with [`DecodeError`] naming why a word
//!   is not RV32IM.
//! - [`semantics`]: the reference semantics from the RISC-V unprivileged spec — the oracle
//!   for everything else.

pub mod decode;
pub mod semantics;

pub use decode::{decode, DecodeError, DecodeErrorKind, Format, Instruction, Opcode};
pub use semantics::{alu, branch_taken, execute, load_extend, Effect, MemoryOp, Trap, Width};
