//! Shout: read-only memory checking with one-hot addresses (Setty–Thaler, ePrint 2025/105,
//! §4 Figs. 5–8, prover §6; see `paper-notes/twist-and-shout.md`).
//!
//! `T = 2^{log T}` reads of a table `Val ∈ F^K`, `K = N^d`, at addresses `a_j` with values
//! `rv(j)`. The prover commits the chunk matrices `ra_i` ([`super::one_hot`]); `rv` and the
//! numeric address `raf(j) = a_j` are the caller's (committed or virtual). Three checks, in one
//! transcript:
//!
//! 1. **Read + raf** (eqs. 30/66 with the raf term batched in, §4.2): for `r_cycle` fixed by
//!    the caller and `z` drawn after `rv~(r_cycle)`, `raf~(r_cycle)` are absorbed,
//!    `rv~(r_cycle) + z·raf~(r_cycle) = Σ_{k,j} eq(r_cycle, j)·Π_i ra~_i(k_i, j)·(Val~(k) + z·int~(k))`
//!    over `log K` address rounds (degree 2) then `log T` cycle rounds (degree `d + 1`). It ends
//!    in claims `ra~_i(r_addr,i, r'_cycle)` and the verifier's own `Val~(r_addr)`,
//!    `int~(r_addr) = Σ_b 2^{log K − 1 − b}·r_addr,b`.
//! 2. **Booleanity** (Fig. 8): `0 = Σ_{k,j} eq(ρ_k, k)·eq(ρ_j, j)·Σ_i γ^i·(ra~_i² − ra~_i)(k, j)`,
//!    one zero-check over `log N + log T` variables for all chunks, degree 3. Claims
//!    `ra~_i(ρ*_k, ρ*_j)`.
//! 3. **Hamming weight one** (Fig. 8, in the single-opening form): `Σ_k ra_i(k, j) = 1` for all
//!    `j` iff, at a random `r''`, `N·ra~_i(½, …, ½, r'') = 1`. `r''` is booleanity's cycle
//!    point `ρ*_j` (random, and fixed only after the chunks were committed), so both claims
//!    share a cycle point and reach the opening as one: a claim whose value the verifier
//!    knows, `1/N`.
//!
//! **Prover cost** (§6): the address rounds run on the pushforward `C[k] = Σ_{j: a_j = k}
//! eq(r_cycle, j)` (one pass of additions over the trace) and `Val`, `O(K)` per round, never
//! `K·T`; the cycle rounds on `d` dense `T`-vectors `ra~_i(r_addr,i, j) = eq(r_addr,i, c_{ij})`
//! read from an `N`-entry table. Booleanity's address rounds work on the `N` distinct columns
//! weighted by their cycles' `eq(ρ_j, j)` sums. Its cycle rounds split `eq(ρ_j, ·)` out
//! (Gruen) and need per chunk only `Σ w·(A² − A)` and `Σ w·ΔA²`; in the first one every
//! `A_i(j)` is one of `N` row values, so that round is buckets of additions and its bind an
//! `N²`-entry table, and the later rounds run on `T/2`-vectors.
//!
//! The claims on `ra_i` are returned to the caller, who opens them against the commitments
//! (in tests: [`check_ra_claims`] evaluates the matrices directly).

use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use sumcheck::{
    prove_batched, prove_sumcheck, verify_batched, verify_sumcheck, EqPolynomial, SumcheckError,
    SumcheckInstance, SumcheckProof, Transcript,
};

use super::dense::{extend_evals, fold, gather_pairs, pair_table, DenseProductSum, EqFactor};
use super::one_hot::{Column, OneHotAddresses, RaChunk};

/// The sizes of a Shout instance: `d` chunks of `log N` address bits, `2^{log T}` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShoutParams {
    /// Bits per address chunk (`1..=16`).
    pub log_n: usize,
    /// Chunks `d ≥ 1`.
    pub d: usize,
    /// `log2 T`.
    pub log_t: usize,
}

impl ShoutParams {
    /// `log2 K = d·log N`.
    pub fn log_k(&self) -> usize {
        self.d * self.log_n
    }

    fn absorb(&self, transcript: &mut impl Transcript) {
        transcript.append_u64(b"shout_log_n", self.log_n as u64);
        transcript.append_u64(b"shout_d", self.d as u64);
        transcript.append_u64(b"shout_log_t", self.log_t as u64);
    }

    fn valid(&self) -> bool {
        (1..=16).contains(&self.log_n) && self.d >= 1 && self.log_k() <= 32
    }
}

/// A Shout proof: two sumchecks and the chunk evaluations they end in.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct ShoutProof<F: PrimeField> {
    /// The read + raf sumcheck.
    pub read_raf: SumcheckProof<F>,
    /// `ra~_i(r_addr,i, r'_cycle)` for each chunk.
    pub read_ra_evals: Vec<F>,
    /// The booleanity zero-check.
    pub booleanity: SumcheckProof<F>,
    /// `ra~_i(ρ*_k, ρ*_j)` for each chunk.
    pub booleanity_ra_evals: Vec<F>,
}

/// Which check a claim on a chunk matrix comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OneHotCheck {
    /// The read + raf sumcheck.
    ReadRaf,
    /// The booleanity zero-check.
    Booleanity,
    /// Hamming weight one (value `1/N` known to the verifier).
    HammingWeight,
}

/// A claim `ra~_chunk(address_point, cycle_point) = value` left for the opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaClaim<F> {
    /// The chunk `i`.
    pub chunk: usize,
    /// The check that produced it.
    pub check: OneHotCheck,
    /// The `log N` address coordinates.
    pub address_point: Vec<F>,
    /// The `log T` cycle coordinates.
    pub cycle_point: Vec<F>,
    /// The claimed value.
    pub value: F,
}

/// What a Shout proof leaves to the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShoutClaims<F> {
    /// `3d` claims on the chunk matrices.
    pub ra: Vec<RaClaim<F>>,
    /// `r_addr`, where the verifier evaluated `Val~` (for a committed table's opening).
    pub table_point: Vec<F>,
}

