//! Charts for the reports that have a natural one, drawn as SVG by plotters: text stays text
//! (searchable, copyable; fonts named with fallbacks for Chinese), and the same rows always give
//! the same bytes.

use plotters::prelude::*;
use rusqlite::types::Value;

use crate::source::figure::format_yuan;
use crate::store::QueryResult;

/// Fonts with Chinese glyphs first, then the platform's own.
const FONTS: &str =
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
const WIDTH: u32 = 820;
/// What a bar whose amount no source states shows instead of a number.
const NOT_STATED: &str = "not stated";

fn column(result: &QueryResult, name: &str) -> Option<usize> {
    result.columns.iter().position(|c| c == name)
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Real(r) => Some(*r),
        _ => None,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        _ => String::new(),
    }
}

/// One bar of a horizontal bar chart.
struct Bar {
    label: String,
    value: f64,
    shown: String,
    /// A lighter colour: an inferred link, or no data.
    faint: bool,
    /// Which series (a district of the timeline) the bar belongs to: its colour.
    series: usize,
}

const SERIES: [RGBColor; 5] = [
    RGBColor(54, 100, 160),
    RGBColor(214, 110, 40),
    RGBColor(60, 150, 90),
    RGBColor(150, 80, 160),
    RGBColor(180, 60, 60),
];

/// The chart of a report, when it has one.
pub fn chart(report: &str, result: &QueryResult) -> Option<String> {
    if report == "map" {
        return super::map::svg(result);
    }
    let bars = match report {
        "top" => amounts(result, "project", "amount_yuan")?,
        "industries" => industries(result)?,
        "bands" => bands(result)?,
        "targets" => targets(result)?,
        "timeline" => timeline(result)?,
        _ => return None,
    };
    let title = match report {
        "top" => "The largest named projects (億元)",
        "industries" => "Named investment by industry (億元; pale: links the cataloguer inferred)",
        "bands" => {
            "Named projects per amount band; then each band count a source reported (orange)"
        }
        "targets" => "Progress against each target (%; pale: no data)",
        _ => "Signed amount by period and district (億元)",
    };
    horizontal(title, &bars).ok()
}

fn amounts(result: &QueryResult, label: &str, amount: &str) -> Option<Vec<Bar>> {
    let (l, a) = (column(result, label)?, column(result, amount)?);
    Some(
        result
            .rows
            .iter()
            .map(|r| {
                // an amount nobody stated draws no bar and says so: it is not 0
                let yuan = number(&r[a]);
                Bar {
                    label: text(&r[l]),
                    value: yuan.map_or(0.0, |y| y / 1e8),
                    #[allow(clippy::cast_possible_truncation)]
                    shown: yuan.map_or_else(|| NOT_STATED.into(), |y| format_yuan(y as i64)),
                    faint: false,
                    series: 0,
                }
            })
            .collect(),
    )
}

fn industries(result: &QueryResult) -> Option<Vec<Bar>> {
    let (stated, inferred) = (column(result, "stated")?, column(result, "inferred")?);
    let mut bars = amounts(result, "industry", "amount_yuan")?;
    for (bar, row) in bars.iter_mut().zip(&result.rows) {
        bar.faint = number(&row[stated]).unwrap_or(0.0) == 0.0
            && number(&row[inferred]).unwrap_or(0.0) > 0.0;
    }
    Some(bars)
}

/// Named projects per standard band; then, for each band count a source reported, the named
/// projects in that band beside the count reported (second colour).
fn bands(result: &QueryResult) -> Option<Vec<Bar>> {
    let (kind, band, projects) = (
        column(result, "kind")?,
        column(result, "band")?,
        column(result, "projects")?,
    );
    let (scope, reported) = (column(result, "scope")?, column(result, "reported_count")?);
    let bar = |label: String, n: f64, series: usize| Bar {
        label,
        value: n,
        shown: format!("{n:.0}"),
        faint: false,
        series,
    };
    let mut bars = Vec::new();
    for r in &result.rows {
        let named = number(&r[projects]).unwrap_or(0.0);
        if text(&r[kind]) == "standard" {
            bars.push(bar(text(&r[band]), named, 0));
            continue;
        }
        let scope = text(&r[scope]);
        bars.push(bar(format!("{} named ({scope})", text(&r[band])), named, 0));
        if let Some(count) = number(&r[reported]) {
            bars.push(bar(format!("{} reported", text(&r[band])), count, 1));
        }
    }
    Some(bars)
}

