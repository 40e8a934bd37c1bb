//! Prover side of the batched grand product: the stacked tree and the dedicated layer prover.
//!
//! **Implicit padding.** The stacked vector is padded with all-ones vectors up to `m'`, a
//! power of two. Those are never stored: every layer (and every bound array) keeps its real
//! prefix, rounded up to whole pairs (`4` entries, filled with ones), and treats the rest as
//! ones. A pair of ones adds `E[j]·1·1` to `q(0)` and nothing to the leading coefficient, and
//! `Σ_j E[j] = 1`, so the padding contributes `1 − Σ_{j stored} E[j]`: additions only.

use super::*;
use crate::eq::EqPolynomial;
use crate::multilinear::PARALLEL_THRESHOLD;
use crate::proof::absorb_statement;
use crate::transcript::Transcript;
use crate::univariate::UniPoly;
use rayon::prelude::*;

/// How many entries of a layer of `logical` entries are stored when the first `real` are not
/// padding: `real` rounded up to whole pairs (4 entries), at most `logical`.
fn stored_len(real: usize, logical: usize) -> usize {
    real.next_multiple_of(4).min(logical)
}

/// Pads a stored layer with ones up to [`stored_len`].
fn pad_to_pairs<F: PrimeField>(layer: &mut Vec<F>, logical: usize) {
    let len = stored_len(layer.len(), logical);
    layer.resize(len, F::one());
}

/// The stored part of the layer above `layer`: products of sibling pairs `(2i, 2i+1)`.
fn parent_layer<F: PrimeField>(layer: &[F], logical: usize) -> Vec<F> {
    let mut parent: Vec<F> = if layer.len() >= PARALLEL_THRESHOLD {
        layer.par_chunks_exact(2).map(|p| p[0] * p[1]).collect()
    } else {
        layer.chunks_exact(2).map(|p| p[0] * p[1]).collect()
    };
    pad_to_pairs(&mut parent, logical / 2);
    parent
}

/// `(q(0), X² coefficient of q, Σ E over the stored pairs)` of a round.
type Sums<F> = (F, F, F);

