//! Read-write memory checking on VM-shaped traces: every step does four operations (rs1 read,
//! rs2 read, rd write, one RAM word load or store) on one address space (32 registers, a
//! program image, then RAM). Completeness on random traces; one test per lie, each fed to the
//! honest prover's code path: a stale read, an invented read, a read stamped with the current
//! operation's own timestamp (caught only by the range check's multiset equality), and a
//! prover that ran a different program image than the verifier's public initial memory.

use super::*;
use crate::opening::{prove_openings, verify_openings, OpeningClaim, OpeningError};
use ark_bn254::Fr;
use ark_serialize::CanonicalSerialize;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sumcheck::{first_divergence, DensePolynomial, MerlinTranscript, MultilinearPolynomial};

/// Registers occupy addresses `0..32`.
const REGISTERS: usize = 32;
/// Words of program image after the registers.
const PROGRAM_WORDS: usize = 16;

/// The public initial memory of `2^log_m` words: zero registers, a program image, zero RAM.
fn initial_memory(log_m: usize, seed: u64) -> Vec<u64> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x5eed);
    let mut m = vec![0u64; 1 << log_m];
    for w in &mut m[REGISTERS..REGISTERS + PROGRAM_WORDS] {
        *w = rng.next_u32() as u64;
    }
    m
}

/// `2^log_steps` steps of four operations: read rs1, read rs2, write rd (x0 keeps 0), then a
/// RAM load or store anywhere above the registers (loads hit the program image too).
fn vm_ops(log_steps: usize, log_m: usize, seed: u64) -> Vec<MemoryOp> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let mut ops = Vec::with_capacity(4 << log_steps);
    for _ in 0..1usize << log_steps {
        let reg = |rng: &mut ChaCha20Rng| rng.next_u32() as usize % REGISTERS;
        ops.push((reg(&mut rng), None));
        ops.push((reg(&mut rng), None));
        let rd = reg(&mut rng);
        ops.push((rd, Some(if rd == 0 { 0 } else { rng.next_u32() as u64 })));
        let addr = REGISTERS + rng.next_u32() as usize % ((1 << log_m) - REGISTERS);
        let store = rng.next_u32() & 1 == 1;
        ops.push((addr, store.then(|| rng.next_u32() as u64)));
    }
    ops
}

/// What a cheating prover makes operation `i`'s read return.
#[derive(Clone, Copy, Debug)]
enum ReadLie {
    /// This value and timestamp instead of the last write's; later operations follow on from
    /// what op `i` writes (for a pure read: the value it read).
    Returns { value: u64, timestamp: u64 },
    /// A "ghost" pure read: it reads and writes back `value` at its own write timestamp
    /// `i + 1`, and the memory is left as if it had not happened. `Init ∪ Writes` and
    /// `Reads ∪ Final` stay equal; only the timestamp range check `rt_i ≤ i` can object.
    Ghost { value: u64 },
}

/// Runs `ops` from `initial` like [`ReadWriteWitness::from_ops`], except that operation `i`
/// reads as `lie` says; everything else is self-consistent with that lie.
fn trace_with_lie(initial: &[u64], ops: &[MemoryOp], i: usize, lie: ReadLie) -> ReadWriteWitness {
    let mut values = initial.to_vec();
    let mut stamps = vec![0u64; initial.len()];
    let mut w = ReadWriteWitness {
        addresses: Vec::new(),
        read_values: Vec::new(),
        write_values: Vec::new(),
        read_timestamps: Vec::new(),
        final_values: Vec::new(),
        final_timestamps: Vec::new(),
    };
    for (k, &(a, write)) in ops.iter().enumerate() {
        let (read, read_ts, update) = match lie {
            ReadLie::Returns { value, timestamp } if k == i => (value, timestamp, true),
            ReadLie::Ghost { value } if k == i => (value, k as u64 + 1, false),
            _ => (values[a], stamps[a], true),
        };
        let written = write.unwrap_or(read);
        w.addresses.push(a as u64);
        w.read_values.push(read);
        w.write_values.push(written);
        w.read_timestamps.push(read_ts);
        if update {
            values[a] = written;
            stamps[a] = k as u64 + 1;
        }
    }
    w.final_values = values;
    w.final_timestamps = stamps;
    w
}

