//! `supportplan diff`: compare two .docx files by their dumps.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, CmdResult};

/// Arguments of `supportplan diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The first document (.docx); `-` reads standard input.
    a: PathBuf,
    /// The second document (.docx); `-` reads standard input.
    b: PathBuf,
}

/// Runs `supportplan diff`: prints a unified diff of the two dumps by section; exit 0 when they
/// read the same, 1 when they differ, 2 when a file cannot be read as a .docx.
pub(crate) fn run(args: Args) -> CmdResult {
    if args.a.as_os_str() == "-" && args.b.as_os_str() == "-" {
        return Err(CliError::Usage(
            "only one of the two documents can be read from standard input".to_string(),
        ));
    }
    let dump = |path: &PathBuf| -> Result<String, CliError> {
        let bytes = super::io::read_input(path)?;
        supportplan_inspect::dump(&bytes)
            .map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))
    };
    let (a, b) = (dump(&args.a)?, dump(&args.b)?);
    match supportplan_inspect::diff_dumps(&a, &b) {
        None => Ok(ExitCode::SUCCESS),
        Some(d) => {
            super::io::write_output(std::path::Path::new("-"), d.to_string().as_bytes())?;
            Ok(ExitCode::from(1))
        }
    }
}
