//! The univariate KZG core over BN254 shared by HyperKZG and Zeromorph
//! (Kate, Zaverucha, Goldberg 2010; see `paper-notes/kzg.md`).
//!
//! Setup: `G_i = τ^i·G` for `i < N` in G1, and `H`, `τ·H` in G2. A polynomial
//! `f(X) = Σ_i f_i X^i` is committed as `C = Σ_i f_i·G_i = f(τ)·G`. An opening of `f(x) = y`
//! is `W = q(τ)·G` with `q(X) = (f(X) − y)/(X − x)`, checked by
//! `e(C − y·G + x·W, H) = e(W, τ·H)`. Several openings `(C_i, x_i, y_i, W_i)` are checked at
//! once with a random `d`: `e(Σ d^i (C_i − y_i G + x_i W_i), H) = e(Σ d^i W_i, τH)`.

use crate::error::PcsError;
use crate::msm::{bucket_sums, msm_small, pair_sums};
use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::scalar_mul::BatchMulPreprocessing;
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::{Field, One, UniformRand, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use rayon::prelude::*;
use sumcheck::{MerlinTranscript, MultilinearPolynomial, Transcript};

/// The prover's KZG parameters: `G_i = τ^i·G` for `i < 2^max_num_vars`, plus the G2 elements.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct KzgProverSetup {
    /// `τ^i·G` for `i < N`.
    pub powers_g1: Vec<G1Affine>,
    /// `H` (the G2 generator) and `τ·H`.
    pub verifier: KzgVerifierSetup,
    /// Sums of aligned blocks of the powers, derived on first use (see [`BlockSums`]).
    pub block_sums: BlockSums,
}

/// `B_ℓ[b] = Σ_{i < 2^ℓ} G_{b·2^ℓ + i}` for every level `ℓ ≥ 1` over a prefix of the powers:
/// a one-hot row's sum takes a run of equal chunk indices as `O(log run)` block points
/// instead of one point per cycle (slowly varying chunks, such as the high chunk of an
/// address or a constant dummy access, cost almost nothing). Derived data: built on the
/// first one-hot commitment of a given length (about `N` batched affine additions), never
/// serialized, and equal for any two setups.
#[derive(Default)]
pub struct BlockSums {
    levels: std::sync::RwLock<Option<std::sync::Arc<BlockLevels>>>,
}

/// The prefix length the levels were built over, and levels `1, 2, …` (`B_ℓ` at `ℓ − 1`).
type BlockLevels = (usize, Vec<Vec<G1Affine>>);

impl BlockSums {
    /// The levels `1..=log len` over `points[..len]` (cached per length).
    fn levels(&self, points: &[G1Affine]) -> std::sync::Arc<BlockLevels> {
        let len = points.len();
        if let Some(cached) = self.levels.read().expect("not poisoned").as_ref() {
            if cached.0 == len {
                return cached.clone();
            }
        }
        let mut levels: Vec<Vec<G1Affine>> = Vec::new();
        let mut current: &[G1Affine] = points;
        while current.len() > 1 {
            let next = pair_sums(current);
            levels.push(next);
            current = levels.last().expect("just pushed");
        }
        let built = std::sync::Arc::new((len, levels));
        *self.levels.write().expect("not poisoned") = Some(built.clone());
        built
    }
}

impl Clone for BlockSums {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for BlockSums {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for BlockSums {}

impl std::fmt::Debug for BlockSums {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlockSums")
    }
}

impl ark_serialize::Valid for BlockSums {
    fn check(&self) -> Result<(), ark_serialize::SerializationError> {
        Ok(())
    }
}

impl CanonicalSerialize for BlockSums {
    fn serialize_with_mode<W: std::io::Write>(
        &self,
        _: W,
        _: ark_serialize::Compress,
    ) -> Result<(), ark_serialize::SerializationError> {
        Ok(())
    }
    fn serialized_size(&self, _: ark_serialize::Compress) -> usize {
        0
    }
}

impl CanonicalDeserialize for BlockSums {
    fn deserialize_with_mode<R: std::io::Read>(
        _: R,
        _: ark_serialize::Compress,
        _: ark_serialize::Validate,
    ) -> Result<Self, ark_serialize::SerializationError> {
        Ok(Self::default())
    }
}

/// A run `[start, end)` of the powers as aligned blocks, the levels built only when a block
/// longer than one is needed.
struct BlockCover<'a> {
    points: &'a [G1Affine],
    sums: &'a BlockSums,
    levels: Option<std::sync::Arc<BlockLevels>>,
}

