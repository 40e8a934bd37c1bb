//! Regression tests for attacks on the statement (issue 17, DESIGN §9): every public object
//! the verifier uses is bound before the first challenge, and the first step starts at the
//! program's entry point.
//!
//! - A program whose entry word is illegal faults at once; a proof that it "halts with 42"
//!   (made by starting one word later) must not verify.
//!
//! Both hold for both memory-checking backends (Lasso/Spice, Twist/Shout).
//! - The ELF's data words used to reach the verifier only through `Ĩ(r)` after `r` was drawn;
//!   a proof for `P` checked against `P′` (one data word changed) must now fail at the first
//!   check, because the first challenge differs.

use commitments::HyperKzg;
use instructions::{Instruction, LookupParams, Opcode};
use jolt_core::vm::elf_writer::{ElfWriter, SegmentSpec};
use jolt_core::vm::{trace, ExecutionError, LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{
    prove_trace, verify, Backend, JoltError, JoltPreprocessing, JoltVerifierPreprocessing,
    ProveError, PublicIo, Silent,
};
use jolt_tests::SEED;

type S = HyperKzg;

const BASE: u32 = 0x0020_0000;
const DATA: u32 = 0x0020_1000;

fn enc(opcode: Opcode, rd: u8, rs1: u8, imm: i32) -> u32 {
    Instruction {
        opcode,
        rd,
        rs1,
        rs2: 0,
        imm,
    }
    .encode()
}

fn load(elf: &ElfWriter) -> Program {
    Program::load(&elf.to_bytes(), &LayoutConfig::default()).expect("the program loads")
}

fn io_of(t: &jolt_core::vm::Trace) -> PublicIo {
    PublicIo {
        input: vec![],
        output: t.output.clone(),
        exit_code: t.exit_code,
    }
}

/// `[illegal, addi a0, x0, 42, addi a7, x0, 93, ecall]` at `BASE`, entered at `entry`.
fn illegal_entry_program(entry: u32) -> Program {
    let code = [
        0x0000_0000,
        enc(Opcode::Addi, 10, 0, 42),
        enc(Opcode::Addi, 17, 0, 93),
        enc(Opcode::Ecall, 0, 0, 0),
    ];
    load(&ElfWriter::new(entry, vec![SegmentSpec::code(BASE, &code)]))
}

#[test]
fn a_program_whose_entry_word_is_illegal_cannot_be_proved_to_halt() {
    let real = illegal_entry_program(BASE);
    // The real run faults at the entry.
    assert!(matches!(
        trace(&real, &[], &RunOptions::default()),
        Err(ExecutionError::IllegalInstruction { pc: BASE, .. })
    ));
    // The attack: run the same code from one word later ("exits with 42") …
    let shifted = illegal_entry_program(BASE + 4);
    let t = trace(&shifted, &[], &RunOptions::default()).expect("the shifted run halts");
    assert_eq!(t.exit_code, 42);
    let io = io_of(&t);
    // … and prove it against the real program's preprocessing: the prover refuses …
    let pre_real = JoltPreprocessing::<S>::new(real.clone(), LookupParams::SMALL, 4, SEED);
    let pre_shifted = JoltPreprocessing::<S>::new(shifted, LookupParams::SMALL, 4, SEED);
    let verifier = JoltVerifierPreprocessing::<S>::new(real, LookupParams::SMALL, 4, SEED);
    for backend in Backend::ALL {
        assert!(
            matches!(
                prove_trace(&pre_real, &io, &t, backend, &Silent),
                Err(ProveError::EntryNotAnInstruction)
            ),
            "{backend}"
        );
        // … and no proof verifies against it: take a valid proof of the shifted program.
        let (proof, _) =
            prove_trace(&pre_shifted, &io, &t, backend, &Silent).expect("the shifted run proves");
        assert_eq!(verify(&pre_shifted, &io, &proof), Ok(()), "{backend}");
        assert_eq!(
            verify(&verifier, &io, &proof),
            Err(JoltError::EntryNotAnInstruction),
            "{backend}"
        );
    }
}

/// Loads the word at `DATA` and exits with it; the data page holds `read` at `DATA` and
/// `unread` at `DATA + 8`.
fn data_program(read: u32, unread: u32) -> Program {
    let code = [
        enc(Opcode::Lui, 11, 0, DATA as i32),
        enc(Opcode::Lw, 10, 11, 0),
        enc(Opcode::Addi, 17, 0, 93),
        enc(Opcode::Ecall, 0, 0, 0),
    ];
    let mut data = vec![0u8; 16];
    data[..4].copy_from_slice(&read.to_le_bytes());
    data[8..12].copy_from_slice(&unread.to_le_bytes());
    load(&ElfWriter::new(
        BASE,
        vec![
            SegmentSpec::code(BASE, &code),
            SegmentSpec::data(DATA, data, 4096),
        ],
    ))
}

#[test]
fn a_proof_for_one_program_fails_the_first_check_against_another_data_word() {
    let p = data_program(7, 0);
    let t = trace(&p, &[], &RunOptions::default()).expect("runs");
    assert_eq!(t.exit_code, 7);
    let io = io_of(&t);
    let pre = JoltPreprocessing::<S>::new(p, LookupParams::SMALL, 4, SEED);
    // P′ has the same code, layout and I/O; one data word that the run never reads differs.
    // Its statement differs, so the very first sub-protocol (the bytecode check, run under
    // the first challenges) already fails — not only the initial-memory check at the end.
    let other = data_program(7, 1);
    let verifier = JoltVerifierPreprocessing::<S>::new(other, LookupParams::SMALL, 4, SEED);
    for backend in Backend::ALL {
        let (proof, _) = prove_trace(&pre, &io, &t, backend, &Silent).expect("proves");
        assert_eq!(verify(&pre, &io, &proof), Ok(()), "{backend}");
        match (backend, verify(&verifier, &io, &proof)) {
            (Backend::LassoSpice, Err(JoltError::Bytecode(_)))
            | (Backend::TwistShout, Err(JoltError::BytecodeShout(_))) => {}
            (_, other) => {
                panic!("{backend}: expected the first check (bytecode) to fail, got {other:?}")
            }
        }
    }
}
