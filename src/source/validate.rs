//! Checks a source file before anything is written: closed vocabularies, dates, figures, that
//! every quote is a verbatim substring of the source text and every figure appears in its
//! quote, and that names refer to something. It reports every problem of a file at once.
//!
//! Names the file uses but does not declare are returned as [`ExternalRef`]s: the store
//! resolves them against the catalogue (they may have come from an earlier source).

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::source::figure::{self, FORMS_HELP, Quantity};
use crate::source::fold::{fold, is_invisible};
use crate::source::model::{
    AlternativeEntry, BreakdownEntry, CompanyEntry, CompanyLink, EventEntry, EventStatisticEntry,
    FORMAT_VERSIONS, FigureEntry, IndustryEntry, Link, NameAlias, PlaceEntry, ProjectEntry,
    SourceFile, StatisticEntry, StrategyEntry,
};
use crate::source::period;
pub use crate::source::period::is_iso_date;

mod lifecycle;

pub const PLACE_KINDS: &[&str] = &[
    "country",
    "region",
    "province",
    "municipality",
    "prefecture",
    "city",
    "district",
    "county",
    "town",
    "park",
    "zone",
    "bonded_zone",
    "functional_area",
];
pub const NAME_KINDS: &[&str] = &["full", "short", "group"];
pub const BASES: &[&str] = &["stated", "inferred"];
pub const PARENT_RELATIONS: &[&str] = &["subsidiary", "affiliate", "brand"];
pub const LEVELS: &[&str] = &["national", "municipal", "district"];
pub const STRATEGY_KINDS: &[&str] = &[
    "strategy",
    "industrial_layout",
    "goal",
    "work_mode",
    "mechanism",
    "method",
    "task_force",
    "principle",
];
pub const LAYOUT_ROLES: &[&str] = &["main", "special"];
pub const COMPANY_ROLES: &[&str] = &["investor", "operator", "partner", "developer"];
pub const FACT_KINDS: &[&str] = &[
    "capacity",
    "expected_volume",
    "business_scope",
    "goal",
    "positioning",
    "description",
    "area",
    "jobs",
    "output_value",
    "tax",
];
pub const STATISTIC_KINDS: &[&str] = &["period_statistic", "place_fact", "target"];
/// The `by` of a breakdown whose parts are places (科學城江津片區 of a district's headline): each
/// part's name is a place of the file or of the catalogue, and the part is tied to it.
pub const PLACE_PARTS: &str = "place";
pub const SCRIPTS: &[&str] = &["traditional", "simplified"];
/// The longest source text, and the longest other field, in bytes.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;
pub const MAX_FIELD_BYTES: usize = 100 * 1024;

/// What a metric measures, for reading its figures: money may be written without 元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Money,
    Count,
    /// A percentage (开工率 75%): written with `%`.
    Rate,
    /// People (总人口46万): 人 may be left out.
    People,
}

/// The metrics that reports read, with what they measure (docs/format.md lists them). Any other
/// snake_case metric is accepted with a warning naming the closest of these.
pub const KNOWN_METRICS: &[(&str, MetricKind, &str)] = &[
    (
        "agreed_investment",
        MetricKind::Money,
        "協議引資: investment agreed in signed contracts",
    ),
    (
        "signing_events_amount",
        MetricKind::Money,
        "amount signed at concentrated signing events",
    ),
    (
        "funds_in_place",
        MetricKind::Money,
        "實際到位資金: funds actually arrived",
    ),
    (
        "total_investment",
        MetricKind::Money,
        "總投資 of the projects counted",
    ),
    ("projects_signed", MetricKind::Count, "projects signed"),
    (
        "projects_in_band",
        MetricKind::Count,
        "projects within an amount band (with `band`)",
    ),
    (
        "projects_landed",
        MetricKind::Count,
        "projects landed (落地)",
    ),
    (
        "projects_started",
        MetricKind::Count,
        "projects started (開工)",
    ),
    (
        "foreign_invested_projects",
        MetricKind::Count,
        "外資項目: foreign-invested projects",
    ),
    (
        "started_rate",
        MetricKind::Rate,
        "開工率: the share of the period's signed projects started, in % (`reconcile`)",
    ),
    (
        "in_production_rate",
        MetricKind::Rate,
        "投產率: the share of the period's signed projects in production, in % (`reconcile`)",
    ),
    ("companies_visited", MetricKind::Count, "companies visited"),
    (
        "population",
        MetricKind::People,
        "人口: the people of a place (人 may be left out: 總人口46萬)",
    ),
    (
        "leader_investment_trips",
        MetricKind::Count,
        "leaders' investment-promotion trips",
    ),
];

/// How a statistic's value is read, by its metric: money may leave out 元, a population 人.
pub fn statistic_parser(metric: &str) -> fn(&str) -> Result<figure::Figure, String> {
    match metric_kind(metric) {
        Some(MetricKind::Money) => figure::parse_money,
        Some(MetricKind::People) => figure::parse_people,
        _ => figure::parse_figure,
    }
}

/// The kind of a known metric; None for any other.
pub fn metric_kind(metric: &str) -> Option<MetricKind> {
    KNOWN_METRICS
        .iter()
        .find(|(name, _, _)| *name == metric)
        .map(|(_, kind, _)| *kind)
}

