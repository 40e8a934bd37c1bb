//! The Rust benchmark programs (`guests/programs/`, built on the guest SDK): every case of
//! `expected.tsv` runs in the emulator with the output of a native build of the same source;
//! the smallest instance of each program that is cheap enough proves and verifies with that
//! output with both memory-checking backends (HyperKZG, `(C, log M) = (8, 8)`, as the other
//! CI proofs); the typed host API round-trips (it proves with the default backend).
//! `bigint-modexp` (2^17 steps at its smallest) proves in the `#[ignore]`d test;
//! `ecdsa-verify` (2^23 steps) is too long to prove on the 24 GiB machines and only runs.

use commitments::HyperKzg;
use instructions::LookupParams;
use jolt_core::bench::programs::{expected_output, expected_runs, input, load, program};
use jolt_core::guest::{prove_typed, run_typed, GuestConfig, GuestError};
use jolt_core::vm::{self, RunOptions};
use jolt_core::zkvm::{verify, Backend};
use jolt_tests::prove_with;

#[test]
fn every_native_case_runs_in_the_vm_with_the_native_output() {
    let runs = expected_runs();
    assert!(runs.len() >= 20, "expected.tsv has {} cases", runs.len());
    for case in runs {
        let p = program(&case.program).unwrap_or_else(|| panic!("{} is listed", case.program));
        let options = RunOptions {
            max_cycles: 1 << 28,
        };
        let summary = vm::run(&load(p), &case.input, &options)
            .unwrap_or_else(|e| panic!("{} {}: {e}", case.program, case.size));
        assert_eq!(
            (summary.exit_code, &summary.output),
            (case.exit_code, &case.output),
            "{} {}",
            case.program,
            case.size
        );
    }
}

fn proves_smallest_instance(name: &str) {
    let p = program(name).expect("a benchmark program");
    let (exit_code, output) = expected_output(name, p.smallest).expect("a native case");
    for backend in Backend::ALL {
        let run = prove_with::<HyperKzg>(backend, p.elf, &input(p.smallest), LookupParams::SMALL);
        assert_eq!(
            verify(&run.preprocessing, &run.io, &run.proof),
            Ok(()),
            "{name} with {backend}"
        );
        assert_eq!(
            (run.io.exit_code, &run.io.output),
            (exit_code, &output),
            "{name} with {backend}"
        );
    }
}

#[test]
fn small_programs_prove_fibonacci_loop_sort_sha256() {
    for name in ["fibonacci", "loop", "sort", "sha256"] {
        proves_smallest_instance(name);
    }
}

#[test]
fn small_programs_prove_json_keccak256() {
    for name in ["json", "keccak256"] {
        proves_smallest_instance(name);
    }
}

/// 2^17 steps: about a minute in release.
#[test]
#[ignore]
fn bigint_modexp_proves() {
    proves_smallest_instance("bigint-modexp");
}

#[test]
fn typed_api_proves_and_decodes_the_output() {
    let fibonacci = program("fibonacci").unwrap().elf;
    let config = GuestConfig {
        params: LookupParams::SMALL,
        ..GuestConfig::default()
    };
    let proved = prove_typed::<HyperKzg, u32, u64>(fibonacci, &90, &config).unwrap();
    assert_eq!(proved.output, 2_880_067_194_370_816_120);
    let sort = program("sort").unwrap().elf;
    let ((min, median, max, _), _) =
        run_typed::<u32, (u32, u32, u32, u32)>(sort, &1000, &config).unwrap();
    assert!(min <= median && median <= max);
}

#[test]
fn a_guest_panic_is_an_error_with_its_message() {
    let fibonacci = program("fibonacci").unwrap().elf;
    // No input: the entry cannot decode the u32 argument and panics.
    match run_typed::<(), u64>(fibonacci, &(), &GuestConfig::default()) {
        Err(GuestError::Panicked(message)) => {
            assert!(message.contains("cannot decode the input"), "{message}")
        }
        other => panic!("expected a panic, got {:?}", other.map(|r| r.0)),
    }
}
