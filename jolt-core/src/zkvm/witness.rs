//! The committed witness of a Jolt proof: every polynomial, built straight from a trace.
//!
//! All committed polynomials are small non-negative integers, kept as `u64` columns and
//! committed in their compact form (pay-per-bit: a 0/1 column costs a 0/1 MSM). Their order
//! is fixed by [`PolyLayout`]; sizes are `T` (steps), `2T`, `4T` (memory operations),
//! `M` (witness words), the bytecode table size, and `2^{log M}` (subtables).
//!
//! Per step `t` the read-write memory sees four operations at indices `4t + k`:
//! `k = 0` reads `rs1`, `k = 1` reads `rs2`, `k = 2` reads then writes `rd`, `k = 3` is the
//! step's RAM word operation (a no-op step reads and writes back x0). Operation `i` writes at
//! timestamp `i + 1`; the witness records the read timestamps.

use ark_ff::PrimeField;
use instructions::{LookupParams, QueryKind};
use sumcheck::{DensePolynomial, MultilinearPolynomial};

use super::bytecode_table::{field, BytecodeTable, NUM_FIELDS};
use super::regions::AddressRegions;
use crate::lasso::rv32_memories;
use crate::memory_checking::{range_check_counters, read_counters};
use crate::vm::{RamOpKind, Trace};

/// Operations on the read-write memory per step.
pub const OPS_PER_STEP: usize = 4;

/// The sizes every polynomial's length is derived from (verifier-side, except `log_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WitnessSizes {
    /// `log2 T`, the padded trace length.
    pub log_t: usize,
    /// `log2 M`, the padded witness memory.
    pub log_memory: usize,
    /// `log2` of the bytecode table size.
    pub log_bytecode: usize,
    /// `log M` of the subtables.
    pub log_subtable: usize,
}

/// Where each committed polynomial sits in the witness's list, and how long it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolyLayout {
    /// Lookup chunks `C`.
    pub chunks: usize,
    /// Number of Surge memories.
    pub memories: usize,
    /// Number of address regions.
    pub regions: usize,
    /// First bytecode field column (fields `0..NUM_FIELDS` follow).
    pub bc_fields: usize,
    /// The bytecode row index each step reads.
    pub bc_index: usize,
    /// Bytecode read counters (`T`).
    pub bc_read_counts: usize,
    /// Values read by the four operations (`rv_0` = rs1 value, `rv_1` = rs2 value,
    /// `rv_2` = rd before, `rv_3` = RAM word before).
    pub read_values: [usize; 4],
    /// Value written to `rd` (`wv_2`).
    pub rd_write: usize,
    /// RAM word after the step (`wv_3`).
    pub ram_write: usize,
    /// Witness address of the RAM operation (`a_3`).
    pub ram_address: usize,
    /// Read timestamps of the four operations.
    pub read_timestamps: [usize; 4],
    /// Lookup operand `x`.
    pub x: usize,
    /// Lookup operand `y`.
    pub y: usize,
    /// `y` on a product query's step, else 0 (`y_p = prod·y`), so that `product` is zero
    /// wherever no product query reads it (a sparse column).
    pub y_product: usize,
    /// `x · y_p`.
    pub product: usize,
    /// `out · imm` (branch targets).
    pub out_times_imm: usize,
    /// `out · imm_neg` (branch targets).
    pub out_times_imm_neg: usize,
    /// The pc the step's instruction continues at.
    pub target: usize,
    /// First region flag (one per [`AddressRegions`] region).
    pub region_flags: usize,
    /// The RAM access's word offset inside its region.
    pub ram_offset: usize,
    /// First chunk index column `dim_c`.
    pub dims: usize,
    /// First Surge memory value column `E_α`.
    pub memory_values: usize,
    /// The lookup output.
    pub lookup_output: usize,
    /// First Surge read counter column (one per chunk: memories of a chunk share addresses).
    pub lookup_read_counts: usize,
    /// Region range-check read counters: the `2T`-long vector split by its lowest index bit
    /// into 2 columns of length `T` (column `k` holds entries `2t + k`).
    pub region_read_counts: usize,
    /// Timestamp range-check read counters: the `4T`-long vector split by its two lowest
    /// index bits into 4 columns of length `T` (so no committed polynomial is longer than the
    /// trace and the one batched opening stays at `log T` variables).
    pub ts_read_counts: usize,
    /// Timestamp range-check final counters (`4T` cells), split the same way into 4 columns.
    pub ts_final_counts: usize,
    /// Final memory values (`M`).
    pub final_values: usize,
    /// Final memory timestamps (`M`).
    pub final_timestamps: usize,
    /// Region range-check final counters (`M`).
    pub region_final_counts: usize,
    /// Bytecode final counters (table size).
    pub bc_final_counts: usize,
    /// First Surge final counter column (one per chunk, `2^{log M}` each).
    pub lookup_final_counts: usize,
    /// Number of polynomials.
    pub total: usize,
}

