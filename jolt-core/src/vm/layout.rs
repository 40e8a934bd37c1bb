//! The memory layout: where guest addresses live and how they map into the one compact
//! *witness address space* that the memory-checking argument works over.
//!
//! ## Guest address space (bytes)
//!
//! ```text
//! 0x0000_0000 ┬ reserved: stands for the registers (unaddressable; catches null pointers)
//! 0x0010_0000 ┼ I/O window
//!             │   0x0010_0000  input length (u32, read-only)
//!             │   0x0010_0004  input bytes (read-only, max_input_bytes)
//!             │   0x0018_0000  output length (u32, set by the guest)
//!             │   0x0018_0004  output bytes (max_output_bytes)
//!             │   0x001F_FFF8  exit code        (written only by the halting ecall)
//!             │   0x001F_FFFC  termination flag (written only by the halting ecall)
//! 0x0020_0000 ┼ lowest address a program may be linked at
//!     ...     │
//! program_base┼ RAM: program image (text, rodata, data, bss), heap, then the stack,
//!             │      memory_size bytes; sp starts at program_base + memory_size
//! ```
//!
//! ## Witness address space (words)
//!
//! Memory checking is over words, one address per word, laid out densely so its size is
//! proportional to what the program uses, not to 2^32:
//!
//! ```text
//! [0, 32)                    x0..x31
//! [32, 32 + V)               virtual registers used by virtual sequences
//! io_start                   input length word
//! io_start + 1 ..            ⌈max_input_bytes / 4⌉ input words
//! output_len                 output length word
//! output_len + 1 ..          ⌈max_output_bytes / 4⌉ output words
//! exit_code, termination     one word each
//! ram_start ..               memory_size / 4 RAM words (guest program_base upwards)
//! ```
//!
//! ## The map is linear per region
//!
//! Guest loads and stores reach three regions, and within each the map is affine:
//! `witness = witness_base + (addr − guest_base) / 4` ([`MemoryLayout::guest_regions`]):
//! input (length word + input words, read-only), output (length word + output words) and
//! RAM. So a constraint system can bind a step's witness address to `rs1 + imm` with a
//! one-hot choice of three regions and a range check of the offset. The exit code and
//! termination words are written only by the exit sequence's rows, whose witness
//! addresses are layout constants; no guest address reaches them.
//!
//! A [`MemoryLayout`] is a *verifier-side* parameter set, fixed by preprocessing from
//! the ELF and a [`LayoutConfig`]; a proof never carries it.

use thiserror::Error;

use crate::vm::elf::ElfProgram;

/// Page size: program bases and [`MemoryLayout::for_program`]'s sizes are multiples of it.
pub const PAGE_SIZE: u32 = 4096;
/// Start of the I/O window; everything below it is reserved for the registers.
pub const IO_START: u32 = 0x0010_0000;
/// Guest address of the input length word.
pub const INPUT_LEN_ADDR: u32 = IO_START;
/// Guest address of the first input byte.
pub const INPUT_ADDR: u32 = IO_START + 4;
/// Guest address of the output length word.
pub const OUTPUT_LEN_ADDR: u32 = 0x0018_0000;
/// Guest address of the first output byte.
pub const OUTPUT_ADDR: u32 = OUTPUT_LEN_ADDR + 4;
/// Guest address of the exit code word (not accessible to loads and stores).
pub const EXIT_CODE_ADDR: u32 = 0x001F_FFF8;
/// Guest address of the termination flag word (not accessible to loads and stores).
pub const TERMINATION_ADDR: u32 = 0x001F_FFFC;
/// End of the I/O window: the lowest address a program may be loaded at.
pub const IO_END: u32 = 0x0020_0000;
/// The most input bytes the I/O window can hold.
pub const INPUT_CAPACITY: u32 = OUTPUT_LEN_ADDR - INPUT_ADDR;
/// The most output bytes the I/O window can hold.
pub const OUTPUT_CAPACITY: u32 = EXIT_CODE_ADDR - OUTPUT_ADDR;
/// Number of architectural registers (x0..x31).
pub const NUM_REGISTERS: u32 = 32;
/// The syscall number (in a7) of the halting `ecall`.
pub const EXIT_SYSCALL: u32 = 93;