/// Why a Shout proof was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShoutError {
    /// The parameters or the proof's vectors have the wrong shape.
    #[error("malformed Shout proof: {0}")]
    Malformed(&'static str),
    /// The read + raf sumcheck failed in a round.
    #[error("Shout read+raf sumcheck: {0}")]
    ReadRafSumcheck(SumcheckError),
    /// The read + raf sumcheck's last claim is not `eq·Π ra_i·(Val + z·int)`.
    #[error("Shout read+raf: the final claim does not match the chunk and table evaluations")]
    ReadRafFinal,
    /// The booleanity sumcheck failed in a round.
    #[error("Shout booleanity sumcheck: {0}")]
    BooleanitySumcheck(SumcheckError),
    /// The booleanity sumcheck's last claim is not `eq·eq·Σ γ^i (ra_i² − ra_i)`.
    #[error("Shout booleanity: the final claim does not match the chunk evaluations")]
    BooleanityFinal,
    /// A claim on a chunk matrix is false (raised by the opening, or [`check_ra_claims`]).
    #[error("Shout: chunk {chunk}'s {check:?} claim is not its matrix's evaluation")]
    RaClaimFalse {
        /// The chunk.
        chunk: usize,
        /// The check whose claim failed.
        check: OneHotCheck,
    },
}

/// `int~(r) = Σ_b 2^{n−1−b}·r_b`: the MLE of `k ↦ k` (MSB-first).
pub fn int_mle<F: PrimeField>(r: &[F]) -> F {
    r.iter().fold(F::zero(), |acc, x| acc.double() + x)
}

/// `C[k] = Σ_j weights[j]·Π_i ra_i(k_i, j)` over `k ∈ [0, K)`.
fn pushforward<F: PrimeField>(ra: &OneHotAddresses<F>, weights: &[F]) -> Vec<F> {
    let mut c = vec![F::zero(); 1 << ra.log_k()];
    let mut one_hot: Vec<&[u16]> = Vec::new();
    for chunk in &ra.chunks {
        if let RaChunk::OneHot(idx) = chunk {
            one_hot.push(idx);
        }
    }
    if one_hot.len() == ra.d() {
        for (j, w) in weights.iter().enumerate() {
            let k = one_hot
                .iter()
                .fold(0usize, |k, idx| (k << ra.log_n) | idx[j] as usize);
            c[k] += w;
        }
        return c;
    }
    // Any matrices: expand each column product (tests with lying provers only).
    for (j, w) in weights.iter().enumerate() {
        let mut partial: Vec<(usize, F)> = vec![(0, *w)];
        for chunk in &ra.chunks {
            let mut next = Vec::new();
            for &(k, v) in &partial {
                match chunk.column(j) {
                    Column::One(x) => next.push(((k << ra.log_n) | x as usize, v)),
                    Column::Entries(e) => next.extend(
                        e.iter()
                            .map(|&(x, y)| ((k << ra.log_n) | x as usize, v * y)),
                    ),
                }
            }
            partial = next;
        }
        for (k, v) in partial {
            c[k] += v;
        }
    }
    c
}

/// The read + raf sumcheck's prover: address rounds on `C·(Val + z·int)` (degree 2, sent at
/// the instance's bound), then cycle rounds on `Val~(r_addr)·eq(r_cycle, ·)·Π_i ra~_i(r_addr,i, ·)`.
struct ReadRafProver<'a, F: PrimeField> {
    ra: &'a OneHotAddresses<F>,
    r_cycle: &'a [F],
    degree: usize,
    claim: F,
    /// The phase in progress: factors `[C, Val + z·int]`, then `[eq, ra~_0, …]`.
    phase: DenseProductSum<F>,
    /// The first cycle round on honest chunks, read from their indices (see
    /// [`IndexedFirstRound`]); `None` otherwise.
    first_cycle: Option<IndexedFirstRound<'a, F>>,
    in_cycle_rounds: bool,
    r_addr: Vec<F>,
    table_value: F,
}

impl<F: PrimeField> ReadRafProver<'_, F> {
    fn start_cycle_rounds(&mut self) {
        self.table_value = self.phase.factors[1][0];
        self.in_cycle_rounds = true;
        let log_n = self.ra.log_n;
        let indices: Option<Vec<&[u16]>> = self
            .ra
            .chunks
            .iter()
            .map(|chunk| match chunk {
                RaChunk::OneHot(idx) if idx.len() >= 2 => Some(idx.as_slice()),
                _ => None,
            })
            .collect();
        if let Some(indices) = indices.filter(|_| log_n <= MAX_INDEXED_BITS) {
            let rows = (0..indices.len())
                .map(|i| EqPolynomial::evals(&self.r_addr[i * log_n..(i + 1) * log_n]))
                .collect();
            self.first_cycle = Some(IndexedFirstRound {
                rows,
                indices,
                eq: EqFactor::new(self.r_cycle.to_vec()),
                coeff: self.table_value,
                degree: self.ra.d() + 1,
            });
            return;
        }
        let factors: Vec<Vec<F>> = self
            .ra
            .chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                chunk.bind_rows(&self.r_addr[i * self.ra.log_n..(i + 1) * self.ra.log_n])
            })
            .collect();
        let all = (0..factors.len()).collect();
        self.phase = DenseProductSum {
            factors,
            terms: vec![(self.table_value, all)],
            degree: self.ra.d() + 1,
            claim: F::zero(),
            eq: Some(EqFactor::new(self.r_cycle.to_vec())),
        };
    }
}

/// Chunks of at most this many bits take the indexed first cycle round (its tables have
/// `N²` entries per chunk).
const MAX_INDEXED_BITS: usize = 6;

