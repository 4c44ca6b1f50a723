//! `supportplan schema`.

use super::CmdResult;

/// Arguments of `supportplan schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan schema`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("schema"))
}
