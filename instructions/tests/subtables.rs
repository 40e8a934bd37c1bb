//! Every subtable at every size up to 2^16: each entry equals the MLE at the index's bits
//! (most significant bit first), and at random points the MLE equals the naive multilinear
//! extension `Σ_i S[i]·eq(r, i)` of the materialized table.

use ark_bn254::Fr;
use ark_ff::{One, UniformRand, Zero};
use instructions::lookups::subtables_in_use;
use instructions::{LookupParams, SubtableId};
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use std::collections::BTreeSet;

const SIZES: [usize; 10] = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16];

/// The unparameterised tables, the parameterised ones every lookup uses in both settings,
/// and a few more parameter choices.
fn all_tables() -> BTreeSet<SubtableId> {
    let mut set: BTreeSet<SubtableId> = SubtableId::UNPARAMETERISED.into_iter().collect();
    for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
        set.extend(subtables_in_use(&p));
    }
    set.insert(SubtableId::BitField { lo: 0, width: 1 });
    set.insert(SubtableId::BitField { lo: 5, width: 11 });
    set.insert(SubtableId::LowBitsZero { bits: 0 });
    set.insert(SubtableId::LowBitsZero { bits: 8 });
    set
}

fn bits_of(i: usize, m: usize) -> Vec<Fr> {
    (0..m)
        .map(|k| {
            if (i >> (m - 1 - k)) & 1 == 1 {
                Fr::one()
            } else {
                Fr::zero()
            }
        })
        .collect()
}

#[test]
fn every_entry_is_the_mle_at_its_bits() {
    let mut checked = 0;
    for id in all_tables() {
        for m in SIZES.into_iter().filter(|&m| id.supports(m)) {
            let table = id.materialize(m);
            assert_eq!(table.len(), 1 << m);
            for (i, &value) in table.iter().enumerate() {
                assert!(value < 1 << 32, "{id}: entries are below 2^32");
                assert_eq!(id.entry(m, i as u64), value);
                assert_eq!(
                    id.evaluate_mle(&bits_of(i, m)),
                    Fr::from(value),
                    "{id} log M {m} i {i}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

/// `Σ_i S[i] · Π_k eq(r_k, bit_k(i))`, by folding the table one variable at a time (most
/// significant first).
fn naive_mle(table: &[u64], r: &[Fr]) -> Fr {
    let mut layer: Vec<Fr> = table.iter().map(|&v| Fr::from(v)).collect();
    for &rk in r {
        let half = layer.len() / 2;
        layer = (0..half)
            .map(|i| layer[i] * (Fr::one() - rk) + layer[half + i] * rk)
            .collect();
    }
    layer[0]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mle_agrees_with_the_naive_extension_at_random_points(seed in any::<u64>(), k in 0usize..6) {
        let m = [1, 2, 4, 6, 8, 10][k];
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
        let r: Vec<Fr> = (0..m).map(|_| Fr::rand(&mut rng)).collect();
        for id in all_tables().into_iter().filter(|id| id.supports(m)) {
            prop_assert_eq!(id.evaluate_mle(&r), naive_mle(&id.materialize(m), &r), "{} log M {}", id, m);
        }
    }
}

#[test]
fn names_are_distinct() {
    let tables = all_tables();
    let names: BTreeSet<String> = tables.iter().map(|id| id.name()).collect();
    assert_eq!(names.len(), tables.len());
}
