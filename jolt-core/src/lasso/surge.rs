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
//! memory check. Surge proves the relation for whatever flags are committed, so flags must be
//! boolean and one-hot by another argument: in the zkVM they are columns of the preprocessed
//! bytecode table, and the bytecode read-only memory check makes them equal to the public
//! table's boolean, one-hot row flags.
//!
//! The committed polynomials and the claims to open are laid out by [`SurgeLayout`]
//! ([`SurgeParams::committed_polynomials`], [`SurgeClaims::opening_claims`]); see
//! `paper-notes/lasso.md`.

use crate::memory_checking::{
    prove_read_only_batch, read_counters, verify_read_only_batch, MemoryCheckingError,
    ReadOnlyAccesses, ReadOnlyBatchProof, ReadOnlyClaims, TableMle,
};
use crate::opening::OpeningClaim;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use std::time::{Duration, Instant};
use sumcheck::{
    prove_sumcheck, sum_over_pairs, verify_sumcheck, CombineFn, EqPolynomial, EqProductSumcheck,
    EqProductWithSums, MultilinearPolynomial, RoundSums, SumcheckError, SumcheckProof, Transcript,
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

/// The distinct subtables a batch of memories reads (first-appearance order) and, per memory,
/// its subtable's position among them: memories of one subtable share its `Init` product.
fn batch_tables(memories: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut used: Vec<usize> = Vec::new();
    let table_of = memories
        .iter()
        .map(|&(s, _)| match used.iter().position(|&u| u == s) {
            Some(p) => p,
            None => {
                used.push(s);
                used.len() - 1
            }
        })
        .collect();
    (used, table_of)
}

/// A Surge proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct SurgeProof<F: PrimeField> {
    /// The primary zero-check.
    pub primary: SumcheckProof<F>,
    /// At its point: `E_α` for every memory, then every flag, then `out`.
    pub primary_evals: Vec<F>,
    /// The read-only memory check of all memories at once: one grand product over every
    /// subtable-sized vector, and the lookup-sized ones in groups of
    /// [`crate::memory_checking::access_group_size`] memories (the group size bounds the
    /// prover's memory).
    pub memory_check: ReadOnlyBatchProof<F>,
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

impl<F: PrimeField> SurgeParams<F> {
    /// The memory values `E_α(t) = S_s[dim_c(t)]` of every memory `α = (s, c)`, as the honest
    /// prover commits to them.
    pub fn memory_values(&self, w: &SurgeWitness<F>) -> Vec<Vec<F>> {
        self.memories
            .iter()
            .map(|&(s, c)| w.dims[c].iter().map(|&d| self.subtables[s][d]).collect())
            .collect()
    }

    /// The layout of this instance's committed polynomials.
    pub fn layout(&self) -> SurgeLayout {
        SurgeLayout {
            num_chunks: self.num_chunks,
            num_memories: self.memories.len(),
            num_instructions: self.instructions.len(),
        }
    }

    /// Every committed polynomial of the honest witness `w`, in [`SurgeLayout`] order, each in
    /// its smallest compact form (chunk indices, subtable values, counters and outputs are
    /// small integers; flags are bits), so a pay-per-bit PCS commits them cheaply.
    ///
    /// The read counters of a memory `(s, c)` depend only on `dim_c`, so all memories of
    /// chunk `c` share one committed pair of counter polynomials.
    ///
    /// # Panics
    /// If a subtable entry or an output is not a small integer (`< 2^64`).
    pub fn committed_polynomials(&self, w: &SurgeWitness<F>) -> Vec<MultilinearPolynomial<F>> {
        let small_tables: Vec<Vec<u64>> = self
            .subtables
            .iter()
            .map(|t| t.iter().map(|v| small_integer(v)).collect())
            .collect();
        let mut out: Vec<MultilinearPolynomial<F>> = w
            .dims
            .iter()
            .map(|d| {
                let d: Vec<u64> = d.iter().map(|&x| x as u64).collect();
                MultilinearPolynomial::compact_from_u64s(&d)
            })
            .collect();
        out.extend(self.memories.iter().map(|&(s, c)| {
            let v: Vec<u64> = w.dims[c].iter().map(|&d| small_tables[s][d]).collect();
            MultilinearPolynomial::compact_from_u64s(&v)
        }));
        out.extend(
            w.flags
                .iter()
                .map(|f| MultilinearPolynomial::from(f.clone())),
        );
        let outputs: Vec<u64> = w.outputs.iter().map(small_integer).collect();
        out.push(MultilinearPolynomial::compact_from_u64s(&outputs));
        let counters: Vec<(Vec<u64>, Vec<u64>)> = w
            .dims
            .iter()
            .map(|d| read_counters(d.iter().copied(), 1 << self.log_m))
            .collect();
        out.extend(
            counters
                .iter()
                .map(|(r, _)| MultilinearPolynomial::compact_from_u64s(r)),
        );
        out.extend(
            counters
                .iter()
                .map(|(_, f)| MultilinearPolynomial::compact_from_u64s(f)),
        );
        out
    }
}

/// The order of a Surge instance's committed polynomials ([`SurgeParams::committed_polynomials`]):
/// `dim_c` (C), `E_α` (one per memory), `flag_f` (one per instruction), `out`, the read
/// counters of every chunk (C, `T` entries), the final counters of every chunk (C, `M`
/// entries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurgeLayout {
    /// `C`.
    pub num_chunks: usize,
    /// The number of memories.
    pub num_memories: usize,
    /// The number of instructions (flags).
    pub num_instructions: usize,
}

