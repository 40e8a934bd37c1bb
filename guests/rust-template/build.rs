//! Links the guest with the shared guest linker script (`../include/link.ld`).
fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo:rustc-link-arg=-T{dir}/../include/link.ld");
    println!("cargo:rerun-if-changed=../include/link.ld");
}
