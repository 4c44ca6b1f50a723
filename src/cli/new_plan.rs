//! `supportplan new-plan`.

use super::CmdResult;

/// Arguments of `supportplan new-plan`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan new-plan`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("new-plan"))
}
