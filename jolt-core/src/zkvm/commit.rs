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

/// A committed column that is, at many steps, an integer combination of other committed
/// columns plus a constant: `target(t) = Σ_i c_i·term_i(t) + constant + residual(t)` with
/// `residual` zero at most steps (positions in the polynomial list). A homomorphic scheme
/// then commits `target` as `Σ_i c_i·C(term_i) + constant·C(1) + C(residual⁺) − C(residual⁻)`,
/// which is exactly `C(target)` for any values (the residual is computed, not assumed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinearRelation {
    /// The column committed through the relation.
    pub target: usize,
    /// `(column, c_i)`.
    pub terms: Vec<(usize, i64)>,
    /// The constant.
    pub constant: u64,
}

/// The relations of the zkVM's columns (positions from `position`, a [`PolyLayout`] column's
/// place in the polynomial list), in an order where each term is committed before it is
/// used (several for one target: the sparsest residual wins): operand `x` = rs1's value,
/// `y` = rs2's value or the immediate, lookup output = `x + y` (additions), `rd` write =
/// lookup output (except loads, jumps, `x0`), `target = pc + 4` (except jumps and taken
/// branches), and with Twist's increments `(register, RAM)` (committed as `Inc + offset`,
/// 33 bits) `Inc + offset = wv − rv + offset`.
pub fn zkvm_relations(
    layout: &PolyLayout,
    position: impl Fn(usize) -> Option<usize>,
    increments: Option<(usize, usize, u64)>,
) -> Vec<LinearRelation> {
    let relation = |target: usize, terms: &[(usize, i64)], constant: u64| {
        let terms = terms
            .iter()
            .map(|&(column, c)| Some((position(column)?, c)))
            .collect::<Option<Vec<_>>>()?;
        Some(LinearRelation {
            target: position(target)?,
            terms,
            constant,
        })
    };
    use super::bytecode_table::field;
    let mut relations = vec![
        // Operands: x is rs1's value for most instructions; y is rs2's or the immediate.
        relation(layout.x, &[(layout.read_values[0], 1)], 0),
        relation(layout.y, &[(layout.read_values[1], 1)], 0),
        relation(layout.y, &[(layout.bc_field(field::IMM), 1)], 0),
        // An addition's output (off by 2^32 where it wraps).
        relation(layout.lookup_output, &[(layout.x, 1), (layout.y, 1)], 0),
        relation(layout.rd_write, &[(layout.lookup_output, 1)], 0),
        relation(layout.target, &[(layout.bc_field(field::PC), 1)], 4),
    ];
    if let Some((register_inc, ram_inc, offset)) = increments {
        // `Inc + offset = wv − rv + offset` (the increments are wider than the values).
        for (before, after, inc) in [
            (layout.read_values[2], layout.rd_write, register_inc),
            (layout.read_values[3], layout.ram_write, ram_inc),
        ] {
            relations.push(
                position(after)
                    .zip(position(before))
                    .map(|(after, before)| LinearRelation {
                        target: inc,
                        terms: vec![(after, 1), (before, -1)],
                        constant: offset,
                    }),
            );
        }
    }
    relations.into_iter().flatten().collect()
}

/// Commits `polys`: the members of `reads` with [`CommitmentScheme::commit_gathered`] (one
/// call per group), the targets of `relations` from their terms where the residual is
/// sparse (homomorphic schemes), the rest one by one in parallel. The result is in `polys`
/// order and equals committing each polynomial.
pub fn commit_columns<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    reads: &[TableReads],
    relations: &[LinearRelation],
    polys: &[MultilinearPolynomial<S::Field>],
) -> Result<Vec<S::Commitment>, PcsError> {
    Ok(commit_columns_with_rows::<S>(setup, reads, relations, polys)?.0)
}

/// The index rows of each group of `reads` (see
/// [`CommitmentScheme::commit_gathered_with_rows`]; `None` where the scheme has none).
pub type GroupRows<C> = Vec<Option<Vec<C>>>;

/// The commitments in polynomial order and each group's index rows.
pub type CommitmentsWithRows<C> = (Vec<C>, GroupRows<C>);

