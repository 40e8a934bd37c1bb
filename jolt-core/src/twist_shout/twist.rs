//! Twist: read-write memory checking with one-hot addresses and increments (Setty–Thaler,
//! ePrint 2025/105, §5 Fig. 9, prover §8; see `paper-notes/twist-and-shout.md`).
//!
//! `T = 2^{log T}` cycles over a memory of `K = N^d` cells. Cycle `j` reads `R` cells
//! `a_f(j)` (values `rv_f(j)`) and then writes `wv(j)` to cell `w(j)`. `Val(k, j)` is cell
//! `k` at the *start* of cycle `j`, `Val(k, 0) = init(k)`, and the committed increment is
//! `Inc(j) = wv(j) − Val(w(j), j)`, so `Val(k, j) = init(k) + Σ_{j' < j} Inc(j')·[w(j') = k]`.
//! `Val` and `wv` are virtual; the prover commits the one-hot chunks of every read and write
//! address and `Inc`. In one transcript, for the caller's `r_cycle` (drawn after `rv_f`,
//! `wv`, `raf_f`, `raf_w` were fixed):
//!
//! 1. **Read + write checking** (eqs. 33–34 with Jolt's write-value form and the raf terms
//!    batched in): with `γ` powers and `ζ` drawn after the claims,
//!    `Σ_f γ^f (rv_f + ζ·raf_f)(r_cycle) + γ^R (wv + ζ·raf_w)(r_cycle) =
//!     Σ_{k,j} eq(r_cycle, j)·[Σ_f γ^f ra_f(k,j)·(Val(k,j) + ζ·int(k)) + γ^R wa(k,j)·(Val(k,j) + Inc(j) + ζ·int(k))]`,
//!    `log K` address rounds (degree 2) then `log T` cycle rounds (degree `d + 2`). Ends in
//!    claims on every chunk, on `Inc`, and the virtual `Val~(r_addr, r*)`.
//! 2. **Output check**: for `r_o` drawn now, `Σ_k eq(r_o, k)·mask(k)·Val_final(k) =
//!    Σ_{k ∈ region} eq(r_o, k)·expected(k)` (degree 3, `log K` rounds): the final memory on
//!    the public output region is the expected one. Ends in the virtual `Val_final~(r_f)`.
//!    Without an output region (the zkVM's registers) there is nothing to check: the step and
//!    the `γ_v` term below are left out, and a proof that carries them is malformed.
//! 3. **Val evaluation** (eq. 11, with Jolt's final-memory form batched in by `γ_v`):
//!    `Val~(r_addr, r*) − init~(r_addr) + γ_v·(Val_final~(r_f) − init~(r_f)) =
//!     Σ_j Inc(j)·[wa~(r_addr, j)·LT~(j, r*) + γ_v·wa~(r_f, j)]` (degree `d + 2`, `log T`
//!    rounds). `init~` is the verifier's own (the public initial memory).
//! 4. **One-hot checks** (booleanity + Hamming weight) on every chunk, shared with Shout.
//!
//! **Prover cost.** Address rounds run as one sweep over the trace per round (§8.2.5, the
//! "alternative algorithm"): a table of the memory with the bound address bits folded in,
//! `K/2^m` entries, is rebuilt from `init` and updated at each write, and each access reads
//! its two entries: `O(K/2^m + (R+1)·T)` per round, `O(K + T·log K)` in all, never `K·T`.
//! An access's weight is `γ^f·eq(r_cycle, j)·eq(r_b, its bound high bits)`; the last factor
//! is common to every access with the same high bits, so the sweep sums each high-bits
//! class apart and multiplies by `eq(r_b, ·)` once per class. An access only adds its weight
//! to its address's pending sums, which meet the table values when those are about to change
//! (a non-zero write to the address's class) or at the end: a run of accesses to one address
//! costs one or two multiplications, a write with a zero increment nothing. The small
//! registers' first cycle round reads each access's chunk product from a `K²`-entry table
//! at the pair's addresses. The cycle rounds are one dense sum of products with
//! `eq(r_cycle, ·)` split out (Gruen), over the `d·(R+1)` chunk vectors and `Val`,
//! `Val + Inc`. A write to the addresses of a read family (the zkVM's
//! registers and RAM) shares that family's chunks: one access and one product stand for both,
//! over `γ^a·Val + γ^R·(Val + Inc)`.

use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sumcheck::{
    prove_sumcheck, verify_sumcheck, EqPolynomial, SumcheckError, SumcheckInstance, SumcheckProof,
    Transcript,
};

use super::dense::{extend_evals, fold, gather_pairs, pair_table, DenseProductSum, EqFactor};
use super::one_hot::{OneHotAddresses, RaChunk};
use super::shout::{int_mle, prove_one_hot_checks, verify_one_hot_checks, OneHotCheck, RaClaim};

/// The sizes of a Twist instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TwistParams {
    /// Bits per address chunk (`1..=16`).
    pub log_n: usize,
    /// Chunks `d ≥ 1`; `K = 2^{d·log N}` cells.
    pub d: usize,
    /// `log2 T`.
    pub log_t: usize,
    /// Reads per cycle `R ≥ 1` (registers: 2; RAM: 1).
    pub num_reads: usize,
}

impl TwistParams {
    /// `log2 K`.
    pub fn log_k(&self) -> usize {
        self.d * self.log_n
    }

    /// Address families: the `R` reads, then the write.
    fn families(&self) -> usize {
        self.num_reads + 1
    }

    fn valid(&self) -> bool {
        (1..=16).contains(&self.log_n) && self.d >= 1 && self.log_k() <= 26 && self.num_reads >= 1
    }

    fn absorb(&self, transcript: &mut impl Transcript) {
        transcript.append_u64(b"twist_log_n", self.log_n as u64);
        transcript.append_u64(b"twist_d", self.d as u64);
        transcript.append_u64(b"twist_log_t", self.log_t as u64);
        transcript.append_u64(b"twist_num_reads", self.num_reads as u64);
    }
}

/// The prover's view of a memory trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwistWitness<F> {
    /// `reads[f][j] = a_f(j)`.
    pub reads: Vec<Vec<u64>>,
    /// `writes[j] = w(j)`.
    pub writes: Vec<u64>,
    /// `Inc(j)`.
    pub inc: Vec<F>,
    /// The initial memory the prover uses (`K` cells); honest: the public one.
    pub init: Vec<F>,
    /// The final memory the output check uses (`K` cells); honest: after the last write.
    pub final_memory: Vec<F>,
}

