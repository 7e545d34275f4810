-- Report: industries_by_division
-- Title: Projects and amounts per industry, by province, prefecture or county
-- Fit: division, industry, amount | bar, projects, with amount, stated, inferred, division code
-- Question: In each province (or prefecture, or county), how many named projects and how much
--   named investment does each industry have, and how many of its links are stated or inferred?
-- Param: :division_level     province (when not given), prefecture or county
-- Param: :as_of     today (when not given: today's divisions, through successors) or event (as they were on the events' dates)
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :basis     `stated` to leave out inferred classifications (default: both)
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Bar: amount
-- `report industries --by LEVEL` runs it: the industries report rolled up, a row per division
-- and industry that has a named project there, the largest amounts of each division first.
-- A place without a code (a town, park or zone) counts under the division above it
-- (place_divisions); a county directly under its province (重慶's districts) has no prefecture and
-- counts under the province at the prefecture level, as in `report divisions`.
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
-- Events of another stage (开工/竣工/投产 batches) and their projects are left out: `report
-- followthrough` and `show project` follow them.
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
placed AS (
    SELECT e.event_id,
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
      JOIN place_divisions d ON d.place_id = e.place_id
     WHERE e.stage = 'signing'
       AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
       AND (nullif(:place, '') IS NULL
            OR d.today_code IN area OR d.today_prefecture_code IN area
            OR d.today_province_code IN area)
)
SELECT x.division_code,
       x.division,
       i.name                                          AS industry,
       count(*)                                        AS projects,
       count(CASE pi.basis WHEN 'stated' THEN 1 END)   AS stated,
       count(CASE pi.basis WHEN 'inferred' THEN 1 END) AS inferred,
       count(p.amount_yuan)                            AS with_amount,
       sum(p.amount_yuan)                              AS amount_yuan, -- empty when none is stated
       CASE sum(DISTINCT CASE WHEN p.amount_yuan IS NULL THEN NULL WHEN p.amount_qualifier = 'exact' THEN 0
                             WHEN p.amount_qualifier IN ('more_than', 'at_least') THEN 1
                             WHEN p.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS amount_qualifier,
       count(*) - count(p.amount_yuan)                 AS unstated_amount
  FROM project_industries pi
  JOIN projects p ON p.project_id = pi.project_id
  JOIN placed x ON x.event_id = p.event_id
  JOIN industries i ON i.industry_id = pi.industry_id
 WHERE (nullif(:basis, '') IS NULL OR pi.basis = nullif(:basis, ''))
 GROUP BY x.division_code, pi.industry_id
 ORDER BY x.division_code, amount_yuan DESC NULLS LAST, projects DESC, industry;
