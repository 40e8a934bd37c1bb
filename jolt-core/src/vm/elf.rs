//! ELF loading: the guest program as a list of loadable segments, an entry point and
//! (optionally) its symbols.
//!
//! A guest is a statically linked RV32IM executable: ELF32, little-endian, `EM_RISCV`,
//! `ET_EXEC`. Only `PT_LOAD` program headers matter: each contributes `p_filesz` bytes
//! from the file at `p_vaddr` followed by `p_memsz - p_filesz` zero bytes (`.bss`).
//! Sections are read only for the optional symbol table, so tools can show or dump a
//! named symbol.
//!
//! Parsing uses the [`object`] crate (0.40) through its low-level ELF API
//! (`object::elf::FileHeader32` and friends) rather than its format-independent `File`.
//! Why `object`: it is the ELF reader the Rust toolchain itself uses (std's backtraces,
//! `addr2line`, cargo tools), well maintained, and its low-level layer is zero-copy,
//! bounds-checked and exposes the raw header fields — the class and data bytes we
//! must reject precisely, every program header and the symbol table — without making
//! us describe the file format again. `goblin` parses eagerly into owned structures and
//! mixes 32/64-bit handling into one type; `elf` is smaller but less used.
//!
//! The loader checks everything that does not depend on the memory layout: the file
//! format, segment sanity (no overlap, no wrap past 2^32, file bytes within the file,
//! word alignment) and that no segment touches the reserved low addresses (registers
//! and the I/O window, see [`crate::vm::layout`]). Whether the program fits the
//! configured memory is checked when a [`MemoryLayout`](crate::vm::MemoryLayout) is
//! built for it.

use object::elf::{FileHeader32, ELFCLASS32, ELFDATA2LSB, ELFMAG};
use object::elf::{EM_RISCV, ET_EXEC, PF_W, PF_X, PT_LOAD, SHT_SYMTAB};
use object::read::elf::{FileHeader, ProgramHeader, Sym};
use object::LittleEndian as LE;
use thiserror::Error;

use crate::vm::layout::{IO_END, IO_START};

/// Why a file is not a loadable guest program.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ElfError {
    /// The file is shorter than an ELF header or does not start with `\x7fELF`.
    #[error("not an ELF file (missing or wrong magic bytes)")]
    NotElf,
    /// ELF class is 64-bit (or invalid); guests are ELF32.
    #[error("ELF class {class} is not supported: guests must be ELF32 (RV32)")]
    Not32Bit {
        /// The `EI_CLASS` byte (2 = ELF64).
        class: u8,
    },
    /// The data encoding is big-endian (or invalid); RISC-V is little-endian.
    #[error("ELF data encoding {encoding} is not supported: guests must be little-endian")]
    NotLittleEndian {
        /// The `EI_DATA` byte (2 = big-endian).
        encoding: u8,
    },
    /// `e_machine` is not RISC-V.
    #[error("ELF machine {machine} is not RISC-V (243)")]
    WrongMachine {
        /// The `e_machine` field.
        machine: u16,
    },
    /// `e_type` is not `ET_EXEC` (relocatable objects, shared objects, PIE, core files).
    #[error("ELF type {file_type} is not a static executable (ET_EXEC = 2)")]
    NotExecutable {
        /// The `e_type` field.
        file_type: u16,
    },
    /// A header, table or segment points outside the file, or is otherwise malformed.
    #[error("malformed ELF file: {0}")]
    Malformed(&'static str),
    /// There is no `PT_LOAD` segment with a non-zero memory size.
    #[error("the ELF file has no loadable segments")]
    NoLoadableSegments,
    /// A segment's file size exceeds its memory size.
    #[error(
        "segment at {vaddr:#010x}: file size {file_size:#x} exceeds memory size {mem_size:#x}"
    )]
    FileSizeExceedsMemSize {
        /// Segment start.
        vaddr: u32,
        /// `p_filesz`.
        file_size: u32,
        /// `p_memsz`.
        mem_size: u32,
    },
    /// A segment does not start on a 4-byte boundary (the machine is word-addressed).
    #[error("segment at {vaddr:#010x} is not word-aligned")]
    MisalignedSegment {
        /// Segment start.
        vaddr: u32,
    },
    /// A segment runs past the end of the 32-bit address space.
    #[error("segment at {vaddr:#010x} with size {mem_size:#x} wraps past 2^32")]
    SegmentWraps {
        /// Segment start.
        vaddr: u32,
        /// `p_memsz`.
        mem_size: u32,
    },
    /// Two loadable segments share addresses.
    #[error("segments [{first_start:#010x}, {first_end:#010x}) and [{second_start:#010x}, {second_end:#010x}) overlap")]
    OverlappingSegments {
        /// Start of the lower segment.
        first_start: u32,
        /// End (exclusive) of the lower segment.
        first_end: u64,
        /// Start of the higher segment.
        second_start: u32,
        /// End (exclusive) of the higher segment.
        second_end: u64,
    },
    /// A segment touches the reserved low addresses (registers or the I/O window).
    #[error("segment [{start:#010x}, {end:#010x}) collides with the reserved {area} area [{area_start:#010x}, {area_end:#010x})")]
    ReservedAreaCollision {
        /// Segment start.
        start: u32,
        /// Segment end (exclusive).
        end: u64,
        /// Which reserved area.
        area: ReservedArea,
        /// Start of the reserved area.
        area_start: u32,
        /// End of the reserved area (exclusive).
        area_end: u32,
    },
    /// The entry point is not a word-aligned address inside an executable segment.
    #[error("entry point {entry:#010x} is not a word-aligned address in an executable segment")]
    BadEntryPoint {
        /// `e_entry`.
        entry: u32,
    },
}

