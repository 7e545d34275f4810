//! The search index: writing its rows for a source's records inside the importing transaction,
//! and answering queries. See migrations/V2__search.sql for the tables.

mod terms;

pub use terms::{Hit, Term, parse_query, snippet};

use anyhow::Result;
use rusqlite::{Connection, params};

use super::Store;
use crate::source::fold::{fold, fold_simplified, traditional, traditional_given};

/// What gets indexed: (kind, field, SQL giving record id, label, source id, text) for the rows
/// of one source (`?1`).
const INDEXED: &[(&str, &str, &str)] = &[
    (
        "project",
        "name",
        "SELECT project_id, name, source_id, name FROM projects WHERE source_id = ?1",
    ),
    (
        "event",
        "name",
        "SELECT event_id, name, source_id, name FROM events WHERE source_id = ?1",
    ),
    (
        "company",
        "name",
        "SELECT company_id, name, source_id, name FROM companies WHERE source_id = ?1",
    ),
    (
        "company",
        "alias",
        "SELECT a.company_id, c.name, a.source_id, a.alias FROM company_aliases a
           JOIN companies c ON c.company_id = a.company_id WHERE a.source_id = ?1",
    ),
    (
        "place",
        "name",
        "SELECT place_id, name, source_id, name FROM places WHERE source_id = ?1",
    ),
    (
        "industry",
        "name",
        "SELECT industry_id, name, source_id, name FROM industries WHERE source_id = ?1",
    ),
    (
        "place",
        "alias",
        "SELECT a.place_id, p.name, a.source_id, a.alias FROM place_aliases a
           JOIN places p ON p.place_id = a.place_id WHERE a.source_id = ?1",
    ),
    (
        "industry",
        "alias",
        "SELECT a.industry_id, i.name, a.source_id, a.alias FROM industry_aliases a
           JOIN industries i ON i.industry_id = a.industry_id WHERE a.source_id = ?1",
    ),
    (
        "strategy",
        "name",
        "SELECT strategy_id, name, source_id, name FROM strategies WHERE source_id = ?1",
    ),
    (
        "strategy",
        "description",
        "SELECT strategy_id, name, source_id, description FROM strategies
          WHERE source_id = ?1 AND description IS NOT NULL",
    ),
    (
        "statistic",
        "label",
        "SELECT statistic_id, metric || coalesce(': ' || label, ''), source_id, label
           FROM statistics WHERE source_id = ?1 AND label IS NOT NULL",
    ),
    (
        "statistic",
        "quote",
        "SELECT statistic_id, metric || coalesce(': ' || label, ''), source_id, quote
           FROM statistics WHERE source_id = ?1",
    ),
];

