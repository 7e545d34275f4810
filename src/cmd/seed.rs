//! `seed`: load the bundled seed; what is already loaded is left as it is.

use std::path::Path;

use anyhow::Result;

use crate::Context;
use crate::store::LoadOutcome;

pub fn run(ctx: &Context, db: &Path) -> Result<()> {
    let (mut store, report) = crate::store::Store::open(db, false)?;
    super::describe_open(ctx, db, report);
    for (file, outcome) in store.load_bundled_seed()? {
        match outcome {
            LoadOutcome::Unchanged => ctx.note(&format!("{file}: already loaded, nothing changed")),
            LoadOutcome::Added(s) | LoadOutcome::Replaced(s) => ctx.note(&format!(
                "{file}: loaded {} event{}, {} project{}, {} statistic{}; added {} places, {} industries, {} companies, {} strategies",
                s.events,
                if s.events == 1 { "" } else { "s" },
                s.projects,
                if s.projects == 1 { "" } else { "s" },
                s.statistics,
                if s.statistics == 1 { "" } else { "s" },
                s.places_added,
                s.industries_added,
                s.companies_added,
                s.strategies_added
            )),
        }
    }
    Ok(())
}