impl<'a> BlockCover<'a> {
    fn new(points: &'a [G1Affine], sums: &'a BlockSums) -> Self {
        BlockCover {
            points,
            sums,
            levels: None,
        }
    }

    /// Pushes `Σ_{start ≤ i < end} G_i` as the fewest aligned blocks: at each `j`, the
    /// largest `2^ℓ` that divides `j` and fits before `end` (`O(log run)` points).
    fn push_run(&mut self, start: usize, end: usize, out: &mut Vec<G1Affine>) {
        let mut j = start;
        while j < end {
            let align = if j == 0 {
                usize::BITS
            } else {
                j.trailing_zeros()
            };
            let level = align.min((end - j).ilog2()) as usize;
            out.push(if level == 0 {
                self.points[j]
            } else {
                let (points, sums) = (self.points, self.sums);
                self.levels.get_or_insert_with(|| sums.levels(points)).1[level - 1][j >> level]
            });
            j += 1 << level;
        }
    }
}

/// The verifier's KZG parameters: `G`, `H`, `τ·H`, and the number `N` of G1 powers (the
/// degree bound Zeromorph's degree check relies on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct KzgVerifierSetup {
    /// `N`: the prover setup holds `τ^i·G` for `i < N`.
    pub num_powers: u64,
    /// `τ·G` and `τ²·G` (to commit a degree-2 interpolant in the verifier).
    pub tau_powers_g1: [G1Affine; 2],
    /// `τ²·H` and `τ³·H` (to commit a degree-3 vanishing polynomial in the verifier).
    pub tau_powers_g2: [G2Affine; 2],
    /// `G = τ^0·G`.
    pub g1: G1Affine,
    /// `H`.
    pub g2: G2Affine,
    /// `τ·H`.
    pub tau_g2: G2Affine,
}

/// The trapdoor of the **insecure** setups: `τ` drawn from a ChaCha stream seeded by `seed`.
fn insecure_tau(seed: u64) -> Fr {
    let mut rng = ChaCha20Rng::seed_from_u64(seed ^ 0x4b5a_4753_4554_5550);
    Fr::rand(&mut rng)
}

impl KzgVerifierSetup {
    /// The verifier's elements for `N = num_powers` G1 powers of `τ`: `G`, `τG`, `τ²G`, `H`,
    /// `τH`, `τ²H`, `τ³H` (a handful of scalar multiplications, whatever `N` is).
    fn from_tau(tau: Fr, num_powers: usize) -> Self {
        let g = G1Projective::generator();
        let h = G2Projective::generator();
        let tau2 = tau * tau;
        KzgVerifierSetup {
            num_powers: num_powers as u64,
            tau_powers_g1: [(g * tau).into_affine(), (g * tau2).into_affine()],
            tau_powers_g2: [(h * tau2).into_affine(), (h * (tau2 * tau)).into_affine()],
            g1: g.into_affine(),
            g2: h.into_affine(),
            tau_g2: (h * tau).into_affine(),
        }
    }

    /// The verifier part of [`KzgProverSetup::insecure`]`(max_num_vars, seed)`, without
    /// computing the `2^max_num_vars` prover powers.
    pub fn insecure(max_num_vars: usize, seed: u64) -> Self {
        Self::from_tau(insecure_tau(seed), 1usize << max_num_vars)
    }
}

impl KzgProverSetup {
    /// **Insecure** setup for `2^max_num_vars` powers with `τ` derived from `seed`.
    pub fn insecure(max_num_vars: usize, seed: u64) -> Self {
        let tau = insecure_tau(seed);
        let n = 1usize << max_num_vars;
        let mut powers = Vec::with_capacity(n);
        let mut acc = Fr::one();
        for _ in 0..n {
            powers.push(acc);
            acc *= tau;
        }
        let table = BatchMulPreprocessing::new(G1Projective::generator(), n);
        let powers_g1 = table.batch_mul(&powers);
        Self {
            verifier: KzgVerifierSetup::from_tau(tau, n),
            powers_g1,
            block_sums: BlockSums::default(),
        }
    }

