-- V7: a source with a URL is identified by its URL alone; its title and date identify only a
-- source without one. V1 made (title, published_on) unique for every source, so a second article
-- with the same title on the same day (another paper's report of one press release, at its own
-- URL) was taken for the first, and `import --replace` of it deleted the first one's facts.
--
-- SQLite cannot drop a table's UNIQUE constraint, so the table is rebuilt with the same columns
-- and rows (source ids unchanged, so every row that points at a source still does), and title
-- and date become unique among the sources without a URL only. The rebuild drops and recreates
-- `sources`, which needs foreign keys off: the program turns them off while it migrates, as the
-- sqlite3 shell has them by default.

CREATE TEMP TABLE sources_before_v7 AS SELECT * FROM sources;
DROP TABLE sources;

-- As in V1, less `UNIQUE (title, published_on)`.
CREATE TABLE sources (
    source_id     INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    publisher     TEXT,
    url           TEXT UNIQUE,
    published_on  TEXT NOT NULL CHECK (date(published_on) IS published_on),
    author        TEXT,
    script        TEXT NOT NULL CHECK (script IN ('traditional', 'simplified')),
    full_text     TEXT NOT NULL CHECK (length(full_text) > 0),
    text_sha256   TEXT NOT NULL CHECK (length(text_sha256) = 64),
    -- sha256 of the facts as loaded (canonical JSON of the source file): a re-import of the same
    -- file is recognised and changes nothing.
    record_sha256 TEXT NOT NULL CHECK (length(record_sha256) = 64),
    -- the source file as loaded, as canonical JSON: `export` writes it back out, and a changed
    -- re-import is compared with it
    record_json   TEXT NOT NULL CHECK (json_valid(record_json)),
    -- the file the source was loaded from, without folders above the importing directory
    -- ('seed/…toml' for the bundled seed)
    file_name     TEXT NOT NULL
) STRICT;

INSERT INTO sources (source_id, title, publisher, url, published_on, author, script, full_text,
                     text_sha256, record_sha256, record_json, file_name)
SELECT source_id, title, publisher, url, published_on, author, script, full_text,
       text_sha256, record_sha256, record_json, file_name
  FROM temp.sources_before_v7;
DROP TABLE temp.sources_before_v7;

-- A source without a URL is identified by its title and date.
CREATE UNIQUE INDEX sources_title_date_without_url ON sources (title, published_on)
    WHERE url IS NULL;
