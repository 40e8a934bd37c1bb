//! The Twist and Shout memory-checking family (Setty–Thaler, ePrint 2025/105): one-hot
//! addresses instead of timestamps and grand products. See `paper-notes/twist-and-shout.md`
//! for the paper's objects and equations mapped to this code.
//!
//! - [`one_hot`]: address matrices split into `d` one-hot chunks, stored as one small index
//!   per cycle (or, for lying provers in tests, as sparse columns).
//! - [`shout`]: read-only memory checking (read + raf sumcheck, booleanity, Hamming weight).
//!
//! This is the standalone protocol layer of the second memory-checking backend (DESIGN §10);
//! the zkVM still uses the Lasso/Spice backend.

pub mod one_hot;
pub mod shout;

#[cfg(test)]
mod shout_tests;

pub use one_hot::{Column, OneHotAddresses, RaChunk};
pub use shout::{
    check_ra_claims, int_mle, prove_shout, verify_shout, OneHotCheck, RaClaim, ShoutClaims,
    ShoutError, ShoutParams, ShoutProof,
};
