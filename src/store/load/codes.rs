//! The division code of each place a file declares: resolved from its name, its parent and the
//! year of the source's events, or given in the file and checked. Never guessed: a name that
//! gives several codes, or none in use that year, is a problem of the file.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction};

use super::names::lookup;
use crate::source::SourceDocument;
use crate::source::divisions::{Division, Gazetteer, Unresolved, gazetteer};
use crate::source::fold::fold;
use crate::source::model::{PlaceEntry, SourceFile};
use crate::source::validate::{Problem, RefKind};
use crate::store::divisions::{DIVISION_KINDS, unresolved_message};

/// A place's code and the year it is valid for.
pub(super) type Code = Option<(u32, i32)>;

/// The year codes are resolved for: the earliest event's (its day, or its period's start or
/// named year), else the source's publication year.
pub(super) fn source_year(file: &SourceFile) -> Option<i32> {
    let year = |s: &str| s.get(..4).and_then(|y| y.parse::<i32>().ok());
    file.events
        .iter()
        .filter_map(|e| {
            [&e.date, &e.from, &e.period]
                .into_iter()
                .flatten()
                .find_map(|s| year(s))
        })
        .min()
        .or_else(|| year(&file.source.published))
}

/// The file's places by folded name and alias: the first that has it.
fn by_name(places: &[PlaceEntry]) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        for name in std::iter::once(&p.name).chain(p.aliases.iter().map(|a| &a.name)) {
            index.entry(fold(name)).or_insert(i);
        }
    }
    index
}

/// The order the file's places are read in: each after its parent when the file declares the
/// parent (later in the file, too), else in the file's order. (Validation refuses cycles.)
pub(in crate::store) fn place_order(places: &[PlaceEntry]) -> Vec<usize> {
    let index = by_name(places);
    let parent = |i: usize| {
        let p: &PlaceEntry = &places[i];
        p.parent
            .as_deref()
            .and_then(|n| index.get(&fold(n)).copied())
    };
    // 0: not placed; 1: on the chain being followed; 2: placed.
    let mut state = vec![0u8; places.len()];
    let mut order = Vec::with_capacity(places.len());
    for start in 0..places.len() {
        // The chain of unplaced ancestors, placed from the top down.
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] == 0) {
            state[i] = 1;
            chain.push(i);
            at = parent(i);
        }
        for &i in chain.iter().rev() {
            state[i] = 2;
            order.push(i);
        }
    }
    order
}

/// The codes of the file's places (by their index in the file), with the problems and warnings
/// they raise; each place is resolved after its parent.
pub(super) fn place_codes(
    tx: &Transaction,
    doc: &SourceDocument,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<Code>> {
    let g = gazetteer();
    let year = source_year(&doc.file);
    let places = &doc.file.places;
    let index = by_name(places);
    let mut codes: Vec<Code> = vec![None; places.len()];
    let mut resolved = vec![false; places.len()];
    for i in place_order(places) {
        let p = &places[i];
        resolved[i] = true;
        let problem = |field: &str, message: String| Problem {
            path: format!("places[{i}].{field}"),
            context: Some(format!("place {}", p.name)),
            message,
        };
        if !DIVISION_KINDS.contains(&p.kind.as_str()) {
            if p.code.is_some() {
                problems.push(problem(
                    "code",
                    format!(
                        "a {} has no division code; only a {} has one (a town, park or zone \
                         belongs to the division above it)",
                        p.kind,
                        DIVISION_KINDS.join(", ")
                    ),
                ));
            }
            continue;
        }
        let parent = match &p.parent {
            Some(name) => {
                let declared = index.get(&fold(name)).copied().filter(|&j| resolved[j]);
                match declared {
                    Some(j) => codes[j].map(|c| c.0),
                    None => catalogued_code(tx, name)?,
                }
            }
            None => None,
        };
        let code = match (&p.code, year) {
            (Some(given), _) => given_code(g, p, given, parent, year)
                .map_err(|m| problems.push(problem("code", m)))
                .ok(),
            (None, year) => {
                match g.resolve_within(&p.name, parent.map(|c| [c]).as_ref().map(|a| &a[..]), year)
                {
                    Ok(d) => Some(d.code),
                    Err(e) => {
                        let message = unresolved_message(&p.name, p.parent.as_deref(), year, &e);
                        if !matches!(e, Unresolved::Unknown) {
                            problems.push(problem("name", message));
                        } else if lookup(tx, RefKind::Place, &p.name)?.is_empty() {
                            // Said once, when the place is new; `check` lists it after.
                            warnings
                                .push(problem("name", format!("{message}; kept without a code")));
                        }
                        None
                    }
                }
            }
        };
        codes[i] = code.zip(year);
    }
    Ok(codes)
}

/// The code of a catalogued place (when the name gives one place).
fn catalogued_code(tx: &Transaction, name: &str) -> Result<Option<u32>> {
    let [id] = lookup(tx, RefKind::Place, name)?[..] else {
        return Ok(None);
    };
    let code: Option<String> = tx
        .prepare_cached("SELECT code FROM places WHERE place_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(code.and_then(|c| c.parse().ok()))
}

/// A code the file gives: six digits, in use in the year, a division of the place's name, within
/// its parent.
fn given_code(
    g: &Gazetteer,
    p: &PlaceEntry,
    given: &str,
    parent: Option<u32>,
    year: Option<i32>,
) -> Result<u32, String> {
    let code = given
        .parse::<u32>()
        .ok()
        .filter(|_| given.len() == 6 && given.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| format!("`{given}` is not a division code: six digits, e.g. \"320584\""))?;
    let Some(d) = g.code_on(code, year) else {
        return Err(format!("no division ever had the code {given}"));
    };
    let describe = |d: &Division| format!("{} {} ({}, {})", d.name, d.code, d.province, d.years());
    if let Some(y) = year
        && !d.in_use(y)
    {
        return Err(format!(
            "code {given} was not in use in {y} (the year of the source's events): it is {}",
            describe(d)
        ));
    }
    if !g.named(&p.name).iter().any(|n| n.code == code) {
        return Err(format!("code {given} is {}, not `{}`", describe(d), p.name));
    }
    if let Some(parent) = parent
        && !g.ancestors(code).contains(&parent)
    {
        return Err(format!(
            "code {given} ({}) is not within the parent `{}` ({parent})",
            describe(d),
            p.parent.as_deref().unwrap_or("")
        ));
    }
    Ok(code)
}
