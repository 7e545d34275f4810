//! The listings (`events`, `projects`, `companies` …): one SQL query each, with filters as named
//! parameters that are NULL when not given, and a fixed set of sort orders.

/// A listing's query and the orders it can be sorted in; the first order is the default.
pub struct ListingDef {
    pub name: &'static str,
    pub sql: &'static str,
    /// (key the user types, ORDER BY clause)
    pub sorts: &'static [(&'static str, &'static str)],
    /// The order a narrow table gives its columns up in (key columns before `|`; view/fit.rs).
    pub fit: &'static str,
}

/// Matches a company by its name or any of its aliases.
macro_rules! company_match {
    () => {
        "(SELECT company_id FROM companies WHERE name_key = :company
              UNION SELECT company_id FROM company_aliases WHERE alias_key = :company)"
    };
}

/// A project's industries and companies as lists of names, each with the subset in its own
/// column: `industries`, `inferred_industries` (linked by the cataloguer, not the source),
/// `companies`, `investors` (companies whose role is investor). Values only: no notes inside.
macro_rules! project_names_lists {
    ($p:literal) => {
        concat!(
            "(SELECT group_concat(i.name, '; ') FROM project_industries pi
               JOIN industries i ON i.industry_id = pi.industry_id
              WHERE pi.project_id = ", $p, ".project_id) AS industries,
             (SELECT group_concat(i.name, '; ') FROM project_industries pi
               JOIN industries i ON i.industry_id = pi.industry_id
              WHERE pi.project_id = ", $p, ".project_id AND pi.basis = 'inferred') AS inferred_industries,
             (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT c.name FROM project_companies pc
               JOIN companies c ON c.company_id = pc.company_id
              WHERE pc.project_id = ", $p, ".project_id)) AS companies,
             (SELECT group_concat(c.name, '; ') FROM project_companies pc
               JOIN companies c ON c.company_id = pc.company_id
              WHERE pc.project_id = ", $p, ".project_id AND pc.role = 'investor') AS investors"
        )
    };
}

