//! The end-to-end zkVM proof (Jolt, Arun–Setty–Thaler 2024; see `paper-notes/jolt.md`).
//!
//! A [`JoltProof`] shows that a preprocessed RV32IM program, run on public input bytes,
//! reaches its halting `ecall` with a public exit code and output. Its parts share one
//! batch of committed polynomials ([`witness`]) and one Fiat–Shamir transcript:
//!
//! 1. **bytecode** — every step reads a row of the preprocessed [`bytecode_table`]
//!    (read-only memory checking of the row tuple, compressed with a random `β`);
//! 2. **instruction lookups** — Surge over all RV32IM lookups ([`crate::lasso::rv32`]);
//! 3. **registers and RAM** — read-write memory checking of four operations per step
//!    (rs1, rs2, rd, one RAM word) with verifier-derived write timestamps and a range check
//!    on read timestamps; an **output check** sumcheck binds the final I/O region (output,
//!    exit code, termination flag) to the public values; a **region range check**
//!    ([`regions`]) binds every load/store to its guest address;
//! 4. **CPU constraints** — a uniform R1CS per step ([`constraints`]) proven with Spartan;
//! 5. one **batched opening** of every evaluation claim ([`crate::opening`]).
//!
//! That is the **Lasso/Spice** backend ([`prover::prove_witness`],
//! [`verifier::verify_lasso_spice`]). The **Twist/Shout** backend ([`twist_backend`]) proves the
//! same statement over the same witness columns, constraints and accumulator with one-hot
//! addresses and increments instead of timestamps and grand products; [`Backend`] picks one
//! ([`backend`]).
//!
//! [`prover::prove`] runs and proves a program; [`verify`] checks a proof (either backend's,
//! [`BackendProof`]) against the [`JoltPreprocessing`] and the [`PublicIo`], generic over the
//! commitment scheme.

pub mod backend;
pub mod bytecode_table;
pub mod commit;
pub mod constraints;
pub mod file;
pub mod preprocessing;
pub mod proof;
pub mod prover;
pub mod regions;
pub mod resources;
pub mod statement;
pub mod twist_backend;
pub mod verifier;
pub mod witness;

#[cfg(test)]
mod tests;

pub use backend::{prove_witness_with, verify, Backend, BackendProof, UnknownBackend};
pub use preprocessing::{JoltPreprocessing, JoltVerifierPreprocessing};
pub use proof::{JoltError, JoltProof, ProofSizes, PublicIo};
pub use prover::{
    check_resources, preprocess_and_prove, preprocess_and_prove_within, prove, prove_trace,
    prove_witness, Progress, ProveError, ProveTimings, ProvedRun, ProverKey, Silent,
};
pub use resources::MemoryLimit;
pub use twist_backend::TwistShoutProof;
pub use verifier::verify_lasso_spice;
pub use witness::{generate_witness, generate_witness_for, JoltWitness};