impl<F: PrimeField> TwistWitness<F> {
    /// The honest witness of a run: each cycle reads `reads[f][j]`, then writes
    /// `write_values[j]` to `writes[j]`, starting from `init`.
    pub fn from_run(
        init: Vec<F>,
        reads: Vec<Vec<u64>>,
        writes: Vec<u64>,
        write_values: &[F],
    ) -> Self {
        let mut memory = init.clone();
        let inc = writes
            .iter()
            .zip(write_values)
            .map(|(&w, v)| {
                let inc = *v - memory[w as usize];
                memory[w as usize] = *v;
                inc
            })
            .collect();
        TwistWitness {
            reads,
            writes,
            inc,
            init,
            final_memory: memory,
        }
    }

    /// Replays the trace from the witness's own `init`: `(rv_f(j) per family, wv(j))`.
    pub fn replay(&self) -> (Vec<Vec<F>>, Vec<F>) {
        let mut memory = self.init.clone();
        let mut rv = vec![Vec::with_capacity(self.writes.len()); self.reads.len()];
        let mut wv = Vec::with_capacity(self.writes.len());
        for (j, &w) in self.writes.iter().enumerate() {
            for (f, reads) in self.reads.iter().enumerate() {
                rv[f].push(memory[reads[j] as usize]);
            }
            memory[w as usize] += self.inc[j];
            wv.push(memory[w as usize]);
        }
        (rv, wv)
    }

    /// Every family's one-hot chunks, reads first, then the write: chunk `f·d + i` is
    /// chunk `i` of family `f`.
    pub fn one_hot(&self, params: &TwistParams) -> Option<OneHotAddresses<F>> {
        let mut chunks = Vec::with_capacity(params.families() * params.d);
        for addresses in self.reads.iter().chain(std::iter::once(&self.writes)) {
            chunks.extend(OneHotAddresses::encode(addresses, params.log_n, params.d)?.chunks);
        }
        Some(OneHotAddresses {
            log_n: params.log_n,
            chunks,
        })
    }

    fn has_shape(&self, params: &TwistParams) -> bool {
        let (t, k) = (1usize << params.log_t, 1usize << params.log_k());
        self.reads.len() == params.num_reads
            && self.reads.iter().all(|r| r.len() == t)
            && self.writes.len() == t
            && self.inc.len() == t
            && self.init.len() == k
            && self.final_memory.len() == k
    }
}

/// The public output region: the final memory must hold `values` at `start..`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputRegion<F> {
    /// The first cell.
    pub start: usize,
    /// The expected final contents.
    pub values: Vec<F>,
}

impl<F: PrimeField> OutputRegion<F> {
    /// `Σ_i eq(r, start + i)·weights(i)`.
    fn sparse_mle(&self, r: &[F], weight: impl Fn(usize) -> F) -> F {
        let n = r.len();
        (0..self.values.len())
            .map(|i| {
                let k = self.start + i;
                let eq: F = r
                    .iter()
                    .enumerate()
                    .map(|(b, x)| {
                        if (k >> (n - 1 - b)) & 1 == 1 {
                            *x
                        } else {
                            F::one() - x
                        }
                    })
                    .product();
                eq * weight(i)
            })
            .sum()
    }
}

/// A Twist proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct TwistProof<F: PrimeField> {
    /// Read + write checking.
    pub read_write: SumcheckProof<F>,
    /// `ra~_{f,i}(r_addr,i, r*)`, family-major.
    pub read_chunk_evals: Vec<F>,
    /// `wa~_i(r_addr,i, r*)`.
    pub write_chunk_evals: Vec<F>,
    /// `Val~(r_addr, r*)` (virtual: proven by the Val check).
    pub val_eval: F,
    /// `Inc~(r*)`.
    pub inc_eval: F,
    /// The output check.
    pub output: SumcheckProof<F>,
    /// `Val_final~(r_f)` (virtual: proven by the Val check).
    pub final_eval: F,
    /// The Val check (current and final values at once).
    pub val_check: SumcheckProof<F>,
    /// `wa~_i(r_addr,i, r**)`.
    pub val_check_write_evals: Vec<F>,
    /// `wa~_i(r_f,i, r**)`.
    pub final_check_write_evals: Vec<F>,
    /// `Inc~(r**)`.
    pub val_check_inc_eval: F,
    /// Booleanity over every chunk.
    pub booleanity: SumcheckProof<F>,
    /// Every chunk at the booleanity point.
    pub booleanity_evals: Vec<F>,
}

/// What a Twist proof leaves to the caller's opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwistClaims<F> {
    /// Claims on the chunks (chunk `f·d + i` is chunk `i` of family `f`, the write last).
    pub chunks: Vec<RaClaim<F>>,
    /// Claims `Inc~(point) = value`.
    pub inc: Vec<(Vec<F>, F)>,
}

/// Why a Twist proof was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TwistError {
    /// Wrong parameters or vector lengths.
    #[error("malformed Twist proof: {0}")]
    Malformed(&'static str),
    /// Read + write checking failed in a round.
    #[error("Twist read/write checking: {0}")]
    ReadWriteSumcheck(SumcheckError),
    /// Read + write checking's final claim does not match the stated evaluations.
    #[error("Twist read/write checking: the final claim does not match the evaluations")]
    ReadWriteFinal,
    /// The output check failed in a round.
    #[error("Twist output check: {0}")]
    OutputSumcheck(SumcheckError),
    /// The output check's final claim does not match.
    #[error("Twist output check: the final memory differs from the public output region")]
    OutputFinal,
    /// The Val check failed in a round.
    #[error("Twist Val evaluation: {0}")]
    ValCheckSumcheck(SumcheckError),
    /// The Val check's final claim does not match (e.g. another initial memory).
    #[error("Twist Val evaluation: the final claim does not match the evaluations")]
    ValCheckFinal,
    /// The booleanity check failed in a round.
    #[error("Twist booleanity: {0}")]
    BooleanitySumcheck(SumcheckError),
    /// The booleanity check's final claim does not match.
    #[error("Twist booleanity: the final claim does not match the chunk evaluations")]
    BooleanityFinal,
    /// A claim on a chunk or on `Inc` is false (raised by the opening or [`check_twist_claims`]).
    #[error("Twist: a claim on {0} is not the committed polynomial's evaluation")]
    ClaimFalse(String),
}

