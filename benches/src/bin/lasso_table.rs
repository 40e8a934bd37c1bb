//! The Lasso / memory-checking prover table.
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release -p jolt-benches --bin lasso_table -- --sizes 16,20 --out paper-notes/results
//! RAYON_NUM_THREADS=1 cargo run --release -p jolt-benches --bin lasso_table -- --quick
//! ```
//!
//! For every size `T = 2^n` it measures, in one run:
//!
//! - **Surge**: `T` random instruction lookups (each a uniformly random entry of
//!   `LookupId::ALL` on random 32-bit operands) with `C = 4`, `log M = 16`
//!   (`rv32_surge_params(&LookupParams::DEFAULT)`);
//! - **read-write memory checking**: `T` steps of 4 operations each (rs1 read, rs2 read, rd
//!   write, one RAM load or store) over a memory of 2^16 words;
//!
//! split into witness generation, commit (HyperKZG `batch_commit` of every committed
//! polynomial), primary sumcheck, grand products (the memory checks, including the timestamp
//! range check), and opening (the opening accumulator: reduction sumcheck plus one batched
//! HyperKZG opening), each next to the baseline "one full-scalar BN254 G1 MSM over `T`
//! distinct points" measured in the same run (as in `pcs_table`). Every proof is verified. It
//! prints Markdown and CSV and writes `lasso.md` / `lasso.csv` to `--out`.

use ark_bn254::Fr;
use ark_serialize::CanonicalSerialize;
use commitments::kzg::KzgProverSetup;
use commitments::{CommitmentScheme, HyperKzg};
use instructions::{LookupId, LookupParams};
use jolt_core::bench::{ms_since, msm_baseline_ms, peak_rss_mib, Header};
use jolt_core::lasso::rv32::{lookup_index, rv32_surge_params};
use jolt_core::lasso::surge::{prove_surge_timed, verify_surge, SurgeParams, SurgeWitness};
use jolt_core::memory_checking::{
    prove_read_write, range_check_counters, verify_read_write, MemoryOp, ReadWriteClaims,
    ReadWriteWitness,
};
use jolt_core::opening::{prove_openings, verify_openings, OpeningClaim};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::time::Instant;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// Words of the read-write memory.
const LOG_MEMORY: usize = 16;
/// Registers at the bottom of the address space.
const REGISTERS: usize = 32;
/// Words of random program image after the registers.
const PROGRAM_WORDS: usize = 1024;

/// One row of the table (times in milliseconds).
struct Row {
    part: &'static str,
    log_t: usize,
    msm_ms: f64,
    witness_ms: f64,
    commit_ms: f64,
    sumcheck_ms: Option<f64>,
    grand_products_ms: f64,
    opening_ms: f64,
    verify_ms: f64,
    polys: usize,
    claims: usize,
    peak_rss_mib: u64,
}

impl Row {
    fn prover_ms(&self) -> f64 {
        self.commit_ms + self.sumcheck_ms.unwrap_or(0.0) + self.grand_products_ms + self.opening_ms
    }
}

fn absorb_commitments<C: CanonicalSerialize>(t: &mut MerlinTranscript, commitments: &[C]) {
    let mut bytes = Vec::new();
    commitments
        .serialize_compressed(&mut bytes)
        .expect("serialize commitments");
    t.append_message(b"commitments", &bytes);
}

