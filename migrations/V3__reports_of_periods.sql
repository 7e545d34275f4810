-- V3: what real reports say beyond one ceremony (source format 2). Forward-only: V1 and V2 are
-- untouched; every row they hold keeps its meaning (an existing event is a ceremony).
--
--   * An event is a signing ceremony on a day, or a report of a period (上半年共簽約項目70個 …).
--     A period report is filed under the period's last day (held_on) and keeps its first day and
--     its name. No total adds a period report to the ceremonies within it.
--   * Breakdowns: the parts of an event's headline or of a statistic (二產51個, 三產6個).
--   * Alternative figures for the same quantity (a title's 202億 beside the body's 202.6億).
--   * Aliases of places and industries; a company's home country.
--   * One project, many sources: a project named again by a later source is one row; each later
--     mention keeps its own figures and quotes in project_mentions.

ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'ceremony'
    CHECK (kind IN ('ceremony', 'period_report'));
-- the first day of a period report's period (its last day is held_on); NULL for a ceremony
ALTER TABLE events ADD COLUMN period_start TEXT CHECK (date(period_start) IS period_start);
-- the period as the source names it (2023年上半年), when it does
ALTER TABLE events ADD COLUMN period_label TEXT;
CREATE INDEX events_kind_place_date ON events (kind, place_id, held_on);
-- ALTER TABLE cannot add a CHECK across columns; these triggers keep the pair consistent.
CREATE TRIGGER events_period_insert BEFORE INSERT ON events
WHEN (NEW.kind = 'period_report') <> (NEW.period_start IS NOT NULL)
  OR NEW.period_start > NEW.held_on
BEGIN
    SELECT RAISE(ABORT, 'events: a period_report has period_start <= held_on; a ceremony has none');
END;
CREATE TRIGGER events_period_update BEFORE UPDATE ON events
WHEN (NEW.kind = 'period_report') <> (NEW.period_start IS NOT NULL)
  OR NEW.period_start > NEW.held_on
BEGIN
    SELECT RAISE(ABORT, 'events: a period_report has period_start <= held_on; a ceremony has none');
END;

-- A stable key a source may give a project, for later sources to say "the same project".
ALTER TABLE projects ADD COLUMN project_key TEXT;
CREATE UNIQUE INDEX projects_project_key ON projects (project_key) WHERE project_key IS NOT NULL;
-- for the reports' per-event sums: answered from the index alone
CREATE INDEX projects_event_amount ON projects (event_id, amount_yuan);

-- A project that a later source reports again: the project stays one row (counted once in every
-- total); the later source's event, quote and amount are kept here, side by side.
CREATE TABLE project_mentions (
    project_id       INTEGER NOT NULL REFERENCES projects (project_id),
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    event_id         INTEGER NOT NULL REFERENCES events (event_id),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    quote            TEXT NOT NULL,
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    amount_quote     TEXT,
    PRIMARY KEY (project_id, source_id),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NULL) = (amount_quote IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END)
) STRICT;
CREATE INDEX project_mentions_event ON project_mentions (event_id);
CREATE INDEX project_mentions_source ON project_mentions (source_id);

-- The parts of a whole: an event's headline (event_id) or a statistic (statistic_id). `by` says
-- what divides it (sector, area, origin …); a part has a count of projects, an amount, or both.
CREATE TABLE breakdown_parts (
    part_id          INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    event_id         INTEGER REFERENCES events (event_id),
    statistic_id     INTEGER REFERENCES statistics (statistic_id),
    by               TEXT NOT NULL CHECK (by GLOB '[a-z]*' AND by NOT GLOB '*[^a-z0-9_]*'),
    part             TEXT NOT NULL CHECK (length(part) > 0),
    count            INTEGER CHECK (count >= 0),
    count_qualifier  TEXT CHECK (count_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    quote            TEXT NOT NULL,
    CHECK ((event_id IS NULL) <> (statistic_id IS NULL)),
    CHECK ((count IS NULL) = (count_qualifier IS NULL)),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)),
    CHECK (count IS NOT NULL OR amount_currency IS NOT NULL),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    UNIQUE (event_id, statistic_id, by, part)
) STRICT;
CREATE INDEX breakdown_parts_event ON breakdown_parts (event_id);
CREATE INDEX breakdown_parts_statistic ON breakdown_parts (statistic_id);
CREATE INDEX breakdown_parts_source ON breakdown_parts (source_id);

