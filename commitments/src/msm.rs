//! Multi-scalar multiplication kernels over BN254 G1 that the KZG schemes' commitments use
//! where arkworks' generic MSM does needless work (see `paper-notes/kzg.md`, "Committing small
//! values and table reads"):
//! - [`pair_sums`]: adjacent pairs of points added with one shared field inversion;
//! - [`bucket_sums`]: `rows[x] = Σ_{j: indices[j] = x} points[j]` with batched affine
//!   additions (one-hot rows, flag columns);
//! - [`msm_small`]: `Σ_j s_j·G_j` for integer scalars `s_j < 2^64` (Pippenger's bucket method
//!   with windows sized to the largest scalar, the buckets filled by [`bucket_sums`]).

use ark_bn254::{G1Affine, G1Projective};
use ark_ec::{AdditiveGroup, AffineRepr, CurveGroup};
use ark_ff::{Field, One, Zero};
use rayon::prelude::*;

/// `[p_0 + p_1, p_2 + p_3, …]` (a trailing odd point is dropped), with batched affine
/// additions (see [`bucket_sums`]).
pub(crate) fn pair_sums(points: &[G1Affine]) -> Vec<G1Affine> {
    let n = points.len() / 2;
    let mut work = points[..2 * n].to_vec();
    let starts: Vec<usize> = (0..n).map(|i| 2 * i).collect();
    let mut lens = vec![2usize; n];
    halve_rows(&mut work, &starts, &mut lens);
    (0..n).map(|i| work[2 * i]).collect()
}

/// `rows[x] = Σ_{j: indices[j] = x} points[j]` for `x < num_rows` (every index is below
/// `num_rows`, checked by the caller), in affine coordinates with **batched affine
/// additions**: the points are sorted into their rows, then every row is halved in rounds,
/// all pairs of a round sharing one field inversion (Montgomery's trick), so an addition
/// costs about 6 field multiplications instead of a mixed addition's 11. Pairs with equal
/// `x` (a doubling or a cancellation, which a structured setup makes all but impossible)
/// and the point at infinity take the projective formulas.
pub fn bucket_sums(points: &[G1Affine], indices: &[u16], num_rows: usize) -> Vec<G1Affine> {
    bucket_sums_of(
        points.iter().copied().zip(indices.iter().copied()),
        num_rows,
    )
}

/// [`bucket_sums`] over `(point, row)` entries given as an iterator (walked twice: once to
/// count each row, once to place its points).
fn bucket_sums_of(
    entries: impl Iterator<Item = (G1Affine, u16)> + Clone,
    num_rows: usize,
) -> Vec<G1Affine> {
    // Counting sort into rows.
    let mut starts = vec![0usize; num_rows + 1];
    for (_, x) in entries.clone() {
        starts[x as usize + 1] += 1;
    }
    for x in 0..num_rows {
        starts[x + 1] += starts[x];
    }
    let mut next = starts.clone();
    let mut sorted = vec![G1Affine::zero(); starts[num_rows]];
    for (p, x) in entries {
        sorted[next[x as usize]] = p;
        next[x as usize] += 1;
    }
    let mut lens: Vec<usize> = (0..num_rows).map(|x| starts[x + 1] - starts[x]).collect();
    halve_rows(&mut sorted, &starts, &mut lens);
    (0..num_rows)
        .map(|x| {
            if lens[x] == 0 {
                G1Affine::zero()
            } else {
                sorted[starts[x]]
            }
        })
        .collect()
}

