//! Introspection for researchers: per RV32IM instruction, its rows, lookups, subtables, chunk
//! layout, `g` degrees and what the R1CS must enforce; rendered as Markdown (the committed
//! `paper-notes/instructions-table.md` and `jolt explain`).

use crate::decode::{Format, Instruction, Opcode};
use crate::lookups::{memories_in_use, subtables_in_use, LookupId};
use crate::params::LookupParams;
use crate::sequences::{
    expand, Operand, PcUpdate, RamAccess, RdValue, VirtualInstruction, VirtualOpcode,
};
use crate::subtables::SubtableId;
use std::collections::BTreeSet;
use std::fmt::Write;

/// What one lookup table costs and how it decomposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupReport {
    /// The table.
    pub id: LookupId,
    /// The R1CS relation between operands and query.
    pub query: &'static str,
    /// The memories `(subtable, chunk)` `g` reads.
    pub memories: Vec<(SubtableId, usize)>,
    /// `g` in words.
    pub g_formula: String,
    /// The degree of `g`.
    pub g_degree: usize,
}

/// What one RV32IM instruction costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionReport {
    /// The instruction.
    pub opcode: Opcode,
    /// Its rows, expanded from a representative instance (`rd = x10, rs1 = x11, rs2 = x12`).
    pub rows: Vec<VirtualInstruction>,
    /// The lookups its rows perform, in order (rows without one are skipped).
    pub lookups: Vec<LookupId>,
    /// Subtable reads over all rows: `Σ_rows |memories of the row's lookup|`.
    pub subtable_reads: usize,
    /// The distinct subtables read.
    pub subtables: Vec<SubtableId>,
    /// The largest `g` degree among its lookups.
    pub max_g_degree: usize,
    /// How the architectural `rd` value is bound, if the instruction writes one.
    pub rd_bound_by: &'static str,
}

/// The report for lookup `id`.
pub fn lookup_report(id: LookupId, params: &LookupParams) -> LookupReport {
    LookupReport {
        id,
        query: id.query_kind().relation(),
        memories: id.subtables(params),
        g_formula: id.g_formula(params),
        g_degree: id.g_degree(params),
    }
}

/// A representative instance of `opcode`: `rd = x10, rs1 = x11, rs2 = x12` and a small
/// immediate, fields the format does not use zero.
pub fn sample_instruction(opcode: Opcode) -> Instruction {
    let (rd, rs1, rs2, imm) = match opcode.format() {
        Format::R => (10, 11, 12, 0),
        Format::I => (10, 11, 0, 8),
        Format::Shift => (10, 11, 0, 3),
        Format::S | Format::B => (0, 11, 12, 8),
        Format::U => (10, 0, 0, 0x1000),
        Format::J => (10, 0, 0, 8),
        Format::Fence | Format::System => (0, 0, 0, 0),
    };
    Instruction {
        opcode,
        rd,
        rs1,
        rs2,
        imm,
    }
}

/// The report for `opcode`.
pub fn instruction_report(opcode: Opcode, params: &LookupParams) -> InstructionReport {
    let rows = expand(&sample_instruction(opcode), 0);
    let lookups: Vec<LookupId> = rows.iter().filter_map(|r| r.opcode.spec().lookup).collect();
    let subtables: BTreeSet<SubtableId> = lookups
        .iter()
        .flat_map(|id| id.subtables(params))
        .map(|(table, _)| table)
        .collect();
    let rd_bound_by = match rows.last().map(|r| (r.rd, r.opcode.spec().rd)) {
        Some((rd, kind)) if rd != 0 => rd_binding(kind),
        _ => "—",
    };
    InstructionReport {
        opcode,
        subtable_reads: lookups.iter().map(|id| id.subtables(params).len()).sum(),
        subtables: subtables.into_iter().collect(),
        max_g_degree: lookups
            .iter()
            .map(|id| id.g_degree(params))
            .max()
            .unwrap_or(0),
        lookups,
        rows,
        rd_bound_by,
    }
}

fn rd_binding(kind: RdValue) -> &'static str {
    match kind {
        RdValue::None => "—",
        RdValue::LookupOutput => "lookup output",
        RdValue::ReturnAddress => "rd = pc + 4 (R1CS)",
        RdValue::RamValue => "rd = RAM word (R1CS, memory-checked)",
    }
}

fn operand_name(operand: Operand) -> &'static str {
    match operand {
        Operand::Zero => "0",
        Operand::Rs1 => "rs1",
        Operand::Rs2 => "rs2",
        Operand::Imm => "imm",
        Operand::Pc => "pc",
        Operand::Advice => "advice",
    }
}

