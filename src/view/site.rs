//! The static site's pages, from query results: tables whose ids link to record pages and whose
//! quotes link to the highlighted sentence of their source, and a source's text with every
//! quoted passage marked. Deterministic: the same rows give the same bytes.

use maud::{Markup, html};
use rusqlite::types::Value;

use super::html::{page, table};
use super::present;
use crate::cli::RecordKind;
use crate::source::hex_sha256;
use crate::store::{QueryResult, QuotedBy};

/// The folder (and record kind) an id column leads to.
pub fn kind_of_id(column: &str) -> Option<&'static str> {
    Some(match column {
        "event_id" => "event",
        "project_id" => "project",
        "company_id" => "company",
        "industry_id" => "industry",
        "strategy_id" => "strategy",
        "place_id" => "place",
        "source_id" => "source",
        "statistic_id" => "stat",
        _ => return None,
    })
}

/// The anchor of a quote on its source's page.
pub fn anchor(quote: &str) -> String {
    format!("q-{}", &hex_sha256(quote.as_bytes())[..12])
}

fn raw(result: &QueryResult, row: usize, column: &str) -> Option<String> {
    let i = result.columns.iter().position(|c| c == column)?;
    match &result.rows[row][i] {
        Value::Integer(n) => Some(n.to_string()),
        Value::Text(t) => Some(t.clone()),
        _ => None,
    }
}

/// A result as a table: an id cell links to its record's page, a quote to its sentence.
/// `depth` is how many folders below the site's root the page is; `source` the source a row
/// without a source_id column is from.
pub fn linked_table(result: &QueryResult, depth: usize, source: Option<&str>) -> Markup {
    let listing = present::listing(result, None);
    let up = "../".repeat(depth);
    let link = |r: usize, c: usize| -> Option<String> {
        let column = listing.columns.get(c)?.0.replace(' ', "_");
        if let Some(kind) = kind_of_id(&column) {
            return raw(result, r, &column).map(|id| format!("{up}{kind}/{id}.html"));
        }
        if column == "quote" || column.ends_with("_quote") {
            let quote = raw(result, r, &column)?;
            let sid = raw(result, r, "source_id").or_else(|| source.map(str::to_string))?;
            return Some(format!("{up}source/{sid}.html#{}", anchor(&quote)));
        }
        None
    };
    table(&listing, &link)
}

/// A record page: its fields (quotes linked to their sentences), then each section.
pub fn record_page(
    noun: &str,
    title: &str,
    record: &QueryResult,
    sections: &[(&str, QueryResult)],
) -> String {
    let source = raw(record, 0, "source_id");
    let fields = vertical(record, source.as_deref());
    page(
        &format!("{title} · {noun}"),
        html! {
            nav { a href="../index.html" { "zhaoshang" } }
            h1 { (title) }
            p.note { (noun) }
            (fields)
            // a project's steps drawn in time, above the table that lists them
            @if let Some((_, steps)) = sections.iter().find(|(name, _)| *name == "timeline") {
                @if let Some(svg) = super::timeline::svg(steps, anchor) {
                    h2 { "timeline" }
                    (svg)
                }
            }
            @for (name, rows) in sections {
                @if !rows.rows.is_empty() {
                    h2 { (name) }
                    (linked_table(rows, 1, source.as_deref()))
                }
            }
        },
    )
}

/// One row shown field by field, ids and quotes linked.
fn vertical(record: &QueryResult, source: Option<&str>) -> Markup {
    let Some(row) = record.rows.first() else {
        return html! {};
    };
    let transposed = QueryResult {
        columns: vec!["field".into(), "value".into()],
        rows: record
            .columns
            .iter()
            .zip(row)
            .filter(|(_, v)| **v != Value::Null)
            .map(|(c, v)| vec![Value::Text(c.clone()), v.clone()])
            .collect(),
    };
    let listing = present::listing(&transposed, None);
    let link = |r: usize, c: usize| -> Option<String> {
        let column = raw(&transposed, r, "field")?;
        let value = raw(&transposed, r, "value")?;
        if c != 1 {
            return None;
        }
        if let Some(kind) = kind_of_id(&column) {
            return Some(format!("../{kind}/{value}.html"));
        }
        let quoted = column == "quote" || column.ends_with("_quote");
        quoted.then(|| {
            format!(
                "../source/{}.html#{}",
                source.unwrap_or("0"),
                anchor(&value)
            )
        })
    };
    table(&listing, &link)
}

/// A source's page: its details, then its text with every quoted passage marked and
/// anchored, so that each fact's page can link to the sentence that states it.
pub fn source_page(title: &str, details: &QueryResult, text: &str, quotes: &[QuotedBy]) -> String {
    let mut spans: Vec<(usize, usize, String)> = quotes
        .iter()
        .filter_map(|(q, _, _)| text.find(q.as_str()).map(|s| (s, s + q.len(), anchor(q))))
        .collect();
    spans.sort();
    spans.dedup();
    let body = marked(text, &spans, quotes);
    page(
        &format!("{title} · source"),
        html! {
            nav { a href="../index.html" { "zhaoshang" } }
            h1 { (title) }
            (vertical(details, None))
            h2 { "text" }
            p.note { "Every passage a fact quotes is marked; each fact's page links here." }
            div.text { (body) }
        },
    )
}

