//! Executing bytecode rows: [`execute_row`] runs one row over an abstract register file and
//! word memory (the emulator's tracer and the tests share it); [`run_sequence`] runs the rows
//! of one instruction.

use super::advice::{advice_value, AdviceKind};
use super::row::{VirtualInstruction, VirtualOpcode, NUM_ARCH_REGISTERS, NUM_VIRTUAL_REGISTERS};
use super::spec::{Operand, PcUpdate, RamAccess, RdValue};
use crate::lookups::LookupId;
use thiserror::Error;

/// Registers `x0 … x31` and the virtual registers `32 …`.
pub trait RegisterFile {
    /// The value of `reg` (`x0` must read 0).
    fn read(&self, reg: u8) -> u32;
    /// Sets `reg` (never called for `x0`).
    fn write(&mut self, reg: u8, value: u32);
}

/// A plain register file: architectural and virtual registers, `x0` hardwired to 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registers {
    /// `values[r]` is register `r`.
    pub values: [u32; (NUM_ARCH_REGISTERS + NUM_VIRTUAL_REGISTERS) as usize],
}

impl Registers {
    /// All registers zero.
    pub fn new() -> Self {
        Registers {
            values: [0; (NUM_ARCH_REGISTERS + NUM_VIRTUAL_REGISTERS) as usize],
        }
    }
}

impl Default for Registers {
    fn default() -> Self {
        Registers::new()
    }
}

impl RegisterFile for Registers {
    fn read(&self, reg: u8) -> u32 {
        if reg == 0 {
            0
        } else {
            self.values[reg as usize]
        }
    }

    fn write(&mut self, reg: u8, value: u32) {
        if reg != 0 {
            self.values[reg as usize] = value;
        }
    }
}

/// Word-addressed memory as rows see it: aligned words, plus the two I/O words only the exit
/// sequence writes.
pub trait WordMemory {
    /// Why an access failed (outside the layout, read-only region, …).
    type Error;
    /// The word at byte address `address` (a multiple of 4).
    fn load_word(&mut self, address: u32) -> Result<u32, Self::Error>;
    /// Writes the word at byte address `address` (a multiple of 4).
    fn store_word(&mut self, address: u32, value: u32) -> Result<(), Self::Error>;
    /// Writes the exit-code word.
    fn store_exit_code(&mut self, value: u32) -> Result<(), Self::Error>;
    /// Sets the termination flag.
    fn store_termination_flag(&mut self) -> Result<(), Self::Error>;
}

/// The sources of prover-chosen values, so that tests can replace the honest ones.
pub trait RowOracle {
    /// The advice for an [`Advice`](VirtualOpcode::Advice) row with `rs1 = x`, `rs2 = y`.
    fn advice(&mut self, kind: AdviceKind, x: u32, y: u32) -> u32 {
        advice_value(kind, x, y)
    }
    /// The output of lookup `id` on `(x, y)`.
    fn lookup(&mut self, id: LookupId, x: u32, y: u32) -> u32 {
        id.lookup_output(x, y)
    }
}

/// Honest advice and lookup outputs from the specification.
#[derive(Clone, Copy, Debug, Default)]
pub struct Honest;

impl RowOracle for Honest {}

/// The RAM operation a row performed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RamEvent {
    /// None.
    None,
    /// Read `value` from the word at `address`.
    Load {
        /// Byte address (a multiple of 4).
        address: u32,
        /// The word read.
        value: u32,
    },
    /// Wrote `value` to the word at `address`.
    Store {
        /// Byte address (a multiple of 4).
        address: u32,
        /// The word written.
        value: u32,
    },
    /// Wrote the exit code.
    ExitCode(u32),
    /// Set the termination flag.
    Termination,
}

/// Where execution goes after a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextPc {
    /// The next row of the same sequence (the pc stays).
    InSequence,
    /// The instruction is done; continue at this pc.
    Goto(u32),
    /// The program halted.
    Halt,
}

/// Everything one row did: what a trace step records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowStep {
    /// The value read from `rs1`.
    pub rs1_value: u32,
    /// The value read from `rs2`.
    pub rs2_value: u32,
    /// The first lookup operand.
    pub x: u32,
    /// The second lookup operand.
    pub y: u32,
    /// The advice value, for advice rows.
    pub advice: Option<u32>,
    /// The lookup and its output, if the row has one.
    pub lookup: Option<(LookupId, u32)>,
    /// The register write `(rd, value)`; a write to `x0` is reported but not applied.
    pub rd_write: Option<(u8, u32)>,
    /// The RAM operation.
    pub ram: RamEvent,
    /// Where execution continues.
    pub next_pc: NextPc,
}

/// Why a row could not execute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum RowError<E> {
    /// An assertion row's lookup output was not 1.
    #[error("{opcode:?}: assertion {lookup}({x:#x}, {y:#x}) gave {output}")]
    AssertionFailed {
        /// The row's opcode.
        opcode: VirtualOpcode,
        /// The assertion's lookup.
        lookup: LookupId,
        /// First operand.
        x: u32,
        /// Second operand.
        y: u32,
        /// The output (not 1).
        output: u32,
    },
    /// The memory refused the access.
    #[error("memory access failed")]
    Memory(E),
}

/// Executes `row` (spec: [`VirtualOpcode::spec`]) with honest advice.
pub fn execute_row<R: RegisterFile, M: WordMemory>(
    row: &VirtualInstruction,
    regs: &mut R,
    mem: &mut M,
) -> Result<RowStep, RowError<M::Error>> {
    execute_row_with(row, regs, mem, &mut Honest)
}

