//! Honest proofs checked against a false statement, and lying provers.

use super::{commit, honest, random_poly, runner, transcript, verify};
use crate::traits::CommitmentScheme;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// A wrong evaluation, a wrong point (each coordinate in turn), a wrong commitment, a
/// commitment to another polynomial, a prover who opens another polynomial but claims this
/// one's value, and a proof checked at one variable more or fewer are all rejected.
pub fn soundness<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    runner(12)
        .run(&(0usize..=8, any::<u64>()), |(n, seed)| {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let (poly, point) = random_poly::<S::Field>(n, &mut rng);
            let (c, eval, proof) = honest::<S>(setup, &poly, &point);
            let one = S::Field::from(1u64);
            prop_assert!(
                !verify::<S>(&vk, &c, &point, &(eval + one), &proof),
                "wrong evaluation accepted"
            );
            for i in 0..n {
                let mut other_point = point.clone();
                other_point[i] += one;
                prop_assert!(
                    !verify::<S>(&vk, &c, &other_point, &eval, &proof),
                    "wrong point accepted (coordinate {})",
                    i
                );
            }
            let (other, _) = random_poly::<S::Field>(n, &mut rng);
            let c_other = commit::<S>(setup, &other);
            prop_assert!(
                !verify::<S>(&vk, &c_other, &point, &eval, &proof),
                "commitment to another polynomial accepted"
            );
            let shifted = S::combine_commitments(std::slice::from_ref(&c), &[S::Field::from(2u64)]);
            if let Some(c_twice) = shifted {
                prop_assert!(
                    !verify::<S>(&vk, &c_twice, &point, &eval, &proof),
                    "wrong commitment (2·C) accepted"
                );
            }
            // A lying prover: opens another polynomial but claims our polynomial's value. (With
            // no variables the statement about `c` is still true and the proof carries nothing.)
            if let Ok(lie) = S::open(setup, &other, &c, &point, &eval, &mut transcript()) {
                prop_assert!(
                    n == 0 || !verify::<S>(&vk, &c, &point, &eval, &lie),
                    "proof computed from another polynomial accepted"
                );
                prop_assert!(
                    !verify::<S>(&vk, &c_other, &point, &eval, &lie),
                    "false evaluation accepted"
                );
            }
            // Proofs of the wrong length: a proof for n variables checked at n ± 1 variables.
            let longer: Vec<S::Field> = point.iter().copied().chain([one]).collect();
            prop_assert!(
                !verify::<S>(&vk, &c, &longer, &eval, &proof),
                "proof checked at n + 1 variables accepted"
            );
            if n > 0 {
                prop_assert!(
                    !verify::<S>(&vk, &c, &point[1..], &eval, &proof),
                    "proof checked at n − 1 variables accepted"
                );
            }
            Ok(())
        })
        .expect("soundness");
}
