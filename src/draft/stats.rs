//! Figures that are not the ceremony's: a period's (今年以来, 上半年 …) and targets of a year, as
//! statistics of the host place; and every figure left over, listed so that nothing is dropped
//! without a word (a 开工 batch's figures among them, said so).

use super::event::parseable;
use super::figures::{self, Found, counts_projects};
use super::text::{Clause, Doc, Topic};
use super::{Draft, Section};
use crate::source::model::{EventStatisticEntry, StatisticEntry};

/// Words before a figure, and the metric they name.
const METRICS: &[(&str, &str)] = &[
    ("协议引资", "agreed_investment"),
    ("協議引資", "agreed_investment"),
    ("协议投资", "agreed_investment"),
    ("協議投資", "agreed_investment"),
    ("合同引资", "agreed_investment"),
    ("引资总额", "signing_events_amount"),
    ("引資總額", "signing_events_amount"),
    ("到位资金", "funds_in_place"),
    ("到位資金", "funds_in_place"),
    ("实际到位", "funds_in_place"),
    ("實際到位", "funds_in_place"),
    ("到位", "funds_in_place"),
    ("实际利用外资", "foreign_investment_used"),
    ("實際利用外資", "foreign_investment_used"),
    ("利用外资", "foreign_investment_used"),
    ("开工", "projects_started"),
    ("開工", "projects_started"),
    ("落地", "projects_landed"),
    ("签约", "projects_signed"),
    ("簽約", "projects_signed"),
    ("总投资", "total_investment"),
    ("總投資", "total_investment"),
    ("投资", "total_investment"),
    ("投資", "total_investment"),
];

fn metric(before: &str, money: bool, of_projects: bool) -> &'static str {
    let near: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let named = METRICS
        .iter()
        .filter(|(w, m)| {
            near.contains(w) && (money != m.starts_with("projects") || *m == "projects_signed")
        })
        .max_by_key(|(w, _)| near.rfind(w).map(|i| i + w.len()));
    match (named, money, of_projects) {
        (Some((_, m)), true, _) if !m.starts_with("projects") => m,
        (Some((_, m)), false, true) if m.starts_with("projects") => m,
        (_, true, _) => "agreed_investment",
        (_, false, true) => "projects_signed",
        (_, false, false) => "count",
    }
}

fn in_clause(c: &Clause, f: Found) -> Found {
    Found {
        start: f.start + c.start,
        end: f.end + c.start,
        value: f.value,
    }
}

/// The period (or target year) a clause's figures are statistics of: its own topic's, or, in a
/// period report, the report's for a clause about investment that names no other time.
fn clause_period(draft: &Draft, doc: &Doc, c: &Clause) -> Option<(&'static str, String, String)> {
    match &c.topic {
        Topic::Period(from, to, _) => Some(("period_statistic", from.clone(), to.clone())),
        Topic::Target(year) => Some((
            "target",
            format!("{year:04}-01-01"),
            format!("{year:04}-12-31"),
        )),
        // 1-10月,全县签约项目76个…;新开工项目36个,项目开工率47.4%: in a period report, starts
        // right after a period's figures are that period's tally, not a batch.
        Topic::Stage => {
            let report = draft.period_report()?;
            // 目前,已投产项目7个;在建项目13个: the state of the period's projects, not a batch.
            if super::text::states_progress(c.text) {
                return Some((
                    "period_statistic",
                    report.from.clone().unwrap_or_default(),
                    report.to.clone().unwrap_or_default(),
                ));
            }
            let i = doc.clauses.iter().position(|x| x.start == c.start)?;
            let before = doc.clauses[..i]
                .iter()
                .rev()
                .find(|x| x.topic != Topic::Stage)?;
            match &before.topic {
                Topic::Period(from, to, _) if !c.text.contains("集中") => {
                    Some(("period_statistic", from.clone(), to.clone()))
                }
                _ => None,
            }
        }
        // In a period report, a clause about signing that names no time (新签项目中,市内项目60个)
        // is the report's period's too.
        Topic::Background | Topic::Signing => {
            let report = draft.period_report()?;
            let at = doc.sentence_at(c.start);
            let sentence = at.map_or(c.text, |s| s.text);
            let before_clause = at.map_or("", |s| &doc.text[s.start..c.start]);
            // 签约协议投资额排在前5位的分别是:旅游产业1647亿元、房地产业403亿元, 分别签约项目
            // 137个、56个: a list's items after the sentence's investment words.
            let end = c.start + c.text.len();
            let item = doc.text[..c.start].ends_with('、') || doc.text[end..].starts_with('、');
            let listed = item && INVESTMENT.iter().any(|w| sentence.contains(w));
            // 实到资金48.15亿元,同比增长12.67%: the growth of the figure just before.
            let growth = ["同比", "比上年", "較上年", "较上年", "比去年"]
                .iter()
                .any(|w| c.text.starts_with(w))
                && INVESTMENT.iter().any(|w| before_clause.contains(w));
            let about_investment =
                listed || growth || INVESTMENT.iter().any(|w| c.text.contains(w));
            // 完成全年80亿元目标任务的125.64%: progress of this period, not a target.
            let progress = super::text::PROGRESS.iter().any(|w| sentence.contains(w));
            let another_time = CUMULATIVE
                .iter()
                .filter(|w| !(progress && TARGET_WORDS.contains(w)))
                .any(|w| sentence.contains(w));
            (about_investment && !another_time).then(|| {
                (
                    "period_statistic",
                    report.from.clone().unwrap_or_default(),
                    report.to.clone().unwrap_or_default(),
                )
            })
        }
        _ => None,
    }
}

