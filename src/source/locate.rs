//! Finding where a field is in the text of a source file, so that a problem found after parsing
//! (a quote not in the source, an unknown qualifier) is reported at its line and column.

use crate::source::RawFormat;

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// `events[0].projects[3].amount.value` → [events, 0, projects, 3, amount, value]
fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key.to_string()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Segment::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The byte offset of the value at `path`, or of the nearest enclosing value that exists.
pub fn locate(format: RawFormat, raw: &str, path: &str) -> Option<usize> {
    let segments = segments(path);
    match format {
        RawFormat::Toml => locate_toml(raw, &segments),
        RawFormat::Json | RawFormat::JsonLines => {
            let mut p = JsonScan {
                bytes: raw.as_bytes(),
                pos: 0,
            };
            p.find(&segments)
        }
    }
}

fn locate_toml(raw: &str, segments: &[Segment]) -> Option<usize> {
    let table = toml::de::DeTable::parse(raw).ok()?;
    let start = table.span().start;
    let root = toml::de::DeValue::Table(table.into_inner());
    let mut value = &root;
    let mut found = start;
    for s in segments {
        let next = match s {
            Segment::Key(k) => value.get(k.as_str()),
            Segment::Index(i) => value.get(*i),
        };
        match next {
            Some(v) => {
                value = v.get_ref();
                found = v.span().start;
            }
            None => break,
        }
    }
    Some(found)
}

/// A scanner that walks JSON text just far enough to find where a value starts.
struct JsonScan<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl JsonScan<'_> {
    fn ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn string(&mut self) -> Option<String> {
        let start = self.pos + 1;
        self.pos += 1;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    let s = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
                    self.pos += 1;
                    return serde_json::from_str(&format!("\"{s}\"")).ok();
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    /// Skips one value.
    fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
                return None;
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        Some(())
    }

    fn find(&mut self, segments: &[Segment]) -> Option<usize> {
        self.ws();
        let here = self.pos;
        let Some((first, rest)) = segments.split_first() else {
            return Some(here);
        };
        match (first, self.peek()?) {
            (Segment::Key(key), b'{') => {
                self.pos += 1;
                loop {
                    self.ws();
                    if self.peek()? == b'}' {
                        return Some(here);
                    }
                    let k = self.string()?;
                    self.ws();
                    self.pos += 1; // ':'
                    if k == *key {
                        return self.find(rest).or(Some(here));
                    }
                    self.skip()?;
                    self.ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
            }
            (Segment::Index(index), b'[') => {
                self.pos += 1;
                for _ in 0..*index {
                    self.ws();
                    if self.peek()? == b']' {
                        return Some(here);
                    }
                    self.skip()?;
                    self.ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
                self.ws();
                if self.peek()? == b']' {
                    return Some(here);
                }
                self.find(rest).or(Some(here))
            }
            _ => Some(here),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_in_toml_and_json() {
        let toml = "format = 1\n[source]\ntitle = \"t\"\n\n[[events]]\nname = \"a\"\n\n[[events]]\nname = \"b\"\nquote = \"q\"\n";
        let at = locate(RawFormat::Toml, toml, "events[1].quote").unwrap();
        assert_eq!(line_col(toml, at), (10, 9));
        let json = "{\"format\": 1,\n \"events\": [{\"name\": \"a\"},\n  {\"name\": \"b\", \"quote\": \"q\"}]}";
        let at = locate(RawFormat::Json, json, "events[1].quote").unwrap();
        assert_eq!(line_col(json, at), (3, 26));
        // a missing field points at the record that lacks it
        let at = locate(RawFormat::Json, json, "events[0].quote").unwrap();
        assert_eq!(line_col(json, at), (2, 13));
    }
}
