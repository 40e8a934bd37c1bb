use super::*;
use crate::guests;
use crate::vm::{LayoutConfig, Program, RunOptions};
use commitments::HyperKzg;
use instructions::LookupParams;

fn preprocess(elf: &[u8]) -> JoltPreprocessing<HyperKzg> {
    let program = Program::load(elf, &LayoutConfig::default()).unwrap();
    JoltPreprocessing::new(program, LookupParams::DEFAULT, 14, 7)
}

#[test]
fn fib_proves_and_verifies_with_both_backends() {
    let pre = preprocess(guests::FIB_ELF);
    let input = 10u32.to_le_bytes();
    for backend in Backend::ALL {
        let (io, proof, _) = prove(&pre, &input, &RunOptions::default(), backend, &Silent).unwrap();
        assert_eq!(proof.backend(), backend);
        assert_eq!(verify(&pre, &io, &proof), Ok(()), "{backend}");
    }
}

fn witness_of(pre: &JoltPreprocessing<HyperKzg>, input: &[u8]) -> JoltWitness {
    let trace = crate::vm::trace(&pre.program, input, &RunOptions::default()).unwrap();
    let initial = crate::vm::Memory::initial(&pre.program, input)
        .unwrap()
        .words;
    generate_witness(&pre.params, &pre.table, &pre.regions, &initial, &trace)
}

#[test]
fn honest_witness_satisfies_the_constraints() {
    for (name, elf) in guests::EXAMPLES {
        let pre = preprocess(elf);
        let w = witness_of(&pre, &[]);
        assert_eq!(pre.constraints.check_witness(&w), Ok(()), "{name}");
    }
}

#[test]
fn cpu_constraint_counts_match_the_module_doc() {
    let pre = preprocess(guests::FIB_ELF);
    let r1cs = &pre.constraints.r1cs;
    println!(
        "regions {}, constraints {}, columns {}, next-step columns {:?}",
        pre.regions.len(),
        r1cs.num_constraints(),
        r1cs.num_columns(),
        r1cs.next_step_columns().len()
    );
    // fib's code starts at the program base: input, output, code, RAM above the code.
    let regions = pre.regions.len();
    assert_eq!(regions, 4);
    assert_eq!(
        (
            r1cs.num_constraints(),
            r1cs.num_columns(),
            r1cs.next_step_columns().len()
        ),
        (36 + regions, 89 + regions, 4)
    );
}

#[test]
fn cpu_constraint_labels_are_unique() {
    // The constraint-guard test drops constraints one at a time by label.
    let pre = preprocess(guests::FIB_ELF);
    let r1cs = &pre.constraints.r1cs;
    for c in &r1cs.constraints {
        assert!(r1cs.constraint_index(c.label).is_some(), "{:?}", c.label);
    }
}

/// Prints the resident set at each stage start (for `backend_timing`).
struct RssProgress;

impl Progress for RssProgress {
    fn stage(&self, name: &'static str) {
        let kib = |f| resources::proc_field_kib("/proc/self/status", f).unwrap_or(0) >> 10;
        println!(
            "  [{name}] rss {} MiB, peak {} MiB",
            kib("VmRSS"),
            kib("VmHWM")
        );
    }
}

/// Stage timings and proof sizes of both backends on fib (`JOLT_FIB_N`, default 3000):
/// `cargo test --release -p jolt-core --lib backend_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn backend_timing() {
    let n: u32 = std::env::var("JOLT_FIB_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    // JOLT_GUEST=sha256 proves the SHA-256 chain of length JOLT_FIB_N instead (162 ≈ 2^20).
    let elf = match std::env::var("JOLT_GUEST").as_deref() {
        Ok("sha256") => guests::SHA256_ELF,
        _ => guests::FIB_ELF,
    };
    let program = Program::load(elf, &LayoutConfig::default()).unwrap();
    let input = n.to_le_bytes();
    let only: Option<Backend> = std::env::var("JOLT_BACKEND")
        .ok()
        .and_then(|v| v.parse().ok());
    for backend in Backend::ALL
        .into_iter()
        .filter(|b| only.is_none_or(|o| o == *b))
    {
        let run = preprocess_and_prove_within::<HyperKzg>(
            program.clone(),
            &input,
            LookupParams::DEFAULT,
            &RunOptions::default(),
            backend,
            ProverKey::InsecureDev(7),
            MemoryLimit::Detect,
            &RssProgress,
        )
        .unwrap();
        RssProgress.stage("done");
        let start = std::time::Instant::now();
        assert_eq!(verify(&run.preprocessing, &run.io, &run.proof), Ok(()));
        let verify_time = start.elapsed();
        let log_t = run.proof.log_t() as usize;
        let msm = crate::bench::msm_baseline_ms(&crate::bench::distinct_points(1 << log_t), 1);
        let total = run.timings.total().as_secs_f64() * 1e3;
        println!(
            "{backend}: 2^{log_t} steps, total {total:.0} ms = {:.1} x MSM ({msm:.0} ms), verify {:?}\n  {:?}\n  {:?}",
            total / msm,
            verify_time,
            run.timings,
            run.proof.proof_bytes()
        );
    }
}
