//! The figures of a file as its author wrote them (`逾1000億元`, `28個`, `10億以上`), which the
//! tables hold only as parsed values: listed in one fixed order of the file's fields, each as a
//! slice of the source's text (or, rarely, written out when the text has it only in the other
//! script or another width). An import stores the list with the source
//! (`sources.figures_written`); `export` walks the rebuilt file in the same order and puts each
//! text back.

use serde_json::Value as Json;

use super::model::{AlternativeEntry, BreakdownEntry, FigureEntry, Link, SourceFile};
use super::validate::PLACE_PARTS;

/// Calls `each` on every figure text of the file, in the order the list is stored in. An
/// alternative figure of a project reported again (`same_as`) is not stored, so not listed.
pub fn each_figure(file: &mut SourceFile, each: &mut dyn FnMut(&mut String)) {
    for ev in &mut file.events {
        figure(ev.project_count.as_mut(), each);
        figure(ev.signed_amount.as_mut(), each);
        for b in &mut ev.bands {
            each(&mut b.band);
            each(&mut b.count);
        }
        for st in &mut ev.statistics {
            each(&mut st.value);
            alternatives(&mut st.alternatives, each);
        }
        breakdowns(&mut ev.breakdowns, each);
        for p in &mut ev.projects {
            match (&mut p.amount, p.same_as.is_some()) {
                (Some(amount), true) => each(&mut amount.value),
                (amount, false) => figure(amount.as_mut(), each),
                (None, true) => {}
            }
            for fact in &mut p.facts {
                if let Some(value) = &mut fact.value {
                    each(value);
                }
            }
        }
    }
    for st in &mut file.statistics {
        each(&mut st.value);
        if let Some(band) = &mut st.band {
            each(band);
        }
        alternatives(&mut st.alternatives, each);
        breakdowns(&mut st.breakdowns, each);
    }
    for m in &mut file.milestones {
        if let Some(amount) = &mut m.amount {
            each(&mut amount.value);
        }
    }
}

fn figure(entry: Option<&mut FigureEntry>, each: &mut dyn FnMut(&mut String)) {
    if let Some(entry) = entry {
        each(&mut entry.value);
        alternatives(&mut entry.alternatives, each);
    }
}

fn alternatives(list: &mut [AlternativeEntry], each: &mut dyn FnMut(&mut String)) {
    for a in list {
        each(&mut a.value);
    }
}

fn breakdowns(list: &mut [BreakdownEntry], each: &mut dyn FnMut(&mut String)) {
    for part in list.iter_mut().flat_map(|b| b.parts.iter_mut()) {
        if let Some(count) = &mut part.count {
            each(count);
        }
        if let Some(amount) = &mut part.amount {
            each(amount);
        }
    }
}

/// The file's figure texts as stored: a JSON array whose items are `[start, length]` in
/// characters of `text` (start from 1, as SQLite's `substr` counts), or the text itself when
/// `text` does not hold it verbatim.
///
/// The file is walked by [`each_figure`], which [`put_back`] writes through; it is left as it
/// was (taken `&mut` so that an import need not copy every file it reads).
pub fn figures_written(file: &mut SourceFile, text: &str) -> String {
    let mut items = Vec::new();
    each_figure(file, &mut |value| {
        items.push(match slice_of(text, value) {
            Some((start, length)) => Json::from(vec![start, length]),
            None => Json::String(value.clone()),
        });
    });
    Json::Array(items).to_string()
}

/// Where `part` first stands in `text`: (start from 1, length), in characters.
pub fn slice_of(text: &str, part: &str) -> Option<(usize, usize)> {
    if part.is_empty() {
        return None;
    }
    let at = text.find(part)?;
    Some((text[..at].chars().count() + 1, part.chars().count()))
}

/// Puts the stored figure texts back into a file rebuilt from the tables (its figures are
/// placeholders until then). Fails when the list and the file's figures do not match in number.
pub fn put_back(file: &mut SourceFile, stored: &str, text: &str) -> Result<(), String> {
    let items: Vec<Json> = serde_json::from_str(stored)
        .map_err(|e| format!("figures_written is not a JSON array ({e})"))?;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut items = items.into_iter();
    let mut problem = None;
    let mut count = 0;
    each_figure(file, &mut |value| {
        count += 1;
        let written = match items.next() {
            Some(Json::String(s)) => Some(s),
            Some(Json::Array(pair)) => match (pair.first(), pair.get(1)) {
                (Some(start), Some(length)) => {
                    let start = start.as_u64().unwrap_or(0) as usize;
                    let length = length.as_u64().unwrap_or(0) as usize;
                    (start >= 1 && start - 1 + length <= chars.len())
                        .then(|| text[byte_at(start - 1)..byte_at(start - 1 + length)].to_string())
                }
                _ => None,
            },
            _ => None,
        };
        match written {
            Some(w) => *value = w,
            None => {
                problem.get_or_insert_with(|| format!("figure {count} is missing or malformed"));
            }
        }
    });
    if let Some(p) = problem {
        return Err(format!("figures_written: {p}"));
    }
    let left = items.count();
    if left > 0 {
        return Err(format!(
            "figures_written lists {left} figure(s) more than the tables hold"
        ));
    }
    Ok(())
}

