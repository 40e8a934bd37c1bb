//! The tracer: run a program row by row and record one [`TraceStep`] per executed
//! bytecode row — the witness the prover works from.
//!
//! Every RISC-V instruction is executed as its rows from the preprocessed
//! [`Bytecode`](crate::vm::Bytecode) by `instructions::execute_row` (the crate's row
//! interpreter, the same semantics the R1CS enforces). A step reads `rs1` and `rs2`, performs at most one lookup, at most one
//! aligned RAM word operation and at most one register write, all at timestamp = the
//! step's index. Registers and virtual registers are witness addresses `0 … 31 + V`;
//! RAM addresses in the trace are witness addresses too (see [`crate::vm::layout`]).
//!
//! Before the rows of an instruction run, the tracer checks the architectural
//! instruction exactly as the fast path does (same memory rules, same errors), so both
//! paths fail identically; after them, it checks that the rows produced the
//! architectural result (`instructions::execute`), which catches any disagreement
//! between a virtual sequence and the reference semantics.

use instructions::sequences::{NUM_ARCH_REGISTERS, NUM_VIRTUAL_REGISTERS};
use instructions::{
    execute, execute_row, MemoryOp, NextPc, RamEvent, RegisterFile, RowError, Trap,
    VirtualInstruction, Width, WordMemory,
};

use crate::vm::error::{AccessKind, ExecutionError};
use crate::vm::layout::EXIT_SYSCALL;
use crate::vm::memory::Memory;
use crate::vm::program::{CodeSlot, Program};
use crate::vm::summary::RunOptions;

/// Number of registers a step can name: x0..x31 and the virtual registers.
pub const NUM_STEP_REGISTERS: usize = (NUM_ARCH_REGISTERS + NUM_VIRTUAL_REGISTERS) as usize;

/// What a step did to RAM (at most one word; the I/O region counts as RAM).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RamOpKind {
    /// No RAM operation (`address`, `read`, `write` are 0).
    #[default]
    None,
    /// A word read: `write == read`.
    Read,
    /// A word write: `read` is the previous value.
    Write,
}

/// A step's RAM word operation in the witness address space.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RamOp {
    /// Read, write or none.
    pub kind: RamOpKind,
    /// Witness word address (RAM or I/O region).
    pub address: u32,
    /// The word's value before the step.
    pub read: u32,
    /// The word's value after the step.
    pub write: u32,
}

/// One executed bytecode row: everything the prover needs about one step.
///
/// The row is copied from the bytecode table (index `bytecode_index`): its `address` is
/// the pc of the RISC-V instruction, `virtual_remaining` the position in its virtual
/// sequence, and `opcode.spec()` says which lookup, operands, register write, RAM access
/// and pc update the row has. Fields a row does not use are 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceStep {
    /// Index of the executed row in [`Bytecode::rows`](crate::vm::Bytecode::rows).
    pub bytecode_index: u32,
    /// The executed row (opcode, rd, rs1, rs2, imm, pc, sequence position).
    pub row: VirtualInstruction,
    /// Value read from register `row.rs1`.
    pub rs1_value: u32,
    /// Value read from register `row.rs2`.
    pub rs2_value: u32,
    /// Value of register `row.rd` before the step.
    pub rd_before: u32,
    /// Value of register `row.rd` after the step (= `rd_before` when nothing is
    /// written; writes to x0 are dropped).
    pub rd_after: u32,
    /// The RAM word operation.
    pub ram: RamOp,
    /// First lookup operand `x`.
    pub lookup_x: u32,
    /// Second lookup operand `y`.
    pub lookup_y: u32,
    /// The lookup output (0 for rows without a lookup).
    pub lookup_output: u32,
    /// The advice value of advice rows (0 otherwise).
    pub advice: u32,
}

impl TraceStep {
    /// The pc of the RISC-V instruction this step belongs to.
    pub fn pc(&self) -> u32 {
        self.row.address
    }
}

