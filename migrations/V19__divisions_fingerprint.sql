-- V19: an index that answers the divisions table's fingerprint (issue 31, tenth part).
--
-- Every command that opens a catalogue, a read-only one too, compares the divisions table with
-- the bundled list of divisions by a fingerprint: its rows, the sums of their first and last
-- years and of their names' lengths (store/divisions.rs), so that a newer list, or a table
-- left half filled, is filled again. Summed over the table, that read its 185 pages at every
-- start (6,823 divisions), most of what a read-only command reads before its own query; an
-- index of just these columns answers it from some 40 pages (SQLite reads a covering index
-- for an aggregate over every row when it is smaller than the table). Nothing else reads it.

CREATE INDEX divisions_fingerprint ON divisions (in_use_from, in_use_to, name);