/// Why a layout is invalid or does not fit a program.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LayoutError {
    /// `program_base` is not page-aligned.
    #[error("program base {base:#010x} is not a multiple of the page size ({PAGE_SIZE:#x})")]
    MisalignedBase {
        /// The base.
        base: u32,
    },
    /// `program_base` lies in the reserved register/I-O area.
    #[error("program base {base:#010x} lies below {IO_END:#010x} (reserved registers and I/O)")]
    BaseInReservedArea {
        /// The base.
        base: u32,
    },
    /// A size is not a multiple of 16 (the stack alignment of the RISC-V psABI).
    #[error("{what} {value:#x} is not a multiple of 16")]
    MisalignedSize {
        /// Which size.
        what: &'static str,
        /// Its value.
        value: u32,
    },
    /// RAM would run to or past 2^32.
    #[error("memory [{base:#010x}, +{size:#x}) does not end below 2^32")]
    MemoryPast4GiB {
        /// The base.
        base: u32,
        /// The memory size.
        size: u64,
    },
    /// The stack is larger than the whole memory.
    #[error("stack size {stack:#x} exceeds memory size {memory:#x}")]
    StackLargerThanMemory {
        /// Stack size.
        stack: u32,
        /// Memory size.
        memory: u32,
    },
    /// `max_input_bytes` exceeds the I/O window.
    #[error("max_input_bytes {requested} exceeds the input window ({INPUT_CAPACITY} bytes)")]
    InputLimitTooLarge {
        /// The configured limit.
        requested: u32,
    },
    /// `max_output_bytes` exceeds the I/O window.
    #[error("max_output_bytes {requested} exceeds the output window ({OUTPUT_CAPACITY} bytes)")]
    OutputLimitTooLarge {
        /// The configured limit.
        requested: u32,
    },
    /// The program image does not fit below the stack.
    #[error("program image [{image_start:#010x}, {image_end:#010x}) does not fit in memory [{base:#010x}, {stack_bottom:#010x}) below the stack")]
    ProgramTooLarge {
        /// Lowest loaded address.
        image_start: u32,
        /// One past the highest loaded address.
        image_end: u64,
        /// The program base.
        base: u32,
        /// The lowest stack address: the image must end at or below it.
        stack_bottom: u32,
    },
}

/// User-facing knobs from which [`MemoryLayout::for_program`] derives a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutConfig {
    /// Total RAM bytes (image + heap + stack); `None`: image rounded up to pages, plus
    /// `heap_size` and `stack_size`.
    pub memory_size: Option<u32>,
    /// Bytes between the image and the stack when `memory_size` is `None`.
    pub heap_size: u32,
    /// Stack bytes at the top of RAM.
    pub stack_size: u32,
    /// Most public input bytes.
    pub max_input_bytes: u32,
    /// Most public output bytes.
    pub max_output_bytes: u32,
}

impl Default for LayoutConfig {
    /// 32 KiB stack, no extra heap, 4 KiB of input and of output.
    fn default() -> Self {
        LayoutConfig {
            memory_size: None,
            heap_size: 0,
            stack_size: 32 * 1024,
            max_input_bytes: 4096,
            max_output_bytes: 4096,
        }
    }
}

/// What a guest address refers to (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestRegion {
    /// The input length word (read-only).
    InputLen,
    /// An input word (read-only).
    Input,
    /// The output length word.
    OutputLen,
    /// An output word.
    Output,
    /// The exit code word (halting ecall only).
    ExitCode,
    /// The termination flag word (halting ecall only).
    Termination,
    /// Program image, heap or stack.
    Ram,
}

/// One guest-addressable region and its affine map into the witness address space:
/// guest byte address `guest_base + 4k` (k < `words`) is witness address `witness_base + k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionMap {
    /// Which region.
    pub region: GuestRegion,
    /// First guest byte address (word-aligned).
    pub guest_base: u32,
    /// Witness address of the first word.
    pub witness_base: u32,
    /// Number of words.
    pub words: u32,
    /// Whether guest stores may write it.
    pub writable: bool,
}

/// The verifier-side memory parameters, and the guest → witness address map they imply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MemoryLayout {
    /// Lowest RAM address (page-aligned, ≥ [`IO_END`]).
    pub program_base: u32,
    /// RAM bytes from `program_base` (multiple of 16); RAM ends below 2^32.
    pub memory_size: u32,
    /// Stack bytes at the top of RAM (multiple of 16, ≤ `memory_size`).
    pub stack_size: u32,
    /// Most public input bytes (≤ [`INPUT_CAPACITY`]).
    pub max_input_bytes: u32,
    /// Most public output bytes (≤ [`OUTPUT_CAPACITY`]).
    pub max_output_bytes: u32,
    /// Virtual registers in the witness address space (fixed by the instruction set).
    pub num_virtual_registers: u32,
}