/// `LT~(j, r)` for every Boolean `j` (MSB-first): `LT(j, y) = [int(j) < int(y)]`.
pub fn lt_table<F: PrimeField>(r: &[F]) -> Vec<F> {
    let mut table = vec![F::zero()];
    for &ri in r.iter().rev() {
        let mut next = Vec::with_capacity(2 * table.len());
        next.extend(table.iter().map(|o| ri + (F::one() - ri) * o));
        next.extend(table.iter().map(|o| ri * o));
        table = next;
    }
    table
}

/// `LT~(x, y) = Σ_i (1 − x_i)·y_i·Π_{i' < i} eq(x_{i'}, y_{i'})` (MSB-first), in `O(n)`.
pub fn lt_mle<F: PrimeField>(x: &[F], y: &[F]) -> F {
    x.iter().zip(y).rev().fold(F::zero(), |acc, (x, y)| {
        (F::one() - x) * y + (*x * y + (F::one() - x) * (F::one() - y)) * acc
    })
}

/// Read + write checking's prover: the sweep over the trace in the address rounds, dense
/// cycle rounds after.
struct ReadWriteProver<'a, F: PrimeField> {
    params: TwistParams,
    w: &'a TwistWitness<F>,
    one_hot: &'a OneHotAddresses<F>,
    gamma: Vec<F>,
    zeta: F,
    claim: F,
    /// `r_cycle` (the cycle rounds' `eq` factor).
    r_cycle: Vec<F>,
    r_addr: Vec<F>,
    int_bound: F,
    /// The address rounds' access families: each read family, then the write unless it is
    /// aliased. Family `f`'s access at cycle `j` weighs `base[f][j]·eq(r_b, high bits)`:
    /// `base[f][j] = γ^f·eq(r_cycle, j)`, the aliased read family's `(γ^a + γ^R)·eq(r_cycle, j)`
    /// (its access stands for the write's too).
    base: Vec<Vec<F>>,
    /// `γ^R·eq(r_cycle, j)·Inc(j)`: the write's increment term, carried by the write's family
    /// (the aliased read family, or the write itself).
    inc_term: Vec<F>,
    init_bound: Vec<F>,
    /// Whether the first cycle round may read the chunk indices ([`IndexedCycleRound`]).
    indexed: bool,
    /// The first cycle round from the chunk indices (small memories, honest chunks).
    first_cycle: Option<IndexedCycleRound<'a, F>>,
    cycle: Option<DenseProductSum<F>>,
    /// `wa~_i(r_addr,i, ·)`, kept for the Val check.
    write_chunks: Vec<Vec<F>>,
    /// The read family whose addresses the write's are, if any.
    alias: Option<usize>,
}

impl<'a, F: PrimeField> ReadWriteProver<'a, F> {
    fn address(&self, family: usize, j: usize) -> usize {
        if family < self.params.num_reads {
            self.w.reads[family][j] as usize
        } else {
            self.w.writes[j] as usize
        }
    }

    /// `s(0), s(1), s(2)` of the current address round by one sweep over the trace. An access
    /// of family `f` at cycle `j` to address `a` (bit `b` being bound, low bits `lo`) adds
    /// `eq(t, b)·E[hi]·(base_f(j)·V(t) + [carrier]·inc_term(j))` with `V(t) = Val(t) + ζ·int(t)`
    /// read from the folded table and `E = eq(r_b, ·)` over the bound high bits (rebuilt from
    /// `r_b`, `2^m` entries), summed per `hi` before `E[hi]` multiplies, and per address
    /// until its table values change ([`PendingSums`]): nothing to bind. `s(1) = previous −
    /// s(0)`.
    fn address_round(&self, previous: F) -> [F; 3] {
        let rem = self.params.log_k() - self.r_addr.len();
        let half = 1usize << (rem - 1);
        let mut table = self.init_bound.clone();
        let bound = EqPolynomial::evals(&self.r_addr);
        // ζ·int~(r_b, 0, lo) for every lo, and ζ·2^{rem−1} for the bit being bound.
        let mut zeta_int = Vec::with_capacity(half);
        let mut z = self.zeta * self.int_bound * F::from(1u64 << rem);
        for _ in 0..half {
            zeta_int.push(z);
            z += self.zeta;
        }
        let zeta_step2 = (self.zeta * F::from(half as u64)).double();
        let carrier = self.alias.unwrap_or(self.params.num_reads);
        // E[hi] is factored out: an address's terms add to its high bits' sums `acc[hi]`, and
        // `s = Σ_hi E[hi]·acc[hi]` at the end. An access only adds its weight to its address's
        // pending sums (`pending[a] = (Σ base, Σ inc_term)`): they are multiplied by the table
        // values when those are about to change (a non-zero write to the address's table
        // class `lo`) or at the end, so a run of accesses to one address between such writes
        // (the no-op RAM accesses to word 0, a hot register) costs one or two multiplications.
        let mut acc = vec![[F::zero(); 2]; bound.len()];
        let mut pending = PendingSums::new(1 << self.params.log_k(), half);
        // The class's two table values at t = 0 and t = 2 (with ζ·int), for a flush.
        let values = |table: &[F], lo: usize| {
            let (v0, v1) = (table[lo], table[half + lo]);
            (
                v0 + zeta_int[lo],
                v1.double() - v0 + zeta_int[lo] + zeta_step2,
            )
        };
        for j in 0..self.w.writes.len() {
            for (f, base) in self.base.iter().enumerate() {
                let a = self.address(f, j);
                let inc = (f == carrier).then(|| self.inc_term[j]);
                pending.add(a, a & (half - 1), base[j], inc);
            }
            let inc = self.w.inc[j];
            if !inc.is_zero() {
                let w = self.w.writes[j] as usize;
                let lo = w & (half - 1);
                pending.flush(lo, values(&table, lo), rem, &mut acc);
                table[w & (2 * half - 1)] += inc * bound[w >> rem];
            }
        }
        for lo in 0..half {
            pending.flush(lo, values(&table, lo), rem, &mut acc);
        }
        let mut s = [F::zero(); 3];
        for (e, [s0, s2]) in bound.iter().zip(&acc) {
            s[0] += *e * s0;
            s[2] += *e * s2;
        }
        s[1] = previous - s[0];
        s
    }

