//! Replacing a catalogued source: what the old version stated goes, and the names only it used.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, Transaction};

/// Deletes what a source states, and the names only it used; shared names stay.
pub(super) fn delete_source_facts(tx: &Transaction, source_id: i64) -> Result<()> {
    refuse_if_cited(tx, source_id)?;
    delete_facts(tx, source_id)?;
    delete_orphans(tx, source_id)
}

fn refuse_if_cited(tx: &Transaction, source_id: i64) -> Result<()> {
    // A project that a later source reports again cannot go from under that source.
    let cited: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT p.name, s.title FROM project_mentions m
               JOIN projects p ON p.project_id = m.project_id
               JOIN sources s ON s.source_id = m.source_id
              WHERE p.source_id = ?1 AND m.source_id <> ?1
              ORDER BY p.project_id LIMIT 1",
        )?
        .query_row([source_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((project, other)) = cited {
        bail!(
            "project `{project}` of this source is reported again by the source `{other}` \
             (same_as); replacing would take it from under that source. Re-import that source \
             after this one, or keep this version"
        );
    }
    Ok(())
}

fn delete_facts(tx: &Transaction, source_id: i64) -> Result<()> {
    let deletes = [
        "DELETE FROM project_mentions WHERE source_id = ?1",
        "DELETE FROM alternative_figures WHERE source_id = ?1",
        "DELETE FROM breakdown_parts WHERE source_id = ?1",
        "DELETE FROM place_aliases WHERE source_id = ?1",
        "DELETE FROM industry_aliases WHERE source_id = ?1",
        "DELETE FROM project_facts WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_companies WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_industries WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_strategies WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM statistics WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_industries WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_strategies WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM projects WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM events WHERE source_id = ?1",
        "DELETE FROM place_strategies WHERE source_id = ?1",
        "DELETE FROM industry_strategies WHERE source_id = ?1",
        "DELETE FROM layout_industries WHERE source_id = ?1",
        "DELETE FROM company_aliases WHERE source_id = ?1",
    ];
    for sql in deletes {
        tx.execute(sql, [source_id])?;
    }
    Ok(())
}

fn delete_orphans(tx: &Transaction, source_id: i64) -> Result<()> {
    // Names this source introduced and nothing else uses; repeated for chains (a company and
    // its parent, a town and its district).
    let orphans = [
        "DELETE FROM strategies WHERE source_id = ?1
            AND strategy_id NOT IN (SELECT strategy_id FROM event_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM project_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM place_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM industry_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM layout_industries)",
        "DELETE FROM companies WHERE source_id = ?1
            AND company_id NOT IN (SELECT company_id FROM project_companies)
            AND company_id NOT IN (SELECT company_id FROM company_aliases)
            AND company_id NOT IN (SELECT parent_company_id FROM companies WHERE parent_company_id IS NOT NULL)",
        "DELETE FROM industries WHERE source_id = ?1
            AND industry_id NOT IN (SELECT industry_id FROM event_industries)
            AND industry_id NOT IN (SELECT industry_id FROM project_industries)
            AND industry_id NOT IN (SELECT industry_id FROM layout_industries)
            AND industry_id NOT IN (SELECT industry_id FROM industry_strategies)
            AND industry_id NOT IN (SELECT industry_id FROM industry_aliases)
            AND industry_id NOT IN (SELECT parent_id FROM industries WHERE parent_id IS NOT NULL)",
        "DELETE FROM places WHERE source_id = ?1
            AND place_id NOT IN (SELECT place_id FROM events)
            AND place_id NOT IN (SELECT place_id FROM projects WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM statistics)
            AND place_id NOT IN (SELECT place_id FROM strategies WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM place_strategies)
            AND place_id NOT IN (SELECT place_id FROM place_aliases)
            AND place_id NOT IN (SELECT parent_id FROM places WHERE parent_id IS NOT NULL)",
    ];
    loop {
        let mut deleted = 0;
        for sql in orphans {
            deleted += tx.execute(sql, [source_id])?;
        }
        if deleted == 0 {
            return Ok(());
        }
    }
}

/// Rows of a source whose quotes are not in its text (after a replace).
pub(super) fn stale_quotes(tx: &Transaction, source_id: i64) -> Result<Vec<String>> {
    Ok(crate::store::read::quotes_not_in_text(tx, Some(source_id))?
        .into_iter()
        .map(|q| format!("{} `{}`", q.record, q.quote))
        .collect())
}
