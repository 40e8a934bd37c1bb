//! Twist and Shout on real guest traces: registers, RAM (with the public I/O region as the
//! output check) and bytecode, each claim taken from the trace's own columns (what the CPU
//! constraints read), and lies in the trace rejected by the check that names them.

use ark_bn254::Fr;
use ark_ff::{One, UniformRand};
use ark_std::rand::rngs::StdRng;
use ark_std::rand::SeedableRng;
use sumcheck::{EqPolynomial, MerlinTranscript, Transcript};

use super::vm::{bytecode_addresses, bytecode_shout, ram_twist, register_twist};
use super::*;
use crate::vm::{trace, LayoutConfig, Memory, Program, RamOpKind, RunOptions, Trace};
use crate::zkvm::bytecode_table::BytecodeTable;

fn mle(values: impl Iterator<Item = Fr>, r: &[Fr]) -> Fr {
    EqPolynomial::evals(r)
        .iter()
        .zip(values)
        .map(|(e, v)| *e * v)
        .sum()
}

struct Run {
    program: Program,
    trace: Trace,
    initial: Vec<u32>,
    log_t: usize,
    r_cycle: Vec<Fr>,
}

fn run_fib(n: u32) -> Run {
    let program = Program::load(crate::guests::FIB_ELF, &LayoutConfig::default()).unwrap();
    let input = n.to_le_bytes();
    let trace = trace(&program, &input, &RunOptions::default()).unwrap();
    let initial = Memory::initial(&program, &input).unwrap().words;
    let log_t = (trace.steps.len() + 1).next_power_of_two().trailing_zeros() as usize;
    let mut rng = StdRng::seed_from_u64(n as u64);
    let r_cycle = (0..log_t).map(|_| Fr::rand(&mut rng)).collect();
    Run {
        program,
        trace,
        initial,
        log_t,
        r_cycle,
    }
}

/// Claims from the trace's columns: `(rv_f..., wv, raf_f..., raf_w)`, padded with zeros.
fn claims(
    run: &Run,
    reads: &[Vec<u64>],
    read_values: &[Vec<u64>],
    writes: &[u64],
    written: &[u64],
) -> Vec<Fr> {
    let r = &run.r_cycle;
    let f = |v: &[u64]| mle(v.iter().map(|&x| Fr::from(x)), r);
    let mut out: Vec<Fr> = read_values.iter().map(|v| f(v)).collect();
    out.push(f(written));
    out.extend(reads.iter().map(|a| f(a)));
    out.push(f(writes));
    out
}

/// `(read addresses, read values, write addresses, written values)` of a memory.
type AccessColumns = (Vec<Vec<u64>>, Vec<Vec<u64>>, Vec<u64>, Vec<u64>);

fn register_columns(run: &Run) -> AccessColumns {
    let t = 1 << run.log_t;
    let mut cols = vec![vec![0u64; t]; 6];
    for (j, s) in run.trace.steps.iter().enumerate() {
        cols[0][j] = s.row.rs1 as u64;
        cols[1][j] = s.row.rs2 as u64;
        cols[2][j] = s.rs1_value as u64;
        cols[3][j] = s.rs2_value as u64;
        cols[4][j] = s.row.rd as u64;
        cols[5][j] = s.rd_after as u64;
    }
    (
        vec![cols[0].clone(), cols[1].clone()],
        vec![cols[2].clone(), cols[3].clone()],
        cols[4].clone(),
        cols[5].clone(),
    )
}

fn verify_registers(run: &Run) -> Result<(), TwistError> {
    let regs = run.program.layout().num_register_words() as usize;
    let (params, w) = register_twist::<Fr>(&run.trace, &run.initial, regs, run.log_t);
    let region = OutputRegion {
        start: 0,
        values: vec![],
    };
    let (proof, _) = prove_twist(
        &params,
        &w,
        &run.r_cycle,
        &region,
        &mut MerlinTranscript::new(b"vm"),
    );
    let (reads, read_values, writes, written) = register_columns(run);
    let c = claims(run, &reads, &read_values, &writes, &written);
    let init: Vec<Fr> = run.initial[..regs].iter().map(|&x| Fr::from(x)).collect();
    let init_mle = |r: &[Fr]| {
        let eq = EqPolynomial::evals(r);
        init.iter().zip(&eq).map(|(v, e)| *v * e).sum()
    };
    let left = verify_twist(
        &params,
        &proof,
        init_mle,
        &run.r_cycle,
        &c,
        &region,
        &mut MerlinTranscript::new(b"vm"),
    )?;
    check_twist_claims(&params, &w, &left)
}

#[test]
fn registers_of_a_guest_run_pass_twist_with_the_trace_columns_as_claims() {
    let run = run_fib(30);
    assert_eq!(verify_registers(&run), Ok(()));
}

