//! Names a source file uses, resolved to catalogue ids by folded name, in either script.

use std::collections::HashMap;

use anyhow::{Result, anyhow, bail};
use rusqlite::Transaction;

use crate::source::fold::fold;
use crate::source::validate::RefKind;

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

/// Rows whose name matches `name` in either script: (id, a label naming the row).
pub(super) fn lookup(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<(i64, String)>> {
    let sql = match kind {
        RefKind::Place => {
            "SELECT p.place_id, p.name || coalesce(' in ' || parent.name, '') FROM places p
               LEFT JOIN places parent ON parent.place_id = p.parent_id
              WHERE p.name_key = ?1
             UNION
             SELECT p.place_id, p.name || coalesce(' in ' || parent.name, '')
               FROM place_aliases a JOIN places p ON p.place_id = a.place_id
               LEFT JOIN places parent ON parent.place_id = p.parent_id
              WHERE a.alias_key = ?1"
        }
        RefKind::Industry => {
            "SELECT industry_id, name FROM industries WHERE name_key = ?1
             UNION SELECT i.industry_id, i.name FROM industry_aliases a
               JOIN industries i ON i.industry_id = a.industry_id WHERE a.alias_key = ?1"
        }
        RefKind::Company => {
            "SELECT company_id, name FROM companies WHERE name_key = ?1
             UNION SELECT c.company_id, c.name FROM company_aliases a
               JOIN companies c ON c.company_id = a.company_id WHERE a.alias_key = ?1"
        }
        RefKind::Strategy => "SELECT strategy_id, name FROM strategies WHERE name_key = ?1",
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt
        .query_map([fold(name)], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
    Ok(rows)
}

pub(super) fn ambiguous(kind: RefKind, name: &str, rows: &[(i64, String)]) -> String {
    let candidates: Vec<String> = rows
        .iter()
        .map(|(id, l)| format!("{l} (id {id})"))
        .collect();
    format!(
        "{} `{name}` is ambiguous: it matches {}",
        kind.noun(),
        candidates.join(", ")
    )
}

/// The one existing row a declared name matches, if any.
pub(super) fn existing(tx: &Transaction, kind: RefKind, name: &str) -> Result<Option<i64>> {
    match lookup(tx, kind, name)?.as_slice() {
        [] => Ok(None),
        [(id, _)] => Ok(Some(*id)),
        many => bail!("{}", ambiguous(kind, name, many)),
    }
}
