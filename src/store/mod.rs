//! The store: the one type that owns the SQLite connection and all SQL. Opening a store for a
//! command creates the file when missing, migrates it under a file lock and loads the bundled
//! seed into a new file, so that the first command on a fresh machine just works.

mod create;
pub(crate) mod divisions;
mod lifecycle;
mod load;
mod migrate;
mod query;
mod read;
pub mod record;
pub mod search;
mod sliced;
mod verify;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

pub use create::APPLICATION_ID;
pub use divisions::DIVISION_KINDS;
pub use load::{ImportOptions, ImportRefused, LoadOutcome, LoadSummary};
pub use migrate::{MigrationState, MigrationStatus};
pub use query::{QueryLimits, QueryResult, Snapshot};
pub use read::{CheckProblem, QuotedBy};

/// How long a writer waits for another writer before it reports the database busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    // Field order matters: the connection must close before the lock file's descriptor, because
    // closing any descriptor of the database file drops the process's POSIX locks on it.
    conn: Connection,
    lock: Option<File>,
    path: PathBuf,
}

/// What opening did to the file, for the message a command prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OpenReport {
    pub created: bool,
    pub migrations_applied: usize,
    pub seeded: bool,
}

impl Store {
    /// Opens `path` for a command: creates it when missing, applies pending migrations and, when
    /// the file is new and `seed_new` is set, loads the bundled seed. All of it happens under an
    /// exclusive lock on the file, so processes that start at once wait for one another.
    pub fn open(path: &Path, seed_new: bool) -> Result<(Store, OpenReport)> {
        // Before anything is opened: opening with O_CREAT would create a dangling link's target,
        // and a special file must not be taken for an empty one.
        holds_nothing(path)?;
        let existed = std::fs::symlink_metadata(path).is_ok();
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("cannot open or create the database {}", path.display()))?;
        lock.lock()
            .with_context(|| format!("cannot lock the database {}", path.display()))?;
        // Whatever stood at the path when it was looked at above, what was opened is what
        // creation would replace: it must be a regular file.
        let opened = lock
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if !opened.is_file() {
            bail!(
                "{} is {}, not a catalogue file; it was left untouched",
                path.display(),
                kind_of(opened.file_type())
            );
        }
        // The lock file was just opened (created when missing), so an empty file is a new one.
        let fresh = opened.len() == 0;
        let mut report = OpenReport::default();
        if fresh {
            report.migrations_applied = create::create(path, seed_new).inspect_err(|_| {
                // The empty file this call made to hold the lock goes too: a failed creation
                // leaves the folder as it was.
                if !existed && std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
                    let _ = std::fs::remove_file(path);
                }
            })?;
            report.created = true;
            report.seeded = seed_new;
        }
        let mut store = Store {
            conn: connect(path)?,
            lock: Some(lock),
            path: path.to_path_buf(),
        };
        if !fresh {
            store.require_catalogue()?;
            let created = !store.has_schema()?;
            report.migrations_applied = store.apply_migrations()?;
            store.complete_divisions()?;
            if created {
                // A file with no tables that is not empty (a page size set, a table dropped).
                report.created = true;
                if seed_new {
                    store
                        .load_bundled_seed()
                        .context("cannot load the bundled seed into the new database")?;
                    report.seeded = true;
                }
            }
            // Also after a migration that was killed before its index was built.
            store.backfill_search_index()?;
            store.mark_as_catalogue()?;
        }
        store.unlock()?;
        Ok((store, report))
    }

    /// Opens an existing database as it is: no migration, no seed (for `migrate --status`).
    pub fn open_existing(path: &Path) -> Result<Store> {
        holds_nothing(path)?;
        if !path.exists() {
            bail!("database {} does not exist", path.display());
        }
        Ok(Store {
            conn: connect(path)?,
            lock: None,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn unlock(&mut self) -> Result<()> {
        if let Some(lock) = &self.lock {
            lock.unlock()
                .with_context(|| format!("cannot unlock {}", self.path.display()))?;
        }
        Ok(())
    }

    /// True once any table exists in the file (a catalogue or anything else).
    fn has_schema(&self) -> Result<bool> {
        let tables: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |row| row.get(0),
        )?;
        Ok(tables > 0)
    }
}

/// A file SQLite keeps beside a database: `NAME-journal`, `NAME-wal`, or one of ours.
pub fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// No catalogue is there yet: the path is missing, or an empty regular file (the one a creating
/// process holds its lock on). Only those may become a catalogue, because creation renames a new
/// file over the path: a FIFO, a device (`/dev/null`), a directory or a socket there is refused
/// by kind, untouched. A symlink is followed to its target, which must be a regular file; a
/// dangling one is refused rather than have its target created somewhere unexpected.
pub fn holds_nothing(path: &Path) -> Result<bool> {
    // SQLite's name for a database in memory, which would vanish with the process: a catalogue
    // is a file.
    if path.as_os_str() == ":memory:" {
        bail!(
            "`:memory:` is SQLite's name for a database in memory, which would be gone when \
             zhaoshang exits; a catalogue is a file: give --db (or ZHAOSHANG_DB) a file's path \
             (./:memory: for a file of that name)"
        );
    }
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        Ok(meta) => meta,
    };
    if !meta.file_type().is_symlink() {
        if !meta.is_file() {
            bail!(
                "{} is {}, not a catalogue file; it was left untouched. Give --db (or \
                 ZHAOSHANG_DB) the path of a catalogue, or of a new file",
                path.display(),
                kind_of(meta.file_type())
            );
        }
        return Ok(meta.len() == 0);
    }
    let target = std::fs::read_link(path)
        .with_context(|| format!("cannot read the symbolic link {}", path.display()))?;
    // A relative target is relative to the link's folder: shown so, it is a path a user can type.
    let target = path
        .parent()
        .map_or(target.clone(), |dir| dir.join(&target));
    let meta = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{} is a symbolic link to {}, which does not exist; it was left untouched. Create \
             the catalogue at the link's target (`zhaoshang init --db {}`), or give --db another \
             path",
            path.display(),
            target.display(),
            target.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot follow {}", path.display())),
        Ok(meta) => meta,
    };
    if !meta.is_file() {
        bail!(
            "{} is a symbolic link to {}, which is {}, not a catalogue file; it was left \
             untouched. Give --db (or ZHAOSHANG_DB) the path of a catalogue, or of a new file",
            path.display(),
            target.display(),
            kind_of(meta.file_type())
        );
    }
    Ok(meta.len() == 0)
}

