//! The zkVM.
pub mod guests;
pub mod r1cs;
pub mod vm;
