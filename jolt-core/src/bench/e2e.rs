//! The end-to-end suite (`jolt bench e2e`): the whole prover on the fibonacci and SHA-256
//! chain guests at padded trace lengths `T = 2^10 …`, with one or both memory-checking
//! backends (`--backend lasso,twist`: one row per backend, measured in the same run against
//! the same MSM baseline).
//!
//! For each guest and size the guest input is chosen so the trace fills as much of `2^k` as
//! it can ([`input_for_size`]: the largest `n` / chain length whose trace still pads to
//! `2^k`, found by running the fast emulator). One run ([`measure_run`]) preprocesses, proves
//! and verifies and reports the prover's stages, the verify time, the proof size per part and
//! the process's peak resident memory. The CLI runs each measurement in a fresh child process
//! (the hidden `jolt bench worker`), so the peak memory is that run's alone; [`run`] takes the
//! runner as a parameter so library callers can measure in-process instead.

use std::time::Instant;

use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, Zeromorph};
use instructions::LookupParams;
use serde::{Deserialize, Serialize};

use super::svg::{figure, LineChart, Panel, Series};
use super::{
    distinct_points, fmt_ms, ms_since, msm_baseline_ms, peak_rss_mib, ratio, BenchProgress, Csv,
    MarkdownTable, StageMemory, SuiteOutput,
};
use crate::vm::{LayoutConfig, Memory, Program, RunOptions};
use crate::zkvm::witness::{padded_steps, WitnessSizes};
use crate::zkvm::{
    generate_witness, preprocess_and_prove_within, verify, Backend, MemoryLimit, ProverKey,
};

/// Seed of the insecure PCS setup the benchmarks use.
pub const BENCH_SETUP_SEED: u64 = 0x6265_6e63;

/// The guests the suite proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Guest {
    /// `guests/src/fib.c`, input `n`: about `6n + 77` steps.
    Fib,
    /// `guests/src/sha256.c`, input a chain length `k` over `"abc"`: about `6 436 k + 454`
    /// steps.
    Sha256,
}

impl Guest {
    /// Both guests.
    pub const ALL: [Guest; 2] = [Guest::Fib, Guest::Sha256];

    /// The guest's name (`fib`, `sha256`).
    pub fn name(self) -> &'static str {
        match self {
            Guest::Fib => "fib",
            Guest::Sha256 => "sha256",
        }
    }

    /// The guest called `name`.
    pub fn from_name(name: &str) -> Option<Guest> {
        Guest::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The embedded ELF.
    pub fn elf(self) -> &'static [u8] {
        match self {
            Guest::Fib => crate::guests::FIB_ELF,
            Guest::Sha256 => crate::guests::SHA256_ELF,
        }
    }

    /// The public input for argument `arg` (`n`, or the chain length over `"abc"`).
    pub fn input(self, arg: u32) -> Vec<u8> {
        arg.to_le_bytes().to_vec()
    }

    /// What `arg` means, for tables.
    pub fn arg_name(self) -> &'static str {
        match self {
            Guest::Fib => "n",
            Guest::Sha256 => "hashes",
        }
    }

    /// The smallest meaningful argument (sha256 treats 0 as 1).
    fn min_arg(self) -> u32 {
        1
    }

    /// An argument certainly too large for `2^log_t` steps.
    fn max_arg(self, log_t: usize) -> u32 {
        let t = 1u64 << log_t;
        let per_unit = match self {
            Guest::Fib => 6,
            Guest::Sha256 => 6_000,
        };
        (t / per_unit + 2).min(u32::MAX as u64) as u32
    }
}

/// The guest program with the default layout.
pub fn load(guest: Guest) -> Program {
    Program::load(guest.elf(), &LayoutConfig::default()).expect("the embedded guests load")
}

/// Trace steps of `guest` on argument `arg` (fast emulator, no trace recorded).
pub fn steps_for(program: &Program, guest: Guest, arg: u32) -> Option<usize> {
    let options = RunOptions {
        max_cycles: 1 << 28,
    };
    crate::vm::run(program, &guest.input(arg), &options)
        .ok()
        .map(|s| s.trace_steps as usize)
}

