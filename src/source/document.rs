//! Reading source files: TOML, or JSON with the same structure, one source per file; or JSON
//! Lines, one source per line, read as a stream. Each source's text is inline (`text`) or in a
//! file beside it (`text_file`). Bytes are checked before parsing: UTF-8 only (a byte-order mark
//! is accepted), not empty, not absurdly large.

use std::io::{BufRead, Read};
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use sha2::{Digest, Sha256};

use super::format::RawFormat;
use super::locate;
use super::model::SourceFile;

/// The largest TOML or JSON file, or JSON Lines record, that is read.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A parsed source file with its text, ready for validation and loading.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    pub file: SourceFile,
    pub text: String,
    /// The file it came from, as shown in messages.
    pub file_name: String,
    /// What `sources.file_name` stores: `file_name` unless the importer names the file without
    /// the folders of the user's machine (the catalogue is exported and published).
    pub stored_name: String,
    /// For JSON Lines: the record's line number.
    pub record: Option<usize>,
    /// The document as read, to point problems at their line and column.
    pub raw: Option<(RawFormat, String)>,
}

impl SourceDocument {
    /// Parses TOML. `read_text` reads a `text_file` named in the document (relative to it).
    pub fn from_toml(
        content: &str,
        file_name: &str,
        read_text: impl Fn(&str) -> Result<String>,
    ) -> Result<SourceDocument> {
        parse(content, RawFormat::Toml, file_name, None, &read_text)
    }

    /// `file` or `file: record N` for messages.
    pub fn origin(&self) -> String {
        match self.record {
            Some(n) => format!("{}: record {n}", self.file_name),
            None => self.file_name.clone(),
        }
    }

    /// Where the field at `path` is: `file:line:column`, or `file: record N, column C`.
    pub fn position(&self, path: &str) -> String {
        let Some((format, raw)) = &self.raw else {
            return self.origin();
        };
        let Some(offset) = locate::locate(*format, raw, path) else {
            return self.origin();
        };
        let (line, col) = locate::line_col(raw, offset);
        match self.record {
            Some(n) => format!("{}: record {n}, column {col}", self.file_name),
            None => format!("{}:{line}:{col}", self.file_name),
        }
    }

    pub fn text_sha256(&self) -> String {
        hex_sha256(self.text.as_bytes())
    }

    /// The facts as canonical JSON (not the file's formatting or comments), without the text,
    /// which `sources.full_text` holds: stored, compared on re-import, and written back out by
    /// `export` with the text put back inline. (The text is taken out of the file while it is
    /// written and put back: an import made a copy of every file for it, 1.5% of its CPU.)
    pub fn record_json(&mut self) -> Result<String> {
        let text = self.file.source.text.take();
        let text_file = self.file.source.text_file.take();
        let json = serde_json::to_string(&self.file);
        self.file.source.text = text;
        self.file.source.text_file = text_file;
        Ok(json?)
    }

    /// A digest of the facts and the text together: the same facts with another text are another
    /// version of the source. `record_json` is [`SourceDocument::record_json`] (an import writes
    /// it once for both).
    pub fn record_sha256_of(&self, record_json: &str) -> String {
        hex_sha256(format!("{record_json}\n{}", self.text_sha256()).as_bytes())
    }
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Bytes to text: refuses what is not UTF-8 (with the way out for GBK) and empty input; drops a
/// byte-order mark.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<String> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            bail!(
                "{name}:{line}: the file is not UTF-8 text (byte {} is not valid UTF-8); \
                 a GBK or Big5 file must be converted first, e.g. `iconv -f GBK -t UTF-8 {name} > new-file`",
                e.utf8_error().valid_up_to() + 1
            );
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        bail!(
            "{name}: the file is empty; expected a source file (`zhaoshang template` prints one)"
        );
    }
    Ok(text)
}

/// Reads at most MAX_FILE_BYTES, refusing more.
pub fn read_limited(mut reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("{name}: cannot read: {e}"))?;
    if bytes.len() > MAX_FILE_BYTES {
        bail!(
            "{name}: the file is larger than {} MiB; split it, or use JSON Lines (one source per line)",
            MAX_FILE_BYTES / 1024 / 1024
        );
    }
    Ok(bytes)
}

