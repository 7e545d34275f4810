//! `export`: the catalogue back out, as source files in the import format (one per source, or
//! one JSON Lines file) or as the catalogue's tables and views in CSV or JSON.
//!
//! Nothing is overwritten by surprise: the catalogue's own files are refused as outputs, and an
//! export into a folder that already holds a file of a name it would write writes nothing
//! unless `--force` is given.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::guard::CatalogueFiles;
use crate::Context;
use crate::cli::{Format, TableFormat};
use crate::source::model::SourceFile;
use crate::view::output;
use crate::view::present;

/// What `export` writes.
pub enum Target {
    Sources {
        dir: PathBuf,
        force: bool,
    },
    JsonLines(PathBuf),
    GeoJson {
        file: PathBuf,
        force: bool,
    },
    Tables {
        dir: PathBuf,
        format: TableFormat,
        force: bool,
    },
}

impl Target {
    /// From the command line's options (clap has already refused the combinations that make
    /// no sense).
    pub fn of(
        dir: Option<PathBuf>,
        jsonl: Option<PathBuf>,
        geojson: Option<PathBuf>,
        tables: bool,
        format: TableFormat,
        force: bool,
    ) -> Result<Target> {
        Ok(match (geojson, jsonl, dir) {
            (Some(file), _, _) => Target::GeoJson { file, force },
            (None, Some(file), _) => Target::JsonLines(file),
            (None, None, Some(dir)) if tables => Target::Tables { dir, format, force },
            (None, None, Some(dir)) => Target::Sources { dir, force },
            (None, None, None) => bail!("give --dir DIR, --jsonl FILE or --geojson FILE"),
        })
    }
}

/// The catalogue's tables and views, by a fixed list: a name read from the file could lead a
/// crafted database to write outside the folder. Every table that holds a fact is here, empty
/// ones too (a header only), so the set of files is the same for every catalogue; the tests
/// compare it with the schema. Left out: the search data (derived from these), the migration
/// history and the bundled gazetteer (`divisions`, no fact of the catalogue; `place_divisions`
/// gives each place its division's names).
pub const EXPORTED_TABLES: &[&str] = &[
    "sources",
    "source_declarations",
    "places",
    "place_aliases",
    "industries",
    "industry_aliases",
    "industry_distinctions",
    "companies",
    "company_aliases",
    "strategies",
    "place_strategies",
    "industry_strategies",
    "layout_industries",
    "events",
    "event_industries",
    "event_strategies",
    "event_companies",
    "projects",
    "project_mentions",
    "project_companies",
    "project_industries",
    "project_strategies",
    "project_facts",
    "milestones",
    "statistics",
    "breakdown_parts",
    "alternative_figures",
    "event_overview",
    "project_overview",
    "project_steps",
    "project_status",
    "place_divisions",
    "projects_quoted",
    "project_companies_quoted",
];

/// A source rebuilt from the tables with its text inline, so the exported file stands alone.
fn rebuilt(store: &crate::store::Store, id: i64) -> Result<SourceFile> {
    store
        .source_file(id)
        .with_context(|| format!("source {id}: cannot rebuild it from the catalogue"))
}

/// Checks every path an export will write before it writes any: none is the catalogue or a
/// link, and none exists unless `force`.
fn check_targets(db: &Path, dir: &Path, names: &[String], force: bool) -> Result<()> {
    let ours = CatalogueFiles::of(db);
    super::guard::refuse_dangling(dir)?;
    let mut existing = Vec::new();
    for name in names {
        let path = dir.join(name);
        super::guard::refuse_link(&path)?;
        ours.check_output(&path)?;
        if path.exists() {
            existing.push(name.as_str());
        }
    }
    if !existing.is_empty() && !force {
        let shown: Vec<&str> = existing.iter().take(5).copied().collect();
        bail!(
            "{} already holds {} file{} this export would overwrite ({}{}); nothing was written. \
             Export into a new folder, or give --force to replace them",
            dir.display(),
            existing.len(),
            if existing.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if existing.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        );
    }
    Ok(())
}

pub fn run(ctx: &Context, db: &Path, target: &Target) -> Result<()> {
    let store = super::open_read_only(ctx, db)?;
    match target {
        Target::Tables { dir, format, force } => tables(ctx, db, &store, dir, *format, *force),
        Target::JsonLines(path) => json_lines(ctx, db, &store, path),
        Target::GeoJson { file, force } => geojson(ctx, db, &store, file, *force),
        Target::Sources { dir, force } => sources(ctx, db, &store, dir, *force),
    }
}