/// The text with marked passages (overlapping quotes merged into one mark) and an anchor at the
/// start of each quote; line breaks kept.
fn marked(text: &str, spans: &[(usize, usize, String)], quotes: &[QuotedBy]) -> Markup {
    let mut pieces: Vec<(bool, &str, Vec<&str>)> = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while i < spans.len() {
        let (start, mut end) = (spans[i].0, spans[i].1);
        let mut anchors = vec![spans[i].2.as_str()];
        let mut j = i + 1;
        while j < spans.len() && spans[j].0 < end {
            end = end.max(spans[j].1);
            anchors.push(spans[j].2.as_str());
            j += 1;
        }
        if start >= at {
            pieces.push((false, &text[at..start], Vec::new()));
            pieces.push((true, &text[start..end], anchors));
            at = end;
        }
        i = j;
    }
    pieces.push((false, &text[at..], Vec::new()));
    html! {
        @for (is_mark, piece, anchors) in &pieces {
            @for a in anchors { a id=(a) {} }
            @for (n, line) in piece.split('\n').enumerate() {
                @if n > 0 { br; }
                @if *is_mark { mark { (line) } } @else { (line) }
            }
            @if *is_mark { (facts_of(anchors, quotes)) }
        }
    }
}

/// Links from a marked passage to the records whose quotes it holds.
fn facts_of(anchors: &[&str], quotes: &[QuotedBy]) -> Markup {
    let mut links: Vec<(String, String)> = quotes
        .iter()
        .filter(|(q, _, _)| anchors.contains(&anchor(q).as_str()))
        .filter_map(|(_, key, id)| {
            kind_of_id(key).map(|k| (format!("../{k}/{id}.html"), format!("{k} {id}")))
        })
        .collect();
    links.sort();
    links.dedup();
    html! {
        @if !links.is_empty() {
            sup.note { @for (href, label) in &links { " " a href=(href) { (label) } } }
        }
    }
}

/// The site's first page: the headline numbers, the charts, and the lists.
pub fn index_page(
    numbers: &[(String, String)],
    charts: &[String],
    lists: &[(&str, &str)],
) -> String {
    page(
        "zhaoshang: investment-promotion signing events",
        html! {
            h1 { "招商引資項目集中簽約 · signing events" }
            div.figures {
                @for (label, value) in numbers { div.figure { b { (value) } (label) } }
            }
            nav { @for (href, label) in lists { a href=(href) { (label) } } }
            @for svg in charts { figure { (maud::PreEscaped(svg)) } }
        },
    )
}

/// The map's page: the map above the table of its dots.
pub fn map_page(title: &str, question: &str, map: Option<&str>, result: &QueryResult) -> String {
    page(
        title,
        html! {
            nav { a href="index.html" { "zhaoshang" } }
            h1 { (title) }
            p.note { (question) }
            @if let Some(svg) = map { figure { (maud::PreEscaped(svg)) } }
            (linked_table(result, 0, None))
        },
    )
}

/// A list page: one of the listings, ids linked.
pub fn list_page(title: &str, result: &QueryResult) -> String {
    page(
        title,
        html! {
            nav { a href="index.html" { "zhaoshang" } }
            h1 { (title) }
            (linked_table(result, 0, None))
        },
    )
}

/// The record kinds with a page each: (folder, the kind `show` takes, the ids, the list page's
/// listing and title).
pub const KINDS: &[(&str, RecordKind, &str, &str, &str)] = &[
    (
        "event",
        RecordKind::Event,
        "SELECT event_id FROM events ORDER BY event_id",
        "events",
        "Events",
    ),
    (
        "project",
        RecordKind::Project,
        "SELECT project_id FROM projects ORDER BY project_id",
        "projects",
        "Projects",
    ),
    (
        "company",
        RecordKind::Company,
        "SELECT company_id FROM companies ORDER BY company_id",
        "companies",
        "Companies",
    ),
    (
        "industry",
        RecordKind::Industry,
        "SELECT industry_id FROM industries ORDER BY industry_id",
        "industries",
        "Industries",
    ),
    (
        "strategy",
        RecordKind::Strategy,
        "SELECT strategy_id FROM strategies ORDER BY strategy_id",
        "strategies",
        "Strategies",
    ),
    (
        "place",
        RecordKind::Place,
        "SELECT place_id FROM places ORDER BY place_id",
        "places",
        "Places",
    ),
    (
        "stat",
        RecordKind::Stat,
        "SELECT statistic_id FROM statistics ORDER BY statistic_id",
        "stats",
        "Statistics",
    ),
    (
        "source",
        RecordKind::Source,
        "SELECT source_id FROM sources ORDER BY source_id",
        "sources",
        "Sources",
    ),
];

/// The headline numbers of the index page. Only ceremonies add up: a report of a period would
/// count the signings within it again, so period reports are counted apart.
pub const NUMBERS: &str = "SELECT (SELECT count(*) FROM events WHERE kind = 'ceremony') AS ceremonies,
        (SELECT sum(project_count) FROM events WHERE kind = 'ceremony') AS headline_projects,
        (SELECT sum(signed_amount_yuan) FROM events WHERE kind = 'ceremony') AS headline_amount_yuan,
        (SELECT count(*) FROM events WHERE kind = 'period_report') AS period_reports,
        (SELECT count(*) FROM projects) AS named_projects,
        (SELECT count(*) FROM sources) AS sources";

/// The index's numbers as (label, text as people read it).
pub fn numbers(result: &QueryResult) -> Vec<(String, String)> {
    let listing = present::listing(result, None);
    let Some(row) = listing.display.first() else {
        return Vec::new();
    };
    listing
        .columns
        .iter()
        .zip(row)
        .map(|((h, _), v)| (h.clone(), v.clone()))
        .collect()
}
