//! A source's file rebuilt from the tables, for `export`, for a changed re-import's comparison
//! and for `check`: one function per section of the file, each reading the tables that hold it
//! (a table added later gets its own function, called from [`rebuild`]). What the tables do not
//! hold comes from the source's own small records: its format version, its figures as written
//! (`sources.figures_written`), the names it declares in order with its quotes of them
//! (`source_declarations`), how it named a project reported again and where it stood
//! (`named_by`, `position`).
//!
//! The text is not put inline (the caller does, or not). Forms with the same meaning come back in
//! one form: a name referred to by an alias or in the other script comes back as its catalogued
//! name; an event's period given both as `period` and as `from`/`to` comes back as `period`
//! alone when that gives the same days; a `same_as` by source and name gives the project's name
//! as catalogued there.

use std::collections::HashMap;

use anyhow::{Result, anyhow};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::source::model::{
    AliasEntry, AlternativeEntry, BandEntry, BreakdownEntry, CompanyEntry, CompanyLink, EventEntry,
    EventStatisticEntry, FactEntry, FigureEntry, HomeCityEntry, IndustryEntry, LayoutEntry, Link,
    MilestoneAmount, MilestoneEntry, NameAlias, ParentEntry, PartEntry, PlaceEntry, ProjectEntry,
    SameAsEntry, SourceFile, SourceMeta, StatisticEntry, StrategyEntry,
};
use crate::source::{period, written};

/// The quote of a link `l` read from its `_sliced` table, whose rowids give the file's order (the
/// views under the tables' names have none), written out as those views do (V15).
fn link_quote() -> String {
    super::sliced::written_out("l", "quote")
}

/// A declaration's quote: its row's own, none (0), or a slice of this source's text.
const DECLARED_QUOTE: &str = "CASE WHEN d.quote_start IS NULL THEN x.quote
                                   WHEN d.quote_start = 0 THEN NULL
                                   ELSE substr(s.full_text, d.quote_start, d.quote_length) END";

/// A place's or industry's parent: as the file wrote it when not as catalogued.
const PARENT_WRITTEN: &str = "CASE d.parent_written WHEN '' THEN NULL
                                   ELSE coalesce(d.parent_written, up.name) END";

/// The file of source `source_id` as it was imported, without its text.
pub fn rebuild(conn: &Connection, source_id: i64) -> Result<SourceFile> {
    rebuild_with_text(conn, source_id).map(|(file, _)| file)
}

/// [`rebuild`], with the source's text read on the way.
fn rebuild_with_text(conn: &Connection, source_id: i64) -> Result<(SourceFile, String)> {
    let (mut file, (figures, names), text) = header(conn, source_id)?;
    file.places = places(conn, source_id)?;
    file.industries = industries(conn, source_id)?;
    file.companies = companies(conn, source_id)?;
    file.strategies = strategies(conn, source_id)?;
    let mut others = Figures::of_source(conn, source_id)?;
    file.events = events(conn, source_id, &file.source.published, &mut others)?;
    file.statistics = statistics(conn, source_id, &mut others)?;
    file.milestones = milestones(conn, source_id)?;
    respell(&mut file, &spellings(conn, source_id)?, names.as_deref())
        .map_err(|e| anyhow!("source {source_id}: {e}"))?;
    written::put_back(&mut file, &figures, &text)
        .map_err(|e| anyhow!("source {source_id}: {e}"))?;
    Ok((file, text))
}

/// A source's figures as written, and its names written otherwise than catalogued.
type Written = (String, Option<String>);

/// The source's row: the file's format and `[source]`, its figures as written and its text.
fn header(conn: &Connection, source_id: i64) -> Result<(SourceFile, Written, String)> {
    conn.prepare_cached(
        "SELECT format, title, publisher, url, published_on, author, script, figures_written,
                full_text, names_written
           FROM sources WHERE source_id = ?1",
    )?
    .query_row([source_id], |r| {
        let file = SourceFile {
            format: r.get(0)?,
            source: SourceMeta {
                title: r.get(1)?,
                publisher: r.get(2)?,
                url: r.get(3)?,
                published: r.get(4)?,
                author: r.get(5)?,
                script: r.get(6)?,
                text: None,
                text_file: None,
            },
            ..SourceFile::default()
        };
        Ok((file, (r.get(7)?, r.get(9)?), r.get(8)?))
    })
    .optional()?
    .ok_or_else(|| anyhow!("no source {source_id}"))
}

