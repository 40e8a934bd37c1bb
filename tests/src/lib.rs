//! Workspace-level end-to-end and adversarial tests live in `tests/tests/`; this library
//! holds what they share: loading the guest ELFs and proving them, and the lies a prover
//! can tell ([`lie`], one per CPU constraint in [`cpu_lies`]).

pub mod cpu_lies;
pub mod lie;

use commitments::CommitmentScheme;
use instructions::LookupParams;
use jolt_core::vm::{LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{preprocess_and_prove, ProvedRun, Silent};
use std::path::PathBuf;

/// The insecure setup seed the tests use.
pub const SEED: u64 = 1;

/// `guests/<relative>` in the workspace.
pub fn guest_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../guests")
        .join(relative)
}

/// The bytes of `guests/<relative>`.
pub fn guest(relative: &str) -> Vec<u8> {
    std::fs::read(guest_path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every conformance program (`guests/conformance/*.elf`) but the deliberately failing one,
/// by name, sorted.
pub fn conformance_programs() -> Vec<(String, Vec<u8>)> {
    let dir = guest_path("conformance");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("guests/conformance exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "elf"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .filter(|(name, _)| name != "selftest_fail")
        .collect();
    out.sort();
    out
}

/// Loads `elf` with the default layout and proves its run on `input`.
pub fn prove<S: CommitmentScheme>(elf: &[u8], input: &[u8], params: LookupParams) -> ProvedRun<S> {
    let program = Program::load(elf, &LayoutConfig::default()).expect("the guest loads");
    preprocess_and_prove::<S>(
        program,
        input,
        params,
        &RunOptions::default(),
        SEED,
        &Silent,
    )
    .expect("the guest runs and proves")
}
