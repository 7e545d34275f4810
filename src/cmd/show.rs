//! `show KIND NAME-OR-ID`: one record whole, with every fact's qualifier, quote and source, and
//! the records linked to it.

use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::types::Value;

use crate::Context;
use crate::cli::{Format, RecordKind};
use crate::source::fold::fold;
use crate::store::QueryResult;
use crate::store::Store;
use crate::view::present;
use crate::view::records::{self, SOURCES_BY_ID};
use crate::view::{lang, output};

fn resolve(store: &Store, def: &records::RecordDef, name_or_id: &str) -> Result<i64> {
    let exists = |id: i64| -> Result<bool> {
        Ok(!store
            .query(def.record, &[("id".into(), Value::Integer(id))])?
            .rows
            .is_empty())
    };
    if let Ok(id) = name_or_id.parse::<i64>()
        && exists(id)?
    {
        return Ok(id);
    }
    let mut params = Vec::new();
    if def.find_by_name.contains(":name") {
        params.push(("name".to_string(), Value::Text(name_or_id.to_string())));
    }
    if def.find_by_name.contains(":key") {
        params.push(("key".to_string(), Value::Text(fold(name_or_id))));
    }
    let found = store.query(def.find_by_name, &params)?;
    let mut candidates: Vec<(i64, String)> = Vec::new();
    for row in &found.rows {
        if let (Value::Integer(id), label) = (&row[0], present::plain_text(&row[1]))
            && !candidates.iter().any(|(c, _)| c == id)
        {
            candidates.push((*id, label));
        }
    }
    match candidates.as_slice() {
        [(id, _)] => Ok(*id),
        [] => bail!(
            "no {} with the name or id `{name_or_id}`; list them with `zhaoshang {}`",
            def.noun,
            listing_command(def.noun)
        ),
        many => {
            let list: Vec<String> = many.iter().map(|(id, l)| format!("  {id}: {l}")).collect();
            bail!(
                "`{name_or_id}` names {} {}s; give the id of one:\n{}",
                many.len(),
                def.noun,
                list.join("\n")
            )
        }
    }
}

fn listing_command(noun: &str) -> &'static str {
    match noun {
        "event" => "events",
        "project" => "projects",
        "company" => "companies",
        "industry" => "industries",
        "strategy" => "strategies",
        "place" => "places",
        "source" => "sources",
        _ => "stats",
    }
}

/// The ids in every `source_id` column of these results.
fn cited_sources(results: &[&QueryResult]) -> Vec<i64> {
    let mut ids = Vec::new();
    for r in results {
        if let Some(col) = r.columns.iter().position(|c| c == "source_id") {
            for row in &r.rows {
                if let Value::Integer(id) = row[col]
                    && !ids.contains(&id)
                {
                    ids.push(id);
                }
            }
        }
    }
    ids.sort_unstable();
    ids
}

pub fn run(
    ctx: &Context,
    db: &Path,
    kind: RecordKind,
    name_or_id: &str,
    format: Format,
) -> Result<()> {
    let def = records::def(kind);
    let store = super::open_read_only(ctx, db)?;
    let id = resolve(&store, def, name_or_id)?;
    let by_id = [("id".to_string(), Value::Integer(id))];
    let record = store.query(def.record, &by_id)?;
    let mut sections = Vec::new();
    for (title, sql) in def.sections {
        sections.push((title.to_string(), store.query(sql, &by_id)?));
    }
    let mut all: Vec<&QueryResult> = vec![&record];
    all.extend(sections.iter().map(|(_, r)| r));
    let ids = cited_sources(&all);
    if kind != RecordKind::Source {
        let ids_json = serde_json::to_string(&ids)?;
        let sources = store.query(SOURCES_BY_ID, &[("ids".into(), Value::Text(ids_json))])?;
        sections.push(("sources".to_string(), sources));
    }
    let mut record = record;
    super::in_script(ctx, &mut record);
    // JSON and CSV give the records: built beside the display rows.
    let mut record = super::dressed(ctx, present::listing(&record, None));
    let people = matches!(format, Format::Table | Format::Markdown | Format::Html);
    let sections: Vec<(String, output::Listing)> = sections
        .into_iter()
        .map(|(title, mut r)| {
            super::in_script(ctx, &mut r);
            // JSON and CSV name a section by its title: only a table for people translates it.
            let title = if people {
                lang::header(&title, ctx.lang, ctx.script).into_owned()
            } else {
                title
            };
            (title, super::dressed(ctx, present::listing(&r, None)))
        })
        .collect();
    let noun = if people {
        lang::header(def.noun, ctx.lang, ctx.script)
    } else {
        def.noun.into()
    };
    record.pair_headers = Some((
        lang::header("field", ctx.lang, ctx.script).into_owned(),
        lang::header("value", ctx.lang, ctx.script).into_owned(),
    ));
    output::write_record(
        &mut std::io::stdout().lock(),
        &noun,
        &record,
        &sections,
        format,
        ctx.color,
    )?;
    Ok(())
}