/// A complete execution: the steps, and the final state the output check binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// One step per executed row, in order (timestamp = index); not padded.
    pub steps: Vec<TraceStep>,
    /// The memory at the halt: registers, I/O region (exit code and termination flag
    /// set) and RAM, over the whole witness address space.
    pub final_memory: Memory,
    /// The exit code.
    pub exit_code: u32,
    /// The public output bytes.
    pub output: Vec<u8>,
    /// RISC-V instructions executed.
    pub instructions: u64,
}

impl Trace {
    /// The trace length after padding to a power of two (at least 1).
    pub fn padded_len(&self) -> usize {
        self.steps.len().next_power_of_two()
    }
}

/// Registers as the row interpreter sees them; x0 reads 0.
struct StepRegisters([u32; NUM_STEP_REGISTERS]);

impl RegisterFile for StepRegisters {
    #[inline(always)]
    fn read(&self, reg: u8) -> u32 {
        self.0[reg as usize]
    }

    #[inline(always)]
    fn write(&mut self, reg: u8, value: u32) {
        if reg != 0 {
            self.0[reg as usize] = value;
        }
    }
}

/// Memory as the row interpreter sees it, recording the step's RAM operation.
struct StepMemory<'a> {
    memory: &'a mut Memory,
    pc: u32,
    op: RamOp,
}

impl StepMemory<'_> {
    fn write_witness(&mut self, address: usize, value: u32) {
        let read = std::mem::replace(&mut self.memory.words[address], value);
        self.op = RamOp {
            kind: RamOpKind::Write,
            address: address as u32,
            read,
            write: value,
        };
    }
}

impl WordMemory for StepMemory<'_> {
    type Error = ExecutionError;

    #[inline(always)]
    fn load_word(&mut self, address: u32) -> Result<u32, ExecutionError> {
        let index = self
            .memory
            .translate(address, Width::Word, AccessKind::Load, self.pc)?;
        let value = self.memory.words[index];
        self.op = RamOp {
            kind: RamOpKind::Read,
            address: index as u32,
            read: value,
            write: value,
        };
        Ok(value)
    }

    #[inline(always)]
    fn store_word(&mut self, address: u32, value: u32) -> Result<(), ExecutionError> {
        let index = self
            .memory
            .translate(address, Width::Word, AccessKind::Store, self.pc)?;
        self.write_witness(index, value);
        Ok(())
    }

    fn store_exit_code(&mut self, value: u32) -> Result<(), ExecutionError> {
        let index = self.memory.layout().exit_code_address() as usize;
        self.write_witness(index, value);
        Ok(())
    }

    fn store_termination_flag(&mut self) -> Result<(), ExecutionError> {
        let index = self.memory.layout().termination_address() as usize;
        self.write_witness(index, 1);
        Ok(())
    }
}

