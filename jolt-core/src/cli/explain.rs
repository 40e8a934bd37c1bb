//! `jolt explain INSTRUCTION`: an instruction's rows, lookups, subtables, `g` and degree
//! (or a lookup's), from `instructions::introspection`; with no name, the whole table.

use clap::Args;
use instructions::introspection::{explain, markdown_tables};
use instructions::LookupParams;

use crate::cli::{print_stdout, CliError};

/// Arguments of `jolt explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// An RV32IM mnemonic (`div`, `lb`, …) or a lookup name (`SLTU`, …); none prints every
    /// instruction as Markdown tables.
    pub name: Option<String>,
    /// Use C = 8, log M = 8 instead of C = 4, log M = 16.
    #[arg(long)]
    pub small: bool,
}

/// Runs `jolt explain`.
pub fn execute(args: &ExplainArgs) -> Result<(), CliError> {
    let params = if args.small {
        LookupParams::SMALL
    } else {
        LookupParams::DEFAULT
    };
    let text = match &args.name {
        None => markdown_tables(&params),
        Some(name) => {
            explain(name, &params).ok_or_else(|| CliError::UnknownInstruction(name.clone()))?
        }
    };
    print_stdout(text.trim_end())
}
