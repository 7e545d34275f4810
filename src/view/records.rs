//! What `show` prints for each kind of record: how a name or id finds the record, the record's
//! own row, and the sections of records linked to it. Every query takes `:id`.

use crate::cli::RecordKind;

pub struct RecordDef {
    pub noun: &'static str,
    /// `:name` (as typed) and `:key` (folded) → candidate (id, label) rows.
    pub find_by_name: &'static str,
    pub record: &'static str,
    pub sections: &'static [(&'static str, &'static str)],
}

pub fn def(kind: RecordKind) -> &'static RecordDef {
    match kind {
        RecordKind::Event => &EVENT,
        RecordKind::Project => &PROJECT,
        RecordKind::Company => &COMPANY,
        RecordKind::Industry => &INDUSTRY,
        RecordKind::Strategy => &STRATEGY,
        RecordKind::Place => &PLACE,
        RecordKind::Source => &SOURCE,
        RecordKind::Stat => &STAT,
    }
}

/// The sources a record and its links cite.
pub const SOURCES_BY_ID: &str = "SELECT source_id, title, publisher, published_on, author, url
    FROM sources WHERE source_id IN (SELECT value FROM json_each(:ids)) ORDER BY source_id";

const EVENT: RecordDef = RecordDef {
    noun: "event",
    find_by_name: "SELECT event_id, name || ' (' || held_on || ')' FROM events WHERE name_key = :key",
    record: "SELECT e.event_id, e.name AS event, e.kind, e.stage, e.held_on, e.period_start,
                    e.period_label,
                    pl.name AS district, e.quote,
                    e.project_count, e.project_count_qualifier, e.project_count_quote,
                    e.signed_amount_yuan, e.signed_amount_foreign, e.signed_amount_currency,
                    e.signed_amount_qualifier, e.signed_amount_quote,
                    eo.named_projects, eo.named_with_amount, eo.named_amount_yuan,
                    eo.unitemised_amount_yuan, eo.unitemised_amount_qualifier, e.source_id
               FROM events e JOIN places pl ON pl.place_id = e.place_id
               JOIN event_overview eo ON eo.event_id = e.event_id
              WHERE e.event_id = :id",
    sections: &[
        (
            "projects",
            "SELECT project_id, project, amount_yuan, amount_qualifier, place, companies, industries,
                    amount_quote, quote
               FROM project_overview WHERE event_id = :id ORDER BY project_id",
        ),
        (
            "projects first reported by another source",
            "SELECT m.project_id, m.name AS project, m.amount_yuan, m.amount_qualifier,
                    m.amount_quote, m.quote, m.source_id
               FROM project_mentions m WHERE m.event_id = :id ORDER BY m.project_id",
        ),
        (
            "companies without a project named",
            "SELECT c.company_id, c.name AS company, ec.role, ec.basis, ec.note, ec.quote,
                    ec.source_id
               FROM event_companies ec JOIN companies c ON c.company_id = ec.company_id
              WHERE ec.event_id = :id ORDER BY c.company_id",
        ),
        (
            "reported bands",
            "SELECT statistic_id, band_min_yuan, band_max_yuan, value AS projects_count,
                    qualifier AS projects_qualifier, quote, source_id
               FROM statistics WHERE event_id = :id AND metric = 'projects_in_band'
              ORDER BY statistic_id",
        ),
        (
            "other figures of the event",
            "SELECT statistic_id, metric, label, value_yuan, value AS value_count, unit,
                    qualifier AS value_qualifier, quote, source_id
               FROM statistics WHERE event_id = :id AND metric <> 'projects_in_band'
              ORDER BY statistic_id",
        ),
        (
            "breakdowns",
            "SELECT b.part_id, b.by, b.part, pl.name AS place, b.count, b.count_qualifier,
                    b.amount_yuan, b.amount_qualifier, b.quote, b.source_id
               FROM breakdown_parts b LEFT JOIN places pl ON pl.place_id = b.place_id
              WHERE b.event_id = :id ORDER BY b.part_id",
        ),
        (
            "alternative figures",
            "SELECT alternative_id, field, value AS value_count, value_yuan,
                    qualifier AS value_qualifier, note, quote, source_id
               FROM alternative_figures WHERE event_id = :id ORDER BY alternative_id",
        ),
        (
            "industries covered",
            "SELECT i.industry_id, i.name AS industry, ei.quote, ei.source_id
               FROM event_industries ei JOIN industries i ON i.industry_id = ei.industry_id
              WHERE ei.event_id = :id ORDER BY i.industry_id",
        ),
        (
            "strategies",
            "SELECT s.strategy_id, s.name AS strategy, x.basis, x.quote, x.source_id
               FROM event_strategies x JOIN strategies s ON s.strategy_id = x.strategy_id
              WHERE x.event_id = :id ORDER BY s.strategy_id",
        ),
    ],
};

