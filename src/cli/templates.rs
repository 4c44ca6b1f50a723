//! `supportplan templates`: list the built-in council templates.

use std::process::ExitCode;

use super::CmdResult;

/// Arguments of `supportplan templates`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan templates`: one tab-separated line per template (id, council, form
/// version, source seed) under a header line.
pub(crate) fn run(_args: Args) -> CmdResult {
    let mut out = String::from("id\tcouncil\tform version\tsource seed\n");
    for t in supportplan::forms::builtin_templates() {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            t.id,
            t.council,
            t.form_version.unwrap_or("-"),
            t.source_seed
        ));
    }
    super::io::print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
