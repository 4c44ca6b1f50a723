//! `supportplan render`: validate a plan and render it into a council form.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use supportplan::forms::{self, RenderOptions, TemplateRef};

use super::io::{read_input, write_output};
use super::{CliError, CmdResult};

/// Arguments of `supportplan render`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The plan (JSON); `-` reads standard input. Not used with `--blank`.
    #[arg(required_unless_present = "blank")]
    plan: Option<PathBuf>,
    /// A built-in template id (see `supportplan templates`) or a council's own tagged .docx
    /// (`-` reads it from standard input).
    #[arg(short, long, value_name = "ID|FILE.docx")]
    template: String,
    /// Where to write the document (`-` for standard output).
    #[arg(short, long)]
    output: PathBuf,
    /// Render the empty paper form of a built-in template instead of a plan.
    #[arg(long, conflicts_with = "plan")]
    blank: bool,
    /// Author to record in the document properties (none by default).
    #[arg(long)]
    author: Option<String>,
    /// Date to record in the document properties, YYYY-MM-DD (none by default; the clock is
    /// never read).
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// For a council's own template: fill it with the view of this built-in template instead
    /// of the plan view (see templates/FORMS.md).
    #[arg(long, value_name = "ID")]
    view: Option<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, such as 2026-03-12".to_string())
}

/// Maps a forms error to a CLI error.
fn forms_error(template: &str, e: forms::Error) -> CliError {
    match e {
        forms::Error::UnknownTemplate(_) => CliError::Usage(e.to_string()),
        forms::Error::Render(e) => super::fill::render_error(template, e),
        other => CliError::Failed(format!("{template}: {other}")),
    }
}

/// Runs `supportplan render`: exit 0 when written, 1 when the plan is invalid (its report is
/// printed to standard error and nothing is written), 2 for usage and I/O errors.
pub(crate) fn run(args: Args) -> CmdResult {
    let options = RenderOptions {
        author: args.author.clone(),
        date: args.date,
        view: args.view.clone(),
    };
    if let Some(v) = &args.view
        && forms::builtin(v).is_none()
    {
        return Err(CliError::Usage(format!(
            "unknown view `{v}` (`supportplan templates` lists the built-in templates)"
        )));
    }
    let builtin = forms::builtin(&args.template).is_some();
    if args.view.is_some() && (builtin || args.blank) {
        return Err(CliError::Usage(
            "--view chooses the data for a council's own template (--template FILE.docx); a built-in form always gets its own view".into(),
        ));
    }
    if args.blank {
        if !builtin {
            return Err(CliError::Usage(format!(
                "--blank needs a built-in template id, not `{}` (`supportplan templates` lists them)",
                args.template
            )));
        }
        let bytes = forms::render_blank(&args.template, &options)
            .map_err(|e| forms_error(&args.template, e))?;
        write_output(&args.output, &bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(plan_path) = &args.plan else {
        return Err(CliError::Usage(
            "a PLAN is required unless --blank is given".into(),
        ));
    };
    if !builtin && args.template == "-" && plan_path.as_os_str() == "-" {
        return Err(CliError::Usage(
            "only one of PLAN and --template can be read from standard input".into(),
        ));
    }
    // Read the template before validating, so a wrong template name fails fast.
    let custom = if builtin {
        None
    } else {
        let path = PathBuf::from(&args.template);
        if args.template != "-" && !path.exists() && !args.template.ends_with(".docx") {
            return Err(CliError::Usage(format!(
                "unknown template `{}`: not a built-in id (`supportplan templates` lists them) nor a .docx file",
                args.template
            )));
        }
        Some(read_input(&path)?)
    };

    let bytes = read_input(plan_path)?;
    let (plan, report) = supportplan::core::read_plan(&bytes);
    if !report.issues.is_empty() {
        eprint!("{}", report.to_text());
    }
    let Some(plan) = plan else {
        return Ok(ExitCode::from(1));
    };
    let template = match &custom {
        Some(b) => TemplateRef::Custom(b),
        None => TemplateRef::Builtin(&args.template),
    };
    let docx = forms::render_plan(&plan, template, &options)
        .map_err(|e| forms_error(&args.template, e))?;
    write_output(&args.output, &docx)?;
    Ok(ExitCode::SUCCESS)
}
