//! `jolt bench SUITE [--quick] [--out DIR] [--max-log-t N] [--threads N] …`: the benchmark
//! tables and plots of `paper-notes/results/` ([`crate::bench`]).
//!
//! Suites: `e2e`, `pcs`, `params`, `lookups`, `programs`, and `all` (the first four in turn).
//! `--backend lasso,twist` measures each prover run of `e2e` and `programs` with each
//! memory-checking backend in the same run (one row per backend). Each writes
//! `SUITE.md`, `SUITE.csv` and `SUITE.svg` into `--out` (default `paper-notes/results`) and
//! prints the Markdown to stdout; progress goes to stderr. `--quick` picks small sizes (the
//! whole of `jolt bench all --quick` takes a few minutes on two cores).
//!
//! The `e2e` and `params` suites measure each prover run in a fresh child process — this
//! binary re-executed as the hidden `jolt bench worker --spec JSON`, which prints its
//! [`RunResult`] as JSON — so the peak memory (`VmHWM`) of a run is its own. The baseline MSM
//! is measured in the parent, single-threaded, before the runs at each size.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::Command as Process;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use instructions::LookupParams;

use crate::bench::e2e::{self, E2eConfig, Guest, RunResult, RunSpec};
use crate::bench::programs::{self, ProgramSpec, ProgramsConfig, ProofResult};
use crate::bench::{lookups, params, pcs, BenchProgress, Header, SuiteOutput};
use crate::cli::prove::Pcs;
use crate::cli::{backend_parser, print_stdout, CliError};
use crate::zkvm::Backend;

/// Arguments of `jolt bench`.
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// The suite to run.
    #[command(subcommand)]
    pub suite: Suite,
}

/// The suites.
#[derive(Debug, Clone, Subcommand)]
pub enum Suite {
    /// Whole prover on fib and the SHA-256 chain at T = 2^10 … 2^max-log-t (default 20;
    /// --quick: 2^12): time per part, kHz, ×MSM, verify, proof size, peak memory; one row per
    /// backend (--backend lasso,twist measures both in one run).
    E2e(SuiteArgs),
    /// Commitment schemes at 2^10, 2^12, … 2^max-log-t (default 20; --quick: 2^10..2^12):
    /// commit (random / 16-bit / 0-1 values), open, verify, sizes.
    Pcs(SuiteArgs),
    /// (C, log M) = (4, 16) and (8, 8) on fib at 2^max-log-t (default 16; --quick: 12):
    /// committed elements per step, prove time, proof size.
    Params(SuiteArgs),
    /// Per-instruction lookup cost (rows, lookups, subtable reads, g degree) and Surge time
    /// per 2^max-log-t lookups (default 16; --quick: 12), per table and for all tables.
    Lookups(SuiteArgs),
    /// The standard benchmark programs (Rust guests in guests/programs: SHA-256, Keccak,
    /// ECDSA, bigint, JSON, sort, …) at several sizes: cycles, steps, prove time, ×MSM, proof
    /// size, verify time, peak memory; proves runs up to 2^max-log-t (default 18; --quick:
    /// the smallest size of each, up to 2^16).
    Programs(SuiteArgs),
    /// The four suites e2e, pcs, params, lookups in turn.
    All(SuiteArgs),
    /// One measured prover run (used by e2e and params; prints the result as JSON).
    #[command(hide = true)]
    Worker(WorkerArgs),
    /// One measured proof of a benchmark program (used by programs; prints JSON).
    #[command(hide = true)]
    ProgramsWorker(WorkerArgs),
}

/// Options every suite takes.
#[derive(Debug, Clone, Args)]
pub struct SuiteArgs {
    /// Small sizes only (a quick check that everything works, and rough numbers).
    #[arg(long)]
    pub quick: bool,
    /// Folder for SUITE.md, SUITE.csv and SUITE.svg.
    #[arg(long, value_name = "DIR", default_value = "paper-notes/results")]
    pub out: PathBuf,
    /// The largest log2 size (e2e, pcs), or the one size (params: T; lookups: lookups).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(3..=26))]
    pub max_log_t: Option<u8>,
    /// The smallest log2 size (e2e, pcs).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u8).range(3..=26))]
    pub min_log_t: u8,
    /// Threads for the measured code (default: rayon's choice, RAYON_NUM_THREADS or all
    /// cores). The MSM baseline always runs on one thread.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Subtable sizes log M to use, C = 64 / log M (e2e uses the first; default 16 for e2e,
    /// 16,8 for params and lookups).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_log_m)]
    pub log_m: Vec<usize>,
    /// Commitment scheme of e2e and params.
    #[arg(long, value_enum, default_value_t = Pcs::Hyperkzg)]
    pub pcs: Pcs,
    /// Memory-checking backends of e2e and programs, each measured on every run (one row per
    /// backend): lasso (Lasso/Spice), twist (Twist/Shout), or both as `lasso,twist`. Default:
    /// the library's default backend. params describes the Lasso/Spice witness.
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = backend_parser())]
    pub backend: Vec<Backend>,
    /// Guests of e2e.
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_guest, default_value = "fib,sha256")]
    pub guests: Vec<Guest>,
    /// Measure prover runs in this process instead of a child each (peak memory is then the
    /// whole process's high-water mark).
    #[arg(long)]
    pub in_process: bool,
    /// Programs of the programs suite (default: all of them).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub programs: Vec<String>,
}