const PROJECT: RecordDef = RecordDef {
    noun: "project",
    find_by_name: "SELECT p.project_id, p.name || ' (' || e.held_on || ')' FROM projects p
                     JOIN events e ON e.event_id = p.event_id WHERE p.name_key = :key
                   UNION SELECT p.project_id, p.name || ' (' || e.held_on || ')' FROM projects p
                     JOIN events e ON e.event_id = p.event_id WHERE p.project_key = :name",
    record: "SELECT p.project_id, p.name AS project, p.quote, e.name AS event, e.held_on,
                    ep.name AS district, pp.name AS place, p.place_basis, p.place_quote,
                    p.amount_yuan, p.amount_foreign, p.amount_currency, p.amount_qualifier,
                    p.amount_quote, p.project_key AS key, p.source_id
               FROM projects_quoted p JOIN events e ON e.event_id = p.event_id
               JOIN places ep ON ep.place_id = e.place_id
               LEFT JOIN places pp ON pp.place_id = p.place_id
              WHERE p.project_id = :id",
    sections: &[
        (
            "reported by",
            "SELECT p.source_id, s.title AS source, e.name AS event, e.held_on, p.name AS name_there,
                    p.amount_yuan, p.amount_qualifier, p.amount_quote, p.quote
               FROM projects_quoted p JOIN sources s ON s.source_id = p.source_id
               JOIN events e ON e.event_id = p.event_id
              WHERE p.project_id = :id
             UNION ALL
             SELECT m.source_id, s.title, e.name, e.held_on, m.name, m.amount_yuan,
                    m.amount_qualifier, m.amount_quote, m.quote
               FROM project_mentions m JOIN sources s ON s.source_id = m.source_id
               JOIN events e ON e.event_id = m.event_id
              WHERE m.project_id = :id",
        ),
        (
            // Each step of the project's life, oldest first (V10's project_steps): the signing,
            // later events naming it (a 集中开工 batch), its milestones.
            "timeline",
            "SELECT s.reached_on AS date, s.stage, s.period_label AS period, st.title AS source,
                    s.amount_yuan, s.amount_qualifier, s.quote, s.source_id
               FROM project_steps s JOIN sources st ON st.source_id = s.source_id
              WHERE s.project_id = :id ORDER BY s.reached_on, s.step_order",
        ),
        (
            "alternative figures",
            "SELECT alternative_id, field, value_yuan, qualifier AS value_qualifier, note, quote,
                    source_id
               FROM alternative_figures WHERE project_id = :id ORDER BY alternative_id",
        ),
        (
            "companies",
            "SELECT c.company_id, c.name AS company, pc.role, pc.basis, pc.note, pc.quote, pc.source_id
               FROM project_companies_quoted pc JOIN companies c ON c.company_id = pc.company_id
              WHERE pc.project_id = :id ORDER BY c.company_id",
        ),
        (
            "industries",
            "SELECT i.industry_id, i.name AS industry, pi.basis, pi.note, pi.quote, pi.source_id
               FROM project_industries pi JOIN industries i ON i.industry_id = pi.industry_id
              WHERE pi.project_id = :id ORDER BY i.industry_id",
        ),
        (
            "strategies",
            "SELECT s.strategy_id, s.name AS strategy, x.basis, x.quote, x.source_id
               FROM project_strategies x JOIN strategies s ON s.strategy_id = x.strategy_id
              WHERE x.project_id = :id ORDER BY s.strategy_id",
        ),
        (
            "facts",
            "SELECT project_fact_id, kind, label, value AS value_count, unit, value_yuan,
                    qualifier AS value_qualifier, is_forecast AS forecast, statement, quote, source_id
               FROM project_facts WHERE project_id = :id ORDER BY project_fact_id",
        ),
    ],
};

