//! The figures of a file as its author wrote them (`逾1000億元`, `28個`, `10億以上`), which the
//! tables hold only as parsed values: listed in one fixed order of the file's fields, each as a
//! slice of the source's text (or, rarely, written out when the text has it only in the other
//! script or another width). An import stores the list with the source
//! (`sources.figures_written`); `export` walks the rebuilt file in the same order and puts each
//! text back.

use serde_json::Value as Json;

use super::model::{AlternativeEntry, BreakdownEntry, FigureEntry, SourceFile};

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
pub fn figures_written(file: &SourceFile, text: &str) -> String {
    let mut file = file.clone();
    let mut items = Vec::new();
    each_figure(&mut file, &mut |value| {
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
