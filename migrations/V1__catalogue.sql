-- V1: the catalogue of investment-promotion signing events (招商引資項目集中簽約).
--
-- Conventions (docs/schema.md has the full column list):
--   * Every table is STRICT; foreign keys are declared and the program turns them on for every
--     connection (the sqlite3 shell does not: run `PRAGMA foreign_keys = ON;` yourself).
--   * Money is INTEGER whole yuan in columns ending in `_yuan` (266億元 = 26600000000). Amounts in
--     another currency go to the matching `_foreign` column with its `_currency`; nothing is
--     converted, so `_yuan` is NULL for them.
--   * A figure's qualifier is a closed list, never free text:
--       exact | more_than (逾 超 超過 多 余) | at_least (以上 不低於 不少於) | about (約 左右)
--       | nearly (近) | at_most (以下 不超過) | less_than (不足 低於)
--   * Every fact row names its source (`source_id`) and carries `quote`, a verbatim substring of
--     `sources.full_text` that states it. `basis` says whether the source states a link
--     ('stated') or the cataloguer inferred it ('inferred').
--   * Dates are ISO-8601 text (YYYY-MM-DD); `date(x) IS x` rejects impossible dates.
--   * Names are stored as the source wrote them (traditional or simplified script).
-- Forward-only: never edit this file once released; add V2__… instead.

-- One row per source document (a news article, a government notice, a half-year summary).
CREATE TABLE sources (
    source_id     INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    publisher     TEXT,
    url           TEXT UNIQUE,
    published_on  TEXT NOT NULL CHECK (date(published_on) IS published_on),
    author        TEXT,
    script        TEXT NOT NULL CHECK (script IN ('traditional', 'simplified')),
    full_text     TEXT NOT NULL CHECK (length(full_text) > 0),
    text_sha256   TEXT NOT NULL CHECK (length(text_sha256) = 64),
    -- sha256 of the facts as loaded (canonical JSON of the source file): a re-import of the same
    -- file is recognised and changes nothing.
    record_sha256 TEXT NOT NULL CHECK (length(record_sha256) = 64),
    -- the source file as loaded, as canonical JSON: `export` writes it back out, and a changed
    -- re-import is compared with it
    record_json   TEXT NOT NULL CHECK (json_valid(record_json)),
    -- the file name the source was loaded from, for messages ('seed/…toml' for the bundled seed)
    file_name     TEXT NOT NULL,
    UNIQUE (title, published_on)
) STRICT;

-- Places form a hierarchy: country › province-level › district/county › town, park, zone.
-- A place the cataloguer adds only to complete the hierarchy (中國) has no source and no quote.
CREATE TABLE places (
    place_id  INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(name) > 0),
    -- the name folded for matching (simplified script, lower case), written by the program
    name_key  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('country', 'region', 'province', 'municipality',
                  'prefecture', 'city', 'district', 'county', 'town', 'park', 'zone',
                  'bonded_zone', 'functional_area')),
    parent_id INTEGER REFERENCES places (place_id),
    source_id INTEGER REFERENCES sources (source_id),
    quote     TEXT,
    CHECK ((source_id IS NULL) = (quote IS NULL)),
    CHECK (parent_id IS NOT place_id)
) STRICT;
-- SQLite treats NULLs as distinct in UNIQUE, so top-level places get their own index.
CREATE UNIQUE INDEX places_name_in_parent ON places (name, ifnull(parent_id, 0));
CREATE INDEX places_parent ON places (parent_id);
CREATE INDEX places_key ON places (name_key);
CREATE INDEX places_source ON places (source_id);

CREATE TABLE industries (
    industry_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    name_key    TEXT NOT NULL,
    parent_id   INTEGER REFERENCES industries (industry_id),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL
) STRICT;
CREATE INDEX industries_key ON industries (name_key);
CREATE INDEX industries_source ON industries (source_id);

-- Companies as the source names them: a full legal name (…有限公司), a short name (北大醫療) or a
-- group (阿裡巴巴集團). Other spellings of the same company go to company_aliases.
CREATE TABLE companies (
    company_id        INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    name_key          TEXT NOT NULL,
    name_kind         TEXT NOT NULL CHECK (name_kind IN ('full', 'short', 'group')),
    -- where the investment comes from; often only inferable from the name (杭州菜鳥… → 杭州)
    home_city         TEXT,
    home_city_basis   TEXT CHECK (home_city_basis IN ('stated', 'inferred')),
    home_city_quote   TEXT,
    parent_company_id INTEGER REFERENCES companies (company_id),
    parent_relation   TEXT CHECK (parent_relation IN ('subsidiary', 'affiliate', 'brand')),
    parent_quote      TEXT,
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    quote             TEXT NOT NULL,
    CHECK ((home_city IS NULL) = (home_city_basis IS NULL)
       AND (home_city IS NULL) = (home_city_quote IS NULL)),
    CHECK ((parent_company_id IS NULL) = (parent_relation IS NULL)
       AND (parent_company_id IS NULL) = (parent_quote IS NULL)),
    CHECK (parent_company_id IS NOT company_id)
) STRICT;
CREATE INDEX companies_parent ON companies (parent_company_id);
CREATE INDEX companies_key ON companies (name_key);
CREATE INDEX companies_source ON companies (source_id);

