//! `jolt bench programs`: the standard zkVM benchmark programs — Rust guests built from
//! ecosystem crates on the guest SDK (`guests/programs/`) — run, proved and verified.
//!
//! Per program and input size: RISC-V cycles, trace steps, padded `T`, prove time and its
//! ratio to one single-threaded MSM over `T` points (×MSM, as in [`super::e2e`]), proof size,
//! verify time and peak memory (each proof in a fresh child process). A size whose trace pads
//! past `--max-log-t` is run but not proved: its row keeps the cycle count and says why.
//! Every run's output is checked against `guests/programs/expected.tsv` (native builds of
//! the same sources) where that file has the case. With several backends (`--backend
//! lasso,twist`) each run is proved once per backend, one row each.

use std::time::Instant;

use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use serde::{Deserialize, Serialize};

use super::e2e::{lookup_params, Baselines, BENCH_SETUP_SEED};
use super::svg::{figure, BarChart, Panel};
use super::{fmt_ms, ms_since, peak_rss_mib, BenchProgress, Csv, MarkdownTable, SuiteOutput};
use crate::guest;
use crate::vm::{LayoutConfig, Program, RunOptions};
use crate::zkvm::{
    preprocess_and_prove_within, verify, witness::padded_steps, Backend, MemoryLimit, ProverKey,
    Silent,
};

/// One benchmark program: `guests/programs/<name>/`, input a `u32` size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchProgram {
    /// Crate and ELF name.
    pub name: &'static str,
    /// What it computes.
    pub what: &'static str,
    /// What the size counts.
    pub unit: &'static str,
    /// The ELF (`guests/programs/elf/<name>.elf`).
    pub elf: &'static [u8],
    /// Sizes `jolt bench programs` runs.
    pub sizes: &'static [u32],
    /// The smallest size, which `--quick` and the tests prove.
    pub smallest: u32,
}

macro_rules! program {
    ($name:literal, $what:literal, $unit:literal, $smallest:literal, [$($size:literal),*]) => {
        BenchProgram {
            name: $name,
            what: $what,
            unit: $unit,
            elf: include_bytes!(concat!("../../../guests/programs/elf/", $name, ".elf")),
            sizes: &[$($size),*],
            smallest: $smallest,
        }
    };
}

/// The programs, in table order.
pub const PROGRAMS: [BenchProgram; 8] = [
    program!(
        "fibonacci",
        "F(n) mod 2^64, u64 loop",
        "n",
        10,
        [1000, 10000]
    ),
    program!("loop", "n adds of a black-boxed counter", "n", 100, [10000]),
    program!(
        "sha256",
        "SHA-256 (sha2) of n bytes",
        "bytes",
        64,
        [1024, 32768]
    ),
    program!(
        "keccak256",
        "Keccak-256 (sha3) of n bytes",
        "bytes",
        64,
        [64, 1024, 32768]
    ),
    program!("sort", "sort_unstable of n u32", "n", 16, [256, 4096]),
    program!(
        "bigint-modexp",
        "3^(2^n − 1) mod 2^255 − 19 (num-bigint)",
        "exponent bits",
        8,
        [64, 256]
    ),
    program!(
        "json",
        "serde_json round trip of n records",
        "records",
        1,
        [4, 64]
    ),
    program!(
        "ecdsa-verify",
        "secp256k1 ECDSA verification (k256), n times",
        "verifications",
        1,
        [1]
    ),
];

/// The program called `name`.
pub fn program(name: &str) -> Option<&'static BenchProgram> {
    PROGRAMS.iter().find(|p| p.name == name)
}

/// The largest `log2 T` this machine class (2 cores, 24 GiB) proves: 2^22 steps take ~15 min
/// and ~19 GiB (`paper-notes/results/e2e.md`); a program whose smallest instance pads past
/// it is marked "too long to prove here".
pub const MACHINE_MAX_LOG_T: usize = 22;

