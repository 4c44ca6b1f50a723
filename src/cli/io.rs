//! Shared input/output helpers for the subcommands: `-` for standard input and output, atomic
//! writes (temporary file in the target directory, then rename), and the CLI error type.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// An error the CLI prints as one plain line and maps to an exit code.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The input is invalid (a plan that fails validation, a template with errors): exit 1.
    #[error("{0}")]
    Invalid(String),
    /// The command line is wrong: exit 2.
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written: exit 2.
    #[error("{what} {path}: {source}")]
    Io {
        /// "cannot read" / "cannot write".
        what: &'static str,
        /// The file, as the user named it.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Anything else that stops the command (a library error): exit 2.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    /// The process exit code for this error.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Invalid(_) => 1,
            CliError::Usage(_) | CliError::Io { .. } | CliError::Failed(_) => 2,
        }
    }
}

/// Reads a whole input: a file, or standard input when `path` is `-`.
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut buf).map(|_| ()))
    };
    res.map_err(|source| CliError::Io {
        what: "cannot read",
        path: path.display().to_string(),
        source,
    })?;
    Ok(buf)
}

/// Writes text to standard output (a closed pipe is not an error).
pub(crate) fn print_stdout(text: &str) -> Result<(), CliError> {
    write_output(Path::new("-"), text.as_bytes())
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same directory, flushed and
/// synced, then renamed over the target. On any error the target is untouched and no temporary
/// file is left behind. `-` writes to standard output.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let err = |source| CliError::Io {
        what: "cannot write",
        path: path.display().to_string(),
        source,
    };
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return match out.write_all(bytes).and_then(|_| out.flush()) {
            // The reader went away (`supportplan dump x.docx | head`): not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            res => res.map_err(err),
        };
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "its folder does not exist",
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".supportplan-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        // tempfile's message names its own temporary file; the user named only the target.
        .map_err(|e| err(std::io::Error::new(e.kind(), e.kind().to_string())))?;
    // New files are readable by their owner only (tempfile creates them 0600): they hold a
    // child's health data. A file being replaced keeps the permissions it had.
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
    }
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
