//! The search index: writing its rows for a source's records inside the importing transaction,
//! and answering queries. See migrations/V2__search.sql for the tables.

mod find;
mod packed;
mod terms;

pub use find::covering_trigrams;
pub(in crate::store) use find::indexed_ids;
pub use packed::{pack, unpack};
pub use terms::{Hit, Term, parse_query, snippet};

/// Search in SQL alone, the term folded in SQL (Datasette's canned query `search`; the recipe in
/// docs/schema.md).
pub const SEARCH_SQL: &str = include_str!("search.sql");

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::source::fold::fold;

/// What gets indexed: (kind, field, SQL giving record id, alias rowid, text) for the rows of
/// one source (`?1`).
const INDEXED: &[(&str, &str, &str)] = &[
    (
        "project",
        "name",
        // through its events (a project's source is its event's; no index on projects.source_id)
        "SELECT p.project_id, NULL, p.name FROM events e JOIN projects p ON p.event_id = e.event_id
          WHERE e.source_id = ?1 ORDER BY p.project_id",
    ),
    (
        "event",
        "name",
        "SELECT event_id, NULL, name FROM events WHERE source_id = ?1 ORDER BY event_id",
    ),
    (
        "company",
        "name",
        "SELECT company_id, NULL, name FROM companies WHERE source_id = ?1",
    ),
    (
        "company",
        "alias",
        "SELECT company_id, rowid, alias FROM company_aliases WHERE source_id = ?1",
    ),
    (
        "place",
        "name",
        "SELECT place_id, NULL, name FROM places WHERE source_id = ?1",
    ),
    (
        "industry",
        "name",
        "SELECT industry_id, NULL, name FROM industries WHERE source_id = ?1",
    ),
    (
        "place",
        "alias",
        "SELECT place_id, rowid, alias FROM place_aliases WHERE source_id = ?1",
    ),
    (
        "industry",
        "alias",
        "SELECT industry_id, rowid, alias FROM industry_aliases WHERE source_id = ?1",
    ),
    (
        "strategy",
        "name",
        "SELECT strategy_id, NULL, name FROM strategies WHERE source_id = ?1",
    ),
    (
        "strategy",
        "description",
        "SELECT strategy_id, NULL, description FROM strategies
          WHERE source_id = ?1 AND description IS NOT NULL",
    ),
    (
        "statistic",
        "label",
        "SELECT statistic_id, NULL, label FROM statistics WHERE source_id = ?1 AND label IS NOT NULL",
    ),
    (
        "statistic",
        "quote",
        "SELECT statistic_id, NULL, quote FROM statistics WHERE source_id = ?1",
    ),
];

/// The kinds of record the index holds, in the order search lists them: a kind's place here is
/// the top bits of its entries' ids (see migrations/V11__smaller_catalogue.sql).
pub(super) const KINDS: [&str; 8] = [
    "project",
    "company",
    "event",
    "strategy",
    "industry",
    "place",
    "statistic",
    "passage",
];

/// Bits of an entry id below the kind, and below the length.
const KIND_SHIFT: u32 = 52;
const LENGTH_SHIFT: u32 = 40;
/// The longest length an id tells apart; longer texts rank as this long.
const MAX_LENGTH: i64 = 4095;

fn kind_rank(kind: &str) -> i64 {
    KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KINDS.len() - 1) as i64
}

/// The first id of the entries of one kind whose folded text is `length` characters long.
pub(super) fn bucket(kind_rank: i64, length: usize) -> i64 {
    (kind_rank << KIND_SHIFT) | ((length as i64).min(MAX_LENGTH) << LENGTH_SHIFT)
}

/// The first id of the next bucket (every id of a bucket is below it).
pub(super) fn bucket_end(bucket: i64) -> i64 {
    bucket + (1 << LENGTH_SHIFT)
}

/// The kind an entry id says.
pub(super) fn kind_of(entry_id: i64) -> &'static str {
    KINDS[((entry_id >> KIND_SHIFT) as usize).min(KINDS.len() - 1)]
}

/// Splits a source text into passages: lines, and sentences within them, each with its first
/// character in the text (1-based, as SQL's substr counts) and its length in characters.
fn passages(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut chars_before = 0;
    let mut from = 0;
    let separators = ['\n', '。', '！', '？', '!', '?'];
    for (at, c) in text.char_indices().chain([(text.len(), '\n')]) {
        if !separators.contains(&c) {
            continue;
        }
        let piece = &text[from..at];
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            let start = chars_before + piece[..lead].chars().count() + 1;
            out.push((start, trimmed.chars().count(), trimmed));
        }
        chars_before += piece.chars().count() + usize::from(at < text.len());
        from = (at + c.len_utf8()).min(text.len());
    }
    out
}