impl PolyLayout {
    /// The layout for lookup parameters `params` and `regions` address regions.
    pub fn new(params: &LookupParams, regions: usize) -> Self {
        let chunks = params.c();
        let memories = rv32_memories(params).len();
        let mut next = 0usize;
        let mut take = |n: usize| {
            let at = next;
            next += n;
            at
        };
        let bc_fields = take(NUM_FIELDS);
        let bc_index = take(1);
        let bc_read_counts = take(1);
        let read_values = [take(1), take(1), take(1), take(1)];
        let rd_write = take(1);
        let ram_write = take(1);
        let ram_address = take(1);
        let read_timestamps = [take(1), take(1), take(1), take(1)];
        let x = take(1);
        let y = take(1);
        let y_product = take(1);
        let product = take(1);
        let out_times_imm = take(1);
        let out_times_imm_neg = take(1);
        let target = take(1);
        let region_flags = take(regions);
        let ram_offset = take(1);
        let dims = take(chunks);
        let memory_values = take(memories);
        let lookup_output = take(1);
        let lookup_read_counts = take(chunks);
        let region_read_counts = take(2);
        let ts_read_counts = take(OPS_PER_STEP);
        let ts_final_counts = take(OPS_PER_STEP);
        let final_values = take(1);
        let final_timestamps = take(1);
        let region_final_counts = take(1);
        let bc_final_counts = take(1);
        let lookup_final_counts = take(chunks);
        PolyLayout {
            chunks,
            memories,
            regions,
            bc_fields,
            bc_index,
            bc_read_counts,
            read_values,
            rd_write,
            ram_write,
            ram_address,
            read_timestamps,
            x,
            y,
            y_product,
            product,
            out_times_imm,
            out_times_imm_neg,
            target,
            region_flags,
            ram_offset,
            dims,
            memory_values,
            lookup_output,
            lookup_read_counts,
            region_read_counts,
            ts_read_counts,
            ts_final_counts,
            final_values,
            final_timestamps,
            region_final_counts,
            bc_final_counts,
            lookup_final_counts,
            total: next,
        }
    }

    /// The bytecode field column `j`.
    pub fn bc_field(&self, j: usize) -> usize {
        self.bc_fields + j
    }

    /// The number of variables of polynomial `index`.
    pub fn num_vars(&self, index: usize, sizes: &WitnessSizes) -> usize {
        let t = sizes.log_t;
        if index < self.final_values {
            t
        } else if index < self.bc_final_counts {
            sizes.log_memory
        } else if index == self.bc_final_counts {
            sizes.log_bytecode
        } else {
            sizes.log_subtable
        }
    }
}

/// The witness: every committed polynomial as a `u64` column, in [`PolyLayout`] order.
///
/// The fields are public so tests can corrupt one value and run the honest prover on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoltWitness {
    /// The sizes.
    pub sizes: WitnessSizes,
    /// Columns in [`PolyLayout`] order.
    pub columns: Vec<Vec<u64>>,
    /// The initial memory (public: program image, input, `sp`), `M` words.
    pub initial_memory: Vec<u64>,
    /// Committed entries that are not small non-negative integers (empty for an honest
    /// witness): they replace `columns[column][step]` in the committed polynomial.
    pub field_entries: Vec<FieldEntry>,
}

