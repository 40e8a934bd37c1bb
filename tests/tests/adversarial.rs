//! The adversarial harness: the honest prover's code path fed exactly one lie, and the
//! verifier must reject. Lies are told at two levels: in the trace (what the emulator
//! recorded: a value, a step, a public output) and in the witness (a committed column).
//! Plus: flipped and truncated proof files, stated evaluations and sub-proofs changed in the
//! proof object, and proofs checked against the wrong program or the wrong public I/O. No
//! case may panic the verifier, and each lie must be rejected by the check its name says
//! (the error variant; for the CPU constraints, also the constraint it breaks).
//!
//! Every lie is told to both memory-checking backends (Lasso/Spice and Twist/Shout, DESIGN
//! §10): the same witness goes through each backend's honest prover, and each rejection is
//! asserted with the variant that backend names (they differ: a false register read is
//! `Memory` under Lasso/Spice, `Registers` under Twist/Shout). Witness edits of columns only
//! the Lasso/Spice backend commits (read timestamps, range-check counters) are no lie to
//! Twist/Shout, which neither commits nor reads them: there the run is still honest, and the
//! test asserts it is accepted. The list with the error each gets is
//! `paper-notes/lie-tests.md`; the lies that guard each CPU constraint one by one are in
//! `tests/tests/constraint_guards.rs`.

use ark_ff::Zero;
use commitments::{CommitmentScheme, HyperKzg};
use instructions::{LookupParams, Opcode, VirtualOpcode};
use jolt_core::lasso::SurgeError;
use jolt_core::opening::OpeningError;
use jolt_core::r1cs::SpartanError;
use jolt_core::twist_shout::{ShoutError, TwistError};
use jolt_core::vm::{trace, LayoutConfig, Memory, Program, RamOpKind, RunOptions, Trace};
use jolt_core::zkvm::bytecode_table::field;
use jolt_core::zkvm::file::{read_proof_file, write_proof_file, ProofFileError};
use jolt_core::zkvm::twist_backend::operand_memories;
use jolt_core::zkvm::witness::PolyLayout;
use jolt_core::zkvm::{
    generate_witness, prove_trace, prove_witness_with, verify, Backend, BackendProof, JoltError,
    JoltPreprocessing, JoltWitness, PublicIo, Silent, TwistShoutProof,
};
use jolt_tests::cpu_lies::{after_halt, exit_seven, load_lie, loads, next_pc};
use jolt_tests::lie::{enc, then_exit, Lie, A0, A1, A2, BASE, DATA, DATA_WORDS};
use jolt_tests::{for_each_backend_and_pcs, guest, prove_with, BackendPcsCase, Pcs, SEED};
use sumcheck::{SumcheckError, SumcheckProof};

type S = HyperKzg;

struct Setup<P: CommitmentScheme = S> {
    pre: JoltPreprocessing<P>,
    trace: Trace,
    io: PublicIo,
}

fn setup(file: &str, input: &[u8]) -> Setup {
    setup_with::<S>(file, input)
}

fn setup_with<P: CommitmentScheme>(file: &str, input: &[u8]) -> Setup<P> {
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

/// Proves the (possibly tampered) trace for the (possibly tampered) statement with
/// `backend` and verifies.
fn verdict<P: CommitmentScheme>(s: &Setup<P>, backend: Backend) -> Result<(), JoltError> {
    let (proof, _) =
        prove_trace(&s.pre, &s.io, &s.trace, backend, &Silent).expect("the prover runs");
    verify(&s.pre, &s.io, &proof)
}

/// The witness of the (possibly tampered) trace.
fn trace_witness<P: CommitmentScheme>(s: &Setup<P>) -> JoltWitness {
    let initial = Memory::initial(&s.pre.program, &s.io.input).unwrap().words;
    generate_witness(
        &s.pre.params,
        &s.pre.table,
        &s.pre.regions,
        &initial,
        &s.trace,
    )
}

/// Proves a tampered witness with `backend` and verifies.
fn witness_verdict(
    s: &Setup,
    backend: Backend,
    tamper: impl FnOnce(&mut JoltWitness, &PolyLayout),
) -> Result<(), JoltError> {
    let mut w = trace_witness(s);
    tamper(&mut w, &s.pre.layout);
    let (proof, _) =
        prove_witness_with(backend, &s.pre, &s.io, &w, &Silent).expect("the prover runs");
    verify(&s.pre, &s.io, &proof)
}

fn step_of(trace: &Trace, opcode: VirtualOpcode) -> usize {
    trace
        .steps
        .iter()
        .position(|s| s.row.opcode == opcode)
        .unwrap_or_else(|| panic!("the program executes {opcode:?}"))
}

/// Asserts `result` (a proof made with `backend`) is a rejection by the check that backend
/// is expected to name: `lasso: pattern, twist: pattern` (`JoltError` patterns), or one
/// pattern for both.
macro_rules! rejected_by {
    ($case:expr, $backend:expr, $result:expr, lasso: $lasso:pat, twist: $twist:pat $(,)?) => {{
        let backend: Backend = $backend;
        let result: Result<(), JoltError> = $result;
        match result {
            Ok(()) => panic!("{} ({backend}): the verifier ACCEPTED a false proof", $case),
            Err(e) => {
                let named = match backend {
                    Backend::LassoSpice => matches!(e, $lasso),
                    Backend::TwistShout => matches!(e, $twist),
                };
                assert!(
                    named,
                    "{} ({backend}): rejected by another check than named: {e:?}",
                    $case
                );
                eprintln!("{} ({backend}): rejected ({e})", $case);
            }
        }
    }};
    ($case:expr, $backend:expr, $result:expr, $check:pat $(,)?) => {
        rejected_by!($case, $backend, $result, lasso: $check, twist: $check)
    };
}

/// The first CPU constraint the (tampered) trace breaks, checked directly.
fn broken_constraint<P: CommitmentScheme>(s: &Setup<P>) -> Option<&'static str> {
    s.pre
        .constraints
        .check_witness(&trace_witness(s))
        .err()
        .map(|e| e.label)
}