    fn start_cycle_rounds(&mut self) {
        let (d, log_n, reads) = (self.params.d, self.params.log_n, self.params.num_reads);
        let iota = self.int_bound;
        // A write to the address a read family reads (registers: `rd`; RAM: the word) has that
        // family's chunks: its term shares their product.
        let families = if self.alias.is_some() {
            reads
        } else {
            reads + 1
        };
        let write_family = self.alias.unwrap_or(reads);
        let one_hot: &'a OneHotAddresses<F> = self.one_hot;
        // Honest chunks of a memory of at most 2^6 cells take the indexed first cycle round:
        // only the write family's chunks are built at full length (the Val check reads them).
        let indices: Option<Vec<&'a [u16]>> = (self.indexed
            && self.params.log_k() <= MAX_INDEXED_ADDRESS_BITS
            && self.w.writes.len() >= 2)
            .then(|| {
                one_hot.chunks[..families * d]
                    .iter()
                    .map(|c| match c {
                        RaChunk::OneHot(idx) => Some(idx.as_slice()),
                        RaChunk::Sparse(_) => None,
                    })
                    .collect()
            })
            .flatten();
        let mut factors = Vec::with_capacity(families * d + 3);
        for f in 0..families {
            for i in 0..d {
                if indices.is_none() || f == write_family {
                    let rho = &self.r_addr[i * log_n..(i + 1) * log_n];
                    factors.push(one_hot.chunks[f * d + i].bind_rows(rho));
                } else {
                    factors.push(Vec::new());
                }
            }
        }
        self.write_chunks = factors[write_family * d..(write_family + 1) * d].to_vec();
        let full = EqPolynomial::evals(&self.r_addr);
        let write_eq: Vec<F> = self.w.writes.iter().map(|&w| full[w as usize]).collect();
        drop(full);
        let mut current = self.init_bound[0];
        let mut val_read = Vec::with_capacity(write_eq.len());
        let mut val_write = Vec::with_capacity(write_eq.len());
        for (j, e) in write_eq.iter().enumerate() {
            val_read.push(current + self.zeta * iota);
            val_write.push(current + self.w.inc[j] + self.zeta * iota);
            current += self.w.inc[j] * e;
        }
        let val_read_at = families * d;
        let terms = match self.alias {
            // γ^a·Π ra_a·Val + γ^R·Π ra_a·(Val + Inc) = Π ra_a·(γ^a·Val + γ^R·(Val + Inc)): one
            // product for both, over the combined value vector (the last factor).
            Some(a) => {
                let (g_read, g_write) = (self.gamma[a], self.gamma[reads]);
                let combined: Vec<F> = val_read
                    .iter()
                    .zip(&val_write)
                    .map(|(r, w)| g_read * r + g_write * w)
                    .collect();
                factors.push(val_read);
                factors.push(val_write);
                factors.push(combined);
                (0..reads)
                    .map(|f| {
                        let mut t: Vec<usize> = (f * d..(f + 1) * d).collect();
                        if f == a {
                            t.push(val_read_at + 2);
                            (F::one(), t)
                        } else {
                            t.push(val_read_at);
                            (self.gamma[f], t)
                        }
                    })
                    .collect()
            }
            None => {
                factors.push(val_read);
                factors.push(val_write);
                (0..=reads)
                    .map(|f| {
                        let mut t: Vec<usize> = (f * d..(f + 1) * d).collect();
                        t.push(if f == reads {
                            val_read_at + 1
                        } else {
                            val_read_at
                        });
                        (self.gamma[f], t)
                    })
                    .collect()
            }
        };
        // `eq(r_cycle, ·)` multiplies every term: split out of the product.
        let eq = EqFactor::new(std::mem::take(&mut self.r_cycle));
        if let Some(indices) = indices {
            let values = factors.split_off(families * d);
            self.first_cycle = Some(IndexedCycleRound {
                rows: (0..d)
                    .map(|i| EqPolynomial::evals(&self.r_addr[i * log_n..(i + 1) * log_n]))
                    .collect(),
                indices,
                values,
                terms,
                eq,
                d,
            });
            return;
        }
        self.cycle = Some(DenseProductSum {
            factors,
            terms,
            degree: d + 2,
            claim: F::zero(),
            eq: Some(eq),
        });
    }
}

/// The address rounds' accesses waiting for their table values: per address `a`, the sums
/// `(Σ base_f(j), Σ inc_term(j))` of its accesses since its class `lo` (the address's bits
/// below the one being bound) last changed, and per class the list of addresses that have
/// some (intrusive, through `next`).
struct PendingSums<F> {
    sums: Vec<(F, F)>,
    head: Vec<u32>,
    next: Vec<u32>,
    queued: Vec<bool>,
}

impl<F: PrimeField> PendingSums<F> {
    const NONE: u32 = u32::MAX;

    fn new(cells: usize, classes: usize) -> Self {
        PendingSums {
            sums: vec![(F::zero(), F::zero()); cells],
            head: vec![Self::NONE; classes],
            next: vec![Self::NONE; cells],
            queued: vec![false; cells],
        }
    }

    /// An access to `a` (class `lo`) with weight `base`, carrying `inc` for the write's term.
    fn add(&mut self, a: usize, lo: usize, base: F, inc: Option<F>) {
        let entry = &mut self.sums[a];
        entry.0 += base;
        if let Some(inc) = inc {
            entry.1 += inc;
        }
        if !self.queued[a] {
            self.queued[a] = true;
            self.next[a] = self.head[lo];
            self.head[lo] = a as u32;
        }
    }

    /// Adds class `lo`'s pending sums into `acc[hi]` at the class's current values
    /// `(V(0), V(2))` and empties them: `eq(t, b)` is `1 − t` or `t`, zero at `t = 1 − b`, so
    /// an address adds to two of the three points, and `s(1)` comes from the claim.
    fn flush(&mut self, lo: usize, (value0, value2): (F, F), rem: usize, acc: &mut [[F; 2]]) {
        let mut a = self.head[lo];
        while a != Self::NONE {
            let address = a as usize;
            let (weight, inc) = std::mem::take(&mut self.sums[address]);
            self.queued[address] = false;
            let sums = &mut acc[address >> rem];
            if (address >> (rem - 1)) & 1 == 0 {
                sums[0] += weight * value0 + inc;
                sums[1] -= weight * value2 + inc;
            } else {
                sums[1] += (weight * value2 + inc).double();
            }
            a = self.next[address];
        }
        self.head[lo] = Self::NONE;
    }
}

