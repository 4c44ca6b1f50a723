//! `supportplan schema`: print the JSON Schema of a plan or of a review document.

use std::process::ExitCode;

use super::{CliError, CmdResult};

/// Which schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Which {
    /// A whole plan.
    Plan,
    /// A review document, as applied by `supportplan review`.
    Review,
}

/// Arguments of `supportplan schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Which schema to print.
    #[arg(value_enum, default_value_t = Which::Plan)]
    which: Which,
}

/// Runs `supportplan schema`: prints the schema as pretty JSON on standard output.
pub(crate) fn run(args: Args) -> CmdResult {
    let schema = match args.which {
        Which::Plan => supportplan_core::plan_schema(),
        Which::Review => supportplan_core::review_schema(),
    };
    let mut text = serde_json::to_string_pretty(&schema)
        .map_err(|e| CliError::Failed(format!("cannot write the schema: {e}")))?;
    text.push('\n');
    super::io::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
