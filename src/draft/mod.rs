//! `draft`: from an article to a source file. A pipeline, not one pattern per report: the text
//! is cut into sentences and clauses (`text`), each clause is given a topic (the signing, a
//! 开工/竣工/投产 batch, a period, a target, background); the host place is found with the
//! division gazetteer anywhere in the text (`place`); then the headline, date, bands and parts
//! of the event (`event`, `date`), its projects, companies and industries (`projects`), and a
//! period's figures and targets (`stats`) are read from the clauses of their topic with one
//! figure reader (`figures`). Every quote is cut verbatim from the text; a `# check:` note
//! says where the draft is unsure and why; every figure no record uses is listed. Nothing here
//! touches the database.

mod date;
mod emit;
mod event;
mod figures;
mod industries;
pub mod input;
mod links;
mod lists;
pub mod marks;
mod pattern;
mod period;
mod place;
mod projects;
mod stages;
mod stats;
mod targets;
mod text;

use std::sync::Once;

use anyhow::{Result, bail};

pub use emit::{to_json, to_toml};
pub use input::Article;

use crate::source::model::{EventEntry, FORMAT_VERSION, PlaceEntry, SourceFile, SourceMeta};
use crate::source::validate::is_iso_date;

/// Where a note belongs: the record it speaks of, by its index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Source,
    Place(usize),
    Event(usize),
    /// A project, by its index over all events' projects.
    Project(usize),
    Statistic(usize),
}

/// A drafted source file, with what the user should check and what was not used.
#[derive(Debug, Clone)]
pub struct Draft {
    pub file: SourceFile,
    pub notes: Vec<(Section, String)>,
    /// (figure, its sentence) for every figure no record uses.
    pub unused: Vec<(String, String)>,
    /// Byte spans of the text that records use.
    used: Vec<(usize, usize)>,
}

/// What the command line says of the source.
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    pub url: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub title: Option<String>,
}

impl Draft {
    fn note(&mut self, at: Section, text: String) {
        self.notes.push((at, text));
    }

    fn used(&mut self, start: usize, end: usize) {
        self.used.push((start, end));
    }

    fn is_used(&self, start: usize, end: usize) -> bool {
        self.used.iter().any(|&(s, e)| s < end && start < e)
    }

    /// The drafted period report (a first event with a period), if the article is one.
    fn period_report(&self) -> Option<&EventEntry> {
        self.file.events.first().filter(|e| e.from.is_some())
    }

    /// The projects of the drafted 开工/竣工/投产 batches: (event, project, its place, the
    /// batch's date, its name), for `same_as` proposals from the catalogue.
    pub fn stage_projects(&self) -> Vec<(usize, usize, String, Option<String>, String)> {
        let mut out = Vec::new();
        for (i, e) in self.file.events.iter().enumerate() {
            if e.stage.as_deref().is_none_or(|s| s == "signing") {
                continue;
            }
            for (j, p) in e.projects.iter().enumerate() {
                out.push((i, j, e.place.clone(), e.date.clone(), p.name.clone()));
            }
        }
        out
    }

    /// Proposes that project `project` of event `event` is a catalogued one (`same_as`), or
    /// only says which it may be; either way with a note to check.
    pub fn propose_same_as(
        &mut self,
        event: usize,
        project: usize,
        same_as: Option<crate::source::model::SameAsEntry>,
        note: String,
    ) {
        let flat = self.file.events[..event]
            .iter()
            .map(|e| e.projects.len())
            .sum::<usize>()
            + project;
        if let Some(s) = same_as {
            self.file.events[event].projects[project].same_as = Some(s);
        }
        self.note(Section::Project(flat), note);
    }
}

/// Traditional when more than a handful of its characters change in simplified script.
fn script_of(text: &str) -> &'static str {
    let converted = fast2s::convert(text);
    let changed = text
        .chars()
        .zip(converted.chars())
        .filter(|(a, b)| a != b)
        .count();
    if changed > 5 {
        "traditional"
    } else {
        "simplified"
    }
}