/// Splits a source text into passages: lines, and sentences within them.
fn passages(text: &str) -> Vec<&str> {
    text.split(['\n', '。', '！', '？', '!', '?'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The document of a folded text in search_pairs: its pairs and last character, space-separated.
pub(super) fn pairs_document(folded: &str) -> String {
    bigrams(folded).join(" ")
}

/// Every character pair of a folded text, and its last character alone, so that a one- or
/// two-character term is found by an index lookup; sorted, each once.
pub(super) fn bigrams(folded: &str) -> Vec<&str> {
    let starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
    let mut out: Vec<&str> = starts.windows(3).map(|w| &folded[w[0]..w[2]]).collect();
    match starts.as_slice() {
        [] => {}
        [.., before_last, last] => {
            out.push(&folded[*before_last..]);
            out.push(&folded[*last..]);
        }
        [only] => out.push(&folded[*only..]),
    }
    out.sort_unstable();
    out.dedup();
    out
}

struct Entry<'a> {
    kind: &'a str,
    record_id: i64,
    field: &'a str,
    label: &'a str,
    source_id: Option<i64>,
    original: &'a str,
}

fn insert_entry(conn: &Connection, e: &Entry) -> Result<()> {
    // One script conversion for both forms.
    let simplified = fast2s::convert(e.original);
    let folded = fold_simplified(&simplified);
    let traditional = traditional_given(e.original, &simplified);
    conn.prepare_cached(
        "INSERT INTO search_entries
                (kind, record_id, field, label, source_id, original, folded, traditional)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        e.kind,
        e.record_id,
        e.field,
        e.label,
        e.source_id,
        e.original,
        folded,
        traditional
    ])?;
    Ok(())
}

/// Keeps the two FTS5 indexes (search_fts, search_pairs) in step with search_entries during a
/// write, in bulk: entries are written with their records, and their index documents in one
/// pass at the end of the transaction (or before a source's entries are removed).
///
/// Documents written as each entry was written went out in small pieces: each statement that
/// writes a table with a statement journal makes SQLite call FTS5's xSavepoint, which writes
/// FTS5's pending terms out as a new segment (19.5% of an import's samples were under it), so
/// an import made thousands of small segments and merged them again. Written in one pass, the
/// terms of the whole import stay in FTS5's memory until it fills (FTS5's own limit), then go
/// out in large segments.
pub(in crate::store) struct Indexer {
    /// Every entry up to this id has its index documents; those above it wait for `finish`.
    indexed_up_to: i64,
}

const LAST_ENTRY: &str = "SELECT coalesce(max(entry_id), 0) FROM search_entries";

impl Indexer {
    /// Starts with the index up to date (as every committed catalogue's is).
    pub(in crate::store) fn start(conn: &Connection) -> Result<Indexer> {
        Ok(Indexer {
            indexed_up_to: conn.query_row(LAST_ENTRY, [], |r| r.get(0))?,
        })
    }

    /// Writes the index documents of every entry written since the last pass.
    pub(in crate::store) fn finish(&mut self, conn: &Connection) -> Result<()> {
        // search_fts reads its texts from search_entries (external content): the same values.
        conn.execute(
            "INSERT INTO search_fts (rowid, folded, traditional)
             SELECT entry_id, folded, traditional FROM search_entries WHERE entry_id > ?1
              ORDER BY entry_id",
            [self.indexed_up_to],
        )?;
        let mut read = conn.prepare_cached(
            "SELECT entry_id, folded FROM search_entries WHERE entry_id > ?1 ORDER BY entry_id",
        )?;
        let mut write =
            conn.prepare_cached("INSERT INTO search_pairs (rowid, pairs) VALUES (?1, ?2)")?;
        let mut rows = read.query([self.indexed_up_to])?;
        while let Some(row) = rows.next()? {
            let entry: i64 = row.get(0)?;
            let folded: String = row.get(1)?;
            write.execute(params![entry, pairs_document(&folded)])?;
            self.indexed_up_to = entry;
        }
        Ok(())
    }

    /// Removes the entries of one source's records and their index documents (before its
    /// facts are replaced).
    pub(in crate::store) fn remove_source(
        &mut self,
        conn: &Connection,
        source_id: i64,
    ) -> Result<()> {
        // Only entries with documents can be removed from a contentless or external-content
        // index, so every entry gets its documents first.
        self.finish(conn)?;
        unindex_source(conn, source_id)?;
        // New entries take ids above the largest left, which may now be below indexed_up_to.
        self.indexed_up_to = conn.query_row(LAST_ENTRY, [], |r| r.get(0))?;
        Ok(())
    }
}

/// Writes the search entries of one source's records, and of any place without a source not
/// yet indexed; [`Indexer::finish`] writes their index documents.
pub(in crate::store) fn index_source(conn: &Connection, source_id: i64) -> Result<()> {
    for (kind, field, sql) in INDEXED {
        let rows: Vec<(i64, String, Option<i64>, String)> = conn
            .prepare_cached(sql)?
            .query_map([source_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (record_id, label, source, text) in &rows {
            insert_entry(
                conn,
                &Entry {
                    kind,
                    record_id: *record_id,
                    field,
                    label,
                    source_id: *source,
                    original: text,
                },
            )?;
        }
    }
    let unsourced: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT place_id, name FROM places p WHERE source_id IS NULL AND NOT EXISTS (
                SELECT 1 FROM search_entries e WHERE e.kind = 'place' AND e.record_id = p.place_id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name) in &unsourced {
        insert_entry(
            conn,
            &Entry {
                kind: "place",
                record_id: *id,
                field: "name",
                label: name,
                source_id: None,
                original: name,
            },
        )?;
    }
    let (title, text): (String, String) = conn.query_row(
        "SELECT title, full_text FROM sources WHERE source_id = ?1",
        [source_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for passage in passages(&text) {
        insert_entry(
            conn,
            &Entry {
                kind: "passage",
                record_id: source_id,
                field: "text",
                label: &title,
                source_id: Some(source_id),
                original: passage,
            },
        )?;
    }
    Ok(())
}

/// Removes the index rows of one source's records, every one of which has its documents.
fn unindex_source(conn: &Connection, source_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM search_fts WHERE rowid IN (SELECT entry_id FROM search_entries WHERE source_id = ?1)",
        [source_id],
    )?;
    // search_pairs is contentless: a document is deleted by giving FTS5 its text again, which
    // the folded text gives.
    let entries: Vec<(i64, String)> = conn
        .prepare("SELECT entry_id, folded FROM search_entries WHERE source_id = ?1")?
        .query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut delete = conn.prepare_cached(
        "INSERT INTO search_pairs (search_pairs, rowid, pairs) VALUES ('delete', ?1, ?2)",
    )?;
    for (entry, folded) in &entries {
        delete.execute(params![entry, pairs_document(folded)])?;
    }
    conn.execute(
        "DELETE FROM search_entries WHERE source_id = ?1",
        [source_id],
    )?;
    Ok(())
}

/// Candidate entries for one term, as SQL with one parameter.
fn candidates(term: &Term) -> (&'static str, String) {
    match term.folded.chars().count() {
        // a pair that starts with the character, or the text's last character
        1 => (
            "SELECT rowid AS entry_id FROM search_pairs WHERE search_pairs MATCH ?",
            format!("\"{}\" *", term.folded.replace('"', "\"\"")),
        ),
        2 => (
            "SELECT rowid AS entry_id FROM search_pairs WHERE search_pairs MATCH ?",
            format!("\"{}\"", term.folded.replace('"', "\"\"")),
        ),
        _ => (
            "SELECT rowid AS entry_id FROM search_fts WHERE search_fts MATCH ?",
            format!("folded : \"{}\"", term.folded.replace('"', "\"\"")),
        ),
    }
}

const KIND_ORDER: &str =
    "CASE e.kind WHEN 'project' THEN 0 WHEN 'company' THEN 1 WHEN 'event' THEN 2
    WHEN 'strategy' THEN 3 WHEN 'industry' THEN 4 WHEN 'place' THEN 5 WHEN 'statistic' THEN 6
    ELSE 7 END";

/// Each kind of record the index holds: (kind, table, id column).
const INDEXED_TABLES: [(&str, &str, &str); 8] = [
    ("project", "projects", "project_id"),
    ("event", "events", "event_id"),
    ("company", "companies", "company_id"),
    ("place", "places", "place_id"),
    ("industry", "industries", "industry_id"),
    ("strategy", "strategies", "strategy_id"),
    ("statistic", "statistics", "statistic_id"),
    ("passage", "sources", "source_id"),
];

/// The catalogue has sources and the index has nothing: a database made before the index
/// existed, or a migration stopped before it built it.
const BACKFILL_NEEDED: &str =
    "SELECT NOT EXISTS (SELECT 1 FROM search_entries) AND EXISTS (SELECT 1 FROM sources)";

impl Store {
    /// Indexes every source when the index is empty but the catalogue is not (a database made
    /// before the search index existed).
    pub(in crate::store) fn search_index_needs_backfill(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row(BACKFILL_NEEDED, [], |r| r.get::<_, bool>(0))?)
    }

    pub(in crate::store) fn backfill_search_index(&mut self) -> Result<()> {
        // Read first: most opens need nothing, and need not wait for the write lock.
        if !self.search_index_needs_backfill()? {
            return Ok(());
        }
        let tx =
            rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let empty: bool = tx.query_row(BACKFILL_NEEDED, [], |r| r.get(0))?;
        if empty {
            let ids: Vec<i64> = tx
                .prepare("SELECT source_id FROM sources ORDER BY source_id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut indexer = Indexer::start(&tx)?;
            for id in ids {
                index_source(&tx, id)?;
            }
            indexer.finish(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records whose texts contain every term (folded), best first: an exact name before a
    /// name that contains the term, records before passages, shorter texts first.
    pub fn search(&self, terms: &[Term], limit: usize) -> Result<Vec<Hit>> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = String::from("WITH matched AS (");
        let mut params: Vec<String> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            if i > 0 {
                sql.push_str(" INTERSECT ");
            }
            let (candidate_sql, value) = candidates(term);
            sql.push_str(candidate_sql);
            let n = candidate_sql.matches('?').count();
            params.extend(std::iter::repeat_n(value, n));
        }
        sql.push_str(
            "), ranked AS (
                SELECT e.*, row_number() OVER (PARTITION BY e.kind, e.record_id
                    ORDER BY (e.folded = ?) DESC, length(e.folded)) AS nth
                  FROM search_entries e JOIN matched m ON m.entry_id = e.entry_id WHERE 1",
        );
        params.push(terms[0].folded.clone());
        // The candidate sets are exact for these lookups; checking the folded text again keeps
        // a phrase with spaces or an odd character from ever matching loosely.
        for term in terms {
            sql.push_str(" AND instr(e.folded, ?) > 0");
            params.push(term.folded.clone());
        }
        sql.push_str(&format!(
            ")
             SELECT e.kind, e.record_id, e.field, e.label, e.original, e.folded
               FROM ranked e WHERE nth = 1
              ORDER BY (e.folded = ?) DESC, {KIND_ORDER}, length(e.folded), e.entry_id
              LIMIT ?"
        ));
        params.push(terms[0].folded.clone());
        params.push(limit.to_string());
        let mut stmt = self.conn.prepare(&sql)?;
        let hits = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok(Hit {
                    kind: r.get(0)?,
                    record_id: r.get(1)?,
                    field: r.get(2)?,
                    label: r.get(3)?,
                    original: r.get(4)?,
                    folded: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(hits)
    }

    /// Index rows that disagree with their records: missing, stale or orphaned. For `check`.
    pub fn search_index_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT entry_id, kind, record_id, original, folded, traditional FROM search_entries",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for row in rows {
            let (entry, kind, record, original, folded, traditional_text) = row?;
            if fold(&original) != folded {
                problems.push(format!(
                    "search_entries entry_id={entry} ({kind} {record}): folded text is not the fold of `{original}`"
                ));
            }
            if traditional(&original) != traditional_text {
                problems.push(format!(
                    "search_entries entry_id={entry} ({kind} {record}): traditional text is not `{original}` in traditional script"
                ));
            }
        }
        for (kind, table, key) in INDEXED_TABLES {
            self.coverage_problems(kind, table, key, &mut problems)?;
        }
        // search_fts reads its texts from search_entries; its own table search_fts_docsize has a
        // row for each entry it indexed.
        let fts_mismatch: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM search_entries e
                      WHERE NOT EXISTS (SELECT 1 FROM search_fts_docsize d WHERE d.id = e.entry_id))
                  + (SELECT count(*) FROM search_fts_docsize d
                      WHERE NOT EXISTS (SELECT 1 FROM search_entries e WHERE e.entry_id = d.id))",
            [],
            |r| r.get(0),
        )?;
        if fts_mismatch > 0 {
            problems.push(format!(
                "search_fts: {fts_mismatch} rows out of step with search_entries"
            ));
        }
        Ok(problems)
    }

    /// Records of one kind missing from the index, entries whose record is gone, and names
    /// the index holds in an old form.
    fn coverage_problems(
        &self,
        kind: &str,
        table: &str,
        key: &str,
        problems: &mut Vec<String>,
    ) -> Result<()> {
        let missing: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT {key} FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM search_entries e
                       WHERE e.kind = '{kind}' AND e.record_id = t.{key})"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in missing {
            problems.push(format!("{table} {key}={id}: not in the search index"));
        }
        let orphans: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT entry_id FROM search_entries e WHERE e.kind = '{kind}'
                       AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = e.record_id)"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in orphans {
            problems.push(format!(
                "search_entries entry_id={id}: its {kind} no longer exists"
            ));
        }
        if kind != "statistic" && kind != "passage" {
            let stale: Vec<(i64, i64)> = self
                    .conn
                    .prepare(&format!(
                        "SELECT e.entry_id, t.{key} FROM search_entries e JOIN {table} t ON t.{key} = e.record_id
                          WHERE e.kind = '{kind}' AND e.field = 'name' AND e.original <> t.name"
                    ))?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
            for (entry, id) in stale {
                problems.push(format!(
                    "{table} {key}={id}: its search entry {entry} holds an old name"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_cover_every_pair_and_the_last_character() {
        assert_eq!(bigrams("储能"), vec!["储能", "能"]);
        assert_eq!(bigrams("飞轮储能"), vec!["储能", "能", "轮储", "飞轮"]);
        assert!(bigrams("").is_empty());
    }

    #[test]
    fn passages_split_at_lines_and_sentences() {
        assert_eq!(
            passages("標題\n第一句。第二句!\n\n"),
            vec!["標題", "第一句", "第二句"]
        );
    }
}