/// Words of a target among [`CUMULATIVE`].
const TARGET_WORDS: &[&str] = &["目标", "目標", "任务", "任務"];

/// Words of a cumulative or another time's figure (近三年, 累计, 历年).
const CUMULATIVE: &[&str] = &[
    "累计", "累計", "近", "年来", "年來", "历年", "歷年", "多年", "以来", "以來", "去年", "上年",
    "明年", "目标", "目標", "任务", "任務", "力争", "力爭",
];

/// The figures of a clause that a period's statistics take: (figure, money, of projects).
fn period_figures(c: &Clause) -> Vec<(Found, bool, bool)> {
    // 5000万元以上项目40个: the amount names a band of the projects counted.
    let money = figures::money(c.text)
        .into_iter()
        .filter(|f| {
            let after = &c.text[f.end..];
            !["项目", "項目"].iter().any(|w| after.starts_with(w))
        })
        .map(|f| (in_clause(c, f), true, false));
    // Counts of projects and companies; any count written in digits (已有6个实现落地).
    let counts = figures::counts(c.text).into_iter().filter_map(|f| {
        // 组建了4个区域招商办, 组成6个招商团队: the place's means, not the period's results.
        let means = ORGANISATIONS.iter().any(|w| {
            c.text[f.end..]
                .char_indices()
                .take_while(|(i, _)| *i <= 12)
                .any(|(i, _)| c.text[f.end + i..].starts_with(w))
        });
        let of_projects = counts_projects(c.text, &f)
            || (f.value.starts_with(|ch: char| ch.is_ascii_digit())
                && !f.value.ends_with('批')
                && !means);
        (of_projects || f.value.ends_with('家')).then(|| (in_clause(c, f), false, of_projects))
    });
    // Rates and multiples of the period (落地率50%, 完成任务的98.7%, 是去年同期的18倍,
    // 开展招商活动30余次); not a capacity (年产10万吨) or an area.
    let rates = figures::measures(c.text)
        .into_iter()
        .filter(|f| f.value.ends_with(['%', '倍', '次']) || f.value.ends_with("百分点"))
        .map(|f| (in_clause(c, f), false, true));
    money.chain(counts).chain(rates).collect()
}

/// Units of the place's promotion work: counted, they are its means, not its results.
const ORGANISATIONS: &[&str] = &[
    "招商办",
    "招商辦",
    "分队",
    "分隊",
    "团队",
    "團隊",
    "工作组",
    "工作組",
    "专班",
    "專班",
    "小组",
    "小組",
    "办事处",
    "辦事處",
    "联络处",
    "聯絡處",
];