    /// The number of variables whose hypercube fits the powers, `⌊log2 N⌋`.
    pub fn max_num_vars(&self) -> usize {
        self.powers_g1.len().checked_ilog2().unwrap_or(0) as usize
    }

    /// Checks that the parameters are powers of one `τ` (e.g. after loading a ceremony's
    /// output): `G_0 = G`, the verifier's `τG, τ²G` are `G_1, G_2`, `e(τG, H) = e(G, τH)`,
    /// `e(τ^{k}G, τH) = e(G, τ^{k+1}H)` for the G2 powers, and, with random 64-bit weights
    /// `c_i` drawn from a transcript of the whole setup,
    /// `e(Σ_i c_i G_{i+1}, H) = e(Σ_i c_i G_i, τH)` (a wrong power passes with probability
    /// about `2^{-64}`). Costs two 64-bit-scalar MSMs of size `N`.
    pub fn check_consistency(&self) -> Result<(), PcsError> {
        let vk = &self.verifier;
        let n = self.powers_g1.len();
        if n == 0 {
            return Err(PcsError::InvalidSetup("no G1 powers"));
        }
        if vk.num_powers != n as u64 {
            return Err(PcsError::InvalidSetup(
                "num_powers differs from the number of G1 powers",
            ));
        }
        if vk.g1.is_zero() || vk.g2.is_zero() {
            return Err(PcsError::InvalidSetup("a generator is the identity"));
        }
        if self.powers_g1[0] != vk.g1 {
            return Err(PcsError::InvalidSetup("the first G1 power is not G"));
        }
        for (i, p) in vk.tau_powers_g1.iter().enumerate() {
            if self.powers_g1.get(i + 1).is_some_and(|q| q != p) {
                return Err(PcsError::InvalidSetup(
                    "the verifier's τG, τ²G differ from the prover's",
                ));
            }
        }
        let same = |a: G1Affine, b: G2Affine, c: G1Affine, d: G2Affine| {
            Bn254::multi_pairing([a, (-G1Projective::from(c)).into_affine()], [b, d]).is_zero()
        };
        let [tau_g, tau2_g] = vk.tau_powers_g1;
        let [tau2_h, tau3_h] = vk.tau_powers_g2;
        let low_powers = same(tau_g, vk.g2, vk.g1, vk.tau_g2)
            && same(tau2_g, vk.g2, tau_g, vk.tau_g2)
            && same(vk.g1, tau2_h, tau_g, vk.tau_g2)
            && same(vk.g1, tau3_h, tau2_g, vk.tau_g2);
        if !low_powers {
            return Err(PcsError::InvalidSetup(
                "G, τG, τ²G, H, τH, τ²H, τ³H are not powers of one τ",
            ));
        }
        let mut transcript = MerlinTranscript::new(b"kzg-setup-check");
        transcript.append_serializable(b"kzg_setup", self);
        let mut seed = [0u8; 32];
        transcript.challenge_bytes(b"kzg_setup_weights", &mut seed);
        let mut rng = ChaCha20Rng::from_seed(seed);
        let weights: Vec<u64> = (0..n - 1).map(|_| rng.next_u64()).collect();
        let shifted = G1Projective::msm_u64(&self.powers_g1[1..], &weights).into_affine();
        let unshifted = G1Projective::msm_u64(&self.powers_g1[..n - 1], &weights).into_affine();
        if same(shifted, vk.g2, unshifted, vk.tau_g2) {
            Ok(())
        } else {
            Err(PcsError::InvalidSetup(
                "the G1 powers are not consecutive powers of τ",
            ))
        }
    }

    /// `Σ_i f_i·G_i` for the coefficient vector `f` (length ≤ N).
    pub fn commit_coeffs(&self, coeffs: &[Fr]) -> Result<G1Projective, PcsError> {
        self.check_len(coeffs.len())?;
        Ok(G1Projective::msm_unchecked(
            &self.powers_g1[..coeffs.len()],
            coeffs,
        ))
    }

