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
