//! The place that held the event: every division the gazetteer finds anywhere in the text,
//! weighed by where it stands (the title, the first sentence, as the subject of 举行/签约, or
//! as the venue after 在…举行 or 赴), with 全县/该区/我市/本市 counting for a place of that kind.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::text::Doc;
use crate::source::divisions::{Division, Level, Mention, gazetteer, short_form};

/// The host: its name as the text writes it, the division it resolves to, where it was found,
/// and what the draft is unsure of.
#[derive(Debug, Clone)]
pub struct Host {
    pub name: String,
    pub division: Option<Division>,
    /// Byte offset of a mention (for the quote).
    pub at: usize,
    pub doubt: Option<String>,
    /// Places named as the venue (在深圳举行), when away from home.
    pub venue: Option<String>,
    /// The host is a zone or park of the division (新乡经济技术开发区): `name` is the zone's.
    pub zone: bool,
    /// Where the text names a place whose name holds a count (五家渠: 五家).
    pub counted_names: Vec<(usize, usize)>,
}

const HOLDS: &[&str] = &[
    "举行",
    "舉行",
    "召开",
    "召開",
    "举办",
    "舉辦",
    "签约",
    "簽約",
    "招商",
    "集中",
    "重点项目",
    "重點項目",
    "项目",
    "項目",
    "共",
    "成功",
    "与",
    "與",
    "在",
];
/// A local paper, site or station after a place's name.
const NEWSPAPERS: &[&str] = &[
    "日报",
    "日報",
    "晚报",
    "晚報",
    "新闻网",
    "新聞網",
    "电视台",
    "電視台",
    "融媒体",
    "融媒體",
];
const AWAY: &[&str] = &["赴", "到", "前往", "走进", "走進", "在", "于", "於"];

fn kind_words(level: Level, code: u32, name: &str) -> &'static [&'static str] {
    match (level, name.chars().last()) {
        (Level::County, Some('县' | '縣')) => &[
            "全县", "全縣", "该县", "該縣", "我县", "我縣", "本县", "本縣",
        ],
        (Level::County, Some('区' | '區')) => &[
            "全区", "全區", "该区", "該區", "我区", "我區", "本区", "本區",
        ],
        (Level::County | Level::Prefecture, Some('市')) => {
            &["全市", "该市", "該市", "我市", "本市"]
        }
        (Level::Prefecture, Some('州')) => &["全州", "该州", "該州", "我州", "本州"],
        // 北京, 天津, 上海, 重庆 say 全市, never 我省 (我市 is mostly a prefecture's paper).
        (Level::Province, _) if MUNICIPALITIES.contains(&code) => &["全区", "全區", "全市"],
        (Level::Province, _) => &[
            "全省", "该省", "該省", "我省", "本省", "全区", "全區", "全市",
        ],
        _ => &[],
    }
}

const GENERIC_NAMES: &[&str] = &[
    "新区", "城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "市区", "中区", "老区", "特区",
];

/// Short forms of divisions that are everyday words (合作市 → 合作项目, 资源县 → 资源, 新兴区 →
/// 新兴产业, 和平区 → 和平): written without their kind, they are the word, not the place.
const WORDS_NOT_PLACES: &[&str] = &[
    "合作", "资源", "动力", "温泉", "振兴", "公园", "南部", "新兴", "新建", "市中", "中原", "和平",
    "新华", "新城", "友好", "东风", "城关", "平原", "港口", "清新", "运河", "露天", "站前", "红旗",
    "台前", "东市", "莲花", "三元", "长乐", "金明", "建华", "立新", "江城", "市北", "市南", "前进",
    "胜利", "向阳", "解放", "先锋", "团结", "光明", "民主", "太平", "平安", "长安", "永安", "开发",
    "城中", "城东", "城西", "城南", "城北", "中心", "海港", "铁西", "铁东", "新市", "白云", "青山",
];

struct Candidate {
    name: String,
    indexes: Vec<usize>,
    score: i32,
    first: usize,
    venue_only: bool,
    /// Some mention names it as the venue (在上海举办).
    venue_some: bool,
    full: bool,
}

