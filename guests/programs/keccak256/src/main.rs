//! Keccak-256 (RustCrypto `sha3`, the Ethereum hash) of an `n`-byte message: input `n` (u32), output the digest
//! ([u8; 32]). The message is generated in the guest (byte i = i mod 251) and hashed in
//! 256-byte pieces, so it needs no heap and no input bytes: `n` may be far above the 4 KiB
//! input limit.
#![cfg_attr(target_os = "none", no_std, no_main)]

use sha3::{Digest, Keccak256};

fn keccak256(n: u32) -> [u8; 32] {
    let mut hasher = Keccak256::new();
    let mut piece = [0u8; 256];
    let mut done = 0u32;
    while done < n {
        let len = (n - done).min(piece.len() as u32) as usize;
        for (k, b) in piece[..len].iter_mut().enumerate() {
            *b = ((done as usize + k) % 251) as u8;
        }
        hasher.update(&piece[..len]);
        done += len as u32;
    }
    hasher.finalize().into()
}

jolt_guest::entry!(keccak256, heap = 0);
