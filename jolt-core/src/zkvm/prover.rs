//! The Jolt prover: trace → witness → one batch of commitments → bytecode, lookups,
//! registers/RAM, output and region checks, CPU constraints → one batched opening.

use std::time::{Duration, Instant};

use ark_ff::PrimeField;
use commitments::{CommitmentScheme, PcsError};
use sumcheck::{
    prove_sumcheck, CombineFn, EqProductSumcheck, MerlinTranscript, MultilinearPolynomial,
    Transcript,
};

use super::backend::{prove_witness_owned, Backend, BackendProof};
use super::bytecode_table::{field, NUM_FIELDS};
use super::commit::{commit_columns, table_reads, zkvm_relations};
use super::preprocessing::JoltPreprocessing;
use super::proof::{
    memory_eval_polys, opening_claims, JoltProof, PartClaims, PublicIo, StatedEvals,
};
use super::resources::MemoryLimit;
use super::statement::{absorb_statement, compress_tuple, PublicMemory};
use super::witness::{generate_witness_for, region_checked_values, JoltWitness, OPS_PER_STEP};
use crate::lasso::surge::prove_surge_timed;
use crate::lasso::SurgeWitness;
use crate::memory_checking::{
    prove_read_only, prove_read_write, ReadOnlyWitness, ReadWriteWitness,
};
use crate::opening::{prove_openings_with_reads, OpeningError};
use crate::r1cs::prove_uniform_r1cs_on;
use crate::vm::{ExecutionError, RunOptions, Trace};

/// Why proving failed (the program's fault, the trace's size, or the PCS).
#[derive(Debug, thiserror::Error)]
pub enum ProveError {
    /// The program did not run to its halt.
    #[error("the program failed: {0}")]
    Execution(#[from] ExecutionError),
    /// The trace is longer than the preprocessing supports.
    #[error("the trace needs 2^{log_t} steps, the preprocessing supports 2^{max}")]
    TraceTooLong {
        /// Needed.
        log_t: usize,
        /// Supported.
        max: usize,
    },
    /// The public I/O does not fit the layout.
    #[error("public input/output exceed the layout's limits")]
    IoTooLarge,
    /// Proving is estimated to need more memory than is available (checked before tracing,
    /// see [`super::resources`]).
    #[error(
        "proving 2^{log_t} steps needs about {} MiB (estimate), but only {} MiB are available; \
         prove a shorter run or free memory (or set --memory-limit)",
        estimate >> 20,
        available >> 20
    )]
    InsufficientMemory {
        /// `log2` of the padded trace length.
        log_t: usize,
        /// Estimated peak, bytes.
        estimate: u64,
        /// Available, bytes.
        available: u64,
    },
    /// The given prover key supports fewer variables than the trace's largest polynomial.
    #[error(
        "the prover key supports polynomials of 2^{have} entries; this trace needs 2^{needed}"
    )]
    KeyTooSmall {
        /// Variables needed.
        needed: usize,
        /// Variables the key supports.
        have: usize,
    },
    /// The program's entry word is not an instruction: no run can start there.
    #[error("the program's entry point is not an instruction")]
    EntryNotAnInstruction,
    /// Committing failed.
    #[error("commitment: {0}")]
    Pcs(#[from] PcsError),
    /// The batched opening failed.
    #[error("opening: {0}")]
    Opening(#[from] OpeningError),
}

/// Wall time of each prover stage.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ProveTimings {
    /// Tracing (emulation).
    pub trace: Duration,
    /// Witness generation.
    pub witness: Duration,
    /// Committing every polynomial.
    pub commit: Duration,
    /// Of [`ProveTimings::commit`]: the one-hot chunks (Twist/Shout backend; zero for
    /// Lasso/Spice).
    pub commit_one_hot: Duration,
    /// Bytecode memory check.
    pub bytecode: Duration,
    /// Instruction lookups (Surge).
    pub lookups: Duration,
    /// Of [`ProveTimings::lookups`]: the primary sumcheck (the rest is the memory checks).
    pub lookups_primary: Duration,
    /// Registers/RAM, output check, region check.
    pub memory: Duration,
    /// CPU constraints (Spartan).
    pub r1cs: Duration,
    /// The batched opening.
    pub opening: Duration,
}

impl ProveTimings {
    /// Sum of all stages.
    pub fn total(&self) -> Duration {
        self.trace
            + self.witness
            + self.commit
            + self.bytecode
            + self.lookups
            + self.memory
            + self.r1cs
            + self.opening
    }

