//! The commitment-scheme comparison (`jolt bench pcs`, and `benches/src/bin/pcs_table.rs`).
//!
//! For every scheme and size `2^n`, in one run: commit time for random field values, for
//! 16-bit values and for 0/1 flags, open time, verify time, proof size, and the prover and
//! verifier setup sizes, next to the baseline MSM over `2^n` points (the KZG powers, which
//! are distinct points). A new scheme joins with one line in [`measure_size`].

use ark_bn254::Fr;
use ark_serialize::CanonicalSerialize;
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{RngCore, SeedableRng};
use ark_std::UniformRand;
use commitments::kzg::KzgProverSetup;
use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, Zeromorph};
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

use super::svg::{figure, LineChart, Panel, Series};
use super::{best_of, msm_baseline_ms, ratio, BenchProgress, Csv, MarkdownTable, SuiteOutput};

/// The inputs every scheme is measured on at one size, and the baseline.
pub struct Workload {
    /// `n`: the polynomials have `2^n` evaluations.
    pub log_n: usize,
    /// Repetitions (best of) per timing.
    pub reps: usize,
    /// The baseline MSM over `2^n` points, ms.
    pub msm_ms: f64,
    poly: DensePolynomial<Fr>,
    dense: MultilinearPolynomial<Fr>,
    u16s: MultilinearPolynomial<Fr>,
    flags: MultilinearPolynomial<Fr>,
    point: Vec<Fr>,
    eval: Fr,
}

impl Workload {
    /// Pseudo-random inputs of `2^log_n` evaluations; the baseline MSM runs over the KZG
    /// powers (distinct points).
    pub fn new(log_n: usize, reps: usize, kzg: &KzgProverSetup) -> Self {
        let mut rng = StdRng::seed_from_u64(log_n as u64);
        let len = 1usize << log_n;
        let msm_ms = msm_baseline_ms(&kzg.powers_g1[..len], reps);
        let scalars: Vec<Fr> = (0..len).map(|_| Fr::rand(&mut rng)).collect();
        let poly = DensePolynomial::new(scalars);
        let u16s: Vec<u16> = (0..len).map(|_| rng.next_u32() as u16).collect();
        let flags: Vec<bool> = (0..len).map(|_| rng.next_u32() & 1 == 1).collect();
        let point: Vec<Fr> = (0..log_n).map(|_| Fr::rand(&mut rng)).collect();
        let eval = poly.evaluate(&point);
        Workload {
            log_n,
            reps,
            msm_ms,
            dense: MultilinearPolynomial::Dense(poly.clone()),
            poly,
            u16s: u16s.into(),
            flags: flags.into(),
            point,
            eval,
        }
    }
}

/// One row of the table (times in ms, sizes in bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct PcsRow {
    /// [`CommitmentScheme::NAME`].
    pub scheme: &'static str,
    /// `n`.
    pub log_n: usize,
    /// Baseline MSM over `2^n` points.
    pub msm_ms: f64,
    /// Commit random field values.
    pub commit_ms: f64,
    /// Commit 16-bit values.
    pub commit_u16_ms: f64,
    /// Commit 0/1 values.
    pub commit_flags_ms: f64,
    /// Open at a random point.
    pub open_ms: f64,
    /// Verify the opening.
    pub verify_ms: f64,
    /// Opening proof size.
    pub proof_bytes: usize,
    /// Prover setup size.
    pub setup_bytes: usize,
    /// Verifier setup size.
    pub vk_bytes: usize,
}

