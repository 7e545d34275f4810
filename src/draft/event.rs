//! The event: its headline (count and amount, in one clause, one sentence or two in a row, in
//! either order), the title's figures as alternatives, its date and name, its band counts and
//! the parts after 其中. A period summary with no ceremony becomes a report of its period.

use std::sync::LazyLock;

use regex::Regex;

use super::figures::{self, Found, NUMBER, counts_projects};
use super::text::{Clause, Doc, Topic, own_topic};
use super::{Draft, Section};
use crate::source::figure::{parse_band, parse_figure, parse_money};
use crate::source::model::{
    AlternativeEntry, BandEntry, BreakdownEntry, EventEntry, EventStatisticEntry, FigureEntry,
    PartEntry,
};

/// A headline figure: where it is and its value.
#[derive(Debug, Clone)]
struct Headline {
    count: Option<(Found, usize)>,
    amount: Option<(Found, usize)>,
}

/// Words that say a ceremony took place.
const CEREMONY: &[&str] = &[
    // Fairs: 投洽会, 哈洽会, 津洽会; 亚博会, 农博会; 交易会.
    "洽会",
    "洽會",
    "博会",
    "博會",
    "交易会",
    "交易會",
    "举行",
    "舉行",
    "举办",
    "舉辦",
    "召开",
    "召開",
    "签约仪式",
    "簽約儀式",
    "集中签约",
    "集中簽約",
    "签约活动",
    "簽約活動",
    "签约大会",
    "簽約大會",
    "推介会",
    "推介會",
    "洽谈会",
    "洽談會",
    "投洽会",
    "投洽會",
    "签约会",
    "簽約會",
    "签约专场",
    "簽約專場",
    "云签约",
    "雲簽約",
    "博览会",
    "博覽會",
    "招商会",
    "招商會",
    "恳谈会",
    "懇談會",
    "上台签约",
    "上臺簽約",
    "现场签约",
    "現場簽約",
];

/// Words before a batch's total amount.
const TOTAL_WORDS: &[&str] = &[
    "总投资",
    "總投資",
    "投资总额",
    "投資總額",
    "总金额",
    "總金額",
    "签约金额",
    "簽約金額",
    "协议投资",
    "協議投資",
    "协议引资",
    "協議引資",
    "计划投资",
    "計劃投資",
    "合同金额",
    "合同金額",
    "总额",
    "總額",
];

/// Words a list of items begins after: the money that follows is a project's, not the total.
const LIST_START: &[&str] = &[
    "分别是",
    "分別是",
    "分别为",
    "分別為",
    "分別爲",
    "包括",
    "即",
    "其中",
];

pub fn has_ceremony(doc: &Doc) -> bool {
    // A ceremony of signing and starting together (集中签约暨重点项目开工仪式) is one too.
    let signs = |c: &Clause| {
        c.topic == Topic::Signing
            || (c.topic == Topic::Stage && ["签约", "簽約"].iter().any(|w| c.text.contains(w)))
    };
    doc.clauses
        .iter()
        .filter(|c| signs(c))
        .any(|c| CEREMONY.iter().any(|w| c.text.contains(w)))
        || doc
            .title
            .is_some_and(|t| CEREMONY.iter().any(|w| t.contains(w)))
}

fn in_list(doc: &Doc, at: usize) -> bool {
    doc.sentence_at(at).is_some_and(|s| {
        let before = &doc.text[s.start..at];
        LIST_START.iter().any(|w| before.contains(w))
    })
}

/// The first count of projects in a clause, its offset in the text.
fn project_count_in(c: &Clause) -> Option<Found> {
    project_count_reading(c, c.text)
}

/// The first count of a clause that counts projects, read with the words after the clause up
/// to `through`'s end (66个投资额过亿元的合同、协议项目: a list cuts the clause before 项目).
fn project_count_reading(c: &Clause, through: &str) -> Option<Found> {
    figures::counts(c.text)
        .into_iter()
        .find(|f| counts_projects(through, f))
        .map(|f| Found {
            start: f.start + c.start,
            end: f.end + c.start,
            value: f.value,
        })
}

fn money_in(c: &Clause) -> Vec<Found> {
    figures::money(c.text)
        .into_iter()
        .map(|f| Found {
            start: f.start + c.start,
            end: f.end + c.start,
            value: f.value,
        })
        .collect()
}

