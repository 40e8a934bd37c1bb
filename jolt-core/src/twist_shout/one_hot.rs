//! One-hot address matrices split into `d` chunks (Twist and Shout §3.7; see
//! `paper-notes/twist-and-shout.md`).
//!
//! `T` addresses `a_j ∈ [0, K)`, `K = N^d`, `N = 2^{log N}`, are encoded as `d` matrices
//! `ra_i ∈ {0,1}^{N×T}`: column `j` of `ra_i` is the unit vector of chunk `i` of `a_j`, chunk 0
//! being the most significant `log N` bits. Then `ra(k, j) = Π_i ra_i(k_i, j) = [k = a_j]`.
//! A matrix is a polynomial in `log N + log T` variables, address bits first (flat index
//! `x·T + j`, MSB-first like every polynomial in the workspace), so
//! `ra~_i(ρ, τ) = Σ_j eq(τ, j)·Σ_x eq(ρ, x)·ra_i(x, j)`.
//!
//! An honest matrix is stored as one `u16` chunk index per cycle ([`RaChunk::OneHot`]). A
//! lying prover's matrix, for tests, is stored column by column as sparse entries
//! ([`RaChunk::Sparse`]); every prover here handles both, paying per non-zero.

use ark_ff::PrimeField;
use sumcheck::EqPolynomial;

/// One chunk matrix `ra_i ∈ F^{N×T}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RaChunk<F> {
    /// Column `j` is the unit vector `e_{c_j}`: an honest one-hot chunk.
    OneHot(Vec<u16>),
    /// Column `j` holds the listed `(row, value)` entries (zero elsewhere). Any matrix,
    /// one-hot or not: what a lying prover commits to.
    Sparse(Vec<Vec<(u16, F)>>),
}

/// The entries of one column of a chunk matrix.
#[derive(Clone, Copy, Debug)]
pub enum Column<'a, F> {
    /// A single 1 at this row.
    One(u16),
    /// These `(row, value)` entries.
    Entries(&'a [(u16, F)]),
}

impl<F: PrimeField> Column<'_, F> {
    /// `Σ_x table[x]·col[x]`.
    pub fn dot(&self, table: &[F]) -> F {
        match *self {
            Column::One(x) => table[x as usize],
            Column::Entries(entries) => entries.iter().map(|&(x, v)| table[x as usize] * v).sum(),
        }
    }
}

impl<F: PrimeField> RaChunk<F> {
    /// The number of columns `T`.
    pub fn num_cycles(&self) -> usize {
        match self {
            RaChunk::OneHot(c) => c.len(),
            RaChunk::Sparse(c) => c.len(),
        }
    }

    /// Column `j`.
    pub fn column(&self, j: usize) -> Column<'_, F> {
        match self {
            RaChunk::OneHot(c) => Column::One(c[j]),
            RaChunk::Sparse(c) => Column::Entries(&c[j]),
        }
    }

    /// Whether every row index is below `n`.
    pub fn rows_below(&self, n: usize) -> bool {
        match self {
            RaChunk::OneHot(c) => c.iter().all(|&x| (x as usize) < n),
            RaChunk::Sparse(c) => c.iter().flatten().all(|&(x, _)| (x as usize) < n),
        }
    }

    /// `ra~_i(ρ, j) = Σ_x eq(ρ, x)·ra_i(x, j)` for every cycle `j` (one `N`-entry `eq` table,
    /// then one look-up per non-zero): the chunk with its row variables bound to `ρ`.
    pub fn bind_rows(&self, rho: &[F]) -> Vec<F> {
        let rows = EqPolynomial::evals(rho);
        (0..self.num_cycles())
            .map(|j| self.column(j).dot(&rows))
            .collect()
    }

    /// `ra~_i(ρ, τ)` for `ρ ∈ F^{log N}`, `τ ∈ F^{log T}`: `O(N + T + non-zeros)`.
    pub fn evaluate(&self, rho: &[F], tau: &[F]) -> F {
        EqPolynomial::evals(tau)
            .iter()
            .zip(self.bind_rows(rho))
            .map(|(e, v)| *e * v)
            .sum()
    }
}

/// `T` addresses as `d` one-hot chunks of `log N` bits each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneHotAddresses<F> {
    /// `log2 N`, the bits per chunk (at most 16).
    pub log_n: usize,
    /// The chunk matrices, most significant chunk first.
    pub chunks: Vec<RaChunk<F>>,
}

impl<F: PrimeField> OneHotAddresses<F> {
    /// The honest encoding of `addresses` (each `< 2^{d·log N}`), or `None` when an address is
    /// out of range or `log N` is not in `1..=16`.
    pub fn encode(addresses: &[u64], log_n: usize, d: usize) -> Option<Self> {
        if !(1..=16).contains(&log_n) || d == 0 || log_n * d > 63 {
            return None;
        }
        if addresses.iter().any(|&a| a >> (log_n * d) != 0) {
            return None;
        }
        let mask = (1u64 << log_n) - 1;
        let chunks = (0..d)
            .map(|i| {
                let shift = log_n * (d - 1 - i);
                RaChunk::OneHot(
                    addresses
                        .iter()
                        .map(|&a| ((a >> shift) & mask) as u16)
                        .collect(),
                )
            })
            .collect();
        Some(OneHotAddresses { log_n, chunks })
    }

    /// The number of chunks `d`.
    pub fn d(&self) -> usize {
        self.chunks.len()
    }

    /// `log2 K = d·log N`.
    pub fn log_k(&self) -> usize {
        self.log_n * self.d()
    }

    /// The number of cycles `T`.
    pub fn num_cycles(&self) -> usize {
        self.chunks.first().map_or(0, |c| c.num_cycles())
    }

    /// Whether the encoding is shaped for `d` chunks of `log_n` bits over `T = 2^log_t`
    /// cycles, every row index in range.
    pub fn has_shape(&self, log_n: usize, d: usize, log_t: usize) -> bool {
        self.log_n == log_n
            && self.d() == d
            && self
                .chunks
                .iter()
                .all(|c| c.num_cycles() == 1 << log_t && c.rows_below(1 << log_n))
    }
}
