-- V13: one copy of each fact (issue 31). sources.record_json, a second canonical copy of every
-- fact and quote of the source (1,517 bytes per project of 100,000 generated ones), is dropped:
-- `export` and a changed re-import's comparison rebuild each source from the tables. What the
-- tables did not hold is kept, small:
--   sources.format               the version of the file's format (1, 2 or 3);
--   sources.figures_written      the figures as the file wrote them (逾1000億元, 28個, 10億以上):
--                                a JSON array, in the order of the file's fields, of [start,
--                                length] slices of full_text in characters (substr's), or the
--                                text itself where full_text has it only in another script;
--   source_declarations          each name the file declares under [[places]], [[industries]],
--                                [[companies]], [[strategies]], in the file's order, also a name
--                                an earlier source already catalogued (whose row keeps that
--                                source's quote): this source's quote as a slice of its text;
--                                the name and a place's or industry's parent as the file wrote
--                                them when not as catalogued (中国 for 中國, or an alias); and
--                                whether a place's division code was written in the file;
--   sources.names_written        the names the file refers to otherwise than the tables give
--                                them back (by an alias, or in the other script where it does
--                                not declare them): a JSON array of [kind, catalogued name,
--                                which reference to it, as written], NULL when none;
--   projects.place_note, event_industries.basis and .note, and the notes of the links to
--   strategies (place_, industry_, event_, project_strategies.note)
--                                why an inferred link was made, which only the record held;
--   project_mentions.named_by, .position
--                                how the file named a project it reports again: by its key
--                                (same_as = { key = … }), or by its first source's URL or title
--                                and its name there; and where it stands among the event's
--                                projects in the file;
--   milestones.named_by, .named_in_source_id
--                                the same for a milestone's project, and the source whose name
--                                for the project it used when not the project's first (a later
--                                source that reported it again).
-- The declarations are resolved to their rows as the importer resolves them: by folded name or
-- alias (zhaoshang_fold, registered by the program while it migrates), a place under its parent.

ALTER TABLE sources ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format >= 1);
ALTER TABLE sources ADD COLUMN figures_written TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(figures_written));
UPDATE sources SET format = json_extract(record_json, '$.format'),
                   figures_written = zhaoshang_figures(record_json, full_text);

CREATE TABLE source_declarations (
    source_id    INTEGER NOT NULL REFERENCES sources (source_id),
    kind         TEXT NOT NULL CHECK (kind IN ('place', 'industry', 'company', 'strategy')),
    -- the declaration's place in its section of the file, from 0
    position     INTEGER NOT NULL CHECK (position >= 0),
    -- places.place_id, industries.industry_id, companies.company_id or strategies.strategy_id
    name_id      INTEGER NOT NULL,
    -- NULL: the declaration's quote is its row's own quote; 0: it has none (a place named only
    -- to complete the hierarchy); else the quote is substr(full_text, quote_start, quote_length)
    quote_start  INTEGER CHECK (quote_start >= 0),
    quote_length INTEGER CHECK (quote_length > 0),
    -- a place's `code` was written in the file (the others' codes are resolved from names)
    code_given   INTEGER NOT NULL DEFAULT 0 CHECK (code_given IN (0, 1)),
    -- the name as the file wrote it, when not as catalogued (another script, an alias); else NULL
    name_written TEXT,
    -- a place's or industry's parent as the file wrote it, when not as catalogued (another
    -- script): '' when the file wrote none; NULL when as catalogued
    parent_written TEXT,
    PRIMARY KEY (source_id, kind, position),
    CHECK ((quote_start > 0) = (quote_length IS NOT NULL))
) STRICT, WITHOUT ROWID;

CREATE TEMP TABLE declared_before_v13 AS
SELECT s.source_id, s.full_text, d.kind, CAST(e.key AS INTEGER) AS position,
       json_extract(e.value, '$.name') AS name,
       zhaoshang_fold(json_extract(e.value, '$.name')) AS name_key,
       json_extract(e.value, '$.parent') AS parent,
       zhaoshang_fold(json_extract(e.value, '$.parent')) AS parent_key,
       json_extract(e.value, '$.quote') AS quote,
       json_type(e.value, '$.code') IS NOT NULL AS code_given
  FROM sources s,
       (SELECT 'place' AS kind, '$.places' AS path UNION ALL SELECT 'industry', '$.industries'
        UNION ALL SELECT 'company', '$.companies' UNION ALL SELECT 'strategy', '$.strategies') d,
       json_each(s.record_json, d.path) e;

