//! Honest behaviour: completeness, compact forms, homomorphism, serialization round trips.

use super::{commit, honest, random_poly, runner, transcript, verify, FIXED_SIZES, MAX_VARS};
use crate::traits::CommitmentScheme;
use ark_ff::UniformRand;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sumcheck::{DensePolynomial, MultilinearPolynomial};

/// Honest openings of random polynomials verify, at every size in [`FIXED_SIZES`] and at
/// proptest-drawn sizes up to 10 variables.
pub fn completeness<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let check = |n: usize, seed: u64| {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let (poly, point) = random_poly::<S::Field>(n, &mut rng);
        let (c, eval, proof) = honest::<S>(setup, &poly, &point);
        let result = S::verify(&vk, &c, &point, &eval, &proof, &mut transcript());
        assert_eq!(result, Ok(()), "honest opening rejected, n = {n}");
    };
    for n in FIXED_SIZES {
        check(n, n as u64);
    }
    runner(16)
        .run(&(0usize..=10, any::<u64>()), |(n, seed)| {
            check(n, seed);
            Ok(())
        })
        .expect("completeness");
}

/// The values of a compact column: random, all zero, all maximal, or sparse (mostly zero).
fn pattern(kind: u8, len: usize, max: u64, rng: &mut ChaCha20Rng) -> Vec<u64> {
    (0..len)
        .map(|_| match kind {
            0 => rng.next_u64() & max,
            1 => 0,
            2 => max,
            _ => rng.next_u32().is_multiple_of(8) as u64 * (rng.next_u64() & max),
        })
        .collect()
}

/// `values` as the compact form with `bits` bits per value (1, 8, 16, 32 or 64).
fn compact<F: ark_ff::PrimeField>(bits: u32, values: &[u64]) -> MultilinearPolynomial<F> {
    match bits {
        1 => values.iter().map(|v| *v == 1).collect::<Vec<_>>().into(),
        8 => values.iter().map(|v| *v as u8).collect::<Vec<_>>().into(),
        16 => values.iter().map(|v| *v as u16).collect::<Vec<_>>().into(),
        32 => values.iter().map(|v| *v as u32).collect::<Vec<_>>().into(),
        _ => values.to_vec().into(),
    }
}

/// Every compact form commits exactly like its dense form and opens correctly; so does a
/// compact polynomial after a bind (then held densely).
pub fn small_values<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let check = |bits: u32, kind: u8, n: usize, seed: u64| -> Result<(), TestCaseError> {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let max = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        let small = compact::<S::Field>(bits, &pattern(kind, 1 << n, max, &mut rng));
        let dense = small.to_dense();
        let c_small = S::commit(setup, &small).expect("commit");
        prop_assert_eq!(
            &c_small,
            &commit::<S>(setup, &dense),
            "{}-bit, n = {}",
            bits,
            n
        );
        let point: Vec<S::Field> = (0..n).map(|_| S::Field::rand(&mut rng)).collect();
        let eval = small.evaluate(&point);
        let proof =
            S::open(setup, &dense, &c_small, &point, &eval, &mut transcript()).expect("open");
        prop_assert!(verify::<S>(&vk, &c_small, &point, &eval, &proof));
        if n > 0 {
            let mut bound = small.clone();
            bound.bind(S::Field::rand(&mut rng));
            let c_bound = S::commit(setup, &bound).expect("commit");
            prop_assert_eq!(c_bound, commit::<S>(setup, &bound.to_dense()));
        }
        Ok(())
    };
    for bits in [1, 8, 16, 32, 64] {
        for n in [0, 1, 3, 8] {
            check(bits, 0, n, u64::from(bits) + n as u64).expect("small values");
        }
    }
    // The pay-per-bit paths at the largest size.
    check(1, 0, MAX_VARS, 1).expect("flags at the largest size");
    check(16, 0, MAX_VARS, 2).expect("16-bit values at the largest size");
    runner(16)
        .run(
            &(
                prop::sample::select(vec![1u32, 8, 16, 32, 64]),
                0u8..4,
                0usize..=9,
                any::<u64>(),
            ),
            |(bits, kind, n, seed)| check(bits, kind, n, seed),
        )
        .expect("small values");
}

