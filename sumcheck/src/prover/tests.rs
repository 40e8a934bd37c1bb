use super::*;
use crate::eq::EqPolynomial;
use crate::instance::{CombineFn, EqProductSumcheck, ProductSumcheck};
use crate::multilinear::{DensePolynomial, MultilinearPolynomial};
use crate::proof::verify_sumcheck;
use crate::transcript::{first_divergence, MerlinTranscript};
use ark_bn254::Fr;
use ark_ff::{One, Zero};
use ark_std::UniformRand;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn random_polys(k: usize, n: usize, rng: &mut ChaCha20Rng) -> Vec<MultilinearPolynomial<Fr>> {
    (0..k)
        .map(|_| MultilinearPolynomial::dense((0..1usize << n).map(|_| Fr::rand(rng)).collect()))
        .collect()
}

fn abc(v: &[Fr]) -> Fr {
    v[0] * v[1] * v[2]
}
fn ab(v: &[Fr]) -> Fr {
    v[0] * v[1]
}

/// Proves Σ a·b·c with the generic prover and checks the verifier accepts and the final
/// claim equals g at the point.
fn prove_and_verify_product(n: usize, seed: u64) -> Result<(), SumcheckError> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let polys = random_polys(3, n, &mut rng);
    let g: &CombineFn<Fr> = &abc;
    let claim = ProductSumcheck::sum(&polys, g);
    let mut inst = ProductSumcheck::new(polys.clone(), g, 3, claim);
    let mut pt = MerlinTranscript::new(b"test");
    let (proof, point, finals) = prove_sumcheck(&mut inst, &mut pt);
    let mut vt = MerlinTranscript::new(b"test");
    let (final_claim, vpoint) = verify_sumcheck(&proof, claim, n, 3, &mut vt)?;
    assert_eq!(point, vpoint);
    let expected: Vec<Fr> = polys.iter().map(|p| p.evaluate(&point)).collect();
    assert_eq!(finals, expected);
    if final_claim != abc(&expected) {
        return Err(SumcheckError::FinalEvaluationMismatch);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn product_sumcheck_is_complete(n in 1usize..=12, seed in any::<u64>()) {
        prop_assert_eq!(prove_and_verify_product(n, seed), Ok(()));
    }

    #[test]
    fn eq_product_sumcheck_is_complete(n in 1usize..=16, seed in any::<u64>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let polys = random_polys(2, n, &mut rng);
        let tau: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let h: &CombineFn<Fr> = &ab;
        let claim = EqProductSumcheck::sum(&tau, &polys, h);
        let mut inst = EqProductSumcheck::new(tau.clone(), polys.clone(), h, 3, claim);
        let mut pt = MerlinTranscript::new(b"eq");
        let (proof, point, finals) = prove_sumcheck(&mut inst, &mut pt);
        let mut vt = MerlinTranscript::new(b"eq");
        let (final_claim, _) = verify_sumcheck(&proof, claim, n, 3, &mut vt).unwrap();
        let eq = EqPolynomial::new(tau).evaluate(&point);
        prop_assert_eq!(final_claim, eq * finals[0] * finals[1]);
        prop_assert_eq!(finals[0], polys[0].evaluate(&point));
    }

    #[test]
    fn a_lower_degree_partial_gives_the_same_round(n in 1usize..=6, seed in any::<u64>()) {
        // Declared degree 5, but h = a·b makes q quadratic: its sums at 0 and 2 suffice.
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let polys = random_polys(2, n, &mut rng);
        let tau: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let h: &CombineFn<Fr> = &ab;
        let mut claim = EqProductSumcheck::sum(&tau, &polys, h);
        let mut inst = EqProductSumcheck::new(tau, polys.clone(), h, 5, claim);
        let mut bound = polys;
        for _ in 0..n {
            let half = bound[0].len() / 2;
            let q = |t: u64| -> Fr {
                let t = Fr::from(t);
                (0..half)
                    .map(|i| {
                        let at = |p: &MultilinearPolynomial<Fr>| p.get(i) + t * (p.get(i + half) - p.get(i));
                        inst.eq_rest()[i] * at(&bound[0]) * at(&bound[1])
                    })
                    .sum()
            };
            let full = inst.round_evals(claim);
            prop_assert_eq!(&inst.round_evals_from_partial(&[q(0), q(2)], claim), &full);
            let r = Fr::rand(&mut rng);
            claim = crate::univariate::UniPoly::from_evals(&full).evaluate(&r);
            inst.bind(r);
            bound.iter_mut().for_each(|p| p.bind(r));
        }
    }

    #[test]
    fn modified_round_polynomial_is_rejected(n in 1usize..=8, seed in any::<u64>(), round in 0usize..8, coeff in 0usize..3) {
        let round = round % n;
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let polys = random_polys(3, n, &mut rng);
        let g: &CombineFn<Fr> = &abc;
        let claim = ProductSumcheck::sum(&polys, g);
        let mut inst = ProductSumcheck::new(polys.clone(), g, 3, claim);
        let (mut proof, _, _) = prove_sumcheck(&mut inst, &mut MerlinTranscript::new(b"t"));
        proof.round_polys[round].coeffs_except_linear[coeff] += Fr::one();
        let mut vt = MerlinTranscript::new(b"t");
        let (final_claim, point) = verify_sumcheck(&proof, claim, n, 3, &mut vt).unwrap();
        let expected: Vec<Fr> = polys.iter().map(|p| p.evaluate(&point)).collect();
        prop_assert_ne!(final_claim, abc(&expected));
    }

    #[test]
    fn wrong_claimed_sum_is_rejected(n in 1usize..=8, seed in any::<u64>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let polys = random_polys(2, n, &mut rng);
        let g: &CombineFn<Fr> = &ab;
        let claim = ProductSumcheck::sum(&polys, g) + Fr::one();
        // An honest prover run on a false claim: its messages cannot make the final check pass.
        let mut inst = ProductSumcheck::new(polys.clone(), g, 2, claim);
        let (proof, _, _) = prove_sumcheck(&mut inst, &mut MerlinTranscript::new(b"t"));
        let (final_claim, point) =
            verify_sumcheck(&proof, claim, n, 2, &mut MerlinTranscript::new(b"t")).unwrap();
        let expected: Vec<Fr> = polys.iter().map(|p| p.evaluate(&point)).collect();
        prop_assert_ne!(final_claim, ab(&expected));
    }

    #[test]
    fn batched_sumcheck_with_mixed_sizes_is_complete(sizes in proptest::collection::vec(0usize..=9, 1..4), seed in any::<u64>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let g: &CombineFn<Fr> = &ab;
        let all: Vec<Vec<MultilinearPolynomial<Fr>>> = sizes.iter().map(|&n| random_polys(2, n, &mut rng)).collect();
        let claims: Vec<Fr> = all.iter().map(|p| ProductSumcheck::sum(p, g)).collect();
        let mut insts: Vec<ProductSumcheck<Fr>> = all.iter().zip(&claims).map(|(p, c)| ProductSumcheck::new(p.clone(), g, 2, *c)).collect();
        let mut refs: Vec<&mut dyn SumcheckInstance<Fr>> = insts.iter_mut().map(|i| i as &mut dyn SumcheckInstance<Fr>).collect();
        let mut pt = MerlinTranscript::new_recording(b"b");
        let (proof, point, finals) = prove_batched(&mut refs, &mut pt);
        let mut vt = MerlinTranscript::new_recording(b"b");
        let out = verify_batched(&proof, &claims, &sizes, 2, &mut vt).unwrap();
        prop_assert_eq!(first_divergence(pt.log().unwrap(), vt.log().unwrap()), None);
        prop_assert_eq!(&out.point, &point);
        let n = point.len();
        let mut expected = Fr::zero();
        for (i, polys) in all.iter().enumerate() {
            let suffix = &point[n - sizes[i]..];
            let evals: Vec<Fr> = polys.iter().map(|p| p.evaluate(suffix)).collect();
            prop_assert_eq!(&finals[i], &evals);
            expected += out.coeffs[i] * ab(&evals);
        }
        prop_assert_eq!(out.final_claim, expected);
    }
}

