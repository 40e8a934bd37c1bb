//! The sumcheck protocol's messages and the verifier.
//!
//! For `H = Σ_{x ∈ {0,1}^n} g(x)` with `g` of degree ≤ `d` in each variable, round `j`
//! the prover sends `s_j(X) = Σ_{x_{j+1..}} g(r_0, …, r_{j−1}, X, x_{j+1}, …)`; the verifier
//! checks `s_j(0) + s_j(1)` equals the running claim (implicitly: the linear coefficient is
//! recovered from it, see [`CompressedUniPoly`]), absorbs `s_j`, draws `r_j` and sets the claim
//! to `s_j(r_j)`. After `n` rounds the claim must equal `g(r)`, which the caller checks.

use crate::error::SumcheckError;
use crate::transcript::Transcript;
use crate::univariate::CompressedUniPoly;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};

/// The round polynomials `s_0, …, s_{n−1}` of one sumcheck, in compressed form.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct SumcheckProof<F: PrimeField> {
    /// One compressed polynomial per round.
    pub round_polys: Vec<CompressedUniPoly<F>>,
}

impl<F: PrimeField> SumcheckProof<F> {
    /// Replays the verifier's side of the rounds: checks the number of rounds and every degree,
    /// absorbs each round polynomial, draws the challenges. Returns the final claim `s_{n−1}(r_{n−1})`
    /// and the point `r = (r_0, …, r_{n−1})`; the caller must check the final claim equals
    /// `g(r)`. Absorbs nothing before round one: callers absorb the claim (see
    /// [`crate::prove_sumcheck`] and [`verify_sumcheck`]).
    pub fn verify_rounds<T: Transcript>(
        &self,
        claim: F,
        num_vars: usize,
        degree: usize,
        transcript: &mut T,
    ) -> Result<(F, Vec<F>), SumcheckError> {
        if self.round_polys.len() != num_vars {
            return Err(SumcheckError::WrongNumberOfRounds {
                expected: num_vars,
                got: self.round_polys.len(),
            });
        }
        let mut claim = claim;
        let mut point = Vec::with_capacity(num_vars);
        for (round, compressed) in self.round_polys.iter().enumerate() {
            if compressed.degree() > degree.max(1) {
                return Err(SumcheckError::DegreeTooHigh {
                    round,
                    got: compressed.degree(),
                    max: degree,
                });
            }
            transcript.append_scalars(b"sumcheck_round", &compressed.coeffs_except_linear);
            let r: F = transcript.challenge_scalar(b"sumcheck_challenge");
            claim = compressed.decompress(&claim).evaluate(&r);
            point.push(r);
        }
        Ok((claim, point))
    }
}

/// Absorbs the public statement of one sumcheck: its claimed sum, size and degree.
pub fn absorb_statement<F: PrimeField, T: Transcript>(
    transcript: &mut T,
    claim: &F,
    num_vars: usize,
    degree: usize,
) {
    transcript.append_u64(b"sumcheck_num_vars", num_vars as u64);
    transcript.append_u64(b"sumcheck_degree", degree as u64);
    transcript.append_scalar(b"sumcheck_claim", claim);
}

/// Verifies a sumcheck proof of `claim = Σ_x g(x)` over `num_vars` variables with `g` of
/// degree ≤ `degree`: absorbs the statement, replays the rounds and returns `(final claim, r)`.
/// The caller must then check `final claim == g(r)`.
pub fn verify_sumcheck<F: PrimeField, T: Transcript>(
    proof: &SumcheckProof<F>,
    claim: F,
    num_vars: usize,
    degree: usize,
    transcript: &mut T,
) -> Result<(F, Vec<F>), SumcheckError> {
    absorb_statement(transcript, &claim, num_vars, degree);
    proof.verify_rounds(claim, num_vars, degree, transcript)
}
