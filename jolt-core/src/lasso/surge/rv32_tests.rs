//! Surge over the real RV32IM lookups ([`crate::lasso::rv32_surge_params`]): completeness on
//! random lookup batches for every instruction mix, and one test per lie, each fed to the honest
//! prover's code path and rejected by the verifier with the error that names the failed check.
//!
//! The property tests use `LookupParams::SMALL` (256-entry subtables); `LookupParams::DEFAULT`
//! (2^16-entry subtables) gets a few fixed-seed runs so `cargo test` stays fast.

use super::*;
use crate::lasso::rv32::{lookup_index, rv32_memories, rv32_surge_params};
use ark_bn254::Fr;
use instructions::{LookupId, LookupParams};
use proptest::prelude::*;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::sync::OnceLock;
use sumcheck::{first_divergence, MerlinTranscript};

/// The Surge instance for `p`, built once per parameter set (DEFAULT materializes 2^16-entry
/// subtables).
pub(super) fn instance(p: LookupParams) -> &'static SurgeParams<Fr> {
    static SMALL: OnceLock<SurgeParams<Fr>> = OnceLock::new();
    static DEFAULT: OnceLock<SurgeParams<Fr>> = OnceLock::new();
    if p == LookupParams::SMALL {
        SMALL.get_or_init(|| rv32_surge_params(&p))
    } else {
        assert_eq!(p, LookupParams::DEFAULT);
        DEFAULT.get_or_init(|| rv32_surge_params(&p))
    }
}

/// One lookup of the batch.
#[derive(Clone, Copy, Debug)]
pub(super) struct Lookup {
    pub id: LookupId,
    pub x: u32,
    pub y: u32,
}

/// An operand: random, or (one time in four) a boundary value.
fn operand(rng: &mut ChaCha20Rng) -> u32 {
    const EDGES: [u32; 8] = [0, 1, 2, 31, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, u32::MAX];
    let v = rng.next_u32();
    if v & 3 == 0 {
        EDGES[(v >> 2) as usize % EDGES.len()]
    } else {
        rng.next_u32()
    }
}

/// `2^log_t` random lookups drawn from `mix`; the first `min(T, |mix|)` cycle through the mix
/// so every instruction of it occurs.
pub(super) fn random_lookups(seed: u64, log_t: usize, mix: &[LookupId]) -> Vec<Lookup> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    (0..1usize << log_t)
        .map(|t| {
            let id = if t < mix.len() {
                mix[t]
            } else {
                mix[rng.next_u32() as usize % mix.len()]
            };
            Lookup {
                id,
                x: operand(&mut rng),
                y: operand(&mut rng),
            }
        })
        .collect()
}

/// The honest witness: `dims = id.chunk_indices(x, y)`, flags one-hot by [`lookup_index`],
/// `out = id.lookup_output(x, y)`.
pub(super) fn witness(p: &LookupParams, lookups: &[Lookup]) -> SurgeWitness<Fr> {
    let rows: Vec<Vec<usize>> = lookups
        .iter()
        .map(|l| l.id.chunk_indices(p, l.x, l.y))
        .collect();
    SurgeWitness {
        dims: (0..p.c())
            .map(|c| rows.iter().map(|r| r[c]).collect())
            .collect(),
        flags: (0..LookupId::ALL.len())
            .map(|f| lookups.iter().map(|l| lookup_index(l.id) == f).collect())
            .collect(),
        outputs: lookups
            .iter()
            .map(|l| Fr::from(l.id.lookup_output(l.x, l.y)))
            .collect(),
    }
}

/// Which prover entry point a run uses.
enum Prover {
    /// [`prove_surge`].
    Honest,
    /// [`prove_surge_with_values`] with these memory values.
    WithValues(Vec<Vec<Fr>>),
}

/// Proves and verifies on recording transcripts. On rejection the error comes back with the
/// first step where the prover's and the verifier's transcripts diverge (`None` when the
/// verifier failed a check without the transcripts disagreeing).
fn prove_and_verify(
    params: &SurgeParams<Fr>,
    w: &SurgeWitness<Fr>,
    prover: Prover,
) -> Result<SurgeClaims<Fr>, (SurgeError, Option<String>)> {
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let mut pt = MerlinTranscript::new_recording(b"surge-rv32");
    let (proof, prover_claims) = match prover {
        Prover::Honest => prove_surge(params, w, &mut pt),
        Prover::WithValues(values) => prove_surge_with_values(params, w, values, &mut pt),
    };
    let mut vt = MerlinTranscript::new_recording(b"surge-rv32");
    match verify_surge(params, log_t, &proof, &mut vt) {
        Ok(claims) => {
            if let Some(d) = first_divergence(pt.log().unwrap(), vt.log().unwrap()) {
                panic!("accepted, but the transcripts disagree: {d}");
            }
            assert_eq!(claims, prover_claims, "verifier and prover claims differ");
            Ok(claims)
        }
        Err(e) => {
            let d = first_divergence(pt.log().unwrap(), vt.log().unwrap());
            Err((e, d.map(|d| d.to_string())))
        }
    }
}

