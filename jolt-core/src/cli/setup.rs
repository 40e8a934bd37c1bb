//! `jolt setup`: write the prover and verifier key files that `prove` and `verify` load.
//!
//! ```text
//! jolt setup --ptau FILE.ptau --max-log-n K --prover-key OUT.pk --verifier-key OUT.vk
//! jolt setup --insecure-dev   --max-log-n K --prover-key OUT.pk --verifier-key OUT.vk [--pcs P]
//! ```
//!
//! With `--ptau`, the keys come from a powers-of-τ ceremony file in the snarkjs format (e.g.
//! `powersOfTau28_hez_final_K.ptau` of Perpetual Powers of Tau): [`commitments::ptau`] reads
//! the first `2^K` G1 powers and `H, τH, τ²H, τ³H`, validates every point and checks with
//! pairings that they are consecutive powers of one τ; the keys are of the `"kzg"` family, read
//! by both HyperKZG and Zeromorph. With `--insecure-dev`, the keys are the deterministic
//! development setup of `--pcs` (seed [`DEV_SETUP_SEED`]), whose trapdoor anyone can derive:
//! printed as INSECURE. Key files: [`commitments::keys`]; see `paper-notes/setup.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use commitments::keys::{key_family, save_prover_key, save_verifier_key};
use commitments::kzg::KzgProverSetup;
use commitments::ptau::{import_setup_file, PtauHeader};
use commitments::{CommitmentScheme, Dory, HyperKzg, Hyrax, PcsError, Zeromorph};

use crate::cli::prove::{Pcs, DEV_SETUP_SEED};
use crate::cli::{print_stdout, CliError};

/// The largest `K` for `--insecure-dev` (2^28 G1 powers is 8 GiB of prover key).
pub const MAX_DEV_LOG_N: usize = 28;

/// Arguments of `jolt setup`.
#[derive(Debug, Clone, Args)]
pub struct SetupArgs {
    /// A powers-of-τ ceremony file in the snarkjs `.ptau` format (BN254).
    #[arg(long, value_name = "FILE", required_unless_present = "insecure_dev")]
    pub ptau: Option<PathBuf>,
    /// Write the deterministic INSECURE development keys instead (anyone can forge proofs
    /// against them): for tests and demos only.
    #[arg(long, conflicts_with = "ptau")]
    pub insecure_dev: bool,
    /// The keys support polynomials in up to K variables (2^K powers of τ).
    #[arg(long, value_name = "K")]
    pub max_log_n: usize,
    /// The commitment scheme (hyperkzg and zeromorph share one KZG key; a ceremony file gives
    /// only KZG keys).
    #[arg(long, value_enum, default_value_t = Pcs::Hyperkzg)]
    pub pcs: Pcs,
    /// Where to write the prover key.
    #[arg(long, value_name = "OUT")]
    pub prover_key: PathBuf,
    /// Where to write the verifier key.
    #[arg(long, value_name = "OUT")]
    pub verifier_key: PathBuf,
}

/// Imports `2^max_log_n` powers from the ceremony file at `path` and checks them (see
/// [`commitments::ptau::import_setup`]): the setup `jolt setup --ptau` writes as keys.
pub fn import_ceremony(
    path: &Path,
    max_log_n: usize,
) -> Result<(PtauHeader, KzgProverSetup), CliError> {
    import_setup_file(path, max_log_n).map_err(|e| CliError::Setup(e.to_string()))
}

/// Writes both key files of `S` and returns their sizes in bytes.
fn write_keys<S: CommitmentScheme>(
    setup: &S::ProverSetup,
    args: &SetupArgs,
) -> Result<(u64, u64), CliError> {
    let setup_error = |e: PcsError| CliError::Setup(e.to_string());
    let pk = save_prover_key::<S>(setup, &args.prover_key).map_err(setup_error)?;
    let vk = save_verifier_key::<S>(&S::verifier_setup(setup), &args.verifier_key)
        .map_err(setup_error)?;
    Ok((pk, vk))
}

/// The development keys of `S`, written; returns the family and the two sizes.
fn write_dev_keys<S: CommitmentScheme>(
    args: &SetupArgs,
) -> Result<(&'static str, u64, u64), CliError> {
    let setup = S::insecure_test_setup(args.max_log_n, DEV_SETUP_SEED);
    let (pk, vk) = write_keys::<S>(&setup, args)?;
    Ok((key_family::<S>(), pk, vk))
}

/// Runs `jolt setup` and prints what it did.
pub fn execute(args: &SetupArgs) -> Result<(), CliError> {
    let start = Instant::now();
    let mut report = String::new();
    let family = match (&args.ptau, args.insecure_dev) {
        (Some(path), false) => {
            if matches!(args.pcs, Pcs::Hyrax | Pcs::Dory) {
                return Err(CliError::Setup(format!(
                    "a ceremony file gives KZG keys (--pcs hyperkzg or zeromorph), not {}",
                    args.pcs.name()
                )));
            }
            let (header, setup) = import_ceremony(path, args.max_log_n)?;
            let (pk, vk) = write_keys::<HyperKzg>(&setup, args)?;
            let ids: Vec<String> = header.sections.iter().map(|s| s.id.to_string()).collect();
            let _ = writeln!(
                report,
                "ceremony file {}: power {} (ceremony power {}), sections {}",
                path.display(),
                header.power,
                header.ceremony_power,
                ids.join(",")
            );
            let _ = writeln!(
                report,
                "imported 2^{k} = {n} G1 powers (of {avail} in the file) and H, τH, τ²H, τ³H",
                k = args.max_log_n,
                n = setup.powers_g1.len(),
                avail = (2u64 << header.power) - 1,
            );
            let _ = writeln!(
                report,
                "checks passed: format and section sizes; every point on the curve, in the \
                 prime-order subgroup, not the identity; standard generators; τ ≠ 1; pairings: \
                 G, τG, τ²G, H, τH, τ²H, τ³H powers of one τ and all G1 powers consecutive"
            );
            ("kzg", pk, vk)
        }
        (None, true) => {
            if args.max_log_n > MAX_DEV_LOG_N {
                return Err(CliError::Setup(format!(
                    "--max-log-n {} is above {MAX_DEV_LOG_N}",
                    args.max_log_n
                )));
            }
            let written = match args.pcs {
                Pcs::Hyperkzg => write_dev_keys::<HyperKzg>(args)?,
                Pcs::Zeromorph => write_dev_keys::<Zeromorph>(args)?,
                Pcs::Hyrax => write_dev_keys::<Hyrax>(args)?,
                Pcs::Dory => write_dev_keys::<Dory>(args)?,
            };
            let _ = writeln!(
                report,
                "INSECURE development keys ({}, 2^{} powers, seed {DEV_SETUP_SEED:#x}): the \
                 trapdoor follows from a public seed and anyone can forge proofs against \
                 them; for tests and demos only",
                args.pcs.name(),
                args.max_log_n
            );
            written
        }
        _ => {
            return Err(CliError::Setup(
                "give exactly one of --ptau FILE and --insecure-dev".into(),
            ))
        }
    };
    let (family, pk, vk) = family;
    let _ = writeln!(
        report,
        "prover key   {} ({pk} bytes, family {family})",
        args.prover_key.display()
    );
    let _ = writeln!(
        report,
        "verifier key {} ({vk} bytes, family {family})",
        args.verifier_key.display()
    );
    let _ = write!(report, "done in {:.2} s", start.elapsed().as_secs_f64());
    print_stdout(&report)
}
