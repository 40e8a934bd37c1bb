//! Sumcheck.
