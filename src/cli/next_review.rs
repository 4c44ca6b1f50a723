//! `supportplan next-review`: say when a plan's next review is due and whether it is overdue.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, CmdResult};

/// How to print the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line of text.
    Text,
    /// A JSON object: `due`, `which` (`number`, `label`, `ends_plan`), `overdue`, `days`.
    Json,
}

/// Arguments of `supportplan next-review`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The plan (JSON); `-` reads standard input.
    plan: PathBuf,
    /// Today's date, YYYY-MM-DD (passed in so that the answer is reproducible).
    #[arg(long, value_parser = super::start::parse_date)]
    today: NaiveDate,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Reads a plan file, mapping a plan that cannot be read to exit 1.
pub(crate) fn read_plan(path: &std::path::Path) -> Result<supportplan_core::Plan, CliError> {
    let bytes = super::io::read_input(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::Invalid(format!("{}: the plan is not UTF-8 text", path.display()))
    })?;
    supportplan_core::Plan::from_json(text)
        .map_err(|e| CliError::Invalid(format!("{}: not a readable plan: {e}", path.display())))
}

/// Runs `supportplan next-review`: exit 0 with the due date, 1 when the plan has no next
/// review (ceased, superseded, or waiting for its new plan) or cannot be read.
pub(crate) fn run(args: Args) -> CmdResult {
    let plan = read_plan(&args.plan)?;
    let next = supportplan_core::next_review(&plan, args.today)
        .map_err(|e| CliError::Invalid(e.to_string()))?;
    let out = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&next)
                .map_err(|e| CliError::Failed(format!("cannot write the answer: {e}")))?;
            s.push('\n');
            s
        }
        Format::Text => {
            let when = match next.days {
                0 => "due today".to_string(),
                1 => "due tomorrow".to_string(),
                -1 => "overdue by 1 day".to_string(),
                d if d < 0 => format!("overdue by {} days", -d),
                d => format!("due in {d} days"),
            };
            let ends = if next.which.ends_plan {
                " (it ends this plan: a new plan follows)"
            } else {
                ""
            };
            format!(
                "next review: {}, {when} ({}){ends}\n",
                next.which.label,
                next.due.format("%Y-%m-%d")
            )
        }
    };
    super::io::write_output(std::path::Path::new("-"), out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
