//! The target group `GT ⊂ Fq12*` of the BN254 pairing, as Dory's commitments and proofs
//! carry it, and the pairing helpers the prover and verifier share.
//!
//! **Membership.** `GT` is the subgroup of order `r` inside the cyclotomic subgroup
//! `G_Φ12 = {x : x^{Φ12(p)} = 1}`, `Φ12(p) = p⁴ − p² + 1 = r·h` with `r ∤ h`. Deserializing a
//! [`GtElement`] checks only `x ≠ 0` and `x ∈ G_Φ12` (`x^{p⁴}·x = x^{p²}`: two Frobenius maps
//! and a multiplication), which is what arkworks' GT arithmetic (cyclotomic squaring,
//! conjugation as inverse) needs to be exact. The verifier checks `x^r = 1` for every element it
//! did not compute itself ([`is_in_gt`]) once its equations hold. `x^r = 1` costs a 254-bit
//! exponentiation; instead, with the BN parameter `u`, the exponent
//! `e = (u + 1) + u·p + u·p² − 2u·p³` is a multiple of `r` with `gcd(e, Φ12(p)) = r`, so on
//! `G_Φ12`, `x^r = 1 ⇔ x^e = 1 ⇔ y·x·y^p·y^{p²} = (y²)^{p³}` for `y = x^u`: one 63-bit
//! exponentiation and three Frobenius maps. Rejected proofs (every tampered one) never pay
//! for it.

use ark_bn254::{Bn254, Fq12, G1Affine, G2Affine};
use ark_ec::pairing::{Pairing, PairingOutput};
use ark_ff::{CyclotomicMultSubgroup, Field, Zero};
use ark_serialize::{
    CanonicalDeserialize, CanonicalSerialize, Compress, SerializationError, Valid, Validate,
};
use std::io::{Read, Write};

/// `GT` written additively, as arkworks does (`a + b` is the `Fq12` product, `k·a` is `a^k`).
pub type Gt = PairingOutput<Bn254>;

/// The BN254 parameter `u` (`p = 36u⁴ + 36u³ + 24u² + 6u + 1`).
pub const BN_U: u64 = 4965661367192848881;

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

/// `x ∈ GT`: `x ∈ G_Φ12` and `x^e = 1` for `e = (u + 1) + u·p + u·p² − 2u·p³` (see the
/// module docs), i.e. `y·x·y^p·y^{p²} = (y²)^{p³}` with `y = x^u`.
pub fn is_in_gt(x: &Gt) -> bool {
    let x = &x.0;
    if !is_cyclotomic(x) {
        return false;
    }
    let y = x.cyclotomic_exp([BN_U]);
    y * x * y.frobenius_map(1) * y.frobenius_map(2) == y.cyclotomic_square().frobenius_map(3)
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

/// A G2 point in a proof. Deserialization checks only that it is on the twist (which
/// decompression ensures anyway); G2 has a large cofactor, and the subgroup check (a 128-bit
/// scalar multiplication) runs in the verifier after its equations hold, like [`is_in_gt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct G2Element(pub G2Affine);

impl CanonicalSerialize for G2Element {
    fn serialize_with_mode<W: Write>(
        &self,
        writer: W,
        compress: Compress,
    ) -> Result<(), SerializationError> {
        self.0.serialize_with_mode(writer, compress)
    }

    fn serialized_size(&self, compress: Compress) -> usize {
        self.0.serialized_size(compress)
    }
}

impl Valid for G2Element {
    fn check(&self) -> Result<(), SerializationError> {
        if self.0.is_on_curve() {
            Ok(())
        } else {
            Err(SerializationError::InvalidData)
        }
    }
}

impl CanonicalDeserialize for G2Element {
    fn deserialize_with_mode<R: Read>(
        reader: R,
        compress: Compress,
        validate: Validate,
    ) -> Result<Self, SerializationError> {
        let p = G2Element(G2Affine::deserialize_with_mode(
            reader,
            compress,
            Validate::No,
        )?);
        if validate == Validate::Yes {
            p.check()?;
        }
        Ok(p)
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
