//! The CPU glue as a uniform R1CS (see `paper-notes/spartan.md`).
//!
//! [`builder`] holds the constraint-system vocabulary: columns, linear combinations with
//! next-step references, and the frozen [`UniformR1cs`]. [`shift`] holds the successor
//! polynomial that turns next-step column claims into ordinary column claims.

pub mod builder;
pub mod shift;

pub use builder::{
    Constraint, LinearCombination, UniformR1cs, UniformR1csBuilder, UnsatisfiedConstraint, Variable,
};
pub use shift::{next_mle, next_table_from_eq};
