//! Spartan for the uniform R1CS, without an inner sumcheck (see `paper-notes/spartan.md`).
//!
//! Statement: every step `t ∈ [0, T)` satisfies every constraint `A_k·B_k = C_k` of a
//! [`UniformR1cs`] over the committed columns `z_j`. Protocol:
//!
//! 1. Draw `τ ∈ F^{log T}` and weights `w_k = ρ^k`; prove with the eq-factor sumcheck
//!    `0 = Σ_t eq(τ, t)·Σ_k w_k·(A_k·B_k − C_k)(z(t), z(t+1))` (degree 3).
//! 2. At its point `r` the prover states `v_j = z̃_j(r)` for every column and `v'_j = z̃'_j(r)`
//!    for the shifted columns (`z'_j(t) = z_j(t+1)`, 0 at the last step). The verifier checks the
//!    final claim `eq(τ, r)·Σ_k w_k (A_k B_k − C_k)(v, v')` itself — `O(K·J)` work.
//! 3. One batched degree-2 sumcheck `Σ_j λ^j v'_j = Σ_y next̃(r, y)·Σ_j λ^j z_j(y)` turns the
//!    shifted claims into claims `z̃_j(r')`; the verifier evaluates `next̃(r, r')` in `O(log T)`.
//!
//! The column claims at `r` and `r'` are returned for the PCS opening; they are *not* checked
//! here.
//!
//! **Prover.** The zero-check's first round reads the columns as integers: where every
//! constraint holds at both steps of a pair, its residual is `t(t−1)·ΔA·ΔB`, so the round
//! costs one multiplication per constraint whose `A` and `B` both change (`FirstRoundSums`).
//! The later rounds run the generic eq-product sumcheck on the bound columns.

use super::builder::{LinearCombination, UniformR1cs, Variable};
use super::shift::{next_mle, next_table_from_eq};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;
use sumcheck::{
    prove_sumcheck, sum_over_pairs, verify_sumcheck, CombineFn, EqPolynomial, EqProductSumcheck,
    EqProductWithSums, MultilinearPolynomial, ProductSumcheck, RoundSums, SumcheckError,
    SumcheckProof, Transcript,
};

/// The R1CS part of a proof.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct UniformSpartanProof<F: PrimeField> {
    /// The zero-check over the steps.
    pub outer: SumcheckProof<F>,
    /// `z̃_j(r)` for every column `j`.
    pub column_evals: Vec<F>,
    /// `z̃'_j(r)` for each column read at the next step (in [`UniformR1cs::next_step_columns`] order).
    pub shifted_evals: Vec<F>,
    /// The sumcheck reducing the shifted claims.
    pub shift: SumcheckProof<F>,
    /// `z̃_j(r')` for each column read at the next step.
    pub shift_column_evals: Vec<F>,
}

/// The column evaluation claims a verified proof leaves for the PCS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpartanClaims<F: PrimeField> {
    /// The outer sumcheck point `r`.
    pub point: Vec<F>,
    /// `z̃_j(r)` for every column.
    pub column_evals: Vec<F>,
    /// The shift sumcheck point `r'`.
    pub shift_point: Vec<F>,
    /// `(j, z̃_j(r'))` for the columns read at the next step.
    pub shift_column_evals: Vec<(usize, F)>,
}

/// Why the verifier rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpartanError {
    /// A sumcheck failed its own checks.
    #[error("sumcheck: {0}")]
    Sumcheck(#[from] SumcheckError),
    /// A vector of claimed evaluations has the wrong length.
    #[error("`{field}` has {got} entries, expected {expected}")]
    WrongLength {
        /// Which vector.
        field: &'static str,
        /// Expected.
        expected: usize,
        /// Present.
        got: usize,
    },
    /// The zero-check's final claim does not match the constraints at the claimed evaluations.
    #[error("the constraints do not vanish at the claimed column evaluations")]
    ConstraintCheckFailed,
    /// The shift sumcheck's final claim does not match.
    #[error("shifted-column claims are inconsistent")]
    ShiftCheckFailed,
}

