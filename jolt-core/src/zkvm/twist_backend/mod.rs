//! The zkVM over the **Twist/Shout** memory-checking backend (Setty–Thaler, ePrint 2025/105;
//! DESIGN §10; `paper-notes/twist-and-shout.md`, "In the zkVM").
//!
//! The same VM, bytecode table, CPU constraints, opening accumulator and commitment schemes
//! as the Lasso/Spice backend ([`super::prover`]); every grand product is replaced:
//!
//! | part | Lasso/Spice | Twist/Shout (here) |
//! |---|---|---|
//! | bytecode | read-only memory check (counters, grand products) | Shout over the `β`-compressed rows, address = the row index |
//! | lookups | Surge: primary zero-check + memory check of 62 committed `E_α` | the same primary zero-check; each chunk position is one Shout over `Σ_α γ^α·S_α`, so `E_α` is virtual (only the 2C operand chunks the constraints read stay committed) |
//! | registers | read-write memory check with timestamps + range check | Twist, reads `rs1, rs2, rd`, write `rd`, committed `Inc` |
//! | RAM | (same memory as the registers) | Twist over the witness words, output check on the I/O region |
//! | address regions | read-only check into the identity table | two Shouts (offset, slack) into the identity table |
//!
//! Committed: the columns the constraints read ([`shape::TwistShoutShape::committed`]), the
//! two increments, and every one-hot chunk as `N` row commitments. Claims on chunks reach
//! the accumulator through [`one_hot_opening`]. The prover is
//! [`prover::prove_twist_shout`], the verifier [`verifier::verify_twist_shout`].

pub mod one_hot_opening;
pub mod proof;
pub mod prover;
pub mod shape;
pub mod verifier;

use ark_ff::PrimeField;
use instructions::LookupParams;
use sumcheck::Transcript;

use crate::lasso::{operand_memory_indices, SurgeParams};

pub use proof::TwistShoutProof;
pub use prover::prove_twist_shout;
pub use verifier::verify_twist_shout;

/// Absorbs which backend the proof uses, so a proof can never be checked as the other
/// backend's on a shared transcript prefix.
pub(crate) fn absorb_backend(transcript: &mut impl Transcript) {
    transcript.append_message(b"jolt_backend", b"twist-shout");
}

/// The memories whose values are committed columns: the operand chunks `(left, right)` of
/// every chunk position, which the CPU constraints read.
pub fn operand_memories(params: &LookupParams) -> Vec<usize> {
    operand_memory_indices(params)
        .into_iter()
        .flat_map(|(l, r)| [l, r])
        .collect()
}

/// The Shout table of chunk position `c`: `Σ_{α at c} γ^α·S_{s(α)}`, zero-padded to
/// `2^{log K}` entries.
pub fn lookup_chunk_table<F: PrimeField>(
    surge: &SurgeParams<F>,
    chunk: usize,
    gamma: &[F],
    log_k: usize,
) -> Vec<F> {
    let mut table = vec![F::zero(); 1 << log_k];
    for (alpha, &(s, c)) in surge.memories.iter().enumerate() {
        if c == chunk {
            for (t, v) in table.iter_mut().zip(&surge.subtables[s]) {
                *t += gamma[alpha] * v;
            }
        }
    }
    table
}

/// The MLE of chunk position `c`'s table at `r` (`log K` coordinates, the top ones beyond
/// the subtables' `log M` being zero-padding).
pub fn lookup_chunk_table_mle<F: PrimeField>(
    surge: &SurgeParams<F>,
    chunk: usize,
    gamma: &[F],
    r: &[F],
) -> F {
    zero_extended(r, surge.log_m, |inner| {
        surge
            .memories
            .iter()
            .enumerate()
            .filter(|(_, &(_, c))| c == chunk)
            .map(|(alpha, &(s, _))| gamma[alpha] * (surge.subtable_mles[s])(inner))
            .sum()
    })
}

/// `f~` extended by zero to `r.len() ≥ inner_vars` variables (the extra ones the most
/// significant): `Π_{b < extra}(1 − r_b)·f~(r_extra..)`.
pub fn zero_extended<F: PrimeField>(r: &[F], inner_vars: usize, f: impl Fn(&[F]) -> F) -> F {
    let extra = r.len().saturating_sub(inner_vars);
    let (top, inner) = r.split_at(extra);
    top.iter().map(|x| F::one() - x).product::<F>() * f(inner)
}
