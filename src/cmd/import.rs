//! `import`: source files into the catalogue, validated, in one transaction, with progress on a
//! terminal and a closing summary.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context as _, Result};

use super::guard::CatalogueFiles;
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

/// One input, checked (and, when it is a pipe or a terminal, read to the end) before the
/// catalogue is locked, so that a slow or never-ending input cannot hold the write lock. A
/// regular file is opened only when its turn comes: an import of thousands of files must not
/// hold thousands of descriptors.
struct Input {
    name: String,
    /// What the catalogue stores as the file's name.
    stored_name: String,
    /// Where `text_file` names are looked up.
    dir: PathBuf,
    format: Option<RawFormat>,
    content: Content,
    size: u64,
}

enum Content {
    File(PathBuf),
    Spooled(File),
}

/// Copies a stream to an anonymous temporary file and rewinds it.
fn spool(mut reader: impl Read, name: &str) -> Result<(File, u64)> {
    let mut file = tempfile::tempfile().with_context(|| format!("{name}: cannot buffer it"))?;
    let size =
        std::io::copy(&mut reader, &mut file).with_context(|| format!("{name}: cannot read"))?;
    file.seek(SeekFrom::Start(0))?;
    Ok((file, size))
}

fn open_input(path: &Path, input: Option<InputFormat>, ours: &CatalogueFiles) -> Result<Input> {
    if path.as_os_str() == "-" {
        ours.check_stdin()?;
        let (file, size) = spool(std::io::stdin().lock(), "<stdin>")?;
        return Ok(Input {
            name: "<stdin>".into(),
            stored_name: "<stdin>".into(),
            dir: PathBuf::from("."),
            format: input.map(raw_format),
            content: Content::Spooled(file),
            size,
        });
    }
    let name = path.display().to_string();
    ours.check_input(path)?;
    let meta = std::fs::metadata(path).with_context(|| format!("{name}: cannot open"))?;
    let (content, size) = if meta.is_file() {
        (Content::File(path.to_path_buf()), meta.len())
    } else {
        let file = File::open(path).with_context(|| format!("{name}: cannot open"))?;
        let (file, size) = spool(file, &name)?;
        (Content::Spooled(file), size)
    };
    Ok(Input {
        dir: path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        format: input.map(raw_format).or_else(|| RawFormat::from_path(path)),
        stored_name: stored_name(path),
        name,
        content,
        size,
    })
}

/// The name a source file is stored under: its path from the working directory when it is
/// under it, else its file name alone. `sources`, `export --tables` and the site show it, so it
/// must not carry the folders of the importing user's machine (`/home/…/qingshan.toml`).
fn stored_name(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(here), Ok(folder)) = (
        std::env::current_dir().and_then(std::fs::canonicalize),
        std::fs::canonicalize(folder),
    ) else {
        return name;
    };
    match folder.strip_prefix(&here) {
        Ok(under) => under.join(&name).display().to_string(),
        Err(_) => name,
    }
}

/// Counts the bytes read through it, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The documents of one input, lazily for JSON Lines, each named as the catalogue stores it.
fn documents(input: Input, read: &Arc<AtomicU64>) -> Documents {
    let stored_name = input.stored_name.clone();
    Box::new(parsed(input, read).map(move |doc| {
        doc.map(|mut doc| {
            doc.stored_name.clone_from(&stored_name);
            doc
        })
    }))
}

