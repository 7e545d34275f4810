//! The static site's pages, from query results: tables whose ids link to record pages and whose
//! quotes link to the highlighted sentence of their source, and a source's text with every
//! quoted passage marked. Deterministic: the same rows give the same bytes.

use maud::{Markup, html};
use rusqlite::types::Value;

use super::html::table;
use super::present;
use crate::cli::RecordKind;
use crate::source::hex_sha256;
use crate::store::{QueryResult, QuotedBy};

/// Clicking a table's header sorts its rows by that column (numbers by value, the rest as
/// text), and again the other way: a few lines of script, no library, nothing fetched.
const SORT_JS: &str = r#"document.querySelectorAll('table').forEach(function(t){
var hs=t.querySelectorAll('thead th');hs.forEach(function(h,i){h.setAttribute('data-sortable','');
h.addEventListener('click',function(){var b=t.tBodies[0];if(!b)return;
var asc=h.getAttribute('aria-sort')!=='ascending';hs.forEach(function(o){o.removeAttribute('aria-sort');});
h.setAttribute('aria-sort',asc?'ascending':'descending');
var key=function(r){var c=r.cells[i];if(!c)return '';var d=c.getAttribute('data-sort');
var v=d!==null?d:c.textContent.trim();var n=parseFloat(v.replace(/[^0-9.\-]/g,''));
return d!==null||/^[\d.,\-]+$/.test(v)?(isNaN(n)?-1:n):v;};
Array.from(b.rows).sort(function(x,y){var a=key(x),c=key(y);
var r=(typeof a==='number'&&typeof c==='number')?a-c:String(a).localeCompare(String(c),'zh');
return asc?r:-r;}).forEach(function(r){b.appendChild(r);});});});});"#;

/// A page of the site: `page` with the script that sorts its tables.
fn site_page(title: &str, body: Markup) -> String {
    super::html::page(
        title,
        html! { (body) script { (maud::PreEscaped(SORT_JS)) } },
    )
}

/// Every record a reader may look for: kind, folder, id, name (the search page's index).
pub const SEARCH_NAMES: &str = "SELECT 'event', 'event', event_id, name FROM events
  UNION ALL SELECT 'project', 'project', project_id, name FROM projects
  UNION ALL SELECT 'company', 'company', company_id, name FROM companies
  UNION ALL SELECT 'industry', 'industry', industry_id, name FROM industries
  UNION ALL SELECT 'strategy', 'strategy', strategy_id, name FROM strategies
  UNION ALL SELECT 'place', 'place', place_id, name FROM places
  UNION ALL SELECT 'source', 'source', source_id, title FROM sources
  ORDER BY 1, 3";

/// `search-index.js`: every record's kind, page and name, with the name in simplified script
/// (folded: lower case, full-width as ASCII) and in traditional, so that the search page finds
/// a name typed in either script without a server (a script file, as `file://` pages may not
/// fetch JSON).
pub fn search_index(names: &QueryResult) -> String {
    let entries: Vec<serde_json::Value> = names
        .rows
        .iter()
        .map(|r| {
            let text = |v: &Value| present::plain_text(v);
            let name = text(&r[3]);
            let traditional =
                super::script::convert(&name, crate::cli::Script::Traditional).to_lowercase();
            serde_json::json!([
                text(&r[0]),
                format!("{}/{}.html", text(&r[1]), text(&r[2])),
                name,
                crate::source::fold::fold(&name),
                traditional
            ])
        })
        .collect();
    format!(
        "var ZHAOSHANG_INDEX = {};\n",
        serde_json::Value::Array(entries)
    )
}

const SEARCH_JS: &str = r#"var q=document.getElementById('q'),out=document.getElementById('hits');
function show(){var t=q.value.trim().toLowerCase();out.innerHTML='';if(!t)return;
var hits=ZHAOSHANG_INDEX.filter(function(e){return e[3].indexOf(t)>=0||e[4].indexOf(t)>=0||e[2].toLowerCase().indexOf(t)>=0;});
document.getElementById('count').textContent=hits.length+' found';
hits.slice(0,200).forEach(function(e){var li=document.createElement('li');var a=document.createElement('a');
a.href=e[1];a.textContent=e[2];li.appendChild(a);li.appendChild(document.createTextNode(' · '+e[0]));out.appendChild(li);});}
var given=new URLSearchParams(location.search).get('q');if(given)q.value=given;
q.addEventListener('input',show);show();"#;

