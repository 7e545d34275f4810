//! The event's date: a 月日 (or 年月日) in the sentence of the ceremony, else anywhere in the
//! body or the title; 昨日/昨天 and 今天/今日 from the publication date; `5月24上午` without 日.
//! A date after the publication is of the year before (a December event reported in January).

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Duration, Month};

use super::text::Doc;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:((?:19|20)[0-9]{2})\s*年\s*)?([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*(?:日|号|號|上午|下午|晚|早)")
        .unwrap_or_else(|e| panic!("the date pattern: {e}"))
});

const HELD: &[&str] = &[
    "举行", "舉行", "举办", "舉辦", "召开", "召開", "签约", "簽約", "签订", "簽訂", "开幕", "開幕",
];

/// Words that name the occasion itself (推介会上): its sentence may give the day alone.
const OCCASION: &[&str] = &["会上", "會上", "仪式上", "儀式上", "活动上", "活動上"];

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

pub(super) fn published_date(published: &str) -> Option<Date> {
    let y: i32 = published.get(..4)?.parse().ok()?;
    let m: u8 = published.get(5..7)?.parse().ok()?;
    let d: u8 = published.get(8..10)?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

pub(super) fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A date written in `text`, in the publication's year unless it states one; `Err` with the
/// words and the year when they name no day of it (２月３０日, 13月1日). A dateline's date
/// (人民网湘潭10月13日电) is the report's, not the event's.
fn date_in(text: &str, published: Date) -> Option<Result<Date, (String, i32)>> {
    let c = DATE.captures_iter(text).find(|c| {
        let end = c.get(0).map_or(0, |m| m.end());
        !text[end..].starts_with(['电', '電', '讯', '訊'])
    })?;
    let stated: Option<i32> = c.get(1).and_then(|y| y.as_str().parse().ok());
    let year = stated.unwrap_or(published.year());
    let written = c[0]
        .trim_end_matches(['上', '下', '午', '晚', '早'])
        .to_string();
    let (Some(m), Some(d)) = (number(&c[2]), number(&c[3])) else {
        return Some(Err((written, year)));
    };
    let day = |year: i32| {
        let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
        Date::from_calendar_date(year, month, u8::try_from(d).ok()?).ok()
    };
    let found = match (stated, day(year)) {
        (_, None) => return Some(Err((written, year))),
        (Some(_), Some(date)) => Some(date),
        (None, Some(this_year)) if this_year > published => day(year - 1),
        (None, this_year) => this_year,
    };
    found.map(Ok)
}

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:^|[^0-9０-９月.·])([0-9０-９]{1,2})\s*(?:日|号|號)(?:上午|下午|晚上|晚)?[,，]?(?:在|于|於|举行|舉行|举办|舉辦|召开|召開)|(?:^|……|[)）」”\x22])([0-9０-９]{1,2})\s*(?:日|号|號)(?:上午|下午|晚上|晚)?[,，]",
    )
    .unwrap_or_else(|e| panic!("the day pattern: {e}"))
});

/// 9日在南沙举行: a day without its month, in the publication's month (or the month before).
fn day_in(text: &str, published: Date) -> Option<Date> {
    let c = DAY.captures(text)?;
    let day = u8::try_from(number(c.get(1).or(c.get(2))?.as_str())?).ok()?;
    let this_month = Date::from_calendar_date(published.year(), published.month(), day).ok();
    match this_month {
        Some(d) if d <= published => Some(d),
        _ => {
            let last = published.replace_day(1).ok()? - Duration::days(1);
            Date::from_calendar_date(last.year(), last.month(), day).ok()
        }
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
    // A day the calendar does not have is no date: said, never drafted.
    let mut impossible: Option<(String, i32)> = None;
    let mut reported: Option<Date> = None;
    for s in held {
        match date_in(s.text, published) {
            Some(Ok(d)) => return (iso(d), impossible.map(|w| no_day(&w, "check the date"))),
            Some(Err(written)) => {
                impossible.get_or_insert(written);
            }
            None => {}
        }
        // 19日,在2010年某区招商引资项目推介会上: a day in the sentence of the occasion.
        if HELD.iter().chain(OCCASION).any(|w| s.text.contains(w))
            && let Some(d) = day_in(s.text, published)
        {
            return (iso(d), impossible.map(|w| no_day(&w, "check the date")));
        }
        let relative = [
            (&["昨日", "昨天"][..], -1),
            (&["今天", "今日"][..], 0),
            (&["前天", "前日"][..], -2),
        ];
        // 记者从市政府昨日召开的碰头会上获悉: the day the reporter learned of it, which stands
        // for the event's only when no sentence after it dates the event.
        let learned = ["获悉", "獲悉", "了解到"]
            .iter()
            .any(|w| s.text.contains(w));
        if HELD.iter().any(|w| s.text.contains(w)) {
            // 新华网唐山2月26日电…今天上午: the day the report was filed, not published.
            let base = dateline(doc.text, published).unwrap_or(published);
            for (words, days) in relative {
                if words.iter().any(|w| s.text.contains(w)) {
                    let day = base + Duration::days(days);
                    if !learned {
                        return (iso(day), None);
                    }
                    reported.get_or_insert(day);
                }
            }
        }
    }
    if let Some(day) = reported {
        return (iso(day), None);
    }
    if let Some(d) = doc.title.and_then(|t| date_in(t, published)?.ok()) {
        return (iso(d), impossible.map(|w| no_day(&w, "check the date")));
    }
    let why = match impossible {
        Some(written) => no_day(&written, "the publication date stands in for the event's"),
        None => "no date of the event in the text: the publication date stands in for it".into(),
    };
    (doc.published.clone(), Some(why))
}

/// The date of a dateline (新华网唐山2月26日电) near the text's start, if it has one.
fn dateline(text: &str, published: Date) -> Option<Date> {
    let head: String = text.chars().take(300).collect();
    let c = DATE.captures_iter(&head).find(|c| {
        let end = c.get(0).map_or(0, |m| m.end());
        head[end..].starts_with(['电', '電', '讯', '訊'])
    })?;
    let (m, d) = (number(&c[2])?, number(&c[3])?);
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    let day = |year| Date::from_calendar_date(year, month, u8::try_from(d).ok()?).ok();
    match day(published.year())? {
        date if date > published => day(published.year() - 1),
        date => Some(date),
    }
}

fn no_day((written, year): &(String, i32), then: &str) -> String {
    format!("`{written}` is no day of {year}: {then}")
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [&DATE, &DAY] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> Option<String> {
        let published = published_date("2021-10-13")?;
        date_in(text, published)
            .and_then(Result::ok)
            .or_else(|| day_in(text, published))
            .map(iso)
    }

    #[test]
    fn datelines_and_days_alone() {
        assert_eq!(
            on("人民网湘潭10月13日电 10月12日,湘潭市在深圳举行推介会").as_deref(),
            Some("2021-10-12")
        );
        assert_eq!(on("活动9日在南沙举行").as_deref(), Some("2021-10-09"));
        assert_eq!(on("活动20日在南沙举行").as_deref(), Some("2021-09-20"));
        // 开发区5日下午举行签约仪式 (written for the test): the day before the verb of holding.
        assert_eq!(
            on("某经济开发区5日下午举行重点项目签约仪式").as_deref(),
            Some("2021-10-05")
        );
        assert_eq!(on("总投资9.5亿元"), None);
        // A sentence that opens with its day (24日,我县举行…).
        assert_eq!(
            on("12日,我县举行重大项目签约仪式").as_deref(),
            Some("2021-10-12")
        );
        assert_eq!(on("共签约12日内完成的项目"), None);
    }
}
