//! The errors that decide an exit code, and the exit codes (documented in README.md).

use std::io;

/// Process exit codes (documented in README.md).
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERROR: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_INTERRUPTED: u8 = 130;

/// A command line that asks for something impossible (a parameter value out of its list, a
/// date that is not one): exit 2, like clap's own usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A read stopped by Ctrl-C: exit 130, as shells report a process ended by SIGINT.
#[derive(Debug)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped by Ctrl-C; what was printed is incomplete")
    }
}

impl std::error::Error for Interrupted {}

/// The exit code for an error: 130 for Ctrl-C, 2 for a usage error, 1 otherwise.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    if e.chain().any(|c| c.is::<Interrupted>()) {
        EXIT_INTERRUPTED
    } else if e.chain().any(|c| {
        // A usage error met while writing (`--format svg` of a table) comes inside an io::Error.
        c.is::<UsageError>()
            || c.downcast_ref::<io::Error>()
                .and_then(io::Error::get_ref)
                .is_some_and(|inner| inner.is::<UsageError>())
    }) {
        EXIT_USAGE
    } else {
        EXIT_ERROR
    }
}

/// A reader that stops early (`| head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
