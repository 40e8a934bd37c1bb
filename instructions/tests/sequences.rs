//! Virtual sequences against the reference semantics: every RV32IM instruction, expanded and
//! run on a register file and a word memory, has exactly the architectural effect `execute`
//! gives, touches no architectural register but `rd`, and honest assertions hold.

mod common;

use common::{instruction, operand};
use instructions::sequences::{is_virtual_register, NUM_ARCH_REGISTERS, NUM_VIRTUAL_REGISTERS};
use instructions::{expand, Honest, Instruction, Opcode, VirtualOpcode};
use proptest::prelude::*;
use std::collections::HashSet;

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
        common::check(&mut Honest, instruction(Opcode::ALL[k], rd, rs1, rs2, raw), pc, arch)?;
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
        common::check(&mut Honest, inst, 0x1000, arch)?;
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
                    if common::check(&mut Honest, inst, 0x2000, arch).unwrap() {
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
            assert!(
                common::check(&mut Honest, instruction(opcode, 3, 1, 2, 0), 0x100, arch).unwrap()
            );
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
        assert!(
            !common::check(&mut Honest, inst, 0, arch).unwrap(),
            "{inst}"
        );
    }
}

#[test]
fn exit_ecall_writes_the_exit_code_and_halts_and_other_ecalls_cannot_run() {
    let ecall = instruction(Opcode::Ecall, 0, 0, 0, 0);
    let mut arch = [0u32; 32];
    arch[10] = 42;
    arch[17] = 93;
    assert!(common::check(&mut Honest, ecall, 0x40, arch).unwrap());
    arch[17] = 64;
    assert!(!common::check(&mut Honest, ecall, 0x40, arch).unwrap());
    let ebreak = instruction(Opcode::Ebreak, 0, 0, 0, 0);
    arch[17] = 93;
    assert!(!common::check(&mut Honest, ebreak, 0x40, arch).unwrap());
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
