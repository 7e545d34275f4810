-- Report: strategies
-- Title: Strategies and what the sources tie to them
-- Fit: strategy | level, events, projects, project amount, kind, places, industries, owner
-- Question: For each national, municipal and district strategy, layout, goal, work mode,
--   mechanism, method and task force: which events, projects, places and industries do the
--   sources tie to it, and how much named investment do those projects bring?
-- Param: :level     national, municipal or district
-- Param: :kind      strategy, industrial_layout, goal, work_mode, mechanism, method, task_force, principle
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
SELECT s.name                                                  AS strategy,
       s.level,
       s.kind,
       owner.name                                              AS owner,
       (SELECT count(DISTINCT x.event_id) FROM event_strategies x WHERE x.strategy_id = s.strategy_id) AS events,
       (SELECT count(DISTINCT x.project_id) FROM project_strategies x WHERE x.strategy_id = s.strategy_id) AS projects,
       -- empty when none of its projects states an amount: never 0
       (SELECT sum(p.amount_yuan) FROM project_strategies x
          JOIN projects p ON p.project_id = x.project_id
         WHERE x.strategy_id = s.strategy_id)                  AS project_amount_yuan,
       (SELECT CASE sum(DISTINCT CASE WHEN p.amount_yuan IS NULL THEN NULL WHEN p.amount_qualifier = 'exact' THEN 0
                                     WHEN p.amount_qualifier IN ('more_than', 'at_least') THEN 1
                                     WHEN p.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
                    WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                    WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END
          FROM project_strategies x JOIN projects p ON p.project_id = x.project_id
         WHERE x.strategy_id = s.strategy_id)                  AS project_amount_qualifier,
       (SELECT count(*) - count(p.amount_yuan) FROM project_strategies x
          JOIN projects p ON p.project_id = x.project_id
         WHERE x.strategy_id = s.strategy_id)                  AS unstated_project_amount,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT pl.name FROM place_strategies x
              JOIN places pl ON pl.place_id = x.place_id
             WHERE x.strategy_id = s.strategy_id))             AS places,
       (SELECT group_concat(i.name, '; ') FROM (
            SELECT industry_id FROM industry_strategies WHERE strategy_id = s.strategy_id
            UNION SELECT industry_id FROM layout_industries WHERE strategy_id = s.strategy_id) x
          JOIN industries i ON i.industry_id = x.industry_id)  AS industries
  FROM strategies s
  LEFT JOIN places owner ON owner.place_id = s.place_id
 WHERE (nullif(:level, '') IS NULL OR s.level = nullif(:level, ''))
   AND (nullif(:kind, '') IS NULL OR s.kind = nullif(:kind, ''))
 ORDER BY CASE s.level WHEN 'national' THEN 0 WHEN 'municipal' THEN 1 ELSE 2 END,
          s.kind, s.strategy_id;
