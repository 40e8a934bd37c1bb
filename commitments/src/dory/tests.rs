//! Dory-specific checks beyond the shared conformance suite: reference values of the setup
//! and the commitment, variable order, the GT membership tests, and named rejections.

use super::gt::{is_cyclotomic, is_in_gt, pairing, BN_U};
use super::*;
use ark_bn254::{Fq12, G2Affine};
use ark_ec::bn::BnConfig;
use ark_ec::pairing::PairingOutput;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{CyclotomicMultSubgroup, One, PrimeField, UniformRand, Zero};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::sync::OnceLock;
use sumcheck::MerlinTranscript;

const MAX: usize = 7;

fn setup() -> &'static DorySetup {
    static SETUP: OnceLock<DorySetup> = OnceLock::new();
    SETUP.get_or_init(|| Dory::insecure_test_setup(MAX, 3))
}

fn transcript() -> MerlinTranscript {
    MerlinTranscript::new(b"dory-test")
}

fn random_poly(n: usize, rng: &mut ChaCha20Rng) -> DensePolynomial<Fr> {
    DensePolynomial::new((0..1usize << n).map(|_| Fr::rand(rng)).collect())
}

/// `Σ_{i<len} e(a_i, b_i)` one pairing at a time.
fn naive_ipp(a: &[G1Affine], b: &[G2Affine]) -> Gt {
    a.iter().zip(b).map(|(x, y)| pairing(*x, *y)).sum()
}

#[test]
fn bn_u_is_the_curve_parameter() {
    assert_eq!(ark_bn254::Config::X, &[BN_U]);
    const { assert!(!ark_bn254::Config::X_IS_NEGATIVE) };
}

#[test]
fn gt_membership_matches_the_order_check() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let g = pairing(G1Affine::generator(), G2Affine::generator());
    for _ in 0..4 {
        let x = g * Fr::rand(&mut rng);
        assert!(is_in_gt(&x));
        assert!(x.0.pow(Fr::MODULUS).is_one());
        // A random Fq12 is not cyclotomic; its "easy part" image x^{(p^6−1)(p^2+1)} is, but is
        // not in GT (r·h with h coprime to r).
        let y = Fq12::rand(&mut rng);
        assert!(!is_cyclotomic(&y));
        let mut easy = y.inverse().expect("nonzero");
        let mut conj = y;
        conj.cyclotomic_inverse_in_place();
        easy *= conj; // y^{p^6 − 1}
        let mut t = easy;
        t.frobenius_map_in_place(2);
        easy *= t; // ·^{p^2 + 1}
        assert!(is_cyclotomic(&easy));
        assert!(!is_in_gt(&PairingOutput(easy)));
        assert!(!easy.pow(Fr::MODULUS).is_one());
        // Its r-th power has no GT part left (order dividing h): still not in GT.
        let h_part = easy.pow(Fr::MODULUS);
        assert!(is_cyclotomic(&h_part) && !is_in_gt(&PairingOutput(h_part)));
        assert!(!is_in_gt(&PairingOutput(h_part * x.0)));
    }
    assert!(!is_cyclotomic(&Fq12::zero()));
}

#[test]
fn setup_values_match_their_definitions() {
    let s = setup();
    let (g1, g2) = (&s.tier1.generators, &s.gamma2);
    let v = &s.verifier;
    assert_eq!(v.chi.len(), MAX.div_ceil(2) + 1);
    for (k, chi) in v.chi.iter().enumerate() {
        assert_eq!(chi.0, naive_ipp(&g1[..1 << k], &g2[..1 << k]), "χ_{k}");
    }
    for k in 1..v.chi.len() {
        let (h, w) = (1usize << (k - 1), 1usize << k);
        assert_eq!(v.delta1_right[k - 1].0, naive_ipp(&g1[h..w], &g2[..h]));
        assert_eq!(v.delta2_right[k - 1].0, naive_ipp(&g1[..h], &g2[h..w]));
    }
    assert!(g2
        .iter()
        .all(|g| g.is_in_correct_subgroup_assuming_on_curve()));
    assert_eq!(Dory::check_setup(s), Ok(()));
    let mut bad = s.clone();
    bad.gamma2.swap(0, 1);
    assert!(Dory::check_setup(&bad).is_err(), "swapped Γ2 accepted");
}

#[test]
fn commitment_is_the_inner_pairing_product_of_hyrax_rows() {
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    for n in [0, 3, 5, 7] {
        let p = random_poly(n, &mut rng);
        let rows = Hyrax::commit(&setup().tier1, &MultilinearPolynomial::Dense(p.clone()))
            .expect("commit")
            .0;
        let c = Dory::commit(setup(), &MultilinearPolynomial::Dense(p)).expect("commit");
        assert_eq!(
            c.tier2.0,
            naive_ipp(&rows, &setup().gamma2[..rows.len()]),
            "n = {n}"
        );
    }
}