/// The largest argument whose trace pads to exactly `2^log_t` steps, with its step count;
/// `None` when even the smallest argument needs more (sha256 below `2^13`) or the largest
/// that fits pads smaller.
pub fn input_for_size(program: &Program, guest: Guest, log_t: usize) -> Option<(u32, usize)> {
    let t = 1usize << log_t;
    let fits = |arg: u32| steps_for(program, guest, arg).filter(|&s| padded_steps(s) <= t);
    let (mut lo, mut hi) = (guest.min_arg(), guest.max_arg(log_t));
    fits(lo)?;
    // Invariant: lo fits, hi does not (max_arg is chosen too large).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid).is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let steps = fits(lo)?;
    (padded_steps(steps) == t).then_some((lo, steps))
}

/// One measurement: which guest, input, lookup parameters, commitment scheme and backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSpec {
    /// The guest.
    pub guest: Guest,
    /// Its argument ([`Guest::input`]).
    pub arg: u32,
    /// `log M` of the subtables (`C = 64 / log M`).
    pub log_m: usize,
    /// [`CommitmentScheme::NAME`] of the scheme.
    pub pcs: String,
    /// The memory-checking backend (its CLI name in JSON; the default when absent).
    #[serde(default, with = "super::backend_name")]
    pub backend: Backend,
    /// Also describe the committed witness ([`WitnessStats`]; not timed).
    pub witness_stats: bool,
}

/// The committed witness of a run, from the witness layout and its columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WitnessStats {
    /// Committed polynomials in all.
    pub polynomials: usize,
    /// Polynomials whose length grows with `T` (lengths `T`, `2T`, `4T`).
    pub per_step_polynomials: usize,
    /// Their entries per step: the "committed field elements per step" of the papers.
    pub elements_per_step: f64,
    /// The same by the bit width of each polynomial's largest value: `≤ 1, ≤ 8, ≤ 16, ≤ 32,
    /// > 32` bits.
    pub elements_per_step_by_width: [f64; 5],
    /// Committed bits per step, each polynomial counted at the width of its compact form
    /// (1, 8, 16, 32 or 64 bits): what pay-per-bit commitments pay for.
    pub bits_per_step: f64,
    /// Entries of the polynomials that do not grow with `T` (memory, bytecode, subtables).
    pub fixed_entries: usize,
}

/// What one run measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// What was run.
    pub spec: RunSpec,
    /// `C`.
    pub chunks: usize,
    /// RISC-V instructions executed.
    pub cycles: u64,
    /// Trace steps before padding.
    pub steps: usize,
    /// `log2 T` (padded).
    pub log_t: usize,
    /// Preprocessing with the PCS setup (not part of the prove time).
    pub preprocess_ms: f64,
    /// Prover stages in order, `(name, ms)`.
    pub stages: Vec<(String, f64)>,
    /// The prove time: the sum of the stages (trace and witness included).
    pub prove_ms: f64,
    /// Verification time.
    pub verify_ms: f64,
    /// Whether the proof verified.
    pub verified: bool,
    /// Serialized proof bytes per part, `(name, bytes)`, the total last.
    pub proof_bytes: Vec<(String, usize)>,
    /// Peak resident memory of the measuring process at the end of the run, MiB.
    pub peak_rss_mib: Option<u64>,
    /// The process's peak resident memory at the end of each prover stage, `(stage, MiB)`
    /// ([`StageMemory`]).
    #[serde(default)]
    pub stage_peak_mib: Vec<(String, u64)>,
    /// The committed witness, when asked for.
    pub witness: Option<WitnessStats>,
}

impl RunResult {
    /// `T`.
    pub fn padded(&self) -> usize {
        1 << self.log_t
    }

    /// The total proof size.
    pub fn total_proof_bytes(&self) -> usize {
        self.proof_bytes.last().map_or(0, |p| p.1)
    }

    /// Stage `name`'s time, ms.
    pub fn stage_ms(&self, name: &str) -> Option<f64> {
        self.stages.iter().find(|s| s.0 == name).map(|s| s.1)
    }
}

/// The lookup parameters with subtables of `2^log_m` entries.
pub fn lookup_params(log_m: usize) -> Result<LookupParams, String> {
    LookupParams::new(64 / log_m.max(1), log_m).map_err(|e| e.to_string())
}

