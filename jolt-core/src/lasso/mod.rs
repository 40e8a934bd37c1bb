//! Lasso/Surge lookup arguments (Setty, Thaler, Wahby, EUROCRYPT 2024, §3–5; Jolt §4).
//! See `paper-notes/lasso.md`.
//!
//! - [`surge`]: the Surge argument for decomposable tables: a primary sumcheck that every
//!   lookup output equals `g_f` of its subtable values, plus read-only memory checking of
//!   every (subtable, chunk) memory.

pub mod surge;

pub use surge::{
    prove_surge, verify_surge, FieldFn, SurgeClaims, SurgeError, SurgeInstruction, SurgeParams,
    SurgeProof, SurgeWitness,
};
