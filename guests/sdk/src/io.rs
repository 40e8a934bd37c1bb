//! Typed public input and output: postcard over the input and output regions.

use core::cell::Cell;

use serde::{Deserialize, Serialize};

use crate::abi;

/// A `Cell` the single-threaded guest may keep in a `static`.
pub(crate) struct GuestCell<T>(pub(crate) Cell<T>);
// SAFETY: a guest runs on one hart with no threads or interrupts; native builds call the
// guest `main` from one thread only.
unsafe impl<T> Sync for GuestCell<T> {}

/// How many input bytes [`read`] has consumed.
static INPUT_CURSOR: GuestCell<usize> = GuestCell(Cell::new(0));

/// Decodes the next value of type `T` from the public input (postcard; values are read one
/// after the other). Borrowed types (`&str`, `&[u8]`) point into the input region.
///
/// Panics (exit code 101) when the remaining input is not a `T`.
#[track_caller]
pub fn read<T: Deserialize<'static>>() -> T {
    let rest = read_bytes();
    match postcard::take_from_bytes::<T>(rest) {
        Ok((value, tail)) => {
            INPUT_CURSOR
                .0
                .set(INPUT_CURSOR.0.get() + rest.len() - tail.len());
            value
        }
        Err(e) => panic!(
            "cannot decode the input from byte {} as {}: {e}",
            INPUT_CURSOR.0.get(),
            core::any::type_name::<T>()
        ),
    }
}

/// The input bytes [`read`] has not consumed yet (all of them if it was never called).
pub fn read_bytes() -> &'static [u8] {
    &abi::input_bytes()[INPUT_CURSOR.0.get()..]
}

/// Appends `value`, postcard-encoded, to the public output.
pub fn commit<T: Serialize + ?Sized>(value: &T) {
    let writer = OutputWriter::new();
    match postcard::serialize_with_flavor(value, writer) {
        Ok(writer) => writer.finish(),
        Err(e) => panic!("cannot encode the output: {e}"),
    }
}

/// Appends raw bytes to the public output.
pub fn commit_bytes(bytes: &[u8]) {
    let mut writer = OutputWriter::new();
    writer.push(bytes);
    writer.finish();
}

/// Appends bytes to the public output; the output length is updated by [`Self::finish`].
/// It is a postcard [`Flavor`](postcard::ser_flavors::Flavor) (what [`commit`] uses) and a
/// [`core::fmt::Write`] (text output without a heap: `write!(w, …)`).
pub struct OutputWriter {
    len: usize,
    #[cfg(not(target_os = "none"))]
    bytes: alloc::vec::Vec<u8>,
}

impl OutputWriter {
    /// A writer that appends after the output written so far.
    pub fn new() -> Self {
        OutputWriter {
            #[cfg(target_os = "none")]
            len: abi::output_len(),
            #[cfg(not(target_os = "none"))]
            len: 0,
            #[cfg(not(target_os = "none"))]
            bytes: alloc::vec::Vec::new(),
        }
    }

    /// A writer that replaces the output (the panic handler's).
    #[cfg(target_os = "none")]
    pub(crate) fn replacing() -> Self {
        OutputWriter { len: 0 }
    }

    /// Appends `bytes`.
    pub fn push(&mut self, bytes: &[u8]) {
        #[cfg(target_os = "none")]
        for (i, &b) in bytes.iter().enumerate() {
            abi::write_output_byte(self.len + i, b);
        }
        #[cfg(not(target_os = "none"))]
        self.bytes.extend_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Publishes the bytes written: sets the output length (VM) or writes them to stdout
    /// (native).
    pub fn finish(self) {
        #[cfg(target_os = "none")]
        abi::set_output_len(self.len);
        #[cfg(not(target_os = "none"))]
        {
            use std::io::Write;
            std::io::stdout()
                .write_all(&self.bytes)
                .expect("write the output to stdout");
        }
    }
}

impl Default for OutputWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl postcard::ser_flavors::Flavor for OutputWriter {
    type Output = OutputWriter;

    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.push(&[data]);
        Ok(())
    }

    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.push(data);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<Self::Output> {
        Ok(self)
    }
}

impl core::fmt::Write for OutputWriter {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}
