//! Preprocessing: everything both sides derive from the program alone, once.
//!
//! From the ELF and the layout parameters: the bytecode table, the address regions, the
//! CPU constraints, the Surge instance, the initial memory image, and a PCS setup large
//! enough for traces of up to `2^max_log_t` steps. Nothing here is ever read from a proof.

use commitments::CommitmentScheme;
use instructions::LookupParams;

use super::bytecode_table::BytecodeTable;
use super::constraints::CpuConstraints;
use super::regions::AddressRegions;
use super::witness::{PolyLayout, OPS_PER_STEP};
use crate::lasso::{rv32_surge_params, SurgeParams};
use crate::vm::Program;

/// The program-dependent, trace-independent part of proving and verifying.
pub struct JoltPreprocessing<S: CommitmentScheme> {
    /// The program (ELF, verifier-side layout, decoded code, bytecode).
    pub program: Program,
    /// Lasso parameters `C`, `log M`.
    pub params: LookupParams,
    /// The bytecode table.
    pub table: BytecodeTable,
    /// The guest-addressable regions.
    pub regions: AddressRegions,
    /// The CPU constraints.
    pub constraints: CpuConstraints,
    /// The Surge instance of all lookups.
    pub surge: SurgeParams<S::Field>,
    /// Where each committed polynomial sits.
    pub layout: PolyLayout,
    /// `log2` of the padded witness memory `M`.
    pub log_memory: usize,
    /// The largest `log2 T` the setup supports.
    pub max_log_t: usize,
    /// The PCS prover setup.
    pub setup: S::ProverSetup,
    /// The PCS verifier setup.
    pub verifier_setup: S::VerifierSetup,
}

/// The PCS size needed for traces of `2^log_t` steps: the largest committed polynomial.
pub fn required_num_vars(
    log_t: usize,
    log_memory: usize,
    log_bytecode: usize,
    log_m: usize,
) -> usize {
    let log_ops = log_t + OPS_PER_STEP.trailing_zeros() as usize;
    log_ops.max(log_memory).max(log_bytecode).max(log_m)
}

impl<S: CommitmentScheme> JoltPreprocessing<S> {
    /// Preprocesses `program` for traces of up to `2^max_log_t` steps with an **insecure**
    /// deterministic PCS setup from `seed` (see [`CommitmentScheme::insecure_test_setup`]).
    pub fn new(program: Program, params: LookupParams, max_log_t: usize, seed: u64) -> Self {
        let table = BytecodeTable::new(program.bytecode());
        let regions = AddressRegions::new(&program);
        let constraints = CpuConstraints::new(&params, &regions, program.layout());
        let surge = rv32_surge_params(&params);
        let layout = PolyLayout::new(&params, regions.len());
        let words = program.layout().num_witness_words() as usize;
        let log_memory = words.next_power_of_two().max(2).trailing_zeros() as usize;
        let num_vars = required_num_vars(max_log_t, log_memory, table.log_size(), params.log_m());
        let setup = S::insecure_test_setup(num_vars, seed);
        let verifier_setup = S::verifier_setup(&setup);
        JoltPreprocessing {
            program,
            params,
            table,
            regions,
            constraints,
            surge,
            layout,
            log_memory,
            max_log_t,
            setup,
            verifier_setup,
        }
    }

    /// The bytecode row index of the program's entry point.
    pub fn entry_row(&self) -> usize {
        let (code_start, _) = self.program.code_range();
        let slot = ((self.program.entry() - code_start) / 4) as usize;
        self.program.bytecode().first_row(slot) as usize
    }
}
