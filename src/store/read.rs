//! Reading the whole catalogue: a stable dump for comparisons, and the consistency check.

use anyhow::Result;

use super::Store;

/// One finding of `check`: what is wrong and which record it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckProblem {
    pub record: String,
    pub problem: String,
}

/// Tables whose rows carry `quote` (and `source_id`) and the column naming the record.
const QUOTED: &[(&str, &str, &str)] = &[
    ("places", "place_id", "quote"),
    ("industries", "industry_id", "quote"),
    ("companies", "company_id", "quote"),
    ("companies", "company_id", "home_city_quote"),
    ("companies", "company_id", "parent_quote"),
    ("company_aliases", "alias", "quote"),
    ("events", "event_id", "quote"),
    ("events", "event_id", "project_count_quote"),
    ("events", "event_id", "signed_amount_quote"),
    ("projects", "project_id", "quote"),
    ("projects", "project_id", "amount_quote"),
    ("projects", "project_id", "place_quote"),
    ("project_facts", "project_fact_id", "quote"),
    ("project_companies", "project_id", "quote"),
    ("event_industries", "event_id", "quote"),
    ("project_industries", "project_id", "quote"),
    ("strategies", "strategy_id", "quote"),
    ("layout_industries", "strategy_id", "quote"),
    ("event_strategies", "event_id", "quote"),
    ("event_companies", "event_id", "quote"),
    ("project_strategies", "project_id", "quote"),
    ("place_strategies", "place_id", "quote"),
    ("industry_strategies", "industry_id", "quote"),
    ("statistics", "statistic_id", "quote"),
    ("companies", "company_id", "home_country_quote"),
    ("place_aliases", "alias", "quote"),
    ("industry_aliases", "alias", "quote"),
    ("project_mentions", "project_id", "quote"),
    ("project_mentions", "project_id", "amount_quote"),
    ("breakdown_parts", "part_id", "quote"),
    ("alternative_figures", "alternative_id", "quote"),
    ("milestones", "milestone_id", "quote"),
    ("milestones", "milestone_id", "amount_quote"),
];

/// Pairs of names of one kind that may be the same thing written twice: equal once folded, or
/// one inside the other (智能網聯新能源汽車 / 智能網聯新能源汽車與零部件); industries said to be
/// distinct (消費品工業 / 工業) are not asked about. A place inside its own
/// parent or child is not counted; companies are compared by folded name only (a short name is
/// inside its full name by nature: give it as an alias).
const NEAR_DUPLICATES: &str = "
    WITH industry_names (id, name, key) AS (
        SELECT industry_id, name, name_key FROM industries
        UNION ALL SELECT industry_id, alias, alias_key FROM industry_aliases
    ),
    place_names (id, name, key, parent_id, kind) AS (
        SELECT place_id, name, name_key, parent_id, kind FROM places
        UNION ALL SELECT p.place_id, a.alias, a.alias_key, p.parent_id, p.kind
          FROM place_aliases a JOIN places p ON p.place_id = a.place_id
    )
    SELECT DISTINCT 'industry', a.name, b.name, a.key = b.key
      FROM industry_names a JOIN industry_names b ON a.id < b.id
     WHERE (instr(a.key, b.key) > 0 OR instr(b.key, a.key) > 0)
       -- two industries a source's cataloguer said are distinct (distinct_from)
       AND NOT EXISTS (SELECT 1 FROM industry_distinctions d
                        WHERE (d.industry_id = a.id AND d.other_id = b.id)
                           OR (d.industry_id = b.id AND d.other_id = a.id))
    UNION ALL
    SELECT DISTINCT 'place', a.name, b.name, a.key = b.key
      FROM place_names a JOIN place_names b ON a.id < b.id
     WHERE (instr(a.key, b.key) > 0 OR instr(b.key, a.key) > 0)
       AND a.parent_id IS NOT b.id AND b.parent_id IS NOT a.id
       AND (a.key = b.key OR a.kind = b.kind)
       AND NOT (a.key = b.key AND a.parent_id IS NOT b.parent_id)
    UNION ALL
    SELECT 'company', a.name, b.name, 1
      FROM companies a JOIN companies b ON a.name_key = b.name_key AND a.company_id < b.company_id
     ORDER BY 1, 2, 3";

/// A quote that is not part of its source's text.
pub(super) struct MissingQuote {
    /// `table key=id`
    pub record: String,
    pub column: &'static str,
    pub quote: String,
}

