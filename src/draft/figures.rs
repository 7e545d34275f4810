//! Figures as the text writes them, found with their byte spans: amounts of money (亿元, 万美元,
//! 港元 …) and counts (个, 家, 宗, 项), each with its qualifier words kept and the words that are
//! not qualifiers dropped (共, 达, and the 约 of 签约).

use std::sync::LazyLock;

use regex::Regex;

/// Digits as a source writes them (ASCII or full-width, with a decimal point), or a Chinese
/// numeral that begins with a digit or 十 (十五, 一百三十五, 二千零五: a bare 百 or 千 is a
/// multiplier's, 近百亿元).
pub const NUMBER: &str = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十两兩][一二三四五六七八九十两兩百千零〇]{0,7})";

const QUALIFIER_BEFORE: &str = r"(?:不少于|不少於|不低于|不低於|不超过|不超過|不足|逾|超过|超過|突破|超|近|约|約|达到|達到|达|達|共计|共計|合计|合計|总计|總計|共|高达|高達)?";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"{QUALIFIER_BEFORE}({NUMBER})\s?(余|餘|多)?(万亿|萬億|千万|千萬|百万|百萬|亿|億|万|萬)?(余|餘|多)?(元人民币|元人民幣|人民币|人民幣|元|美元|港元|港币|港幣|日元|日圓|欧元|歐元|英镑|英鎊|新加坡元)?(以上|左右)?"
    ))
    .unwrap_or_else(|e| panic!("the money pattern: {e}"))
});

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"{QUALIFIER_BEFORE}({NUMBER})(余|餘|多)?(?:(?:万|萬)(?:余|餘|多)?)?(个|個|家|宗|项|項|批)(以上|左右)?"
    ))
    .unwrap_or_else(|e| panic!("the count pattern: {e}"))
});

/// An amount with no digits, only a qualifier and its multipliers (超千亿元, 近百億元, 超萬億元).
static ROUND_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:逾|超过|超過|突破|超|近|约|約)(?:百|千|万|萬)(?:亿|億)(?:元人民币|元人民幣|元|美元|港元|欧元|歐元)",
    )
    .unwrap_or_else(|e| panic!("the round money pattern: {e}"))
});

/// How long a fair lasts (为期4天, 歷時三天).
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(r"(?:为期|為期|历时|歷時)({NUMBER})天"))
        .unwrap_or_else(|e| panic!("the duration pattern: {e}"))
});

/// A figure found in a text: its span (qualifier words included) and its value as the figure
/// parser reads it (`逾266億元`, `28個`).
#[derive(Debug, Clone)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: String,
}

/// Words before a number that are not qualifiers: 共28個 is 28個, 达 is exact.
const NOT_QUALIFIERS: &[&str] = &[
    "共计", "共計", "合计", "合計", "总计", "總計", "达到", "達到", "高达", "高達", "共", "达",
    "達",
];

fn ascii(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}

/// The start of a figure after the words that are not qualifiers, and after the 约 of 签约.
fn trimmed_start(text: &str, start: usize) -> usize {
    let mut s = start;
    let before = &text[..s];
    let rest = &text[s..];
    if (rest.starts_with('约') || rest.starts_with('約'))
        && (before.ends_with('签') || before.ends_with('簽') || before.ends_with('契'))
    {
        s += '约'.len_utf8();
    }
    for w in NOT_QUALIFIERS {
        if text[s..].starts_with(w) {
            s += w.len();
            break;
        }
    }
    s
}

