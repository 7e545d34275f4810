//! Property tests over the source-file reader, validator and figure parser: whatever the bytes,
//! the result is a value or a clear error, never a panic or an overflow. PROPTEST_CASES raises
//! the number of cases for a longer run; failures found are kept under proptest-regressions/.

use proptest::prelude::*;
use zhaoshang::source::figure::{parse_amount, parse_band, parse_figure};
use zhaoshang::source::validate::validate;
use zhaoshang::source::{self, JsonLines, RawFormat, RawFormatOrDocument};

const TEMPLATE: &str = include_str!("../src/source/template.toml");

/// Reads bytes the way `import` does, then validates what parsed.
fn read_and_validate(bytes: Vec<u8>, format: Option<RawFormat>) {
    let dir = std::env::temp_dir();
    match source::parse_whole(bytes, format, "prop.input", dir.clone()) {
        Ok(RawFormatOrDocument::Document(doc)) => {
            let _ = validate(&doc.file, &doc.text);
        }
        Ok(RawFormatOrDocument::Lines(content)) => {
            for doc in JsonLines::new(
                std::io::Cursor::new(content.into_bytes()),
                "prop.jsonl",
                dir,
            )
            .flatten()
            {
                let _ = validate(&doc.file, &doc.text);
            }
        }
        Err(e) => assert!(!format!("{e:#}").is_empty()),
    }
}

/// The template with `edits` applied: each replaces the characters at a position with a string.
fn mutate(edits: &[(usize, usize, String)]) -> String {
    let mut chars: Vec<char> = TEMPLATE.chars().collect();
    for (at, remove, insert) in edits {
        let at = at % (chars.len() + 1);
        let end = (at + remove % 8).min(chars.len());
        chars.splice(at..end, insert.chars());
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_and_validate(bytes.clone(), None);
        read_and_validate(bytes.clone(), Some(RawFormat::Toml));
        read_and_validate(bytes, Some(RawFormat::Json));
    }

    #[test]
    fn an_edited_template_is_read_without_panicking(
        edits in proptest::collection::vec((any::<usize>(), any::<usize>(), "\\PC{0,12}"), 1..6)
    ) {
        let text = mutate(&edits);
        read_and_validate(text.into_bytes(), Some(RawFormat::Toml));
    }

    #[test]
    fn figures_bands_and_amounts_never_panic(text in "\\PC{0,24}") {
        let _ = parse_figure(&text);
        let _ = parse_band(&text);
        let _ = parse_amount(&text);
    }

    #[test]
    fn figures_built_from_parts_parse_or_are_refused(
        prefix in prop::sample::select(vec!["", "逾", "近", "約", "不低於", "超過", "上", "-"]),
        number in "[0-9]{0,20}(\\.[0-9]{0,12})?",
        multiplier in prop::sample::select(vec!["", "萬", "億", "万亿", "千萬", "多萬"]),
        unit in prop::sample::select(vec!["", "元", "美元", "個", "GW", "盧布", "平方千米"]),
        suffix in prop::sample::select(vec!["", "以上", "以下", "左右"]),
    ) {
        let text = format!("{prefix}{number}{multiplier}{unit}{suffix}");
        if let Ok(zhaoshang::source::figure::Figure {
            quantity: zhaoshang::source::figure::Quantity::Money { amount, .. },
            ..
        }) = parse_figure(&text)
        {
            prop_assert!(amount >= 0);
        }
    }
}

#[test]
fn the_template_itself_validates_cleanly() {
    let doc =
        source::SourceDocument::from_toml(TEMPLATE, "template.toml", |_| unreachable!()).unwrap();
    let report = validate(&doc.file, &doc.text);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
