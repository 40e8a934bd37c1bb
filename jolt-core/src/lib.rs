//! The zkVM.
pub mod guests;
pub mod vm;
