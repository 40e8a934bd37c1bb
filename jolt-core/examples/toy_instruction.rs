//! Adding a toy instruction: `ANDN rd, rs1, rs2` (`rd = rs1 AND NOT rs2`) as a new lookup
//! table with its own subtable, held to the same generic checks as the built-in ones, then
//! proven with Surge.
//!
//! ```text
//! cargo run --release -p jolt-core --example toy_instruction
//! ```
//!
//! 1. The subtable `AndNot[x‖y] = x AND NOT y` over an interleaved index (`h = log M / 2`
//!    bits per operand chunk) with its MLE `Σ_j 2^(h−1−j) · x_j·(1 − y_j)`: one
//!    `instructions::Subtable` impl.
//! 2. The lookup: the operands' chunks interleaved (`QueryKind::Interleaved`, like AND),
//!    `g = Σ_c 2^(b(C−1−c)) · AndNot[dim_c]`: one `instructions::testing::Decomposition` impl.
//! 3. `instructions::testing::{check_subtable, check_decomposition}`: the checks the crate's
//!    tests run on every built-in subtable and lookup, for both `(C, log M)` settings; a
//!    deliberately broken MLE shows they catch mistakes.
//! 4. A Surge instance of just this table proves `2^n` random ANDN lookups; the verifier
//!    accepts, and every opening claim it leaves is checked against the committed
//!    polynomials directly (inside the zkVM the PCS opening does that).
//!
//! Wiring ANDN into the VM itself would add a `LookupId`, a virtual-sequence row and a
//! bytecode flag; the checks above are what make such a table trustworthy.

use ark_bn254::Fr;
use ark_ff::PrimeField;
use instructions::testing::{check_decomposition, check_subtable, CheckError, Decomposition};
use instructions::{LookupParams, QueryKind, Subtable};
use jolt_core::lasso::{
    prove_surge, verify_surge, FieldFn, SurgeInstruction, SurgeParams, SurgeWitness,
};
use sumcheck::{MerlinTranscript, Transcript};

/// `S[x‖y] = x AND NOT y` for `h`-bit halves `x` (high) and `y` (low).
pub struct AndNot {
    /// Swap the two halves in the MLE: a deliberate bug the checks must catch.
    pub buggy: bool,
}

impl Subtable for AndNot {
    fn entry(&self, log_m: usize, index: u64) -> u64 {
        let h = log_m / 2;
        let (x, y) = (index >> h, index & ((1 << h) - 1));
        x & !y & ((1 << h) - 1)
    }

    fn supports(&self, log_m: usize) -> bool {
        log_m >= 2 && log_m.is_multiple_of(2)
    }

    fn evaluate_mle<F: PrimeField>(&self, point: &[F]) -> F {
        let (mut x, mut y) = point.split_at(point.len() / 2);
        if self.buggy {
            (x, y) = (y, x);
        }
        x.iter()
            .zip(y)
            .fold(F::zero(), |acc, (&a, &b)| acc.double() + a * (F::one() - b))
    }
}

/// The ANDN lookup table: `T[x, y] = x AND NOT y`.
pub struct Andn;

impl Decomposition for Andn {
    fn name(&self) -> String {
        "ANDN".into()
    }

    fn chunk_indices(&self, p: &LookupParams, x: u32, y: u32) -> Vec<usize> {
        QueryKind::Interleaved.chunk_indices(p, x, y)
    }

    fn memory_values(&self, p: &LookupParams, dims: &[usize]) -> Vec<u64> {
        let table = AndNot { buggy: false };
        dims.iter()
            .map(|&d| table.entry(p.log_m(), d as u64))
            .collect()
    }

    fn combine<F: PrimeField>(&self, p: &LookupParams, values: &[F]) -> F {
        // Most significant chunk first: Σ_c 2^(b(C−1−c)) · v_c.
        let shift = F::from(1u64 << p.operand_chunk_bits());
        values.iter().fold(F::zero(), |acc, &v| acc * shift + v)
    }

    fn g_degree(&self, _: &LookupParams) -> usize {
        1
    }

    fn lookup_output(&self, x: u32, y: u32) -> u32 {
        x & !y
    }
}

