//! The three forms a source file comes in, told apart by name or by content.

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawFormat {
    Toml,
    Json,
    JsonLines,
}

impl RawFormat {
    /// From a file name's extension; None when it says nothing.
    pub fn from_path(path: &Path) -> Option<RawFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(RawFormat::Toml),
            "json" => Some(RawFormat::Json),
            "jsonl" | "ndjson" => Some(RawFormat::JsonLines),
            _ => None,
        }
    }

    /// Guesses from the content: `{` opens JSON (JSON Lines when a second line opens another
    /// object); anything else is TOML.
    pub fn sniff(content: &str) -> RawFormat {
        let trimmed = content.trim_start();
        if !trimmed.starts_with('{') {
            return RawFormat::Toml;
        }
        let objects = content
            .lines()
            .filter(|l| l.trim_start().starts_with('{') && l.trim_end().ends_with('}'))
            .take(2)
            .count();
        if objects >= 2 {
            RawFormat::JsonLines
        } else {
            RawFormat::Json
        }
    }
}
