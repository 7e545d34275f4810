//! Writing one source file into the catalogue: validated first, then written in one IMMEDIATE
//! transaction, all of it or nothing. Names resolve to existing rows where they exist; new names
//! create rows. Loading the same facts again changes nothing.

mod codes;
mod deferred;
mod diff;
mod figures;
mod milestones;
mod names;
mod parts;
mod project;
mod replace;
mod statistic;
mod write;

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value as Json;

use super::Store;
use super::search::Indexer;
use crate::source::SourceDocument;
use crate::source::model::SourceMeta;
use crate::source::validate::{self, Problem};
use names::{Names, ambiguous, lookup};
use write::{SourceRow, Writer};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub events: usize,
    pub projects: usize,
    pub companies_added: usize,
    pub places_added: usize,
    pub industries_added: usize,
    pub strategies_added: usize,
    pub statistics: usize,
    /// Projects already catalogued from another source that this one reports again.
    pub mentions: usize,
    /// Later steps of projects (format 3).
    pub milestones: usize,
    /// Accepted, but worth a word: `path: message`.
    pub warnings: Vec<String>,
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

/// Validates one document against the catalogue and writes it.
fn load_one(
    tx: &Transaction,
    doc: &mut SourceDocument,
    options: ImportOptions,
    indexer: &mut Indexer,
    this_import: &mut HashSet<i64>,
) -> Result<LoadOutcome, Refusal> {
    let record_json = doc.record_json()?;
    let (mut names, codes, warnings) = resolve(tx, doc, &record_json)?;
    let record_sha256 = doc.record_sha256_of(&record_json);
    let found = catalogued(tx, doc, &record_json, &record_sha256, options, this_import)?;
    let replacing = match found {
        Catalogued::No => None,
        Catalogued::Same => return Ok(LoadOutcome::Unchanged),
        Catalogued::Replacing(id) => Some(id),
    };
    let figures_written = crate::source::written::figures_written(&mut doc.file, &doc.text);
    let mut kept = replace::KeptIds::default();
    let mut old_keys = Vec::new();
    if let Some(id) = replacing {
        old_keys = replace::project_keys(tx, id)?;
        // Rows of other sources may point at this source's projects (a later source's mention):
        // checked at commit, after the new version has put them back under the same ids.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        kept = replace::kept_ids(tx, id)?;
        indexer.remove_source(tx, id)?;
        replace::delete_facts(tx, id)?;
    }
    let row = SourceRow {
        doc,
        record_sha256: &record_sha256,
        figures_written: &figures_written,
        replacing,
        kept,
        codes,
    };
    let (mut summary, source_id) = Writer::write(tx, &row, &mut names)
        .map_err(|e| e.context(format!("{}: cannot write", doc.origin())))?;
    this_import.insert(source_id);
    summary.warnings = warnings;
    let Some(id) = replacing else {
        indexer.index_source(tx, source_id)?;
        return Ok(LoadOutcome::Added(summary));
    };
    replace::delete_orphans(tx, id)?;
    replace::figures_in_table_order(tx, id, doc)?;
    indexer.index_source(tx, source_id)?;
    if let Some((quote, other)) = replace::dangling_milestone(tx)? {
        return Err(Refusal::Problems(vec![format!(
            "{}: the new version drops a project of which the source `{other}` reports a \
             milestone (`{quote}`); keep the project in this file, or replace that source first",
            doc.origin()
        )]));
    }
    if let Some((project, other)) = replace::dangling_mention(tx)? {
        return Err(Refusal::Problems(vec![format!(
            "{}: the new version drops project `{project}`, which the source `{other}` reports \
             again (same_as); keep the project in this file, or replace that source first",
            doc.origin()
        )]));
    }
    if let Some((key, project, other)) = replace::renamed_key(tx, id, &old_keys)? {
        return Err(Refusal::Problems(vec![format!(
            "{}: the new version changes the key `{key}` of project `{project}`, which the \
             source `{other}` names (same_as); keep the key in this file, or replace that \
             source first",
            doc.origin()
        )]));
    }
    let stale = replace::stale_quotes(tx, id)?;
    if !stale.is_empty() {
        return Err(Refusal::Problems(vec![format!(
            "{}: replacing would leave records of the old version quoting text the new one \
             lacks (declare them again in the file): {}",
            doc.origin(),
            stale.join("; ")
        )]));
    }
    Ok(LoadOutcome::Replaced(summary))
}

/// A document's names, its places' division codes, and its warnings.
type Resolved = (Names, Vec<codes::Code>, Vec<String>);

