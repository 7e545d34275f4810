-- Report: reconcile
-- Title: Reported figures against what the itemised facts give
-- Fit: check, status | place, reported, itemised, scope, date, quote
-- Question: Does each figure a source reports agree with the facts catalogued beneath it: the
--   headline count and amount against the named projects, each band count against the named
--   projects in that band, period figures against the catalogued events of the period, and each
--   breakdown against its whole?
-- Param: :district  only figures about this place
-- Param: :status    only rows with this status: consistent, itemised_below_reported, contradiction, parts_miss_whole, remainder_not_stated, figures_differ
--
-- The itemised side is a lower bound of the truth (the named projects are some of them), so a
-- reported figure is contradicted only when no true value at or above the itemised one fits its
-- qualifier: 逾1000億 (more_than) is never contradicted; 28 (exact) is when 29 are named;
-- 近20 (nearly: a little under) is when 20 are itemised. `about` allows 10% either way.
-- Status: consistent | itemised_below_reported (normal: not everything is named) | contradiction.
-- A breakdown's parts should make up its whole: parts that fall short of it (given its qualifier:
-- 逾204億 is met by 204.1億) are parts_miss_whole; parts beyond it are a contradiction. The one
-- part a source states of a whole (其中科學城江津片區23個) leaves the rest unstated: short of the
-- whole it is remainder_not_stated, not a shortfall. A report
-- of a period is checked against the ceremonies of its place within it. Another figure a source
-- gives for the same quantity (a title's 202億 beside the body's 202.6億) is figures_differ when
-- it differs from the primary one, in its number or its qualifier (逾3個 beside 3個). A count of
-- projects started (開工) in a period is checked against the catalogued projects of its place
-- that reached started, completed or in_production within it (format 3's stages and milestones;
-- only where the catalogue follows some project of the place);
-- a stated 開工率 or 投產率 (started_rate, in_production_rate) against the catalogue's own rate
-- for the projects of its place signed in its period: consistent or figures_differ.
WITH
-- a statistic's band: looked up by id, it is read through the table's key (joining the
-- materialised bands by id would build an automatic index over all of them each time)
band_of AS NOT MATERIALIZED (
    SELECT statistic_id, metric, source_id, place_id, event_id, kind, period_start, period_end,
           coalesce(band_min_yuan, 0) AS lo, band_max_yuan AS hi,
           -- the largest amount in the band (amounts are whole yuan)
           CASE WHEN band_max_yuan IS NULL THEN 9223372036854775807
                WHEN band_max_inclusive THEN band_max_yuan ELSE band_max_yuan - 1 END AS top,
           value, qualifier, quote,
           CASE WHEN band_max_yuan IS NULL THEN printf('%g億以上', band_min_yuan / 1e8)
                WHEN coalesce(band_min_yuan, 0) = 0 THEN
                    printf('%g億%s', band_max_yuan / 1e8, CASE WHEN band_max_inclusive THEN '以下' ELSE '未滿' END)
                ELSE printf('%g億-%g億', band_min_yuan / 1e8, band_max_yuan / 1e8)
           END AS band_text
      FROM statistics
),
-- the counts by amount band, read through the partial index statistics_bands (an event's) or
-- statistics_source (a place and period's): materialised, their pairs were found through
-- automatic indexes built on every run
bands AS NOT MATERIALIZED (SELECT * FROM band_of WHERE metric = 'projects_in_band'),
-- pairs of bands of one scope: an event, or a place and period of one source
scoped AS (
    SELECT o.statistic_id AS outer_id, i.statistic_id AS inner_id, o.lo AS olo, o.hi AS ohi, i.lo AS ilo, i.hi AS ihi
      FROM bands o JOIN bands i ON i.event_id = o.event_id
    UNION ALL
    SELECT o.statistic_id, i.statistic_id, o.lo, o.hi, i.lo, i.hi
      FROM bands o JOIN bands i
        ON i.source_id = o.source_id AND i.place_id = o.place_id AND i.kind = o.kind
       AND i.period_start IS o.period_start AND i.period_end IS o.period_end
     WHERE o.event_id IS NULL AND i.event_id IS NULL
),
-- contains(outer, inner): inner's band lies within outer's, and they differ
nested AS MATERIALIZED (
    SELECT outer_id, inner_id FROM scoped
     WHERE inner_id <> outer_id AND ilo >= olo
       AND (ohi IS NULL OR (ihi IS NOT NULL AND ihi <= ohi))
       AND NOT (ilo = olo AND ihi IS ohi)
),
-- the parts of a whole: bands inside it that are not inside another band inside it
parts AS MATERIALIZED (
    SELECT n.outer_id, n.inner_id
      FROM nested n
     WHERE NOT EXISTS (SELECT 1 FROM nested a JOIN nested b ON b.outer_id = a.inner_id
                        WHERE a.outer_id = n.outer_id AND b.inner_id = n.inner_id)
),
-- Totals over a place's events within a period, for every period a figure covers. One pass in
-- date order per place (a running sum, read at each period's start and end) instead of a sum per
-- figure over every event of its place: that grew with figures × events (5,000 sources of one
-- district took minutes). Ceremonies are summed per day first and a period is marked once
-- however many figures cover it; band counts are taken per event, not per project. (Marking each
-- band period once too measured slower on 100,000 generated projects, whose periods all differ.)
-- periods: a report of a period (id = its event_id) and a period amount (id = -statistic_id)
periods AS MATERIALIZED (
    SELECT event_id AS id, place_id, coalesce(period_start, '0000') AS s, held_on AS e
      FROM events WHERE kind = 'period_report'
    UNION ALL
    SELECT -statistic_id, place_id, coalesce(period_start, '0000'), coalesce(period_end, '9999')
      FROM statistics
     WHERE kind = 'period_statistic' AND value_yuan IS NOT NULL
       AND metric IN ('agreed_investment', 'signing_events_amount')
),
spans AS MATERIALIZED (SELECT DISTINCT place_id, s, e FROM periods),
-- (with how many of them state a count and an amount: a span where none does has none, not 0)
ceremony_days AS (
    SELECT place_id, held_on AS d, count(*) AS n,
           count(project_count) AS counted, sum(coalesce(project_count, 0)) AS projects,
           count(signed_amount_yuan) AS amounted, sum(coalesce(signed_amount_yuan, 0)) AS yuan
      FROM events WHERE kind = 'ceremony' AND stage = 'signing'
     GROUP BY place_id, held_on
),
-- ceremony days (ord 1) between each span's start mark (ord 0: before that day's ceremonies) and
-- end mark (ord 2: after them), with running counts and sums
ceremony_running AS (
    SELECT place_id, s, e, ord,
           sum(n) OVER w AS n, sum(counted) OVER w AS counted, sum(projects) OVER w AS projects,
           sum(amounted) OVER w AS amounted, sum(yuan) OVER w AS yuan
      FROM (SELECT place_id, d, 1 AS ord, NULL AS s, NULL AS e, n, counted, projects, amounted, yuan
              FROM ceremony_days
            UNION ALL SELECT place_id, s, 0, s, e, 0, 0, 0, 0, 0 FROM spans
            UNION ALL SELECT place_id, e, 2, s, e, 0, 0, 0, 0, 0 FROM spans)
    WINDOW w AS (PARTITION BY place_id ORDER BY d, ord ROWS UNBOUNDED PRECEDING)
),
span_totals AS (
    SELECT place_id, s, e,
           max(CASE ord WHEN 2 THEN n END) - max(CASE ord WHEN 0 THEN n END) AS ceremonies,
           max(CASE ord WHEN 2 THEN counted END) - max(CASE ord WHEN 0 THEN counted END) AS counted,
           max(CASE ord WHEN 2 THEN projects END) - max(CASE ord WHEN 0 THEN projects END) AS projects,
           max(CASE ord WHEN 2 THEN amounted END) - max(CASE ord WHEN 0 THEN amounted END) AS amounted,
           max(CASE ord WHEN 2 THEN yuan END) - max(CASE ord WHEN 0 THEN yuan END) AS yuan
      FROM ceremony_running WHERE ord <> 1 GROUP BY place_id, s, e
),
ceremonies_in AS MATERIALIZED (
    SELECT p.id, t.ceremonies,
           CASE WHEN t.counted > 0 THEN t.projects END AS projects,
           CASE WHEN t.amounted > 0 THEN t.yuan END AS yuan
      FROM periods p JOIN span_totals t ON t.place_id = p.place_id AND t.s = p.s AND t.e = p.e
),
-- a band count of a place and period: the named projects in the band, of the place's events in
-- the period, counted the same way per band (its lowest and highest amount: lo and top); each
-- event's count in a band comes from the (event, amount) index
band_periods AS MATERIALIZED (
    SELECT statistic_id AS id, place_id, lo, top,
           coalesce(period_start, '0000') AS s, coalesce(period_end, '9999') AS e
      FROM bands WHERE event_id IS NULL
),
band_running AS (
    SELECT id, ord, sum(n) OVER w AS n
      FROM (SELECT k.place_id, k.lo, k.top, ev.held_on AS d, 1 AS ord, NULL AS id,
                   (SELECT count(*) FROM projects p
                     WHERE p.event_id = ev.event_id AND p.amount_yuan BETWEEN k.lo AND k.top) AS n
              FROM (SELECT DISTINCT place_id, lo, top FROM band_periods) k
              JOIN events ev ON ev.place_id = k.place_id
            UNION ALL SELECT place_id, lo, top, s, 0, id, 0 FROM band_periods
            UNION ALL SELECT place_id, lo, top, e, 2, id, 0 FROM band_periods)
    WINDOW w AS (PARTITION BY place_id, lo, top ORDER BY d, ord ROWS UNBOUNDED PRECEDING)
),
band_in AS MATERIALIZED (
    SELECT id, max(CASE ord WHEN 2 THEN n END) - max(CASE ord WHEN 0 THEN n END) AS projects
      FROM band_running WHERE id IS NOT NULL GROUP BY id
),
-- MATERIALIZED: computed once; otherwise each use of a column below re-runs its subquery
-- format 3: the day each project (of each place) first reached started or further, and in
-- production, by a later event naming it, its own event of that stage, or a milestone; only the
-- projects some step puts there, so a catalogue without lifecycle data pays nothing
reached AS MATERIALIZED (
    SELECT s.project_id, e.place_id,
           min(s.reached_on) AS started_on,
           min(CASE WHEN s.stage = 'in_production' THEN s.reached_on END) AS in_production_on
      FROM (SELECT m.project_id, me.stage, me.held_on AS reached_on
              FROM events me JOIN project_mentions m ON m.event_id = me.event_id
             WHERE me.stage IN ('started', 'completed', 'in_production')
            UNION ALL
            SELECT p.project_id, pe.stage, pe.held_on
              FROM events pe JOIN projects p ON p.event_id = pe.event_id
             WHERE pe.stage IN ('started', 'completed', 'in_production')
            UNION ALL
            SELECT ms.project_id, ms.stage, ms.reached_on FROM milestones ms
             WHERE ms.stage IN ('started', 'completed', 'in_production')) s
      JOIN projects p ON p.project_id = s.project_id
      JOIN events e ON e.event_id = p.event_id
     GROUP BY s.project_id
),
checks AS MATERIALIZED (
    SELECT e.place_id, e.held_on AS date, e.name AS scope,
           'headline projects vs named projects' AS check_name,
           e.project_count AS reported_count, NULL AS reported_yuan, e.project_count_qualifier AS reported_qualifier,
           -- "named" as event_overview counts it, written out: joining the view here measured
           -- 2.3x slower at 100k projects
           (SELECT count(*) FROM projects p WHERE p.event_id = e.event_id)
             + (SELECT count(*) FROM project_mentions m WHERE m.event_id = e.event_id) AS itemised_count,
           NULL AS itemised_yuan,
           e.project_count_quote AS quote
      FROM events e WHERE e.project_count IS NOT NULL
    UNION ALL
    SELECT e.place_id, e.held_on, e.name,
           'headline amount vs named amounts',
           NULL, e.signed_amount_yuan, e.signed_amount_qualifier,
           -- the stated amounts of the named projects: none (not 0) when none states one; a
           -- project first reported by another source with this source's amount
           NULL, (SELECT sum(x.yuan) FROM (
                      SELECT p.amount_yuan AS yuan FROM projects p WHERE p.event_id = e.event_id
                      UNION ALL
                      SELECT coalesce(m.amount_yuan, p.amount_yuan)
                        FROM project_mentions m JOIN projects p ON p.project_id = m.project_id
                       WHERE m.event_id = e.event_id) x),
           e.signed_amount_quote
      FROM events e WHERE e.signed_amount_yuan IS NOT NULL
    UNION ALL
    -- a band count against the named projects of its event (by index) …
    SELECT b.place_id, e.held_on, e.name,
           'band ' || b.band_text || ' vs named projects in it',
           CAST(b.value AS INTEGER), NULL, b.qualifier,
           (SELECT count(*) FROM projects p
             WHERE p.event_id = b.event_id
               AND p.amount_yuan BETWEEN b.lo AND b.top),
           NULL, b.quote
      FROM bands b JOIN events e ON e.event_id = b.event_id
    UNION ALL
    -- … or of its place and period (an inner join: the sqlite3 shell 3.40 scans a LEFT JOINed
    -- CTE once per row instead of indexing it)
    SELECT b.place_id, b.period_end,
           (SELECT pl.name FROM places pl WHERE pl.place_id = b.place_id)
               || ' ' || coalesce(b.period_start, '') || '..' || coalesce(b.period_end, ''),
           'band ' || b.band_text || ' vs named projects in it',
           CAST(b.value AS INTEGER), NULL, b.qualifier,
           bi.projects, NULL, b.quote
      FROM band_in bi JOIN band_of b ON b.statistic_id = bi.id
    UNION ALL
    -- a breakdown: the parts of a band against the band
    SELECT w.place_id, coalesce(e.held_on, w.period_end),
           coalesce(e.name, (SELECT pl.name FROM places pl WHERE pl.place_id = w.place_id)
                            || ' ' || coalesce(w.period_start, '') || '..' || coalesce(w.period_end, '')),
           'band ' || w.band_text || ' vs its parts ' || group_concat(p.band_text || ' ' || CAST(p.value AS INTEGER), ' + '),
           CAST(w.value AS INTEGER), NULL, w.qualifier,
           CAST(sum(p.value) AS INTEGER), NULL, w.quote
      FROM parts
      JOIN band_of w ON w.statistic_id = parts.outer_id
      JOIN band_of p ON p.statistic_id = parts.inner_id
      LEFT JOIN events e ON e.event_id = w.event_id
     GROUP BY w.statistic_id
    UNION ALL
    -- an event's band counts are parts of its headline count
    SELECT e.place_id, e.held_on, e.name,
           'headline projects vs band ' || b.band_text || ' ' || CAST(b.value AS INTEGER),
           e.project_count, NULL, e.project_count_qualifier,
           CAST(b.value AS INTEGER), NULL, e.project_count_quote
      FROM bands b JOIN events e ON e.event_id = b.event_id
     WHERE e.project_count IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM parts WHERE parts.inner_id = b.statistic_id)
    UNION ALL
    -- a report of a period against the ceremonies of its place within the period
    SELECT r.place_id, r.held_on, r.name,
           'period report projects vs ceremonies in it',
           r.project_count, NULL, r.project_count_qualifier,
           ci.projects, NULL, r.project_count_quote
      FROM events r JOIN ceremonies_in ci ON ci.id = r.event_id
     WHERE r.kind = 'period_report' AND r.project_count IS NOT NULL AND ci.ceremonies > 0
    UNION ALL
    SELECT r.place_id, r.held_on, r.name,
           'period report amount vs ceremonies in it',
           NULL, r.signed_amount_yuan, r.signed_amount_qualifier,
           NULL, ci.yuan, r.signed_amount_quote
      FROM events r JOIN ceremonies_in ci ON ci.id = r.event_id
     WHERE r.kind = 'period_report' AND r.signed_amount_yuan IS NOT NULL AND ci.ceremonies > 0
    UNION ALL
    -- a breakdown of an event's headline: its parts' counts and amounts against the headline (a
    -- breakdown of one part leaves the rest of the whole unstated, and its check says so)
    SELECT e.place_id, e.held_on, e.name,
           'breakdown by ' || b.by || ': projects of ' || group_concat(b.part || ' ' || b.count, ' + ')
               || CASE WHEN (SELECT count(*) FROM breakdown_parts x
                              WHERE x.event_id = b.event_id AND x.by = b.by) = 1
                       THEN ', the rest not stated' ELSE '' END,
           e.project_count, NULL, e.project_count_qualifier,
           sum(b.count), NULL, e.project_count_quote
      FROM breakdown_parts b JOIN events e ON e.event_id = b.event_id
     WHERE b.count IS NOT NULL AND e.project_count IS NOT NULL
     GROUP BY e.event_id, b.by
    UNION ALL
    SELECT e.place_id, e.held_on, e.name,
           'breakdown by ' || b.by || ': amounts of ' || group_concat(b.part, ' + ')
               || CASE WHEN (SELECT count(*) FROM breakdown_parts x
                              WHERE x.event_id = b.event_id AND x.by = b.by) = 1
                       THEN ', the rest not stated' ELSE '' END,
           NULL, e.signed_amount_yuan, e.signed_amount_qualifier,
           NULL, sum(b.amount_yuan), e.signed_amount_quote
      FROM breakdown_parts b JOIN events e ON e.event_id = b.event_id
     WHERE b.amount_yuan IS NOT NULL AND e.signed_amount_yuan IS NOT NULL
     GROUP BY e.event_id, b.by
    UNION ALL
    -- a breakdown of a statistic: the parts' counts or amounts against its value
    SELECT st.place_id, coalesce(st.period_end, e.held_on),
           coalesce(e.name, (SELECT pl.name FROM places pl WHERE pl.place_id = st.place_id)
                            || ' ' || coalesce(st.period_start, '') || '..' || coalesce(st.period_end, '')),
           'breakdown by ' || b.by || ' of ' || coalesce(st.label, st.metric) || ': '
               || group_concat(b.part, ' + ')
               || CASE WHEN count(*) = 1 THEN ', the rest not stated' ELSE '' END,
           CASE WHEN st.value IS NOT NULL THEN CAST(st.value AS INTEGER) END, st.value_yuan, st.qualifier,
           CASE WHEN st.value IS NOT NULL THEN sum(b.count) END,
           CASE WHEN st.value_yuan IS NOT NULL THEN sum(b.amount_yuan) END,
           st.quote
      FROM breakdown_parts b JOIN statistics st ON st.statistic_id = b.statistic_id
      LEFT JOIN events e ON e.event_id = st.event_id
     GROUP BY st.statistic_id, b.by
    UNION ALL
    -- a period amount against the headlines of the catalogued ceremonies of that place and period
    SELECT st.place_id, st.period_end,
           (SELECT pl.name FROM places pl WHERE pl.place_id = st.place_id)
               || ' ' || coalesce(st.period_start, '') || '..' || coalesce(st.period_end, ''),
           coalesce(st.label, st.metric) || CASE WHEN st.is_forecast THEN ' (forecast)' ELSE '' END
               || ' vs catalogued events',
           NULL, st.value_yuan, st.qualifier,
           NULL, ci.yuan, st.quote
      FROM statistics st JOIN ceremonies_in ci ON ci.id = -st.statistic_id
     WHERE st.kind = 'period_statistic' AND st.value_yuan IS NOT NULL
       AND st.metric IN ('agreed_investment', 'signing_events_amount')
    UNION ALL
    -- a count of projects started in a period (开工, format 3) against the catalogued projects of
    -- that place whose first step at started or beyond (a 集中开工 event naming them, a milestone)
    -- falls within the period
    SELECT st.place_id, st.period_end,
           (SELECT pl.name FROM places pl WHERE pl.place_id = st.place_id)
               || ' ' || coalesce(st.period_start, '') || '..' || coalesce(st.period_end, ''),
           coalesce(st.label, st.metric) || ' vs catalogued projects started',
           CAST(st.value AS INTEGER), NULL, st.qualifier,
           (SELECT count(*) FROM reached r
             WHERE r.place_id = st.place_id
               AND r.started_on BETWEEN coalesce(st.period_start, '0000-01-01') AND st.period_end),
           NULL, st.quote
      FROM statistics st
     WHERE st.kind = 'period_statistic' AND st.metric = 'projects_started'
       AND st.value IS NOT NULL AND st.period_end IS NOT NULL
       -- a place the catalogue follows no project of (no source of format 3 about it) has
       -- nothing to compare: its 0 would say nothing
       AND EXISTS (SELECT 1 FROM reached r WHERE r.place_id = st.place_id)
),
-- other figures for a quantity than the primary one: the row's reported side is the primary
-- figure with its qualifier, the itemised side the other figure; `other` says whether the two
-- qualifiers are the same
others AS (
    -- another figure for the same quantity, against the primary one: it differs when its number
    -- or its qualifier does (逾3個 is not 3個), and the check says which qualifiers
    SELECT place_id, date, scope,
           check_name || CASE WHEN other_qualifier IS NOT primary_qualifier
                              THEN ': ' || other_qualifier || ', not ' || primary_qualifier ELSE '' END,
           reported_count, reported_yuan, primary_qualifier,
           itemised_count, itemised_yuan, quote,
           CASE WHEN other_qualifier IS primary_qualifier THEN 'same_qualifier' ELSE 'other_qualifier' END
      FROM (SELECT coalesce(e.place_id, pe.place_id, st.place_id) AS place_id,
                   coalesce(e.held_on, pe.held_on, st.period_end) AS date,
                   coalesce(e.name, p.name, coalesce(st.label, st.metric)) AS scope,
                   'other figure for ' || a.field || coalesce(' (' || a.note || ')', '') AS check_name,
                   CASE a.field WHEN 'project_count' THEN e.project_count
                                WHEN 'value' THEN CAST(st.value AS INTEGER) END AS reported_count,
                   CASE a.field WHEN 'signed_amount' THEN e.signed_amount_yuan
                                WHEN 'amount' THEN p.amount_yuan
                                WHEN 'value' THEN st.value_yuan END AS reported_yuan,
                   CASE a.field WHEN 'project_count' THEN e.project_count_qualifier
                                WHEN 'signed_amount' THEN e.signed_amount_qualifier
                                WHEN 'amount' THEN p.amount_qualifier
                                WHEN 'value' THEN st.qualifier END AS primary_qualifier,
                   a.qualifier AS other_qualifier,
                   CASE WHEN a.value IS NOT NULL THEN CAST(a.value AS INTEGER) END AS itemised_count,
                   a.value_yuan AS itemised_yuan,
                   a.quote
              FROM alternative_figures a
              LEFT JOIN events e ON e.event_id = a.event_id
              LEFT JOIN projects p ON p.project_id = a.project_id
              LEFT JOIN events pe ON pe.event_id = p.event_id
              LEFT JOIN statistics st ON st.statistic_id = a.statistic_id)
    UNION ALL
    -- a project a later source reports again with another amount, or the same with another
    -- qualifier
    SELECT pe.place_id, me.held_on, p.name,
           'amount in a later source'
               || CASE WHEN m.amount_qualifier IS NOT p.amount_qualifier
                       THEN ': ' || m.amount_qualifier || ', not ' || p.amount_qualifier ELSE '' END,
           NULL, p.amount_yuan, p.amount_qualifier,
           NULL, m.amount_yuan, m.amount_quote,
           CASE WHEN m.amount_qualifier IS p.amount_qualifier THEN 'same_qualifier' ELSE 'other_qualifier' END
      FROM project_mentions m
      JOIN projects p ON p.project_id = m.project_id
      JOIN events pe ON pe.event_id = p.event_id
      JOIN events me ON me.event_id = m.event_id
     WHERE m.amount_yuan IS NOT NULL AND p.amount_yuan IS NOT NULL
    UNION ALL
    -- a rate a source states for a period (開工率, 投產率: a percentage) beside the catalogue's own:
    -- of the projects signed at its place within the period, the share whose steps up to the
    -- period's end reach started (or further) or in_production (`followthrough`'s rules); a
    -- figure of its own, so it is consistent only when the two agree
    SELECT r.place_id, r.period_end, r.scope,
           r.check_name, r.value, NULL, r.qualifier, r.rate, NULL, r.quote, 'same_qualifier'
      FROM (SELECT st.place_id, st.period_end, st.value, st.qualifier, st.quote,
                   (SELECT pl.name FROM places pl WHERE pl.place_id = st.place_id)
                       || ' ' || coalesce(st.period_start, '') || '..' || st.period_end AS scope,
                   coalesce(st.label, st.metric) || ' (%) vs the catalogued projects signed in the period'
                       AS check_name,
                   (SELECT round(100.0 * count(*) FILTER (WHERE CASE st.metric
                                                   WHEN 'started_rate' THEN r.started_on
                                                   ELSE r.in_production_on END <= st.period_end)
                                 / count(*), 1)
                      FROM events e JOIN projects p ON p.event_id = e.event_id
                      LEFT JOIN reached r ON r.project_id = p.project_id
                     WHERE e.place_id = st.place_id AND e.stage = 'signing'
                       AND e.held_on BETWEEN coalesce(st.period_start, '0000-01-01') AND st.period_end)
                       AS rate
              FROM statistics st
             WHERE st.metric IN ('started_rate', 'in_production_rate') AND st.unit = '%'
               AND st.period_end IS NOT NULL) r
     WHERE r.rate IS NOT NULL
),
judged AS (
    SELECT c.*, NULL AS other,
           coalesce(c.reported_count, c.reported_yuan) AS r,
           coalesce(c.itemised_count, c.itemised_yuan) AS i,
           -- what parts short of their whole are: a shortfall, or the rest of a whole of which
           -- the source states one part
           CASE WHEN c.check_name LIKE 'breakdown by %, the rest not stated'
                THEN 'remainder_not_stated' ELSE 'parts_miss_whole' END AS short
      FROM checks c
    UNION ALL
    SELECT o.*,
           coalesce(o.reported_count, o.reported_yuan),
           coalesce(o.itemised_count, o.itemised_yuan),
           NULL
      FROM others o
)
SELECT pl.name AS place,
       j.date,
       j.scope,
       j.check_name AS "check",
       j.reported_count, j.reported_yuan,
       j.reported_qualifier,
       j.itemised_count, j.itemised_yuan,
       CASE WHEN j.other = 'same_qualifier'
            THEN CASE WHEN j.i = j.r THEN 'consistent' ELSE 'figures_differ' END
            WHEN j.other = 'other_qualifier' THEN 'figures_differ'
            WHEN j.check_name LIKE 'breakdown by %' THEN
       CASE j.reported_qualifier
           WHEN 'exact'     THEN CASE WHEN j.i > j.r THEN 'contradiction' WHEN j.i = j.r THEN 'consistent' ELSE j.short END
           WHEN 'more_than' THEN CASE WHEN j.i > j.r THEN 'consistent' ELSE j.short END
           WHEN 'at_least'  THEN CASE WHEN j.i >= j.r THEN 'consistent' ELSE j.short END
           WHEN 'about'     THEN CASE WHEN j.i > j.r * 1.1 THEN 'contradiction' WHEN j.i >= j.r * 0.9 THEN 'consistent' ELSE j.short END
           WHEN 'nearly'    THEN CASE WHEN j.i >= j.r THEN 'contradiction' WHEN j.i >= j.r * 0.9 THEN 'consistent' ELSE j.short END
           WHEN 'at_most'   THEN CASE WHEN j.i > j.r THEN 'contradiction' ELSE 'consistent' END
           WHEN 'less_than' THEN CASE WHEN j.i >= j.r THEN 'contradiction' ELSE 'consistent' END
       END
            ELSE
       CASE j.reported_qualifier
           WHEN 'exact'     THEN CASE WHEN j.i > j.r THEN 'contradiction' WHEN j.i = j.r THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'more_than' THEN CASE WHEN j.i > j.r THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'at_least'  THEN CASE WHEN j.i >= j.r THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'about'     THEN CASE WHEN j.i > j.r * 1.1 THEN 'contradiction' WHEN j.i >= j.r * 0.9 THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'nearly'    THEN CASE WHEN j.i >= j.r THEN 'contradiction' WHEN j.i >= j.r * 0.9 THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'at_most'   THEN CASE WHEN j.i > j.r THEN 'contradiction' WHEN j.i = j.r THEN 'consistent' ELSE 'itemised_below_reported' END
           WHEN 'less_than' THEN CASE WHEN j.i >= j.r THEN 'contradiction' ELSE 'itemised_below_reported' END
       END
       END AS status,
       j.quote
  -- CROSS JOIN keeps the checks as the outer loop, each place found by its key
  FROM judged j CROSS JOIN places pl ON pl.place_id = j.place_id
 WHERE (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
   AND (nullif(:status, '') IS NULL OR status = nullif(:status, ''))
 ORDER BY j.date, pl.name, j.scope, j.check_name;
