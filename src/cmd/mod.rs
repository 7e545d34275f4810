//! One module per subcommand; `run` dispatches.

mod check;
mod draft;
mod drafts;
mod export;
mod guard;
pub(crate) mod help;
mod import;
mod init;
mod link;
mod list;
mod metadata;
mod migrate;
mod progress;
mod report;
pub use report::report_help;
mod search;
mod seed;
mod show;
mod site;
mod sql;

use std::path::Path;

use anyhow::{Context as _, Result};

use crate::Context;
use crate::cli::{Command, Format, Shape};
use crate::store::{OpenReport, QueryLimits, Store};
use crate::view::output;
use crate::view::present;
use crate::view::reports::Report;
use crate::view::spool::SpooledTable;

pub fn run(ctx: &Context, db: &Path, command: Command) -> Result<()> {
    match command {
        Command::Init { empty } => init::run(ctx, db, empty),
        Command::Migrate { status } => migrate::run(ctx, db, status),
        Command::Seed => seed::run(ctx, db),
        Command::Import {
            files,
            input,
            dry_run,
            replace,
        } => import::run(ctx, db, &files, input, dry_run, replace),
        Command::Draft(mut args) => {
            // `-o -` is stdout, as without -o.
            args.output = args.output.filter(|o| !is_stdio(o));
            draft::run(ctx, db, &args)
        }
        Command::Site { dir, force } => site::run(ctx, db, &dir, force),
        Command::Template => print_text(include_str!("../source/template.toml").as_bytes()),
        Command::Schema => print_text(crate::source::model::json_schema().as_bytes()),
        Command::Export {
            dir,
            jsonl,
            geojson,
            tables,
            format,
            force,
        } => export::run(
            ctx,
            db,
            &export::Target::of(dir, jsonl, geojson, tables, format, force)?,
        ),
        listing @ (Command::Events { .. }
        | Command::Projects { .. }
        | Command::Companies { .. }
        | Command::Industries { .. }
        | Command::Strategies { .. }
        | Command::Places { .. }
        | Command::Sources { .. }
        | Command::Stats { .. }) => run_listing(ctx, db, listing),
        Command::Show {
            kind,
            name_or_id,
            format,
        } => show::run(ctx, db, kind, &name_or_id, format),
        report @ Command::Report { .. } => run_report(ctx, db, report),
        Command::Sql {
            query,
            file,
            params,
            format,
            timeout,
            shape,
        } => {
            let query = sql::text(query, file.as_deref())?;
            sql::run(ctx, db, &query, &params, format, &limits(timeout), &shape)
        }
        Command::Search {
            terms,
            limit,
            format,
        } => search::run(ctx, db, &terms, limit, format),
        Command::Link {
            district,
            format,
            shape,
        } => link::run(ctx, db, district.as_deref(), format, &shape),
        Command::Check { repair } => check::run(ctx, db, repair),
        Command::Completions { shell } => print_completions(shell),
        Command::Manpage { dir } => print_manpage(ctx, dir.as_deref()),
        Command::Metadata(args) => metadata::run(ctx, db, &args),
    }
}

/// Whether a command prints for people (a table, Markdown, a page), so that the locale's script
/// applies; CSV and JSON are for programs.
pub fn for_people(command: &Command) -> bool {
    let format = match command {
        Command::Events { format, .. }
        | Command::Projects { format, .. }
        | Command::Companies { format, .. }
        | Command::Industries { format, .. }
        | Command::Strategies { format, .. }
        | Command::Places { format, .. }
        | Command::Sources { format, .. }
        | Command::Stats { format, .. }
        | Command::Show { format, .. }
        | Command::Search { format, .. }
        | Command::Report { format, .. }
        | Command::Sql { format, .. } => *format,
        Command::Draft(args) => args.summary,
        _ => return true,
    };
    matches!(
        format,
        Format::Table | Format::Markdown | Format::Html | Format::Svg
    )
}