    /// Commits to a multilinear polynomial's evaluation vector, using the small-scalar MSM
    /// ([`msm_small`]) for compact forms (pay per bit: an 8-bit column costs about one batched
    /// affine addition per non-zero entry) and runs of aligned block sums for 0/1 columns.
    pub fn commit_multilinear(
        &self,
        poly: &MultilinearPolynomial<Fr>,
    ) -> Result<G1Projective, PcsError> {
        self.check_len(poly.len())?;
        let bases = &self.powers_g1[..poly.len()];
        Ok(match poly {
            MultilinearPolynomial::Dense(p) => G1Projective::msm_unchecked(bases, p.evals()),
            MultilinearPolynomial::Bool(p) if !p.is_bound() => self.sum_of_ones(p.small_values()),
            MultilinearPolynomial::U8(p) if !p.is_bound() => msm_small(bases, p.small_values()),
            MultilinearPolynomial::U16(p) if !p.is_bound() => msm_small(bases, p.small_values()),
            MultilinearPolynomial::U32(p) if !p.is_bound() => msm_small(bases, p.small_values()),
            MultilinearPolynomial::U64(p) if !p.is_bound() => msm_small(bases, p.small_values()),
            other => G1Projective::msm_unchecked(bases, other.to_dense().evals()),
        })
    }

    /// The rows of a one-hot matrix (see [`crate::CommitmentScheme::commit_one_hot`]): row `x`
    /// is `Σ_{j: indices[j] = x} G_j`, each run of equal indices taken as a few aligned block
    /// sums ([`BlockSums`]), the rows then summed by [`bucket_sums`]: at most one group
    /// addition per column, whatever `N` is. Assumes the caller checked the shape.
    pub fn commit_one_hot(
        &self,
        num_rows: usize,
        indices: &[u16],
    ) -> Result<Vec<G1Affine>, PcsError> {
        self.check_len(indices.len())?;
        let mut cover = BlockCover::new(&self.powers_g1[..indices.len()], &self.block_sums);
        let (mut block_points, mut block_rows) = (Vec::new(), Vec::new());
        let mut j = 0;
        while j < indices.len() {
            let end = j + indices[j..]
                .iter()
                .take_while(|&&x| x == indices[j])
                .count();
            cover.push_run(j, end, &mut block_points);
            block_rows.resize(block_points.len(), indices[j]);
            j = end;
        }
        Ok(bucket_sums(&block_points, &block_rows, num_rows))
    }

    /// Columns gathered from tables (see [`crate::CommitmentScheme::commit_gathered`]):
    /// the rows `H_x = Σ_{j: indices[j] = x} G_j` once ([`KzgProverSetup::commit_one_hot`]),
    /// then column `c` as `Σ_x tables[c][x]·H_x` ([`msm_small`] over `num_rows` points);
    /// returns the columns and the rows. Assumes the caller checked the shape.
    pub fn commit_gathered(
        &self,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
    ) -> Result<(Vec<G1Projective>, Vec<G1Affine>), PcsError> {
        let rows = self.commit_one_hot(num_rows, indices)?;
        let columns = tables
            .par_iter()
            .map(|table| msm_small(&rows, table))
            .collect();
        Ok((columns, rows))
    }

    /// [`crate::CommitmentScheme::commit_gathered_with_rows`] for a KZG scheme whose
    /// commitment wraps one G1 point (`wrap`): the shape checked, the columns normalized.
    #[allow(clippy::type_complexity)]
    pub fn gathered_with_rows<C>(
        &self,
        num_rows: usize,
        indices: &[u16],
        tables: &[&[u64]],
        wrap: impl Fn(G1Affine) -> C,
    ) -> Result<(Vec<C>, Option<Vec<C>>), PcsError> {
        crate::traits::check_gathered_shape(num_rows, indices, tables)?;
        let (columns, rows) = self.commit_gathered(num_rows, indices, tables)?;
        let columns = G1Projective::normalize_batch(&columns);
        Ok((
            columns.into_iter().map(&wrap).collect(),
            Some(rows.into_iter().map(&wrap).collect()),
        ))
    }

    /// [`crate::CommitmentScheme::merge_one_hot_rows`] for a KZG scheme whose commitment
    /// wraps one G1 point (`point` reads it, `wrap` makes one): `out[y] = Σ_{x: map[x] = y}
    /// rows[x]` by [`bucket_sums`], the shape checked.
    pub fn merge_one_hot_rows<C>(
        rows: &[C],
        map: &[u16],
        num_rows: usize,
        point: impl Fn(&C) -> G1Affine,
        wrap: impl Fn(G1Affine) -> C,
    ) -> Result<Option<Vec<C>>, PcsError> {
        crate::traits::check_merge_shape(rows.len(), map, num_rows)?;
        let points: Vec<G1Affine> = rows.iter().map(point).collect();
        Ok(Some(
            bucket_sums(&points, map, num_rows)
                .into_iter()
                .map(wrap)
                .collect(),
        ))
    }