impl SurgeLayout {
    /// The index of `dim_c`.
    pub fn dim(&self, c: usize) -> usize {
        c
    }

    /// The index of `E_α`.
    pub fn memory_value(&self, alpha: usize) -> usize {
        self.num_chunks + alpha
    }

    /// The index of `flag_f`.
    pub fn flag(&self, f: usize) -> usize {
        self.num_chunks + self.num_memories + f
    }

    /// The index of `out`.
    pub fn output(&self) -> usize {
        self.num_chunks + self.num_memories + self.num_instructions
    }

    /// The index of chunk `c`'s read counters.
    pub fn read_counts(&self, c: usize) -> usize {
        self.output() + 1 + c
    }

    /// The index of chunk `c`'s final counters.
    pub fn final_counts(&self, c: usize) -> usize {
        self.output() + 1 + self.num_chunks + c
    }

    /// The number of committed polynomials.
    pub fn len(&self) -> usize {
        self.output() + 1 + 2 * self.num_chunks
    }

    /// Always false (there is at least the output polynomial).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The number of variables of each committed polynomial for `2^log_t` lookups into
    /// subtables of `2^log_m` entries.
    pub fn num_vars(&self, log_t: usize, log_m: usize) -> Vec<usize> {
        let mut n = vec![log_t; self.len()];
        for c in 0..self.num_chunks {
            n[self.final_counts(c)] = log_m;
        }
        n
    }
}

impl<F: PrimeField> SurgeClaims<F> {
    /// The claims to open, against commitments laid out as [`SurgeLayout`] starting at index
    /// `first_commitment`: every primary evaluation, and per memory `(s, c)` the address
    /// (`dim_c`), value (`E_α`) and read-counter claims at its access point and the
    /// final-counter claim at its table point.
    pub fn opening_claims(
        &self,
        params: &SurgeParams<F>,
        first_commitment: usize,
    ) -> Vec<OpeningClaim<F>> {
        let layout = params.layout();
        let m = layout.num_memories;
        let claim = |index: usize, point: &Vec<F>, value: F| OpeningClaim {
            commitment_index: first_commitment + index,
            point: point.clone(),
            value,
        };
        let mut out = Vec::with_capacity(self.primary_evals.len() + 4 * m);
        for (i, &v) in self.primary_evals.iter().enumerate() {
            let index = if i < m {
                layout.memory_value(i)
            } else if i < m + layout.num_instructions {
                layout.flag(i - m)
            } else {
                layout.output()
            };
            out.push(claim(index, &self.primary_point, v));
        }
        for (alpha, (mc, &(_, c))) in self.memory_claims.iter().zip(&params.memories).enumerate() {
            out.push(claim(layout.dim(c), &mc.access_point, mc.address_eval));
            out.push(claim(
                layout.memory_value(alpha),
                &mc.access_point,
                mc.value_eval,
            ));
            out.push(claim(
                layout.read_counts(c),
                &mc.access_point,
                mc.read_count_eval,
            ));
            out.push(claim(
                layout.final_counts(c),
                &mc.table_point,
                mc.final_count_eval,
            ));
        }
        out
    }
}

