//! The lookup tables by name, with the output each one defines: the specification every
//! decomposition is tested against.

use crate::params::QueryKind;

/// Every lookup table used by a bytecode row. The output formulas below read `x`, `y` as
/// unsigned 32-bit integers, `x_s`, `y_s` as their two's-complement values, `msb(v)` as bit
/// 31, and `[P]` as 1 if `P` holds, else 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LookupId {
    /// `(x + y) mod 2^32`.
    Add,
    /// `(x − y) mod 2^32`.
    Sub,
    /// `(x · y) mod 2^32`.
    Mul,
    /// `⌊x · y / 2^32⌋`.
    Mulhu,
    /// `⌊x · y / 2^31⌋ mod 2^32`: with `y = 2^(31−s)` this is `x >> s`.
    ShrMul,
    /// `x`: binds a register to a value (LUI's immediate, advice, a move).
    Identity,
    /// `(x + y) mod 2^32` with bit 0 cleared: the JALR target.
    JalrTarget,
    /// `(x + y) mod 2^32` with bits 0–1 cleared: the aligned word holding a byte address.
    AlignWord,
    /// `⌊x·y / 2^24⌋ mod 2^8`: with `y = 2^(24−8k)` this is byte `k` of `x`.
    ExtractByte,
    /// [`LookupId::ExtractByte`] sign-extended from bit 7.
    ExtractByteSigned,
    /// `⌊x·y / 2^16⌋ mod 2^16`: with `y = 2^(16−8k)`, `k ∈ {0, 2}`, halfword `k/2` of `x`.
    ExtractHalf,
    /// [`LookupId::ExtractHalf`] sign-extended from bit 15.
    ExtractHalfSigned,
    /// `(x mod 2^8) · 0x0101_0101`: the low byte of `x` copied into every byte lane.
    ReplicateByte,
    /// `(x mod 2^16) · 0x0001_0001`: the low halfword of `x` copied into both lanes.
    ReplicateHalf,
    /// `msb(x) · (2^32 − 1)`: all ones if `x` is negative, else 0.
    SignMask,
    /// `x AND y`.
    And,
    /// `x OR y`.
    Or,
    /// `x XOR y`.
    Xor,
    /// `[x = y]`.
    Eq,
    /// `[x ≠ y]`.
    Ne,
    /// `[x < y]`.
    Sltu,
    /// `[x_s < y_s]`.
    Slt,
    /// `[x ≥ y]`.
    Geu,
    /// `[x_s ≥ y_s]`.
    Ge,
    /// `msb(y) ? (−x mod 2^32) : x`: conditional negation; `|x|` when `y = x`.
    Cneg,
    /// `2^(x mod 32)`: the multiplier of a left shift by `x`.
    Pow2,
    /// `2^(31 − (x mod 32))`: the multiplier of a right shift by `x` (see [`LookupId::ShrMul`]).
    ShrMultiplier,
    /// `2^(8·(3 − k))` for the byte offset `k = (x + y) mod 4`.
    ByteMultiplier,
    /// `2^(16·(1 − bit_1(x + y)))`: `2^16` for offset 0, `1` for offset 2.
    HalfMultiplier,
    /// `0xff · 2^(8k)` for `k = (x + y) mod 4`: the byte lane of the address.
    ByteLaneMask,
    /// `0xffff · 2^(16·bit_1(x + y))`: the halfword lane of the address.
    HalfLaneMask,
    /// `[(x + y) mod 4 = 0]`.
    WordAligned,
    /// `[(x + y) mod 2 = 0]`.
    HalfAligned,
    /// `[x ≠ 0 ∨ y = 2^32 − 1]` for divisor `x`, quotient `y`.
    ValidDiv0,
    /// `[y = 0 ∨ x < y]` for remainder `x`, divisor `y`.
    ValidUnsignedRemainder,
    /// `[x · y < 2^32]`.
    MulNoOverflow,
    /// `[x + y < 2^32]`.
    AddNoOverflow,
}

impl LookupId {
    /// Every lookup table, in declaration order.
    pub const ALL: [LookupId; 37] = {
        use LookupId::*;
        [
            Add,
            Sub,
            Mul,
            Mulhu,
            ShrMul,
            Identity,
            JalrTarget,
            AlignWord,
            ExtractByte,
            ExtractByteSigned,
            ExtractHalf,
            ExtractHalfSigned,
            ReplicateByte,
            ReplicateHalf,
            SignMask,
            And,
            Or,
            Xor,
            Eq,
            Ne,
            Sltu,
            Slt,
            Geu,
            Ge,
            Cneg,
            Pow2,
            ShrMultiplier,
            ByteMultiplier,
            HalfMultiplier,
            ByteLaneMask,
            HalfLaneMask,
            WordAligned,
            HalfAligned,
            ValidDiv0,
            ValidUnsignedRemainder,
            MulNoOverflow,
            AddNoOverflow,
        ]
    };