/// What a path that is not a regular file is, for a message.
fn kind_of(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Says in plain words why a write failed when SQLite's reason is one a user can act on; the
/// transaction has been rolled back, so nothing was written.
pub(crate) fn explain_write_error(e: anyhow::Error, path: &Path) -> anyhow::Error {
    use rusqlite::ErrorCode;
    let code = e.chain().find_map(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
    });
    let db = path.display();
    match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => anyhow::anyhow!(
            "{db} is busy: another program is using it and did not finish within {} s; \
             nothing was written, try again",
            BUSY_TIMEOUT.as_secs()
        ),
        // A file-size limit shows as an I/O error (EFBIG), a full disk as SQLITE_FULL.
        Some(ErrorCode::DiskFull | ErrorCode::SystemIoFailure) => e.context(format!(
            "cannot write {db}: the disk is full (or a file-size limit was reached, or the disk \
             failed); nothing was written"
        )),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => e
            .context(format!(
                "{db} cannot be written (read-only file or directory?); nothing was written"
            )),
        _ => e,
    }
}

/// Every connection gets the same settings: foreign keys on (the bundled SQLite has them on by
/// default, the shell does not, so say it), a busy timeout for concurrent writers.
fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        not_a_uri(path),
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open the database {}", path.display()))?;
    connect_settings(&conn, path)?;
    stable_plans(&conn)?;
    // The soft heap limit that reads set is the process's, not the connection's: a write after a
    // read in one process (a read that finishes a stopped migration's search index) is not held
    // to it.
    conn.pragma_update(None, "soft_heap_limit", 0)?;
    Ok(conn)
}

/// The bundled SQLite reads a name that starts with `file:` as a URI (`file:t.db?mode=ro`),
/// whatever the open flags say; `./file:t.db` is the file a user named.
pub(crate) fn not_a_uri(path: &Path) -> PathBuf {
    if path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// The query planner's stability guarantee: a statement's plan does not depend on the values
/// bound to it. Without it, SQLite prepared again, on every new value, a statement whose plan a
/// value could change (one that a partial index might serve): an import's lookups, and the some
/// 60 statements that rebuild a source (`export` took 7× the time). Set for writing and for
/// rebuilding sources; reports keep plans made for their parameters' values.
pub(crate) fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// Prepared statements kept per connection: more than an import uses.
const STATEMENT_CACHE: usize = 128;

fn connect_settings(conn: &Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // An import uses some 40 statements per source; with rusqlite's default of 16 cached, each
    // was evicted and prepared again for every source.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // A file that is not a database fails here, with SQLite's own words, rather than later.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|e| unreadable(e, path))?;
    Ok(())
}

/// Why a file could not be read, in words a user can act on.
fn unreadable(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    use rusqlite::ErrorCode;
    let db = path.display();
    let reason = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            format!("{db} is not a zhaoshang database (not an SQLite database at all)")
        }
        Some(ErrorCode::DatabaseCorrupt) => format!(
            "{db} is damaged (SQLite reports it malformed); restore it from a backup, or run \
             `zhaoshang check --db {db}` to list what can be read"
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            format!(
                "{db} cannot be read here: SQLite needs to write beside it (to roll back an \
                 unfinished write left by a stopped program, or for the -shm file of a database \
                 in WAL mode), and {db} or its folder is read-only. Run any zhaoshang command on \
                 it once as a user who can write there, or copy it to a writable folder"
            )
        }
        _ => format!("cannot read {db}"),
    };
    anyhow::Error::new(e).context(reason)
}