/// `v` as a `u64`.
///
/// # Panics
/// If `v ≥ 2^64`.
fn small_integer<F: PrimeField>(v: &F) -> u64 {
    let big = v.into_bigint();
    let limbs = big.as_ref();
    assert!(
        limbs[1..].iter().all(|&l| l == 0),
        "a committed Surge value is not a small integer"
    );
    limbs[0]
}

/// The polynomials the primary zero-check's prover carries, `[E_α.., flag_f.., out]` for
/// the listed memories and instructions: all of them for the verifier's check, and for the
/// prover only the instructions some step sets and the memories they read (a flag that is
/// zero at every step adds nothing at any point, so the round polynomials are the same; its
/// claim is 0, and a skipped memory's claim is evaluated after the sumcheck).
struct PrimaryColumns {
    /// The instructions carried, in order.
    instructions: Vec<usize>,
    /// The memories carried, in order.
    memories: Vec<usize>,
    /// Each memory's position among the carried ones.
    memory_position: Vec<Option<usize>>,
}

impl PrimaryColumns {
    fn new<F>(params: &SurgeParams<F>, instructions: Vec<usize>) -> Self {
        let mut read = vec![false; params.memories.len()];
        for &f in &instructions {
            for &alpha in &params.instructions[f].memories {
                read[alpha] = true;
            }
        }
        let memories: Vec<usize> = (0..read.len()).filter(|&a| read[a]).collect();
        let mut memory_position = vec![None; read.len()];
        for (p, &alpha) in memories.iter().enumerate() {
            memory_position[alpha] = Some(p);
        }
        PrimaryColumns {
            instructions,
            memories,
            memory_position,
        }
    }

    /// Every instruction and every memory (read by an instruction or not).
    fn all<F>(params: &SurgeParams<F>) -> Self {
        let m = params.memories.len();
        PrimaryColumns {
            instructions: (0..params.instructions.len()).collect(),
            memories: (0..m).collect(),
            memory_position: (0..m).map(Some).collect(),
        }
    }

    /// The instructions some step of `w` sets, and their memories.
    fn used<F: Sync>(params: &SurgeParams<F>, w: &SurgeWitness<F>) -> Self {
        let used = w
            .flags
            .par_iter()
            .enumerate()
            .filter(|(_, flags)| flags.iter().any(|&b| b))
            .map(|(f, _)| f)
            .collect();
        Self::new(params, used)
    }

    /// The position of memory `alpha` among the carried polynomials.
    fn memory(&self, alpha: usize) -> usize {
        self.memory_position[alpha].expect("a carried instruction's memory is carried")
    }
}

/// `Σ_f flag_f·g_f(E) − out` over one slice `[E_α.., flag_f.., out]` of the carried columns.
fn primary_summand_on<F: PrimeField>(
    params: &SurgeParams<F>,
    columns: &PrimaryColumns,
    vals: &[F],
) -> F {
    let m = columns.memories.len();
    let mut acc = -vals[m + columns.instructions.len()];
    let mut args = Vec::new();
    for (p, &f) in columns.instructions.iter().enumerate() {
        let flag = vals[m + p];
        if flag.is_zero() {
            continue;
        }
        args.clear();
        args.extend(
            params.instructions[f]
                .memories
                .iter()
                .map(|&a| vals[columns.memory(a)]),
        );
        acc += flag * (params.instructions[f].combine)(&args);
    }
    acc
}

/// `Σ_f flag_f·g_f(E) − out` over one slice `[E_0.., flag_0.., out]` (every polynomial).
fn primary_summand<F: PrimeField>(params: &SurgeParams<F>, vals: &[F]) -> F {
    primary_summand_on(params, &PrimaryColumns::all(params), vals)
}

