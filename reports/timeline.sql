-- Report: timeline
-- Title: Signed amounts and counts over time, by district
-- Question: How much investment and how many projects did each district announce per year,
--   quarter or month?
-- Param: :by        year (default), quarter or month
-- Param: :district  only this place
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Bar: signed_amount
-- Only signing ceremonies are added up; reports of a period (上半年共簽約…) would count the same
-- signings twice, so they are counted apart (period_reports) and reconciled against the
-- ceremonies in `reconcile`. named_projects counts the projects the ceremonies name, each
-- once: a project named again by a later source (same_as) is still one project.
WITH area (code) AS (
    -- :place: the areas today holding the division of that name or code (through successors)
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
-- MATERIALIZED: read three times below
e AS MATERIALIZED (
    -- from the events themselves: the view's other columns (sources, unitemised sums) are not
    -- needed here
    SELECT pl.name AS district, pl.name_key AS district_key, ev.held_on, ev.kind,
           ev.project_count, ev.signed_amount_yuan, ev.signed_amount_qualifier,
           ev.event_id,
           CASE coalesce(nullif(:by, ''), 'year')
               WHEN 'month'   THEN substr(held_on, 1, 7)
               WHEN 'quarter' THEN substr(held_on, 1, 4) || '-Q' || ((CAST(substr(held_on, 6, 2) AS INTEGER) + 2) / 3)
               ELSE substr(held_on, 1, 4)
           END AS period
      FROM events ev JOIN places pl ON pl.place_id = ev.place_id
     WHERE (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:place, '') IS NULL OR ev.place_id IN (
            SELECT d.place_id FROM place_divisions d
             WHERE d.today_code IN area OR d.today_prefecture_code IN area
                OR d.today_province_code IN area))
),
-- one row per event, and one per project a ceremony names (kind 'named'): as first reported,
-- or named again by a later source (a mention); one pass adds them up, and a project named
-- twice is counted once (count DISTINCT)
rows AS (
    SELECT district, period, kind, project_count, signed_amount_yuan, signed_amount_qualifier,
           NULL AS project_id
      FROM e
    UNION ALL
    SELECT e.district, e.period, 'named', NULL, NULL, NULL, p.project_id
      FROM e JOIN projects p ON p.event_id = e.event_id WHERE e.kind = 'ceremony'
    UNION ALL
    SELECT e.district, e.period, 'named', NULL, NULL, NULL, m.project_id
      FROM e JOIN project_mentions m ON m.event_id = e.event_id WHERE e.kind = 'ceremony'
)
SELECT district,
       period,
       count(*) FILTER (WHERE kind = 'ceremony') AS events,
       sum(project_count) FILTER (WHERE kind = 'ceremony') AS headline_projects,
       count(DISTINCT project_id)               AS named_projects,
       sum(signed_amount_yuan) FILTER (WHERE kind = 'ceremony') AS signed_amount_yuan,
       -- a sum keeps the loosest qualifier of its parts; none when no ceremony states an amount
       CASE WHEN count(signed_amount_yuan) FILTER (WHERE kind = 'ceremony') = 0 THEN NULL
            WHEN sum(signed_amount_qualifier <> 'exact') FILTER (WHERE kind = 'ceremony' AND signed_amount_yuan IS NOT NULL) = 0 THEN 'exact'
            WHEN sum(signed_amount_qualifier NOT IN ('exact', 'at_least')) FILTER (WHERE kind = 'ceremony' AND signed_amount_yuan IS NOT NULL) = 0 THEN 'at_least'
            WHEN sum(signed_amount_qualifier NOT IN ('exact', 'at_least', 'more_than')) FILTER (WHERE kind = 'ceremony' AND signed_amount_yuan IS NOT NULL) = 0 THEN 'more_than'
            ELSE 'about'
       END                                      AS signed_amount_qualifier,
       count(*) FILTER (WHERE kind = 'period_report') AS period_reports
  FROM rows
 GROUP BY district, period
 ORDER BY district, period;
