//! The secondary indexes that no statement of an import reads, dropped while the first import
//! into an empty catalogue writes its rows and created again, from their own SQL, before it
//! commits: an index built once from the finished table costs less than one kept up row by row.
//! Both steps are in the import's transaction, so an import refused or failed leaves every index
//! as it was.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Transaction};

/// Indexes that an import writes but never reads. Each statement an import runs (traced on
/// imports of the generated corpus, the seed's copies and the test fixtures, formats 1–3) was
/// read with EXPLAIN QUERY PLAN: the name lookups read the `*_key` indexes, the search entries
/// of a source are read back through the `*_source` ones (`statistics_source` among them),
/// `same_as` through `projects_key` and `project_mentions_project_event`, unsourced places
/// through `places_source` and `search_entries_unsourced`; those stay, and so does every unique
/// index (a constraint the import must meet row by row, with its own message).
pub(super) const DEFERRED: &[&str] = &[
    "alternative_figures_event",
    "alternative_figures_project",
    "alternative_figures_statistic",
    "alternative_figures_source",
    "breakdown_parts_event",
    "breakdown_parts_statistic",
    "breakdown_parts_source",
    "breakdown_parts_place",
    "companies_parent",
    "company_aliases_company",
    "event_companies_company",
    "event_companies_source",
    "event_industries_industry",
    "event_strategies_strategy",
    "events_place_date",
    "events_date",
    "events_key",
    "events_kind_place_date",
    "events_stage_date",
    "industry_aliases_industry",
    "industry_distinctions_other",
    "industry_distinctions_source",
    "industry_strategies_strategy",
    "layout_industries_industry",
    "milestones_project",
    "milestones_source",
    "place_aliases_place",
    "place_strategies_strategy",
    "places_code",
    "project_companies_company",
    "project_facts_project",
    "project_industries_industry",
    "project_mentions_event",
    "project_mentions_source",
    "project_strategies_strategy",
    "projects_amount",
    "projects_place",
    "projects_event_amount",
    "statistics_place_period",
    "statistics_event",
    "statistics_kind_metric",
    "statistics_bands",
    "strategies_place",
];

/// The indexes an import dropped, each with the SQL that makes it again.
pub(super) struct Deferred(Vec<(String, String)>);

impl Deferred {
    /// Nothing dropped.
    pub(super) fn none() -> Deferred {
        Deferred(Vec::new())
    }

    /// Drops the [`DEFERRED`] indexes when the catalogue has no source yet; otherwise nothing
    /// (an import into a catalogue of many rows would rebuild indexes over all of them).
    pub(super) fn start(tx: &Transaction) -> Result<Deferred> {
        let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM sources)", [], |r| {
            r.get(0)
        })?;
        let mut dropped = Vec::new();
        if !empty {
            return Ok(Deferred(dropped));
        }
        for name in DEFERRED {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(sql) = sql else { continue };
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            dropped.push((name.to_string(), sql));
        }
        Ok(Deferred(dropped))
    }

    /// Creates the dropped indexes again, with the very SQL they had. SQLite sorts an index's
    /// entries in memory up to the page cache's size (64 MB for an import) before it spills them
    /// to a temporary file; with the cache as it is, the import's peak memory grew by the
    /// largest index (104.4 MB against 95.7 MB at 100,000 projects). With the cache at 1 MB, the
    /// sorter's least, it grows by 1 MB (96.8 MB), for some 2% more CPU. The cache stays so until
    /// the import ends.
    pub(super) fn finish(self, tx: &Transaction) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        tx.pragma_update(None, "cache_size", -1024)?;
        for (name, sql) in &self.0 {
            tx.execute_batch(sql)
                .with_context(|| format!("cannot build the index {name} again"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::DEFERRED;

    #[test]
    fn every_deferred_index_is_in_the_schema_and_none_is_unique() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::migrate::run_embedded(&mut conn).unwrap();
        for name in DEFERRED {
            let sql: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(sql.starts_with("CREATE INDEX "), "{name}: {sql}");
        }
    }
}
