//! Generic property checks for subtables and lookup decompositions, public so that a subtable
//! or lookup defined **outside** this crate is held to the same standard as the built-in ones.
//!
//! The crate's own tests check every built-in subtable (`tests/subtables.rs`) and lookup
//! (`tests/lookups.rs`); `tests/testing.rs` runs the two functions below over all of them too,
//! and `jolt-core/examples/toy_instruction.rs` runs them on a new toy lookup and its subtable.
//!
//! - [`check_subtable`]: every entry is below `2^32`; every entry equals the MLE at its index
//!   bits (most significant bit first, the [`subtables`](crate::subtables) convention); at
//!   pseudo-random points the MLE equals the naive extension `Σ_i S[i]·eq(r, i)` of the
//!   materialized table.
//! - [`check_decomposition`]: `g` of the subtable values read at the chunk indices equals the
//!   table's output on boundary and pseudo-random operands; `g`'s stated degree is its true
//!   degree (finite differences along a random line); `g` of genuine subtable values read at
//!   *any* chunk indices is a 32-bit word (what a malicious prover could choose).
//!
//! Randomness is a fixed SplitMix64 stream from a caller-chosen seed, so a failure is
//! reproducible and the crate needs no RNG dependency.

use crate::lookups::LookupId;
use crate::params::LookupParams;
use crate::subtables::{Subtable, SubtableId};
use ark_ff::{BigInteger, PrimeField};
use std::fmt;

/// Operands every decomposition is checked on (all pairs), besides pseudo-random ones: the
/// word boundaries, sign boundaries and shift amounts.
pub const BOUNDARY_OPERANDS: [u32; 12] = [
    0,
    1,
    2,
    7,
    31,
    32,
    63,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_0001,
    0xffff_fffe,
    0xffff_ffff,
];

/// A failed check: what was checked, and the first counterexample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    /// The subtable or lookup name.
    pub name: String,
    /// What failed, with the inputs that show it.
    pub message: String,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for CheckError {}

/// How many cases a check ran (for reports).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckSummary {
    /// Hypercube points or operand pairs checked exactly.
    pub exact_cases: usize,
    /// Pseudo-random points or chunk-index vectors checked.
    pub random_cases: usize,
}

/// A deterministic 64-bit stream (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn field<F: PrimeField>(&mut self) -> F {
        let bytes: Vec<u8> = (0..4).flat_map(|_| self.next().to_le_bytes()).collect();
        F::from_le_bytes_mod_order(&bytes)
    }
}

/// The hypercube point of index `i` with `m` variables, most significant bit first.
fn index_bits<F: PrimeField>(i: u64, m: usize) -> Vec<F> {
    (0..m).map(|k| F::from((i >> (m - 1 - k)) & 1)).collect()
}

/// `Σ_i table[i]·eq(r, i)`, folding the most significant variable first.
fn naive_extension<F: PrimeField>(table: &[u64], r: &[F]) -> F {
    let mut layer: Vec<F> = table.iter().map(|&v| F::from(v)).collect();
    for &rk in r {
        let half = layer.len() / 2;
        layer = (0..half)
            .map(|i| layer[i] + rk * (layer[half + i] - layer[i]))
            .collect();
    }
    layer[0]
}

/// The integer a field element stands for, if it is below `2^64`.
fn as_u64<F: PrimeField>(f: F) -> Option<u64> {
    let big = f.into_bigint();
    (big.num_bits() <= 64).then(|| big.as_ref()[0])
}

/// Checks subtable `table` at `log M = log_m` (see the module docs): all `2^log_m` entries
/// exactly, then `random_points` pseudo-random MLE points from `seed`.
pub fn check_subtable<F: PrimeField, S: Subtable>(
    name: &str,
    table: &S,
    log_m: usize,
    random_points: usize,
    seed: u64,
) -> Result<CheckSummary, CheckError> {
    let fail = |message: String| CheckError {
        name: format!("{name} (log M = {log_m})"),
        message,
    };
    if !table.supports(log_m) {
        return Err(fail("the table does not support this size".into()));
    }
    let entries = table.materialize(log_m);
    if entries.len() != 1 << log_m {
        return Err(fail(format!("materialized {} entries", entries.len())));
    }
    for (i, &value) in entries.iter().enumerate() {
        if value >= 1 << 32 {
            return Err(fail(format!("entry {i} = {value} is not below 2^32")));
        }
        let mle = table.evaluate_mle::<F>(&index_bits(i as u64, log_m));
        if mle != F::from(value) {
            return Err(fail(format!(
                "the MLE at the bits of index {i} is not the entry {value}"
            )));
        }
    }
    let mut rng = SplitMix(seed);
    for case in 0..random_points {
        let r: Vec<F> = (0..log_m).map(|_| rng.field()).collect();
        if table.evaluate_mle(&r) != naive_extension(&entries, &r) {
            return Err(fail(format!(
                "random point {case} (seed {seed}): the MLE differs from the multilinear \
                 extension of the entries"
            )));
        }
    }
    Ok(CheckSummary {
        exact_cases: entries.len(),
        random_cases: random_points,
    })
}