/// One line of `guests/programs/expected.tsv`: a native run of the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedRun {
    /// Program name.
    pub program: String,
    /// The size (the `u32` input).
    pub size: u32,
    /// The input bytes (postcard of `size`).
    pub input: Vec<u8>,
    /// Exit code.
    pub exit_code: u32,
    /// Output bytes.
    pub output: Vec<u8>,
}

/// The native runs of `guests/programs/expected.tsv` (embedded).
pub fn expected_runs() -> Vec<ExpectedRun> {
    let hex = |s: &str| -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex in expected.tsv"))
            .collect()
    };
    include_str!("../../../guests/programs/expected.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "expected.tsv line {line:?}");
            ExpectedRun {
                program: f[0].to_string(),
                size: f[1].parse().expect("size"),
                input: hex(f[2]),
                exit_code: f[3].parse().expect("exit code"),
                output: hex(f[4]),
            }
        })
        .collect()
}

/// The native output of `program` at `size`, if `expected.tsv` has it.
pub fn expected_output(program: &str, size: u32) -> Option<(u32, Vec<u8>)> {
    expected_runs()
        .into_iter()
        .find(|r| r.program == program && r.size == size)
        .map(|r| (r.exit_code, r.output))
}

/// One proof to measure (what the worker process gets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSpec {
    /// Program name.
    pub program: String,
    /// Its size input.
    pub size: u32,
    /// `log M` of the subtables.
    pub log_m: usize,
    /// Commitment scheme name.
    pub pcs: String,
    /// The memory-checking backend (its CLI name in JSON; the default when absent).
    #[serde(default, with = "super::backend_name")]
    pub backend: Backend,
}

/// A measured proof.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProofResult {
    /// Prove time (trace to opening), ms.
    pub prove_ms: f64,
    /// Verify time, ms.
    pub verify_ms: f64,
    /// Whether it verified.
    pub verified: bool,
    /// Proof bytes.
    pub proof_bytes: usize,
    /// Peak resident memory of the process, MiB.
    pub peak_rss_mib: Option<u64>,
    /// The proven output bytes.
    pub output: Vec<u8>,
}

/// One row of the suite.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramRow {
    /// Program name.
    pub program: &'static str,
    /// Size.
    pub size: u32,
    /// The backend of the proof (`None`: the run is not proved).
    pub backend: Option<Backend>,
    /// RISC-V instructions.
    pub cycles: u64,
    /// Trace steps (after virtual expansion).
    pub steps: u64,
    /// Padded `log2 T`.
    pub log_t: usize,
    /// Whether the output equals the native run's (`None`: no native case).
    pub output_matches: Option<bool>,
    /// The proof, with MSM(T) ms, or why there is none.
    pub proof: Result<(ProofResult, f64), String>,
}

/// Input bytes of a size.
pub fn input(size: u32) -> Vec<u8> {
    guest::encode_input(&size).expect("a u32 encodes")
}

/// Loads a program with the default layout and room for its input.
pub fn load(program: &BenchProgram) -> Program {
    Program::load(program.elf, &LayoutConfig::default()).expect("the embedded ELF loads")
}

/// Proves one spec in this process: the worker's job.
pub fn measure_proof(spec: &ProgramSpec) -> Result<ProofResult, String> {
    match spec.pcs.as_str() {
        n if n == HyperKzg::NAME => measure_with::<HyperKzg>(spec),
        n if n == Zeromorph::NAME => measure_with::<Zeromorph>(spec),
        n if n == Hyrax::NAME => measure_with::<Hyrax>(spec),
        other => Err(format!("unknown commitment scheme {other:?}")),
    }
}

