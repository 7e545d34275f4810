//! Replacing a catalogued source: what the old version stated goes, and the names only it used.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction};

/// The ids of a replaced source's events and projects, by name: the new version's records of
/// the same names keep them, so that links from elsewhere (a later source's mention of a
/// project) and ids users noted stay valid.
#[derive(Default)]
pub(super) struct KeptIds {
    pub events: HashMap<String, i64>,
    pub projects: HashMap<(String, String), i64>,
}

pub(super) fn kept_ids(tx: &Transaction, source_id: i64) -> Result<KeptIds> {
    let mut kept = KeptIds::default();
    let mut stmt = tx.prepare("SELECT name, event_id FROM events WHERE source_id = ?1")?;
    for row in stmt.query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (name, id) = row?;
        kept.events.insert(name, id);
    }
    let mut stmt = tx.prepare(
        "SELECT e.name, p.name, p.project_id FROM events e JOIN projects p ON p.event_id = e.event_id
          WHERE e.source_id = ?1",
    )?;
    for row in stmt.query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
        let (event, project, id) = row?;
        kept.projects.insert((event, project), id);
    }
    Ok(kept)
}

/// A project of the replaced version that the new one drops while a later source still reports
/// it again (same_as): (project, the later source's title).
pub(super) fn dangling_mention(tx: &Transaction) -> Result<Option<(String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT m.name, s.title FROM project_mentions m
               JOIN sources s ON s.source_id = m.source_id
              WHERE m.project_id NOT IN (SELECT project_id FROM projects)
              ORDER BY m.project_id LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A project of the replaced version that the new one drops while another source reports a
/// milestone of it: (the milestone's quote, that source's title).
pub(super) fn dangling_milestone(tx: &Transaction) -> Result<Option<(String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT ms.quote, s.title
               FROM milestones ms JOIN sources s ON s.source_id = ms.source_id
              WHERE ms.project_id NOT IN (SELECT project_id FROM projects)
              ORDER BY ms.project_id LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The keys of a source's projects, by project id, before it is replaced.
pub(super) fn project_keys(tx: &Transaction, source_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = tx.prepare(
        "SELECT p.project_id, p.project_key FROM events e JOIN projects p ON p.event_id = e.event_id
          WHERE e.source_id = ?1 AND p.project_key IS NOT NULL ORDER BY p.project_id",
    )?;
    let keys = stmt
        .query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// A key the new version changes or drops while another source's `same_as` names it: that
/// source would no longer import, nor would an export of the catalogue. (key, project, the
/// other source's title).
pub(super) fn renamed_key(
    tx: &Transaction,
    source_id: i64,
    old_keys: &[(i64, String)],
) -> Result<Option<(String, String, String)>> {
    let mut now = tx.prepare_cached(
        "SELECT name, project_key FROM projects WHERE project_id = ?1 AND source_id = ?2",
    )?;
    // The other sources that name the project by its key: in a same_as, or in a milestone.
    let mut naming = tx.prepare_cached(
        "SELECT s.title FROM sources s
          WHERE s.source_id <> ?1
            AND s.source_id IN (SELECT source_id FROM project_mentions
                                 WHERE project_id = ?2 AND named_by = 'key'
                                UNION ALL
                                SELECT source_id FROM milestones
                                 WHERE project_id = ?2 AND named_by = 'key')
          ORDER BY s.source_id LIMIT 1",
    )?;
    for (project_id, key) in old_keys {
        let current: Option<(String, Option<String>)> = now
            .query_row(rusqlite::params![project_id, source_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((name, new_key)) = current else {
            continue; // dropped: dangling_mention says so
        };
        if new_key.as_deref() == Some(key.as_str()) {
            continue;
        }
        if let Some(other) = naming
            .query_row(rusqlite::params![source_id, project_id], |r| r.get(0))
            .optional()?
        {
            return Ok(Some((key.clone(), name, other)));
        }
    }
    Ok(None)
}

/// Deletes what a source states (its names stay until [`delete_orphans`], after the new version
/// is written, so that names it keeps keep their ids and are not reported as new).
pub(super) fn delete_facts(tx: &Transaction, source_id: i64) -> Result<()> {
    let deletes = [
        "DELETE FROM milestones_sliced WHERE source_id = ?1",
        "DELETE FROM project_mentions_sliced WHERE source_id = ?1",
        "DELETE FROM alternative_figures_sliced WHERE source_id = ?1",
        "DELETE FROM breakdown_parts_sliced WHERE source_id = ?1",
        "DELETE FROM place_aliases WHERE source_id = ?1",
        "DELETE FROM industry_aliases WHERE source_id = ?1",
        "DELETE FROM industry_distinctions WHERE source_id = ?1",
        "DELETE FROM project_facts_sliced WHERE source_id = ?1 OR project_id IN
            (SELECT p.project_id FROM events e JOIN projects p ON p.event_id = e.event_id
              WHERE e.source_id = ?1)",
        "DELETE FROM project_companies_sliced WHERE source_id = ?1 OR project_id IN
            (SELECT p.project_id FROM events e JOIN projects p ON p.event_id = e.event_id
              WHERE e.source_id = ?1)",
        "DELETE FROM project_industries_sliced WHERE source_id = ?1 OR project_id IN
            (SELECT p.project_id FROM events e JOIN projects p ON p.event_id = e.event_id
              WHERE e.source_id = ?1)",
        "DELETE FROM project_strategies_sliced WHERE source_id = ?1 OR project_id IN
            (SELECT p.project_id FROM events e JOIN projects p ON p.event_id = e.event_id
              WHERE e.source_id = ?1)",
        "DELETE FROM statistics WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_industries_sliced WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_strategies_sliced WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_companies_sliced WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM projects_sliced WHERE event_id IN (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM events WHERE source_id = ?1",
        "DELETE FROM place_strategies_sliced WHERE source_id = ?1",
        "DELETE FROM industry_strategies_sliced WHERE source_id = ?1",
        "DELETE FROM layout_industries_sliced WHERE source_id = ?1",
        "DELETE FROM company_aliases WHERE source_id = ?1",
        "DELETE FROM source_declarations WHERE source_id = ?1",
    ];
    for sql in deletes {
        tx.execute(sql, [source_id])?;
    }
    Ok(())
}

/// Deletes the names a replaced source introduced that nothing uses any more.
pub(super) fn delete_orphans(tx: &Transaction, source_id: i64) -> Result<()> {
    // Names this source introduced and nothing else uses; repeated for chains (a company and
    // its parent, a town and its district).
    let orphans = [
        "DELETE FROM strategies WHERE source_id = ?1
            AND strategy_id NOT IN (SELECT strategy_id FROM event_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM project_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM place_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM industry_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM layout_industries)
            AND strategy_id NOT IN (SELECT name_id FROM source_declarations
                                     WHERE kind = 'strategy')",
        "DELETE FROM companies WHERE source_id = ?1
            AND company_id NOT IN (SELECT company_id FROM project_companies)
            AND company_id NOT IN (SELECT company_id FROM event_companies)
            AND company_id NOT IN (SELECT company_id FROM company_aliases)
            AND company_id NOT IN (SELECT parent_company_id FROM companies WHERE parent_company_id IS NOT NULL)
            AND company_id NOT IN (SELECT name_id FROM source_declarations WHERE kind = 'company')",
        "DELETE FROM industries WHERE source_id = ?1
            AND industry_id NOT IN (SELECT industry_id FROM event_industries)
            AND industry_id NOT IN (SELECT industry_id FROM project_industries)
            AND industry_id NOT IN (SELECT industry_id FROM layout_industries)
            AND industry_id NOT IN (SELECT industry_id FROM industry_strategies)
            AND industry_id NOT IN (SELECT industry_id FROM industry_aliases)
            AND industry_id NOT IN (SELECT industry_id FROM industry_distinctions)
            AND industry_id NOT IN (SELECT other_id FROM industry_distinctions)
            AND industry_id NOT IN (SELECT parent_id FROM industries WHERE parent_id IS NOT NULL)
            AND industry_id NOT IN (SELECT name_id FROM source_declarations
                                     WHERE kind = 'industry')",
        "DELETE FROM places WHERE source_id = ?1
            AND place_id NOT IN (SELECT place_id FROM events)
            AND place_id NOT IN (SELECT place_id FROM projects WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM statistics)
            AND place_id NOT IN (SELECT place_id FROM strategies WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM place_strategies)
            AND place_id NOT IN (SELECT place_id FROM place_aliases)
            AND place_id NOT IN (SELECT place_id FROM breakdown_parts WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT parent_id FROM places WHERE parent_id IS NOT NULL)
            AND place_id NOT IN (SELECT name_id FROM source_declarations WHERE kind = 'place')",
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

/// The new version's figures as written, listed in the order the tables give its events and
/// projects back: a replaced source's events and projects keep their ids, which may not be in
/// the new file's order (projects reported again keep their places in the file).
pub(super) fn figures_in_table_order(
    tx: &Transaction,
    source_id: i64,
    doc: &crate::source::SourceDocument,
) -> Result<()> {
    let mut file = doc.file.clone();
    let mut event_id =
        tx.prepare_cached("SELECT event_id FROM events WHERE source_id = ?1 AND name = ?2")?;
    let mut project_id =
        tx.prepare_cached("SELECT project_id FROM projects WHERE event_id = ?1 AND name = ?2")?;
    let mut events = Vec::new();
    for mut ev in file.events {
        let id: i64 = event_id.query_row(rusqlite::params![source_id, ev.name], |r| r.get(0))?;
        // Projects reported again keep their places; the others fill the rest in id order.
        let mut first = Vec::new();
        for (j, p) in ev.projects.iter().enumerate() {
            if p.same_as.is_none() {
                let pid: i64 = project_id.query_row(rusqlite::params![id, p.name], |r| r.get(0))?;
                first.push((pid, j));
            }
        }
        let slots: Vec<usize> = first.iter().map(|(_, j)| *j).collect();
        first.sort_unstable();
        let before = ev.projects.clone();
        for (slot, (_, j)) in slots.into_iter().zip(first) {
            ev.projects[slot] = before[j].clone();
        }
        events.push((id, ev));
    }
    events.sort_by_key(|(id, _)| *id);
    file.events = events.into_iter().map(|(_, ev)| ev).collect();
    tx.prepare_cached("UPDATE sources SET figures_written = ?1 WHERE source_id = ?2")?
        .execute(rusqlite::params![
            crate::source::written::figures_written(&mut file, &doc.text),
            source_id
        ])?;
    Ok(())
}
