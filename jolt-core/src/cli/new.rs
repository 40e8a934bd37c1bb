//! `jolt new NAME`: write a standalone Rust guest project that builds with
//! `cargo build --release` anywhere and runs with `jolt run`.
//!
//! ```text
//! NAME/Cargo.toml            the guest crate; depends on the guest SDK (jolt-guest) by path
//! NAME/rust-toolchain.toml   this repository's toolchain, with the riscv32im target listed
//! NAME/.cargo/config.toml    build target riscv32im-unknown-none-elf, link with jolt.ld
//! NAME/src/main.rs           hello: a name in, a greeting out (typed I/O)
//! NAME/input.bin             the input "world", postcard-encoded
//! NAME/README.md, .gitignore
//! ```
//!
//! The SDK is found at `--sdk PATH`, else at this repository's `guests/sdk` (the path this
//! binary was built from), and written into `Cargo.toml` as an absolute path.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::{print_stdout, CliError};

/// The toolchain the generated project pins: the one this repository builds with.
pub const TOOLCHAIN: &str = "1.95.0";

/// The guest target.
pub const GUEST_TARGET: &str = "riscv32im-unknown-none-elf";

/// Arguments of `jolt new`.
#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// Directory to create; its last component is the crate (and ELF) name.
    pub path: PathBuf,
    /// The guest SDK crate directory (default: this repository's `guests/sdk`).
    #[arg(long, value_name = "DIR")]
    pub sdk: Option<PathBuf>,
}

/// The `guests/sdk` directory of the repository this binary was built from.
pub fn default_sdk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../guests/sdk")
}

/// Runs `jolt new`.
pub fn execute(args: &NewArgs) -> Result<(), CliError> {
    let sdk = args.sdk.clone().unwrap_or_else(default_sdk_dir);
    let name = write_project(&args.path, &sdk)?;
    let elf = format!("target/{GUEST_TARGET}/release/{name}");
    print_stdout(&format!(
        "created guest project {name} in {}\n\n  cd {}\n  cargo build --release\n  jolt run {elf} --input input.bin\n  jolt prove {elf} --input input.bin -o {name}.proof\n  jolt verify {elf} {name}.proof",
        args.path.display(),
        args.path.display(),
    ))
}

/// Writes the project into `dir` (which must not exist) with the SDK at `sdk`; returns the
/// crate name.
pub fn write_project(dir: &Path, sdk: &Path) -> Result<String, CliError> {
    let write_error = |path: &Path, source| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    let name = crate_name(dir).ok_or_else(|| {
        write_error(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the last path component must be a crate name (a letter, then letters, digits, - or _)",
            ),
        )
    })?;
    let sdk = sdk
        .canonicalize()
        .ok()
        .filter(|p| p.join("Cargo.toml").is_file())
        .ok_or_else(|| {
            write_error(
                sdk,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no guest SDK here (pass --sdk DIR: the guests/sdk directory of the zkVM repository)",
                ),
            )
        })?;
    if dir.exists() {
        return Err(write_error(
            dir,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "already exists"),
        ));
    }
    let sdk_path = sdk.display().to_string().replace('\\', "/");
    let files: [(&str, Vec<u8>); 7] = [
        ("Cargo.toml", cargo_toml(&name, &sdk_path).into_bytes()),
        (
            "rust-toolchain.toml",
            RUST_TOOLCHAIN
                .replace("@TOOLCHAIN@", TOOLCHAIN)
                .into_bytes(),
        ),
        (
            ".cargo/config.toml",
            CARGO_CONFIG.replace("@TARGET@", GUEST_TARGET).into_bytes(),
        ),
        ("src/main.rs", MAIN_RS.as_bytes().to_vec()),
        ("input.bin", b"\x05world".to_vec()),
        ("README.md", README.replace("@NAME@", &name).into_bytes()),
        (".gitignore", b"/target\n*.proof\n".to_vec()),
    ];
    for (relative, contents) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        std::fs::write(&path, contents).map_err(|e| write_error(&path, e))?;
    }
    Ok(name)
}

/// The crate name for a project directory: its last component, if it is a valid name.
fn crate_name(dir: &Path) -> Option<String> {
    let name = dir.file_name()?.to_str()?;
    let mut chars = name.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| name.to_string())
}

fn cargo_toml(name: &str, sdk: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
# The guest SDK: entry macro, heap, typed I/O, panic handler (docs: cargo doc -p jolt-guest).
jolt-guest = {{ path = "{sdk}" }}

# A project of its own, even when created inside another workspace.
[workspace]

[profile.release]
opt-level = 3
lto = true
codegen-units = 1
panic = "abort"

[profile.dev]
panic = "abort"
"#
    )
}

const RUST_TOOLCHAIN: &str = r#"[toolchain]
channel = "@TOOLCHAIN@"
targets = ["riscv32im-unknown-none-elf"]
profile = "minimal"
"#;

const CARGO_CONFIG: &str = r#"[build]
target = "@TARGET@"

[target.@TARGET@]
# jolt.ld, the guest linker script, comes from the jolt-guest crate's build script.
rustflags = ["-C", "link-arg=-Tjolt.ld"]
"#;

const MAIN_RS: &str = r#"//! A guest of the Lasso zkVM: a name in, a greeting out.
//!
//! `jolt_guest::entry!(hello)` decodes `hello`'s argument from the public input and commits
//! its result to the public output (both postcard). `alloc` works (the SDK brings a heap).
//! `cargo run --target x86_64-unknown-linux-gnu` runs the same code natively
//! (input from the file in $JOLT_INPUT, output bytes to stdout).
#![cfg_attr(target_os = "none", no_std, no_main)]

extern crate alloc;

use alloc::format;
use alloc::string::String;

fn hello(name: String) -> String {
    format!("Hello, {name}!")
}

jolt_guest::entry!(hello);
"#;

const README: &str = r#"# @NAME@: a Lasso-zkVM guest

```sh
cargo build --release                                   # -> target/riscv32im-unknown-none-elf/release/@NAME@
jolt run target/riscv32im-unknown-none-elf/release/@NAME@ --input input.bin
jolt prove target/riscv32im-unknown-none-elf/release/@NAME@ --input input.bin -o @NAME@.proof
jolt verify target/riscv32im-unknown-none-elf/release/@NAME@ @NAME@.proof    # the statement (input, output) is in the proof file
```

`input.bin` is the postcard encoding of the `String` "world" (length byte, then the bytes).
From Rust, `jolt_core::guest::prove_typed::<HyperKzg, String, String>(&elf, &"world".to_string(),
&Default::default())` encodes the input, proves, verifies and decodes the output.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_checked() {
        assert_eq!(
            crate_name(Path::new("a/hello-world")).as_deref(),
            Some("hello-world")
        );
        assert_eq!(crate_name(Path::new("1abc")), None);
        assert_eq!(crate_name(Path::new("a b")), None);
    }

    #[test]
    fn a_project_refuses_an_existing_directory_and_a_missing_sdk() {
        let dir = std::env::temp_dir().join(format!("jolt-new-unit-{}", std::process::id()));
        assert!(write_project(&dir, Path::new("/nonexistent/sdk")).is_err());
        std::fs::create_dir_all(&dir).unwrap();
        assert!(write_project(&dir, &default_sdk_dir()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
