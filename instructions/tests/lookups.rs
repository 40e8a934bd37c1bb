//! Lookup decompositions, for `C = 4, log M = 16` and `C = 8, log M = 8`: `g` over the
//! subtable values at the chunk indices equals the table's output on random and boundary
//! operands; every RV32IM instruction run with its lookups computed through `g` matches the
//! reference semantics; `g`'s stated degree is its true degree; outputs from any genuine
//! subtable values stay below `2^32`.

mod common;

use ark_bn254::Fr;
use ark_ff::{BigInteger, One, PrimeField, UniformRand, Zero};
use common::{instruction, operand, BOUNDARY};
use instructions::{
    memories_in_use, LookupId, LookupParams, Opcode, QueryKind, RowOracle, SubtableId,
};
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

const PARAMS: [LookupParams; 2] = [LookupParams::DEFAULT, LookupParams::SMALL];

/// The integer a field element stands for, if it is below 2^64.
fn small(f: Fr) -> Option<u64> {
    let big = f.into_bigint();
    (big.num_bits() <= 64).then(|| big.as_ref()[0])
}

fn assert_decomposition(p: &LookupParams, id: LookupId, x: u32, y: u32) {
    let g: Fr = id.evaluate_decomposition(p, x, y);
    assert_eq!(
        g,
        Fr::from(id.lookup_output(x, y)),
        "{id} (C = {}, log M = {}) on ({x:#x}, {y:#x})",
        p.c(),
        p.log_m()
    );
}

