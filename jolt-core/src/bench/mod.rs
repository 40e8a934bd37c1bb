//! Whole-system benchmark suites: the tables and plots `jolt bench` writes
//! (`paper-notes/results/`), as a library so the table generators in `benches/` and tests
//! share one implementation.
//!
//! | suite | module | what it measures |
//! |---|---|---|
//! | `e2e` | [`e2e`] | prove time per part, kHz, ratio to one MSM, verify time, proof size per part, peak memory, for the fib and SHA-256 chain guests at `T = 2^10 …` |
//! | `pcs` | [`pcs`] | commit (random, 16-bit, 0/1 values) / open / verify per commitment scheme and size |
//! | `params` | [`params`] | committed polynomials and elements per step, prove time, proof size for each `(C, log M)` |
//! | `programs` | [`programs`] | cycles, steps, prove time, ×MSM, proof size, verify time, peak memory of the standard benchmark programs (Rust guests: SHA-256, Keccak, ECDSA, bigint, JSON, sort, …) |
//! | `lookups` | [`lookups`] | per-instruction lookup cost (rows, lookups, subtable reads, `g` degree) and Surge time per `2^16` lookups |
//!
//! Every suite returns a [`SuiteOutput`] (Markdown, CSV, SVG); [`SuiteOutput::write`] puts
//! them into a folder under a [`Header`] that names the machine, the thread count, the commit,
//! the build profile and the baseline. The baseline is always **one full-scalar BN254 G1 MSM
//! over `T` distinct points on one thread, measured in the same run** ([`msm_baseline_ms`]):
//! a ratio to it survives machines that are faster or noisier than this one.

pub mod e2e;
pub mod lookups;
pub mod params;
pub mod pcs;
pub mod programs;
pub mod svg;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::{CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::SeedableRng;
use ark_std::UniformRand;

/// Serde of a [`Backend`](crate::zkvm::Backend) as its CLI name (`"lasso"`, `"twist"`): the
/// form the worker specs and results carry (`#[serde(with = "backend_name")]`).
pub mod backend_name {
    use crate::zkvm::Backend;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `backend.name()`.
    pub fn serialize<S: Serializer>(backend: &Backend, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(backend.name())
    }

    /// Reads a name [`Backend::from_str`](std::str::FromStr) accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Backend, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// Something told what a suite is doing (the CLI draws a progress bar on stderr).
pub trait BenchProgress {
    /// The suite will do `total` measurements.
    fn start(&self, total: u64);
    /// Measurement `what` starts.
    fn step(&self, what: &str);
    /// A measurement finished; `line` summarizes it.
    fn done(&self, line: &str);
}

/// No progress reporting.
pub struct Quiet;

impl BenchProgress for Quiet {
    fn start(&self, _: u64) {}
    fn step(&self, _: &str) {}
    fn done(&self, _: &str) {}
}

/// What every table states about where and how it was measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Logical cores the process may use.
    pub cores: usize,
    /// Rayon threads the measured code ran on.
    pub threads: usize,
    /// Total memory, GiB (`/proc/meminfo`), if known.
    pub memory_gib: Option<u64>,
    /// `git rev-parse HEAD` (with `+dirty` for uncommitted changes), or `unknown`.
    pub commit: String,
    /// `release` or `dev` (debug assertions on).
    pub profile: &'static str,
    /// UTC date of the run, `YYYY-MM-DD`.
    pub date: String,
    /// The command line that produced the table.
    pub command: String,
}

impl Header {
    /// Describes this machine and process; `threads` is the thread count of the measured code.
    pub fn collect(threads: usize) -> Self {
        Header {
            cpu: cpu_model(),
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            threads,
            memory_gib: memory_gib(),
            commit: git_commit(),
            profile: if cfg!(debug_assertions) {
                "dev"
            } else {
                "release"
            },
            date: utc_date(),
            command: command_line(),
        }
    }

    /// The header as Markdown lines (a title, then one paragraph per fact).
    pub fn markdown(&self, title: &str, baseline: &str) -> String {
        let memory = self
            .memory_gib
            .map_or_else(String::new, |g| format!(", {g} GiB memory"));
        format!(
            "# {title}\n\n\
             Machine: {}, {} logical cores{memory}. Threads used: {}. Build profile: {}. \
             Commit: `{}`. Date: {}.\n\n\
             Command: `{}`\n\n\
             Baseline: {baseline}{}\n\n",
            self.cpu,
            self.cores,
            self.threads,
            self.profile,
            self.commit,
            self.date,
            self.command,
            if self.threads > 1 {
                " The measured code ran on more threads than the baseline, so ×MSM mixes the \
                 two: run with `--threads 1` (or `RAYON_NUM_THREADS=1`) for the ratios."
            } else {
                ""
            }
        )
    }

