//! `supportplan render`.

use super::CmdResult;

/// Arguments of `supportplan render`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan render`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("render"))
}