/// The history of address `a` before operation `i`: `(value, timestamp)` of the initial value
/// and of every write.
fn history(initial: &[u64], ops: &[MemoryOp], a: usize, i: usize) -> Vec<(u64, u64)> {
    let mut h = vec![(initial[a], 0)];
    let mut v = initial[a];
    for (k, &(b, write)) in ops[..i].iter().enumerate() {
        if b == a {
            v = write.unwrap_or(v);
            h.push((v, k as u64 + 1));
        }
    }
    h
}

/// The initial memory's MLE, as the verifier evaluates it from the public values.
fn initial_mle(initial: &[u64]) -> impl Fn(&[Fr]) -> Fr + '_ {
    move |r: &[Fr]| {
        let evals: Vec<Fr> = initial.iter().map(|&x| Fr::from(x)).collect();
        DensePolynomial::new(evals).evaluate(r)
    }
}

/// Proves against `prover_initial` and verifies against `verifier_initial` on recording
/// transcripts; an accepted run whose transcripts diverge panics with the first diverging
/// step. [`assert_complete`] also compares the prover's and the verifier's claims.
fn prove_and_verify(
    prover_initial: &[u64],
    verifier_initial: &[u64],
    w: &ReadWriteWitness,
) -> Result<(ReadWriteClaims<Fr>, ReadWriteClaims<Fr>), MemoryCheckingError> {
    let log_m = verifier_initial.len().trailing_zeros() as usize;
    let log_n = w.addresses.len().trailing_zeros() as usize;
    let mut pt = MerlinTranscript::new_recording(b"rw-vm");
    let (proof, prover_claims) = prove_read_write::<Fr>(prover_initial, w, &mut pt);
    let mut vt = MerlinTranscript::new_recording(b"rw-vm");
    let result = verify_read_write(&proof, log_m, log_n, initial_mle(verifier_initial), &mut vt);
    let divergence = first_divergence(pt.log().unwrap(), vt.log().unwrap());
    if let (Ok(_), Some(d)) = (&result, &divergence) {
        panic!("accepted, but the transcripts disagree: {d}");
    }
    result.map(|claims| (claims, prover_claims))
}

/// Completeness: accepted (else the panic names the first diverging transcript step), the
/// verifier's claims are the prover's, and each holds for the committed polynomials.
fn assert_complete(initial: &[u64], w: &ReadWriteWitness) {
    let log_m = initial.len().trailing_zeros() as usize;
    let log_n = w.addresses.len().trailing_zeros() as usize;
    let mut pt = MerlinTranscript::new_recording(b"rw-vm");
    let (proof, prover_claims) = prove_read_write::<Fr>(initial, w, &mut pt);
    let mut vt = MerlinTranscript::new_recording(b"rw-vm");
    let claims = match verify_read_write(&proof, log_m, log_n, initial_mle(initial), &mut vt) {
        Ok(c) => c,
        Err(e) => panic!(
            "honest trace rejected: {e}; {}",
            first_divergence(pt.log().unwrap(), vt.log().unwrap())
                .map_or("transcripts agree up to the failed check".into(), |d| d
                    .to_string())
        ),
    };
    assert_eq!(claims, prover_claims, "verifier and prover claims differ");
    let polys = committed_polynomials(w);
    for (i, c) in opening_claims(&claims).iter().enumerate() {
        assert_eq!(
            polys[c.commitment_index].evaluate(&c.point),
            c.value,
            "claim {i}"
        );
    }
}

/// The committed polynomials in the order `a, rv, wv, rt` (N entries), `fv, ft` (M entries),
/// the range check's read counters (N) and final counters (N).
fn committed_polynomials(w: &ReadWriteWitness) -> Vec<MultilinearPolynomial<Fr>> {
    let (_, range_reads, range_finals) = range_check_counters(&w.read_timestamps);
    [
        &w.addresses,
        &w.read_values,
        &w.write_values,
        &w.read_timestamps,
        &w.final_values,
        &w.final_timestamps,
        &range_reads,
        &range_finals,
    ]
    .into_iter()
    .map(|v| MultilinearPolynomial::from(v.clone()))
    .collect()
}

