//! Prover side of the batched grand product.

use super::*;
use crate::instance::{CombineFn, EqProductSumcheck};
use crate::multilinear::{DensePolynomial, MultilinearPolynomial, PARALLEL_THRESHOLD};
use crate::prover::prove_sumcheck;
use crate::transcript::Transcript;
use rayon::prelude::*;

/// The layer above `layer`: products of sibling pairs `(2i, 2i+1)`.
fn parent_layer<F: PrimeField>(layer: &[F]) -> Vec<F> {
    if layer.len() >= PARALLEL_THRESHOLD {
        layer.par_chunks_exact(2).map(|p| p[0] * p[1]).collect()
    } else {
        layer.chunks_exact(2).map(|p| p[0] * p[1]).collect()
    }
}

/// Even and odd entries of a layer: `L(x) = V(x, 0)`, `R(x) = V(x, 1)`.
fn split_siblings<F: PrimeField>(layer: &[F]) -> (Vec<F>, Vec<F>) {
    layer.chunks_exact(2).map(|p| (p[0], p[1])).unzip()
}

/// All layers of each vector's tree: `trees[i][k]` is layer `k` (root = layer 0).
fn build_trees<F: PrimeField>(leaves: Vec<Vec<F>>) -> Vec<Vec<Vec<F>>> {
    leaves
        .into_iter()
        .map(|leaf_layer| {
            let mut layers = vec![leaf_layer];
            while layers.last().map_or(0, Vec::len) > 1 {
                let parent = parent_layer(layers.last().expect("non-empty"));
                layers.push(parent);
            }
            layers.reverse();
            layers
        })
        .collect()
}

/// Runs the layer sumchecks from the root down to layer `stop` (exclusive of the leaf layer
/// when `stop = n − 1` and the caller proves it separately). Returns the layer proofs, the
/// current point and the current per-vector claims.
fn prove_inner_layers<F: PrimeField, T: Transcript>(
    trees: &[Vec<Vec<F>>],
    products: &[F],
    stop: usize,
    transcript: &mut T,
) -> (Vec<LayerProof<F>>, Vec<F>, Vec<F>) {
    let m = trees.len();
    let mut point: Vec<F> = Vec::new();
    let mut claims = products.to_vec();
    let mut layers = Vec::with_capacity(stop);
    for k in 0..stop {
        let lambda: Vec<F> = transcript.challenge_powers(LABEL_LAMBDA, m);
        let mut polys = Vec::with_capacity(2 * m);
        for tree in trees {
            let (l, r) = split_siblings(&tree[k + 1]);
            polys.push(MultilinearPolynomial::Dense(DensePolynomial::new(l)));
            polys.push(MultilinearPolynomial::Dense(DensePolynomial::new(r)));
        }
        let lam = lambda.clone();
        let h = move |v: &[F]| -> F {
            v.chunks_exact(2)
                .zip(lam.iter())
                .map(|(lr, l)| *l * lr[0] * lr[1])
                .sum()
        };
        let h: &CombineFn<F> = &h;
        let claim: F = claims.iter().zip(&lambda).map(|(c, l)| *c * l).sum();
        let mut instance = EqProductSumcheck::new(point.clone(), polys, h, 3, claim);
        let (sumcheck, r_prime, finals) = prove_sumcheck(&mut instance, transcript);
        transcript.append_scalars(LABEL_LAYER_CLAIMS, &finals);
        let c: F = transcript.challenge_scalar(LABEL_LAYER_CHALLENGE);
        claims = finals
            .chunks_exact(2)
            .map(|lr| lr[0] + c * (lr[1] - lr[0]))
            .collect();
        point = r_prime;
        point.push(c);
        layers.push(LayerProof {
            sumcheck,
            claims: finals,
        });
    }
    (layers, point, claims)
}

/// Proves `P_i = Π_j leaves[i][j]` for every vector `i` (all of length `2^n`, `n ≥ 1`).
/// Absorbs the products, returns them with the proof and the leaf claims.
///
/// # Panics
/// If the vectors are empty, of different lengths, or not of power-of-two length ≥ 2.
pub fn prove_grand_product<F: PrimeField, T: Transcript>(
    leaves: Vec<Vec<F>>,
    transcript: &mut T,
) -> (Vec<F>, GrandProductProof<F>, LeafClaims<F>) {
    check_shapes(leaves.iter().map(Vec::len));
    let n = leaves[0].len().trailing_zeros() as usize;
    let trees = build_trees(leaves);
    let products: Vec<F> = trees.iter().map(|t| t[0][0]).collect();
    transcript.append_scalars(LABEL_PRODUCTS, &products);
    let (layers, point, claims) = prove_inner_layers(&trees, &products, n, transcript);
    (
        products,
        GrandProductProof { layers },
        LeafClaims {
            point,
            evals: claims,
            value_evals: Vec::new(),
        },
    )
}

