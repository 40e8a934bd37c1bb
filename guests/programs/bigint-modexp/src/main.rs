//! Big-integer modular exponentiation (`num-bigint`): input `bits` (u32); computes
//! `3^e mod p` for the 255-bit prime `p = 2^255 − 19` and an exponent `e` of `bits` bits
//! (all ones: the worst case of square-and-multiply). Output the result, 32 bytes little-endian.
#![cfg_attr(target_os = "none", no_std, no_main)]

extern crate alloc;

use num_bigint::BigUint;

fn modexp(bits: u32) -> [u8; 32] {
    let p = (BigUint::from(1u32) << 255u32) - BigUint::from(19u32);
    let e = (BigUint::from(1u32) << bits) - BigUint::from(1u32);
    let r = BigUint::from(3u32).modpow(&e, &p);
    let mut out = [0u8; 32];
    let bytes = r.to_bytes_le();
    out[..bytes.len()].copy_from_slice(&bytes);
    out
}

jolt_guest::entry!(modexp, heap = 32 * 1024);
