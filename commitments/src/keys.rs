//! Prover-key and verifier-key files: one small versioned container around a scheme's
//! ark-serialized setup, so a setup imported once (e.g. from a ceremony, [`crate::ptau`]) is
//! reused by every `prove`, and a verifier reads only its own few group elements.
//! See `paper-notes/setup.md`.
//!
//! **Format** (integers little-endian):
//!
//! ```text
//! "JOLTKEY\0"          8 bytes magic
//! u32 version          1
//! u8  kind             0 = prover key, 1 = verifier key
//! u8  family length L  1..=32, then L bytes of ASCII family name ("kzg", "hyrax", …)
//! u64 payload length   then the payload: the setup, ark-serialize compressed
//! ```
//!
//! The **family** names what the payload is, not which scheme wrote it: HyperKZG and Zeromorph
//! share the KZG setup ([`crate::kzg::KzgProverSetup`] / [`crate::kzg::KzgVerifierSetup`]), so
//! both read a `"kzg"` key ([`key_family`]). Loading checks the magic, version, kind and
//! family, that the payload is exactly as long as stated and nothing follows it, decodes the
//! payload with full point validation (on the curve, in the prime-order subgroup), and then
//! checks the setup's relations: [`CommitmentScheme::check_setup`] for a prover key (for KZG,
//! pairing checks that the powers are consecutive), and for a KZG verifier key
//! [`check_kzg_verifier_key`] (`G, τG, τ²G, H, τH, τ²H, τ³H` are powers of one τ). Reading never
//! allocates beyond the bytes actually present.

use crate::error::PcsError;
use crate::kzg::KzgVerifierSetup;
use crate::traits::CommitmentScheme;
use ark_bn254::{Bn254, G1Affine, G1Projective, G2Affine};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::Zero;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use std::io::{Read, Write};
use std::path::Path;
use thiserror::Error;

/// The key file's magic bytes.
pub const KEY_MAGIC: [u8; 8] = *b"JOLTKEY\0";
/// The key file format's version.
pub const KEY_VERSION: u32 = 1;
/// Longest family name.
const MAX_FAMILY_LEN: usize = 32;

/// Which half of a setup a key file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// The prover's setup (for KZG: `2^k` powers of τ in G1 and the verifier's elements).
    Prover,
    /// The verifier's setup (for KZG: seven group elements and `N`).
    Verifier,
}

impl KeyKind {
    fn byte(self) -> u8 {
        match self {
            KeyKind::Prover => 0,
            KeyKind::Verifier => 1,
        }
    }
}

impl core::fmt::Display for KeyKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            KeyKind::Prover => "prover key",
            KeyKind::Verifier => "verifier key",
        })
    }
}

/// Why a key file was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum KeyFileError {
    /// Reading or writing the file failed (the I/O error's text).
    #[error("I/O: {0}")]
    Io(String),
    /// The file does not start with `JOLTKEY\0`.
    #[error("not a key file (bad magic bytes)")]
    BadMagic,
    /// A format version this code does not read.
    #[error("unsupported key file version {0}")]
    UnsupportedVersion(u32),
    /// The kind byte is neither prover (0) nor verifier (1).
    #[error("unknown key kind byte {0}")]
    UnknownKind(u8),
    /// A prover key where a verifier key was expected, or the reverse.
    #[error("expected a {expected}, the file holds a {found}")]
    WrongKind {
        /// The kind asked for.
        expected: KeyKind,
        /// The kind in the file.
        found: KeyKind,
    },
    /// The family name is empty, too long or not ASCII.
    #[error("malformed key family name")]
    BadFamily,
    /// The key belongs to another scheme family.
    #[error("the key is for family {found:?}, this scheme needs {expected:?}")]
    WrongFamily {
        /// The family the scheme reads.
        expected: String,
        /// The family in the file.
        found: String,
    },
    /// The file ends before the header or the stated payload does.
    #[error("truncated key file: {0}")]
    Truncated(&'static str),
    /// Bytes follow the payload, or the payload has bytes the setup does not use.
    #[error("unexpected bytes after the {0}")]
    TrailingBytes(&'static str),
}

impl From<std::io::Error> for KeyFileError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            KeyFileError::Truncated("the header")
        } else {
            KeyFileError::Io(e.to_string())
        }
    }
}

/// A key file's header: its kind, its family and the payload length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHeader {
    /// Prover or verifier key.
    pub kind: KeyKind,
    /// The family name (e.g. `"kzg"`).
    pub family: String,
    /// Payload bytes.
    pub payload_len: u64,
}

/// The key family of scheme `S`: `"kzg"` for HyperKZG and Zeromorph (one KZG setup serves
/// both), the scheme's own [`CommitmentScheme::NAME`] otherwise.
pub fn key_family<S: CommitmentScheme>() -> &'static str {
    match S::NAME {
        "hyperkzg" | "zeromorph" => "kzg",
        other => other,
    }
}

