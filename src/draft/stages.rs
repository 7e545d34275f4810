//! A 开工/竣工/投产 batch as an event of its stage (format 3): `集中开工重点项目13个,总投资22.4亿元`
//! and the projects its sentences name. Never a signing: a project in it that was signed
//! earlier is the user's to link with `same_as`.

use super::event::stage_headline;
use super::projects::{listed_before_deng, named_runs, project_name};
use super::text::{Doc, Topic};
use super::{Draft, Section};
use crate::source::model::{EventEntry, ProjectEntry};

/// The stage a batch's words name, and the word: 开工 (started) before 竣工 (completed) before
/// 投产 (in production), as a 竣工投产 batch is completed and a 开工 one only started.
fn stage_of(text: &str) -> Option<(&'static str, &'static str)> {
    const STAGES: &[(&[&str], &str, &str)] = &[
        (&["开工", "開工", "开建", "開建", "奠基"], "started", "开工"),
        (&["竣工", "建成"], "completed", "竣工"),
        (
            &["投产", "投產", "达产", "達產", "开业", "開業"],
            "in_production",
            "投产",
        ),
    ];
    STAGES
        .iter()
        .find(|(words, _, _)| words.iter().any(|w| text.contains(w)))
        .map(|(_, stage, word)| (*stage, *word))
}

/// Adds the article's 开工/竣工/投产 batch, if it states one, as an event after the signing's.
pub fn stage_event(draft: &mut Draft, doc: &Doc, place: &str) {
    // A period report's 已投产/在建 clauses say where its projects stand: no batch.
    let report = draft.period_report().is_some();
    let stage_clauses: Vec<_> = doc
        .clauses
        .iter()
        .filter(|c| c.topic == Topic::Stage)
        .filter(|c| !(report && super::text::states_progress(c.text)))
        .collect();
    let Some((stage, word)) = stage_clauses.iter().find_map(|c| stage_of(c.text)) else {
        return;
    };
    let mut entry = EventEntry {
        name: format!("{place}项目集中{word}"),
        place: place.to_string(),
        stage: Some(stage.to_string()),
        ..Default::default()
    };
    let stated = stage_headline(draft, doc, &mut entry);
    let mut sentences: Vec<usize> = stage_clauses.iter().map(|c| c.sentence).collect();
    sentences.dedup();
    for index in sentences {
        let sentence = &doc.sentences[index];
        for m in named_runs(sentence.text) {
            let names: Vec<String> = match listed_before_deng(m.as_str()) {
                Some(listed) => listed.into_iter().map(|l| l.name.to_string()).collect(),
                None => project_name(m.as_str()).into_iter().collect(),
            };
            for name in names {
                if !entry.projects.iter().any(|p| p.name == name) {
                    entry.projects.push(ProjectEntry {
                        quote: name.clone(),
                        name,
                        ..Default::default()
                    });
                }
            }
        }
    }
    if !stated && entry.projects.is_empty() {
        return;
    }
    let (date, _) = super::date::event_date(doc);
    entry.date = Some(date);
    entry.quote = entry
        .project_count
        .as_ref()
        .or(entry.signed_amount.as_ref())
        .map_or_else(|| entry.projects[0].quote.clone(), |f| f.quote.clone());
    draft.file.events.push(entry);
    draft.note(
        Section::Event(draft.file.events.len() - 1),
        format!(
            "a {word} batch: an event of stage `{stage}`, not a signing; a project here that was \
             signed earlier takes `same_as` (see `zhaoshang link`)"
        ),
    );
}
