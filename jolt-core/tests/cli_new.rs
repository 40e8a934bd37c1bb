//! `jolt new` end to end: the generated project builds with `cargo build --release` on its
//! own (SDK by path, linker script from the SDK, toolchain and target pinned), `jolt run`
//! runs it, and it proves and verifies through the typed API.
//!
//! Needs the `riscv32im-unknown-none-elf` target of this toolchain (`rustup target add
//! riscv32im-unknown-none-elf`) and the project's two crates (serde, postcard) from
//! crates.io or the local cargo cache: without them the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use commitments::HyperKzg;
use instructions::LookupParams;
use jolt_core::guest::{prove_typed, GuestConfig};

const TARGET: &str = "riscv32im-unknown-none-elf";

/// Whether this toolchain has the guest target's standard library.
fn target_installed() -> bool {
    let out = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", TARGET])
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
            std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
        }
        _ => false,
    }
}

/// `cargo build --release [--offline]` in `dir`, free of this test's cargo environment.
fn cargo_build(dir: &Path, offline: bool) -> std::process::Output {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(["build", "--release"]).current_dir(dir);
    if offline {
        cmd.arg("--offline");
    }
    for var in [
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_MANIFEST_DIR",
    ] {
        cmd.env_remove(var);
    }
    cmd.output().expect("cargo runs")
}

#[test]
fn a_new_project_builds_runs_and_proves() {
    if !target_installed() {
        eprintln!("skipped: rustup target add {TARGET} to build guests");
        return;
    }
    let root = std::env::temp_dir().join(format!("jolt-new-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let dir = root.join("hello");
    let jolt = env!("CARGO_BIN_EXE_jolt");
    let created = Command::new(jolt)
        .args(["new", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    for file in [
        "Cargo.toml",
        "rust-toolchain.toml",
        ".cargo/config.toml",
        "src/main.rs",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let toolchain = std::fs::read_to_string(dir.join("rust-toolchain.toml")).unwrap();
    assert!(toolchain.contains(TARGET), "{toolchain}");

    // From the local cargo cache first (no network), then from crates.io.
    let mut built = cargo_build(&dir, true);
    if !built.status.success() {
        built = cargo_build(&dir, false);
    }
    let stderr = String::from_utf8_lossy(&built.stderr);
    if !built.status.success() {
        let unreachable = [
            "failed to get",
            "download",
            "Unable to update",
            "failed to load source",
        ];
        if unreachable.iter().any(|m| stderr.contains(m)) {
            eprintln!("skipped: the project's crates are not reachable:\n{stderr}");
            let _ = std::fs::remove_dir_all(&root);
            return;
        }
        panic!("cargo build --release failed:\n{stderr}");
    }
    let elf_path = dir.join(format!("target/{TARGET}/release/hello"));
    let ran = Command::new(jolt)
        .args(["run", elf_path.to_str().unwrap(), "--input"])
        .arg(dir.join("input.bin"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&ran.stdout);
    assert!(
        ran.status.success() && report.contains("exit code    0"),
        "{report}"
    );

    let elf = std::fs::read(&elf_path).unwrap();
    let config = GuestConfig {
        params: LookupParams::SMALL,
        ..GuestConfig::default()
    };
    let proved =
        prove_typed::<HyperKzg, String, String>(&elf, &"world".to_string(), &config).unwrap();
    assert_eq!(proved.output, "Hello, world!");
    std::fs::remove_dir_all(&root).unwrap();
}
