//! `export`: the catalogue back out, as source files in the import format (one per source, or
//! one JSON Lines file) or as every table in CSV or JSON.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, anyhow};

use crate::Context;
use crate::cli::{Format, TableFormat};
use crate::source::model::SourceFile;
use crate::view::output;
use crate::view::present::{self, plain_text};
use rusqlite::types::Value;

/// A stored record with its text put back inline, so the exported file stands alone.
fn with_text(id: &Value, record: &Value, text: &Value) -> Result<SourceFile> {
    let mut file: SourceFile = serde_json::from_str(&plain_text(record)).with_context(|| {
        format!(
            "source {}: its stored record is not a source file",
            plain_text(id)
        )
    })?;
    file.source.text = Some(plain_text(text));
    file.source.text_file = None;
    Ok(file)
}

pub fn run(
    ctx: &Context,
    db: &Path,
    dir: Option<&Path>,
    jsonl: Option<&Path>,
    tables: bool,
    format: TableFormat,
) -> Result<()> {
    let store = super::open_read_only(ctx, db)?;
    if tables {
        let dir = dir.ok_or_else(|| anyhow!("--tables needs --dir"))?;
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let names = store.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
              ORDER BY name",
            &[],
        )?;
        for row in &names.rows {
            let table = plain_text(&row[0]);
            let result = store.query(&format!("SELECT * FROM \"{table}\""), &[])?;
            let listing = present::records(&result);
            let (ext, fmt) = match format {
                TableFormat::Csv => ("csv", Format::Csv),
                TableFormat::Json => ("json", Format::Json),
            };
            let path = dir.join(format!("{table}.{ext}"));
            let mut file = fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            output::write(&mut file, &listing, fmt, false)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        ctx.note(&format!(
            "wrote {} tables to {}",
            names.rows.len(),
            dir.display()
        ));
        return Ok(());
    }
    let records = store.query(
        "SELECT source_id, published_on, record_json, full_text FROM sources ORDER BY source_id",
        &[],
    )?;
    if let Some(path) = jsonl {
        let mut file =
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        for row in &records.rows {
            let record = with_text(&row[0], &row[2], &row[3])?;
            writeln!(file, "{}", serde_json::to_string(&record)?)?;
        }
        ctx.note(&format!(
            "wrote {} sources to {}",
            records.rows.len(),
            path.display()
        ));
        return Ok(());
    }
    let dir = dir.ok_or_else(|| anyhow!("give --dir DIR or --jsonl FILE"))?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for row in &records.rows {
        let id = plain_text(&row[0]);
        let record = with_text(&row[0], &row[2], &row[3])?;
        let toml = toml::to_string_pretty(&record)
            .with_context(|| format!("source {id}: cannot write it as TOML"))?;
        let path = dir.join(format!("{:0>4}_{}.toml", id, plain_text(&row[1])));
        fs::write(&path, toml).with_context(|| format!("cannot write {}", path.display()))?;
    }
    ctx.note(&format!(
        "wrote {} sources to {}",
        records.rows.len(),
        dir.display()
    ));
    Ok(())
}