/// The search page: a box over every record's name, answered in the page from search-index.js
/// (`search.html?q=储能` opens with the term typed).
pub fn search_page() -> String {
    site_page(
        "Search · zhaoshang",
        html! {
            nav { a href="index.html" { "zhaoshang" } }
            h1 { "Search" }
            p.note { "Names of events, projects, companies, industries, strategies, places and sources, in either script (储能 finds 儲能)." }
            input #q type="search" placeholder="储能, 江津, 菜鸟 …" autofocus;
            p.note #count {}
            ul #hits {}
            script src="search-index.js" {}
            script { (maud::PreEscaped(SEARCH_JS)) }
        },
    )
}

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
    site_page(
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

/// What an event's fact sheet shows at its top: the headline figures with their qualifiers and
/// quotes, and the script of its source (the card's words follow it).
pub const EVENT_CARD: &str =
    "SELECT e.event_id, e.name AS event, e.kind, e.held_on, e.period_start,
        e.period_label, e.quote, e.project_count, e.project_count_qualifier, e.project_count_quote,
        e.signed_amount_yuan, e.signed_amount_qualifier, e.signed_amount_quote, e.source_id,
        s.script, s.title AS source_title, s.publisher
   FROM events e JOIN sources s ON s.source_id = e.source_id
  WHERE e.event_id = :id";

/// The places above an event's, outermost first (the country left out): its breadcrumbs.
pub const EVENT_PLACES: &str = "WITH RECURSIVE up (place_id, depth) AS (
        SELECT place_id, 0 FROM events WHERE event_id = :id
        UNION ALL SELECT pl.parent_id, up.depth + 1 FROM places pl JOIN up ON pl.place_id = up.place_id
         WHERE pl.parent_id IS NOT NULL AND up.depth < 8)
     SELECT pl.place_id, pl.name FROM up JOIN places pl ON pl.place_id = up.place_id
      WHERE pl.kind NOT IN ('country', 'region')
      ORDER BY up.depth DESC";

/// An event's named projects, the largest first, each with its companies (id and name).
pub const EVENT_PROJECTS: &str = "SELECT p.project_id, p.name AS project, p.amount_yuan,
        p.amount_qualifier, p.amount_quote, p.quote, p.source_id,
        (SELECT json_group_array(json_array(c.company_id, c.name)) FROM
            (SELECT DISTINCT c.company_id, c.name FROM project_companies pc
               JOIN companies c ON c.company_id = pc.company_id
              WHERE pc.project_id = p.project_id ORDER BY c.company_id) c) AS companies
   FROM projects_quoted p WHERE p.event_id = :id
  ORDER BY p.amount_yuan IS NULL, p.amount_yuan DESC, p.project_id";

/// An amount as a fact sheet writes it: 266億元, 逾1000億元, 10億元以上.
fn yuan_words(yuan: i64, qualifier: Option<&str>) -> String {
    let q = qualifier
        .and_then(crate::source::figure::Qualifier::parse)
        .unwrap_or(crate::source::figure::Qualifier::Exact);
    let (before, after) = q.affixes();
    format!(
        "{before}{}元{after}",
        crate::source::figure::format_yuan(yuan)
    )
}

fn int(result: &QueryResult, row: usize, column: &str) -> Option<i64> {
    let i = result.columns.iter().position(|c| c == column)?;
    match &result.rows.get(row)?[i] {
        Value::Integer(n) => Some(*n),
        _ => None,
    }
}

/// A figure linked to the sentence of its source that states it.
fn quoted(text: String, quote: Option<String>, source: Option<&str>) -> Markup {
    match (quote, source) {
        (Some(q), Some(sid)) => html! {
            a.figure-link href=(format!("../source/{sid}.html#{}", anchor(&q))) title=(q) { (text) }
        },
        _ => html! { (text) },
    }
}

