//! Names a source file uses, resolved to catalogue ids by folded name, in either script.

use std::collections::HashMap;

use anyhow::{Result, anyhow, bail};
use rusqlite::Transaction;

use crate::source::fold::fold;
use crate::source::model::SourceFile;
use crate::source::validate::{Problem, RefKind};

/// Ids of the names a file declares or refers to, per kind, by folded name.
#[derive(Default)]
pub(super) struct Names {
    ids: HashMap<(RefKind, String), i64>,
}

impl Names {
    pub fn get(&self, kind: RefKind, name: &str) -> Result<i64> {
        self.ids
            .get(&(kind, fold(name)))
            .copied()
            .ok_or_else(|| anyhow!("{} `{name}` was not resolved", kind.noun()))
    }

    pub fn insert(&mut self, kind: RefKind, name: &str, id: i64) {
        self.ids.insert((kind, fold(name)), id);
    }

    pub fn contains(&self, kind: RefKind, name: &str) -> bool {
        self.ids.contains_key(&(kind, fold(name)))
    }
}

/// The ids of the rows whose name or alias matches `name` in either script, in id order.
///
/// Each is a lookup in one table: SQLite prepared the earlier form (a UNION with joins) again
/// on every call, which was some 10% of an import.
pub(super) fn lookup(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<i64>> {
    let (by_name, by_alias) = match kind {
        RefKind::Place => (
            "SELECT place_id FROM places WHERE name_key = ?1",
            Some("SELECT place_id FROM place_aliases WHERE alias_key = ?1"),
        ),
        RefKind::Industry => (
            "SELECT industry_id FROM industries WHERE name_key = ?1",
            Some("SELECT industry_id FROM industry_aliases WHERE alias_key = ?1"),
        ),
        RefKind::Company => (
            "SELECT company_id FROM companies WHERE name_key = ?1",
            Some("SELECT company_id FROM company_aliases WHERE alias_key = ?1"),
        ),
        RefKind::Strategy => (
            "SELECT strategy_id FROM strategies WHERE name_key = ?1",
            None,
        ),
    };
    let key = fold(name);
    let mut ids = Vec::new();
    for sql in std::iter::once(by_name).chain(by_alias) {
        let mut stmt = tx.prepare_cached(sql)?;
        let mut rows = stmt.query([&key])?;
        while let Some(row) = rows.next()? {
            ids.push(row.get::<_, i64>(0)?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// A label naming a row for a reader: its name (a place's with its parent's).
pub(super) fn label(tx: &Transaction, kind: RefKind, id: i64) -> Result<String> {
    let sql = match kind {
        RefKind::Place => {
            "SELECT p.name || coalesce(' in ' || parent.name, '') FROM places p
               LEFT JOIN places parent ON parent.place_id = p.parent_id WHERE p.place_id = ?1"
        }
        RefKind::Industry => "SELECT name FROM industries WHERE industry_id = ?1",
        RefKind::Company => "SELECT name FROM companies WHERE company_id = ?1",
        RefKind::Strategy => "SELECT name FROM strategies WHERE strategy_id = ?1",
    };
    Ok(tx.query_row(sql, [id], |r| r.get(0))?)
}

/// A row's name as catalogued.
pub(super) fn catalogued_name(tx: &Transaction, kind: RefKind, id: i64) -> Result<String> {
    let sql = match kind {
        RefKind::Place => "SELECT name FROM places WHERE place_id = ?1",
        RefKind::Industry => "SELECT name FROM industries WHERE industry_id = ?1",
        RefKind::Company => "SELECT name FROM companies WHERE company_id = ?1",
        RefKind::Strategy => "SELECT name FROM strategies WHERE strategy_id = ?1",
    };
    Ok(tx.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

/// The kind of a name by its word in `source_declarations.kind`.
pub(super) fn kind_of(word: &str) -> RefKind {
    match word {
        "place" => RefKind::Place,
        "industry" => RefKind::Industry,
        "company" => RefKind::Company,
        _ => RefKind::Strategy,
    }
}

/// The message for a name that matches several rows.
pub(super) fn ambiguous(
    tx: &Transaction,
    kind: RefKind,
    name: &str,
    ids: &[i64],
) -> Result<String> {
    let mut candidates = Vec::with_capacity(ids.len());
    for id in ids {
        candidates.push(format!("{} (id {id})", label(tx, kind, *id)?));
    }
    Ok(format!(
        "{} `{name}` is ambiguous: it matches {}",
        kind.noun(),
        candidates.join(", ")
    ))
}

/// The one existing row a declared name matches, if any.
pub(super) fn existing(tx: &Transaction, kind: RefKind, name: &str) -> Result<Option<i64>> {
    match lookup(tx, kind, name)?.as_slice() {
        [] => Ok(None),
        [id] => Ok(Some(*id)),
        many => bail!("{}", ambiguous(tx, kind, name, many)?),
    }
}

/// A kind's declared records as (name, its aliases).
type Named<'a> = Vec<(&'a str, Vec<&'a str>)>;

/// Each declared record's aliases that already name another record of the catalogue, as
/// problems at the alias (an alias names one record: the writer would refuse it later, without
/// saying where).
pub(super) fn alias_collisions(
    tx: &Transaction,
    file: &SourceFile,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    let kinds: [(RefKind, Named<'_>); 3] = [
        (
            RefKind::Place,
            file.places
                .iter()
                .map(|p| {
                    (
                        p.name.as_str(),
                        p.aliases.iter().map(|a| a.name.as_str()).collect(),
                    )
                })
                .collect(),
        ),
        (
            RefKind::Industry,
            file.industries
                .iter()
                .map(|i| {
                    (
                        i.name.as_str(),
                        i.aliases.iter().map(|a| a.name.as_str()).collect(),
                    )
                })
                .collect(),
        ),
        (
            RefKind::Company,
            file.companies
                .iter()
                .map(|c| {
                    (
                        c.name.as_str(),
                        c.aliases.iter().map(|a| a.name.as_str()).collect(),
                    )
                })
                .collect(),
        ),
    ];
    for (kind, records) in kinds {
        for (i, (name, aliases)) in records.iter().enumerate() {
            if aliases.is_empty() {
                continue;
            }
            let own = lookup(tx, kind, name)?;
            for (j, alias) in aliases.iter().enumerate() {
                let others: Vec<i64> = lookup(tx, kind, alias)?
                    .into_iter()
                    .filter(|id| !own.contains(id))
                    .collect();
                let Some(&other) = others.first() else {
                    continue;
                };
                let noun = kind.noun();
                problems.push(Problem {
                    path: format!("{}[{i}].aliases[{j}].name", kind.section()),
                    context: Some(format!("{noun} {name}")),
                    message: format!(
                        "alias `{alias}` already names another {noun} of the catalogue: {} (id \
                         {other}); an alias names one {noun}, so remove it here (or declare \
                         this {noun} under that name)",
                        label(tx, kind, other)?
                    ),
                });
            }
        }
    }
    Ok(())
}
