-- Report: top
-- Title: The largest named projects
-- Question: Which named projects bring the most investment, where, and from whom?
-- Param: :limit     how many projects (default 10)
-- Param: :district  only projects of events held by this place
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- The largest first, by the amount index; the details (companies, industries) only for them.
WITH largest AS MATERIALIZED (
    SELECT p.project_id
      FROM projects p
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE p.amount_yuan IS NOT NULL
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
     ORDER BY p.amount_yuan DESC, p.name
     LIMIT coalesce(CAST(nullif(:limit, '') AS INTEGER), 10)
)
SELECT rank() OVER (ORDER BY amount_yuan DESC) AS rank,
       project,
       amount_yuan,
       amount_qualifier,
       held_on,
       district,
       place,
       companies,
       industries,
       amount_quote
  FROM project_overview
 WHERE project_id IN (SELECT project_id FROM largest)
 ORDER BY amount_yuan DESC, project;
