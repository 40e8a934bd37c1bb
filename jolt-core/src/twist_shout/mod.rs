//! The Twist and Shout memory-checking family (Setty–Thaler, ePrint 2025/105): one-hot
//! addresses instead of timestamps and grand products. See `paper-notes/twist-and-shout.md`
//! for the paper's objects and equations mapped to this code.
//!
//! - [`one_hot`]: address matrices split into `d` one-hot chunks, stored as one small index
//!   per cycle (or, for lying provers in tests, as sparse columns).
//! - [`shout`]: read-only memory checking (read + raf sumcheck, booleanity, Hamming weight).
//! - [`twist`]: read-write memory checking (read/write checking, output check, Val
//!   evaluation, the same one-hot checks), with increments instead of timestamps.
//! - [`vm`]: the zkVM's registers, RAM and bytecode as Twist/Shout instances built from a trace.
//!
//! This is the standalone protocol layer of the second memory-checking backend (DESIGN §10);
//! [`crate::zkvm::twist_backend`] runs the zkVM on it.

pub mod dense;
pub mod one_hot;
pub mod shout;
pub mod twist;
pub mod vm;

#[cfg(test)]
mod shout_tests;
#[cfg(test)]
mod twist_tests;
#[cfg(test)]
mod vm_tests;

pub use one_hot::{Column, OneHotAddresses, RaChunk};
pub use shout::{
    check_ra_claims, int_mle, prove_shout, prove_shout_batch, verify_shout, verify_shout_batch,
    OneHotCheck, RaClaim, ShoutClaims, ShoutError, ShoutInstance, ShoutInstanceClaim, ShoutParams,
    ShoutProof,
};
pub use twist::{
    access_claims, check_twist_claims, lt_mle, lt_table, prove_twist, prove_twist_with_claims,
    verify_twist, OutputRegion, TwistClaims, TwistError, TwistParams, TwistProof, TwistWitness,
};
