-- Report: map
-- Title: Signed amounts on the map: a dot per county
-- Fit: division, signed amount | bar, events, headline projects, prefecture, province, division code, places, longitude, latitude
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
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
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
       CASE sum(DISTINCT CASE WHEN e.project_count IS NULL THEN NULL WHEN e.project_count_qualifier = 'exact' THEN 0
                             WHEN e.project_count_qualifier IN ('more_than', 'at_least') THEN 1
                             WHEN e.project_count_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
                                    AS headline_projects_qualifier,
       count(*) - count(e.project_count) AS unstated_headline_projects,
       sum(e.signed_amount_yuan)    AS signed_amount_yuan,
       CASE sum(DISTINCT CASE WHEN e.signed_amount_yuan IS NULL THEN NULL WHEN e.signed_amount_qualifier = 'exact' THEN 0
                             WHEN e.signed_amount_qualifier IN ('more_than', 'at_least') THEN 1
                             WHEN e.signed_amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
                                    AS signed_amount_qualifier,
       count(*) - count(e.signed_amount_yuan) AS unstated_signed_amount,
       d.longitude,
       d.latitude,
       group_concat(DISTINCT p.name) AS places
  FROM events e
  JOIN places p ON p.place_id = e.place_id
  JOIN place_divisions d ON d.place_id = e.place_id
 WHERE e.kind = 'ceremony' AND e.stage = 'signing'
   AND d.longitude IS NOT NULL AND d.latitude IS NOT NULL
   AND (nullif(:place, '') IS NULL
        OR d.today_code IN area OR d.today_prefecture_code IN area
        OR d.today_province_code IN area)
   AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
   AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
 GROUP BY d.today_code
 ORDER BY signed_amount_yuan DESC, division_code;
