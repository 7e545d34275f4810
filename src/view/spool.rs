//! A plain table written from rows as they come, in flat memory: each row's display cells go to
//! a temporary file, and what a table needs from every row before its first line (column
//! widths, which columns are numbers, the largest bar) is gathered on the way. The table is
//! then written from the file, byte for byte as [`super::present::table`] and
//! [`super::output::write`] write it from rows held in memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

use rusqlite::types::Value;

use super::output::{Align, Listing, printable, write_plain_rows};
use super::present::{self, Layout};
use crate::cli::{Format, Lang, Script};

/// Separates the cells of a spooled row, and ends a row: both are escaped in any cell
/// ([`printable`]), so neither can occur inside one.
const CELL_END: char = '\u{1f}';
const ROW_END: u8 = 0x1e;

pub struct SpooledTable {
    layout: Layout,
    /// Per display column: the widest cell so far (a bar's column is sized at the end).
    widths: Vec<usize>,
    /// A cell holds a line break: the table is then drawn with wrapped cells, as in memory.
    multiline: bool,
    script: Script,
    /// The language vocabulary values and yes/no are shown in.
    lang: Lang,
    spool: BufWriter<File>,
    line: String,
}

impl SpooledTable {
    /// A table for a query with these columns; `bar_stem` names the column drawn as a bar.
    pub fn new(
        columns: &[String],
        bar_stem: Option<&str>,
        script: Script,
        lang: Lang,
    ) -> io::Result<Self> {
        let layout = Layout::new(columns, bar_stem);
        let shown = layout.groups.len() + usize::from(layout.bar_group.is_some());
        Ok(SpooledTable {
            layout,
            widths: vec![0; shown],
            multiline: false,
            script,
            lang,
            spool: BufWriter::new(tempfile::tempfile()?),
            line: String::new(),
        })
    }

    /// Adds one row of the query.
    pub fn push(&mut self, row: &[Value]) -> io::Result<()> {
        let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
        self.layout.see(row);
        self.line.clear();
        let mut column = 0;
        for (gi, g) in self.layout.groups.iter().enumerate() {
            let shown = printable(&present::cell(row, g));
            let shown = super::script::convert(&shown, self.script);
            let shown = match super::lang::value_shown(&g.header(), &shown, self.lang, self.script)
            {
                Some(value) => value.into(),
                None => shown,
            };
            self.widths[column] = self.widths[column].max(width(&shown));
            self.multiline |= shown.contains('\n');
            self.line.push_str(&shown);
            self.line.push(CELL_END);
            column += 1;
            if Some(gi) == self.layout.bar_group {
                // The bar's value; the bar is drawn when the largest is known.
                self.line.push_str(&present::bar_value(row, g).to_string());
                self.line.push(CELL_END);
                column += 1;
            }
        }
        self.spool.write_all(self.line.as_bytes())?;
        self.spool.write_all(&[ROW_END])?;
        Ok(())
    }

    pub fn rows(&self) -> usize {
        self.layout.rows()
    }

    /// The columns' headers (in the reader's language) and alignment.
    fn columns(&self, lang: Lang) -> Vec<(String, Align)> {
        let mut columns = self.layout.columns();
        for (name, _) in &mut columns {
            *name = super::lang::header(name, lang, self.script).into_owned();
        }
        columns
    }

    /// Writes the table: the header (unless `header` is false) and every row.
    pub fn write(mut self, out: &mut dyn Write, lang: Lang, header: bool) -> io::Result<()> {
        if !header && self.rows() == 0 {
            return Ok(()); // nothing at all: `--no-header | wc -l` counts 0
        }
        let columns = self.columns(lang);
        let bar_column = self.layout.bar_group.map(|g| g + 1);
        let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
        if let Some(b) = bar_column {
            self.widths[b] = width(&present::bar(self.layout.bar_max, self.layout.bar_max));
        }
        if header {
            for (w, (name, _)) in self.widths.iter_mut().zip(&columns) {
                *w = (*w).max(width(name));
            }
        }
        let mut file = self
            .spool
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        let mut reader = BufReader::new(file);
        let bar_max = self.layout.bar_max;
        let mut record = Vec::new();
        let rows = std::iter::from_fn(|| {
            record.clear();
            match reader.read_until(ROW_END, &mut record) {
                Ok(0) => None,
                Ok(_) => Some(read_row(&record, bar_column, bar_max)),
                Err(e) => Some(Err(e)),
            }
        });
        if self.multiline {
            // Rare (a text with line breaks): the rows are held to wrap them.
            let mut listing = Listing::new(columns, Vec::new());
            listing.no_header = !header;
            for row in rows {
                listing.push_display(row?);
            }
            return super::output::write(out, &listing, Format::Table, false);
        }
        write_plain_rows(out, &columns, header, &self.widths, rows)
    }
}