/// Sums each row `points[starts[x]..starts[x] + lens[x]]` into its first entry, in rounds
/// that add the row's adjacent pairs: all pairs of a round share one field inversion
/// (Montgomery's trick, done in place: a forward pass of prefix products of `x_b − x_a`,
/// one inversion, a backward pass that peels each pair's inverse off and adds), so an
/// addition costs about six multiplications. Pairs with equal `x` or the point at infinity
/// take the projective formulas.
fn halve_rows(points: &mut [G1Affine], starts: &[usize], lens: &mut [usize]) {
    let rare = |a: &G1Affine, b: &G1Affine| a.is_zero() || b.is_zero() || a.x == b.x;
    let mut prefix: Vec<ark_bn254::Fq> = Vec::new();
    let mut sums: Vec<G1Affine> = Vec::new();
    loop {
        let num_pairs: usize = lens.iter().map(|l| l / 2).sum();
        if num_pairs == 0 {
            return;
        }
        prefix.clear();
        let mut acc = ark_bn254::Fq::one();
        for (&start, &len) in starts.iter().zip(lens.iter()) {
            for pair in points[start..start + len / 2 * 2].chunks_exact(2) {
                prefix.push(acc);
                if !rare(&pair[0], &pair[1]) {
                    acc *= pair[1].x - pair[0].x;
                }
            }
        }
        let mut inverse = acc.inverse().expect("a product of non-zero differences");
        sums.clear();
        sums.resize(num_pairs, G1Affine::zero());
        let mut p = num_pairs;
        for (&start, &len) in starts.iter().zip(lens.iter()).rev() {
            for pair in points[start..start + len / 2 * 2].chunks_exact(2).rev() {
                p -= 1;
                let (a, b) = (&pair[0], &pair[1]);
                if rare(a, b) {
                    sums[p] = (a.into_group() + b).into_affine();
                    continue;
                }
                let d = b.x - a.x;
                let inv_d = inverse * prefix[p];
                inverse *= d;
                let lambda = (b.y - a.y) * inv_d;
                let x3 = lambda.square() - a.x - b.x;
                let y3 = lambda * (a.x - x3) - a.y;
                sums[p] = G1Affine::new_unchecked(x3, y3);
            }
        }
        // Each row's sums go to its first half; an odd row's last point follows them.
        let mut p = 0;
        for (&start, len) in starts.iter().zip(lens.iter_mut()) {
            let half = *len / 2;
            points[start..start + half].copy_from_slice(&sums[p..p + half]);
            p += half;
            if *len > 1 {
                if *len % 2 == 1 {
                    points[start + half] = points[start + *len - 1];
                }
                *len = len.div_ceil(2);
            }
        }
    }
}

/// The widest window [`msm_small`] uses: `2^16` buckets.
const MAX_WINDOW_BITS: u32 = 16;

/// `Σ_j scalars[j]·bases[j]` for integer scalars below `2^64` (`bases` at least as long as
/// `scalars`).
///
/// Pippenger's bucket method with windows sized to the scalars: if the largest scalar has
/// `b` bits, the scalars are cut into `w` windows of `c ≤ 16` bits, `w·c ≥ b`, where `c`
/// minimises `w·(n + 3·2^c)` for `n` non-zero scalars (each window costs one addition per
/// non-zero digit and about three per bucket to reduce). Window `i`'s buckets
/// `B_d = Σ_{j: digit_i(s_j) = d} G_j` are filled by [`bucket_sums`] (batched affine
/// additions), reduced as `Σ_d d·B_d` with running sums, and the windows combined by
/// Horner's rule in `2^c`. Zero scalars cost nothing. arkworks' `msm_u8`…`msm_u64` walk all
/// 64 bits in windows sized to the number of points; on dense full-width columns both take
/// the same time (~540 ms for 2^20 random 32-bit scalars here), and this one is cheaper on
/// short inputs of narrow values (a 2^16-row table of flags is one 1-bit window). The bases
/// are split across rayon's threads.
pub fn msm_small<T: Copy + Into<u64> + Sync>(bases: &[G1Affine], scalars: &[T]) -> G1Projective {
    let threads = rayon::current_num_threads();
    let chunk = scalars.len().div_ceil(threads).max(1 << 12);
    bases[..scalars.len()]
        .par_chunks(chunk)
        .zip(scalars.par_chunks(chunk))
        .map(|(bases, scalars)| msm_small_serial(bases, scalars))
        .sum()
}

