//! A uniform R1CS: one small constraint system repeated at every step of the trace.
//!
//! The witness is a set of *columns* `z_0, …, z_{J−1}`, each holding one value per step
//! `t ∈ [0, T)`. Constraint `k` at step `t` reads
//!
//! ```text
//!     A_k(z(t), z(t+1)) · B_k(z(t), z(t+1)) = C_k(z(t), z(t+1))
//! ```
//!
//! where `A_k, B_k, C_k` are [`LinearCombination`]s with small integer coefficients over the
//! current step's columns ([`Variable::Current`]), the next step's columns ([`Variable::Next`],
//! which reads 0 past the last step) and the constant 1. In matrix language the full R1CS
//! matrix is `A = I_T ⊗ A_cur + S_T ⊗ A_next` (S_T the shift-by-one matrix), which is why
//! the verifier can evaluate everything it needs in time independent of `T`
//! (see [`super`] and `paper-notes/spartan.md`).

use ark_ff::PrimeField;
use core::ops::{Add, Mul, Neg, Sub};

/// A reference to a witness column, at the current step or at the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variable {
    /// Column `j` at step `t`.
    Current(usize),
    /// Column `j` at step `t + 1` (zero at the last step).
    Next(usize),
}

impl Variable {
    /// The column this variable reads.
    pub fn column(self) -> usize {
        match self {
            Variable::Current(j) | Variable::Next(j) => j,
        }
    }
}

/// `Σ_i c_i·v_i + c`: an affine form with integer coefficients over per-step variables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinearCombination {
    /// The `(variable, coefficient)` terms; a variable appears at most once.
    pub terms: Vec<(Variable, i128)>,
    /// The constant term `c`.
    pub constant: i128,
}

impl LinearCombination {
    /// The zero form.
    pub fn zero() -> Self {
        Self::default()
    }

    /// The constant form `c`.
    pub fn constant(c: i128) -> Self {
        Self {
            terms: Vec::new(),
            constant: c,
        }
    }

    /// Adds `coeff·var`, merging with an existing term for the same variable.
    pub fn add_term(mut self, var: Variable, coeff: i128) -> Self {
        if let Some(t) = self.terms.iter_mut().find(|(v, _)| *v == var) {
            t.1 += coeff;
        } else {
            self.terms.push((var, coeff));
        }
        self.terms.retain(|(_, c)| *c != 0);
        self
    }

    /// The form's value at one step given the field values of that step's and the next step's
    /// columns: `Σ_i c_i·v_i + c`.
    pub fn evaluate<F: PrimeField>(&self, current: &[F], next: &[F]) -> F {
        let mut acc = F::from(self.constant);
        for &(var, coeff) in &self.terms {
            let value = match var {
                Variable::Current(j) => current[j],
                Variable::Next(j) => next[j],
            };
            acc += match coeff {
                1 => value,
                -1 => -value,
                c => value * F::from(c),
            };
        }
        acc
    }

    /// True when the form reads a next-step column.
    pub fn uses_next(&self) -> bool {
        self.terms
            .iter()
            .any(|(v, _)| matches!(v, Variable::Next(_)))
    }
}

impl From<Variable> for LinearCombination {
    fn from(v: Variable) -> Self {
        LinearCombination::zero().add_term(v, 1)
    }
}

impl From<i128> for LinearCombination {
    fn from(c: i128) -> Self {
        LinearCombination::constant(c)
    }
}

impl<T: Into<LinearCombination>> Add<T> for LinearCombination {
    type Output = LinearCombination;
    fn add(self, rhs: T) -> LinearCombination {
        let rhs = rhs.into();
        let mut out = self;
        out.constant += rhs.constant;
        for (v, c) in rhs.terms {
            out = out.add_term(v, c);
        }
        out
    }
}

impl Neg for LinearCombination {
    type Output = LinearCombination;
    fn neg(self) -> LinearCombination {
        LinearCombination {
            terms: self.terms.into_iter().map(|(v, c)| (v, -c)).collect(),
            constant: -self.constant,
        }
    }
}

impl<T: Into<LinearCombination>> Sub<T> for LinearCombination {
    type Output = LinearCombination;
    fn sub(self, rhs: T) -> LinearCombination {
        self + (-rhs.into())
    }
}

impl Mul<i128> for LinearCombination {
    type Output = LinearCombination;
    fn mul(self, k: i128) -> LinearCombination {
        if k == 0 {
            return LinearCombination::zero();
        }
        LinearCombination {
            terms: self.terms.into_iter().map(|(v, c)| (v, c * k)).collect(),
            constant: self.constant * k,
        }
    }
}

