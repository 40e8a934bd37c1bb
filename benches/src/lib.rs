//! Benchmark helpers shared by the criterion benches and the table generators.