/// Validates a document (whose facts as canonical JSON are `record_json`) and resolves the names
/// it uses but does not declare, which must already be in the catalogue, once. Every problem of
/// the file is reported together.
fn resolve(tx: &Transaction, doc: &SourceDocument, record_json: &str) -> Result<Resolved, Refusal> {
    let report = validate::validate_record(&doc.file, &doc.text, record_json);
    let mut problems = report.problems;
    let mut warnings = report.warnings;
    let codes = codes::place_codes(tx, doc, &mut problems, &mut warnings)?;
    same_projects(tx, doc, &mut problems)?;
    milestones::check_projects(tx, doc, &mut problems)?;
    names::alias_collisions(tx, &doc.file, &mut problems)?;
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
            [id] => names.insert(r.kind, &r.name, *id),
            [] => problems.push(problem(format!(
                "unknown {} `{}`; declare it under [[{}]] in this file",
                r.kind.noun(),
                r.name,
                r.kind.section()
            ))),
            many => problems.push(problem(ambiguous(tx, r.kind, &r.name, many)?)),
        }
    }
    if problems.is_empty() {
        Ok((names, codes, positioned(doc, &warnings)))
    } else {
        Err(Refusal::Problems(positioned(doc, &problems)))
    }
}

/// Every `same_as` must name a project already catalogued from another source, each once in
/// a source; and a new project's key may not be another source's.
fn same_projects(
    tx: &Transaction,
    doc: &SourceDocument,
    problems: &mut Vec<Problem>,
) -> Result<(), Refusal> {
    // This source's own catalogued version (being replaced) gives up its keys.
    let own = catalogued_version(tx, &doc.file.source)?.map(|version| version.0);
    let mut named: HashMap<i64, String> = HashMap::new();
    for (i, ev) in doc.file.events.iter().enumerate() {
        for (j, p) in ev.projects.iter().enumerate() {
            let path = format!("events[{i}].projects[{j}]");
            if let Some(key) = &p.key {
                key_of_another_source(tx, own, key, &path, &p.name, problems)?;
            }
            let Some(same) = &p.same_as else { continue };
            if same.key.is_none() && (same.source.is_none() || same.name.is_none()) {
                continue; // validation has said what is missing
            }
            let found = project::same_project(tx, same)?;
            if let Some(id) = found {
                match named.get(&id) {
                    Some(first) => problems.push(Problem {
                        path: format!("{path}.same_as"),
                        context: Some(format!("project {}", p.name)),
                        message: format!(
                            "names the same catalogued project as {first} (same_as); a source \
                             reports a project once: keep one of them"
                        ),
                    }),
                    None => {
                        named.insert(id, path.clone());
                    }
                }
            }
            if found.is_none() {
                let wanted = match (&same.key, &same.source, &same.name) {
                    (Some(key), _, _) => format!("with key `{key}`"),
                    (_, Some(source), Some(name)) => format!("`{name}` of source `{source}`"),
                    _ => String::new(),
                };
                problems.push(Problem {
                    path: format!("events[{i}].projects[{j}].same_as"),
                    context: Some(format!("project {}", p.name)),
                    message: format!(
                        "no catalogued project {wanted}; import the source that first reports \
                         it before this one (a source is matched by its URL or title)"
                    ),
                });
            }
        }
    }
    Ok(())
}

/// A new project's key that a project of another source already has.
fn key_of_another_source(
    tx: &Transaction,
    own: Option<i64>,
    key: &str,
    path: &str,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Result<(), Refusal> {
    let holder: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT p.name, s.title FROM projects p JOIN sources s ON s.source_id = p.source_id
              WHERE p.project_key = ?1 AND p.source_id IS NOT ?2",
        )?
        .query_row(rusqlite::params![key, own], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(anyhow::Error::from)?;
    if let Some((project, title)) = holder {
        problems.push(Problem {
            path: format!("{path}.key"),
            context: Some(format!("project {name}")),
            message: format!(
                "`{key}` is already the key of project `{project}` of the source `{title}`; a \
                 key names one project: to report that project again write \
                 same_as = {{ key = \"{key}\" }} instead, or choose another key"
            ),
        });
    }
    Ok(())
}

/// Whether the catalogue already holds this source (by URL, or without one by title and date).
enum Catalogued {
    No,
    /// With the very same facts.
    Same,
    /// With other facts, and `--replace` asks to replace them: the source's id.
    Replacing(i64),
}

/// A catalogued source's id, digest, file name and text.
type Version = (i64, String, String, String);

/// The catalogued version of a source, if any. A source with a URL is that URL's: two papers'
/// articles of one title and day are two sources. Title and date identify only a source
/// without a URL (the unique indexes of V7).
fn catalogued_version(tx: &Transaction, meta: &SourceMeta) -> Result<Option<Version>> {
    let row = |row: &rusqlite::Row| -> rusqlite::Result<Version> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    };
    let found = match &meta.url {
        Some(url) => tx
            .prepare_cached(
                "SELECT source_id, record_sha256, file_name, full_text FROM sources
                  WHERE url = ?1",
            )?
            .query_row([url], row),
        None => tx
            .prepare_cached(
                "SELECT source_id, record_sha256, file_name, full_text FROM sources
                  WHERE url IS NULL AND title = ?1 AND published_on = ?2",
            )?
            .query_row([&meta.title, &meta.published], row),
    };
    Ok(found.optional()?)
}

