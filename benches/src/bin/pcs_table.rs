//! The commitment-scheme comparison table, with a free choice of sizes and schemes.
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release -p jolt-benches --bin pcs_table -- --sizes 16,20 --out bench-results
//! ```
//!
//! The measurement is `jolt_core::bench::pcs` (also behind `jolt bench pcs`): for every scheme
//! and size `2^n`, commit time for random field values, for 16-bit values and for 0/1 flags,
//! open time, verify time, proof size, and the prover and verifier setup sizes, next to the
//! baseline "one full-scalar BN254 G1 MSM over `2^n` distinct points" measured in the same
//! run. It prints the Markdown and writes `pcs.md`, `pcs.csv` and `pcs.svg` to `--out`. A new
//! scheme joins with one line in `jolt_core::bench::pcs::measure_size`.

use jolt_core::bench::{pcs, BenchProgress, Header};

/// Progress lines on stderr.
struct Lines;

impl BenchProgress for Lines {
    fn start(&self, total: u64) {
        eprintln!("{total} measurements");
    }
    fn step(&self, what: &str) {
        eprintln!("{what}…");
    }
    fn done(&self, line: &str) {
        eprintln!("  {line}");
    }
}

/// Command-line options.
struct Options {
    sizes: Vec<usize>,
    out_dir: String,
    /// Scheme names to run (all when empty).
    schemes: Vec<String>,
}

fn parse_args() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let mut options = Options {
        sizes: vec![10, 12, 14, 16, 18, 20, 22],
        out_dir: String::from("bench-results"),
        schemes: Vec::new(),
    };
    let list = |s: &str| -> Vec<String> { s.split(',').map(|x| x.trim().to_string()).collect() };
    let mut i = 1;
    while i < args.len() {
        match (args[i].as_str(), args.get(i + 1)) {
            ("--sizes", Some(v)) => {
                options.sizes = list(v)
                    .iter()
                    .map(|s| s.parse().expect("--sizes takes numbers like 16,20"))
                    .collect();
                i += 1;
            }
            ("--out", Some(v)) => {
                options.out_dir = v.clone();
                i += 1;
            }
            ("--schemes", Some(v)) => {
                options.schemes = list(v);
                i += 1;
            }
            ("--help" | "-h", _) => {
                println!("usage: pcs_table [--sizes 10,12,...] [--schemes hyperkzg,zeromorph,hyrax,dory] [--out DIR]");
                std::process::exit(0);
            }
            (other, _) => {
                eprintln!("unknown argument {other}; see --help");
                std::process::exit(2);
            }
        }
        i += 1;
    }
    options
}

fn main() {
    let options = parse_args();
    let wants =
        |name: &str| options.schemes.is_empty() || options.schemes.iter().any(|s| s == name);
    let rows = pcs::run(&options.sizes, None, &wants, &Lines);
    let threads = rayon::current_num_threads();
    let header = Header::collect(threads);
    let out = pcs::output(&rows, threads, &header.caption());
    println!("{}", out.document(&header));
    match out.write(std::path::Path::new(&options.out_dir), &header) {
        Ok(paths) => {
            for p in paths {
                eprintln!("wrote {}", p.display());
            }
        }
        Err(e) => {
            eprintln!("could not write {}: {e}", options.out_dir);
            std::process::exit(1);
        }
    }
}
