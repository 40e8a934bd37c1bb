//! The prover checks its memory before it starts (see `paper-notes/jolt.md`, "Prover memory").
//!
//! A run too long for the machine used to be killed by the OS after minutes of work (or, under
//! a memory limit, to abort with "memory allocation of N bytes failed"). Before tracing, the
//! prover now counts the run's steps with the fast emulator (no trace is kept), estimates the
//! peak resident memory of proving `T = 2^log_t` padded steps, and stops with
//! [`ProveError::InsufficientMemory`](super::ProveError::InsufficientMemory) when the
//! estimate exceeds the memory available to the process.
//!
//! **The estimate** is the measured high-water mark of whole proofs (fresh processes, HyperKZG
//! setup included, (C, log M) = (4, 16), `paper-notes/results/e2e.md` and `e2e-2p22.md`) at
//! each `log_t` from 16 to 22, times a 10 % margin. Below 2^16 a fixed 400 MiB (tables of
//! size `M = 2^16`) plus the rest of the 2^16 figure scaled by `T / 2^16`. Above 2^22 the per-step cost measured between 2^20 and 2^22 (4.6 KB per step,
//! the access-side grand products being split into groups of at most 2^25 leaves) is
//! extrapolated linearly. The figure grows with the program's memory size only through the
//! memory-checking tables (`M` words, a few dozen bytes each), which is added.
//!
//! **Available memory** is the smaller of the kernel's `MemAvailable` and the room left under
//! the process's cgroup (v2) limit, or a limit the caller sets (`jolt prove --memory-limit`).

/// Peak resident memory (MiB) of a whole proof at `log_t` = 16..=22: measured (fib and
/// sha256 agree within 0.2 %), except 2^21, which is interpolated between 2^20 and 2^22.
const MEASURED_PEAK_MIB: [(usize, u64); 7] = [
    (16, 971),
    (17, 1797),
    (18, 3442),
    (19, 4086),
    (20, 5241),
    (21, 9871),
    (22, 19_130),
];

/// The part of the 2^16 peak that does not shrink with the trace (the Surge tables at
/// `M = 2^16`, the table side of their grand products, the program's tables): an upper bound
/// read from the stage profile at 2^16 (189 MiB after witness generation, 970 after lookups).
const FIXED_MIB: u64 = 400;

/// Per-step growth above 2^22 in bytes per step: (19 130 − 5 241) MiB over 3·2^20 steps.
const BYTES_PER_STEP_ABOVE_2P22: u64 = 4_630;

/// Bytes per witness-memory word for the memory-checking tables (init/final leaves, counters,
/// the table side of the grand products).
const BYTES_PER_MEMORY_WORD: u64 = 256;

/// The estimated peak resident memory, in bytes, of proving `2^log_t` padded steps of a
/// program whose witness memory has `2^log_memory` words.
pub fn estimated_peak_bytes(log_t: usize, log_memory: usize) -> u64 {
    const MIB: u64 = 1 << 20;
    let measured = |k: usize| {
        MEASURED_PEAK_MIB
            .iter()
            .find(|&&(l, _)| l == k)
            .map(|&(_, mib)| mib)
    };
    let trace_mib = match log_t {
        0..=15 => {
            let at_2p16 = measured(16).unwrap_or(0);
            FIXED_MIB + (at_2p16 - FIXED_MIB) / (1 << (16 - log_t))
        }
        16..=22 => measured(log_t).unwrap_or(0),
        _ => {
            let extra_steps = (1u64 << log_t.min(40)) - (1u64 << 22);
            measured(22).unwrap_or(0) + extra_steps * BYTES_PER_STEP_ABOVE_2P22 / MIB
        }
    };
    let with_margin = trace_mib * MIB / 10 * 11;
    with_margin + (1u64 << log_memory.min(40)) * BYTES_PER_MEMORY_WORD
}

/// The memory the prover may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MemoryLimit {
    /// What the machine has free now: the smaller of `MemAvailable` and the room under the
    /// cgroup limit ([`available_memory_bytes`]); no check where neither can be read.
    #[default]
    Detect,
    /// At most this many bytes (e.g. `jolt prove --memory-limit`, or a test).
    Bytes(u64),
    /// No check.
    Unchecked,
}

impl MemoryLimit {
    /// The limit in bytes, `None` for no check.
    pub fn bytes(self) -> Option<u64> {
        match self {
            MemoryLimit::Detect => available_memory_bytes(),
            MemoryLimit::Bytes(b) => Some(b),
            MemoryLimit::Unchecked => None,
        }
    }
}

/// The value of the `key:` line of a `/proc` file such as `/proc/meminfo` or
/// `/proc/self/status` (those lines give kB), `None` when absent.
pub fn proc_field_kib(path: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The smaller of `/proc/meminfo`'s `MemAvailable` and `memory.max − memory.current` of the
/// process's cgroup (v2); `None` where neither can be read.
pub fn available_memory_bytes() -> Option<u64> {
    let meminfo = proc_field_kib("/proc/meminfo", "MemAvailable").map(|kib| kib * 1024);
    let cgroup = cgroup_room();
    match (meminfo, cgroup) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `memory.max − memory.current` of this process's cgroup v2, `None` when unlimited or absent.
fn cgroup_room() -> Option<u64> {
    let membership = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = membership.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = std::path::Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let max: u64 = read("memory.max")?.trim().parse().ok()?; // "max" (unlimited) fails here
    let current: u64 = read("memory.current")?.trim().parse().ok()?;
    Some(max.saturating_sub(current))
}

/// `Err((estimate, limit))` in bytes when proving `2^log_t` steps is estimated not to fit.
pub fn check_memory(log_t: usize, log_memory: usize, limit: MemoryLimit) -> Result<(), (u64, u64)> {
    let estimate = estimated_peak_bytes(log_t, log_memory);
    match limit.bytes() {
        Some(available) if estimate > available => Err((estimate, available)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_grows_with_the_trace_and_covers_the_measurements() {
        let mut last = 0;
        for log_t in 3..=26 {
            let e = estimated_peak_bytes(log_t, 16);
            assert!(e >= last, "the estimate shrinks at 2^{log_t}");
            last = e;
        }
        for (log_t, mib) in MEASURED_PEAK_MIB {
            assert!(estimated_peak_bytes(log_t, 16) > mib << 20);
        }
        // 2^24 steps need far more than this machine class has (24 GiB).
        assert!(estimated_peak_bytes(24, 16) > 24 << 30);
    }

    #[test]
    fn proc_fields_are_read_in_kib() {
        let total = proc_field_kib("/proc/meminfo", "MemTotal").expect("Linux has /proc/meminfo");
        assert!(total > 1 << 20, "at least 1 GiB: {total} kB");
        assert_eq!(proc_field_kib("/proc/meminfo", "NoSuchField"), None);
        assert!(proc_field_kib("/proc/self/status", "VmHWM").is_some());
    }

    #[test]
    fn a_limit_below_the_estimate_is_reported_with_both_figures() {
        let estimate = estimated_peak_bytes(20, 16);
        assert_eq!(
            check_memory(20, 16, MemoryLimit::Bytes(estimate - 1)),
            Err((estimate, estimate - 1))
        );
        assert_eq!(check_memory(20, 16, MemoryLimit::Bytes(estimate)), Ok(()));
        assert_eq!(check_memory(30, 16, MemoryLimit::Unchecked), Ok(()));
    }
}