/// Every claim the verifier returns, against [`committed_polynomials`].
fn opening_claims(c: &ReadWriteClaims<Fr>) -> Vec<OpeningClaim<Fr>> {
    let claim = |i: usize, point: &Vec<Fr>, value: Fr| OpeningClaim {
        commitment_index: i,
        point: point.clone(),
        value,
    };
    let mut out: Vec<OpeningClaim<Fr>> = (0..4)
        .map(|i| claim(i, &c.access_point, c.access_evals[i]))
        .collect();
    out.push(claim(4, &c.final_point, c.final_evals[0]));
    out.push(claim(5, &c.final_point, c.final_evals[1]));
    out.push(claim(6, &c.access_point, c.range_count_evals[0]));
    out.push(claim(7, &c.access_point, c.range_count_evals[1]));
    out
}

/// The whole pipeline with scheme `S`: commit, memory check, open every claim with the
/// accumulator. The error says which part rejected.
#[derive(Debug, PartialEq)]
enum Rejected {
    Memory(MemoryCheckingError),
    Opening(OpeningError),
}

fn prove_and_verify_with_pcs<S: CommitmentScheme<Field = Fr>>(
    initial: &[u64],
    w: &ReadWriteWitness,
) -> Result<(), Rejected> {
    let polys = committed_polynomials(w);
    let num_vars: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
    let setup = S::insecure_test_setup(*num_vars.iter().max().unwrap(), 7);
    let vk = S::verifier_setup(&setup);
    let commitments = S::batch_commit(&setup, &polys).unwrap();
    let mut absorbed = Vec::new();
    commitments.serialize_compressed(&mut absorbed).unwrap();
    let start = |t: &mut MerlinTranscript| t.append_message(b"commitments", &absorbed);
    // Prover.
    let mut pt = MerlinTranscript::new_recording(b"rw-vm-pcs");
    start(&mut pt);
    let (proof, claims) = prove_read_write::<Fr>(initial, w, &mut pt);
    let opening = prove_openings::<S>(
        &setup,
        &polys,
        &commitments,
        &opening_claims(&claims),
        &mut pt,
    )
    .unwrap();
    // Verifier.
    let mut vt = MerlinTranscript::new_recording(b"rw-vm-pcs");
    start(&mut vt);
    let (log_m, log_n) = (num_vars[4], num_vars[0]);
    let claims = verify_read_write(&proof, log_m, log_n, initial_mle(initial), &mut vt)
        .map_err(Rejected::Memory)?;
    verify_openings::<S>(
        &vk,
        &commitments,
        &num_vars,
        &opening_claims(&claims),
        &opening,
        &mut vt,
    )
    .map_err(Rejected::Opening)
}

