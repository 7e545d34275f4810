//! Named projects of the signing (with the amount their item gives), the companies the text
//! names, and the links one item states (与X签订Y项目, 由X投资建设的Y项目). Only clauses about the signing are read: a 开工 batch's projects are not signed ones.

use std::sync::LazyLock;

use regex::Regex;

use super::event::parseable;
use super::figures;
use super::text::{Doc, Topic};
use super::{Draft, Section};
use crate::source::divisions::gazetteer;
use crate::source::fold::fold;
use crate::source::model::{CompanyEntry, CompanyLink, FigureEntry, ProjectEntry};

/// Words that say a company puts money into a project (在江津投资X项目), in a sentence that does
/// not say 签约.
const INVESTS: &[&str] = &["投资", "投資", "投资建设", "投資建設"];

/// A run that ends in 项目 or in a phase of works (…二期工程, …二期改扩建工程, …二期工程项目; no
/// clause punctuation inside), with a phase in brackets after it (…基地项目(二期)).
pub(super) static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"((?:[^,，。；;：:\s]|\x20[A-Za-z]){2,}?)(?:項目|项目|[一二三四五六七八九十\d]期(?:改扩建|改擴建|扩建|擴建)?工程(?:項目|项目)?)(?:[(（][一二三四五六七八九十\d]{1,2}期(?:工程)?[)）])?")
        .unwrap_or_else(|e| panic!("the name pattern: {e}"))
});

/// A run a pattern finds, read as a match is.
pub(super) struct Run<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Run<'t> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub(super) fn as_str(&self) -> &'t str {
        self.text
    }
}

/// A pattern's matches whose first group, the words before the ending, keeps at most its last
/// `most` characters. The group is written unbounded (`{2,}?`): a bounded repetition of a large
/// Unicode class (`{2,80}?`) compiles into a large automaton, slow to build and to search;
/// trimming the match gives what the bounded pattern found.
fn bounded_runs<'t>(pattern: &Regex, text: &'t str, most: usize) -> Vec<Run<'t>> {
    let start = |m: &regex::Match| {
        // Only a match longer than `most` may need trimming: read its groups then (a branch
        // without the group is taken whole).
        if m.as_str().chars().count() <= most {
            return Some(m.start());
        }
        let Some(words) = pattern.captures_at(text, m.start())?.get(1) else {
            return Some(m.start());
        };
        let count = words.as_str().chars().count();
        if count <= most {
            return Some(m.start());
        }
        Some(words.start() + words.as_str().char_indices().nth(count - most)?.0)
    };
    pattern
        .find_iter(text)
        .filter_map(|m| {
            let start = start(&m)?;
            Some(Run {
                start,
                text: &text[start..m.end()],
            })
        })
        .collect()
}

/// The runs [`NAMED`] finds, their words before 项目 at most 80 characters.
pub(super) fn named_runs(text: &str) -> Vec<Run<'_>> {
    bounded_runs(&NAMED, text, 80)
}

pub(super) static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"((?:[\p{Han}()（）A-Za-z0-9·&]|[A-Za-z]\x20[A-Za-z]){2,}?)(?:[(（](?:集团|集團|控股|中国|中國)[)）][\p{Han}]{0,10}?(?:股份)?有限(?:责任|責任)?公司|集团股份有限公司|集團股份有限公司|集团有限公司|集團有限公司|集团有限责任公司|集團有限責任公司|(?:集团|集團)[\p{Han}&&[^与與和及同向对對为為在将將由是的等旗属屬携攜牵牽签簽联聯通过過下辖轄收购購全子副代]]+?(?:股份)?有限(?:责任|責任)?公司|[(（](?:集团|集團)[)）](?:公司)?|股份有限公司|有限責任公司|有限责任公司|有限公司|集团公司|集團公司|集團|集团|株式会社|株式會社|公司)(?:[\p{Han}]{2,10}?分公司)?|[A-Z][A-Za-z0-9&.\- ]{1,60}?(?:Co\., ?Ltd\.?|Inc\.|Corporation|Corp\.|Ltd\.|GmbH|LLC)")
        .unwrap_or_else(|e| panic!("the company pattern: {e}"))
});

/// The runs of `text` that end in a company's legal form, each with where it starts. A name
/// that follows another at once begins after the 和 that joins them (A有限公司和B有限公司:
/// B有限公司, not 和B有限公司; `company_name` cuts 与 and 及 itself).
pub(super) fn company_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut last_end = None;
    for run in bounded_runs(&COMPANY, text, 40) {
        let (mut start, end) = (run.start(), run.end());
        if last_end == Some(start) && text[start..].starts_with('和') {
            start += '和'.len_utf8();
        }
        last_end = Some(end);
        runs.push((start, &text[start..end]));
    }
    runs
}

/// An investment before a company's name: an amount with the verb after it (52亿元设立,
/// 30亿元的), or 投资 that begins the run. The name begins after it (投资52亿元设立X有限公司 is
/// X有限公司).
static AMOUNT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"^(?:总|總)?(?:投资|投資)(?:设立|設立|建设|建設|新建|成立|组建|組建)?|(?:[0-9０-９.．]+\s*(?:亿|億|万|萬)?|[一二三四五六七八九十百千两零〇]+(?:亿|億|万|萬))(?:美元|元)(?:人民币|人民幣)?(?:设立|設立|建设|建設|新建|成立|组建|組建|注册|註冊|的)?")
        .unwrap_or_else(|e| panic!("the amount pattern: {e}"))
});

/// The last words of a kind of industry, never of a project's name.
const KIND_ENDS: &[&str] = &[
    "业", "業", "服务", "服務", "信息", "制造", "化工", "能源", "材料", "医药", "醫藥",
];

