//! Shared helpers for the integration tests: the independent readers (python-docx and
//! LibreOffice headless) that check what users will see.
//!
//! Tools are installed by `scripts/test.sh`. When one is missing, a test that needs it is skipped
//! with a message, except under CI (`CI` set), where a missing tool fails the test.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python interpreter that has python-docx (`SUPPORTPLAN_PYTHON`, else `python3`).
pub fn python() -> String {
    std::env::var("SUPPORTPLAN_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn tool_ok(cmd: &mut Command) -> bool {
    cmd.output().map(|o| o.status.success()).unwrap_or(false)
}

/// Whether a tool is usable; under CI a missing tool panics so the suite cannot pass silently.
pub fn available(tool: &str) -> bool {
    let ok = match tool {
        "python-docx" => tool_ok(Command::new(python()).args(["-c", "import docx"])),
        "soffice" => tool_ok(Command::new("soffice").arg("--version")),
        "pdftoppm" => tool_ok(Command::new("pdftoppm").arg("-v")),
        other => tool_ok(Command::new(other).arg("--version")),
    };
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("{tool} is required under CI (scripts/test.sh installs it)");
        }
        eprintln!("skipping: {tool} is not installed (run scripts/test.sh to install it)");
    }
    ok
}

/// Reads a .docx with python-docx (see `read_docx.py`) and returns its JSON view.
pub fn read_with_python_docx(docx: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_docx.py");
    let out = Command::new(python())
        .arg(&script)
        .arg(docx)
        .output()
        .expect("run python-docx reader");
    assert!(
        out.status.success(),
        "python-docx could not open {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("reader prints JSON")
}

/// All paragraph texts of the body (table cells included, in document order) as read by
/// python-docx, one entry per paragraph or cell.
pub fn body_lines(view: &serde_json::Value) -> Vec<String> {
    let mut lines = Vec::new();
    for block in view["body"].as_array().into_iter().flatten() {
        if let Some(p) = block.get("p").and_then(|p| p.as_str()) {
            lines.push(p.to_string());
        } else if let Some(rows) = block.get("table").and_then(|t| t.as_array()) {
            for row in rows {
                let mut last: Option<&str> = None;
                for cell in row.as_array().into_iter().flatten() {
                    let text = cell.as_str().unwrap_or_default();
                    // python-docx repeats a merged cell once per grid column: keep one.
                    if last != Some(text) {
                        lines.push(text.to_string());
                    }
                    last = Some(text);
                }
            }
        }
    }
    lines
}

/// Converts a .docx to PDF with LibreOffice headless in `out_dir`; panics if it fails.
/// Each call uses its own LibreOffice profile so tests can run in parallel.
pub fn convert_to_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().expect("profile dir");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("run soffice");
    let stem = docx.file_stem().expect("file name");
    let pdf = out_dir.join(format!("{}.pdf", stem.to_string_lossy()));
    assert!(
        status.status.success() && pdf.exists(),
        "LibreOffice could not convert {}: {}",
        docx.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    pdf
}

/// Path of a file in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The `supportplan` binary built for this test run.
pub fn supportplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_supportplan"))
}