/// What follows each folded text in its search_fts document: two characters no folded text holds
/// (the program refuses control characters), so that every one- or two-character substring of
/// a text begins one of its trigrams, and its last trigram ends with both (V16).
pub(super) const END: &str = "\u{1}\u{1}";

/// The document of a folded text in search_fts.
pub(super) fn document(folded: &str) -> String {
    format!("{folded}{END}")
}

/// The document of a folded text in search_pairs (schema V4 to V15), for V11's migration:
/// its character pairs and last character, space-separated.
pub(super) fn pairs_document(folded: &str) -> String {
    bigrams(folded).join(" ")
}

/// Every character pair of a folded text, and its last character alone; sorted, each once.
fn bigrams(folded: &str) -> Vec<&str> {
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

/// Which text of a record an entry is, by its number in `search_entries.field` (V15: a word
/// in every entry was a fifth of the table; the view search_texts gives the word back).
const FIELDS: [&str; 6] = ["name", "text", "quote", "label", "alias", "description"];

fn field_number(field: &str) -> i64 {
    FIELDS
        .iter()
        .position(|f| *f == field)
        .unwrap_or(FIELDS.len()) as i64
}

/// One searchable text of a record, as written into search_entries.
struct Entry<'a> {
    kind: &'a str,
    record_id: i64,
    field: &'static str,
    source_id: Option<i64>,
    alias_rowid: Option<i64>,
    /// A passage's first character and length in its source's text.
    passage: Option<(usize, usize)>,
    text: &'a str,
}

/// An entry written into search_entries and its documents into the FTS5 indexes at the next
/// [`Indexer::finish`], in the order of their ids.
struct Pending {
    id: i64,
    record_id: i64,
    field: &'static str,
    source_id: Option<i64>,
    alias_rowid: Option<i64>,
    passage: Option<(usize, usize)>,
    /// The entry's document in search_fts: its folded text and [`END`], made once.
    document: String,
}

/// Writes search entries and keeps the FTS5 index (search_fts) in step with them during a write.
/// The index is contentless: its documents are the entries' folded texts (and [`END`]), kept
/// here and written in bulk when they reach `PENDING_BYTES`, at the end of the transaction, or
/// before a source's entries are removed. The entries wait with them: written in
/// the order of their ids, each bucket's new rows go to the end of its range together (written
/// as they came, one entry in eight different buckets in turn, they were 12% of an import).
///
/// Documents written as each entry was written went out in small pieces: each statement that
/// writes a table with a statement journal makes SQLite call FTS5's xSavepoint, which writes
/// FTS5's pending terms out as a new segment, so an import made thousands of small segments and
/// merged them again. Written in one pass, the terms stay in FTS5's memory until it fills (FTS5's
/// own limit), then go out in large segments.
pub(in crate::store) struct Indexer {
    /// Entries not yet written, with their folded texts.
    pending: Vec<Pending>,
    pending_bytes: usize,
    /// The largest id each bucket (kind, length) holds, as this write has seen it.
    last_ids: HashMap<i64, i64>,
    /// Places without a source given an entry by this write (written or pending).
    unsourced_places: HashSet<i64>,
    /// The catalogue's own `automerge` setting of search_fts (none: FTS5's default), put back
    /// when the write ends.
    automerge: Option<Value>,
}

/// FTS5's `automerge` while a write adds documents: a level of the index is merged into one
/// segment when it holds this many (FTS5's default is 4). At 4 an import of 100,000 projects
/// merged its many segments level by level, again and again, as they came; at 16 it spent
/// some 0.9× the CPU (the index's b-tree 2.2 MB larger: 18 segments instead of 8; a search
/// reads them as fast). The catalogue keeps its own setting outside a write.
const WRITE_AUTOMERGE: i64 = 16;

/// Folded texts held before their entries and documents are written (memory stays flat on a
/// large import: at 2 MB the entries waiting with them put an import of 100,000 projects at a
/// peak of 98 MB, at 1 MB 95 MB, in the same time).
const PENDING_BYTES: usize = 1 << 20;

