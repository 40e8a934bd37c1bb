//! Prove and verify a guest through the Rust API, with each memory-checking backend.
//!
//! ```text
//! cargo run --release -p jolt-core --example prove_guest -- 2000          # both backends
//! cargo run --release -p jolt-core --example prove_guest -- 2000 twist    # one
//! ```
//!
//! One call runs the guest, preprocesses it for its trace length (with the insecure
//! deterministic PCS setup of the given seed) and proves the run with the chosen
//! [`Backend`] — Lasso/Spice (timestamps and grand products) or Twist/Shout (one-hot
//! addresses and increments); one call verifies, with the backend the proof records. The
//! public statement is `run.io`: the input, the output bytes and the exit code. Both
//! backends share the program's preprocessing, the CPU constraints and the commitment scheme.

use commitments::HyperKzg;
use instructions::LookupParams;
use jolt_core::guests::FIB_ELF;
use jolt_core::vm::{LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{
    preprocess_and_prove_within, verify, Backend, MemoryLimit, ProverKey, Silent,
};

/// Proves `fib(n)` with HyperKZG, lookup parameters `params` and `backend`, verifies the
/// proof, and returns `F(n) mod 2^32` with a one-line summary.
pub fn prove_fib(
    n: u32,
    params: LookupParams,
    backend: Backend,
) -> Result<(u32, String), Box<dyn std::error::Error>> {
    let program = Program::load(FIB_ELF, &LayoutConfig::default())?;
    let input = n.to_le_bytes();
    let run = preprocess_and_prove_within::<HyperKzg>(
        program,
        &input,
        params,
        &RunOptions::default(),
        backend,
        ProverKey::InsecureDev(42),
        MemoryLimit::Detect,
        &Silent,
    )?;
    // `verify` dispatches on the backend the proof records.
    assert_eq!(run.proof.backend(), backend);
    verify(&run.preprocessing, &run.io, &run.proof)?;

    let value = u32::from_le_bytes(run.io.output[..4].try_into()?);
    let summary = format!(
        "fib({n}) = {value} [{backend}]: {} steps (T = 2^{}), proved in {:.2} s, proof {} bytes, \
         verified",
        run.steps,
        run.proof.log_t(),
        run.timings.total().as_secs_f64(),
        run.proof.proof_bytes().total
    );
    Ok((value, summary))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n = args.next().map_or(Ok(2000), |s| s.parse())?;
    let backends = match args.next() {
        Some(name) => vec![name.parse::<Backend>()?],
        None => Backend::ALL.to_vec(),
    };
    for backend in backends {
        let (_, summary) = prove_fib(n, LookupParams::DEFAULT, backend)?;
        println!("{summary}");
    }
    Ok(())
}
