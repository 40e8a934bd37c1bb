//! KZG setups from a powers-of-τ ceremony: the snarkjs `.ptau` format that BN254 ceremonies
//! (Perpetual Powers of Tau, the Hermez `powersOfTau28_hez_final_*.ptau` files) publish.
//! See `paper-notes/setup.md`.
//!
//! **Format** (iden3 binary container, all integers little-endian):
//!
//! ```text
//! "ptau"  u32 version (1)  u32 #sections
//! #sections × { u32 id, u64 size, size bytes }            (any order, each id at most once)
//! section 1, header:  u32 n8 = 32, q (n8 bytes, the base-field prime), u32 power, u32 ceremonyPower
//! section 2, tauG1:   2^(power+1) − 1 G1 points  τ^i·G
//! section 3, tauG2:   2^power G2 points           τ^i·H
//! section 4 alphaTauG1, 5 betaTauG1, 6 betaG2, 7 contributions (Groth16 phase 2; not read here)
//! ```
//!
//! A point is affine `x ‖ y`, each coordinate `n8` bytes little-endian in Montgomery form
//! (`x·R mod q`, `R = 2^256`); a G2 coordinate is `c0 ‖ c1` of `c0 + c1·u ∈ F_{q²}`. The point at
//! infinity is all zero bytes (not a curve point, so unambiguous).
//!
//! **Import** ([`import_setup`]) reads the first `N = 2^k` G1 powers and `H, τH, τ²H, τ³H`, and
//! rejects, with a [`PtauError`], anything that is not exactly this format: a wrong magic or
//! version, a section running past the end of the file, a duplicated or missing section, a
//! section whose size disagrees with `power`, a field other than BN254's base field, a
//! coordinate `≥ q`, a point off the curve or outside the prime-order subgroup, the point at
//! infinity, first powers that are not the standard generators, or `τ = 1` (a fresh
//! accumulator nobody contributed to). Then it runs
//! [`KzgProverSetup::check_consistency`] (pairing checks that the powers are consecutive powers of
//! one τ). Nothing is allocated beyond what the file's own length bounds.
//!
//! [`write_ptau`] writes a valid file from a known τ, for tests and demos.

