//! Multilinear polynomials given by their evaluations over the Boolean hypercube.
//!
//! A polynomial in `n` variables is stored as the flat vector of its `2^n` evaluations
//! `p(x)` for `x ∈ {0,1}^n`.
//!
//! # Variable order (used everywhere in the workspace)
//! Index `i` corresponds to the point `x = (x_0, …, x_{n-1})` with `x_0` the **most significant**
//! bit of `i`: `i = Σ_k x_k · 2^{n-1-k}`. A point `r = (r_0, …, r_{n-1})` is read in the same
//! order, and [`DensePolynomial::bind`] fixes the *first* (most significant) variable `x_0`, so
//! binding `r_0, r_1, …` in that order and reading the single remaining value gives `p(r)`.
//! Binding the top variable keeps the two halves `p(0, ·)` and `p(1, ·)` contiguous, which
//! suits both cache and rayon. (ark-poly's `DenseMultilinearExtension` uses the opposite order.)
//!
//! # Compact forms
//! Witness columns are mostly small integers (0/1 flags, 8/16-bit chunks, counters). A
//! [`CompactPolynomial`] keeps them as `Vec<u8>`/`Vec<u16>`/… until the first `bind`, which
//! produces field elements directly from the small values (one multiplication per output),
//! after which it behaves like a dense polynomial. Commitment schemes use the small form for
//! pay-per-bit MSMs. [`MultilinearPolynomial`] is the enum over all forms that protocols accept.

use crate::eq::EqPolynomial;
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use rayon::prelude::*;

/// Above this many entries, loops over evaluations run in parallel with rayon.
pub const PARALLEL_THRESHOLD: usize = 1 << 14;

/// A multilinear polynomial `p(x_0, …, x_{n-1})` stored as its `2^n` hypercube evaluations,
/// `x_0` the most significant index bit (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct DensePolynomial<F: PrimeField> {
    evals: Vec<F>,
}

impl<F: PrimeField> DensePolynomial<F> {
    /// Wraps `evals`, whose length must be a power of two (`2^n`, `n ≥ 0`).
    ///
    /// # Panics
    /// If the length is not a power of two (a programmer error).
    pub fn new(evals: Vec<F>) -> Self {
        assert!(
            evals.len().is_power_of_two(),
            "a multilinear polynomial needs 2^n evaluations, got {}",
            evals.len()
        );
        Self { evals }
    }

    /// Builds the polynomial whose evaluations are the given integers.
    pub fn from_u64s(values: &[u64]) -> Self {
        Self::new(values.iter().map(|&v| F::from(v)).collect())
    }

    /// The number of variables `n`.
    pub fn num_vars(&self) -> usize {
        self.evals.len().trailing_zeros() as usize
    }

    /// The number of evaluations `2^n`.
    pub fn len(&self) -> usize {
        self.evals.len()
    }

    /// Always false: a multilinear polynomial has at least one evaluation.
    pub fn is_empty(&self) -> bool {
        self.evals.is_empty()
    }

    /// The evaluations `p(x)` in index order.
    pub fn evals(&self) -> &[F] {
        &self.evals
    }

    /// Consumes the polynomial and returns its evaluations.
    pub fn into_evals(self) -> Vec<F> {
        self.evals
    }

    /// Fixes the first variable to `r` in place: `p'(x_1..) = p(0,x_1..) + r·(p(1,x_1..) − p(0,x_1..))`.
    /// One field multiplication per remaining entry; halves the length.
    ///
    /// # Panics
    /// If the polynomial has no variable left.
    pub fn bind(&mut self, r: F) {
        assert!(
            !self.evals.is_empty() && self.num_vars() > 0,
            "bind on a constant polynomial"
        );
        let half = self.evals.len() / 2;
        let (lo, hi) = self.evals.split_at_mut(half);
        if half >= PARALLEL_THRESHOLD {
            lo.par_iter_mut()
                .zip(hi.par_iter())
                .for_each(|(l, h)| *l += r * (*h - *l));
        } else {
            for (l, h) in lo.iter_mut().zip(hi.iter()) {
                *l += r * (*h - *l);
            }
        }
        self.evals.truncate(half);
        // Give the upper half back: a sumcheck over many big polynomials would otherwise keep
        // all their first-round memory to the end.
        self.evals.shrink_to_fit();
    }

