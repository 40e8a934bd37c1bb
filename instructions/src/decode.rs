//! Decoding 32-bit words into typed RV32IM instructions, and encoding them back.
//!
//! Field layout (RISC-V unprivileged spec, "Base Instruction Formats"): `opcode = w[6:0]`,
//! `rd = w[11:7]`, `funct3 = w[14:12]`, `rs1 = w[19:15]`, `rs2 = w[24:20]`, `funct7 = w[31:25]`.
//! Immediates are sign-extended from bit 31 in every format:
//! I `w[31:20]`; S `w[31:25] ‖ w[11:7]`; B `w[31] ‖ w[7] ‖ w[30:25] ‖ w[11:8] ‖ 0`;
//! U `w[31:12] ‖ 0^12`; J `w[31] ‖ w[19:12] ‖ w[20] ‖ w[30:21] ‖ 0`.

use thiserror::Error;

/// Every RV32I and RV32M instruction.
#[allow(missing_docs)] // the variant names are the mnemonics of the spec
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Opcode {
    Lui,
    Auipc,
    Jal,
    Jalr,
    Beq,
    Bne,
    Blt,
    Bge,
    Bltu,
    Bgeu,
    Lb,
    Lh,
    Lw,
    Lbu,
    Lhu,
    Sb,
    Sh,
    Sw,
    Addi,
    Slti,
    Sltiu,
    Xori,
    Ori,
    Andi,
    Slli,
    Srli,
    Srai,
    Add,
    Sub,
    Sll,
    Slt,
    Sltu,
    Xor,
    Srl,
    Sra,
    Or,
    And,
    Fence,
    Ecall,
    Ebreak,
    Mul,
    Mulh,
    Mulhsu,
    Mulhu,
    Div,
    Divu,
    Rem,
    Remu,
}

impl Opcode {
    /// Every opcode, in declaration order.
    pub const ALL: [Opcode; 48] = {
        use Opcode::*;
        [
            Lui, Auipc, Jal, Jalr, Beq, Bne, Blt, Bge, Bltu, Bgeu, Lb, Lh, Lw, Lbu, Lhu, Sb, Sh,
            Sw, Addi, Slti, Sltiu, Xori, Ori, Andi, Slli, Srli, Srai, Add, Sub, Sll, Slt, Sltu,
            Xor, Srl, Sra, Or, And, Fence, Ecall, Ebreak, Mul, Mulh, Mulhsu, Mulhu, Div, Divu, Rem,
            Remu,
        ]
    };

    /// The assembler mnemonic, lower case (`"add"`, `"mulhsu"`, …).
    pub fn mnemonic(self) -> &'static str {
        use Opcode::*;
        match self {
            Lui => "lui",
            Auipc => "auipc",
            Jal => "jal",
            Jalr => "jalr",
            Beq => "beq",
            Bne => "bne",
            Blt => "blt",
            Bge => "bge",
            Bltu => "bltu",
            Bgeu => "bgeu",
            Lb => "lb",
            Lh => "lh",
            Lw => "lw",
            Lbu => "lbu",
            Lhu => "lhu",
            Sb => "sb",
            Sh => "sh",
            Sw => "sw",
            Addi => "addi",
            Slti => "slti",
            Sltiu => "sltiu",
            Xori => "xori",
            Ori => "ori",
            Andi => "andi",
            Slli => "slli",
            Srli => "srli",
            Srai => "srai",
            Add => "add",
            Sub => "sub",
            Sll => "sll",
            Slt => "slt",
            Sltu => "sltu",
            Xor => "xor",
            Srl => "srl",
            Sra => "sra",
            Or => "or",
            And => "and",
            Fence => "fence",
            Ecall => "ecall",
            Ebreak => "ebreak",
            Mul => "mul",
            Mulh => "mulh",
            Mulhsu => "mulhsu",
            Mulhu => "mulhu",
            Div => "div",
            Divu => "divu",
            Rem => "rem",
            Remu => "remu",
        }
    }

    /// Looks an opcode up by its mnemonic (case-insensitive).
    pub fn from_mnemonic(name: &str) -> Option<Opcode> {
        let lower = name.to_ascii_lowercase();
        Opcode::ALL.into_iter().find(|op| op.mnemonic() == lower)
    }

    /// The instruction format, which says which fields are meaningful.
    pub fn format(self) -> Format {
        use Opcode::*;
        match self {
            Lui | Auipc => Format::U,
            Jal => Format::J,
            Jalr | Lb | Lh | Lw | Lbu | Lhu | Addi | Slti | Sltiu | Xori | Ori | Andi => Format::I,
            Slli | Srli | Srai => Format::Shift,
            Beq | Bne | Blt | Bge | Bltu | Bgeu => Format::B,
            Sb | Sh | Sw => Format::S,
            Fence => Format::Fence,
            Ecall | Ebreak => Format::System,
            _ => Format::R,
        }
    }
}

