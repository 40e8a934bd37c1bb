//! The generic conformance suite: every [`CommitmentScheme`] must pass it.
//!
//! A scheme joins with one line in a test file:
//!
//! ```ignore
//! commitments::conformance_tests!(hyperkzg_conformance, commitments::HyperKzg);
//! ```
//!
//! The checks are proptest-driven (random polynomials, points and seeds; sizes 0..=14
//! variables): completeness for dense and small-valued polynomials; rejection of a wrong
//! evaluation, a wrong point, a wrong commitment, a commitment to another polynomial, a proof
//! for a different number of variables, and every single-byte modification of the serialized
//! proof (each must fail to deserialize or fail to verify); batch completeness and soundness
//! with mixed sizes; serialization round trips; random bytes never panic the deserializer.

use crate::traits::CommitmentScheme;
use ark_ff::UniformRand;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// The largest number of variables the suite uses; the setup must support it.
pub const MAX_VARS: usize = 14;

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn random_poly<F: ark_ff::PrimeField>(
    n: usize,
    rng: &mut ChaCha20Rng,
) -> (DensePolynomial<F>, Vec<F>) {
    let poly = DensePolynomial::new((0..1usize << n).map(|_| F::rand(rng)).collect());
    let point = (0..n).map(|_| F::rand(rng)).collect();
    (poly, point)
}

fn transcript() -> MerlinTranscript {
    MerlinTranscript::new(b"pcs-conformance")
}

/// Opens `poly` at `point` honestly and returns (commitment, eval, proof).
fn honest<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    poly: &DensePolynomial<S::Field>,
    point: &[S::Field],
) -> (S::Commitment, S::Field, S::Proof) {
    let commitment = S::commit(setup, &MultilinearPolynomial::Dense(poly.clone())).expect("commit");
    let eval = poly.evaluate(point);
    let proof = S::open(setup, poly, &commitment, point, &eval, &mut transcript()).expect("open");
    (commitment, eval, proof)
}

fn verify<S: CommitmentScheme>(
    vk: &S::VerifierSetup,
    c: &S::Commitment,
    point: &[S::Field],
    eval: &S::Field,
    proof: &S::Proof,
) -> bool {
    S::verify(vk, c, point, eval, proof, &mut transcript()).is_ok()
}

/// Honest openings of random polynomials of 0..=`MAX_VARS` variables verify; the largest size
/// is always included.
pub fn completeness<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let check = |n: usize, seed: u64| {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (poly, point) = random_poly::<S::Field>(n, &mut rng);
        let (c, eval, proof) = honest::<S>(setup, &poly, &point);
        assert!(
            verify::<S>(&vk, &c, &point, &eval, &proof),
            "honest opening rejected, n = {n}"
        );
    };
    check(MAX_VARS, 7);
    runner(24)
        .run(&(0usize..=10, any::<u64>()), |(n, seed)| {
            check(n, seed);
            Ok(())
        })
        .expect("completeness");
}

/// Small-valued forms commit to the same thing as their dense forms, and open correctly.
pub fn small_values<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    runner(8)
        .run(&(1usize..=10, any::<u64>()), |(n, seed)| {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let values: Vec<u16> = (0..1usize << n).map(|_| rng.next_u32() as u16).collect();
            let flags: Vec<bool> = values.iter().map(|v| v & 1 == 1).collect();
            for compact in [
                MultilinearPolynomial::<S::Field>::from(values.clone()),
                flags.into(),
            ] {
                let dense = compact.to_dense();
                let c_small = S::commit(setup, &compact).expect("commit");
                let c_dense =
                    S::commit(setup, &MultilinearPolynomial::Dense(dense.clone())).expect("commit");
                prop_assert_eq!(&c_small, &c_dense);
                let point: Vec<S::Field> = (0..n).map(|_| S::Field::rand(&mut rng)).collect();
                let eval = compact.evaluate(&point);
                let proof = S::open(setup, &dense, &c_dense, &point, &eval, &mut transcript())
                    .expect("open");
                prop_assert!(verify::<S>(&vk, &c_small, &point, &eval, &proof));
            }
            Ok(())
        })
        .expect("small values");
}