    /// `Σ_{j: bits[j]} G_j` for a flag column, runs of ones taken as aligned block sums (see
    /// [`BlockSums`]): a flag that holds over long stretches costs a few points per stretch.
    fn sum_of_ones(&self, bits: &[bool]) -> G1Projective {
        let mut cover = BlockCover::new(&self.powers_g1[..bits.len()], &self.block_sums);
        let mut chosen = Vec::new();
        let mut j = 0;
        while j < bits.len() {
            let end = j + bits[j..].iter().take_while(|&&b| b == bits[j]).count();
            if bits[j] {
                cover.push_run(j, end, &mut chosen);
            }
            j = end;
        }
        match chosen.len() {
            0 => G1Projective::zero(),
            n => bucket_sums(&chosen, &vec![0u16; n], 1)[0].into_group(),
        }
    }

    fn check_len(&self, len: usize) -> Result<(), PcsError> {
        if len > self.powers_g1.len() {
            return Err(PcsError::TooManyVariables {
                num_vars: len.next_power_of_two().trailing_zeros() as usize,
                max: self.max_num_vars(),
            });
        }
        Ok(())
    }
}

/// `Σ_i coeffs[i]·points[i]`: the homomorphic combination of KZG commitments, `None` on a
/// length mismatch.
pub fn combine_points(points: &[G1Affine], coeffs: &[Fr]) -> Option<G1Affine> {
    (points.len() == coeffs.len())
        .then(|| G1Projective::msm_unchecked(points, coeffs).into_affine())
}

/// A polynomial in zero variables is the constant `eval`, committed as `eval·G`: the whole
/// opening check for `n = 0`.
pub fn check_constant(
    vk: &KzgVerifierSetup,
    commitment: &G1Affine,
    eval: &Fr,
) -> Result<(), PcsError> {
    if G1Projective::from(vk.g1) * eval == G1Projective::from(*commitment) {
        Ok(())
    } else {
        Err(PcsError::ConstantMismatch)
    }
}

/// `q(X) = (f(X) − f(x))/(X − x)` by synthetic division (coefficients low to high).
/// `O(len)` field operations.
pub fn divide_by_linear(coeffs: &[Fr], x: Fr) -> Vec<Fr> {
    if coeffs.len() <= 1 {
        return Vec::new();
    }
    let mut quotient = vec![Fr::zero(); coeffs.len() - 1];
    let mut carry = Fr::zero();
    for i in (1..coeffs.len()).rev() {
        carry = coeffs[i] + carry * x;
        quotient[i - 1] = carry;
    }
    quotient
}

/// `f(x)` for coefficients low to high, in parallel chunks above 2^14 coefficients.
pub fn evaluate_univariate(coeffs: &[Fr], x: Fr) -> Fr {
    const CHUNK: usize = 1 << 14;
    if coeffs.len() <= CHUNK {
        return coeffs.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
    }
    let x_chunk = x.pow([CHUNK as u64]);
    let partial: Vec<Fr> = coeffs
        .par_chunks(CHUNK)
        .map(|c| c.iter().rev().fold(Fr::zero(), |acc, v| acc * x + v))
        .collect();
    partial
        .iter()
        .rev()
        .fold(Fr::zero(), |acc, p| acc * x_chunk + p)
}

/// One KZG opening claim `(C, x, y, W)`: the polynomial in `C` takes `y` at `x`, witnessed by `W`.
pub struct KzgClaim {
    /// The commitment `C`.
    pub commitment: G1Projective,
    /// The point `x`.
    pub point: Fr,
    /// The value `y`.
    pub value: Fr,
    /// The witness `W = q(τ)·G`.
    pub witness: G1Affine,
}

/// Checks all claims with one 2-pairing product using the random weight `d`:
/// `e(Σ d^i (C_i − y_i G + x_i W_i), H) · e(−Σ d^i W_i, τH) = 1`.
pub fn batch_check(vk: &KzgVerifierSetup, claims: &[KzgClaim], d: Fr) -> Result<(), PcsError> {
    let mut left = G1Projective::zero();
    let mut right = G1Projective::zero();
    let mut weight = Fr::one();
    let g = G1Projective::from(vk.g1);
    for c in claims {
        let w = G1Projective::from(c.witness);
        left += (c.commitment - g * c.value + w * c.point) * weight;
        right += w * weight;
        weight *= d;
    }
    let lhs = Bn254::multi_pairing(
        [left.into_affine(), (-right).into_affine()],
        [vk.g2, vk.tau_g2],
    );
    if lhs.is_zero() {
        Ok(())
    } else {
        Err(PcsError::PairingCheckFailed)
    }
}

