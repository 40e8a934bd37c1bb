//! Prove a Rust guest written with the guest SDK, with typed input and output.
//!
//! ```text
//! cargo run --release -p jolt-core --example rust_guest -- 1024
//! cargo run --release -p jolt-core --example rust_guest -- 1024 twist   # Twist/Shout backend
//! ```
//!
//! The guest is `guests/programs/sha256` (RustCrypto `sha2` on the SDK): its function
//! `fn sha256(n: u32) -> [u8; 32]` hashes an `n`-byte message. The host passes `n` and gets
//! the digest back decoded; `prove_typed` postcard-encodes the input, proves the run, verifies
//! the proof and decodes the output. The backend is a field of the [`GuestConfig`].

use commitments::HyperKzg;
use jolt_core::bench::programs::program;
use jolt_core::guest::{prove_typed, GuestConfig};
use jolt_core::zkvm::Backend;

/// Proves SHA-256 of an `n`-byte message in the guest; returns the digest and a summary.
pub fn prove_sha256(
    n: u32,
    config: &GuestConfig,
) -> Result<([u8; 32], String), Box<dyn std::error::Error>> {
    let elf = program("sha256").ok_or("no sha256 program")?.elf;
    let proved = prove_typed::<HyperKzg, u32, [u8; 32]>(elf, &n, config)?;
    let hex: String = proved.output.iter().map(|b| format!("{b:02x}")).collect();
    let summary = format!(
        "sha256 of {n} bytes = {hex} [{}]: {} cycles, {} steps (T = 2^{}), proved in {:.2} s, \
         proof {} bytes, verified",
        proved.run.proof.backend(),
        proved.run.cycles,
        proved.run.steps,
        proved.run.proof.log_t(),
        proved.run.timings.total().as_secs_f64(),
        proved.run.proof.proof_bytes().total
    );
    Ok((proved.output, summary))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n = args.next().map_or(Ok(1024), |s| s.parse())?;
    let backend = args.next().map_or(Ok(Backend::default()), |s| s.parse())?;
    let config = GuestConfig {
        backend,
        ..GuestConfig::default()
    };
    let (_, summary) = prove_sha256(n, &config)?;
    println!("{summary}");
    Ok(())
}
