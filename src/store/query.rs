//! Read-only access: reports, listings and ad-hoc SQL run on a connection opened read-only, so
//! they can never write, whatever the SQL says.

use anyhow::{Context, Result, bail};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::limits::Limit;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

use super::{OpenReport, Store, connect_settings};
use std::cell::Cell;
use std::fs::File;
use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// Bounds on one read: how long it may run and how much of its result may be held.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    pub timeout: Duration,
    pub memory_ceiling: usize,
}

impl Default for QueryLimits {
    fn default() -> QueryLimits {
        QueryLimits {
            timeout: Duration::from_secs(60),
            memory_ceiling: 512_000_000,
        }
    }
}

fn value_size(v: &Value) -> usize {
    match v {
        Value::Text(t) => t.len(),
        Value::Blob(b) => b.len(),
        _ => 8,
    }
}

/// Why a running query was interrupted.
const STOPPED_BY_TIME: u8 = 1;
const STOPPED_BY_CTRL_C: u8 = 2;

/// Set by the Ctrl-C handler for the query that is running (one per process).
static STOP_REASON: AtomicU8 = AtomicU8::new(0);

/// How often (in SQLite virtual-machine steps) a running query looks at its watch.
const STEPS_BETWEEN_LOOKS: std::ffi::c_int = 1000;

/// A query shorter than this never installs the Ctrl-C handler (a thread of its own): Ctrl-C
/// then ends the process the default way, which loses nothing of a read.
const CTRL_C_HANDLER_AFTER: Duration = Duration::from_millis(20);

/// The watch over the query running on this thread: when it started and when it must stop.
#[derive(Clone, Copy)]
struct Watch {
    started: Instant,
    deadline: Instant,
}

thread_local! {
    static WATCH: Cell<Option<Watch>> = const { Cell::new(None) };
}

/// Called by SQLite every [`STEPS_BETWEEN_LOOKS`] steps of a query on a read-only connection:
/// true stops the query (time limit passed, or Ctrl-C). No thread waits beside a query.
fn keep_watch() -> bool {
    let Some(watch) = WATCH.with(Cell::get) else {
        return false;
    };
    let now = Instant::now();
    if now >= watch.deadline {
        STOP_REASON.store(STOPPED_BY_TIME, Ordering::SeqCst);
        return true;
    }
    if now >= watch.started + CTRL_C_HANDLER_AFTER {
        install_ctrl_c_handler();
    }
    STOP_REASON.load(Ordering::SeqCst) == STOPPED_BY_CTRL_C
}

/// Ctrl-C marks the running query to stop at its next look; a second Ctrl-C while the first is
/// handled ends the process the usual way. Installed once per process.
fn install_ctrl_c_handler() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if STOP_REASON.swap(STOPPED_BY_CTRL_C, Ordering::SeqCst) == STOPPED_BY_CTRL_C {
                std::process::exit(130);
            }
        });
    });
}

/// The watch over one query with limits: the time limit and Ctrl-C; ends with the query.
struct Watchdog {
    timeout: Duration,
}

impl Watchdog {
    fn start(limits: &QueryLimits) -> Watchdog {
        let started = Instant::now();
        WATCH.with(|w| {
            w.set(Some(Watch {
                started,
                deadline: started + limits.timeout,
            }))
        });
        Watchdog {
            timeout: limits.timeout,
        }
    }