fn catalogued(
    tx: &Transaction,
    doc: &SourceDocument,
    record_json: &str,
    record_sha256: &str,
    options: ImportOptions,
    this_import: &HashSet<i64>,
) -> Result<Catalogued, Refusal> {
    let meta = &doc.file.source;
    let existing = catalogued_version(tx, meta)?;
    let Some((id, sha, loaded_from, old_text)) = existing else {
        return Ok(Catalogued::No);
    };
    if sha == record_sha256 {
        return Ok(Catalogued::Same);
    }
    if options.replace {
        return Ok(Catalogued::Replacing(id));
    }
    // The catalogued version, rebuilt from the tables, as the file it was loaded from.
    let mut old: Json =
        serde_json::to_value(super::record::rebuild(tx, id)?).map_err(anyhow::Error::from)?;
    let mut new: Json = serde_json::from_str(record_json).map_err(anyhow::Error::from)?;
    old["source"]["text"] = Json::String(old_text);
    new["source"]["text"] = Json::String(doc.text.clone());
    let mut diff = Vec::new();
    diff::differences(&old, &new, "", &mut diff);
    let shown = diff.len().min(20);
    let (origin, title, published) = (doc.origin(), &meta.title, &meta.published);
    // An earlier file of this very import is not catalogued: nothing is committed yet.
    let mut message = if this_import.contains(&id) {
        format!(
            "{origin}: this source (`{title}`, {published}) appears twice in this import, with \
             other facts in {loaded_from}; nothing of it is catalogued yet: import one version, \
             or give --replace to have the later file replace the earlier. Differences:"
        )
    } else {
        format!(
            "{origin}: this source (`{title}`, {published}) is already catalogued (from \
             {loaded_from}) with different facts; use --replace to replace them. Differences:"
        )
    };
    for d in &diff[..shown] {
        message.push_str(&format!("\n      {d}"));
    }
    if diff.len() > shown {
        message.push_str(&format!("\n      … and {} more", diff.len() - shown));
    }
    Err(Refusal::Problems(vec![message]))
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

impl Store {
    /// Imports source documents in one IMMEDIATE transaction: every document is validated and
    /// written, and the transaction commits only if all of them are good (and not a dry run).
    /// `progress` is called after each document with (documents so far, projects so far), and
    /// `outcome` with each good document's origin and outcome (not kept here: an import of
    /// 87,000 sources that kept them all grew by 12 MB).
    pub fn import(
        &mut self,
        docs: impl Iterator<Item = Result<SourceDocument>>,
        options: ImportOptions,
        progress: impl FnMut(usize, usize),
        outcome: impl FnMut(String, LoadOutcome),
    ) -> Result<()> {
        let path = self.path.clone();
        self.import_inner(docs, options, progress, outcome)
            .map_err(|e| super::explain_write_error(e, &path))
    }

    /// [`Store::import`] of a few documents, with every outcome returned.
    fn import_few(
        &mut self,
        docs: impl Iterator<Item = Result<SourceDocument>>,
    ) -> Result<Vec<(String, LoadOutcome)>> {
        let mut outcomes = Vec::new();
        self.import(
            docs,
            ImportOptions::default(),
            |_, _| {},
            |origin, outcome| outcomes.push((origin, outcome)),
        )?;
        Ok(outcomes)
    }

    fn import_inner(
        &mut self,
        docs: impl Iterator<Item = Result<SourceDocument>>,
        options: ImportOptions,
        mut progress: impl FnMut(usize, usize),
        mut each: impl FnMut(String, LoadOutcome),
    ) -> Result<()> {
        // A larger page cache for the import's duration: bulk loads touch many index pages.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)
            .context("cannot start writing")?;
        // Not with --replace: a file that replaces one of this import deletes by indexes.
        let deferred = if options.replace {
            deferred::Deferred::none()
        } else {
            deferred::Deferred::start(&tx)?
        };
        let mut indexer = Indexer::start(&tx)?;
        // The sources this import has written so far (uncommitted).
        let mut this_import: HashSet<i64> = HashSet::new();
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
                Ok(mut doc) => {
                    match load_one(&tx, &mut doc, options, &mut indexer, &mut this_import) {
                        Ok(outcome) => {
                            if let LoadOutcome::Added(s) | LoadOutcome::Replaced(s) = &outcome {
                                projects += s.projects;
                            }
                            each(doc.origin(), outcome);
                        }
                        Err(Refusal::Problems(p)) => {
                            refused_files += 1;
                            problems.extend(p);
                        }
                        Err(Refusal::Failed(e)) => return Err(e),
                    }
                }
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
        indexer.finish(&tx)?;
        deferred.finish(&tx)?;
        if options.dry_run {
            tx.rollback()?;
        } else {
            tx.commit().context("cannot commit the import")?;
        }
        Ok(())
    }

    /// Loads every document of the bundled seed in one transaction; each is recognised and
    /// skipped when already loaded.
    pub fn load_bundled_seed(&mut self) -> Result<Vec<(String, LoadOutcome)>> {
        let docs = crate::source::seed::documents()?;
        self.import_few(docs.into_iter().map(Ok))
    }

    /// Validates and loads one document (the bundled seed, tests).
    pub fn load_source(&mut self, doc: &SourceDocument) -> Result<LoadOutcome> {
        let mut outcomes = self.import_few(std::iter::once(Ok(doc.clone())))?;
        Ok(outcomes.remove(0).1)
    }
}
