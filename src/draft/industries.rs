//! Industries as an article names them: a list after 涵盖/涉及/包括/围绕 (…等N个领域, or a list of
//! two or more ending in 领域 without 等), the kinds of a breakdown (绿色建材类项目27个,
//! 铜产业项目7个), and 项目以X和Y为主.

use std::sync::LazyLock;

use regex::Regex;

use super::Draft;
use super::figures;
use super::text::{Doc, Topic};
use crate::source::fold::fold;
use crate::source::model::{IndustryEntry, Link};

const TRIGGERS: &str =
    "涵蓋|涵盖|涉及|覆蓋|覆盖|包括|集中在|聚焦|主要为|主要為|分布在|分佈在|不乏|围绕|圍繞";
const NOUNS: &str =
    "新业态|新業態|业态|業態|產業鏈|产业链|產業|产业|領域|领域|行業|行业|板块|板塊|方面|类别|類別";

/// 涉及A、B、C等(七条/14个投资/楚雄州着力发展的重点)产业.
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:{TRIGGERS})([^,，。；;]{{2,}}?)等[^,，。；;、:：]{{0,12}}?(?:{NOUNS})"
    ))
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 涉及半导体,新能源,新材料等领域: a list of three or more short items between ASCII commas, as
/// saved copies write 、 (the frame 涉及…等领域 keeps clauses out; a full-width ， is a clause's).
static LISTED_COMMAS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:涵蓋|涵盖|涉及|覆蓋|覆盖|包括|集中在|聚焦|围绕|圍繞)((?:[^,，。；;、:：]{1,10},){2,}[^,，。；;、:：]{1,10})等[^,，。；;、:：]{0,12}?(?:领域|領域|产业链|產業鏈|产业|產業|行业|行業|业态|業態)",
    )
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// Whether a list between commas names fields, not companies (包括华为,比亚迪等行业龙头企业).
fn fields_between_commas(sentence: &str, end: usize) -> bool {
    !["龙头", "龍頭", "企业", "企業"]
        .iter()
        .any(|w| sentence[end..].starts_with(w))
}

/// 涵盖…——A、B、C领域: a list of two or more that ends in the noun, without 等.
static LISTED_BARE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:{TRIGGERS})([^,，。；;]{{2,}}?、[^,，。；;、]{{2,}}?)(?:{NOUNS})"
    ))
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 涉及A、B、C等。: a list that ends the clause after 等, with no noun.
static LISTED_END: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:涵蓋|涵盖|涉及|覆蓋|覆盖)([^,，。；;]{2,}?、[^,，。；;]{2,}?)等(?:[,，。；;]|$)",
    )
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 项目涵盖先进制造业、食品加工业和现代服务业,: a list of three or more whose last two are
/// joined by 和/及, ending the clause.
static LISTED_AND: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:涵蓋|涵盖|涉及|覆蓋|覆盖)([^,，。；;、]{2,}?、[^,，。；;]{2,}?(?:和|及|与|與)[^,，。；;、]{2,}?)(?:[,，。；;]|$)",
    )
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 数字经济、电子信息等新兴产业签约78个项目: a list that opens a clause and signs.
static LISTED_SIGNS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:^|[,，:：；;])([^,，。；;:：]{{2,}}?、[^,，。；;:：]{{2,}}?)等[^,，。；;、:：]{{0,8}}?(?:{NOUNS})(?:分别|分別|共|共计|共計|合计|合計)?(?:签约|簽約)"
    ))
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 高端装备制造、节能环保和现代服务业领域的有22个: a list opening a clause that counts the
/// projects in it. (A list after 在 ending 等…领域 was tried: it named more that were not the
/// signing's than it found.)
static LISTED_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:^|[,，:：；;])([^,，。；;:：]{2,}?、[^,，。；;:：]{2,}?)(?:领域|領域|产业|產業|行业|行業)(?:的)?(?:项目|項目)?(?:有|共|达|達)[0-9一二三四五六七八九十两兩]",
    )
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 民生服务、先进制造、新兴产业等领域的16个项目: a list that says what field the projects counted
/// after it are in.
static LISTED_OF: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:^|[,，:：；;在])([^,，。；;:：在]{{2,}}?、[^,，。；;:：]{{2,}}?)等(?:{NOUNS})的(?:[0-9一二三四五六七八九十两兩]+(?:个|個|项|項|宗))?(?:重点|重點|重大)?(?:项目|項目)"
    ))
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 从新型建材产业、新材料产业、农特产品加工产业、物流等项目…推介: a list of three or more, two
/// of them named as 产业, names industries without a trigger word.
static LISTED_RUN: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(\p{Han}{2,12}(?:、\p{Han}{2,12}){2,})等")
        .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// The items of a [`LISTED_RUN`] when two or more end in 产业, the first without the words
