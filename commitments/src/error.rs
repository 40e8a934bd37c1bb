//! The one error type of the crate: each variant names the check that failed.

use thiserror::Error;

/// Why a commitment, an opening or a verification failed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PcsError {
    /// The polynomial has more variables than the setup supports.
    #[error("polynomial has {num_vars} variables, the setup supports at most {max}")]
    TooManyVariables {
        /// Variables requested.
        num_vars: usize,
        /// Variables the setup supports.
        max: usize,
    },
    /// The evaluation point's length does not match the polynomial or the proof.
    #[error("point has {got} coordinates, expected {expected}")]
    WrongPointLength {
        /// Coordinates expected.
        expected: usize,
        /// Coordinates given.
        got: usize,
    },
    /// A proof field has the wrong number of elements.
    #[error("proof field `{field}` has {got} elements, expected {expected}")]
    WrongProofLength {
        /// Which field.
        field: &'static str,
        /// Elements expected.
        expected: usize,
        /// Elements present.
        got: usize,
    },
    /// The claimed evaluations are inconsistent with the folding relation
    /// `2r·f_{j+1}(r²) = r(1−u_j)(f_j(r)+f_j(−r)) + u_j(f_j(r)−f_j(−r))` at layer `layer`.
    #[error("folding consistency check failed at layer {layer}")]
    FoldingCheckFailed {
        /// The layer `j`.
        layer: usize,
    },
    /// A proof for a constant (zero-variable) polynomial carries data; it must be empty
    /// (empty vectors, identity points) so that proofs are unique.
    #[error("proof field `{0}` must be empty for a constant polynomial")]
    UnexpectedProofData(&'static str),
    /// Hyrax: `⟨w, eq(u_col)⟩` differs from the claimed evaluation.
    #[error("combined row does not evaluate to the claimed value")]
    InnerProductMismatch,
    /// Hyrax: `Σ_i eq(u_row, i)·C_i ≠ Σ_j w_j·G_j`.
    #[error("combined row does not match the row commitments")]
    RowCombinationMismatch,
    /// The final pairing equation did not hold.
    #[error("pairing check failed")]
    PairingCheckFailed,
    /// Dory: `e(E1, Γ2,fin) ≠ D2`, the combined row `v` does not match the committed rows.
    #[error("Dory: the combined row does not match the row commitments (e(E1, Γ2,fin) ≠ D2)")]
    VmvCheckFailed,
    /// Dory: a folded claim disagrees with the revealed length-1 vectors (`E1 = s2·v1` or
    /// `E2 = s1·v2`, named in the message).
    #[error("Dory: folded claim {0} does not hold")]
    FoldedClaimMismatch(&'static str),
    /// A proof or commitment element is not in the prime-order group it must belong to.
    #[error("{0} is not in the prime-order subgroup")]
    NotInGroup(&'static str),
    /// A zero-variable polynomial's commitment is not `eval·G`.
    #[error("constant polynomial: commitment does not match the claimed value")]
    ConstantMismatch,
    /// A Fiat–Shamir challenge was degenerate (zero), which happens with negligible probability.
    #[error("degenerate challenge")]
    DegenerateChallenge,
    /// Batch inputs of inconsistent lengths, or an empty batch.
    #[error("malformed batch: {0}")]
    MalformedBatch(&'static str),
    /// The scheme cannot combine commitments homomorphically.
    #[error("scheme is not homomorphic")]
    NotHomomorphic,
    /// Setup parameters violate a relation every honest setup satisfies (named in the message).
    #[error("invalid setup: {0}")]
    InvalidSetup(&'static str),
    /// Reading or writing serialized data failed.
    #[error("serialization: {0}")]
    Serialization(String),
    /// A powers-of-τ ceremony file was rejected ([`crate::ptau`]).
    #[error("ceremony file: {0}")]
    Ceremony(#[from] crate::ptau::PtauError),
    /// A prover- or verifier-key file was rejected ([`crate::keys`]).
    #[error("key file: {0}")]
    KeyFile(#[from] crate::keys::KeyFileError),
}

impl From<ark_serialize::SerializationError> for PcsError {
    fn from(e: ark_serialize::SerializationError) -> Self {
        PcsError::Serialization(e.to_string())
    }
}
