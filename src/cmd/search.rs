//! `search`: records and passages containing every term, in either script.

use std::path::Path;

use anyhow::{Result, bail};
use serde_json::{Map, Value, json};

use crate::Context;
use crate::cli::Format;
use crate::store::search::{parse_query, snippet};
use crate::view::output::{self, Align, Listing};

/// Characters of context either side of a match.
const CONTEXT: usize = 14;

pub const FIELDS: &[&str] = &[
    "kind",
    "record_id",
    "name",
    "field",
    "before",
    "matched",
    "after",
    "show",
];

pub fn run(ctx: &Context, db: &Path, words: &[String], limit: u32, format: Format) -> Result<()> {
    let terms = parse_query(words);
    if terms.is_empty() {
        bail!("nothing to search for; give one or more terms, e.g. zhaoshang search 储能");
    }
    let store = super::open_read_only(ctx, db)?;
    let hits = store.search(&terms, limit as usize)?;
    let mut listing = Listing::new(
        vec![
            ("kind".into(), Align::Left),
            ("name".into(), Align::Left),
            ("match".into(), Align::Left),
            ("show".into(), Align::Left),
        ],
        FIELDS.iter().map(|f| (*f).to_string()).collect(),
    );
    let script = |text: String| crate::view::script::convert(&text, ctx.script).into_owned();
    for hit in &hits {
        let (before, matched, after) = snippet(hit, &terms[0], CONTEXT);
        let (before, matched, after) = (script(before), script(matched), script(after));
        let label = script(hit.label.clone());
        let marked = if ctx.color {
            format!("{before}\x1b[7m{matched}\x1b[27m{after}")
        } else {
            format!("{before}[{matched}]{after}")
        };
        let show_kind = match hit.kind.as_str() {
            "passage" => "source",
            "statistic" => "stat",
            other => other,
        };
        let show = format!("{show_kind} {}", hit.record_id);
        let record: Map<String, Value> = FIELDS
            .iter()
            .map(|f| (*f).to_string())
            .zip([
                json!(hit.kind),
                json!(hit.record_id),
                json!(label),
                json!(hit.field),
                json!(before),
                json!(matched),
                json!(after),
                json!(show),
            ])
            .collect();
        listing.push(vec![hit.kind.clone(), label.clone(), marked, show], record);
    }
    if hits.is_empty() {
        // Said on stderr (the data stays what a program expects: a header, `[]`); a table for
        // a person would be a header over nothing, so it is left out.
        ctx.note(&format!(
            "no matches for {} (in either script; every term must match)",
            words.join(" ")
        ));
        if format == Format::Table {
            return Ok(());
        }
    }
    listing.width = ctx.width;
    crate::view::lang::headers(&mut listing, ctx.lang, ctx.script);
    output::write(&mut std::io::stdout().lock(), &listing, format, ctx.color)?;
    Ok(())
}
