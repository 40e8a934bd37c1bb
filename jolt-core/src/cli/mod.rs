//! The `jolt` command line (`src/bin/jolt.rs` only calls [`main`]).
//!
//! One clap subcommand per module: `run` lives in [`run`]; further subcommands (prove,
//! verify, explain, bench) add a module and a [`Command`] variant. Options that define
//! the verifier-side memory layout are shared ([`LayoutArgs`]) so every subcommand that
//! loads a program derives the same layout from the same flags.

pub mod bench;
pub mod explain;
pub mod new;
pub mod prove;
pub mod run;
pub mod setup;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use thiserror::Error;

use crate::vm::{ExecutionError, LayoutConfig, LoadError};
use crate::zkvm::file::ProofFileError;
use crate::zkvm::Backend;

/// Why a subcommand failed (printed as `error: …`, exit status 1).
#[derive(Debug, Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The program could not be loaded.
    #[error("cannot load the program: {0}")]
    Load(#[from] LoadError),
    /// Writing the report to stdout failed.
    #[error("cannot write to stdout: {0}")]
    Stdout(std::io::Error),
    /// `--dump-symbol` named a symbol the ELF does not define.
    #[error("the program has no symbol {0:?}")]
    UnknownSymbol(String),
    /// `--dump-symbol` named a symbol that lies outside the memory layout.
    #[error("symbol {0:?} lies outside the memory layout")]
    SymbolOutsideMemory(String),
    /// The program failed at run time.
    #[error("the program failed: {0}")]
    Execution(#[from] ExecutionError),
    /// Proving failed.
    #[error("proving failed: {0}")]
    Prove(String),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The public input could not be built (e.g. a malformed `--input-json`).
    #[error("bad input: {0}")]
    Input(String),
    /// A key file could not be read or failed its checks.
    #[error("cannot use the key {path}: {message}")]
    Key {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The proof file could not be read as a proof.
    #[error("bad proof file: {0}")]
    BadProof(String),
    /// The proof file is unreadable, or not made the way the verifier was told to expect
    /// (e.g. [`ProofFileError::WrongBackend`] when `jolt verify --backend` disagrees with it).
    #[error("{}", proof_file_message(.0))]
    ProofFile(#[from] ProofFileError),
    /// The verifier rejected the proof.
    #[error("proof rejected: {0}")]
    Rejected(String),
    /// `jolt setup` could not import the ceremony file or write the keys.
    #[error("setup failed: {0}")]
    Setup(String),
    /// `jolt explain` got a name that is neither an instruction nor a lookup.
    #[error("{0:?} is neither an RV32IM mnemonic nor a lookup name")]
    UnknownInstruction(String),
}

fn proof_file_message(e: &ProofFileError) -> String {
    match e {
        ProofFileError::WrongBackend { .. } => format!("{e} (--backend)"),
        e => format!("bad proof file: {e}"),
    }
}

/// The `--backend` value parser: `lasso` or `twist` ([`Backend`]'s CLI names), listed in
/// `--help` and in the error for anything else.
pub fn backend_parser() -> impl TypedValueParser<Value = Backend> {
    PossibleValuesParser::new(Backend::ALL.map(|b| b.name())).map(|name| {
        name.parse::<Backend>()
            .expect("the possible values are backend names")
    })
}

/// `jolt`: a Lasso-style zkVM for RV32IM.
#[derive(Debug, Parser)]
#[command(name = "jolt", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The subcommand; with none, prove and verify the built-in fibonacci example.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the built-in example (no subcommand).
    #[command(flatten)]
    pub demo: DemoArgs,
}

/// Options of `jolt` without a subcommand (`cargo run --release -- --backend twist`).
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// The memory-checking backend of the built-in example: lasso (Lasso/Spice: timestamps
    /// and grand products) or twist (Twist/Shout: one-hot addresses and increments).
    #[arg(long, default_value_t = Backend::default(), value_parser = backend_parser())]
    pub backend: Backend,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a guest ELF in the emulator and report its exit code, output and cycles.
    Run(run::RunArgs),
    /// Run a guest and prove the run; write the proof file.
    Prove(prove::ProveArgs),
    /// Verify a proof file against a guest ELF (exit status 0 only if it verifies).
    Verify(prove::VerifyArgs),
    /// Show how an instruction decomposes into rows, lookups and subtables.
    Explain(explain::ExplainArgs),
    /// Run a benchmark suite and write its tables and plot (Markdown, CSV, SVG).
    Bench(bench::BenchArgs),
    /// Create a Rust guest project (SDK, linker script, toolchain and target pinned).
    New(new::NewArgs),
    /// Write prover and verifier key files from a powers-of-tau ceremony file (or insecure
    /// development keys).
    Setup(setup::SetupArgs),
}

/// Memory-layout options (verifier-side parameters, see `vm::layout`).
#[derive(Debug, Clone, Args)]
pub struct LayoutArgs {
    /// Total guest RAM in bytes (image + heap + stack); default: the image rounded up to
    /// pages plus --heap-size and --stack-size.
    #[arg(long, value_name = "BYTES")]
    pub memory_size: Option<u32>,
    /// Bytes between the image and the stack when --memory-size is not given.
    #[arg(long, value_name = "BYTES", default_value_t = LayoutConfig::default().heap_size)]
    pub heap_size: u32,
    /// Stack bytes at the top of RAM.
    #[arg(long, value_name = "BYTES", default_value_t = LayoutConfig::default().stack_size)]
    pub stack_size: u32,
    /// Most public input bytes (raised to the input's size when it is larger).
    #[arg(long, value_name = "BYTES", default_value_t = LayoutConfig::default().max_input_bytes)]
    pub max_input_bytes: u32,
    /// Most public output bytes.
    #[arg(long, value_name = "BYTES", default_value_t = LayoutConfig::default().max_output_bytes)]
    pub max_output_bytes: u32,
}

impl LayoutArgs {
    /// The layout configuration for a run with `input_len` input bytes.
    pub fn config(&self, input_len: usize) -> LayoutConfig {
        let input_len = u32::try_from(input_len).unwrap_or(u32::MAX);
        LayoutConfig {
            memory_size: self.memory_size,
            heap_size: self.heap_size,
            stack_size: self.stack_size,
            max_input_bytes: self.max_input_bytes.max(input_len),
            max_output_bytes: self.max_output_bytes,
        }
    }
}

/// Prints `report` and a newline to stdout. A closed pipe (`jolt run … | head`) ends the
/// output quietly instead of panicking as `println!` would.
pub fn print_stdout(report: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{report}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
        _ => Ok(()),
    }
}

/// Parses the command line, runs the subcommand, and turns its result into the process
/// exit status: success, or a message on stderr and a non-zero status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Run(args)) => run::execute(args),
        Some(Command::Prove(args)) => prove::execute_prove(args),
        Some(Command::Verify(args)) => prove::execute_verify(args),
        Some(Command::Explain(args)) => explain::execute(args),
        Some(Command::Bench(args)) => bench::execute(args),
        Some(Command::New(args)) => new::execute(args),
        Some(Command::Setup(args)) => setup::execute(args),
        None => prove::demo(cli.demo.backend),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
