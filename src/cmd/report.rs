//! `report`: run a bundled report, list them, or print one's SQL.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow};
use rusqlite::types::Value;

use crate::Context;
use crate::cli::{AsOf, DivisionLevel, Format, ReportFilters, Rollup, Shape};
use crate::source::divisions::{Division, Level};
use crate::source::figure::parse_amount;
use crate::store::QueryLimits;
use crate::view::reports::{self, Report};

fn unknown(name: &str) -> anyhow::Error {
    let names: Vec<String> = reports::all().into_iter().map(|r| r.name).collect();
    crate::UsageError(format!(
        "no report `{name}`; the reports are: {}",
        names.join(", ")
    ))
    .into()
}

/// `KEY=VALUE` into a bound parameter. A value that is a whole number binds as an integer
/// (`limit=5`); one for a parameter ending in `_yuan` may be written 10億.
fn param(report: &Report, text: &str) -> Result<(String, Value)> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        crate::UsageError(format!(
            "--param `{text}`: expected KEY=VALUE, e.g. district=江津區"
        ))
    })?;
    let key = key.trim().trim_start_matches(':');
    if !report.params.iter().any(|(name, _)| name == key) {
        let names: Vec<&str> = report.params.iter().map(|(n, _)| n.as_str()).collect();
        return Err(crate::UsageError(format!(
            "report `{}` has no parameter `{key}`; its parameters are: {}",
            report.name,
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ))
        .into());
    }
    check_value(&report.name, key, value)?;
    let bound = if key.ends_with("_yuan") {
        Value::Integer(parse_amount(value).map_err(|e| anyhow!("--param {key}: {e}"))?)
    } else if let Ok(n) = value.parse::<i64>() {
        Value::Integer(n)
    } else if key == "district" || key == "place" {
        // Matched against the folded name as well as the name as written.
        Value::Text(crate::source::fold::fold(value))
    } else {
        Value::Text(value.to_string())
    };
    Ok((key.to_string(), bound))
}

/// Values of parameters with a closed form are checked here, so that a typo is an error rather
/// than a report that silently ignores it.
fn check_value(report: &str, key: &str, value: &str) -> Result<()> {
    use crate::source::validate::{BASES, LEVELS, STRATEGY_KINDS, is_iso_date};
    let one_of = |allowed: &[&str]| -> Result<()> {
        if allowed.contains(&value) {
            Ok(())
        } else {
            Err(crate::UsageError(format!(
                "--param {key}={value}: expected one of {}",
                allowed.join(", ")
            ))
            .into())
        }
    };
    match key {
        "from" | "to" if !is_iso_date(value) => Err(crate::UsageError(format!(
            "--param {key}={value}: expected a date written YYYY-MM-DD, e.g. 2023-12-27"
        ))
        .into()),
        "limit" if !value.parse::<u32>().is_ok_and(|n| n > 0) => Err(crate::UsageError(format!(
            "--param limit={value}: expected a whole number of rows, e.g. 10"
        ))
        .into()),
        "by" if report == "followthrough" => one_of(&["place", "year", "industry"]),
        "by" => one_of(&["year", "quarter", "month"]),
        "within" if !value.parse::<u32>().is_ok_and(|n| (1..=1200).contains(&n)) => {
            Err(crate::UsageError(format!(
                "--param within={value}: expected a whole number of months, e.g. 12"
            ))
            .into())
        }
        "division_level" => one_of(&["province", "prefecture", "county"]),
        "as_of" => one_of(&["today", "event"]),
        "place" if !names_a_division(value) => Err(crate::UsageError(format!(
            "--place {value}: no division has that name or code (1981–2025)"
        ))
        .into()),
        "status" => one_of(&[
            "consistent",
            "itemised_below_reported",
            "contradiction",
            "parts_miss_whole",
            "remainder_not_stated",
            "figures_differ",
        ]),
        "basis" => one_of(BASES),
        "level" => one_of(LEVELS),
        "kind" => one_of(STRATEGY_KINDS),
        _ => Ok(()),
    }
}

/// Whether a name (either script, short forms too) or a code is a division's.
fn names_a_division(value: &str) -> bool {
    let g = crate::source::divisions::gazetteer();
    let by_code = value.parse::<u32>().is_ok_and(|c| !g.by_code(c).is_empty());
    by_code || !g.named(value).is_empty()
}

/// The reports `--by` rolls up, and the report each becomes.
const ROLLUPS: &[(&str, &str)] = &[
    ("summary", "divisions"),
    ("timeline", "timeline_by_division"),
    ("industries", "industries_by_division"),
    ("top", "top_by_division"),
];

