//! The opening accumulator: every evaluation claim of a proof, at whatever point, reduced to
//! one point and opened with one batched PCS proof.
//!
//! Claims `p_i(r_i) = v_i` (polynomial `p_i` with `n_i` variables) become, with the batched
//! sumcheck, `Σ_i λ^i v_i = Σ_x Σ_i λ^i·eq(r_i, x)·p_i(x)` (each instance of degree 2, the
//! shorter ones in the last rounds). At the sumcheck's point `ρ` the prover states
//! `e_i = p_i(ρ_{suffix n_i})`; the verifier checks the final claim
//! `Σ_i λ^i eq(r_i, ρ_suffix)·e_i` and the PCS checks all `e_i` with one `batch_open` at `ρ`
//! (whose suffix convention matches). See `paper-notes/memory-checking.md` for where the claims
//! come from.

use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use commitments::{CommitmentScheme, PcsError};
use sumcheck::{
    prove_batched, verify_batched, CombineFn, DensePolynomial, EqPolynomial, EqProductSumcheck,
    MultilinearPolynomial, SumcheckError, SumcheckInstance, SumcheckProof, Transcript,
};

/// One claim `p(point) = value` about a committed polynomial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningClaim<F> {
    /// The index of the polynomial's commitment in the caller's list.
    pub commitment_index: usize,
    /// The point.
    pub point: Vec<F>,
    /// The claimed value.
    pub value: F,
}

/// The accumulator's proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct OpeningProof<S: CommitmentScheme> {
    /// The reduction sumcheck.
    pub reduction: SumcheckProof<S::Field>,
    /// `e_i`, each claim's polynomial at the common point.
    pub reduced_evals: Vec<S::Field>,
    /// The single batched PCS opening.
    pub pcs: S::Proof,
}

