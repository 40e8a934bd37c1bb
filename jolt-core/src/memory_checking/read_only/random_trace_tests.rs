//! Read-only memory checking on random traces shaped like the bytecode check: a public table
//! of packed rows (arbitrary field elements), read at program-counter-like addresses (mostly
//! the next row, sometimes a jump). Completeness with the transcript-divergence helper, and the
//! lies a bytecode prover could tell: a row value that is in no row, another row's value, and a
//! proof made for a different program than the verifier's public table.

use super::*;
use ark_bn254::Fr;
use ark_std::UniformRand;
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sumcheck::{first_divergence, DensePolynomial, MerlinTranscript};

/// A table of `2^log_m` random packed rows.
fn table(log_m: usize, seed: u64) -> Vec<Fr> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    (0..1usize << log_m).map(|_| Fr::rand(&mut rng)).collect()
}

/// `2^log_t` program counters: the next row, or (one time in four) a jump anywhere.
fn pcs(log_t: usize, log_m: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x9c);
    let mut pc = 0usize;
    (0..1usize << log_t)
        .map(|_| {
            let here = pc;
            pc = if rng.next_u32() & 3 == 0 {
                rng.next_u32() as usize
            } else {
                pc + 1
            } % (1 << log_m);
            here
        })
        .collect()
}

/// Proves with `prover_table`, verifies with `verifier_table`, on recording transcripts; a
/// rejection comes back with the first diverging transcript step (if any).
fn prove_and_verify(
    prover_table: &[Fr],
    verifier_table: &[Fr],
    w: &ReadOnlyWitness<Fr>,
) -> Result<ReadOnlyClaims<Fr>, (MemoryCheckingError, Option<String>)> {
    let log_m = verifier_table.len().trailing_zeros() as usize;
    let log_t = w.addresses.len().trailing_zeros() as usize;
    let mut pt = MerlinTranscript::new_recording(b"ro-random");
    let (proof, prover_claims) = prove_read_only(prover_table, w, &mut pt);
    let mut vt = MerlinTranscript::new_recording(b"ro-random");
    let mle = |r: &[Fr]| DensePolynomial::new(verifier_table.to_vec()).evaluate(r);
    let result = verify_read_only(&proof, log_m, log_t, mle, &mut vt);
    let divergence = first_divergence(pt.log().unwrap(), vt.log().unwrap()).map(|d| d.to_string());
    match result {
        Ok(claims) => {
            assert_eq!(divergence, None, "accepted, but the transcripts disagree");
            assert_eq!(claims, prover_claims);
            Ok(claims)
        }
        Err(e) => Err((e, divergence)),
    }
}

fn rejection(
    prover_table: &[Fr],
    verifier_table: &[Fr],
    w: &ReadOnlyWitness<Fr>,
) -> MemoryCheckingError {
    prove_and_verify(prover_table, verifier_table, w)
        .expect_err("a lie was accepted")
        .0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn random_bytecode_traces_verify(log_m in 1usize..=7, log_t in 1usize..=8, seed in any::<u64>()) {
        let tab = table(log_m, seed);
        let w = ReadOnlyWitness::honest(&tab, &pcs(log_t, log_m, seed));
        let claims = match prove_and_verify(&tab, &tab, &w) {
            Ok(c) => c,
            Err((e, d)) => panic!("honest reads rejected: {e}; {d:?}"),
        };
        let ev = |v: Vec<Fr>, r: &[Fr]| DensePolynomial::new(v).evaluate(r);
        let ints = |v: &[u64]| v.iter().map(|&x| Fr::from(x)).collect::<Vec<_>>();
        let addrs: Vec<u64> = w.addresses.iter().map(|&a| a as u64).collect();
        prop_assert_eq!(ev(ints(&addrs), &claims.access_point), claims.address_eval);
        prop_assert_eq!(ev(w.values.clone(), &claims.access_point), claims.value_eval);
        prop_assert_eq!(ev(ints(&w.read_counts), &claims.access_point), claims.read_count_eval);
        prop_assert_eq!(ev(ints(&w.final_counts), &claims.table_point), claims.final_count_eval);
    }

    #[test]
    fn a_row_that_is_in_no_row_is_rejected(log_m in 1usize..=6, log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let tab = table(log_m, seed);
        let mut w = ReadOnlyWitness::honest(&tab, &pcs(log_t, log_m, seed));
        let t = which % w.values.len();
        w.values[t] += Fr::from(1u64);
        prop_assert_eq!(rejection(&tab, &tab, &w), MemoryCheckingError::MultisetMismatch);
    }

    #[test]
    fn another_rows_value_is_rejected(log_m in 1usize..=6, log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>(), other in any::<usize>()) {
        let tab = table(log_m, seed);
        let mut w = ReadOnlyWitness::honest(&tab, &pcs(log_t, log_m, seed));
        let t = which % w.values.len();
        let row = other % tab.len();
        prop_assume!(row != w.addresses[t]);
        w.values[t] = tab[row];
        prop_assert_eq!(rejection(&tab, &tab, &w), MemoryCheckingError::MultisetMismatch);
    }

    /// The prover reads, consistently, a program that differs from the public one in one row.
    #[test]
    fn a_proof_for_another_program_is_rejected(log_m in 1usize..=6, log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let public = table(log_m, seed);
        let mut forged = public.clone();
        forged[which % public.len()] += Fr::from(1u64);
        let w = ReadOnlyWitness::honest(&forged, &pcs(log_t, log_m, seed));
        prop_assert!(prove_and_verify(&forged, &forged, &w).is_ok());
        prop_assert_eq!(rejection(&forged, &public, &w), MemoryCheckingError::LeafMismatch("init"));
    }
}