/// `2^log_t` random lookups, as the Surge witness.
fn surge_witness(p: &LookupParams, log_t: usize) -> SurgeWitness<Fr> {
    let mut rng = ChaCha20Rng::seed_from_u64(0x5e_u64 ^ log_t as u64);
    let n = 1usize << log_t;
    let mut dims = vec![Vec::with_capacity(n); p.c()];
    let mut flags = vec![Vec::with_capacity(n); LookupId::ALL.len()];
    let mut outputs = Vec::with_capacity(n);
    for _ in 0..n {
        let id = LookupId::ALL[rng.next_u32() as usize % LookupId::ALL.len()];
        let (x, y) = (rng.next_u32(), rng.next_u32());
        for (c, d) in id.chunk_indices(p, x, y).into_iter().enumerate() {
            dims[c].push(d);
        }
        for (f, column) in flags.iter_mut().enumerate() {
            column.push(f == lookup_index(id));
        }
        outputs.push(Fr::from(id.lookup_output(x, y)));
    }
    SurgeWitness {
        dims,
        flags,
        outputs,
    }
}

fn measure_surge(params: &SurgeParams<Fr>, kzg: &KzgProverSetup, log_t: usize, msm_ms: f64) -> Row {
    eprintln!("2^{log_t}: Surge…");
    let p = LookupParams::DEFAULT;
    let start = Instant::now();
    let w = surge_witness(&p, log_t);
    let polys = params.committed_polynomials(&w);
    let witness_ms = ms_since(start);
    let num_vars = params.layout().num_vars(log_t, params.log_m);

    let start = Instant::now();
    let commitments = HyperKzg::batch_commit(kzg, &polys).expect("commit");
    let commit_ms = ms_since(start);
    eprintln!(
        "  witness {witness_ms:.0} ms, commit {commit_ms:.0} ms ({} polynomials)",
        polys.len()
    );

    let mut pt = MerlinTranscript::new(b"lasso-table");
    absorb_commitments(&mut pt, &commitments);
    let (proof, claims, timings) = prove_surge_timed(params, &w, &mut pt);
    drop(w);
    let sumcheck_ms = timings.primary_sumcheck.as_secs_f64() * 1e3;
    let grand_products_ms = timings.memory_checks.as_secs_f64() * 1e3;
    eprintln!("  primary sumcheck {sumcheck_ms:.0} ms, memory checks {grand_products_ms:.0} ms");

    let opening_claims = claims.opening_claims(params, 0);
    let start = Instant::now();
    let opening = prove_openings::<HyperKzg>(kzg, &polys, &commitments, &opening_claims, &mut pt)
        .expect("open");
    let opening_ms = ms_since(start);
    drop(polys);
    eprintln!(
        "  opening {opening_ms:.0} ms ({} claims)",
        opening_claims.len()
    );

    let start = Instant::now();
    let vk = HyperKzg::verifier_setup(kzg);
    let mut vt = MerlinTranscript::new(b"lasso-table");
    absorb_commitments(&mut vt, &commitments);
    let claims = verify_surge(params, log_t, &proof, &mut vt).expect("Surge verifies");
    verify_openings::<HyperKzg>(
        &vk,
        &commitments,
        &num_vars,
        &claims.opening_claims(params, 0),
        &opening,
        &mut vt,
    )
    .expect("openings verify");
    let verify_ms = ms_since(start);
    Row {
        part: "surge",
        log_t,
        msm_ms,
        witness_ms,
        commit_ms,
        sumcheck_ms: Some(sumcheck_ms),
        grand_products_ms,
        opening_ms,
        verify_ms,
        polys: num_vars.len(),
        claims: opening_claims.len(),
        peak_rss_mib: peak_rss_mib().unwrap_or(0),
    }
}

/// The public initial memory: zero registers, a random program image, zero RAM.
fn initial_memory() -> Vec<u64> {
    let mut rng = ChaCha20Rng::seed_from_u64(0x1a17);
    let mut m = vec![0u64; 1 << LOG_MEMORY];
    for w in &mut m[REGISTERS..REGISTERS + PROGRAM_WORDS] {
        *w = rng.next_u32() as u64;
    }
    m
}