/// The known metric closest to `metric` (by edit distance), for a warning.
pub fn closest_metric(metric: &str) -> &'static str {
    KNOWN_METRICS
        .iter()
        .map(|(name, _, _)| (edit_distance(metric, name), *name))
        .min()
        .map_or("agreed_investment", |(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// Units a count of projects may be written in.
const PROJECT_COUNT_UNITS: &[&str] = &["個", "个", "項", "项", "宗"];

/// One thing wrong with a file: where (a field path such as
/// `events[0].projects[3] (北大醫療江津醫院項目).amount.value`) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field: `events[0].projects[3].amount.value`.
    pub path: String,
    /// The record it belongs to, for a reader: `project 北大醫療江津醫院項目`.
    pub context: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.context {
            Some(context) => write!(f, "{} ({context}): {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    Place,
    Industry,
    Company,
    Strategy,
}

impl RefKind {
    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Place => "place",
            RefKind::Industry => "industry",
            RefKind::Company => "company",
            RefKind::Strategy => "strategy",
        }
    }

    pub fn section(self) -> &'static str {
        match self {
            RefKind::Place => "places",
            RefKind::Industry => "industries",
            RefKind::Company => "companies",
            RefKind::Strategy => "strategies",
        }
    }
}

/// A name the file uses without declaring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRef {
    pub kind: RefKind,
    pub name: String,
    pub path: String,
    pub context: Option<String>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// Accepted, but worth a word (an unknown metric).
    pub warnings: Vec<Problem>,
    pub external_refs: Vec<ExternalRef>,
}

struct Checker<'a> {
    text: &'a str,
    /// The file's format version and publication date.
    format: u32,
    published: &'a str,
    context: Option<String>,
    report: Report,
    /// Declared names, folded: a reference in the other script matches.
    places: HashSet<String>,
    industries: HashSet<String>,
    companies: HashSet<String>,
    strategies: HashSet<String>,
    /// Each project key of the file, with the project that has it first.
    project_keys: HashMap<String, String>,
    /// Every field is known to be short and free of control characters: no need to walk them.
    fields_clean: bool,
}

/// Validates `file` whose source text is `text`.
pub fn validate(file: &SourceFile, text: &str) -> Report {
    validate_fields(file, text, false)
}

/// [`validate`] of a file whose facts are `record_json` (the file as canonical JSON without its
/// text, [`crate::source::SourceDocument::record_json`]), which an import has made anyway.
/// When that JSON is shorter than a field may be and holds no control character, and the
/// inline text none either, no field can be too long or hold one: the walk of every field
/// (the file made into a tree of JSON values, 4% of an import) finds nothing and is left out.
pub fn validate_record(file: &SourceFile, text: &str, record_json: &str) -> Report {
    validate_fields(file, text, fields_clean(file, text, record_json))
}

/// Whether [`Checker::lengths`] would find nothing: JSON escapes a string's control characters
/// U+0000–U+001F (`\u00XX`, `\b`, `\f`; line breaks and tabs are allowed) and writes U+007F–U+009F
/// as they are, and no string of it is longer than the whole. (A `\\b`, an escaped backslash
/// before a b, only sends the file the long way.)
fn fields_clean(file: &SourceFile, text: &str, record_json: &str) -> bool {
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    file.source.text_file.is_none()
        && file.source.text.as_deref() == Some(text)
        && text.len() <= MAX_TEXT_BYTES
        && !text.contains(control)
        && record_json.len() <= MAX_FIELD_BYTES
        && !record_json.contains(control)
        && !["\\u00", "\\b", "\\f"]
            .iter()
            .any(|escape| record_json.contains(escape))
}

fn validate_fields(file: &SourceFile, text: &str, fields_clean: bool) -> Report {
    let mut c = Checker {
        text,
        format: file.format,
        published: &file.source.published,
        context: None,
        report: Report::default(),
        places: HashSet::new(),
        industries: HashSet::new(),
        companies: HashSet::new(),
        strategies: HashSet::new(),
        project_keys: HashMap::new(),
        fields_clean,
    };
    if text.len() > MAX_TEXT_BYTES {
        c.problem(
            "source.text",
            format!(
                "the source text is {} bytes long; the limit is {MAX_TEXT_BYTES} bytes",
                text.len()
            ),
        );
    }
    if file.source.text.is_none() {
        c.controls("source.text_file", text);
    }
    c.file(file);
    c.report
}

/// A record's names (its own first, then its aliases), its parent, and where the parent is.
struct ParentLink<'a> {
    names: Vec<&'a str>,
    parent: Option<&'a str>,
    path: String,
}

fn place_parents(places: &[PlaceEntry]) -> Vec<ParentLink<'_>> {
    places
        .iter()
        .enumerate()
        .map(|(i, p)| ParentLink {
            names: std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(|a| a.name.as_str()))
                .collect(),
            parent: p.parent.as_deref(),
            path: format!("places[{i}].parent"),
        })
        .collect()
}

fn industry_parents(industries: &[IndustryEntry]) -> Vec<ParentLink<'_>> {
    industries
        .iter()
        .enumerate()
        .map(|(i, ind)| ParentLink {
            names: std::iter::once(ind.name.as_str())
                .chain(ind.aliases.iter().map(|a| a.name.as_str()))
                .collect(),
            parent: ind.parent.as_deref(),
            path: format!("industries[{i}].parent"),
        })
        .collect()
}

fn company_parents(companies: &[CompanyEntry]) -> Vec<ParentLink<'_>> {
    companies
        .iter()
        .enumerate()
        .map(|(i, co)| ParentLink {
            names: std::iter::once(co.name.as_str())
                .chain(co.aliases.iter().map(|a| a.name.as_str()))
                .collect(),
            parent: co.parent.as_ref().map(|p| p.name.as_str()),
            path: format!("companies[{i}].parent.name"),
        })
        .collect()
}

fn one_of(value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!("`{value}` is not one of: {}", allowed.join(", ")))
    }
}

