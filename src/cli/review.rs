//! `supportplan review`: apply a review document to a plan.

use std::path::PathBuf;
use std::process::ExitCode;

use supportplan_core::{ReviewDecision, ReviewDocument};

use super::{CliError, CmdResult};

/// Arguments of `supportplan review`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The plan (JSON); `-` reads standard input.
    plan: PathBuf,
    /// The review document (JSON; its schema: `supportplan schema review`).
    review: PathBuf,
    /// Where to write the reviewed plan; it may be the input plan itself (written atomically).
    /// `-` is standard output.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// When the review requests an EHC needs assessment, write the data the request needs
    /// (the plan, its reviews and the evidence in its appendices) to this file as JSON.
    #[arg(long, value_name = "FILE")]
    ehcna_request: Option<PathBuf>,
}

/// Runs `supportplan review`: exit 0 when the review is recorded, 1 when it is refused (a
/// transition the plan's state does not allow) or the result is not a valid plan, 2 for usage
/// and I/O errors. Nothing is written unless the review is recorded.
pub(crate) fn run(args: Args) -> CmdResult {
    let plan = super::next_review::read_plan(&args.plan)?;
    let bytes = super::io::read_input(&args.review)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::Invalid(format!(
            "{}: the review document is not UTF-8 text",
            args.review.display()
        ))
    })?;
    let doc = ReviewDocument::from_json(text).map_err(|e| {
        CliError::Invalid(format!(
            "{}: not a readable review document: {e}",
            args.review.display()
        ))
    })?;
    let reviewed = supportplan_core::apply_review(&plan, &doc)
        .map_err(|e| CliError::Invalid(format!("review refused: {e}")))?;
    let report = reviewed.validate();
    if report.has_errors() {
        return Err(CliError::Invalid(format!(
            "the reviewed plan would not be valid; nothing was written:\n{}",
            report.to_text().trim_end()
        )));
    }
    let record = reviewed.reviews.last();
    let decision = record.and_then(|r| r.decision);
    let requests = decision == Some(ReviewDecision::RequestEhcNeedsAssessment);
    if args.ehcna_request.is_some() && !requests {
        return Err(CliError::Usage(
            "--ehcna-request: this review's /review/decision does not request an EHC needs assessment"
                .to_string(),
        ));
    }
    let mut json = reviewed
        .to_json_pretty()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    json.push('\n');
    super::io::write_output(&args.output, json.as_bytes())?;
    if let Some(path) = &args.ehcna_request {
        let request = supportplan_core::ehcna_request(&reviewed);
        let mut json = serde_json::to_string_pretty(&request)
            .map_err(|e| CliError::Failed(format!("cannot write the request: {e}")))?;
        json.push('\n');
        super::io::write_output(path, json.as_bytes())?;
    }
    let state = supportplan_core::lifecycle::plan_state(&reviewed);
    let number = record.map_or(0, |r| r.number);
    let label = state.style.review_label(number);
    let what_next = match decision {
        Some(ReviewDecision::NewPlan) => "next: `supportplan new-plan` makes the next plan",
        Some(ReviewDecision::Cease) => "the plan has ceased",
        Some(ReviewDecision::RequestEhcNeedsAssessment) if args.ehcna_request.is_none() => {
            "an EHC needs assessment is requested: `--ehcna-request FILE` writes the request data"
        }
        Some(ReviewDecision::RequestEhcNeedsAssessment) => "an EHC needs assessment is requested",
        _ => "the plan continues",
    };
    eprintln!("recorded the {label}; the plan is now {state}; {what_next}");
    let warnings = report.warning_count();
    if warnings > 0 {
        eprintln!(
            "note: {warnings} warning(s): run `supportplan validate` on the output to see them"
        );
    }
    Ok(ExitCode::SUCCESS)
}