/// Memories of at most this many address bits take [`IndexedCycleRound`] (its table has
/// `K²` entries per point).
const MAX_INDEXED_ADDRESS_BITS: usize = 6;

/// The first cycle round of read + write checking on honest chunks of a small memory (the
/// registers). With the address bits bound to `r_addr`, the chunk product of a family's
/// access to `a` is `Π_i e_i[c_i(a)]` with `e_i = eq(r_addr,i, ·)`: a pair of cycles
/// `(x, x + ½)` with addresses `(a, b)` reads its product's values at the round's points
/// from one `K²`-entry table shared by every family, and only the value factor (`Val`,
/// `Val + Inc` or their combination) is interpolated. Binding `r` builds the dense chunk
/// factors from `N²`-entry tables. The messages are those of the dense round.
struct IndexedCycleRound<'a, F> {
    /// `e_i` for each chunk position `i` (`N` entries).
    rows: Vec<Vec<F>>,
    /// Chunk `f·d + i`'s indices (family `f`, position `i`).
    indices: Vec<&'a [u16]>,
    /// The value factors, numbered after the `families·d` chunks as in `terms`.
    values: Vec<Vec<F>>,
    /// `(coefficient, [family's chunks…, value factor])` as [`DenseProductSum`] takes them.
    terms: Vec<(F, Vec<usize>)>,
    eq: EqFactor<F>,
    d: usize,
}

impl<F: PrimeField> IndexedCycleRound<'_, F> {
    /// The address of family `f`'s access at cycle `x`, from its chunk indices.
    fn address(&self, f: usize, x: usize) -> usize {
        let n_bits = self.rows[0].len().trailing_zeros();
        (0..self.d).fold(0, |a, i| {
            (a << n_bits) | self.indices[f * self.d + i][x] as usize
        })
    }

    /// `Σ_x rest(x)·Σ_terms c·Π_i line_i(x, t)·value(x, t)` at each of `points`.
    fn sums(&self, rest: &[F], points: &[u64]) -> Vec<F> {
        let (d, m) = (self.d, points.len());
        let n = self.rows[0].len();
        let k = n.pow(d as u32);
        let ts: Vec<F> = points.iter().map(|&t| F::from(t)).collect();
        // products[(a·K + b)·m + p] = Π_i (e_i[c_i(a)] + t_p·(e_i[c_i(b)] − e_i[c_i(a)])).
        let chunk = |a: usize, i: usize| (a / n.pow((d - 1 - i) as u32)) % n;
        let mut products = vec![F::one(); k * k * m];
        for a in 0..k {
            for b in 0..k {
                let at = (a * k + b) * m;
                for (i, e) in self.rows.iter().enumerate() {
                    let (lo, hi) = (e[chunk(a, i)], e[chunk(b, i)]);
                    for (p, t) in ts.iter().enumerate() {
                        products[at + p] *= lo + *t * (hi - lo);
                    }
                }
            }
        }
        let half = rest.len();
        let per_term = sumcheck::sum_over_pairs(
            half,
            m * self.terms.len(),
            |x, acc: &mut [F], _: &mut ()| {
                for (term, (_, factors)) in self.terms.iter().enumerate() {
                    let family = factors[0] / d;
                    let v = &self.values[factors[d] - self.indices.len()];
                    let (a, b) = (self.address(family, x), self.address(family, x + half));
                    let product = &products[(a * k + b) * m..(a * k + b + 1) * m];
                    // The value's line at the (increasing) points, by additions.
                    let (step, mut value, mut at) = (v[x + half] - v[x], v[x], 0);
                    for (p, &t) in points.iter().enumerate() {
                        while at < t {
                            value += step;
                            at += 1;
                        }
                        acc[term * m + p] += rest[x] * (product[p] * value);
                    }
                }
            },
        );
        (0..m)
            .map(|p| {
                self.terms
                    .iter()
                    .enumerate()
                    .map(|(term, (c, _))| *c * per_term[term * m + p])
                    .sum()
            })
            .collect()
    }

    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        self.eq.message(previous_claim, self.d + 2, |points| {
            self.sums(self.eq.rest(), points)
        })
    }

    /// The dense cycle rounds after binding the first cycle variable to `r`.
    fn bind(mut self, r: F) -> DenseProductSum<F> {
        let tables: Vec<Vec<F>> = self.rows.iter().map(|e| pair_table(e, r)).collect();
        let n = self.rows[0].len();
        let mut factors: Vec<Vec<F>> = self
            .indices
            .iter()
            .enumerate()
            .map(|(c, idx)| gather_pairs(&tables[c % self.d], n, idx))
            .collect();
        for mut v in std::mem::take(&mut self.values) {
            fold(&mut v, r);
            factors.push(v);
        }
        self.eq.bind(r);
        DenseProductSum {
            factors,
            terms: self.terms,
            degree: self.d + 2,
            claim: F::zero(),
            eq: Some(self.eq),
        }
    }
}

impl<F: PrimeField> SumcheckInstance<F> for ReadWriteProver<'_, F> {
    fn num_vars(&self) -> usize {
        self.params.log_k() + self.params.log_t
    }
    fn degree(&self) -> usize {
        self.params.d + 2
    }
    fn claimed_sum(&self) -> F {
        self.claim
    }
    fn round_evals(&self, previous_claim: F) -> Vec<F> {
        if let Some(first) = &self.first_cycle {
            return first.round_evals(previous_claim);
        }
        match &self.cycle {
            Some(c) => c.round_evals(previous_claim),
            None => extend_evals(self.address_round(previous_claim).to_vec(), self.degree()),
        }
    }
    fn bind(&mut self, r: F) {
        if let Some(first) = self.first_cycle.take() {
            self.cycle = Some(first.bind(r));
            return;
        }
        if let Some(c) = &mut self.cycle {
            c.bind(r);
            return;
        }
        fold(&mut self.init_bound, r);
        self.int_bound = self.int_bound.double() + r;
        self.r_addr.push(r);
        if self.r_addr.len() == self.params.log_k() {
            self.start_cycle_rounds();
        }
    }
    /// `[eq, read chunks, write chunks, Val, Val + Inc]` (with an aliased write, its chunks'
    /// values are its family's).
    fn final_evals(&self) -> Vec<F> {
        let Some(c) = &self.cycle else {
            return Vec::new();
        };
        let finals = c.final_evals();
        let Some(a) = self.alias else {
            return finals;
        };
        let (d, reads) = (self.params.d, self.params.num_reads);
        let mut out = finals[..1 + reads * d].to_vec();
        out.extend_from_slice(&finals[1 + a * d..1 + (a + 1) * d]);
        out.extend_from_slice(&finals[1 + reads * d..3 + reads * d]);
        out
    }
}

