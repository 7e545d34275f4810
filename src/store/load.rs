//! Writing one source file into the catalogue: validated first, then written in one IMMEDIATE
//! transaction, all of it or nothing. Names resolve to existing rows where they exist; new names
//! create rows. Loading the same facts again changes nothing.

use std::collections::HashMap;

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::Store;
use crate::figure::{self, Figure, Qualifier, Quantity};
use crate::model::{FigureEntry, Link, ProjectEntry};
use crate::source::SourceDocument;
use crate::validate::{self, InvalidFile, Problem, RefKind};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadSummary {
    pub events: usize,
    pub projects: usize,
    pub companies_added: usize,
    pub places_added: usize,
    pub industries_added: usize,
    pub strategies_added: usize,
    pub statistics: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadOutcome {
    Added(LoadSummary),
    /// The same facts were already catalogued.
    Unchanged,
}

/// Columns of a figure: (yuan, foreign amount, currency) for money or (value, unit) otherwise.
struct FigureColumns {
    yuan: Option<i64>,
    foreign: Option<i64>,
    currency: Option<&'static str>,
    value: Option<f64>,
    unit: Option<String>,
    qualifier: Qualifier,
}

fn columns(fig: &Figure) -> FigureColumns {
    let mut c = FigureColumns {
        yuan: None,
        foreign: None,
        currency: None,
        value: None,
        unit: None,
        qualifier: fig.qualifier,
    };
    match &fig.quantity {
        Quantity::Money {
            currency: "CNY",
            amount,
        } => {
            c.yuan = Some(*amount);
            c.currency = Some("CNY");
        }
        Quantity::Money { currency, amount } => {
            c.foreign = Some(*amount);
            c.currency = Some(currency);
        }
        Quantity::Measure { value, unit } => {
            c.value = Some(*value);
            c.unit = Some(unit.clone());
        }
    }
    c
}

/// Validation has accepted every figure, so a parse failure here is a bug, not bad input; it is
/// still reported as an error rather than a panic.
fn parse(path: &str, value: &str) -> Result<Figure> {
    figure::parse_figure(value).map_err(|e| anyhow!("{path}: {e}"))
}

fn whole(path: &str, value: &str) -> Result<(i64, Qualifier)> {
    let fig = parse(path, value)?;
    match fig.quantity {
        #[allow(clippy::cast_possible_truncation)] // validated as a whole number
        Quantity::Measure { value, .. } => Ok((value as i64, fig.qualifier)),
        Quantity::Money { .. } => bail!("{path}: `{value}` is not a count"),
    }
}

/// Ids of the names this file declares or refers to, per kind.
#[derive(Default)]
struct Names {
    ids: HashMap<(RefKind, String), i64>,
}

impl Names {
    fn get(&self, kind: RefKind, name: &str) -> Result<i64> {
        self.ids
            .get(&(kind, name.to_string()))
            .copied()
            .ok_or_else(|| anyhow!("{} `{name}` was not resolved", kind.noun()))
    }
}

fn lookup(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<i64>> {
    let sql = match kind {
        RefKind::Place => "SELECT place_id FROM places WHERE name = ?1",
        RefKind::Industry => "SELECT industry_id FROM industries WHERE name = ?1",
        RefKind::Company => {
            "SELECT company_id FROM companies WHERE name = ?1
             UNION SELECT company_id FROM company_aliases WHERE alias = ?1"
        }
        RefKind::Strategy => "SELECT strategy_id FROM strategies WHERE name = ?1",
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let ids = stmt
        .query_map([name], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

impl Store {
    /// Validates and loads one source document.
    pub fn load_source(&mut self, doc: &SourceDocument) -> Result<LoadOutcome> {
        let report = validate::validate(&doc.file, &doc.text);
        let mut problems = report.problems;
        let record_sha256 = doc.record_sha256()?;

        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)
            .context("cannot start writing (is another program writing the database?)")?;

        let meta = &doc.file.source;
        let existing: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT source_id, record_sha256, file_name FROM sources
                  WHERE url = ?1 OR (title = ?2 AND published_on = ?3)",
                params![meta.url, meta.title, meta.published],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        if let Some((_, sha, loaded_from)) = existing {
            if sha == record_sha256 {
                return Ok(LoadOutcome::Unchanged);
            }
            bail!(
                "{}: this source (`{}`, {}) is already catalogued from {loaded_from} with \
                 different facts; nothing was written",
                doc.file_name,
                meta.title,
                meta.published
            );
        }

        // Names the file does not declare must already be in the catalogue, once.
        let mut names = Names::default();
        for r in &report.external_refs {
            if names.ids.contains_key(&(r.kind, r.name.clone())) {
                continue;
            }
            match lookup(&tx, r.kind, &r.name)?.as_slice() {
                [id] => {
                    names.ids.insert((r.kind, r.name.clone()), *id);
                }
                [] => problems.push(Problem {
                    path: r.path.clone(),
                    message: format!(
                        "unknown {} `{}`; declare it under [[{}]] in this file",
                        r.kind.noun(),
                        r.name,
                        r.kind.section()
                    ),
                }),
                many => problems.push(Problem {
                    path: r.path.clone(),
                    message: format!(
                        "{} `{}` is ambiguous: {} rows in the catalogue have that name (ids {:?})",
                        r.kind.noun(),
                        r.name,
                        many.len(),
                        many
                    ),
                }),
            }
        }
        if !problems.is_empty() {
            return Err(InvalidFile {
                file: doc.file_name.clone(),
                problems,
            }
            .into());
        }

        let summary = write(&tx, doc, &record_sha256, &mut names).with_context(|| {
            format!("{}: cannot write to {}", doc.file_name, self.path.display())
        })?;
        tx.commit()?;
        Ok(LoadOutcome::Added(summary))
    }
}

fn write(
    tx: &Transaction,
    doc: &SourceDocument,
    record_sha256: &str,
    names: &mut Names,
) -> Result<LoadSummary> {
    let f = &doc.file;
    let m = &f.source;
    let mut summary = LoadSummary::default();
    tx.execute(
        "INSERT INTO sources (title, publisher, url, published_on, author, script, full_text,
                              text_sha256, record_sha256, file_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            m.title,
            m.publisher,
            m.url,
            m.published,
            m.author,
            m.script,
            doc.text,
            doc.text_sha256(),
            record_sha256,
            doc.file_name
        ],
    )?;
    let source_id = tx.last_insert_rowid();

    // An entity the file declares that the catalogue already has is reused as it is.
    let existing = |kind: RefKind, name: &str| -> Result<Option<i64>> {
        Ok(lookup(tx, kind, name)?.first().copied())
    };

    for p in &f.places {
        let id = if let Some(id) = existing(RefKind::Place, &p.name)? {
            id
        } else {
            let parent = p
                .parent
                .as_deref()
                .map(|n| names.get(RefKind::Place, n))
                .transpose()?;
            let quoted_source = p.quote.as_ref().map(|_| source_id);
            tx.prepare_cached(
                "INSERT INTO places (name, kind, parent_id, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![p.name, p.kind, parent, quoted_source, p.quote])?;
            summary.places_added += 1;
            tx.last_insert_rowid()
        };
        names.ids.insert((RefKind::Place, p.name.clone()), id);
    }

    let mut new_industries = Vec::new();
    for ind in &f.industries {
        let id = if let Some(id) = existing(RefKind::Industry, &ind.name)? {
            id
        } else {
            tx.prepare_cached(
                "INSERT INTO industries (name, source_id, quote) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![ind.name, source_id, ind.quote])?;
            summary.industries_added += 1;
            new_industries.push(ind);
            tx.last_insert_rowid()
        };
        names.ids.insert((RefKind::Industry, ind.name.clone()), id);
    }
    for ind in new_industries {
        if let Some(parent) = &ind.parent {
            tx.execute(
                "UPDATE industries SET parent_id = ?1 WHERE industry_id = ?2",
                params![
                    names.get(RefKind::Industry, parent)?,
                    names.get(RefKind::Industry, &ind.name)?
                ],
            )?;
        }
    }

    let mut new_companies = Vec::new();
    for co in &f.companies {
        let id = if let Some(id) = existing(RefKind::Company, &co.name)? {
            id
        } else {
            let (city, basis, quote) = match &co.home_city {
                Some(h) => (Some(&h.name), Some(&h.basis), Some(&h.quote)),
                None => (None, None, None),
            };
            tx.prepare_cached(
                "INSERT INTO companies (name, name_kind, home_city, home_city_basis,
                                        home_city_quote, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                co.name,
                co.name_kind,
                city,
                basis,
                quote,
                source_id,
                co.quote
            ])?;
            summary.companies_added += 1;
            new_companies.push(co);
            tx.last_insert_rowid()
        };
        names.ids.insert((RefKind::Company, co.name.clone()), id);
        for a in &co.aliases {
            let owner: Option<i64> = tx
                .query_row(
                    "SELECT company_id FROM company_aliases WHERE alias = ?1",
                    [&a.name],
                    |row| row.get(0),
                )
                .optional()?;
            match owner {
                Some(owner) if owner == id => {}
                Some(_) => bail!(
                    "alias `{}` of `{}` already names another company",
                    a.name,
                    co.name
                ),
                None => {
                    tx.prepare_cached(
                        "INSERT INTO company_aliases (alias, company_id, alias_kind, source_id, quote)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![a.name, id, a.name_kind, source_id, a.quote])?;
                }
            }
        }
    }
    for co in new_companies {
        if let Some(parent) = &co.parent {
            tx.execute(
                "UPDATE companies SET parent_company_id = ?1, parent_relation = ?2, parent_quote = ?3
                  WHERE company_id = ?4",
                params![
                    names.get(RefKind::Company, &parent.name)?,
                    parent.relation,
                    parent.quote,
                    names.get(RefKind::Company, &co.name)?
                ],
            )?;
        }
    }

    for st in &f.strategies {
        let id = if let Some(id) = existing(RefKind::Strategy, &st.name)? {
            id
        } else {
            let place = st
                .place
                .as_deref()
                .map(|n| names.get(RefKind::Place, n))
                .transpose()?;
            tx.prepare_cached(
                "INSERT INTO strategies (name, level, kind, place_id, description, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                st.name,
                st.level,
                st.kind,
                place,
                st.description,
                source_id,
                st.quote
            ])?;
            summary.strategies_added += 1;
            tx.last_insert_rowid()
        };
        names.ids.insert((RefKind::Strategy, st.name.clone()), id);
        for l in &st.places {
            link(
                tx,
                "place_strategies",
                "place_id",
                names.get(RefKind::Place, &l.name)?,
                id,
                l,
                source_id,
            )?;
        }
        for l in &st.industries {
            link(
                tx,
                "industry_strategies",
                "industry_id",
                names.get(RefKind::Industry, &l.name)?,
                id,
                l,
                source_id,
            )?;
        }
        for l in &st.layout {
            tx.prepare_cached(
                "INSERT INTO layout_industries (strategy_id, industry_id, role, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                names.get(RefKind::Industry, &l.industry)?,
                l.role,
                source_id,
                l.quote
            ])?;
        }
    }

    for (i, ev) in f.events.iter().enumerate() {
        let path = format!("events[{i}]");
        let place_id = names.get(RefKind::Place, &ev.place)?;
        let (count, count_q, count_quote) = match &ev.project_count {
            Some(pc) => {
                let (n, q) = whole(&format!("{path}.project_count.value"), &pc.value)?;
                (Some(n), Some(q.as_str()), Some(&pc.quote))
            }
            None => (None, None, None),
        };
        let amount = money(&format!("{path}.signed_amount"), ev.signed_amount.as_ref())?;
        tx.prepare_cached(
            "INSERT INTO events (source_id, place_id, held_on, name, quote,
                                 project_count, project_count_qualifier, project_count_quote,
                                 signed_amount_yuan, signed_amount_foreign, signed_amount_currency,
                                 signed_amount_qualifier, signed_amount_quote)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            source_id,
            place_id,
            ev.date,
            ev.name,
            ev.quote,
            count,
            count_q,
            count_quote,
            amount.yuan,
            amount.foreign,
            amount.currency,
            amount.qualifier,
            amount.quote
        ])?;
        let event_id = tx.last_insert_rowid();
        summary.events += 1;

        for (j, b) in ev.bands.iter().enumerate() {
            let bpath = format!("{path}.bands[{j}]");
            let band = figure::parse_band(&b.band).map_err(|e| anyhow!("{bpath}.band: {e}"))?;
            let (n, q) = whole(&format!("{bpath}.count"), &b.count)?;
            let unit = match parse(&bpath, &b.count)?.quantity {
                Quantity::Measure { unit, .. } => unit,
                Quantity::Money { .. } => bail!("{bpath}.count: not a count"),
            };
            insert_statistic(
                tx,
                &StatisticRow {
                    source_id,
                    kind: "event_statistic",
                    place_id,
                    event_id: Some(event_id),
                    metric: "projects_in_band",
                    label: None,
                    figure: &Figure {
                        qualifier: q,
                        #[allow(clippy::cast_precision_loss)]
                        quantity: Quantity::Measure {
                            value: n as f64,
                            unit,
                        },
                    },
                    forecast: false,
                    from: Some(&ev.date),
                    to: Some(&ev.date),
                    band: Some(band),
                    quote: &b.quote,
                },
            )?;
            summary.statistics += 1;
        }
        for l in &ev.industries {
            tx.prepare_cached(
                "INSERT INTO event_industries (event_id, industry_id, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                event_id,
                names.get(RefKind::Industry, &l.name)?,
                source_id,
                l.quote
            ])?;
        }
        for l in &ev.strategies {
            link(
                tx,
                "event_strategies",
                "event_id",
                event_id,
                names.get(RefKind::Strategy, &l.name)?,
                l,
                source_id,
            )?;
        }
        for (j, p) in ev.projects.iter().enumerate() {
            write_project(
                tx,
                &format!("{path}.projects[{j}]"),
                p,
                event_id,
                source_id,
                names,
            )?;
            summary.projects += 1;
        }
    }

    for (i, st) in f.statistics.iter().enumerate() {
        let path = format!("statistics[{i}]");
        let band = st
            .band
            .as_deref()
            .map(|b| figure::parse_band(b).map_err(|e| anyhow!("{path}.band: {e}")))
            .transpose()?;
        insert_statistic(
            tx,
            &StatisticRow {
                source_id,
                kind: &st.kind,
                place_id: names.get(RefKind::Place, &st.place)?,
                event_id: None,
                metric: &st.metric,
                label: st.label.as_deref(),
                figure: &parse(&format!("{path}.value"), &st.value)?,
                forecast: st.forecast,
                from: st.from.as_deref(),
                to: st.to.as_deref(),
                band,
                quote: &st.quote,
            },
        )?;
        summary.statistics += 1;
    }
    Ok(summary)
}

