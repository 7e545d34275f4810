//! Data on stdout in the format the user asked for. A listing carries both what a person reads
//! (display text: 逾1000億) and what a program parses (typed fields: 100000000000 and
//! "more_than"), so every format is made from one value.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, ContentArrangement, Table, TableComponent, presets,
};
use serde_json::{Map, Value};

use crate::cli::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Text for a terminal: control characters but the line break (ESC, BEL, a tab inside a name), bidirectional
/// overrides and invisible characters are shown as `\u{1b}` escapes, so that a name can neither
/// drive the terminal (retitle it, move the cursor) nor read in a different order than it is
/// stored. Stored text is unchanged; CSV and JSON carry it as it is.
pub fn printable(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || crate::source::fold::is_invisible(c)
}

/// Rows of a listing: `display` for table and Markdown, `records` for CSV and JSON.
#[derive(Debug, Default)]
pub struct Listing {
    pub columns: Vec<(String, Align)>,
    /// Field names of the records, in order: the CSV header, stable and documented.
    pub fields: Vec<String>,
    pub display: Vec<Vec<String>>,
    pub records: Vec<Map<String, Value>>,
    /// Leave out the header row (`--no-header`).
    pub no_header: bool,
    /// Fit the table to this many columns, wrapping long cells; None: one line per row.
    pub width: Option<u16>,
    /// For a record shown field by field: the headers of its two columns (default `field`,
    /// `value`), in the reader's language.
    pub pair_headers: Option<(String, String)>,
    /// The columns most needed first, for a table narrower than its text (`fit.rs`); empty:
    /// left to right.
    pub priority: Vec<usize>,
    /// How many of `priority` are key columns, never hidden.
    pub keys: usize,
    /// The reader's language and script, for the words a table says about itself (a footer).
    pub lang: Option<(crate::cli::Lang, crate::cli::Script)>,
}

impl Listing {
    pub fn new(columns: Vec<(String, Align)>, fields: Vec<String>) -> Listing {
        Listing {
            columns,
            fields,
            ..Listing::default()
        }
    }

    pub fn push(&mut self, display: Vec<String>, record: Map<String, Value>) {
        debug_assert!(record.is_empty() || record.keys().eq(self.fields.iter()));
        self.push_display(display);
        self.records.push(record);
    }

    /// A row for people only (a table, a record's field and value): no record beside it.
    pub fn push_display(&mut self, display: Vec<String>) {
        debug_assert_eq!(display.len(), self.columns.len());
        self.display.push(
            display
                .into_iter()
                .map(|c| {
                    if c.chars().any(needs_escape) {
                        printable(&c)
                    } else {
                        c
                    }
                })
                .collect(),
        );
    }
}

/// Why `--format svg` gave nothing.
fn no_chart() -> io::Error {
    io::Error::other(crate::UsageError(
        "--format svg draws a report's chart (timeline, industries, bands, targets, top); use \
         --format html for a page with the table"
            .into(),
    ))
}

/// A one-row listing shown field by field (empty fields left out), for a person.
fn field_by_field(record: &Listing) -> Listing {
    let (field, value) = record
        .pair_headers
        .clone()
        .unwrap_or_else(|| ("field".into(), "value".into()));
    let mut vertical = Listing::new(
        vec![(field, Align::Left), (value, Align::Left)],
        vec!["field".into(), "value".into()],
    );
    vertical.width = record.width;
    if let Some(row) = record.display.first() {
        for ((header, _), text) in record.columns.iter().zip(row) {
            if !text.is_empty() {
                vertical.push_display(vec![header.clone(), text.clone()]);
            }
        }
    }
    vertical
}

fn record_html(
    out: &mut dyn Write,
    noun: &str,
    record: &Listing,
    sections: &[(String, Listing)],
) -> io::Result<()> {
    let vertical = field_by_field(record);
    let body = maud::html! {
        h1 { (noun) }
        (super::html::table(&vertical, &|_, _| None))
        @for (title, listing) in sections {
            @if !listing.display.is_empty() {
                h2 { (title) }
                (super::html::table(listing, &|_, _| None))
            }
        }
    };
    out.write_all(super::html::page(noun, body).as_bytes())
}

