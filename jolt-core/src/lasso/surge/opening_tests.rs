//! Surge over the RV32IM lookups end to end with a PCS: commit every polynomial of
//! [`SurgeLayout`], prove the lookups, hand every claim ([`SurgeClaims::opening_claims`]) to the
//! opening accumulator, and verify, with HyperKZG, Zeromorph and Hyrax through the same code.

use super::rv32_tests::{instance, random_lookups, witness};
use super::*;
use crate::opening::{prove_openings, verify_openings, OpeningError, OpeningProof};
use ark_bn254::Fr;
use ark_serialize::CanonicalSerialize;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, Zeromorph};
use instructions::{LookupId, LookupParams};
use sumcheck::{first_divergence, MerlinTranscript};

/// What the verifier sees, and what it answers.
struct Run<S: CommitmentScheme> {
    commitments: Vec<S::Commitment>,
    num_vars: Vec<usize>,
    proof: SurgeProof<Fr>,
    opening: OpeningProof<S>,
    vk: S::VerifierSetup,
    log_t: usize,
}

fn absorb<C: CanonicalSerialize>(t: &mut MerlinTranscript, commitments: &[C]) {
    let mut bytes = Vec::new();
    commitments.serialize_compressed(&mut bytes).unwrap();
    t.append_message(b"surge_commitments", &bytes);
}

/// The honest prover: commitments first (absorbed), then Surge, then one accumulated opening.
fn prove<S: CommitmentScheme<Field = Fr>>(
    w: &SurgeWitness<Fr>,
    log_t: usize,
) -> (Run<S>, MerlinTranscript) {
    let params = instance(LookupParams::SMALL);
    let polys = params.committed_polynomials(w);
    let num_vars = params.layout().num_vars(log_t, params.log_m);
    let setup = S::insecure_test_setup(log_t.max(params.log_m), 5);
    let commitments = S::batch_commit(&setup, &polys).unwrap();
    let mut t = MerlinTranscript::new_recording(b"surge-pcs");
    absorb(&mut t, &commitments);
    let (proof, claims) = prove_surge(params, w, &mut t);
    let opening = prove_openings::<S>(
        &setup,
        &polys,
        &commitments,
        &claims.opening_claims(params, 0),
        &mut t,
    )
    .unwrap();
    let run = Run {
        commitments,
        num_vars,
        proof,
        opening,
        vk: S::verifier_setup(&setup),
        log_t,
    };
    (run, t)
}

/// Which part of the verifier rejected.
#[derive(Debug, PartialEq)]
enum Rejected {
    Surge(SurgeError),
    Opening(OpeningError),
}

fn verify<S: CommitmentScheme<Field = Fr>>(
    run: &Run<S>,
) -> (Result<(), Rejected>, MerlinTranscript) {
    let params = instance(LookupParams::SMALL);
    let mut t = MerlinTranscript::new_recording(b"surge-pcs");
    absorb(&mut t, &run.commitments);
    let result = verify_surge(params, run.log_t, &run.proof, &mut t)
        .map_err(Rejected::Surge)
        .and_then(|claims| {
            verify_openings::<S>(
                &run.vk,
                &run.commitments,
                &run.num_vars,
                &claims.opening_claims(params, 0),
                &run.opening,
                &mut t,
            )
            .map_err(Rejected::Opening)
        });
    (result, t)
}

fn check<S: CommitmentScheme<Field = Fr>>() {
    let p = LookupParams::SMALL;
    let log_t = 4;
    let w = witness(&p, &random_lookups(99, log_t, &LookupId::ALL));
    let (run, pt) = prove::<S>(&w, log_t);
    let (result, vt) = verify::<S>(&run);
    if let Some(d) = first_divergence(pt.log().unwrap(), vt.log().unwrap()) {
        panic!("{}: {d} (verifier: {result:?})", S::NAME);
    }
    assert_eq!(result, Ok(()), "{}", S::NAME);

    // A commitment to another witness (one output changed) no longer matches the claims:
    // Surge, run on the honest witness, accepts, and the opening rejects.
    let mut other = w.clone();
    other.outputs[3] += Fr::from(1u64);
    let params = instance(p);
    let mut forged = run;
    let setup = S::insecure_test_setup(log_t.max(params.log_m), 5);
    forged.commitments = S::batch_commit(&setup, &params.committed_polynomials(&other)).unwrap();
    let (mut t, mut vt) = (
        MerlinTranscript::new(b"surge-pcs"),
        MerlinTranscript::new(b"surge-pcs"),
    );
    absorb(&mut t, &forged.commitments);
    let (proof, claims) = prove_surge(params, &w, &mut t);
    forged.opening = prove_openings::<S>(
        &setup,
        &params.committed_polynomials(&w),
        &forged.commitments,
        &claims.opening_claims(params, 0),
        &mut t,
    )
    .unwrap();
    forged.proof = proof;
    absorb(&mut vt, &forged.commitments);
    let claims =
        verify_surge(params, log_t, &forged.proof, &mut vt).expect("Surge itself is honest");
    assert!(
        matches!(
            verify_openings::<S>(
                &forged.vk,
                &forged.commitments,
                &forged.num_vars,
                &claims.opening_claims(params, 0),
                &forged.opening,
                &mut vt,
            ),
            Err(OpeningError::Pcs(_))
        ),
        "{}: opening against the wrong commitments accepted",
        S::NAME
    );
}

#[test]
fn surge_claims_open_with_hyperkzg() {
    check::<HyperKzg>();
}

#[test]
fn surge_claims_open_with_zeromorph() {
    check::<Zeromorph>();
}

#[test]
fn surge_claims_open_with_hyrax() {
    check::<Hyrax>();
}
