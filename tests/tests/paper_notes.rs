//! Every code reference in `paper-notes/` resolves.
//!
//! The reference syntax is defined at the top of `paper-notes/README.md`:
//!
//! - a **file reference** is an inline code span whose whole content is a path ending in `.rs`
//!   (characters `A–Z a–z 0–9 _ . / -`), relative to the workspace root, e.g.
//!   `` `sumcheck/src/eq.rs` ``;
//! - an **item reference** is a code span holding a Rust path (`name`, `Type::method`,
//!   optionally with a trailing `()`) that follows a file reference on the same line, separated
//!   from it (and from the previous item) only by whitespace, commas, parentheses, `/` or the
//!   word `and`. Its last segment must be *defined* in that file: it must occur as
//!   `fn NAME`, `struct NAME`, `enum NAME`, `trait NAME`, `type NAME`, `const NAME`,
//!   `mod NAME` or `macro_rules! NAME`.
//!
//! Fenced code blocks are skipped. The test is pure file scanning (no compilation of the
//! referenced code), and its failure message lists every broken reference.

use std::fs;
use std::path::{Path, PathBuf};

/// Keywords that introduce a definition an item reference may point at.
const DEFINITION_KEYWORDS: [&str; 8] = [
    "fn",
    "struct",
    "enum",
    "trait",
    "type",
    "const",
    "mod",
    "macro_rules!",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits one level below the workspace root")
        .to_path_buf()
}

/// A file reference and the items that follow it, with the line it sits on (1-based).
#[derive(Debug, PartialEq, Eq)]
struct Reference {
    line: usize,
    file: String,
    items: Vec<String>,
}

/// One piece of a line: an inline code span or the plain text between spans.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Code(&'a str),
    Text(&'a str),
}

/// Splits a line into code spans and text. A span opens with a run of `k` backticks and closes
/// at the next run of exactly `k`; an unclosed run is plain text (CommonMark's rule).
fn split_code_spans(line: &str) -> Vec<Piece<'_>> {
    let bytes = line.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open = run_at(i);
        let content_start = i + open;
        let mut j = content_start;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let run = run_at(j);
                if run == open {
                    close = Some(j);
                    break;
                }
                j += run;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                if text_start < i {
                    pieces.push(Piece::Text(&line[text_start..i]));
                }
                pieces.push(Piece::Code(line[content_start..end].trim()));
                i = end + open;
                text_start = i;
            }
            None => i += open,
        }
    }
    if text_start < line.len() {
        pieces.push(Piece::Text(&line[text_start..]));
    }
    pieces
}

