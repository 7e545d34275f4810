-- V11: a smaller catalogue (issue 31). The search index holds no text of its own: a search
-- entry points at the text it indexes (a record's name, alias, description, label or quote in
-- its own table; a passage as a slice of its source's full_text), and its id says how it ranks.
--
-- search_entries.entry_id = kind << 52 | length << 40 | sequence:
--   kind     the kind's rank: 0 project, 1 company, 2 event, 3 strategy, 4 industry, 5 place,
--            6 statistic, 7 passage (the order search lists hits in);
--   length   the length of the folded text in characters (4095 for longer ones);
--   sequence the order the entries were written in (for the entries converted here: their
--            entry_id before V11).
-- So the FTS indexes, whose rowid is the entry_id, give their matches best first (a shorter text
-- of a kind listed earlier first): the top 50 come from the index in order, no match is sorted,
-- and an exact match of a kind is the first match in that kind's range of one length.
--
-- search_fts is contentless (content=''), folded text only (simplified script, lower case),
-- without column sizes (nothing ranks by them): V5's second, traditional-script copy of every
-- text is gone. A term in traditional script is folded before it is looked up: by the program,
-- and in Datasette or the shell by the canned query `search` (the folds of single characters are
-- in search_folds, written by the program), which also finds terms of one or two characters
-- through search_pairs. search_texts (a view) shows each entry with its kind, label and text.
--
-- The statements below convert an existing index in place, in the migrations' one transaction:
-- each entry keeps its order (its V10 entry_id becomes its sequence), the trigram index is
-- filled from the folded texts V10 stored, and the pairs index from the program's function
-- zhaoshang_pairs (the document of a folded text: its character pairs and last character),
-- which it registers on the connection that migrates.

CREATE TABLE search_entries_v11 (
    entry_id       INTEGER PRIMARY KEY,
    -- the record: `show KIND RECORD_ID` prints it (a passage: `show source RECORD_ID`)
    record_id      INTEGER NOT NULL,
    -- which text of the record: name, alias, description, label, quote, text (a passage)
    field          TEXT NOT NULL CHECK (field IN ('name', 'alias', 'description', 'label',
                       'quote', 'text')),
    -- the source whose import wrote the entry (NULL for a place added to complete the hierarchy)
    source_id      INTEGER REFERENCES sources (source_id),
    -- an alias: its row in company_aliases, place_aliases or industry_aliases
    alias_rowid    INTEGER,
    -- a passage: its first character in the source's full_text (1-based) and its length
    passage_start  INTEGER,
    passage_length INTEGER
) STRICT;

INSERT INTO search_entries_v11 (entry_id, record_id, field, source_id, alias_rowid,
                                passage_start, passage_length)
SELECT (CASE e.kind WHEN 'project' THEN 0 WHEN 'company' THEN 1 WHEN 'event' THEN 2
            WHEN 'strategy' THEN 3 WHEN 'industry' THEN 4 WHEN 'place' THEN 5
            WHEN 'statistic' THEN 6 ELSE 7 END << 52)
       | (min(length(e.folded), 4095) << 40) | e.entry_id,
       e.record_id, e.field, e.source_id,
       CASE WHEN e.field <> 'alias' THEN NULL
            WHEN e.kind = 'company' THEN (SELECT a.rowid FROM company_aliases a
                 WHERE a.company_id = e.record_id AND a.alias = e.original)
            WHEN e.kind = 'place' THEN (SELECT a.rowid FROM place_aliases a
                 WHERE a.place_id = e.record_id AND a.alias = e.original)
            ELSE (SELECT a.rowid FROM industry_aliases a
                 WHERE a.industry_id = e.record_id AND a.alias = e.original) END,
       CASE WHEN e.kind = 'passage' THEN instr((SELECT s.full_text FROM sources s
                 WHERE s.source_id = e.record_id), e.original) END,
       CASE WHEN e.kind = 'passage' THEN length(e.original) END
  FROM search_entries e ORDER BY e.entry_id;

DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content = '', columnsize = 0, tokenize = 'trigram');
INSERT INTO search_fts (rowid, folded)
SELECT n.entry_id, e.folded
  FROM search_entries e JOIN search_entries_v11 n ON (n.entry_id & 1099511627775) = e.entry_id
 ORDER BY n.entry_id;