/// Words a name never starts with: a name starts after the last of them.
const CUT_AFTER: &[&str] = &[
    "共同打造的",
    "打造的",
    "公司的",
    // A registered company's name (…有限公司, 集团公司, 株式会社) before the name is the
    // project's company; a short one fused to it (中钢公司钢材深加工项目, 中铝贵州分公司…) stays
    // in the name.
    "有限公司",
    "有限责任公司",
    "有限責任公司",
    "集团公司",
    "集團公司",
    "股份公司",
    "株式会社",
    "株式會社",
    "暨",
    "投资",
    "投資",
    "签下的",
    "簽下的",
    "的是",
    "例如",
    "比如",
    "签订的",
    "簽訂的",
    "签约的",
    "簽約的",
    "签署的",
    "簽署的",
    "签订了",
    "簽訂了",
    "签约了",
    "簽約了",
    "签下了",
    "簽下了",
    "签下",
    "簽下",
    "签订",
    "簽訂",
    "签署",
    "簽署",
    "签约",
    "簽約",
    "最大的",
    "合作建设的",
    "合作建設的",
    "合作的",
    "投资建设的",
    "投資建設的",
    "建设的",
    "建設的",
    "投资的",
    "投資的",
    "引进的",
    "引進的",
    "落户的",
    "落戶的",
    "实施的",
    "實施的",
    "分别是",
    "分別是",
    "分别为",
    "分別為",
    "分別爲",
    "包括",
    "之一",
    "元的",
    "等",
];
const LEADING: &[&str] = &[
    "另有", "另外", "《", "建设", "建設", "新建", "此外", "还有", "還有", "以及", "其中", "分别",
    "分別", "即", "和", "与", "與", "及", "的", "在", "由", "是", "为", "為", "爲", "同", "对",
    "對", "将", "將", "了", "、", "拟", "擬", "分期",
];
const DEMONSTRATIVES: &[&str] = &[
    "这", "這", "该", "該", "此", "本", "各", "上述", "其他", "其它", "一批", "多个", "多個",
    "首批", "重大", "重点", "重點", "优质", "優質", "招商", "签约", "簽約", "新", "好", "大", "个",
    "個",
];
const GENERIC_ENDS: &[&str] = &[
    // 肉牛养殖技术升级合作项目 is a name; 战略合作项目, 外商投资项目 are not.
    "投资项目",
    "投資項目",
    "合作项目",
    "合作項目",
    "签约项目",
    "簽約項目",
    "招商项目",
    "招商項目",
    "产业项目",
    "產業項目",
    "重点项目",
    "重點項目",
    "重大项目",
    "重大項目",
    "的项目",
    "的項目",
    "类项目",
    "類項目",
    "外资项目",
    "外資項目",
    "内资项目",
    "內資項目",
    "亿元项目",
    "億元項目",
    "工业项目",
    "工業項目",
    "服务业项目",
    "服務業項目",
    "农业项目",
    "農業項目",
    "储备项目",
    "儲備項目",
    "在谈项目",
    "在談項目",
    "意向项目",
    "意向項目",
    "合同项目",
    "合同項目",
    "协议项目",
    "協議項目",
    "优质项目",
    "優質項目",
    "好项目",
    "大项目",
    "新项目",
    "开工项目",
    "開工項目",
    "竣工项目",
    "投产项目",
    "多数项目",
    "多數項目",
    "少数项目",
    "少數項目",
    "部分项目",
    "部分項目",
    "全部项目",
    "全部項目",
];

/// Ends that name a batch however long the words before them (首批重点项目, 招商引资项目).
const ALWAYS_GENERIC: &[&str] = &[
    "各项目",
    "各項目",
    "该项目",
    "該項目",
    "这些项目",
    "這些項目",
    "的项目",
    "的項目",
    "类项目",
    "類項目",
    "以上项目",
    "以上項目",
    "、项目",
    "、項目",
    "和项目",
    "和項目",
    "及项目",
    "及項目",
    "暨项目",
    "暨項目",
    "“项目",
    "\"项目",
    // “三区”项目, “新字号”项目: a slogan in quotes (but see [`quoted_name`]).
    "”项目",
    "”項目",
    "招商引资项目",
    "招商引資項目",
    "签约项目",
    "簽約項目",
    "重点项目",
    "重點項目",
    "重大项目",
    "重大項目",
    "招商项目",
    "招商項目",
];

const FRAGMENT_WORDS: &[&str] = &[
    "切实",
    "切實",
    "局面",
    "举行",
    "舉行",
    "出席",
    "坚持",
    "堅持",
    "体现",
    "體現",
    "契合",
    "连同",
    "連同",
    "呈现",
    "呈現",
    "拿出",
    "安排",
    "建立",
    "为代表",
    "為代表",
    "参加",
    "參加",
    "更多",
    "一批",
    "一些",
    "其他",
    "其它",
    "继",
    "繼",
    "开幕",
    "開幕",
    "推介会",
    "推介會",
    "洽谈会",
    "洽談會",
];

/// 在新安县建设100兆瓦光电项目, 与某县合作建设X项目: the place it is built in, and who builds
/// it and how, are not the name's.
fn after_who_builds(mut name: &str) -> &str {
    for w in ["建设", "建設", "新建", "兴建", "興建"] {
        if let Some(i) = name.find(w) {
            let (before, rest) = (&name[..i], &name[i + w.len()..]);
            // 在藁城建设: a place named short (the gazetteer knows it) is a place too.
            let named_place = || {
                crate::source::divisions::gazetteer()
                    .find_in_text(before)
                    .last()
                    .is_some_and(|m| m.end == before.len())
            };
            let place = (before.ends_with([
                '县', '縣', '市', '区', '區', '镇', '鎮', '乡', '鄉', '园', '園',
            ]) || named_place())
                && before.chars().count() <= 10;
            // 联合建设X项目, 与某县人民政府合作建设X项目: who builds it and how, not its name.
            let jointly = [
                "联合", "聯合", "共同", "合作", "投资", "投資", "出资", "出資",
            ]
            .iter()
            .any(|v| before.ends_with(v));
            if (place || jointly) && rest.chars().count() >= 4 {
                name = rest;
            }
        }
    }
    name
}

fn cut_name(run: &str) -> &str {
    let mut name = run;
    for w in CUT_AFTER {
        if let Some(i) = name.rfind(w) {
            // 推介会暨项目签约: 暨 joins an occasion to the signing; 肉牛养殖暨肉牛全产业链项目
            // is one project's name.
            let occasion = ["会", "會", "仪式", "儀式", "活动", "活動", "节", "節"]
                .iter()
                .any(|o| name[..i].contains(o));
            if *w == "暨" && !occasion {
                continue;
            }
            let rest = &name[i + w.len()..];
            if rest.chars().count() >= 4 {
                name = rest;
            }
        }
    }
    // 从事新能源开发的X项目, 湖州的X项目: a clause that describes the project ends in 的,
    // and the name begins after it.
    // A sentence's words before it (引进更多国际化的创新创业项目) keep the run a fragment.
    if let Some(i) = name.rfind('的')
        && !FRAGMENT_WORDS.iter().any(|w| name[..i].contains(w))
    {
        let rest = &name[i + '的'.len_utf8()..];
        if rest.chars().count() >= 4 {
            name = rest;
        }
    }
    // 总投资5.8亿元的X项目: the amount is the item's, not the name's.
    if let Some(m) = figures::money(name).last() {
        let rest = name[m.end..].trim_start_matches('的');
        if rest.chars().count() >= 4 {
            name = rest;
        }
    }
    name = after_who_builds(name);
    // …(公司名称))、乡村振兴全域旅游项目: the bracket and the list mark are the list's; so is a
    // whole bracket before the mark (…项目(灵川县)、草坪小镇旅游休闲项目).
    if name.starts_with(['(', '（'])
        && let Some(close) = name.find([')', '）'])
        && name[close..]
            .trim_start_matches([')', '）'])
            .starts_with('、')
    {
        name = &name[close..];
    }
    name = name.trim_start_matches([')', '）', '、']);
    loop {
        let before = name;
        for w in LEADING {
            // 《印象妈祖》演艺项目: a title inside the name keeps its mark.
            if *w == "《" && name.contains('》') {
                continue;
            }
            // 和林格尔数据中心项目: a word that begins a place's name stays.
            if w.chars().count() == 1 && starts_with_place(name) {
                continue;
            }
            name = name.strip_prefix(w).unwrap_or(name);
        }
        // 有 of 共有, but 有机 (organic), 有色 (non-ferrous) and 有线 begin names.
        if let Some(rest) = name.strip_prefix('有')
            && !rest.starts_with(['机', '機', '色', '线', '線', '限'])
        {
            name = rest;
        }
        name = after_such_as(name);
        name = after_line_number(name);
        if name == before {
            return name;
        }
    }
}