/// Step 3: the generic checks, for both supported `(C, log M)`; returns one line per check.
pub fn run_checks() -> Result<Vec<String>, CheckError> {
    let mut lines = Vec::new();
    for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
        let m = p.log_m();
        let s = check_subtable::<Fr, _>("and_not", &AndNot { buggy: false }, m, 8, 1)?;
        lines.push(format!(
            "subtable and_not, log M = {m}: {} entries = MLE at their bits, {} random points = naive extension",
            s.exact_cases, s.random_cases
        ));
        let d = check_decomposition::<Fr, _>(&Andn, &p, 256, 2)?;
        lines.push(format!(
            "lookup ANDN, (C, log M) = ({}, {m}): g = table on {} boundary + {} random cases, degree 1",
            p.c(),
            d.exact_cases,
            d.random_cases / 2
        ));
    }
    Ok(lines)
}

/// The broken MLE is rejected (returns the checker's message).
pub fn buggy_subtable_is_caught() -> Option<String> {
    check_subtable::<Fr, _>("and_not (halves swapped)", &AndNot { buggy: true }, 8, 8, 1)
        .err()
        .map(|e| e.to_string())
}

/// Step 4: the Surge instance of ANDN alone: one subtable read at every chunk.
pub fn surge_instance(p: &LookupParams) -> SurgeParams<Fr> {
    let log_m = p.log_m();
    let table = AndNot { buggy: false };
    let params = *p;
    SurgeParams {
        log_m,
        subtables: vec![table.materialize(log_m).into_iter().map(Fr::from).collect()],
        subtable_mles: vec![
            Box::new(|r: &[Fr]| AndNot { buggy: false }.evaluate_mle(r)) as FieldFn<Fr>
        ],
        num_chunks: p.c(),
        memories: (0..p.c()).map(|c| (0, c)).collect(),
        instructions: vec![SurgeInstruction {
            name: "ANDN",
            memories: (0..p.c()).collect(),
            combine: Box::new(move |v: &[Fr]| Andn.combine(&params, v)) as FieldFn<Fr>,
            degree: 1,
        }],
    }
}

/// Proves `2^log_n` ANDN lookups on pseudo-random operands and verifies them; checks every
/// claim the verifier leaves against the committed polynomials. Returns the number of claims.
pub fn prove_lookups(p: &LookupParams, log_n: usize) -> Result<usize, String> {
    let instance = surge_instance(p);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as u32
    };
    let n = 1usize << log_n;
    let mut dims = vec![Vec::with_capacity(n); p.c()];
    let mut outputs = Vec::with_capacity(n);
    for _ in 0..n {
        let (x, y) = (next(), next());
        for (c, d) in Andn.chunk_indices(p, x, y).into_iter().enumerate() {
            dims[c].push(d);
        }
        outputs.push(Fr::from(Andn.lookup_output(x, y)));
    }
    let witness = SurgeWitness {
        dims,
        flags: vec![vec![true; n]],
        outputs,
    };
    let polys = instance.committed_polynomials(&witness);

    let mut pt = MerlinTranscript::new(b"toy-instruction");
    let (proof, _) = prove_surge(&instance, &witness, &mut pt);
    let mut vt = MerlinTranscript::new(b"toy-instruction");
    let claims = verify_surge(&instance, log_n, &proof, &mut vt).map_err(|e| e.to_string())?;
    let opening = claims.opening_claims(&instance, 0);
    for claim in &opening {
        if polys[claim.commitment_index].evaluate(&claim.point) != claim.value {
            return Err(format!(
                "claim on polynomial {} is false",
                claim.commitment_index
            ));
        }
    }
    Ok(opening.len())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for line in run_checks()? {
        println!("ok: {line}");
    }
    match buggy_subtable_is_caught() {
        Some(message) => println!("caught, as it should be: {message}"),
        None => return Err("the broken MLE passed the checks".into()),
    }
    for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
        let claims = prove_lookups(&p, 12)?;
        println!(
            "Surge: 2^12 ANDN lookups with (C, log M) = ({}, {}) proven and verified ({claims} opening claims checked)",
            p.c(),
            p.log_m()
        );
    }
    Ok(())
}
