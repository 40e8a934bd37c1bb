//! The preprocessed bytecode table: one row per bytecode row of the program, each row a
//! tuple of small integers that the CPU constraints read.
//!
//! Row `i` of the table is row `i` of [`Bytecode::rows`] decoded into *fields*: the pc of
//! the RISC-V instruction, the register numbers, the immediate, and 0/1 *flags* saying
//! which operands, lookup, register write, RAM access and pc update the row has
//! ([`RowSpec`]). After the program's rows come all-zero rows up to a power of two (at
//! least one): an all-zero row is the **no-op padding row** (inactive, writes nothing,
//! reads x0). Each step of the trace reads one table row (read-only memory checking,
//! [`crate::memory_checking::read_only`]); so every flag a step uses is the public
//! table's flag — boolean and one-hot by construction, with no constraint needed.
//!
//! The verifier evaluates each field's multilinear extension itself in `O(rows)`
//! ([`BytecodeTable::field_mles`]).

use ark_ff::PrimeField;
use instructions::sequences::{Operand, PcUpdate, RamAccess, RdValue};
use instructions::{LookupId, VirtualInstruction};

use crate::lasso::lookup_index;
use crate::vm::Bytecode;

/// The fields of a bytecode table row, in table-column order. Flags are 0/1; after
/// [`NUM_FIXED_FIELDS`] come one lookup flag per [`LookupId::ALL`] entry.
pub mod field {
    /// The pc of the RISC-V instruction the row belongs to.
    pub const PC: usize = 0;
    /// Destination register number.
    pub const RD: usize = 1;
    /// First source register number.
    pub const RS1: usize = 2;
    /// Second source register number.
    pub const RS2: usize = 3;
    /// The immediate as a 32-bit word.
    pub const IMM: usize = 4;
    /// 1 when the immediate is negative as an `i32` (so `imm_s = imm − 2^32·IMM_NEG`).
    pub const IMM_NEG: usize = 5;
    /// Lookup operand `x` is `rs1`'s value.
    pub const X_RS1: usize = 6;
    /// `x` is the immediate.
    pub const X_IMM: usize = 7;
    /// `x` is the pc.
    pub const X_PC: usize = 8;
    /// `x` is the advice value.
    pub const X_ADVICE: usize = 9;
    /// `x` is `rs2`'s value.
    pub const X_RS2: usize = 10;
    /// Lookup operand `y` is `rs2`'s value.
    pub const Y_RS2: usize = 11;
    /// `y` is the immediate.
    pub const Y_IMM: usize = 12;
    /// `y` is `rs1`'s value.
    pub const Y_RS1: usize = 13;
    /// `y` is the pc.
    pub const Y_PC: usize = 14;
    /// `y` is the advice value.
    pub const Y_ADVICE: usize = 15;
    /// The lookup is an assertion: its output must be 1.
    pub const ASSERT: usize = 16;
    /// `rd` (≠ x0) is written with the lookup output.
    pub const RD_LOOKUP: usize = 17;
    /// `rd` (≠ x0) is written with `pc + 4`.
    pub const RD_RETURN: usize = 18;
    /// `rd` (≠ x0) is written with the RAM word read.
    pub const RD_RAM: usize = 19;
    /// The row loads a RAM word at `rs1 + imm`.
    pub const RAM_LOAD: usize = 20;
    /// The row stores `rs2` at `rs1 + imm`.
    pub const RAM_STORE: usize = 21;
    /// The row writes `rs2` to the exit-code word.
    pub const RAM_EXIT: usize = 22;
    /// The row writes 1 to the termination-flag word (the halting row).
    pub const RAM_TERMINATE: usize = 23;
    /// The pc jumps to the lookup output.
    pub const PC_JUMP: usize = 24;
    /// The pc branches to `pc + imm_s` when the lookup output is 1.
    pub const PC_BRANCH: usize = 25;
    /// The program halts after this row.
    pub const HALT: usize = 26;
    /// The row is the first of its RISC-V instruction.
    pub const IS_FIRST: usize = 27;
    /// An active row followed by the next row of the same sequence.
    pub const IN_SEQUENCE: usize = 28;
    /// An active last row of an instruction that does not halt: the next step starts the
    /// instruction at the target pc.
    pub const ENDS_INSTRUCTION: usize = 29;
    /// A program row (1) or a padding row (0).
    pub const ACTIVE: usize = 30;
    /// Fields before the lookup flags.
    pub const NUM_FIXED_FIELDS: usize = 31;
    /// The flag of lookup `LookupId::ALL[f]`.
    pub const fn lookup_flag(f: usize) -> usize {
        NUM_FIXED_FIELDS + f
    }
}

/// Number of fields of a table row.
pub const NUM_FIELDS: usize = field::NUM_FIXED_FIELDS + LookupId::ALL.len();

