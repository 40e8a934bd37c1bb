//! Read-only offline memory checking: a public table `V[0..M)` is read at `T` committed
//! addresses `a_t` with committed values `v_t` and read counters `c_t`; the final counters
//! `f_i` count the reads of each cell.
//!
//! ```text
//!   Init  = {(i, V[i], 0)}        Final  = {(i, V[i], f_i)}
//!   Reads = {(a_t, v_t, c_t)}     Writes = {(a_t, v_t, c_t + 1)}
//!   Π h(Init)·Π h(Writes) = Π h(Reads)·Π h(Final)
//! ```
//!
//! The four products are proven with two batched grand products (the two of size `M`, the
//! two of size `T`). Because `h` is affine, the leaf claims at the grand products' points are
//! affine in the MLEs of `a, v, c` (at `r_T`) and of `f` (at `r_M`), which the prover states and
//! the caller opens with the PCS; `ĩd(r_M)` and `Ṽ(r_M)` the verifier evaluates itself.

use super::{fingerprint, identity_mle};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use sumcheck::{
    prove_grand_product, verify_grand_product, GrandProductProof, MultilinearPolynomial,
    SumcheckError, Transcript,
};

/// The prover's witness for one read-only memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOnlyWitness<F: PrimeField> {
    /// `a_t`, the address of each read.
    pub addresses: Vec<usize>,
    /// `v_t`, the value each read returned.
    pub values: Vec<F>,
    /// `c_t`, how many earlier reads hit the same address.
    pub read_counts: Vec<u64>,
    /// `f_i`, how many reads hit address `i` in total.
    pub final_counts: Vec<u64>,
}

/// The honest counters of reading a table of `size` cells at `addresses`: `c_t` = reads of
/// the same cell before read `t`, and `f_i` = all reads of cell `i`. Addresses are taken mod
/// `size`, so a corrupted witness cannot make witness generation panic.
pub fn read_counters(
    addresses: impl IntoIterator<Item = usize>,
    size: usize,
) -> (Vec<u64>, Vec<u64>) {
    let mut finals = vec![0u64; size];
    let reads = addresses
        .into_iter()
        .map(|a| {
            let cell = &mut finals[a % size];
            *cell += 1;
            *cell - 1
        })
        .collect();
    (reads, finals)
}

/// One memory's accesses as [`prove_read_only_batch`] reads them, borrowed: memories that
/// share their addresses and counters (Surge's memories of one chunk) share one copy, and the
/// honest values `v_t = V[a_t]` need not be materialized at all.
#[derive(Clone, Copy, Debug)]
pub struct ReadOnlyAccesses<'a, F> {
    /// `a_t`.
    pub addresses: &'a [usize],
    /// `v_t`, or `None` for the honest values `V[a_t]` of the memory's table (an address
    /// outside the table then reads the value 0).
    pub values: Option<&'a [F]>,
    /// `c_t`.
    pub read_counts: &'a [u64],
    /// `f_i`.
    pub final_counts: &'a [u64],
}

impl<F: PrimeField> ReadOnlyWitness<F> {
    /// This witness as borrowed accesses, with its explicit values.
    pub fn accesses(&self) -> ReadOnlyAccesses<'_, F> {
        ReadOnlyAccesses {
            addresses: &self.addresses,
            values: Some(&self.values),
            read_counts: &self.read_counts,
            final_counts: &self.final_counts,
        }
    }

    /// The honest witness for reading `table` at `addresses`.
    ///
    /// # Panics
    /// If an address is outside the table (a programmer error in witness generation).
    pub fn honest(table: &[F], addresses: &[usize]) -> Self {
        let values = addresses.iter().map(|&a| table[a]).collect();
        let (read_counts, final_counts) = read_counters(addresses.iter().copied(), table.len());
        Self {
            addresses: addresses.to_vec(),
            values,
            read_counts,
            final_counts,
        }
    }
}

