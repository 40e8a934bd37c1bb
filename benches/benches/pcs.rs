//! Criterion benches for the commitment schemes: commit (random field values, 16-bit values,
//! 0/1 flags), open and verify, for every scheme, next to one full-scalar MSM of the same size.
//!
//! Sizes run from 2^12 up to 2^`PCS_BENCH_MAX_LOG` (default 16). The whole comparison table
//! (2^10 … 2^22, Markdown + CSV) is the `pcs_table` binary; these benches are for tracking one
//! kernel while optimizing it: `RAYON_NUM_THREADS=1 cargo bench -p jolt-benches --bench pcs`.

use ark_bn254::{Fr, G1Projective};
use ark_ec::VariableBaseMSM;
use ark_std::UniformRand;
use commitments::kzg::KzgProverSetup;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

fn max_log() -> usize {
    std::env::var("PCS_BENCH_MAX_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(16)
}

/// Benches one scheme at `2^log` evaluations under `group/<name>/…`.
fn bench_scheme<S: CommitmentScheme<Field = Fr>>(
    c: &mut Criterion,
    setup: &S::ProverSetup,
    log: usize,
) {
    let mut rng = ChaCha20Rng::seed_from_u64(log as u64);
    let len = 1usize << log;
    let poly = DensePolynomial::new((0..len).map(|_| Fr::rand(&mut rng)).collect());
    let dense = MultilinearPolynomial::Dense(poly.clone());
    let u16s: MultilinearPolynomial<Fr> = (0..len)
        .map(|_| rng.next_u32() as u16)
        .collect::<Vec<_>>()
        .into();
    let flags: MultilinearPolynomial<Fr> = (0..len)
        .map(|_| rng.next_u32() & 1 == 1)
        .collect::<Vec<_>>()
        .into();
    let point: Vec<Fr> = (0..log).map(|_| Fr::rand(&mut rng)).collect();
    let eval = poly.evaluate(&point);
    let vk = S::verifier_setup(setup);
    let commitment = S::commit(setup, &dense).expect("commit");
    let open = || {
        let mut t = MerlinTranscript::new(b"pcs-bench");
        S::open(setup, &poly, &commitment, &point, &eval, &mut t).expect("open")
    };
    let proof = open();
    let mut group = c.benchmark_group(format!("pcs/{}", S::NAME));
    group.sample_size(10);
    for (label, p) in [
        ("commit_field", &dense),
        ("commit_u16", &u16s),
        ("commit_flags", &flags),
    ] {
        group.bench_with_input(BenchmarkId::new(label, log), p, |b, p| {
            b.iter(|| S::commit(setup, p).expect("commit"))
        });
    }
    group.bench_function(BenchmarkId::new("open", log), |b| b.iter(open));
    group.bench_function(BenchmarkId::new("verify", log), |b| {
        b.iter(|| {
            let mut t = MerlinTranscript::new(b"pcs-bench");
            S::verify(&vk, &commitment, &point, &eval, &proof, &mut t).expect("verify")
        })
    });
    group.finish();
}

fn bench_pcs(c: &mut Criterion) {
    for log in (12..=max_log()).step_by(2) {
        let kzg = KzgProverSetup::insecure(log, 1);
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        let scalars: Vec<Fr> = (0..1usize << log).map(|_| Fr::rand(&mut rng)).collect();
        let mut group = c.benchmark_group("pcs/baseline");
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("msm_full_scalars", log), |b| {
            b.iter(|| G1Projective::msm_unchecked(&kzg.powers_g1, &scalars))
        });
        group.finish();
        bench_scheme::<HyperKzg>(c, &kzg, log);
        bench_scheme::<Zeromorph>(c, &kzg, log);
        bench_scheme::<Hyrax>(c, &Hyrax::insecure_test_setup(log, 1), log);
    }
}

criterion_group!(benches, bench_pcs);
criterion_main!(benches);
