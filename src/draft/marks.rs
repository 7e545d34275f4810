//! Where each drafted fact stands in the article, for `draft --preview`: the words it drafted (a
//! figure, a name) found inside its quote, or the quote itself; its kind; the `# check:` notes
//! of its record; and where the figures no record uses stand. Read from the draft as it is
//! written out, so that the preview shows what the file says.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{Doc, Topic};
use super::{Draft, Section};

/// What a marked passage drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The event's (or period report's) own quote.
    Event,
    Date,
    Period,
    Place,
    /// The headline count and amount, band counts, the parts of a breakdown, project amounts.
    Figure,
    Project,
    Company,
    Industry,
    /// A statistic of the event or the place, or a target.
    Statistic,
}

/// One drafted fact at its place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte span in the article's text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// What was drafted, as a reader says it: `project count: 14个`.
    pub fact: String,
    /// The `# check:` notes of its record, on the record's own mark.
    pub notes: Vec<String>,
}

/// The marks of a draft.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub marks: Vec<Mark>,
    /// Figures no record uses: (start, end, the figure and why).
    pub unused: Vec<(usize, usize, String)>,
    /// Notes no mark carries: the source's, and a record's whose quote is not in the text.
    pub notes: Vec<String>,
    /// Figures not used that could not be placed in the text, as the draft lists them.
    pub unplaced: Vec<String>,
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::compile(r"(?:((?:19|20)[0-9]{2})\s*年\s*)?([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*(?:日|号|號)?")
        .unwrap_or_else(|e| panic!("the date pattern: {e}"))
});

struct Collect<'a> {
    text: &'a str,
    used: &'a [(usize, usize)],
    out: Marks,
}

impl Collect<'_> {
    /// Where `quote` stands: its first occurrence that records use, else its first.
    fn quote(&self, quote: &str) -> Option<(usize, usize)> {
        if quote.is_empty() {
            return None;
        }
        let mut first = None;
        for (at, _) in self.text.match_indices(quote) {
            let span = (at, at + quote.len());
            if self.used.iter().any(|&(s, e)| s < span.1 && span.0 < e) {
                return Some(span);
            }
            first.get_or_insert(span);
        }
        first
    }

    /// `words` inside the quote, else (when `whole`) the quote itself.
    fn within(&self, quote: &str, words: &str, whole: bool) -> Option<(usize, usize)> {
        let (s, e) = self.quote(quote)?;
        let found = (!words.is_empty())
            .then(|| self.text[s..e].find(words))
            .flatten();
        match found {
            Some(i) => Some((s + i, s + i + words.len())),
            None => whole.then_some((s, e)),
        }
    }

    /// A mark; a record's notes go to the page's list when its quote is not found.
    fn add(&mut self, span: Option<(usize, usize)>, kind: Kind, fact: String, notes: Vec<String>) {
        match span {
            Some((start, end)) => self.out.marks.push(Mark {
                start,
                end,
                kind,
                fact,
                notes,
            }),
            None => self.out.notes.extend(
                notes
                    .into_iter()
                    .map(|n| format!("{fact} (its quote is not in the text): {n}")),
            ),
        }
    }
}

fn notes_of(draft: &Draft, section: Section) -> Vec<String> {
    draft
        .notes
        .iter()
        .filter(|(s, _)| *s == section)
        .map(|(_, n)| n.clone())
        .collect()
}

/// Every drafted fact of `draft` at its place in the text.
pub fn marks(draft: &Draft) -> Marks {
    let text = draft.file.source.text.as_deref().unwrap_or_default();
    let mut c = Collect {
        text,
        used: &draft.used,
        out: Marks {
            notes: notes_of(draft, Section::Source),
            ..Marks::default()
        },
    };
    let doc = Doc::new(text, &draft.file.source.published);
    places(&mut c, draft);
    events(&mut c, draft, &doc);
    projects(&mut c, draft);
    for co in &draft.file.companies {
        let span = c.within(&co.quote, &co.name, true);
        c.add(
            span,
            Kind::Company,
            format!("company: {}", co.name),
            Vec::new(),
        );
    }
    for i in &draft.file.industries {
        let span = c.within(&i.quote, &i.name, true);
        c.add(
            span,
            Kind::Industry,
            format!("industry: {}", i.name),
            Vec::new(),
        );
    }
    statistics(&mut c, draft, &doc);
    unused(&mut c, draft);
    c.out
}

/// The longest start of `name` (two characters or more) inside the quote: 缙云 of 缙云县.
fn place_in(c: &Collect, quote: &str, name: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = name.chars().collect();
    (2..=chars.len())
        .rev()
        .find_map(|n| c.within(quote, &chars[..n].iter().collect::<String>(), false))
        .or_else(|| c.quote(quote))
}