/// The fields of one program row (`is_first`: whether it starts its instruction).
pub fn row_fields(row: &VirtualInstruction, is_first: bool) -> [u64; NUM_FIELDS] {
    use field::*;
    let spec = row.opcode.spec();
    let mut f = [0u64; NUM_FIELDS];
    f[PC] = row.address as u64;
    f[RD] = row.rd as u64;
    f[RS1] = row.rs1 as u64;
    f[RS2] = row.rs2 as u64;
    f[IMM] = row.imm as u64;
    f[IMM_NEG] = (row.imm >> 31) as u64;
    match spec.x {
        Operand::Zero => {}
        Operand::Rs1 => f[X_RS1] = 1,
        Operand::Rs2 => f[X_RS2] = 1,
        Operand::Imm => f[X_IMM] = 1,
        Operand::Pc => f[X_PC] = 1,
        Operand::Advice => f[X_ADVICE] = 1,
    }
    match spec.y {
        Operand::Zero => {}
        Operand::Rs1 => f[Y_RS1] = 1,
        Operand::Rs2 => f[Y_RS2] = 1,
        Operand::Imm => f[Y_IMM] = 1,
        Operand::Pc => f[Y_PC] = 1,
        Operand::Advice => f[Y_ADVICE] = 1,
    }
    f[ASSERT] = spec.assert as u64;
    let writes = row.rd != 0;
    match spec.rd {
        RdValue::None => {}
        RdValue::LookupOutput => f[RD_LOOKUP] = writes as u64,
        RdValue::ReturnAddress => f[RD_RETURN] = writes as u64,
        RdValue::RamValue => f[RD_RAM] = writes as u64,
    }
    match spec.ram {
        RamAccess::None => {}
        RamAccess::LoadWord => f[RAM_LOAD] = 1,
        RamAccess::StoreWord => f[RAM_STORE] = 1,
        RamAccess::StoreExitCode => f[RAM_EXIT] = 1,
        RamAccess::StoreTerminationFlag => f[RAM_TERMINATE] = 1,
    }
    let last = row.is_last();
    match spec.pc {
        PcUpdate::Next => {}
        PcUpdate::Jump => f[PC_JUMP] = last as u64,
        PcUpdate::Branch => f[PC_BRANCH] = last as u64,
        PcUpdate::Halt => f[HALT] = 1,
    }
    f[IS_FIRST] = is_first as u64;
    f[IN_SEQUENCE] = !last as u64;
    f[ENDS_INSTRUCTION] = (last && spec.pc != PcUpdate::Halt) as u64;
    f[ACTIVE] = 1;
    if let Some(id) = spec.lookup {
        f[lookup_flag(lookup_index(id))] = 1;
    }
    f
}

/// The table: `rows[i]` are the fields of bytecode row `i`, then zero rows to a power of two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BytecodeTable {
    /// One field tuple per table row (length a power of two, > number of program rows).
    pub rows: Vec<[u64; NUM_FIELDS]>,
    /// The index of the first padding (all-zero) row.
    pub padding_row: usize,
}

impl BytecodeTable {
    /// Builds the table of `bytecode`.
    pub fn new(bytecode: &Bytecode) -> Self {
        let program_rows = bytecode.rows();
        let size = (program_rows.len() + 1).next_power_of_two().max(2);
        let mut rows = Vec::with_capacity(size);
        for (i, row) in program_rows.iter().enumerate() {
            let is_first = i == 0 || program_rows[i - 1].is_last();
            rows.push(row_fields(row, is_first));
        }
        rows.resize(size, [0u64; NUM_FIELDS]);
        BytecodeTable {
            rows,
            padding_row: program_rows.len(),
        }
    }

    /// `log2` of the number of table rows.
    pub fn log_size(&self) -> usize {
        self.rows.len().trailing_zeros() as usize
    }

    /// The table row read at `index`; indices past the end read the padding row (a corrupted
    /// witness must not panic the prover).
    pub fn row(&self, index: usize) -> &[u64; NUM_FIELDS] {
        self.rows.get(index).unwrap_or(&self.rows[self.padding_row])
    }

    /// `Σ_j β^j·Ṽ_j(r)`: the MLE of the rows compressed with the powers `beta` (the table
    /// both backends' bytecode checks read), from [`BytecodeTable::field_mles`].
    pub fn compressed_mle<F: PrimeField>(&self, r: &[F], beta: &[F]) -> F {
        self.field_mles(r)
            .iter()
            .zip(beta)
            .map(|(v, b)| *v * b)
            .sum()
    }

    /// `Ṽ_j(r)` for every field `j`: each column's multilinear extension at `r` (MSB-first),
    /// in `O(rows · fields)` — the verifier's work for the bytecode check.
    pub fn field_mles<F: PrimeField>(&self, r: &[F]) -> Vec<F> {
        let eq = sumcheck::EqPolynomial::evals(r);
        let mut out = vec![F::zero(); NUM_FIELDS];
        for (row, e) in self.rows.iter().zip(&eq) {
            for (o, &v) in out.iter_mut().zip(row.iter()) {
                match v {
                    0 => {}
                    1 => *o += e,
                    v => *o += *e * F::from(v),
                }
            }
        }
        out
    }

    /// A digest of the table for the transcript: every field of every program row.
    pub fn absorb(&self, transcript: &mut impl sumcheck::Transcript) {
        let mut bytes = Vec::with_capacity(self.padding_row * NUM_FIELDS * 4);
        for row in &self.rows[..self.padding_row] {
            for v in row {
                bytes.extend_from_slice(&(*v as u32).to_le_bytes());
            }
        }
        transcript.append_u64(b"bytecode_rows", self.padding_row as u64);
        transcript.append_message(b"bytecode_table", &bytes);
    }
}