/// Why an accumulated opening was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpeningError {
    /// The reduction sumcheck failed.
    #[error("reduction sumcheck: {0}")]
    Sumcheck(#[from] SumcheckError),
    /// The reduction's final claim does not match the stated evaluations.
    #[error("reduction final check failed")]
    ReductionMismatch,
    /// The PCS rejected the batched opening.
    #[error("batched opening: {0}")]
    Pcs(#[from] PcsError),
    /// Shapes disagree (claims vs evaluations, a commitment index out of range, no claims).
    #[error("malformed: {0}")]
    Malformed(&'static str),
}

fn identity<F: Copy>(v: &[F]) -> F {
    v[0]
}

/// Reduces `claims` about `polys` (by `commitment_index`) to one point and opens them all.
///
/// # Panics
/// On a claim whose index or point length does not fit `polys` (a prover-side bug).
pub fn prove_openings<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    polys: &[MultilinearPolynomial<S::Field>],
    commitments: &[S::Commitment],
    claims: &[OpeningClaim<S::Field>],
    transcript: &mut impl Transcript,
) -> Result<OpeningProof<S>, OpeningError> {
    if claims.is_empty() {
        return Err(OpeningError::Malformed("no claims"));
    }
    let h: &CombineFn<S::Field> = &identity;
    let mut instances: Vec<EqProductSumcheck<S::Field>> = claims
        .iter()
        .map(|c| {
            let p = polys[c.commitment_index].clone();
            assert_eq!(
                p.num_vars(),
                c.point.len(),
                "claim point length differs from its polynomial"
            );
            EqProductSumcheck::new(c.point.clone(), vec![p], h, 2, c.value)
        })
        .collect();
    let mut refs: Vec<&mut dyn SumcheckInstance<S::Field>> = instances
        .iter_mut()
        .map(|i| i as &mut dyn SumcheckInstance<S::Field>)
        .collect();
    let (reduction, point, finals) = prove_batched(&mut refs, transcript);
    let reduced_evals: Vec<S::Field> = finals.iter().map(|f| f[0]).collect();
    transcript.append_scalars(b"opening_reduced_evals", &reduced_evals);
    let dense: Vec<DensePolynomial<S::Field>> = claims
        .iter()
        .map(|c| polys[c.commitment_index].to_dense())
        .collect();
    let refs: Vec<&DensePolynomial<S::Field>> = dense.iter().collect();
    let claim_commitments: Vec<S::Commitment> = claims
        .iter()
        .map(|c| commitments[c.commitment_index].clone())
        .collect();
    let pcs = S::batch_open(
        setup,
        &refs,
        &claim_commitments,
        &point,
        &reduced_evals,
        transcript,
    )?;
    Ok(OpeningProof {
        reduction,
        reduced_evals,
        pcs,
    })
}

/// Verifies that every claim holds for the committed polynomials (`num_vars[i]` variables for
/// commitment `i`).
pub fn verify_openings<S: CommitmentScheme>(
    setup: &S::VerifierSetup,
    commitments: &[S::Commitment],
    num_vars: &[usize],
    claims: &[OpeningClaim<S::Field>],
    proof: &OpeningProof<S>,
    transcript: &mut impl Transcript,
) -> Result<(), OpeningError> {
    if claims.is_empty()
        || proof.reduced_evals.len() != claims.len()
        || commitments.len() != num_vars.len()
    {
        return Err(OpeningError::Malformed(
            "claims, evaluations and commitments disagree",
        ));
    }
    for c in claims {
        match num_vars.get(c.commitment_index) {
            Some(&n) if n == c.point.len() => {}
            _ => return Err(OpeningError::Malformed("claim does not fit its commitment")),
        }
    }
    let values: Vec<S::Field> = claims.iter().map(|c| c.value).collect();
    let sizes: Vec<usize> = claims.iter().map(|c| c.point.len()).collect();
    let out = verify_batched(&proof.reduction, &values, &sizes, 2, transcript)?;
    let n = out.point.len();
    let expected: S::Field = claims
        .iter()
        .zip(&proof.reduced_evals)
        .zip(&out.coeffs)
        .map(|((c, e), l)| {
            *l * EqPolynomial::new(c.point.clone()).evaluate(&out.point[n - c.point.len()..]) * e
        })
        .sum();
    if expected != out.final_claim {
        return Err(OpeningError::ReductionMismatch);
    }
    transcript.append_scalars(b"opening_reduced_evals", &proof.reduced_evals);
    let claim_commitments: Vec<S::Commitment> = claims
        .iter()
        .map(|c| commitments[c.commitment_index].clone())
        .collect();
    S::batch_verify(
        setup,
        &claim_commitments,
        &sizes,
        &out.point,
        &proof.reduced_evals,
        &proof.pcs,
        transcript,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_std::UniformRand;
    use commitments::{HyperKzg, Hyrax, Zeromorph};
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;
    use sumcheck::MerlinTranscript;

    /// Three polynomials (sizes 6, 4, 6, one compact), five claims at four different points.
    fn scenario() -> (Vec<MultilinearPolynomial<Fr>>, Vec<OpeningClaim<Fr>>) {
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        let polys: Vec<MultilinearPolynomial<Fr>> = vec![
            MultilinearPolynomial::dense((0..64).map(|_| Fr::rand(&mut rng)).collect()),
            (0..16u16).map(|i| i * 1000).collect::<Vec<u16>>().into(),
            MultilinearPolynomial::dense((0..64).map(|_| Fr::rand(&mut rng)).collect()),
        ];
        let pt =
            |n: usize, rng: &mut ChaCha20Rng| (0..n).map(|_| Fr::rand(rng)).collect::<Vec<_>>();
        let points = [
            pt(6, &mut rng),
            pt(4, &mut rng),
            pt(6, &mut rng),
            pt(6, &mut rng),
        ];
        let claims = [(0, 0), (1, 1), (2, 0), (2, 2), (0, 3)]
            .into_iter()
            .map(|(i, p)| OpeningClaim {
                commitment_index: i,
                point: points[p].clone(),
                value: polys[i].evaluate(&points[p]),
            })
            .collect();
        (polys, claims)
    }

    fn check<S: CommitmentScheme<Field = Fr>>() {
        let setup = S::insecure_test_setup(6, 1);
        let vk = S::verifier_setup(&setup);
        let (polys, claims) = scenario();
        let commitments = S::batch_commit(&setup, &polys).unwrap();
        let sizes: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
        let proof = prove_openings::<S>(
            &setup,
            &polys,
            &commitments,
            &claims,
            &mut MerlinTranscript::new(b"acc"),
        )
        .unwrap();
        let verify = |claims: &[OpeningClaim<Fr>], proof: &OpeningProof<S>| {
            verify_openings::<S>(
                &vk,
                &commitments,
                &sizes,
                claims,
                proof,
                &mut MerlinTranscript::new(b"acc"),
            )
        };
        assert_eq!(verify(&claims, &proof), Ok(()));
        // A false claim, proven by the honest code path, is rejected.
        let mut lie = claims.clone();
        lie[3].value += Fr::from(1u64);
        let bad = prove_openings::<S>(
            &setup,
            &polys,
            &commitments,
            &lie,
            &mut MerlinTranscript::new(b"acc"),
        )
        .unwrap();
        assert!(verify(&lie, &bad).is_err());
        // A tampered reduced evaluation is rejected.
        let mut tampered = proof.clone();
        tampered.reduced_evals[1] += Fr::from(1u64);
        assert!(verify(&claims, &tampered).is_err());
        // Shape errors are errors, not panics.
        let mut wrong = claims.clone();
        wrong[0].commitment_index = 7;
        assert!(matches!(
            verify(&wrong, &proof),
            Err(OpeningError::Malformed(_))
        ));
        assert!(matches!(
            verify(&claims[..4], &proof),
            Err(OpeningError::Malformed(_))
        ));
    }

    #[test]
    fn accumulator_works_with_hyperkzg() {
        check::<HyperKzg>();
    }

    #[test]
    fn accumulator_works_with_zeromorph() {
        check::<Zeromorph>();
    }

    #[test]
    fn accumulator_works_with_hyrax() {
        check::<Hyrax>();
    }
}
