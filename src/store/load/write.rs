//! Writing a validated source: one method per kind of record, called in order by
//! [`Writer::write`]. Names resolve to rows the catalogue already has, or create them.

use std::collections::{HashMap, HashSet};

use anyhow::{Result, anyhow, bail};
use rusqlite::{OptionalExtension, Transaction, params};

use super::LoadSummary;
use super::figures::{Money, money, parse, whole};
use super::names::{Names, catalogued_name, existing, existing_named, kind_of, label};
use super::parts::Subject;
use super::statistic::{StatisticRow, insert_statistic};
use crate::source::SourceDocument;
use crate::source::figure::{self, Figure, Quantity};
use crate::source::fold::fold;
use crate::source::model::{
    BandEntry, CompanyEntry, EventEntry, IndustryEntry, Link, NameAlias, PlaceEntry, SourceFile,
    StrategyEntry,
};
use crate::source::period::{self, When};
use crate::source::validate::RefKind;
use crate::store::sliced::{QuoteAt, quote_at};

pub(super) struct Writer<'a> {
    pub tx: &'a Transaction<'a>,
    pub source_id: i64,
    pub names: &'a mut Names,
    pub summary: LoadSummary,
    /// The source's publication date: a named period without a year is in its year.
    pub published: String,
    /// Ids to keep (a replace) and the name of the event being written.
    pub kept: &'a super::replace::KeptIds,
    pub event_name: String,
    /// The source's text, which a declaration of a name catalogued before quotes.
    pub text: &'a str,
    /// This source replaces a catalogued version of itself, whose names it may declare again.
    pub replacing: bool,
    /// The names this writer has added (their rows are this source's).
    pub created: HashSet<(RefKind, i64)>,
    /// The names of rows catalogued before that this source declares again, as catalogued (read
    /// with their ids, so that a declaration and `names_written` need not read them again).
    pub catalogued: HashMap<(RefKind, i64), String>,
}

/// The row identity of a source: its file, its record and the hashes that recognise it again.
pub(super) struct SourceRow<'a> {
    pub doc: &'a SourceDocument,
    pub record_sha256: &'a str,
    /// The file's figures as written (`written::figures_written`).
    pub figures_written: &'a str,
    /// The id of the source being replaced, which the new version keeps.
    pub replacing: Option<i64>,
    /// The replaced version's event and project ids by name, which the new version keeps.
    pub kept: super::replace::KeptIds,
    /// The division code of each of the file's places (None for towns, parks, unknown names).
    pub codes: Vec<super::codes::Code>,
}

impl<'a> Writer<'a> {
    /// Writes the source row and every record of the file; returns what was written and the
    /// source's id.
    pub fn write(
        tx: &'a Transaction<'a>,
        row: &SourceRow,
        names: &'a mut Names,
    ) -> Result<(LoadSummary, i64)> {
        let source_id = source(tx, row)?;
        let mut w = Writer {
            tx,
            source_id,
            names,
            summary: LoadSummary::default(),
            published: row.doc.file.source.published.clone(),
            kept: &row.kept,
            event_name: String::new(),
            text: &row.doc.text,
            replacing: row.replacing.is_some(),
            created: HashSet::new(),
            catalogued: HashMap::new(),
        };
        let f = &row.doc.file;
        w.places(&f.places, &row.codes)?;
        w.industries(&f.industries)?;
        w.companies(&f.companies)?;
        w.strategies(&f.strategies)?;
        for (i, ev) in f.events.iter().enumerate() {
            w.event(&format!("events[{i}]"), ev)?;
        }
        for (i, st) in f.statistics.iter().enumerate() {
            w.period_statistic(&format!("statistics[{i}]"), st)?;
        }
        w.milestones(&f.milestones)?;
        w.names_written(f)?;
        Ok((w.summary, source_id))
    }

