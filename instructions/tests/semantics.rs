//! Reference semantics against the spec's corner cases.

use instructions::{alu, execute, load_extend, Instruction, MemoryOp, Opcode, Trap, Width};

const INT_MIN: u32 = 0x8000_0000;
const NEG1: u32 = u32::MAX;
fn neg(x: i32) -> u32 {
    (-x) as u32
}

#[test]
fn division_follows_the_spec() {
    use Opcode::*;
    // Truncation toward zero; remainder takes the dividend's sign.
    assert_eq!(alu(Div, neg(7), 2), Some(neg(3)));
    assert_eq!(alu(Rem, neg(7), 2), Some(neg(1)));
    assert_eq!(alu(Div, 7, neg(2)), Some(neg(3)));
    assert_eq!(alu(Rem, 7, neg(2)), Some(1));
    assert_eq!(alu(Div, neg(7), neg(2)), Some(3));
    assert_eq!(alu(Rem, neg(7), neg(2)), Some(neg(1)));
    // Division by zero.
    assert_eq!(alu(Div, 5, 0), Some(NEG1));
    assert_eq!(alu(Divu, 5, 0), Some(NEG1));
    assert_eq!(alu(Rem, neg(5), 0), Some(neg(5)));
    assert_eq!(alu(Remu, 5, 0), Some(5));
    // Overflow.
    assert_eq!(alu(Div, INT_MIN, NEG1), Some(INT_MIN));
    assert_eq!(alu(Rem, INT_MIN, NEG1), Some(0));
    assert_eq!(alu(Divu, INT_MIN, NEG1), Some(0));
    assert_eq!(alu(Remu, INT_MIN, NEG1), Some(INT_MIN));
}

#[test]
fn multiplication_high_halves() {
    use Opcode::*;
    assert_eq!(alu(Mul, NEG1, NEG1), Some(1));
    assert_eq!(alu(Mulh, NEG1, NEG1), Some(0));
    assert_eq!(alu(Mulhu, NEG1, NEG1), Some(0xffff_fffe));
    assert_eq!(alu(Mulhsu, NEG1, NEG1), Some(NEG1));
    assert_eq!(alu(Mulh, INT_MIN, INT_MIN), Some(0x4000_0000));
    assert_eq!(alu(Mulhsu, INT_MIN, NEG1), Some(0x8000_0000));
}

#[test]
fn shifts_use_five_bits() {
    use Opcode::*;
    assert_eq!(alu(Sll, 1, 33), Some(2));
    assert_eq!(alu(Srl, INT_MIN, 63), Some(1));
    assert_eq!(alu(Sra, INT_MIN, 31), Some(NEG1));
    assert_eq!(alu(Sra, INT_MIN, 32), Some(INT_MIN));
    assert_eq!(alu(Slt, NEG1, 0), Some(1));
    assert_eq!(alu(Sltu, NEG1, 0), Some(0));
    assert_eq!(alu(Beq, 0, 0), None);
}

#[test]
fn control_flow_and_memory_effects() {
    let jalr = Instruction {
        opcode: Opcode::Jalr,
        rd: 1,
        rs1: 5,
        rs2: 0,
        imm: 3,
    };
    let e = execute(&jalr, 0x100, 0x2000, 0);
    assert_eq!((e.next_pc, e.rd_value), (0x2002, Some(0x104)));
    let bne = Instruction {
        opcode: Opcode::Bne,
        rd: 0,
        rs1: 1,
        rs2: 2,
        imm: -8,
    };
    assert_eq!(execute(&bne, 0x100, 1, 2).next_pc, 0xf8);
    assert_eq!(execute(&bne, 0x100, 2, 2).next_pc, 0x104);
    let auipc = Instruction {
        opcode: Opcode::Auipc,
        rd: 1,
        rs1: 0,
        rs2: 0,
        imm: -4096,
    };
    assert_eq!(execute(&auipc, 0x1000, 0, 0).rd_value, Some(0));
    let lh = Instruction {
        opcode: Opcode::Lh,
        rd: 1,
        rs1: 2,
        rs2: 0,
        imm: -2,
    };
    assert_eq!(
        execute(&lh, 0, 0x1002, 0).memory,
        MemoryOp::Load {
            address: 0x1000,
            width: Width::Half,
            signed: true
        }
    );
    let sb = Instruction {
        opcode: Opcode::Sb,
        rd: 0,
        rs1: 2,
        rs2: 3,
        imm: 1,
    };
    assert_eq!(
        execute(&sb, 0, 0x1000, 0xabcd).memory,
        MemoryOp::Store {
            address: 0x1001,
            width: Width::Byte,
            value: 0xabcd
        }
    );
    let ecall = Instruction {
        opcode: Opcode::Ecall,
        rd: 0,
        rs1: 0,
        rs2: 0,
        imm: 0,
    };
    assert_eq!(execute(&ecall, 0, 0, 0).trap, Some(Trap::Ecall));
}

#[test]
fn loads_extend_as_specified() {
    assert_eq!(load_extend(0x0000_0080, Width::Byte, true), 0xffff_ff80);
    assert_eq!(load_extend(0x1234_5680, Width::Byte, false), 0x80);
    assert_eq!(load_extend(0x0000_8001, Width::Half, true), 0xffff_8001);
    assert_eq!(load_extend(0xffff_8001, Width::Half, false), 0x8001);
    assert_eq!(load_extend(0xdead_beef, Width::Word, true), 0xdead_beef);
}
