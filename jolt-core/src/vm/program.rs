//! A loaded program: the parsed ELF, its memory layout and its pre-decoded code.

use instructions::{decode, DecodeError, Instruction};

use crate::vm::bytecode::Bytecode;
use crate::vm::elf::ElfProgram;
use crate::vm::error::LoadError;
use crate::vm::layout::{LayoutConfig, MemoryLayout};

/// One word of the code range, decoded once at load time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSlot {
    /// An RV32IM instruction.
    Instruction(Instruction),
    /// A word of an executable segment that is not RV32IM; executing it is an error.
    Illegal(DecodeError),
    /// A word between executable segments; jumping there is an error.
    NotCode,
}

/// A guest program ready to run: ELF, layout and decoded code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    elf: ElfProgram,
    layout: MemoryLayout,
    code_start: u32,
    code_end: u32,
    code: Vec<CodeSlot>,
    bytecode: Bytecode,
}

impl Program {
    /// Parses `elf_bytes` and lays the program out as `config` says.
    pub fn load(elf_bytes: &[u8], config: &LayoutConfig) -> Result<Self, LoadError> {
        let elf = ElfProgram::parse(elf_bytes)?;
        let layout = MemoryLayout::for_program(&elf, config)?;
        Program::new(elf, layout)
    }

    /// A program under a given layout (as the verifier's preprocessing fixes it).
    pub fn new(elf: ElfProgram, layout: MemoryLayout) -> Result<Self, LoadError> {
        layout.check_program(&elf)?;
        let executable = || elf.segments.iter().filter(|s| s.executable);
        // the ELF loader guarantees at least one executable segment (the entry's)
        let code_start = executable().map(|s| s.vaddr).min().unwrap_or(elf.entry);
        let code_end = executable()
            .map(|s| s.end() as u32)
            .max()
            .unwrap_or(elf.entry);
        let mut code = vec![CodeSlot::NotCode; (code_end - code_start).div_ceil(4) as usize];
        for segment in executable() {
            let first = ((segment.vaddr - code_start) / 4) as usize;
            let words = (segment.mem_size as usize).div_ceil(4);
            for (i, slot) in code[first..first + words].iter_mut().enumerate() {
                let bytes = |j: usize| segment.data.get(4 * i + j).copied().unwrap_or(0);
                let word = u32::from_le_bytes([bytes(0), bytes(1), bytes(2), bytes(3)]);
                *slot = match decode(word) {
                    Ok(inst) => CodeSlot::Instruction(inst),
                    Err(error) => CodeSlot::Illegal(error),
                };
            }
        }
        let bytecode = Bytecode::new(&code, code_start);
        Ok(Program {
            elf,
            layout,
            code_start,
            code_end,
            code,
            bytecode,
        })
    }

    /// The parsed ELF.
    pub fn elf(&self) -> &ElfProgram {
        &self.elf
    }

    /// The memory layout.
    pub fn layout(&self) -> &MemoryLayout {
        &self.layout
    }

    /// The first pc.
    pub fn entry(&self) -> u32 {
        self.elf.entry
    }

    /// `[start, end)` of the code: from the lowest to the highest executable address.
    pub fn code_range(&self) -> (u32, u32) {
        (self.code_start, self.code_end)
    }

    /// The decoded code, one slot per word from `code_range().0`.
    pub fn code(&self) -> &[CodeSlot] {
        &self.code
    }

    /// The expanded bytecode (preprocessing for the bytecode memory check).
    pub fn bytecode(&self) -> &Bytecode {
        &self.bytecode
    }

    /// Trace steps (bytecode rows executed) from per-slot execution counts.
    pub fn trace_steps(&self, counts: &[u64]) -> u64 {
        counts
            .iter()
            .enumerate()
            .map(|(slot, &count)| count * self.bytecode.sequence_length(slot) as u64)
            .sum()
    }

    /// The pc of code slot `index`.
    pub fn slot_pc(&self, index: usize) -> u32 {
        self.code_start + 4 * index as u32
    }

    /// Executed instructions per mnemonic from per-slot counts, most frequent first.
    pub fn instruction_mix(&self, counts: &[u64]) -> Vec<(&'static str, u64)> {
        let mut totals = std::collections::BTreeMap::<&'static str, u64>::new();
        for (slot, &count) in self.code.iter().zip(counts) {
            if let (CodeSlot::Instruction(inst), true) = (slot, count > 0) {
                *totals.entry(inst.opcode.mnemonic()).or_default() += count;
            }
        }
        let mut mix: Vec<_> = totals.into_iter().collect();
        mix.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        mix
    }
}
