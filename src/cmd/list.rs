//! The listings: `events`, `projects`, `companies`, `industries`, `strategies`, `places`,
//! `sources`, `stats`.

use std::path::Path;

use anyhow::{Result, anyhow};
use rusqlite::types::Value;

use crate::cli::{Filters, Format};
use crate::source::figure::parse_amount;
use crate::source::fold::fold;
use crate::source::validate::is_iso_date;
use crate::view::listings;
use crate::{Context, UsageError};

/// The filters the user gave, as named parameters, with the option each came from.
fn params(filters: &Filters) -> Result<Vec<(&'static str, String, Value)>> {
    let mut params = Vec::new();
    // Names are matched folded: either script, any case.
    let mut text = |option: &'static str, name: &'static str, value: &Option<String>| {
        if let Some(v) = value {
            params.push((option, name.to_string(), Value::Text(fold(v))));
        }
    };
    text("--district", "district", &filters.district);
    text("--industry", "industry", &filters.industry);
    text("--company", "company", &filters.company);
    text("--strategy", "strategy", &filters.strategy);
    for (option, name, date) in [
        ("--from", "from", &filters.from),
        ("--to", "to", &filters.to),
    ] {
        if let Some(d) = date {
            if !is_iso_date(d) {
                return Err(UsageError(format!(
                    "{option} `{d}` is not a date; expected YYYY-MM-DD, e.g. 2023-12-27"
                ))
                .into());
            }
            params.push((option, name.to_string(), Value::Text(d.clone())));
        }
    }
    for (option, name, amount) in [
        ("--min-amount", "min_yuan", &filters.min_amount),
        ("--max-amount", "max_yuan", &filters.max_amount),
    ] {
        if let Some(a) = amount {
            let yuan = parse_amount(a).map_err(|e| UsageError(format!("{option}: {e}")))?;
            params.push((option, name.to_string(), Value::Integer(yuan)));
        }
    }
    if filters.stated_only {
        params.push((
            "--stated-only",
            "basis".into(),
            Value::Text("stated".into()),
        ));
    }
    if let Some(limit) = filters.limit {
        params.push(("--limit", "limit".into(), Value::Integer(i64::from(limit))));
    }
    Ok(params)
}

pub fn run(ctx: &Context, db: &Path, name: &str, filters: &Filters, format: Format) -> Result<()> {
    let def = listings::find(name).ok_or_else(|| anyhow!("no listing `{name}`"))?;
    let sql = def
        .sql_sorted(filters.sort.as_deref())
        .map_err(|e| UsageError(format!("--sort: {e}")))?;
    let given = params(filters)?;
    for (option, param, _) in &given {
        if !sql.contains(&format!(":{param}")) {
            return Err(UsageError(format!("`{name}` has no {option} filter")).into());
        }
    }
    let store = super::open_read_only(ctx, db)?;
    let params: Vec<(String, Value)> = given.into_iter().map(|(_, n, v)| (n, v)).collect();
    super::run_query(
        ctx,
        &store,
        &sql,
        &params,
        None,
        format,
        &crate::store::QueryLimits::default(),
    )
}
