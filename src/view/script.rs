//! Showing text in the reader's script (`--script simplified|traditional`): names, quotes and
//! every other text of an output converted for display; what is stored never changes.
//! Traditional → simplified is fast2s (the converter the matching keys use); simplified →
//! traditional is OpenCC's s2t (ferrous-opencc, Apache-2.0), which chooses by phrase where one
//! simplified character stands for several traditional ones.

use rusqlite::types::Value;
use std::borrow::Cow;

use crate::cli::Script;

/// `text` in `script`.
pub fn convert(text: &str, script: Script) -> Cow<'_, str> {
    match script {
        Script::AsStored => Cow::Borrowed(text),
        Script::Simplified => Cow::Owned(fast2s::convert(text)),
        Script::Traditional => match crate::source::fold::traditional_converter() {
            Some(opencc) => Cow::Owned(opencc.convert(text)),
            None => Cow::Borrowed(text),
        },
    }
}

/// The cells a table shows in `script`: what the program writes there too (266億 → 266亿).
pub fn convert_display(listing: &mut super::output::Listing, script: Script) {
    if script == Script::AsStored {
        return;
    }
    for row in &mut listing.display {
        for cell in row {
            if let Cow::Owned(converted) = convert(cell, script) {
                *cell = converted;
            }
        }
    }
}

/// A row's text values in `script`; numbers, NULLs and blobs as they are.
pub fn convert_row(row: &mut [Value], script: Script) {
    if script == Script::AsStored {
        return;
    }
    for value in row {
        if let Value::Text(text) = value
            && let Cow::Owned(converted) = convert(text, script)
        {
            *text = converted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_way_and_as_stored() {
        assert_eq!(
            convert("江津區飛輪儲能", Script::Simplified),
            "江津区飞轮储能"
        );
        assert_eq!(
            convert("江津区飞轮储能", Script::Traditional),
            "江津區飛輪儲能"
        );
        assert_eq!(convert("江津區", Script::AsStored), "江津區");
        let mut row = vec![
            Value::Text("北大醫療".into()),
            Value::Integer(5_200_000_000),
            Value::Null,
        ];
        convert_row(&mut row, Script::Simplified);
        assert_eq!(
            row,
            vec![
                Value::Text("北大医疗".into()),
                Value::Integer(5_200_000_000),
                Value::Null
            ]
        );
    }
}
