//! Dory's transparent public parameters: the generators, hashed to the curves from a public
//! label, and the verifier's `O(log N)` pairing values computed from them.
//!
//! - `Γ1 ∈ G1^{2^m}`: Hyrax's generators ([`crate::hyrax`]), so tier-1 row commitments are
//!   exactly Hyrax commitments; `m = ⌈max_num_vars/2⌉`.
//! - `Γ2 ∈ G2^{2^m}` and `Γ2,fin ∈ G2`: [`hash_to_g2`] under distinct labels.
//! - For `k = 0..=m`: `χ_k = ⟨Γ1[..2^k), Γ2[..2^k)⟩`; for `k = 1..=m`:
//!   `Δ1R_k = ⟨Γ1[2^{k−1}..2^k), Γ2[..2^{k−1})⟩`, `Δ2R_k = ⟨Γ1[..2^{k−1}), Γ2[2^{k−1}..2^k)⟩`
//!   (`Δ1L_k = Δ2L_k = χ_{k−1}`). About `3·2^m` Miller loops and `3m + 1` final exponentiations.

use super::gt::{inner_pairing_product, GtElement};
use crate::error::PcsError;
use crate::hyrax::{Hyrax, HyraxSetup};
use crate::traits::CommitmentScheme;
use ark_bn254::{Fq, Fq2, G1Affine, G1Projective, G2Affine};
use ark_ec::{AdditiveGroup, AffineRepr, CurveGroup};
use ark_ff::PrimeField;
use ark_serialize::{
    CanonicalDeserialize, CanonicalSerialize, Compress, SerializationError, Valid, Validate,
};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use rayon::prelude::*;
use std::io::{Read, Write};
use std::sync::OnceLock;
use sumcheck::{MerlinTranscript, Transcript};

/// The verifier's parameters: `O(m)` group elements, `m = ⌈max_num_vars/2⌉`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct DoryVerifierSetup {
    /// The largest number of variables supported.
    pub max_num_vars: u64,
    /// `m`: log2 of the number of matrix columns (and of generators).
    pub log_columns: u64,
    /// `Γ1_0`.
    pub gamma1_0: G1Affine,
    /// `Γ2_0`.
    pub gamma2_0: G2Affine,
    /// `Γ2,fin`, the base the combined row `v` is lifted onto (`v2 = v·Γ2,fin`).
    pub gamma2_fin: G2Affine,
    /// `χ_k = ⟨Γ1^{(k)}, Γ2^{(k)}⟩` for `k = 0..=m`.
    pub chi: Vec<GtElement>,
    /// `Δ1R_k = ⟨Γ1[2^{k−1}..2^k), Γ2^{(k−1)}⟩` for `k = 1..=m` (entry `k − 1`).
    pub delta1_right: Vec<GtElement>,
    /// `Δ2R_k = ⟨Γ1^{(k−1)}, Γ2[2^{k−1}..2^k)⟩` for `k = 1..=m` (entry `k − 1`).
    pub delta2_right: Vec<GtElement>,
}

/// The prover's parameters: the generators and the verifier's part (serialized in that
/// order), plus a table derived from `Γ1` on first use.
#[derive(Clone, Debug)]
pub struct DorySetup {
    /// `Γ1` and the matrix layout (`2^m` columns), shared with Hyrax.
    pub tier1: HyraxSetup,
    /// `Γ2_0, …, Γ2_{2^m − 1}`.
    pub gamma2: Vec<G2Affine>,
    /// The verifier's part.
    pub verifier: DoryVerifierSetup,
    /// `256^w·Γ1_j` at index `32j + w` ([`DorySetup::byte_table`]); not serialized.
    byte_table: OnceLock<Vec<G1Affine>>,
}

impl PartialEq for DorySetup {
    fn eq(&self, other: &Self) -> bool {
        (&self.tier1, &self.gamma2, &self.verifier)
            == (&other.tier1, &other.gamma2, &other.verifier)
    }
}

impl Eq for DorySetup {}

impl CanonicalSerialize for DorySetup {
    fn serialize_with_mode<W: Write>(
        &self,
        mut writer: W,
        compress: Compress,
    ) -> Result<(), SerializationError> {
        self.tier1.serialize_with_mode(&mut writer, compress)?;
        self.gamma2.serialize_with_mode(&mut writer, compress)?;
        self.verifier.serialize_with_mode(&mut writer, compress)
    }

    fn serialized_size(&self, compress: Compress) -> usize {
        self.tier1.serialized_size(compress)
            + self.gamma2.serialized_size(compress)
            + self.verifier.serialized_size(compress)
    }
}