/// Arguments of the hidden worker.
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    /// The run, as the JSON of a `RunSpec`.
    #[arg(long)]
    pub spec: String,
}

fn parse_log_m(s: &str) -> Result<usize, String> {
    match s.trim() {
        "8" => Ok(8),
        "16" => Ok(16),
        _ => Err("log M must be 8 or 16".into()),
    }
}

fn parse_guest(s: &str) -> Result<Guest, String> {
    Guest::from_name(s.trim()).ok_or_else(|| format!("unknown guest {s:?} (fib, sha256)"))
}

/// Progress on stderr: a bar on a terminal, one line per finished measurement otherwise.
struct StderrProgress {
    bar: Option<ProgressBar>,
    suite: &'static str,
}

impl StderrProgress {
    fn new(suite: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {prefix} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}",
                )
                .expect("valid template"),
            );
            bar.set_prefix(suite);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        StderrProgress { bar, suite }
    }
}

impl BenchProgress for StderrProgress {
    fn start(&self, total: u64) {
        match &self.bar {
            Some(bar) => bar.set_length(total),
            None => eprintln!("{}: {total} measurements", self.suite),
        }
    }

    fn step(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(what.to_string());
        }
    }

    fn done(&self, line: &str) {
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.inc(1);
            }
            None => eprintln!("{}: {line}", self.suite),
        }
    }
}

impl Drop for StderrProgress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Runs one measurement in a child process: this binary as `jolt bench worker`.
fn run_in_child(spec: &RunSpec, threads: Option<u16>) -> Result<RunResult, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let json = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    let mut cmd = Process::new(exe);
    cmd.args(["bench", "worker", "--spec", &json]);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the worker: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the worker for {} (arg {}, {}) failed: {}",
            spec.guest.name(),
            spec.arg,
            spec.backend,
            out.status
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bad worker output: {e}"))
}

/// The options resolved for one suite.
struct Plan<'a> {
    args: &'a SuiteArgs,
    threads: usize,
    header: Header,
}

impl Plan<'_> {
    fn max_or(&self, full: usize, quick: usize) -> usize {
        self.args
            .max_log_t
            .map_or(if self.args.quick { quick } else { full }, usize::from)
    }

    /// The backends asked for, each once, in order (default: [`Backend::default`]).
    fn backends(&self) -> Vec<Backend> {
        if self.args.backend.is_empty() {
            vec![Backend::default()]
        } else {
            crate::bench::unique(self.args.backend.iter().copied())
        }
    }

    fn log_ms(&self, default: &[usize]) -> Vec<usize> {
        if self.args.log_m.is_empty() {
            default.to_vec()
        } else {
            self.args.log_m.clone()
        }
    }

    fn run_spec(&self, spec: &RunSpec) -> Result<RunResult, String> {
        if self.args.in_process {
            e2e::measure_run(spec)
        } else {
            run_in_child(spec, self.args.threads)
        }
    }

    fn write(&self, out: &SuiteOutput) -> Result<(), CliError> {
        let written =
            out.write(&self.args.out, &self.header)
                .map_err(|source| CliError::Write {
                    path: self.args.out.clone(),
                    source,
                })?;
        print_stdout(&out.document(&self.header))?;
        for path in written {
            eprintln!("wrote {}", path.display());
        }
        Ok(())
    }

    fn e2e(&self) -> Result<(), CliError> {
        let min = usize::from(self.args.min_log_t);
        let config = E2eConfig {
            guests: self.args.guests.clone(),
            sizes: (min..=self.max_or(20, 12)).collect(),
            log_m: self.log_ms(&[16])[0],
            pcs: self.args.pcs.name().into(),
            backends: self.backends(),
        };
        let progress = StderrProgress::new("e2e");
        let runner = |spec: &RunSpec| self.run_spec(spec);
        let (rows, notes) = e2e::run(&config, &runner, &progress).map_err(CliError::Prove)?;
        drop(progress);
        let out = e2e::output(&rows, &notes, &config, self.threads, &self.header.caption());
        self.write(&out)
    }

    fn pcs(&self) -> Result<(), CliError> {
        let min = usize::from(self.args.min_log_t);
        let max = self.max_or(20, 12);
        let step = if self.args.quick { 1 } else { 2 };
        let sizes: Vec<usize> = (min..=max).step_by(step).collect();
        let progress = StderrProgress::new("pcs");
        let rows = pcs::run(&sizes, None, &|_| true, &progress);
        drop(progress);
        self.write(&pcs::output(&rows, self.threads, &self.header.caption()))
    }

    fn params(&self) -> Result<(), CliError> {
        let log_t = self.max_or(16, 12);
        let progress = StderrProgress::new("params");
        let runner = |spec: &RunSpec| self.run_spec(spec);
        let rows = params::run(
            log_t,
            &self.log_ms(&[16, 8]),
            self.args.pcs.name(),
            &runner,
            &progress,
        )
        .map_err(CliError::Prove)?;
        drop(progress);
        self.write(&params::output(&rows, self.threads, &self.header.caption()))
    }

    fn programs(&self) -> Result<(), CliError> {
        let mut cases = Vec::new();
        for p in &programs::PROGRAMS {
            if !self.args.programs.is_empty() && !self.args.programs.iter().any(|n| n == p.name) {
                continue;
            }
            let sizes = if self.args.quick {
                vec![p.smallest]
            } else {
                p.sizes.to_vec()
            };
            cases.push((p, sizes));
        }
        if let Some(unknown) = self
            .args
            .programs
            .iter()
            .find(|n| programs::program(n).is_none())
        {
            return Err(CliError::Prove(format!("unknown program {unknown:?}")));
        }
        let config = ProgramsConfig {
            cases,
            max_log_t: self.max_or(18, 16),
            log_m: self.log_ms(&[16])[0],
            pcs: self.args.pcs.name().into(),
            backends: self.backends(),
        };
        let progress = StderrProgress::new("programs");
        let runner = |spec: &ProgramSpec| -> Result<ProofResult, String> {
            if self.args.in_process {
                programs::measure_proof(spec)
            } else {
                run_worker(&["bench", "programs-worker"], spec, self.args.threads)
            }
        };
        let rows = programs::run(&config, &runner, &progress).map_err(CliError::Prove)?;
        drop(progress);
        self.write(&programs::output(
            &rows,
            &config,
            self.threads,
            &self.header.caption(),
        ))
    }

    fn lookups(&self) -> Result<(), CliError> {
        let log_n = self.max_or(16, 12);
        let configs: Vec<LookupParams> = self
            .log_ms(&[16, 8])
            .into_iter()
            .map(|m| e2e::lookup_params(m).map_err(CliError::Prove))
            .collect::<Result<_, _>>()?;
        let progress = StderrProgress::new("lookups");
        let run = lookups::run(log_n, &configs, &progress);
        drop(progress);
        self.write(&lookups::output(&run, self.threads, &self.header.caption()))
    }
}

