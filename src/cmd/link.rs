//! `link`: likely `same_as` pairs among catalogued projects (view::link), ready to paste into
//! the later project's file. It proposes and never merges.

use std::path::Path;

use anyhow::Result;
use rusqlite::types::Value;

use crate::Context;
use crate::cli::{Format, Shape};
use crate::store::QueryLimits;

pub fn run(
    ctx: &Context,
    db: &Path,
    district: Option<&str>,
    format: Format,
    shape: &Shape,
) -> Result<()> {
    let store = super::open_read_only(ctx, db)?;
    let district = district.map_or(Value::Null, |d| Value::Text(crate::source::fold::fold(d)));
    let rows = super::run_query(
        ctx,
        &store,
        crate::view::link::PAIRS,
        &[("district".to_string(), district)],
        None,
        format,
        &QueryLimits::default(),
        shape,
    )?;
    if rows == 0 && !ctx.quiet {
        eprintln!(
            "zhaoshang: no likely pairs (same company, or one name within the other, in one county)"
        );
    }
    Ok(())
}
