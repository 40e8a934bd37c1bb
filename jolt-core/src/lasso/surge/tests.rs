use super::*;
use crate::memory_checking::MemoryCheckingError;
use ark_bn254::Fr;
use proptest::prelude::*;
use sumcheck::{DensePolynomial, MerlinTranscript};

/// A toy decomposable table: 4-bit operands, C = 2 chunks of 2 bits, subtables of 16 entries
/// indexed by `(x_chunk << 2) | y_chunk`.
fn params() -> SurgeParams<Fr> {
    let table = |f: fn(u64, u64) -> u64| -> Vec<Fr> {
        (0..16u64).map(|i| Fr::from(f(i >> 2, i & 3))).collect()
    };
    let subtables = vec![
        table(|a, b| a & b),
        table(|a, b| a ^ b),
        table(|a, b| (a == b) as u64),
    ];
    let subtable_mles: Vec<FieldFn<Fr>> = subtables
        .iter()
        .map(|t| {
            let p = DensePolynomial::new(t.clone());
            Box::new(move |r: &[Fr]| p.evaluate(r)) as FieldFn<Fr>
        })
        .collect();
    let concat = |v: &[Fr]| v[0] * Fr::from(4u64) + v[1];
    SurgeParams {
        log_m: 4,
        subtables,
        subtable_mles,
        num_chunks: 2,
        memories: vec![(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)],
        instructions: vec![
            SurgeInstruction {
                name: "and",
                memories: vec![0, 1],
                combine: Box::new(concat),
                degree: 1,
            },
            SurgeInstruction {
                name: "xor",
                memories: vec![2, 3],
                combine: Box::new(concat),
                degree: 1,
            },
            SurgeInstruction {
                name: "eq",
                memories: vec![4, 5],
                combine: Box::new(|v: &[Fr]| v[0] * v[1]),
                degree: 2,
            },
        ],
    }
}

fn reference(f: usize, x: u64, y: u64) -> u64 {
    match f {
        0 => x & y,
        1 => x ^ y,
        _ => (x == y) as u64,
    }
}

fn witness(log_t: usize, seed: u64) -> (SurgeWitness<Fr>, Vec<(usize, u64, u64)>) {
    let mut s = seed | 1;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let lookups: Vec<(usize, u64, u64)> = (0..1usize << log_t)
        .map(|_| {
            let v = next();
            ((v % 3) as usize, (v >> 8) & 15, (v >> 16) & 15)
        })
        .collect();
    let dims = (0..2)
        .map(|c| {
            lookups
                .iter()
                .map(|&(_, x, y)| {
                    let shift = 2 * (1 - c);
                    ((((x >> shift) & 3) << 2) | ((y >> shift) & 3)) as usize
                })
                .collect()
        })
        .collect();
    let flags = (0..3)
        .map(|f| lookups.iter().map(|l| l.0 == f).collect())
        .collect();
    let outputs = lookups
        .iter()
        .map(|&(f, x, y)| Fr::from(reference(f, x, y)))
        .collect();
    (
        SurgeWitness {
            dims,
            flags,
            outputs,
        },
        lookups,
    )
}

fn run(w: &SurgeWitness<Fr>) -> Result<SurgeClaims<Fr>, SurgeError> {
    let p = params();
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let (proof, _) = prove_surge(&p, w, &mut MerlinTranscript::new(b"surge"));
    verify_surge(&p, log_t, &proof, &mut MerlinTranscript::new(b"surge"))
}

