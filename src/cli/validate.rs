//! `supportplan validate`: check a plan and report every problem with its JSON pointer.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, CmdResult};

/// How to print the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One `severity[code] /path: message` line and one `help:` line per issue.
    Text,
    /// A JSON object: `valid`, `errors`, `warnings` and `issues`.
    Json,
}

/// Arguments of `supportplan validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The plan (JSON); `-` reads standard input.
    plan: PathBuf,
    /// Treat warnings as errors (exit 1 when there is any warning).
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `supportplan validate`: exit 0 when valid (warnings allowed unless `--strict`), 1 when
/// invalid, 2 when the plan cannot be read.
pub(crate) fn run(args: Args) -> CmdResult {
    let bytes = super::io::read_input(&args.plan)?;
    let report = supportplan_core::check_json_bytes(&bytes);
    let out = match args.format {
        Format::Text => report.to_text(),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report.to_json_value())
                .map_err(|e| CliError::Failed(format!("cannot write the report: {e}")))?;
            s.push('\n');
            s
        }
    };
    super::io::print_stdout(&out)?;
    Ok(if report.passes(args.strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
