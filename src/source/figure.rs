//! Figures as Chinese sources write them: `逾1000億元`, `近20個`, `50余次`, `不低於200萬單`,
//! `10億以上`, `20億元-50億元`. Parsing keeps the qualifier with the number and turns money into
//! exact whole units of its currency (no floating point on the way), so that `1.85億` is
//! 185000000 yuan and `266億元` is 26600000000.

use std::fmt;

/// How a stated number relates to the true one. The text forms are the schema's CHECK list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    /// 逾 超 超過 多 余: strictly more than.
    MoreThan,
    /// 以上 不低於 不少於: the bound included (Chinese statistical convention for 以上).
    AtLeast,
    /// 約 左右.
    About,
    /// 近: a little under.
    Nearly,
    /// 以下 不超過.
    AtMost,
    /// 不足 低於.
    LessThan,
}

impl Qualifier {
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::AtMost,
        Qualifier::LessThan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
        }
    }

    pub fn parse(text: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == text)
    }

    /// The words put around a number when it is shown to a reader: (before, after).
    pub fn affixes(self) -> (&'static str, &'static str) {
        match self {
            Qualifier::Exact => ("", ""),
            Qualifier::MoreThan => ("逾", ""),
            Qualifier::AtLeast => ("", "以上"),
            Qualifier::About => ("約", ""),
            Qualifier::Nearly => ("近", ""),
            Qualifier::AtMost => ("", "以下"),
            Qualifier::LessThan => ("不足", ""),
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Currencies the schema accepts, with the words that name them before 元 or on their own.
pub const CURRENCIES: [(&str, &[&str]); 9] = [
    (
        "CNY",
        &[
            "元",
            "人民幣",
            "人民币",
            "人民幣元",
            "人民币元",
            "元人民幣",
            "元人民币",
        ],
    ),
    ("USD", &["美元"]),
    ("EUR", &["歐元", "欧元"]),
    ("HKD", &["港元", "港幣", "港币"]),
    ("JPY", &["日元", "日圓"]),
    ("GBP", &["英鎊", "英镑"]),
    ("SGD", &["新加坡元", "新元"]),
    ("KRW", &["韓元", "韩元"]),
    ("TWD", &["新台幣", "新台币"]),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// Whole units of `currency` (yuan for CNY).
    Money { currency: &'static str, amount: i64 },
    /// Anything else: a count (個, 次, 家), a length (公裡), a capacity (GW). The multiplier
    /// (萬, 億) is applied: `200萬單` is 2000000 單.
    Measure { value: f64, unit: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub qualifier: Qualifier,
    pub quantity: Quantity,
}

/// An amount band: `10億以上` is ≥ 10億; `20億元-50億元` is 20億 ≤ x < 50億 (a range's top
/// belongs to the next band, as sources list `50億元以上` beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub min_yuan: Option<i64>,
    pub max_yuan: Option<i64>,
    pub max_inclusive: bool,
}

const PREFIXES: [(&str, Qualifier); 24] = [
    ("不低於", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不少於", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("不超過", Qualifier::AtMost),
    ("不超过", Qualifier::AtMost),
    ("不高於", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("超過", Qualifier::MoreThan),
    ("超过", Qualifier::MoreThan),
    ("多於", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("大於", Qualifier::MoreThan),
    ("大于", Qualifier::MoreThan),
    ("低於", Qualifier::LessThan),
    ("低于", Qualifier::LessThan),
    ("不足", Qualifier::LessThan),
    // 突破1000億元: broke through the mark.
    ("突破", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("近", Qualifier::Nearly),
    ("約", Qualifier::About),
    ("约", Qualifier::About),
    // 上亿元, 上万人: reaching that order of magnitude.
    ("上", Qualifier::AtLeast),
];

const SUFFIXES: [(&str, Qualifier); 5] = [
    ("及以上", Qualifier::AtLeast),
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("左右", Qualifier::About),
    ("多", Qualifier::MoreThan),
];

/// The qualifier words a figure may carry, for messages.
pub const QUALIFIER_WORDS: &str =
    "逾 超 超過 突破 多於 近 約 不低於 不少於 不超過 不足 低於 before; 多 余 以上 以下 左右 after";

/// 多 / 余 / 餘 between the number and its unit (`50余次`, `3000多萬元`).
const INFIXES: [char; 3] = ['多', '余', '餘'];

const MULTIPLIERS: [(char, i64); 6] = [
    ('十', 10),
    ('百', 100),
    ('千', 1_000),
    ('萬', 10_000),
    ('万', 10_000),
    ('億', 100_000_000),
];

/// A unit that begins with 千 (kilo): 300萬千瓦 is 3,000,000 kilowatts, not 3,000,000,000 watts.
fn metric_unit(rest: &str) -> bool {
    ["千瓦", "千米", "千克", "千伏", "千帕", "千焦", "千卡"]
        .iter()
        .any(|u| rest.starts_with(u))
}

fn multiplier(c: char) -> Option<i64> {
    if c == '亿' {
        return Some(100_000_000);
    }
    MULTIPLIERS.iter().find(|(m, _)| *m == c).map(|(_, v)| *v)
}

pub const FORMS_HELP: &str = "a number with its unit as the source writes it, e.g. 266億元, 1.85億元, \
     逾1000億元, 近20個, 50余次, 不低於200萬單, 10億以上, 1GW";

/// Parses a figure. `default_unit` is used when the text has none (a band written `10億以上`
/// is money).
pub fn parse_figure(text: &str) -> Result<Figure, String> {
    parse_with_default_unit(text, None)
}

/// The largest amount a figure may state, in whole units of its currency: 9萬億 (9 trillion).
/// No signing comes near it (a province's whole year is a few 萬億), and a million such amounts
/// still sum within SQLite's 64-bit integers, so no report's sum can overflow.
pub const MAX_AMOUNT: i64 = 9_000_000_000_000;

/// The most digits a figure's number may have (within what the parser holds exactly), and
/// after its decimal point.
const MAX_DIGITS: usize = 30;
const MAX_DECIMALS: usize = 12;

/// The largest count of projects a figure may state (a headline count, a band's count, a
/// part's count): a million. A province reports a few thousand a year; a million such counts
/// still sum far within SQLite's 64-bit integers.
pub const MAX_COUNT: i64 = 1_000_000;

/// The largest value of any other measure (a capacity, an output, a number of jobs): 9000萬億
/// (9×10¹⁵), below 2⁵³, so that the REAL it is stored as holds it as an exact whole number and
/// a report that reads it as an integer never meets a value it cannot hold. Checked by
/// validation, beside the bound of counts, so that each figure is told its own bound.
pub const MAX_MEASURE: f64 = 9e15;

fn parse_with_default_unit(text: &str, default_unit: Option<&str>) -> Result<Figure, String> {
    let original = text;
    // ２６６億元: full-width digits and forms are the ASCII ones.
    let half: String = text.chars().map(crate::source::fold::half_width).collect();
    let mut rest = half.trim();
    if rest.is_empty() {
        return Err(format!("empty figure; expected {FORMS_HELP}"));
    }
    if rest.starts_with(['-', '−', '－']) {
        return Err(format!(
            "`{original}` is negative; figures are never below zero"
        ));
    }
    let mut qualifier = OneQualifier {
        original,
        value: Qualifier::Exact,
    };
    if let Some((p, q)) = PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
        qualifier.set(*q)?;
        rest = &rest[p.len()..];
    }
    let (mantissa, scale, after) = leading_number(original, rest)?;
    // 10 亿元: a space between the number and its unit is how some pages set it.
    let (factor, after) = multipliers(original, after.trim_start(), &mut qualifier)?;
    rest = after;
    if let Some((s, q)) = SUFFIXES.iter().find(|(s, _)| rest.ends_with(s)) {
        qualifier.set(*q)?;
        rest = &rest[..rest.len() - s.len()];
    }
    let mut unit = rest.trim();
    if unit.is_empty() {
        unit = default_unit.unwrap_or("");
    }
    if unit.is_empty() {
        return Err(format!("`{original}` has no unit; expected {FORMS_HELP}"));
    }
    let scaled = mantissa
        .checked_mul(factor)
        .ok_or_else(|| format!("`{original}` is too large"))?;
    if scaled == 0 && matches!(qualifier.value, Qualifier::Nearly | Qualifier::LessThan) {
        return Err(format!(
            "`{original}` says a little under or less than zero; figures are never below zero"
        ));
    }
    Ok(Figure {
        qualifier: qualifier.value,
        quantity: quantity(original, scaled, scale, unit)?,
    })
}

/// The one qualifier a figure may carry; a second, different one is refused.
struct OneQualifier<'a> {
    original: &'a str,
    value: Qualifier,
}

impl OneQualifier<'_> {
    fn set(&mut self, q: Qualifier) -> Result<(), String> {
        if self.value != Qualifier::Exact && self.value != q {
            return Err(format!(
                "`{}` has two qualifiers ({} and {q}); write one figure per fact",
                self.original, self.value
            ));
        }
        self.value = q;
        Ok(())
    }
}

/// The number a figure starts with: (digits without the point, digits after the point, the
/// rest). Digits with optional thousands commas and one decimal point; 上亿元 (a multiplier
/// with no number) counts one; 二十八個 in characters up to 99.
fn leading_number<'a>(original: &str, rest: &'a str) -> Result<(i128, u32, &'a str), String> {
    let number_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (number, after) = rest.split_at(number_len);
    if after.starts_with(['e', 'E']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "`{original}`: a power of ten (e{}) is not a form sources use; write the number \
             as the source does, e.g. 1000億元",
            &after[1..]
        ));
    }
    if !number.is_empty() {
        let (mantissa, scale) = parse_decimal(number).ok_or_else(|| {
            let plain = number.matches('.').count() <= 1 && !number.ends_with('.');
            let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
            let digits = number.chars().filter(char::is_ascii_digit).count();
            if plain && decimals > MAX_DECIMALS {
                format!(
                    "`{original}`: `{number}` has {decimals} digits after the decimal point; a \
                     figure has at most {MAX_DECIMALS}"
                )
            } else if plain && digits > MAX_DIGITS {
                format!(
                    "`{original}`: `{number}` has {digits} digits; a figure has at most \
                     {MAX_DIGITS} (sources write large amounts with 萬 and 億)"
                )
            } else {
                format!(
                    "`{original}`: `{number}` is not a number; write digits with at most one \
                     decimal point between digits (0.5億元, 1,200萬元); expected {FORMS_HELP}"
                )
            }
        })?;
        return Ok((mantissa, scale, after));
    }
    if after.starts_with(['百', '千', '萬', '万', '億', '亿']) {
        return Ok((1, 0, after));
    }
    let (value, len) = parse_chinese_number(after).ok_or_else(|| {
        format!(
            "`{original}` does not start with a number or a known qualifier ({}); expected \
             {FORMS_HELP}",
            QUALIFIER_WORDS
        )
    })?;
    Ok((value, 0, &after[len..]))
}

/// Optional 多/余 either side of the multipliers (百, 千, 萬, 億), and their product.
fn multipliers<'a>(
    original: &str,
    mut rest: &'a str,
    qualifier: &mut OneQualifier,
) -> Result<(i128, &'a str), String> {
    let mut factor: i128 = 1;
    while let Some(c) = rest.chars().next() {
        if INFIXES.contains(&c) {
            qualifier.set(Qualifier::MoreThan)?;
        } else if metric_unit(rest) {
            break;
        } else if let Some(m) = multiplier(c) {
            factor = factor
                .checked_mul(i128::from(m))
                .ok_or_else(|| format!("`{original}` is too large"))?;
        } else {
            break;
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok((factor, rest))
}

/// Money in whole units of its currency, or a measure with its unit.
fn quantity(original: &str, scaled: i128, scale: u32, unit: &str) -> Result<Quantity, String> {
    let divisor = 10_i128.pow(scale);
    let Some(currency) = currency_of(unit) else {
        if looks_like_currency(unit) {
            let known: Vec<String> = CURRENCIES
                .iter()
                .map(|(code, words)| format!("{} ({code})", words[0]))
                .collect();
            return Err(format!(
                "`{original}`: unknown currency `{unit}`; known currencies: {}",
                known.join(", ")
            ));
        }
        // Counts and measures are stored as REAL; an f64 holds these exactly enough.
        #[allow(clippy::cast_precision_loss)]
        let value = scaled as f64 / divisor as f64;
        return Ok(Quantity::Measure {
            value,
            unit: unit.to_string(),
        });
    };
    if scaled % divisor != 0 {
        return Err(format!(
            "`{original}` is not a whole number of {}",
            if currency == "CNY" { "yuan" } else { currency }
        ));
    }
    let amount = i64::try_from(scaled / divisor)
        .ok()
        .filter(|a| *a <= MAX_AMOUNT)
        .ok_or_else(|| {
            format!("`{original}` is more than 9萬億 (9 trillion), the largest amount a figure may state")
        })?;
    Ok(Quantity::Money { currency, amount })
}

/// Reads a population (a statistic whose metric is `population`): sources often leave out 人
/// after 万 (总人口46万), so a figure without a unit counts people.
pub fn parse_people(text: &str) -> Result<Figure, String> {
    parse_with_default_unit(text, Some("人"))
}

/// Parses a figure in a field that holds money (an event's signed amount, a project's amount,
/// a money statistic, an amount typed on the command line): sources often leave out 元
/// (實際到位資金1.85億, 投資36.8億), so a figure without a unit is yuan. The same function reads
/// files and command-line filters, so the two can never disagree.
pub fn parse_money(text: &str) -> Result<Figure, String> {
    let figure = parse_with_default_unit(text, Some("元"))?;
    if matches!(figure.quantity, Quantity::Money { .. }) {
        Ok(figure)
    } else {
        Err(format!(
            "`{text}` is not an amount of money; expected e.g. 52億元, 1.85億, 5000萬元, 5000萬美元"
        ))
    }
}

pub const AMOUNT_FORMS_HELP: &str = "expected an amount in yuan such as 10億, 10亿, 5000萬, 5000万, 1.85亿, 266億元, 2.5e9 or 1850000";

/// Parses an amount a user types on the command line into whole yuan.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let bad = |why: &str| format!("`{text}` {why}; {AMOUNT_FORMS_HELP}");
    if text.is_empty() {
        return Err(bad("is empty"));
    }
    if text.contains(['e', 'E'])
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".eE+".contains(c))
    {
        let value: f64 = text.parse().map_err(|_| bad("is not a number"))?;
        if !value.is_finite() || value.fract() != 0.0 || value > 9.0e18 {
            return Err(bad("is not a whole number of yuan"));
        }
        #[allow(clippy::cast_possible_truncation)]
        return Ok(value as i64);
    }
    let figure = parse_money(text).map_err(|e| format!("{e}; {AMOUNT_FORMS_HELP}"))?;
    match figure {
        Figure {
            qualifier: Qualifier::Exact,
            quantity:
                Quantity::Money {
                    currency: "CNY",
                    amount,
                },
        } => Ok(amount),
        Figure {
            qualifier: Qualifier::Exact,
            ..
        } => Err(bad("is not an amount in yuan")),
        _ => Err(bad("has a qualifier; give a plain amount")),
    }
}