/// A committed entry `numerator / denominator` in the field — what a lying prover commits
/// where the honest witness holds a small integer (a region flag `−1`, a product `4·2^−32`).
/// The adversarial tests use it; the `u64` column keeps whatever the other parts of the
/// honest prover's code path should read (e.g. `−1` as `2^64 − 1` for wrapping sums).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldEntry {
    /// The polynomial.
    pub column: usize,
    /// The step (or other index).
    pub step: usize,
    /// The numerator.
    pub numerator: i128,
    /// The denominator (non-zero).
    pub denominator: u64,
}

impl FieldEntry {
    /// The entry's value.
    pub fn value<F: PrimeField>(&self) -> F {
        let d = F::from(self.denominator)
            .inverse()
            .expect("a field entry's denominator is non-zero");
        F::from(self.numerator) * d
    }
}

impl JoltWitness {
    /// The polynomials to commit, each in the smallest compact form that holds it (a
    /// column with [`FieldEntry`]s is dense).
    pub fn polynomials<F: PrimeField>(&self) -> Vec<MultilinearPolynomial<F>> {
        (0..self.columns.len())
            .map(|j| {
                if self.field_entries.iter().any(|e| e.column == j) {
                    DensePolynomial::new(self.field_column(j)).into()
                } else {
                    MultilinearPolynomial::compact_from_u64s(&self.columns[j])
                }
            })
            .collect()
    }

    /// Column `j` as field elements, [`FieldEntry`]s applied.
    pub fn field_column<F: PrimeField>(&self, j: usize) -> Vec<F> {
        let mut values: Vec<F> = self.columns[j].iter().map(|&v| F::from(v)).collect();
        for e in self.field_entries.iter().filter(|e| e.column == j) {
            values[e.step] = e.value();
        }
        values
    }
}

/// The padded trace length for `steps` executed steps: a power of two with room for at
/// least one padding step after the halt (so the last step is always inactive), ≥ 8.
pub fn padded_steps(steps: usize) -> usize {
    (steps + 1).next_power_of_two().max(8)
}

/// `u64` column entries as table indices (wrapping values stay huge and are reduced by
/// [`read_counters`]).
fn as_indices(values: &[u64]) -> impl Iterator<Item = usize> + '_ {
    values.iter().map(|&v| v as usize)
}

/// Builds the witness of `trace` for a program with bytecode `table`, initial memory
/// `initial` (the program's public initial words) and address `regions`: every column of
/// both backends (see [`generate_witness_for`]).
pub fn generate_witness(
    params: &LookupParams,
    table: &BytecodeTable,
    regions: &AddressRegions,
    initial: &[u32],
    trace: &Trace,
) -> JoltWitness {
    generate_witness_for(
        super::Backend::LassoSpice,
        params,
        table,
        regions,
        initial,
        trace,
    )
}

/// [`generate_witness`] with only the columns `backend` reads: the Twist/Shout backend
/// derives no counters, timestamps or final memory, and of the Surge memory values only
/// the operand chunks the CPU constraints read (the other columns stay empty).
pub fn generate_witness_for(
    backend: super::Backend,
    params: &LookupParams,
    table: &BytecodeTable,
    regions: &AddressRegions,
    initial: &[u32],
    trace: &Trace,
) -> JoltWitness {
    let (layout, mut cols) = step_columns(params, table, regions, trace);
    match backend {
        super::Backend::LassoSpice => complete_witness(params, table, regions, initial, cols),
        super::Backend::TwistShout => {
            let surge_memories = rv32_memories(params);
            for (left, right) in crate::lasso::operand_memory_indices(params) {
                for alpha in [left, right] {
                    cols[layout.memory_values + alpha] =
                        memory_value_column(params, &layout, &cols, surge_memories[alpha]);
                }
            }
            let t = cols[layout.bc_index].len();
            assemble(params, table, initial, t, cols)
        }
    }
}

