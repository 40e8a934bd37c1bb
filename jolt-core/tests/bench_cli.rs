//! `jolt bench`: each suite's quick mode at its smallest size writes Markdown, CSV and SVG
//! (the `(C, log M) = (8, 8)` setting keeps the dev-profile runs to seconds). The e2e and
//! params suites measure their prover runs in child processes (`jolt bench worker`), so this
//! also covers the re-executed worker and its JSON.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("jolt-bench-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `jolt bench SUITE ARGS… --out DIR` and returns (md, csv, svg).
fn bench(suite: &str, args: &[&str], dir: &Path) -> (String, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jolt"))
        .arg("bench")
        .arg(suite)
        .args(args)
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jolt bench {suite} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{suite}.{ext}"))).unwrap();
    let md = read("md");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), md.trim());
    (md, read("csv"), read("svg"))
}

/// The header every document carries.
fn assert_header(md: &str) {
    for fact in [
        "Machine:",
        "Threads used:",
        "Build profile:",
        "Commit:",
        "Baseline:",
    ] {
        assert!(md.contains(fact), "missing {fact:?} in\n{md}");
    }
}

/// Whether the figure draws a series line: a 2 px polyline in the palette's first colour
/// (the axes and grid are polylines too, thinner and grey).
fn draws_lines(svg: &str) -> bool {
    svg.starts_with("<svg")
        && svg.lines().any(|l| {
            l.starts_with("<polyline") && l.contains(r##"stroke="#0072B2" stroke-width="2""##)
        })
}

/// Whether the figure draws bars: rectangles filled with the palette's first colour.
fn draws_bars(svg: &str) -> bool {
    svg.starts_with("<svg")
        && svg
            .lines()
            .any(|l| l.starts_with("<rect") && l.contains(r##"fill="#0072B2""##))
}

fn data_rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

#[test]
fn e2e_quick_smallest_size() {
    let dir = TempDir::new("e2e");
    let (md, csv, svg) = bench(
        "e2e",
        &["--quick", "--max-log-t", "10", "--log-m", "8"],
        &dir.0,
    );
    assert_header(&md);
    let default = jolt_core::zkvm::Backend::default().name();
    assert!(md.contains(&format!("| fib | {default} | 2^10 |")), "{md}");
    assert!(md.contains("sha256 cannot fill T = 2^10"), "{md}");
    let rows = data_rows(&csv);
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].starts_with(&format!("fib,{default},10,")), "{csv}");
    assert!(draws_lines(&svg), "{svg}");
}

#[test]
fn e2e_measures_both_backends_in_one_run() {
    let dir = TempDir::new("e2e-backends");
    let (md, csv, svg) = bench(
        "e2e",
        &[
            "--quick",
            "--max-log-t",
            "10",
            "--log-m",
            "8",
            "--backend",
            "lasso,twist",
        ],
        &dir.0,
    );
    assert_header(&md);
    assert!(md.contains("backends lasso, twist"), "{md}");
    // One row per backend in every table: summary, time per part, size per part, memory.
    for backend in ["lasso", "twist"] {
        assert_eq!(
            md.matches(&format!("| fib | {backend} | 2^10 |")).count(),
            4,
            "{md}"
        );
    }
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("guest,backend,log_t,"), "{header}");
    let rows = data_rows(&csv);
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[0].starts_with("fib,lasso,10,"), "{csv}");
    assert!(rows[1].starts_with("fib,twist,10,"), "{csv}");
    // Both in the plot (the second backend dashed), each named in the legends.
    assert!(draws_lines(&svg), "{svg}");
    assert!(
        svg.contains("fib lasso") && svg.contains("fib twist"),
        "{svg}"
    );
}

#[test]
fn the_worker_reports_its_backend_in_json() {
    let spec = r#"{"guest":"fib","arg":1,"log_m":8,"pcs":"hyperkzg","backend":"twist","witness_stats":false}"#;
    let out = Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(["bench", "worker", "--spec", spec])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["spec"]["backend"], "twist", "{result}");
    assert_eq!(result["verified"], true, "{result}");
    // An unknown backend is a bad spec.
    let out = Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(["bench", "worker", "--spec", &spec.replace("twist", "spice")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown backend"));
}

#[test]
fn pcs_quick_smallest_size() {
    let dir = TempDir::new("pcs");
    let (md, csv, svg) = bench("pcs", &["--quick", "--max-log-t", "10"], &dir.0);
    assert_header(&md);
    let rows = data_rows(&csv);
    assert_eq!(rows.len(), 4, "{csv}");
    for scheme in ["hyperkzg", "zeromorph", "hyrax", "dory"] {
        assert!(rows.iter().any(|r| r.starts_with(&format!("{scheme},10,"))));
    }
    assert!(draws_lines(&svg), "{svg}");
}

#[test]
fn params_quick_smallest_size() {
    let dir = TempDir::new("params");
    let (md, csv, svg) = bench(
        "params",
        &["--quick", "--max-log-t", "10", "--log-m", "8"],
        &dir.0,
    );
    assert_header(&md);
    assert!(
        md.contains("## Committed witness") && md.contains("| (8, 8) |"),
        "{md}"
    );
    assert_eq!(data_rows(&csv).len(), 1, "{csv}");
    assert!(draws_bars(&svg), "{svg}");
}

#[test]
fn lookups_quick_smallest_size() {
    let dir = TempDir::new("lookups");
    let (md, csv, svg) = bench(
        "lookups",
        &["--quick", "--max-log-t", "8", "--log-m", "8"],
        &dir.0,
    );
    assert_header(&md);
    assert!(md.contains("| ADD |") && md.contains("| div |"), "{md}");
    // 37 tables, the all-tables instance, 48 instructions.
    assert_eq!(data_rows(&csv).len(), 37 + 1 + 48, "{csv}");
    assert!(draws_bars(&svg), "{svg}");
}

#[test]
fn the_worker_rejects_a_bad_spec() {
    let out = Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(["bench", "worker", "--spec", "{}"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad --spec"));
}
