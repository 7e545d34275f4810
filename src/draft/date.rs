//! The event's date: a 月日 (or 年月日) in the sentence of the ceremony, else anywhere in the
//! body or the title; 昨日/昨天 and 今天/今日 from the publication date; `5月24上午` without 日.
//! A date after the publication is of the year before (a December event reported in January).

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Duration, Month};

use super::text::Doc;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:((?:19|20)[0-9]{2})\s*年\s*)?([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*(?:日|号|號|上午|下午|晚|早)")
        .unwrap_or_else(|e| panic!("the date pattern: {e}"))
});

const HELD: &[&str] = &[
    "举行", "舉行", "举办", "舉辦", "召开", "召開", "签约", "簽約", "签订", "簽訂", "开幕", "開幕",
];

fn number(text: &str) -> Option<u32> {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect::<String>()
        .parse()
        .ok()
}

fn published_date(published: &str) -> Option<Date> {
    let y: i32 = published.get(..4)?.parse().ok()?;
    let m: u8 = published.get(5..7)?.parse().ok()?;
    let d: u8 = published.get(8..10)?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A date written in `text`, in the publication's year unless it states one.
fn date_in(text: &str, published: Date) -> Option<Date> {
    let c = DATE.captures(text)?;
    let (m, d) = (number(&c[2])?, number(&c[3])?);
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    let day = u8::try_from(d).ok()?;
    if let Some(y) = c.get(1).and_then(|y| y.as_str().parse().ok()) {
        return Date::from_calendar_date(y, month, day).ok();
    }
    let this_year = Date::from_calendar_date(published.year(), month, day).ok()?;
    if this_year > published {
        Date::from_calendar_date(published.year() - 1, month, day).ok()
    } else {
        Some(this_year)
    }
}

/// The event's date (YYYY-MM-DD) and, when it is not read from the text, why.
pub fn event_date(doc: &Doc) -> (String, Option<String>) {
    let Some(published) = published_date(&doc.published) else {
        return (doc.published.clone(), None);
    };
    let held = doc
        .sentences
        .iter()
        .filter(|s| HELD.iter().any(|w| s.text.contains(w)))
        .chain(doc.sentences.iter());
    for s in held {
        if let Some(d) = date_in(s.text, published) {
            return (iso(d), None);
        }
        let relative = [
            (&["昨日", "昨天"][..], -1),
            (&["今天", "今日"][..], 0),
            (&["前天", "前日"][..], -2),
        ];
        if HELD.iter().any(|w| s.text.contains(w)) {
            for (words, days) in relative {
                if words.iter().any(|w| s.text.contains(w)) {
                    return (iso(published + Duration::days(days)), None);
                }
            }
        }
    }
    if let Some(d) = doc.title.and_then(|t| date_in(t, published)) {
        return (iso(d), None);
    }
    (
        doc.published.clone(),
        Some("no date of the event in the text: the publication date stands in for it".into()),
    )
}