/// The place that held the event, or None when the text names no division.
pub fn host(doc: &Doc) -> Option<Host> {
    let g = gazetteer();
    let mentions = g.find_in_text(doc.text);
    let counted_names: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| !super::figures::counts(&doc.text[m.start..m.end]).is_empty())
        .map(|m| (m.start, m.end))
        .collect();
    let mut ranked: Vec<Candidate> = candidates(doc, &mentions).into_values().collect();
    // Highest score; a lower level before a higher one on a tie (the county, not its city).
    ranked.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.score),
            std::cmp::Reverse(g.division(c.indexes[0]).level),
            c.first,
        )
    });
    let venue = ranked.iter().find(|c| c.venue_only).map(|c| c.name.clone());
    let Some(best) = ranked.first() else {
        return unlisted(doc).map(|h| Host { counted_names, ..h });
    };
    let doubt = ranked.get(1).and_then(|second| {
        (second.score >= best.score - 1 && !second.venue_only).then(|| {
            format!(
                "two candidate places: {} and {} (the first is named more, or earlier, as the host)",
                best.name, second.name
            )
        })
    });
    // 山西开发区: a province's zones in general, not one zone.
    let zone = (g.division(best.indexes[0]).level != Level::Province)
        .then(|| zone_of(doc, &mentions, best))
        .flatten();
    Some(Host {
        name: zone.clone().unwrap_or_else(|| best.name.clone()),
        division: resolve(&best.name, doc.text, &mentions, doc.year),
        at: best.first,
        doubt,
        venue: venue.filter(|v| *v != best.name),
        zone: zone.is_some(),
        counted_names,
    })
}

/// 新乡经济技术开发区举行…: the zone the division's name begins holds it, when its first
/// mention names it (a newspaper's name, 南昌日报, is no mention).
fn zone_of(doc: &Doc, mentions: &[Mention], best: &Candidate) -> Option<String> {
    let key = |m: &Mention| name_key(&doc.text[m.start..m.end]);
    let best_key = key(mentions.iter().find(|m| m.start == best.first)?);
    let mut named = mentions.iter().filter(|m| {
        m.start >= best.first
            && key(m) == best_key
            && !NEWSPAPERS.iter().any(|w| doc.text[m.end..].starts_with(w))
    });
    let first = named.next()?;
    let mut zone = ZONE.find(&doc.text[first.end..])?.as_str();
    // 驻马店开发区 in the title, 驻马店经济开发区 in the body: the zone as the body first names it.
    let title_end = doc.title.map_or(0, str::len);
    if first.start < title_end
        && let Some(body) = named
            .filter(|m| m.start >= title_end)
            .find_map(|m| ZONE.find(&doc.text[m.end..]))
            .map(|z| z.as_str())
            .filter(|z| z.len() > zone.len() && abbreviates(zone, z))
    {
        zone = body;
    }
    Some(format!("{}{zone}", &doc.text[first.start..first.end]))
}

/// Whether `short` (开发区, 经开区, 高新区) is `full` (经济开发区, 经济技术开发区, 高新技术产业
/// 开发区) shortened: its characters in the same order.
fn abbreviates(short: &str, full: &str) -> bool {
    let mut rest = full.chars();
    short.chars().all(|c| rest.any(|f| f == c))
}

/// A zone or park after a division's name (经济技术开发区, 高新区, 工业园区, 金普新区).
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"^(?:\p{Han}{2}(?:新区|新區)|经济技术开发区|經濟技術開發區|经济开发区|經濟開發區|高新技术产业开发区|高新技術產業開發區|高新技术开发区|高新區|高新区|经开区|經開區|开发区|開發區|工业园区|工業園區|产业园区|產業園區|综合保税区|綜合保稅區)",
    )
    .unwrap_or_else(|e| panic!("the zone pattern: {e}"))
});

/// The rest of an occasion's name after the place it begins with (长江经济带投资推介会).
static OCCASION_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^\p{Han}{0,12}?(?:推介会|推介會|招商会|招商會|洽谈会|洽談會|说明会|說明會|签约仪式|簽約儀式|签约大会|簽約大會|签约活动|簽約活動|招商大会|招商大會)")
        .unwrap_or_else(|e| panic!("the occasion pattern: {e}"))
});

