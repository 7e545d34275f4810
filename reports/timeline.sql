-- Report: timeline
-- Title: Signed amounts and counts over time, by district
-- Question: How much investment and how many projects did each district announce per year,
--   quarter or month?
-- Param: :by        year (default), quarter or month
-- Param: :district  only this place
-- Bar: signed_amount
WITH e AS (
    SELECT district, district_key, held_on, project_count, signed_amount_yuan, signed_amount_qualifier,
           named_projects,
           CASE coalesce(nullif(:by, ''), 'year')
               WHEN 'month'   THEN substr(held_on, 1, 7)
               WHEN 'quarter' THEN substr(held_on, 1, 4) || '-Q' || ((CAST(substr(held_on, 6, 2) AS INTEGER) + 2) / 3)
               ELSE substr(held_on, 1, 4)
           END AS period
      FROM event_overview
     WHERE (nullif(:district, '') IS NULL OR district = nullif(:district, '') OR district_key = nullif(:district, ''))
)
SELECT district,
       period,
       count(*)                                 AS events,
       sum(project_count)                       AS headline_projects,
       sum(named_projects)                      AS named_projects,
       sum(signed_amount_yuan)                  AS signed_amount_yuan,
       -- a sum keeps the loosest qualifier of its parts
       CASE WHEN sum(signed_amount_qualifier <> 'exact') = 0 THEN 'exact'
            WHEN sum(signed_amount_qualifier NOT IN ('exact', 'at_least')) = 0 THEN 'at_least'
            WHEN sum(signed_amount_qualifier NOT IN ('exact', 'at_least', 'more_than')) = 0 THEN 'more_than'
            ELSE 'about'
       END                                      AS signed_amount_qualifier
  FROM e
 GROUP BY district, period
 ORDER BY district, period;
