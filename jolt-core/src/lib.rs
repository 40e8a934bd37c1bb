//! The zkVM.
pub mod cli;
pub mod guests;
pub mod lasso;
pub mod memory_checking;
pub mod opening;
pub mod r1cs;
pub mod vm;
