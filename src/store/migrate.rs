//! Schema migrations: the files under `migrations/`, embedded at build time and applied by
//! refinery, grouped in one transaction. Before refinery runs, the history table is checked
//! here, because refinery panics on a malformed history row and its message for a database from a
//! newer program is not one a user can act on.

use anyhow::{Context, Result, bail};
use rusqlite::OptionalExtension;

use super::Store;

mod embedded {
    refinery::embed_migrations!("migrations");
}

const HISTORY_TABLE: &str = "refinery_schema_history";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationState {
    Applied { on: String },
    Pending,
}

#[derive(Debug, Clone)]
pub struct MigrationStatus {
    pub version: i64,
    pub name: String,
    pub state: MigrationState,
}

struct HistoryRow {
    version: i64,
    name: String,
    applied_on: String,
    checksum: String,
}

mod listed {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

/// Every embedded migration: (version, name, checksum), listed by build.rs so that reading a
/// catalogue never builds refinery's runner.
fn known_migrations() -> Vec<(i64, String, u64)> {
    listed::KNOWN
        .iter()
        .map(|(v, n, c)| (*v, (*n).to_string(), *c))
        .collect()
}

/// Applies the embedded migrations to a connection (the reference schema `check` compares with).
pub(super) fn run_embedded(conn: &mut rusqlite::Connection) -> Result<()> {
    // As in `apply_migrations`: V7 rebuilds a table others point at.
    conn.pragma_update(None, "foreign_keys", false)?;
    register_functions(conn)?;
    embedded::migrations::runner()
        .set_grouped(true)
        .run(conn)
        .context("cannot build the reference schema")?;
    Ok(())
}

/// What a migration computes that SQL cannot: V11's `zhaoshang_pairs(folded)`, the document of a
/// folded text in search_pairs (as the program wrote it with each entry until V16 dropped the
/// table); V13's
/// `zhaoshang_fold(name)`, a name's matching key, and `zhaoshang_figures(record_json, text)`, a
/// source's figures as written (`sources.figures_written`); V17's `zhaoshang_entry_ids(ids)`, a
/// source's comma-separated entry ids packed as search_source_entries holds them.
fn register_functions(conn: &rusqlite::Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "zhaoshang_pairs",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(super::search::pairs_document(&ctx.get::<String>(0)?)),
    )?;
    conn.create_scalar_function(
        "zhaoshang_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(ctx
                .get::<Option<String>>(0)?
                .map(|name| crate::source::fold::fold(&name)))
        },
    )?;
    conn.create_scalar_function(
        "zhaoshang_figures",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let record: String = ctx.get(0)?;
            let text: String = ctx.get(1)?;
            let mut file: crate::source::model::SourceFile = serde_json::from_str(&record)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
            Ok(crate::source::written::figures_written(&mut file, &text))
        },
    )?;
    conn.create_scalar_function(
        "zhaoshang_entry_ids",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut ids = ctx
                .get::<String>(0)?
                .split(',')
                .map(str::parse::<i64>)
                .collect::<Result<Vec<i64>, _>>()
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
            Ok(super::search::pack(&mut ids))
        },
    )?;
    register_names_written(conn)
}

