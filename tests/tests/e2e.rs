//! Every guest and conformance program proves and verifies, with both memory-checking
//! backends (Lasso/Spice, Twist/Shout) and every commitment scheme. Small traces run in CI
//! with `(C, log M) = (8, 8)` (the subtables have 256 entries, so the per-proof fixed cost is
//! small); the big guests and Jolt's `(4, 16)` for everything are `#[ignore]`d
//! (`cargo test --release -p jolt-tests --test e2e -- --ignored`).
//!
//! What runs where (backend × scheme via [`for_each_backend_and_pcs`]):
//!
//! | programs | backends | schemes | in CI |
//! |---|---|---|---|
//! | every conformance program | both | HyperKZG | yes (four tests: backend × half) |
//! | the small guests (echo, fib, fib-high, subword) | both | HyperKZG, Zeromorph, Hyrax, Dory | yes |
//! | a representative conformance set ([`REPRESENTATIVE`]) | both | Zeromorph, Hyrax | yes |
//! | fib with `(4, 16)` | both | HyperKZG | yes |
//! | every conformance program | both | Zeromorph, Hyrax, Dory | `#[ignore]` |
//! | the big guests (muldiv, sort, sha256) with `(4, 16)` | both | all four | `#[ignore]` |
//!
//! The Rust benchmark programs (`rust_guests.rs`) prove with both backends too.

use std::time::Instant;

use commitments::CommitmentScheme;
use instructions::LookupParams;
use jolt_core::zkvm::{verify, Backend};
use jolt_tests::{
    conformance_programs, for_each_backend_and_pcs, for_each_pcs, guest, prove_with,
    BackendPcsCase, Pcs,
};

/// Programs (name, ELF, input) each proven and verified with every backend × scheme the
/// runner hands it.
struct ProvesAndVerifies {
    programs: Vec<(String, Vec<u8>, Vec<u8>)>,
    params: LookupParams,
}

impl BackendPcsCase for ProvesAndVerifies {
    fn run<S: CommitmentScheme>(&mut self, backend: Backend) {
        for (name, elf, input) in &self.programs {
            let clock = Instant::now();
            let run = prove_with::<S>(backend, elf, input, self.params);
            assert_eq!(run.proof.backend(), backend, "{name}");
            assert_eq!(
                verify(&run.preprocessing, &run.io, &run.proof),
                Ok(()),
                "{name} with {} and {backend}",
                S::NAME
            );
            eprintln!(
                "{name}: {backend} + {} in {:.2?} ({} steps)",
                S::NAME,
                clock.elapsed(),
                run.steps
            );
        }
    }
}

fn small_guests() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    vec![
        ("echo".into(), guest("src/echo.elf"), b"zkVM".to_vec()),
        (
            "fib".into(),
            guest("src/fib.elf"),
            20u32.to_le_bytes().to_vec(),
        ),
        (
            "fib-high".into(),
            guest("src/fib-high.elf"),
            20u32.to_le_bytes().to_vec(),
        ),
        ("subword".into(), guest("src/subword.elf"), Vec::new()),
    ]
}

/// Conformance programs that between them exercise every kind of row (ALU lookups with an
/// immediate, shifts, a multiply sequence, sub-word stores, branches and jumps) in a few
/// hundred to 3000 steps: these also run with Zeromorph and Hyrax in CI. (The small guests
/// add loads of every width, the I/O region and 2^8-step traces with all four schemes.)
const REPRESENTATIVE: [&str; 6] = ["addi", "srai", "mulhu", "sb", "beq", "jalr"];

/// The conformance programs, all or those named, with no input.
fn conformance(filter: impl Fn(usize, &str) -> bool) -> ProvesAndVerifies {
    ProvesAndVerifies {
        programs: conformance_programs()
            .into_iter()
            .enumerate()
            .filter(|(i, (name, _))| filter(*i, name))
            .map(|(_, (name, elf))| (name, elf, Vec::new()))
            .collect(),
        params: LookupParams::SMALL,
    }
}

/// Half `part` (0 or 1) of the conformance programs with `backend` and HyperKZG: four
/// tests, so both cores work.
fn conformance_half(backend: Backend, part: usize) {
    let mut case = conformance(|i, _| i % 2 == part);
    for_each_pcs(backend, &[Pcs::HyperKzg], &mut case);
}

#[test]
fn conformance_programs_prove_with_lasso_and_hyperkzg_even() {
    conformance_half(Backend::LassoSpice, 0);
}

#[test]
fn conformance_programs_prove_with_lasso_and_hyperkzg_odd() {
    conformance_half(Backend::LassoSpice, 1);
}

#[test]
fn conformance_programs_prove_with_twist_and_hyperkzg_even() {
    conformance_half(Backend::TwistShout, 0);
}

#[test]
fn conformance_programs_prove_with_twist_and_hyperkzg_odd() {
    conformance_half(Backend::TwistShout, 1);
}

#[test]
fn representative_conformance_programs_prove_with_zeromorph_and_hyrax() {
    let mut case = conformance(|_, name| REPRESENTATIVE.contains(&name));
    assert_eq!(
        case.programs.len(),
        REPRESENTATIVE.len(),
        "every representative program exists"
    );
    for_each_backend_and_pcs(&[Pcs::Zeromorph, Pcs::Hyrax], &mut case);
}

#[test]
fn small_guests_prove_with_every_backend_and_scheme() {
    let mut case = ProvesAndVerifies {
        programs: small_guests(),
        params: LookupParams::SMALL,
    };
    for_each_backend_and_pcs(&Pcs::ALL, &mut case);
}

#[test]
fn fib_proves_with_jolt_parameters() {
    let mut case = ProvesAndVerifies {
        programs: vec![(
            "fib".into(),
            guest("src/fib.elf"),
            10u32.to_le_bytes().to_vec(),
        )],
        params: LookupParams::DEFAULT,
    };
    for_each_backend_and_pcs(&[Pcs::HyperKzg], &mut case);
}

#[test]
#[ignore = "minutes: every conformance program with Zeromorph, Hyrax and Dory, both backends"]
fn conformance_programs_prove_with_zeromorph_hyrax_and_dory() {
    let mut case = conformance(|_, _| true);
    for_each_backend_and_pcs(&[Pcs::Zeromorph, Pcs::Hyrax, Pcs::Dory], &mut case);
}

#[test]
#[ignore = "big traces (2^15..2^17 steps): run in release"]
fn big_guests_prove_with_every_backend_and_scheme() {
    let mut case = ProvesAndVerifies {
        programs: [
            ("muldiv", "src/muldiv.elf"),
            ("sort", "src/sort.elf"),
            ("sha256", "src/sha256.elf"),
        ]
        .into_iter()
        .map(|(name, file)| (name.to_string(), guest(file), Vec::new()))
        .collect(),
        params: LookupParams::DEFAULT,
    };
    for_each_backend_and_pcs(&Pcs::ALL, &mut case);
}
