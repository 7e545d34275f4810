//! Projects a list names without 项目 on each item: `参加签约的项目包括A、B等`, `同A、B等6宗项目
//! 集中签约`, and the items after a project in `…开发项目、B综合体、C基地等`.

use std::sync::LazyLock;

use regex::Regex;

use super::Draft;
use super::event::parseable;
use super::figures::{self, NUMBER};
use super::projects::{add_project, project_name};
use super::text::{Doc, Topic};
use crate::source::model::FigureEntry;

/// 项目包括A、B、C等.
static PROJECTS_ARE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(
        r"(?:项目|項目)(?:包括|包含|主要有|有|為|爲|为|是|分别是|分別是)[:：]?([^。；;:：]{4,}?)等",
    )
    .unwrap_or_else(|e| panic!("the list pattern: {e}"))
});

/// 同A、B等6宗项目.
static BEFORE_PROJECTS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:同|与|與|和|包括|包含|将|將)([^。；;:：,，]{{4,}}?)等(?:{NUMBER}(?:个|個|宗|项|項|批))?(?:重点|重點|重大)?(?:项目|項目)"
    ))
    .unwrap_or_else(|e| panic!("the list pattern: {e}"))
});

/// …开发项目、B综合体、C基地等: the items after a project in one list.
static AFTER_PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:项目|項目)、([^。；;:：,，]{4,}?)(?:等|[；;。]|$)")
        .unwrap_or_else(|e| panic!("the list pattern: {e}"))
});

/// 7个项目包括A、B…和G, (the list ends at a comma or the sentence's end, with no 等).
static COUNTED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"({NUMBER}(?:个|個|宗|项|項))(?:[\p{{Han}}]{{0,6}}?)(?:项目|項目)(?:包括|包含|分别是|分別是|分别为|分別為|分別爲|为|為|爲|是)[:：]?([^。；;:：,，等]{{4,}}?)(?:[,，。；;]|$)"
    ))
    .unwrap_or_else(|e| panic!("the list pattern: {e}"))
});

/// The items of a counted list when there are as many as its count says: the last two joined
/// by 和 or 及 (…技改和攀枝花市民健康体育公园综合体).
fn counted_items<'t>(count: &str, list: &'t str) -> Option<Vec<&'t str>> {
    let crate::source::figure::Quantity::Measure { value: wanted, .. } =
        crate::source::figure::parse_figure(count).ok()?.quantity
    else {
        return None;
    };
    let mut items: Vec<&str> = list.split('、').map(str::trim).collect();
    let last = items.pop()?;
    let (a, b) = ["和", "及", "與", "与"]
        .iter()
        .find_map(|w| last.rsplit_once(w))?;
    items.extend([a, b]);
    let n = items.len() as f64;
    (items.iter().all(|i| i.chars().count() >= 3) && (wanted - n).abs() < 0.5).then_some(items)
}

/// Whether a list's item can be a name: no figure, none of `words`, and no clause after a
/// project's name or before a thing to be built (…小镇项目将分别培育…, 打造…综合体).
fn plain(item: &str, words: &[&str]) -> bool {
    !item.contains(|c: char| c.is_ascii_digit())
        && !words.iter().any(|w| item.contains(w))
        && !clause_words(item)
}

/// Words of a clause in a list's item: 项目 inside it (…小镇项目将分别培育乡村旅游新业态), or a
/// plan (将, 打造).
fn clause_words(item: &str) -> bool {
    let inner = ["项目", "項目"]
        .iter()
        .any(|w| item.find(w).is_some_and(|i| i + w.len() < item.len()));
    inner || ["将", "將", "打造"].iter().any(|w| item.contains(w))
}

/// `投资25亿元的X` (or 总投资, 计划投资): the name X and its amount.
fn with_amount(item: &str) -> Option<(&str, FigureEntry)> {
    let f = figures::money(item).into_iter().next()?;
    let before = &item[..f.start];
    let invest =
        ["投资", "投資"].iter().any(|w| before.ends_with(w)) && before.chars().count() <= 4;
    let name = item[f.end..].strip_prefix('的')?;
    if !invest || name.chars().count() < 4 || !figures::money(name).is_empty() || clause_words(name)
    {
        return None;
    }
    Some((
        name,
        FigureEntry {
            value: parseable(&f.value)?,
            quote: item.to_string(),
            alternatives: Vec::new(),
        },
    ))
}

/// Adds the projects that lists in the signing's sentences name.
pub fn listed_projects(draft: &mut Draft, doc: &Doc) {
    if draft.file.events.is_empty() {
        return;
    }
    let period_report = draft.file.events[0].from.is_some();
    for (index, s) in doc.sentences.iter().enumerate() {
        let about_signing = doc.sentence_has(index, |t| {
            *t == Topic::Signing || (period_report && matches!(t, Topic::Period(..)))
        });
        if !about_signing {
            continue;
        }
        for c in COUNTED_LIST.captures_iter(s.text) {
            let (Some(count), Some(list)) = (c.get(1), c.get(2)) else {
                continue;
            };
            for item in counted_items(count.as_str(), list.as_str()).unwrap_or_default() {
                if plain(item, &["签约", "簽約", "公司"])
                    && let Some(name) = project_name(item)
                {
                    add_project(draft, name, item.to_string(), None, Vec::new());
                }
            }
        }
        for pattern in [&*PROJECTS_ARE, &*BEFORE_PROJECTS, &*AFTER_PROJECT] {
            for c in pattern.captures_iter(s.text) {
                let Some(list) = c.get(1) else { continue };
                for item in list.as_str().split('、') {
                    let item = item.trim();
                    // 投资25亿元的海韵工业小镇: a name with its amount.
                    if let Some((name, amount)) = with_amount(item) {
                        add_project(
                            draft,
                            name.to_string(),
                            item.to_string(),
                            Some(amount),
                            Vec::new(),
                        );
                        continue;
                    }
                    // Each item is a name: it has no figure and no verb of the report.
                    let words = ["公司", "企业", "企業", "集团", "集團", "签约", "簽約"];
                    if !plain(item, &words) {
                        continue;
                    }
                    if let Some(name) = project_name(item) {
                        add_project(draft, name, item.to_string(), None, Vec::new());
                    }
                }
            }
        }
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &PROJECTS_ARE,
        &BEFORE_PROJECTS,
        &AFTER_PROJECT,
        &COUNTED_LIST,
    ] {
        LazyLock::force(pattern);
    }
}
