//! The command line, as clap types only. Every option is documented (`help_expected`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "zhaoshang",
    version,
    about = "A catalogue of Chinese local-government investment-promotion signing events \
             (招商引資項目集中簽約), every fact traced to the sentence that states it",
    help_expected = true,
    after_help = "Examples:\n  \
                  zhaoshang report summary                      the events against their projects\n  \
                  zhaoshang projects --district 江津区 --min-amount 10亿\n  \
                  zhaoshang report top --format csv > top.csv\n  \
                  zhaoshang search 储能\n  \
                  zhaoshang show project 北大醫療江津醫院項目\n  \
                  zhaoshang import --dry-run article.toml       check a new source file\n\n\
                  Exit codes: 0 success, 1 error (data, I/O, database), 2 usage error.\n\
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

    /// Fit tables to this many columns, wrapping long cells (default: the terminal's width on a
    /// terminal; one line per row, whatever its length, into a pipe or file)
    #[arg(long, global = true, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// The script to show Chinese text in: names, quotes and every other text converted for
    /// display only (what is stored never changes). Default: for tables, the locale's (zh_CN
    /// simplified, zh_TW and zh_HK traditional), else as stored
    #[arg(long, global = true, value_enum)]
    pub script: Option<Script>,

    /// The language of table headers, record fields and hints (default: from LC_ALL,
    /// LC_MESSAGES or LANG; `zh…` is Chinese). CSV and JSON field names never change
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,

    /// Whether `--db` was typed on the command line (set after parsing; not an option).
    #[arg(skip)]
    pub db_typed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English
    En,
    /// Chinese (中文), in simplified script unless `--script traditional`
    Zh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Script {
    /// As each source wrote it (traditional or simplified)
    AsStored,
    /// Simplified (简体)
    Simplified,
    /// Traditional (繁體)
    Traditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal
    Table,
    /// Comma-separated values with a header row
    Csv,
    /// CSV for spreadsheets: a byte-order mark first (so Excel reads UTF-8) and CRLF line ends
    Excel,
    /// Tab-separated values with a header row (a tab or line break inside a value is a space)
    Tsv,
    /// A JSON array with one object per row
    Json,
    /// One JSON object per line
    Ndjson,
    /// A Markdown table
    Markdown,
    /// A self-contained HTML page: the table, and the chart of a report that has one
    Html,
    /// A report's chart alone, as SVG (timeline, industries, bands, targets, top)
    Svg,
}

// Filters shared by the listings; a listing refuses a filter that does not apply to it.
#[derive(Debug, Clone, Default, Args)]
pub struct Filters {
    /// Only records of this district or other place (its name as catalogued)
    #[arg(long)]
    pub district: Option<String>,
    /// Only records tied to this industry
    #[arg(long)]
    pub industry: Option<String>,
    /// Only records tied to this company (full name, short name or alias)
    #[arg(long)]
    pub company: Option<String>,
    /// Only records tied to this strategy
    #[arg(long)]
    pub strategy: Option<String>,
    /// Only records on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only amounts of at least this much: 10億, 10亿, 5000萬, 1.85亿, 266億元, 2.5e9 or plain yuan
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub min_amount: Option<String>,
    /// Only amounts of at most this much (same forms as --min-amount)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub max_amount: Option<String>,
    /// Count only links the source states, leaving out the cataloguer's inferences
    #[arg(long, conflicts_with = "include_inferred")]
    pub stated_only: bool,
    /// Count inferred links too (the default)
    #[arg(long)]
    pub include_inferred: bool,
    /// Show at most this many rows
    #[arg(long)]
    pub limit: Option<u32>,
    /// Sort order: a key (each listing's keys are in its --help; the first is the default),
    /// optionally with :asc or :desc (`--sort amount:asc`, `--sort date:desc`)
    #[arg(long, value_name = "KEY[:asc|:desc]")]
    pub sort: Option<String>,
    #[command(flatten)]
    pub shape: Shape,
}