fn targets(result: &QueryResult) -> Option<Vec<Bar>> {
    let (label, start, pct, events) = (
        column(result, "label")?,
        column(result, "period_start")?,
        column(result, "progress_pct")?,
        column(result, "events_in_period")?,
    );
    Some(
        result
            .rows
            .iter()
            .map(|r| {
                let no_events = number(&r[events]).unwrap_or(0.0) == 0.0;
                // no progress when no ceremony in the period states an amount: not 0%
                let progress = number(&r[pct]);
                Bar {
                    label: format!(
                        "{} {}",
                        text(&r[label]),
                        text(&r[start]).get(..4).unwrap_or("")
                    ),
                    value: progress.unwrap_or(0.0),
                    shown: match progress {
                        _ if no_events => "no data".into(),
                        None => NOT_STATED.into(),
                        Some(value) => format!("{value:.0}%"),
                    },
                    faint: progress.is_none(),
                    series: 0,
                }
            })
            .collect(),
    )
}

fn timeline(result: &QueryResult) -> Option<Vec<Bar>> {
    let (district, period) = (column(result, "district")?, column(result, "period")?);
    let mut bars = amounts(result, "period", "signed_amount_yuan")?;
    let mut districts: Vec<String> = Vec::new();
    for (bar, row) in bars.iter_mut().zip(&result.rows) {
        let name = text(&row[district]);
        bar.label = format!("{} {name}", text(&row[period]));
        bar.series = districts
            .iter()
            .position(|d| *d == name)
            .unwrap_or_else(|| {
                districts.push(name);
                districts.len() - 1
            });
    }
    Some(bars)
}

/// A label as lines of at most `columns` display columns (a CJK character takes two), broken
/// after a space where one is near: labels are shown whole, never cut.
fn label_lines(label: &str, columns: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in label.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut()
            && !(used == 0 && c == ' ')
        {
            line.push(c);
            used += w;
        }
    }
    lines
}

/// Label text size given to plotters (values one less, the title two more); plotters writes
/// 0.8 of it as the SVG font-size, so values come out at 12 px or more.
const LABEL_PX: f64 = 16.0;
/// How many display columns of label fit left of the bars.
const LABEL_COLUMNS: usize = 36;

/// A horizontal bar chart: one row a bar, its whole label left (wrapped), its value right of
/// the bar.
fn horizontal(title: &str, bars: &[Bar]) -> Result<String, Box<dyn std::error::Error>> {
    let labels: Vec<Vec<String>> = bars
        .iter()
        .map(|b| label_lines(&b.label, LABEL_COLUMNS))
        .collect();
    let line_px = 19_i32;
    let row_px = |lines: usize| (line_px * i32::try_from(lines).unwrap_or(1)).max(22) + 8;
    let rows_px: i32 = labels.iter().map(|l| row_px(l.len())).sum();
    let height = u32::try_from(60 + rows_px.max(30)).unwrap_or(600);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let font = |size: f64| TextStyle::from((FONTS, size).into_font());
        root.draw(&Text::new(
            title.to_string(),
            (12, 10),
            font(LABEL_PX + 2.0),
        ))?;
        let max = bars
            .iter()
            .map(|b| b.value)
            .fold(0.0_f64, f64::max)
            .max(1e-9);
        let (left, right) = (300_i32, 130_i32);
        let span = f64::from(WIDTH as i32 - left - right);
        let mut y = 48;
        for (bar, lines) in bars.iter().zip(&labels) {
            for (n, line) in lines.iter().enumerate() {
                let at = y + 2 + line_px * i32::try_from(n).unwrap_or(0);
                root.draw(&Text::new(line.clone(), (12, at), font(LABEL_PX)))?;
            }
            #[allow(clippy::cast_possible_truncation)]
            let w = ((bar.value / max) * span).round() as i32;
            let colour = if bar.faint {
                RGBColor(176, 196, 222)
            } else {
                SERIES[bar.series % SERIES.len()]
            };
            if w > 0 {
                root.draw(&Rectangle::new(
                    [(left, y), (left + w, y + 20)],
                    colour.filled(),
                ))?;
            }
            root.draw(&Text::new(
                bar.shown.clone(),
                (left + w.max(0) + 6, y + 2),
                font(LABEL_PX - 1.0),
            ))?;
            y += row_px(lines.len());
        }
        root.present()?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_wrapped_whole() {
        let label = "10億以上 named (江津區招商引資項目集中簽約活動 2023-12-27)";
        let lines = label_lines(label, 36);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), label.replace(' ', ""));
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 36)
        );
    }
}