const COMPANY: RecordDef = RecordDef {
    noun: "company",
    find_by_name: "SELECT company_id, name FROM companies WHERE name_key = :key
                   UNION SELECT c.company_id, c.name || ' (alias ' || a.alias || ')'
                     FROM company_aliases a JOIN companies c ON c.company_id = a.company_id
                    WHERE a.alias_key = :key",
    record: "SELECT c.company_id, c.name AS company, c.name_kind, c.quote,
                    c.home_city, c.home_city_basis, c.home_city_quote,
                    c.home_country, c.home_country_basis, c.home_country_quote,
                    g.name AS parent_group, c.parent_relation, c.parent_quote, c.source_id
               FROM companies c LEFT JOIN companies g ON g.company_id = c.parent_company_id
              WHERE c.company_id = :id",
    sections: &[
        (
            "also named",
            "SELECT alias, alias_kind, quote, source_id FROM company_aliases
              WHERE company_id = :id ORDER BY alias",
        ),
        (
            "projects",
            "SELECT p.project_id, p.name AS project, pc.role, pc.basis, p.amount_yuan,
                    p.amount_qualifier, e.held_on, pc.quote, pc.source_id
               FROM project_companies_quoted pc JOIN projects p ON p.project_id = pc.project_id
               JOIN events e ON e.event_id = p.event_id
              WHERE pc.company_id = :id ORDER BY e.held_on, p.project_id",
        ),
        (
            "events without a project named",
            "SELECT e.event_id, e.name AS event, e.held_on, ec.role, ec.basis, ec.quote,
                    ec.source_id
               FROM event_companies ec JOIN events e ON e.event_id = ec.event_id
              WHERE ec.company_id = :id ORDER BY e.held_on, e.event_id",
        ),
        (
            "group members",
            "SELECT company_id, name AS company, parent_relation, parent_quote, source_id
               FROM companies WHERE parent_company_id = :id ORDER BY company_id",
        ),
    ],
};

const INDUSTRY: RecordDef = RecordDef {
    noun: "industry",
    find_by_name: "SELECT industry_id, name FROM industries WHERE name_key = :key
                   UNION SELECT i.industry_id, i.name || ' (alias ' || a.alias || ')'
                     FROM industry_aliases a JOIN industries i ON i.industry_id = a.industry_id
                    WHERE a.alias_key = :key",
    record: "SELECT i.industry_id, i.name AS industry, parent.name AS parent, i.quote, i.source_id
               FROM industries i LEFT JOIN industries parent ON parent.industry_id = i.parent_id
              WHERE i.industry_id = :id",
    sections: &[
        (
            "also named",
            "SELECT alias, basis, note, quote, source_id FROM industry_aliases
              WHERE industry_id = :id ORDER BY alias",
        ),
        (
            "distinct from",
            "SELECT i.industry_id, i.name AS industry, d.source_id
               FROM industry_distinctions d
               JOIN industries i ON i.industry_id =
                    CASE d.industry_id WHEN :id THEN d.other_id ELSE d.industry_id END
              WHERE d.industry_id = :id OR d.other_id = :id
              ORDER BY i.industry_id",
        ),
        (
            "layouts",
            "SELECT s.strategy_id, s.name AS layout, li.role, li.quote, li.source_id
               FROM layout_industries li JOIN strategies s ON s.strategy_id = li.strategy_id
              WHERE li.industry_id = :id",
        ),
        (
            "events covering it",
            "SELECT e.event_id, e.name AS event, e.held_on, ei.quote, ei.source_id
               FROM event_industries ei JOIN events e ON e.event_id = ei.event_id
              WHERE ei.industry_id = :id ORDER BY e.held_on",
        ),
        (
            "projects",
            "SELECT p.project_id, p.name AS project, pi.basis, pi.note, p.amount_yuan,
                    p.amount_qualifier, pi.quote, pi.source_id
               FROM project_industries pi JOIN projects p ON p.project_id = pi.project_id
              WHERE pi.industry_id = :id ORDER BY p.amount_yuan DESC NULLS LAST",
        ),
        (
            "strategies",
            "SELECT s.strategy_id, s.name AS strategy, x.basis, x.quote, x.source_id
               FROM industry_strategies x JOIN strategies s ON s.strategy_id = x.strategy_id
              WHERE x.industry_id = :id",
        ),
    ],
};

const STRATEGY: RecordDef = RecordDef {
    noun: "strategy",
    find_by_name: "SELECT strategy_id, name FROM strategies WHERE name_key = :key",
    record: "SELECT s.strategy_id, s.name AS strategy, s.level, s.kind, owner.name AS owner,
                    s.description, s.quote, s.source_id
               FROM strategies s LEFT JOIN places owner ON owner.place_id = s.place_id
              WHERE s.strategy_id = :id",
    sections: &[
        (
            "layout",
            "SELECT i.industry_id, i.name AS industry, li.role, li.quote, li.source_id
               FROM layout_industries li JOIN industries i ON i.industry_id = li.industry_id
              WHERE li.strategy_id = :id ORDER BY li.role, i.industry_id",
        ),
        (
            "events",
            "SELECT e.event_id, e.name AS event, e.held_on, x.basis, x.quote, x.source_id
               FROM event_strategies x JOIN events e ON e.event_id = x.event_id
              WHERE x.strategy_id = :id",
        ),
        (
            "projects",
            "SELECT p.project_id, p.name AS project, p.amount_yuan, p.amount_qualifier, x.basis,
                    x.quote, x.source_id
               FROM project_strategies x JOIN projects p ON p.project_id = x.project_id
              WHERE x.strategy_id = :id",
        ),
        (
            "places",
            "SELECT pl.place_id, pl.name AS place, x.basis, x.quote, x.source_id
               FROM place_strategies x JOIN places pl ON pl.place_id = x.place_id
              WHERE x.strategy_id = :id",
        ),
        (
            "industries",
            "SELECT i.industry_id, i.name AS industry, x.basis, x.quote, x.source_id
               FROM industry_strategies x JOIN industries i ON i.industry_id = x.industry_id
              WHERE x.strategy_id = :id",
        ),
    ],
};