/// before it (县长重点从).
fn run_of_industries(run: &str) -> Option<String> {
    let named = run
        .split('、')
        .filter(|i| i.ends_with("产业") || i.ends_with("產業"))
        .count();
    if named < 2 {
        return None;
    }
    let (first, rest) = run.split_once('、')?;
    let cut = first
        .char_indices()
        .filter(|(_, c)| "从從以在对對".contains(*c))
        .map(|(i, c)| i + c.len_utf8())
        .rfind(|&i| first[i..].chars().count() >= 2)
        .unwrap_or(0);
    Some(format!("{}、{rest}", &first[cut..]))
}

/// 主要包括工业制造业和现代服务业两大类别.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:{TRIGGERS})([^,，。；;]{{2,}}?)(?:两|兩|三|四|五|六|七|八|九|十|[0-9]+)(?:大|个|個|条|條)(?:{NOUNS})"
    ))
    .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 主导产业绿色建材类项目27个, 铜产业项目7个: the kind of a part.
static KIND: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"([\p{Han}]{2,12}?(?:产业|產業)?)(类|類)?(?:项目|項目)(?:有|共)?[0-9一二三四五六七八九十两兩]+(?:个|個|项|項|宗)")
        .unwrap_or_else(|e| panic!("the kind pattern: {e}"))
});

/// 旅游产业1647亿元、房地产业403亿元: industries listed with their amounts.
static WITH_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:^|[、:：,，])([\p{Han}]{2,10}?(?:产业|產業|业|業))[0-9]+(?:\.[0-9]+)?(?:亿|億|万|萬)元")
        .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
});

/// 这批项目以金属制品为主, 三产项目则以现代物流和总部经济为主, 签约项目以制造业、新能源等产业居多.
static MAINLY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:项目|項目)(?:则|則|主要|均|都|大多|多)?以([^,，。；;]{2,40}?)(?:等[^,，。；;、]{0,8}?)?(?:为主|為主|居多)")
        .unwrap_or_else(|e| panic!("the mainly pattern: {e}"))
});

/// Kinds that are not industries: who invests, or how a plan ranks a project.
const GENERIC: &[&str] = &[
    "企业",
    "企業",
    "重点产业",
    "重點產業",
    "新兴产业",
    "新興產業",
    "优势产业",
    "優勢產業",
    "特色产业",
    "特色產業",
    "主导产业",
    "主導產業",
    "传统产业",
    "傳統產業",
    "重大",
    "重点",
    "重點",
];

/// Words before an industry's name that are not part of it.
const LEADING: &[&str] = &[
    "其中",
    "主导产业",
    "主導產業",
    "主要有",
    "共有",
    "另有",
    "还有",
    "還有",
    "以及",
    "我县",
    "我縣",
    "我市",
    "我区",
    "我區",
    "本县",
    "本縣",
    "本市",
    "全县",
    "全縣",
    "全市",
    "该县",
    "該縣",
    "该市",
    "該市",
    "是",
    "的",
    "了",
    "引进",
    "引進",
];