/// Wrong evaluation, wrong point, wrong commitment, commitment to another polynomial, and a
/// proof made for another size are all rejected.
pub fn soundness<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    runner(12)
        .run(&(1usize..=8, any::<u64>()), |(n, seed)| {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let (poly, point) = random_poly::<S::Field>(n, &mut rng);
            let (c, eval, proof) = honest::<S>(setup, &poly, &point);
            let one = S::Field::from(1u64);
            prop_assert!(
                !verify::<S>(&vk, &c, &point, &(eval + one), &proof),
                "wrong evaluation accepted"
            );
            let mut other_point = point.clone();
            other_point[seed as usize % n] += one;
            prop_assert!(
                !verify::<S>(&vk, &c, &other_point, &eval, &proof),
                "wrong point accepted"
            );
            let (other, _) = random_poly::<S::Field>(n, &mut rng);
            let c_other =
                S::commit(setup, &MultilinearPolynomial::Dense(other.clone())).expect("commit");
            prop_assert!(
                !verify::<S>(&vk, &c_other, &point, &eval, &proof),
                "wrong commitment accepted"
            );
            // A lying prover: opens another polynomial but claims our polynomial's value.
            if let Ok(lie) = S::open(setup, &other, &c, &point, &eval, &mut transcript()) {
                prop_assert!(
                    !verify::<S>(&vk, &c, &point, &eval, &lie),
                    "proof for another polynomial accepted"
                );
                prop_assert!(
                    !verify::<S>(&vk, &c_other, &point, &eval, &lie),
                    "false evaluation accepted"
                );
            }
            // Proofs of the wrong length: a proof for n variables checked at n ± 1 variables.
            let longer: Vec<S::Field> = point.iter().copied().chain([one]).collect();
            prop_assert!(!verify::<S>(&vk, &c, &longer, &eval, &proof));
            prop_assert!(!verify::<S>(&vk, &c, &point[1..], &eval, &proof));
            Ok(())
        })
        .expect("soundness");
}

/// Every single-byte change of the serialized proof fails to deserialize or fails to verify;
/// truncated proofs fail to deserialize; nothing panics.
pub fn tampered_proofs<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    for n in [1usize, 3, 6] {
        let mut rng = ChaCha20Rng::seed_from_u64(n as u64);
        let (poly, point) = random_poly::<S::Field>(n, &mut rng);
        let (c, eval, proof) = honest::<S>(setup, &poly, &point);
        let mut bytes = Vec::new();
        proof.serialize_compressed(&mut bytes).expect("serialize");
        for i in 0..bytes.len() {
            for flip in [0x01u8, 0x80] {
                let mut bad = bytes.clone();
                bad[i] ^= flip;
                if let Ok(p) = S::Proof::deserialize_compressed(&bad[..]) {
                    if p != proof {
                        assert!(
                            !verify::<S>(&vk, &c, &point, &eval, &p),
                            "modified byte {i} accepted (n = {n})"
                        );
                    }
                }
            }
        }
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                S::Proof::deserialize_compressed(&bytes[..cut]).is_err(),
                "truncated proof parsed"
            );
        }
    }
}

/// Batch openings of polynomials of mixed sizes verify; a wrong value in the batch is rejected.
pub fn batching<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    runner(8)
        .run(
            &(proptest::collection::vec(0usize..=8, 1..5), any::<u64>()),
            |(sizes, seed)| {
                let mut rng = ChaCha20Rng::seed_from_u64(seed);
                let n = *sizes.iter().max().expect("non-empty");
                let point: Vec<S::Field> = (0..n).map(|_| S::Field::rand(&mut rng)).collect();
                let polys: Vec<DensePolynomial<S::Field>> = sizes
                    .iter()
                    .map(|&k| random_poly::<S::Field>(k, &mut rng).0)
                    .collect();
                let evals: Vec<S::Field> = polys
                    .iter()
                    .map(|p| p.evaluate(&point[n - p.num_vars()..]))
                    .collect();
                let commitments: Vec<S::Commitment> = polys
                    .iter()
                    .map(|p| {
                        S::commit(setup, &MultilinearPolynomial::Dense(p.clone())).expect("commit")
                    })
                    .collect();
                let refs: Vec<&DensePolynomial<S::Field>> = polys.iter().collect();
                let proof = S::batch_open(
                    setup,
                    &refs,
                    &commitments,
                    &point,
                    &evals,
                    &mut transcript(),
                )
                .expect("batch open");
                let ok = S::batch_verify(
                    &vk,
                    &commitments,
                    &sizes,
                    &point,
                    &evals,
                    &proof,
                    &mut transcript(),
                );
                prop_assert!(ok.is_ok(), "honest batch rejected: {:?}", ok);
                let mut bad = evals.clone();
                let i = seed as usize % bad.len();
                bad[i] += S::Field::from(1u64);
                prop_assert!(S::batch_verify(
                    &vk,
                    &commitments,
                    &sizes,
                    &point,
                    &bad,
                    &proof,
                    &mut transcript()
                )
                .is_err());
                prop_assert!(S::batch_verify(
                    &vk,
                    &commitments[1..],
                    &sizes,
                    &point,
                    &evals,
                    &proof,
                    &mut transcript()
                )
                .is_err());
                Ok(())
            },
        )
        .expect("batching");
}