/// The names this source wrote otherwise than catalogued (in the other script, or an alias), by
/// (kind, catalogued name).
type Spellings = HashMap<(String, String), String>;

fn spellings(conn: &Connection, source_id: i64) -> Result<Spellings> {
    let found = rows(
        conn,
        "SELECT d.kind,
                CASE d.kind
                  WHEN 'place' THEN (SELECT name FROM places WHERE place_id = d.name_id)
                  WHEN 'industry' THEN (SELECT name FROM industries WHERE industry_id = d.name_id)
                  WHEN 'company' THEN (SELECT name FROM companies WHERE company_id = d.name_id)
                  ELSE (SELECT name FROM strategies WHERE strategy_id = d.name_id)
                END,
                d.name_written
           FROM source_declarations d WHERE d.source_id = ?1 AND d.name_written IS NOT NULL",
        [source_id],
        |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)),
    )?;
    Ok(found.into_iter().collect())
}

/// Every name the file declares or refers to, as the file wrote it where it wrote it otherwise
/// than catalogued: the declared names (and parents) by `spellings`, the references as declared
/// or as `names_written` lists them.
fn respell(
    file: &mut SourceFile,
    spellings: &Spellings,
    names_written: Option<&str>,
) -> Result<()> {
    let get = |kind: &str, name: &str| {
        spellings
            .get(&(kind.to_string(), name.to_string()))
            .cloned()
    };
    let fix = |kind: &str, name: &mut String| {
        if let Some(written) = get(kind, name) {
            *name = written;
        }
    };
    for p in &mut file.places {
        fix("place", &mut p.name);
        p.parent.iter_mut().for_each(|n| fix("place", n));
    }
    for i in &mut file.industries {
        fix("industry", &mut i.name);
        i.parent.iter_mut().for_each(|n| fix("industry", n));
    }
    file.companies
        .iter_mut()
        .for_each(|c| fix("company", &mut c.name));
    file.strategies
        .iter_mut()
        .for_each(|s| fix("strategy", &mut s.name));
    written::put_names_back(file, names_written, &get).map_err(|e| anyhow!(e))
}

/// Rows of one statement, each made by `make`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    make: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let found = stmt
        .query_map(params, make)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// The names a link table points at: their table and id column.
const PLACES: (&str, &str) = ("places", "place_id");
const INDUSTRIES: (&str, &str) = ("industries", "industry_id");
const STRATEGIES: (&str, &str) = ("strategies", "strategy_id");

/// The links of one row (`owner`: its column and id, and the source stating them when the
/// links of other sources are kept there too) in one link table, each with the name it links to.
fn links_in(
    conn: &Connection,
    table: &str,
    (names, id): (&str, &str),
    (owner, owner_id, source_id): (&str, i64, Option<i64>),
) -> Result<Vec<Link>> {
    let quote = link_quote();
    let sql = format!(
        "SELECT x.name, l.basis, {quote}, l.note FROM {table}_sliced l
           JOIN {names} x ON x.{id} = l.{id}
          WHERE l.{owner} = ?1 AND (?2 IS NULL OR l.source_id = ?2) ORDER BY l.rowid"
    );
    rows(conn, &sql, params![owner_id, source_id], link)
}

/// A stated-or-inferred link to a named row, with its quote and note.
fn link(r: &Row) -> rusqlite::Result<Link> {
    Ok(Link {
        name: r.get(0)?,
        basis: r.get(1)?,
        quote: r.get(2)?,
        note: r.get(3)?,
    })
}

fn places(conn: &Connection, source_id: i64) -> Result<Vec<PlaceEntry>> {
    let sql = format!(
        "SELECT x.place_id, x.name, x.kind, {PARENT_WRITTEN}, {DECLARED_QUOTE},
                CASE WHEN d.code_given THEN x.code END, d.quote_start IS NOT NULL
           FROM source_declarations d JOIN sources s ON s.source_id = d.source_id
           JOIN places x ON x.place_id = d.name_id
           LEFT JOIN places up ON up.place_id = x.parent_id
          WHERE d.source_id = ?1 AND d.kind = 'place' ORDER BY d.position"
    );
    let found = rows(conn, &sql, [source_id], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, bool>(6)?),
            PlaceEntry {
                name: r.get(1)?,
                kind: r.get(2)?,
                parent: r.get(3)?,
                quote: r.get(4)?,
                aliases: Vec::new(),
                code: r.get(5)?,
            },
        ))
    });
    found?
        .into_iter()
        .map(|(again, mut place)| {
            place.aliases = name_aliases(conn, "place_aliases", "place_id", again, source_id)?;
            Ok(place)
        })
        .collect()
}

