//! Figures of a period (今年以來 …) and targets (全年 … 目標/任務 of a year), and the figures
//! left over, listed so that nothing is dropped without a word.

use std::sync::LazyLock;

use regex::Regex;

use super::event::{BAND, is_period};
use super::scan::{COUNT, MONEY, Sentence, ascii_digits, clause_start, figure_text};
use super::{Draft, Section};
use crate::source::figure::parse_band;
use crate::source::model::StatisticEntry;

/// Words before an amount, and the metric they name.
const METRICS: &[(&str, &str)] = &[
    ("協議引資", "agreed_investment"),
    ("协议引资", "agreed_investment"),
    ("引資總額", "signing_events_amount"),
    ("引资总额", "signing_events_amount"),
    ("實際到位資金", "funds_in_place"),
    ("实际到位资金", "funds_in_place"),
    ("實際到位", "funds_in_place"),
    ("实际到位", "funds_in_place"),
    ("到位資金", "funds_in_place"),
    ("到位资金", "funds_in_place"),
    ("總投資", "total_investment"),
    ("总投资", "total_investment"),
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(20[0-9]{2})年").unwrap_or_else(|e| panic!("the year pattern: {e}"))
});

/// A target names a year and says 目標, 任務 or 力爭.
fn target_year(sentence: &str, previous: Option<&str>) -> Option<String> {
    let says_target = ["目標", "目标", "任務", "任务", "力爭", "力争"]
        .iter()
        .any(|w| sentence.contains(w));
    if !says_target {
        return None;
    }
    YEAR.captures(sentence)
        .or_else(|| previous.and_then(|p| YEAR.captures(p)))
        .map(|c| c[1].to_string())
}

pub fn statistics(draft: &mut Draft, place: &str, body: &[Sentence], published: &str) {
    for (i, sentence) in body.iter().enumerate() {
        let text = sentence.text;
        let year = target_year(text, i.checked_sub(1).map(|p| body[p].text));
        if year.is_none() && !is_period(text) {
            continue;
        }
        if year.is_none() {
            period_bands(draft, place, text, published);
        }
        for m in MONEY.find_iter(text) {
            let before = &text[..m.start()];
            let Some((label, metric)) = METRICS.iter().find(|(w, _)| before.ends_with(w)) else {
                continue;
            };
            let (kind, from, to) = match &year {
                Some(y) => ("target", format!("{y}-01-01"), format!("{y}-12-31")),
                None => (
                    "period_statistic",
                    format!("{}-01-01", &published[..4]),
                    published.to_string(),
                ),
            };
            let start = text[..m.start() - label.len()]
                .rfind([',', '，', '“', '"'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let quote = &text[start..m.end()];
            draft.file.statistics.push(StatisticEntry {
                kind: kind.into(),
                place: place.to_string(),
                metric: (*metric).into(),
                label: Some((*label).into()),
                value: ascii_digits(&figure_text(m.as_str())),
                band: None,
                forecast: before.contains("預計") || before.contains("预计"),
                from: Some(from),
                to: Some(to),
                quote: quote.to_string(),
                ..Default::default()
            });
            let n = draft.file.statistics.len() - 1;
            let why = match kind {
                "target" => "a target of the year named in the sentence (or the one before)",
                _ => "a figure of the year so far: from 1 January to the publication date",
            };
            draft.note(Section::Statistic(n), why.into());
            draft.used(text, m.as_str());
        }
    }
}

/// Counts of projects by amount band over the year so far: 20億元-50億元項目11個.
fn period_bands(draft: &mut Draft, place: &str, text: &str, published: &str) {
    for c in BAND.captures_iter(text) {
        let (band, count) = (ascii_digits(&c[1]), ascii_digits(&c[2]));
        if parse_band(&band).is_err() {
            continue;
        }
        let Some(m) = c.get(0) else { continue };
        let (whole, start) = (m.as_str(), m.start());
        let from = clause_start(text, start);
        draft.file.statistics.push(StatisticEntry {
            kind: "period_statistic".into(),
            place: place.to_string(),
            metric: "projects_in_band".into(),
            label: Some(whole.to_string()),
            value: count,
            band: Some(band),
            forecast: false,
            from: Some(format!("{}-01-01", &published[..4])),
            to: Some(published.to_string()),
            quote: text[from..start + whole.len()].to_string(),
            ..Default::default()
        });
        let n = draft.file.statistics.len() - 1;
        draft.note(
            Section::Statistic(n),
            "a band count of the year so far: from 1 January to the publication date".into(),
        );
        draft.used(text, &c[1]);
        draft.used(text, &c[2]);
    }
}

/// A count in characters of a thing that is not a project (一個地區, 三個核心功能區) is not a
/// figure worth listing.
fn is_noise(sentence: &str, m: &regex::Match) -> bool {
    let in_characters = !m
        .as_str()
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let of_projects =
        sentence[m.end()..].starts_with("項目") || sentence[m.end()..].starts_with("项目");
    in_characters && !of_projects
}

/// A sentence shortened around a figure, for the list of figures not used.
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

/// Every money figure and count the draft did not use, with its sentence.
pub fn unused(draft: &mut Draft, body: &[Sentence]) {
    for sentence in body.iter().map(|s| s.text) {
        let found = MONEY.find_iter(sentence).chain(COUNT.find_iter(sentence));
        for m in found {
            if !draft.is_used(sentence, m.as_str()) && !is_noise(sentence, &m) {
                draft
                    .unused
                    .push((m.as_str().to_string(), around(sentence, m.as_str())));
            }
        }
    }
}