    /// `(stage name, duration)` in order.
    pub fn stages(&self) -> [(&'static str, Duration); 8] {
        [
            ("trace", self.trace),
            ("witness", self.witness),
            ("commit", self.commit),
            ("bytecode", self.bytecode),
            ("lookups", self.lookups),
            ("memory", self.memory),
            ("r1cs", self.r1cs),
            ("opening", self.opening),
        ]
    }
}

/// Something told when each prover stage starts (the CLI shows a progress bar).
pub trait Progress {
    /// Stage `name` starts.
    fn stage(&self, name: &'static str);
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str) {}
}

/// Runs the program on `input` and proves the run. Returns the public I/O the proof is
/// about, the proof and the stage timings.
pub fn prove<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    input: &[u8],
    options: &RunOptions,
    backend: Backend,
    progress: &dyn Progress,
) -> Result<(PublicIo, BackendProof<S>, ProveTimings), ProveError> {
    progress.stage("trace");
    let start = Instant::now();
    let trace = crate::vm::trace(&pre.program, input, options)?;
    let trace_time = start.elapsed();
    let io = PublicIo {
        input: input.to_vec(),
        output: trace.output.clone(),
        exit_code: trace.exit_code,
    };
    let (proof, mut timings) = prove_trace(pre, &io, &trace, backend, progress)?;
    timings.trace = trace_time;
    Ok((io, proof, timings))
}

/// Proves `trace` (which may have been tampered with by a test) for the statement `io`
/// with `backend`.
pub fn prove_trace<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    trace: &Trace,
    backend: Backend,
    progress: &dyn Progress,
) -> Result<(BackendProof<S>, ProveTimings), ProveError> {
    let (witness, witness_time) = trace_witness(pre, io, trace, backend, progress)?;
    let (proof, mut timings) = prove_witness_owned(backend, pre, io, witness, progress)?;
    timings.witness = witness_time;
    Ok((proof, timings))
}

/// The witness `backend` proves for `trace`, and how long building it took.
fn trace_witness<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    trace: &Trace,
    backend: Backend,
    progress: &dyn Progress,
) -> Result<(JoltWitness, Duration), ProveError> {
    progress.stage("witness");
    let start = Instant::now();
    let public = PublicMemory::new(pre, io).ok_or(ProveError::IoTooLarge)?;
    let witness = generate_witness_for(
        backend,
        &pre.params,
        &pre.table,
        &pre.regions,
        &public.initial,
        trace,
    );
    Ok((witness, start.elapsed()))
}

/// Spartan on the CPU constraints, each constraint column read through `column` (a
/// [`super::witness::PolyLayout`] index to its committed polynomial; both backends).
pub(super) fn prove_cpu_constraints<'a, F: PrimeField + 'a>(
    pre: &JoltPreprocessing<impl CommitmentScheme<Field = F>>,
    column: impl Fn(usize) -> &'a MultilinearPolynomial<F>,
    transcript: &mut impl Transcript,
) -> (
    crate::r1cs::UniformSpartanProof<F>,
    crate::r1cs::SpartanClaims<F>,
) {
    let columns: Vec<&MultilinearPolynomial<F>> =
        pre.constraints.columns.iter().map(|&p| column(p)).collect();
    prove_uniform_r1cs_on(&pre.constraints.r1cs, &columns, transcript)
}

/// Evaluates polynomial `index` of `polys` at `point`.
fn eval<F: PrimeField>(polys: &[MultilinearPolynomial<F>], index: usize, point: &[F]) -> F {
    polys[index].evaluate(point)
}

