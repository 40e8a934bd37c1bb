//! The lookup-cost suite (`jolt bench lookups`): what each RV32IM instruction and each lookup
//! table costs in Lasso, from the `instructions` crate's introspection (rows, lookups,
//! subtable reads, `g` degree) next to measured Surge prover time per `2^n` lookups.
//!
//! Two measurements per `(C, log M)`:
//!
//! - **per table**: a Surge instance holding that one lookup table (its memories only),
//!   proving `2^n` lookups on pseudo-random operands: HyperKZG commit of its committed
//!   polynomials, the primary sumcheck, the memory checks (the Surge opening is part of the
//!   VM's one batched opening and not measured here);
//! - **all tables**: the zkVM's instance of every lookup ([`crate::lasso::rv32_surge_params`]),
//!   `2^n` lookups each of a uniformly random table. It is *untoggled*: every step pays for
//!   every memory, which is what a zkVM step costs.
//!
//! The per-instruction estimate adds the per-table times of the lookups its rows perform.

use ark_bn254::Fr;
use ark_ff::PrimeField;
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{RngCore, SeedableRng};
use commitments::kzg::KzgProverSetup;
use commitments::{CommitmentScheme, HyperKzg};
use instructions::introspection::instruction_report;
use instructions::{LookupId, LookupParams, Opcode, SubtableId};
use std::time::Instant;
use sumcheck::{MerlinTranscript, Transcript};

use super::svg::{figure, BarChart, Panel};
use super::{distinct_points, fmt_ms, ms_since, msm_baseline_ms, ratio, BenchProgress};
use super::{Csv, MarkdownTable, SuiteOutput};
use crate::lasso::surge::{prove_surge_timed, verify_surge};
use crate::lasso::{rv32_surge_params, FieldFn, SurgeInstruction, SurgeParams, SurgeWitness};

/// The Surge instance of lookup table `id` alone: its distinct memories and subtables.
pub fn single_table_params<F: PrimeField>(id: LookupId, p: &LookupParams) -> SurgeParams<F> {
    let reads = id.subtables(p);
    let memories: Vec<(SubtableId, usize)> = super::unique(reads.iter().copied());
    let tables: Vec<SubtableId> = super::unique(memories.iter().map(|&(s, _)| s));
    let index = |s: SubtableId| tables.iter().position(|&t| t == s).expect("listed");
    let log_m = p.log_m();
    let params = *p;
    SurgeParams {
        log_m,
        subtables: tables
            .iter()
            .map(|s| s.materialize(log_m).into_iter().map(F::from).collect())
            .collect(),
        subtable_mles: tables
            .iter()
            .map(|&s| Box::new(move |r: &[F]| s.evaluate_mle::<F>(r)) as FieldFn<F>)
            .collect(),
        num_chunks: p.c(),
        memories: memories.iter().map(|&(s, c)| (index(s), c)).collect(),
        instructions: vec![SurgeInstruction {
            name: id.name(),
            memories: reads
                .iter()
                .map(|m| memories.iter().position(|x| x == m).expect("listed"))
                .collect(),
            combine: Box::new(move |v: &[F]| id.combine(&params, v)) as FieldFn<F>,
            degree: id.g_degree(p),
        }],
    }
}

/// `2^log_n` lookups, each into a table drawn uniformly from `ids` (instruction `f` of the
/// instance being `ids[f]`), on pseudo-random operands.
pub fn random_witness<F: PrimeField>(
    ids: &[LookupId],
    p: &LookupParams,
    log_n: usize,
    seed: u64,
) -> SurgeWitness<F> {
    let mut rng = StdRng::seed_from_u64(seed);
    let n = 1usize << log_n;
    let mut dims = vec![Vec::with_capacity(n); p.c()];
    let mut flags = vec![Vec::with_capacity(n); ids.len()];
    let mut outputs = Vec::with_capacity(n);
    for _ in 0..n {
        let f = rng.next_u32() as usize % ids.len();
        let (x, y) = (rng.next_u32(), rng.next_u32());
        for (c, d) in ids[f].chunk_indices(p, x, y).into_iter().enumerate() {
            dims[c].push(d);
        }
        for (g, column) in flags.iter_mut().enumerate() {
            column.push(g == f);
        }
        outputs.push(F::from(ids[f].lookup_output(x, y)));
    }
    SurgeWitness {
        dims,
        flags,
        outputs,
    }
}

