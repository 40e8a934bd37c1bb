//! Every runtime error class: a tiny hand-assembled program that triggers it, checked
//! for the exact error (type, pc, word or address) — never a panic.

use instructions::{Instruction, Opcode};

use super::elf_writer::{ElfWriter, SegmentSpec};
use super::layout::{EXIT_CODE_ADDR, INPUT_ADDR, OUTPUT_LEN_ADDR, TERMINATION_ADDR};
use super::{run, AccessKind, ExecutionError, LayoutConfig, Program, RunOptions};

pub(crate) const BASE: u32 = 0x0020_0000;
pub(crate) const DATA: u32 = 0x0020_1000;

pub(crate) fn enc(opcode: Opcode, rd: u8, rs1: u8, rs2: u8, imm: i32) -> u32 {
    Instruction {
        opcode,
        rd,
        rs1,
        rs2,
        imm,
    }
    .encode()
}

/// `li rd, value` as LUI + ADDI.
pub(crate) fn li(rd: u8, value: u32) -> [u32; 2] {
    let lo = ((value & 0xFFF) as i32) << 20 >> 20;
    let hi = value.wrapping_sub(lo as u32) & 0xFFFF_F000;
    [
        enc(Opcode::Lui, rd, 0, 0, hi as i32),
        enc(Opcode::Addi, rd, rd, 0, lo),
    ]
}

/// The exit sequence: a7 = 93, ecall (a0 already set).
pub(crate) fn exit() -> [u32; 2] {
    [
        enc(Opcode::Addi, 17, 0, 0, 93),
        enc(Opcode::Ecall, 0, 0, 0, 0),
    ]
}

/// A program of `code` at BASE plus a 4 KiB writable data page at DATA.
pub(crate) fn program(code: &[u32]) -> Program {
    let elf = ElfWriter::new(
        BASE,
        vec![
            SegmentSpec::code(BASE, code),
            SegmentSpec::data(DATA, vec![0; 16], 4096),
        ],
    );
    Program::load(&elf.to_bytes(), &LayoutConfig::default()).unwrap()
}

fn run_err(code: &[u32]) -> ExecutionError {
    run(&program(code), &[], &RunOptions::default()).unwrap_err()
}

fn pc_of(index: usize) -> u32 {
    BASE + 4 * index as u32
}

#[test]
fn halting_ecall_reports_a0_as_the_exit_code() {
    let mut code = li(10, 0xDEAD_BEEF).to_vec();
    code.extend(exit());
    let summary = run(&program(&code), &[], &RunOptions::default()).unwrap();
    assert_eq!(summary.exit_code, 0xDEAD_BEEF);
    assert_eq!(summary.instructions, 4);
    assert!(summary.output.is_empty());
}

#[test]
fn unknown_words_are_illegal_instructions_naming_pc_and_word() {
    let err = run_err(&[enc(Opcode::Addi, 1, 0, 0, 1), 0xFFFF_FFFF]);
    match err {
        ExecutionError::IllegalInstruction { pc, word, .. } => {
            assert_eq!((pc, word), (pc_of(1), 0xFFFF_FFFF));
        }
        other => panic!("{other:?}"),
    }
    let message = run_err(&[0xFFFF_FFFF]).to_string();
    assert!(
        message.contains("0xffffffff") && message.contains("0x00200000"),
        "{message}"
    );
}

#[test]
fn compressed_and_csr_instructions_are_illegal() {
    // c.nop c.nop (two RVC halves in one word), csrrs a0, cycle, x0, fence.i
    for word in [0x0001_0001, 0xC000_2573, 0x0000_100F] {
        let err = run_err(&[word]);
        assert!(
            matches!(err, ExecutionError::IllegalInstruction { pc: BASE, word: w, .. } if w == word),
            "{word:#x}: {err:?}"
        );
    }
}

#[test]
fn ebreak_is_an_error() {
    let err = run_err(&[enc(Opcode::Ebreak, 0, 0, 0, 0)]);
    assert_eq!(
        err,
        ExecutionError::Ebreak {
            pc: BASE,
            word: 0x0010_0073
        }
    );
}

#[test]
fn other_ecalls_are_errors() {
    let code = [
        enc(Opcode::Addi, 17, 0, 0, 64),
        enc(Opcode::Ecall, 0, 0, 0, 0),
    ];
    assert_eq!(
        run_err(&code),
        ExecutionError::UnsupportedEcall {
            pc: pc_of(1),
            word: 0x0000_0073,
            a7: 64
        }
    );
}

#[test]
fn misaligned_word_and_halfword_accesses_are_errors() {
    let mut code = li(5, DATA + 2).to_vec();
    code.push(enc(Opcode::Lw, 6, 5, 0, 0));
    assert_eq!(
        run_err(&code),
        ExecutionError::MisalignedAccess {
            pc: pc_of(2),
            address: DATA + 2,
            width: 4,
            kind: AccessKind::Load
        }
    );
    let mut code = li(5, DATA + 1).to_vec();
    code.push(enc(Opcode::Sh, 0, 5, 6, 0));
    assert_eq!(
        run_err(&code),
        ExecutionError::MisalignedAccess {
            pc: pc_of(2),
            address: DATA + 1,
            width: 2,
            kind: AccessKind::Store
        }
    );
    // byte accesses at any address and aligned halfwords are fine
    let mut code = li(5, DATA + 3).to_vec();
    code.push(enc(Opcode::Sb, 0, 5, 6, 0));
    code.push(enc(Opcode::Lh, 6, 5, 0, -1));
    code.extend(exit());
    assert!(run(&program(&code), &[], &RunOptions::default()).is_ok());
}

