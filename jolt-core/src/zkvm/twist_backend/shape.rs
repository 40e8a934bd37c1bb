//! What the Twist/Shout backend commits and how its one-hot instances are sized: everything
//! here is derived from the preprocessing and `log T` alone, so prover and verifier agree on
//! it without reading the proof.

use super::super::bytecode_table::field;
use super::super::preprocessing::JoltVerifierPreprocessing;
use super::super::witness::PolyLayout;
use crate::lasso::operand_memory_indices;
use crate::twist_shout::{ShoutParams, TwistParams};
use commitments::CommitmentScheme;

/// The most address bits one one-hot chunk holds. A chunk of `log N` bits is committed as
/// `N` row commitments (Twist and Shout §3.1.1, split columns), so proof size grows with
/// `N`; the read-checking sumchecks' degree grows with the number of chunks `d`. Four bits
/// (`N = 16`) keeps a 2^20-step proof's one-hot commitments near 20 KB with `d ≤ 5`.
pub const MAX_CHUNK_BITS: usize = 4;

/// `(log N, d)` for a `log K`-bit address space: `d = ⌈log K / MAX_CHUNK_BITS⌉` chunks of
/// `log N = ⌈log K / d⌉` bits (`d·log N ≥ log K`; the extra cells are never addressed).
pub fn one_hot_chunking(log_k: usize) -> (usize, usize) {
    let log_k = log_k.max(1);
    let d = log_k.div_ceil(MAX_CHUNK_BITS);
    (log_k.div_ceil(d), d)
}

fn log2_ceil(n: usize) -> usize {
    n.next_power_of_two().trailing_zeros() as usize
}

/// One instance's committed one-hot chunks: `chunks` matrices of `2^{log N}` rows in the
/// order the instance's protocol numbers them (Twist: family-major, reads then the write).
/// When the write goes to the same address column as one read family (registers: `rd`;
/// RAM: the word address), the write's chunks *are* that family's: committed once,
/// `write_alias` names the family, and the write's claims are opened against its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OneHotShape {
    /// Bits per chunk.
    pub log_n: usize,
    /// Number of chunk matrices the protocol numbers (committed or aliased).
    pub chunks: usize,
    /// `Some((d, first write chunk, read family))`: protocol chunks from the first write
    /// chunk on are the read family's chunks.
    pub write_alias: Option<(usize, usize, usize)>,
}

impl OneHotShape {
    /// The committed chunk holding protocol chunk `chunk`.
    pub fn stored_chunk(&self, chunk: usize) -> usize {
        match self.write_alias {
            Some((d, first_write, family)) if chunk >= first_write => {
                family * d + (chunk - first_write)
            }
            _ => chunk,
        }
    }

    /// The number of committed chunks.
    pub fn stored_chunks(&self) -> usize {
        match self.write_alias {
            Some((_, first_write, _)) => first_write,
            None => self.chunks,
        }
    }

    /// Row commitments this instance sends: committed chunks `· N`.
    pub fn num_row_commitments(&self) -> usize {
        self.stored_chunks() << self.log_n
    }
}

/// The sizes of every Twist/Shout instance of the zkVM and the committed dense columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwistShoutShape {
    /// The witness layout shared with the Lasso backend (column indices).
    pub layout: PolyLayout,
    /// The [`PolyLayout`] columns this backend commits, in commitment order. The Lasso-only
    /// columns (timestamps, counters, the memory values `E_α` other than the operand
    /// chunks, the final-memory columns) are absent.
    pub committed: Vec<usize>,
    /// Bytecode: Shout over the (padded) bytecode table.
    pub bytecode: ShoutParams,
    /// Instruction lookups: one Shout per chunk position, over `2^{log M}` entries.
    pub lookups: ShoutParams,
    /// Registers: Twist with reads `rs1`, `rs2`, `rd` and the write `rd`.
    pub registers: TwistParams,
    /// RAM: Twist over the witness address space, one read and one write per step.
    pub ram: TwistParams,
    /// Address regions: two Shouts (offset, slack) over the identity table.
    pub regions: ShoutParams,
    /// Register words `32 + virtual`.
    pub num_registers: usize,
}