/// A name without the number of its line in a numbered list (5.红杏谷生态旅游项目, 3、…, (2)…);
/// 1.5万吨… and 5G… begin with their own figures.
fn after_line_number(name: &str) -> &str {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let opened = name.strip_prefix(['(', '（']);
    let inner = opened.unwrap_or(name);
    let digits: usize = inner
        .chars()
        .take_while(|&c| digit(c))
        .map(char::len_utf8)
        .sum();
    let marks: &[char] = if opened.is_some() {
        &[')', '）']
    } else {
        &['.', '．', '、', ')', '）']
    };
    match inner[digits..].strip_prefix(marks) {
        Some(rest)
            if (1..=6).contains(&digits)
                && !rest.starts_with(digit)
                && rest.chars().count() >= 4 =>
        {
            rest
        }
        _ => name,
    }
}

/// Nouns a project's name may end in when the text leaves out 项目 (产业园, 基地).
const PROJECT_NOUNS: &[&str] = &[
    "园",
    "園",
    "基地",
    "中心",
    "综合体",
    "綜合體",
    "工程",
    "项目",
    "項目",
    "厂",
    "廠",
    "总部",
    "總部",
    "城",
    "小镇",
    "小鎮",
    "度假区",
    "度假區",
];

/// A run that lists several projects with 、 (X产业园、Y基地、Z项目): each part that ends as a
/// project does is one; a run whose parts are not all names (高频、高速、PTFE覆铜板项目) is one.
/// Long parts, most of them ending as a project does and none as a kind of industry, are names
/// too where some end otherwise (…大厦建设、…数据中心、…资源循环利用、…示范园、…产品项目),
/// unless a part holds the words of a clause (X集团与Y合资建设的运输、旅游及商贸合作项目).
fn split_list(run: &str) -> Vec<&str> {
    let parts: Vec<&str> = run.split('、').collect();
    let ends_as_project = |p: &str| PROJECT_NOUNS.iter().any(|n| p.ends_with(n));
    let all_names = parts.len() > 1
        && parts
            .iter()
            .all(|p| p.chars().count() >= 5 && ends_as_project(p));
    let long_names = parts.len() > 2
        && parts.iter().all(|p| {
            p.chars().count() >= 8 && !KIND_ENDS.iter().any(|k| p.ends_with(k)) && !p.contains('的')
        })
        && 2 * parts.iter().filter(|p| ends_as_project(p)).count() > parts.len();
    if all_names || long_names {
        parts
    } else {
        vec![run]
    }
}

/// A name in a `X、Y等项目` list.
pub(super) struct Listed<'a> {
    /// Its offset in the run.
    pub at: usize,
    pub name: &'a str,
    /// The company in brackets after it (冷链物流中心(赣鲜供应链)), and where the item ends.
    pub company: Option<(&'a str, usize)>,
}

/// `X、Y、Z等项目`: the names before 等项目 (as written, without 项目); None when the run is
/// not such a list.
pub(super) fn listed_before_deng(run: &str) -> Option<Vec<Listed<'_>>> {
    // 等项目, 等一批特色小镇项目: a kind of a few words may stand between 等 and 项目.
    let deng = run.rfind('等')?;
    let kind = &run[deng + '等'.len_utf8()..];
    let kind = kind
        .strip_suffix("项目")
        .or_else(|| kind.strip_suffix("項目"))?;
    // 有色冶金、装备制造等工业类项目42个 lists kinds, not names.
    let kind = kind.strip_prefix("一批").unwrap_or(kind);
    if kind.chars().count() > 8
        || kind.contains(['、', '类', '類'])
        || !figures::counts(kind).is_empty()
    {
        return None;
    }
    // 、义乌小商品城北方分市场等项目: the run begins after the list's mark.
    let mut at = if run.starts_with('、') {
        '、'.len_utf8()
    } else {
        0
    };
    let body = &run[at..deng];
    let mut out = Vec::new();
    for (i, part) in body.split('、').enumerate() {
        let offset = at;
        at += part.len() + '、'.len_utf8();
        // 智能终端产业园(华瑞科技): the company in brackets is not the name's.
        let item_end = offset + part.len();
        let (part, company) = match bracketed_company(part) {
            Some((name, company)) => (name, Some((company, item_end))),
            None => (part, None),
        };
        // The first item carries the words before the list (此外还有X).
        let name = if i == 0 { cut_name(part) } else { part };
        let name = name.trim();
        let counted = !figures::counts(name).is_empty() || !figures::money(name).is_empty();
        if name.chars().count() < 4 || counted || COMPANY.is_match(name) {
            return None;
        }
        out.push(Listed {
            at: offset + part.len() - name.len(),
            name,
            company,
        });
    }
    Some(out)
}

/// An item that ends in its company's name in brackets (冷链物流中心(赣鲜供应链),
/// 柳编工艺品出口加工(江苏华艺工贸有限公司)): the item before the bracket, and the company.
/// A phase (一期) or a place (香港) in brackets is no company.
pub(super) fn bracketed_company(item: &str) -> Option<(&str, &str)> {
    let inner_end = item.strip_suffix([')', '）'])?;
    let open = inner_end.rfind(['(', '（'])?;
    let inner = &inner_end[open + inner_end[open..].chars().next()?.len_utf8()..];
    let han = inner
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let company = han >= 2
        && !inner.contains(|c: char| c.is_ascii_digit() || "期号號".contains(c))
        && gazetteer().named(inner).is_empty();
    company.then(|| (&item[..open], inner))
}

/// A run ending in 项目 as a project's name, or None when it names no one project.
pub(super) fn project_name(run: &str) -> Option<String> {
    let name = cut_name(run);
    let chars = name.chars().count();
    let generic = GENERIC_ENDS.iter().any(|g| name.ends_with(g)) && chars <= 8
        || ALWAYS_GENERIC.iter().any(|g| name.ends_with(g)) && quoted_name(name).is_none();
    let counted = figures::counts(name).into_iter().next().is_some();
    // 该项目, 一批好项目, 上述重点项目; but 大润发超市项目 is a name: a one-character word opens
    // only a short phrase.
    let demonstrative = DEMONSTRATIVES
        .iter()
        .any(|d| name.starts_with(d) && (chars <= 5 || d.chars().count() > 1 && chars <= 8));
    // A fragment of a sentence, not a name: it holds a verb of the report around it.
    let fragment = FRAGMENT_WORDS.iter().any(|w| name.contains(w))
        || name
            .chars()
            .zip(name.chars().skip(1))
            .any(|(a, b)| "一二三四五六七八九十两".contains(a) && b == '大');
    let ok = chars >= 5 && !generic && !counted && !demonstrative && !fragment && name != "项目";
    // 意大利奇诺集团"奇诺城-欧洲中心"项目: the quoted name, after its company.
    let name = match quoted_name(name) {
        Some(open)
            if ["集团", "集團", "公司"]
                .iter()
                .any(|w| name[..open].ends_with(w)) =>
        {
            &name[open..]
        }
        _ => name,
    };
    ok.then(|| name.to_string())
}

