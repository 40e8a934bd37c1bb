//! Division sequences with *wrong* advice: every wrong quotient or remainder a cheating
//! prover could aim for is rejected by some assertion, and whenever all assertions pass the
//! result is the spec's (tested against `alu`, never against the sequence itself).

mod common;

use common::{operand, TestMemory};
use instructions::{
    alu, expand, run_sequence_with, AdviceKind, Instruction, LookupId, Opcode, Registers, RowError,
    RowOracle,
};
use proptest::prelude::*;

/// Advice forced to chosen values.
struct Forced {
    quotient: u32,
    remainder: u32,
}

impl RowOracle for Forced {
    fn advice(&mut self, kind: AdviceKind, _x: u32, _y: u32) -> u32 {
        match kind {
            AdviceKind::UnsignedQuotient | AdviceKind::MagnitudeQuotient => self.quotient,
            AdviceKind::UnsignedRemainder | AdviceKind::MagnitudeRemainder => self.remainder,
        }
    }
}

fn cneg(v: u32, sign_of: u32) -> u32 {
    LookupId::Cneg.lookup_output(v, sign_of)
}

/// Runs `opcode x3, x1, x2` on `x`, `y` with the advice that makes the sequence produce
/// quotient `q` and remainder `r` (magnitudes for the signed ops). `Ok(rd)` if every assertion
/// held.
fn run_with_target(opcode: Opcode, x: u32, y: u32, q: u32, r: u32) -> Result<u32, String> {
    let signed = matches!(opcode, Opcode::Div | Opcode::Rem);
    let mut oracle = if signed {
        Forced {
            quotient: cneg(q, x ^ y),
            remainder: cneg(r, x),
        }
    } else {
        Forced {
            quotient: q,
            remainder: r,
        }
    };
    let inst = Instruction {
        opcode,
        rd: 3,
        rs1: 1,
        rs2: 2,
        imm: 0,
    };
    let mut regs = Registers::new();
    regs.values[1] = x;
    regs.values[2] = y;
    let rows = expand(&inst, 0);
    match run_sequence_with(&rows, &mut regs, &mut TestMemory::default(), &mut oracle) {
        Ok(_) => Ok(regs.values[3]),
        Err(e) => {
            assert!(matches!(e.error, RowError::AssertionFailed { .. }), "{e}");
            Err(e.to_string())
        }
    }
}

/// The spec's quotient and remainder.
fn spec(opcode: Opcode, x: u32, y: u32) -> (u32, u32) {
    match opcode {
        Opcode::Div | Opcode::Rem => (
            alu(Opcode::Div, x, y).unwrap(),
            alu(Opcode::Rem, x, y).unwrap(),
        ),
        _ => (
            alu(Opcode::Divu, x, y).unwrap(),
            alu(Opcode::Remu, x, y).unwrap(),
        ),
    }
}

const OPS: [Opcode; 4] = [Opcode::Div, Opcode::Divu, Opcode::Rem, Opcode::Remu];

fn is_quotient_op(opcode: Opcode) -> bool {
    matches!(opcode, Opcode::Div | Opcode::Divu)
}

/// Asserts that targeting `(q, r)` passes if it is the spec's pair, and that whenever it
/// passes, `rd` is the spec's result.
fn assert_only_the_spec_passes(opcode: Opcode, x: u32, y: u32, q: u32, r: u32) {
    let (sq, sr) = spec(opcode, x, y);
    let wanted = if is_quotient_op(opcode) { sq } else { sr };
    match run_with_target(opcode, x, y, q, r) {
        Ok(rd) => assert_eq!(
            rd, wanted,
            "{opcode:?} {x:#x}/{y:#x}: advice ({q:#x}, {r:#x}) accepted with a wrong result"
        ),
        Err(why) => assert_ne!(
            (q, r),
            (sq, sr),
            "{opcode:?} {x:#x}/{y:#x}: the spec's pair was rejected: {why}"
        ),
    }
}

const fn n(v: i32) -> u32 {
    v as u32
}

const INT_MIN: u32 = 0x8000_0000;

#[test]
fn honest_advice_passes_on_the_signed_edge_cases() {
    for (x, y) in [(n(-7), 2), (7, n(-2)), (INT_MIN, n(-1)), (n(-5), 0), (5, 0)] {
        for opcode in OPS {
            let (q, r) = spec(opcode, x, y);
            let rd = run_with_target(opcode, x, y, q, r).unwrap();
            assert_eq!(rd, if is_quotient_op(opcode) { q } else { r });
        }
    }
    // The spec, independently: truncation toward zero, remainder with the dividend's sign.
    assert_eq!(spec(Opcode::Div, n(-7), 2), (n(-3), n(-1)));
    assert_eq!(spec(Opcode::Div, 7, n(-2)), (n(-3), 1));
    assert_eq!(spec(Opcode::Div, INT_MIN, n(-1)), (INT_MIN, 0));
    assert_eq!(spec(Opcode::Div, n(-5), 0), (u32::MAX, n(-5)));
}

