//! Prints how an RV32IM instruction or a lookup is decomposed, or the whole table.
//!
//! ```sh
//! cargo run -p instructions --example explain -- div          # C = 4, log M = 16
//! cargo run -p instructions --example explain -- sltu --small # C = 8, log M = 8
//! cargo run -p instructions --example explain                 # the Markdown tables
//! ```

use instructions::introspection::{explain, markdown_tables};
use instructions::LookupParams;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let params = if args.iter().any(|a| a == "--small") {
        LookupParams::SMALL
    } else {
        LookupParams::DEFAULT
    };
    match args.iter().find(|a| !a.starts_with("--")) {
        None => print!("{}", markdown_tables(&params)),
        Some(name) => match explain(name, &params) {
            Some(text) => print!("{text}"),
            None => {
                eprintln!("{name}: neither an RV32IM mnemonic nor a lookup name");
                std::process::exit(2);
            }
        },
    }
}