/// `2^log_t` steps of rs1 read, rs2 read, rd write (x0 stays 0), one RAM load or store.
fn vm_ops(log_t: usize) -> Vec<MemoryOp> {
    let mut rng = ChaCha20Rng::seed_from_u64(0x0b5 ^ log_t as u64);
    let mut ops = Vec::with_capacity(4 << log_t);
    for _ in 0..1usize << log_t {
        let mut reg = || rng.next_u32() as usize % REGISTERS;
        ops.push((reg(), None));
        ops.push((reg(), None));
        let rd = reg();
        ops.push((rd, Some(if rd == 0 { 0 } else { rng.next_u32() as u64 })));
        let addr = REGISTERS + rng.next_u32() as usize % ((1 << LOG_MEMORY) - REGISTERS);
        let store = rng.next_u32() & 1 == 1;
        ops.push((addr, store.then(|| rng.next_u32() as u64)));
    }
    ops
}

/// `a, rv, wv, rt` (N), `fv, ft` (M), the range check's read and final counters (N).
fn read_write_polynomials(w: &ReadWriteWitness) -> Vec<MultilinearPolynomial<Fr>> {
    let (_, range_reads, range_finals) = range_check_counters(&w.read_timestamps);
    [
        &w.addresses,
        &w.read_values,
        &w.write_values,
        &w.read_timestamps,
        &w.final_values,
        &w.final_timestamps,
        &range_reads,
        &range_finals,
    ]
    .into_iter()
    .map(|v| MultilinearPolynomial::compact_from_u64s(v))
    .collect()
}

/// Every claim of a read-write check, against [`read_write_polynomials`].
fn read_write_claims(c: &ReadWriteClaims<Fr>) -> Vec<OpeningClaim<Fr>> {
    let claim = |i: usize, point: &Vec<Fr>, value: Fr| OpeningClaim {
        commitment_index: i,
        point: point.clone(),
        value,
    };
    let mut out: Vec<OpeningClaim<Fr>> = (0..4)
        .map(|i| claim(i, &c.access_point, c.access_evals[i]))
        .collect();
    out.push(claim(4, &c.final_point, c.final_evals[0]));
    out.push(claim(5, &c.final_point, c.final_evals[1]));
    out.push(claim(6, &c.access_point, c.range_count_evals[0]));
    out.push(claim(7, &c.access_point, c.range_count_evals[1]));
    out
}

fn measure_read_write(kzg: &KzgProverSetup, log_t: usize, msm_ms: f64) -> Row {
    eprintln!(
        "2^{log_t}: read-write memory checking ({} operations)…",
        4usize << log_t
    );
    let initial = initial_memory();
    let start = Instant::now();
    let w = ReadWriteWitness::from_ops(&initial, &vm_ops(log_t));
    let polys = read_write_polynomials(&w);
    let witness_ms = ms_since(start);
    let num_vars: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
    let log_n = num_vars[0];

    let start = Instant::now();
    let commitments = HyperKzg::batch_commit(kzg, &polys).expect("commit");
    let commit_ms = ms_since(start);
    eprintln!("  witness {witness_ms:.0} ms, commit {commit_ms:.0} ms");

    let mut pt = MerlinTranscript::new(b"lasso-table-rw");
    absorb_commitments(&mut pt, &commitments);
    let start = Instant::now();
    let (proof, claims) = prove_read_write::<Fr>(&initial, &w, &mut pt);
    let grand_products_ms = ms_since(start);
    drop(w);
    eprintln!("  grand products {grand_products_ms:.0} ms");

    let opening_claims = read_write_claims(&claims);
    let start = Instant::now();
    let opening = prove_openings::<HyperKzg>(kzg, &polys, &commitments, &opening_claims, &mut pt)
        .expect("open");
    let opening_ms = ms_since(start);
    drop(polys);
    eprintln!("  opening {opening_ms:.0} ms");

    let start = Instant::now();
    let vk = HyperKzg::verifier_setup(kzg);
    let initial_f: Vec<Fr> = initial.iter().map(|&x| Fr::from(x)).collect();
    let initial_mle = |r: &[Fr]| DensePolynomial::new(initial_f.clone()).evaluate(r);
    let mut vt = MerlinTranscript::new(b"lasso-table-rw");
    absorb_commitments(&mut vt, &commitments);
    let claims = verify_read_write(&proof, LOG_MEMORY, log_n, initial_mle, &mut vt)
        .expect("memory check verifies");
    verify_openings::<HyperKzg>(
        &vk,
        &commitments,
        &num_vars,
        &read_write_claims(&claims),
        &opening,
        &mut vt,
    )
    .expect("openings verify");
    let verify_ms = ms_since(start);
    Row {
        part: "read-write",
        log_t,
        msm_ms,
        witness_ms,
        commit_ms,
        sumcheck_ms: None,
        grand_products_ms,
        opening_ms,
        verify_ms,
        polys: num_vars.len(),
        claims: opening_claims.len(),
        peak_rss_mib: peak_rss_mib().unwrap_or(0),
    }
}

