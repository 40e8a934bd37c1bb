//! Loader tests: the committed guests load; every class of bad file gets its own typed
//! error; random and mutated files never panic.

use proptest::prelude::*;

use super::elf::{ElfError, ElfProgram, ReservedArea};
use super::elf_writer::{ElfWriter, SegmentSpec};
use super::layout::{LayoutConfig, LayoutError, MemoryLayout, IO_END, IO_START};
use crate::guests;

const NOP: u32 = 0x0000_0013;

fn valid() -> ElfWriter {
    ElfWriter::new(
        0x0020_0000,
        vec![
            SegmentSpec::code(0x0020_0000, &[NOP, NOP]),
            SegmentSpec::data(0x0020_1000, vec![1, 2, 3, 4], 0x100),
        ],
    )
}

fn parse(w: &ElfWriter) -> Result<ElfProgram, ElfError> {
    ElfProgram::parse(&w.to_bytes())
}

#[test]
fn committed_guests_load_with_segments_entry_and_symbols() {
    let p = ElfProgram::parse(guests::FIB_ELF).unwrap();
    assert_eq!(p.entry, 0x0020_0000);
    assert!(p.segments[0].executable && !p.segments[0].writable);
    assert_eq!(p.symbol("_start").unwrap().address, p.entry);
    assert!(p.symbol("main").is_some());
    assert!(p.symbol("no_such_symbol").is_none());

    let high = ElfProgram::parse(guests::FIB_HIGH_ELF).unwrap();
    assert_eq!(high.entry, 0x8000_0000);
    let layout = MemoryLayout::for_program(&high, &LayoutConfig::default()).unwrap();
    assert_eq!(layout.program_base, 0x8000_0000);
}

#[test]
fn bss_is_memory_size_beyond_file_size() {
    let p = parse(&valid()).unwrap();
    assert_eq!(p.segments[1].data, vec![1, 2, 3, 4]);
    assert_eq!(p.segments[1].mem_size, 0x100);
    assert_eq!(p.image_end(), 0x0020_1100);
}

#[test]
fn truncated_files_are_rejected() {
    let bytes = valid().to_bytes();
    for len in 0..bytes.len() {
        let err = ElfProgram::parse(&bytes[..len]).unwrap_err();
        assert!(
            matches!(err, ElfError::NotElf | ElfError::Malformed(_)),
            "length {len}: {err:?}"
        );
    }
}

#[test]
fn garbage_is_not_elf() {
    assert_eq!(
        ElfProgram::parse(b"MZ\x90\x00 this is not an ELF file"),
        Err(ElfError::NotElf)
    );
    assert_eq!(ElfProgram::parse(&[]), Err(ElfError::NotElf));
}

#[test]
fn elf64_is_rejected() {
    let mut w = valid();
    w.class = 2;
    assert_eq!(parse(&w), Err(ElfError::Not32Bit { class: 2 }));
}

#[test]
fn big_endian_is_rejected() {
    let mut w = valid();
    w.encoding = 2;
    assert_eq!(parse(&w), Err(ElfError::NotLittleEndian { encoding: 2 }));
}

#[test]
fn other_architectures_are_rejected() {
    let mut w = valid();
    w.machine = 62; // x86-64
    assert_eq!(parse(&w), Err(ElfError::WrongMachine { machine: 62 }));
}

#[test]
fn non_executables_are_rejected() {
    let mut w = valid();
    w.file_type = 3; // ET_DYN
    assert_eq!(parse(&w), Err(ElfError::NotExecutable { file_type: 3 }));
}

#[test]
fn overlapping_segments_are_rejected() {
    let mut w = valid();
    w.segments[1].vaddr = 0x0020_0004;
    assert!(matches!(
        parse(&w),
        Err(ElfError::OverlappingSegments { .. })
    ));
}

