//! The table `draft --out-dir` ends with: a row per article saying what its draft holds (the
//! event or period report, its date, place, headline count and amount, named projects, notes to
//! check) or why there is none. One listing, so every output format holds: money as people read
//! it in a table, exact integers and qualifiers as fields in CSV and JSON.

use serde_json::{Map, Value};

use super::output::{Align, Listing};
use crate::source::figure::{Figure, Quantity, format_qualified_yuan};

/// What the draft of an article is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drafted {
    /// A signing ceremony, by its name.
    Event(String),
    /// A report of a period's signings, by its name.
    PeriodReport(String),
    /// Neither: statistics at most.
    Nothing,
    /// No draft: the article could not be read or drafted.
    Failed,
}

/// One article's row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The article's path as given.
    pub article: String,
    /// The draft written.
    pub draft: Option<String>,
    pub drafted: Drafted,
    /// The ceremony's day, or a period's first and last.
    pub date: Option<String>,
    pub period: Option<(String, String)>,
    pub place: Option<String>,
    pub project_count: Option<Figure>,
    /// The headline amount as written (shown when it is not in yuan) and read.
    pub signed_amount: Option<(String, Figure)>,
    pub named_projects: usize,
    pub notes: usize,
    pub unused: usize,
    pub error: Option<String>,
}

/// The display columns, in English (translated with the other headers by `lang`).
const COLUMNS: &[(&str, Align)] = &[
    ("article", Align::Left),
    ("event", Align::Left),
    ("date", Align::Left),
    ("place", Align::Left),
    ("project count", Align::Right),
    ("signed amount", Align::Right),
    ("named projects", Align::Right),
    ("notes to check", Align::Right),
    ("error", Align::Left),
];

/// The fields of CSV and JSON, documented in docs/output.md.
pub const FIELDS: &[&str] = &[
    "article",
    "draft",
    "kind",
    "event",
    "date",
    "from",
    "to",
    "place",
    "project_count",
    "project_count_qualifier",
    "signed_amount_yuan",
    "signed_amount_foreign",
    "signed_amount_currency",
    "signed_amount_qualifier",
    "named_projects",
    "notes_to_check",
    "figures_not_used",
    "error",
];

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_string()))
}

/// A count as a number: whole when it is one.
fn count_value(f: &Figure) -> Value {
    match &f.quantity {
        Quantity::Measure { value, .. } if value.fract() == 0.0 && value.abs() < 9e15 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Value::from(*value as i64)
        }
        Quantity::Measure { value, .. } => Value::from(*value),
        Quantity::Money { amount, .. } => Value::from(*amount),
    }
}

fn count_cell(f: &Figure) -> String {
    let (before, after) = f.qualifier.affixes();
    let number = match count_value(f) {
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    format!("{before}{number}{after}")
}

fn amount_cell(written: &str, f: &Figure) -> String {
    match f.quantity {
        Quantity::Money {
            currency: "CNY",
            amount,
        } => format_qualified_yuan(amount, f.qualifier),
        _ => written.to_string(),
    }
}

fn record(row: &Row) -> Map<String, Value> {
    let (kind, event) = match &row.drafted {
        Drafted::Event(name) => ("event", Some(name.as_str())),
        Drafted::PeriodReport(name) => ("period_report", Some(name.as_str())),
        Drafted::Nothing => ("none", None),
        Drafted::Failed => ("failed", None),
    };
    let money = row
        .signed_amount
        .as_ref()
        .and_then(|(_, f)| match f.quantity {
            Quantity::Money { currency, amount } => Some((currency, amount, f.qualifier)),
            Quantity::Measure { .. } => None,
        });
    let values = [
        text(Some(&row.article)),
        text(row.draft.as_deref()),
        text(Some(kind)),
        text(event),
        text(row.date.as_deref()),
        text(row.period.as_ref().map(|p| p.0.as_str())),
        text(row.period.as_ref().map(|p| p.1.as_str())),
        text(row.place.as_deref()),
        row.project_count.as_ref().map_or(Value::Null, count_value),
        text(row.project_count.as_ref().map(|f| f.qualifier.as_str())),
        money
            .filter(|m| m.0 == "CNY")
            .map_or(Value::Null, |m| Value::from(m.1)),
        money
            .filter(|m| m.0 != "CNY")
            .map_or(Value::Null, |m| Value::from(m.1)),
        text(money.map(|m| m.0)),
        text(money.map(|m| m.2.as_str())),
        Value::from(row.named_projects),
        Value::from(row.notes),
        Value::from(row.unused),
        text(row.error.as_deref()),
    ];
    FIELDS
        .iter()
        .map(|f| (*f).to_string())
        .zip(values)
        .collect()
}

fn display(row: &Row) -> Vec<String> {
    let event = match &row.drafted {
        Drafted::Event(name) => name.clone(),
        Drafted::PeriodReport(_) => "period report".into(),
        Drafted::Nothing => "none".into(),
        Drafted::Failed => String::new(),
    };
    let date = match (&row.date, &row.period) {
        (Some(d), _) => d.clone(),
        (None, Some((from, to))) => format!("{from} – {to}"),
        (None, None) => String::new(),
    };
    let failed = row.drafted == Drafted::Failed;
    let number = |n: usize| if failed { String::new() } else { n.to_string() };
    vec![
        row.article.clone(),
        event,
        date,
        row.place.clone().unwrap_or_default(),
        row.project_count
            .as_ref()
            .map(count_cell)
            .unwrap_or_default(),
        row.signed_amount
            .as_ref()
            .map(|(w, f)| amount_cell(w, f))
            .unwrap_or_default(),
        number(row.named_projects),
        number(row.notes),
        row.error.clone().unwrap_or_default().replace('\n', " "),
    ]
}

/// The rows as a listing.
pub fn listing(rows: &[Row]) -> Listing {
    let mut listing = Listing::new(
        COLUMNS
            .iter()
            .map(|(name, align)| ((*name).to_string(), *align))
            .collect(),
        FIELDS.iter().map(|f| (*f).to_string()).collect(),
    );
    for row in rows {
        listing.push(display(row), record(row));
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::figure::parse_figure;

    #[test]
    fn money_reads_as_people_read_it_and_carries_exact_fields() {
        let row = Row {
            article: "a.txt".into(),
            draft: Some("out/a.toml".into()),
            drafted: Drafted::Event("示例县签约活动".into()),
            date: Some("2024-03-05".into()),
            period: None,
            place: Some("示例县".into()),
            project_count: parse_figure("近20个").ok(),
            signed_amount: Some(("逾266亿元".into(), parse_figure("逾266亿元").unwrap())),
            named_projects: 3,
            notes: 2,
            unused: 1,
            error: None,
        };
        let l = listing(std::slice::from_ref(&row));
        assert_eq!(l.display[0][4], "近20");
        assert_eq!(l.display[0][5], "逾266億");
        let r = &l.records[0];
        assert_eq!(r["signed_amount_yuan"], 26_600_000_000_i64);
        assert_eq!(r["signed_amount_qualifier"], "more_than");
        assert_eq!(r["project_count"], 20);
        assert_eq!(r["kind"], "event");
        let usd = Row {
            signed_amount: Some(("5000万美元".into(), parse_figure("5000万美元").unwrap())),
            ..row
        };
        let l = listing(&[usd]);
        assert_eq!(l.display[0][5], "5000万美元");
        assert_eq!(l.records[0]["signed_amount_foreign"], 50_000_000);
        assert_eq!(l.records[0]["signed_amount_currency"], "USD");
    }
}
