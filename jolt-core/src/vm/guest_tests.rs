//! The committed guests and conformance programs, run through the emulator.
//!
//! Expected exit codes and outputs come from `guests/expected.tsv`, which `build.sh`
//! writes by running a native (gcc) build of the same C sources, and from the
//! conformance programs' own checks (expected values computed by `gen.py` from the
//! spec). Nothing here is computed by the emulator under test.

use std::path::PathBuf;

use instructions::{decode, Opcode};

use super::{run, CodeSlot, LayoutConfig, Program, RunOptions, RunSummary};

fn guests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../guests")
}

fn read_guest_file(relative: &str) -> Vec<u8> {
    let path = guests_dir().join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line of `expected.tsv`.
pub(crate) struct Expected {
    pub guest: String,
    pub input: Vec<u8>,
    pub exit_code: u32,
    pub output: Vec<u8>,
}

fn unhex(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

pub(crate) fn expected_runs() -> Vec<Expected> {
    let table = String::from_utf8(read_guest_file("expected.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 4, "bad line in expected.tsv: {line}");
            Expected {
                guest: f[0].to_string(),
                input: unhex(f[1]),
                exit_code: f[2].parse().unwrap(),
                output: unhex(f[3]),
            }
        })
        .collect()
}

pub(crate) fn load_guest(name: &str) -> Program {
    let elf = read_guest_file(&format!("src/{name}.elf"));
    Program::load(&elf, &LayoutConfig::default()).unwrap()
}

fn run_default(program: &Program, input: &[u8]) -> RunSummary {
    run(program, input, &RunOptions::default()).unwrap()
}

#[test]
fn guests_match_their_native_builds() {
    let runs = expected_runs();
    assert!(runs.len() >= 20);
    for case in runs {
        let program = load_guest(&case.guest);
        let summary = run_default(&program, &case.input);
        assert_eq!(
            summary.exit_code, case.exit_code,
            "{} on {:02x?}",
            case.guest, case.input
        );
        assert_eq!(
            summary.output, case.output,
            "{} on {:02x?}",
            case.guest, case.input
        );
    }
}

#[test]
fn sha256_of_abc_is_the_fips_180_2_example() {
    // FIPS 180-2, Appendix B.1: SHA-256("abc")
    let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    let summary = run_default(&load_guest("sha256"), b"\x01\x00\x00\x00abc");
    assert_eq!(summary.output, unhex(expected));
}

#[test]
fn fibonacci_wraps_modulo_2_32() {
    // F(n) mod 2^32 by an independent recurrence in u64
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..1000 {
        (a, b) = (b, (a + b) % (1 << 32));
    }
    let summary = run_default(&load_guest("fib"), &1000u32.to_le_bytes());
    assert_eq!(summary.output, (a as u32).to_le_bytes());
}

#[test]
fn rust_template_guest_runs() {
    let elf = read_guest_file("rust-template/guest.elf");
    let program = Program::load(&elf, &LayoutConfig::default()).unwrap();
    // the template is the Rust twin of fib.c: same inputs, same expected outputs
    for case in expected_runs().iter().filter(|c| c.guest == "fib") {
        let summary = run_default(&program, &case.input);
        assert_eq!(
            (summary.exit_code, &summary.output),
            (case.exit_code, &case.output)
        );
    }
}

/// The conformance program names: one per RV32IM instruction (+ FENCE).
fn conformance_programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(guests_dir().join("conformance"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".elf").map(str::to_string)
        })
        .filter(|n| n != "selftest_fail")
        .collect();
    names.sort();
    names
}

#[test]
fn every_rv32im_instruction_has_a_conformance_program() {
    let names = conformance_programs();
    for op in Opcode::ALL {
        if matches!(op, Opcode::Ecall | Opcode::Ebreak) {
            continue; // the exit ecall ends every program; ebreak is an error (tested there)
        }
        assert!(
            names.iter().any(|n| n == op.mnemonic()),
            "no conformance program for {op:?}"
        );
    }
}

#[test]
fn conformance_programs_pass() {
    for name in conformance_programs() {
        let elf = read_guest_file(&format!("conformance/{name}.elf"));
        let program = Program::load(&elf, &LayoutConfig::default()).unwrap();
        let summary = run(&program, &[], &RunOptions::default()).unwrap();
        assert_eq!(
            summary.exit_code, 0,
            "{name}: case {} failed",
            summary.exit_code
        );
    }
}

#[test]
fn a_failing_conformance_case_is_reported_by_number() {
    let elf = read_guest_file("conformance/selftest_fail.elf");
    let program = Program::load(&elf, &LayoutConfig::default()).unwrap();
    assert_eq!(run_default(&program, &[]).exit_code, 3);
}

#[test]
fn committed_elfs_are_pure_rv32im() {
    let mut files: Vec<String> = super::super::guests::EXAMPLES
        .iter()
        .map(|(name, _)| format!("src/{name}.elf"))
        .collect();
    files.extend(
        conformance_programs()
            .iter()
            .map(|n| format!("conformance/{n}.elf")),
    );
    files.push("conformance/selftest_fail.elf".into());
    files.push("rust-template/guest.elf".into());
    for file in files {
        let elf = super::ElfProgram::parse(&read_guest_file(&file)).unwrap();
        let mut words = 0;
        for segment in elf.segments.iter().filter(|s| s.executable) {
            assert_eq!(
                segment.data.len() % 4,
                0,
                "{file}: code size not a multiple of 4"
            );
            assert_eq!(
                segment.data.len(),
                segment.mem_size as usize,
                "{file}: code with bss"
            );
            for (i, w) in segment.data.chunks_exact(4).enumerate() {
                let word = u32::from_le_bytes(w.try_into().unwrap());
                let pc = segment.vaddr + 4 * i as u32;
                assert!(
                    decode(word).is_ok(),
                    "{file}: {word:#010x} at {pc:#x} is not RV32IM"
                );
                words += 1;
            }
        }
        assert!(words > 0, "{file}: no code");
        let program = Program::load(&read_guest_file(&file), &LayoutConfig::default()).unwrap();
        assert!(
            program
                .code()
                .iter()
                .all(|s| matches!(s, CodeSlot::Instruction(_))),
            "{file}"
        );
    }
}