/// Every industry the article names, linked to its event.
pub fn industries(draft: &mut Draft, doc: &Doc) {
    for s in &doc.sentences {
        let mut listed = false;
        // Each pattern with the characters it cannot match without: a sentence that lacks one
        // is not searched (nor the pattern compiled for it).
        for (pattern, needs) in [
            (&LISTED, "等"),
            (&LISTED_END, "、等"),
            (&COUNTED, ""),
            (&LISTED_BARE, "、"),
            (&LISTED_SIGNS, "、等"),
            (&LISTED_AND, "、"),
            (&LISTED_COUNTS, "、"),
            (&LISTED_OF, "、等"),
            (&LISTED_COMMAS, "等,"),
        ] {
            if listed {
                break;
            }
            if !needs.chars().all(|ch| s.text.contains(ch)) {
                continue;
            }
            for c in pattern.captures_iter(s.text) {
                // A list between commas reads across clauses: it is the signing's only where it
                // begins in one about the signing (not 发布…项目,涵盖A,B,C等领域).
                let items = c.get(1).map_or("", |m| m.as_str());
                if std::ptr::eq(pattern, &LISTED_COMMAS)
                    && c.get(0).is_some_and(|m| {
                        !signed(doc, s.start + m.start()) || !fields_between_commas(s.text, m.end())
                    })
                {
                    continue;
                }
                listed |= list(draft, items, &c[0]) > 0;
            }
        }
        if !listed && s.text.contains('、') && s.text.contains('等') {
            for c in LISTED_RUN.captures_iter(s.text) {
                if let Some(items) = run_of_industries(&c[1]) {
                    list(draft, &items, &c[0]);
                }
            }
        }
        if s.text.contains('以') {
            for c in MAINLY.captures_iter(s.text) {
                list(draft, c.get(1).map_or("", |m| m.as_str()), &c[0]);
            }
        }
        if !s.text.contains('元') {
            continue;
        }
        let with_amounts: Vec<_> = WITH_AMOUNT.captures_iter(s.text).collect();
        if with_amounts.len() >= 2 {
            for c in with_amounts {
                if let (Some(name), Some(all)) = (c.get(1), c.get(0)) {
                    let quote = all
                        .as_str()
                        .trim_start_matches(['、', ':', '：', ',', '，']);
                    item(draft, name.as_str(), quote);
                }
            }
        }
    }
    for s in &doc.sentences {
        counted_kinds(draft, s.text);
    }
    kinds(draft, doc);
}

/// Whether the byte `at` is in a clause about the signing (or a period's signings): not a
/// 开工 batch's, nor the background's.
fn signed(doc: &Doc, at: usize) -> bool {
    doc.clauses.iter().any(|c| {
        c.start <= at
            && at < c.start + c.text.len()
            && matches!(c.topic, Topic::Signing | Topic::Period(..))
    })
}

/// Kinds of the signed projects (绿色建材类项目27个, 铜产业项目7个).
fn kinds(draft: &mut Draft, doc: &Doc) {
    for s in &doc.sentences {
        for c in KIND.captures_iter(s.text) {
            let (Some(name), Some(all)) = (c.get(1), c.get(0)) else {
                continue;
            };
            // A kind is 类 or ends in 产业: 重点项目, 外资项目, 民营企业项目 are not industries.
            // 兵团共签约各类项目25个: 各类 names no kind, and a verb is no part of one.
            let generic = GENERIC.iter().any(|g| name.as_str().ends_with(g))
                || name.as_str().ends_with('各')
                || ["签约", "簽約", "签订", "簽訂"]
                    .iter()
                    .any(|w| name.as_str().contains(w));
            let of_industry = (c.get(2).is_some() || name.as_str().ends_with(['业', '業']))
                && !generic
                && signed(doc, s.start + name.start());
            if of_industry {
                let quote = &s.text[name.start()..all.end()];
                item(draft, name.as_str(), quote);
            }
        }
    }
}

/// 从产业分布看,…引进电子信息项目4个、钨与稀土精深加工项目4个、纺织服装项目5个: three or more
/// kinds counted in a 、-list of a sentence about 产业 are its industries.
fn counted_kinds(draft: &mut Draft, sentence: &str) {
    if !["产业", "產業"].iter().any(|w| sentence.contains(w)) {
        return;
    }
    for run in sentence.split([',', '，', '；', ';', '。']) {
        let items: Vec<&str> = run.split('、').collect();
        let names: Vec<&str> = items
            .iter()
            .filter_map(|item| {
                let c = COUNTED_KIND.captures(item)?;
                let name = c.get(1)?.as_str();
                // The first item carries the words before the list (我市引进).
                let name = [
                    "引进", "引進", "签约", "簽約", "签订", "簽訂", "新签", "新簽",
                ]
                .iter()
                .filter_map(|w| name.rfind(w).map(|i| &name[i + w.len()..]))
                .min_by_key(|n| n.len())
                .unwrap_or(name);
                let generic = GENERIC.iter().any(|g| name.ends_with(g))
                    || ["工业", "工業", "外资", "外資", "内资", "內資"].contains(&name);
                (!generic).then_some(name)
            })
            .collect();
        if names.len() >= 3 && names.len() == items.len() {
            for name in names {
                item(draft, name, run);
            }
        }
    }
}

