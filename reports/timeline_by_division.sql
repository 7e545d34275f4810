-- Report: timeline_by_division
-- Title: Signed amounts and counts over time, by province, prefecture or county
-- Fit: division, period, signed amount | bar, events, headline projects, named projects, division code, period reports
-- Question: How much investment and how many projects did each province (or prefecture, or
--   county) announce per year, quarter or month?
-- Param: :division_level     province (when not given), prefecture or county
-- Param: :as_of     today (when not given: today's divisions, through successors) or event (as they were on the events' dates)
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :by        year (default), quarter or month
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Bar: signed_amount
-- `report timeline --by LEVEL` runs it: the timeline rolled up. As there, only signing
-- ceremonies are added up; reports of a period are counted apart (period_reports), and
-- named_projects counts the projects the ceremonies name, each once.
-- A place without a code (a town, park or zone) counts under the division above it
-- (place_divisions); a county directly under its province (重慶's districts) has no prefecture and
-- counts under the province at the prefecture level, as in `report divisions`.
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
-- MATERIALIZED: read three times below (place_divisions is a recursive view)
e AS MATERIALIZED (
    SELECT ev.kind, ev.project_count, ev.signed_amount_yuan,
           CASE WHEN ev.project_count IS NULL THEN NULL WHEN ev.project_count_qualifier = 'exact' THEN 0
                WHEN ev.project_count_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN ev.project_count_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS count_bound,
           CASE WHEN ev.signed_amount_yuan IS NULL THEN NULL WHEN ev.signed_amount_qualifier = 'exact' THEN 0
                WHEN ev.signed_amount_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN ev.signed_amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS amount_bound,
           ev.event_id,
           CASE coalesce(nullif(:by, ''), 'year')
               WHEN 'month'   THEN substr(ev.held_on, 1, 7)
               WHEN 'quarter' THEN substr(ev.held_on, 1, 4) || '-Q' || ((CAST(substr(ev.held_on, 6, 2) AS INTEGER) + 2) / 3)
               ELSE substr(ev.held_on, 1, 4)
           END AS period,
           CASE WHEN nullif(:as_of, '') IS NULL OR :as_of = 'today' THEN
                CASE coalesce(nullif(:division_level, ''), 'province')
                     WHEN 'province' THEN d.today_province_code
                     WHEN 'prefecture' THEN coalesce(d.today_prefecture_code, d.today_province_code)
                     ELSE d.today_code END
           ELSE
                CASE coalesce(nullif(:division_level, ''), 'province')
                     WHEN 'province' THEN substr(d.division_code, 1, 2) || '0000'
                     WHEN 'prefecture' THEN CASE WHEN d.prefecture IS NULL
                          THEN substr(d.division_code, 1, 2) || '0000'
                          ELSE substr(d.division_code, 1, 4) || '00' END
                     ELSE CASE WHEN d.county IS NOT NULL THEN d.division_code END END
           END AS division_code,
           CASE WHEN nullif(:as_of, '') IS NULL OR :as_of = 'today' THEN
                CASE coalesce(nullif(:division_level, ''), 'province')
                     WHEN 'province' THEN d.province_today
                     WHEN 'prefecture' THEN coalesce(d.prefecture_today, d.province_today)
                     ELSE d.county_today END
           ELSE
                CASE coalesce(nullif(:division_level, ''), 'province')
                     WHEN 'province' THEN d.province
                     WHEN 'prefecture' THEN coalesce(d.prefecture, d.province)
                     ELSE d.county END
           END AS division

      FROM events ev
      JOIN place_divisions d ON d.place_id = ev.place_id
     WHERE ev.stage = 'signing' -- a 开工 or 投产 batch is no signing (V10)
       AND (nullif(:from, '') IS NULL OR ev.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR ev.held_on <= nullif(:to, ''))
       AND (nullif(:place, '') IS NULL
            OR d.today_code IN area OR d.today_prefecture_code IN area
            OR d.today_province_code IN area)
),
-- one row per event, and one per project a ceremony names (kind 'named'): as first reported,
-- or named again by a later source (a mention); one pass adds them up, and a project named
-- twice is counted once (count DISTINCT)
rows AS (
    SELECT division_code, division, period, kind, project_count, signed_amount_yuan, count_bound, amount_bound,
           NULL AS project_id
      FROM e
    UNION ALL
    SELECT e.division_code, e.division, e.period, 'named', NULL, NULL, NULL, NULL, p.project_id
      FROM e JOIN projects p ON p.event_id = e.event_id WHERE e.kind = 'ceremony'
    UNION ALL
    SELECT e.division_code, e.division, e.period, 'named', NULL, NULL, NULL, NULL, m.project_id
      FROM e JOIN project_mentions m ON m.event_id = e.event_id WHERE e.kind = 'ceremony'
)
SELECT division_code,
       division,
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
 GROUP BY division_code, period
 ORDER BY division_code, period;