/// 奇诺集团"奇诺城-欧洲中心"项目, 白城市“双创中心”项目: a name in quotes before 项目, of four
/// characters or more, where its opening quote is (“三区”项目 and “新字号”项目 name none, nor does
/// a campaign's year, “招商2018”项目, nor 坚持"项目: a quote opened, not closed).
fn quoted_name(name: &str) -> Option<usize> {
    let run = name
        .strip_suffix("项目")
        .or_else(|| name.strip_suffix("項目"))?;
    let (run, open) = if let Some(run) = run.strip_suffix('”') {
        (run, '“')
    } else {
        (run.strip_suffix('"')?, '"')
    };
    let at = run.rfind(open)?;
    let inside = &run[at + open.len_utf8()..];
    let year = inside.len() > 4
        && inside.is_char_boundary(inside.len() - 4)
        && inside[inside.len() - 4..]
            .bytes()
            .all(|b| b.is_ascii_digit());
    (inside.chars().count() >= 4 && !year).then_some(at)
}

/// (记者 陈静)宜嘉(中国)公司: a bracket closed that the run did not open ends a byline.
fn after_byline(run: &str) -> &str {
    let mut depth = 0_i32;
    let mut unopened = None;
    for (i, c) in run.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth == 0 => unopened = Some(i + c.len_utf8()),
            ')' | '）' => depth -= 1,
            _ => {}
        }
    }
    match unopened {
        Some(i) if run[i..].chars().count() >= 4 => &run[i..],
        _ => run,
    }
}

/// A company's run without the words that lead to its name: a project before it in brackets,
/// a bracket it does not close, a verb or list word (签约, 其中, 代表 …).
fn after_lead_words(run: &str) -> &str {
    let mut name = after_byline(run);
    // 年产20万吨特种纸项目(山东恒瑞纸业有限公司): the company in brackets after its project.
    for w in ["项目(", "项目（", "項目(", "項目（"] {
        if let Some(i) = name.rfind(w) {
            name = &name[i + w.len()..];
        }
    }
    // 某某加工厂(广西某某木业有限公司): a bracket that the name does not close opens the name.
    if let Some(i) = name.rfind(['(', '（'])
        && !name[i..].contains([')', '）'])
    {
        let rest = &name[i + name[i..].chars().next().map_or(1, char::len_utf8)..];
        if rest.chars().count() >= 4 {
            name = rest;
        }
    }
    for w in [
        "签约",
        "簽約",
        "签订",
        "簽訂",
        "引进",
        "引進",
        "其中",
        "分别",
        "分別",
        "包括",
        "还有",
        "還有",
        "代表",
        "投资企业",
        "投資企業",
        "项目中",
        "項目中",
        "客商",
        "携手",
        "攜手",
        "牵手",
        "牽手",
        "联手",
        "聯手",
        "投资方",
        "投資方",
        "合作方",
        "500强企业",
        "500強企業",
        "龙头企业",
        "龍頭企業",
        "政府同",
        "管委会同",
        "管委會同",
        // 以及费县人民政府与华阳…: the county's government signs, not a company of that county.
        "政府与",
        "政府與",
        "管委会与",
        "管委會與",
        "政府和",
        "管委会和",
        "管委會和",
        // 邀请河北华卓集团, 走进彭阳县晶华玻璃制品有限公司: a visit's or an invitation's verb.
        "邀请",
        "邀請",
        "走进",
        "走進",
        "走访",
        "走訪",
        "拜访",
        "拜訪",
    ] {
        if let Some(i) = name.rfind(w) {
            let rest = &name[i + w.len()..];
            if rest.chars().count() >= 4 {
                name = rest;
            }
        }
    }
    name
}

/// A company's name without the one-character words (与, 和, 由, 即) or the 企业 that join it
/// to the words before it.
fn after_joining_words(mut name: &str) -> &str {
    // One-character words (与, 和, 由) also occur inside names (恺和): cut at the last whose
    // rest begins with a place's name (是太康县政府与苏州…: the county signs with the company),
    // else at the first that leaves a name.
    // 有 (有甘肃陇源…有限公司), 同 and 和 are cut only before a place: they also begin 有限公司
    // and sit inside names (福建同创动力有限公司, 和记).
    // 企业 (“小巨人”企业合肥某有限公司) only before a place, as it sits inside names
    // (某企业管理有限公司). A word that begins a place's name (将乐, 和林格尔) is no cut.
    // …1项，即新加坡某集团: 即 opening the run says what the item is (a 即 inside a name stays).
    if let Some(rest) = name.strip_prefix('即')
        && rest.chars().count() >= 4
        && !starts_with_place(name)
    {
        name = rest;
    }
    let mut cuts: Vec<(usize, bool)> = name
        .char_indices()
        .filter(|(_, c)| "与與和同由及、向对對为為爲是在将將被的了等有".contains(*c))
        .filter(|&(i, _)| !starts_with_place(&name[i..]))
        .map(|(i, c)| (i + c.len_utf8(), !"有同和".contains(c)))
        .chain(
            ["企业", "企業"]
                .iter()
                .flat_map(|w| name.match_indices(w))
                .map(|(i, w)| (i + w.len(), false)),
        )
        .filter(|&(i, _)| name[i..].chars().count() >= 4)
        .collect();
    cuts.sort_unstable();
    if let Some(i) = cuts
        .iter()
        .rfind(|&&(i, _)| starts_with_place(&name[i..]))
        .or(cuts.iter().find(|&&(_, anywhere)| anywhere))
        .map(|&(i, _)| i)
    {
        name = &name[i..];
    }
    name
}

/// A company's name without a second word that leads to it, after the cut of
/// [`after_joining_words`]: 以及由X, 以及与X (the cut was at 及), 某集团公司及所属X (所属), 以及
/// 海南州与X (a place that signs with the company).
fn after_second_lead(name: &str) -> &str {
    let rest = if let Some(rest) = name.strip_prefix(['由', '与', '與']) {
        rest
    } else if let Some(rest) = name
        .strip_prefix("所属")
        .or_else(|| name.strip_prefix("所屬"))
    {
        rest
    } else {
        place_at_start(name)
            .and_then(|end| name[end..].strip_prefix(['与', '與']))
            .unwrap_or(name)
    };
    if rest.chars().count() >= 4 {
        rest
    } else {
        name
    }
}

/// Whether a name begins with a place's name in the gazetteer.
fn starts_with_place(name: &str) -> bool {
    place_at_start(name).is_some()
}