/// The first cycle round of read + raf on honest one-hot chunks. With the address bits bound
/// to `r_addr`, chunk `i`'s factor at cycle `j` is `e_i[c_i(j)]`, one of the `N` row values
/// `e_i = eq(r_addr,i, ·)`, so a pair of cycles `(x, x + ½)` takes its line
/// `e_i[lo] + t·(e_i[hi] − e_i[lo])` from an `N²`-entry table, and binding `r` reads
/// `(1 − r)·e_i[lo] + r·e_i[hi]` from another: the `T`-long factor vectors are never built.
/// The messages are those of the dense round.
struct IndexedFirstRound<'a, F> {
    rows: Vec<Vec<F>>,
    indices: Vec<&'a [u16]>,
    eq: EqFactor<F>,
    /// The product's coefficient (the bound table value).
    coeff: F,
    degree: usize,
}

impl<F: PrimeField> IndexedFirstRound<'_, F> {
    /// `coeff·Σ_x rest(x)·Π_i line_i(x, t)` at each of `points`.
    fn sums(&self, rest: &[F], points: &[u64]) -> Vec<F> {
        let n = self.rows[0].len();
        let m = points.len();
        let half = rest.len();
        // lines[i][(lo·N + hi)·m + p] = e_i[lo] + t_p·(e_i[hi] − e_i[lo]).
        let lines: Vec<Vec<F>> = self
            .rows
            .iter()
            .map(|e| {
                let mut table = Vec::with_capacity(n * n * m);
                for lo in e {
                    for hi in e {
                        table.extend(points.iter().map(|&t| *lo + F::from(t) * (*hi - lo)));
                    }
                }
                table
            })
            .collect();
        let sums = sumcheck::sum_over_pairs(half, m, |x, acc: &mut [F], product: &mut Vec<F>| {
            product.clear();
            for (c, (line, idx)) in lines.iter().zip(&self.indices).enumerate() {
                let at = (idx[x] as usize * n + idx[x + half] as usize) * m;
                let values = &line[at..at + m];
                if c == 0 {
                    product.extend_from_slice(values);
                } else {
                    product.iter_mut().zip(values).for_each(|(p, v)| *p *= v);
                }
            }
            for (a, v) in acc.iter_mut().zip(product.iter()) {
                *a += rest[x] * v;
            }
        });
        sums.into_iter().map(|v| v * self.coeff).collect()
    }

    /// `s(0), …, s(degree)` (as [`DenseProductSum`]'s round with an `eq` factor).
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        self.eq.message(previous_claim, self.degree, |points| {
            self.sums(self.eq.rest(), points)
        })
    }

    /// The dense cycle rounds after binding the first cycle variable to `r`.
    fn bind(mut self, r: F) -> DenseProductSum<F> {
        let factors: Vec<Vec<F>> = self
            .rows
            .iter()
            .zip(&self.indices)
            .map(|(e, idx)| gather_pairs(&pair_table(e, r), e.len(), idx))
            .collect();
        self.eq.bind(r);
        let all = (0..factors.len()).collect();
        DenseProductSum {
            factors,
            terms: vec![(self.coeff, all)],
            degree: self.degree,
            claim: F::zero(),
            eq: Some(self.eq),
        }
    }
}

impl<F: PrimeField> SumcheckInstance<F> for ReadRafProver<'_, F> {
    fn num_vars(&self) -> usize {
        self.ra.log_k() + self.r_cycle.len()
    }
    fn degree(&self) -> usize {
        self.degree
    }
    fn claimed_sum(&self) -> F {
        self.claim
    }
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        let evals = match &self.first_cycle {
            Some(first) => first.round_evals(previous_claim),
            None => self.phase.round_evals(previous_claim),
        };
        extend_evals(evals, self.degree)
    }
    fn bind(&mut self, r: F) {
        if let Some(first) = self.first_cycle.take() {
            self.phase = first.bind(r);
            return;
        }
        self.phase.bind(r);
        if !self.in_cycle_rounds {
            self.r_addr.push(r);
            if self.r_addr.len() == self.ra.log_k() {
                self.start_cycle_rounds();
            }
        }
    }
    fn final_evals(&self) -> Vec<F> {
        let mut out: Vec<F> = self.phase.final_evals()[1..].to_vec();
        out.push(self.table_value);
        out
    }
}

/// One column pattern of a non-one-hot chunk during booleanity's address rounds: its weight
/// `Σ eq(ρ_j, j)` over the cycles that have it, and its entries over the unbound rows.
#[derive(Clone)]
struct Pattern<F> {
    weight: F,
    entries: Vec<(usize, F)>,
}

/// A chunk's state in booleanity's address rounds.
enum BooleanityChunk<'a, F> {
    /// An honest chunk. With `m` row bits bound to `r_b`, every column is `v·[rest = x']` with
    /// `v = eq(r_b, high bits)`, so `Σ_j eq(ρ_j, j)·(col² − col)` only needs, per remaining row
    /// `x'`, `S1[x'] = Σ weight·v` and `S2[x'] = Σ weight·v²` over the columns ending in `x'`:
    /// binding `r` maps them to `(1−r)S[x'] + r S[x'+½]` and `(1−r)²S2[x'] + r²S2[x'+½]`. Each
    /// round costs the current table size, `O(N)` in all.
    OneHot {
        indices: &'a [u16],
        first: Vec<F>,
        second: Vec<F>,
    },
    /// Any matrix (a lying prover's): its distinct columns as sparse entries, and which one
    /// each cycle has.
    Sparse {
        patterns: Vec<Pattern<F>>,
        of_cycle: Vec<usize>,
    },
}

/// The booleanity zero-check's prover.
struct BooleanityProver<'a, F: PrimeField> {
    ra: &'a OneHotAddresses<F>,
    gamma: Vec<F>,
    rho_cycle: &'a [F],
    chunks: Vec<BooleanityChunk<'a, F>>,
    eq_rows: Vec<F>,
    r_rows: Vec<F>,
    /// The cycle rounds' state once the rows are bound; `None` during the address rounds.
    cycle: Option<CyclePhase<'a, F>>,
}

