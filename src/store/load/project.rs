//! Writing a project and what hangs from it: its companies, industries, strategies and facts.

use anyhow::{Result, anyhow};
use rusqlite::{OptionalExtension, Transaction, params};

use super::figures::{columns, money, parse};
use super::parts::Subject;
use super::write::Writer;
use crate::source::fold::fold;
use crate::source::model::{FactEntry, ProjectEntry, SameAsEntry};
use crate::source::validate::RefKind;

impl Writer<'_> {
    /// A project of the event, at `position` among its projects in the file.
    pub(super) fn project(
        &mut self,
        (path, position): (&str, usize),
        p: &ProjectEntry,
        event_id: i64,
    ) -> Result<()> {
        let project_id = match &p.same_as {
            Some(same) => {
                let id = same_project(self.tx, same)?
                    .ok_or_else(|| anyhow!("{path}.same_as: no catalogued project matches"))?;
                self.mention(
                    (path, position),
                    p,
                    (id, named_by(self.tx, same)?),
                    event_id,
                )?;
                id
            }
            None => {
                let id = self.insert_project(path, p, event_id)?;
                if let Some(amount) = &p.amount {
                    self.alternatives(
                        &format!("{path}.amount.alternatives"),
                        Subject::ProjectAmount(id),
                        &amount.alternatives,
                    )?;
                }
                id
            }
        };
        self.project_companies(p, project_id)?;
        for l in &p.industries {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO project_industries_sliced (project_id, industry_id, basis,
                                                             source_id, quote_at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    project_id,
                    self.names.get(RefKind::Industry, &l.name)?,
                    l.basis,
                    self.source_id,
                    self.at(&l.quote),
                    l.note
                ])?;
        }
        for l in &p.strategies {
            let strategy_id = self.names.get(RefKind::Strategy, &l.name)?;
            self.link(
                "project_strategies",
                "project_id",
                project_id,
                strategy_id,
                l,
            )?;
        }
        for (k, fact) in p.facts.iter().enumerate() {
            self.fact(&format!("{path}.facts[{k}]"), fact, project_id)?;
        }
        Ok(())
    }

    /// The companies this source gives a project. A project reported again keeps the links its
    /// first source made; a later source adds the ones it states that are not there yet. A link
    /// stated in the project's own quote by its own source leaves the quote out (V12:
    /// project_companies_quoted writes it out).
    fn project_companies(&mut self, p: &ProjectEntry, project_id: i64) -> Result<()> {
        let own_quote = p.same_as.is_none().then_some(p.quote.as_str());
        for c in &p.companies {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO project_companies_sliced (project_id, company_id, role, basis,
                                                            source_id, quote_at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    project_id,
                    self.names.get(RefKind::Company, &c.name)?,
                    c.role,
                    c.basis,
                    self.source_id,
                    unless_repeated(&c.quote, own_quote).map(|q| self.at(q)),
                    c.note
                ])?;
        }
        Ok(())
    }

    /// The id the replaced version gave this project of the current event, if any (no lookup,
    /// and no key built, on a plain import).
    fn kept_project_id(&self, name: &str) -> Option<i64> {
        if self.kept.projects.is_empty() {
            return None;
        }
        self.kept
            .projects
            .get(&(self.event_name.clone(), name.to_string()))
            .copied()
    }

    /// A project a later source reports again: its event, quote and amount in that source.
    fn mention(
        &mut self,
        (path, position): (&str, usize),
        p: &ProjectEntry,
        (project_id, named_by): (i64, &str),
        event_id: i64,
    ) -> Result<()> {
        let amount = money(&format!("{path}.amount"), p.amount.as_ref())?;
        self.tx
            .prepare_cached(
                "INSERT INTO project_mentions_sliced (project_id, source_id, event_id, name, quote_at,
                                               amount_yuan, amount_foreign, amount_currency,
                                               amount_qualifier, amount_quote_at, named_by,
                                               position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                project_id,
                self.source_id,
                event_id,
                p.name,
                self.at(&p.quote),
                amount.yuan,
                amount.foreign,
                amount.currency,
                amount.qualifier,
                amount.quote.map(|q| self.at(q)),
                named_by,
                position as i64
            ])
            .map_err(|e| {
                anyhow!("{path}: cannot record this source's mention of the project: {e}")
            })?;
        self.summary.mentions += 1;
        Ok(())
    }

    fn insert_project(&mut self, path: &str, p: &ProjectEntry, event_id: i64) -> Result<i64> {
        let amount = money(&format!("{path}.amount"), p.amount.as_ref())?;
        let (place_id, place_basis, place_quote, place_note) = match &p.place {
            Some(l) => (
                Some(self.names.get(RefKind::Place, &l.name)?),
                Some(l.basis.as_str()),
                Some(self.at(&l.quote)),
                l.note.as_deref(),
            ),
            None => (None, None, None, None),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO projects_sliced (project_id, event_id, source_id, name, quote_at,
                                               amount_yuan, amount_foreign, amount_currency,
                                               amount_qualifier, amount_quote_at, place_id,
                                               place_basis, place_quote_at, name_key,
                                               project_key, place_note)
                 VALUES (?15, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16)",
            )?
            .execute(params![
                event_id,
                self.source_id,
                p.name,
                self.at(&p.quote),
                amount.yuan,
                amount.foreign,
                amount.currency,
                amount.qualifier,
                amount
                    .quote
                    .and_then(|q| unless_repeated(q, Some(&p.quote)))
                    .map(|q| self.at(q)),
                place_id,
                place_basis,
                place_quote,
                fold(&p.name),
                p.key,
                self.kept_project_id(&p.name),
                place_note
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    fn fact(&mut self, path: &str, fact: &FactEntry, project_id: i64) -> Result<()> {
        let c = match &fact.value {
            Some(v) => Some(columns(&parse(&format!("{path}.value"), v)?)),
            None => None,
        };
        let c = c.as_ref();
        self.tx
            .prepare_cached(
                "INSERT INTO project_facts_sliced (project_id, source_id, kind, label, value, unit,
                                            value_yuan, value_foreign, currency, qualifier,
                                            is_forecast, statement, quote_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                project_id,
                self.source_id,
                fact.kind,
                fact.label,
                c.and_then(|c| c.value),
                c.and_then(|c| c.unit.clone()),
                c.and_then(|c| c.yuan),
                c.and_then(|c| c.foreign),
                c.and_then(|c| c.currency),
                c.map(|c| c.qualifier.as_str()),
                fact.forecast,
                fact.statement,
                self.at(&fact.quote)
            ])?;
        Ok(())
    }
}

/// The catalogued project a `same_as` names: by its key, or by its source (URL or title) and its
/// name there (in either script); None when there is none.
pub(super) fn same_project(tx: &Transaction, same: &SameAsEntry) -> Result<Option<i64>> {
    let found = match (&same.key, &same.source, &same.name) {
        (Some(key), _, _) => tx
            .prepare_cached("SELECT project_id FROM projects WHERE project_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?,
        (None, Some(source), Some(name)) => tx
            .prepare_cached(
                "SELECT p.project_id FROM projects p JOIN sources s ON s.source_id = p.source_id
                  WHERE (s.url = ?1 OR s.title = ?1) AND p.name_key = ?2
                  ORDER BY p.project_id LIMIT 1",
            )?
            .query_row(params![source, fold(name)], |r| r.get(0))
            .optional()?,
        _ => None,
    };
    Ok(found)
}

/// How a `same_as` (or a milestone's `project`) names its project: by its key, or by the URL or
/// the title of the source it names.
pub(super) fn named_by(tx: &Transaction, same: &SameAsEntry) -> Result<&'static str> {
    if same.key.is_some() {
        return Ok("key");
    }
    let by_url: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sources WHERE url = ?1)
                 OR NOT EXISTS (SELECT 1 FROM sources WHERE title = ?1)",
        )?
        .query_row([&same.source], |r| r.get(0))?;
    Ok(if by_url { "url" } else { "title" })
}

/// A quote that repeats the one it would be read with is stored once (V12): None then.
fn unless_repeated<'q>(quote: &'q str, owner: Option<&str>) -> Option<&'q str> {
    (owner != Some(quote)).then_some(quote)
}
