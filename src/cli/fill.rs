//! `supportplan fill`.

use super::CmdResult;

/// Arguments of `supportplan fill`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan fill`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("fill"))
}
