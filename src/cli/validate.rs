//! `supportplan validate`.

use super::CmdResult;

/// Arguments of `supportplan validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `supportplan validate`.
pub(crate) fn run(_args: Args) -> CmdResult {
    Err(super::io::not_yet("validate"))
}
