//! Periods named in a clause (今年以来, 上半年, 一季度, 1-9月, 截至目前, 去年全年) as first and
//! last day, read with the catalogue's own period parser where the words are one of its forms.

use std::sync::LazyLock;

use regex::Regex;

use super::text::Topic;
use crate::source::period::parse_period;

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"((?:19|20)[0-9]{2})年")
        .unwrap_or_else(|e| panic!("the year pattern: {e}"))
});
static MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,2})(?:月份?)?\s*(?:-|－|—|–|~|～|至|到)\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})月")
        .unwrap_or_else(|e| panic!("the months pattern: {e}"))
});
static FIRST_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"前([0-9]{1,2}|[一二三四五六七八九十]{1,2})(?:个|個)月")
        .unwrap_or_else(|e| panic!("the months pattern: {e}"))
});
static UNTIL_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:截至|截止|截止到|截至到)(?:[0-9]{4}年|去年|今年)?([0-9]{1,2})月")
        .unwrap_or_else(|e| panic!("the months pattern: {e}"))
});

/// 3月份: one month.
static ONE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:^|[^0-9０-９])([0-9]{1,2}|[一二三四五六七八九十]{1,2})月份")
        .unwrap_or_else(|e| panic!("the month pattern: {e}"))
});

static SINCE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r#"([0-9]{1,2})(?:月|·|\.)([0-9]{1,2})日?[”"」]?(?:以来|以來)"#)
        .unwrap_or_else(|e| panic!("the since pattern: {e}"))
});

/// A clause that is a year alone (2006年,…), not a month or a day.
static YEAR_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^((?:19|20)[0-9]{2})年(?:度)?$")
        .unwrap_or_else(|e| panic!("the year pattern: {e}"))
});

static YEAR_LEADS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^((?:19|20)[0-9]{2})年(?:度)?(?:[^0-9０-９月第底初末前中以至到上下全一二三四]|全[县縣市区區州省旗])")
        .unwrap_or_else(|e| panic!("the year pattern: {e}"))
});

static SINCE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"((?:19|20)[0-9]{2})年(?:以来|以來|至今)")
        .unwrap_or_else(|e| panic!("the since pattern: {e}"))
});

static SINCE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,2})月份?(?:以来|以來|至今)")
        .unwrap_or_else(|e| panic!("the since pattern: {e}"))
});

const HALVES_AND_QUARTERS: &[&str] = &[
    "上半年",
    "下半年",
    "前三季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
];

fn month_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars[..] {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(d)?),
        [d] => digit(d),
        _ => None,
    }
}

fn last_day(year: i32, month: u32) -> String {
    let days = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{year:04}-{month:02}-{days:02}")
}

fn period(from: String, to: String, label: &str) -> Option<Topic> {
    (from <= to).then(|| Topic::Period(from, to, label.to_string()))
}

/// The period a clause names, if it names one; the year is the clause's own (2023年), the year
/// before for 去年, else the publication's.
pub fn period_in(clause: &str, year: i32, published: &str) -> Option<Topic> {
    // 是去年同期的18倍, 比去年增长: a comparison, not the period.
    let clause = &without_comparisons(clause);
    let year = YEAR
        .captures(clause)
        .and_then(|c| c[1].parse().ok())
        .unwrap_or(if clause.contains("去年") {
            year - 1
        } else {
            year
        });
    for words in HALVES_AND_QUARTERS {
        if clause.contains(words) {
            let (from, to) = parse_period(words, year).ok()?;
            return period(from, to, words);
        }
    }
    if let Some(c) = MONTHS.captures(clause) {
        let (a, b) = (month_number(&c[1])?, month_number(&c[2])?);
        if (1..=12).contains(&a) && (a..=12).contains(&b) {
            return period(format!("{year:04}-{a:02}-01"), last_day(year, b), &c[0]);
        }
    }
    if let Some(c) = FIRST_MONTHS.captures(clause) {
        let b = month_number(&c[1])?;
        if (1..=12).contains(&b) {
            return period(format!("{year:04}-01-01"), last_day(year, b), &c[0]);
        }
    }
    if let Some(c) = UNTIL_MONTH.captures(clause) {
        let b = month_number(&c[1])?;
        if (1..=12).contains(&b) {
            return period(format!("{year:04}-01-01"), last_day(year, b), &c[0]);
        }
    }
    if let Some(p) = since_in(clause, year, published) {
        return Some(p);
    }
    if let Some(c) = ONE_MONTH.captures(clause) {
        let m = month_number(&c[1])?;
        if (1..=12).contains(&m) {
            return period(format!("{year:04}-{m:02}-01"), last_day(year, m), &c[0]);
        }
    }
    if let Some(p) = year_gone_by(clause, published) {
        return Some(p);
    }
    let whole_year = [
        "全年",
        "去年",
        "一年来",
        "一年來",
        "一年以来",
        "一年以來",
        "一年内",
        "一年內",
        "一年的时间",
        "一年的時間",
    ];
    if let Some(words) = whole_year.iter().find(|w| clause.contains(*w)) {
        return period(
            format!("{year:04}-01-01"),
            format!("{year:04}-12-31"),
            words,
        );
    }
    None
}

