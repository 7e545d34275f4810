-- V15: quotes as slices of their source's text (issue 31, fifth part).
--
-- Every quote of a fact (a project's, a link's, a milestone's...) is a sentence of its source's
-- `full_text` (`check` verifies it): storing it written out kept each sentence a second time,
-- 6,350 bytes of a seed copy's 38,435. Fifteen tables of facts are now stored as
-- `{table}_sliced`, each `{column}` that held a quote replaced by `{column}_at`:
--   an INTEGER start * 10000 + length, in bytes of the UTF-8 text, of the quote in the row's
--     source's text (CAST(substr(CAST(full_text AS BLOB), quote_at / 10000, quote_at % 10000)
--     AS TEXT) gives it back: substr() of a BLOB goes straight to the byte, where substr() of
--     text counts the characters before it, 2.6 times the time over a table's quotes);
--   the quote itself (TEXT) when the text does not hold it, or when it is 10,000 bytes or
--     longer: nothing is lost;
--   NULL where the quote was NULL.
-- A view under each table's old name gives every column the table had, in the same order, each
-- quote written out, for the shell, Datasette and the reports: reading is as before; writing
-- goes to `{table}_sliced`. Names (places, industries, companies,
-- strategies, aliases) keep their quotes written out: a source replaced by a new version may
-- keep a name it declared, whose slice would then point into a text that changed.
-- `events` and `statistics` keep their quotes written out too, unchanged tables: the reports
-- print those quotes by the thousand (reconcile, bands), and writing each out again from its
-- text made them slower than V14 (1.32 and 1.20 times V14's CPU at 100,000 generated
-- projects); kept written out they cost 92 bytes per project there.
--
-- search_entries.field is a number (0 name, 1 text, 2 quote, 3 label, 4 alias, 5 description);
-- the view search_texts gives the word, as before.
--
-- Converted in the migrations' one transaction: each table is rebuilt with the same rows and
-- ids, its indexes and triggers on the new table, every view dropped and created again as V14
-- had it (they read the tables by their old names, now the views). Foreign keys are off while
-- the program migrates, as in V7; a reference to one of the fifteen is written to its `_sliced`
-- table, one to `events` or `statistics` to that table as before.

DROP VIEW place_divisions;
DROP VIEW event_overview;
DROP VIEW project_steps;
DROP VIEW project_status;
DROP VIEW search_texts;
DROP VIEW projects_quoted;
DROP VIEW project_companies_quoted;
DROP VIEW project_overview;

