//! Division codes in the catalogue: the `divisions` table filled from the bundled gazetteer, and
//! the code of each place of a division's kind, valid on its events' dates (issue 25).

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Transaction, TransactionBehavior, params};

use super::Store;
use crate::source::divisions::{Division, Gazetteer, Level, Unresolved, gazetteer, short_form};

/// Place kinds that are divisions and get a code; the others (towns, parks, zones, regions)
/// keep their parent chain up to one that has a code.
pub const DIVISION_KINDS: &[&str] = &[
    "province",
    "municipality",
    "prefecture",
    "city",
    "district",
    "county",
];

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/divisions_fingerprint.rs"));
}

/// What tells a filled table from the bundled list: rows, the sum of their years and of their
/// names' lengths (a newer list changes at least one of them). Written by build.rs from the
/// list, so that opening a catalogue does not parse the gazetteer (two thirds of a read-only
/// command's time at 100,000 projects); [`fingerprint`] of the parsed list is the same.
const BUNDLED_FINGERPRINT: (i64, i64, i64, i64) = bundled::BUNDLED;

#[cfg(test)]
fn fingerprint(g: &Gazetteer) -> (i64, i64, i64, i64) {
    let d = g.divisions();
    (
        d.len() as i64,
        d.iter().map(|d| i64::from(d.from)).sum(),
        d.iter().map(|d| d.to.map_or(0, i64::from)).sum(),
        d.iter().map(|d| d.name.chars().count() as i64).sum(),
    )
}

/// The table's fingerprint, read from the index `divisions_fingerprint` (V19): some 40 pages
/// where the table has 185, at every open.
const STORED_FINGERPRINT: &str = "SELECT count(*), coalesce(sum(in_use_from), 0),
        coalesce(sum(in_use_to), 0), coalesce(sum(length(name)), 0) FROM divisions";

/// The one code all of `codes` share at a level (the codes themselves, their prefectures or
/// their provinces, by digits, where such a division is in use today), or None.
fn shared(g: &Gazetteer, codes: &[u32], up: impl Fn(u32) -> Option<u32>) -> Option<u32> {
    let mut ups = codes.iter().map(|&c| up(c).filter(|u| g.in_use_today(*u)));
    let first = ups.next()??;
    ups.all(|u| u == Some(first)).then_some(first)
}

fn level_of(g: &Gazetteer, code: u32) -> Option<Level> {
    g.by_code(code).first().map(|d| d.level)
}

fn insert_division(tx: &Transaction, g: &Gazetteer, d: &Division) -> Result<()> {
    let today = g.today_of(d);
    let today_codes: Vec<String> = today.iter().map(u32::to_string).collect();
    let prefecture = shared(g, &today, |c| match level_of(g, c)? {
        Level::Province => None,
        Level::Prefecture => Some(c),
        Level::County => Some(c / 100 * 100),
    });
    let province = shared(g, &today, |c| Some(c / 10000 * 10000));
    let successors: Vec<String> = d
        .successors
        .iter()
        .map(|(c, y)| match y {
            Some(y) => format!("{c}[{y}]"),
            None => c.to_string(),
        })
        .collect();
    let seat = d.seat();
    let prefecture_name = match d.prefecture {
        "" | "直辖" => None,
        p => Some(p),
    };
    tx.prepare_cached(
        "INSERT INTO divisions (code, name, short_name, level, province, prefecture, in_use_from,
                                in_use_to, successors, today_codes, today_code,
                                today_prefecture_code, today_province_code, longitude, latitude)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        d.code.to_string(),
        d.name,
        short_form(d.name),
        d.level.as_str(),
        d.province,
        prefecture_name,
        d.from,
        d.to,
        (!successors.is_empty()).then(|| successors.join(";")),
        today_codes.join(";"),
        match today[..] {
            [one] => Some(one.to_string()),
            _ => None,
        },
        prefecture.map(|c| c.to_string()),
        province.map(|c| c.to_string()),
        seat.map(|s| s.0),
        seat.map(|s| s.1),
    ])?;
    Ok(())
}

/// The year of a place's events, for resolving it in a catalogue that had no codes: the
/// earliest event held at it or at a place within it, else its source's publication year.
const PLACE_YEAR: &str = "
    WITH RECURSIVE within (place_id) AS (
        SELECT ?1 UNION SELECT p.place_id FROM places p JOIN within w ON p.parent_id = w.place_id
    )
    SELECT coalesce(
        (SELECT min(CAST(substr(coalesce(e.period_start, e.held_on), 1, 4) AS INTEGER))
           FROM events e WHERE e.place_id IN within),
        (SELECT CAST(substr(s.published_on, 1, 4) AS INTEGER)
           FROM places p JOIN sources s ON s.source_id = p.source_id WHERE p.place_id = ?1))";