/// A lookup table with its decomposition into subtables, as [`check_decomposition`] sees it.
///
/// The built-in lookups implement it through [`LookupId`]; a new lookup implements it
/// directly (its subtables need not be [`SubtableId`]s: [`Decomposition::memory_values`]
/// reads them).
pub trait Decomposition {
    /// A name for error messages.
    fn name(&self) -> String;
    /// The chunk indices `dim_0 … dim_{C−1}` of the query for operands `x`, `y`.
    fn chunk_indices(&self, params: &LookupParams, x: u32, y: u32) -> Vec<usize>;
    /// The values of every memory `g` reads (in the order `g` takes them), for chunk indices
    /// `dims`.
    fn memory_values(&self, params: &LookupParams, dims: &[usize]) -> Vec<u64>;
    /// `g(values)`.
    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F;
    /// The stated total degree of `g`.
    fn g_degree(&self, params: &LookupParams) -> usize;
    /// The specification: the table's entry for `x`, `y`.
    fn lookup_output(&self, x: u32, y: u32) -> u32;
}

impl Decomposition for LookupId {
    fn name(&self) -> String {
        LookupId::name(*self).to_string()
    }
    fn chunk_indices(&self, params: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        LookupId::chunk_indices(*self, params, x, y)
    }
    fn memory_values(&self, params: &LookupParams, dims: &[usize]) -> Vec<u64> {
        LookupId::memory_values(*self, params, dims)
    }
    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F {
        LookupId::combine(*self, params, values)
    }
    fn g_degree(&self, params: &LookupParams) -> usize {
        LookupId::g_degree(*self, params)
    }
    fn lookup_output(&self, x: u32, y: u32) -> u32 {
        LookupId::lookup_output(*self, x, y)
    }
}

/// The built-in subtables as [`Subtable`] values, so [`check_subtable`] takes them too.
impl Subtable for SubtableId {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        SubtableId::entry(*self, log_m, index)
    }
    fn supports(&self, log_m: usize) -> bool {
        SubtableId::supports(*self, log_m)
    }
    fn materialize(&self, log_m: usize) -> Vec<u64> {
        SubtableId::materialize(*self, log_m)
    }
    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        SubtableId::evaluate_mle(*self, point)
    }
}

/// Checks decomposition `d` for `params` (see the module docs): every pair of
/// [`BOUNDARY_OPERANDS`] and `random_cases` pseudo-random operand pairs, the degree of `g` on
/// a random line, and `g` on `random_cases` pseudo-random chunk-index vectors.
pub fn check_decomposition<F: PrimeField, D: Decomposition>(
    d: &D,
    params: &LookupParams,
    random_cases: usize,
    seed: u64,
) -> Result<CheckSummary, CheckError> {
    let fail = |message: String| CheckError {
        name: format!(
            "{} (C = {}, log M = {})",
            d.name(),
            params.c(),
            params.log_m()
        ),
        message,
    };
    let g_at = |x: u32, y: u32| -> F {
        let dims = d.chunk_indices(params, x, y);
        let values: Vec<F> = d
            .memory_values(params, &dims)
            .into_iter()
            .map(F::from)
            .collect();
        d.combine(params, &values)
    };
    let mut rng = SplitMix(seed);
    let mut pairs: Vec<(u32, u32)> = BOUNDARY_OPERANDS
        .iter()
        .flat_map(|&x| BOUNDARY_OPERANDS.iter().map(move |&y| (x, y)))
        .collect();
    pairs.extend((0..random_cases).map(|_| {
        let v = rng.next();
        (v as u32, (v >> 32) as u32)
    }));
    for &(x, y) in &pairs {
        let dims = d.chunk_indices(params, x, y);
        if dims.len() != params.c() || dims.iter().any(|&c| c >= params.m()) {
            return Err(fail(format!(
                "chunk indices {dims:?} of ({x:#x}, {y:#x}) are not C values below M"
            )));
        }
        let expected = d.lookup_output(x, y);
        if g_at(x, y) != F::from(expected) {
            return Err(fail(format!(
                "g of the subtable values at ({x:#x}, {y:#x}) is not the table's {expected:#x}"
            )));
        }
    }

    // The degree: along a random line a + t·b, g is a polynomial in t of degree exactly d.
    let degree = d.g_degree(params);
    let k = d.memory_values(params, &vec![0; params.c()]).len();
    let a: Vec<F> = (0..k).map(|_| rng.field()).collect();
    let b: Vec<F> = (0..k).map(|_| rng.field()).collect();
    let mut diffs: Vec<F> = (0..=degree as u64 + 1)
        .map(|t| {
            let t = F::from(t);
            let point: Vec<F> = a.iter().zip(&b).map(|(&ai, &bi)| ai + t * bi).collect();
            d.combine(params, &point)
        })
        .collect();
    for _ in 0..degree {
        diffs = diffs.windows(2).map(|w| w[1] - w[0]).collect();
    }
    if diffs[0].is_zero() {
        return Err(fail(format!("g has degree below the stated {degree}")));
    }
    if diffs[1] != diffs[0] {
        return Err(fail(format!("g has degree above the stated {degree}")));
    }

    // Genuine subtable values at arbitrary chunk indices give a 32-bit output.
    for _ in 0..random_cases {
        let dims: Vec<usize> = (0..params.c())
            .map(|_| (rng.next() % params.m() as u64) as usize)
            .collect();
        let values: Vec<F> = d
            .memory_values(params, &dims)
            .into_iter()
            .map(F::from)
            .collect();
        match as_u64(d.combine(params, &values)) {
            Some(v) if v < 1 << 32 => {}
            other => {
                return Err(fail(format!(
                    "g at chunk indices {dims:?} is {other:?}, not a 32-bit word"
                )))
            }
        }
    }
    Ok(CheckSummary {
        exact_cases: pairs.len() - random_cases,
        random_cases: 2 * random_cases,
    })
}