// Which rows and columns to print, for listings, reports and `sql`.
#[derive(Debug, Clone, Default, Args)]
pub struct Shape {
    /// Print only these columns, in this order (comma-separated): a table's header as shown
    /// (`amount`, `held_on` or `held on`), in either language and script (金额), or a CSV
    /// field name (`amount_yuan`); a header stands for its fields (amount: amount_yuan and
    /// amount_qualifier)
    #[arg(long, value_name = "FIELD,…", value_delimiter = ',')]
    pub columns: Vec<String>,
    /// Skip this many rows first (with --limit, pages through a listing)
    #[arg(long, value_name = "N")]
    pub offset: Option<u32>,
    /// Leave out the header row (table and CSV)
    #[arg(long)]
    pub no_header: bool,
    /// The order a table narrower than its text gives columns up in (set by the listing, not
    /// an option; see view/fit.rs).
    #[arg(skip)]
    pub fit: Option<String>,
}

/// Input formats of source files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// TOML, one source per file
    Toml,
    /// JSON with the same structure, one source per file
    Json,
    /// JSON Lines: one source per line
    Jsonl,
}

// What `draft` reads and writes.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The articles: text files (title on the first line) or HTML pages, or folders of them
    /// (every .txt, .html and .htm file directly inside, in name order); `-` reads stdin. More
    /// than one article needs --out-dir
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// The article's URL (identifies the source; one article only)
    #[arg(long)]
    pub url: Option<String>,
    /// When the article was published, YYYY-MM-DD (needed unless the page says it; with
    /// --out-dir, the date of the articles whose page does not say it)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Who published it
    #[arg(long)]
    pub publisher: Option<String>,
    /// The title, when the first line (or the page's title) is not it (one article only)
    #[arg(long)]
    pub title: Option<String>,
    /// Write the draft here, and its text beside it as FILE's name with .txt (default:
    /// stdout, the text inline)
    #[arg(long, short, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Draft every article into this folder (created if missing): NAME.toml (or .json) and its
    /// text NAME.txt, NAME being the article's file name without its extension; a table of what
    /// each draft holds goes to stdout
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also write NAME.preview.html beside each draft: the article with every drafted fact's
    /// quote highlighted by kind, the notes to check numbered, the figures not used underlined
    #[arg(long)]
    pub preview: bool,
    /// Format of the draft
    #[arg(long, short, value_enum, default_value_t = DraftFormat::Toml)]
    pub format: DraftFormat,
    /// Format of the table --out-dir prints (svg excepted)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Table, requires = "out_dir")]
    pub summary: Format,
    /// Replace the drafts, texts and previews that exist (never an article, never through a
    /// symlink)
    #[arg(long)]
    pub force: bool,
}

/// Formats of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// TOML with `# check:` notes and the figures not used
    Toml,
    /// JSON in the import format (the notes go to stderr)
    Json,
}

/// Formats of exported tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// One CSV file per table
    Csv,
    /// One JSON file per table (an array of objects)
    Json,
}

/// What `show` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    Event,
    Project,
    Company,
    Industry,
    Strategy,
    Place,
    Source,
    Stat,
}

