-- Report: timeline
-- Title: Signed amounts and counts over time, by district
-- Fit: period, signed amount | district, bar, events, headline projects, named projects, period reports
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
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
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
           ev.project_count, ev.signed_amount_yuan,
           CASE WHEN ev.project_count IS NULL THEN NULL WHEN ev.project_count_qualifier = 'exact' THEN 0
                WHEN ev.project_count_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN ev.project_count_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS count_bound,
           CASE WHEN ev.signed_amount_yuan IS NULL THEN NULL WHEN ev.signed_amount_qualifier = 'exact' THEN 0
                WHEN ev.signed_amount_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN ev.signed_amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS amount_bound,
           ev.event_id,
           CASE coalesce(nullif(:by, ''), 'year')
               WHEN 'month'   THEN substr(held_on, 1, 7)
               WHEN 'quarter' THEN substr(held_on, 1, 4) || '-Q' || ((CAST(substr(held_on, 6, 2) AS INTEGER) + 2) / 3)
               ELSE substr(held_on, 1, 4)
           END AS period
      FROM events ev JOIN places pl ON pl.place_id = ev.place_id
     WHERE ev.stage = 'signing' -- a 开工 or 投产 batch is no signing (V10)
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:place, '') IS NULL OR ev.place_id IN (
            SELECT d.place_id FROM place_divisions d
             WHERE d.today_code IN area OR d.today_prefecture_code IN area
                OR d.today_province_code IN area))
),
-- one row per event, and one per project a ceremony names (kind 'named'): as first reported,
-- or named again by a later source (a mention); one pass adds them up, and a project named
-- twice is counted once (count DISTINCT)
rows AS (
    SELECT district, period, kind, project_count, signed_amount_yuan, count_bound, amount_bound,
           NULL AS project_id
      FROM e
    UNION ALL
    SELECT e.district, e.period, 'named', NULL, NULL, NULL, NULL, p.project_id
      FROM e JOIN projects p ON p.event_id = e.event_id WHERE e.kind = 'ceremony'
    UNION ALL
    SELECT e.district, e.period, 'named', NULL, NULL, NULL, NULL, m.project_id
      FROM e JOIN project_mentions m ON m.event_id = e.event_id WHERE e.kind = 'ceremony'
)
SELECT district,
       period,
       count(*) FILTER (WHERE kind = 'ceremony') AS events,
       sum(project_count) FILTER (WHERE kind = 'ceremony') AS headline_projects,
       CASE sum(DISTINCT count_bound) FILTER (WHERE kind = 'ceremony')
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
                                                AS headline_projects_qualifier,
       count(*) FILTER (WHERE kind = 'ceremony' AND project_count IS NULL) AS unstated_headline_projects,
       count(DISTINCT project_id)               AS named_projects,
       sum(signed_amount_yuan) FILTER (WHERE kind = 'ceremony') AS signed_amount_yuan,
       CASE sum(DISTINCT amount_bound) FILTER (WHERE kind = 'ceremony')
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
                                                AS signed_amount_qualifier,
       count(*) FILTER (WHERE kind = 'ceremony' AND signed_amount_yuan IS NULL) AS unstated_signed_amount,
       count(*) FILTER (WHERE kind = 'period_report') AS period_reports
  FROM rows
 GROUP BY district, period
 ORDER BY district, period;
