use super::*;
use ark_bn254::Fr;
use proptest::prelude::*;
use sumcheck::{DensePolynomial, MerlinTranscript};

fn ops(log_n: usize, log_m: usize, seed: u64) -> Vec<MemoryOp> {
    let mut s = seed | 1;
    (0..1usize << log_n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let a = (s as usize) % (1 << log_m);
            let write = (s >> 40) & 1 == 1;
            (a, write.then_some(s >> 48))
        })
        .collect()
}

fn field_vec(v: &[u64]) -> Vec<Fr> {
    v.iter().map(|&x| Fr::from(x)).collect()
}

fn initial(log_m: usize) -> Vec<u64> {
    (0..1u64 << log_m).map(|m| 1000 + m * 3).collect()
}

/// Verifies `proof` against the public initial memory `init` (`2^log_n` operations).
fn verify(
    proof: &ReadWriteMemoryProof<Fr>,
    init: &[u64],
    log_n: usize,
) -> Result<ReadWriteClaims<Fr>, MemoryCheckingError> {
    let log_m = init.len().trailing_zeros() as usize;
    let mle = DensePolynomial::new(field_vec(init));
    let mle = |r: &[Fr]| mle.evaluate(r);
    verify_read_write(proof, log_m, log_n, mle, &mut MerlinTranscript::new(b"rw"))
}

fn run(init: &[u64], w: &ReadWriteWitness) -> Result<ReadWriteClaims<Fr>, MemoryCheckingError> {
    let log_n = w.addresses.len().trailing_zeros() as usize;
    let (proof, _) = prove_read_write::<Fr>(init, w, &mut MerlinTranscript::new(b"rw"));
    verify(&proof, init, log_n)
}

/// What the PCS would confirm about the committed witness polynomials.
fn claims_hold(w: &ReadWriteWitness, c: &ReadWriteClaims<Fr>) -> bool {
    let ev = |v: &[u64], r: &[Fr]| DensePolynomial::new(field_vec(v)).evaluate(r);
    c.access_evals
        == [
            ev(&w.addresses, &c.access_point),
            ev(&w.read_values, &c.access_point),
            ev(&w.write_values, &c.access_point),
            ev(&w.read_timestamps, &c.access_point),
        ]
        && c.final_evals
            == [
                ev(&w.final_values, &c.final_point),
                ev(&w.final_timestamps, &c.final_point),
            ]
        && {
            let (_, reads, finals) = range_check_counters(&w.read_timestamps);
            c.range_count_evals == [ev(&reads, &c.access_point), ev(&finals, &c.access_point)]
        }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn honest_traces_verify(log_n in 1usize..=8, log_m in 1usize..=5, seed in any::<u64>()) {
        let init = initial(log_m);
        let w = ReadWriteWitness::from_ops(&init, &ops(log_n, log_m, seed));
        let claims = run(&init, &w).unwrap();
        prop_assert!(claims_hold(&w, &claims));
    }

    #[test]
    fn a_stale_or_invented_read_is_caught(log_n in 2usize..=7, log_m in 1usize..=4, seed in any::<u64>(), which in any::<usize>(), delta in 1u64..3) {
        let init = initial(log_m);
        let mut w = ReadWriteWitness::from_ops(&init, &ops(log_n, log_m, seed));
        let i = which % w.addresses.len();
        w.read_values[i] += delta;
        // Keep a pure read self-consistent, as a cheater would.
        w.write_values[i] = w.write_values[i].max(w.read_values[i]);
        prop_assert!(run(&init, &w).is_err());
    }

    #[test]
    fn a_read_from_the_future_is_caught(log_n in 2usize..=6, log_m in 1usize..=3, seed in any::<u64>(), which in any::<usize>()) {
        let init = initial(log_m);
        let mut w = ReadWriteWitness::from_ops(&init, &ops(log_n, log_m, seed));
        let i = which % w.addresses.len();
        w.read_timestamps[i] = i as u64 + 2; // later than the operation itself
        match run(&init, &w) {
            Err(_) => {}
            Ok(c) => prop_assert!(!claims_hold(&w, &c)),
        }
    }
}

#[test]
fn a_wrong_final_value_is_rejected() {
    let init = initial(2);
    let mut w = ReadWriteWitness::from_ops(&init, &ops(3, 2, 9));
    w.final_values[1] += 1;
    assert_eq!(
        run(&init, &w).unwrap_err(),
        MemoryCheckingError::MultisetMismatch
    );
}

#[test]
fn a_wrong_initial_memory_is_rejected() {
    let init = initial(2);
    let w = ReadWriteWitness::from_ops(&init, &ops(3, 2, 11));
    let mut other = init.clone();
    other[3] += 5;
    // Proven against `init`, verified against `other`.
    let (proof, _) = prove_read_write::<Fr>(&init, &w, &mut MerlinTranscript::new(b"rw"));
    assert_eq!(
        verify(&proof, &other, 3).unwrap_err(),
        MemoryCheckingError::LeafMismatch("init")
    );
}

/// A multiset-consistent lie that only the range check catches: operation 0 reads the value
/// that operation 1 writes later (read timestamp 2 at time 0).
#[test]
fn the_range_check_rejects_a_balanced_read_from_the_future() {
    let init = vec![7u64, 8];
    let v = 42u64;
    let w = ReadWriteWitness {
        addresses: vec![0, 0],
        read_values: vec![v, 7],
        write_values: vec![v, v],
        read_timestamps: vec![2, 0],
        final_values: vec![v, 8],
        final_timestamps: vec![1, 0],
    };
    // Init ∪ Writes = {(0,7,0),(1,8,0),(0,42,1),(0,42,2)} = Reads ∪ Final: balanced, so the
    // multiset check passes. The difference 0 − 2 is not in [0, N): the range check's own
    // multiset equality fails.
    assert_eq!(
        run(&init, &w).unwrap_err(),
        MemoryCheckingError::RangeCheckMismatch
    );
}

/// A proof of an honest trace with one stated evaluation changed fails the leaf check that
/// evaluation feeds (the range check's counters included).
#[test]
fn a_wrong_stated_evaluation_is_rejected() {
    let init = initial(3);
    let w = ReadWriteWitness::from_ops(&init, &ops(4, 3, 5));
    let (proof, _) = prove_read_write::<Fr>(&init, &w, &mut MerlinTranscript::new(b"rw"));
    let verify = |p: &ReadWriteMemoryProof<Fr>| verify(p, &init, 4).map(|_| ());
    assert_eq!(verify(&proof), Ok(()));
    for (k, leaf) in [
        (0, "reads"),
        (1, "reads"),
        (2, "writes"),
        (3, "reads"),
        (4, "range reads"),
        (5, "range final"),
    ] {
        let mut bad = proof.clone();
        bad.access_evals[k] += Fr::from(1u64);
        assert_eq!(
            verify(&bad),
            Err(MemoryCheckingError::LeafMismatch(leaf)),
            "access eval {k}"
        );
    }
    for (k, leaf) in [(0, "final"), (1, "final")] {
        let mut bad = proof.clone();
        bad.final_evals[k] += Fr::from(1u64);
        assert_eq!(verify(&bad), Err(MemoryCheckingError::LeafMismatch(leaf)));
    }
    let mut bad = proof.clone();
    bad.access_products[3] += Fr::from(1u64);
    assert!(matches!(
        verify(&bad),
        Err(MemoryCheckingError::GrandProduct(_))
    ));
    let mut bad = proof;
    bad.access_evals.pop();
    assert!(matches!(
        verify(&bad),
        Err(MemoryCheckingError::WrongLength { .. })
    ));
}
