//! The zkVM.
pub mod cli;
pub mod guests;
pub mod r1cs;
pub mod vm;