/// Commitments, proofs and setups survive a serialization round trip; random bytes never
/// panic the deserializers.
pub fn serialization<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let mut rng = ChaCha20Rng::seed_from_u64(99);
    let (poly, point) = random_poly::<S::Field>(5, &mut rng);
    let (c, eval, proof) = honest::<S>(setup, &poly, &point);
    let round_trip = |bytes: Vec<u8>| bytes;
    let mut cb = Vec::new();
    c.serialize_compressed(&mut cb).expect("serialize");
    let c2 = S::Commitment::deserialize_compressed(&round_trip(cb)[..]).expect("deserialize");
    let mut pb = Vec::new();
    proof.serialize_compressed(&mut pb).expect("serialize");
    let p2 = S::Proof::deserialize_compressed(&pb[..]).expect("deserialize");
    let mut vb = Vec::new();
    vk.serialize_compressed(&mut vb).expect("serialize");
    let vk2 = S::VerifierSetup::deserialize_compressed(&vb[..]).expect("deserialize");
    assert!(verify::<S>(&vk2, &c2, &point, &eval, &p2));
    // A saved prover setup (e.g. a ceremony's output) loads back and commits identically.
    let mut sb = Vec::new();
    setup.serialize_compressed(&mut sb).expect("serialize");
    let setup2 = S::ProverSetup::deserialize_compressed(&sb[..]).expect("deserialize");
    let dense = MultilinearPolynomial::Dense(poly.clone());
    assert_eq!(S::commit(&setup2, &dense).expect("commit"), c);
    runner(64)
        .run(&proptest::collection::vec(any::<u8>(), 0..600), |bytes| {
            let _ = S::Proof::deserialize_compressed(&bytes[..]);
            let _ = S::Commitment::deserialize_compressed(&bytes[..]);
            let _ = S::VerifierSetup::deserialize_compressed(&bytes[..]);
            Ok(())
        })
        .expect("random bytes");
}

/// Generates one `#[test]` per conformance check for a scheme, sharing one setup.
#[macro_export]
macro_rules! conformance_tests {
    ($module:ident, $scheme:ty) => {
        mod $module {
            use $crate::traits::CommitmentScheme;
            fn setup() -> &'static <$scheme as CommitmentScheme>::ProverSetup {
                static SETUP: std::sync::OnceLock<<$scheme as CommitmentScheme>::ProverSetup> =
                    std::sync::OnceLock::new();
                SETUP.get_or_init(|| {
                    <$scheme as CommitmentScheme>::insecure_test_setup(
                        $crate::conformance::MAX_VARS,
                        0,
                    )
                })
            }
            #[test]
            fn completeness() {
                $crate::conformance::completeness::<$scheme>(setup());
            }
            #[test]
            fn small_values() {
                $crate::conformance::small_values::<$scheme>(setup());
            }
            #[test]
            fn soundness() {
                $crate::conformance::soundness::<$scheme>(setup());
            }
            #[test]
            fn tampered_proofs() {
                $crate::conformance::tampered_proofs::<$scheme>(setup());
            }
            #[test]
            fn batching() {
                $crate::conformance::batching::<$scheme>(setup());
            }
            #[test]
            fn serialization() {
                $crate::conformance::serialization::<$scheme>(setup());
            }
        }
    };
}