/// Measures scheme `S` on the workload with prover setup `setup`.
pub fn measure<S: CommitmentScheme<Field = Fr>>(setup: &S::ProverSetup, w: &Workload) -> PcsRow {
    let vk = S::verifier_setup(setup);
    let reps = w.reps;
    let commit = |p: &MultilinearPolynomial<Fr>| S::commit(setup, p).expect("commit");
    let (commit_ms, commitment) = best_of(reps, || commit(&w.dense));
    let (commit_u16_ms, _) = best_of(reps, || commit(&w.u16s));
    let (commit_flags_ms, _) = best_of(reps, || commit(&w.flags));
    let (open_ms, proof) = best_of(reps, || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::open(setup, &w.poly, &commitment, &w.point, &w.eval, &mut t).expect("open")
    });
    let (verify_ms, ok) = best_of(reps.max(5), || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::verify(&vk, &commitment, &w.point, &w.eval, &proof, &mut t)
    });
    assert_eq!(ok, Ok(()), "{} rejected an honest proof", S::NAME);
    PcsRow {
        scheme: S::NAME,
        log_n: w.log_n,
        msm_ms: w.msm_ms,
        commit_ms,
        commit_u16_ms,
        commit_flags_ms,
        open_ms,
        verify_ms,
        proof_bytes: proof.compressed_size(),
        setup_bytes: setup.compressed_size(),
        vk_bytes: vk.compressed_size(),
    }
}

/// Repetitions (best of) at `2^log_n`: three up to 2^20, one above.
pub fn reps_at(log_n: usize) -> usize {
    if log_n <= 20 {
        3
    } else {
        1
    }
}

/// Every scheme `wants` accepts (by [`CommitmentScheme::NAME`]) at `2^log_n`.
pub fn measure_size(
    log_n: usize,
    reps: usize,
    wants: &dyn Fn(&str) -> bool,
    progress: &dyn BenchProgress,
) -> Vec<PcsRow> {
    progress.step(&format!("2^{log_n}: setup and baseline MSM"));
    let kzg = KzgProverSetup::insecure(log_n, 1);
    let w = Workload::new(log_n, reps, &kzg);
    let mut rows = Vec::new();
    let mut run = |name: &str, f: &mut dyn FnMut() -> PcsRow| {
        if wants(name) {
            progress.step(&format!("2^{log_n}: {name}"));
            let row = f();
            progress.done(&format!(
                "2^{log_n} {name}: commit {:.1} ms ({} ×MSM), open {:.1} ms, verify {:.2} ms",
                row.commit_ms,
                ratio(row.commit_ms, row.msm_ms),
                row.open_ms,
                row.verify_ms
            ));
            rows.push(row);
        }
    };
    // One line per scheme.
    run(HyperKzg::NAME, &mut || measure::<HyperKzg>(&kzg, &w));
    run(Zeromorph::NAME, &mut || measure::<Zeromorph>(&kzg, &w));
    run(Hyrax::NAME, &mut || {
        measure::<Hyrax>(&Hyrax::insecure_test_setup(log_n, 1), &w)
    });
    run(Dory::NAME, &mut || {
        measure::<Dory>(&Dory::insecure_test_setup(log_n, 1), &w)
    });
    rows
}

/// The number of schemes [`measure_size`] knows.
pub const SCHEMES: usize = 4;

/// Every size of `sizes`, each scheme `wants` accepts; repetitions from [`reps_at`] unless
/// `reps` is given.
pub fn run(
    sizes: &[usize],
    reps: Option<usize>,
    wants: &dyn Fn(&str) -> bool,
    progress: &dyn BenchProgress,
) -> Vec<PcsRow> {
    progress.start((sizes.len() * SCHEMES) as u64);
    sizes
        .iter()
        .flat_map(|&n| measure_size(n, reps.unwrap_or_else(|| reps_at(n)), wants, progress))
        .collect()
}

