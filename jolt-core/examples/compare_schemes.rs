//! The same program proven with every commitment scheme, side by side.
//!
//! ```text
//! cargo run --release -p jolt-core --example compare_schemes -- 2000
//! ```
//!
//! Every protocol is generic over `commitments::CommitmentScheme`, so comparing schemes is
//! one generic function called once per scheme. The table printed shows prove and verify
//! time and the proof size (total, and the parts the scheme decides: commitments and the one
//! batched opening).

use ark_bn254::Fr;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use instructions::LookupParams;
use jolt_core::guests::FIB_ELF;
use jolt_core::vm::{LayoutConfig, Program, RunOptions};
use jolt_core::zkvm::{preprocess_and_prove, verify, Silent};
use std::error::Error;
use std::time::Instant;

/// One scheme's figures.
#[derive(Clone, Debug)]
pub struct SchemeRow {
    /// The scheme.
    pub scheme: &'static str,
    /// Trace steps.
    pub steps: usize,
    /// Prove time, ms.
    pub prove_ms: f64,
    /// Verify time, ms.
    pub verify_ms: f64,
    /// Proof bytes: total, commitments, batched opening.
    pub proof_bytes: [usize; 3],
    /// The public output.
    pub output: Vec<u8>,
}

/// Proves and verifies `fib(n)` with scheme `S`.
pub fn prove_with<S: CommitmentScheme<Field = Fr>>(
    n: u32,
    params: LookupParams,
) -> Result<SchemeRow, Box<dyn Error>> {
    let program = Program::load(FIB_ELF, &LayoutConfig::default())?;
    let input = n.to_le_bytes();
    let run =
        preprocess_and_prove::<S>(program, &input, params, &RunOptions::default(), 7, &Silent)?;
    let start = Instant::now();
    verify(&run.preprocessing, &run.io, &run.proof)?;
    let verify_ms = start.elapsed().as_secs_f64() * 1e3;
    let sizes = run.proof.proof_bytes();
    Ok(SchemeRow {
        scheme: S::NAME,
        steps: run.steps,
        prove_ms: run.timings.total().as_secs_f64() * 1e3,
        verify_ms,
        proof_bytes: [sizes.total, sizes.commitments, sizes.opening],
        output: run.io.output,
    })
}

/// Every scheme on `fib(n)`.
pub fn compare(n: u32, params: LookupParams) -> Result<Vec<SchemeRow>, Box<dyn Error>> {
    Ok(vec![
        prove_with::<HyperKzg>(n, params)?,
        prove_with::<Zeromorph>(n, params)?,
        prove_with::<Hyrax>(n, params)?,
    ])
}

/// The rows as a Markdown table.
pub fn render(rows: &[SchemeRow]) -> String {
    let mut s = String::from(
        "| scheme | steps | prove ms | verify ms | proof B | commitments B | opening B |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        s.push_str(&format!(
            "| {} | {} | {:.0} | {:.1} | {} | {} | {} |\n",
            r.scheme,
            r.steps,
            r.prove_ms,
            r.verify_ms,
            r.proof_bytes[0],
            r.proof_bytes[1],
            r.proof_bytes[2]
        ));
    }
    s
}

fn main() -> Result<(), Box<dyn Error>> {
    let n = std::env::args().nth(1).map_or(Ok(2000), |s| s.parse())?;
    let rows = compare(n, LookupParams::DEFAULT)?;
    println!(
        "fib({n}) with every commitment scheme:\n\n{}",
        render(&rows)
    );
    Ok(())
}
