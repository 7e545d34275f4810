//! When an event happened: the day of a signing ceremony, or the period a report covers
//! (format 2), written as `from`/`to` or named as the source names it (2023年上半年, 第一季度).

use crate::source::model::EventEntry;

/// An event's time as stored: a ceremony's day, or a report's first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Day(String),
    Period {
        from: String,
        to: String,
        label: Option<String>,
    },
}

impl When {
    /// The day the event is filed under: a ceremony's day, or the last day of a period.
    pub fn held_on(&self) -> &str {
        match self {
            When::Day(day) => day,
            When::Period { to, .. } => to,
        }
    }
}

/// True for a real calendar date written YYYY-MM-DD.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(&text[..4]), num(&text[5..7]), num(&text[8..])) else {
        return false;
    };
    if !text[..4].bytes().all(|c| c.is_ascii_digit())
        || !text[5..7].bytes().all(|c| c.is_ascii_digit())
        || !text[8..].bytes().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1900 && d >= 1 && d <= days
}

pub const PERIOD_FORMS_HELP: &str = "expected a period such as 2023年上半年, 2023年下半年, \
     2024年第一季度 (一季度, Q1), 2023年前三季度, 2023年1-6月, 2023年3月 or 2023年全年; \
     without a year, the year of publication";

/// What is wrong with an event's time, and the field of the event that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenError {
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for WhenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The time of `ev` in a source published on `published` (YYYY-MM-DD), or what is wrong.
pub fn event_when(ev: &EventEntry, published: &str) -> Result<When, WhenError> {
    let period = ev.from.is_some() || ev.to.is_some() || ev.period.is_some();
    // where a problem of the dates is shown: the named period when it alone gives them
    let field = if ev.period.is_some() && ev.from.is_none() {
        "period"
    } else {
        "date"
    };
    let err = |message: String| WhenError { field, message };
    match (&ev.date, period) {
        (Some(_), true) => Err(err(
            "an event has a `date` (a ceremony) or a period (`from`/`to` or `period`), not both"
                .into(),
        )),
        (Some(day), false) => Ok(When::Day(day.clone())),
        (None, false) => Err(err(
            "an event needs its `date` (a ceremony) or, in format 2, its period (`from` and \
             `to`, or `period`)"
                .into(),
        )),
        (None, true) => {
            let (from, to) = match (&ev.from, &ev.to, &ev.period) {
                (Some(from), Some(to), _) => (from.clone(), to.clone()),
                (None, None, Some(named)) => {
                    let year = published.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
                    parse_period(named, year).map_err(err)?
                }
                _ => {
                    return Err(err(
                        "a period needs both `from` and `to` (or a named `period`)".into(),
                    ));
                }
            };
            if !is_iso_date(&from) || !is_iso_date(&to) {
                return Err(err(format!(
                    "the period {from}..{to} is not two real dates written YYYY-MM-DD"
                )));
            }
            if from > to {
                return Err(err(format!(
                    "the period ends ({to}) before it starts ({from})"
                )));
            }
            if let Some(label) = &ev.period {
                label_agrees(label, &from, &to).map_err(|message| WhenError {
                    field: "period",
                    message,
                })?;
            }
            Ok(When::Period {
                from,
                to,
                label: ev.period.clone(),
            })
        }
    }
}

/// A period's name beside its `from` and `to` must name the same days (a name without a year in
/// the year of `from`); a name this program does not read (今年以來) is kept as written.
fn label_agrees(label: &str, from: &str, to: &str) -> Result<(), String> {
    let year = from.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    match parse_period(label, year) {
        Ok((first, last)) if (first.as_str(), last.as_str()) != (from, to) => Err(format!(
            "`{label}` is the period {first}..{last}, but `from` and `to` say {from}..{to}; \
             correct one of them, or leave `period` out"
        )),
        _ => Ok(()),
    }
}

