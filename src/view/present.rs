//! Turns the rows of a query into a [`Listing`]: records with every column as it is stored (for
//! CSV and JSON), and display rows for a person. The display follows the schema's naming
//! conventions, so one function serves listings, reports and ad-hoc SQL alike:
//!
//! - `X_yuan` is money: shown as 266億, 1.85億, 5000萬;
//! - `X_count` is a count;
//! - `X_qualifier` beside `X_yuan`, `X_count` or `X` is folded into that column (逾1000億, 近20);
//! - a total (a figure with an `unstated_X` column beside it, counting the parts that state
//!   none) shows the bound its parts give it instead: ≥1266億, ≤31, ≈40億, ~ when they point
//!   both ways;
//! - `X_yuan` and `X_count` side by side (a figure that is money in some rows and a count in
//!   others) are shown as one column `X`;
//! - a report may name a column to draw as a bar (`-- Bar: amount`).

use rusqlite::types::Value;
use serde_json::{Map, Value as Json};

use crate::source::figure::{Qualifier, format_yuan};
use crate::store::QueryResult;
use crate::view::output::{Align, Listing};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Count,
    Plain,
}

/// One display column: the result columns it shows, first non-null wins.
#[derive(Debug)]
pub(super) struct Group {
    /// The column name without `_yuan` / `_count`, which siblings share.
    key: String,
    header: String,
    values: Vec<(usize, Kind)>,
    qualifier: Option<usize>,
    /// A sum of figures: its qualifier is a total's (exact, at_least, at_most, about, mixed).
    total: bool,
}

impl Group {
    /// The header a table shows for it (English).
    pub(super) fn header(&self) -> String {
        self.header.replace('_', " ")
    }
}

pub(super) const BAR_WIDTH: usize = 24;

fn stem(column: &str) -> (&str, Kind) {
    if let Some(s) = column.strip_suffix("_yuan") {
        (s, Kind::Money)
    } else if let Some(s) = column.strip_suffix("_count") {
        (s, Kind::Count)
    } else {
        (column, Kind::Plain)
    }
}

fn groups(columns: &[String]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let has = |name: &str| columns.iter().any(|c| c == name);
    for (i, column) in columns.iter().enumerate() {
        if let Some(s) = column.strip_suffix("_qualifier")
            && (has(&format!("{s}_yuan")) || has(&format!("{s}_count")) || has(s))
        {
            continue; // shown with its figure
        }
        let (s, kind) = stem(column);
        if kind != Kind::Plain
            && let Some(g) = groups.iter_mut().find(|g| g.key == s)
        {
            g.values.push((i, kind));
            g.header = s.to_string();
            continue;
        }
        groups.push(Group {
            key: s.to_string(),
            // money reads as the thing it measures (amount); a count keeps its name (project count)
            header: if kind == Kind::Count {
                column.clone()
            } else {
                s.to_string()
            },
            values: vec![(i, kind)],
            qualifier: None,
            total: false,
        });
    }
    for g in &mut groups {
        let q = format!("{}_qualifier", g.key);
        g.qualifier = columns.iter().position(|c| *c == q);
        g.total = has(&format!("unstated_{}", g.key)) || has(&format!("unstated_{}_count", g.key));
    }
    groups
}

/// The result columns `--columns NAME` stands for: the field itself, or the columns behind a
/// table's header (`amount` → `amount_yuan`, `amount_qualifier`), the header written as shown,
/// with underscores, or in Chinese in either script (金额, 金額). None: no such field or header.
pub fn columns_named(columns: &[String], name: &str) -> Option<Vec<String>> {
    let name = name.trim();
    if columns.iter().any(|c| c == name) {
        return Some(vec![name.to_string()]);
    }
    let spaced = name.replace('_', " ").to_lowercase();
    let mut candidates = vec![spaced];
    candidates.extend(
        super::lang::english_of(name)
            .into_iter()
            .map(str::to_string),
    );
    let groups = groups(columns);
    candidates.iter().find_map(|header| {
        let g = groups
            .iter()
            .find(|g| g.header.replace('_', " ") == *header)?;
        let mut named: Vec<String> = g.values.iter().map(|(i, _)| columns[*i].clone()).collect();
        named.extend(g.qualifier.map(|q| columns[q].clone()));
        Some(named)
    })
}

