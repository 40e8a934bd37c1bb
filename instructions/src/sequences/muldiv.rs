//! The M extension beyond MUL and MULHU (which are single product lookups).
//!
//! **MULH, MULHSU** from the unsigned product and sign corrections. With `x_s = x − 2^32·s_x`
//! (`s_x = msb(x)`), `x_s·y_s = x·y − 2^32(s_x·y + s_y·x) + 2^64·s_x·s_y`, so modulo 2^32
//!
//! ```text
//! mulh(x, y)   = mulhu(x, y) − s_x·y − s_y·x,      mulhsu(x, y) = mulhu(x, y) − s_x·y,
//! ```
//!
//! and `−s_x·y = (sign_mask(x) · y) mod 2^32` since `sign_mask(x) ∈ {0, 2^32 − 1 ≡ −1}`.
//!
//! **DIVU, REMU** take the quotient `q` and remainder `r` as advice (range-checked by the
//! identity lookup) and assert
//!
//! ```text
//! y = 0 ∨ r < y,   q·y < 2^32,   q·y + r < 2^32,   q·y + r = x,   (DIVU) y ≠ 0 ∨ q = 2^32−1.
//! ```
//!
//! For `y ≠ 0` the middle three say `x = q·y + r` over the integers (no wrap-around: without
//! the two overflow checks `q = 2^31, r = 0` would pass for `x = 0, y = 2`, and
//! `q = 1, r = 2^31` for `x = 1, y = 2^31 + 1`), which with `0 ≤ r < y` fixes `(q, r)`. For
//! `y = 0` they force `r = x`, and the last check forces `q = 2^32 − 1`, as the spec says.
//!
//! **DIV, REM** reduce to the unsigned checks on magnitudes: `|x| = Q·|y| + R`, `R < |y|`
//! (with `|·|` from the CNEG lookup, `|−2^31| = 2^31`), then `q = cneg(Q, x ⊕ y)` (negated iff
//! the signs differ) and `r = cneg(R, x)` (the remainder takes the *dividend's* sign: the
//! division truncates toward zero). `INT_MIN / −1` gives `Q = 2^31`, `q = 2^31 = INT_MIN`,
//! `r = 0`. For `y = 0`, `R = |x|` so `r = x`, and the final DIV0 check on `q` forces the
//! advice `Q` to be the one with `cneg(Q, x) = 2^32 − 1`.

use super::advice::AdviceKind;
use super::expand::{SequenceBuilder, V0, V1, V2, V3, V4, V5};
use super::row::VirtualOpcode as V;
use crate::decode::Opcode;

/// Appends the rows of `opcode rd, rs1, rs2` (MULH, MULHSU, DIV, DIVU, REM or REMU).
pub(super) fn expand(seq: &mut SequenceBuilder, opcode: Opcode, rd: u8, rs1: u8, rs2: u8) {
    match opcode {
        Opcode::Mulh => {
            seq.row(V::SignMask, V0, rs1, 0, 0)
                .row(V::SignMask, V1, rs2, 0, 0)
                .row(V::Mulhu, V2, rs1, rs2, 0)
                .row(V::Mul, V0, V0, rs2, 0)
                .row(V::Mul, V1, V1, rs1, 0)
                .row(V::Add, V2, V2, V0, 0)
                .row(V::Add, rd, V2, V1, 0);
        }
        Opcode::Mulhsu => {
            seq.row(V::SignMask, V0, rs1, 0, 0)
                .row(V::Mulhu, V1, rs1, rs2, 0)
                .row(V::Mul, V0, V0, rs2, 0)
                .row(V::Add, rd, V1, V0, 0);
        }
        Opcode::Divu | Opcode::Remu => {
            unsigned_division(seq, rs1, rs2, rs1, rs2, AdviceKind::UnsignedQuotient);
            if opcode == Opcode::Divu {
                seq.row(V::AssertValidDiv0, 0, rs2, V0, 0)
                    .row(V::Move, rd, V0, 0, 0);
            } else {
                seq.row(V::Move, rd, V1, 0, 0);
            }
        }
        Opcode::Div | Opcode::Rem => {
            seq.row(V::Cneg, V3, rs1, rs1, 0)
                .row(V::Cneg, V4, rs2, rs2, 0);
            unsigned_division(seq, V3, V4, rs1, rs2, AdviceKind::MagnitudeQuotient);
            if opcode == Opcode::Div {
                seq.row(V::Xor, V5, rs1, rs2, 0)
                    .row(V::Cneg, V0, V0, V5, 0)
                    .row(V::AssertValidDiv0, 0, rs2, V0, 0)
                    .row(V::Move, rd, V0, 0, 0);
            } else {
                seq.row(V::Cneg, rd, V1, rs1, 0);
            }
        }
        other => panic!("{other:?} has no M-extension sequence"),
    }
}

/// Quotient in `v0`, remainder in `v1` of `x / y` (registers `x`, `y`), checked as in the
/// module docs. The advice rows read the RISC-V operands `rs1`, `rs2`; `quotient` is the
/// quotient advice kind (the remainder kind is its partner).
fn unsigned_division(
    seq: &mut SequenceBuilder,
    x: u8,
    y: u8,
    rs1: u8,
    rs2: u8,
    quotient: AdviceKind,
) {
    let remainder = match quotient {
        AdviceKind::UnsignedQuotient => AdviceKind::UnsignedRemainder,
        AdviceKind::MagnitudeQuotient => AdviceKind::MagnitudeRemainder,
        other => panic!("{other:?} is not a quotient"),
    };
    seq.row(V::Advice(quotient), V0, rs1, rs2, 0)
        .row(V::Advice(remainder), V1, rs1, rs2, 0)
        .row(V::AssertValidUnsignedRemainder, 0, V1, y, 0)
        .row(V::AssertMulNoOverflow, 0, V0, y, 0)
        .row(V::Mul, V2, V0, y, 0)
        .row(V::AssertAddNoOverflow, 0, V2, V1, 0)
        .row(V::Add, V2, V2, V1, 0)
        .row(V::AssertEq, 0, V2, x, 0);
}
