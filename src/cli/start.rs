//! `supportplan start`: write a draft plan from the first support plan meeting.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use supportplan_core::PlanStyle;

use super::{CliError, CmdResult};

/// The council review model of the new plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Style {
    /// Kirklees My Support Plan: R1, R2, then a new plan at the 3rd review.
    Kirklees,
    /// Termly Support Plan: three termly reviews in the school year.
    Termly,
    /// Coventry My Support Plan: every review ends in a new plan.
    Coventry,
}

impl From<Style> for PlanStyle {
    fn from(s: Style) -> PlanStyle {
        match s {
            Style::Kirklees => PlanStyle::Kirklees,
            Style::Termly => PlanStyle::Termly,
            Style::Coventry => PlanStyle::Coventry,
        }
    }
}

/// Parses a `YYYY-MM-DD` date for the command line.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10 && s.as_bytes().get(4) == Some(&b'-');
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| ok)
        .ok_or_else(|| "expected a real date written YYYY-MM-DD".to_string())
}

/// Arguments of `supportplan start`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The child's or young person's full name.
    #[arg(long)]
    name: String,
    /// The date of the first support plan meeting (the plan start date), YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    first_meeting: NaiveDate,
    /// The council review model.
    #[arg(long, value_enum, default_value_t = Style::Kirklees)]
    style: Style,
    /// Where to write the plan; `-` is standard output.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
}

/// Runs `supportplan start`: writes a draft plan (number 1) whose review date is one term
/// (12 weeks) after the first meeting, or, for a termly plan, the first of its three termly
/// review dates.
pub(crate) fn run(args: Args) -> CmdResult {
    let plan = supportplan_core::start_plan(&args.name, args.first_meeting, args.style.into());
    let mut json = plan
        .to_json_pretty()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    json.push('\n');
    super::io::write_output(&args.output, json.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
