//! The Surge instance of the RV32IM lookups: every [`LookupId`] of the `instructions` crate
//! as one Surge instruction over the crate's subtables, for any supported `(C, log M)`.
//!
//! The memories are every `(subtable, chunk)` some lookup's `g` reads
//! ([`instructions::memories_in_use`]) **plus** the operand memories
//! `(LeftOperand, c)` and `(RightOperand, c)` for every chunk `c`. Those two are read at every
//! step like all others (the instance is untoggled), so for an interleaved query
//! `dim_c = x_c·2^b + y_c` the values `E_{(LeftOperand,c)} = x_c` and
//! `E_{(RightOperand,c)} = y_c` are *range-checked operand chunks by construction*: the VM's
//! R1CS binds `x = Σ_c x_c·2^{b(C−1−c)}` to them (see `paper-notes/lasso.md`, "operand
//! chunks").
//!
//! Instruction `f` of the instance is `LookupId::ALL[f]`.

use super::surge::{FieldFn, SurgeInstruction, SurgeParams};
use ark_ff::PrimeField;
use instructions::{memories_in_use, LookupId, LookupParams, SubtableId};
use std::collections::BTreeSet;

/// The memories of the RV32IM Surge instance, sorted: [`memories_in_use`] plus the left and
/// right operand memories of every chunk.
pub fn rv32_memories(params: &LookupParams) -> Vec<(SubtableId, usize)> {
    let mut set: BTreeSet<(SubtableId, usize)> = memories_in_use(params).into_iter().collect();
    for c in 0..params.c() {
        set.insert((SubtableId::LeftOperand, c));
        set.insert((SubtableId::RightOperand, c));
    }
    set.into_iter().collect()
}

/// Where the operand memories of chunk `c` sit in [`rv32_memories`]: `(left, right)`.
pub fn operand_memory_indices(params: &LookupParams) -> Vec<(usize, usize)> {
    let memories = rv32_memories(params);
    let find = |m: (SubtableId, usize)| {
        memories
            .iter()
            .position(|&x| x == m)
            .expect("operand memories are always present")
    };
    (0..params.c())
        .map(|c| {
            (
                find((SubtableId::LeftOperand, c)),
                find((SubtableId::RightOperand, c)),
            )
        })
        .collect()
}

/// The Surge parameters for all RV32IM lookups: subtables materialized for the prover, their
/// MLEs (evaluated in `O(log M)` by the verifier), the memories of [`rv32_memories`] and one
/// instruction per [`LookupId::ALL`] entry with `g = LookupId::combine`.
pub fn rv32_surge_params<F: PrimeField>(params: &LookupParams) -> SurgeParams<F> {
    let memories = rv32_memories(params);
    let tables: Vec<SubtableId> = {
        let set: BTreeSet<SubtableId> = memories.iter().map(|&(s, _)| s).collect();
        set.into_iter().collect()
    };
    let table_index = |s: SubtableId| tables.iter().position(|&t| t == s).expect("listed");
    let log_m = params.log_m();
    let subtables: Vec<Vec<F>> = tables
        .iter()
        .map(|s| s.materialize(log_m).into_iter().map(F::from).collect())
        .collect();
    let subtable_mles: Vec<FieldFn<F>> = tables
        .iter()
        .map(|&s| Box::new(move |r: &[F]| s.evaluate_mle::<F>(r)) as FieldFn<F>)
        .collect();
    let surge_memories: Vec<(usize, usize)> =
        memories.iter().map(|&(s, c)| (table_index(s), c)).collect();
    let instructions = LookupId::ALL
        .iter()
        .map(|&id| {
            let reads: Vec<usize> = id
                .subtables(params)
                .into_iter()
                .map(|m| {
                    memories
                        .iter()
                        .position(|&x| x == m)
                        .expect("every memory of a lookup is in use")
                })
                .collect();
            let p = *params;
            SurgeInstruction {
                name: id.name(),
                memories: reads,
                combine: Box::new(move |v: &[F]| id.combine(&p, v)) as FieldFn<F>,
                degree: id.g_degree(params),
            }
        })
        .collect();
    SurgeParams {
        log_m,
        subtables,
        subtable_mles,
        num_chunks: params.c(),
        memories: surge_memories,
        instructions,
    }
}

/// The position of `id` among the instance's instructions (its flag index).
pub fn lookup_index(id: LookupId) -> usize {
    LookupId::ALL
        .iter()
        .position(|&x| x == id)
        .expect("every lookup is listed in ALL")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;

    #[test]
    fn operand_memories_hold_the_operand_chunks() {
        for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
            let params = rv32_surge_params::<Fr>(&p);
            let b = p.operand_chunk_bits();
            for (c, (l, r)) in operand_memory_indices(&p).into_iter().enumerate() {
                let (lt, lc) = params.memories[l];
                let (rt, rc) = params.memories[r];
                assert_eq!((lc, rc), (c, c));
                let dim = 0b1011_0110usize % p.m();
                assert_eq!(params.subtables[lt][dim], Fr::from((dim >> b) as u64));
                assert_eq!(
                    params.subtables[rt][dim],
                    Fr::from((dim & ((1 << b) - 1)) as u64)
                );
            }
            assert_eq!(params.instructions.len(), LookupId::ALL.len());
        }
    }
}
