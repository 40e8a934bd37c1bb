//! Read-write offline memory checking with timestamps and a range check.
//!
//! A trace is a list of `N` memory operations (registers, RAM; a read is an operation that writes
//! back the value it read). Operation `i` touches address `a_i`, reads `rv_i` last written at
//! time `rt_i`, and writes `wv_i` at time `i + 1` — a write timestamp the verifier derives itself
//! (`ĩd(r) + 1`), never one the prover chooses. With public initial values `I_m` and committed
//! final values/timestamps `fv_m, ft_m`:
//!
//! ```text
//!   Π_m h(m, I_m, 0) · Π_i h(a_i, wv_i, i+1) = Π_i h(a_i, rv_i, rt_i) · Π_m h(m, fv_m, ft_m)
//! ```
//!
//! This equality alone lets a prover read from the future; the **range check** `rt_i ≤ i`
//! closes that: the differences `d_i = i − rt_i` are looked up in the identity table of size `N`
//! with the read-only checker, whose address and value polynomials are both `d = ĩd − r̃t`
//! (derived, not committed); only its counters are committed.

use super::read_only::{prove_read_only, verify_read_only, ReadOnlyMemoryProof, ReadOnlyWitness};
use super::{fingerprint, identity_mle, MemoryCheckingError};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sumcheck::{
    prove_grand_product, verify_grand_product, DensePolynomial, GrandProductProof, Transcript,
};

/// The prover's witness for one read-write memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadWriteWitness {
    /// `a_i`.
    pub addresses: Vec<u64>,
    /// `rv_i`.
    pub read_values: Vec<u64>,
    /// `wv_i`.
    pub write_values: Vec<u64>,
    /// `rt_i` (the time the read value was written; 0 for initial values).
    pub read_timestamps: Vec<u64>,
    /// `fv_m`.
    pub final_values: Vec<u64>,
    /// `ft_m`.
    pub final_timestamps: Vec<u64>,
}

/// One memory operation for [`ReadWriteWitness::from_ops`]: `(address, value written)`;
/// a pure read writes back what it read (`None`).
pub type MemoryOp = (usize, Option<u64>);

impl ReadWriteWitness {
    /// Runs `ops` against a memory with `initial` contents and records the honest witness.
    ///
    /// # Panics
    /// If an address is outside the memory (a witness-generation bug).
    pub fn from_ops(initial: &[u64], ops: &[MemoryOp]) -> Self {
        let mut values = initial.to_vec();
        let mut stamps = vec![0u64; initial.len()];
        let mut w = ReadWriteWitness {
            addresses: Vec::with_capacity(ops.len()),
            read_values: Vec::with_capacity(ops.len()),
            write_values: Vec::with_capacity(ops.len()),
            read_timestamps: Vec::with_capacity(ops.len()),
            final_values: Vec::new(),
            final_timestamps: Vec::new(),
        };
        for (i, &(a, write)) in ops.iter().enumerate() {
            let read = values[a];
            let written = write.unwrap_or(read);
            w.addresses.push(a as u64);
            w.read_values.push(read);
            w.write_values.push(written);
            w.read_timestamps.push(stamps[a]);
            values[a] = written;
            stamps[a] = i as u64 + 1;
        }
        w.final_values = values;
        w.final_timestamps = stamps;
        w
    }
}

/// The read-write memory-checking part of a proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReadWriteMemoryProof<F: PrimeField> {
    /// `[Π h(Init), Π h(Final)]`.
    pub memory_products: Vec<F>,
    /// `[Π h(Reads), Π h(Writes)]`.
    pub access_products: Vec<F>,
    /// Grand product over the two size-`M` vectors.
    pub memory_proof: GrandProductProof<F>,
    /// Grand product over the two size-`N` vectors.
    pub access_proof: GrandProductProof<F>,
    /// `ã, r̃v, w̃v, r̃t` at `r_N`.
    pub access_evals: Vec<F>,
    /// `f̃v, f̃t` at `r_M`.
    pub final_evals: Vec<F>,
    /// The timestamp range check `i − rt_i ∈ [0, N)`.
    pub range_check: ReadOnlyMemoryProof<F>,
}

