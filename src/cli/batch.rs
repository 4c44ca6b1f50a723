//! `supportplan batch`.

use super::CmdResult;

/// Arguments of `supportplan batch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan batch`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("batch"))
}
