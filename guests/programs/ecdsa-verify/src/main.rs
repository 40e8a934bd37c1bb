//! secp256k1 ECDSA verification (RustCrypto `k256`): input `n` (u32); verifies a fixed
//! signature over a fixed message `n` times (SHA-256 prehash, as `k256`'s `Verifier` does);
//! output how many verified. The key, message and signature are constants (from the
//! deterministic RFC 6979 signature of the key 0x0101…01, checked by this crate's native test).
#![cfg_attr(target_os = "none", no_std, no_main)]

use k256::ecdsa::signature::Verifier;
use k256::ecdsa::{Signature, VerifyingKey};

/// The message signed.
pub const MESSAGE: &[u8] = b"zkVM benchmark: secp256k1 ECDSA verification";
/// SEC1 compressed public key of the secret key [1; 32].
pub const PUBLIC_KEY: [u8; 33] = [
    3, 27, 132, 197, 86, 123, 18, 100, 64, 153, 93, 62, 213, 170, 186, 5, 101, 215, 30, 24, 52, 96,
    72, 25, 255, 156, 23, 245, 233, 213, 221, 7, 143,
];
/// The signature (r ‖ s) of `MESSAGE` under that key.
pub const SIGNATURE: [u8; 64] = [
    44, 184, 123, 202, 146, 182, 69, 107, 9, 7, 9, 75, 35, 144, 173, 161, 102, 221, 184, 9, 133,
    165, 12, 19, 41, 24, 101, 47, 228, 92, 218, 237, 64, 170, 15, 121, 64, 111, 252, 4, 8, 215, 73,
    120, 186, 145, 175, 27, 178, 78, 111, 119, 223, 192, 52, 4, 173, 89, 100, 15, 158, 60, 230,
    201,
];

fn verify(n: u32) -> u32 {
    let key = VerifyingKey::from_sec1_bytes(&PUBLIC_KEY).expect("a valid public key");
    let signature = Signature::from_slice(&SIGNATURE).expect("a valid signature encoding");
    (0..n)
        .filter(|_| key.verify(MESSAGE, &signature).is_ok())
        .count() as u32
}

jolt_guest::entry!(verify, heap = 0);

#[cfg(all(test, not(target_os = "none")))]
mod tests {
    use super::*;
    use k256::ecdsa::signature::Signer;
    use k256::ecdsa::SigningKey;

    /// The constants are the deterministic signature of `MESSAGE` under the key [1; 32].
    #[test]
    fn constants_are_the_signature_of_the_message() {
        let secret = SigningKey::from_slice(&[1u8; 32]).unwrap();
        let public = secret.verifying_key().to_sec1_point(true);
        let signature: Signature = secret.sign(MESSAGE);
        assert_eq!(
            public.as_bytes(),
            PUBLIC_KEY.as_slice(),
            "{:?}",
            public.as_bytes()
        );
        assert_eq!(
            signature.to_bytes().as_slice(),
            SIGNATURE.as_slice(),
            "{:?}",
            signature.to_bytes().as_slice()
        );
        assert_eq!(verify(2), 2);
    }
}