use crate::error::PcsError;
use crate::kzg::{KzgProverSetup, KzgVerifierSetup};
use ark_bn254::{Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::scalar_mul::BatchMulPreprocessing;
use ark_ec::{AffineRepr, PrimeGroup};
use ark_ff::{BigInt, BigInteger, Field, One, PrimeField};
use rayon::prelude::*;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use thiserror::Error;

/// The container's magic bytes.
pub const PTAU_MAGIC: [u8; 4] = *b"ptau";
/// The only container version snarkjs writes and reads.
pub const PTAU_VERSION: u32 = 1;
/// Section ids read by the importer.
pub const SECTION_HEADER: u32 = 1;
/// G1 powers `τ^i·G`, `i < 2^(power+1) − 1`.
pub const SECTION_TAU_G1: u32 = 2;
/// G2 powers `τ^i·H`, `i < 2^power`.
pub const SECTION_TAU_G2: u32 = 3;
/// Bytes of one base-field element.
const N8: usize = 32;
/// Bytes of one affine G1 / G2 point.
const G1_BYTES: usize = 2 * N8;
const G2_BYTES: usize = 4 * N8;
/// The header section: n8, q, power, ceremonyPower.
const HEADER_BYTES: u64 = 4 + N8 as u64 + 4 + 4;
/// Largest `power` accepted (the counts `2^(power+1)` then fit comfortably in a `u64`).
const MAX_POWER: u32 = 40;
/// Most sections a file may have (snarkjs writes at most 11, ids 1–7 and 12–15).
const MAX_SECTIONS: u32 = 64;
/// G1 points decoded per batch (4 MiB of file per read).
const CHUNK_POINTS: usize = 1 << 16;

/// Why a `.ptau` file was rejected. Each variant names what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PtauError {
    /// Reading the file failed (the I/O error's text).
    #[error("cannot read the ceremony file: {0}")]
    Io(String),
    /// The first four bytes are not `ptau`.
    #[error("not a .ptau file: magic bytes {0:?}, expected \"ptau\"")]
    BadMagic([u8; 4]),
    /// A container version other than 1.
    #[error("unsupported .ptau version {0} (only 1 exists)")]
    UnsupportedVersion(u32),
    /// A section header or body extends past the end of the file.
    #[error("truncated file: {0} runs past the end of the file")]
    Truncated(&'static str),
    /// Bytes follow the last section.
    #[error("{0} bytes after the last section")]
    TrailingBytes(u64),
    /// A section the importer needs is absent.
    #[error("section {0} is missing")]
    MissingSection(u32),
    /// More sections than any `.ptau` file has.
    #[error("{0} sections; a .ptau file has at most {MAX_SECTIONS}")]
    TooManySections(u32),
    /// A section id occurs twice.
    #[error("section {0} occurs more than once")]
    DuplicateSection(u32),
    /// The header names a field other than BN254's base field.
    #[error("the file is not for BN254: {0}")]
    WrongCurve(&'static str),
    /// `power` is beyond what any ceremony produces.
    #[error("header power {0} is out of range")]
    PowerOutOfRange(u32),
    /// A section's size disagrees with the header's `power`.
    #[error("section {section} has {got} bytes, power {power} requires {expected}")]
    SectionSize {
        /// The section id.
        section: u32,
        /// The header's power.
        power: u32,
        /// Bytes required.
        expected: u64,
        /// Bytes present.
        got: u64,
    },
    /// The file holds fewer powers than requested (or too few G2 powers: KZG needs `τ³H`).
    #[error("the file has power {power}: it supports up to {power} variables (and needs power ≥ 2); {requested} requested")]
    TooFewPowers {
        /// The header's power.
        power: u32,
        /// `k` for `N = 2^k` powers requested.
        requested: usize,
    },
    /// A point failed a validity check.
    #[error("section {section}, point {index}: {reason}")]
    InvalidPoint {
        /// The section id.
        section: u32,
        /// The point's index in the section.
        index: u64,
        /// Which check failed.
        reason: &'static str,
    },
    /// The first power is not the standard generator, so the file is not `τ^0·G, τ^1·G, …`.
    #[error("section {0}: the first power is not the BN254 generator")]
    NotStandardGenerator(u32),
    /// `τ·G = G`: the file is a fresh accumulator (`snarkjs powersoftau new`) that nobody
    /// contributed to, so `τ = 1` is public.
    #[error("τ = 1: the file is a fresh accumulator with no contribution")]
    NoContribution,
}

impl From<std::io::Error> for PtauError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            PtauError::Truncated("a read")
        } else {
            PtauError::Io(e.to_string())
        }
    }
}

/// One section of the container: its id and where its body lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PtauSection {
    /// The section id.
    pub id: u32,
    /// Offset of the body from the start of the file.
    pub offset: u64,
    /// Body length in bytes.
    pub size: u64,
}

/// What the container and header say: the section table, `power` (the file holds
/// `2^(power+1) − 1` G1 and `2^power` G2 powers) and `ceremony_power` (the ceremony's own size;
/// `snarkjs powersoftau truncate` keeps it, `prepare phase2` resets it to `power`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PtauHeader {
    /// Every section, in file order.
    pub sections: Vec<PtauSection>,
    /// `power` from section 1.
    pub power: u32,
    /// `ceremonyPower` from section 1.
    pub ceremony_power: u32,
}

impl PtauHeader {
    /// The section with id `id`.
    pub fn section(&self, id: u32) -> Result<PtauSection, PtauError> {
        self.sections
            .iter()
            .find(|s| s.id == id)
            .copied()
            .ok_or(PtauError::MissingSection(id))
    }

    /// The largest `k` with `2^k` usable G1 powers and the four G2 powers KZG needs.
    pub fn max_num_vars(&self) -> usize {
        self.power as usize
    }
}

fn read_array<const L: usize>(reader: &mut impl Read) -> Result<[u8; L], PtauError> {
    let mut buf = [0u8; L];
    reader.read_exact(&mut buf)?;
    Ok(buf)
}

fn read_u32(reader: &mut impl Read) -> Result<u32, PtauError> {
    Ok(u32::from_le_bytes(read_array(reader)?))
}

fn read_u64(reader: &mut impl Read) -> Result<u64, PtauError> {
    Ok(u64::from_le_bytes(read_array(reader)?))
}

