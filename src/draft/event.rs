//! The event: where and when, its name, its headline count and amount, its band counts.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{
    COUNT, MONEY, NUMBER, Sentence, ascii_digits, clause_start, clauses, figure_text,
};
use super::{Draft, Section};
use crate::source::figure::parse_band;
use crate::source::model::{BandEntry, EventEntry, FigureEntry, PlaceEntry};

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,8}?(?:新区|新區|区|區|县|縣|市|旗)")
        .unwrap_or_else(|e| panic!("the place pattern: {e}"))
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{1,2})月([0-9０-９]{1,2})日")
        .unwrap_or_else(|e| panic!("the date pattern: {e}"))
});
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:舉行|举行|召開|召开)(?:了|的)?([^,，。；、]{2,30}?(?:活動|活动|大會|大会|儀式|仪式|推介會|推介会))")
        .unwrap_or_else(|e| panic!("the event name pattern: {e}"))
});
pub static BAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({NUMBER}(?:億|亿|萬|万)元?(?:-|－|—|至|到){NUMBER}(?:億|亿|萬|万)元?|{NUMBER}(?:億|亿|萬|万)元?(?:以上|及以上))(?:的)?(?:項目|项目)?((?:近|逾|超)?{NUMBER}(?:個|个))"
    ))
    .unwrap_or_else(|e| panic!("the band pattern: {e}"))
});
/// Words that make a sentence a report of a period, not of the ceremony.
pub const PERIOD_WORDS: &[&str] = &[
    "今年以來",
    "今年以来",
    "一年來",
    "一年来",
    "一年的",
    "全年",
    "累計",
    "累计",
    "今年",
    "1至",
    "1-",
];
/// Words before a headline amount.
const HEADLINE_AMOUNT: &[&str] = &[
    "攜",
    "携",
    "總投資",
    "总投资",
    "協議引資",
    "协议引资",
    "簽約金額",
    "签约金额",
    "投資總額",
    "投资总额",
    "計劃投資",
    "计划投资",
    "協議投資",
    "协议投资",
    "合同金額",
    "合同金额",
];

pub fn is_period(sentence: &str) -> bool {
    PERIOD_WORDS.iter().any(|w| sentence.contains(w))
}

/// The district, county or city the title (else the first sentence) begins with.
pub fn place(draft: &mut Draft, title: &str, body: &[Sentence]) -> Option<String> {
    let (name, quote) = std::iter::once(title)
        .chain(body.iter().map(|s| s.text))
        .find_map(|t| PLACE.find(t).map(|m| (m.as_str().to_string(), t)))?;
    let quote = body
        .iter()
        .flat_map(|s| clauses(s.text))
        .find(|c| c.contains(name.as_str()))
        .unwrap_or(quote);
    let kind = match name.chars().last() {
        Some('县' | '縣' | '旗') => "county",
        Some('市') => "city",
        _ => "district",
    };
    draft.file.places.push(PlaceEntry {
        name: name.clone(),
        kind: kind.to_string(),
        parent: None,
        quote: Some(quote.to_string()),
        ..Default::default()
    });
    draft.note(
        Section::Place(0),
        format!(
            "kind `{kind}` read from the name's last character; add its parent (city, province)"
        ),
    );
    Some(name)
}

/// The event: dated by the first 月日 of the body in the publication's year.
pub fn event(draft: &mut Draft, place: &str, title: &str, body: &[Sentence], published: &str) {
    let dated = body.iter().find(|s| DATE.is_match(s.text));
    let (date, quote_sentence) = match dated.and_then(|s| DATE.captures(s.text).map(|c| (c, s))) {
        Some((c, s)) => (dated_in_year(&c[1], &c[2], published), Some(s.text)),
        None => (published.to_string(), None),
    };
    let named = body.iter().find_map(|s| {
        NAME.captures(s.text)
            .map(|c| c[1].trim_start_matches('的').to_string())
    });
    let found_name = named.is_some();
    let name = match named {
        Some(n)
            if n.starts_with(place)
                || n.contains("全球")
                || n.contains("大會")
                || n.contains("大会") =>
        {
            n
        }
        Some(n) => format!("{place}{n}"),
        None => title.to_string(),
    };
    let quote = quote_sentence
        .map(|s| first_clauses(s, 2))
        .unwrap_or_else(|| title.to_string());
    draft.file.events.push(EventEntry {
        name,
        place: place.to_string(),
        date: Some(date),
        quote,
        project_count: None,
        signed_amount: None,
        bands: Vec::new(),
        industries: Vec::new(),
        strategies: Vec::new(),
        projects: Vec::new(),
        ..Default::default()
    });
    let why = if quote_sentence.is_some() {
        "the year of the date is the publication's; the name is built from the place and the \
         words after 舉行/举行 (or is the title)"
    } else {
        "no date in the text: the publication date stands in for the event's"
    };
    draft.note(Section::Event(0), why.to_string());
    if !found_name {
        draft.note(
            Section::Event(0),
            "no `舉行…活動` in the text: the name is the title".into(),
        );
    }
}