/// The headline of the clauses `wanted` takes: a count of projects, and the first amount of
/// its sentence that is not inside a list of projects (else of the next sentence).
fn headline(doc: &Doc, wanted: &dyn Fn(&Clause) -> bool) -> Option<Headline> {
    let clauses: Vec<&Clause> = doc.clauses.iter().filter(|c| wanted(c)).collect();
    for (c, count) in counted_in_title_order(doc, &clauses) {
        // 其中外资项目4个 is a part, not the headline.
        let sentence_start = doc.sentence_at(count.start).map_or(0, |s| s.start);
        let part_of_batch = signed_part_of_batch(doc, c) || signed_of_negotiated(doc, c);
        if doc.text[sentence_start..count.start].contains("其中") && !part_of_batch {
            continue;
        }
        // 洽谈推进重点项目16个,其中10个项目实现签约: the projects talked over are not the
        // signing's; the part signed is.
        if negotiated(c.text) && clauses.iter().any(|x| signed_of_negotiated(doc, x)) {
            continue;
        }
        // 31个产业项目中,新签约项目13个,…;开工项目11个: a batch divided by stage, whose signed
        // part is the signing's headline.
        if divided_by_stage(doc, c, &count) {
            continue;
        }
        // Not one project's amount (单笔最小投资7700多万元); after a list, an
        // amount that says it is the total (…等9个项目,投资总额达57.9亿元).
        let same_sentence = clauses
            .iter()
            .filter(|x| x.sentence == c.sentence)
            .flat_map(|x| money_in(x).into_iter().map(move |m| (x, m)))
            .filter(|(_, m)| !of_one_project(doc, m))
            // 其中30个项目上台签约,签约投资总额249亿元: the signed part's amount follows it.
            .filter(|(_, m)| !part_of_batch || m.start > count.start)
            .find(|(x, m)| {
                let total = m.start > count.start && TOTAL_WORDS.iter().any(|w| x.text.contains(w));
                // An amount inside a list (分别是总投资20亿元的X项目、…等9个) is an item's, even
                // before the count.
                !in_list(doc, m.start) || part_of_batch || total
            })
            .map(|(_, m)| m);
        let next_sentence = || {
            doc.clauses
                .iter()
                .filter(|x| x.sentence == c.sentence + 1)
                .filter(|x| matches!(x.topic, Topic::Signing | Topic::Background))
                .filter(|x| TOTAL_WORDS.iter().any(|w| x.text.contains(w)))
                .take(2)
                .flat_map(|x| money_in(x))
                .find(|m| !of_one_project(doc, m))
        };
        // 共有九大项目成功签约,投资总额达57.9亿元 (a count the parser cannot read), then the
        // list's 等9个项目: the total said earlier in the signing's words.
        let earlier = || {
            clauses
                .iter()
                .filter(|x| x.sentence < c.sentence)
                .filter(|x| TOTAL_WORDS.iter().any(|w| x.text.contains(w)))
                .flat_map(|x| money_in(x))
                .find(|m| !in_list(doc, m.start) && !of_one_project(doc, m))
        };
        // 此次签约的12个项目中,工业项目7个,投资32.5亿元: the amounts after it are the parts'.
        let opens_parts = ["项目中", "項目中"]
            .iter()
            .any(|w| doc.text[count.end..].starts_with(w));
        let same_sentence = same_sentence.filter(|m| !(opens_parts && m.start > count.end));
        let amount = same_sentence
            .or_else(earlier)
            .or_else(next_sentence)
            .or_else(|| restated_total(doc, &clauses, c, &count));
        return Some(Headline {
            count: Some((count, c.sentence)),
            amount: amount.map(|a| (a, c.sentence)),
        });
    }
    amount_only(doc, &clauses)
}

/// Projects talked over, not signed in the clause (洽谈推进重点项目16个).
pub(super) fn negotiated(clause: &str) -> bool {
    ["洽谈", "洽談", "在谈", "在談", "对接", "對接"]
        .iter()
        .any(|w| clause.contains(w))
        && !super::text::SIGNS.iter().any(|w| clause.contains(w))
}

/// 其中10个项目实现签约 after projects talked over in the same sentence (洽谈推进重点项目16个,
/// 对接洽谈项目65个,投资总额达362.5亿元): the part signed.
fn signed_of_negotiated(doc: &Doc, c: &Clause) -> bool {
    c.text.starts_with("其中")
        && super::text::SIGNS.iter().any(|w| c.text.contains(w))
        && doc
            .clauses
            .iter()
            .any(|x| x.sentence == c.sentence && x.start < c.start && negotiated(x.text))
}

/// A later sentence that counts the same projects again with their total (133个项目集中签约;
/// …本次签约的133个项目总投资达586.4亿元): that total is the headline's.
fn restated_total(doc: &Doc, clauses: &[&Clause], c: &Clause, count: &Found) -> Option<Found> {
    let quantity = read_figure(&count.value)?.quantity;
    let again = clauses
        .iter()
        .filter(|x| x.sentence > c.sentence)
        .find_map(|x| {
            let n = project_count_in(x)?;
            (read_figure(&n.value)?.quantity == quantity).then_some((x.sentence, n))
        });
    let (sentence, n) = again?;
    clauses
        .iter()
        .filter(|x| x.sentence == sentence && TOTAL_WORDS.iter().any(|w| x.text.contains(w)))
        .flat_map(|x| money_in(x))
        .find(|m| m.start > n.start && !in_list(doc, m.start) && !of_one_project(doc, m))
}

/// The clauses that count projects, with their counts: first those whose count the title gives
/// (天水市在兰洽会上签约项目63项 picks its sentence over a larger batch's said first,
/// 洽谈会期间共签订重大合作项目41个).
fn counted_in_title_order<'a>(
    doc: &Doc,
    clauses: &[&'a Clause<'a>],
) -> Vec<(&'a Clause<'a>, Found)> {
    let counted: Vec<(&Clause, Found)> = clauses
        .iter()
        .filter_map(|c| {
            let sentence_end = super::text::stop_in(&doc.text[c.start..], &['。', '；', ';', '\n'])
                .map_or(doc.text.len(), |e| c.start + e);
            Some((
                *c,
                project_count_reading(c, &doc.text[c.start..sentence_end])?,
            ))
        })
        .collect();
    let title_counts: Vec<_> = doc
        .title
        .map(|t| {
            figures::counts(t)
                .iter()
                .filter_map(|f| read_figure(&f.value))
                .map(|f| f.quantity)
                .collect()
        })
        .unwrap_or_default();
    let in_title =
        |f: &Found| read_figure(&f.value).is_some_and(|x| title_counts.contains(&x.quantity));
    let (first, rest): (Vec<_>, Vec<_>) = counted.into_iter().partition(|(_, f)| in_title(f));
    first.into_iter().chain(rest).collect()
}

