-- Report: bands
-- Title: Named projects by amount band, beside the band counts the sources reported
-- Fit: band, projects | bar, amount, reported count, kind, scope, quote
-- Question: How are the named projects spread over the usual amount bands, and what band counts
--   did the sources themselves report (for an event, or for a place over a period)?
-- Param: :district  only events held by this place
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- Bar: projects
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
-- Events of another stage (开工/竣工/投产 batches) and their projects are left out: `report
-- followthrough` and `show project` follow them.
WITH standard (sort, band, min_yuan, max_yuan) AS (
    VALUES (1, '≥50億',    5000000000, NULL),
           (2, '20–50億',  2000000000, 5000000000),
           (3, '10–20億',  1000000000, 2000000000),
           (4, '1–10億',    100000000, 1000000000),
           (5, '<1億',              0,  100000000),
           (6, 'unstated',       NULL,       NULL)
),
named AS (
    SELECT p.project_id, p.amount_yuan, p.event_id, e.held_on, e.place_id,
           CASE WHEN p.amount_yuan IS NULL THEN NULL WHEN p.amount_qualifier = 'exact' THEN 0
                WHEN p.amount_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN p.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS amount_bound
      FROM projects p
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE e.stage = 'signing'
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
       AND (p.amount_currency IS NULL OR p.amount_currency = 'CNY')
),
reported AS MATERIALIZED (
    SELECT st.*,
           coalesce(st.band_min_yuan, 0) AS lo,
           CASE WHEN st.band_max_yuan IS NULL THEN printf('%g億以上', st.band_min_yuan / 1e8)
                WHEN coalesce(st.band_min_yuan, 0) = 0 THEN
                    printf('%g億%s', st.band_max_yuan / 1e8, CASE WHEN st.band_max_inclusive THEN '以下' ELSE '未滿' END)
                ELSE printf('%g億-%g億', st.band_min_yuan / 1e8, st.band_max_yuan / 1e8)
           END AS band_text
      FROM statistics st
      JOIN places pl ON pl.place_id = st.place_id
     WHERE st.metric = 'projects_in_band'
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:from, '') IS NULL OR coalesce(st.period_end, '9999') >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR coalesce(st.period_start, '0000') <= nullif(:to, ''))
),
rows AS (
    SELECT 0 AS section, s.sort, s.band, 'all named projects' AS scope,
           count(n.project_id) AS projects,
           sum(n.amount_yuan) AS amount_yuan,
           CASE sum(DISTINCT n.amount_bound)
                WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS amount_qualifier,
           count(n.project_id) - count(n.amount_yuan) AS unstated_amount,
           NULL AS reported_count, NULL AS reported_qualifier, NULL AS quote
      FROM standard s
      LEFT JOIN named n
        ON (s.min_yuan IS NULL AND n.amount_yuan IS NULL)
        OR (n.amount_yuan >= s.min_yuan AND (s.max_yuan IS NULL OR n.amount_yuan < s.max_yuan))
     GROUP BY s.sort
    UNION ALL
    SELECT 1, r.statistic_id, r.band_text,
           CASE WHEN r.event_id IS NOT NULL
                THEN (SELECT e.name || ' ' || e.held_on FROM events e WHERE e.event_id = r.event_id)
                ELSE (SELECT pl.name FROM places pl WHERE pl.place_id = r.place_id)
                     || ' ' || coalesce(r.period_start, '') || '..' || coalesce(r.period_end, '')
           END,
-- by index: the event's projects, or the projects of the place's events in the period
           CASE WHEN r.event_id IS NOT NULL
                THEN (SELECT count(*) FROM projects p
                          WHERE p.event_id = r.event_id
                            AND p.amount_yuan >= r.lo
                            AND (r.band_max_yuan IS NULL OR p.amount_yuan < r.band_max_yuan
                                 OR (r.band_max_inclusive AND p.amount_yuan = r.band_max_yuan)))
                ELSE (SELECT count(*) FROM events e2 JOIN projects p ON p.event_id = e2.event_id
                          WHERE e2.place_id = r.place_id
                            AND e2.held_on BETWEEN coalesce(r.period_start, '0000') AND coalesce(r.period_end, '9999')
                            AND p.amount_yuan >= r.lo
                            AND (r.band_max_yuan IS NULL OR p.amount_yuan < r.band_max_yuan
                                 OR (r.band_max_inclusive AND p.amount_yuan = r.band_max_yuan)))
           END,
           NULL, NULL, NULL,
           CAST(r.value AS INTEGER), r.qualifier, r.quote
      FROM reported r
)
SELECT CASE section WHEN 0 THEN 'standard' ELSE 'reported' END AS kind,
       band, scope, projects, amount_yuan, amount_qualifier, unstated_amount,
       reported_count, reported_qualifier, quote
  FROM rows
 ORDER BY section, sort;
