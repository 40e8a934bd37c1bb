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

        let o = jolt(&["verify", &echo, &proof, "--log-m", "8", "--json"]);
        assert!(o.status.success(), "verify {pcs}: {}", text(&o.stderr));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["verified"], true);
        assert_eq!(report["exit_code"], 6);
        assert_eq!(report["pcs"], pcs);
        // The verifier knows only the padded length, and names it so.
        assert_eq!(
            report["padded_steps"],
            1u64 << report["log2_padded_steps"].as_u64().unwrap()
        );
        assert!(report.get("cycles").is_none(), "{report}");

        // The lookup parameters are the verifier's own configuration: a proof made with
        // (C, log M) = (8, 8) is refused by a verifier configured for (4, 16).
        let o = jolt(&["verify", &echo, &proof]);
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o.stderr).contains("--log-m"), "{}", text(&o.stderr));

        // The same proof for another program is rejected.
        let o = jolt(&["verify", &guest("src/fib.elf"), &proof, "--log-m", "8"]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
        assert!(text(&o.stdout).contains("REJECTED"));

        // A flipped byte in the middle: rejected or unreadable, exit 1, no panic.
        let mut bytes = std::fs::read(&proof).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        let bad = temp(&format!("bad-{pcs}.proof"));
        std::fs::write(&bad, &bytes).unwrap();
        let o = jolt(&["verify", &echo, &bad, "--log-m", "8"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(!text(&o.stderr).contains("panicked"), "{}", text(&o.stderr));
    }
}

/// Sets both trace-length fields of a proof file (the header's and the proof's own first
/// field, after the public I/O) to `log_t`.
fn claim_log_t(bytes: &mut [u8], log_t: u32) {
    use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
    let (header, rest) = jolt_core::zkvm::file::read_header(bytes).unwrap();
    let header_end = bytes.len() - rest.len();
    let io = jolt_core::zkvm::PublicIo::deserialize_compressed(rest).unwrap();
    let proof_start = header_end + io.compressed_size();
    assert_eq!(
        u32::from_le_bytes(bytes[proof_start..proof_start + 4].try_into().unwrap()),
        header.log_t
    );
    bytes[header_end - 4..header_end].copy_from_slice(&log_t.to_le_bytes());
    bytes[proof_start..proof_start + 4].copy_from_slice(&log_t.to_le_bytes());
}

#[test]
fn a_proof_claiming_a_huge_trace_is_rejected_without_prover_size_work() {
    let echo = guest("src/echo.elf");
    let proof = temp("huge.proof");
    let o = jolt(&["prove", &echo, "--log-m", "8", "-o", &proof]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut bytes = std::fs::read(&proof).unwrap();
    claim_log_t(&mut bytes, 24);
    let huge = temp("huge-edited.proof");
    std::fs::write(&huge, &bytes).unwrap();
    // Within the verifier's configured bound (2^24): checked with the verifier key only, and
    // rejected (the proof's shape does not fit 2^24 steps).
    let o = jolt(&["verify", &echo, &huge, "--log-m", "8", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["verified"], false);
    assert_eq!(report["log2_padded_steps"], 24);
    // Beyond the configuration: refused before anything is read past the header.
    let o = jolt(&["verify", &echo, &huge, "--log-m", "8", "--max-log-t", "20"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("accepts at most 2^20"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_prove_that_would_not_fit_in_memory_stops_before_tracing() {
    let proof = temp("no-room.proof");
    let o = jolt(&[
        "prove",
        &guest("src/fib.elf"),
        "--memory-limit",
        "64",
        "-o",
        &proof,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("MiB (estimate), but only 64 MiB are available"),
        "{err}"
    );
    assert!(!std::path::Path::new(&proof).exists());
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

/// `jolt setup --ptau PTAU --max-log-n K --prover-key PK --verifier-key VK`.
fn setup_keys(ptau: &str, k: &str, pk: &str, vk: &str) -> Output {
    jolt(&[
        "setup",
        "--ptau",
        ptau,
        "--max-log-n",
        k,
        "--prover-key",
        pk,
        "--verifier-key",
        vk,
    ])
}

#[test]
fn prove_and_verify_under_keys_from_a_ceremony_file() {
    use ark_bn254::Fr;
    let ptau = temp("ceremony.ptau");
    let mut bytes = Vec::new();
    commitments::ptau::write_ptau(&mut bytes, Fr::from(0x5eed_1234u64), 16).unwrap();
    std::fs::write(&ptau, &bytes).unwrap();
    let (pk, vk) = (temp("ceremony.pk"), temp("ceremony.vk"));
    let o = setup_keys(&ptau, "16", &pk, &vk);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let echo = guest("src/echo.elf");
    let proof = temp("ceremony.proof");
    let o = jolt(&[
        "prove",
        &echo,
        "--log-m",
        "8",
        "--prover-key",
        &pk,
        "-o",
        &proof,
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["verified"], true);
    assert!(report["setup"].as_str().unwrap().contains("prover key"));
    let o = jolt(&[
        "verify",
        &echo,
        &proof,
        "--log-m",
        "8",
        "--verifier-key",
        &vk,
    ]);
    assert!(o.status.success(), "{}", text(&o.stdout));
    // Under the insecure dev key (another τ) the same proof does not verify, and a dev-key
    // proof does not verify under the ceremony's key.
    let o = jolt(&["verify", &echo, &proof, "--log-m", "8"]);
    assert_eq!(o.status.code(), Some(1));
    let dev_proof = temp("dev.proof");
    let o = jolt(&["prove", &echo, "--log-m", "8", "-o", &dev_proof]);
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("INSECURE"));
    let o = jolt(&[
        "verify",
        &echo,
        &dev_proof,
        "--log-m",
        "8",
        "--verifier-key",
        &vk,
    ]);
    assert_eq!(o.status.code(), Some(1));
    // A prover key too small for the trace is refused with both sizes named.
    let (small_pk, small_vk) = (temp("small.pk"), temp("small.vk"));
    let o = setup_keys(&ptau, "4", &small_pk, &small_vk);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = jolt(&[
        "prove",
        &echo,
        "--log-m",
        "8",
        "--prover-key",
        &small_pk,
        "-o",
        &temp("small.proof"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("prover key supports"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_rust_guest_takes_its_typed_input_as_json() {
    let fib = guest("programs/elf/fibonacci.elf");
    let json = temp("fib-input.json");
    std::fs::write(&json, "1000").unwrap();
    let o = jolt(&["run", &fib, "--input-json", &json, "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // postcard's u64 varint of F(1000) mod 2^64, as the native build computes it
    // (guests/programs/expected.tsv).
    assert_eq!(report["output_hex"], "cbc081e6f5b8d3ac0b");
    let proof = temp("fib-json.proof");
    let o = jolt(&[
        "prove",
        &fib,
        "--input-json",
        &json,
        "--log-m",
        "8",
        "-o",
        &proof,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    std::fs::write(&json, "{\"n\": 1000}").unwrap();
    let o = jolt(&["run", &fib, "--input-json", &json]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("bad input"), "{}", text(&o.stderr));
    let o = jolt(&["run", &fib, "--input-json", &json, "--input", &json]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--input and --input-json conflict"
    );
}
