//! The adversarial harness: the honest prover's code path fed exactly one lie, and the
//! verifier must reject. Lies are told at two levels: in the trace (what the emulator
//! recorded: a value, a step, a public output) and in the witness (a committed column).
//! Plus: flipped and truncated proof files, and proofs checked against the wrong program or
//! the wrong public I/O. No case may panic the verifier, and each lie must be rejected by
//! the check its name says (the error variant; for the CPU constraints, also the constraint
//! it breaks). The list with the error each gets is `paper-notes/lie-tests.md`; the lies
//! that guard each CPU constraint one by one are in `tests/tests/constraint_guards.rs`.

use commitments::HyperKzg;
use instructions::{LookupParams, Opcode, VirtualOpcode};
use jolt_core::vm::{trace, LayoutConfig, Memory, Program, RamOpKind, RunOptions, Trace};
use jolt_core::zkvm::bytecode_table::field;
use jolt_core::zkvm::file::{read_proof_file, write_proof_file};
use jolt_core::zkvm::witness::PolyLayout;
use jolt_core::zkvm::{
    generate_witness, prove_trace, prove_witness, verify, JoltError, JoltPreprocessing,
    JoltWitness, PublicIo, Silent,
};
use jolt_tests::cpu_lies::{after_halt, exit_seven, loads, next_pc};
use jolt_tests::lie::{enc, then_exit, Lie, A0, A1, A2, BASE, DATA};
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

/// The witness of the (possibly tampered) trace.
fn trace_witness(s: &Setup) -> JoltWitness {
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
    let mut w = trace_witness(s);
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

/// Asserts `result` is a rejection by the check `$check` (a `JoltError` pattern).
macro_rules! rejected_by {
    ($case:expr, $result:expr, $check:pat) => {
        match $result {
            Err(e @ $check) => eprintln!("{}: rejected ({e})", $case),
            Err(e) => panic!("{}: rejected by another check than named: {e}", $case),
            Ok(()) => panic!("{}: the verifier ACCEPTED a false proof", $case),
        }
    };
}

/// The first CPU constraint the (tampered) trace breaks, checked directly.
fn broken_constraint(s: &Setup) -> Option<&'static str> {
    s.pre
        .constraints
        .check_witness(&trace_witness(s))
        .err()
        .map(|e| e.label)
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
    // The output alone (rd no longer matches it) and a consistent lie (rd follows it): the
    // output is not g of the subtable values at the query's chunks.
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps[t].lookup_output ^= 1;
    rejected_by!("ALU output", verdict(&s), JoltError::Lookups(_));
    s.trace.steps[t].rd_after ^= 1;
    assert_eq!(broken_constraint(&s), None, "only the lookups can tell");
    rejected_by!("ALU output and rd", verdict(&s), JoltError::Lookups(_));
}

#[test]
fn wrong_register_read_is_rejected() {
    // The step reads rs1 + 1 and computes with it consistently (operand, lookup, rd): only
    // the read itself is false, and memory checking sees a read of a value never written.
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    let step = &mut s.trace.steps[t];
    step.rs1_value = step.rs1_value.wrapping_add(1);
    step.lookup_x = step.rs1_value;
    step.lookup_output = step.lookup_x.wrapping_add(step.lookup_y);
    step.rd_after = step.lookup_output;
    assert_eq!(broken_constraint(&s), None, "only memory checking can tell");
    rejected_by!("register read", verdict(&s), JoltError::Memory(_));
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
    assert_eq!(broken_constraint(&s), None, "only memory checking can tell");
    rejected_by!("RAM read", verdict(&s), JoltError::Memory(_));
}

#[test]
fn read_timestamp_from_the_future_is_rejected() {
    let s = setup("conformance/add.elf", &[]);
    rejected_by!(
        "read timestamp",
        witness_verdict(&s, |w, l| {
            let t = 5;
            w.columns[l.read_timestamps[0]][t] = 4 * t as u64 + 3;
        }),
        JoltError::Memory(_)
    );
}

#[test]
fn wrong_next_pc_is_rejected() {
    // A taken branch whose next step runs another (valid) row than its target: the run of
    // the same program with the branch offset 4 instead of 8, proven for the original.
    let lie = next_pc();
    assert_eq!(lie.broken_constraint(), Some("next pc = target"));
    rejected_by!("next pc", lie.verdict(), JoltError::R1cs(_));
}