impl Indexer {
    /// Starts a write of entries (in the caller's transaction, which also undoes the setting
    /// of [`WRITE_AUTOMERGE`] if the write fails).
    pub(in crate::store) fn start(conn: &Connection) -> Result<Indexer> {
        let automerge = conn
            .prepare_cached("SELECT v FROM search_fts_config WHERE k = 'automerge'")?
            .query_row([], |r| r.get::<_, Value>(0))
            .optional()?;
        set_automerge(conn, &Value::Integer(WRITE_AUTOMERGE))?;
        Ok(Indexer {
            pending: Vec::new(),
            pending_bytes: 0,
            last_ids: HashMap::new(),
            unsourced_places: HashSet::new(),
            automerge,
        })
    }

    /// Writes what is pending and puts the catalogue's own `automerge` back (no row for FTS5's
    /// default, as before the write).
    pub(in crate::store) fn finish(mut self, conn: &Connection) -> Result<()> {
        self.flush(conn)?;
        match &self.automerge {
            Some(own) => set_automerge(conn, own),
            None => {
                set_automerge(conn, &Value::Integer(4))?;
                conn.execute("DELETE FROM search_fts_config WHERE k = 'automerge'", [])?;
                Ok(())
            }
        }
    }

    /// The next id of a bucket: after every id it holds, so that entries of one kind and length
    /// rank in the order they were written.
    fn next_id(&mut self, conn: &Connection, bucket: i64) -> Result<i64> {
        let last = match self.last_ids.get(&bucket) {
            Some(last) => *last,
            None => conn
                .prepare_cached(
                    "SELECT max(entry_id) FROM search_entries WHERE entry_id >= ?1 AND entry_id < ?2",
                )?
                .query_row([bucket, bucket_end(bucket)], |r| r.get::<_, Option<i64>>(0))?
                .unwrap_or(bucket),
        };
        let id = last + 1;
        anyhow::ensure!(id < bucket_end(bucket), "the search index is full");
        self.last_ids.insert(bucket, id);
        Ok(id)
    }

    /// Queues an entry; returns its id.
    fn insert_entry(&mut self, conn: &Connection, e: &Entry) -> Result<i64> {
        let mut document = fold(e.text);
        let id = self.next_id(conn, bucket(kind_rank(e.kind), document.chars().count()))?;
        self.pending_bytes += document.len();
        document.push_str(END);
        self.pending.push(Pending {
            id,
            record_id: e.record_id,
            field: e.field,
            source_id: e.source_id,
            alias_rowid: e.alias_rowid,
            passage: e.passage,
            document,
        });
        if self.pending_bytes >= PENDING_BYTES {
            self.flush(conn)?;
        }
        Ok(id)
    }

    /// Writes every entry written since the last pass and their index documents.
    fn flush(&mut self, conn: &Connection) -> Result<()> {
        // FTS5 keeps pending terms in memory only while rowids ascend; a lower one writes them
        // out as a segment. Entries are written in the order of their records, not of their ids.
        self.pending.sort_unstable_by_key(|p| p.id);
        let mut entries = conn.prepare_cached(
            "INSERT INTO search_entries (entry_id, record_id, field, source_id, alias_rowid,
                                         passage_start, passage_length)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for p in &self.pending {
            entries.execute(params![
                p.id,
                p.record_id,
                field_number(p.field),
                p.source_id,
                p.alias_rowid,
                p.passage.map(|p| p.0 as i64),
                p.passage.map(|p| p.1 as i64),
            ])?;
        }
        let mut fts =
            conn.prepare_cached("INSERT INTO search_fts (rowid, folded) VALUES (?1, ?2)")?;
        for p in &self.pending {
            fts.execute(params![p.id, p.document])?;
        }
        self.pending.clear();
        self.pending_bytes = 0;
        Ok(())
    }

    /// Removes the entries of one source's records and their index documents (before its
    /// facts are replaced).
    pub(in crate::store) fn remove_source(
        &mut self,
        conn: &Connection,
        source_id: i64,
    ) -> Result<()> {
        // Only entries with documents can be removed from a contentless index, so every entry
        // gets its documents first.
        self.flush(conn)?;
        unindex_source(conn, source_id)
    }