/// No count: an amount signed, in a clause that says so.
fn amount_only(doc: &Doc, clauses: &[&Clause]) -> Option<Headline> {
    clauses
        .iter()
        .filter(|c| {
            [
                "签约",
                "簽約",
                "总投资",
                "總投資",
                "金额",
                "金額",
                "协议",
                "協議",
            ]
            .iter()
            .any(|w| c.text.contains(w))
        })
        .find_map(|c| {
            let m = money_in(c).into_iter().find(|m| !in_list(doc, m.start))?;
            Some(Headline {
                count: None,
                amount: Some((m, c.sentence)),
            })
        })
}

/// An amount that belongs to one project: 单笔最小投资7700多万元, 投资最大的是总投资30亿元的….
/// (总投资56亿元的12个项目 is the headline's, so 的 alone does not say it.)
fn of_one_project(doc: &Doc, m: &Found) -> bool {
    let sentence_start = doc.sentence_at(m.start).map_or(0, |s| s.start);
    let before: String = doc.text[sentence_start..m.start]
        .chars()
        .rev()
        .take(12)
        .collect();
    let superlative = ["笔单", "筆單", "小最", "大最", "高最", "低最"]
        .iter()
        .any(|w| before.contains(w));
    // 签订总投资15亿元的信晖光伏130MWP发电项目: 的 and a name (not a count: 56亿元的12个项目).
    let clause_end = doc.text[m.end..]
        .find([',', '，', '。', '；', ';', '、'])
        .map_or(doc.text.len(), |e| m.end + e);
    let after = &doc.text[m.end..clause_end];
    let names_one = after.starts_with('的')
        && ["项目", "項目"].iter().any(|w| after.contains(w))
        && figures::counts(after).is_empty();
    superlative || names_one
}

/// 31个产业项目中,新签约项目13个: the count opens parts, and a later clause of its sentence
/// counts the signed ones.
fn divided_by_stage(doc: &Doc, c: &Clause, count: &Found) -> bool {
    let opens_parts = doc.text[count.end..c.start + c.text.len()]
        .trim_end_matches([',', '，'])
        .ends_with(['中']);
    opens_parts
        && doc
            .clauses
            .iter()
            .filter(|x| x.sentence == c.sentence && x.start > c.start)
            .any(|x| {
                ["签约项目", "簽約項目", "签约的项目", "簽約的項目"]
                    .iter()
                    .any(|w| x.text.contains(w))
                    && project_count_in(x).is_some()
            })
}

/// 共有39个项目集中签约、开工。其中,集中签约的20个项目…: after a batch signed and started
/// together, its signed part is the signing's headline.
fn signed_part_of_batch(doc: &Doc, c: &Clause) -> bool {
    let signed = ["签约的", "簽約的", "集中签约", "集中簽約"]
        .iter()
        .any(|w| c.text.contains(w));
    signed
        && doc
            .clauses
            .iter()
            .any(|x| x.sentence + 1 == c.sentence && x.topic == Topic::Stage)
}

/// The quote for a figure: its clause, from the clause's start to the figure's end, or up to
/// the other figure when both are in one sentence.
fn quote_for(doc: &Doc, figs: &[&Found]) -> String {
    let start = figs.iter().map(|f| f.start).min().unwrap_or(0);
    let end = figs.iter().map(|f| f.end).max().unwrap_or(0);
    let clause_start = doc
        .clauses
        .iter()
        .filter(|c| c.start <= start)
        .map(|c| c.start)
        .max()
        .unwrap_or(start);
    doc.text[clause_start..end].to_string()
}

/// A value the importer reads; a figure with two qualifiers (超10亿元以上) keeps the first.
pub fn parseable(value: &str) -> Option<String> {
    let reads = |v: &str| parse_figure(v).is_ok() || parse_money(v).is_ok();
    if reads(value) {
        return Some(value.to_string());
    }
    ["以上", "左右"]
        .iter()
        .find_map(|suffix| value.strip_suffix(suffix).filter(|v| reads(v)))
        .map(str::to_string)
}

/// A figure as a value to compare: money read without 元 where the text leaves it out.
pub fn read_figure(value: &str) -> Option<crate::source::figure::Figure> {
    parse_figure(value).or_else(|_| parse_money(value)).ok()
}

fn figure_entry(f: &Found, quote: String) -> Option<FigureEntry> {
    Some(FigureEntry {
        value: parseable(&f.value)?,
        quote,
        alternatives: Vec::new(),
    })
}