/// The headers a table of these columns shows (English), for messages.
pub fn headers_of(columns: &[String]) -> Vec<String> {
    groups(columns)
        .iter()
        .map(|g| g.header.replace('_', " "))
        .collect()
}

/// A cell as text: NULL is empty; a REAL with no fraction shows as a whole number.
pub fn plain_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) if r.fract() == 0.0 && r.abs() < 1e15 => format!("{r:.0}"),
        Value::Real(r) => {
            let text = format!("{r:.4}");
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

pub fn json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(*i),
        Value::Real(r) if r.fract() == 0.0 && r.abs() < 9e15 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Json::from(*r as i64)
        }
        Value::Real(r) => serde_json::Number::from_f64(*r).map_or(Json::Null, Json::Number),
        Value::Text(t) => Json::String(t.clone()),
        Value::Blob(b) => Json::String(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        #[allow(clippy::cast_precision_loss)]
        Value::Integer(i) => Some(*i as f64),
        Value::Real(r) => Some(*r),
        _ => None,
    }
}

/// Whether figures are written in English words (5.2 bn yuan, over 100 bn yuan) rather than as
/// the catalogue's sources write them (52億, 逾1000億): set once a run, for `--lang en` or an
/// English locale.
static ENGLISH_FIGURES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Figures in English words for the rest of the run (see [`ENGLISH_FIGURES`]).
pub fn use_english_figures(english: bool) {
    ENGLISH_FIGURES.store(english, std::sync::atomic::Ordering::Relaxed);
}

fn english_figures() -> bool {
    ENGLISH_FIGURES.load(std::sync::atomic::Ordering::Relaxed)
}

/// An amount in English: 26.6 bn yuan, 185 m yuan, 5,000 yuan (exact: no rounding).
pub fn english_yuan(amount: i64) -> String {
    let exact = |unit: i64, digits: usize, word: &str| {
        let (whole, frac) = (amount / unit, (amount % unit).abs());
        let frac = format!("{frac:0digits$}");
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{whole} {word} yuan")
        } else {
            format!("{whole}.{frac} {word} yuan")
        }
    };
    match amount.abs() {
        a if a >= 1_000_000_000 => exact(1_000_000_000, 9, "bn"),
        a if a >= 1_000_000 => exact(1_000_000, 6, "m"),
        _ => {
            let digits = amount.abs().to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let sign = if amount < 0 { "-" } else { "" };
            format!("{sign}{grouped} yuan")
        }
    }
}

/// A qualifier's words before and after its figure, in the run's language.
fn affixes(qualifier: Qualifier) -> (&'static str, &'static str) {
    if !english_figures() {
        return qualifier.affixes();
    }
    match qualifier {
        Qualifier::Exact => ("", ""),
        Qualifier::MoreThan => ("over ", ""),
        Qualifier::AtLeast => ("at least ", ""),
        Qualifier::About => ("about ", ""),
        Qualifier::Nearly => ("nearly ", ""),
        Qualifier::AtMost => ("at most ", ""),
        Qualifier::LessThan => ("under ", ""),
    }
}

