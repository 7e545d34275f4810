//! `site DIR`: the whole catalogue as a static site: an index with the headline numbers and the
//! charts, a list page per kind, a page per record, and a page per source with every quoted
//! passage marked. The same catalogue gives the same bytes.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use rusqlite::types::Value;

use super::guard::CatalogueFiles;
use crate::Context;
use crate::cli::RecordKind;
use crate::store::{QueryResult, Store};
use crate::view::{chart, listings, records, reports, site};

/// The manifest: in a folder `site` wrote, the pages it wrote there, one path a line under a
/// header. A folder that holds one may be written again, and only the files it lists are ever
/// overwritten: not the catalogue (a database may sit at a page's path), not a user's file.
const MANIFEST: &str = ".zhaoshang-site";
const MANIFEST_HEADER: &str =
    "# written by `zhaoshang site`: the pages it wrote in this folder, which it may overwrite";

/// A page of the site.
enum Page {
    Index,
    /// The `map` report's page: the map of signed amounts above its table.
    Map,
    /// The search page, and the index of names it searches (a script, for `file://`).
    Search,
    SearchIndex,
    List {
        listing: &'static str,
        title: &'static str,
    },
    Record {
        folder: &'static str,
        kind: RecordKind,
        id: i64,
    },
}

impl Page {
    /// Its path in the site's folder.
    fn path(&self) -> String {
        match self {
            Page::Index => "index.html".into(),
            Page::Map => "map.html".into(),
            Page::Search => "search.html".into(),
            Page::SearchIndex => "search-index.js".into(),
            Page::List { listing, .. } => format!("{listing}.html"),
            Page::Record { folder, id, .. } => format!("{folder}/{id}.html"),
        }
    }
}

/// Every page of the catalogue, in the order they are written.
fn plan(store: &Store) -> Result<Vec<Page>> {
    let mut pages = vec![Page::Index, Page::Map, Page::Search, Page::SearchIndex];
    for (folder, kind, ids, listing, title) in site::KINDS {
        if listings::find(listing).is_some() {
            pages.push(Page::List { listing, title });
        }
        for row in store.query(ids, &[])?.rows {
            let Value::Integer(id) = row[0] else { continue };
            pages.push(Page::Record {
                folder,
                kind: *kind,
                id,
            });
        }
    }
    Ok(pages)
}

/// The pages an earlier run listed in `dir`'s manifest (None: no manifest), and whether the
/// manifest is the list (a site written before the list was kept holds only a marker).
fn written_before(dir: &Path) -> Result<Option<(BTreeSet<String>, bool)>> {
    let path = dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        Ok(text) => text,
    };
    let listed = text.lines().next() == Some(MANIFEST_HEADER);
    let pages = text
        .lines()
        .filter(|l| !l.starts_with('#') && (l.ends_with(".html") || l.ends_with(".js")))
        .map(String::from)
        .collect();
    Ok(Some((pages, listed)))
}

/// Refuses, before anything is written, a folder that is not a site (unless `force`) and any
/// page path that holds the catalogue or a file the manifest does not list.
fn check_folder(db: &Path, dir: &Path, force: bool) -> Result<()> {
    super::guard::refuse_dangling(dir)?;
    CatalogueFiles::of(db).check_output(&dir.join(MANIFEST))?;
    let used = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if used && !dir.join(MANIFEST).exists() && !force {
        bail!(
            "{} is not empty and not a site zhaoshang made; nothing was written (give an empty or \
             new folder, or --force)",
            dir.display()
        );
    }
    Ok(())
}

