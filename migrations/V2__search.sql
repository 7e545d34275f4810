-- V2: the search index. Every searchable text (record names, aliases, descriptions, statistic
-- labels and quotes, passages of source texts) is one row of search_entries with its folded form
-- (simplified script, lower case), written by the program in the same transaction as the record.
-- Terms of three or more characters are found through search_fts (FTS5, trigram tokenizer);
-- shorter ones through search_bigrams, every character pair of each folded text (and its last
-- character alone), because trigram does not match them.
--
-- In the sqlite3 shell, search with folded terms (simplified, lower case):
--   SELECT kind, label, original FROM search_entries
--    WHERE entry_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH '"飞轮储能"');
--   SELECT kind, label, original FROM search_entries JOIN search_bigrams USING (entry_id)
--    WHERE bigram = '储能';

CREATE TABLE search_entries (
    entry_id  INTEGER PRIMARY KEY,
    -- what was found; `show KIND RECORD_ID` prints it (a passage: `show source RECORD_ID`)
    kind      TEXT NOT NULL CHECK (kind IN ('project', 'company', 'event', 'place', 'industry',
                  'strategy', 'statistic', 'passage')),
    record_id INTEGER NOT NULL,
    -- which text of the record: name, alias, description, label, quote, text
    field     TEXT NOT NULL,
    -- the record's name, for a reader
    label     TEXT NOT NULL,
    -- the source of the indexed row (NULL for a place added to complete the hierarchy)
    source_id INTEGER REFERENCES sources (source_id),
    original  TEXT NOT NULL,
    folded    TEXT NOT NULL
) STRICT;
CREATE INDEX search_entries_record ON search_entries (kind, record_id);
CREATE INDEX search_entries_source ON search_entries (source_id);

CREATE TABLE search_bigrams (
    bigram   TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES search_entries (entry_id),
    PRIMARY KEY (bigram, entry_id)
) STRICT, WITHOUT ROWID;

-- rowid = search_entries.entry_id
CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize = 'trigram');
