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
//! (read-only memory checking with counters `c_i` per lookup and `f_j` per cell), whose address
//! and value polynomials are both `d = ĩd − r̃t` (derived, not committed); only its counters are
//! committed.
//!
//! All six vectors of size `N` — `Reads`, `Writes` and the range check's `Init`, `Final`,
//! `Reads`, `Writes` — form **one** stacked grand product, so every access-side claim (the
//! range check's included) lands on the same point `r_N`: `r̃t(r_N)` serves both checks, and the
//! range check adds only its two counter evaluations. The `M`-sized `Init`, `Final` of the
//! memory are a second grand product. One fingerprint `(γ, τ)` serves both multiset equalities;
//! each is its own polynomial identity in `(γ, τ)`, so sharing the challenges costs nothing in
//! soundness (see `paper-notes/memory-checking.md`).

use super::read_only::{count_terms, eval_small, read_counters};
use super::{fingerprint, identity_mle, MemoryCheckingError};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use sumcheck::{prove_grand_product, verify_grand_product, GrandProductProof, Transcript};

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

/// The access-sized vectors of the stacked grand product, in their order in
/// [`ReadWriteMemoryProof::access_products`]; the names are those of
/// [`MemoryCheckingError::LeafMismatch`].
pub const ACCESS_VECTORS: [&str; 6] = [
    "reads",
    "writes",
    "range init",
    "range final",
    "range reads",
    "range writes",
];

/// The read-write memory-checking part of a proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReadWriteMemoryProof<F: PrimeField> {
    /// `[Π h(Init), Π h(Final)]`.
    pub memory_products: Vec<F>,
    /// `Π h(·)` of each of the [`ACCESS_VECTORS`].
    pub access_products: Vec<F>,
    /// Grand product over the two size-`M` vectors.
    pub memory_proof: GrandProductProof<F>,
    /// One grand product over the six size-`N` vectors.
    pub access_proof: GrandProductProof<F>,
    /// `ã, r̃v, w̃v, r̃t` and the range check's counters `c̃, f̃` at `r_N`.
    pub access_evals: Vec<F>,
    /// `f̃v, f̃t` at `r_M`.
    pub final_evals: Vec<F>,
}

/// Claims the caller checks with PCS openings (polynomial, point, value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadWriteClaims<F: PrimeField> {
    /// `r_N`, where every access-sized polynomial is claimed.
    pub access_point: Vec<F>,
    /// `ã(r_N), r̃v(r_N), w̃v(r_N), r̃t(r_N)`.
    pub access_evals: [F; 4],
    /// The range check's counters at `r_N`: read counts `c̃(r_N)`, final counts `f̃(r_N)`.
    pub range_count_evals: [F; 2],
    /// `r_M`, with `[f̃v, f̃t]` there.
    pub final_point: Vec<F>,
    /// `f̃v(r_M), f̃t(r_M)`.
    pub final_evals: [F; 2],
}

