//! Surge: lookups into a table that decomposes into small subtables.
//!
//! Each of `T` lookups is tagged with one instruction `f` (one-hot flags `flag_f(t)`), has `C`
//! chunk indices `dim_c(t) ∈ [0, M)` and an output `out(t)`. A *memory* `α = (subtable s, chunk c)`
//! holds the values `E_α(t) = S_s[dim_c(t)]`. The statement is
//!
//! ```text
//!   out(t) = Σ_f flag_f(t)·g_f(E(t))   for every t,
//! ```
//!
//! proven by the zero-check `0 = Σ_t eq(r, t)·(Σ_f flag_f(t)·g_f(E(t)) − out(t))` (eq-factor
//! sumcheck) and, for every memory, read-only memory checking that `E_α(t)` really is
//! `S_s[dim_c(t)]` (the verifier evaluates `S̃_s` itself). Every memory is read at every step
//! (untoggled), which costs more lookups than Jolt's toggled variant but needs no flag in the
//! memory check. Flags must be proven boolean and one-hot elsewhere (the VM's R1CS).

use crate::memory_checking::{
    prove_read_only, verify_read_only, MemoryCheckingError, ReadOnlyClaims, ReadOnlyMemoryProof,
    ReadOnlyWitness,
};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sumcheck::{
    prove_sumcheck, verify_sumcheck, CombineFn, EqPolynomial, EqProductSumcheck,
    MultilinearPolynomial, SumcheckError, SumcheckProof, Transcript,
};

/// A boxed field function `F^k → F`: a combining polynomial `g` or a subtable MLE.
pub type FieldFn<F> = Box<dyn Fn(&[F]) -> F + Send + Sync>;

/// One instruction of a Surge instance: the memories it reads (indices into
/// [`SurgeParams::memories`]) and its combining polynomial `g` of degree `degree`.
pub struct SurgeInstruction<F> {
    /// A name for errors and tables.
    pub name: &'static str,
    /// The memories `g` reads, in the order `g` takes them.
    pub memories: Vec<usize>,
    /// `g(E_{α_1}, …, E_{α_k})`.
    pub combine: FieldFn<F>,
    /// The total degree of `g`.
    pub degree: usize,
}

/// The public description of a Surge instance.
pub struct SurgeParams<F> {
    /// `log M`: every subtable has `2^log_m` entries.
    pub log_m: usize,
    /// The subtables, materialized (the prover needs the entries).
    pub subtables: Vec<Vec<F>>,
    /// The MLE of each subtable, evaluated by the verifier without materializing.
    pub subtable_mles: Vec<FieldFn<F>>,
    /// The number of chunks `C`.
    pub num_chunks: usize,
    /// The memories `(subtable, chunk)`.
    pub memories: Vec<(usize, usize)>,
    /// The instructions.
    pub instructions: Vec<SurgeInstruction<F>>,
}

/// The committed witness: chunk indices, flags, outputs (the memory values are derived).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurgeWitness<F> {
    /// `dim_c(t)`, one vector per chunk.
    pub dims: Vec<Vec<usize>>,
    /// `flag_f(t)`, one vector per instruction.
    pub flags: Vec<Vec<bool>>,
    /// `out(t)`.
    pub outputs: Vec<F>,
}

/// A Surge proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct SurgeProof<F: PrimeField> {
    /// The primary zero-check.
    pub primary: SumcheckProof<F>,
    /// At its point: `E_α` for every memory, then every flag, then `out`.
    pub primary_evals: Vec<F>,
    /// One read-only memory check per memory.
    pub memory_checks: Vec<ReadOnlyMemoryProof<F>>,
}

/// The claims the caller opens with the PCS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurgeClaims<F: PrimeField> {
    /// The primary sumcheck point.
    pub primary_point: Vec<F>,
    /// `Ẽ_α`, `flag̃_f`, `out̃` there (in that order).
    pub primary_evals: Vec<F>,
    /// Per memory: the read-only checker's claims (address = `dim_c`, value = `E_α`, counters).
    pub memory_claims: Vec<ReadOnlyClaims<F>>,
}

/// Why a Surge proof was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SurgeError {
    /// The primary sumcheck failed.
    #[error("primary sumcheck: {0}")]
    Sumcheck(#[from] SumcheckError),
    /// The zero-check's final value does not match the claimed evaluations.
    #[error("lookup outputs do not match g(subtable values)")]
    PrimaryCheckFailed,
    /// A memory check failed.
    #[error("memory {memory}: {source}")]
    Memory {
        /// The memory index.
        memory: usize,
        /// The failure.
        source: MemoryCheckingError,
    },
    /// The proof has the wrong shape.
    #[error("proof shape: expected {expected} {field}, got {got}")]
    WrongLength {
        /// Which part.
        field: &'static str,
        /// Expected.
        expected: usize,
        /// Present.
        got: usize,
    },
}