impl MemoryLayout {
    /// Validates a layout given explicitly (as a verifier would receive it).
    pub fn new(
        program_base: u32,
        memory_size: u32,
        stack_size: u32,
        max_input_bytes: u32,
        max_output_bytes: u32,
    ) -> Result<Self, LayoutError> {
        if !program_base.is_multiple_of(PAGE_SIZE) {
            return Err(LayoutError::MisalignedBase { base: program_base });
        }
        if program_base < IO_END {
            return Err(LayoutError::BaseInReservedArea { base: program_base });
        }
        for (what, value) in [("memory size", memory_size), ("stack size", stack_size)] {
            if !value.is_multiple_of(16) {
                return Err(LayoutError::MisalignedSize { what, value });
            }
        }
        if program_base as u64 + memory_size as u64 >= 1 << 32 {
            return Err(LayoutError::MemoryPast4GiB {
                base: program_base,
                size: memory_size as u64,
            });
        }
        if stack_size > memory_size {
            return Err(LayoutError::StackLargerThanMemory {
                stack: stack_size,
                memory: memory_size,
            });
        }
        if max_input_bytes > INPUT_CAPACITY {
            return Err(LayoutError::InputLimitTooLarge {
                requested: max_input_bytes,
            });
        }
        if max_output_bytes > OUTPUT_CAPACITY {
            return Err(LayoutError::OutputLimitTooLarge {
                requested: max_output_bytes,
            });
        }
        Ok(MemoryLayout {
            program_base,
            memory_size,
            stack_size,
            max_input_bytes,
            max_output_bytes,
            num_virtual_registers: crate::vm::NUM_VIRTUAL_REGISTERS,
        })
    }

    /// The layout preprocessing chooses for `program`: the base is the program's lowest
    /// address rounded down to a page; without an explicit `memory_size`, RAM is the
    /// image rounded up to pages plus heap and stack (each rounded up to pages).
    pub fn for_program(program: &ElfProgram, config: &LayoutConfig) -> Result<Self, LayoutError> {
        let base = program.image_start() / PAGE_SIZE * PAGE_SIZE;
        let memory_size = match config.memory_size {
            Some(size) => size,
            None => {
                let round = |x: u64| x.div_ceil(PAGE_SIZE as u64) * PAGE_SIZE as u64;
                let total = round(program.image_end() - base as u64)
                    + round(config.heap_size as u64)
                    + round(config.stack_size as u64);
                u32::try_from(total)
                    .map_err(|_| LayoutError::MemoryPast4GiB { base, size: total })?
            }
        };
        let layout = MemoryLayout::new(
            base,
            memory_size,
            config.stack_size,
            config.max_input_bytes,
            config.max_output_bytes,
        )?;
        layout.check_program(program)?;
        Ok(layout)
    }

    /// Checks that every segment of `program` lies in `[program_base, stack_bottom)`.
    pub fn check_program(&self, program: &ElfProgram) -> Result<(), LayoutError> {
        let (start, end) = (program.image_start(), program.image_end());
        if start < self.program_base || end > self.stack_bottom() as u64 {
            return Err(LayoutError::ProgramTooLarge {
                image_start: start,
                image_end: end,
                base: self.program_base,
                stack_bottom: self.stack_bottom(),
            });
        }
        Ok(())
    }

    /// One past the last RAM byte; also the initial `sp`.
    pub fn stack_top(&self) -> u32 {
        self.program_base + self.memory_size
    }

    /// The lowest stack address.
    pub fn stack_bottom(&self) -> u32 {
        self.stack_top() - self.stack_size
    }

    /// Number of register words in the witness space: 32 + virtual registers.
    pub fn num_register_words(&self) -> u32 {
        NUM_REGISTERS + self.num_virtual_registers
    }

    /// Witness address of the input length word, the first word of the I/O region.
    pub fn io_start(&self) -> u32 {
        self.num_register_words()
    }

    /// Input words in the witness space: ⌈max_input_bytes / 4⌉.
    pub fn input_words(&self) -> u32 {
        self.max_input_bytes.div_ceil(4)
    }

    /// Output words in the witness space: ⌈max_output_bytes / 4⌉.
    pub fn output_words(&self) -> u32 {
        self.max_output_bytes.div_ceil(4)
    }

    /// Witness address of the first input word.
    pub fn input_start(&self) -> u32 {
        self.io_start() + 1
    }

    /// Witness address of the output length word.
    pub fn output_len_address(&self) -> u32 {
        self.input_start() + self.input_words()
    }

    /// Witness address of the first output word.
    pub fn output_start(&self) -> u32 {
        self.output_len_address() + 1
    }