/// The range check's counters: `d_i = i − rt_i` looked up in the identity table of size `N`.
/// A read from the future has no cell; its difference is wrapped into `[0, N)` here so that a
/// corrupted witness cannot make witness generation panic (its leaf keeps the true difference,
/// and the range check's multiset equality fails). Returns `(d, c, f)`.
pub fn range_check_counters(read_timestamps: &[u64]) -> (Vec<usize>, Vec<u64>, Vec<u64>) {
    let n = read_timestamps.len();
    let diffs: Vec<usize> = read_timestamps
        .iter()
        .enumerate()
        .map(|(i, &rt)| (i as u64).wrapping_sub(rt) as usize % n)
        .collect();
    let (reads, finals) = read_counters(diffs.iter().copied(), n);
    (diffs, reads, finals)
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
    let gamma2 = gamma * gamma;
    let h = |a: u64, v: u64, t: u64| fingerprint(gamma, tau, F::from(a), F::from(v), F::from(t));
    // [Init ‖ Final], size M each.
    let m = initial.len();
    let mut memory_leaves: Vec<F> = Vec::with_capacity(2 * m);
    memory_leaves.par_extend((0..m).into_par_iter().map(|k| h(k as u64, initial[k], 0)));
    memory_leaves.par_extend(
        (0..m)
            .into_par_iter()
            .map(|k| h(k as u64, w.final_values[k], w.final_timestamps[k])),
    );
    let (memory_products, memory_proof, mem_leaves) =
        prove_grand_product(memory_leaves, 2, transcript);
    let r_m = mem_leaves.point;

    // [Reads ‖ Writes ‖ range Init ‖ range Final ‖ range Reads ‖ range Writes], size N each.
    let n = w.addresses.len();
    let (diffs, range_reads, range_finals) = range_check_counters(&w.read_timestamps);
    let counts = count_terms(gamma2, n as u64);
    let mut leaves: Vec<F> = Vec::with_capacity(ACCESS_VECTORS.len() * n);
    leaves.par_extend(
        (0..n)
            .into_par_iter()
            .map(|i| h(w.addresses[i], w.read_values[i], w.read_timestamps[i])),
    );
    leaves.par_extend(
        (0..n)
            .into_par_iter()
            .map(|i| h(w.addresses[i], w.write_values[i], i as u64 + 1)),
    );
    // h(j, j, 0) = (1 + γ)·j − τ; every other range leaf adds a count term to one of these.
    let one_plus_gamma = F::one() + gamma;
    leaves.par_extend(
        (0..n)
            .into_par_iter()
            .map(|j| one_plus_gamma * F::from(j as u64) - tau),
    );
    let range_init = &leaves[2 * n..];
    let range_final: Vec<F> = range_init
        .par_iter()
        .zip(&range_finals)
        .map(|(l, &f)| *l + counts[f as usize])
        .collect();
    // An honest difference is a cell of the identity table; a read from the future (rt_i > i)
    // keeps its true difference i − rt_i, a field element outside [0, N), so the range check's
    // multiset equality fails instead of a leaf check.
    let range_read: Vec<F> = (0..n)
        .into_par_iter()
        .map(|i| {
            let (rt, c) = (w.read_timestamps[i], range_reads[i]);
            if rt <= i as u64 {
                range_init[diffs[i]] + counts[c as usize]
            } else {
                let d = F::from(i as u64) - F::from(rt);
                fingerprint(gamma, tau, d, d, F::from(c))
            }
        })
        .collect();
    leaves.extend_from_slice(&range_final);
    drop(range_final);
    leaves.extend_from_slice(&range_read);
    leaves.par_extend(range_read.into_par_iter().map(|l| l + gamma2));
    let (access_products, access_proof, acc_leaves) =
        prove_grand_product(leaves, ACCESS_VECTORS.len(), transcript);
    let r_n = acc_leaves.point;

    let eq_n = sumcheck::EqPolynomial::evals(&r_n);
    let access_evals: Vec<F> = [
        &w.addresses,
        &w.read_values,
        &w.write_values,
        &w.read_timestamps,
        &range_reads,
        &range_finals,
    ]
    .into_par_iter()
    .map(|column| eval_small(&eq_n, column.iter().copied()))
    .collect();
    drop(eq_n);
    let eq_m = sumcheck::EqPolynomial::evals(&r_m);
    let final_evals = vec![
        eval_small(&eq_m, w.final_values.iter().copied()),
        eval_small(&eq_m, w.final_timestamps.iter().copied()),
    ];
    transcript.append_scalars(b"rw_access_evals", &access_evals);
    transcript.append_scalars(b"rw_final_evals", &final_evals);
    let claims = ReadWriteClaims {
        access_point: r_n,
        access_evals: [
            access_evals[0],
            access_evals[1],
            access_evals[2],
            access_evals[3],
        ],
        range_count_evals: [access_evals[4], access_evals[5]],
        final_point: r_m,
        final_evals: [final_evals[0], final_evals[1]],
    };
    (
        ReadWriteMemoryProof {
            memory_products,
            access_products,
            memory_proof,
            access_proof,
            access_evals,
            final_evals,
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
        (
            "access_products",
            &proof.access_products,
            ACCESS_VECTORS.len(),
        ),
        ("access_evals", &proof.access_evals, 6),
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
    let p = &proof.access_products;
    if p_init * p[1] != p[0] * p_final {
        return Err(MemoryCheckingError::MultisetMismatch);
    }
    // The range check's own multiset equality: Init·Writes = Reads·Final.
    if p[2] * p[5] != p[4] * p[3] {
        return Err(MemoryCheckingError::RangeCheckMismatch);
    }
    transcript.append_scalars(b"rw_access_evals", &proof.access_evals);
    transcript.append_scalars(b"rw_final_evals", &proof.final_evals);
    let e = &proof.access_evals;
    let [a, rv, wv, rt, c, f] = [e[0], e[1], e[2], e[3], e[4], e[5]];
    let [fv, ft] = [proof.final_evals[0], proof.final_evals[1]];
    let id_m = identity_mle(&mem.point);
    if mem.evals[0] != fingerprint(gamma, tau, id_m, initial_mle(&mem.point), F::zero()) {
        return Err(MemoryCheckingError::LeafMismatch("init"));
    }
    if mem.evals[1] != fingerprint(gamma, tau, id_m, fv, ft) {
        return Err(MemoryCheckingError::LeafMismatch("final"));
    }
    // Write timestamps are i + 1, derived by the verifier: ĩd(r) + 1. The range check reads the
    // identity table at d = ĩd − r̃t, with address and value both d.
    let id_n = identity_mle(&acc.point);
    let d = id_n - rt;
    let expected = [
        fingerprint(gamma, tau, a, rv, rt),
        fingerprint(gamma, tau, a, wv, id_n + F::one()),
        fingerprint(gamma, tau, id_n, id_n, F::zero()),
        fingerprint(gamma, tau, id_n, id_n, f),
        fingerprint(gamma, tau, d, d, c),
        fingerprint(gamma, tau, d, d, c + F::one()),
    ];
    for ((name, got), want) in ACCESS_VECTORS.iter().zip(&acc.evals).zip(expected) {
        if *got != want {
            return Err(MemoryCheckingError::LeafMismatch(name));
        }
    }
    Ok(ReadWriteClaims {
        access_point: acc.point,
        access_evals: [a, rv, wv, rt],
        range_count_evals: [c, f],
        final_point: mem.point,
        final_evals: [fv, ft],
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vm_trace_tests;
