//! The virtual machine: load an RV32IM ELF, lay out its memory, run it, record its trace.
//!
//! - [`elf`]: parse and check a guest executable ([`ElfProgram`]).
//! - [`layout`]: the verifier-side [`MemoryLayout`] and the guest → witness address map.
//! - [`program`]: a loaded [`Program`] — ELF, layout and code decoded once.
//! - [`memory`]: guest [`Memory`] as one vector over the witness address space.
//! - [`fast`]: [`run`], the untraced interpreter (architectural instructions).
//! - [`elf_writer`]: write minimal ELF files (tests, tools).
pub mod elf;
pub mod elf_writer;
pub mod error;
pub mod fast;
pub mod layout;
pub mod memory;
pub mod program;
pub mod summary;

#[cfg(test)]
mod elf_tests;
#[cfg(test)]
mod guest_tests;
#[cfg(test)]
mod run_error_tests;

pub use elf::{ElfError, ElfProgram, Segment, Symbol};
pub use error::{AccessKind, ExecutionError, LoadError};
pub use fast::run;
pub use layout::{GuestRegion, LayoutConfig, LayoutError, MemoryLayout};
pub use memory::Memory;
pub use program::{CodeSlot, Program};
pub use summary::{RunOptions, RunSummary};

/// Virtual-register slots reserved in the witness address space, after x0..x31, for the
/// temporaries of virtual sequences (Jolt reserves the same number). The instruction
/// set's sequences must stay below it; a test checks that they do.
pub const NUM_VIRTUAL_REGISTERS: u32 = 32;
