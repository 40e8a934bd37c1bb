//! The uniform R1CS of one CPU step (see `paper-notes/jolt.md`, "CPU constraints").
//!
//! Every constraint is `A·B = C` over the current step's columns and, for control flow, the
//! next step's (`Next(·)`, zero past the last step). Flags (`X_RS1`, `RD_LOOKUP`, the lookup
//! flags, …) are bytecode-table fields, so they are boolean and one-hot by the bytecode
//! memory check; the region flags are the only prover-chosen flags and are constrained
//! boolean here. With `imm_s = imm − 2^32·imm_neg` and `Q = Σ_c dim_c·M^{C−1−c}`:
//!
//! | group | constraints |
//! |---|---|
//! | operands | `flag·(x − source) = 0` per source some row takes `x` from (`rs1`, `imm`, `pc`) and `y` from (`rs2`, `imm`) |
//! | query | `prod·y = y_p`; `x·y_p = product`; `sum·(Q − x − y) = 0`; `diff·(Q − x + y − 2^32) = 0`; `prod·(Q − product) = 0`; `unary·(Q − x) = 0`; `interleaved·(x − Σ_c E_{L,c}·2^{b(C−1−c)}) = 0` and the same for `y` with `E_{R,c}` |
//! | lookup output | `assert·(out − 1) = 0` |
//! | rd | `RD_LOOKUP·(rd' − out)`, `RD_RETURN·(rd' − pc − 4)`, `RD_RAM·(rd' − ram_read)`, `(1 − Σ)·(rd' − rd) = 0` |
//! | RAM | region flags boolean, `Σ_k r_k = load + store`, no store to a read-only region, `(Σ r_k)·addr_w = o + Σ r_k·wbase_k`, `(Σ r_k)·(rs1 + imm_s) = 4o + Σ r_k·gbase_k`, the exit row's constant address, the written word (`rs2` for a store and the exit row, else unchanged) |
//! | pc | `out·imm = p₁`, `out·imm_neg = p₂`, target = `out` (jump), `pc + 4 + p₁ − 4·out − 2^32·p₂` (branch), `pc + 4` (else); `ENDS·(Next(pc) − target) = 0`; `ENDS·(1 − Next(IS_FIRST)) = 0`; `IN_SEQ·(Next(bc) − bc − 1) = 0`; `HALT·Next(ACTIVE) = 0`; `(1 − ACTIVE)·Next(ACTIVE) = 0` |
//!
//! The first step is pinned by an opening claim (`bc(0)` = the entry row), not a constraint.
//!
//! **Every constraint is needed.** `tests/tests/constraint_guards.rs` tells, for each
//! constraint, a lie that only it rejects: the full system rejects the proof, the system
//! without that one constraint accepts it. Constraints that no lie needs were removed (the
//! argument for each is in `paper-notes/lie-tests.md`): an operand source or a sourceless
//! operand no table row can switch on (`x = rs2`, `y = rs1`, `y = pc`, `y = advice`, a
//! lookup without `x`, a binary query without `y`) — they come back by themselves if a new
//! opcode needs them; `x = advice` (the advice is the prover's choice, so `x` is the advice);
//! and the halting row's address and value (the output check pins the termination word to
//! 1, and no other row can write it).
//!
//! **Size.** With `R` address regions (4 or 5: input, output, the code, RAM above it, and RAM
//! below it when the code does not start at the program base) and the default parameters,
//! a step has `36 + R` constraints over `89 + R` witness columns, 4 of them also read at the
//! next step (`pc`, `IS_FIRST`, the bytecode index, `ACTIVE`); the unit test
//! `cpu_constraint_counts_match_the_module_doc` keeps these figures true.

use instructions::sequences::Operand;
use instructions::{LookupId, LookupParams, QueryKind, VirtualOpcode};

use super::bytecode_table::field;
use super::regions::AddressRegions;
use super::witness::PolyLayout;
use crate::lasso::{lookup_index, operand_memory_indices};
use crate::r1cs::{LinearCombination, UniformR1cs, UniformR1csBuilder, Variable};
use crate::vm::MemoryLayout;

/// The CPU step's constraint system, and which committed polynomial each column is.
#[derive(Clone, Debug)]
pub struct CpuConstraints {
    /// The system.
    pub r1cs: UniformR1cs,
    /// `columns[j]` is the [`PolyLayout`] index of R1CS column `j`.
    pub columns: Vec<usize>,
}

/// Registers witness polynomials as R1CS columns on first use.
struct Columns<'a> {
    builder: UniformR1csBuilder,
    polys: Vec<usize>,
    layout: &'a PolyLayout,
}