/// A unit that names money this program does not know (澳元, 卢布): refused rather than stored
/// as a count.
fn looks_like_currency(unit: &str) -> bool {
    const OTHERS: [&str; 12] = [
        "卢布", "盧布", "法郎", "马克", "馬克", "里拉", "卢比", "盧比", "比索", "令吉", "泰铢",
        "泰銖",
    ];
    unit.ends_with('元') || unit.ends_with('币') || unit.ends_with('幣') || OTHERS.contains(&unit)
}

fn currency_of(unit: &str) -> Option<&'static str> {
    CURRENCIES
        .iter()
        .find(|(_, words)| words.contains(&unit))
        .map(|(code, _)| *code)
}

/// `"1,000.5"` → (10005, 1). None unless it is a plain non-negative decimal.
fn parse_decimal(text: &str) -> Option<(i128, u32)> {
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits.as_str(), ""),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > MAX_DECIMALS
        || whole.len() + frac.len() > MAX_DIGITS
        || digits.ends_with('.')
    {
        return None;
    }
    let mantissa: i128 = format!("{whole}{frac}").parse().ok()?;
    Some((mantissa, u32::try_from(frac.len()).ok()?))
}

/// Numbers written in characters: 三個, 十一條, 兩家, 一百零八個, 二百六十六億元, 〇個, 壹佰個,
/// 一〇八; 萬 and 億 within the number (三萬五千) or after it (二百六十六億, read here or as a
/// multiplier, the same). Returns the value and the byte length read.
fn parse_chinese_number(text: &str) -> Option<(i128, usize)> {
    fn digit(c: char) -> Option<i128> {
        const DIGITS: [&str; 10] = [
            "〇零",
            "一壹",
            "二兩两貳贰",
            "三叁參",
            "四肆",
            "五伍",
            "六陸陆",
            "七柒",
            "八捌",
            "九玖",
        ];
        DIGITS
            .iter()
            .position(|forms| forms.contains(c))
            .map(|p| p as i128)
    }
    fn unit(c: char) -> Option<i128> {
        match c {
            '十' | '拾' => Some(10),
            '百' | '佰' => Some(100),
            '千' | '仟' => Some(1_000),
            _ => None,
        }
    }
    // result: whole 萬 and 億 sections; section: below 萬; number: the digits not yet scaled
    let (mut result, mut section, mut number): (i128, i128, Option<i128>) = (0, 0, None);
    let mut previous_was_digit = false;
    let mut len = 0;
    for (i, c) in text.char_indices() {
        if let Some(d) = digit(c) {
            // 一〇八: digits in a row are read positionally; 一百零八: 零 holds a place.
            number = Some(if previous_was_digit {
                number.unwrap_or(0).checked_mul(10)? + d
            } else {
                d
            });
            previous_was_digit = true;
        } else if let Some(u) = unit(c) {
            section = section.checked_add(number.unwrap_or(1).checked_mul(u)?)?;
            number = None;
            previous_was_digit = false;
        } else if matches!(c, '萬' | '万' | '億' | '亿') && len > 0 {
            let below = section + number.unwrap_or(0);
            if c == '萬' || c == '万' {
                result = result.checked_add(below.checked_mul(10_000)?)?;
            } else {
                result = result.checked_add(below)?.checked_mul(100_000_000)?;
            }
            section = 0;
            number = None;
            previous_was_digit = false;
        } else {
            break;
        }
        len = i + c.len_utf8();
    }
    if len == 0 {
        return None;
    }
    Some((result + section + number.unwrap_or(0), len))
}