/// Reads the container's section table and the header section (section 1), checking that
/// every section lies inside the file, no id repeats, and the field is BN254's `F_q`.
pub fn read_header<R: Read + Seek>(reader: &mut R) -> Result<PtauHeader, PtauError> {
    let file_len = reader.seek(SeekFrom::End(0))?;
    reader.seek(SeekFrom::Start(0))?;
    let magic: [u8; 4] = read_array(reader).map_err(|_| PtauError::Truncated("the magic"))?;
    if magic != PTAU_MAGIC {
        return Err(PtauError::BadMagic(magic));
    }
    let version = read_u32(reader).map_err(|_| PtauError::Truncated("the version"))?;
    if version != PTAU_VERSION {
        return Err(PtauError::UnsupportedVersion(version));
    }
    let num_sections = read_u32(reader).map_err(|_| PtauError::Truncated("the section count"))?;
    if num_sections > MAX_SECTIONS {
        return Err(PtauError::TooManySections(num_sections));
    }
    let mut pos = 12u64;
    let mut sections = Vec::new();
    for _ in 0..num_sections {
        if file_len - pos < 12 {
            return Err(PtauError::Truncated("a section header"));
        }
        let id = read_u32(reader)?;
        let size = read_u64(reader)?;
        pos += 12;
        if size > file_len - pos {
            return Err(PtauError::Truncated("a section body"));
        }
        if sections.iter().any(|s: &PtauSection| s.id == id) {
            return Err(PtauError::DuplicateSection(id));
        }
        sections.push(PtauSection {
            id,
            offset: pos,
            size,
        });
        pos += size;
        reader.seek(SeekFrom::Start(pos))?;
    }
    if pos != file_len {
        return Err(PtauError::TrailingBytes(file_len - pos));
    }
    let mut header = PtauHeader {
        sections,
        power: 0,
        ceremony_power: 0,
    };
    let s = header.section(SECTION_HEADER)?;
    if s.size != HEADER_BYTES {
        return Err(PtauError::WrongCurve("the header section is not 44 bytes"));
    }
    reader.seek(SeekFrom::Start(s.offset))?;
    if read_u32(reader)? as usize != N8 {
        return Err(PtauError::WrongCurve("field elements are not 32 bytes"));
    }
    let q: [u8; N8] = read_array(reader)?;
    if q[..] != Fq::MODULUS.to_bytes_le()[..] {
        return Err(PtauError::WrongCurve(
            "the prime is not BN254's base-field modulus",
        ));
    }
    header.power = read_u32(reader)?;
    header.ceremony_power = read_u32(reader)?;
    if header.power > MAX_POWER {
        return Err(PtauError::PowerOutOfRange(header.power));
    }
    let expect_size = |id: u32, points: u64, bytes: usize| -> Result<PtauSection, PtauError> {
        let s = header.section(id)?;
        let expected = points * bytes as u64;
        if s.size != expected {
            return Err(PtauError::SectionSize {
                section: id,
                power: header.power,
                expected,
                got: s.size,
            });
        }
        Ok(s)
    };
    expect_size(SECTION_TAU_G1, (2u64 << header.power) - 1, G1_BYTES)?;
    expect_size(SECTION_TAU_G2, 1u64 << header.power, G2_BYTES)?;
    Ok(header)
}

/// `R^{-1}` for Montgomery decoding, `R = 2^256 mod q`.
fn montgomery_r() -> Fq {
    Fq::from(2u64).pow([256u64])
}

/// A coordinate stored as `x·R mod q` (little-endian), or `None` if the stored integer is `≥ q`.
fn fq_from_montgomery(bytes: &[u8], r_inv: Fq) -> Option<Fq> {
    let mut limbs = [0u64; 4];
    for (limb, word) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
        *limb = u64::from_le_bytes(word.try_into().expect("chunks_exact(8) yields 8 bytes"));
    }
    Fq::from_bigint(BigInt::new(limbs)).map(|m| m * r_inv)
}

/// `x·R mod q` as 32 little-endian bytes.
fn fq_to_montgomery(x: Fq, r: Fq, out: &mut Vec<u8>) {
    out.extend_from_slice(&(x * r).into_bigint().to_bytes_le());
}

/// Decodes one G1 point and checks it is a finite point of the prime-order group.
fn decode_g1(bytes: &[u8], r_inv: Fq) -> Result<G1Affine, &'static str> {
    if bytes.iter().all(|&b| b == 0) {
        return Err("the point at infinity");
    }
    let x = fq_from_montgomery(&bytes[..N8], r_inv);
    let y = fq_from_montgomery(&bytes[N8..], r_inv);
    let (Some(x), Some(y)) = (x, y) else {
        return Err("a coordinate is not below q");
    };
    let p = G1Affine::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err("not on the curve");
    }
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err("not in the prime-order subgroup");
    }
    Ok(p)
}