/// V13's `zhaoshang_names_map(json)`, which keeps the catalogue's names by (kind, folded name or
/// alias) for the statement that follows, and `zhaoshang_names_written(record_json)`, a source's
/// `names_written` from them.
fn register_names_written(conn: &rusqlite::Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    type Catalogued = HashMap<(String, String), String>;
    let names: Arc<Mutex<Catalogued>> = Arc::default();
    let user = |e: serde_json::Error| rusqlite::Error::UserFunctionError(e.into());
    let kept = Arc::clone(&names);
    conn.create_scalar_function(
        "zhaoshang_names_map",
        1,
        FunctionFlags::SQLITE_UTF8,
        move |ctx| {
            let rows: Vec<(String, String, String)> =
                serde_json::from_str(&ctx.get::<String>(0)?).map_err(user)?;
            let mut kept = kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            kept.clear();
            for (kind, key, name) in rows {
                kept.entry((kind, key)).or_insert(name);
            }
            Ok(kept.len() as i64)
        },
    )?;
    conn.create_scalar_function(
        "zhaoshang_names_written",
        1,
        FunctionFlags::SQLITE_UTF8,
        move |ctx| {
            let file: crate::source::model::SourceFile =
                serde_json::from_str(&ctx.get::<String>(0)?).map_err(user)?;
            let names = names
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let fold = crate::source::fold::fold;
            let find = |kind: &str, name: &str| names.get(&(kind.to_string(), fold(name))).cloned();
            let declared: HashMap<(&str, String), String> = [
                (
                    "place",
                    file.places.iter().map(|p| &p.name).collect::<Vec<_>>(),
                ),
                (
                    "industry",
                    file.industries.iter().map(|i| &i.name).collect(),
                ),
                ("company", file.companies.iter().map(|c| &c.name).collect()),
                (
                    "strategy",
                    file.strategies.iter().map(|s| &s.name).collect(),
                ),
            ]
            .into_iter()
            .flat_map(|(kind, list)| list.into_iter().map(move |n| (kind, n)))
            .filter_map(|(kind, n)| Some(((kind, find(kind, n)?), n.clone())))
            .rev() // the first declaration of a name wins
            .collect();
            let mut catalogued = |kind: &str, name: &str| {
                let c = find(kind, name)?;
                let as_declared = declared.get(&(kind, c.clone())).cloned();
                Some((c, as_declared))
            };
            Ok(crate::source::written::names_written(
                &file,
                &mut catalogued,
            ))
        },
    )?;
    Ok(())
}

/// The SQLite error under a failed migration, without the migration's SQL.
fn sqlite_cause(e: &refinery::Error) -> Option<rusqlite::Error> {
    let refinery::error::Kind::Connection(_, cause) = e.kind() else {
        return None;
    };
    match cause.downcast_ref::<rusqlite::Error>()? {
        rusqlite::Error::SqliteFailure(failure, msg) => {
            Some(rusqlite::Error::SqliteFailure(*failure, msg.clone()))
        }
        _ => None,
    }
}

/// Why a migration failed, in one line: SQLite's reason without the migration's SQL, which
/// refinery's message carries whole (all of V1).
fn migration_failure(e: &refinery::Error) -> String {
    match e.kind() {
        refinery::error::Kind::Connection(_, cause) => {
            match cause.downcast_ref::<rusqlite::Error>() {
                Some(rusqlite::Error::SqlInputError { msg, .. }) => msg.clone(),
                Some(rusqlite::Error::SqliteFailure(failure, Some(msg))) => {
                    format!("{msg} ({failure})")
                }
                _ => cause
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            }
        }
        kind => kind.to_string(),
    }
}

impl Store {
    fn history(&self) -> Result<Vec<HistoryRow>> {
        let exists: Option<String> = self
            .conn
            .query_row(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [HISTORY_TABLE],
                |row| row.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT CAST(version AS TEXT), name, applied_on, checksum
               FROM refinery_schema_history ORDER BY version",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut history = Vec::new();
        for row in rows {
            let (version, name, applied_on, checksum) = row?;
            let tampered = |what: &str| {
                anyhow::anyhow!(
                    "the migration history of {} is damaged: row for version {} has {what}; \
                     restore the file from a backup",
                    self.path.display(),
                    version.as_deref().unwrap_or("NULL")
                )
            };
            let version: i64 = version
                .as_deref()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| tampered("a version that is not a whole number"))?;
            let name = name.ok_or_else(|| tampered("no name"))?;
            let applied_on = applied_on
                .filter(|a| {
                    time::OffsetDateTime::parse(a, &time::format_description::well_known::Rfc3339)
                        .is_ok()
                })
                .ok_or_else(|| tampered("an applied_on that is not an RFC 3339 time"))?;
            let checksum = checksum
                .filter(|c| c.parse::<u64>().is_ok())
                .ok_or_else(|| tampered("a checksum that is not a number"))?;
            history.push(HistoryRow {
                version,
                name,
                applied_on,
                checksum,
            });
        }
        Ok(history)
    }