/// The other names of a place or industry this source gave: its own rows, and for a name
/// catalogued before (`again`), those whose quotes its text holds (the other source's rows).
fn name_aliases(
    conn: &Connection,
    table: &str,
    id_column: &str,
    (id, again): (i64, bool),
    source_id: i64,
) -> Result<Vec<NameAlias>> {
    let sql = aliases_given(table, id_column, "a.alias, a.quote, a.basis, a.note");
    rows(conn, &sql, params![id, source_id, again], |r| {
        Ok(NameAlias {
            name: r.get(0)?,
            quote: r.get(1)?,
            basis: r.get(2)?,
            note: r.get(3)?,
        })
    })
}

/// The statement of `columns` of the aliases `a` in `table` of the name `?1` (`id_column`) that
/// source `?2` gave: its own rows, and for a name catalogued before (`?3`), the rows whose quotes
/// its text holds.
fn aliases_given(table: &str, id_column: &str, columns: &str) -> String {
    format!(
        "SELECT {columns} FROM {table} a JOIN sources s ON s.source_id = ?2
          WHERE a.{id_column} = ?1
            AND (a.source_id = ?2 OR (?3 AND instr(s.full_text, a.quote) > 0))
          ORDER BY a.rowid"
    )
}

fn industries(conn: &Connection, source_id: i64) -> Result<Vec<IndustryEntry>> {
    let sql = format!(
        "SELECT x.industry_id, x.name, {PARENT_WRITTEN}, {DECLARED_QUOTE},
                d.quote_start IS NOT NULL
           FROM source_declarations d JOIN sources s ON s.source_id = d.source_id
           JOIN industries x ON x.industry_id = d.name_id
           LEFT JOIN industries up ON up.industry_id = x.parent_id
                                  AND x.source_id = d.source_id
          WHERE d.source_id = ?1 AND d.kind = 'industry' ORDER BY d.position"
    );
    let found = rows(conn, &sql, [source_id], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, bool>(4)?),
            IndustryEntry {
                name: r.get(1)?,
                parent: r.get(2)?,
                quote: r.get(3)?,
                ..IndustryEntry::default()
            },
        ))
    });
    found?
        .into_iter()
        .map(|((id, again), mut industry)| {
            industry.aliases = name_aliases(
                conn,
                "industry_aliases",
                "industry_id",
                (id, again),
                source_id,
            )?;
            industry.distinct_from = rows(
                conn,
                "SELECT o.name FROM industry_distinctions x
                   JOIN industries o ON o.industry_id = x.other_id
                  WHERE x.industry_id = ?1 AND x.source_id = ?2 ORDER BY x.rowid",
                params![id, source_id],
                |r| r.get(0),
            )?;
            Ok(industry)
        })
        .collect()
}

/// A company's home city or country, or parent: when its row is this source's or, for a company
/// catalogued before, when this source's text holds its quote (the same declaration again).
fn home(r: &Row, at: usize) -> rusqlite::Result<Option<HomeCityEntry>> {
    Ok(match r.get::<_, Option<String>>(at)? {
        Some(name) => Some(HomeCityEntry {
            name,
            basis: r.get(at + 1)?,
            quote: r.get(at + 2)?,
        }),
        None => None,
    })
}

