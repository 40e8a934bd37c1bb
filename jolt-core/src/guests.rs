//! The example guest programs of `guests/`, embedded in the library.
//!
//! The ELF files are built by `guests/build.sh` and committed next to their C sources;
//! embedding them gives the prover a built-in example (`cargo run --release` with no
//! arguments) and tests and benches programs without any file paths. See `guests/` for
//! what each program reads and writes.

/// `guests/src/fib.elf`: F(n) mod 2^32 for n = input u32 (default 50).
pub const FIB_ELF: &[u8] = include_bytes!("../../guests/src/fib.elf");
/// `guests/src/fib-high.elf`: the same program linked at 0x8000_0000.
pub const FIB_HIGH_ELF: &[u8] = include_bytes!("../../guests/src/fib-high.elf");
/// `guests/src/sha256.elf`: a SHA-256 chain of input-chosen length (default 16 over "abc").
pub const SHA256_ELF: &[u8] = include_bytes!("../../guests/src/sha256.elf");
/// `guests/src/sort.elf`: quicksort of a few hundred pseudo-random signed words.
pub const SORT_ELF: &[u8] = include_bytes!("../../guests/src/sort.elf");
/// `guests/src/muldiv.elf`: all eight M instructions on edge cases.
pub const MULDIV_ELF: &[u8] = include_bytes!("../../guests/src/muldiv.elf");
/// `guests/src/subword.elf`: byte/halfword loads and stores with sign extension.
pub const SUBWORD_ELF: &[u8] = include_bytes!("../../guests/src/subword.elf");
/// `guests/src/echo.elf`: "Hello, <input>!" to the public output.
pub const ECHO_ELF: &[u8] = include_bytes!("../../guests/src/echo.elf");

/// Every embedded example by name (the C source's base name).
pub const EXAMPLES: &[(&str, &[u8])] = &[
    ("fib", FIB_ELF),
    ("fib-high", FIB_HIGH_ELF),
    ("sha256", SHA256_ELF),
    ("sort", SORT_ELF),
    ("muldiv", MULDIV_ELF),
    ("subword", SUBWORD_ELF),
    ("echo", ECHO_ELF),
];

/// The embedded example called `name`, if any.
pub fn example(name: &str) -> Option<&'static [u8]> {
    EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, elf)| *elf)
}
