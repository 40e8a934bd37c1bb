//! The Twist/Shout backend's prover: one call per part, in transcript order.

use std::borrow::Cow;
use std::time::Instant;

use ark_ff::{PrimeField, Zero};
use commitments::{CommitmentScheme, PcsError};
use rayon::prelude::*;
use sumcheck::{EqPolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

use super::super::bytecode_table::NUM_FIELDS;
use super::super::commit::{commit_columns_with_rows, merged_one_hot, table_reads, zkvm_relations};
use super::super::preprocessing::JoltPreprocessing;
use super::super::proof::PublicIo;
use super::super::prover::{prove_cpu_constraints, Progress, ProveError, ProveTimings};
use super::super::statement::{absorb_statement, compress_tuple, PublicMemory};
use super::super::witness::{region_checked_values, JoltWitness};
use super::one_hot_opening::{
    merge_claims, merged_commitment, merged_opening_claims, merged_polynomial,
};
use super::proof::{dense_claims, one_hot_claims, StatedEvals, TwistShoutPoints, TwistShoutProof};
use super::shape::{TwistShoutShape, INC_OFFSET};
use super::{absorb_backend, lookup_chunk_table, operand_memories};
use crate::lasso::surge::prove_surge_primary;
use crate::lasso::SurgeWitness;
use crate::opening::{evaluate_with_reads, prove_openings_with_reads};
use crate::twist_shout::{
    prove_shout, prove_shout_batch, prove_twist_with_claims, OneHotAddresses, OutputRegion,
    RaChunk, ShoutInstance, ShoutParams, TwistParams, TwistWitness,
};

/// What the prover holds besides the dense polynomials: each Shout instance's one-hot
/// addresses (the Twist witnesses are rebuilt where they are used, so they do not add to the
/// lookups' peak memory).
struct OneHotWitness<F> {
    bytecode: OneHotAddresses<F>,
    lookups: Vec<OneHotAddresses<F>>,
    regions: [OneHotAddresses<F>; 2],
}

/// The registers' and the RAM's Twist witnesses, from the witness columns.
fn twist_witnesses<F: PrimeField>(
    witness: &JoltWitness,
    shape: &TwistShoutShape,
    public: &PublicMemory,
) -> (TwistWitness<F>, TwistWitness<F>) {
    let layout = &shape.layout;
    let registers = twist_witness::<F>(
        witness,
        &shape.registers,
        &public.initial[..shape.num_registers],
        &shape.register_columns()[4..7],
        shape.register_columns()[6],
        layout.rd_write,
    );
    let ram = twist_witness::<F>(
        witness,
        &shape.ram,
        &public.initial,
        &[layout.ram_address],
        layout.ram_address,
        layout.ram_write,
    );
    (registers, ram)
}

fn encode<F: PrimeField>(addresses: &[u64], p: &ShoutParams) -> OneHotAddresses<F> {
    let k = 1u64 << p.log_k();
    let reduced: Vec<u64> = addresses.iter().map(|&a| a % k).collect();
    OneHotAddresses::encode(&reduced, p.log_n, p.d).expect("addresses reduced below K")
}

/// The memory trace of a Twist instance from the witness columns: reads at `reads`, the
/// write of `written` at `write` (addresses reduced modulo `K`; a lying column shows up as a
/// false claim), starting from `init`.
fn twist_witness<F: PrimeField>(
    witness: &JoltWitness,
    p: &TwistParams,
    init: &[u32],
    reads: &[usize],
    write: usize,
    written: usize,
) -> TwistWitness<F> {
    let k = 1u64 << p.log_k();
    let mut memory = vec![F::zero(); k as usize];
    for (cell, &w) in memory.iter_mut().zip(init) {
        *cell = F::from(w);
    }
    let column = |c: usize| -> Vec<u64> { witness.columns[c].iter().map(|&a| a % k).collect() };
    let values: Vec<F> = witness.field_column(written);
    TwistWitness::from_run(
        memory,
        reads.iter().map(|&c| column(c)).collect(),
        column(write),
        &values,
    )
}

/// The chunk indices of every chunk of `one_hot` (honest encodings only).
fn indices<F>(one_hot: &OneHotAddresses<F>) -> Vec<&[u16]> {
    one_hot
        .chunks
        .iter()
        .map(|c| match c {
            RaChunk::OneHot(v) => v.as_slice(),
            RaChunk::Sparse(_) => unreachable!("the prover encodes honestly"),
        })
        .collect()
}

/// `Inc + 2^32` as a committed polynomial: compact when every entry is a small integer.
fn inc_polynomial<F: PrimeField>(inc: &[F]) -> MultilinearPolynomial<F> {
    let offset = F::from(INC_OFFSET);
    let shifted: Vec<F> = inc.par_iter().map(|v| *v + offset).collect();
    let small: Option<Vec<u64>> = shifted
        .par_iter()
        .map(|v| {
            let big = v.into_bigint();
            let limbs = big.as_ref();
            limbs[1..].iter().all(|&l| l == 0).then_some(limbs[0])
        })
        .collect();
    match small {
        Some(v) => MultilinearPolynomial::compact_from_u64s(&v),
        None => MultilinearPolynomial::dense(shifted),
    }
}

/// Proves `witness` for `io` with the Twist/Shout backend (tests pass corrupted witnesses).
pub fn prove_twist_shout<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: &JoltWitness,
    progress: &dyn Progress,
) -> Result<(TwistShoutProof<S>, ProveTimings), ProveError> {
    prove(pre, io, Cow::Borrowed(witness), progress)
}

