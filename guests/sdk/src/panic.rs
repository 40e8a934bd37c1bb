//! The panic handler: the message becomes the output, the exit code is 101.

use core::fmt::Write;

use crate::abi::{exit, PANIC_EXIT_CODE};
use crate::io::OutputWriter;

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // Replaces whatever was committed: the output of a panicked run is its message.
    let mut out = OutputWriter::replacing();
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
    out.finish();
    exit(PANIC_EXIT_CODE)
}
