//! `supportplan templates`.

use super::CmdResult;

/// Arguments of `supportplan templates`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan templates`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("templates"))
}