/// A chunk in booleanity's cycle rounds: `A_i(j) = ra~_i(r_rows, j)`.
enum CycleChunk<'a, F> {
    /// An honest chunk before the first cycle round binds: `A_i(j) = rows[indices[j]]`, one
    /// of `N` values, so that round is summed in buckets of additions.
    Indices(&'a [u16]),
    /// An honest chunk after the first cycle round bound `r`, for `N ≤ 16`: with
    /// `len = |indices|/2`, `A_i(j) = table[indices[j]·N + indices[j + len]]` where
    /// `table[k·N + l] = rows[k] + r·(rows[l] − rows[k])`, one of `N²` values, so the second
    /// round is summed in buckets too (`N⁴` of them for its leading coefficient).
    IndexPairs { indices: &'a [u16], table: Vec<F> },
    /// `A_i` as a dense vector.
    Dense(Vec<F>),
}

/// The most buckets a cycle round of booleanity sums in (`N⁴` in the second round).
const MAX_PAIR_BUCKETS: usize = 1 << 16;

/// Bucket sums of `w` over a round's pairs `(j, j + ½)` keyed by `key(j) ∈ [0, size)`:
/// `(lo[a], hi[b], pairs[a·size + b])` = the sums of `w[j]` with `key(j) = a`, with
/// `key(j + ½) = b` (only `with_one`), and with both.
fn bucket_pairs<F: PrimeField>(
    w: &[F],
    size: usize,
    key: impl Fn(usize) -> usize + Sync,
    with_one: bool,
) -> (Vec<F>, Vec<F>, Vec<F>) {
    let half = w.len();
    let fresh = || {
        (
            vec![F::zero(); size],
            vec![F::zero(); size],
            vec![F::zero(); size * size],
        )
    };
    (0..half)
        .into_par_iter()
        .with_min_len((size * size).max(1 << 12))
        .fold(fresh, |(mut lo, mut hi, mut pairs), j| {
            let (a, b) = (key(j), key(j + half));
            lo[a] += w[j];
            if with_one {
                hi[b] += w[j];
            }
            pairs[a * size + b] += w[j];
            (lo, hi, pairs)
        })
        .reduce(fresh, |(mut a, mut b, mut c), (x, y, z)| {
            a.iter_mut().zip(x).for_each(|(a, x)| *a += x);
            b.iter_mut().zip(y).for_each(|(b, y)| *b += y);
            c.iter_mut().zip(z).for_each(|(c, z)| *c += z);
            (a, b, c)
        })
}

/// `[Σ_a lo[a]·(v_a² − v_a), Σ_b hi[b]·(v_b² − v_b), Σ_{a,b} pairs[a·size + b]·(v_b − v_a)²]`
/// for the bucket sums of [`bucket_pairs`] over the values `v = values`.
fn bucket_booleanity<F: PrimeField>(
    values: &[F],
    (lo, hi, pairs): (Vec<F>, Vec<F>, Vec<F>),
) -> [F; 3] {
    let size = values.len();
    let bool_of = |v: F| v.square() - v;
    let mut out = [F::zero(); 3];
    for (a, va) in values.iter().enumerate() {
        out[0] += lo[a] * bool_of(*va);
        out[1] += hi[a] * bool_of(*va);
        for (b, vb) in values.iter().enumerate() {
            let p = pairs[a * size + b];
            if !p.is_zero() {
                out[2] += p * (*vb - va).square();
            }
        }
    }
    out
}

/// Booleanity's cycle rounds: `row_scale·Σ_j eq(ρ_j, j)·Σ_i γ^i (A_i(j)² − A_i(j))`, with
/// `eq(ρ_j, ·)` split out of the product (Gruen): round `c` sums
/// `q(t) = Σ_{j'} eq(ρ_{j,>c}, j')·Σ_i γ^i (A_i² − A_i)(t, j')`, degree 2, at `t = 0` and its
/// leading coefficient `Σ γ^i ΔA_i²`, and takes `q(1)` from the claim.
struct CyclePhase<'a, F> {
    /// `eq(r_rows, x)` for the `N` rows.
    rows: Vec<F>,
    chunks: Vec<CycleChunk<'a, F>>,
    eq: EqFactor<F>,
    /// `eq(ρ_k, r_rows)`, the bound row factor.
    row_scale: F,
}