fn write_key(
    mut writer: impl Write,
    kind: KeyKind,
    family: &str,
    payload: &impl CanonicalSerialize,
) -> Result<u64, PcsError> {
    assert!(
        !family.is_empty() && family.len() <= MAX_FAMILY_LEN && family.is_ascii(),
        "key family names are 1..=32 ASCII bytes"
    );
    let io = |e: std::io::Error| PcsError::from(KeyFileError::Io(e.to_string()));
    let payload_len = payload.compressed_size() as u64;
    let mut header = Vec::with_capacity(8 + 4 + 2 + family.len() + 8);
    header.extend_from_slice(&KEY_MAGIC);
    header.extend_from_slice(&KEY_VERSION.to_le_bytes());
    header.push(kind.byte());
    header.push(family.len() as u8);
    header.extend_from_slice(family.as_bytes());
    header.extend_from_slice(&payload_len.to_le_bytes());
    writer.write_all(&header).map_err(io)?;
    payload.serialize_compressed(&mut writer)?;
    writer.flush().map_err(io)?;
    Ok(header.len() as u64 + payload_len)
}

/// Reads and checks a key file's header (magic, version, kind byte, family name).
pub fn read_key_header(reader: &mut impl Read) -> Result<KeyHeader, PcsError> {
    let mut fixed = [0u8; 8 + 4 + 2];
    reader.read_exact(&mut fixed).map_err(KeyFileError::from)?;
    if fixed[..8] != KEY_MAGIC {
        return Err(KeyFileError::BadMagic.into());
    }
    let version = u32::from_le_bytes(fixed[8..12].try_into().expect("4 bytes"));
    if version != KEY_VERSION {
        return Err(KeyFileError::UnsupportedVersion(version).into());
    }
    let kind = match fixed[12] {
        0 => KeyKind::Prover,
        1 => KeyKind::Verifier,
        b => return Err(KeyFileError::UnknownKind(b).into()),
    };
    let family_len = fixed[13] as usize;
    if family_len == 0 || family_len > MAX_FAMILY_LEN {
        return Err(KeyFileError::BadFamily.into());
    }
    let mut family = vec![0u8; family_len];
    reader.read_exact(&mut family).map_err(KeyFileError::from)?;
    let family = String::from_utf8(family)
        .ok()
        .filter(|f| f.is_ascii())
        .ok_or(KeyFileError::BadFamily)?;
    let mut len = [0u8; 8];
    reader.read_exact(&mut len).map_err(KeyFileError::from)?;
    Ok(KeyHeader {
        kind,
        family,
        payload_len: u64::from_le_bytes(len),
    })
}

/// Reads a key file of `kind` and `family` and returns its payload bytes, checked to be
/// exactly the stated length with nothing after them (reads only the bytes present).
fn read_payload(mut reader: impl Read, kind: KeyKind, family: &str) -> Result<Vec<u8>, PcsError> {
    let header = read_key_header(&mut reader)?;
    if header.kind != kind {
        return Err(KeyFileError::WrongKind {
            expected: kind,
            found: header.kind,
        }
        .into());
    }
    if header.family != family {
        return Err(KeyFileError::WrongFamily {
            expected: family.to_string(),
            found: header.family,
        }
        .into());
    }
    let mut payload = Vec::new();
    (&mut reader)
        .take(header.payload_len)
        .read_to_end(&mut payload)
        .map_err(KeyFileError::from)?;
    if (payload.len() as u64) < header.payload_len {
        return Err(KeyFileError::Truncated("the payload").into());
    }
    let mut rest = [0u8; 1];
    if reader.read(&mut rest).map_err(KeyFileError::from)? != 0 {
        return Err(KeyFileError::TrailingBytes("payload").into());
    }
    Ok(payload)
}

/// Decodes `T` from all of `payload` with point validation; leftover bytes are an error.
fn decode_payload<T: CanonicalDeserialize>(payload: &[u8]) -> Result<T, PcsError> {
    let mut cursor = payload;
    let value = T::deserialize_compressed(&mut cursor)?;
    if !cursor.is_empty() {
        return Err(KeyFileError::TrailingBytes("setup inside the payload").into());
    }
    Ok(value)
}

