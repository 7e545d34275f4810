//! The SQL of `link`: pairs of catalogued projects that may be one project reported twice (a
//! later 开工 batch naming a project signed earlier, without `same_as`), each with a score, the
//! reasons, both quotes, and the `same_as` line to paste into the later project's file. It
//! proposes; it never merges.
//!
//! A pair is two projects of two sources in the same county (today's division of their events'
//! places; a place without a code stands for itself), the later one first reported on or after
//! the earlier one, that either share a company or whose names (folded to simplified script and
//! lower case, a final 项目 left off) contain one another. Score: 60 for a shared company, 30
//! for a name containing the other's plus up to 10 for how much of the longer name the shorter
//! one is (equal names: 40).
//!
//! Containment is found without comparing every two projects of a county: each name of up to 60
//! characters is cut into its parts of two characters or more, and each part is looked up among
//! the county's names (an index), so the work grows with the projects, not with their pairs.

/// The signed projects catalogued for a place (by its folded name), for `draft` to propose
/// `same_as` for a 开工/竣工/投产 batch's projects: name, folded name, key, source, signed on.
pub const SIGNED_IN_PLACE: &str = "
SELECT p.name, p.name_key, p.project_key, coalesce(s.url, s.title) AS source, e.held_on
  FROM projects p
  JOIN events e ON e.event_id = p.event_id
  JOIN places pl ON pl.place_id = e.place_id
  JOIN sources s ON s.source_id = p.source_id
 WHERE e.stage = 'signing' AND pl.name_key = :place
 ORDER BY e.held_on, p.project_id";

pub const PAIRS: &str = "
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60),
-- every part of a name of `total` characters: where it starts, how long it is (2 or more)
spans AS MATERIALIZED (
    SELECT t.i AS total, s.i AS start, l.i AS len FROM n t, n s, n l
     WHERE l.i >= 2 AND s.i + l.i - 1 <= t.i
),
p AS MATERIALIZED (
    SELECT p.project_id, p.name, p.quote, p.source_id, e.held_on AS first_on,
           coalesce(d.today_code, d.division_code, 'place ' || e.place_id) AS area,
           coalesce(d.county_today, d.county, pl.name) AS area_name,
           CASE WHEN p.name_key LIKE '%项目' THEN substr(p.name_key, 1, length(p.name_key) - 2)
                ELSE p.name_key END AS core
      FROM projects p
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
      JOIN place_divisions d ON d.place_id = e.place_id
     WHERE nullif(:district, '') IS NULL OR pl.name = :district OR pl.name_key = :district
),
-- one's name holds the other's (equal names too)
by_name AS MATERIALIZED (
    SELECT x.project_id AS one, y.project_id AS other
      FROM p x JOIN spans sp ON sp.total = length(x.core)
      JOIN p y ON y.area = x.area AND y.core = substr(x.core, sp.start, sp.len)
               AND y.project_id <> x.project_id
),
candidates AS (
    SELECT one, other FROM by_name
    UNION SELECT other, one FROM by_name
    UNION SELECT x.project_id, y.project_id
            FROM project_companies x JOIN project_companies y
              ON y.company_id = x.company_id AND y.project_id <> x.project_id
),
pairs AS (
    SELECT a.project_id AS earlier_id, a.name AS earlier, a.first_on AS earlier_on,
           a.quote AS earlier_quote, a.source_id AS earlier_source_id,
           b.project_id AS later_id, b.name AS later, b.first_on AS later_on,
           b.quote AS later_quote, a.area_name AS county,
           (SELECT group_concat(c.name, '; ') FROM companies c
             WHERE c.company_id IN (SELECT x.company_id FROM project_companies x
                                     WHERE x.project_id = a.project_id
                                    INTERSECT
                                    SELECT y.company_id FROM project_companies y
                                     WHERE y.project_id = b.project_id)) AS shared_companies,
           length(a.core) >= 2 AND length(b.core) >= 2
               AND (instr(a.core, b.core) > 0 OR instr(b.core, a.core) > 0) AS names_contain,
           a.core = b.core AS same_name,
           min(length(a.core), length(b.core)) * 1.0 / max(length(a.core), length(b.core), 1)
               AS name_share
      FROM candidates c
      JOIN p a ON a.project_id = c.one
      JOIN p b ON b.project_id = c.other
     WHERE b.area = a.area AND b.source_id <> a.source_id
       AND (b.first_on > a.first_on OR (b.first_on = a.first_on AND b.project_id > a.project_id))
)
SELECT CAST(round(CASE WHEN shared_companies IS NOT NULL THEN 60 ELSE 0 END
                  + CASE WHEN same_name THEN 40
                         WHEN names_contain THEN 30 + 10 * name_share ELSE 0 END) AS INTEGER)
           AS score,
       trim(CASE WHEN shared_companies IS NOT NULL THEN 'same company (' || shared_companies || ') '
                 ELSE '' END
            || CASE WHEN same_name THEN 'same name' WHEN names_contain THEN 'name contains the other'
                    ELSE '' END) AS reason,
       county,
       earlier_id, earlier, earlier_on, earlier_quote,
       later_id, later, later_on, later_quote,
       'same_as = { source = \"' || replace(coalesce(s.url, s.title), '\"', '\\\"')
           || '\", name = \"' || replace(earlier, '\"', '\\\"') || '\" }' AS paste
  FROM pairs JOIN sources s ON s.source_id = pairs.earlier_source_id
 WHERE shared_companies IS NOT NULL OR names_contain
 ORDER BY score DESC, earlier_on, earlier_id, later_id";