struct Money<'a> {
    yuan: Option<i64>,
    foreign: Option<i64>,
    currency: Option<&'static str>,
    qualifier: Option<&'static str>,
    quote: Option<&'a str>,
}

fn money<'a>(path: &str, entry: Option<&'a FigureEntry>) -> Result<Money<'a>> {
    let Some(entry) = entry else {
        return Ok(Money {
            yuan: None,
            foreign: None,
            currency: None,
            qualifier: None,
            quote: None,
        });
    };
    let c = columns(&parse(&format!("{path}.value"), &entry.value)?);
    if c.currency.is_none() {
        bail!("{path}.value: `{}` is not money", entry.value);
    }
    Ok(Money {
        yuan: c.yuan,
        foreign: c.foreign,
        currency: c.currency,
        qualifier: Some(c.qualifier.as_str()),
        quote: Some(&entry.quote),
    })
}

/// Inserts a row into one of the `<thing>_strategies` link tables.
fn link(
    tx: &Transaction,
    table: &str,
    id_column: &str,
    id: i64,
    strategy_id: i64,
    l: &Link,
    source_id: i64,
) -> Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({id_column}, strategy_id, basis, source_id, quote)
         VALUES (?1, ?2, ?3, ?4, ?5)"
    ))?
    .execute(params![id, strategy_id, l.basis, source_id, l.quote])?;
    Ok(())
}

