-- V16: one- and two-character terms answered by the trigram index, and each source's search
-- entries in ranges of ids of their own (issue 31, sixth part).
--
-- search_pairs indexed every character pair of every folded text (and its last character) so
-- that a term of one or two characters, which no trigram MATCH finds, was an index lookup: 439
-- of the 1,173 bytes per project of the search store at 100,000 generated projects (its
-- documents 269, their sizes 169). It is dropped. Each document of search_fts is now the folded
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
-- search_entries_source (176 bytes per project at 100,000 projects) found a source's entries
-- when it is replaced or removed. It is dropped: an entry id is now kind << 52 | length << 40 |
-- source << 16 | sequence, each source's entries of a bucket (kind, length) in a range of
-- their own, found with one seek per bucket that holds entries. Hits rank as before: by kind,
-- length, then in the order sources were imported (their ids), each source's in the order
-- written; a replaced source's entries now keep its place among equals instead of going last.
--
-- Every entry gets a new id: the entries are deleted here, with the index, and the program
-- writes them again, as an import does, when it next opens the catalogue (as after V2, whose
-- index the program built): the rebuild is in Rust (folding, passages), not in SQL.

DROP TABLE search_pairs;
DROP TABLE search_fts;
DROP INDEX search_entries_source;
DELETE FROM search_entries;
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content = '', columnsize = 0, detail = 'none',
                                           tokenize = 'trigram');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
