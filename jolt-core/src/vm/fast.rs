//! The fast path: run a program to its halt without recording a trace.
//!
//! Each word of the executable segments is decoded once, when the [`Program`] is
//! loaded (by `instructions::decode`). The loop fetches by `(pc - code_start) / 4`,
//! executes the *architectural* instruction with the reference semantics
//! `instructions::execute`, performs its memory access and register write, and counts
//! how often each pc ran. From those counts it derives, after the halt, the instruction
//! mix and the number of trace steps the tracer records (each pc's virtual-sequence
//! length times its count), so `jolt run` reports both cycle counts without tracing.
//! Tests check that the tracer ends in the same state.

use instructions::{execute, load_extend, MemoryOp, Trap, Width};

use crate::vm::error::{AccessKind, ExecutionError};
use crate::vm::layout::EXIT_SYSCALL;
use crate::vm::memory::Memory;
use crate::vm::program::{CodeSlot, Program};
use crate::vm::summary::{RunOptions, RunSummary};

/// The machine state at a halt: memory (registers written back) and per-pc counts.
pub(crate) struct Halted {
    /// Final memory, registers included, exit code and termination flag set.
    pub memory: Memory,
    /// RISC-V instructions executed, the halting ecall included.
    pub instructions: u64,
    /// How often each code slot ran.
    pub counts: Vec<u64>,
}

/// Runs `program` on `input` until its halting ecall or an error.
pub fn run(
    program: &Program,
    input: &[u8],
    options: &RunOptions,
) -> Result<RunSummary, ExecutionError> {
    let halted = execute_program(program, input, options)?;
    let output = halted.memory.output()?;
    let mut registers = [0u32; 32];
    registers.copy_from_slice(&halted.memory.words[..32]);
    Ok(RunSummary {
        exit_code: halted.memory.exit_code(),
        output,
        instructions: halted.instructions,
        trace_steps: program.trace_steps(&halted.counts),
        instruction_mix: program.instruction_mix(&halted.counts),
        registers,
        final_memory: halted.memory,
    })
}

/// Reads the word holding `address` and shifts the addressed bytes down.
#[inline(always)]
fn load(memory: &Memory, address: u32, width: Width, pc: u32) -> Result<u32, ExecutionError> {
    let index = memory.translate(address, width, AccessKind::Load, pc)?;
    Ok(memory.words[index] >> (8 * (address & 3)))
}

/// Writes the low `width` bytes of `value` into the word holding `address`.
#[inline(always)]
fn store(
    memory: &mut Memory,
    address: u32,
    value: u32,
    width: Width,
    pc: u32,
) -> Result<(), ExecutionError> {
    let index = memory.translate(address, width, AccessKind::Store, pc)?;
    let shift = 8 * (address & 3);
    let mask = match width {
        Width::Byte => 0xFFu32,
        Width::Half => 0xFFFF,
        Width::Word => 0xFFFF_FFFF,
    } << shift;
    let word = &mut memory.words[index];
    *word = (*word & !mask) | ((value << shift) & mask);
    Ok(())
}

/// The interpreter loop behind [`run`].
pub(crate) fn execute_program(
    program: &Program,
    input: &[u8],
    options: &RunOptions,
) -> Result<Halted, ExecutionError> {
    let mut memory = Memory::initial(program, input)?;
    let mut regs = [0u32; 32];
    regs.copy_from_slice(&memory.words[..32]);
    let code = program.code();
    let code_start = program.code_range().0;
    let mut counts = vec![0u64; code.len()];
    let mut pc = program.entry();
    let mut executed: u64 = 0;

    loop {
        let index = (pc.wrapping_sub(code_start) >> 2) as usize;
        let inst = match code.get(index) {
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
        counts[index] += 1;

        let effect = execute(inst, pc, regs[inst.rs1 as usize], regs[inst.rs2 as usize]);
        match effect.memory {
            MemoryOp::None => {
                if let Some(value) = effect.rd_value {
                    regs[inst.rd as usize] = value;
                }
            }
            MemoryOp::Load {
                address,
                width,
                signed,
            } => {
                let raw = load(&memory, address, width, pc)?;
                regs[inst.rd as usize] = load_extend(raw, width, signed);
            }
            MemoryOp::Store {
                address,
                width,
                value,
            } => {
                store(&mut memory, address, value, width, pc)?;
            }
        }
        if let Some(trap) = effect.trap {
            let word = inst.encode();
            match trap {
                Trap::Ebreak => return Err(ExecutionError::Ebreak { pc, word }),
                Trap::Ecall if regs[17] != EXIT_SYSCALL => {
                    return Err(ExecutionError::UnsupportedEcall {
                        pc,
                        word,
                        a7: regs[17],
                    })
                }
                Trap::Ecall => {
                    regs[0] = 0;
                    memory.halt(&regs);
                    return Ok(Halted {
                        memory,
                        instructions: executed,
                        counts,
                    });
                }
            }
        }
        if effect.next_pc & 3 != 0 {
            return Err(ExecutionError::MisalignedJump {
                pc,
                target: effect.next_pc,
            });
        }
        regs[0] = 0;
        pc = effect.next_pc;
    }
}