fn measure_with<S: CommitmentScheme<Field = ark_bn254::Fr>>(
    spec: &ProgramSpec,
) -> Result<ProofResult, String> {
    let program = program(&spec.program).ok_or("unknown program")?;
    let params = lookup_params(spec.log_m)?;
    let options = RunOptions {
        max_cycles: 1 << 28,
    };
    let run = preprocess_and_prove_within::<S>(
        load(program),
        &input(spec.size),
        params,
        &options,
        spec.backend,
        ProverKey::InsecureDev(BENCH_SETUP_SEED),
        MemoryLimit::Detect,
        &Silent,
    )
    .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let verified = verify(&run.preprocessing, &run.io, &run.proof).is_ok();
    let verify_ms = ms_since(start);
    Ok(ProofResult {
        prove_ms: run.timings.total().as_secs_f64() * 1e3,
        verify_ms,
        verified,
        proof_bytes: run.proof.proof_bytes().total,
        peak_rss_mib: peak_rss_mib(),
        output: run.io.output,
    })
}

/// What [`run`] measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramsConfig {
    /// `(program, sizes)` in order.
    pub cases: Vec<(&'static BenchProgram, Vec<u32>)>,
    /// Prove only runs whose padded `log2 T` is at most this.
    pub max_log_t: usize,
    /// `log M`.
    pub log_m: usize,
    /// Commitment scheme name.
    pub pcs: String,
    /// The backends; each provable run is proved with each.
    pub backends: Vec<Backend>,
}

/// A function that measures one proof (in a child process, or in this one).
pub type ProofRunner<'a> = &'a dyn Fn(&ProgramSpec) -> Result<ProofResult, String>;

/// Runs every case in the emulator, checks its output, and proves those that fit with each
/// backend (one row per proof; one row without a backend for a run not proved).
pub fn run(
    config: &ProgramsConfig,
    runner: ProofRunner<'_>,
    progress: &dyn BenchProgress,
) -> Result<Vec<ProgramRow>, String> {
    let total: usize = config.cases.iter().map(|c| c.1.len()).sum();
    progress.start(total as u64);
    let mut baselines = Baselines::default();
    let mut rows = Vec::new();
    for (program, sizes) in &config.cases {
        let loaded = load(program);
        for &size in sizes {
            progress.step(&format!("{} {size}: run", program.name));
            let options = RunOptions {
                max_cycles: 1 << 30,
            };
            let summary = crate::vm::run(&loaded, &input(size), &options)
                .map_err(|e| format!("{} {size}: {e}", program.name))?;
            let output_matches = expected_output(program.name, size)
                .map(|(code, out)| code == summary.exit_code && out == summary.output);
            if output_matches == Some(false) {
                return Err(format!(
                    "{} {size}: output differs from the native run",
                    program.name
                ));
            }
            let log_t = padded_steps(summary.trace_steps as usize).trailing_zeros() as usize;
            let row = |backend: Option<Backend>, proof| ProgramRow {
                program: program.name,
                size,
                backend,
                cycles: summary.instructions,
                steps: summary.trace_steps,
                log_t,
                output_matches,
                proof,
            };
            let not_proved = if log_t > MACHINE_MAX_LOG_T {
                Some(format!(
                    "too long to prove on this machine (T = 2^{log_t} > 2^{MACHINE_MAX_LOG_T})"
                ))
            } else if log_t > config.max_log_t {
                Some(format!(
                    "not proved in this run (T = 2^{log_t} > --max-log-t {})",
                    config.max_log_t
                ))
            } else {
                None
            };
            let mut done = Vec::new();
            if let Some(why) = not_proved {
                done.push(row(None, Err(why)));
            } else {
                progress.step(&format!("2^{log_t}: baseline MSM"));
                let msm_ms = baselines.get(log_t);
                for &backend in &config.backends {
                    progress.step(&format!(
                        "{} {size}: prove 2^{log_t} ({backend})",
                        program.name
                    ));
                    let spec = ProgramSpec {
                        program: program.name.into(),
                        size,
                        log_m: config.log_m,
                        pcs: config.pcs.clone(),
                        backend,
                    };
                    let result = runner(&spec)?;
                    if !result.verified || result.output != summary.output {
                        return Err(format!(
                            "{} {size} ({backend}): the proof did not verify",
                            program.name
                        ));
                    }
                    done.push(row(Some(backend), Ok((result, msm_ms))));
                }
            }
            let lines: Vec<String> = done.iter().map(summary_line).collect();
            progress.done(&lines.join("\n"));
            rows.extend(done);
        }
    }
    Ok(rows)
}

