//! Offline memory checking (Blum, Evans, Gemmell, Kannan, Naor 1991; the Spice/Spartan
//! variant with counters, Setty et al.; Lasso §4). See `paper-notes/memory-checking.md`.
//!
//! A memory is a multiset of tuples `(address, value, timestamp)` fingerprinted by
//! `h_{γ,τ}(a, v, t) = a + γ·v + γ²·t − τ`. Honest reads and writes satisfy the multiset
//! equality `Init ∪ Writes = Reads ∪ Final`, checked as one equation between four grand
//! products of fingerprints.
//!
//! - [`read_only`]: a public table read at committed addresses (bytecode; Lasso's subtables).
//! - [`read_write`]: registers and RAM, with verifier-derived write timestamps and a range
//!   check on read timestamps.

pub mod read_only;
pub mod read_write;

pub use read_only::{
    access_group_size, prove_read_only, prove_read_only_batch, read_counters, verify_read_only,
    verify_read_only_batch, MemoryCheckingError, ReadOnlyAccesses, ReadOnlyBatchProof,
    ReadOnlyClaims, ReadOnlyMemoryProof, ReadOnlyWitness, TableMle, MAX_ACCESS_LEAVES,
};
pub use read_write::{
    prove_read_write, range_check_counters, verify_read_write, MemoryOp, ReadWriteClaims,
    ReadWriteMemoryProof, ReadWriteWitness,
};

use ark_ff::PrimeField;

/// `h_{γ,τ}(a, v, t) = a + γ·v + γ²·t − τ`.
pub fn fingerprint<F: PrimeField>(gamma: F, tau: F, address: F, value: F, timestamp: F) -> F {
    address + gamma * (value + gamma * timestamp) - tau
}

/// The MLE of the identity table `i ↦ i` over `{0,1}^m` at `r` (MSB-first):
/// `Σ_k r_k·2^{m−1−k}`.
pub fn identity_mle<F: PrimeField>(r: &[F]) -> F {
    r.iter().fold(F::zero(), |acc, x| acc.double() + x)
}
