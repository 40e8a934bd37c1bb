//! Standalone Shout and Twist provers against the paper's cost model (Twist and Shout, ePrint
//! 2025/105, Figs. 1–3, Thms 5–6, §8): prove time per cycle in units of one BN254 field
//! multiplication measured in the same run, so the figures read as "field multiplications per
//! cycle" and sit next to the paper's `(d² + 3d + 2)·T` (Shout) and `(5 log K + 2d² + 4d + 4)·T`
//! (Twist, alternative algorithm) plus booleanity.
//!
//! `cargo run --release -p jolt-benches --bin twist_shout_table -- --sizes 14,16,18`
//! prints Markdown tables (single thread): the standalone provers, then both
//! memory-checking families on the same fib traces.

use std::time::Instant;

use ark_bn254::Fr;
use ark_ff::{Field, UniformRand};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::{Rng, SeedableRng};
use commitments::HyperKzg;
use jolt_core::bench::{single_threaded, Header};
use jolt_core::twist_shout::vm::{bytecode_shout, ram_twist, register_twist};
use jolt_core::twist_shout::{
    prove_shout, prove_twist, OneHotAddresses, OutputRegion, ShoutParams, TwistParams, TwistWitness,
};
use jolt_core::vm::{trace, LayoutConfig, Memory, Program, RunOptions};
use jolt_core::zkvm::bytecode_table::BytecodeTable;
use jolt_core::zkvm::{prove_trace, Backend, JoltPreprocessing, PublicIo, Silent};
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

/// On one fib trace of `2^log_t` padded steps: the Lasso/Spice backend's bytecode and
/// registers/RAM stages (`prove_trace`, HyperKZG, commitments excluded: those stages are
/// sumchecks and grand products over already committed columns) against Shout on the
/// bytecode plus Twist on the registers and on RAM over the same trace. Returns
/// `(lasso bytecode, lasso memory, shout bytecode, twist registers, twist RAM)` in ms.
fn backends_on_fib(log_t: usize) -> [f64; 5] {
    let program = Program::load(jolt_core::guests::FIB_ELF, &LayoutConfig::default()).unwrap();
    // fib(n) takes about 6n steps; pick n so the trace pads to exactly 2^log_t.
    let mut n = ((1u64 << log_t) / 6) as u32;
    let run = loop {
        let t = trace(&program, &n.to_le_bytes(), &RunOptions::default()).unwrap();
        if (t.steps.len() + 1).next_power_of_two() <= 1 << log_t {
            break t;
        }
        n -= n / 50 + 1;
    };
    let input = n.to_le_bytes().to_vec();
    let io = PublicIo {
        input: input.clone(),
        output: run.output.clone(),
        exit_code: run.exit_code,
    };
    let pre = JoltPreprocessing::<HyperKzg>::new(
        program.clone(),
        instructions::LookupParams::DEFAULT,
        log_t,
        1,
    );
    // The Lasso/Spice stages this table sets the standalone Twist/Shout provers against.
    let (_, timings) = prove_trace(&pre, &io, &run, Backend::LassoSpice, &Silent).expect("proves");
    let initial = Memory::initial(&program, &input).unwrap().words;
    let mut rng = StdRng::seed_from_u64(2);
    let r: Vec<Fr> = (0..log_t).map(|_| Fr::rand(&mut rng)).collect();
    let layout = program.layout();
    let regs = layout.num_register_words() as usize;
    let twist_registers = time_ms(|| {
        let (params, w) = register_twist::<Fr>(&run, &initial, regs, log_t);
        let region = OutputRegion {
            start: 0,
            values: vec![],
        };
        std::hint::black_box(prove_twist(
            &params,
            &w,
            &r,
            &region,
            &mut MerlinTranscript::new(b"b"),
        ));
    });
    let expected = layout
        .io_words(&input, &run.output, run.exit_code, true)
        .expect("fits");
    let twist_ram = time_ms(|| {
        let (params, w) = ram_twist::<Fr>(&run, &initial, log_t);
        let region = OutputRegion {
            start: layout.io_start() as usize,
            values: expected.iter().map(|&x| Fr::from(x)).collect(),
        };
        std::hint::black_box(prove_twist(
            &params,
            &w,
            &r,
            &region,
            &mut MerlinTranscript::new(b"b"),
        ));
    });
    let table = BytecodeTable::new(program.bytecode());
    let shout_bytecode = time_ms(|| {
        let beta: Vec<Fr> = (0..table.rows[0].len())
            .map(|i| Fr::from(i as u64 + 7))
            .collect();
        let (params, values, ra) = bytecode_shout(&run, &table, &beta, log_t);
        std::hint::black_box(prove_shout(
            &params,
            &ra,
            &values,
            &r,
            &mut MerlinTranscript::new(b"b"),
        ));
    });
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    [
        ms(timings.bytecode),
        ms(timings.memory),
        shout_bytecode,
        twist_registers,
        twist_ram,
    ]
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
    println!("## The standalone protocols\n");
    println!("| protocol | T | prove ms | mults/cycle (measured) | mults/cycle (paper's model) |");
    println!("|---|---|---|---|---|");
    for r in rows.1 {
        println!("{r}");
    }
    println!(
        "\n## Same fib trace, both memory-checking families (ms, commitments excluded)\n\n\
         Lasso/Spice: the `bytecode` and `memory` (registers + RAM read-write check, output \
         check, region check) stages of `prove_trace`. Twist/Shout: the standalone provers on \
         the same trace (registers and RAM as two Twist instances, bytecode as Shout).\n"
    );
    println!("| T | Lasso bytecode | Lasso registers+RAM | Shout bytecode | Twist registers | Twist RAM | Lasso total / Twist+Shout total |");
    println!("|---|---|---|---|---|---|---|");
    for &log_t in &sizes {
        let [lb, lm, sb, tr, tm] = single_threaded(|| backends_on_fib(log_t));
        println!(
            "| 2^{log_t} | {lb:.0} | {lm:.0} | {sb:.0} | {tr:.0} | {tm:.0} | {:.2} |",
            (lb + lm) / (sb + tr + tm)
        );
    }
}