impl<F: PrimeField> CyclePhase<'_, F> {
    /// `[Σ_{j'} w(j')·(A² − A)(0, j'), Σ_{j'} w(j')·(A² − A)(1, j'), Σ_{j'} w(j')·ΔA(j')²]` of
    /// one chunk, where the middle entry is computed only when `with_one`.
    fn chunk_sums(&self, chunk: &CycleChunk<'_, F>, w: &[F], with_one: bool) -> [F; 3] {
        let half = w.len();
        let add3 = |a: [F; 3], b: [F; 3]| [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
        match chunk {
            CycleChunk::Indices(idx) => {
                // Buckets of `w` by the row at j' (low half), at j' + ½, and by the pair.
                let sums = bucket_pairs(w, self.rows.len(), |j| idx[j] as usize, with_one);
                bucket_booleanity(&self.rows, sums)
            }
            CycleChunk::IndexPairs { indices, table } => {
                let (n, len) = (self.rows.len(), indices.len() / 2);
                let key = |j: usize| indices[j] as usize * n + indices[j + len] as usize;
                bucket_booleanity(table, bucket_pairs(w, table.len(), key, with_one))
            }
            CycleChunk::Dense(v) => (0..half)
                .into_par_iter()
                .with_min_len(1 << 12)
                .fold(
                    || [F::zero(); 3],
                    |acc, j| {
                        let (a, b) = (v[j], v[j + half]);
                        let one = if with_one {
                            w[j] * (b.square() - b)
                        } else {
                            F::zero()
                        };
                        add3(acc, [w[j] * (a.square() - a), one, w[j] * (b - a).square()])
                    },
                )
                .reduce(|| [F::zero(); 3], add3),
        }
    }

    /// `s(0), …, s(3)` of the current cycle round.
    fn round_evals(&self, gamma: &[F], previous_claim: F) -> Vec<F> {
        let rest = self.eq.rest();
        let sums = |with_one: bool| {
            let mut q = [F::zero(); 3];
            for (chunk, g) in self.chunks.iter().zip(gamma) {
                let s = self.chunk_sums(chunk, rest, with_one);
                for (q, s) in q.iter_mut().zip(s) {
                    *q += *g * s;
                }
            }
            q
        };
        let mut q = sums(false);
        match self.eq.q_one(self.row_scale, previous_claim, q[0]) {
            Some(q1) => q[1] = q1,
            // A claim at a hypercube point: q(1) is summed like the others.
            None => q = sums(true),
        }
        // q(t) = q(0) + (q(1) − q(0) − q∞)·t + q∞·t².
        let [q0, q1, q_inf] = q;
        let linear = q1 - q0 - q_inf;
        self.eq
            .round_evals(self.row_scale, |t| q0 + t * (linear + t * q_inf), 3)
    }

    fn bind(&mut self, r: F) {
        let n = self.rows.len();
        for chunk in &mut self.chunks {
            match chunk {
                CycleChunk::Indices(idx) => {
                    // A(r, j') = rows[k] + r·(rows[l] − rows[k]) for the pair (k, l): N² values.
                    let table = pair_table(&self.rows, r);
                    *chunk = if table.len() * table.len() <= MAX_PAIR_BUCKETS {
                        CycleChunk::IndexPairs {
                            indices: idx,
                            table,
                        }
                    } else {
                        CycleChunk::Dense(gather_pairs(&table, n, idx))
                    };
                }
                CycleChunk::IndexPairs { indices, table } => {
                    let len = indices.len() / 2;
                    let key = |j: usize| indices[j] as usize * n + indices[j + len] as usize;
                    let bound: Vec<F> = (0..len / 2)
                        .into_par_iter()
                        .with_min_len(1 << 12)
                        .map(|j| {
                            let (a, b) = (table[key(j)], table[key(j + len / 2)]);
                            a + r * (b - a)
                        })
                        .collect();
                    *chunk = CycleChunk::Dense(bound);
                }
                CycleChunk::Dense(v) => fold(v, r),
            }
        }
        self.eq.bind(r);
    }

    fn final_evals(&self) -> Vec<F> {
        self.chunks
            .iter()
            .map(|c| match c {
                CycleChunk::Indices(idx) => self.rows[idx[0] as usize],
                CycleChunk::IndexPairs { indices, table } => {
                    table[indices[0] as usize * self.rows.len() + indices[1] as usize]
                }
                CycleChunk::Dense(v) => v[0],
            })
            .collect()
    }
}

/// `[0, 1, 2, 3]` as field elements: the points every degree-3 round is evaluated at.
fn points<F: PrimeField>() -> [F; 4] {
    [F::zero(), F::one(), F::from(2u64), F::from(3u64)]
}

impl<'a, F: PrimeField> BooleanityProver<'a, F> {
    fn new(ra: &'a OneHotAddresses<F>, rho: &'a [F], gamma: Vec<F>) -> Self {
        let (rho_rows, rho_cycle) = rho.split_at(ra.log_n);
        let eq_cycle = EqPolynomial::evals(rho_cycle);
        let chunks = ra
            .chunks
            .iter()
            .map(|chunk| match chunk {
                RaChunk::OneHot(indices) => {
                    let mut first = vec![F::zero(); 1 << ra.log_n];
                    for (j, &x) in indices.iter().enumerate() {
                        first[x as usize] += eq_cycle[j];
                    }
                    BooleanityChunk::OneHot {
                        indices,
                        second: first.clone(),
                        first,
                    }
                }
                RaChunk::Sparse(cols) => BooleanityChunk::Sparse {
                    patterns: cols
                        .iter()
                        .zip(&eq_cycle)
                        .map(|(col, w)| Pattern {
                            weight: *w,
                            entries: col.iter().map(|&(x, v)| (x as usize, v)).collect(),
                        })
                        .collect(),
                    of_cycle: (0..cols.len()).collect(),
                },
            })
            .collect();
        BooleanityProver {
            ra,
            gamma,
            rho_cycle,
            chunks,
            eq_rows: EqPolynomial::evals(rho_rows),
            r_rows: Vec::new(),
            cycle: None,
        }
    }

    fn address_round(&self) -> Vec<F> {
        let half = self.eq_rows.len() / 2;
        let ts = points::<F>();
        let mut evals = [F::zero(); 4];
        for (chunk, g) in self.chunks.iter().zip(&self.gamma) {
            match chunk {
                BooleanityChunk::OneHot { first, second, .. } => {
                    for x in 0..half {
                        let (e0, e1) = (self.eq_rows[x], self.eq_rows[x + half]);
                        let (f0, f1, s0, s1) =
                            (first[x], first[x + half], second[x], second[x + half]);
                        for (t, out) in ts.iter().zip(evals.iter_mut()) {
                            // eq(t, 0) = 1 − t, eq(t, 1) = t.
                            let (l0, l1) = (F::one() - t, *t);
                            let sum = l0 * (l0 * s0 - f0) + l1 * (l1 * s1 - f1);
                            *out += *g * (e0 + *t * (e1 - e0)) * sum;
                        }
                    }
                }
                BooleanityChunk::Sparse { patterns, .. } => {
                    for p in patterns.iter().filter(|p| !p.weight.is_zero()) {
                        // Group the entries by the rest x' of their row: col(t) = a + t(b − a).
                        let mut groups: Vec<(usize, F, F)> = Vec::new();
                        for &(x, v) in &p.entries {
                            let rest = x % half;
                            let slot = match groups.iter().position(|g| g.0 == rest) {
                                Some(s) => s,
                                None => {
                                    groups.push((rest, F::zero(), F::zero()));
                                    groups.len() - 1
                                }
                            };
                            if x >= half {
                                groups[slot].2 += v;
                            } else {
                                groups[slot].1 += v;
                            }
                        }
                        for (rest, a, b) in groups {
                            let (e0, e1) = (self.eq_rows[rest], self.eq_rows[rest + half]);
                            for (t, e) in ts.iter().zip(evals.iter_mut()) {
                                let col = a + *t * (b - a);
                                let eq = e0 + *t * (e1 - e0);
                                *e += *g * p.weight * eq * (col * col - col);
                            }
                        }
                    }
                }
            }
        }
        evals.to_vec()
    }

