//! A project's company named after it in the same part of a sentence: `…项目,总投资1.6亿元,由X
//! 投资建设`, `…项目由X与Y联合开发`. A project that has a company from its own item keeps it.

use std::sync::LazyLock;

use regex::Regex;

use super::Draft;
use super::projects::{COMPANY, company_name, company_runs};
use super::text::{Doc, Topic};
use crate::source::fold::fold;
use crate::source::model::CompanyLink;

/// 由 and what follows it up to the verb: the companies are in the middle.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"由([^,，。；;]{2,}?)(?:联合|聯合|共同|合作)?(?:投资|投資|出资|出資|开发|開發|建设|建設|承建|运营|運營)")
        .unwrap_or_else(|e| panic!("the invested-by pattern: {e}"))
});

/// Links each project without a company to the companies `由…投资` names after it.
pub fn invested_by(draft: &mut Draft, doc: &Doc) {
    let Some(event) = draft.file.events.first() else {
        return;
    };
    let names: Vec<String> = event.projects.iter().map(|p| p.name.clone()).collect();
    let mut links: Vec<(usize, CompanyLink)> = Vec::new();
    for (index, s) in doc.sentences.iter().enumerate() {
        let about_signing = doc.sentence_has(index, |t| {
            matches!(t, Topic::Signing | Topic::Period(..) | Topic::Background)
        });
        if !about_signing {
            continue;
        }
        let mut at = 0;
        for piece in s.text.split_inclusive(['；', ';']) {
            let piece_at = at;
            at += piece.len();
            for by in BY.captures_iter(piece) {
                let (Some(all), Some(who)) = (by.get(0), by.get(1)) else {
                    continue;
                };
                // The last project named before 由 in this part of the sentence.
                let before = &piece[..all.start()];
                let Some((i, at_name)) = names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| before.rfind(n.as_str()).map(|p| (i, p)))
                    .max_by_key(|&(_, p)| p)
                else {
                    continue;
                };
                let quote = s.text[piece_at + at_name..piece_at + all.end()].to_string();
                for (_, run) in company_runs(who.as_str()) {
                    if let Some(name) = company_name(run) {
                        links.push((
                            i,
                            CompanyLink {
                                name,
                                role: "investor".into(),
                                basis: "stated".into(),
                                quote: quote.clone(),
                                note: None,
                            },
                        ));
                    }
                }
            }
        }
    }
    let projects = &mut draft.file.events[0].projects;
    let had: Vec<bool> = projects.iter().map(|p| !p.companies.is_empty()).collect();
    for (i, link) in links {
        let p = &mut projects[i];
        if !had[i]
            && !p
                .companies
                .iter()
                .any(|l| fold(&l.name) == fold(&link.name))
        {
            p.companies.push(link);
        }
    }
}

/// `X公司投资20亿元,在某地建设Y项目`: a clause that is a company investing an amount, then a
/// project in the next clause of the sentence. The project without a company of its own gets
/// the company (and the amount, when it has none).
pub fn invested_before(draft: &mut Draft, doc: &Doc) {
    let Some(event) = draft.file.events.first() else {
        return;
    };
    let mut found: Vec<(
        usize,
        CompanyLink,
        Option<crate::source::model::FigureEntry>,
    )> = Vec::new();
    for (i, p) in event.projects.iter().enumerate() {
        if !p.companies.is_empty() {
            continue;
        }
        let Some(at) = doc.text.find(p.quote.as_str()) else {
            continue;
        };
        let Some(k) = doc
            .clauses
            .iter()
            .position(|c| c.start <= at && at < c.start + c.text.len())
        else {
            continue;
        };
        let Some(before) = k.checked_sub(1).map(|b| &doc.clauses[b]) else {
            continue;
        };
        if before.sentence != doc.clauses[k].sentence {
            continue;
        }
        let Some((c_start, c_run)) = company_runs(before.text).last().copied() else {
            continue;
        };
        let rest = &before.text[c_start + c_run.len()..];
        let Some(amount_text) = ["投资", "投資", "出资", "出資"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
        else {
            continue;
        };
        let money = super::figures::money(amount_text);
        let whole = money
            .first()
            .is_some_and(|m| m.start == 0 && m.end == amount_text.len());
        if !(whole || amount_text.is_empty()) {
            continue;
        }
        let Some(name) = company_name(c_run) else {
            continue;
        };
        let from = before.start + c_start + c_run.find(name.as_str()).unwrap_or(0);
        let quote = doc.text[from..at + p.quote.len()].to_string();
        let amount = money.first().and_then(|m| {
            Some(crate::source::model::FigureEntry {
                value: super::event::parseable(&m.value)?,
                quote: quote.clone(),
                alternatives: Vec::new(),
            })
        });
        let link = CompanyLink {
            name,
            role: "investor".into(),
            basis: "stated".into(),
            quote,
            note: None,
        };
        found.push((i, link, amount.filter(|_| p.amount.is_none())));
    }
    let projects = &mut draft.file.events[0].projects;
    for (i, link, amount) in found {
        projects[i].companies.push(link);
        if amount.is_some() {
            projects[i].amount = amount;
        }
    }
}

/// X与Y签订: the two sides of a signing, the second a place or its government.
static WITH_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"([^与與和,，。；;：:、“”\x22()（）]{2,12})[与與]([^,，。；;：:]{2,14}?)(?:签订|簽訂|签约|簽約|签署|簽署)了?$")
        .unwrap_or_else(|e| panic!("the signed-with pattern: {e}"))
});