/// Each subcommand's arguments are built only when it is the one invoked (or help is asked
/// for): building all of them took some 15% of a short command's time.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
    /// Import source files (TOML, JSON, or JSON Lines with one source per line; `-` is stdin)
    Import {
        /// The files to import; all of them are written in one transaction, or none
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The input format, when the file name does not say (.toml, .json, .jsonl)
        #[arg(long, value_enum)]
        input: Option<InputFormat>,
        /// Validate and show what would be added or changed, writing nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace a catalogued source whose facts differ (by URL, or title and date)
        #[arg(long)]
        replace: bool,
    },
    /// Draft a source file from an article (plain text or a saved HTML page; UTF-8, GBK, GB18030
    /// or Big5): the event, headline figures, bands, named projects, companies, industries,
    /// figures of the year and targets, every quote cut from the text
    Draft(DraftArgs),
    /// Write the catalogue as a static site: an index with the headline numbers and charts, a
    /// page per event, project, company, industry, strategy, place, statistic and source, every
    /// fact linked to its highlighted sentence
    Site {
        /// The folder to write (empty, new, or one `site` wrote before)
        dir: PathBuf,
        /// Write into a folder that holds other files (never over them: only pages `site` wrote)
        #[arg(long)]
        force: bool,
    },
    /// Print an annotated starter source file (TOML) showing every field
    Template,
    /// Print the JSON Schema of the source-file format
    Schema,
    /// Write the catalogue out: sources in the import format, or every table for spreadsheets
    Export {
        /// Write one file per source (or, with --tables, one file per table) into this directory
        #[arg(long, value_name = "DIR", required_unless_present_any = ["jsonl", "geojson"])]
        dir: Option<PathBuf>,
        /// Write every source to one JSON Lines file instead (`-`: stdout)
        #[arg(long, value_name = "FILE", conflicts_with_all = ["dir", "tables"])]
        jsonl: Option<PathBuf>,
        /// Write the events as GeoJSON points (RFC 7946) at their divisions' seats instead (`-`:
        /// stdout); an event whose place has no coordinates is left out and counted on stderr
        #[arg(long, value_name = "FILE", conflicts_with_all = ["dir", "tables", "jsonl"])]
        geojson: Option<PathBuf>,
        /// Export every table (CSV or JSON, by --format) instead of the sources
        #[arg(long, requires = "dir")]
        tables: bool,
        /// Format of exported tables
        #[arg(long, short, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Replace files of the same names in DIR, or the --geojson file (without it, an export
        /// that would overwrite a file writes nothing)
        #[arg(long)]
        force: bool,
    },
    /// List signing events with their headline figures [sort: date, amount, name]
    Events {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List named projects [sort: amount, date, name]
    Projects {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List companies with their projects and investment [sort: amount, name, projects]
    Companies {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List industries with their layout role and projects [sort: amount, projects, name]
    Industries {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List strategies, layouts, goals, mechanisms, methods and task forces [sort: level, name]
    Strategies {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List places [sort: id, name]
    Places {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List sources [sort: date, title]
    Sources {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List reported statistics, place facts and targets [sort: kind, date, metric]
    Stats {
        #[command(flatten)]
        filters: Filters,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print one record whole: every fact with its qualifier, quote and source, and its links
    Show {
        /// What kind of record
        #[arg(value_enum)]
        kind: RecordKind,
        /// Its name (as catalogued) or its id
        name_or_id: String,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Search projects, companies, events, places, industries, strategies, statistics and source
    /// passages, in either script; several terms mean AND, "a phrase" matches as a phrase
    Search {
        /// The terms (光伏, 储能, 菜鸟, 1gw …)
        #[arg(required = true)]
        terms: Vec<String>,
        /// Show at most this many results
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Run a bundled report (`report --list` lists them)
    Report {
        /// The report to run
        #[arg(required_unless_present = "list")]
        name: Option<String>,
        /// List the reports with a line each
        #[arg(long, conflicts_with = "sql")]
        list: bool,
        /// A report parameter, KEY=VALUE (repeatable)
        #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
        params: Vec<String>,
        /// Print the report's SQL instead of running it
        #[arg(long)]
        sql: bool,
        #[command(flatten)]
        filters: ReportFilters,
        #[command(flatten)]
        rollup: Rollup,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Stop the report after this many seconds
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
        #[command(flatten)]
        shape: Shape,
    },
    /// Run one read-only SQL query on the catalogue
    #[command(after_help = "Examples:\n  \
        zhaoshang sql 'SELECT project, amount_yuan FROM projects WHERE amount_yuan >= :min' -p min=1000000000\n  \
        zhaoshang sql --file query.sql --format csv\n  \
        echo 'SELECT count(*) FROM events' | zhaoshang sql -")]
    Sql {
        /// The query (SELECT, WITH … SELECT, VALUES); anything that writes is refused. `-` reads
        /// it from stdin; a query may begin with a `--` comment
        #[arg(
            allow_hyphen_values = true,
            required_unless_present = "file",
            conflicts_with = "file",
            value_name = "QUERY"
        )]
        query: Option<String>,
        /// Read the query from this file (`-`: stdin)
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// A value for a named parameter of the query, KEY=VALUE binds `:KEY` (repeatable); a
        /// whole number binds as an integer, other values as text. Every parameter the query
        /// names must be given
        #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
        params: Vec<String>,
        /// Output format (CSV, JSON and NDJSON stream rows as they come)
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Stop the query after this many seconds
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
        #[command(flatten)]
        shape: Shape,
    },
    /// List likely `same_as` pairs among catalogued projects (a shared company, or one name
    /// within the other, in one county; the later not earlier), with a score, both quotes and the
    /// line to paste into the later project's file; it never merges
    Link {
        /// Only projects of events held by this place (its name as catalogued, either script)
        #[arg(long)]
        district: Option<String>,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        shape: Shape,
    },
    /// Verify the database: integrity, foreign keys, migration history, schema, quotes in their
    /// sources, figures against the source records, name keys, the search index
    Check {
        /// Rebuild what is derived from the facts (views, indexes, name keys, the search index)
        /// in one transaction, then check again
        #[arg(long)]
        repair: bool,
    },
    /// Print shell completions
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `zhaoshang manpage > zhaoshang.1`, or write one per
    /// subcommand with --dir
    Manpage {
        /// Write zhaoshang.1 and a page per subcommand (zhaoshang-report.1 …) into this folder
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Write Datasette metadata (table and column descriptions, the search box, every report as
    /// a canned query): as JSON for `datasette FILE -m metadata.json`, or as a plugin that gives it
    /// to any catalogue served, whatever its file is called
    #[command(
        after_help = "Examples:\n  zhaoshang metadata -o metadata.json && datasette zhaoshang.db -m metadata.json\n  \
        zhaoshang metadata --plugins-dir plugins && datasette any-name.db --plugins-dir plugins"
    )]
    Metadata(MetadataArgs),
}

// `metadata`'s options: where the Datasette metadata goes.
#[derive(Debug, clap::Args)]
pub struct MetadataArgs {
    /// Write to this file instead of stdout (`-`: stdout)
    #[arg(long, short, conflicts_with = "plugins_dir")]
    pub output: Option<PathBuf>,
    /// The database's name in Datasette (its file name without extension; default: that of --db)
    #[arg(long, conflicts_with = "plugins_dir")]
    pub name: Option<String>,
    /// Write the plugin zhaoshang_metadata.py into this folder instead: Datasette started with
    /// `--plugins-dir DIR` gives the metadata to every file whose application_id is a catalogue's
    #[arg(long, value_name = "DIR")]
    pub plugins_dir: Option<PathBuf>,
}

// The listings' filters that reports take too, each standing for a report parameter
// (`--district X` is `-p district=X`); a report refuses one it has no parameter for.
#[derive(Debug, Clone, Default, Args)]
pub struct ReportFilters {
    /// Only records of this district or other place (its name as catalogued): `-p district=…`
    #[arg(long)]
    pub district: Option<String>,
    /// Only events on or after this date (YYYY-MM-DD): `-p from=…`
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD): `-p to=…`
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Show at most this many rows (counted after --offset): `-p limit=…`
    #[arg(long)]
    pub limit: Option<u32>,
    /// Count only links the source states, leaving out the cataloguer's inferences:
    /// `-p basis=stated`
    #[arg(long)]
    pub stated_only: bool,
}

// Rollups and filters by division, for `summary`, `timeline`, `industries`, `top` and their
// rollups (`divisions`, `timeline_by_division`, `industries_by_division`, `top_by_division`).
// (A doc comment here would replace the help text of `report`, which flattens it.)
#[derive(Debug, Default, Args)]
pub struct Rollup {
    /// Roll `summary`, `timeline`, `industries` or `top` up by division (runs `divisions`,
    /// `timeline_by_division`, `industries_by_division` or `top_by_division`)
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub by: Option<DivisionLevel>,
    /// With --by: today's divisions (through successors) or those of the events' dates
    #[arg(long, value_enum, value_name = "WHEN", requires = "by")]
    pub as_of: Option<AsOf>,
    /// Only events within this division: a name in either script or a code; its former and
    /// later names and the divisions within it count too
    #[arg(long, value_name = "NAME-OR-CODE", conflicts_with_all = ["province", "prefecture"])]
    pub place: Option<String>,
    /// --place, for a province-level division only (吉林 is then 吉林省, not 吉林市)
    #[arg(long, value_name = "NAME-OR-CODE", conflicts_with = "prefecture")]
    pub province: Option<String>,
    /// --place, for a prefecture-level division only
    #[arg(long, value_name = "NAME-OR-CODE")]
    pub prefecture: Option<String>,
}

/// A level of division that `report summary --by` rolls up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DivisionLevel {
    Province,
    Prefecture,
    County,
}

/// Which divisions a rollup uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AsOf {
    /// Today's divisions, following successors (a 1995 江津市 under 重庆市)
    Today,
    /// The divisions as they were on the events' dates (a 1995 江津市 under 四川省)
    Event,
}