/// A period's figures and targets, each as a statistic of the host place.
pub fn statistics(draft: &mut Draft, doc: &Doc, place: &str) {
    for c in &doc.clauses {
        let Some((kind, from, to)) = clause_period(draft, doc, c) else {
            continue;
        };
        for (f, is_money, of_projects) in period_figures(c) {
            if draft.is_used(f.start, f.end) {
                continue;
            }
            // The same figure of the same period said again (the lead, then 据统计…).
            if said_before(draft, kind, &from, &to, &f.value) {
                draft.used(f.start, f.end);
                continue;
            }
            // (3000万元以上) qualifies the figure next to it; 累计达到87家, 已达224家 count what a
            // place has (a stock, the place's figure), not what the period brought.
            let stock = f.value.ends_with('家')
                && ["累计", "累計", "已达", "已達", "达到", "達到"]
                    .iter()
                    .any(|w| doc.text[c.start..f.start].contains(w));
            if doc.text[..f.start].ends_with(['(', '（']) || stock {
                continue;
            }
            let Some(value) = parseable(&f.value) else {
                continue;
            };
            let before = &doc.text[c.start..f.start];
            let label_start = doc.text[..f.start]
                .rfind([',', '，', '。', '；', '\n', '、'])
                .map_or(c.start, |i| {
                    i + doc.text[i..].chars().next().map_or(1, char::len_utf8)
                })
                .max(c.start)
                .min(f.start);
            draft.file.statistics.push(StatisticEntry {
                kind: kind.into(),
                place: place.to_string(),
                metric: metric(before, is_money, of_projects).into(),
                label: Some(doc.text[label_start..f.start].trim().to_string())
                    .filter(|l| !l.is_empty()),
                value,
                band: None,
                forecast: ["预计", "預計", "计划", "計劃", "力争", "力爭"]
                    .iter()
                    .any(|w| before.contains(w)),
                from: Some(from.clone()),
                to: Some(to.clone()),
                quote: doc.text[label_start..f.end].to_string(),
                ..Default::default()
            });
            draft.used(f.start, f.end);
            if kind == "target" {
                let n = draft.file.statistics.len() - 1;
                draft.note(
                    Section::Statistic(n),
                    "a target: the year is the one named nearby, else the publication's".into(),
                );
            }
        }
    }
}

/// Words of a figure about investment.
const INVESTMENT: &[&str] = &[
    "签约", "簽約", "项目", "項目", "招商", "资金", "資金", "到位", "落地", "开工", "開工", "任务",
    "任務", "引资", "引資", "外资", "外資", "投资", "投資",
];

/// Whether a figure of a period was drafted already, as a statistic or as the period report's.
fn said_before(draft: &Draft, kind: &str, from: &str, to: &str, value: &str) -> bool {
    let same_period = |f: &Option<String>, t: &Option<String>| {
        f.as_deref() == Some(from) && t.as_deref() == Some(to)
    };
    let statistic = draft
        .file
        .statistics
        .iter()
        .any(|s| s.kind == kind && same_period(&s.from, &s.to) && same_figure(&s.value, value));
    let report = draft.file.events.iter().any(|e| {
        same_period(&e.from, &e.to)
            && e.project_count
                .iter()
                .chain(e.signed_amount.iter())
                .any(|f| same_figure(&f.value, value))
    });
    statistic || report
}

/// Two figures as written that read the same (147.97亿元 and 147.97億元).
fn same_figure(a: &str, b: &str) -> bool {
    let read = |v: &str| super::event::read_figure(v).map(|f| (f.quantity, f.qualifier));
    parseable(b).is_some_and(|b| read(a).is_some() && read(a) == read(&b))
}

/// What a figure of the place or of the event is, by the words before it.
fn fact_metric(before: &str, value: &str) -> &'static str {
    const WORDS: &[(&str, &str)] = &[
        ("生产总值", "gdp"),
        ("生產總值", "gdp"),
        ("GDP", "gdp"),
        ("面积", "area"),
        ("面積", "area"),
        ("人口", "population"),
        ("财政", "fiscal_revenue"),
        ("財政", "fiscal_revenue"),
        ("公共预算收入", "fiscal_revenue"),
        ("固定资产投资", "fixed_asset_investment"),
        ("利用外资", "foreign_investment_used"),
        ("利用外資", "foreign_investment_used"),
        ("产值", "output_value"),
        ("產值", "output_value"),
        ("岗位", "jobs"),
        ("崗位", "jobs"),
        ("就业", "jobs"),
        ("就業", "jobs"),
        ("税收", "tax"),
        ("稅收", "tax"),
        ("销售收入", "sales"),
        ("銷售收入", "sales"),
        ("增长", "growth"),
        ("增長", "growth"),
        ("占", "share"),
        ("佔", "share"),
    ];
    let near: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let named = WORDS
        .iter()
        .filter(|(w, _)| near.contains(w))
        .max_by_key(|(w, _)| near.rfind(w).map(|i| i + w.len()));
    match named {
        Some((_, m)) => m,
        None if value.ends_with('%') => "share",
        None if value.ends_with('元') || value.contains('亿') || value.contains('億') => {
            "amount"
        }
        None => "figure",
    }
}