    /// Witness address of the exit code word.
    pub fn exit_code_address(&self) -> u32 {
        self.output_start() + self.output_words()
    }

    /// Witness address of the termination flag word.
    pub fn termination_address(&self) -> u32 {
        self.exit_code_address() + 1
    }

    /// Witness address of the first RAM word (guest address `program_base`); also one
    /// past the I/O region.
    pub fn ram_start(&self) -> u32 {
        self.termination_address() + 1
    }

    /// Number of RAM words.
    pub fn ram_words(&self) -> u32 {
        self.memory_size / 4
    }

    /// Size of the whole witness address space in words (before any power-of-two
    /// padding, which is the prover's business).
    pub fn num_witness_words(&self) -> u32 {
        self.ram_start() + self.ram_words()
    }

    /// The three guest-addressable regions with their affine witness maps: input (the
    /// length word, then the input words; read-only), output (the length word, then the
    /// output words) and RAM. [`MemoryLayout::witness_address`] agrees with them.
    pub fn guest_regions(&self) -> [RegionMap; 3] {
        [
            RegionMap {
                region: GuestRegion::Input,
                guest_base: INPUT_LEN_ADDR,
                witness_base: self.io_start(),
                words: 1 + self.input_words(),
                writable: false,
            },
            RegionMap {
                region: GuestRegion::Output,
                guest_base: OUTPUT_LEN_ADDR,
                witness_base: self.output_len_address(),
                words: 1 + self.output_words(),
                writable: true,
            },
            RegionMap {
                region: GuestRegion::Ram,
                guest_base: self.program_base,
                witness_base: self.ram_start(),
                words: self.ram_words(),
                writable: true,
            },
        ]
    }

    /// Maps the word containing guest byte address `addr` (any alignment) to its
    /// witness address and region, or `None` when no word of the layout is there.
    #[inline]
    pub fn witness_address(&self, addr: u32) -> Option<(u32, GuestRegion)> {
        let ram_offset = addr.wrapping_sub(self.program_base);
        if ram_offset < self.memory_size {
            return Some((self.ram_start() + ram_offset / 4, GuestRegion::Ram));
        }
        self.io_witness_address(addr)
    }

    fn io_witness_address(&self, addr: u32) -> Option<(u32, GuestRegion)> {
        let word = addr & !3;
        if word == INPUT_LEN_ADDR {
            return Some((self.io_start(), GuestRegion::InputLen));
        }
        if word == OUTPUT_LEN_ADDR {
            return Some((self.output_len_address(), GuestRegion::OutputLen));
        }
        if word == EXIT_CODE_ADDR {
            return Some((self.exit_code_address(), GuestRegion::ExitCode));
        }
        if word == TERMINATION_ADDR {
            return Some((self.termination_address(), GuestRegion::Termination));
        }
        let input_index = word.wrapping_sub(INPUT_ADDR) / 4;
        if word >= INPUT_ADDR && input_index < self.input_words() {
            return Some((self.input_start() + input_index, GuestRegion::Input));
        }
        let output_index = word.wrapping_sub(OUTPUT_ADDR) / 4;
        if word >= OUTPUT_ADDR && output_index < self.output_words() {
            return Some((self.output_start() + output_index, GuestRegion::Output));
        }
        None
    }

    /// The I/O region `[io_start, ram_start)` as the public values determine it: input
    /// length and words, output length and words (zero-padded to `max_output_bytes`),
    /// the exit code and the termination flag (1). This is what the verifier's output
    /// check compares the final memory's I/O region with (and, with the output part and
    /// exit code zeroed and no termination, the I/O part of the initial memory).
    /// `None` when the input or output exceeds the layout's limits.
    pub fn io_words(
        &self,
        input: &[u8],
        output: &[u8],
        exit_code: u32,
        terminated: bool,
    ) -> Option<Vec<u32>> {
        if input.len() > self.max_input_bytes as usize
            || output.len() > self.max_output_bytes as usize
        {
            return None;
        }
        let mut words = vec![0u32; (self.ram_start() - self.io_start()) as usize];
        let pack = |dst: &mut [u32], bytes: &[u8]| {
            for (i, chunk) in bytes.chunks(4).enumerate() {
                let mut w = [0u8; 4];
                w[..chunk.len()].copy_from_slice(chunk);
                dst[i] = u32::from_le_bytes(w);
            }
        };
        let at = |a: u32| (a - self.io_start()) as usize;
        words[at(self.io_start())] = input.len() as u32;
        pack(&mut words[at(self.input_start())..], input);
        words[at(self.output_len_address())] = output.len() as u32;
        pack(&mut words[at(self.output_start())..], output);
        words[at(self.exit_code_address())] = exit_code;
        words[at(self.termination_address())] = terminated as u32;
        Some(words)
    }

