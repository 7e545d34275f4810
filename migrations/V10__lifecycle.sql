-- V10: a project's life after its signing (issue 26, source format 3). Forward-only: every row
-- the earlier migrations hold keeps its meaning (an existing event is a signing).
--
--   * An event is a step of some stage: a signing (签约, the default), land supplied (供地/摘牌),
--     construction started (开工: a 集中开工 ceremony), completed (竣工), in production (投产/达产).
--     A project it names that was signed earlier is a mention of that project (project_mentions,
--     as in V3); one never seen signed is a project of the event, standing alone.
--   * A milestone is a later sentence about one project (该项目已于3月开工, 已到位资金3亿元,
--     因故终止): its stage, the day (or the period by whose end) it was so, funds in place, the
--     source and the quote.
--   * project_steps lists every step of every project; project_status says where each project
--     stands. Neither calls a function only the program registers: both run in the sqlite3 shell.

ALTER TABLE events ADD COLUMN stage TEXT NOT NULL DEFAULT 'signing'
    CHECK (stage IN ('signing', 'land', 'started', 'completed', 'in_production'));
-- a cohort of signings in a period (`report followthrough`)
CREATE INDEX events_stage_date ON events (stage, held_on);

CREATE TABLE milestones (
    milestone_id     INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES projects (project_id),
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    stage            TEXT NOT NULL CHECK (stage IN ('land', 'started', 'completed', 'in_production',
                                                    'funds_in_place', 'stalled', 'terminated')),
    -- the day the source gives, or the last day of the period it gives: by then it was so
    reached_on       TEXT NOT NULL CHECK (date(reached_on) IS reached_on),
    period_start     TEXT CHECK (date(period_start) IS period_start),
    period_label     TEXT,
    -- funds_in_place only: the funds arrived so far (已到位资金3亿元)
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    amount_quote     TEXT,
    quote            TEXT NOT NULL CHECK (length(quote) > 0),
    CHECK (period_start IS NULL OR period_start <= reached_on),
    CHECK ((period_start IS NULL) = (period_label IS NULL)),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NULL) = (amount_quote IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK ((stage = 'funds_in_place') = (amount_currency IS NOT NULL))
) STRICT;
CREATE INDEX milestones_project ON milestones (project_id, reached_on);
CREATE INDEX milestones_source ON milestones (source_id);
-- the sources' stated rates beside the catalogue's (`reconcile`): projects of an event by stage
CREATE INDEX project_mentions_project_event ON project_mentions (project_id, event_id);

-- Every step of every project, oldest first: the event that first reported it, each later
-- source's event that names it again (project_mentions), and each milestone. step_order breaks
-- ties of a day (a project started and terminated on one day ends terminated).
CREATE VIEW project_steps AS
SELECT p.project_id, e.stage, e.held_on AS reached_on, e.period_start, e.period_label,
       'event' AS via, e.event_id, NULL AS milestone_id, p.source_id,
       p.amount_yuan, p.amount_qualifier, p.quote,
       CASE e.stage WHEN 'signing' THEN 0 WHEN 'land' THEN 1 WHEN 'started' THEN 2
                    WHEN 'completed' THEN 3 WHEN 'in_production' THEN 4 END AS step_order
  FROM projects p JOIN events e ON e.event_id = p.event_id
UNION ALL
SELECT m.project_id, e.stage, e.held_on, e.period_start, e.period_label,
       'mention', e.event_id, NULL, m.source_id, m.amount_yuan, m.amount_qualifier, m.quote,
       CASE e.stage WHEN 'signing' THEN 0 WHEN 'land' THEN 1 WHEN 'started' THEN 2
                    WHEN 'completed' THEN 3 WHEN 'in_production' THEN 4 END
  FROM project_mentions m JOIN events e ON e.event_id = m.event_id
UNION ALL
SELECT ms.project_id, ms.stage, ms.reached_on, ms.period_start, ms.period_label,
       'milestone', NULL, ms.milestone_id, ms.source_id, ms.amount_yuan, ms.amount_qualifier,
       ms.quote,
       CASE ms.stage WHEN 'land' THEN 1 WHEN 'started' THEN 2 WHEN 'completed' THEN 3
                     WHEN 'in_production' THEN 4 WHEN 'funds_in_place' THEN 5
                     WHEN 'stalled' THEN 6 WHEN 'terminated' THEN 7 END
  FROM milestones ms;

-- Where each project stands: signed on (NULL for a project first reported at a later stage,
-- never seen signed), its latest stage (funds in place aside) with its day and quote, the funds in
-- place by the latest report of them, and how many sources report it.
CREATE VIEW project_status AS
SELECT p.project_id,
       p.name                                       AS project,
       pl.name                                      AS district,
       CASE WHEN e.stage = 'signing' THEN e.held_on END AS signed_on,
       p.amount_yuan                                AS signed_amount_yuan,
       (SELECT s.stage FROM project_steps s
         WHERE s.project_id = p.project_id AND s.stage <> 'funds_in_place'
         ORDER BY s.reached_on DESC, s.step_order DESC LIMIT 1) AS latest_stage,
       (SELECT s.reached_on FROM project_steps s
         WHERE s.project_id = p.project_id AND s.stage <> 'funds_in_place'
         ORDER BY s.reached_on DESC, s.step_order DESC LIMIT 1) AS latest_stage_on,
       (SELECT s.quote FROM project_steps s
         WHERE s.project_id = p.project_id AND s.stage <> 'funds_in_place'
         ORDER BY s.reached_on DESC, s.step_order DESC LIMIT 1) AS latest_stage_quote,
       (SELECT ms.amount_yuan FROM milestones ms
         WHERE ms.project_id = p.project_id AND ms.stage = 'funds_in_place'
         ORDER BY ms.reached_on DESC, ms.amount_yuan DESC LIMIT 1) AS funds_in_place_yuan,
       (SELECT max(ms.reached_on) FROM milestones ms
         WHERE ms.project_id = p.project_id AND ms.stage = 'funds_in_place') AS funds_in_place_on,
       (SELECT count(*) FROM (SELECT p.source_id
                              UNION SELECT m.source_id FROM project_mentions m
                                     WHERE m.project_id = p.project_id
                              UNION SELECT ms.source_id FROM milestones ms
                                     WHERE ms.project_id = p.project_id)) AS sources
  FROM projects p
  JOIN events e  ON e.event_id = p.event_id
  JOIN places pl ON pl.place_id = e.place_id;
