//! Fiat–Shamir transcripts.
//!
//! Every protocol in this workspace talks to the verifier through a [`Transcript`]: the prover
//! *appends* everything it sends (commitments, claimed evaluations, round polynomials) and
//! *draws* every challenge from the transcript; the verifier replays the same appends in the same
//! order. The discipline (see the crate docs) is: **append every message a challenge depends on
//! before drawing that challenge**.
//!
//! [`MerlinTranscript`] is the one implementation, backed by merlin's STROBE-based transcript.
//! It has a *recording* mode ([`MerlinTranscript::new_recording`]) that keeps a log of every
//! operation (kind, label, and a digest of the data), so a test can locate the first operation
//! where a prover and a verifier diverged with [`first_divergence`].

use ark_ff::PrimeField;
use ark_serialize::CanonicalSerialize;

/// A Fiat–Shamir transcript: labelled appends of public data and labelled challenge draws.
///
/// Labels are domain separators: the same bytes under another label give other challenges.
pub trait Transcript: Sized {
    /// Starts a transcript for the protocol named `label`.
    fn new(label: &'static [u8]) -> Self;

    /// Absorbs raw bytes under `label`.
    fn append_message(&mut self, label: &'static [u8], message: &[u8]);

    /// Squeezes `dest.len()` challenge bytes under `label`.
    fn challenge_bytes(&mut self, label: &'static [u8], dest: &mut [u8]);

    /// Absorbs a `u64` (little-endian) under `label`.
    fn append_u64(&mut self, label: &'static [u8], value: u64) {
        self.append_message(label, &value.to_le_bytes());
    }

    /// Absorbs one field element (its canonical little-endian encoding) under `label`.
    fn append_scalar<F: PrimeField>(&mut self, label: &'static [u8], scalar: &F) {
        let mut bytes = Vec::with_capacity(32);
        scalar
            .serialize_uncompressed(&mut bytes)
            .expect("serializing a field element into a Vec cannot fail");
        self.append_message(label, &bytes);
    }

    /// Absorbs a vector of field elements under `label`: its length, then every element.
    fn append_scalars<F: PrimeField>(&mut self, label: &'static [u8], scalars: &[F]) {
        let mut bytes = Vec::with_capacity(8 + 32 * scalars.len());
        bytes.extend_from_slice(&(scalars.len() as u64).to_le_bytes());
        for s in scalars {
            s.serialize_uncompressed(&mut bytes)
                .expect("serializing a field element into a Vec cannot fail");
        }
        self.append_message(label, &bytes);
    }

    /// Absorbs any serializable object (a group element, a commitment, a vector of them) under
    /// `label`, in its compressed canonical encoding.
    fn append_serializable<T: CanonicalSerialize + ?Sized>(
        &mut self,
        label: &'static [u8],
        item: &T,
    ) {
        let mut bytes = Vec::with_capacity(item.compressed_size());
        item.serialize_compressed(&mut bytes)
            .expect("serializing into a Vec cannot fail");
        self.append_message(label, &bytes);
    }

    /// Draws one field element under `label`: 64 challenge bytes reduced modulo p, so the bias
    /// from the reduction is below 2^-250 for BN254.
    fn challenge_scalar<F: PrimeField>(&mut self, label: &'static [u8]) -> F {
        let mut buf = [0u8; 64];
        self.challenge_bytes(label, &mut buf);
        F::from_le_bytes_mod_order(&buf)
    }

    /// Draws `n` field elements under `label`.
    fn challenge_scalars<F: PrimeField>(&mut self, label: &'static [u8], n: usize) -> Vec<F> {
        (0..n).map(|_| self.challenge_scalar(label)).collect()
    }

    /// Draws `r` and returns `[1, r, r², …, r^{n-1}]`, the usual batching coefficients.
    fn challenge_powers<F: PrimeField>(&mut self, label: &'static [u8], n: usize) -> Vec<F> {
        let r: F = self.challenge_scalar(label);
        let mut powers = Vec::with_capacity(n);
        let mut acc = F::one();
        for _ in 0..n {
            powers.push(acc);
            acc *= r;
        }
        powers
    }
}

/// What a recorded transcript operation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranscriptOp {
    /// Data was absorbed.
    Append,
    /// A challenge was squeezed.
    Challenge,
}

/// One operation in a recording transcript's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranscriptEvent {
    /// Append or challenge.
    pub op: TranscriptOp,
    /// The label it used.
    pub label: &'static [u8],
    /// For appends, a 16-byte fingerprint of the absorbed bytes (drawn from a side merlin
    /// transcript, so equal data gives equal fingerprints); for challenges, the first 16 bytes
    /// of the challenge.
    pub fingerprint: [u8; 16],
    /// Length of the absorbed data or of the challenge in bytes.
    pub len: usize,
}

impl core::fmt::Display for TranscriptEvent {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match self.op {
            TranscriptOp::Append => "append",
            TranscriptOp::Challenge => "challenge",
        };
        write!(
            f,
            "{kind} {:?} ({} bytes, fingerprint {})",
            String::from_utf8_lossy(self.label),
            self.len,
            self.fingerprint
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        )
    }
}

/// The merlin-backed transcript used by every protocol in the workspace.
#[derive(Clone)]
pub struct MerlinTranscript {
    inner: merlin::Transcript,
    log: Option<Vec<TranscriptEvent>>,
}

impl MerlinTranscript {
    /// Starts a transcript that also records every operation (see [`first_divergence`]).
    pub fn new_recording(label: &'static [u8]) -> Self {
        Self {
            inner: merlin::Transcript::new(label),
            log: Some(Vec::new()),
        }
    }

