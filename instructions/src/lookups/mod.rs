//! The big lookup tables every bytecode row reads, one [`LookupId`] each.
//!
//! A lookup table `T_f` maps the operands `(x, y)` of a row to a 32-bit output
//! [`LookupId::lookup_output`]; Lasso proves `T_f[Q] = g_f(S_1[dim_1], …, S_k[dim_k])` for the
//! query `Q` the R1CS forms from the operands ([`LookupId::query_kind`]). Assertion tables
//! output 1 exactly when the asserted relation holds, and the rows that use them require it.

mod spec;

pub use spec::LookupId;
