//! Fibonacci: input `n` (u32), output F(n) mod 2^64 (u64), by the plain loop.
#![cfg_attr(target_os = "none", no_std, no_main)]

fn fibonacci(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let next = a.wrapping_add(b);
        a = b;
        b = next;
    }
    a
}

jolt_guest::entry!(fibonacci, heap = 0);