fn check_pages(db: &Path, dir: &Path, pages: &[Page]) -> Result<BTreeSet<String>> {
    let ours = CatalogueFiles::of(db);
    let manifest = written_before(dir)?;
    let why = match &manifest {
        None => "the folder holds no list of the pages zhaoshang site wrote",
        Some((_, false)) => "its list of pages is from a version that kept none",
        Some((_, true)) => "its list of pages does not hold it",
    };
    let before = manifest.map(|(pages, _)| pages).unwrap_or_default();
    // A folder of the site that is a link would take its pages elsewhere.
    let folders: BTreeSet<std::path::PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path()).parent().map(Path::to_path_buf))
        .filter(|f| !f.as_os_str().is_empty())
        .collect();
    for folder in folders {
        super::guard::refuse_link(&dir.join(folder))?;
    }
    let mut foreign = Vec::new();
    for page in pages {
        let name = page.path();
        let path = dir.join(&name);
        ours.check_output(&path)?;
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            // A listed page replaced by a link or a folder is no longer the page site wrote.
            Ok(meta) if meta.is_file() && before.contains(&name) => {}
            Ok(_) => foreign.push(name),
        }
    }
    if let Some(first) = foreign.first() {
        bail!(
            "{}: not a page this site wrote ({why}, {}); refusing to overwrite it{}, nothing was \
             written. Move {} away, or write the site into a new folder",
            dir.join(first).display(),
            dir.join(MANIFEST).display(),
            match foreign.len() {
                1 => String::new(),
                n => format!(" and {} other file{}", n - 1, if n == 2 { "" } else { "s" }),
            },
            if foreign.len() == 1 { "it" } else { "them" },
        );
    }
    Ok(before)
}

/// Where a page an earlier run listed lies, if it is still a page that run could have written:
/// a relative path of plain names, under folders that are real folders inside `dir` (not
/// links), to a plain file (not a link) that is not the catalogue. A manifest edited by hand
/// (`../x.html`, an absolute path, a symlinked folder) can never make `site` delete elsewhere.
fn listed_page(ours: &CatalogueFiles, dir: &Path, name: &str) -> Option<std::path::PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    // Pages, and the search page's index of names (a script).
    if !plain || !(name.ends_with(".html") || name.ends_with(".js")) {
        return None;
    }
    let mut path = dir.to_path_buf();
    let mut parts = relative.components().peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let meta = fs::symlink_metadata(&path).ok()?;
        let fits = if parts.peek().is_some() {
            meta.is_dir()
        } else {
            meta.is_file()
        };
        if !fits {
            return None;
        }
    }
    ours.check_output(&path).ok()?;
    Some(path)
}

/// Removes the pages an earlier run wrote that no record stands for now (a deleted or replaced
/// record), and says which listed paths it left because they are no longer its pages.
fn remove_stale(
    ctx: &Context,
    db: &Path,
    dir: &Path,
    before: &BTreeSet<String>,
    pages: &[Page],
) -> Result<usize> {
    let ours = CatalogueFiles::of(db);
    let current: BTreeSet<String> = pages.iter().map(Page::path).collect();
    let mut removed = 0;
    for name in before.difference(&current) {
        match listed_page(&ours, dir, name) {
            Some(path) => {
                fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
                removed += 1;
            }
            None if fs::symlink_metadata(dir.join(name)).is_ok() => ctx.warn(&format!(
                "{}: listed as a page of an earlier run, but not a plain file inside {}; left \
                 as it is",
                dir.join(name).display(),
                dir.display()
            )),
            None => {}
        }
    }
    Ok(removed)
}

