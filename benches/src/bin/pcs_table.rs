//! The commitment-scheme comparison table.
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release -p jolt-benches --bin pcs_table -- --sizes 16,20 --out bench-results
//! ```
//!
//! For every scheme and size `2^n` it measures, in one run: setup size, commit time for random
//! field values and for 16-bit values, open time, verify time and proof size, next to the
//! baseline "one full-scalar BN254 G1 MSM over 2^n points" measured in the same run, and prints
//! Markdown and CSV (also written to `--out`).

use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::{CurveGroup, VariableBaseMSM};
use ark_serialize::CanonicalSerialize;
use ark_std::UniformRand;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::time::Instant;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// One row of the table.
struct Row {
    scheme: &'static str,
    log_n: usize,
    msm_ms: f64,
    setup_bytes: usize,
    commit_ms: f64,
    commit_u16_ms: f64,
    open_ms: f64,
    verify_ms: f64,
    proof_bytes: usize,
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Best of `reps` runs of `f`, in milliseconds.
fn best_of<T>(reps: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..reps {
        let t = Instant::now();
        let v = f();
        best = best.min(ms(t));
        out = Some(v);
    }
    (best, out.expect("at least one repetition"))
}

fn measure<S: CommitmentScheme<Field = Fr>>(log_n: usize, msm_ms: f64, reps: usize) -> Row {
    let setup = S::insecure_test_setup(log_n, 1);
    let vk = S::verifier_setup(&setup);
    let mut rng = ChaCha20Rng::seed_from_u64(log_n as u64);
    let poly = DensePolynomial::new((0..1usize << log_n).map(|_| Fr::rand(&mut rng)).collect());
    let small: MultilinearPolynomial<Fr> = (0..1usize << log_n)
        .map(|_| rng.next_u32() as u16)
        .collect::<Vec<u16>>()
        .into();
    let point: Vec<Fr> = (0..log_n).map(|_| Fr::rand(&mut rng)).collect();
    let eval = poly.evaluate(&point);
    let dense = MultilinearPolynomial::Dense(poly.clone());
    let (commit_ms, commitment) = best_of(reps, || S::commit(&setup, &dense).expect("commit"));
    let (commit_u16_ms, _) = best_of(reps, || S::commit(&setup, &small).expect("commit"));
    let (open_ms, proof) = best_of(reps, || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::open(&setup, &poly, &commitment, &point, &eval, &mut t).expect("open")
    });
    let (verify_ms, ok) = best_of(reps.max(3), || {
        let mut t = MerlinTranscript::new(b"pcs-table");
        S::verify(&vk, &commitment, &point, &eval, &proof, &mut t)
    });
    assert!(ok.is_ok(), "{} rejected an honest proof", S::NAME);
    Row {
        scheme: S::NAME,
        log_n,
        msm_ms,
        setup_bytes: setup.compressed_size(),
        commit_ms,
        commit_u16_ms,
        open_ms,
        verify_ms,
        proof_bytes: proof.compressed_size(),
    }
}

fn baseline_msm_ms(log_n: usize, reps: usize) -> f64 {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let n = 1usize << log_n;
    let bases: Vec<G1Affine> = G1Projective::normalize_batch(
        &(0..n.min(1 << 12))
            .map(|_| G1Projective::rand(&mut rng))
            .collect::<Vec<_>>(),
    )
    .into_iter()
    .cycle()
    .take(n)
    .collect();
    let scalars: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
    best_of(reps, || G1Projective::msm_unchecked(&bases, &scalars)).0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut sizes = vec![10usize, 12, 14, 16, 18, 20, 22];
    let mut out_dir = String::from("bench-results");
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
            "--help" | "-h" => {
                println!("usage: pcs_table [--sizes 10,12,...] [--out DIR]");
                return;
            }
            other => {
                eprintln!("unknown argument {other}; see --help");
                std::process::exit(2);
            }
        }
        i += 1;
    }
    let threads = rayon::current_num_threads();
    let mut rows = Vec::new();
    for &log_n in &sizes {
        let reps = if log_n <= 16 { 3 } else { 1 };
        eprintln!("2^{log_n}: baseline MSM…");
        let msm = baseline_msm_ms(log_n, reps);
        eprintln!("2^{log_n}: hyperkzg…");
        rows.push(measure::<HyperKzg>(log_n, msm, reps));
        eprintln!("2^{log_n}: zeromorph…");
        rows.push(measure::<Zeromorph>(log_n, msm, reps));
        eprintln!("2^{log_n}: hyrax…");
        rows.push(measure::<Hyrax>(log_n, msm, reps));
    }
    let mut md = format!(
        "Threads: {threads}. Baseline: one full-scalar BN254 G1 MSM over 2^n points, same run.\n\n\
         | scheme | n | MSM (ms) | commit (ms) | commit/MSM | commit u16 (ms) | u16/MSM | open (ms) | open/MSM | verify (ms) | proof (B) | setup (B) |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|\n"
    );
    let mut csv = String::from(
        "scheme,log_n,threads,msm_ms,commit_ms,commit_u16_ms,open_ms,verify_ms,proof_bytes,setup_bytes\n",
    );
    for r in &rows {
        md.push_str(&format!(
            "| {} | {} | {:.1} | {:.1} | {:.2} | {:.1} | {:.3} | {:.1} | {:.2} | {:.2} | {} | {} |\n",
            r.scheme,
            r.log_n,
            r.msm_ms,
            r.commit_ms,
            r.commit_ms / r.msm_ms,
            r.commit_u16_ms,
            r.commit_u16_ms / r.msm_ms,
            r.open_ms,
            r.open_ms / r.msm_ms,
            r.verify_ms,
            r.proof_bytes,
            r.setup_bytes
        ));
        csv.push_str(&format!(
            "{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{},{}\n",
            r.scheme,
            r.log_n,
            threads,
            r.msm_ms,
            r.commit_ms,
            r.commit_u16_ms,
            r.open_ms,
            r.verify_ms,
            r.proof_bytes,
            r.setup_bytes
        ));
    }
    println!("{md}");
    println!("{csv}");
    if let Err(e) = std::fs::create_dir_all(&out_dir)
        .and_then(|_| std::fs::write(format!("{out_dir}/pcs.md"), &md))
        .and_then(|_| std::fs::write(format!("{out_dir}/pcs.csv"), &csv))
    {
        eprintln!("could not write {out_dir}: {e}");
        std::process::exit(1);
    }
}
