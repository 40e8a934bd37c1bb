use super::*;
use ark_bn254::Fr;
use ark_ff::One;
use proptest::prelude::*;
use sumcheck::{DensePolynomial, MerlinTranscript};

fn table(log_m: usize) -> Vec<Fr> {
    (0..1u64 << log_m)
        .map(|i| Fr::from(i * i * 7 + 3))
        .collect()
}

fn run(tab: &[Fr], w: &ReadOnlyWitness<Fr>) -> Result<ReadOnlyClaims<Fr>, MemoryCheckingError> {
    let (log_m, log_t) = (
        tab.len().trailing_zeros() as usize,
        w.addresses.len().trailing_zeros() as usize,
    );
    let (proof, _) = prove_read_only(tab, w, &mut MerlinTranscript::new(b"ro"));
    let mle = |r: &[Fr]| DensePolynomial::new(tab.to_vec()).evaluate(r);
    verify_read_only(&proof, log_m, log_t, mle, &mut MerlinTranscript::new(b"ro"))
}

/// What the PCS would confirm: the stated evaluations are the witness polynomials' values.
fn claims_hold(w: &ReadOnlyWitness<Fr>, c: &ReadOnlyClaims<Fr>) -> bool {
    let ev = |v: Vec<Fr>, r: &[Fr]| DensePolynomial::new(v).evaluate(r);
    ev(
        w.addresses.iter().map(|&a| Fr::from(a as u64)).collect(),
        &c.access_point,
    ) == c.address_eval
        && ev(w.values.clone(), &c.access_point) == c.value_eval
        && ev(
            w.read_counts.iter().map(|&x| Fr::from(x)).collect(),
            &c.access_point,
        ) == c.read_count_eval
        && ev(
            w.final_counts.iter().map(|&x| Fr::from(x)).collect(),
            &c.table_point,
        ) == c.final_count_eval
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn honest_reads_verify(log_m in 1usize..=6, log_t in 1usize..=8, seed in any::<u64>()) {
        let tab = table(log_m);
        let addrs: Vec<usize> = (0..1usize << log_t).map(|i| ((seed >> (i % 50)) as usize ^ i) % tab.len()).collect();
        let w = ReadOnlyWitness::honest(&tab, &addrs);
        let claims = run(&tab, &w).unwrap();
        prop_assert!(claims_hold(&w, &claims));
    }

    #[test]
    fn a_read_of_an_invented_value_is_rejected(log_m in 1usize..=5, log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let tab = table(log_m);
        let addrs: Vec<usize> = (0..1usize << log_t).map(|i| (seed as usize).wrapping_add(i * 3) % tab.len()).collect();
        let mut w = ReadOnlyWitness::honest(&tab, &addrs);
        let t = which % addrs.len();
        w.values[t] += Fr::one();
        prop_assert!(run(&tab, &w).is_err());
    }

    #[test]
    fn a_wrong_counter_is_rejected_or_caught_by_the_pcs(log_m in 1usize..=5, log_t in 1usize..=6, which in any::<usize>()) {
        let tab = table(log_m);
        let addrs: Vec<usize> = (0..1usize << log_t).map(|i| i % tab.len()).collect();
        let mut w = ReadOnlyWitness::honest(&tab, &addrs);
        let t = which % addrs.len();
        w.read_counts[t] += 1;
        if let Ok(claims) = run(&tab, &w) {
            prop_assert!(!claims_hold(&ReadOnlyWitness::honest(&tab, &addrs), &claims));
        }
    }
}

#[test]
fn a_value_read_from_the_wrong_address_is_rejected() {
    let tab = table(3);
    let addrs = vec![1, 2, 3, 1];
    let mut w = ReadOnlyWitness::honest(&tab, &addrs);
    w.values[0] = tab[5]; // value of cell 5 claimed at address 1
    assert_eq!(
        run(&tab, &w).unwrap_err(),
        MemoryCheckingError::MultisetMismatch
    );
}

#[test]
fn malformed_proofs_are_errors() {
    let tab = table(2);
    let w = ReadOnlyWitness::honest(&tab, &[0, 1, 1, 3]);
    let (proof, _) = prove_read_only(&tab, &w, &mut MerlinTranscript::new(b"ro"));
    let mle = |r: &[Fr]| DensePolynomial::new(tab.clone()).evaluate(r);
    let mut bad = proof.clone();
    bad.access_evals.pop();
    assert!(matches!(
        verify_read_only(&bad, 2, 2, mle, &mut MerlinTranscript::new(b"ro")),
        Err(MemoryCheckingError::WrongLength { .. })
    ));
    let mut bad = proof.clone();
    bad.final_count_eval += Fr::one();
    assert_eq!(
        verify_read_only(&bad, 2, 2, mle, &mut MerlinTranscript::new(b"ro")).unwrap_err(),
        MemoryCheckingError::LeafMismatch("final")
    );
    let mut bad = proof;
    bad.access_evals[0] += Fr::one();
    assert_eq!(
        verify_read_only(&bad, 2, 2, mle, &mut MerlinTranscript::new(b"ro")).unwrap_err(),
        MemoryCheckingError::LeafMismatch("reads")
    );
    let (proof, _) = prove_read_only(&tab, &w, &mut MerlinTranscript::new(b"ro"));
    assert!(verify_read_only(&proof, 3, 2, mle, &mut MerlinTranscript::new(b"ro")).is_err());
}
