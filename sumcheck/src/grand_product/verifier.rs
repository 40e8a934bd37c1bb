//! Verifier side of the batched grand product. Never panics on proof data: every length is
//! checked and mismatches are [`SumcheckError`]s.

use super::*;
use crate::eq::EqPolynomial;
use crate::error::SumcheckError;
use crate::transcript::Transcript;

/// The shape of a layer's summand: claimed values per vector and the sumcheck degree.
#[derive(Clone, Copy)]
struct LayerShape {
    width: usize,
    degree: usize,
}

const PLAIN_LAYER: LayerShape = LayerShape {
    width: 2,
    degree: 3,
};
const TOGGLED_LEAF_LAYER: LayerShape = LayerShape {
    width: 4,
    degree: 5,
};

/// Checks one layer: runs the sumcheck verifier on `Σ λ^i·claim_i`, checks the final claim
/// against `eq(r, r')·h(claims)`, absorbs the claims, draws `c`. Returns `(r', c)`.
fn verify_layer<F: PrimeField, T: Transcript>(
    layer: &LayerProof<F>,
    index: usize,
    point: &[F],
    claims: &[F],
    shape: LayerShape,
    h: impl Fn(&[F], &[F]) -> F,
    transcript: &mut T,
) -> Result<(Vec<F>, F), SumcheckError> {
    if layer.claims.len() != shape.width * claims.len() {
        return Err(SumcheckError::WrongNumberOfLayerClaims {
            layer: index,
            expected: shape.width * claims.len(),
            got: layer.claims.len(),
        });
    }
    let lambda: Vec<F> = transcript.challenge_powers(LABEL_LAMBDA, claims.len());
    let combined: F = claims.iter().zip(&lambda).map(|(c, l)| *c * l).sum();
    let (final_claim, r_prime) = crate::proof::verify_sumcheck(
        &layer.sumcheck,
        combined,
        point.len(),
        shape.degree,
        transcript,
    )?;
    let eq = EqPolynomial::new(point.to_vec()).evaluate(&r_prime);
    if final_claim != eq * h(&layer.claims, &lambda) {
        return Err(SumcheckError::FinalEvaluationMismatch);
    }
    transcript.append_scalars(LABEL_LAYER_CLAIMS, &layer.claims);
    let c: F = transcript.challenge_scalar(LABEL_LAYER_CHALLENGE);
    Ok((r_prime, c))
}

fn plain_h<F: PrimeField>(claims: &[F], lambda: &[F]) -> F {
    claims
        .chunks_exact(2)
        .zip(lambda)
        .map(|(lr, l)| *l * lr[0] * lr[1])
        .sum()
}

fn verify_inner<F: PrimeField, T: Transcript>(
    proof: &GrandProductProof<F>,
    products: &[F],
    stop: usize,
    transcript: &mut T,
) -> Result<(Vec<F>, Vec<F>), SumcheckError> {
    let mut point = Vec::new();
    let mut claims = products.to_vec();
    for (k, layer) in proof.layers.iter().take(stop).enumerate() {
        let (r_prime, c) =
            verify_layer(layer, k, &point, &claims, PLAIN_LAYER, plain_h, transcript)?;
        claims = layer
            .claims
            .chunks_exact(2)
            .map(|lr| lr[0] + c * (lr[1] - lr[0]))
            .collect();
        point = r_prime;
        point.push(c);
    }
    Ok((point, claims))
}

fn check_layer_count<F: PrimeField>(
    proof: &GrandProductProof<F>,
    products: &[F],
    num_vars: usize,
) -> Result<(), SumcheckError> {
    if products.is_empty() || num_vars == 0 {
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
    Ok(())
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
    check_layer_count(proof, products, num_vars)?;
    transcript.append_scalars(LABEL_PRODUCTS, products);
    let (point, evals) = verify_inner(proof, products, num_vars, transcript)?;
    Ok(LeafClaims {
        point,
        evals,
        value_evals: Vec::new(),
    })
}

/// Verifies toggled products `products[i] = Π_j (f_ij·v_ij + 1 − f_ij)`. Returns claims about
/// `f̃_i` (`evals`) and `ṽ_i` (`value_evals`) at one point.
pub fn verify_toggled_grand_product<F: PrimeField, T: Transcript>(
    proof: &GrandProductProof<F>,
    products: &[F],
    num_vars: usize,
    transcript: &mut T,
) -> Result<LeafClaims<F>, SumcheckError> {
    check_layer_count(proof, products, num_vars)?;
    transcript.append_scalars(LABEL_PRODUCTS, products);
    let (point, claims) = verify_inner(proof, products, num_vars - 1, transcript)?;
    let toggled_h = |q: &[F], lambda: &[F]| -> F {
        q.chunks_exact(4)
            .zip(lambda)
            .map(|(q, l)| *l * (q[0] * q[1] + F::one() - q[0]) * (q[2] * q[3] + F::one() - q[2]))
            .sum()
    };
    let leaf_layer = &proof.layers[num_vars - 1];
    let (r_prime, c) = verify_layer(
        leaf_layer,
        num_vars - 1,
        &point,
        &claims,
        TOGGLED_LEAF_LAYER,
        toggled_h,
        transcript,
    )?;
    let (evals, value_evals) = leaf_layer
        .claims
        .chunks_exact(4)
        .map(|q| (q[0] + c * (q[2] - q[0]), q[1] + c * (q[3] - q[1])))
        .unzip();
    let mut leaf_point = r_prime;
    leaf_point.push(c);
    Ok(LeafClaims {
        point: leaf_point,
        evals,
        value_evals,
    })
}
