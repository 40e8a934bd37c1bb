//! The multilinear polynomial commitment scheme interface.
//!
//! A scheme commits to `p: {0,1}^n → F` given by its hypercube evaluations (MSB-first order,
//! see the `sumcheck` crate) and later proves `p(r) = v` for a point `r ∈ F^n`.
//!
//! **Batching convention.** `batch_open` proves evaluations of several polynomials, possibly of
//! different sizes, at one point `r ∈ F^n`: a polynomial with `k ≤ n` variables is opened at the
//! suffix `(r_{n−k}, …, r_{n−1})`. Zero-padding `p` to `n` variables (its evaluations first,
//! zeros after) gives `p'(r) = Π_{j<n−k}(1 − r_j)·p(r_{n−k..})`. For the KZG-based schemes
//! `p'` has the same commitment as `p`; for Hyrax it has the same rows plus zero rows, which
//! `combine_commitments` and `verify` supply. So the batch is one opening of `Σ_i ρ^i p'_i` at
//! `r` with value `Σ_i ρ^i Π_{j<n−k_i}(1 − r_j)·v_i`, where `ρ` is drawn after the commitments,
//! the sizes, the point and every claimed `v_i` are in the transcript.
//!
//! **Transcript discipline.** `open`/`verify` absorb the commitment, the point and the claimed
//! evaluation before drawing any challenge, so a wrong claim changes every challenge.

use crate::error::PcsError;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use core::fmt::Debug;
use std::io::{Read, Write};
use sumcheck::{DensePolynomial, MultilinearPolynomial, Transcript};