/// Claims the caller checks with PCS openings (polynomial, point, value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadWriteClaims<F: PrimeField> {
    /// `r_N`, with `[ã, r̃v, w̃v, r̃t]` there.
    pub access_point: Vec<F>,
    /// `ã(r_N), r̃v(r_N), w̃v(r_N), r̃t(r_N)`.
    pub access_evals: [F; 4],
    /// `r_M`, with `[f̃v, f̃t]` there.
    pub final_point: Vec<F>,
    /// `f̃v(r_M), f̃t(r_M)`.
    pub final_evals: [F; 2],
    /// The range check's point `r'_N`, where `r̃t(r'_N)` is claimed…
    pub range_point: Vec<F>,
    /// …to be this value.
    pub range_read_timestamp_eval: F,
    /// The range check's counter claims: `(point, read counts eval)` and `(point, final counts eval)`.
    pub range_counter_claims: [(Vec<F>, F); 2],
}

fn field_vec<F: PrimeField>(v: &[u64]) -> Vec<F> {
    v.iter().map(|&x| F::from(x)).collect()
}

/// Proves the trace in `w` is consistent with `initial` memory (sizes powers of two ≥ 2, the
/// number of operations `N ≥ 2`). The caller has absorbed the commitments to the witness.
pub fn prove_read_write<F: PrimeField>(
    initial: &[u64],
    w: &ReadWriteWitness,
    transcript: &mut impl Transcript,
) -> (ReadWriteMemoryProof<F>, ReadWriteClaims<F>) {
    let gamma: F = transcript.challenge_scalar(b"rw_memory_gamma");
    let tau: F = transcript.challenge_scalar(b"rw_memory_tau");
    let h = |a: u64, v: u64, t: u64| fingerprint(gamma, tau, F::from(a), F::from(v), F::from(t));
    // Stacked leaves: [Init ‖ Final] and [Reads ‖ Writes].
    let init = initial.iter().enumerate().map(|(m, v)| h(m as u64, *v, 0));
    let fin = (0..initial.len()).map(|m| h(m as u64, w.final_values[m], w.final_timestamps[m]));
    let memory_leaves: Vec<F> = init.chain(fin).collect();
    let n = w.addresses.len();
    let reads = (0..n).map(|i| h(w.addresses[i], w.read_values[i], w.read_timestamps[i]));
    let writes = (0..n).map(|i| h(w.addresses[i], w.write_values[i], i as u64 + 1));
    let access_leaves: Vec<F> = reads.chain(writes).collect();
    let (memory_products, memory_proof, mem_leaves) =
        prove_grand_product(memory_leaves, 2, transcript);
    let (access_products, access_proof, acc_leaves) =
        prove_grand_product(access_leaves, 2, transcript);
    let r_n = acc_leaves.point;
    let r_m = mem_leaves.point;
    let ev = |v: &[u64], r: &[F]| DensePolynomial::new(field_vec::<F>(v)).evaluate(r);
    let access_evals = vec![
        ev(&w.addresses, &r_n),
        ev(&w.read_values, &r_n),
        ev(&w.write_values, &r_n),
        ev(&w.read_timestamps, &r_n),
    ];
    let final_evals = vec![ev(&w.final_values, &r_m), ev(&w.final_timestamps, &r_m)];
    transcript.append_scalars(b"rw_access_evals", &access_evals);
    transcript.append_scalars(b"rw_final_evals", &final_evals);
    // Range check: d_i = i − rt_i looked up in the identity table of size N.
    let identity: Vec<F> = (0..n as u64).map(F::from).collect();
    let diffs: Vec<usize> = (0..n)
        .map(|i| (i as u64).wrapping_sub(w.read_timestamps[i]) as usize % n)
        .collect();
    let range_witness = ReadOnlyWitness::honest(&identity, &diffs);
    let (range_check, range_claims) = prove_read_only(&identity, &range_witness, transcript);
    let rt_at_range = ev(&w.read_timestamps, &range_claims.access_point);
    let claims = ReadWriteClaims {
        access_point: r_n,
        access_evals: [
            access_evals[0],
            access_evals[1],
            access_evals[2],
            access_evals[3],
        ],
        final_point: r_m,
        final_evals: [final_evals[0], final_evals[1]],
        range_point: range_claims.access_point.clone(),
        range_read_timestamp_eval: rt_at_range,
        range_counter_claims: [
            (range_claims.access_point, range_claims.read_count_eval),
            (range_claims.table_point, range_claims.final_count_eval),
        ],
    };
    (
        ReadWriteMemoryProof {
            memory_products,
            access_products,
            memory_proof,
            access_proof,
            access_evals,
            final_evals,
            range_check,
        },
        claims,
    )
}