/// [`commit_columns`], also returning each `reads` group's index rows when the scheme
/// computed them (for [`merged_one_hot`]).
pub fn commit_columns_with_rows<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    reads: &[TableReads],
    relations: &[LinearRelation],
    polys: &[MultilinearPolynomial<S::Field>],
) -> Result<CommitmentsWithRows<S::Commitment>, PcsError> {
    let mut commitments: Vec<Option<S::Commitment>> = (0..polys.len()).map(|_| None).collect();
    let mut group_rows = Vec::with_capacity(reads.len());
    for group in reads {
        let tables: Vec<&[u64]> = group.members.iter().map(|(_, t)| t.as_slice()).collect();
        let (found, rows) =
            S::commit_gathered_with_rows(setup, group.num_rows, &group.indices, &tables)?;
        for ((i, _), c) in group.members.iter().zip(found) {
            commitments[*i] = Some(c);
        }
        group_rows.push(rows);
    }
    // Relation targets wait for their terms; residuals are computed now (in parallel).
    // Of several relations for one target, the sparsest residual is used.
    let mut residuals: Vec<Option<(usize, Residual<S::Field>)>> = relations
        .par_iter()
        .map(|rel| {
            if commitments[rel.target].is_some() {
                return None;
            }
            sparse_residual(rel, polys)
        })
        .collect();
    for (r, rel) in relations.iter().enumerate() {
        let sparser = relations.iter().enumerate().any(|(q, other)| {
            other.target == rel.target
                && match (&residuals[q], &residuals[r]) {
                    (Some((a, _)), Some((b, _))) => a < b || (a == b && q < r),
                    _ => false,
                }
        });
        if sparser {
            residuals[r] = None;
        }
    }
    let residuals: Vec<Option<(usize, Residual<S::Field>)>> = relations
        .iter()
        .zip(residuals)
        .map(|(rel, r)| r.map(|(_, parts)| (rel.target, parts)))
        .collect();
    let derived: Vec<bool> = (0..polys.len())
        .map(|i| residuals.iter().flatten().any(|(t, _)| *t == i))
        .collect();
    let rest: Vec<usize> = (0..polys.len())
        .filter(|&i| commitments[i].is_none() && !derived[i])
        .collect();
    let found: Vec<S::Commitment> = rest
        .par_iter()
        .map(|&i| S::commit(setup, &polys[i]))
        .collect::<Result<_, _>>()?;
    for (&i, c) in rest.iter().zip(found) {
        commitments[i] = Some(c);
    }
    let ones = residuals
        .iter()
        .any(Option::is_some)
        .then(|| {
            S::commit(
                setup,
                &MultilinearPolynomial::from(vec![true; polys[0].len()]),
            )
        })
        .transpose()?;
    for (rel, residual) in relations.iter().zip(residuals) {
        let Some((target, [plus, minus])) = residual else {
            continue;
        };
        let terms: Option<Vec<S::Commitment>> = rel
            .terms
            .iter()
            .map(|&(j, _)| commitments[j].clone())
            .collect();
        let Some(mut points) = terms else {
            // A term that is itself committed later: commit the target directly.
            commitments[target] = Some(S::commit(setup, &polys[target])?);
            continue;
        };
        let mut coeffs: Vec<S::Field> = rel.terms.iter().map(|&(_, c)| signed(c)).collect();
        points.push(ones.clone().expect("committed above"));
        coeffs.push(S::Field::from(rel.constant));
        points.push(S::commit(setup, &plus)?);
        coeffs.push(S::Field::from(1u64));
        points.push(S::commit(setup, &minus)?);
        coeffs.push(-S::Field::from(1u64));
        commitments[target] = Some(match S::combine_commitments(&points, &coeffs) {
            Some(c) => c,
            None => S::commit(setup, &polys[target])?,
        });
    }
    let commitments = commitments
        .into_iter()
        .map(|c| c.expect("every polynomial committed"))
        .collect();
    Ok((commitments, group_rows))
}

/// The rows of the one-hot matrix with indices `chunk` when `chunk` is a function of the
/// group's index column (`chunk[t] = map[indices[t]]` for one `map`, found by a pass over
/// the steps): the group's index rows merged by `map`
/// ([`CommitmentScheme::merge_one_hot_rows`]), instead of a pass over the steps per chunk.
/// `None` when `chunk` is no such function, or the scheme has no rows or cannot merge them.
pub fn merged_one_hot<S: CommitmentScheme>(
    group: &TableReads,
    rows: Option<&[S::Commitment]>,
    chunk: &[u16],
    num_rows: usize,
) -> Result<Option<Vec<S::Commitment>>, PcsError> {
    let Some(rows) = rows else {
        return Ok(None);
    };
    if chunk.len() != group.indices.len() {
        return Ok(None);
    }
    // map[x] for each index row x seen; an unseen row's H_x is the identity, any y will do.
    let mut map: Vec<Option<u16>> = vec![None; group.num_rows];
    for (&x, &y) in group.indices.iter().zip(chunk) {
        match map[x as usize] {
            None => map[x as usize] = Some(y),
            Some(seen) if seen == y => {}
            Some(_) => return Ok(None),
        }
    }
    let map: Vec<u16> = map.into_iter().map(|y| y.unwrap_or(0)).collect();
    if map.iter().any(|&y| y as usize >= num_rows) {
        return Ok(None);
    }
    S::merge_one_hot_rows(rows, &map, num_rows)
}

/// A relation's residual as its positive and negative parts.
type Residual<F> = [MultilinearPolynomial<F>; 2];