/// Where `combine_commitments` returns `Some`, it equals the commitment of the combined
/// polynomial (the smaller one zero-padded); `batch_commit` agrees with `commit`.
pub fn homomorphism<S: CommitmentScheme>(setup: &S::ProverSetup) {
    runner(12)
        .run(&(0usize..=8, 0usize..=8, any::<u64>()), |(k, n, seed)| {
            let (k, n) = (k.min(n), k.max(n));
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let small = random_poly::<S::Field>(k, &mut rng).0;
            let big = random_poly::<S::Field>(n, &mut rng).0;
            let polys = [
                MultilinearPolynomial::Dense(small.clone()),
                MultilinearPolynomial::Dense(big.clone()),
            ];
            let commitments = S::batch_commit(setup, &polys).expect("batch commit");
            prop_assert_eq!(&commitments[0], &commit::<S>(setup, &small));
            prop_assert_eq!(&commitments[1], &commit::<S>(setup, &big));
            let (a, b) = (S::Field::rand(&mut rng), S::Field::rand(&mut rng));
            if let Some(combined) = S::combine_commitments(&commitments, &[a, b]) {
                let mut evals: Vec<S::Field> = big.evals().iter().map(|v| b * v).collect();
                for (e, v) in evals.iter_mut().zip(small.evals()) {
                    *e += a * v;
                }
                prop_assert_eq!(combined, commit::<S>(setup, &DensePolynomial::new(evals)));
                prop_assert!(S::combine_commitments(&commitments, &[a]).is_none());
            }
            Ok(())
        })
        .expect("homomorphism");
}

/// Commitments, proofs and setups survive a serialization round trip (the prover setup
/// through `save_setup`/`load_setup`, as a ceremony output would); random bytes never panic
/// a deserializer, and a proof parsed from them does not verify.
pub fn serialization<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let vk = S::verifier_setup(setup);
    let mut rng = ChaCha20Rng::seed_from_u64(99);
    let (poly, point) = random_poly::<S::Field>(5, &mut rng);
    let (c, eval, proof) = honest::<S>(setup, &poly, &point);
    let mut cb = Vec::new();
    c.serialize_compressed(&mut cb).expect("serialize");
    let c2 = S::Commitment::deserialize_compressed(&cb[..]).expect("deserialize");
    let mut pb = Vec::new();
    proof.serialize_compressed(&mut pb).expect("serialize");
    let p2 = S::Proof::deserialize_compressed(&pb[..]).expect("deserialize");
    assert_eq!((&c2, &p2), (&c, &proof));
    let mut vb = Vec::new();
    vk.serialize_compressed(&mut vb).expect("serialize");
    let vk2 = S::VerifierSetup::deserialize_compressed(&vb[..]).expect("deserialize");
    assert!(verify::<S>(&vk2, &c2, &point, &eval, &p2));
    assert_eq!(
        S::check_setup(setup),
        Ok(()),
        "the test setup is inconsistent"
    );
    let mut sb = Vec::new();
    S::save_setup(setup, &mut sb).expect("save setup");
    let setup2 = S::load_setup(&sb[..]).expect("load setup");
    assert_eq!(commit::<S>(&setup2, &poly), c);
    assert!(
        S::load_setup(&sb[..sb.len() / 2]).is_err(),
        "truncated setup loaded"
    );
    runner(64)
        .run(&proptest::collection::vec(any::<u8>(), 0..600), |bytes| {
            if let Ok(p) = S::Proof::deserialize_compressed(&bytes[..]) {
                prop_assert!(!verify::<S>(&vk, &c, &point, &eval, &p));
            }
            let _ = S::Commitment::deserialize_compressed(&bytes[..]);
            let _ = S::VerifierSetup::deserialize_compressed(&bytes[..]);
            let _ = S::load_setup(&bytes[..]);
            Ok(())
        })
        .expect("random bytes");
}

