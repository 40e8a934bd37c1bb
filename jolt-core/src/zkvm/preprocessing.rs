//! Preprocessing: everything both sides derive from the program alone, once.
//!
//! From the ELF and the layout parameters: the bytecode table, the address regions, the
//! CPU constraints, the Surge instance, the initial memory image, and PCS keys large
//! enough for traces of up to `2^max_log_t` steps. Nothing here is ever read from a proof.
//! The verifier's part ([`JoltVerifierPreprocessing`]) holds only the PCS verifier key; the
//! prover's ([`JoltPreprocessing`]) adds the prover key.

use commitments::CommitmentScheme;
use instructions::LookupParams;

use super::bytecode_table::BytecodeTable;
use super::constraints::CpuConstraints;
use super::regions::AddressRegions;
use super::witness::PolyLayout;
use crate::lasso::{rv32_surge_params, SurgeParams};
use crate::vm::Program;

/// The program-dependent, trace-independent part of verifying: everything the verifier
/// derives from the program and its own configuration, with the PCS **verifier** key only.
/// Building it costs time linear in the program, plus the verifier key (a few group elements
/// for the KZG schemes), never a prover-size setup.
pub struct JoltVerifierPreprocessing<S: CommitmentScheme> {
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
    /// The largest `log2 T` this verifier accepts (and its key supports).
    pub max_log_t: usize,
    /// The PCS verifier key.
    pub verifier_setup: S::VerifierSetup,
}

/// The prover's preprocessing: the verifier's part plus the PCS prover key. Dereferences to
/// [`JoltVerifierPreprocessing`], so `pre.table`, `verify(&pre, …)` work on either.
pub struct JoltPreprocessing<S: CommitmentScheme> {
    /// What the verifier derives too.
    pub verifier: JoltVerifierPreprocessing<S>,
    /// The PCS prover key.
    pub setup: S::ProverSetup,
}

impl<S: CommitmentScheme> std::ops::Deref for JoltPreprocessing<S> {
    type Target = JoltVerifierPreprocessing<S>;
    fn deref(&self) -> &Self::Target {
        &self.verifier
    }
}

impl<S: CommitmentScheme> std::ops::DerefMut for JoltPreprocessing<S> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.verifier
    }
}

/// The PCS size needed for traces of `2^log_t` steps: the largest committed polynomial. Both
/// backends commit nothing longer than `T` steps, `M` memory words, the bytecode table or a
/// subtable (the Lasso/Spice timestamp counters over `4T` operations are committed as four
/// `T`-long columns).
pub fn required_num_vars(
    log_t: usize,
    log_memory: usize,
    log_bytecode: usize,
    log_m: usize,
) -> usize {
    log_t.max(log_memory).max(log_bytecode).max(log_m)
}

impl<S: CommitmentScheme> JoltVerifierPreprocessing<S> {
    /// Preprocesses `program` for traces of up to `2^max_log_t` steps; `verifier_key` builds
    /// the PCS verifier key for the given number of variables.
    pub fn with_key(
        program: Program,
        params: LookupParams,
        max_log_t: usize,
        verifier_key: impl FnOnce(usize) -> S::VerifierSetup,
    ) -> Self {
        let table = BytecodeTable::new(program.bytecode());
        let regions = AddressRegions::new(&program);
        let constraints = CpuConstraints::new(&params, &regions, program.layout());
        let surge = rv32_surge_params(&params);
        let layout = PolyLayout::new(&params, regions.len());
        let words = program.layout().num_witness_words() as usize;
        let log_memory = words.next_power_of_two().max(2).trailing_zeros() as usize;
        let num_vars = required_num_vars(max_log_t, log_memory, table.log_size(), params.log_m());
        JoltVerifierPreprocessing {
            verifier_setup: verifier_key(num_vars),
            program,
            params,
            table,
            regions,
            constraints,
            surge,
            layout,
            log_memory,
            max_log_t,
        }
    }

    /// The verifier's preprocessing with the **insecure** deterministic verifier key for
    /// `seed` ([`CommitmentScheme::insecure_test_verifier_setup`]): the prover key is never
    /// built.
    pub fn new(program: Program, params: LookupParams, max_log_t: usize, seed: u64) -> Self {
        Self::with_key(program, params, max_log_t, |n| {
            S::insecure_test_verifier_setup(n, seed)
        })
    }

    /// The number of PCS variables the key must support: the largest committed polynomial
    /// of a `2^max_log_t`-step trace.
    pub fn required_num_vars(&self) -> usize {
        required_num_vars(
            self.max_log_t,
            self.log_memory,
            self.table.log_size(),
            self.params.log_m(),
        )
    }

    /// The bytecode row index of the program's entry point, or `None` when the entry word
    /// is not an instruction (it owns no bytecode rows, so no first step can start there;
    /// returning the next slot's first row would let a proof start one word late).
    pub fn entry_row(&self) -> Option<usize> {
        let (code_start, _) = self.program.code_range();
        let slot = ((self.program.entry() - code_start) / 4) as usize;
        let bytecode = self.program.bytecode();
        (bytecode.sequence_length(slot) > 0).then(|| bytecode.first_row(slot) as usize)
    }
}

impl<S: CommitmentScheme> JoltPreprocessing<S> {
    /// Preprocesses `program` for traces of up to `2^max_log_t` steps with an **insecure**
    /// deterministic PCS setup from `seed` (see [`CommitmentScheme::insecure_test_setup`]).
    pub fn new(program: Program, params: LookupParams, max_log_t: usize, seed: u64) -> Self {
        let mut setup = None;
        let verifier = JoltVerifierPreprocessing::with_key(program, params, max_log_t, |n| {
            let s = setup.insert(S::insecure_test_setup(n, seed));
            S::verifier_setup(s)
        });
        JoltPreprocessing {
            verifier,
            setup: setup.expect("with_key builds the verifier key"),
        }
    }

    /// Preprocesses `program` with a given prover key (e.g. imported from a ceremony by
    /// `jolt setup`); fails when the key supports fewer variables than `2^max_log_t` steps need.
    pub fn with_setup(
        program: Program,
        params: LookupParams,
        max_log_t: usize,
        setup: S::ProverSetup,
    ) -> Result<Self, (usize, usize)> {
        let verifier = JoltVerifierPreprocessing::with_key(program, params, max_log_t, |_| {
            S::verifier_setup(&setup)
        });
        let (needed, have) = (verifier.required_num_vars(), S::max_num_vars(&setup));
        if have < needed {
            return Err((needed, have));
        }
        Ok(JoltPreprocessing { verifier, setup })
    }
}
