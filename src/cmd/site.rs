//! `site DIR`: the whole catalogue as a static site: an index with the headline numbers and the
//! charts, a list page per kind, a page per record, and a page per source with every quoted
//! passage marked. The same catalogue gives the same bytes.

use std::fs;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use rusqlite::types::Value;

use super::guard::CatalogueFiles;
use crate::Context;
use crate::store::{QueryResult, Store};
use crate::view::{chart, listings, records, reports, site};

/// Marks a folder as one `site` wrote, so that it may write there again.
const MARKER: &str = ".zhaoshang-site";

fn prepare(db: &Path, dir: &Path, force: bool) -> Result<()> {
    CatalogueFiles::of(db).check_output(&dir.join("index.html"))?;
    let used = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if used && !dir.join(MARKER).exists() && !force {
        bail!(
            "{} is not empty and not a site zhaoshang made; nothing was written (give an empty or \
             new folder, or --force)",
            dir.display()
        );
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fs::write(dir.join(MARKER), "written by `zhaoshang site`\n")?;
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str, pages: &mut usize) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    *pages += 1;
    Ok(())
}

pub fn run(ctx: &Context, db: &Path, dir: &Path, force: bool) -> Result<()> {
    let started = Instant::now();
    prepare(db, dir, force)?;
    let store = super::open_read_only(ctx, db)?;
    let mut pages = 0;
    index(&store, dir, &mut pages)?;
    for (folder, kind, ids, listing, title) in site::KINDS {
        if let Some(def) = listings::find(listing) {
            let sql = def.sql_sorted(None).map_err(anyhow::Error::msg)?;
            write(
                dir,
                &format!("{listing}.html"),
                &site::list_page(title, &store.query(&sql, &[])?),
                &mut pages,
            )?;
        }
        for row in store.query(ids, &[])?.rows {
            let Value::Integer(id) = row[0] else { continue };
            let page = if *folder == "source" {
                source_page(&store, id)?
            } else {
                record_page(&store, *kind, id)?
            };
            write(dir, &format!("{folder}/{id}.html"), &page, &mut pages)?;
        }
    }
    ctx.note(&format!(
        "wrote {pages} pages to {} in {} ms",
        dir.display(),
        started.elapsed().as_millis()
    ));
    Ok(())
}

fn index(store: &Store, dir: &Path, pages: &mut usize) -> Result<()> {
    let numbers = site::numbers(&store.query(site::NUMBERS, &[])?);
    let mut charts = Vec::new();
    for name in ["industries", "timeline", "top", "bands"] {
        if let Some(report) = reports::find(name) {
            let result = store.query(report.sql, &[])?;
            charts.extend(chart::chart(name, &result));
        }
    }
    let lists: Vec<(String, &str)> = site::KINDS
        .iter()
        .map(|(_, _, _, listing, title)| (format!("{listing}.html"), *title))
        .collect();
    let lists: Vec<(&str, &str)> = lists.iter().map(|(h, t)| (h.as_str(), *t)).collect();
    write(
        dir,
        "index.html",
        &site::index_page(&numbers, &charts, &lists),
        pages,
    )
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

fn record_page(store: &Store, kind: crate::cli::RecordKind, id: i64) -> Result<String> {
    let def = records::def(kind);
    let record = store.query(def.record, &by_id(id))?;
    let mut sections = Vec::new();
    for (name, sql) in def.sections {
        sections.push((*name, store.query(sql, &by_id(id))?));
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
