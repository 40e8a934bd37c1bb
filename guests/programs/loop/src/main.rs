//! A plain loop: input `n` (u32), `n` iterations of an add whose operand the compiler cannot
//! fold (`black_box`); output the sum (u32). About 4 instructions per iteration: the
//! smallest per-step cost, a baseline for every other program.
#![cfg_attr(target_os = "none", no_std, no_main)]

fn count(n: u32) -> u32 {
    let mut sum = 0u32;
    for i in 0..n {
        sum = sum.wrapping_add(core::hint::black_box(i));
    }
    sum
}

jolt_guest::entry!(count, heap = 0);
