//! Figures that are not the ceremony's: a period's (今年以来, 上半年 …) and targets of a year, as
//! statistics of the host place; and every figure left over, listed so that nothing is dropped
//! without a word (a 开工 batch's figures among them, said so).

use super::event::parseable;
use super::figures::{self, Found, counts_projects};
use super::text::{Clause, Doc, Topic};
use super::{Draft, Section};
use crate::source::model::StatisticEntry;

/// Words before a figure, and the metric they name.
const METRICS: &[(&str, &str)] = &[
    ("协议引资", "agreed_investment"),
    ("協議引資", "agreed_investment"),
    ("协议投资", "agreed_investment"),
    ("協議投資", "agreed_investment"),
    ("合同引资", "agreed_investment"),
    ("引资总额", "signing_events_amount"),
    ("引資總額", "signing_events_amount"),
    ("到位资金", "funds_in_place"),
    ("到位資金", "funds_in_place"),
    ("实际到位", "funds_in_place"),
    ("實際到位", "funds_in_place"),
    ("到位", "funds_in_place"),
    ("实际利用外资", "foreign_investment_used"),
    ("實際利用外資", "foreign_investment_used"),
    ("利用外资", "foreign_investment_used"),
    ("开工", "projects_started"),
    ("開工", "projects_started"),
    ("落地", "projects_landed"),
    ("签约", "projects_signed"),
    ("簽約", "projects_signed"),
    ("总投资", "total_investment"),
    ("總投資", "total_investment"),
    ("投资", "total_investment"),
    ("投資", "total_investment"),
];

fn metric(before: &str, money: bool, of_projects: bool) -> &'static str {
    let near: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let named = METRICS
        .iter()
        .filter(|(w, m)| {
            near.contains(w) && (money != m.starts_with("projects") || *m == "projects_signed")
        })
        .max_by_key(|(w, _)| near.rfind(w).map(|i| i + w.len()));
    match (named, money, of_projects) {
        (Some((_, m)), true, _) if !m.starts_with("projects") => m,
        (Some((_, m)), false, true) if m.starts_with("projects") => m,
        (_, true, _) => "agreed_investment",
        (_, false, true) => "projects_signed",
        (_, false, false) => "count",
    }
}

fn in_clause(c: &Clause, f: Found) -> Found {
    Found {
        start: f.start + c.start,
        end: f.end + c.start,
        value: f.value,
    }
}

/// A period's figures and targets, each as a statistic of the host place.
pub fn statistics(draft: &mut Draft, doc: &Doc, place: &str) {
    for c in &doc.clauses {
        let (kind, from, to) = match &c.topic {
            Topic::Period(from, to, _) => ("period_statistic", from.clone(), to.clone()),
            Topic::Target(year) => (
                "target",
                format!("{year:04}-01-01"),
                format!("{year:04}-12-31"),
            ),
            _ => continue,
        };
        let money: Vec<Found> = figures::money(c.text)
            .into_iter()
            .map(|f| in_clause(c, f))
            .collect();
        let counts: Vec<(Found, bool)> = figures::counts(c.text)
            .into_iter()
            .map(|f| {
                let of_projects = counts_projects(c.text, &f);
                (in_clause(c, f), of_projects)
            })
            .collect();
        let all = money
            .into_iter()
            .map(|f| (f, true, false))
            .chain(counts.into_iter().map(|(f, p)| (f, false, p)));
        for (f, is_money, of_projects) in all {
            if draft.is_used(f.start, f.end) {
                continue;
            }
            if !is_money && !of_projects && !f.value.ends_with('家') {
                continue;
            }
            // (3000万元以上) qualifies the figure next to it.
            if doc.text[..f.start].ends_with(['(', '（']) {
                continue;
            }
            let Some(value) = parseable(&f.value) else {
                continue;
            };
            let before = &doc.text[c.start..f.start];
            let metric = metric(before, is_money, of_projects);
            let label_start = doc.text[..f.start]
                .rfind([',', '，', '。', '；', '\n', '、'])
                .map_or(c.start, |i| {
                    i + doc.text[i..].chars().next().map_or(1, char::len_utf8)
                })
                .max(c.start);
            let quote = doc.text[label_start.min(f.start)..f.end].to_string();
            draft.file.statistics.push(StatisticEntry {
                kind: kind.into(),
                place: place.to_string(),
                metric: metric.into(),
                label: Some(
                    doc.text[label_start.min(f.start)..f.start]
                        .trim()
                        .to_string(),
                )
                .filter(|l| !l.is_empty()),
                value,
                band: None,
                forecast: ["预计", "預計", "计划", "計劃", "力争", "力爭"]
                    .iter()
                    .any(|w| doc.text[c.start..f.start].contains(w)),
                from: Some(from.clone()),
                to: Some(to.clone()),
                quote,
                ..Default::default()
            });
            draft.used(f.start, f.end);
            let n = draft.file.statistics.len() - 1;
            if kind == "target" {
                draft.note(
                    Section::Statistic(n),
                    "a target: the year is the one named nearby, else the publication's".into(),
                );
            }
        }
    }
}

/// Every amount and count the draft did not use, with its clause; a 开工 batch's said so.
pub fn unused(draft: &mut Draft, doc: &Doc) {
    for c in doc.clauses.iter().filter(|c| c.topic != Topic::Clutter) {
        let found = figures::money(c.text)
            .into_iter()
            .chain(figures::counts(c.text))
            .map(|f| in_clause(c, f));
        for f in found {
            if draft.is_used(f.start, f.end) {
                continue;
            }
            let why = match c.topic {
                Topic::Stage => " (开工/竣工/投产 batch: not a signing)",
                _ => "",
            };
            let sentence = doc.sentence_at(f.start).map_or(c.text, |s| s.text);
            draft.unused.push((
                format!("{}{why}", &doc.text[f.start..f.end]),
                around(sentence, &doc.text[f.start..f.end]),
            ));
        }
    }
}

/// A sentence shortened around a figure.
fn around(sentence: &str, figure: &str) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= 80 {
        return sentence.to_string();
    }
    let at = sentence
        .find(figure)
        .map_or(0, |b| sentence[..b].chars().count());
    let from = at.saturating_sub(30);
    let to = (at + figure.chars().count() + 30).min(chars.len());
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        chars[from..to].iter().collect::<String>(),
        if to < chars.len() { "…" } else { "" }
    )
}