impl Columns<'_> {
    fn poly(&mut self, index: usize) -> Variable {
        if let Some(j) = self.polys.iter().position(|&p| p == index) {
            return Variable::Current(j);
        }
        self.polys.push(index);
        self.builder.column("witness polynomial")
    }

    fn field(&mut self, j: usize) -> Variable {
        let index = self.layout.bc_field(j);
        self.poly(index)
    }

    fn lc(&mut self, index: usize) -> LinearCombination {
        self.poly(index).into()
    }

    fn flag(&mut self, j: usize) -> LinearCombination {
        self.field(j).into()
    }
}

fn next(v: Variable) -> Variable {
    Variable::Next(v.column())
}

/// The lookup operand `x` or `y`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OperandSlot {
    X,
    Y,
}

impl OperandSlot {
    fn of(self, spec: &instructions::sequences::RowSpec) -> Operand {
        match self {
            OperandSlot::X => spec.x,
            OperandSlot::Y => spec.y,
        }
    }
}

/// Whether some bytecode row takes operand `which` from `source`.
fn some_row_takes(which: OperandSlot, source: Operand) -> bool {
    VirtualOpcode::ALL
        .iter()
        .any(|op| which.of(&op.spec()) == source)
}

/// Whether some row with a lookup leaves operand `which` without a source while its query
/// reads it (a unary query reads only `x`; the other kinds read both).
fn some_lookup_reads_a_sourceless(which: OperandSlot) -> bool {
    VirtualOpcode::ALL.iter().any(|op| {
        let spec = op.spec();
        let reads = match spec.lookup {
            None => false,
            Some(id) => which == OperandSlot::X || id.query_kind() != QueryKind::Unary,
        };
        reads && which.of(&spec) == Operand::Zero
    })
}

/// One label per region's booleanity constraint (labels are unique, so a test can drop one).
const REGION_BIT_LABELS: [&str; 8] = [
    "region 0 flag is a bit",
    "region 1 flag is a bit",
    "region 2 flag is a bit",
    "region 3 flag is a bit",
    "region 4 flag is a bit",
    "region 5 flag is a bit",
    "region 6 flag is a bit",
    "region 7 flag is a bit",
];