/// `each(slot, lo + t·(hi − lo))` for `t = points[slot]` (increasing), by additions.
fn line_at_points<F: PrimeField>(lo: F, hi: F, points: &[usize], mut each: impl FnMut(usize, F)) {
    let (step, mut value, mut at) = (hi - lo, lo, 0);
    for (slot, &p) in points.iter().enumerate() {
        while at < p {
            value += step;
            at += 1;
        }
        each(slot, value);
    }
}

/// Scratch of [`PrimarySums::pair_h`]: an instruction's memory values, their steps, and
/// its `g` at the integer points.
type PairScratch<F> = (Vec<F>, Vec<F>, Vec<F>);

/// Extends `values`, the evaluations of a polynomial of degree `values.len() − 1` at
/// `0, 1, …`, to every integer point up to `last`: the last entry of each order of
/// differences is kept, and each new value costs `degree` additions.
fn extend_by_differences<F: PrimeField>(values: &mut Vec<F>, last: usize) {
    let degree = values.len().saturating_sub(1);
    if values.is_empty() || last < values.len() {
        return;
    }
    // diagonal[i] = Δ^i y at the last point: Δ^i y_{degree − i}.
    let mut row = values.clone();
    let mut diagonal = Vec::with_capacity(degree + 1);
    diagonal.push(row[degree]);
    for order in 1..=degree {
        for i in 0..=degree - order {
            row[i] = row[i + 1] - row[i];
        }
        diagonal.push(row[degree - order]);
    }
    while values.len() <= last {
        for i in (0..degree).rev() {
            let next = diagonal[i + 1];
            diagonal[i] += next;
        }
        values.push(diagonal[0]);
    }
}

/// The primary zero-check's rounds ([`RoundSums`] of its [`EqProductSumcheck`] over
/// `[E_α.., flag_f.., out]`): per pair of (bound) steps only the instructions whose flag is
/// nonzero at either end, and only their memories, are interpolated,
/// `h(t) = Σ_{f set} flag_f(t)·g_f(E_f(t)) − out(t)`; the generic round fills every polynomial
/// at every point and scans every flag. The first round reads the memory values from the
/// subtables at the chunk indices (each step sets at most one flag), the later ones from the
/// bound rows.
struct PrimarySums<'a, F: PrimeField> {
    params: &'a SurgeParams<F>,
    w: &'a SurgeWitness<F>,
    /// The carried polynomials (the bound rows hold these).
    columns: &'a PrimaryColumns,
    /// The instruction each step's flags select; `None` when some step sets two flags (the
    /// generic first round handles any witness).
    active: Option<Vec<Option<u16>>>,
    /// The degree of `q` in every round, `1 + max deg g_f` over the carried instructions: the
    /// sums are taken at `0, 2, …, q_degree` only (the instance's degree is the maximum over
    /// all instructions, which a trace rarely uses).
    q_degree: usize,
}

impl<'a, F: PrimeField> PrimarySums<'a, F> {
    fn new(
        params: &'a SurgeParams<F>,
        w: &'a SurgeWitness<F>,
        columns: &'a PrimaryColumns,
    ) -> Self {
        let t = w.outputs.len();
        let mut active = vec![None; t];
        let mut one_hot = true;
        for (f, flags) in w.flags.iter().enumerate() {
            for (slot, _) in active.iter_mut().zip(flags).filter(|(_, &set)| set) {
                one_hot &= slot.is_none();
                *slot = Some(f as u16);
            }
        }
        let max_g = columns
            .instructions
            .iter()
            .map(|&f| params.instructions[f].degree)
            .max()
            .unwrap_or(0);
        PrimarySums {
            params,
            w,
            columns,
            active: (one_hot && t >= 2).then_some(active),
            q_degree: (1 + max_g).min(degree(params) - 1),
        }
    }

