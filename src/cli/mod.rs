//! Command-line interface: argument parsing and dispatch. Each subcommand lives in its own module
//! with its own `Args` and `run`; this module only wires them together and maps errors to exit
//! codes (0 ok, 1 the input is invalid, 2 usage or I/O error).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
mod diff;
mod dump;
mod extract;
mod fill;
pub(crate) mod io;
mod new_plan;
mod next_review;
mod render;
mod review;
mod schema;
mod start;
mod template;
mod templates;
mod validate;

pub(crate) use io::CliError;

/// Result of a subcommand: the exit code to use, or an error to print.
pub(crate) type CmdResult = Result<ExitCode, CliError>;

/// Keep a child's SEND support plan as data and produce the council's own Word form.
#[derive(Debug, Parser)]
#[command(name = "supportplan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a plan (JSON) and report every problem with its JSON pointer.
    Validate(validate::Args),
    /// Print the JSON Schema of a plan or of a review document.
    Schema(schema::Args),
    /// Fill any .docx template with any JSON data.
    Fill(fill::Args),
    /// Fill one template once per line of a JSON Lines file, on all cores.
    Batch(batch::Args),
    /// Work with templates: `template check`.
    Template(template::Args),
    /// List the built-in council templates.
    Templates(templates::Args),
    /// Validate a plan and render it into a council form.
    Render(render::Args),
    /// Start a new draft plan from the first meeting date.
    Start(start::Args),
    /// Say when the next review is due and whether it is overdue.
    NextReview(next_review::Args),
    /// Apply a review document to a plan.
    Review(review::Args),
    /// Start the next numbered plan from a reviewed one.
    NewPlan(new_plan::Args),
    /// Print a normalised, human-readable view of a .docx.
    Dump(dump::Args),
    /// Compare two .docx files by their dumps; exit 1 when they differ.
    Diff(diff::Args),
    /// Read a filled council form back into plan JSON.
    Extract(extract::Args),
}

/// Parses the command line, runs the subcommand and maps its outcome to an exit code.
pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let result = match cli.command {
        Command::Validate(a) => validate::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Fill(a) => fill::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Template(a) => template::run(a),
        Command::Templates(a) => templates::run(a),
        Command::Render(a) => render::run(a),
        Command::Start(a) => start::run(a),
        Command::NextReview(a) => next_review::run(a),
        Command::Review(a) => review::run(a),
        Command::NewPlan(a) => new_plan::run(a),
        Command::Dump(a) => dump::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Extract(a) => extract::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("supportplan: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
