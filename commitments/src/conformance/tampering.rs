//! Modified proofs: every change that can be made through the serialized structure of an
//! honest proof must fail to deserialize or fail to verify, and never panic.
//!
//! The suite does not know a scheme's proof type, so it works on the canonical serialization:
//! ark-serialize writes a proof as its fields in order, vectors as a `u64` length followed by
//! the elements, field elements and (for BN254) compressed G1 points as 32 bytes each. Two
//! honest proofs of the same size have the same layout, which locates the elements (the bytes
//! where they differ) and the length prefixes (8-byte windows where they agree).

use super::{honest, random_poly, verify};
use crate::traits::CommitmentScheme;
use ark_ff::Zero;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// An honest opening with its serialized proof, and the serialized proof of a second honest
/// opening of the same size (another polynomial at another point).
struct Fixture<S: CommitmentScheme> {
    vk: S::VerifierSetup,
    commitment: S::Commitment,
    point: Vec<S::Field>,
    eval: S::Field,
    proof: S::Proof,
    bytes: Vec<u8>,
    other_bytes: Vec<u8>,
}

impl<S: CommitmentScheme> Fixture<S> {
    fn new(setup: &S::ProverSetup, n: usize) -> Self {
        let mut rng = ChaCha20Rng::seed_from_u64(1000 + n as u64);
        let (poly, point) = random_poly::<S::Field>(n, &mut rng);
        let (commitment, eval, proof) = honest::<S>(setup, &poly, &point);
        let (other_poly, other_point) = random_poly::<S::Field>(n, &mut rng);
        let (_, _, other) = honest::<S>(setup, &other_poly, &other_point);
        let serialize = |p: &S::Proof| {
            let mut bytes = Vec::new();
            p.serialize_compressed(&mut bytes).expect("serialize");
            bytes
        };
        Self {
            vk: S::verifier_setup(setup),
            bytes: serialize(&proof),
            other_bytes: serialize(&other),
            commitment,
            point,
            eval,
            proof,
        }
    }

    /// Asserts that `bytes` (a modification of the honest proof described by `what`) fails
    /// to deserialize, deserializes to the honest proof itself, or fails to verify.
    fn assert_rejected(&self, bytes: &[u8], what: &str) {
        if let Ok(p) = S::Proof::deserialize_compressed(bytes) {
            if p != self.proof {
                assert!(
                    !verify::<S>(&self.vk, &self.commitment, &self.point, &self.eval, &p),
                    "{} accepted: {what} (n = {})",
                    S::NAME,
                    self.point.len()
                );
            }
        }
    }
}

/// Every flip of bit 0, 6 or 7 of every byte of the serialized proof, and every truncation,
/// is rejected. On a 32-byte field element bit 0 of a byte is `±2^{8i}` and bits 6–7 of the
/// top byte leave the field (a deserialization error); on a compressed BN254 point bit 0 moves
/// `x` and bits 6 and 7 of the top byte are the identity and sign flags (identity, `−P`); on a
/// length prefix bit 0 is `±1`.
pub fn tampered_bytes<S: CommitmentScheme>(setup: &S::ProverSetup) {
    for n in [0usize, 1, 3, 6] {
        let f = Fixture::<S>::new(setup, n);
        for i in 0..f.bytes.len() {
            for flip in [0x01u8, 0x40, 0x80] {
                let mut bad = f.bytes.clone();
                bad[i] ^= flip;
                f.assert_rejected(&bad, &format!("byte {i} ^ {flip:#04x}"));
            }
        }
        for cut in 0..f.bytes.len() {
            assert!(
                S::Proof::deserialize_compressed(&f.bytes[..cut]).is_err(),
                "{}: proof truncated to {cut} bytes parsed (n = {n})",
                S::NAME
            );
        }
    }
}

/// Every element of the proof replaced by the element at the same place in another honest
/// proof (a valid element of the right type), or by the all-zero encoding, is rejected. The
/// window is the size of a serialized field element, tried at every offset, so misaligned
/// windows (two elements changed at once) are tried as well.
pub fn tampered_elements<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let width = S::Field::zero().compressed_size();
    for n in [0usize, 1, 2, 5] {
        let f = Fixture::<S>::new(setup, n);
        let len = f.bytes.len();
        for i in 0..len.saturating_sub(width - 1) {
            let window = i..i + width;
            if f.bytes[window.clone()] != f.other_bytes[window.clone()] {
                let mut bad = f.bytes.clone();
                bad[window.clone()].copy_from_slice(&f.other_bytes[window.clone()]);
                f.assert_rejected(&bad, &format!("bytes {i}.. from another proof"));
            }
            let mut bad = f.bytes.clone();
            bad[window].fill(0);
            f.assert_rejected(&bad, &format!("bytes {i}.. zeroed"));
        }
    }
}

/// Every length prefix (an 8-byte window both honest proofs share, holding a plausible
/// length `L`) changed to `L + 1` with one more element inserted, `L + 1` without, and
/// `L − 1` with its first element removed, is rejected: proofs with a vector one element too
/// long or too short do not verify.
pub fn tampered_lengths<S: CommitmentScheme>(setup: &S::ProverSetup) {
    let width = S::Field::zero().compressed_size();
    let mut prefixes_seen = 0;
    for n in [0usize, 1, 2, 4] {
        let f = Fixture::<S>::new(setup, n);
        let len = f.bytes.len();
        for i in 0..len.saturating_sub(7) {
            let window = i..i + 8;
            if f.bytes[window.clone()] != f.other_bytes[window.clone()] {
                continue;
            }
            let l = u64::from_le_bytes(f.bytes[window.clone()].try_into().expect("8 bytes"));
            if l > (len / width) as u64 {
                continue;
            }
            prefixes_seen += 1;
            let with_len = |new_len: u64, body: &[u8]| {
                let mut bad = f.bytes[..i].to_vec();
                bad.extend_from_slice(&new_len.to_le_bytes());
                bad.extend_from_slice(body);
                bad
            };
            let rest = &f.bytes[i + 8..];
            // L + 1: insert an element taken from the other proof (or zero bytes).
            let mut inserted = if l > 0 && f.other_bytes.len() >= i + 8 + width {
                f.other_bytes[i + 8..i + 8 + width].to_vec()
            } else {
                vec![0u8; width]
            };
            inserted.extend_from_slice(rest);
            f.assert_rejected(
                &with_len(l + 1, &inserted),
                &format!("length at {i}: {l} + 1, element inserted"),
            );
            f.assert_rejected(
                &with_len(l + 1, rest),
                &format!("length at {i}: {l} + 1, nothing inserted"),
            );
            if l > 0 && rest.len() >= width {
                f.assert_rejected(
                    &with_len(l - 1, &rest[width..]),
                    &format!("length at {i}: {l} − 1, first element removed"),
                );
            }
        }
    }
    // Every scheme's proof has some vector; a suite that found none has lost its footing.
    assert!(
        prefixes_seen > 0,
        "{}: no length prefix found in any proof",
        S::NAME
    );
}
