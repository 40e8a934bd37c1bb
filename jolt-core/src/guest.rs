//! The host side of the Rust guest SDK (`guests/sdk`, crate `jolt-guest`): typed public I/O.
//!
//! A guest written with `jolt_guest::entry!(main)` reads its argument `I` from the public
//! input and commits its result `O` to the public output, both postcard-encoded. Here the
//! host encodes `I`, runs or proves the guest, and decodes `O`:
//!
//! ```no_run
//! use commitments::HyperKzg;
//! use jolt_core::guest::{prove_typed, GuestConfig};
//!
//! let elf = std::fs::read("guests/programs/elf/fibonacci.elf")?;
//! let proved = prove_typed::<HyperKzg, u32, u64>(&elf, &1000, &GuestConfig::default())?;
//! println!("fib(1000) mod 2^64 = {} ({} steps, verified)", proved.output, proved.run.steps);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The memory-checking backend is a field of the configuration (default
//! [`Backend::default`]):
//!
//! ```no_run
//! # use commitments::HyperKzg;
//! # use jolt_core::guest::{prove_typed, GuestConfig};
//! use jolt_core::zkvm::Backend;
//! # let elf = std::fs::read("guests/programs/elf/fibonacci.elf")?;
//! let config = GuestConfig { backend: Backend::TwistShout, ..GuestConfig::default() };
//! let proved = prove_typed::<HyperKzg, u32, u64>(&elf, &1000, &config)?;
//! assert_eq!(proved.run.proof.backend(), Backend::TwistShout);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A guest that panicked halts with exit code [`PANIC_EXIT_CODE`] and its message as the
//! output; the decoders turn that into [`GuestError::Panicked`] (the proof of such a run is
//! still a valid proof, of the panic).

use commitments::CommitmentScheme;
use instructions::LookupParams;
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

use crate::vm::{self, ExecutionError, LayoutConfig, LoadError, Program, RunOptions, RunSummary};
use crate::zkvm::{
    preprocess_and_prove_within, verify, Backend, JoltError, MemoryLimit, ProveError, ProvedRun,
    ProverKey, Silent,
};

/// The exit code of a guest that panicked (`jolt_guest::PANIC_EXIT_CODE`).
pub const PANIC_EXIT_CODE: u32 = 101;

/// The insecure deterministic PCS setup seed of [`prove_typed`] (the CLI's `DEV_SETUP_SEED`).
pub const SETUP_SEED: u64 = 0x4a4f_4c54;