/// Writes the manifest before the pages (the earlier pages and these), so that a run stopped
/// half-way leaves every page it wrote listed.
fn write_manifest(dir: &Path, mut listed: BTreeSet<String>, pages: &[Page]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    listed.extend(pages.iter().map(Page::path));
    let mut text = format!("{MANIFEST_HEADER}\n");
    for name in &listed {
        text.push_str(name);
        text.push('\n');
    }
    let path = dir.join(MANIFEST);
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write {}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

pub fn run(ctx: &Context, db: &Path, dir: &Path, force: bool) -> Result<()> {
    let started = Instant::now();
    check_folder(db, dir, force)?;
    let store = super::open_read_only(ctx, db)?;
    // Every page from one state of the catalogue: an import committed half-way would give
    // list pages that link to records with no page.
    let _snapshot = store.snapshot()?;
    let pages = plan(&store)?;
    let before = check_pages(db, dir, &pages)?;
    write_manifest(dir, before.clone(), &pages)?;
    for page in &pages {
        let text = match page {
            Page::Index => index(&store)?,
            Page::Map => map_page(&store)?,
            Page::Search => site::search_page(),
            Page::SearchIndex => site::search_index(&store.query(site::SEARCH_NAMES, &[])?),
            Page::List { listing, title } => list_page(&store, listing, title)?,
            Page::Record {
                folder: "source",
                id,
                ..
            } => source_page(&store, *id)?,
            Page::Record { kind, id, .. } => record_page(&store, *kind, *id)?,
        };
        write(dir, &page.path(), &text)?;
    }
    let removed = remove_stale(ctx, db, dir, &before, &pages)?;
    write_manifest(dir, BTreeSet::new(), &pages)?;
    ctx.note(&format!(
        "wrote {} pages to {} in {} ms{}",
        pages.len(),
        dir.display(),
        started.elapsed().as_millis(),
        match removed {
            0 => String::new(),
            n => format!("; removed {n} of an earlier run that no record stands for"),
        }
    ));
    Ok(())
}

fn list_page(store: &Store, listing: &str, title: &str) -> Result<String> {
    let def = listings::find(listing).ok_or_else(|| anyhow::anyhow!("no listing {listing}"))?;
    let sql = def.sql_sorted(None).map_err(anyhow::Error::msg)?;
    Ok(site::list_page(title, &store.query(&sql, &[])?))
}

fn index(store: &Store) -> Result<String> {
    let numbers = site::numbers(&store.query(site::NUMBERS, &[])?);
    let mut charts = Vec::new();
    for name in ["map", "industries", "timeline", "top", "bands"] {
        if let Some(report) = reports::find(name) {
            let result = store.query(report.sql, &[])?;
            charts.extend(chart::chart(name, &result));
        }
    }
    let lists: Vec<(String, &str)> = [("search.html", "Search"), ("map.html", "Map")]
        .into_iter()
        .map(|(h, t)| (h.to_string(), t))
        .chain(
            site::KINDS
                .iter()
                .map(|(_, _, _, listing, title)| (format!("{listing}.html"), *title)),
        )
        .collect();
    let lists: Vec<(&str, &str)> = lists.iter().map(|(h, t)| (h.as_str(), *t)).collect();
    Ok(site::index_page(&numbers, &charts, &lists))
}

/// The map report's page, as `report map --format html` writes it, with a link home.
fn map_page(store: &Store) -> Result<String> {
    let report = reports::find("map").ok_or_else(|| anyhow::anyhow!("no report map"))?;
    let result = store.query(report.sql, &[])?;
    Ok(site::map_page(
        &report.title,
        &report.question,
        chart::chart("map", &result).as_deref(),
        &result,
    ))
}

fn by_id(id: i64) -> Vec<(String, Value)> {
    vec![("id".into(), Value::Integer(id))]
}

/// The record's name: its second column (the first is its id).
fn title_of(record: &QueryResult, id: i64) -> String {
    match record.rows.first().and_then(|r| r.get(1)) {
        Some(Value::Text(t)) => t.clone(),
        _ => id.to_string(),
    }
}

fn record_page(store: &Store, kind: RecordKind, id: i64) -> Result<String> {
    let def = records::def(kind);
    let record = store.query(def.record, &by_id(id))?;
    let mut sections = Vec::new();
    for (name, sql) in def.sections {
        sections.push((*name, store.query(sql, &by_id(id))?));
    }
    if kind == RecordKind::Event {
        return Ok(site::event_page(
            &store.query(site::EVENT_CARD, &by_id(id))?,
            &store.query(site::EVENT_PLACES, &by_id(id))?,
            &store.query(site::EVENT_PROJECTS, &by_id(id))?,
            &record,
            &sections,
        ));
    }
    Ok(site::record_page(
        def.noun,
        &title_of(&record, id),
        &record,
        &sections,
    ))
}

fn source_page(store: &Store, id: i64) -> Result<String> {
    let mut record = store.query(
        records::def(crate::cli::RecordKind::Source).record,
        &by_id(id),
    )?;
    let text_at = record.columns.iter().position(|c| c == "full_text");
    let text = match (text_at, record.rows.first_mut()) {
        (Some(i), Some(row)) => match std::mem::replace(&mut row[i], Value::Null) {
            Value::Text(t) => t,
            _ => String::new(),
        },
        _ => String::new(),
    };
    let quotes = store.source_quotes(id)?;
    Ok(site::source_page(
        &title_of(&record, id),
        &record,
        &text,
        &quotes,
    ))
}