#[test]
fn a_register_read_the_file_does_not_hold_is_rejected() {
    let mut run = run_fib(30);
    let j = run
        .trace
        .steps
        .iter()
        .position(|s| s.row.rs1 != 0 && s.rs1_value != 0)
        .unwrap();
    run.trace.steps[j].rs1_value ^= 1;
    assert_eq!(verify_registers(&run), Err(TwistError::ReadWriteFinal));
}

fn verify_ram(run: &Run, expected_io: &[u32]) -> Result<(), TwistError> {
    let layout = run.program.layout();
    let (params, w) = ram_twist::<Fr>(&run.trace, &run.initial, run.log_t);
    let region = OutputRegion {
        start: layout.io_start() as usize,
        values: expected_io.iter().map(|&x| Fr::from(x)).collect(),
    };
    let (proof, _) = prove_twist(
        &params,
        &w,
        &run.r_cycle,
        &region,
        &mut MerlinTranscript::new(b"vm"),
    );
    let t = 1 << run.log_t;
    let (mut address, mut read, mut write) = (vec![0u64; t], vec![0u64; t], vec![0u64; t]);
    for (j, s) in run.trace.steps.iter().enumerate() {
        if s.ram.kind != RamOpKind::None {
            address[j] = s.ram.address as u64;
            read[j] = s.ram.read as u64;
            write[j] = s.ram.write as u64;
        }
    }
    let c = claims(run, &[address.clone()], &[read], &address, &write);
    let init_mle = |r: &[Fr]| mle(run.initial.iter().map(|&x| Fr::from(x)), r);
    let left = verify_twist(
        &params,
        &proof,
        init_mle,
        &run.r_cycle,
        &c,
        &region,
        &mut MerlinTranscript::new(b"vm"),
    )?;
    check_twist_claims(&params, &w, &left)
}

fn public_io(run: &Run, exit_code: u32) -> Vec<u32> {
    run.program
        .layout()
        .io_words(&run.trace_input(), &run.trace.output, exit_code, true)
        .unwrap()
}

impl Run {
    fn trace_input(&self) -> Vec<u8> {
        let io = self.program.layout().io_start() as usize;
        let len = self.initial[io] as usize;
        self.initial[io + 1..]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .take(len)
            .collect()
    }
}

#[test]
fn ram_of_a_guest_run_passes_twist_and_binds_the_public_io_region() {
    let run = run_fib(30);
    let io = public_io(&run, run.trace.exit_code);
    assert_eq!(verify_ram(&run, &io), Ok(()));
    // Claiming another exit code: the final I/O region differs.
    let wrong = public_io(&run, run.trace.exit_code ^ 1);
    assert_eq!(verify_ram(&run, &wrong), Err(TwistError::OutputFinal));
}

#[test]
fn a_ram_read_the_memory_does_not_hold_is_rejected() {
    let mut run = run_fib(30);
    let io = public_io(&run, run.trace.exit_code);
    let j = run
        .trace
        .steps
        .iter()
        .position(|s| s.ram.kind == RamOpKind::Read)
        .unwrap();
    run.trace.steps[j].ram.read += 1;
    run.trace.steps[j].ram.write += 1;
    assert_eq!(verify_ram(&run, &io), Err(TwistError::ReadWriteFinal));
}

#[test]
fn bytecode_reads_of_a_guest_run_pass_shout() {
    let run = run_fib(30);
    let table = BytecodeTable::new(run.program.bytecode());
    let mut rng = StdRng::seed_from_u64(3);
    let beta: Vec<Fr> = (0..crate::zkvm::bytecode_table::NUM_FIELDS)
        .map(|_| Fr::rand(&mut rng))
        .collect();
    let (params, values, ra) = bytecode_shout(&run.trace, &table, &beta, run.log_t);
    let addresses = bytecode_addresses(&run.trace, table.padding_row, run.log_t);
    let (proof, _) = prove_shout(
        &params,
        &ra,
        &values,
        &run.r_cycle,
        &mut MerlinTranscript::new(b"vm"),
    );
    let rv = mle(addresses.iter().map(|&a| values[a as usize]), &run.r_cycle);
    let raf = mle(addresses.iter().map(|&a| Fr::from(a)), &run.r_cycle);
    let table_mle = |r: &[Fr]| mle(values.iter().copied(), r);
    let check = |rv: Fr| {
        verify_shout(
            &params,
            &proof,
            table_mle,
            &run.r_cycle,
            rv,
            raf,
            &mut MerlinTranscript::new(b"vm"),
        )
        .and_then(|c| check_ra_claims(&ra, &c.ra))
    };
    assert_eq!(check(rv), Ok(()));
    // A step that executed another row than the one it claims.
    assert_eq!(check(rv + Fr::one()), Err(ShoutError::ReadRafFinal));
}