/// `Σ_f flag_f·g_f(E) − out` over one slice `[E_0.., flag_0.., out]`.
fn primary_summand<F: PrimeField>(params: &SurgeParams<F>, vals: &[F]) -> F {
    let m = params.memories.len();
    let mut acc = -vals[m + params.instructions.len()];
    let mut args = Vec::new();
    for (f, inst) in params.instructions.iter().enumerate() {
        let flag = vals[m + f];
        if flag.is_zero() {
            continue;
        }
        args.clear();
        args.extend(inst.memories.iter().map(|&a| vals[a]));
        acc += flag * (inst.combine)(&args);
    }
    acc
}

fn degree<F>(params: &SurgeParams<F>) -> usize {
    // eq · flag · g
    2 + params
        .instructions
        .iter()
        .map(|i| i.degree)
        .max()
        .unwrap_or(1)
}

/// Proves the lookups in `w`. The caller has absorbed the commitments to `dims`, `flags`,
/// `outputs`, the memory values and the counters.
pub fn prove_surge<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    transcript: &mut impl Transcript,
) -> (SurgeProof<F>, SurgeClaims<F>) {
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let memory_values: Vec<Vec<F>> = params
        .memories
        .iter()
        .map(|&(s, c)| w.dims[c].iter().map(|&d| params.subtables[s][d]).collect())
        .collect();
    let mut polys: Vec<MultilinearPolynomial<F>> = memory_values
        .iter()
        .map(|v| MultilinearPolynomial::dense(v.clone()))
        .collect();
    polys.extend(
        w.flags
            .iter()
            .map(|f| MultilinearPolynomial::from(f.clone())),
    );
    polys.push(MultilinearPolynomial::dense(w.outputs.clone()));
    let h = |vals: &[F]| primary_summand(params, vals);
    let h: &CombineFn<F> = &h;
    let mut primary = EqProductSumcheck::new(r, polys, h, degree(params), F::zero());
    let (primary_proof, point, primary_evals) = prove_sumcheck(&mut primary, transcript);
    transcript.append_scalars(b"surge_primary_evals", &primary_evals);
    let mut memory_checks = Vec::with_capacity(params.memories.len());
    let mut memory_claims = Vec::with_capacity(params.memories.len());
    for (alpha, &(s, c)) in params.memories.iter().enumerate() {
        let mut witness = ReadOnlyWitness::honest(&params.subtables[s], &w.dims[c]);
        witness.values = memory_values[alpha].clone();
        let (proof, claims) = prove_read_only(&params.subtables[s], &witness, transcript);
        memory_checks.push(proof);
        memory_claims.push(claims);
    }
    (
        SurgeProof {
            primary: primary_proof,
            primary_evals: primary_evals.clone(),
            memory_checks,
        },
        SurgeClaims {
            primary_point: point,
            primary_evals,
            memory_claims,
        },
    )
}

/// Verifies a Surge proof over `2^log_t` lookups.
pub fn verify_surge<F: PrimeField>(
    params: &SurgeParams<F>,
    log_t: usize,
    proof: &SurgeProof<F>,
    transcript: &mut impl Transcript,
) -> Result<SurgeClaims<F>, SurgeError> {
    let n_evals = params.memories.len() + params.instructions.len() + 1;
    if proof.primary_evals.len() != n_evals {
        return Err(SurgeError::WrongLength {
            field: "primary evaluations",
            expected: n_evals,
            got: proof.primary_evals.len(),
        });
    }
    if proof.memory_checks.len() != params.memories.len() {
        return Err(SurgeError::WrongLength {
            field: "memory checks",
            expected: params.memories.len(),
            got: proof.memory_checks.len(),
        });
    }
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let (final_claim, point) =
        verify_sumcheck(&proof.primary, F::zero(), log_t, degree(params), transcript)?;
    let eq = EqPolynomial::new(r).evaluate(&point);
    if final_claim != eq * primary_summand(params, &proof.primary_evals) {
        return Err(SurgeError::PrimaryCheckFailed);
    }
    transcript.append_scalars(b"surge_primary_evals", &proof.primary_evals);
    let mut memory_claims = Vec::with_capacity(params.memories.len());
    for (alpha, (check, &(s, _))) in proof.memory_checks.iter().zip(&params.memories).enumerate() {
        let mle = |x: &[F]| (params.subtable_mles[s])(x);
        let claims =
            verify_read_only(check, params.log_m, log_t, mle, transcript).map_err(|source| {
                SurgeError::Memory {
                    memory: alpha,
                    source,
                }
            })?;
        memory_claims.push(claims);
    }
    Ok(SurgeClaims {
        primary_point: point,
        primary_evals: proof.primary_evals.clone(),
        memory_claims,
    })
}

#[cfg(test)]
mod tests;
