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

fn batch_tables() -> [Vec<Fr>; 2] {
    [table(4), table(4).iter().map(|v| *v + Fr::one()).collect()]
}

/// Proves three memories over two tables (memories 0 and 2 share table 0, so its Init
/// product).
fn prove_batch(
    witnesses: &[ReadOnlyWitness<Fr>],
) -> (ReadOnlyBatchProof<Fr>, Vec<ReadOnlyClaims<Fr>>) {
    prove_batch_with(witnesses, false)
}

/// [`prove_batch`], with every memory's values left implicit (`V[a_t]`) if `implicit`.
fn prove_batch_with(
    witnesses: &[ReadOnlyWitness<Fr>],
    implicit: bool,
) -> (ReadOnlyBatchProof<Fr>, Vec<ReadOnlyClaims<Fr>>) {
    let tables = batch_tables();
    let accesses: Vec<ReadOnlyAccesses<'_, Fr>> = witnesses
        .iter()
        .map(|w| ReadOnlyAccesses {
            values: if implicit { None } else { Some(&w.values) },
            ..w.accesses()
        })
        .collect();
    let slices: Vec<&[Fr]> = tables.iter().map(|t| t.as_slice()).collect();
    prove_read_only_batch(
        &slices,
        &[0, 1, 0],
        &accesses,
        &mut MerlinTranscript::new(b"ro"),
    )
}

/// Verifies a batch of 32-read memories over [`batch_tables`] with the given assignment.
fn verify_batch(
    proof: &ReadOnlyBatchProof<Fr>,
    table_of: &[usize],
) -> Result<Vec<ReadOnlyClaims<Fr>>, (usize, MemoryCheckingError)> {
    let polys: Vec<DensePolynomial<Fr>> = batch_tables()
        .into_iter()
        .map(DensePolynomial::new)
        .collect();
    let mle0 = |r: &[Fr]| polys[0].evaluate(r);
    let mle1 = |r: &[Fr]| polys[1].evaluate(r);
    let mles: [TableMle<'_, Fr>; 2] = [&mle0, &mle1];
    verify_read_only_batch(
        proof,
        4,
        5,
        &mles,
        table_of,
        &mut MerlinTranscript::new(b"ro"),
    )
}

/// Proves the batch and verifies it with the given table assignment.
fn run_batch(
    witnesses: &[ReadOnlyWitness<Fr>],
    table_of: &[usize],
) -> Result<Vec<ReadOnlyClaims<Fr>>, (usize, MemoryCheckingError)> {
    verify_batch(&prove_batch(witnesses).0, table_of)
}

fn batch_witnesses() -> Vec<ReadOnlyWitness<Fr>> {
    let t0 = table(4);
    let t1: Vec<Fr> = t0.iter().map(|v| *v + Fr::one()).collect();
    let addrs = |k: usize| -> Vec<usize> { (0..32).map(|i| (i * (k + 3) + k) % 16).collect() };
    vec![
        ReadOnlyWitness::honest(&t0, &addrs(0)),
        ReadOnlyWitness::honest(&t1, &addrs(1)),
        ReadOnlyWitness::honest(&t0, &addrs(2)),
    ]
}

#[test]
fn a_batch_with_a_shared_table_verifies_and_its_claims_hold() {
    let w = batch_witnesses();
    let claims = run_batch(&w, &[0, 1, 0]).unwrap();
    for (w, c) in w.iter().zip(&claims) {
        assert!(claims_hold(w, c));
    }
}

#[test]
fn a_batch_member_reading_the_other_table_is_rejected_with_its_index() {
    // Memory 2 claims table 0 but its values are table 1's.
    let mut w = batch_witnesses();
    let t1: Vec<Fr> = table(4).iter().map(|v| *v + Fr::one()).collect();
    w[2] = ReadOnlyWitness::honest(&t1, &w[2].addresses);
    assert_eq!(
        run_batch(&w, &[0, 1, 0]).unwrap_err(),
        (2, MemoryCheckingError::MultisetMismatch)
    );
}

#[test]
fn a_batch_verified_against_another_table_assignment_is_rejected() {
    let w = batch_witnesses();
    assert!(run_batch(&w, &[0, 1, 1]).is_err());
    assert!(matches!(
        run_batch(&w, &[0, 1, 2]),
        Err((0, MemoryCheckingError::WrongLength { .. }))
    ));
}

/// In unit tests a group holds `2^6` access leaves, so the three 32-read memories above get
/// one access-side grand product each; a lie in one group's proof is reported with that
/// group's first memory, a missing group proof as a length error.
#[test]
fn access_groups_are_checked_separately() {
    assert_eq!(access_group_size(5), 1);
    let (proof, claims) = prove_batch(&batch_witnesses());
    assert_eq!(proof.access_proofs.len(), 3);
    assert_ne!(claims[0].access_point, claims[1].access_point);
    let verify = |p: &ReadOnlyBatchProof<Fr>| verify_batch(p, &[0, 1, 0]);
    assert_eq!(verify(&proof).unwrap(), claims);
    let mut lie = proof.clone();
    lie.access_proofs[2].layers[1].claims[0] += Fr::one();
    assert!(matches!(
        verify(&lie),
        Err((2, MemoryCheckingError::GrandProduct(_)))
    ));
    let mut missing = proof.clone();
    missing.access_proofs.pop();
    assert!(matches!(
        verify(&missing),
        Err((
            0,
            MemoryCheckingError::WrongLength {
                field: "access_proofs",
                ..
            }
        ))
    ));
}

/// Implicit honest values give the very proof that the explicit ones give.
#[test]
fn implicit_table_values_prove_the_same_as_explicit_ones() {
    let w = batch_witnesses();
    let explicit = prove_batch(&w);
    let implicit = prove_batch_with(&w, true);
    assert_eq!(implicit, explicit);
    assert!(verify_batch(&implicit.0, &[0, 1, 0]).is_ok());
}

/// An address outside the table with implicit values: no panic, and the proof is rejected.
#[test]
fn an_out_of_table_address_with_implicit_values_is_rejected() {
    let mut w = batch_witnesses();
    w[1].addresses[7] = 16 + 3;
    let (proof, _) = prove_batch_with(&w, true);
    assert!(verify_batch(&proof, &[0, 1, 0]).is_err());
}
