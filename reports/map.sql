-- Report: map
-- Title: Signed amounts on the map: a dot per county
-- Question: Where were the signing ceremonies held, and how much did each county (by today's
--   divisions) announce?
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Bar: signed_amount
-- A row per division in use today that holds catalogued ceremonies, at its seat: a county, or a
-- prefecture or province for an event held by one (a town, park or zone counts under the
-- division above it; a 1995 江津市 under today's 江津区). `--format svg` draws each as a dot
-- whose area is proportional to the signed amount, on an equirectangular projection of China's
-- bounding box; `--format html` puts it on a page above this table. Ceremonies only, as in
-- `timeline`; places with no coordinates (no code, or an area split since) are left out.
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
)
SELECT d.today_code                 AS division_code,
       coalesce(d.county_today, d.prefecture_today, d.province_today) AS division,
       d.prefecture_today           AS prefecture,
       d.province_today             AS province,
       count(*)                     AS events,
       sum(e.project_count)         AS headline_projects,
       sum(e.signed_amount_yuan)    AS signed_amount_yuan,
       d.longitude,
       d.latitude,
       group_concat(DISTINCT p.name) AS places
  FROM events e
  JOIN places p ON p.place_id = e.place_id
  JOIN place_divisions d ON d.place_id = e.place_id
 WHERE e.kind = 'ceremony'
   AND d.longitude IS NOT NULL AND d.latitude IS NOT NULL
   AND (nullif(:place, '') IS NULL
        OR d.today_code IN area OR d.today_prefecture_code IN area
        OR d.today_province_code IN area)
   AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
   AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
 GROUP BY d.today_code
 ORDER BY signed_amount_yuan DESC, division_code;
