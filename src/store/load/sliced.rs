//! A fact's quote as the catalogue stores it (schema V15): where the source's text holds it, as
//! one integer, start × 10,000 + length in characters (what `substr()` takes in the shell); the
//! quote written out when the text does not hold it. The views under the tables' names write
//! every quote out again (docs/schema.md).

use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value};

/// What start and length are packed by: a quote of 10,000 characters or more is written out.
const PACK: usize = 10_000;

/// A quote's `{column}_at` value.
pub(super) enum QuoteAt<'a> {
    Slice(i64),
    Written(&'a str),
}

/// Where `text` holds `quote`, or the quote itself when it does not.
pub(super) fn quote_at<'a>(text: &str, quote: &'a str) -> QuoteAt<'a> {
    match crate::source::written::slice_of(text, quote) {
        Some((start, length)) if length < PACK => QuoteAt::Slice((start * PACK + length) as i64),
        _ => QuoteAt::Written(quote),
    }
}

impl ToSql for QuoteAt<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            QuoteAt::Slice(at) => ToSqlOutput::Owned(Value::Integer(*at)),
            QuoteAt::Written(quote) => ToSqlOutput::from(*quote),
        })
    }
}

impl super::write::Writer<'_> {
    /// A quote of this source, as its row stores it.
    pub(super) fn at<'q>(&self, quote: &'q str) -> QuoteAt<'q> {
        quote_at(self.text, quote)
    }
}