fn is_file_reference(code: &str) -> bool {
    code.len() > 3
        && code.ends_with(".rs")
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name`, `a::b::c` or either with a trailing `()`: returns the last segment.
fn item_name(code: &str) -> Option<&str> {
    let path = code.strip_suffix("()").unwrap_or(code);
    let segments: Vec<&str> = path.split("::").collect();
    if segments.iter().all(|s| is_ident(s)) {
        segments.last().copied()
    } else {
        None
    }
}

/// Text allowed between a file reference and its items, or between two items.
fn is_separator(text: &str) -> bool {
    text.split_whitespace().all(|word| {
        word == "and"
            || word
                .chars()
                .all(|c| matches!(c, ',' | '(' | ')' | '/' | ';'))
    })
}

/// All references in a Markdown document, skipping fenced code blocks.
fn references(markdown: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // `Some(i)` while the pieces since reference `i` are still a run of items.
        let mut open: Option<usize> = None;
        for piece in split_code_spans(line) {
            match piece {
                Piece::Code(code) if is_file_reference(code) => {
                    out.push(Reference {
                        line: index + 1,
                        file: code.to_string(),
                        items: Vec::new(),
                    });
                    open = Some(out.len() - 1);
                }
                Piece::Code(code) => match (open, item_name(code)) {
                    (Some(r), Some(_)) => out[r].items.push(code.to_string()),
                    _ => open = None,
                },
                Piece::Text(text) => {
                    if !is_separator(text) {
                        open = None;
                    }
                }
            }
        }
    }
    out
}

/// Whether `source` defines `name` with one of [`DEFINITION_KEYWORDS`].
fn defines(source: &str, name: &str) -> bool {
    let is_ident_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = source.as_bytes();
    DEFINITION_KEYWORDS.iter().any(|keyword| {
        source.match_indices(keyword).any(|(at, _)| {
            if at > 0 && is_ident_byte(bytes[at - 1]) {
                return false;
            }
            let after = &source[at + keyword.len()..];
            let rest = after.trim_start();
            if rest.len() == after.len() {
                return false; // the keyword must be followed by whitespace
            }
            rest.strip_prefix(name)
                .is_some_and(|tail| tail.bytes().next().is_none_or(|b| !is_ident_byte(b)))
        })
    })
}

/// Every Markdown file under `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("reading {}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_code_reference_in_paper_notes_resolves() {
    let root = workspace_root();
    let mut broken = Vec::new();
    let mut checked_files = 0;
    let mut checked_items = 0;
    for note in markdown_files(&root.join("paper-notes")) {
        let shown = note
            .strip_prefix(&root)
            .unwrap_or(&note)
            .display()
            .to_string();
        let text = fs::read_to_string(&note).expect("notes are UTF-8");
        for r in references(&text) {
            checked_files += 1;
            let target = root.join(&r.file);
            let Ok(source) = fs::read_to_string(&target) else {
                broken.push(format!("{shown}:{}: `{}` does not exist", r.line, r.file));
                continue;
            };
            for item in &r.items {
                checked_items += 1;
                let name = item_name(item).expect("only item names are collected");
                if !defines(&source, name) {
                    broken.push(format!(
                        "{shown}:{}: `{}` does not define `{name}` (from `{item}`)",
                        r.line, r.file
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken code reference(s) in paper-notes (syntax: paper-notes/README.md):\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(
        checked_files >= 20 && checked_items >= 20,
        "suspiciously few references found ({checked_files} files, {checked_items} items): \
         has the reference syntax changed?"
    );
}

#[test]
fn the_paper_notes_index_lists_every_note() {
    let dir = workspace_root().join("paper-notes");
    let index = fs::read_to_string(dir.join("README.md")).expect("paper-notes/README.md");
    let missing: Vec<String> = fs::read_dir(&dir)
        .expect("paper-notes/")
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .filter(|name| !index.contains(&format!("]({name})")))
        .collect();
    assert!(
        missing.is_empty(),
        "paper-notes/README.md does not link these notes: {missing:?}"
    );
}

#[test]
fn code_spans_are_split_like_commonmark() {
    assert_eq!(
        split_code_spans("a `b` c ``d `e` f`` `g"),
        vec![
            Piece::Text("a "),
            Piece::Code("b"),
            Piece::Text(" c "),
            Piece::Code("d `e` f"),
            Piece::Text(" `g"),
        ]
    );
}

#[test]
fn items_attach_to_the_file_reference_they_follow() {
    let refs = references(
        "| x | `a/b.rs` `F::new`, `g` and (`h()`) | then `a/c.rs` `i` text `j` |\n\
         ```\n`in/fence.rs`\n```\n\
         `d.rs` `x + 1` `k`",
    );
    assert_eq!(
        refs,
        vec![
            Reference {
                line: 1,
                file: "a/b.rs".into(),
                items: vec!["F::new".into(), "g".into(), "h()".into()],
            },
            Reference {
                line: 1,
                file: "a/c.rs".into(),
                items: vec!["i".into()],
            },
            Reference {
                line: 5,
                file: "d.rs".into(),
                items: vec![],
            },
        ]
    );
}

#[test]
fn only_definitions_count() {
    let source = "pub fn evals() {}\nstruct EqPolynomial;\nlet x = evals_scaled(1);\n\
                  macro_rules! conformance_tests { () => {} }\nfn  spaced() {}";
    assert!(defines(source, "evals"));
    assert!(defines(source, "EqPolynomial"));
    assert!(defines(source, "conformance_tests"));
    assert!(defines(source, "spaced"));
    assert!(
        !defines(source, "evals_scaled"),
        "a call is not a definition"
    );
    assert!(!defines(source, "Eq"), "a prefix is not a name");
    assert!(!defines("refn evals", "evals"), "keywords need a boundary");
}