fn summary_line(row: &ProgramRow) -> String {
    match &row.proof {
        Ok((p, msm)) => format!(
            "{} {} {}: {} cycles, 2^{}, prove {:.2} s = {:.1} ×MSM, verify {:.1} ms, {} B, peak {} MiB",
            row.program,
            row.size,
            row.backend.map_or("", |b| b.name()),
            row.cycles,
            row.log_t,
            p.prove_ms / 1e3,
            p.prove_ms / msm,
            p.verify_ms,
            p.proof_bytes,
            p.peak_rss_mib.map_or("?".into(), |m| m.to_string())
        ),
        Err(why) => format!("{} {}: {} cycles, {why}", row.program, row.size, row.cycles),
    }
}

/// The table, CSV and plot of `rows`.
pub fn output(
    rows: &[ProgramRow],
    config: &ProgramsConfig,
    threads: usize,
    caption: &str,
) -> SuiteOutput {
    let mut table = MarkdownTable::new(&[
        "program",
        "size",
        "cycles",
        "steps",
        "T",
        "output",
        "backend",
        "MSM(T) ms",
        "prove s",
        "×MSM",
        "kHz",
        "verify ms",
        "proof KB",
        "peak RSS MiB",
    ]);
    let mut csv = Csv::new(&[
        "program",
        "size",
        "unit",
        "cycles",
        "steps",
        "log_t",
        "output_matches_native",
        "threads",
        "log_m",
        "pcs",
        "backend",
        "msm_ms",
        "prove_ms",
        "x_msm",
        "verify_ms",
        "proof_bytes",
        "peak_rss_mib",
        "note",
    ]);
    for row in rows {
        let unit = program(row.program).map_or("", |p| p.unit);
        let check = match row.output_matches {
            Some(true) => "= native",
            Some(false) => "DIFFERS",
            None => "—",
        };
        let mut cells = vec![
            row.program.to_string(),
            format!("{} {unit}", row.size),
            row.cycles.to_string(),
            row.steps.to_string(),
            format!("2^{}", row.log_t),
            check.to_string(),
            row.backend.map_or("—", |b| b.name()).to_string(),
        ];
        let mut csv_cells = vec![
            row.program.to_string(),
            row.size.to_string(),
            unit.to_string(),
            row.cycles.to_string(),
            row.steps.to_string(),
            row.log_t.to_string(),
            row.output_matches.map_or(String::new(), |m| m.to_string()),
            threads.to_string(),
            config.log_m.to_string(),
            config.pcs.clone(),
            row.backend.map_or("", |b| b.name()).to_string(),
        ];
        match &row.proof {
            Ok((p, msm)) => {
                cells.extend([
                    fmt_ms(*msm),
                    format!("{:.2}", p.prove_ms / 1e3),
                    format!("{:.1}", p.prove_ms / msm),
                    format!("{:.2}", row.steps as f64 / p.prove_ms),
                    format!("{:.1}", p.verify_ms),
                    format!("{:.1}", p.proof_bytes as f64 / 1e3),
                    p.peak_rss_mib.map_or("—".into(), |m| m.to_string()),
                ]);
                csv_cells.extend([
                    format!("{msm:.3}"),
                    format!("{:.3}", p.prove_ms),
                    format!("{:.3}", p.prove_ms / msm),
                    format!("{:.3}", p.verify_ms),
                    p.proof_bytes.to_string(),
                    p.peak_rss_mib.map_or(String::new(), |m| m.to_string()),
                    String::new(),
                ]);
            }
            Err(why) => {
                cells.push(why.clone());
                cells.extend((0..6).map(|_| String::new()));
                csv_cells.extend((0..6).map(|_| String::new()));
                csv_cells.push(why.clone());
            }
        }
        table.push(cells);
        csv.push(&csv_cells);
    }
    let mut programs = MarkdownTable::new(&["program", "computes", "crates"]);
    for p in &PROGRAMS {
        programs.push(vec![p.name.into(), p.what.into(), crates_of(p.name).into()]);
    }
    let markdown = format!(
        "Rust guests on the guest SDK (`guests/programs/`), each a `u32` size in (postcard), \
         built with `opt-level = 3`, LTO. PCS {}; (C, log M) = ({}, {}); prover on {threads} \
         thread(s). cycles = RISC-V instructions; steps = trace rows after virtual expansion \
         (what the prover pays for); T = steps padded to a power of two. Prove time = every \
         stage from tracing to the batched opening (preprocessing and PCS setup excluded); \
         ×MSM = prove time ÷ one single-threaded full-scalar MSM over T points, measured in \
         the same run; kHz = steps ÷ prove time. Peak RSS: the fresh process that proved and \
         verified that one run. \"= native\": exit code and output equal a native build's \
         (`guests/programs/expected.tsv`); every proof verified and proved that output. \
         Backend{} {} (lasso: Lasso/Spice; twist: Twist/Shout), one row per proof.\n\n\
         {}\n## Programs\n\n{}",
        config.pcs,
        64 / config.log_m.max(1),
        config.log_m,
        if config.backends.len() == 1 { "" } else { "s" },
        config
            .backends
            .iter()
            .map(|b| b.name())
            .collect::<Vec<_>>()
            .join(", "),
        table.render(),
        programs.render()
    );
    // One category per run; the ×MSM panel has one bar per backend in each group.
    let label = |r: &ProgramRow| format!("{} {}", r.program, r.size);
    let runs: Vec<&ProgramRow> = super::unique(rows.iter().map(|r| (r.program, r.size)))
        .into_iter()
        .filter_map(|run| rows.iter().find(|r| (r.program, r.size) == run))
        .collect();
    let proved: Vec<&ProgramRow> = runs.iter().copied().filter(|r| r.proof.is_ok()).collect();
    let x_msm = |run: &ProgramRow, backend: Backend| {
        rows.iter()
            .find(|r| (r.program, r.size, r.backend) == (run.program, run.size, Some(backend)))
            .and_then(|r| r.proof.as_ref().ok())
            .map_or(0.0, |(p, msm)| p.prove_ms / msm)
    };
    let svg = figure(
        &[
            Panel::Bar(BarChart {
                title: "trace steps per run (all sizes)".into(),
                y_label: "steps".into(),
                log_y: true,
                categories: runs.iter().map(|r| label(r)).collect(),
                series: vec![(
                    "steps".into(),
                    runs.iter().map(|r| r.steps as f64).collect(),
                )],
            }),
            Panel::Bar(BarChart {
                title: "prove time ÷ MSM(T) (proved runs)".into(),
                y_label: "×MSM".into(),
                log_y: false,
                categories: proved.iter().map(|r| label(r)).collect(),
                series: config
                    .backends
                    .iter()
                    .map(|&b| {
                        let name = if config.backends.len() == 1 {
                            "×MSM".to_string()
                        } else {
                            format!("×MSM {}", b.name())
                        };
                        (name, proved.iter().map(|r| x_msm(r, b)).collect())
                    })
                    .collect(),
            }),
        ],
        caption,
    );
    SuiteOutput {
        name: "programs",
        title: "Standard benchmark programs (Rust guests)".into(),
        markdown,
        csv: csv.finish(),
        svg,
    }
}

fn crates_of(name: &str) -> &'static str {
    match name {
        "sha256" => "sha2 0.11",
        "keccak256" => "sha3 0.12",
        "ecdsa-verify" => "k256 0.14 (ecdsa)",
        "bigint-modexp" => "num-bigint 0.4",
        "json" => "serde_json 1, serde",
        "sort" => "core (sort_unstable)",
        _ => "—",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_program_has_native_expected_outputs_for_its_smallest_size() {
        for p in &PROGRAMS {
            assert!(expected_output(p.name, p.smallest).is_some(), "{}", p.name);
        }
        for r in expected_runs() {
            assert_eq!(input(r.size), r.input, "{} {}", r.program, r.size);
        }
    }
}