impl TwistShoutShape {
    /// The shape for `pre` and `2^{log T}` steps.
    pub fn new<S: CommitmentScheme>(pre: &JoltVerifierPreprocessing<S>, log_t: usize) -> Self {
        let layout = pre.layout.clone();
        let operand_memories: Vec<usize> = operand_memory_indices(&pre.params)
            .into_iter()
            .flat_map(|(l, r)| [l, r])
            .collect();
        let committed: Vec<usize> = (0..layout.final_values)
            .filter(|&j| {
                let counters = j == layout.bc_read_counts
                    || layout.read_timestamps.contains(&j)
                    || (layout.lookup_read_counts..layout.lookup_read_counts + layout.chunks)
                        .contains(&j)
                    || (layout.region_read_counts..layout.final_values).contains(&j);
                let memory_value = (layout.memory_values..layout.memory_values + layout.memories)
                    .contains(&j)
                    && !operand_memories.contains(&(j - layout.memory_values));
                !counters && !memory_value
            })
            .collect();
        let shout = |log_k: usize| {
            let (log_n, d) = one_hot_chunking(log_k);
            ShoutParams { log_n, d, log_t }
        };
        let twist = |log_k: usize, num_reads: usize| {
            let (log_n, d) = one_hot_chunking(log_k);
            TwistParams {
                log_n,
                d,
                log_t,
                num_reads,
            }
        };
        let num_registers = pre.program.layout().num_register_words() as usize;
        TwistShoutShape {
            bytecode: shout(pre.table.log_size()),
            lookups: shout(pre.params.log_m()),
            registers: twist(log2_ceil(num_registers), 3),
            ram: twist(pre.log_memory, 1),
            regions: shout(pre.log_memory),
            committed,
            layout,
            num_registers,
        }
    }

    /// The position of [`PolyLayout`] column `column` among the dense commitments.
    pub fn position(&self, column: usize) -> Option<usize> {
        self.committed.iter().position(|&c| c == column)
    }

    /// The dense commitment of the registers' increments (offset by `2^32`, see
    /// [`INC_OFFSET`]).
    pub fn register_inc(&self) -> usize {
        self.committed.len()
    }

    /// The dense commitment of the RAM's increments.
    pub fn ram_inc(&self) -> usize {
        self.committed.len() + 1
    }

    /// The number of dense commitments (committed columns and the two increments).
    pub fn num_dense(&self) -> usize {
        self.committed.len() + 2
    }

    /// The one-hot instances in commitment order: bytecode, each lookup chunk position,
    /// registers, RAM, region offset, region slack.
    pub fn one_hot_shapes(&self) -> Vec<OneHotShape> {
        let shout = |p: &ShoutParams| OneHotShape {
            log_n: p.log_n,
            chunks: p.d,
            write_alias: None,
        };
        let twist = |p: &TwistParams, family: usize| OneHotShape {
            log_n: p.log_n,
            chunks: p.d * (p.num_reads + 1),
            write_alias: Some((p.d, p.d * p.num_reads, family)),
        };
        let mut shapes = vec![shout(&self.bytecode)];
        shapes.extend((0..self.layout.chunks).map(|_| shout(&self.lookups)));
        // Registers write `rd`, their third read family; RAM writes the word it read.
        shapes.push(twist(&self.registers, 2));
        shapes.push(twist(&self.ram, 0));
        shapes.push(shout(&self.regions));
        shapes.push(shout(&self.regions));
        shapes
    }

    /// The columns whose values at the registers' access point the proof states, in the
    /// order Twist takes the claims: read values `rs1`, `rs2`, `rd` (before), the written
    /// value, then the addresses `rs1`, `rs2`, `rd` (reads) and `rd` (write).
    pub fn register_columns(&self) -> [usize; 7] {
        let l = &self.layout;
        [
            l.read_values[0],
            l.read_values[1],
            l.read_values[2],
            l.rd_write,
            l.bc_field(field::RS1),
            l.bc_field(field::RS2),
            l.bc_field(field::RD),
        ]
    }

    /// Likewise for RAM: the read value, the written value, the address.
    pub fn ram_columns(&self) -> [usize; 3] {
        let l = &self.layout;
        [l.read_values[3], l.ram_write, l.ram_address]
    }

    /// The registers' Twist access claims `[rv_rs1, rv_rs2, rv_rd, wv, raf_rs1, raf_rs2,
    /// raf_rd, raf_w]` from the evaluations of [`Self::register_columns`]: the write's address
    /// is `rd`, the third read's. Prover and verifier build them here, the same way. `None`
    /// unless there are seven evaluations.
    pub fn register_access_claims<F: Copy>(evals: &[F]) -> Option<[F; 8]> {
        let e: &[F; 7] = evals.try_into().ok()?;
        Some([e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[6]])
    }

    /// RAM's Twist access claims `[rv, wv, raf_r, raf_w]` from the evaluations of
    /// [`Self::ram_columns`]: one word address for the read and the write. `None` unless
    /// there are three evaluations.
    pub fn ram_access_claims<F: Copy>(evals: &[F]) -> Option<[F; 4]> {
        let e: &[F; 3] = evals.try_into().ok()?;
        Some([e[0], e[1], e[2], e[2]])
    }

    /// The columns stated at the region check's point: the offset, then each region flag.
    pub fn region_columns(&self) -> Vec<usize> {
        let l = &self.layout;
        std::iter::once(l.ram_offset)
            .chain((0..l.regions).map(|k| l.region_flags + k))
            .collect()
    }
}

/// Increments are committed as `Inc + 2^32` (a non-negative integer below `2^33`), so a
/// pay-per-bit scheme commits them as small scalars; a claim `Inc~(r) = v` is opened as
/// `(Inc + 2^32)~(r) = v + 2^32`.
pub const INC_OFFSET: u64 = 1 << 32;