pub(super) fn cell(row: &[Value], g: &Group) -> String {
    let Some((i, kind)) = g.values.iter().find(|(i, _)| row[*i] != Value::Null) else {
        return String::new();
    };
    let money = |yuan: i64| {
        if english_figures() {
            english_yuan(yuan)
        } else {
            format_yuan(yuan)
        }
    };
    let base = match (kind, &row[*i]) {
        (Kind::Money, Value::Integer(yuan)) => money(*yuan),
        #[allow(clippy::cast_possible_truncation)]
        (Kind::Money, Value::Real(yuan)) if yuan.fract() == 0.0 => money(*yuan as i64),
        (_, v) => plain_text(v),
    };
    let stated = g.qualifier.and_then(|q| match &row[q] {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    });
    if g.total {
        return format!("{}{base}", total_bound(stated.unwrap_or("exact")));
    }
    let qualifier = stated
        .and_then(Qualifier::parse)
        .unwrap_or(Qualifier::Exact);
    let (before, after) = affixes(qualifier);
    format!("{before}{base}{after}")
}

/// The sign before a total: its parts' qualifiers added up (the reports' `CASE sum(DISTINCT …)`).
fn total_bound(qualifier: &str) -> &'static str {
    match qualifier {
        "at_least" => "≥",
        "at_most" => "≤",
        "about" => "≈",
        "mixed" => "~",
        _ => "",
    }
}

pub(super) fn bar(value: f64, max: f64) -> String {
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let eighths = ((value / max) * (BAR_WIDTH * 8) as f64).round().max(1.0) as usize;
    let mut text = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(PARTS[eighths % 8 - 1]);
    }
    text
}

/// The field names of the records of a query with these columns.
pub fn record_fields(columns: &[String]) -> Vec<String> {
    field_names(columns)
}

/// A value as a CSV cell, as a record's value is written ([`super::output::csv_cell`]); text
/// that needs no formula guard is borrowed.
pub fn csv_value(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::Text(t) if !t.starts_with(super::output::FORMULA_STARTS) => t.as_str().into(),
        other => super::output::csv_cell(&json(other)).into(),
    }
}

/// One row as a record, every column as it is stored.
pub fn record(fields: &[String], row: &[Value]) -> Map<String, Json> {
    fields.iter().cloned().zip(row.iter().map(json)).collect()
}

