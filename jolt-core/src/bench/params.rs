//! The parameter sweep (`jolt bench params`): the same fib run proven with each supported
//! `(C, log M)` — `(4, 16)`, Jolt's choice, and `(8, 8)` — reporting what the witness
//! commits (polynomials, field elements and bits per step, from the witness layout and its
//! columns), the prove time per part, the verify time and the proof size per part.
//!
//! The runs use the Lasso/Spice backend: the committed witness described is that backend's
//! (its columns are what `(C, log M)` sizes).
//!
//! `C · log M = 64` is fixed by the lookup queries (two interleaved 32-bit operands), so these
//! two are the only practical settings (`instructions::params`).

use super::e2e::{input_for_size, load, Baselines, Guest, RunResult, RunSpec, Runner};
use super::svg::{figure, BarChart, Panel};
use super::{fmt_ms, ratio, BenchProgress, Csv, MarkdownTable, SuiteOutput};

/// Width buckets of [`super::e2e::WitnessStats::elements_per_step_by_width`].
pub const WIDTHS: [&str; 5] = ["≤ 1 bit", "≤ 8", "≤ 16", "≤ 32", "> 32"];

/// One configuration's run and the baseline at its `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamsRow {
    /// The run (with witness statistics).
    pub result: RunResult,
    /// MSM over `T` points, single thread, ms.
    pub msm_ms: f64,
}

/// Proves fib at `2^log_t` once per `log M` in `log_ms` (PCS `pcs`).
pub fn run(
    log_t: usize,
    log_ms: &[usize],
    pcs: &str,
    runner: Runner<'_>,
    progress: &dyn BenchProgress,
) -> Result<Vec<ParamsRow>, String> {
    let guest = Guest::Fib;
    let (arg, _) = input_for_size(&load(guest), guest, log_t)
        .ok_or_else(|| format!("fib cannot fill 2^{log_t} steps"))?;
    progress.start(log_ms.len() as u64);
    progress.step(&format!("2^{log_t}: baseline MSM"));
    let msm_ms = Baselines::default().get(log_t);
    let mut rows = Vec::new();
    for &log_m in log_ms {
        progress.step(&format!(
            "2^{log_t}: fib with (C, log M) = ({}, {log_m})",
            64 / log_m
        ));
        let result = runner(&RunSpec {
            guest,
            arg,
            log_m,
            pcs: pcs.into(),
            backend: crate::zkvm::Backend::LassoSpice,
            witness_stats: true,
        })?;
        if !result.verified || result.witness.is_none() {
            return Err(format!(
                "log M = {log_m}: the proof did not verify or no witness statistics"
            ));
        }
        progress.done(&format!(
            "(C, log M) = ({}, {log_m}): prove {:.2} s, proof {} B",
            result.chunks,
            result.prove_ms / 1e3,
            result.total_proof_bytes()
        ));
        rows.push(ParamsRow { result, msm_ms });
    }
    Ok(rows)
}

