//! Making a new catalogue all at once, and telling a catalogue from another program's file.
//!
//! A new catalogue is built beside its final path (`NAME.creating`): migrated, seeded and
//! marked, then renamed into place. A process killed at any moment leaves either no catalogue
//! (the empty file that holds the creation lock, which the next command fills) or a whole one,
//! never a schema without its seed.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{Store, companion, connect};

/// `PRAGMA application_id` of a zhaoshang catalogue ("ZHSG"): set when creation completes, so
/// that a file can be recognised as a catalogue, and another program's database refused.
pub const APPLICATION_ID: i64 = 0x5A48_5347;

/// The path a new catalogue is built at before it is renamed into place.
fn building_path(path: &Path) -> PathBuf {
    companion(path, ".creating")
}

/// Builds a complete catalogue at `path` (which the caller holds locked): schema, the bundled
/// seed unless `seed` is false, and the application id. Returns how many migrations it applied.
pub(super) fn create(path: &Path, seed: bool) -> Result<usize> {
    // A symlink at the path stays one: the catalogue takes the place of its target (the empty
    // file the caller holds locked), built beside it so that the rename stays on one file system.
    let target = fs::canonicalize(path)
        .with_context(|| format!("cannot follow {} to its file", path.display()))?;
    let path = target.as_path();
    let building = building_path(path);
    // Left by a process killed while creating; the caller holds the lock, so nobody else is.
    for stale in [building.clone(), companion(&building, "-journal")] {
        if stale.exists() {
            fs::remove_file(&stale)
                .with_context(|| format!("cannot remove {}", stale.display()))?;
        }
    }
    let applied = match build(&building, seed) {
        Ok(applied) => applied,
        Err(e) => {
            // A full disk or a file-size limit: what was built goes, so that nothing is left
            // beside the path but the empty file the next command fills.
            for part in [building.clone(), companion(&building, "-journal")] {
                let _ = fs::remove_file(part);
            }
            return Err(super::explain_write_error(e, path));
        }
    };
    fs::rename(&building, path).with_context(|| {
        format!(
            "cannot move the new catalogue {} into place at {}",
            building.display(),
            path.display()
        )
    })?;
    Ok(applied)
}

/// The catalogue built at `building`: migrated, its divisions filled, seeded, marked.
fn build(building: &Path, seed: bool) -> Result<usize> {
    let mut store = Store {
        conn: connect(building)?,
        lock: None,
        path: building.to_path_buf(),
    };
    let applied = store.apply_migrations()?;
    store.complete_divisions()?;
    if seed {
        store
            .load_bundled_seed()
            .context("cannot load the bundled seed into the new database")?;
    }
    store.backfill_search_index()?;
    store.mark_as_catalogue()?;
    Ok(applied)
}

impl Store {
    fn is_marked(&self) -> Result<bool> {
        let id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        Ok(id == APPLICATION_ID)
    }

    pub(super) fn mark_as_catalogue(&self) -> Result<()> {
        if self.is_marked()? {
            return Ok(());
        }
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Refuses, untouched, a file that holds a schema but is not a catalogue: one without a
    /// migration history, whatever its application id says (another program may carry ours;
    /// every catalogue, marked or made before the mark, has its history, since migrating is
    /// all or nothing).
    pub(super) fn require_catalogue(&self) -> Result<()> {
        let objects: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'
                  ORDER BY type <> 'table', name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if objects.is_empty() || objects.iter().any(|t| t == "refinery_schema_history") {
            return Ok(());
        }
        let shown: Vec<&str> = objects.iter().take(5).map(String::as_str).collect();
        bail!(
            "{} is not a zhaoshang catalogue: it holds another program's tables or views ({}{}) \
             and no migration history{}; it was left untouched. Give --db a new file name to \
             make a catalogue",
            self.path.display(),
            shown.join(", "),
            if objects.len() > shown.len() {
                ", …"
            } else {
                ""
            },
            if self.is_marked()? {
                " (though it carries zhaoshang's application id)"
            } else {
                ""
            }
        )
    }
}
