//! The commitment-scheme comparison table.
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release -p jolt-benches --bin pcs_table -- --sizes 16,20 --out bench-results
//! ```
//!
//! For every scheme and size `2^n` it measures, in one run: commit time for random field
//! values, for 16-bit values and for 0/1 flags, open time, verify time, proof size, and the
//! prover and verifier setup sizes, next to the baseline "one full-scalar BN254 G1 MSM over
//! `2^n` distinct points" measured in the same run. It prints Markdown and CSV (also written
//! to `--out`). A new scheme joins with one line in `main` (`measure::<NewScheme>(…)`).

use ark_bn254::{Fr, G1Projective};
use ark_ec::VariableBaseMSM;
use ark_serialize::CanonicalSerialize;
use ark_std::UniformRand;
use commitments::kzg::KzgProverSetup;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::time::Instant;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// The inputs every scheme is measured on at one size, and the baseline.
struct Workload {
    log_n: usize,
    reps: usize,
    msm_ms: f64,
    poly: DensePolynomial<Fr>,
    dense: MultilinearPolynomial<Fr>,
    u16s: MultilinearPolynomial<Fr>,
    flags: MultilinearPolynomial<Fr>,
    point: Vec<Fr>,
    eval: Fr,
}

/// One row of the table.
struct Row {
    scheme: &'static str,
    log_n: usize,
    msm_ms: f64,
    commit_ms: f64,
    commit_u16_ms: f64,
    commit_flags_ms: f64,
    open_ms: f64,
    verify_ms: f64,
    proof_bytes: usize,
    setup_bytes: usize,
    vk_bytes: usize,
}

/// Best of `reps` runs of `f`, in milliseconds, with the last result.
fn best_of<T>(reps: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..reps {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        out = Some(v);
    }
    (best, out.expect("at least one repetition"))
}

impl Workload {
    /// Random inputs of `2^log_n` evaluations; the baseline MSM runs over the KZG powers
    /// (distinct points) with random full scalars.
    fn new(log_n: usize, reps: usize, kzg: &KzgProverSetup) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(log_n as u64);
        let len = 1usize << log_n;
        let scalars: Vec<Fr> = (0..len).map(|_| Fr::rand(&mut rng)).collect();
        let bases = &kzg.powers_g1[..len];
        let msm_ms = best_of(reps, || G1Projective::msm_unchecked(bases, &scalars)).0;
        let poly = DensePolynomial::new(scalars);
        let u16s: Vec<u16> = (0..len).map(|_| rng.next_u32() as u16).collect();
        let flags: Vec<bool> = (0..len).map(|_| rng.next_u32() & 1 == 1).collect();
        let point: Vec<Fr> = (0..log_n).map(|_| Fr::rand(&mut rng)).collect();
        let eval = poly.evaluate(&point);
        Self {
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

/// Measures scheme `S` on the workload with the given prover setup.
fn measure<S: CommitmentScheme<Field = Fr>>(setup: &S::ProverSetup, w: &Workload) -> Row {
    eprintln!("2^{}: {}…", w.log_n, S::NAME);
    let vk = S::verifier_setup(setup);
    let reps = w.reps;
    let commit = |p: &MultilinearPolynomial<Fr>| S::commit(setup, p).expect("commit");
    let (commit_ms, commitment) = best_of(reps, || commit(&w.dense));
    let (commit_u16_ms, _) = best_of(reps, || commit(&w.u16s));
    let (commit_flags_ms, _) = best_of(reps, || commit(&w.flags));
    eprintln!("  commits: {commit_ms:.1} / {commit_u16_ms:.1} / {commit_flags_ms:.2} ms");
    let (open_ms, proof) = best_of(reps, || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::open(setup, &w.poly, &commitment, &w.point, &w.eval, &mut t).expect("open")
    });
    eprintln!("  open: {open_ms:.1} ms");
    let (verify_ms, ok) = best_of(reps.max(5), || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::verify(&vk, &commitment, &w.point, &w.eval, &proof, &mut t)
    });
    assert_eq!(ok, Ok(()), "{} rejected an honest proof", S::NAME);
    eprintln!(
        "  verify: {verify_ms:.2} ms (baseline MSM {:.1} ms)",
        w.msm_ms
    );
    Row {
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

/// The CPU model and core count, for the table's header.
fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {cores} logical cores")
}

/// Command-line options.
struct Options {
    sizes: Vec<usize>,
    out_dir: String,
    /// Scheme names to run (all when empty).
    schemes: Vec<String>,
}

impl Options {
    fn wants(&self, name: &str) -> bool {
        self.schemes.is_empty() || self.schemes.iter().any(|s| s == name)
    }
}

fn parse_args() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let mut sizes = vec![10usize, 12, 14, 16, 18, 20, 22];
    let mut out_dir = String::from("bench-results");
    let mut schemes = Vec::new();
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--sizes" if i + 1 < args.len() => {
                sizes = args[i + 1]
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes takes numbers like 16,20"))
                    .collect();
                i += 1;
            }
            "--out" if i + 1 < args.len() => {
                out_dir = args[i + 1].clone();
                i += 1;
            }
            "--schemes" if i + 1 < args.len() => {
                schemes = args[i + 1]
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect();
                i += 1;
            }
            "--help" | "-h" => {
                println!("usage: pcs_table [--sizes 10,12,...] [--schemes hyperkzg,zeromorph,hyrax] [--out DIR]");
                std::process::exit(0);
            }
            other => {
                eprintln!("unknown argument {other}; see --help");
                std::process::exit(2);
            }
        }
        i += 1;
    }
    Options {
        sizes,
        out_dir,
        schemes,
    }
}

