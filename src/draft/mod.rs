//! `draft`: from an article to a source file. The rules here read the common patterns of
//! signing reports (the event and its date, the headline count and amount, band counts, named
//! projects with their amounts, companies and the projects one sentence links them to,
//! industries listed, figures of the year and targets) and cut every quote verbatim from the
//! text. What they are unsure of carries a `# check:` note; what they cannot place is listed,
//! so nothing is dropped without a word. Nothing here touches the database.

mod emit;
mod event;
mod figures;
pub mod input;
mod projects;
mod scan;

use anyhow::{Result, bail};

pub use emit::{to_json, to_toml};
pub use input::Article;

use crate::source::model::{FORMAT_VERSION, SourceFile, SourceMeta};
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
    used: Vec<(String, String)>,
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

    fn used(&mut self, sentence: &str, figure: &str) {
        self.used.push((sentence.to_string(), figure.to_string()));
    }

    fn is_used(&self, sentence: &str, figure: &str) -> bool {
        self.used
            .iter()
            .any(|(s, f)| s == sentence && (f.contains(figure) || figure.contains(f.as_str())))
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
    let mut draft = Draft {
        file: SourceFile {
            format: FORMAT_VERSION,
            source: SourceMeta {
                title: options
                    .title
                    .clone()
                    .unwrap_or_else(|| article.title.clone()),
                publisher: options.publisher.clone(),
                url: options.url.clone(),
                published: published.clone(),
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
        },
        notes: Vec::new(),
        unused: Vec::new(),
        used: Vec::new(),
    };
    let all = scan::sentences(&article.text);
    // The title is the first line; the body is the rest.
    let body: Vec<scan::Sentence> = all.into_iter().skip(1).collect();
    let Some(place) = event::place(&mut draft, &article.title, &body) else {
        draft.note(
            Section::Source,
            "no district, county or city found: nothing drafted but the source".into(),
        );
        figures::unused(&mut draft, &body);
        return Ok(draft);
    };
    event::event(&mut draft, &place, &article.title, &body, &published);
    event::headline(&mut draft, &article.title, &body);
    event::bands(&mut draft, &body);
    projects::industries(&mut draft, &body);
    projects::projects(&mut draft, &body);
    projects::companies(&mut draft, &body);
    figures::statistics(&mut draft, &place, &body, &published);
    figures::unused(&mut draft, &body);
    Ok(draft)
}