    /// Evaluates `p(r) = Σ_x eq(r, x)·p(x)`, in about `2·2^n` field multiplications.
    ///
    /// # Panics
    /// If `point.len() != n`.
    pub fn evaluate(&self, point: &[F]) -> F {
        assert_eq!(
            point.len(),
            self.num_vars(),
            "evaluation point has the wrong length"
        );
        let eq = EqPolynomial::evals(point);
        inner_product(&eq, &self.evals)
    }
}

/// `Σ_i a_i·b_i`, in parallel above [`PARALLEL_THRESHOLD`].
pub fn inner_product<F: PrimeField>(a: &[F], b: &[F]) -> F {
    assert_eq!(
        a.len(),
        b.len(),
        "inner product of vectors of different lengths"
    );
    if a.len() >= PARALLEL_THRESHOLD {
        a.par_iter().zip(b.par_iter()).map(|(x, y)| *x * y).sum()
    } else {
        a.iter().zip(b).map(|(x, y)| *x * y).sum()
    }
}

/// An unsigned integer type that witness columns are stored in before they meet the field.
pub trait SmallScalar: Copy + Send + Sync + Default + core::fmt::Debug + 'static {
    /// The number of bits a value may use (1 for `bool`).
    const BITS: u32;
    /// The value as a `u64`.
    fn to_u64(self) -> u64;
    /// The value as a field element.
    fn to_field<F: PrimeField>(self) -> F {
        F::from(self.to_u64())
    }
}

impl SmallScalar for bool {
    const BITS: u32 = 1;
    fn to_u64(self) -> u64 {
        self as u64
    }
}

macro_rules! small_scalar {
    ($($t:ty),*) => {$(
        impl SmallScalar for $t {
            const BITS: u32 = <$t>::BITS;
            fn to_u64(self) -> u64 {
                self as u64
            }
        }
    )*};
}
small_scalar!(u8, u16, u32, u64);

/// Bytes a value of `T` spans: the number of 8-bit limbs the small-value kernels use.
fn limbs_of<T: SmallScalar>() -> usize {
    T::BITS.div_ceil(8) as usize
}

/// The multiples `c·x` of one field element `c` for small integers `x`, by 8-bit limbs:
/// `table[256k + b] = c·256^k·b`, built with additions only, so `c·x = Σ_k table[256k + x_k]`
/// (`x_k` the bytes of `x`) costs one addition per nonzero byte instead of the two
/// multiplications of `c·F::from(x)` (the conversion into Montgomery form is one).
pub(crate) struct ByteMultiples<F: PrimeField> {
    table: Vec<F>,
}

impl<F: PrimeField> ByteMultiples<F> {
    pub(crate) fn new(c: F, limbs: usize) -> Self {
        let mut table = Vec::with_capacity(256 * limbs);
        let mut base = c;
        for _ in 0..limbs {
            let mut acc = F::zero();
            for _ in 0..256 {
                table.push(acc);
                acc += base;
            }
            base = acc; // 256·base
        }
        Self { table }
    }

    #[inline]
    pub(crate) fn mul(&self, x: u64) -> F {
        let mut acc = self.table[(x & 0xff) as usize];
        let (mut x, mut k) = (x >> 8, 256);
        while x != 0 {
            acc += self.table[k + (x & 0xff) as usize];
            x >>= 8;
            k += 256;
        }
        acc
    }
}

/// Below this many entries the small-value kernels multiply directly (building tables of
/// `256` entries per byte would cost more than it saves).
const TABLE_THRESHOLD: usize = 1 << 10;

