//! The adversarial harness: the honest prover's code path fed exactly one lie, and the
//! verifier must reject. Lies are told at two levels: in the trace (what the emulator
//! recorded: a value, a step, a public output) and in the witness (a committed column).
//! Plus: flipped and truncated proof files, and proofs checked against the wrong program or
//! the wrong public I/O. No case may panic the verifier.

use commitments::HyperKzg;
use instructions::{LookupParams, VirtualOpcode};
use jolt_core::vm::{trace, LayoutConfig, Memory, Program, RamOpKind, RunOptions, Trace};
use jolt_core::zkvm::bytecode_table::field;
use jolt_core::zkvm::file::{read_proof_file, write_proof_file};
use jolt_core::zkvm::witness::PolyLayout;
use jolt_core::zkvm::{
    generate_witness, prove_trace, prove_witness, verify, JoltError, JoltPreprocessing,
    JoltWitness, PublicIo, Silent,
};
use jolt_tests::{guest, prove, SEED};

type S = HyperKzg;

struct Setup {
    pre: JoltPreprocessing<S>,
    trace: Trace,
    io: PublicIo,
}

fn setup(file: &str, input: &[u8]) -> Setup {
    let program = Program::load(&guest(file), &LayoutConfig::default()).unwrap();
    let trace = trace(&program, input, &RunOptions::default()).unwrap();
    // One spare power of two so a lie that adds a step still fits the setup.
    let log_t = (trace.steps.len() + 2).next_power_of_two().trailing_zeros() as usize + 1;
    let pre = JoltPreprocessing::new(program, LookupParams::SMALL, log_t, SEED);
    let io = PublicIo {
        input: input.to_vec(),
        output: trace.output.clone(),
        exit_code: trace.exit_code,
    };
    Setup { pre, trace, io }
}

/// Proves the (possibly tampered) trace for the (possibly tampered) statement and verifies.
fn verdict(s: &Setup) -> Result<(), JoltError> {
    let (proof, _) = prove_trace(&s.pre, &s.io, &s.trace, &Silent).expect("the prover runs");
    verify(&s.pre, &s.io, &proof)
}

fn honest_witness(s: &Setup) -> JoltWitness {
    let initial = Memory::initial(&s.pre.program, &s.io.input).unwrap().words;
    generate_witness(
        &s.pre.params,
        &s.pre.table,
        &s.pre.regions,
        &initial,
        &s.trace,
    )
}

/// Proves a tampered witness and verifies.
fn witness_verdict(
    s: &Setup,
    tamper: impl FnOnce(&mut JoltWitness, &PolyLayout),
) -> Result<(), JoltError> {
    let mut w = honest_witness(s);
    tamper(&mut w, &s.pre.layout);
    let (proof, _) = prove_witness(&s.pre, &s.io, &w, &Silent).expect("the prover runs");
    verify(&s.pre, &s.io, &proof)
}

fn step_of(trace: &Trace, opcode: VirtualOpcode) -> usize {
    trace
        .steps
        .iter()
        .position(|s| s.row.opcode == opcode)
        .unwrap_or_else(|| panic!("the program executes {opcode:?}"))
}

fn rejected(case: &str, result: Result<(), JoltError>) {
    match result {
        Ok(()) => panic!("{case}: the verifier ACCEPTED a false proof"),
        Err(e) => eprintln!("{case}: rejected ({e})"),
    }
}

#[test]
fn honest_runs_are_accepted() {
    for file in [
        "conformance/add.elf",
        "conformance/lw.elf",
        "conformance/lui.elf",
    ] {
        assert_eq!(verdict(&setup(file, &[])), Ok(()), "{file}");
    }
}

#[test]
fn wrong_alu_result_is_rejected() {
    // The output alone (rd no longer matches it) and a consistent lie (rd follows it).
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps[t].lookup_output ^= 1;
    rejected("ALU output", verdict(&s));
    s.trace.steps[t].rd_after ^= 1;
    rejected("ALU output and rd", verdict(&s));
}

#[test]
fn wrong_register_read_is_rejected() {
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps[t].rs1_value = s.trace.steps[t].rs1_value.wrapping_add(1);
    s.trace.steps[t].lookup_x = s.trace.steps[t].rs1_value;
    rejected("register read", verdict(&s));
}

#[test]
fn wrong_ram_read_is_rejected() {
    let mut s = setup("conformance/lw.elf", &[]);
    let t = s
        .trace
        .steps
        .iter()
        .position(|st| st.ram.kind == RamOpKind::Read && st.row.opcode == VirtualOpcode::Lw)
        .expect("a load");
    s.trace.steps[t].ram.read ^= 0x100;
    s.trace.steps[t].ram.write ^= 0x100;
    s.trace.steps[t].rd_after ^= 0x100;
    rejected("RAM read", verdict(&s));
}

#[test]
fn read_timestamp_from_the_future_is_rejected() {
    let s = setup("conformance/add.elf", &[]);
    rejected(
        "read timestamp",
        witness_verdict(&s, |w, l| {
            let t = 5;
            w.columns[l.read_timestamps[0]][t] = 4 * t as u64 + 3;
        }),
    );
}

#[test]
fn wrong_next_pc_is_rejected() {
    // Step t+1 executes another (valid) bytecode row than the one the pc leads to.
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    let next = s.trace.steps[t + 1].bytecode_index;
    s.trace.steps[t + 1].bytecode_index = next + 1;
    rejected("next pc", verdict(&s));
}

