-- Report: summary
-- Title: Events: headline figures against the named projects
-- Fit: held on, district, event, headline amount | headline count, named amount, unitemised amount, named count, kind, unitemised count, event id, named with amount, period start, other figures
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
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
-- Events of another stage (开工/竣工/投产 batches) and their projects are left out: `report
-- followthrough` and `show project` follow them.
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
       -- the named amounts' bounds: a project named again (a mention) with its own amount or the
       -- project's
       (SELECT CASE sum(DISTINCT CASE WHEN n.v IS NULL THEN NULL WHEN n.q = 'exact' THEN 0
                                     WHEN n.q IN ('more_than', 'at_least') THEN 1
                                     WHEN n.q IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
                    WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                    WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
          FROM (SELECT p.amount_yuan AS v, p.amount_qualifier AS q
                  FROM projects p WHERE p.event_id = event_overview.event_id
                UNION ALL
                SELECT coalesce(m.amount_yuan, p.amount_yuan),
                       CASE WHEN m.amount_yuan IS NOT NULL THEN m.amount_qualifier ELSE p.amount_qualifier END
                  FROM project_mentions m JOIN projects p ON p.project_id = m.project_id
                 WHERE m.event_id = event_overview.event_id) n) AS named_amount_qualifier,
       named_projects - named_with_amount AS unstated_named_amount,
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
   AND event_id IN (SELECT e.event_id FROM events e WHERE e.stage = 'signing')
   AND (nullif(:from, '') IS NULL OR held_on >= nullif(:from, ''))
   AND (nullif(:to, '') IS NULL OR held_on <= nullif(:to, ''))
 ORDER BY held_on, event_id;
