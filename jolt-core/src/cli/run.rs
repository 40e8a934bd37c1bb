//! `jolt run PROGRAM.elf [--input FILE] [--max-cycles N] [--json]`: run a guest in the
//! fast emulator and report its exit code, output, cycle counts and instruction mix.
//!
//! The process exits with status 0 whenever the guest reached its halting ecall,
//! whatever its exit code; any load or runtime error is a message and status 1.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::cli::{CliError, LayoutArgs};
use crate::vm::{self, Program, RunOptions, RunSummary};

/// Arguments of `jolt run`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// The guest executable (RV32IM ELF).
    #[arg(value_name = "PROGRAM.elf")]
    pub program: PathBuf,
    /// The public input.
    #[command(flatten)]
    pub input: InputArgs,
    /// Stop with an error after this many RISC-V instructions.
    #[arg(long, value_name = "N", default_value_t = RunOptions::default().max_cycles)]
    pub max_cycles: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// After the run, print the bytes of this ELF symbol (its st_size bytes, or one word
    /// when the size is 0) from the final memory. Repeatable.
    #[arg(long, value_name = "SYMBOL")]
    pub dump_symbol: Vec<String>,
    /// Memory layout.
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// Reads a guest and its optional input file and loads the program with the layout flags:
/// what `jolt run` and `jolt prove` both start with.
/// Where the public input comes from: raw bytes, or a JSON description of a Rust guest's
/// typed input (encoded as the SDK's postcard input, see [`crate::guest::input_from_json`]).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InputArgs {
    /// File whose bytes are the public input (default: empty input).
    #[arg(long, value_name = "FILE", conflicts_with = "input_json")]
    pub input: Option<PathBuf>,
    /// JSON file describing a Rust guest's typed input, e.g. `[1000, "abc"]` for
    /// `fn f((n, s): (u32, String))`; encoded as the guest SDK reads it.
    #[arg(long, value_name = "FILE")]
    pub input_json: Option<PathBuf>,
}

impl InputArgs {
    /// The input bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, CliError> {
        if let Some(path) = &self.input_json {
            let text = read(path)?;
            let value: serde_json::Value = serde_json::from_slice(&text)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            return crate::guest::input_from_json(&value)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())));
        }
        match &self.input {
            Some(path) => read(path),
            None => Ok(Vec::new()),
        }
    }
}

pub(crate) fn load_run(
    program: &PathBuf,
    input: &InputArgs,
    layout: &LayoutArgs,
    max_cycles: u64,
) -> Result<(Program, Vec<u8>, RunOptions), CliError> {
    let elf = read(program)?;
    let input = input.bytes()?;
    let program = Program::load(&elf, &layout.config(input.len()))?;
    Ok((program, input, RunOptions { max_cycles }))
}

/// Runs `jolt run` and prints its report to stdout.
pub fn execute(args: &RunArgs) -> Result<(), CliError> {
    let (program, input, options) =
        load_run(&args.program, &args.input, &args.layout, args.max_cycles)?;
    let start = Instant::now();
    let summary = vm::run(&program, &input, &options)?;
    let seconds = start.elapsed().as_secs_f64();
    let dumps = args
        .dump_symbol
        .iter()
        .map(|name| dump_symbol(&program, &summary, name).map(|bytes| (name.clone(), bytes)))
        .collect::<Result<Vec<_>, _>>()?;
    let report = if args.json {
        let mut report = json_report(&summary, seconds);
        if !dumps.is_empty() {
            let symbols: serde_json::Map<String, serde_json::Value> = dumps
                .iter()
                .map(|(name, bytes)| (name.clone(), hex(bytes).into()))
                .collect();
            report["symbols"] = symbols.into();
        }
        report.to_string()
    } else {
        let mut report = text_report(args, &program, &summary, seconds);
        for (name, bytes) in &dumps {
            let _ = write!(
                report,
                "\nsymbol       {name} ({} bytes): {}",
                bytes.len(),
                hex(bytes)
            );
        }
        report
    };
    crate::cli::print_stdout(&report)
}

/// The final-memory bytes of ELF symbol `name`.
fn dump_symbol(program: &Program, summary: &RunSummary, name: &str) -> Result<Vec<u8>, CliError> {
    let symbol = program
        .elf()
        .symbol(name)
        .ok_or_else(|| CliError::UnknownSymbol(name.to_string()))?;
    let len = if symbol.size == 0 { 4 } else { symbol.size };
    summary
        .final_memory
        .read_bytes(symbol.address, len)
        .ok_or_else(|| CliError::SymbolOutsideMemory(name.to_string()))
}

pub(crate) fn read(path: &PathBuf) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.clone(),
        source,
    })
}

/// The output as text when it is printable UTF-8 (tabs and newlines allowed).
pub(crate) fn printable(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.chars()
        .all(|c| !c.is_control() || c == '\n' || c == '\t')
        .then_some(text)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(2 * bytes.len()), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The `--json` object: exit code, output (hex and text), cycles, steps, mix, time.
pub fn json_report(summary: &RunSummary, seconds: f64) -> serde_json::Value {
    let mix: serde_json::Map<String, serde_json::Value> = summary
        .instruction_mix
        .iter()
        .map(|(name, count)| (name.to_string(), (*count).into()))
        .collect();
    serde_json::json!({
        "exit_code": summary.exit_code,
        "output_hex": hex(&summary.output),
        "output_text": printable(&summary.output),
        "cycles": summary.instructions,
        "trace_steps": summary.trace_steps,
        "instruction_mix": mix,
        "run_ms": seconds * 1e3,
    })
}

fn text_report(args: &RunArgs, program: &Program, summary: &RunSummary, seconds: f64) -> String {
    let mut s = String::new();
    let layout = program.layout();
    let _ = writeln!(
        s,
        "program      {} (entry {:#010x})",
        args.program.display(),
        program.entry()
    );
    let _ = writeln!(
        s,
        "memory       RAM [{:#010x}, {:#010x}), stack {} KiB, {} witness words",
        layout.program_base,
        layout.stack_top(),
        layout.stack_size / 1024,
        layout.num_witness_words()
    );
    let _ = writeln!(s, "exit code    {}", summary.exit_code);
    match summary.output.len() {
        0 => {
            let _ = writeln!(s, "output       (empty)");
        }
        n => {
            let _ = writeln!(s, "output       {n} bytes: {}", hex(&summary.output));
            if let Some(text) = printable(&summary.output) {
                let _ = writeln!(s, "output text  {text:?}");
            }
        }
    }
    let _ = writeln!(
        s,
        "cycles       {} RISC-V instructions, {} trace steps after virtual expansion",
        summary.instructions, summary.trace_steps
    );
    if seconds > 0.0 {
        let _ = writeln!(
            s,
            "time         {:.3} ms ({:.1} M instructions/s)",
            seconds * 1e3,
            summary.instructions as f64 / seconds / 1e6
        );
    }
    let _ = writeln!(s, "instruction mix:");
    for (name, count) in &summary.instruction_mix {
        let share = 100.0 * *count as f64 / summary.instructions.max(1) as f64;
        let _ = writeln!(s, "  {name:<8} {count:>12} {share:>6.2}%");
    }
    s.pop();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_accepts_text_and_rejects_binary() {
        assert_eq!(printable(b"Hello, world!\n"), Some("Hello, world!\n"));
        assert_eq!(printable(&[0x48, 0x00]), None);
        assert_eq!(printable(&[0xff, 0xfe]), None);
    }

    #[test]
    fn hex_is_lowercase_pairs() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
    }
}