-- Another figure a source gives for a quantity that the row named here holds (the primary one):
-- field is project_count or signed_amount of an event, amount of a project, or value of a
-- statistic. Money in value_yuan (or value_foreign + currency), a count in value.
CREATE TABLE alternative_figures (
    alternative_id INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources (source_id),
    event_id       INTEGER REFERENCES events (event_id),
    project_id     INTEGER REFERENCES projects (project_id),
    statistic_id   INTEGER REFERENCES statistics (statistic_id),
    field          TEXT NOT NULL CHECK (field IN ('project_count', 'signed_amount', 'amount', 'value')),
    value          REAL,
    unit           TEXT,
    value_yuan     INTEGER CHECK (value_yuan >= 0),
    value_foreign  INTEGER CHECK (value_foreign >= 0),
    currency       TEXT CHECK (currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    qualifier      TEXT NOT NULL CHECK (qualifier IN
                       ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    quote          TEXT NOT NULL,
    note           TEXT,
    CHECK ((event_id IS NOT NULL) + (project_id IS NOT NULL) + (statistic_id IS NOT NULL) = 1),
    CHECK (CASE field
             WHEN 'project_count' THEN event_id IS NOT NULL
             WHEN 'signed_amount' THEN event_id IS NOT NULL
             WHEN 'amount' THEN project_id IS NOT NULL
             ELSE statistic_id IS NOT NULL
           END),
    CHECK ((value IS NOT NULL) + (value_yuan IS NOT NULL) + (value_foreign IS NOT NULL) = 1),
    CHECK ((value IS NULL) = (unit IS NULL)),
    CHECK ((value IS NULL) = (currency IS NOT NULL))
) STRICT;
CREATE INDEX alternative_figures_event ON alternative_figures (event_id);
CREATE INDEX alternative_figures_project ON alternative_figures (project_id);
CREATE INDEX alternative_figures_statistic ON alternative_figures (statistic_id);
CREATE INDEX alternative_figures_source ON alternative_figures (source_id);

CREATE TABLE place_aliases (
    alias     TEXT NOT NULL CHECK (length(alias) > 0),
    alias_key TEXT NOT NULL,
    place_id  INTEGER NOT NULL REFERENCES places (place_id),
    source_id INTEGER NOT NULL REFERENCES sources (source_id),
    quote     TEXT NOT NULL,
    PRIMARY KEY (alias, place_id)
) STRICT;
CREATE INDEX place_aliases_key ON place_aliases (alias_key);
CREATE INDEX place_aliases_place ON place_aliases (place_id);
CREATE INDEX place_aliases_source ON place_aliases (source_id);

CREATE TABLE industry_aliases (
    alias       TEXT PRIMARY KEY CHECK (length(alias) > 0),
    alias_key   TEXT NOT NULL,
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL
) STRICT;
CREATE INDEX industry_aliases_key ON industry_aliases (alias_key);
CREATE INDEX industry_aliases_industry ON industry_aliases (industry_id);
CREATE INDEX industry_aliases_source ON industry_aliases (source_id);

-- where the investment comes from, by country (美國, 新加坡); as home_city, stated or inferred
ALTER TABLE companies ADD COLUMN home_country TEXT;
ALTER TABLE companies ADD COLUMN home_country_basis TEXT CHECK (home_country_basis IN ('stated', 'inferred'));
ALTER TABLE companies ADD COLUMN home_country_quote TEXT;

-- The views gain the event's kind and period, and count a project reported again by a later
-- source under that source's event too (its mention), without counting it twice in any total.
DROP VIEW event_overview;
-- Each figure is a lookup by the projects_event_amount and project_mentions_event indexes,
-- never a scan of all projects.
CREATE VIEW event_overview AS
SELECT e.event_id,
       e.held_on,
       pl.name                                  AS district,
       pl.name_key                              AS district_key,
       e.name                                   AS event,
       e.kind,
       e.period_start,
       e.period_label,
       e.project_count,
       e.project_count_qualifier,
       e.signed_amount_yuan,
       e.signed_amount_yuan / 1e8               AS signed_amount_yi,
       e.signed_amount_currency,
       e.signed_amount_foreign,
       e.signed_amount_qualifier,
       n.named                                  AS named_projects,
       n.with_amount                            AS named_with_amount,
       n.amount                                 AS named_amount_yuan,
       e.project_count - n.named                AS unitemised_projects,
       e.signed_amount_yuan - n.amount          AS unitemised_amount_yuan,
       e.signed_amount_qualifier                AS unitemised_amount_qualifier,
       s.title                                  AS source_title,
       s.url                                    AS source_url,
       e.place_id,
       e.source_id
  FROM events e
  JOIN places pl ON pl.place_id = e.place_id
  JOIN sources s ON s.source_id = e.source_id
  -- the event's own projects, and the projects first reported by another source that this
  -- event's source names again (with its own amount, or the project's)
  JOIN (SELECT ev.event_id,
               (SELECT count(*) FROM projects p WHERE p.event_id = ev.event_id)
                 + (SELECT count(*) FROM project_mentions m WHERE m.event_id = ev.event_id)
                   AS named,
               (SELECT count(p.amount_yuan) FROM projects p WHERE p.event_id = ev.event_id)
                 + (SELECT count(coalesce(m.amount_yuan, p.amount_yuan))
                      FROM project_mentions m JOIN projects p ON p.project_id = m.project_id
                     WHERE m.event_id = ev.event_id) AS with_amount,
               (SELECT coalesce(sum(p.amount_yuan), 0) FROM projects p WHERE p.event_id = ev.event_id)
                 + (SELECT coalesce(sum(coalesce(m.amount_yuan, p.amount_yuan)), 0)
                      FROM project_mentions m JOIN projects p ON p.project_id = m.project_id
                     WHERE m.event_id = ev.event_id) AS amount
          FROM events ev) n ON n.event_id = e.event_id;

DROP VIEW project_overview;
CREATE VIEW project_overview AS
SELECT p.project_id,
       p.name                                   AS project,
       e.event_id,
       e.held_on,
       e.name                                   AS event,
       ep.name                                  AS district,
       ep.name_key                              AS district_key,
       coalesce(pp.name, ep.name)               AS place,
       coalesce(pp.name_key, ep.name_key)       AS place_key,
       p.amount_yuan,
       p.amount_yuan / 1e8                      AS amount_yi,
       p.amount_currency,
       p.amount_foreign,
       p.amount_qualifier,
       (SELECT group_concat(i.name || CASE pi.basis WHEN 'inferred' THEN ' (inferred)' ELSE '' END, '; ')
          FROM project_industries pi JOIN industries i ON i.industry_id = pi.industry_id
         WHERE pi.project_id = p.project_id)    AS industries,
       (SELECT group_concat(c.name || ' (' || pc.role || ')', '; ')
          FROM project_companies pc JOIN companies c ON c.company_id = pc.company_id
         WHERE pc.project_id = p.project_id)    AS companies,
       p.amount_quote,
       p.quote,
       s.title                                  AS source_title,
       s.url                                    AS source_url,
       -- ceremony | period_report: the kind of event the project was first reported under
       e.kind                                   AS event_kind,
       -- how many sources report the project (1 + its mentions by later sources)
       1 + (SELECT count(*) FROM project_mentions m WHERE m.project_id = p.project_id)
                                                AS sources
  FROM projects p
  JOIN events e  ON e.event_id = p.event_id
  JOIN places ep ON ep.place_id = e.place_id
  LEFT JOIN places pp ON pp.place_id = p.place_id
  JOIN sources s ON s.source_id = p.source_id;
