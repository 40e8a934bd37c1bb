//! Multilinear polynomial commitment schemes.
