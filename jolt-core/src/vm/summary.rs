//! What a run reports: exit code, output, cycle counts and instruction mix.

use crate::vm::memory::Memory;

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Stop with [`ExecutionError::CycleLimit`](crate::vm::ExecutionError::CycleLimit)
    /// once this many RISC-V instructions ran without halting.
    pub max_cycles: u64,
}

impl Default for RunOptions {
    /// A limit of 2^32 instructions (about a minute of emulation).
    fn default() -> Self {
        RunOptions {
            max_cycles: 1 << 32,
        }
    }
}

/// The outcome of a run that reached its halting ecall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// The exit code (a0 at the halting ecall).
    pub exit_code: u32,
    /// The public output bytes.
    pub output: Vec<u8>,
    /// RISC-V instructions executed, the halting ecall included.
    pub instructions: u64,
    /// Trace steps after virtual expansion (bytecode rows executed; before padding).
    pub trace_steps: u64,
    /// Executed instructions per mnemonic, most frequent first (ties by name).
    pub instruction_mix: Vec<(&'static str, u64)>,
    /// x0..x31 at the halting ecall.
    pub registers: [u32; 32],
    /// The whole memory at the halt (witness address space), e.g. to dump a symbol.
    pub final_memory: Memory,
}