/// `report NAME --by LEVEL [--as-of WHEN] [--place|--province|--prefecture NAME]`: the report
/// and parameters they stand for (`--by` runs the report's rollup, `summary` → `divisions`).
pub fn division_options(
    name: Option<String>,
    mut params: Vec<String>,
    rollup: Rollup,
) -> Result<(Option<String>, Vec<String>)> {
    let place = match (&rollup.place, &rollup.province, &rollup.prefecture) {
        (Some(place), _, _) => Some(place.clone()),
        (_, Some(name), _) => Some(code_at(Level::Province, "province", name)?),
        (_, _, Some(name)) => Some(code_at(Level::Prefecture, "prefecture", name)?),
        _ => None,
    };
    if rollup.by.is_none() && place.is_none() {
        return Ok((name, params));
    }
    let mut name = name;
    if let Some(by) = rollup.by {
        let rolled = ROLLUPS
            .iter()
            .find(|(from, to)| name.as_deref().is_some_and(|n| n == *from || n == *to))
            .map(|(_, to)| to.to_string())
            .ok_or_else(|| {
                crate::UsageError(
                    "--by is for `report summary`, `timeline`, `industries` and `top` (and their \
                     rollups: `divisions`, `timeline_by_division`, `industries_by_division`, \
                     `top_by_division`)"
                        .into(),
                )
            })?;
        name = Some(rolled);
        let level = match by {
            DivisionLevel::Province => "province",
            DivisionLevel::Prefecture => "prefecture",
            DivisionLevel::County => "county",
        };
        params.push(format!("division_level={level}"));
    }
    if let Some(as_of) = rollup.as_of {
        let when = match as_of {
            AsOf::Today => "today",
            AsOf::Event => "event",
        };
        params.push(format!("as_of={when}"));
    }
    if let Some(place) = place {
        let takes_place = name
            .as_deref()
            .and_then(reports::find)
            .is_none_or(|r| r.params.iter().any(|(p, _)| p == "place"));
        if !takes_place {
            return Err(crate::UsageError(
                "--place, --province and --prefecture are for `report summary`, `timeline`, \
                 `industries`, `top`, `map` and the rollups by division"
                    .into(),
            )
            .into());
        }
        params.push(format!("place={place}"));
    }
    Ok((name, params))
}

/// Whether `--by` rolls this report up (it is one of `ROLLUPS` or a rollup itself).
pub fn rolls_up(name: &str) -> bool {
    ROLLUPS
        .iter()
        .any(|(from, to)| name == *from || name == *to)
}

/// The listings' filters a report takes (`--district`, `--from`, `--to`, `--limit`,
/// `--stated-only`) as the parameters they stand for; one the report has no parameter for is a
/// usage error naming the parameters it has.
pub fn filter_options(
    name: Option<&str>,
    filters: &ReportFilters,
    params: &mut Vec<String>,
) -> Result<()> {
    let given = [
        ("--district", "district", filters.district.clone()),
        ("--from", "from", filters.from.clone()),
        ("--to", "to", filters.to.clone()),
        ("--limit", "limit", filters.limit.map(|n| n.to_string())),
        (
            "--stated-only",
            "basis",
            filters.stated_only.then(|| "stated".to_string()),
        ),
    ];
    let report = name.and_then(reports::find);
    for (option, param, value) in given {
        let Some(value) = value else { continue };
        if let Some(r) = &report
            && !r.params.iter().any(|(p, _)| p == param)
        {
            let names: Vec<&str> = r.params.iter().map(|(n, _)| n.as_str()).collect();
            return Err(crate::UsageError(format!(
                "report `{}` takes no {option}; its parameters are: {} (`zhaoshang report {} \
                 --help` says what each means)",
                r.name,
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                },
                r.name
            ))
            .into());
        }
        params.push(format!("{param}={value}"));
    }
    Ok(())
}

/// With `--offset`, a report's own `limit` counts the rows shown after the offset: the query
/// is asked for offset + limit rows (its default limit, in its header's `(default N)`, when none
/// is given). A limit per group (`top_by_division`) is left alone.
fn limit_after_offset(report: &Report, bound: &mut Vec<(String, Value)>, offset: Option<u32>) {
    let Some(offset) = offset.filter(|o| *o > 0) else {
        return;
    };
    let Some((_, help)) = report.params.iter().find(|(p, _)| p == "limit") else {
        return;
    };
    if help.contains(" per ") {
        return;
    }
    let default = help
        .split_once("(default ")
        .and_then(|(_, rest)| rest.split(')').next())
        .and_then(|n| n.trim().parse::<i64>().ok());
    let given = bound.iter().position(|(k, _)| k == "limit");
    let limit = match given.map(|i| &bound[i].1) {
        Some(Value::Integer(n)) => Some(*n),
        _ => default,
    };
    if let Some(limit) = limit {
        let value = Value::Integer(limit + i64::from(offset));
        match given {
            Some(i) => bound[i].1 = value,
            None => bound.push(("limit".into(), value)),
        }
    }
}

