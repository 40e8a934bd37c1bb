//! The zkVM's memories as Twist and Shout instances (DESIGN §10), built from a real
//! [`Trace`]: the step towards the second memory-checking backend. Each function returns the
//! parameters and the witness the standalone protocols take.
//!
//! - **Registers**: Twist with `K = 2^{⌈log2(32 + virtual registers)⌉}` cells, two reads
//!   (`rs1`, `rs2`) and one write (`rd`, with the value after the step; rows without a write
//!   write x0 with 0) per step, starting from the loader's registers (`sp` set).
//! - **RAM**: Twist over the whole witness address space (registers, I/O region, RAM), one
//!   read and one write per step at the step's word operation; a step without one reads and
//!   writes cell 0 (x0, which the RAM never touches otherwise) with 0. The public I/O region
//!   is the output check's region.
//! - **Bytecode**: Shout over the bytecode table's rows, each row's field tuple compressed
//!   with powers of `β`; the read address is the step's row index.
//!
//! Padding steps (up to `T = 2^{log T}`) read and write x0 and read the padding bytecode row.

use ark_ff::PrimeField;

use super::one_hot::OneHotAddresses;
use super::shout::ShoutParams;
use super::twist::{TwistParams, TwistWitness};
use crate::vm::{RamOpKind, Trace};
use crate::zkvm::bytecode_table::BytecodeTable;
use crate::zkvm::statement::compress_tuple;

/// `(log N, d)` with `d·log N ≥ log_k`, chunks of at most 8 bits.
pub fn chunking(log_k: usize) -> (usize, usize) {
    let log_k = log_k.max(1);
    let d = log_k.div_ceil(8);
    (log_k.div_ceil(d), d)
}

fn log2_ceil(n: usize) -> usize {
    n.next_power_of_two().trailing_zeros() as usize
}

/// The register file's Twist instance: `initial` is the initial memory (its first
/// `num_registers` words are the registers).
pub fn register_twist<F: PrimeField>(
    trace: &Trace,
    initial: &[u32],
    num_registers: usize,
    log_t: usize,
) -> (TwistParams, TwistWitness<F>) {
    let (log_n, d) = chunking(log2_ceil(num_registers));
    let params = TwistParams {
        log_n,
        d,
        log_t,
        num_reads: 2,
    };
    let t = 1usize << log_t;
    let mut init = vec![F::zero(); 1 << params.log_k()];
    for (cell, &w) in init.iter_mut().zip(&initial[..num_registers]) {
        *cell = F::from(w);
    }
    let mut rs1 = vec![0u64; t];
    let mut rs2 = vec![0u64; t];
    let mut rd = vec![0u64; t];
    let mut values = vec![F::zero(); t];
    for (j, s) in trace.steps.iter().enumerate() {
        rs1[j] = s.row.rs1 as u64;
        rs2[j] = s.row.rs2 as u64;
        rd[j] = s.row.rd as u64;
        values[j] = F::from(s.rd_after);
    }
    let witness = TwistWitness::from_run(init, vec![rs1, rs2], rd, &values);
    (params, witness)
}

/// The RAM's Twist instance over the whole witness address space, from the initial memory
/// `initial` (all words).
pub fn ram_twist<F: PrimeField>(
    trace: &Trace,
    initial: &[u32],
    log_t: usize,
) -> (TwistParams, TwistWitness<F>) {
    let (log_n, d) = chunking(log2_ceil(initial.len()));
    let params = TwistParams {
        log_n,
        d,
        log_t,
        num_reads: 1,
    };
    let t = 1usize << log_t;
    let mut init = vec![F::zero(); 1 << params.log_k()];
    for (cell, &w) in init.iter_mut().zip(initial) {
        *cell = F::from(w);
    }
    let mut addresses = vec![0u64; t];
    let mut values = vec![F::zero(); t];
    for (j, s) in trace.steps.iter().enumerate() {
        if s.ram.kind != RamOpKind::None {
            addresses[j] = s.ram.address as u64;
            values[j] = F::from(s.ram.write);
        }
    }
    let witness = TwistWitness::from_run(init, vec![addresses.clone()], addresses, &values);
    (params, witness)
}

/// The bytecode reads: each step's row index, padded with the table's padding row.
pub fn bytecode_addresses(trace: &Trace, padding_row: usize, log_t: usize) -> Vec<u64> {
    let mut addresses = vec![padding_row as u64; 1 << log_t];
    for (a, s) in addresses.iter_mut().zip(&trace.steps) {
        *a = s.bytecode_index as u64;
    }
    addresses
}

/// The bytecode's Shout instance: the table `Val(k) = Σ_f β^f·field_f(row k)` (zero-padded
/// to `2^{d·log N}` rows) and the one-hot chunks of each step's row index.
pub fn bytecode_shout<F: PrimeField>(
    trace: &Trace,
    table: &BytecodeTable,
    beta: &[F],
    log_t: usize,
) -> (ShoutParams, Vec<F>, OneHotAddresses<F>) {
    let (log_n, d) = chunking(table.log_size());
    let params = ShoutParams { log_n, d, log_t };
    let mut values: Vec<F> = table
        .rows
        .iter()
        .map(|row| compress_tuple(beta, row))
        .collect();
    values.resize(1 << params.log_k(), F::zero());
    let addresses = bytecode_addresses(trace, table.padding_row, log_t);
    let ra = OneHotAddresses::encode(&addresses, log_n, d).expect("row indices below the table");
    (params, values, ra)
}
