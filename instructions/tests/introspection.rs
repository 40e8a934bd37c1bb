//! The committed `paper-notes/instructions-table.md` is exactly what the code generates.
//! Regenerate with `UPDATE_INSTRUCTIONS_TABLE=1 cargo test -p instructions --test introspection`.

use instructions::introspection::{explain, instruction_report, render_document};
use instructions::{LookupParams, Opcode};
use std::path::PathBuf;

fn table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../paper-notes/instructions-table.md")
}

#[test]
fn committed_table_is_current() {
    let generated = render_document();
    let path = table_path();
    if std::env::var_os("UPDATE_INSTRUCTIONS_TABLE").is_some() {
        std::fs::write(&path, &generated).expect("write the table");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `UPDATE_INSTRUCTIONS_TABLE=1 cargo test -p instructions --test \
         introspection` and commit it",
        path.display()
    );
}

#[test]
fn reports_count_what_the_sequences_do() {
    let p = LookupParams::DEFAULT;
    let add = instruction_report(Opcode::Add, &p);
    assert_eq!(
        (add.rows.len(), add.lookups.len(), add.subtable_reads),
        (1, 1, 2)
    );
    assert_eq!(add.rd_bound_by, "lookup output");
    let lui = instruction_report(Opcode::Lui, &p);
    assert_eq!(lui.rd_bound_by, "lookup output", "LUI's rd must be bound");
    let div = instruction_report(Opcode::Div, &p);
    assert_eq!(div.rows.len(), 14);
    assert_eq!(div.max_g_degree, 5);
    let sw = instruction_report(Opcode::Sw, &p);
    assert_eq!(sw.rd_bound_by, "—");
    // Every instruction that writes rd binds it.
    for opcode in Opcode::ALL {
        for p in [LookupParams::DEFAULT, LookupParams::SMALL] {
            let r = instruction_report(opcode, &p);
            let writes_rd = r.rows.last().is_some_and(|row| row.rd != 0);
            assert_eq!(writes_rd, r.rd_bound_by != "—", "{opcode:?}");
        }
    }
}

#[test]
fn explain_knows_instructions_and_lookups() {
    let p = LookupParams::SMALL;
    let text = explain("sltu", &p).unwrap();
    assert!(text.contains("SLTU") && text.contains("ltu[0–7]") && text.contains("degree 8"));
    let text = explain("VALID_DIV0", &p).unwrap();
    assert!(text.contains("div_by_zero[0–7]"));
    assert!(explain("divide", &p).is_none());
}