CREATE TABLE projects_sliced (
    project_id       INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (event_id),
    -- always the event's source
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    name_key         TEXT NOT NULL,
    quote_at         ANY NOT NULL,
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    -- NULL when the amount is stated in the project's quote (projects_quoted writes it out)
    amount_quote_at  ANY,
    -- where in the district the project settles; NULL: the event's place
    place_id         INTEGER REFERENCES places (place_id),
    place_basis      TEXT CHECK (place_basis IN ('stated', 'inferred')),
    place_quote_at   ANY,
    project_key      TEXT, place_note TEXT,
    UNIQUE (event_id, name),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NOT NULL OR amount_quote_at IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK ((place_id IS NULL) = (place_basis IS NULL) AND (place_id IS NULL) = (place_quote_at IS NULL)),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0)),
    CHECK (typeof(amount_quote_at) <> 'integer' OR (amount_quote_at > 10000 AND amount_quote_at % 10000 > 0)),
    CHECK (typeof(place_quote_at) <> 'integer' OR (place_quote_at > 10000 AND place_quote_at % 10000 > 0))
) STRICT;
INSERT INTO projects_sliced
SELECT t.project_id,
       t.event_id,
       t.source_id,
       t.name,
       t.name_key,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) > 0
             AND length(CAST(t.amount_quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) * 10000
                 + length(CAST(t.amount_quote AS BLOB))
            ELSE t.amount_quote END,
       t.place_id,
       t.place_basis,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.place_quote AS BLOB)) > 0
             AND length(CAST(t.place_quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.place_quote AS BLOB)) * 10000
                 + length(CAST(t.place_quote AS BLOB))
            ELSE t.place_quote END,
       t.project_key,
       t.place_note
  FROM projects t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE project_facts_sliced (
    project_fact_id INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects_sliced (project_id),
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
    quote_at        ANY NOT NULL,
    CHECK ((value IS NOT NULL) + (value_yuan IS NOT NULL) + (value_foreign IS NOT NULL) <= 1),
    CHECK ((value IS NULL) = (unit IS NULL)),
    CHECK ((value_yuan IS NULL AND value_foreign IS NULL) = (currency IS NULL)),
    CHECK ((value IS NULL AND currency IS NULL) = (qualifier IS NULL)),
    CHECK (qualifier IS NOT NULL OR statement IS NOT NULL),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO project_facts_sliced
SELECT t.project_fact_id,
       t.project_id,
       t.source_id,
       t.kind,
       t.label,
       t.value,
       t.unit,
       t.value_yuan,
       t.value_foreign,
       t.currency,
       t.qualifier,
       t.is_forecast,
       t.statement,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END
  FROM project_facts t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE project_companies_sliced (
    project_id INTEGER NOT NULL REFERENCES projects_sliced (project_id),
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    role       TEXT NOT NULL CHECK (role IN ('investor', 'operator', 'partner', 'developer')),
    basis      TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    -- NULL when the project's own source states the link in the project's quote
    -- (project_companies_quoted writes it out)
    quote_at   ANY,
    note       TEXT,
    PRIMARY KEY (project_id, company_id, role),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO project_companies_sliced
SELECT t.project_id,
       t.company_id,
       t.role,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM project_companies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE project_industries_sliced (
    project_id  INTEGER NOT NULL REFERENCES projects_sliced (project_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL,
    note        TEXT,
    PRIMARY KEY (project_id, industry_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO project_industries_sliced
SELECT t.project_id,
       t.industry_id,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM project_industries t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE project_strategies_sliced (
    project_id  INTEGER NOT NULL REFERENCES projects_sliced (project_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL, note TEXT,
    PRIMARY KEY (project_id, strategy_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO project_strategies_sliced
SELECT t.project_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM project_strategies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE project_mentions_sliced (
    project_id       INTEGER NOT NULL REFERENCES projects_sliced (project_id),
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    event_id         INTEGER NOT NULL REFERENCES events (event_id),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    quote_at         ANY NOT NULL,
    amount_yuan      INTEGER CHECK (amount_yuan >= 0),
    amount_foreign   INTEGER CHECK (amount_foreign >= 0),
    amount_currency  TEXT CHECK (amount_currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    amount_qualifier TEXT CHECK (amount_qualifier IN
                         ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    amount_quote_at  ANY, named_by TEXT NOT NULL DEFAULT 'key'
    CHECK (named_by IN ('key', 'url', 'title')), position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    PRIMARY KEY (project_id, source_id),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NULL) = (amount_quote_at IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0)),
    CHECK (typeof(amount_quote_at) <> 'integer' OR (amount_quote_at > 10000 AND amount_quote_at % 10000 > 0))
) STRICT;
INSERT INTO project_mentions_sliced
SELECT t.project_id,
       t.source_id,
       t.event_id,
       t.name,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) > 0
             AND length(CAST(t.amount_quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) * 10000
                 + length(CAST(t.amount_quote AS BLOB))
            ELSE t.amount_quote END,
       t.named_by,
       t.position
  FROM project_mentions t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE milestones_sliced (
    milestone_id     INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES projects_sliced (project_id),
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
    amount_quote_at  ANY,
    quote_at         ANY NOT NULL CHECK (length(quote_at) > 0), named_by TEXT NOT NULL DEFAULT 'key'
    CHECK (named_by IN ('key', 'url', 'title')), named_in_source_id INTEGER REFERENCES sources (source_id),
    CHECK (period_start IS NULL OR period_start <= reached_on),
    CHECK ((period_start IS NULL) = (period_label IS NULL)),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)
       AND (amount_currency IS NULL) = (amount_quote_at IS NULL)),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    CHECK ((stage = 'funds_in_place') = (amount_currency IS NOT NULL)),
    CHECK (typeof(amount_quote_at) <> 'integer' OR (amount_quote_at > 10000 AND amount_quote_at % 10000 > 0)),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO milestones_sliced
SELECT t.milestone_id,
       t.project_id,
       t.source_id,
       t.stage,
       t.reached_on,
       t.period_start,
       t.period_label,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) > 0
             AND length(CAST(t.amount_quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.amount_quote AS BLOB)) * 10000
                 + length(CAST(t.amount_quote AS BLOB))
            ELSE t.amount_quote END,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.named_by,
       t.named_in_source_id
  FROM milestones t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE event_industries_sliced (
    event_id    INTEGER NOT NULL REFERENCES events (event_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL, basis TEXT NOT NULL DEFAULT 'stated'
    CHECK (basis IN ('stated', 'inferred')), note TEXT,
    PRIMARY KEY (event_id, industry_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO event_industries_sliced
SELECT t.event_id,
       t.industry_id,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.basis,
       t.note
  FROM event_industries t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE event_companies_sliced (
    event_id   INTEGER NOT NULL REFERENCES events (event_id),
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    role       TEXT NOT NULL CHECK (role IN ('investor', 'operator', 'partner', 'developer')),
    basis      TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at   ANY NOT NULL,
    note       TEXT,
    PRIMARY KEY (event_id, company_id, role),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO event_companies_sliced
SELECT t.event_id,
       t.company_id,
       t.role,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM event_companies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE event_strategies_sliced (
    event_id    INTEGER NOT NULL REFERENCES events (event_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL, note TEXT,
    PRIMARY KEY (event_id, strategy_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO event_strategies_sliced
SELECT t.event_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM event_strategies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE layout_industries_sliced (
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    role        TEXT NOT NULL CHECK (role IN ('main', 'special')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL,
    -- several sources may state the same link, each with its own quote
    PRIMARY KEY (strategy_id, industry_id, source_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO layout_industries_sliced
SELECT t.strategy_id,
       t.industry_id,
       t.role,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END
  FROM layout_industries t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE place_strategies_sliced (
    place_id    INTEGER NOT NULL REFERENCES places (place_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL, note TEXT,
    PRIMARY KEY (place_id, strategy_id, source_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO place_strategies_sliced
SELECT t.place_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM place_strategies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE industry_strategies_sliced (
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    strategy_id INTEGER NOT NULL REFERENCES strategies (strategy_id),
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    quote_at    ANY NOT NULL, note TEXT,
    PRIMARY KEY (industry_id, strategy_id, source_id),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO industry_strategies_sliced
SELECT t.industry_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM industry_strategies t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE breakdown_parts_sliced (
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
    quote_at         ANY NOT NULL, place_id INTEGER REFERENCES places (place_id),
    CHECK ((event_id IS NULL) <> (statistic_id IS NULL)),
    CHECK ((count IS NULL) = (count_qualifier IS NULL)),
    CHECK ((amount_currency IS NULL) = (amount_qualifier IS NULL)),
    CHECK (count IS NOT NULL OR amount_currency IS NOT NULL),
    CHECK (CASE amount_currency
             WHEN 'CNY' THEN amount_yuan IS NOT NULL AND amount_foreign IS NULL
             ELSE amount_yuan IS NULL AND (amount_foreign IS NULL) = (amount_currency IS NULL)
           END),
    UNIQUE (event_id, statistic_id, by, part),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO breakdown_parts_sliced
SELECT t.part_id,
       t.source_id,
       t.event_id,
       t.statistic_id,
       t.by,
       t.part,
       t.count,
       t.count_qualifier,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.place_id
  FROM breakdown_parts t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

CREATE TABLE alternative_figures_sliced (
    alternative_id INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources (source_id),
    event_id       INTEGER REFERENCES events (event_id),
    project_id     INTEGER REFERENCES projects_sliced (project_id),
    statistic_id   INTEGER REFERENCES statistics (statistic_id),
    field          TEXT NOT NULL CHECK (field IN ('project_count', 'signed_amount', 'amount', 'value')),
    value          REAL,
    unit           TEXT,
    value_yuan     INTEGER CHECK (value_yuan >= 0),
    value_foreign  INTEGER CHECK (value_foreign >= 0),
    currency       TEXT CHECK (currency IN ('CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD')),
    qualifier      TEXT NOT NULL CHECK (qualifier IN
                       ('exact', 'more_than', 'at_least', 'about', 'nearly', 'at_most', 'less_than')),
    quote_at       ANY NOT NULL,
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
    CHECK ((value IS NULL) = (currency IS NOT NULL)),
    CHECK (typeof(quote_at) <> 'integer' OR (quote_at > 10000 AND quote_at % 10000 > 0))
) STRICT;
INSERT INTO alternative_figures_sliced
SELECT t.alternative_id,
       t.source_id,
       t.event_id,
       t.project_id,
       t.statistic_id,
       t.field,
       t.value,
       t.unit,
       t.value_yuan,
       t.value_foreign,
       t.currency,
       t.qualifier,
       CASE WHEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) > 0
             AND length(CAST(t.quote AS BLOB)) BETWEEN 1 AND 9999
            THEN instr(CAST(s.full_text AS BLOB), CAST(t.quote AS BLOB)) * 10000
                 + length(CAST(t.quote AS BLOB))
            ELSE t.quote END,
       t.note
  FROM alternative_figures t LEFT JOIN sources s ON s.source_id = t.source_id ORDER BY t.rowid;

DROP TABLE projects;
DROP TABLE project_facts;
DROP TABLE project_companies;
DROP TABLE project_industries;
DROP TABLE project_strategies;
DROP TABLE project_mentions;
DROP TABLE milestones;
DROP TABLE event_industries;
DROP TABLE event_companies;
DROP TABLE event_strategies;
DROP TABLE layout_industries;
DROP TABLE place_strategies;
DROP TABLE industry_strategies;
DROP TABLE breakdown_parts;
DROP TABLE alternative_figures;

CREATE INDEX projects_amount ON projects_sliced (amount_yuan);
CREATE INDEX projects_place ON projects_sliced (place_id);
CREATE INDEX projects_key ON projects_sliced (name_key);
CREATE UNIQUE INDEX projects_project_key ON projects_sliced (project_key) WHERE project_key IS NOT NULL;
CREATE INDEX projects_event_amount ON projects_sliced (event_id, amount_yuan);
CREATE INDEX project_facts_project ON project_facts_sliced (project_id);
CREATE INDEX project_companies_company ON project_companies_sliced (company_id);
CREATE INDEX project_industries_industry ON project_industries_sliced (industry_id);
CREATE INDEX project_strategies_strategy ON project_strategies_sliced (strategy_id);
CREATE INDEX project_mentions_event ON project_mentions_sliced (event_id);
CREATE INDEX project_mentions_source ON project_mentions_sliced (source_id);
CREATE INDEX project_mentions_project_event ON project_mentions_sliced (project_id, event_id);
CREATE INDEX milestones_project ON milestones_sliced (project_id, reached_on);
CREATE INDEX milestones_source ON milestones_sliced (source_id);
CREATE INDEX event_industries_industry ON event_industries_sliced (industry_id);
CREATE INDEX event_companies_company ON event_companies_sliced (company_id);
CREATE INDEX event_companies_source ON event_companies_sliced (source_id);
CREATE INDEX event_strategies_strategy ON event_strategies_sliced (strategy_id);
CREATE INDEX layout_industries_industry ON layout_industries_sliced (industry_id);
CREATE INDEX place_strategies_strategy ON place_strategies_sliced (strategy_id);
CREATE INDEX industry_strategies_strategy ON industry_strategies_sliced (strategy_id);
CREATE INDEX breakdown_parts_event ON breakdown_parts_sliced (event_id);
CREATE INDEX breakdown_parts_statistic ON breakdown_parts_sliced (statistic_id);
CREATE INDEX breakdown_parts_source ON breakdown_parts_sliced (source_id);
CREATE INDEX breakdown_parts_place ON breakdown_parts_sliced (place_id) WHERE place_id IS NOT NULL;
CREATE INDEX alternative_figures_event ON alternative_figures_sliced (event_id);
CREATE INDEX alternative_figures_project ON alternative_figures_sliced (project_id);
CREATE INDEX alternative_figures_statistic ON alternative_figures_sliced (statistic_id);
CREATE INDEX alternative_figures_source ON alternative_figures_sliced (source_id);

-- search_entries.field as a number: the word repeated in every entry was 74 of the table's 329
-- bytes per project at 100,000 generated projects; search_texts gives the word back.
CREATE TABLE search_entries_v15 (
    entry_id       INTEGER PRIMARY KEY,
    -- the record: `show KIND RECORD_ID` prints it (a passage: `show source RECORD_ID`)
    record_id      INTEGER NOT NULL,
    -- which text of the record: 0 name, 1 text (a passage), 2 quote, 3 label, 4 alias,
    -- 5 description (search_texts.field gives the word)
    field          INTEGER NOT NULL CHECK (field BETWEEN 0 AND 5),
    -- the source whose import wrote the entry (NULL for a place added to complete the hierarchy)
    source_id      INTEGER REFERENCES sources (source_id),
    -- an alias: its row in company_aliases, place_aliases or industry_aliases
    alias_rowid    INTEGER,
    -- a passage: its first character in the source's full_text (1-based) and its length
    passage_start  INTEGER,
    passage_length INTEGER
) STRICT;
INSERT INTO search_entries_v15
SELECT entry_id, record_id,
       CASE field WHEN 'name' THEN 0 WHEN 'text' THEN 1 WHEN 'quote' THEN 2 WHEN 'label' THEN 3
                  WHEN 'alias' THEN 4 ELSE 5 END,
       source_id, alias_rowid, passage_start, passage_length
  FROM search_entries ORDER BY entry_id;
DROP TABLE search_entries;
ALTER TABLE search_entries_v15 RENAME TO search_entries;
CREATE INDEX search_entries_source ON search_entries (source_id);

CREATE VIEW projects AS
SELECT t.project_id,
       t.event_id,
       t.source_id,
       t.name,
       t.name_key,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN typeof(t.amount_quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.amount_quote_at / 10000, t.amount_quote_at % 10000) AS TEXT)
            ELSE t.amount_quote_at END AS amount_quote,
       t.place_id,
       t.place_basis,
       CASE WHEN typeof(t.place_quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.place_quote_at / 10000, t.place_quote_at % 10000) AS TEXT)
            ELSE t.place_quote_at END AS place_quote,
       t.project_key,
       t.place_note
  FROM projects_sliced t;

CREATE VIEW project_facts AS
SELECT t.project_fact_id,
       t.project_id,
       t.source_id,
       t.kind,
       t.label,
       t.value,
       t.unit,
       t.value_yuan,
       t.value_foreign,
       t.currency,
       t.qualifier,
       t.is_forecast,
       t.statement,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote
  FROM project_facts_sliced t;

CREATE VIEW project_companies AS
SELECT t.project_id,
       t.company_id,
       t.role,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM project_companies_sliced t;

CREATE VIEW project_industries AS
SELECT t.project_id,
       t.industry_id,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM project_industries_sliced t;

CREATE VIEW project_strategies AS
SELECT t.project_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM project_strategies_sliced t;

CREATE VIEW project_mentions AS
SELECT t.project_id,
       t.source_id,
       t.event_id,
       t.name,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN typeof(t.amount_quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.amount_quote_at / 10000, t.amount_quote_at % 10000) AS TEXT)
            ELSE t.amount_quote_at END AS amount_quote,
       t.named_by,
       t.position
  FROM project_mentions_sliced t;

CREATE VIEW milestones AS
SELECT t.milestone_id,
       t.project_id,
       t.source_id,
       t.stage,
       t.reached_on,
       t.period_start,
       t.period_label,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN typeof(t.amount_quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.amount_quote_at / 10000, t.amount_quote_at % 10000) AS TEXT)
            ELSE t.amount_quote_at END AS amount_quote,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.named_by,
       t.named_in_source_id
  FROM milestones_sliced t;

CREATE VIEW event_industries AS
SELECT t.event_id,
       t.industry_id,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.basis,
       t.note
  FROM event_industries_sliced t;

CREATE VIEW event_companies AS
SELECT t.event_id,
       t.company_id,
       t.role,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM event_companies_sliced t;

CREATE VIEW event_strategies AS
SELECT t.event_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM event_strategies_sliced t;

CREATE VIEW layout_industries AS
SELECT t.strategy_id,
       t.industry_id,
       t.role,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote
  FROM layout_industries_sliced t;

CREATE VIEW place_strategies AS
SELECT t.place_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM place_strategies_sliced t;

CREATE VIEW industry_strategies AS
SELECT t.industry_id,
       t.strategy_id,
       t.basis,
       t.source_id,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM industry_strategies_sliced t;

CREATE VIEW breakdown_parts AS
SELECT t.part_id,
       t.source_id,
       t.event_id,
       t.statistic_id,
       t.by,
       t.part,
       t.count,
       t.count_qualifier,
       t.amount_yuan,
       t.amount_foreign,
       t.amount_currency,
       t.amount_qualifier,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.place_id
  FROM breakdown_parts_sliced t;

CREATE VIEW alternative_figures AS
SELECT t.alternative_id,
       t.source_id,
       t.event_id,
       t.project_id,
       t.statistic_id,
       t.field,
       t.value,
       t.unit,
       t.value_yuan,
       t.value_foreign,
       t.currency,
       t.qualifier,
       CASE WHEN typeof(t.quote_at) = 'integer'
            THEN CAST(substr(CAST((SELECT full_text FROM sources WHERE source_id = t.source_id)
                                  AS BLOB), t.quote_at / 10000, t.quote_at % 10000) AS TEXT)
            ELSE t.quote_at END AS quote,
       t.note
  FROM alternative_figures_sliced t;

CREATE VIEW place_divisions AS
WITH RECURSIVE chain (place_id, at_id) AS (
    SELECT place_id, place_id FROM places
    UNION ALL
    SELECT c.place_id, p.parent_id
      FROM chain c JOIN places p ON p.place_id = c.at_id
     WHERE p.code IS NULL AND p.parent_id IS NOT NULL
),
-- the code's row in use in code_year (a code given to another area later has several rows),
-- else its latest: the highest of (in use that year) * 10000 + first year
coded (place_id, code, code_year, row_from) AS (
    SELECT c.place_id, p.code, p.code_year,
           (SELECT max((p.code_year BETWEEN x.in_use_from AND coalesce(x.in_use_to, 9999)) * 10000
                       + x.in_use_from)
              FROM divisions x WHERE x.code = p.code) % 10000
      FROM chain c JOIN places p ON p.place_id = c.at_id
     WHERE p.code IS NOT NULL
)
SELECT p.place_id,
       p.name AS place,
       p.kind,
       p.code,
       c.code AS division_code,
       c.code_year AS division_year,
       CASE d.level WHEN 'county' THEN d.name END AS county,
       CASE d.level WHEN 'prefecture' THEN d.name WHEN 'county' THEN d.prefecture END AS prefecture,
       CASE d.level WHEN 'province' THEN d.name ELSE d.province END AS province,
       d.today_code,
       CASE t.level WHEN 'county' THEN t.name END AS county_today,
       tp.name AS prefecture_today,
       tv.name AS province_today,
       d.today_prefecture_code,
       d.today_province_code,
       t.longitude,
       t.latitude
  FROM places p
  LEFT JOIN coded c ON c.place_id = p.place_id
  LEFT JOIN divisions d ON d.code = c.code AND d.in_use_from = c.row_from
  LEFT JOIN divisions t ON t.code = d.today_code AND t.in_use_to IS NULL
  LEFT JOIN divisions tp ON tp.code = d.today_prefecture_code AND tp.in_use_to IS NULL
  LEFT JOIN divisions tv ON tv.code = d.today_province_code AND tv.in_use_to IS NULL;

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
       CASE WHEN n.with_amount > 0 THEN n.amount END AS named_amount_yuan,
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
  -- event's source names again (with its own amount, or the project's); `amount` is the sum of
  -- the stated amounts, 0 when none is (shown only where with_amount says one is stated, and
  -- subtracted from the headline)
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

CREATE VIEW search_texts AS
SELECT e.entry_id,
       CASE e.entry_id >> 52 WHEN 0 THEN 'project' WHEN 1 THEN 'company' WHEN 2 THEN 'event'
            WHEN 3 THEN 'strategy' WHEN 4 THEN 'industry' WHEN 5 THEN 'place'
            WHEN 6 THEN 'statistic' ELSE 'passage' END AS kind,
       e.record_id,
       CASE e.field WHEN 0 THEN 'name' WHEN 1 THEN 'text' WHEN 2 THEN 'quote' WHEN 3 THEN 'label'
            WHEN 4 THEN 'alias' ELSE 'description' END AS field,
       CASE e.entry_id >> 52
            WHEN 0 THEN (SELECT name FROM projects WHERE project_id = e.record_id)
            WHEN 1 THEN (SELECT name FROM companies WHERE company_id = e.record_id)
            WHEN 2 THEN (SELECT name FROM events WHERE event_id = e.record_id)
            WHEN 3 THEN (SELECT name FROM strategies WHERE strategy_id = e.record_id)
            WHEN 4 THEN (SELECT name FROM industries WHERE industry_id = e.record_id)
            WHEN 5 THEN (SELECT name FROM places WHERE place_id = e.record_id)
            WHEN 6 THEN (SELECT metric || coalesce(': ' || label, '') FROM statistics
                          WHERE statistic_id = e.record_id)
            ELSE (SELECT title FROM sources WHERE source_id = e.record_id) END AS label,
       CASE
            WHEN e.field = 4 THEN CASE e.entry_id >> 52
                 WHEN 1 THEN (SELECT alias FROM company_aliases WHERE rowid = e.alias_rowid)
                 WHEN 5 THEN (SELECT alias FROM place_aliases WHERE rowid = e.alias_rowid)
                 ELSE (SELECT alias FROM industry_aliases WHERE rowid = e.alias_rowid) END
            WHEN e.field = 1 THEN (SELECT substr(full_text, e.passage_start, e.passage_length)
                                          FROM sources WHERE source_id = e.record_id)
            WHEN e.field = 5 THEN (SELECT description FROM strategies
                                                WHERE strategy_id = e.record_id)
            WHEN e.field = 3 THEN (SELECT label FROM statistics WHERE statistic_id = e.record_id)
            WHEN e.field = 2 THEN (SELECT quote FROM statistics WHERE statistic_id = e.record_id)
            ELSE CASE e.entry_id >> 52
                 WHEN 0 THEN (SELECT name FROM projects WHERE project_id = e.record_id)
                 WHEN 1 THEN (SELECT name FROM companies WHERE company_id = e.record_id)
                 WHEN 2 THEN (SELECT name FROM events WHERE event_id = e.record_id)
                 WHEN 3 THEN (SELECT name FROM strategies WHERE strategy_id = e.record_id)
                 WHEN 4 THEN (SELECT name FROM industries WHERE industry_id = e.record_id)
                 ELSE (SELECT name FROM places WHERE place_id = e.record_id) END
       END AS original,
       e.source_id
  FROM search_entries e;

CREATE VIEW projects_quoted AS
SELECT project_id, event_id, source_id, name, name_key, quote, amount_yuan, amount_foreign,
       amount_currency, amount_qualifier,
       CASE WHEN amount_currency IS NOT NULL THEN coalesce(amount_quote, quote) END AS amount_quote,
       place_id, place_basis, place_quote, project_key
  FROM projects;

CREATE VIEW project_companies_quoted AS
SELECT c.project_id, c.company_id, c.role, c.basis, c.source_id,
       coalesce(c.quote, p.quote) AS quote, c.note
  FROM project_companies c JOIN projects p ON p.project_id = c.project_id;

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

