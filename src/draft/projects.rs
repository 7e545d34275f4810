//! Named projects (with the amount the same phrase gives), the companies the text names, the
//! links between them that one sentence states, and the industries a list names.

use std::sync::LazyLock;

use regex::Regex;

use super::event::is_period;
use super::scan::{MONEY, Sentence, ascii_digits, clauses, figure_text};
use super::{Draft, Section};
use crate::source::fold::fold;
use crate::source::model::{
    CompanyEntry, CompanyLink, FigureEntry, IndustryEntry, Link, ProjectEntry,
};

/// 投資52億元的年產1GW…項目, 投資50億元建設…項目.
static WITH_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:投資|投资)({})(?:的|建設|建设)([^,，。；、]{{2,60}}?(?:項目|项目))",
        MONEY.as_str()
    ))
    .unwrap_or_else(|e| panic!("the project pattern: {e}"))
});
/// Any run of text that ends in 項目.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^,，。；、：:“”\s]{3,60}?(?:項目|项目)")
        .unwrap_or_else(|e| panic!("the name pattern: {e}"))
});
static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}()（）A-Za-z0-9]{2,40}?(?:股份有限公司|有限責任公司|有限责任公司|有限公司|集團|集团)")
        .unwrap_or_else(|e| panic!("the company pattern: {e}"))
});

/// A sentence about projects being signed or invested in.
const PROJECT_VERBS: &[&str] = &[
    "簽約", "签约", "投資", "投资", "落戶", "落户", "入駐", "入驻", "引進", "引进", "落地", "開工",
    "开工", "包括", "還有", "还有",
];
/// What a run ending in 項目 may be that is not a project's name.
const NOT_A_NAME: &[&str] = &[
    "簽約項目",
    "签约项目",
    "重大項目",
    "重大项目",
    "優質項目",
    "优质项目",
    "類項目",
    "类项目",
    "大項目",
    "好項目",
    "億元項目",
    "亿元项目",
    "產業項目",
    "产业项目",
    "招商項目",
    "招商项目",
    "個",
    "个",
    "外資",
    "外资",
    "龍頭項目",
    "龙头项目",
    "儲備項目",
    "储备项目",
    "招商引資項目",
    "招商引资项目",
    "的項目",
    "的项目",
    "以上",
];
/// Words in front of a name.
const LEADING: &[&str] = &[
    "此外",
    "還有",
    "还有",
    "簽約項目包括",
    "签约项目包括",
    "包括",
    "包含",
    "其中",
    "以及",
    "和",
    "與",
    "与",
    "及",
    "的",
    "等",
    "引進",
    "引进",
    "在",
    "由",
    "據悉",
    "据悉",
    "為",
    "为",
    "是",
    "同",
    "向",
    "對",
    "对",
    "被",
    "將",
    "将",
    "旗下",
    "正是",
];

fn strip_leading(mut name: &str) -> &str {
    loop {
        let before = name;
        for w in LEADING {
            name = name.strip_prefix(w).unwrap_or(name);
        }
        if name == before {
            return name;
        }
    }
}

/// A run ending in 項目 as a project's name, or None.
fn project_name(run: &str) -> Option<String> {
    let mut name = run;
    for verb in ["投資", "投资", "建設", "建设"] {
        if let Some(i) = name.rfind(verb) {
            name = &name[i + verb.len()..];
        }
    }
    if let Some(m) = MONEY.find(name).filter(|m| m.start() == 0) {
        name = &name[m.end()..];
    }
    let name = strip_leading(name);
    let long_enough = name.chars().count() >= 6;
    (long_enough && !NOT_A_NAME.iter().any(|w| name.contains(w))).then(|| name.to_string())
}

pub fn projects(draft: &mut Draft, body: &[Sentence]) {
    for sentence in body.iter().map(|s| s.text) {
        if !PROJECT_VERBS.iter().any(|v| sentence.contains(v)) {
            continue;
        }
        // A project named after 今年以來 is one of the year's, not of this event.
        let of_period = |end: usize| is_period(&sentence[..end]);
        for c in WITH_AMOUNT.captures_iter(sentence) {
            if c.get(0).is_some_and(|m| of_period(m.end())) {
                continue;
            }
            let Some(name) = project_name(&c[2]) else {
                continue;
            };
            let quote = c.get(0).map_or("", |m| m.as_str()).to_string();
            let amount = FigureEntry {
                value: ascii_digits(&figure_text(&c[1])),
                quote: quote.clone(),
                ..Default::default()
            };
            draft.used(sentence, &c[1]);
            add_project(draft, name, quote, Some(amount));
        }
        for m in NAMED.find_iter(sentence).filter(|m| !of_period(m.end())) {
            if let Some(name) = project_name(m.as_str()) {
                let quote = clauses(sentence)
                    .into_iter()
                    .find(|c| c.contains(name.as_str()))
                    .unwrap_or(m.as_str())
                    .to_string();
                add_project(draft, name, quote, None);
            }
        }
    }
}

