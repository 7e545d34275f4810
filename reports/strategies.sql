-- Report: strategies
-- Title: Strategies and what the sources tie to them
-- Question: For each national, municipal and district strategy, layout, goal, work mode,
--   mechanism, method and task force: which events, projects, places and industries do the
--   sources tie to it, and how much named investment do those projects bring?
-- Param: :level     national, municipal or district
-- Param: :kind      strategy, industrial_layout, goal, work_mode, mechanism, method, task_force, principle
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
