//! The memory-checking backend as a parameter (DESIGN §10): the same VM, bytecode table,
//! CPU constraints, opening accumulator and commitment scheme under either
//!
//! - [`Backend::LassoSpice`]: timestamps, multiset hashes and GKR grand products
//!   ([`super::prover::prove_witness`], [`super::verifier::verify_lasso_spice`]), or
//! - [`Backend::TwistShout`]: one-hot addresses and increments, no grand products
//!   ([`super::twist_backend`]).
//!
//! A [`BackendProof`] records which one made it (its first serialized byte), and
//! [`verify`] checks it with that backend.

use std::fmt;
use std::str::FromStr;

use ark_serialize::{
    CanonicalDeserialize, CanonicalSerialize, Compress, SerializationError, Valid, Validate,
};
use commitments::CommitmentScheme;

use super::preprocessing::{JoltPreprocessing, JoltVerifierPreprocessing};
use super::proof::{JoltError, JoltProof, ProofSizes, PublicIo};
use super::prover::{Progress, ProveError, ProveTimings};
use super::twist_backend::prover::prove_twist_shout_owned;
use super::twist_backend::{prove_twist_shout, verify_twist_shout, TwistShoutProof};
use super::witness::JoltWitness;

/// Which memory-checking family proves bytecode, lookups, registers and RAM. The default is
/// Twist/Shout, the one that measures faster at 2^20 steps (13–16 against 25–27 ×MSM, with
/// 3.4× smaller proofs and 2× less peak memory; see `paper-notes/results/backends.md`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Backend {
    /// Lasso/Spice: offline memory checking with timestamps and grand products.
    LassoSpice,
    /// Twist/Shout: one-hot addresses and increments (ePrint 2025/105).
    #[default]
    TwistShout,
}

impl Backend {
    /// Both backends, in table order.
    pub const ALL: [Backend; 2] = [Backend::LassoSpice, Backend::TwistShout];

    /// The CLI name: `lasso` or `twist`.
    pub fn name(&self) -> &'static str {
        match self {
            Backend::LassoSpice => "lasso",
            Backend::TwistShout => "twist",
        }
    }

    fn tag(&self) -> u8 {
        match self {
            Backend::LassoSpice => 0,
            Backend::TwistShout => 1,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A backend name that is not `lasso` or `twist`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown backend `{0}` (expected `lasso` or `twist`)")]
pub struct UnknownBackend(pub String);

impl FromStr for Backend {
    type Err = UnknownBackend;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lasso" | "lasso-spice" => Ok(Backend::LassoSpice),
            "twist" | "twist-shout" => Ok(Backend::TwistShout),
            other => Err(UnknownBackend(other.to_string())),
        }
    }
}

/// A proof made by either backend.
// A proof is built once and moved a few times; boxing a variant would only add an
// indirection to every access.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum BackendProof<S: CommitmentScheme> {
    /// Lasso/Spice.
    Lasso(JoltProof<S>),
    /// Twist/Shout.
    Twist(TwistShoutProof<S>),
}

impl<S: CommitmentScheme> BackendProof<S> {
    /// The backend that made it.
    pub fn backend(&self) -> Backend {
        match self {
            BackendProof::Lasso(_) => Backend::LassoSpice,
            BackendProof::Twist(_) => Backend::TwistShout,
        }
    }

    /// `log2 T` as the proof states it.
    pub fn log_t(&self) -> u32 {
        match self {
            BackendProof::Lasso(p) => p.log_t,
            BackendProof::Twist(p) => p.log_t,
        }
    }

    /// The compressed size of each part.
    pub fn proof_bytes(&self) -> ProofSizes {
        let mut sizes = match self {
            BackendProof::Lasso(p) => p.proof_bytes(),
            BackendProof::Twist(p) => p.proof_bytes(),
        };
        sizes.total = self.compressed_size();
        sizes
    }