/// Reads the gazetteer and compiles the patterns on a second thread, once a process, while the
/// first draft splits its article: a whole `draft` spends about a third of its time on them,
/// and a machine with two cores then does that beside the reading instead of before it. A
/// pattern the draft reaches first is compiled by the draft (the other thread waits for it);
/// where no thread can be started, the draft compiles each as it comes to it, as before.
fn warm_up() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("warm-up".into())
            .spawn(|| {
                crate::source::divisions::gazetteer();
                place::warm();
                date::warm();
                event::warm();
                figures::warm();
                projects::warm();
                lists::warm();
                links::warm();
                industries::warm();
                period::warm();
                marks::warm();
            });
    });
}

/// Drafts a source file from an article.
pub fn draft(article: &Article, options: &SourceOptions) -> Result<Draft> {
    let published = match options
        .published
        .clone()
        .or_else(|| article.published.clone())
    {
        Some(p) if is_iso_date(&p) => p,
        Some(p) => bail!("--published `{p}`: expected a date written YYYY-MM-DD"),
        None => bail!(
            "the article does not say when it was published; give --published YYYY-MM-DD \
             (the year of its dates comes from it)"
        ),
    };
    warm_up();
    let mut draft = empty(article, options, &published);
    for note in &article.notes {
        draft.note(Section::Source, note.clone());
    }
    let doc = text::Doc::new(&article.text, &published);
    if doc.title.is_none() && options.title.is_none() {
        draft.note(
            Section::Source,
            "the first line does not read as a headline: give the article's title with --title"
                .into(),
        );
    }
    let Some(host) = place::host(&doc) else {
        draft.note(
            Section::Source,
            "no province, city, district or county found: nothing drafted but the source".into(),
        );
        stats::unused(&mut draft, &doc);
        return Ok(draft);
    };
    place_entries(&mut draft, &host);
    // 五家渠: a place's name is never a count (五家) of the signing or the place.
    for &(start, end) in &host.counted_names {
        draft.used(start, end);
    }
    if event::event(&mut draft, &doc, &host.name) {
        event::bands(&mut draft, &doc);
        event::parts(&mut draft, &doc);
        projects::projects(&mut draft, &doc);
        lists::listed_projects(&mut draft, &doc);
    } else {
        draft.note(
            Section::Source,
            "no signing and no period's signing figures found: only statistics drafted".into(),
        );
    }
    links::invested_by(&mut draft, &doc);
    links::invested_before(&mut draft, &doc);
    projects::companies(&mut draft, &doc);
    links::signed_with_place(&mut draft, &doc);
    industries::industries(&mut draft, &doc);
    targets::progress_targets(&mut draft, &doc, &host.name);
    stats::statistics(&mut draft, &doc, &host.name);
    stages::stage_event(&mut draft, &doc, &host.name);
    stats::leftovers(&mut draft, &doc, &host.name);
    stats::unused(&mut draft, &doc);
    Ok(draft)
}

/// A draft of the source alone, before any rule has run.
fn empty(article: &Article, options: &SourceOptions, published: &str) -> Draft {
    Draft {
        file: SourceFile {
            format: FORMAT_VERSION,
            source: SourceMeta {
                title: options
                    .title
                    .clone()
                    .unwrap_or_else(|| article.title.clone()),
                publisher: options.publisher.clone(),
                url: options.url.clone(),
                published: published.to_string(),
                author: None,
                script: script_of(&article.text).to_string(),
                text: Some(article.text.clone()),
                text_file: None,
            },
            places: Vec::new(),
            industries: Vec::new(),
            companies: Vec::new(),
            strategies: Vec::new(),
            events: Vec::new(),
            statistics: Vec::new(),
            milestones: Vec::new(),
        },
        notes: Vec::new(),
        unused: Vec::new(),
        used: Vec::new(),
    }
}

