-- V16: one- and two-character terms answered by the trigram index (issue 31, sixth part).
--
-- search_pairs indexed every character pair of every folded text (and its last character) so
-- that a term of one or two characters, which no trigram MATCH finds, was an index lookup: 440
-- of the 1,173 bytes per project of the search store at 100,000 generated projects (its
-- documents 270, their sizes 170). It is dropped. Each document of search_fts is now the folded
-- text followed by two U+0001 characters (a control character: no source text or name holds
-- one, the program refuses them, and fold never makes one), so that every one- or
-- two-character substring of a text begins one of its trigrams (储能 at the end of 飞轮储能 begins
-- `储能\x01`, 能 begins `能\x01\x01`). A term of one or two characters is then the OR of the
-- trigrams of the index's vocabulary that begin with it: search_vocab (fts5vocab, a view of
-- the index's terms, no storage of its own) gives them for a range of terms, `term >= '储能'
-- AND term <= '储能' || char(1114111, 1114111)`, from the index's own order without reading the
-- rest of it. Every entry so found holds the term: nothing to check afterwards. The last
-- trigram of each document (its last character and the two U+0001) is also how `check` lists
-- the documents of the contentless index, to compare them with search_entries.
--
-- The trigram tokenizer no longer folds case (`case_sensitive 1`): the documents are folded by
-- the program already, and a term of one or two characters is compared with the trigrams as
-- stored, so they must be the program's fold exactly (SQLite's own folding also turns ſ into s
-- and ς into σ, which the program's does not).
--
-- The index is rebuilt here from the entries' texts (search_texts.original), folded by the
-- program's zhaoshang_fold (registered on the connection that migrates), in the migrations' one
-- transaction, as V14 did.

DROP TABLE search_pairs;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content = '', columnsize = 0, detail = 'none',
                                           tokenize = 'trigram case_sensitive 1');
INSERT INTO search_fts (rowid, folded)
SELECT entry_id, zhaoshang_fold(original) || char(1, 1) FROM search_texts ORDER BY entry_id;
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