    fn bind_address(&mut self, r: F) {
        let half = self.eq_rows.len() / 2;
        fold(&mut self.eq_rows, r);
        self.r_rows.push(r);
        let (l0, l1) = (F::one() - r, r);
        for chunk in &mut self.chunks {
            match chunk {
                BooleanityChunk::OneHot { first, second, .. } => {
                    for x in 0..half {
                        first[x] = l0 * first[x] + l1 * first[x + half];
                        second[x] = l0 * l0 * second[x] + l1 * l1 * second[x + half];
                    }
                    first.truncate(half);
                    second.truncate(half);
                }
                BooleanityChunk::Sparse { patterns, .. } => {
                    for p in patterns.iter_mut() {
                        let mut merged: Vec<(usize, F)> = Vec::with_capacity(p.entries.len());
                        for &(x, v) in &p.entries {
                            let (rest, w) = if x >= half {
                                (x - half, v * r)
                            } else {
                                (x, v * l0)
                            };
                            match merged.iter_mut().find(|e| e.0 == rest) {
                                Some(e) => e.1 += w,
                                None => merged.push((rest, w)),
                            }
                        }
                        p.entries = merged;
                    }
                }
            }
        }
        if self.eq_rows.len() == 1 {
            let chunks = self
                .chunks
                .iter()
                .map(|chunk| match chunk {
                    BooleanityChunk::OneHot { indices, .. } => CycleChunk::Indices(indices),
                    BooleanityChunk::Sparse { patterns, of_cycle } => {
                        let value: Vec<F> = patterns
                            .iter()
                            .map(|p| p.entries.iter().map(|e| e.1).sum())
                            .collect();
                        CycleChunk::Dense(of_cycle.iter().map(|&p| value[p]).collect())
                    }
                })
                .collect();
            self.cycle = Some(CyclePhase {
                rows: EqPolynomial::evals(&self.r_rows),
                chunks,
                eq: EqFactor::new(self.rho_cycle.to_vec()),
                row_scale: self.eq_rows[0],
            });
        }
    }
}

impl<F: PrimeField> SumcheckInstance<F> for BooleanityProver<'_, F> {
    fn num_vars(&self) -> usize {
        self.ra.log_n + self.rho_cycle.len()
    }
    fn degree(&self) -> usize {
        3
    }
    fn claimed_sum(&self) -> F {
        F::zero()
    }
    /// Address rounds as [`BooleanityProver::address_round`]; cycle rounds by
    /// [`CyclePhase::round_evals`].
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        match &self.cycle {
            Some(c) => c.round_evals(&self.gamma, previous_claim),
            None => self.address_round(),
        }
    }
    fn bind(&mut self, r: F) {
        match &mut self.cycle {
            Some(c) => c.bind(r),
            None => self.bind_address(r),
        }
    }
    fn final_evals(&self) -> Vec<F> {
        self.cycle
            .as_ref()
            .expect("every round bound")
            .final_evals()
    }
}

/// The booleanity zero-check over every chunk of `ra` (`num_chunks` matrices of `N×T`),
/// then the Hamming-weight point: `(proof, point (ρ*_k, ρ*_j), evaluations, r'' = ρ*_j)`.
/// Shared by Shout and Twist.
pub(crate) fn prove_one_hot_checks<F: PrimeField>(
    ra: &OneHotAddresses<F>,
    log_t: usize,
    transcript: &mut impl Transcript,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>, Vec<F>) {
    let rho = transcript.challenge_scalars(b"one_hot_booleanity_rho", ra.log_n + log_t);
    let gamma = transcript.challenge_powers(b"one_hot_booleanity_gamma", ra.d());
    let mut booleanity = BooleanityProver::new(ra, &rho, gamma);
    let (proof, point, evals) = prove_sumcheck(&mut booleanity, transcript);
    transcript.append_scalars(b"one_hot_booleanity_evals", &evals);
    let hamming = point[ra.log_n..].to_vec();
    (proof, point, evals, hamming)
}

/// The verifier's side of [`prove_one_hot_checks`] for `num_chunks` matrices with `log N`
/// rows and `log T` columns: `Ok((point, r''))`, or the sumcheck's error, or `Err(None)`
/// when the final claim is not `eq(ρ, point)·Σ_i γ^i (e_i² − e_i)`.
pub(crate) fn verify_one_hot_checks<F: PrimeField>(
    log_n: usize,
    num_chunks: usize,
    log_t: usize,
    proof: &SumcheckProof<F>,
    evals: &[F],
    transcript: &mut impl Transcript,
) -> Result<(Vec<F>, Vec<F>), Option<SumcheckError>> {
    if evals.len() != num_chunks {
        return Err(Some(SumcheckError::Malformed("one evaluation per chunk")));
    }
    let rho: Vec<F> = transcript.challenge_scalars(b"one_hot_booleanity_rho", log_n + log_t);
    let gamma: Vec<F> = transcript.challenge_powers(b"one_hot_booleanity_gamma", num_chunks);
    let (last, point) =
        verify_sumcheck(proof, F::zero(), log_n + log_t, 3, transcript).map_err(Some)?;
    let expected = EqPolynomial::new(rho).evaluate(&point)
        * evals
            .iter()
            .zip(&gamma)
            .map(|(v, g)| *g * (*v * v - v))
            .sum::<F>();
    if last != expected {
        return Err(None);
    }
    transcript.append_scalars(b"one_hot_booleanity_evals", evals);
    let hamming = point[log_n..].to_vec();
    Ok((point, hamming))
}