#[test]
fn honest_runs_are_accepted() {
    for backend in Backend::ALL {
        for file in [
            "conformance/add.elf",
            "conformance/lw.elf",
            "conformance/lui.elf",
        ] {
            assert_eq!(
                verdict(&setup(file, &[]), backend),
                Ok(()),
                "{file} {backend}"
            );
        }
    }
}

#[test]
fn wrong_alu_result_is_rejected() {
    // The output alone (rd no longer matches it) and a consistent lie (rd follows it): the
    // output is not g of the subtable values at the query's chunks. Both backends run the
    // same primary zero-check (Surge's); only how `E` is checked differs.
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps[t].lookup_output ^= 1;
    for backend in Backend::ALL {
        rejected_by!(
            "ALU output",
            backend,
            verdict(&s, backend),
            JoltError::Lookups(_)
        );
    }
    s.trace.steps[t].rd_after ^= 1;
    assert_eq!(broken_constraint(&s), None, "only the lookups can tell");
    for backend in Backend::ALL {
        rejected_by!(
            "ALU output and rd",
            backend,
            verdict(&s, backend),
            JoltError::Lookups(_)
        );
    }
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
    for backend in Backend::ALL {
        rejected_by!(
            "register read",
            backend,
            verdict(&s, backend),
            lasso: JoltError::Memory(_),
            twist: JoltError::Registers(TwistError::ReadWriteFinal),
        );
    }
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
    // Lasso/Spice checks registers and RAM as one memory. Twist/Shout checks the registers
    // first, and here the loaded register's later reads still see the true word.
    for backend in Backend::ALL {
        rejected_by!(
            "RAM read (trace)",
            backend,
            verdict(&s, backend),
            lasso: JoltError::Memory(_),
            twist: JoltError::Registers(TwistError::ReadWriteFinal),
        );
    }
    // The same lie carried on through the registers: the second load of `loads` reads a
    // word never written (and writes it back), rd and the exit code follow it. Only the
    // RAM's memory check can tell.
    let lie = load_lie(|lie, t| {
        let l = lie.pre.layout.clone();
        let word = lie.get(l.read_values[3], t) ^ 0x100;
        lie.set(l.read_values[3], t, word);
        lie.set(l.ram_write, t, word);
    });
    assert_eq!(lie.io.exit_code, DATA_WORDS[0] ^ 0x100);
    assert_eq!(
        lie.broken_constraint(),
        None,
        "only memory checking can tell"
    );
    for backend in Backend::ALL {
        rejected_by!(
            "RAM read",
            backend,
            lie.verdict_with(backend),
            lasso: JoltError::Memory(_),
            twist: JoltError::Ram(TwistError::ReadWriteFinal),
        );
    }
}

#[test]
fn ram_address_aliased_past_the_memory_is_rejected() {
    // Both provers reduce a witness address modulo the memory size before memory checking;
    // the committed address column must still be the one checked. The second load of
    // `loads` claims its word's witness address plus the memory size (the same word modulo
    // it). The region constraint sees it too, but memory checking comes first.
    let mut lie = Lie::of(&loads());
    let t = lie.step(3, 0);
    let column = lie.pre.layout.ram_address;
    let aliased = lie.get(column, t) + (1u64 << lie.pre.log_memory);
    lie.set(column, t, aliased);
    assert_eq!(
        lie.broken_constraint(),
        Some("witness address = region base + offset")
    );
    for backend in Backend::ALL {
        rejected_by!(
            "aliased RAM address",
            backend,
            lie.verdict_with(backend),
            lasso: JoltError::MemoryInterleave("address"),
            twist: JoltError::Ram(TwistError::ReadWriteFinal),
        );
    }
}

