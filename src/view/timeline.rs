//! A project's timeline on its site page: a horizontal SVG with a dot per step (signing, a later
//! 开工 event, each milestone) placed by its date, the stage above it, the date below, and a
//! link to the sentence that states it. Written with maud: text stays text, every value is
//! escaped, and the same steps give the same bytes.

use maud::{Markup, html};
use rusqlite::types::Value;
use time::{Date, format_description::well_known::Iso8601};

use crate::store::QueryResult;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 150.0;
const MARGIN: f64 = 70.0;
const LINE_Y: f64 = 75.0;
const FONTS: &str =
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/// One step: its day, stage, source and quote.
struct Step {
    day: Date,
    date: String,
    stage: String,
    source_id: String,
    quote: String,
}

fn text(row: &[Value], columns: &[String], name: &str) -> Option<String> {
    let i = columns.iter().position(|c| c == name)?;
    match &row[i] {
        Value::Text(t) => Some(t.clone()),
        Value::Integer(n) => Some(n.to_string()),
        _ => None,
    }
}

fn steps(result: &QueryResult) -> Vec<Step> {
    result
        .rows
        .iter()
        .filter_map(|row| {
            let date = text(row, &result.columns, "date")?;
            Some(Step {
                day: Date::parse(&date, &Iso8601::DATE).ok()?,
                stage: text(row, &result.columns, "stage")?,
                source_id: text(row, &result.columns, "source_id").unwrap_or_default(),
                quote: text(row, &result.columns, "quote").unwrap_or_default(),
                date,
            })
        })
        .collect()
}

/// A dot's colour by stage: the signing grey, steps forward green, funds blue, stops red.
fn colour(stage: &str) -> &'static str {
    match stage {
        "signing" => "#6b7280",
        "funds_in_place" => "#2563eb",
        "stalled" | "terminated" => "#dc2626",
        _ => "#16a34a",
    }
}

/// The timeline of a project's steps (the `timeline` section of `show project`); None when it
/// has fewer than two, where a line says nothing.
pub fn svg(result: &QueryResult, anchor: impl Fn(&str) -> String) -> Option<Markup> {
    let steps = steps(result);
    if steps.len() < 2 {
        return None;
    }
    let first = steps.iter().map(|s| s.day).min()?;
    let last = steps.iter().map(|s| s.day).max()?;
    let span = f64::from(((last - first).whole_days()).max(1) as i32);
    #[allow(clippy::cast_precision_loss)] // days since the first step: small
    let x = |d: Date| MARGIN + (WIDTH - 2.0 * MARGIN) * (d - first).whole_days() as f64 / span;
    Some(html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(HEIGHT)
            viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) font-family=(FONTS) font-size="12"
            role="img" aria-label="timeline" {
            line x1=(MARGIN) y1=(LINE_Y) x2=(WIDTH - MARGIN) y2=(LINE_Y)
                stroke="#9ca3af" stroke-width="2" {}
            @for (i, s) in steps.iter().enumerate() {
                @let cx = format!("{:.1}", x(s.day));
                // alternate labels above and below the line so that close steps stay legible
                @let (stage_y, date_y) = if i % 2 == 0 { (LINE_Y - 16.0, LINE_Y + 26.0) } else { (LINE_Y - 34.0, LINE_Y + 44.0) };
                a href=(format!("../source/{}.html#{}", s.source_id, anchor(&s.quote))) {
                    circle cx=(cx) cy=(LINE_Y) r="7" fill=(colour(&s.stage)) {
                        title { (s.date) " " (s.stage) ": " (s.quote) }
                    }
                    text x=(cx) y=(stage_y) text-anchor="middle" { (s.stage) }
                    text x=(cx) y=(date_y) text-anchor="middle" fill="#4b5563" { (s.date) }
                }
            }
        }
    })
}
