//! The CPU glue as a uniform R1CS (see `paper-notes/spartan.md`).
//!
//! [`builder`] holds the constraint-system vocabulary: columns, linear combinations with
//! next-step references, and the frozen [`UniformR1cs`]. [`shift`] holds the successor
//! polynomial that turns next-step column claims into ordinary column claims. [`spartan`]
//! proves a witness satisfies the system (zero-check + shift reduction, no inner sumcheck).

pub mod builder;
pub mod shift;
pub mod spartan;

pub use builder::{
    Constraint, LinearCombination, UniformR1cs, UniformR1csBuilder, UnsatisfiedConstraint, Variable,
};
pub use shift::{next_mle, next_table_from_eq};
pub use spartan::{
    prove_uniform_r1cs, prove_uniform_r1cs_on, verify_uniform_r1cs, SpartanClaims, SpartanError,
    UniformSpartanProof,
};