/// RISC-V instruction formats (plus the special cases FENCE, shifts by immediate, SYSTEM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `rd, rs1, rs2`.
    R,
    /// `rd, rs1, imm[11:0]`.
    I,
    /// `rd, rs1, shamt[4:0]`.
    Shift,
    /// `rs1, rs2, imm[11:0]` (stores).
    S,
    /// `rs1, rs2, imm[12:1]` (branches).
    B,
    /// `rd, imm[31:12]`.
    U,
    /// `rd, imm[20:1]`.
    J,
    /// FENCE: `fm, pred, succ` kept in `imm`, `rd`/`rs1` kept as given.
    Fence,
    /// ECALL / EBREAK: no operands.
    System,
}

/// A decoded instruction. Unused fields are zero. `imm` is the sign-extended immediate (for
/// shifts the shift amount; for FENCE the raw 12-bit `fm ‖ pred ‖ succ` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instruction {
    /// What the instruction does.
    pub opcode: Opcode,
    /// Destination register `x0..x31`.
    pub rd: u8,
    /// First source register.
    pub rs1: u8,
    /// Second source register.
    pub rs2: u8,
    /// Sign-extended immediate (see the type docs).
    pub imm: i32,
}

/// Why a word is not an RV32IM instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum DecodeErrorKind {
    /// The low two bits are not `11`: a 16-bit compressed (RVC) instruction.
    #[error("compressed (RVC) instruction")]
    Compressed,
    /// A major opcode outside RV32IM (e.g. A, F, D, vector, custom).
    #[error("opcode {0:#04x} is not part of RV32IM")]
    UnsupportedOpcode(u8),
    /// A funct3/funct7 combination the spec leaves reserved or assigns to another extension.
    #[error("reserved or non-RV32IM funct3={funct3:#x} funct7={funct7:#x}")]
    ReservedFunct {
        /// The funct3 field.
        funct3: u8,
        /// The funct7 field.
        funct7: u8,
    },
    /// A shift-by-immediate with `imm[5]` set (only valid in RV64).
    #[error("shift amount with bit 5 set is reserved in RV32")]
    ShiftAmountTooLarge,
    /// A Zicsr instruction (CSRRW, …).
    #[error("CSR instructions are not supported")]
    Csr,
    /// A SYSTEM instruction other than ECALL/EBREAK (MRET, WFI, …).
    #[error("privileged SYSTEM instruction")]
    Privileged,
}

/// A word that failed to decode, with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("cannot decode {word:#010x}: {kind}")]
pub struct DecodeError {
    /// The offending word.
    pub word: u32,
    /// Why it was rejected.
    pub kind: DecodeErrorKind,
}

fn sign_extend(value: u32, bits: u32) -> i32 {
    let shift = 32 - bits;
    ((value << shift) as i32) >> shift
}

