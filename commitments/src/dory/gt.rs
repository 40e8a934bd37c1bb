//! The target group `GT ⊂ Fq12*` of the BN254 pairing, as Dory's commitments and proofs
//! carry it, and the pairing helpers the prover and verifier share.
//!
//! **Membership.** `GT` is the subgroup of order `r` inside the cyclotomic subgroup
//! `G_Φ12 = {x : x^{Φ12(p)} = 1}`, `Φ12(p) = p⁴ − p² + 1 = r·h` with `r ∤ h`. Deserializing a
//! [`GtElement`] checks only `x ≠ 0` and `x ∈ G_Φ12` (`x^{p⁴}·x = x^{p²}`: two Frobenius maps
//! and a multiplication), which is what arkworks' GT arithmetic (cyclotomic squaring,
//! conjugation as inverse) needs to be exact. The verifier checks `x^r = 1` for every element it
//! did not compute itself ([`is_in_gt`]) once its equations hold, with the BN identity
//! `p = r + 6u²`: `x^r = 1 ⇔ x^p = x^{6u²}`, a Frobenius map and a 128-bit exponentiation
//! instead of a 254-bit one. Rejected proofs (every tampered one) never pay for it.

use ark_bn254::{Bn254, Fq12, G1Affine, G2Affine};
use ark_ec::pairing::{Pairing, PairingOutput};
use ark_ff::{CyclotomicMultSubgroup, Field, Zero};
use ark_serialize::{
    CanonicalDeserialize, CanonicalSerialize, Compress, SerializationError, Valid, Validate,
};
use std::io::{Read, Write};

/// `GT` written additively, as arkworks does (`a + b` is the `Fq12` product, `k·a` is `a^k`).
pub type Gt = PairingOutput<Bn254>;

/// `6u²` for the BN254 parameter `u = 4965661367192848881`, as two little-endian limbs
/// (`p − r = 6u²`).
pub const SIX_U_SQUARED: [u64; 2] = [17887900258952609094, 8020209761171036667];

/// A `GT` element in a commitment, a proof or a setup: 384 bytes (the `Fq12` encoding, the same
/// compressed or not); deserialization accepts only nonzero elements of the cyclotomic subgroup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GtElement(pub Gt);

impl From<Gt> for GtElement {
    fn from(x: Gt) -> Self {
        GtElement(x)
    }
}

/// `x ∈ G_Φ12`: `x^{p⁴}·x = x^{p²}` (and `x ≠ 0`).
pub fn is_cyclotomic(x: &Fq12) -> bool {
    !x.is_zero() && x.frobenius_map(4) * x == x.frobenius_map(2)
}

/// `x ∈ GT` for `x ∈ G_Φ12`: `x^p = x^{6u²}`, i.e. `x^r = 1`.
pub fn is_in_gt(x: &Gt) -> bool {
    is_cyclotomic(&x.0) && x.0.frobenius_map(1) == x.0.cyclotomic_exp(SIX_U_SQUARED)
}

impl CanonicalSerialize for GtElement {
    fn serialize_with_mode<W: Write>(
        &self,
        writer: W,
        compress: Compress,
    ) -> Result<(), SerializationError> {
        self.0 .0.serialize_with_mode(writer, compress)
    }

    fn serialized_size(&self, compress: Compress) -> usize {
        self.0 .0.serialized_size(compress)
    }
}

impl Valid for GtElement {
    fn check(&self) -> Result<(), SerializationError> {
        if is_cyclotomic(&self.0 .0) {
            Ok(())
        } else {
            Err(SerializationError::InvalidData)
        }
    }
}

impl CanonicalDeserialize for GtElement {
    fn deserialize_with_mode<R: Read>(
        reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        let x = GtElement(PairingOutput(Fq12::deserialize_with_mode(
            reader, compress, validate,
        )?));
        if validate == Validate::Yes {
            x.check()?;
        }
        Ok(x)
    }
}

/// `Σ_i e(a_i, b_i)`: one multi-Miller loop (parallel inside arkworks) and one final
/// exponentiation. Identity points contribute nothing.
pub fn inner_pairing_product<B: Into<<Bn254 as Pairing>::G2Prepared>>(
    a: &[G1Affine],
    b: impl IntoIterator<Item = B>,
) -> Gt {
    Bn254::multi_pairing(a.iter().copied(), b)
}

/// `e(a, b)` for one pair.
pub fn pairing(a: G1Affine, b: G2Affine) -> Gt {
    Bn254::pairing(a, b)
}