/// `Σ_i eq[i]·x_i` for small integers: every `eq[i]` is added into one bucket per byte value
/// of `x_i` (`B_k[b] = Σ_{i: byte_k(x_i) = b} eq[i]`), then `Σ_k 256^k·Σ_b b·B_k[b]` with the
/// inner sums as running suffix sums. One addition per nonzero byte, no multiplication per
/// entry.
fn small_inner_product<T: SmallScalar, F: PrimeField>(eq: &[F], values: &[T]) -> F {
    let limbs = limbs_of::<T>();
    if eq.len() < TABLE_THRESHOLD {
        return eq
            .iter()
            .zip(values)
            .map(|(e, x)| match x.to_u64() {
                0 => F::zero(),
                1 => *e,
                x => *e * F::from(x),
            })
            .sum();
    }
    let add_into = |mut buckets: Vec<F>, (e, x): (&F, &T)| {
        let (mut x, mut k) = (x.to_u64(), 0);
        while x != 0 {
            buckets[k + (x & 0xff) as usize] += e;
            x >>= 8;
            k += 256;
        }
        buckets
    };
    let merge = |mut a: Vec<F>, b: Vec<F>| {
        a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        a
    };
    let empty = || vec![F::zero(); 256 * limbs];
    let buckets = if eq.len() >= PARALLEL_THRESHOLD {
        eq.par_iter()
            .zip(values.par_iter())
            .with_min_len(1 << 13)
            .fold(empty, add_into)
            .reduce(empty, merge)
    } else {
        eq.iter().zip(values).fold(empty(), add_into)
    };
    let radix = F::from(256u64);
    let (mut total, mut scale) = (F::zero(), F::one());
    for limb in buckets.chunks_exact(256) {
        let (mut suffix, mut sum) = (F::zero(), F::zero());
        for b in limb[1..].iter().rev() {
            suffix += b;
            sum += suffix;
        }
        total += scale * sum;
        scale *= radix;
    }
    total
}

/// A multilinear polynomial whose hypercube evaluations are small integers of type `T`.
///
/// It stays in its small form until the first [`CompactPolynomial::bind`], which computes
/// `p(r, x_1..) = lo + r·(hi − lo)` with the difference `hi − lo` taken in the integers (so it
/// costs one multiplication of a field element by a small signed integer, done as one field
/// multiplication), and stores the bound values densely from then on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompactPolynomial<T: SmallScalar, F: PrimeField> {
    values: Vec<T>,
    bound: Option<DensePolynomial<F>>,
}

impl<T: SmallScalar, F: PrimeField> CompactPolynomial<T, F> {
    /// Wraps `values` (length a power of two).
    ///
    /// # Panics
    /// If the length is not a power of two.
    pub fn new(values: Vec<T>) -> Self {
        assert!(
            values.len().is_power_of_two(),
            "a multilinear polynomial needs 2^n evaluations, got {}",
            values.len()
        );
        Self {
            values,
            bound: None,
        }
    }

    /// The small values as given (the hypercube evaluations before any binding).
    pub fn small_values(&self) -> &[T] {
        &self.values
    }

    /// True once a variable has been bound (the polynomial is then held densely).
    pub fn is_bound(&self) -> bool {
        self.bound.is_some()
    }

    /// The current number of variables.
    pub fn num_vars(&self) -> usize {
        self.len().trailing_zeros() as usize
    }

    /// The current number of evaluations.
    pub fn len(&self) -> usize {
        match &self.bound {
            Some(d) => d.len(),
            None => self.values.len(),
        }
    }

    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current evaluation at index `i` as a field element.
    pub fn get(&self, i: usize) -> F {
        match &self.bound {
            Some(d) => d.evals()[i],
            None => self.values[i].to_field(),
        }
    }

    /// Fixes the first variable to `r` (see [`DensePolynomial::bind`]).
    pub fn bind(&mut self, r: F) {
        match &mut self.bound {
            Some(d) => d.bind(r),
            None => {
                assert!(self.values.len() >= 2, "bind on a constant polynomial");
                let half = self.values.len() / 2;
                let (lo, hi) = self.values.split_at(half);
                let evals: Vec<F> = if half < TABLE_THRESHOLD {
                    let step = |(l, h): (&T, &T)| -> F {
                        let (l, h) = (l.to_u64(), h.to_u64());
                        if h >= l {
                            F::from(l) + r * F::from(h - l)
                        } else {
                            F::from(l) - r * F::from(l - h)
                        }
                    };
                    lo.iter().zip(hi.iter()).map(step).collect()
                } else {
                    // lo + r·(hi − lo) with both terms read from byte tables: additions only.
                    let limbs = limbs_of::<T>();
                    let (ones, rs) = (
                        ByteMultiples::new(F::one(), limbs),
                        ByteMultiples::new(r, limbs),
                    );
                    let step = |(l, h): (&T, &T)| -> F {
                        let (l, h) = (l.to_u64(), h.to_u64());
                        if h >= l {
                            ones.mul(l) + rs.mul(h - l)
                        } else {
                            ones.mul(l) - rs.mul(l - h)
                        }
                    };
                    if half >= PARALLEL_THRESHOLD {
                        lo.par_iter().zip(hi.par_iter()).map(step).collect()
                    } else {
                        lo.iter().zip(hi.iter()).map(step).collect()
                    }
                };
                self.bound = Some(DensePolynomial::new(evals));
                self.values = Vec::new();
            }
        }
    }