fn add_sums<F: PrimeField>(a: Sums<F>, b: Sums<F>) -> Sums<F> {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

/// The sums of one stored pair `c = [L₀, R₀, L₁, R₁]` with weight `e`, `L₀R₀` given.
fn pair_sums<F: PrimeField>(c: &[F], e: F, l0r0: F) -> Sums<F> {
    (e * l0r0, e * ((c[2] - c[0]) * (c[3] - c[1])), e)
}

/// A round's `(q(0), X² coefficient)` with the padding pairs (`L = R = 1`) added:
/// `Σ_{j not stored} E[j] = 1 − Σ_{j stored} E[j]`.
fn with_padding<F: PrimeField>(sums: Sums<F>) -> (F, F) {
    (sums.0 + F::one() - sums.2, sums.1)
}

/// Round 0 of a layer over the stored, interleaved child
/// `w = [L(2j), R(2j), L(2j+1), R(2j+1), …]`: `q(0)` and the `X²` coefficient of `q(X)`.
/// `L₀R₀` is the parent layer's entry `2j`, so it is read, not multiplied.
fn first_round_sums<F: PrimeField>(w: &[F], parent: &[F], eq: &[F]) -> Sums<F> {
    let term = |((c, p), e): ((&[F], &[F]), &F)| pair_sums(c, *e, p[0]);
    let zero = (F::zero(), F::zero(), F::zero());
    if w.len() / 4 >= PARALLEL_THRESHOLD {
        w.par_chunks_exact(4)
            .zip(parent.par_chunks_exact(2))
            .zip(eq.par_iter())
            .with_min_len(1 << 10)
            .map(term)
            .reduce(|| zero, add_sums)
    } else {
        w.chunks_exact(4)
            .zip(parent.chunks_exact(2))
            .zip(eq)
            .map(term)
            .fold(zero, add_sums)
    }
}

/// `Σ_j E[j]·L₁R₁` over the stored pairs plus the padding's `1 − Σ E`: `q(1)` computed
/// directly, only needed if the running claim cannot give it (a challenge or eq factor of
/// zero, probability ≈ 2^-250).
fn round_sum_at_one<F: PrimeField>(w: &[F], eq: &[F]) -> F {
    let (stored, weight) = w
        .chunks_exact(4)
        .zip(eq)
        .fold((F::zero(), F::zero()), |(s, t), (c, e)| {
            (s + *e * c[2] * c[3], t + e)
        });
    stored + F::one() - weight
}

/// Binds the lowest variable of the stored, interleaved layer `w` to `c` into `out`
/// (`L'(j) = L(2j) + c·(L(2j+1) − L(2j))`, likewise `R'`, stored interleaved again; `out`
/// holds `|w|/2` entries rounded up to whole pairs, the rounding filled with ones) and, in the
/// same pass, computes the next round's sums over `out` with its eq table `next_eq` (empty in
/// the last round).
fn bind_and_sum<F: PrimeField>(w: &[F], out: &mut [F], c: F, next_eq: &[F]) -> Sums<F> {
    let zero = (F::zero(), F::zero(), F::zero());
    let bind = |o: &mut [F], ch: &[F]| {
        for (o, ch) in o.chunks_exact_mut(2).zip(ch.chunks_exact(4)) {
            o[0] = ch[0] + c * (ch[2] - ch[0]);
            o[1] = ch[1] + c * (ch[3] - ch[1]);
        }
    };
    if next_eq.is_empty() {
        bind(out, w);
        return zero;
    }
    // Eight entries in, four out: one pair of the next round. A last half-chunk (one pair in,
    // one position out) is completed with a position of ones.
    let full = w.len() / 8;
    let (out_full, out_tail) = out.split_at_mut(4 * full);
    let (w_full, w_tail) = w.split_at(8 * full);
    let step = |((o, ch), e): ((&mut [F], &[F]), &F)| -> Sums<F> {
        bind(o, ch);
        pair_sums(o, *e, o[0] * o[1])
    };
    let mut sums = if full >= PARALLEL_THRESHOLD {
        out_full
            .par_chunks_exact_mut(4)
            .zip(w_full.par_chunks_exact(8))
            .zip(next_eq.par_iter())
            .with_min_len(1 << 10)
            .map(step)
            .reduce(|| zero, add_sums)
    } else {
        out_full
            .chunks_exact_mut(4)
            .zip(w_full.chunks_exact(8))
            .zip(next_eq)
            .map(step)
            .fold(zero, add_sums)
    };
    if !w_tail.is_empty() {
        bind(&mut out_tail[..2], w_tail);
        out_tail[2] = F::one();
        out_tail[3] = F::one();
        let tail = pair_sums(out_tail, next_eq[full], out_tail[0] * out_tail[1]);
        sums = add_sums(sums, tail);
    }
    sums
}

/// Two scratch layers the rounds bind into alternately (sized for the largest layer), so a
/// grand product allocates its bound layers once instead of once per round.
struct Scratch<F> {
    even: Vec<F>,
    odd: Vec<F>,
}

/// `E'[j] = E[2j] + E[2j+1]`: the eq table with its last variable summed out
/// (`eq(r, 0) + eq(r, 1) = 1`).
fn fold_eq<F: PrimeField>(eq: &[F]) -> Vec<F> {
    if eq.len() / 2 >= PARALLEL_THRESHOLD {
        eq.par_chunks_exact(2).map(|p| p[0] + p[1]).collect()
    } else {
        eq.chunks_exact(2).map(|p| p[0] + p[1]).collect()
    }
}

/// What one layer's sumcheck hands on.
struct LayerOutput<F: PrimeField> {
    sumcheck: SumcheckProof<F>,
    /// The sumcheck point, MSB-first (the challenges in reverse round order).
    point: Vec<F>,
    /// `[L, R]` at the point after all rounds.
    last: [F; 2],
    /// The interleaved `[L_i, R_i]` after `capture_after` rounds, if asked.
    captured: Option<Vec<F>>,
}

/// Proves `claim = Σ_p eq(point, p)·L(p)·R(p)` for the interleaved child layer `w`
/// (`w[2p] = L(p)`, `w[2p+1] = R(p)`, `|point| = ℓ`, `2^{ℓ+1}` entries of which `child` are
/// stored, the rest ones) whose parent layer (`parent[p] = L(p)·R(p)`, stored likewise) is
/// `parent`, binding the least significant variable first. Absorbs the statement and the
/// rounds.
fn prove_layer<F: PrimeField, T: Transcript>(
    child: &[F],
    parent: &[F],
    point: &[F],
    mut claim: F,
    capture_after: Option<usize>,
    scratch: &mut Scratch<F>,
    transcript: &mut T,
) -> LayerOutput<F> {
    let num_rounds = point.len();
    let mut logical = 2usize << num_rounds;
    debug_assert!(child.len() <= logical && child.len().is_multiple_of(2));
    absorb_statement(transcript, &claim, num_rounds, 3);
    let mut eq = match num_rounds {
        0 => Vec::new(),
        _ => EqPolynomial::evals(&point[..num_rounds - 1]),
    };
    let mut sums = match num_rounds {
        0 => (F::zero(), F::zero(), F::zero()),
        _ => first_round_sums(child, parent, &eq),
    };
    // The layer bound so far: the child itself, then alternately the even and odd scratch.
    let mut len = child.len();
    // α = Π over bound rounds of eq(r_t, c_t): the factor the bound variables leave on s(X).
    let mut alpha = F::one();
    let mut round_polys = Vec::with_capacity(num_rounds);
    let mut challenges = Vec::with_capacity(num_rounds);
    let mut captured = None;
    for t in 0..num_rounds {
        // Round t reads the layer bound so far and binds it into the other buffer.
        let out_len = stored_len(len / 2, logical / 2);
        let (w, out): (&[F], &mut [F]) = match t {
            0 => (child, &mut scratch.even[..out_len]),
            t if t % 2 == 1 => (&scratch.even[..len], &mut scratch.odd[..out_len]),
            _ => (&scratch.odd[..len], &mut scratch.even[..out_len]),
        };
        if capture_after == Some(t) {
            captured = Some(w.to_vec());
        }
        let r_t = point[num_rounds - 1 - t];
        let (q0, q_top) = with_padding(sums);
        // claim = α·((1 − r_t)·q(0) + r_t·q(1)).
        let q1 = match (alpha * r_t).inverse() {
            Some(inv) => (claim - alpha * (F::one() - r_t) * q0) * inv,
            None => round_sum_at_one(w, &eq),
        };
        let q_lin = q1 - q0 - q_top;
        // s(X) = α·((1 − r_t) + (2r_t − 1)X)·(q0 + q_lin X + q_top X²).
        let (e0, e1) = (alpha * (F::one() - r_t), alpha * (r_t.double() - F::one()));
        let poly = UniPoly::from_coeffs(vec![
            e0 * q0,
            e0 * q_lin + e1 * q0,
            e0 * q_top + e1 * q_lin,
            e1 * q_top,
        ]);
        let compressed = poly.compress();
        transcript.append_scalars(b"sumcheck_round", &compressed.coeffs_except_linear);
        let c: F = transcript.challenge_scalar(b"sumcheck_challenge");
        claim = poly.evaluate(&c);
        alpha *= r_t * c + (F::one() - r_t) * (F::one() - c);
        eq = if eq.len() > 1 {
            fold_eq(&eq)
        } else {
            Vec::new()
        };
        sums = bind_and_sum(w, out, c, &eq);
        (len, logical) = (out_len, logical / 2);
        round_polys.push(compressed);
        challenges.push(c);
    }
    let w: &[F] = match num_rounds {
        0 => child,
        t if t % 2 == 1 => &scratch.even[..len],
        _ => &scratch.odd[..len],
    };
    if capture_after == Some(num_rounds) {
        captured = Some(w.to_vec());
    }
    challenges.reverse();
    LayerOutput {
        sumcheck: SumcheckProof { round_polys },
        point: challenges,
        last: [w[0], w[1]],
        captured,
    }
}

/// Proves `P_i = Π_j leaves[i·2^n + j]` for the `num_vectors` vectors stacked in `leaves`
/// (each of length `2^n`, `n ≥ 1`). Absorbs the products, returns them with the proof and the
/// leaf claims `ṽ_i(r)`.
///
/// # Panics
/// If `num_vectors` is zero or `leaves.len()` is not `num_vectors · 2^n` with `n ≥ 1` (a
/// programmer error).
pub fn prove_grand_product<F: PrimeField, T: Transcript>(
    mut leaves: Vec<F>,
    num_vectors: usize,
    transcript: &mut T,
) -> (Vec<F>, GrandProductProof<F>, LeafClaims<F>) {
    assert!(
        num_vectors > 0 && leaves.len().is_multiple_of(num_vectors),
        "grand product: {} leaves do not split into {num_vectors} vectors",
        leaves.len()
    );
    let len = leaves.len() / num_vectors;
    assert!(
        len >= 2 && len.is_power_of_two(),
        "grand product vectors need a power-of-two length ≥ 2"
    );
    let n = len.trailing_zeros() as usize;
    let b = batch_vars(num_vectors);
    // The padding vectors are implicit: only whole pairs past the real leaves are stored.
    let logical_leaves = len << b;
    pad_to_pairs(&mut leaves, logical_leaves);

    // levels[d] is the stored part of stacked layer n − d: leaves first, the products last.
    let mut levels = vec![leaves];
    for d in 0..n {
        let parent = parent_layer(levels.last().expect("non-empty"), logical_leaves >> d);
        levels.push(parent);
    }
    let mut parent = levels.pop().expect("n ≥ 1 levels above the leaves");
    let products = parent[..num_vectors].to_vec();
    transcript.append_scalars(LABEL_PRODUCTS, &products);
    let mut point: Vec<F> = transcript.challenge_scalars(LABEL_BATCH_POINT, b);
    let (stored, weight) = EqPolynomial::evals(&point)
        .iter()
        .zip(&parent)
        .fold((F::zero(), F::zero()), |(s, t), (e, p)| (s + *e * p, t + e));
    let mut claim = stored + F::one() - weight;

    let stored_leaves = levels[0].len();
    let mut scratch = Scratch {
        even: vec![F::zero(); stored_leaves / 2 + 4],
        odd: vec![F::zero(); stored_leaves / 4 + 4],
    };
    let mut layers = Vec::with_capacity(n);
    for k in 0..n {
        let child = levels.pop().expect("one level per layer");
        let leaf_layer = k + 1 == n;
        // The child is bound into scratch; it stays whole as the next layer's parent.
        let out = prove_layer(
            &child,
            &parent,
            &point,
            claim,
            leaf_layer.then_some(k),
            &mut scratch,
            transcript,
        );
        parent = child;
        let claims = match out.captured {
            Some(per_vector) => per_vector[..2 * num_vectors].to_vec(),
            None => out.last.to_vec(),
        };
        transcript.append_scalars(LABEL_LAYER_CLAIMS, &claims);
        let c: F = transcript.challenge_scalar(LABEL_LAYER_CHALLENGE);
        let [l, r] = out.last;
        claim = l + c * (r - l);
        point = out.point;
        point.push(c);
        layers.push(LayerProof {
            sumcheck: out.sumcheck,
            claims,
        });
    }
    let last = layers.last().expect("n ≥ 1 layers");
    let c = *point.last().expect("non-empty point");
    let evals = last
        .claims
        .chunks_exact(2)
        .map(|lr| lr[0] + c * (lr[1] - lr[0]))
        .collect();
    (
        products,
        GrandProductProof { layers },
        LeafClaims {
            point: point.split_off(b),
            evals,
        },
    )
}
