//! The public checks of `instructions::testing` pass on every built-in subtable and lookup (so
//! a new one that passes them meets the bar the built-in ones meet), and they catch broken
//! ones: a wrong entry, an MLE with the variables in the wrong order, a wrong `g` and a wrong
//! stated degree.

use ark_bn254::Fr;
use ark_ff::PrimeField;
use instructions::lookups::subtables_in_use;
use instructions::testing::{check_decomposition, check_subtable, Decomposition};
use instructions::{LookupId, LookupParams, Subtable, SubtableId};
use std::collections::BTreeSet;

const PARAMS: [LookupParams; 2] = [LookupParams::DEFAULT, LookupParams::SMALL];

#[test]
fn every_built_in_subtable_passes() {
    let mut tables: BTreeSet<SubtableId> = SubtableId::UNPARAMETERISED.into_iter().collect();
    for p in &PARAMS {
        tables.extend(subtables_in_use(p));
    }
    for id in tables {
        for m in [4, 8] {
            if id.supports(m) {
                check_subtable::<Fr, _>(&id.name(), &id, m, 4, m as u64).unwrap();
            }
        }
    }
}

#[test]
fn every_built_in_lookup_passes() {
    for p in &PARAMS {
        for id in LookupId::ALL {
            let summary = check_decomposition::<Fr, _>(&id, p, 32, 7).unwrap();
            assert_eq!(summary.exact_cases, 144);
        }
    }
}

/// `S[i] = i` with its MLE read least significant bit first: right on 0 and on palindromic
/// indices only.
struct ReversedIdentity;

impl Subtable for ReversedIdentity {
    fn entry(&self, _: usize, index: u64) -> u64 {
        index
    }
    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        point
            .iter()
            .rev()
            .fold(F::zero(), |acc, &r| acc.double() + r)
    }
}

/// An entry that disagrees with the MLE at one index.
struct OffByOne;

impl Subtable for OffByOne {
    fn entry(&self, _: usize, index: u64) -> u64 {
        index + u64::from(index == 5)
    }
    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        point.iter().fold(F::zero(), |acc, &r| acc.double() + r)
    }
}

#[test]
fn broken_subtables_are_caught() {
    let e = check_subtable::<Fr, _>("reversed", &ReversedIdentity, 4, 4, 1).unwrap_err();
    assert!(e.message.contains("index 1"), "{e}");
    let e = check_subtable::<Fr, _>("off-by-one", &OffByOne, 4, 4, 1).unwrap_err();
    assert!(e.message.contains("index 5"), "{e}");
}

/// ADD with a wrong `g` (one chunk dropped) or a wrong stated degree.
struct BrokenAdd {
    drop_chunk: bool,
    degree: usize,
}

impl Decomposition for BrokenAdd {
    fn name(&self) -> String {
        "broken add".into()
    }
    fn chunk_indices(&self, p: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        LookupId::Add.chunk_indices(p, x, y)
    }
    fn memory_values(&self, p: &LookupParams, dims: &[usize]) -> Vec<u64> {
        LookupId::Add.memory_values(p, dims)
    }
    fn combine<F: PrimeField>(&self, p: &LookupParams, values: &[F]) -> F {
        let mut values = values.to_vec();
        if self.drop_chunk {
            values[0] = F::zero();
        }
        LookupId::Add.combine(p, &values)
    }
    fn g_degree(&self, _: &LookupParams) -> usize {
        self.degree
    }
    fn lookup_output(&self, x: u32, y: u32) -> u32 {
        x.wrapping_add(y)
    }
}

#[test]
fn broken_decompositions_are_caught() {
    let p = LookupParams::DEFAULT;
    let degree = LookupId::Add.g_degree(&p);
    let ok = BrokenAdd {
        drop_chunk: false,
        degree,
    };
    check_decomposition::<Fr, _>(&ok, &p, 16, 3).unwrap();
    let wrong_g = BrokenAdd {
        drop_chunk: true,
        degree,
    };
    let e = check_decomposition::<Fr, _>(&wrong_g, &p, 16, 3).unwrap_err();
    assert!(e.message.contains("is not the table's"), "{e}");
    let wrong_degree = BrokenAdd {
        drop_chunk: false,
        degree: degree + 1,
    };
    let e = check_decomposition::<Fr, _>(&wrong_degree, &p, 16, 3).unwrap_err();
    assert!(e.message.contains("degree below"), "{e}");
}
