//! `supportplan dump`.

use super::CmdResult;

/// Arguments of `supportplan dump`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan dump`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("dump"))
}
