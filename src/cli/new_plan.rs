//! `supportplan new-plan`: make the next numbered plan from a reviewed one.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, CmdResult};

/// Arguments of `supportplan new-plan`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The reviewed plan (JSON); `-` reads standard input. It is left as it is.
    plan: PathBuf,
    /// Where to write the new plan; `-` is standard output. Must not be the input plan.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
}

/// Whether two paths name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Runs `supportplan new-plan`: exit 0 with the new plan written, 1 when the plan's last
/// review did not decide a new plan (or the plan cannot be read), 2 for usage and I/O errors.
pub(crate) fn run(args: Args) -> CmdResult {
    if args.plan.as_os_str() != "-" && same_file(&args.plan, &args.output) {
        return Err(CliError::Usage(
            "-o must not be the input plan: the previous plan keeps its history and is left as it is"
                .to_string(),
        ));
    }
    let plan = super::next_review::read_plan(&args.plan)?;
    let next = supportplan_core::new_plan(&plan).map_err(|e| CliError::Invalid(e.to_string()))?;
    let mut json = next
        .to_json_pretty()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    json.push('\n');
    super::io::write_output(&args.output, json.as_bytes())?;
    let number = next.plan_number.unwrap_or_default();
    eprintln!("wrote My Support Plan {number}; the previous plan's file is unchanged");
    Ok(ExitCode::SUCCESS)
}