/// Where the place's name a name begins with ends, if the gazetteer finds one there.
fn place_at_start(name: &str) -> Option<usize> {
    let g = crate::source::divisions::gazetteer();
    g.find_in_text(name)
        .first()
        .filter(|m| m.start == 0)
        .map(|m| m.end)
}

/// A name without the 如 ("such as") that introduces it; 如东 and 如皋 are places.
fn after_such_as(name: &str) -> &str {
    match name.strip_prefix('如') {
        Some(rest) if !rest.starts_with(['东', '東', '皋']) => rest,
        _ => name,
    }
}

/// A company's name as written, without the words before it (与, 由, 我市分别与 …).
pub(super) fn company_name(run: &str) -> Option<String> {
    let mut name = after_lead_words(run);
    // A company's name never starts with an investment (投资52亿元设立…有限公司).
    if let Some(amount) = AMOUNT_BEFORE.find_iter(name).last() {
        name = &name[amount.end()..];
    }
    let name = after_second_lead(after_joining_words(name));
    // 如北京某某有限公司: "such as" before a place; 如翼航空 is a name.
    let name = match after_such_as(name) {
        rest if rest != name && starts_with_place(rest) => rest,
        _ => name,
    };
    let mut name = name.trim().trim_start_matches(['“', '"', '(', '（']);
    // 乡贤某某创办的恒远控股集团: a clause that describes the company ends in 的.
    if let Some(i) = name.rfind('的')
        && name[i + '的'.len_utf8()..].chars().count() >= 4
    {
        name = &name[i + '的'.len_utf8()..];
    }
    // 继8月15日绿地控股集团…之后: a day is never part of a name; it begins after it.
    if let Some(i) = name
        .match_indices(['日', '号', '號'])
        .filter(|(i, _)| name[..*i].ends_with(|c: char| c.is_ascii_digit()))
        .map(|(i, d)| i + d.len())
        .next_back()
        .filter(|&i| name[i..].chars().count() >= 4)
    {
        name = &name[i..];
    }
    // 最大的是由华海石化集团有限公司: the cut at 的 leaves the verb's 是由.
    for w in ["是由", "系由"] {
        if name.starts_with(w) && name[w.len()..].chars().count() >= 4 {
            name = &name[w.len()..];
        }
    }
    let chars = name.chars().count();
    let bare = name.ends_with("公司")
        && !name.ends_with("有限公司")
        && !name.ends_with("集团公司")
        && chars < 6;
    let generic = [
        "该公司",
        "該公司",
        "子公司",
        "分公司",
        "母公司",
        "本公司",
        "公司",
        "有限公司",
    ]
    .contains(&name)
        || [
            "该", "該", "本", "各", "多", "知名", "跨国", "跨國", "国内", "國內", "一家", "上市",
        ]
        .iter()
        .any(|w| name.starts_with(w))
        || big_groups(name);
    (chars >= 4 && !bare && !generic).then(|| name.to_string())
}

/// 沟通大集团, 依靠这些大集团, 引进大集团: big groups in general, the prose's, not a name.
fn big_groups(name: &str) -> bool {
    let Some(stem) = ["大集团", "大集團"]
        .iter()
        .find_map(|w| name.strip_suffix(w))
    else {
        return false;
    };
    [
        "沟通", "溝通", "引进", "引進", "对接", "對接", "招引", "吸引", "依靠", "依託", "依托",
        "这些", "這些", "那些", "一批", "一些", "紧盯", "緊盯", "瞄准", "瞄準",
    ]
    .iter()
    .any(|w| stem.ends_with(w))
}

/// Items of a sentence: split at clause punctuation; an item that continues a project's
/// figures (,总投资5亿元) is kept with the item before.
fn items(sentence: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in sentence.split_inclusive([',', '，', '；', ';', '：', ':']) {
        let start = at;
        at += piece.len();
        let text = piece.trim_end_matches([',', '，', '；', ';', '：', ':']);
        if text.is_empty() {
            continue;
        }
        out.push((start, text));
    }
    out
}

pub fn projects(draft: &mut Draft, doc: &Doc) {
    if draft.file.events.is_empty() {
        return;
    }
    let period_report = draft.file.events[0].from.is_some();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let topics: Vec<&Topic> = doc
            .clauses
            .iter()
            .filter(|c| c.sentence == index)
            .map(|c| &c.topic)
            .collect();
        let invests = INVESTS.iter().any(|w| sentence.text.contains(w));
        let about_signing = topics.iter().any(|t| {
            **t == Topic::Signing
                || (period_report && matches!(t, Topic::Period(..)))
                || (invests && **t == Topic::Background)
        });
        if !about_signing {
            continue;
        }
        let list = items(sentence.text);
        for (i, (offset, item)) in list.iter().enumerate() {
            let topic = doc
                .clauses
                .iter()
                .find(|c| c.start == sentence.start + offset)
                .map(|c| &c.topic);
            // ,总投资5亿元 after an item names that item's amount.
            let next = list
                .get(i + 1)
                .filter(|(_, n)| !figures::money(n).is_empty() && !NAMED.is_match(n));
            // An investment in the item, or just after an item that says who signed or builds
            // it (由A与B合作的Y项目,投资9亿元; not 已建成的X项目,投资8亿元, 推介了X项目,投资30亿元).
            let signed = [
                "合作的",
                "签约的",
                "簽約的",
                "签订的",
                "簽訂的",
                "签署的",
                "簽署的",
            ]
            .iter()
            .any(|w| item.contains(w))
                && !item.contains('已');
            let invested = INVESTS
                .iter()
                .any(|w| item.contains(w) || signed && next.is_some_and(|(_, n)| n.starts_with(w)));
            match topic {
                Some(Topic::Stage | Topic::Clutter) => continue,
                Some(Topic::Background) if !invested => continue,
                _ => {}
            }
            item_projects(
                draft,
                doc,
                sentence.start + offset,
                item,
                next.map(|(o, n)| (sentence.start + o, *n)),
            );
        }
    }
}