/// Collects the `3d` claims on the chunk matrices.
fn ra_claims<F: PrimeField>(
    params: &ShoutParams,
    read_point: &[F],
    read_evals: &[F],
    bool_point: &[F],
    bool_evals: &[F],
    hamming_cycle: &[F],
) -> Vec<RaClaim<F>> {
    let (log_n, log_k) = (params.log_n, params.log_k());
    let half = F::from(2u64).inverse().expect("2 is invertible");
    let inv_n = F::from(1u64 << log_n).inverse().expect("N is invertible");
    let mut claims = Vec::with_capacity(3 * params.d);
    for i in 0..params.d {
        claims.push(RaClaim {
            chunk: i,
            check: OneHotCheck::ReadRaf,
            address_point: read_point[i * log_n..(i + 1) * log_n].to_vec(),
            cycle_point: read_point[log_k..].to_vec(),
            value: read_evals[i],
        });
        claims.push(RaClaim {
            chunk: i,
            check: OneHotCheck::Booleanity,
            address_point: bool_point[..log_n].to_vec(),
            cycle_point: bool_point[log_n..].to_vec(),
            value: bool_evals[i],
        });
        claims.push(RaClaim {
            chunk: i,
            check: OneHotCheck::HammingWeight,
            address_point: vec![half; log_n],
            cycle_point: hamming_cycle.to_vec(),
            value: inv_n,
        });
    }
    claims
}

/// Proves that `table[a_j]` was read at each cycle (the addresses `ra`) for the caller's
/// `r_cycle` (drawn after `rv` and `raf` were committed). Returns the proof and the claims
/// on the chunk matrices. A batch of one: see [`prove_shout_batch`].
///
/// # Panics
/// If the parameters are invalid, `ra` is not shaped for them, `table` does not have `K`
/// entries or `r_cycle` does not have `log T` coordinates (the caller's own data).
pub fn prove_shout<F: PrimeField>(
    params: &ShoutParams,
    ra: &OneHotAddresses<F>,
    table: &[F],
    r_cycle: &[F],
    transcript: &mut impl Transcript,
) -> (ShoutProof<F>, ShoutClaims<F>) {
    let (proof, mut claims) = prove_shout_batch(params, &[(ra, table)], r_cycle, transcript);
    (proof, claims.pop().expect("one instance"))
}

/// One instance of a proved batch: its one-hot addresses and its table `Val`.
pub type ShoutInstance<'a, F> = (&'a OneHotAddresses<F>, &'a [F]);

/// Proves several Shout instances of the same sizes that share `r_cycle` (e.g. one per lookup
/// chunk position) with **one** read + raf sumcheck (the instances batched with random
/// coefficients, §4's sumchecks being linear in their claims) and **one** booleanity
/// zero-check over every instance's chunks. The proof's evaluation vectors are
/// instance-major; the claims are returned per instance.
///
/// # Panics
/// As [`prove_shout`], for any instance, or on an empty batch.
pub fn prove_shout_batch<F: PrimeField>(
    params: &ShoutParams,
    instances: &[ShoutInstance<'_, F>],
    r_cycle: &[F],
    transcript: &mut impl Transcript,
) -> (ShoutProof<F>, Vec<ShoutClaims<F>>) {
    assert!(params.valid(), "invalid Shout parameters {params:?}");
    assert!(!instances.is_empty(), "an empty Shout batch");
    assert_eq!(r_cycle.len(), params.log_t);
    for (ra, table) in instances {
        assert!(ra.has_shape(params.log_n, params.d, params.log_t));
        assert_eq!(table.len(), 1 << params.log_k());
    }
    params.absorb(transcript);
    transcript.append_u64(b"shout_batch", instances.len() as u64);
    let eq = EqPolynomial::evals(r_cycle);
    let pushed: Vec<Vec<F>> = instances
        .iter()
        .map(|(ra, _)| pushforward(ra, &eq))
        .collect();
    drop(eq);
    let mut read_claims = Vec::with_capacity(2 * instances.len());
    for (c, (_, table)) in pushed.iter().zip(instances) {
        let rv: F = c.iter().zip(*table).map(|(c, v)| *c * v).sum();
        let raf: F = c
            .iter()
            .enumerate()
            .map(|(k, c)| *c * F::from(k as u64))
            .sum();
        read_claims.extend([rv, raf]);
    }
    transcript.append_scalars(b"shout_read_claims", &read_claims);
    let z: F = transcript.challenge_scalar(b"shout_raf_z");
    let mut provers: Vec<ReadRafProver<'_, F>> = pushed
        .into_iter()
        .zip(instances)
        .enumerate()
        .map(|(i, (c, (ra, table)))| {
            let shifted: Vec<F> = table
                .iter()
                .enumerate()
                .map(|(k, v)| *v + z * F::from(k as u64))
                .collect();
            ReadRafProver {
                ra,
                r_cycle,
                degree: (params.d + 1).max(2),
                claim: read_claims[2 * i] + z * read_claims[2 * i + 1],
                phase: DenseProductSum {
                    factors: vec![c, shifted],
                    terms: vec![(F::one(), vec![0, 1])],
                    degree: 2,
                    claim: F::zero(),
                    eq: None,
                },
                first_cycle: None,
                in_cycle_rounds: false,
                r_addr: Vec::new(),
                table_value: F::zero(),
            }
        })
        .collect();
    let mut dyns: Vec<&mut dyn SumcheckInstance<F>> = provers
        .iter_mut()
        .map(|p| p as &mut dyn SumcheckInstance<F>)
        .collect();
    let (read_raf, read_point, finals) =
        crate::profiled!("shout: read + raf", prove_batched(&mut dyns, transcript));
    drop(dyns);
    drop(provers);
    let read_evals: Vec<F> = finals
        .into_iter()
        .flat_map(|mut f| {
            f.pop(); // the table value: the verifier computes it
            f
        })
        .collect();
    transcript.append_scalars(b"shout_read_ra_evals", &read_evals);

    let all_chunks = OneHotAddresses {
        log_n: params.log_n,
        chunks: instances
            .iter()
            .flat_map(|(ra, _)| ra.chunks.iter().cloned())
            .collect(),
    };
    let (bool_proof, bool_point, bool_evals, hamming) = crate::profiled!(
        "shout: one-hot checks",
        prove_one_hot_checks(&all_chunks, params.log_t, transcript)
    );
    drop(all_chunks);
    let claims = (0..instances.len())
        .map(|i| ShoutClaims {
            ra: ra_claims(
                params,
                &read_point,
                &read_evals[i * params.d..(i + 1) * params.d],
                &bool_point,
                &bool_evals[i * params.d..(i + 1) * params.d],
                &hamming,
            ),
            table_point: read_point[..params.log_k()].to_vec(),
        })
        .collect();
    let proof = ShoutProof {
        read_raf,
        read_ra_evals: read_evals,
        booleanity: bool_proof,
        booleanity_ra_evals: bool_evals,
    };
    (proof, claims)
}

/// Verifies a Shout proof for reads with `rv~(r_cycle) = rv_claim` and
/// `raf~(r_cycle) = raf_claim`; `table_mle` evaluates `Val~` (the verifier's own: a structured
/// table's formula, or a public table's MLE). Returns the claims on the chunk matrices, which
/// the caller must open against their commitments.
pub fn verify_shout<F: PrimeField>(
    params: &ShoutParams,
    proof: &ShoutProof<F>,
    table_mle: impl Fn(&[F]) -> F,
    r_cycle: &[F],
    rv_claim: F,
    raf_claim: F,
    transcript: &mut impl Transcript,
) -> Result<ShoutClaims<F>, ShoutError> {
    let table_mle: &dyn Fn(&[F]) -> F = &table_mle;
    let mut claims = verify_shout_batch(
        params,
        proof,
        &[(table_mle, rv_claim, raf_claim)],
        r_cycle,
        transcript,
    )?;
    Ok(claims.pop().expect("one instance"))
}

/// One instance of a verified batch: `(Val~, rv~(r_cycle), raf~(r_cycle))`.
pub type ShoutInstanceClaim<'a, F> = (&'a dyn Fn(&[F]) -> F, F, F);