/// The event or the period report, with its headline; false when the article holds neither.
pub fn event(draft: &mut Draft, doc: &Doc, place: &str) -> bool {
    let signing = |c: &Clause| c.topic == Topic::Signing;
    let ceremony = has_ceremony(doc);
    let found = headline(doc, &signing);
    let mut entry = EventEntry {
        place: place.to_string(),
        ..Default::default()
    };
    let period = if found.is_none() || !ceremony {
        period_headline(doc)
    } else {
        None
    };
    let headline = match (&found, &period) {
        (_, Some((h, Topic::Period(from, to, label)))) if !ceremony || found.is_none() => {
            entry.from = Some(from.clone());
            entry.to = Some(to.clone());
            entry.name = format!("{place}{label}招商引资签约");
            h.clone()
        }
        (Some(h), _) => h.clone(),
        (None, _) if ceremony => Headline {
            count: None,
            amount: None,
        },
        _ => return false,
    };
    if entry.from.is_none() {
        let (date, why) = super::date::event_date(doc);
        entry.date = Some(date);
        if let Some(why) = why {
            draft.note(Section::Event(0), why);
        }
        entry.name = event_name(doc, place);
    }
    set_headline(draft, doc, &mut entry, &headline);
    precise_total(draft, doc, &mut entry);
    entry.quote = event_quote(doc, &entry);
    draft.file.events.push(entry);
    title_figures(draft, doc);
    true
}

/// A rounded total in the lead (投资总额近160亿元) said exactly later in the signing's words
/// (总投资达159.7亿元): the exact one is the headline, the rounded one its alternative.
fn precise_total(draft: &mut Draft, doc: &Doc, entry: &mut EventEntry) {
    use crate::source::figure::{Qualifier, Quantity};
    let Some(head) = &entry.signed_amount else {
        return;
    };
    let Some(rounded) = read_figure(&head.value).filter(|f| f.qualifier != Qualifier::Exact) else {
        return;
    };
    let Quantity::Money { currency, amount } = rounded.quantity else {
        return;
    };
    let close = |m: &Found| {
        read_figure(&m.value).is_some_and(|f| {
            f.qualifier == Qualifier::Exact
                && matches!(f.quantity, Quantity::Money { currency: c, amount: a }
                    if c == currency && (a - amount).abs() * 20 <= amount)
        })
    };
    let exact = doc
        .clauses
        .iter()
        .filter(|c| c.topic == Topic::Signing && TOTAL_WORDS.iter().any(|w| c.text.contains(w)))
        .flat_map(money_in)
        .find(|m| !draft.is_used(m.start, m.end) && close(m));
    let Some(m) = exact else {
        return;
    };
    let Some(value) = parseable(&m.value) else {
        return;
    };
    let old = entry.signed_amount.take().expect("checked above");
    entry.signed_amount = Some(FigureEntry {
        value,
        quote: quote_for(doc, &[&m]),
        alternatives: vec![AlternativeEntry {
            value: old.value,
            quote: old.quote,
            note: Some("the same total, rounded".into()),
        }],
    });
    draft.used(m.start, m.end);
}

/// The headline of a 开工/竣工/投产 batch (集中开工重点项目13个,总投资22.4亿元) set on its
/// event; false when the batch states neither a count nor an amount.
pub(super) fn stage_headline(draft: &mut Draft, doc: &Doc, entry: &mut EventEntry) -> bool {
    let stage = |c: &Clause| c.topic == Topic::Stage;
    match headline(doc, &stage) {
        Some(h) => {
            set_headline(draft, doc, entry, &h);
            true
        }
        None => false,
    }
}

fn set_headline(draft: &mut Draft, doc: &Doc, entry: &mut EventEntry, h: &Headline) {
    let together = match (&h.count, &h.amount) {
        (Some((c, _)), Some((a, _))) => {
            doc.sentence_at(c.start).map(|s| s.start) == doc.sentence_at(a.start).map(|s| s.start)
        }
        _ => false,
    };
    if let Some((c, _)) = &h.count {
        let quote = match (&h.amount, together) {
            (Some((a, _)), true) => quote_for(doc, &[c, a]),
            _ => quote_for(doc, &[c]),
        };
        entry.project_count = figure_entry(c, quote);
        draft.used(c.start, c.end);
    }
    if let Some((a, _)) = &h.amount {
        let quote = match (&h.count, together) {
            (Some((c, _)), true) => quote_for(doc, &[c, a]),
            _ => quote_for(doc, &[a]),
        };
        entry.signed_amount = figure_entry(a, quote);
        draft.used(a.start, a.end);
        if h.count.is_some() && !together {
            draft.note(
                Section::Event(0),
                "the amount is in the sentence after the count: check that it is the same batch's"
                    .into(),
            );
        }
    }
}

/// A period summary's headline: the first period clause that counts projects.
fn period_headline(doc: &Doc) -> Option<(Headline, Topic)> {
    // Projects under negotiation (对接洽谈项目88个, 意向投资) are not the period's signings, nor
    // are those started (三季度新开工项目71个).
    let is_period = |c: &Clause| {
        matches!(c.topic, Topic::Period(..))
            && !["洽谈", "洽談", "意向"].iter().any(|w| c.text.contains(w))
            && (!super::text::has_stage(c.text)
                || super::text::SIGNS.iter().any(|w| c.text.contains(w)))
    };
    let h = headline(doc, &is_period)?;
    let at = h.count.as_ref().or(h.amount.as_ref())?.0.start;
    let topic = doc
        .clauses
        .iter()
        .find(|c| c.start <= at && at <= c.start + c.text.len())?
        .topic
        .clone();
    Some((h, topic))
}