#[test]
fn segments_in_the_register_area_are_rejected() {
    let w = ElfWriter::program(0x0001_0000, &[NOP]);
    let err = parse(&w).unwrap_err();
    assert!(
        matches!(
            err,
            ElfError::ReservedAreaCollision {
                area: ReservedArea::Registers,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn segments_in_the_io_window_are_rejected() {
    for base in [IO_START, IO_END - 4] {
        let err = parse(&ElfWriter::program(base, &[NOP])).unwrap_err();
        assert!(matches!(
            err,
            ElfError::ReservedAreaCollision {
                area: ReservedArea::Io,
                ..
            }
        ));
    }
    // a segment that starts below the window and runs into it
    let mut w = valid();
    w.segments
        .push(SegmentSpec::data(IO_START - 0x100, vec![], 0x200));
    assert!(matches!(
        parse(&w),
        Err(ElfError::ReservedAreaCollision { .. })
    ));
}

#[test]
fn segments_wrapping_past_4gib_are_rejected() {
    let mut w = valid();
    w.segments
        .push(SegmentSpec::data(0xFFFF_F000, vec![], 0x2000));
    assert!(matches!(parse(&w), Err(ElfError::SegmentWraps { .. })));
}

#[test]
fn file_size_above_memory_size_is_rejected() {
    let mut w = valid();
    w.segments[1].mem_size = 2;
    assert!(matches!(
        parse(&w),
        Err(ElfError::FileSizeExceedsMemSize { .. })
    ));
}

#[test]
fn misaligned_segments_and_entry_points_are_rejected() {
    let mut w = valid();
    w.segments[1].vaddr = 0x0020_1002;
    assert!(matches!(parse(&w), Err(ElfError::MisalignedSegment { .. })));
    for entry in [0x0020_0002, 0x0020_1000, 0x0020_0008, 0] {
        let mut w = valid();
        w.entry = entry;
        assert_eq!(parse(&w), Err(ElfError::BadEntryPoint { entry }));
    }
}

#[test]
fn segment_bytes_outside_the_file_are_malformed() {
    let mut bytes = valid().to_bytes();
    // p_offset of the first program header (52 + 4) points past the end
    bytes[56..60].copy_from_slice(&0x00ff_ffffu32.to_le_bytes());
    assert!(matches!(
        ElfProgram::parse(&bytes),
        Err(ElfError::Malformed(_))
    ));
}

#[test]
fn files_without_loadable_segments_are_rejected() {
    let w = ElfWriter::new(0x0020_0000, vec![]);
    assert_eq!(parse(&w), Err(ElfError::NoLoadableSegments));
}

#[test]
fn programs_larger_than_the_configured_memory_are_rejected() {
    let p = parse(&valid()).unwrap();
    let config = LayoutConfig {
        memory_size: Some(0x2000),
        stack_size: 0x1000,
        ..Default::default()
    };
    let err = MemoryLayout::for_program(&p, &config).unwrap_err();
    assert!(
        matches!(err, LayoutError::ProgramTooLarge { .. }),
        "{err:?}"
    );
    let config = LayoutConfig {
        memory_size: Some(0x3000),
        stack_size: 0x1000,
        ..Default::default()
    };
    let layout = MemoryLayout::for_program(&p, &config).unwrap();
    assert_eq!(layout.stack_top(), 0x0020_3000);
}

#[test]
fn default_layout_fits_image_heap_and_stack() {
    let p = parse(&valid()).unwrap();
    let config = LayoutConfig {
        heap_size: 100,
        stack_size: 0x1000,
        ..Default::default()
    };
    let layout = MemoryLayout::for_program(&p, &config).unwrap();
    assert_eq!(layout.program_base, 0x0020_0000);
    assert_eq!(layout.memory_size, 0x2000 + 0x1000 + 0x1000);
    assert_eq!(layout.stack_bottom(), 0x0020_3000);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = ElfProgram::parse(&bytes);
    }

    #[test]
    fn random_bytes_after_a_valid_ident_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..256)) {
        let mut bytes = vec![0x7f, b'E', b'L', b'F', 1, 1, 1, 0];
        bytes.extend(tail);
        let _ = ElfProgram::parse(&bytes);
    }

    #[test]
    fn mutated_guest_elfs_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        truncate in any::<prop::sample::Index>(),
        do_truncate in any::<bool>(),
    ) {
        let mut bytes = guests::SHA256_ELF.to_vec();
        for (index, value) in edits {
            // bias edits towards the headers, where they change the most
            let limit = if value % 2 == 0 { 256.min(bytes.len()) } else { bytes.len() };
            let i = index.index(limit);
            bytes[i] = value;
        }
        if do_truncate {
            bytes.truncate(truncate.index(bytes.len() + 1));
        }
        if let Ok(p) = ElfProgram::parse(&bytes) {
            let _ = MemoryLayout::for_program(&p, &LayoutConfig::default());
        }
    }
}
