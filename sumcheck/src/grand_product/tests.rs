use super::*;
use crate::multilinear::{DensePolynomial, MultilinearPolynomial};
use crate::transcript::{first_divergence, MerlinTranscript, Transcript};
use crate::SumcheckError;
use ark_bn254::Fr;
use ark_ff::One;
use ark_std::UniformRand;
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

fn random_vectors(m: usize, n: usize, seed: u64) -> Vec<Vec<Fr>> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    (0..m)
        .map(|_| (0..1usize << n).map(|_| Fr::rand(&mut rng)).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn batched_grand_product_is_complete(m in 1usize..=4, n in 1usize..=12, seed in any::<u64>()) {
        let leaves = random_vectors(m, n, seed);
        let (products, proof, claims) =
            prove_grand_product(leaves.clone(), &mut MerlinTranscript::new_recording(b"gp"));
        for (p, v) in products.iter().zip(&leaves) {
            prop_assert_eq!(*p, v.iter().product::<Fr>());
        }
        let mut vt = MerlinTranscript::new(b"gp");
        let out = verify_grand_product(&proof, &products, n, &mut vt).unwrap();
        prop_assert_eq!(&out, &claims);
        for (e, v) in out.evals.iter().zip(&leaves) {
            prop_assert_eq!(*e, DensePolynomial::new(v.clone()).evaluate(&out.point));
        }
    }

    #[test]
    fn toggled_grand_product_is_complete(m in 1usize..=3, n in 1usize..=10, seed in any::<u64>()) {
        let values = random_vectors(m, n, seed);
        let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 1);
        let flags: Vec<Vec<bool>> = (0..m).map(|_| (0..1usize << n).map(|_| rng.next_u32() & 1 == 1).collect()).collect();
        let expected: Vec<Fr> = values.iter().zip(&flags).map(|(v, f)| v.iter().zip(f).map(|(x, b)| if *b { *x } else { Fr::one() }).product()).collect();
        let flag_polys: Vec<MultilinearPolynomial<Fr>> = flags.iter().map(|f| f.clone().into()).collect();
        let value_polys: Vec<DensePolynomial<Fr>> = values.iter().map(|v| DensePolynomial::new(v.clone())).collect();
        let mut pt = MerlinTranscript::new_recording(b"tgp");
        let (products, proof, _) = prove_toggled_grand_product(flag_polys.clone(), value_polys.clone(), &mut pt);
        prop_assert_eq!(&products, &expected);
        let mut vt = MerlinTranscript::new_recording(b"tgp");
        let out = verify_toggled_grand_product(&proof, &products, n, &mut vt).unwrap();
        prop_assert_eq!(first_divergence(pt.log().unwrap(), vt.log().unwrap()), None);
        for i in 0..m {
            prop_assert_eq!(out.evals[i], flag_polys[i].evaluate(&out.point));
            prop_assert_eq!(out.value_evals[i], value_polys[i].evaluate(&out.point));
        }
    }

    #[test]
    fn wrong_claimed_product_is_rejected_or_leaves_a_false_leaf_claim(n in 1usize..=8, seed in any::<u64>()) {
        let leaves = random_vectors(2, n, seed);
        let (mut products, proof, _) = prove_grand_product(leaves.clone(), &mut MerlinTranscript::new(b"gp"));
        products[1] += Fr::one();
        match verify_grand_product(&proof, &products, n, &mut MerlinTranscript::new(b"gp")) {
            Err(_) => {}
            Ok(out) => {
                let actual = DensePolynomial::new(leaves[1].clone()).evaluate(&out.point);
                prop_assert_ne!(out.evals[1], actual);
            }
        }
    }

    #[test]
    fn tampered_layer_claim_is_rejected(n in 2usize..=8, seed in any::<u64>(), layer in 0usize..8, idx in 0usize..4) {
        let leaves = random_vectors(2, n, seed);
        let (products, mut proof, _) = prove_grand_product(leaves.clone(), &mut MerlinTranscript::new(b"gp"));
        let layer = layer % n;
        proof.layers[layer].claims[idx] += Fr::one();
        match verify_grand_product(&proof, &products, n, &mut MerlinTranscript::new(b"gp")) {
            Err(e) => prop_assert_eq!(e, SumcheckError::FinalEvaluationMismatch),
            Ok(out) => {
                // Only possible if the lie moved to the leaves: then the leaf claim is false.
                let actual = DensePolynomial::new(leaves[idx / 2].clone()).evaluate(&out.point);
                prop_assert_ne!(out.evals[idx / 2], actual);
            }
        }
    }
}

#[test]
fn malformed_proofs_are_errors_not_panics() {
    let leaves = random_vectors(2, 4, 7);
    let (products, proof, _) = prove_grand_product(leaves, &mut MerlinTranscript::new(b"gp"));
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
    let mut no_rounds = proof.clone();
    no_rounds.layers[3].sumcheck.round_polys.clear();
    assert!(
        verify_grand_product(&no_rounds, &products, 4, &mut MerlinTranscript::new(b"gp")).is_err()
    );
    assert!(verify_grand_product(&proof, &[], 4, &mut MerlinTranscript::new(b"gp")).is_err());
    assert!(verify_grand_product(&proof, &products, 0, &mut MerlinTranscript::new(b"gp")).is_err());
    assert!(
        verify_toggled_grand_product(&proof, &products, 4, &mut MerlinTranscript::new(b"gp"))
            .is_err()
    );
}