/// `c` in the field.
fn signed<F: ark_ff::PrimeField>(c: i64) -> F {
    if c < 0 {
        -F::from(c.unsigned_abs())
    } else {
        F::from(c as u64)
    }
}

/// `residual = target − Σ c_i·term_i − constant`: its number of non-zero steps and its
/// positive and negative parts (each a compact column), when every column is a compact integer column of one length,
/// the residual fits 64 bits and is non-zero at no more than half of the steps (a full-width
/// target costs about two additions per step, a small residual one per non-zero step).
fn sparse_residual<F: ark_ff::PrimeField>(
    rel: &LinearRelation,
    polys: &[MultilinearPolynomial<F>],
) -> Option<(usize, Residual<F>)> {
    let target = &polys[rel.target];
    let n = target.len();
    if rel
        .terms
        .iter()
        .any(|&(j, _)| polys[j].len() != n || !polys[j].is_small())
        || !target.is_small()
    {
        return None;
    }
    let (mut plus, mut minus) = (vec![0u64; n], vec![0u64; n]);
    let mut nonzero = 0usize;
    // Blocks of steps, each column read with one typed loop (no per-step dispatch).
    const BLOCK: usize = 1024;
    let (mut residual, mut term) = (vec![0i128; BLOCK], vec![0i128; BLOCK]);
    for start in (0..n).step_by(BLOCK) {
        let len = BLOCK.min(n - start);
        target.write_small(start..start + len, &mut residual, 1)?;
        for &(j, c) in &rel.terms {
            polys[j].write_small(start..start + len, &mut term, 1)?;
            for (r, v) in residual[..len].iter_mut().zip(&term) {
                *r -= c as i128 * v;
            }
        }
        for (k, &r) in residual[..len].iter().enumerate() {
            let r = r - rel.constant as i128;
            if r == 0 {
                continue;
            }
            nonzero += 1;
            if nonzero > n / 2 {
                return None;
            }
            let magnitude = u64::try_from(r.unsigned_abs()).ok()?;
            if r > 0 {
                plus[start + k] = magnitude;
            } else {
                minus[start + k] = magnitude;
            }
        }
    }
    Some((
        nonzero,
        [
            MultilinearPolynomial::compact_from_u64s(&plus),
            MultilinearPolynomial::compact_from_u64s(&minus),
        ],
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use commitments::{HyperKzg, Hyrax};
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    use rand_chacha::ChaCha20Rng;

    /// Targets committed through relations (a sparse signed residual, two candidates for
    /// one target, a chain of two relations, a dense residual that falls back, a term committed only later, a field
    /// column) equal the columns committed one by one.
    fn relations_commit_like_the_columns<S: CommitmentScheme<Field = Fr>>() {
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        let n = 1usize << 9;
        let a: Vec<u64> = (0..n).map(|_| rng.next_u32() as u64 + 100).collect();
        let b: Vec<u64> = a
            .iter()
            .map(|&v| match rng.next_u32() % 10 {
                0 => v + 4 - 37,
                1 => v + 4 + 1000,
                _ => v + 4,
            })
            .collect();
        let c: Vec<u64> = b.iter().map(|&v| 3 * v + 1).collect();
        let dense: Vec<u64> = (0..n).map(|_| rng.next_u32() as u64).collect();
        let mut polys: Vec<MultilinearPolynomial<Fr>> = [&a, &b, &c, &dense]
            .iter()
            .map(|v| MultilinearPolynomial::compact_from_u64s(v))
            .collect();
        polys.push(MultilinearPolynomial::dense(
            (0..n as u64)
                .map(|v| Fr::from(v) - Fr::from(7u64))
                .collect(),
        ));
        let relations = vec![
            LinearRelation {
                target: 1,
                terms: vec![(0, 1)],
                constant: 4,
            },
            LinearRelation {
                target: 2,
                terms: vec![(1, 3)],
                constant: 1,
            },
            LinearRelation {
                target: 3,
                terms: vec![(0, 1)],
                constant: 0,
            },
            LinearRelation {
                target: 0,
                terms: vec![(1, 1)],
                constant: 0,
            },
            LinearRelation {
                target: 4,
                terms: vec![(0, 1)],
                constant: 0,
            },
        ];
        let setup = S::insecure_test_setup(9, 1);
        let got = commit_columns::<S>(&setup, &[], &relations, &polys).unwrap();
        for (i, p) in polys.iter().enumerate() {
            assert_eq!(got[i], S::commit(&setup, p).unwrap(), "column {i}");
        }
    }

    #[test]
    fn relations_commit_like_the_columns_hyperkzg() {
        relations_commit_like_the_columns::<HyperKzg>();
    }

    #[test]
    fn relations_commit_like_the_columns_hyrax() {
        relations_commit_like_the_columns::<Hyrax>();
    }
}