/// A quote of a source and the record that states it: (quote, the record's id column, its id).
pub type QuotedBy = (String, &'static str, String);

/// Every quote of one source's records, with the record quoting it, for marking its text.
pub(super) fn quotes_of_source(
    conn: &rusqlite::Connection,
    source_id: i64,
) -> Result<Vec<QuotedBy>> {
    let mut quotes = std::collections::BTreeSet::new();
    for (table, key, column) in QUOTED {
        let mut stmt = conn.prepare(&format!(
            "SELECT {column}, CAST({key} AS TEXT) FROM {table}
              WHERE source_id = ?1 AND {column} IS NOT NULL"
        ))?;
        let rows = stmt.query_map([source_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (quote, id) = row?;
            quotes.insert((quote, *key, id));
        }
    }
    Ok(quotes.into_iter().collect())
}

/// Every quote not found in its source's text; of one source, or of all.
pub(super) fn quotes_not_in_text(
    conn: &rusqlite::Connection,
    source_id: Option<i64>,
) -> Result<Vec<MissingQuote>> {
    let mut missing = Vec::new();
    for (table, key, column) in QUOTED {
        let sql = if super::sliced::SLICED.contains(table) {
            // A slice is the text's by construction: it must lie within the text.
            let (first, last) = super::sliced::first_and_last(&format!("t.{column}_at"));
            // A slice must lie within its text (each text's length in bytes read once). One that
            // splits a character cannot be read as text: rebuilding its source fails, and
            // `check_records` says so.
            format!(
                "WITH texts AS MATERIALIZED (
                     SELECT source_id, length(CAST(full_text AS BLOB)) AS bytes FROM sources
                      WHERE ?1 IS NULL OR source_id = ?1)
                 SELECT CAST(t.{key} AS TEXT),
                        CASE WHEN typeof(t.{column}_at) = 'integer'
                             THEN 'bytes ' || {first} || ' to ' || {last}
                                  || ', beyond the text''s ' || s.bytes
                             ELSE t.{column}_at END
                   FROM {table}_sliced t JOIN texts s ON s.source_id = t.source_id
                  WHERE t.{column}_at IS NOT NULL
                    AND CASE WHEN typeof(t.{column}_at) = 'integer' THEN {last} > s.bytes
                             ELSE instr((SELECT full_text FROM sources
                                          WHERE source_id = t.source_id), t.{column}_at) = 0
                        END"
            )
        } else {
            format!(
                "SELECT CAST(t.{key} AS TEXT), t.{column} FROM {table} t
                   JOIN sources s ON s.source_id = t.source_id
                  WHERE (?1 IS NULL OR t.source_id = ?1)
                    AND t.{column} IS NOT NULL AND instr(s.full_text, t.{column}) = 0"
            )
        };
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([source_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, quote) = row?;
            missing.push(MissingQuote {
                record: format!("{table} {key}={id}"),
                column,
                quote,
            });
        }
    }
    Ok(missing)
}

impl Store {
    /// Every quote of a source's records, with the record that states it.
    pub fn source_quotes(&self, source_id: i64) -> Result<Vec<QuotedBy>> {
        quotes_of_source(&self.conn, source_id)
    }

    /// Row counts of every catalogue table, for messages and tests.
    pub fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
               AND name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history'
               -- FTS5's own storage differs with insertion history; its content does not
               AND name NOT LIKE 'search_fts_%'
               -- contentless without column sizes: it cannot be read whole; search_vocab
               -- gives its terms and how many documents hold each
               AND name <> 'search_fts' ORDER BY name",
        )?;
        let tables = stmt
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut counts = Vec::new();
        for table in tables {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
                        row.get(0)
                    })?;
            counts.push((table, n));
        }
        Ok(counts)
    }

    /// Every row of a table as text, in rowid order: a stable dump for comparing two states.
    pub fn dump(&self) -> Result<String> {
        let mut out = String::new();
        for (table, _) in self.table_counts()? {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let width = stmt.column_count();
            let mut rows = stmt.query([])?;
            out.push_str(&format!("## {table}\n"));
            while let Some(row) = rows.next()? {
                let mut cells = Vec::with_capacity(width);
                for i in 0..width {
                    let v: rusqlite::types::Value = row.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Names that may be one thing written twice (see NEAR_DUPLICATES): worth a look, not an
    /// error.
    pub fn name_warnings(&self) -> Result<Vec<CheckProblem>> {
        let mut stmt = self.conn.prepare(NEAR_DUPLICATES)?;
        let rows = stmt.query_map([], |r| {
            let (kind, a, b, same): (String, String, String, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(CheckProblem {
                record: format!("{kind} {a}"),
                problem: if same {
                    format!("`{a}` and `{b}` are the same name once folded; one {kind} or two?")
                } else {
                    format!(
                        "one name holds the other: `{a}` / `{b}`; if they are one {kind}, give \
                         one as an alias of the other (format 2)"
                    )
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Verifies the file: SQLite's integrity and foreign keys, the migration history, and that
    /// every quote is a verbatim part of its source's text.
    pub fn check(&self) -> Result<Vec<CheckProblem>> {
        type Step = fn(&Store, &mut Vec<CheckProblem>) -> Result<()>;
        let steps: [(&str, Step); 12] = [
            ("integrity check", Store::check_integrity),
            ("foreign key check", Store::check_foreign_keys),
            ("migration history", Store::check_history_rows),
            ("schema", Store::check_schema),
            ("quotes", Store::check_quotes),
            ("figures", Store::check_figures),
            ("source records", Store::check_records),
            ("name keys", Store::check_name_keys),
            ("search index", Store::check_search_index),
            ("search documents", Store::check_search_documents),
            ("search lists", Store::check_search_lists),
            ("source texts", Store::check_texts),
        ];
        let mut problems = Vec::new();
        for (what, step) in steps {
            let Err(e) = step(self, &mut problems) else {
                continue;
            };
            // A damaged file fails a check part-way; say which, keep what was found, and stop
            // where the damage makes every later check fail the same way.
            let damaged = e.chain().any(|c| {
                c.downcast_ref::<rusqlite::Error>()
                    .and_then(rusqlite::Error::sqlite_error_code)
                    == Some(rusqlite::ErrorCode::DatabaseCorrupt)
            });
            problems.push(CheckProblem {
                record: "database".into(),
                problem: format!("the {what} could not be completed: {e:#}"),
            });
            if damaged {
                problems.push(CheckProblem {
                    record: "database".into(),
                    problem: "the file is damaged; later checks were skipped. Restore it from a \
                              backup, or export what can still be read"
                        .into(),
                });
                break;
            }
        }
        Ok(problems)
    }

    fn check_history_rows(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        if let Err(e) = self.migration_status() {
            problems.push(CheckProblem {
                record: "refinery_schema_history".into(),
                problem: format!("{e:#}"),
            });
        }
        Ok(())
    }

    fn check_quotes(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        for q in quotes_not_in_text(&self.conn, None)? {
            problems.push(CheckProblem {
                record: q.record,
                problem: format!("{} `{}` is not in its source's text", q.column, q.quote),
            });
        }
        Ok(())
    }

    fn check_search_index(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        for problem in self.search_index_problems()? {
            let (record, problem) = problem
                .split_once(": ")
                .unwrap_or(("search index", &problem));
            problems.push(CheckProblem {
                record: record.to_string(),
                problem: problem.to_string(),
            });
        }
        Ok(())
    }

    /// SQLite's own verdict on the file.
    fn check_integrity(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |row| row.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(CheckProblem {
                    record: "database".into(),
                    problem: format!("integrity_check: {line}"),
                });
            }
        }
        Ok(())
    }

    /// Rows that refer to rows that are gone (the shell does not enforce foreign keys).
    fn check_foreign_keys(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (table, rowid, parent) = row?;
            problems.push(CheckProblem {
                record: format!(
                    "{table} rowid {}",
                    rowid.map_or("?".into(), |r| r.to_string())
                ),
                problem: format!("refers to a missing row of {parent}"),
            });
        }
        Ok(())
    }

    /// Figures the schema cannot check on its own: a band counts projects, and a count of
    /// projects is a whole number.
    fn check_figures(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT statistic_id, 'a band count must be a count of projects, not money'
               FROM statistics WHERE (band_min_yuan IS NOT NULL OR band_max_yuan IS NOT NULL) AND value IS NULL
             UNION ALL
             SELECT statistic_id, 'a count of projects must be a whole number'
               FROM statistics WHERE metric = 'projects_in_band' AND value <> CAST(value AS INTEGER)",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, problem) = row?;
            problems.push(CheckProblem {
                record: format!("statistics statistic_id={id}"),
                problem,
            });
        }
        Ok(())
    }

    /// A source text edited after import no longer matches its hash.
    fn check_texts(&self, problems: &mut Vec<CheckProblem>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT source_id, title, full_text, text_sha256 FROM sources")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, title, text, sha) = row?;
            if crate::source::hex_sha256(text.as_bytes()) != sha {
                problems.push(CheckProblem {
                    record: format!("sources source_id={id} ({title})"),
                    problem: "full_text does not match text_sha256: the text was edited".into(),
                });
            }
        }
        Ok(())
    }
}