fn companies(conn: &Connection, source_id: i64) -> Result<Vec<CompanyEntry>> {
    let sql = format!(
        "SELECT x.company_id, x.name, x.name_kind, {DECLARED_QUOTE}, d.quote_start IS NOT NULL,
                CASE WHEN x.source_id = d.source_id OR instr(s.full_text, x.home_city_quote)
                     THEN x.home_city END, x.home_city_basis, x.home_city_quote,
                CASE WHEN x.source_id = d.source_id OR instr(s.full_text, x.home_country_quote)
                     THEN x.home_country END, x.home_country_basis, x.home_country_quote,
                CASE WHEN x.source_id = d.source_id OR instr(s.full_text, x.parent_quote)
                     THEN up.name END, x.parent_relation, x.parent_quote
           FROM source_declarations d JOIN sources s ON s.source_id = d.source_id
           JOIN companies x ON x.company_id = d.name_id
           LEFT JOIN companies up ON up.company_id = x.parent_company_id
          WHERE d.source_id = ?1 AND d.kind = 'company' ORDER BY d.position"
    );
    let found = rows(conn, &sql, [source_id], |r| {
        let parent = match r.get::<_, Option<String>>(11)? {
            Some(name) => Some(ParentEntry {
                name,
                relation: r.get(12)?,
                quote: r.get(13)?,
            }),
            _ => None,
        };
        let company = CompanyEntry {
            name: r.get(1)?,
            name_kind: r.get(2)?,
            quote: r.get(3)?,
            aliases: Vec::new(),
            home_city: home(r, 5)?,
            home_country: home(r, 8)?,
            parent,
        };
        Ok(((r.get::<_, i64>(0)?, r.get::<_, bool>(4)?), company))
    });
    found?
        .into_iter()
        .map(|((id, again), mut company)| {
            company.aliases = rows(
                conn,
                &aliases_given(
                    "company_aliases",
                    "company_id",
                    "a.alias, a.alias_kind, a.quote",
                ),
                params![id, source_id, again],
                |r| {
                    Ok(AliasEntry {
                        name: r.get(0)?,
                        name_kind: r.get(1)?,
                        quote: r.get(2)?,
                    })
                },
            )?;
            Ok(company)
        })
        .collect()
}

fn strategies(conn: &Connection, source_id: i64) -> Result<Vec<StrategyEntry>> {
    let sql = format!(
        "SELECT x.strategy_id, x.name, x.level, x.kind, p.name, x.description, {DECLARED_QUOTE}
           FROM source_declarations d JOIN sources s ON s.source_id = d.source_id
           JOIN strategies x ON x.strategy_id = d.name_id
           LEFT JOIN places p ON p.place_id = x.place_id
          WHERE d.source_id = ?1 AND d.kind = 'strategy' ORDER BY d.position"
    );
    let found = rows(conn, &sql, [source_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            StrategyEntry {
                name: r.get(1)?,
                level: r.get(2)?,
                kind: r.get(3)?,
                place: r.get(4)?,
                description: r.get(5)?,
                quote: r.get(6)?,
                ..StrategyEntry::default()
            },
        ))
    });
    let quote = link_quote();
    found?
        .into_iter()
        .map(|(id, mut st)| {
            let of_strategy = ("strategy_id", id, Some(source_id));
            st.places = links_in(conn, "place_strategies", PLACES, of_strategy)?;
            st.industries = links_in(conn, "industry_strategies", INDUSTRIES, of_strategy)?;
            st.layout = rows(
                conn,
                &format!(
                    "SELECT i.name, l.role, {quote} FROM layout_industries_sliced l
                       JOIN industries i ON i.industry_id = l.industry_id
                      WHERE l.strategy_id = ?1 AND l.source_id = ?2 ORDER BY l.rowid"
                ),
                params![id, source_id],
                |r| {
                    Ok(LayoutEntry {
                        industry: r.get(0)?,
                        role: r.get(1)?,
                        quote: r.get(2)?,
                    })
                },
            )?;
            Ok(st)
        })
        .collect()
}

/// A figure whose text `put_back` fills in, with its quote and alternatives.
fn figure(quote: String, alternatives: Vec<AlternativeEntry>) -> FigureEntry {
    FigureEntry {
        value: String::new(),
        quote,
        alternatives,
    }
}

/// The alternative figures and breakdown parts of one source, each table read once and grouped
/// by the row they belong to: (its id column, its id) and, for an alternative, the field.
#[derive(Default)]
struct Figures {
    alternatives: HashMap<(String, i64, String), Vec<AlternativeEntry>>,
    breakdowns: HashMap<(String, i64), Vec<(String, PartEntry)>>,
}