/// Amounts of money in `text`: a multiplier (亿, 万) or a currency is needed; `5.8亿` is read
/// as yuan unless a unit of something else follows (亿只, 亿度).
pub fn money(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in MONEY.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        // 四十六點二億元: the digits after a decimal point in characters are not a figure (the
        // number as a whole is not read: left for the user, never misread as 二億元).
        // 三万五千元 read from 五千, 七八百万元: a piece of a numeral, or a rough range, is no
        // figure either.
        if c.get(1).is_some_and(|n| {
            text[..n.start()].ends_with(['点', '點'])
                || chinese_piece(text, n.start())
                || rough_range(n.as_str())
        }) {
            continue;
        }
        let multiplier = c.get(3).map(|x| x.as_str());
        let currency = c.get(5).map(|x| x.as_str());
        // 三元前驱体, 三元锂电池: a word (ternary), not three yuan; no amount here is written
        // in characters without 万 or 亿.
        // (Digits, ASCII or full-width, are numeric; 三 and 十 are letters.)
        let in_characters = c
            .get(1)
            .is_some_and(|n| !n.as_str().contains(char::is_numeric));
        if multiplier.is_none() && in_characters {
            continue;
        }
        let after = text[m.end()..].chars().next();
        let bare_yi = currency.is_none()
            && matches!(multiplier, Some("亿" | "億" | "万亿" | "萬億"))
            && !after.is_some_and(|a| {
                ('\u{4e00}'..='\u{9fff}').contains(&a) && !"的、和及与與,".contains(a)
            });
        if currency.is_none() && !bare_yi {
            continue;
        }
        let start = trimmed_start(text, m.start());
        let value = ascii(&text[start..m.end()]);
        out.push(Found {
            start,
            end: m.end(),
            value,
        });
    }
    for m in ROUND_MONEY.find_iter(text) {
        if !out.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            out.push(found(text, m.start(), m.end()));
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Counts in `text` (个, 家, 宗, 项, 批); the prose's counts of points (呈现四个特点, 三个方面)
/// are none.
pub fn counts(text: &str) -> Vec<Found> {
    COUNT
        .find_iter(text)
        .filter(|m| !POINTS.iter().any(|w| text[m.end()..].starts_with(w)))
        .filter(|m| !rough_range(m.as_str()) && !chinese_piece(text, m.start()))
        .map(|m| {
            let start = trimmed_start(text, m.start());
            Found {
                start,
                end: m.end(),
                value: ascii(&text[start..m.end()]),
            }
        })
        .collect()
}

/// Whether a numeral in characters is a rough range (七八百, 一两千): two digits side by side.
fn rough_range(numeral: &str) -> bool {
    let digit = |c: char| "一二三四五六七八九两兩".contains(c);
    let chars: Vec<char> = numeral.chars().collect();
    chars.windows(2).any(|w| digit(w[0]) && digit(w[1]))
}

/// Whether a numeral in characters at `start` continues one before it (三万五千: 五千 follows 万).
fn chinese_piece(text: &str, start: usize) -> bool {
    text[start..].starts_with(|c: char| "一二三四五六七八九十两兩".contains(c))
        && text[..start].ends_with(['万', '萬', '亿', '億'])
}

/// What a count of the prose counts: points, not things (四个特点, 三個亮點).
const POINTS: &[&str] = &[
    "特点", "特點", "方面", "亮点", "亮點", "特征", "特徵", "变化", "變化", "优势", "優勢",
];

static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"{QUALIFIER_BEFORE}({NUMBER})(余|餘|多)?(万|萬|亿|億)?(余|餘|多)?(平方公里|平方千米|平方米|立方米|公里|千米|亩|畝|吨|噸|公斤|斤|万人次|萬人次|人次|万人|萬人|人|名|户|戶|%|％|个百分点|個百分點|倍|小时|小時|分钟|分鐘|兆瓦|千瓦时|千瓦時|千瓦|度|辆|輛|套|支|条|條|座|所|批次|次|场|場|种|種|份|位)(以上|左右)?"
    ))
    .unwrap_or_else(|e| panic!("the measure pattern: {e}"))
});

/// Measures with a unit (2998平方公里, 13.6%, 30多支, 为期4天): what a report says of the place.
pub fn measures(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = MEASURE
        .find_iter(text)
        .map(|m| {
            let mut f = found(text, m.start(), m.end());
            f.value = f.value.replace('％', "%");
            f
        })
        .collect();
    for c in DURATION.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        out.push(Found {
            start: n.start(),
            end: whole.end(),
            value: ascii(&text[n.start()..whole.end()]),
        });
    }
    out.sort_by_key(|f| f.start);
    out
}

/// The figure at a match, without the words before it that are not qualifiers (达, 共).
fn found(text: &str, start: usize, end: usize) -> Found {
    let start = trimmed_start(text, start);
    Found {
        start,
        end,
        value: ascii(&text[start..end]),
    }
}

/// 人口46万, 常住人口约470万: a population written without 人 after 万 (46万人 is a measure).
static PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"人口(?:总数|總數)?(?:为|為|有)?({QUALIFIER_BEFORE}{NUMBER}(?:余|餘|多)?(?:万|萬)(?:余|餘|多)?)(人)?"
    ))
    .unwrap_or_else(|e| panic!("the population pattern: {e}"))
});

/// Populations written without their 人 (总人口46万): the figure as written, which a
/// `population` statistic reads as people.
pub fn people(text: &str) -> Vec<Found> {
    PEOPLE
        .captures_iter(text)
        .filter(|c| c.get(2).is_none())
        .filter_map(|c| c.get(1))
        .map(|m| found(text, m.start(), m.end()))
        .collect()
}

/// Whether the words just before an amount make it a revenue, output or tax, not an
/// investment (预计年营业收入100亿元, 年产值12亿元, 利税3亿元).
pub fn is_revenue(before: &str) -> bool {
    let near: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "营业收入",
        "營業收入",
        "营收",
        "營收",
        "产值",
        "產值",
        "销售收入",
        "銷售收入",
        "销售额",
        "銷售額",
        "税收",
        "稅收",
        "利税",
        "利稅",
        "收入",
        "利润",
        "利潤",
    ]
    .iter()
    .any(|w| near.contains(w))
}

static OF_PROJECTS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"^(?:[\p{Han}]{0,8}?|[\p{Han}、]{0,16}?、[\p{Han}]{0,6}?)(?:项目|項目)",
    )
    .unwrap_or_else(|e| panic!("the projects pattern: {e}"))
});
static OF_PROJECTS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:项目|項目)(?:[\p{Han}]{0,3})$|(?:签约|簽約|签订|簽訂|引进|引進|落户|落戶)了?$",
    )
    .unwrap_or_else(|e| panic!("the projects pattern: {e}"))
});