/// Surge prover time for one instance (ms).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SurgeTime {
    /// HyperKZG commit of every committed polynomial.
    pub commit_ms: f64,
    /// The primary sumcheck (with deriving the memory values).
    pub primary_ms: f64,
    /// The memory checks.
    pub memory_checks_ms: f64,
    /// Memories of the instance.
    pub memories: usize,
}

impl SurgeTime {
    /// Commit + primary sumcheck + memory checks.
    pub fn total_ms(&self) -> f64 {
        self.commit_ms + self.primary_ms + self.memory_checks_ms
    }
}

/// Proves (and verifies) `w` for instance `params`, timing each part.
pub fn time_surge(
    params: &SurgeParams<Fr>,
    w: &SurgeWitness<Fr>,
    kzg: &KzgProverSetup,
) -> SurgeTime {
    let log_n = w.outputs.len().trailing_zeros() as usize;
    let polys = params.committed_polynomials(w);
    let start = Instant::now();
    let commitments = HyperKzg::batch_commit(kzg, &polys).expect("commit");
    let commit_ms = ms_since(start);
    let mut pt = MerlinTranscript::new(b"bench-lookups");
    pt.append_serializable(b"commitments", &commitments);
    let (proof, _, timings) = prove_surge_timed(params, w, &mut pt);
    let mut vt = MerlinTranscript::new(b"bench-lookups");
    vt.append_serializable(b"commitments", &commitments);
    verify_surge(params, log_n, &proof, &mut vt).expect("an honest Surge proof verifies");
    SurgeTime {
        commit_ms,
        primary_ms: timings.primary_sumcheck.as_secs_f64() * 1e3,
        memory_checks_ms: timings.memory_checks.as_secs_f64() * 1e3,
        memories: params.memories.len(),
    }
}

/// One `(C, log M)` configuration's measurements.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupsConfig {
    /// The parameters.
    pub params: LookupParams,
    /// Per lookup table, in [`LookupId::ALL`] order.
    pub per_table: Vec<(LookupId, SurgeTime)>,
    /// The zkVM's instance of all tables.
    pub all_tables: SurgeTime,
}

/// Everything the suite measured.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupsRun {
    /// `n`: `2^n` lookups per instance.
    pub log_n: usize,
    /// MSM over `2^n` points, single thread, ms.
    pub msm_ms: f64,
    /// Per configuration.
    pub configs: Vec<LookupsConfig>,
}

/// Measures every table alone and all tables together, `2^log_n` lookups each, for each
/// parameter set.
pub fn run(log_n: usize, params: &[LookupParams], progress: &dyn BenchProgress) -> LookupsRun {
    progress.start((params.len() * (LookupId::ALL.len() + 1)) as u64);
    progress.step(&format!("2^{log_n}: baseline MSM"));
    let msm_ms = msm_baseline_ms(&distinct_points(1 << log_n), 3);
    let mut configs = Vec::new();
    for p in params {
        let tag = format!("(C, log M) = ({}, {})", p.c(), p.log_m());
        progress.step(&format!("{tag}: KZG setup"));
        let kzg = KzgProverSetup::insecure(log_n.max(p.log_m()), 1);
        let mut per_table = Vec::new();
        for (f, id) in LookupId::ALL.into_iter().enumerate() {
            progress.step(&format!("{tag}: {id}"));
            let instance = single_table_params::<Fr>(id, p);
            let w = random_witness(&[id], p, log_n, f as u64);
            let t = time_surge(&instance, &w, &kzg);
            progress.done(&format!(
                "{tag} {id}: {} memories, {} ms",
                t.memories,
                fmt_ms(t.total_ms())
            ));
            per_table.push((id, t));
        }
        progress.step(&format!("{tag}: all tables"));
        let instance = rv32_surge_params::<Fr>(p);
        let w = random_witness(&LookupId::ALL, p, log_n, 0xa11);
        let all_tables = time_surge(&instance, &w, &kzg);
        progress.done(&format!(
            "{tag} all tables: {} memories, {} ms",
            all_tables.memories,
            fmt_ms(all_tables.total_ms())
        ));
        configs.push(LookupsConfig {
            params: *p,
            per_table,
            all_tables,
        });
    }
    LookupsRun {
        log_n,
        msm_ms,
        configs,
    }
}