/// A linear form over one flat slice `[z_0(t) … z_{J−1}(t), z'_{j_1}(t) …]`.
#[derive(Clone, Debug)]
struct FlatForm<F> {
    /// Columns with coefficient `+1` (added), `−1` (subtracted), and the rest with theirs:
    /// most coefficients are `±1`, and an addition costs a tenth of a multiplication.
    plus: Vec<usize>,
    minus: Vec<usize>,
    scaled: Vec<(usize, F)>,
    constant: F,
}

/// For each column, its place among [`UniformR1cs::next_step_columns`] (if read at `t + 1`).
fn next_step_index(r1cs: &UniformR1cs) -> Vec<Option<usize>> {
    let mut next_index = vec![None; r1cs.num_columns()];
    for (pos, &j) in r1cs.next_step_columns().iter().enumerate() {
        next_index[j] = Some(pos);
    }
    next_index
}

/// A linear form's terms over the flat slice `[z(t) | z'(t)]` (a `Next(j)` reads position
/// `J + its place among the next-step columns`): the `+1` columns, the `−1` columns, and the
/// rest with their integer coefficients.
type SplitTerms = (Vec<usize>, Vec<usize>, Vec<(usize, i128)>);

fn split_terms(
    lc: &LinearCombination,
    next_index: &[Option<usize>],
    num_columns: usize,
) -> SplitTerms {
    let (mut plus, mut minus, mut scaled) = (Vec::new(), Vec::new(), Vec::new());
    for &(v, c) in &lc.terms {
        let idx = match v {
            Variable::Current(j) => j,
            Variable::Next(j) => num_columns + next_index[j].expect("next column is listed"),
        };
        match c {
            1 => plus.push(idx),
            -1 => minus.push(idx),
            c => scaled.push((idx, c)),
        }
    }
    (plus, minus, scaled)
}

impl<F: PrimeField> FlatForm<F> {
    fn new(lc: &LinearCombination, next_index: &[Option<usize>], num_columns: usize) -> Self {
        let (plus, minus, scaled) = split_terms(lc, next_index, num_columns);
        Self {
            plus,
            minus,
            scaled: scaled.into_iter().map(|(i, c)| (i, F::from(c))).collect(),
            constant: F::from(lc.constant),
        }
    }

    /// Whether the form is the constant zero.
    fn is_zero(&self) -> bool {
        self.plus.is_empty()
            && self.minus.is_empty()
            && self.scaled.is_empty()
            && self.constant.is_zero()
    }

    fn eval(&self, vals: &[F]) -> F {
        let mut acc = self.constant;
        for &i in &self.plus {
            acc += vals[i];
        }
        for &i in &self.minus {
            acc -= vals[i];
        }
        for (i, c) in &self.scaled {
            acc += *c * vals[*i];
        }
        acc
    }
}

/// The constraints as flat forms plus the weights: `h(vals) = Σ_k w_k (a_k·b_k − c_k)`.
struct Residual<F> {
    forms: Vec<[FlatForm<F>; 3]>,
    weights: Vec<F>,
}

impl<F: PrimeField> Residual<F> {
    fn new(r1cs: &UniformR1cs, weights: Vec<F>) -> Self {
        let next_index = next_step_index(r1cs);
        let j = r1cs.num_columns();
        let forms = r1cs
            .constraints
            .iter()
            .map(|c| {
                [
                    FlatForm::new(&c.a, &next_index, j),
                    FlatForm::new(&c.b, &next_index, j),
                    FlatForm::new(&c.c, &next_index, j),
                ]
            })
            .collect();
        Self { forms, weights }
    }