const BAND_SEPARATORS: [&str; 6] = ["-", "－", "–", "—", "~", "至"];

/// Words that sources put inside a band without changing it: 億元規模以上 (規模, "in scale"),
/// 5000萬元(含)以上 ("inclusive", which 以上 already is), 1億元及以上.
const BAND_FILLERS: [&str; 6] = ["規模", "规模", "(含)", "（含）", "(含", "（含"];

fn without_band_fillers(text: &str) -> String {
    let mut plain = text.to_string();
    for filler in BAND_FILLERS {
        plain = plain.replace(filler, "");
    }
    plain.replace("及以上", "以上").replace("及以下", "以下")
}

/// Parses an amount band: `10億以上`, `20億元-50億元`, `1億元以下`; with filler words too
/// (`億元規模以上`, `5000萬元(含)以上`, `1億元及以上`).
pub fn parse_band(text: &str) -> Result<Band, String> {
    let plain = without_band_fillers(text);
    let money = |part: &str| -> Result<(i64, Qualifier), String> {
        let figure = parse_with_default_unit(part, Some("元"))?;
        match figure.quantity {
            Quantity::Money {
                currency: "CNY",
                amount,
            } => Ok((amount, figure.qualifier)),
            _ => Err(format!(
                "band `{text}` must be in yuan (e.g. 10億以上, 20億元-50億元)"
            )),
        }
    };
    if let Some((low, high)) = BAND_SEPARATORS.iter().find_map(|sep| plain.split_once(sep)) {
        let (min, q1) = money(low)?;
        let (max, q2) = money(high)?;
        if q1 != Qualifier::Exact || q2 != Qualifier::Exact {
            return Err(format!(
                "band `{text}`: write a range as two plain amounts, e.g. 20億元-50億元"
            ));
        }
        if min > max {
            return Err(format!("band `{text}`: its low end is above its high end"));
        }
        return Ok(Band {
            min_yuan: Some(min),
            max_yuan: Some(max),
            max_inclusive: false,
        });
    }
    let (bound, qualifier) = money(&plain)?;
    match qualifier {
        Qualifier::AtLeast => Ok(Band {
            min_yuan: Some(bound),
            max_yuan: None,
            max_inclusive: false,
        }),
        Qualifier::MoreThan => Ok(Band {
            // Whole yuan: "more than x" is "at least x + 1".
            min_yuan: Some(bound.saturating_add(1)),
            max_yuan: None,
            max_inclusive: false,
        }),
        Qualifier::AtMost => Ok(Band {
            min_yuan: None,
            max_yuan: Some(bound),
            max_inclusive: true,
        }),
        Qualifier::LessThan => Ok(Band {
            min_yuan: None,
            max_yuan: Some(bound),
            max_inclusive: false,
        }),
        _ => Err(format!(
            "band `{text}`: expected a bound such as 10億以上, 1億元以下 or a range 20億元-50億元"
        )),
    }
}

