//! `supportplan start`.

use super::CmdResult;

/// Arguments of `supportplan start`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan start`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("start"))
}
