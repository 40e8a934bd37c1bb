//! The big lookup tables every bytecode row reads ([`LookupId`]), and how each decomposes
//! into subtables ([`LookupInstruction`]).
//!
//! A lookup table `T_f` maps the operands `(x, y)` of a row to a 32-bit output
//! ([`LookupId::lookup_output`], the specification). Lasso proves
//! `T_f[Q] = g_f(S_1[dim_{c_1}], …, S_k[dim_{c_k}])`: the R1CS forms the query `Q` from the
//! operands ([`LookupId::query_kind`]) and splits it into `C` chunk indices `dim_c < M`; each
//! *memory* `(S, c)` is subtable `S` read at `dim_c`; `g_f` combines the values read. Assertion
//! tables output 1 exactly when the asserted relation holds.
//!
//! One file per family: [`window`] (results that are a bit range of `Q`: ADD, SUB, MUL, MULHU,
//! SHR_MUL, IDENTITY, JALR_TARGET, ALIGN_WORD, EXTRACT_*, REPLICATE_*, SIGN_MASK), [`bitwise`],
//! [`eq`], [`sltu`], [`slt`], [`cneg`], [`lowest_chunk`] (maps of the low bits: POW2,
//! SHR_MULTIPLIER, byte multipliers and lane masks, alignment), [`division`] (VALID_DIV0,
//! VALID_UNSIGNED_REMAINDER), [`no_overflow`].
//!
//! Every output `g` can produce from genuine subtable values (read at *any* chunk indices, not
//! only those of a valid query) is below `2^32`, so a register written from a lookup output is
//! always a 32-bit word; `tests/lookups.rs` checks this.

pub mod bitwise;
pub mod cneg;
pub mod division;
pub mod eq;
pub mod lowest_chunk;
pub mod no_overflow;
pub mod slt;
pub mod sltu;
mod spec;
pub mod window;

pub use spec::LookupId;

use crate::params::LookupParams;
use crate::subtables::SubtableId;
use ark_ff::PrimeField;
use std::collections::BTreeSet;

/// A lookup table's decomposition into subtables, for parameters `(C, log M)`.
pub trait LookupInstruction {
    /// The table this decomposes.
    fn id(&self) -> LookupId;

    /// The memories `(subtable, chunk)` that `g` reads, in the order [`combine`] takes their
    /// values.
    ///
    /// [`combine`]: LookupInstruction::combine
    fn subtables(&self, params: &LookupParams) -> Vec<(SubtableId, usize)>;

    /// `g(values)`, `values[k]` being the value read from memory `subtables()[k]`.
    fn combine<F: PrimeField>(&self, params: &LookupParams, values: &[F]) -> F;

    /// The total degree of `g`.
    fn g_degree(&self, params: &LookupParams) -> usize;

    /// `g` in words, for tables and `jolt explain`.
    fn g_formula(&self, params: &LookupParams) -> String;

    /// The chunk indices `dim_0 … dim_{C−1}` for operands `x`, `y`.
    fn chunk_indices(&self, params: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        self.id().query_kind().chunk_indices(params, x, y)
    }

    /// The full table entry for `x`, `y` (the specification `g` must reproduce).
    fn lookup_output(&self, x: u32, y: u32) -> u32 {
        self.id().lookup_output(x, y)
    }
}

/// Calls `$body` with `$l` bound to the decomposition of `$id`.
macro_rules! with_lookup {
    ($id:expr, $l:ident => $body:expr) => {{
        use LookupId::*;
        match $id {
            Add => {
                let $l = window::ADD;
                $body
            }
            Sub => {
                let $l = window::SUB;
                $body
            }
            Mul => {
                let $l = window::MUL;
                $body
            }
            Mulhu => {
                let $l = window::MULHU;
                $body
            }
            ShrMul => {
                let $l = window::SHR_MUL;
                $body
            }
            Identity => {
                let $l = window::IDENTITY;
                $body
            }
            JalrTarget => {
                let $l = window::JALR_TARGET;
                $body
            }
            AlignWord => {
                let $l = window::ALIGN_WORD;
                $body
            }
            ExtractByte => {
                let $l = window::EXTRACT_BYTE;
                $body
            }
            ExtractByteSigned => {
                let $l = window::EXTRACT_BYTE_SIGNED;
                $body
            }
            ExtractHalf => {
                let $l = window::EXTRACT_HALF;
                $body
            }
            ExtractHalfSigned => {
                let $l = window::EXTRACT_HALF_SIGNED;
                $body
            }
            ReplicateByte => {
                let $l = window::REPLICATE_BYTE;
                $body
            }
            ReplicateHalf => {
                let $l = window::REPLICATE_HALF;
                $body
            }
            SignMask => {
                let $l = window::SIGN_MASK;
                $body
            }
            And => {
                let $l = bitwise::AND;
                $body
            }
            Or => {
                let $l = bitwise::OR;
                $body
            }
            Xor => {
                let $l = bitwise::XOR;
                $body
            }
            Eq => {
                let $l = eq::EQ;
                $body
            }
            Ne => {
                let $l = eq::NE;
                $body
            }
            Sltu => {
                let $l = sltu::SLTU;
                $body
            }
            Geu => {
                let $l = sltu::GEU;
                $body
            }
            Slt => {
                let $l = slt::SLT;
                $body
            }
            Ge => {
                let $l = slt::GE;
                $body
            }
            Cneg => {
                let $l = cneg::Cneg;
                $body
            }
            Pow2 => {
                let $l = lowest_chunk::POW2;
                $body
            }
            ShrMultiplier => {
                let $l = lowest_chunk::SHR_MULTIPLIER;
                $body
            }
            ByteMultiplier => {
                let $l = lowest_chunk::BYTE_MULTIPLIER;
                $body
            }
            HalfMultiplier => {
                let $l = lowest_chunk::HALF_MULTIPLIER;
                $body
            }
            ByteLaneMask => {
                let $l = lowest_chunk::BYTE_LANE_MASK;
                $body
            }
            HalfLaneMask => {
                let $l = lowest_chunk::HALF_LANE_MASK;
                $body
            }
            WordAligned => {
                let $l = lowest_chunk::WORD_ALIGNED;
                $body
            }
            HalfAligned => {
                let $l = lowest_chunk::HALF_ALIGNED;
                $body
            }
            ValidDiv0 => {
                let $l = division::ValidDiv0;
                $body
            }
            ValidUnsignedRemainder => {
                let $l = division::ValidUnsignedRemainder;
                $body
            }
            MulNoOverflow => {
                let $l = no_overflow::MUL_NO_OVERFLOW;
                $body
            }
            AddNoOverflow => {
                let $l = no_overflow::ADD_NO_OVERFLOW;
                $body
            }
        }
    }};
}