/// Decodes one G2 point (`x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1`) and checks it is a finite point of the
/// prime-order subgroup.
fn decode_g2(bytes: &[u8], r_inv: Fq) -> Result<G2Affine, &'static str> {
    if bytes.iter().all(|&b| b == 0) {
        return Err("the point at infinity");
    }
    let c: Vec<Option<Fq>> = bytes
        .chunks_exact(N8)
        .map(|b| fq_from_montgomery(b, r_inv))
        .collect();
    let [Some(x0), Some(x1), Some(y0), Some(y1)] = c[..] else {
        return Err("a coordinate is not below q");
    };
    let p = G2Affine::new_unchecked(Fq2::new(x0, x1), Fq2::new(y0, y1));
    if !p.is_on_curve() {
        return Err("not on the curve");
    }
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err("not in the prime-order subgroup");
    }
    Ok(p)
}

/// Reads and validates the first `count` points of a section (in batches, in parallel).
fn read_points<R: Read + Seek, P: Send>(
    reader: &mut R,
    section: PtauSection,
    count: usize,
    point_bytes: usize,
    decode: impl Fn(&[u8], Fq) -> Result<P, &'static str> + Sync,
) -> Result<Vec<P>, PtauError> {
    debug_assert!(count as u64 * point_bytes as u64 <= section.size);
    let r_inv = montgomery_r().inverse().expect("R is invertible");
    reader.seek(SeekFrom::Start(section.offset))?;
    let mut points = Vec::with_capacity(count);
    let mut buf = Vec::new();
    while points.len() < count {
        let start = points.len();
        let batch = CHUNK_POINTS.min(count - start);
        buf.resize(batch * point_bytes, 0);
        reader.read_exact(&mut buf)?;
        let decoded: Vec<Result<P, &'static str>> = buf
            .par_chunks_exact(point_bytes)
            .map(|b| decode(b, r_inv))
            .collect();
        for (i, p) in decoded.into_iter().enumerate() {
            points.push(p.map_err(|reason| PtauError::InvalidPoint {
                section: section.id,
                index: (start + i) as u64,
                reason,
            })?);
        }
    }
    Ok(points)
}

/// Imports a KZG setup for `N = 2^max_num_vars` powers from a `.ptau` file: reads the header
/// and the first `N` G1 powers (at least 3) and `H, τH, τ²H, τ³H`, validates every point, and
/// runs [`KzgProverSetup::check_consistency`]. Needs `max_num_vars ≤ power` and `power ≥ 2`.
pub fn import_setup<R: Read + Seek>(
    reader: &mut R,
    max_num_vars: usize,
) -> Result<(PtauHeader, KzgProverSetup), PcsError> {
    let header = read_header(reader)?;
    if max_num_vars > header.max_num_vars() || header.power < 2 {
        return Err(PtauError::TooFewPowers {
            power: header.power,
            requested: max_num_vars,
        }
        .into());
    }
    let n = 1usize << max_num_vars;
    let g1 = read_points(
        reader,
        header.section(SECTION_TAU_G1)?,
        n.max(3),
        G1_BYTES,
        decode_g1,
    )?;
    let g2 = read_points(
        reader,
        header.section(SECTION_TAU_G2)?,
        4,
        G2_BYTES,
        decode_g2,
    )?;
    if g1[0] != G1Affine::generator() {
        return Err(PtauError::NotStandardGenerator(SECTION_TAU_G1).into());
    }
    if g2[0] != G2Affine::generator() {
        return Err(PtauError::NotStandardGenerator(SECTION_TAU_G2).into());
    }
    if g1[1] == g1[0] {
        return Err(PtauError::NoContribution.into());
    }
    let verifier = KzgVerifierSetup {
        num_powers: n as u64,
        tau_powers_g1: [g1[1], g1[2]],
        tau_powers_g2: [g2[2], g2[3]],
        g1: g1[0],
        g2: g2[0],
        tau_g2: g2[1],
    };
    let mut powers_g1 = g1;
    powers_g1.truncate(n);
    let setup = KzgProverSetup {
        powers_g1,
        verifier,
        block_sums: Default::default(),
    };
    setup.check_consistency()?;
    Ok((header, setup))
}

/// [`import_setup`] on the file at `path`.
pub fn import_setup_file(
    path: &Path,
    max_num_vars: usize,
) -> Result<(PtauHeader, KzgProverSetup), PcsError> {
    let file = std::fs::File::open(path).map_err(PtauError::from)?;
    import_setup(&mut std::io::BufReader::new(file), max_num_vars)
}

