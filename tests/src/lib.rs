//! Workspace-level end-to-end and adversarial tests live in `tests/tests/`; this library
//! holds what they share: loading the guest ELFs and proving them with either memory-checking
//! backend ([`for_each_backend_and_pcs`] iterates backend × commitment scheme), and the lies
//! a prover can tell ([`lie`], one per CPU constraint in [`cpu_lies`]).

pub mod cpu_lies;
pub mod lie;

use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, Zeromorph};
use instructions::LookupParams;
use jolt_core::vm::{LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{
    preprocess_and_prove_within, Backend, MemoryLimit, ProvedRun, ProverKey, Silent,
};
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

/// Loads `elf` with the default layout and proves its run on `input` with the default
/// (Lasso/Spice) backend.
pub fn prove<S: CommitmentScheme>(elf: &[u8], input: &[u8], params: LookupParams) -> ProvedRun<S> {
    prove_with::<S>(Backend::default(), elf, input, params)
}

/// Loads `elf` with the default layout and proves its run on `input` with `backend`.
pub fn prove_with<S: CommitmentScheme>(
    backend: Backend,
    elf: &[u8],
    input: &[u8],
    params: LookupParams,
) -> ProvedRun<S> {
    let program = Program::load(elf, &LayoutConfig::default()).expect("the guest loads");
    preprocess_and_prove_within::<S>(
        program,
        input,
        params,
        &RunOptions::default(),
        backend,
        ProverKey::InsecureDev(SEED),
        MemoryLimit::Detect,
        &Silent,
    )
    .unwrap_or_else(|e| panic!("the guest runs and proves with {backend}: {e}"))
}

/// A polynomial commitment scheme, as a value (the tests pick sets of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pcs {
    /// [`HyperKzg`].
    HyperKzg,
    /// [`Zeromorph`].
    Zeromorph,
    /// [`Hyrax`].
    Hyrax,
    /// [`Dory`].
    Dory,
}

impl Pcs {
    /// Every scheme.
    pub const ALL: [Pcs; 4] = [Pcs::HyperKzg, Pcs::Zeromorph, Pcs::Hyrax, Pcs::Dory];
    /// The two KZG-based schemes and Hyrax.
    pub const KZG_AND_HYRAX: [Pcs; 3] = [Pcs::HyperKzg, Pcs::Zeromorph, Pcs::Hyrax];
}

/// A test case generic over the commitment scheme, run by [`for_each_backend_and_pcs`].
pub trait BackendPcsCase {
    /// Runs the case with scheme `S` and `backend`.
    fn run<S: CommitmentScheme>(&mut self, backend: Backend);
}

/// Runs `case` for every backend ([`Backend::ALL`]) × every scheme in `schemes`,
/// backend-major.
pub fn for_each_backend_and_pcs(schemes: &[Pcs], case: &mut impl BackendPcsCase) {
    for backend in Backend::ALL {
        for_each_pcs(backend, schemes, case);
    }
}

/// Runs `case` with `backend` for every scheme in `schemes`.
pub fn for_each_pcs(backend: Backend, schemes: &[Pcs], case: &mut impl BackendPcsCase) {
    for pcs in schemes {
        match pcs {
            Pcs::HyperKzg => case.run::<HyperKzg>(backend),
            Pcs::Zeromorph => case.run::<Zeromorph>(backend),
            Pcs::Hyrax => case.run::<Hyrax>(backend),
            Pcs::Dory => case.run::<Dory>(backend),
        }
    }
}
