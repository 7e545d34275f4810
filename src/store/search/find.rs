//! Answering a search from the index, best first without sorting the matches (an entry's id is
//! its rank), and `check`'s comparison of the index with the records.

use std::collections::HashSet;

use anyhow::Result;
use rusqlite::{Connection, Statement};

use super::{KINDS, Term, bucket, bucket_end, kind_of};
use crate::source::fold::fold;
use crate::store::Store;

use super::terms::Hit;

/// The FTS query that finds one term's entries in a range of ids, in id order, and its MATCH
/// expression: search_pairs for one or two characters (the trigram index finds no shorter
/// term), search_fts for three or more. Neither index keeps positions (V14): the entries it
/// gives may hold the term's trigrams apart, which [`Gathered::consider`] leaves out.
fn candidates(term: &Term) -> (&'static str, String) {
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    match term.folded.chars().count() {
        // a pair that starts with the character, or the text's last character
        1 => (PAIRS_IN_RANGE, format!("{} *", quoted(&term.folded))),
        2 => (PAIRS_IN_RANGE, quoted(&term.folded)),
        _ => (
            TRIGRAMS_IN_RANGE,
            covering_trigrams(&term.folded)
                .iter()
                .map(|t| quoted(t))
                .collect::<Vec<_>>()
                .join(" AND "),
        ),
    }
}

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

const PAIRS_IN_RANGE: &str = "SELECT rowid FROM search_pairs WHERE search_pairs MATCH ?1
       AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid";
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
    /// term (the candidate sets of the pairs index are loose for a term with ASCII punctuation;
    /// checking the folded text keeps it from ever matching loosely), and, when `exact`, only
    /// those whose text is the first term.
    fn take(&mut self, conn: &Connection, range: (i64, i64), exact: bool) -> Result<()> {
        let driver = driving_term(self.terms);
        let (sql, expression) = candidates(driver);
        let mut ids = conn.prepare_cached(sql)?;
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