    /// One line for plots.
    pub fn caption(&self) -> String {
        let mut short: String = self.commit.chars().take(10).collect();
        if self.commit.ends_with("+dirty") {
            short.push_str("+dirty");
        }
        format!(
            "{} · {} cores · {} thread(s) · {} · commit {short} · {}",
            self.cpu, self.cores, self.threads, self.profile, self.date
        )
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| format!("unknown CPU ({})", std::env::consts::ARCH))
}

fn memory_gib() -> Option<u64> {
    let kb = crate::zkvm::resources::proc_field_kib("/proc/meminfo", "MemTotal")?;
    Some((kb + (1 << 19)) >> 20)
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The commit of the sources this binary was built from (their checkout, if it is still
/// there; else the current directory's), `+dirty` if tracked files changed.
fn git_commit() -> String {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = [sources, Path::new(".")]
        .into_iter()
        .find_map(|dir| git(dir, &["rev-parse", "HEAD"]).map(|head| (dir, head)));
    match found {
        Some((dir, head)) => {
            let dirty = git(dir, &["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{head}+dirty")
            } else {
                head
            }
        }
        None => "unknown".into(),
    }
}

/// `jolt bench e2e --quick …`: the program's base name and its arguments.
fn command_line() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |f| f.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    std::iter::once(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Today's UTC date from the system clock (civil-from-days, no time-zone database).
fn utc_date() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The process's peak resident set so far (`VmHWM` of `/proc/self/status`), in MiB.
pub fn peak_rss_mib() -> Option<u64> {
    let kb = crate::zkvm::resources::proc_field_kib("/proc/self/status", "VmHWM")?;
    Some(kb.div_ceil(1024))
}

/// The prover stages' memory profile: a [`Progress`](crate::zkvm::Progress) that, at each
/// stage boundary, records the process's peak resident set so far ([`peak_rss_mib`]) as the
/// high-water mark at the end of the stage that just ended. The stage whose entry first
/// reaches the final peak is the one that sets it. Nothing is reset, so the process's own
/// peak stays measurable.
#[derive(Debug, Default)]
pub struct StageMemory {
    inner: std::sync::Mutex<StagePeaks>,
}

/// The stage in progress and the `(stage, MiB)` of those that ended.
#[derive(Debug, Default)]
struct StagePeaks {
    current: Option<&'static str>,
    ended: Vec<(String, u64)>,
}

impl StageMemory {
    /// An empty profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// Closes the stage in progress; returns `(stage, high-water mark at its end, MiB)` in
    /// order (empty where `/proc/self/status` cannot be read).
    pub fn finish(&self) -> Vec<(String, u64)> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Self::close(&mut inner);
        inner.ended.clone()
    }

    fn close(inner: &mut StagePeaks) {
        if let (Some(stage), Some(mib)) = (inner.current.take(), peak_rss_mib()) {
            inner.ended.push((stage.to_string(), mib));
        }
    }
}

impl crate::zkvm::Progress for StageMemory {
    fn stage(&self, name: &'static str) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        Self::close(&mut inner);
        inner.current = Some(name);
    }
}

/// Milliseconds since `start`.
pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// The best (smallest) of `reps ≥ 1` timings of `f` in milliseconds, with the last result.
pub fn best_of<T>(reps: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let v = f();
        best = best.min(ms_since(start));
        out = Some(v);
    }
    (best, out.expect("at least one repetition"))
}

/// `n` distinct points `G, 2G, …, nG` of BN254 G1 (affine), for MSM baselines. Bucket-method
/// MSMs do not depend on the points' discrete logs, so these time like random points.
pub fn distinct_points(n: usize) -> Vec<G1Affine> {
    let g = G1Projective::generator();
    let mut acc = G1Projective::default();
    let points: Vec<G1Projective> = (0..n)
        .map(|_| {
            acc += g;
            acc
        })
        .collect();
    G1Projective::normalize_batch(&points)
}

/// Runs `f` on a one-thread rayon pool (the baseline is single-threaded by definition).
pub fn single_threaded<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool")
        .install(f)
}

/// The baseline: the best of `reps` single-threaded full-scalar MSMs of pseudo-random scalars
/// over `bases` (distinct points), in milliseconds.
pub fn msm_baseline_ms(bases: &[G1Affine], reps: usize) -> f64 {
    let mut rng = StdRng::seed_from_u64(bases.len() as u64);
    let scalars: Vec<Fr> = (0..bases.len()).map(|_| Fr::rand(&mut rng)).collect();
    single_threaded(|| best_of(reps, || G1Projective::msm_unchecked(bases, &scalars)).0)
}

/// The baseline sentence every header carries.
pub const BASELINE: &str = "one full-scalar BN254 G1 MSM over T distinct points (random \
    scalars), single-threaded, measured in the same run; ×MSM = time ÷ MSM(T).";

/// What a suite produced: the file stem, the Markdown body (without header), CSV and SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct SuiteOutput {
    /// File stem: `e2e` gives `e2e.md`, `e2e.csv`, `e2e.svg`.
    pub name: &'static str,
    /// The document title.
    pub title: String,
    /// The Markdown tables and notes, after the header.
    pub markdown: String,
    /// One CSV table (header row first).
    pub csv: String,
    /// The plot.
    pub svg: String,
}