    /// `Σ_k w_k (a_k·b_k − c_k)`. Most constraints are `flag·(…) = 0` with the flag off at
    /// most steps: where `a_k` is zero, `b_k` is not evaluated, and an empty `c_k` never is.
    fn eval(&self, vals: &[F]) -> F {
        let mut acc = F::zero();
        for ([a, b, c], w) in self.forms.iter().zip(&self.weights) {
            let a = a.eval(vals);
            let ab = if a.is_zero() {
                F::zero()
            } else {
                a * b.eval(vals)
            };
            let residual = if c.is_zero() { ab } else { ab - c.eval(vals) };
            if !residual.is_zero() {
                acc += *w * residual;
            }
        }
        acc
    }
}

/// A linear form over integers: the [`FlatForm`] of a constraint on a step's raw column
/// values (the first round's small-value path).
#[derive(Clone, Debug)]
struct IntForm {
    plus: Vec<usize>,
    minus: Vec<usize>,
    scaled: Vec<(usize, i128)>,
    constant: i128,
    /// `Σ|c|·2^64 + |constant| < 2^126`: on column values below `2^64` no sum or product can
    /// overflow, so the form is evaluated without overflow checks.
    bounded: bool,
}

impl IntForm {
    /// Whether the form is the constant zero.
    fn is_zero(&self) -> bool {
        self.plus.is_empty()
            && self.minus.is_empty()
            && self.scaled.is_empty()
            && self.constant == 0
    }

    fn new(lc: &LinearCombination, next_index: &[Option<usize>], num_columns: usize) -> Self {
        let (plus, minus, scaled) = split_terms(lc, next_index, num_columns);
        // Σ|c|·v + |constant| < (Σ|c| + ⌊|constant|/2^64⌋ + 1)·2^64 ≤ 2^125 for v < 2^64.
        let weight = lc
            .terms
            .iter()
            .fold(lc.constant.unsigned_abs() >> 64, |w: u128, (_, c)| {
                w.saturating_add(c.unsigned_abs())
            });
        IntForm {
            plus,
            minus,
            scaled,
            constant: lc.constant,
            bounded: weight < 1 << 61,
        }
    }

    /// The form's value, `None` on `i128` overflow (column values are below `2^64`).
    fn eval(&self, vals: &[i128]) -> Option<i128> {
        if self.bounded {
            let mut acc = self.constant;
            for &i in &self.plus {
                acc += vals[i];
            }
            for &i in &self.minus {
                acc -= vals[i];
            }
            for &(i, c) in &self.scaled {
                acc += c * vals[i];
            }
            return Some(acc);
        }
        let acc = self
            .plus
            .iter()
            .try_fold(self.constant, |acc, &i| acc.checked_add(vals[i]))?;
        let acc = self
            .minus
            .iter()
            .try_fold(acc, |acc, &i| acc.checked_sub(vals[i]))?;
        self.scaled
            .iter()
            .try_fold(acc, |acc, &(i, c)| acc.checked_add(c.checked_mul(vals[i])?))
    }
}

/// The outer zero-check's first round ([`RoundSums`] of its [`EqProductSumcheck`]), computed
/// from the columns' integers when every column is a compact (unbound) polynomial.
///
/// In the first round pair `x'` has the steps `lo = (0, x')` and `hi = (1, x')`. Where every
/// constraint holds at both over the integers (`A·B = C`, as at every step of an honest
/// trace), `h(lo) = h(hi) = 0` and each constraint's residual `A(t)B(t) − C(t)` is
/// `t(t−1)·ΔA·ΔB` with `ΔA = A(hi) − A(lo)`: so `q(0)` gets nothing and `q(2)` gets
/// `2·Σ_k w_k ΔA_k ΔB_k`, one field multiplication per constraint whose operands both change,
/// instead of converting and interpolating every column. A pair where some constraint fails
/// or an integer overflows is summed in the field as before, so the round is exact for any
/// witness.
struct FirstRoundSums<'a, F: PrimeField> {
    residual: &'a Residual<F>,
    /// `[A, B, C]` of each constraint over integers; `None` when some column is not compact.
    int_forms: Option<Vec<[IntForm; 3]>>,
    /// The original columns (the shifted ones are read from them at `t + 1`).
    columns: &'a [&'a MultilinearPolynomial<F>],
    next_cols: &'a [usize],
}