/// Coefficients (low to high) of the degree-≤2 polynomial through `(x_i, y_i)`, `i < 3`, or
/// `None` if two points coincide.
pub fn interpolate_three(xs: [Fr; 3], ys: [Fr; 3]) -> Option<[Fr; 3]> {
    let mut out = [Fr::zero(); 3];
    for i in 0..3 {
        let (a, b) = (xs[(i + 1) % 3], xs[(i + 2) % 3]);
        let denom = ((xs[i] - a) * (xs[i] - b)).inverse()?;
        let w = ys[i] * denom;
        // (X − a)(X − b) = X² − (a + b)X + ab
        out[0] += w * a * b;
        out[1] -= w * (a + b);
        out[2] += w;
    }
    Some(out)
}

/// The KZG batch opening of one polynomial at three points (Kate et al. §3.4): the witness is
/// `Q = (f − I)/Z_T` with `I` the interpolant of the claimed values and
/// `Z_T(X) = Π_i (X − x_i)`; one MSM for any number of points.
pub fn three_point_witness(
    setup: &KzgProverSetup,
    coeffs: &[Fr],
    xs: [Fr; 3],
    ys: [Fr; 3],
) -> Result<G1Affine, PcsError> {
    let interpolant = interpolate_three(xs, ys).ok_or(PcsError::DegenerateChallenge)?;
    let mut numerator = coeffs.to_vec();
    numerator.resize(numerator.len().max(3), Fr::zero());
    for (c, i) in numerator.iter_mut().zip(interpolant) {
        *c -= i;
    }
    let mut quotient = numerator;
    for x in xs {
        quotient = divide_by_linear(&quotient, x);
    }
    Ok(setup.commit_coeffs(&quotient)?.into_affine())
}