    /// Evaluates at `point` (length `n`), `Σ_x eq(r,x)·p(x)`.
    pub fn evaluate(&self, point: &[F]) -> F {
        match &self.bound {
            Some(d) => d.evaluate(point),
            None => {
                assert_eq!(
                    point.len(),
                    self.num_vars(),
                    "evaluation point has the wrong length"
                );
                small_inner_product(&EqPolynomial::evals(point), &self.values)
            }
        }
    }

    /// The bound evaluations, once a variable has been bound (`None` before).
    pub fn bound_evals(&self) -> Option<&[F]> {
        self.bound.as_ref().map(|d| d.evals())
    }

    /// Converts to the dense form (field elements), keeping any binding already done.
    pub fn to_dense(&self) -> DensePolynomial<F> {
        match &self.bound {
            Some(d) => d.clone(),
            None => DensePolynomial::new(self.values.iter().map(|v| v.to_field()).collect()),
        }
    }
}

/// Any multilinear polynomial a protocol can take: dense field elements or a compact
/// small-integer column. Commitment schemes dispatch on the variant for pay-per-bit MSMs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MultilinearPolynomial<F: PrimeField> {
    /// Arbitrary field elements.
    Dense(DensePolynomial<F>),
    /// 0/1 values (flags).
    Bool(CompactPolynomial<bool, F>),
    /// 8-bit values.
    U8(CompactPolynomial<u8, F>),
    /// 16-bit values (chunks of lookup indices).
    U16(CompactPolynomial<u16, F>),
    /// 32-bit values (register values, counters).
    U32(CompactPolynomial<u32, F>),
    /// 64-bit values.
    U64(CompactPolynomial<u64, F>),
}

macro_rules! dispatch {
    ($self:expr, $p:ident => $body:expr) => {
        match $self {
            MultilinearPolynomial::Dense($p) => $body,
            MultilinearPolynomial::Bool($p) => $body,
            MultilinearPolynomial::U8($p) => $body,
            MultilinearPolynomial::U16($p) => $body,
            MultilinearPolynomial::U32($p) => $body,
            MultilinearPolynomial::U64($p) => $body,
        }
    };
}

impl<F: PrimeField> MultilinearPolynomial<F> {
    /// The current number of variables.
    pub fn num_vars(&self) -> usize {
        dispatch!(self, p => p.num_vars())
    }

    /// The current number of evaluations `2^n`.
    pub fn len(&self) -> usize {
        dispatch!(self, p => p.len())
    }

    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current evaluation at index `i` as a field element.
    pub fn get(&self, i: usize) -> F {
        match self {
            MultilinearPolynomial::Dense(p) => p.evals()[i],
            MultilinearPolynomial::Bool(p) => p.get(i),
            MultilinearPolynomial::U8(p) => p.get(i),
            MultilinearPolynomial::U16(p) => p.get(i),
            MultilinearPolynomial::U32(p) => p.get(i),
            MultilinearPolynomial::U64(p) => p.get(i),
        }
    }

    /// Fixes the first variable to `r` in place.
    pub fn bind(&mut self, r: F) {
        dispatch!(self, p => p.bind(r))
    }

    /// The current evaluations as a field slice when they are held as field elements (dense,
    /// or compact after its first bind); `None` for a compact polynomial not yet bound.
    /// Hot loops use it to avoid per-element dispatch.
    pub fn field_evals(&self) -> Option<&[F]> {
        match self {
            MultilinearPolynomial::Dense(p) => Some(p.evals()),
            MultilinearPolynomial::Bool(p) => p.bound_evals(),
            MultilinearPolynomial::U8(p) => p.bound_evals(),
            MultilinearPolynomial::U16(p) => p.bound_evals(),
            MultilinearPolynomial::U32(p) => p.bound_evals(),
            MultilinearPolynomial::U64(p) => p.bound_evals(),
        }
    }