CREATE TEMP TABLE resolved_before_v13 AS
SELECT d.*,
       CASE d.kind
         WHEN 'place' THEN
           (SELECT p.place_id FROM places p LEFT JOIN places up ON up.place_id = p.parent_id
             WHERE p.place_id IN (SELECT place_id FROM places WHERE name_key = d.name_key
                                  UNION SELECT place_id FROM place_aliases
                                         WHERE alias_key = d.name_key)
             ORDER BY up.name_key IS d.parent_key DESC, p.source_id IS d.source_id DESC,
                      p.place_id LIMIT 1)
         WHEN 'industry' THEN
           (SELECT min(id) FROM (SELECT industry_id AS id FROM industries WHERE name_key = d.name_key
                                 UNION SELECT industry_id FROM industry_aliases
                                        WHERE alias_key = d.name_key))
         WHEN 'company' THEN
           (SELECT min(id) FROM (SELECT company_id AS id FROM companies WHERE name_key = d.name_key
                                 UNION SELECT company_id FROM company_aliases
                                        WHERE alias_key = d.name_key))
         ELSE (SELECT min(strategy_id) FROM strategies WHERE name_key = d.name_key)
       END AS name_id
  FROM declared_before_v13 d;

INSERT INTO source_declarations (source_id, kind, position, name_id, quote_start, quote_length,
                                 code_given, name_written, parent_written)
SELECT r.source_id, r.kind, r.position, r.name_id,
       CASE WHEN r.quote IS NULL THEN 0
            WHEN own.source_id IS r.source_id AND own.quote IS r.quote THEN NULL
            ELSE instr(r.full_text, r.quote) END,
       CASE WHEN r.quote IS NULL THEN NULL
            WHEN own.source_id IS r.source_id AND own.quote IS r.quote THEN NULL
            ELSE length(r.quote) END,
       r.code_given,
       CASE WHEN r.name IS NOT own.name THEN r.name END,
       CASE WHEN r.kind NOT IN ('place', 'industry') THEN NULL
            WHEN r.parent IS (CASE WHEN r.kind = 'industry' AND own.source_id IS NOT r.source_id
                                   THEN NULL ELSE own.parent END) THEN NULL
            ELSE coalesce(r.parent, '') END
  FROM resolved_before_v13 r
  LEFT JOIN (SELECT 'place' AS kind, x.place_id AS id, x.name, x.source_id, x.quote,
                    up.name AS parent
               FROM places x LEFT JOIN places up ON up.place_id = x.parent_id
             UNION ALL
             SELECT 'industry', x.industry_id, x.name, x.source_id, x.quote, up.name
               FROM industries x LEFT JOIN industries up ON up.industry_id = x.parent_id
             UNION ALL SELECT 'company', company_id, name, source_id, quote, NULL FROM companies
             UNION ALL
             SELECT 'strategy', strategy_id, name, source_id, quote, NULL FROM strategies) own
         ON own.kind = r.kind AND own.id = r.name_id
 WHERE r.name_id IS NOT NULL;
DROP TABLE declared_before_v13;
DROP TABLE resolved_before_v13;

ALTER TABLE project_mentions ADD COLUMN named_by TEXT NOT NULL DEFAULT 'key'
    CHECK (named_by IN ('key', 'url', 'title'));
ALTER TABLE project_mentions ADD COLUMN position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0);
CREATE TEMP TABLE mention_records_before_v13 AS
SELECT m.project_id, m.source_id, CAST(p.key AS INTEGER) AS position,
       CASE WHEN json_type(p.value, '$.same_as.key') IS NOT NULL THEN 'key'
            WHEN json_extract(p.value, '$.same_as.source') IS
                 (SELECT fs.url FROM projects fp JOIN sources fs ON fs.source_id = fp.source_id
                   WHERE fp.project_id = m.project_id) THEN 'url'
            ELSE 'title' END AS named_by
  FROM project_mentions m JOIN sources s ON s.source_id = m.source_id
  JOIN events ev ON ev.event_id = m.event_id,
       json_each(s.record_json, '$.events') e, json_each(e.value, '$.projects') p
 WHERE json_extract(e.value, '$.name') = ev.name
   AND json_extract(p.value, '$.name') = m.name
   AND json_type(p.value, '$.same_as') IS NOT NULL;
UPDATE project_mentions SET
       named_by = coalesce((SELECT r.named_by FROM mention_records_before_v13 r
                             WHERE r.project_id = project_mentions.project_id
                               AND r.source_id = project_mentions.source_id), 'key'),
       position = coalesce((SELECT r.position FROM mention_records_before_v13 r
                             WHERE r.project_id = project_mentions.project_id
                               AND r.source_id = project_mentions.source_id), 0);
DROP TABLE mention_records_before_v13;

ALTER TABLE milestones ADD COLUMN named_by TEXT NOT NULL DEFAULT 'key'
    CHECK (named_by IN ('key', 'url', 'title'));