/// Completeness: the proof verifies (else the panic names the first diverging transcript
/// step) and every claim holds for the committed polynomials.
fn assert_complete(params: &SurgeParams<Fr>, w: &SurgeWitness<Fr>) {
    let claims = match prove_and_verify(params, w, Prover::Honest) {
        Ok(c) => c,
        Err((e, d)) => panic!(
            "honest lookups rejected: {e}; {}",
            d.unwrap_or_else(|| "transcripts agree up to the failed check".into())
        ),
    };
    assert_claims_hold(params, w, &claims);
}

/// What the PCS opening would confirm: every claim of [`SurgeClaims::opening_claims`] is the
/// committed polynomial's value at the claim's point.
pub(super) fn assert_claims_hold(
    params: &SurgeParams<Fr>,
    w: &SurgeWitness<Fr>,
    claims: &SurgeClaims<Fr>,
) {
    let polys = params.committed_polynomials(w);
    let log_t = w.outputs.len().trailing_zeros() as usize;
    let layout = params.layout();
    assert_eq!(polys.len(), layout.len());
    let sizes: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
    assert_eq!(sizes, layout.num_vars(log_t, params.log_m));
    for (i, c) in claims.opening_claims(params, 0).iter().enumerate() {
        assert_eq!(
            polys[c.commitment_index].evaluate(&c.point),
            c.value,
            "claim {i} (polynomial {}) does not hold",
            c.commitment_index
        );
    }
}

/// The verifier's error for a lie (panics if the lie was accepted).
fn rejection(params: &SurgeParams<Fr>, w: &SurgeWitness<Fr>, prover: Prover) -> SurgeError {
    match prove_and_verify(params, w, prover) {
        Ok(_) => panic!("a lie was accepted"),
        Err((e, _)) => e,
    }
}

/// `g_f` of the subtable values at `dims` (what the primary sumcheck sees for flag `f`).
fn g_at(p: &LookupParams, id: LookupId, dims: &[usize]) -> Fr {
    let values: Vec<Fr> = id
        .memory_values(p, dims)
        .into_iter()
        .map(Fr::from)
        .collect();
    id.combine(p, &values)
}

/// Lookup `t`'s chunk indices in `w`.
fn dims_of(w: &SurgeWitness<Fr>, t: usize) -> Vec<usize> {
    w.dims.iter().map(|d| d[t]).collect()
}

/// Every RV32IM lookup mix: a non-empty subset of `LookupId::ALL` from a 37-bit mask.
fn mix_from_mask(mask: u64) -> Vec<LookupId> {
    let mix: Vec<LookupId> = LookupId::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask >> i & 1 == 1)
        .map(|(_, &id)| id)
        .collect();
    if mix.is_empty() {
        vec![LookupId::ALL[mask as usize % LookupId::ALL.len()]]
    } else {
        mix
    }
}

fn lookup_id() -> impl Strategy<Value = LookupId> {
    (0..LookupId::ALL.len()).prop_map(|i| LookupId::ALL[i])
}

#[test]
fn the_instance_has_one_memory_per_rv32_memory_and_a_flag_per_lookup() {
    for p in [LookupParams::SMALL, LookupParams::DEFAULT] {
        let params = instance(p);
        assert_eq!(params.memories.len(), rv32_memories(&p).len());
        assert_eq!(params.instructions.len(), LookupId::ALL.len());
        assert_eq!(params.num_chunks, p.c());
        assert_eq!(params.log_m, p.log_m());
    }
}

#[test]
fn all_lookups_mixed_verify_default() {
    let p = LookupParams::DEFAULT;
    let w = witness(&p, &random_lookups(2024, 6, &LookupId::ALL));
    assert_complete(instance(p), &w);
}

