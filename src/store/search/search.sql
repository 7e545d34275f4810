-- Search as `zhaoshang search TERM` does, in SQL alone (Datasette's canned query `search`,
-- sqlite-utils, the sqlite3 shell): :q is one term in either script, of any length.
-- The term is folded first (search_folds: traditional → simplified, full-width → ASCII; lower()
-- for ASCII capitals), then looked up in search_fts (three or more characters) or search_pairs
-- (one or two: a trigram MATCH of 储能 finds nothing). Hits come best first: by kind, then the
-- shorter text.
WITH RECURSIVE
  typed (q) AS (SELECT trim(:q)),
  folding (i, term) AS (
    SELECT 0, ''
    UNION ALL
    SELECT i + 1, term || coalesce(
             (SELECT folded FROM search_folds WHERE character = substr(q, i + 1, 1)),
             lower(substr(q, i + 1, 1)))
      FROM folding, typed WHERE i < length(q)),
  folded (term) AS (SELECT term FROM folding, typed WHERE i = length(q) AND i > 0),
  quoted (phrase, n) AS (SELECT '"' || replace(term, '"', '""') || '"', length(term) FROM folded),
  hits (entry_id) AS (
    SELECT rowid FROM search_fts, quoted WHERE n >= 3 AND search_fts MATCH phrase
    UNION ALL
    SELECT rowid FROM search_pairs, quoted WHERE n = 2 AND search_pairs MATCH phrase
    UNION ALL
    SELECT rowid FROM search_pairs, quoted WHERE n = 1 AND search_pairs MATCH phrase || ' *')
SELECT t.kind, t.record_id, t.label, t.field, t.original
  FROM hits JOIN search_texts t USING (entry_id)
 ORDER BY hits.entry_id
 LIMIT 100;