#[test]
fn wrong_bytecode_field_is_rejected() {
    let s = setup("conformance/add.elf", &[]);
    for (name, j) in [
        ("imm", field::IMM),
        ("rd", field::RD),
        ("lookup flag", field::lookup_flag(0)),
    ] {
        rejected_by!(
            name,
            witness_verdict(&s, |w, l| {
                w.columns[l.bc_field(j)][3] ^= 1;
            }),
            JoltError::Bytecode(_)
        );
    }
}

#[test]
fn wrong_division_advice_is_rejected() {
    // DIVU 7 / 2 with the quotient advice 4: the sequence computes on with it (q·y + r = 9)
    // and its assertion `q·y + r = x` outputs 0, which the CPU constraints reject.
    let code = then_exit(&[
        enc(Opcode::Addi, A1, 0, 0, 7),
        enc(Opcode::Addi, A2, 0, 0, 2),
        enc(Opcode::Divu, A0, A1, A2, 0),
    ]);
    let mut lie = Lie::of(&code);
    let bytecode = lie.pre.program.bytecode();
    let rows = bytecode.sequence_length(2);
    let first = &bytecode.rows()[bytecode.first_row(2) as usize];
    assert!(matches!(first.opcode, VirtualOpcode::Advice(_)));
    let advice = lie.step(2, 0);
    let x = lie.pre.layout.x;
    lie.set(x, advice, 4);
    for row in 0..rows {
        let t = lie.step(2, row);
        lie.replay(t);
    }
    lie.claim_exit_code();
    assert_eq!(lie.io.exit_code, 4);
    assert_eq!(lie.broken_constraint(), Some("assertion output is 1"));
    rejected_by!("division advice", lie.verdict(), JoltError::R1cs(_));
}