ALTER TABLE milestones ADD COLUMN named_in_source_id INTEGER REFERENCES sources (source_id);
CREATE TEMP TABLE milestone_records_before_v13 AS
SELECT ms.milestone_id, ms.project_id,
       json_type(m.value, '$.project.key') IS NOT NULL AS by_key,
       json_extract(m.value, '$.project.source') AS named
  FROM milestones ms JOIN sources s ON s.source_id = ms.source_id,
       json_each(s.record_json, '$.milestones') m
 WHERE CAST(m.key AS INTEGER) = (SELECT count(*) FROM milestones o
                                  WHERE o.source_id = ms.source_id
                                    AND o.milestone_id < ms.milestone_id);
UPDATE milestones SET
       named_by = coalesce((SELECT CASE WHEN r.by_key THEN 'key'
                                        WHEN r.named IN (SELECT url FROM sources
                                                          WHERE url IS NOT NULL) THEN 'url'
                                        ELSE 'title' END
                              FROM milestone_records_before_v13 r
                             WHERE r.milestone_id = milestones.milestone_id), 'key'),
       named_in_source_id =
           (SELECT ns.source_id FROM milestone_records_before_v13 r, sources ns
             WHERE r.milestone_id = milestones.milestone_id AND NOT r.by_key
               AND (ns.url = r.named OR ns.title = r.named)
               AND ns.source_id <> (SELECT source_id FROM projects
                                     WHERE project_id = milestones.project_id)
               AND NOT EXISTS (SELECT 1 FROM sources os JOIN projects op
                                   ON op.source_id = os.source_id
                                WHERE op.project_id = milestones.project_id
                                  AND (os.url = r.named OR os.title = r.named))
             ORDER BY ns.source_id LIMIT 1);
DROP TABLE milestone_records_before_v13;

-- Notes of links, and an event's industries' basis, from the records (only they held them).
ALTER TABLE projects ADD COLUMN place_note TEXT;
ALTER TABLE event_industries ADD COLUMN basis TEXT NOT NULL DEFAULT 'stated'
    CHECK (basis IN ('stated', 'inferred'));
ALTER TABLE event_industries ADD COLUMN note TEXT;
ALTER TABLE place_strategies ADD COLUMN note TEXT;
ALTER TABLE industry_strategies ADD COLUMN note TEXT;
ALTER TABLE event_strategies ADD COLUMN note TEXT;
ALTER TABLE project_strategies ADD COLUMN note TEXT;

CREATE TEMP TABLE noted_before_v13 AS
SELECT s.source_id, s.record_json FROM sources s
 WHERE s.record_json LIKE '%"note":%' OR s.record_json LIKE '%"inferred"%';

UPDATE projects SET place_note =
       (SELECT json_extract(p.value, '$.place.note')
          FROM noted_before_v13 s, json_each(s.record_json, '$.events') e,
               json_each(e.value, '$.projects') p
         WHERE s.source_id = projects.source_id
           AND json_extract(e.value, '$.name') =
               (SELECT name FROM events WHERE event_id = projects.event_id)
           AND json_extract(p.value, '$.name') = projects.name
           AND json_type(p.value, '$.same_as') IS NULL)
 WHERE place_id IS NOT NULL AND source_id IN (SELECT source_id FROM noted_before_v13);

CREATE TEMP VIEW event_links_before_v13 AS
SELECT s.source_id, json_extract(e.value, '$.name') AS event, l.value AS link, x.kind
  FROM noted_before_v13 s, json_each(s.record_json, '$.events') e,
       (SELECT 'industries' AS kind UNION ALL SELECT 'strategies') x,
       json_each(e.value, '$.' || x.kind) l;
UPDATE event_industries SET
       basis = coalesce((SELECT json_extract(l.link, '$.basis') FROM event_links_before_v13 l
                          WHERE l.kind = 'industries' AND l.source_id = event_industries.source_id
                            AND l.event = (SELECT name FROM events
                                            WHERE event_id = event_industries.event_id)
                            AND zhaoshang_fold(json_extract(l.link, '$.name')) IN
                                (SELECT name_key FROM industries
                                  WHERE industry_id = event_industries.industry_id
                                 UNION SELECT alias_key FROM industry_aliases
                                  WHERE industry_id = event_industries.industry_id)), 'stated'),
       note = (SELECT json_extract(l.link, '$.note') FROM event_links_before_v13 l
                WHERE l.kind = 'industries' AND l.source_id = event_industries.source_id
                  AND l.event = (SELECT name FROM events WHERE event_id = event_industries.event_id)
                  AND zhaoshang_fold(json_extract(l.link, '$.name')) IN
                      (SELECT name_key FROM industries
                        WHERE industry_id = event_industries.industry_id
                       UNION SELECT alias_key FROM industry_aliases
                        WHERE industry_id = event_industries.industry_id))
 WHERE source_id IN (SELECT source_id FROM noted_before_v13);