/// Command-line options.
struct Options {
    sizes: Vec<usize>,
    out_dir: String,
    quick: bool,
}

fn parse_args() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let mut options = Options {
        sizes: vec![16, 20],
        out_dir: String::from("bench-results"),
        quick: false,
    };
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--sizes" if i + 1 < args.len() => {
                options.sizes = args[i + 1]
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes takes numbers like 16,20"))
                    .collect();
                i += 1;
            }
            "--out" if i + 1 < args.len() => {
                options.out_dir = args[i + 1].clone();
                i += 1;
            }
            "--quick" => options.quick = true,
            "--help" | "-h" => {
                println!(
                    "usage: lasso_table [--sizes 16,20] [--quick (T = 2^10 only)] [--out DIR]"
                );
                std::process::exit(0);
            }
            other => {
                eprintln!("unknown argument {other}; see --help");
                std::process::exit(2);
            }
        }
        i += 1;
    }
    if options.quick {
        options.sizes = vec![10];
    }
    options
}

fn ratio(x: f64, msm: f64) -> String {
    format!("{:.2}", x / msm)
}

/// The machine line of the table's header, from the shared bench [`Header`].
fn machine(h: &Header) -> String {
    let mem = h.memory_gib.map_or(String::new(), |g| format!(", {g} GiB"));
    format!("{}, {} logical cores (nproc){mem}", h.cpu, h.cores)
}

/// The commit the binary ran at, shortened.
fn short_commit(h: &Header) -> String {
    h.commit.chars().take(7).collect()
}

