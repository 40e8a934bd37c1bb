//! Lies a prover can tell about a run, as witnesses: the machinery to tell them (a [`Lie`]
//! is an honest witness of a tiny hand-assembled program, edited step by step while every
//! check but one stays consistent) and the programs they are told on. The lies themselves,
//! one per CPU constraint, are in [`crate::cpu_lies`]; the list with the error each gets is
//! `paper-notes/lie-tests.md`.

use ark_bn254::Fr;
use ark_ff::PrimeField;
use commitments::HyperKzg;
use instructions::{Instruction, LookupId, LookupParams, Opcode, QueryKind};
use jolt_core::lasso::lookup_index;
use jolt_core::vm::elf_writer::{ElfWriter, SegmentSpec};
use jolt_core::vm::{trace, LayoutConfig, Memory, Program, RunOptions, Trace};
use jolt_core::zkvm::bytecode_table::field;
use jolt_core::zkvm::witness::{complete_witness, FieldEntry};
use jolt_core::zkvm::{
    generate_witness, prove_witness_with, verify, Backend, JoltError, JoltPreprocessing,
    JoltWitness, PublicIo, Silent,
};

use crate::SEED;

/// The scheme the lies are proven with.
pub type S = HyperKzg;

/// Where the programs are linked.
pub const BASE: u32 = 0x0020_0000;
/// Where the data words sit (same page, after at most 64 instructions).
pub const DATA: u32 = BASE + 0x100;
/// The program's initial data words.
pub const DATA_WORDS: [u32; 2] = [0x1111_1111, 0x2222_2222];
/// Every lie fits 2^5 steps.
pub const LOG_T: usize = 5;
/// Register `a0` (the exit code).
pub const A0: u8 = 10;
/// Register `a1`.
pub const A1: u8 = 11;
/// Register `a2`.
pub const A2: u8 = 12;
/// Register `a3`.
pub const A3: u8 = 13;
/// Register `a7` (the syscall number).
pub const A7: u8 = 17;

/// The instruction word of `opcode rd, rs1, rs2, imm`.
pub fn enc(opcode: Opcode, rd: u8, rs1: u8, rs2: u8, imm: i32) -> u32 {
    Instruction {
        opcode,
        rd,
        rs1,
        rs2,
        imm,
    }
    .encode()
}

/// `addi rd, rs1, imm`.
pub fn addi(rd: u8, rs1: u8, imm: i32) -> u32 {
    enc(Opcode::Addi, rd, rs1, 0, imm)
}

/// `a7 = 93; ecall`: halt with exit code `a0`.
pub fn exit() -> [u32; 2] {
    [addi(A7, 0, 93), enc(Opcode::Ecall, 0, 0, 0, 0)]
}

/// `code` followed by the exit sequence.
pub fn then_exit(code: &[u32]) -> Vec<u32> {
    let mut v = code.to_vec();
    v.extend(exit());
    v
}

/// `code` at [`BASE`], [`DATA_WORDS`] at [`DATA`], a small layout.
pub fn program(code: &[u32]) -> Program {
    assert!(BASE as usize + 4 * code.len() <= DATA as usize);
    let data: Vec<u8> = DATA_WORDS.iter().flat_map(|w| w.to_le_bytes()).collect();
    let elf = ElfWriter::new(
        BASE,
        vec![
            SegmentSpec::code(BASE, code),
            SegmentSpec::data(DATA, data, 64),
        ],
    );
    // RAM smaller than the two I/O regions together: every region's flag-bit lie needs
    // two other regions whose bounds add up past it (see `region_bit`).
    let config = LayoutConfig {
        memory_size: Some(0x280),
        heap_size: 0,
        stack_size: 256,
        max_input_bytes: 512,
        max_output_bytes: 512,
    };
    Program::load(&elf.to_bytes(), &config).expect("the program loads")
}

/// The honest trace of [`program`]`(code)`.
pub fn run(code: &[u32]) -> Trace {
    trace(&program(code), &[], &RunOptions::default()).expect("the program runs")
}

