//! The proof file: a versioned header, the public I/O, then the proof (ark-serialize,
//! compressed, every group element validated on reading).
//!
//! ```text
//! magic "JOLTPRF\0" | version u32 | scheme name (u64 length + bytes) | backend name
//! (u64 length + bytes) | C u32 | log M u32 | log T u32 | PublicIo | BackendProof
//! ```
//!
//! The header says which commitment scheme, backend and parameters to preprocess with (the
//! proof's own first byte repeats the backend, and the two must agree); the verifier
//! still derives everything else (layout, bytecode, constraints) from the program itself.

use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use commitments::CommitmentScheme;

use super::backend::{Backend, BackendProof};
use super::proof::PublicIo;

/// The file's first eight bytes.
pub const MAGIC: &[u8; 8] = b"JOLTPRF\0";
/// The format version this code writes and reads.
pub const VERSION: u32 = 2;

/// The header of a proof file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofHeader {
    /// [`CommitmentScheme::NAME`] of the scheme the proof uses.
    pub scheme: String,
    /// The memory-checking backend that made the proof.
    pub backend: Backend,
    /// Lookup chunks `C`.
    pub chunks: u32,
    /// Subtable size `log M`.
    pub log_m: u32,
    /// `log2 T` of the proof's trace.
    pub log_t: u32,
}

/// Why a proof file could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProofFileError {
    /// Not a proof file.
    #[error("not a proof file (bad magic bytes)")]
    BadMagic,
    /// A version this code does not read.
    #[error("proof file version {0}, this verifier reads version {VERSION}")]
    UnsupportedVersion(u32),
    /// The header names another scheme than the one asked for.
    #[error("the proof uses {found}, not {expected}")]
    WrongScheme {
        /// In the file.
        found: String,
        /// Asked for.
        expected: &'static str,
    },
    /// The proof was made by another backend than the one asked for.
    #[error("the proof uses the {found} backend, not {expected}")]
    WrongBackend {
        /// In the file.
        found: Backend,
        /// Asked for.
        expected: Backend,
    },
    /// The bytes do not deserialize (truncated, invalid group element, …).
    #[error("malformed proof file: {0}")]
    Malformed(String),
    /// Bytes are left after the proof.
    #[error("{0} trailing bytes after the proof")]
    TrailingBytes(usize),
}

fn malformed(e: ark_serialize::SerializationError) -> ProofFileError {
    ProofFileError::Malformed(e.to_string())
}

/// Serializes a proof with its header and public I/O.
pub fn write_proof_file<S: CommitmentScheme>(
    params: &instructions::LookupParams,
    io: &PublicIo,
    proof: &BackendProof<S>,
) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(proof.compressed_size() + 64);
    bytes.extend_from_slice(MAGIC);
    let header = (
        VERSION,
        S::NAME.as_bytes().to_vec(),
        proof.backend().name().as_bytes().to_vec(),
    );
    let params_header = (params.c() as u32, params.log_m() as u32, proof.log_t());
    header
        .serialize_compressed(&mut bytes)
        .expect("writing to a Vec cannot fail");
    params_header
        .serialize_compressed(&mut bytes)
        .expect("writing to a Vec cannot fail");
    io.serialize_compressed(&mut bytes)
        .expect("writing to a Vec cannot fail");
    proof
        .serialize_compressed(&mut bytes)
        .expect("writing to a Vec cannot fail");
    bytes
}

/// Reads the header; returns it and the rest of the file.
pub fn read_header(bytes: &[u8]) -> Result<(ProofHeader, &[u8]), ProofFileError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(ProofFileError::BadMagic)?;
    let mut reader = rest;
    let version = u32::deserialize_compressed(&mut reader).map_err(malformed)?;
    if version != VERSION {
        return Err(ProofFileError::UnsupportedVersion(version));
    }
    let name = read_bounded_bytes(&mut reader, 64)?;
    let scheme = String::from_utf8(name)
        .map_err(|_| ProofFileError::Malformed("scheme name is not UTF-8".into()))?;
    let backend_name = read_bounded_bytes(&mut reader, 16)?;
    let backend: Backend = std::str::from_utf8(&backend_name)
        .ok()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| ProofFileError::Malformed("unknown backend name".into()))?;
    let chunks = u32::deserialize_compressed(&mut reader).map_err(malformed)?;
    let log_m = u32::deserialize_compressed(&mut reader).map_err(malformed)?;
    let log_t = u32::deserialize_compressed(&mut reader).map_err(malformed)?;
    Ok((
        ProofHeader {
            scheme,
            backend,
            chunks,
            log_m,
            log_t,
        },
        reader,
    ))
}

/// A length-prefixed byte string of at most `max` bytes (checked before allocating).
fn read_bounded_bytes(reader: &mut &[u8], max: usize) -> Result<Vec<u8>, ProofFileError> {
    let len = u64::deserialize_compressed(&mut *reader).map_err(malformed)?;
    if len > max as u64 || len as usize > reader.len() {
        return Err(ProofFileError::Malformed(format!(
            "a length field says {len} bytes"
        )));
    }
    let (head, tail) = reader.split_at(len as usize);
    *reader = tail;
    Ok(head.to_vec())
}

/// Reads a proof file written by [`write_proof_file`] for scheme `S`.
pub fn read_proof_file<S: CommitmentScheme>(
    bytes: &[u8],
) -> Result<(ProofHeader, PublicIo, BackendProof<S>), ProofFileError> {
    let (header, rest) = read_header(bytes)?;
    if header.scheme != S::NAME {
        return Err(ProofFileError::WrongScheme {
            found: header.scheme,
            expected: S::NAME,
        });
    }
    let mut reader = rest;
    let io = PublicIo::deserialize_compressed(&mut reader).map_err(malformed)?;
    let proof = BackendProof::<S>::deserialize_compressed(&mut reader).map_err(malformed)?;
    if !reader.is_empty() {
        return Err(ProofFileError::TrailingBytes(reader.len()));
    }
    // Only the canonical encoding is accepted: some byte patterns decode to the same object
    // (e.g. the point at infinity ignores its coordinate bytes), and a proof file should have
    // exactly one valid form.
    let mut canonical = Vec::with_capacity(rest.len());
    io.serialize_compressed(&mut canonical)
        .expect("writing to a Vec cannot fail");
    proof
        .serialize_compressed(&mut canonical)
        .expect("writing to a Vec cannot fail");
    if canonical != rest {
        return Err(ProofFileError::Malformed(
            "not the canonical encoding of its proof".into(),
        ));
    }
    if proof.backend() != header.backend {
        return Err(ProofFileError::Malformed(
            "header and proof disagree on the backend".into(),
        ));
    }
    if proof.log_t() != header.log_t {
        return Err(ProofFileError::Malformed(
            "header and proof disagree on the trace length".into(),
        ));
    }
    Ok((header, io, proof))
}