/// Whether the run `m` of `item` (at byte `start`) names one project, the words after it read:
/// not a ceremony (项目签约仪式), works in use, a kind counted (文化旅游项目14个) or a list of names
/// (drafted here as they are: 签约A、B、C等项目22个, X项目、Y项目).
fn names_one_project(draft: &mut Draft, doc: &Doc, start: usize, item: &str, m: &Run) -> bool {
    // 项目签约仪式, 项目集中开工: the run names a ceremony, not a project.
    let after = &item[m.end()..];
    if [
        "签约", "簽約", "集中", "推介", "洽谈", "洽談", "开工", "開工", "建设", "建設",
    ]
    .iter()
    .any(|w| after.starts_with(w))
    {
        return false;
    }
    // 与已投运的港区一期工程连成一片: works already built are not signed.
    if m.as_str().ends_with("工程") && m.as_str().contains('已') {
        return false;
    }
    // 文化旅游项目14个, 龙头企业项目有30余个: a kind counted, not a name.
    // 制造业项目占12个 too, but not 占2个席位 or 占10个亿元项目中的投资首位: a share is a count
    // only where the count ends the item.
    let share = after.starts_with(['占', '佔']);
    let counted = after.trim_start_matches(['有', '共', '达', '達', '为', '為', '爲', '占', '佔']);
    if figures::counts(counted)
        .first()
        .is_some_and(|c| c.start == 0 && (!share || c.end == counted.len()))
    {
        // 签约A、B、C等项目22个: the names listed before the count, unless one is a kind
        // (电子信息、装备制造产业等项目30个).
        let names = listed_before_deng(m.as_str()).unwrap_or_default();
        let kinds = names
            .iter()
            .any(|l| KIND_ENDS.iter().any(|k| l.name.ends_with(k)));
        // (汽车零部件、纺织服装、现代物流等项目20个: kinds too; one name at least ends as a
        // place of work does, 基地, 园, 中心.)
        let built = names
            .iter()
            .any(|l| PROJECT_NOUNS.iter().any(|n| l.name.ends_with(n)));
        if !names.is_empty() && !kinds && built {
            listed_projects(draft, doc, start + m.start(), m.as_str());
        }
        return false;
    }
    !listed_projects(draft, doc, start + m.start(), m.as_str())
}

fn item_projects(
    draft: &mut Draft,
    doc: &Doc,
    start: usize,
    item: &str,
    next: Option<(usize, &str)>,
) {
    for m in named_runs(item) {
        if !names_one_project(draft, doc, start, item, &m) {
            continue;
        }
        let Some(name) = project_name(m.as_str()) else {
            continue;
        };
        let before = &item[..m.end()];
        let money = figures::money(before)
            .into_iter()
            .rfind(|f| !figures::is_revenue(&before[..f.start]))
            .map(|f| (start, f))
            .or_else(|| {
                let (o, n) = next?;
                figures::money(n)
                    .into_iter()
                    .find(|f| !figures::is_revenue(&n[..f.start]))
                    .map(|f| (o, f))
            });
        let name_start = start + m.end() - name.len();
        let found = item_companies(item, m.end() - name.len(), m.end(), &name);
        // The quote starts at a company named before the project (X公司投资的Y项目).
        let name_start = found
            .iter()
            .map(|(at, _)| start + at)
            .filter(|&at| at < name_start)
            .min()
            .unwrap_or(name_start);
        let quote_start = money
            .as_ref()
            .map_or(name_start, |(o, f)| (o + f.start).min(name_start));
        let quote_end = money
            .as_ref()
            .map_or(start + m.end(), |(o, f)| (o + f.end).max(start + m.end()));
        let quote = doc.text[quote_start..quote_end].to_string();
        let amount = money.as_ref().and_then(|(o, f)| {
            draft.used(o + f.start, o + f.end);
            Some(FigureEntry {
                value: parseable(&f.value)?,
                quote: quote.clone(),
                alternatives: Vec::new(),
            })
        });
        let companies = found.into_iter().map(|(_, c)| c).collect();
        add_project(draft, name, quote, amount, companies);
    }
}

/// The projects of a run that lists them (`X、Y等项目`, `X项目、Y项目`) at byte `start`;
/// false when the run names one project.
fn listed_projects(draft: &mut Draft, doc: &Doc, start: usize, run: &str) -> bool {
    if let Some(names) = listed_before_deng(run) {
        for l in names {
            // Its company in brackets after it, quoted with it.
            let end = l.company.map_or(l.at + l.name.len(), |(_, end)| end);
            let quote = doc.text[start + l.at..start + end].to_string();
            let companies = l.company.map(|(c, _)| c.to_string()).into_iter().collect();
            add_project(draft, l.name.to_string(), quote, None, companies);
        }
        return true;
    }
    // 、百色芒果精深加工基地、横州茉莉花产业融合发展项目 (after the item before it): the list
    // begins after its mark.
    let (start, run) = match run.strip_prefix('、') {
        Some(rest) => (start + '、'.len_utf8(), rest),
        None => (start, run),
    };
    let parts = split_list(run);
    if parts.len() < 2 {
        return false;
    }
    let mut at = start;
    for part in parts {
        let part_start = at;
        at += part.len() + '、'.len_utf8();
        if let Some(name) = project_name(part) {
            // A company named right before the item's name (永丰纸业(山东)有限公司X项目) is its
            // company, and the quote starts at it.
            let found = item_companies(part, part.len() - name.len(), part.len(), &name);
            let quote_start = found
                .iter()
                .map(|(at, _)| part_start + at)
                .fold(part_start + part.len() - name.len(), usize::min);
            let quote = doc.text[quote_start..part_start + part.len()].to_string();
            let companies = found.into_iter().map(|(_, c)| c).collect();
            add_project(draft, name, quote, None, companies);
        }
    }
    true
}

/// The companies named in the part of `item` that holds the project at `from..to`, each with
/// where its name starts: in a list (A公司投资的X项目、B公司投资的Y项目) its own list item.
fn item_companies(item: &str, from: usize, to: usize, name: &str) -> Vec<(usize, String)> {
    let seg_start = item[..from].rfind('、').map_or(0, |i| i + '、'.len_utf8());
    let seg_end = item[to..].find('、').map_or(item.len(), |i| to + i);
    company_runs(&item[seg_start..seg_end])
        .into_iter()
        .filter_map(|(start, run)| {
            let company = company_name(run)?;
            let at = seg_start + start + run.find(company.as_str())?;
            (!name.contains(company.as_str())).then_some((at, company))
        })
        .collect()
}

pub(super) fn add_project(
    draft: &mut Draft,
    name: String,
    quote: String,
    amount: Option<FigureEntry>,
    companies: Vec<String>,
) {
    let projects = &mut draft.file.events[0].projects;
    let key = fold(&name);
    // One project found twice, once with words before its name: keep the first.
    if projects.iter().any(|p| {
        let other = fold(&p.name);
        other.ends_with(&key) || key.ends_with(&other)
    }) {
        return;
    }
    // 某有限公司与某区签订的某有限公司X项目: one company written twice is linked once.
    let mut seen = Vec::new();
    let links = companies
        .into_iter()
        .filter(|c| {
            let key = fold(c);
            let new = !seen.contains(&key);
            seen.push(key);
            new
        })
        .map(|c| CompanyLink {
            name: c,
            role: "investor".into(),
            basis: "stated".into(),
            quote: quote.clone(),
            note: None,
        })
        .collect();
    projects.push(ProjectEntry {
        name,
        quote,
        amount,
        companies: links,
        ..Default::default()
    });
}