    /// Entry `i` as the integer it was built from: `Some` only while a compact polynomial is
    /// unbound (a small-value fast path reads it without converting to the field).
    pub fn small_u64(&self, i: usize) -> Option<u64> {
        fn raw<T: SmallScalar, F: PrimeField>(
            p: &CompactPolynomial<T, F>,
            i: usize,
        ) -> Option<u64> {
            (!p.is_bound()).then(|| p.small_values()[i].to_u64())
        }
        match self {
            MultilinearPolynomial::Dense(_) => None,
            MultilinearPolynomial::Bool(p) => raw(p, i),
            MultilinearPolynomial::U8(p) => raw(p, i),
            MultilinearPolynomial::U16(p) => raw(p, i),
            MultilinearPolynomial::U32(p) => raw(p, i),
            MultilinearPolynomial::U64(p) => raw(p, i),
        }
    }

    /// Entry `i` as a field element, an unbound compact entry converted by `ones` (the
    /// multiples of one: additions only, no Montgomery multiplication).
    pub(crate) fn get_converted(&self, i: usize, ones: &ByteMultiples<F>) -> F {
        match self.small_u64(i) {
            Some(v) => ones.mul(v),
            None => self.get(i),
        }
    }

    /// Writes `p(r, i)` for `i ∈ rows` (the first variable bound to `r`) to
    /// `out[(i − rows.start)·stride]`. Compact entries cost additions only: `low` and `high`
    /// are the multiples of `1 − r` and `r` (`(1 − r)·lo + r·hi`), flags a 4-entry table.
    pub(crate) fn write_bound(
        &self,
        r: F,
        (low, high): (&ByteMultiples<F>, &ByteMultiples<F>),
        rows: core::ops::Range<usize>,
        out: &mut [F],
        stride: usize,
    ) {
        let half = self.len() / 2;
        fn small<T: SmallScalar, F: PrimeField>(
            values: &[T],
            half: usize,
            (low, high): (&ByteMultiples<F>, &ByteMultiples<F>),
            rows: core::ops::Range<usize>,
            out: &mut [F],
            stride: usize,
        ) {
            for (o, i) in rows.enumerate() {
                out[o * stride] = low.mul(values[i].to_u64()) + high.mul(values[i + half].to_u64());
            }
        }
        match self {
            MultilinearPolynomial::Bool(p) if !p.is_bound() => {
                let v = p.small_values();
                // (lo, hi) ∈ {0,1}²: 0, r, 1 − r, 1.
                let table = [F::zero(), r, F::one() - r, F::one()];
                for (o, i) in rows.enumerate() {
                    out[o * stride] = table[usize::from(v[i]) * 2 + usize::from(v[i + half])];
                }
            }
            MultilinearPolynomial::U8(p) if !p.is_bound() => {
                small(p.small_values(), half, (low, high), rows, out, stride)
            }
            MultilinearPolynomial::U16(p) if !p.is_bound() => {
                small(p.small_values(), half, (low, high), rows, out, stride)
            }
            MultilinearPolynomial::U32(p) if !p.is_bound() => {
                small(p.small_values(), half, (low, high), rows, out, stride)
            }
            MultilinearPolynomial::U64(p) if !p.is_bound() => {
                small(p.small_values(), half, (low, high), rows, out, stride)
            }
            _ => {
                for (o, i) in rows.enumerate() {
                    let (lo, hi) = (self.get(i), self.get(i + half));
                    out[o * stride] = lo + r * (hi - lo);
                }
            }
        }
    }

    /// True while the polynomial is a compact, unbound one (see [`Self::small_u64`]).
    pub fn is_small(&self) -> bool {
        !matches!(self, MultilinearPolynomial::Dense(_)) && self.field_evals().is_none()
    }

    /// Writes entries `range` as integers to `out[k·stride]` (`k` counting from the range's
    /// start; entries at or past the end read as 0), one typed loop per call: the block
    /// loader of small-value sumcheck rounds. `None` (nothing written) unless the polynomial
    /// is compact and unbound.
    pub fn write_small(
        &self,
        range: core::ops::Range<usize>,
        out: &mut [i128],
        stride: usize,
    ) -> Option<()> {
        fn write<T: SmallScalar, F: PrimeField>(
            p: &CompactPolynomial<T, F>,
            range: core::ops::Range<usize>,
            out: &mut [i128],
            stride: usize,
        ) -> Option<()> {
            if p.is_bound() {
                return None;
            }
            let values = p.small_values();
            for (k, i) in range.enumerate() {
                out[k * stride] = values.get(i).map_or(0, |v| v.to_u64() as i128);
            }
            Some(())
        }
        match self {
            MultilinearPolynomial::Dense(_) => None,
            MultilinearPolynomial::Bool(p) => write(p, range, out, stride),
            MultilinearPolynomial::U8(p) => write(p, range, out, stride),
            MultilinearPolynomial::U16(p) => write(p, range, out, stride),
            MultilinearPolynomial::U32(p) => write(p, range, out, stride),
            MultilinearPolynomial::U64(p) => write(p, range, out, stride),
        }
    }

