//! `supportplan dump`: print a normalised, human-readable view of a .docx.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, CmdResult};

/// Arguments of `supportplan dump`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The document (.docx); `-` reads standard input.
    file: PathBuf,
    /// Write the dump to this file instead of standard output.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Leave out the `== properties` section (title, subject, languages).
    #[arg(long)]
    no_properties: bool,
}

/// Runs `supportplan dump`: exit 0 with the dump, 2 when the file cannot be read as a .docx.
pub(crate) fn run(args: Args) -> CmdResult {
    let bytes = super::io::read_input(&args.file)?;
    let options = supportplan_inspect::DumpOptions::default().with_properties(!args.no_properties);
    let text = supportplan_inspect::dump_with(&bytes, &options)
        .map_err(|e| CliError::Failed(format!("{}: {e}", args.file.display())))?;
    super::io::write_output(&args.output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