/// Every figure left in the signing's clauses (a figure of the event: 其中外资项目4个, 利用外资
/// 6.8亿美元, 增长21.4%) and in background clauses (a figure of the place: GDP, area, people).
pub fn leftovers(draft: &mut Draft, doc: &Doc, place: &str) {
    let has_event = draft.file.events.first().is_some_and(|e| e.from.is_none());
    let names = project_names(draft, doc);
    for c in &doc.clauses {
        let of_event = match c.topic {
            Topic::Signing if has_event => true,
            // A period's figures that are not its statistics (组建了4个区域招商办) are the place's.
            // So are a 开工 batch's (从规模看,10亿元及以上项目25个…) beyond its headline.
            Topic::Background | Topic::Period(..) | Topic::Stage => false,
            _ => continue,
        };
        let mut found = leftover_figures(c, of_event);
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        for f in found {
            if taken(draft, doc, &names, &f) {
                continue;
            }
            let Some(value) = parseable(&f.value) else {
                continue;
            };
            if band_bound(doc, &f) {
                continue;
            }
            // 投资最大的是总投资30亿元的…项目: the largest project's figure, not the event's.
            if of_event && superlative(doc, c, &f) {
                continue;
            }
            let attendance = match aside(doc, c, &f) {
                Aside::Later => continue,
                Aside::Attendance => true,
                Aside::No => false,
            };
            // 本次洽谈会全省共有300多个项目签约: the fair's, kept as a figure of the place.
            let wider = of_event && !attendance && wider(draft, doc, c, &f, place);
            let before = &doc.text[c.start..f.start];
            let sentence_start = doc.sentence_at(f.start).map_or(c.start, |s| s.start);
            let in_sentence = before_in_sentence(doc, c, &f);
            // A project's output, capacity or land (年产10万吨, 年产值12亿元, 占地5500亩) is not
            // the event's: it is kept as a figure of the place for the user to move or drop.
            // The whole batch's (全部建成达产后可年创税收5.7亿元, 共签约…可提供就业岗位640多个)
            // is the event's.
            let sentence_end = doc
                .sentence_at(f.start)
                .map_or(f.end, |s| s.start + s.text.len());
            let of_batch = BATCH
                .iter()
                .any(|w| doc.text[sentence_start.min(f.start)..sentence_end].contains(w));
            let output = of_event
                && !attendance
                && !(of_batch && (OUTPUTS.iter().any(|w| before.contains(w)) || jobs(before)))
                && (OUTPUTS.iter().any(|w| before.contains(w))
                    || !(f.value.ends_with('%') || is_money(&value) || is_count(&value)));
            // A deal in goods or an area's plan (规划总投资1657亿元) is the place's figure, not
            // the signing's; so is attendance (a decoy: never a figure of the signing).
            let trade = TRADE.iter().any(|w| in_sentence.contains(w))
                || ["规划", "規劃"].iter().any(|w| before.contains(w));
            let of_event = of_event && !output && !trade && !attendance && !wider;
            if of_event && restates_headline(draft, &value, c.text) {
                draft.used(f.start, f.end);
                continue;
            }
            draft.used(f.start, f.end);
            let leftover = Leftover {
                quote: doc.text[c.start..f.end].to_string(),
                before,
                value,
                output,
                attendance,
                wider,
            };
            if of_event {
                push_event_statistic(draft, leftover);
            } else {
                push_place_fact(draft, leftover, place);
            }
        }
    }
}