/// Checks `f(x_i) = y_i` for the three points given `C = [f(τ)]` and the witness `W = [Q(τ)]`:
/// `e(C − [I(τ)]₁, H) = e(W, [Z_T(τ)]₂)`.
pub fn three_point_check(
    vk: &KzgVerifierSetup,
    commitment: G1Projective,
    xs: [Fr; 3],
    ys: [Fr; 3],
    witness: G1Affine,
) -> Result<(), PcsError> {
    let i = interpolate_three(xs, ys).ok_or(PcsError::DegenerateChallenge)?;
    let i_tau = G1Projective::msm_unchecked(&[vk.g1, vk.tau_powers_g1[0], vk.tau_powers_g1[1]], &i);
    // Z_T(X) = (X − x0)(X − x1)(X − x2) = X³ − e1·X² + e2·X − e3
    let e1 = xs[0] + xs[1] + xs[2];
    let e2 = xs[0] * xs[1] + xs[0] * xs[2] + xs[1] * xs[2];
    let e3 = xs[0] * xs[1] * xs[2];
    let z_tau = G2Projective::from(vk.g2) * (-e3)
        + G2Projective::from(vk.tau_g2) * e2
        + G2Projective::from(vk.tau_powers_g2[0]) * (-e1)
        + G2Projective::from(vk.tau_powers_g2[1]);
    let lhs = Bn254::multi_pairing(
        [
            (commitment - i_tau).into_affine(),
            (-G1Projective::from(witness)).into_affine(),
        ],
        [vk.g2, z_tau.into_affine()],
    );
    if lhs.is_zero() {
        Ok(())
    } else {
        Err(PcsError::PairingCheckFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A flag column's commitment (runs of ones as block sums) is the MSM of its 0/1 values,
    /// for runs at every alignment, a constant column and an empty one.
    #[test]
    fn flag_commitments_match_the_msm() {
        let setup = KzgProverSetup::insecure(9, 5);
        let mut rng = ChaCha20Rng::seed_from_u64(11);
        for run in [0usize, 1, 3, 17, 200, 512] {
            let mut bits = Vec::with_capacity(512);
            let mut value = run == 512;
            while bits.len() < 512 {
                let len = if run == 0 || run == 512 {
                    512
                } else {
                    1 + rng.next_u32() as usize % (2 * run)
                };
                bits.extend(std::iter::repeat_n(value, len.min(512 - bits.len())));
                value = !value;
            }
            let scalars: Vec<Fr> = bits.iter().map(|&b| Fr::from(b as u64)).collect();
            let expected = G1Projective::msm_unchecked(&setup.powers_g1[..512], &scalars);
            let poly = MultilinearPolynomial::from(bits);
            assert_eq!(
                setup.commit_multilinear(&poly).unwrap(),
                expected,
                "runs ~{run}"
            );
        }
    }

    #[test]
    fn single_kzg_opening_verifies_and_a_wrong_value_does_not() {
        let setup = KzgProverSetup::insecure(4, 1);
        let coeffs: Vec<Fr> = (0..16u64).map(|i| Fr::from(i * i + 3)).collect();
        let c = setup.commit_coeffs(&coeffs).unwrap();
        let x = Fr::from(12345u64);
        let y = evaluate_univariate(&coeffs, x);
        let w = setup
            .commit_coeffs(&divide_by_linear(&coeffs, x))
            .unwrap()
            .into_affine();
        let claim = |value| KzgClaim {
            commitment: c,
            point: x,
            value,
            witness: w,
        };
        assert_eq!(
            batch_check(&setup.verifier, &[claim(y)], Fr::from(7u64)),
            Ok(())
        );
        assert_eq!(
            batch_check(&setup.verifier, &[claim(y + Fr::one())], Fr::from(7u64)),
            Err(PcsError::PairingCheckFailed)
        );
    }

    #[test]
    fn three_point_opening_verifies_and_rejects_a_wrong_value() {
        let setup = KzgProverSetup::insecure(4, 2);
        let coeffs: Vec<Fr> = (0..16u64).map(|i| Fr::from(7 * i + 1)).collect();
        let c = setup.commit_coeffs(&coeffs).unwrap();
        let r = Fr::from(9u64);
        let xs = [r, -r, r * r];
        let ys = xs.map(|x| evaluate_univariate(&coeffs, x));
        let w = three_point_witness(&setup, &coeffs, xs, ys).unwrap();
        assert_eq!(three_point_check(&setup.verifier, c, xs, ys, w), Ok(()));
        let mut bad = ys;
        bad[2] += Fr::one();
        assert_eq!(
            three_point_check(&setup.verifier, c, xs, bad, w),
            Err(PcsError::PairingCheckFailed)
        );
    }

    #[test]
    fn honest_setup_is_consistent_and_a_changed_power_is_caught() {
        for max in [0, 1, 2, 5] {
            let setup = KzgProverSetup::insecure(max, 3);
            assert_eq!(setup.check_consistency(), Ok(()), "max = {max}");
        }
        let setup = KzgProverSetup::insecure(5, 3);
        for i in [0, 1, 2, 17, 31] {
            let mut bad = setup.clone();
            bad.powers_g1[i] = (bad.powers_g1[i] + bad.verifier.g1).into_affine();
            assert!(
                matches!(bad.check_consistency(), Err(PcsError::InvalidSetup(_))),
                "power {i}"
            );
        }
        let mut bad = setup.clone();
        bad.verifier.tau_powers_g2[1] = bad.verifier.tau_powers_g2[0];
        assert!(bad.check_consistency().is_err());
        let mut bad = setup;
        bad.powers_g1.pop();
        assert!(bad.check_consistency().is_err());
    }

    #[test]
    fn division_is_exact() {
        let coeffs: Vec<Fr> = (0..9u64).map(|i| Fr::from(3 * i + 1)).collect();
        let x = Fr::from(5u64);
        let q = divide_by_linear(&coeffs, x);
        let z = Fr::from(77u64);
        let lhs = evaluate_univariate(&coeffs, z) - evaluate_univariate(&coeffs, x);
        assert_eq!(lhs, (z - x) * evaluate_univariate(&q, z));
    }

    #[test]
    fn chunked_evaluation_matches_horner() {
        let coeffs: Vec<Fr> = (0..(1u64 << 15) + 3).map(Fr::from).collect();
        let x = Fr::from(3u64);
        let horner = coeffs.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
        assert_eq!(evaluate_univariate(&coeffs, x), horner);
    }
}