#[test]
fn accesses_outside_the_layout_are_errors() {
    // address 0 (null), just past the stack top, and the unmapped gap above the input
    let stack_top = program(&[0]).layout().stack_top();
    for (address, kind) in [
        (0u32, AccessKind::Load),
        (stack_top, AccessKind::Store),
        (INPUT_ADDR + 8192, AccessKind::Load),
    ] {
        let mut code = li(5, address).to_vec();
        code.push(match kind {
            AccessKind::Load => enc(Opcode::Lw, 6, 5, 0, 0),
            AccessKind::Store => enc(Opcode::Sw, 0, 5, 6, 0),
        });
        assert_eq!(
            run_err(&code),
            ExecutionError::OutOfBounds {
                pc: pc_of(2),
                address,
                width: 4,
                kind
            },
            "{address:#x}"
        );
    }
}

#[test]
fn stores_to_input_and_code_are_errors() {
    for (address, area) in [(INPUT_ADDR, "input"), (BASE, "code")] {
        let mut code = li(5, address).to_vec();
        code.push(enc(Opcode::Sb, 0, 5, 6, 0));
        assert_eq!(
            run_err(&code),
            ExecutionError::ReadOnly {
                pc: pc_of(2),
                address,
                area
            }
        );
    }
}

#[test]
fn exit_code_and_termination_words_are_not_guest_accessible() {
    for address in [EXIT_CODE_ADDR, TERMINATION_ADDR] {
        for kind in [AccessKind::Load, AccessKind::Store] {
            let mut code = li(5, address).to_vec();
            code.push(match kind {
                AccessKind::Load => enc(Opcode::Lw, 6, 5, 0, 0),
                AccessKind::Store => enc(Opcode::Sw, 0, 5, 6, 0),
            });
            assert_eq!(
                run_err(&code),
                ExecutionError::ReservedIo {
                    pc: pc_of(2),
                    address,
                    kind
                }
            );
        }
    }
}

#[test]
fn the_cycle_limit_ends_an_endless_loop() {
    let code = [enc(Opcode::Jal, 0, 0, 0, 0)];
    let err = run(&program(&code), &[], &RunOptions { max_cycles: 1000 }).unwrap_err();
    assert_eq!(
        err,
        ExecutionError::CycleLimit {
            limit: 1000,
            pc: BASE
        }
    );
    assert!(err.to_string().contains("1000"));
}

#[test]
fn jumps_out_of_the_code_or_misaligned_are_errors() {
    let mut code = li(5, DATA).to_vec();
    code.push(enc(Opcode::Jalr, 0, 5, 0, 0));
    assert_eq!(run_err(&code), ExecutionError::PcOutsideCode { pc: DATA });
    let code = [enc(Opcode::Jal, 0, 0, 0, 6)];
    assert_eq!(
        run_err(&code),
        ExecutionError::MisalignedJump {
            pc: BASE,
            target: BASE + 6
        }
    );
    // falling off the end of the code
    assert_eq!(
        run_err(&[enc(Opcode::Addi, 0, 0, 0, 0)]),
        ExecutionError::PcOutsideCode { pc: pc_of(1) }
    );
}

#[test]
fn oversized_input_and_output_are_errors() {
    let p = program(&exit());
    let max = p.layout().max_input_bytes;
    let err = run(&p, &vec![0; max as usize + 1], &RunOptions::default()).unwrap_err();
    assert_eq!(
        err,
        ExecutionError::InputTooLarge {
            len: max as usize + 1,
            max
        }
    );

    let mut code = li(5, OUTPUT_LEN_ADDR).to_vec();
    code.extend(li(6, 5000));
    code.push(enc(Opcode::Sw, 0, 5, 6, 0));
    code.extend(exit());
    assert_eq!(
        run_err(&code),
        ExecutionError::OutputTooLarge {
            len: 5000,
            max: 4096
        }
    );
}

#[test]
fn output_bytes_past_the_output_length_are_an_error() {
    // output length 1, but byte 2 of the output region is written
    let mut code = li(7, OUTPUT_LEN_ADDR).to_vec();
    code.push(enc(Opcode::Addi, 6, 0, 0, 1));
    code.push(enc(Opcode::Sw, 0, 7, 6, 0));
    code.push(enc(Opcode::Sb, 0, 7, 6, 6));
    code.extend(exit());
    assert_eq!(
        run_err(&code),
        ExecutionError::OutputPastLength { len: 1, offset: 2 }
    );
}

#[test]
fn input_is_readable_and_output_is_returned() {
    // a0 = input length; output = first input word + 1, 4 bytes
    let mut code = li(5, INPUT_ADDR - 4).to_vec(); // the input length word
    code.push(enc(Opcode::Lw, 10, 5, 0, 0));
    code.push(enc(Opcode::Lw, 6, 5, 0, 4));
    code.push(enc(Opcode::Addi, 6, 6, 0, 1));
    code.extend(li(7, OUTPUT_LEN_ADDR));
    code.push(enc(Opcode::Sw, 0, 7, 6, 4));
    code.push(enc(Opcode::Addi, 8, 0, 0, 4));
    code.push(enc(Opcode::Sw, 0, 7, 8, 0));
    code.extend(exit());
    let summary = run(&program(&code), &[1, 2, 3, 4, 5], &RunOptions::default()).unwrap();
    assert_eq!(summary.exit_code, 5);
    assert_eq!(summary.output, vec![2, 2, 3, 4]);
}

#[test]
fn sp_starts_at_the_top_of_the_stack() {
    let code = [enc(Opcode::Addi, 10, 2, 0, 0), exit()[0], exit()[1]];
    let p = program(&code);
    let summary = run(&p, &[], &RunOptions::default()).unwrap();
    assert_eq!(summary.exit_code, p.layout().stack_top());
    assert_eq!(summary.exit_code % 16, 0);
}