    /// The guest byte address of witness word `address`, for the I/O region and RAM
    /// (`None` for registers and addresses past the end).
    pub fn guest_address(&self, address: u32) -> Option<u32> {
        let io = self.io_start();
        if address < io || address >= self.num_witness_words() {
            return None;
        }
        Some(if address >= self.ram_start() {
            self.program_base + (address - self.ram_start()) * 4
        } else if address == io {
            INPUT_LEN_ADDR
        } else if address < self.output_len_address() {
            INPUT_ADDR + (address - self.input_start()) * 4
        } else if address == self.output_len_address() {
            OUTPUT_LEN_ADDR
        } else if address < self.exit_code_address() {
            OUTPUT_ADDR + (address - self.output_start()) * 4
        } else if address == self.exit_code_address() {
            EXIT_CODE_ADDR
        } else {
            TERMINATION_ADDR
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> MemoryLayout {
        MemoryLayout::new(0x0020_0000, 0x10000, 0x4000, 100, 64).unwrap()
    }

    #[test]
    fn witness_regions_are_dense_and_ordered() {
        let l = layout();
        assert_eq!(l.io_start(), 32 + l.num_virtual_registers);
        assert_eq!(l.input_words(), 25);
        assert_eq!(l.output_len_address(), l.io_start() + 26);
        assert_eq!(l.exit_code_address(), l.output_start() + 16);
        assert_eq!(l.ram_start(), l.termination_address() + 1);
        assert_eq!(l.num_witness_words(), l.ram_start() + 0x4000);
    }

    #[test]
    fn guest_and_witness_addresses_round_trip() {
        let l = layout();
        for w in l.io_start()..l.num_witness_words() {
            let g = l.guest_address(w).unwrap();
            let (back, _) = l.witness_address(g).unwrap();
            assert_eq!(back, w, "guest address {g:#x}");
        }
        assert_eq!(l.guest_address(0), None);
        assert_eq!(l.guest_address(l.num_witness_words()), None);
    }

    #[test]
    fn region_maps_are_affine_and_agree_with_witness_address() {
        let l = layout();
        let regions = l.guest_regions();
        let mut covered = 0;
        for r in regions {
            for k in 0..r.words {
                let (w, _) = l.witness_address(r.guest_base + 4 * k).unwrap();
                assert_eq!(w, r.witness_base + k, "{r:?} word {k}");
            }
            covered += r.words;
        }
        // everything of the witness space but registers, exit code and termination flag
        assert_eq!(covered, l.num_witness_words() - l.num_register_words() - 2);
    }

    #[test]
    fn addresses_outside_the_layout_map_to_nothing() {
        let l = layout();
        for addr in [
            0,
            4,
            IO_START - 4,
            INPUT_ADDR + 100,
            OUTPUT_ADDR + 64,
            0x0021_0000,
            0x001F_0000,
        ] {
            assert_eq!(l.witness_address(addr), None, "{addr:#x}");
        }
        assert_eq!(
            l.witness_address(INPUT_ADDR + 99).unwrap().1,
            GuestRegion::Input
        );
        assert_eq!(l.witness_address(0x0020_FFFF).unwrap().1, GuestRegion::Ram);
    }

    #[test]
    fn invalid_layouts_are_rejected() {
        use LayoutError::*;
        let err = |r: Result<MemoryLayout, LayoutError>| r.unwrap_err();
        assert!(matches!(
            err(MemoryLayout::new(0x0020_0100, 4096, 0, 0, 0)),
            MisalignedBase { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(0x0010_0000, 4096, 0, 0, 0)),
            BaseInReservedArea { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(0x0020_0000, 4097, 0, 0, 0)),
            MisalignedSize { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(0xFFFF_F000, 4096, 0, 0, 0)),
            MemoryPast4GiB { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(0x0020_0000, 32, 48, 0, 0)),
            StackLargerThanMemory { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(0x0020_0000, 32, 0, INPUT_CAPACITY + 1, 0)),
            InputLimitTooLarge { .. }
        ));
        assert!(matches!(
            err(MemoryLayout::new(
                0x0020_0000,
                32,
                0,
                0,
                OUTPUT_CAPACITY + 1
            )),
            OutputLimitTooLarge { .. }
        ));
        assert!(MemoryLayout::new(
            0x8000_0000,
            0x10000,
            0x1000,
            INPUT_CAPACITY,
            OUTPUT_CAPACITY
        )
        .is_ok());
    }
}