/// The honest claims on `rv_f`, `wv`, `raf_f`, `raf_w` at `r_cycle`, in the order
/// [`verify_twist`] takes them (replayed from the witness's own initial memory).
pub fn access_claims<F: PrimeField>(w: &TwistWitness<F>, r_cycle: &[F]) -> Vec<F> {
    let eq = EqPolynomial::evals(r_cycle);
    let mle = |v: &mut dyn Iterator<Item = F>| -> F { eq.iter().zip(v).map(|(e, x)| *e * x).sum() };
    let (rv, wv) = w.replay();
    let mut claims: Vec<F> = rv.iter().map(|v| mle(&mut v.iter().copied())).collect();
    claims.push(mle(&mut wv.iter().copied()));
    for addresses in w.reads.iter().chain(std::iter::once(&w.writes)) {
        claims.push(mle(&mut addresses.iter().map(|&a| F::from(a))));
    }
    claims
}

/// Proves the memory trace `w` for the caller's `r_cycle` and public output `region`.
///
/// # Panics
/// If the parameters are invalid or the witness is not shaped for them (the caller's data).
pub fn prove_twist<F: PrimeField>(
    params: &TwistParams,
    w: &TwistWitness<F>,
    r_cycle: &[F],
    region: &OutputRegion<F>,
    transcript: &mut impl Transcript,
) -> (TwistProof<F>, TwistClaims<F>) {
    let claims = crate::profiled!("twist: access claims", access_claims(w, r_cycle));
    prove_twist_with_claims(params, w, r_cycle, &claims, region, transcript)
}

/// [`prove_twist`] with the access claims at `r_cycle` already known to the caller (the zkVM
/// evaluates the same committed columns at its access point), in [`access_claims`]' order.
/// Claims that are not the witness's make a proof the verifier rejects.
///
/// # Panics
/// As [`prove_twist`], or if `claims` is not `2·(R + 1)` long.
pub fn prove_twist_with_claims<F: PrimeField>(
    params: &TwistParams,
    w: &TwistWitness<F>,
    r_cycle: &[F],
    claims: &[F],
    region: &OutputRegion<F>,
    transcript: &mut impl Transcript,
) -> (TwistProof<F>, TwistClaims<F>) {
    prove_twist_on(params, w, (r_cycle, claims), region, true, transcript)
}

/// [`prove_twist_with_claims`], with the indexed first cycle round allowed or not (tests
/// compare the two: the same proof).
pub(super) fn prove_twist_on<F: PrimeField>(
    params: &TwistParams,
    w: &TwistWitness<F>,
    (r_cycle, claims): (&[F], &[F]),
    region: &OutputRegion<F>,
    indexed: bool,
    transcript: &mut impl Transcript,
) -> (TwistProof<F>, TwistClaims<F>) {
    assert!(params.valid() && w.has_shape(params) && r_cycle.len() == params.log_t);
    assert_eq!(claims.len(), 2 * params.families(), "rv, wv, raf claims");
    let (d, log_k, reads) = (params.d, params.log_k(), params.num_reads);
    let one_hot = crate::profiled!(
        "twist: one-hot chunks",
        w.one_hot(params).expect("addresses below K")
    );
    params.absorb(transcript);
    transcript.append_scalars(b"twist_access_claims", claims);
    let gamma: Vec<F> = transcript.challenge_powers(b"twist_gamma", params.families());
    let zeta: F = transcript.challenge_scalar(b"twist_zeta");
    let claim = (0..params.families())
        .map(|f| gamma[f] * (claims[f] + zeta * claims[params.families() + f]))
        .sum();

    // 1. Read + write checking.
    let eq_cycle = EqPolynomial::evals(r_cycle);
    let alias = (0..reads).find(|&f| w.reads[f] == w.writes);
    let base = (0..params.families())
        .filter(|&f| !(alias.is_some() && f == reads))
        .map(|f| {
            let g = match alias {
                Some(a) if f == a => gamma[a] + gamma[reads],
                _ => gamma[f],
            };
            eq_cycle.iter().map(|e| g * e).collect()
        })
        .collect();
    let inc_term = eq_cycle
        .iter()
        .zip(&w.inc)
        .map(|(e, inc)| gamma[reads] * e * inc)
        .collect();
    drop(eq_cycle);
    let mut rw = ReadWriteProver {
        params: *params,
        w,
        one_hot: &one_hot,
        zeta,
        claim,
        r_addr: Vec::new(),
        int_bound: F::zero(),
        base,
        inc_term,
        r_cycle: r_cycle.to_vec(),
        gamma,
        init_bound: w.init.clone(),
        indexed,
        first_cycle: None,
        cycle: None,
        write_chunks: Vec::new(),
        alias,
    };
    let (read_write, rw_point, finals) =
        crate::profiled!("twist: read + write", prove_sumcheck(&mut rw, transcript));
    let iota = rw.int_bound;
    let val_read = finals[1 + (reads + 1) * d];
    let val_eval = val_read - zeta * iota;
    let inc_eval = finals[2 + (reads + 1) * d] - val_read;
    let read_chunk_evals = finals[1..1 + reads * d].to_vec();
    let write_chunk_evals = finals[1 + reads * d..1 + (reads + 1) * d].to_vec();
    let (r_addr, r_star) = rw_point.split_at(log_k);
    transcript.append_scalars(b"twist_rw_read_evals", &read_chunk_evals);
    transcript.append_scalars(b"twist_rw_write_evals", &write_chunk_evals);
    transcript.append_scalars(b"twist_rw_val_inc", &[val_eval, inc_eval]);

    // 2. Output check (none without an output region: the final memory is then free, and
    // nothing about it is claimed).
    let (output_proof, r_f, final_eval) = if region.values.is_empty() {
        let empty = SumcheckProof {
            round_polys: Vec::new(),
        };
        (empty, Vec::new(), F::zero())
    } else {
        let r_o: Vec<F> = transcript.challenge_scalars(b"twist_output_point", log_k);
        let mut mask = vec![F::zero(); 1 << log_k];
        mask[region.start..region.start + region.values.len()]
            .iter_mut()
            .for_each(|m| *m = F::one());
        let mut output = DenseProductSum::new(
            vec![EqPolynomial::evals(&r_o), mask, w.final_memory.clone()],
            vec![(F::one(), vec![0, 1, 2])],
            3,
        );
        let (output_proof, r_f, output_finals) = crate::profiled!(
            "twist: output check",
            prove_sumcheck(&mut output, transcript)
        );
        transcript.append_scalars(b"twist_final_eval", &[output_finals[2]]);
        (output_proof, r_f, output_finals[2])
    };

    // 3. Val check (the final-memory term only with an output check).
    let mut factors = vec![w.inc.clone()];
    factors.extend(rw.write_chunks.iter().cloned());
    factors.push(lt_table(r_star));
    let mut current: Vec<usize> = vec![0];
    current.extend(1..=d + 1);
    let mut terms = vec![(F::one(), current)];
    if !r_f.is_empty() {
        let gamma_v: F = transcript.challenge_scalar(b"twist_val_gamma");
        for i in 0..d {
            let rho = &r_f[i * params.log_n..(i + 1) * params.log_n];
            factors.push(one_hot.chunks[reads * d + i].bind_rows(rho));
        }
        let mut last: Vec<usize> = vec![0];
        last.extend(d + 2..2 * d + 2);
        terms.push((gamma_v, last));
    }
    let mut val_check = DenseProductSum::new(factors, terms, d + 2);
    let (val_check_proof, r_2star, vfinals) = crate::profiled!(
        "twist: Val check",
        prove_sumcheck(&mut val_check, transcript)
    );
    let val_check_write_evals = vfinals[1..=d].to_vec();
    let final_check_write_evals = vfinals[(d + 2).min(vfinals.len())..].to_vec();
    let val_check_inc_eval = vfinals[0];
    transcript.append_scalars(b"twist_val_write_evals", &val_check_write_evals);
    transcript.append_scalars(b"twist_final_write_evals", &final_check_write_evals);
    transcript.append_scalars(b"twist_val_inc_eval", &[val_check_inc_eval]);

    // 4. One-hot checks on every chunk.
    let (booleanity, bool_point, booleanity_evals, hamming) = crate::profiled!(
        "twist: one-hot checks",
        prove_one_hot_checks(&one_hot, params.log_t, transcript)
    );

    let proof = TwistProof {
        read_write,
        read_chunk_evals,
        write_chunk_evals,
        val_eval,
        inc_eval,
        output: output_proof,
        final_eval,
        val_check: val_check_proof,
        val_check_write_evals,
        final_check_write_evals,
        val_check_inc_eval,
        booleanity,
        booleanity_evals,
    };
    let claims = twist_claims(
        params,
        &proof,
        (r_addr, r_star),
        &r_f,
        &r_2star,
        &bool_point,
        &hamming,
    );
    (proof, claims)
}

