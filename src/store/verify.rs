//! What `check` verifies beyond SQLite's own checks, and what `check --repair` rebuilds.
//!
//! Facts are what the sources say; everything else in the file is derived from them and can be
//! made again: the schema's views, indexes and triggers (from the migrations), the folded name
//! keys (from the names), and the search index (from the records). A fact that no longer
//! matches its stored source record (an amount edited by hand) is reported, never "repaired".

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use super::Store;
use super::read::CheckProblem;
use crate::source::figure::{Quantity, parse_money};
use crate::source::fold::fold;
use crate::source::model::{FigureEntry, SourceFile};

/// Tables whose rows carry a folded key of their name: (table, id column, name, key).
const KEYED: &[(&str, &str, &str, &str)] = &[
    ("places", "place_id", "name", "name_key"),
    ("industries", "industry_id", "name", "name_key"),
    ("companies", "company_id", "name", "name_key"),
    ("company_aliases", "alias", "alias", "alias_key"),
    ("strategies", "strategy_id", "name", "name_key"),
    ("events", "event_id", "name", "name_key"),
    ("projects", "project_id", "name", "name_key"),
];

fn problem(record: impl Into<String>, problem: impl Into<String>) -> CheckProblem {
    CheckProblem {
        record: record.into(),
        problem: problem.into(),
    }
}

/// The schema the migrations make: (type, name) → SQL, from an in-memory database.
fn reference_schema() -> Result<HashMap<(String, String), Option<String>>> {
    let mut conn = Connection::open_in_memory()?;
    super::migrate::run_embedded(&mut conn)?;
    schema_of(&conn)
}

fn schema_of(conn: &Connection) -> Result<HashMap<(String, String), Option<String>>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema
          WHERE name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history'",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A schema object the migrations make that the file lacks or holds otherwise.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct SchemaDifference {
    kind: String,
    name: String,
    /// The SQL the migrations give it.
    sql: Option<String>,
    missing: bool,
}

/// Reports a stored amount that is not the one the source's record states.
fn same_amount(
    record: &str,
    column: &str,
    stored: Option<i64>,
    stated: Option<&FigureEntry>,
    problems: &mut Vec<CheckProblem>,
) {
    let text = stated.map_or("", |f| f.value.as_str());
    let yuan = parse_money(text).ok().and_then(|f| match f.quantity {
        Quantity::Money {
            currency: "CNY",
            amount,
        } => Some(amount),
        _ => None,
    });
    if stored != yuan {
        problems.push(problem(
            record,
            format!(
                "{column} {} differs from the source's `{text}`",
                stored.map_or("NULL".into(), |a| a.to_string())
            ),
        ));
    }
}

