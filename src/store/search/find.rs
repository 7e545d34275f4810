//! Answering a search from the index, best first without sorting the matches (an entry's id is
//! its rank), and `check`'s comparison of the index with the records.

use std::collections::HashSet;

use anyhow::Result;
use rusqlite::{Connection, Statement};

use super::{END, KINDS, Term, bucket, bucket_end, kind_of};
use crate::source::fold::fold;
use crate::store::Store;

use super::terms::Hit;

/// The MATCH expression that finds one term's entries in search_fts (None: no entry holds it).
/// Three or more characters: the trigrams that cover the term, joined by AND; the index keeps
/// no positions (V14), so an entry may hold them apart, which [`Gathered::consider`] leaves out.
/// One or two characters (no trigram of their own): every trigram of the index's vocabulary
/// that begins with the term, joined by OR (each text's document ends with two [`END`]
/// characters, so that the trigrams of a text begin with each of its pairs and characters,
/// V16); when `exact`, the term followed by the end of a text, which in a bucket of the term's
/// length is the entries whose text is the term.
fn candidates(conn: &Connection, term: &Term, exact: bool) -> Result<Option<String>> {
    let folded = &term.folded;
    let length = folded.chars().count();
    if length == 0 {
        // nothing but characters that fold to nothing (zero-width ones)
        return Ok(None);
    }
    if length >= 3 {
        let trigrams: Vec<String> = covering_trigrams(folded)
            .iter()
            .map(|t| quoted(t))
            .collect();
        return Ok(Some(trigrams.join(" AND ")));
    }
    if exact {
        return Ok(Some(quoted(&format!("{folded}{}", &END[..3 - length]))));
    }
    let trigrams: Vec<String> = conn
        .prepare_cached(TRIGRAMS_BEGINNING)?
        .query_map([folded], |r| r.get::<_, String>(0))?
        .map(|t| t.map(|t| quoted(&t)))
        .collect::<rusqlite::Result<_>>()?;
    Ok((!trigrams.is_empty()).then(|| trigrams.join(" OR ")))
}

/// A term as an FTS5 string (a trigram of three characters is one token).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The trigrams of the index that begin with a text of one or two characters: a range of the
/// vocabulary, which fts5vocab reads from the index's own order (U+10FFFF sorts after every
/// character in UTF-8).
const TRIGRAMS_BEGINNING: &str = "SELECT term FROM search_vocab
  WHERE term >= ?1 AND term <= ?1 || char(1114111, 1114111) ORDER BY term";

/// The trigrams that cover a term of three or more characters: its first, every third after
/// it, and its last (飞轮储能 → 飞轮储, 轮储能). An entry whose text holds the term holds them all.
pub fn covering_trigrams(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let last = chars.len() - 3;
    let mut starts: Vec<usize> = (0..=last).step_by(3).collect();
    if starts.last() != Some(&last) {
        starts.push(last);
    }
    starts
        .into_iter()
        .map(|i| chars[i..i + 3].iter().collect())
        .collect()
}

const TRIGRAMS_IN_RANGE: &str = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1
       AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid";

/// Hits gathered in rank order: one per record, each record's best entry.
struct Gathered<'a> {
    terms: &'a [Term],
    limit: usize,
    seen: HashSet<(&'static str, i64)>,
    hits: Vec<Hit>,
}

impl Gathered<'_> {
    fn full(&self) -> bool {
        self.hits.len() >= self.limit
    }

    /// Takes the matches of the driving term between two ids, in id order, that contain every
    /// term, and, when `exact`, only those whose text is the first term.
    fn take(&mut self, conn: &Connection, range: (i64, i64), exact: bool) -> Result<()> {
        let driver = driving_term(self.terms);
        // The exact pass looks for the first term, whatever the longest.
        let looked_up = if exact { &self.terms[0] } else { driver };
        let Some(expression) = candidates(conn, looked_up, exact)? else {
            return Ok(());
        };
        let mut ids = conn.prepare_cached(TRIGRAMS_IN_RANGE)?;
        let mut rows = ids.query(rusqlite::params![expression, range.0, range.1])?;
        let mut entry = conn.prepare_cached(
            "SELECT record_id, field, label, original FROM search_texts WHERE entry_id = ?1",
        )?;
        while let Some(row) = rows.next()? {
            if self.full() {
                break;
            }
            let id: i64 = row.get(0)?;
            self.consider(&mut entry, id, exact)?;
        }
        Ok(())
    }

    fn consider(&mut self, entry: &mut Statement, id: i64, exact: bool) -> Result<()> {
        let kind = kind_of(id);
        let (record_id, field, label, original): (i64, String, Option<String>, Option<String>) =
            entry.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        if self.seen.contains(&(kind, record_id)) {
            return Ok(());
        }
        let original = original.unwrap_or_default();
        let folded = fold(&original);
        if exact && folded != self.terms[0].folded {
            return Ok(());
        }
        if !self.terms.iter().all(|t| folded.contains(&t.folded)) {
            return Ok(());
        }
        self.seen.insert((kind, record_id));
        self.hits.push(Hit {
            kind: kind.to_string(),
            record_id,
            field,
            label: label.unwrap_or_default(),
            original,
            folded,
        });
        Ok(())
    }
}

