//! The Twist/Shout backend's verifier. Everything public comes from the preprocessing and
//! the public I/O; every size is checked against [`TwistShoutShape`] before use; each failed
//! check is a [`JoltError`] variant.

use commitments::CommitmentScheme;
use sumcheck::{MerlinTranscript, Transcript};

use super::super::bytecode_table::NUM_FIELDS;
use super::super::preprocessing::JoltVerifierPreprocessing;
use super::super::proof::{JoltError, PublicIo};
use super::super::statement::{absorb_statement, sparse_mle, PublicMemory};
use super::super::verifier::{checked_log_t, expect_len};
use super::one_hot_opening::{merge_claims, merged_commitment, merged_opening_claims};
use super::proof::{dense_claims, one_hot_claims, TwistShoutPoints, TwistShoutProof};
use super::shape::TwistShoutShape;
use super::{absorb_backend, lookup_chunk_table_mle, operand_memories, zero_extended};
use crate::lasso::surge::verify_surge_primary;
use crate::opening::{verify_openings, OpeningError};
use crate::r1cs::verify_uniform_r1cs;
use crate::twist_shout::{
    int_mle, verify_shout, verify_shout_batch, verify_twist, OutputRegion, ShoutInstanceClaim,
};

/// A table's MLE, evaluated by the verifier.
type BoxedMle<'a, F> = Box<dyn Fn(&[F]) -> F + 'a>;

/// Checks every vector of `proof` against the shape before anything reads it.
fn check_shape<S: CommitmentScheme>(
    shape: &TwistShoutShape,
    proof: &TwistShoutProof<S>,
) -> Result<(), JoltError> {
    let chunks = shape.layout.chunks;
    expect_len("commitments", proof.commitments.len(), shape.num_dense())?;
    let shapes = shape.one_hot_shapes();
    expect_len(
        "one-hot instances",
        proof.one_hot_commitments.len(),
        shapes.len(),
    )?;
    for (rows, s) in proof.one_hot_commitments.iter().zip(&shapes) {
        expect_len(
            "one-hot row commitments",
            rows.len(),
            s.num_row_commitments(),
        )?;
    }
    expect_len(
        "bytecode evaluations",
        proof.bytecode_evals.len(),
        NUM_FIELDS + 1,
    )?;
    expect_len(
        "lookup dim evaluations",
        proof.lookup_dim_evals.len(),
        chunks,
    )?;
    expect_len("register evaluations", proof.register_evals.len(), 7)?;
    expect_len("RAM evaluations", proof.ram_evals.len(), 3)?;
    expect_len(
        "region evaluations",
        proof.region_evals.len(),
        1 + shape.layout.regions,
    )?;
    Ok(())
}