    /// `h` of one pair at `ts = [0, 2, …, d − 1]` into `h`: `out` at the pair's two ends, and
    /// each set instruction with its flag at both ends and its memories' values at both ends
    /// (`memory(α) = (E_α(lo), E_α(hi))`).
    fn pair_h(
        &self,
        h: &mut [F],
        points: &[usize],
        (out_lo, out_hi): (F, F),
        set: impl Iterator<Item = (usize, F, F)>,
        memory: impl Fn(usize) -> (F, F),
        (args, step, g): &mut PairScratch<F>,
    ) {
        line_at_points(out_lo, out_hi, points, |slot, out| h[slot] = -out);
        let last = points.last().copied().unwrap_or(0);
        for (f, flag_lo, flag_hi) in set {
            let inst = &self.params.instructions[f];
            args.clear();
            step.clear();
            for &alpha in &inst.memories {
                let (lo, hi) = memory(alpha);
                args.push(lo);
                step.push(hi - lo);
            }
            // g(E(t)) at t = 0, 1, …, deg g from E(t) = E(lo) + t·ΔE, then at the other
            // points by finite differences (g(E(t)) has degree deg g in t).
            g.clear();
            for t in 0..=inst.degree.min(last) {
                if t > 0 {
                    args.iter_mut().zip(step.iter()).for_each(|(a, s)| *a += s);
                }
                g.push((inst.combine)(args));
            }
            extend_by_differences(g, last);
            line_at_points(flag_lo, flag_hi, points, |slot, flag| {
                if !flag.is_zero() {
                    h[slot] += flag * g[points[slot]];
                }
            });
        }
    }

    /// `q` at `m` points over `half` pairs, pair `i` given by `pair(i, h, scratch)`.
    fn sums(
        &self,
        inner: &EqProductSumcheck<'_, F>,
        (half, m): (usize, usize),
        pair: impl Fn(usize, &mut [F], &mut PairScratch<F>) + Send + Sync,
    ) -> Vec<F> {
        let eq_rest = inner.eq_rest();
        sum_over_pairs(
            half,
            m,
            |i, acc, (scratch, h): &mut (PairScratch<F>, Vec<F>)| {
                h.clear();
                h.resize(m, F::zero());
                pair(i, h, scratch);
                for (a, v) in acc.iter_mut().zip(h.iter()) {
                    *a += eq_rest[i] * v;
                }
            },
        )
    }
}

impl<F: PrimeField> RoundSums<F> for PrimarySums<'_, F> {
    fn round_sums(&self, inner: &EqProductSumcheck<'_, F>) -> Option<Vec<F>> {
        // q has degree q_degree: its sums at 0, 2, …, q_degree (q(1) comes from the claim).
        let points: Vec<usize> = std::iter::once(0).chain(2..=self.q_degree).collect();
        let m = points.len();
        let (params, w) = (self.params, self.w);
        if let Some((rows, k)) = inner.rows() {
            let half = rows.len() / k / 2;
            let columns = self.columns;
            let memories = columns.memories.len();
            return Some(self.sums(inner, (half, m), |i, h, scratch| {
                let lo = &rows[i * k..(i + 1) * k];
                let hi = &rows[(i + half) * k..(i + half + 1) * k];
                let set = columns
                    .instructions
                    .iter()
                    .enumerate()
                    .map(|(p, &f)| (f, lo[memories + p], hi[memories + p]))
                    .filter(|(_, l, h)| !(l.is_zero() && h.is_zero()));
                let memory = |alpha: usize| {
                    let p = columns.memory(alpha);
                    (lo[p], hi[p])
                };
                self.pair_h(h, &points, (lo[k - 1], hi[k - 1]), set, memory, scratch);
            }));
        }
        let active = self.active.as_ref()?;
        let half = w.outputs.len() / 2;
        let memory_value = |alpha: usize, step: usize| -> F {
            let (s, c) = params.memories[alpha];
            params.subtables[s][w.dims[c][step]]
        };
        Some(self.sums(inner, (half, m), |i, h, scratch| {
            let (lo, hi) = (i, i + half);
            // The same instruction at both steps has flag 1 at both; otherwise lo's goes 1 → 0
            // and hi's 0 → 1.
            let (f_lo, f_hi) = (active[lo], active[hi]);
            let (one, zero) = (F::one(), F::zero());
            let set = if f_lo == f_hi {
                [f_lo.map(|f| (f as usize, one, one)), None]
            } else {
                [
                    f_lo.map(|f| (f as usize, one, zero)),
                    f_hi.map(|f| (f as usize, zero, one)),
                ]
            };
            let memory = |alpha: usize| (memory_value(alpha, lo), memory_value(alpha, hi));
            let out = (w.outputs[lo], w.outputs[hi]);
            self.pair_h(h, &points, out, set.into_iter().flatten(), memory, scratch);
        }))
    }
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
    let (proof, claims, _) = prove_surge_timed(params, w, transcript);
    (proof, claims)
}

