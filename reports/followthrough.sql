-- Report: followthrough
-- Title: Follow-through: what became of the projects signed in a period
-- Question: Of the projects signed in a period, grouped by place, year or industry, how many
--   did a later source report on, how many had started (or gone further) and how many were in
--   production within the window, what funds were in place, and how many were terminated?
-- Param: :by        group the signed projects by place (default), year or industry
-- Param: :within    the window after each signing, in months (default 12)
-- Param: :from      only projects signed on or after this date (YYYY-MM-DD)
-- Param: :to        only projects signed on or before this date (YYYY-MM-DD)
-- Param: :district  only projects signed at events held by this place (its name as catalogued)
-- Note: percentages are of `signed` (funds_pct of signed_amount_yuan); `unknown` is a project no later source reports on within the window, not a failure.
-- Column: signed  projects signed in the cohort (named projects first reported at a signing)
-- Column: signed_amount_yuan  their stated amounts, added up (projects without one add nothing)
-- Column: with_later_news  projects a later event or milestone reports on within the window
-- Column: started  projects a later event or milestone puts at started, completed or in_production within the window
-- Column: started_pct  started as a percentage of signed (empty when no project of the cohort has later news)
-- Column: in_production  projects reported in production within the window
-- Column: in_production_pct  in_production as a percentage of signed (empty when no project of the cohort has later news)
-- Column: funds_in_place_yuan  funds in place by each project's latest report of them within the window, added up
-- Column: funds_pct  funds_in_place_yuan as a percentage of signed_amount_yuan
-- Column: terminated  projects reported terminated within the window
-- Column: unknown  signed projects no later source reports on within the window (not a failure)
--
-- A project belongs to the cohort of the signing that first reports it (an event of stage
-- signing; a report of a period counts on its last day). Its later steps are the events of
-- later sources that name it again (same_as: a 集中开工 batch is an event of stage started) and
-- its milestones, each dated on its day (a milestone of a period, on the period's last day: by
-- then it was so). A step counts when it falls between the signing day and the end of the
-- window (signing day + `within` months). A project is started when some step within the window
-- is started, completed or in_production: a project reported in production is counted as
-- started even when no source reports its start. Funds in place are a running total: a
-- project's latest report within the window counts (the larger, on a day with two). In the
-- sqlite3 shell set parameters with `.param set :by year`; unset ones take their defaults.
WITH cohort AS (
    SELECT p.project_id,
           p.amount_yuan,
           e.held_on AS signed_on,
           date(e.held_on, '+' || coalesce(nullif(:within, ''), 12) || ' months') AS until,
           CASE coalesce(nullif(:by, ''), 'place')
                WHEN 'year' THEN substr(e.held_on, 1, 4)
                ELSE pl.name END AS cohort
      FROM events e
      JOIN projects p ON p.event_id = e.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE e.stage = 'signing'
       AND e.held_on >= coalesce(nullif(:from, ''), '0000-01-01')
       AND e.held_on <= coalesce(nullif(:to, ''), '9999-12-31')
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '')
            OR pl.name_key = nullif(:district, ''))
),
-- by industry: a project counts under each industry it has (stated or inferred), and under
-- '(no industry)' when it has none
grouped AS (
    SELECT c.project_id, c.amount_yuan, c.signed_on, c.until, c.cohort FROM cohort c
     WHERE coalesce(nullif(:by, ''), 'place') <> 'industry'
    UNION ALL
    SELECT c.project_id, c.amount_yuan, c.signed_on, c.until,
           coalesce(i.name, '(no industry)')
      FROM cohort c
      LEFT JOIN project_industries pi ON pi.project_id = c.project_id
      LEFT JOIN industries i ON i.industry_id = pi.industry_id
     WHERE coalesce(nullif(:by, ''), 'place') = 'industry'
),
-- each project's steps within its window: the furthest stage reached (2 started, 3 completed,
-- 4 in production), whether any later source reports on it, whether it was terminated, and
-- its latest funds in place
-- materialised: each project's steps are looked up once, not once per column that reads them
fates AS MATERIALIZED (
    SELECT g.cohort, g.amount_yuan,
           max(coalesce((SELECT max(CASE e.stage WHEN 'started' THEN 2 WHEN 'completed' THEN 3
                                                 WHEN 'in_production' THEN 4 ELSE 0 END)
                           FROM project_mentions m JOIN events e ON e.event_id = m.event_id
                          WHERE m.project_id = g.project_id
                            AND e.held_on BETWEEN g.signed_on AND g.until), -1),
               coalesce((SELECT max(CASE ms.stage WHEN 'started' THEN 2 WHEN 'completed' THEN 3
                                                  WHEN 'in_production' THEN 4 ELSE 0 END)
                           FROM milestones ms
                          WHERE ms.project_id = g.project_id
                            AND ms.reached_on BETWEEN g.signed_on AND g.until), -1)) AS furthest,
           EXISTS (SELECT 1 FROM milestones ms
                    WHERE ms.project_id = g.project_id AND ms.stage = 'terminated'
                      AND ms.reached_on BETWEEN g.signed_on AND g.until) AS terminated,
           (SELECT ms.amount_yuan FROM milestones ms
             WHERE ms.project_id = g.project_id AND ms.stage = 'funds_in_place'
               AND ms.reached_on BETWEEN g.signed_on AND g.until
             ORDER BY ms.reached_on DESC, ms.amount_yuan DESC LIMIT 1) AS funds_yuan
      FROM grouped g
),
-- a cohort of which no later source says anything has no rates (empty, not 0%: nothing is
-- known of it); a whole percentage is written as an integer (50, not 50.0), so that the shell, Datasette and
-- the program write the same rows
totals AS (
    SELECT cohort,
           count(*)                                             AS signed,
           sum(amount_yuan)                                     AS signed_amount_yuan,
           sum(furthest >= 0)                                   AS with_later_news,
           sum(furthest >= 2)                                   AS started,
           round(100.0 * sum(furthest >= 2) / count(*), 1)      AS started_pct,
           sum(furthest >= 4)                                   AS in_production,
           round(100.0 * sum(furthest >= 4) / count(*), 1)      AS in_production_pct,
           sum(funds_yuan)                                      AS funds_in_place_yuan,
           round(100.0 * sum(funds_yuan) / sum(amount_yuan), 1) AS funds_pct,
           sum(terminated)                                      AS terminated,
           sum(furthest < 0)                                    AS unknown
      FROM fates
     GROUP BY cohort
)
SELECT cohort, signed, signed_amount_yuan, with_later_news,
       started,
       CASE WHEN with_later_news = 0 THEN NULL
            WHEN started_pct = CAST(started_pct AS INTEGER) THEN CAST(started_pct AS INTEGER)
            ELSE started_pct END AS started_pct,
       in_production,
       CASE WHEN with_later_news = 0 THEN NULL
            WHEN in_production_pct = CAST(in_production_pct AS INTEGER)
            THEN CAST(in_production_pct AS INTEGER) ELSE in_production_pct END AS in_production_pct,
       funds_in_place_yuan,
       CASE WHEN funds_pct = CAST(funds_pct AS INTEGER) THEN CAST(funds_pct AS INTEGER)
            ELSE funds_pct END AS funds_pct,
       terminated, unknown
  FROM totals
 ORDER BY cohort;