    /// A quote of this source, as its row stores it (V15: a slice of the text).
    pub(super) fn at<'q>(&self, quote: &'q str) -> QuoteAt<'q> {
        quote_at(self.text, quote)
    }

    /// The names the file refers to otherwise than the tables give them back (by an alias, or
    /// in the other script), kept in `sources.names_written`; nothing is looked up for a file
    /// that refers only to names it declares, as it declares them.
    fn names_written(&self, file: &SourceFile) -> Result<()> {
        let mut declared: HashMap<(&str, i64), &str> = HashMap::new();
        let sections = [
            (
                "place",
                file.places
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "industry",
                file.industries.iter().map(|i| i.name.as_str()).collect(),
            ),
            (
                "company",
                file.companies.iter().map(|c| c.name.as_str()).collect(),
            ),
            (
                "strategy",
                file.strategies.iter().map(|s| s.name.as_str()).collect(),
            ),
        ];
        for (kind, names) in &sections {
            for name in names {
                let id = self.names.get(kind_of(kind), name)?;
                declared.entry((kind, id)).or_insert(name);
            }
        }
        let mut failed = None;
        let mut catalogued = |kind: &str, name: &str| {
            let id = self.names.get(kind_of(kind), name).ok()?;
            match self.catalogued_name(kind_of(kind), id) {
                Ok(c) => Some((c, declared.get(&(kind, id)).map(|d| (*d).to_string()))),
                Err(e) => {
                    failed = Some(e);
                    None
                }
            }
        };
        let written = crate::source::written::names_written(file, &mut catalogued);
        if let Some(e) = failed {
            return Err(e);
        }
        if written.is_some() {
            self.tx
                .prepare_cached("UPDATE sources SET names_written = ?1 WHERE source_id = ?2")?
                .execute(params![written, self.source_id])?;
        }
        Ok(())
    }

    /// An entity the file declares that the catalogue already has is reused; when it came from
    /// this very source (a replace), its quote is refreshed from the new version. A source
    /// imported for the first time has only the rows it has just added: no row of another
    /// source is written to (one statement less for each name catalogued before, 3% of an
    /// import).
    fn reuse(&mut self, kind: RefKind, name: &str, quote: Option<&str>) -> Result<Option<i64>> {
        let found = existing_named(self.tx, kind, name)?.map(|(id, catalogued)| {
            self.catalogued.insert((kind, id), catalogued);
            id
        });
        if let (Some(id), Some(q)) = (found, quote)
            && (self.replacing || self.created.contains(&(kind, id)))
        {
            let sql = match kind {
                RefKind::Place => {
                    "UPDATE places SET quote = ?1 WHERE place_id = ?2 AND source_id = ?3"
                }
                RefKind::Industry => {
                    "UPDATE industries SET quote = ?1 WHERE industry_id = ?2 AND source_id = ?3"
                }
                RefKind::Company => {
                    "UPDATE companies SET quote = ?1 WHERE company_id = ?2 AND source_id = ?3"
                }
                RefKind::Strategy => {
                    "UPDATE strategies SET quote = ?1 WHERE strategy_id = ?2 AND source_id = ?3"
                }
            };
            self.tx
                .prepare_cached(sql)?
                .execute(params![q, id, self.source_id])?;
        }
        Ok(found)
    }

    fn places(&mut self, places: &[PlaceEntry], codes: &[super::codes::Code]) -> Result<()> {
        // Each after its parent: a file may declare a parent after its child.
        for i in super::codes::place_order(places) {
            let (p, code) = (&places[i], &codes[i]);
            let (code, code_year) = match code {
                Some((c, y)) => (Some(c.to_string()), Some(*y)),
                None => (None, None),
            };
            let parent = p
                .parent
                .as_deref()
                .map(|n| self.names.get(RefKind::Place, n))
                .transpose()?;
            // A place named under a parent is that parent's place: 新区 of one city is not 新区
            // of another. Without a parent, the name alone must pick one.
            let found = match parent {
                Some(parent_id) => self
                    .tx
                    .prepare_cached(
                        "SELECT place_id FROM places WHERE name_key = ?1 AND parent_id = ?2
                         UNION
                         SELECT p.place_id FROM place_aliases a
                           JOIN places p ON p.place_id = a.place_id
                          WHERE a.alias_key = ?1 AND p.parent_id = ?2",
                    )?
                    .query_row(params![fold(&p.name), parent_id], |r| r.get::<_, i64>(0))
                    .optional()?,
                None => self.reuse(RefKind::Place, &p.name, p.quote.as_deref())?,
            };
            let reused = found.is_some();
            let id = match found {
                Some(id) => {
                    // A place catalogued before codes were resolved gets its code now; one
                    // that has a code keeps it (valid on its first source's events).
                    if code.is_some() {
                        self.tx
                            .prepare_cached(
                                "UPDATE places SET code = ?1, code_year = ?2
                                  WHERE place_id = ?3 AND code IS NULL",
                            )?
                            .execute(params![code, code_year, id])?;
                    }
                    id
                }
                None => {
                    let quoted_source = p.quote.as_ref().map(|_| self.source_id);
                    self.tx
                        .prepare_cached(
                            "INSERT INTO places (name, name_key, kind, parent_id, source_id, quote,
                                                 code, code_year)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        )?
                        .execute(params![
                            p.name,
                            fold(&p.name),
                            p.kind,
                            parent,
                            quoted_source,
                            p.quote,
                            code,
                            code_year
                        ])?;
                    self.summary.places_added += 1;
                    let id = self.tx.last_insert_rowid();
                    self.created.insert((RefKind::Place, id));
                    id
                }
            };
            let quote = p.quote.as_deref();
            let parent = self.parent_written(RefKind::Place, id, p.parent.as_deref())?;
            let declared = (p.name.as_str(), reused.then_some(quote));
            self.declare(("place", i), id, declared, p.code.is_some(), parent)?;
            self.names.insert(RefKind::Place, &p.name, id);
            self.name_aliases(RefKind::Place, &p.aliases, id)?;
        }
        Ok(())
    }

    /// Other names of a place or industry (format 2); the same alias of the same row is kept
    /// once, and a file's references by alias resolve to the row.
    fn name_aliases(&mut self, kind: RefKind, aliases: &[NameAlias], id: i64) -> Result<()> {
        let sql = match kind {
            RefKind::Place => {
                "INSERT OR IGNORE INTO place_aliases
                   (alias, alias_key, place_id, source_id, quote, basis, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            }
            _ => {
                "INSERT INTO industry_aliases
                   (alias, alias_key, industry_id, source_id, quote, basis, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (alias) DO NOTHING"
            }
        };
        for a in aliases {
            if let Some(other) = existing(self.tx, kind, &a.name)?
                && other != id
            {
                bail!(
                    "alias `{}` already names another {}: {} (id {other})",
                    a.name,
                    kind.noun(),
                    label(self.tx, kind, other)?
                );
            }
            self.tx.prepare_cached(sql)?.execute(params![
                a.name,
                fold(&a.name),
                id,
                self.source_id,
                a.quote,
                a.basis,
                a.note
            ])?;
            self.names.insert(kind, &a.name, id);
        }
        Ok(())
    }

    fn industries(&mut self, industries: &[IndustryEntry]) -> Result<()> {
        let mut new_industries = Vec::new();
        let mut declared = Vec::new();
        for ind in industries {
            let id = match self.reuse(RefKind::Industry, &ind.name, Some(&ind.quote))? {
                Some(id) => {
                    declared.push((id, Some(Some(ind.quote.as_str()))));
                    id
                }
                None => {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO industries (name, name_key, source_id, quote)
                             VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![
                            ind.name,
                            fold(&ind.name),
                            self.source_id,
                            ind.quote
                        ])?;
                    self.summary.industries_added += 1;
                    new_industries.push(ind);
                    let id = self.tx.last_insert_rowid();
                    self.created.insert((RefKind::Industry, id));
                    declared.push((id, None));
                    id
                }
            };
            self.names.insert(RefKind::Industry, &ind.name, id);
            self.name_aliases(RefKind::Industry, &ind.aliases, id)?;
        }
        // Parents after all are known: a file may list a child before its parent.
        for ind in new_industries {
            if let Some(parent) = &ind.parent {
                self.tx
                    .prepare_cached("UPDATE industries SET parent_id = ?1 WHERE industry_id = ?2")?
                    .execute(params![
                        self.names.get(RefKind::Industry, parent)?,
                        self.names.get(RefKind::Industry, &ind.name)?
                    ])?;
            }
        }
        for (i, ((id, reused), ind)) in declared.into_iter().zip(industries).enumerate() {
            let parent = self.parent_written(RefKind::Industry, id, ind.parent.as_deref())?;
            self.declare(("industry", i), id, (&ind.name, reused), false, parent)?;
        }
        self.distinctions(industries)
    }

    /// Industries said to be other industries than names alike (format 2), once all are known.
    fn distinctions(&mut self, industries: &[IndustryEntry]) -> Result<()> {
        for ind in industries {
            let id = self.names.get(RefKind::Industry, &ind.name)?;
            for other in &ind.distinct_from {
                let other_id = self.names.get(RefKind::Industry, other)?;
                if other_id == id {
                    bail!(
                        "industry `{}`: `{other}` is another name of it, not another industry",
                        ind.name
                    );
                }
                self.tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO industry_distinctions (industry_id, other_id, source_id)
                         VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![id, other_id, self.source_id])?;
            }
        }
        Ok(())
    }

    fn companies(&mut self, companies: &[CompanyEntry]) -> Result<()> {
        let mut new_companies = Vec::new();
        for (i, co) in companies.iter().enumerate() {
            let id = match self.reuse(RefKind::Company, &co.name, Some(&co.quote))? {
                Some(id) => {
                    let declared = (co.name.as_str(), Some(Some(co.quote.as_str())));
                    self.declare(("company", i), id, declared, false, None)?;
                    id
                }
                None => {
                    self.insert_company(co)?;
                    new_companies.push(co);
                    let id = self.tx.last_insert_rowid();
                    self.declare(("company", i), id, (&co.name, None), false, None)?;
                    id
                }
            };
            self.names.insert(RefKind::Company, &co.name, id);
            self.company_aliases(co, id)?;
        }
        // Parents after all are known: a file may list a subsidiary before its group.
        for co in new_companies {
            if let Some(parent) = &co.parent {
                self.tx
                    .prepare_cached(
                        "UPDATE companies SET parent_company_id = ?1, parent_relation = ?2,
                                              parent_quote = ?3
                          WHERE company_id = ?4",
                    )?
                    .execute(params![
                        self.names.get(RefKind::Company, &parent.name)?,
                        parent.relation,
                        parent.quote,
                        self.names.get(RefKind::Company, &co.name)?
                    ])?;
            }
        }
        Ok(())
    }

    fn insert_company(&mut self, co: &CompanyEntry) -> Result<()> {
        let home = |h: &Option<crate::source::model::HomeCityEntry>| match h {
            Some(h) => (
                Some(h.name.clone()),
                Some(h.basis.clone()),
                Some(h.quote.clone()),
            ),
            None => (None, None, None),
        };
        let (city, basis, quote) = home(&co.home_city);
        let (country, country_basis, country_quote) = home(&co.home_country);
        self.tx
            .prepare_cached(
                "INSERT INTO companies (name, name_key, name_kind, home_city, home_city_basis,
                                        home_city_quote, source_id, quote, home_country,
                                        home_country_basis, home_country_quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                co.name,
                fold(&co.name),
                co.name_kind,
                city,
                basis,
                quote,
                self.source_id,
                co.quote,
                country,
                country_basis,
                country_quote
            ])?;
        self.summary.companies_added += 1;
        self.created
            .insert((RefKind::Company, self.tx.last_insert_rowid()));
        Ok(())
    }

    /// A short name belongs to one company; the same alias of the same company is kept once.
    fn company_aliases(&mut self, co: &CompanyEntry, company_id: i64) -> Result<()> {
        for a in &co.aliases {
            let owner: Option<i64> = self
                .tx
                .prepare_cached("SELECT company_id FROM company_aliases WHERE alias = ?1")?
                .query_row([&a.name], |row| row.get(0))
                .optional()?;
            match owner {
                Some(owner) if owner == company_id => {}
                Some(owner) => bail!(
                    "alias `{}` of `{}` already names another company: {} (id {owner})",
                    a.name,
                    co.name,
                    label(self.tx, RefKind::Company, owner)?
                ),
                None => {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO company_aliases (alias, alias_key, company_id,
                                                          alias_kind, source_id, quote)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        )?
                        .execute(params![
                            a.name,
                            fold(&a.name),
                            company_id,
                            a.name_kind,
                            self.source_id,
                            a.quote
                        ])?;
                }
            }
        }
        Ok(())
    }

    fn strategies(&mut self, strategies: &[StrategyEntry]) -> Result<()> {
        for (i, st) in strategies.iter().enumerate() {
            let (id, reused) = match self.reuse(RefKind::Strategy, &st.name, Some(&st.quote))? {
                Some(id) => (id, Some(Some(st.quote.as_str()))),
                None => (self.insert_strategy(st)?, None),
            };
            self.declare(("strategy", i), id, (&st.name, reused), false, None)?;
            self.names.insert(RefKind::Strategy, &st.name, id);
            for l in &st.places {
                let place_id = self.names.get(RefKind::Place, &l.name)?;
                self.link("place_strategies", "place_id", place_id, id, l)?;
            }
            for l in &st.industries {
                let industry_id = self.names.get(RefKind::Industry, &l.name)?;
                self.link("industry_strategies", "industry_id", industry_id, id, l)?;
            }
            for l in &st.layout {
                self.tx
                    .prepare_cached(
                        "INSERT INTO layout_industries_sliced (strategy_id, industry_id, role,
                                                               source_id, quote_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![
                        id,
                        self.names.get(RefKind::Industry, &l.industry)?,
                        l.role,
                        self.source_id,
                        self.at(&l.quote)
                    ])?;
            }
        }
        Ok(())
    }

    fn insert_strategy(&mut self, st: &StrategyEntry) -> Result<i64> {
        let place = st
            .place
            .as_deref()
            .map(|n| self.names.get(RefKind::Place, n))
            .transpose()?;
        self.tx
            .prepare_cached(
                "INSERT INTO strategies (name, name_key, level, kind, place_id, description,
                                         source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                st.name,
                fold(&st.name),
                st.level,
                st.kind,
                place,
                st.description,
                self.source_id,
                st.quote
            ])?;
        self.summary.strategies_added += 1;
        let id = self.tx.last_insert_rowid();
        self.created.insert((RefKind::Strategy, id));
        Ok(id)
    }

    /// Records that the file declares a name, at its position in its section: `reused` holds
    /// the declaration's quote (if any) when the name's row was there before, whose quote is
    /// another declaration's; it is kept as a slice of this source's text.
    fn declare(
        &self,
        (kind, position): (&str, usize),
        id: i64,
        (written_name, reused): (&str, Option<Option<&str>>),
        code_given: bool,
        parent_written: Option<String>,
    ) -> Result<()> {
        let name_written = match reused {
            Some(_) => self.name_written(kind, id, written_name)?,
            None => None,
        };
        let (start, length) = match reused {
            None => (None, None),
            Some(None) => (Some(0), None),
            Some(Some(quote)) => {
                let (start, length) = crate::source::written::slice_of(self.text, quote)
                    .ok_or_else(|| anyhow!("{kind} {id}: its quote is not in the text"))?;
                (Some(start), Some(length))
            }
        };
        self.tx
            .prepare_cached(
                "INSERT INTO source_declarations (source_id, kind, position, name_id, quote_start,
                                                  quote_length, code_given, parent_written,
                                                  name_written)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                self.source_id,
                kind,
                position as i64,
                id,
                start.map(|s| s as i64),
                length.map(|l| l as i64),
                code_given,
                parent_written,
                name_written
            ])?;
        Ok(())
    }

    /// A declared name as the file wrote it, when its row (catalogued before) has it otherwise:
    /// in the other script, or an alias of it.
    fn name_written(&self, kind: &str, id: i64, written: &str) -> Result<Option<String>> {
        let name = self.catalogued_name(kind_of(kind), id)?;
        Ok((name != written).then(|| written.to_string()))
    }

    /// A row's name as catalogued: read with its id when this source reused it, else read now.
    fn catalogued_name(&self, kind: RefKind, id: i64) -> Result<String> {
        match self.catalogued.get(&(kind, id)) {
            Some(name) => Ok(name.clone()),
            None => catalogued_name(self.tx, kind, id),
        }
    }

    /// A place's or industry's parent as the file wrote it, when the tables would give it back
    /// otherwise ('' for none): the parent's name in another script, or none where the row has
    /// one.
    fn parent_written(
        &self,
        kind: RefKind,
        id: i64,
        written: Option<&str>,
    ) -> Result<Option<String>> {
        // A parent another source gave an industry is not written back (only the row's own
        // source's); a place's always is.
        let sql = match kind {
            RefKind::Place => {
                "SELECT up.name FROM places x JOIN places up ON up.place_id = x.parent_id
                  WHERE x.place_id = ?1 AND ?2 IS NOT NULL"
            }
            _ => {
                "SELECT up.name FROM industries x JOIN industries up ON up.industry_id = x.parent_id
                  WHERE x.industry_id = ?1 AND x.source_id = ?2"
            }
        };
        let catalogued: Option<String> = self
            .tx
            .prepare_cached(sql)?
            .query_row(params![id, self.source_id], |r| r.get(0))
            .optional()?;
        Ok((catalogued.as_deref() != written).then(|| written.unwrap_or_default().to_string()))
    }

    /// Inserts a row into one of the `<thing>_strategies` link tables.
    pub fn link(
        &self,
        table: &str,
        id_column: &str,
        id: i64,
        strategy_id: i64,
        l: &Link,
    ) -> Result<()> {
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO {table}_sliced ({id_column}, strategy_id, basis, source_id, quote_at, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?
            .execute(params![
                id,
                strategy_id,
                l.basis,
                self.source_id,
                self.at(&l.quote),
                l.note
            ])?;
        Ok(())
    }

    fn event(&mut self, path: &str, ev: &EventEntry) -> Result<()> {
        let place_id = self.names.get(RefKind::Place, &ev.place)?;
        self.event_name.clone_from(&ev.name);
        let when = period::event_when(ev, &self.published).map_err(|e| anyhow!("{path}: {e}"))?;
        let event_id = self.insert_event(path, ev, &when, place_id)?;
        self.summary.events += 1;
        let span = match &when {
            When::Day(day) => (day.as_str(), day.as_str()),
            When::Period { from, to, .. } => (from.as_str(), to.as_str()),
        };
        for (j, b) in ev.bands.iter().enumerate() {
            self.band(&format!("{path}.bands[{j}]"), b, span, place_id, event_id)?;
        }
        self.event_statistics(path, &ev.statistics, place_id, event_id, span)?;
        self.breakdowns(
            &format!("{path}.breakdowns"),
            (Some(event_id), None),
            &ev.breakdowns,
        )?;
        if let Some(pc) = &ev.project_count {
            self.alternatives(
                &format!("{path}.project_count.alternatives"),
                Subject::EventCount(event_id),
                &pc.alternatives,
            )?;
        }
        if let Some(amount) = &ev.signed_amount {
            self.alternatives(
                &format!("{path}.signed_amount.alternatives"),
                Subject::EventAmount(event_id),
                &amount.alternatives,
            )?;
        }
        self.event_links(ev, event_id)?;
        for (j, p) in ev.projects.iter().enumerate() {
            self.project((&format!("{path}.projects[{j}]"), j), p, event_id)?;
            if p.same_as.is_none() {
                self.summary.projects += 1;
            }
        }
        Ok(())
    }

    /// The industries, strategies and companies (format 2) an event is tied to.
    fn event_links(&mut self, ev: &EventEntry, event_id: i64) -> Result<()> {
        for l in &ev.industries {
            self.tx
                .prepare_cached(
                    "INSERT INTO event_industries_sliced (event_id, industry_id, source_id, quote_at,
                                                          basis, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    event_id,
                    self.names.get(RefKind::Industry, &l.name)?,
                    self.source_id,
                    self.at(&l.quote),
                    l.basis,
                    l.note
                ])?;
        }
        for l in &ev.strategies {
            let strategy_id = self.names.get(RefKind::Strategy, &l.name)?;
            self.link("event_strategies", "event_id", event_id, strategy_id, l)?;
        }
        for c in &ev.companies {
            self.tx
                .prepare_cached(
                    "INSERT INTO event_companies_sliced (event_id, company_id, role, basis,
                                                         source_id, quote_at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    event_id,
                    self.names.get(RefKind::Company, &c.name)?,
                    c.role,
                    c.basis,
                    self.source_id,
                    self.at(&c.quote),
                    c.note
                ])?;
        }
        Ok(())
    }

    fn insert_event(
        &mut self,
        path: &str,
        ev: &EventEntry,
        when: &When,
        place_id: i64,
    ) -> Result<i64> {
        let (count, count_q, count_quote) = match &ev.project_count {
            Some(pc) => {
                let (n, q) = whole(&format!("{path}.project_count.value"), &pc.value)?;
                (Some(n), Some(q.as_str()), Some(&pc.quote))
            }
            None => (None, None, None),
        };
        let amount: Money = money(&format!("{path}.signed_amount"), ev.signed_amount.as_ref())?;
        self.tx
            .prepare_cached(
                "INSERT INTO events (event_id, source_id, place_id, held_on, name, quote,
                                     project_count, project_count_qualifier, project_count_quote,
                                     signed_amount_yuan, signed_amount_foreign,
                                     signed_amount_currency, signed_amount_qualifier,
                                     signed_amount_quote, name_key, kind, period_start,
                                     period_label, stage)
                 VALUES (?18, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?19)",
            )?
            .execute(params![
                self.source_id,
                place_id,
                when.held_on(),
                ev.name,
                ev.quote,
                count,
                count_q,
                count_quote,
                amount.yuan,
                amount.foreign,
                amount.currency,
                amount.qualifier,
                amount.quote,
                fold(&ev.name),
                match when {
                    When::Day(_) => "ceremony",
                    When::Period { .. } => "period_report",
                },
                match when {
                    When::Day(_) => None,
                    When::Period { from, .. } => Some(from),
                },
                match when {
                    When::Day(_) => None,
                    When::Period { label, .. } => label.as_ref(),
                },
                self.kept.events.get(&ev.name),
                super::milestones::event_stage(ev)
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A band count (10億以上7個) is a statistic of the event, on the event's day.
    fn band(
        &mut self,
        path: &str,
        b: &BandEntry,
        span: (&str, &str),
        place_id: i64,
        event_id: i64,
    ) -> Result<()> {
        let band = figure::parse_band(&b.band).map_err(|e| anyhow!("{path}.band: {e}"))?;
        let (n, q) = whole(&format!("{path}.count"), &b.count)?;
        let unit = match parse(path, &b.count)?.quantity {
            Quantity::Measure { unit, .. } => unit,
            Quantity::Money { .. } => bail!("{path}.count: not a count"),
        };
        insert_statistic(
            self.tx,
            &StatisticRow {
                source_id: self.source_id,
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
                from: Some(span.0),
                to: Some(span.1),
                band: Some(band),
                quote: &b.quote,
            },
        )?;
        self.summary.statistics += 1;
        Ok(())
    }
}

/// Inserts the source row, or updates it in place when replacing: a replaced source keeps its
/// id, so that names it shares with other sources still point at it.
fn source(tx: &Transaction, row: &SourceRow) -> Result<i64> {
    let m = &row.doc.file.source;
    tx.prepare_cached(
        "INSERT INTO sources (source_id, title, publisher, url, published_on, author, script,
                              full_text, text_sha256, record_sha256, figures_written, file_name,
                              format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (source_id) DO UPDATE SET
             title = excluded.title, publisher = excluded.publisher, url = excluded.url,
             published_on = excluded.published_on, author = excluded.author,
             script = excluded.script, full_text = excluded.full_text,
             text_sha256 = excluded.text_sha256, record_sha256 = excluded.record_sha256,
             figures_written = excluded.figures_written, file_name = excluded.file_name,
             format = excluded.format, names_written = NULL",
    )?
    .execute(params![
        row.replacing,
        m.title,
        m.publisher,
        m.url,
        m.published,
        m.author,
        m.script,
        row.doc.text,
        row.doc.text_sha256(),
        row.record_sha256,
        row.figures_written,
        row.doc.stored_name,
        row.doc.file.format
    ])?;
    Ok(row.replacing.unwrap_or_else(|| tx.last_insert_rowid()))
}
