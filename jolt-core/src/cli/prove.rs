//! `jolt prove`, `jolt verify` and the no-argument demo (prove and verify a built-in guest).
//!
//! `jolt prove PROGRAM.elf [--input FILE | --input-json FILE] [--pcs hyperkzg|zeromorph|hyrax|dory]
//! [--backend lasso|twist] [--prover-key FILE] [--memory-limit MIB] -o PROOF [--json]` runs
//! the guest, proves the run with the chosen memory-checking backend and writes a proof file
//! ([`crate::zkvm::file`]) that holds the backend, the public input, output and exit code.
//! `jolt verify PROGRAM.elf PROOF [--log-m 8|16] [--max-log-t K] [--backend lasso|twist]
//! [--verifier-key FILE] [--json]` is a separate process: it preprocesses the program itself
//! with its own configuration and the verifier key only, verifies with the backend the file
//! names (`--backend`, if given, must agree: [`ProofFileError::WrongBackend`] otherwise), and
//! exits 0 only if the proof verifies. Long stages show a spinner on stderr; a per-part
//! timing table ends the report.
//!
//! Without key files the PCS setup is the **insecure** deterministic test setup (seed
//! [`DEV_SETUP_SEED`]), sized for the proof's trace length: fine for research, forgeable by
//! anyone; `jolt setup` imports a ceremony's powers of τ into key files.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, Zeromorph};
use indicatif::{ProgressBar, ProgressStyle};
use instructions::LookupParams;

use crate::bench::StageMemory;
use crate::cli::backend_parser;
use crate::cli::run::{hex, load_run, printable, read, InputArgs};
use crate::cli::{print_stdout, CliError, LayoutArgs};
use crate::vm::{Program, RunOptions};
use crate::zkvm::file::{read_header, read_proof_file, write_proof_file, ProofFileError};
use crate::zkvm::{
    preprocess_and_prove_within, verify, Backend, JoltVerifierPreprocessing, MemoryLimit, Progress,
    ProveError, ProveTimings, ProverKey, PublicIo,
};
use commitments::keys::{load_prover_key, load_verifier_key};

/// Seed of the insecure development PCS setup both `prove` and `verify` derive.
pub const DEV_SETUP_SEED: u64 = 0x4a4f_4c54;
/// How reports name the insecure development setup.
pub const INSECURE_SETUP_NOTE: &str =
    "INSECURE deterministic dev setup (its trapdoor follows from a public seed; use jolt setup for real keys)";
/// The largest `log2 T` `jolt verify` accepts unless `--max-log-t` says otherwise (2^24 steps).
pub const MAX_LOG_T: usize = 24;

/// The commitment schemes the CLI offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Pcs {
    /// HyperKZG (BN254).
    Hyperkzg,
    /// Zeromorph (BN254).
    Zeromorph,
    /// Hyrax (transparent, BN254 G1).
    Hyrax,
    /// Dory (transparent, BN254 pairings, O(log N) proofs).
    Dory,
}

impl Pcs {
    /// The scheme whose [`CommitmentScheme::NAME`] is `name`.
    pub fn from_name(name: &str) -> Option<Pcs> {
        [Pcs::Hyperkzg, Pcs::Zeromorph, Pcs::Hyrax, Pcs::Dory]
            .into_iter()
            .find(|p| p.name() == name)
    }

    /// The scheme's name as proof headers store it.
    pub fn name(self) -> &'static str {
        match self {
            Pcs::Hyperkzg => HyperKzg::NAME,
            Pcs::Zeromorph => Zeromorph::NAME,
            Pcs::Hyrax => Hyrax::NAME,
            Pcs::Dory => Dory::NAME,
        }
    }
}

/// Calls `$body` with the type `$s` bound to the scheme of `$pcs`.
macro_rules! with_pcs {
    ($pcs:expr, $s:ident => $body:expr) => {
        match $pcs {
            Pcs::Hyperkzg => {
                type $s = HyperKzg;
                $body
            }
            Pcs::Zeromorph => {
                type $s = Zeromorph;
                $body
            }
            Pcs::Hyrax => {
                type $s = Hyrax;
                $body
            }
            Pcs::Dory => {
                type $s = Dory;
                $body
            }
        }
    };
}

