//! The Twist/Shout backend's proof object and the dense opening claims both sides derive
//! from it.

use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use commitments::CommitmentScheme;
use sumcheck::SumcheckProof;

use super::super::bytecode_table::{field, NUM_FIELDS};
use super::super::proof::ProofSizes;
use super::shape::{TwistShoutShape, INC_OFFSET};
use crate::opening::{OpeningClaim, OpeningProof};
use crate::r1cs::{SpartanClaims, UniformSpartanProof};
use crate::twist_shout::{RaClaim, ShoutClaims, ShoutProof, TwistClaims, TwistProof};

/// A proof with the Twist/Shout memory-checking backend.
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct TwistShoutProof<S: CommitmentScheme> {
    /// `log2 T`.
    pub log_t: u32,
    /// The committed dense columns ([`TwistShoutShape::committed`]), then the register and
    /// RAM increments (offset by `2^32`).
    pub commitments: Vec<S::Commitment>,
    /// Per one-hot instance ([`TwistShoutShape::one_hot_shapes`]): its chunks' row
    /// commitments, chunk-major (`chunks · N`).
    pub one_hot_commitments: Vec<Vec<S::Commitment>>,
    /// Bytecode: every bytecode field column, then the row index, at the bytecode point.
    pub bytecode_evals: Vec<S::Field>,
    /// Bytecode: Shout over the `β`-compressed rows.
    pub bytecode: ShoutProof<S::Field>,
    /// Lookups: Surge's primary zero-check.
    pub lookups_primary: SumcheckProof<S::Field>,
    /// At its point: `E_α` for every memory, every flag, `out`.
    pub lookups_primary_evals: Vec<S::Field>,
    /// `dim_c` at the primary point (the Shout raf claims).
    pub lookup_dim_evals: Vec<S::Field>,
    /// One Shout instance per chunk position over `Σ_α γ^α·S_α` (the memories at that
    /// chunk), all in one batch.
    pub lookups: ShoutProof<S::Field>,
    /// [`TwistShoutShape::register_columns`] at the registers' point.
    pub register_evals: Vec<S::Field>,
    /// Registers: Twist.
    pub registers: TwistProof<S::Field>,
    /// [`TwistShoutShape::ram_columns`] at the RAM's point.
    pub ram_evals: Vec<S::Field>,
    /// RAM: Twist, with the public I/O region as the output check.
    pub ram: TwistProof<S::Field>,
    /// [`TwistShoutShape::region_columns`] at the region check's point.
    pub region_evals: Vec<S::Field>,
    /// The region range check: Shout of the offset and of the slack into the identity
    /// table, in one batch.
    pub regions: ShoutProof<S::Field>,
    /// CPU constraints (Spartan).
    pub r1cs: UniformSpartanProof<S::Field>,
    /// The one batched opening.
    pub opening: OpeningProof<S>,
}

fn c<T: CanonicalSerialize>(x: &T) -> usize {
    x.compressed_size()
}

impl<S: CommitmentScheme> TwistShoutProof<S> {
    /// The compressed size of each part.
    pub fn proof_bytes(&self) -> ProofSizes {
        ProofSizes {
            commitments: c(&self.commitments) + c(&self.one_hot_commitments),
            bytecode: c(&self.bytecode_evals) + c(&self.bytecode),
            lookups: c(&self.lookups_primary)
                + c(&self.lookups_primary_evals)
                + c(&self.lookup_dim_evals)
                + c(&self.lookups),
            memory: c(&self.register_evals)
                + c(&self.registers)
                + c(&self.ram_evals)
                + c(&self.ram)
                + c(&self.region_evals)
                + c(&self.regions),
            r1cs: c(&self.r1cs),
            opening: c(&self.opening),
            total: self.compressed_size(),
        }
    }
}

/// The points every part ended at and its claims (identical on both sides when honest).
pub struct TwistShoutPoints<F: PrimeField> {
    /// The access point `r_cycle` shared by the bytecode, register, RAM and region reads
    /// (one random point serves every check drawn after the commitments).
    pub access: Vec<F>,
    /// The lookups' primary point.
    pub lookups: Vec<F>,
    /// Registers' Twist claims.
    pub registers: TwistClaims<F>,
    /// RAM's Twist claims.
    pub ram: TwistClaims<F>,
    /// Spartan.
    pub r1cs: SpartanClaims<F>,
}

/// The evaluations a proof states outside its sub-protocols' proofs.
pub struct StatedEvals<'a, F> {
    /// `log2 T`.
    pub log_t: u32,
    /// See [`TwistShoutProof::bytecode_evals`].
    pub bytecode_evals: &'a [F],
    /// See [`TwistShoutProof::lookups_primary_evals`].
    pub lookups_primary_evals: &'a [F],
    /// See [`TwistShoutProof::lookup_dim_evals`].
    pub lookup_dim_evals: &'a [F],
    /// See [`TwistShoutProof::register_evals`].
    pub register_evals: &'a [F],
    /// See [`TwistShoutProof::ram_evals`].
    pub ram_evals: &'a [F],
    /// See [`TwistShoutProof::region_evals`].
    pub region_evals: &'a [F],
}

