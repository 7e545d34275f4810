-- V17: a source's search entries listed once, packed, instead of an index (issue 31, seventh
-- part).
--
-- search_entries_source, the index on search_entries (source_id), found a source's entries to
-- remove them when the source is replaced or deleted: 176 bytes per project at 100,000
-- generated projects, 1,391 per copy of the seed. Entry ids rank the entries (kind, length,
-- order written), so a source's entries are scattered over the table, and without an index
-- finding them is a scan (74 ms per source at 100k). Each source's entry ids are now kept once,
-- in search_source_entries, packed by the program (src/store/search/packed.rs: sorted; within a
-- bucket of kind and length the step from the id before, else the step of buckets and the
-- sequence; each a varint): 18 bytes per project at 100k. The program writes a source's list
-- with its entries, reads it to remove them, `check` compares the lists with
-- search_entries.source_id and `check --repair` rebuilds them with the index.
--
-- search_entries.source_id stays (a shell user finds a source's entries with `WHERE source_id
-- = ?`, a scan). The places added to complete the hierarchy (no source) are looked up by
-- record at each import to index any new one: a partial index holds just their entries.
--
-- The lists are written here by zhaoshang_entry_ids(ids), the program's packing of a
-- comma-separated list of ids (registered on the connection that migrates), in the migrations'
-- one transaction, from the index about to be dropped.

CREATE TABLE search_source_entries (
    source_id INTEGER PRIMARY KEY REFERENCES sources (source_id),
    -- the source's entry ids, packed (docs/schema.md); the program reads them
    entry_ids BLOB NOT NULL
) STRICT;
INSERT INTO search_source_entries (source_id, entry_ids)
SELECT source_id, zhaoshang_entry_ids(group_concat(entry_id))
  FROM search_entries WHERE source_id IS NOT NULL
 GROUP BY source_id ORDER BY source_id;
DROP INDEX search_entries_source;
CREATE INDEX search_entries_unsourced ON search_entries (record_id) WHERE source_id IS NULL;