/// A snake_case word (agreed_investment, sector): a lower-case letter, then lower-case letters,
/// digits and underscores. The schema's CHECKs on `metric` and `by` say the same.
fn is_snake_case(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Shortens long names in paths so messages stay readable.
fn label(name: &str) -> String {
    let short: String = name.chars().take(24).collect();
    if short.len() < name.len() {
        format!("{short}…")
    } else {
        short
    }
}

impl<'a> Checker<'a> {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.report.problems.push(Problem {
            path: path.to_string(),
            context: self.context.clone(),
            message: message.into(),
        });
    }

    /// Names the record that the following problems belong to.
    fn enter(&mut self, noun: &str, name: &str) {
        self.context = Some(format!("{noun} {}", label(name)));
    }

    fn check(&mut self, path: &str, result: Result<(), String>) {
        if let Err(message) = result {
            self.problem(path, message);
        }
    }

    fn quote(&mut self, path: &str, quote: &str) {
        if quote.trim().is_empty() {
            self.problem(
                path,
                "is empty; expected a verbatim fragment of the source text",
            );
        } else if !self.text.contains(quote) {
            self.problem(
                path,
                format!(
                    "`{}` is not in the source text; a quote must be copied verbatim from it",
                    label(quote)
                ),
            );
        }
    }

    fn name(&mut self, path: &str, name: &str) {
        if name.trim().is_empty() {
            self.problem(path, "is empty");
        } else if name.trim() != name {
            self.problem(path, "has leading or trailing spaces");
        } else if let Some(c) = name.chars().find(|c| is_invisible(*c)) {
            // 江津区 and 江\u{200b}津区 look the same and would be two names.
            self.problem(
                path,
                format!(
                    "holds an invisible character (U+{:04X}); names are matched as written, so \
                     remove it",
                    c as u32
                ),
            );
        }
    }

    fn date(&mut self, path: &str, date: &str) {
        if !is_iso_date(date) {
            self.problem(
                path,
                format!("`{date}` is not a real date written YYYY-MM-DD"),
            );
        }
    }

    fn declare(&mut self, kind: RefKind, path: &str, name: &str) {
        let set = match kind {
            RefKind::Place => &mut self.places,
            RefKind::Industry => &mut self.industries,
            RefKind::Company => &mut self.companies,
            RefKind::Strategy => &mut self.strategies,
        };
        if !set.insert(fold(name)) {
            self.problem(
                path,
                format!(
                    "{} `{name}` is declared twice in this file (names match in either script)",
                    kind.noun()
                ),
            );
        }
    }

    fn reference(&mut self, kind: RefKind, path: &str, name: &str) {
        self.name(path, name);
        let declared = match kind {
            RefKind::Place => &self.places,
            RefKind::Industry => &self.industries,
            RefKind::Company => &self.companies,
            RefKind::Strategy => &self.strategies,
        };
        if !declared.contains(&fold(name)) {
            self.report.external_refs.push(ExternalRef {
                kind,
                name: name.to_string(),
                path: path.to_string(),
                context: self.context.clone(),
            });
        }
    }

    fn link(&mut self, kind: RefKind, path: &str, link: &Link) {
        self.reference(kind, &format!("{path}.name"), &link.name);
        self.check(&format!("{path}.basis"), one_of(&link.basis, BASES));
        self.quote(&format!("{path}.quote"), &link.quote);
    }

    /// Parses a figure, checks it appears in its quote, and returns it.
    fn figure(&mut self, path: &str, value: &str, quote: &str) -> Option<figure::Figure> {
        let parsed = self.parsed(path, value, quote, figure::parse_figure);
        if let Some(figure::Figure {
            quantity: Quantity::Measure { value: n, .. },
            ..
        }) = parsed
            && n > figure::MAX_MEASURE
        {
            self.problem(
                path,
                format!(
                    "`{value}` is more than 9000萬億 (9×10¹⁵), the largest value a figure other \
                     than money may state"
                ),
            );
        }
        parsed
    }

    /// A figure read by `parse`, which must appear in its quote.
    fn parsed(
        &mut self,
        path: &str,
        value: &str,
        quote: &str,
        parse: fn(&str) -> Result<figure::Figure, String>,
    ) -> Option<figure::Figure> {
        match parse(value) {
            Ok(f) => {
                self.in_quote(path, value, quote);
                Some(f)
            }
            Err(message) => {
                self.problem(path, message);
                None
            }
        }
    }

    /// A figure in a money field: 1.85億 without 元 is yuan (figure::parse_money).
    fn money(&mut self, path: &str, entry: &FigureEntry) -> Option<figure::Figure> {
        self.quote(&format!("{path}.quote"), &entry.quote);
        self.money_value(&format!("{path}.value"), &entry.value, &entry.quote)
    }

    fn money_value(&mut self, path: &str, value: &str, quote: &str) -> Option<figure::Figure> {
        self.parsed(path, value, quote, figure::parse_money)
    }

    /// A figure must be written as its quote writes it.
    fn in_quote(&mut self, path: &str, value: &str, quote: &str) {
        if !figure::fold_figure_text(quote).contains(&figure::fold_figure_text(value)) {
            self.problem(
                path,
                format!(
                    "`{value}` does not appear in its quote; write the figure as the source does"
                ),
            );
        }
    }

    fn count(&mut self, path: &str, value: &str, quote: &str, units: &[&str]) {
        if let Some(f) = self.parsed(path, value, quote, figure::parse_figure) {
            match f.quantity {
                Quantity::Measure { value: n, ref unit } if units.contains(&unit.as_str()) => {
                    if n.fract() != 0.0 {
                        self.problem(path, format!("`{value}` is not a whole number"));
                    }
                    #[allow(clippy::cast_precision_loss)] // a million is exact
                    if n > figure::MAX_COUNT as f64 {
                        self.problem(
                            path,
                            format!(
                                "`{value}` is more than {} projects, the largest count a figure \
                                 may state",
                                figure::MAX_COUNT
                            ),
                        );
                    }
                }
                _ => self.problem(
                    path,
                    format!(
                        "`{value}` is not a count of projects; expected e.g. 28個 (unit one of {})",
                        units.join(" ")
                    ),
                ),
            }
        }
    }

    /// Refuses absurdly long fields, and control characters, before anything else looks at them.
    /// `path` is the field's path, grown and cut back in place as the walk goes (one buffer for
    /// every field of the file, not a string made for each).
    fn lengths(&mut self, value: &serde_json::Value, path: &mut String) {
        use std::fmt::Write as _;
        match value {
            serde_json::Value::String(text) => {
                self.controls(path, text);
                let limit = if path == "source.text" {
                    MAX_TEXT_BYTES
                } else {
                    MAX_FIELD_BYTES
                };
                if text.len() > limit {
                    self.problem(
                        path,
                        format!("is {} bytes long; the limit is {} bytes", text.len(), limit),
                    );
                }
            }
            serde_json::Value::Array(items) => {
                let at = path.len();
                for (i, item) in items.iter().enumerate() {
                    let _ = write!(path, "[{i}]");
                    self.lengths(item, path);
                    path.truncate(at);
                }
            }
            serde_json::Value::Object(fields) => {
                let at = path.len();
                for (key, item) in fields {
                    if at > 0 {
                        path.push('.');
                    }
                    path.push_str(key);
                    self.lengths(item, path);
                    path.truncate(at);
                }
            }
            _ => {}
        }
    }

    /// A control character (NUL, ESC, BEL …; not a tab or line break) in a field: nothing a
    /// source says, and the site would carry it into its pages. For a text, the line it is on.
    fn controls(&mut self, path: &str, text: &str) {
        let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
        let Some(at) = text.find(control) else {
            return;
        };
        let c = text[at..].chars().next().unwrap_or_default();
        let text_field = path == "source.text" || path == "source.text_file";
        let message = if text_field {
            let line = text[..at].matches('\n').count() + 1;
            format!(
                "line {line} of the text holds U+{:04X}, a control character; remove it (no \
                 article means it, and the site would show it)",
                c as u32
            )
        } else {
            format!(
                "holds U+{:04X}, a control character; remove it (no article means it)",
                c as u32
            )
        };
        self.problem(path, message);
    }

    fn file(&mut self, file: &'a SourceFile) {
        self.header(file);
        for (i, p) in file.places.iter().enumerate() {
            self.place(&format!("places[{i}]"), p);
        }
        for (i, ind) in file.industries.iter().enumerate() {
            self.industry(&format!("industries[{i}]"), ind);
        }
        self.companies(&file.companies);
        // Parents may be declared after their children: looked up once all are known.
        for (i, p) in file.places.iter().enumerate() {
            if let Some(parent) = &p.parent {
                self.enter("place", &p.name);
                self.reference(RefKind::Place, &format!("places[{i}].parent"), parent);
            }
        }
        for (i, ind) in file.industries.iter().enumerate() {
            if let Some(parent) = &ind.parent {
                self.enter("industry", &ind.name);
                self.reference(
                    RefKind::Industry,
                    &format!("industries[{i}].parent"),
                    parent,
                );
            }
        }
        self.cycles(RefKind::Place, &place_parents(&file.places));
        self.cycles(RefKind::Industry, &industry_parents(&file.industries));
        self.cycles(RefKind::Company, &company_parents(&file.companies));
        for (i, st) in file.strategies.iter().enumerate() {
            self.strategy(&format!("strategies[{i}]"), st);
        }
        self.events(&file.events);
        for (i, st) in file.statistics.iter().enumerate() {
            self.statistic(&format!("statistics[{i}]"), st);
        }
        self.milestones(&file.milestones);
    }

    /// The format version, the source's title, date, script and URL; every field's length.
    fn header(&mut self, file: &'a SourceFile) {
        if !self.fields_clean
            && let Ok(value) = serde_json::to_value(file)
        {
            self.lengths(&value, &mut String::new());
        }
        if !FORMAT_VERSIONS.contains(&file.format) {
            self.problem(
                "format",
                format!(
                    "format {} is not supported; expected 1, 2 or 3 (the current one)",
                    file.format
                ),
            );
        }
        let s = &file.source;
        self.name("source.title", &s.title);
        self.date("source.published", &s.published);
        self.check("source.script", one_of(&s.script, SCRIPTS));
        if let Some(url) = &s.url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            self.problem("source.url", format!("`{url}` is not an http(s) URL"));
        }
    }

    fn place(&mut self, path: &str, p: &'a PlaceEntry) {
        self.enter("place", &p.name);
        self.name(&format!("{path}.name"), &p.name);
        self.check(&format!("{path}.kind"), one_of(&p.kind, PLACE_KINDS));
        if let Some(parent) = &p.parent
            && parent == &p.name
        {
            self.problem(
                &format!("{path}.parent"),
                "a place cannot be its own parent",
            );
        }
        if let Some(q) = &p.quote {
            self.quote(&format!("{path}.quote"), q);
        }
        self.declare(RefKind::Place, path, &p.name);
        self.aliases(RefKind::Place, path, &p.aliases);
    }

    /// Other names of a place or industry (format 2): each is a name of its kind in this file.
    fn aliases(&mut self, kind: RefKind, path: &str, aliases: &[NameAlias]) {
        self.needs_v2(&format!("{path}.aliases"), !aliases.is_empty(), "aliases");
        for (j, a) in aliases.iter().enumerate() {
            let apath = format!("{path}.aliases[{j}]");
            self.name(&format!("{apath}.name"), &a.name);
            self.quote(&format!("{apath}.quote"), &a.quote);
            self.check(&format!("{apath}.basis"), one_of(&a.basis, BASES));
            self.declare(kind, &apath, &a.name);
        }
    }

    /// A field that format 2 added, used in a format-1 file.
    fn needs_v2(&mut self, path: &str, present: bool, what: &str) {
        if present && self.format < 2 {
            self.problem(
                path,
                format!(
                    "{what} need `format = 2` at the top of the file (this file says format = 1)"
                ),
            );
        }
    }

    fn industry(&mut self, path: &str, ind: &'a IndustryEntry) {
        self.enter("industry", &ind.name);
        self.name(&format!("{path}.name"), &ind.name);
        if let Some(parent) = &ind.parent
            && fold(parent) == fold(&ind.name)
        {
            self.problem(
                &format!("{path}.parent"),
                "an industry cannot be its own parent",
            );
        }
        self.quote(&format!("{path}.quote"), &ind.quote);
        self.declare(RefKind::Industry, path, &ind.name);
        self.aliases(RefKind::Industry, path, &ind.aliases);
        self.needs_v2(
            &format!("{path}.distinct_from"),
            !ind.distinct_from.is_empty(),
            "distinct_from",
        );
        for (j, other) in ind.distinct_from.iter().enumerate() {
            let opath = format!("{path}.distinct_from[{j}]");
            if fold(other) == fold(&ind.name) {
                self.problem(&opath, format!("`{other}` is this industry's own name"));
            } else {
                self.reference(RefKind::Industry, &opath, other);
            }
        }
    }

    fn companies(&mut self, companies: &'a [CompanyEntry]) {
        let mut aliases: HashSet<&str> = HashSet::new();
        for (i, co) in companies.iter().enumerate() {
            self.enter("company", &co.name);
            let path = format!("companies[{i}]");
            self.name(&format!("{path}.name"), &co.name);
            self.check(
                &format!("{path}.name_kind"),
                one_of(&co.name_kind, NAME_KINDS),
            );
            self.quote(&format!("{path}.quote"), &co.quote);
            for (j, a) in co.aliases.iter().enumerate() {
                let apath = format!("{path}.aliases[{j}]");
                self.name(&format!("{apath}.name"), &a.name);
                self.check(
                    &format!("{apath}.name_kind"),
                    one_of(&a.name_kind, NAME_KINDS),
                );
                self.quote(&format!("{apath}.quote"), &a.quote);
                if !aliases.insert(&a.name) || a.name == co.name {
                    self.problem(
                        &format!("{apath}.name"),
                        format!("alias `{}` is given twice", a.name),
                    );
                }
            }
            for (field, home) in [
                ("home_city", &co.home_city),
                ("home_country", &co.home_country),
            ] {
                if let Some(h) = home {
                    self.name(&format!("{path}.{field}.name"), &h.name);
                    self.check(&format!("{path}.{field}.basis"), one_of(&h.basis, BASES));
                    self.quote(&format!("{path}.{field}.quote"), &h.quote);
                }
            }
            self.needs_v2(
                &format!("{path}.home_country"),
                co.home_country.is_some(),
                "home_country",
            );
            self.declare(RefKind::Company, &path, &co.name);
        }
        // Parents may be declared after their affiliates, so check them once all are known.
        for (i, co) in companies.iter().enumerate() {
            if let Some(parent) = &co.parent {
                self.enter("company", &co.name);
                let path = format!("companies[{i}].parent");
                if parent.name == co.name {
                    self.problem(&path, "a company cannot be its own parent");
                }
                self.reference(RefKind::Company, &format!("{path}.name"), &parent.name);
                self.check(
                    &format!("{path}.relation"),
                    one_of(&parent.relation, PARENT_RELATIONS),
                );
                self.quote(&format!("{path}.quote"), &parent.quote);
            }
        }
    }

    /// Parents that lead back to their child (A → B → A) within the file: refused once per
    /// cycle, at the parent of the cycle's first record. (One's own parent is said above; the
    /// catalogue's records never point at a new one, so a cycle lies within one file.)
    fn cycles(&mut self, kind: RefKind, records: &[ParentLink]) {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            for name in &r.names {
                index.entry(fold(name)).or_insert(i);
            }
        }
        let parent_of = |i: usize| {
            let parent: &Option<&str> = &records[i].parent;
            parent.and_then(|p| index.get(&fold(p)).copied())
        };
        // 0: not seen; 1: on the chain being followed; 2: done.
        let mut state = vec![0u8; records.len()];
        for start in 0..records.len() {
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                if state[i] == 1 {
                    let cycle = &chain[chain.iter().position(|&j| j == i).unwrap_or(0)..];
                    self.cycle(kind, records, cycle);
                }
                if state[i] != 0 {
                    break;
                }
                state[i] = 1;
                chain.push(i);
                at = parent_of(i);
            }
            for i in chain {
                state[i] = 2;
            }
        }
    }

    fn cycle(&mut self, kind: RefKind, records: &[ParentLink], cycle: &[usize]) {
        let Some(&first) = cycle.iter().min() else {
            return;
        };
        if cycle.len() < 2 {
            return;
        }
        let at = cycle.iter().position(|&i| i == first).unwrap_or(0);
        let mut names: Vec<&str> = cycle[at..]
            .iter()
            .chain(&cycle[..at])
            .map(|&i| records[i].names[0])
            .collect();
        names.push(records[first].names[0]);
        let noun = kind.noun();
        self.enter(noun, records[first].names[0]);
        self.problem(
            &records[first].path,
            format!(
                "the parents lead back to this {noun} ({}); no {noun} can be its own ancestor",
                names.join(" → ")
            ),
        );
    }

    fn strategy(&mut self, path: &str, st: &'a StrategyEntry) {
        self.enter("strategy", &st.name);
        self.name(&format!("{path}.name"), &st.name);
        self.check(&format!("{path}.level"), one_of(&st.level, LEVELS));
        self.check(&format!("{path}.kind"), one_of(&st.kind, STRATEGY_KINDS));
        if let Some(place) = &st.place {
            self.reference(RefKind::Place, &format!("{path}.place"), place);
        }
        self.quote(&format!("{path}.quote"), &st.quote);
        for (j, l) in st.places.iter().enumerate() {
            self.link(RefKind::Place, &format!("{path}.places[{j}]"), l);
        }
        for (j, l) in st.industries.iter().enumerate() {
            self.link(RefKind::Industry, &format!("{path}.industries[{j}]"), l);
        }
        if !st.layout.is_empty() && st.kind != "industrial_layout" {
            self.problem(
                &format!("{path}.layout"),
                "only a strategy of kind `industrial_layout` has a layout",
            );
        }
        let mut in_layout = HashSet::new();
        for (j, l) in st.layout.iter().enumerate() {
            let lpath = format!("{path}.layout[{j}]");
            self.reference(RefKind::Industry, &format!("{lpath}.industry"), &l.industry);
            self.check(&format!("{lpath}.role"), one_of(&l.role, LAYOUT_ROLES));
            self.quote(&format!("{lpath}.quote"), &l.quote);
            if !in_layout.insert(l.industry.as_str()) {
                self.problem(&lpath, format!("industry `{}` is listed twice", l.industry));
            }
        }
        self.declare(RefKind::Strategy, path, &st.name);
    }

    fn events(&mut self, events_in_file: &'a [EventEntry]) {
        let mut events = HashSet::new();
        for (i, ev) in events_in_file.iter().enumerate() {
            self.enter("event", &ev.name);
            let path = format!("events[{i}]");
            if !events.insert(ev.name.as_str()) {
                self.problem(
                    &path,
                    format!("event `{}` appears twice in this file", ev.name),
                );
            }
            self.event(&path, ev);
        }
    }

    /// A metric's name: snake_case; one that no report reads gets a warning (format 2).
    fn metric(&mut self, path: &str, metric: &str) {
        if !is_snake_case(metric) {
            self.problem(
                path,
                format!("`{metric}` is not a snake_case name such as agreed_investment"),
            );
        } else if self.format >= 2 && metric_kind(metric).is_none() {
            self.report.warnings.push(Problem {
                path: path.to_string(),
                context: self.context.clone(),
                message: format!(
                    "`{metric}` is not a metric that reports read (closest: {}); it is kept \
                     as written (docs/format.md lists the known ones)",
                    closest_metric(metric)
                ),
            });
        }
    }

    /// A statistic's value: money may leave out 元 when its metric is money.
    fn statistic_value(
        &mut self,
        path: &str,
        metric: &str,
        value: &str,
        quote: &str,
    ) -> Option<figure::Figure> {
        match metric_kind(metric) {
            Some(MetricKind::Money) => self.money_value(path, value, quote),
            Some(MetricKind::Rate) => {
                let figure = self.figure(path, value, quote);
                if let Some(f) = &figure
                    && !matches!(&f.quantity, Quantity::Measure { unit, .. } if unit == "%")
                {
                    self.problem(
                        path,
                        format!("`{value}` is not a percentage; `{metric}` is written e.g. 75%"),
                    );
                }
                figure
            }
            Some(MetricKind::People) => self.parsed(path, value, quote, figure::parse_people),
            _ => self.figure(path, value, quote),
        }
    }

    /// Other figures for the same quantity (format 2), each read as the primary one is.
    fn alternatives(&mut self, path: &str, alternatives: &[AlternativeEntry], money: bool) {
        self.needs_v2(path, !alternatives.is_empty(), "alternatives");
        for (j, a) in alternatives.iter().enumerate() {
            let apath = format!("{path}[{j}]");
            self.quote(&format!("{apath}.quote"), &a.quote);
            if money {
                self.money_value(&format!("{apath}.value"), &a.value, &a.quote);
            } else {
                self.figure(&format!("{apath}.value"), &a.value, &a.quote);
            }
        }
    }

    /// The parts of a whole (format 2): each with a count of projects and/or an amount.
    fn breakdowns(&mut self, path: &str, breakdowns: &[BreakdownEntry]) {
        self.needs_v2(path, !breakdowns.is_empty(), "breakdowns");
        for (j, b) in breakdowns.iter().enumerate() {
            let bpath = format!("{path}[{j}]");
            self.metric_name(&format!("{bpath}.by"), &b.by);
            // one part is a part the source states; the rest of the whole is left unstated
            if b.parts.is_empty() {
                self.problem(
                    &format!("{bpath}.parts"),
                    "a breakdown needs at least one part",
                );
            }
            let mut names = HashSet::new();
            for (k, part) in b.parts.iter().enumerate() {
                let ppath = format!("{bpath}.parts[{k}]");
                self.name(&format!("{ppath}.name"), &part.name);
                if !names.insert(part.name.as_str()) {
                    self.problem(&ppath, format!("part `{}` is listed twice", part.name));
                }
                self.quote(&format!("{ppath}.quote"), &part.quote);
                if b.by == PLACE_PARTS {
                    self.reference(RefKind::Place, &format!("{ppath}.name"), &part.name);
                }
                if let Some(count) = &part.count {
                    self.count(
                        &format!("{ppath}.count"),
                        count,
                        &part.quote,
                        PROJECT_COUNT_UNITS,
                    );
                }
                if let Some(amount) = &part.amount {
                    self.money_value(&format!("{ppath}.amount"), amount, &part.quote);
                }
                if part.count.is_none() && part.amount.is_none() {
                    self.problem(
                        &ppath,
                        "a part needs a `count` (51個) or an `amount` (167.1億元), or both",
                    );
                }
            }
        }
    }

    /// A snake_case word (a breakdown's `by`).
    fn metric_name(&mut self, path: &str, word: &str) {
        if !is_snake_case(word) {
            self.problem(
                path,
                format!("`{word}` is not a snake_case word such as sector, area or origin"),
            );
        }
    }

    fn statistic(&mut self, path: &str, st: &'a StatisticEntry) {
        self.enter("statistic", &st.metric);
        self.check(&format!("{path}.kind"), one_of(&st.kind, STATISTIC_KINDS));
        self.reference(RefKind::Place, &format!("{path}.place"), &st.place);
        self.metric(&format!("{path}.metric"), &st.metric);
        self.quote(&format!("{path}.quote"), &st.quote);
        let figure =
            self.statistic_value(&format!("{path}.value"), &st.metric, &st.value, &st.quote);
        let money = figure
            .as_ref()
            .is_some_and(|f| matches!(f.quantity, Quantity::Money { .. }));
        self.alternatives(&format!("{path}.alternatives"), &st.alternatives, money);
        self.breakdowns(&format!("{path}.breakdowns"), &st.breakdowns);
        if let Some(band) = &st.band {
            self.band(&format!("{path}.band"), band, &st.quote);
            if let Some(f) = &figure
                && matches!(f.quantity, Quantity::Money { .. })
            {
                self.problem(
                    &format!("{path}.value"),
                    "a statistic with a band counts projects; expected e.g. 11個",
                );
            }
        }
        for (field, date) in [("from", &st.from), ("to", &st.to)] {
            if let Some(d) = date {
                self.date(&format!("{path}.{field}"), d);
            }
        }
        if let (Some(from), Some(to)) = (&st.from, &st.to)
            && is_iso_date(from)
            && is_iso_date(to)
            && from > to
        {
            self.problem(
                &format!("{path}.to"),
                format!("period ends ({to}) before it starts ({from})"),
            );
        }
        if st.kind == "target" && (st.from.is_none() || st.to.is_none()) {
            self.problem(path, "a target needs its period: `from` and `to`");
        }
    }

    fn band(&mut self, path: &str, band: &str, quote: &str) {
        if let Err(message) = figure::parse_band(band) {
            self.problem(path, message);
        } else if !figure::fold_figure_text(quote).contains(&figure::fold_figure_text(band)) {
            self.problem(
                path,
                format!("`{band}` does not appear in its quote; write the band as the source does"),
            );
        }
    }

    fn event(&mut self, path: &str, ev: &EventEntry) {
        self.name(&format!("{path}.name"), &ev.name);
        self.reference(RefKind::Place, &format!("{path}.place"), &ev.place);
        self.event_stage(path, ev);
        self.when(path, ev);
        self.quote(&format!("{path}.quote"), &ev.quote);
        if let Some(pc) = &ev.project_count {
            self.quote(&format!("{path}.project_count.quote"), &pc.quote);
            self.count(
                &format!("{path}.project_count.value"),
                &pc.value,
                &pc.quote,
                PROJECT_COUNT_UNITS,
            );
            self.counts(
                &format!("{path}.project_count.alternatives"),
                &pc.alternatives,
            );
        }
        if let Some(amount) = &ev.signed_amount {
            self.money(&format!("{path}.signed_amount"), amount);
            self.alternatives(
                &format!("{path}.signed_amount.alternatives"),
                &amount.alternatives,
                true,
            );
        }
        self.event_statistics(path, &ev.statistics);
        self.breakdowns(&format!("{path}.breakdowns"), &ev.breakdowns);
        for (j, b) in ev.bands.iter().enumerate() {
            let bpath = format!("{path}.bands[{j}]");
            self.quote(&format!("{bpath}.quote"), &b.quote);
            self.band(&format!("{bpath}.band"), &b.band, &b.quote);
            self.count(
                &format!("{bpath}.count"),
                &b.count,
                &b.quote,
                PROJECT_COUNT_UNITS,
            );
        }
        for (j, l) in ev.industries.iter().enumerate() {
            self.link(RefKind::Industry, &format!("{path}.industries[{j}]"), l);
        }
        for (j, l) in ev.strategies.iter().enumerate() {
            self.link(RefKind::Strategy, &format!("{path}.strategies[{j}]"), l);
        }
        self.needs_v2(
            &format!("{path}.companies"),
            !ev.companies.is_empty(),
            "an event's companies",
        );
        self.company_links(&format!("{path}.companies"), &ev.companies);
        let mut names = HashSet::new();
        for (j, p) in ev.projects.iter().enumerate() {
            self.enter("project", &p.name);
            let ppath = format!("{path}.projects[{j}]");
            if !names.insert(p.name.as_str()) {
                self.problem(
                    &ppath,
                    format!("project `{}` appears twice in this event", p.name),
                );
            }
            self.project(&ppath, p);
        }
    }

    /// The companies of a project, or of an event (format 2): each once in a role.
    fn company_links(&mut self, path: &str, links: &[CompanyLink]) {
        let mut seen = HashSet::new();
        for (k, c) in links.iter().enumerate() {
            let cpath = format!("{path}[{k}]");
            self.reference(RefKind::Company, &format!("{cpath}.name"), &c.name);
            self.check(&format!("{cpath}.role"), one_of(&c.role, COMPANY_ROLES));
            self.check(&format!("{cpath}.basis"), one_of(&c.basis, BASES));
            self.quote(&format!("{cpath}.quote"), &c.quote);
            if !seen.insert((c.name.as_str(), c.role.as_str())) {
                self.problem(
                    &cpath,
                    format!("company `{}` is listed twice as {}", c.name, c.role),
                );
            }
        }
    }

    /// A ceremony's day, or (format 2) a report's period.
    fn when(&mut self, path: &str, ev: &EventEntry) {
        let period = ev.from.is_some() || ev.to.is_some() || ev.period.is_some();
        let field = if ev.from.is_some() {
            "from"
        } else if ev.to.is_some() {
            "to"
        } else {
            "period"
        };
        self.needs_v2(
            &format!("{path}.{field}"),
            period,
            "periods (`from`, `to`, `period`)",
        );
        if let Some(date) = &ev.date {
            self.date(&format!("{path}.date"), date);
        }
        for (field, date) in [("from", &ev.from), ("to", &ev.to)] {
            if let Some(d) = date {
                self.date(&format!("{path}.{field}"), d);
            }
        }
        let dates_ok = [&ev.date, &ev.from, &ev.to]
            .iter()
            .all(|d| d.as_deref().is_none_or(is_iso_date));
        if !dates_ok {
            return;
        }
        match period::event_when(ev, self.published) {
            Err(e) => self.problem(&format!("{path}.{}", e.field), e.message),
            Ok(when) => {
                let field = if ev.from.is_some() {
                    "from"
                } else if ev.period.is_some() {
                    "period"
                } else {
                    "date"
                };
                self.after_publication(&format!("{path}.{field}"), &when);
            }
        }
    }

    /// An event after its article: an article reports what has happened, so a day more than a
    /// year after it is a wrong year (refused); a later day within the year is worth a word.
    fn after_publication(&mut self, path: &str, when: &period::When) {
        let start = match when {
            period::When::Day(day) => day,
            period::When::Period { from, .. } => from,
        };
        let published = self.published;
        if !is_iso_date(published) || start.as_str() <= published {
            return;
        }
        let year = |d: &str| d.get(..4).and_then(|y| y.parse::<i32>().ok()).unwrap_or(0);
        let a_year_later = format!("{:04}{}", year(published) + 1, &published[4..]);
        if start.as_str() > a_year_later.as_str() {
            let years = year(start) - year(published);
            self.problem(
                path,
                format!(
                    "the event starts on {start}, {years} year{} after its article was \
                     published ({published}); an article reports what has happened: is the \
                     year wrong?",
                    if years == 1 { "" } else { "s" }
                ),
            );
        } else {
            self.report.warnings.push(Problem {
                path: path.to_string(),
                context: self.context.clone(),
                message: format!(
                    "the event starts on {start}, after its article was published \
                     ({published}); a ceremony announced in advance has not happened yet"
                ),
            });
        }
    }

    /// Alternative counts of projects.
    fn counts(&mut self, path: &str, alternatives: &[AlternativeEntry]) {
        self.needs_v2(path, !alternatives.is_empty(), "alternatives");
        for (j, a) in alternatives.iter().enumerate() {
            let apath = format!("{path}[{j}]");
            self.quote(&format!("{apath}.quote"), &a.quote);
            self.count(
                &format!("{apath}.value"),
                &a.value,
                &a.quote,
                PROJECT_COUNT_UNITS,
            );
        }
    }

    fn event_statistics(&mut self, path: &str, statistics: &[EventStatisticEntry]) {
        self.needs_v2(
            &format!("{path}.statistics"),
            !statistics.is_empty(),
            "event statistics",
        );
        for (j, st) in statistics.iter().enumerate() {
            let spath = format!("{path}.statistics[{j}]");
            self.metric(&format!("{spath}.metric"), &st.metric);
            self.quote(&format!("{spath}.quote"), &st.quote);
            let figure =
                self.statistic_value(&format!("{spath}.value"), &st.metric, &st.value, &st.quote);
            let money = figure.is_some_and(|f| matches!(f.quantity, Quantity::Money { .. }));
            self.alternatives(&format!("{spath}.alternatives"), &st.alternatives, money);
        }
    }

    /// A project's `key` (one project a key) and `same_as` (a catalogued project's source and
    /// name, or its key).
    fn project_identity(&mut self, path: &str, p: &ProjectEntry) {
        self.needs_v2(&format!("{path}.key"), p.key.is_some(), "project keys");
        if let Some(key) = &p.key {
            self.name(&format!("{path}.key"), key);
            match self.project_keys.get(key) {
                Some(first) => self.problem(
                    &format!("{path}.key"),
                    format!(
                        "`{key}` is already the key of {first} in this file; a key names one \
                         project"
                    ),
                ),
                None => {
                    self.project_keys.insert(key.clone(), path.to_string());
                }
            }
        }
        if let Some(same) = &p.same_as {
            let spath = format!("{path}.same_as");
            self.needs_v2(&spath, true, "`same_as`");
            match (&same.source, &same.name, &same.key) {
                (Some(source), Some(name), None) => {
                    self.name(&format!("{spath}.source"), source);
                    self.name(&format!("{spath}.name"), name);
                }
                (None, None, Some(key)) => self.name(&format!("{spath}.key"), key),
                _ => self.problem(
                    &spath,
                    "expected the catalogued project's `source` (its URL or title) and `name`, \
                     or its `key`",
                ),
            }
            if p.key.is_some() {
                self.problem(
                    &format!("{path}.key"),
                    "a project that is the same as a catalogued one keeps that one's key",
                );
            }
        }
    }

    fn project(&mut self, path: &str, p: &ProjectEntry) {
        self.name(&format!("{path}.name"), &p.name);
        self.quote(&format!("{path}.quote"), &p.quote);
        if let Some(amount) = &p.amount {
            self.money(&format!("{path}.amount"), amount);
            self.alternatives(
                &format!("{path}.amount.alternatives"),
                &amount.alternatives,
                true,
            );
        }
        self.project_identity(path, p);
        if let Some(place) = &p.place {
            self.link(RefKind::Place, &format!("{path}.place"), place);
        }
        self.company_links(&format!("{path}.companies"), &p.companies);
        for (k, l) in p.industries.iter().enumerate() {
            self.link(RefKind::Industry, &format!("{path}.industries[{k}]"), l);
        }
        for (k, l) in p.strategies.iter().enumerate() {
            self.link(RefKind::Strategy, &format!("{path}.strategies[{k}]"), l);
        }
        for (k, f) in p.facts.iter().enumerate() {
            let fpath = format!("{path}.facts[{k}]");
            self.check(&format!("{fpath}.kind"), one_of(&f.kind, FACT_KINDS));
            self.quote(&format!("{fpath}.quote"), &f.quote);
            if let Some(value) = &f.value {
                self.figure(&format!("{fpath}.value"), value, &f.quote);
            }
            if f.value.is_none() && f.statement.is_none() {
                self.problem(
                    &fpath,
                    format!("a fact needs a `value` ({FORMS_HELP}) or a `statement`, or both"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn dates() {
        assert!(is_iso_date("2023-12-27"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2023-13-01"));
        assert!(!is_iso_date("2023-1-01"));
        assert!(!is_iso_date("2023-12-+1"));
    }
}