impl Figures {
    fn of_source(conn: &Connection, source_id: i64) -> Result<Figures> {
        let mut figures = Figures::default();
        let alternatives = rows(
            conn,
            "SELECT CASE WHEN event_id IS NOT NULL THEN 'event_id'
                         WHEN project_id IS NOT NULL THEN 'project_id' ELSE 'statistic_id' END,
                    coalesce(event_id, project_id, statistic_id), field, quote, note
               FROM alternative_figures WHERE source_id = ?1 ORDER BY alternative_id",
            [source_id],
            |r| {
                let owner = (r.get(0)?, r.get(1)?, r.get(2)?);
                let entry = AlternativeEntry {
                    value: String::new(),
                    quote: r.get(3)?,
                    note: r.get(4)?,
                };
                Ok((owner, entry))
            },
        )?;
        for (owner, entry) in alternatives {
            figures.alternatives.entry(owner).or_default().push(entry);
        }
        let parts = rows(
            conn,
            "SELECT CASE WHEN event_id IS NOT NULL THEN 'event_id' ELSE 'statistic_id' END,
                    coalesce(event_id, statistic_id), by, part, count IS NOT NULL,
                    amount_currency IS NOT NULL, quote
               FROM breakdown_parts WHERE source_id = ?1 ORDER BY part_id",
            [source_id],
            |r| {
                let blank = |present: bool| present.then(String::new);
                let part = PartEntry {
                    name: r.get(3)?,
                    count: blank(r.get(4)?),
                    amount: blank(r.get(5)?),
                    quote: r.get(6)?,
                };
                Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, part)))
            },
        )?;
        for (owner, part) in parts {
            figures.breakdowns.entry(owner).or_default().push(part);
        }
        Ok(figures)
    }

    /// The other figures given for an event's count or amount, a project's amount or a
    /// statistic.
    fn alternatives(&mut self, column: &str, id: i64, field: &str) -> Vec<AlternativeEntry> {
        self.alternatives
            .remove(&(column.to_string(), id, field.to_string()))
            .unwrap_or_default()
    }

    /// The parts of an event's headline or of a statistic, by what divides them, in the file's
    /// order.
    fn breakdowns(&mut self, column: &str, id: i64) -> Vec<BreakdownEntry> {
        let parts = self
            .breakdowns
            .remove(&(column.to_string(), id))
            .unwrap_or_default();
        let mut out: Vec<BreakdownEntry> = Vec::new();
        for (by, part) in parts {
            match out.iter_mut().find(|b| b.by == by) {
                Some(b) => b.parts.push(part),
                None => out.push(BreakdownEntry {
                    by,
                    parts: vec![part],
                }),
            }
        }
        out
    }
}

/// An event's row: what the entry says of itself, and its id.
struct EventRow {
    id: i64,
    entry: EventEntry,
    count_quote: Option<String>,
    amount_quote: Option<String>,
}

fn events(
    conn: &Connection,
    source_id: i64,
    published: &str,
    figures: &mut Figures,
) -> Result<Vec<EventEntry>> {
    let found = rows(
        conn,
        "SELECT e.event_id, e.name, p.name, e.stage, e.kind, e.held_on, e.period_start,
                e.period_label, e.quote, e.project_count_quote, e.signed_amount_quote
           FROM events e JOIN places p ON p.place_id = e.place_id
          WHERE e.source_id = ?1 ORDER BY e.event_id",
        [source_id],
        |r| {
            let stage: String = r.get(3)?;
            let mut entry = EventEntry {
                name: r.get(1)?,
                place: r.get(2)?,
                stage: (stage != crate::source::lifecycle::SIGNING).then_some(stage),
                quote: r.get(8)?,
                ..EventEntry::default()
            };
            let kind: String = r.get(4)?;
            let held_on: String = r.get(5)?;
            if kind == "period_report" {
                when_written(&mut entry, r.get(6)?, held_on, r.get(7)?, published);
            } else {
                entry.date = Some(held_on);
            }
            Ok(EventRow {
                id: r.get(0)?,
                entry,
                count_quote: r.get(9)?,
                amount_quote: r.get(10)?,
            })
        },
    )?;
    found
        .into_iter()
        .map(|row| event_parts(conn, source_id, row, figures))
        .collect()
}

/// A period report's days: its named period alone when that gives them, else `from` and `to`
/// (with the name, if any, as a label).
fn when_written(
    entry: &mut EventEntry,
    from: Option<String>,
    to: String,
    label: Option<String>,
    published: &str,
) {
    let year = published.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let named = label
        .as_deref()
        .and_then(|l| period::parse_period(l, year).ok());
    if named.is_none() || named != from.clone().map(|f| (f, to.clone())) {
        entry.from = from;
        entry.to = Some(to);
    }
    entry.period = label;
}

