//! `jolt run` as a process: exit status 0 whenever the guest halts (whatever its exit
//! code), a message and status 1 on any load or runtime error, never a panic.

use std::path::PathBuf;
use std::process::{Command, Output};

fn guest(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../guests")
        .join(relative)
}

fn jolt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(args)
        .output()
        .expect("jolt runs")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("jolt-cli-test-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn run_prints_exit_code_output_cycles_and_mix() {
    let o = jolt(&["run", guest("src/echo.elf").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("exit code    0"), "{text}");
    assert!(text.contains("48656c6c6f2c20776f726c6421"), "{text}");
    assert!(text.contains("\"Hello, world!\""), "{text}");
    assert!(text.contains("RISC-V instructions"), "{text}");
    assert!(text.contains("trace steps"), "{text}");
    assert!(
        text.contains("instruction mix:") && text.contains("ecall"),
        "{text}"
    );
}

#[test]
fn run_json_has_exit_code_and_cycles() {
    let input = temp_file("name", b"Bob");
    let o = jolt(&[
        "run",
        guest("src/echo.elf").to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["exit_code"], 3);
    assert_eq!(v["output_text"], "Hello, Bob!");
    assert!(v["cycles"].as_u64().unwrap() > 0);
    assert!(v["trace_steps"].as_u64().unwrap() >= v["cycles"].as_u64().unwrap());
    assert!(v["instruction_mix"]["ecall"] == 1);
}

#[test]
fn a_nonzero_guest_exit_code_is_still_success() {
    let input = temp_file("long", &[b'x'; 300]);
    let o = jolt(&[
        "run",
        guest("src/echo.elf").to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["exit_code"], 300);
}

#[test]
fn errors_exit_nonzero_with_a_message_and_no_panic() {
    let garbage = temp_file("garbage", b"definitely not an ELF file");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![garbage.display().to_string()], "not an ELF file"),
        (vec!["/nonexistent/program.elf".into()], "cannot read"),
        (
            vec![
                guest("src/fib.elf").display().to_string(),
                "--max-cycles".into(),
                "100".into(),
            ],
            "cycle limit of 100",
        ),
        (
            vec![
                guest("conformance/selftest_fail.elf").display().to_string(),
                "--memory-size".into(),
                "16".into(),
            ],
            "exceeds memory size",
        ),
    ];
    for (args, message) in cases {
        let mut full = vec!["run"];
        full.extend(args.iter().map(String::as_str));
        let o = jolt(&full);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.starts_with("error: ") && err.contains(message),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn dump_symbol_prints_a_named_symbol_from_final_memory() {
    // the sorted array of `sort`: its first word is the reported minimum
    let input = temp_file("sort-input", &[5, 0, 0, 0, 9, 0, 0, 0]);
    let o = jolt(&[
        "run",
        guest("src/sort.elf").to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
        "--dump-symbol",
        "values",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let values = v["symbols"]["values"].as_str().unwrap();
    assert_eq!(values.len(), 2 * 4 * 1024, "the whole 1024-word array");
    let output = v["output_hex"].as_str().unwrap();
    assert_eq!(
        &values[..8],
        &output[..8],
        "first sorted word = reported minimum"
    );

    let o = jolt(&[
        "run",
        guest("src/sort.elf").to_str().unwrap(),
        "--dump-symbol",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no symbol \"nope\""));
}