/// The honest Lasso/Spice prover's code path on a given witness (tests corrupt the witness
/// first).
pub fn prove_witness<S: CommitmentScheme>(
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: &JoltWitness,
    progress: &dyn Progress,
) -> Result<(JoltProof<S>, ProveTimings), ProveError> {
    let layout = &pre.layout;
    let log_t = witness.sizes.log_t;
    if log_t > pre.max_log_t {
        return Err(ProveError::TraceTooLong {
            log_t,
            max: pre.max_log_t,
        });
    }
    let public = PublicMemory::new(pre, io).ok_or(ProveError::IoTooLarge)?;
    let entry_row = pre.entry_row().ok_or(ProveError::EntryNotAnInstruction)?;
    let cols = &witness.columns;
    let t = 1usize << log_t;
    let mut timings = ProveTimings::default();

    progress.stage("commit");
    let clock = Instant::now();
    let polys: Vec<MultilinearPolynomial<S::Field>> = witness.polynomials();
    let all_columns: Vec<usize> = (0..polys.len()).collect();
    let reads = table_reads(
        &pre.table,
        &pre.params,
        layout,
        witness,
        &all_columns,
        &polys,
    );
    let relations = zkvm_relations(layout, Some, None);
    let commitments = commit_columns::<S>(&pre.setup, &reads, &relations, &polys)?;
    let mut transcript = MerlinTranscript::new(b"jolt");
    absorb_statement(pre, io, log_t, &mut transcript);
    transcript.append_serializable(b"jolt_commitments", &commitments);
    timings.commit = clock.elapsed();

    // Bytecode: every step reads one table row (the tuple compressed with β).
    progress.stage("bytecode");
    let clock = Instant::now();
    let beta: Vec<S::Field> = transcript.challenge_powers(b"bytecode_beta", NUM_FIELDS);
    let table: Vec<S::Field> = pre
        .table
        .rows
        .iter()
        .map(|row| compress_tuple(&beta, row))
        .collect();
    let size = table.len() as u64;
    let bc_witness = ReadOnlyWitness {
        addresses: cols[layout.bc_index]
            .iter()
            .map(|&a| (a % size) as usize)
            .collect(),
        values: (0..t)
            .map(|s| {
                let mut tuple = [0u64; NUM_FIELDS];
                for (j, v) in tuple.iter_mut().enumerate() {
                    *v = cols[layout.bc_field(j)][s];
                }
                compress_tuple(&beta, &tuple)
            })
            .collect(),
        read_counts: cols[layout.bc_read_counts].clone(),
        final_counts: cols[layout.bc_final_counts].clone(),
    };
    let (bytecode, bc_claims) = prove_read_only(&table, &bc_witness, &mut transcript);
    let bytecode_field_evals: Vec<S::Field> = (0..NUM_FIELDS)
        .map(|j| eval(&polys, layout.bc_field(j), &bc_claims.access_point))
        .collect();
    transcript.append_scalars(b"bytecode_field_evals", &bytecode_field_evals);
    timings.bytecode = clock.elapsed();

    // Instruction lookups.
    progress.stage("lookups");
    let clock = Instant::now();
    let surge_witness = SurgeWitness {
        dims: (0..layout.chunks)
            .map(|c| cols[layout.dims + c].iter().map(|&d| d as usize).collect())
            .collect(),
        flags: (0..pre.surge.instructions.len())
            .map(|f| {
                cols[layout.bc_field(field::lookup_flag(f))]
                    .iter()
                    .map(|&v| v == 1)
                    .collect()
            })
            .collect(),
        outputs: cols[layout.lookup_output]
            .iter()
            .map(|&v| S::Field::from(v))
            .collect(),
    };
    let (lookups, lookup_claims, surge_timings) =
        prove_surge_timed(&pre.surge, &surge_witness, &mut transcript);
    timings.lookups = clock.elapsed();
    timings.lookups_primary = surge_timings.primary_sumcheck;

    // Registers and RAM: 4T operations, interleaved 4t + k.
    progress.stage("memory");
    let clock = Instant::now();
    let ops = super::witness::memory_ops(layout, cols);
    let interleave = |k_cols: [usize; 4]| -> Vec<u64> {
        (0..OPS_PER_STEP * t)
            .map(|i| cols[k_cols[i % OPS_PER_STEP]][i / OPS_PER_STEP])
            .collect()
    };
    let m = witness.initial_memory.len() as u64;
    let rw = ReadWriteWitness {
        addresses: ops.iter().map(|o| o.0 % m).collect(),
        read_values: ops.iter().map(|o| o.1).collect(),
        write_values: ops.iter().map(|o| o.2).collect(),
        read_timestamps: interleave(layout.read_timestamps),
        final_values: cols[layout.final_values].clone(),
        final_timestamps: cols[layout.final_timestamps].clone(),
    };
    let (memory, memory_claims) =
        prove_read_write::<S::Field>(&witness.initial_memory, &rw, &mut transcript);
    let step_point = &memory_claims.access_point[..log_t];
    let memory_evals: Vec<S::Field> = memory_eval_polys(layout)
        .iter()
        .map(|&p| eval(&polys, p, step_point))
        .collect();
    // The range check's counters share the access point.
    let timestamp_evals: Vec<S::Field> = (0..OPS_PER_STEP)
        .map(|k| layout.ts_read_counts + k)
        .chain((0..OPS_PER_STEP).map(|k| layout.ts_final_counts + k))
        .map(|p| eval(&polys, p, step_point))
        .collect();
    transcript.append_scalars(b"memory_step_evals", &memory_evals);
    transcript.append_scalars(b"timestamp_step_evals", &timestamp_evals);

    // Output check: the final I/O region equals the public one.
    let log_memory = witness.sizes.log_memory;
    let rho: Vec<S::Field> = transcript.challenge_scalars(b"output_rho", log_memory);
    let claim = public.expected_io_mle(&rho);
    let mut mask = vec![false; 1 << log_memory];
    for v in &mut mask[public.io_start..public.io_start + public.final_io.len()] {
        *v = true;
    }
    let product = |v: &[S::Field]| v[0] * v[1];
    let product: &CombineFn<S::Field> = &product;
    let mut output = EqProductSumcheck::new(
        rho,
        vec![mask.into(), polys[layout.final_values].clone()],
        product,
        3,
        claim,
    );
    let (output_check, output_point, output_finals) = prove_sumcheck(&mut output, &mut transcript);
    let output_final_value = output_finals[1];
    transcript.append_scalar(b"output_final_value", &output_final_value);

    // Region range check: offset and slack of every step in [0, M).
    let checked = region_checked_values(layout, &pre.regions, cols);
    let identity: Vec<S::Field> = (0..m).map(S::Field::from).collect();
    let region_witness = ReadOnlyWitness {
        addresses: checked.iter().map(|&v| (v % m) as usize).collect(),
        values: checked.iter().map(|&v| S::Field::from(v)).collect(),
        read_counts: (0..2 * t)
            .map(|i| cols[layout.region_read_counts + i % 2][i / 2])
            .collect(),
        final_counts: cols[layout.region_final_counts].clone(),
    };
    let (regions, region_claims) = prove_read_only(&identity, &region_witness, &mut transcript);
    let region_step = &region_claims.access_point[..log_t];
    let mut region_evals = vec![eval(&polys, layout.ram_offset, region_step)];
    region_evals
        .extend((0..layout.regions).map(|k| eval(&polys, layout.region_flags + k, region_step)));
    region_evals.extend((0..2).map(|k| eval(&polys, layout.region_read_counts + k, region_step)));
    transcript.append_scalars(b"region_step_evals", &region_evals);
    timings.memory = clock.elapsed();

    // CPU constraints.
    progress.stage("r1cs");
    let clock = Instant::now();
    let (r1cs, r1cs_claims) = prove_cpu_constraints(pre, |p| &polys[p], &mut transcript);
    timings.r1cs = clock.elapsed();

    // One batched opening of every claim.
    progress.stage("opening");
    let clock = Instant::now();
    let parts = PartClaims {
        bytecode: bc_claims,
        lookups: lookup_claims,
        memory: memory_claims,
        output_point,
        regions: region_claims,
        r1cs: r1cs_claims,
    };
    let claims = opening_claims(
        layout,
        &pre.surge.memories,
        &pre.constraints.columns,
        entry_row,
        &StatedEvals {
            log_t: log_t as u32,
            bytecode_field_evals: &bytecode_field_evals,
            memory_evals: &memory_evals,
            timestamp_evals: &timestamp_evals,
            output_final_value,
            region_evals: &region_evals,
        },
        &parts,
    );
    let opening = prove_openings_with_reads::<S>(
        &pre.setup,
        &polys,
        &reads,
        &commitments,
        &claims,
        &mut transcript,
    )?;
    timings.opening = clock.elapsed();
    let proof = JoltProof {
        log_t: log_t as u32,
        commitments,
        bytecode,
        bytecode_field_evals,
        lookups,
        memory,
        memory_evals,
        timestamp_evals,
        output_check,
        output_final_value,
        regions,
        region_evals,
        r1cs,
        opening,
    };
    Ok((proof, timings))
}

