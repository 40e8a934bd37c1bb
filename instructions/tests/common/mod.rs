//! Shared test helpers: a word memory, boundary operands, proptest strategies.
#![allow(dead_code)]

use instructions::sequences::{NUM_ARCH_REGISTERS, NUM_VIRTUAL_REGISTERS};
use instructions::{
    execute, expand, load_extend, run_sequence_with, Format, Instruction, MemoryOp, NextPc, Opcode,
    Registers, RowError, RowOracle, Trap, Width, WordMemory,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::HashMap;

/// Operands the issue asks every instruction to be checked on, plus shift amounts.
pub const BOUNDARY: [u32; 12] = [
    0,
    1,
    2,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_0001,
    0xffff_fffe,
    0xffff_ffff,
    31,
    32,
    63,
    7,
];

/// A 32-bit operand: a boundary value half of the time, otherwise uniform.
pub fn operand() -> impl Strategy<Value = u32> {
    prop_oneof![
        (0..BOUNDARY.len()).prop_map(|i| BOUNDARY[i]),
        any::<u32>(),
        // small signed values: divisions by small numbers, short shifts
        (-9i32..10).prop_map(|v| v as u32),
    ]
}

/// Word memory over a hash map; unknown words read as a fixed pattern of the address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestMemory {
    pub words: HashMap<u32, u32>,
    pub exit_code: Option<u32>,
    pub terminated: bool,
    pub loads: usize,
    pub stores: usize,
}

/// The memory's content at a word address that was never written.
pub fn background(address: u32) -> u32 {
    address.wrapping_mul(0x9e37_79b9) ^ 0x5a5a_a5a5
}

