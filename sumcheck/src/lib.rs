//! # `sumcheck`: the algebraic foundation of the zkVM
//!
//! Fields, the Fiat–Shamir transcript, multilinear polynomials, the sumcheck protocol and the
//! grand-product argument. Nothing here knows about virtual machines.
//!
//! ## Modules
//! - [`transcript`]: the [`Transcript`] trait and its merlin implementation, with a recording
//!   mode that finds the first prover/verifier divergence.
//! - [`multilinear`]: [`DensePolynomial`], compact small-integer forms, and the
//!   [`MultilinearPolynomial`] enum protocols accept.
//! - [`eq`]: [`EqPolynomial`], `eq(r, x)` and its full table.
//! - [`univariate`]: round polynomials and their compressed wire form.
//! - [`instance`]: the prover-side [`SumcheckInstance`] trait, the generic
//!   [`ProductSumcheck`] and the eq-factor [`EqProductSumcheck`].
//! - [`prover`] and [`proof`]: single and batched sumcheck provers, the proof type and the
//!   verifiers ([`verify_sumcheck`], [`verify_batched`]).
//! - [`grand_product`]: the batched GKR grand-product argument (one stacked tree per batch).
//! - [`error`]: [`SumcheckError`], which every verifier here returns.
//!
//! The protocols are described, with the papers' equations mapped to these files, in
//! `paper-notes/sumcheck-and-grand-products.md`.
//!
//! ## Variable order
//! A polynomial in `n` variables is the vector of its `2^n` evaluations; index `i` is the point
//! whose first coordinate `x_0` is the **most significant** bit of `i`. Points `r = (r_0, …)` are
//! read in the same order and `bind` fixes `x_0` first. Sumcheck therefore produces its
//! challenges `r_0, r_1, …` in the order of the point it returns. Every crate in the workspace
//! uses this order; convert at the boundary when calling a library that uses the other one.
//!
//! ## Transcript discipline
//! Before any challenge is drawn, the transcript has absorbed every message that the challenge
//! is meant to be independent of: in sumcheck, the claimed sum and the instance sizes before
//! round one, then round polynomial `s_j` before `r_j`; in a batched protocol, every claim before
//! the batching coefficients; in a PCS opening, the commitments, the point and the claimed
//! evaluations before anything the opening proof derives from them.

pub mod eq;
pub mod error;
pub mod grand_product;
pub mod instance;
pub mod multilinear;
pub mod proof;
pub mod prover;
pub mod transcript;
pub mod univariate;

pub use eq::{pushforward, zero_prefix_products, EqPolynomial};
pub use error::SumcheckError;
pub use grand_product::{prove_grand_product, verify_grand_product, GrandProductProof, LeafClaims};
pub use instance::{
    sum_over_pairs, CombineFn, EqProductSumcheck, EqProductWithSums, ProductSumcheck, RoundSums,
    SumcheckInstance,
};
pub use multilinear::{
    inner_product, CompactPolynomial, DensePolynomial, MultilinearPolynomial, SmallScalar,
};
pub use proof::{verify_sumcheck, SumcheckProof};
pub use prover::{
    prove_batched, prove_batched_with_coeffs, prove_sumcheck, verify_batched, BatchedSumcheckOutput,
};
pub use transcript::{first_divergence, MerlinTranscript, Transcript, TranscriptDivergence};
pub use univariate::{CompressedUniPoly, UniPoly};
