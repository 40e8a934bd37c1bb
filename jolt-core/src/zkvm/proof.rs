//! The Jolt proof object, the verifier's errors, and the list of opening claims both sides
//! derive from a proof's stated evaluations.

use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use commitments::CommitmentScheme;
use sumcheck::SumcheckProof;

use super::bytecode_table::NUM_FIELDS;
use super::witness::{PolyLayout, OPS_PER_STEP};
use crate::lasso::{SurgeClaims, SurgeError, SurgeProof};
use crate::memory_checking::{
    MemoryCheckingError, ReadOnlyClaims, ReadOnlyMemoryProof, ReadWriteClaims, ReadWriteMemoryProof,
};
use crate::opening::{OpeningClaim, OpeningError, OpeningProof};
use crate::r1cs::{SpartanClaims, SpartanError, UniformSpartanProof};
use crate::twist_shout::{ShoutError, TwistError};

/// The public statement: the program runs on `input` and halts with `exit_code`, having
/// written `output`.
#[derive(Clone, Debug, PartialEq, Eq, CanonicalSerialize, CanonicalDeserialize)]
pub struct PublicIo {
    /// The public input bytes.
    pub input: Vec<u8>,
    /// The public output bytes.
    pub output: Vec<u8>,
    /// The exit code.
    pub exit_code: u32,
}

/// A proof that a program ran to its halt on [`PublicIo`].
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct JoltProof<S: CommitmentScheme> {
    /// `log2 T`: the padded trace length (bounded by the verifier's preprocessing).
    pub log_t: u32,
    /// One commitment per witness polynomial, in [`PolyLayout`] order.
    pub commitments: Vec<S::Commitment>,
    /// Bytecode: read-only memory check of the (compressed) row tuples.
    pub bytecode: ReadOnlyMemoryProof<S::Field>,
    /// Each bytecode field's step column at the bytecode check's access point.
    pub bytecode_field_evals: Vec<S::Field>,
    /// Instruction lookups (Surge).
    pub lookups: SurgeProof<S::Field>,
    /// Registers and RAM: read-write memory check over `4T` operations.
    pub memory: ReadWriteMemoryProof<S::Field>,
    /// The 14 per-step columns behind the interleaved operation polynomials, at the access
    /// point's step part: `a_0..a_3, rv_0..rv_3, wv_2, wv_3, rt_0..rt_3`.
    pub memory_evals: Vec<S::Field>,
    /// The timestamp range check's four read-counter columns, then its four final-counter
    /// columns, at the access point's step part (the range check shares the access point).
    pub timestamp_evals: Vec<S::Field>,
    /// The output check `Σ_m eq(ρ, m)·io(m)·fv(m) = Σ_m eq(ρ, m)·expected(m)`.
    pub output_check: SumcheckProof<S::Field>,
    /// `f̃v` at the output check's point.
    pub output_final_value: S::Field,
    /// The address-region range check (offset and slack of every RAM access).
    pub regions: ReadOnlyMemoryProof<S::Field>,
    /// `õ` and each region flag at the region check's step point, then the two read-counter
    /// columns there.
    pub region_evals: Vec<S::Field>,
    /// The CPU constraints (Spartan).
    pub r1cs: UniformSpartanProof<S::Field>,
    /// The one batched opening of every claim.
    pub opening: OpeningProof<S>,
}

/// Serialized size of each part, for the proof-size table.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProofSizes {
    /// Commitments.
    pub commitments: usize,
    /// Bytecode check.
    pub bytecode: usize,
    /// Instruction lookups.
    pub lookups: usize,
    /// Registers, RAM, output check, region check.
    pub memory: usize,
    /// R1CS.
    pub r1cs: usize,
    /// The batched opening.
    pub opening: usize,
    /// Everything.
    pub total: usize,
}

fn c<T: CanonicalSerialize>(x: &T) -> usize {
    x.compressed_size()
}

impl<S: CommitmentScheme> JoltProof<S> {
    /// The compressed size of each part.
    pub fn proof_bytes(&self) -> ProofSizes {
        ProofSizes {
            commitments: c(&self.commitments),
            bytecode: c(&self.bytecode) + c(&self.bytecode_field_evals),
            lookups: c(&self.lookups),
            memory: c(&self.memory)
                + c(&self.memory_evals)
                + c(&self.timestamp_evals)
                + c(&self.output_check)
                + c(&self.output_final_value)
                + c(&self.regions)
                + c(&self.region_evals),
            r1cs: c(&self.r1cs),
            opening: c(&self.opening),
            total: self.compressed_size(),
        }
    }
}