/// A named period → its first and last day. `year` is used when the name has none.
pub fn parse_period(text: &str, year: i32) -> Result<(String, String), String> {
    let bad = || format!("`{text}` is not a period this program reads; {PERIOD_FORMS_HELP}");
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' | '~' | '至' | '到' => '-',
            '個' => '个',
            _ => c,
        })
        .collect();
    let (year, rest) = match folded.split_once('年') {
        Some((y, rest)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            (y.parse::<i32>().map_err(|_| bad())?, rest.to_string())
        }
        _ => (year, folded.clone()),
    };
    if !(1900..=9999).contains(&year) {
        return Err(bad());
    }
    let (first, last) = months(&rest).ok_or_else(bad)?;
    Ok((
        format!("{year:04}-{first:02}-01"),
        format!("{year:04}-{last:02}-{:02}", last_day(year, last)),
    ))
}

/// The first and last month a period's name (without its year) covers.
fn months(rest: &str) -> Option<(u32, u32)> {
    let quarter = |q: u32| ((q - 1) * 3 + 1, q * 3);
    let number = |t: &str| -> Option<u32> {
        t.parse().ok().or_else(|| {
            [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            ]
            .iter()
            .position(|n| *n == t)
            .and_then(|p| u32::try_from(p + 1).ok())
        })
    };
    match rest {
        "" | "全年" | "全年度" => return Some((1, 12)),
        "上半年" => return Some((1, 6)),
        "下半年" => return Some((7, 12)),
        _ => {}
    }
    if let Some(q) = rest
        .strip_prefix("前")
        .and_then(|r| r.strip_suffix("季度"))
        .and_then(number)
        .filter(|q| (1..=4).contains(q))
    {
        return Some((1, q * 3));
    }
    let quarter_name = rest
        .strip_prefix("第")
        .unwrap_or(rest)
        .strip_suffix("季度")
        .or_else(|| rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')));
    if let Some(q) = quarter_name
        .and_then(number)
        .filter(|q| (1..=4).contains(q))
    {
        return Some(quarter(q));
    }
    if let Some(n) = rest
        .strip_prefix("前")
        .and_then(|r| r.strip_suffix("个月"))
        .and_then(number)
        .filter(|n| (1..=12).contains(n))
    {
        return Some((1, n));
    }
    let month_range = rest.strip_suffix('月')?;
    let (a, b) = match month_range.split_once('-') {
        Some((a, b)) => (number(a.trim_end_matches('月'))?, number(b)?),
        None => {
            let m = number(month_range)?;
            (m, m)
        }
    };
    ((1..=12).contains(&a) && (a..=12).contains(&b)).then_some((a, b))
}

fn last_day(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_period;

    #[test]
    fn named_periods() {
        let p = |t: &str| parse_period(t, 2023).map(|(a, b)| format!("{a}..{b}"));
        for (text, want) in [
            ("2023年上半年", "2023-01-01..2023-06-30"),
            ("上半年", "2023-01-01..2023-06-30"),
            ("2023年下半年", "2023-07-01..2023-12-31"),
            ("2024年第一季度", "2024-01-01..2024-03-31"),
            ("一季度", "2023-01-01..2023-03-31"),
            ("第三季度", "2023-07-01..2023-09-30"),
            ("Q4", "2023-10-01..2023-12-31"),
            ("2023年前三季度", "2023-01-01..2023-09-30"),
            ("2023年1-6月", "2023-01-01..2023-06-30"),
            ("2023年1月至6月", "2023-01-01..2023-06-30"),
            ("2024年2月", "2024-02-01..2024-02-29"),
            ("2023年全年", "2023-01-01..2023-12-31"),
            ("2023年", "2023-01-01..2023-12-31"),
            ("前5个月", "2023-01-01..2023-05-31"),
        ] {
            assert_eq!(p(text).as_deref(), Ok(want), "{text}");
        }
        for bad in ["今年以来", "第五季度", "2023年13月", "6-1月", "去年"] {
            assert!(p(bad).is_err(), "{bad}");
        }
    }
}
