//! The preprocessed bytecode: every instruction of the program expanded into its rows.
//!
//! `instructions::expand` turns each RISC-V instruction into one or more
//! [`VirtualInstruction`] rows (virtual sequences for sub-word memory access, shifts,
//! MULH/MULHSU, division and the exit ecall). The expansion is static — it depends only
//! on the instruction word and its pc — so the table is fixed by the program and both
//! prover and verifier can compute it. Rows are stored in pc order; code slot `s` (the
//! word at `code_start + 4s`) owns rows `[starts[s], starts[s + 1])`. Words that are not
//! RV32IM own no rows: executing them is an emulator error, not a trace step.

use instructions::{expand, VirtualInstruction};

use crate::vm::program::CodeSlot;

/// The expanded program: the read-only table the bytecode memory check is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bytecode {
    rows: Vec<VirtualInstruction>,
    starts: Vec<u32>,
}

impl Bytecode {
    /// Expands every decoded instruction of `code` (slot `s` at pc `code_start + 4s`).
    pub fn new(code: &[CodeSlot], code_start: u32) -> Self {
        let mut rows = Vec::with_capacity(code.len());
        let mut starts = Vec::with_capacity(code.len() + 1);
        for (s, slot) in code.iter().enumerate() {
            starts.push(rows.len() as u32);
            if let CodeSlot::Instruction(inst) = slot {
                rows.extend(expand(inst, code_start + 4 * s as u32));
            }
        }
        starts.push(rows.len() as u32);
        Bytecode { rows, starts }
    }

    /// All rows, in pc order (then sequence order).
    pub fn rows(&self) -> &[VirtualInstruction] {
        &self.rows
    }

    /// The index in [`Bytecode::rows`] of the first row of code slot `slot`.
    pub fn first_row(&self, slot: usize) -> u32 {
        self.starts[slot]
    }

    /// The rows of code slot `slot` (empty for words that are not instructions).
    pub fn rows_of(&self, slot: usize) -> &[VirtualInstruction] {
        &self.rows[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }

    /// Number of rows of code slot `slot`: the trace steps one execution of it takes.
    pub fn sequence_length(&self, slot: usize) -> u32 {
        self.starts[slot + 1] - self.starts[slot]
    }
}