/// Repetitions (best of) at `2^log_n`: three up to 2^20, one above.
fn reps_at(log_n: usize) -> usize {
    if log_n <= 20 {
        3
    } else {
        1
    }
}

fn main() {
    let options = parse_args();
    let out_dir = &options.out_dir;
    let threads = rayon::current_num_threads();
    let mut rows = Vec::new();
    for &log_n in &options.sizes {
        let reps = reps_at(log_n);
        eprintln!("2^{log_n}: KZG setup and baseline MSM…");
        let kzg = KzgProverSetup::insecure(log_n, 1);
        let w = Workload::new(log_n, reps, &kzg);
        // One line per scheme.
        if options.wants(HyperKzg::NAME) {
            rows.push(measure::<HyperKzg>(&kzg, &w));
        }
        if options.wants(Zeromorph::NAME) {
            rows.push(measure::<Zeromorph>(&kzg, &w));
        }
        if options.wants(Hyrax::NAME) {
            rows.push(measure::<Hyrax>(&Hyrax::insecure_test_setup(log_n, 1), &w));
        }
    }
    let mut md = format!(
        "Machine: {}. Threads: {threads}. Baseline: one full-scalar BN254 G1 MSM over 2^n distinct \
         points, same run (the same scalars as the random-value commit). Times are the best of 3 runs \
         up to n = 20 and of 1 run above (verify: best of 5).\n\n\
         | scheme | n | MSM (ms) | commit (ms) | commit/MSM | commit u16 (ms) | u16/MSM | commit 0/1 (ms) | 0/1 ÷ MSM | open (ms) | open/MSM | verify (ms) | proof (B) | prover setup (B) | verifier setup (B) |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
        machine()
    );
    let mut csv = String::from(
        "scheme,log_n,threads,msm_ms,commit_ms,commit_u16_ms,commit_flags_ms,open_ms,verify_ms,proof_bytes,setup_bytes,vk_bytes\n",
    );
    for r in &rows {
        md.push_str(&format!(
            "| {} | {} | {:.1} | {:.1} | {:.2} | {:.1} | {:.3} | {:.2} | {:.4} | {:.1} | {:.2} | {:.2} | {} | {} | {} |\n",
            r.scheme,
            r.log_n,
            r.msm_ms,
            r.commit_ms,
            r.commit_ms / r.msm_ms,
            r.commit_u16_ms,
            r.commit_u16_ms / r.msm_ms,
            r.commit_flags_ms,
            r.commit_flags_ms / r.msm_ms,
            r.open_ms,
            r.open_ms / r.msm_ms,
            r.verify_ms,
            r.proof_bytes,
            r.setup_bytes,
            r.vk_bytes
        ));
        csv.push_str(&format!(
            "{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{},{},{}\n",
            r.scheme,
            r.log_n,
            threads,
            r.msm_ms,
            r.commit_ms,
            r.commit_u16_ms,
            r.commit_flags_ms,
            r.open_ms,
            r.verify_ms,
            r.proof_bytes,
            r.setup_bytes,
            r.vk_bytes
        ));
    }
    println!("{md}");
    println!("{csv}");
    if let Err(e) = std::fs::create_dir_all(out_dir)
        .and_then(|_| std::fs::write(format!("{out_dir}/pcs.md"), &md))
        .and_then(|_| std::fs::write(format!("{out_dir}/pcs.csv"), &csv))
    {
        eprintln!("could not write {out_dir}: {e}");
        std::process::exit(1);
    }
}