/// Whether a count in a clause counts projects: 28个项目, 17个招商项目, 签约项目12个, 项目共5个.
pub fn counts_projects(clause: &str, f: &Found) -> bool {
    if f.value.ends_with('家') || f.value.ends_with('批') {
        return false;
    }
    let after = &clause[f.end..];
    let before = &clause[..f.start];
    let after_ok = OF_PROJECTS_AFTER
        .find(after)
        .is_some_and(|m| !m.as_str().contains(['个', '個', '家']));
    after_ok || OF_PROJECTS_BEFORE.is_match(before)
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &MONEY,
        &COUNT,
        &ROUND_MONEY,
        &DURATION,
        &MEASURE,
        &PEOPLE,
        &OF_PROJECTS_AFTER,
        &OF_PROJECTS_BEFORE,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(found: Vec<Found>) -> Vec<String> {
        found.into_iter().map(|f| f.value).collect()
    }

    #[test]
    fn the_yue_of_qianyue_is_not_about() {
        assert_eq!(values(money("签约52亿元")), vec!["52亿元"]);
        assert_eq!(values(money("总投资约52亿元")), vec!["约52亿元"]);
        assert_eq!(
            values(money("共签约项目12个,总投资达44.8亿")),
            vec!["44.8亿"]
        );
    }

    #[test]
    fn bounds_in_words_are_qualifiers() {
        // Written for this test, after a district's targets.
        assert_eq!(
            values(counts("引进亿元以上项目不少于40个")),
            vec!["不少于40个"]
        );
        assert_eq!(
            values(money("协议投资额不低于200亿元")),
            vec!["不低于200亿元"]
        );
        assert_eq!(
            values(money("单个项目不超过5000万元")),
            vec!["不超过5000万元"]
        );
    }

    #[test]
    fn currencies_and_bare_yi() {
        assert_eq!(values(money("合同外资2.1亿美元")), vec!["2.1亿美元"]);
        assert_eq!(values(money("年产60亿只口罩")), Vec::<String>::new());
        assert_eq!(values(money("投资超10亿元以上")), vec!["超10亿元以上"]);
        // The digits after 點 are no figure of their own (written for this test).
        assert_eq!(
            values(money("实现地区生产总值四十六點二億元")),
            Vec::<String>::new()
        );
    }

    /// Chinese numerals past 99 are read whole (words written for this test): 一百三十五亿元 is
    /// not 三十五亿元; a bare 百 (近百亿元) stays a round amount.
    #[test]
    fn chinese_numerals_with_hundreds_and_thousands() {
        assert_eq!(
            values(money("实际到位资金一百三十五亿元")),
            vec!["一百三十五亿元"]
        );
        assert_eq!(values(counts("新签项目六百三十七项")), vec!["六百三十七项"]);
        assert_eq!(values(money("投资二千零五万元")), vec!["二千零五万元"]);
        assert_eq!(values(money("共投资五千万元")), vec!["五千万元"]);
        assert_eq!(values(money("签约额近百亿元")), vec!["近百亿元"]);
        // A piece of a numeral and a rough range are no figures (after the review).
        assert_eq!(values(money("投资三万五千元")), Vec::<String>::new());
        assert_eq!(values(counts("七八百家企业")), Vec::<String>::new());
        assert_eq!(values(money("一两千万元")), Vec::<String>::new());
    }

    #[test]
    fn measures_of_people_visits_and_goods() {
        assert_eq!(values(measures("共邀请客商254人")), vec!["254人"]);
        assert_eq!(values(measures("年接待游客2300万人次")), vec!["2300万人次"]);
        assert_eq!(values(measures("粮食总产量达到32亿斤")), vec!["32亿斤"]);
        assert_eq!(values(measures("动员1000名干部群众")), vec!["1000名"]);
        // Occasions held (举办各类推介活动50余场).
        assert_eq!(values(measures("还将举行4场专题推介")), vec!["4场"]);
    }

    #[test]
    fn populations_without_ren() {
        assert_eq!(values(people("全县总人口42万,辖12个乡镇")), vec!["42万"]);
        assert_eq!(values(people("常住人口约470万")), vec!["约470万"]);
        assert_eq!(values(people("户籍人口近100万")), vec!["近100万"]);
        // 46万人 is a measure already.
        assert_eq!(values(people("人口46万人")), Vec::<String>::new());
    }

    #[test]
    fn counts_of_projects() {
        let clause = "共签约招商项目17个";
        let f = counts(clause);
        assert_eq!(f.len(), 1);
        assert!(counts_projects(clause, &f[0]));
        let clause = "28个项目携266亿元落户";
        assert!(counts_projects(clause, &counts(clause)[0]));
        let clause = "企业负责人60余家";
        assert!(!counts_projects(clause, &counts(clause)[0]));
    }
}