impl Valid for DorySetup {
    fn check(&self) -> Result<(), SerializationError> {
        self.tier1.check()?;
        self.gamma2.check()?;
        self.verifier.check()
    }
}

impl CanonicalDeserialize for DorySetup {
    fn deserialize_with_mode<R: Read>(
        mut reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        Ok(DorySetup {
            tier1: HyraxSetup::deserialize_with_mode(&mut reader, compress, validate)?,
            gamma2: Vec::deserialize_with_mode(&mut reader, compress, validate)?,
            verifier: DoryVerifierSetup::deserialize_with_mode(&mut reader, compress, validate)?,
            byte_table: OnceLock::new(),
        })
    }
}

/// The public label every Dory generator is hashed from.
const LABEL: &[u8] = b"dory-bn254-v1";

/// Hashes `(LABEL, role, seed, index)` with Merlin (STROBE/Keccak) to a ChaCha20 key, draws
/// `x ∈ Fq2` until `x³ + b'` is a square, and clears the cofactor of the twist (G2 has a large
/// cofactor); the identity is skipped. Nobody knows a discrete-log relation between outputs.
pub fn hash_to_g2(role: &'static [u8], seed: u64, index: u64) -> G2Affine {
    let mut t = MerlinTranscript::new(b"dory-generators");
    t.append_message(b"label", LABEL);
    t.append_message(b"role", role);
    t.append_u64(b"seed", seed);
    t.append_u64(b"index", index);
    let mut key = [0u8; 32];
    t.challenge_bytes(b"chacha-key", &mut key);
    let mut rng = ChaCha20Rng::from_seed(key);
    let mut coordinate = || {
        let mut bytes = [0u8; 48];
        rng.fill_bytes(&mut bytes);
        Fq::from_le_bytes_mod_order(&bytes)
    };
    loop {
        let x = Fq2::new(coordinate(), coordinate());
        let greatest = coordinate().into_bigint().0[0] & 1 == 1;
        if let Some(p) = G2Affine::get_point_from_x_unchecked(x, greatest) {
            let q = p.clear_cofactor();
            if !q.is_zero() {
                return q;
            }
        }
    }
}

/// `Γ1` (Hyrax's generators for `seed`), `Γ2` and `Γ2,fin`.
fn generators(max_num_vars: usize, seed: u64) -> (HyraxSetup, Vec<G2Affine>, G2Affine) {
    let tier1 = Hyrax::insecure_test_setup(max_num_vars, seed);
    let gamma2 = (0..tier1.generators.len() as u64)
        .into_par_iter()
        .map(|i| hash_to_g2(b"gamma2", seed, i))
        .collect();
    (tier1, gamma2, hash_to_g2(b"gamma2_fin", seed, 0))
}

/// `χ_0..=χ_m`, `Δ1R_1..=m`, `Δ2R_1..=m` from the generators (`2^m` each).
fn precompute(
    g1: &[G1Affine],
    g2: &[G2Affine],
) -> (Vec<GtElement>, Vec<GtElement>, Vec<GtElement>) {
    let m = g1.len().trailing_zeros() as usize;
    let block = |a: &[G1Affine], b: &[G2Affine]| inner_pairing_product(a, b.iter().copied());
    // χ_k = χ_{k−1} + ⟨Γ1[2^{k−1}..2^k), Γ2[2^{k−1}..2^k)⟩: one Miller loop per generator pair.
    let mut chi = vec![GtElement(block(&g1[..1], &g2[..1]))];
    let mut delta1 = Vec::with_capacity(m);
    let mut delta2 = Vec::with_capacity(m);
    for k in 1..=m {
        let (lo, hi) = (0..1usize << (k - 1), 1usize << (k - 1)..1usize << k);
        let diagonal = block(&g1[hi.clone()], &g2[hi.clone()]);
        chi.push(GtElement(chi[k - 1].0 + diagonal));
        delta1.push(GtElement(block(&g1[hi.clone()], &g2[lo.clone()])));
        delta2.push(GtElement(block(&g1[lo], &g2[hi])));
    }
    (chi, delta1, delta2)
}

fn verifier_part(
    tier1: &HyraxSetup,
    gamma2: &[G2Affine],
    gamma2_fin: G2Affine,
) -> DoryVerifierSetup {
    let (chi, delta1_right, delta2_right) = precompute(&tier1.generators, gamma2);
    DoryVerifierSetup {
        max_num_vars: tier1.max_num_vars,
        log_columns: tier1.log_columns,
        gamma1_0: tier1.generators[0],
        gamma2_0: gamma2[0],
        gamma2_fin,
        chi,
        delta1_right,
        delta2_right,
    }
}