/// A year gone by, alone before the comma or opening a clause about signing: that year.
fn year_gone_by(clause: &str, published: &str) -> Option<Topic> {
    // 2006年,临夏州…签约项目达到104项 (published in 2007): a year gone by, alone before the
    // comma, is the period of what follows.
    let opens = YEAR_OPENS.captures(clause.trim()).or_else(|| {
        // 2016年开发区共联系洽谈项目50余个: a year gone by that opens a clause about signing.
        YEAR_LEADS.captures(clause.trim()).filter(|_| {
            [
                "签约", "簽約", "签订", "簽訂", "洽谈", "洽談", "引进", "引進", "招商",
            ]
            .iter()
            .any(|w| clause.contains(w))
        })
    });
    if let Some(c) = opens
        && let Some(y) = c[1].parse::<i32>().ok()
        && published.get(..4).and_then(|p| p.parse::<i32>().ok()) > Some(y)
    {
        return period(format!("{y:04}-01-01"), format!("{y:04}-12-31"), &c[0]);
    }
    None
}

/// A period that runs to the publication: from a day (“5·18”以来), a month (3月份以来) or the
/// year's start (今年以来, 截至目前).
fn since_in(clause: &str, year: i32, published: &str) -> Option<Topic> {
    let to = up_to(published);
    // 2022年以来 in 2022 is 今年以来; since an earlier year (2014年以来,全县累计…) is the
    // place's record over the years, not a period's.
    if let Some(c) = SINCE_YEAR.captures(clause) {
        let from: i32 = c[1].parse().ok()?;
        let published_year: Option<i32> = published.get(..4).and_then(|y| y.parse().ok());
        // 2011年以来 in a report of January 2012: the year gone by, reviewed.
        let january = published.get(5..7) == Some("01");
        if january && published_year == Some(from + 1) {
            return period(
                format!("{from:04}-01-01"),
                format!("{from:04}-12-31"),
                &c[0],
            );
        }
        return (Some(from) == published_year)
            .then(|| period(format!("{from:04}-01-01"), to, &c[0]))
            .flatten();
    }
    let to = if to.starts_with(&format!("{year:04}")) {
        to
    } else {
        format!("{year:04}-12-31")
    };
    // “5·18”以来, 3月1日以来: from that day to the publication.
    if let Some(c) = SINCE_DAY.captures(clause) {
        let (m, d): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return period(format!("{year:04}-{m:02}-{d:02}"), to, &c[0]);
        }
    }
    // 3月份以来, 今年2月至今: from that month.
    if let Some(c) = SINCE_MONTH.captures(clause) {
        let m = month_number(&c[1])?;
        if (1..=12).contains(&m) {
            return period(format!("{year:04}-{m:02}-01"), to, &c[0]);
        }
    }
    let so_far = [
        "今年以来",
        "今年以來",
        "年初以来",
        "年初以來",
        "截至目前",
        "截止目前",
        "截至目前为止",
        "今年来",
        "今年來",
        "年初至今",
        "今年至今",
        // 今年已累计签约7840多亿元: this year's so far.
        "今年已累计",
        "今年已累計",
        "今年累计",
        "今年累計",
    ];
    if let Some(words) = so_far.iter().find(|w| clause.contains(*w)) {
        return period(format!("{year:04}-01-01"), to, words);
    }
    None
}

