//! The grand-product argument: a layered binary-tree circuit proved layer by layer with
//! sumcheck (Thaler 2013, §5.3.1; Setty–Lee's Spartan/Quarks use the same circuit). The note
//! mapping it to code is `paper-notes/sumcheck-and-grand-products.md`.
//!
//! For a vector `v` of `2^n` leaves, layer `n` holds the leaves and layer `k` holds the `2^k`
//! products of sibling pairs of layer `k + 1`; layer 0 is the product `P`. Siblings are the
//! entries `2i` and `2i + 1`, i.e. they differ in the **last** (least significant) variable:
//!
//! ```text
//!   V_k(x) = V_{k+1}(x, 0) · V_{k+1}(x, 1),     so     Ṽ_k(r) = Σ_x eq(r, x)·L(x)·R(x)
//! ```
//!
//! with `L(x) = V_{k+1}(x, 0)`, `R(x) = V_{k+1}(x, 1)`. One sumcheck (with the eq-factor
//! prover) reduces a claim about `Ṽ_k(r)` to claims `L(r'), R(r')`; the verifier draws `c` and
//! continues with `Ṽ_{k+1}(r', c) = L(r') + c·(R(r') − L(r'))`.
//!
//! **Batching as one tree.** `m` vectors of `2^n` leaves are stacked into one vector of
//! `m' · 2^n` leaves (`m' = m` rounded up to a power of two, the extra vectors all ones): the
//! vector index `i` is the top `b = log m'` variables, so layer `k` of the stack is the
//! `m' · 2^k`-entry vector `V_k(i, x)` and the `m'` products are its layer 0. The verifier
//! draws `r_b ∈ F^b` and starts from the single claim `Σ_i eq(r_b, i)·P_i`; every layer is then
//! **one** sumcheck over `b + k` variables ending in **two** claims `L, R`, whatever `m` is.
//! Only the leaf layer sends the per-vector values `L_i(r_x), R_i(r_x)` (the caller checks
//! each vector's leaves separately); the verifier combines them with `eq(r'_b, ·)` itself.
//!
//! **Layer prover.** The sumcheck of a layer binds the *least significant* variable first, so
//! the four entries a round reads (`L, R` at `x = 2j` and `2j + 1`) are adjacent in memory and
//! the child layer is used as it is, without splitting it into `L` and `R` copies. A round
//! computes `q(0) = Σ_j E[j]·L₀R₀` and the leading coefficient `Σ_j E[j]·(L₁−L₀)(R₁−R₀)` of
//! `q(X) = Σ_j E[j]·L(X, j)·R(X, j)` (Gruen's eq factoring: `E` is `eq` over the variables
//! still free after this one), gets `q(1)` from the running claim and sends
//! `s(X) = α·eq(r_t, X)·q(X)`: four multiplications per pair for the sums, two for binding.
//!
//! Transcript: the claimed products are absorbed first, then `r_b` is drawn; every layer's
//! claims are absorbed before the layer challenge `c`.

mod prover;
#[cfg(test)]
mod tests;
mod verifier;

pub use prover::prove_grand_product;
pub use verifier::verify_grand_product;

use crate::proof::SumcheckProof;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};

/// One layer of a batched grand-product proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct LayerProof<F: PrimeField> {
    /// The sumcheck reducing this layer's claim to claims about the next layer's halves.
    pub sumcheck: SumcheckProof<F>,
    /// The claimed evaluations at the sumcheck point: `[L, R]` of the stacked vector for an
    /// inner layer; `[L_0, R_0, L_1, R_1, …]`, one pair per vector, for the leaf layer.
    pub claims: Vec<F>,
}

/// A batched grand-product proof: one [`LayerProof`] per tree layer, root first.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct GrandProductProof<F: PrimeField> {
    /// Layers from the root (`k = 0`) down to the leaves.
    pub layers: Vec<LayerProof<F>>,
}

/// What a verified grand product leaves to be checked elsewhere: evaluations of the leaf
/// polynomials at `point` (e.g. by a PCS opening or by the verifier itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeafClaims<F: PrimeField> {
    /// The point `r ∈ F^n` (MSB-first like every point in the crate).
    pub point: Vec<F>,
    /// `ṽ_i(r)` per vector.
    pub evals: Vec<F>,
}

/// `b = log₂ m'` with `m' = m` rounded up to a power of two: the number of variables that
/// index the vectors of a batch of `m`.
pub(crate) fn batch_vars(m: usize) -> usize {
    m.next_power_of_two().trailing_zeros() as usize
}

pub(crate) const LABEL_PRODUCTS: &[u8] = b"grand_product_outputs";
pub(crate) const LABEL_BATCH_POINT: &[u8] = b"grand_product_batch_point";
pub(crate) const LABEL_LAYER_CLAIMS: &[u8] = b"grand_product_layer_claims";
pub(crate) const LABEL_LAYER_CHALLENGE: &[u8] = b"grand_product_layer_challenge";
