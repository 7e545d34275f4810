//! The command line, as clap types only. Every option is documented (`help_expected`).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "zhaoshang",
    version,
    about = "A catalogue of Chinese local-government investment-promotion signing events \
             (招商引資項目集中簽約), every fact traced to the sentence that states it",
    help_expected = true,
    after_help = "Exit codes: 0 success, 1 error (data, I/O, database), 2 usage error.\n\
                  The database is created with the bundled seed the first time a command needs it."
)]
pub struct Cli {
    /// The catalogue database file
    #[arg(
        long,
        global = true,
        env = "ZHAOSHANG_DB",
        default_value = "zhaoshang.db"
    )]
    pub db: PathBuf,

    /// Print no messages on stderr, only data and errors
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// When to use colour on a terminal (NO_COLOR in the environment means never)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal
    Table,
    /// Comma-separated values with a header row
    Csv,
    /// A JSON array with one object per row
    Json,
    /// One JSON object per line
    Ndjson,
    /// A Markdown table
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database file, migrate it and load the bundled seed
    Init {
        /// Create the schema only, without the bundled seed
        #[arg(long)]
        empty: bool,
    },
    /// Apply pending schema migrations
    Migrate {
        /// List applied and pending migrations instead of applying them
        #[arg(long)]
        status: bool,
    },
    /// Load the bundled seed (a second run changes nothing)
    Seed,
    /// List signing events with their headline figures
    Events {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Verify the database: integrity, foreign keys, migration history, quotes in their sources
    Check,
}
