//! Batch openings of polynomials of different sizes at one point.

use super::{commit, random_poly, runner, transcript, MAX_VARS};
use crate::error::PcsError;
use crate::traits::CommitmentScheme;
use ark_ff::UniformRand;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sumcheck::DensePolynomial;

/// An honest batch: polynomials of `sizes` variables opened at a point of
/// `max(sizes) + extra` coordinates (each at its suffix of the point).
struct Batch<S: CommitmentScheme> {
    polys: Vec<DensePolynomial<S::Field>>,
    commitments: Vec<S::Commitment>,
    sizes: Vec<usize>,
    point: Vec<S::Field>,
    evals: Vec<S::Field>,
    proof: S::Proof,
}

impl<S: CommitmentScheme> Batch<S> {
    fn new(setup: &S::ProverSetup, sizes: Vec<usize>, extra: usize, seed: u64) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let n = (sizes.iter().max().expect("non-empty") + extra).min(MAX_VARS);
        let point: Vec<S::Field> = (0..n).map(|_| S::Field::rand(&mut rng)).collect();
        let polys: Vec<DensePolynomial<S::Field>> = sizes
            .iter()
            .map(|&k| random_poly::<S::Field>(k, &mut rng).0)
            .collect();
        let evals: Vec<S::Field> = polys
            .iter()
            .map(|p| p.evaluate(&point[n - p.num_vars()..]))
            .collect();
        let commitments: Vec<S::Commitment> = polys.iter().map(|p| commit::<S>(setup, p)).collect();
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
        Self {
            polys,
            commitments,
            sizes,
            point,
            evals,
            proof,
        }
    }

    /// Verifies the batch's proof against possibly modified public inputs.
    fn verify(
        &self,
        vk: &S::VerifierSetup,
        commitments: &[S::Commitment],
        sizes: &[usize],
        point: &[S::Field],
        evals: &[S::Field],
    ) -> Result<(), PcsError> {
        S::batch_verify(
            vk,
            commitments,
            sizes,
            point,
            evals,
            &self.proof,
            &mut transcript(),
        )
    }
}

fn batch_strategy() -> impl Strategy<Value = (Vec<usize>, usize, u64)> {
    (
        proptest::collection::vec(0usize..=8, 1..5),
        0usize..=2,
        any::<u64>(),
    )
}

/// Honest batch openings of mixed sizes verify, including at a point longer than every
/// polynomial (all of them zero-padded) and a batch of one.
pub fn batching<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let fixed: [(&[usize], usize); 4] = [(&[0], 0), (&[3], 2), (&[0, 5, 2, 5], 0), (&[14, 1], 0)];
    for (sizes, extra) in fixed {
        let b = Batch::<S>::new(setup, sizes.to_vec(), extra, 5);
        let result = b.verify(&vk, &b.commitments, &b.sizes, &b.point, &b.evals);
        assert_eq!(result, Ok(()), "honest batch {sizes:?} (+{extra}) rejected");
    }
    runner(10)
        .run(&batch_strategy(), |(sizes, extra, seed)| {
            let b = Batch::<S>::new(setup, sizes, extra, seed);
            let result = b.verify(&vk, &b.commitments, &b.sizes, &b.point, &b.evals);
            prop_assert_eq!(result, Ok(()), "honest batch {:?} rejected", b.sizes);
            Ok(())
        })
        .expect("batching");
}

/// A batch proof is rejected with a wrong value, a commitment to another polynomial, two
/// commitments swapped, a commitment missing, a wrong size, or a wrong point.
pub fn batch_soundness<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    runner(10)
        .run(&batch_strategy(), |(sizes, extra, seed)| {
            let b = Batch::<S>::new(setup, sizes, extra, seed);
            let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 1);
            let one = S::Field::from(1u64);
            let i = seed as usize % b.sizes.len();
            let (c, k, r, e) = (&b.commitments, &b.sizes, &b.point, &b.evals);
            let mut bad = e.clone();
            bad[i] += one;
            prop_assert!(
                b.verify(&vk, c, k, r, &bad).is_err(),
                "wrong value accepted"
            );
            let mut other = c.clone();
            other[i] = commit::<S>(setup, &random_poly::<S::Field>(k[i], &mut rng).0);
            prop_assert!(
                b.verify(&vk, &other, k, r, e).is_err(),
                "commitment to another polynomial accepted"
            );
            if let Some(j) = (0..k.len()).find(|&j| k[j] == k[i] && b.polys[j] != b.polys[i]) {
                let mut swapped = c.clone();
                swapped.swap(i, j);
                prop_assert!(
                    b.verify(&vk, &swapped, k, r, e).is_err(),
                    "swapped commitments accepted"
                );
            }
            // With an empty point every polynomial is a constant and every proof is empty, so
            // the batch without one (true) claim is a true statement with a valid proof.
            if !r.is_empty() {
                prop_assert!(
                    b.verify(&vk, &c[1..], &k[1..], r, &e[1..]).is_err(),
                    "proof of a batch accepted for the batch with a claim dropped"
                );
            }
            prop_assert!(
                b.verify(&vk, &c[1..], k, r, e).is_err(),
                "missing commitment accepted"
            );
            let mut wrong_sizes = k.clone();
            wrong_sizes[i] = if k[i] > 0 { k[i] - 1 } else { 1 };
            if wrong_sizes[i] <= r.len() {
                prop_assert!(
                    b.verify(&vk, c, &wrong_sizes, r, e).is_err(),
                    "wrong size accepted"
                );
            }
            // Change a coordinate the largest polynomial depends on (a coordinate outside every
            // suffix leaves every claim true).
            let largest = *k.iter().max().expect("non-empty");
            if largest > 0 {
                let mut other_point = r.clone();
                other_point[r.len() - 1 - seed as usize % largest] += one;
                prop_assert!(
                    b.verify(&vk, c, k, &other_point, e).is_err(),
                    "wrong point accepted"
                );
            }
            Ok(())
        })
        .expect("batch soundness");
}
