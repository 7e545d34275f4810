//! Writing one source file into the catalogue: validated first, then written in one IMMEDIATE
//! transaction, all of it or nothing. Names resolve to existing rows where they exist; new names
//! create rows. Loading the same facts again changes nothing.

use std::collections::HashMap;

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::Value as Json;

use super::Store;
use crate::source::SourceDocument;
use crate::source::figure::{self, Figure, Qualifier, Quantity};
use crate::source::fold::fold;
use crate::source::model::{FigureEntry, Link, ProjectEntry};
use crate::source::validate::{self, Problem, RefKind};

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

/// Ids of the names a file declares or refers to, per kind, by folded name.
#[derive(Default)]
struct Names {
    ids: HashMap<(RefKind, String), i64>,
}

impl Names {
    fn get(&self, kind: RefKind, name: &str) -> Result<i64> {
        self.ids
            .get(&(kind, fold(name)))
            .copied()
            .ok_or_else(|| anyhow!("{} `{name}` was not resolved", kind.noun()))
    }

    fn insert(&mut self, kind: RefKind, name: &str, id: i64) {
        self.ids.insert((kind, fold(name)), id);
    }

    fn contains(&self, kind: RefKind, name: &str) -> bool {
        self.ids.contains_key(&(kind, fold(name)))
    }
}

/// Rows whose name matches `name` in either script: (id, a label naming the row).
fn lookup(tx: &Transaction, kind: RefKind, name: &str) -> Result<Vec<(i64, String)>> {
    let sql = match kind {
        RefKind::Place => {
            "SELECT p.place_id, p.name || coalesce(' in ' || parent.name, '') FROM places p
               LEFT JOIN places parent ON parent.place_id = p.parent_id WHERE p.name_key = ?1"
        }
        RefKind::Industry => "SELECT industry_id, name FROM industries WHERE name_key = ?1",
        RefKind::Company => {
            "SELECT company_id, name FROM companies WHERE name_key = ?1
             UNION SELECT c.company_id, c.name FROM company_aliases a
               JOIN companies c ON c.company_id = a.company_id WHERE a.alias_key = ?1"
        }
        RefKind::Strategy => "SELECT strategy_id, name FROM strategies WHERE name_key = ?1",
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt
        .query_map([fold(name)], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
    Ok(rows)
}

fn ambiguous(kind: RefKind, name: &str, rows: &[(i64, String)]) -> String {
    let candidates: Vec<String> = rows
        .iter()
        .map(|(id, l)| format!("{l} (id {id})"))
        .collect();
    format!(
        "{} `{name}` is ambiguous: it matches {}",
        kind.noun(),
        candidates.join(", ")
    )
}

/// The one existing row a declared name matches, if any.
fn existing(tx: &Transaction, kind: RefKind, name: &str) -> Result<Option<i64>> {
    match lookup(tx, kind, name)?.as_slice() {
        [] => Ok(None),
        [(id, _)] => Ok(Some(*id)),
        many => bail!("{}", ambiguous(kind, name, many)),
    }
}

/// What importing did with one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadOutcome {
    Added(LoadSummary),
    /// The same facts were already catalogued.
    Unchanged,
    /// An earlier version of the source was replaced (`--replace`).
    Replaced(LoadSummary),
}

#[derive(Debug, Default, Clone, Copy)]
pub struct ImportOptions {
    /// Validate and count, then roll back.
    pub dry_run: bool,
    /// Replace a catalogued source whose facts differ.
    pub replace: bool,
}

/// An import that was refused: every problem of every file, nothing written.
#[derive(Debug)]
pub struct ImportRefused {
    pub problems: Vec<String>,
    pub files: usize,
}

impl std::fmt::Display for ImportRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{n} problem{} in {} source{}; nothing was written:",
            if n == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportRefused {}

/// The problems of one document, each at its position in the file.
fn positioned(doc: &SourceDocument, problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| format!("{}: {p}", doc.position(&p.path)))
        .collect()
}