/// Collects the claims a proof leaves: every chunk at the read/write point, the write chunks
/// at the Val-check points, every chunk at the booleanity and Hamming points, `Inc` twice.
fn twist_claims<F: PrimeField>(
    params: &TwistParams,
    proof: &TwistProof<F>,
    (r_addr, r_star): (&[F], &[F]),
    r_f: &[F],
    r_2star: &[F],
    bool_point: &[F],
    hamming: &[F],
) -> TwistClaims<F> {
    let (d, log_n, reads) = (params.d, params.log_n, params.num_reads);
    let slice = |p: &[F], i: usize| p[i * log_n..(i + 1) * log_n].to_vec();
    let half = F::from(2u64).inverse().expect("2 is invertible");
    let inv_n = F::from(1u64 << log_n).inverse().expect("N is invertible");
    let claim = |chunk, check, address_point, cycle_point: &[F], value| RaClaim {
        chunk,
        check,
        address_point,
        cycle_point: cycle_point.to_vec(),
        value,
    };
    let mut chunks = Vec::new();
    for f in 0..=reads {
        for i in 0..d {
            let value = if f < reads {
                proof.read_chunk_evals[f * d + i]
            } else {
                proof.write_chunk_evals[i]
            };
            chunks.push(claim(
                f * d + i,
                OneHotCheck::ReadRaf,
                slice(r_addr, i),
                r_star,
                value,
            ));
            chunks.push(claim(
                f * d + i,
                OneHotCheck::Booleanity,
                bool_point[..log_n].to_vec(),
                &bool_point[log_n..],
                proof.booleanity_evals[f * d + i],
            ));
            chunks.push(claim(
                f * d + i,
                OneHotCheck::HammingWeight,
                vec![half; log_n],
                hamming,
                inv_n,
            ));
        }
    }
    for i in 0..d {
        let index = reads * d + i;
        chunks.push(claim(
            index,
            OneHotCheck::ReadRaf,
            slice(r_addr, i),
            r_2star,
            proof.val_check_write_evals[i],
        ));
        // The final-memory term's claims (absent without an output region).
        if let Some(&value) = proof.final_check_write_evals.get(i) {
            chunks.push(claim(
                index,
                OneHotCheck::ReadRaf,
                slice(r_f, i),
                r_2star,
                value,
            ));
        }
    }
    TwistClaims {
        chunks,
        inc: vec![
            (r_star.to_vec(), proof.inc_eval),
            (r_2star.to_vec(), proof.val_check_inc_eval),
        ],
    }
}