#[test]
fn signed_division_rejects_floor_semantics() {
    // −7 / 2: floor gives (−4, 1); 7 / −2: floor gives (−4, −1).
    for (x, y, fq, fr) in [(n(-7), 2, n(-4), 1), (7, n(-2), n(-4), n(-1))] {
        assert!(run_with_target(Opcode::Div, x, y, fq, fr).is_err());
        assert!(run_with_target(Opcode::Rem, x, y, fq, fr).is_err());
        // The right quotient with the remainder's sign flipped.
        let (q, r) = spec(Opcode::Div, x, y);
        assert!(run_with_target(Opcode::Rem, x, y, q, r.wrapping_neg()).is_err());
    }
}

#[test]
fn off_by_one_quotients_and_shifted_remainders_are_rejected() {
    for (x, y) in [
        (n(-7), 2),
        (7, n(-2)),
        (n(-7), n(-2)),
        (7, 2),
        (100, 7),
        (u32::MAX, 3),
    ] {
        for opcode in OPS {
            let (q, r) = spec(opcode, x, y);
            for (dq, dr) in [(1i64, -1i64), (-1, 1)] {
                // q ± 1 with r moved by ∓y keeps q·y + r = x (mod 2^32).
                let q2 = q.wrapping_add(dq as u32);
                let r2 = r.wrapping_add((dr as u32).wrapping_mul(y));
                assert!(run_with_target(opcode, x, y, q2, r2).is_err(), "{opcode:?}");
                assert!(run_with_target(opcode, x, y, q2, r).is_err(), "{opcode:?}");
            }
            assert!(run_with_target(opcode, x, y, q, r.wrapping_add(1)).is_err());
            assert!(run_with_target(opcode, x, y, q, r.wrapping_sub(y)).is_err());
        }
    }
}

#[test]
fn int_min_over_minus_one() {
    for opcode in [Opcode::Div, Opcode::Rem] {
        for (q, r) in [(0x7fff_ffff, 0), (0, INT_MIN), (INT_MIN, 1), (1, 0)] {
            assert_only_the_spec_passes(opcode, INT_MIN, n(-1), q, r);
        }
    }
    assert!(run_with_target(Opcode::Div, INT_MIN, n(-1), 0x7fff_ffff, 0).is_err());
}

#[test]
fn division_by_zero_needs_an_all_ones_quotient() {
    for x in [0, 5, n(-5), INT_MIN, u32::MAX] {
        for opcode in [Opcode::Div, Opcode::Divu] {
            for q in [0, 1, x, 0x7fff_ffff, u32::MAX - 1] {
                if q == u32::MAX {
                    continue;
                }
                assert!(
                    run_with_target(opcode, x, 0, q, x).is_err(),
                    "{opcode:?} {x:#x}"
                );
            }
        }
        for opcode in [Opcode::Rem, Opcode::Remu] {
            for r in [0, x.wrapping_add(1), 1, x.wrapping_neg()] {
                if r != x {
                    assert!(run_with_target(opcode, x, 0, u32::MAX, r).is_err());
                }
            }
        }
    }
}

#[test]
fn unsigned_division_rejects_wrap_around() {
    // q·y wraps: 2^31 · 2 = 2^32 ≡ 0.
    assert!(run_with_target(Opcode::Divu, 0, 2, INT_MIN, 0).is_err());
    // q·y + r wraps: 1·(2^31 + 1) + 2^31 = 2^32 + 1 ≡ 1.
    assert!(run_with_target(Opcode::Divu, 1, INT_MIN + 1, 1, INT_MIN).is_err());
    assert!(run_with_target(Opcode::Remu, 1, INT_MIN + 1, 1, INT_MIN).is_err());
}

fn candidate(x: u32, y: u32, q: u32, r: u32) -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![
        (-3i32..4, -3i32..4).prop_map(move |(dq, dr)| (
            q.wrapping_add(dq as u32),
            r.wrapping_add((dr as u32).wrapping_mul(y.max(1)))
        )),
        (-2i32..3, -2i32..3)
            .prop_map(move |(dq, dr)| (q.wrapping_add(dq as u32), r.wrapping_add(dr as u32))),
        (any::<u32>(), any::<u32>()),
        Just((q ^ INT_MIN, r)),
        Just((q, r ^ INT_MIN)),
        Just((q.wrapping_neg(), r.wrapping_neg())),
        Just((u32::MAX, x)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the advice, a run that passes every assertion yields the spec's result.
    #[test]
    fn any_accepted_advice_gives_the_spec_result(
        k in 0usize..4,
        (x, y, q, r) in (operand(), operand()).prop_flat_map(|(x, y)| {
            let (q, r) = spec(Opcode::Div, x, y);
            let (uq, ur) = spec(Opcode::Divu, x, y);
            (Just(x), Just(y), prop_oneof![candidate(x, y, q, r), candidate(x, y, uq, ur)])
                .prop_map(|(x, y, (q, r))| (x, y, q, r))
        }),
    ) {
        assert_only_the_spec_passes(OPS[k], x, y, q, r);
    }
}