/// Verifies a [`ReadWriteMemoryProof`] for a memory of `2^log_m` cells with public initial
/// contents (`initial_mle(r)` = `Ĩ(r)`) and `2^log_n` operations.
pub fn verify_read_write<F: PrimeField>(
    proof: &ReadWriteMemoryProof<F>,
    log_m: usize,
    log_n: usize,
    initial_mle: impl Fn(&[F]) -> F,
    transcript: &mut impl Transcript,
) -> Result<ReadWriteClaims<F>, MemoryCheckingError> {
    let gamma: F = transcript.challenge_scalar(b"rw_memory_gamma");
    let tau: F = transcript.challenge_scalar(b"rw_memory_tau");
    for (field, v, n) in [
        ("memory_products", &proof.memory_products, 2),
        ("access_products", &proof.access_products, 2),
        ("access_evals", &proof.access_evals, 4),
        ("final_evals", &proof.final_evals, 2),
    ] {
        if v.len() != n {
            return Err(MemoryCheckingError::WrongLength {
                field,
                expected: n,
                got: v.len(),
            });
        }
    }
    let mem = verify_grand_product(
        &proof.memory_proof,
        &proof.memory_products,
        log_m,
        transcript,
    )?;
    let acc = verify_grand_product(
        &proof.access_proof,
        &proof.access_products,
        log_n,
        transcript,
    )?;
    let (p_init, p_final) = (proof.memory_products[0], proof.memory_products[1]);
    let (p_read, p_write) = (proof.access_products[0], proof.access_products[1]);
    if p_init * p_write != p_read * p_final {
        return Err(MemoryCheckingError::MultisetMismatch);
    }
    transcript.append_scalars(b"rw_access_evals", &proof.access_evals);
    transcript.append_scalars(b"rw_final_evals", &proof.final_evals);
    let [a, rv, wv, rt] = [
        proof.access_evals[0],
        proof.access_evals[1],
        proof.access_evals[2],
        proof.access_evals[3],
    ];
    let [fv, ft] = [proof.final_evals[0], proof.final_evals[1]];
    let id_m = identity_mle(&mem.point);
    if mem.evals[0] != fingerprint(gamma, tau, id_m, initial_mle(&mem.point), F::zero()) {
        return Err(MemoryCheckingError::LeafMismatch("init"));
    }
    if mem.evals[1] != fingerprint(gamma, tau, id_m, fv, ft) {
        return Err(MemoryCheckingError::LeafMismatch("final"));
    }
    if acc.evals[0] != fingerprint(gamma, tau, a, rv, rt) {
        return Err(MemoryCheckingError::LeafMismatch("reads"));
    }
    // Write timestamps are i + 1, derived by the verifier: ĩd(r) + 1.
    let write_ts = identity_mle(&acc.point) + F::one();
    if acc.evals[1] != fingerprint(gamma, tau, a, wv, write_ts) {
        return Err(MemoryCheckingError::LeafMismatch("writes"));
    }
    // Range check over the identity table of size N: address = value = ĩd − r̃t.
    let range = verify_read_only(&proof.range_check, log_n, log_n, identity_mle, transcript)?;
    if range.address_eval != range.value_eval {
        return Err(MemoryCheckingError::LeafMismatch(
            "range check address/value",
        ));
    }
    // ĩd(r') − r̃t(r') = d̃(r'), so r̃t(r') is implied; the caller opens r̃t there.
    let rt_at_range = identity_mle(&range.access_point) - range.address_eval;
    Ok(ReadWriteClaims {
        access_point: acc.point,
        access_evals: [a, rv, wv, rt],
        final_point: mem.point,
        final_evals: [fv, ft],
        range_point: range.access_point.clone(),
        range_read_timestamp_eval: rt_at_range,
        range_counter_claims: [
            (range.access_point, range.read_count_eval),
            (range.table_point, range.final_count_eval),
        ],
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vm_trace_tests;