/// `E_α(t) = S_s[dim_c(t)]` for the memory `α = (s, c)`.
fn memory_value_column(
    params: &LookupParams,
    layout: &PolyLayout,
    cols: &[Vec<u64>],
    (subtable, c): (instructions::SubtableId, usize),
) -> Vec<u64> {
    let log_m = params.log_m();
    cols[layout.dims + c]
        .iter()
        .map(|&d| subtable.entry(log_m, d % (1 << log_m)))
        .collect()
}

/// The step columns of `trace` (everything but what [`complete_witness`] derives).
fn step_columns(
    params: &LookupParams,
    table: &BytecodeTable,
    regions: &AddressRegions,
    trace: &Trace,
) -> (PolyLayout, Vec<Vec<u64>>) {
    let layout = PolyLayout::new(params, regions.len());
    let t = padded_steps(trace.steps.len());
    let mut cols: Vec<Vec<u64>> = vec![Vec::new(); layout.total];
    for (j, col) in cols.iter_mut().enumerate() {
        if j < layout.final_values {
            *col = vec![0; t];
        }
    }
    // (address, read, write) per step
    let mut ram_ops: Vec<[u64; 3]> = vec![[0; 3]; t];
    // The bytecode row of every step, then each field column in a pass of its own
    // (sequential writes, instead of `NUM_FIELDS` scattered ones per step). The columns are
    // filled in place: replacing them would free the lazily zeroed blocks and take fresh heap
    // ones, which the allocator keeps after the witness is dropped.
    let mut bc_index = std::mem::take(&mut cols[layout.bc_index]);
    for (i, slot) in bc_index.iter_mut().enumerate() {
        *slot = trace
            .steps
            .get(i)
            .map_or(table.padding_row, |s| s.bytecode_index as usize) as u64;
    }
    for j in 0..NUM_FIELDS {
        for (slot, &i) in cols[layout.bc_field(j)].iter_mut().zip(&bc_index) {
            *slot = table.row(i as usize)[j];
        }
    }
    cols[layout.bc_index] = bc_index;
    for step_index in 0..t {
        let step = trace.steps.get(step_index);
        let bc_index = cols[layout.bc_index][step_index] as usize;
        let row = table.row(bc_index);
        let Some(s) = step else {
            // A padding row: pc 0, straight-line target pc + 4.
            cols[layout.target][step_index] = row[field::PC] + 4;
            continue;
        };
        let set = |cols: &mut Vec<Vec<u64>>, c: usize, v: u64| cols[c][step_index] = v;
        set(&mut cols, layout.read_values[0], s.rs1_value as u64);
        set(&mut cols, layout.read_values[1], s.rs2_value as u64);
        set(&mut cols, layout.read_values[2], s.rd_before as u64);
        set(&mut cols, layout.rd_write, s.rd_after as u64);
        if s.ram.kind != RamOpKind::None {
            ram_ops[step_index] = [s.ram.address as u64, s.ram.read as u64, s.ram.write as u64];
        }
        set(&mut cols, layout.read_values[3], ram_ops[step_index][1]);
        set(&mut cols, layout.ram_write, ram_ops[step_index][2]);
        set(&mut cols, layout.ram_address, ram_ops[step_index][0]);
        // An advice row's value is its operand `x` (the prover's choice, constrained only by
        // what later rows assert about it), so it needs no column of its own.
        let (x, y) = (s.lookup_x as u64, s.lookup_y as u64);
        set(&mut cols, layout.x, x);
        set(&mut cols, layout.y, y);
        let lookup = s.row.opcode.spec().lookup;
        if lookup.is_some_and(|id| id.query_kind() == QueryKind::Product) {
            set(&mut cols, layout.y_product, y);
            set(&mut cols, layout.product, x * y);
        }
        let out = s.lookup_output as u64;
        set(&mut cols, layout.lookup_output, out);
        let imm = row[field::IMM];
        set(&mut cols, layout.out_times_imm, out.wrapping_mul(imm));
        set(
            &mut cols,
            layout.out_times_imm_neg,
            out.wrapping_mul(row[field::IMM_NEG]),
        );
        let pc = row[field::PC];
        let target = if row[field::PC_JUMP] == 1 {
            out
        } else if row[field::PC_BRANCH] == 1 && out == 1 {
            (pc as i64 + imm as u32 as i32 as i64) as u64
        } else {
            pc + 4
        };
        set(&mut cols, layout.target, target);
        if row[field::RAM_LOAD] == 1 || row[field::RAM_STORE] == 1 {
            let address = (s.rs1_value as i64 + imm as u32 as i32 as i64) as u64;
            if let Some((k, offset)) = regions.locate(address) {
                set(&mut cols, layout.region_flags + k, 1);
                set(&mut cols, layout.ram_offset, offset);
            }
        }
        if let Some(id) = lookup {
            let dims = id.chunk_indices(params, s.lookup_x, s.lookup_y);
            for (c, d) in dims.iter().enumerate() {
                set(&mut cols, layout.dims + c, *d as u64);
            }
        }
    }
    (layout, cols)
}