/// One constraint `A·B = C`, with a label naming what it enforces (shown when it fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    /// What the constraint enforces, e.g. `"rd write = lookup output"`.
    pub label: &'static str,
    /// Left factor.
    pub a: LinearCombination,
    /// Right factor.
    pub b: LinearCombination,
    /// Product.
    pub c: LinearCombination,
}

impl Constraint {
    /// `A·B − C` at one step (zero iff the constraint holds there).
    pub fn residual<F: PrimeField>(&self, current: &[F], next: &[F]) -> F {
        self.a.evaluate(current, next) * self.b.evaluate(current, next)
            - self.c.evaluate(current, next)
    }
}

/// Collects columns and constraints; [`UniformR1csBuilder::build`] freezes them.
#[derive(Clone, Debug, Default)]
pub struct UniformR1csBuilder {
    columns: Vec<&'static str>,
    constraints: Vec<Constraint>,
}

impl UniformR1csBuilder {
    /// An empty system.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares a new witness column and returns its current-step variable.
    pub fn column(&mut self, name: &'static str) -> Variable {
        self.columns.push(name);
        Variable::Current(self.columns.len() - 1)
    }

    /// Adds `a·b = c`.
    pub fn constrain(
        &mut self,
        label: &'static str,
        a: impl Into<LinearCombination>,
        b: impl Into<LinearCombination>,
        c: impl Into<LinearCombination>,
    ) {
        self.constraints.push(Constraint {
            label,
            a: a.into(),
            b: b.into(),
            c: c.into(),
        });
    }

    /// `a = b`, as `(a − b)·1 = 0`.
    pub fn constrain_eq(
        &mut self,
        label: &'static str,
        a: impl Into<LinearCombination>,
        b: impl Into<LinearCombination>,
    ) {
        let diff = a.into() - b.into();
        self.constrain(label, diff, 1, 0);
    }

    /// `cond ⇒ a = b`, as `cond·(a − b) = 0` (`cond` must be boolean).
    pub fn constrain_eq_if(
        &mut self,
        label: &'static str,
        cond: impl Into<LinearCombination>,
        a: impl Into<LinearCombination>,
        b: impl Into<LinearCombination>,
    ) {
        let diff = a.into() - b.into();
        self.constrain(label, cond, diff, 0);
    }

    /// `x ∈ {0, 1}`, as `x·(1 − x) = 0`.
    pub fn constrain_binary(&mut self, label: &'static str, x: impl Into<LinearCombination>) {
        let x = x.into();
        let one_minus = LinearCombination::constant(1) - x.clone();
        self.constrain(label, x, one_minus, 0);
    }

    /// `out = cond ? when_true : when_false`, as `cond·(when_true − when_false) = out − when_false`.
    pub fn constrain_if_else(
        &mut self,
        label: &'static str,
        cond: impl Into<LinearCombination>,
        when_true: impl Into<LinearCombination>,
        when_false: impl Into<LinearCombination>,
        out: impl Into<LinearCombination>,
    ) {
        let f = when_false.into();
        self.constrain(label, cond, when_true.into() - f.clone(), out.into() - f);
    }

    /// Freezes the system.
    ///
    /// # Panics
    /// If a constraint names a column that was never declared (a programmer error).
    pub fn build(self) -> UniformR1cs {
        let n = self.columns.len();
        for c in &self.constraints {
            for lc in [&c.a, &c.b, &c.c] {
                for (v, _) in &lc.terms {
                    assert!(
                        v.column() < n,
                        "constraint {:?} uses an undeclared column",
                        c.label
                    );
                }
            }
        }
        UniformR1cs {
            columns: self.columns,
            constraints: self.constraints,
        }
    }
}

/// A frozen uniform constraint system: the per-step columns and constraints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UniformR1cs {
    /// Column names, by index.
    pub columns: Vec<&'static str>,
    /// The constraints every step must satisfy.
    pub constraints: Vec<Constraint>,
}

/// The first place a witness violates the system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsatisfiedConstraint {
    /// The step.
    pub step: usize,
    /// The constraint's index.
    pub index: usize,
    /// The constraint's label.
    pub label: &'static str,
}

impl UniformR1cs {
    /// The number of witness columns `J`.
    pub fn num_columns(&self) -> usize {
        self.columns.len()
    }

    /// The number of constraints per step `K`.
    pub fn num_constraints(&self) -> usize {
        self.constraints.len()
    }

    /// The same system without constraint `index` (columns unchanged): a **mutation** of the
    /// system, for tests that show each constraint rejects some lie that every other
    /// constraint and check lets through (`tests/tests/constraint_guards.rs`). Never used to
    /// prove or verify a real statement.
    ///
    /// # Panics
    /// If `index` is not a constraint of the system.
    pub fn without_constraint(&self, index: usize) -> UniformR1cs {
        assert!(
            index < self.constraints.len(),
            "no constraint {index} in a system of {}",
            self.constraints.len()
        );
        let mut mutant = self.clone();
        mutant.constraints.remove(index);
        mutant
    }