/// The first `n` clauses of a sentence, as a verbatim slice.
pub fn first_clauses(sentence: &str, n: usize) -> String {
    let mut end = sentence.len();
    let mut seen = 0;
    for (i, c) in sentence.char_indices() {
        if matches!(c, ',' | '，') {
            seen += 1;
            if seen == n {
                end = i;
                break;
            }
        }
    }
    sentence[..end].to_string()
}

/// 12月27日 in the year of a publication on `published`; a date after the publication is taken
/// to be of the year before (a December event reported in January).
fn dated_in_year(month: &str, day: &str, published: &str) -> String {
    let (m, d) = (ascii_digits(month), ascii_digits(day));
    let (m, d): (u32, u32) = (m.parse().unwrap_or(1), d.parse().unwrap_or(1));
    let year: i32 = published
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2000);
    let candidate = format!("{year:04}-{m:02}-{d:02}");
    if candidate.as_str() > published {
        format!("{:04}-{m:02}-{d:02}", year - 1)
    } else {
        candidate
    }
}

/// The headline count and amount: the first sentence of the ceremony (not a period) that
/// counts projects; its amount after 攜, 總投資, 協議引資 ….
pub fn headline(draft: &mut Draft, title: &str, body: &[Sentence]) {
    let candidates = body.iter().map(|s| s.text).chain(std::iter::once(title));
    for sentence in candidates.filter(|s| !is_period(s)) {
        let Some(count) = project_count(sentence) else {
            continue;
        };
        let amount = headline_amount(sentence);
        let end = amount.map_or(count.1, |a| a.1.max(count.1));
        let start = clause_start(sentence, count.0.min(amount.map_or(count.0, |a| a.0)));
        let quote = &sentence[start..end];
        let event = &mut draft.file.events[0];
        event.project_count = Some(FigureEntry {
            value: ascii_digits(&figure_text(&sentence[count.0..count.1])),
            quote: quote.to_string(),
            ..Default::default()
        });
        event.signed_amount = amount.map(|(s, e)| FigureEntry {
            value: ascii_digits(&figure_text(&sentence[s..e])),
            quote: quote.to_string(),
            ..Default::default()
        });
        draft.used(sentence, &sentence[count.0..count.1]);
        if let Some((s, e)) = amount {
            draft.used(sentence, &sentence[s..e]);
        }
        return;
    }
}

/// A count of projects: `N個項目` or `項目N個`; its byte span.
fn project_count(sentence: &str) -> Option<(usize, usize)> {
    COUNT.find_iter(sentence).find_map(|m| {
        let after = &sentence[m.end()..];
        let before = &sentence[..m.start()];
        let of_projects = after.starts_with("項目")
            || after.starts_with("项目")
            || before.ends_with("項目")
            || before.ends_with("项目");
        (of_projects && (m.as_str().contains('個') || m.as_str().contains('个')))
            .then(|| (m.start(), m.end()))
    })
}

fn headline_amount(sentence: &str) -> Option<(usize, usize)> {
    MONEY.find_iter(sentence).find_map(|m| {
        let before = &sentence[..m.start()];
        HEADLINE_AMOUNT
            .iter()
            .any(|w| before.ends_with(w))
            .then(|| (m.start(), m.end()))
    })
}

/// Band counts of the ceremony: 10億以上7個.
pub fn bands(draft: &mut Draft, body: &[Sentence]) {
    for sentence in body.iter().map(|s| s.text) {
        for c in BAND.captures_iter(sentence) {
            if c.get(0).is_some_and(|m| is_period(&sentence[..m.end()])) {
                continue;
            }
            let (band, count) = (ascii_digits(&c[1]), ascii_digits(&c[2]));
            if parse_band(&band).is_err() {
                continue;
            }
            let whole = c.get(0).map_or("", |m| m.as_str());
            let quote = clauses(sentence)
                .into_iter()
                .find(|cl| cl.contains(whole))
                .unwrap_or(whole);
            draft.file.events[0].bands.push(BandEntry {
                band,
                count,
                quote: quote.to_string(),
            });
            draft.used(sentence, &c[2]);
        }
    }
}
