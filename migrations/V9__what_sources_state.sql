-- V9: what the sources state, each fact kept and told apart from what they do not state (issue
-- 29): amounts nobody stated stay empty; aliases stated or inferred; a breakdown's part tied to a
-- place; industries said to be distinct; companies of an event without a project named.
--
-- An amount nobody stated is empty, never 0 (item 8). `event_overview` gave an
-- event whose named projects state no amount `named_amount_yuan = 0`; it is NULL now, as it is
-- for an event that names no project. Every other column is as V3 defined it: the unitemised
-- amount is still the headline less the named amounts that are stated (the whole headline when
-- none is).
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

-- An alias of a place or industry is stated (the source says the names are one: 以下簡稱…) or
-- inferred by the cataloguer, with a note saying why, as links are (issue 29, item 6). Every
-- alias catalogued before is one a source stated.
ALTER TABLE place_aliases ADD COLUMN basis TEXT NOT NULL DEFAULT 'stated'
    CHECK (basis IN ('stated', 'inferred'));
ALTER TABLE place_aliases ADD COLUMN note TEXT;
ALTER TABLE industry_aliases ADD COLUMN basis TEXT NOT NULL DEFAULT 'stated'
    CHECK (basis IN ('stated', 'inferred'));
ALTER TABLE industry_aliases ADD COLUMN note TEXT;

-- A part of a headline may stand for a place (其中,科學城江津片區簽約23個項目: a part of a district's
-- headline tied to the part of the district); a breakdown may have a single part, the rest of the
-- whole left unstated (item 5).
ALTER TABLE breakdown_parts ADD COLUMN place_id INTEGER REFERENCES places (place_id);
CREATE INDEX breakdown_parts_place ON breakdown_parts (place_id) WHERE place_id IS NOT NULL;

-- Two industries whose names look alike but that are two industries (消費品工業 is not 工業): a
-- source's file says so (distinct_from), and `check` stops asking whether they are one (item 7).
CREATE TABLE industry_distinctions (
    industry_id INTEGER NOT NULL REFERENCES industries (industry_id),
    other_id    INTEGER NOT NULL REFERENCES industries (industry_id),
    source_id   INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (industry_id, other_id),
    CHECK (industry_id <> other_id)
) STRICT;
CREATE INDEX industry_distinctions_other ON industry_distinctions (other_id);
CREATE INDEX industry_distinctions_source ON industry_distinctions (source_id);

-- Companies a source says signed at an event without naming a project of theirs (京東集團等7家
-- 企業簽約): tied to the event, in a role, stated or inferred, as a project's companies are
-- (item 4).
CREATE TABLE event_companies (
    event_id   INTEGER NOT NULL REFERENCES events (event_id),
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    role       TEXT NOT NULL CHECK (role IN ('investor', 'operator', 'partner', 'developer')),
    basis      TEXT NOT NULL CHECK (basis IN ('stated', 'inferred')),
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    quote      TEXT NOT NULL,
    note       TEXT,
    PRIMARY KEY (event_id, company_id, role)
) STRICT;
CREATE INDEX event_companies_company ON event_companies (company_id);
CREATE INDEX event_companies_source ON event_companies (source_id);
