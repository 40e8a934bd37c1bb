//! The `jolt` binary; see [`jolt_core::cli`].
fn main() -> std::process::ExitCode {
    jolt_core::cli::main()
}