pub fn write(
    out: &mut dyn Write,
    listing: &Listing,
    format: Format,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Html => out.write_all(
            super::html::page("zhaoshang", super::html::table(listing, &|_, _| None)).as_bytes(),
        ),
        Format::Svg => Err(no_chart()),
        Format::Table => write_table(out, listing, color),
        Format::Markdown => write_markdown(out, listing),
        Format::Csv | Format::Excel | Format::Tsv | Format::Json | Format::Ndjson => {
            let Some(mut stream) = Stream::start(out, format, &listing.fields, !listing.no_header)?
            else {
                return Ok(());
            };
            for record in &listing.records {
                stream.record(&listing.fields, record)?;
            }
            stream.finish()
        }
    }
}

fn write_table(out: &mut dyn Write, listing: &Listing, color: bool) -> io::Result<()> {
    if listing.no_header && listing.display.is_empty() {
        return Ok(()); // nothing at all: `--no-header | wc -l` counts 0
    }
    if !color
        && listing.width.is_none()
        && !listing.display.iter().flatten().any(|c| c.contains('\n'))
    {
        return write_plain_table(out, listing);
    }
    write_comfy_table(out, listing, color)
}

fn write_comfy_table(out: &mut dyn Write, listing: &Listing, color: bool) -> io::Result<()> {
    let mut table = Table::new();
    // Only a rule under the header: rows stay one line each, easy to read and to grep.
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        .set_content_arrangement(ContentArrangement::Disabled);
    if let Some(width) = listing.width {
        if listing.columns.len() > 2 && natural_width(listing) > usize::from(width) {
            return match super::fit::plan(listing, usize::from(width)) {
                Some(plan) => super::fit::write(out, listing, &plan, color),
                None => write_expanded(out, listing, width, color),
            };
        }
        // Field and value (a record, an expanded row): long values wrap, by display width.
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    }
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if !listing.no_header {
        table.set_header(listing.columns.iter().map(|(name, _)| {
            let cell = Cell::new(name);
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
    }
    for row in &listing.display {
        table.add_row(row.iter().zip(&listing.columns).map(|(text, (_, align))| {
            Cell::new(text).set_alignment(match align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            })
        }));
    }
    writeln!(out, "{table}")
}

/// The table write_table draws with comfy-table when it need not wrap, colour or split lines:
/// the same characters, written straight out (comfy-table builds every line in memory first).
/// Each cell padded by a space either side, a space between columns, a rule under the header.
fn write_plain_table(out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let mut widths: Vec<usize> = vec![0; listing.columns.len()];
    if !listing.no_header {
        for (w, (name, _)) in widths.iter_mut().zip(&listing.columns) {
            *w = width(name);
        }
    }
    for row in &listing.display {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let rows = listing.display.iter().map(|row| Ok(row.iter()));
    write_plain_rows(out, &listing.columns, !listing.no_header, &widths, rows)
}

/// A plain table (one line a row, no wrapping, no colour) from rows as they come, each column
/// `widths` wide (the widest cell, or the header's). The rows may come from anywhere: a
/// listing held in memory or a spooled table read back.
pub fn write_plain_rows<S: AsRef<str>, R: IntoIterator<Item = S>>(
    out: &mut dyn Write,
    columns: &[(String, Align)],
    header: bool,
    widths: &[usize],
    rows: impl Iterator<Item = io::Result<R>>,
) -> io::Result<()> {
    let mut line = String::new();
    if header {
        let names = columns.iter().map(|(name, _)| (name.as_str(), Align::Left));
        plain_row(&mut line, names, widths);
        let total = widths.iter().map(|w| w + 2).sum::<usize>() + widths.len().saturating_sub(1);
        line.push_str(&"─".repeat(total));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    for row in rows {
        line.clear();
        plain_row(
            &mut line,
            row?.into_iter().zip(columns.iter().map(|(_, a)| *a)),
            widths,
        );
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One line of a plain table into `line`.
fn plain_row<S: AsRef<str>>(
    line: &mut String,
    cells: impl Iterator<Item = (S, Align)>,
    widths: &[usize],
) {
    for (i, ((text, align), w)) in cells.zip(widths).enumerate() {
        let text = text.as_ref();
        if i > 0 {
            line.push(' ');
        }
        let pad = w - unicode_width::UnicodeWidthStr::width(text);
        line.push(' ');
        if align == Align::Right {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(text);
        } else {
            line.push_str(text);
            line.extend(std::iter::repeat_n(' ', pad));
        }
        line.push(' ');
    }
    line.push('\n');
}

/// The width a table takes on one line per row: each column as wide as its widest cell (by
/// display width: a CJK character takes two), with the three spaces between columns.
fn natural_width(listing: &Listing) -> usize {
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    listing
        .columns
        .iter()
        .enumerate()
        .map(|(i, (header, _))| {
            let cells = listing
                .display
                .iter()
                .map(|row| row.get(i).map_or(0, |c| width(c)));
            cells.max().unwrap_or(0).max(width(header)) + 3
        })
        .sum()
}

/// A table too wide for its terminal, one row at a time as field and value (as `psql \x`), the
/// values wrapped to the width.
fn write_expanded(
    out: &mut dyn Write,
    listing: &Listing,
    width: u16,
    color: bool,
) -> io::Result<()> {
    for (i, row) in listing.display.iter().enumerate() {
        let title = format!("── {} ", i + 1);
        let rule = "─".repeat(
            usize::from(width)
                .saturating_sub(title.chars().count())
                .min(40),
        );
        writeln!(out, "{title}{rule}")?;
        let mut pairs = Listing::new(
            vec![("field".into(), Align::Left), ("value".into(), Align::Left)],
            vec!["field".into(), "value".into()],
        );
        pairs.no_header = true;
        pairs.width = Some(width);
        for ((header, _), text) in listing.columns.iter().zip(row) {
            if !text.is_empty() {
                pairs.push_display(vec![header.clone(), text.clone()]);
            }
        }
        write_table(out, &pairs, color)?;
    }
    Ok(())
}

fn write_markdown(out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
    let escape = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let headers: Vec<String> = listing.columns.iter().map(|(h, _)| escape(h)).collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    let rules: Vec<&str> = listing
        .columns
        .iter()
        .map(|(_, a)| if *a == Align::Right { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rules.join(" | "))?;
    for row in &listing.display {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// How text a spreadsheet would run as a formula begins (see [`csv_cell`]).
pub(super) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A JSON value as a CSV cell: NULL is empty, numbers in full, text as it is, except that text
/// a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends; docs/output.md states the rule.
pub(super) fn csv_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) if s.starts_with(FORMULA_STARTS) => format!("'{s}"),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The byte-order mark that tells Excel a CSV file is UTF-8.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// A CSV error as the I/O error it is, so that a closed pipe (`| head`) is recognised as one.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("cannot write CSV: {other:?}")),
    }
}

fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Tab-separated values: no quoting at all (a value's tabs and line breaks become spaces), so
/// that `cut -f` and `awk -F'\t'` read every line as one row.
fn tsv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Never)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// A cell for TSV: tabs and line breaks inside it as spaces.
pub(crate) fn tsv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        text.replace(['\t', '\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

/// Writes one record (a one-row listing, shown field by field) and the sections linked to it.
pub fn write_record(
    out: &mut dyn Write,
    noun: &str,
    record: &Listing,
    sections: &[(String, Listing)],
    format: Format,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Json => record_json(out, noun, record, sections),
        Format::Ndjson => record_ndjson(out, record, sections),
        Format::Csv => record_csv(out, record, sections, b','),
        Format::Tsv => record_csv(out, record, sections, b'\t'),
        Format::Excel => {
            out.write_all(BOM)?;
            record_csv(out, record, sections, b',')
        }
        Format::Table | Format::Markdown => record_text(out, noun, record, sections, format, color),
        Format::Html => record_html(out, noun, record, sections),
        Format::Svg => Err(no_chart()),
    }
}

fn section_key(title: &str) -> String {
    title.replace(' ', "_")
}

/// The record first, then each section, by key.
fn parts<'a>(
    record: &'a Listing,
    sections: &'a [(String, Listing)],
) -> impl Iterator<Item = (String, &'a Listing)> {
    std::iter::once(("record".to_string(), record))
        .chain(sections.iter().map(|(t, l)| (section_key(t), l)))
}

fn record_json(
    out: &mut dyn Write,
    noun: &str,
    record: &Listing,
    sections: &[(String, Listing)],
) -> io::Result<()> {
    let mut object = Map::new();
    object.insert("kind".into(), Value::String(noun.to_string()));
    object.insert(
        "record".into(),
        Value::Object(record.records.first().cloned().unwrap_or_default()),
    );
    for (title, listing) in sections {
        object.insert(
            section_key(title),
            Value::Array(listing.records.iter().cloned().map(Value::Object).collect()),
        );
    }
    serde_json::to_writer_pretty(&mut *out, &object)?;
    writeln!(out)
}

fn record_ndjson(
    out: &mut dyn Write,
    record: &Listing,
    sections: &[(String, Listing)],
) -> io::Result<()> {
    for (section, listing) in parts(record, sections) {
        for r in &listing.records {
            let mut object = Map::new();
            object.insert("section".into(), Value::String(section.clone()));
            object.extend(r.clone());
            serde_json::to_writer(&mut *out, &object)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// One line per field: section, row number, field, value.
fn record_csv(
    out: &mut dyn Write,
    record: &Listing,
    sections: &[(String, Listing)],
    delimiter: u8,
) -> io::Result<()> {
    let tsv = delimiter == b'\t';
    let mut w = if tsv {
        tsv_writer(out)
    } else {
        csv_writer(out)
    };
    w.write_record(["section", "row", "field", "value"])
        .map_err(csv_io)?;
    for (section, listing) in parts(record, sections) {
        for (i, r) in listing.records.iter().enumerate() {
            for (field, value) in r {
                let row = (i + 1).to_string();
                let cell = csv_cell(value);
                let cell = if tsv { tsv_cell(&cell) } else { cell.into() };
                w.write_record([section.as_str(), &row, field, &cell])
                    .map_err(csv_io)?;
            }
        }
    }
    w.flush()
}

fn record_text(
    out: &mut dyn Write,
    noun: &str,
    record: &Listing,
    sections: &[(String, Listing)],
    format: Format,
    color: bool,
) -> io::Result<()> {
    let vertical = field_by_field(record);
    let markdown = format == Format::Markdown;
    if markdown {
        writeln!(out, "## {noun}\n")?;
    }
    write(out, &vertical, format, color)?;
    for (title, listing) in sections {
        if listing.display.is_empty() {
            continue;
        }
        if markdown {
            writeln!(out, "\n### {title}\n")?;
        } else {
            writeln!(out, "\n{title} ({})", listing.display.len())?;
        }
        write(out, listing, format, color)?;
    }
    Ok(())
}

/// Records written as they come, for the formats a program reads (CSV, JSON, NDJSON), so that
/// a result of any size is printed without being held. The output is the same as [`write`]'s.
pub enum Stream<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Tsv(Box<csv::Writer<W>>),
    Ndjson(W),
    Json { out: W, written: usize },
}

impl<W: Write> Stream<W> {
    /// Starts a stream; None for the formats that need every row first (table, Markdown).
    /// Starts a stream; `header`: write the CSV header row.
    pub fn start(
        out: W,
        format: Format,
        fields: &[String],
        header: bool,
    ) -> io::Result<Option<Stream<W>>> {
        Ok(match format {
            Format::Excel => {
                let mut out = out;
                out.write_all(BOM)?;
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out);
                if header {
                    w.write_record(fields).map_err(csv_io)?;
                }
                Some(Stream::Csv(Box::new(w)))
            }
            Format::Csv => {
                let mut w = csv_writer(out);
                if header {
                    w.write_record(fields).map_err(csv_io)?;
                }
                Some(Stream::Csv(Box::new(w)))
            }
            Format::Tsv => {
                let mut w = tsv_writer(out);
                if header {
                    w.write_record(fields).map_err(csv_io)?;
                }
                Some(Stream::Tsv(Box::new(w)))
            }
            Format::Ndjson => Some(Stream::Ndjson(out)),
            Format::Json => Some(Stream::Json { out, written: 0 }),
            Format::Table | Format::Markdown | Format::Html | Format::Svg => None,
        })
    }

    pub fn record(&mut self, fields: &[String], record: &Map<String, Value>) -> io::Result<()> {
        match self {
            Stream::Csv(w) => {
                w.write_record(
                    fields
                        .iter()
                        .map(|k| csv_cell(record.get(k).unwrap_or(&Value::Null))),
                )
                .map_err(csv_io)?;
            }
            Stream::Tsv(w) => {
                w.write_record(fields.iter().map(|k| {
                    tsv_cell(&csv_cell(record.get(k).unwrap_or(&Value::Null))).into_owned()
                }))
                .map_err(csv_io)?;
            }
            Stream::Ndjson(out) => {
                serde_json::to_writer(&mut *out, record)?;
                writeln!(out)?;
            }
            Stream::Json { out, written } => {
                // As serde_json writes a pretty array: each record indented by two spaces.
                out.write_all(if *written == 0 { b"[\n" } else { b",\n" })?;
                let text = serde_json::to_string_pretty(record)?;
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
                *written += 1;
            }
        }
        Ok(())
    }

    /// Writes a row's cells (`present::csv_value` of each value) straight to a CSV stream,
    /// without building a record first; false for the JSON formats, which need one.
    pub fn csv_row<S: AsRef<str>>(&mut self, cells: impl Iterator<Item = S>) -> io::Result<bool> {
        let (w, tsv) = match self {
            Stream::Csv(w) => (w, false),
            Stream::Tsv(w) => (w, true),
            _ => return Ok(false),
        };
        for cell in cells {
            let cell = cell.as_ref();
            let cell = if tsv { tsv_cell(cell) } else { cell.into() };
            w.write_field(cell.as_bytes()).map_err(csv_io)?;
        }
        // Ends the record the fields began.
        w.write_record(None::<&[u8]>).map_err(csv_io)?;
        Ok(true)
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            Stream::Csv(mut w) | Stream::Tsv(mut w) => w.flush(),
            Stream::Ndjson(mut out) => out.flush(),
            Stream::Json { mut out, written } => {
                out.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })?;
                out.flush()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(columns: &[(&str, Align)], rows: &[&[&str]], no_header: bool) -> Listing {
        let mut l = Listing::new(
            columns
                .iter()
                .map(|(n, a)| ((*n).to_string(), *a))
                .collect(),
            Vec::new(),
        );
        l.no_header = no_header;
        for row in rows {
            l.push_display(row.iter().map(|c| (*c).to_string()).collect());
        }
        l
    }

    fn rendered(l: &Listing, plain: bool) -> String {
        let mut out = Vec::new();
        if plain {
            write_plain_table(&mut out, l).unwrap();
        } else {
            write_comfy_table(&mut out, l, false).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_plain_table_is_what_comfy_table_draws() {
        let columns = [
            ("event id", Align::Right),
            ("district", Align::Left),
            ("headline amount", Align::Right),
            ("note", Align::Left),
        ];
        let rows: &[&[&str]] = &[
            &["1", "江津區", "266億", "a note"],
            &["12", "福山区", "", ""],
            &["300", "示例县 (illustrative)", "逾1000億", "1GW 飛輪儲能"],
        ];
        for no_header in [false, true] {
            for rows in [rows, &rows[..1], &[]] {
                let l = listing(&columns, rows, no_header);
                if no_header && rows.is_empty() {
                    assert_eq!(rendered(&l, true), "", "no header, no rows: nothing");
                    continue;
                }
                assert_eq!(
                    rendered(&l, true),
                    rendered(&l, false),
                    "{rows:?} {no_header}"
                );
            }
        }
        let one = listing(&[("value", Align::Left)], &[&["x"], &["長一點的值"]], false);
        assert_eq!(rendered(&one, true), rendered(&one, false));
    }
}