/// What hangs from an event: its figures, bands, statistics, breakdowns, links and projects.
fn event_parts(
    conn: &Connection,
    source_id: i64,
    row: EventRow,
    figures: &mut Figures,
) -> Result<EventEntry> {
    let EventRow {
        id,
        mut entry,
        count_quote,
        amount_quote,
    } = row;
    if let Some(q) = count_quote {
        entry.project_count = Some(figure(
            q,
            figures.alternatives("event_id", id, "project_count"),
        ));
    }
    if let Some(q) = amount_quote {
        entry.signed_amount = Some(figure(
            q,
            figures.alternatives("event_id", id, "signed_amount"),
        ));
    }
    (entry.bands, entry.statistics) = event_statistics(conn, id, figures)?;
    entry.breakdowns = figures.breakdowns("event_id", id);
    entry.industries = links_in(conn, "event_industries", INDUSTRIES, ("event_id", id, None))?;
    entry.strategies = links_in(conn, "event_strategies", STRATEGIES, ("event_id", id, None))?;
    let quote = link_quote();
    entry.companies = rows(
        conn,
        &format!(
            "SELECT c.name, l.role, l.basis, {quote}, l.note FROM event_companies_sliced l
               JOIN companies c ON c.company_id = l.company_id
              WHERE l.event_id = ?1 ORDER BY l.rowid"
        ),
        [id],
        company_link,
    )?;
    entry.projects = projects(conn, (source_id, id), figures)?;
    Ok(entry)
}

fn company_link(r: &Row) -> rusqlite::Result<CompanyLink> {
    Ok(CompanyLink {
        name: r.get(0)?,
        role: r.get(1)?,
        basis: r.get(2)?,
        quote: r.get(3)?,
        note: r.get(4)?,
    })
}

/// An event's statistics: its band counts (10億以上7個), and the others each with its
/// alternatives.
fn event_statistics(
    conn: &Connection,
    event_id: i64,
    figures: &mut Figures,
) -> Result<(Vec<BandEntry>, Vec<EventStatisticEntry>)> {
    let found = rows(
        conn,
        "SELECT statistic_id, metric = 'projects_in_band'
                AND (band_min_yuan IS NOT NULL OR band_max_yuan IS NOT NULL),
                metric, label, is_forecast, quote
           FROM statistics WHERE event_id = ?1 ORDER BY statistic_id",
        [event_id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, bool>(1)?,
                EventStatisticEntry {
                    metric: r.get(2)?,
                    label: r.get(3)?,
                    forecast: r.get(4)?,
                    quote: r.get(5)?,
                    ..EventStatisticEntry::default()
                },
            ))
        },
    )?;
    let mut bands = Vec::new();
    let mut statistics = Vec::new();
    for (id, band, mut st) in found {
        if band {
            bands.push(BandEntry {
                band: String::new(),
                count: String::new(),
                quote: st.quote,
            });
        } else {
            st.alternatives = figures.alternatives("statistic_id", id, "value");
            statistics.push(st);
        }
    }
    Ok((bands, statistics))
}

/// An event's projects: those it reports first, then those it reports again (`same_as`).
fn projects(
    conn: &Connection,
    (source_id, event_id): (i64, i64),
    figures: &mut Figures,
) -> Result<Vec<ProjectEntry>> {
    let first = rows(
        conn,
        "SELECT p.project_id, p.name, p.quote, p.project_key, p.amount_currency IS NOT NULL,
                coalesce(p.amount_quote, p.quote), pl.name, p.place_basis, p.place_quote,
                p.place_note
           FROM projects p LEFT JOIN places pl ON pl.place_id = p.place_id
          WHERE p.event_id = ?1 ORDER BY p.project_id",
        [event_id],
        |r| {
            let amount: bool = r.get(4)?;
            let place = match r.get::<_, Option<String>>(6)? {
                Some(name) => Some(Link {
                    name,
                    basis: r.get(7)?,
                    quote: r.get(8)?,
                    note: r.get(9)?,
                }),
                None => None,
            };
            Ok((
                r.get::<_, i64>(0)?,
                ProjectEntry {
                    name: r.get(1)?,
                    quote: r.get(2)?,
                    key: r.get(3)?,
                    amount: if amount {
                        Some(figure(r.get(5)?, Vec::new()))
                    } else {
                        None
                    },
                    place,
                    ..ProjectEntry::default()
                },
            ))
        },
    )?;
    let again = rows(
        conn,
        "SELECT m.project_id, m.name, m.quote, m.amount_quote, m.named_by = 'key', p.project_key,
                CASE m.named_by WHEN 'url' THEN s.url ELSE s.title END, p.name, m.position
           FROM project_mentions m JOIN projects p ON p.project_id = m.project_id
           JOIN sources s ON s.source_id = p.source_id
          WHERE m.event_id = ?1 AND m.source_id = ?2 ORDER BY m.position",
        params![event_id, source_id],
        mention,
    )?;
    // The projects reported again at their places in the file, the others in order around them.
    let mut first = first.into_iter();
    let mut again = again.into_iter().peekable();
    let mut ordered = Vec::new();
    loop {
        let next = match again.peek() {
            Some((at, _)) if *at <= ordered.len() => again.next().map(|(_, p)| p),
            _ => first.next().or_else(|| again.next().map(|(_, p)| p)),
        };
        let Some(next) = next else { break };
        ordered.push(next);
    }
    let ids: Vec<i64> = ordered.iter().map(|(id, _)| *id).collect();
    let mut links = project_links(conn, source_id, &serde_json::to_string(&ids)?)?;
    let mut out = Vec::new();
    for (id, mut p) in ordered {
        if p.same_as.is_none()
            && let Some(amount) = &mut p.amount
        {
            amount.alternatives = figures.alternatives("project_id", id, "amount");
        }
        p.companies = links.companies.remove(&id).unwrap_or_default();
        p.industries = links.industries.remove(&id).unwrap_or_default();
        p.strategies = links.strategies.remove(&id).unwrap_or_default();
        p.facts = links.facts.remove(&id).unwrap_or_default();
        out.push(p);
    }
    Ok(out)
}

