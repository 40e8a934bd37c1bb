//! Sort: input `n` (u32); sorts `n` pseudo-random u32 (xorshift32 from a fixed seed) with
//! `slice::sort_unstable` (alloc `Vec`); output (min, median, max, checksum) where the
//! checksum is Σ (i + 1)·v_i mod 2^32 over the sorted values (it depends on the order).
#![cfg_attr(target_os = "none", no_std, no_main)]

extern crate alloc;

use alloc::vec::Vec;

fn sort(n: u32) -> (u32, u32, u32, u32) {
    let mut state = 0x2545_f491u32;
    let mut values: Vec<u32> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        })
        .collect();
    values.sort_unstable();
    let checksum = values.iter().enumerate().fold(0u32, |acc, (i, &v)| {
        acc.wrapping_add((i as u32 + 1).wrapping_mul(v))
    });
    match (values.first(), values.last()) {
        (Some(&min), Some(&max)) => (min, values[values.len() / 2], max, checksum),
        _ => (0, 0, 0, 0),
    }
}

jolt_guest::entry!(sort, heap = 32 * 1024);