#[test]
fn wrong_bytecode_field_is_rejected() {
    let s = setup("conformance/add.elf", &[]);
    for (name, j) in [
        ("imm", field::IMM),
        ("rd", field::RD),
        ("lookup flag", field::lookup_flag(0)),
    ] {
        rejected(
            name,
            witness_verdict(&s, |w, l| {
                w.columns[l.bc_field(j)][3] ^= 1;
            }),
        );
    }
}

#[test]
fn wrong_division_advice_is_rejected() {
    let mut s = setup("conformance/div.elf", &[]);
    let t = s
        .trace
        .steps
        .iter()
        .position(|st| matches!(st.row.opcode, VirtualOpcode::Advice(_)))
        .expect("an advice row");
    // The advice is the row's operand `x` (Identity lookup, written to rd).
    let step = &mut s.trace.steps[t];
    step.advice = step.advice.wrapping_add(1);
    step.lookup_x = step.advice;
    step.lookup_output = step.advice;
    step.rd_after = step.advice;
    rejected("division advice", verdict(&s));
}

#[test]
fn lui_rd_not_bound_to_its_immediate_is_rejected() {
    let mut s = setup("conformance/lui.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Lui);
    s.trace.steps[t].rd_after ^= 0x1000;
    rejected("LUI rd", verdict(&s));
    s.trace.steps[t].lookup_output ^= 0x1000;
    rejected("LUI rd and lookup output", verdict(&s));
}

#[test]
fn skipped_step_is_rejected() {
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps.remove(t);
    rejected("skipped step", verdict(&s));
}

#[test]
fn step_after_halt_is_rejected() {
    let mut s = setup("conformance/add.elf", &[]);
    let first = s.trace.steps[0];
    s.trace.steps.push(first);
    rejected("step after halt", verdict(&s));
}

#[test]
fn truncated_trace_is_rejected() {
    // The run stops before its halting ecall; the claimed outputs are the real ones.
    let mut s = setup("conformance/add.elf", &[]);
    let n = s.trace.steps.len();
    s.trace.steps.truncate(n - 3);
    rejected("truncated trace", verdict(&s));
}

#[test]
fn wrong_public_output_or_exit_code_is_rejected() {
    let mut s = setup("src/echo.elf", b"abc");
    s.io.output[0] ^= 1;
    let r = verdict(&s);
    assert_eq!(r, Err(JoltError::OutputMismatch), "output bytes");
    s.io.output[0] ^= 1;
    s.io.exit_code += 1;
    assert_eq!(verdict(&s), Err(JoltError::OutputMismatch), "exit code");
    s.io.exit_code -= 1;
    s.io.output.push(0);
    rejected("extra output byte", verdict(&s));
}

#[test]
fn proof_checked_against_other_program_or_io_is_rejected() {
    let run = prove::<S>(&guest("src/echo.elf"), b"abc", LookupParams::SMALL);
    assert_eq!(verify(&run.preprocessing, &run.io, &run.proof), Ok(()));
    let mut other_io = run.io.clone();
    other_io.input = b"abd".to_vec();
    rejected(
        "other input",
        verify(&run.preprocessing, &other_io, &run.proof),
    );
    let other = prove::<S>(
        &guest("src/fib.elf"),
        &5u32.to_le_bytes(),
        LookupParams::SMALL,
    );
    let mut cross = JoltPreprocessing::<S>::new(
        other.preprocessing.program.clone(),
        LookupParams::SMALL,
        run.proof.log_t as usize,
        jolt_tests::SEED,
    );
    rejected("other program", verify(&cross, &run.io, &run.proof));
    cross.max_log_t = 2;
    assert!(matches!(
        verify(&cross, &run.io, &run.proof),
        Err(JoltError::Malformed(_))
    ));
}

#[test]
fn flipped_or_truncated_proof_files_never_verify() {
    let run = prove::<S>(&guest("src/echo.elf"), b"hi", LookupParams::SMALL);
    let bytes = write_proof_file(&run.preprocessing.params, &run.io, &run.proof);
    let check = |b: &[u8]| match read_proof_file::<S>(b) {
        Err(_) => false,
        // The header's parameters choose the preprocessing (as `jolt verify` does).
        Ok((header, io, proof)) => {
            header.chunks as usize == run.preprocessing.params.c()
                && header.log_m as usize == run.preprocessing.params.log_m()
                && verify(&run.preprocessing, &io, &proof).is_ok()
        }
    };
    assert!(check(&bytes), "the honest file verifies");
    // Every byte of the header and I/O, then 200 positions spread over the proof.
    let step = (bytes.len() / 200).max(1);
    let positions: Vec<usize> = (0..64.min(bytes.len()))
        .chain((64..bytes.len()).step_by(step))
        .collect();
    for &i in &positions {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        assert!(!check(&b), "flipping byte {i} gave an accepted proof");
    }
    for len in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            read_proof_file::<S>(&bytes[..len]).is_err(),
            "truncated to {len}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(read_proof_file::<S>(&longer).is_err(), "trailing byte");
}

#[test]
fn wrong_range_check_counters_are_rejected() {
    // The counters of the timestamp and region range checks are committed as T-long columns
    // split by their low index bits; a wrong entry in any of them must not pass.
    let s = setup("conformance/lw.elf", &[]);
    let l = &s.pre.layout;
    for (name, column) in [
        ("timestamp read counter", l.ts_read_counts + 1),
        ("timestamp final counter", l.ts_final_counts + 2),
        ("region read counter", l.region_read_counts + 1),
    ] {
        rejected(
            name,
            witness_verdict(&s, |w, _| {
                w.columns[column][4] += 1;
            }),
        );
    }
}