const PLACE: RecordDef = RecordDef {
    noun: "place",
    find_by_name: "SELECT pl.place_id, pl.name || coalesce(' in ' || parent.name, '') FROM places pl
                     LEFT JOIN places parent ON parent.place_id = pl.parent_id WHERE pl.name_key = :key
                   UNION SELECT pl.place_id, pl.name || ' (alias ' || a.alias || ')'
                     FROM place_aliases a JOIN places pl ON pl.place_id = a.place_id
                    WHERE a.alias_key = :key",
    record: "SELECT pl.place_id, pl.name AS place, pl.kind, parent.name AS parent, pl.quote, pl.source_id
               FROM places pl LEFT JOIN places parent ON parent.place_id = pl.parent_id
              WHERE pl.place_id = :id",
    sections: &[
        (
            "also named",
            "SELECT alias, basis, note, quote, source_id FROM place_aliases
              WHERE place_id = :id ORDER BY alias",
        ),
        (
            "places within",
            "SELECT place_id, name AS place, kind, quote, source_id FROM places
              WHERE parent_id = :id ORDER BY place_id",
        ),
        (
            "events",
            "SELECT event_id, held_on, event, project_count, signed_amount_yuan,
                    signed_amount_qualifier
               FROM event_overview WHERE place_id = :id ORDER BY held_on",
        ),
        (
            "projects placed here",
            "SELECT project_id, name AS project, place_basis, place_quote, source_id
               FROM projects WHERE place_id = :id",
        ),
        (
            "statistics",
            "SELECT statistic_id, kind, metric, label, value_yuan, value AS value_count, unit,
                    qualifier AS value_qualifier, is_forecast AS forecast, period_start, period_end,
                    quote, source_id
               FROM statistics WHERE place_id = :id ORDER BY kind, period_start, statistic_id",
        ),
        (
            "strategies",
            "SELECT s.strategy_id, s.name AS strategy, x.basis, x.quote, x.source_id
               FROM place_strategies x JOIN strategies s ON s.strategy_id = x.strategy_id
              WHERE x.place_id = :id",
        ),
    ],
};

const SOURCE: RecordDef = RecordDef {
    noun: "source",
    find_by_name: "SELECT source_id, title || ' (' || published_on || ')' FROM sources
                    WHERE title = :name OR url = :name",
    record: "SELECT source_id, title, publisher, published_on, author, url, script, text_sha256,
                    file_name, full_text
               FROM sources WHERE source_id = :id",
    sections: &[
        (
            "events",
            "SELECT event_id, held_on, event, project_count, signed_amount_yuan,
                    signed_amount_qualifier
               FROM event_overview WHERE source_id = :id",
        ),
        (
            "statistics",
            "SELECT statistic_id, kind, metric, label, value_yuan, value AS value_count, unit,
                    qualifier AS value_qualifier, is_forecast AS forecast, quote
               FROM statistics WHERE source_id = :id ORDER BY statistic_id",
        ),
    ],
};

const STAT: RecordDef = RecordDef {
    noun: "statistic",
    find_by_name: "SELECT statistic_id, metric || ': ' || coalesce(label, '') FROM statistics
                    WHERE metric = :name OR label = :name",
    record:
        "SELECT st.statistic_id, st.kind, pl.name AS place, e.name AS event, st.metric, st.label,
                    st.value_yuan, st.value_foreign, st.currency, st.value AS value_count, st.unit,
                    st.qualifier AS value_qualifier, st.is_forecast AS forecast,
                    st.period_start, st.period_end, st.band_min_yuan, st.band_max_yuan,
                    st.band_max_inclusive, st.quote, st.source_id
               FROM statistics st JOIN places pl ON pl.place_id = st.place_id
               LEFT JOIN events e ON e.event_id = st.event_id
              WHERE st.statistic_id = :id",
    sections: &[],
};
