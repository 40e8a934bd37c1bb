//! What [`entry!`](crate::entry) expands to calls: set up the heap, run `main`, exit.

use crate::GuestMain;

/// The guest's Rust entry: `initial_sp` is the stack pointer the loader set (the top of RAM).
#[cfg(target_os = "none")]
pub fn start<Args, M: GuestMain<Args>>(initial_sp: usize, main: M) -> ! {
    crate::heap::init(initial_sp);
    let code = main.run();
    crate::abi::exit(code)
}

/// The native twin of [`start`]: input from `$JOLT_INPUT`, output to stdout.
#[cfg(not(target_os = "none"))]
pub fn start_native<Args, M: GuestMain<Args>>(main: M) -> ! {
    let code = main.run();
    crate::abi::exit(code)
}