/// Whether a path is `-`: stdin or stdout, whichever the option reads or writes.
fn is_stdio(path: &Path) -> bool {
    path == Path::new("-")
}

/// Whether a command opens the catalogue (and would create a missing one). `init` creates it on
/// purpose; `check` refuses a missing file itself; the rest never touch it.
pub fn opens_catalogue(command: &Command) -> bool {
    !matches!(
        command,
        Command::Init { .. }
            | Command::Check { .. }
            | Command::Draft(_)
            | Command::Template
            | Command::Schema
            | Command::Completions { .. }
            | Command::Manpage { .. }
            | Command::Report { list: true, .. }
            | Command::Report { sql: true, .. }
    )
}

/// `report`: list, print the SQL, or run one (`--by` and `--place` first turned into the report
/// and parameters they stand for).
fn run_report(ctx: &Context, db: &Path, command: Command) -> Result<()> {
    let Command::Report {
        name,
        list,
        params,
        sql,
        format,
        timeout,
        shape,
        filters,
        rollup,
    } = command
    else {
        anyhow::bail!("not a report");
    };
    match (list, sql) {
        (true, _) => report::list(),
        (false, true) => report::print_sql(name.as_deref()),
        (false, false) => {
            let (name, mut params) = report::division_options(name, params, rollup)?;
            report::filter_options(name.as_deref(), &filters, &mut params)?;
            report::run(
                ctx,
                db,
                name.as_deref(),
                &params,
                format,
                &limits(timeout),
                &shape,
            )
        }
    }
}

/// The listings: one query each (view/listings.rs), the same filters and options.
fn run_listing(ctx: &Context, db: &Path, command: Command) -> Result<()> {
    let (name, filters, format) = match command {
        Command::Events { filters, format } => ("events", filters, format),
        Command::Projects { filters, format } => ("projects", filters, format),
        Command::Companies { filters, format } => ("companies", filters, format),
        Command::Industries { filters, format } => ("industries", filters, format),
        Command::Strategies { filters, format } => ("strategies", filters, format),
        Command::Places { filters, format } => ("places", filters, format),
        Command::Sources { filters, format } => ("sources", filters, format),
        Command::Stats { filters, format } => ("stats", filters, format),
        _ => anyhow::bail!("not a listing"),
    };
    list::run(ctx, db, name, &filters, format)
}

fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = crate::command_line_for_help();
    // Generated into memory: clap_complete panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "zhaoshang", &mut script);
    print_text(&script)
}