impl Store {
    /// Schema objects in the file that the migrations do not make: (type, name, table), by
    /// type and name. SQLite's own (`sqlite_…`) and refinery's history are not foreign.
    fn foreign_objects(&self) -> Result<Vec<(String, String, String)>> {
        let reference = reference_schema()?;
        let mut stmt = self.conn.prepare(
            "SELECT type, name, tbl_name FROM sqlite_schema
              WHERE name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history'
              ORDER BY type, name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, name, table): (String, String, String) = row?;
            if !reference.contains_key(&(kind.clone(), name.clone())) {
                out.push((kind, name, table));
            }
        }
        Ok(out)
    }

    /// Schema objects the migrations make that are missing or differ in the file.
    fn schema_differences(&self) -> Result<Vec<SchemaDifference>> {
        let reference = reference_schema()?;
        let actual = schema_of(&self.conn)?;
        let mut out: Vec<SchemaDifference> = reference
            .into_iter()
            .filter_map(|((kind, name), sql)| {
                let missing = match actual.get(&(kind.clone(), name.clone())) {
                    None => true,
                    Some(have) if *have != sql => false,
                    Some(_) => return None,
                };
                Some(SchemaDifference {
                    kind,
                    name,
                    sql,
                    missing,
                })
            })
            .collect();
        out.sort();
        Ok(out)
    }

    pub(super) fn check_schema(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        for (kind, name, table) in self.foreign_objects()? {
            let why = if kind == "trigger" {
                format!(
                    "on {table}: not made by the migrations; it can change what every import \
                     writes (check --repair drops it)"
                )
            } else {
                "not made by the migrations (another program's, or added by hand); if it is \
                 not yours, drop it in the sqlite3 shell (check --repair drops only foreign \
                 triggers)"
                    .to_string()
            };
            problems.push(problem(format!("schema {kind} {name}"), why));
        }
        for SchemaDifference {
            kind,
            name,
            missing,
            ..
        } in self.schema_differences()?
        {
            let what = if missing {
                "is missing"
            } else {
                "differs from the one the migrations make"
            };
            problems.push(problem(
                format!("schema {kind} {name}"),
                format!("{what} (check --repair remakes views, indexes and triggers)"),
            ));
        }
        Ok(())
    }

    pub(super) fn check_name_keys(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        for (table, id, name, key) in KEYED {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT CAST({id} AS TEXT), {name}, {key} FROM {table}"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (row_id, text, stored) = row?;
                if stored.as_deref() != Some(fold(&text).as_str()) {
                    problems.push(problem(
                        format!("{table} {id}={row_id}"),
                        format!(
                            "{key} is not the folded form of `{text}` (check --repair remakes it)"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every search entry, and nothing else, has a document in search_fts (a contentless index
    /// cannot give its texts back to compare; `PRAGMA integrity_check`, the first step of
    /// `check`, has FTS5 check its own structures).
    pub(super) fn check_search_documents(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        let documents = super::search::indexed_ids(&self.conn)?;
        let mut entries = self
            .conn
            .prepare("SELECT entry_id FROM search_entries ORDER BY entry_id")?;
        let (mut missing, mut matched) = (0, 0);
        for entry in entries.query_map([], |r| r.get::<_, i64>(0))? {
            if documents.binary_search(&entry?).is_ok() {
                matched += 1;
            } else {
                missing += 1;
            }
        }
        let orphaned = documents.len() - matched;
        if missing + orphaned > 0 {
            problems.push(problem(
                "search_fts",
                format!("{missing} search entries have no document in the index and {orphaned} documents have no entry, so searches miss or mislead (check --repair rebuilds the index)"),
            ));
        }
        Ok(())
    }

    /// Every entry of a source is in that source's list (search_source_entries) and in no
    /// other, and every id a list names is an entry of its source: a replaced source's old
    /// entries are found by its list alone.
    pub(super) fn check_search_lists(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        // (entry id, source) of every list, sorted by id: merged with the entries in id order
        // (a map of a million ids held three times the memory)
        let mut listed: Vec<(i64, i64)> = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT source_id, entry_ids FROM search_source_entries ORDER BY source_id")?;
        let lists = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for list in lists {
            let (source_id, packed) = list?;
            match super::search::unpack(&packed) {
                Ok(ids) => listed.extend(ids.into_iter().map(|id| (id, source_id))),
                Err(e) => problems.push(problem(
                    format!("search_source_entries source_id={source_id}"),
                    format!("its list cannot be read ({e:#}) (check --repair rebuilds it)"),
                )),
            }
        }
        listed.sort_unstable();
        let before = listed.len();
        listed.dedup_by_key(|(id, _)| *id);
        let twice = before - listed.len();
        let mut entries = self
            .conn
            .prepare("SELECT entry_id, source_id FROM search_entries ORDER BY entry_id")?;
        let (mut unlisted, mut elsewhere, mut absent) = (0, 0, 0);
        let mut next = listed.iter().peekable();
        for row in entries.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
            let (entry, source): (i64, Option<i64>) = row?;
            while next.next_if(|(id, _)| *id < entry).is_some() {
                absent += 1;
            }
            match (next.next_if(|(id, _)| *id == entry), source) {
                (None, Some(_)) => unlisted += 1,
                (Some((_, list)), source) if Some(*list) != source => elsewhere += 1,
                _ => {}
            }
        }
        absent += next.count();
        if unlisted + elsewhere + twice + absent > 0 {
            problems.push(problem(
                "search_source_entries",
                format!("{unlisted} search entries are in no list of their source's, {elsewhere} in another source's list, {twice} listed twice, and the lists name {absent} ids that are no entry, so replacing a source would leave or remove the wrong entries (check --repair rebuilds the lists)"),
            ));
        }
        Ok(())
    }

    /// Each source can be rebuilt from the tables (what `export` writes), and the events' and
    /// projects' figures are the ones its figures as written state.
    pub(super) fn check_records(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        for (source_id, _) in self.sources_in_order()? {
            let record = format!("sources source_id={source_id}");
            match super::record::rebuild(&self.conn, source_id) {
                Ok(file) => self.check_figures_against(source_id, &file, problems)?,
                Err(e) => problems.push(problem(
                    record,
                    format!(
                        "cannot be rebuilt from the tables ({e:#}); export cannot write this source"
                    ),
                )),
            }
        }
        Ok(())
    }

    fn check_figures_against(
        &self,
        source_id: i64,
        file: &SourceFile,
        problems: &mut Vec<CheckProblem>,
    ) -> Result<()> {
        for ev in &file.events {
            let stored: Option<(i64, Option<i64>)> = self
                .conn
                .prepare_cached(
                    "SELECT event_id, signed_amount_yuan FROM events WHERE source_id = ?1 AND name = ?2",
                )?
                .query_row(params![source_id, ev.name], |r| Ok((r.get(0)?, r.get(1)?)))
                .ok();
            let Some((event_id, amount)) = stored else {
                problems.push(problem(
                    format!("sources source_id={source_id}"),
                    format!("event `{}` of its record is not in the catalogue", ev.name),
                ));
                continue;
            };
            let record = format!("events event_id={event_id}");
            same_amount(
                &record,
                "signed_amount_yuan",
                amount,
                ev.signed_amount.as_ref(),
                problems,
            );
            for p in &ev.projects {
                // A project first reported by another source is this source's mention of it.
                let sql = if p.same_as.is_some() {
                    "SELECT project_id, amount_yuan FROM project_mentions WHERE event_id = ?1 AND name = ?2"
                } else {
                    "SELECT project_id, amount_yuan FROM projects WHERE event_id = ?1 AND name = ?2"
                };
                let stored: Option<(i64, Option<i64>)> = self
                    .conn
                    .prepare_cached(sql)?
                    .query_row(params![event_id, p.name], |r| Ok((r.get(0)?, r.get(1)?)))
                    .ok();
                match stored {
                    Some((project_id, amount)) => same_amount(
                        &format!("projects project_id={project_id}"),
                        "amount_yuan",
                        amount,
                        p.amount.as_ref(),
                        problems,
                    ),
                    None => problems.push(problem(
                        record.clone(),
                        format!("project `{}` of its source is not in the catalogue", p.name),
                    )),
                }
            }
        }
        Ok(())
    }

    /// Rebuilds what is derived from the facts: views, indexes and triggers from the
    /// migrations, name keys from the names, the search index from the records. One
    /// transaction; returns what was done.
    pub fn repair(&mut self) -> Result<Vec<String>> {
        let differences = self.schema_differences()?;
        let foreign = self.foreign_objects()?;
        let tx =
            rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)
                .context("cannot start writing")?;
        let mut done = Vec::new();
        // A trigger the migrations do not make can rewrite what imports write (amounts times
        // ten): dropped. Foreign tables, views and indexes may be a user's own: check lists them.
        for (kind, name, table) in foreign {
            if kind == "trigger" {
                tx.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
                done.push(format!(
                    "trigger {name} on {table}: dropped (the migrations do not make it)"
                ));
            }
        }
        for SchemaDifference {
            kind, name, sql, ..
        } in differences
        {
            let (Some(sql), "view" | "index" | "trigger") = (sql, kind.as_str()) else {
                done.push(format!("{kind} {name}: cannot be remade from the migrations (it holds data); restore the file from a backup"));
                continue;
            };
            tx.execute_batch(&format!(
                "DROP {} IF EXISTS \"{name}\"; {sql};",
                kind.to_uppercase()
            ))?;
            done.push(format!("{kind} {name}: remade"));
        }
        for (table, id, name, key) in KEYED {
            let rows: Vec<(rusqlite::types::Value, String, Option<String>)> = tx
                .prepare(&format!("SELECT {id}, {name}, {key} FROM {table}"))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut fixed = 0;
            for (row_id, text, stored) in rows {
                let folded = fold(&text);
                if stored.as_deref() != Some(folded.as_str()) {
                    tx.execute(
                        &format!("UPDATE {table} SET {key} = ?1 WHERE {id} = ?2"),
                        params![folded, row_id],
                    )?;
                    fixed += 1;
                }
            }
            if fixed > 0 {
                done.push(format!("{table}.{key}: {fixed} remade"));
            }
        }
        tx.execute_batch(
            "INSERT INTO search_fts (search_fts) VALUES ('delete-all');
             DELETE FROM search_entries;
             DELETE FROM search_source_entries;",
        )?;
        let ids: Vec<i64> = tx
            .prepare("SELECT source_id FROM sources ORDER BY source_id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut indexer = super::search::Indexer::start(&tx)?;
        for id in &ids {
            indexer.index_source(&tx, *id)?;
        }
        indexer.finish(&tx)?;
        done.push(format!("search index: rebuilt for {} sources", ids.len()));
        tx.commit().context("cannot commit the repair")?;
        Ok(done)
    }
}