/// Companies by their legal form (有限公司, 集团, 株式会社, Co., Ltd.), anywhere but clutter.
pub fn companies(draft: &mut Draft, doc: &Doc) {
    for c in doc.clauses.iter().filter(|c| c.topic != Topic::Clutter) {
        for (_, run) in company_runs(c.text) {
            let Some(name) = company_name(run) else {
                continue;
            };
            if draft
                .file
                .companies
                .iter()
                .any(|x| fold(&x.name) == fold(&name))
            {
                continue;
            }
            let group = name.ends_with("集團") || name.ends_with("集团");
            draft.file.companies.push(CompanyEntry {
                name: name.clone(),
                name_kind: if group { "group" } else { "full" }.to_string(),
                quote: c.text.to_string(),
                ..Default::default()
            });
        }
    }
    listed_companies(draft, doc);
    bracketed_companies(draft);
    // A link to a company that is not declared (a name cut differently) is dropped.
    let declared: Vec<String> = draft.file.companies.iter().map(|c| fold(&c.name)).collect();
    let mut linked = Vec::new();
    for (i, p) in draft
        .file
        .events
        .iter_mut()
        .flat_map(|e| e.projects.iter_mut())
        .enumerate()
    {
        p.companies.retain(|l| declared.contains(&fold(&l.name)));
        if !p.companies.is_empty() {
            linked.push(i);
        }
    }
    link_by_name(draft);
    for i in linked {
        draft.note(
            Section::Project(i),
            "linked to the company its item names: check the role (investor)".into(),
        );
    }
}

/// A company a project's item names in brackets (冷链物流中心(赣鲜供应链)) is declared by that
/// name, short when it has no legal form.
fn bracketed_companies(draft: &mut Draft) {
    let mut found: Vec<(String, String)> = Vec::new();
    for p in draft.file.events.iter().flat_map(|e| &e.projects) {
        for l in &p.companies {
            let in_brackets = bracketed_company(&p.quote).is_some_and(|(_, c)| c == l.name);
            if in_brackets && !found.iter().any(|(n, _)| *n == l.name) {
                found.push((l.name.clone(), p.quote.clone()));
            }
        }
    }
    for (name, quote) in found {
        let known = draft
            .file
            .companies
            .iter()
            .any(|x| fold(&x.name) == fold(&name));
        if !known {
            let full = COMPANY.is_match(&name);
            draft.file.companies.push(CompanyEntry {
                name,
                name_kind: if full { "full" } else { "short" }.into(),
                quote,
                ..Default::default()
            });
        }
    }
}

/// Companies named short in a list beside ones named in full (新引进成山集团、珠海银隆、万科集团、
/// 江苏舜天等): the list's other items are companies too, by their short names.
fn listed_companies(draft: &mut Draft, doc: &Doc) {
    for (index, sentence) in doc.sentences.iter().enumerate() {
        if doc.sentence_has(index, |t| *t == Topic::Clutter) {
            continue;
        }
        for run in sentence.text.split([',', '，', ';', '；', ':', '：', '。']) {
            if !run.contains('、') {
                continue;
            }
            let items: Vec<&str> = run.split('、').collect();
            let Some(items) = short_company_items(&items) else {
                continue;
            };
            for name in items {
                let known =
                    draft.file.companies.iter().any(|x| {
                        fold(&x.name) == fold(name) || fold(&x.name).contains(&fold(name))
                    });
                if !known {
                    draft.file.companies.push(CompanyEntry {
                        name: name.to_string(),
                        name_kind: "short".into(),
                        quote: run.to_string(),
                        ..Default::default()
                    });
                }
            }
        }
    }
}

/// The items of a list when at least one is a company in full and every one reads as a
/// company's name (2 to 14 characters, no figure, not a project, an industry or a place).
fn short_company_items<'a>(items: &[&'a str]) -> Option<Vec<&'a str>> {
    let g = crate::source::divisions::gazetteer();
    let first = after_lead_words(items.first()?);
    let first = first
        .rfind(['有', '括', '是', '进', '進', '与', '與'])
        .map_or(first, |i| {
            &first[i + first[i..].chars().next().map_or(1, char::len_utf8)..]
        });
    let last = items.last()?;
    let last = last.find('等').map_or(*last, |i| &last[..i]);
    let n = items.len();
    let names: Vec<&str> = items
        .iter()
        .enumerate()
        .map(|(i, item)| match i {
            0 => first,
            i if i == n - 1 => last,
            _ => item,
        })
        .map(str::trim)
        .collect();
    let full = |name: &str| {
        bounded_runs(&COMPANY, name, 40)
            .first()
            .is_some_and(|run| run.as_str() == name)
            && company_name(name).as_deref() == Some(name)
    };
    let reads_as_name = |name: &str| {
        let chars = name.chars().count();
        (2..=14).contains(&chars)
            && name.chars().all(|ch| ch.is_alphabetic())
            && ![
                "项目", "項目", "产业", "產業", "行业", "行業", "企业", "企業", "等",
            ]
            .iter()
            .any(|w| name.ends_with(w))
            && g.find_in_text(name)
                .first()
                .is_none_or(|m| m.end != name.len())
    };
    // A full name may be long (新疆创兴农产品开发集团有限公司); a short one reads as a name.
    (names.len() >= 2
        && names.iter().any(|n| full(n))
        && names.iter().all(|n| full(n) || reads_as_name(n)))
    .then(|| names.into_iter().filter(|n| !full(n)).collect())
}

