//! Standalone Shout and Twist provers against the paper's cost model (Twist and Shout, ePrint
//! 2025/105, Figs. 1–3, Thms 5–6, §8): prove time per cycle in units of one BN254 field
//! multiplication measured in the same run, so the figures read as "field multiplications per
//! cycle" and sit next to the paper's `(d² + 3d + 2)·T` (Shout) and `(5 log K + 2d² + 4d + 4)·T`
//! (Twist, alternative algorithm) plus booleanity.
//!
//! `cargo run --release -p jolt-benches --bin twist_shout_table -- --sizes 14,16,18`
//! prints a Markdown table (single thread).

use std::time::Instant;

use ark_bn254::Fr;
use ark_ff::{Field, UniformRand};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{Rng, SeedableRng};
use jolt_core::bench::{single_threaded, Header};
use jolt_core::twist_shout::{
    prove_shout, prove_twist, OneHotAddresses, OutputRegion, ShoutParams, TwistParams, TwistWitness,
};
use sumcheck::{MerlinTranscript, Transcript};

/// Nanoseconds per dependent field multiplication (median of 5 chains of 2^22).
fn ns_per_mul() -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|i| {
            let mut x = Fr::from(3u64 + i);
            let y = Fr::from(0x1234_5678_9abc_def0u64).inverse().unwrap();
            let start = Instant::now();
            for _ in 0..1 << 22 {
                x *= y;
            }
            std::hint::black_box(x);
            start.elapsed().as_nanos() as f64 / (1u64 << 22) as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

fn time_ms(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1e3
}

fn shout_row(log_n: usize, d: usize, log_t: usize, rng: &mut StdRng) -> f64 {
    let params = ShoutParams { log_n, d, log_t };
    let k = 1u64 << params.log_k();
    let table: Vec<Fr> = (0..k).map(|_| Fr::from(rng.gen::<u32>())).collect();
    let addresses: Vec<u64> = (0..1u64 << log_t).map(|_| rng.gen_range(0..k)).collect();
    let r_cycle: Vec<Fr> = (0..log_t).map(|_| Fr::rand(rng)).collect();
    let ra = OneHotAddresses::encode(&addresses, log_n, d).expect("in range");
    time_ms(|| {
        let mut t = MerlinTranscript::new(b"bench");
        std::hint::black_box(prove_shout(&params, &ra, &table, &r_cycle, &mut t));
    })
}

fn twist_row(log_n: usize, d: usize, reads: usize, log_t: usize, rng: &mut StdRng) -> f64 {
    let params = TwistParams {
        log_n,
        d,
        log_t,
        num_reads: reads,
    };
    let (k, t) = (1u64 << params.log_k(), 1usize << log_t);
    let init: Vec<Fr> = (0..k).map(|_| Fr::from(rng.gen::<u32>())).collect();
    let read: Vec<Vec<u64>> = (0..reads)
        .map(|_| (0..t).map(|_| rng.gen_range(0..k)).collect())
        .collect();
    let writes: Vec<u64> = (0..t).map(|_| rng.gen_range(0..k)).collect();
    let values: Vec<Fr> = (0..t).map(|_| Fr::from(rng.gen::<u32>())).collect();
    let w = TwistWitness::from_run(init, read, writes, &values);
    let region = OutputRegion {
        start: 0,
        values: w.final_memory[..4].to_vec(),
    };
    let r_cycle: Vec<Fr> = (0..log_t).map(|_| Fr::rand(rng)).collect();
    time_ms(|| {
        let mut tr = MerlinTranscript::new(b"bench");
        std::hint::black_box(prove_twist(&params, &w, &r_cycle, &region, &mut tr));
    })
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip_while(|a| a != "--sizes")
        .nth(1)
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![14, 16]);
    let header = Header::collect(1);
    println!(
        "{}",
        header.markdown(
            "Standalone Twist and Shout provers",
            "one BN254 Fr multiplication (dependent chain), measured in the same run; \
             mults/cycle = prove time ÷ (T · that)"
        )
    );
    let rows = single_threaded(|| {
        let mut rng = StdRng::seed_from_u64(1);
        let mul = ns_per_mul();
        let mut rows = Vec::new();
        for &log_t in &sizes {
            let t = (1u64 << log_t) as f64;
            let per = |ms: f64| ms * 1e6 / t / mul;
            for (log_n, d) in [(16, 1), (8, 2), (4, 4)] {
                let ms = shout_row(log_n, d, log_t, &mut rng);
                let model = (d * d + 3 * d + 2) as f64 + 5.0 * 65536.0 / t;
                rows.push(format!(
                    "| Shout, K = 2^16, d = {d} | 2^{log_t} | {ms:.0} | {:.0} | {model:.0} |",
                    per(ms)
                ));
            }
            for (name, log_n, d, reads) in
                [("registers K = 64", 6, 1, 2), ("RAM K = 2^16", 8, 2, 1)]
            {
                let ms = twist_row(log_n, d, reads, log_t, &mut rng);
                let log_k = (log_n * d) as f64;
                let model = 5.0 * log_k + (2 * d * d + 4 * d + 4) as f64 + 6.0 * d as f64;
                rows.push(format!(
                    "| Twist {name}, d = {d}, {reads} read(s) + 1 write | 2^{log_t} | {ms:.0} | {:.0} | {model:.0} |",
                    per(ms)
                ));
            }
        }
        (mul, rows)
    });
    println!("Fr multiplication: {:.1} ns.\n", rows.0);
    println!("| protocol | T | prove ms | mults/cycle (measured) | mults/cycle (paper's model) |");
    println!("|---|---|---|---|---|");
    for r in rows.1 {
        println!("{r}");
    }
}