/// The last day a period running to the publication covers: the publication's day, or the end
/// of the month before when it came out on the 1st (截至目前 on June 1 reports up to May).
fn up_to(published: &str) -> String {
    match super::date::published_date(published) {
        Some(d) if d.day() == 1 => d
            .previous_day()
            .map_or_else(|| published.to_string(), super::date::iso),
        _ => published.to_string(),
    }
}

/// A clause without the words that compare with another period (去年同期, 比去年, 同比).
pub fn without_comparisons(clause: &str) -> String {
    let mut out = clause.to_string();
    for w in ["去年同期", "比去年", "較去年", "较去年", "同比"] {
        if out.contains(w) {
            out = out.replace(w, "");
        }
    }
    out
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &YEAR,
        &MONTHS,
        &FIRST_MONTHS,
        &UNTIL_MONTH,
        &ONE_MONTH,
        &SINCE_DAY,
        &YEAR_OPENS,
        &YEAR_LEADS,
        &SINCE_YEAR,
        &SINCE_MONTH,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(clause: &str) -> Option<(String, String)> {
        match period_in(clause, 2023, "2023-07-15")? {
            Topic::Period(f, t, _) => Some((f, t)),
            _ => None,
        }
    }

    #[test]
    fn periods_in_clauses() {
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            bounds("上半年全县共签约项目"),
            p("2023-01-01", "2023-06-30")
        );
        assert_eq!(bounds("1-9月"), p("2023-01-01", "2023-09-30"));
        assert_eq!(bounds("今年以来"), p("2023-01-01", "2023-07-15"));
        assert_eq!(
            bounds("某市今年已累计签约500多亿元"),
            p("2023-01-01", "2023-07-15")
        );
        assert_eq!(bounds("去年全年"), p("2022-01-01", "2022-12-31"));
        assert_eq!(bounds("2011年1至10月"), p("2011-01-01", "2011-10-31"));
        assert_eq!(bounds("此次签约"), None);
        assert_eq!(bounds("年初至今"), p("2023-01-01", "2023-07-15"));
        assert_eq!(
            bounds("截至去年11月底,全县共签约项目29个"),
            p("2022-01-01", "2022-11-30")
        );
        assert_eq!(
            bounds("截至今年5月底,全县共签约项目9个"),
            p("2023-01-01", "2023-05-31")
        );
        assert_eq!(
            bounds("预计3月份出口可达850万美元"),
            p("2023-03-01", "2023-03-31")
        );
        assert_eq!(bounds("3月份以来"), p("2023-03-01", "2023-07-15"));
        assert_eq!(bounds("2023年以来"), p("2023-01-01", "2023-07-15"));
        assert_eq!(bounds("1月至4月"), p("2023-01-01", "2023-04-30"));
        assert_eq!(bounds("2021年以来"), None);
        assert_eq!(bounds("2022年"), p("2022-01-01", "2022-12-31"));
        assert_eq!(
            bounds("2022年开发区共签订投资协议31个"),
            p("2022-01-01", "2022-12-31")
        );
        assert_eq!(bounds("2022年全县实现地区生产总值"), None);
        assert_eq!(bounds("2022年12月27日"), None);
        let on_the_first = |clause| match period_in(clause, 2022, "2022-06-01") {
            Some(Topic::Period(f, t, _)) => Some((f, t)),
            _ => None,
        };
        assert_eq!(on_the_first("截至目前"), p("2022-01-01", "2022-05-31"));
        assert_eq!(bounds("是去年同期的18倍"), None);
        assert_eq!(
            bounds("其中“5·18”以来就签约了37个项目"),
            p("2023-05-18", "2023-07-15")
        );
    }
}
