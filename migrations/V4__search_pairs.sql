-- V4: one- and two-character search terms through a compact index. V2's search_bigrams held a
-- row per character pair of every searchable text (about 53 rows per project, a quarter of the
-- file and 41% of import time); search_pairs holds the same pairs as an FTS5 index, which stores
-- each pair once with the list of entries holding it.
--
-- search_pairs is contentless (content=''): the document of entry E (rowid E) is the pairs of
-- its folded text and its last character, separated by spaces (飞轮储能 → `飞轮 轮储 储能 能`),
-- written by the program. The `ascii` tokenizer is built into FTS5, so the stock sqlite3 shell
-- reads and queries it:
--   two characters:  SELECT rowid FROM search_pairs WHERE search_pairs MATCH '"储能"';
--   one character:   SELECT rowid FROM search_pairs WHERE search_pairs MATCH '"储" *';
-- detail=none keeps only which entries hold a pair (search needs no positions).
--
-- The search index is emptied here and rebuilt by the program from the catalogue the next time
-- it opens the file (as for a database made before V2).

DROP TABLE search_bigrams;
CREATE VIRTUAL TABLE search_pairs USING fts5(pairs, content = '', tokenize = 'ascii', detail = 'none');
DELETE FROM search_fts;
DELETE FROM search_entries;