/// The title's count and amount, where they differ from the body's, as alternatives; where the
/// body has none, the title's figure stands, with a note.
fn title_figures(draft: &mut Draft, doc: &Doc) {
    let Some(title) = doc.title else { return };
    // 39个重大项目集中签约开工: the title's figures are a batch's, not the signing's.
    if own_topic(title, doc.year, &doc.published) == Some(Topic::Stage) {
        return;
    }
    let title_clause = Clause {
        text: title,
        start: 0,
        topic: Topic::Signing,
        sentence: usize::MAX,
    };
    let count = project_count_in(&title_clause);
    let amount = money_in(&title_clause).into_iter().next();
    let event = &mut draft.file.events[0];
    let mut notes = Vec::new();
    for (found, slot) in [
        (count, &mut event.project_count),
        (amount, &mut event.signed_amount),
    ] {
        let Some(found) = found else { continue };
        let Some(value) = parseable(&found.value) else {
            continue;
        };
        match slot {
            Some(body) => {
                let differs = read_figure(&body.value) != read_figure(&value);
                if differs {
                    body.alternatives.push(AlternativeEntry {
                        value,
                        quote: title.to_string(),
                        note: Some("the title's figure".into()),
                    });
                }
            }
            None => {
                *slot = Some(FigureEntry {
                    value,
                    quote: title.to_string(),
                    alternatives: Vec::new(),
                });
                notes.push(format!("`{}` is only in the title", found.value));
            }
        }
    }
    for n in notes {
        draft.note(Section::Event(0), n);
    }
}

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:舉行|举行|召開|召开|举办|舉辦)(?:了|的)?([^,，。；、]{2,30}?(?:活動|活动|大會|大会|儀式|仪式|推介會|推介会|洽谈会|洽談會|签约会|簽約會|专场|專場))")
        .unwrap_or_else(|e| panic!("the event name pattern: {e}"))
});

fn event_name(doc: &Doc, place: &str) -> String {
    let named = doc
        .sentences
        .iter()
        .find_map(|s| NAME.captures(s.text).map(|c| c[1].to_string()));
    match named {
        Some(n) if n.starts_with(place) || n.contains("会") || n.contains("會") => n,
        Some(n) => format!("{place}{n}"),
        None => doc
            .title
            .map_or_else(|| format!("{place}招商引资项目签约"), str::to_string),
    }
}

/// The event's quote: the sentence of its headline, else the first sentence with a ceremony word.
fn event_quote(doc: &Doc, entry: &EventEntry) -> String {
    if let Some(f) = entry
        .signed_amount
        .as_ref()
        .or(entry.project_count.as_ref())
    {
        return f.quote.clone();
    }
    doc.sentences
        .iter()
        .find(|s| CEREMONY.iter().any(|w| s.text.contains(w)))
        .or(doc.sentences.first())
        .map_or_else(
            || doc.title.unwrap_or("").to_string(),
            |s| s.text.to_string(),
        )
}

static BAND: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"((?:{NUMBER})(?:億|亿|萬|万)元?(?:-|－|—|至|到)(?:{NUMBER})(?:億|亿|萬|万)元?|(?:超|过|過)?(?:{NUMBER})?(?:億|亿|萬|万)(?:美元|元)?(?:規模|规模)?(?:以上|及以上|以下)|(?:超|过|過)(?:{NUMBER})?(?:億|亿)(?:美元|元))(?:的)?(?:[\p{{Han}}]{{0,4}}(?:項目|项目))?(?:有|共)?((?:近|逾|超)?{NUMBER}(?:個|个|宗|项|項))"
    ))
    .unwrap_or_else(|e| panic!("the band pattern: {e}"))
});

/// 14个项目中有7个投资额超亿元: the count before its band.
static BAND_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:中有|其中有|其中)((?:近|逾|超)?{NUMBER}(?:個|个|宗|项|項))(?:項目|项目)?(?:的)?(?:投资额|投資額|总投资|總投資|投资|投資)?((?:超过|超過|超|逾)(?:{NUMBER})?(?:億|亿|萬|万)元?|(?:{NUMBER})?(?:億|亿|萬|万)元?(?:以上|及以上))"
    ))
    .unwrap_or_else(|e| panic!("the band pattern: {e}"))
});

/// 共有20个超亿元项目成功签约; (18个项目中,)16个投资超亿元: the count first, then its band.
static BAND_COUNT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:^|共有|共|有)((?:近|逾|超)?{NUMBER}(?:個|个|宗|项|項))(?:投资|投資)?((?:超过|超過|超|逾)(?:{NUMBER})?(?:億|亿)元?|(?:{NUMBER})?(?:億|亿|萬|万)元?(?:以上|及以上))(?:的)?(?:項目|项目)?"
    ))
    .unwrap_or_else(|e| panic!("the band pattern: {e}"))
});

