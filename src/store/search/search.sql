-- Search as `zhaoshang search TERM` does, in SQL alone (Datasette's canned query `search`,
-- sqlite-utils, the sqlite3 shell): :q is one term in either script, of any length.
-- The term is folded first (search_folds: traditional → simplified, full-width → ASCII; lower()
-- for ASCII capitals), then looked up in search_fts: three or more characters as the trigrams
-- that cover it, joined by AND; one or two (a trigram MATCH of 储能 finds nothing) as every
-- trigram of the index's vocabulary (search_vocab) that begins with the term, joined by OR:
-- each document ends with two U+0001, so that every character and pair of a text begins one of
-- its trigrams. The index keeps no positions, so an entry of a term of four or more characters
-- is kept when its text holds the term: as written, or folded the same way. Hits come best
-- first: by kind, then the shorter text: the entries are read in the order of their ids, and
-- only until 100 are found.
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
  quoted (trigrams) AS (
    SELECT CASE WHEN n >= 3
           THEN (SELECT group_concat('"' || replace(substr(term, start, 3), '"', '""') || '"',
                                     ' AND ')
                   FROM covering)
           ELSE (SELECT group_concat('"' || replace(v.term, '"', '""') || '"', ' OR ')
                   FROM search_vocab v
                  WHERE v.term >= folded.term AND v.term <= folded.term || char(1114111, 1114111))
           END
      FROM folded)
SELECT t.kind, t.record_id, t.label, t.field, t.original
  FROM search_texts t, folded, quoted
 WHERE t.entry_id IN (
         -- (no trigram begins with the term: a MATCH of NULL would fail, '""' finds nothing)
         SELECT rowid FROM search_fts WHERE search_fts MATCH coalesce(trigrams, '""'))
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