/// The two reserved areas at the bottom of the guest address space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReservedArea {
    /// `[0, IO_START)`: stands for the registers of the witness address space; the guest
    /// cannot address it (this also catches null-pointer accesses).
    Registers,
    /// `[IO_START, IO_END)`: public input, public output, exit code, termination flag.
    Io,
}

impl std::fmt::Display for ReservedArea {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ReservedArea::Registers => "register",
            ReservedArea::Io => "I/O",
        })
    }
}

/// One `PT_LOAD` segment: `data` at `vaddr`, then zeros up to `mem_size` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// First guest address (word-aligned).
    pub vaddr: u32,
    /// Size in memory in bytes (`p_memsz`); `vaddr + mem_size ≤ 2^32`.
    pub mem_size: u32,
    /// The file bytes (`p_filesz` of them); the rest of the segment is zero.
    pub data: Vec<u8>,
    /// `PF_X`: the segment holds code.
    pub executable: bool,
    /// `PF_W`: the segment is writable.
    pub writable: bool,
}

impl Segment {
    /// One past the last address, as u64 so that a segment ending at 2^32 is representable.
    pub fn end(&self) -> u64 {
        self.vaddr as u64 + self.mem_size as u64
    }
}

/// A named symbol from the ELF symbol table (defined symbols only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// The symbol name.
    pub name: String,
    /// Its address (`st_value`).
    pub address: u32,
    /// Its size in bytes (`st_size`; 0 when unknown).
    pub size: u32,
}

/// A parsed guest executable: entry point, loadable segments sorted by address, symbols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElfProgram {
    /// The entry point (`e_entry`): the first pc.
    pub entry: u32,
    /// The `PT_LOAD` segments with non-zero memory size, sorted by `vaddr`, disjoint.
    pub segments: Vec<Segment>,
    /// Defined symbols from `.symtab` (empty when the file is stripped).
    pub symbols: Vec<Symbol>,
}