/// [`prove_twist_shout`] taking the witness: its `u64` columns are freed once the committed
/// polynomials, the one-hot chunks and the Surge and Twist witnesses are built (the peak
/// memory of the lookups, Spartan and the opening no longer includes them).
pub fn prove_twist_shout_owned<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: JoltWitness,
    progress: &dyn Progress,
) -> Result<(TwistShoutProof<S>, ProveTimings), ProveError> {
    prove(pre, io, Cow::Owned(witness), progress)
}

fn prove<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: Cow<'_, JoltWitness>,
    progress: &dyn Progress,
) -> Result<(TwistShoutProof<S>, ProveTimings), ProveError> {
    let log_t = witness.sizes.log_t;
    if log_t > pre.max_log_t {
        return Err(ProveError::TraceTooLong {
            log_t,
            max: pre.max_log_t,
        });
    }
    let public = PublicMemory::new(pre, io).ok_or(ProveError::IoTooLarge)?;
    let entry_row = pre.entry_row().ok_or(ProveError::EntryNotAnInstruction)?;
    let shape = TwistShoutShape::new(pre, log_t);
    let layout = &shape.layout;
    let cols = &witness.columns;
    let mut timings = ProveTimings::default();

    // Witness: dense polynomials and one-hot addresses.
    progress.stage("commit");
    let clock = Instant::now();
    let field_column = |j: usize| witness.field_entries.iter().any(|e| e.column == j);
    let mut polys: Vec<MultilinearPolynomial<S::Field>> = shape
        .committed
        .par_iter()
        .map(|&j| {
            if field_column(j) {
                MultilinearPolynomial::dense(witness.field_column(j))
            } else {
                MultilinearPolynomial::compact_from_u64s(&cols[j])
            }
        })
        .collect();
    let (register_witness, ram_witness) = crate::profiled!(
        "twist witnesses",
        twist_witnesses::<S::Field>(&witness, &shape, &public)
    );
    let (registers, ram) = (&register_witness, &ram_witness);
    polys.push(inc_polynomial(&registers.inc));
    polys.push(inc_polynomial(&ram.inc));
    let checked = region_checked_values(layout, &pre.regions, cols);
    let offsets: Vec<u64> = checked.iter().step_by(2).copied().collect();
    let slacks: Vec<u64> = checked.iter().skip(1).step_by(2).copied().collect();
    drop(checked);
    let one_hot = OneHotWitness {
        bytecode: encode(&cols[layout.bc_index], &shape.bytecode),
        lookups: (0..layout.chunks)
            .map(|c| encode(&cols[layout.dims + c], &shape.lookups))
            .collect(),
        regions: [
            encode(&offsets, &shape.regions),
            encode(&slacks, &shape.regions),
        ],
    };
    drop((offsets, slacks));
    let twist_one_hot = |w: &TwistWitness<S::Field>, p: &TwistParams| {
        w.one_hot(p).expect("addresses reduced below K")
    };
    let register_chunks = twist_one_hot(registers, &shape.registers);
    let ram_chunks = twist_one_hot(ram, &shape.ram);
    let surge_witness = SurgeWitness {
        dims: (0..layout.chunks)
            .map(|c| {
                cols[layout.dims + c]
                    .iter()
                    .map(|&d| (d % (1 << pre.params.log_m())) as usize)
                    .collect()
            })
            .collect(),
        flags: (0..pre.surge.instructions.len())
            .map(|f| {
                cols[layout.bc_field(super::super::bytecode_table::field::lookup_flag(f))]
                    .iter()
                    .map(|&v| v == 1)
                    .collect()
            })
            .collect(),
        outputs: witness.field_column(layout.lookup_output),
    };
    let reads = table_reads(
        &pre.table,
        &pre.params,
        layout,
        &witness,
        &shape.committed,
        &polys,
    );
    let (commitments, group_rows) = crate::profiled!(
        "dense commitments",
        commit_columns_with_rows::<S>(
            &pre.setup,
            &reads,
            &zkvm_relations(
                layout,
                |j| shape.position(j),
                Some((shape.register_inc(), shape.ram_inc(), INC_OFFSET))
            ),
            &polys
        )
    )?;
    // Everything the prover reads from the columns is built: free them (when owned).
    drop(witness);
    let instances: Vec<&OneHotAddresses<S::Field>> = std::iter::once(&one_hot.bytecode)
        .chain(&one_hot.lookups)
        .chain([&register_chunks, &ram_chunks])
        .chain(&one_hot.regions)
        .collect();
    let shapes = shape.one_hot_shapes();
    let one_hot_clock = Instant::now();
    // Every committed chunk, in parallel: (instance, chunk indices).
    let stored: Vec<(usize, &[u16])> = instances
        .iter()
        .zip(&shapes)
        .enumerate()
        .flat_map(|(i, (inst, s))| {
            indices(inst)
                .into_iter()
                .take(s.stored_chunks())
                .map(move |c| (i, c))
        })
        .collect();
    // A chunk that is a function of a table-read group's index column (the bytecode row,
    // a lookup chunk's 16-bit index, a register number) merges that group's index rows.
    let chunk_rows: Vec<Vec<S::Commitment>> = stored
        .par_iter()
        .map(|&(i, chunk)| {
            let num_rows = 1 << shapes[i].log_n;
            for (group, rows) in reads.iter().zip(&group_rows) {
                if let Some(merged) = merged_one_hot::<S>(group, rows.as_deref(), chunk, num_rows)?
                {
                    return Ok(merged);
                }
            }
            S::commit_one_hot(&pre.setup, num_rows, chunk)
        })
        .collect::<Result<_, PcsError>>()?;
    let mut one_hot_commitments: Vec<Vec<S::Commitment>> = vec![Vec::new(); instances.len()];
    for ((i, _), rows) in stored.iter().zip(chunk_rows) {
        one_hot_commitments[*i].extend(rows);
    }
    timings.commit_one_hot = one_hot_clock.elapsed();
    let mut transcript = MerlinTranscript::new(b"jolt");
    absorb_statement(pre, io, log_t, &mut transcript);
    absorb_backend(&mut transcript);
    transcript.append_serializable(b"jolt_commitments", &commitments);
    transcript.append_serializable(b"jolt_one_hot_commitments", &one_hot_commitments);
    timings.commit = clock.elapsed();

    // Bytecode: Shout over the β-compressed rows at the step's row index.
    progress.stage("bytecode");
    let clock = Instant::now();
    let beta: Vec<S::Field> = transcript.challenge_powers(b"bytecode_beta", NUM_FIELDS);
    // One access point for the bytecode, registers, RAM and region reads.
    let r_access: Vec<S::Field> = transcript.challenge_scalars(b"access_cycle", log_t);
    let eq_access = EqPolynomial::evals(&r_access);
    let mut bytecode_columns: Vec<usize> = (0..NUM_FIELDS).map(|j| layout.bc_field(j)).collect();
    bytecode_columns.push(layout.bc_index);
    // Every column stated at the access point, evaluated in one call (each table-read
    // group pushed forward once).
    let column_lists = [
        bytecode_columns,
        shape.register_columns().to_vec(),
        shape.ram_columns().to_vec(),
        shape.region_columns().to_vec(),
    ];
    let positions: Vec<usize> = column_lists
        .iter()
        .flatten()
        .map(|&j| shape.position(j).expect("committed"))
        .collect();
    let mut evals = crate::profiled!(
        "access-point evaluations",
        evaluate_with_reads(&polys, &reads, &positions, &eq_access)
    )
    .into_iter();
    let [bytecode_evals, register_evals, ram_evals, region_evals]: [Vec<S::Field>; 4] =
        column_lists.map(|list| evals.by_ref().take(list.len()).collect());
    drop(eq_access);
    transcript.append_scalars(b"bytecode_evals", &bytecode_evals);
    let mut table: Vec<S::Field> = pre
        .table
        .rows
        .par_iter()
        .map(|row| compress_tuple(&beta, row))
        .collect();
    table.resize(1 << shape.bytecode.log_k(), S::Field::zero());
    let (bytecode, bytecode_claims) = crate::profiled!(
        "bytecode Shout",
        prove_shout(
            &shape.bytecode,
            &one_hot.bytecode,
            &table,
            &r_access,
            &mut transcript,
        )
    );
    timings.bytecode = clock.elapsed();

    // Instruction lookups: Surge's primary zero-check, then one Shout per chunk position.
    progress.stage("lookups");
    let clock = Instant::now();
    let (lookups_primary, r_lookups, lookups_primary_evals) =
        prove_surge_primary(&pre.surge, &surge_witness, &mut transcript);
    drop(surge_witness);
    timings.lookups_primary = clock.elapsed();
    let eq_lookups = EqPolynomial::evals(&r_lookups);
    let lookup_dim_evals: Vec<S::Field> = (0..layout.chunks)
        .map(|c| {
            polys[shape.position(layout.dims + c).expect("committed")]
                .evaluate_with_eq_table(&eq_lookups)
        })
        .collect();
    drop(eq_lookups);
    transcript.append_scalars(b"lookup_dim_evals", &lookup_dim_evals);
    let gamma: Vec<S::Field> =
        transcript.challenge_powers(b"lookup_memory_gamma", pre.surge.memories.len());
    let tables: Vec<Vec<S::Field>> = (0..layout.chunks)
        .map(|c| lookup_chunk_table(&pre.surge, c, &gamma, shape.lookups.log_k()))
        .collect();
    let batch: Vec<ShoutInstance<'_, S::Field>> = one_hot
        .lookups
        .iter()
        .zip(&tables)
        .map(|(ra, t)| (ra, t.as_slice()))
        .collect();
    let (lookups, lookup_claims) = crate::profiled!(
        "lookups Shout batch",
        prove_shout_batch(&shape.lookups, &batch, &r_lookups, &mut transcript)
    );
    drop(tables);
    timings.lookups = clock.elapsed();

    // Registers and RAM: Twist; address regions: Shout into the identity table.
    progress.stage("memory");
    let clock = Instant::now();
    let no_output = OutputRegion {
        start: 0,
        values: Vec::new(),
    };
    // The access claims are the committed columns' values at the access point, stated above.
    let register_access = TwistShoutShape::register_access_claims(&register_evals)
        .expect("one evaluation per register column");
    let ram_access =
        TwistShoutShape::ram_access_claims(&ram_evals).expect("one evaluation per RAM column");
    let (registers, register_claims) = crate::profiled!(
        "registers Twist",
        prove_twist_with_claims(
            &shape.registers,
            &register_witness,
            &r_access,
            &register_access,
            &no_output,
            &mut transcript,
        )
    );
    let output = OutputRegion {
        start: public.io_start,
        values: public.final_io.iter().map(|&w| S::Field::from(w)).collect(),
    };
    let (ram, ram_claims) = crate::profiled!(
        "RAM Twist",
        prove_twist_with_claims(
            &shape.ram,
            &ram_witness,
            &r_access,
            &ram_access,
            &output,
            &mut transcript,
        )
    );
    drop((register_witness, ram_witness));
    transcript.append_scalars(b"region_evals", &region_evals);
    let identity: Vec<S::Field> = (0..1u64 << shape.regions.log_k())
        .map(S::Field::from)
        .collect();
    let (regions, region_claims) = prove_shout_batch(
        &shape.regions,
        &[
            (&one_hot.regions[0], &identity),
            (&one_hot.regions[1], &identity),
        ],
        &r_access,
        &mut transcript,
    );
    drop(identity);
    timings.memory = clock.elapsed();

    // CPU constraints.
    progress.stage("r1cs");
    let clock = Instant::now();
    let (r1cs, r1cs_claims) = prove_cpu_constraints(
        pre,
        |p| &polys[shape.position(p).expect("R1CS columns are committed")],
        &mut transcript,
    );
    timings.r1cs = clock.elapsed();

    // One batched opening: the dense claims and the merged one-hot claims.
    progress.stage("opening");
    let clock = Instant::now();
    let points = TwistShoutPoints {
        access: r_access,
        lookups: r_lookups,
        registers: register_claims,
        ram: ram_claims,
        r1cs: r1cs_claims,
    };
    let stated = StatedEvals {
        log_t: log_t as u32,
        bytecode_evals: &bytecode_evals,
        lookups_primary_evals: &lookups_primary_evals,
        lookup_dim_evals: &lookup_dim_evals,
        register_evals: &register_evals,
        ram_evals: &ram_evals,
        region_evals: &region_evals,
    };
    let mut claims = dense_claims(
        &shape,
        &stated,
        &points,
        &pre.constraints.columns,
        &operand_memories(&pre.params),
        entry_row,
    );
    let ra_claims = one_hot_claims(&bytecode_claims, &lookup_claims, &points, &region_claims);
    let merged = merge_claims(&ra_claims, &mut transcript);

    claims.extend(merged_opening_claims(&merged, polys.len()));
    let mut all_commitments = commitments.clone();
    let all_indices: Vec<Vec<&[u16]>> = instances.iter().map(|inst| indices(inst)).collect();
    for m in &merged {
        all_commitments.push(
            merged_commitment::<S>(m, &shapes, &one_hot_commitments)
                .ok_or(PcsError::NotHomomorphic)?,
        );
        polys.push(merged_polynomial(m, &all_indices));
    }
    // The chunk indices are in the derived polynomials now: free them before the opening.
    drop((all_indices, instances));
    drop((one_hot, register_chunks, ram_chunks));
    let opening = crate::profiled!(
        "opening",
        prove_openings_with_reads::<S>(
            &pre.setup,
            &polys,
            &reads,
            &all_commitments,
            &claims,
            &mut transcript,
        )
    )?;
    timings.opening = clock.elapsed();
    let proof = TwistShoutProof {
        log_t: log_t as u32,
        commitments,
        one_hot_commitments,
        bytecode_evals,
        bytecode,
        lookups_primary,
        lookups_primary_evals,
        lookup_dim_evals,
        lookups,
        register_evals,
        registers,
        ram_evals,
        ram,
        region_evals,
        regions,
        r1cs,
        opening,
    };
    Ok((proof, timings))
}