impl<S: CommitmentScheme> TwistShoutProof<S> {
    /// The stated evaluations of this proof.
    pub fn stated_evals(&self) -> StatedEvals<'_, S::Field> {
        StatedEvals {
            log_t: self.log_t,
            bytecode_evals: &self.bytecode_evals,
            lookups_primary_evals: &self.lookups_primary_evals,
            lookup_dim_evals: &self.lookup_dim_evals,
            register_evals: &self.register_evals,
            ram_evals: &self.ram_evals,
            region_evals: &self.region_evals,
        }
    }
}

/// Every one-hot instance's chunk claims, in [`TwistShoutShape::one_hot_shapes`] order:
/// bytecode, each lookup chunk position, registers, RAM, region offset, region slack.
pub fn one_hot_claims<'a, F: PrimeField>(
    bytecode: &'a ShoutClaims<F>,
    lookups: &'a [ShoutClaims<F>],
    points: &'a TwistShoutPoints<F>,
    regions: &'a [ShoutClaims<F>],
) -> Vec<&'a [RaClaim<F>]> {
    std::iter::once(&bytecode.ra[..])
        .chain(lookups.iter().map(|c| &c.ra[..]))
        .chain([&points.registers.chunks[..], &points.ram.chunks[..]])
        .chain(regions.iter().map(|c| &c.ra[..]))
        .collect()
}

/// The claims on the dense commitments, in [`TwistShoutShape`] commitment positions.
/// `operand_memories` are the memories whose `E_α` are committed (the operand chunks). The
/// caller has checked the shapes of `proof`'s vectors.
pub fn dense_claims<F: PrimeField>(
    shape: &TwistShoutShape,
    proof: &StatedEvals<'_, F>,
    points: &TwistShoutPoints<F>,
    r1cs_columns: &[usize],
    operand_memories: &[usize],
    entry_row: usize,
) -> Vec<OpeningClaim<F>> {
    let layout = &shape.layout;
    let mut claims = Vec::new();
    let mut at = |column: usize, point: &[F], value: F| {
        claims.push(OpeningClaim {
            commitment_index: shape.position(column).expect("a committed column"),
            point: point.to_vec(),
            value,
        })
    };
    // Bytecode fields and row index.
    for j in 0..NUM_FIELDS {
        at(layout.bc_field(j), &points.access, proof.bytecode_evals[j]);
    }
    at(
        layout.bc_index,
        &points.access,
        proof.bytecode_evals[NUM_FIELDS],
    );
    let zero = vec![F::from(0u64); proof.log_t as usize];
    at(layout.bc_index, &zero, F::from(entry_row as u64));
    // Lookups: flags, output and the operand chunks at the primary point; the dims.
    let m = layout.memories;
    let e = &proof.lookups_primary_evals;
    for &alpha in operand_memories {
        at(layout.memory_values + alpha, &points.lookups, e[alpha]);
    }
    let num_flags = e.len() - m - 1;
    for f in 0..num_flags {
        at(
            layout.bc_field(field::lookup_flag(f)),
            &points.lookups,
            e[m + f],
        );
    }
    at(layout.lookup_output, &points.lookups, e[m + num_flags]);
    for c in 0..layout.chunks {
        at(layout.dims + c, &points.lookups, proof.lookup_dim_evals[c]);
    }
    // Registers, RAM, regions.
    for (col, v) in shape.register_columns().iter().zip(proof.register_evals) {
        at(*col, &points.access, *v);
    }
    for (col, v) in shape.ram_columns().iter().zip(proof.ram_evals) {
        at(*col, &points.access, *v);
    }
    for (col, v) in shape.region_columns().iter().zip(proof.region_evals) {
        at(*col, &points.access, *v);
    }
    // CPU constraints.
    let sp = &points.r1cs;
    for (j, v) in sp.column_evals.iter().enumerate() {
        at(r1cs_columns[j], &sp.point, *v);
    }
    for &(j, v) in &sp.shift_column_evals {
        at(r1cs_columns[j], &sp.shift_point, v);
    }
    // Increments.
    let offset = F::from(INC_OFFSET);
    for (index, twist) in [
        (shape.register_inc(), &points.registers),
        (shape.ram_inc(), &points.ram),
    ] {
        for (point, value) in &twist.inc {
            claims.push(OpeningClaim {
                commitment_index: index,
                point: point.clone(),
                value: *value + offset,
            });
        }
    }
    claims
}
