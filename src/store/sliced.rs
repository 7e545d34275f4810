//! A fact's quote as the catalogue stores it (schema V15): where the source's text holds it, as
//! one integer, start × 10,000 + length in bytes of the UTF-8 text (what `substr()` of the text
//! as a BLOB takes in the shell: it goes straight to the byte, where `substr()` of text counts
//! the characters before it); the quote written out when the text does not hold it. The views under the tables' names write
//! every quote out again (migrations/V15__quotes_as_slices.sql, docs/schema.md).

use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value};

/// The tables of facts whose quotes are stored so, each in `{table}_sliced` with a
/// `{column}_at` for each quote column; the view under the table's name writes them out.
pub(super) const SLICED: &[&str] = &[
    "projects",
    "project_facts",
    "project_companies",
    "project_industries",
    "project_strategies",
    "project_mentions",
    "milestones",
    "event_industries",
    "event_companies",
    "event_strategies",
    "layout_industries",
    "place_strategies",
    "industry_strategies",
    "breakdown_parts",
    "alternative_figures",
];

/// What start and length are packed by: a quote of 10,000 bytes or more is written out, and so
/// is one whose start × 10,000 would not fit the integer.
const PACK: usize = 10_000;

/// A quote's `{column}_at` value.
pub(super) enum QuoteAt<'a> {
    Slice(i64),
    Written(&'a str),
}

/// Where `text` holds `quote`, or the quote itself when it does not.
pub(super) fn quote_at<'a>(text: &str, quote: &'a str) -> QuoteAt<'a> {
    match text.find(quote).and_then(|at| packed(at, quote.len())) {
        Some(slice) => QuoteAt::Slice(slice),
        None => QuoteAt::Written(quote),
    }
}

/// The slice of `len` bytes from byte `at` (counted from 0), when the integer holds it: not for
/// an empty quote, one of 10,000 bytes or more, or one starting beyond `i64::MAX / 10,000`.
fn packed(at: usize, len: usize) -> Option<i64> {
    if len == 0 || len >= PACK {
        return None;
    }
    let slice = at.checked_add(1)?.checked_mul(PACK)?.checked_add(len)?;
    i64::try_from(slice).ok()
}

impl ToSql for QuoteAt<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            QuoteAt::Slice(at) => ToSqlOutput::Owned(Value::Integer(*at)),
            QuoteAt::Written(quote) => ToSqlOutput::from(*quote),
        })
    }
}

/// SQL: the first and the last byte (counted from 1) of the text that slice `at` (an integer
/// expression) covers.
pub(super) fn first_and_last(at: &str) -> (String, String) {
    (
        format!("({at} / {PACK})"),
        format!("({at} / {PACK} + {at} % {PACK} - 1)"),
    )
}

/// SQL writing out the quote `{alias}.{column}_at` of a `_sliced` table (its row's source's), as
/// the view under the table's name does.
pub(super) fn written_out(alias: &str, column: &str) -> String {
    format!(
        "CASE WHEN typeof({alias}.{column}_at) = 'integer'
              THEN CAST(substr(CAST((SELECT full_text FROM sources
                                      WHERE source_id = {alias}.source_id) AS BLOB),
                               {alias}.{column}_at / {PACK}, {alias}.{column}_at % {PACK}) AS TEXT)
              ELSE {alias}.{column}_at END"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_is_packed_only_where_the_integer_holds_it() {
        assert_eq!(packed(0, 1), Some(10_001));
        assert_eq!(packed(1_260, 69), Some(12_610_069));
        assert_eq!(packed(0, PACK - 1), Some(19_999));
        assert_eq!(packed(0, PACK), None);
        assert_eq!(packed(0, 0), None);
        let last = (i64::MAX as usize) / PACK - 1;
        let held = packed(last, 1).unwrap();
        assert_eq!((held as usize / PACK - 1, held as usize % PACK), (last, 1));
        assert_eq!(packed(last + 1, 1), None);
        assert_eq!(packed(usize::MAX, 1), None);
        assert_eq!(packed(usize::MAX / PACK, PACK - 1), None);
    }
}
