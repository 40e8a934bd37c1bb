//! Errors of loading and running a guest.

use thiserror::Error;

use crate::vm::elf::ElfError;
use crate::vm::layout::LayoutError;

/// Why a program could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The file is not a valid guest ELF.
    #[error(transparent)]
    Elf(#[from] ElfError),
    /// The layout is invalid or the program does not fit it.
    #[error(transparent)]
    Layout(#[from] LayoutError),
}

/// Load or store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessKind {
    /// A load.
    Load,
    /// A store.
    Store,
}

impl std::fmt::Display for AccessKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AccessKind::Load => "load",
            AccessKind::Store => "store",
        })
    }
}

/// Why a run stopped before its halting `ecall`. Every variant names the pc of the
/// instruction that failed (except the limits, which name the limit).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExecutionError {
    /// The word at `pc` is not an RV32IM instruction (unknown opcode, compressed
    /// encoding, CSR access, FENCE.I, …).
    #[error("illegal instruction {word:#010x} at pc {pc:#010x}: {reason}")]
    IllegalInstruction {
        /// Address of the word.
        pc: u32,
        /// The word.
        word: u32,
        /// What the decoder said.
        reason: String,
    },
    /// `ebreak`: there is no debugger to break into.
    #[error("ebreak at pc {pc:#010x} (word {word:#010x}) is not supported")]
    Ebreak {
        /// Address of the ebreak.
        pc: u32,
        /// The word (0x00100073).
        word: u32,
    },
    /// `ecall` with a7 ≠ 93.
    #[error(
        "unsupported ecall {a7} at pc {pc:#010x} (word {word:#010x}): only a7 = 93 (exit) exists"
    )]
    UnsupportedEcall {
        /// Address of the ecall.
        pc: u32,
        /// The word (0x00000073).
        word: u32,
        /// The syscall number in a7.
        a7: u32,
    },
    /// The pc left the executable segments.
    #[error("pc {pc:#010x} is outside the program's executable segments")]
    PcOutsideCode {
        /// The pc.
        pc: u32,
    },
    /// A jump or branch produced a pc that is not a multiple of 4.
    #[error("misaligned jump target {target:#010x} from pc {pc:#010x}")]
    MisalignedJump {
        /// The jump's pc.
        pc: u32,
        /// The target.
        target: u32,
    },
    /// A halfword or word access at an address that is not a multiple of its width.
    #[error("misaligned {width}-byte {kind} at address {address:#010x} (pc {pc:#010x})")]
    MisalignedAccess {
        /// The instruction's pc.
        pc: u32,
        /// The address.
        address: u32,
        /// Access width in bytes.
        width: u32,
        /// Load or store.
        kind: AccessKind,
    },
    /// An access to an address that the layout does not map.
    #[error("{width}-byte {kind} at address {address:#010x} is outside the memory layout (pc {pc:#010x})")]
    OutOfBounds {
        /// The instruction's pc.
        pc: u32,
        /// The address.
        address: u32,
        /// Access width in bytes.
        width: u32,
        /// Load or store.
        kind: AccessKind,
    },
    /// A store to a read-only area: the input, or the program's executable segments.
    #[error("store to read-only {area} at address {address:#010x} (pc {pc:#010x})")]
    ReadOnly {
        /// The instruction's pc.
        pc: u32,
        /// The address.
        address: u32,
        /// "input" or "code".
        area: &'static str,
    },
    /// A load or store to the exit code or termination word, which only the halting
    /// ecall writes.
    #[error("{kind} at address {address:#010x} touches the exit code / termination words, which only the exit ecall may write (pc {pc:#010x})")]
    ReservedIo {
        /// The instruction's pc.
        pc: u32,
        /// The address.
        address: u32,
        /// Load or store.
        kind: AccessKind,
    },
    /// At halt, the output region holds a non-zero byte past the output length.
    #[error("output byte {offset} is non-zero but the output length is {len}: bytes past the length must stay zero")]
    OutputPastLength {
        /// The guest's output length word.
        len: u32,
        /// Offset of the first non-zero byte past it.
        offset: u32,
    },
    /// A virtual sequence did not produce its instruction's architectural result (or an
    /// assertion row failed where the instruction is valid). Never happens when the
    /// `instructions` crate's sequences agree with its reference semantics; reported
    /// rather than traced past, so a wrong witness is never produced.
    #[error("virtual sequence of the instruction at pc {pc:#010x} disagrees with its semantics: {detail}")]
    SequenceMismatch {
        /// The instruction's pc.
        pc: u32,
        /// What differed.
        detail: String,
    },
    /// The run did not halt within the cycle limit.
    #[error("no halt within the cycle limit of {limit} RISC-V instructions (pc {pc:#010x})")]
    CycleLimit {
        /// The limit.
        limit: u64,
        /// The pc at which the run stopped.
        pc: u32,
    },
    /// The input is larger than the layout's `max_input_bytes`.
    #[error("input of {len} bytes exceeds max_input_bytes = {max}")]
    InputTooLarge {
        /// Input length.
        len: usize,
        /// The limit.
        max: u32,
    },
    /// At halt, the output length word exceeds the layout's `max_output_bytes`.
    #[error("output length {len} exceeds max_output_bytes = {max}")]
    OutputTooLarge {
        /// The guest's output length word.
        len: u32,
        /// The limit.
        max: u32,
    },
}