/// The registry: every [`LookupId`] answers for its decomposition.
impl LookupId {
    /// The memories `(subtable, chunk)` that `g` reads.
    pub fn subtables(self, params: &LookupParams) -> Vec<(SubtableId, usize)> {
        with_lookup!(self, l => l.subtables(params))
    }

    /// `g` over the values read from [`LookupId::subtables`].
    pub fn combine<F: PrimeField>(self, params: &LookupParams, values: &[F]) -> F {
        with_lookup!(self, l => l.combine(params, values))
    }

    /// The total degree of `g`.
    pub fn g_degree(self, params: &LookupParams) -> usize {
        with_lookup!(self, l => l.g_degree(params))
    }

    /// `g` in words.
    pub fn g_formula(self, params: &LookupParams) -> String {
        with_lookup!(self, l => l.g_formula(params))
    }

    /// The chunk indices `dim_0 … dim_{C−1}` for operands `x`, `y`.
    pub fn chunk_indices(self, params: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        self.query_kind().chunk_indices(params, x, y)
    }

    /// The values `S[dim_c]` of every memory of this lookup, for chunk indices `dims`.
    pub fn memory_values(self, params: &LookupParams, dims: &[usize]) -> Vec<u64> {
        self.subtables(params)
            .into_iter()
            .map(|(table, c)| table.entry(params.log_m(), dims[c] as u64))
            .collect()
    }

    /// `g(S[dim])` for the chunks of `(x, y)`: the lookup as Lasso computes it. Equals
    /// `lookup_output(x, y)` (as a field element) for every `x`, `y`.
    pub fn evaluate_decomposition<F: PrimeField>(self, params: &LookupParams, x: u32, y: u32) -> F {
        let dims = self.chunk_indices(params, x, y);
        let values: Vec<F> = self
            .memory_values(params, &dims)
            .into_iter()
            .map(F::from)
            .collect();
        self.combine(params, &values)
    }
}

/// Every memory `(subtable, chunk)` some lookup reads, sorted: what an untoggled Surge
/// instance checks at every step.
pub fn memories_in_use(params: &LookupParams) -> Vec<(SubtableId, usize)> {
    let set: BTreeSet<(SubtableId, usize)> = LookupId::ALL
        .into_iter()
        .flat_map(|id| id.subtables(params))
        .collect();
    set.into_iter().collect()
}

/// Every subtable some lookup reads, sorted: what the Lasso prover materializes.
pub fn subtables_in_use(params: &LookupParams) -> Vec<SubtableId> {
    let set: BTreeSet<SubtableId> = memories_in_use(params)
        .into_iter()
        .map(|(table, _)| table)
        .collect();
    set.into_iter().collect()
}

/// `2^(b·(C−1−c))`: the weight of operand chunk `c` in a 32-bit word.
pub(crate) fn operand_weight(params: &LookupParams, chunk: usize) -> u64 {
    1 << (params.operand_chunk_bits() * (params.c() - 1 - chunk))
}

/// `Σ_i LTU_i · Π_{j<i} EQ_j` over `ltu = [LTU_0 …]`, `eq = [EQ_0 … EQ_{C−2}]`.
pub(crate) fn unsigned_less_than<F: PrimeField>(ltu: &[F], eq: &[F]) -> F {
    let mut prefix = F::one();
    let mut sum = F::zero();
    for (i, &lt) in ltu.iter().enumerate() {
        sum += lt * prefix;
        if i < eq.len() {
            prefix *= eq[i];
        }
    }
    sum
}

/// The memories of [`unsigned_less_than`]: `(ltu, c)` for every chunk, then `(eq, c)` for
/// every chunk but the last.
pub(crate) fn unsigned_less_than_memories(params: &LookupParams) -> Vec<(SubtableId, usize)> {
    let c = params.c();
    (0..c)
        .map(|i| (SubtableId::Ltu, i))
        .chain((0..c - 1).map(|i| (SubtableId::Eq, i)))
        .collect()
}