/// The hidden worker: one measured run, its [`RunResult`] as JSON on stdout.
fn worker(args: &WorkerArgs) -> Result<(), CliError> {
    let spec: RunSpec = serde_json::from_str(&args.spec)
        .map_err(|e| CliError::Prove(format!("bad --spec: {e}")))?;
    let result = e2e::measure_run(&spec).map_err(CliError::Prove)?;
    let json = serde_json::to_string(&result).map_err(|e| CliError::Prove(e.to_string()))?;
    print_stdout(&json)
}

/// The hidden programs worker: one measured proof, its [`ProofResult`] as JSON on stdout.
fn programs_worker(args: &WorkerArgs) -> Result<(), CliError> {
    let spec: ProgramSpec = serde_json::from_str(&args.spec)
        .map_err(|e| CliError::Prove(format!("bad --spec: {e}")))?;
    let result = programs::measure_proof(&spec).map_err(CliError::Prove)?;
    let json = serde_json::to_string(&result).map_err(|e| CliError::Prove(e.to_string()))?;
    print_stdout(&json)
}

/// Runs this binary as `jolt ARGS --spec JSON(spec)` (RAYON_NUM_THREADS = `threads`) and reads
/// its JSON answer: a measurement in a process of its own, so its peak memory is its own.
fn run_worker<S: serde::Serialize, R: serde::de::DeserializeOwned>(
    args: &[&str],
    spec: &S,
    threads: Option<u16>,
) -> Result<R, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let json = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    let mut cmd = Process::new(exe);
    cmd.args(args).args(["--spec", &json]);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the worker: {e}"))?;
    if !out.status.success() {
        return Err(format!("the worker for {json} failed: {}", out.status));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bad worker output: {e}"))
}

/// Runs `jolt bench`.
pub fn execute(args: &BenchArgs) -> Result<(), CliError> {
    let suite_args = match &args.suite {
        Suite::Worker(w) => return worker(w),
        Suite::ProgramsWorker(w) => return programs_worker(w),
        Suite::E2e(a)
        | Suite::Pcs(a)
        | Suite::Params(a)
        | Suite::Lookups(a)
        | Suite::Programs(a)
        | Suite::All(a) => a,
    };
    if let Some(n) = suite_args.threads {
        // Fails only if the global pool already exists (then its size is reported).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global();
    }
    let threads = rayon::current_num_threads();
    let plan = Plan {
        args: suite_args,
        threads,
        header: Header::collect(threads),
    };
    match &args.suite {
        Suite::E2e(_) => plan.e2e(),
        Suite::Pcs(_) => plan.pcs(),
        Suite::Params(_) => plan.params(),
        Suite::Lookups(_) => plan.lookups(),
        Suite::Programs(_) => plan.programs(),
        Suite::All(_) => {
            plan.e2e()?;
            plan.pcs()?;
            plan.params()?;
            plan.lookups()
        }
        Suite::Worker(_) | Suite::ProgramsWorker(_) => unreachable!("handled above"),
    }
}
