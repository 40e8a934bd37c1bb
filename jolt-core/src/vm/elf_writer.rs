//! A minimal ELF32 writer, for tests and tools that generate guest programs in code
//! (hand-assembled instruction words, deliberately malformed files).
//!
//! It writes the ELF header, one program header per segment and the segment bytes, and
//! no sections. Every header field can be overridden so tests can build 64-bit-looking,
//! big-endian, wrong-machine or otherwise broken files on purpose.

/// One segment to write: `data` at `vaddr`, `mem_size` bytes in memory, with `flags`
/// (`PF_X = 1`, `PF_W = 2`, `PF_R = 4`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSpec {
    /// Segment start address.
    pub vaddr: u32,
    /// Memory size (≥ `data.len()` for a valid file; not enforced here).
    pub mem_size: u32,
    /// `p_flags`.
    pub flags: u32,
    /// File bytes.
    pub data: Vec<u8>,
}

impl SegmentSpec {
    /// An executable, readable segment holding `words` at `vaddr`.
    pub fn code(vaddr: u32, words: &[u32]) -> Self {
        let data: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        SegmentSpec {
            vaddr,
            mem_size: data.len() as u32,
            flags: 5,
            data,
        }
    }

    /// A readable, writable segment of `data` followed by zeros up to `mem_size`.
    pub fn data(vaddr: u32, data: Vec<u8>, mem_size: u32) -> Self {
        SegmentSpec {
            vaddr,
            mem_size,
            flags: 6,
            data,
        }
    }
}

/// Builder for a minimal ELF32 executable. Defaults describe a valid RV32 guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElfWriter {
    /// `EI_CLASS` (1 = ELF32).
    pub class: u8,
    /// `EI_DATA` (1 = little-endian).
    pub encoding: u8,
    /// `e_type` (2 = ET_EXEC).
    pub file_type: u16,
    /// `e_machine` (243 = RISC-V).
    pub machine: u16,
    /// `e_entry`.
    pub entry: u32,
    /// The `PT_LOAD` segments, written in this order.
    pub segments: Vec<SegmentSpec>,
}

impl ElfWriter {
    /// A valid RV32 executable with the given entry point and segments.
    pub fn new(entry: u32, segments: Vec<SegmentSpec>) -> Self {
        ElfWriter {
            class: 1,
            encoding: 1,
            file_type: 2,
            machine: 243,
            entry,
            segments,
        }
    }

    /// A valid executable whose only segment is `words` of code at `base`, entered at `base`.
    pub fn program(base: u32, words: &[u32]) -> Self {
        ElfWriter::new(base, vec![SegmentSpec::code(base, words)])
    }

    /// Serialises the file: header, program headers, then each segment's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        const EHDR: usize = 52;
        const PHDR: usize = 32;
        let mut out = Vec::new();
        out.extend_from_slice(&[0x7f, b'E', b'L', b'F', self.class, self.encoding, 1, 0]);
        out.extend_from_slice(&[0; 8]);
        let u16le = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
        u16le(&mut out, self.file_type);
        u16le(&mut out, self.machine);
        out.extend_from_slice(&1u32.to_le_bytes()); // e_version
        out.extend_from_slice(&self.entry.to_le_bytes());
        out.extend_from_slice(&(EHDR as u32).to_le_bytes()); // e_phoff
        out.extend_from_slice(&0u32.to_le_bytes()); // e_shoff
        out.extend_from_slice(&0u32.to_le_bytes()); // e_flags
        u16le(&mut out, EHDR as u16);
        u16le(&mut out, PHDR as u16);
        u16le(&mut out, self.segments.len() as u16);
        u16le(&mut out, 40); // e_shentsize
        u16le(&mut out, 0); // e_shnum
        u16le(&mut out, 0); // e_shstrndx
        debug_assert_eq!(out.len(), EHDR);

        let mut offset = EHDR + PHDR * self.segments.len();
        for s in &self.segments {
            for field in [
                1u32, // PT_LOAD
                offset as u32,
                s.vaddr,
                s.vaddr,
                s.data.len() as u32,
                s.mem_size,
                s.flags,
                4,
            ] {
                out.extend_from_slice(&field.to_le_bytes());
            }
            offset += s.data.len();
        }
        for s in &self.segments {
            out.extend_from_slice(&s.data);
        }
        out
    }
}
