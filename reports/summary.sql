-- Report: summary
-- Title: Events: headline figures against the named projects
-- Question: For each signing event, what did the source announce (projects, amount), what do
--   the projects it names add up to, and what is left unitemised?
-- Param: :district  only events held by this place (its name as catalogued)
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too (`report divisions` rolls them up)
-- A report of a period (kind period_report, from period_start to held_on) is listed too,
-- marked; other_figures counts the other figures a source gives for the headline (`reconcile`
-- lists them).
-- In the sqlite3 shell, set a parameter with `.param set :district 江津區`; unset ones are NULL.
-- Names match as written, or folded (simplified, lower case: 江津区) as the program passes them.
WITH area (code) AS (
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
)
SELECT event_id,
       held_on,
       district,
       event,
       kind,
       period_start,
       project_count         AS headline_count,
       project_count_qualifier AS headline_qualifier,
       signed_amount_yuan    AS headline_amount_yuan,
       signed_amount_qualifier AS headline_amount_qualifier,
       named_projects        AS named_count,
       named_with_amount,
       named_amount_yuan,
       unitemised_projects   AS unitemised_count,
       unitemised_amount_yuan,
       unitemised_amount_qualifier,
       (SELECT count(*) FROM alternative_figures a WHERE a.event_id = event_overview.event_id)
                             AS other_figures
  FROM event_overview
 WHERE (nullif(:place, '') IS NULL OR event_id IN (
        SELECT e.event_id FROM events e JOIN place_divisions d ON d.place_id = e.place_id
         WHERE (d.today_code IN area OR d.today_prefecture_code IN area
                OR d.today_province_code IN area)))
   AND (nullif(:district, '') IS NULL OR district = nullif(:district, '') OR district_key = nullif(:district, ''))
   AND (nullif(:from, '') IS NULL OR held_on >= nullif(:from, ''))
   AND (nullif(:to, '') IS NULL OR held_on <= nullif(:to, ''))
 ORDER BY held_on, event_id;