/// A witness being turned into a lie, with the statement it will claim.
pub struct Lie {
    /// The preprocessing of the program the statement is about.
    pub pre: JoltPreprocessing<S>,
    /// The statement.
    pub io: PublicIo,
    /// The witness columns, being edited.
    pub cols: Vec<Vec<u64>>,
    /// The statement program's initial memory.
    pub initial: Vec<u32>,
    /// Committed entries that are not small non-negative integers.
    pub field_entries: Vec<FieldEntry>,
}

impl Lie {
    /// The honest witness of `code`'s run.
    pub fn of(code: &[u32]) -> Lie {
        Lie::trace_for(code, &run(code))
    }

    /// The witness of `trace` (a run of some program, possibly edited) claimed for `code`.
    pub fn trace_for(code: &[u32], trace: &Trace) -> Lie {
        let pre = JoltPreprocessing::new(program(code), LookupParams::SMALL, LOG_T, SEED);
        let initial = Memory::initial(&pre.program, &[]).unwrap().words;
        let w = generate_witness(&pre.params, &pre.table, &pre.regions, &initial, trace);
        let io = PublicIo {
            input: Vec::new(),
            output: trace.output.clone(),
            exit_code: trace.exit_code,
        };
        Lie {
            pre,
            io,
            cols: w.columns,
            initial,
            field_entries: Vec::new(),
        }
    }

    /// Column `column` at step `t`.
    pub fn get(&self, column: usize, t: usize) -> u64 {
        self.cols[column][t]
    }

    /// Sets column `column` at step `t`.
    pub fn set(&mut self, column: usize, t: usize, v: u64) {
        self.cols[column][t] = v;
    }

    /// Whether bytecode field `j` is 1 at step `t`.
    pub fn flag(&self, j: usize, t: usize) -> bool {
        self.get(self.pre.layout.bc_field(j), t) == 1
    }

    /// The first step that executes row `row` of the instruction in code slot `slot`.
    pub fn step(&self, slot: usize, row: u32) -> usize {
        let index = (self.pre.program.bytecode().first_row(slot) + row) as u64;
        self.cols[self.pre.layout.bc_index]
            .iter()
            .position(|&b| b == index)
            .unwrap_or_else(|| panic!("no step runs slot {slot} row {row}"))
    }

    /// The step that writes the exit code.
    pub fn exit_step(&self) -> usize {
        (0..self.cols[0].len())
            .find(|&t| self.flag(field::RAM_EXIT, t))
            .expect("the run exits")
    }

    /// The lookup step `t` performs (its row's lookup flag).
    pub fn lookup(&self, t: usize) -> LookupId {
        LookupId::ALL
            .into_iter()
            .find(|&id| self.flag(field::lookup_flag(lookup_index(id)), t))
            .expect("the step has a lookup")
    }

    /// Sets step `t`'s R1CS operands `x`, `y`, and on a product query's step `y_p = y` and
    /// the product `x·y` (elsewhere both stay 0).
    pub fn set_operands(&mut self, t: usize, x: u64, y: u64) {
        let l = &self.pre.layout;
        let (cx, cy, cyp, cp) = (l.x, l.y, l.y_product, l.product);
        self.set(cx, t, x);
        self.set(cy, t, y);
        if self.lookup(t).query_kind() == QueryKind::Product {
            self.set(cyp, t, y);
            self.set(cp, t, x * y);
        }
    }

    /// Makes step `t`'s lookup run on operands `(x, y)` (chunks and output), whatever its
    /// R1CS operands say.
    pub fn look_up_operands(&mut self, t: usize, x: u64, y: u64) {
        let id = self.lookup(t);
        let dims = id.chunk_indices(&self.pre.params, x as u32, y as u32);
        self.set_lookup(t, &dims, id.lookup_output(x as u32, y as u32) as u64);
    }

    /// Makes step `t`'s lookup read the chunks of query `q`; its output is what `g` makes
    /// of the subtable values there (what Surge checks).
    pub fn look_up_query(&mut self, t: usize, q: u64) {
        let id = self.lookup(t);
        let params = self.pre.params;
        let dims = params.split_query(q);
        let values: Vec<Fr> = id
            .memory_values(&params, &dims)
            .into_iter()
            .map(Fr::from)
            .collect();
        let out = id.combine::<Fr>(&params, &values).into_bigint().0;
        assert!(
            out[1..].iter().all(|&l| l == 0),
            "a lookup output is a word"
        );
        self.set_lookup(t, &dims, out[0]);
    }

