//! Advice: values the prover supplies to a virtual sequence, which the sequence's assertions
//! then pin down uniquely.

/// Which advice value an [`Advice`](super::VirtualOpcode::Advice) row receives. The honest
/// value is [`advice_value`] of the row's `rs1`, `rs2` values (the dividend `x` and divisor `y`
/// of the RISC-V instruction being expanded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AdviceKind {
    /// `x / y` (unsigned), `2^32 − 1` when `y = 0`. DIVU/REMU.
    UnsignedQuotient,
    /// `x mod y` (unsigned), `x` when `y = 0`. DIVU/REMU.
    UnsignedRemainder,
    /// `|x_s| / |y_s|` for the signed operands; when `y = 0`, the `Q` with
    /// `cneg(Q, x) = 2^32 − 1` (so that DIV's result is all ones): 1 if `x_s < 0`, else
    /// `2^32 − 1`. DIV/REM.
    MagnitudeQuotient,
    /// `|x_s| mod |y_s|`, `|x_s|` when `y = 0`. DIV/REM.
    MagnitudeRemainder,
}

impl AdviceKind {
    /// Every kind.
    pub const ALL: [AdviceKind; 4] = [
        AdviceKind::UnsignedQuotient,
        AdviceKind::UnsignedRemainder,
        AdviceKind::MagnitudeQuotient,
        AdviceKind::MagnitudeRemainder,
    ];
}

/// The honest advice of `kind` for `x = rs1`, `y = rs2` (see [`AdviceKind`]).
pub fn advice_value(kind: AdviceKind, x: u32, y: u32) -> u32 {
    let magnitude = |v: u32| (v as i32).unsigned_abs();
    match kind {
        AdviceKind::UnsignedQuotient => x.checked_div(y).unwrap_or(u32::MAX),
        AdviceKind::UnsignedRemainder => x.checked_rem(y).unwrap_or(x),
        AdviceKind::MagnitudeQuotient => match magnitude(x).checked_div(magnitude(y)) {
            Some(q) => q,
            None if (x as i32) < 0 => 1,
            None => u32::MAX,
        },
        AdviceKind::MagnitudeRemainder => magnitude(x)
            .checked_rem(magnitude(y))
            .unwrap_or(magnitude(x)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitudes_of_signed_division() {
        let neg = |v: i32| v as u32;
        assert_eq!(advice_value(AdviceKind::MagnitudeQuotient, neg(-7), 2), 3);
        assert_eq!(advice_value(AdviceKind::MagnitudeRemainder, neg(-7), 2), 1);
        assert_eq!(advice_value(AdviceKind::MagnitudeQuotient, 7, neg(-2)), 3);
        let int_min = 0x8000_0000;
        assert_eq!(
            advice_value(AdviceKind::MagnitudeQuotient, int_min, u32::MAX),
            int_min
        );
        assert_eq!(
            advice_value(AdviceKind::MagnitudeRemainder, int_min, u32::MAX),
            0
        );
        assert_eq!(advice_value(AdviceKind::MagnitudeQuotient, neg(-5), 0), 1);
        assert_eq!(advice_value(AdviceKind::MagnitudeQuotient, 5, 0), u32::MAX);
        assert_eq!(advice_value(AdviceKind::MagnitudeRemainder, neg(-5), 0), 5);
        assert_eq!(advice_value(AdviceKind::UnsignedQuotient, 5, 0), u32::MAX);
        assert_eq!(advice_value(AdviceKind::UnsignedRemainder, 5, 0), 5);
    }
}