/// [`msm_small`] on one thread.
fn msm_small_serial<T: Copy + Into<u64>>(bases: &[G1Affine], scalars: &[T]) -> G1Projective {
    let (mut max, mut nonzero) = (0u64, 0usize);
    for &s in scalars {
        let s: u64 = s.into();
        max |= s;
        nonzero += usize::from(s != 0);
    }
    let bits = u64::BITS - max.leading_zeros();
    if bits == 0 {
        return G1Projective::zero();
    }
    let cost = |c: u32| bits.div_ceil(c) as usize * (nonzero + (3usize << c));
    let c = (1..=MAX_WINDOW_BITS.min(bits))
        .min_by_key(|&c| cost(c))
        .expect("bits ≥ 1");
    let mask = (1u64 << c) - 1;
    let mut total = G1Projective::zero();
    for window in (0..bits.div_ceil(c)).rev() {
        for _ in 0..c {
            total.double_in_place();
        }
        let shift = window * c;
        // Bucket `d` (digit `d ≥ 1`) is row `d − 1`.
        let entries = bases.iter().zip(scalars).filter_map(|(&g, &s)| {
            let digit = (s.into() >> shift) & mask;
            (digit != 0).then(|| (g, (digit - 1) as u16))
        });
        let buckets = bucket_sums_of(entries, (1usize << c) - 1);
        // Σ_d d·B_d = Σ_{d ≥ 1} Σ_{e ≥ d} B_e.
        let mut running = G1Projective::zero();
        for bucket in buckets.iter().rev() {
            running += bucket;
            total += running;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ec::{PrimeGroup, VariableBaseMSM};
    use ark_ff::UniformRand;
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    use rand_chacha::ChaCha20Rng;

    #[test]
    fn bucket_sums_match_projective_sums_with_doublings_and_cancellations() {
        let g = G1Projective::generator();
        let mut rng = ChaCha20Rng::seed_from_u64(9);
        // Random points, a repeated point (a doubling), a point and its negation (a
        // cancellation to infinity), and the point at infinity itself.
        let mut points: Vec<G1Affine> = (0..300)
            .map(|_| (g * Fr::rand(&mut rng)).into_affine())
            .collect();
        points[7] = points[3];
        points[11] = -points[5];
        points[13] = G1Affine::zero();
        for num_rows in [1usize, 2, 5, 16] {
            let indices: Vec<u16> = (0..points.len())
                .map(|j| match j {
                    3 | 7 | 5 | 11 => 0,
                    _ => (rng.next_u32() as usize % num_rows) as u16,
                })
                .collect();
            let mut expected = vec![G1Projective::zero(); num_rows];
            for (p, &x) in points.iter().zip(&indices) {
                expected[x as usize] += p;
            }
            let got = bucket_sums(&points, &indices, num_rows);
            assert_eq!(
                got,
                G1Projective::normalize_batch(&expected),
                "{num_rows} rows"
            );
        }
    }

    /// Scalars of every width the commitments use, dense and sparse, with repeated bases
    /// (doublings inside a bucket): `msm_small` equals arkworks' MSM of the same scalars.
    #[test]
    fn small_msm_matches_the_field_msm() {
        let g = G1Projective::generator();
        let mut rng = ChaCha20Rng::seed_from_u64(21);
        let n = 5000;
        let mut bases: Vec<G1Affine> = (0..n)
            .map(|_| (g * Fr::rand(&mut rng)).into_affine())
            .collect();
        bases[9] = bases[4];
        bases[10] = -bases[4];
        for bits in [1u32, 3, 8, 16, 17, 32, 33, 64] {
            for density in [1u32, 10, 100] {
                let scalars: Vec<u64> = (0..n)
                    .map(|_| {
                        if rng.next_u32() % 100 < density {
                            rng.next_u64() >> (64 - bits)
                        } else {
                            0
                        }
                    })
                    .collect();
                let field: Vec<Fr> = scalars.iter().map(|&s| Fr::from(s)).collect();
                let expected = G1Projective::msm_unchecked(&bases, &field);
                assert_eq!(
                    msm_small(&bases, &scalars),
                    expected,
                    "{bits} bits, {density}%"
                );
            }
        }
        let bytes: Vec<u8> = (0..n).map(|_| rng.next_u32() as u8).collect();
        let field: Vec<Fr> = bytes.iter().map(|&s| Fr::from(s)).collect();
        assert_eq!(
            msm_small(&bases, &bytes),
            G1Projective::msm_unchecked(&bases, &field)
        );
        assert_eq!(msm_small(&bases, &[0u32; 7]), G1Projective::zero());
        assert_eq!(msm_small::<u16>(&bases, &[]), G1Projective::zero());
    }
}