/// An event's page as a fact sheet: breadcrumbs, a headline card (date, place, count and
/// amount in words, each linked to its sentence), the named projects with their amounts and
/// companies linked, then the other sections; every stored field last, folded.
pub fn event_page(
    card: &QueryResult,
    places: &QueryResult,
    projects: &QueryResult,
    record: &QueryResult,
    sections: &[(&str, QueryResult)],
) -> String {
    let title = raw(card, 0, "event").unwrap_or_default();
    let source = raw(card, 0, "source_id");
    let traditional = raw(card, 0, "script").as_deref() == Some("traditional");
    let words = |text: String| {
        let script = if traditional {
            crate::cli::Script::Traditional
        } else {
            crate::cli::Script::Simplified
        };
        super::script::convert(&text, script).into_owned()
    };
    let count = int(card, 0, "project_count").map(|n| {
        let q = raw(card, 0, "project_count_qualifier")
            .and_then(|q| crate::source::figure::Qualifier::parse(&q))
            .unwrap_or(crate::source::figure::Qualifier::Exact);
        let (before, after) = q.affixes();
        words(format!("{before}{n}个项目{after}"))
    });
    let amount = int(card, 0, "signed_amount_yuan")
        .map(|y| yuan_words(y, raw(card, 0, "signed_amount_qualifier").as_deref()));
    let when = match (
        raw(card, 0, "kind").as_deref(),
        raw(card, 0, "period_label"),
    ) {
        (Some("period_report"), Some(label)) => label,
        _ => raw(card, 0, "held_on").unwrap_or_default(),
    };
    let crumbs: Vec<(String, String)> = (0..places.rows.len())
        .filter_map(|r| Some((raw(places, r, "place_id")?, raw(places, r, "name")?)))
        .collect();
    let others: Vec<&(&str, QueryResult)> =
        sections.iter().filter(|(n, _)| *n != "projects").collect();
    site_page(
        &format!("{title} · event"),
        html! {
            nav.crumbs {
                a href="../index.html" { "zhaoshang" }
                @for (id, name) in &crumbs { " › " a href=(format!("../place/{id}.html")) { (name) } }
            }
            h1 { (title) }
            div.card {
                div { b { (when) } " · " (crumbs.iter().rev().map(|c| c.1.as_str()).collect::<Vec<_>>().join(", ")) }
                div.headline {
                    @if let Some(c) = count { (quoted(c, raw(card, 0, "project_count_quote"), source.as_deref())) }
                    @if let Some(a) = amount {
                        " · " (quoted(a, raw(card, 0, "signed_amount_quote"), source.as_deref()))
                    }
                }
                @if let (Some(sid), Some(t)) = (&source, raw(card, 0, "source_title")) {
                    div.note { "Source: " a href=(format!("../source/{sid}.html")) { (t) } " (" (raw(card, 0, "publisher").unwrap_or_default()) ")" }
                }
            }
            @if !projects.rows.is_empty() {
                h2 { "Named projects (" (projects.rows.len()) ")" }
                (project_table(projects, source.as_deref()))
            }
            @for (name, rows) in &others {
                @if !rows.rows.is_empty() {
                    h2 { (name) }
                    (linked_table(rows, 1, source.as_deref()))
                }
            }
            details { summary { "Every stored field" } (vertical(record, source.as_deref())) }
        },
    )
}

/// An event's projects: name linked to its page, amount in 億元 linked to its sentence,
/// companies linked to theirs.
fn project_table(projects: &QueryResult, source: Option<&str>) -> Markup {
    html! {
        table.sortable {
            thead { tr { th { "project" } th.num { "amount" } th { "companies" } } }
            tbody {
                @for r in 0..projects.rows.len() {
                    @let id = raw(projects, r, "project_id").unwrap_or_default();
                    @let yuan = int(projects, r, "amount_yuan");
                    tr {
                        td { a href=(format!("../project/{id}.html")) { (raw(projects, r, "project").unwrap_or_default()) } }
                        td.num data-sort=(yuan.map_or(-1, |y| y)) {
                            @if let Some(y) = yuan {
                                (quoted(yuan_words(y, raw(projects, r, "amount_qualifier").as_deref()),
                                    raw(projects, r, "amount_quote"), raw(projects, r, "source_id").as_deref().or(source)))
                            } @else { span.note { "not stated" } }
                        }
                        td {
                            @for (n, (cid, name)) in companies(&raw(projects, r, "companies").unwrap_or_default()).iter().enumerate() {
                                @if n > 0 { "; " }
                                a href=(format!("../company/{cid}.html")) { (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `[[id, name], …]` as (id, name) pairs.
fn companies(json: &str) -> Vec<(i64, String)> {
    serde_json::from_str::<Vec<(i64, String)>>(json).unwrap_or_default()
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
    site_page(
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
    site_page(
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
    site_page(
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
    site_page(
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
