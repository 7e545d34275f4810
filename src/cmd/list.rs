//! The listings: `events`, `projects`, `companies`, `industries`, `strategies`, `places`,
//! `sources`, `stats`.

use std::path::Path;

use anyhow::{Result, anyhow};
use rusqlite::types::Value;

use crate::cli::{Filters, Format};
use crate::source::figure::parse_amount;
use crate::source::fold::{fold, pinyin_readings, spells};
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
    if let Some(offset) = filters.shape.offset {
        params.push((
            "--offset",
            "offset".into(),
            Value::Integer(i64::from(offset)),
        ));
    }
    Ok(params)
}

/// A filter the listing does not take is refused before any value is read (`places --from x`
/// is told `places` has no --from, not that x is no date).
fn refuse_filters_not_taken(name: &str, sql: &str, filters: &Filters) -> Result<()> {
    let given = [
        ("--district", "district", filters.district.is_some()),
        ("--industry", "industry", filters.industry.is_some()),
        ("--company", "company", filters.company.is_some()),
        ("--strategy", "strategy", filters.strategy.is_some()),
        ("--from", "from", filters.from.is_some()),
        ("--to", "to", filters.to.is_some()),
        ("--min-amount", "min_yuan", filters.min_amount.is_some()),
        ("--max-amount", "max_yuan", filters.max_amount.is_some()),
        ("--stated-only", "basis", filters.stated_only),
        ("--include-inferred", "basis", filters.include_inferred),
    ];
    for (option, param, _) in given.iter().filter(|(_, _, g)| *g) {
        if !sql.contains(&format!(":{param}")) {
            return Err(UsageError(format!(
                "`{name}` has no {option} filter (`zhaoshang {name} --help` lists its filters)"
            ))
            .into());
        }
    }
    Ok(())
}

pub fn run(ctx: &Context, db: &Path, name: &str, filters: &Filters, format: Format) -> Result<()> {
    let def = listings::find(name).ok_or_else(|| anyhow!("no listing `{name}`"))?;
    let sql = def
        .sql_sorted(filters.sort.as_deref())
        .map_err(|e| UsageError(format!("--sort: {e}")))?;
    refuse_filters_not_taken(name, &sql, filters)?;
    let given = params(filters)?;
    for (option, param, _) in &given {
        if !sql.contains(&format!(":{param}")) {
            return Err(UsageError(format!("`{name}` has no {option} filter")).into());
        }
    }
    let store = super::open_read_only(ctx, db)?;
    let params: Vec<(String, Value)> = given.into_iter().map(|(_, n, v)| (n, v)).collect();
    // The offset goes inside the listing's own LIMIT, so that --limit counts after it.
    let shape = crate::cli::Shape {
        offset: None,
        fit: Some(def.fit.to_string()),
        ..filters.shape.clone()
    };
    let rows = super::run_query(
        ctx,
        &store,
        &sql,
        &params,
        None,
        format,
        &crate::store::QueryLimits::default(),
        &shape,
    )?;
    if rows == 0 {
        hint_names(ctx, &store, filters)?;
    }
    Ok(())
}

/// A listing that matched nothing says which name filter matches no record, and the names
/// that come closest (sharing most of its characters, folded), on stderr.
fn hint_names(ctx: &Context, store: &crate::store::Store, filters: &Filters) -> Result<()> {
    let given = [
        ("--district", "place", &filters.district),
        ("--industry", "industry", &filters.industry),
        ("--company", "company", &filters.company),
        ("--strategy", "strategy", &filters.strategy),
    ];
    for (option, noun, value) in given {
        if let Some(value) = value {
            hint_name(ctx, store, option, noun, value)?;
        }
    }
    Ok(())
}