/// `--province NAME` / `--prefecture NAME`: the code of the one division of that level with
/// that name (either script, short forms too) or code, for `place`.
fn code_at(level: Level, flag: &str, name: &str) -> Result<String> {
    let g = crate::source::divisions::gazetteer();
    let mut found: Vec<&Division> = match name.trim().parse::<u32>() {
        Ok(code) => g.by_code(code),
        Err(_) => g.named(name),
    };
    found.retain(|d| d.level == level);
    found.sort_by_key(|d| d.code);
    found.dedup_by_key(|d| d.code);
    // A name also borne by a division long gone (苏州地区, 1981–1983) means today's one.
    if found.len() > 1 && found.iter().filter(|d| g.in_use_today(d.code)).count() == 1 {
        found.retain(|d| g.in_use_today(d.code));
    }
    match found.as_slice() {
        [one] => Ok(format!("{:06}", one.code)),
        [] => Err(crate::UsageError(format!(
            "--{flag} {name}: no {} has that name or code (1981–2025)",
            level.as_str()
        ))
        .into()),
        many => Err(crate::UsageError(format!(
            "--{flag} {name}: several have that name: {}; give one with --place CODE",
            many.iter()
                .map(|d| format!("{} {:06} ({})", d.name, d.code, d.years()))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into()),
    }
}

/// A note's words in lines of at most `width` columns (a word longer than that on its own).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let wide = unicode_width::UnicodeWidthStr::width(line.as_str())
            + 1
            + unicode_width::UnicodeWidthStr::width(word);
        if !line.is_empty() && wide > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// For `report --help`: every report with its title and parameters, and an example.
pub fn report_help() -> String {
    let mut text = String::from("Reports:\n");
    for r in reports::all() {
        text.push_str(&format!("  {:<11} {}\n", r.name, r.title));
        for (name, help) in &r.params {
            text.push_str(&format!("      {:<14} {help}\n", format!("-p {name}=…")));
        }
    }
    text.push_str(
        "\nExamples:\n  zhaoshang report summary -p district=江津区\n  \
         zhaoshang report top -p limit=5 --columns project,amount_yuan --format csv\n  \
         zhaoshang report reconcile -p status=contradiction\n  \
         zhaoshang report timeline -p by=quarter --format svg > timeline.svg",
    );
    text
}

/// `report --list`: a line per report.
pub fn list() -> Result<()> {
    let mut out = std::io::stdout().lock();
    for r in reports::all() {
        writeln!(out, "{:<12} {}", r.name, r.title)?;
    }
    Ok(())
}

/// `report NAME --sql`: the report's SQL file as it is.
pub fn print_sql(name: Option<&str>) -> Result<()> {
    let name = name.ok_or_else(|| anyhow!("name a report, or use --list"))?;
    let report = reports::find(name).ok_or_else(|| unknown(name))?;
    write!(std::io::stdout().lock(), "{}", report.sql)?;
    Ok(())
}

pub fn run(
    ctx: &Context,
    db: &Path,
    name: Option<&str>,
    params: &[String],
    format: Format,
    limits: &QueryLimits,
    shape: &Shape,
) -> Result<()> {
    let name = name.ok_or_else(|| anyhow!("name a report, or use --list"))?;
    let report = reports::find(name).ok_or_else(|| unknown(name))?;
    let mut bound = params
        .iter()
        .map(|p| param(&report, p))
        .collect::<Result<Vec<_>>>()?;
    limit_after_offset(&report, &mut bound, shape.offset);
    let store = super::open_read_only(ctx, db)?;
    let tabular = matches!(format, Format::Table | Format::Markdown);
    let rows = super::run_query(
        ctx,
        &store,
        report.sql,
        &bound,
        Some(&report),
        format,
        limits,
        shape,
    )?;
    // A table says what its percentages are of beneath it (CSV and JSON carry values only; the
    // note is in the report's header and in Datasette's description).
    if let Some(note) = report.note.as_deref().filter(|_| tabular && rows > 0) {
        let text = format!("Note: {note}");
        let lines = match ctx.width {
            Some(width) => wrapped(&text, usize::from(width)),
            None => vec![text],
        };
        writeln!(std::io::stdout().lock(), "\n{}", lines.join("\n"))?;
    }
    // A report that shows nothing because a place name matched none says so, with the closest.
    if rows == 0 {
        for p in params {
            if let Some(("district", value)) = p.split_once('=')
                && !value.is_empty()
            {
                super::list::hint_name(ctx, &store, "--param district", "place", value)?;
            }
        }
    }
    Ok(())
}