impl Store {
    /// Whether the divisions table differs from the bundled list (empty after V8, or older).
    pub(super) fn divisions_need_filling(&self) -> Result<bool> {
        if !self.has_divisions_table()? {
            return Ok(false);
        }
        let stored: (i64, i64, i64, i64) = self.conn.query_row(STORED_FINGERPRINT, [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(stored != BUNDLED_FINGERPRINT)
    }

    /// Whether the file has the divisions of schema V8 (an older file is refused by the
    /// schema check instead).
    pub fn has_divisions(&self) -> Result<bool> {
        self.has_divisions_table()
    }

    fn has_divisions_table(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'divisions'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Fills the divisions table from the bundled list when it differs, and gives each place of
    /// a division's kind that has no code the one its name, parent and year resolve to (one
    /// transaction). What does not resolve stays without a code; `check` lists it.
    pub(super) fn complete_divisions(&mut self) -> Result<()> {
        if !self.divisions_need_filling()? {
            return Ok(());
        }
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)?;
        let g = gazetteer();
        tx.execute("DELETE FROM divisions", [])?;
        for d in g.divisions() {
            insert_division(&tx, g, d)?;
        }
        code_uncoded_places(&tx, g)?;
        tx.commit()?;
        Ok(())
    }

    /// Places of a division's kind without a code (`check` lists them): `place X (kind, id N)`
    /// and why, with the candidates.
    pub fn uncoded_places(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.place_id, p.name, p.kind, parent.name, parent.code FROM places p
               LEFT JOIN places parent ON parent.place_id = p.parent_id
              WHERE p.code IS NULL AND p.kind IN
                    ('province', 'municipality', 'prefecture', 'city', 'district', 'county')
              ORDER BY p.place_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let g = gazetteer();
        let mut out = Vec::new();
        for row in rows {
            let (id, name, kind, parent, parent_code) = row?;
            let year: Option<i32> = self.conn.query_row(PLACE_YEAR, [id], |r| r.get(0))?;
            let parents = parent_codes(parent_code.as_deref());
            let why = match g.resolve_within(&name, parents.as_deref(), year) {
                Ok(d) => format!(
                    "no division code recorded, though its name resolves to {} {} ({}); \
                     import its source again with --replace to record it",
                    d.name,
                    d.code,
                    d.years()
                ),
                Err(e) => unresolved_message(&name, parent.as_deref(), year, &e),
            };
            out.push((format!("place {name} ({kind}, id {id})"), why));
        }
        Ok(out)
    }
}

fn parent_codes(code: Option<&str>) -> Option<Vec<u32>> {
    code.and_then(|c| c.parse().ok()).map(|c| vec![c])
}

/// Codes the places of a division's kind that have none, parents first.
fn code_uncoded_places(tx: &Transaction, g: &Gazetteer) -> Result<()> {
    let uncoded: Vec<(i64, String, Option<i64>)> = tx
        .prepare(
            "SELECT place_id, name, parent_id FROM places
              WHERE code IS NULL AND kind IN
                    ('province', 'municipality', 'prefecture', 'city', 'district', 'county')
              ORDER BY place_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut coded: HashMap<i64, u32> = HashMap::new();
    for (id, name, parent) in uncoded {
        let parent_code = match parent {
            Some(p) => match coded.get(&p) {
                Some(c) => Some(c.to_string()),
                None => tx.query_row("SELECT code FROM places WHERE place_id = ?1", [p], |r| {
                    r.get::<_, Option<String>>(0)
                })?,
            },
            None => None,
        };
        let year: Option<i32> = tx.query_row(PLACE_YEAR, [id], |r| r.get(0))?;
        let parents = parent_codes(parent_code.as_deref());
        if let (Ok(d), Some(year)) = (g.resolve_within(&name, parents.as_deref(), year), year) {
            tx.execute(
                "UPDATE places SET code = ?1, code_year = ?2 WHERE place_id = ?3",
                params![d.code.to_string(), year, id],
            )?;
            coded.insert(id, d.code);
        }
    }
    Ok(())
}

/// Why a name has no code, with the candidates and their codes and years.
pub(crate) fn unresolved_message(
    name: &str,
    parent: Option<&str>,
    year: Option<i32>,
    e: &Unresolved,
) -> String {
    let year = year.map_or_else(|| "any year".to_string(), |y| y.to_string());
    match e {
        Unresolved::Unknown => format!(
            "`{name}` is no division's name (1981–2025) in either script; check the spelling, \
             or give its `code`"
        ),
        Unresolved::NotInUse(_) => format!(
            "`{name}` was not in use in {year} (the year of the source's events); divisions of \
             that name: {}",
            e.candidates()
        ),
        Unresolved::NotWithin(_) => format!(
            "`{name}` in use in {year} is not within `{}`: {}",
            parent.unwrap_or("its parent"),
            e.candidates()
        ),
        Unresolved::Ambiguous(_) => format!(
            "`{name}` is ambiguous in {year}: {}; give its `parent` or its `code`",
            e.candidates()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_rs_fingerprints_the_list_as_the_gazetteer_reads_it() {
        let parsed = fingerprint(gazetteer());
        assert!(parsed.0 > 6000, "{parsed:?}");
        assert_eq!(BUNDLED_FINGERPRINT, parsed);
    }

    #[test]
    fn the_fingerprint_is_read_from_its_index_alone() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::migrate::run_embedded(&mut conn).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {STORED_FINGERPRINT}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            plan,
            ["SCAN divisions USING COVERING INDEX divisions_fingerprint"]
        );
    }
}
