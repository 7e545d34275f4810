//! The source file: the format users write (one file per source article), and everything that
//! reads it before a row is written — parsing TOML, JSON and JSON Lines, finding a field's line
//! and column, parsing figures as Chinese sources write them, folding text for matching, and
//! validating a file as a whole; and the gazetteer of division codes. Nothing here touches the database or formats output.

pub mod divisions;
mod document;
pub mod figure;
pub mod fold;
mod format;
pub mod lifecycle;
pub mod locate;
pub mod model;
pub mod period;
pub mod seed;
pub mod validate;
pub mod written;

pub use document::{
    JsonLines, MAX_FILE_BYTES, RawFormatOrDocument, SourceDocument, TextReader, decode, hex_sha256,
    parse, parse_whole, read_limited, text_reader,
};
pub use format::RawFormat;