/// Folds the characters that differ between the scripts in figures (億/亿, 個/个, 餘/余 …) so
/// that a figure written in simplified can be found in a traditional quote.
pub fn fold_figure_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '億' => '亿',
            '萬' => '万',
            '個' => '个',
            '餘' => '余',
            '於' => '于',
            '過' => '过',
            '約' => '约',
            '幣' => '币',
            '裡' | '裏' => '里',
            '圓' => '元',
            '項' => '项',
            '單' => '单',
            '台' | '臺' => '台',
            '－' | '–' | '—' => '-',
            // Full-width digits (２６６億元) are the digits a figure is written with.
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}

/// Shows whole yuan as a reader expects: 266億, 1.85億, 5000萬, 3500元.
pub fn format_yuan(amount: i64) -> String {
    const WAN_YI: i64 = 1_000_000_000_000;
    const YI: i64 = 100_000_000;
    const WAN: i64 = 10_000;
    let (unit_value, unit) = if amount.abs() >= WAN_YI {
        (WAN_YI, "萬億")
    } else if amount.abs() >= YI {
        (YI, "億")
    } else if amount.abs() >= WAN {
        (WAN, "萬")
    } else if amount == 0 {
        return "0".to_string();
    } else {
        return format!("{amount}元");
    };
    let whole = amount / unit_value;
    let frac = (amount % unit_value).abs();
    if frac == 0 {
        return format!("{whole}{unit}");
    }
    let digits = match unit_value {
        WAN_YI => 12,
        YI => 8,
        _ => 4,
    };
    let frac_text = format!("{frac:0digits$}");
    format!("{whole}.{}{unit}", frac_text.trim_end_matches('0'))
}

