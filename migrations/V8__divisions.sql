-- V6: places that know where they are (issue 25). China's administrative divisions (GB/T 2260
-- codes, 1981 to today) in a table, each division-kind place with the code valid on its
-- events' dates, and a view that gives every place its county, prefecture and province as they
-- were and as they are today.
--
-- `divisions` is filled by the program from its bundled list (data/divisions/) right after this
-- migration, in its own transaction, and refilled when a newer program brings a newer list; it
-- holds no fact of the catalogue. Columns the program derives (short_name, today_*) are plain
-- values, so the sqlite3 shell needs no function of the program to read them.

CREATE TABLE divisions (
    -- 6-digit code; a code retired and later given to another area has a row per period
    code TEXT NOT NULL CHECK (length(code) = 6 AND code GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'),
    name TEXT NOT NULL,                       -- as the list writes it (simplified): 吴江市
    short_name TEXT,                          -- without its kind (吴江), when two or more characters remain
    level TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
    province TEXT NOT NULL,                   -- the province-level division's name while in use
    prefecture TEXT,                          -- the prefecture's name while in use; NULL when none
    in_use_from INTEGER NOT NULL,             -- first year in use
    in_use_to INTEGER,                        -- year of the change that retired it; NULL: in use today
    successors TEXT,                          -- as the list writes them: `320509` or `code[year];…`
    today_codes TEXT NOT NULL,                -- codes in use today its area went to, `;`-separated
    today_code TEXT,                          -- the one of them when there is one (NULL: split)
    today_prefecture_code TEXT,               -- today's prefecture-level division, when one
    today_province_code TEXT,                 -- today's province-level division, when one
    longitude REAL,                           -- the seat, for divisions in use today
    latitude REAL,
    PRIMARY KEY (code, in_use_from)
) STRICT;
CREATE INDEX divisions_name ON divisions (name);
CREATE INDEX divisions_short_name ON divisions (short_name);

-- The code valid on the place's events' dates (NULL for towns, parks, zones, regions, and for a
-- name no division had), and the year it was resolved for.
ALTER TABLE places ADD COLUMN code TEXT
    CHECK (code IS NULL OR (length(code) = 6 AND code GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]'));
ALTER TABLE places ADD COLUMN code_year INTEGER
    CHECK ((code IS NULL) = (code_year IS NULL));
CREATE INDEX places_code ON places (code) WHERE code IS NOT NULL;

-- Every place with its division: its own code, or for a town, park or zone that of the nearest
-- enclosing place that has one; names as on the code's year and today (through successors).
CREATE VIEW place_divisions AS
WITH RECURSIVE chain (place_id, at_id) AS (
    SELECT place_id, place_id FROM places
    UNION ALL
    SELECT c.place_id, p.parent_id
      FROM chain c JOIN places p ON p.place_id = c.at_id
     WHERE p.code IS NULL AND p.parent_id IS NOT NULL
),
-- the code's row in use in code_year (a code given to another area later has several rows),
-- else its latest: the highest of (in use that year) * 10000 + first year
coded (place_id, code, code_year, row_from) AS (
    SELECT c.place_id, p.code, p.code_year,
           (SELECT max((p.code_year BETWEEN x.in_use_from AND coalesce(x.in_use_to, 9999)) * 10000
                       + x.in_use_from)
              FROM divisions x WHERE x.code = p.code) % 10000
      FROM chain c JOIN places p ON p.place_id = c.at_id
     WHERE p.code IS NOT NULL
)
SELECT p.place_id,
       p.name AS place,
       p.kind,
       p.code,
       c.code AS division_code,
       c.code_year AS division_year,
       CASE d.level WHEN 'county' THEN d.name END AS county,
       CASE d.level WHEN 'prefecture' THEN d.name WHEN 'county' THEN d.prefecture END AS prefecture,
       CASE d.level WHEN 'province' THEN d.name ELSE d.province END AS province,
       d.today_code,
       CASE t.level WHEN 'county' THEN t.name END AS county_today,
       tp.name AS prefecture_today,
       tv.name AS province_today,
       d.today_prefecture_code,
       d.today_province_code,
       t.longitude,
       t.latitude
  FROM places p
  LEFT JOIN coded c ON c.place_id = p.place_id
  LEFT JOIN divisions d ON d.code = c.code AND d.in_use_from = c.row_from
  LEFT JOIN divisions t ON t.code = d.today_code AND t.in_use_to IS NULL
  LEFT JOIN divisions tp ON tp.code = d.today_prefecture_code AND tp.in_use_to IS NULL
  LEFT JOIN divisions tv ON tv.code = d.today_province_code AND tv.in_use_to IS NULL;