impl<F: PrimeField> FirstRoundSums<'_, F> {
    /// Column values (then the shifted ones) at steps `start..start + n` as integers,
    /// row-major (`out[k·width + j]` for step `start + k`), one typed loop per column.
    fn load_block(&self, start: usize, n: usize, out: &mut Vec<i128>) {
        let j = self.columns.len();
        let width = j + self.next_cols.len();
        out.clear();
        out.resize(n * width, 0);
        for (c, column) in self.columns.iter().enumerate() {
            column
                .write_small(start..start + n, &mut out[c..], width)
                .expect("checked compact");
        }
        for (p, &c) in self.next_cols.iter().enumerate() {
            self.columns[c]
                .write_small(start + 1..start + n + 1, &mut out[j + p..], width)
                .expect("checked compact");
        }
    }

    /// `Σ_k w_k ΔA_k ΔB_k` when every constraint holds at both steps (`None` otherwise).
    fn satisfied_pair(&self, forms: &[[IntForm; 3]], lo: &[i128], hi: &[i128]) -> Option<F> {
        let mut sum = F::zero();
        for ([a, b, c], w) in forms.iter().zip(&self.residual.weights) {
            let (al, ah) = (a.eval(lo)?, a.eval(hi)?);
            // `flag·(…) = 0` with the flag off at both steps: satisfied, nothing to add.
            if al == 0 && ah == 0 && c.is_zero() {
                continue;
            }
            let (bl, cl) = (b.eval(lo)?, c.eval(lo)?);
            let (bh, ch) = (b.eval(hi)?, c.eval(hi)?);
            if al.checked_mul(bl)? != cl || ah.checked_mul(bh)? != ch {
                return None;
            }
            let (da, db) = (ah.checked_sub(al)?, bh.checked_sub(bl)?);
            if da != 0 && db != 0 {
                let product = match da.checked_mul(db) {
                    Some(p) => F::from(p),
                    None => F::from(da) * F::from(db),
                };
                sum += *w * product;
            }
        }
        Some(sum)
    }

    /// `[q(0), q(2)]` of the first round (see the type's doc), over blocks of pairs loaded
    /// as integers.
    fn first_round_partial(&self, forms: &[[IntForm; 3]], eq_rest: &[F]) -> Vec<F> {
        const BLOCK: usize = 64;
        let half = self.columns[0].len() / 2;
        let width = self.columns.len() + self.next_cols.len();
        let field = |v: &[i128]| -> Vec<F> { v.iter().map(|&x| F::from(x)).collect() };
        sum_over_pairs(
            half.div_ceil(BLOCK),
            2,
            |b, acc, (lo, hi): &mut (Vec<i128>, Vec<i128>)| {
                let start = b * BLOCK;
                let n = BLOCK.min(half - start);
                self.load_block(start, n, lo);
                self.load_block(start + half, n, hi);
                for k in 0..n {
                    let i = start + k;
                    let (lo, hi) = (
                        &lo[k * width..(k + 1) * width],
                        &hi[k * width..(k + 1) * width],
                    );
                    match self.satisfied_pair(forms, lo, hi) {
                        Some(s) => acc[1] += eq_rest[i] * s.double(),
                        None => {
                            let (l, h) = (field(lo), field(hi));
                            let at2: Vec<F> =
                                l.iter().zip(&h).map(|(l, h)| h.double() - l).collect();
                            acc[0] += eq_rest[i] * self.residual.eval(&l);
                            acc[1] += eq_rest[i] * self.residual.eval(&at2);
                        }
                    }
                }
            },
        )
    }
}

impl<F: PrimeField> RoundSums<F> for FirstRoundSums<'_, F> {
    fn round_sums(&self, inner: &EqProductSumcheck<'_, F>) -> Option<Vec<F>> {
        let forms = self.int_forms.as_ref()?;
        (inner.round() == 0).then(|| self.first_round_partial(forms, inner.eq_rest()))
    }
}