/// Reads a `text_file` named by a document.
pub type TextReader<'a> = dyn Fn(&str) -> Result<String> + 'a;

/// Reads the `text_file` of a document in `dir`: a regular file in that folder or under it.
/// The text is stored, exported and published by `site`, so a file that named any path
/// (`/proc/self/environ`, `../../.ssh/…`) would publish what its reader can read.
pub fn text_reader(dir: PathBuf) -> impl Fn(&str) -> Result<String> {
    move |relative: &str| {
        let path = inside_folder(&dir, relative)?;
        let file =
            std::fs::File::open(&path).map_err(|e| anyhow!("cannot read `{relative}`: {e}"))?;
        let bytes = read_limited(file, &path.display().to_string())?;
        decode(bytes, &path.display().to_string())
    }
}

/// The file `relative` names in `dir`, refused unless it is a regular file inside `dir`: not an
/// absolute path, not out of it by `..`, not out of it through a symlink.
fn inside_folder(dir: &Path, relative: &str) -> Result<PathBuf> {
    const EXPECTED: &str = "expected a file in the source file's folder or a folder under it";
    let cannot_read = |e: std::io::Error| anyhow!("cannot read `{relative}`: {e}");
    let named = Path::new(relative);
    if named.has_root() {
        bail!("`{relative}` is an absolute path; {EXPECTED}, named relative to it");
    }
    // Counted on the words first, so that `sub/../../x` is refused even where `sub` is missing.
    let mut depth = 0usize;
    for part in named.components() {
        match part {
            Component::ParentDir if depth == 0 => {
                bail!("`{relative}` leads outside the source file's folder (by `..`); {EXPECTED}")
            }
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    // A file named without a folder (`import x.toml`) is in the working one.
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let folder = std::fs::canonicalize(dir).map_err(cannot_read)?;
    let path = std::fs::canonicalize(dir.join(named)).map_err(cannot_read)?;
    if !path.starts_with(&folder) {
        bail!(
            "`{relative}` leads outside the source file's folder through a symbolic link; \
             {EXPECTED}"
        );
    }
    let meta = std::fs::metadata(&path).map_err(cannot_read)?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a directory"
        } else {
            "a special file"
        };
        bail!("`{relative}` is {kind}, not a regular file; {EXPECTED}");
    }
    Ok(path)
}

fn parse_error_toml(e: &toml::de::Error, content: &str, file_name: &str) -> anyhow::Error {
    let position = e.span().map_or_else(
        || file_name.to_string(),
        |span| {
            let (line, col) = locate::line_col(content, span.start);
            format!("{file_name}:{line}:{col}")
        },
    );
    let mut message = e.message().trim_end().to_string();
    // A bare TOML date (date = 2024-01-15) is a datetime, which reaches serde as a map.
    if message.contains("invalid type: map, expected a string")
        && let Some(span) = e.span()
        && content[span.start..].starts_with(|c: char| c.is_ascii_digit())
    {
        message.push_str("; write dates in quotes, e.g. \"2024-01-15\"");
    }
    anyhow!("{position}: {message}")
}

fn parse_error_json(
    e: &serde_json::Error,
    file_name: &str,
    record: Option<usize>,
) -> anyhow::Error {
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    match record {
        Some(n) => anyhow!("{file_name}: record {n}, column {}: {message}", e.column()),
        None => anyhow!("{file_name}:{}:{}: {message}", e.line(), e.column()),
    }
}

