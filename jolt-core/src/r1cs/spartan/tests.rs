use super::*;
use crate::r1cs::builder::UniformR1csBuilder;
use ark_bn254::Fr;
use ark_ff::One;
use proptest::prelude::*;
use sumcheck::MerlinTranscript;

/// `x(t+1) = x(t) + inc(t)` unless `last(t)`; `inc`, `last` are bits; `sq = inc·x`.
fn counter_system() -> UniformR1cs {
    let mut b = UniformR1csBuilder::new();
    let x = b.column("x");
    let inc = b.column("inc");
    let last = b.column("last");
    let sq = b.column("sq");
    b.constrain_binary("inc is a bit", inc);
    b.constrain_binary("last is a bit", last);
    let not_last = LinearCombination::constant(1) - last;
    b.constrain_eq_if(
        "x advances by inc",
        not_last,
        Variable::Next(x.column()),
        LinearCombination::from(x) + inc,
    );
    b.constrain("sq = inc * x", inc, x, sq);
    b.build()
}

fn witness(log_t: usize, seed: u64) -> Vec<Vec<u64>> {
    let t = 1usize << log_t;
    let incs: Vec<u64> = (0..t).map(|i| (seed >> (i % 64)) & 1).collect();
    let mut xs = vec![0u64; t];
    for i in 1..t {
        xs[i] = xs[i - 1] + incs[i - 1];
    }
    let last: Vec<u64> = (0..t).map(|i| (i == t - 1) as u64).collect();
    let sq: Vec<u64> = xs.iter().zip(&incs).map(|(x, i)| x * i).collect();
    vec![xs, incs, last, sq]
}

fn polys(cols: &[Vec<u64>]) -> Vec<MultilinearPolynomial<Fr>> {
    cols.iter().map(|c| c.clone().into()).collect()
}

/// What one honest prover run produces: the verifier's verdict, the columns, the proof.
type Run = (
    Result<SpartanClaims<Fr>, SpartanError>,
    Vec<MultilinearPolynomial<Fr>>,
    UniformSpartanProof<Fr>,
);

fn prove_verify(cols: &[Vec<u64>]) -> Run {
    let r1cs = counter_system();
    let p = polys(cols);
    let log_t = p[0].num_vars();
    let (proof, _) = prove_uniform_r1cs(&r1cs, &p, &mut MerlinTranscript::new(b"spartan-test"));
    let out = verify_uniform_r1cs(
        &r1cs,
        log_t,
        &proof,
        &mut MerlinTranscript::new(b"spartan-test"),
    );
    (out, p, proof)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// The integer first round (compact columns) sends the same messages as the generic
    /// field round (the same columns held densely), for honest witnesses and for a corrupted
    /// one (whose failing pairs take the field path).
    #[test]
    fn integer_first_round_matches_the_field_round(log_t in 1usize..=8, seed in any::<u64>(), corrupt in any::<bool>(), step in any::<usize>()) {
        let mut cols = witness(log_t, seed);
        if corrupt {
            let t = step % (1 << log_t);
            cols[3][t] += 1;
        }
        let r1cs = counter_system();
        let compact = polys(&cols);
        let dense: Vec<MultilinearPolynomial<Fr>> = compact
            .iter()
            .map(|p| MultilinearPolynomial::dense(p.to_dense().evals().to_vec()))
            .collect();
        prop_assert!(compact.iter().all(|p| p.is_small()));
        let (fast, _) = prove_uniform_r1cs(&r1cs, &compact, &mut MerlinTranscript::new(b"spartan-test"));
        let (generic, _) = prove_uniform_r1cs(&r1cs, &dense, &mut MerlinTranscript::new(b"spartan-test"));
        prop_assert_eq!(fast, generic);
    }

    #[test]
    fn honest_witness_verifies_and_claims_hold(log_t in 0usize..=10, seed in any::<u64>()) {
        let cols = witness(log_t, seed);
        let r1cs = counter_system();
        let field_cols: Vec<Vec<Fr>> = cols.iter().map(|c| c.iter().map(|&v| Fr::from(v)).collect()).collect();
        prop_assert_eq!(r1cs.check(&field_cols), Ok(()));
        let (out, p, _) = prove_verify(&cols);
        let claims = out.unwrap();
        prop_assert!(claims_hold(&p, &claims));
    }

    #[test]
    fn one_corrupted_value_is_caught(log_t in 1usize..=8, seed in any::<u64>(), col in 0usize..4, step in any::<usize>(), delta in 1u64..5) {
        let mut cols = witness(log_t, seed);
        let t = step % (1usize << log_t);
        cols[col][t] += delta;
        // Some changes keep the witness valid (e.g. inc at the last step when x is 0 there);
        // only a witness that violates a constraint must be rejected.
        let field_cols: Vec<Vec<Fr>> = cols.iter().map(|c| c.iter().map(|&v| Fr::from(v)).collect()).collect();
        prop_assume!(counter_system().check(&field_cols).is_err());
        let (out, p, _) = prove_verify(&cols);
        // Either the verifier rejects, or the claims it returns are false (the PCS would reject).
        if let Ok(claims) = out {
            prop_assert!(!claims_hold(&p, &claims), "corrupted witness passed");
        }
    }
}

#[test]
fn tampered_evaluations_and_shapes_are_rejected() {
    let cols = witness(4, 0xdead_beef);
    let r1cs = counter_system();
    let (_, _, proof) = prove_verify(&cols);
    let verify = |p: &UniformSpartanProof<Fr>| {
        verify_uniform_r1cs(&r1cs, 4, p, &mut MerlinTranscript::new(b"spartan-test"))
    };
    let mut bad = proof.clone();
    bad.column_evals[1] += Fr::one();
    assert_eq!(
        verify(&bad).unwrap_err(),
        SpartanError::ConstraintCheckFailed
    );
    let mut bad = proof.clone();
    bad.shift_column_evals[0] += Fr::one();
    assert_eq!(verify(&bad).unwrap_err(), SpartanError::ShiftCheckFailed);
    let mut bad = proof.clone();
    bad.column_evals.pop();
    assert!(matches!(
        verify(&bad).unwrap_err(),
        SpartanError::WrongLength { .. }
    ));
    let mut bad = proof.clone();
    bad.outer.round_polys.pop();
    assert!(matches!(
        verify(&bad).unwrap_err(),
        SpartanError::Sumcheck(_)
    ));
    assert!(verify_uniform_r1cs(
        &r1cs,
        5,
        &proof,
        &mut MerlinTranscript::new(b"spartan-test")
    )
    .is_err());
}

/// The first round's integer forms are exact: without overflow checks while the
/// coefficients bound every value below `2^126`, with them (refusing to overflow) beyond.
#[test]
fn integer_forms_are_exact_or_refuse() {
    let lc = LinearCombination {
        terms: vec![(Variable::Current(0), 1), (Variable::Current(1), -3)],
        constant: 5,
    };
    let f = IntForm::new(&lc, &[None, None], 2);
    assert!(f.bounded);
    assert_eq!(f.eval(&[10, 2]), Some(9));
    assert_eq!(f.eval(&[u64::MAX as i128, 0]), Some(u64::MAX as i128 + 5));
    let big = LinearCombination {
        terms: vec![(Variable::Current(0), 1i128 << 100)],
        constant: 0,
    };
    let g = IntForm::new(&big, &[None], 1);
    assert!(!g.bounded);
    assert_eq!(g.eval(&[1]), Some(1 << 100));
    assert_eq!(g.eval(&[1 << 40]), None);
}