impl TestMemory {
    pub fn word(&self, address: u32) -> u32 {
        *self.words.get(&address).unwrap_or(&background(address))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misaligned(pub u32);

impl WordMemory for TestMemory {
    type Error = Misaligned;
    fn load_word(&mut self, address: u32) -> Result<u32, Misaligned> {
        if !address.is_multiple_of(4) {
            return Err(Misaligned(address));
        }
        self.loads += 1;
        Ok(self.word(address))
    }
    fn store_word(&mut self, address: u32, value: u32) -> Result<(), Misaligned> {
        if !address.is_multiple_of(4) {
            return Err(Misaligned(address));
        }
        self.stores += 1;
        self.words.insert(address, value);
        Ok(())
    }
    fn store_exit_code(&mut self, value: u32) -> Result<(), Misaligned> {
        self.exit_code = Some(value);
        Ok(())
    }
    fn store_termination_flag(&mut self) -> Result<(), Misaligned> {
        self.terminated = true;
        Ok(())
    }
}

/// A valid instruction with the given fields (unused ones zeroed, immediates in range).
pub fn instruction(opcode: Opcode, rd: u8, rs1: u8, rs2: u8, raw: i32) -> Instruction {
    let (rd, rs1, rs2, imm) = match opcode.format() {
        Format::R => (rd, rs1, rs2, 0),
        Format::I => (rd, rs1, 0, raw >> 20),
        Format::Shift => (rd, rs1, 0, raw & 31),
        Format::S => (0, rs1, rs2, raw >> 20),
        Format::B => (0, rs1, rs2, (raw >> 19) & !1),
        Format::U => (rd, 0, 0, raw & !0xfff),
        Format::J => (rd, 0, 0, (raw >> 11) & !1),
        Format::Fence => (0, 0, 0, 0),
        Format::System => (0, 0, 0, 0),
    };
    Instruction {
        opcode,
        rd,
        rs1,
        rs2,
        imm,
    }
}

/// Registers with the given architectural values and junk in the virtual ones.
pub fn registers(arch: &[u32; 32]) -> Registers {
    let mut regs = Registers::new();
    regs.values[..32].copy_from_slice(arch);
    regs.values[0] = 0;
    for v in 0..NUM_VIRTUAL_REGISTERS {
        regs.values[(NUM_ARCH_REGISTERS + v) as usize] = 0xdead_0000 | v as u32;
    }
    regs
}

/// Runs `inst` as a virtual sequence (lookup outputs and advice from `oracle`) and through the
/// reference `execute`, and compares: `rd`, every other architectural register, memory, pc,
/// halting. Returns whether the sequence ran to completion (it must fail exactly when the
/// reference says the access is misaligned or the trap is not the exit ecall).
pub fn check<O: RowOracle>(
    oracle: &mut O,
    inst: Instruction,
    pc: u32,
    arch: [u32; 32],
) -> Result<bool, TestCaseError> {
    let mut regs = registers(&arch);
    let mut mem = TestMemory::default();
    let before = regs.clone();
    let rows = expand(&inst, pc);
    let result = run_sequence_with(&rows, &mut regs, &mut mem, oracle);
    let (x, y) = (
        before.values[inst.rs1 as usize],
        before.values[inst.rs2 as usize],
    );
    let x = if inst.rs1 == 0 { 0 } else { x };
    let y = if inst.rs2 == 0 { 0 } else { y };
    let effect = execute(&inst, pc, x, y);

    let mut expected_rd = effect.rd_value;
    let mut expected_words = TestMemory::default();
    let mut must_fail = false;
    match effect.memory {
        MemoryOp::None => {}
        MemoryOp::Load {
            address,
            width,
            signed,
        } => {
            if address % width.bytes() != 0 {
                must_fail = true;
            } else {
                let word = mem.word(address & !3);
                expected_rd = Some(load_extend(word >> (8 * (address & 3)), width, signed));
            }
        }
        MemoryOp::Store {
            address,
            width,
            value,
        } => {
            if address % width.bytes() != 0 {
                must_fail = true;
            } else {
                let aligned = address & !3;
                let lane = match width {
                    Width::Byte => 0xffu32,
                    Width::Half => 0xffff,
                    Width::Word => u32::MAX,
                } << (8 * (address & 3));
                let old = background(aligned);
                let new = (old & !lane) | ((value << (8 * (address & 3))) & lane);
                expected_words.words.insert(aligned, new);
            }
        }
    }
    let halts = match effect.trap {
        Some(Trap::Ebreak) => {
            must_fail = true;
            false
        }
        Some(Trap::Ecall) if x_of(&before, 17) != 93 => {
            must_fail = true;
            false
        }
        Some(Trap::Ecall) => true,
        None => false,
    };

    let outcome = match result {
        Err(e) => {
            prop_assert!(must_fail, "{inst}: unexpected failure {e}");
            prop_assert!(
                matches!(e.error, RowError::AssertionFailed { .. }),
                "{inst}: {e}"
            );
            // A failing assertion stops the sequence before it writes rd or memory.
            prop_assert_eq!(&regs.values[..32], &before.values[..32]);
            prop_assert_eq!(mem.stores, 0);
            return Ok(false);
        }
        Ok(outcome) => outcome,
    };
    prop_assert!(!must_fail, "{inst}: should have failed");
    for r in 1..32u8 {
        let value = regs.values[r as usize];
        match expected_rd {
            Some(v) if r == inst.rd => prop_assert_eq!(value, v, "{} rd", inst),
            _ => prop_assert_eq!(value, before.values[r as usize], "{} touched x{}", inst, r),
        }
    }
    prop_assert_eq!(&mem.words, &expected_words.words, "{} memory", inst);
    if halts {
        prop_assert_eq!(outcome.next_pc, NextPc::Halt);
        prop_assert_eq!(mem.exit_code, Some(x_of(&before, 10)));
        prop_assert!(mem.terminated);
    } else {
        prop_assert_eq!(outcome.next_pc, NextPc::Goto(effect.next_pc), "{} pc", inst);
        prop_assert!(!mem.terminated && mem.exit_code.is_none());
    }
    Ok(true)
}

pub fn x_of(regs: &Registers, r: usize) -> u32 {
    if r == 0 {
        0
    } else {
        regs.values[r]
    }
}
