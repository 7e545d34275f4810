-- Report: industries
-- Title: Projects and amounts per industry
-- Fit: industry, amount | projects, bar, main in, special in, with amount, stated, inferred, events covering
-- Question: How many named projects, and how much named investment, does each industry have;
--   what is its role in the district's industrial layout (主 main / 特 special); how many of
--   its project links does the source state and how many did the cataloguer infer?
-- Param: :basis     `stated` to leave out inferred classifications (default: both)
-- Param: :district  only projects of events held by this place
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Bar: amount
-- Each industry's links are counted in one pass over project_industries (a project is linked
-- to an industry once: the table's key), nothing the size of the links held. NOT INDEXED: in
-- table order the projects are read in order too; through the industry index they were read at
-- random, a page each (at 100,000 projects 122k reads of the file instead of 10k).
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
-- Events of another stage (开工/竣工/投产 batches) and their projects are left out: `report
-- followthrough` and `show project` follow them.
WITH area (code) AS (
    -- :place: the areas today holding the division of that name or code (through successors)
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
per_industry AS (
    SELECT pi.industry_id,
           count(*)                                      AS projects,
           count(CASE pi.basis WHEN 'stated' THEN 1 END)   AS stated,
           count(CASE pi.basis WHEN 'inferred' THEN 1 END) AS inferred,
           count(p.amount_yuan)                          AS with_amount,
           sum(p.amount_yuan)                            AS amount_yuan,
           CASE sum(DISTINCT CASE WHEN p.amount_yuan IS NULL THEN NULL WHEN p.amount_qualifier = 'exact' THEN 0
                                 WHEN p.amount_qualifier IN ('more_than', 'at_least') THEN 1
                                 WHEN p.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
                WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS amount_qualifier
      FROM project_industries pi NOT INDEXED
      JOIN projects p ON p.project_id = pi.project_id
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE e.stage = 'signing'
       AND (nullif(:basis, '') IS NULL OR pi.basis = nullif(:basis, ''))
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:place, '') IS NULL OR e.place_id IN (
            SELECT d.place_id FROM place_divisions d
             WHERE d.today_code IN area OR d.today_prefecture_code IN area
                OR d.today_province_code IN area))
     GROUP BY pi.industry_id
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
       coalesce(a.projects, 0)                              AS projects,
       coalesce(a.stated, 0)                                AS stated,
       coalesce(a.inferred, 0)                              AS inferred,
       coalesce(a.with_amount, 0)                           AS with_amount,
       -- empty when none of its projects states an amount: never 0
       a.amount_yuan                                        AS amount_yuan,
       a.amount_qualifier                                   AS amount_qualifier,
       coalesce(a.projects - a.with_amount, 0)              AS unstated_amount
  FROM industries i
  LEFT JOIN per_industry a ON a.industry_id = i.industry_id
 ORDER BY amount_yuan DESC NULLS LAST, projects DESC, industry;