/// The Markdown table, CSV and plot of `rows` (`caption`: the machine line for the plot).
pub fn output(rows: &[PcsRow], threads: usize, caption: &str) -> SuiteOutput {
    let mut md = MarkdownTable::new(&[
        "scheme",
        "n",
        "MSM (ms)",
        "commit (ms)",
        "×MSM",
        "commit u16 (ms)",
        "×MSM",
        "commit 0/1 (ms)",
        "×MSM",
        "open (ms)",
        "×MSM",
        "verify (ms)",
        "proof (B)",
        "prover setup (B)",
        "verifier setup (B)",
    ]);
    let mut csv = Csv::new(&[
        "scheme",
        "log_n",
        "threads",
        "msm_ms",
        "commit_ms",
        "commit_u16_ms",
        "commit_flags_ms",
        "open_ms",
        "verify_ms",
        "proof_bytes",
        "setup_bytes",
        "vk_bytes",
    ]);
    for r in rows {
        md.push(vec![
            r.scheme.into(),
            r.log_n.to_string(),
            format!("{:.1}", r.msm_ms),
            format!("{:.1}", r.commit_ms),
            ratio(r.commit_ms, r.msm_ms),
            format!("{:.1}", r.commit_u16_ms),
            format!("{:.3}", r.commit_u16_ms / r.msm_ms),
            format!("{:.2}", r.commit_flags_ms),
            format!("{:.4}", r.commit_flags_ms / r.msm_ms),
            format!("{:.1}", r.open_ms),
            ratio(r.open_ms, r.msm_ms),
            format!("{:.2}", r.verify_ms),
            r.proof_bytes.to_string(),
            r.setup_bytes.to_string(),
            r.vk_bytes.to_string(),
        ]);
        csv.push(&[
            r.scheme.to_string(),
            r.log_n.to_string(),
            threads.to_string(),
            format!("{:.3}", r.msm_ms),
            format!("{:.3}", r.commit_ms),
            format!("{:.3}", r.commit_u16_ms),
            format!("{:.3}", r.commit_flags_ms),
            format!("{:.3}", r.open_ms),
            format!("{:.3}", r.verify_ms),
            r.proof_bytes.to_string(),
            r.setup_bytes.to_string(),
            r.vk_bytes.to_string(),
        ]);
    }
    let markdown = format!(
        "Per scheme and size 2^n: commit of random field values, of 16-bit values and of 0/1 \
         values (pay-per-bit), an opening at a random point and its verification; times are \
         the best of 3 runs up to n = 20 and of 1 run above (verify: best of 5), on {threads} \
         thread(s); ×MSM divides by the single-threaded baseline MSM(2^n) over the KZG powers. \
         Sizes are compressed serializations.\n\n{}",
        md.render()
    );

    let schemes: Vec<&str> = super::unique(rows.iter().map(|r| r.scheme));
    let series = |f: &dyn Fn(&PcsRow) -> f64, suffix: &str, dashed: bool| -> Vec<Series> {
        schemes
            .iter()
            .enumerate()
            .map(|(i, &s)| Series {
                name: format!("{s}{suffix}"),
                points: rows
                    .iter()
                    .filter(|r| r.scheme == s)
                    .map(|r| (r.log_n as f64, f(r)))
                    .collect(),
                dashed,
                colour: Some(i),
            })
            .collect()
    };
    let mut commit = series(&|r| r.commit_ms / r.msm_ms, " random", false);
    commit.extend(series(&|r| r.commit_u16_ms / r.msm_ms, " u16", true));
    let chart = |title: &str, y: &str, log_y: bool, series: Vec<Series>| {
        Panel::Line(LineChart {
            title: title.into(),
            x_label: "polynomial size N".into(),
            y_label: y.into(),
            log_y,
            x_pow2: true,
            series,
        })
    };
    let svg = figure(
        &[
            chart("commit ÷ MSM(N)", "×MSM", true, commit),
            chart(
                "open ÷ MSM(N)",
                "×MSM",
                true,
                series(&|r| r.open_ms / r.msm_ms, "", false),
            ),
            chart("verify", "ms", true, series(&|r| r.verify_ms, "", false)),
        ],
        caption,
    );
    SuiteOutput {
        name: "pcs",
        title: "Commitment-scheme comparison".into(),
        markdown,
        csv: csv.finish(),
        svg,
    }
}
