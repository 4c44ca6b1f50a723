//! `supportplan diff`.

use super::CmdResult;

/// Arguments of `supportplan diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan diff`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("diff"))
}
