//! Guest memory as one flat vector over the witness address space.
//!
//! Word `a` of [`Memory::words`] is witness address `a` (see [`crate::vm::layout`]):
//! registers, virtual registers, the I/O region, then RAM. Both execution paths use it:
//! the fast path keeps x0..x31 in a local array and writes them back at the end; the
//! tracer reads and writes registers here directly. [`Memory::translate`] turns a guest
//! byte address into a witness address and enforces the access rules of the guest ABI:
//!
//! | region | load | store |
//! |---|---|---|
//! | RAM, not code | yes | yes |
//! | RAM, executable segments | yes | no (read-only code) |
//! | input length, input | yes | no |
//! | output length, output | yes | yes |
//! | exit code, termination flag | no | no (the exit ecall writes them) |
//! | anything else | no | no |

use instructions::Width;

use crate::vm::error::{AccessKind, ExecutionError};
use crate::vm::layout::{GuestRegion, MemoryLayout};
use crate::vm::program::Program;

/// The machine's memory: every word of the witness address space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memory {
    /// Word `a` is witness address `a`.
    pub words: Vec<u32>,
    layout: MemoryLayout,
    ram_start: u32,
    code_offset: u32,
    code_len: u32,
}

impl Memory {
    /// The initial memory of `program` on `input`: zero registers except `sp` (x2) =
    /// top of stack, the input length and bytes, and the program image in RAM.
    pub fn initial(program: &Program, input: &[u8]) -> Result<Self, ExecutionError> {
        let layout = *program.layout();
        if input.len() > layout.max_input_bytes as usize {
            return Err(ExecutionError::InputTooLarge {
                len: input.len(),
                max: layout.max_input_bytes,
            });
        }
        let mut words = vec![0u32; layout.num_witness_words() as usize];
        words[2] = layout.stack_top();
        words[layout.io_start() as usize] = input.len() as u32;
        write_bytes(&mut words, layout.input_start() as usize * 4, input);
        let ram = layout.ram_start() as usize;
        for segment in &program.elf().segments {
            let offset = (segment.vaddr - layout.program_base) as usize;
            write_bytes(&mut words, ram * 4 + offset, &segment.data);
        }
        let (code_start, code_end) = program.code_range();
        Ok(Memory {
            words,
            layout,
            ram_start: layout.ram_start(),
            code_offset: code_start - layout.program_base,
            code_len: code_end - code_start,
        })
    }

    /// The layout this memory follows.
    pub fn layout(&self) -> &MemoryLayout {
        &self.layout
    }

    /// The witness address of the word holding guest byte `address`, after checking
    /// alignment and the access rules in the module docs. `pc` is only for errors.
    #[inline(always)]
    pub fn translate(
        &self,
        address: u32,
        width: Width,
        kind: AccessKind,
        pc: u32,
    ) -> Result<usize, ExecutionError> {
        if address & (width.bytes() - 1) != 0 {
            return Err(ExecutionError::MisalignedAccess {
                pc,
                address,
                width: width.bytes(),
                kind,
            });
        }
        let offset = address.wrapping_sub(self.layout.program_base);
        if offset < self.layout.memory_size {
            if kind == AccessKind::Store && offset.wrapping_sub(self.code_offset) < self.code_len {
                return Err(ExecutionError::ReadOnly {
                    pc,
                    address,
                    area: "code",
                });
            }
            return Ok((self.ram_start + offset / 4) as usize);
        }
        self.translate_io(address, width, kind, pc)
    }

    #[cold]
    fn translate_io(
        &self,
        address: u32,
        width: Width,
        kind: AccessKind,
        pc: u32,
    ) -> Result<usize, ExecutionError> {
        let Some((witness, region)) = self.layout.witness_address(address) else {
            return Err(ExecutionError::OutOfBounds {
                pc,
                address,
                width: width.bytes(),
                kind,
            });
        };
        match (region, kind) {
            (GuestRegion::ExitCode | GuestRegion::Termination, _) => {
                Err(ExecutionError::ReservedIo { pc, address, kind })
            }
            (GuestRegion::InputLen | GuestRegion::Input, AccessKind::Store) => {
                Err(ExecutionError::ReadOnly {
                    pc,
                    address,
                    area: "input",
                })
            }
            _ => Ok(witness as usize),
        }
    }

    /// Performs the halt of the exit ecall: writes the registers back, the exit code
    /// (a0) and the termination flag (1).
    pub fn halt(&mut self, registers: &[u32; 32]) {
        self.words[..32].copy_from_slice(registers);
        let exit = self.layout.exit_code_address() as usize;
        self.words[exit] = registers[10];
        let termination = self.layout.termination_address() as usize;
        self.words[termination] = 1;
    }

    /// The public output at halt: `output_len` bytes of the output region. Every byte of
    /// the region past `output_len` must be zero, so that the output bytes determine the
    /// whole region (which the proof's output check binds).
    pub fn output(&self) -> Result<Vec<u8>, ExecutionError> {
        let len = self.words[self.layout.output_len_address() as usize];
        if len > self.layout.max_output_bytes {
            return Err(ExecutionError::OutputTooLarge {
                len,
                max: self.layout.max_output_bytes,
            });
        }
        let start = self.layout.output_start() as usize;
        let words = &self.words[start..start + self.layout.output_words() as usize];
        let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        // the proof binds the whole output region, so the public output (zero-padded)
        // must determine it: nothing may remain past the declared length
        if let Some(offset) = bytes[len as usize..].iter().position(|&b| b != 0) {
            return Err(ExecutionError::OutputPastLength {
                len,
                offset: len + offset as u32,
            });
        }
        bytes.truncate(len as usize);
        Ok(bytes)
    }

    /// `len` bytes from guest address `address` (RAM or the I/O region), or `None` if
    /// any of them is outside the layout. For tools (dumping a symbol), not for guests:
    /// no access rules apply.
    pub fn read_bytes(&self, address: u32, len: u32) -> Option<Vec<u8>> {
        (0..len)
            .map(|i| {
                let a = address.checked_add(i)?;
                let (index, _) = self.layout.witness_address(a)?;
                Some((self.words[index as usize] >> (8 * (a & 3))) as u8)
            })
            .collect()
    }

    /// The exit code word.
    pub fn exit_code(&self) -> u32 {
        self.words[self.layout.exit_code_address() as usize]
    }

    /// The termination flag word (1 once the exit ecall ran).
    pub fn termination(&self) -> u32 {
        self.words[self.layout.termination_address() as usize]
    }
}

/// Writes `bytes` little-endian into `words` starting at byte offset `start`.
fn write_bytes(words: &mut [u32], start: usize, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        let at = start + i;
        let shift = 8 * (at % 4);
        words[at / 4] = (words[at / 4] & !(0xFF << shift)) | ((b as u32) << shift);
    }
}