/// The memory-checking part of a proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReadOnlyMemoryProof<F: PrimeField> {
    /// `[Π h(Init), Π h(Final)]`.
    pub table_products: Vec<F>,
    /// `[Π h(Reads), Π h(Writes)]`.
    pub access_products: Vec<F>,
    /// Grand product over the two size-`M` vectors.
    pub table_proof: GrandProductProof<F>,
    /// Grand product over the two size-`T` vectors.
    pub access_proof: GrandProductProof<F>,
    /// `ã(r_T), ṽ(r_T), c̃(r_T)`.
    pub access_evals: Vec<F>,
    /// `f̃(r_M)`.
    pub final_count_eval: F,
}

/// Claims the caller must check against the committed polynomials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOnlyClaims<F: PrimeField> {
    /// `r_T`.
    pub access_point: Vec<F>,
    /// `ã(r_T)`.
    pub address_eval: F,
    /// `ṽ(r_T)`.
    pub value_eval: F,
    /// `c̃(r_T)`.
    pub read_count_eval: F,
    /// `r_M`.
    pub table_point: Vec<F>,
    /// `f̃(r_M)`.
    pub final_count_eval: F,
}

/// Why a memory-checking proof was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MemoryCheckingError {
    /// `Π Init·Π Writes ≠ Π Reads·Π Final`: some read returned a value never written there.
    #[error("multiset equality failed: Init·Writes ≠ Reads·Final")]
    MultisetMismatch,
    /// The read-write range check's `Π Init·Π Writes ≠ Π Reads·Π Final` over the identity
    /// table: some read timestamp is later than its operation.
    #[error("timestamp range check failed: a read timestamp is later than its operation")]
    RangeCheckMismatch,
    /// A grand product failed.
    #[error("grand product: {0}")]
    GrandProduct(#[from] SumcheckError),
    /// A leaf claim does not match the stated polynomial evaluations.
    #[error("leaf claim of `{0}` does not match the stated evaluations")]
    LeafMismatch(&'static str),
    /// A vector in the proof has the wrong length.
    #[error("`{field}` has {got} entries, expected {expected}")]
    WrongLength {
        /// Which vector.
        field: &'static str,
        /// Expected.
        expected: usize,
        /// Present.
        got: usize,
    },
}

fn draw_fingerprint_challenges<F: PrimeField>(transcript: &mut impl Transcript) -> (F, F) {
    (
        transcript.challenge_scalar(b"memory_gamma"),
        transcript.challenge_scalar(b"memory_tau"),
    )
}

/// A public table's multilinear extension `r ↦ Ṽ(r)`, evaluated by the verifier.
pub type TableMle<'a, F> = &'a dyn Fn(&[F]) -> F;

/// Read-only memory checking of `K` memories over `U ≤ K` distinct public tables at once: the
/// same fingerprint challenges, **one** grand product over the `U + K` table-sized vectors
/// (`Init_u` once per distinct table — memories reading the same table share it — then
/// `Final_k` per memory), and the `2K` access-sized vectors (`Reads_k`, `Writes_k` per memory)
/// in groups of [`access_group_size`] memories, one grand product per group, so the prover
/// holds at most [`MAX_ACCESS_LEAVES`] access leaves at a time. All memories share `r_M`; the
/// memories of one group share their `r_T`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ReadOnlyBatchProof<F: PrimeField> {
    /// `Π h(Init_u)` for each distinct table `u`, then `Π h(Final_k)` for each memory `k`.
    pub table_products: Vec<F>,
    /// `[Π h(Reads_k), Π h(Writes_k)]` for each memory `k`.
    pub access_products: Vec<F>,
    /// Grand product over the `U + K` size-`M` vectors.
    pub table_proof: GrandProductProof<F>,
    /// One grand product per group of memories over its `Reads_k, Writes_k` (size `T`).
    pub access_proofs: Vec<GrandProductProof<F>>,
    /// `ã_k(r_T), ṽ_k(r_T), c̃_k(r_T)` for each memory (at its group's `r_T`).
    pub access_evals: Vec<F>,
    /// `f̃_k(r_M)` for each memory.
    pub final_count_evals: Vec<F>,
}

/// The most access-side leaves (`2·T` per memory) one grand product of a batch holds: `2^25`
/// field elements, 1 GiB, so a group's tree stays within 2 GiB at any `T`. This crate's unit
/// tests use `2^6` instead, so that their small batches are split into several groups.
pub const MAX_ACCESS_LEAVES: usize = if cfg!(test) { 1 << 6 } else { 1 << 25 };