CREATE TABLE company_aliases (
    alias      TEXT PRIMARY KEY,
    alias_key  TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    alias_kind TEXT NOT NULL CHECK (alias_kind IN ('full', 'short', 'group')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    quote      TEXT NOT NULL
) STRICT;
CREATE INDEX company_aliases_company ON company_aliases (company_id);
CREATE INDEX company_aliases_key ON company_aliases (alias_key);
CREATE INDEX company_aliases_source ON company_aliases (source_id);

-- A concentrated signing event, held by a place on a date, with its headline figures.
CREATE TABLE events (
    event_id                INTEGER PRIMARY KEY,
    source_id               INTEGER NOT NULL REFERENCES sources (source_id),
    place_id                INTEGER NOT NULL REFERENCES places (place_id),
    held_on                 TEXT NOT NULL CHECK (date(held_on) IS held_on),
    name                    TEXT NOT NULL CHECK (length(name) > 0),
    name_key                TEXT NOT NULL,
    quote                   TEXT NOT NULL,
    project_count           INTEGER CHECK (project_count >= 0),
    project_count_qualifier TEXT CHECK (project_count_qualifier IN
                                ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    project_count_quote     TEXT,
    signed_amount_yuan      INTEGER CHECK (signed_amount_yuan >= 0),
    signed_amount_foreign   INTEGER CHECK (signed_amount_foreign >= 0),
    signed_amount_currency  TEXT CHECK (signed_amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    signed_amount_qualifier TEXT CHECK (signed_amount_qualifier IN
                                ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    signed_amount_quote     TEXT,
    UNIQUE (source_id, name),
    CHECK ((project_count IS NULL) = (project_count_qualifier IS NULL)
       AND (project_count IS NULL) = (project_count_quote IS NULL)),
    CHECK ((signed_amount_currency IS NULL) = (signed_amount_qualifier IS NULL)
       AND (signed_amount_currency IS NULL) = (signed_amount_quote IS NULL)),
    CHECK (CASE signed_amount_currency
             WHEN 'CNY' THEN signed_amount_yuan IS NOT NULL AND signed_amount_foreign IS NULL
             ELSE signed_amount_yuan IS NULL AND (signed_amount_foreign IS NULL) = (signed_amount_currency IS NULL)
           END)
) STRICT;
CREATE INDEX events_place_date ON events (place_id, held_on);
CREATE INDEX events_date ON events (held_on);
CREATE INDEX events_source ON events (source_id);
CREATE INDEX events_key ON events (name_key);

-- A project signed at an event. amount_yuan is NULL when the source states no amount: the
-- unitemised remainder of a headline is never invented as projects.
CREATE TABLE projects (
    project_id       INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (event_id),
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    name_key         TEXT NOT NULL,
    quote            TEXT NOT NULL,
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    amount_quote     TEXT,
    -- where in the district the project settles; NULL: the event's place
    place_id         INTEGER REFERENCES places (place_id),
    place_basis      TEXT CHECK (place_basis IN ('stated', 'inferred')),
    place_quote      TEXT,
    UNIQUE (event_id, name),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NULL) = (amount_quote IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK ((place_id IS NULL) = (place_basis IS NULL) AND (place_id IS NULL) = (place_quote IS NULL))
) STRICT;
CREATE INDEX projects_event ON projects (event_id);
CREATE INDEX projects_amount ON projects (amount_yuan);
CREATE INDEX projects_place ON projects (place_id);
CREATE INDEX projects_key ON projects (name_key);
-- by source: indexing a source's records for search, and replacing a source
CREATE INDEX projects_source ON projects (source_id);

-- Descriptive facts about a project: capacity (年產1GW), expected volumes (每年…不低於200萬單),
-- business scope, goals. A numeric fact has value and unit; a textual one has statement.
CREATE TABLE project_facts (
    project_fact_id INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects (project_id),
    source_id       INTEGER NOT NULL REFERENCES sources (source_id),
    kind            TEXT NOT NULL CHECK (kind IN ('capacity', 'expected_volume', 'business_scope',
                        'goal', 'positioning', 'description', 'area', 'jobs', 'output_value', 'tax')),
    label           TEXT,
    -- a quantity (value + unit), or money (value_yuan, or value_foreign + currency)
    value           REAL,
    unit            TEXT,
    value_yuan      INTEGER CHECK (value_yuan >= 0),
    value_foreign   INTEGER CHECK (value_foreign >= 0),
    currency        TEXT CHECK (currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    qualifier       TEXT CHECK (qualifier IN
                        ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    is_forecast     INTEGER NOT NULL DEFAULT 0 CHECK (is_forecast IN (0, 1)),
    statement       TEXT,
    quote           TEXT NOT NULL,
    CHECK ((value IS NOT NULL) + (value_yuan IS NOT NULL) + (value_foreign IS NOT NULL) <= 1),
    CHECK ((value IS NULL) = (unit IS NULL)),
    CHECK ((value_yuan IS NULL AND value_foreign IS NULL) = (currency IS NULL)),
    CHECK ((value IS NULL AND currency IS NULL) = (qualifier IS NULL)),
    CHECK (qualifier IS NOT NULL OR statement IS NOT NULL)
) STRICT;
CREATE INDEX project_facts_project ON project_facts (project_id);

CREATE TABLE project_companies (
    project_id INTEGER NOT NULL REFERENCES projects (project_id),
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    role       TEXT NOT NULL CHECK (role IN ('investor', 'operator', 'partner', 'developer')),
    basis      TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    quote      TEXT NOT NULL,
    note       TEXT,
    PRIMARY KEY (project_id, company_id, role)
) STRICT;
CREATE INDEX project_companies_company ON project_companies (company_id);

-- Industries an event is said to cover.
CREATE TABLE event_industries (
    event_id    INTEGER NOT NULL REFERENCES events (event_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    PRIMARY KEY (event_id, industry_id)
) STRICT;
CREATE INDEX event_industries_industry ON event_industries (industry_id);

-- A project's industry: stated by the source, or inferred by the cataloguer (note says why).
CREATE TABLE project_industries (
    project_id  INTEGER NOT NULL REFERENCES projects (project_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    note        TEXT,
    PRIMARY KEY (project_id, industry_id)
) STRICT;
CREATE INDEX project_industries_industry ON project_industries (industry_id);

-- National, municipal and district strategies, layouts, goals, work modes, mechanisms, methods
-- and task forces. place_id: whose it is (NULL for national ones).
CREATE TABLE strategies (
    strategy_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    name_key    TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('national', 'municipal', 'district')),
    kind        TEXT NOT NULL CHECK (kind IN ('strategy', 'industrial_layout', 'goal', 'work_mode',
                    'mechanism', 'method', 'task_force', 'principle')),
    place_id    INTEGER REFERENCES places (place_id),
    description TEXT,
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL
) STRICT;
CREATE INDEX strategies_place ON strategies (place_id);
CREATE INDEX strategies_key ON strategies (name_key);
CREATE INDEX strategies_source ON strategies (source_id);

-- An industrial layout's industries and their role (兩主四特: 主 = main, 特 = special).
CREATE TABLE layout_industries (
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    role        TEXT NOT NULL CHECK (role IN ('main', 'special')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    -- several sources may state the same link, each with its own quote
    PRIMARY KEY (strategy_id, industry_id, source_id)
) STRICT;
CREATE INDEX layout_industries_industry ON layout_industries (industry_id);

-- What the source ties a strategy to.
CREATE TABLE event_strategies (
    event_id    INTEGER NOT NULL REFERENCES events (event_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    PRIMARY KEY (event_id, strategy_id)
) STRICT;
CREATE INDEX event_strategies_strategy ON event_strategies (strategy_id);

CREATE TABLE project_strategies (
    project_id  INTEGER NOT NULL REFERENCES projects (project_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    PRIMARY KEY (project_id, strategy_id)
) STRICT;
CREATE INDEX project_strategies_strategy ON project_strategies (strategy_id);

CREATE TABLE place_strategies (
    place_id    INTEGER NOT NULL REFERENCES places (place_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    PRIMARY KEY (place_id, strategy_id, source_id)
) STRICT;
CREATE INDEX place_strategies_strategy ON place_strategies (strategy_id);

CREATE TABLE industry_strategies (
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote       TEXT NOT NULL,
    PRIMARY KEY (industry_id, strategy_id, source_id)
) STRICT;
CREATE INDEX industry_strategies_strategy ON industry_strategies (strategy_id);

-- Figures a source reports: about an event (band counts: 10億以上7個), about a place over a period
-- (今年以來 … 逾1000億元), standing facts about a place (127公裡長江黃金水道), and targets
-- (2024: 協議引資1000億元). Money goes to value_yuan (or value_foreign + currency); any other
-- quantity to value + unit. A band count carries its band: band_min_yuan ≤ amount, and
-- amount < band_max_yuan (≤ when band_max_inclusive).
CREATE TABLE statistics (
    statistic_id       INTEGER PRIMARY KEY,
    source_id          INTEGER NOT NULL REFERENCES sources (source_id),
    kind               TEXT NOT NULL CHECK (kind IN ('event_statistic', 'period_statistic', 'place_fact', 'target')),
    place_id           INTEGER NOT NULL REFERENCES places (place_id),
    event_id           INTEGER REFERENCES events (event_id),
    metric             TEXT NOT NULL CHECK (metric GLOB '[a-z]*' AND metric NOT GLOB '*[^a-z0-9_]*'),
    label              TEXT,
    value              REAL,
    unit               TEXT,
    value_yuan         INTEGER CHECK (value_yuan >= 0),
    value_foreign      INTEGER CHECK (value_foreign >= 0),
    currency           TEXT CHECK (currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    qualifier          TEXT NOT NULL CHECK (qualifier IN
                           ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    is_forecast        INTEGER NOT NULL DEFAULT 0 CHECK (is_forecast IN (0, 1)),
    period_start       TEXT CHECK (date(period_start) IS period_start),
    period_end         TEXT CHECK (date(period_end) IS period_end),
    band_min_yuan      INTEGER CHECK (band_min_yuan >= 0),
    band_max_yuan      INTEGER,
    band_max_inclusive INTEGER CHECK (band_max_inclusive IN (0, 1)),
    quote              TEXT NOT NULL,
    CHECK ((value IS NOT NULL) + (value_yuan IS NOT NULL) + (value_foreign IS NOT NULL) = 1),
    CHECK ((value IS NULL) = (unit IS NULL)),
    CHECK ((value IS NULL) = (currency IS NOT NULL)),
    CHECK ((currency = 'CNY') IS NOT (value_foreign IS NOT NULL)),
    CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
    CHECK (band_max_yuan IS NULL OR band_min_yuan IS NULL OR band_min_yuan <= band_max_yuan),
    CHECK ((band_max_yuan IS NULL) = (band_max_inclusive IS NULL)),
    CHECK ((kind = 'event_statistic') = (event_id IS NOT NULL))
) STRICT;
CREATE INDEX statistics_place_period ON statistics (place_id, period_start);
CREATE INDEX statistics_event ON statistics (event_id);
CREATE INDEX statistics_kind_metric ON statistics (kind, metric);
CREATE INDEX statistics_source ON statistics (source_id);

-- For sqlite3 and Datasette users: one row per project with its event, date, district, amount
-- (in yuan and in 億), qualifier, industries and companies.
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
       s.url                                    AS source_url
  FROM projects p
  JOIN events e  ON e.event_id = p.event_id
  JOIN places ep ON ep.place_id = e.place_id
  LEFT JOIN places pp ON pp.place_id = p.place_id
  JOIN sources s ON s.source_id = p.source_id;

-- One row per event: its headline figures next to what its named projects add up to. The
-- unitemised remainder keeps the headline's qualifier (逾266億 minus 200億 is more than 66億).
CREATE VIEW event_overview AS
SELECT e.event_id,
       e.held_on,
       pl.name                                  AS district,
       pl.name_key                              AS district_key,
       e.name                                   AS event,
       e.project_count,
       e.project_count_qualifier,
       e.signed_amount_yuan,
       e.signed_amount_yuan / 1e8               AS signed_amount_yi,
       e.signed_amount_currency,
       e.signed_amount_foreign,
       e.signed_amount_qualifier,
       (SELECT count(*) FROM projects p WHERE p.event_id = e.event_id)             AS named_projects,
       (SELECT count(p.amount_yuan) FROM projects p WHERE p.event_id = e.event_id) AS named_with_amount,
       (SELECT coalesce(sum(p.amount_yuan), 0) FROM projects p WHERE p.event_id = e.event_id)
                                                AS named_amount_yuan,
       e.project_count - (SELECT count(*) FROM projects p WHERE p.event_id = e.event_id)
                                                AS unitemised_projects,
       e.signed_amount_yuan - (SELECT coalesce(sum(p.amount_yuan), 0) FROM projects p
                                WHERE p.event_id = e.event_id)
                                                AS unitemised_amount_yuan,
       e.signed_amount_qualifier                AS unitemised_amount_qualifier,
       s.title                                  AS source_title,
       s.url                                    AS source_url,
       e.place_id,
       e.source_id
  FROM events e
  JOIN places pl ON pl.place_id = e.place_id
  JOIN sources s ON s.source_id = e.source_id;