/// 电子信息项目4个: a kind of project with its count, the whole of a list's item.
static COUNTED_KIND: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"^([\p{Han}]{2,16}?)(?:项目|項目)[0-9一二三四五六七八九十两兩]+(?:个|個|项|項|宗)$",
    )
    .unwrap_or_else(|e| panic!("the counted kind pattern: {e}"))
});

/// The items of a list, split at 、 and at the 和/及 of its last item.
fn list(draft: &mut Draft, list: &str, quote: &str) -> usize {
    let mut list = list;
    for word in [
        "涵蓋", "涵盖", "涉及", "覆蓋", "覆盖", "包括", "——", "—", ":", "：",
    ] {
        if let Some(i) = list.rfind(word) {
            list = &list[i + word.len()..];
        }
    }
    // A、B和C: the last item holds two; 光伏和风电、房地产 keeps its first whole. (Only
    // [`LISTED_COMMAS`] gives a list with commas.)
    let mut items: Vec<&str> = list.split(['、', '+', '＋', ',']).collect();
    if let Some(last) = items.pop() {
        items.extend(last.split(['和', '及', '与', '與']));
    }
    items.into_iter().filter(|i| item(draft, i, quote)).count()
}

/// Adds an item that reads as an industry's name; whether it did.
fn item(draft: &mut Draft, name: &str, quote: &str) -> bool {
    let mut name = name
        .trim()
        .trim_start_matches(['“', '"', '「'])
        .trim_end_matches(['”', '"', '」']);
    loop {
        let before = name;
        for w in LEADING {
            name = name.strip_prefix(w).unwrap_or(name);
        }
        // 有 of 涵盖有, but 有色金属 (non-ferrous) and 有机农业 begin names.
        if let Some(rest) = name.strip_prefix('有')
            && !rest.starts_with(['机', '機', '色'])
        {
            name = rest;
        }
        if name == before {
            break;
        }
    }
    // 佛山重点发展的家用电器: the words before 的 describe the industry.
    // An amount before 的 (投资15亿元的甘肃医药产业园) makes the item a project, not an industry.
    if let Some(i) = name.rfind('的')
        && !name[..i].chars().any(|c| c.is_ascii_digit())
    {
        let rest = &name[i + '的'.len_utf8()..];
        if rest.chars().count() >= 2 {
            name = rest;
        }
    }
    let len = name.chars().count();
    if !(2..=20).contains(&len)
        || name.ends_with("項目")
        || name.ends_with("项目")
        || !figures::money(name).is_empty()
        || name.chars().any(|c| c.is_ascii_digit())
        || name.contains(['“', '”', '"'])
    {
        return false;
    }
    add_industry(draft, name, quote);
    true
}