impl DorySetup {
    /// The transparent setup for polynomials of up to `max_num_vars` variables: generators
    /// hashed from the public label and `seed`, then the verifier's values.
    pub fn new(max_num_vars: usize, seed: u64) -> Self {
        let (tier1, gamma2, gamma2_fin) = generators(max_num_vars, seed);
        let verifier = verifier_part(&tier1, &gamma2, gamma2_fin);
        DorySetup {
            tier1,
            gamma2,
            verifier,
            byte_table: OnceLock::new(),
        }
    }

    /// `256^w·Γ1_j` for every generator `j` and byte position `w < 32`, at index `32j + w`,
    /// built on first use (`32·2^m` points, 2 MiB at `m = 10`). A row of full field elements
    /// `Σ_j s_j·Γ1_j` is then `Σ_{j,w} byte_w(s_j)·256^w·Γ1_j`: one `msm_u8` over `32·2^m`
    /// bytes, with no doublings, about 1.2–1.6× faster than a full-scalar MSM of `2^m`.
    pub fn byte_table(&self) -> &[G1Affine] {
        self.byte_table.get_or_init(|| {
            let table: Vec<G1Projective> = self
                .tier1
                .generators
                .par_iter()
                .flat_map_iter(|g| {
                    let mut q: G1Projective = (*g).into();
                    (0..32).map(move |_| {
                        let p = q;
                        for _ in 0..8 {
                            q.double_in_place();
                        }
                        p
                    })
                })
                .collect();
            G1Projective::normalize_batch(&table)
        })
    }

    /// The verifier's part of [`DorySetup::new`] with the same arguments, without keeping
    /// the generators (the verifier needs `O(m)` values but must hash `2^m` points to get them).
    pub fn verifier_only(max_num_vars: usize, seed: u64) -> DoryVerifierSetup {
        let (tier1, gamma2, gamma2_fin) = generators(max_num_vars, seed);
        verifier_part(&tier1, &gamma2, gamma2_fin)
    }

    /// Checks every relation of a well-formed setup: the layout, `2^m` non-identity
    /// generators in each group, and the verifier's values recomputed from them.
    pub fn check(&self) -> Result<(), PcsError> {
        self.tier1.check_shape()?;
        let v = &self.verifier;
        if self.gamma2.len() != self.tier1.generators.len() {
            return Err(PcsError::InvalidSetup(
                "Γ2 must have 2^log_columns elements",
            ));
        }
        if self.gamma2.iter().any(|g| g.is_zero()) || v.gamma2_fin.is_zero() {
            return Err(PcsError::InvalidSetup("a G2 generator is the identity"));
        }
        if v.max_num_vars != self.tier1.max_num_vars || v.log_columns != self.tier1.log_columns {
            return Err(PcsError::InvalidSetup("verifier and prover layouts differ"));
        }
        if *v != verifier_part(&self.tier1, &self.gamma2, v.gamma2_fin) {
            return Err(PcsError::InvalidSetup(
                "χ, Δ1R, Δ2R or Γ_0 do not match the generators",
            ));
        }
        Ok(())
    }
}

impl DoryVerifierSetup {
    /// Checks the shape a verifier relies on before indexing: `m = ⌈max_num_vars/2⌉ ≤ 32`,
    /// `m + 1` values `χ` and `m` of each `Δ`.
    pub fn check_shape(&self) -> Result<(), PcsError> {
        let m = self.log_columns;
        if m > 32 || m != self.max_num_vars.div_ceil(2) {
            return Err(PcsError::InvalidSetup(
                "log_columns must be ⌈max_num_vars/2⌉ ≤ 32",
            ));
        }
        if self.chi.len() as u64 != m + 1
            || self.delta1_right.len() as u64 != m
            || self.delta2_right.len() as u64 != m
        {
            return Err(PcsError::InvalidSetup(
                "the verifier needs m + 1 values χ and m values Δ1R, Δ2R",
            ));
        }
        Ok(())
    }

    /// `(row variables, column variables)` of a polynomial with `n` variables: `2^m` columns,
    /// or one row of `2^n` when `n < m`.
    pub fn shape(&self, n: usize) -> (usize, usize) {
        let columns = n.min(self.log_columns as usize);
        (n - columns, columns)
    }
}