/// One spooled row back as its display cells, the bar drawn.
fn read_row(record: &[u8], bar_column: Option<usize>, bar_max: f64) -> io::Result<Vec<String>> {
    let invalid =
        |e: &dyn std::fmt::Display| io::Error::new(io::ErrorKind::InvalidData, e.to_string());
    let text = std::str::from_utf8(record.strip_suffix(&[ROW_END]).unwrap_or(record))
        .map_err(|e| invalid(&e))?;
    let mut cells = Vec::new();
    for (i, cell) in text.split_terminator(CELL_END).enumerate() {
        if Some(i) == bar_column {
            let value: f64 = cell.parse().map_err(|e| invalid(&e))?;
            cells.push(present::bar(value, bar_max));
        } else {
            cells.push(cell.to_string());
        }
    }
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::QueryResult;

    /// The same table drawn from rows held in memory.
    fn in_memory(
        result: &QueryResult,
        bar: Option<&str>,
        script: Script,
        lang: Lang,
        header: bool,
    ) -> String {
        let mut listing = present::table(result, bar);
        super::super::script::convert_display(&mut listing, script);
        super::super::lang::values(&mut listing, lang, script);
        super::super::lang::headers(&mut listing, lang, script);
        listing.no_header = !header;
        let mut out = Vec::new();
        super::super::output::write(&mut out, &listing, Format::Table, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn spooled(
        result: &QueryResult,
        bar: Option<&str>,
        script: Script,
        lang: Lang,
        header: bool,
    ) -> String {
        let mut table = SpooledTable::new(&result.columns, bar, script, lang).unwrap();
        for row in &result.rows {
            table.push(row).unwrap();
        }
        assert_eq!(table.rows(), result.rows.len());
        let mut out = Vec::new();
        table.write(&mut out, lang, header).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn a_spooled_table_is_the_table_drawn_in_memory() {
        let columns = [
            "industry",
            "amount_yuan",
            "amount_qualifier",
            "project_count",
            "note",
        ];
        let rows = vec![
            vec![
                text("新能源及新型儲能"),
                Value::Integer(5_200_000_000),
                text("exact"),
                Value::Integer(3),
                text("a"),
            ],
            vec![
                text("生物醫藥"),
                Value::Integer(100_000_000_000),
                text("more_than"),
                Value::Null,
                Value::Null,
            ],
            vec![
                text("x\u{1b}]0;title\u{7}"),
                Value::Null,
                Value::Null,
                Value::Integer(12),
                text("\u{202e}abc"),
            ],
            vec![
                text("零"),
                Value::Integer(0),
                text("exact"),
                Value::Integer(0),
                text("ok"),
            ],
        ];
        let result = QueryResult {
            columns: columns.iter().map(|c| (*c).to_string()).collect(),
            rows,
        };
        let empty = QueryResult {
            columns: result.columns.clone(),
            rows: Vec::new(),
        };
        let mut multiline = QueryResult {
            columns: result.columns.clone(),
            rows: result.rows.clone(),
        };
        multiline.rows[0][4] = text("two\nlines");
        for r in [&result, &empty, &multiline] {
            for bar in [None, Some("amount"), Some("project")] {
                for script in [Script::AsStored, Script::Simplified, Script::Traditional] {
                    for lang in [Lang::En, Lang::Zh] {
                        for header in [true, false] {
                            let held = in_memory(r, bar, script, lang, header);
                            assert_eq!(
                                spooled(r, bar, script, lang, header),
                                held,
                                "{bar:?} {script:?} {lang:?} {header}"
                            );
                        }
                    }
                }
            }
        }
        // Not vacuous: the bars, the escapes, the script and the wrapped cell are there.
        let drawn = spooled(&result, Some("amount"), Script::Simplified, Lang::En, true);
        assert!(
            drawn.contains('█') && drawn.contains("\\u{1b}") && drawn.contains("生物医药"),
            "{drawn}"
        );
        assert!(spooled(&multiline, None, Script::AsStored, Lang::En, true).contains("lines"));
    }
}
