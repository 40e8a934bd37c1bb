//! The Jolt verifier. Everything public — the bytecode table, the layout, the initial
//! memory, the expected I/O region, the constraint system, all sizes but `T` — comes from
//! the preprocessing and the public I/O, never from the proof; `T` is bounded by the
//! preprocessing. Each failed check is a [`JoltError`] variant; no input panics.

use ark_ff::PrimeField;
use commitments::CommitmentScheme;
use sumcheck::{verify_sumcheck, EqPolynomial, MerlinTranscript, Transcript};

use super::bytecode_table::NUM_FIELDS;
use super::preprocessing::JoltVerifierPreprocessing;
use super::proof::{opening_claims, JoltError, JoltProof, PartClaims, PublicIo};
use super::statement::{absorb_statement, PublicMemory};
use super::witness::OPS_PER_STEP;
use crate::lasso::verify_surge;
use crate::memory_checking::{identity_mle, verify_read_only, verify_read_write};
use crate::opening::verify_openings;
use crate::r1cs::verify_uniform_r1cs;

/// The smallest `log2 T` a proof may claim (the prover pads to at least 8 steps).
pub const MIN_LOG_T: usize = 3;

/// `Err(Malformed)` unless a proof vector has the length the preprocessing fixes.
pub(super) fn expect_len(what: &str, got: usize, expected: usize) -> Result<(), JoltError> {
    if got == expected {
        Ok(())
    } else {
        Err(JoltError::Malformed(format!(
            "{what}: {got} entries, expected {expected}"
        )))
    }
}

/// `Σ_k eq(s, k)·parts[k]` where `s` is the last `log2 parts.len()` coordinates of `point`:
/// the value at `point` of the polynomial that interleaves `parts` (index `n·t + k`), given
/// each part's value at the leading coordinates.
fn interleaved<F: PrimeField>(point: &[F], parts: &[F]) -> F {
    let bits = parts.len().trailing_zeros() as usize;
    let s = &point[point.len() - bits..];
    EqPolynomial::evals(s)
        .iter()
        .zip(parts)
        .map(|(e, p)| *e * p)
        .sum()
}

/// `log2 T` as a proof states it, once it lies in `[MIN_LOG_T, max_log_t]` (the verifier's
/// own bound: no size is read from the proof before this check).
pub(super) fn checked_log_t(log_t: u32, max_log_t: usize) -> Result<usize, JoltError> {
    let log_t = log_t as usize;
    if (MIN_LOG_T..=max_log_t).contains(&log_t) {
        Ok(log_t)
    } else {
        Err(JoltError::Malformed(format!(
            "trace length 2^{log_t} outside [2^{MIN_LOG_T}, 2^{max_log_t}]"
        )))
    }
}

