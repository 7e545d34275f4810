-- V14: the trigram index without positions (issue 31). search_fts kept, for every trigram of
-- every folded text, where in the text it stands (detail=full): half its size, a fifth of the
-- file at 100,000 generated projects, which nothing needed: a search already checks each
-- entry it lists against the folded text (a phrase of trigrams matched by their positions is
-- no more exact than that check). It now stores which entries hold each trigram and nothing
-- else (detail=none, as search_pairs).
--
-- A trigram MATCH of a phrase (`MATCH '"飞轮储能"'`) needs the positions: SQLite refuses it
-- ("phrase queries are not supported"). A term of three or more characters is looked up as its
-- trigrams, each a term of its own, joined by AND (飞轮储能 → `"飞轮储" AND "轮储能"`, for a longer
-- term the trigrams that cover it: its first, every third after it, its last), and the entries
-- that hold them all are those whose folded text may contain the term, which a search then
-- checks: the program against each entry's folded text, the canned query `search` against its
-- text folded in SQL. The same entries as before, in the same order.
--
-- The index is rebuilt here from the entries' texts (search_texts.original), folded by the
-- program's zhaoshang_fold (the fold the program indexes with, registered on the connection
-- that migrates), in the migrations' one transaction.

DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content = '', columnsize = 0, detail = 'none',
                                           tokenize = 'trigram');
INSERT INTO search_fts (rowid, folded)
SELECT entry_id, zhaoshang_fold(original) FROM search_texts ORDER BY entry_id;