/// Why a typed run or proof failed.
#[derive(Debug, Error)]
pub enum GuestError {
    /// The input could not be encoded.
    #[error("cannot encode the input: {0}")]
    Encode(postcard::Error),
    /// The program could not be loaded.
    #[error("cannot load the program: {0}")]
    Load(#[from] LoadError),
    /// The program failed in the emulator.
    #[error("the program failed: {0}")]
    Execution(#[from] ExecutionError),
    /// Proving failed.
    #[error("proving failed: {0}")]
    Prove(#[from] ProveError),
    /// The proof did not verify.
    #[error("the proof did not verify: {0}")]
    Rejected(#[from] JoltError),
    /// The guest panicked: exit code [`PANIC_EXIT_CODE`], the message is its output.
    #[error("the guest panicked: {0}")]
    Panicked(String),
    /// The guest halted with a nonzero exit code other than a panic's.
    #[error("the guest exited with code {code}")]
    Exit {
        /// The exit code.
        code: u32,
        /// The output bytes it wrote.
        output: Vec<u8>,
    },
    /// The output is not a postcard encoding of the expected type.
    #[error("cannot decode the output ({len} bytes) as {ty}: {source}")]
    Decode {
        /// The expected type.
        ty: &'static str,
        /// Output length.
        len: usize,
        /// The postcard error.
        source: postcard::Error,
    },
}

/// Layout and prover parameters of a typed run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuestConfig {
    /// The memory layout (`max_input_bytes` is raised to the encoded input's length).
    pub layout: LayoutConfig,
    /// Lookup decomposition parameters.
    pub params: LookupParams,
    /// Emulator options (cycle limit).
    pub run: RunOptions,
    /// The memory-checking backend [`prove_typed`] proves with (Lasso/Spice or Twist/Shout;
    /// the proof records it and is verified with it).
    pub backend: Backend,
}

impl Default for GuestConfig {
    fn default() -> Self {
        GuestConfig {
            layout: LayoutConfig::default(),
            params: LookupParams::DEFAULT,
            run: RunOptions::default(),
            backend: Backend::default(),
        }
    }
}

/// The postcard encoding of `input`: the public input bytes of a guest whose `main` takes
/// an `I` (several values are read one after another: encode a tuple).
pub fn encode_input<I: Serialize + ?Sized>(input: &I) -> Result<Vec<u8>, GuestError> {
    postcard::to_allocvec(input).map_err(GuestError::Encode)
}

/// Decodes a guest's `O` from its exit code and output bytes: exit code 0 and a postcard
/// `O` (trailing bytes, from further commits, are ignored).
pub fn decode_output<O: DeserializeOwned>(exit_code: u32, output: &[u8]) -> Result<O, GuestError> {
    match exit_code {
        0 => postcard::take_from_bytes::<O>(output)
            .map(|(value, _)| value)
            .map_err(|source| GuestError::Decode {
                ty: std::any::type_name::<O>(),
                len: output.len(),
                source,
            }),
        PANIC_EXIT_CODE => Err(GuestError::Panicked(
            String::from_utf8_lossy(output).into_owned(),
        )),
        code => Err(GuestError::Exit {
            code,
            output: output.to_vec(),
        }),
    }
}

/// Loads `elf` under `config`'s layout, with room for `input_len` input bytes.
pub fn load(elf: &[u8], config: &GuestConfig, input_len: usize) -> Result<Program, GuestError> {
    let mut layout = config.layout;
    layout.max_input_bytes = layout
        .max_input_bytes
        .max(u32::try_from(input_len).unwrap_or(u32::MAX));
    Ok(Program::load(elf, &layout)?)
}

/// Runs the guest on `input` in the emulator (no proof) and decodes its output.
pub fn run_typed<I: Serialize + ?Sized, O: DeserializeOwned>(
    elf: &[u8],
    input: &I,
    config: &GuestConfig,
) -> Result<(O, RunSummary), GuestError> {
    let bytes = encode_input(input)?;
    let program = load(elf, config, bytes.len())?;
    let summary = vm::run(&program, &bytes, &config.run)?;
    let output = decode_output(summary.exit_code, &summary.output)?;
    Ok((output, summary))
}

/// A verified proof of a typed run and its decoded output.
pub struct TypedProof<S: CommitmentScheme, O> {
    /// The guest's decoded output.
    pub output: O,
    /// The proof, its statement (`run.io`), preprocessing, timings and step counts.
    pub run: ProvedRun<S>,
}

/// Encodes `input`, proves the guest's run on it with `config.backend` (insecure
/// deterministic setup, seed [`SETUP_SEED`]; stops before tracing when the proof would not
/// fit the memory available), verifies the proof, and decodes the output as an `O`.
pub fn prove_typed<S: CommitmentScheme, I: Serialize + ?Sized, O: DeserializeOwned>(
    elf: &[u8],
    input: &I,
    config: &GuestConfig,
) -> Result<TypedProof<S, O>, GuestError> {
    let bytes = encode_input(input)?;
    let program = load(elf, config, bytes.len())?;
    let run = preprocess_and_prove_within::<S>(
        program,
        &bytes,
        config.params,
        &config.run,
        config.backend,
        ProverKey::InsecureDev(SETUP_SEED),
        MemoryLimit::Detect,
        &Silent,
    )?;
    verify(&run.preprocessing, &run.io, &run.proof)?;
    let output = decode_output(run.io.exit_code, &run.io.output)?;
    Ok(TypedProof { output, run })
}

/// The public input bytes for a JSON description of a guest's input, without the Rust type:
/// a JSON value maps to the postcard encoding of the serde value it stands for —
/// `null` → `()`, `true`/`false` → `bool`, a non-negative integer → any unsigned integer
/// wider than `u8` (LEB128 varint), a negative one → a signed integer (zigzag varint), other
/// numbers → `f64`, a string → `String`/`&str`, an array → `Vec<T>` (length, then elements).
/// At the top level an array stands for a *tuple or struct* (its elements in order, no
/// length): `[1000, "abc"]` is the input of `fn main((n, s): (u32, String))`. Objects are
/// refused (postcard has no field names).
pub fn input_from_json(value: &serde_json::Value) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                encode_json(item, &mut out)?;
            }
        }
        other => encode_json(other, &mut out)?,
    }
    Ok(out)
}

fn encode_json(value: &serde_json::Value, out: &mut Vec<u8>) -> Result<(), String> {
    use serde_json::Value;
    let encoded = match value {
        Value::Null => postcard::to_allocvec(&()),
        Value::Bool(b) => postcard::to_allocvec(b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => postcard::to_allocvec(&u),
            (None, Some(i), _) => postcard::to_allocvec(&i),
            (None, None, Some(f)) => postcard::to_allocvec(&f),
            _ => return Err(format!("unsupported number {n}")),
        },
        Value::String(s) => postcard::to_allocvec(s),
        Value::Array(items) => {
            out.extend(postcard::to_allocvec(&items.len()).map_err(|e| e.to_string())?);
            for item in items {
                encode_json(item, out)?;
            }
            return Ok(());
        }
        Value::Object(_) => {
            return Err(
                "JSON objects have no postcard form: write a struct as an array of its fields"
                    .into(),
            )
        }
    };
    out.extend(encoded.map_err(|e| e.to_string())?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_input_matches_postcard_of_the_typed_value() {
        let json: serde_json::Value =
            serde_json::from_str(r#"[1000, "abc", [1, 2, 300], -5, true]"#).unwrap();
        let typed = (1000u32, "abc", vec![1u16, 2, 300], -5i32, true);
        assert_eq!(
            input_from_json(&json).unwrap(),
            encode_input(&typed).unwrap()
        );
    }

    #[test]
    fn panics_and_exit_codes_are_errors_not_outputs() {
        assert!(matches!(
            decode_output::<u32>(PANIC_EXIT_CODE, b"panicked at x"),
            Err(GuestError::Panicked(m)) if m == "panicked at x"
        ));
        assert!(matches!(
            decode_output::<u32>(3, &[]),
            Err(GuestError::Exit { code: 3, .. })
        ));
        assert_eq!(decode_output::<u32>(0, &[0xe8, 0x07]).unwrap(), 1000);
    }
}
