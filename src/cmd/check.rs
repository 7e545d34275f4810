//! `check`: verify the database and list every problem with the record it concerns.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::Context;

pub fn run(ctx: &Context, db: &Path, repair: bool) -> Result<()> {
    // check only reads: it never creates, migrates or seeds the file it is asked about.
    if crate::store::holds_nothing(db)? {
        bail!(
            "no catalogue at {} (run `zhaoshang init --db {}` to create one)",
            db.display(),
            db.display()
        );
    }
    if repair {
        let (mut store, _) = crate::store::Store::open(db, false)?;
        for line in store.repair()? {
            ctx.note(&format!("repair: {line}"));
        }
    }
    let store = crate::store::Store::open_as_is(db)
        .with_context(|| format!("{}: cannot be checked", db.display()))?;
    let bar = super::progress::spinner(ctx, "checking");
    let problems = store.check();
    bar.finish_and_clear();
    let problems = problems?;
    let mut out = std::io::stdout().lock();
    for p in &problems {
        writeln!(out, "{}\t{}", p.record, p.problem)?;
    }
    // Warnings do not fail the check: names that may be one thing written twice.
    if problems.is_empty() {
        for w in store.name_warnings()? {
            ctx.warn(&format!("{}: {}", w.record, w.problem));
        }
        for w in store.lifecycle_warnings()? {
            ctx.warn(&format!("{}: {}", w.record, w.problem));
        }
    }
    // Never guessed: a place of a division's kind whose name gives no one code is listed.
    if store.has_divisions()? {
        for (place, why) in store.uncoded_places()? {
            ctx.warn(&format!("{place}: {why}"));
        }
    }
    if problems.is_empty() {
        ctx.note(&format!("{}: no problems found", db.display()));
        Ok(())
    } else {
        bail!("{}: {} problem(s) found", db.display(), problems.len())
    }
}
