//! Targets named inside a period's progress (完成市分配任务25亿元的142.4%, 占全年目标任务(30个)
//! 的103.3%, 全年80亿元目标任务): the figure the task sets, as a target of its year.

use super::event::parseable;
use super::figures::{self, Found};
use super::text::{Doc, Topic};
use super::{Draft, Section};
use crate::source::model::StatisticEntry;

/// Words that name a task or target.
const TASK: &[&str] = &["任务", "任務", "目标", "目標"];

/// Adds each figure a task names in a clause of progress (完成/占 … 的N%) as a target.
pub fn progress_targets(draft: &mut Draft, doc: &Doc, place: &str) {
    for c in &doc.clauses {
        if matches!(c.topic, Topic::Clutter | Topic::Stage) {
            continue;
        }
        let has = |words: &[&str]| words.iter().any(|w| c.text.contains(w));
        let progress = has(&["完成", "占", "佔"]) && c.text.contains(['%', '％'])
            || has(TASK) && has(&["全年"]);
        if !progress {
            continue;
        }
        let found: Vec<Found> = figures::money(c.text)
            .into_iter()
            .chain(figures::counts(c.text))
            .chain(
                figures::measures(c.text)
                    .into_iter()
                    .filter(|f| f.value.ends_with(['户', '戶'])),
            )
            .collect();
        for f in found {
            let (start, end) = (c.start + f.start, c.start + f.end);
            if draft.is_used(start, end) {
                continue;
            }
            let before = c.text[..f.start].trim_end_matches(['(', '（']);
            let after = c.text[f.end..].trim_start_matches([')', '）']);
            let named_before = TASK.iter().any(|w| before.ends_with(w));
            let named_after = TASK
                .iter()
                .any(|w| after.starts_with(w) || after.starts_with(&format!("的{w}")));
            if !(named_before || named_after) {
                continue;
            }
            let Some(value) = parseable(&f.value) else {
                continue;
            };
            let (from, to) = span(c.text, &f, named_before, named_after);
            // The year of the clause's period (2016年…占全年目标任务(30个)的103.3%), else the
            // publication's.
            let sentence_start = doc.sentence_at(start).map_or(c.start, |s| s.start);
            let year = super::text::last_year(&doc.text[sentence_start..start])
                .or(match &c.topic {
                    Topic::Period(from, ..) => from.get(..4).and_then(|y| y.parse().ok()),
                    _ => None,
                })
                .unwrap_or(doc.year);
            draft.used(start, end);
            draft.file.statistics.push(StatisticEntry {
                kind: "target".into(),
                place: place.to_string(),
                metric: metric(&value).into(),
                label: Some(c.text[from..f.start].trim().to_string()).filter(|l| !l.is_empty()),
                value,
                from: Some(format!("{year:04}-01-01")),
                to: Some(format!("{year:04}-12-31")),
                quote: c.text[from..to].to_string(),
                ..Default::default()
            });
            let n = draft.file.statistics.len() - 1;
            draft.note(
                Section::Statistic(n),
                "a target named in a progress figure (完成…任务…的N%): the year is its period's, else the publication's; check the metric".into(),
            );
        }
    }
}

fn metric(value: &str) -> &'static str {
    if super::stats::is_money(value) {
        "agreed_investment"
    } else if value.ends_with(['个', '個', '项', '項', '宗']) {
        "projects_signed"
    } else {
        "count"
    }
}

/// The quote of a target: from the task's words (or 全年) to the figure, and the task's words
/// after it.
fn span(text: &str, f: &Found, named_before: bool, named_after: bool) -> (usize, usize) {
    let from = if named_before {
        ["完成", "占", "佔", "比"]
            .iter()
            .filter_map(|w| text[..f.start].rfind(w).map(|i| i + w.len()))
            .max()
            .unwrap_or(0)
    } else {
        text[..f.start].rfind("全年").unwrap_or(f.start)
    };
    let rest = &text[f.end..];
    let to = if named_after {
        let task_end = TASK
            .iter()
            .filter_map(|w| rest.find(w).map(|i| i + w.len()))
            .min()
            .unwrap_or(0);
        f.end + task_end
    } else if rest.starts_with([')', '）']) {
        f.end + rest.chars().next().map_or(1, char::len_utf8)
    } else {
        f.end
    };
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::super::{SourceOptions, draft, input::Article};

    /// The targets drafted from a text of our own words in the shapes real reports use.
    fn targets(body: &str) -> Vec<(String, String, Option<String>)> {
        let article = Article {
            title: "某县一季度招商引资成效明显".into(),
            text: format!("某县一季度招商引资成效明显\n{body}"),
            encoding: "UTF-8",
            published: Some("2017-04-06".into()),
            notes: Vec::new(),
        };
        let d = draft(&article, &SourceOptions::default()).expect("a draft");
        d.file
            .statistics
            .into_iter()
            .filter(|s| s.kind == "target")
            .map(|s| (s.value, s.quote, s.from))
            .collect()
    }

    #[test]
    fn a_task_inside_a_progress_figure_is_a_target() {
        assert_eq!(
            targets("一季度,全县实际内联引资35.6亿元,完成市分配任务25亿元的142.4%。"),
            [(
                "25亿元".to_string(),
                "市分配任务25亿元".to_string(),
                Some("2017-01-01".to_string())
            )]
        );
        assert_eq!(
            targets("据统计,2016年全县签订项目投资协议31个,占全年目标任务(30个)的103.3%。"),
            [(
                "30个".to_string(),
                "全年目标任务(30个)".to_string(),
                Some("2016-01-01".to_string())
            )]
        );
        // A share of the period's own figures names no target.
        assert!(targets("一季度,全县签约项目20个,其中工业项目占80%。").is_empty());
    }
}