/// The places listed before a mention (杭州、上海、), up to the word that leads the list.
static LISTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:[\p{Han}&&[^在于於赴到]]{2,8}、)+$")
        .unwrap_or_else(|e| panic!("the list pattern: {e}"))
});

/// The cities directly under the state: 北京, 天津, 上海, 重庆.
const MUNICIPALITIES: &[u32] = &[110000, 120000, 310000, 500000];

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?(?:电|電|讯|訊)")
        .unwrap_or_else(|e| panic!("the dateline pattern: {e}"))
});

static NAMED_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^\p{Han}{1,8}?(?:新区|新區|区|區|县|縣|市|旗)")
        .unwrap_or_else(|e| panic!("the place pattern: {e}"))
});

/// A place the gazetteer does not list (a new district, an invented name): the name a title or
/// a sentence begins with, if it ends like one.
fn unlisted(doc: &Doc) -> Option<Host> {
    let (name, at) = doc
        .title
        .map(|t| (t, 0))
        .into_iter()
        .chain(doc.sentences.iter().map(|s| (s.text, s.start)))
        .find_map(|(t, at)| NAMED_PLACE.find(t).map(|m| (m.as_str().to_string(), at)))?;
    Some(Host {
        name,
        division: None,
        at,
        doubt: Some("not a division the gazetteer lists: the name the text begins with".into()),
        venue: None,
        zone: false,
        counted_names: Vec::new(),
    })
}

/// Every division named, by its short name, with its score.
fn candidates(doc: &Doc, mentions: &[Mention]) -> HashMap<String, Candidate> {
    let g = gazetteer();
    let text = doc.text;
    let mut by_name: HashMap<String, Candidate> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let written = &text[m.start..m.end];
        // 苏州市相城区, 苏州相城区: the city only says where the district is.
        if mentions
            .get(i + 1)
            .is_some_and(|next| next.start == m.end && within(g, next, m))
        {
            continue;
        }
        let Some((score, venue)) = weigh(doc, m) else {
            continue;
        };
        let key = name_key(written);
        let c = by_name.entry(key).or_insert(Candidate {
            name: written.to_string(),
            indexes: m.divisions.clone(),
            score: 0,
            first: m.start,
            venue_only: true,
            venue_some: false,
            full: false,
        });
        c.score += score;
        c.venue_only &= venue;
        c.venue_some |= venue;
        if m.full && !c.full {
            c.full = true;
            c.name = written.to_string();
            c.indexes = m.divisions.clone();
        }
    }
    // 全县/该区/我市 stand for a place of that kind.
    for c in by_name.values_mut() {
        let d = g.division(c.indexes[0]);
        let refs: usize = kind_words(d.level, d.code, &fast2s::convert(&c.name))
            .iter()
            .map(|w| text.matches(w).count())
            .sum();
        // 我县, 本县: the paper's own place, which holds the signing it reports.
        let own: usize = kind_words(d.level, d.code, &fast2s::convert(&c.name))
            .iter()
            .filter(|w| w.starts_with(['我', '本']))
            .map(|w| text.matches(w).count())
            .sum();
        c.score += 2 * refs.min(4) as i32 + 2 * own.min(4) as i32;
        // A province is mostly named as the background; a city under the state (天津) is a city,
        // unless the text names it as a venue (河南省在上海举办…: 上海 is where others came).
        if d.level == Level::Province && (!MUNICIPALITIES.contains(&d.code) || c.venue_some) {
            c.score -= 2;
        }
    }
    papers_under(doc, mentions, &mut by_name);
    // A province whose cities are named three or more (projects in 合肥, 芜湖 and 滁州) held it
    // over any one of them when they tie.
    let prefectures: HashSet<u32> = by_name
        .values()
        .map(|c| g.division(c.indexes[0]))
        .filter(|d| d.level != Level::Province)
        .map(|d| d.code / 100 * 100)
        .collect();
    for c in by_name.values_mut() {
        let d = g.division(c.indexes[0]);
        let own = prefectures
            .iter()
            .filter(|p| *p / 10000 == d.code / 10000)
            .count();
        if d.level == Level::Province && own >= 3 {
            c.score += 1;
        }
    }
    by_name
}