/// How many memories share one access-side grand product when each is read `2^log_t` times:
/// `max(1, MAX_ACCESS_LEAVES / 2^{log_t + 1})`. Prover and verifier both derive the grouping
/// from this, so it is not part of the proof.
pub fn access_group_size(log_t: usize) -> usize {
    (MAX_ACCESS_LEAVES >> (log_t + 1).min(usize::BITS as usize - 1)).max(1)
}

/// `[0, γ², 2γ², …]` up to `max·γ²`: the count term of every fingerprint, by additions.
pub(super) fn count_terms<F: PrimeField>(gamma2: F, max: u64) -> Vec<F> {
    let mut terms = Vec::with_capacity(max as usize + 1);
    let mut acc = F::zero();
    for _ in 0..=max {
        terms.push(acc);
        acc += gamma2;
    }
    terms
}

/// `Σ_j eq[j]·x_j` for a column of small integers: the compact column's bucketed evaluation
/// (`MultilinearPolynomial::evaluate_with_eq_table`), additions only.
pub(super) fn eval_small<F: PrimeField>(eq: &[F], values: impl Iterator<Item = u64>) -> F {
    let values: Vec<u64> = values.collect();
    MultilinearPolynomial::compact_from_u64s(&values).evaluate_with_eq_table(eq)
}

