//! `supportplan next-review`.

use super::CmdResult;

/// Arguments of `supportplan next-review`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan next-review`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("next-review"))
}