INSERT INTO search_pairs (search_pairs) VALUES ('delete-all');
INSERT INTO search_pairs (rowid, pairs)
SELECT n.entry_id, zhaoshang_pairs(e.folded)
  FROM search_entries e JOIN search_entries_v11 n ON (n.entry_id & 1099511627775) = e.entry_id
 ORDER BY n.entry_id;

DROP TABLE search_entries;
ALTER TABLE search_entries_v11 RENAME TO search_entries;
-- Which entries a replaced source removes; places without a source are found by it too.
CREATE INDEX search_entries_source ON search_entries (source_id);

-- The single characters whose fold is another (traditional → simplified, full-width → ASCII),
-- for folding a term in SQL (the canned query `search`); written by the program.
CREATE TABLE search_folds (
    character TEXT PRIMARY KEY,
    folded    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Each entry with what a reader needs: its kind, the record's name and the text indexed.
CREATE VIEW search_texts AS
SELECT e.entry_id,
       CASE e.entry_id >> 52 WHEN 0 THEN 'project' WHEN 1 THEN 'company' WHEN 2 THEN 'event'
            WHEN 3 THEN 'strategy' WHEN 4 THEN 'industry' WHEN 5 THEN 'place'
            WHEN 6 THEN 'statistic' ELSE 'passage' END AS kind,
       e.record_id,
       e.field,
       CASE e.entry_id >> 52
            WHEN 0 THEN (SELECT name FROM projects WHERE project_id = e.record_id)
            WHEN 1 THEN (SELECT name FROM companies WHERE company_id = e.record_id)
            WHEN 2 THEN (SELECT name FROM events WHERE event_id = e.record_id)
            WHEN 3 THEN (SELECT name FROM strategies WHERE strategy_id = e.record_id)
            WHEN 4 THEN (SELECT name FROM industries WHERE industry_id = e.record_id)
            WHEN 5 THEN (SELECT name FROM places WHERE place_id = e.record_id)
            WHEN 6 THEN (SELECT metric || coalesce(': ' || label, '') FROM statistics
                          WHERE statistic_id = e.record_id)
            ELSE (SELECT title FROM sources WHERE source_id = e.record_id) END AS label,
       CASE
            WHEN e.field = 'alias' THEN CASE e.entry_id >> 52
                 WHEN 1 THEN (SELECT alias FROM company_aliases WHERE rowid = e.alias_rowid)
                 WHEN 5 THEN (SELECT alias FROM place_aliases WHERE rowid = e.alias_rowid)
                 ELSE (SELECT alias FROM industry_aliases WHERE rowid = e.alias_rowid) END
            WHEN e.field = 'text' THEN (SELECT substr(full_text, e.passage_start, e.passage_length)
                                          FROM sources WHERE source_id = e.record_id)
            WHEN e.field = 'description' THEN (SELECT description FROM strategies
                                                WHERE strategy_id = e.record_id)
            WHEN e.field = 'label' THEN (SELECT label FROM statistics WHERE statistic_id = e.record_id)
            WHEN e.field = 'quote' THEN (SELECT quote FROM statistics WHERE statistic_id = e.record_id)
            ELSE CASE e.entry_id >> 52
                 WHEN 0 THEN (SELECT name FROM projects WHERE project_id = e.record_id)
                 WHEN 1 THEN (SELECT name FROM companies WHERE company_id = e.record_id)
                 WHEN 2 THEN (SELECT name FROM events WHERE event_id = e.record_id)
                 WHEN 3 THEN (SELECT name FROM strategies WHERE strategy_id = e.record_id)
                 WHEN 4 THEN (SELECT name FROM industries WHERE industry_id = e.record_id)
                 ELSE (SELECT name FROM places WHERE place_id = e.record_id) END
       END AS original,
       e.source_id
  FROM search_entries e;

-- projects_event is a prefix of projects_event_amount, which serves every lookup it served.
DROP INDEX projects_event;
