//! Format 3's lifecycle: an event's stage, and milestones, each a later step of one project
//! (开工, 投产, funds in place, 终止) tied to the project by its key, or by a source and the
//! project's name there.

use anyhow::{Result, anyhow};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Refusal;
use super::figures::money;
use super::project::same_project;
use super::write::Writer;
use crate::source::SourceDocument;
use crate::source::fold::fold;
use crate::source::lifecycle::{self, SIGNING};
use crate::source::model::{EventEntry, FigureEntry, MilestoneEntry, SameAsEntry};
use crate::source::period::When;
use crate::source::validate::Problem;

/// The stage written for an event: signing when the file names none.
pub(super) fn event_stage(ev: &EventEntry) -> &str {
    ev.stage.as_deref().unwrap_or(SIGNING)
}

/// The catalogued project a milestone names: by key or by a source's name for it (the name of
/// the project as first reported there, or as that source reported it again: then that source
/// too, whose name the milestone uses).
fn milestone_project(
    tx: &Transaction,
    project: &SameAsEntry,
) -> Result<Option<(i64, Option<i64>)>> {
    if let Some(id) = same_project(tx, project)? {
        return Ok(Some((id, None)));
    }
    let (Some(source), Some(name)) = (&project.source, &project.name) else {
        return Ok(None);
    };
    Ok(tx
        .prepare_cached(
            "SELECT m.project_id, m.source_id FROM project_mentions m
               JOIN sources s ON s.source_id = m.source_id
              WHERE (s.url = ?1 OR s.title = ?1) AND m.name = ?2
              ORDER BY m.project_id LIMIT 1",
        )?
        .query_row(params![source, name], |r| Ok((r.get(0)?, Some(r.get(1)?))))
        .optional()?)
}

/// Whether this very file declares the project a milestone names (a project its events name).
fn in_this_file(doc: &SourceDocument, project: &SameAsEntry) -> bool {
    let meta = &doc.file.source;
    let projects = || doc.file.events.iter().flat_map(|e| e.projects.iter());
    match (&project.key, &project.source, &project.name) {
        (Some(key), _, _) => projects().any(|p| p.key.as_deref() == Some(key.as_str())),
        (None, Some(source), Some(name)) => {
            (meta.url.as_deref() == Some(source.as_str()) || &meta.title == source)
                && projects().any(|p| fold(&p.name) == fold(name))
        }
        _ => false,
    }
}

/// Every milestone must name a project of the catalogue or of this file.
pub(super) fn check_projects(
    tx: &Transaction,
    doc: &SourceDocument,
    problems: &mut Vec<Problem>,
) -> Result<(), Refusal> {
    for (i, m) in doc.file.milestones.iter().enumerate() {
        let p = &m.project;
        let wanted = match (&p.key, &p.source, &p.name) {
            (Some(key), None, None) => format!("with key `{key}`"),
            (None, Some(source), Some(name)) => format!("`{name}` of source `{source}`"),
            _ => continue, // validation has said what is missing
        };
        if in_this_file(doc, p) || milestone_project(tx, p)?.is_some() {
            continue;
        }
        problems.push(Problem {
            path: format!("milestones[{i}].project"),
            context: Some(format!("milestone {}", m.stage)),
            message: format!(
                "no catalogued project {wanted}; import the source that reports the project \
                 before this one (a source is matched by its URL or title, a project by its \
                 name there in either script, or by its key)"
            ),
        });
    }
    Ok(())
}

impl Writer<'_> {
    pub(super) fn milestones(&mut self, milestones: &[MilestoneEntry]) -> Result<()> {
        for (i, m) in milestones.iter().enumerate() {
            let path = format!("milestones[{i}]");
            let project = milestone_project(self.tx, &m.project)?
                .ok_or_else(|| anyhow!("{path}.project: no catalogued project matches"))?;
            self.milestone(&path, m, project)?;
        }
        self.summary.milestones += milestones.len();
        Ok(())
    }

    fn milestone(
        &mut self,
        path: &str,
        m: &MilestoneEntry,
        (project_id, named_in): (i64, Option<i64>),
    ) -> Result<()> {
        let when = lifecycle::milestone_when(m, &self.published)
            .map_err(|e| anyhow!("{path}.{}: {}", e.field, e.message))?;
        let figure = m.amount.as_ref().map(|a| FigureEntry {
            value: a.value.clone(),
            quote: a.quote.clone(),
            alternatives: Vec::new(),
        });
        let amount = money(&format!("{path}.amount"), figure.as_ref())?;
        let (period_start, period_label) = match &when {
            When::Day(_) => (None, None),
            When::Period { from, label, .. } => (Some(from.as_str()), label.as_deref()),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO milestones_sliced (project_id, source_id, stage, reached_on, period_start,
                                         period_label, amount_yuan, amount_foreign,
                                         amount_currency, amount_qualifier, amount_quote_at, quote_at,
                                         named_by, named_in_source_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                project_id,
                self.source_id,
                m.stage,
                when.held_on(),
                period_start,
                period_label,
                amount.yuan,
                amount.foreign,
                amount.currency,
                amount.qualifier,
                amount.quote.map(|q| self.at(q)),
                self.at(&m.quote),
                super::project::named_by(self.tx, &m.project)?,
                named_in
            ])
            .map_err(|e| anyhow!("{path}: cannot record the milestone: {e}"))?;
        Ok(())
    }
}
