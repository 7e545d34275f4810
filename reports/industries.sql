-- Report: industries
-- Title: Projects and amounts per industry
-- Question: How many named projects, and how much named investment, does each industry have;
--   what is its role in the district's industrial layout (主 main / 特 special); how many of
--   its project links does the source state and how many did the cataloguer infer?
-- Param: :basis     `stated` to leave out inferred classifications (default: both)
-- Param: :district  only projects of events held by this place
-- Bar: amount
WITH links AS (
    SELECT pi.industry_id, pi.basis, p.project_id, p.amount_yuan
      FROM project_industries pi
      JOIN projects p ON p.project_id = pi.project_id
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE (nullif(:basis, '') IS NULL OR pi.basis = nullif(:basis, ''))
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
)
SELECT i.name                                               AS industry,
       -- the layouts in which it is a main (主) or a special (特) industry
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT s.name FROM layout_industries li JOIN strategies s ON s.strategy_id = li.strategy_id
             WHERE li.industry_id = i.industry_id AND li.role = 'main')) AS main_in,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT s.name FROM layout_industries li JOIN strategies s ON s.strategy_id = li.strategy_id
             WHERE li.industry_id = i.industry_id AND li.role = 'special')) AS special_in,
       (SELECT count(*) FROM event_industries ei WHERE ei.industry_id = i.industry_id)
                                                            AS events_covering,
       count(DISTINCT l.project_id)                         AS projects,
       count(DISTINCT CASE l.basis WHEN 'stated' THEN l.project_id END)   AS stated,
       count(DISTINCT CASE l.basis WHEN 'inferred' THEN l.project_id END) AS inferred,
       count(DISTINCT CASE WHEN l.amount_yuan IS NOT NULL THEN l.project_id END) AS with_amount,
       coalesce(sum(l.amount_yuan), 0)                      AS amount_yuan
  FROM industries i
  LEFT JOIN links l ON l.industry_id = i.industry_id
 GROUP BY i.industry_id
 ORDER BY amount_yuan DESC, projects DESC, industry;
