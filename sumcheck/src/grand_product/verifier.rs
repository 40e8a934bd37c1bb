//! Verifier side of the batched grand product. Never panics on proof data: every length is
//! checked and mismatches are [`SumcheckError`]s.

use super::*;
use crate::eq::EqPolynomial;
use crate::error::SumcheckError;
use crate::transcript::Transcript;

/// `Σ_i eq(r, i)·values[i]` over the `2^|r|` indices, where `values` is padded with ones (the
/// all-ones vectors that round a batch up to a power of two).
fn combine_padded<F: PrimeField>(r: &[F], values: impl Iterator<Item = F>) -> F {
    let eq = EqPolynomial::evals(r);
    let mut values = values;
    eq.iter()
        .map(|e| *e * values.next().unwrap_or_else(F::one))
        .sum()
}

/// Verifies that `products[i]` is the product of the `2^num_vars` leaves of vector `i`.
/// Absorbs the products first. On success returns the leaf claims, which the caller must
/// check (by a PCS opening or by evaluating the leaves itself).
pub fn verify_grand_product<F: PrimeField, T: Transcript>(
    proof: &GrandProductProof<F>,
    products: &[F],
    num_vars: usize,
    transcript: &mut T,
) -> Result<LeafClaims<F>, SumcheckError> {
    let m = products.len();
    if m == 0 || num_vars == 0 {
        return Err(SumcheckError::Malformed(
            "grand product needs at least one vector of at least two leaves",
        ));
    }
    if proof.layers.len() != num_vars {
        return Err(SumcheckError::WrongNumberOfLayers {
            expected: num_vars,
            got: proof.layers.len(),
        });
    }
    let b = batch_vars(m);
    transcript.append_scalars(LABEL_PRODUCTS, products);
    let mut point: Vec<F> = transcript.challenge_scalars(LABEL_BATCH_POINT, b);
    let mut claim = combine_padded(&point, products.iter().copied());
    for (k, layer) in proof.layers.iter().enumerate() {
        let leaf_layer = k + 1 == num_vars;
        let expected = if leaf_layer { 2 * m } else { 2 };
        if layer.claims.len() != expected {
            return Err(SumcheckError::WrongNumberOfLayerClaims {
                layer: k,
                expected,
                got: layer.claims.len(),
            });
        }
        let (final_claim, mut r_prime) =
            crate::proof::verify_sumcheck(&layer.sumcheck, claim, point.len(), 3, transcript)?;
        // The layer prover binds the least significant variable first.
        r_prime.reverse();
        let (l, r) = if leaf_layer {
            let r_batch = &r_prime[..b];
            (
                combine_padded(r_batch, layer.claims.iter().step_by(2).copied()),
                combine_padded(r_batch, layer.claims.iter().skip(1).step_by(2).copied()),
            )
        } else {
            (layer.claims[0], layer.claims[1])
        };
        let eq = EqPolynomial::new(point).evaluate(&r_prime);
        if final_claim != eq * l * r {
            return Err(SumcheckError::FinalEvaluationMismatch);
        }
        transcript.append_scalars(LABEL_LAYER_CLAIMS, &layer.claims);
        let c: F = transcript.challenge_scalar(LABEL_LAYER_CHALLENGE);
        claim = l + c * (r - l);
        point = r_prime;
        point.push(c);
    }
    let c = *point.last().expect("num_vars ≥ 1 layers");
    let leaf_layer = proof.layers.last().expect("num_vars ≥ 1 layers");
    let evals = leaf_layer
        .claims
        .chunks_exact(2)
        .map(|lr| lr[0] + c * (lr[1] - lr[0]))
        .collect();
    Ok(LeafClaims {
        point: point.split_off(b),
        evals,
    })
}