    /// The system on the columns with `keep[j]` set, the others taken as identically zero:
    /// their terms are dropped and the kept columns renumbered in order. Returns it with the
    /// original index of each kept column. The constraints (and their order) are unchanged,
    /// so a step satisfies the restricted system on the kept columns exactly when it
    /// satisfies this one with the other columns zero. The Spartan prover runs on it to skip
    /// the columns a trace never sets (unused instruction flags).
    ///
    /// # Panics
    /// If `keep` has not one entry per column.
    pub fn restricted(&self, keep: &[bool]) -> (UniformR1cs, Vec<usize>) {
        assert_eq!(keep.len(), self.columns.len(), "one entry per column");
        let kept: Vec<usize> = (0..keep.len()).filter(|&j| keep[j]).collect();
        let mut renumber = vec![None; keep.len()];
        for (new, &old) in kept.iter().enumerate() {
            renumber[old] = Some(new);
        }
        let restrict = |lc: &LinearCombination| LinearCombination {
            terms: lc
                .terms
                .iter()
                .filter_map(|&(v, c)| {
                    let new = renumber[v.column()]?;
                    Some((
                        match v {
                            Variable::Current(_) => Variable::Current(new),
                            Variable::Next(_) => Variable::Next(new),
                        },
                        c,
                    ))
                })
                .collect(),
            constant: lc.constant,
        };
        let system = UniformR1cs {
            columns: kept.iter().map(|&j| self.columns[j]).collect(),
            constraints: self
                .constraints
                .iter()
                .map(|c| Constraint {
                    label: c.label,
                    a: restrict(&c.a),
                    b: restrict(&c.b),
                    c: restrict(&c.c),
                })
                .collect(),
        };
        (system, kept)
    }