/// Where [`prove_surge_timed`] spent its time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SurgeProverTimings {
    /// Deriving the memory values and the primary zero-check.
    pub primary_sumcheck: Duration,
    /// The read-only memory checks of every memory (their grand products and leaf claims).
    pub memory_checks: Duration,
}

/// [`prove_surge`], also reporting how long the primary sumcheck and the memory checks took
/// (the same proof and transcript).
pub fn prove_surge_timed<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    transcript: &mut impl Transcript,
) -> (SurgeProof<F>, SurgeClaims<F>, SurgeProverTimings) {
    let start = Instant::now();
    // The honest values are small integers: the primary sumcheck reads them compactly (its
    // first bind makes them dense at half the size), and the memory check reads them from the
    // subtables, so no dense copy of any column is made.
    let compact = compact_memory_values(params, w);
    let mut timings = SurgeProverTimings {
        primary_sumcheck: start.elapsed(),
        ..Default::default()
    };
    let (proof, claims) = prove_surge_inner(
        params,
        w,
        MemoryValues::Honest(compact),
        transcript,
        &mut timings,
    );
    (proof, claims, timings)
}

/// The honest memory values `E_α[t] = S_s[dim_c[t]]` of every memory, each in its smallest
/// compact form (subtable entries are small integers).
fn compact_memory_values<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
) -> Vec<MultilinearPolynomial<F>> {
    let small_tables: Vec<Vec<u64>> = params
        .subtables
        .iter()
        .map(|t| t.iter().map(small_integer).collect())
        .collect();
    params
        .memories
        .iter()
        .map(|&(s, c)| {
            let v: Vec<u64> = w.dims[c].iter().map(|&d| small_tables[s][d]).collect();
            MultilinearPolynomial::compact_from_u64s(&v)
        })
        .collect()
}

/// The memory values `E_α` as the prover holds them.
enum MemoryValues<F: PrimeField> {
    /// The honest `E_α[t] = subtable_s[dim_c[t]]`, as compact columns for the primary
    /// sumcheck; the memory check reads them from the subtables.
    Honest(Vec<MultilinearPolynomial<F>>),
    /// Given by the caller (adversarial tests pass wrong ones).
    Given(Vec<Vec<F>>),
}

/// [`prove_surge`] with the committed memory values `E_α` given by the caller
/// (`memory_values[α][t]`) instead of derived from the chunk indices: the prover commits to
/// them, so a caller that already holds them passes them in; adversarial tests pass wrong
/// ones. The read counters are still the honest ones for `dims`.
///
/// # Panics
/// If `memory_values` does not have one vector of `T` values per memory.
pub fn prove_surge_with_values<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    memory_values: Vec<Vec<F>>,
    transcript: &mut impl Transcript,
) -> (SurgeProof<F>, SurgeClaims<F>) {
    assert_eq!(
        memory_values.len(),
        params.memories.len(),
        "one vector per memory"
    );
    assert!(
        memory_values.iter().all(|v| v.len() == w.outputs.len()),
        "one value per lookup"
    );
    prove_surge_inner(
        params,
        w,
        MemoryValues::Given(memory_values),
        transcript,
        &mut Default::default(),
    )
}