fn main() {
    let options = parse_args();
    let threads = rayon::current_num_threads();
    let header = Header::collect(threads);
    let start = Instant::now();
    let params = rv32_surge_params::<Fr>(&LookupParams::DEFAULT);
    eprintln!(
        "Surge instance: {} memories, {} instructions ({:.0} ms to build)",
        params.memories.len(),
        params.instructions.len(),
        ms_since(start)
    );
    let mut rows = Vec::new();
    for &log_t in &options.sizes {
        // Read-write checking has 4T operations; the subtables and the memory have 2^16 cells.
        let max_vars = (log_t + 2).max(params.log_m).max(LOG_MEMORY);
        eprintln!("2^{log_t}: KZG setup (2^{max_vars} powers) and baseline MSM…");
        let setup_start = Instant::now();
        let kzg = KzgProverSetup::insecure(max_vars, 1);
        eprintln!("  setup {:.1} s", setup_start.elapsed().as_secs_f64());
        let reps = if log_t <= 20 { 3 } else { 1 };
        let msm_ms = msm_baseline_ms(&kzg.powers_g1[..1 << log_t], reps);
        eprintln!("  MSM(2^{log_t}) = {msm_ms:.1} ms");
        rows.push(measure_surge(&params, &kzg, log_t, msm_ms));
        rows.push(measure_read_write(&kzg, log_t, msm_ms));
    }

    let mut md = format!(
        "# Lasso and memory-checking prover times\n\n\
         Machine: {}. Threads: {threads}. Commit {}. Release build.\n\n\
         Command: `RAYON_NUM_THREADS={threads} cargo run --release -p jolt-benches --bin lasso_table -- --sizes {} --out {}`\n\n\
         Workloads: **surge** = T random lookups over all 37 RV32IM lookup tables, C = 4, log M = 16 \
         ({} memories, committed polynomials as in `SurgeLayout`); **read-write** = T steps × 4 operations \
         (rs1 read, rs2 read, rd write, one RAM load/store) over 2^16 words, with the timestamp range check. \
         PCS: HyperKZG. Baseline: one full-scalar BN254 G1 MSM over T distinct points, same run \
         (best of {}). Each phase ran once; ×MSM = phase time ÷ MSM(T). \"grand products\" is the \
         whole memory-checking prover (every read-only check of Surge; for read-write the multiset \
         check plus the range check); \"opening\" is the accumulator's reduction sumcheck plus one \
         batched HyperKZG opening. The prover total excludes witness generation. Every proof was verified.\n\n\
         | part | T | MSM(T) ms | witness ms | commit ms | ×MSM | primary sumcheck ms | ×MSM | grand products ms | ×MSM | opening ms | ×MSM | prover total ms | ×MSM | verify ms | polys | claims | peak RSS MiB |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
        machine(&header),
        short_commit(&header),
        options
            .sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(","),
        options.out_dir,
        params.memories.len(),
        if options.sizes.iter().all(|&s| s <= 20) { 3 } else { 1 },
    );
    let mut csv = String::from(
        "part,log_t,threads,msm_ms,witness_ms,commit_ms,sumcheck_ms,grand_products_ms,opening_ms,prover_ms,verify_ms,polys,claims,peak_rss_mib\n",
    );
    for r in &rows {
        let total = r.prover_ms();
        let (sc, sc_ratio) = match r.sumcheck_ms {
            Some(s) => (format!("{s:.0}"), ratio(s, r.msm_ms)),
            None => ("—".into(), "—".into()),
        };
        md.push_str(&format!(
            "| {} | 2^{} | {:.1} | {:.0} | {:.0} | {} | {} | {} | {:.0} | {} | {:.0} | {} | {:.0} | {} | {:.1} | {} | {} | {} |\n",
            r.part,
            r.log_t,
            r.msm_ms,
            r.witness_ms,
            r.commit_ms,
            ratio(r.commit_ms, r.msm_ms),
            sc,
            sc_ratio,
            r.grand_products_ms,
            ratio(r.grand_products_ms, r.msm_ms),
            r.opening_ms,
            ratio(r.opening_ms, r.msm_ms),
            total,
            ratio(total, r.msm_ms),
            r.verify_ms,
            r.polys,
            r.claims,
            r.peak_rss_mib,
        ));
        csv.push_str(&format!(
            "{},{},{},{:.3},{:.3},{:.3},{},{:.3},{:.3},{:.3},{:.3},{},{},{}\n",
            r.part,
            r.log_t,
            threads,
            r.msm_ms,
            r.witness_ms,
            r.commit_ms,
            r.sumcheck_ms.map_or(String::new(), |s| format!("{s:.3}")),
            r.grand_products_ms,
            r.opening_ms,
            total,
            r.verify_ms,
            r.polys,
            r.claims,
            r.peak_rss_mib,
        ));
    }
    println!("{md}");
    println!("{csv}");
    let out_dir = &options.out_dir;
    if let Err(e) = std::fs::create_dir_all(out_dir)
        .and_then(|_| std::fs::write(format!("{out_dir}/lasso.md"), &md))
        .and_then(|_| std::fs::write(format!("{out_dir}/lasso.csv"), &csv))
    {
        eprintln!("could not write {out_dir}: {e}");
        std::process::exit(1);
    }
}