/// An indicator of index `b` evaluates to `eq(r, bits(b))` (MSB-first), and the proof of that
/// value verifies at every size, odd, below and at `m`.
#[test]
fn opens_indicator_polynomials_msb_first() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let vk = Dory::verifier_setup(setup());
    for n in 0..=MAX {
        let b = (rng.next_u64() as usize) % (1usize << n);
        let mut evals = vec![Fr::zero(); 1 << n];
        evals[b] = Fr::one();
        let p = DensePolynomial::new(evals);
        let r: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let expected: Fr = (0..n)
            .map(|i| {
                let bit = (b >> (n - 1 - i)) & 1 == 1;
                if bit {
                    r[i]
                } else {
                    Fr::one() - r[i]
                }
            })
            .product();
        assert_eq!(p.evaluate(&r), expected);
        let c = Dory::commit(setup(), &MultilinearPolynomial::Dense(p.clone())).expect("commit");
        let proof = Dory::open(setup(), &p, &c, &r, &expected, &mut transcript()).expect("open");
        assert_eq!(proof.rounds.len(), n.min(MAX.div_ceil(2)));
        assert_eq!(
            Dory::verify(&vk, &c, &r, &expected, &proof, &mut transcript()),
            Ok(()),
            "n = {n}"
        );
    }
}

/// The rows kept in a commitment (and combined by `combine_commitments`, smaller polynomials
/// zero-padded) are the rows `open` would recompute: the proofs are identical either way.
#[test]
fn opening_hint_matches_recomputed_rows() {
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let (small, big) = (random_poly(4, &mut rng), random_poly(7, &mut rng));
    let commit = |p: &DensePolynomial<Fr>| {
        Dory::commit(setup(), &MultilinearPolynomial::Dense(p.clone())).expect("commit")
    };
    let (a, b) = (Fr::rand(&mut rng), Fr::rand(&mut rng));
    let combined =
        Dory::combine_commitments(&[commit(&small), commit(&big)], &[a, b]).expect("homomorphic");
    let mut evals: Vec<Fr> = big.evals().iter().map(|v| b * v).collect();
    for (e, v) in evals.iter_mut().zip(small.evals()) {
        *e += a * v;
    }
    let sum = DensePolynomial::new(evals);
    let direct = commit(&sum);
    assert_eq!(combined, direct);
    assert_eq!(combined.rows(), direct.rows());
    let r: Vec<Fr> = (0..7).map(|_| Fr::rand(&mut rng)).collect();
    let y = sum.evaluate(&r);
    let open = |c: &DoryCommitment| Dory::open(setup(), &sum, c, &r, &y, &mut transcript());
    let bare = DoryCommitment::new(combined.tier2);
    assert!(bare.rows().is_none());
    let proof = open(&combined).expect("open with the hint");
    assert_eq!(proof, open(&bare).expect("open without it"));
    assert_eq!(
        Dory::verify(&setup().verifier, &bare, &r, &y, &proof, &mut transcript()),
        Ok(())
    );
    // A one-row hint (4 variables < m) opened as part of a 7-variable point: padded rows.
    let small_c = commit(&small);
    let padded: Vec<Fr> = small
        .evals()
        .iter()
        .copied()
        .chain(std::iter::repeat_n(Fr::zero(), 112))
        .collect();
    let padded = DensePolynomial::new(padded);
    let y = padded.evaluate(&r);
    let with_hint =
        Dory::open(setup(), &padded, &small_c, &r, &y, &mut transcript()).expect("open");
    let without = Dory::open(
        setup(),
        &padded,
        &DoryCommitment::new(small_c.tier2),
        &r,
        &y,
        &mut transcript(),
    )
    .expect("open");
    assert_eq!(with_hint, without);
}

/// Prover and verifier transcripts end in the same state.
#[test]
fn transcripts_end_equal() {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let p = random_poly(5, &mut rng);
    let r: Vec<Fr> = (0..5).map(|_| Fr::rand(&mut rng)).collect();
    let y = p.evaluate(&r);
    let c = Dory::commit(setup(), &MultilinearPolynomial::Dense(p.clone())).expect("commit");
    let (mut tp, mut tv) = (transcript(), transcript());
    let proof = Dory::open(setup(), &p, &c, &r, &y, &mut tp).expect("open");
    Dory::verify(&setup().verifier, &c, &r, &y, &proof, &mut tv).expect("verify");
    let (a, b): (Fr, Fr) = (tp.challenge_scalar(b"end"), tv.challenge_scalar(b"end"));
    assert_eq!(a, b);
}

