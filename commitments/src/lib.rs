//! # `commitments`: pluggable multilinear polynomial commitment schemes
//!
//! - [`traits`]: the [`CommitmentScheme`] trait every scheme implements, with default batching
//!   (many polynomials of different sizes at one point) for homomorphic schemes.
//! - [`kzg`]: the univariate KZG core over BN254 (setup, commit with pay-per-bit MSMs,
//!   witnesses, batched pairing check).
//! - [`hyperkzg`]: [`HyperKzg`], Gemini-style folding on top of KZG.
//! - [`hyrax`]: [`Hyrax`], the transparent scheme (Pedersen rows, √N commitments).
//! - [`zeromorph`]: [`Zeromorph`], multilinear quotients with one pairing check.
//! - [`conformance`]: the generic test suite every scheme runs with one line
//!   ([`conformance_tests!`]).
//! - [`error`]: [`PcsError`], naming the failed check.
//!
//! Variable order and points follow the `sumcheck` crate (MSB-first).

pub mod conformance;
pub mod error;
pub mod hyperkzg;
pub mod hyrax;
pub mod kzg;
pub mod traits;
pub mod zeromorph;

pub use error::PcsError;
pub use hyperkzg::{HyperKzg, HyperKzgCommitment, HyperKzgProof};
pub use hyrax::{Hyrax, HyraxCommitment, HyraxProof, HyraxSetup};
pub use traits::CommitmentScheme;
pub use zeromorph::{Zeromorph, ZeromorphCommitment, ZeromorphProof};