/// Parses one document.
pub fn parse(
    content: &str,
    format: RawFormat,
    file_name: &str,
    record: Option<usize>,
    read_text: &TextReader<'_>,
) -> Result<SourceDocument> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let file: SourceFile = match format {
        RawFormat::Toml => {
            toml::from_str(content).map_err(|e| parse_error_toml(&e, content, file_name))?
        }
        RawFormat::Json | RawFormat::JsonLines => {
            serde_json::from_str(content).map_err(|e| parse_error_json(&e, file_name, record))?
        }
    };
    let origin = match record {
        Some(n) => format!("{file_name}: record {n}"),
        None => file_name.to_string(),
    };
    let text = match (&file.source.text, &file.source.text_file) {
        (Some(text), None) => text.clone(),
        (None, Some(name)) => read_text(name).map_err(|e| {
            let at = field_position(content, format, &origin, record, "source.text_file");
            anyhow!("{at}: source.text_file: {e:#}")
        })?,
        (Some(_), Some(_)) => bail!(
            "{origin}: source: give the text either inline (`text`) or as `text_file`, not both"
        ),
        (None, None) => {
            bail!("{origin}: source: the source text is missing; expected `text` or `text_file`")
        }
    };
    Ok(SourceDocument {
        file,
        text,
        file_name: file_name.to_string(),
        stored_name: file_name.to_string(),
        record,
        raw: Some((format, content.to_string())),
    })
}

/// Where a field is in a document not yet parsed whole: `file:line:column`, or
/// `file: record N, column C`.
fn field_position(
    content: &str,
    format: RawFormat,
    origin: &str,
    record: Option<usize>,
    field: &str,
) -> String {
    let Some(offset) = locate::locate(format, content, field) else {
        return origin.to_string();
    };
    let (line, col) = locate::line_col(content, offset);
    match record {
        Some(_) => format!("{origin}, column {col}"),
        None => format!("{origin}:{line}:{col}"),
    }
}

/// The documents of a whole TOML or JSON file.
pub fn parse_whole(
    bytes: Vec<u8>,
    format: Option<RawFormat>,
    file_name: &str,
    dir: PathBuf,
) -> Result<RawFormatOrDocument> {
    let content = decode(bytes, file_name)?;
    let format = format.unwrap_or_else(|| RawFormat::sniff(&content));
    if format == RawFormat::JsonLines {
        return Ok(RawFormatOrDocument::Lines(content));
    }
    let reader = text_reader(dir);
    Ok(RawFormatOrDocument::Document(Box::new(parse(
        &content, format, file_name, None, &reader,
    )?)))
}

/// A whole file is one document, unless it turns out to hold JSON Lines.
pub enum RawFormatOrDocument {
    Document(Box<SourceDocument>),
    Lines(String),
}

/// JSON Lines, one source per line, read as a stream. Blank lines are skipped.
pub struct JsonLines<R> {
    reader: R,
    file_name: String,
    line: usize,
    read_text: Box<TextReader<'static>>,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, file_name: &str, dir: PathBuf) -> JsonLines<R> {
        JsonLines {
            reader,
            file_name: file_name.to_string(),
            line: 0,
            read_text: Box::new(text_reader(dir)),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<SourceDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let mut bytes = Vec::new();
            let read = (&mut self.reader)
                .take(MAX_FILE_BYTES as u64 + 1)
                .read_until(b'\n', &mut bytes);
            self.line += 1;
            let name = format!("{}: record {}", self.file_name, self.line);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(Err(anyhow!("{name}: cannot read: {e}")));
                }
                Ok(0) => return None,
                Ok(_) => {}
            }
            if bytes.len() > MAX_FILE_BYTES {
                self.done = true;
                return Some(Err(anyhow!(
                    "{name}: the record is longer than {} MiB",
                    MAX_FILE_BYTES / 1024 / 1024
                )));
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let content = match String::from_utf8(bytes) {
                Ok(c) => c,
                Err(_) => {
                    return Some(Err(anyhow!(
                        "{name}: the record is not UTF-8 text; a GBK or Big5 file must be converted first"
                    )));
                }
            };
            let content = if self.line == 1 {
                content.trim_start_matches('\u{feff}').to_string()
            } else {
                content
            };
            return Some(parse(
                content.trim_end(),
                RawFormat::JsonLines,
                &self.file_name,
                Some(self.line),
                &*self.read_text,
            ));
        }
    }
}
