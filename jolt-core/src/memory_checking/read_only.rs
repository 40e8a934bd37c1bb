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
use sumcheck::{
    prove_grand_product, verify_grand_product, GrandProductProof, SumcheckError, Transcript,
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

impl<F: PrimeField> ReadOnlyWitness<F> {
    /// The honest witness for reading `table` at `addresses`.
    ///
    /// # Panics
    /// If an address is outside the table (a programmer error in witness generation).
    pub fn honest(table: &[F], addresses: &[usize]) -> Self {
        let mut final_counts = vec![0u64; table.len()];
        let mut read_counts = Vec::with_capacity(addresses.len());
        let mut values = Vec::with_capacity(addresses.len());
        for &a in addresses {
            read_counts.push(final_counts[a]);
            final_counts[a] += 1;
            values.push(table[a]);
        }
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

/// Proves the reads in `witness` are consistent with `table` (sizes powers of two ≥ 2).
/// The caller has already absorbed the commitments to `a, v, c, f`.
pub fn prove_read_only<F: PrimeField>(
    table: &[F],
    witness: &ReadOnlyWitness<F>,
    transcript: &mut impl Transcript,
) -> (ReadOnlyMemoryProof<F>, ReadOnlyClaims<F>) {
    let (gamma, tau) = draw_fingerprint_challenges::<F>(transcript);
    let gamma2 = gamma * gamma;
    let init: Vec<F> = table
        .iter()
        .enumerate()
        .map(|(i, v)| fingerprint(gamma, tau, F::from(i as u64), *v, F::zero()))
        .collect();
    let fin: Vec<F> = init
        .iter()
        .zip(&witness.final_counts)
        .map(|(h, f)| *h + gamma2 * F::from(*f))
        .collect();
    let reads: Vec<F> = witness
        .addresses
        .iter()
        .zip(&witness.values)
        .zip(&witness.read_counts)
        .map(|((a, v), c)| fingerprint(gamma, tau, F::from(*a as u64), *v, F::from(*c)))
        .collect();
    let writes: Vec<F> = reads.iter().map(|h| *h + gamma2).collect();
    let (table_products, table_proof, table_leaves) =
        prove_grand_product(vec![init, fin], transcript);
    let (access_products, access_proof, access_leaves) =
        prove_grand_product(vec![reads, writes], transcript);
    let r_t = access_leaves.point;
    let r_m = table_leaves.point;
    let address_eval = eval_u64(witness.addresses.iter().map(|&a| a as u64), &r_t);
    let value_eval = sumcheck::DensePolynomial::new(witness.values.clone()).evaluate(&r_t);
    let read_count_eval = eval_u64(witness.read_counts.iter().copied(), &r_t);
    let final_count_eval = eval_u64(witness.final_counts.iter().copied(), &r_m);
    let access_evals = vec![address_eval, value_eval, read_count_eval];
    transcript.append_scalars(b"memory_access_evals", &access_evals);
    transcript.append_scalar(b"memory_final_count_eval", &final_count_eval);
    (
        ReadOnlyMemoryProof {
            table_products,
            access_products,
            table_proof,
            access_proof,
            access_evals,
            final_count_eval,
        },
        ReadOnlyClaims {
            access_point: r_t,
            address_eval,
            value_eval,
            read_count_eval,
            table_point: r_m,
            final_count_eval,
        },
    )
}

fn eval_u64<F: PrimeField>(values: impl Iterator<Item = u64>, point: &[F]) -> F {
    sumcheck::DensePolynomial::new(values.map(F::from).collect()).evaluate(point)
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
    let (gamma, tau) = draw_fingerprint_challenges::<F>(transcript);
    let gamma2 = gamma * gamma;
    for (field, v, n) in [
        ("table_products", &proof.table_products, 2),
        ("access_products", &proof.access_products, 2),
        ("access_evals", &proof.access_evals, 3),
    ] {
        if v.len() != n {
            return Err(MemoryCheckingError::WrongLength {
                field,
                expected: n,
                got: v.len(),
            });
        }
    }
    let [p_init, p_final] = [proof.table_products[0], proof.table_products[1]];
    let [p_read, p_write] = [proof.access_products[0], proof.access_products[1]];
    let table_leaves =
        verify_grand_product(&proof.table_proof, &proof.table_products, log_m, transcript)?;
    let access_leaves = verify_grand_product(
        &proof.access_proof,
        &proof.access_products,
        log_t,
        transcript,
    )?;
    if p_init * p_write != p_read * p_final {
        return Err(MemoryCheckingError::MultisetMismatch);
    }
    let [address_eval, value_eval, read_count_eval] = [
        proof.access_evals[0],
        proof.access_evals[1],
        proof.access_evals[2],
    ];
    transcript.append_scalars(b"memory_access_evals", &proof.access_evals);
    transcript.append_scalar(b"memory_final_count_eval", &proof.final_count_eval);
    // Leaf claims are affine in the stated evaluations.
    let r_m = &table_leaves.point;
    let init_leaf = fingerprint(gamma, tau, identity_mle(r_m), table_mle(r_m), F::zero());
    if table_leaves.evals[0] != init_leaf {
        return Err(MemoryCheckingError::LeafMismatch("init"));
    }
    if table_leaves.evals[1] != init_leaf + gamma2 * proof.final_count_eval {
        return Err(MemoryCheckingError::LeafMismatch("final"));
    }
    let read_leaf = fingerprint(gamma, tau, address_eval, value_eval, read_count_eval);
    if access_leaves.evals[0] != read_leaf {
        return Err(MemoryCheckingError::LeafMismatch("reads"));
    }
    if access_leaves.evals[1] != read_leaf + gamma2 {
        return Err(MemoryCheckingError::LeafMismatch("writes"));
    }
    Ok(ReadOnlyClaims {
        access_point: access_leaves.point,
        address_eval,
        value_eval,
        read_count_eval,
        table_point: table_leaves.point,
        final_count_eval: proof.final_count_eval,
    })
}

#[cfg(test)]
mod random_trace_tests;
#[cfg(test)]
mod tests;
