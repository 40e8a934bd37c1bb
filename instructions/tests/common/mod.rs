//! Shared test helpers: a word memory, boundary operands, proptest strategies.
#![allow(dead_code)]

use instructions::WordMemory;
use proptest::prelude::*;
use std::collections::HashMap;

/// Operands the issue asks every instruction to be checked on, plus shift amounts.
pub const BOUNDARY: [u32; 12] = [
    0,
    1,
    2,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_0001,
    0xffff_fffe,
    0xffff_ffff,
    31,
    32,
    63,
    7,
];

/// A 32-bit operand: a boundary value half of the time, otherwise uniform.
pub fn operand() -> impl Strategy<Value = u32> {
    prop_oneof![
        (0..BOUNDARY.len()).prop_map(|i| BOUNDARY[i]),
        any::<u32>(),
        // small signed values: divisions by small numbers, short shifts
        (-9i32..10).prop_map(|v| v as u32),
    ]
}

/// Word memory over a hash map; unknown words read as a fixed pattern of the address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestMemory {
    pub words: HashMap<u32, u32>,
    pub exit_code: Option<u32>,
    pub terminated: bool,
    pub loads: usize,
    pub stores: usize,
}

/// The memory's content at a word address that was never written.
pub fn background(address: u32) -> u32 {
    address.wrapping_mul(0x9e37_79b9) ^ 0x5a5a_a5a5
}

impl TestMemory {
    pub fn word(&self, address: u32) -> u32 {
        *self.words.get(&address).unwrap_or(&background(address))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misaligned(pub u32);

impl WordMemory for TestMemory {
    type Error = Misaligned;
    fn load_word(&mut self, address: u32) -> Result<u32, Misaligned> {
        if !address.is_multiple_of(4) {
            return Err(Misaligned(address));
        }
        self.loads += 1;
        Ok(self.word(address))
    }
    fn store_word(&mut self, address: u32, value: u32) -> Result<(), Misaligned> {
        if !address.is_multiple_of(4) {
            return Err(Misaligned(address));
        }
        self.stores += 1;
        self.words.insert(address, value);
        Ok(())
    }
    fn store_exit_code(&mut self, value: u32) -> Result<(), Misaligned> {
        self.exit_code = Some(value);
        Ok(())
    }
    fn store_termination_flag(&mut self) -> Result<(), Misaligned> {
        self.terminated = true;
        Ok(())
    }
}