fn prove_surge_inner<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    memory_values: MemoryValues<F>,
    transcript: &mut impl Transcript,
    timings: &mut SurgeProverTimings,
) -> (SurgeProof<F>, SurgeClaims<F>) {
    let start = Instant::now();
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let (primary_proof, point, primary_evals, given) = match memory_values {
        MemoryValues::Honest(compact) => {
            let (proof, point, evals) = prove_primary_honest(params, w, r, compact, transcript);
            (proof, point, evals, None)
        }
        MemoryValues::Given(values) => {
            let mut polys: Vec<MultilinearPolynomial<F>> = values
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
            let mut inner = EqProductSumcheck::new(r, polys, h, degree(params), F::zero());
            let (proof, point, evals) = prove_sumcheck(&mut inner, transcript);
            (proof, point, evals, Some(values))
        }
    };
    transcript.append_scalars(b"surge_primary_evals", &primary_evals);
    timings.primary_sumcheck += start.elapsed();
    let start = Instant::now();
    // Read counters depend only on the addresses, so memories of one chunk share them.
    let counters: Vec<(Vec<u64>, Vec<u64>)> = (0..params.num_chunks)
        .map(|c| read_counters(w.dims[c].iter().copied(), 1 << params.log_m))
        .collect();
    let accesses: Vec<ReadOnlyAccesses<'_, F>> = params
        .memories
        .iter()
        .enumerate()
        .map(|(alpha, &(_, c))| ReadOnlyAccesses {
            addresses: &w.dims[c],
            values: given.as_ref().map(|v| v[alpha].as_slice()),
            read_counts: &counters[c].0,
            final_counts: &counters[c].1,
        })
        .collect();
    let (used, table_of) = batch_tables(&params.memories);
    let tables: Vec<&[F]> = used
        .iter()
        .map(|&s| params.subtables[s].as_slice())
        .collect();
    let (memory_check, memory_claims) =
        prove_read_only_batch(&tables, &table_of, &accesses, transcript);
    timings.memory_checks += start.elapsed();
    (
        SurgeProof {
            primary: primary_proof,
            primary_evals: primary_evals.clone(),
            memory_check,
        },
        SurgeClaims {
            primary_point: point,
            primary_evals,
            memory_claims,
        },
    )
}

/// The primary zero-check alone (no memory check), for a backend that proves the memory
/// values `E_α` another way (Shout, in the Twist/Shout backend): the honest `E_α` are derived
/// from `w.dims`. Returns the sumcheck proof, its point and the evaluations
/// `[E_α.., flag_f.., out]` there (absorbed).
pub fn prove_surge_primary<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    transcript: &mut impl Transcript,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>) {
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let (proof, point, evals) =
        prove_primary_honest(params, w, r, compact_memory_values(params, w), transcript);
    transcript.append_scalars(b"surge_primary_evals", &evals);
    (proof, point, evals)
}

