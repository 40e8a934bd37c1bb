//! The Lasso parameters `C` (chunks per lookup) and `log M` (bits per subtable index), and the
//! ways a lookup query is formed from a row's two operands and split into chunks.
//!
//! Every lookup in this crate reads a big table of size `M^C = 2^64`: a query `Q < 2^64` is
//! split into `C` chunks of `log M` bits, most significant chunk first:
//!
//! ```text
//!   dim_c = ⌊Q / M^(C−1−c)⌋ mod M,   Q = Σ_c dim_c · M^(C−1−c),   c = 0 … C−1.
//! ```
//!
//! `C · log M = 64` is what lets a pair of 32-bit operands (interleaved chunk by chunk) or a
//! 64-bit product fit exactly, so only two settings are practical: `C = 4, log M = 16` (Jolt's
//! choice, the default) and `C = 8, log M = 8`. Every decomposition in this crate works for both.

use thiserror::Error;

/// The word size `W` of RV32: operands are `W`-bit.
pub const WORD_BITS: usize = 32;

/// `C` and `log M` for every lookup decomposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LookupParams {
    c: usize,
    log_m: usize,
}

/// Why a `(C, log M)` pair is not supported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("unsupported lookup parameters C = {c}, log M = {log_m}: need C · log M = 64 with log M ∈ {{8, 16}}")]
pub struct ParamsError {
    /// The requested number of chunks.
    pub c: usize,
    /// The requested subtable size exponent.
    pub log_m: usize,
}

impl LookupParams {
    /// Jolt's setting: `C = 4` chunks of `log M = 16` bits (8-bit operand chunks, paired).
    pub const DEFAULT: LookupParams = LookupParams { c: 4, log_m: 16 };
    /// The small setting: `C = 8` chunks of `log M = 8` bits (4-bit operand chunks, paired).
    pub const SMALL: LookupParams = LookupParams { c: 8, log_m: 8 };

    /// `(C, log M)` after checking `C · log M = 64` and `log M ∈ {8, 16}` (`log M ≥ 8` keeps
    /// the 5-bit shift amount and the 2-bit byte offset inside the lowest chunk; `log M ≤ 16`
    /// keeps subtables materializable).
    pub fn new(c: usize, log_m: usize) -> Result<Self, ParamsError> {
        if c * log_m == 2 * WORD_BITS && (log_m == 8 || log_m == 16) {
            Ok(LookupParams { c, log_m })
        } else {
            Err(ParamsError { c, log_m })
        }
    }

    /// The number of chunks `C`.
    pub fn c(&self) -> usize {
        self.c
    }

    /// `log M`: the number of bits of a chunk index.
    pub fn log_m(&self) -> usize {
        self.log_m
    }

    /// `M = 2^log M`: the size of every subtable.
    pub fn m(&self) -> usize {
        1 << self.log_m
    }

    /// `b = W / C = log M / 2`: the bits of each operand inside an interleaved chunk.
    pub fn operand_chunk_bits(&self) -> usize {
        WORD_BITS / self.c
    }

    /// The weight `M^(C−1−c)` of chunk `c` in the query, as a power of two exponent.
    pub fn chunk_shift(&self, chunk: usize) -> usize {
        self.log_m * (self.c - 1 - chunk)
    }

    /// The chunk holding bit `bit` (0 = least significant) of a 64-bit query, and the bit's
    /// position inside that chunk.
    pub fn chunk_of_bit(&self, bit: usize) -> (usize, usize) {
        (self.c - 1 - bit / self.log_m, bit % self.log_m)
    }

    /// `dim_c` for `c = 0 … C−1` of a 64-bit query `Q`.
    pub fn split_query(&self, query: u64) -> Vec<usize> {
        let mask = (1u64 << self.log_m) - 1;
        (0..self.c)
            .map(|c| ((query >> self.chunk_shift(c)) & mask) as usize)
            .collect()
    }

    /// `Σ_c dim_c · M^(C−1−c)`: the query the chunks stand for.
    pub fn join_chunks(&self, chunks: &[usize]) -> u64 {
        assert_eq!(chunks.len(), self.c, "expected {} chunks", self.c);
        chunks
            .iter()
            .enumerate()
            .fold(0u64, |q, (c, &d)| q | ((d as u64) << self.chunk_shift(c)))
    }

    /// The `b`-bit chunks of a 32-bit operand, most significant first.
    pub fn operand_chunks(&self, x: u32) -> Vec<u32> {
        let b = self.operand_chunk_bits();
        let mask = (1u32 << b) - 1;
        (0..self.c)
            .map(|c| (x >> (b * (self.c - 1 - c))) & mask)
            .collect()
    }
}

impl Default for LookupParams {
    fn default() -> Self {
        LookupParams::DEFAULT
    }
}