    /// A stable upper-case name (`"ADD"`, `"VALID_DIV0"`, …).
    pub fn name(self) -> &'static str {
        use LookupId::*;
        match self {
            Add => "ADD",
            Sub => "SUB",
            Mul => "MUL",
            Mulhu => "MULHU",
            ShrMul => "SHR_MUL",
            Identity => "IDENTITY",
            JalrTarget => "JALR_TARGET",
            AlignWord => "ALIGN_WORD",
            ExtractByte => "EXTRACT_BYTE",
            ExtractByteSigned => "EXTRACT_BYTE_SIGNED",
            ExtractHalf => "EXTRACT_HALF",
            ExtractHalfSigned => "EXTRACT_HALF_SIGNED",
            ReplicateByte => "REPLICATE_BYTE",
            ReplicateHalf => "REPLICATE_HALF",
            SignMask => "SIGN_MASK",
            And => "AND",
            Or => "OR",
            Xor => "XOR",
            Eq => "EQ",
            Ne => "NE",
            Sltu => "SLTU",
            Slt => "SLT",
            Geu => "GEU",
            Ge => "GE",
            Cneg => "CNEG",
            Pow2 => "POW2",
            ShrMultiplier => "SHR_MULTIPLIER",
            ByteMultiplier => "BYTE_MULTIPLIER",
            HalfMultiplier => "HALF_MULTIPLIER",
            ByteLaneMask => "BYTE_LANE_MASK",
            HalfLaneMask => "HALF_LANE_MASK",
            WordAligned => "WORD_ALIGNED",
            HalfAligned => "HALF_ALIGNED",
            ValidDiv0 => "VALID_DIV0",
            ValidUnsignedRemainder => "VALID_UNSIGNED_REMAINDER",
            MulNoOverflow => "MUL_NO_OVERFLOW",
            AddNoOverflow => "ADD_NO_OVERFLOW",
        }
    }

    /// Looks a table up by [`LookupId::name`] (case-insensitive).
    pub fn from_name(name: &str) -> Option<LookupId> {
        LookupId::ALL
            .into_iter()
            .find(|id| id.name().eq_ignore_ascii_case(name))
    }

    /// How the R1CS forms this table's query from the operands.
    pub fn query_kind(self) -> QueryKind {
        use LookupId::*;
        match self {
            Add | JalrTarget | AlignWord | ByteMultiplier | HalfMultiplier | ByteLaneMask
            | HalfLaneMask | WordAligned | HalfAligned | AddNoOverflow => QueryKind::Sum,
            Sub => QueryKind::Difference,
            Mul | Mulhu | ShrMul | ExtractByte | ExtractByteSigned | ExtractHalf
            | ExtractHalfSigned | MulNoOverflow => QueryKind::Product,
            Identity | ReplicateByte | ReplicateHalf | SignMask | Pow2 | ShrMultiplier => {
                QueryKind::Unary
            }
            And
            | Or
            | Xor
            | Eq
            | Ne
            | Sltu
            | Slt
            | Geu
            | Ge
            | Cneg
            | ValidDiv0
            | ValidUnsignedRemainder => QueryKind::Interleaved,
        }
    }

    /// Whether the table's output is a truth value (0 or 1).
    pub fn is_boolean(self) -> bool {
        use LookupId::*;
        matches!(
            self,
            Eq | Ne
                | Sltu
                | Slt
                | Geu
                | Ge
                | WordAligned
                | HalfAligned
                | ValidDiv0
                | ValidUnsignedRemainder
                | MulNoOverflow
                | AddNoOverflow
        )
    }

    /// The table entry for operands `x`, `y`: the specification of this lookup (always
    /// `< 2^32`).
    pub fn lookup_output(self, x: u32, y: u32) -> u32 {
        use LookupId::*;
        let (xs, ys) = (x as i32, y as i32);
        let sum = x as u64 + y as u64;
        let product = x as u64 * y as u64;
        let offset = sum as u32 & 3;
        match self {
            Add => x.wrapping_add(y),
            Sub => x.wrapping_sub(y),
            Mul => x.wrapping_mul(y),
            Mulhu => (product >> 32) as u32,
            ShrMul => (product >> 31) as u32,
            Identity => x,
            JalrTarget => sum as u32 & !1,
            AlignWord => sum as u32 & !3,
            ExtractByte => (product >> 24) as u8 as u32,
            ExtractByteSigned => (product >> 24) as u8 as i8 as i32 as u32,
            ExtractHalf => (product >> 16) as u16 as u32,
            ExtractHalfSigned => (product >> 16) as u16 as i16 as i32 as u32,
            ReplicateByte => (x & 0xff) * 0x0101_0101,
            ReplicateHalf => (x & 0xffff) * 0x0001_0001,
            SignMask => (xs >> 31) as u32,
            And => x & y,
            Or => x | y,
            Xor => x ^ y,
            Eq => (x == y) as u32,
            Ne => (x != y) as u32,
            Sltu => (x < y) as u32,
            Slt => (xs < ys) as u32,
            Geu => (x >= y) as u32,
            Ge => (xs >= ys) as u32,
            Cneg => {
                if ys < 0 {
                    x.wrapping_neg()
                } else {
                    x
                }
            }
            Pow2 => 1 << (x & 31),
            ShrMultiplier => 1 << (31 - (x & 31)),
            ByteMultiplier => 1 << (8 * (3 - offset)),
            HalfMultiplier => 1 << (16 * (1 - (offset >> 1))),
            ByteLaneMask => 0xff << (8 * offset),
            HalfLaneMask => 0xffff << (16 * (offset >> 1)),
            WordAligned => (offset == 0) as u32,
            HalfAligned => (offset & 1 == 0) as u32,
            ValidDiv0 => (x != 0 || y == u32::MAX) as u32,
            ValidUnsignedRemainder => (y == 0 || x < y) as u32,
            MulNoOverflow => (product >> 32 == 0) as u32,
            AddNoOverflow => (sum >> 32 == 0) as u32,
        }
    }
}