/// Arguments of `jolt prove`.
#[derive(Debug, Clone, Args)]
pub struct ProveArgs {
    /// The guest executable (RV32IM ELF).
    #[arg(value_name = "PROGRAM.elf")]
    pub program: PathBuf,
    /// The public input.
    #[command(flatten)]
    pub input: InputArgs,
    /// The polynomial commitment scheme.
    #[arg(long, value_enum, default_value_t = Pcs::Hyperkzg)]
    pub pcs: Pcs,
    /// The memory-checking backend: lasso (Lasso/Spice: timestamps and grand products) or
    /// twist (Twist/Shout: one-hot addresses and increments). The proof file records it.
    #[arg(long, default_value_t = Backend::default(), value_parser = backend_parser())]
    pub backend: Backend,
    /// Where to write the proof file.
    #[arg(short, long, value_name = "PROOF")]
    pub output: PathBuf,
    /// Subtable size log M (16: C = 4 chunks, Jolt's choice; 8: C = 8).
    #[arg(long, default_value_t = 16, value_parser = parse_log_m)]
    pub log_m: usize,
    /// Stop with an error after this many RISC-V instructions.
    #[arg(long, value_name = "N", default_value_t = RunOptions::default().max_cycles)]
    pub max_cycles: u64,
    /// Refuse to prove when the estimated peak memory exceeds this many MiB (default: the
    /// memory available now, from the kernel and the cgroup limit).
    #[arg(long, value_name = "MIB")]
    pub memory_limit: Option<u64>,
    /// A prover key written by `jolt setup` (from a powers-of-tau ceremony). Without it the
    /// INSECURE deterministic dev setup is used: fine for research, forgeable by anyone.
    #[arg(long, value_name = "FILE")]
    pub prover_key: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Memory layout.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// Arguments of `jolt verify`. Everything that sizes the verifier's work — the lookup
/// parameters, the largest trace, the memory layout — is the verifier's own configuration;
/// a proof header that disagrees is rejected before any work.
#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// The guest executable the proof is about.
    #[arg(value_name = "PROGRAM.elf")]
    pub program: PathBuf,
    /// The proof file written by `jolt prove`.
    #[arg(value_name = "PROOF")]
    pub proof: PathBuf,
    /// Subtable size log M the verifier accepts (16: C = 4 chunks; 8: C = 8).
    #[arg(long, default_value_t = 16, value_parser = parse_log_m)]
    pub log_m: usize,
    /// The longest trace the verifier accepts, as log2 of the padded step count.
    #[arg(long, value_name = "K", default_value_t = MAX_LOG_T as u32, value_parser = clap::value_parser!(u32).range(3..=30))]
    pub max_log_t: u32,
    /// The backend the proof must use (default: the one the proof file names). A file made
    /// by the other backend is refused before any work.
    #[arg(long, value_parser = backend_parser())]
    pub backend: Option<Backend>,
    /// A verifier key written by `jolt setup` (the prover's key's partner). Without it the
    /// INSECURE deterministic dev key is used.
    #[arg(long, value_name = "FILE")]
    pub verifier_key: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Memory layout (must match the prover's).
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// A spinner on stderr naming the current prover stage (hidden when stderr is no terminal),
/// and the stages' memory profile.
struct Spinner(ProgressBar, StageMemory);

impl Spinner {
    fn new(quiet: bool) -> Self {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new_spinner()
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] proving: {msg}")
                .expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(bar, StageMemory::new())
    }
}

impl Progress for Spinner {
    fn stage(&self, name: &'static str) {
        self.1.stage(name);
        self.0.set_message(name);
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// What a prove (and self-check) reported.
struct ProveReport {
    scheme: &'static str,
    backend: Backend,
    /// Which setup the proof is made under.
    setup: String,
    cycles: u64,
    steps: usize,
    padded: usize,
    timings: ProveTimings,
    sizes: crate::zkvm::ProofSizes,
    verify: Duration,
    verified: bool,
    io: PublicIo,
    file: Vec<u8>,
    /// The peak resident memory at the end of each prover stage, MiB.
    stage_peak_mib: Vec<(String, u64)>,
}

fn parse_log_m(s: &str) -> Result<usize, String> {
    match s {
        "8" => Ok(8),
        "16" => Ok(16),
        _ => Err("log M must be 8 or 16".into()),
    }
}

fn lookup_params(log_m: usize) -> LookupParams {
    LookupParams::new(64 / log_m, log_m).unwrap_or(LookupParams::DEFAULT)
}

/// How to prove: the lookup parameters, emulator options, backend, memory budget, key.
struct ProveSettings<'a> {
    params: LookupParams,
    options: RunOptions,
    backend: Backend,
    limit: MemoryLimit,
    /// A prover key file (else the insecure dev setup).
    prover_key: Option<&'a std::path::Path>,
    /// No spinner.
    quiet: bool,
}

fn prove_program<S: CommitmentScheme<Field = ark_bn254::Fr>>(
    program: Program,
    input: &[u8],
    settings: &ProveSettings<'_>,
) -> Result<ProveReport, CliError> {
    let ProveSettings {
        params,
        ref options,
        backend,
        limit,
        prover_key,
        quiet,
    } = *settings;
    let (key, setup) = match prover_key {
        Some(path) => (
            ProverKey::Given(load_prover_key::<S>(path).map_err(|e| CliError::Key {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?),
            format!("prover key {}", path.display()),
        ),
        None => (
            ProverKey::InsecureDev(DEV_SETUP_SEED),
            INSECURE_SETUP_NOTE.to_string(),
        ),
    };
    let spinner = Spinner::new(quiet);
    let run = preprocess_and_prove_within::<S>(
        program, input, params, options, backend, key, limit, &spinner,
    )
    .map_err(|e| match e {
        ProveError::Execution(e) => CliError::Execution(e),
        e => CliError::Prove(e.to_string()),
    })?;
    let stage_peak_mib = spinner.1.finish();
    spinner.stage("verify");
    let start = Instant::now();
    let verified = verify(&run.preprocessing, &run.io, &run.proof).is_ok();
    let verify_time = start.elapsed();
    drop(spinner);
    Ok(ProveReport {
        scheme: S::NAME,
        backend: run.proof.backend(),
        setup,
        cycles: run.cycles,
        steps: run.steps,
        padded: 1 << run.proof.log_t(),
        timings: run.timings,
        sizes: run.proof.proof_bytes(),
        verify: verify_time,
        verified,
        file: write_proof_file(&run.preprocessing.params, &run.io, &run.proof),
        io: run.io,
        stage_peak_mib,
    })
}

/// `Lasso/Spice` or `Twist/Shout`: the protocols a backend stands for.
fn backend_protocols(backend: Backend) -> &'static str {
    match backend {
        Backend::LassoSpice => "Lasso/Spice",
        Backend::TwistShout => "Twist/Shout",
    }
}

/// `lasso (Lasso/Spice)` or `twist (Twist/Shout)`: the CLI name and what it stands for.
fn backend_text(backend: Backend) -> String {
    format!("{} ({})", backend.name(), backend_protocols(backend))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn prove_json(r: &ProveReport) -> serde_json::Value {
    let parts: serde_json::Map<String, serde_json::Value> = r
        .timings
        .stages()
        .iter()
        .map(|(name, d)| (name.to_string(), ms(*d).into()))
        .collect();
    serde_json::json!({
        "pcs": r.scheme,
        "backend": r.backend.name(),
        "setup": r.setup,
        "exit_code": r.io.exit_code,
        "output_hex": hex(&r.io.output),
        "output_text": printable(&r.io.output),
        "cycles": r.cycles,
        "trace_steps": r.steps,
        "padded_steps": r.padded,
        "verified": r.verified,
        "proof_bytes": r.sizes.total,
        "proof_bytes_per_part": serde_json::to_value(&r.sizes).unwrap_or_default(),
        "prove_ms": ms(r.timings.total()),
        "prove_ms_per_part": parts,
        "verify_ms": ms(r.verify),
        "peak_rss_mib_after_stage": r
            .stage_peak_mib
            .iter()
            .map(|(name, mib)| (name.clone(), serde_json::Value::from(*mib)))
            .collect::<serde_json::Map<String, serde_json::Value>>(),
    })
}

fn prove_text(r: &ProveReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "pcs          {}", r.scheme);
    let _ = writeln!(s, "backend      {}", backend_text(r.backend));
    let _ = writeln!(s, "setup        {}", r.setup);
    let _ = writeln!(s, "exit code    {}", r.io.exit_code);
    match printable(&r.io.output) {
        Some(text) if !r.io.output.is_empty() => {
            let _ = writeln!(s, "output       {text:?}");
        }
        _ => {
            let _ = writeln!(
                s,
                "output       {} bytes: {}",
                r.io.output.len(),
                hex(&r.io.output)
            );
        }
    }
    let _ = writeln!(
        s,
        "cycles       {} RISC-V instructions, {} steps, padded to 2^{}",
        r.cycles,
        r.steps,
        r.padded.trailing_zeros()
    );
    let total = r.timings.total();
    let _ = writeln!(
        s,
        "prove        {:.1} ms ({:.1} k steps/s)",
        ms(total),
        r.steps as f64 / total.as_secs_f64().max(1e-9) / 1e3
    );
    for (name, d) in r.timings.stages() {
        let share = 100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9);
        let peak = r
            .stage_peak_mib
            .iter()
            .find(|p| p.0 == name)
            .map_or(String::new(), |p| format!("   peak so far {} MiB", p.1));
        let _ = writeln!(s, "  {name:<10} {:>10.1} ms {share:>5.1}%{peak}", ms(d));
        if name == "lookups" {
            let _ = writeln!(
                s,
                "    primary sumcheck {:.1} ms, {} {:.1} ms",
                ms(r.timings.lookups_primary),
                match r.backend {
                    Backend::LassoSpice => "memory checks",
                    Backend::TwistShout => "Shout per chunk position",
                },
                ms(d.saturating_sub(r.timings.lookups_primary))
            );
        }
    }
    let z = &r.sizes;
    let _ = writeln!(
        s,
        "proof        {} bytes (commitments {}, bytecode {}, lookups {}, memory {}, r1cs {}, opening {})",
        z.total, z.commitments, z.bytecode, z.lookups, z.memory, z.r1cs, z.opening
    );
    let _ = write!(
        s,
        "verify       {:.1} ms: {}",
        ms(r.verify),
        if r.verified { "accepted" } else { "REJECTED" }
    );
    s
}

/// Runs `jolt prove`.
pub fn execute_prove(args: &ProveArgs) -> Result<(), CliError> {
    let (program, input, options) =
        load_run(&args.program, &args.input, &args.layout, args.max_cycles)?;
    let params = lookup_params(args.log_m);
    let limit = args
        .memory_limit
        .map_or(MemoryLimit::Detect, |mib| MemoryLimit::Bytes(mib << 20));
    let settings = ProveSettings {
        params,
        options,
        backend: args.backend,
        limit,
        prover_key: args.prover_key.as_deref(),
        quiet: args.json,
    };
    let report = with_pcs!(args.pcs, S => prove_program::<S>(program, &input, &settings)?);
    std::fs::write(&args.output, &report.file).map_err(|source| CliError::Write {
        path: args.output.clone(),
        source,
    })?;
    let text = if args.json {
        prove_json(&report).to_string()
    } else {
        format!(
            "{}\nwrote        {}",
            prove_text(&report),
            args.output.display()
        )
    };
    print_stdout(&text)?;
    if report.verified {
        Ok(())
    } else {
        Err(CliError::Rejected(
            "the proof just made does not verify".into(),
        ))
    }
}

/// What `jolt verify` reports.
struct VerifyReport {
    backend: Backend,
    io: PublicIo,
    log_t: usize,
    time: Duration,
    verdict: Result<(), String>,
}

/// Checks the header against the verifier's own configuration (scheme, backend if asked for,
/// `C`, `log M`, the largest trace) before anything is sized from it, then verifies with the
/// verifier key only, with the backend the file names.
fn verify_file<S: CommitmentScheme<Field = ark_bn254::Fr>>(
    elf: &[u8],
    args: &VerifyArgs,
    bytes: &[u8],
) -> Result<VerifyReport, CliError> {
    let (header, _) = read_header(bytes)?;
    if let Some(expected) = args.backend {
        if header.backend != expected {
            return Err(ProofFileError::WrongBackend {
                found: header.backend,
                expected,
            }
            .into());
        }
    }
    let params = lookup_params(args.log_m);
    if (header.chunks as usize, header.log_m as usize) != (params.c(), params.log_m()) {
        return Err(CliError::BadProof(format!(
            "the proof uses (C, log M) = ({}, {}); this verifier is configured for ({}, {}) \
             (--log-m)",
            header.chunks,
            header.log_m,
            params.c(),
            params.log_m()
        )));
    }
    let max_log_t = args.max_log_t as usize;
    let log_t = header.log_t as usize;
    if log_t > max_log_t {
        return Err(CliError::BadProof(format!(
            "the proof claims 2^{log_t} steps; this verifier accepts at most 2^{max_log_t} \
             (--max-log-t)"
        )));
    }
    let (_, io, proof) = read_proof_file::<S>(bytes)?;
    let program = Program::load(elf, &args.layout.config(io.input.len()))?;
    let start = Instant::now();
    let pre = match &args.verifier_key {
        Some(path) => {
            let key = load_verifier_key::<S>(path).map_err(|e| CliError::Key {
                path: path.clone(),
                message: e.to_string(),
            })?;
            JoltVerifierPreprocessing::<S>::with_key(program, params, max_log_t, |_| key)
        }
        // The dev key is sized for the proof's trace (the prover's dev setup is too); `log_t`
        // is bounded by the configuration above, and a KZG verifier key costs the same at any
        // size.
        None => JoltVerifierPreprocessing::<S>::new(program, params, log_t.max(3), DEV_SETUP_SEED),
    };
    let verdict = verify(&pre, &io, &proof).map_err(|e| e.to_string());
    Ok(VerifyReport {
        backend: proof.backend(),
        io,
        log_t,
        time: start.elapsed(),
        verdict,
    })
}

/// Runs `jolt verify`: exit status 0 only for an accepted proof.
pub fn execute_verify(args: &VerifyArgs) -> Result<(), CliError> {
    let elf = read(&args.program)?;
    let bytes = read(&args.proof)?;
    let (header, _) = read_header(&bytes)?;
    let pcs = Pcs::from_name(&header.scheme).ok_or_else(|| {
        CliError::BadProof(format!("unknown commitment scheme {:?}", header.scheme))
    })?;
    let r = with_pcs!(pcs, S => verify_file::<S>(&elf, args, &bytes)?);
    let setup = args.verifier_key.as_ref().map_or_else(
        || INSECURE_SETUP_NOTE.to_string(),
        |p| format!("verifier key {}", p.display()),
    );
    let report = if args.json {
        // The verifier knows the padded trace length only: how many of those steps the
        // guest really ran is not part of the statement, so it is not reported.
        serde_json::json!({
            "pcs": pcs.name(),
            "backend": r.backend.name(),
            "setup": setup,
            "exit_code": r.io.exit_code,
            "output_hex": hex(&r.io.output),
            "output_text": printable(&r.io.output),
            "padded_steps": 1u64 << r.log_t,
            "log2_padded_steps": r.log_t,
            "verified": r.verdict.is_ok(),
            "error": r.verdict.as_ref().err(),
            "proof_bytes": bytes.len(),
            "verify_ms": ms(r.time),
        })
        .to_string()
    } else {
        format!(
            "pcs          {}\nbackend      {}\nsetup        {}\nexit code    {}\noutput       {}\nproof        {} bytes, 2^{} padded steps\nverify       {:.1} ms (including preprocessing): {}",
            pcs.name(),
            backend_text(r.backend),
            setup,
            r.io.exit_code,
            printable(&r.io.output).map_or_else(|| hex(&r.io.output), |t| format!("{t:?}")),
            bytes.len(),
            r.log_t,
            ms(r.time),
            match &r.verdict {
                Ok(()) => "accepted".to_string(),
                Err(e) => format!("REJECTED ({e})"),
            }
        )
    };
    print_stdout(&report)?;
    r.verdict.map_err(CliError::Rejected)
}

/// The demo `cargo run --release` runs: prove and verify the built-in fibonacci guest with
/// `backend` (`cargo run --release -- --backend twist`), saying which.
pub fn demo(backend: Backend) -> Result<(), CliError> {
    let input = 2000u32.to_le_bytes();
    let program = Program::load(crate::guests::FIB_ELF, &crate::vm::LayoutConfig::default())?;
    let other = Backend::ALL
        .into_iter()
        .find(|&b| b != backend)
        .unwrap_or(backend);
    println!(
        "proving the built-in guest fib(2000) (guests/src/fib.c) with HyperKZG and the {} \
         backend (--backend {}; the other: --backend {}) …",
        backend_protocols(backend),
        backend.name(),
        other.name()
    );
    let settings = ProveSettings {
        params: LookupParams::DEFAULT,
        options: RunOptions::default(),
        backend,
        limit: MemoryLimit::Detect,
        prover_key: None,
        quiet: false,
    };
    let report = prove_program::<HyperKzg>(program, &input, &settings)?;
    print_stdout(&prove_text(&report))?;
    if report.verified {
        Ok(())
    } else {
        Err(CliError::Rejected("the demo proof does not verify".into()))
    }
}