/// When no `noun` (place, industry, company, strategy) is called `value` in either script,
/// says so on stderr with the closest names; a name that exists says nothing.
pub(super) fn hint_name(
    ctx: &Context,
    store: &crate::store::Store,
    option: &str,
    noun: &str,
    value: &str,
) -> Result<()> {
    {
        let sql = listings::NAMES_OF
            .iter()
            .find(|(n, _)| *n == noun)
            .map(|(_, sql)| *sql)
            .ok_or_else(|| anyhow!("no names for {noun}"))?;
        let names: Vec<(String, String)> = store
            .query(sql, &[])?
            .rows
            .into_iter()
            .filter_map(|r| match (&r[0], &r[1]) {
                (Value::Text(n), Value::Text(k)) => Some((n.clone(), k.clone())),
                _ => None,
            })
            .collect();
        let key = fold(value);
        if !names.iter().any(|(_, k)| *k == key) {
            let hint = closest(option, noun, value, &key, &names);
            ctx.note(&match ctx.lang {
                crate::cli::Lang::En => hint.english(),
                crate::cli::Lang::Zh => hint.chinese(ctx.script),
            });
        }
    }
    Ok(())
}

/// How close a name is to what was typed: a name inside the other (folded) or, for a term in
/// Latin letters, a name whose pinyin starts with or holds it, before names sharing characters.
fn closeness(key: &str, typed_pinyin: Option<&str>, name: &str, name_key: &str) -> usize {
    if let Some(typed) = typed_pinyin {
        let readings = pinyin_readings(name);
        if spells(&readings, typed) {
            return 300;
        }
        if (1..readings.len()).any(|i| spells(&readings[i..], typed)) {
            return 200;
        }
    }
    let shared = key.chars().filter(|c| name_key.contains(*c)).count();
    let contains = name_key.contains(key) || key.contains(name_key);
    if contains { shared + 100 } else { shared }
}

/// What a name filter that matched nothing says: the names closest to the value, or (`close`
/// false) some names there are.
struct Hint<'a> {
    option: &'a str,
    noun: &'a str,
    value: &'a str,
    names: Vec<&'a str>,
    close: bool,
}

impl Hint<'_> {
    fn english(&self) -> String {
        let (option, noun, value) = (self.option, self.noun, self.value);
        let lead = format!(
            "no {noun} is called `{value}` ({option} matches a whole name, in either script)"
        );
        if self.close {
            format!("{lead}; did you mean {}?", self.names.join(", "))
        } else {
            format!("{lead}; some that are: {}", self.names.join(", "))
        }
    }

    fn chinese(&self, script: crate::cli::Script) -> String {
        let noun = match self.noun {
            "place" => "地点",
            "industry" => "产业",
            "company" => "企业",
            _ => "战略",
        };
        let (option, value) = (self.option, self.value);
        let lead = format!("没有名为「{value}」的{noun}({option} 按完整名称匹配,简繁皆可)");
        let text = if self.close {
            format!("{lead};是否要找:{}?", self.names.join("、"))
        } else {
            format!("{lead};现有的如:{}", self.names.join("、"))
        };
        crate::view::script::convert(&text, script).into_owned()
    }
}

fn closest<'a>(
    option: &'a str,
    noun: &'a str,
    value: &'a str,
    key: &str,
    names: &'a [(String, String)],
) -> Hint<'a> {
    // `Jiangjin`, `jiang jin`: compared with the names' pinyin.
    let latin: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let latin = latin.to_ascii_lowercase();
    let typed_pinyin = (latin.len() >= 2 && latin.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(latin.as_str());
    let mut scored: Vec<(usize, &str)> = names
        .iter()
        .map(|(name, k)| (closeness(key, typed_pinyin, name, k), name.as_str()))
        .filter(|(score, _)| *score > 0)
        .collect();
    // closest first; among equals the shorter name (江津區 before 江津區德感工業園)
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.chars().count().cmp(&b.1.chars().count()))
            .then(a.1.cmp(b.1))
    });
    let shown: Vec<&str> = scored.iter().take(5).map(|(_, n)| *n).collect();
    let close = !shown.is_empty();
    Hint {
        option,
        noun,
        value,
        names: if close {
            shown
        } else {
            names.iter().take(5).map(|(n, _)| n.as_str()).collect()
        },
        close,
    }
}