    /// Writes the search entries of one source's records and their list
    /// (search_source_entries), and the entries of any place without a source not yet indexed;
    /// [`Indexer::finish`] writes their index documents.
    pub(in crate::store) fn index_source(
        &mut self,
        conn: &Connection,
        source_id: i64,
    ) -> Result<()> {
        let mut ids = Vec::new();
        for (kind, field, sql) in INDEXED {
            let rows: Vec<(i64, Option<i64>, String)> = conn
                .prepare_cached(sql)?
                .query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (record_id, alias_rowid, text) in &rows {
                let entry = Entry {
                    kind,
                    record_id: *record_id,
                    field,
                    source_id: Some(source_id),
                    alias_rowid: *alias_rowid,
                    passage: None,
                    text,
                };
                ids.push(self.insert_entry(conn, &entry)?);
            }
        }
        self.index_unsourced_places(conn)?;
        let text: String = conn
            .prepare_cached("SELECT full_text FROM sources WHERE source_id = ?1")?
            .query_row([source_id], |r| r.get(0))?;
        for (start, length, passage) in passages(&text) {
            let entry = Entry {
                kind: "passage",
                record_id: source_id,
                field: "text",
                source_id: Some(source_id),
                alias_rowid: None,
                passage: Some((start, length)),
                text: passage,
            };
            ids.push(self.insert_entry(conn, &entry)?);
        }
        conn.prepare_cached(
            "INSERT INTO search_source_entries (source_id, entry_ids) VALUES (?1, ?2)",
        )?
        .execute(params![source_id, pack(&mut ids)])?;
        Ok(())
    }

    /// Places added to complete the hierarchy (no source) that have no entry yet.
    fn index_unsourced_places(&mut self, conn: &Connection) -> Result<()> {
        let unsourced: Vec<(i64, String)> = conn
            .prepare_cached(
                "SELECT place_id, name FROM places p WHERE source_id IS NULL AND NOT EXISTS (
                    SELECT 1 FROM search_entries e WHERE e.source_id IS NULL
                       AND e.record_id = p.place_id AND e.field = 0 -- name
                 )",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, name) in &unsourced {
            // One whose entry waits to be written is not in search_entries yet.
            if !self.unsourced_places.insert(*id) {
                continue;
            }
            let entry = Entry {
                kind: "place",
                record_id: *id,
                field: "name",
                source_id: None,
                alias_rowid: None,
                passage: None,
                text: name,
            };
            self.insert_entry(conn, &entry)?;
        }
        Ok(())
    }
}

/// Sets FTS5's `automerge` of search_fts (a row of search_fts_config).
fn set_automerge(conn: &Connection, value: &Value) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ?1)")?
        .execute([value])?;
    Ok(())
}

/// The text an entry indexes, read from its record (NULL when the record is gone).
pub(super) const ENTRY_TEXT: &str = "SELECT original FROM search_texts WHERE entry_id = ?1";

/// The entry ids a source's list (search_source_entries) holds; none when it has no list.
pub(in crate::store) fn source_entries(conn: &Connection, source_id: i64) -> Result<Vec<i64>> {
    let packed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT entry_ids FROM search_source_entries WHERE source_id = ?1")?
        .query_row([source_id], |r| r.get(0))
        .optional()?;
    match packed {
        Some(bytes) => unpack(&bytes).map_err(|e| {
            e.context(format!(
                "search_source_entries source_id={source_id}: cannot read its list (check --repair rebuilds it)"
            ))
        }),
        None => Ok(Vec::new()),
    }
}

/// Removes the index rows of one source's records, every one of which has its documents.
fn unindex_source(conn: &Connection, source_id: i64) -> Result<()> {
    // A source's entries are scattered over the buckets of their kinds and lengths, and
    // search_entries has no index on source_id (V17): the source's list names them.
    let ids = source_entries(conn, source_id)?;
    // The index is contentless: a document is deleted by giving FTS5 its text again, which
    // the entry's record gives (still there: facts are deleted after their entries).
    let mut text = conn.prepare_cached(ENTRY_TEXT)?;
    let mut fts = conn.prepare_cached(
        "INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', ?1, ?2)",
    )?;
    let mut entry = conn.prepare_cached("DELETE FROM search_entries WHERE entry_id = ?1")?;
    for id in ids {
        // (an id the list names that is no entry: nothing to remove; `check` reports such lists)
        let Some(original) = text
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
        else {
            continue;
        };
        fts.execute(params![id, document(&fold(&original.unwrap_or_default()))])?;
        entry.execute([id])?;
    }
    conn.execute(
        "DELETE FROM search_source_entries WHERE source_id = ?1",
        [source_id],
    )?;
    Ok(())
}

/// The catalogue has sources and the index has nothing: a database made before the index
/// existed, or a migration stopped before it built it.
const BACKFILL_NEEDED: &str =
    "SELECT NOT EXISTS (SELECT 1 FROM search_entries) AND EXISTS (SELECT 1 FROM sources)";

