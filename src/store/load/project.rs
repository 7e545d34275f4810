//! Writing a project and what hangs from it: its companies, industries, strategies and facts.

use anyhow::Result;
use rusqlite::params;

use super::figures::{columns, money, parse};
use super::write::Writer;
use crate::source::fold::fold;
use crate::source::model::{FactEntry, ProjectEntry};
use crate::source::validate::RefKind;

impl Writer<'_> {
    pub(super) fn project(&mut self, path: &str, p: &ProjectEntry, event_id: i64) -> Result<()> {
        let project_id = self.insert_project(path, p, event_id)?;
        for c in &p.companies {
            self.tx
                .prepare_cached(
                    "INSERT INTO project_companies (project_id, company_id, role, basis,
                                                    source_id, quote, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    project_id,
                    self.names.get(RefKind::Company, &c.name)?,
                    c.role,
                    c.basis,
                    self.source_id,
                    c.quote,
                    c.note
                ])?;
        }
        for l in &p.industries {
            self.tx
                .prepare_cached(
                    "INSERT INTO project_industries (project_id, industry_id, basis, source_id,
                                                     quote, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    project_id,
                    self.names.get(RefKind::Industry, &l.name)?,
                    l.basis,
                    self.source_id,
                    l.quote,
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

    fn insert_project(&mut self, path: &str, p: &ProjectEntry, event_id: i64) -> Result<i64> {
        let amount = money(&format!("{path}.amount"), p.amount.as_ref())?;
        let (place_id, place_basis, place_quote) = match &p.place {
            Some(l) => (
                Some(self.names.get(RefKind::Place, &l.name)?),
                Some(l.basis.as_str()),
                Some(l.quote.as_str()),
            ),
            None => (None, None, None),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO projects (event_id, source_id, name, quote, amount_yuan,
                                       amount_foreign, amount_currency, amount_qualifier,
                                       amount_quote, place_id, place_basis, place_quote, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                event_id,
                self.source_id,
                p.name,
                p.quote,
                amount.yuan,
                amount.foreign,
                amount.currency,
                amount.qualifier,
                amount.quote,
                place_id,
                place_basis,
                place_quote,
                fold(&p.name)
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
                "INSERT INTO project_facts (project_id, source_id, kind, label, value, unit,
                                            value_yuan, value_foreign, currency, qualifier,
                                            is_forecast, statement, quote)
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
                fact.quote
            ])?;
        Ok(())
    }
}