/// Checks a KZG verifier key on its own: `G`, `H` are not the identity, `N` is a power of two
/// (every setup here has `N = 2^k`; Zeromorph's degree check depends on it), and
/// `e(τG, H) = e(G, τH)`, `e(τ²G, H) = e(τG, τH)`, `e(G, τ²H) = e(τG, τH)`,
/// `e(G, τ³H) = e(τ²G, τH)` (so all seven elements are powers of one τ). Four 2-pairing
/// products.
pub fn check_kzg_verifier_key(vk: &KzgVerifierSetup) -> Result<(), PcsError> {
    if !vk.num_powers.is_power_of_two() {
        return Err(PcsError::InvalidSetup(
            "the number of powers N is not a power of two",
        ));
    }
    if vk.g1.is_zero() || vk.g2.is_zero() {
        return Err(PcsError::InvalidSetup("a generator is the identity"));
    }
    let same = |a: G1Affine, b: G2Affine, c: G1Affine, d: G2Affine| {
        Bn254::multi_pairing([a, (-G1Projective::from(c)).into_affine()], [b, d]).is_zero()
    };
    let [tau_g, tau2_g] = vk.tau_powers_g1;
    let [tau2_h, tau3_h] = vk.tau_powers_g2;
    let consistent = same(tau_g, vk.g2, vk.g1, vk.tau_g2)
        && same(tau2_g, vk.g2, tau_g, vk.tau_g2)
        && same(vk.g1, tau2_h, tau_g, vk.tau_g2)
        && same(vk.g1, tau3_h, tau2_g, vk.tau_g2);
    if consistent {
        Ok(())
    } else {
        Err(PcsError::InvalidSetup(
            "G, τG, τ²G, H, τH, τ²H, τ³H are not powers of one τ",
        ))
    }
}

/// Writes `S`'s prover setup as a prover key of family [`key_family`]`::<S>()`; returns the
/// bytes written.
pub fn write_prover_key<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    writer: impl Write,
) -> Result<u64, PcsError> {
    write_key(writer, KeyKind::Prover, key_family::<S>(), setup)
}

/// Writes `S`'s verifier setup as a verifier key; returns the bytes written.
pub fn write_verifier_key<S: CommitmentScheme>(
    setup: &S::VerifierSetup,
    writer: impl Write,
) -> Result<u64, PcsError> {
    write_key(writer, KeyKind::Verifier, key_family::<S>(), setup)
}

/// Reads a prover key for `S`: header checks, validated decoding, then
/// [`CommitmentScheme::check_setup`].
pub fn read_prover_key<S: CommitmentScheme>(reader: impl Read) -> Result<S::ProverSetup, PcsError> {
    let payload = read_payload(reader, KeyKind::Prover, key_family::<S>())?;
    let setup: S::ProverSetup = decode_payload(&payload)?;
    S::check_setup(&setup)?;
    Ok(setup)
}

/// Reads a verifier key for `S`: header checks, validated decoding, and for the `"kzg"`
/// family [`check_kzg_verifier_key`].
pub fn read_verifier_key<S: CommitmentScheme>(
    reader: impl Read,
) -> Result<S::VerifierSetup, PcsError> {
    let family = key_family::<S>();
    let payload = read_payload(reader, KeyKind::Verifier, family)?;
    let setup: S::VerifierSetup = decode_payload(&payload)?;
    if family == "kzg" {
        // The "kzg" family's payload is a `KzgVerifierSetup` whichever scheme reads it.
        check_kzg_verifier_key(&decode_payload::<KzgVerifierSetup>(&payload)?)?;
    }
    Ok(setup)
}

fn create(path: &Path) -> Result<std::io::BufWriter<std::fs::File>, PcsError> {
    let file = std::fs::File::create(path)
        .map_err(|e| KeyFileError::Io(format!("{}: {e}", path.display())))?;
    Ok(std::io::BufWriter::new(file))
}

fn open(path: &Path) -> Result<std::io::BufReader<std::fs::File>, PcsError> {
    let file = std::fs::File::open(path)
        .map_err(|e| KeyFileError::Io(format!("{}: {e}", path.display())))?;
    Ok(std::io::BufReader::new(file))
}

/// [`write_prover_key`] to a new file at `path`; returns the file size.
pub fn save_prover_key<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    path: &Path,
) -> Result<u64, PcsError> {
    write_prover_key::<S>(setup, create(path)?)
}

/// [`write_verifier_key`] to a new file at `path`; returns the file size.
pub fn save_verifier_key<S: CommitmentScheme>(
    setup: &S::VerifierSetup,
    path: &Path,
) -> Result<u64, PcsError> {
    write_verifier_key::<S>(setup, create(path)?)
}

/// [`read_prover_key`] from the file at `path`.
pub fn load_prover_key<S: CommitmentScheme>(path: &Path) -> Result<S::ProverSetup, PcsError> {
    read_prover_key::<S>(open(path)?)
}

/// [`read_verifier_key`] from the file at `path`.
pub fn load_verifier_key<S: CommitmentScheme>(path: &Path) -> Result<S::VerifierSetup, PcsError> {
    read_verifier_key::<S>(open(path)?)
}