/// `ltu[0–3], eq[0–2]`: memories with consecutive chunks of one subtable grouped.
pub fn compact_memories(memories: &[(SubtableId, usize)]) -> String {
    let mut groups: Vec<(SubtableId, usize, usize)> = Vec::new();
    for &(table, c) in memories {
        match groups.last_mut() {
            Some((t, _, end)) if *t == table && *end + 1 == c => *end = c,
            _ => groups.push((table, c, c)),
        }
    }
    groups
        .iter()
        .map(|&(t, a, b)| {
            if a == b {
                format!("{t}[{a}]")
            } else {
                format!("{t}[{a}–{b}]")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Markdown table of every row opcode's semantics (independent of `C`, `log M`).
pub fn rows_table() -> String {
    let mut out = String::new();
    out.push_str("| row | lookup | x | y | assert out = 1 | rd | RAM | pc |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for op in VirtualOpcode::ALL {
        let spec = op.spec();
        let ram = match spec.ram {
            RamAccess::None => "",
            RamAccess::LoadWord => "load [rs1 + imm]",
            RamAccess::StoreWord => "store rs2 → [rs1 + imm]",
            RamAccess::StoreExitCode => "store rs2 → exit code",
            RamAccess::StoreTerminationFlag => "store 1 → termination flag",
        };
        let pc = match spec.pc {
            PcUpdate::Next => "pc + 4",
            PcUpdate::Jump => "lookup output",
            PcUpdate::Branch => "out = 1 ? pc + imm : pc + 4",
            PcUpdate::Halt => "halt",
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            op.mnemonic(),
            spec.lookup.map_or("—".to_string(), |l| l.to_string()),
            operand_name(spec.x),
            operand_name(spec.y),
            if spec.assert { "yes" } else { "" },
            rd_binding(spec.rd),
            ram,
            pc
        );
    }
    out
}

/// The Markdown table of every RV32IM instruction for `params`.
pub fn instructions_table(params: &LookupParams) -> String {
    let mut out = String::new();
    out.push_str(
        "| instruction | rows | lookups | subtable reads | max deg g | rd bound by | rows (lookup) |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|\n");
    for opcode in Opcode::ALL {
        let r = instruction_report(opcode, params);
        let rows: Vec<String> = r
            .rows
            .iter()
            .map(|row| match row.opcode.spec().lookup {
                Some(l) => format!("`{}` ({l})", row.opcode.mnemonic()),
                None => format!("`{}`", row.opcode.mnemonic()),
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            opcode.mnemonic().to_uppercase(),
            r.rows.len(),
            r.lookups.len(),
            r.subtable_reads,
            r.max_g_degree,
            r.rd_bound_by,
            rows.join(" → ")
        );
    }
    out
}

/// The Markdown table of every lookup for `params`.
pub fn lookups_table(params: &LookupParams) -> String {
    let mut out = String::new();
    out.push_str("| lookup | query (R1CS) | memories: subtable[chunk] | g | deg g |\n");
    out.push_str("|---|---|---|---|---|\n");
    for id in LookupId::ALL {
        let r = lookup_report(id, params);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            id,
            r.query,
            compact_memories(&r.memories),
            r.g_formula.replace('|', "\\|"),
            r.g_degree
        );
    }
    out
}

/// Everything for one `(C, log M)`: totals, the instruction table and the lookup table.
pub fn markdown_tables(params: &LookupParams) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## C = {}, log M = {}\n\n{} distinct subtables of 2^{} entries; {} memories \
         (subtable, chunk) in all, each read at every step by an untoggled Surge.\n",
        params.c(),
        params.log_m(),
        subtables_in_use(params).len(),
        params.log_m(),
        memories_in_use(params).len()
    );
    out.push_str("### Instructions\n\n");
    out.push_str(&instructions_table(params));
    out.push_str("\n### Lookups\n\n");
    out.push_str(&lookups_table(params));
    out
}

/// The whole generated note `paper-notes/instructions-table.md`.
pub fn render_document() -> String {
    let mut out = String::new();
    out.push_str(
        "# RV32IM as lookups: the generated table\n\n\
         Generated by the `instructions` crate (`instructions::introspection::render_document`); \
         do not edit by hand. Regenerate with\n\n\
         ```sh\nUPDATE_INSTRUCTIONS_TABLE=1 cargo test -p instructions --test introspection\n```\n\n\
         (the same test fails while this file is stale).\n\n\
         Each RV32IM instruction becomes one or more bytecode rows; each row performs at most one \
         lookup. A lookup forms a query `Q` from its operands `x`, `y` as the *query* column says \
         (the R1CS enforces it, with chunk indices `dim_c < M`, `Q = Σ_c dim_c·M^(C−1−c)`; \
         interleaved chunks are `dim_c = x_c·2^b + y_c` with range-checked `x_c, y_c < 2^b`, \
         `b = 32/C`), reads the listed memories and combines them with `g`. *Subtable reads* \
         counts memories over all rows of the instruction; *rd bound by* says what ties the \
         written value down.\n\n## Rows\n\n",
    );
    out.push_str(&rows_table());
    for params in [LookupParams::DEFAULT, LookupParams::SMALL] {
        out.push('\n');
        out.push_str(&markdown_tables(&params));
    }
    out
}

/// A detailed description of an RV32IM instruction (by mnemonic) or a lookup (by name) for
/// `params`, or `None` if the name is neither.
pub fn explain(name: &str, params: &LookupParams) -> Option<String> {
    let mut out = String::new();
    if let Some(opcode) = Opcode::from_mnemonic(name) {
        let r = instruction_report(opcode, params);
        let _ = writeln!(
            out,
            "{} (C = {}, log M = {}): {} row(s), {} lookup(s), {} subtable reads, max deg g {}; \
             rd bound by: {}",
            opcode.mnemonic().to_uppercase(),
            params.c(),
            params.log_m(),
            r.rows.len(),
            r.lookups.len(),
            r.subtable_reads,
            r.max_g_degree,
            r.rd_bound_by
        );
        let _ = writeln!(out, "example: {}", sample_instruction(opcode));
        for row in &r.rows {
            let _ = writeln!(out, "  {row}");
            if let Some(id) = row.opcode.spec().lookup {
                explain_lookup(&mut out, id, params, "    ");
            }
        }
        return Some(out);
    }
    let id = LookupId::from_name(name)?;
    explain_lookup(&mut out, id, params, "");
    Some(out)
}

fn explain_lookup(out: &mut String, id: LookupId, params: &LookupParams, indent: &str) {
    let r = lookup_report(id, params);
    let _ = writeln!(out, "{indent}{id}: query {}", r.query);
    let _ = writeln!(out, "{indent}  memories: {}", compact_memories(&r.memories));
    let _ = writeln!(
        out,
        "{indent}  g = {}  (degree {})",
        r.g_formula, r.g_degree
    );
}