/// What the PCS would confirm at the primary point.
fn primary_claims_hold(w: &SurgeWitness<Fr>, c: &SurgeClaims<Fr>) -> bool {
    let p = params();
    let r = &c.primary_point;
    let mut expected: Vec<Fr> = p
        .memories
        .iter()
        .map(|&(s, ch)| {
            DensePolynomial::new(w.dims[ch].iter().map(|&d| p.subtables[s][d]).collect())
                .evaluate(r)
        })
        .collect();
    expected.extend(w.flags.iter().map(|f| {
        DensePolynomial::new(f.iter().map(|&b| Fr::from(b as u64)).collect()).evaluate(r)
    }));
    expected.push(DensePolynomial::new(w.outputs.clone()).evaluate(r));
    expected == c.primary_evals
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn honest_lookups_verify(log_t in 1usize..=7, seed in any::<u64>()) {
        let (w, _) = witness(log_t, seed);
        let claims = run(&w).unwrap();
        prop_assert!(primary_claims_hold(&w, &claims));
    }

    #[test]
    fn a_wrong_output_is_caught(log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let (mut w, _) = witness(log_t, seed);
        let t = which % w.outputs.len();
        w.outputs[t] += Fr::from(1u64);
        match run(&w) {
            Err(e) => prop_assert_eq!(e, SurgeError::PrimaryCheckFailed),
            Ok(c) => prop_assert!(!primary_claims_hold(&w, &c)),
        }
    }

    #[test]
    fn a_right_output_with_a_wrong_chunk_is_caught(log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let (mut w, lookups) = witness(log_t, seed);
        let t = which % w.outputs.len();
        let (f, x, y) = lookups[t];
        let original = w.dims[1][t];
        // Change the low chunk to another index unless that happens to give the same output.
        w.dims[1][t] = (original + 1) % 16;
        let (a, b) = ((w.dims[1][t] >> 2) as u64, (w.dims[1][t] & 3) as u64);
        // The output the changed chunk encodes, against the one the lookup claims.
        let changed = reference(f, (x & !3) | a, (y & !3) | b);
        prop_assume!(changed != reference(f, x, y));
        prop_assert!(run(&w).is_err());
    }

    #[test]
    fn a_flag_for_the_wrong_instruction_is_caught(log_t in 1usize..=6, seed in any::<u64>(), which in any::<usize>()) {
        let (mut w, lookups) = witness(log_t, seed);
        let t = which % w.outputs.len();
        let (f, x, y) = lookups[t];
        let g = (f + 1) % 3;
        prop_assume!(reference(g, x, y) != reference(f, x, y));
        w.flags[f][t] = false;
        w.flags[g][t] = true;
        match run(&w) {
            Err(_) => {}
            Ok(c) => prop_assert!(!primary_claims_hold(&w, &c)),
        }
    }
}

#[test]
fn two_flags_set_is_caught_unless_outputs_agree() {
    let (mut w, lookups) = witness(3, 77);
    let t = (0..8)
        .find(|&t| lookups[t].0 == 0 && reference(1, lookups[t].1, lookups[t].2) != 0)
        .unwrap_or(0);
    w.flags[1][t] = true; // AND and XOR both on
    if reference(1, lookups[t].1, lookups[t].2) != 0 {
        assert!(run(&w).is_err());
    }
}

#[test]
fn malformed_proofs_are_errors() {
    let (w, _) = witness(3, 5);
    let p = params();
    let (proof, _) = prove_surge(&p, &w, &mut MerlinTranscript::new(b"surge"));
    let mut bad = proof.clone();
    bad.primary_evals.pop();
    assert!(matches!(
        verify_surge(&p, 3, &bad, &mut MerlinTranscript::new(b"surge")),
        Err(SurgeError::WrongLength { .. })
    ));
    let mut bad = proof.clone();
    bad.memory_check.final_count_evals.pop();
    assert!(matches!(
        verify_surge(&p, 3, &bad, &mut MerlinTranscript::new(b"surge")),
        Err(SurgeError::Memory {
            source: MemoryCheckingError::WrongLength { .. },
            ..
        })
    ));
    let mut bad = proof;
    bad.primary_evals[0] += Fr::from(1u64);
    assert_eq!(
        verify_surge(&p, 3, &bad, &mut MerlinTranscript::new(b"surge")).unwrap_err(),
        SurgeError::PrimaryCheckFailed
    );
}

/// Finite differences extend a polynomial's values at `0..=deg` to later integer points
/// exactly (degrees 0 to 6, as the RV32 instructions' `g` have), and leave enough values
/// alone.
#[test]
fn differences_extend_polynomial_values() {
    let p = |coeffs: &[u64], t: u64| -> Fr {
        coeffs
            .iter()
            .rev()
            .fold(Fr::from(0u64), |acc, &c| acc * Fr::from(t) + Fr::from(c))
    };
    for degree in 0..=6usize {
        let coeffs: Vec<u64> = (0..=degree as u64).map(|i| 3 * i * i + 7).collect();
        let mut values: Vec<Fr> = (0..=degree as u64).map(|t| p(&coeffs, t)).collect();
        extend_by_differences(&mut values, 9);
        let expected: Vec<Fr> = (0..=9u64).map(|t| p(&coeffs, t)).collect();
        assert_eq!(values, expected, "degree {degree}");
    }
    let mut values = vec![Fr::from(1u64), Fr::from(5u64), Fr::from(2u64)];
    extend_by_differences(&mut values, 1);
    assert_eq!(values.len(), 3);
}