/// Band counts of the ceremony: 10亿元以上项目7个.
pub fn bands(draft: &mut Draft, doc: &Doc) {
    let Some(event) = draft.file.events.first() else {
        return;
    };
    let period = event.from.is_some();
    let mut found = Vec::new();
    // 二是大项目居多,5000万元以上项目83个: a sentence on the batch's features names no time
    // and no whole place (全县…累计 is the place's record).
    let of_batch = |c: &Clause| {
        let sentence = doc.sentence_at(c.start).map_or(c.text, |s| s.text);
        !period
            && c.topic == Topic::Background
            && ![
                "累计", "累計", "以来", "以來", "年", "全县", "全縣", "全市", "全区", "全區",
                "全省", "全州",
            ]
            .iter()
            .any(|w| sentence.contains(w))
    };
    for c in doc.clauses.iter().filter(|c| {
        c.topic == Topic::Signing || (period && matches!(c.topic, Topic::Period(..))) || of_batch(c)
    }) {
        let before = BAND
            .captures_iter(c.text)
            .map(|cap| (cap.get(1), cap.get(2), cap.get(0)));
        let after = BAND_AFTER
            .captures_iter(c.text)
            .map(|cap| (cap.get(2), cap.get(1), cap.get(0)));
        let count_first = BAND_COUNT_FIRST
            .captures_iter(c.text)
            .map(|cap| (cap.get(2), cap.get(1), cap.get(0)));
        for (band, count, all) in before.chain(after).chain(count_first) {
            let (Some(band), Some(count), Some(all)) = (band, count, all) else {
                continue;
            };
            let repeated = found
                .iter()
                .any(|b: &BandEntry| b.count == count.as_str() && b.quote == c.text[..all.end()]);
            if repeated {
                continue;
            }
            // 超10亿元以上 is 10亿元以上; 超亿元 keeps its 超.
            let band_text = match band.as_str().trim_start_matches(['超', '过', '過']) {
                rest if rest.contains("以上") => rest.to_string(),
                _ => band.as_str().to_string(),
            };
            if parse_band(&band_text).is_err() || parse_figure(count.as_str()).is_err() {
                continue;
            }
            let quote = c.text[..all.end()].to_string();
            found.push(BandEntry {
                band: band_text,
                count: count.as_str().to_string(),
                quote,
            });
            draft.used(
                c.start + band.start().min(count.start()),
                c.start + band.end().max(count.end()),
            );
        }
    }
    draft.file.events[0].bands.extend(found);
}

/// The parts after 其中 (to the end of the sentence, across ；): two or more make a breakdown,
/// and so does one with both a count and an amount; a single figure is a figure of the event.
pub fn parts(draft: &mut Draft, doc: &Doc) {
    // A period report's divisions (新签项目中,市内项目60个,协议资金43.1亿元…) are its
    // statistics, each with its label.
    if draft.file.events.is_empty() || draft.period_report().is_some() {
        return;
    }
    let mut groups: Vec<Vec<PartEntry>> = Vec::new();
    let mut last_end = 0;
    // A sentence that divides the batch (从资金来源看,内资项目13个…) right after a signing's
    // sentence is the signing's, whatever words it lacks.
    let divides_the_signing = |c: &&Clause| {
        c.topic == Topic::Signing
            || divides(c.text)
                && c.topic != Topic::Stage
                && c.sentence > 0
                && doc.sentences[c.sentence].start == c.start
                && doc.sentence_has(c.sentence - 1, |t| *t == Topic::Signing)
    };
    for c in doc.clauses.iter().filter(divides_the_signing) {
        let Some((segment_start, end)) = part_segment(doc, c) else {
            continue;
        };
        if segment_start < last_end {
            continue;
        }
        last_end = end;
        let segment = &doc.text[segment_start..end];
        let mut offset = segment_start;
        let mut parts: Vec<PartEntry> = Vec::new();
        for piece in segment.split_inclusive(['；', ';']) {
            let piece_start = offset;
            offset += piece.len();
            read_parts(draft, doc, piece, piece_start, &mut parts);
        }
        // Each segment is a breakdown of its own (其中,工业项目…。其中,内资项目…), and a kind
        // named again starts another (the fair's, then the ceremony's: 内资…外资…贸易类项目2个;
        // 会上…内资…外资…贸易类项目1个).
        groups.push(Vec::new());
        for part in parts {
            let current = groups
                .last_mut()
                .filter(|g| g.iter().all(|p| p.name != part.name));
            match current {
                Some(g) => g.push(part),
                None => groups.push(vec![part]),
            }
        }
    }
    for parts in groups.into_iter().filter(|g| !g.is_empty()) {
        breakdown_or_statistic(draft, parts);
    }
}

/// 按产业类别划分, 从项目类别看 or 12个项目中 opening a sentence: the sentence divides the batch.
fn divides(clause: &str) -> bool {
    ["项目中", "項目中"].iter().any(|w| clause.ends_with(w)) && clause.chars().count() <= 14
        || clause.starts_with('按')
            && ["划分", "劃分", "分类", "分類", "来分", "來分"]
                .iter()
                .any(|w| clause.ends_with(w))
        || (clause.starts_with('从') || clause.starts_with('從'))
            && clause.ends_with('看')
            && clause.chars().count() <= 10
}