    fn explain(&self, e: rusqlite::Error) -> anyhow::Error {
        if e.sqlite_error_code() != Some(rusqlite::ErrorCode::OperationInterrupted) {
            return e.into();
        }
        match STOP_REASON.load(Ordering::SeqCst) {
            STOPPED_BY_CTRL_C => anyhow::Error::new(crate::Interrupted),
            _ => anyhow::anyhow!(
                "stopped after {} s (--timeout {}); what was printed is incomplete. Narrow the \
                 query, or give a longer --timeout",
                self.timeout.as_secs(),
                self.timeout.as_secs()
            ),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        WATCH.with(|w| w.set(None));
    }
}

/// The rows a query returned.
#[derive(Debug, Clone, Default)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A rollback journal left by a killed writer (a hot journal) can only be rolled back by a
/// connection that may write; a read-only one fails with "attempt to write a readonly
/// database". Reading through a read-write connection once lets SQLite roll it back, which
/// restores the last committed state: nothing of the catalogue's committed facts changes.
/// Where the file cannot be opened for writing, the read-only open below explains.
fn roll_back_unfinished_write(path: &Path) -> Result<()> {
    let journal = super::companion(path, "-journal");
    if std::fs::metadata(journal).map_or(true, |m| m.len() == 0) {
        return Ok(());
    }
    if let Ok(conn) = Connection::open_with_flags(
        super::not_a_uri(path),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
        let _ = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        });
    }
    Ok(())
}

/// One read transaction, ended when dropped ([`Store::snapshot`]).
pub struct Snapshot<'a> {
    store: &'a Store,
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        // Nothing was written: ending the read cannot fail in a way that loses anything.
        let _ = self.store.conn.execute_batch("COMMIT");
    }
}

/// SQLite's soft heap limit (bytes) in a process that reads: reconcile at 100,000 projects
/// peaked at 31 MB without it, at 21.6 MB with it (at 1,000,000: 40.9 MB, 23.6 MB). The page
/// cache stays at SQLite's 2 MB: with 500 KB reconcile peaked at 18 MB, but `report companies`
/// at 1,000,000 projects took 20.4–21.3 s instead of 13.2–13.7 s.
const READ_SOFT_HEAP_LIMIT: i64 = 4_000_000;

impl Store {
    /// Opens the catalogue for reading only. A missing file is first created with the bundled
    /// seed (so the first command works); an existing one is never migrated or written, and one
    /// that needs migrating, or comes from a newer program, is refused with a message.
    pub fn open_read_only(path: &Path) -> Result<(Store, OpenReport)> {
        Store::open_reading(path, true)
    }

    /// Opens the catalogue for `check`: read-only, and nothing is completed or created first,
    /// so that what check reports is the file as it is.
    pub fn open_as_is(path: &Path) -> Result<Store> {
        Ok(Store::open_reading(path, false)?.0)
    }

    fn open_reading(path: &Path, may_complete: bool) -> Result<(Store, OpenReport)> {
        // First: a special file at the path is refused before SQLite opens it.
        let missing = super::holds_nothing(path)?;
        roll_back_unfinished_write(path)?;
        let report = if missing {
            Store::open(path, true)?.1
        } else {
            OpenReport::default()
        };
        // A process creating or migrating the file holds an exclusive lock on it; wait for it to
        // finish rather than read a half-made catalogue. The shared lock is released once the
        // schema is checked, so a long read never holds up a writer.
        let init_lock = File::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        init_lock
            .lock_shared()
            .with_context(|| format!("cannot lock the database {}", path.display()))?;
        let mut conn = Connection::open_with_flags(
            super::not_a_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open the database {}", path.display()))?;
        connect_settings(&conn, path)?;
        // A read's memory stays small however large the catalogue: the steps of a report
        // (materialised CTEs, automatic indexes, sorts) go to temporary files rather than memory,
        // and past the soft heap limit SQLite reuses cache pages instead of taking more.
        conn.pragma_update(None, "temp_store", "FILE")?;
        conn.pragma_update(None, "soft_heap_limit", READ_SOFT_HEAP_LIMIT)?;
        conn.progress_handler(STEPS_BETWEEN_LOOKS, Some(keep_watch))?;
        conn.pragma_update(None, "query_only", true)?;
        // Ad-hoc SQL may not reach other files.
        conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
        let store = Store {
            conn,
            lock: None,
            path: path.to_path_buf(),
        };
        store.require_catalogue()?;
        store.require_current_schema()?;
        if may_complete
            && (store.search_index_needs_backfill()? || store.divisions_need_filling()?)
        {
            // A migration was stopped before it built the search index or filled the divisions
            // (or a newer program brings a newer list of divisions): finish its work (as
            // the next writer would), then read. Where the file cannot be written, read as it
            // is; `check` names the missing entries.
            drop(store);
            drop(init_lock);
            let _ = Store::open(path, false);
            return Store::open_reading(path, false);
        }
        init_lock
            .unlock()
            .with_context(|| format!("cannot unlock {}", path.display()))?;
        // Closing this descriptor would drop SQLite's own POSIX locks on the file; keep it
        // open as long as the connection (the store closes it after the connection).
        let store = Store {
            lock: Some(init_lock),
            ..store
        };
        Ok((store, report))
    }

    /// Begins one read transaction: every query until the snapshot is dropped sees the same
    /// committed state of the catalogue (a writer's commit waits for it, as for any reader).
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let snapshot = Snapshot { store: self };
        // A deferred transaction reads nothing until its first statement: take the read now.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?;
        Ok(snapshot)
    }