/// A seed's trace, and a read operation `i` (rs1, rs2 or a RAM load) chosen by `which`.
fn trace_and_read(
    log_steps: usize,
    log_m: usize,
    seed: u64,
    which: usize,
) -> (Vec<u64>, Vec<MemoryOp>, usize) {
    let initial = initial_memory(log_m, seed);
    let ops = vm_ops(log_steps, log_m, seed);
    let reads: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].1.is_none()).collect();
    let i = reads[which % reads.len()];
    (initial, ops, i)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn random_vm_traces_verify(log_steps in 0usize..=5, log_m in 6usize..=8, seed in any::<u64>()) {
        let initial = initial_memory(log_m, seed);
        let w = ReadWriteWitness::from_ops(&initial, &vm_ops(log_steps, log_m, seed));
        assert_complete(&initial, &w);
    }

    /// Op `i` returns an older value of its address, with that value's timestamp.
    #[test]
    fn a_stale_read_is_rejected(seed in any::<u64>(), which in any::<usize>(), pick in any::<usize>()) {
        let (initial, ops, i) = trace_and_read(4, 6, seed, which);
        let h = history(&initial, &ops, ops[i].0, i);
        let current = *h.last().unwrap();
        let stale: Vec<(u64, u64)> = h[..h.len() - 1].iter().copied().filter(|&(v, _)| v != current.0).collect();
        prop_assume!(!stale.is_empty());
        let (value, timestamp) = stale[pick % stale.len()];
        let w = trace_with_lie(&initial, &ops, i, ReadLie::Returns { value, timestamp });
        prop_assert_eq!(prove_and_verify(&initial, &initial, &w).unwrap_err(), MemoryCheckingError::MultisetMismatch);
    }

    /// Op `i` returns a value never written there, with the right timestamp.
    #[test]
    fn an_invented_read_is_rejected(seed in any::<u64>(), which in any::<usize>(), delta in 1u64..1 << 32) {
        let (initial, ops, i) = trace_and_read(4, 6, seed, which);
        let (value, timestamp) = *history(&initial, &ops, ops[i].0, i).last().unwrap();
        let lie = ReadLie::Returns { value: value.wrapping_add(delta), timestamp };
        let w = trace_with_lie(&initial, &ops, i, lie);
        prop_assert_eq!(prove_and_verify(&initial, &initial, &w).unwrap_err(), MemoryCheckingError::MultisetMismatch);
    }

    /// The right value with a timestamp it was not written at (the current operation's or a
    /// later one): the multiset check no longer balances.
    #[test]
    fn a_read_timestamp_at_or_after_the_current_op_is_rejected(seed in any::<u64>(), which in any::<usize>(), ahead in 1u64..8) {
        let (initial, ops, i) = trace_and_read(4, 6, seed, which);
        let (value, _) = *history(&initial, &ops, ops[i].0, i).last().unwrap();
        let lie = ReadLie::Returns { value, timestamp: i as u64 + ahead };
        let w = trace_with_lie(&initial, &ops, i, lie);
        prop_assert_eq!(prove_and_verify(&initial, &initial, &w).unwrap_err(), MemoryCheckingError::MultisetMismatch);
    }
}

/// The balanced version of a read timestamp ≥ the current op: op `i` (a register read) reads an
/// invented value stamped with its own write timestamp `i + 1` and writes it back, leaving the
/// memory as before. `Init ∪ Writes = Reads ∪ Final` balances; the difference `i − rt_i = −1`
/// is no cell of the identity table, so the range check's multiset equality fails.
#[test]
fn a_balanced_read_stamped_with_its_own_op_is_caught_by_the_range_check() {
    let (initial, ops, i) = trace_and_read(3, 6, 41, 5);
    let w = trace_with_lie(&initial, &ops, i, ReadLie::Ghost { value: 0xdead_beef });
    assert_eq!(
        prove_and_verify(&initial, &initial, &w).unwrap_err(),
        MemoryCheckingError::RangeCheckMismatch
    );
    assert_eq!(
        prove_and_verify_with_pcs::<HyperKzg>(&initial, &w),
        Err(Rejected::Memory(MemoryCheckingError::RangeCheckMismatch))
    );
}

#[test]
fn honest_vm_trace_claims_open_with_every_scheme() {
    let initial = initial_memory(6, 3);
    let w = ReadWriteWitness::from_ops(&initial, &vm_ops(3, 6, 3));
    assert_eq!(prove_and_verify_with_pcs::<HyperKzg>(&initial, &w), Ok(()));
    assert_eq!(prove_and_verify_with_pcs::<Zeromorph>(&initial, &w), Ok(()));
    assert_eq!(prove_and_verify_with_pcs::<Hyrax>(&initial, &w), Ok(()));
}

/// The prover ran a program whose image differs from the verifier's public one in one word
/// (and the trace loads that word, consistently with the prover's image).
#[test]
fn a_wrong_initial_program_word_is_rejected() {
    let public = initial_memory(6, 9);
    let mut ops = vm_ops(3, 6, 9);
    let word = REGISTERS + 5;
    ops[3] = (word, None); // step 0's RAM op loads the program word
    let mut forged = public.clone();
    forged[word] ^= 0x80;
    let w = ReadWriteWitness::from_ops(&forged, &ops);
    assert_eq!(w.read_values[3], forged[word]);
    assert_complete(&forged, &w);
    assert_eq!(
        prove_and_verify(&forged, &public, &w).unwrap_err(),
        MemoryCheckingError::LeafMismatch("init")
    );
}