/// A multilinear polynomial commitment scheme over the field `Self::Field`.
///
/// Implementors fill in setup, `commit`, `open`, `verify` and (if homomorphic)
/// `combine_commitments`; batching has default implementations on top of them.
pub trait CommitmentScheme: Clone + Send + Sync + 'static {
    /// The scalar field polynomials live in.
    type Field: PrimeField;
    /// Parameters the prover needs (e.g. powers of τ in G1).
    type ProverSetup: Send + Sync + CanonicalSerialize + CanonicalDeserialize;
    /// Parameters the verifier needs (a few group elements).
    type VerifierSetup: Clone + Send + Sync + CanonicalSerialize + CanonicalDeserialize;
    /// A commitment.
    type Commitment: Clone
        + Debug
        + PartialEq
        + Send
        + Sync
        + CanonicalSerialize
        + CanonicalDeserialize;
    /// An evaluation proof.
    type Proof: Clone + Debug + PartialEq + Send + Sync + CanonicalSerialize + CanonicalDeserialize;

    /// The scheme's name, used in tables and proof headers.
    const NAME: &'static str;

    /// **Insecure** deterministic setup for tests and benchmarks: the trapdoor is derived from
    /// `seed` and anyone who knows the seed can forge proofs. Load a real ceremony's output with
    /// `CanonicalDeserialize` for anything else.
    fn insecure_test_setup(max_num_vars: usize, seed: u64) -> Self::ProverSetup;

    /// The verifier's part of [`CommitmentScheme::insecure_test_setup`]`(max_num_vars, seed)`,
    /// computed without the prover's part: a verifier's work before its first check must be
    /// bounded by its own configuration, never by building prover-size keys (for KZG a few
    /// group elements instead of `2^max_num_vars` powers). Equal to
    /// `verifier_setup(&insecure_test_setup(max_num_vars, seed))`.
    fn insecure_test_verifier_setup(max_num_vars: usize, seed: u64) -> Self::VerifierSetup;

    /// Writes a prover setup in ark-serialize's compressed form (e.g. to keep a converted
    /// ceremony output next to the binary).
    fn save_setup(setup: &Self::ProverSetup, writer: impl Write) -> Result<(), PcsError> {
        setup.serialize_compressed(writer)?;
        Ok(())
    }

    /// Reads a prover setup written by [`CommitmentScheme::save_setup`], validating every group
    /// element (on the curve, in the prime-order subgroup) and then the scheme's own
    /// consistency relations ([`CommitmentScheme::check_setup`]). This is how a real
    /// ceremony's output replaces [`CommitmentScheme::insecure_test_setup`].
    fn load_setup(reader: impl Read) -> Result<Self::ProverSetup, PcsError> {
        let setup = Self::ProverSetup::deserialize_compressed(reader)?;
        Self::check_setup(&setup)?;
        Ok(setup)
    }

    /// Checks the relations a well-formed setup satisfies (for KZG: consecutive powers of one
    /// `τ`, matching G2 elements). Schemes with nothing to check accept.
    fn check_setup(setup: &Self::ProverSetup) -> Result<(), PcsError> {
        let _ = setup;
        Ok(())
    }

    /// The verifier's part of a prover setup.
    fn verifier_setup(setup: &Self::ProverSetup) -> Self::VerifierSetup;

    /// The largest number of variables the setup supports.
    fn max_num_vars(setup: &Self::ProverSetup) -> usize;

    /// Commits to `poly` (dense or compact; compact forms use small-scalar MSMs).
    fn commit(
        setup: &Self::ProverSetup,
        poly: &MultilinearPolynomial<Self::Field>,
    ) -> Result<Self::Commitment, PcsError>;

    /// Commits to a one-hot chunk matrix `ra ∈ {0,1}^{N×T}` (Twist and Shout §3.1.1, "split
    /// columns") as its `N = num_rows` rows, each the length-`T` 0/1 vector
    /// `ra(x, ·) = [indices[j] = x]_j`, `T = indices.len()` a power of two. The matrix's
    /// `ra~(ρ, τ)` is then opened as one ordinary polynomial: its commitment is
    /// `combine_commitments(rows, eq(ρ, ·))` and its values `eq(ρ, indices[j])`. This needs a
    /// `T`-sized setup, never an `N·T`-sized one. The default commits each row as a compact
    /// 0/1 polynomial; schemes specialise it to one group addition per non-zero.
    fn commit_one_hot(
        setup: &Self::ProverSetup,
        num_rows: usize,
        indices: &[u16],
    ) -> Result<Vec<Self::Commitment>, PcsError> {
        check_one_hot_shape(num_rows, indices)?;
        (0..num_rows)
            .map(|x| {
                let row: Vec<bool> = indices.iter().map(|&c| c as usize == x).collect();
                Self::commit(setup, &MultilinearPolynomial::from(row))
            })
            .collect()
    }

    /// Commits to columns gathered from tables by one index column: column `c` is the
    /// length-`T` vector `(tables[c][indices[j]])_j` (`T = indices.len()` a power of two,
    /// every table `num_rows` long, every index below `num_rows`). The zkVM's bytecode fields
    /// are such columns: each step reads its instruction's row. The result equals committing
    /// each gathered column with [`CommitmentScheme::commit`]; the default does exactly that.
    /// Homomorphic schemes specialise it: with `H_x = Σ_{j: indices[j] = x} G_j` (the rows of
    /// [`CommitmentScheme::commit_one_hot`]), column `c` is `Σ_x tables[c][x]·H_x`, so the
    /// `T`-sized work is done once for all columns.
    fn commit_gathered(
        setup: &Self::ProverSetup,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<Vec<Self::Commitment>, PcsError> {
        check_gathered_shape(num_rows, indices, tables)?;
        tables
            .iter()
            .map(|table| {
                let column: Vec<u64> = indices.iter().map(|&x| table[x as usize]).collect();
                Self::commit(setup, &MultilinearPolynomial::compact_from_u64s(&column))
            })
            .collect()
    }

    /// [`CommitmentScheme::commit_gathered`], also returning the rows
    /// `H_x = Σ_{j: indices[j] = x} G_j` of the index column's one-hot matrix (as
    /// [`CommitmentScheme::commit_one_hot`] commits them) when the scheme computed them on the
    /// way, `None` otherwise: they commit any one-hot matrix whose indices are a function of
    /// this index column ([`CommitmentScheme::merge_one_hot_rows`]).
    #[allow(clippy::type_complexity)]
    fn commit_gathered_with_rows(
        setup: &Self::ProverSetup,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<(Vec<Self::Commitment>, Option<Vec<Self::Commitment>>), PcsError> {
        Ok((
            Self::commit_gathered(setup, num_rows, indices, tables)?,
            None,
        ))
    }

    /// The rows of the one-hot matrix with indices `map[c_j]` from the rows `rows[x]` of the
    /// one with indices `c_j`: `out[y] = Σ_{x: map[x] = y} rows[x]`, which equals
    /// [`CommitmentScheme::commit_one_hot`]`(num_rows, (map[c_j])_j)` (each column's single
    /// one moves to row `map[x]`). `None` for schemes without a fast way to add row
    /// commitments (the caller commits the matrix itself).
    fn merge_one_hot_rows(
        rows: &[Self::Commitment],
        map: &[u16],
        num_rows: usize,
    ) -> Result<Option<Vec<Self::Commitment>>, PcsError> {
        check_merge_shape(rows.len(), map, num_rows)?;
        Ok(None)
    }

    /// Commits to several polynomials.
    fn batch_commit(
        setup: &Self::ProverSetup,
        polys: &[MultilinearPolynomial<Self::Field>],
    ) -> Result<Vec<Self::Commitment>, PcsError> {
        polys.iter().map(|p| Self::commit(setup, p)).collect()
    }

    /// Proves `poly(point) = eval`, where `commitment` is `poly`'s commitment (passed in so the
    /// prover never recomputes it). Absorbs the commitment, the point and the evaluation
    /// before any challenge.
    fn open(
        setup: &Self::ProverSetup,
        poly: &DensePolynomial<Self::Field>,
        commitment: &Self::Commitment,
        point: &[Self::Field],
        eval: &Self::Field,
        transcript: &mut impl Transcript,
    ) -> Result<Self::Proof, PcsError>;

    /// Checks a proof that the polynomial committed in `commitment` evaluates to `eval` at
    /// `point`. Never panics on proof data.
    fn verify(
        setup: &Self::VerifierSetup,
        commitment: &Self::Commitment,
        point: &[Self::Field],
        eval: &Self::Field,
        proof: &Self::Proof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError>;

    /// `Σ_i coeffs[i]·commitments[i]` for homomorphic schemes, `None` otherwise.
    fn combine_commitments(
        commitments: &[Self::Commitment],
        coeffs: &[Self::Field],
    ) -> Option<Self::Commitment>;

    /// Proves `polys[i](suffix of point) = evals[i]` for all `i` (see the module docs), given
    /// their commitments.
    fn batch_open(
        setup: &Self::ProverSetup,
        polys: &[&DensePolynomial<Self::Field>],
        commitments: &[Self::Commitment],
        point: &[Self::Field],
        evals: &[Self::Field],
        transcript: &mut impl Transcript,
    ) -> Result<Self::Proof, PcsError> {
        let sizes: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
        batch_open_with::<Self>(
            setup,
            &sizes,
            commitments,
            point,
            evals,
            transcript,
            |i, acc, r| {
                for (c, v) in acc.iter_mut().zip(polys[i].evals()) {
                    *c += r * v;
                }
            },
        )
    }

    /// [`CommitmentScheme::batch_open`] for polynomials in any representation (compact
    /// columns are combined without a dense copy of each). The proof is the same.
    fn batch_open_multilinear(
        setup: &Self::ProverSetup,
        polys: &[&MultilinearPolynomial<Self::Field>],
        commitments: &[Self::Commitment],
        point: &[Self::Field],
        evals: &[Self::Field],
        transcript: &mut impl Transcript,
    ) -> Result<Self::Proof, PcsError> {
        let sizes: Vec<usize> = polys.iter().map(|p| p.num_vars()).collect();
        batch_open_with::<Self>(
            setup,
            &sizes,
            commitments,
            point,
            evals,
            transcript,
            |i, acc, r| polys[i].add_scaled_into(acc, r),
        )
    }

    /// Verifies a [`CommitmentScheme::batch_open`] proof given the commitments and the sizes
    /// (number of variables) of the committed polynomials.
    fn batch_verify(
        setup: &Self::VerifierSetup,
        commitments: &[Self::Commitment],
        num_vars: &[usize],
        point: &[Self::Field],
        evals: &[Self::Field],
        proof: &Self::Proof,
        transcript: &mut impl Transcript,
    ) -> Result<(), PcsError> {
        if commitments.len() != num_vars.len() {
            return Err(PcsError::MalformedBatch("one size per commitment"));
        }
        let rho = batch_challenges(commitments, num_vars, point, evals, transcript)?;
        let combined =
            Self::combine_commitments(commitments, &rho).ok_or(PcsError::NotHomomorphic)?;
        let eval = combined_eval(num_vars, point, evals, &rho);
        Self::verify(setup, &combined, point, &eval, proof, transcript)
    }
}

/// The batch opening both `batch_open` forms share: `add(i, acc, ρ^i)` adds `ρ^i·p_i`
/// (zero-padded) into the combined polynomial.
fn batch_open_with<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    sizes: &[usize],
    commitments: &[S::Commitment],
    point: &[S::Field],
    evals: &[S::Field],
    transcript: &mut impl Transcript,
    add: impl Fn(usize, &mut [S::Field], S::Field),
) -> Result<S::Proof, PcsError> {
    if commitments.len() != sizes.len() {
        return Err(PcsError::MalformedBatch("one commitment per polynomial"));
    }
    let rho = batch_challenges(commitments, sizes, point, evals, transcript)?;
    let combined_commitment =
        S::combine_commitments(commitments, &rho).ok_or(PcsError::NotHomomorphic)?;
    let mut combined = vec![<S::Field as ark_ff::Zero>::zero(); 1 << point.len()];
    for (i, r) in rho.iter().enumerate() {
        add(i, &mut combined, *r);
    }
    let eval = combined_eval(sizes, point, evals, &rho);
    S::open(
        setup,
        &DensePolynomial::new(combined),
        &combined_commitment,
        point,
        &eval,
        transcript,
    )
}

/// Absorbs the commitments, sizes, point and claimed evaluations of a batch, then draws the
/// coefficients `ρ^i`. The commitments must come first: a prover who saw `ρ` before fixing
/// `C_2` could pick `C_2 = ρ^{-1}(C* − C_1)` for any `C*` it can open.
fn batch_challenges<F: PrimeField, C: CanonicalSerialize>(
    commitments: &[C],
    sizes: &[usize],
    point: &[F],
    evals: &[F],
    transcript: &mut impl Transcript,
) -> Result<Vec<F>, PcsError> {
    if sizes.is_empty() || sizes.len() != evals.len() {
        return Err(PcsError::MalformedBatch(
            "one evaluation per polynomial, at least one",
        ));
    }
    if let Some(&k) = sizes.iter().find(|&&k| k > point.len()) {
        return Err(PcsError::WrongPointLength {
            expected: k,
            got: point.len(),
        });
    }
    transcript.append_u64(b"pcs_batch_size", sizes.len() as u64);
    transcript.append_serializable(b"pcs_batch_commitments", commitments);
    for &k in sizes {
        transcript.append_u64(b"pcs_batch_num_vars", k as u64);
    }
    transcript.append_scalars(b"pcs_batch_point", point);
    transcript.append_scalars(b"pcs_batch_evals", evals);
    Ok(transcript.challenge_powers(b"pcs_batch_rho", sizes.len()))
}

/// `Σ_i ρ^i·Π_{j < n−k_i}(1 − r_j)·evals[i]`: the zero-padded combination's value at `r`.
fn combined_eval<F: PrimeField>(sizes: &[usize], point: &[F], evals: &[F], rho: &[F]) -> F {
    let n = point.len();
    let prefix = sumcheck::zero_prefix_products(point);
    sizes
        .iter()
        .zip(evals)
        .zip(rho)
        .map(|((&k, e), r)| *r * prefix[n - k] * e)
        .sum()
}

/// The shape [`CommitmentScheme::commit_gathered`] accepts: a one-hot shape
/// ([`check_one_hot_shape`]) and every table `num_rows` long.
pub fn check_gathered_shape(
    num_rows: usize,
    indices: &[u16],
    tables: &[&[u64]],
) -> Result<(), PcsError> {
    check_one_hot_shape(num_rows, indices)?;
    if tables.iter().any(|table| table.len() != num_rows) {
        return Err(PcsError::MalformedBatch(
            "gathered columns: a table is not num_rows long",
        ));
    }
    Ok(())
}

/// The shape [`CommitmentScheme::merge_one_hot_rows`] accepts: one map entry per row, every
/// entry below `num_rows`.
pub fn check_merge_shape(rows: usize, map: &[u16], num_rows: usize) -> Result<(), PcsError> {
    if map.len() != rows {
        return Err(PcsError::MalformedBatch(
            "merged rows: one map entry per row",
        ));
    }
    if map.iter().any(|&y| y as usize >= num_rows) {
        return Err(PcsError::MalformedBatch(
            "merged rows: a map entry outside the rows",
        ));
    }
    Ok(())
}

/// The shape [`CommitmentScheme::commit_one_hot`] accepts: `T` a power of two, every index a row.
pub fn check_one_hot_shape(num_rows: usize, indices: &[u16]) -> Result<(), PcsError> {
    if !indices.len().is_power_of_two() {
        return Err(PcsError::MalformedBatch(
            "one-hot columns: T must be a power of two",
        ));
    }
    if indices.iter().any(|&x| x as usize >= num_rows) {
        return Err(PcsError::MalformedBatch("one-hot index outside the rows"));
    }
    Ok(())
}
