//! Decoding: known words from the spec, every rejected class, and encode ∘ decode round trips.

use instructions::{decode, DecodeErrorKind, Format, Instruction, Opcode};
use proptest::prelude::*;

fn inst(opcode: Opcode, rd: u8, rs1: u8, rs2: u8, imm: i32) -> Instruction {
    Instruction {
        opcode,
        rd,
        rs1,
        rs2,
        imm,
    }
}

#[test]
fn known_words_decode_as_the_spec_says() {
    use Opcode::*;
    let table = [
        (0x00c5_8533, inst(Add, 10, 11, 12, 0)), // add a0, a1, a2
        (0x0010_0093, inst(Addi, 1, 0, 0, 1)),   // addi ra, zero, 1
        (0x1234_52b7, inst(Lui, 5, 0, 0, 0x1234_5000)), // lui t0, 0x12345
        (0x0080_00ef, inst(Jal, 1, 0, 0, 8)),    // jal ra, 8
        (0x0020_a223, inst(Sw, 0, 1, 2, 4)),     // sw sp, 4(ra)
        (0xfe00_0ee3, inst(Beq, 0, 0, 0, -4)),   // beq zero, zero, -4
        (0x0220_81b3, inst(Mul, 3, 1, 2, 0)),    // mul gp, ra, sp
        (0x0220_c1b3, inst(Div, 3, 1, 2, 0)),    // div gp, ra, sp
        (0x4030_d093, inst(Srai, 1, 1, 0, 3)),   // srai ra, ra, 3
        (0xfff0_0513, inst(Addi, 10, 0, 0, -1)), // li a0, -1
        (0x0000_0073, inst(Ecall, 0, 0, 0, 0)),
        (0x0010_0073, inst(Ebreak, 0, 0, 0, 0)),
    ];
    for (word, expected) in table {
        assert_eq!(decode(word), Ok(expected), "{word:#010x}");
        assert_eq!(expected.encode(), word, "{expected}");
    }
}

#[test]
fn every_invalid_class_is_rejected_with_its_reason() {
    use DecodeErrorKind::*;
    let cases = [
        (0x0000_0001, Compressed),
        (0x0010_1073, Csr),                     // csrrw zero, fflags?, zero
        (0x3020_0073, Privileged),              // mret
        (0x1050_0073, Privileged),              // wfi
        (0x0200_9093, ShiftAmountTooLarge),     // slli ra, ra, 32
        (0x4200_d093, ShiftAmountTooLarge),     // srai ra, ra, 32
        (0x0000_202f, UnsupportedOpcode(0x2f)), // AMO
        (0x0000_2007, UnsupportedOpcode(0x07)), // flw
        (0x0000_007f, UnsupportedOpcode(0x7f)),
    ];
    for (word, kind) in cases {
        let err = decode(word).unwrap_err();
        assert_eq!(err.kind, kind, "{word:#010x}");
        assert_eq!(err.word, word);
        assert!(err.to_string().contains(&format!("{word:#010x}")));
    }
    for word in [
        0x0000_100f_u32,
        0x0000_2063,
        0x0000_3003,
        0x0000_3023,
        0x0400_0033,
        0x0000_1067,
    ] {
        assert!(
            matches!(decode(word).unwrap_err().kind, ReservedFunct { .. }),
            "{word:#010x}"
        );
    }
    assert_eq!(decode(0).unwrap_err().kind, Compressed);
}

/// A random valid instruction: fields the format does not use are zero, immediates in range.
fn any_instruction() -> impl Strategy<Value = Instruction> {
    (
        0usize..Opcode::ALL.len(),
        0u8..32,
        0u8..32,
        0u8..32,
        any::<i32>(),
    )
        .prop_map(|(k, rd, rs1, rs2, raw)| {
            let opcode = Opcode::ALL[k];
            let i = |imm| Instruction {
                opcode,
                rd,
                rs1,
                rs2: 0,
                imm,
            };
            match opcode.format() {
                Format::R => Instruction {
                    opcode,
                    rd,
                    rs1,
                    rs2,
                    imm: 0,
                },
                Format::I => i(raw >> 20),
                Format::Shift => i(raw & 31),
                Format::S => Instruction {
                    opcode,
                    rd: 0,
                    rs1,
                    rs2,
                    imm: raw >> 20,
                },
                Format::B => Instruction {
                    opcode,
                    rd: 0,
                    rs1,
                    rs2,
                    imm: (raw >> 19) & !1,
                },
                Format::U => Instruction {
                    opcode,
                    rd,
                    rs1: 0,
                    rs2: 0,
                    imm: raw & !0xfff,
                },
                Format::J => Instruction {
                    opcode,
                    rd,
                    rs1: 0,
                    rs2: 0,
                    imm: (raw >> 11) & !1,
                },
                Format::Fence => Instruction {
                    opcode,
                    rd,
                    rs1,
                    rs2: 0,
                    imm: raw & 0xfff,
                },
                Format::System => Instruction {
                    opcode,
                    rd: 0,
                    rs1: 0,
                    rs2: 0,
                    imm: 0,
                },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decode_inverts_encode(i in any_instruction()) {
        prop_assert_eq!(decode(i.encode()), Ok(i));
    }

    #[test]
    fn decode_never_panics_and_reencodes(word in any::<u32>()) {
        if let Ok(i) = decode(word) {
            // Re-encoding a decoded word gives a word that decodes to the same instruction.
            prop_assert_eq!(decode(i.encode()), Ok(i));
        }
    }
}
