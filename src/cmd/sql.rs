//! `sql`: one read-only query, in any output format.

use std::path::Path;

use anyhow::Result;

use crate::Context;
use crate::cli::{Format, Shape};
use crate::store::QueryLimits;

pub fn run(
    ctx: &Context,
    db: &Path,
    query: &str,
    format: Format,
    limits: &QueryLimits,
    shape: &Shape,
) -> Result<()> {
    let mut store = super::open_read_only(ctx, db)?;
    let sql = store.check_user_sql(query)?;
    super::run_query(ctx, &store, sql, &[], None, format, limits, shape)?;
    Ok(())
}
