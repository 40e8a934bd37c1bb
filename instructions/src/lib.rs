//! RV32IM decoding, reference semantics, subtables and lookup decompositions.
