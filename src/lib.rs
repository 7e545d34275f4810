//! zhaoshang: a catalogue of Chinese local-government investment-promotion signing events
//! (招商引資項目集中簽約) in one SQLite file. The binary's `main` calls [`main`]; tests call the
//! library directly.

pub mod cli;
mod cmd;
pub mod draft;
pub mod error;
pub mod source;
pub mod store;
pub mod view;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use cli::{Cli, ColorChoice};
pub use error::{EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UsageError};

/// Settings every command shares.
pub struct Context {
    pub quiet: bool,
    pub color: bool,
    /// The script output text is shown in (`--script`).
    pub script: cli::Script,
    /// The language of headers and hints (`--lang`, or the locale's).
    pub lang: cli::Lang,
    /// The width tables are fitted to (`--width`, or the terminal's); None: one line per row.
    pub width: Option<u16>,
}

impl Context {
    /// Something accepted but worth a word: on stderr, even with --quiet.
    pub fn warn(&self, message: &str) {
        eprintln!("zhaoshang: warning: {}", view::output::printable(message));
    }

    /// A message for the user on stderr, unless `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}", view::output::printable(message));
        }
    }
}

/// The command line; when help may be printed, with each command's help narrowed to what it
/// takes and the bundled reports' parameters in `report --help`.
fn command_line() -> clap::Command {
    // Built only when help may be printed: every other run skips reading the reports' headers.
    let help = std::env::args()
        .skip(1)
        .any(|a| a == "-h" || a == "--help" || a == "help");
    if help {
        command_line_for_help()
    } else {
        <Cli as clap::CommandFactory>::command()
    }
}

/// The command line as help, manual pages and completions show it.
pub(crate) fn command_line_for_help() -> clap::Command {
    let args: Vec<String> = std::env::args().skip(1).collect();
    cmd::help::command(&args)
}

pub fn main() -> ExitCode {
    // A file-size limit (`ulimit -f`) would otherwise kill the process with SIGXFSZ and no word;
    // ignored, the write fails with EFBIG, the transaction rolls back and the error says why.
    // SAFETY: setting a signal's disposition to SIG_IGN, before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let parsed = command_line().try_get_matches().and_then(|matches| {
        <Cli as clap::FromArgMatches>::from_arg_matches(&matches).map(|cli| (matches, cli))
    });
    let cli = match parsed.map(|(matches, mut cli)| {
        // A path typed on the command line is taken at its word: a mistyped one must not
        // become a new catalogue (the default path and ZHAOSHANG_DB still do).
        cli.db_typed = matches.value_source("db") == Some(clap::parser::ValueSource::CommandLine);
        cli
    }) {
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
        Err(e) if error::is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            // Messages quote names from files: escaped as tables escape them, so that a name
            // can neither drive the terminal nor read in another order.
            eprintln!("zhaoshang: {}", view::output::printable(&format!("{e:#}")));
            ExitCode::from(error::exit_code(&e))
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
    view::present::use_english_figures(view::lang::english_chosen(cli.lang));
    // Without --script, what is shown for people is in the locale's script (zh_CN simplified,
    // zh_TW traditional); CSV and JSON, for programs, stay as stored unless --script says.
    // `--lang zh` alone means simplified, as its headers are.
    let script = cli.script.unwrap_or_else(|| {
        let zh = (cli.lang == Some(cli::Lang::Zh)).then_some(cli::Script::Simplified);
        view::lang::script_from_env()
            .or(zh)
            .filter(|_| cmd::for_people(&cli.command))
            .unwrap_or(cli::Script::AsStored)
    });
    let ctx = Context {
        quiet: cli.quiet,
        color,
        script,
        lang: view::lang::from_env(cli.lang),
        width: cli.width.or_else(|| {
            io::stdout()
                .is_terminal()
                .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
                .flatten()
        }),
    };
    if cli.db_typed && cmd::opens_catalogue(&cli.command) && store::holds_nothing(&cli.db)? {
        anyhow::bail!(
            "no catalogue at {} (run `zhaoshang init --db {}` to create one)",
            cli.db.display(),
            cli.db.display()
        );
    }
    cmd::run(&ctx, &cli.db, cli.command)
}