/// Differences between two records, readable: `~ path: old → new`, `+ path: new`, `- path: old`.
fn differences(old: &Json, new: &Json, path: &str, out: &mut Vec<String>) {
    fn short(v: &Json) -> String {
        let text = match v {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        };
        let cut: String = text.chars().take(60).collect();
        if cut.len() < text.len() {
            format!("{cut}…")
        } else {
            cut
        }
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Json::Object(a), Json::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => differences(v, w, &join(k), out),
                    None => out.push(format!("- {}: {}", join(k), short(v))),
                }
            }
            for (k, w) in b {
                if !a.contains_key(k) {
                    out.push(format!("+ {}: {}", join(k), short(w)));
                }
            }
        }
        (Json::Array(a), Json::Array(b)) => {
            let name = |v: &Json| v.get("name").and_then(Json::as_str).map(str::to_string);
            let named = a.iter().chain(b).all(|v| name(v).is_some());
            if named {
                for (i, v) in a.iter().enumerate() {
                    let n = name(v);
                    match b.iter().position(|w| name(w) == n) {
                        Some(j) => differences(v, &b[j], &format!("{path}[{j}]"), out),
                        None => out.push(format!("- {path}[{i}]: {}", n.unwrap_or_default())),
                    }
                }
                for (j, w) in b.iter().enumerate() {
                    if !a.iter().any(|v| name(v) == name(w)) {
                        out.push(format!("+ {path}[{j}]: {}", name(w).unwrap_or_default()));
                    }
                }
            } else {
                for i in 0..a.len().max(b.len()) {
                    match (a.get(i), b.get(i)) {
                        (Some(v), Some(w)) => differences(v, w, &format!("{path}[{i}]"), out),
                        (Some(v), None) => out.push(format!("- {path}[{i}]: {}", short(v))),
                        (None, Some(w)) => out.push(format!("+ {path}[{i}]: {}", short(w))),
                        (None, None) => {}
                    }
                }
            }
        }
        (Json::String(a), Json::String(b))
            if a != b && (a.chars().count() > 60 || b.chars().count() > 60) =>
        {
            // Long texts: show where they start to differ.
            let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let window = |t: &str| -> String {
                let from = common.saturating_sub(10);
                let part: String = t.chars().skip(from).take(40).collect();
                format!("…{}…", part.replace('\n', " "))
            };
            out.push(format!(
                "~ {path}: differs from character {}: {} → {}",
                common + 1,
                window(a),
                window(b)
            ));
        }
        (a, b) if a != b => out.push(format!("~ {path}: {} → {}", short(a), short(b))),
        _ => {}
    }
}

/// The problems that stop a document, or the database error that stops the import.
enum Refusal {
    Problems(Vec<String>),
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Refusal {
        Refusal::Failed(e)
    }
}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Refusal {
        Refusal::Failed(e.into())
    }
}