/// Verifies a Twist/Shout-backend proof that the preprocessed program, run on `io.input`,
/// halts with `io.exit_code` having written `io.output`.
pub fn verify_twist_shout<S: CommitmentScheme>(
    pre: &JoltVerifierPreprocessing<S>,
    io: &PublicIo,
    proof: &TwistShoutProof<S>,
) -> Result<(), JoltError> {
    let entry_row = pre.entry_row().ok_or(JoltError::EntryNotAnInstruction)?;
    let log_t = checked_log_t(proof.log_t, pre.max_log_t)?;
    let shape = TwistShoutShape::new(pre, log_t);
    check_shape(&shape, proof)?;
    let layout = &shape.layout;
    let public = PublicMemory::new(pre, io).ok_or(JoltError::IoTooLarge)?;
    let mut transcript = MerlinTranscript::new(b"jolt");
    absorb_statement(pre, io, log_t, &mut transcript);
    absorb_backend(&mut transcript);
    transcript.append_serializable(b"jolt_commitments", &proof.commitments);
    transcript.append_serializable(b"jolt_one_hot_commitments", &proof.one_hot_commitments);

    // Bytecode.
    let beta: Vec<S::Field> = transcript.challenge_powers(b"bytecode_beta", NUM_FIELDS);
    let r_access: Vec<S::Field> = transcript.challenge_scalars(b"access_cycle", log_t);
    transcript.append_scalars(b"bytecode_evals", &proof.bytecode_evals);
    let rv: S::Field = proof.bytecode_evals[..NUM_FIELDS]
        .iter()
        .zip(&beta)
        .map(|(v, b)| *v * b)
        .sum();
    let table_mle = |r: &[S::Field]| {
        zero_extended(r, pre.table.log_size(), |inner| {
            pre.table.compressed_mle(inner, &beta)
        })
    };
    let bytecode_claims = verify_shout(
        &shape.bytecode,
        &proof.bytecode,
        table_mle,
        &r_access,
        rv,
        proof.bytecode_evals[NUM_FIELDS],
        &mut transcript,
    )
    .map_err(JoltError::BytecodeShout)?;

    // Instruction lookups.
    let r_lookups = verify_surge_primary(
        &pre.surge,
        log_t,
        &proof.lookups_primary,
        &proof.lookups_primary_evals,
        &mut transcript,
    )
    .map_err(JoltError::Lookups)?;
    transcript.append_scalars(b"lookup_dim_evals", &proof.lookup_dim_evals);
    let gamma: Vec<S::Field> =
        transcript.challenge_powers(b"lookup_memory_gamma", pre.surge.memories.len());
    let rvs: Vec<S::Field> = (0..layout.chunks)
        .map(|c| {
            pre.surge
                .memories
                .iter()
                .enumerate()
                .filter(|(_, &(_, chunk))| chunk == c)
                .map(|(alpha, _)| gamma[alpha] * proof.lookups_primary_evals[alpha])
                .sum()
        })
        .collect();
    let table_mles: Vec<BoxedMle<'_, S::Field>> = (0..layout.chunks)
        .map(|c| {
            let gamma = &gamma;
            let f: BoxedMle<'_, S::Field> =
                Box::new(move |r: &[S::Field]| lookup_chunk_table_mle(&pre.surge, c, gamma, r));
            f
        })
        .collect();
    let batch: Vec<ShoutInstanceClaim<'_, S::Field>> = (0..layout.chunks)
        .map(|c| {
            let f: &dyn Fn(&[S::Field]) -> S::Field = &*table_mles[c];
            (f, rvs[c], proof.lookup_dim_evals[c])
        })
        .collect();
    let lookup_claims = verify_shout_batch(
        &shape.lookups,
        &proof.lookups,
        &batch,
        &r_lookups,
        &mut transcript,
    )
    .map_err(JoltError::LookupShout)?;

    // Registers and RAM: the access claims from the stated evaluations (lengths checked above).
    let malformed = || JoltError::Malformed("register or RAM evaluations".into());
    let register_access =
        TwistShoutShape::register_access_claims(&proof.register_evals).ok_or_else(malformed)?;
    let ram_access = TwistShoutShape::ram_access_claims(&proof.ram_evals).ok_or_else(malformed)?;
    let no_output = OutputRegion {
        start: 0,
        values: Vec::new(),
    };
    let registers = &public.initial[..shape.num_registers];
    let register_claims = verify_twist(
        &shape.registers,
        &proof.registers,
        |r| sparse_mle(r, registers.iter().map(|&w| w as u64).enumerate()),
        &r_access,
        &register_access,
        &no_output,
        &mut transcript,
    )
    .map_err(JoltError::Registers)?;
    let output = OutputRegion {
        start: public.io_start,
        values: public.final_io.iter().map(|&w| S::Field::from(w)).collect(),
    };
    let ram_claims = verify_twist(
        &shape.ram,
        &proof.ram,
        |r| public.initial_mle(r),
        &r_access,
        &ram_access,
        &output,
        &mut transcript,
    )
    .map_err(JoltError::Ram)?;

    // Address regions: offset and slack = limit − offset, both in [0, K).
    transcript.append_scalars(b"region_evals", &proof.region_evals);
    let offset = proof.region_evals[0];
    let limit: S::Field = pre
        .regions
        .regions
        .iter()
        .zip(&proof.region_evals[1..])
        .map(|(r, flag)| *flag * S::Field::from(r.words.saturating_sub(1)))
        .sum();
    let identity = |r: &[S::Field]| int_mle(r);
    let identity: &dyn Fn(&[S::Field]) -> S::Field = &identity;
    let slack = limit - offset;
    let region_claims = verify_shout_batch(
        &shape.regions,
        &proof.regions,
        &[(identity, offset, offset), (identity, slack, slack)],
        &r_access,
        &mut transcript,
    )
    .map_err(JoltError::RegionShout)?;

    // CPU constraints.
    let r1cs = verify_uniform_r1cs(&pre.constraints.r1cs, log_t, &proof.r1cs, &mut transcript)
        .map_err(JoltError::R1cs)?;

    // One batched opening.
    let points = TwistShoutPoints {
        access: r_access,
        lookups: r_lookups,
        registers: register_claims,
        ram: ram_claims,
        r1cs,
    };
    let mut claims = dense_claims(
        &shape,
        &proof.stated_evals(),
        &points,
        &pre.constraints.columns,
        &operand_memories(&pre.params),
        entry_row,
    );
    let ra_claims = one_hot_claims(&bytecode_claims, &lookup_claims, &points, &region_claims);
    let merged = merge_claims(&ra_claims, &mut transcript);
    claims.extend(merged_opening_claims(&merged, proof.commitments.len()));
    let shapes = shape.one_hot_shapes();
    let mut commitments = proof.commitments.clone();
    for m in &merged {
        commitments.push(
            merged_commitment::<S>(m, &shapes, &proof.one_hot_commitments).ok_or(
                JoltError::Opening(OpeningError::Malformed(
                    "one-hot claims need a homomorphic commitment scheme",
                )),
            )?,
        );
    }
    let num_vars = vec![log_t; commitments.len()];
    verify_openings::<S>(
        &pre.verifier_setup,
        &commitments,
        &num_vars,
        &claims,
        &proof.opening,
        &mut transcript,
    )
    .map_err(JoltError::Opening)
}
