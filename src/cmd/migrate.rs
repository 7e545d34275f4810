//! `migrate`: apply pending migrations, or list them with `--status`.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::Context;
use crate::store::{MigrationState, Store};

pub fn run(ctx: &Context, db: &Path, status: bool) -> Result<()> {
    if !status {
        let (_store, report) = Store::open(db, true)?;
        super::describe_open(ctx, db, report);
        if !report.created && report.migrations_applied == 0 {
            ctx.note(&format!("{} is up to date", db.display()));
        }
        return Ok(());
    }
    let store = Store::open_existing(db)?;
    let mut out = std::io::stdout().lock();
    for m in store.migration_status()? {
        match m.state {
            MigrationState::Applied { on } => {
                writeln!(out, "V{}__{}\tapplied\t{on}", m.version, m.name)?;
            }
            MigrationState::Pending => writeln!(out, "V{}__{}\tpending\t", m.version, m.name)?,
        }
    }
    Ok(())
}