/// The tables, CSV and plot of `rows`.
pub fn output(rows: &[ParamsRow], threads: usize, caption: &str) -> SuiteOutput {
    let mut witness = MarkdownTable::new(&[
        "(C, log M)",
        "polynomials",
        "per-step polys",
        "elements / step",
        "≤ 1 bit",
        "≤ 8",
        "≤ 16",
        "≤ 32",
        "> 32",
        "bits / step",
        "T-independent entries",
    ]);
    let mut cost = MarkdownTable::new(&[
        "(C, log M)",
        "T",
        "steps",
        "MSM(T) ms",
        "prove s",
        "×MSM",
        "verify ms",
        "proof KB",
        "peak RSS MiB",
    ]);
    let stages: Vec<String> = rows
        .first()
        .map(|r| r.result.stages.iter().map(|s| s.0.clone()).collect())
        .unwrap_or_default();
    let parts_names: Vec<String> = rows
        .first()
        .map(|r| r.result.proof_bytes.iter().map(|p| p.0.clone()).collect())
        .unwrap_or_default();
    let mut headings = vec!["(C, log M)".to_string()];
    headings.extend(stages.iter().cloned());
    let mut time_parts = MarkdownTable {
        columns: headings,
        rows: Vec::new(),
    };
    let mut headings = vec!["(C, log M)".to_string()];
    headings.extend(parts_names.iter().cloned());
    let mut size_parts = MarkdownTable {
        columns: headings,
        rows: Vec::new(),
    };
    let mut csv_cols: Vec<String> = [
        "chunks",
        "log_m",
        "log_t",
        "steps",
        "threads",
        "pcs",
        "polynomials",
        "per_step_polynomials",
        "elements_per_step",
        "elements_le1",
        "elements_le8",
        "elements_le16",
        "elements_le32",
        "elements_gt32",
        "bits_per_step",
        "fixed_entries",
        "msm_ms",
        "prove_ms",
        "r_msm",
        "verify_ms",
        "peak_rss_mib",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    csv_cols.extend(stages.iter().map(|s| format!("{s}_ms")));
    csv_cols.extend(parts_names.iter().map(|s| format!("proof_{s}_bytes")));
    let refs: Vec<&str> = csv_cols.iter().map(String::as_str).collect();
    let mut csv = Csv::new(&refs);

    for row in rows {
        let r = &row.result;
        let w = r
            .witness
            .as_ref()
            .expect("params runs describe the witness");
        let name = format!("({}, {})", r.chunks, r.spec.log_m);
        let mut cells = vec![
            name.clone(),
            w.polynomials.to_string(),
            w.per_step_polynomials.to_string(),
            format!("{:.0}", w.elements_per_step),
        ];
        cells.extend(
            w.elements_per_step_by_width
                .iter()
                .map(|e| format!("{e:.0}")),
        );
        cells.push(format!("{:.0}", w.bits_per_step));
        cells.push(w.fixed_entries.to_string());
        witness.push(cells);
        cost.push(vec![
            name.clone(),
            format!("2^{}", r.log_t),
            r.steps.to_string(),
            fmt_ms(row.msm_ms),
            format!("{:.2}", r.prove_ms / 1e3),
            ratio(r.prove_ms, row.msm_ms),
            format!("{:.1}", r.verify_ms),
            format!("{:.1}", r.total_proof_bytes() as f64 / 1e3),
            r.peak_rss_mib.map_or("—".into(), |m| m.to_string()),
        ]);
        let mut cells = vec![name.clone()];
        cells.extend(stages.iter().map(|s| {
            r.stage_ms(s).map_or("—".into(), |ms| {
                format!("{} ({})", fmt_ms(ms), ratio(ms, row.msm_ms))
            })
        }));
        time_parts.push(cells);
        let mut cells = vec![name];
        cells.extend(r.proof_bytes.iter().map(|p| p.1.to_string()));
        size_parts.push(cells);
        let mut cells: Vec<String> = vec![
            r.chunks.to_string(),
            r.spec.log_m.to_string(),
            r.log_t.to_string(),
            r.steps.to_string(),
            threads.to_string(),
            r.spec.pcs.clone(),
            w.polynomials.to_string(),
            w.per_step_polynomials.to_string(),
            format!("{:.3}", w.elements_per_step),
        ];
        cells.extend(
            w.elements_per_step_by_width
                .iter()
                .map(|e| format!("{e:.3}")),
        );
        cells.extend([
            format!("{:.3}", w.bits_per_step),
            w.fixed_entries.to_string(),
            format!("{:.3}", row.msm_ms),
            format!("{:.3}", r.prove_ms),
            format!("{:.3}", r.prove_ms / row.msm_ms),
            format!("{:.3}", r.verify_ms),
            r.peak_rss_mib.map_or(String::new(), |m| m.to_string()),
        ]);
        cells.extend(
            stages
                .iter()
                .map(|s| r.stage_ms(s).map_or(String::new(), |ms| format!("{ms:.3}"))),
        );
        cells.extend(r.proof_bytes.iter().map(|p| p.1.to_string()));
        csv.push(&cells);
    }

    let (guest_line, pcs) = rows.first().map_or((String::new(), String::new()), |r| {
        (
            format!(
                "fib with n = {} ({} steps, T = 2^{})",
                r.result.spec.arg, r.result.steps, r.result.log_t
            ),
            r.result.spec.pcs.clone(),
        )
    });
    let markdown = format!(
        "The same run, {guest_line}, proven with each (C, log M); PCS {pcs}; prover on {threads} \
         thread(s). *Elements per step* counts the entries of every committed polynomial whose \
         length grows with T (lengths T, 2T, 4T), divided by T — the papers' \"committed field \
         elements per step\"; the width columns split them by the bit width of the polynomial's \
         largest value, and *bits per step* weighs each at the width of the compact form it is \
         committed in (1, 8, 16, 32 or 64 bits: pay-per-bit). *T-independent entries* are the \
         memory, bytecode and subtable-sized polynomials.\n\n\
         ## Committed witness\n\n{}\n## Cost\n\n{}\n## Prove time per part: ms (×MSM)\n\n{}\n\
         ## Proof size per part (bytes)\n\n{}",
        witness.render(),
        cost.render(),
        time_parts.render(),
        size_parts.render()
    );

    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "(C, log M) = ({}, {})",
                r.result.chunks, r.result.spec.log_m
            )
        })
        .collect();
    let bar = |title: &str, y: &str, cats: Vec<String>, f: &dyn Fn(&RunResult) -> Vec<f64>| {
        Panel::Bar(BarChart {
            title: title.into(),
            y_label: y.into(),
            log_y: false,
            categories: cats,
            series: rows
                .iter()
                .zip(&names)
                .map(|(r, n)| (n.clone(), f(&r.result)))
                .collect(),
        })
    };
    let stage_cats: Vec<String> = stages.iter().filter(|s| *s != "trace").cloned().collect();
    let svg = figure(
        &[
            bar(
                "committed elements per step, by width",
                "elements / step",
                WIDTHS.iter().map(|w| w.to_string()).collect(),
                &|r| {
                    r.witness
                        .as_ref()
                        .map_or(vec![], |w| w.elements_per_step_by_width.to_vec())
                },
            ),
            bar("prove time per part", "s", stage_cats.clone(), &|r| {
                stage_cats
                    .iter()
                    .map(|s| r.stage_ms(s).unwrap_or(0.0) / 1e3)
                    .collect()
            }),
            bar("proof size per part", "KB", parts_names.clone(), &|r| {
                r.proof_bytes.iter().map(|p| p.1 as f64 / 1e3).collect()
            }),
        ],
        caption,
    );
    SuiteOutput {
        name: "params",
        title: "Lookup parameters (C, log M)".into(),
        markdown,
        csv: csv.finish(),
        svg,
    }
}