/// Each tampered message type is rejected with the error of the check it breaks.
#[test]
fn tampered_messages_fail_their_named_check() {
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let n = 6;
    let p = random_poly(n, &mut rng);
    let r: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
    let y = p.evaluate(&r);
    let c = Dory::commit(setup(), &MultilinearPolynomial::Dense(p.clone())).expect("commit");
    let proof = Dory::open(setup(), &p, &c, &r, &y, &mut transcript()).expect("open");
    let vk = &setup().verifier;
    let check = |proof: &DoryProof| Dory::verify(vk, &c, &r, &y, proof, &mut transcript());
    let g1 = (G1Affine::generator() * Fr::from(7u64)).into_affine();
    let g2 = (G2Affine::generator() * Fr::from(7u64)).into_affine();
    let gt = GtElement(pairing(g1, g2));

    let mut bad = proof.clone();
    bad.vmv.e1 = g1;
    assert_eq!(check(&bad), Err(PcsError::VmvCheckFailed));
    // The revealed vectors are absorbed only before `d`, which E1/E2 do not use.
    let mut bad = proof.clone();
    bad.final_g1 = g1;
    assert_eq!(
        check(&bad),
        Err(PcsError::FoldedClaimMismatch("E1 = s2·v1"))
    );
    let mut bad = proof.clone();
    bad.final_g2 = G2Element(g2);
    assert_eq!(
        check(&bad),
        Err(PcsError::FoldedClaimMismatch("E2 = s1·v2"))
    );
    // A round message changes every later challenge, so the first folded check fails.
    for i in 0..6 {
        let mut bad = proof.clone();
        let round = &mut bad.rounds[i % 3];
        *[
            &mut round.first.d1_left,
            &mut round.first.d1_right,
            &mut round.first.d2_left,
            &mut round.first.d2_right,
            &mut round.second.c_plus,
            &mut round.second.c_minus,
        ][i] = gt;
        assert!(check(&bad).is_err(), "GT message {i}");
    }
    // C_v, likewise (absorbed before the first β).
    let mut bad = proof.clone();
    bad.vmv.c = gt;
    assert!(check(&bad).is_err());
    let mut bad = proof.clone();
    bad.rounds.pop();
    assert!(matches!(
        check(&bad),
        Err(PcsError::WrongProofLength { .. })
    ));
    assert_eq!(check(&proof), Ok(()));
}

/// The verifier's kernels at `K` rounds, timed one by one (the breakdown in
/// `paper-notes/dory.md`): `cargo test --release -p commitments --lib verifier_kernels --
/// --ignored --nocapture` with `RAYON_NUM_THREADS=1`.
#[test]
#[ignore = "timing, release only"]
fn verifier_kernels() {
    use ark_bn254::{G1Projective, G2Projective};
    use ark_ec::VariableBaseMSM;
    use std::time::Instant;
    let k = 10;
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let g = pairing(G1Affine::generator(), G2Affine::generator());
    let gts: Vec<Gt> = (0..4 + 9 * k).map(|_| g * Fr::rand(&mut rng)).collect();
    let scalars: Vec<Fr> = (0..gts.len()).map(|_| Fr::rand(&mut rng)).collect();
    let g1: Vec<G1Affine> = (0..3 * k + 2)
        .map(|_| (G1Affine::generator() * Fr::rand(&mut rng)).into_affine())
        .collect();
    let g2: Vec<G2Affine> = (0..3 * k + 2)
        .map(|_| (G2Affine::generator() * Fr::rand(&mut rng)).into_affine())
        .collect();
    let time = |what: &str, reps: u32, f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..reps {
            f();
        }
        println!(
            "{what}: {:.2} ms",
            start.elapsed().as_secs_f64() * 1e3 / f64::from(reps)
        );
    };
    time(
        &format!("GT multi-exponentiation, {} bases", gts.len()),
        5,
        &mut || {
            let _ = Gt::msm_unchecked(&gts, &scalars);
        },
    );
    time(
        &format!("{} separate GT exponentiations", gts.len()),
        2,
        &mut || {
            let _: Gt = gts.iter().zip(&scalars).map(|(x, s)| *x * s).sum();
        },
    );
    time(&format!("G1 MSM, {} points", g1.len()), 20, &mut || {
        let _ = G1Projective::msm_unchecked(&g1, &scalars[..g1.len()]);
    });
    time(&format!("G2 MSM, {} points", g2.len()), 20, &mut || {
        let _ = G2Projective::msm_unchecked(&g2, &scalars[..g2.len()]);
    });
    time("one pairing", 20, &mut || {
        let _ = pairing(g1[0], g2[0]);
    });
    time(
        &format!("{} GT membership checks (x^e = 1)", 3 + 6 * k),
        5,
        &mut || {
            assert!(gts[..3 + 6 * k].iter().all(is_in_gt));
        },
    );
    time(
        &format!("{} GT membership checks (x^r = 1)", 3 + 6 * k),
        2,
        &mut || {
            assert!(gts[..3 + 6 * k]
                .iter()
                .all(|x| x.0.pow(Fr::MODULUS).is_one()));
        },
    );
    time(
        &format!("{} G2 subgroup checks", 3 * k + 1),
        20,
        &mut || {
            assert!(g2[..3 * k + 1]
                .iter()
                .all(|p| p.is_in_correct_subgroup_assuming_on_curve()));
        },
    );
}