pub const LISTINGS: &[ListingDef] = &[
    ListingDef {
        name: "events",
        sql: concat!(
            "SELECT event_id, held_on, district, event,
                    project_count, project_count_qualifier,
                    signed_amount_yuan, signed_amount_qualifier,
                    named_projects, named_with_amount, named_amount_yuan,
                    unitemised_amount_yuan, unitemised_amount_qualifier, source_id
               FROM event_overview eo
              WHERE (:district IS NULL OR district_key = :district)
                AND (:from IS NULL OR held_on >= :from)
                AND (:to IS NULL OR held_on <= :to)
                AND (:min_yuan IS NULL OR signed_amount_yuan >= :min_yuan)
                AND (:max_yuan IS NULL OR signed_amount_yuan <= :max_yuan)
                AND (:industry IS NULL OR EXISTS (
                        SELECT 1 FROM event_industries ei JOIN industries i ON i.industry_id = ei.industry_id
                         WHERE ei.event_id = eo.event_id AND i.name_key = :industry))
                AND (:strategy IS NULL OR EXISTS (
                        SELECT 1 FROM event_strategies es JOIN strategies s ON s.strategy_id = es.strategy_id
                         WHERE es.event_id = eo.event_id AND s.name_key = :strategy
                           AND (:basis IS NULL OR es.basis = :basis)))
                AND (:company IS NULL OR EXISTS (
                        SELECT 1 FROM projects p JOIN project_companies pc ON pc.project_id = p.project_id
                         WHERE p.event_id = eo.event_id AND pc.company_id IN ",
            company_match!(),
            ") OR EXISTS (
                        SELECT 1 FROM event_companies ec
                         WHERE ec.event_id = eo.event_id AND ec.company_id IN ",
            company_match!(),
            "))"
        ),
        sorts: &[
            ("date", "held_on, event_id"),
            ("amount", "signed_amount_yuan DESC NULLS LAST, held_on"),
            ("name", "event, held_on"),
        ],
        fit: "held on, district, signed amount | project count, event id, event, named amount, named projects, unitemised amount, named with amount, source id",
    },
    ListingDef {
        name: "projects",
        sql: concat!(
            "SELECT project_id, project, held_on, district, place,
                    amount_yuan, amount_qualifier, ",
            project_names_lists!("po"),
            ", event_id
               FROM project_overview po
              WHERE (:district IS NULL OR district_key = :district OR place_key = :district)
                AND (:from IS NULL OR held_on >= :from)
                AND (:to IS NULL OR held_on <= :to)
                AND (:min_yuan IS NULL OR amount_yuan >= :min_yuan)
                AND (:max_yuan IS NULL OR amount_yuan <= :max_yuan)
                AND (:industry IS NULL OR EXISTS (
                        SELECT 1 FROM project_industries pi JOIN industries i ON i.industry_id = pi.industry_id
                         WHERE pi.project_id = po.project_id AND i.name_key = :industry
                           AND (:basis IS NULL OR pi.basis = :basis)))
                AND (:strategy IS NULL OR EXISTS (
                        SELECT 1 FROM project_strategies ps JOIN strategies s ON s.strategy_id = ps.strategy_id
                         WHERE ps.project_id = po.project_id AND s.name_key = :strategy
                           AND (:basis IS NULL OR ps.basis = :basis)))
                AND (:company IS NULL OR EXISTS (
                        SELECT 1 FROM project_companies pc
                         WHERE pc.project_id = po.project_id AND pc.company_id IN ",
            company_match!(),
            "
                           AND (:basis IS NULL OR pc.basis = :basis)))"
        ),
        sorts: &[
            ("amount", "amount_yuan DESC NULLS LAST, held_on, project_id"),
            ("date", "held_on, project_id"),
            ("name", "project, project_id"),
        ],
        fit: "project, amount | project id, held on, district, companies, industries, place, investors, inferred industries, event id",
    },
    ListingDef {
        name: "companies",
        sql: concat!(
            "SELECT c.company_id, c.name AS company, c.name_kind,
                    (SELECT group_concat(a.alias, '; ') FROM company_aliases a WHERE a.company_id = c.company_id)
                        AS also_named,
                    c.home_city, c.home_city_basis, g.name AS parent_group, c.parent_relation,
                    (SELECT count(*) FROM project_companies pc WHERE pc.company_id = c.company_id) AS projects,
                    (SELECT count(*) FROM (
                        SELECT p.event_id FROM project_companies pc JOIN projects p ON p.project_id = pc.project_id
                         WHERE pc.company_id = c.company_id
                        UNION SELECT ec.event_id FROM event_companies ec WHERE ec.company_id = c.company_id))
                        AS events,
                    (SELECT sum(p.amount_yuan) FROM project_companies pc JOIN projects p ON p.project_id = pc.project_id
                      WHERE pc.company_id = c.company_id AND pc.role = 'investor') AS invested_yuan
               FROM companies c
               LEFT JOIN companies g ON g.company_id = c.parent_company_id
              WHERE (:company IS NULL OR c.company_id IN ",
            company_match!(),
            ")
                AND (:district IS NULL OR EXISTS (
                        SELECT 1 FROM project_companies pc JOIN projects p ON p.project_id = pc.project_id
                          JOIN events e ON e.event_id = p.event_id JOIN places pl ON pl.place_id = e.place_id
                         WHERE pc.company_id = c.company_id AND pl.name_key = :district))
                AND (:industry IS NULL OR EXISTS (
                        SELECT 1 FROM project_companies pc JOIN project_industries pi ON pi.project_id = pc.project_id
                          JOIN industries i ON i.industry_id = pi.industry_id
                         WHERE pc.company_id = c.company_id AND i.name_key = :industry
                           AND (:basis IS NULL OR pi.basis = :basis)))"
        ),
        sorts: &[
            ("amount", "invested_yuan DESC NULLS LAST, company"),
            ("name", "company"),
            ("projects", "projects DESC, company"),
        ],
        fit: "company | company id, invested, projects, home city, events, parent group, name kind, also named, home city basis, parent relation",
    },
    ListingDef {
        name: "industries",
        sql: "SELECT i.industry_id, i.name AS industry, parent.name AS parent,
                    (SELECT group_concat(s.name, '; ')
                       FROM layout_industries li JOIN strategies s ON s.strategy_id = li.strategy_id
                      WHERE li.industry_id = i.industry_id AND li.role = 'main') AS main_in,
                    (SELECT group_concat(s.name, '; ')
                       FROM layout_industries li JOIN strategies s ON s.strategy_id = li.strategy_id
                      WHERE li.industry_id = i.industry_id AND li.role = 'special') AS special_in,
                    (SELECT count(*) FROM event_industries ei WHERE ei.industry_id = i.industry_id) AS events,
                    (SELECT count(*) FROM project_industries pi WHERE pi.industry_id = i.industry_id
                        AND (:basis IS NULL OR pi.basis = :basis)) AS projects,
                    (SELECT sum(p.amount_yuan) FROM project_industries pi
                       JOIN projects p ON p.project_id = pi.project_id
                      WHERE pi.industry_id = i.industry_id AND (:basis IS NULL OR pi.basis = :basis)) AS amount_yuan
               FROM industries i
               LEFT JOIN industries parent ON parent.industry_id = i.parent_id
              WHERE (:industry IS NULL OR i.name_key = :industry)",
        sorts: &[
            ("amount", "amount_yuan DESC NULLS LAST, projects DESC, industry"),
            ("projects", "projects DESC, industry"),
            ("name", "industry"),
        ],
        fit: "industry | industry id, amount, projects, events, main in, special in, parent",
    },
    ListingDef {
        name: "strategies",
        sql: "SELECT s.strategy_id, s.name AS strategy, s.level, s.kind, owner.name AS owner,
                    (SELECT count(*) FROM event_strategies x WHERE x.strategy_id = s.strategy_id) AS events,
                    (SELECT count(*) FROM project_strategies x WHERE x.strategy_id = s.strategy_id) AS projects,
                    s.description
               FROM strategies s
               LEFT JOIN places owner ON owner.place_id = s.place_id
              WHERE (:strategy IS NULL OR s.name_key = :strategy)
                AND (:district IS NULL OR owner.name_key = :district OR EXISTS (
                        SELECT 1 FROM place_strategies ps JOIN places pl ON pl.place_id = ps.place_id
                         WHERE ps.strategy_id = s.strategy_id AND pl.name_key = :district))
                AND (:industry IS NULL OR EXISTS (
                        SELECT 1 FROM industries i WHERE i.name_key = :industry AND i.industry_id IN (
                            SELECT industry_id FROM industry_strategies WHERE strategy_id = s.strategy_id
                            UNION SELECT industry_id FROM layout_industries WHERE strategy_id = s.strategy_id)))",
        sorts: &[
            (
                "level",
                "CASE s.level WHEN 'national' THEN 0 WHEN 'municipal' THEN 1 ELSE 2 END, s.kind, s.strategy_id",
            ),
            ("name", "strategy"),
        ],
        fit: "strategy | strategy id, level, kind, events, projects, owner, description",
    },
    ListingDef {
        name: "places",
        sql: "SELECT pl.place_id, pl.name AS place, pl.kind, parent.name AS parent,
                    (SELECT count(*) FROM events e WHERE e.place_id = pl.place_id) AS events,
                    (SELECT count(*) FROM projects p WHERE p.place_id = pl.place_id) AS projects_placed,
                    (SELECT count(*) FROM statistics st WHERE st.place_id = pl.place_id) AS statistics
               FROM places pl
               LEFT JOIN places parent ON parent.place_id = pl.parent_id
              WHERE (:district IS NULL OR pl.place_id IN (
                        WITH RECURSIVE within (place_id) AS (
                            SELECT place_id FROM places WHERE name_key = :district
                            UNION SELECT c.place_id FROM places c JOIN within w ON c.parent_id = w.place_id)
                        SELECT place_id FROM within))",
        sorts: &[("id", "pl.place_id"), ("name", "place")],
        fit: "place | place id, kind, parent, events, projects placed, statistics",
    },
    ListingDef {
        name: "sources",
        sql: "SELECT s.source_id, s.published_on, s.title, s.publisher, s.author, s.script, s.url,
                    (SELECT count(*) FROM events e WHERE e.source_id = s.source_id) AS events,
                    (SELECT count(*) FROM projects p WHERE p.source_id = s.source_id) AS projects,
                    (SELECT count(*) FROM statistics st WHERE st.source_id = s.source_id) AS statistics,
                    s.file_name
               FROM sources s
              WHERE (:from IS NULL OR s.published_on >= :from)
                AND (:to IS NULL OR s.published_on <= :to)",
        sorts: &[("date", "s.published_on, s.source_id"), ("title", "s.title")],
        fit: "title | source id, published on, publisher, events, projects, statistics, author, script, url, file name",
    },
    ListingDef {
        name: "stats",
        sql: "SELECT st.statistic_id, pl.name AS place, st.kind, st.metric, st.label,
                    st.value_yuan, st.value_foreign, st.currency, st.value AS value_count, st.unit,
                    st.qualifier AS value_qualifier, st.is_forecast AS forecast,
                    st.period_start, st.period_end, st.band_min_yuan, st.band_max_yuan, st.quote
               FROM statistics st
               JOIN places pl ON pl.place_id = st.place_id
              WHERE (:district IS NULL OR pl.name_key = :district)
                AND (:from IS NULL OR coalesce(st.period_end, '9999') >= :from)
                AND (:to IS NULL OR coalesce(st.period_start, '0000') <= :to)
                AND (:min_yuan IS NULL OR st.value_yuan >= :min_yuan)
                AND (:max_yuan IS NULL OR st.value_yuan <= :max_yuan)",
        sorts: &[
            ("kind", "st.kind, st.period_start, st.statistic_id"),
            ("date", "st.period_start, st.statistic_id"),
            ("metric", "st.metric, st.statistic_id"),
        ],
        fit: "metric, value | statistic id, place, kind, label, period start, period end, forecast, unit, quote",
    },
];

/// Every name a name filter can match, with its folded key, by kind: for the hint a listing
/// that matched nothing gives.
pub const NAMES_OF: &[(&str, &str)] = &[
    ("place", "SELECT name, name_key FROM places ORDER BY name"),
    (
        "industry",
        "SELECT name, name_key FROM industries ORDER BY name",
    ),
    (
        "company",
        "SELECT name, name_key FROM companies UNION SELECT alias, alias_key FROM company_aliases
          ORDER BY 1",
    ),
    (
        "strategy",
        "SELECT name, name_key FROM strategies ORDER BY name",
    ),
];

pub fn find(name: &str) -> Option<&'static ListingDef> {
    LISTINGS.iter().find(|l| l.name == name)
}

impl ListingDef {
    /// The full query with an order and the limit and offset parameters. `sort` is a key,
    /// optionally with `:asc` or `:desc`, which sets the direction of the key's first term.
    pub fn sql_sorted(&self, sort: Option<&str>) -> Result<String, String> {
        let (key, direction) = match sort.map(|s| s.rsplit_once(':').unwrap_or((s, ""))) {
            None => (None, ""),
            Some((key, "")) => (Some(key), ""),
            Some((key, d)) if d.eq_ignore_ascii_case("asc") => (Some(key), "ASC"),
            Some((key, d)) if d.eq_ignore_ascii_case("desc") => (Some(key), "DESC"),
            Some((_, d)) => {
                return Err(format!("`{d}` is not a direction; expected asc or desc"));
            }
        };
        let order = match key {
            None => self.sorts[0].1,
            Some(key) => self
                .sorts
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, order)| *order)
                .ok_or_else(|| {
                    let keys: Vec<&str> = self.sorts.iter().map(|(k, _)| *k).collect();
                    format!(
                        "`{}` cannot be sorted by `{key}`; expected one of: {}",
                        self.name,
                        keys.join(", ")
                    )
                })?,
        };
        let order = with_direction(order, direction);
        Ok(format!(
            "{}\n ORDER BY {order}\n LIMIT coalesce(:limit, -1) OFFSET coalesce(:offset, 0)",
            self.sql
        ))
    }
}