fn breakdown_or_statistic(draft: &mut Draft, mut parts: Vec<PartEntry>) {
    // One part with its count and amount (其中铜产业项目7个,投资20.41亿元) is a breakdown of one
    // stated part, the rest not stated; a lone figure (其中外资项目4个) a statistic.
    let whole_part = matches!(&parts[..], [p] if p.count.is_some() && p.amount.is_some());
    // 外资项目21个、合同外资4.6亿美元, alone or among three or more parts (工业项目41个,…;服务业项目
    // 25个,…;外资项目5个,合同外资3.2亿美元): the foreign projects with their contract capital are
    // two figures of the event, the count and the foreign capital, not a part's investment; the
    // other parts stay a breakdown.
    if parts.len() != 2 {
        let mut rest = Vec::new();
        for p in parts {
            match (&p.count, &p.amount, foreign_count_and_capital(&p)) {
                (Some(count), Some(amount), Some((count_quote, capital_quote))) => {
                    let (count, amount) = (count.clone(), amount.clone());
                    event_statistic(draft, "foreign_invested_projects", None, count, count_quote);
                    event_statistic(draft, "foreign_investment", None, amount, capital_quote);
                }
                _ => rest.push(p),
            }
        }
        parts = rest;
        if parts.is_empty() {
            return;
        }
    }
    // “四类500强”企业2个,…企业3个;来自大湾区项目5个: counts of kinds of investor or of where
    // they come from overlap, they divide nothing: figures of the event.
    let of_investors = parts.iter().all(|p| p.amount.is_none())
        && parts.iter().any(|p| {
            ["企业", "企業", "来自", "來自"]
                .iter()
                .any(|w| p.name.contains(w))
        });
    if of_investors && parts.len() >= 2 {
        for part in parts {
            if let Some(count) = part.count {
                let metric = metric_of(&part.name, true);
                event_statistic(draft, metric, Some(part.name), count, part.quote);
            }
        }
        return;
    }
    if parts.len() >= 2 || whole_part {
        draft.file.events[0].breakdowns.push(BreakdownEntry {
            by: "kind".into(),
            parts,
        });
        draft.note(
            Section::Event(0),
            "the parts after 其中 make a breakdown `by = \"kind\"`: name what they divide by"
                .into(),
        );
    } else if let Some(part) = parts.pop() {
        let (metric, value) = match (part.count, part.amount) {
            (Some(c), _) => (metric_of(&part.name, true), c),
            (None, Some(a)) => (metric_of(&part.name, false), a),
            _ => return,
        };
        event_statistic(draft, metric, Some(part.name), value, part.quote);
    }
}

fn event_statistic(
    draft: &mut Draft,
    metric: &str,
    label: Option<String>,
    value: String,
    quote: String,
) {
    draft.file.events[0].statistics.push(EventStatisticEntry {
        metric: metric.into(),
        label,
        value,
        forecast: false,
        quote,
        alternatives: Vec::new(),
    });
}

/// A lone part of the foreign projects whose amount is their foreign capital (外资项目5个,合同外资
/// 3.2亿美元): the quotes of its count and of its capital.
fn foreign_count_and_capital(p: &PartEntry) -> Option<(String, String)> {
    const CAPITAL: &[&str] = &[
        "合同外资",
        "合同外資",
        "协议外资",
        "協議外資",
        "利用外资",
        "利用外資",
    ];
    if !["外资", "外資"].iter().any(|w| p.name.contains(w)) {
        return None;
    }
    let cut = p.quote.find([',', '，', '、', ';', '；'])?;
    let (count, rest) = p.quote.split_at(cut);
    let capital = rest.trim_start_matches([',', '，', '、', ';', '；']);
    CAPITAL
        .iter()
        .any(|w| capital.starts_with(w))
        .then(|| (count.to_string(), capital.to_string()))
}

/// Where the parts of a clause are: after 其中 or 项目中, to the end of the sentence; or a
/// sentence that starts with a kind of project (医药健康类项目3个:…), up to its list.
fn part_segment(doc: &Doc, c: &Clause) -> Option<(usize, usize)> {
    let sentence_end = |from: usize| {
        super::text::stop_in(&doc.text[from..], &['。', '\n']).map_or(doc.text.len(), |e| from + e)
    };
    // 此次签约的60个项目中,…: 项目中 ends its clause.
    let marker = c.text.find("其中").map(|i| i + "其中".len()).or_else(|| {
        ["项目中", "項目中"]
            .iter()
            .find(|m| c.text.ends_with(*m))
            .map(|_| c.text.len())
    });
    if let Some(i) = marker {
        return Some((c.start + i, sentence_end(c.start)));
    }
    // 按产业类别划分,…: the sentence divides the batch.
    // 从项目类别看,…: so does a point of view on the batch.
    if divides(c.text) {
        return Some((c.start + c.text.len(), sentence_end(c.start)));
    }
    let first = doc.sentence_at(c.start).is_some_and(|s| s.start == c.start);
    if first && KIND_FIRST.is_match(c.text) {
        let end = sentence_end(c.start);
        let end = doc.text[c.start..end]
            .find([':', '：'])
            .map_or(end, |e| c.start + e);
        return Some((c.start, end));
    }
    // 内资项目30个,协议资金85亿元;外资项目54个,合同外资17.4亿美元: a sentence of two or more
    // kinds of project with their counts divides the batch (up to a 其中 of its own).
    if first && KIND_COUNT.find(c.text).is_some_and(|m| m.start() == 0) {
        let end = sentence_end(c.start);
        let end = doc.text[c.start..end]
            .find("其中")
            .map_or(end, |e| c.start + e);
        if KIND_COUNT.find_iter(&doc.text[c.start..end]).count() >= 2 {
            return Some((c.start, end));
        }
    }
    None
}

/// A kind of project with its count (内资项目30个), opening the text or after a comma.
static KIND_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"(?:^|[,，;；、])[\p{{Han}}]{{2,8}}(?:项目|項目)(?:有|共)?{NUMBER}(?:个|個|项|項|宗)"
    ))
    .unwrap_or_else(|e| panic!("the part pattern: {e}"))
});

static KIND_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(&format!(
        r"^[\p{{Han}}]{{2,12}}(?:类|類)(?:项目|項目)(?:有|共)?{NUMBER}(?:个|個|项|項|宗)"
    ))
    .unwrap_or_else(|e| panic!("the kind pattern: {e}"))
});