/// Verifies a [`prove_shout_batch`] proof: per instance, its table MLE and its `rv`, `raf`
/// claims at the shared `r_cycle`. Returns each instance's claims on its chunk matrices.
pub fn verify_shout_batch<F: PrimeField>(
    params: &ShoutParams,
    proof: &ShoutProof<F>,
    instances: &[ShoutInstanceClaim<'_, F>],
    r_cycle: &[F],
    transcript: &mut impl Transcript,
) -> Result<Vec<ShoutClaims<F>>, ShoutError> {
    if !params.valid() || r_cycle.len() != params.log_t || instances.is_empty() {
        return Err(ShoutError::Malformed("parameters or r_cycle"));
    }
    let evals = instances.len() * params.d;
    if proof.read_ra_evals.len() != evals || proof.booleanity_ra_evals.len() != evals {
        return Err(ShoutError::Malformed("one evaluation per chunk"));
    }
    params.absorb(transcript);
    transcript.append_u64(b"shout_batch", instances.len() as u64);
    let read_claims: Vec<F> = instances
        .iter()
        .flat_map(|&(_, rv, raf)| [rv, raf])
        .collect();
    transcript.append_scalars(b"shout_read_claims", &read_claims);
    let z: F = transcript.challenge_scalar(b"shout_raf_z");
    let log_k = params.log_k();
    let claims: Vec<F> = instances.iter().map(|&(_, rv, raf)| rv + z * raf).collect();
    let num_vars = vec![log_k + params.log_t; instances.len()];
    let out = verify_batched(
        &proof.read_raf,
        &claims,
        &num_vars,
        (params.d + 1).max(2),
        transcript,
    )
    .map_err(ShoutError::ReadRafSumcheck)?;
    let (r_addr, r_cycle_bound) = out.point.split_at(log_k);
    let eq = EqPolynomial::new(r_cycle.to_vec()).evaluate(r_cycle_bound);
    let iota = int_mle(r_addr);
    let expected: F = instances
        .iter()
        .zip(proof.read_ra_evals.chunks(params.d))
        .zip(&out.coeffs)
        .map(|(((table_mle, _, _), ra), coeff)| {
            *coeff * eq * ra.iter().product::<F>() * (table_mle(r_addr) + z * iota)
        })
        .sum();
    if out.final_claim != expected {
        return Err(ShoutError::ReadRafFinal);
    }
    transcript.append_scalars(b"shout_read_ra_evals", &proof.read_ra_evals);

    let (bool_point, hamming) = verify_one_hot_checks(
        params.log_n,
        evals,
        params.log_t,
        &proof.booleanity,
        &proof.booleanity_ra_evals,
        transcript,
    )
    .map_err(|e| e.map_or(ShoutError::BooleanityFinal, ShoutError::BooleanitySumcheck))?;
    Ok((0..instances.len())
        .map(|i| ShoutClaims {
            ra: ra_claims(
                params,
                &out.point,
                &proof.read_ra_evals[i * params.d..(i + 1) * params.d],
                &bool_point,
                &proof.booleanity_ra_evals[i * params.d..(i + 1) * params.d],
                &hamming,
            ),
            table_point: r_addr.to_vec(),
        })
        .collect())
}

/// Plays the PCS's role in tests: checks every claim against the matrices themselves.
pub fn check_ra_claims<F: PrimeField>(
    ra: &OneHotAddresses<F>,
    claims: &[RaClaim<F>],
) -> Result<(), ShoutError> {
    for c in claims {
        let chunk = ra
            .chunks
            .get(c.chunk)
            .ok_or(ShoutError::Malformed("claim on a missing chunk"))?;
        if chunk.evaluate(&c.address_point, &c.cycle_point) != c.value {
            return Err(ShoutError::RaClaimFalse {
                chunk: c.chunk,
                check: c.check,
            });
        }
    }
    Ok(())
}