fn draw_challenges<F: PrimeField>(
    r1cs: &UniformR1cs,
    log_t: usize,
    transcript: &mut impl Transcript,
) -> (Vec<F>, Vec<F>) {
    transcript.append_u64(b"spartan_log_steps", log_t as u64);
    transcript.append_u64(b"spartan_columns", r1cs.num_columns() as u64);
    transcript.append_u64(b"spartan_constraints", r1cs.num_constraints() as u64);
    let tau = transcript.challenge_scalars(b"spartan_tau", log_t);
    let weights =
        transcript.challenge_powers(b"spartan_constraint_weights", r1cs.num_constraints());
    (tau, weights)
}

/// Proves that `columns` (one polynomial per column of `r1cs`, all with `2^log_t` steps)
/// satisfy `r1cs` at every step. The caller has already absorbed the columns' commitments.
///
/// # Panics
/// If the number or sizes of the columns do not match (a programmer error).
pub fn prove_uniform_r1cs<F: PrimeField>(
    r1cs: &UniformR1cs,
    columns: &[MultilinearPolynomial<F>],
    transcript: &mut impl Transcript,
) -> (UniformSpartanProof<F>, SpartanClaims<F>) {
    let columns: Vec<&MultilinearPolynomial<F>> = columns.iter().collect();
    prove_uniform_r1cs_on(r1cs, &columns, transcript)
}

/// [`prove_uniform_r1cs`] on borrowed columns (the zkVM's committed polynomials, not
/// copied).
///
/// # Panics
/// As [`prove_uniform_r1cs`].
pub fn prove_uniform_r1cs_on<F: PrimeField>(
    r1cs: &UniformR1cs,
    columns: &[&MultilinearPolynomial<F>],
    transcript: &mut impl Transcript,
) -> (UniformSpartanProof<F>, SpartanClaims<F>) {
    assert_eq!(
        columns.len(),
        r1cs.num_columns(),
        "one polynomial per column"
    );
    let log_t = columns[0].num_vars();
    let (tau, weights) = draw_challenges::<F>(r1cs, log_t, transcript);
    let next_cols = r1cs.next_step_columns();
    // The zero-check skips the columns that are zero at every step (unused instruction
    // flags): on the restricted system the residual at every point is the same, so are the
    // round polynomials, and the skipped columns' claims are zero.
    let mut keep: Vec<bool> = columns.par_iter().map(|c| !c.is_zero()).collect();
    keep[0] = true; // the sumcheck runs on at least one column
    let (restricted, kept) = r1cs.restricted(&keep);
    let kept_columns: Vec<&MultilinearPolynomial<F>> = kept.iter().map(|&j| columns[j]).collect();
    let (outer_proof, r, finals) =
        restricted_zero_check(&restricted, &kept_columns, tau, weights, transcript);
    let mut column_evals = vec![F::zero(); r1cs.num_columns()];
    for (&j, v) in kept.iter().zip(&finals) {
        column_evals[j] = *v;
    }
    let kept_next = restricted.next_step_columns();
    let shifted_evals: Vec<F> = next_cols
        .iter()
        .map(|j| {
            kept_next
                .iter()
                .position(|&k| kept[k] == *j)
                .map_or(F::zero(), |p| finals[kept.len() + p])
        })
        .collect();
    transcript.append_scalars(b"spartan_column_evals", &column_evals);
    transcript.append_scalars(b"spartan_shifted_evals", &shifted_evals);

    // Shift reduction: Σ_j λ^j z'_j(r) = Σ_y next̃(r, y)·Σ_j λ^j z_j(y).
    let lambda: Vec<F> = transcript.challenge_powers(b"spartan_shift_lambda", next_cols.len());
    // The product next̃(r, y)·Σ_j λ^j z_j(y) on the combined column (the same round
    // polynomials as on the columns one by one), then each column evaluated at r'.
    let claim: F = shifted_evals.iter().zip(&lambda).map(|(v, l)| *v * l).sum();
    let (shift_proof, r_shift, shift_column_evals) = if next_cols.is_empty() {
        (
            SumcheckProof {
                round_polys: Vec::new(),
            },
            Vec::new(),
            Vec::new(),
        )
    } else {
        let mut combined = vec![F::zero(); 1 << log_t];
        for (&c, l) in next_cols.iter().zip(&lambda) {
            columns[c].add_scaled_into(&mut combined, *l);
        }
        let shift_polys = vec![
            MultilinearPolynomial::dense(next_table_from_eq(&EqPolynomial::evals(&r))),
            MultilinearPolynomial::dense(combined),
        ];
        let g = |v: &[F]| -> F { v[0] * v[1] };
        let g: &CombineFn<F> = &g;
        let mut inst = ProductSumcheck::new(shift_polys, g, 2, claim);
        let (proof, r_shift, _) =
            crate::profiled!("spartan: shift", prove_sumcheck(&mut inst, transcript));
        let eq_shift = EqPolynomial::evals(&r_shift);
        let evals: Vec<F> = next_cols
            .par_iter()
            .map(|&c| columns[c].evaluate_with_eq_table(&eq_shift))
            .collect();
        (proof, r_shift, evals)
    };
    transcript.append_scalars(b"spartan_shift_column_evals", &shift_column_evals);
    let claims = SpartanClaims {
        point: r,
        column_evals: column_evals.clone(),
        shift_point: r_shift,
        shift_column_evals: next_cols
            .iter()
            .copied()
            .zip(shift_column_evals.iter().copied())
            .collect(),
    };
    (
        UniformSpartanProof {
            outer: outer_proof,
            column_evals,
            shifted_evals,
            shift: shift_proof,
            shift_column_evals,
        },
        claims,
    )
}