    /// Refuses a database that this program cannot safely migrate: one from a newer program, or
    /// one whose applied migrations differ from the ones built into this program.
    fn check_history(&self) -> Result<Vec<HistoryRow>> {
        let history = self.history()?;
        let known = known_migrations();
        let newest_known = known.iter().map(|(v, _, _)| *v).max().unwrap_or(0);
        for row in &history {
            match known.iter().find(|(v, _, _)| *v == row.version) {
                None if row.version > newest_known => bail!(
                    "{} has schema version {}, newer than this program knows (up to {}); \
                     use a newer zhaoshang",
                    self.path.display(),
                    row.version,
                    newest_known
                ),
                None => bail!(
                    "{} has migration V{}__{} applied, which this program does not have",
                    self.path.display(),
                    row.version,
                    row.name
                ),
                Some((_, name, checksum)) => {
                    if *name != row.name || checksum.to_string() != row.checksum {
                        bail!(
                            "migration V{}__{} applied to {} differs from the one built into \
                             this program (an applied migration must never be edited)",
                            row.version,
                            row.name,
                            self.path.display()
                        );
                    }
                }
            }
        }
        Ok(history)
    }

    fn has_history_table(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [HISTORY_TABLE],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Applies pending migrations in one transaction; returns how many were applied. All or
    /// nothing: refinery makes its history table before its transaction, so a failure on a file
    /// that had none drops the table again.
    pub(super) fn apply_migrations(&mut self) -> Result<usize> {
        self.check_history()?;
        let had_history = self.has_history_table()?;
        // A migration that rebuilds a table (V7: `sources`) drops it while other tables point
        // at it, which enforced foreign keys refuse; it puts every row back under its id. The
        // setting cannot change inside the migrations' transaction, so it is changed around it.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        register_functions(&self.conn)?;
        let report = embedded::migrations::runner()
            .set_grouped(true)
            .set_abort_divergent(true)
            .set_abort_missing(true)
            .run(&mut self.conn);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        match report {
            Ok(report) => Ok(report.applied_migrations().len()),
            Err(e) => {
                if !had_history {
                    self.conn.execute_batch(
                        "DROP TABLE IF EXISTS refinery_schema_history
                          /* empty: its rows were in the transaction rolled back */",
                    )?;
                }
                // SQLite's own failure (a full disk, a file-size limit) stays in the chain, so
                // that the caller can say what it means.
                if let Some(failure @ rusqlite::Error::SqliteFailure(..)) = sqlite_cause(&e) {
                    return Err(anyhow::Error::new(failure).context(format!(
                        "cannot migrate {}; nothing was changed",
                        self.path.display()
                    )));
                }
                bail!(
                    "cannot migrate {}: {}; nothing was changed",
                    self.path.display(),
                    migration_failure(&e)
                )
            }
        }
    }

    /// Every migration this program knows, applied or pending.
    pub fn migration_status(&self) -> Result<Vec<MigrationStatus>> {
        let history = self.check_history()?;
        Ok(known_migrations()
            .into_iter()
            .map(|(version, name, _)| {
                let state = match history.iter().find(|h| h.version == version) {
                    Some(h) => MigrationState::Applied {
                        on: h.applied_on.clone(),
                    },
                    None => MigrationState::Pending,
                };
                MigrationStatus {
                    version,
                    name,
                    state,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod listed_tests {
    #[test]
    fn build_rs_lists_the_migrations_refinery_embeds() {
        let mut refinery: Vec<(i64, String, u64)> = super::embedded::migrations::runner()
            .get_migrations()
            .iter()
            .map(|m| (i64::from(m.version()), m.name().to_string(), m.checksum()))
            .collect();
        // refinery embeds the files in name order (V10 before V2, V11 before V1) and runs them
        // by version
        refinery.sort();
        assert_eq!(super::known_migrations(), refinery);
        assert!(refinery.len() >= 5);
    }
}
