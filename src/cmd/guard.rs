//! Keeping the catalogue's own files out of a command's inputs and outputs.
//!
//! Opening and closing another descriptor of the database file drops every POSIX lock the
//! process holds on it, SQLite's included, so an import that read the database as an input (as
//! `zhaoshang import *` does in the folder that holds it) let a second writer in and corrupted
//! the file. Inputs are therefore compared with the database and its companions by identity
//! (device and inode), before anything is opened; outputs also by name, since a file that does
//! not exist yet (a `-journal`) must not be created either. Nor is an output written through a
//! symbolic link to nothing, or, inside a folder an output fills, through any link.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// The suffixes of the files SQLite keeps beside a database.
const COMPANIONS: &[&str] = &["", "-journal", "-wal", "-shm"];

pub struct CatalogueFiles {
    /// (path, device and inode where it exists)
    files: Vec<(PathBuf, Option<(u64, u64)>)>,
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The absolute form of a path whose file may not exist yet: its folder made canonical.
fn absolute(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::canonicalize(&parent) {
        Ok(dir) => dir.join(name),
        Err(_) => path.to_path_buf(),
    }
}

impl CatalogueFiles {
    pub fn of(db: &Path) -> CatalogueFiles {
        // Through a symlink, SQLite keeps its journal beside the link's target.
        let linked = fs::symlink_metadata(db).is_ok_and(|m| m.is_symlink());
        let target = linked.then(|| fs::canonicalize(db).ok()).flatten();
        let files = std::iter::once(db)
            .chain(target.as_deref())
            .flat_map(|db| {
                COMPANIONS.iter().map(|suffix| {
                    let path = crate::store::companion(db, suffix);
                    let id = identity(&path);
                    (absolute(&path), id)
                })
            })
            .collect();
        CatalogueFiles { files }
    }

    /// Which of the catalogue's files `path` is, by identity or by name.
    fn matches(&self, path: &Path, by_name: bool) -> Option<&Path> {
        let id = identity(path);
        let abs = absolute(path);
        self.files
            .iter()
            .find(|(p, pid)| (id.is_some() && *pid == id) || (by_name && *p == abs))
            .map(|(p, _)| p.as_path())
    }

    /// Refuses an input that is the database or one of its companions.
    pub fn check_input(&self, path: &Path) -> Result<()> {
        if let Some(db) = self.matches(path, false) {
            bail!(
                "{}: this is the catalogue's own file ({}), not a source file; it was not read",
                path.display(),
                db.display()
            );
        }
        Ok(())
    }

    /// Refuses an output that is (or would become) the database or one of its companions, or
    /// that is a link to nothing.
    pub fn check_output(&self, path: &Path) -> Result<()> {
        refuse_dangling(path)?;
        if let Some(db) = self.matches(path, true) {
            bail!(
                "{}: this is the catalogue's own file ({}); refusing to overwrite it, nothing \
                 was written",
                path.display(),
                db.display()
            );
        }
        Ok(())
    }

    /// Refuses standard input when it is redirected from the database.
    pub fn check_stdin(&self) -> Result<()> {
        let Ok(meta) = fs::metadata("/dev/stdin") else {
            return Ok(());
        };
        let id = Some((meta.dev(), meta.ino()));
        if let Some((db, _)) = self
            .files
            .iter()
            .find(|(_, pid)| pid.is_some() && *pid == id)
        {
            bail!(
                "<stdin>: this is the catalogue's own file ({}), not a source file; it was not read",
                db.display()
            );
        }
        Ok(())
    }
}

/// Where a symbolic link points, for messages.
fn link_target(path: &Path) -> String {
    fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string())
}

/// Refuses a path that is a symbolic link to nothing: writing there would create a file
/// wherever the link points, outside the folder the user named.
pub fn refuse_dangling(path: &Path) -> Result<()> {
    let linked = fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
    if linked && fs::metadata(path).is_err() {
        bail!(
            "{}: a symbolic link to {}, which does not exist; refusing to create a file \
             through it, nothing was written",
            path.display(),
            link_target(path)
        );
    }
    Ok(())
}

/// Refuses a symbolic link inside a folder that an output fills (`export --dir`, `site`): a
/// file written there would land wherever the link points, outside the folder.
pub fn refuse_link(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        bail!(
            "{}: a symbolic link (to {}), not a file or folder of this output; refusing to \
             write through it, nothing was written. Remove the link, or write elsewhere",
            path.display(),
            link_target(path)
        );
    }
    Ok(())
}