/// The outer zero-check on `r1cs` over `columns` (one per column of `r1cs`), with the
/// challenges already drawn: the proof, the point `r`, and the claims `z̃_j(r)` then
/// `z̃'_j(r)` for [`UniformR1cs::next_step_columns`].
fn restricted_zero_check<F: PrimeField>(
    r1cs: &UniformR1cs,
    columns: &[&MultilinearPolynomial<F>],
    tau: Vec<F>,
    weights: Vec<F>,
    transcript: &mut impl Transcript,
) -> (SumcheckProof<F>, Vec<F>, Vec<F>) {
    let log_t = tau.len();
    let next_cols = r1cs.next_step_columns();
    let mut polys: Vec<MultilinearPolynomial<F>> = columns.iter().map(|&c| c.clone()).collect();
    for &j in &next_cols {
        let len = columns[j].len();
        // z'(t) = z(t + 1), 0 at the last step; a compact column's shift stays compact
        // (cheaper to bind and to hold).
        let small: Option<Vec<u64>> = (1..len)
            .map(|t| columns[j].small_u64(t))
            .chain([Some(0)])
            .collect();
        polys.push(match small {
            Some(values) => MultilinearPolynomial::compact_from_u64s(&values),
            None => MultilinearPolynomial::dense(
                (1..len)
                    .map(|t| columns[j].get(t))
                    .chain([F::zero()])
                    .collect(),
            ),
        });
    }
    let residual = Residual::new(r1cs, weights);
    let h = |vals: &[F]| residual.eval(vals);
    let h: &CombineFn<F> = &h;
    let int_forms = (log_t > 0 && columns.iter().all(|c| c.is_small())).then(|| {
        let next_index = next_step_index(r1cs);
        let j = r1cs.num_columns();
        r1cs.constraints
            .iter()
            .map(|c| [&c.a, &c.b, &c.c].map(|lc| IntForm::new(lc, &next_index, j)))
            .collect()
    });
    let mut outer = EqProductWithSums {
        inner: EqProductSumcheck::new(tau, polys, h, 3, F::zero()),
        sums: FirstRoundSums {
            residual: &residual,
            int_forms,
            columns,
            next_cols: &next_cols,
        },
    };
    crate::profiled!(
        "spartan: zero-check",
        prove_sumcheck(&mut outer, transcript)
    )
}

