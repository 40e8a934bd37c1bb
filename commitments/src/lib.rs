//! # `commitments`: pluggable multilinear polynomial commitment schemes
//!
//! - [`traits`]: the [`CommitmentScheme`] trait every scheme implements, with default batching
//!   (many polynomials of different sizes at one point) for homomorphic schemes.
//! - [`kzg`]: the univariate KZG core over BN254 (setup, commit with pay-per-bit MSMs,
//!   witnesses, batched pairing check).
//! - [`msm`]: the MSM kernels for small scalars and one-hot rows (batched affine additions).
//! - [`hyperkzg`]: [`HyperKzg`], Gemini-style folding on top of KZG.
//! - [`hyrax`]: [`Hyrax`], the transparent scheme (Pedersen rows, √N commitments).
//! - [`dory`]: [`Dory`], the transparent pairing scheme (`GT` commitments, `O(log N)` proofs).
//! - [`zeromorph`]: [`Zeromorph`], multilinear quotients with one pairing check.
//! - [`conformance`]: the generic test suite every scheme runs with one line
//!   ([`conformance_tests!`]).
//! - [`error`]: [`PcsError`], naming the failed check.
//! - [`ptau`]: KZG setups imported from a powers-of-τ ceremony file (snarkjs `.ptau`), and a
//!   writer of such files for tests.
//! - [`keys`]: prover- and verifier-key files (`load_prover_key::<S>`, `load_verifier_key::<S>`).
//!
//! Variable order and points follow the `sumcheck` crate (MSB-first): evaluation index `i`
//! holds `p(bits(i))` with `x_0` the most significant bit, and every scheme opens `p` at `r` in
//! exactly that convention (`DensePolynomial::evaluate`). A batch opens a polynomial with
//! `k ≤ n` variables at the suffix `(r_{n−k}, …, r_{n−1})` of the batch point (see [`traits`]).
//!
//! **Adding a scheme.** Implement [`CommitmentScheme`] in one file, add
//! `commitments::conformance_tests!(name, Scheme);` to a test file (or call
//! [`conformance::run_all`]), and add `rows.push(measure::<Scheme>(&setup, &w));` to
//! `benches/src/bin/pcs_table.rs`.
//!
//! **Setups.** `insecure_test_setup(max_num_vars, seed)` derives the KZG trapdoor from a seed
//! (tests and benchmarks only). For real use convert a ceremony's powers of τ into
//! [`kzg::KzgProverSetup`] and read it with [`CommitmentScheme::load_setup`], which validates
//! every point and checks the powers are consistent.

pub mod conformance;
pub mod dory;
pub mod error;
pub mod hyperkzg;
pub mod hyrax;
pub mod keys;
pub mod kzg;
pub mod msm;
pub mod ptau;
pub mod traits;
pub mod zeromorph;

pub use dory::{Dory, DoryCommitment, DoryProof, DorySetup, DoryVerifierSetup};
pub use error::PcsError;
pub use hyperkzg::{HyperKzg, HyperKzgCommitment, HyperKzgProof};
pub use hyrax::{Hyrax, HyraxCommitment, HyraxProof, HyraxSetup};
pub use traits::CommitmentScheme;
pub use zeromorph::{Zeromorph, ZeromorphCommitment, ZeromorphProof};
