-- Report: targets
-- Title: Targets against the progress catalogued so far
-- Fit: metric, target | progress pct, status, place, latest reported, period end, label, events signed, events in period, period start, target value, unit, latest reported to, quote
-- Question: For each target a source sets (協議引資 1000億 in 2024 …), how far do the catalogued
--   events of its place and period go, and what is the latest figure a source reported for it?
-- Param: :district  only targets of this place
--
-- Progress from events counts only for `agreed_investment` (協議引資: the amounts signed at
-- events); events of the place and of every place within it count. Other targets show only the
-- latest period figure reported within the target's period. Only ceremonies are added up (a
-- report of a period would count them twice). Where nothing is catalogued for the period, or
-- no ceremony in it states an amount, status is `no data` and progress is empty, never 0%.
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
WITH RECURSIVE within (target_id, place_id) AS (
    SELECT statistic_id, place_id FROM statistics WHERE kind = 'target'
    UNION
    SELECT w.target_id, pl.place_id FROM within w JOIN places pl ON pl.parent_id = w.place_id
),
progress AS (
    SELECT t.statistic_id,
           count(e.event_id) AS events,
           sum(e.signed_amount_yuan) AS signed_yuan,
           CASE sum(DISTINCT CASE WHEN e.signed_amount_yuan IS NULL THEN NULL WHEN e.signed_amount_qualifier = 'exact' THEN 0
                                 WHEN e.signed_amount_qualifier IN ('more_than', 'at_least') THEN 1
                                 WHEN e.signed_amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END)
                WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
                WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS signed_qualifier,
           count(e.event_id) - count(e.signed_amount_yuan) AS unstated
      FROM statistics t
      LEFT JOIN within w ON w.target_id = t.statistic_id
      LEFT JOIN events e ON e.place_id = w.place_id AND e.kind = 'ceremony'
                        AND e.stage = 'signing'
                        AND e.held_on BETWEEN t.period_start AND t.period_end
     WHERE t.kind = 'target'
     GROUP BY t.statistic_id
)
SELECT pl.name AS place,
       t.metric,
       t.label,
       t.period_start,
       t.period_end,
       t.value_yuan AS target_yuan,
       t.value AS target_value,
       t.unit,
       t.qualifier AS target_qualifier,
       p.events AS events_in_period,
       CASE WHEN t.metric = 'agreed_investment' THEN p.signed_yuan END AS events_signed_yuan,
       CASE WHEN t.metric = 'agreed_investment' THEN p.signed_qualifier END AS events_signed_qualifier,
       CASE WHEN t.metric = 'agreed_investment' THEN p.unstated END AS unstated_events_signed,
       CASE WHEN t.metric = 'agreed_investment' AND t.value_yuan > 0
            THEN round(100.0 * p.signed_yuan / t.value_yuan, 1) END AS progress_pct,
       CASE WHEN r.statistic_id IS NULL AND (p.signed_yuan IS NULL OR t.metric <> 'agreed_investment') THEN 'no data'
            WHEN coalesce(r.value_yuan, r.value) >= coalesce(t.value_yuan, t.value)
              OR (t.metric = 'agreed_investment' AND p.signed_yuan >= t.value_yuan) THEN 'met'
            ELSE 'in progress'
       END AS status,
       r.value_yuan AS latest_reported_yuan,
       r.qualifier AS latest_reported_qualifier,
       r.period_end AS latest_reported_to,
       t.quote
  FROM statistics t
  JOIN places pl ON pl.place_id = t.place_id
  JOIN progress p ON p.statistic_id = t.statistic_id
  LEFT JOIN statistics r ON r.statistic_id = (
        SELECT r2.statistic_id FROM statistics r2
         WHERE r2.kind = 'period_statistic' AND r2.metric = t.metric AND r2.place_id = t.place_id
           AND r2.period_start >= t.period_start AND r2.period_end <= t.period_end
         ORDER BY r2.period_end DESC, r2.statistic_id DESC LIMIT 1)
 WHERE t.kind = 'target'
   AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
 ORDER BY t.period_start, pl.name, t.metric;