/// A project reported again: the name, quote and amount this source gives it, and how it
/// names the project it is.
fn mention(r: &Row) -> rusqlite::Result<(usize, (i64, ProjectEntry))> {
    let same_as = named_as(r, 4)?;
    let position: i64 = r.get(8)?;
    Ok((
        usize::try_from(position).unwrap_or(0),
        (
            r.get(0)?,
            ProjectEntry {
                name: r.get(1)?,
                quote: r.get(2)?,
                same_as: Some(same_as),
                amount: r
                    .get::<_, Option<String>>(3)?
                    .map(|q| figure(q, Vec::new())),
                ..ProjectEntry::default()
            },
        ),
    ))
}

/// How a file named a project of another source (a `same_as`, a milestone's project): by its key
/// when it did so and the project has one, else by a source's URL or title and its name there.
/// Four columns from `at`: named by key, the key, the URL or title, the name.
fn named_as(r: &Row, at: usize) -> rusqlite::Result<SameAsEntry> {
    let by_key: bool = r.get(at)?;
    Ok(match r.get::<_, Option<String>>(at + 1)? {
        Some(key) if by_key => SameAsEntry {
            key: Some(key),
            ..SameAsEntry::default()
        },
        _ => SameAsEntry {
            source: r.get(at + 2)?,
            name: r.get(at + 3)?,
            key: None,
        },
    })
}

/// What this source gives each of an event's projects (companies, industries, strategies,
/// facts), each table read once for all of them (`ids`: a JSON array of the project ids) and
/// grouped by project in the order of the file.
#[derive(Default)]
struct ProjectLinks {
    companies: HashMap<i64, Vec<CompanyLink>>,
    industries: HashMap<i64, Vec<Link>>,
    strategies: HashMap<i64, Vec<Link>>,
    facts: HashMap<i64, Vec<FactEntry>>,
}

/// Rows of one statement whose last column is a project's id, grouped by it.
fn by_project<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut make: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for (project_id, row) in rows(conn, sql, params, |r| {
        let last = r.as_ref().column_count() - 1;
        Ok((r.get::<_, i64>(last)?, make(r)?))
    })? {
        grouped.entry(project_id).or_default().push(row);
    }
    Ok(grouped)
}

