-- Report: timeline_by_division
-- Title: Signed amounts and counts over time, by province, prefecture or county
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
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
-- MATERIALIZED: read three times below (place_divisions is a recursive view)
e AS MATERIALIZED (
    SELECT ev.kind, ev.project_count, ev.signed_amount_yuan, ev.signed_amount_qualifier,
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
     WHERE (nullif(:from, '') IS NULL OR ev.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR ev.held_on <= nullif(:to, ''))
       AND (nullif(:place, '') IS NULL
            OR d.today_code IN area OR d.today_prefecture_code IN area
            OR d.today_province_code IN area)
),
-- one row per event, and one per project a ceremony names (kind 'named'): as first reported,
-- or named again by a later source (a mention); one pass adds them up, and a project named
-- twice is counted once (count DISTINCT)
rows AS (
    SELECT division_code, division, period, kind, project_count, signed_amount_yuan, signed_amount_qualifier,
           NULL AS project_id
      FROM e
    UNION ALL
    SELECT e.division_code, e.division, e.period, 'named', NULL, NULL, NULL, p.project_id
      FROM e JOIN projects p ON p.event_id = e.event_id WHERE e.kind = 'ceremony'
    UNION ALL
    SELECT e.division_code, e.division, e.period, 'named', NULL, NULL, NULL, m.project_id
      FROM e JOIN project_mentions m ON m.event_id = e.event_id WHERE e.kind = 'ceremony'
)
SELECT division_code,
       division,
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
 GROUP BY division_code, period
 ORDER BY division_code, period;