/// Runs `spec` in this process: preprocess, prove, verify (and describe the witness).
pub fn measure_run(spec: &RunSpec) -> Result<RunResult, String> {
    match spec.pcs.as_str() {
        n if n == HyperKzg::NAME => measure_with::<HyperKzg>(spec),
        n if n == Zeromorph::NAME => measure_with::<Zeromorph>(spec),
        n if n == Hyrax::NAME => measure_with::<Hyrax>(spec),
        n if n == Dory::NAME => measure_with::<Dory>(spec),
        other => Err(format!(
            "unknown commitment scheme {other:?} (hyperkzg, zeromorph, hyrax, dory)"
        )),
    }
}

fn measure_with<S: CommitmentScheme<Field = ark_bn254::Fr>>(
    spec: &RunSpec,
) -> Result<RunResult, String> {
    let params = lookup_params(spec.log_m)?;
    let program = load(spec.guest);
    let input = spec.guest.input(spec.arg);
    let options = RunOptions {
        max_cycles: 1 << 28,
    };
    let start = Instant::now();
    let memory = StageMemory::new();
    let run = preprocess_and_prove_within::<S>(
        program,
        &input,
        params,
        &options,
        spec.backend,
        ProverKey::InsecureDev(BENCH_SETUP_SEED),
        MemoryLimit::Detect,
        &memory,
    )
    .map_err(|e| e.to_string())?;
    let wall_ms = ms_since(start);
    let stage_peak_mib = memory.finish();
    let stages: Vec<(String, f64)> = run
        .timings
        .stages()
        .iter()
        .map(|(name, d)| (name.to_string(), d.as_secs_f64() * 1e3))
        .collect();
    let prove_ms = run.timings.total().as_secs_f64() * 1e3;
    let start = Instant::now();
    let verified = verify(&run.preprocessing, &run.io, &run.proof).is_ok();
    let verify_ms = ms_since(start);
    let z = run.proof.proof_bytes();
    let proof_bytes = [
        ("commitments", z.commitments),
        ("bytecode", z.bytecode),
        ("lookups", z.lookups),
        ("memory", z.memory),
        ("r1cs", z.r1cs),
        ("opening", z.opening),
        ("total", z.total),
    ]
    .iter()
    .map(|&(n, b)| (n.to_string(), b))
    .collect();
    let witness = if spec.witness_stats {
        Some(witness_stats(&run.preprocessing, &input, &options)?)
    } else {
        None
    };
    Ok(RunResult {
        spec: spec.clone(),
        chunks: params.c(),
        cycles: run.cycles,
        steps: run.steps,
        log_t: run.proof.log_t() as usize,
        preprocess_ms: (wall_ms - prove_ms).max(0.0),
        stages,
        prove_ms,
        verify_ms,
        verified,
        proof_bytes,
        peak_rss_mib: peak_rss_mib(),
        stage_peak_mib,
        witness,
    })
}

/// Bits of the compact form that holds values up to `max` (see `zkvm::witness::compact`).
fn compact_bits(max: u64) -> (usize, f64) {
    match max {
        0..=1 => (0, 1.0),
        2..=0xff => (1, 8.0),
        0x100..=0xffff => (2, 16.0),
        0x1_0000..=0xffff_ffff => (3, 32.0),
        _ => (4, 64.0),
    }
}

/// Rebuilds the run's (Lasso/Spice) witness and describes it: which polynomials grow with `T`
/// comes from the layout (their number of variables at `log T + 1` differs), widths from the columns.
fn witness_stats<S: CommitmentScheme>(
    pre: &crate::zkvm::JoltPreprocessing<S>,
    input: &[u8],
    options: &RunOptions,
) -> Result<WitnessStats, String> {
    let trace = crate::vm::trace(&pre.program, input, options).map_err(|e| e.to_string())?;
    let initial = Memory::initial(&pre.program, input)
        .map_err(|e| e.to_string())?
        .words;
    let w = generate_witness(&pre.params, &pre.table, &pre.regions, &initial, &trace);
    let t = 1usize << w.sizes.log_t;
    let bigger = WitnessSizes {
        log_t: w.sizes.log_t + 1,
        ..w.sizes
    };
    let mut stats = WitnessStats {
        polynomials: w.columns.len(),
        per_step_polynomials: 0,
        elements_per_step: 0.0,
        elements_per_step_by_width: [0.0; 5],
        bits_per_step: 0.0,
        fixed_entries: 0,
    };
    for (i, col) in w.columns.iter().enumerate() {
        let grows = pre.layout.num_vars(i, &bigger) != pre.layout.num_vars(i, &w.sizes);
        if grows {
            let per_step = col.len() as f64 / t as f64;
            let (bucket, bits) = compact_bits(col.iter().copied().max().unwrap_or(0));
            stats.per_step_polynomials += 1;
            stats.elements_per_step += per_step;
            stats.elements_per_step_by_width[bucket] += per_step;
            stats.bits_per_step += per_step * bits;
        } else {
            stats.fixed_entries += col.len();
        }
    }
    Ok(stats)
}

