//! zhaoshang: a catalogue of Chinese local-government investment-promotion signing events
//! (招商引資項目集中簽約) in one SQLite file. The binary's `main` calls [`main`]; tests call the
//! library directly.

pub mod cli;
mod cmd;
pub mod source;
pub mod store;
pub mod view;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorChoice};

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

/// Settings every command shares.
pub struct Context {
    pub quiet: bool,
    pub color: bool,
}

impl Context {
    /// A message for the user on stderr, unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version on stdout with success, usage errors on stderr.
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("zhaoshang: {e:#}");
            let usage = e.chain().any(|c| c.is::<UsageError>());
            let interrupted = e.chain().any(|c| c.is::<Interrupted>());
            ExitCode::from(if interrupted {
                EXIT_INTERRUPTED
            } else if usage {
                EXIT_USAGE
            } else {
                EXIT_ERROR
            })
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    };
    let ctx = Context {
        quiet: cli.quiet,
        color,
    };
    cmd::run(&ctx, &cli.db, cli.command)
}

/// A reader that stops early (`| head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
