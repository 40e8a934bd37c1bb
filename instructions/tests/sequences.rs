//! Virtual sequences against the reference semantics: every RV32IM instruction, expanded and
//! run on a register file and a word memory, has exactly the architectural effect `execute`
//! gives, touches no architectural register but `rd`, and honest assertions hold.

mod common;

use common::{operand, TestMemory};
use instructions::sequences::{is_virtual_register, NUM_ARCH_REGISTERS, NUM_VIRTUAL_REGISTERS};
use instructions::{
    execute, expand, load_extend, run_sequence, Format, Instruction, MemoryOp, NextPc, Opcode,
    Registers, RowError, Trap, VirtualOpcode, Width,
};
use proptest::prelude::*;
use std::collections::HashSet;

/// A valid instruction with the given fields (unused ones zeroed, immediates in range).
fn instruction(opcode: Opcode, rd: u8, rs1: u8, rs2: u8, raw: i32) -> Instruction {
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
fn registers(arch: &[u32; 32]) -> Registers {
    let mut regs = Registers::new();
    regs.values[..32].copy_from_slice(arch);
    regs.values[0] = 0;
    for v in 0..NUM_VIRTUAL_REGISTERS {
        regs.values[(NUM_ARCH_REGISTERS + v) as usize] = 0xdead_0000 | v as u32;
    }
    regs
}

/// Runs `inst` both ways and compares; returns whether the sequence ran to completion.
fn check(inst: Instruction, pc: u32, arch: [u32; 32]) -> Result<bool, TestCaseError> {
    let mut regs = registers(&arch);
    let mut mem = TestMemory::default();
    let before = regs.clone();
    let rows = expand(&inst, pc);
    let result = run_sequence(&rows, &mut regs, &mut mem);
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
                let old = common::background(aligned);
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

fn x_of(regs: &Registers, r: usize) -> u32 {
    if r == 0 {
        0
    } else {
        regs.values[r]
    }
}

fn arch_registers() -> impl Strategy<Value = [u32; 32]> {
    prop::array::uniform32(operand())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every opcode, random registers (aliasing included), random immediates.
    #[test]
    fn every_instruction_matches_the_reference(
        k in 0..Opcode::ALL.len(),
        rd in 0u8..32, rs1 in 0u8..32, rs2 in 0u8..32,
        raw in any::<i32>(),
        pc in (0u32..0x4000_0000).prop_map(|p| p * 4),
        arch in arch_registers(),
    ) {
        check(instruction(Opcode::ALL[k], rd, rs1, rs2, raw), pc, arch)?;
    }

    /// Byte and halfword loads and stores at every offset around a random base.
    #[test]
    fn sub_word_accesses_at_every_offset(
        k in 0usize..6,
        base in any::<u32>(),
        offset in -8i32..8,
        value in operand(),
    ) {
        let opcode = [Opcode::Lb, Opcode::Lbu, Opcode::Lh, Opcode::Lhu, Opcode::Sb, Opcode::Sh][k];
        let mut arch = [0u32; 32];
        arch[5] = base;
        arch[6] = value;
        let inst = Instruction { opcode, rd: if k < 4 { 7 } else { 0 }, rs1: 5,
            rs2: if k < 4 { 0 } else { 6 }, imm: offset };
        check(inst, 0x1000, arch)?;
    }
}

#[test]
fn every_opcode_on_boundary_operands() {
    let mut completed = 0;
    for opcode in Opcode::ALL {
        for &a in &common::BOUNDARY {
            for &b in &common::BOUNDARY {
                let mut arch = [0u32; 32];
                arch[11] = a;
                arch[12] = b;
                arch[17] = 93;
                for (rd, rs1, rs2) in [(10, 11, 12), (11, 11, 12), (12, 11, 12), (0, 11, 12)] {
                    let inst = instruction(opcode, rd, rs1, rs2, ((b << 20) | (b & 31)) as i32);
                    if check(inst, 0x2000, arch).unwrap() {
                        completed += 1;
                    }
                }
            }
        }
    }
    assert!(completed > 7000, "{completed}");
}

#[test]
fn division_edge_cases_follow_the_spec() {
    let neg = |v: i32| v as u32;
    let cases = [
        (neg(-7), 2),
        (7, neg(-2)),
        (neg(-7), neg(-2)),
        (0x8000_0000, neg(-1)),
        (0x8000_0000, 1),
        (0x8000_0000, 0),
        (5, 0),
        (neg(-5), 0),
        (0, 0),
        (u32::MAX, u32::MAX),
        (1, 0x8000_0001),
        (0, 2),
    ];
    for opcode in [Opcode::Div, Opcode::Divu, Opcode::Rem, Opcode::Remu] {
        for (x, y) in cases {
            let mut arch = [0u32; 32];
            arch[1] = x;
            arch[2] = y;
            assert!(check(instruction(opcode, 3, 1, 2, 0), 0x100, arch).unwrap());
        }
    }
}

#[test]
fn misaligned_accesses_fail_their_alignment_assertion() {
    for (opcode, offset) in [
        (Opcode::Lw, 1),
        (Opcode::Lw, 2),
        (Opcode::Sw, 3),
        (Opcode::Lh, 1),
        (Opcode::Lhu, 3),
        (Opcode::Sh, 1),
    ] {
        let mut arch = [0u32; 32];
        arch[1] = 0x1000;
        arch[2] = 0xabcd_ef01;
        let inst = instruction(opcode, 3, 1, 2, offset << 20);
        assert!(!check(inst, 0, arch).unwrap(), "{inst}");
    }
}

#[test]
fn exit_ecall_writes_the_exit_code_and_halts_and_other_ecalls_cannot_run() {
    let ecall = instruction(Opcode::Ecall, 0, 0, 0, 0);
    let mut arch = [0u32; 32];
    arch[10] = 42;
    arch[17] = 93;
    assert!(check(ecall, 0x40, arch).unwrap());
    arch[17] = 64;
    assert!(!check(ecall, 0x40, arch).unwrap());
    let ebreak = instruction(Opcode::Ebreak, 0, 0, 0, 0);
    arch[17] = 93;
    assert!(!check(ebreak, 0x40, arch).unwrap());
}

#[test]
fn sequences_are_well_formed() {
    let mut used = HashSet::new();
    for opcode in Opcode::ALL {
        for (rd, rs1, rs2) in [(1, 2, 3), (5, 5, 5), (0, 31, 0)] {
            let inst = instruction(opcode, rd, rs1, rs2, 0x7654_3210);
            let rows = expand(&inst, 0x8000);
            assert!(!rows.is_empty());
            assert_eq!(rows.len(), instructions::sequence_length(opcode));
            let n = rows.len();
            let mut written: HashSet<u8> = HashSet::new();
            for (i, row) in rows.iter().enumerate() {
                used.insert(row.opcode);
                assert_eq!(row.address, 0x8000);
                let expected = if n == 1 {
                    None
                } else {
                    Some((n - 1 - i) as u16)
                };
                assert_eq!(row.virtual_remaining, expected, "{inst} row {i}");
                for r in [row.rd, row.rs1, row.rs2] {
                    assert!(
                        r < NUM_ARCH_REGISTERS + NUM_VIRTUAL_REGISTERS,
                        "{inst}: {row}"
                    );
                }
                // A virtual register is written before it is read.
                for r in [row.rs1, row.rs2] {
                    assert!(
                        !is_virtual_register(r) || written.contains(&r),
                        "{inst}: {row} reads an unwritten virtual register"
                    );
                }
                if i + 1 < n {
                    assert!(
                        row.rd == 0 || is_virtual_register(row.rd),
                        "{inst}: row {i} writes an architectural register"
                    );
                } else {
                    assert!(
                        !is_virtual_register(row.rd),
                        "{inst}: last row writes {row}"
                    );
                }
                if is_virtual_register(row.rd) {
                    written.insert(row.rd);
                }
            }
        }
    }
    // Every opcode the sequences use is in the opcode list, and indices are distinct.
    let indices: HashSet<usize> = VirtualOpcode::ALL.iter().map(|op| op.index()).collect();
    assert_eq!(indices.len(), VirtualOpcode::ALL.len());
    for op in used {
        assert_eq!(VirtualOpcode::ALL[op.index()], op);
    }
}
