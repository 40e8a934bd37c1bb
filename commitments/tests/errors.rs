//! Honest run, then one lie: each verifier names the check that failed.

use ark_bn254::{Fr, G1Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::One;
use ark_std::UniformRand;
use commitments::{CommitmentScheme, HyperKzg, Hyrax, PcsError, Zeromorph};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

const N: usize = 6;

/// An honest opening of a random `N`-variable polynomial: (setup, commitment, point, eval, proof).
fn honest<S: CommitmentScheme<Field = Fr>>(
) -> (S::VerifierSetup, S::Commitment, Vec<Fr>, Fr, S::Proof) {
    let setup = S::insecure_test_setup(N, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(11);
    let poly = DensePolynomial::new((0..1 << N).map(|_| Fr::rand(&mut rng)).collect());
    let point: Vec<Fr> = (0..N).map(|_| Fr::rand(&mut rng)).collect();
    let eval = poly.evaluate(&point);
    let c = S::commit(&setup, &MultilinearPolynomial::Dense(poly.clone())).unwrap();
    let mut t = MerlinTranscript::new(b"errors");
    let proof = S::open(&setup, &poly, &c, &point, &eval, &mut t).unwrap();
    (S::verifier_setup(&setup), c, point, eval, proof)
}

fn verify<S: CommitmentScheme<Field = Fr>>(
    vk: &S::VerifierSetup,
    c: &S::Commitment,
    point: &[Fr],
    eval: Fr,
    proof: &S::Proof,
) -> Result<(), PcsError> {
    S::verify(
        vk,
        c,
        point,
        &eval,
        proof,
        &mut MerlinTranscript::new(b"errors"),
    )
}

fn moved(p: G1Affine) -> G1Affine {
    (p + G1Affine::generator()).into_affine()
}

#[test]
fn hyperkzg_names_the_failed_check() {
    let (vk, c, point, eval, proof) = honest::<HyperKzg>();
    let check = |eval: Fr, proof: &_| verify::<HyperKzg>(&vk, &c, &point, eval, proof);
    assert_eq!(check(eval, &proof), Ok(()));
    // The claimed value enters the last folding equation (after a new transcript, every layer
    // is inconsistent; the first failing one is reported).
    assert!(matches!(
        check(eval + Fr::one(), &proof),
        Err(PcsError::FoldingCheckFailed { .. })
    ));
    let mut bad = proof.clone();
    bad.witness = moved(bad.witness);
    assert_eq!(check(eval, &bad), Err(PcsError::PairingCheckFailed));
    let mut bad = proof.clone();
    bad.folded_commitments.pop();
    assert_eq!(
        check(eval, &bad),
        Err(PcsError::WrongProofLength {
            field: "folded_commitments",
            expected: N - 1,
            got: N - 2
        })
    );
    let mut bad = proof.clone();
    bad.evals[1].push(Fr::one());
    assert!(matches!(
        check(eval, &bad),
        Err(PcsError::WrongProofLength { field: "evals", .. })
    ));
    let mut bad = proof;
    bad.witness = G1Affine::identity();
    assert_eq!(check(eval, &bad), Err(PcsError::PairingCheckFailed));
}

#[test]
fn zeromorph_names_the_failed_check() {
    let (vk, c, point, eval, proof) = honest::<Zeromorph>();
    let check = |eval: Fr, proof: &_| verify::<Zeromorph>(&vk, &c, &point, eval, proof);
    assert_eq!(check(eval, &proof), Ok(()));
    assert_eq!(
        check(eval + Fr::one(), &proof),
        Err(PcsError::PairingCheckFailed)
    );
    let mut bad = proof.clone();
    bad.degree_check = moved(bad.degree_check);
    assert_eq!(check(eval, &bad), Err(PcsError::PairingCheckFailed));
    let mut bad = proof.clone();
    bad.quotient_commitments.push(G1Affine::generator());
    assert_eq!(
        check(eval, &bad),
        Err(PcsError::WrongProofLength {
            field: "quotient_commitments",
            expected: N,
            got: N + 1
        })
    );
    let too_long: Vec<Fr> = vec![Fr::one(); N + 1];
    assert!(matches!(
        verify::<Zeromorph>(&vk, &c, &too_long, eval, &proof),
        Err(PcsError::TooManyVariables { .. })
    ));
}

#[test]
fn hyrax_names_the_failed_check() {
    let (vk, c, point, eval, proof) = honest::<Hyrax>();
    let check = |eval: Fr, proof: &_| verify::<Hyrax>(&vk, &c, &point, eval, proof);
    assert_eq!(check(eval, &proof), Ok(()));
    assert_eq!(
        check(eval + Fr::one(), &proof),
        Err(PcsError::InnerProductMismatch)
    );
    // Change two entries of the row so that ⟨w, eq(u_col)⟩ is unchanged: only the
    // commitment check can notice.
    let eq_col = sumcheck::EqPolynomial::evals(&point[N / 2..]);
    let mut bad = proof.clone();
    bad.combined_row[0] += eq_col[1];
    bad.combined_row[1] -= eq_col[0];
    assert_eq!(check(eval, &bad), Err(PcsError::RowCombinationMismatch));
    let mut bad = proof;
    bad.combined_row.pop();
    assert!(matches!(
        check(eval, &bad),
        Err(PcsError::WrongProofLength {
            field: "combined_row",
            ..
        })
    ));
}

#[test]
fn inconsistent_setups_do_not_load() {
    let setup = HyperKzg::insecure_test_setup(4, 9);
    let mut bad = setup.clone();
    bad.powers_g1[5] = moved(bad.powers_g1[5]);
    let mut bytes = Vec::new();
    HyperKzg::save_setup(&bad, &mut bytes).unwrap();
    assert!(matches!(
        Zeromorph::load_setup(&bytes[..]),
        Err(PcsError::InvalidSetup(_))
    ));
    let mut hyrax = Hyrax::insecure_test_setup(4, 9);
    hyrax.generators.pop();
    let mut bytes = Vec::new();
    Hyrax::save_setup(&hyrax, &mut bytes).unwrap();
    assert!(matches!(
        Hyrax::load_setup(&bytes[..]),
        Err(PcsError::InvalidSetup(_))
    ));
}