fn add_industry(draft: &mut Draft, name: &str, quote: &str) {
    // 纺织服装产业 is 纺织服装, named already.
    let bare = name
        .strip_suffix("产业")
        .or_else(|| name.strip_suffix("產業"))
        .unwrap_or(name);
    let known = |n: &str| fold(n) == fold(name) || fold(n) == fold(bare);
    if !draft.file.industries.iter().any(|i| known(&i.name)) {
        draft.file.industries.push(IndustryEntry {
            name: name.to_string(),
            parent: None,
            quote: quote.to_string(),
            ..Default::default()
        });
    }
    if let Some(event) = draft.file.events.first_mut()
        && !event.industries.iter().any(|l| known(&l.name))
    {
        event.industries.push(Link {
            name: name.to_string(),
            basis: "stated".into(),
            quote: quote.to_string(),
            note: None,
        });
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &LISTED,
        &LISTED_COMMAS,
        &LISTED_BARE,
        &LISTED_END,
        &LISTED_AND,
        &LISTED_SIGNS,
        &LISTED_COUNTS,
        &LISTED_OF,
        &LISTED_RUN,
        &COUNTED,
        &KIND,
        &WITH_AMOUNT,
        &MAINLY,
        &COUNTED_KIND,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SourceOptions, draft, input::Article};

    /// The industries drafted from a text of our own words in the shapes real reports use.
    fn drafted(body: &str) -> Vec<String> {
        let article = Article {
            title: "某县招商引资项目集中签约".into(),
            text: format!("某县招商引资项目集中签约\n{body}"),
            encoding: "UTF-8",
            published: Some("2023-05-06".into()),
            notes: Vec::new(),
        };
        let d = draft(&article, &SourceOptions::default()).expect("a draft");
        d.file.industries.into_iter().map(|i| i.name).collect()
    }

    /// A list with no trigger word, two of its items named as 产业 (written for the test).
    #[test]
    fn a_run_of_industries_without_a_trigger() {
        assert_eq!(
            drafted(
                "5月6日,某县签约项目9个。县长重点从新型建材产业、新材料产业、物流等项目作了推介。"
            ),
            ["新型建材产业", "新材料产业", "物流"]
        );
        // One 产业 among plain words is no list of industries.
        assert!(
            drafted("5月6日,某县签约项目9个。会上介绍了交通、区位、文旅产业等优势。").is_empty()
        );
    }

    /// A list that says what field the counted projects after it are in (written for the test).
    #[test]
    fn a_list_of_the_fields_of_the_projects_counted() {
        assert_eq!(
            drafted("5月6日,仪式上,康养服务、智能制造、数字经济等领域的12个项目集中签约。"),
            ["康养服务", "智能制造", "数字经济"]
        );
        assert_eq!(
            drafted("5月6日,某县与多家企业在冷链物流产业、文旅小镇等方面的9个项目进行了签约。"),
            ["冷链物流产业", "文旅小镇"]
        );
    }

    #[test]
    fn lists_kinds_and_mainly() {
        // 了 of the verb before a list is not the first item's (written for this test).
        assert_eq!(
            drafted("5月6日,此次签约项目9个,涉及了矿产品深加工、新型建材等领域。"),
            ["矿产品深加工", "新型建材"]
        );
        assert_eq!(
            drafted(
                "5月6日,此次签约项目12个,总投资30亿元,涉及光伏和风电、汽车零部件和新型纺织等3个领域。"
            ),
            ["光伏和风电", "汽车零部件", "新型纺织"]
        );
        assert_eq!(
            drafted("5月6日,此次集中签约的9个项目涵盖该县“三大产业”——医药健康、旅游商贸领域。"),
            ["医药健康", "旅游商贸"]
        );
        assert_eq!(
            drafted("5月6日,此次签约项目9个,其中绿色建材类项目5个,民营企业项目4个,铜产业项目2个。"),
            ["绿色建材", "铜产业"]
        );
        assert_eq!(
            drafted("5月6日,此次签约项目9个,这批项目以金属制品为主。"),
            ["金属制品"]
        );
        assert_eq!(
            drafted("5月6日,此次签约项目9个,签约项目以制造业、新材料等产业居多。"),
            ["制造业", "新材料"]
        );
        assert_eq!(
            drafted("今年以来,全县新签约项目40个,农业、消费品工业等产业分别签约项目13个、6个。"),
            ["农业", "消费品工业"]
        );
        assert_eq!(
            drafted(
                "5月6日,此次签约项目9个,项目涵盖先进制造业、食品加工业和现代服务业,将落户园区。"
            ),
            ["先进制造业", "食品加工业", "现代服务业"]
        );
        assert_eq!(
            drafted("5月6日,此次签约项目9个。该县围绕建材、机械、制鞋等产业开展招商。"),
            ["建材", "机械", "制鞋"]
        );
        assert_eq!(
            drafted(
                "今年以来,全县签约项目40个。排在前3位的分别是:旅游产业16亿元、房地产业4亿元、互联网产业3.7亿元。"
            ),
            ["旅游产业", "房地产业", "互联网产业"]
        );
    }
}