/// The term whose index lookup drives a search: the longest (the fewest matches, most often).
fn driving_term(terms: &[Term]) -> &Term {
    let mut best = &terms[0];
    for term in terms {
        if term.folded.chars().count() > best.folded.chars().count() {
            best = term;
        }
    }
    best
}

impl Store {
    /// Records whose texts contain every term (folded), best first: an exact name before a
    /// name that contains the term, then by kind (projects first, passages last), shorter
    /// texts first, then in the order they were written. The index gives its matches in that
    /// order (an entry's id is its rank), so only the matches shown are read.
    pub fn search(&self, terms: &[Term], limit: usize) -> Result<Vec<Hit>> {
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut gathered = Gathered {
            terms,
            limit,
            seen: HashSet::new(),
            hits: Vec::new(),
        };
        // Exact matches first: in each kind, the entries as long as the first term.
        let length = terms[0].folded.chars().count();
        for rank in 0..KINDS.len() as i64 {
            let first = bucket(rank, length);
            gathered.take(&self.conn, (first, bucket_end(first)), true)?;
        }
        gathered.take(&self.conn, (0, i64::MAX), false)?;
        Ok(gathered.hits)
    }

    /// Index rows that disagree with their records: missing, orphaned, or ranked for another
    /// text than their record's. For `check`.
    pub fn search_index_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT entry_id, record_id, original FROM search_texts")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (entry, record, original) = row?;
            let kind = kind_of(entry);
            match original {
                None => problems.push(format!(
                    "search_entries entry_id={entry}: its {kind} {record} no longer exists"
                )),
                Some(text) => {
                    let rank = super::kind_rank(kind);
                    let first = bucket(rank, fold(&text).chars().count());
                    if entry < first || entry >= bucket_end(first) {
                        problems.push(format!(
                            "search_entries entry_id={entry} ({kind} {record}): ranked for another text than `{text}`"
                        ));
                    }
                }
            }
        }
        for (rank, (table, key)) in INDEXED_TABLES.iter().enumerate() {
            self.missing_from_index(rank as i64, table, key, &mut problems)?;
        }
        Ok(problems)
    }

    /// Records of one kind that no entry stands for.
    fn missing_from_index(
        &self,
        rank: i64,
        table: &str,
        key: &str,
        problems: &mut Vec<String>,
    ) -> Result<()> {
        let first = bucket(rank, 0);
        let missing: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT {key} FROM {table} EXCEPT SELECT record_id FROM search_entries
                  WHERE entry_id >= ?1 AND entry_id < ?2 ORDER BY 1"
            ))?
            .query_map([first, bucket(rank + 1, 0)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in missing {
            problems.push(format!("{table} {key}={id}: not in the search index"));
        }
        Ok(())
    }
}

/// The ids of search_fts's documents, sorted, each once. The index is contentless without column
/// sizes and cannot be listed, but each document's last trigram is its last character and the
/// two [`END`] characters (V16), which no other trigram ends with: the documents are those of
/// the vocabulary's terms that end so.
pub(in crate::store) fn indexed_ids(conn: &Connection) -> Result<Vec<i64>> {
    let ends: Vec<String> = conn
        .prepare("SELECT term FROM search_vocab WHERE substr(term, -2) = ?1")?
        .query_map([END], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut documents = conn.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1")?;
    let mut ids = Vec::new();
    for end in &ends {
        for id in documents.query_map([quoted(end)], |r| r.get::<_, i64>(0))? {
            ids.push(id?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The table of each kind of record the index holds, in the order of [`KINDS`]: (table, id
/// column).
const INDEXED_TABLES: [(&str, &str); 8] = [
    ("projects", "project_id"),
    ("companies", "company_id"),
    ("events", "event_id"),
    ("strategies", "strategy_id"),
    ("industries", "industry_id"),
    ("places", "place_id"),
    ("statistics", "statistic_id"),
    ("sources", "source_id"),
];

#[cfg(test)]
mod tests {
    use super::covering_trigrams;

    #[test]
    fn the_trigrams_of_a_term_cover_every_character() {
        assert_eq!(covering_trigrams("新能源"), ["新能源"]);
        assert_eq!(covering_trigrams("飞轮储能"), ["飞轮储", "轮储能"]);
        assert_eq!(covering_trigrams("医疗器械产"), ["医疗器", "器械产"]);
        assert_eq!(covering_trigrams("abcdef"), ["abc", "def"]);
        assert_eq!(covering_trigrams("abcdefg"), ["abc", "def", "efg"]);
    }
}