/// Proves the reads of every `witnesses[k]` are consistent with `tables[table_of[k]]` (all
/// tables of one size, all witnesses of one length; powers of two ≥ 2). The caller has
/// absorbed the commitments to every `a, v, c, f`.
///
/// # Panics
/// If the batch is empty, a `table_of` entry is out of range or sizes differ (a programmer
/// error).
pub fn prove_read_only_batch<F: PrimeField>(
    tables: &[&[F]],
    table_of: &[usize],
    witnesses: &[ReadOnlyAccesses<'_, F>],
    transcript: &mut impl Transcript,
) -> (ReadOnlyBatchProof<F>, Vec<ReadOnlyClaims<F>>) {
    assert!(
        !tables.is_empty()
            && table_of.len() == witnesses.len()
            && table_of.iter().all(|&u| u < tables.len()),
        "every witness names one of the tables, at least one"
    );
    let (gamma, tau) = draw_fingerprint_challenges::<F>(transcript);
    let gamma2 = gamma * gamma;
    let m_len = tables[0].len();
    let t_len = witnesses[0].addresses.len();
    let log_t = t_len.trailing_zeros() as usize;
    // h(i, V[i], 0) per table; every other leaf is one of these plus a count term, because the
    // fingerprint a + γ·v + γ²·t − τ is affine: reads of honest values cost two additions.
    let max_count = witnesses
        .iter()
        .flat_map(|w| w.final_counts.iter().chain(w.read_counts))
        .copied()
        .max()
        .unwrap_or(0)
        .max(t_len as u64);
    let counts = count_terms(gamma2, max_count);
    let mut table_leaves: Vec<F> = Vec::with_capacity((tables.len() + witnesses.len()) * m_len);
    for table in tables {
        table_leaves.par_extend(
            table
                .par_iter()
                .enumerate()
                .map(|(i, v)| fingerprint(gamma, tau, F::from(i as u64), *v, F::zero())),
        );
    }
    for (&u, witness) in table_of.iter().zip(witnesses) {
        let fin: Vec<F> = table_leaves[u * m_len..(u + 1) * m_len]
            .par_iter()
            .zip(witness.final_counts)
            .map(|(h, f)| *h + counts[*f as usize])
            .collect();
        table_leaves.extend_from_slice(&fin);
    }
    let inits = table_leaves[..tables.len() * m_len].to_vec();
    let (table_products, table_proof, table_claims) =
        prove_grand_product(table_leaves, tables.len() + witnesses.len(), transcript);
    let r_m = table_claims.point;

    let group = access_group_size(log_t);
    let mut access_products = Vec::with_capacity(2 * witnesses.len());
    let mut access_proofs = Vec::new();
    let mut access_points = Vec::new();
    for (g, members) in witnesses.chunks(group).enumerate() {
        let mut leaves: Vec<F> = Vec::with_capacity(2 * members.len() * t_len);
        for (k, witness) in members.iter().enumerate() {
            let u = table_of[g * group + k];
            let (table, init) = (tables[u], &inits[u * m_len..(u + 1) * m_len]);
            // An honest read is its cell's Init leaf plus a count term; anything else (a value
            // not the table's, an address outside it, a count past the largest) is
            // fingerprinted in full.
            let leaf = |t: usize, a: usize, c: u64| {
                let claimed = witness.values.map(|v| &v[t]);
                match (table.get(a), counts.get(c as usize)) {
                    (Some(tv), Some(ct)) if claimed.is_none_or(|v| v == tv) => init[a] + ct,
                    (tv, _) => {
                        let v = claimed.or(tv).copied().unwrap_or_else(F::zero);
                        fingerprint(gamma, tau, F::from(a as u64), v, F::from(c))
                    }
                }
            };
            let reads: Vec<F> = witness
                .addresses
                .par_iter()
                .zip(witness.read_counts)
                .enumerate()
                .map(|(t, (&a, &c))| leaf(t, a, c))
                .collect();
            leaves.extend_from_slice(&reads);
            leaves.par_extend(reads.into_par_iter().map(|h| h + gamma2));
        }
        let (products, proof, claims) = prove_grand_product(leaves, 2 * members.len(), transcript);
        access_products.extend(products);
        access_proofs.push(proof);
        access_points.push(claims.point);
    }
    drop(inits);

    // Stated evaluations: one eq table per point, bucketed sums for the small-integer columns.
    let eq_m = sumcheck::EqPolynomial::evals(&r_m);
    let mut access_evals = Vec::with_capacity(3 * witnesses.len());
    let mut final_count_evals = Vec::with_capacity(witnesses.len());
    for (g, members) in witnesses.chunks(group).enumerate() {
        let eq_t = sumcheck::EqPolynomial::evals(&access_points[g]);
        for (k, witness) in members.iter().enumerate() {
            let table = tables[table_of[g * group + k]];
            let in_table = witness.addresses.iter().all(|&a| a < m_len);
            let honest = in_table
                && witness.values.is_none_or(|values| {
                    witness
                        .addresses
                        .par_iter()
                        .zip(values)
                        .all(|(&a, v)| table[a] == *v)
                });
            let address_eval = eval_small(&eq_t, witness.addresses.iter().map(|&a| a as u64));
            let value_eval = match witness.values {
                Some(values) if !honest => sumcheck::inner_product(&eq_t, values),
                _ => {
                    // ṽ(r) = Σ_a V[a]·Σ_{j: a_j = a} eq(r, j) (an address outside the table
                    // reads 0 when the values are implicit).
                    let mut bucket = vec![F::zero(); m_len];
                    for (e, &a) in eq_t.iter().zip(witness.addresses) {
                        if let Some(b) = bucket.get_mut(a) {
                            *b += e;
                        }
                    }
                    bucket.iter().zip(table.iter()).map(|(b, v)| *b * v).sum()
                }
            };
            let read_count_eval = eval_small(&eq_t, witness.read_counts.iter().copied());
            access_evals.extend([address_eval, value_eval, read_count_eval]);
            final_count_evals.push(eval_small(&eq_m, witness.final_counts.iter().copied()));
        }
    }
    transcript.append_scalars(b"memory_access_evals", &access_evals);
    transcript.append_scalars(b"memory_final_count_evals", &final_count_evals);
    let claims = (0..witnesses.len())
        .map(|k| ReadOnlyClaims {
            access_point: access_points[k / group].clone(),
            address_eval: access_evals[3 * k],
            value_eval: access_evals[3 * k + 1],
            read_count_eval: access_evals[3 * k + 2],
            table_point: r_m.clone(),
            final_count_eval: final_count_evals[k],
        })
        .collect();
    (
        ReadOnlyBatchProof {
            table_products,
            access_products,
            table_proof,
            access_proofs,
            access_evals,
            final_count_evals,
        },
        claims,
    )
}

/// Proves the reads in `witness` are consistent with `table` (sizes powers of two ≥ 2).
/// The caller has already absorbed the commitments to `a, v, c, f`. A batch of one.
pub fn prove_read_only<F: PrimeField>(
    table: &[F],
    witness: &ReadOnlyWitness<F>,
    transcript: &mut impl Transcript,
) -> (ReadOnlyMemoryProof<F>, ReadOnlyClaims<F>) {
    let (mut batch, mut claims) =
        prove_read_only_batch(&[table], &[0], &[witness.accesses()], transcript);
    let proof = ReadOnlyMemoryProof {
        table_products: batch.table_products,
        access_products: batch.access_products,
        table_proof: batch.table_proof,
        access_proof: batch.access_proofs.remove(0),
        access_evals: batch.access_evals,
        final_count_eval: batch.final_count_evals[0],
    };
    (proof, claims.remove(0))
}

/// Verifies a [`ReadOnlyBatchProof`] for `K = table_of.len()` memories over the tables whose
/// MLEs are `table_mles` (`2^log_m` cells each; memory `k` reads table `table_of[k]`, each
/// memory read `2^log_t` times). `table_mles[u](r)` must return `Ṽ_u(r)`. Returns each
/// memory's claims for the PCS (every memory at `r_M`, each group of [`access_group_size`] memories at its own `r_T`). An error comes with the index
/// of the memory whose check failed (0 for failures of the whole batch: shapes, grand
/// products).
pub fn verify_read_only_batch<F: PrimeField>(
    proof: &ReadOnlyBatchProof<F>,
    log_m: usize,
    log_t: usize,
    table_mles: &[TableMle<'_, F>],
    table_of: &[usize],
    transcript: &mut impl Transcript,
) -> Result<Vec<ReadOnlyClaims<F>>, (usize, MemoryCheckingError)> {
    let view = BatchView {
        table_products: &proof.table_products,
        access_products: &proof.access_products,
        table_proof: &proof.table_proof,
        access_proofs: &proof.access_proofs,
        access_evals: &proof.access_evals,
        final_count_evals: &proof.final_count_evals,
    };
    verify_batch_view(&view, log_m, log_t, table_mles, table_of, transcript)
}

/// A batch proof's parts, borrowed (so a single-memory proof is checked without a copy).
struct BatchView<'a, F: PrimeField> {
    table_products: &'a [F],
    access_products: &'a [F],
    table_proof: &'a GrandProductProof<F>,
    access_proofs: &'a [GrandProductProof<F>],
    access_evals: &'a [F],
    final_count_evals: &'a [F],
}

fn verify_batch_view<F: PrimeField>(
    proof: &BatchView<'_, F>,
    log_m: usize,
    log_t: usize,
    table_mles: &[TableMle<'_, F>],
    table_of: &[usize],
    transcript: &mut impl Transcript,
) -> Result<Vec<ReadOnlyClaims<F>>, (usize, MemoryCheckingError)> {
    let whole = |e: MemoryCheckingError| (0usize, e);
    let u = table_mles.len();
    let k = table_of.len();
    if table_of.iter().any(|&t| t >= u) {
        return Err(whole(MemoryCheckingError::WrongLength {
            field: "table index",
            expected: u,
            got: k,
        }));
    }
    let (gamma, tau) = draw_fingerprint_challenges::<F>(transcript);
    let gamma2 = gamma * gamma;
    for (field, v, n) in [
        ("table_products", &proof.table_products, u + k),
        ("access_products", &proof.access_products, 2 * k),
        ("access_evals", &proof.access_evals, 3 * k),
        ("final_count_evals", &proof.final_count_evals, k),
    ] {
        if v.len() != n || n == 0 {
            return Err(whole(MemoryCheckingError::WrongLength {
                field,
                expected: n,
                got: v.len(),
            }));
        }
    }
    let table_leaves =
        verify_grand_product(proof.table_proof, proof.table_products, log_m, transcript)
            .map_err(|e| whole(e.into()))?;
    let group = access_group_size(log_t);
    if proof.access_proofs.len() != k.div_ceil(group) {
        return Err(whole(MemoryCheckingError::WrongLength {
            field: "access_proofs",
            expected: k.div_ceil(group),
            got: proof.access_proofs.len(),
        }));
    }
    let mut access_leaves = Vec::with_capacity(proof.access_proofs.len());
    for (g, access_proof) in proof.access_proofs.iter().enumerate() {
        let products = &proof.access_products[2 * g * group..(2 * (g + 1) * group).min(2 * k)];
        let leaves = verify_grand_product(access_proof, products, log_t, transcript)
            .map_err(|e| (g * group, e.into()))?;
        access_leaves.push(leaves);
    }
    for (j, &t) in table_of.iter().enumerate() {
        let [p_init, p_final] = [proof.table_products[t], proof.table_products[u + j]];
        let [p_read, p_write] = [
            proof.access_products[2 * j],
            proof.access_products[2 * j + 1],
        ];
        if p_init * p_write != p_read * p_final {
            return Err((j, MemoryCheckingError::MultisetMismatch));
        }
    }
    transcript.append_scalars(b"memory_access_evals", proof.access_evals);
    transcript.append_scalars(b"memory_final_count_evals", proof.final_count_evals);
    // Leaf claims are affine in the stated evaluations.
    let r_m = &table_leaves.point;
    let id = identity_mle(r_m);
    let mut init_leaves = Vec::with_capacity(u);
    for (t, table_mle) in table_mles.iter().enumerate() {
        let init_leaf = fingerprint(gamma, tau, id, table_mle(r_m), F::zero());
        if table_leaves.evals[t] != init_leaf {
            let first = table_of.iter().position(|&x| x == t).unwrap_or(0);
            return Err((first, MemoryCheckingError::LeafMismatch("init")));
        }
        init_leaves.push(init_leaf);
    }
    let mut claims = Vec::with_capacity(k);
    for (j, &t) in table_of.iter().enumerate() {
        let init_leaf = init_leaves[t];
        let final_count_eval = proof.final_count_evals[j];
        if table_leaves.evals[u + j] != init_leaf + gamma2 * final_count_eval {
            return Err((j, MemoryCheckingError::LeafMismatch("final")));
        }
        let [address_eval, value_eval, read_count_eval] = [
            proof.access_evals[3 * j],
            proof.access_evals[3 * j + 1],
            proof.access_evals[3 * j + 2],
        ];
        let read_leaf = fingerprint(gamma, tau, address_eval, value_eval, read_count_eval);
        let (group_leaves, i) = (&access_leaves[j / group], j % group);
        if group_leaves.evals[2 * i] != read_leaf {
            return Err((j, MemoryCheckingError::LeafMismatch("reads")));
        }
        if group_leaves.evals[2 * i + 1] != read_leaf + gamma2 {
            return Err((j, MemoryCheckingError::LeafMismatch("writes")));
        }
        claims.push(ReadOnlyClaims {
            access_point: group_leaves.point.clone(),
            address_eval,
            value_eval,
            read_count_eval,
            table_point: table_leaves.point.clone(),
            final_count_eval,
        });
    }
    Ok(claims)
}

/// Verifies a [`ReadOnlyMemoryProof`] for a table of `2^log_m` cells read `2^log_t` times.
/// `table_mle(r)` must return `Ṽ(r)` (the verifier evaluates the public table itself).
/// Returns the claims the caller must check with PCS openings.
pub fn verify_read_only<F: PrimeField>(
    proof: &ReadOnlyMemoryProof<F>,
    log_m: usize,
    log_t: usize,
    table_mle: impl Fn(&[F]) -> F,
    transcript: &mut impl Transcript,
) -> Result<ReadOnlyClaims<F>, MemoryCheckingError> {
    let view = BatchView {
        table_products: &proof.table_products,
        access_products: &proof.access_products,
        table_proof: &proof.table_proof,
        access_proofs: std::slice::from_ref(&proof.access_proof),
        access_evals: &proof.access_evals,
        final_count_evals: std::slice::from_ref(&proof.final_count_eval),
    };
    let mle: TableMle<'_, F> = &table_mle;
    let mut claims =
        verify_batch_view(&view, log_m, log_t, &[mle], &[0], transcript).map_err(|(_, e)| e)?;
    Ok(claims.remove(0))
}

#[cfg(test)]
mod random_trace_tests;
#[cfg(test)]
mod tests;
