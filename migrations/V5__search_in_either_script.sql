-- V5: search that works outside the program too: in Datasette's search box, `sqlite-utils
-- search` and a plain FTS5 query in the sqlite3 shell, typed in either script.
--
-- search_fts becomes an external-content FTS5 table over search_entries (content="search_entries",
-- written with double quotes so that Datasette and sqlite-utils recognise it) and indexes two
-- texts of each entry: `folded` (simplified script, lower case) and the new `traditional` (the
-- text in traditional script: as stored when the source wrote it so, otherwise converted by
-- OpenCC; NULL when it reads the same in both scripts). A term typed in simplified script, in
-- traditional script or as printed finds the entry, and the entry's kind, record id and name
-- sit beside the text. V2's search_fts kept its own copy of the folded text; this one reads its
-- texts from search_entries.
--
-- The trigram tokenizer finds terms of three or more characters. The index is emptied here and
-- rebuilt by the program from the catalogue the next time it opens the file (as after V4).

DROP TABLE search_fts;
ALTER TABLE search_entries ADD COLUMN traditional TEXT;
CREATE VIRTUAL TABLE search_fts USING fts5(folded, traditional, content="search_entries", content_rowid="entry_id", tokenize="trigram");
INSERT INTO search_pairs (search_pairs) VALUES ('delete-all');
DELETE FROM search_entries;
