//! # `jolt-core`: the zkVM
//!
//! - [`vm`]: ELF loading, the verifier-side memory layout, the emulator.
//! - [`guests`]: the example guest ELFs embedded in the crate.
//! - [`guest`]: typed input/output for Rust guests written with the SDK (`guests/sdk`).
//! - [`cli`]: the `jolt` command line.
//! - [`bench`]: the benchmark suites behind `jolt bench` (tables and plots).
//! - [`r1cs`]: the uniform per-step constraint system and its Spartan proof
//!   (`paper-notes/spartan.md`).
//! - [`memory_checking`]: read-only and read-write offline memory checking
//!   (`paper-notes/memory-checking.md`).
//! - [`lasso`]: the Surge lookup argument (`paper-notes/lasso.md`).
//! - [`opening`]: the accumulator that turns every evaluation claim into one batched PCS
//!   opening.
//!
//! The protocols are generic over the field and over `commitments::CommitmentScheme`; the
//! end-to-end prover that composes them over a VM trace is the next milestone (see README).
/// Whether `JOLT_PROFILE` is set: then [`profiled!`] prints sub-stage timings to stderr.
pub fn profiling_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("JOLT_PROFILE").is_some())
}

/// `profiled!(label, expr)` evaluates `expr`; with `JOLT_PROFILE` set it also prints how long
/// that took, under `label`, to stderr: the prover's sub-stages, finer than
/// [`zkvm::ProveTimings`].
#[macro_export]
macro_rules! profiled {
    ($label:expr, $e:expr) => {{
        let clock = std::time::Instant::now();
        let value = $e;
        if $crate::profiling_enabled() {
            eprintln!(
                "  [profile] {:<28} {:9.1} ms",
                $label,
                clock.elapsed().as_secs_f64() * 1e3
            );
        }
        value
    }};
}

pub mod bench;
pub mod cli;
pub mod guest;
pub mod guests;
pub mod lasso;
pub mod memory_checking;
pub mod opening;
pub mod r1cs;
pub mod twist_shout;
pub mod vm;
pub mod zkvm;
