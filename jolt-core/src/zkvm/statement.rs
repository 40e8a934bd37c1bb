//! What prover and verifier both compute from public data: the transcript's statement,
//! the bytecode-tuple compression, the verifier-side memory images and their MLEs.

use ark_ff::PrimeField;
use commitments::CommitmentScheme;
use sumcheck::Transcript;

use super::bytecode_table::NUM_FIELDS;
use super::preprocessing::JoltVerifierPreprocessing;
use super::proof::PublicIo;
use crate::vm::Memory;

/// Absorbs the statement: the program (bytecode table, layout, entry, and every loadable
/// segment's address, size, flags and bytes — so the initial memory image `Ĩ` is fixed before
/// any challenge, not only through `Ĩ(r)` after `r` is drawn), the lookup parameters, the
/// public I/O and the trace length — before any commitment or challenge.
pub fn absorb_statement<S: CommitmentScheme>(
    pre: &JoltVerifierPreprocessing<S>,
    io: &PublicIo,
    log_t: usize,
    transcript: &mut impl Transcript,
) {
    transcript.append_message(b"jolt_pcs", S::NAME.as_bytes());
    pre.table.absorb(transcript);
    let layout = pre.program.layout();
    for v in [
        layout.program_base,
        layout.memory_size,
        layout.stack_size,
        layout.max_input_bytes,
        layout.max_output_bytes,
        layout.num_virtual_registers,
        pre.program.entry(),
    ] {
        transcript.append_u64(b"jolt_layout", v as u64);
    }
    let segments = &pre.program.elf().segments;
    transcript.append_u64(b"jolt_segments", segments.len() as u64);
    for segment in segments {
        transcript.append_u64(b"jolt_segment_vaddr", segment.vaddr as u64);
        transcript.append_u64(b"jolt_segment_mem_size", segment.mem_size as u64);
        let flags = segment.executable as u64 | (segment.writable as u64) << 1;
        transcript.append_u64(b"jolt_segment_flags", flags);
        transcript.append_message(b"jolt_segment_data", &segment.data);
    }
    transcript.append_u64(b"jolt_chunks", pre.params.c() as u64);
    transcript.append_u64(b"jolt_log_m", pre.params.log_m() as u64);
    transcript.append_message(b"jolt_input", &io.input);
    transcript.append_message(b"jolt_output", &io.output);
    transcript.append_u64(b"jolt_exit_code", io.exit_code as u64);
    transcript.append_u64(b"jolt_log_t", log_t as u64);
}

/// `Σ_j β^j·v_j`: one bytecode tuple compressed with the powers `beta`.
pub fn compress_tuple<F: PrimeField>(beta: &[F], tuple: &[u64; NUM_FIELDS]) -> F {
    tuple
        .iter()
        .zip(beta)
        .map(|(&v, b)| match v {
            0 => F::zero(),
            1 => *b,
            v => *b * F::from(v),
        })
        .sum()
}

/// `Σ_{(m, v)} v·eq(r, m)` for sparse entries: an MLE evaluated in `O(entries · |r|)`.
pub fn sparse_mle<F: PrimeField>(r: &[F], entries: impl Iterator<Item = (usize, u64)>) -> F {
    let n = r.len();
    let one_minus: Vec<F> = r.iter().map(|x| F::one() - x).collect();
    entries
        .filter(|&(_, v)| v != 0)
        .map(|(m, v)| {
            let eq: F = (0..n)
                .map(|i| {
                    if (m >> (n - 1 - i)) & 1 == 1 {
                        r[i]
                    } else {
                        one_minus[i]
                    }
                })
                .product();
            eq * F::from(v)
        })
        .sum()
}

/// The public memory images the verifier derives itself.
pub struct PublicMemory {
    /// The initial memory (registers with `sp`, input, program image), unpadded.
    pub initial: Vec<u32>,
    /// The first witness address of the I/O region.
    pub io_start: usize,
    /// The expected final I/O region `[io_start, ram_start)`: input, output (zero-padded),
    /// exit code, termination flag = 1.
    pub final_io: Vec<u32>,
}

impl PublicMemory {
    /// The images for `io`, or `None` when the I/O exceeds the layout.
    pub fn new<S: CommitmentScheme>(
        pre: &JoltVerifierPreprocessing<S>,
        io: &PublicIo,
    ) -> Option<Self> {
        let layout = pre.program.layout();
        let final_io = layout.io_words(&io.input, &io.output, io.exit_code, true)?;
        let initial = Memory::initial(&pre.program, &io.input).ok()?.words;
        Some(PublicMemory {
            initial,
            io_start: layout.io_start() as usize,
            final_io,
        })
    }

    /// `Ĩ(r)`, the initial memory's MLE.
    pub fn initial_mle<F: PrimeField>(&self, r: &[F]) -> F {
        sparse_mle(r, self.initial.iter().map(|&w| w as u64).enumerate())
    }

    /// `Σ_m eq(ρ, m)·expected(m)` over the I/O region.
    pub fn expected_io_mle<F: PrimeField>(&self, r: &[F]) -> F {
        sparse_mle(
            r,
            self.final_io
                .iter()
                .enumerate()
                .map(|(i, &w)| (self.io_start + i, w as u64)),
        )
    }

    /// The MLE of the I/O region's indicator at `r`.
    pub fn io_mask_mle<F: PrimeField>(&self, r: &[F]) -> F {
        sparse_mle(r, (0..self.final_io.len()).map(|i| (self.io_start + i, 1)))
    }
}