fn places(c: &mut Collect, draft: &Draft) {
    for (i, p) in draft.file.places.iter().enumerate() {
        let notes = notes_of(draft, Section::Place(i));
        let fact = format!("place: {} ({})", p.name, p.kind);
        match &p.quote {
            Some(q) => {
                let span = place_in(c, q, &p.name);
                c.add(span, Kind::Place, fact, notes);
            }
            None => c.add(None, Kind::Place, fact, notes),
        }
    }
}

fn events(c: &mut Collect, draft: &Draft, doc: &Doc) {
    for (i, e) in draft.file.events.iter().enumerate() {
        let report = e.from.is_some() || e.period.is_some();
        let what = if report { "period report" } else { "event" };
        let headline = c.quote(&e.quote);
        c.add(
            headline,
            Kind::Event,
            format!("{what}: {}", e.name),
            notes_of(draft, Section::Event(i)),
        );
        if let (Some(date), Some(at)) = (&e.date, headline) {
            let span = date_at(doc, date, at.0);
            c.add(span, Kind::Date, format!("date: {date}"), Vec::new());
        }
        if let (Some(from), Some(to), Some(at)) = (&e.from, &e.to, headline) {
            period_at(c, doc, from, to, at.0);
        }
        for (name, figure) in [
            ("project count", &e.project_count),
            ("signed amount", &e.signed_amount),
        ] {
            let Some(f) = figure else { continue };
            let span = c.within(&f.quote, &f.value, true);
            c.add(
                span,
                Kind::Figure,
                format!("{name}: {}", f.value),
                Vec::new(),
            );
            for a in &f.alternatives {
                let span = c.within(&a.quote, &a.value, true);
                let fact = format!("{name}, alternative: {}", a.value);
                c.add(span, Kind::Figure, fact, Vec::new());
            }
        }
        for b in &e.bands {
            let span = c.within(&b.quote, &b.count, true);
            let fact = format!("band {}: {}", b.band, b.count);
            c.add(span, Kind::Figure, fact, Vec::new());
        }
        for part in e.breakdowns.iter().flat_map(|b| &b.parts) {
            let figures = [&part.count, &part.amount].into_iter().flatten();
            let figures: Vec<&str> = figures.map(String::as_str).collect();
            let fact = format!("part {}: {}", part.name, figures.join(", "));
            c.add(c.quote(&part.quote), Kind::Figure, fact, Vec::new());
        }
        for s in &e.statistics {
            let span = c.within(&s.quote, &s.value, true);
            let fact = format!("event statistic {}: {}", s.metric, s.value);
            c.add(span, Kind::Statistic, fact, Vec::new());
        }
        for l in &e.industries {
            let span = c.within(&l.quote, &l.name, false);
            c.add(
                span,
                Kind::Industry,
                format!("industry of the event: {}", l.name),
                Vec::new(),
            );
        }
    }
}

fn projects(c: &mut Collect, draft: &Draft) {
    let all = draft.file.events.iter().flat_map(|e| &e.projects);
    for (k, p) in all.enumerate() {
        let mut fact = format!("project: {}", p.name);
        for co in &p.companies {
            fact.push_str(&format!("; {}: {}", co.role, co.name));
            if let Some(span) = c.within(&co.quote, &co.name, false) {
                let link = format!("{} of {}: {}", co.role, p.name, co.name);
                c.add(Some(span), Kind::Company, link, Vec::new());
            }
        }
        for l in &p.industries {
            fact.push_str(&format!("; industry: {}", l.name));
            if let Some(span) = c.within(&l.quote, &l.name, false) {
                let link = format!("industry of {}: {}", p.name, l.name);
                c.add(Some(span), Kind::Industry, link, Vec::new());
            }
        }
        let span = c.within(&p.quote, &p.name, true);
        c.add(
            span,
            Kind::Project,
            fact,
            notes_of(draft, Section::Project(k)),
        );
        if let Some(a) = &p.amount {
            let span = c.within(&a.quote, &a.value, true);
            let fact = format!("amount of {}: {}", p.name, a.value);
            c.add(span, Kind::Figure, fact, Vec::new());
        }
        for f in &p.facts {
            let words = f.value.as_deref().or(f.statement.as_deref()).unwrap_or("");
            let span = c.within(&f.quote, words, true);
            let fact = format!("{} of {}: {words}", f.kind, p.name);
            c.add(span, Kind::Project, fact, Vec::new());
        }
    }
}