fn write_project(
    tx: &Transaction,
    path: &str,
    p: &ProjectEntry,
    event_id: i64,
    source_id: i64,
    names: &Names,
) -> Result<()> {
    let amount = money(&format!("{path}.amount"), p.amount.as_ref())?;
    let (place_id, place_basis, place_quote) = match &p.place {
        Some(l) => (
            Some(names.get(RefKind::Place, &l.name)?),
            Some(l.basis.as_str()),
            Some(l.quote.as_str()),
        ),
        None => (None, None, None),
    };
    tx.prepare_cached(
        "INSERT INTO projects (event_id, source_id, name, quote, amount_yuan, amount_foreign,
                               amount_currency, amount_qualifier, amount_quote,
                               place_id, place_basis, place_quote)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event_id,
        source_id,
        p.name,
        p.quote,
        amount.yuan,
        amount.foreign,
        amount.currency,
        amount.qualifier,
        amount.quote,
        place_id,
        place_basis,
        place_quote
    ])?;
    let project_id = tx.last_insert_rowid();
    for c in &p.companies {
        tx.prepare_cached(
            "INSERT INTO project_companies (project_id, company_id, role, basis, source_id, quote, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            project_id,
            names.get(RefKind::Company, &c.name)?,
            c.role,
            c.basis,
            source_id,
            c.quote,
            c.note
        ])?;
    }
    for l in &p.industries {
        tx.prepare_cached(
            "INSERT INTO project_industries (project_id, industry_id, basis, source_id, quote, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            project_id,
            names.get(RefKind::Industry, &l.name)?,
            l.basis,
            source_id,
            l.quote,
            l.note
        ])?;
    }
    for l in &p.strategies {
        link(
            tx,
            "project_strategies",
            "project_id",
            project_id,
            names.get(RefKind::Strategy, &l.name)?,
            l,
            source_id,
        )?;
    }
    for (k, fact) in p.facts.iter().enumerate() {
        let c = match &fact.value {
            Some(v) => Some(columns(&parse(&format!("{path}.facts[{k}].value"), v)?)),
            None => None,
        };
        let c = c.as_ref();
        tx.prepare_cached(
            "INSERT INTO project_facts (project_id, source_id, kind, label, value, unit, value_yuan,
                                        value_foreign, currency, qualifier, is_forecast, statement, quote)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            project_id,
            source_id,
            fact.kind,
            fact.label,
            c.and_then(|c| c.value),
            c.and_then(|c| c.unit.clone()),
            c.and_then(|c| c.yuan),
            c.and_then(|c| c.foreign),
            c.and_then(|c| c.currency),
            c.map(|c| c.qualifier.as_str()),
            fact.forecast,
            fact.statement,
            fact.quote
        ])?;
    }
    Ok(())
}