/// 来源:扬州日报 4月16日,仪征市…集中签约: a city's paper, then a county or district under it
/// named first: the paper reports a signing of the place under it, which the paper's place did
/// not hold (its paper's weight is taken back).
fn papers_under(doc: &Doc, mentions: &[Mention], by_name: &mut HashMap<String, Candidate>) {
    let g = gazetteer();
    let text = doc.text;
    for (i, paper) in mentions.iter().enumerate() {
        if !NEWSPAPERS.iter().any(|w| text[paper.end..].starts_with(w)) {
            continue;
        }
        let Some(next) = mentions[i + 1..].iter().find(|m| m.full) else {
            continue;
        };
        let own = g.division(paper.divisions[0]).code;
        let under = next.divisions.iter().any(|&d| {
            let code = g.division(d).code;
            code != own && g.ancestors(code).contains(&own)
        });
        if let Some(c) = by_name.get_mut(&name_key(&text[paper.start..paper.end]))
            && under
        {
            c.score -= 3;
        }
    }
}

/// The key a division's name is counted under: its short form, in simplified script.
fn name_key(written: &str) -> String {
    let simplified = fast2s::convert(written);
    short_form(&simplified).unwrap_or(simplified)
}

/// Whether a mention names a division inside one the other mention names.
fn within(g: &crate::source::divisions::Gazetteer, inner: &Mention, outer: &Mention) -> bool {
    inner.divisions.iter().any(|&i| {
        let ancestors = g.ancestors(g.division(i).code);
        outer.divisions.iter().any(|&o| {
            g.division(o).code != g.division(i).code && ancestors.contains(&g.division(o).code)
        })
    })
}

