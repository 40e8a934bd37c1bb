//! The guest ABI: fixed I/O addresses and the halting `ecall` (README, "Guest ABI").
//!
//! On the host (native builds) the same functions read the input from the file named by
//! `$JOLT_INPUT` and write the output to stdout.

/// Guest address of the input length word (u32).
pub const INPUT_LEN_ADDR: usize = 0x0010_0000;
/// Guest address of the first input byte.
pub const INPUT_ADDR: usize = 0x0010_0004;
/// Guest address of the output length word (u32).
pub const OUTPUT_LEN_ADDR: usize = 0x0018_0000;
/// Guest address of the first output byte.
pub const OUTPUT_ADDR: usize = 0x0018_0004;
/// The syscall number (in `a7`) of the halting `ecall`.
pub const EXIT_SYSCALL: u32 = 93;
/// The exit code of a guest that panicked (as a panicking `std` process).
pub const PANIC_EXIT_CODE: u32 = 101;

/// The public input bytes (read-only for the whole run).
#[cfg(target_os = "none")]
pub fn input_bytes() -> &'static [u8] {
    // SAFETY: the loader maps the length word and `len` input bytes read-only at these
    // addresses for the whole run.
    unsafe {
        let len = core::ptr::read_volatile(INPUT_LEN_ADDR as *const u32) as usize;
        core::slice::from_raw_parts(INPUT_ADDR as *const u8, len)
    }
}

/// The public input bytes: the contents of the file `$JOLT_INPUT` (empty when unset).
#[cfg(not(target_os = "none"))]
pub fn input_bytes() -> &'static [u8] {
    static INPUT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    INPUT.get_or_init(|| match std::env::var_os("JOLT_INPUT") {
        Some(path) => std::fs::read(&path)
            .unwrap_or_else(|e| panic!("cannot read $JOLT_INPUT ({path:?}): {e}")),
        None => Vec::new(),
    })
}

/// The number of output bytes written so far.
#[cfg(target_os = "none")]
pub fn output_len() -> usize {
    // SAFETY: the output length word is guest-writable memory for the whole run.
    unsafe { core::ptr::read_volatile(OUTPUT_LEN_ADDR as *const u32) as usize }
}

/// Writes output byte `index` (no length update; see [`set_output_len`]).
#[cfg(target_os = "none")]
pub fn write_output_byte(index: usize, byte: u8) {
    // SAFETY: the output region is guest-writable; an index past the layout's
    // max_output_bytes faults in the VM (an error, not undefined behaviour).
    unsafe { core::ptr::write_volatile((OUTPUT_ADDR + index) as *mut u8, byte) }
}

/// Sets the output length to `len`, zeroing the bytes between `len` and the old length
/// (the proof binds the whole output region: bytes past the count must be zero).
#[cfg(target_os = "none")]
pub fn set_output_len(len: usize) {
    for i in len..output_len() {
        write_output_byte(i, 0);
    }
    // SAFETY: as in `output_len`.
    unsafe { core::ptr::write_volatile(OUTPUT_LEN_ADDR as *mut u32, len as u32) }
}

/// Halts the machine with exit code `code` (a public output of the proof).
#[cfg(target_os = "none")]
pub fn exit(code: u32) -> ! {
    // SAFETY: the exit ecall halts the machine; it touches no Rust-visible state.
    unsafe { core::arch::asm!("ecall", in("a0") code, in("a7") EXIT_SYSCALL, options(nostack)) };
    // Not reached. A loop rather than `options(noreturn)`, which makes LLVM emit an `unimp`
    // (a CSR instruction) after the ecall; the executable segment should stay pure RV32IM.
    #[allow(clippy::empty_loop)]
    loop {}
}

/// Flushes stdout and exits the process with `code`.
#[cfg(not(target_os = "none"))]
pub fn exit(code: u32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::process::exit(code as i32)
}