UPDATE event_strategies SET note =
       (SELECT json_extract(l.link, '$.note') FROM event_links_before_v13 l
         WHERE l.kind = 'strategies' AND l.source_id = event_strategies.source_id
           AND l.event = (SELECT name FROM events WHERE event_id = event_strategies.event_id)
           AND zhaoshang_fold(json_extract(l.link, '$.name')) =
               (SELECT name_key FROM strategies WHERE strategy_id = event_strategies.strategy_id))
 WHERE source_id IN (SELECT source_id FROM noted_before_v13);
UPDATE project_strategies SET note =
       (SELECT json_extract(l.value, '$.note')
          FROM noted_before_v13 s, json_each(s.record_json, '$.events') e,
               json_each(e.value, '$.projects') p, json_each(p.value, '$.strategies') l
         WHERE s.source_id = project_strategies.source_id
           AND json_extract(p.value, '$.name') IN
               (SELECT name FROM projects WHERE project_id = project_strategies.project_id
                UNION ALL
                SELECT name FROM project_mentions
                 WHERE project_id = project_strategies.project_id
                   AND source_id = project_strategies.source_id)
           AND zhaoshang_fold(json_extract(l.value, '$.name')) =
               (SELECT name_key FROM strategies WHERE strategy_id = project_strategies.strategy_id))
 WHERE source_id IN (SELECT source_id FROM noted_before_v13);

CREATE TEMP VIEW strategy_links_before_v13 AS
SELECT s.source_id, zhaoshang_fold(json_extract(st.value, '$.name')) AS strategy_key,
       x.kind, zhaoshang_fold(json_extract(l.value, '$.name')) AS name_key,
       json_extract(l.value, '$.note') AS note
  FROM noted_before_v13 s, json_each(s.record_json, '$.strategies') st,
       (SELECT 'places' AS kind UNION ALL SELECT 'industries') x,
       json_each(st.value, '$.' || x.kind) l;
UPDATE place_strategies SET note =
       (SELECT l.note FROM strategy_links_before_v13 l
         WHERE l.kind = 'places' AND l.source_id = place_strategies.source_id
           AND l.strategy_key =
               (SELECT name_key FROM strategies WHERE strategy_id = place_strategies.strategy_id)
           AND l.name_key IN (SELECT name_key FROM places WHERE place_id = place_strategies.place_id
                              UNION SELECT alias_key FROM place_aliases
                               WHERE place_id = place_strategies.place_id))
 WHERE source_id IN (SELECT source_id FROM noted_before_v13);
UPDATE industry_strategies SET note =
       (SELECT l.note FROM strategy_links_before_v13 l
         WHERE l.kind = 'industries' AND l.source_id = industry_strategies.source_id
           AND l.strategy_key =
               (SELECT name_key FROM strategies WHERE strategy_id = industry_strategies.strategy_id)
           AND l.name_key IN (SELECT name_key FROM industries
                               WHERE industry_id = industry_strategies.industry_id
                              UNION SELECT alias_key FROM industry_aliases
                               WHERE industry_id = industry_strategies.industry_id))
 WHERE source_id IN (SELECT source_id FROM noted_before_v13);
DROP VIEW event_links_before_v13;
DROP VIEW strategy_links_before_v13;
DROP TABLE noted_before_v13;

-- The names each file refers to otherwise than the tables give them back (an alias, the other
-- script): zhaoshang_names_map keeps every catalogued name by kind and folded name or alias for
-- zhaoshang_names_written, which walks each record's references.
ALTER TABLE sources ADD COLUMN names_written TEXT
    CHECK (names_written IS NULL OR json_valid(names_written));
SELECT zhaoshang_names_map(json_group_array(json_array(kind, key, name)))
  FROM (SELECT 1 AS o, 'place' AS kind, name_key AS key, name FROM places
        UNION ALL SELECT 1, 'industry', name_key, name FROM industries
        UNION ALL SELECT 1, 'company', name_key, name FROM companies
        UNION ALL SELECT 1, 'strategy', name_key, name FROM strategies
        UNION ALL SELECT 2, 'place', a.alias_key, p.name
                    FROM place_aliases a JOIN places p ON p.place_id = a.place_id
        UNION ALL SELECT 2, 'industry', a.alias_key, i.name
                    FROM industry_aliases a JOIN industries i ON i.industry_id = a.industry_id
        UNION ALL SELECT 2, 'company', a.alias_key, c.name
                    FROM company_aliases a JOIN companies c ON c.company_id = a.company_id
        ORDER BY o);
UPDATE sources SET names_written = zhaoshang_names_written(record_json);

ALTER TABLE sources DROP COLUMN record_json;