    /// The names of the columns a query gives, without running it.
    pub fn column_names(&self, sql: &str) -> Result<Vec<String>> {
        let stmt = self.conn.prepare(sql)?;
        Ok(stmt.column_names().map(String::from).collect())
    }

    /// The parameters a query names (`:x`, `?1`, `?` for one not named), in order, once each.
    pub fn parameter_names(&self, sql: &str) -> Result<Vec<String>> {
        let stmt = self.conn.prepare(sql)?;
        Ok((1..=stmt.parameter_count())
            .map(|i| stmt.parameter_name(i).unwrap_or("?").to_string())
            .collect())
    }

    /// Runs a read-only query with named parameters (`:name`); parameters not given are NULL.
    /// For the program's own queries (show, export, check, site): no time limit, no ceiling, and
    /// no Ctrl-C handler, so that Ctrl-C still ends a long export at once.
    pub fn query(&self, sql: &str, params: &[(String, Value)]) -> Result<QueryResult> {
        let mut rows = Vec::new();
        let columns = self.rows(sql, params, None, |_, row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(QueryResult { columns, rows })
    }

    /// As [`Store::query`], within `limits`: the rows held may not exceed the memory ceiling.
    pub fn query_limited(
        &self,
        sql: &str,
        params: &[(String, Value)],
        limits: &QueryLimits,
    ) -> Result<QueryResult> {
        let mut rows = Vec::new();
        let mut held = 0_usize;
        let columns = self.query_each(sql, params, limits, |_, row| {
            held += row.iter().map(value_size).sum::<usize>() + 24 * row.len();
            if held > limits.memory_ceiling {
                bail!(
                    "the result is larger than {} MB held in memory for this format; give \
                     --format csv or ndjson to stream it, or add a LIMIT",
                    limits.memory_ceiling / 1_000_000
                );
            }
            rows.push(row);
            Ok(())
        })?;
        Ok(QueryResult { columns, rows })
    }

    /// Runs a read-only query and hands each row to `each` as it comes, holding none; returns
    /// the column names. The query stops, with a message, at the time limit or on Ctrl-C.
    pub fn query_each(
        &self,
        sql: &str,
        params: &[(String, Value)],
        limits: &QueryLimits,
        each: impl FnMut(&[String], Vec<Value>) -> Result<()>,
    ) -> Result<Vec<String>> {
        self.rows(sql, params, Some(limits), each)
    }

    /// The rows of a query, one at a time; watched (time limit, Ctrl-C) when `limits` are given.
    fn rows(
        &self,
        sql: &str,
        params: &[(String, Value)],
        limits: Option<&QueryLimits>,
        mut each: impl FnMut(&[String], Vec<Value>) -> Result<()>,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(sql)?;
        for (name, value) in params {
            let index = stmt
                .parameter_index(&format!(":{name}"))?
                .with_context(|| format!("this query has no parameter `{name}`"))?;
            stmt.raw_bind_parameter(index, value)?;
        }
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let width = columns.len();
        let watchdog = limits.map(Watchdog::start);
        let mut raw = stmt.raw_query();
        loop {
            let row = match raw.next() {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => {
                    return Err(match &watchdog {
                        Some(w) => w.explain(e),
                        None => e.into(),
                    });
                }
            };
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(row.get::<_, Value>(i)?);
            }
            each(&columns, values)?;
        }
        Ok(columns)
    }