    /// The recorded operations, or `None` when the transcript was not made with
    /// [`MerlinTranscript::new_recording`].
    pub fn log(&self) -> Option<&[TranscriptEvent]> {
        self.log.as_deref()
    }
}

impl core::fmt::Debug for MerlinTranscript {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MerlinTranscript")
            .field("recorded_ops", &self.log.as_ref().map(Vec::len))
            .finish()
    }
}

fn fingerprint(data: &[u8]) -> [u8; 16] {
    let mut side = merlin::Transcript::new(b"transcript-log-fingerprint");
    side.append_message(b"data", data);
    let mut out = [0u8; 16];
    side.challenge_bytes(b"fp", &mut out);
    out
}

impl Transcript for MerlinTranscript {
    fn new(label: &'static [u8]) -> Self {
        Self {
            inner: merlin::Transcript::new(label),
            log: None,
        }
    }

    fn append_message(&mut self, label: &'static [u8], message: &[u8]) {
        self.inner.append_message(label, message);
        if let Some(log) = self.log.as_mut() {
            log.push(TranscriptEvent {
                op: TranscriptOp::Append,
                label,
                fingerprint: fingerprint(message),
                len: message.len(),
            });
        }
    }

    fn challenge_bytes(&mut self, label: &'static [u8], dest: &mut [u8]) {
        self.inner.challenge_bytes(label, dest);
        if let Some(log) = self.log.as_mut() {
            let mut fp = [0u8; 16];
            let n = dest.len().min(16);
            fp[..n].copy_from_slice(&dest[..n]);
            log.push(TranscriptEvent {
                op: TranscriptOp::Challenge,
                label,
                fingerprint: fp,
                len: dest.len(),
            });
        }
    }
}

/// Where two recorded transcripts first disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranscriptDivergence {
    /// Index of the first differing operation.
    pub index: usize,
    /// The prover-side (left) operation there, if any.
    pub left: Option<TranscriptEvent>,
    /// The verifier-side (right) operation there, if any.
    pub right: Option<TranscriptEvent>,
}

impl core::fmt::Display for TranscriptDivergence {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let show = |e: &Option<TranscriptEvent>| match e {
            Some(e) => e.to_string(),
            None => "<end of transcript>".to_string(),
        };
        write!(
            f,
            "transcripts diverge at operation {}: left {} vs right {}",
            self.index,
            show(&self.left),
            show(&self.right)
        )
    }
}

/// Compares two recorded logs (e.g. the prover's and the verifier's) and returns the first
/// operation where they differ, or `None` when one is a prefix of the other and equal lengths.
pub fn first_divergence(
    left: &[TranscriptEvent],
    right: &[TranscriptEvent],
) -> Option<TranscriptDivergence> {
    let n = left.len().max(right.len());
    (0..n).find_map(|i| {
        let (a, b) = (left.get(i), right.get(i));
        (a != b).then(|| TranscriptDivergence {
            index: i,
            left: a.cloned(),
            right: b.cloned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;

    #[test]
    fn same_appends_give_same_challenges() {
        let mut a = MerlinTranscript::new(b"test");
        let mut b = MerlinTranscript::new(b"test");
        for t in [&mut a, &mut b] {
            t.append_scalar(b"x", &Fr::from(7u64));
            t.append_u64(b"n", 3);
        }
        let ca: Fr = a.challenge_scalar(b"c");
        let cb: Fr = b.challenge_scalar(b"c");
        assert_eq!(ca, cb);
    }

    #[test]
    fn different_labels_or_data_change_challenges() {
        let mut base = MerlinTranscript::new(b"test");
        base.append_scalar(b"x", &Fr::from(7u64));
        let c0: Fr = base.clone().challenge_scalar(b"c");

        let mut other_label = MerlinTranscript::new(b"test");
        other_label.append_scalar(b"y", &Fr::from(7u64));
        assert_ne!(c0, other_label.challenge_scalar::<Fr>(b"c"));

        let mut other_data = MerlinTranscript::new(b"test");
        other_data.append_scalar(b"x", &Fr::from(8u64));
        assert_ne!(c0, other_data.challenge_scalar::<Fr>(b"c"));
    }

    #[test]
    fn divergence_points_at_first_mismatch() {
        let mut p = MerlinTranscript::new_recording(b"test");
        let mut v = MerlinTranscript::new_recording(b"test");
        p.append_u64(b"a", 1);
        v.append_u64(b"a", 1);
        let _: Fr = p.challenge_scalar(b"r");
        let _: Fr = v.challenge_scalar(b"r");
        p.append_u64(b"claim", 5);
        v.append_u64(b"claim", 6);
        let d = first_divergence(p.log().unwrap(), v.log().unwrap()).expect("must diverge");
        assert_eq!(d.index, 2);
        assert_eq!(d.left.as_ref().unwrap().label, b"claim");
        assert!(d.to_string().contains("claim"));

        let same = first_divergence(&p.log().unwrap()[..2], &v.log().unwrap()[..2]);
        assert_eq!(same, None);
    }

    #[test]
    fn challenge_powers_are_powers() {
        let mut t = MerlinTranscript::new(b"test");
        let p: Vec<Fr> = t.challenge_powers(b"rho", 4);
        assert_eq!(p[0], Fr::from(1u64));
        assert_eq!(p[2], p[1] * p[1]);
        assert_eq!(p[3], p[2] * p[1]);
    }
}