/// How a lookup's query `Q` is formed from the row's operands `x` and `y` (both `< 2^32`).
/// This is what the VM's R1CS must enforce between the operands and the chunk indices
/// `dim_0 … dim_{C−1}` (each `< M`, which the read-only memory checks of the subtables give).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryKind {
    /// `dim_c = x_c · 2^b + y_c`, where `x_c`, `y_c` are the `b = W/C`-bit chunks of `x` and
    /// `y` (most significant first). The R1CS must enforce `x = Σ_c x_c·2^(b(C−1−c))`,
    /// `y = Σ_c y_c·2^(b(C−1−c))` *with every `x_c, y_c < 2^b`*: either range-check them, or
    /// take them as the values read from the `left_operand`/`right_operand` subtables at
    /// `dim_c` (which makes them range-checked by construction).
    Interleaved,
    /// `Q = x + y` (< 2^33).
    Sum,
    /// `Q = x + 2^32 − y` (< 2^33), so `Q mod 2^32 = x − y mod 2^32`.
    Difference,
    /// `Q = x · y` (< 2^64).
    Product,
    /// `Q = x` (the second operand is unused).
    Unary,
}

impl QueryKind {
    /// The query `Q` for operands `x`, `y` (for [`QueryKind::Interleaved`]: the chunks of `x`
    /// and `y` interleaved as `x_0 ‖ y_0 ‖ x_1 ‖ y_1 ‖ …`).
    pub fn query(self, params: &LookupParams, x: u32, y: u32) -> u64 {
        let (x, y) = (x as u64, y as u64);
        match self {
            QueryKind::Interleaved => {
                let b = params.operand_chunk_bits();
                let xs = params.operand_chunks(x as u32);
                let ys = params.operand_chunks(y as u32);
                let chunks: Vec<usize> = xs
                    .iter()
                    .zip(&ys)
                    .map(|(&xc, &yc)| ((xc << b) | yc) as usize)
                    .collect();
                params.join_chunks(&chunks)
            }
            QueryKind::Sum => x + y,
            QueryKind::Difference => x + (1 << 32) - y,
            QueryKind::Product => x * y,
            QueryKind::Unary => x,
        }
    }

    /// The chunk indices `dim_0 … dim_{C−1}` of the query for `x`, `y`.
    pub fn chunk_indices(self, params: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        params.split_query(self.query(params, x, y))
    }

    /// The R1CS relation between the operands and the query, for tables.
    pub fn relation(self) -> &'static str {
        match self {
            QueryKind::Interleaved => "dim_c = x_c·2^b + y_c (x_c, y_c < 2^b)",
            QueryKind::Sum => "Q = x + y",
            QueryKind::Difference => "Q = x + 2^32 − y",
            QueryKind::Product => "Q = x · y",
            QueryKind::Unary => "Q = x",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_two_practical_settings_are_accepted() {
        assert_eq!(LookupParams::new(4, 16), Ok(LookupParams::DEFAULT));
        assert_eq!(LookupParams::new(8, 8), Ok(LookupParams::SMALL));
        for (c, log_m) in [(2, 32), (4, 8), (16, 4), (3, 21), (8, 16)] {
            assert_eq!(LookupParams::new(c, log_m), Err(ParamsError { c, log_m }));
        }
    }

    #[test]
    fn chunks_join_back_to_the_query() {
        for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
            for q in [0, 1, 0x1_0000_0000, u64::MAX, 0x0123_4567_89ab_cdef] {
                let chunks = p.split_query(q);
                assert!(chunks.iter().all(|&d| d < p.m()));
                assert_eq!(p.join_chunks(&chunks), q);
            }
        }
    }

    #[test]
    fn interleaved_chunks_pair_operand_chunks() {
        let p = LookupParams::DEFAULT;
        let dims = QueryKind::Interleaved.chunk_indices(&p, 0x1234_5678, 0x9abc_def0);
        assert_eq!(dims, vec![0x129a, 0x34bc, 0x56de, 0x78f0]);
        let p = LookupParams::SMALL;
        let dims = QueryKind::Interleaved.chunk_indices(&p, 0x1234_5678, 0x9abc_def0);
        assert_eq!(dims, vec![0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80]);
    }

    #[test]
    fn arithmetic_queries() {
        let p = LookupParams::DEFAULT;
        assert_eq!(QueryKind::Sum.query(&p, u32::MAX, 1), 1 << 32);
        assert_eq!(QueryKind::Difference.query(&p, 0, 1), u32::MAX as u64);
        assert_eq!(
            QueryKind::Product.query(&p, u32::MAX, u32::MAX),
            0xffff_fffe_0000_0001
        );
        assert_eq!(QueryKind::Unary.query(&p, 7, 9), 7);
    }
}