#[test]
fn read_timestamp_from_the_future_is_rejected() {
    // Read timestamps exist only in the Lasso/Spice witness: Twist/Shout neither commits nor
    // reads them, so there the edited witness still describes the honest run.
    let s = setup("conformance/add.elf", &[]);
    let tamper = |w: &mut JoltWitness, l: &PolyLayout| {
        let t = 5;
        w.columns[l.read_timestamps[0]][t] = 4 * t as u64 + 3;
    };
    rejected_by!(
        "read timestamp",
        Backend::LassoSpice,
        witness_verdict(&s, Backend::LassoSpice, tamper),
        JoltError::Memory(_)
    );
    assert_eq!(
        witness_verdict(&s, Backend::TwistShout, tamper),
        Ok(()),
        "no lie to Twist/Shout"
    );
}

#[test]
fn wrong_next_pc_is_rejected() {
    // A taken branch whose next step runs another (valid) row than its target: the run of
    // the same program with the branch offset 4 instead of 8, proven for the original.
    let lie = next_pc();
    assert_eq!(lie.broken_constraint(), Some("next pc = target"));
    for backend in Backend::ALL {
        rejected_by!(
            "next pc",
            backend,
            lie.verdict_with(backend),
            JoltError::R1cs(_)
        );
    }
}

#[test]
fn wrong_bytecode_field_is_rejected() {
    let s = setup("conformance/add.elf", &[]);
    for backend in Backend::ALL {
        for (name, j) in [
            ("imm", field::IMM),
            ("rd", field::RD),
            ("lookup flag", field::lookup_flag(0)),
        ] {
            rejected_by!(
                name,
                backend,
                witness_verdict(&s, backend, |w, l| {
                    w.columns[l.bc_field(j)][3] ^= 1;
                }),
                lasso: JoltError::Bytecode(_),
                twist: JoltError::BytecodeShout(ShoutError::ReadRafFinal),
            );
        }
    }
}