/// 50億元及以上項目1個, 10億元～50億元之間的項目10個: an amount that bounds a band of projects
/// is no figure of its own.
fn band_bound(doc: &Doc, f: &Found) -> bool {
    let after = &doc.text[f.end..];
    let before = &doc.text[..f.start];
    // 增至50亿元, 达到20亿元: a range's second bound follows an amount, not a verb.
    let after_amount = ["～", "~", "至", "到"].iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|b| b.ends_with(['元', '亿', '億', '万', '萬']))
    });
    is_money(&f.value)
        && (["以上", "及以上", "以下", "之间", "之間", "～", "~", "至"]
            .iter()
            .any(|w| after.starts_with(w))
            || after_amount)
}

/// A figure left over, read in its clause.
struct Leftover<'a> {
    quote: String,
    /// The clause's words before the figure.
    before: &'a str,
    value: String,
    output: bool,
    attendance: bool,
    /// Of the whole province or country.
    wider: bool,
}

impl Leftover<'_> {
    fn label(&self) -> Option<String> {
        Some(self.before.trim().to_string()).filter(|l| !l.is_empty())
    }

    fn forecast(&self) -> bool {
        ["预计", "預計"].iter().any(|w| self.before.contains(w))
    }
}

fn push_event_statistic(draft: &mut Draft, f: Leftover) {
    let metric = match fact_metric(f.before, &f.value) {
        "figure" | "amount" => event_metric(f.before, &f.value),
        m => m,
    };
    draft.file.events[0].statistics.push(EventStatisticEntry {
        metric: metric.into(),
        label: f.label(),
        forecast: f.forecast(),
        value: f.value,
        quote: f.quote,
        alternatives: Vec::new(),
    });
}

fn push_place_fact(draft: &mut Draft, f: Leftover, place: &str) {
    let metric = if f.attendance {
        "attendance"
    } else {
        fact_metric(f.before, &f.value)
    };
    draft.file.statistics.push(StatisticEntry {
        kind: "place_fact".into(),
        place: place.to_string(),
        metric: metric.into(),
        label: f.label(),
        forecast: f.forecast() || (f.output && f.before.contains(['可', '将', '將'])),
        value: f.value,
        quote: f.quote,
        ..Default::default()
    });
    let n = draft.file.statistics.len() - 1;
    if f.output {
        draft.note(
            Section::Statistic(n),
            "a project's output, capacity or land, kept as a figure of the place: move it to its project's note or drop it".into(),
        );
    } else if f.wider {
        draft.note(
            Section::Statistic(n),
            "a figure of the whole province, country or fair (全省, 全国), or larger than the signing's own: give it its place or drop it".into(),
        );
    } else if f.attendance {
        draft.note(
            Section::Statistic(n),
            "who attended, exhibited or was visited, not what was signed: kept as a figure of the place; move it to the event's note or drop it".into(),
        );
    }
}

/// A figure of the whole province or country (本次洽谈会全省共有300多个项目签约) in a sentence
/// about a county's or city's signing: the fair's, not the event's.
/// So is 本届博览会共促成合同项目325个 beside a signing of 100 ([`exceeds_headline`]), and a
/// count of projects talked over before the part of them signed.
fn wider(draft: &Draft, doc: &Doc, c: &Clause, f: &Found, place: &str) -> bool {
    let in_sentence = before_in_sentence(doc, c, f);
    // 双方共对接洽谈项目65个,投资总额达362.5亿元,其中30个项目上台签约: the projects talked over
    // before the part signed are more than the signing's.
    let sentence = doc.sentence_at(f.start).map_or(in_sentence, |s| s.text);
    let talked_over = super::event::negotiated(in_sentence);
    if parseable(&f.value).is_some_and(|v| {
        exceeds_headline(draft, &v, in_sentence)
            || talked_over && exceeds_headline(draft, &v, sentence)
    }) {
        return true;
    }
    let province = ["省", "自治区", "自治區"]
        .iter()
        .any(|k| place.ends_with(k));
    (!province && in_sentence.contains("全省"))
        || ["全国", "全國"].iter().any(|w| in_sentence.contains(w))
}

