//! The `supportplan` command.
#![forbid(unsafe_code)]

mod cli;

/// The command's allocator. Parsing a template allocates many small, short-lived blocks, and with
/// glibc's allocator their bookkeeping (and the pages it returns to the system and faults back
/// in between documents) took a quarter of the time of a whole render: measured on the peer
/// benchmark (`benches/peers.sh`), p50 0.42 ms with the system allocator, 0.31 ms with mimalloc.
/// The library leaves the choice to its users; `--no-default-features` builds the command with
/// the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