/// Why the verifier rejected a proof. Each variant names the check that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JoltError {
    /// The proof's shape does not fit the preprocessing (sizes, counts).
    #[error("malformed proof: {0}")]
    Malformed(String),
    /// The public I/O does not fit the layout.
    #[error("public input/output exceed the layout's limits")]
    IoTooLarge,
    /// The program's entry word is not an instruction, so no run of it can be proved (a
    /// proof would otherwise start at the next instruction's row).
    #[error("the program's entry point is not an instruction")]
    EntryNotAnInstruction,
    /// The bytecode memory check failed: some step did not execute a program row.
    #[error("bytecode check: {0}")]
    Bytecode(MemoryCheckingError),
    /// The bytecode field evaluations do not combine to the checked tuple evaluation.
    #[error("bytecode check: field evaluations inconsistent with the row tuples")]
    BytecodeFields,
    /// The instruction lookups failed.
    #[error("instruction lookups: {0}")]
    Lookups(SurgeError),
    /// The register/RAM memory check failed.
    #[error("registers and RAM: {0}")]
    Memory(MemoryCheckingError),
    /// The per-step operation columns do not interleave to the checked operation evaluations.
    #[error("registers and RAM: `{0}` columns inconsistent with the operation polynomial")]
    MemoryInterleave(&'static str),
    /// The output check's sumcheck failed.
    #[error("output check: {0}")]
    OutputSumcheck(sumcheck::SumcheckError),
    /// The final I/O region differs from the claimed outputs, exit code or termination.
    #[error("output check: final I/O region differs from the public outputs")]
    OutputMismatch,
    /// The region range check failed.
    #[error("address regions: {0}")]
    Regions(MemoryCheckingError),
    /// The region range check's values are not the offsets and slacks of the steps.
    #[error("address regions: checked values are not offset and slack")]
    RegionValues,
    /// The CPU constraints failed.
    #[error("CPU constraints: {0}")]
    R1cs(SpartanError),
    /// Twist/Shout backend: the bytecode Shout failed.
    #[error("bytecode (Shout): {0}")]
    BytecodeShout(ShoutError),
    /// Twist/Shout backend: the lookups' Shout (all chunk positions in one batch) failed.
    #[error("instruction lookups (Shout): {0}")]
    LookupShout(ShoutError),
    /// Twist/Shout backend: the registers' Twist failed.
    #[error("registers (Twist): {0}")]
    Registers(TwistError),
    /// Twist/Shout backend: the RAM's Twist (or its output check) failed.
    #[error("RAM (Twist): {0}")]
    Ram(TwistError),
    /// Twist/Shout backend: the region range check's Shout (offset and slack in one batch)
    /// failed.
    #[error("address regions (Shout): {0}")]
    RegionShout(ShoutError),
    /// The batched opening failed: some stated evaluation is not the committed polynomial's.
    #[error("opening: {0}")]
    Opening(OpeningError),
}

/// Every sub-protocol's output claims (the same on both sides for an honest proof).
pub struct PartClaims<F: ark_ff::PrimeField> {
    /// Bytecode memory check.
    pub bytecode: ReadOnlyClaims<F>,
    /// Surge.
    pub lookups: SurgeClaims<F>,
    /// Registers/RAM.
    pub memory: ReadWriteClaims<F>,
    /// The output check's point.
    pub output_point: Vec<F>,
    /// The region range check.
    pub regions: ReadOnlyClaims<F>,
    /// Spartan.
    pub r1cs: SpartanClaims<F>,
}

/// The evaluations a proof states outside its sub-protocols' own proofs.
pub struct StatedEvals<'a, F> {
    /// `log2 T`.
    pub log_t: u32,
    /// See [`JoltProof::bytecode_field_evals`].
    pub bytecode_field_evals: &'a [F],
    /// See [`JoltProof::memory_evals`].
    pub memory_evals: &'a [F],
    /// See [`JoltProof::timestamp_evals`].
    pub timestamp_evals: &'a [F],
    /// See [`JoltProof::output_final_value`].
    pub output_final_value: F,
    /// See [`JoltProof::region_evals`].
    pub region_evals: &'a [F],
}

impl<S: CommitmentScheme> JoltProof<S> {
    /// The stated evaluations of this proof.
    pub fn stated_evals(&self) -> StatedEvals<'_, S::Field> {
        StatedEvals {
            log_t: self.log_t,
            bytecode_field_evals: &self.bytecode_field_evals,
            memory_evals: &self.memory_evals,
            timestamp_evals: &self.timestamp_evals,
            output_final_value: self.output_final_value,
            region_evals: &self.region_evals,
        }
    }
}

