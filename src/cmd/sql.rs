//! `sql`: one read-only query, in any output format; the query from the command line, a file
//! or stdin (`-`), its named parameters bound from `--param`.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, Result};
use rusqlite::types::Value;

use crate::cli::{Format, Shape};
use crate::store::QueryLimits;
use crate::{Context, UsageError};

/// The query's text: as typed, from `--file FILE`, or from stdin for `-` (either way).
pub fn text(query: Option<String>, file: Option<&Path>) -> Result<String> {
    let from_stdin = || -> Result<String> {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the query from stdin (is it UTF-8?)")?;
        Ok(text)
    };
    match (query, file) {
        (Some(q), _) if q == "-" => from_stdin(),
        (Some(q), _) => Ok(q),
        (None, Some(f)) if f == Path::new("-") => from_stdin(),
        (None, Some(f)) => std::fs::read_to_string(f)
            .with_context(|| format!("cannot read the query from {}", f.display())),
        (None, None) => Err(UsageError("give a query, --file FILE, or - for stdin".into()).into()),
    }
}

/// `--param KEY=VALUE` as a bound parameter: a whole number is an integer, a decimal number a
/// real, anything else text (as typed).
fn param(text: &str) -> Result<(String, Value)> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        UsageError(format!(
            "--param `{text}`: expected KEY=VALUE, e.g. district=江津區"
        ))
    })?;
    let key = key.trim().trim_start_matches([':', '@', '$']);
    let bound = if let Ok(n) = value.parse::<i64>() {
        Value::Integer(n)
    } else if let Some(r) = value.parse::<f64>().ok().filter(|r| r.is_finite()) {
        Value::Real(r)
    } else {
        Value::Text(value.to_string())
    };
    Ok((key.to_string(), bound))
}

/// Every parameter the query names must be given, and every one given must be named: a
/// parameter left out would silently be NULL.
fn check_params(named: &[String], given: &[(String, Value)]) -> Result<()> {
    let missing: Vec<&str> = named
        .iter()
        .map(String::as_str)
        .filter(|n| !given.iter().any(|(k, _)| k == &n[1..]))
        .collect();
    if let Some(other) = named.iter().find(|n| !n.starts_with(':')) {
        return Err(UsageError(format!(
            "the query has a parameter `{other}`; write parameters as `:name` and give \
             --param name=VALUE"
        ))
        .into());
    }
    if !missing.is_empty() {
        return Err(UsageError(format!(
            "the query's parameter{} {} {} not given; give --param {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" },
            missing
                .iter()
                .map(|n| format!("{}=VALUE", &n[1..]))
                .collect::<Vec<_>>()
                .join(" --param ")
        ))
        .into());
    }
    for (key, _) in given {
        if !named.iter().any(|n| &n[1..] == key) {
            return Err(UsageError(format!(
                "--param {key}: the query has no parameter :{key}{}",
                if named.is_empty() {
                    String::new()
                } else {
                    format!(" (it has {})", named.join(", "))
                }
            ))
            .into());
        }
    }
    Ok(())
}

pub fn run(
    ctx: &Context,
    db: &Path,
    query: &str,
    params: &[String],
    format: Format,
    limits: &QueryLimits,
    shape: &Shape,
) -> Result<()> {
    let given = params
        .iter()
        .map(|p| param(p))
        .collect::<Result<Vec<_>>>()?;
    let mut store = super::open_read_only(ctx, db)?;
    let sql = store.check_user_sql(query)?;
    check_params(&store.parameter_names(sql)?, &given)?;
    super::run_query(ctx, &store, sql, &given, None, format, limits, shape)?;
    Ok(())
}