/// [`CommitmentScheme::insecure_test_verifier_setup`] builds exactly the verifier part of
/// [`CommitmentScheme::insecure_test_setup`] (compared as serialized bytes), for a few sizes
/// and seeds, so a verifier that never builds prover keys checks against the same keys.
pub fn verifier_setup_alone<S: CommitmentScheme>() {
    for (num_vars, seed) in [(0, 0), (1, 7), (3, 1), (6, 0x4a4f_4c54)] {
        let prover = S::insecure_test_setup(num_vars, seed);
        let mut expected = Vec::new();
        S::verifier_setup(&prover)
            .serialize_compressed(&mut expected)
            .expect("serializes");
        let mut alone = Vec::new();
        S::insecure_test_verifier_setup(num_vars, seed)
            .serialize_compressed(&mut alone)
            .expect("serializes");
        assert_eq!(
            alone,
            expected,
            "{}: the verifier-only setup differs at {num_vars} variables, seed {seed}",
            S::NAME
        );
    }
}

/// Row `x` of a one-hot commitment is the commitment of the flag column `[indices[j] = x]`.
fn assert_rows_are_the_flag_commitments<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    rows: &[S::Commitment],
    indices: &[u16],
    case: &str,
) {
    for (x, row) in rows.iter().enumerate() {
        let bits: Vec<bool> = indices.iter().map(|&c| c as usize == x).collect();
        let expected = S::commit(setup, &MultilinearPolynomial::from(bits)).expect("commit");
        assert_eq!(
            row,
            &expected,
            "{}: {case}, row {x} of {}, T = {}",
            S::NAME,
            rows.len(),
            indices.len()
        );
    }
}

/// [`CommitmentScheme::commit_one_hot`]: each row's commitment is the commitment of the row's
/// 0/1 vector; for homomorphic schemes the rows combined with `eq(ρ, ·)` open at `τ` to
/// `ra~(ρ, τ)` (and not to anything else); a malformed shape is an error, not a panic.
pub fn one_hot<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let mut rng = ChaCha20Rng::seed_from_u64(0x0e_407);
    let vk = S::verifier_setup(setup);
    // Slowly varying chunks (a constant one, runs of every length at every alignment) and
    // changing lengths: schemes may take runs as block sums, and must agree with the rows.
    for (n, t, run) in [
        (4usize, 1usize << 10, 0usize),
        (8, 1 << 6, 3),
        (4, 1 << 10, 37),
        (16, 1 << 9, 1),
    ] {
        let mut indices = Vec::with_capacity(t);
        let mut value = 1u16;
        while indices.len() < t {
            let len = if run == 0 {
                t
            } else {
                1 + rng.next_u32() as usize % (2 * run)
            };
            indices.extend(std::iter::repeat_n(value, len.min(t - indices.len())));
            value = (rng.next_u32() as usize % n) as u16;
        }
        let rows = S::commit_one_hot(setup, n, &indices).expect("one-hot commit");
        assert_rows_are_the_flag_commitments::<S>(setup, &rows, &indices, &format!("runs ~{run}"));
    }
    for (log_rows, log_t) in [(0usize, 0usize), (2, 3), (4, 6), (3, 10)] {
        let (n, t) = (1usize << log_rows, 1usize << log_t);
        let indices: Vec<u16> = (0..t)
            .map(|_| (rng.next_u32() as usize % n) as u16)
            .collect();
        let rows = S::commit_one_hot(setup, n, &indices).expect("one-hot commit");
        assert_eq!(rows.len(), n);
        assert_rows_are_the_flag_commitments::<S>(setup, &rows, &indices, "random");
        let rho: Vec<S::Field> = (0..log_rows).map(|_| S::Field::rand(&mut rng)).collect();
        let tau: Vec<S::Field> = (0..log_t).map(|_| S::Field::rand(&mut rng)).collect();
        let eq_rho = sumcheck::EqPolynomial::evals(&rho);
        let Some(combined) = S::combine_commitments(&rows, &eq_rho) else {
            continue;
        };
        let values = DensePolynomial::new(indices.iter().map(|&c| eq_rho[c as usize]).collect());
        let eval = values.evaluate(&tau);
        let proof =
            S::open(setup, &values, &combined, &tau, &eval, &mut transcript()).expect("open");
        assert!(verify::<S>(&vk, &combined, &tau, &eval, &proof));
        let wrong = eval + S::Field::from(1u64);
        assert!(!verify::<S>(&vk, &combined, &tau, &wrong, &proof));
    }
    assert!(
        S::commit_one_hot(setup, 4, &[0, 1, 4, 2]).is_err(),
        "index outside the rows"
    );
    assert!(
        S::commit_one_hot(setup, 4, &[0, 1, 2]).is_err(),
        "T not a power of two"
    );
}