    /// Whether every evaluation is zero.
    pub fn is_zero(&self) -> bool {
        fn all_zero<T: SmallScalar, F: PrimeField>(p: &CompactPolynomial<T, F>) -> bool {
            match p.bound_evals() {
                Some(evals) => evals.iter().all(|v| v.is_zero()),
                None => p.small_values().iter().all(|v| v.to_u64() == 0),
            }
        }
        match self {
            MultilinearPolynomial::Dense(p) => p.evals().iter().all(|v| v.is_zero()),
            MultilinearPolynomial::Bool(p) => all_zero(p),
            MultilinearPolynomial::U8(p) => all_zero(p),
            MultilinearPolynomial::U16(p) => all_zero(p),
            MultilinearPolynomial::U32(p) => all_zero(p),
            MultilinearPolynomial::U64(p) => all_zero(p),
        }
    }

    /// Evaluates at `point`.
    pub fn evaluate(&self, point: &[F]) -> F {
        dispatch!(self, p => p.evaluate(point))
    }

    /// The evaluations as field elements.
    pub fn to_dense(&self) -> DensePolynomial<F> {
        match self {
            MultilinearPolynomial::Dense(p) => p.clone(),
            MultilinearPolynomial::Bool(p) => p.to_dense(),
            MultilinearPolynomial::U8(p) => p.to_dense(),
            MultilinearPolynomial::U16(p) => p.to_dense(),
            MultilinearPolynomial::U32(p) => p.to_dense(),
            MultilinearPolynomial::U64(p) => p.to_dense(),
        }
    }
}

impl<F: PrimeField> DensePolynomial<F> {
    /// The evaluation at hypercube index `i`.
    pub fn get(&self, i: usize) -> F {
        self.evals[i]
    }
}

impl<F: PrimeField> From<DensePolynomial<F>> for MultilinearPolynomial<F> {
    fn from(p: DensePolynomial<F>) -> Self {
        MultilinearPolynomial::Dense(p)
    }
}

impl<F: PrimeField> MultilinearPolynomial<F> {
    /// `acc[i] += coeff·p(i)` for every hypercube point `i < len` (the polynomial's own
    /// representation is read directly: small values are added from a table of byte multiples
    /// of `coeff`, no multiplication per entry).
    ///
    /// # Panics
    /// If `acc` is shorter than the polynomial.
    pub fn add_scaled_into(&self, acc: &mut [F], coeff: F) {
        use rayon::prelude::*;
        fn small<T: SmallScalar, F: PrimeField>(acc: &mut [F], v: &[T], coeff: F) {
            if v.len() < TABLE_THRESHOLD {
                for (a, x) in acc.iter_mut().zip(v) {
                    *a += coeff * F::from(x.to_u64());
                }
                return;
            }
            let multiples = ByteMultiples::new(coeff, limbs_of::<T>());
            acc[..v.len()]
                .par_iter_mut()
                .zip(v.par_iter())
                .with_min_len(1 << 12)
                .for_each(|(a, x)| match x.to_u64() {
                    0 => {}
                    x => *a += multiples.mul(x),
                });
        }
        match self {
            MultilinearPolynomial::Bool(c) if !c.is_bound() => small(acc, c.small_values(), coeff),
            MultilinearPolynomial::U8(c) if !c.is_bound() => small(acc, c.small_values(), coeff),
            MultilinearPolynomial::U16(c) if !c.is_bound() => small(acc, c.small_values(), coeff),
            MultilinearPolynomial::U32(c) if !c.is_bound() => small(acc, c.small_values(), coeff),
            MultilinearPolynomial::U64(c) if !c.is_bound() => small(acc, c.small_values(), coeff),
            // Field values are read in place (a dense polynomial is not copied).
            MultilinearPolynomial::Dense(p) => acc[..p.len()]
                .par_iter_mut()
                .zip(p.evals().par_iter())
                .with_min_len(1 << 12)
                .for_each(|(a, x)| *a += coeff * x),
            other => {
                let dense = other.to_dense();
                acc[..dense.len()]
                    .par_iter_mut()
                    .zip(dense.evals().par_iter())
                    .with_min_len(1 << 12)
                    .for_each(|(a, x)| *a += coeff * x);
            }
        }
    }

