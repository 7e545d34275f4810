//! `check`: verify the database and list every problem with the record it concerns.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::Context;

pub fn run(ctx: &Context, db: &Path) -> Result<()> {
    let store = super::open(ctx, db)?;
    let bar = super::progress::spinner(ctx, "checking");
    let problems = store.check();
    bar.finish_and_clear();
    let problems = problems?;
    let mut out = std::io::stdout().lock();
    for p in &problems {
        writeln!(out, "{}\t{}", p.record, p.problem)?;
    }
    if problems.is_empty() {
        ctx.note(&format!("{}: no problems found", db.display()));
        Ok(())
    } else {
        bail!("{}: {} problem(s) found", db.display(), problems.len())
    }
}