/// Everything one prover run produces.
pub struct ProvedRun<S: CommitmentScheme> {
    /// The preprocessing, with a setup sized for this trace.
    pub preprocessing: JoltPreprocessing<S>,
    /// The statement.
    pub io: PublicIo,
    /// The proof (either backend's).
    pub proof: BackendProof<S>,
    /// Stage timings (the trace included).
    pub timings: ProveTimings,
    /// RISC-V instructions executed.
    pub cycles: u64,
    /// Trace steps before padding.
    pub steps: usize,
}

/// Runs `program` on `input`, preprocesses it for exactly the trace's padded length (with the
/// insecure deterministic setup from `seed`) and proves the run: the whole job in one call.
/// Stops before tracing when the proof would not fit the memory available
/// ([`MemoryLimit::Detect`], see [`preprocess_and_prove_within`]).
pub fn preprocess_and_prove<S: CommitmentScheme>(
    program: crate::vm::Program,
    input: &[u8],
    params: instructions::LookupParams,
    options: &RunOptions,
    seed: u64,
    progress: &dyn Progress,
) -> Result<ProvedRun<S>, ProveError> {
    preprocess_and_prove_within(
        program,
        input,
        params,
        options,
        Backend::default(),
        ProverKey::InsecureDev(seed),
        MemoryLimit::Detect,
        progress,
    )
}