    /// The index of the constraint labelled `label`, when exactly one has it.
    pub fn constraint_index(&self, label: &str) -> Option<usize> {
        let mut found = self
            .constraints
            .iter()
            .enumerate()
            .filter(|(_, c)| c.label == label)
            .map(|(i, _)| i);
        match (found.next(), found.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    }

    /// The sorted, deduplicated columns that some constraint reads at the next step.
    pub fn next_step_columns(&self) -> Vec<usize> {
        let mut cols: Vec<usize> = self
            .constraints
            .iter()
            .flat_map(|c| [&c.a, &c.b, &c.c])
            .flat_map(|lc| lc.terms.iter())
            .filter_map(|(v, _)| match v {
                Variable::Next(j) => Some(*j),
                Variable::Current(_) => None,
            })
            .collect();
        cols.sort_unstable();
        cols.dedup();
        cols
    }

    /// `Σ_k w_k·(A_k·B_k − C_k)` for one step's values: the random combination of all
    /// constraints that the zero-check proves vanishes at every step, and that the verifier
    /// evaluates at the claimed column evaluations.
    pub fn combined_residual<F: PrimeField>(&self, weights: &[F], current: &[F], next: &[F]) -> F {
        debug_assert_eq!(weights.len(), self.constraints.len());
        self.constraints
            .iter()
            .zip(weights)
            .map(|(c, w)| *w * c.residual(current, next))
            .sum()
    }

    /// Checks every constraint at every step of a witness given as `columns[j][t]` (all columns
    /// of one length `T`); returns the first violation. Used to debug witness generation.
    pub fn check<F: PrimeField>(&self, columns: &[Vec<F>]) -> Result<(), UnsatisfiedConstraint> {
        assert_eq!(
            columns.len(),
            self.num_columns(),
            "witness has the wrong number of columns"
        );
        let steps = columns.first().map_or(0, Vec::len);
        let mut current = vec![F::zero(); columns.len()];
        let mut next = vec![F::zero(); columns.len()];
        for t in 0..steps {
            for (j, col) in columns.iter().enumerate() {
                current[j] = col[t];
                next[j] = col.get(t + 1).copied().unwrap_or_else(F::zero);
            }
            for (index, c) in self.constraints.iter().enumerate() {
                if !c.residual(&current, &next).is_zero() {
                    return Err(UnsatisfiedConstraint {
                        step: t,
                        index,
                        label: c.label,
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;

    /// A counter: `x(t+1) = x(t) + inc(t)` unless `last(t)`, with `inc` boolean.
    fn counter_system() -> (UniformR1cs, [Variable; 3]) {
        let mut b = UniformR1csBuilder::new();
        let x = b.column("x");
        let inc = b.column("inc");
        let last = b.column("last");
        b.constrain_binary("inc is a bit", inc);
        b.constrain_binary("last is a bit", last);
        let not_last = LinearCombination::constant(1) - last;
        b.constrain_eq_if(
            "x advances by inc",
            not_last,
            Variable::Next(x.column()),
            LinearCombination::from(x) + inc,
        );
        (b.build(), [x, inc, last])
    }

    fn col(v: &[u64]) -> Vec<Fr> {
        v.iter().map(|&x| Fr::from(x)).collect()
    }

    #[test]
    fn honest_counter_satisfies() {
        let (r1cs, _) = counter_system();
        let w = vec![col(&[0, 1, 1, 2]), col(&[1, 0, 1, 0]), col(&[0, 0, 0, 1])];
        assert_eq!(r1cs.check(&w), Ok(()));
        assert_eq!(r1cs.next_step_columns(), vec![0]);
    }

    #[test]
    fn a_mutant_without_the_violated_constraint_accepts() {
        let (r1cs, _) = counter_system();
        let w = vec![col(&[0, 1, 3, 4]), col(&[1, 0, 1, 0]), col(&[0, 0, 0, 1])];
        let index = r1cs.constraint_index("x advances by inc").unwrap();
        let mutant = r1cs.without_constraint(index);
        assert_eq!(mutant.num_constraints(), r1cs.num_constraints() - 1);
        assert!(r1cs.check(&w).is_err());
        assert_eq!(mutant.check(&w), Ok(()));
        assert_eq!(r1cs.constraint_index("no such constraint"), None);
    }

    /// Dropping a column taken as zero: the restricted system accepts the kept columns
    /// exactly when the full one accepts them with the dropped column zero (here `inc`:
    /// with it zero, `x` must stay constant, so an advancing `x` fails both).
    #[test]
    fn a_restricted_system_reads_dropped_columns_as_zero() {
        let (r1cs, _) = counter_system();
        let (restricted, kept) = r1cs.restricted(&[true, false, true]);
        assert_eq!(kept, vec![0, 2]);
        assert_eq!(restricted.num_columns(), 2);
        assert_eq!(restricted.num_constraints(), r1cs.num_constraints());
        assert_eq!(restricted.next_step_columns(), vec![0]);
        for x in [[5u64, 5, 5, 5], [5, 6, 6, 6]] {
            let (xs, last) = (col(&x), col(&[0, 0, 0, 1]));
            let full = vec![xs.clone(), col(&[0, 0, 0, 0]), last.clone()];
            assert_eq!(
                restricted.check(&[xs, last]).is_ok(),
                r1cs.check(&full).is_ok(),
                "{x:?}"
            );
        }
        assert!(restricted
            .check(&[col(&[5, 6, 6, 6]), col(&[0, 0, 0, 1])])
            .is_err());
    }

    #[test]
    fn violations_are_located() {
        let (r1cs, _) = counter_system();
        let w = vec![col(&[0, 1, 3, 4]), col(&[1, 0, 1, 0]), col(&[0, 0, 0, 1])];
        let err = r1cs.check(&w).unwrap_err();
        assert_eq!((err.step, err.label), (1, "x advances by inc"));
        let w = vec![col(&[0, 2, 2, 2]), col(&[2, 0, 0, 0]), col(&[0, 0, 0, 1])];
        assert_eq!(r1cs.check(&w).unwrap_err().label, "inc is a bit");
    }

    #[test]
    fn if_else_selects() {
        let mut b = UniformR1csBuilder::new();
        let c = b.column("c");
        let t = b.column("t");
        let f = b.column("f");
        let o = b.column("o");
        b.constrain_if_else("select", c, t, f, o);
        let r1cs = b.build();
        assert!(r1cs
            .check(&[col(&[1, 0]), col(&[5, 5]), col(&[7, 7]), col(&[5, 7])])
            .is_ok());
        assert!(r1cs
            .check(&[col(&[1]), col(&[5]), col(&[7]), col(&[7])])
            .is_err());
    }

    #[test]
    fn linear_combination_algebra() {
        let x = Variable::Current(0);
        let y = Variable::Next(1);
        let lc = (LinearCombination::from(x) * 3 + y - x + 5i128) * 2;
        let v = lc.evaluate(
            &[Fr::from(10u64), Fr::from(0u64)],
            &[Fr::from(0u64), Fr::from(7u64)],
        );
        assert_eq!(v, Fr::from((3 * 10 + 7 - 10 + 5) * 2u64));
        assert!(lc.uses_next());
        let cancelled = LinearCombination::from(x) - x;
        assert!(cancelled.terms.is_empty());
    }
}