/// search_folds is empty: a catalogue just made or migrated to V11.
const FOLDS_NEEDED: &str = "SELECT NOT EXISTS (SELECT 1 FROM search_folds)";

/// Single characters whose fold is another: CJK (traditional → simplified), full-width forms,
/// Latin, Greek and Cyrillic capitals (ASCII ones SQL's lower() folds).
fn single_folds() -> Vec<(String, String)> {
    let ranges = [
        '\u{00C0}'..='\u{024F}',
        '\u{0370}'..='\u{04FF}',
        '\u{3000}'..='\u{9FFF}',
        '\u{F900}'..='\u{FAFF}',
        '\u{FF00}'..='\u{FFEF}',
    ];
    ranges
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let typed = c.to_string();
            let folded = fold(&typed);
            (folded != typed).then_some((typed, folded))
        })
        .collect()
}

fn needed(conn: &Connection) -> Result<(bool, bool)> {
    Ok((
        conn.query_row(BACKFILL_NEEDED, [], |r| r.get(0))?,
        conn.query_row(FOLDS_NEEDED, [], |r| r.get(0))?,
    ))
}

impl Store {
    /// The index or search_folds is to be written (see [`Store::backfill_search_index`]).
    pub(in crate::store) fn search_index_needs_backfill(&self) -> Result<bool> {
        Ok(needed(&self.conn)? != (false, false))
    }

    /// Indexes every source when the index is empty but the catalogue is not (a database made
    /// before the search index existed), and writes search_folds when it is empty.
    pub(in crate::store) fn backfill_search_index(&mut self) -> Result<()> {
        // Read first: most opens need nothing, and need not wait for the write lock.
        if !self.search_index_needs_backfill()? {
            return Ok(());
        }
        let tx =
            rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let (entries, folds) = needed(&tx)?;
        if entries {
            tx.execute("DELETE FROM search_source_entries", [])?;
            let ids: Vec<i64> = tx
                .prepare("SELECT source_id FROM sources ORDER BY source_id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut indexer = Indexer::start(&tx)?;
            for id in ids {
                indexer.index_source(&tx, id)?;
            }
            indexer.finish(&tx)?;
        }
        if folds {
            let mut insert =
                tx.prepare("INSERT INTO search_folds (character, folded) VALUES (?1, ?2)")?;
            for (typed, folded) in single_folds() {
                insert.execute([typed, folded])?;
            }
        }
        tx.commit()?;
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
            passages("標題\n 第一句。第二句!\n\n"),
            vec![(1, 2, "標題"), (5, 3, "第一句"), (9, 3, "第二句")]
        );
        // each passage is the slice of the text that SQL's substr(text, start, length) gives
        let text = "一行 。\n\n  第二行，有逗號？最後";
        for (start, length, passage) in passages(text) {
            let slice: String = text.chars().skip(start - 1).take(length).collect();
            assert_eq!(slice, passage);
        }
    }

    fn automerge(conn: &Connection) -> Option<i64> {
        conn.query_row(
            "SELECT v FROM search_fts_config WHERE k = 'automerge'",
            [],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
    }

    #[test]
    fn a_write_merges_the_index_at_its_own_setting_and_puts_the_catalogues_back() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate::run_embedded(&mut conn).unwrap();
        let indexer = Indexer::start(&conn).unwrap();
        assert_eq!(automerge(&conn), Some(WRITE_AUTOMERGE));
        indexer.finish(&conn).unwrap();
        assert_eq!(
            automerge(&conn),
            None,
            "FTS5's default, as before the write"
        );
        // a setting of the catalogue's own (made in the sqlite3 shell) is kept
        conn.execute(
            "INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8)",
            [],
        )
        .unwrap();
        let indexer = Indexer::start(&conn).unwrap();
        assert_eq!(automerge(&conn), Some(WRITE_AUTOMERGE));
        indexer.finish(&conn).unwrap();
        assert_eq!(automerge(&conn), Some(8));
    }

    #[test]
    fn entry_ids_rank_kinds_then_lengths() {
        let project_long = bucket(kind_rank("project"), 30);
        let company_short = bucket(kind_rank("company"), 2);
        assert!(project_long < company_short);
        assert!(bucket(kind_rank("place"), 3) < bucket(kind_rank("place"), 4));
        assert_eq!(bucket(0, 5000), bucket(0, 4095));
        assert_eq!(kind_of(bucket_end(company_short) - 1), "company");
        assert_eq!(kind_of(bucket(kind_rank("passage"), 9) + 7), "passage");
    }
}
