-- Report: top_by_division
-- Title: The largest named projects of each province, prefecture or county
-- Fit: division, rank, project, amount | bar, held on, companies, industries, district, place, division code, sources
-- Question: In each province (or prefecture, or county), which named projects bring the most
--   investment, where, and from whom?
-- Param: :division_level     province (when not given), prefecture or county
-- Param: :as_of     today (when not given: today's divisions, through successors) or event (as they were on the events' dates)
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :limit     how many projects per division (default 10)
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Bar: amount
-- `report top --by LEVEL` runs it: the top list of each division, ranked within it. As in `top`,
-- a project reported by several sources is one row, with the first source's amount.
-- A place without a code (a town, park or zone) counts under the division above it
-- (place_divisions); a county directly under its province (重慶's districts) has no prefecture and
-- counts under the province at the prefecture level, as in `report divisions`.
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
),
ranked AS MATERIALIZED (
    SELECT x.division_code, x.division, p.project_id,
           rank() OVER (PARTITION BY x.division_code ORDER BY p.amount_yuan DESC) AS rank,
           row_number() OVER (PARTITION BY x.division_code ORDER BY p.amount_yuan DESC, p.name) AS n
      FROM projects p
      JOIN placed x ON x.event_id = p.event_id
     WHERE p.amount_yuan IS NOT NULL
)
SELECT r.division_code,
       r.division,
       r.rank,
       o.project,
       o.amount_yuan,
       o.amount_qualifier,
       o.held_on,
       o.district,
       o.place,
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT c.name FROM project_companies pc
          JOIN companies c ON c.company_id = pc.company_id
         WHERE pc.project_id = o.project_id)) AS companies,
       (SELECT group_concat(i.name, '; ') FROM project_industries pi
          JOIN industries i ON i.industry_id = pi.industry_id
         WHERE pi.project_id = o.project_id) AS industries,
       o.sources
  FROM ranked r
  JOIN project_overview o ON o.project_id = r.project_id
 WHERE r.n <= coalesce(CAST(nullif(:limit, '') AS INTEGER), 10)
 ORDER BY r.division_code, r.rank, o.project;