/// Measures `spec` somewhere (in a child process, or in this one) and reports the result.
pub type Runner<'a> = &'a dyn Fn(&RunSpec) -> Result<RunResult, String>;

/// One row of the suite: a run and the baseline at its `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct E2eRow {
    /// The run.
    pub result: RunResult,
    /// MSM over `T` points, single thread, ms.
    pub msm_ms: f64,
}

impl E2eRow {
    /// Prove time ÷ MSM(T): `R_MSM`.
    pub fn r_msm(&self) -> f64 {
        self.result.prove_ms / self.msm_ms
    }

    /// Raw steps per second, thousands.
    pub fn khz_raw(&self) -> f64 {
        self.result.steps as f64 / self.result.prove_ms
    }

    /// Padded steps per second, thousands.
    pub fn khz_padded(&self) -> f64 {
        self.result.padded() as f64 / self.result.prove_ms
    }
}

/// Baselines by `log T`, measured once each (best of 3 up to `2^20`, 1 above).
#[derive(Default)]
pub struct Baselines(std::collections::BTreeMap<usize, f64>);

impl Baselines {
    /// MSM over `2^log_t` points, single thread, ms.
    pub fn get(&mut self, log_t: usize) -> f64 {
        *self.0.entry(log_t).or_insert_with(|| {
            let reps = if log_t <= 20 { 3 } else { 1 };
            msm_baseline_ms(&distinct_points(1 << log_t), reps)
        })
    }
}

/// What [`run`] measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct E2eConfig {
    /// The guests.
    pub guests: Vec<Guest>,
    /// `log2 T` of each size.
    pub sizes: Vec<usize>,
    /// `log M`.
    pub log_m: usize,
    /// The commitment scheme's name.
    pub pcs: String,
    /// The backends, each measured on every (guest, size).
    pub backends: Vec<Backend>,
}

impl E2eConfig {
    /// `backend`'s position in [`Self::backends`] (row order).
    fn backend_rank(&self, backend: Backend) -> usize {
        self.backends
            .iter()
            .position(|&b| b == backend)
            .unwrap_or(usize::MAX)
    }
}

/// Runs the suite: for every size (ascending) the baseline, then every guest that reaches
/// that size with every backend. Returns the rows (by guest, backend, size) and notes about
/// the sizes a guest cannot reach.
pub fn run(
    config: &E2eConfig,
    runner: Runner<'_>,
    progress: &dyn BenchProgress,
) -> Result<(Vec<E2eRow>, Vec<String>), String> {
    let programs: Vec<(Guest, Program)> = config.guests.iter().map(|&g| (g, load(g))).collect();
    let mut plan = Vec::new();
    let mut notes = Vec::new();
    for &log_t in &config.sizes {
        for (guest, program) in &programs {
            match input_for_size(program, *guest, log_t) {
                Some((arg, _)) => plan.push((log_t, *guest, arg)),
                None => notes.push(format!(
                    "{} cannot fill T = 2^{log_t}: its smallest input runs {} steps.",
                    guest.name(),
                    steps_for(program, *guest, guest.min_arg()).unwrap_or(0)
                )),
            }
        }
    }
    progress.start((plan.len() * config.backends.len()) as u64);
    let mut baselines = Baselines::default();
    let mut rows = Vec::new();
    for (log_t, guest, arg) in plan {
        progress.step(&format!("2^{log_t}: baseline MSM"));
        let msm_ms = baselines.get(log_t);
        for &backend in &config.backends {
            progress.step(&format!(
                "2^{log_t}: {} ({} = {arg}), {backend}",
                guest.name(),
                guest.arg_name()
            ));
            let spec = RunSpec {
                guest,
                arg,
                log_m: config.log_m,
                pcs: config.pcs.clone(),
                backend,
                witness_stats: false,
            };
            let result = runner(&spec)?;
            if !result.verified {
                return Err(format!(
                    "{} at 2^{log_t} ({backend}): the proof did not verify",
                    guest.name()
                ));
            }
            let row = E2eRow { result, msm_ms };
            progress.done(&format!(
                "{} 2^{log_t} {backend}: prove {:.2} s = {:.1} ×MSM, {:.1} kHz, verify {:.1} ms, proof {} B, peak {} MiB",
                guest.name(),
                row.result.prove_ms / 1e3,
                row.r_msm(),
                row.khz_raw(),
                row.result.verify_ms,
                row.result.total_proof_bytes(),
                row.result.peak_rss_mib.map_or("?".into(), |m| m.to_string())
            ));
            rows.push(row);
        }
    }
    rows.sort_by_key(|r| {
        (
            r.result.spec.guest,
            config.backend_rank(r.result.spec.backend),
            r.result.log_t,
        )
    });
    Ok((rows, notes))
}