struct StatisticRow<'a> {
    source_id: i64,
    kind: &'a str,
    place_id: i64,
    event_id: Option<i64>,
    metric: &'a str,
    label: Option<&'a str>,
    figure: &'a Figure,
    forecast: bool,
    from: Option<&'a str>,
    to: Option<&'a str>,
    band: Option<figure::Band>,
    quote: &'a str,
}

fn insert_statistic(tx: &Transaction, s: &StatisticRow) -> Result<()> {
    let c = columns(s.figure);
    tx.prepare_cached(
        "INSERT INTO statistics (source_id, kind, place_id, event_id, metric, label, value, unit,
                                 value_yuan, value_foreign, currency, qualifier, is_forecast,
                                 period_start, period_end, band_min_yuan, band_max_yuan,
                                 band_max_inclusive, quote)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        s.source_id,
        s.kind,
        s.place_id,
        s.event_id,
        s.metric,
        s.label,
        c.value,
        c.unit,
        c.yuan,
        c.foreign,
        c.currency,
        c.qualifier.as_str(),
        s.forecast,
        s.from,
        s.to,
        s.band.and_then(|b| b.min_yuan),
        s.band.and_then(|b| b.max_yuan),
        s.band.and_then(|b| b.max_yuan.map(|_| b.max_inclusive)),
        s.quote
    ])?;
    Ok(())
}