/// One mention's weight, and whether it names a venue (在深圳举行, 赴上海); None when it does
/// not count (a short form where no name is expected, 新区 inside 金普新区).
fn weigh(doc: &Doc, m: &Mention) -> Option<(i32, bool)> {
    let text = doc.text;
    let written = &text[m.start..m.end];
    let simplified = fast2s::convert(written);
    let word = if m.full {
        written.chars().count() == 2 && GENERIC_NAMES.contains(&simplified.as_str())
    } else {
        WORDS_NOT_PLACES.contains(&simplified.as_str())
    };
    if word {
        return None;
    }
    let before = &text[..m.start];
    let after = &text[m.end..];
    // 中新网拉萨6月1日电, 某网廊坊讯, 某网廊坊5月19日讯: where the reporter filed, not the host.
    if DATELINE.is_match(after) {
        return None;
    }
    if in_company_name(before, after) {
        return None;
    }
    let holds = HOLDS.iter().any(|w| after.starts_with(w));
    // 白银 is 白银市 and its 白银区: a short form counts at the highest level it names.
    let level = m
        .divisions
        .iter()
        .map(|&i| gazetteer().division(i).level)
        .min()
        .unwrap_or(Level::County);
    if !m.full && level == Level::County && !holds {
        return None;
    }
    let title_end = doc.title.map_or(0, str::len);
    let first_sentence_end = doc
        .sentences
        .iter()
        .find(|s| s.text.chars().count() > 15)
        .map_or(0, |s| s.start + s.text.len());
    let mut score = 1;
    if m.start < title_end {
        score += 3;
    } else if m.start < first_sentence_end {
        score += 2;
    }
    // 西藏自治区长江经济带投资推介会: the place an occasion's name begins with holds it; not
    // the investors' home (北京企业与邢台项目对接签约仪式).
    let investors = ["企业", "企業", "客商", "与", "與"]
        .iter()
        .any(|w| after.starts_with(w));
    let after_verb = ["举行", "舉行", "举办", "舉辦", "召开", "召開"]
        .iter()
        .any(|w| before.ends_with(w));
    let begins_name = !investors
        && (after_verb
            || !before
                .chars()
                .next_back()
                .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if holds || begins_name && OCCASION_NAMED.is_match(after) {
        score += 2;
    }
    // 在廊坊举行河北省重点合作项目签约仪式: the signing named after its place right after the
    // verb that holds it is that place's, wherever it is held.
    if after_verb && !investors && OCCASION_NAMED.is_match(after) {
        score += 2;
    }
    // 周口日报, 兴业新闻网: the home's own paper reports its signing.
    if level != Level::Province && NEWSPAPERS.iter().any(|w| after.starts_with(w)) {
        score += 3;
    }
    let venue = names_venue(before, after);
    if venue {
        score -= 3;
    }
    // Where a project is weighs less than who held the signing, but still names a place.
    if project_location(before, after) {
        score -= 2;
    }
    Some((score, venue))
}

/// Whether the words around a mention name it as the venue: 在深圳举行, 赴上海, 在南京现场签约.
fn names_venue(before: &str, after: &str) -> bool {
    // 先后在杭州、上海、南京各举行: each place of a list after 在 is a venue.
    let before = LISTED_BEFORE
        .find(before)
        .map_or(before, |m| &before[..m.start()]);
    let soon: String = after.chars().take(16).collect();
    let venue = AWAY.iter().any(|w| before.ends_with(w))
        && [
            "举行", "舉行", "召开", "召開", "举办", "舉辦", "开幕", "開幕",
        ]
        .iter()
        .any(|w| soon.contains(w))
        || ["赴", "前往", "走进", "走進"]
            .iter()
            .any(|w| before.ends_with(w));
    // 在南京现场签约: where the signing took place.
    venue
        || before.ends_with('在')
            && [
                "签约",
                "簽約",
                "现场签约",
                "現場簽約",
                "集中签约",
                "集中簽約",
            ]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether a mention says where a project is (在长宁区设立亚太区域总部, 投资五十亿元的滨海新区
/// 分布式能源项目), not who held the signing.
fn project_location(before: &str, after: &str) -> bool {
    const BUILDS: &[&str] = &[
        "设立", "設立", "建设", "建設", "新建", "兴建", "興建", "落户", "落戶", "布局", "佈局",
    ];
    let clause: String = after
        .chars()
        .take_while(|c| !"，,。；;：:、\n".contains(*c))
        .collect();
    // A name of its own between the place and 项目 (分布式能源), not 重点项目 or 招商项目.
    let named_project = ["项目", "項目"].iter().any(|w| {
        clause.find(w).is_some_and(|i| {
            let own = ["重点", "重點", "招商", "签约", "簽約", "合作"]
                .iter()
                .fold(clause[..i].to_string(), |n, g| n.replace(g, ""));
            own.chars().count() >= 4
        })
    });
    before.ends_with(['在', '于', '於']) && BUILDS.iter().any(|w| after.starts_with(w))
        || before.ends_with('的') && named_project
}

/// Whether a mention is part of a company's name: in its brackets (港通物流(香港)有限公司) or
/// opening it (香港招商新能源集团与…签订), not a place the text speaks of.
fn in_company_name(before: &str, after: &str) -> bool {
    const ENDS: &[&str] = &["公司", "集团", "集團"];
    let bracketed: String = after
        .trim_start_matches([')', '）'])
        .chars()
        .take(12)
        .collect();
    let in_brackets = before.ends_with(['(', '（'])
        && after.starts_with([')', '）'])
        && ENDS.iter().any(|w| bracketed.contains(w));
    let word: String = after
        .chars()
        .take_while(|c| !"与與和同及、,，。；;：:(（ 在向".contains(*c))
        .take(14)
        .collect();
    let opening = ENDS.iter().any(|w| word.ends_with(w))
        && !["政府", "管委"].iter().any(|w| word.contains(w));
    in_brackets || opening
}

/// The division a name stands for in the article's year, using a province or city named in
/// the text to tell apart places of the same name.
fn resolve(name: &str, text: &str, mentions: &[Mention], year: i32) -> Option<Division> {
    let g = gazetteer();
    match g.resolve(name, None, Some(year)) {
        Ok(d) => Some(d.clone()),
        Err(e) => mentions
            .iter()
            .find_map(|m| {
                let parent = &text[m.start..m.end];
                g.resolve(name, Some(parent), Some(year)).ok().cloned()
            })
            .or_else(|| over_the_others(&e))
            .or_else(|| holding_another(&e, mentions, year)),
    }
}

/// Of places sharing a name, the one that holds a place named only once elsewhere in the text
/// (海南, with 海口 named: 海南省, not 乌海's 海南区).
fn holding_another(
    e: &crate::source::divisions::Unresolved,
    mentions: &[Mention],
    year: i32,
) -> Option<Division> {
    let crate::source::divisions::Unresolved::Ambiguous(candidates) = e else {
        return None;
    };
    let g = gazetteer();
    let named: Vec<u32> = mentions
        .iter()
        .filter_map(|m| {
            let used: Vec<&Division> = m
                .divisions
                .iter()
                .map(|i| g.division(*i))
                .filter(|d| d.in_use(year))
                .collect();
            match used[..] {
                [one] => Some(one.code),
                _ => None,
            }
        })
        .collect();
    let holding: Vec<&Division> = candidates
        .iter()
        .filter(|c| named.iter().any(|n| g.ancestors(*n).contains(&c.code)))
        .collect();
    match holding[..] {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Of places sharing a name, the one the others are in (新乡 is 新乡市, not its 新乡县).
fn over_the_others(e: &crate::source::divisions::Unresolved) -> Option<Division> {
    let crate::source::divisions::Unresolved::Ambiguous(candidates) = e else {
        return None;
    };
    let g = gazetteer();
    candidates
        .iter()
        .find(|top| {
            candidates
                .iter()
                .all(|d| d.code == top.code || g.ancestors(d.code).contains(&top.code))
        })
        .cloned()
}

/// The kind of place for the source file, from its level and name.
pub fn kind(division: Option<&Division>, name: &str) -> &'static str {
    let last = name.chars().last();
    match (division.map(|d| d.level), last) {
        (Some(Level::Province), _)
            if ["北京", "天津", "上海", "重庆", "重慶"]
                .iter()
                .any(|m| name.starts_with(m)) =>
        {
            "municipality"
        }
        (Some(Level::Province), _) => "province",
        (Some(Level::Prefecture), Some('市')) => "city",
        (Some(Level::Prefecture), _) => "prefecture",
        (_, Some('县' | '縣' | '旗')) => "county",
        (_, Some('市')) => "city",
        _ => "district",
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &ZONE,
        &OCCASION_NAMED,
        &LISTED_BEFORE,
        &DATELINE,
        &NAMED_PLACE,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written for this test, after a regional report of a fair held away from home.
    #[test]
    fn an_occasions_name_and_a_venue_weigh_as_they_should() {
        let text = "西藏9个项目在南京现场签约\n5月30日,南京江宁会展中心里飘着来自雪域高原的味道。\
                    今年是西藏自治区成立60周年。西藏自治区长江经济带投资推介会当天在这里举行。";
        let doc = Doc::new(text, "2025-05-31");
        let mentions = gazetteer().find_in_text(text);
        let weights = |name: &str| -> Vec<(i32, bool)> {
            mentions
                .iter()
                .filter(|m| &text[m.start..m.end] == name)
                .filter_map(|m| weigh(&doc, m))
                .collect()
        };
        // The place the occasion's name begins with weighs 2 more than a mention in passing.
        let tibet = weights("西藏自治区");
        assert_eq!(tibet.len(), 2, "{tibet:?}");
        assert_eq!(tibet[1].0, tibet[0].0 + 2, "{tibet:?}");
        // 在南京现场签约 names the venue.
        assert_eq!(weights("南京").first().map(|w| w.1), Some(true));
    }

    /// Each place of a list after 在 is a venue (先后在杭州、上海、南京各举行); a list not after
    /// 在 is not. Written for this test.
    #[test]
    fn the_places_of_a_list_after_zai_are_venues() {
        assert!(names_venue("先后在杭州、", "、南京各举行一场推介会"));
        assert!(names_venue("先后在", "、上海、南京各举行一场推介会"));
        assert!(!names_venue("代表团考察杭州、", "、南京,举行座谈"));
    }

    /// A short name three divisions share (海南: the province, 乌海's district, 青海's 海南州) is
    /// the one that holds a place the text names (海口). Written for this test, after a provincial
    /// report of a batch of projects.
    #[test]
    fn a_shared_short_name_is_the_one_holding_a_named_place() {
        let text = "海南第五批项目集中开工签约\n活动在海口美安科技新城举行,全省集中开工项目96个。";
        let mentions = gazetteer().find_in_text(text);
        let division = resolve("海南", text, &mentions, 2019);
        assert_eq!(division.map(|d| d.code), Some(460000));
    }
}