/// Where the prover's PCS key comes from.
pub enum ProverKey<S: CommitmentScheme> {
    /// The **insecure** deterministic setup from this seed, sized for the trace
    /// ([`CommitmentScheme::insecure_test_setup`]): tests and demos only.
    InsecureDev(u64),
    /// A key from a real setup (e.g. a ceremony imported by `jolt setup`), used as it is.
    Given(S::ProverSetup),
}

/// Counts the run's steps with the fast emulator (no trace kept) and checks that proving
/// them fits `limit` ([`super::resources`]); returns the padded `log2 T`.
pub fn check_resources(
    program: &crate::vm::Program,
    input: &[u8],
    options: &RunOptions,
    limit: MemoryLimit,
) -> Result<usize, ProveError> {
    let summary = crate::vm::run(program, input, options)?;
    let log_t =
        super::witness::padded_steps(summary.trace_steps as usize).trailing_zeros() as usize;
    let words = program.layout().num_witness_words() as usize;
    let log_memory = words.next_power_of_two().trailing_zeros() as usize;
    super::resources::check_memory(log_t, log_memory, limit).map_err(|(estimate, available)| {
        ProveError::InsufficientMemory {
            log_t,
            estimate,
            available,
        }
    })?;
    Ok(log_t)
}

/// [`preprocess_and_prove`] with a given prover key and memory limit: the run's steps are
/// counted first and the estimated peak memory is checked against `limit` before any large
/// allocation; a given key must support the trace ([`ProveError::KeyTooSmall`]).
// Every argument is an independent choice of the caller (the program, its input, the lookup
// parameters, run limits, backend, key, memory limit, progress).
#[allow(clippy::too_many_arguments)]
pub fn preprocess_and_prove_within<S: CommitmentScheme>(
    program: crate::vm::Program,
    input: &[u8],
    params: instructions::LookupParams,
    options: &RunOptions,
    backend: Backend,
    key: ProverKey<S>,
    limit: MemoryLimit,
    progress: &dyn Progress,
) -> Result<ProvedRun<S>, ProveError> {
    progress.stage("estimate");
    check_resources(&program, input, options, limit)?;
    progress.stage("trace");
    let start = Instant::now();
    let trace = crate::vm::trace(&program, input, options)?;
    let trace_time = start.elapsed();
    let log_t = super::witness::padded_steps(trace.steps.len()).trailing_zeros() as usize;
    progress.stage("preprocessing");
    let preprocessing = match key {
        ProverKey::InsecureDev(seed) => JoltPreprocessing::<S>::new(program, params, log_t, seed),
        ProverKey::Given(setup) => JoltPreprocessing::with_setup(program, params, log_t, setup)
            .map_err(|(needed, have)| ProveError::KeyTooSmall { needed, have })?,
    };
    let io = PublicIo {
        input: input.to_vec(),
        output: trace.output.clone(),
        exit_code: trace.exit_code,
    };
    let (cycles, steps) = (trace.instructions, trace.steps.len());
    let (witness, witness_time) = trace_witness(&preprocessing, &io, &trace, backend, progress)?;
    drop(trace); // the witness holds everything the prover reads
    let (proof, mut timings) =
        prove_witness_owned(backend, &preprocessing, &io, witness, progress)?;
    timings.trace = trace_time;
    timings.witness = witness_time;
    Ok(ProvedRun {
        preprocessing,
        io,
        proof,
        timings,
        cycles,
        steps,
    })
}