    /// Checks one statement a user typed, refusing anything but a read. SQLite classifies it
    /// while preparing it (an authorizer that allows only reading tables, calling functions and
    /// selecting), so no comment, case or spacing can disguise a PRAGMA, a transaction, a
    /// savepoint or an ATTACH; `sqlite3_stmt_readonly` then confirms it writes nothing.
    pub fn check_user_sql<'s>(&mut self, sql: &'s str) -> Result<&'s str> {
        let trimmed = sql.trim().trim_end_matches(';').trim();
        if trimmed.is_empty() {
            bail!("no SQL given; expected one SELECT statement");
        }
        let denied = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
        let seen = std::sync::Arc::clone(&denied);
        self.conn
            .authorizer(Some(move |ctx: AuthContext<'_>| match ctx.action {
                AuthAction::Select
                | AuthAction::Read { .. }
                | AuthAction::Function { .. }
                | AuthAction::Recursive => Authorization::Allow,
                other => {
                    if let Ok(mut first) = seen.lock() {
                        first.get_or_insert_with(|| describe(&other));
                    }
                    Authorization::Deny
                }
            }))?;
        let prepared = self.conn.prepare(trimmed).map(|stmt| stmt.readonly());
        self.conn
            .authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
        let refusal = |what: &str| {
            anyhow::anyhow!(
                "refused: `sql` only reads the catalogue (SELECT, WITH … SELECT, VALUES, \
                 EXPLAIN); this statement would write or change the connection ({what})"
            )
        };
        if let Some(what) = denied.lock().ok().and_then(|d| d.clone()) {
            return Err(refusal(&what));
        }
        match prepared {
            Ok(true) => Ok(trimmed),
            Ok(false) => Err(refusal("a write")),
            Err(rusqlite::Error::MultipleStatement) => {
                bail!("give one statement at a time; this SQL holds several")
            }
            Err(e) => Err(e).context("the SQL does not compile"),
        }
    }

    fn require_current_schema(&self) -> Result<()> {
        let pending: Vec<String> = self
            .migration_status()?
            .into_iter()
            .filter(|m| m.state == super::MigrationState::Pending)
            .map(|m| format!("V{}__{}", m.version, m.name))
            .collect();
        if !pending.is_empty() {
            bail!(
                "{} needs migrating ({} pending: {}); run `zhaoshang migrate` first",
                self.path.display(),
                pending.len(),
                pending.join(", ")
            );
        }
        Ok(())
    }
}

/// What a refused action is, for the message: `PRAGMA soft_heap_limit`, `SAVEPOINT`, `ATTACH`.
fn describe(action: &AuthAction<'_>) -> String {
    match action {
        AuthAction::Pragma { pragma_name, .. } => format!("PRAGMA {pragma_name}"),
        AuthAction::Transaction { operation } => format!("{operation:?}").to_uppercase(),
        AuthAction::Savepoint { operation, .. } => match format!("{operation:?}").as_str() {
            "Release" => "RELEASE".into(),
            "Rollback" => "ROLLBACK TO".into(),
            _ => "SAVEPOINT".into(),
        },
        AuthAction::Attach { .. } => "ATTACH".into(),
        AuthAction::Detach { .. } => "DETACH".into(),
        AuthAction::Insert { table_name } => format!("INSERT INTO {table_name}"),
        AuthAction::Update { table_name, .. } => format!("UPDATE {table_name}"),
        AuthAction::Delete { table_name } => format!("DELETE FROM {table_name}"),
        other => format!("{other:?}")
            .split([' ', '{', '('])
            .next()
            .unwrap_or_default()
            .to_uppercase(),
    }
}