impl SuiteOutput {
    /// The full Markdown document: header, then the body.
    pub fn document(&self, header: &Header) -> String {
        format!(
            "{}{}",
            header.markdown(&self.title, BASELINE),
            self.markdown
        )
    }

    /// Writes `NAME.md` (header + body), `NAME.csv` and `NAME.svg` into `dir` (created if
    /// missing); returns the paths written.
    pub fn write(&self, dir: &Path, header: &Header) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let files = [
            ("md", self.document(header)),
            ("csv", self.csv.clone()),
            ("svg", self.svg.clone()),
        ];
        let mut written = Vec::new();
        for (ext, body) in files {
            let path = dir.join(format!("{}.{ext}", self.name));
            std::fs::write(&path, body)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// A Markdown table: a header row and rows of cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkdownTable {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows (as many cells as columns).
    pub rows: Vec<Vec<String>>,
}

impl MarkdownTable {
    /// A table with these column headings.
    pub fn new(columns: &[&str]) -> Self {
        MarkdownTable {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The table as GitHub Markdown.
    pub fn render(&self) -> String {
        let mut s = format!("| {} |\n|", self.columns.join(" | "));
        for _ in &self.columns {
            s.push_str("---|");
        }
        s.push('\n');
        for row in &self.rows {
            let _ = writeln!(s, "| {} |", row.join(" | "));
        }
        s
    }
}

/// A CSV table; cells are written as given (callers format numbers, no quoting needed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csv {
    body: String,
}

impl Csv {
    /// A CSV table with this header row.
    pub fn new(columns: &[&str]) -> Self {
        Csv {
            body: format!("{}\n", columns.join(",")),
        }
    }

    /// Appends a row.
    pub fn push<S: AsRef<str>>(&mut self, cells: &[S]) {
        let row: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
        self.body.push_str(&row.join(","));
        self.body.push('\n');
    }

    /// The text.
    pub fn finish(self) -> String {
        self.body
    }
}

/// The distinct items of `items`, in order of first appearance.
pub fn unique<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `x ÷ msm` to two decimals (`—` without a baseline).
pub fn ratio(x_ms: f64, msm_ms: f64) -> String {
    if msm_ms > 0.0 {
        format!("{:.2}", x_ms / msm_ms)
    } else {
        "—".into()
    }
}

/// A `Duration`-like millisecond value, shortest sensible form (`0.42`, `12.3`, `4567`).
pub fn fmt_ms(ms: f64) -> String {
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 1000.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_is_plausible() {
        let d = utc_date();
        assert_eq!(d.len(), 10);
        assert!(d.as_str() >= "2024-01-01", "{d}");
    }

    #[test]
    fn tables_render() {
        let mut t = MarkdownTable::new(&["a", "b"]);
        t.push(vec!["1".into(), "2".into()]);
        assert_eq!(t.render(), "| a | b |\n|---|---|\n| 1 | 2 |\n");
        let mut c = Csv::new(&["a", "b"]);
        c.push(&["1", "2"]);
        assert_eq!(c.finish(), "a,b\n1,2\n");
    }

    #[test]
    fn distinct_points_are_distinct() {
        let p = distinct_points(4);
        assert_eq!(
            p[1],
            (G1Projective::generator() * Fr::from(2u64)).into_affine()
        );
        assert!(p.windows(2).all(|w| w[0] != w[1]));
        assert!(msm_baseline_ms(&p, 1) >= 0.0);
    }
}
