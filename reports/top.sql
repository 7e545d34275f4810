-- Report: top
-- Title: The largest named projects
-- Question: Which named projects bring the most investment, where, and from whom?
-- Param: :limit     how many projects (default 10)
-- Param: :district  only projects of events held by this place
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
SELECT rank() OVER (ORDER BY amount_yuan DESC) AS rank,
       project,
       amount_yuan,
       amount_qualifier,
       held_on,
       district,
       place,
       companies,
       industries,
       amount_quote
  FROM project_overview
 WHERE amount_yuan IS NOT NULL
   AND (:district IS NULL OR district = :district OR district_key = :district)
   AND (:from IS NULL OR held_on >= :from)
   AND (:to IS NULL OR held_on <= :to)
 ORDER BY amount_yuan DESC, project
 LIMIT coalesce(:limit, 10);
