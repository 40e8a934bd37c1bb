//! Every guest and conformance program proves and verifies, with every commitment scheme.
//! Small traces run in CI with `(C, log M) = (8, 8)` (the subtables have 256 entries, so
//! the per-proof fixed cost is small); the big guests and Jolt's `(4, 16)` for everything
//! are `#[ignore]`d (`cargo test --release -p jolt-tests --test e2e -- --ignored`).

use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, Zeromorph};
use instructions::LookupParams;
use jolt_core::zkvm::verify;
use jolt_tests::{conformance_programs, guest, prove};

fn proves_and_verifies<S: CommitmentScheme>(
    name: &str,
    elf: &[u8],
    input: &[u8],
    params: LookupParams,
) {
    let run = prove::<S>(elf, input, params);
    assert_eq!(
        verify(&run.preprocessing, &run.io, &run.proof),
        Ok(()),
        "{name} with {}",
        S::NAME
    );
}

fn small_guests() -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
    vec![
        ("echo", guest("src/echo.elf"), b"zkVM".to_vec()),
        ("fib", guest("src/fib.elf"), 20u32.to_le_bytes().to_vec()),
        (
            "fib-high",
            guest("src/fib-high.elf"),
            20u32.to_le_bytes().to_vec(),
        ),
        ("subword", guest("src/subword.elf"), Vec::new()),
    ]
}

/// Half `part` (0 or 1) of the conformance programs: two tests, so both cores work.
fn conformance_half(part: usize) {
    for (i, (name, elf)) in conformance_programs().into_iter().enumerate() {
        if i % 2 == part {
            proves_and_verifies::<HyperKzg>(&name, &elf, &[], LookupParams::SMALL);
        }
    }
}

#[test]
fn conformance_programs_prove_with_hyperkzg_even() {
    conformance_half(0);
}

#[test]
fn conformance_programs_prove_with_hyperkzg_odd() {
    conformance_half(1);
}

#[test]
fn small_guests_prove_with_every_scheme() {
    for (name, elf, input) in small_guests() {
        proves_and_verifies::<HyperKzg>(name, &elf, &input, LookupParams::SMALL);
        proves_and_verifies::<Zeromorph>(name, &elf, &input, LookupParams::SMALL);
        proves_and_verifies::<Hyrax>(name, &elf, &input, LookupParams::SMALL);
        proves_and_verifies::<Dory>(name, &elf, &input, LookupParams::SMALL);
    }
}

#[test]
fn fib_proves_with_jolt_parameters() {
    let elf = guest("src/fib.elf");
    proves_and_verifies::<HyperKzg>("fib", &elf, &10u32.to_le_bytes(), LookupParams::DEFAULT);
}

#[test]
#[ignore = "minutes: every conformance program with Zeromorph and Hyrax"]
fn conformance_programs_prove_with_zeromorph_and_hyrax() {
    for (name, elf) in conformance_programs() {
        proves_and_verifies::<Zeromorph>(&name, &elf, &[], LookupParams::SMALL);
        proves_and_verifies::<Hyrax>(&name, &elf, &[], LookupParams::SMALL);
    }
}

#[test]
#[ignore = "minutes: every conformance program with Dory"]
fn conformance_programs_prove_with_dory() {
    for (name, elf) in conformance_programs() {
        proves_and_verifies::<Dory>(&name, &elf, &[], LookupParams::SMALL);
    }
}

#[test]
#[ignore = "big traces (2^15..2^17 steps): run in release"]
fn big_guests_prove_with_every_scheme() {
    for (name, file) in [
        ("muldiv", "src/muldiv.elf"),
        ("sort", "src/sort.elf"),
        ("sha256", "src/sha256.elf"),
    ] {
        let elf = guest(file);
        proves_and_verifies::<HyperKzg>(name, &elf, &[], LookupParams::DEFAULT);
        proves_and_verifies::<Zeromorph>(name, &elf, &[], LookupParams::DEFAULT);
        proves_and_verifies::<Hyrax>(name, &elf, &[], LookupParams::DEFAULT);
        proves_and_verifies::<Dory>(name, &elf, &[], LookupParams::DEFAULT);
    }
}