/// Executes `row`, taking advice and lookup outputs from `oracle`. An assertion failure
/// returns before any register or memory is touched.
pub fn execute_row_with<R: RegisterFile, M: WordMemory, O: RowOracle>(
    row: &VirtualInstruction,
    regs: &mut R,
    mem: &mut M,
    oracle: &mut O,
) -> Result<RowStep, RowError<M::Error>> {
    let spec = row.opcode.spec();
    let rs1_value = regs.read(row.rs1);
    let rs2_value = regs.read(row.rs2);
    let mut advice = None;
    let mut operand = |source: Operand, oracle: &mut O| match source {
        Operand::Zero => 0,
        Operand::Rs1 => rs1_value,
        Operand::Rs2 => rs2_value,
        Operand::Imm => row.imm,
        Operand::Pc => row.address,
        Operand::Advice => {
            let kind = match row.opcode {
                VirtualOpcode::Advice(kind) => kind,
                other => panic!("{other:?} takes no advice"),
            };
            let value = oracle.advice(kind, rs1_value, rs2_value);
            advice = Some(value);
            value
        }
    };
    let x = operand(spec.x, oracle);
    let y = operand(spec.y, oracle);
    let lookup = spec.lookup.map(|id| (id, oracle.lookup(id, x, y)));
    if let (true, Some((id, output))) = (spec.assert, lookup) {
        if output != 1 {
            return Err(RowError::AssertionFailed {
                opcode: row.opcode,
                lookup: id,
                x,
                y,
                output,
            });
        }
    }
    let address = rs1_value.wrapping_add(row.imm);
    let ram = match spec.ram {
        RamAccess::None => RamEvent::None,
        RamAccess::LoadWord => RamEvent::Load {
            address,
            value: mem.load_word(address).map_err(RowError::Memory)?,
        },
        RamAccess::StoreWord => {
            mem.store_word(address, rs2_value)
                .map_err(RowError::Memory)?;
            RamEvent::Store {
                address,
                value: rs2_value,
            }
        }
        RamAccess::StoreExitCode => {
            mem.store_exit_code(rs2_value).map_err(RowError::Memory)?;
            RamEvent::ExitCode(rs2_value)
        }
        RamAccess::StoreTerminationFlag => {
            mem.store_termination_flag().map_err(RowError::Memory)?;
            RamEvent::Termination
        }
    };
    let output = lookup.map_or(0, |(_, out)| out);
    let return_address = row.address.wrapping_add(4);
    let rd_value = match spec.rd {
        RdValue::None => None,
        RdValue::LookupOutput => Some(output),
        RdValue::ReturnAddress => Some(return_address),
        RdValue::RamValue => match ram {
            RamEvent::Load { value, .. } => Some(value),
            _ => unreachable!("RamValue rows load"),
        },
    };
    let rd_write = rd_value.map(|value| (row.rd, value));
    if let Some((rd, value)) = rd_write {
        if rd != 0 {
            regs.write(rd, value);
        }
    }
    let next_pc = if !row.is_last() {
        NextPc::InSequence
    } else {
        match spec.pc {
            PcUpdate::Next => NextPc::Goto(return_address),
            PcUpdate::Jump => NextPc::Goto(output),
            PcUpdate::Branch if output == 1 => NextPc::Goto(row.address.wrapping_add(row.imm)),
            PcUpdate::Branch => NextPc::Goto(return_address),
            PcUpdate::Halt => NextPc::Halt,
        }
    };
    Ok(RowStep {
        rs1_value,
        rs2_value,
        x,
        y,
        advice,
        lookup,
        rd_write,
        ram,
        next_pc,
    })
}

/// A row of a sequence failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("row {row} ({opcode:?}): {error}")]
pub struct SequenceError<E> {
    /// The failing row's index in the sequence.
    pub row: usize,
    /// Its opcode.
    pub opcode: VirtualOpcode,
    /// What went wrong.
    pub error: RowError<E>,
}

/// The rows of one instruction, executed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceOutcome {
    /// One step per row.
    pub steps: Vec<RowStep>,
    /// Where execution continues after the last row.
    pub next_pc: NextPc,
}

/// Runs `rows` (normally one instruction's [`expand`](super::expand)) in order with honest
/// advice.
pub fn run_sequence<R: RegisterFile, M: WordMemory>(
    rows: &[VirtualInstruction],
    regs: &mut R,
    mem: &mut M,
) -> Result<SequenceOutcome, SequenceError<M::Error>> {
    run_sequence_with(rows, regs, mem, &mut Honest)
}

/// Runs `rows` in order, taking advice and lookup outputs from `oracle`.
pub fn run_sequence_with<R: RegisterFile, M: WordMemory, O: RowOracle>(
    rows: &[VirtualInstruction],
    regs: &mut R,
    mem: &mut M,
    oracle: &mut O,
) -> Result<SequenceOutcome, SequenceError<M::Error>> {
    let mut steps = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let step = execute_row_with(row, regs, mem, oracle).map_err(|error| SequenceError {
            row: i,
            opcode: row.opcode,
            error,
        })?;
        steps.push(step);
    }
    let next_pc = steps.last().map_or(NextPc::InSequence, |s| s.next_pc);
    Ok(SequenceOutcome { steps, next_pc })
}