fn tables(
    ctx: &Context,
    db: &Path,
    store: &crate::store::Store,
    dir: &Path,
    format: TableFormat,
    force: bool,
) -> Result<()> {
    let (ext, fmt) = match format {
        TableFormat::Csv => ("csv", Format::Csv),
        TableFormat::Json => ("json", Format::Json),
    };
    let names: Vec<String> = EXPORTED_TABLES
        .iter()
        .map(|t| format!("{t}.{ext}"))
        .collect();
    check_targets(db, dir, &names, force)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let bar = super::progress::spinner(ctx, "exporting");
    for (table, name) in EXPORTED_TABLES.iter().zip(&names) {
        bar.set_message(table.to_string());
        let result = store.query(&format!("SELECT * FROM {table}"), &[])?;
        let listing = present::records(&result);
        let path = dir.join(name);
        let mut file = BufWriter::new(
            fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?,
        );
        output::write(&mut file, &listing, fmt, false)
            .and_then(|()| file.flush())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    bar.finish_and_clear();
    ctx.note(&format!(
        "wrote {} tables and views to {}",
        EXPORTED_TABLES.len(),
        dir.display()
    ));
    Ok(())
}

/// Every source as a line of JSON, into a file or (`-`) stdout.
fn json_lines(ctx: &Context, db: &Path, store: &crate::store::Store, path: &Path) -> Result<()> {
    let stdout = super::is_stdio(path);
    if !stdout {
        CatalogueFiles::of(db).check_output(path)?;
    }
    let sources = store.sources_in_order()?;
    let out: Box<dyn Write> = if stdout {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )
    };
    let mut out = BufWriter::new(out);
    for (id, _) in &sources {
        let record = rebuilt(store, *id)?;
        writeln!(out, "{}", serde_json::to_string(&record)?)?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    let shown = if stdout {
        "stdout".to_string()
    } else {
        path.display().to_string()
    };
    ctx.note(&format!("wrote {} sources to {shown}", sources.len()));
    Ok(())
}

/// The events as a GeoJSON FeatureCollection, to stdout (`-`) or to a file written whole or not
/// at all (a temporary file beside it, renamed into place).
fn geojson(
    ctx: &Context,
    db: &Path,
    store: &crate::store::Store,
    path: &Path,
    force: bool,
) -> Result<()> {
    let stdout = super::is_stdio(path);
    if !stdout {
        CatalogueFiles::of(db).check_output(path)?;
    }
    if !stdout && path.exists() && !force {
        bail!(
            "{} already exists; nothing was written. Give --force to replace it",
            path.display()
        );
    }
    let result = store.query(crate::view::geojson::EVENTS_SQL, &[])?;
    let (collection, left_out) = crate::view::geojson::feature_collection(&result);
    let shown = if stdout {
        let mut out = BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, &collection)?;
        writeln!(out)?;
        out.flush()?;
        "stdout".to_string()
    } else {
        persist_json(path, &collection)?;
        path.display().to_string()
    };
    if left_out > 0 {
        ctx.warn(&format!(
            "{left_out} of {} events left out of {shown}: their places have no coordinates (no \
             division code, or a division not in use today); `zhaoshang check` lists places \
             without a code",
            result.rows.len(),
        ));
    }
    ctx.note(&format!(
        "wrote {} events to {shown}",
        result.rows.len() - left_out,
    ));
    Ok(())
}

/// JSON written whole: a temporary file beside `path`, renamed into place.
fn persist_json(path: &Path, json: &serde_json::Value) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let cannot = || format!("cannot write {}", path.display());
    let mut out = BufWriter::new(tempfile::NamedTempFile::new_in(dir).with_context(cannot)?);
    serde_json::to_writer_pretty(&mut out, json).with_context(cannot)?;
    writeln!(out).with_context(cannot)?;
    let file = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(cannot)?;
    file.persist(path).with_context(cannot)?;
    Ok(())
}

fn sources(
    ctx: &Context,
    db: &Path,
    store: &crate::store::Store,
    dir: &Path,
    force: bool,
) -> Result<()> {
    let sources = store.sources_in_order()?;
    let names: Vec<String> = sources
        .iter()
        .map(|(id, published)| format!("{id:0>4}_{published}.toml"))
        .collect();
    check_targets(db, dir, &names, force)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for ((id, _), name) in sources.iter().zip(&names) {
        let record = rebuilt(store, *id)?;
        let toml = toml::to_string_pretty(&record)
            .with_context(|| format!("source {id}: cannot write it as TOML"))?;
        let path = dir.join(name);
        fs::write(&path, toml).with_context(|| format!("cannot write {}", path.display()))?;
    }
    ctx.note(&format!(
        "wrote {} sources to {}",
        sources.len(),
        dir.display()
    ));
    Ok(())
}