/// The manual page on stdout, or with `dir` a page per command (zhaoshang-report.1 …) there.
fn print_manpage(ctx: &Context, dir: Option<&Path>) -> Result<()> {
    let command = crate::command_line_for_help();
    let Some(dir) = dir else {
        return Ok(clap_mangen::Man::new(command).render(&mut std::io::stdout().lock())?);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    clap_mangen::generate_to(command, dir)
        .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
    ctx.note(&format!("wrote the manual pages into {}", dir.display()));
    Ok(())
}

fn print_text(bytes: &[u8]) -> Result<()> {
    std::io::Write::write_all(&mut std::io::stdout().lock(), bytes)?;
    Ok(())
}

/// Opens the catalogue for reading; creates it with the seed first when missing.
fn open_read_only(ctx: &Context, db: &Path) -> Result<Store> {
    let (store, report) = Store::open_read_only(db)?;
    describe_open(ctx, db, report);
    Ok(store)
}

fn limits(timeout_seconds: u64) -> QueryLimits {
    QueryLimits {
        timeout: std::time::Duration::from_secs(timeout_seconds),
        ..QueryLimits::default()
    }
}

/// Runs a query and writes its result (returns how many rows) to stdout in the chosen format:
/// streamed row by row for CSV, JSON and NDJSON; spooled to a temporary file for a plain table
/// (a pipe, a file: memory flat); gathered (within the memory ceiling) for a table fitted to a
/// terminal or Markdown.
#[allow(clippy::too_many_arguments)]
fn run_query(
    ctx: &Context,
    store: &Store,
    sql: &str,
    params: &[(String, rusqlite::types::Value)],
    report: Option<&Report>,
    format: Format,
    limits: &QueryLimits,
    shape: &Shape,
) -> Result<usize> {
    let shaped = shaped_sql(store, sql, shape)?;
    let sql = shaped.as_deref().unwrap_or(sql);
    let header = !shape.no_header;
    let bar = report.and_then(|r| r.bar.as_deref());
    if format == Format::Table && ctx.width.is_none() && !ctx.color {
        return spooled_table(ctx, store, sql, params, limits, bar, header);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if matches!(format, Format::Table | Format::Markdown) {
        let result = store.query_limited(sql, params, limits)?;
        // The table shows only the display cells: converting those covers the values too.
        let mut listing = for_reader(ctx, &result, bar);
        listing.no_header = !header;
        prioritise(&mut listing, report, shape);
        output::write(&mut out, &listing, format, ctx.color)?;
        std::io::Write::flush(&mut out)?;
        return Ok(result.rows.len());
    }
    if matches!(format, Format::Html | Format::Svg) {
        let mut result = store.query_limited(sql, params, limits)?;
        in_script(ctx, &mut result);
        let chart = report.and_then(|r| crate::view::chart::chart(&r.name, &result));
        let text = match (format, report) {
            (Format::Svg, _) => chart.ok_or_else(|| no_chart(report))?,
            (_, Some(r)) => crate::view::html::report_page(
                &r.title,
                &r.question,
                chart.as_deref(),
                &for_reader(ctx, &result, None),
            ),
            (_, None) => crate::view::html::page(
                "zhaoshang",
                crate::view::html::table(&for_reader(ctx, &result, None), &|_, _| None),
            ),
        };
        std::io::Write::write_all(&mut out, text.as_bytes())?;
        std::io::Write::flush(&mut out)?;
        return Ok(result.rows.len());
    }
    // The writer moves into the stream at the first row (or after the last, for none).
    let mut out = Some(out);
    let mut fields: Vec<String> = Vec::new();
    let mut stream = None;
    let mut rows = 0;
    let columns = store.query_each(sql, params, limits, |columns, mut row| {
        rows += 1;
        crate::view::script::convert_row(&mut row, ctx.script);
        if let Some(w) = out.take() {
            fields = present::record_fields(columns);
            stream = output::Stream::start(w, format, &fields, header)?;
        }
        if let Some(s) = stream.as_mut() {
            write_streamed(s, &fields, &row)?;
        }
        Ok(())
    })?;
    if let Some(w) = out.take() {
        fields = present::record_fields(&columns);
        stream = output::Stream::start(w, format, &fields, header)?;
    }
    if let Some(s) = stream {
        s.finish()?;
    }
    Ok(rows)
}

/// `--format svg` of something without a chart: a usage error.
fn no_chart(report: Option<&Report>) -> crate::UsageError {
    crate::UsageError(format!(
        "{} has no chart (the reports with one: timeline, industries, bands, targets, top, map); \
         use --format html for its table",
        report.map_or("this listing", |r| r.name.as_str())
    ))
}

/// Which columns a table narrower than its text gives up first: the report's or listing's
/// order; with `--columns`, none (the columns asked for are all needed: cut, never hidden).
fn prioritise(listing: &mut output::Listing, report: Option<&Report>, shape: &Shape) {
    if shape.columns.is_empty() {
        let fit = report
            .and_then(|r| r.fit.as_deref())
            .or(shape.fit.as_deref());
        if let Some(fit) = fit {
            crate::view::fit::prioritise(listing, fit);
        }
    } else {
        listing.keys = listing.columns.len();
    }
}

/// One row to a stream: CSV straight from the values, JSON through a record.
fn write_streamed<W: std::io::Write>(
    stream: &mut output::Stream<W>,
    fields: &[String],
    row: &[rusqlite::types::Value],
) -> std::io::Result<()> {
    if !stream.csv_row(row.iter().map(present::csv_value))? {
        stream.record(fields, &present::record(fields, row))?;
    }
    Ok(())
}

/// A plain table (no width to fit, no colour) written from rows spooled as they come.
fn spooled_table(
    ctx: &Context,
    store: &Store,
    sql: &str,
    params: &[(String, rusqlite::types::Value)],
    limits: &QueryLimits,
    bar: Option<&str>,
    header: bool,
) -> Result<usize> {
    let mut table = None;
    let columns = store.query_each(sql, params, limits, |columns, row| {
        let table = match &mut table {
            Some(t) => t,
            None => table.insert(SpooledTable::new(columns, bar, ctx.script, ctx.lang)?),
        };
        Ok(table.push(&row)?)
    })?;
    let table = match table {
        Some(t) => t,
        None => SpooledTable::new(&columns, bar, ctx.script, ctx.lang)?,
    };
    let rows = table.rows();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    table.write(&mut out, ctx.lang, header)?;
    std::io::Write::flush(&mut out)?;
    Ok(rows)
}

/// A result as a table for people: its cells in the reader's script, its headers in the
/// reader's language, fitted to the width.
fn for_reader(
    ctx: &Context,
    result: &crate::store::QueryResult,
    bar: Option<&str>,
) -> output::Listing {
    dressed(ctx, present::table(result, bar))
}

/// A listing's display in the reader's script and language, fitted to the width.
fn dressed(ctx: &Context, mut listing: output::Listing) -> output::Listing {
    crate::view::script::convert_display(&mut listing, ctx.script);
    crate::view::lang::values(&mut listing, ctx.lang, ctx.script);
    crate::view::lang::headers(&mut listing, ctx.lang, ctx.script);
    listing.width = ctx.width;
    listing
}

/// A result's text in the reader's script (`--script`), for display.
fn in_script(ctx: &Context, result: &mut crate::store::QueryResult) {
    for row in &mut result.rows {
        crate::view::script::convert_row(row, ctx.script);
    }
}

/// The query narrowed to `--columns` and moved on by `--offset`, or None when neither is given.
fn shaped_sql(store: &Store, sql: &str, shape: &Shape) -> Result<Option<String>> {
    if shape.columns.is_empty() && shape.offset.is_none() {
        return Ok(None);
    }
    let inner = sql.trim().trim_end_matches(';');
    let available = store.column_names(inner)?;
    let mut chosen: Vec<String> = Vec::new();
    for c in &shape.columns {
        let named = present::columns_named(&available, c).ok_or_else(|| {
            crate::UsageError(format!(
                "--columns: there is no field or column `{c}`; the columns are: {} (or, as \
                 fields: {})",
                present::headers_of(&available).join(", "),
                available.join(", ")
            ))
        })?;
        chosen.extend(
            named
                .into_iter()
                .filter(|n| !chosen.contains(n))
                .collect::<Vec<_>>(),
        );
    }
    let columns = if chosen.is_empty() {
        "*".to_string()
    } else {
        chosen
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(Some(format!(
        "SELECT {columns} FROM (\n{inner}\n) LIMIT -1 OFFSET {}",
        shape.offset.unwrap_or(0)
    )))
}

fn describe_open(ctx: &Context, db: &Path, report: OpenReport) {
    if report.created {
        ctx.note(&format!(
            "created {} ({} migration{} applied{})",
            db.display(),
            report.migrations_applied,
            if report.migrations_applied == 1 {
                ""
            } else {
                "s"
            },
            if report.seeded {
                ", bundled seed loaded"
            } else {
                ""
            }
        ));
    } else if report.migrations_applied > 0 {
        ctx.note(&format!(
            "migrated {}: {} migration{} applied",
            db.display(),
            report.migrations_applied,
            if report.migrations_applied == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
}