/// Verifies a Twist proof against the caller's claims at `r_cycle` — `rv_f` for each read
/// family, `wv`, `raf_f` for each read family and `raf_w`, in that order — the public initial
/// memory's MLE `init_mle` and the public output `region`. Returns the claims the caller
/// must open against the commitments of the chunks and of `Inc`.
pub fn verify_twist<F: PrimeField>(
    params: &TwistParams,
    proof: &TwistProof<F>,
    init_mle: impl Fn(&[F]) -> F,
    r_cycle: &[F],
    access_claims: &[F],
    region: &OutputRegion<F>,
    transcript: &mut impl Transcript,
) -> Result<TwistClaims<F>, TwistError> {
    let (d, log_k, reads, families) = (
        params.d,
        params.log_k(),
        params.num_reads,
        params.families(),
    );
    if !params.valid() || r_cycle.len() != params.log_t || access_claims.len() != 2 * families {
        return Err(TwistError::Malformed(
            "parameters, r_cycle or access claims",
        ));
    }
    if region
        .start
        .checked_add(region.values.len())
        .is_none_or(|end| end > 1 << log_k)
    {
        return Err(TwistError::Malformed("output region outside the memory"));
    }
    let has_output = !region.values.is_empty();
    if proof.read_chunk_evals.len() != reads * d
        || proof.write_chunk_evals.len() != d
        || proof.val_check_write_evals.len() != d
        || proof.final_check_write_evals.len() != if has_output { d } else { 0 }
        || proof.booleanity_evals.len() != families * d
    {
        return Err(TwistError::Malformed("one evaluation per chunk"));
    }
    if !has_output && (!proof.output.round_polys.is_empty() || !proof.final_eval.is_zero()) {
        return Err(TwistError::Malformed(
            "an output check without an output region",
        ));
    }
    params.absorb(transcript);
    transcript.append_scalars(b"twist_access_claims", access_claims);
    let gamma: Vec<F> = transcript.challenge_powers(b"twist_gamma", families);
    let zeta: F = transcript.challenge_scalar(b"twist_zeta");
    let claim: F = (0..families)
        .map(|f| gamma[f] * (access_claims[f] + zeta * access_claims[families + f]))
        .sum();

    // 1. Read + write checking.
    let (last, rw_point) = verify_sumcheck(
        &proof.read_write,
        claim,
        log_k + params.log_t,
        d + 2,
        transcript,
    )
    .map_err(TwistError::ReadWriteSumcheck)?;
    let (r_addr, r_star) = rw_point.split_at(log_k);
    let iota = int_mle(r_addr);
    let mut sum = F::zero();
    for (f, g) in gamma.iter().enumerate() {
        let chunks: F = if f < reads {
            proof.read_chunk_evals[f * d..(f + 1) * d].iter().product()
        } else {
            proof.write_chunk_evals.iter().product()
        };
        let inc = if f < reads { F::zero() } else { proof.inc_eval };
        sum += *g * chunks * (proof.val_eval + inc + zeta * iota);
    }
    if last != EqPolynomial::new(r_cycle.to_vec()).evaluate(r_star) * sum {
        return Err(TwistError::ReadWriteFinal);
    }
    transcript.append_scalars(b"twist_rw_read_evals", &proof.read_chunk_evals);
    transcript.append_scalars(b"twist_rw_write_evals", &proof.write_chunk_evals);
    transcript.append_scalars(b"twist_rw_val_inc", &[proof.val_eval, proof.inc_eval]);

    // 2. Output check (only with an output region).
    let r_f = if has_output {
        let r_o: Vec<F> = transcript.challenge_scalars(b"twist_output_point", log_k);
        let expected_sum = region.sparse_mle(&r_o, |i| region.values[i]);
        let (last, r_f) = verify_sumcheck(&proof.output, expected_sum, log_k, 3, transcript)
            .map_err(TwistError::OutputSumcheck)?;
        let mask = region.sparse_mle(&r_f, |_| F::one());
        if last != EqPolynomial::new(r_o).evaluate(&r_f) * mask * proof.final_eval {
            return Err(TwistError::OutputFinal);
        }
        transcript.append_scalars(b"twist_final_eval", &[proof.final_eval]);
        r_f
    } else {
        Vec::new()
    };

    // 3. Val check (with the final-memory term only after an output check).
    let gamma_v: F = if has_output {
        transcript.challenge_scalar(b"twist_val_gamma")
    } else {
        F::zero()
    };
    let mut claim = proof.val_eval - init_mle(r_addr);
    if has_output {
        claim += gamma_v * (proof.final_eval - init_mle(&r_f));
    }
    let (last, r_2star) = verify_sumcheck(&proof.val_check, claim, params.log_t, d + 2, transcript)
        .map_err(TwistError::ValCheckSumcheck)?;
    let current: F = proof.val_check_write_evals.iter().product::<F>() * lt_mle(&r_2star, r_star);
    let last_write: F = if has_output {
        proof.final_check_write_evals.iter().product()
    } else {
        F::zero()
    };
    if last != proof.val_check_inc_eval * (current + gamma_v * last_write) {
        return Err(TwistError::ValCheckFinal);
    }
    transcript.append_scalars(b"twist_val_write_evals", &proof.val_check_write_evals);
    transcript.append_scalars(b"twist_final_write_evals", &proof.final_check_write_evals);
    transcript.append_scalars(b"twist_val_inc_eval", &[proof.val_check_inc_eval]);

    // 4. One-hot checks.
    let (bool_point, hamming) = verify_one_hot_checks(
        params.log_n,
        families * d,
        params.log_t,
        &proof.booleanity,
        &proof.booleanity_evals,
        transcript,
    )
    .map_err(|e| e.map_or(TwistError::BooleanityFinal, TwistError::BooleanitySumcheck))?;
    Ok(twist_claims(
        params,
        proof,
        (r_addr, r_star),
        &r_f,
        &r_2star,
        &bool_point,
        &hamming,
    ))
}

/// Plays the PCS's role in tests: checks every claim against the witness's chunks and `Inc`.
pub fn check_twist_claims<F: PrimeField>(
    params: &TwistParams,
    w: &TwistWitness<F>,
    claims: &TwistClaims<F>,
) -> Result<(), TwistError> {
    let one_hot = w
        .one_hot(params)
        .ok_or(TwistError::Malformed("addresses out of range"))?;
    for c in &claims.chunks {
        let chunk: &RaChunk<F> = one_hot
            .chunks
            .get(c.chunk)
            .ok_or(TwistError::Malformed("claim on a missing chunk"))?;
        if chunk.evaluate(&c.address_point, &c.cycle_point) != c.value {
            return Err(TwistError::ClaimFalse(format!(
                "chunk {} ({:?})",
                c.chunk, c.check
            )));
        }
    }
    for (point, value) in &claims.inc {
        let eq = EqPolynomial::evals(point);
        let inc: F = eq.iter().zip(&w.inc).map(|(e, x)| *e * x).sum();
        if inc != *value {
            return Err(TwistError::ClaimFalse("Inc".into()));
        }
    }
    Ok(())
}