proptest! {
    // Each case proves 106 memory checks of 256-entry subtables (≈ 0.4 s at opt-level 1).
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn random_batches_of_every_mix_verify_small(mask in any::<u64>(), log_t in 4usize..=6, seed in any::<u64>()) {
        let p = LookupParams::SMALL;
        let w = witness(&p, &random_lookups(seed, log_t, &mix_from_mask(mask)));
        assert_complete(instance(p), &w);
    }

    /// T = 64 lookups in which every one of the 37 lookups occurs.
    #[test]
    fn random_batches_of_all_lookups_verify_small(seed in any::<u64>()) {
        let p = LookupParams::SMALL;
        let w = witness(&p, &random_lookups(seed, 6, &LookupId::ALL));
        assert_complete(instance(p), &w);
    }

    #[test]
    fn a_wrong_lookup_output_is_rejected(seed in any::<u64>(), which in any::<usize>(), delta in 1u64..1 << 33) {
        let p = LookupParams::SMALL;
        let mut w = witness(&p, &random_lookups(seed, 4, &LookupId::ALL));
        let t = which % w.outputs.len();
        w.outputs[t] += Fr::from(delta);
        prop_assert_eq!(rejection(instance(p), &w, Prover::Honest), SurgeError::PrimaryCheckFailed);
    }

    /// The output is the right one for `(x, y)`, but a chunk index is not `(x, y)`'s: the
    /// prover reads the subtables honestly at the wrong index, so `g` no longer gives the output.
    #[test]
    fn a_right_output_with_a_wrong_chunk_index_is_rejected(id in lookup_id(), seed in any::<u64>(), which in any::<usize>()) {
        let p = LookupParams::SMALL;
        let lookups = random_lookups(seed, 4, &[id]);
        let mut w = witness(&p, &lookups);
        let t = which % w.outputs.len();
        let dims = dims_of(&w, t);
        // The first single-chunk change that changes g (some g ignore some chunks) or, where
        // none does (EQ of operands that differ in two chunks), the chunks of other operands.
        let (x, y) = (lookups[t].x, lookups[t].y);
        let single = (0..p.c()).rev().flat_map(|c| (1..p.m()).map(move |k| (c, k))).map(|(c, k)| {
            let mut d = dims.clone();
            d[c] = (d[c] + k) % p.m();
            d
        });
        let others = [(x, x), (y, y), (x ^ 1, y), (x, y ^ 1), (0, 0), (u32::MAX, 0)]
            .into_iter()
            .map(|(a, b)| id.chunk_indices(&p, a, b));
        let lie = single
            .chain(others)
            .find(|d| g_at(&p, id, d) != w.outputs[t])
            .expect("g is not constant");
        for (c, d) in lie.into_iter().enumerate() {
            w.dims[c][t] = d;
        }
        prop_assert_eq!(rejection(instance(p), &w, Prover::Honest), SurgeError::PrimaryCheckFailed);
    }

    /// Lookup `t`'s committed value in one memory `α = (s, c)` of its instruction is taken from
    /// another subtable `s'` at the same index, and the output is `g` of those values, so the
    /// primary sumcheck holds: the memory check of `α` catches it.
    #[test]
    fn a_value_from_the_wrong_subtable_is_rejected(id in lookup_id(), seed in any::<u64>(), which in any::<usize>(), pick in any::<usize>()) {
        let p = LookupParams::SMALL;
        let params = instance(p);
        let mut w = witness(&p, &random_lookups(seed, 4, &[id]));
        let t = which % w.outputs.len();
        let inst = &params.instructions[lookup_index(id)];
        let alpha = inst.memories[pick % inst.memories.len()];
        let (s, c) = params.memories[alpha];
        let d = w.dims[c][t];
        let mut values = params.memory_values(&w);
        let other = (0..params.subtables.len())
            .map(|k| (s + 1 + k) % params.subtables.len())
            .find(|&s2| params.subtables[s2][d] != params.subtables[s][d])
            .expect("some subtable differs at every index");
        values[alpha][t] = params.subtables[other][d];
        let args: Vec<Fr> = inst.memories.iter().map(|&a| values[a][t]).collect();
        w.outputs[t] = (inst.combine)(&args);
        prop_assert_eq!(
            rejection(params, &w, Prover::WithValues(values)),
            SurgeError::Memory { memory: alpha, source: MemoryCheckingError::MultisetMismatch }
        );
    }

    /// The flag names instruction `f`, but the output is what another lookup `g` (which reads
    /// other subtables or combines them differently) gives for the same operands.
    #[test]
    fn an_output_from_another_lookups_tables_is_rejected(f in lookup_id(), g in lookup_id(), seed in any::<u64>(), which in any::<usize>()) {
        let p = LookupParams::SMALL;
        let lookups = random_lookups(seed, 4, &[f]);
        let mut w = witness(&p, &lookups);
        let t = which % w.outputs.len();
        let other = Fr::from(g.lookup_output(lookups[t].x, lookups[t].y));
        prop_assume!(other != w.outputs[t]);
        w.outputs[t] = other;
        prop_assert_eq!(rejection(instance(p), &w, Prover::Honest), SurgeError::PrimaryCheckFailed);
    }

    /// Lookup `t` is `f`'s (its chunks and output), but its flag is `g`'s.
    #[test]
    fn a_flag_for_the_wrong_instruction_is_rejected(f in lookup_id(), g in lookup_id(), seed in any::<u64>(), which in any::<usize>()) {
        let p = LookupParams::SMALL;
        let mut w = witness(&p, &random_lookups(seed, 4, &[f]));
        let t = which % w.outputs.len();
        prop_assume!(g_at(&p, g, &dims_of(&w, t)) != w.outputs[t]);
        w.flags[lookup_index(f)][t] = false;
        w.flags[lookup_index(g)][t] = true;
        prop_assert_eq!(rejection(instance(p), &w, Prover::Honest), SurgeError::PrimaryCheckFailed);
    }

    /// Lookup `t` has its own flag and a second one for `g`, whose `g` is not zero there.
    #[test]
    fn two_flags_set_is_rejected(f in lookup_id(), g in lookup_id(), seed in any::<u64>(), which in any::<usize>()) {
        prop_assume!(f != g);
        let p = LookupParams::SMALL;
        let mut w = witness(&p, &random_lookups(seed, 4, &[f]));
        let t = which % w.outputs.len();
        prop_assume!(g_at(&p, g, &dims_of(&w, t)) != Fr::from(0u64));
        w.flags[lookup_index(g)][t] = true;
        prop_assert_eq!(rejection(instance(p), &w, Prover::Honest), SurgeError::PrimaryCheckFailed);
    }
}

