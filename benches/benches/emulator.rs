//! Emulation speed on the example guests, in RISC-V instructions per second (criterion's
//! "elem/s"), without tracing (the fast path, `vm::run`) and with tracing (`vm::trace`,
//! which records one step per virtual-expanded row).
//!
//! Sizes: fib(200000) and a chain of 192 SHA-256 hashes (about a million instructions
//! each), and sorting 1024 words (about 120 thousand). Single-threaded by construction.
//! `cargo bench -p jolt-benches --bench emulator`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jolt_core::guests;
use jolt_core::vm::{self, LayoutConfig, Program, RunOptions};

/// (name, ELF, input) of each benchmarked run.
fn workloads() -> Vec<(&'static str, &'static [u8], Vec<u8>)> {
    let mut sort_input = 1024u32.to_le_bytes().to_vec();
    sort_input.extend(7u32.to_le_bytes());
    vec![
        ("fib", guests::FIB_ELF, 200_000u32.to_le_bytes().to_vec()),
        ("sha256", guests::SHA256_ELF, 192u32.to_le_bytes().to_vec()),
        ("sort", guests::SORT_ELF, sort_input),
    ]
}

fn emulator(c: &mut Criterion) {
    let options = RunOptions::default();
    for (name, elf, input) in workloads() {
        let program = Program::load(elf, &LayoutConfig::default()).expect("guest loads");
        let summary = vm::run(&program, &input, &options).expect("guest halts");
        println!(
            "{name}: {} instructions, {} trace steps, exit code {}",
            summary.instructions, summary.trace_steps, summary.exit_code
        );
        let mut group = c.benchmark_group(format!("emulator/{name}"));
        group.throughput(Throughput::Elements(summary.instructions));
        group.sample_size(20);
        group.bench_function("run (no trace)", |b| {
            b.iter(|| vm::run(&program, &input, &options).expect("guest halts"))
        });
        group.bench_function("trace", |b| {
            b.iter(|| vm::trace(&program, &input, &options).expect("guest halts"))
        });
        group.finish();
    }
}

criterion_group!(benches, emulator);
criterion_main!(benches);
