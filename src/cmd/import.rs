//! `import`: source files into the catalogue, validated, in one transaction, with progress on a
//! terminal and a closing summary.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use crate::Context;
use crate::cli::InputFormat;
use crate::source::{
    JsonLines, RawFormat, RawFormatOrDocument, SourceDocument, parse_whole, read_limited,
};
use crate::store::{ImportOptions, LoadOutcome, LoadSummary, Store};

type Documents = Box<dyn Iterator<Item = Result<SourceDocument>>>;

fn raw_format(input: InputFormat) -> RawFormat {
    match input {
        InputFormat::Toml => RawFormat::Toml,
        InputFormat::Json => RawFormat::Json,
        InputFormat::Jsonl => RawFormat::JsonLines,
    }
}

/// The documents of one file (or of stdin for `-`), lazily for JSON Lines.
fn documents(path: &Path, input: Option<InputFormat>) -> Documents {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let dir = if stdin {
        PathBuf::from(".")
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let format = input
        .map(raw_format)
        .or_else(|| (!stdin).then(|| RawFormat::from_path(path)).flatten());
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return Box::new(std::iter::once(Err(anyhow!("{name}: cannot open: {e}")))),
        }
    };
    if format == Some(RawFormat::JsonLines) {
        return Box::new(JsonLines::new(BufReader::new(reader), &name, dir));
    }
    let bytes = match read_limited(reader, &name) {
        Ok(b) => b,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    match parse_whole(bytes, format, &name, dir.clone()) {
        Ok(RawFormatOrDocument::Document(doc)) => Box::new(std::iter::once(Ok(*doc))),
        Ok(RawFormatOrDocument::Lines(content)) => Box::new(JsonLines::new(
            std::io::Cursor::new(content.into_bytes()),
            &name,
            dir,
        )),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn describe(s: &LoadSummary) -> String {
    format!(
        "{}, {}, {}; new: {}, {}, {}, {}",
        plural(s.events, "event", "events"),
        plural(s.projects, "project", "projects"),
        plural(s.statistics, "statistic", "statistics"),
        plural(s.companies_added, "company", "companies"),
        plural(s.places_added, "place", "places"),
        plural(s.industries_added, "industry", "industries"),
        plural(s.strategies_added, "strategy", "strategies"),
    )
}

fn add(total: &mut LoadSummary, s: &LoadSummary) {
    total.events += s.events;
    total.projects += s.projects;
    total.statistics += s.statistics;
    total.companies_added += s.companies_added;
    total.places_added += s.places_added;
    total.industries_added += s.industries_added;
    total.strategies_added += s.strategies_added;
}

/// Per-source lines are printed up to this many sources; beyond, only the totals.
const LISTED_SOURCES: usize = 20;

pub fn run(
    ctx: &Context,
    db: &Path,
    files: &[PathBuf],
    input: Option<InputFormat>,
    dry_run: bool,
    replace: bool,
) -> Result<()> {
    let (mut store, report) = Store::open(db, true)?;
    super::describe_open(ctx, db, report);
    let docs = files.iter().flat_map(|f| documents(f, input));

    let live = !ctx.quiet && std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut last = Instant::now();
    let progress = |sources: usize, projects: usize| {
        if live && last.elapsed() > Duration::from_millis(200) {
            last = Instant::now();
            let rate = projects as f64 / started.elapsed().as_secs_f64().max(0.001);
            let _ = write!(
                std::io::stderr(),
                "\r\x1b[2Kimporting: {} read, {} ({rate:.0}/s)",
                plural(sources, "source", "sources"),
                plural(projects, "project", "projects"),
            );
        }
    };
    let result = store.import(docs, ImportOptions { dry_run, replace }, progress);
    if live {
        eprint!("\r\x1b[2K");
    }
    let outcomes = result?;

    let mut added = LoadSummary::default();
    let mut replaced = LoadSummary::default();
    let (mut n_added, mut n_unchanged, mut n_replaced) = (0, 0, 0);
    let verb = |present: &'static str, future: &'static str| if dry_run { future } else { present };
    for (origin, outcome) in &outcomes {
        let line = match outcome {
            LoadOutcome::Added(s) => {
                n_added += 1;
                add(&mut added, s);
                format!("{origin}: {} {}", verb("added", "would add"), describe(s))
            }
            LoadOutcome::Replaced(s) => {
                n_replaced += 1;
                add(&mut replaced, s);
                format!(
                    "{origin}: {} with {}",
                    verb("replaced", "would replace"),
                    describe(s)
                )
            }
            LoadOutcome::Unchanged => {
                n_unchanged += 1;
                format!("{origin}: already catalogued, unchanged")
            }
        };
        if outcomes.len() <= LISTED_SOURCES {
            ctx.note(&line);
        }
    }
    let mut parts = Vec::new();
    if n_added > 0 {
        parts.push(format!(
            "{n_added} {} ({})",
            verb("added", "to add"),
            describe(&added)
        ));
    }
    if n_replaced > 0 {
        parts.push(format!(
            "{n_replaced} {} ({})",
            verb("replaced", "to replace"),
            describe(&replaced)
        ));
    }
    if n_unchanged > 0 {
        parts.push(format!("{n_unchanged} unchanged"));
    }
    let mut summary = format!(
        "{}{}: {}",
        if dry_run {
            "dry run, nothing written; "
        } else {
            ""
        },
        plural(outcomes.len(), "source", "sources"),
        if parts.is_empty() {
            "nothing to do".to_string()
        } else {
            parts.join(", ")
        }
    );
    if !dry_run && !ctx.quiet && outcomes.len() > 1 {
        summary.push_str(&format!(" in {:.1} s", started.elapsed().as_secs_f64()));
    }
    ctx.note(&summary);
    if std::env::var_os("ZHAOSHANG_PEAK_MEMORY").is_some() {
        // For the scale benchmark: this process's own high-water mark, which a parent's
        // rusage cannot give exactly (it counts the memory the child was forked from).
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
            eprintln!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
        }
    }
    Ok(())
}
