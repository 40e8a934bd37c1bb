//! The virtual machine: load an RV32IM ELF, lay out its memory, run it, record its trace.
//!
//! - [`elf`]: parse and check a guest executable ([`ElfProgram`]).
//! - [`layout`]: the verifier-side [`MemoryLayout`] and the guest → witness address map.
//! - [`elf_writer`]: write minimal ELF files (tests, tools).
pub mod elf;
pub mod elf_writer;
pub mod layout;

#[cfg(test)]
mod elf_tests;

pub use elf::{ElfError, ElfProgram, Segment, Symbol};
pub use layout::{GuestRegion, LayoutConfig, LayoutError, MemoryLayout};

/// Virtual-register slots reserved in the witness address space, after x0..x31, for the
/// temporaries of virtual sequences (Jolt reserves the same number). The instruction
/// set's sequences must stay below it; a test checks that they do.
pub const NUM_VIRTUAL_REGISTERS: u32 = 32;