/// Completes a witness whose step columns (the bytecode row of each step, register and RAM
/// values and addresses, operands, lookup chunks and output, region flags and offset, the
/// R1CS helper columns) are set: derives everything the other checks read from them — Surge
/// memory values and counters, bytecode counters, read timestamps, final memory, the
/// range checks' counters. The adversarial tests tell a lie in a step column and call this,
/// so that only the CPU constraint the lie breaks can reject it.
pub fn complete_witness(
    params: &LookupParams,
    table: &BytecodeTable,
    regions: &AddressRegions,
    initial: &[u32],
    mut cols: Vec<Vec<u64>>,
) -> JoltWitness {
    let layout = PolyLayout::new(params, regions.len());
    let t = cols[layout.bc_index].len();
    let m = initial.len().next_power_of_two().max(2);
    let surge_memories = rv32_memories(params);
    let log_m = params.log_m();
    // Surge memory values (every memory is read at every step) and per-chunk counters.
    for (alpha, &memory) in surge_memories.iter().enumerate() {
        cols[layout.memory_values + alpha] = memory_value_column(params, &layout, &cols, memory);
    }
    for c in 0..layout.chunks {
        let (reads, finals) = read_counters(as_indices(&cols[layout.dims + c]), 1 << log_m);
        cols[layout.lookup_read_counts + c] = reads;
        cols[layout.lookup_final_counts + c] = finals;
    }
    // Bytecode counters.
    let (reads, finals) = read_counters(as_indices(&cols[layout.bc_index]), table.rows.len());
    cols[layout.bc_read_counts] = reads;
    cols[layout.bc_final_counts] = finals;
    // Read-write memory: timestamps, final values and timestamps.
    let mut values: Vec<u64> = initial.iter().map(|&w| w as u64).collect();
    values.resize(m, 0);
    let mut stamps = vec![0u64; m];
    let ops = memory_ops(&layout, &cols);
    let mut ts = [vec![0u64; t], vec![0u64; t], vec![0u64; t], vec![0u64; t]];
    for (i, (a, _read, write)) in ops.iter().enumerate() {
        let cell = (*a % m as u64) as usize;
        ts[i % OPS_PER_STEP][i / OPS_PER_STEP] = stamps[cell];
        values[cell] = *write;
        stamps[cell] = i as u64 + 1;
    }
    let n = OPS_PER_STEP * t;
    let interleaved_ts: Vec<u64> = (0..n)
        .map(|i| ts[i % OPS_PER_STEP][i / OPS_PER_STEP])
        .collect();
    let (_, ts_reads, ts_finals) = range_check_counters(&interleaved_ts);
    drop(interleaved_ts);
    for (k, col) in ts.into_iter().enumerate() {
        cols[layout.read_timestamps[k]] = col;
    }
    for k in 0..OPS_PER_STEP {
        cols[layout.ts_read_counts + k] = ts_reads
            .iter()
            .skip(k)
            .step_by(OPS_PER_STEP)
            .copied()
            .collect();
        cols[layout.ts_final_counts + k] = ts_finals
            .iter()
            .skip(k)
            .step_by(OPS_PER_STEP)
            .copied()
            .collect();
    }
    cols[layout.final_values] = values;
    cols[layout.final_timestamps] = stamps;
    // Region range check: offset and slack of every step, interleaved.
    let checked = region_checked_values(&layout, regions, &cols);
    let (reads, finals) = read_counters(as_indices(&checked), m);
    for k in 0..2 {
        cols[layout.region_read_counts + k] = reads.iter().skip(k).step_by(2).copied().collect();
    }
    cols[layout.region_final_counts] = finals;
    assemble(params, table, initial, t, cols)
}