/// Calls `each` with the kind (`place`, `industry`, `company`, `strategy`) and the text of every
/// name the file refers to outside the entry that declares it (a place's or industry's own
/// parent aside), in one fixed order.
pub fn each_reference(file: &mut SourceFile, each: &mut dyn FnMut(&'static str, &mut String)) {
    let links = |kind: &'static str,
                 links: &mut [Link],
                 each: &mut dyn FnMut(&'static str, &mut String)| {
        for l in links {
            each(kind, &mut l.name);
        }
    };
    for i in &mut file.industries {
        i.distinct_from.iter_mut().for_each(|n| each("industry", n));
    }
    for c in &mut file.companies {
        c.parent
            .iter_mut()
            .for_each(|p| each("company", &mut p.name));
    }
    for st in &mut file.strategies {
        st.place.iter_mut().for_each(|n| each("place", n));
        links("place", &mut st.places, each);
        links("industry", &mut st.industries, each);
        st.layout
            .iter_mut()
            .for_each(|l| each("industry", &mut l.industry));
    }
    for ev in &mut file.events {
        each("place", &mut ev.place);
        links("industry", &mut ev.industries, each);
        links("strategy", &mut ev.strategies, each);
        ev.companies
            .iter_mut()
            .for_each(|c| each("company", &mut c.name));
        for b in ev.breakdowns.iter_mut().filter(|b| b.by == PLACE_PARTS) {
            b.parts.iter_mut().for_each(|p| each("place", &mut p.name));
        }
        for p in &mut ev.projects {
            p.place.iter_mut().for_each(|l| each("place", &mut l.name));
            p.companies
                .iter_mut()
                .for_each(|c| each("company", &mut c.name));
            links("industry", &mut p.industries, each);
            links("strategy", &mut p.strategies, each);
        }
    }
    for st in &mut file.statistics {
        each("place", &mut st.place);
        for b in st.breakdowns.iter_mut().filter(|b| b.by == PLACE_PARTS) {
            b.parts.iter_mut().for_each(|p| each("place", &mut p.name));
        }
    }
}

/// A name a file refers to otherwise than the tables give it back: its kind, its catalogued name,
/// which reference to that name it is (from 0, in [`each_reference`]'s order), and the text.
pub type NameWritten = (String, String, usize, String);

/// For a reference (kind, text): the catalogued name it resolves to, and the name as the file
/// declares it if it does.
pub type Catalogued<'a> = dyn FnMut(&str, &str) -> Option<(String, Option<String>)> + 'a;

/// The references a file writes otherwise than the tables would give them back (by an alias
/// of the name, or in the other script where the file does not declare the name), as stored in
/// `sources.names_written`: a JSON array of [`NameWritten`], or None when there are none.
/// `catalogued` gives the catalogued name a reference resolves to, and the name as the file
/// declares it if it does.
pub fn names_written(file: &SourceFile, catalogued: &mut Catalogued) -> Option<String> {
    let declared: std::collections::HashSet<(&str, &str)> = declared_names(file);
    let mut file = file.clone();
    // Most files refer only to names they declare, as they declare them: nothing to look up.
    let mut all_declared = true;
    each_reference(&mut file, &mut |kind, name| {
        all_declared &= declared.contains(&(kind, name.as_str()));
    });
    if all_declared {
        return None;
    }
    let mut seen: std::collections::HashMap<(&str, String), usize> = Default::default();
    let mut out: Vec<NameWritten> = Vec::new();
    each_reference(&mut file, &mut |kind, name| {
        let Some((catalogued, as_declared)) = catalogued(kind, name) else {
            return;
        };
        let n = seen.entry((kind, catalogued.clone())).or_default();
        let given_back = as_declared.as_deref().unwrap_or(&catalogued);
        if given_back != name.as_str() {
            out.push((kind.to_string(), catalogued.clone(), *n, name.clone()));
        }
        *n += 1;
    });
    (!out.is_empty()).then(|| serde_json::to_string(&out).unwrap_or_default())
}

/// The names a file declares, by kind, as written.
fn declared_names(file: &SourceFile) -> std::collections::HashSet<(&'static str, &str)> {
    let places = file.places.iter().map(|p| ("place", p.name.as_str()));
    let industries = file
        .industries
        .iter()
        .map(|i| ("industry", i.name.as_str()));
    let companies = file.companies.iter().map(|c| ("company", c.name.as_str()));
    let strategies = file
        .strategies
        .iter()
        .map(|s| ("strategy", s.name.as_str()));
    places
        .chain(industries)
        .chain(companies)
        .chain(strategies)
        .collect()
}

/// Puts back the names a file wrote otherwise (`names_written`) into a file rebuilt from the
/// tables, whose references hold catalogued names; `as_declared` gives the others back as the
/// file declares them.
pub fn put_names_back(
    file: &mut SourceFile,
    stored: Option<&str>,
    as_declared: &dyn Fn(&str, &str) -> Option<String>,
) -> Result<(), String> {
    let written: Vec<NameWritten> = match stored {
        Some(s) => serde_json::from_str(s).map_err(|e| format!("names_written: {e}"))?,
        None => Vec::new(),
    };
    let mut seen: std::collections::HashMap<(&str, String), usize> = Default::default();
    each_reference(file, &mut |kind, name| {
        let n = seen.entry((kind, name.clone())).or_default();
        let found = written
            .iter()
            .find(|(k, c, i, _)| k == kind && *c == *name && *i == *n);
        *n += 1;
        if let Some((_, _, _, text)) = found {
            name.clone_from(text);
        } else if let Some(declared) = as_declared(kind, name) {
            *name = declared;
        }
    });
    Ok(())
}