/// Validates one document against the catalogue and writes it.
fn load_one(
    tx: &Transaction,
    doc: &SourceDocument,
    options: ImportOptions,
) -> Result<LoadOutcome, Refusal> {
    let report = validate::validate(&doc.file, &doc.text);
    let mut problems = report.problems;
    // Names the file does not declare must already be in the catalogue, once.
    let mut names = Names::default();
    for r in &report.external_refs {
        if names.contains(r.kind, &r.name) {
            continue;
        }
        let problem = |message: String| Problem {
            path: r.path.clone(),
            context: r.context.clone(),
            message,
        };
        match lookup(tx, r.kind, &r.name)?.as_slice() {
            [(id, _)] => names.insert(r.kind, &r.name, *id),
            [] => problems.push(problem(format!(
                "unknown {} `{}`; declare it under [[{}]] in this file",
                r.kind.noun(),
                r.name,
                r.kind.section()
            ))),
            many => problems.push(problem(ambiguous(r.kind, &r.name, many))),
        }
    }
    // A file's own mistakes come first: they are what its author must fix.
    if !problems.is_empty() {
        return Err(Refusal::Problems(positioned(doc, &problems)));
    }
    let record_json = doc.record_json()?;
    let record_sha256 = doc.record_sha256()?;

    let meta = &doc.file.source;
    let existing_source: Option<(i64, String, String, String, String)> = tx
        .query_row(
            "SELECT source_id, record_sha256, record_json, file_name, full_text FROM sources
              WHERE url = ?1 OR (title = ?2 AND published_on = ?3)",
            params![meta.url, meta.title, meta.published],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?;
    let mut replacing = None;
    if let Some((id, sha, old_json, loaded_from, old_text)) = existing_source {
        if sha == record_sha256 {
            return Ok(LoadOutcome::Unchanged);
        }
        if !options.replace {
            let mut old: Json = serde_json::from_str(&old_json).map_err(anyhow::Error::from)?;
            let mut new: Json = serde_json::from_str(&record_json).map_err(anyhow::Error::from)?;
            old["source"]["text"] = Json::String(old_text);
            new["source"]["text"] = Json::String(doc.text.clone());
            let mut diff = Vec::new();
            differences(&old, &new, "", &mut diff);
            let shown = diff.len().min(20);
            let mut message = format!(
                "{}: this source (`{}`, {}) is already catalogued (from {loaded_from}) with \
                 different facts; use --replace to replace them. Differences:",
                doc.origin(),
                meta.title,
                meta.published
            );
            for d in &diff[..shown] {
                message.push_str(&format!("\n      {d}"));
            }
            if diff.len() > shown {
                message.push_str(&format!("\n      … and {} more", diff.len() - shown));
            }
            return Err(Refusal::Problems(vec![message]));
        }
        replacing = Some(id);
    }

    if let Some(id) = replacing {
        super::search::unindex_source(tx, id)?;
        delete_source_facts(tx, id)?;
    }
    let (summary, source_id) = write(tx, doc, &record_sha256, &record_json, &mut names, replacing)
        .map_err(|e| anyhow!("{}: cannot write: {e:#}", doc.origin()))?;
    super::search::index_source(tx, source_id)?;
    if let Some(id) = replacing {
        let stale = stale_quotes(tx, id)?;
        if !stale.is_empty() {
            return Err(Refusal::Problems(vec![format!(
                "{}: replacing would leave records of the old version quoting text the new one \
                 lacks (declare them again in the file): {}",
                doc.origin(),
                stale.join("; ")
            )]));
        }
        return Ok(LoadOutcome::Replaced(summary));
    }
    Ok(LoadOutcome::Added(summary))
}

/// Deletes what a source states, and the names only it used; shared names stay.
fn delete_source_facts(tx: &Transaction, source_id: i64) -> Result<()> {
    let deletes = [
        "DELETE FROM project_facts WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_companies WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_industries WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM project_strategies WHERE source_id = ?1 OR project_id IN
            (SELECT project_id FROM projects WHERE source_id = ?1)",
        "DELETE FROM statistics WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_industries WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM event_strategies WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM projects WHERE source_id = ?1 OR event_id IN
            (SELECT event_id FROM events WHERE source_id = ?1)",
        "DELETE FROM events WHERE source_id = ?1",
        "DELETE FROM place_strategies WHERE source_id = ?1",
        "DELETE FROM industry_strategies WHERE source_id = ?1",
        "DELETE FROM layout_industries WHERE source_id = ?1",
        "DELETE FROM company_aliases WHERE source_id = ?1",
    ];
    for sql in deletes {
        tx.execute(sql, [source_id])?;
    }
    // Names this source introduced and nothing else uses; repeated for chains (a company and
    // its parent, a town and its district).
    let orphans = [
        "DELETE FROM strategies WHERE source_id = ?1
            AND strategy_id NOT IN (SELECT strategy_id FROM event_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM project_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM place_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM industry_strategies)
            AND strategy_id NOT IN (SELECT strategy_id FROM layout_industries)",
        "DELETE FROM companies WHERE source_id = ?1
            AND company_id NOT IN (SELECT company_id FROM project_companies)
            AND company_id NOT IN (SELECT company_id FROM company_aliases)
            AND company_id NOT IN (SELECT parent_company_id FROM companies WHERE parent_company_id IS NOT NULL)",
        "DELETE FROM industries WHERE source_id = ?1
            AND industry_id NOT IN (SELECT industry_id FROM event_industries)
            AND industry_id NOT IN (SELECT industry_id FROM project_industries)
            AND industry_id NOT IN (SELECT industry_id FROM layout_industries)
            AND industry_id NOT IN (SELECT industry_id FROM industry_strategies)
            AND industry_id NOT IN (SELECT parent_id FROM industries WHERE parent_id IS NOT NULL)",
        "DELETE FROM places WHERE source_id = ?1
            AND place_id NOT IN (SELECT place_id FROM events)
            AND place_id NOT IN (SELECT place_id FROM projects WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM statistics)
            AND place_id NOT IN (SELECT place_id FROM strategies WHERE place_id IS NOT NULL)
            AND place_id NOT IN (SELECT place_id FROM place_strategies)
            AND place_id NOT IN (SELECT parent_id FROM places WHERE parent_id IS NOT NULL)",
    ];
    loop {
        let mut deleted = 0;
        for sql in orphans {
            deleted += tx.execute(sql, [source_id])?;
        }
        if deleted == 0 {
            return Ok(());
        }
    }
}

/// Rows of a source whose quotes are not in its text (after a replace).
fn stale_quotes(tx: &Transaction, source_id: i64) -> Result<Vec<String>> {
    Ok(super::read::quotes_not_in_text(tx, Some(source_id))?
        .into_iter()
        .map(|q| format!("{} `{}`", q.record, q.quote))
        .collect())
}

impl Store {
    /// Imports source documents in one IMMEDIATE transaction: every document is validated and
    /// written, and the transaction commits only if all of them are good (and not a dry run).
    /// `progress` is called after each document with (documents so far, projects so far).
    pub fn import(
        &mut self,
        docs: impl Iterator<Item = Result<SourceDocument>>,
        options: ImportOptions,
        progress: impl FnMut(usize, usize),
    ) -> Result<Vec<(String, LoadOutcome)>> {
        let path = self.path.clone();
        self.import_inner(docs, options, progress)
            .map_err(|e| super::explain_write_error(e, &path))
    }

    fn import_inner(
        &mut self,
        docs: impl Iterator<Item = Result<SourceDocument>>,
        options: ImportOptions,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Vec<(String, LoadOutcome)>> {
        // A larger page cache for the import's duration: bulk loads touch many index pages.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)
            .context("cannot start writing")?;
        let mut outcomes = Vec::new();
        let mut problems = Vec::new();
        let mut refused_files = 0;
        let mut projects = 0;
        let mut seen = 0;
        for doc in docs {
            seen += 1;
            match doc {
                Err(e) => {
                    refused_files += 1;
                    problems.push(format!("{e:#}"));
                }
                Ok(doc) => match load_one(&tx, &doc, options) {
                    Ok(outcome) => {
                        if let LoadOutcome::Added(s) | LoadOutcome::Replaced(s) = &outcome {
                            projects += s.projects;
                        }
                        outcomes.push((doc.origin(), outcome));
                    }
                    Err(Refusal::Problems(p)) => {
                        refused_files += 1;
                        problems.extend(p);
                    }
                    Err(Refusal::Failed(e)) => return Err(e),
                },
            }
            progress(seen, projects);
        }
        if !problems.is_empty() {
            return Err(ImportRefused {
                problems,
                files: refused_files,
            }
            .into());
        }
        if options.dry_run {
            tx.rollback()?;
        } else {
            tx.commit().context("cannot commit the import")?;
        }
        Ok(outcomes)
    }

    /// Loads every document of the bundled seed in one transaction; each is recognised and
    /// skipped when already loaded.
    pub fn load_bundled_seed(&mut self) -> Result<Vec<(String, LoadOutcome)>> {
        let docs = crate::source::seed::documents()?;
        self.import(
            docs.into_iter().map(Ok),
            ImportOptions::default(),
            |_, _| {},
        )
    }

    /// Validates and loads one document (the bundled seed, tests).
    pub fn load_source(&mut self, doc: &SourceDocument) -> Result<LoadOutcome> {
        let mut outcomes = self.import(
            std::iter::once(Ok(doc.clone())),
            ImportOptions::default(),
            |_, _| {},
        )?;
        Ok(outcomes.remove(0).1)
    }
}

fn write(
    tx: &Transaction,
    doc: &SourceDocument,
    record_sha256: &str,
    record_json: &str,
    names: &mut Names,
    replacing: Option<i64>,
) -> Result<(LoadSummary, i64)> {
    let f = &doc.file;
    let m = &f.source;
    let mut summary = LoadSummary::default();
    let text_sha256 = doc.text_sha256();
    // A new source gets a new id; a replaced one keeps its id, so that names it shares with
    // other sources still point at it.
    tx.execute(
        "INSERT INTO sources (source_id, title, publisher, url, published_on, author, script,
                              full_text, text_sha256, record_sha256, record_json, file_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (source_id) DO UPDATE SET
             title = excluded.title, publisher = excluded.publisher, url = excluded.url,
             published_on = excluded.published_on, author = excluded.author,
             script = excluded.script, full_text = excluded.full_text,
             text_sha256 = excluded.text_sha256, record_sha256 = excluded.record_sha256,
             record_json = excluded.record_json, file_name = excluded.file_name",
        params![
            replacing,
            m.title,
            m.publisher,
            m.url,
            m.published,
            m.author,
            m.script,
            doc.text,
            text_sha256,
            record_sha256,
            record_json,
            doc.file_name
        ],
    )?;
    let source_id = replacing.unwrap_or_else(|| tx.last_insert_rowid());

    // An entity the file declares that the catalogue already has is reused; when it came from
    // this very source (a replace), its quote is refreshed from the new version.
    let reuse = |kind: RefKind, name: &str, quote: Option<&str>| -> Result<Option<i64>> {
        let found = existing(tx, kind, name)?;
        if let (Some(id), Some(q)) = (found, quote) {
            let (table, key) = match kind {
                RefKind::Place => ("places", "place_id"),
                RefKind::Industry => ("industries", "industry_id"),
                RefKind::Company => ("companies", "company_id"),
                RefKind::Strategy => ("strategies", "strategy_id"),
            };
            tx.execute(
                &format!("UPDATE {table} SET quote = ?1 WHERE {key} = ?2 AND source_id = ?3"),
                params![q, id, source_id],
            )?;
        }
        Ok(found)
    };

    for p in &f.places {
        let parent = p
            .parent
            .as_deref()
            .map(|n| names.get(RefKind::Place, n))
            .transpose()?;
        // A place named under a parent is that parent's place: 新区 of one city is not 新区 of
        // another. Without a parent, the name alone must pick one.
        let found = match parent {
            Some(parent_id) => tx
                .prepare_cached(
                    "SELECT place_id FROM places WHERE name_key = ?1 AND parent_id = ?2",
                )?
                .query_row(params![fold(&p.name), parent_id], |r| r.get::<_, i64>(0))
                .optional()?,
            None => reuse(RefKind::Place, &p.name, p.quote.as_deref())?,
        };
        let id = if let Some(id) = found {
            id
        } else {
            let quoted_source = p.quote.as_ref().map(|_| source_id);
            tx.prepare_cached(
                "INSERT INTO places (name, name_key, kind, parent_id, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                p.name,
                fold(&p.name),
                p.kind,
                parent,
                quoted_source,
                p.quote
            ])?;
            summary.places_added += 1;
            tx.last_insert_rowid()
        };
        names.insert(RefKind::Place, &p.name, id);
    }

    let mut new_industries = Vec::new();
    for ind in &f.industries {
        let id = if let Some(id) = reuse(RefKind::Industry, &ind.name, Some(&ind.quote))? {
            id
        } else {
            tx.prepare_cached(
                "INSERT INTO industries (name, name_key, source_id, quote) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![ind.name, fold(&ind.name), source_id, ind.quote])?;
            summary.industries_added += 1;
            new_industries.push(ind);
            tx.last_insert_rowid()
        };
        names.insert(RefKind::Industry, &ind.name, id);
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
        let id = if let Some(id) = reuse(RefKind::Company, &co.name, Some(&co.quote))? {
            id
        } else {
            let (city, basis, quote) = match &co.home_city {
                Some(h) => (Some(&h.name), Some(&h.basis), Some(&h.quote)),
                None => (None, None, None),
            };
            tx.prepare_cached(
                "INSERT INTO companies (name, name_key, name_kind, home_city, home_city_basis,
                                        home_city_quote, source_id, quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                co.name,
                fold(&co.name),
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
        names.insert(RefKind::Company, &co.name, id);
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
                        "INSERT INTO company_aliases (alias, alias_key, company_id, alias_kind,
                                                      source_id, quote)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![
                        a.name,
                        fold(&a.name),
                        id,
                        a.name_kind,
                        source_id,
                        a.quote
                    ])?;
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
        let id = if let Some(id) = reuse(RefKind::Strategy, &st.name, Some(&st.quote))? {
            id
        } else {
            let place = st
                .place
                .as_deref()
                .map(|n| names.get(RefKind::Place, n))
                .transpose()?;
            tx.prepare_cached(
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
                source_id,
                st.quote
            ])?;
            summary.strategies_added += 1;
            tx.last_insert_rowid()
        };
        names.insert(RefKind::Strategy, &st.name, id);
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
                                 signed_amount_qualifier, signed_amount_quote, name_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
            amount.quote,
            fold(&ev.name)
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
    Ok((summary, source_id))
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
                               place_id, place_basis, place_quote, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
        place_quote,
        fold(&p.name)
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
