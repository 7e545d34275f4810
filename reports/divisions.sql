-- Report: divisions
-- Title: Events rolled up by division: per province, prefecture or county
-- Fit: division, headline amount | events, headline count, named amount, division code, first held on, last held on, named count, places
-- Question: Per province (or prefecture, or county), with today's divisions or those of the
--   events' dates, how many signing ceremonies were held, and what do their headlines and named
--   projects add up to?
-- Param: :division_level     province (when not given), prefecture or county
-- Param: :as_of     today (when not given: today's divisions, through successors) or event (as they were on the events' dates)
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Ceremonies only: a report of a period is never added to the ceremonies within it, and a
-- project the ceremonies name (named_count) counts once however many sources name it. A place
-- without a code (a town, park or zone) counts under the division above it (place_divisions).
-- A county directly under its province (重慶's districts) has no prefecture: it counts under the
-- province at the prefecture level. Amounts are the headlines in yuan (other currencies left out).
-- In the sqlite3 shell: `.param set :division_level county`, `.param set :place 吴江市` (simplified
-- script, or a code); `zhaoshang report summary --by county --place 吳江市` runs the same.
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
-- MATERIALIZED: read three times below (place_divisions is a recursive view)
placed AS MATERIALIZED (
    SELECT e.event_id, e.held_on, e.project_count, e.signed_amount_yuan, p.name AS place,
           p.place_id,
           CASE WHEN e.project_count IS NULL THEN NULL WHEN e.project_count_qualifier = 'exact' THEN 0
                WHEN e.project_count_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN e.project_count_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS count_bound,
           CASE WHEN e.signed_amount_yuan IS NULL THEN NULL WHEN e.signed_amount_qualifier = 'exact' THEN 0
                WHEN e.signed_amount_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN e.signed_amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS amount_bound,
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
      FROM events e
      JOIN places p ON p.place_id = e.place_id
      JOIN place_divisions d ON d.place_id = e.place_id
     WHERE e.kind = 'ceremony' AND e.stage = 'signing'
       AND (nullif(:place, '') IS NULL
            OR d.today_code IN area OR d.today_prefecture_code IN area
            OR d.today_province_code IN area)
       AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
),
-- the distinct projects each division's ceremonies name: as first reported, or named again by a
-- later source (a mention, counted with the amount first reported); one project counts once
named AS MATERIALIZED (
    SELECT n.division_code, count(*) AS projects, sum(pr.amount_yuan) AS amount_yuan,
           CASE sum(DISTINCT CASE WHEN pr.amount_yuan IS NULL THEN NULL WHEN pr.amount_qualifier = 'exact' THEN 0
                                 WHEN pr.amount_qualifier IN ('more_than', 'at_least') THEN 1
                                 WHEN pr.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
                WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS amount_qualifier,
           count(*) - count(pr.amount_yuan) AS unstated
      FROM (SELECT x.division_code, p.project_id
              FROM placed x JOIN projects p ON p.event_id = x.event_id
            UNION
            SELECT x.division_code, m.project_id
              FROM placed x JOIN project_mentions m ON m.event_id = x.event_id) n
      JOIN projects pr ON pr.project_id = n.project_id
     GROUP BY n.division_code
)
SELECT division_code,
       division,
       count(*) AS events,
       min(held_on) AS first_held_on,
       max(held_on) AS last_held_on,
       sum(project_count) AS headline_count,
       CASE sum(DISTINCT count_bound)
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS headline_qualifier,
       count(*) - count(project_count) AS unstated_headline_count,
       sum(signed_amount_yuan) AS headline_amount_yuan,
       CASE sum(DISTINCT amount_bound)
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS headline_amount_qualifier,
       count(*) - count(signed_amount_yuan) AS unstated_headline_amount,
       coalesce((SELECT n.projects FROM named n WHERE n.division_code IS placed.division_code), 0)
                             AS named_count,
       (SELECT n.amount_yuan FROM named n WHERE n.division_code IS placed.division_code)
                             AS named_amount_yuan,
       (SELECT n.amount_qualifier FROM named n WHERE n.division_code IS placed.division_code)
                             AS named_amount_qualifier,
       coalesce((SELECT n.unstated FROM named n WHERE n.division_code IS placed.division_code), 0)
                             AS unstated_named_amount,
       -- the places in the order they were catalogued (group_concat alone has no order)
       (SELECT group_concat(x.place) FROM
          (SELECT y.place FROM placed y WHERE y.division_code IS placed.division_code
            GROUP BY y.place ORDER BY min(y.place_id)) x) AS places
  FROM placed
 GROUP BY division_code
 ORDER BY headline_amount_yuan DESC, division_code;
