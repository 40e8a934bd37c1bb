//! `serde_json` round trip: input `n` (u32); builds `n` records, serialises them to a JSON
//! string, parses the string back and checks that it got the same records. Output
//! (JSON length in bytes, FNV-1a hash of the JSON text, records parsed).
#![cfg_attr(target_os = "none", no_std, no_main)]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use alloc::{format, vec};

use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    id: u32,
    name: String,
    active: bool,
    balance: i64,
    tags: Vec<String>,
}

fn record(i: u32) -> Record {
    Record {
        id: i,
        name: format!("user-{i:04}"),
        active: !i.is_multiple_of(3),
        balance: (i as i64 * 7919) % 100_003 - 50_000,
        tags: vec![format!("t{}", i % 5), String::from("zkvm")],
    }
}

fn round_trip(n: u32) -> (u32, u32, u32) {
    let records: Vec<Record> = (0..n).map(record).collect();
    let text = serde_json::to_string(&records).expect("records serialise");
    let parsed: Vec<Record> = serde_json::from_str(&text).expect("the JSON parses");
    assert!(parsed == records, "round trip changed the records");
    let hash = text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    });
    (text.len() as u32, hash, parsed.len() as u32)
}

jolt_guest::entry!(round_trip, heap = 64 * 1024);