/// Decodes one 32-bit little-endian instruction word.
pub fn decode(word: u32) -> Result<Instruction, DecodeError> {
    use Opcode::*;
    let err = |kind| DecodeError { word, kind };
    if word & 0b11 != 0b11 {
        return Err(err(DecodeErrorKind::Compressed));
    }
    let opcode = (word & 0x7f) as u8;
    let rd = ((word >> 7) & 0x1f) as u8;
    let funct3 = ((word >> 12) & 0x7) as u8;
    let rs1 = ((word >> 15) & 0x1f) as u8;
    let rs2 = ((word >> 20) & 0x1f) as u8;
    let funct7 = (word >> 25) as u8;
    let reserved = || err(DecodeErrorKind::ReservedFunct { funct3, funct7 });
    let imm_i = sign_extend(word >> 20, 12);
    let imm_s = sign_extend(((word >> 25) << 5) | ((word >> 7) & 0x1f), 12);
    let imm_b = sign_extend(
        ((word >> 31) << 12)
            | (((word >> 7) & 1) << 11)
            | (((word >> 25) & 0x3f) << 5)
            | (((word >> 8) & 0xf) << 1),
        13,
    );
    let imm_u = (word & 0xffff_f000) as i32;
    let imm_j = sign_extend(
        ((word >> 31) << 20)
            | (((word >> 12) & 0xff) << 12)
            | (((word >> 20) & 1) << 11)
            | (((word >> 21) & 0x3ff) << 1),
        21,
    );
    let r = |op| Instruction {
        opcode: op,
        rd,
        rs1,
        rs2,
        imm: 0,
    };
    let i = |op| Instruction {
        opcode: op,
        rd,
        rs1,
        rs2: 0,
        imm: imm_i,
    };
    let inst = match opcode {
        0x37 => Instruction {
            opcode: Lui,
            rd,
            rs1: 0,
            rs2: 0,
            imm: imm_u,
        },
        0x17 => Instruction {
            opcode: Auipc,
            rd,
            rs1: 0,
            rs2: 0,
            imm: imm_u,
        },
        0x6f => Instruction {
            opcode: Jal,
            rd,
            rs1: 0,
            rs2: 0,
            imm: imm_j,
        },
        0x67 if funct3 == 0 => i(Jalr),
        0x63 => {
            let op = match funct3 {
                0 => Beq,
                1 => Bne,
                4 => Blt,
                5 => Bge,
                6 => Bltu,
                7 => Bgeu,
                _ => return Err(reserved()),
            };
            Instruction {
                opcode: op,
                rd: 0,
                rs1,
                rs2,
                imm: imm_b,
            }
        }
        0x03 => i(match funct3 {
            0 => Lb,
            1 => Lh,
            2 => Lw,
            4 => Lbu,
            5 => Lhu,
            _ => return Err(reserved()),
        }),
        0x23 => {
            let op = match funct3 {
                0 => Sb,
                1 => Sh,
                2 => Sw,
                _ => return Err(reserved()),
            };
            Instruction {
                opcode: op,
                rd: 0,
                rs1,
                rs2,
                imm: imm_s,
            }
        }
        0x13 => match funct3 {
            0 => i(Addi),
            2 => i(Slti),
            3 => i(Sltiu),
            4 => i(Xori),
            6 => i(Ori),
            7 => i(Andi),
            1 | 5 => {
                if funct7 & 1 == 1 && matches!(funct7 >> 1, 0 | 0x10) {
                    return Err(err(DecodeErrorKind::ShiftAmountTooLarge));
                }
                let op = match (funct3, funct7) {
                    (1, 0x00) => Slli,
                    (5, 0x00) => Srli,
                    (5, 0x20) => Srai,
                    _ => return Err(reserved()),
                };
                Instruction {
                    opcode: op,
                    rd,
                    rs1,
                    rs2: 0,
                    imm: rs2 as i32,
                }
            }
            _ => unreachable!("funct3 has three bits"),
        },
        0x33 => r(match (funct7, funct3) {
            (0x00, 0) => Add,
            (0x20, 0) => Sub,
            (0x00, 1) => Sll,
            (0x00, 2) => Slt,
            (0x00, 3) => Sltu,
            (0x00, 4) => Xor,
            (0x00, 5) => Srl,
            (0x20, 5) => Sra,
            (0x00, 6) => Or,
            (0x00, 7) => And,
            (0x01, 0) => Mul,
            (0x01, 1) => Mulh,
            (0x01, 2) => Mulhsu,
            (0x01, 3) => Mulhu,
            (0x01, 4) => Div,
            (0x01, 5) => Divu,
            (0x01, 6) => Rem,
            (0x01, 7) => Remu,
            _ => return Err(reserved()),
        }),
        0x0f if funct3 == 0 => Instruction {
            opcode: Fence,
            rd,
            rs1,
            rs2: 0,
            imm: (word >> 20) as i32,
        },
        0x0f => return Err(reserved()),
        0x73 => match (funct3, word) {
            (0, 0x0000_0073) => Instruction {
                opcode: Ecall,
                rd: 0,
                rs1: 0,
                rs2: 0,
                imm: 0,
            },
            (0, 0x0010_0073) => Instruction {
                opcode: Ebreak,
                rd: 0,
                rs1: 0,
                rs2: 0,
                imm: 0,
            },
            (0, _) | (4, _) => return Err(err(DecodeErrorKind::Privileged)),
            _ => return Err(err(DecodeErrorKind::Csr)),
        },
        0x67 => return Err(reserved()),
        other => return Err(err(DecodeErrorKind::UnsupportedOpcode(other))),
    };
    Ok(inst)
}

