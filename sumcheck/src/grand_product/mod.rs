//! The grand-product argument: a layered binary-tree circuit proved layer by layer with
//! sumcheck (Thaler 2013, §5.3.1; Setty–Lee's Spartan/Quarks use the same circuit).
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
//! continues with `Ṽ_{k+1}(r', c) = L(r') + c·(R(r') − L(r'))`. Many vectors of the same length
//! are batched: every layer proves `Σ_i λ^i·Ṽ^{(i)}_k(r)` with one sumcheck.
//!
//! *Toggled* leaves (memory checking): `leaf = f·v + 1 − f` with a 0/1 flag `f`, so inactive
//! leaves count as 1. The last layer then takes `f` and `v` directly (degree 5 summand) and the
//! output claims are about `f̃` and `ṽ` — no separate sumcheck for the toggle.
//!
//! Transcript: the claimed products are absorbed first; every layer's `L, R` claims are
//! absorbed before the layer challenge `c` and before the next layer's `λ`.

mod prover;
#[cfg(test)]
mod tests;
mod verifier;

pub use prover::{prove_grand_product, prove_toggled_grand_product};
pub use verifier::{verify_grand_product, verify_toggled_grand_product};

use crate::proof::SumcheckProof;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};

/// One layer of a batched grand-product proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct LayerProof<F: PrimeField> {
    /// The sumcheck reducing this layer's claims to the next layer's halves.
    pub sumcheck: SumcheckProof<F>,
    /// The claimed evaluations at the sumcheck point: for a plain layer `[L_0, R_0, L_1, R_1, …]`;
    /// for the toggled leaf layer `[f_L, v_L, f_R, v_R]` per vector.
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
    /// For plain products: `ṽ_i(r)` per vector. For toggled products: `f̃_i(r)` per vector.
    pub evals: Vec<F>,
    /// For toggled products: `ṽ_i(r)` per vector; empty for plain products.
    pub value_evals: Vec<F>,
}

pub(crate) const LABEL_PRODUCTS: &[u8] = b"grand_product_outputs";
pub(crate) const LABEL_LAMBDA: &[u8] = b"grand_product_lambda";
pub(crate) const LABEL_LAYER_CLAIMS: &[u8] = b"grand_product_layer_claims";
pub(crate) const LABEL_LAYER_CHALLENGE: &[u8] = b"grand_product_layer_challenge";
