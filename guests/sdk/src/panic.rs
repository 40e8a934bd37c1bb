//! The panic handler: the message becomes the output, the exit code is 101.

use core::fmt::Write;

use crate::abi::{exit, PANIC_EXIT_CODE};
use crate::io::OutputWriter;

/// The most message bytes written: a quarter of the default output limit (4 KiB), so a long
/// message cannot run past the output region.
pub const MAX_PANIC_MESSAGE: usize = 1024;

/// A writer that keeps the first [`MAX_PANIC_MESSAGE`] bytes.
struct Capped {
    out: OutputWriter,
    room: usize,
}

impl Write for Capped {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let bytes = &s.as_bytes()[..s.len().min(self.room)];
        self.out.push(bytes);
        self.room -= bytes.len();
        Ok(())
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // Replaces whatever was committed: the output of a panicked run is its message.
    let mut out = Capped {
        out: OutputWriter::replacing(),
        room: MAX_PANIC_MESSAGE,
    };
    let _ = match info.location() {
        Some(at) => write!(
            out,
            "panicked at {}:{}:{}: ",
            at.file(),
            at.line(),
            at.column()
        ),
        None => write!(out, "panicked: "),
    };
    let _ = write!(out, "{}", info.message());
    out.out.finish();
    exit(PANIC_EXIT_CODE)
}