    /// Sets step `t`'s chunks and output, and the products `out·imm`, `out·imm_neg`.
    pub fn set_lookup(&mut self, t: usize, dims: &[usize], out: u64) {
        let l = self.pre.layout.clone();
        for (c, &d) in dims.iter().enumerate() {
            self.set(l.dims + c, t, d as u64);
        }
        self.set(l.lookup_output, t, out);
        let imm = self.get(l.bc_field(field::IMM), t);
        let imm_neg = self.get(l.bc_field(field::IMM_NEG), t);
        self.set(l.out_times_imm, t, out * imm);
        self.set(l.out_times_imm_neg, t, out * imm_neg);
    }

    /// The witness address of memory operation `k` of step `t` (as `memory_ops` reads it).
    pub fn op_address(&self, t: usize, k: usize) -> u64 {
        let l = &self.pre.layout;
        match k {
            0 => self.get(l.bc_field(field::RS1), t),
            1 => self.get(l.bc_field(field::RS2), t),
            2 => self.get(l.bc_field(field::RD), t),
            _ => self.get(l.ram_address, t),
        }
    }

    /// Whether operation `k` of step `t` writes a new value (the rd write of a row that
    /// writes rd; the RAM write of a store or the exit/halting rows).
    pub fn op_writes(&self, t: usize, k: usize) -> bool {
        let any = |flags: &[usize]| flags.iter().any(|&j| self.flag(j, t));
        match k {
            2 => any(&[field::RD_LOOKUP, field::RD_RETURN, field::RD_RAM]),
            3 => any(&[field::RAM_STORE, field::RAM_EXIT, field::RAM_TERMINATE]),
            _ => false,
        }
    }

    /// Every later operation on the word operation `(t, k)` wrote now reads `v`, up to the
    /// next operation that writes it anew (an operation that writes back what it read
    /// carries `v` on).
    pub fn carry(&mut self, t: usize, k: usize, v: u64) {
        let address = self.op_address(t, k);
        let l = self.pre.layout.clone();
        for i in 4 * t + k + 1..4 * self.cols[0].len() {
            let (s, j) = (i / 4, i % 4);
            if self.op_address(s, j) != address {
                continue;
            }
            self.set(l.read_values[j], s, v);
            if self.op_writes(s, j) {
                return;
            }
            match j {
                2 => self.set(l.rd_write, s, v),
                3 => self.set(l.ram_write, s, v),
                _ => {}
            }
        }
    }

    /// Step `t` writes `v` to its rd; later reads see it.
    pub fn write_register(&mut self, t: usize, v: u64) {
        let column = self.pre.layout.rd_write;
        self.set(column, t, v);
        self.carry(t, 2, v);
    }

    /// Step `t` writes `v` to its RAM word; later reads see it.
    pub fn write_ram(&mut self, t: usize, v: u64) {
        let column = self.pre.layout.ram_write;
        self.set(column, t, v);
        self.carry(t, 3, v);
    }

    /// Step `t` reads RAM word `address` (a word nobody wrote before) instead of its own,
    /// and writes back what it read.
    pub fn read_other_word(&mut self, t: usize, address: u64) {
        let value = self.initial[address as usize] as u64;
        let l = self.pre.layout.clone();
        self.set(l.ram_address, t, address);
        self.set(l.read_values[3], t, value);
        self.set(l.ram_write, t, value);
    }

    /// The exit row writes the `a0` it read, and the statement claims it.
    pub fn claim_exit_code(&mut self) {
        let e = self.exit_step();
        let a0 = self.get(self.pre.layout.read_values[1], e);
        self.write_ram(e, a0);
        self.io.exit_code = a0 as u32;
    }

    /// The witness address of guest byte `address` and its region.
    pub fn locate(&self, address: u32) -> (usize, u64, u64) {
        let (k, offset) = self
            .pre
            .regions
            .locate(address as u64)
            .expect("the address is in a region");
        (k, offset, self.pre.regions.regions[k].witness_base + offset)
    }

    /// Commits `numerator / denominator` at `(column, t)`.
    pub fn set_field(&mut self, column: usize, t: usize, numerator: i128, denominator: u64) {
        self.field_entries.push(FieldEntry {
            column,
            step: t,
            numerator,
            denominator,
        });
    }

