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
pub(super) fn lookup(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<i64>> {
    Ok(lookup_named(tx, kind, name)?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// [`lookup`], each id with its row's name as catalogued (which a declaration compares with the
/// name it writes).
///
/// One statement per kind, its names and its aliases looked up by their keys' indexes: SQLite
/// prepared an earlier form (a UNION with joins) again on every call, which was some 10% of an
/// import, before the planner's stability guarantee (`store::stable_plans`); a statement for
/// names, one for aliases and one for the name of the row found cost three statements' own work
/// (7% of an import). UNION ALL needs no temporary table: the ids are sorted and deduplicated
/// here.
fn lookup_named(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<(i64, String)>> {
    let sql = match kind {
        RefKind::Place => {
            "SELECT place_id, name FROM places WHERE name_key = ?1
             UNION ALL
             SELECT p.place_id, p.name FROM place_aliases a JOIN places p USING (place_id)
              WHERE a.alias_key = ?1"
        }
        RefKind::Industry => {
            "SELECT industry_id, name FROM industries WHERE name_key = ?1
             UNION ALL
             SELECT i.industry_id, i.name FROM industry_aliases a JOIN industries i USING (industry_id)
              WHERE a.alias_key = ?1"
        }
        RefKind::Company => {
            "SELECT company_id, name FROM companies WHERE name_key = ?1
             UNION ALL
             SELECT c.company_id, c.name FROM company_aliases a JOIN companies c USING (company_id)
              WHERE a.alias_key = ?1"
        }
        RefKind::Strategy => "SELECT strategy_id, name FROM strategies WHERE name_key = ?1",
    };
    let key = fold(name);
    let mut found = Vec::new();
    let mut stmt = tx.prepare_cached(sql)?;
    let mut rows = stmt.query([&key])?;
    while let Some(row) = rows.next()? {
        found.push((row.get::<_, i64>(0)?, row.get::<_, String>(1)?));
    }
    found.sort_unstable_by_key(|(id, _)| *id);
    found.dedup_by_key(|(id, _)| *id);
    Ok(found)
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
    Ok(existing_named(tx, kind, name)?.map(|(id, _)| id))
}

/// [`existing`] with the row's name as catalogued.
pub(super) fn existing_named(
    tx: &Transaction,
    kind: RefKind,
    name: &str,
) -> Result<Option<(i64, String)>> {
    let mut found = lookup_named(tx, kind, name)?;
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => {
            let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
            bail!("{}", ambiguous(tx, kind, name, &ids)?)
        }
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
