//! `supportplan extract`.

use super::CmdResult;

/// Arguments of `supportplan extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan extract`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("extract"))
}
