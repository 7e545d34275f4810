//! `init`: create the database file, migrate it and load the bundled seed.

use std::path::Path;

use anyhow::{Result, bail};

use crate::Context;
use crate::store::Store;

pub fn run(ctx: &Context, db: &Path, empty: bool) -> Result<()> {
    if !crate::store::holds_nothing(db)? {
        bail!(
            "{} already exists; use `zhaoshang migrate` to upgrade it or `zhaoshang seed` to load the seed",
            db.display()
        );
    }
    let (_store, report) = Store::open(db, !empty)?;
    super::describe_open(ctx, db, report);
    Ok(())
}
