//! Computes, from the real proof types, the figures the paper notes set next to the papers'
//! published ones: grand-product proof sizes per layer count, memory-checking proof sizes,
//! committed polynomials per lookup in the RV32IM Surge instance, and uniform-Spartan proof
//! sizes. Sizes are measured by serializing real proofs (`compressed_size`), field-element
//! counts by walking them. Prints Markdown and writes `paper-notes/results/sizes.md`.
//!
//! ```sh
//! cargo run --release --manifest-path paper-notes/measure/Cargo.toml
//! ```

use ark_bn254::Fr;
use ark_serialize::CanonicalSerialize;
use instructions::{LookupId, LookupParams};
use jolt_core::lasso::{prove_surge, rv32_memories, rv32_surge_params, SurgeWitness};
use jolt_core::memory_checking::{
    prove_read_only, prove_read_write, ReadOnlyWitness, ReadWriteWitness,
};
use jolt_core::r1cs::{prove_uniform_r1cs, LinearCombination, UniformR1csBuilder, Variable};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::time::Instant;
use sumcheck::{
    prove_grand_product, GrandProductProof, MerlinTranscript, MultilinearPolynomial, SumcheckProof,
    Transcript,
};

fn sumcheck_elems(p: &SumcheckProof<Fr>) -> usize {
    p.round_polys
        .iter()
        .map(|r| r.coeffs_except_linear.len())
        .sum()
}

fn gp_elems(p: &GrandProductProof<Fr>) -> usize {
    p.layers
        .iter()
        .map(|l| sumcheck_elems(&l.sumcheck) + l.claims.len())
        .sum()
}