/// Runs `program` on `input` and records every step.
pub fn trace(
    program: &Program,
    input: &[u8],
    options: &RunOptions,
) -> Result<Trace, ExecutionError> {
    let mut memory = Memory::initial(program, input)?;
    let mut regs = StepRegisters([0; NUM_STEP_REGISTERS]);
    regs.0.copy_from_slice(&memory.words[..NUM_STEP_REGISTERS]);
    let code = program.code();
    let bytecode = program.bytecode();
    let code_start = program.code_range().0;
    let mut steps = Vec::new();
    let mut pc = program.entry();
    let mut executed: u64 = 0;

    loop {
        let slot = (pc.wrapping_sub(code_start) >> 2) as usize;
        let inst = match code.get(slot) {
            Some(CodeSlot::Instruction(inst)) => inst,
            Some(CodeSlot::Illegal(error)) => {
                return Err(ExecutionError::IllegalInstruction {
                    pc,
                    word: error.word,
                    reason: error.kind.to_string(),
                })
            }
            Some(CodeSlot::NotCode) | None => return Err(ExecutionError::PcOutsideCode { pc }),
        };
        if executed == options.max_cycles {
            return Err(ExecutionError::CycleLimit {
                limit: options.max_cycles,
                pc,
            });
        }
        executed += 1;

        // the architectural effect: the same checks and errors as the fast path
        let effect = execute(inst, pc, regs.read(inst.rs1), regs.read(inst.rs2));
        match effect.memory {
            MemoryOp::None => {}
            MemoryOp::Load { address, width, .. } => {
                memory.translate(address, width, AccessKind::Load, pc)?;
            }
            MemoryOp::Store { address, width, .. } => {
                memory.translate(address, width, AccessKind::Store, pc)?;
            }
        }
        match effect.trap {
            Some(Trap::Ebreak) => {
                return Err(ExecutionError::Ebreak {
                    pc,
                    word: inst.encode(),
                })
            }
            Some(Trap::Ecall) if regs.read(17) != EXIT_SYSCALL => {
                return Err(ExecutionError::UnsupportedEcall {
                    pc,
                    word: inst.encode(),
                    a7: regs.read(17),
                })
            }
            _ => {}
        }
        if effect.trap.is_none() && effect.next_pc & 3 != 0 {
            return Err(ExecutionError::MisalignedJump {
                pc,
                target: effect.next_pc,
            });
        }

        let first = bytecode.first_row(slot);
        let mut next = NextPc::InSequence;
        for (i, row) in bytecode.rows_of(slot).iter().enumerate() {
            let rd_before = regs.read(row.rd);
            let mut mem = StepMemory {
                memory: &mut memory,
                pc,
                op: RamOp::default(),
            };
            let step = execute_row(row, &mut regs, &mut mem).map_err(|error| match error {
                RowError::Memory(e) => e,
                RowError::AssertionFailed { .. } => ExecutionError::SequenceMismatch {
                    pc,
                    detail: format!("row {i} ({}): {error}", row.opcode.mnemonic()),
                },
            })?;
            let ram = mem.op;
            debug_assert!(matches!(
                (step.ram, ram.kind),
                (RamEvent::None, RamOpKind::None)
                    | (RamEvent::Load { .. }, RamOpKind::Read)
                    | (
                        RamEvent::Store { .. } | RamEvent::ExitCode(_) | RamEvent::Termination,
                        RamOpKind::Write
                    )
            ));
            let (lookup_output, advice) = (
                step.lookup.map_or(0, |(_, out)| out),
                step.advice.unwrap_or(0),
            );
            steps.push(TraceStep {
                bytecode_index: first + i as u32,
                row: *row,
                rs1_value: step.rs1_value,
                rs2_value: step.rs2_value,
                rd_before,
                rd_after: regs.read(row.rd),
                ram,
                lookup_x: step.x,
                lookup_y: step.y,
                lookup_output,
                advice,
            });
            next = step.next_pc;
        }

        // the rows must have done what the instruction does
        let rd_value = match effect.memory {
            MemoryOp::Load {
                address,
                width,
                signed,
            } => {
                let index = memory.translate(address, width, AccessKind::Load, pc)?;
                Some(instructions::load_extend(
                    memory.words[index] >> (8 * (address & 3)),
                    width,
                    signed,
                ))
            }
            _ => effect.rd_value,
        };
        if let (Some(value), true) = (rd_value, inst.rd != 0) {
            if regs.read(inst.rd) != value {
                return Err(ExecutionError::SequenceMismatch {
                    pc,
                    detail: format!(
                        "x{} = {:#x}, the instruction gives {value:#x}",
                        inst.rd,
                        regs.read(inst.rd)
                    ),
                });
            }
        }
        match next {
            NextPc::Goto(target) if effect.trap.is_none() && target == effect.next_pc => {
                pc = target
            }
            NextPc::Halt if effect.trap == Some(Trap::Ecall) => {
                memory.words[..NUM_STEP_REGISTERS].copy_from_slice(&regs.0);
                let output = memory.output()?;
                return Ok(Trace {
                    steps,
                    exit_code: memory.exit_code(),
                    output,
                    final_memory: memory,
                    instructions: executed,
                });
            }
            other => {
                return Err(ExecutionError::SequenceMismatch {
                    pc,
                    detail: format!(
                        "rows end with {other:?}, the instruction goes to {:#x}",
                        effect.next_pc
                    ),
                })
            }
        }
    }
}