/// Verifies a Lasso/Spice-backend proof: `proof` shows the preprocessed program, run on `io.input`, halts with
/// `io.exit_code` having written `io.output`.
pub fn verify_lasso_spice<S: CommitmentScheme>(
    pre: &JoltVerifierPreprocessing<S>,
    io: &PublicIo,
    proof: &JoltProof<S>,
) -> Result<(), JoltError> {
    let layout = &pre.layout;
    let entry_row = pre.entry_row().ok_or(JoltError::EntryNotAnInstruction)?;
    let log_t = checked_log_t(proof.log_t, pre.max_log_t)?;
    expect_len("commitments", proof.commitments.len(), layout.total)?;
    expect_len(
        "bytecode field evaluations",
        proof.bytecode_field_evals.len(),
        NUM_FIELDS,
    )?;
    expect_len("memory evaluations", proof.memory_evals.len(), 14)?;
    expect_len(
        "timestamp evaluations",
        proof.timestamp_evals.len(),
        2 * OPS_PER_STEP,
    )?;
    expect_len(
        "region evaluations",
        proof.region_evals.len(),
        3 + layout.regions,
    )?;
    let public = PublicMemory::new(pre, io).ok_or(JoltError::IoTooLarge)?;
    let mut transcript = MerlinTranscript::new(b"jolt");
    absorb_statement(pre, io, log_t, &mut transcript);
    transcript.append_serializable(b"jolt_commitments", &proof.commitments);

    // Bytecode.
    let beta: Vec<S::Field> = transcript.challenge_powers(b"bytecode_beta", NUM_FIELDS);
    let table_mle = |r: &[S::Field]| -> S::Field { pre.table.compressed_mle(r, &beta) };
    let bytecode = verify_read_only(
        &proof.bytecode,
        pre.table.log_size(),
        log_t,
        table_mle,
        &mut transcript,
    )
    .map_err(JoltError::Bytecode)?;
    let combined: S::Field = proof
        .bytecode_field_evals
        .iter()
        .zip(&beta)
        .map(|(v, b)| *v * b)
        .sum();
    if combined != bytecode.value_eval {
        return Err(JoltError::BytecodeFields);
    }
    transcript.append_scalars(b"bytecode_field_evals", &proof.bytecode_field_evals);

    // Instruction lookups.
    let lookups = verify_surge(&pre.surge, log_t, &proof.lookups, &mut transcript)
        .map_err(JoltError::Lookups)?;

    // Registers and RAM.
    let memory = verify_read_write(
        &proof.memory,
        pre.log_memory,
        log_t + 2,
        |r| public.initial_mle(r),
        &mut transcript,
    )
    .map_err(JoltError::Memory)?;
    let e = &proof.memory_evals;
    let point = &memory.access_point;
    let checks = [
        (
            "address",
            interleaved(point, &e[0..4]),
            memory.access_evals[0],
        ),
        (
            "read value",
            interleaved(point, &e[4..8]),
            memory.access_evals[1],
        ),
        (
            "write value",
            interleaved(point, &[e[4], e[5], e[8], e[9]]),
            memory.access_evals[2],
        ),
        (
            "read timestamp",
            interleaved(point, &e[10..14]),
            memory.access_evals[3],
        ),
        (
            "range-check read counter",
            interleaved(point, &proof.timestamp_evals[0..4]),
            memory.range_count_evals[0],
        ),
        (
            "range-check final counter",
            interleaved(point, &proof.timestamp_evals[4..8]),
            memory.range_count_evals[1],
        ),
    ];
    for (what, got, expected) in checks {
        if got != expected {
            return Err(JoltError::MemoryInterleave(what));
        }
    }
    transcript.append_scalars(b"memory_step_evals", &proof.memory_evals);
    transcript.append_scalars(b"timestamp_step_evals", &proof.timestamp_evals);

    // Output check.
    let rho: Vec<S::Field> = transcript.challenge_scalars(b"output_rho", pre.log_memory);
    let claim = public.expected_io_mle(&rho);
    let (final_claim, output_point) = verify_sumcheck(
        &proof.output_check,
        claim,
        pre.log_memory,
        3,
        &mut transcript,
    )
    .map_err(JoltError::OutputSumcheck)?;
    let expected = EqPolynomial::new(rho).evaluate(&output_point)
        * public.io_mask_mle(&output_point)
        * proof.output_final_value;
    if final_claim != expected {
        return Err(JoltError::OutputMismatch);
    }
    transcript.append_scalar(b"output_final_value", &proof.output_final_value);

    // Address regions.
    let regions = verify_read_only(
        &proof.regions,
        pre.log_memory,
        log_t + 1,
        identity_mle,
        &mut transcript,
    )
    .map_err(JoltError::Regions)?;
    let offset = proof.region_evals[0];
    let limit: S::Field = pre
        .regions
        .regions
        .iter()
        .zip(&proof.region_evals[1..1 + layout.regions])
        .map(|(r, flag)| *flag * S::Field::from(r.words - 1))
        .sum();
    let checked = interleaved(&regions.access_point, &[offset, limit - offset]);
    let counters = &proof.region_evals[1 + layout.regions..];
    if regions.address_eval != regions.value_eval
        || regions.value_eval != checked
        || regions.read_count_eval != interleaved(&regions.access_point, counters)
    {
        return Err(JoltError::RegionValues);
    }
    transcript.append_scalars(b"region_step_evals", &proof.region_evals);

    // CPU constraints.
    let r1cs = verify_uniform_r1cs(&pre.constraints.r1cs, log_t, &proof.r1cs, &mut transcript)
        .map_err(JoltError::R1cs)?;

    // One batched opening.
    let parts = PartClaims {
        bytecode,
        lookups,
        memory,
        output_point,
        regions,
        r1cs,
    };
    let claims = opening_claims(
        layout,
        &pre.surge.memories,
        &pre.constraints.columns,
        entry_row,
        &proof.stated_evals(),
        &parts,
    );
    let sizes = super::witness::WitnessSizes {
        log_t,
        log_memory: pre.log_memory,
        log_bytecode: pre.table.log_size(),
        log_subtable: pre.params.log_m(),
    };
    let num_vars: Vec<usize> = (0..layout.total)
        .map(|i| layout.num_vars(i, &sizes))
        .collect();
    verify_openings::<S>(
        &pre.verifier_setup,
        &proof.commitments,
        &num_vars,
        &claims,
        &proof.opening,
        &mut transcript,
    )
    .map_err(JoltError::Opening)
}
