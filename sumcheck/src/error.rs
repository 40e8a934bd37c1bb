//! Errors returned by the verifiers of this crate.

use thiserror::Error;

/// Why a sumcheck (or a protocol built on it) was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SumcheckError {
    /// The proof has the wrong number of round polynomials.
    #[error("expected {expected} round polynomials, the proof has {got}")]
    WrongNumberOfRounds {
        /// Rounds the verifier expects.
        expected: usize,
        /// Rounds in the proof.
        got: usize,
    },
    /// A round polynomial exceeds the declared degree.
    #[error("round {round}: polynomial of degree {got} exceeds the bound {max}")]
    DegreeTooHigh {
        /// The round.
        round: usize,
        /// Its degree.
        got: usize,
        /// The declared bound.
        max: usize,
    },
    /// The claimed final evaluation does not match the instance's value at the random point.
    #[error("final check failed: the claimed evaluations do not match the last round's claim")]
    FinalEvaluationMismatch,
    /// A grand-product layer's claimed values have the wrong shape.
    #[error("grand product layer {layer}: expected {expected} claimed values, got {got}")]
    WrongNumberOfLayerClaims {
        /// The layer (0 = the root).
        layer: usize,
        /// Expected count.
        expected: usize,
        /// Count in the proof.
        got: usize,
    },
    /// The grand-product proof has the wrong number of layers.
    #[error("grand product: expected {expected} layers, the proof has {got}")]
    WrongNumberOfLayers {
        /// Expected count.
        expected: usize,
        /// Count in the proof.
        got: usize,
    },
    /// The caller's inputs have inconsistent shapes (e.g. no instances, mismatched lengths).
    #[error("malformed input: {0}")]
    Malformed(&'static str),
}
