//! Prove and verify a guest through the Rust API.
//!
//! ```text
//! cargo run --release -p jolt-core --example prove_guest -- 2000
//! ```
//!
//! One call runs the guest, preprocesses it for its trace length (with the insecure
//! deterministic PCS setup of the given seed) and proves the run; one call verifies. The
//! public statement is `run.io`: the input, the output bytes and the exit code.

use commitments::HyperKzg;
use instructions::LookupParams;
use jolt_core::guests::FIB_ELF;
use jolt_core::vm::{LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{preprocess_and_prove, verify, Silent};

/// Proves `fib(n)` with HyperKZG and lookup parameters `params`, verifies the proof, and
/// returns `F(n) mod 2^32` with a one-line summary.
pub fn prove_fib(
    n: u32,
    params: LookupParams,
) -> Result<(u32, String), Box<dyn std::error::Error>> {
    let program = Program::load(FIB_ELF, &LayoutConfig::default())?;
    let input = n.to_le_bytes();
    let run = preprocess_and_prove::<HyperKzg>(
        program,
        &input,
        params,
        &RunOptions::default(),
        42,
        &Silent,
    )?;
    verify(&run.preprocessing, &run.io, &run.proof)?;

    let value = u32::from_le_bytes(run.io.output[..4].try_into()?);
    let summary = format!(
        "fib({n}) = {value}: {} steps (T = 2^{}), proved in {:.2} s, proof {} bytes, verified",
        run.steps,
        run.proof.log_t,
        run.timings.total().as_secs_f64(),
        run.proof.proof_bytes().total
    );
    Ok((value, summary))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n = std::env::args().nth(1).map_or(Ok(2000), |s| s.parse())?;
    let (_, summary) = prove_fib(n, LookupParams::DEFAULT)?;
    println!("{summary}");
    Ok(())
}