fn project_links(conn: &Connection, source_id: i64, ids: &str) -> Result<ProjectLinks> {
    let these = params![ids, source_id];
    let quote = link_quote();
    // In the file's order: the order rows were written in (a fact's rowid is its id).
    let of_these = "l.project_id IN (SELECT value FROM json_each(?1)) AND l.source_id = ?2
                    ORDER BY l.project_id, l.rowid";
    let named = |table: &str, (names, id): (&str, &str)| {
        format!(
            "SELECT x.name, l.basis, {quote}, l.note, l.project_id FROM {table}_sliced l
               JOIN {names} x ON x.{id} = l.{id} WHERE {of_these}"
        )
    };
    Ok(ProjectLinks {
        companies: by_project(
            conn,
            &format!(
                "SELECT c.name, l.role, l.basis, coalesce({quote}, p.quote), l.note,
                        l.project_id
                   FROM project_companies_sliced l JOIN companies c ON c.company_id = l.company_id
                   JOIN projects p ON p.project_id = l.project_id WHERE {of_these}"
            ),
            these,
            company_link,
        )?,
        industries: by_project(conn, &named("project_industries", INDUSTRIES), these, link)?,
        strategies: by_project(conn, &named("project_strategies", STRATEGIES), these, link)?,
        facts: by_project(
            conn,
            &format!(
                "SELECT kind, label, qualifier IS NOT NULL, statement, is_forecast, {quote},
                        l.project_id
                   FROM project_facts_sliced l WHERE {of_these}"
            ),
            these,
            |r| {
                Ok(FactEntry {
                    kind: r.get(0)?,
                    label: r.get(1)?,
                    value: r.get::<_, bool>(2)?.then(String::new),
                    statement: r.get(3)?,
                    forecast: r.get(4)?,
                    quote: r.get(5)?,
                })
            },
        )?,
    })
}

/// The source's figures of periods, place facts and targets.
fn statistics(
    conn: &Connection,
    source_id: i64,
    figures: &mut Figures,
) -> Result<Vec<StatisticEntry>> {
    let found = rows(
        conn,
        "SELECT s.statistic_id, s.kind, p.name, s.metric, s.label,
                s.band_min_yuan IS NOT NULL OR s.band_max_yuan IS NOT NULL, s.is_forecast,
                s.period_start, s.period_end, s.quote
           FROM statistics s JOIN places p ON p.place_id = s.place_id
          WHERE s.source_id = ?1 AND s.event_id IS NULL ORDER BY s.statistic_id",
        [source_id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                StatisticEntry {
                    kind: r.get(1)?,
                    place: r.get(2)?,
                    metric: r.get(3)?,
                    label: r.get(4)?,
                    band: r.get::<_, bool>(5)?.then(String::new),
                    forecast: r.get(6)?,
                    from: r.get(7)?,
                    to: r.get(8)?,
                    quote: r.get(9)?,
                    ..StatisticEntry::default()
                },
            ))
        },
    )?;
    found
        .into_iter()
        .map(|(id, mut st)| {
            st.alternatives = figures.alternatives("statistic_id", id, "value");
            st.breakdowns = figures.breakdowns("statistic_id", id);
            Ok(st)
        })
        .collect()
}

/// The source's milestones, each naming its project as the file did (by key, or by the
/// project's first source and its name there).
fn milestones(conn: &Connection, source_id: i64) -> Result<Vec<MilestoneEntry>> {
    rows(
        conn,
        "SELECT m.named_by = 'key', p.project_key,
                CASE m.named_by WHEN 'url' THEN s.url ELSE s.title END, coalesce(n.name, p.name),
                m.stage, m.reached_on, m.period_label, m.amount_quote, m.quote
           FROM milestones m JOIN projects p ON p.project_id = m.project_id
           JOIN sources s ON s.source_id = coalesce(m.named_in_source_id, p.source_id)
           LEFT JOIN project_mentions n ON n.project_id = m.project_id
                                       AND n.source_id = m.named_in_source_id
          WHERE m.source_id = ?1 ORDER BY m.milestone_id",
        [source_id],
        |r| {
            let period: Option<String> = r.get(6)?;
            Ok(MilestoneEntry {
                project: named_as(r, 0)?,
                stage: r.get(4)?,
                date: if period.is_none() { r.get(5)? } else { None },
                period,
                amount: r.get::<_, Option<String>>(7)?.map(|quote| MilestoneAmount {
                    value: String::new(),
                    quote,
                }),
                quote: r.get(8)?,
            })
        },
    )
}

impl super::Store {
    /// Every source's id and publication date, in id order; the connection is then ready to
    /// rebuild them (`super::stable_plans`).
    pub fn sources_in_order(&self) -> Result<Vec<(i64, String)>> {
        super::stable_plans(&self.conn)?;
        rows(
            &self.conn,
            "SELECT source_id, published_on FROM sources ORDER BY source_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// A source's file rebuilt from the tables, its text inline: what `export` writes.
    pub fn source_file(&self, source_id: i64) -> Result<SourceFile> {
        let (mut file, text) = rebuild_with_text(&self.conn, source_id)?;
        file.source.text = Some(text);
        Ok(file)
    }
}
