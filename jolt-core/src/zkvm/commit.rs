//! Committing the dense witness columns, those that are one table read per step as gathers
//! of the table (see `paper-notes/jolt.md`, "Committing table reads").
//!
//! Many witness columns are `column(t) = table[index(t)]` for a column `index` the witness
//! also commits:
//! - every bytecode field: `V_f(t) = bytecode[bc_index(t)][f]`, and `bc_index` itself (the
//!   identity table);
//! - every Surge memory value `E_α(t) = S_s[dim_c(t)]` for the memory `α = (s, c)`, and
//!   `dim_c` itself.
//!
//! A homomorphic scheme commits a group sharing one index with
//! [`CommitmentScheme::commit_gathered`]: the `T`-sized work (one addition per step into its
//! row's bucket) is done once, then each column is an MSM over the table's rows. The
//! commitments equal those of the columns committed one by one; only columns equal to their
//! gather take this path (a corrupted witness is committed as it is).

use super::bytecode_table::{BytecodeTable, NUM_FIELDS};
use super::witness::{JoltWitness, PolyLayout};
use crate::lasso::rv32_memories;
use crate::opening::TableReads;
use commitments::{CommitmentScheme, PcsError};
use instructions::{LookupParams, SubtableId};
use rayon::prelude::*;
use sumcheck::MultilinearPolynomial;

/// The most table rows a gather takes (its row indices are `u16`).
const MAX_GATHER_ROWS: usize = 1 << 16;

/// What a gathered column reads at its index.
#[derive(Clone, Copy, Debug)]
enum TableSource {
    /// The index itself.
    Identity,
    /// Bytecode field `f` of the row.
    BytecodeField(usize),
    /// The subtable's entry.
    Subtable(SubtableId),
}

/// Witness columns that read one table at one shared index column.
struct GatherGroup {
    /// The [`PolyLayout`] column holding each step's row index.
    index_column: usize,
    /// The table's number of rows.
    num_rows: usize,
    /// `(PolyLayout column, what it reads)`.
    members: Vec<(usize, TableSource)>,
}

/// The bytecode group (`bc_index` and every field) and one group per lookup chunk (`dim_c`
/// and the memory values of chunk `c`).
fn gather_groups(
    table: &BytecodeTable,
    layout: &PolyLayout,
    params: &LookupParams,
) -> Vec<GatherGroup> {
    let bytecode = GatherGroup {
        index_column: layout.bc_index,
        num_rows: table.rows.len(),
        members: std::iter::once((layout.bc_index, TableSource::Identity))
            .chain((0..NUM_FIELDS).map(|f| (layout.bc_field(f), TableSource::BytecodeField(f))))
            .collect(),
    };
    let memories = rv32_memories(params);
    let chunks = (0..layout.chunks).map(|c| GatherGroup {
        index_column: layout.dims + c,
        num_rows: 1 << params.log_m(),
        members: std::iter::once((layout.dims + c, TableSource::Identity))
            .chain(
                memories
                    .iter()
                    .enumerate()
                    .filter(|(_, &(_, chunk))| chunk == c)
                    .map(|(alpha, &(s, _))| {
                        (layout.memory_values + alpha, TableSource::Subtable(s))
                    }),
            )
            .collect(),
    });
    std::iter::once(bytecode).chain(chunks).collect()
}

/// The [`TableReads`] among `polys`, where `polys[i]` is the polynomial of [`PolyLayout`]
/// column `columns[i]` of `witness` for `i < columns.len()` (later polynomials are no
/// witness column, e.g. Twist's increments): per group of the module doc, the members whose
/// column equals its gather (a column with field entries or any other difference is left
/// out, and so is a group whose table has more than `2^16` rows or an index outside it).
pub fn table_reads<F: ark_ff::PrimeField>(
    table: &BytecodeTable,
    params: &LookupParams,
    layout: &PolyLayout,
    witness: &JoltWitness,
    columns: &[usize],
    polys: &[MultilinearPolynomial<F>],
) -> Vec<TableReads> {
    gather_groups(table, layout, params)
        .iter()
        .filter_map(|group| gathered_members(table, params, group, witness, columns, polys))
        .collect()
}

/// Commits `polys`, the members of `reads` with [`CommitmentScheme::commit_gathered`] (one
/// call per group), the rest one by one in parallel; the result is in `polys` order and
/// equals committing each polynomial.
pub fn commit_columns<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    reads: &[TableReads],
    polys: &[MultilinearPolynomial<S::Field>],
) -> Result<Vec<S::Commitment>, PcsError> {
    let mut commitments: Vec<Option<S::Commitment>> = (0..polys.len()).map(|_| None).collect();
    for group in reads {
        let tables: Vec<&[u64]> = group.members.iter().map(|(_, t)| t.as_slice()).collect();
        let found = S::commit_gathered(setup, group.num_rows, &group.indices, &tables)?;
        for ((i, _), c) in group.members.iter().zip(found) {
            commitments[*i] = Some(c);
        }
    }
    let rest: Vec<usize> = (0..polys.len())
        .filter(|&i| commitments[i].is_none())
        .collect();
    let found: Vec<S::Commitment> = rest
        .par_iter()
        .map(|&i| S::commit(setup, &polys[i]))
        .collect::<Result<_, _>>()?;
    for (&i, c) in rest.iter().zip(found) {
        commitments[i] = Some(c);
    }
    Ok(commitments
        .into_iter()
        .map(|c| c.expect("every polynomial committed"))
        .collect())
}

/// The group's members among `polys` that equal their gather, as [`TableReads`]; `None`
/// when the table has more than `2^16` rows, an index is outside it, or no member
/// qualifies.
fn gathered_members<F: ark_ff::PrimeField>(
    table: &BytecodeTable,
    params: &LookupParams,
    group: &GatherGroup,
    witness: &JoltWitness,
    columns: &[usize],
    polys: &[MultilinearPolynomial<F>],
) -> Option<TableReads> {
    let num_rows = group.num_rows;
    let indices = witness.columns.get(group.index_column)?;
    if num_rows > MAX_GATHER_ROWS || indices.iter().any(|&k| k >= num_rows as u64) {
        return None;
    }
    let indices: Vec<u16> = indices.iter().map(|&k| k as u16).collect();
    let members: Vec<(usize, Vec<u64>)> = columns
        .par_iter()
        .enumerate()
        .filter_map(|(i, &column)| {
            let &(_, source) = group.members.iter().find(|(c, _)| *c == column)?;
            if matches!(polys[i], MultilinearPolynomial::Dense(_)) {
                return None; // field entries: committed as they are
            }
            let gather: Vec<u64> = match source {
                TableSource::Identity => (0..num_rows as u64).collect(),
                TableSource::BytecodeField(f) => table.rows.iter().map(|row| row[f]).collect(),
                TableSource::Subtable(s) => (0..num_rows as u64)
                    .map(|k| s.entry(params.log_m(), k))
                    .collect(),
            };
            let values = &witness.columns[column];
            let equal = values.len() == indices.len()
                && values
                    .iter()
                    .zip(&indices)
                    .all(|(&v, &k)| v == gather[k as usize]);
            equal.then_some((i, gather))
        })
        .collect();
    (!members.is_empty()).then_some(TableReads {
        num_rows,
        indices,
        members,
    })
}
