//! Criterion benches for the `sumcheck` crate: eq·a·b and eq·a·b·c sumchecks, batched grand
//! products over 8 vectors, the eq table, and `bind`.
//!
//! Sizes run from 2^16 up to 2^`SUMCHECK_BENCH_MAX_LOG` (default 20; set 22 for the full table).
//! Single-thread figures: `RAYON_NUM_THREADS=1 cargo bench -p jolt-benches --bench sumcheck`.
//!
//! Each bench prints the number of BN254 field multiplications per entry that the algorithm
//! performs, counted from its loops (see the comments at each count):
//! - eq-factor sumcheck over eq·h with `h` a product of `k` polynomials, `d = k + 1`: per pair
//!   of entries in a round, `h` is evaluated at `d − 1` points (`k − 1` mults each), weighted by
//!   the eq table (`d − 1` mults), and each of the `k` polynomials is bound (1 mult); rounds
//!   halve the size, so the total is `2·[(d−1)·k + k]/2` per entry, plus `1/2` for the eq table.
//! - grand product: 1 mult per leaf to build the tree, plus the eq·L·R sumchecks of every layer
//!   (k = 2 over half as many entries, summed over layers ≈ the same again).

use ark_bn254::Fr;
use ark_std::UniformRand;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sumcheck::{
    prove_grand_product, prove_sumcheck, CombineFn, DensePolynomial, EqPolynomial,
    EqProductSumcheck, MerlinTranscript, MultilinearPolynomial, Transcript,
};

fn max_log() -> usize {
    std::env::var("SUMCHECK_BENCH_MAX_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
}

fn random(n: usize, rng: &mut ChaCha20Rng) -> Vec<Fr> {
    (0..1usize << n).map(|_| Fr::rand(rng)).collect()
}

/// Multiplications per original entry of the eq-factor sumcheck with `k` factors in `h`.
fn eq_sumcheck_mults_per_entry(k: usize) -> f64 {
    let d = k + 1;
    let per_pair = ((d - 1) * k + k) as f64; // (d−1) points × ((k−1) for h + 1 for eq) + k binds
    per_pair + 0.5 // geometric series over rounds: Σ_j 2^{n−1−j} pairs ≈ 2^n pairs in total
}

fn bench_eq_sumcheck(c: &mut Criterion) {
    let mut group = c.benchmark_group("sumcheck_eq_product");
    group.sample_size(10);
    let ab = |v: &[Fr]| v[0] * v[1];
    let abc = |v: &[Fr]| v[0] * v[1] * v[2];
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    for log in (16..=max_log()).step_by(2) {
        for (name, k, h) in [
            ("eq*a*b", 2usize, &ab as &CombineFn<Fr>),
            ("eq*a*b*c", 3, &abc),
        ] {
            let polys: Vec<MultilinearPolynomial<Fr>> = (0..k)
                .map(|_| MultilinearPolynomial::dense(random(log, &mut rng)))
                .collect();
            let tau: Vec<Fr> = (0..log).map(|_| Fr::rand(&mut rng)).collect();
            let claim = EqProductSumcheck::sum(&tau, &polys, h);
            println!(
                "{name} 2^{log}: {:.1} field mults per entry",
                eq_sumcheck_mults_per_entry(k)
            );
            group.bench_with_input(BenchmarkId::new(name, log), &log, |b, _| {
                b.iter(|| {
                    let mut inst =
                        EqProductSumcheck::new(tau.clone(), polys.clone(), h, k + 1, claim);
                    let mut t = MerlinTranscript::new(b"bench");
                    prove_sumcheck(&mut inst, &mut t)
                })
            });
        }
    }
    group.finish();
}

fn bench_grand_product(c: &mut Criterion) {
    let mut group = c.benchmark_group("grand_product_batched_8");
    group.sample_size(10);
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    for log in (16..=max_log()).step_by(2) {
        let leaves: Vec<Fr> = (0..8).flat_map(|_| random(log - 3, &mut rng)).collect();
        // 8 vectors of 2^{log−3} leaves = 2^log leaves in all.
        println!(
            "grand product 2^{log} leaves (8 × 2^{}): {:.1} field mults per leaf",
            log - 3,
            1.0 + eq_sumcheck_mults_per_entry(2) / 2.0 * 2.0
        );
        group.bench_with_input(BenchmarkId::new("leaves", log), &log, |b, _| {
            b.iter(|| {
                let mut t = MerlinTranscript::new(b"bench");
                prove_grand_product(leaves.clone(), 8, &mut t)
            })
        });
    }
    group.finish();
}

fn bench_eq_and_bind(c: &mut Criterion) {
    let mut group = c.benchmark_group("eq_and_bind");
    group.sample_size(10);
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    for log in (16..=max_log()).step_by(2) {
        let point: Vec<Fr> = (0..log).map(|_| Fr::rand(&mut rng)).collect();
        println!("eq table 2^{log}: 1.0 field mults per entry; bind: 1.0 per output entry");
        group.bench_with_input(BenchmarkId::new("eq_table", log), &log, |b, _| {
            b.iter(|| EqPolynomial::evals(&point))
        });
        let poly = DensePolynomial::new(random(log, &mut rng));
        group.bench_with_input(BenchmarkId::new("bind_once", log), &log, |b, _| {
            b.iter(|| {
                let mut p = poly.clone();
                p.bind(point[0]);
                p
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_eq_sumcheck,
    bench_grand_product,
    bench_eq_and_bind
);
criterion_main!(benches);