fn grand_products(out: &mut String) {
    writeln!(
        out,
        "## Grand product (GKR over a binary tree of multiplications)\n"
    )
    .unwrap();
    writeln!(
        out,
        "`m` vectors of `2^n` leaves, one batched proof. Paper (PAZK §4.6 / Thaler 2013 §5.3.1, \
         one tree per vector, round polynomials sent as 4 evaluations, layer `k` a `k`-round \
         sumcheck plus `2m` claims): `Σ_k (4k + 2m) = 2n(n−1) + 2mn` field elements. Ours \
         stacks the vectors into one tree (`b = ⌈log m⌉` extra top variables, compressed rounds \
         of 3): layer `k` is a `(b + k)`-round sumcheck plus 2 claims, the leaf layer `2m`: \
         `3bn + 3n(n−1)/2 + 2(n−1) + 2m`.\n"
    )
    .unwrap();
    writeln!(
        out,
        "| n | m | layers | paper (Fr) | ours, formula (Fr) | ours, measured (Fr) | bytes |"
    )
    .unwrap();
    writeln!(out, "|---|---|---|---|---|---|---|").unwrap();
    for (n, m) in [(10usize, 1usize), (16, 2), (20, 2), (20, 8)] {
        let leaves: Vec<Fr> = (0..m as u64)
            .flat_map(|i| (0..1u64 << n).map(move |j| Fr::from(j + 1 + i * 7)))
            .collect();
        let mut t = MerlinTranscript::new(b"measure");
        let (_, proof, _) = prove_grand_product(leaves, m, &mut t);
        let paper = 2 * n * (n - 1) + 2 * m * n;
        let b = m.next_power_of_two().trailing_zeros() as usize;
        let ours = 3 * b * n + 3 * n * (n - 1) / 2 + 2 * (n - 1) + 2 * m;
        writeln!(
            out,
            "| {n} | {m} | {} | {paper} | {ours} | {} | {} |",
            proof.layers.len(),
            gp_elems(&proof),
            proof.compressed_size()
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

fn memory_checking(out: &mut String) {
    writeln!(out, "## Offline memory checking\n").unwrap();
    writeln!(
        out,
        "Read-only: a table of `M = 2^log_m` cells read `T = 2^log_t` times. Committed: `a, v, c` \
         (`T` entries each) and `f` (`M`). Proof: 4 products, two batched (m = 2) grand \
         products, 4 evaluations.\n"
    )
    .unwrap();
    writeln!(
        out,
        "| log M | log T | committed per read | committed per cell | proof (Fr) | proof bytes |"
    )
    .unwrap();
    writeln!(out, "|---|---|---|---|---|---|").unwrap();
    for (log_m, log_t) in [(8usize, 10usize), (16, 16), (16, 20)] {
        let table: Vec<Fr> = (0..1u64 << log_m).map(|v| Fr::from(v * 3 + 1)).collect();
        let addresses: Vec<usize> = (0..1usize << log_t)
            .map(|t| (t * 7919) % (1 << log_m))
            .collect();
        let w = ReadOnlyWitness::honest(&table, &addresses);
        let mut t = MerlinTranscript::new(b"measure");
        let (p, _) = prove_read_only(&table, &w, &mut t);
        let elems = p.table_products.len()
            + p.access_products.len()
            + gp_elems(&p.table_proof)
            + gp_elems(&p.access_proof)
            + p.access_evals.len()
            + 1;
        writeln!(
            out,
            "| {log_m} | {log_t} | 3 | 1 | {elems} | {} |",
            p.compressed_size()
        )
        .unwrap();
    }
    writeln!(
        out,
        "\nRead-write: `M` cells, `N` operations. Committed: `a, rv, wv, rt` (`N` each), `fv, ft` \
         (`M` each), and the range check's two counter vectors (`N` each); write timestamps \
         and the range check's addresses/values are derived, not committed. Proof: 8 products, one \
         grand product over the two size-`M` vectors, one over the six size-`N` vectors (the \
         range check stacked with the accesses), 8 evaluations.\n"
    )
    .unwrap();
    writeln!(
        out,
        "| log M | log N | committed per op | committed per cell | proof (Fr) | proof bytes |"
    )
    .unwrap();
    writeln!(out, "|---|---|---|---|---|---|").unwrap();
    for (log_m, log_n) in [(6usize, 10usize), (10, 16), (12, 20)] {
        let initial: Vec<u64> = (0..1u64 << log_m).collect();
        let ops: Vec<(usize, Option<u64>)> = (0..1usize << log_n)
            .map(|i| {
                let a = (i * 40503) % (1 << log_m);
                (a, if i % 3 == 0 { Some(i as u64) } else { None })
            })
            .collect();
        let w = ReadWriteWitness::from_ops(&initial, &ops);
        let mut t = MerlinTranscript::new(b"measure");
        let (p, _) = prove_read_write::<Fr>(&initial, &w, &mut t);
        let elems = p.memory_products.len()
            + p.access_products.len()
            + gp_elems(&p.memory_proof)
            + gp_elems(&p.access_proof)
            + p.access_evals.len()
            + p.final_evals.len();
        writeln!(
            out,
            "| {log_m} | {log_n} | 6 | 2 | {elems} | {} |",
            p.compressed_size()
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

fn surge(out: &mut String) {
    writeln!(out, "## Surge: the RV32IM lookup instance\n").unwrap();
    writeln!(
        out,
        "Lasso's headline (one decomposable table, `c` memories): the prover commits to \
         `3·c·m + c·n^(1/c)` field elements for `m` lookups into a table of size `n`, i.e. `3c` per \
         lookup (`dim`, `E`, read counter of each memory) plus `c·M` final counters. Here one \
         instance serves all lookups: `α` memories `(subtable, chunk)`, `F` flags. Committed per \
         lookup, with counters kept per memory as in `prove_surge`: `C` dims + `α` values + `F` \
         flags + 1 output + `α` read counters; per table cell: `α` final counters. Because a \
         memory's counters depend only on its chunk, one counter pair per chunk suffices \
         (`C` read counters per lookup, `C·M` final counters): the second figure.\n"
    )
    .unwrap();
    writeln!(
        out,
        "| C | log M | subtables | memories α | flags F | max deg g | committed per lookup (counters per memory / per chunk) | table-sized entries, α·M / C·M | Lasso 3c per lookup | proof bytes, T = 2^10 |"
    )
    .unwrap();
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|").unwrap();
    for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
        let c = p.c();
        let memories = rv32_memories(&p);
        let alpha = memories.len();
        let tables: BTreeSet<_> = memories.iter().map(|&(s, _)| s).collect();
        let f = LookupId::ALL.len();
        let deg = LookupId::ALL
            .iter()
            .map(|id| id.g_degree(&p))
            .max()
            .unwrap_or(1);
        let per_memory = c + alpha + f + 1 + alpha;
        let per_chunk = c + alpha + f + 1 + c;
        let params = rv32_surge_params::<Fr>(&p);
        let log_t = 10;
        let t = 1usize << log_t;
        let w = SurgeWitness {
            dims: vec![vec![0usize; t]; c],
            flags: vec![vec![false; t]; f],
            outputs: vec![Fr::from(0u64); t],
        };
        let mut tr = MerlinTranscript::new(b"measure");
        let (proof, _) = prove_surge(&params, &w, &mut tr);
        writeln!(
            out,
            "| {c} | {} | {} | {alpha} | {f} | {deg} | {per_memory} / {per_chunk} | {} / {} | {} | {} |",
            p.log_m(),
            tables.len(),
            alpha * p.m(),
            c * p.m(),
            3 * c,
            proof.compressed_size()
        )
        .unwrap();
    }
    writeln!(
        out,
        "\nBit widths of the `α` committed value columns `E_α` (the largest entry of the \
         memory's subtable), which set their pay-per-bit commitment cost:\n"
    )
    .unwrap();
    writeln!(
        out,
        "| C | log M | ≤ 1 bit | ≤ 8 bits | ≤ 16 bits | ≤ 32 bits | > 32 bits |"
    )
    .unwrap();
    writeln!(out, "|---|---|---|---|---|---|---|").unwrap();
    for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
        let mut hist = [0usize; 5];
        for (s, _) in rv32_memories(&p) {
            let max = s.materialize(p.log_m()).into_iter().max().unwrap_or(0);
            let bits = 64 - max.leading_zeros();
            let bucket = match bits {
                0..=1 => 0,
                2..=8 => 1,
                9..=16 => 2,
                17..=32 => 3,
                _ => 4,
            };
            hist[bucket] += 1;
        }
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.c(),
            p.log_m(),
            hist[0],
            hist[1],
            hist[2],
            hist[3],
            hist[4]
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

fn spartan(out: &mut String) {
    writeln!(out, "## Uniform Spartan\n").unwrap();
    writeln!(
        out,
        "A toy uniform system with `J` columns, `K` constraints and one column read at the next \
         step, over `T` steps. Ours: outer zero-check `log T` rounds of degree 3 (3 Fr each, \
         compressed) + `J` column evaluations + `|next|` shifted evaluations + shift sumcheck \
         `log T` rounds of degree 2 (2 Fr each) + `|next|` evaluations. Spartan on the same \
         system as one flat R1CS (`T·K` rows, `T·J` columns): outer `log(T·K)` rounds of degree 3, \
         inner `log(T·J)` rounds of degree 2 (4 and 3 Fr per round as sent in the paper), \
         `Ãz, B̃z, C̃z, z̃(r_y)`, plus SPARK's proof for `Ã, B̃, C̃`, which the uniform version \
         does not need.\n"
    )
    .unwrap();
    writeln!(out, "| J | K | log T | ours, formula (Fr) | ours, measured bytes | flat Spartan sumchecks (Fr, without SPARK) |").unwrap();
    writeln!(out, "|---|---|---|---|---|---|").unwrap();
    let mut b = UniformR1csBuilder::new();
    let x = b.column("x");
    let inc = b.column("inc");
    let last = b.column("last");
    b.constrain_binary("inc is a bit", inc);
    b.constrain_binary("last is a bit", last);
    let not_last = LinearCombination::constant(1) - last;
    b.constrain_eq_if(
        "x advances by inc",
        not_last,
        Variable::Next(x.column()),
        LinearCombination::from(x) + inc,
    );
    let r1cs = b.build();
    let (j, k, next) = (
        r1cs.num_columns(),
        r1cs.num_constraints(),
        r1cs.next_step_columns().len(),
    );
    for log_t in [10usize, 16, 20] {
        let t = 1usize << log_t;
        let cols: Vec<MultilinearPolynomial<Fr>> = (0..j)
            .map(|_| MultilinearPolynomial::dense(vec![Fr::from(0u64); t]))
            .collect();
        let mut tr = MerlinTranscript::new(b"measure");
        let (proof, _) = prove_uniform_r1cs(&r1cs, &cols, &mut tr);
        let ours = 3 * log_t + j + next + 2 * log_t + next;
        let measured = sumcheck_elems(&proof.outer)
            + proof.column_evals.len()
            + proof.shifted_evals.len()
            + sumcheck_elems(&proof.shift)
            + proof.shift_column_evals.len();
        assert_eq!(
            ours, measured,
            "the formula counts the proof's field elements"
        );
        let log_tk = log_t + (k as f64).log2().ceil() as usize;
        let log_tj = log_t + (j as f64).log2().ceil() as usize;
        let flat = 4 * log_tk + 3 * log_tj + 4;
        writeln!(
            out,
            "| {j} | {k} | {log_t} | {ours} | {} | {flat} |",
            proof.compressed_size()
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

fn jolt(out: &mut String) {
    use ark_std::UniformRand;
    use commitments::{CommitmentScheme, HyperKzg};
    use jolt_core::vm::{LayoutConfig, Memory, Program, RunOptions};
    use jolt_core::zkvm::{generate_witness, prove, verify, Backend, JoltPreprocessing, Silent};
    use rand_chacha::rand_core::SeedableRng;

    writeln!(out, "## Jolt: the whole proof on a guest\n").unwrap();
    let n: u32 = std::env::var("MEASURE_FIB_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let program = Program::load(jolt_core::guests::FIB_ELF, &LayoutConfig::default())
        .expect("the fib guest loads");
    let input = n.to_le_bytes();
    let trace = jolt_core::vm::trace(&program, &input, &RunOptions::default()).expect("fib runs");
    let steps = trace.steps.len();
    let log_t = (steps + 1).next_power_of_two().max(8).trailing_zeros() as usize;
    let pre: JoltPreprocessing<HyperKzg> =
        JoltPreprocessing::new(program, LookupParams::DEFAULT, log_t, 7);
    let initial = Memory::initial(&pre.program, &input)
        .expect("initial memory")
        .words;
    let w = generate_witness(&pre.params, &pre.table, &pre.regions, &initial, &trace);
    let layout = &pre.layout;
    let t = 1usize << log_t;

    // Committed polynomials by length, and the per-step ones by bit width.
    let mut by_len: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut hist = [0usize; 5];
    for col in &w.columns {
        *by_len.entry(col.len()).or_default() += 1;
        if col.len() == t {
            let bits = 64 - col.iter().copied().max().unwrap_or(0).leading_zeros();
            hist[match bits {
                0..=1 => 0,
                2..=8 => 1,
                9..=16 => 2,
                17..=32 => 3,
                _ => 4,
            }] += 1;
        }
    }
    // Per step: every polynomial of length T (layout order: all T-long columns first, the
    // region and timestamp counters split into T-long columns last); the rest (M words, the
    // bytecode table, the subtables) does not grow with T.
    let per_step = layout.final_values;
    let fixed: usize = w.columns[layout.final_values..].iter().map(Vec::len).sum();
    assert_eq!(
        layout.ts_final_counts + 4,
        layout.final_values,
        "layout order"
    );
    writeln!(
        out,
        "Guest `fib` with n = {n}: {steps} steps, padded to T = 2^{log_t}; (C, log M) = (4, 16); \
         {} committed polynomials in all. Lengths (entries × polynomials): {}.\n",
        layout.total,
        by_len
            .iter()
            .map(|(len, count)| format!("{len} × {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    writeln!(
        out,
        "- committed field elements per step (the polynomials of length T): **{per_step}**; plus {fixed} entries of size M, the bytecode table and \
         the subtables, independent of T ({:.1} per step at this T);",
        fixed as f64 / t as f64
    )
    .unwrap();
    writeln!(
        out,
        "- the {} length-T polynomials by bit width: ≤ 1: {}, ≤ 8: {}, ≤ 16: {}, ≤ 32: {}, > 32: {};",
        hist.iter().sum::<usize>(),
        hist[0],
        hist[1],
        hist[2],
        hist[3],
        hist[4]
    )
    .unwrap();

    // Commit cost in units of one full-scalar MSM of size T (the papers' "field elements
    // committed per step", weighted by what each costs to commit).
    let polys = w.polynomials::<Fr>();
    let best = |f: &mut dyn FnMut()| {
        (0..3)
            .map(|_| {
                let s = Instant::now();
                f();
                s.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
    let random = MultilinearPolynomial::dense((0..t).map(|_| Fr::rand(&mut rng)).collect());
    let msm = best(&mut || {
        HyperKzg::commit(&pre.setup, &random).expect("commit");
    });
    let split = layout.final_values;
    let stepwise = best(&mut || {
        HyperKzg::batch_commit(&pre.setup, &polys[..split]).expect("commit");
    });
    let rest = best(&mut || {
        HyperKzg::batch_commit(&pre.setup, &polys[split..]).expect("commit");
    });
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into());
    writeln!(
        out,
        "- commit cost (HyperKZG, pay-per-bit), in units of one full-scalar MSM of size T \
         ({:.1} ms here): the per-step polynomials **{:.2}**, the T-independent ones {:.2} more \
         (threads: {threads}; best of 3; a machine-dependent ratio). The first number is what the \
         papers call \"committed 256-bit field elements per step\".\n",
        msm * 1e3,
        stepwise / msm,
        rest / msm
    )
    .unwrap();

    let (io, proof, timings) =
        // The Lasso/Spice backend: the witness layout measured above is its own.
        prove(
            &pre,
            &input,
            &RunOptions::default(),
            Backend::LassoSpice,
            &Silent,
        )
        .expect("fib proves");
    let verify_start = Instant::now();
    verify(&pre, &io, &proof).expect("the proof verifies");
    let verify_ms = verify_start.elapsed().as_secs_f64() * 1e3;
    let sizes = proof.proof_bytes();
    writeln!(out, "| part | proof bytes | prove (ms) |").unwrap();
    writeln!(out, "|---|---|---|").unwrap();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    for (part, bytes, time) in [
        ("commitments", sizes.commitments, ms(timings.commit)),
        ("bytecode", sizes.bytecode, ms(timings.bytecode)),
        ("instruction lookups", sizes.lookups, ms(timings.lookups)),
        (
            "registers + RAM (incl. output and region checks)",
            sizes.memory,
            ms(timings.memory),
        ),
        ("R1CS", sizes.r1cs, ms(timings.r1cs)),
        ("batched opening", sizes.opening, ms(timings.opening)),
    ] {
        writeln!(out, "| {part} | {bytes} | {time:.0} |").unwrap();
    }
    writeln!(
        out,
        "| total (incl. trace {:.0} ms, witness {:.0} ms) | {} | {:.0} |\n\nVerify: {verify_ms:.0} ms.\n",
        ms(timings.trace),
        ms(timings.witness),
        sizes.total,
        ms(timings.total())
    )
    .unwrap();
    let r1cs = &pre.constraints.r1cs;
    let (j, k, next) = (
        r1cs.num_columns(),
        r1cs.num_constraints(),
        r1cs.next_step_columns().len(),
    );
    writeln!(
        out,
        "CPU constraints: J = {j} columns, K = {k} constraints, {next} read at the next step. \
         Uniform Spartan at log T = {log_t}: {} Fr by the formula of the Spartan section, {} \
         bytes measured; a flat Spartan's two sumchecks alone would be {} Fr.\n",
        5 * log_t + j + 2 * next,
        proof
            .as_lasso()
            .expect("proved with Lasso/Spice")
            .r1cs
            .compressed_size(),
        4 * (log_t + (k as f64).log2().ceil() as usize)
            + 3 * (log_t + (j as f64).log2().ceil() as usize)
            + 4
    )
    .unwrap();
}

fn main() {
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    let mut out = String::new();
    writeln!(out, "# Computed proof sizes and committed elements\n").unwrap();
    writeln!(
        out,
        "Generated by `cargo run --release --manifest-path paper-notes/measure/Cargo.toml` at \
         commit {commit}. Sizes are `compressed_size()` of real proofs (BN254: 32 bytes per Fr \
         plus 8-byte length prefixes); they do not depend on the machine. The papers' figures \
         are next to ours; the notes discuss the differences.\n"
    )
    .unwrap();
    grand_products(&mut out);
    memory_checking(&mut out);
    surge(&mut out);
    spartan(&mut out);
    jolt(&mut out);
    print!("{out}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../results/sizes.md");
    std::fs::write(path, &out).expect("writing paper-notes/results/sizes.md");
    eprintln!("wrote {path}");
}