    /// `Σ_x eq[x]·p(x)`: the evaluation at `r` given the table `eq[x] = eq(r, x)`, so many
    /// polynomials can share one table (small values are summed into byte buckets: additions
    /// only, see `small_inner_product`).
    ///
    /// # Panics
    /// If `eq` and the polynomial differ in length.
    pub fn evaluate_with_eq_table(&self, eq: &[F]) -> F {
        assert_eq!(eq.len(), self.len(), "eq table of the wrong length");
        fn small<T: SmallScalar, F: PrimeField>(eq: &[F], v: &[T]) -> F {
            small_inner_product(eq, v)
        }
        match self {
            MultilinearPolynomial::Bool(c) if !c.is_bound() => small(eq, c.small_values()),
            MultilinearPolynomial::U8(c) if !c.is_bound() => small(eq, c.small_values()),
            MultilinearPolynomial::U16(c) if !c.is_bound() => small(eq, c.small_values()),
            MultilinearPolynomial::U32(c) if !c.is_bound() => small(eq, c.small_values()),
            MultilinearPolynomial::U64(c) if !c.is_bound() => small(eq, c.small_values()),
            MultilinearPolynomial::Dense(p) => inner_product(eq, p.evals()),
            other => inner_product(eq, other.to_dense().evals()),
        }
    }

    /// The polynomial with evaluations `values` in the smallest compact form that holds
    /// them (0/1, `u8`, `u16`, `u32`, else `u64`): pay-per-bit commitments read that form.
    pub fn compact_from_u64s(values: &[u64]) -> Self {
        let max = values.iter().copied().max().unwrap_or(0);
        if max <= 1 {
            values.iter().map(|&v| v == 1).collect::<Vec<bool>>().into()
        } else if max <= u8::MAX as u64 {
            values.iter().map(|&v| v as u8).collect::<Vec<u8>>().into()
        } else if max <= u16::MAX as u64 {
            values
                .iter()
                .map(|&v| v as u16)
                .collect::<Vec<u16>>()
                .into()
        } else if max <= u32::MAX as u64 {
            values
                .iter()
                .map(|&v| v as u32)
                .collect::<Vec<u32>>()
                .into()
        } else {
            values.to_vec().into()
        }
    }

    /// The dense polynomial with these evaluations.
    pub fn dense(evals: Vec<F>) -> Self {
        MultilinearPolynomial::Dense(DensePolynomial::new(evals))
    }
}