    /// The Lasso/Spice proof, if it is one.
    pub fn as_lasso(&self) -> Option<&JoltProof<S>> {
        match self {
            BackendProof::Lasso(p) => Some(p),
            BackendProof::Twist(_) => None,
        }
    }

    /// The Twist/Shout proof, if it is one.
    pub fn as_twist(&self) -> Option<&TwistShoutProof<S>> {
        match self {
            BackendProof::Twist(p) => Some(p),
            BackendProof::Lasso(_) => None,
        }
    }
}

impl<S: CommitmentScheme> Valid for BackendProof<S> {
    fn check(&self) -> Result<(), SerializationError> {
        match self {
            BackendProof::Lasso(p) => p.check(),
            BackendProof::Twist(p) => p.check(),
        }
    }
}

impl<S: CommitmentScheme> CanonicalSerialize for BackendProof<S> {
    fn serialize_with_mode<W: std::io::Write>(
        &self,
        mut writer: W,
        compress: Compress,
    ) -> Result<(), SerializationError> {
        self.backend()
            .tag()
            .serialize_with_mode(&mut writer, compress)?;
        match self {
            BackendProof::Lasso(p) => p.serialize_with_mode(writer, compress),
            BackendProof::Twist(p) => p.serialize_with_mode(writer, compress),
        }
    }

    fn serialized_size(&self, compress: Compress) -> usize {
        1 + match self {
            BackendProof::Lasso(p) => p.serialized_size(compress),
            BackendProof::Twist(p) => p.serialized_size(compress),
        }
    }
}

impl<S: CommitmentScheme> CanonicalDeserialize for BackendProof<S> {
    fn deserialize_with_mode<R: std::io::Read>(
        mut reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        match u8::deserialize_with_mode(&mut reader, compress, validate)? {
            0 => Ok(BackendProof::Lasso(JoltProof::deserialize_with_mode(
                reader, compress, validate,
            )?)),
            1 => Ok(BackendProof::Twist(TwistShoutProof::deserialize_with_mode(
                reader, compress, validate,
            )?)),
            _ => Err(SerializationError::InvalidData),
        }
    }
}

/// Proves `witness` for `io` with `backend`.
pub fn prove_witness_with<S: CommitmentScheme>(
    backend: Backend,
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: &JoltWitness,
    progress: &dyn Progress,
) -> Result<(BackendProof<S>, ProveTimings), ProveError> {
    match backend {
        Backend::LassoSpice => super::prover::prove_witness(pre, io, witness, progress)
            .map(|(p, t)| (BackendProof::Lasso(p), t)),
        Backend::TwistShout => {
            prove_twist_shout(pre, io, witness, progress).map(|(p, t)| (BackendProof::Twist(p), t))
        }
    }
}

/// [`prove_witness_with`] taking the witness, so a backend can free its columns once it has
/// read them (the Twist/Shout prover does; see
/// [`super::twist_backend::prover::prove_twist_shout_owned`]).
pub fn prove_witness_owned<S: CommitmentScheme>(
    backend: Backend,
    pre: &JoltPreprocessing<S>,
    io: &PublicIo,
    witness: JoltWitness,
    progress: &dyn Progress,
) -> Result<(BackendProof<S>, ProveTimings), ProveError> {
    match backend {
        Backend::LassoSpice => super::prover::prove_witness(pre, io, &witness, progress)
            .map(|(p, t)| (BackendProof::Lasso(p), t)),
        Backend::TwistShout => prove_twist_shout_owned(pre, io, witness, progress)
            .map(|(p, t)| (BackendProof::Twist(p), t)),
    }
}

/// Verifies `proof` with the backend that made it.
pub fn verify<S: CommitmentScheme>(
    pre: &JoltVerifierPreprocessing<S>,
    io: &PublicIo,
    proof: &BackendProof<S>,
) -> Result<(), JoltError> {
    match proof {
        BackendProof::Lasso(p) => super::verifier::verify_lasso_spice(pre, io, p),
        BackendProof::Twist(p) => verify_twist_shout(pre, io, p),
    }
}
