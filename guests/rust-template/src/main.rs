//! A `no_std` Rust guest: the template to copy for new Rust guests.
//!
//! It is the Rust twin of `src/fib.c`: input is `n` as a little-endian u32 (default 50),
//! output is F(n) mod 2^32 as a little-endian u32, exit code 0. The `jolt` module below is
//! the whole guest ABI (see the README, "Guest ABI"); a panic halts with exit code 101.
#![no_std]
#![no_main]

mod jolt {
    //! The guest ABI: fixed I/O addresses and the exit ecall.
    use core::ptr;

    const INPUT_LEN_ADDR: usize = 0x0010_0000;
    const INPUT_ADDR: usize = 0x0010_0004;
    const OUTPUT_LEN_ADDR: usize = 0x0018_0000;
    const OUTPUT_ADDR: usize = 0x0018_0004;

    /// The public input bytes.
    pub fn input() -> &'static [u8] {
        // SAFETY: the loader maps the input length word and the input bytes read-only at
        // these addresses for the whole run.
        unsafe {
            let len = ptr::read_volatile(INPUT_LEN_ADDR as *const u32) as usize;
            core::slice::from_raw_parts(INPUT_ADDR as *const u8, len)
        }
    }

    /// Writes the public output (at most the layout's `max_output_bytes`).
    pub fn write_output(bytes: &[u8]) {
        for (i, b) in bytes.iter().enumerate() {
            // SAFETY: the output region is writable guest memory of max_output_bytes.
            unsafe { ptr::write_volatile((OUTPUT_ADDR + i) as *mut u8, *b) };
        }
        // SAFETY: as above; the length word precedes the output bytes.
        unsafe { ptr::write_volatile(OUTPUT_LEN_ADDR as *mut u32, bytes.len() as u32) };
    }

    /// Halts with `code` (ecall with a7 = 93).
    pub fn exit(code: u32) -> ! {
        // SAFETY: the exit ecall halts the machine; it touches no Rust-visible state.
        unsafe { core::arch::asm!("ecall", in("a0") code, in("a7") 93, options(nostack)) };
        // Not reached. A loop rather than `options(noreturn)`: that makes LLVM emit an
        // `unimp` trap (a CSR instruction) after the ecall, and guests must be pure RV32IM.
        #[allow(clippy::empty_loop)]
        loop {}
    }
}

fn fib(n: u32) -> u32 {
    let (mut a, mut b) = (0u32, 1u32);
    for _ in 0..n {
        let t = a.wrapping_add(b);
        a = b;
        b = t;
    }
    a
}

/// Entry point: the loader has set `sp`; `.text.start` puts it first in the image.
#[no_mangle]
#[link_section = ".text.start"]
pub extern "C" fn _start() -> ! {
    let input = jolt::input();
    let n = match input.get(0..4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 50,
    };
    jolt::write_output(&fib(n).to_le_bytes());
    jolt::exit(0)
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    jolt::exit(101)
}