/// Stage names in order of first appearance.
fn stage_names(rows: &[E2eRow]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        for (n, _) in &r.result.stages {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    names
}

fn opt_mib(m: Option<u64>) -> String {
    m.map_or("—".into(), |m| m.to_string())
}

/// The tables, CSV and plot of `rows`.
pub fn output(
    rows: &[E2eRow],
    notes: &[String],
    config: &E2eConfig,
    threads: usize,
    caption: &str,
) -> SuiteOutput {
    let stages = stage_names(rows);
    let c = 64 / config.log_m.max(1);
    let mut summary = MarkdownTable::new(&[
        "guest",
        "backend",
        "T",
        "steps",
        "cycles",
        "input",
        "MSM(T) ms",
        "prove s",
        "×MSM",
        "kHz raw",
        "kHz padded",
        "verify ms",
        "proof KB",
        "peak RSS MiB",
    ]);
    let mut headings: Vec<String> = vec!["guest".into(), "backend".into(), "T".into()];
    headings.extend(stages.iter().cloned());
    let mut parts = MarkdownTable {
        columns: headings,
        rows: Vec::new(),
    };
    let size_names: Vec<String> = rows
        .first()
        .map(|r| r.result.proof_bytes.iter().map(|p| p.0.clone()).collect())
        .unwrap_or_default();
    let mut headings: Vec<String> = vec!["guest".into(), "backend".into(), "T".into()];
    headings.extend(size_names.iter().cloned());
    let mut sizes = MarkdownTable {
        columns: headings,
        rows: Vec::new(),
    };
    let mut headings: Vec<String> = vec!["guest".into(), "backend".into(), "T".into()];
    headings.extend(stages.iter().cloned());
    let mut memory = MarkdownTable {
        columns: headings,
        rows: Vec::new(),
    };
    let mut csv_cols: Vec<String> = [
        "guest",
        "backend",
        "log_t",
        "steps",
        "cycles",
        "arg",
        "threads",
        "chunks",
        "log_m",
        "pcs",
        "msm_ms",
        "prove_ms",
        "r_msm",
        "khz_raw",
        "khz_padded",
        "verify_ms",
        "preprocess_ms",
        "peak_rss_mib",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    csv_cols.extend(stages.iter().map(|s| format!("{s}_ms")));
    csv_cols.extend(size_names.iter().map(|s| format!("proof_{s}_bytes")));
    csv_cols.extend(stages.iter().map(|s| format!("{s}_peak_mib")));
    let col_refs: Vec<&str> = csv_cols.iter().map(String::as_str).collect();
    let mut csv = Csv::new(&col_refs);

    for row in rows {
        let r = &row.result;
        let t = format!("2^{}", r.log_t);
        let backend = r.spec.backend.name();
        summary.push(vec![
            r.spec.guest.name().into(),
            backend.into(),
            t.clone(),
            r.steps.to_string(),
            r.cycles.to_string(),
            format!("{} = {}", r.spec.guest.arg_name(), r.spec.arg),
            fmt_ms(row.msm_ms),
            format!("{:.2}", r.prove_ms / 1e3),
            format!("{:.1}", row.r_msm()),
            format!("{:.2}", row.khz_raw()),
            format!("{:.2}", row.khz_padded()),
            format!("{:.1}", r.verify_ms),
            format!("{:.1}", r.total_proof_bytes() as f64 / 1e3),
            opt_mib(r.peak_rss_mib),
        ]);
        let mut cells = vec![r.spec.guest.name().to_string(), backend.into(), t.clone()];
        cells.extend(stages.iter().map(|s| match r.stage_ms(s) {
            Some(ms) => format!("{} ({})", fmt_ms(ms), ratio(ms, row.msm_ms)),
            None => "—".into(),
        }));
        parts.push(cells);
        let stage_peak = |s: &String| r.stage_peak_mib.iter().find(|p| &p.0 == s).map(|p| p.1);
        let mut cells = vec![r.spec.guest.name().to_string(), backend.into(), t.clone()];
        cells.extend(stages.iter().map(|s| opt_mib(stage_peak(s))));
        memory.push(cells);
        let mut cells = vec![r.spec.guest.name().to_string(), backend.into(), t];
        cells.extend(r.proof_bytes.iter().map(|p| p.1.to_string()));
        sizes.push(cells);
        let mut cells: Vec<String> = vec![
            r.spec.guest.name().into(),
            backend.into(),
            r.log_t.to_string(),
            r.steps.to_string(),
            r.cycles.to_string(),
            r.spec.arg.to_string(),
            threads.to_string(),
            r.chunks.to_string(),
            r.spec.log_m.to_string(),
            r.spec.pcs.clone(),
            format!("{:.3}", row.msm_ms),
            format!("{:.3}", r.prove_ms),
            format!("{:.3}", row.r_msm()),
            format!("{:.3}", row.khz_raw()),
            format!("{:.3}", row.khz_padded()),
            format!("{:.3}", r.verify_ms),
            format!("{:.3}", r.preprocess_ms),
            r.peak_rss_mib.map_or(String::new(), |m| m.to_string()),
        ];
        cells.extend(
            stages
                .iter()
                .map(|s| r.stage_ms(s).map_or(String::new(), |ms| format!("{ms:.3}"))),
        );
        cells.extend(r.proof_bytes.iter().map(|p| p.1.to_string()));
        cells.extend(
            stages
                .iter()
                .map(|s| stage_peak(s).map_or(String::new(), |m| m.to_string())),
        );
        csv.push(&cells);
    }

    let mut markdown = format!(
        "Guests `fib` (input n) and `sha256` (a chain of SHA-256 hashes over \"abc\"), each input \
         the largest whose trace pads to T; PCS {}; (C, log M) = ({c}, {}); prover on {threads} \
         thread(s); memory-checking backend{} {} (lasso: Lasso/Spice, timestamps and grand \
         products; twist: Twist/Shout, one-hot addresses and increments), each on the same \
         inputs against the same MSM(T). Prove time = every stage from tracing to the batched \
         opening (the preprocessing and PCS setup are not included); kHz = steps ÷ prove time \
         (raw: trace steps, padded: T); ×MSM = prove time ÷ the single-threaded MSM(T). Verify \
         time excludes preprocessing. Peak RSS is the high-water mark of a fresh process that \
         preprocessed, proved and verified that one run. Every proof verified.\n\n",
        config.pcs,
        config.log_m,
        if config.backends.len() == 1 { "" } else { "s" },
        config
            .backends
            .iter()
            .map(|b| b.name())
            .collect::<Vec<_>>()
            .join(", "),
    );
    for note in notes {
        markdown.push_str(&format!("- {note}\n"));
    }
    if !notes.is_empty() {
        markdown.push('\n');
    }
    markdown.push_str(&format!(
        "## Summary\n\n{}\n## Prove time per part: ms (×MSM)\n\n{}\n## Proof size per part (bytes)\n\n{}\n\
         ## Peak memory by stage (MiB)\n\nThe process's high-water mark at the end of each \
         stage (cumulative: the first stage that reaches the row's peak sets it).\n\n{}",
        summary.render(),
        parts.render(),
        sizes.render(),
        memory.render()
    ));

    // One colour per guest (per part in the parts panel); the first backend solid, the others
    // dashed, named in the legend when there are several (in the parts panel only the first
    // backend's lines carry legend entries, and the title says which is dashed).
    let guests: Vec<Guest> = super::unique(rows.iter().map(|r| r.result.spec.guest));
    let backends: Vec<Backend> = super::unique(rows.iter().map(|r| r.result.spec.backend));
    let styled = |name: &str, colour: usize, b: usize, points: Vec<(f64, f64)>| {
        let mut series = Series::new(name, points);
        if backends.len() > 1 {
            series.name = format!("{name} {}", backends[b].name());
        }
        series.colour = Some(colour);
        series.dashed = b > 0;
        series
    };
    let per_guest = |f: &dyn Fn(&E2eRow) -> f64| -> Vec<Series> {
        let mut series = Vec::new();
        for (i, &g) in guests.iter().enumerate() {
            for (b, &backend) in backends.iter().enumerate() {
                let points = rows
                    .iter()
                    .filter(|r| r.result.spec.guest == g && r.result.spec.backend == backend)
                    .map(|r| (r.result.log_t as f64, f(r)))
                    .collect();
                series.push(styled(g.name(), i, b, points));
            }
        }
        series
    };
    let first = guests.first().copied();
    let mut part_series: Vec<Series> = Vec::new();
    for (b, &backend) in backends.iter().enumerate() {
        for (i, s) in stages.iter().filter(|s| s.as_str() != "trace").enumerate() {
            let points = rows
                .iter()
                .filter(|r| Some(r.result.spec.guest) == first && r.result.spec.backend == backend)
                .filter_map(|r| {
                    r.result
                        .stage_ms(s)
                        .map(|ms| (r.result.log_t as f64, ms / r.msm_ms))
                })
                .collect();
            let mut series = styled(s, i, b, points);
            series.name = if b == 0 { s.clone() } else { String::new() };
            part_series.push(series);
        }
    }
    let parts_title = match backends.as_slice() {
        [first_backend, rest @ ..] if !rest.is_empty() => format!(
            "{}: per part ÷ MSM(T); solid {first_backend}, dashed {}",
            first.map_or("", |g| g.name()),
            rest.iter().map(|b| b.name()).collect::<Vec<_>>().join(", ")
        ),
        _ => format!(
            "{}: prove time per part ÷ MSM(T)",
            first.map_or("", |g| g.name())
        ),
    };
    let chart = |title: String, y: &str, log_y: bool, series: Vec<Series>| {
        Panel::Line(LineChart {
            title,
            x_label: "padded trace length T".into(),
            y_label: y.into(),
            log_y,
            x_pow2: true,
            series,
        })
    };
    let svg = figure(
        &[
            chart(
                "prove time ÷ MSM(T)".into(),
                "×MSM",
                false,
                per_guest(&|r| r.r_msm()),
            ),
            chart(parts_title, "×MSM", true, part_series),
            chart(
                "peak memory".into(),
                "MiB",
                true,
                per_guest(&|r| r.result.peak_rss_mib.map_or(f64::NAN, |m| m as f64)),
            ),
        ],
        caption,
    );
    SuiteOutput {
        name: "e2e",
        title: "End-to-end prover".into(),
        markdown,
        csv: csv.finish(),
        svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_carry_the_backend_by_name_and_default_without_one() {
        let spec = RunSpec {
            guest: Guest::Fib,
            arg: 1,
            log_m: 8,
            pcs: "hyperkzg".into(),
            backend: Backend::TwistShout,
            witness_stats: false,
        };
        let json = serde_json::to_string(&spec).unwrap();
        assert!(json.contains(r#""backend":"twist""#), "{json}");
        assert_eq!(serde_json::from_str::<RunSpec>(&json).unwrap(), spec);
        let old = json.replace(r#""backend":"twist","#, "");
        let read: RunSpec = serde_json::from_str(&old).unwrap();
        assert_eq!(read.backend, Backend::default());
        assert!(serde_json::from_str::<RunSpec>(&json.replace("twist", "spice")).is_err());
    }

    #[test]
    fn inputs_fill_their_size() {
        let fib = load(Guest::Fib);
        let (n, steps) = input_for_size(&fib, Guest::Fib, 10).unwrap();
        assert_eq!(padded_steps(steps), 1024);
        assert!(padded_steps(steps_for(&fib, Guest::Fib, n + 1).unwrap()) > 1024);
        let sha = load(Guest::Sha256);
        assert_eq!(input_for_size(&sha, Guest::Sha256, 10), None);
        let (k, steps) = input_for_size(&sha, Guest::Sha256, 14).unwrap();
        assert!(k >= 2 && padded_steps(steps) == 1 << 14, "{k} {steps}");
    }
}