/// A company whose own words (苏州超帮涂料有限公司: 超帮涂料) begin a project's name is that
/// project's investor, by inference.
fn link_by_name(draft: &mut Draft) {
    let g = crate::source::divisions::gazetteer();
    let cores: Vec<(String, String)> = draft
        .file
        .companies
        .iter()
        .filter_map(|c| {
            let mut core = c.name.as_str();
            for legal in [
                "集团股份有限公司",
                "集团有限公司",
                "股份有限公司",
                "有限责任公司",
                "有限公司",
                "集团",
                "公司",
                "科技",
                "实业",
                "控股",
                "新材料",
                "新能源",
            ] {
                core = core.strip_suffix(legal).unwrap_or(core);
            }
            if let Some(m) = g.find_in_text(core).first().filter(|m| m.start == 0) {
                core = &core[m.end..];
            }
            let core = core.trim_start_matches(['(', '（']);
            (core.chars().count() >= 2).then(|| (c.name.clone(), core.to_string()))
        })
        .collect();
    for p in draft
        .file
        .events
        .iter_mut()
        .flat_map(|e| e.projects.iter_mut())
    {
        if !p.companies.is_empty() {
            continue;
        }
        let hits: Vec<&(String, String)> = cores
            .iter()
            .filter(|(_, core)| p.name.contains(core.as_str()))
            .collect();
        if let [(name, _)] = hits[..] {
            p.companies.push(CompanyLink {
                name: name.clone(),
                role: "investor".into(),
                basis: "inferred".into(),
                quote: p.quote.clone(),
                note: Some("the project's name holds the company's".into()),
            });
        }
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [&NAMED, &COMPANY, &AMOUNT_BEFORE] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::{company_name, company_runs, named_runs, project_name, short_company_items};

    /// A run longer than the bound keeps its last words: 80 characters before 项目, 40 before a
    /// company's legal form, as the bounded patterns they replace found.
    #[test]
    fn long_runs_keep_their_last_words() {
        let words = "甲".repeat(90);
        let text = format!("{words}乙项目");
        let runs = named_runs(&text);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].as_str(), format!("{}乙项目", "甲".repeat(79)));
        assert_eq!(runs[0].start(), "甲".len() * 11);
        let text = format!("{}有限公司", "丙".repeat(50));
        let runs = company_runs(&text);
        assert_eq!(runs, [("丙".len() * 10, &text["丙".len() * 10..])]);
        let short = "某某建设有限公司";
        assert_eq!(company_runs(short), [(0, short)]);
    }

    /// A long name ending in 合作项目 or 投资项目 is a project's; a short one is a kind.
    #[test]
    fn a_cooperation_project_is_named_when_its_name_says_what() {
        assert_eq!(
            project_name("肉牛养殖技术升级合作项目").as_deref(),
            Some("肉牛养殖技术升级合作项目")
        );
        assert_eq!(project_name("战略合作项目"), None);
        assert_eq!(project_name("外商投资项目"), None);
    }

    /// Who builds a project and how (联合建设, 与…合作建设) is not its name (written for the test).
    #[test]
    fn a_name_begins_after_who_builds_it_jointly() {
        assert_eq!(
            project_name("绿源纸业集团与某县人民政府合作建设年产8万吨纸板厂项目").as_deref(),
            Some("年产8万吨纸板厂项目")
        );
        assert_eq!(
            project_name("联合建设冷链物流配送中心项目").as_deref(),
            Some("冷链物流配送中心项目")
        );
        assert_eq!(
            project_name("则签下了某县雁洋镇生态度假区项目").as_deref(),
            Some("某县雁洋镇生态度假区项目")
        );
        assert_eq!(
            project_name("在正定建设智能仓储中心项目").as_deref(),
            Some("智能仓储中心项目")
        );
        // A place's name before 建设 is cut as before; 建设 inside a name stays.
        assert_eq!(
            project_name("生态建设示范园项目").as_deref(),
            Some("生态建设示范园项目")
        );
    }

    fn names(text: &str) -> Vec<String> {
        company_runs(text)
            .into_iter()
            .filter_map(|(_, run)| company_name(run))
            .collect()
    }

    #[test]
    fn short_names_listed_beside_full_ones_are_companies() {
        let items = |run: &'static str| {
            short_company_items(&run.split('、').collect::<Vec<_>>()).unwrap_or_default()
        };
        assert_eq!(
            items("新引进成山集团、珠海银隆、万科集团、江苏舜天等"),
            ["珠海银隆", "江苏舜天"]
        );
        assert_eq!(
            names("由乡贤某某创办的恒远控股集团投资的家居产业园项目"),
            ["恒远控股集团"]
        );
        // The list's first item after 与 (written for this test).
        assert_eq!(
            items("与华东经济发展协会、某某新能源集团有限公司等"),
            ["华东经济发展协会"]
        );
        // A full name longer than a short one may be does not stop the list.
        assert_eq!(
            items("分别是某台酒业、某某农产品综合开发集团有限公司、某德农业等"),
            ["某台酒业", "某德农业"]
        );
        // No company in full: nothing is one.
        assert!(items("涵盖研发中心、管理咨询、金融等").is_empty());
        // 投资性公司 is a kind, not a company in full.
        assert!(items("投资性公司、研发中心、商贸物流等").is_empty());
    }

    /// Shapes of real reports, in our own words.
    #[test]
    fn company_names_without_the_words_before_them() {
        // The county signs with the company: the name starts after the last 与 before a place.
        assert_eq!(
            names("投资最大的是太康县政府与苏州鸿文纺织有限公司签订的项目"),
            ["苏州鸿文纺织有限公司"]
        );
        // Two companies joined by 和: the second begins after it (words written for this test).
        assert_eq!(
            names("由东方能投集团有限公司和协力新能源控股有限公司共同投资的总部项目"),
            ["东方能投集团有限公司", "协力新能源控股有限公司"]
        );
        // 即 and 企业 before a name (words written for this test); 企业 inside a name and a
        // place that begins with a cut word (将乐) stays.
        assert_eq!(names("外资项目1项，即新加坡嘉和集团"), ["新加坡嘉和集团"]);
        assert_eq!(names("烟台即发针织有限公司"), ["烟台即发针织有限公司"]);
        assert_eq!(
            names("“小巨人”企业合肥星光电子有限公司与该市签约"),
            ["合肥星光电子有限公司"]
        );
        assert_eq!(
            names("上海星辰企业管理有限公司"),
            ["上海星辰企业管理有限公司"]
        );
        assert_eq!(names("将乐海丰食品有限公司"), ["将乐海丰食品有限公司"]);
        // (集团) inside a name is part of it.
        assert_eq!(
            names("安徽省外经建设(集团)有限公司与该县签订的旅游度假区项目"),
            ["安徽省外经建设(集团)有限公司"]
        );
        assert_eq!(
            names("中国南山开发（集团）股份有限公司投资的物流园项目"),
            ["中国南山开发（集团）股份有限公司"]
        );
        // A visit's or an invitation's verb is not the name's (written for this test).
        assert_eq!(
            names("调研组走进彭阳县晶华玻璃制品有限公司"),
            ["彭阳县晶华玻璃制品有限公司"]
        );
        // 携手, 投资方: words that lead to the name.
        assert_eq!(
            names("县政府携手某某新材料有限公司共建产业园"),
            ["某某新材料有限公司"]
        );
        // A bracket closed that the run did not open ends a byline before the name.
        assert_eq!(
            names("中新网上海9月25日电 (记者 陈静)宜嘉(中国)公司、海森克集团等十五家企业签约"),
            ["宜嘉(中国)公司", "海森克集团"]
        );
        // A bracket the name does not close: the company is the name inside it.
        assert_eq!(
            names("兴业县某某林产品加工厂(广西某某木业有限公司)签约"),
            ["广西某某木业有限公司"]
        );
        // 有 before a place is the sentence's; 有 of 有限 and 有研 stays.
        assert_eq!(
            names("新签约项目中,有甘肃某某新能源有限公司投资的光伏项目"),
            ["甘肃某某新能源有限公司"]
        );
        assert_eq!(names("有研某某科技有限公司投资"), ["有研某某科技有限公司"]);
        // 同 inside a name that begins with its province is no cut.
        assert_eq!(names("福建同创动力有限公司投资"), ["福建同创动力有限公司"]);
        assert_eq!(names("县政府同某某能源有限公司签约"), ["某某能源有限公司"]);
        // 世界500强企业, 龙头企业: what the company is, not its name.
        assert_eq!(names("世界500强企业中粮集团番茄制品项目落户"), ["中粮集团"]);
        // Big groups in general are the prose's (written for this test).
        assert!(names("把博览会作为沟通大集团、协作谋发展的契机").is_empty());
        assert!(names("依靠这些大集团,该县将建设工业园区").is_empty());
        assert_eq!(names("与浙江中大集团签约"), ["浙江中大集团"]);
        // A day before the name is not the name's (written for this test).
        assert_eq!(names("继8月15日宏远控股集团入驻之后"), ["宏远控股集团"]);
    }
}