fn add_project(draft: &mut Draft, name: String, quote: String, amount: Option<FigureEntry>) {
    let projects = &mut draft.file.events[0].projects;
    // 農光互補項目 found again inside “光伏-花椒”農光互補項目 is the same project.
    if projects
        .iter()
        .any(|p| fold(&p.name) != fold(&name) && fold(&p.name).ends_with(&fold(&name)))
    {
        return;
    }
    if let Some(p) = projects.iter_mut().find(|p| fold(&p.name) == fold(&name)) {
        if p.amount.is_none() && amount.is_some() {
            p.amount = amount;
            p.quote = quote;
        }
        return;
    }
    projects.push(ProjectEntry {
        name,
        quote,
        amount,
        place: None,
        companies: Vec::new(),
        industries: Vec::new(),
        strategies: Vec::new(),
        facts: Vec::new(),
        ..Default::default()
    });
}

/// Companies by their legal form (有限公司, 集團); linked to the project one sentence says
/// they invest in.
pub fn companies(draft: &mut Draft, body: &[Sentence]) {
    for sentence in body.iter().map(|s| s.text) {
        let mut in_sentence = Vec::new();
        for m in COMPANY.find_iter(sentence) {
            let name = strip_leading(m.as_str());
            if name.chars().count() < 4 || NOT_A_NAME.iter().any(|w| name.contains(w)) {
                continue;
            }
            in_sentence.push(name.to_string());
            if draft
                .file
                .companies
                .iter()
                .any(|c| fold(&c.name) == fold(name))
            {
                continue;
            }
            let quote = clauses(sentence)
                .into_iter()
                .find(|c| c.contains(name))
                .unwrap_or(sentence);
            let group = name.ends_with("集團") || name.ends_with("集团");
            draft.file.companies.push(CompanyEntry {
                name: name.to_string(),
                name_kind: if group { "group" } else { "full" }.to_string(),
                quote: quote.to_string(),
                aliases: Vec::new(),
                home_city: None,
                parent: None,
                ..Default::default()
            });
        }
        link(draft, sentence, &in_sentence);
    }
}

/// One sentence that names companies, one of the event's projects and 投資/建設: they invest
/// in it. The quote runs from the first company to the project.
fn link(draft: &mut Draft, sentence: &str, companies: &[String]) {
    if companies.is_empty()
        || !["投資", "投资", "建設", "建设"]
            .iter()
            .any(|v| sentence.contains(v))
    {
        return;
    }
    let projects = &mut draft.file.events[0].projects;
    let named: Vec<usize> = (0..projects.len())
        .filter(|i| sentence.contains(projects[*i].name.as_str()))
        .collect();
    let [index] = named.as_slice() else {
        return;
    };
    let project = &mut projects[*index];
    let end = sentence
        .find(project.name.as_str())
        .map_or(0, |i| i + project.name.len());
    for company in companies {
        let Some(start) = sentence.find(company.as_str()).filter(|s| *s < end) else {
            continue;
        };
        if project.companies.iter().any(|c| c.name == *company) {
            continue;
        }
        project.companies.push(CompanyLink {
            name: company.clone(),
            role: "investor".into(),
            basis: "stated".into(),
            quote: sentence[start..end].to_string(),
            note: None,
        });
    }
    // One event per draft: the project's index is its index over all events' projects.
    let i = *index;
    draft.note(Section::Project(i), "companies linked because one sentence names them with the project and 投資/建設; check the role".into());
}

/// Industries listed after 涵蓋/包括/涉及 (…等), or before 等產業項目.
pub fn industries(draft: &mut Draft, body: &[Sentence]) {
    static LISTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:涵蓋|涵盖|涉及|覆蓋|覆盖|包括|簽約|签约)([^,，。；]{2,200}?)等(?:多個|多个|多家|多類|多类)?(?:產業|产业|領域|领域|行業|行业)")
            .unwrap_or_else(|e| panic!("the industry pattern: {e}"))
    });
    for sentence in body.iter().map(|s| s.text) {
        for c in LISTED.captures_iter(sentence) {
            let Some(list) = c.get(1) else { continue };
            let quote = c.get(0).map_or("", |m| m.as_str());
            let mut list = list.as_str();
            for word in ["涵蓋", "涵盖", "涉及", "覆蓋", "覆盖", "包括"] {
                if let Some(i) = list.rfind(word) {
                    list = &list[i + word.len()..];
                }
            }
            for item in list.split('、').map(str::trim) {
                let item = strip_leading(item);
                let len = item.chars().count();
                if !(2..=20).contains(&len) || item.ends_with("項目") || item.ends_with("项目")
                {
                    continue;
                }
                add_industry(draft, item, quote);
            }
        }
    }
}

fn add_industry(draft: &mut Draft, name: &str, quote: &str) {
    if !draft
        .file
        .industries
        .iter()
        .any(|i| fold(&i.name) == fold(name))
    {
        draft.file.industries.push(IndustryEntry {
            name: name.to_string(),
            parent: None,
            quote: quote.to_string(),
            ..Default::default()
        });
    }
    let event = &mut draft.file.events[0];
    if !event.industries.iter().any(|l| fold(&l.name) == fold(name)) {
        event.industries.push(Link {
            name: name.to_string(),
            basis: "stated".into(),
            quote: quote.to_string(),
            note: None,
        });
    }
}