fn parsed(input: Input, read: &Arc<AtomicU64>) -> Documents {
    let Input {
        name,
        dir,
        format,
        content,
        ..
    } = input;
    let file = match content {
        Content::Spooled(file) => file,
        Content::File(path) => match File::open(&path) {
            Ok(file) => file,
            Err(e) => {
                return Box::new(std::iter::once(Err(anyhow::anyhow!(
                    "{name}: cannot open: {e}"
                ))));
            }
        },
    };
    let reader = Counting {
        inner: file,
        read: Arc::clone(read),
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
    let mentions = if s.mentions > 0 {
        format!(
            " (and {} already catalogued from another source)",
            plural(s.mentions, "project", "projects")
        )
    } else {
        String::new()
    };
    let milestones = if s.milestones > 0 {
        format!(", {}", plural(s.milestones, "milestone", "milestones"))
    } else {
        String::new()
    };
    format!(
        "{}, {}{mentions}, {}{milestones}; new: {}, {}, {}, {}",
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
    total.mentions += s.mentions;
    total.milestones += s.milestones;
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
    // Every input is checked and opened before the catalogue is: a file that cannot be read,
    // or that is the catalogue itself, stops the import before anything is locked.
    let ours = CatalogueFiles::of(db);
    let mut inputs = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    for opened in files.iter().map(|f| open_input(f, input, &ours)) {
        match opened {
            Ok(i) => inputs.push(i),
            Err(e) => unreadable.push(format!("{e:#}")),
        }
    }
    // Every file that cannot be read is named at once, not the first alone.
    match unreadable.as_slice() {
        [] => {}
        [one] => anyhow::bail!("{one}; nothing was written"),
        many => anyhow::bail!(
            "{} files cannot be read; nothing was written:\n  {}",
            many.len(),
            many.join("\n  ")
        ),
    }
    let total: u64 = inputs.iter().map(|i| i.size).sum();
    let (mut store, report) = Store::open(db, true)?;
    super::describe_open(ctx, db, report);

    let read = Arc::new(AtomicU64::new(0));
    let docs = inputs.into_iter().flat_map(|i| documents(i, &read));
    let bar = super::progress::bytes(ctx, total, "importing");
    let started = Instant::now();
    let progress = |sources: usize, projects: usize| {
        bar.set_position(read.load(Ordering::Relaxed));
        bar.set_message(format!(
            "{}, {}",
            plural(sources, "source", "sources"),
            plural(projects, "project", "projects")
        ));
    };
    let mut tally = Tally::new(dry_run);
    let result = store.import(
        docs,
        ImportOptions { dry_run, replace },
        progress,
        |origin, outcome| tally.record(&origin, outcome),
    );
    bar.finish_and_clear();
    result?;
    tally.describe(ctx, started);
    Ok(())
}

/// What an import did, gathered a source at a time: the totals, every warning, and a line per
/// source while there are at most [`LISTED_SOURCES`] (the outcomes themselves are not kept).
struct Tally {
    dry_run: bool,
    sources: usize,
    added: (usize, LoadSummary),
    replaced: (usize, LoadSummary),
    unchanged: usize,
    /// Warnings, and each source's line while there are few: (is a warning, text), in order.
    messages: Vec<(bool, String)>,
}

impl Tally {
    fn new(dry_run: bool) -> Tally {
        Tally {
            dry_run,
            sources: 0,
            added: (0, LoadSummary::default()),
            replaced: (0, LoadSummary::default()),
            unchanged: 0,
            messages: Vec::new(),
        }
    }

    fn verb(&self, present: &'static str, future: &'static str) -> &'static str {
        if self.dry_run { future } else { present }
    }

    fn record(&mut self, origin: &str, outcome: LoadOutcome) {
        self.sources += 1;
        if let LoadOutcome::Added(s) | LoadOutcome::Replaced(s) = &outcome {
            self.messages
                .extend(s.warnings.iter().map(|w| (true, w.clone())));
        }
        let line = match outcome {
            LoadOutcome::Added(s) => {
                self.added.0 += 1;
                add(&mut self.added.1, &s);
                let verb = self.verb("added", "would add");
                format!("{origin}: {verb} {}", describe(&s))
            }
            LoadOutcome::Replaced(s) => {
                self.replaced.0 += 1;
                add(&mut self.replaced.1, &s);
                let verb = self.verb("replaced", "would replace");
                format!("{origin}: {verb} with {}", describe(&s))
            }
            LoadOutcome::Unchanged => {
                self.unchanged += 1;
                format!("{origin}: already catalogued, unchanged")
            }
        };
        if self.sources <= LISTED_SOURCES {
            self.messages.push((false, line));
        } else if self.sources == LISTED_SOURCES + 1 {
            // Too many to list: only the warnings are kept.
            self.messages.retain(|(warning, _)| *warning);
        }
    }

    /// Prints the warnings and the sources' lines, then the totals.
    fn describe(&self, ctx: &Context, started: Instant) {
        for (warning, text) in &self.messages {
            if *warning {
                ctx.warn(text);
            } else {
                ctx.note(text);
            }
        }
        let mut parts = Vec::new();
        for ((n, total), verb) in [
            (&self.added, self.verb("added", "to add")),
            (&self.replaced, self.verb("replaced", "to replace")),
        ] {
            if *n > 0 {
                parts.push(format!("{n} {verb} ({})", describe(total)));
            }
        }
        if self.unchanged > 0 {
            parts.push(format!("{} unchanged", self.unchanged));
        }
        let mut summary = format!(
            "{}{}: {}",
            if self.dry_run {
                "dry run, nothing written; "
            } else {
                ""
            },
            plural(self.sources, "source", "sources"),
            if parts.is_empty() {
                "nothing to do".to_string()
            } else {
                parts.join(", ")
            }
        );
        if !self.dry_run && self.sources > 1 {
            summary.push_str(&format!(" in {:.1} s", started.elapsed().as_secs_f64()));
        }
        ctx.note(&summary);
    }
}
