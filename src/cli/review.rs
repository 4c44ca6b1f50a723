//! `supportplan review`.

use super::CmdResult;

/// Arguments of `supportplan review`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan review`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("review"))
}