#[test]
fn decomposition_matches_the_table_on_boundary_operands() {
    for p in &PARAMS {
        for id in LookupId::ALL {
            for &x in &BOUNDARY {
                for &y in &BOUNDARY {
                    assert_decomposition(p, id, x, y);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decomposition_matches_the_table_on_random_operands(x in operand(), y in operand()) {
        for p in &PARAMS {
            for id in LookupId::ALL {
                assert_decomposition(p, id, x, y);
            }
        }
    }

    /// Whatever chunk indices the prover commits to, `g` of the genuine subtable values is a
    /// 32-bit word (a truth value for the boolean tables).
    #[test]
    fn outputs_from_any_chunk_indices_are_words(seed in any::<u64>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        for p in &PARAMS {
            let dims: Vec<usize> = (0..p.c()).map(|_| rng.next_u64() as usize % p.m()).collect();
            for id in LookupId::ALL {
                let values: Vec<Fr> = id.memory_values(p, &dims).into_iter().map(Fr::from).collect();
                let out = small(id.combine(p, &values));
                prop_assert!(matches!(out, Some(v) if v < 1 << 32), "{} on {:?}: {:?}", id, dims, out);
                if id.is_boolean() {
                    prop_assert!(out.unwrap() <= 1, "{}", id);
                }
            }
        }
    }
}

#[test]
fn chunk_indices_are_in_range_and_recombine_to_the_query() {
    for p in &PARAMS {
        for id in LookupId::ALL {
            for &x in &BOUNDARY {
                let y = x.rotate_left(7) ^ 0x1234_5678;
                let dims = id.chunk_indices(p, x, y);
                assert_eq!(dims.len(), p.c());
                assert!(dims.iter().all(|&d| d < p.m()));
                let q = id.query_kind().query(p, x, y);
                assert_eq!(p.join_chunks(&dims), q);
                let expected = match id.query_kind() {
                    QueryKind::Sum => x as u64 + y as u64,
                    QueryKind::Difference => x as u64 + (1 << 32) - y as u64,
                    QueryKind::Product => x as u64 * y as u64,
                    QueryKind::Unary => x as u64,
                    QueryKind::Interleaved => {
                        let b = p.operand_chunk_bits();
                        let (xs, ys) = (p.operand_chunks(x), p.operand_chunks(y));
                        for c in 0..p.c() {
                            assert_eq!(dims[c], ((xs[c] << b) | ys[c]) as usize);
                        }
                        q
                    }
                };
                assert_eq!(q, expected, "{id}");
            }
        }
    }
}

/// `g` restricted to a random line `a + t·b` is a polynomial in `t` of degree exactly
/// `g_degree`: its `(d+1)`-th finite difference vanishes and its `d`-th does not.
#[test]
fn g_degree_is_the_true_degree() {
    let mut rng = ChaCha20Rng::seed_from_u64(11);
    for p in &PARAMS {
        for id in LookupId::ALL {
            let d = id.g_degree(p);
            let k = id.subtables(p).len();
            let a: Vec<Fr> = (0..k).map(|_| Fr::rand(&mut rng)).collect();
            let b: Vec<Fr> = (0..k).map(|_| Fr::rand(&mut rng)).collect();
            let mut diffs: Vec<Fr> = (0..=d + 1)
                .map(|t| {
                    let t = Fr::from(t as u64);
                    let point: Vec<Fr> = a.iter().zip(&b).map(|(&ai, &bi)| ai + t * bi).collect();
                    id.combine(p, &point)
                })
                .collect();
            for _ in 0..d {
                diffs = diffs.windows(2).map(|w| w[1] - w[0]).collect();
            }
            assert_eq!(diffs.len(), 2);
            assert!(!diffs[0].is_zero(), "{id}: degree below {d}");
            assert_eq!(diffs[1], diffs[0], "{id}: degree above {d}");
        }
    }
}

#[test]
fn every_memory_is_a_supported_subtable_and_every_chunk_is_read() {
    for p in &PARAMS {
        let memories = memories_in_use(p);
        for &(table, c) in &memories {
            assert!(table.supports(p.log_m()), "{table}");
            assert!(c < p.c());
        }
        // Every chunk position is an address of some memory, so the read-only memory checks
        // range-check every chunk index of every step.
        for c in 0..p.c() {
            assert!(memories.iter().any(|&(_, mc)| mc == c), "chunk {c}");
        }
        assert!(memories.contains(&(SubtableId::LeftOperand, 0)));
    }
}

#[test]
fn known_decompositions() {
    let p = LookupParams::DEFAULT;
    assert_eq!(LookupId::Sltu.subtables(&p).len(), 4 + 3);
    assert_eq!(LookupId::Sltu.g_degree(&p), 4);
    assert_eq!(LookupId::Slt.g_degree(&p), 6);
    assert_eq!(LookupId::Cneg.g_degree(&LookupParams::SMALL), 9);
    assert_eq!(
        LookupId::MulNoOverflow.subtables(&p),
        vec![(SubtableId::IsZero, 0), (SubtableId::IsZero, 1)]
    );
    assert_eq!(
        LookupId::WordAligned.subtables(&LookupParams::SMALL),
        vec![(SubtableId::LowBitsZero { bits: 2 }, 7)]
    );
    // Wrong subtable values give a wrong output: g really reads them.
    let dims = LookupId::Add.chunk_indices(&p, 5, 7);
    let mut values: Vec<Fr> = LookupId::Add
        .memory_values(&p, &dims)
        .into_iter()
        .map(Fr::from)
        .collect();
    assert_eq!(LookupId::Add.combine(&p, &values), Fr::from(12u64));
    values[1] += Fr::one();
    assert_ne!(LookupId::Add.combine(&p, &values), Fr::from(12u64));
}

/// Lookup outputs computed through the decomposition (and checked against the table).
struct Decomposed(LookupParams);

impl RowOracle for Decomposed {
    fn lookup(&mut self, id: LookupId, x: u32, y: u32) -> u32 {
        let g: Fr = id.evaluate_decomposition(&self.0, x, y);
        let out = id.lookup_output(x, y);
        assert_eq!(small(g), Some(out as u64), "{id}({x:#x}, {y:#x})");
        out
    }
}

/// g(subtable values) = lookup output = reference semantics, for every RV32IM instruction.
#[test]
fn every_instruction_through_decomposed_lookups_matches_the_reference() {
    for p in PARAMS {
        let mut oracle = Decomposed(p);
        let mut completed = 0;
        for opcode in Opcode::ALL {
            for &a in &BOUNDARY {
                for &b in &BOUNDARY {
                    let mut arch = [0u32; 32];
                    arch[11] = a;
                    arch[12] = b;
                    arch[17] = 93;
                    let raw = ((b << 20) | (b & 31)) as i32;
                    for (rd, rs1, rs2) in [(10, 11, 12), (12, 11, 12)] {
                        let inst = instruction(opcode, rd, rs1, rs2, raw);
                        if common::check(&mut oracle, inst, 0x2000, arch).unwrap() {
                            completed += 1;
                        }
                    }
                }
            }
        }
        assert!(completed > 10_000, "{completed}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_instructions_through_decomposed_lookups(
        k in 0..Opcode::ALL.len(),
        rd in 0u8..32, rs1 in 0u8..32, rs2 in 0u8..32,
        raw in any::<i32>(),
        arch in prop::array::uniform32(operand()),
        small_params in any::<bool>(),
    ) {
        let p = if small_params { LookupParams::SMALL } else { LookupParams::DEFAULT };
        common::check(&mut Decomposed(p), instruction(Opcode::ALL[k], rd, rs1, rs2, raw), 0x40, arch)?;
    }
}
