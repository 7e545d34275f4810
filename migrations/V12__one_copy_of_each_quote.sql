-- V12: one copy of each quote, and the indexes that are read (issue 31).
--
-- A project's amount is nearly always stated in the sentence that names the project, and the
-- companies its own source links to it in that sentence too: projects.amount_quote and
-- project_companies.quote repeated projects.quote in every row of 100,000 generated projects and
-- in every amount of the seed. They are now NULL when they would repeat it:
--   projects.amount_quote           NULL: the amount's words are the project's quote (or there is
--                                   no amount);
--   project_companies.quote         NULL: the link is stated by the project's own source, in the
--                                   project's quote (a later source's link keeps its own quote).
-- The views projects_quoted and project_companies_quoted give every column with each quote
-- written out (coalesce), for the shell, Datasette and spreadsheets; project_overview does the
-- same for amount_quote. `check` still finds every quote in its text: a quote left out is the
-- project's quote, checked with the project.
--
-- Indexes: events_source was a prefix of the unique index on events (source_id, name), which
-- serves every lookup it served; projects_source served only what reaches a source's projects
-- through its events (a project's source is its event's source), which now goes through
-- events and projects_event_amount. statistics_bands (the counts by amount band of an event) is
-- what `report reconcile` built as an automatic index on every run.
--
-- The two tables are rebuilt (SQLite cannot change a column's constraints) with the same columns
-- in the same order and the same rows and ids; foreign keys are off while the program migrates,
-- as in V7.

CREATE TEMP TABLE projects_before_v12 AS SELECT * FROM projects;
DROP TABLE projects;
CREATE TABLE projects (
    project_id       INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (event_id),
    -- always the event's source
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    name_key         TEXT NOT NULL,
    quote            TEXT NOT NULL,
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    -- NULL when the amount is stated in the project's quote (projects_quoted writes it out)
    amount_quote     TEXT,
    -- where in the district the project settles; NULL: the event's place
    place_id         INTEGER REFERENCES places (place_id),
    place_basis      TEXT CHECK (place_basis IN ('stated', 'inferred')),
    place_quote      TEXT,
    project_key      TEXT,
    UNIQUE (event_id, name),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NOT NULL OR amount_quote IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK ((place_id IS NULL) = (place_basis IS NULL) AND (place_id IS NULL) = (place_quote IS NULL))
) STRICT;
INSERT INTO projects
SELECT project_id, event_id, source_id, name, name_key, quote, amount_yuan, amount_foreign,
       amount_currency, amount_qualifier, nullif(amount_quote, quote), place_id, place_basis,
       place_quote, project_key
  FROM projects_before_v12 ORDER BY project_id;
DROP TABLE projects_before_v12;
CREATE INDEX projects_amount ON projects (amount_yuan);
CREATE INDEX projects_place ON projects (place_id);
CREATE INDEX projects_key ON projects (name_key);
CREATE UNIQUE INDEX projects_project_key ON projects (project_key) WHERE project_key IS NOT NULL;
CREATE INDEX projects_event_amount ON projects (event_id, amount_yuan);

CREATE TEMP TABLE project_companies_before_v12 AS SELECT * FROM project_companies;
DROP TABLE project_companies;
CREATE TABLE project_companies (
    project_id INTEGER NOT NULL REFERENCES projects (project_id),
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    role       TEXT NOT NULL CHECK (role IN ('investor', 'operator', 'partner', 'developer')),
    basis      TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    -- NULL when the project's own source states the link in the project's quote
    -- (project_companies_quoted writes it out)
    quote      TEXT,
    note       TEXT,
    PRIMARY KEY (project_id, company_id, role)
) STRICT;
INSERT INTO project_companies
SELECT c.project_id, c.company_id, c.role, c.basis, c.source_id,
       CASE WHEN c.source_id = p.source_id AND c.quote = p.quote THEN NULL ELSE c.quote END,
       c.note
  FROM project_companies_before_v12 c JOIN projects p ON p.project_id = c.project_id
 ORDER BY c.project_id, c.company_id, c.role;
DROP TABLE project_companies_before_v12;
CREATE INDEX project_companies_company ON project_companies (company_id);

DROP INDEX events_source;
CREATE INDEX statistics_bands ON statistics (event_id) WHERE metric = 'projects_in_band';

-- Every column of projects, each quote written out.
CREATE VIEW projects_quoted AS
SELECT project_id, event_id, source_id, name, name_key, quote, amount_yuan, amount_foreign,
       amount_currency, amount_qualifier,
       CASE WHEN amount_currency IS NOT NULL THEN coalesce(amount_quote, quote) END AS amount_quote,
       place_id, place_basis, place_quote, project_key
  FROM projects;

-- Every column of project_companies, each quote written out.
CREATE VIEW project_companies_quoted AS
SELECT c.project_id, c.company_id, c.role, c.basis, c.source_id,
       coalesce(c.quote, p.quote) AS quote, c.note
  FROM project_companies c JOIN projects p ON p.project_id = c.project_id;

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
       CASE WHEN p.amount_currency IS NOT NULL THEN coalesce(p.amount_quote, p.quote) END
                                                AS amount_quote,
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