/// A count of projects or an amount in yuan larger than the signing's own, in a sentence that
/// signs (签约, 促成, 合同, 引资) and does not name the signing itself (此次, 本次): the figure of
/// something the signing is part of (the fair, the year), not of the signing. What projects
/// will yield or draw (产值, 带动, 就业岗位) and what they plan (计划总投资) stay the event's.
fn exceeds_headline(draft: &Draft, value: &str, sentence: &str) -> bool {
    use crate::source::figure::Quantity;
    let signs = WIDER_SIGNS.iter().any(|w| sentence.contains(w));
    let own = ["此次", "本次", "这次", "這次", "计划", "計劃"];
    if !signs
        || own.iter().any(|w| sentence.contains(w))
        || YIELDS.iter().chain(OUTPUTS).any(|w| sentence.contains(w))
    {
        return false;
    }
    let event = &draft.file.events[0];
    let read = |f: &Option<crate::source::model::FigureEntry>| {
        f.as_ref()
            .and_then(|f| super::event::read_figure(&f.value))
            .map(|f| f.quantity)
    };
    match super::event::read_figure(value).map(|f| f.quantity) {
        // More than a twentieth above (5.2亿元 beside 52150万元 is the same total, rounded).
        Some(Quantity::Money {
            currency: "CNY",
            amount,
        }) => matches!(
            read(&event.signed_amount),
            Some(Quantity::Money { currency: "CNY", amount: own }) if own + own / 20 < amount
        ),
        Some(Quantity::Measure { value: n, .. }) if value.ends_with(['个', '個', '项', '項']) =>
        {
            matches!(
                read(&event.project_count),
                Some(Quantity::Measure { value: own, .. }) if own < n
            )
        }
        _ => false,
    }
}

/// Words of signing in a sentence whose figures [`exceeds_headline`] weighs.
const WIDER_SIGNS: &[&str] = &[
    "签约", "簽約", "签订", "簽訂", "促成", "合同", "引资", "引資", "引进", "引進",
];

/// Words of what projects will yield, draw or employ.
const YIELDS: &[&str] = &[
    "产出",
    "產出",
    "带动",
    "帶動",
    "撬动",
    "撬動",
    "拉动",
    "拉動",
    "岗位",
    "崗位",
    "就业",
    "就業",
    "销售额",
    "銷售額",
    "营收",
    "營收",
    "利润",
    "利潤",
    "出口",
    "创汇",
    "創匯",
];

/// The words of a figure's sentence before it (from its clause's start when no sentence holds it).
fn before_in_sentence<'t>(doc: &Doc<'t>, c: &Clause, f: &Found) -> &'t str {
    let sentence_start = doc.sentence_at(f.start).map_or(c.start, |s| s.start);
    &doc.text[sentence_start.min(f.start)..f.start]
}

/// A figure of the largest of the batch (数额最大的是60亿元, 规模最大的两个项目).
fn superlative(doc: &Doc, c: &Clause, f: &Found) -> bool {
    let in_sentence = before_in_sentence(doc, c, f);
    ["最大的", "最多的", "最高的"]
        .iter()
        .any(|w| in_sentence.contains(w))
}

/// A figure beside the signing: never the signing's.
enum Aside {
    No,
    /// Projects still to sign (另有23个项目将在会后签约): dropped.
    Later,
    /// Attendance, companies visited or exhibiting (11家企业参展, 客商200余人参加): kept as a
    /// figure of the place.
    Attendance,
}

fn aside(doc: &Doc, c: &Clause, f: &Found) -> Aside {
    let before = &doc.text[c.start..f.start];
    let in_sentence = before_in_sentence(doc, c, f);
    let after = &doc.text[f.end..c.start + c.text.len()];
    let attends = ["企业", "企業", "家", ""].iter().any(|lead| {
        ["参展", "參展", "参会", "參會", "出席"]
            .iter()
            .any(|w| after.starts_with(&format!("{lead}{w}")))
    });
    // 两地120余家企业到会, 42家各地商会: companies that came, or chambers, not ones that
    // signed (50家企业参加签约 is the signing's).
    let came = f.value.ends_with('家')
        && COME.iter().any(|w| after.contains(w))
        && !super::text::SIGNS.iter().any(|w| after.contains(w));
    if LATER.iter().any(|w| in_sentence.contains(w)) {
        Aside::Later
    } else if attends || came || ASIDE.iter().any(|w| before.contains(w)) {
        // Projects (来自大湾区的项目46个) and money are not who came.
        let relative = Found {
            start: f.start - c.start,
            end: f.end - c.start,
            value: f.value.clone(),
        };
        let projects = counts_projects(c.text, &relative);
        let people = !(projects || is_money(&f.value) || f.value.ends_with('%'));
        if people {
            Aside::Attendance
        } else {
            Aside::Later
        }
    } else {
        Aside::No
    }
}

