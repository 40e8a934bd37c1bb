//! # `jolt-guest`: write Lasso-zkVM guests in ordinary Rust
//!
//! A guest is a `no_std` binary for `riscv32im-unknown-none-elf`. This crate gives it what
//! `std` would: an entry point, a heap (so `alloc`'s `Vec`, `String`, `BTreeMap` work),
//! typed public input and output through [serde] with [postcard], a panic handler and the
//! exit call. The whole guest:
//!
//! ```ignore
//! #![cfg_attr(target_os = "none", no_std, no_main)]
//! extern crate alloc;
//! use alloc::{format, string::String};
//!
//! /// Input: a name (postcard-encoded by the host); output: a greeting.
//! fn hello(name: String) -> String {
//!     format!("Hello, {name}!")
//! }
//!
//! jolt_guest::entry!(hello);
//! ```
//!
//! built with `cargo build --release` in a project that `jolt new` writes (its
//! `.cargo/config.toml` sets the target and links with this crate's `jolt.ld`), and proved
//! from the host with `jolt_core::guest::prove_typed::<_, String, String>(…)`.
//!
//! ## The ABI underneath ([`abi`])
//! - halt: `ecall` with `a7 = 93`, exit code in `a0` ([`exit`]);
//! - public input: length (u32) at `0x0010_0000`, bytes from `0x0010_0004` ([`input_bytes`]);
//! - public output: bytes from `0x0018_0004`, count (u32) at `0x0018_0000` ([`commit`]).
//!
//! ## Entry, heap, panics
//! [`entry!`]`(f)` defines `_start`, which records the initial stack pointer, sets up the
//! heap, decodes `f`'s argument (if it takes one) from the input with [`read`], calls
//! `f`, [`commit`]s its return value and exits with code 0. To halt with another code,
//! call [`exit`].
//!
//! The heap ([`heap`]) is a bump allocator over `[__jolt_heap_start, sp₀ − 32 KiB)`: the
//! reserve that `entry!(f, heap = BYTES)` puts in the image (64 KiB by default), plus
//! whatever heap the memory layout adds between the image and the stack (`jolt run
//! --heap-size`). The top 32 KiB below the initial `sp` (the layout's default stack) stay
//! for the stack.
//!
//! A panic (including an allocation failure) replaces the output with the message
//! `panicked at FILE:LINE:COL: MESSAGE` (at most 1 KiB) and halts with [`PANIC_EXIT_CODE`] (101, as a
//! panicking `std` process exits).
//!
//! ## Native builds
//! The same source builds for the host (`cargo run --target x86_64-unknown-linux-gnu`): then
//! `entry!` defines `fn main` (so the guest function needs another name), which reads the
//! input bytes from the file named by `$JOLT_INPUT` (none: empty), writes the output bytes to
//! stdout and exits with the exit code; a panic exits with 101 as usual. `cargo test` on the
//! host tests the guest's functions like any crate's. The expected outputs of the benchmark programs are computed this way.
#![cfg_attr(target_os = "none", no_std)]

extern crate alloc;

pub mod abi;
pub mod heap;
mod io;
#[cfg(target_os = "none")]
mod panic;
#[doc(hidden)]
pub mod rt;

pub use abi::{exit, input_bytes, PANIC_EXIT_CODE};
pub use io::{commit, commit_bytes, read, read_bytes, OutputWriter};
pub use {postcard, serde};

/// Heap bytes reserved in the image when [`entry!`] is given no `heap = …`.
pub const DEFAULT_HEAP_RESERVE: usize = 64 * 1024;

/// Bytes below the initial stack pointer that the allocator leaves to the stack: the
/// layout's default `--stack-size`.
pub const STACK_RESERVE: usize = 32 * 1024;

/// Declares the guest's entry point.
///
/// `entry!(f)` or `entry!(f, heap = 1 << 20)`, where `f` (any name but `main`) is `fn() -> O` or
/// `fn(I) -> O` with `I: Deserialize` (decoded from the public input with [`read`]) and
/// `O: Serialize` (committed to the public output; `()` commits nothing). `heap` is the
/// number of heap bytes reserved in the image (default [`DEFAULT_HEAP_RESERVE`]).
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        $crate::entry!($main, heap = $crate::DEFAULT_HEAP_RESERVE);
    };
    ($main:path, heap = $heap:expr) => {
        /// The heap reserve: zero-filled by the loader, placed after `.bss` by `jolt.ld`.
        #[cfg(target_os = "none")]
        #[used]
        #[link_section = ".jolt_heap"]
        static mut __JOLT_HEAP_RESERVE: [u8; $heap] = [0; $heap];

        // `_start`: pass the loader's sp to the Rust entry. First in `.text`.
        #[cfg(target_os = "none")]
        ::core::arch::global_asm!(
            ".section .text.start, \"ax\", @progbits",
            ".globl _start",
            "_start:",
            "    mv a0, sp",
            "    call {entry}",
            entry = sym __jolt_entry,
        );

        #[cfg(target_os = "none")]
        extern "C" fn __jolt_entry(initial_sp: usize) -> ! {
            $crate::rt::start(initial_sp, $main)
        }

        /// The native entry (a guest function must therefore not itself be called `main`).
        #[cfg(not(target_os = "none"))]
        fn main() {
            $crate::rt::start_native($main)
        }
    };
}

/// A guest function: `fn() -> O` or `fn(I) -> O` (the marker `Args` tells them apart).
pub trait GuestMain<Args> {
    /// Reads the argument (if any) from the input, calls the function, commits the result
    /// and returns the exit code (0).
    fn run(self) -> u32;
}

impl<F, O> GuestMain<()> for F
where
    F: FnOnce() -> O,
    O: serde::Serialize,
{
    fn run(self) -> u32 {
        commit(&self());
        0
    }
}

impl<F, I, O> GuestMain<(I,)> for F
where
    F: FnOnce(I) -> O,
    I: serde::Deserialize<'static>,
    O: serde::Serialize,
{
    fn run(self) -> u32 {
        let input: I = read();
        commit(&self(input));
        0
    }
}