/// An order whose first term is given `direction` (ASC or DESC; empty: as it is), keeping its
/// NULLS LAST: `signed_amount_yuan DESC NULLS LAST, held_on` with ASC is
/// `signed_amount_yuan ASC NULLS LAST, held_on`.
fn with_direction(order: &str, direction: &str) -> String {
    if direction.is_empty() {
        return order.to_string();
    }
    let (first, rest) = order
        .split_once(',')
        .map_or((order, None), |(f, r)| (f, Some(r)));
    let mut words: Vec<&str> = first
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("asc") && !w.eq_ignore_ascii_case("desc"))
        .collect();
    let at = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("nulls"))
        .unwrap_or(words.len());
    words.insert(at, direction);
    match rest {
        Some(rest) => format!("{},{rest}", words.join(" ")),
        None => words.join(" "),
    }
}

#[cfg(test)]
mod direction_tests {
    use super::with_direction;

    #[test]
    fn a_direction_applies_to_the_first_term() {
        assert_eq!(
            with_direction("held_on, event_id", "DESC"),
            "held_on DESC, event_id"
        );
        assert_eq!(
            with_direction("signed_amount_yuan DESC NULLS LAST, held_on", "ASC"),
            "signed_amount_yuan ASC NULLS LAST, held_on"
        );
        assert_eq!(with_direction("event, held_on", ""), "event, held_on");
    }
}
