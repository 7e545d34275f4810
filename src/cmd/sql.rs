//! `sql`: one read-only query, in any output format.

use std::path::Path;

use anyhow::Result;

use crate::Context;
use crate::cli::Format;

pub fn run(ctx: &Context, db: &Path, query: &str, format: Format) -> Result<()> {
    let store = super::open_read_only(ctx, db)?;
    let result = store.query_user_sql(query)?;
    super::print(ctx, &result, None, format)
}