impl ElfProgram {
    /// Parses and checks an ELF file (see the module docs for what is checked).
    pub fn parse(bytes: &[u8]) -> Result<Self, ElfError> {
        check_ident(bytes)?;
        let header = FileHeader32::<LE>::parse(bytes)
            .map_err(|_| ElfError::Malformed("unsupported or truncated ELF header"))?;
        let e = LE;
        let machine = header.e_machine(e);
        if machine.0 != EM_RISCV.0 {
            return Err(ElfError::WrongMachine { machine: machine.0 });
        }
        let file_type = header.e_type(e);
        if file_type.0 != ET_EXEC.0 {
            return Err(ElfError::NotExecutable {
                file_type: file_type.0,
            });
        }

        let mut segments = Vec::new();
        let headers = header
            .program_headers(e, bytes)
            .map_err(|_| ElfError::Malformed("program header table outside the file"))?;
        for ph in headers {
            if ph.p_type(e).0 != PT_LOAD.0 {
                continue;
            }
            let vaddr = ph.p_vaddr(e);
            let mem_size = ph.p_memsz(e);
            let file_size = ph.p_filesz(e);
            if file_size > mem_size {
                return Err(ElfError::FileSizeExceedsMemSize {
                    vaddr,
                    file_size,
                    mem_size,
                });
            }
            if mem_size == 0 {
                continue;
            }
            if vaddr % 4 != 0 {
                return Err(ElfError::MisalignedSegment { vaddr });
            }
            if vaddr as u64 + mem_size as u64 > 1 << 32 {
                return Err(ElfError::SegmentWraps { vaddr, mem_size });
            }
            let data = ph
                .data(e, bytes)
                .map_err(|_| ElfError::Malformed("segment file bytes lie outside the file"))?;
            let flags = ph.p_flags(e).0;
            segments.push(Segment {
                vaddr,
                mem_size,
                data: data.to_vec(),
                executable: flags & PF_X.0 != 0,
                writable: flags & PF_W.0 != 0,
            });
        }
        if segments.is_empty() {
            return Err(ElfError::NoLoadableSegments);
        }
        segments.sort_by_key(|s| s.vaddr);
        for pair in segments.windows(2) {
            if pair[0].end() > pair[1].vaddr as u64 {
                return Err(ElfError::OverlappingSegments {
                    first_start: pair[0].vaddr,
                    first_end: pair[0].end(),
                    second_start: pair[1].vaddr,
                    second_end: pair[1].end(),
                });
            }
        }
        for s in &segments {
            check_reserved(s)?;
        }

        let entry = header.e_entry(e);
        let entry_ok = entry % 4 == 0
            && segments
                .iter()
                .any(|s| s.executable && entry >= s.vaddr && (entry as u64) + 4 <= s.end());
        if !entry_ok {
            return Err(ElfError::BadEntryPoint { entry });
        }

        let symbols = read_symbols(header, bytes);
        Ok(ElfProgram {
            entry,
            segments,
            symbols,
        })
    }

    /// Looks up a defined symbol by name.
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.symbols.iter().find(|s| s.name == name)
    }

    /// The lowest loaded address.
    pub fn image_start(&self) -> u32 {
        self.segments[0].vaddr
    }

    /// One past the highest loaded address (including `.bss`).
    pub fn image_end(&self) -> u64 {
        self.segments.iter().map(Segment::end).max().unwrap_or(0)
    }
}

/// Checks magic, class and data encoding before handing the bytes to `object`, so that
/// 64-bit and big-endian files get their own error rather than a generic one.
fn check_ident(bytes: &[u8]) -> Result<(), ElfError> {
    if bytes.len() < 16 || bytes[0..4] != ELFMAG {
        return Err(ElfError::NotElf);
    }
    let (class, encoding) = (bytes[4], bytes[5]);
    if class != ELFCLASS32.0 {
        return Err(ElfError::Not32Bit { class });
    }
    if encoding != ELFDATA2LSB.0 {
        return Err(ElfError::NotLittleEndian { encoding });
    }
    Ok(())
}

fn check_reserved(s: &Segment) -> Result<(), ElfError> {
    for (area, area_start, area_end) in [
        (ReservedArea::Registers, 0, IO_START),
        (ReservedArea::Io, IO_START, IO_END),
    ] {
        if (s.vaddr as u64) < area_end as u64 && s.end() > area_start as u64 {
            return Err(ElfError::ReservedAreaCollision {
                start: s.vaddr,
                end: s.end(),
                area,
                area_start,
                area_end,
            });
        }
    }
    Ok(())
}

/// Reads the defined symbols of `.symtab`. The symbol table is optional, so a missing
/// or malformed one yields no symbols rather than an error.
fn read_symbols(header: &FileHeader32<LE>, bytes: &[u8]) -> Vec<Symbol> {
    let e = LE;
    let Ok(sections) = header.sections(e, bytes) else {
        return Vec::new();
    };
    let Ok(table) = sections.symbols(e, bytes, SHT_SYMTAB) else {
        return Vec::new();
    };
    let strings = table.strings();
    table
        .iter()
        .filter(|sym| !sym.is_undefined(e))
        .filter_map(|sym| {
            let name = sym.name(e, strings).ok()?;
            let name = std::str::from_utf8(name).ok()?;
            (!name.is_empty()).then(|| Symbol {
                name: name.to_owned(),
                address: sym.st_value(e),
                size: sym.st_size(e),
            })
        })
        .collect()
}
