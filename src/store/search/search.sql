-- Search as `zhaoshang search TERM` does, in SQL alone (Datasette's canned query `search`,
-- sqlite-utils, the sqlite3 shell): :q is one term in either script, of any length.
-- The term is folded first (search_folds: traditional → simplified, full-width → ASCII; lower()
-- for ASCII capitals), then looked up in search_fts (three or more characters: the trigrams
-- that cover it, joined by AND) or search_pairs (one or two: a trigram MATCH of 储能 finds
-- nothing). Neither index keeps positions, so an entry of a term of four or more characters is
-- kept when its text holds the term: as written, or folded the same way. Hits come best first: by kind, then
-- the shorter text: the entries are read in the order of their ids, and only until 100 are
-- found.
WITH RECURSIVE
  typed (q) AS (SELECT trim(:q)),
  folding (i, term) AS (
    SELECT 0, ''
    UNION ALL
    SELECT i + 1, term || coalesce(
             (SELECT folded FROM search_folds WHERE character = substr(q, i + 1, 1)),
             lower(substr(q, i + 1, 1)))
      FROM folding, typed WHERE i < length(q)),
  folded (term, n) AS (SELECT term, i FROM folding, typed WHERE i = length(q) AND i > 0),
  -- the first character of each trigram that covers the term: 1, 4, 7, …, and n - 2
  covering (start) AS (
    SELECT 1 FROM folded WHERE n >= 3
    UNION
    SELECT min(start + 3, n - 2) FROM covering, folded WHERE start < n - 2),
  quoted (phrase, trigrams) AS (
    SELECT '"' || replace(term, '"', '""') || '"',
           -- (shorter terms look in search_pairs; a MATCH of NULL would fail even unused)
           coalesce((SELECT group_concat('"' || replace(substr(term, start, 3), '"', '""') || '"',
                                         ' AND ')
                       FROM covering), '""')
      FROM folded)
SELECT t.kind, t.record_id, t.label, t.field, t.original
  FROM search_texts t, folded, quoted
 WHERE t.entry_id IN (
         SELECT rowid FROM search_fts WHERE n >= 3 AND search_fts MATCH trigrams
         UNION ALL
         SELECT rowid FROM search_pairs WHERE n = 2 AND search_pairs MATCH phrase
         UNION ALL
         SELECT rowid FROM search_pairs WHERE n = 1 AND search_pairs MATCH phrase || ' *')
   AND (n < 4
    -- as written (ASCII capitals aside), or else folded (the other script, full-width forms)
    OR instr(lower(t.original), term) > 0
    OR instr((WITH RECURSIVE text_folding (i, text) AS (
                SELECT 0, ''
                UNION ALL
                SELECT i + 1, text || coalesce(
                         (SELECT folded FROM search_folds
                           WHERE character = substr(t.original, i + 1, 1)),
                         lower(substr(t.original, i + 1, 1)))
                  FROM text_folding WHERE i < length(t.original))
              SELECT text FROM text_folding WHERE i = length(t.original)), term) > 0)
 ORDER BY t.entry_id
 LIMIT 100;