fn check_len(field: &'static str, got: usize, expected: usize) -> Result<(), SpartanError> {
    if got == expected {
        Ok(())
    } else {
        Err(SpartanError::WrongLength {
            field,
            expected,
            got,
        })
    }
}

/// Verifies a [`UniformSpartanProof`] for `2^log_t` steps; returns the column claims that the
/// caller must check against the commitments.
pub fn verify_uniform_r1cs<F: PrimeField>(
    r1cs: &UniformR1cs,
    log_t: usize,
    proof: &UniformSpartanProof<F>,
    transcript: &mut impl Transcript,
) -> Result<SpartanClaims<F>, SpartanError> {
    let (tau, weights) = draw_challenges::<F>(r1cs, log_t, transcript);
    let next_cols = r1cs.next_step_columns();
    check_len("column_evals", proof.column_evals.len(), r1cs.num_columns())?;
    check_len("shifted_evals", proof.shifted_evals.len(), next_cols.len())?;
    check_len(
        "shift_column_evals",
        proof.shift_column_evals.len(),
        next_cols.len(),
    )?;
    let (final_claim, r) = verify_sumcheck(&proof.outer, F::zero(), log_t, 3, transcript)?;
    let residual = Residual::new(r1cs, weights);
    let vals: Vec<F> = proof
        .column_evals
        .iter()
        .chain(&proof.shifted_evals)
        .copied()
        .collect();
    if final_claim != EqPolynomial::new(tau).evaluate(&r) * residual.eval(&vals) {
        return Err(SpartanError::ConstraintCheckFailed);
    }
    transcript.append_scalars(b"spartan_column_evals", &proof.column_evals);
    transcript.append_scalars(b"spartan_shifted_evals", &proof.shifted_evals);
    let lambda: Vec<F> = transcript.challenge_powers(b"spartan_shift_lambda", next_cols.len());
    let r_shift = if next_cols.is_empty() {
        check_len("shift rounds", proof.shift.round_polys.len(), 0)?;
        Vec::new()
    } else {
        let claim: F = proof
            .shifted_evals
            .iter()
            .zip(&lambda)
            .map(|(v, l)| *v * l)
            .sum();
        let (final_shift, r_shift) = verify_sumcheck(&proof.shift, claim, log_t, 2, transcript)?;
        let combined: F = proof
            .shift_column_evals
            .iter()
            .zip(&lambda)
            .map(|(v, l)| *v * l)
            .sum();
        if final_shift != next_mle(&r, &r_shift) * combined {
            return Err(SpartanError::ShiftCheckFailed);
        }
        r_shift
    };
    transcript.append_scalars(b"spartan_shift_column_evals", &proof.shift_column_evals);
    Ok(SpartanClaims {
        point: r,
        column_evals: proof.column_evals.clone(),
        shift_point: r_shift,
        shift_column_evals: next_cols
            .iter()
            .copied()
            .zip(proof.shift_column_evals.iter().copied())
            .collect(),
    })
}

/// Evaluates every column at the claims' points: what an honest PCS opening would confirm.
/// Used by tests in place of commitments.
pub fn claims_hold<F: PrimeField>(
    columns: &[MultilinearPolynomial<F>],
    claims: &SpartanClaims<F>,
) -> bool {
    let at_r = columns
        .iter()
        .zip(&claims.column_evals)
        .all(|(c, v)| c.evaluate(&claims.point) == *v);
    let at_shift = claims
        .shift_column_evals
        .iter()
        .all(|(j, v)| columns[*j].evaluate(&claims.shift_point) == *v);
    at_r && at_shift
}

#[cfg(test)]
mod tests;