impl Instruction {
    /// Encodes back to the 32-bit word (`decode(i.encode()) == Ok(i)` for every decodable `i`
    /// whose unused fields are zero).
    pub fn encode(&self) -> u32 {
        use Opcode::*;
        let (rd, rs1, rs2) = (
            self.rd as u32 & 0x1f,
            self.rs1 as u32 & 0x1f,
            self.rs2 as u32 & 0x1f,
        );
        let imm = self.imm as u32;
        let r = |f7: u32, f3: u32, opc: u32| {
            (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc
        };
        let i =
            |f3: u32, opc: u32| ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
        let s = |f3: u32| {
            (((imm >> 5) & 0x7f) << 25)
                | (rs2 << 20)
                | (rs1 << 15)
                | (f3 << 12)
                | ((imm & 0x1f) << 7)
                | 0x23
        };
        let b = |f3: u32| {
            (((imm >> 12) & 1) << 31)
                | (((imm >> 5) & 0x3f) << 25)
                | (rs2 << 20)
                | (rs1 << 15)
                | (f3 << 12)
                | (((imm >> 1) & 0xf) << 8)
                | (((imm >> 11) & 1) << 7)
                | 0x63
        };
        let shift = |f7: u32, f3: u32| {
            (f7 << 25) | ((imm & 0x1f) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x13
        };
        match self.opcode {
            Lui => (imm & 0xffff_f000) | (rd << 7) | 0x37,
            Auipc => (imm & 0xffff_f000) | (rd << 7) | 0x17,
            Jal => {
                (((imm >> 20) & 1) << 31)
                    | (((imm >> 1) & 0x3ff) << 21)
                    | (((imm >> 11) & 1) << 20)
                    | (((imm >> 12) & 0xff) << 12)
                    | (rd << 7)
                    | 0x6f
            }
            Jalr => i(0, 0x67),
            Beq => b(0),
            Bne => b(1),
            Blt => b(4),
            Bge => b(5),
            Bltu => b(6),
            Bgeu => b(7),
            Lb => i(0, 0x03),
            Lh => i(1, 0x03),
            Lw => i(2, 0x03),
            Lbu => i(4, 0x03),
            Lhu => i(5, 0x03),
            Sb => s(0),
            Sh => s(1),
            Sw => s(2),
            Addi => i(0, 0x13),
            Slti => i(2, 0x13),
            Sltiu => i(3, 0x13),
            Xori => i(4, 0x13),
            Ori => i(6, 0x13),
            Andi => i(7, 0x13),
            Slli => shift(0, 1),
            Srli => shift(0, 5),
            Srai => shift(0x20, 5),
            Add => r(0, 0, 0x33),
            Sub => r(0x20, 0, 0x33),
            Sll => r(0, 1, 0x33),
            Slt => r(0, 2, 0x33),
            Sltu => r(0, 3, 0x33),
            Xor => r(0, 4, 0x33),
            Srl => r(0, 5, 0x33),
            Sra => r(0x20, 5, 0x33),
            Or => r(0, 6, 0x33),
            And => r(0, 7, 0x33),
            Mul => r(1, 0, 0x33),
            Mulh => r(1, 1, 0x33),
            Mulhsu => r(1, 2, 0x33),
            Mulhu => r(1, 3, 0x33),
            Div => r(1, 4, 0x33),
            Divu => r(1, 5, 0x33),
            Rem => r(1, 6, 0x33),
            Remu => r(1, 7, 0x33),
            Fence => ((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x0f,
            Ecall => 0x0000_0073,
            Ebreak => 0x0010_0073,
        }
    }
}

impl core::fmt::Display for Instruction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let m = self.opcode.mnemonic();
        let (rd, rs1, rs2, imm) = (self.rd, self.rs1, self.rs2, self.imm);
        match self.opcode.format() {
            Format::R => write!(f, "{m} x{rd}, x{rs1}, x{rs2}"),
            Format::I
                if matches!(
                    self.opcode,
                    Opcode::Lb | Opcode::Lh | Opcode::Lw | Opcode::Lbu | Opcode::Lhu | Opcode::Jalr
                ) =>
            {
                write!(f, "{m} x{rd}, {imm}(x{rs1})")
            }
            Format::I | Format::Shift => write!(f, "{m} x{rd}, x{rs1}, {imm}"),
            Format::S => write!(f, "{m} x{rs2}, {imm}(x{rs1})"),
            Format::B => write!(f, "{m} x{rs1}, x{rs2}, {imm}"),
            Format::U => write!(f, "{m} x{rd}, {:#x}", (imm as u32) >> 12),
            Format::J => write!(f, "{m} x{rd}, {imm}"),
            Format::Fence | Format::System => write!(f, "{m}"),
        }
    }
}