/// The primary zero-check on the honest memory values `memory_polys` (one per memory):
/// its proof, point, and `[E_α.., flag_f.., out]` there. The sumcheck carries only the
/// instructions some step sets and the memories they read ([`PrimaryColumns::used`]); the
/// other flags are zero at the point, and the other memories are evaluated afterwards
/// through their chunk's indices, `E_α(ρ) = Σ_k S_s[k]·Σ_{t: dim_c(t) = k} eq(ρ, t)`.
fn prove_primary_honest<F: PrimeField>(
    params: &SurgeParams<F>,
    w: &SurgeWitness<F>,
    r: Vec<F>,
    memory_polys: Vec<MultilinearPolynomial<F>>,
    transcript: &mut impl Transcript,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>) {
    let columns = PrimaryColumns::used(params, w);
    let mut polys: Vec<MultilinearPolynomial<F>> = memory_polys
        .into_iter()
        .enumerate()
        .filter(|(alpha, _)| columns.memory_position[*alpha].is_some())
        .map(|(_, p)| p)
        .collect();
    polys.extend(
        columns
            .instructions
            .iter()
            .map(|&f| MultilinearPolynomial::from(w.flags[f].clone())),
    );
    polys.push(MultilinearPolynomial::dense(w.outputs.clone()));
    let h = |vals: &[F]| primary_summand_on(params, &columns, vals);
    let h: &CombineFn<F> = &h;
    let inner = EqProductSumcheck::new(r, polys, h, degree(params), F::zero());
    let mut primary = EqProductWithSums {
        inner,
        sums: PrimarySums::new(params, w, &columns),
    };
    let (proof, point, carried) = prove_sumcheck(&mut primary, transcript);
    // Every polynomial's claim, in [E_α.., flag_f.., out] order.
    let m = params.memories.len();
    let mut evals = vec![F::zero(); m + params.instructions.len() + 1];
    for (p, &alpha) in columns.memories.iter().enumerate() {
        evals[alpha] = carried[p];
    }
    let carried_flags = &carried[columns.memories.len()..];
    for (p, &f) in columns.instructions.iter().enumerate() {
        evals[m + f] = carried_flags[p];
    }
    evals[m + params.instructions.len()] = carried[carried.len() - 1];
    let skipped: Vec<usize> = (0..m)
        .filter(|&a| columns.memory_position[a].is_none())
        .collect();
    if !skipped.is_empty() {
        let eq = EqPolynomial::evals(&point);
        let pushed: Vec<Option<Vec<F>>> = (0..params.num_chunks)
            .into_par_iter()
            .map(|c| {
                skipped.iter().any(|&a| params.memories[a].1 == c).then(|| {
                    sumcheck::pushforward(w.dims[c].iter().copied(), &eq, 1 << params.log_m)
                })
            })
            .collect();
        for &alpha in &skipped {
            let (s, c) = params.memories[alpha];
            let e = pushed[c].as_ref().expect("pushed forward");
            evals[alpha] = params.subtables[s].iter().zip(e).map(|(v, e)| *v * e).sum();
        }
    }
    (proof, point, evals)
}

/// Verifies [`prove_surge_primary`]'s zero-check: `Ok(point)` when its last claim is
/// `eq(r, point)·(Σ_f flag_f·g_f(E) − out)` at the stated `evals`, which the caller must
/// still tie to the memories and the committed flags and outputs.
pub fn verify_surge_primary<F: PrimeField>(
    params: &SurgeParams<F>,
    log_t: usize,
    proof: &SumcheckProof<F>,
    evals: &[F],
    transcript: &mut impl Transcript,
) -> Result<Vec<F>, SurgeError> {
    let n_evals = params.memories.len() + params.instructions.len() + 1;
    if evals.len() != n_evals {
        return Err(SurgeError::WrongLength {
            field: "primary evaluations",
            expected: n_evals,
            got: evals.len(),
        });
    }
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let (final_claim, point) =
        verify_sumcheck(proof, F::zero(), log_t, degree(params), transcript)?;
    let eq = EqPolynomial::new(r).evaluate(&point);
    if final_claim != eq * primary_summand(params, evals) {
        return Err(SurgeError::PrimaryCheckFailed);
    }
    transcript.append_scalars(b"surge_primary_evals", evals);
    Ok(point)
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
    let r: Vec<F> = transcript.challenge_scalars(b"surge_r", log_t);
    let (final_claim, point) =
        verify_sumcheck(&proof.primary, F::zero(), log_t, degree(params), transcript)?;
    let eq = EqPolynomial::new(r).evaluate(&point);
    if final_claim != eq * primary_summand(params, &proof.primary_evals) {
        return Err(SurgeError::PrimaryCheckFailed);
    }
    transcript.append_scalars(b"surge_primary_evals", &proof.primary_evals);
    let (used, table_of) = batch_tables(&params.memories);
    let mles: Vec<TableMle<'_, F>> = used
        .iter()
        .map(|&s| {
            let f: TableMle<'_, F> = &params.subtable_mles[s];
            f
        })
        .collect();
    let memory_claims = verify_read_only_batch(
        &proof.memory_check,
        params.log_m,
        log_t,
        &mles,
        &table_of,
        transcript,
    )
    .map_err(|(memory, source)| SurgeError::Memory { memory, source })?;
    Ok(SurgeClaims {
        primary_point: point,
        primary_evals: proof.primary_evals.clone(),
        memory_claims,
    })
}

#[cfg(test)]
mod opening_tests;
#[cfg(test)]
mod rv32_tests;
#[cfg(test)]
mod tests;