/// Makes field names unique (a query may select two columns called `name`).
fn field_names(columns: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(columns.len());
    for c in columns {
        let mut name = c.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{c}_{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Presents a query result; `bar_stem` names the display column to draw as a bar.
pub fn listing(result: &QueryResult, bar_stem: Option<&str>) -> Listing {
    build(result, bar_stem, Purpose::Both)
}

/// The display rows only, for a table, Markdown or HTML: no record is built per row.
pub fn table(result: &QueryResult, bar_stem: Option<&str>) -> Listing {
    build(result, bar_stem, Purpose::People)
}

/// What a listing is built for: people (display rows), programs (records), or both.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    People,
    Programs,
    Both,
}

/// The records only, for CSV and JSON: no text is formatted for a reader.
pub fn records(result: &QueryResult) -> Listing {
    build(result, None, Purpose::Programs)
}

/// The display columns of a query's rows, gathered a row at a time: the result columns each
/// shows, whether every row so far holds a number or nothing there (then it aligns right), and
/// the largest value of the column drawn as a bar.
pub(super) struct Layout {
    pub(super) groups: Vec<Group>,
    /// The display column drawn as a bar after its group, if any.
    pub(super) bar_group: Option<usize>,
    all_numbers: Vec<bool>,
    rows: usize,
    pub(super) bar_max: f64,
}

impl Layout {
    pub(super) fn new(columns: &[String], bar_stem: Option<&str>) -> Layout {
        let groups = groups(columns);
        let bar_group = bar_stem.and_then(|b| groups.iter().position(|g| g.key == b));
        Layout {
            all_numbers: vec![true; groups.len()],
            groups,
            bar_group,
            rows: 0,
            bar_max: 0.0,
        }
    }

    /// How many rows it has seen.
    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// Takes one row into account.
    pub(super) fn see(&mut self, row: &[Value]) {
        for (gi, g) in self.groups.iter().enumerate() {
            self.all_numbers[gi] &= g
                .values
                .iter()
                .all(|(i, _)| row[*i] == Value::Null || number(&row[*i]).is_some());
            if Some(gi) == self.bar_group {
                self.bar_max = self.bar_max.max(bar_value(row, g));
            }
        }
        self.rows += 1;
    }

    /// The display columns' headers and alignment, the bar's (no header) after its group.
    pub(super) fn columns(&self) -> Vec<(String, Align)> {
        let mut columns = Vec::new();
        for (gi, g) in self.groups.iter().enumerate() {
            let numeric = g.values.iter().all(|(_, k)| *k != Kind::Plain)
                || (self.rows > 0 && self.all_numbers[gi]);
            columns.push((
                g.header.replace('_', " "),
                if numeric { Align::Right } else { Align::Left },
            ));
            if Some(gi) == self.bar_group {
                columns.push((String::new(), Align::Left));
            }
        }
        columns
    }
}

/// The value a row's bar shows: its group's first number, or 0.
pub(super) fn bar_value(row: &[Value], g: &Group) -> f64 {
    g.values
        .iter()
        .find_map(|(i, _)| number(&row[*i]))
        .unwrap_or(0.0)
}

fn build(result: &QueryResult, bar_stem: Option<&str>, purpose: Purpose) -> Listing {
    let fields = field_names(&result.columns);
    let mut layout = Layout::new(&result.columns, bar_stem);
    for row in &result.rows {
        layout.see(row);
    }
    let (groups, bar_group) = (&layout.groups, layout.bar_group);
    let columns = layout.columns();
    let mut listing = Listing::new(columns, fields.clone());
    for row in &result.rows {
        let record =
            || -> Map<String, Json> { fields.iter().cloned().zip(row.iter().map(json)).collect() };
        if purpose == Purpose::Programs {
            listing.records.push(record());
            continue;
        }
        let mut display = Vec::with_capacity(groups.len() + 1);
        for (gi, g) in groups.iter().enumerate() {
            display.push(cell(row, g));
            if Some(gi) == bar_group {
                display.push(bar(bar_value(row, g), layout.bar_max));
            }
        }
        if purpose == Purpose::People {
            listing.push_display(display);
        } else {
            listing.push(display, record());
        }
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_amounts_are_exact() {
        assert_eq!(english_yuan(26_600_000_000), "26.6 bn yuan");
        assert_eq!(english_yuan(5_200_000_000), "5.2 bn yuan");
        assert_eq!(english_yuan(185_000_000), "185 m yuan");
        assert_eq!(english_yuan(1_850_000_001), "1.850000001 bn yuan");
        assert_eq!(english_yuan(50_000_000), "50 m yuan");
        assert_eq!(english_yuan(5_000), "5,000 yuan");
        assert_eq!(english_yuan(-1_234_567), "-1.234567 m yuan");
        assert_eq!(english_yuan(0), "0 yuan");
    }

    #[test]
    fn a_csv_row_written_straight_is_the_record_written() {
        use rusqlite::types::Value as Sql;
        let row = vec![
            Sql::Null,
            Sql::Integer(-26_600_000_000),
            Sql::Real(2.0),
            Sql::Real(1.5),
            Sql::Real(1e20),
            Sql::Text("江津區, \"quoted\"\nline".into()),
            Sql::Text("=1+1".into()),
            Sql::Text("-5".into()),
            Sql::Text("@x".into()),
            Sql::Text(String::new()),
            Sql::Blob(vec![0, 255, 16]),
        ];
        let fields: Vec<String> = (0..row.len()).map(|i| format!("f{i}")).collect();
        // What a stream in `format` writes when `write` is given its row.
        let written = |format, write: &dyn Fn(&mut crate::view::output::Stream<&mut Vec<u8>>)| {
            let mut bytes = Vec::new();
            let mut s = crate::view::output::Stream::start(&mut bytes, format, &fields, true)
                .unwrap()
                .unwrap();
            write(&mut s);
            s.finish().unwrap();
            String::from_utf8(bytes).unwrap()
        };
        let csv = crate::cli::Format::Csv;
        let by_record = written(csv, &|s| s.record(&fields, &record(&fields, &row)).unwrap());
        let straight = written(csv, &|s| {
            assert!(s.csv_row(row.iter().map(csv_value)).unwrap())
        });
        assert_eq!(straight, by_record);
        written(crate::cli::Format::Ndjson, &|s| {
            assert!(
                !s.csv_row(row.iter().map(csv_value)).unwrap(),
                "JSON needs a record"
            );
        });
    }

    fn result(columns: &[&str], rows: Vec<Vec<Value>>) -> QueryResult {
        QueryResult {
            columns: columns.iter().map(|c| (*c).to_string()).collect(),
            rows,
        }
    }

    #[test]
    fn money_and_qualifier_fold_into_one_column() {
        let r = result(
            &["metric", "value_yuan", "value_qualifier"],
            vec![vec![
                Value::Text("agreed_investment".into()),
                Value::Integer(100_000_000_000),
                Value::Text("more_than".into()),
            ]],
        );
        let l = listing(&r, None);
        assert_eq!(l.columns.len(), 2);
        assert_eq!(l.display[0], vec!["agreed_investment", "逾1000億"]);
        assert_eq!(l.records[0]["value_yuan"], 100_000_000_000_i64);
        assert_eq!(l.records[0]["value_qualifier"], "more_than");
    }

    #[test]
    fn a_total_shows_the_bound_of_its_parts_not_a_stated_qualifier() {
        let row = |yuan: i64, qualifier: &str| {
            vec![
                Value::Integer(yuan),
                Value::Text(qualifier.into()),
                Value::Integer(0),
            ]
        };
        let r = result(
            &[
                "signed_amount_yuan",
                "signed_amount_qualifier",
                "unstated_signed_amount",
            ],
            vec![
                row(126_600_000_000, "at_least"),
                row(3_100_000_000, "at_most"),
                row(4_000_000_000, "about"),
                row(500_000_000, "mixed"),
                row(26_600_000_000, "exact"),
            ],
        );
        let totals = listing(&r, None);
        let shown: Vec<&str> = totals.display.iter().map(|d| d[0].as_str()).collect();
        assert_eq!(shown, ["≥1266億", "≤31億", "≈40億", "~5億", "266億"]);
        // without unstated_…, at_least is a figure as a source stated it (10億以上)
        let r = result(
            &["value_yuan", "value_qualifier"],
            vec![vec![
                Value::Integer(1_000_000_000),
                Value::Text("at_least".into()),
            ]],
        );
        assert_eq!(listing(&r, None).display[0], vec!["10億以上"]);
    }

    #[test]
    fn money_or_count_share_a_column() {
        let r = result(
            &["reported_count", "reported_yuan", "reported_qualifier"],
            vec![
                vec![
                    Value::Integer(20),
                    Value::Null,
                    Value::Text("nearly".into()),
                ],
                vec![
                    Value::Null,
                    Value::Integer(26_600_000_000),
                    Value::Text("exact".into()),
                ],
            ],
        );
        let l = listing(&r, None);
        assert_eq!(l.columns, vec![("reported".to_string(), Align::Right)]);
        assert_eq!(l.display, vec![vec!["近20"], vec!["266億"]]);
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let r = result(
            &["industry", "amount_yuan"],
            vec![
                vec![Value::Text("a".into()), Value::Integer(200)],
                vec![Value::Text("b".into()), Value::Integer(100)],
                vec![Value::Text("c".into()), Value::Integer(0)],
            ],
        );
        let l = listing(&r, Some("amount"));
        assert_eq!(l.columns.len(), 3);
        assert_eq!(l.display[0][2].chars().count(), BAR_WIDTH);
        assert_eq!(l.display[1][2].chars().count(), BAR_WIDTH / 2);
        assert_eq!(l.display[2][2], "");
        assert!(
            l.records[0].keys().all(|k| !k.is_empty()),
            "bars are display only"
        );
    }
}