/// The host place, with its province and city as parents when the gazetteer knows them, so
/// that a name several provinces use resolves.
fn place_entries(draft: &mut Draft, host: &place::Host) {
    let quote = draft
        .file
        .source
        .text
        .as_deref()
        .and_then(|t| t[host.at..].split(['\n', '。', ',', '，']).next())
        .map(str::to_string);
    let year = draft
        .file
        .source
        .published
        .get(..4)
        .and_then(|y| y.parse().ok());
    let parent_name = parent_entries(draft, host, year);
    let code = host
        .division
        .as_ref()
        .filter(|_| !host.zone)
        .and_then(|d| code_if_unsettled(&host.name, parent_name.as_deref(), year, d.code));
    let kind = match host.zone {
        true if host.name.ends_with(['园', '園', '区', '區'])
            && host.name.contains(['园', '園']) =>
        {
            "park"
        }
        true => "zone",
        // Of the division's own name (新乡 is 新乡市: a city).
        false => place::kind(
            host.division.as_ref(),
            host.division
                .as_ref()
                .map_or(host.name.as_str(), |d| d.name),
        ),
    };
    draft.file.places.push(PlaceEntry {
        name: host.name.clone(),
        kind: kind.to_string(),
        parent: parent_name,
        quote,
        code,
        ..Default::default()
    });
    let at = Section::Place(draft.file.places.len() - 1);
    place_notes(draft, host, at);
}

/// The host's province and city as place entries, highest first; the name of the last (the
/// host's parent).
fn parent_entries(draft: &mut Draft, host: &place::Host, year: Option<i32>) -> Option<String> {
    use crate::source::divisions::{Level, gazetteer};
    let g = gazetteer();
    let mut parents: Vec<(String, &'static str, u32)> = Vec::new();
    if let Some(d) = &host.division {
        // A zone's division is its parent (新乡市 of 新乡经济技术开发区).
        let skip = if host.zone { 0 } else { 1 };
        for code in g.ancestors(d.code).into_iter().skip(skip) {
            if let Some(a) = g.code_on(code, year) {
                let kind = place::kind(Some(a), a.name);
                let own = a.code == d.code;
                if (own || a.level != d.level)
                    && !(a.level == Level::Prefecture && d.prefecture == "直辖")
                {
                    parents.push((a.name.to_string(), kind, a.code));
                }
            }
        }
    }
    let mut parent_name: Option<String> = None;
    for (name, kind, code) in parents.iter().rev() {
        // 吐鲁番市 in 2015: the new city or the county-level city it replaced.
        let code = code_if_unsettled(name, parent_name.as_deref(), year, *code);
        draft.file.places.push(PlaceEntry {
            name: name.clone(),
            kind: (*kind).to_string(),
            parent: parent_name.clone(),
            quote: None,
            code,
            ..Default::default()
        });
        parent_name = Some(name.clone());
    }
    parent_name
}

/// The code to write beside a name its parent does not settle in the year (新乡 in 河南省: the
/// city or its county), so that import resolves it.
fn code_if_unsettled(
    name: &str,
    parent: Option<&str>,
    year: Option<i32>,
    code: u32,
) -> Option<String> {
    let g = crate::source::divisions::gazetteer();
    g.resolve(name, parent, year)
        .is_err()
        .then(|| code.to_string())
}

/// The notes on the host place: its division, the doubt, the venue.
fn place_notes(draft: &mut Draft, host: &place::Host, at: Section) {
    match &host.division {
        Some(d) if host.zone => draft.note(
            at,
            format!(
                "a zone or park of {} (division {}), not a division itself: check its kind",
                d.name, d.code
            ),
        ),
        Some(d) => draft.note(
            at,
            format!(
                "division {} ({}, {}); the parents are the gazetteer's",
                d.code,
                d.name,
                d.years()
            ),
        ),
        None => draft.note(
            at,
            "not in the division gazetteer: add its kind and parent".into(),
        ),
    }
    if let Some(doubt) = &host.doubt {
        draft.note(at, doubt.clone());
    }
    if let Some(venue) = &host.venue {
        draft.note(
            at,
            format!("held away from home, in {venue}: the host is the place that signed"),
        );
    }
}
