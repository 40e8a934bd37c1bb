//! Ships the guest linker script: writes `jolt.ld` into `OUT_DIR` and puts that directory on
//! the linker's search path, so a guest anywhere links with `-C link-arg=-Tjolt.ld` (the
//! `.cargo/config.toml` that `jolt new` writes) and needs no file of this repository.
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("jolt.ld"), include_bytes!("jolt.ld")).expect("write jolt.ld");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=jolt.ld");
}
