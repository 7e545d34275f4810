//! One module per subcommand; `run` dispatches.

mod check;
mod events;
mod init;
mod migrate;
mod seed;

use std::path::Path;

use anyhow::Result;

use crate::Context;
use crate::cli::Command;
use crate::store::{OpenReport, Store};

pub fn run(ctx: &Context, db: &Path, command: Command) -> Result<()> {
    match command {
        Command::Init { empty } => init::run(ctx, db, empty),
        Command::Migrate { status } => migrate::run(ctx, db, status),
        Command::Seed => seed::run(ctx, db),
        Command::Events { format } => events::run(ctx, db, format),
        Command::Check => check::run(ctx, db),
    }
}

/// Opens the catalogue for a command, creating it with the bundled seed when missing, and says
/// so on stderr.
fn open(ctx: &Context, db: &Path) -> Result<Store> {
    let (store, report) = Store::open(db, true)?;
    describe_open(ctx, db, report);
    Ok(store)
}

fn describe_open(ctx: &Context, db: &Path, report: OpenReport) {
    if report.created {
        ctx.note(&format!(
            "created {} ({} migration{} applied{})",
            db.display(),
            report.migrations_applied,
            if report.migrations_applied == 1 {
                ""
            } else {
                "s"
            },
            if report.seeded {
                ", bundled seed loaded"
            } else {
                ""
            }
        ));
    } else if report.migrations_applied > 0 {
        ctx.note(&format!(
            "migrated {}: {} migration{} applied",
            db.display(),
            report.migrations_applied,
            if report.migrations_applied == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
}