/// Whether a figure is drafted already, opens a bracket (a note on what comes before) or is part
/// of a project's name (`names`: where [`project_names`] found them).
fn taken(draft: &Draft, doc: &Doc, names: &[(usize, usize)], f: &Found) -> bool {
    draft.is_used(f.start, f.end)
        || doc.text[..f.start].ends_with(['(', '（'])
        || names.iter().any(|&(at, end)| at <= f.start && f.end <= end)
}

/// Where the drafted projects' names are written in the text: a figure inside one is part of the
/// name (年产10万吨新材料项目).
fn project_names(draft: &Draft, doc: &Doc) -> Vec<(usize, usize)> {
    draft
        .file
        .events
        .iter()
        .flat_map(|e| &e.projects)
        .flat_map(|p| doc.text.match_indices(p.name.as_str()))
        .map(|(at, name)| (at, at + name.len()))
        .collect()
}

/// The figures a clause may state of the event (`of_event`) or of the place.
fn leftover_figures(c: &Clause, of_event: bool) -> Vec<Found> {
    // Counts of projects and companies, amounts and shares: a capacity (年产6万吨) or a
    // 一个/一批 of the prose is not a figure of the event or the place.
    // Of the place, any count in digits (与8个国家接壤, 全国第10个国家级新区).
    let counts = figures::counts(c.text).into_iter().filter(|f| {
        let digits = f.value.starts_with(|ch: char| ch.is_ascii_digit());
        ((counts_projects(c.text, f) || f.value.ends_with('家') || jobs(&c.text[..f.start]))
            && (digits
                || f.value
                    .starts_with(|ch: char| "两兩二三四五六七八九十".contains(ch))))
            || (!of_event && (digits || several(&f.value)) && !f.value.ends_with('批'))
            // 来自110个国家和地区的932个机构: who came to the event, kept as the place's
            // figures (attendance is never the signing's).
            || (of_event && digits && ASIDE.iter().any(|w| c.text[..f.start].contains(w)))
    });
    let measures = figures::measures(c.text).into_iter().filter(|f| {
        // 一次, 两倍 in the prose are not figures; capacities and land are (of the projects).
        !of_event
            || f.value
                .trim_start_matches(['约', '約', '近', '逾', '超'])
                .starts_with(|ch: char| ch.is_ascii_digit())
    });
    // 总人口46万: the place's people, never the event's.
    let people = figures::people(c.text).into_iter().filter(|_| !of_event);
    // 总投资10亿元以上的项目超过100个: the amount bounds the projects counted, it is not a figure.
    let money = figures::money(c.text).into_iter().filter(|f| {
        let bound = ["以上", "以下"].iter().any(|w| f.value.ends_with(w));
        let after = &c.text[f.end..];
        !(bound
            && ["的项目", "的項目", "项目", "項目"]
                .iter()
                .any(|w| after.starts_with(w)))
    });
    money
        .chain(counts)
        .chain(measures)
        .chain(people)
        .map(|f| in_clause(c, f))
        .collect()
}

/// A count in characters from 三 up (四个招商工作组, 十二个重点产业): 一个, 两个 are the prose's.
fn several(value: &str) -> bool {
    value.starts_with(|ch: char| "三四五六七八九十".contains(ch))
}

const ASIDE: &[&str] = &[
    "另有", "还有", "還有", "出席", "参加", "參加", "参会", "參會", "邀请", "邀請", "吸引", "走访",
    "走訪", "拜访", "拜訪", "代表", "来自", "來自", "接待", "向",
];
/// Words of coming to the event (到会, 与会, 的代表) or of who came (商会).
const COME: &[&str] = &[
    "到会",
    "到會",
    "到场",
    "到場",
    "与会",
    "與會",
    "参会",
    "參會",
    "参展",
    "參展",
    "参加",
    "參加",
    "出席",
    "的代表",
    "企业代表",
    "企業代表",
    "商会",
    "商會",
];
/// Projects still to be signed (另有23个项目将在会后签约): not the event's.
const LATER: &[&str] = &[
    "另有",
    "会后签约",
    "會後簽約",
    "将在会后",
    "將在會後",
    "待签约",
    "待簽約",
    "拟签约",
    "擬簽約",
    "正在洽谈",
    "正在洽談",
    "在谈",
    "在談",
];
/// Deals in goods, not investment: their figures are not the signing's.
const TRADE: &[&str] = &[
    "供货协议",
    "供貨協議",
    "采购合同",
    "採購合同",
    "采购协议",
    "採購協議",
    "销售合同",
    "銷售合同",
    "交易额",
    "交易額",
    "成交额",
    "成交額",
    "订单",
    "訂單",
    "订货",
    "訂貨",
    "采购总额",
    "採購總額",
];
/// Words of the whole batch signed.
const BATCH: &[&str] = &[
    "全部",
    "本次",
    "此次",
    "这批",
    "這批",
    "上述",
    "共签约",
    "共簽約",
    "集中签约",
    "集中簽約",
];

