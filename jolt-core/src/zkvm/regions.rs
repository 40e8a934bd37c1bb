//! The guest-addressable regions as the CPU constraints see them.
//!
//! A load or store at guest byte address `A = rs1 + imm_s` (over the integers) must land in
//! one region `k` with `A = guest_base_k + 4·o`, `0 ≤ o < words_k`, and touch witness word
//! `witness_base_k + o` (the layout's affine map, [`crate::vm::MemoryLayout::guest_regions`]).
//! The constraints pick `k` with a one-hot flag, and the region range check proves
//! `o ∈ [0, 2^{log M})` and `words_k − 1 − o ∈ [0, 2^{log M})`.
//!
//! The RAM region is split around the executable segments, so that stores to code are as
//! impossible to prove as they are to execute: input (read-only), output, RAM below the
//! code, the code (read-only), RAM above the code. Empty regions are left out.

use crate::vm::{GuestRegion, Program};

/// One region: guest byte `guest_base + 4o` is witness word `witness_base + o`, `o < words`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressRegion {
    /// First guest byte address.
    pub guest_base: u64,
    /// Witness address of the first word.
    pub witness_base: u64,
    /// Number of words (> 0).
    pub words: u64,
    /// Whether stores may write it.
    pub writable: bool,
}

/// The regions of one program's layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressRegions {
    /// The non-empty regions.
    pub regions: Vec<AddressRegion>,
}

impl AddressRegions {
    /// The regions of `program` (from its verifier-side layout and code range).
    pub fn new(program: &Program) -> Self {
        let layout = program.layout();
        let (code_start, code_end) = program.code_range();
        let mut regions = Vec::new();
        for map in layout.guest_regions() {
            let region = AddressRegion {
                guest_base: map.guest_base as u64,
                witness_base: map.witness_base as u64,
                words: map.words as u64,
                writable: map.writable,
            };
            if map.region != GuestRegion::Ram {
                regions.push(region);
                continue;
            }
            // Split RAM at the code: [base, code) rw, [code, code_end) ro, [code_end, top) rw.
            let base = map.guest_base as u64;
            let top = base + 4 * map.words as u64;
            let code_lo = (code_start as u64).clamp(base, top) & !3;
            let code_hi = ((code_end as u64).div_ceil(4) * 4).clamp(code_lo, top);
            for (lo, hi, writable) in [
                (base, code_lo, true),
                (code_lo, code_hi, false),
                (code_hi, top, true),
            ] {
                regions.push(AddressRegion {
                    guest_base: lo,
                    witness_base: map.witness_base as u64 + (lo - base) / 4,
                    words: (hi - lo) / 4,
                    writable,
                });
            }
        }
        regions.retain(|r| r.words > 0);
        AddressRegions { regions }
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// Whether there are no regions.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// The region holding guest byte address `address` and the word offset in it.
    pub fn locate(&self, address: u64) -> Option<(usize, u64)> {
        self.regions.iter().enumerate().find_map(|(k, r)| {
            let offset = address.checked_sub(r.guest_base)?;
            (offset % 4 == 0 && offset / 4 < r.words).then_some((k, offset / 4))
        })
    }
}