fn statistics(c: &mut Collect, draft: &Draft, doc: &Doc) {
    for (i, s) in draft.file.statistics.iter().enumerate() {
        let span = c.within(&s.quote, &s.value, true);
        let label = s.label.as_deref().unwrap_or(&s.metric);
        let fact = format!("{} {}: {} ({label})", s.kind, s.metric, s.value);
        c.add(
            span,
            Kind::Statistic,
            fact,
            notes_of(draft, Section::Statistic(i)),
        );
        if let (Some(from), Some(to), Some(at)) = (&s.from, &s.to, c.quote(&s.quote)) {
            period_at(c, doc, from, to, at.0);
        }
    }
}

/// The words that name the period `from`–`to` for the clause at `at`: in that clause or one
/// before it that has the same period.
fn period_at(c: &mut Collect, doc: &Doc, from: &str, to: &str, at: usize) {
    let Some(last) = doc
        .clauses
        .iter()
        .rposition(|cl| cl.start <= at && at <= cl.start + cl.text.len())
    else {
        return;
    };
    for cl in doc.clauses[..=last].iter().rev() {
        let Topic::Period(f, t, words) = &cl.topic else {
            return;
        };
        if f != from || t != to {
            return;
        }
        if let Some(i) = cl.text.find(words.as_str()) {
            let span = (cl.start + i, cl.start + i + words.len());
            c.add(
                Some(span),
                Kind::Period,
                format!("period: {from} – {to}"),
                Vec::new(),
            );
            return;
        }
    }
}

fn digits(text: &str) -> Option<u32> {
    text.chars()
        .map(|ch| match ch {
            '０'..='９' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            other => other,
        })
        .collect::<String>()
        .parse()
        .ok()
}

/// Where the event's date is written: a 月日 of that day (in the event's sentence first), else
/// 昨日, 今天 or 前天 when the day is the publication's less that many.
fn date_at(doc: &Doc, date: &str, event_at: usize) -> Option<(usize, usize)> {
    let (y, m, d) = (
        date.get(..4)?,
        digits(date.get(5..7)?)?,
        digits(date.get(8..10)?)?,
    );
    let written = DATE.captures_iter(doc.text).filter(|cap| {
        cap.get(1).is_none_or(|yy| yy.as_str() == y)
            && digits(&cap[2]) == Some(m)
            && digits(&cap[3]) == Some(d)
    });
    let spans: Vec<(usize, usize)> = written
        .filter_map(|cap| cap.get(0).map(|g| (g.start(), g.end())))
        .collect();
    let sentence = doc.sentence_at(event_at);
    let in_sentence = spans
        .iter()
        .find(|(s, _)| sentence.is_some_and(|se| se.start <= *s && *s <= se.start + se.text.len()));
    if let Some(span) = in_sentence.or(spans.first()) {
        return Some(*span);
    }
    let published = doc.published.as_str();
    let days = days_before(published, date)?;
    let words: &[&str] = match days {
        0 => &["今天", "今日"],
        1 => &["昨日", "昨天"],
        2 => &["前天", "前日"],
        _ => return None,
    };
    words
        .iter()
        .find_map(|w| doc.text.find(w).map(|at| (at, at + w.len())))
}

/// How many days `date` is before `published` (both YYYY-MM-DD), when it is at most a few.
fn days_before(published: &str, date: &str) -> Option<i64> {
    let day = |s: &str| -> Option<time::Date> {
        let y: i32 = s.get(..4)?.parse().ok()?;
        let m: u8 = s.get(5..7)?.parse().ok()?;
        let d: u8 = s.get(8..10)?.parse().ok()?;
        time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
    };
    Some((day(published)? - day(date)?).whole_days())
}

/// The figures the draft lists as not used, found in their sentences (the draft lists them in
/// the order of the text), each where no record uses it.
fn unused(c: &mut Collect, draft: &Draft) {
    let mut from = 0;
    for (listed, sentence) in &draft.unused {
        let figure = listed.split(" (").next().unwrap_or(listed);
        let sentence = sentence.trim_start_matches('…').trim_end_matches('…');
        let found = c.text[from..]
            .find(sentence)
            .map(|s| s + from)
            .and_then(|s| {
                let taken = |a: usize, b: usize| {
                    c.used.iter().any(|&(u, v)| u < b && a < v)
                        || c.out.unused.iter().any(|&(u, v, _)| u < b && a < v)
                };
                let place = c.text[s..s + sentence.len()]
                    .match_indices(figure)
                    .map(|(i, _)| (s + i, s + i + figure.len()))
                    .find(|&(a, b)| !taken(a, b));
                place.map(|p| (s, p))
            });
        match found {
            Some((s, (a, b))) => {
                from = s;
                c.out.unused.push((a, b, listed.clone()));
            }
            None => c.out.unplaced.push(format!("{listed}: {sentence}")),
        }
    }
}

/// Compiles this module's patterns ahead of their first use (see [`super::warm_up`]).
pub(super) fn warm() {
    LazyLock::force(&DATE);
}