/// The witness of completed `cols` (`t` steps each): its sizes and the initial memory padded to `M = 2^{log M}`
/// words.
fn assemble(
    params: &LookupParams,
    table: &BytecodeTable,
    initial: &[u32],
    t: usize,
    cols: Vec<Vec<u64>>,
) -> JoltWitness {
    let m = initial.len().next_power_of_two().max(2);
    let mut initial_memory: Vec<u64> = initial.iter().map(|&w| w as u64).collect();
    initial_memory.resize(m, 0);
    JoltWitness {
        sizes: WitnessSizes {
            log_t: t.trailing_zeros() as usize,
            log_memory: m.trailing_zeros() as usize,
            log_bytecode: table.log_size(),
            log_subtable: params.log_m(),
        },
        columns: cols,
        initial_memory,
        field_entries: Vec::new(),
    }
}

// Rows are read across several columns at once, so index loops are the plain form here.
#[allow(clippy::needless_range_loop)]
/// The `4T` memory operations `(address, read value, write value)` in order `4t + k`.
pub fn memory_ops(layout: &PolyLayout, cols: &[Vec<u64>]) -> Vec<(u64, u64, u64)> {
    let t = cols[layout.bc_index].len();
    let f = |j: usize| &cols[layout.bc_field(j)];
    let mut ops = Vec::with_capacity(OPS_PER_STEP * t);
    for s in 0..t {
        let rv = |k: usize| cols[layout.read_values[k]][s];
        ops.push((f(field::RS1)[s], rv(0), rv(0)));
        ops.push((f(field::RS2)[s], rv(1), rv(1)));
        ops.push((f(field::RD)[s], rv(2), cols[layout.rd_write][s]));
        ops.push((
            cols[layout.ram_address][s],
            rv(3),
            cols[layout.ram_write][s],
        ));
    }
    ops
}

#[allow(clippy::needless_range_loop)]
/// The `2T` values the region range check reads, interleaved per step: the RAM offset
/// `o(t)` and the slack `Σ_k flag_k(t)·(words_k − 1) − o(t)`, each reduced mod `2^64`
/// (a negative slack wraps, and the verifier's field arithmetic then rejects it; a flag
/// `2^64 − 1` counts as `−1`, so a test's [`FieldEntry`] flag `−1` gets its true slack).
pub fn region_checked_values(
    layout: &PolyLayout,
    regions: &AddressRegions,
    cols: &[Vec<u64>],
) -> Vec<u64> {
    let t = cols[layout.bc_index].len();
    let mut out = Vec::with_capacity(2 * t);
    for s in 0..t {
        let offset = cols[layout.ram_offset][s];
        let limit: u64 = (0..regions.len())
            .map(|k| {
                cols[layout.region_flags + k][s]
                    .wrapping_mul(regions.regions[k].words.saturating_sub(1))
            })
            .fold(0, u64::wrapping_add);
        out.push(offset);
        out.push(limit.wrapping_sub(offset));
    }
    out
}
