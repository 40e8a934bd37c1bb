//! The generic conformance suite: every [`CommitmentScheme`] must pass it.
//!
//! A scheme joins with one line in a test file (one `#[test]` per check, one shared setup):
//!
//! ```ignore
//! commitments::conformance_tests!(hyperkzg, commitments::HyperKzg);
//! ```
//!
//! or calls [`run_all`] with a setup of at least [`MAX_VARS`] variables. The checks:
//!
//! - [`completeness`]: honest openings verify for random polynomials of every size in
//!   [`FIXED_SIZES`] (0 ..= 14 variables) and proptest-drawn smaller ones;
//! - [`small_values`]: every compact form (0/1, u8, u16, u32, u64, with boundary patterns)
//!   commits exactly like its dense form and opens;
//! - [`homomorphism`]: `combine_commitments` (where it returns `Some`) is the commitment of the
//!   combination, also for polynomials of different sizes (zero-padded), and `batch_commit`
//!   agrees with `commit`;
//! - [`soundness`]: a wrong evaluation, a wrong point, a wrong commitment, a commitment to
//!   another polynomial, a lying prover, and a proof checked at the wrong number of variables
//!   are rejected;
//! - [`tampered_bytes`], [`tampered_elements`], [`tampered_lengths`]: every single-bit flip of
//!   the serialized proof at bits 0, 6 and 7 of every byte (for BN254 that is `x ± 1` on a field
//!   element, `x ± 1`, identity or negation on a compressed group element), every element
//!   replaced by the element at the same place in another honest proof, every length prefix
//!   increased or decreased by one (with an element inserted or removed), and every truncation:
//!   each fails to deserialize or fails to verify, and nothing panics;
//! - [`batching`], [`batch_soundness`]: batch openings of mixed sizes at a point with up to two
//!   variables more than the largest polynomial verify; wrong values, swapped or replaced
//!   commitments, wrong sizes and a wrong point are rejected;
//! - [`serialization`]: commitments, proofs and setups round-trip (the prover setup through
//!   [`CommitmentScheme::save_setup`]/[`CommitmentScheme::load_setup`]); random bytes never
//!   panic a deserializer;
//! - [`one_hot`]: one-hot matrices committed row by row (split columns) equal the rows' 0/1
//!   commitments, and their `eq(ρ, ·)`-combination opens to `ra~(ρ, τ)`;
//! - [`gathered`]: columns gathered from tables by one index column equal the columns
//!   committed one by one;
//! - [`verifier_setup_alone`]: the verifier-only insecure setup equals the verifier part of
//!   the full one (a verifier never builds prover keys).

mod batching;
mod completeness;
mod soundness;
mod tampering;

pub use batching::{batch_soundness, batching};
pub use completeness::{
    completeness, gathered, homomorphism, one_hot, serialization, small_values,
    verifier_setup_alone,
};
pub use soundness::soundness;
pub use tampering::{tampered_bytes, tampered_elements, tampered_lengths};

use crate::traits::CommitmentScheme;
use proptest::test_runner::{Config, TestRunner};
use rand_chacha::ChaCha20Rng;
use sumcheck::{DensePolynomial, MerlinTranscript, MultilinearPolynomial, Transcript};

/// The largest number of variables the suite uses; the setup must support it.
pub const MAX_VARS: usize = 14;

/// Sizes (numbers of variables) every scheme is always checked at, besides proptest's draws.
pub const FIXED_SIZES: [usize; 7] = [0, 1, 2, 3, 5, 8, 14];

/// Runs every check of the suite against `setup` (which must support [`MAX_VARS`]).
pub fn run_all<S: CommitmentScheme>(setup: &S::ProverSetup) {
    completeness::<S>(setup);
    small_values::<S>(setup);
    homomorphism::<S>(setup);
    soundness::<S>(setup);
    tampered_bytes::<S>(setup);
    tampered_elements::<S>(setup);
    tampered_lengths::<S>(setup);
    batching::<S>(setup);
    batch_soundness::<S>(setup);
    serialization::<S>(setup);
    one_hot::<S>(setup);
    gathered::<S>(setup);
    verifier_setup_alone::<S>();
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn random_poly<F: ark_ff::PrimeField>(
    n: usize,
    rng: &mut ChaCha20Rng,
) -> (DensePolynomial<F>, Vec<F>) {
    let poly = DensePolynomial::new((0..1usize << n).map(|_| F::rand(rng)).collect());
    let point = (0..n).map(|_| F::rand(rng)).collect();
    (poly, point)
}

fn transcript() -> MerlinTranscript {
    MerlinTranscript::new(b"pcs-conformance")
}

fn commit<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    poly: &DensePolynomial<S::Field>,
) -> S::Commitment {
    S::commit(setup, &MultilinearPolynomial::Dense(poly.clone())).expect("commit")
}

/// Opens `poly` at `point` honestly and returns (commitment, eval, proof).
fn honest<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    poly: &DensePolynomial<S::Field>,
    point: &[S::Field],
) -> (S::Commitment, S::Field, S::Proof) {
    let commitment = commit::<S>(setup, poly);
    let eval = poly.evaluate(point);
    let proof = S::open(setup, poly, &commitment, point, &eval, &mut transcript()).expect("open");
    (commitment, eval, proof)
}

fn verify<S: CommitmentScheme>(
    vk: &S::VerifierSetup,
    c: &S::Commitment,
    point: &[S::Field],
    eval: &S::Field,
    proof: &S::Proof,
) -> bool {
    S::verify(vk, c, point, eval, proof, &mut transcript()).is_ok()
}

/// Generates one `#[test]` per conformance check for a scheme, sharing one setup of
/// [`MAX_VARS`] variables (built once per test binary).
#[macro_export]
macro_rules! conformance_tests {
    ($module:ident, $scheme:ty) => {
        mod $module {
            use $crate::traits::CommitmentScheme;
            fn setup() -> &'static <$scheme as CommitmentScheme>::ProverSetup {
                static SETUP: std::sync::OnceLock<<$scheme as CommitmentScheme>::ProverSetup> =
                    std::sync::OnceLock::new();
                SETUP.get_or_init(|| {
                    <$scheme as CommitmentScheme>::insecure_test_setup(
                        $crate::conformance::MAX_VARS,
                        0,
                    )
                })
            }
            $crate::conformance_tests!(@tests $scheme, setup;
                completeness, small_values, homomorphism, soundness, tampered_bytes,
                tampered_elements, tampered_lengths, batching, batch_soundness, serialization,
                one_hot, gathered);
            #[test]
            fn verifier_setup_alone() {
                $crate::conformance::verifier_setup_alone::<$scheme>();
            }
        }
    };
    (@tests $scheme:ty, $setup:ident; $($check:ident),*) => {
        $(
            #[test]
            fn $check() {
                $crate::conformance::$check::<$scheme>($setup());
            }
        )*
    };
}
