//! `jolt prove` and `jolt verify` as separate processes: the proof file from one is accepted
//! by the other (exit 0); a tampered file, another program or garbage is rejected (exit 1
//! with a message, never a panic).

use std::path::PathBuf;
use std::process::{Command, Output};

fn guest(relative: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../guests")
        .join(relative)
        .to_string_lossy()
        .into_owned()
}

fn jolt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(args)
        .output()
        .expect("jolt runs")
}

fn temp(name: &str) -> String {
    std::env::temp_dir()
        .join(format!("jolt-prove-test-{}-{name}", std::process::id()))
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn prove_then_verify_in_separate_processes() {
    let input = temp("input");
    std::fs::write(&input, b"proofs").unwrap();
    for pcs in ["hyperkzg", "zeromorph", "hyrax"] {
        let proof = temp(&format!("echo-{pcs}.proof"));
        let echo = guest("src/echo.elf");
        let o = jolt(&[
            "prove", &echo, "--input", &input, "--pcs", pcs, "--log-m", "8", "-o", &proof, "--json",
        ]);
        assert!(o.status.success(), "prove {pcs}: {}", text(&o.stderr));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["exit_code"], 6);
        assert_eq!(report["output_text"], "Hello, proofs!");
        assert_eq!(report["verified"], true);
        for key in ["cycles", "proof_bytes", "prove_ms", "verify_ms"] {
            assert!(report[key].is_number(), "{key} in {report}");
        }

        let o = jolt(&["verify", &echo, &proof, "--json"]);
        assert!(o.status.success(), "verify {pcs}: {}", text(&o.stderr));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["verified"], true);
        assert_eq!(report["exit_code"], 6);
        assert_eq!(report["pcs"], pcs);

        // The same proof for another program is rejected.
        let o = jolt(&["verify", &guest("src/fib.elf"), &proof]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
        assert!(text(&o.stdout).contains("REJECTED"));

        // A flipped byte in the middle: rejected or unreadable, exit 1, no panic.
        let mut bytes = std::fs::read(&proof).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        let bad = temp(&format!("bad-{pcs}.proof"));
        std::fs::write(&bad, &bytes).unwrap();
        let o = jolt(&["verify", &echo, &bad]);
        assert_eq!(o.status.code(), Some(1));
        assert!(!text(&o.stderr).contains("panicked"), "{}", text(&o.stderr));
    }
}

#[test]
fn garbage_and_truncated_proof_files_fail_cleanly() {
    let echo = guest("src/echo.elf");
    for (name, bytes) in [
        ("empty", Vec::new()),
        ("garbage", vec![0xab; 1000]),
        ("magic-only", b"JOLTPRF\0\x01\0\0\0".to_vec()),
    ] {
        let path = temp(name);
        std::fs::write(&path, &bytes).unwrap();
        let o = jolt(&["verify", &echo, &path]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = text(&o.stderr);
        assert!(
            err.contains("error:") && !err.contains("panicked"),
            "{name}: {err}"
        );
    }
    let o = jolt(&["verify", &echo, &temp("does-not-exist")]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn explain_prints_a_decomposition() {
    let o = jolt(&["explain", "div"]);
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("DIV"), "{}", text(&o.stdout));
    let o = jolt(&["explain", "frobnicate"]);
    assert_eq!(o.status.code(), Some(1));
}