/// Words that make the side before 与 a person, an office or the place itself, not a company.
const NOT_COMPANY: &[&str] = &[
    "县长",
    "縣長",
    "市长",
    "市長",
    "区长",
    "區長",
    "书记",
    "書記",
    "主任",
    "领导",
    "領導",
    "代表",
    "政府",
    "管委会",
    "管委會",
    "部门",
    "部門",
    "企业",
    "企業",
    "客商",
    "项目",
    "項目",
    "园区",
    "園區",
    "其中",
    "我",
    "该",
    "該",
    "本",
    "分别",
    "分別",
    "先后",
    "先後",
    "家",
];

/// A company named short before a place it signs with (中国建筑与门头沟区签订了…项目): the
/// project's company, declared by that name. Only for a project without a company.
pub fn signed_with_place(draft: &mut Draft, doc: &Doc) {
    let g = crate::source::divisions::gazetteer();
    let Some(event) = draft.file.events.first() else {
        return;
    };
    let mut found: Vec<(usize, String, String)> = Vec::new();
    for (i, p) in event.projects.iter().enumerate() {
        let Some(at) = doc
            .text
            .find(p.name.as_str())
            .filter(|_| p.companies.is_empty())
        else {
            continue;
        };
        let Some(c) = doc
            .clauses
            .iter()
            .find(|c| c.start <= at && at < c.start + c.text.len())
        else {
            continue;
        };
        let before = &doc.text[c.start..at];
        let Some(m) = WITH_PLACE.captures(before) else {
            continue;
        };
        let (Some(who), Some(other)) = (m.get(1), m.get(2)) else {
            continue;
        };
        let who = who.as_str();
        let who = who.strip_prefix("其中").unwrap_or(who);
        let other = other.as_str();
        let a_place = |t: &str| g.find_in_text(t).first().is_some_and(|m| m.start == 0);
        let place_side = a_place(other)
            || ["政府", "管委会", "管委會"]
                .iter()
                .any(|w| other.ends_with(w));
        let person_or_place = NOT_COMPANY.iter().any(|w| who.contains(w)) || a_place(who);
        if !place_side || person_or_place || who.chars().count() < 2 || COMPANY.is_match(who) {
            continue;
        }
        let quote =
            doc.text[c.start + m.get(1).map_or(0, |x| x.start())..at + p.name.len()].to_string();
        found.push((i, who.to_string(), quote));
    }
    for (i, name, quote) in found {
        if !draft
            .file
            .companies
            .iter()
            .any(|x| fold(&x.name) == fold(&name))
        {
            draft
                .file
                .companies
                .push(crate::source::model::CompanyEntry {
                    name: name.clone(),
                    name_kind: "short".into(),
                    quote: quote.clone(),
                    ..Default::default()
                });
        }
        draft.file.events[0].projects[i]
            .companies
            .push(CompanyLink {
                name,
                role: "investor".into(),
                basis: "stated".into(),
                quote,
                note: None,
            });
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [&BY, &WITH_PLACE] {
        LazyLock::force(pattern);
    }
}
