use super::*;
use crate::multilinear::DensePolynomial;
use crate::transcript::{first_divergence, MerlinTranscript, Transcript};
use crate::SumcheckError;
use ark_bn254::Fr;
use ark_ff::One;
use ark_std::UniformRand;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn random_vectors(m: usize, n: usize, seed: u64) -> Vec<Vec<Fr>> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    (0..m)
        .map(|_| (0..1usize << n).map(|_| Fr::rand(&mut rng)).collect())
        .collect()
}

fn prove(
    leaves: &[Vec<Fr>],
    t: &mut MerlinTranscript,
) -> (Vec<Fr>, GrandProductProof<Fr>, LeafClaims<Fr>) {
    prove_grand_product(leaves.concat(), leaves.len(), t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any batch size (powers of two and not), any length: the products are right, prover and
    /// verifier transcripts agree, and the leaf claims are the vectors' true evaluations.
    #[test]
    fn batched_grand_product_is_complete(m in 1usize..=6, n in 1usize..=11, seed in any::<u64>()) {
        let leaves = random_vectors(m, n, seed);
        let mut pt = MerlinTranscript::new_recording(b"gp");
        let (products, proof, claims) = prove(&leaves, &mut pt);
        for (p, v) in products.iter().zip(&leaves) {
            prop_assert_eq!(*p, v.iter().product::<Fr>());
        }
        let mut vt = MerlinTranscript::new_recording(b"gp");
        let out = verify_grand_product(&proof, &products, n, &mut vt).unwrap();
        prop_assert_eq!(first_divergence(pt.log().unwrap(), vt.log().unwrap()), None);
        prop_assert_eq!(&out, &claims);
        prop_assert_eq!(out.point.len(), n);
        for (e, v) in out.evals.iter().zip(&leaves) {
            prop_assert_eq!(*e, DensePolynomial::new(v.clone()).evaluate(&out.point));
        }
    }

    #[test]
    fn wrong_claimed_product_is_rejected_or_leaves_a_false_leaf_claim(m in 1usize..=5, n in 1usize..=8, seed in any::<u64>()) {
        let leaves = random_vectors(m, n, seed);
        let (mut products, proof, _) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
        let lie = (seed as usize) % m;
        products[lie] += Fr::one();
        match verify_grand_product(&proof, &products, n, &mut MerlinTranscript::new(b"gp")) {
            Err(_) => {}
            Ok(out) => {
                // Accepted layers can only push the lie into some leaf claim.
                let all_true = out.evals.iter().zip(&leaves).all(|(e, v)| {
                    *e == DensePolynomial::new(v.clone()).evaluate(&out.point)
                });
                prop_assert!(!all_true);
            }
        }
    }

    #[test]
    fn tampered_layer_claim_is_rejected(m in 1usize..=5, n in 2usize..=8, seed in any::<u64>(), layer in 0usize..8, idx in 0usize..10) {
        let leaves = random_vectors(m, n, seed);
        let (products, mut proof, _) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
        let layer = layer % n;
        let idx = idx % proof.layers[layer].claims.len();
        proof.layers[layer].claims[idx] += Fr::one();
        match verify_grand_product(&proof, &products, n, &mut MerlinTranscript::new(b"gp")) {
            Err(e) => prop_assert_eq!(e, SumcheckError::FinalEvaluationMismatch),
            Ok(out) => {
                // Only a leaf-layer lie can survive (a claim whose eq weight vanished is
                // impossible here): then that vector's leaf claim is false.
                prop_assert_eq!(layer, n - 1);
                let actual = DensePolynomial::new(leaves[idx / 2].clone()).evaluate(&out.point);
                prop_assert_ne!(out.evals[idx / 2], actual);
            }
        }
    }

    #[test]
    fn tampered_round_polynomial_is_rejected(m in 1usize..=4, n in 2usize..=7, seed in any::<u64>(), layer in 1usize..7) {
        let leaves = random_vectors(m, n, seed);
        let (products, mut proof, _) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
        // Layers 1.. have at least one round (layer 0 has none when m = 1).
        let layer = 1 + layer % (n - 1);
        proof.layers[layer].sumcheck.round_polys[0].coeffs_except_linear[0] += Fr::one();
        prop_assert!(verify_grand_product(&proof, &products, n, &mut MerlinTranscript::new(b"gp")).is_err());
    }
}

/// One layer proof per tree level and two claims per inner layer, whatever the batch size:
/// the proof of a batch grows with `m` only in its leaf layer.
#[test]
fn inner_layers_send_two_claims_for_any_batch() {
    for m in [1usize, 3, 8] {
        let leaves = random_vectors(m, 5, m as u64);
        let (_, proof, _) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
        assert_eq!(proof.layers.len(), 5);
        for (k, layer) in proof.layers.iter().enumerate() {
            let b = batch_vars(m);
            assert_eq!(layer.sumcheck.round_polys.len(), b + k);
            let expected = if k == 4 { 2 * m } else { 2 };
            assert_eq!(layer.claims.len(), expected);
        }
    }
}

/// A vector of one zero leaf: the product is zero and still proves and verifies (the layer
/// prover must not divide by a vanishing value).
#[test]
fn zero_leaves_prove_and_verify() {
    let mut leaves = random_vectors(3, 4, 5);
    leaves[1][7] = Fr::from(0u64);
    let (products, proof, claims) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
    assert_eq!(products[1], Fr::from(0u64));
    let out =
        verify_grand_product(&proof, &products, 4, &mut MerlinTranscript::new(b"gp")).unwrap();
    assert_eq!(out, claims);
}

#[test]
fn malformed_proofs_are_errors_not_panics() {
    let leaves = random_vectors(2, 4, 7);
    let (products, proof, _) = prove(&leaves, &mut MerlinTranscript::new(b"gp"));
    let mut short = proof.clone();
    short.layers.pop();
    assert!(matches!(
        verify_grand_product(&short, &products, 4, &mut MerlinTranscript::new(b"gp")),
        Err(SumcheckError::WrongNumberOfLayers { .. })
    ));
    let mut few_claims = proof.clone();
    few_claims.layers[2].claims.pop();
    assert!(matches!(
        verify_grand_product(&few_claims, &products, 4, &mut MerlinTranscript::new(b"gp")),
        Err(SumcheckError::WrongNumberOfLayerClaims { layer: 2, .. })
    ));
    let mut few_leaf_claims = proof.clone();
    few_leaf_claims.layers[3].claims.pop();
    assert!(matches!(
        verify_grand_product(
            &few_leaf_claims,
            &products,
            4,
            &mut MerlinTranscript::new(b"gp")
        ),
        Err(SumcheckError::WrongNumberOfLayerClaims {
            layer: 3,
            expected: 4,
            got: 3
        })
    ));
    let mut no_rounds = proof.clone();
    no_rounds.layers[3].sumcheck.round_polys.clear();
    assert!(
        verify_grand_product(&no_rounds, &products, 4, &mut MerlinTranscript::new(b"gp")).is_err()
    );
    assert!(verify_grand_product(&proof, &[], 4, &mut MerlinTranscript::new(b"gp")).is_err());
    assert!(verify_grand_product(&proof, &products, 0, &mut MerlinTranscript::new(b"gp")).is_err());
    // The proof of two vectors checked as a proof of three.
    let three = [products[0], products[1], Fr::one()];
    assert!(verify_grand_product(&proof, &three, 4, &mut MerlinTranscript::new(b"gp")).is_err());
}