/// Writes a valid `.ptau` file of size `power` for the trapdoor `tau` (**insecure**: whoever
/// knows `tau` can forge openings; for tests and demos). Sections 4–6 hold `α = β = 1` and
/// section 7 zero contributions, as a fresh snarkjs accumulator does; the importer reads
/// only sections 1–3. `O(2^power)` scalar multiplications.
pub fn write_ptau<W: Write>(mut writer: W, tau: Fr, power: u32) -> Result<(), PcsError> {
    assert!(
        (1..=24).contains(&power),
        "write_ptau is for test files: power {power} not in 1..=24"
    );
    let r = montgomery_r();
    let n1 = (2usize << power) - 1;
    let n2 = 1usize << power;
    let mut scalars = Vec::with_capacity(n1);
    let mut acc = Fr::one();
    for _ in 0..n1 {
        scalars.push(acc);
        acc *= tau;
    }
    let g1 = BatchMulPreprocessing::new(G1Projective::generator(), n1).batch_mul(&scalars);
    let g2 = BatchMulPreprocessing::new(G2Projective::generator(), n2).batch_mul(&scalars[..n2]);
    let put_g1 = |p: &G1Affine, out: &mut Vec<u8>| match p.xy() {
        None => out.extend_from_slice(&[0u8; G1_BYTES]),
        Some((x, y)) => {
            fq_to_montgomery(x, r, out);
            fq_to_montgomery(y, r, out);
        }
    };
    let put_g2 = |p: &G2Affine, out: &mut Vec<u8>| match p.xy() {
        None => out.extend_from_slice(&[0u8; G2_BYTES]),
        Some((x, y)) => {
            for c in [x.c0, x.c1, y.c0, y.c1] {
                fq_to_montgomery(c, r, out);
            }
        }
    };
    let mut header = Vec::new();
    header.extend_from_slice(&(N8 as u32).to_le_bytes());
    header.extend_from_slice(&Fq::MODULUS.to_bytes_le());
    header.extend_from_slice(&power.to_le_bytes());
    header.extend_from_slice(&power.to_le_bytes());
    let mut tau_g1 = Vec::with_capacity(n1 * G1_BYTES);
    g1.iter().for_each(|p| put_g1(p, &mut tau_g1));
    let mut tau_g2 = Vec::with_capacity(n2 * G2_BYTES);
    g2.iter().for_each(|p| put_g2(p, &mut tau_g2));
    let mut generators_g1 = Vec::with_capacity(n2 * G1_BYTES);
    (0..n2).for_each(|_| put_g1(&G1Affine::generator(), &mut generators_g1));
    let mut beta_g2 = Vec::new();
    put_g2(&G2Affine::generator(), &mut beta_g2);
    let sections: [(u32, &[u8]); 7] = [
        (SECTION_HEADER, &header),
        (SECTION_TAU_G1, &tau_g1),
        (SECTION_TAU_G2, &tau_g2),
        (4, &generators_g1),
        (5, &generators_g1),
        (6, &beta_g2),
        (7, &0u32.to_le_bytes()),
    ];
    let io = |e: std::io::Error| PcsError::from(PtauError::Io(e.to_string()));
    writer.write_all(&PTAU_MAGIC).map_err(io)?;
    writer.write_all(&PTAU_VERSION.to_le_bytes()).map_err(io)?;
    writer
        .write_all(&(sections.len() as u32).to_le_bytes())
        .map_err(io)?;
    for (id, body) in sections {
        writer.write_all(&id.to_le_bytes()).map_err(io)?;
        writer
            .write_all(&(body.len() as u64).to_le_bytes())
            .map_err(io)?;
        writer.write_all(body).map_err(io)?;
    }
    writer.flush().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn montgomery_encoding_round_trips_and_one_is_r() {
        let r = montgomery_r();
        let r_inv = r.inverse().unwrap();
        let mut out = Vec::new();
        fq_to_montgomery(Fq::one(), r, &mut out);
        // R mod q for BN254: the Montgomery form of 1, as a snarkjs file stores G's x.
        assert_eq!(&out[..4], &[0x9d, 0x0d, 0x8f, 0xc5]);
        let x = Fq::from(123456789u64);
        out.clear();
        fq_to_montgomery(x, r, &mut out);
        assert_eq!(fq_from_montgomery(&out, r_inv), Some(x));
        assert_eq!(fq_from_montgomery(&[0xff; 32], r_inv), None);
    }
}