/// Jobs a project or batch will give (可提供就业岗位640多个).
fn jobs(before: &str) -> bool {
    ["岗位", "崗位", "就业", "就業"]
        .iter()
        .any(|w| before.contains(w))
}

const OUTPUTS: &[&str] = &[
    "营业收入",
    "營業收入",
    "销售收入",
    "銷售收入",
    "产值",
    "產值",
    "税收",
    "稅收",
    "利税",
    "利稅",
];

/// A figure of the event that repeats its headline (参加此次集中签约的5个项目), or that sits in
/// a clause naming one of its projects (that project's figure).
fn restates_headline(draft: &Draft, value: &str, clause: &str) -> bool {
    let event = &draft.file.events[0];
    let same = |f: &Option<crate::source::model::FigureEntry>| {
        f.as_ref().is_some_and(|f| {
            super::event::read_figure(&f.value).map(|x| x.quantity)
                == super::event::read_figure(value).map(|x| x.quantity)
        })
    };
    same(&event.project_count)
        || same(&event.signed_amount)
        || event
            .projects
            .iter()
            .any(|p| clause.contains(p.name.as_str()))
}

pub(super) fn is_money(value: &str) -> bool {
    match crate::source::figure::parse_figure(value) {
        Ok(f) => matches!(f.quantity, crate::source::figure::Quantity::Money { .. }),
        Err(_) => crate::source::figure::parse_money(value).is_ok(),
    }
}

fn is_count(value: &str) -> bool {
    value.ends_with(['个', '個', '项', '項', '宗', '家', '批'])
}

fn event_metric(before: &str, value: &str) -> &'static str {
    let money = is_money(value);
    if ["外资", "外資"].iter().any(|w| before.contains(w)) {
        return if money {
            "foreign_investment"
        } else {
            "foreign_invested_projects"
        };
    }
    if money {
        "total_investment"
    } else if value.ends_with('家') {
        "companies"
    } else if value.ends_with('个')
        || value.ends_with('個')
        || value.ends_with('项')
        || value.ends_with('宗')
    {
        "projects_signed"
    } else {
        "figure"
    }
}

/// Every amount and count the draft did not use, with its clause; a 开工 batch's said so.
pub fn unused(draft: &mut Draft, doc: &Doc) {
    for c in doc.clauses.iter().filter(|c| c.topic != Topic::Clutter) {
        let found = figures::money(c.text)
            .into_iter()
            .chain(figures::counts(c.text))
            .map(|f| in_clause(c, f));
        for f in found {
            if draft.is_used(f.start, f.end) {
                continue;
            }
            let why = match c.topic {
                Topic::Stage => " (开工/竣工/投产 batch: not a signing)",
                _ => "",
            };
            let sentence = doc.sentence_at(f.start).map_or(c.text, |s| s.text);
            draft.unused.push((
                format!("{}{why}", &doc.text[f.start..f.end]),
                around(sentence, &doc.text[f.start..f.end]),
            ));
        }
    }
}

/// A sentence shortened around a figure.
fn around(sentence: &str, figure: &str) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= 80 {
        return sentence.to_string();
    }
    let at = sentence
        .find(figure)
        .map_or(0, |b| sentence[..b].chars().count());
    let from = at.saturating_sub(30);
    let to = (at + figure.chars().count() + 30).min(chars.len());
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        chars[from..to].iter().collect::<String>(),
        if to < chars.len() { "…" } else { "" }
    )
}
