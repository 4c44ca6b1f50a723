//! `supportplan template`.

use super::CmdResult;

/// Arguments of `supportplan template`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan template`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("template"))
}