fn tag(p: &LookupParams) -> String {
    format!("({}, {})", p.c(), p.log_m())
}

/// The tables, CSV and plot of `run`.
pub fn output(run: &LookupsRun, threads: usize, caption: &str) -> SuiteOutput {
    let n = run.log_n;
    let cfgs = &run.configs;
    // Per lookup table.
    let mut cols = vec!["lookup".to_string(), "query".to_string()];
    for c in cfgs {
        let t = tag(&c.params);
        cols.push(format!("memories {t}"));
        cols.push(format!("g degree {t}"));
        cols.push(format!("Surge ms {t}"));
        cols.push("×MSM".into());
    }
    let mut tables = MarkdownTable {
        columns: cols,
        rows: Vec::new(),
    };
    let mut csv = Csv::new(&[
        "kind",
        "name",
        "chunks",
        "log_m",
        "log_n",
        "threads",
        "rows",
        "lookups",
        "memories",
        "g_degree",
        "commit_ms",
        "primary_ms",
        "memory_checks_ms",
        "surge_ms",
        "msm_ms",
    ]);
    for (i, id) in LookupId::ALL.into_iter().enumerate() {
        let mut cells = vec![
            id.name().to_string(),
            id.query_kind().relation().to_string(),
        ];
        for c in cfgs {
            let t = c.per_table[i].1;
            cells.push(id.subtables(&c.params).len().to_string());
            cells.push(id.g_degree(&c.params).to_string());
            cells.push(fmt_ms(t.total_ms()));
            cells.push(ratio(t.total_ms(), run.msm_ms));
            csv.push(&[
                "lookup".to_string(),
                id.name().to_string(),
                c.params.c().to_string(),
                c.params.log_m().to_string(),
                n.to_string(),
                threads.to_string(),
                String::new(),
                "1".into(),
                id.subtables(&c.params).len().to_string(),
                id.g_degree(&c.params).to_string(),
                format!("{:.3}", t.commit_ms),
                format!("{:.3}", t.primary_ms),
                format!("{:.3}", t.memory_checks_ms),
                format!("{:.3}", t.total_ms()),
                format!("{:.3}", run.msm_ms),
            ]);
        }
        tables.push(cells);
    }
    let mut cells = vec![
        "**all tables (the zkVM's instance)**".to_string(),
        "one random table per lookup".to_string(),
    ];
    for c in cfgs {
        let t = c.all_tables;
        cells.push(t.memories.to_string());
        cells.push(
            LookupId::ALL
                .iter()
                .map(|id| id.g_degree(&c.params))
                .max()
                .unwrap_or(0)
                .to_string(),
        );
        cells.push(fmt_ms(t.total_ms()));
        cells.push(ratio(t.total_ms(), run.msm_ms));
        csv.push(&[
            "all".to_string(),
            "all tables".into(),
            c.params.c().to_string(),
            c.params.log_m().to_string(),
            n.to_string(),
            threads.to_string(),
            String::new(),
            String::new(),
            t.memories.to_string(),
            String::new(),
            format!("{:.3}", t.commit_ms),
            format!("{:.3}", t.primary_ms),
            format!("{:.3}", t.memory_checks_ms),
            format!("{:.3}", t.total_ms()),
            format!("{:.3}", run.msm_ms),
        ]);
    }
    tables.push(cells);

    // Per instruction.
    let mut cols = vec![
        "instruction".to_string(),
        "rows".to_string(),
        "lookups".to_string(),
    ];
    for c in cfgs {
        let t = tag(&c.params);
        cols.push(format!("subtable reads {t}"));
        cols.push(format!("subtables {t}"));
        cols.push(format!("max g degree {t}"));
        cols.push(format!("Σ Surge ms {t}"));
    }
    let mut instrs = MarkdownTable {
        columns: cols,
        rows: Vec::new(),
    };
    for opcode in Opcode::ALL {
        let base = instruction_report(opcode, &LookupParams::DEFAULT);
        let names: Vec<&str> = base.lookups.iter().map(|id| id.name()).collect();
        let mut cells = vec![
            opcode.mnemonic().to_string(),
            base.rows.len().to_string(),
            if names.is_empty() {
                "—".into()
            } else {
                names.join(", ")
            },
        ];
        for c in cfgs {
            let r = instruction_report(opcode, &c.params);
            let est: f64 = r
                .lookups
                .iter()
                .map(|id| {
                    c.per_table
                        .iter()
                        .find(|(x, _)| x == id)
                        .map_or(0.0, |(_, t)| t.total_ms())
                })
                .sum();
            cells.push(r.subtable_reads.to_string());
            cells.push(r.subtables.len().to_string());
            cells.push(r.max_g_degree.to_string());
            cells.push(fmt_ms(est));
            csv.push(&[
                "instruction".to_string(),
                opcode.mnemonic().to_string(),
                c.params.c().to_string(),
                c.params.log_m().to_string(),
                n.to_string(),
                threads.to_string(),
                r.rows.len().to_string(),
                r.lookups.len().to_string(),
                r.subtable_reads.to_string(),
                r.max_g_degree.to_string(),
                String::new(),
                String::new(),
                String::new(),
                format!("{est:.3}"),
                format!("{:.3}", run.msm_ms),
            ]);
        }
        instrs.push(cells);
    }

    let markdown = format!(
        "Surge prover time per 2^{n} lookups (HyperKZG commit of the instance's committed \
         polynomials + primary sumcheck + memory checks; the opening is part of the zkVM's one \
         batched opening and not included), on {threads} thread(s), pseudo-random 32-bit \
         operands; every proof verified. *Per table*: an instance holding only that table's \
         memories. *All tables*: the zkVM's instance, untoggled, so every lookup pays for every \
         memory — the per-step cost inside the VM. MSM(2^{n}) = {} ms. The per-instruction \
         estimate adds the per-table times of its rows' lookups; rows come from \
         `instructions::sequences::expand` (virtual sequences), reads and degrees from \
         `instructions::introspection`.\n\n## Per lookup table\n\n{}\n## Per instruction\n\n{}",
        fmt_ms(run.msm_ms),
        tables.render(),
        instrs.render()
    );
    let svg = figure(
        &[Panel::Bar(BarChart {
            title: format!("Surge prover time per 2^{n} lookups, one table per instance"),
            y_label: "ms".into(),
            log_y: true,
            categories: LookupId::ALL
                .iter()
                .map(|id| id.name().to_string())
                .collect(),
            series: cfgs
                .iter()
                .map(|c| {
                    (
                        format!("(C, log M) = {}", tag(&c.params)),
                        c.per_table.iter().map(|(_, t)| t.total_ms()).collect(),
                    )
                })
                .collect(),
        })],
        caption,
    );
    SuiteOutput {
        name: "lookups",
        title: "Lookup costs per instruction and per table".into(),
        markdown,
        csv: csv.finish(),
        svg,
    }
}