fn metric_of(label: &str, count: bool) -> &'static str {
    let foreign = ["外资", "外資", "外商", "港资", "港資", "台资", "台資"]
        .iter()
        .any(|w| label.contains(w));
    match (foreign, count) {
        (true, true) => "foreign_invested_projects",
        (_, true) => "projects_signed",
        _ => "total_investment",
    }
}

/// Parts in one piece: each clause with a count starts a part; an amount joins the current one.
fn read_parts(draft: &mut Draft, doc: &Doc, piece: &str, start: usize, parts: &mut Vec<PartEntry>) {
    let mut current: Option<(PartEntry, usize, usize)> = None;
    let mut at = 0;
    let flush = |current: &mut Option<(PartEntry, usize, usize)>, parts: &mut Vec<PartEntry>| {
        if let Some((mut p, s, e)) = current.take() {
            p.quote = doc.text[s..e].to_string();
            if names_a_part(&p.name)
                && !names_a_project(&p.name)
                && !names_a_stage(&p.name)
                && (p.count.is_some() || p.amount.is_some())
            {
                parts.push(p);
            }
        }
    };
    for clause in piece.split_inclusive([',', '，', '；', ';']) {
        let cstart = start + at;
        at += clause.len();
        let text = clause.trim_end_matches([',', '，', '；', ';']);
        if text.contains("以上") || BAND.is_match(text) {
            continue;
        }
        // 一批 of the prose (…等一批项目体量大) counts nothing.
        // A count the headline took (签约项目15个,…外资项目3个) is not a part's.
        let count = figures::counts(text)
            .into_iter()
            .filter(|c| !draft.is_used(cstart + c.start, cstart + c.end))
            .find(|c| !c.value.starts_with("一批") && !c.value.ends_with(['家', '户', '戶']));
        let money = figures::money(text)
            .into_iter()
            .find(|m| !figures::is_revenue(&text[..m.start]));
        if let Some(c) = &count {
            flush(&mut current, parts);
            let label = part_label(&text[..c.start]);
            current = Some((
                PartEntry {
                    name: label,
                    count: parseable(&c.value),
                    amount: None,
                    quote: String::new(),
                },
                cstart,
                cstart + c.end,
            ));
            draft.used(cstart + c.start, cstart + c.end);
        }
        let capital = money
            .as_ref()
            .is_some_and(|m| foreign_capital(current.as_ref().map(|c| &c.0), &text[..m.start]));
        if capital {
            flush(&mut current, parts);
            continue;
        }
        if let Some(m) = &money {
            match &mut current {
                Some((p, _, e)) if p.amount.is_none() => {
                    p.amount = parseable(&m.value);
                    // 10亿元项目1个: the amount may come before the count.
                    *e = (*e).max(cstart + m.end);
                }
                _ => {
                    flush(&mut current, parts);
                    current = Some((
                        PartEntry {
                            name: part_label(&text[..m.start]),
                            count: None,
                            amount: parseable(&m.value),
                            quote: String::new(),
                        },
                        cstart,
                        cstart + m.end,
                    ));
                }
            }
            draft.used(cstart + m.start, cstart + m.end);
        }
    }
    flush(&mut current, parts);
}

/// 合同外资3.2亿美元: foreign capital is a figure of the batch, not a part's amount (unless the
/// part is the foreign projects: 外资项目30个,合同外资额21.6亿美元).
fn foreign_capital(current: Option<&PartEntry>, label: &str) -> bool {
    let foreign = |t: &str| t.contains("外资") || t.contains("外資");
    !current.is_some_and(|p| foreign(&p.name))
        && foreign(label)
        && !["项目", "項目"].iter().any(|w| label.contains(w))
}

/// A label that names one project by its company or its verb (其中,某某有限公司投资30亿元的…;
/// 与某某公司签订总投资100亿元的…): a project's figure, not a part.
fn names_a_project(label: &str) -> bool {
    super::projects::COMPANY.is_match(label)
        || ["签订", "簽訂", "投资建设", "投資建設", "投资的", "投資的"]
            .iter()
            .any(|w| label.contains(w))
}

/// 开工项目11个;投产项目7个: parts of another stage, not of the signing.
fn names_a_stage(label: &str) -> bool {
    [
        "开工", "開工", "动工", "動工", "投产", "投產", "竣工", "剪彩", "在建", "续建", "續建",
    ]
    .iter()
    .any(|w| label.contains(w))
}

/// A label that names a kind of project (民企项目, 外资), not only the amount's words.
fn names_a_part(label: &str) -> bool {
    let mut rest = label.to_string();
    for w in [
        "总投资",
        "總投資",
        "投资总额",
        "投資總額",
        "投资",
        "投資",
        "金额",
        "金額",
        "计划",
        "計劃",
        "达",
        "達",
        "约",
        "約",
        "共计",
        "合计",
    ] {
        rest = rest.replace(w, "");
    }
    rest.chars().count() >= 2
}

fn part_label(text: &str) -> String {
    let mut label = text.trim().trim_start_matches([',', '，', ':', '：']);
    for w in [
        "签约", "簽約", "引进", "引進", "共有", "共", "有", "的", "为", "為", "爲",
    ] {
        label = label.trim_end_matches(w);
    }
    for w in ["签约", "簽約", "共", "的"] {
        label = label.trim_start_matches(w);
    }
    label.trim().to_string()
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    for pattern in [
        &NAME,
        &BAND,
        &BAND_AFTER,
        &BAND_COUNT_FIRST,
        &KIND_COUNT,
        &KIND_FIRST,
    ] {
        LazyLock::force(pattern);
    }
}