#[test]
fn wrong_bytecode_row_index_is_rejected() {
    // A step claims another row's index while its fields stay its own row's: the tuple it
    // read is not the table's row at that index.
    let s = setup("conformance/add.elf", &[]);
    for backend in Backend::ALL {
        rejected_by!(
            "row index",
            backend,
            witness_verdict(&s, backend, |w, l| {
                w.columns[l.bc_index][3] += 1;
            }),
            lasso: JoltError::Bytecode(_),
            twist: JoltError::BytecodeShout(ShoutError::ReadRafFinal),
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
    for backend in Backend::ALL {
        rejected_by!(
            "division advice",
            backend,
            lie.verdict_with(backend),
            JoltError::R1cs(_)
        );
    }
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
    for backend in Backend::ALL {
        rejected_by!(
            "LUI rd",
            backend,
            lie.verdict_with(backend),
            JoltError::R1cs(_)
        );
    }
    // The lookup output follows rd too: then it is not the lookup of the immediate.
    let mut s = setup("conformance/lui.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Lui);
    s.trace.steps[t].rd_after ^= 0x1000;
    s.trace.steps[t].lookup_output ^= 0x1000;
    assert_eq!(broken_constraint(&s), None, "only the lookups can tell");
    for backend in Backend::ALL {
        rejected_by!(
            "LUI lookup output",
            backend,
            verdict(&s, backend),
            JoltError::Lookups(_)
        );
    }
}

#[test]
fn skipped_step_is_rejected() {
    let mut s = setup("conformance/add.elf", &[]);
    let t = step_of(&s.trace, VirtualOpcode::Add);
    s.trace.steps.remove(t);
    assert!(broken_constraint(&s).is_some());
    for backend in Backend::ALL {
        rejected_by!(
            "skipped step",
            backend,
            verdict(&s, backend),
            JoltError::R1cs(_)
        );
    }
}

#[test]
fn step_after_halt_is_rejected() {
    // After the halting row the run goes on into dead code (`a0 = 42; exit`), consistent in
    // every other respect, and claims exit code 42.
    let lie = after_halt();
    assert_eq!(lie.io.exit_code, 42);
    assert_eq!(lie.broken_constraint(), Some("nothing runs after the halt"));
    for backend in Backend::ALL {
        rejected_by!(
            "step after halt",
            backend,
            lie.verdict_with(backend),
            JoltError::R1cs(_)
        );
    }
}

#[test]
fn truncated_trace_is_rejected() {
    // The run stops before its halting ecall; the claimed outputs are the real ones. The
    // final I/O region is checked by Lasso/Spice's output check and by the RAM Twist's.
    let mut s = setup("conformance/add.elf", &[]);
    let n = s.trace.steps.len();
    s.trace.steps.truncate(n - 3);
    for backend in Backend::ALL {
        rejected_by!(
            "truncated trace",
            backend,
            verdict(&s, backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
    }
}

#[test]
fn wrong_public_output_or_exit_code_is_rejected() {
    let mut s = setup("src/echo.elf", b"abc");
    for backend in Backend::ALL {
        s.io.output[0] ^= 1;
        rejected_by!(
            "output bytes",
            backend,
            verdict(&s, backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
        s.io.output[0] ^= 1;
        s.io.exit_code += 1;
        rejected_by!(
            "exit code",
            backend,
            verdict(&s, backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
        s.io.exit_code -= 1;
        s.io.output.push(0);
        rejected_by!(
            "extra output byte",
            backend,
            verdict(&s, backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
        s.io.output.pop();
        assert_eq!(verdict(&s, backend), Ok(()), "restored statement");
    }
}

#[test]
fn proof_checked_against_other_program_or_io_is_rejected() {
    for backend in Backend::ALL {
        let run = prove_with::<S>(backend, &guest("src/echo.elf"), b"abc", LookupParams::SMALL);
        assert_eq!(verify(&run.preprocessing, &run.io, &run.proof), Ok(()));
        let mut other_io = run.io.clone();
        other_io.input = b"abd".to_vec();
        // The statement is absorbed before the first challenge, so the first check fails.
        rejected_by!(
            "other input",
            backend,
            verify(&run.preprocessing, &other_io, &run.proof),
            lasso: JoltError::Bytecode(_),
            twist: JoltError::BytecodeShout(ShoutError::ReadRafFinal),
        );
        let other = prove_with::<S>(
            backend,
            &guest("src/fib.elf"),
            &5u32.to_le_bytes(),
            LookupParams::SMALL,
        );
        let mut cross = JoltPreprocessing::<S>::new(
            other.preprocessing.program.clone(),
            LookupParams::SMALL,
            run.proof.log_t() as usize,
            jolt_tests::SEED,
        );
        rejected_by!(
            "other program",
            backend,
            verify(&cross, &run.io, &run.proof),
            lasso: JoltError::Bytecode(_),
            twist: JoltError::BytecodeShout(ShoutError::ReadRafFinal),
        );
        cross.max_log_t = 2;
        rejected_by!(
            "trace longer than the verifier allows",
            backend,
            verify(&cross, &run.io, &run.proof),
            JoltError::Malformed(_)
        );
    }
}

/// The first serialized byte of a [`BackendProof`] of `backend`.
fn backend_tag(backend: Backend) -> u8 {
    match backend {
        Backend::LassoSpice => 0,
        Backend::TwistShout => 1,
    }
}

#[test]
fn flipped_or_truncated_proof_files_never_verify() {
    for backend in Backend::ALL {
        let run = prove_with::<S>(backend, &guest("src/echo.elf"), b"hi", LookupParams::SMALL);
        let bytes = write_proof_file(&run.preprocessing.params, &run.io, &run.proof);
        let check = |b: &[u8]| match read_proof_file::<S>(b) {
            Err(_) => false,
            // The header's parameters choose the preprocessing (as `jolt verify` does).
            Ok((header, io, proof)) => {
                header.chunks as usize == run.preprocessing.params.c()
                    && header.log_m as usize == run.preprocessing.params.log_m()
                    && header.backend == proof.backend()
                    && verify(&run.preprocessing, &io, &proof).is_ok()
            }
        };
        assert!(check(&bytes), "the honest {backend} file verifies");
        let (header, _, _) = read_proof_file::<S>(&bytes).unwrap();
        assert_eq!(header.backend, backend);
        // The other backend's name in the header ("lasso" and "twist" have one length), or
        // the other backend's tag as the proof's first byte: never read as a proof.
        let other = Backend::ALL.into_iter().find(|&b| b != backend).unwrap();
        let name = bytes
            .windows(5)
            .position(|w| w == backend.name().as_bytes())
            .expect("the header names the backend");
        let mut renamed = bytes.clone();
        renamed[name..name + 5].copy_from_slice(other.name().as_bytes());
        assert!(
            matches!(
                read_proof_file::<S>(&renamed),
                Err(ProofFileError::Malformed(_))
            ),
            "{backend}: a header naming {other}"
        );
        let tag = bytes.len() - run.proof.proof_bytes().total;
        assert_eq!(bytes[tag], backend_tag(backend));
        let mut retagged = bytes.clone();
        retagged[tag] = backend_tag(other);
        assert!(
            matches!(
                read_proof_file::<S>(&retagged),
                Err(ProofFileError::Malformed(_))
            ),
            "{backend}: a proof tagged {other}"
        );
        // Every byte of the header and I/O, then 200 positions spread over the proof.
        let step = (bytes.len() / 200).max(1);
        let positions: Vec<usize> = (0..64.min(bytes.len()))
            .chain((64..bytes.len()).step_by(step))
            .collect();
        for &i in &positions {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(
                !check(&b),
                "{backend}: flipping byte {i} gave an accepted proof"
            );
        }
        for len in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                read_proof_file::<S>(&bytes[..len]).is_err(),
                "{backend}: truncated to {len}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(
            read_proof_file::<S>(&longer).is_err(),
            "{backend}: trailing byte"
        );
    }
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
    let mut elsewhere = Lie::of(&exit_seven());
    let t = halt(&elsewhere);
    let layout = *elsewhere.pre.program.layout();
    let (_, _, stack_word) = elsewhere.locate(layout.program_base + layout.memory_size - 4);
    elsewhere.read_other_word(t, stack_word);
    elsewhere.write_ram(t, 1);
    assert_eq!(elsewhere.broken_constraint(), None);
    let mut two = Lie::of(&exit_seven());
    let t = halt(&two);
    two.write_ram(t, 2);
    assert_eq!(two.broken_constraint(), None);
    for backend in Backend::ALL {
        rejected_by!(
            "halting row writes elsewhere",
            backend,
            elsewhere.verdict_with(backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
        rejected_by!(
            "halting row writes 2",
            backend,
            two.verdict_with(backend),
            lasso: JoltError::OutputMismatch,
            twist: JoltError::Ram(TwistError::OutputFinal),
        );
    }
}

#[test]
fn load_past_its_region_is_rejected() {
    // A load from the data word claims the code region (read-only, just below the RAM
    // region in both address spaces), at offset (DATA − BASE)/4, past the code's last word.
    // Every CPU constraint holds (same witness word); the region range check sees a
    // negative slack (under Twist/Shout: the slack's Shout into the identity table).
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
    for backend in Backend::ALL {
        rejected_by!(
            "load past its region",
            backend,
            lie.verdict_with(backend),
            lasso: JoltError::Regions(_),
            twist: JoltError::RegionShout(ShoutError::ReadRafFinal),
        );
    }
}

#[test]
fn stated_evaluations_inconsistent_with_their_check_are_rejected() {
    // Each evaluation a Lasso/Spice proof states next to a sub-protocol is checked against
    // that sub-protocol's output claim before anything else reads it.
    let s = setup("conformance/lw.elf", &[]);
    let (honest, _) = prove_trace(&s.pre, &s.io, &s.trace, Backend::LassoSpice, &Silent)
        .expect("the prover runs");
    let honest = match honest {
        BackendProof::Lasso(p) => p,
        BackendProof::Twist(_) => unreachable!("asked for Lasso/Spice"),
    };
    let check = |p| verify(&s.pre, &s.io, &BackendProof::Lasso(p));
    let lasso = Backend::LassoSpice;
    let one = ark_bn254::Fr::from(1u64);
    let mut p = honest.clone();
    p.bytecode_field_evals[field::IMM] += one;
    rejected_by!(
        "bytecode field evaluation",
        lasso,
        check(p),
        JoltError::BytecodeFields
    );
    let mut p = honest.clone();
    p.memory_evals[0] += one;
    rejected_by!(
        "memory address evaluation",
        lasso,
        check(p),
        JoltError::MemoryInterleave("address")
    );
    let mut p = honest.clone();
    p.output_final_value += one;
    rejected_by!(
        "final memory value",
        lasso,
        check(p),
        JoltError::OutputMismatch
    );
    let mut p = honest;
    p.region_evals[0] += one;
    rejected_by!(
        "region offset evaluation",
        lasso,
        check(p),
        JoltError::RegionValues
    );
}

#[test]
fn wrong_range_check_counters_are_rejected() {
    // The counters of the timestamp and region range checks are committed as T-long columns
    // split by their low index bits; a wrong entry in any of them must not pass. They are
    // Lasso/Spice's alone: Twist/Shout has no timestamps and checks regions by Shout
    // (one-hot addresses, no counters), so to it these edits change nothing.
    let s = setup("conformance/lw.elf", &[]);
    let l = &s.pre.layout;
    let tamper = |backend: Backend, column: usize| {
        witness_verdict(&s, backend, |w, _| {
            w.columns[column][4] += 1;
        })
    };
    for (name, column) in [
        ("timestamp read counter", l.ts_read_counts + 1),
        ("timestamp final counter", l.ts_final_counts + 2),
        ("region read counter", l.region_read_counts + 1),
    ] {
        assert_eq!(
            tamper(Backend::TwistShout, column),
            Ok(()),
            "{name}: no lie to Twist/Shout"
        );
    }
    let lasso = Backend::LassoSpice;
    rejected_by!(
        "timestamp read counter",
        lasso,
        tamper(lasso, l.ts_read_counts + 1),
        JoltError::MemoryInterleave(_)
    );
    rejected_by!(
        "timestamp final counter",
        lasso,
        tamper(lasso, l.ts_final_counts + 2),
        JoltError::MemoryInterleave(_)
    );
    rejected_by!(
        "region read counter",
        lasso,
        tamper(lasso, l.region_read_counts + 1),
        JoltError::Regions(_)
    );
}

/// A change to a Twist/Shout proof object and the check that must reject it.
type TwistTamper = (
    &'static str,
    Box<dyn Fn(&mut TwistShoutProof<S>)>,
    fn(&JoltError) -> bool,
);

/// Adds one to the constant coefficient of round `round` of `proof`.
fn bump_round(proof: &mut SumcheckProof<ark_bn254::Fr>, round: usize) {
    proof.round_polys[round].coeffs_except_linear[0] += ark_bn254::Fr::from(1u64);
}

#[test]
fn twist_shout_proof_fields_changed_are_rejected() {
    // Every part of a Twist/Shout proof, changed by one: the commitments (absorbed before
    // the first challenge, so the first check fails), each stated evaluation, a round of
    // each sub-protocol's sumchecks and its final evaluations, Spartan, the opening.
    let s = setup("conformance/lw.elf", &[]);
    let (honest, _) = prove_trace(&s.pre, &s.io, &s.trace, Backend::TwistShout, &Silent)
        .expect("the prover runs");
    let honest = match honest {
        BackendProof::Twist(p) => p,
        BackendProof::Lasso(_) => unreachable!("asked for Twist/Shout"),
    };
    assert_eq!(
        verify(&s.pre, &s.io, &BackendProof::Twist(honest.clone())),
        Ok(())
    );
    let one = ark_bn254::Fr::from(1u64);
    let max_log_t = s.pre.max_log_t as u32;
    let surge = &s.pre.surge;
    let operand_memory = operand_memories(&s.pre.params)[0];
    // A memory read by the `g` of an instruction whose flag is not zero at the point.
    let read_memory = surge
        .instructions
        .iter()
        .enumerate()
        .find(|(f, _)| !honest.lookups_primary_evals[surge.memories.len() + f].is_zero())
        .map(|(_, inst)| inst.memories[0])
        .expect("the run performs lookups");
    assert!(!operand_memories(&s.pre.params).contains(&read_memory));
    let tampers: Vec<TwistTamper> = vec![
        (
            "log T beyond the verifier's bound",
            Box::new(move |p| p.log_t = max_log_t + 1),
            |e| matches!(e, JoltError::Malformed(_)),
        ),
        (
            // Within the bound every shape still fits; the first sumcheck has a round
            // too many.
            "log T plus one",
            Box::new(|p| p.log_t += 1),
            |e| {
                matches!(
                    e,
                    JoltError::BytecodeShout(ShoutError::ReadRafSumcheck(
                        SumcheckError::WrongNumberOfRounds { .. }
                    ))
                )
            },
        ),
        (
            "dense commitments swapped",
            Box::new(|p| p.commitments.swap(0, 1)),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "last dense commitment (RAM increments)",
            Box::new(|p| {
                let n = p.commitments.len();
                p.commitments.swap(n - 1, n - 2)
            }),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "one-hot row commitments swapped",
            Box::new(|p| {
                let n = p.one_hot_commitments.len();
                p.one_hot_commitments[n - 1].swap(0, 1)
            }),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "one-hot commitment missing",
            Box::new(|p| {
                p.one_hot_commitments[0].pop();
            }),
            |e| matches!(e, JoltError::Malformed(_)),
        ),
        (
            "bytecode field evaluation",
            Box::new(move |p| p.bytecode_evals[field::IMM] += one),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "bytecode row index evaluation",
            Box::new(move |p| *p.bytecode_evals.last_mut().unwrap() += one),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "bytecode read+raf round",
            Box::new(|p| bump_round(&mut p.bytecode.read_raf, 0)),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "bytecode read chunk evaluation",
            Box::new(move |p| p.bytecode.read_ra_evals[0] += one),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::ReadRafFinal)),
        ),
        (
            "bytecode booleanity round",
            Box::new(|p| bump_round(&mut p.bytecode.booleanity, 1)),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::BooleanityFinal)),
        ),
        (
            "bytecode booleanity chunk evaluation",
            Box::new(move |p| p.bytecode.booleanity_ra_evals[0] += one),
            |e| matches!(e, JoltError::BytecodeShout(ShoutError::BooleanityFinal)),
        ),
        (
            "lookups primary round",
            Box::new(|p| bump_round(&mut p.lookups_primary, 0)),
            |e| matches!(e, JoltError::Lookups(SurgeError::PrimaryCheckFailed)),
        ),
        (
            "lookups primary evaluation (E of a memory g reads)",
            Box::new(move |p| p.lookups_primary_evals[read_memory] += one),
            |e| matches!(e, JoltError::Lookups(SurgeError::PrimaryCheckFailed)),
        ),
        (
            // No `g` reads the operand chunks (only the CPU constraints do): the chunk
            // position's Shout checks them.
            "lookups primary evaluation (E of an operand chunk)",
            Box::new(move |p| p.lookups_primary_evals[operand_memory] += one),
            |e| matches!(e, JoltError::LookupShout(ShoutError::ReadRafFinal)),
        ),
        (
            "lookups primary evaluation (output)",
            Box::new(move |p| *p.lookups_primary_evals.last_mut().unwrap() += one),
            |e| matches!(e, JoltError::Lookups(SurgeError::PrimaryCheckFailed)),
        ),
        (
            "lookup dim evaluation",
            Box::new(move |p| p.lookup_dim_evals[0] += one),
            |e| matches!(e, JoltError::LookupShout(ShoutError::ReadRafFinal)),
        ),
        (
            "lookup Shout read+raf round",
            Box::new(|p| bump_round(&mut p.lookups.read_raf, 0)),
            |e| matches!(e, JoltError::LookupShout(ShoutError::ReadRafFinal)),
        ),
        (
            "lookup Shout chunk evaluation (last chunk position)",
            Box::new(move |p| *p.lookups.read_ra_evals.last_mut().unwrap() += one),
            |e| matches!(e, JoltError::LookupShout(ShoutError::ReadRafFinal)),
        ),
        (
            "lookup Shout booleanity round",
            Box::new(|p| bump_round(&mut p.lookups.booleanity, 0)),
            |e| matches!(e, JoltError::LookupShout(ShoutError::BooleanityFinal)),
        ),
        (
            "lookup Shout booleanity chunk evaluation",
            Box::new(move |p| p.lookups.booleanity_ra_evals[0] += one),
            |e| matches!(e, JoltError::LookupShout(ShoutError::BooleanityFinal)),
        ),
        (
            "register read value evaluation",
            Box::new(move |p| p.register_evals[0] += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "register written value evaluation",
            Box::new(move |p| p.register_evals[3] += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "register address evaluation",
            Box::new(move |p| p.register_evals[6] += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "registers read/write round",
            Box::new(|p| bump_round(&mut p.registers.read_write, 0)),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "registers Val evaluation",
            Box::new(move |p| p.registers.val_eval += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "registers Inc evaluation",
            Box::new(move |p| p.registers.inc_eval += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "registers Val check round",
            Box::new(|p| bump_round(&mut p.registers.val_check, 0)),
            |e| matches!(e, JoltError::Registers(TwistError::ValCheckFinal)),
        ),
        (
            "registers write chunk evaluation",
            Box::new(move |p| p.registers.write_chunk_evals[0] += one),
            |e| matches!(e, JoltError::Registers(TwistError::ReadWriteFinal)),
        ),
        (
            "registers booleanity evaluation",
            Box::new(move |p| p.registers.booleanity_evals[0] += one),
            |e| matches!(e, JoltError::Registers(TwistError::BooleanityFinal)),
        ),
        (
            "RAM read value evaluation",
            Box::new(move |p| p.ram_evals[0] += one),
            |e| matches!(e, JoltError::Ram(TwistError::ReadWriteFinal)),
        ),
        (
            "RAM address evaluation",
            Box::new(move |p| p.ram_evals[2] += one),
            |e| matches!(e, JoltError::Ram(TwistError::ReadWriteFinal)),
        ),
        (
            "RAM read/write round",
            Box::new(|p| bump_round(&mut p.ram.read_write, 0)),
            |e| matches!(e, JoltError::Ram(TwistError::ReadWriteFinal)),
        ),
        (
            "RAM output check round",
            Box::new(|p| bump_round(&mut p.ram.output, 0)),
            |e| matches!(e, JoltError::Ram(TwistError::OutputFinal)),
        ),
        (
            "RAM final value evaluation",
            Box::new(move |p| p.ram.final_eval += one),
            |e| matches!(e, JoltError::Ram(TwistError::OutputFinal)),
        ),
        (
            "RAM Val check Inc evaluation",
            Box::new(move |p| p.ram.val_check_inc_eval += one),
            |e| matches!(e, JoltError::Ram(TwistError::ValCheckFinal)),
        ),
        (
            "RAM final-check write chunk evaluation",
            Box::new(move |p| p.ram.final_check_write_evals[0] += one),
            |e| matches!(e, JoltError::Ram(TwistError::ValCheckFinal)),
        ),
        (
            "RAM booleanity round",
            Box::new(|p| bump_round(&mut p.ram.booleanity, 0)),
            |e| matches!(e, JoltError::Ram(TwistError::BooleanityFinal)),
        ),
        (
            "region offset evaluation",
            Box::new(move |p| p.region_evals[0] += one),
            |e| matches!(e, JoltError::RegionShout(ShoutError::ReadRafFinal)),
        ),
        (
            "region flag evaluation",
            Box::new(move |p| p.region_evals[1] += one),
            |e| matches!(e, JoltError::RegionShout(ShoutError::ReadRafFinal)),
        ),
        (
            "region Shout read+raf round",
            Box::new(|p| bump_round(&mut p.regions.read_raf, 0)),
            |e| matches!(e, JoltError::RegionShout(ShoutError::ReadRafFinal)),
        ),
        (
            "region Shout booleanity evaluation (slack)",
            Box::new(move |p| *p.regions.booleanity_ra_evals.last_mut().unwrap() += one),
            |e| matches!(e, JoltError::RegionShout(ShoutError::BooleanityFinal)),
        ),
        (
            "Spartan outer round",
            Box::new(|p| bump_round(&mut p.r1cs.outer, 0)),
            |e| matches!(e, JoltError::R1cs(SpartanError::ConstraintCheckFailed)),
        ),
        (
            "Spartan column evaluation",
            Box::new(move |p| p.r1cs.column_evals[0] += one),
            |e| matches!(e, JoltError::R1cs(SpartanError::ConstraintCheckFailed)),
        ),
        (
            "Spartan shift column evaluation",
            Box::new(move |p| p.r1cs.shift_column_evals[0] += one),
            |e| matches!(e, JoltError::R1cs(SpartanError::ShiftCheckFailed)),
        ),
        (
            "opening reduction round (first)",
            Box::new(|p| bump_round(&mut p.opening.reduction, 0)),
            |e| matches!(e, JoltError::Opening(OpeningError::Pcs(_))),
        ),
        (
            "opening reduction round (last)",
            Box::new(|p| {
                let last = p.opening.reduction.round_polys.len() - 1;
                bump_round(&mut p.opening.reduction, last)
            }),
            |e| matches!(e, JoltError::Opening(OpeningError::Pcs(_))),
        ),
        (
            "PCS proof evaluation",
            Box::new(move |p| p.opening.pcs.evals[0][0] += one),
            |e| matches!(e, JoltError::Opening(OpeningError::Pcs(_))),
        ),
    ];
    let mut wrong = Vec::new();
    for (name, tamper, expected) in &tampers {
        let mut p = honest.clone();
        tamper(&mut p);
        assert_ne!(p, honest, "{name}: the tamper changes the proof");
        match verify(&s.pre, &s.io, &BackendProof::Twist(p)) {
            Err(e) if expected(&e) => eprintln!("{name}: rejected ({e:?})"),
            Err(e) => wrong.push(format!("{name}: rejected by another check: {e:?}")),
            Ok(()) => wrong.push(format!("{name}: the verifier ACCEPTED a changed proof")),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A lie and two changes to the opening, run by [`for_each_backend_and_pcs`] with every
/// backend × scheme: the lie (rejected before the opening, whatever the scheme) shows the
/// scheme changes nothing upstream; an opening proof for other claims, and a changed round of
/// the reduction (whose final claim the one PCS opening then fails to meet), are rejected by
/// each scheme's own check.
struct EveryScheme;

impl BackendPcsCase for EveryScheme {
    fn run<P: CommitmentScheme>(&mut self, backend: Backend) {
        let case = |what: &str| format!("{what} with {}", P::NAME);
        let mut s = setup_with::<P>("conformance/lw.elf", &[]);
        let (honest, _) =
            prove_trace(&s.pre, &s.io, &s.trace, backend, &Silent).expect("the prover runs");
        assert_eq!(verify(&s.pre, &s.io, &honest), Ok(()), "{}", case("honest"));
        // A RAM read lie in the trace (as in `wrong_ram_read_is_rejected`).
        let t = s
            .trace
            .steps
            .iter()
            .position(|st| st.ram.kind == RamOpKind::Read && st.row.opcode == VirtualOpcode::Lw)
            .expect("a load");
        s.trace.steps[t].ram.read ^= 0x100;
        s.trace.steps[t].ram.write ^= 0x100;
        s.trace.steps[t].rd_after ^= 0x100;
        let (lie, _) =
            prove_trace(&s.pre, &s.io, &s.trace, backend, &Silent).expect("the prover runs");
        rejected_by!(
            case("RAM read"),
            backend,
            verify(&s.pre, &s.io, &lie),
            lasso: JoltError::Memory(_),
            twist: JoltError::Registers(TwistError::ReadWriteFinal),
        );
        // The honest proof with the lie's PCS opening proof (well-formed, for other
        // commitments and claims), or with the reduction's last round changed.
        let one = <P::Field as ark_ff::Field>::ONE;
        let (with_other_pcs_proof, with_changed_evaluation) = match (honest, lie) {
            (BackendProof::Lasso(h), BackendProof::Lasso(l)) => {
                let mut other = h.clone();
                other.opening.pcs = l.opening.pcs;
                let mut changed = h;
                let last = changed.opening.reduction.round_polys.len() - 1;
                changed.opening.reduction.round_polys[last].coeffs_except_linear[0] += one;
                (BackendProof::Lasso(other), BackendProof::Lasso(changed))
            }
            (BackendProof::Twist(h), BackendProof::Twist(l)) => {
                let mut other = h.clone();
                other.opening.pcs = l.opening.pcs;
                let mut changed = h;
                let last = changed.opening.reduction.round_polys.len() - 1;
                changed.opening.reduction.round_polys[last].coeffs_except_linear[0] += one;
                (BackendProof::Twist(other), BackendProof::Twist(changed))
            }
            _ => unreachable!("both proofs come from {backend}"),
        };
        rejected_by!(
            case("another PCS opening proof"),
            backend,
            verify(&s.pre, &s.io, &with_other_pcs_proof),
            JoltError::Opening(OpeningError::Pcs(_))
        );
        rejected_by!(
            case("opening reduction round"),
            backend,
            verify(&s.pre, &s.io, &with_changed_evaluation),
            JoltError::Opening(OpeningError::Pcs(_))
        );
    }
}

#[test]
fn lies_are_rejected_with_every_backend_and_scheme() {
    for_each_backend_and_pcs(&Pcs::ALL, &mut EveryScheme);
}