    /// The value of witness word `address` just before step `t`'s RAM operation.
    pub fn value_before(&self, t: usize, address: u64) -> u64 {
        let l = &self.pre.layout;
        let mut v = self.initial.get(address as usize).map_or(0, |&w| w as u64);
        for i in 0..4 * t + 3 {
            let (s, k) = (i / 4, i % 4);
            if self.op_address(s, k) == address {
                v = match k {
                    2 => self.get(l.rd_write, s),
                    3 => self.get(l.ram_write, s),
                    _ => self.get(l.read_values[k], s),
                };
            }
        }
        v
    }

    /// Recomputes step `t` of a straight-line row from its registers: operands from the
    /// sources its flags select, the lookup, and the rd write (carried to later reads).
    pub fn replay(&mut self, t: usize) {
        let l = self.pre.layout.clone();
        let imm = self.get(l.bc_field(field::IMM), t);
        let x = if self.flag(field::X_RS1, t) {
            self.get(l.read_values[0], t)
        } else if self.flag(field::X_IMM, t) {
            imm
        } else if self.flag(field::X_PC, t) {
            self.get(l.bc_field(field::PC), t)
        } else {
            self.get(l.x, t)
        };
        let y = if self.flag(field::Y_RS2, t) {
            self.get(l.read_values[1], t)
        } else if self.flag(field::Y_IMM, t) {
            imm
        } else {
            0
        };
        self.set_operands(t, x, y);
        self.look_up_operands(t, x, y);
        if self.flag(field::RD_LOOKUP, t) {
            let out = self.get(l.lookup_output, t);
            self.write_register(t, out);
        }
    }

    /// Proves the lie with the honest Lasso/Spice prover's code path and verifies it.
    pub fn verdict(&self) -> Result<(), JoltError> {
        self.verdict_with(Backend::LassoSpice)
    }

    /// Proves the lie with `backend`'s honest prover code path and verifies it.
    pub fn verdict_with(&self, backend: Backend) -> Result<(), JoltError> {
        let witness = self.witness_for(backend);
        let (proof, _) = prove_witness_with(backend, &self.pre, &self.io, &witness, &Silent)
            .expect("the prover runs");
        verify(&self.pre, &self.io, &proof)
    }

    /// The completed witness of the lie as `backend` checks memory. A step without a load
    /// or store still makes a no-op RAM access: it reads witness word 0 (which is `x0`) and
    /// writes it back. Lasso/Spice checks registers and RAM as one memory, so when a lie
    /// writes `x0`, every later no-op access reads the new value ([`Lie::carry`]).
    /// Twist/Shout checks RAM as a memory of its own, where the register words are only
    /// ever touched by such write-backs: there they read the initial value. The CPU
    /// constraints see no difference (such an access writes back what it read).
    pub fn witness_for(&self, backend: Backend) -> JoltWitness {
        match backend {
            Backend::LassoSpice => self.witness(),
            Backend::TwistShout => {
                let l = &self.pre.layout;
                let registers = self.pre.program.layout().num_register_words() as u64;
                let mut cols = self.cols.clone();
                for t in 0..self.cols[0].len() {
                    let address = self.op_address(t, 3);
                    if address < registers && !self.op_writes(t, 3) {
                        let v = self.initial[address as usize] as u64;
                        cols[l.read_values[3]][t] = v;
                        cols[l.ram_write][t] = v;
                    }
                }
                self.complete(cols)
            }
        }
    }

    /// The label of the first CPU constraint the lie breaks (checked directly, no proof).
    pub fn broken_constraint(&self) -> Option<&'static str> {
        self.pre
            .constraints
            .check_witness(&self.witness())
            .err()
            .map(|e| e.label)
    }

    /// The completed witness: step columns, derived columns, field entries.
    pub fn witness(&self) -> JoltWitness {
        self.complete(self.cols.clone())
    }

    /// `cols` completed: derived columns, field entries.
    fn complete(&self, cols: Vec<Vec<u64>>) -> JoltWitness {
        let mut w = complete_witness(
            &self.pre.params,
            &self.pre.table,
            &self.pre.regions,
            &self.initial,
            cols,
        );
        w.field_entries = self.field_entries.clone();
        w
    }
}