#[test]
fn no_flag_with_a_nonzero_output_is_rejected() {
    let p = LookupParams::SMALL;
    let lookups = random_lookups(3, 4, &[LookupId::Add]);
    let mut w = witness(&p, &lookups);
    let t = (0..16)
        .find(|&t| w.outputs[t] != Fr::from(0u64))
        .expect("a nonzero sum");
    w.flags[lookup_index(LookupId::Add)][t] = false;
    assert_eq!(
        rejection(instance(p), &w, Prover::Honest),
        SurgeError::PrimaryCheckFailed
    );
}

/// Why one-hotness must come from elsewhere: Surge alone proves `out = Σ_f flag_f·g_f(E)`, so
/// a second flag whose `g` happens to be 0 at that lookup is accepted. In the zkVM the flags are
/// columns of the preprocessed bytecode table, and the bytecode read-only memory check makes
/// them equal to the public table's boolean, one-hot row flags (`paper-notes/lasso.md`).
#[test]
fn a_second_flag_whose_g_is_zero_passes_surge_alone() {
    let p = LookupParams::SMALL;
    let lookups: Vec<Lookup> = (0..16u32)
        .map(|i| Lookup {
            id: LookupId::Eq,
            x: i * 77,
            y: i * 77,
        })
        .collect();
    let mut w = witness(&p, &lookups);
    w.flags[lookup_index(LookupId::Ne)][5] = true; // NE(x, x) = 0
    let claims = prove_and_verify(instance(p), &w, Prover::Honest).expect("accepted by Surge");
    assert_claims_hold(instance(p), &w, &claims);
}

#[test]
fn a_transcript_divergence_is_reported_for_a_changed_proof_shape() {
    // A proof for T = 16 checked as T = 32: the verifier draws a different number of
    // challenges, and the helper names the first diverging transcript step.
    let p = LookupParams::SMALL;
    let params = instance(p);
    let w = witness(&p, &random_lookups(1, 4, &LookupId::ALL));
    let mut pt = MerlinTranscript::new_recording(b"surge-rv32");
    let (proof, _) = prove_surge(params, &w, &mut pt);
    let mut vt = MerlinTranscript::new_recording(b"surge-rv32");
    assert!(verify_surge(params, 5, &proof, &mut vt).is_err());
    let d = first_divergence(pt.log().unwrap(), vt.log().unwrap()).expect("diverges");
    assert!(d.to_string().contains("surge_r"), "{d}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// The primary zero-check's own rounds (`PrimarySums`: only set instructions, memory values
    /// from the subtables) send the same messages as the generic rounds, which
    /// `prove_surge_with_values` runs when handed the same (honest) memory values.
    #[test]
    fn primary_rounds_match_the_generic_rounds(mask in any::<u64>(), seed in any::<u64>()) {
        let p = LookupParams::SMALL;
        let params = instance(p);
        let w = witness(&p, &random_lookups(seed, 5, &mix_from_mask(mask)));
        let values: Vec<Vec<Fr>> = params
            .memories
            .iter()
            .map(|&(s, c)| w.dims[c].iter().map(|&d| params.subtables[s][d]).collect())
            .collect();
        let (own, _) = prove_surge(params, &w, &mut MerlinTranscript::new(b"surge"));
        let (generic, _) =
            prove_surge_with_values(params, &w, values, &mut MerlinTranscript::new(b"surge"));
        prop_assert_eq!(own.primary, generic.primary);
        prop_assert_eq!(own.primary_evals, generic.primary_evals);
    }
}