#[test]
fn malformed_proofs_return_errors() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let polys = random_polys(2, 4, &mut rng);
    let g: &CombineFn<Fr> = &ab;
    let claim = ProductSumcheck::sum(&polys, g);
    let mut inst = ProductSumcheck::new(polys, g, 2, claim);
    let (proof, _, _) = prove_sumcheck(&mut inst, &mut MerlinTranscript::new(b"t"));

    let mut short = proof.clone();
    short.round_polys.pop();
    assert!(matches!(
        verify_sumcheck(&short, claim, 4, 2, &mut MerlinTranscript::new(b"t")),
        Err(SumcheckError::WrongNumberOfRounds {
            expected: 4,
            got: 3
        })
    ));
    let mut high = proof.clone();
    high.round_polys[2]
        .coeffs_except_linear
        .extend([Fr::one(), Fr::one()]);
    assert!(matches!(
        verify_sumcheck(&high, claim, 4, 2, &mut MerlinTranscript::new(b"t")),
        Err(SumcheckError::DegreeTooHigh { round: 2, .. })
    ));
    let mut empty = proof;
    empty.round_polys[0].coeffs_except_linear.clear();
    // An empty message is a valid (degree ≤ 1) encoding: it must not panic.
    let _ = verify_sumcheck(&empty, claim, 4, 2, &mut MerlinTranscript::new(b"t"));
    assert!(verify_batched(
        &short_proof(),
        &[],
        &[],
        2,
        &mut MerlinTranscript::new(b"t")
    )
    .is_err());
}

fn short_proof() -> SumcheckProof<Fr> {
    SumcheckProof {
        round_polys: vec![],
    }
}

#[test]
fn compact_polynomials_work_in_the_prover() {
    let n = 6;
    let flags: Vec<bool> = (0..1 << n).map(|i| i % 3 == 0).collect();
    let vals: Vec<u16> = (0..1 << n).map(|i| (i * 37) as u16).collect();
    let polys: Vec<MultilinearPolynomial<Fr>> = vec![flags.into(), vals.into()];
    let g: &CombineFn<Fr> = &ab;
    let claim = ProductSumcheck::sum(&polys, g);
    let dense: Vec<DensePolynomial<Fr>> = polys.iter().map(|p| p.to_dense()).collect();
    let mut inst = ProductSumcheck::new(polys, g, 2, claim);
    let (proof, point, finals) = prove_sumcheck(&mut inst, &mut MerlinTranscript::new(b"c"));
    let (final_claim, _) =
        verify_sumcheck(&proof, claim, n, 2, &mut MerlinTranscript::new(b"c")).unwrap();
    assert_eq!(finals[0], dense[0].evaluate(&point));
    assert_eq!(final_claim, finals[0] * finals[1]);
}