macro_rules! from_small {
    ($t:ty, $variant:ident) => {
        impl<F: PrimeField> From<Vec<$t>> for MultilinearPolynomial<F> {
            fn from(values: Vec<$t>) -> Self {
                MultilinearPolynomial::$variant(CompactPolynomial::new(values))
            }
        }
    };
}
from_small!(bool, Bool);
from_small!(u8, U8);
from_small!(u16, U16);
from_small!(u32, U32);
from_small!(u64, U64);

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ff::{One, Zero};
    use ark_std::UniformRand;
    use proptest::prelude::*;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    /// p(r) by the definition Σ_x Π_k (x_k r_k + (1−x_k)(1−r_k))·p(x), x_0 the top bit.
    fn naive_evaluate(evals: &[Fr], r: &[Fr]) -> Fr {
        let n = r.len();
        let mut acc = Fr::zero();
        for (i, v) in evals.iter().enumerate() {
            let mut w = Fr::one();
            for (k, rk) in r.iter().enumerate() {
                let bit = (i >> (n - 1 - k)) & 1;
                w *= if bit == 1 { *rk } else { Fr::one() - rk };
            }
            acc += w * v;
        }
        acc
    }

    fn random_poly(n: usize, seed: u64) -> (Vec<Fr>, Vec<Fr>) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let evals = (0..1usize << n).map(|_| Fr::rand(&mut rng)).collect();
        let point = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        (evals, point)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn evaluate_matches_naive_definition(n in 0usize..=10, seed in any::<u64>()) {
            let (evals, point) = random_poly(n, seed);
            let p = DensePolynomial::new(evals.clone());
            prop_assert_eq!(p.evaluate(&point), naive_evaluate(&evals, &point));
        }

        #[test]
        fn binding_every_variable_gives_the_evaluation(n in 1usize..=16, seed in any::<u64>()) {
            let (evals, point) = random_poly(n, seed);
            let mut p = DensePolynomial::new(evals);
            let expected = p.evaluate(&point);
            for r in &point {
                p.bind(*r);
            }
            prop_assert_eq!(p.len(), 1);
            prop_assert_eq!(p.evals()[0], expected);
        }

        #[test]
        fn compact_forms_agree_with_dense(n in 1usize..=12, seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let (_, point) = random_poly(n, seed);
            let values: Vec<u16> = (0..1usize << n).map(|_| rand_chacha::rand_core::RngCore::next_u32(&mut rng) as u16).collect();
            let flags: Vec<bool> = values.iter().map(|v| v & 1 == 1).collect();
            let dense = DensePolynomial::<Fr>::from_u64s(&values.iter().map(|&v| v as u64).collect::<Vec<_>>());
            let mut compact: MultilinearPolynomial<Fr> = values.into();
            prop_assert_eq!(compact.evaluate(&point), dense.evaluate(&point));
            let flag_dense = DensePolynomial::<Fr>::from_u64s(&flags.iter().map(|&v| v as u64).collect::<Vec<_>>());
            let flag_poly: MultilinearPolynomial<Fr> = flags.into();
            prop_assert_eq!(flag_poly.evaluate(&point), flag_dense.evaluate(&point));
            let expected = dense.evaluate(&point);
            for r in &point {
                compact.bind(*r);
            }
            prop_assert_eq!(compact.get(0), expected);
        }
    }

    /// Every small-value kernel (bind, evaluate, `add_scaled_into`, `evaluate_with_eq_table`)
    /// against the dense polynomial, for every width, values up to the width's maximum, and
    /// sizes on both sides of the table threshold.
    fn check_small_kernels(values: Vec<u64>, seed: u64) {
        let n = values.len().trailing_zeros() as usize;
        let (_, point) = random_poly(n, seed);
        let dense = DensePolynomial::<Fr>::from_u64s(&values);
        let compact = MultilinearPolynomial::<Fr>::compact_from_u64s(&values);
        let expected = dense.evaluate(&point);
        assert_eq!(compact.evaluate(&point), expected);
        let eq = EqPolynomial::evals(&point);
        assert_eq!(compact.evaluate_with_eq_table(&eq), expected);
        let coeff = point[0] + Fr::from(3u64);
        let mut acc = eq.clone();
        compact.add_scaled_into(&mut acc, coeff);
        for ((a, e), v) in acc.iter().zip(&eq).zip(dense.evals()) {
            assert_eq!(*a, *e + coeff * v);
        }
        let mut bound = compact;
        for r in &point {
            bound.bind(*r);
        }
        assert_eq!(bound.get(0), expected);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]

        #[test]
        fn small_value_kernels_agree_with_dense(n in 1usize..=12, bits in prop::sample::select(vec![1u32, 8, 16, 32, 64]), seed in any::<u64>()) {
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let values: Vec<u64> = (0..1usize << n)
                .map(|_| {
                    let v = rand_chacha::rand_core::RngCore::next_u64(&mut rng);
                    if bits == 64 { v } else { v & ((1u64 << bits) - 1) }
                })
                .collect();
            check_small_kernels(values, seed);
        }
    }

    #[test]
    fn small_value_kernels_handle_extreme_values() {
        for max in [1u64, 255, 256, u16::MAX as u64, u32::MAX as u64, u64::MAX] {
            let values: Vec<u64> = (0..1u64 << 11)
                .map(|i| if i % 3 == 0 { max } else { i % 7 })
                .collect();
            check_small_kernels(values, max);
        }
    }

    #[test]
    #[should_panic(expected = "2^n evaluations")]
    fn non_power_of_two_length_is_rejected() {
        let _ = DensePolynomial::<Fr>::from_u64s(&[1, 2, 3]);
    }
}