#[test]
fn lui_rd_not_bound_to_its_immediate_is_rejected() {
    // DESIGN.md §9: LUI's rd must be bound. The written value differs from the lookup output
    // (the immediate), every later read follows it and the exit code claims it.
    let mut lie = Lie::of(&then_exit(&[enc(Opcode::Lui, A0, 0, 0, 0x1234_5000)]));
    let t = lie.step(0, 0);
    lie.write_register(t, 0x1234_4000);
    lie.claim_exit_code();
    assert_eq!(lie.broken_constraint(), Some("rd = lookup output"));
    rejected_by!("LUI rd", lie.verdict(), JoltError::R1cs(_));
    // The lookup output follows rd too: then it is not the lookup of the immediate.
    let mut s = setup("conformance/lui.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Lui);
    s.trace.steps[t].rd_after ^= 0x1000;
    s.trace.steps[t].lookup_output ^= 0x1000;
    assert_eq!(broken_constraint(&s), None, "only the lookups can tell");
    rejected_by!("LUI lookup output", verdict(&s), JoltError::Lookups(_));
}

#[test]
fn skipped_step_is_rejected() {
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps.remove(t);
    assert!(broken_constraint(&s).is_some());
    rejected_by!("skipped step", verdict(&s), JoltError::R1cs(_));
}

#[test]
fn step_after_halt_is_rejected() {
    // After the halting row the run goes on into dead code (`a0 = 42; exit`), consistent in
    // every other respect, and claims exit code 42.
    let lie = after_halt();
    assert_eq!(lie.io.exit_code, 42);
    assert_eq!(lie.broken_constraint(), Some("nothing runs after the halt"));
    rejected_by!("step after halt", lie.verdict(), JoltError::R1cs(_));
}

#[test]
fn truncated_trace_is_rejected() {
    // The run stops before its halting ecall; the claimed outputs are the real ones.
    let mut s = setup("conformance/add.elf", &[]);
    let n = s.trace.steps.len();
    s.trace.steps.truncate(n - 3);
    rejected_by!("truncated trace", verdict(&s), JoltError::OutputMismatch);
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
    rejected_by!("extra output byte", verdict(&s), JoltError::OutputMismatch);
}

#[test]
fn proof_checked_against_other_program_or_io_is_rejected() {
    let run = prove::<S>(&guest("src/echo.elf"), b"abc", LookupParams::SMALL);
    assert_eq!(verify(&run.preprocessing, &run.io, &run.proof), Ok(()));
    let mut other_io = run.io.clone();
    other_io.input = b"abd".to_vec();
    // The statement is absorbed before the first challenge, so the first check fails.
    rejected_by!(
        "other input",
        verify(&run.preprocessing, &other_io, &run.proof),
        JoltError::Bytecode(_)
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
    rejected_by!(
        "other program",
        verify(&cross, &run.io, &run.proof),
        JoltError::Bytecode(_)
    );
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
fn halting_row_that_does_not_set_the_termination_flag_is_rejected() {
    // No CPU constraint names the halting row's word or value (see constraints.rs): the
    // termination word can change only there, and the output check requires it to be 1.
    let halt = |lie: &Lie| {
        (0..lie.cols[0].len())
            .find(|&t| lie.flag(field::RAM_TERMINATE, t))
            .expect("the run halts")
    };
    let mut lie = Lie::of(&exit_seven());
    let t = halt(&lie);
    let layout = *lie.pre.program.layout();
    let (_, _, stack_word) = lie.locate(layout.program_base + layout.memory_size - 4);
    lie.read_other_word(t, stack_word);
    lie.write_ram(t, 1);
    assert_eq!(lie.broken_constraint(), None);
    rejected_by!(
        "halting row writes elsewhere",
        lie.verdict(),
        JoltError::OutputMismatch
    );
    let mut lie = Lie::of(&exit_seven());
    let t = halt(&lie);
    lie.write_ram(t, 2);
    assert_eq!(lie.broken_constraint(), None);
    rejected_by!(
        "halting row writes 2",
        lie.verdict(),
        JoltError::OutputMismatch
    );
}

#[test]
fn load_past_its_region_is_rejected() {
    // A load from the data word claims the code region (read-only, just below the RAM
    // region in both address spaces), at offset (DATA − BASE)/4, past the code's last word.
    // Every CPU constraint holds (same witness word); the region range check sees a
    // negative slack.
    let mut lie = Lie::of(&loads());
    let t = lie.step(3, 0);
    let (code, _, _) = lie.locate(BASE);
    let (ram, _, _) = lie.locate(DATA);
    assert!(!lie.pre.regions.regions[code].writable);
    let l = lie.pre.layout.clone();
    lie.set(l.region_flags + ram, t, 0);
    lie.set(l.region_flags + code, t, 1);
    lie.set(l.ram_offset, t, ((DATA - BASE) / 4) as u64);
    assert_eq!(lie.broken_constraint(), None);
    rejected_by!("load past its region", lie.verdict(), JoltError::Regions(_));
}

#[test]
fn stated_evaluations_inconsistent_with_their_check_are_rejected() {
    // Each evaluation a proof states next to a sub-protocol is checked against that
    // sub-protocol's output claim before anything else reads it.
    let s = setup("conformance/lw.elf", &[]);
    let (honest, _) = prove_trace(&s.pre, &s.io, &s.trace, &Silent).expect("the prover runs");
    let one = ark_bn254::Fr::from(1u64);
    let mut p = honest.clone();
    p.bytecode_field_evals[field::IMM] += one;
    rejected_by!(
        "bytecode field evaluation",
        verify(&s.pre, &s.io, &p),
        JoltError::BytecodeFields
    );
    let mut p = honest.clone();
    p.memory_evals[0] += one;
    rejected_by!(
        "memory address evaluation",
        verify(&s.pre, &s.io, &p),
        JoltError::MemoryInterleave("address")
    );
    let mut p = honest.clone();
    p.output_final_value += one;
    rejected_by!(
        "final memory value",
        verify(&s.pre, &s.io, &p),
        JoltError::OutputMismatch
    );
    let mut p = honest;
    p.region_evals[0] += one;
    rejected_by!(
        "region offset evaluation",
        verify(&s.pre, &s.io, &p),
        JoltError::RegionValues
    );
}

#[test]
fn wrong_range_check_counters_are_rejected() {
    // The counters of the timestamp and region range checks are committed as T-long columns
    // split by their low index bits; a wrong entry in any of them must not pass.
    let s = setup("conformance/lw.elf", &[]);
    let l = &s.pre.layout;
    let tamper = |column: usize| {
        witness_verdict(&s, |w, _| {
            w.columns[column][4] += 1;
        })
    };
    rejected_by!(
        "timestamp read counter",
        tamper(l.ts_read_counts + 1),
        JoltError::MemoryInterleave(_)
    );
    rejected_by!(
        "timestamp final counter",
        tamper(l.ts_final_counts + 2),
        JoltError::MemoryInterleave(_)
    );
    rejected_by!(
        "region read counter",
        tamper(l.region_read_counts + 1),
        JoltError::Regions(_)
    );
}
