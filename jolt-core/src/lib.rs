//! The zkVM.