/// [`CommitmentScheme::commit_gathered`]: each gathered column's commitment equals the
/// commitment of the column written out; rows returned by
/// [`CommitmentScheme::commit_gathered_with_rows`] are the one-hot rows, and merged by a map
/// ([`CommitmentScheme::merge_one_hot_rows`]) they commit the mapped one-hot matrix (constant indices, runs, random indices, tables of
/// 1- to 64-bit values and an all-zero table); a malformed shape is an error, not a panic.
pub fn gathered<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let mut rng = ChaCha20Rng::seed_from_u64(0x6a_7e4);
    for (n, log_t, run) in [
        (1usize, 4usize, 0usize),
        (5, 10, 0),
        (37, 9, 5),
        (300, 12, 1),
    ] {
        let t = 1usize << log_t;
        let mut indices = Vec::with_capacity(t);
        while indices.len() < t {
            let len = if run == 0 {
                1
            } else {
                1 + rng.next_u32() as usize % (2 * run)
            };
            let value = (rng.next_u32() as usize % n) as u16;
            indices.extend(std::iter::repeat_n(value, len.min(t - indices.len())));
        }
        let tables: Vec<Vec<u64>> = [1u32, 8, 17, 32, 64]
            .into_iter()
            .map(|bits| (0..n).map(|_| rng.next_u64() >> (64 - bits)).collect())
            .chain(std::iter::once(vec![0u64; n]))
            .collect();
        let table_refs: Vec<&[u64]> = tables.iter().map(Vec::as_slice).collect();
        let got = S::commit_gathered(setup, n, &indices, &table_refs).expect("gathered commit");
        assert_eq!(got.len(), tables.len());
        let (with_rows, rows) =
            S::commit_gathered_with_rows(setup, n, &indices, &table_refs).expect("with rows");
        assert_eq!(with_rows, got);
        if let Some(rows) = rows {
            // The rows are the index column's one-hot rows, and merging them by a map commits
            // the mapped indices' one-hot matrix.
            assert_eq!(
                rows,
                S::commit_one_hot(setup, n, &indices).expect("one-hot")
            );
            let m = 1 + n / 3;
            let map: Vec<u16> = (0..n)
                .map(|_| (rng.next_u32() as usize % m) as u16)
                .collect();
            let mapped: Vec<u16> = indices.iter().map(|&x| map[x as usize]).collect();
            let merged = S::merge_one_hot_rows(&rows, &map, m).expect("merge");
            assert_eq!(
                merged,
                Some(S::commit_one_hot(setup, m, &mapped).expect("one-hot"))
            );
            assert!(
                S::merge_one_hot_rows(&rows, &map[1..], m).is_err(),
                "short map"
            );
            assert!(
                S::merge_one_hot_rows(&rows, &map, 0).is_err(),
                "map outside the rows"
            );
        }
        for (table, commitment) in tables.iter().zip(&got) {
            let column: Vec<u64> = indices.iter().map(|&x| table[x as usize]).collect();
            let expected = S::commit(setup, &MultilinearPolynomial::compact_from_u64s(&column))
                .expect("commit");
            assert_eq!(commitment, &expected, "{n} rows, T = {t}");
        }
    }
    let table = [1u64, 2, 3, 4];
    assert!(
        S::commit_gathered(setup, 4, &[0, 1, 4, 2], &[&table]).is_err(),
        "index outside the rows"
    );
    assert!(
        S::commit_gathered(setup, 4, &[0, 1, 2, 3], &[&table[..3]]).is_err(),
        "a table shorter than the rows"
    );
    assert!(
        S::commit_gathered(setup, 4, &[0, 1, 2], &[&table]).is_err(),
        "T not a power of two"
    );
}