/// The opening claims of a proof: which committed polynomial must take which value where.
/// `entry_row` pins the first step's bytecode row; `r1cs_columns` maps R1CS columns to
/// polynomials. The caller has checked the shapes of `proof`'s vectors.
pub fn opening_claims<F: ark_ff::PrimeField>(
    layout: &PolyLayout,
    surge_memories: &[(usize, usize)],
    r1cs_columns: &[usize],
    entry_row: usize,
    proof: &StatedEvals<'_, F>,
    parts: &PartClaims<F>,
) -> Vec<OpeningClaim<F>> {
    let mut claims = Vec::new();
    let mut claim = |index: usize, point: &[F], value: F| {
        claims.push(OpeningClaim {
            commitment_index: index,
            point: point.to_vec(),
            value,
        })
    };
    let log_t = proof.log_t as usize;
    // Bytecode.
    let bc = &parts.bytecode;
    claim(layout.bc_index, &bc.access_point, bc.address_eval);
    for j in 0..NUM_FIELDS {
        claim(
            layout.bc_field(j),
            &bc.access_point,
            proof.bytecode_field_evals[j],
        );
    }
    claim(layout.bc_read_counts, &bc.access_point, bc.read_count_eval);
    claim(layout.bc_final_counts, &bc.table_point, bc.final_count_eval);
    // Lookups.
    let lk = &parts.lookups;
    let a = layout.memories;
    let num_flags = lk.primary_evals.len() - a - 1;
    for alpha in 0..a {
        claim(
            layout.memory_values + alpha,
            &lk.primary_point,
            lk.primary_evals[alpha],
        );
    }
    for f in 0..num_flags {
        claim(
            layout.bc_field(super::bytecode_table::field::lookup_flag(f)),
            &lk.primary_point,
            lk.primary_evals[a + f],
        );
    }
    claim(
        layout.lookup_output,
        &lk.primary_point,
        lk.primary_evals[a + num_flags],
    );
    for (alpha, (mc, &(_, chunk))) in lk.memory_claims.iter().zip(surge_memories).enumerate() {
        claim(layout.dims + chunk, &mc.access_point, mc.address_eval);
        claim(
            layout.memory_values + alpha,
            &mc.access_point,
            mc.value_eval,
        );
        claim(
            layout.lookup_read_counts + chunk,
            &mc.access_point,
            mc.read_count_eval,
        );
        claim(
            layout.lookup_final_counts + chunk,
            &mc.table_point,
            mc.final_count_eval,
        );
    }
    // Registers and RAM.
    let mem = &parts.memory;
    let step_point = &mem.access_point[..log_t];
    for (poly, value) in memory_eval_polys(layout).iter().zip(proof.memory_evals) {
        claim(*poly, step_point, *value);
    }
    claim(layout.final_values, &mem.final_point, mem.final_evals[0]);
    claim(
        layout.final_timestamps,
        &mem.final_point,
        mem.final_evals[1],
    );
    for k in 0..OPS_PER_STEP {
        claim(
            layout.ts_read_counts + k,
            step_point,
            proof.timestamp_evals[k],
        );
        claim(
            layout.ts_final_counts + k,
            step_point,
            proof.timestamp_evals[OPS_PER_STEP + k],
        );
    }
    claim(
        layout.final_values,
        &parts.output_point,
        proof.output_final_value,
    );
    // Regions.
    let rg = &parts.regions;
    let region_step = &rg.access_point[..log_t];
    claim(layout.ram_offset, region_step, proof.region_evals[0]);
    for k in 0..layout.regions {
        claim(
            layout.region_flags + k,
            region_step,
            proof.region_evals[1 + k],
        );
    }
    for k in 0..2 {
        claim(
            layout.region_read_counts + k,
            region_step,
            proof.region_evals[1 + layout.regions + k],
        );
    }
    claim(
        layout.region_final_counts,
        &rg.table_point,
        rg.final_count_eval,
    );
    // CPU constraints.
    let sp = &parts.r1cs;
    for (j, value) in sp.column_evals.iter().enumerate() {
        claim(r1cs_columns[j], &sp.point, *value);
    }
    for &(j, value) in &sp.shift_column_evals {
        claim(r1cs_columns[j], &sp.shift_point, value);
    }
    // The first step executes the entry row.
    let zero = vec![F::zero(); log_t];
    claim(layout.bc_index, &zero, F::from(entry_row as u64));
    claims
}

/// The polynomials behind [`JoltProof::memory_evals`], in order.
pub fn memory_eval_polys(layout: &PolyLayout) -> [usize; 14] {
    use super::bytecode_table::field;
    [
        layout.bc_field(field::RS1),
        layout.bc_field(field::RS2),
        layout.bc_field(field::RD),
        layout.ram_address,
        layout.read_values[0],
        layout.read_values[1],
        layout.read_values[2],
        layout.read_values[3],
        layout.rd_write,
        layout.ram_write,
        layout.read_timestamps[0],
        layout.read_timestamps[1],
        layout.read_timestamps[2],
        layout.read_timestamps[3],
    ]
}