fn check_shapes(lengths: impl Iterator<Item = usize>) {
    let lengths: Vec<usize> = lengths.collect();
    assert!(!lengths.is_empty(), "grand product of no vectors");
    assert!(
        lengths[0] >= 2 && lengths[0].is_power_of_two(),
        "grand product vectors need a power-of-two length ≥ 2"
    );
    assert!(
        lengths.iter().all(|&l| l == lengths[0]),
        "grand product vectors differ in length"
    );
}

/// Proves `P_i = Π_j (f_ij·v_ij + 1 − f_ij)` for every `i`: leaves whose flag is 0 count as 1.
/// The leaf claims are `f̃_i(r)` (in `evals`) and `ṽ_i(r)` (in `value_evals`).
///
/// # Panics
/// On shape errors as in [`prove_grand_product`], or if `flags` and `values` differ in count.
pub fn prove_toggled_grand_product<F: PrimeField, T: Transcript>(
    flags: Vec<MultilinearPolynomial<F>>,
    values: Vec<DensePolynomial<F>>,
    transcript: &mut T,
) -> (Vec<F>, GrandProductProof<F>, LeafClaims<F>) {
    assert_eq!(
        flags.len(),
        values.len(),
        "one flag vector per value vector"
    );
    check_shapes(
        flags
            .iter()
            .map(|f| f.len())
            .chain(values.iter().map(|v| v.len())),
    );
    let n = values[0].num_vars();
    let leaves: Vec<Vec<F>> = flags
        .iter()
        .zip(&values)
        .map(|(f, v)| {
            (0..v.len())
                .map(|j| {
                    let flag = f.get(j);
                    if flag.is_zero() {
                        F::one()
                    } else if flag.is_one() {
                        v.get(j)
                    } else {
                        flag * v.get(j) + F::one() - flag
                    }
                })
                .collect()
        })
        .collect();
    let trees = build_trees(leaves);
    let products: Vec<F> = trees.iter().map(|t| t[0][0]).collect();
    transcript.append_scalars(LABEL_PRODUCTS, &products);
    let (mut layers, point, claims) = prove_inner_layers(&trees, &products, n - 1, transcript);

    // Leaf layer: Σ_x eq(r,x)·Σ_i λ^i·(f_L v_L + 1 − f_L)(f_R v_R + 1 − f_R).
    let m = values.len();
    let lambda: Vec<F> = transcript.challenge_powers(LABEL_LAMBDA, m);
    let mut polys = Vec::with_capacity(4 * m);
    for (f, v) in flags.iter().zip(&values) {
        let fd = f.to_dense().into_evals();
        let (fl, fr) = split_siblings(&fd);
        let (vl, vr) = split_siblings(v.evals());
        for p in [fl, vl, fr, vr] {
            polys.push(MultilinearPolynomial::Dense(DensePolynomial::new(p)));
        }
    }
    let lam = lambda.clone();
    let h = move |x: &[F]| -> F {
        x.chunks_exact(4)
            .zip(lam.iter())
            .map(|(q, l)| *l * (q[0] * q[1] + F::one() - q[0]) * (q[2] * q[3] + F::one() - q[2]))
            .sum()
    };
    let h: &CombineFn<F> = &h;
    let claim: F = claims.iter().zip(&lambda).map(|(c, l)| *c * l).sum();
    let mut instance = EqProductSumcheck::new(point, polys, h, 5, claim);
    let (sumcheck, r_prime, finals) = prove_sumcheck(&mut instance, transcript);
    transcript.append_scalars(LABEL_LAYER_CLAIMS, &finals);
    let c: F = transcript.challenge_scalar(LABEL_LAYER_CHALLENGE);
    let (flag_evals, value_evals) = finals
        .chunks_exact(4)
        .map(|q| (q[0] + c * (q[2] - q[0]), q[1] + c * (q[3] - q[1])))
        .unzip();
    let mut leaf_point = r_prime;
    leaf_point.push(c);
    layers.push(LayerProof {
        sumcheck,
        claims: finals,
    });
    (
        products,
        GrandProductProof { layers },
        LeafClaims {
            point: leaf_point,
            evals: flag_evals,
            value_evals,
        },
    )
}
