//! `supportplan fill`: any template, any JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::io::{read_input, write_output};
use super::{CliError, CmdResult};

/// Arguments of `supportplan fill`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The tagged .docx template (`-` for standard input).
    template: PathBuf,
    /// The data, one JSON value (`-` for standard input).
    data: PathBuf,
    /// Where to write the filled document (`-` for standard output).
    #[arg(short, long)]
    output: PathBuf,
}

/// Runs `supportplan fill`.
pub(crate) fn run(args: Args) -> CmdResult {
    if args.template.as_os_str() == "-" && args.data.as_os_str() == "-" {
        return Err(CliError::Usage(
            "only one of TEMPLATE and DATA can be read from standard input".into(),
        ));
    }
    let template = read_input(&args.template)?;
    let data = read_json(&args.data, &read_input(&args.data)?)?;
    let bytes = render_bytes(&template, &data, &args.template.display().to_string())?;
    write_output(&args.output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// Parses JSON data, naming the file and the line and column of a syntax error.
pub(crate) fn read_json(
    path: &std::path::Path,
    bytes: &[u8],
) -> Result<serde_json::Value, CliError> {
    serde_json::from_slice(bytes).map_err(|e| {
        CliError::Invalid(format!(
            "{}: not valid JSON at line {}, column {}: {}",
            path.display(),
            e.line(),
            e.column(),
            json_error_kind(&e)
        ))
    })
}

/// A description of a JSON error that never quotes the input.
fn json_error_kind(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => "syntax error",
        Category::Eof => "unexpected end of input",
        Category::Data => "unexpected value",
        Category::Io => "read error",
    }
}

/// Parses and fills a template, mapping engine errors to CLI errors (template and data
/// problems are the input's fault: exit 1).
pub(crate) fn render_bytes(
    template: &[u8],
    data: &serde_json::Value,
    template_name: &str,
) -> Result<Vec<u8>, CliError> {
    let tpl = supportplan::render::Template::from_bytes(template)
        .map_err(|e| render_error(template_name, e))?;
    tpl.render(data).map_err(|e| render_error(template_name, e))
}

/// Maps an engine error to a CLI error with every template problem on its own line.
pub(crate) fn render_error(template_name: &str, e: supportplan::render::Error) -> CliError {
    use supportplan::render::Error;
    match e {
        Error::Template(errors) => {
            let mut msg = format!("{template_name}: {} template error(s)", errors.len());
            for err in &errors {
                msg.push_str(&format!("\n  {}: {}", err.location, err.message));
            }
            CliError::Invalid(msg)
        }
        Error::Io(io) => CliError::Failed(format!("{template_name}: {io}")),
        other => CliError::Invalid(format!("{template_name}: {other}")),
    }
}