impl core::fmt::Display for LookupId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for id in LookupId::ALL {
            assert_eq!(LookupId::from_name(id.name()), Some(id));
            assert_eq!(LookupId::from_name(&id.name().to_lowercase()), Some(id));
        }
        assert_eq!(LookupId::from_name("nope"), None);
    }

    #[test]
    fn helper_tables_do_what_the_sequences_rely_on() {
        use LookupId::*;
        for s in 0..32u32 {
            for x in [0u32, 1, 0x8000_0000, 0xdead_beef, u32::MAX] {
                let up = Pow2.lookup_output(s, 0);
                assert_eq!(Mul.lookup_output(x, up), x << s);
                let down = ShrMultiplier.lookup_output(s + 32, 0);
                assert_eq!(ShrMul.lookup_output(x, down), x >> s);
            }
        }
        let word = 0x8899_aabb_u32;
        for k in 0..4u32 {
            let mult = ByteMultiplier.lookup_output(0x1000, k);
            let byte = (word >> (8 * k)) & 0xff;
            assert_eq!(ExtractByte.lookup_output(word, mult), byte);
            assert_eq!(
                ExtractByteSigned.lookup_output(word, mult),
                byte as u8 as i8 as i32 as u32
            );
            assert_eq!(ByteLaneMask.lookup_output(k, 0x1000), 0xff << (8 * k));
        }
        for k in [0u32, 2] {
            let mult = HalfMultiplier.lookup_output(k, 0);
            let half = (word >> (8 * k)) & 0xffff;
            assert_eq!(ExtractHalf.lookup_output(word, mult), half);
            assert_eq!(
                ExtractHalfSigned.lookup_output(word, mult),
                half as u16 as i16 as i32 as u32
            );
            assert_eq!(HalfLaneMask.lookup_output(k, 0), 0xffff << (8 * k));
        }
        assert_eq!(Cneg.lookup_output(5, u32::MAX), 5u32.wrapping_neg());
        assert_eq!(Cneg.lookup_output(5, 7), 5);
        assert_eq!(Cneg.lookup_output(0x8000_0000, 0x8000_0000), 0x8000_0000);
        assert_eq!(ReplicateByte.lookup_output(0x1234_56ab, 0), 0xabab_abab);
        assert_eq!(ReplicateHalf.lookup_output(0x1234_56ab, 0), 0x56ab_56ab);
    }
}
