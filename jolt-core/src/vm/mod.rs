//! The virtual machine: load an RV32IM ELF, lay out its memory, run it, record its trace.
//!
//! - [`elf`]: parse and check a guest executable ([`ElfProgram`]).
//! - [`layout`]: the verifier-side [`MemoryLayout`] and the guest → witness address map.
//! - [`program`]: a loaded [`Program`] — ELF, layout and code decoded once.
//! - [`memory`]: guest [`Memory`] as one vector over the witness address space.
//! - [`bytecode`]: the program expanded into rows ([`Bytecode`]), one row per trace step.
//! - [`fast`]: [`run`], the untraced interpreter (architectural instructions).
//! - [`mod@trace`]: [`trace()`], the tracer: one [`TraceStep`] per executed row.
//! - [`elf_writer`]: write minimal ELF files (tests, tools).
pub mod bytecode;
pub mod elf;
pub mod elf_writer;
pub mod error;
pub mod fast;
pub mod layout;
pub mod memory;
pub mod program;
pub mod summary;
pub mod trace;

#[cfg(test)]
mod elf_tests;
#[cfg(test)]
mod guest_tests;
#[cfg(test)]
mod run_error_tests;
#[cfg(test)]
mod trace_tests;

pub use bytecode::Bytecode;
pub use elf::{ElfError, ElfProgram, Segment, Symbol};
pub use error::{AccessKind, ExecutionError, LoadError};
pub use fast::run;
pub use layout::{GuestRegion, LayoutConfig, LayoutError, MemoryLayout, RegionMap};
pub use memory::Memory;
pub use program::{CodeSlot, Program};
pub use summary::{RunOptions, RunSummary};
pub use trace::{trace, RamOp, RamOpKind, Trace, TraceStep};

/// Virtual registers in the witness address space, after x0..x31: the temporaries of
/// the `instructions` crate's virtual sequences.
pub const NUM_VIRTUAL_REGISTERS: u32 = instructions::sequences::NUM_VIRTUAL_REGISTERS as u32;
