//! Lasso/Surge lookup arguments (Setty, Thaler, Wahby, EUROCRYPT 2024, §3–5; Jolt §4).
//! See `paper-notes/lasso.md`.
//!
//! - [`surge`]: the Surge argument for decomposable tables: a primary sumcheck that every
//!   lookup output equals `g_f` of its subtable values, plus read-only memory checking of
//!   every (subtable, chunk) memory.
//! - [`rv32`]: the Surge instance of all RV32IM lookups over the `instructions` crate's
//!   subtables.

pub mod rv32;
pub mod surge;

pub use rv32::{lookup_index, operand_memory_indices, rv32_memories, rv32_surge_params};
pub use surge::{
    prove_surge, verify_surge, FieldFn, SurgeClaims, SurgeError, SurgeInstruction, SurgeParams,
    SurgeProof, SurgeWitness,
};