impl CpuConstraints {
    /// The constraints for lookup parameters `params`, address `regions` and `memory` layout.
    pub fn new(params: &LookupParams, regions: &AddressRegions, memory: &MemoryLayout) -> Self {
        let layout = PolyLayout::new(params, regions.len());
        let mut c = Columns {
            builder: UniformR1csBuilder::new(),
            polys: Vec::new(),
            layout: &layout,
        };
        let one = || LinearCombination::constant(1);
        let pc = c.flag(field::PC);
        let imm = c.flag(field::IMM);
        let imm_neg = c.flag(field::IMM_NEG);
        let imm_s = imm.clone() - imm_neg.clone() * (1i128 << 32);
        let rs1 = c.lc(layout.read_values[0]);
        let rs2 = c.lc(layout.read_values[1]);
        let rd_before = c.lc(layout.read_values[2]);
        let ram_read = c.lc(layout.read_values[3]);
        let rd_write = c.lc(layout.rd_write);
        let ram_write = c.lc(layout.ram_write);
        let ram_address = c.lc(layout.ram_address);
        let x = c.lc(layout.x);
        let y = c.lc(layout.y);
        let product = c.lc(layout.product);
        let out = c.lc(layout.lookup_output);

        // Operands: `x = source` for each source some row takes `x` from (likewise `y`), and
        // `x = 0` without a source only if some lookup row reads a sourceless operand. A
        // constraint that no table row can switch on guards nothing (see
        // `tests/tests/constraint_guards.rs`), so none is emitted; a new opcode that needs one
        // brings it back. An advice operand is the prover's free choice, so it has no
        // constraint: `x` itself is the advice.
        let x_sources = [
            (Operand::Rs1, field::X_RS1, rs1.clone(), "x = rs1"),
            (Operand::Rs2, field::X_RS2, rs2.clone(), "x = rs2"),
            (Operand::Imm, field::X_IMM, imm.clone(), "x = imm"),
            (Operand::Pc, field::X_PC, pc.clone(), "x = pc"),
        ];
        let y_sources = [
            (Operand::Rs1, field::Y_RS1, rs1.clone(), "y = rs1"),
            (Operand::Rs2, field::Y_RS2, rs2.clone(), "y = rs2"),
            (Operand::Imm, field::Y_IMM, imm.clone(), "y = imm"),
            (Operand::Pc, field::Y_PC, pc.clone(), "y = pc"),
        ];
        for (which, operand, sources, advice_flag, sourceless) in [
            (
                OperandSlot::X,
                x.clone(),
                x_sources,
                field::X_ADVICE,
                "x without a source is 0",
            ),
            (
                OperandSlot::Y,
                y.clone(),
                y_sources,
                field::Y_ADVICE,
                "y without a source is 0",
            ),
        ] {
            let flags: Vec<usize> = sources.iter().map(|s| s.1).collect();
            for (source, flag, value, label) in sources {
                if some_row_takes(which, source) {
                    let f = c.flag(flag);
                    c.builder.constrain_eq_if(label, f, operand.clone(), value);
                }
            }
            if some_lookup_reads_a_sourceless(which) {
                let mut none = one() - c.flag(advice_flag);
                for flag in flags {
                    none = none - c.flag(flag);
                }
                c.builder.constrain(sourceless, none, operand.clone(), 0);
            }
        }

        // The lookup query.
        let mut query = LinearCombination::zero();
        for chunk in 0..params.c() {
            let d = c.lc(layout.dims + chunk);
            query = query + d * (1i128 << params.chunk_shift(chunk));
        }
        let kind_flags = |c: &mut Columns, kind: QueryKind| {
            let mut lc = LinearCombination::zero();
            for id in LookupId::ALL {
                if id.query_kind() == kind {
                    lc = lc + c.flag(field::lookup_flag(lookup_index(id)));
                }
            }
            lc
        };
        let sum = kind_flags(&mut c, QueryKind::Sum);
        c.builder.constrain(
            "sum query: Q = x + y",
            sum,
            query.clone() - x.clone() - y.clone(),
            0,
        );
        let diff = kind_flags(&mut c, QueryKind::Difference);
        c.builder.constrain(
            "difference query: Q = x + 2^32 − y",
            diff,
            query.clone() - x.clone() + y.clone() - (1i128 << 32),
            0,
        );
        let prod = kind_flags(&mut c, QueryKind::Product);
        // `product = x·y` only where a product query reads it: `y_p = prod·y` is `y` there and
        // 0 elsewhere, so the honest `product` column is zero off the product rows.
        let y_product = c.lc(layout.y_product);
        c.builder
            .constrain("y_p = prod·y", prod.clone(), y.clone(), y_product.clone());
        c.builder
            .constrain("product = x·y_p", x.clone(), y_product, product.clone());
        c.builder.constrain(
            "product query: Q = x·y",
            prod,
            query.clone() - product.clone(),
            0,
        );
        let unary = kind_flags(&mut c, QueryKind::Unary);
        c.builder
            .constrain("unary query: Q = x", unary, query.clone() - x.clone(), 0);
        let interleaved = kind_flags(&mut c, QueryKind::Interleaved);
        let b = params.operand_chunk_bits();
        let mut x_chunks = LinearCombination::zero();
        let mut y_chunks = LinearCombination::zero();
        for (chunk, (left, right)) in operand_memory_indices(params).into_iter().enumerate() {
            let weight = 1i128 << (b * (params.c() - 1 - chunk));
            x_chunks = x_chunks + c.lc(layout.memory_values + left) * weight;
            y_chunks = y_chunks + c.lc(layout.memory_values + right) * weight;
        }
        c.builder.constrain(
            "interleaved query: x = its operand chunks",
            interleaved.clone(),
            x.clone() - x_chunks,
            0,
        );
        c.builder.constrain(
            "interleaved query: y = its operand chunks",
            interleaved,
            y.clone() - y_chunks,
            0,
        );

        // Assertions and the register write.
        let assert = c.flag(field::ASSERT);
        c.builder
            .constrain_eq_if("assertion output is 1", assert, out.clone(), 1i128);
        let rd_lookup = c.flag(field::RD_LOOKUP);
        let rd_return = c.flag(field::RD_RETURN);
        let rd_ram = c.flag(field::RD_RAM);
        c.builder.constrain_eq_if(
            "rd = lookup output",
            rd_lookup.clone(),
            rd_write.clone(),
            out.clone(),
        );
        c.builder.constrain_eq_if(
            "rd = pc + 4",
            rd_return.clone(),
            rd_write.clone(),
            pc.clone() + 4i128,
        );
        c.builder.constrain_eq_if(
            "rd = RAM word",
            rd_ram.clone(),
            rd_write.clone(),
            ram_read.clone(),
        );
        c.builder.constrain(
            "rd unchanged when not written",
            one() - rd_lookup - rd_return - rd_ram,
            rd_write - rd_before,
            0,
        );

        // RAM.
        let load = c.flag(field::RAM_LOAD);
        let store = c.flag(field::RAM_STORE);
        let exit = c.flag(field::RAM_EXIT);
        let terminate = c.flag(field::RAM_TERMINATE);
        let offset = c.lc(layout.ram_offset);
        let mut any_region = LinearCombination::zero();
        let mut read_only = LinearCombination::zero();
        let mut witness_bases = LinearCombination::zero();
        let mut guest_bases = LinearCombination::zero();
        assert!(
            regions.len() <= REGION_BIT_LABELS.len(),
            "more address regions than region labels"
        );
        for (k, region) in regions.regions.iter().enumerate() {
            let r = c.lc(layout.region_flags + k);
            c.builder.constrain_binary(REGION_BIT_LABELS[k], r.clone());
            any_region = any_region + r.clone();
            if !region.writable {
                read_only = read_only + r.clone();
            }
            witness_bases = witness_bases + r.clone() * region.witness_base as i128;
            guest_bases = guest_bases + r * region.guest_base as i128;
        }
        c.builder.constrain_eq(
            "loads and stores pick one region",
            any_region.clone(),
            load + store.clone(),
        );
        c.builder.constrain(
            "no store to a read-only region",
            read_only,
            store.clone(),
            0,
        );
        c.builder.constrain(
            "witness address = region base + offset",
            any_region.clone(),
            ram_address.clone(),
            offset.clone() + witness_bases,
        );
        c.builder.constrain(
            "rs1 + imm = guest base + 4·offset",
            any_region,
            rs1.clone() + imm_s.clone(),
            offset * 4 + guest_bases,
        );
        c.builder.constrain_eq_if(
            "exit code address",
            exit.clone(),
            ram_address,
            memory.exit_code_address() as i128,
        );
        c.builder.constrain_eq_if(
            "store writes rs2",
            store.clone(),
            ram_write.clone(),
            rs2.clone(),
        );
        c.builder.constrain_eq_if(
            "exit code is rs2",
            exit.clone(),
            ram_write.clone(),
            rs2.clone(),
        );
        // The halting row's word needs no constraint: every other row either writes a
        // constrained address (stores: a region; the exit row: the exit-code word) or writes
        // back what it read, so the termination word can change only at the halting row, and
        // the output check requires it to end as 1 (`paper-notes/lie-tests.md`).
        c.builder.constrain(
            "RAM unchanged when not written",
            one() - store - exit - terminate,
            ram_write - ram_read,
            0,
        );

        // Control flow.
        let out_imm = c.lc(layout.out_times_imm);
        let out_imm_neg = c.lc(layout.out_times_imm_neg);
        let target = c.lc(layout.target);
        c.builder
            .constrain("out·imm", out.clone(), imm.clone(), out_imm.clone());
        c.builder
            .constrain("out·imm_neg", out.clone(), imm_neg, out_imm_neg.clone());
        let jump = c.flag(field::PC_JUMP);
        let branch = c.flag(field::PC_BRANCH);
        c.builder.constrain_eq_if(
            "jump target = lookup output",
            jump.clone(),
            target.clone(),
            out.clone(),
        );
        c.builder.constrain_eq_if(
            "branch target = pc + 4 + out·(imm_s − 4)",
            branch.clone(),
            target.clone(),
            pc.clone() + 4i128 + out_imm - out * 4 - out_imm_neg * (1i128 << 32),
        );
        c.builder.constrain(
            "straight-line target = pc + 4",
            one() - jump - branch,
            target.clone() - pc.clone() - 4i128,
            0,
        );
        let pc_var = c.field(field::PC);
        let first_var = c.field(field::IS_FIRST);
        let bc_var = c.poly(layout.bc_index);
        let active_var = c.field(field::ACTIVE);
        let ends = c.flag(field::ENDS_INSTRUCTION);
        c.builder
            .constrain_eq_if("next pc = target", ends.clone(), next(pc_var), target);
        c.builder.constrain(
            "next step starts an instruction",
            ends,
            one() - next(first_var),
            0,
        );
        let in_sequence = c.flag(field::IN_SEQUENCE);
        c.builder.constrain_eq_if(
            "sequence continues at the next row",
            in_sequence,
            next(bc_var),
            LinearCombination::from(bc_var) + 1i128,
        );
        let halt = c.flag(field::HALT);
        c.builder
            .constrain("nothing runs after the halt", halt, next(active_var), 0);
        c.builder.constrain(
            "padding stays padding",
            one() - active_var,
            next(active_var),
            0,
        );
        let Columns { builder, polys, .. } = c;
        CpuConstraints {
            r1cs: builder.build(),
            columns: polys,
        }
    }
}

impl CpuConstraints {
    /// Checks every constraint at every step of `witness` directly (no proof): the first
    /// violated constraint, for debugging witness generation and the adversarial tests.
    pub fn check_witness(
        &self,
        witness: &super::witness::JoltWitness,
    ) -> Result<(), crate::r1cs::UnsatisfiedConstraint> {
        let columns: Vec<Vec<ark_bn254::Fr>> = self
            .columns
            .iter()
            .map(|&p| witness.field_column(p))
            .collect();
        self.r1cs.check(&columns)
    }
}
