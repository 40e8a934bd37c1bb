//! `jolt setup` as a separate process: a ceremony file the test writes becomes key files that
//! HyperKZG and Zeromorph commit, open and verify with; a corrupted or truncated ceremony file
//! is refused (exit 1 with a message, no key written); `--insecure-dev` says INSECURE.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ark_bn254::Fr;
use commitments::keys::{load_prover_key, load_verifier_key};
use commitments::ptau::write_ptau;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use jolt_core::cli::prove::DEV_SETUP_SEED;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// Offset of the first tauG1 point in a file from `write_ptau`.
const TAU_G1_OFFSET: usize = 12 + 12 + 44 + 12;

fn jolt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jolt"))
        .args(args)
        .output()
        .expect("jolt runs")
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("jolt-setup-test-{}-{name}", std::process::id()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ptau_file(name: &str, tau: u64, power: u32) -> (PathBuf, Vec<u8>) {
    let mut bytes = Vec::new();
    write_ptau(&mut bytes, Fr::from(tau), power).unwrap();
    let path = temp(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

fn setup_from(ptau: &Path, k: &str, pk: &Path, vk: &Path) -> Output {
    jolt(&[
        "setup",
        "--ptau",
        ptau.to_str().unwrap(),
        "--max-log-n",
        k,
        "--prover-key",
        pk.to_str().unwrap(),
        "--verifier-key",
        vk.to_str().unwrap(),
    ])
}

/// Commits to a 4-variable polynomial, opens it and verifies with the verifier key alone.
fn commit_open_verify<S: CommitmentScheme<Field = Fr>>(pk: &Path, vk: &Path) {
    let setup = load_prover_key::<S>(pk).unwrap();
    let vk = load_verifier_key::<S>(vk).unwrap();
    let poly = DensePolynomial::new((0..16u64).map(|i| Fr::from(i * i + 1)).collect());
    let point: Vec<Fr> = (0..4u64).map(|i| Fr::from(3 * i + 2)).collect();
    let eval = poly.evaluate(&point);
    let c = S::commit(&setup, &MultilinearPolynomial::Dense(poly.clone())).unwrap();
    let mut t = MerlinTranscript::new(b"cli-setup");
    let proof = S::open(&setup, &poly, &c, &point, &eval, &mut t).unwrap();
    let mut t = MerlinTranscript::new(b"cli-setup");
    assert_eq!(S::verify(&vk, &c, &point, &eval, &proof, &mut t), Ok(()));
}

#[test]
fn setup_from_a_ceremony_file_writes_keys_both_kzg_schemes_use() {
    let (ptau, _) = ptau_file("good.ptau", 0x5eed, 5);
    let (pk, vk) = (temp("good.pk"), temp("good.vk"));
    let o = setup_from(&ptau, "4", &pk, &vk);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for needle in [
        "power 5",
        "2^4 = 16 G1 powers",
        "pairings",
        "prover key",
        "verifier key",
    ] {
        assert!(out.contains(needle), "{needle:?} in {out}");
    }
    assert!(!out.contains("INSECURE"), "{out}");
    assert!(std::fs::metadata(&vk).unwrap().len() < 400);
    commit_open_verify::<HyperKzg>(&pk, &vk);
    commit_open_verify::<Zeromorph>(&pk, &vk);
    for p in [ptau, pk, vk] {
        std::fs::remove_file(p).unwrap();
    }
}

#[test]
fn setup_refuses_a_corrupted_or_truncated_ceremony_file() {
    let (_, honest) = ptau_file("honest.ptau", 0x5eed, 4);
    let (pk, vk) = (temp("bad.pk"), temp("bad.vk"));
    // Power 5 replaced by power 1: every point valid, the powers not consecutive.
    let mut corrupted = honest.clone();
    let p1 = corrupted[TAU_G1_OFFSET + 64..TAU_G1_OFFSET + 128].to_vec();
    corrupted[TAU_G1_OFFSET + 5 * 64..TAU_G1_OFFSET + 6 * 64].copy_from_slice(&p1);
    let truncated = honest[..honest.len() / 2].to_vec();
    for (bytes, message) in [
        (corrupted, "not consecutive powers of τ"),
        (truncated, "truncated"),
        (b"ptaX".to_vec(), "not a .ptau file"),
    ] {
        let path = temp("bad.ptau");
        std::fs::write(&path, bytes).unwrap();
        let o = setup_from(&path, "4", &pk, &vk);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{message}: {err}");
        assert!(err.contains(message), "{message:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!pk.exists() && !vk.exists(), "no key written for {message}");
        std::fs::remove_file(path).unwrap();
    }
    let (small, _) = ptau_file("small.ptau", 0x5eed, 3);
    let o = setup_from(&small, "4", &pk, &vk);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("power 3"), "{}", text(&o.stderr));
    std::fs::remove_file(small).unwrap();
}

#[test]
fn insecure_dev_keys_say_so_and_equal_the_seeded_setup() {
    let (pk, vk) = (temp("dev.pk"), temp("dev.vk"));
    for (pcs, expect_family) in [("zeromorph", "kzg"), ("hyrax", "hyrax")] {
        let o = jolt(&[
            "setup",
            "--insecure-dev",
            "--pcs",
            pcs,
            "--max-log-n",
            "4",
            "--prover-key",
            pk.to_str().unwrap(),
            "--verifier-key",
            vk.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains("INSECURE"), "{out}");
        assert!(out.contains(&format!("family {expect_family}")), "{out}");
        if pcs == "zeromorph" {
            assert_eq!(
                load_prover_key::<HyperKzg>(&pk).unwrap(),
                HyperKzg::insecure_test_setup(4, DEV_SETUP_SEED)
            );
            assert_eq!(
                load_verifier_key::<Zeromorph>(&vk).unwrap(),
                Zeromorph::insecure_test_verifier_setup(4, DEV_SETUP_SEED)
            );
        } else {
            assert_eq!(
                load_verifier_key::<Hyrax>(&vk).unwrap(),
                Hyrax::insecure_test_verifier_setup(4, DEV_SETUP_SEED)
            );
        }
    }
    std::fs::remove_file(pk).unwrap();
    std::fs::remove_file(vk).unwrap();
}

#[test]
fn setup_needs_exactly_one_source() {
    let o = jolt(&[
        "setup",
        "--max-log-n",
        "4",
        "--prover-key",
        "a",
        "--verifier-key",
        "b",
    ]);
    assert!(!o.status.success());
    let o = jolt(&[
        "setup",
        "--ptau",
        "x.ptau",
        "--insecure-dev",
        "--max-log-n",
        "4",
        "--prover-key",
        "a",
        "--verifier-key",
        "b",
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("cannot be used with"),
        "{}",
        text(&o.stderr)
    );
}