/// A qualified amount for reading: 逾1000億, 10億以上, 52億.
pub fn format_qualified_yuan(amount: i64, qualifier: Qualifier) -> String {
    let (before, after) = qualifier.affixes();
    format!("{before}{}{after}", format_yuan(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> (i64, Qualifier) {
        match parse_figure(text) {
            Ok(Figure {
                qualifier,
                quantity: Quantity::Money { amount, .. },
            }) => (amount, qualifier),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn money_in_the_seed_forms() {
        assert_eq!(money("266億元"), (26_600_000_000, Qualifier::Exact));
        assert_eq!(money("1.85億元"), (185_000_000, Qualifier::Exact));
        assert_eq!(money("逾1000億元"), (100_000_000_000, Qualifier::MoreThan));
        assert_eq!(money("5000萬元"), (50_000_000, Qualifier::Exact));
        assert_eq!(money("3000多萬元"), (30_000_000, Qualifier::MoreThan));
        assert_eq!(money("1000亿元"), (100_000_000_000, Qualifier::Exact));
        assert_eq!(money("亿元"), (100_000_000, Qualifier::Exact));
        assert_eq!(money("上亿元"), (100_000_000, Qualifier::AtLeast));
        // 元人民币 as written, with the bound after it.
        assert_eq!(money("1亿元人民币以上"), (100_000_000, Qualifier::AtLeast));
        assert_eq!(
            money("突破1000亿元"),
            (100_000_000_000, Qualifier::MoreThan)
        );
    }

    #[test]
    fn counts_keep_their_qualifier() {
        let f = parse_figure("50余次").unwrap();
        assert_eq!(f.qualifier, Qualifier::MoreThan);
        assert_eq!(
            f.quantity,
            Quantity::Measure {
                value: 50.0,
                unit: "次".into()
            }
        );
        let f = parse_figure("不低於200萬單").unwrap();
        assert_eq!(f.qualifier, Qualifier::AtLeast);
        assert_eq!(
            f.quantity,
            Quantity::Measure {
                value: 2_000_000.0,
                unit: "單".into()
            }
        );
        assert_eq!(parse_figure("近20個").unwrap().qualifier, Qualifier::Nearly);
        for (text, expected) in [
            ("三個", 3.0),
            ("十一條", 11.0),
            ("二十家", 20.0),
            ("兩家", 2.0),
        ] {
            match parse_figure(text).unwrap().quantity {
                Quantity::Measure { value, .. } => assert_eq!(value, expected, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn kilo_units_are_units_not_multipliers() {
        for (text, value, unit) in [
            ("300万千瓦", 3_000_000.0, "千瓦"),
            ("35萬千瓦", 350_000.0, "千瓦"),
            ("1.2万千米", 12_000.0, "千米"),
            ("500千克", 500.0, "千克"),
            ("5千吨", 5_000.0, "吨"),
            ("3千萬千瓦時", 30_000_000.0, "千瓦時"),
        ] {
            assert_eq!(
                parse_figure(text).unwrap().quantity,
                Quantity::Measure {
                    value,
                    unit: unit.into()
                },
                "{text}"
            );
        }
    }

    #[test]
    fn foreign_currency_is_kept() {
        let f = parse_figure("1.5億美元").unwrap();
        assert_eq!(
            f.quantity,
            Quantity::Money {
                currency: "USD",
                amount: 150_000_000
            }
        );
    }

    #[test]
    fn bad_figures_are_refused() {
        assert!(parse_figure("").is_err());
        assert!(parse_figure("元").is_err());
        assert!(parse_figure("12").is_err(), "a figure needs a unit");
        assert!(
            parse_figure("1.234567891億元").is_err(),
            "fraction of a yuan"
        );
        assert!(parse_figure("逾近5個").is_err());
        assert!(parse_figure("99999999999999億元").is_err(), "overflow");
        assert!(
            parse_figure("10亿卢布")
                .unwrap_err()
                .contains("unknown currency `卢布`")
        );
        assert!(
            parse_figure("10亿澳元")
                .unwrap_err()
                .contains("unknown currency `澳元`")
        );
    }

    #[test]
    fn bands() {
        assert_eq!(
            parse_band("10億以上").unwrap(),
            Band {
                min_yuan: Some(1_000_000_000),
                max_yuan: None,
                max_inclusive: false
            }
        );
        assert_eq!(
            parse_band("20億元-50億元").unwrap(),
            Band {
                min_yuan: Some(2_000_000_000),
                max_yuan: Some(5_000_000_000),
                max_inclusive: false
            }
        );
        assert_eq!(parse_band("上亿元").unwrap().min_yuan, Some(100_000_000));
        assert_eq!(parse_band("亿元以上").unwrap().min_yuan, Some(100_000_000));
        for (text, min) in [
            ("億元規模以上", 100_000_000),
            ("亿元规模以上", 100_000_000),
            ("5000萬元(含)以上", 50_000_000),
            ("5000万元（含）以上", 50_000_000),
            ("1億元及以上", 100_000_000),
            ("10億元規模以上", 1_000_000_000),
        ] {
            assert_eq!(
                parse_band(text).map(|b| b.min_yuan),
                Ok(Some(min)),
                "{text}"
            );
        }
        assert!(parse_band("50億元-20億元").is_err());
        assert!(parse_band("約10億").is_err());
    }

    #[test]
    fn money_without_yuan_in_money_fields() {
        for (text, yuan, q) in [
            ("1.85億", 185_000_000, Qualifier::Exact),
            ("36.8億", 3_680_000_000, Qualifier::Exact),
            ("逾204億", 20_400_000_000, Qualifier::MoreThan),
            ("5000萬", 50_000_000, Qualifier::Exact),
            ("3千萬", 30_000_000, Qualifier::Exact),
            ("266億元", 26_600_000_000, Qualifier::Exact),
        ] {
            let f = parse_money(text).unwrap();
            assert_eq!(f.qualifier, q, "{text}");
            assert_eq!(
                f.quantity,
                Quantity::Money {
                    currency: "CNY",
                    amount: yuan
                },
                "{text}"
            );
        }
        assert!(
            parse_money("28個")
                .unwrap_err()
                .contains("not an amount of money")
        );
        // Outside money fields a figure still needs its unit.
        assert!(parse_figure("1.85億").is_err());
    }

    #[test]
    fn populations_may_leave_out_ren() {
        for (text, q) in [
            ("46万", Qualifier::Exact),
            ("46萬人", Qualifier::Exact),
            ("近46万", Qualifier::Nearly),
        ] {
            let f = parse_people(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(f.qualifier, q, "{text}");
            assert!(
                matches!(&f.quantity, Quantity::Measure { value, unit } if *value == 460_000.0 && unit == "人"),
                "{text}: {:?}",
                f.quantity
            );
        }
        // Elsewhere 46万 still needs its unit.
        assert!(parse_figure("46万").is_err());
    }

    #[test]
    fn amounts_typed_by_users() {
        for (text, yuan) in [
            ("10億", 1_000_000_000),
            ("10亿", 1_000_000_000),
            ("5000萬", 50_000_000),
            ("5000万", 50_000_000),
            ("1.85亿", 185_000_000),
            ("266億元", 26_600_000_000),
            ("2.5e9", 2_500_000_000),
            ("1850000", 1_850_000),
        ] {
            assert_eq!(parse_amount(text), Ok(yuan), "{text}");
        }
        for bad in ["", "ten", "1.5e-3", "逾10億", "10美元", "-5億", "1e400"] {
            let err = parse_amount(bad).expect_err(bad);
            assert!(err.contains("expected an amount in yuan"), "{bad}: {err}");
        }
    }

    #[test]
    fn display() {
        assert_eq!(format_yuan(26_600_000_000), "266億");
        assert_eq!(format_yuan(185_000_000), "1.85億");
        // Totals of a province's year reach 萬億 (a trillion).
        assert_eq!(format_yuan(3_325_000_000_000), "3.325萬億");
        assert_eq!(format_yuan(1_000_000_000_000), "1萬億");
        assert_eq!(format_yuan(50_000_000), "5000萬");
        assert_eq!(
            format_qualified_yuan(100_000_000_000, Qualifier::MoreThan),
            "逾1000億"
        );
        assert_eq!(
            format_qualified_yuan(1_000_000_000, Qualifier::AtLeast),
            "10億以上"
        );
    }
}
