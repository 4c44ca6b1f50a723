//! `supportplan extract`: read a filled council form back into plan JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use supportplan_forms::extract::{ExtractError, extract};

use super::io::{read_input, write_output};
use super::{CliError, CmdResult};

/// Arguments of `supportplan extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The filled form (.docx; `-` for standard input).
    file: PathBuf,
    /// The built-in template the form was made from (see `supportplan templates`).
    #[arg(short, long)]
    template: String,
    /// Where to write the plan JSON (`-` for standard output, the default).
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
}

/// Runs `supportplan extract`: exit 0 with the plan JSON, 1 when the document is not a
/// filled form of that template (or a value on it cannot be read back), 2 on I/O errors, a
/// file that is not a .docx, or an unknown template.
pub(crate) fn run(args: Args) -> CmdResult {
    let bytes = read_input(&args.file)?;
    let name = args.file.display().to_string();
    let plan = extract(&bytes, &args.template).map_err(|e| match e {
        ExtractError::UnknownTemplate(_) => CliError::Usage(e.to_string()),
        // Not a readable .docx at all: like `dump`, an input error of the I/O kind.
        ExtractError::Docx(_) => CliError::Failed(format!("{name}: {e}")),
        other => CliError::Invalid(format!("{name}: {other}")),
    })?;
    let mut json = plan
        .to_json_pretty()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    json.push('\n');
    write_output(&args.output, json.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
