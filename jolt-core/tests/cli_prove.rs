//! `jolt prove` and `jolt verify` as separate processes: the proof file from one is accepted
//! by the other (exit 0); a tampered file, another program or garbage is rejected (exit 1
//! with a message, never a panic). Both memory-checking backends: the file records which one
//! made the proof, `verify` reads it from there, and `verify --backend` that disagrees is the
//! typed wrong-backend error.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use jolt_core::zkvm::Backend;

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
        assert_eq!(report["backend"], Backend::default().name());
        for key in ["cycles", "proof_bytes", "prove_ms", "verify_ms"] {
            assert!(report[key].is_number(), "{key} in {report}");
        }

        let o = jolt(&["verify", &echo, &proof, "--log-m", "8", "--json"]);
        assert!(o.status.success(), "verify {pcs}: {}", text(&o.stderr));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["verified"], true);
        assert_eq!(report["exit_code"], 6);
        assert_eq!(report["pcs"], pcs);
        assert_eq!(report["backend"], Backend::default().name());
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
/// field, after the public I/O and the proof's backend tag byte) to `log_t`.
fn claim_log_t(bytes: &mut [u8], log_t: u32) {
    use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
    let (header, rest) = jolt_core::zkvm::file::read_header(bytes).unwrap();
    let header_end = bytes.len() - rest.len();
    let io = jolt_core::zkvm::PublicIo::deserialize_compressed(rest).unwrap();
    let proof_start = header_end + io.compressed_size() + 1;
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

/// `jolt prove guests/src/fib.elf --backend twist --pcs zeromorph -o P` (fib's default input,
/// n = 50: a 2^9-step trace), made once for the tests below: the proof file's path and bytes.
fn twist_proof() -> &'static (String, Vec<u8>) {
    static PROOF: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    PROOF.get_or_init(|| {
        let proof = temp("fib-twist.proof");
        let o = jolt(&[
            "prove",
            &guest("src/fib.elf"),
            "--backend",
            "twist",
            "--pcs",
            "zeromorph",
            "-o",
            &proof,
            "--json",
        ]);
        assert!(o.status.success(), "prove: {}", text(&o.stderr));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["backend"], "twist", "{report}");
        assert_eq!(report["pcs"], "zeromorph", "{report}");
        assert_eq!(report["verified"], true, "{report}");
        let bytes = std::fs::read(&proof).unwrap();
        (proof, bytes)
    })
}

/// Asserts that `jolt verify fib.elf FILE EXTRA…` refuses the file cleanly: exit status 1, an
/// `error:` line, no panic. Returns stderr.
fn assert_refused(file: &str, extra: &[&str], what: &str) -> String {
    let fib = guest("src/fib.elf");
    let mut args = vec!["verify", fib.as_str(), file];
    args.extend_from_slice(extra);
    let o = jolt(&args);
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what}: stdout {} stderr {err}",
        text(&o.stdout)
    );
    assert!(
        err.contains("error:") && !err.contains("panicked"),
        "{what}: {err}"
    );
    err
}

#[test]
fn a_twist_proof_verifies_in_another_process_with_the_backend_from_its_file() {
    let (proof, _) = twist_proof();
    let fib = guest("src/fib.elf");
    let o = jolt(&["verify", &fib, proof, "--json"]);
    assert!(o.status.success(), "verify: {}", text(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(report["backend"], "twist", "{report}");
    assert_eq!(report["pcs"], "zeromorph", "{report}");
    // Text report names it too; `--backend twist` agrees with the file.
    let o = jolt(&["verify", &fib, proof, "--backend", "twist"]);
    assert!(o.status.success(), "verify: {}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("backend      twist (Twist/Shout)"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn verify_backend_lasso_of_a_twist_proof_is_the_wrong_backend_error() {
    let (proof, _) = twist_proof();
    let err = assert_refused(proof, &["--backend", "lasso"], "--backend lasso");
    assert!(
        err.contains("the proof uses the twist backend, not lasso"),
        "{err}"
    );
    // An unknown backend name is a usage error that lists the two.
    let o = jolt(&["verify", &guest("src/fib.elf"), proof, "--backend", "spice"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("lasso") && err.contains("twist"), "{err}");
}

/// Where a proof file's parts start: (end of the header's backend name, the proof's backend
/// tag byte).
fn backend_positions(bytes: &[u8]) -> (usize, usize) {
    use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
    let (_, rest) = jolt_core::zkvm::file::read_header(bytes).unwrap();
    let header_end = bytes.len() - rest.len();
    let io = jolt_core::zkvm::PublicIo::deserialize_compressed(rest).unwrap();
    // The header ends with C, log M and log T (three u32) after the backend name.
    (header_end - 12, header_end + io.compressed_size())
}

#[test]
fn a_twist_proof_that_claims_the_lasso_backend_is_refused() {
    let (_, bytes) = twist_proof();
    let (name_end, tag) = backend_positions(bytes);
    assert_eq!(&bytes[name_end - 5..name_end], b"twist");
    assert_eq!(bytes[tag], 1);
    // The header says lasso, the proof's tag says twist.
    let mut header_only = bytes.clone();
    header_only[name_end - 5..name_end].copy_from_slice(b"lasso");
    // Both say lasso: the Twist/Shout proof's bytes read as a Lasso/Spice proof.
    let mut both = header_only.clone();
    both[tag] = 0;
    for (name, edited) in [("header", header_only), ("header+tag", both)] {
        let path = temp(&format!("claims-lasso-{name}.proof"));
        std::fs::write(&path, &edited).unwrap();
        assert_refused(&path, &[], name);
        let err = assert_refused(&path, &["--backend", "twist"], name);
        assert!(
            err.contains("the proof uses the lasso backend, not twist"),
            "{name}: {err}"
        );
    }
}

#[test]
fn every_flipped_byte_of_a_twist_proof_is_rejected_without_a_panic() {
    let (_, bytes) = twist_proof();
    let len = bytes.len();
    let (name_end, tag) = backend_positions(bytes);
    // The first and last 64 bytes (header, the final opening), every k-th byte between, and
    // the backend fields.
    let stride = (len / 160).max(1);
    let mut positions: Vec<usize> = (0..64.min(len))
        .chain(len.saturating_sub(64)..len)
        .chain((64..len).step_by(stride))
        .chain([name_end - 1, tag])
        .collect();
    positions.sort_unstable();
    positions.dedup();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let chunks: Vec<Vec<usize>> = (0..threads)
        .map(|i| positions.iter().copied().skip(i).step_by(threads).collect())
        .collect();
    std::thread::scope(|scope| {
        for (i, chunk) in chunks.iter().enumerate() {
            scope.spawn(move || {
                let path = temp(&format!("flipped-{i}.proof"));
                for &at in chunk {
                    let mut edited = bytes.clone();
                    // Low bit on even positions, high bit (compression flags) on odd ones.
                    edited[at] ^= if at % 2 == 0 { 0x01 } else { 0x80 };
                    std::fs::write(&path, &edited).unwrap();
                    assert_refused(&path, &[], &format!("byte {at} of {len} flipped"));
                }
            });
        }
    });
    assert!(positions.len() > 250, "{} positions", positions.len());
}
