//! A table fitted to a terminal's width: columns kept in a priority order (each report and
//! listing names its own, its key columns first), the least needed hidden first and named in a
//! footer, long text cut with `…` by display width (a CJK character takes two columns), headers
//! wrapped at their spaces. Only when even the key columns do not fit is a row shown as a card,
//! field by field.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::output::{Align, Listing};
use crate::cli::{Lang, Script};

/// The narrowest a column of text is cut to (unless its widest cell is narrower).
const MIN_TEXT: usize = 12;
/// The narrowest a key column of text (a project's name) is cut to before other columns are
/// hidden to make room for it.
const KEY_TEXT: usize = 30;

/// Which columns a fitted table shows, in their order, and how wide each is.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub shown: Vec<usize>,
    pub widths: Vec<usize>,
    pub hidden: Vec<usize>,
}

/// The order columns are given up in, read from a `Fit:` line such as `held on, district,
/// headline amount | headline count, event`: the columns before `|` are the key ones (never
/// hidden), then the rest most needed first; columns it does not name come last, left to
/// right. `bar` names a report's bar column. Names are the English headers, and may be given
/// in the reader's language (a listing whose headers are translated already).
pub fn prioritise(listing: &mut Listing, spec: &str) {
    let (lang, script) = listing.lang.unwrap_or((Lang::En, Script::AsStored));
    let (keys, rest) = spec.split_once('|').unwrap_or((spec, ""));
    let index = |name: &str| {
        let name = name.trim();
        let header = if name == "bar" {
            String::new()
        } else {
            super::lang::header(name, lang, script).into_owned()
        };
        let found = listing.columns.iter().position(|(h, _)| *h == header);
        // A misspelt name would quietly give its column up first: the tests run debug builds.
        debug_assert!(found.is_some(), "Fit: no column `{name}`");
        found
    };
    let mut order: Vec<usize> = Vec::new();
    let push = |i: usize, order: &mut Vec<usize>| {
        if !order.contains(&i) {
            order.push(i);
        }
    };
    for i in keys.split(',').filter_map(index) {
        push(i, &mut order);
    }
    let key_count = order.len();
    for i in rest.split(',').filter_map(index) {
        push(i, &mut order);
    }
    for i in 0..listing.columns.len() {
        push(i, &mut order);
    }
    listing.priority = order;
    listing.keys = key_count.max(1);
}

/// Text on one line: a cell's line breaks as spaces.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\n') {
        text.replace('\n', " ").into()
    } else {
        text.into()
    }
}

/// `text` cut to `width` display columns, `…` marking the cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A header as lines no wider than `width`, broken at its spaces (a word too long is cut).
fn wrap(header: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in header.split(' ') {
        match lines.last_mut() {
            Some(line) if line.width() + 1 + word.width() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(cut(word, width)),
        }
    }
    lines
}

/// The width a table of columns this wide takes: a space either side of each cell and one
/// between columns.
fn total(widths: impl Iterator<Item = usize>) -> usize {
    let (sum, n) = widths.fold((0, 0), |(s, n), w| (s + w, n + 1));
    (sum + 3 * n).saturating_sub(1)
}

/// How to fit the listing to `width`; None when even its key columns do not fit.
pub fn plan(listing: &Listing, width: usize) -> Option<Plan> {
    let n = listing.columns.len();
    let natural: Vec<usize> = (0..n)
        .map(|i| {
            let cells = listing.display.iter().map(|r| one_line(&r[i]).width());
            cells.max().unwrap_or(0).max(listing.columns[i].0.width())
        })
        .collect();
    let priority: Vec<usize> = if listing.priority.len() == n {
        listing.priority.clone()
    } else {
        (0..n).collect()
    };
    let keys = listing.keys.clamp(1, n);
    let floor: Vec<usize> = (0..n)
        .map(|i| {
            // (When every column is a key, as with --columns, none is favoured.)
            let least = if keys < n && priority[..keys].contains(&i) {
                KEY_TEXT
            } else {
                MIN_TEXT
            };
            let (header, align) = &listing.columns[i];
            let word = header.split(' ').map(str::width).max().unwrap_or(0);
            let cells = listing.display.iter().map(|r| one_line(&r[i]).width());
            let widest = cells.max().unwrap_or(0);
            // Numbers and bars are never cut; text down to MIN_TEXT, headers wrap at spaces.
            if *align == Align::Right || header.is_empty() {
                widest.max(word)
            } else {
                natural[i].min(word.max(least))
            }
        })
        .collect();
    let mut kept = priority.clone();
    while total(kept.iter().map(|&i| floor[i])) > width && kept.len() > keys {
        kept.pop();
    }
    let used = total(kept.iter().map(|&i| floor[i]));
    if used > width {
        return None;
    }
    let mut widths: Vec<usize> = floor.clone();
    let mut spare = width - used;
    for &i in &kept {
        let grow = (natural[i] - floor[i]).min(spare);
        widths[i] += grow;
        spare -= grow;
    }
    let mut shown = kept.clone();
    shown.sort_unstable();
    Some(Plan {
        widths: shown.iter().map(|&i| widths[i]).collect(),
        hidden: priority
            .iter()
            .copied()
            .filter(|i| !kept.contains(i))
            .collect(),
        shown,
    })
}

/// Writes the listing as `plan` fits it, and a footer naming the columns it hides.
pub fn write(out: &mut dyn Write, listing: &Listing, plan: &Plan, color: bool) -> io::Result<()> {
    let columns: Vec<(String, Align)> = plan
        .shown
        .iter()
        .map(|&i| listing.columns[i].clone())
        .collect();
    let mut text = String::new();
    if !listing.no_header {
        let wrapped: Vec<Vec<String>> = columns
            .iter()
            .zip(&plan.widths)
            .map(|((h, _), w)| wrap(h, *w))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        for l in 0..lines {
            let cells = wrapped
                .iter()
                .map(|w| (w.get(l).map_or("", String::as_str), Align::Left));
            line(&mut text, cells, &plan.widths, color);
        }
        text.push_str(&"─".repeat(total(plan.widths.iter().copied())));
        text.push('\n');
    }
    for row in &listing.display {
        let cells: Vec<(String, Align)> = plan
            .shown
            .iter()
            .zip(&plan.widths)
            .map(|(&i, &w)| (cut(&one_line(&row[i]), w), listing.columns[i].1))
            .collect();
        line(
            &mut text,
            cells.iter().map(|(c, a)| (c.as_str(), *a)),
            &plan.widths,
            false,
        );
    }
    out.write_all(text.as_bytes())?;
    if !plan.hidden.is_empty() {
        let names: Vec<&str> = plan
            .hidden
            .iter()
            .map(|&i| listing.columns[i].0.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let width = listing
            .width
            .map_or_else(|| total(plan.widths.iter().copied()), usize::from);
        writeln!(
            out,
            "{}",
            footer(plan.hidden.len(), &names, listing.lang, width)
        )?;
    }
    Ok(())
}

/// One line of cells, each padded to its width; bold (a header) on a terminal with colour.
fn line<'a>(
    text: &mut String,
    cells: impl Iterator<Item = (&'a str, Align)>,
    widths: &[usize],
    bold: bool,
) {
    let start = text.len();
    for (i, ((cell, align), w)) in cells.zip(widths).enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let pad = w.saturating_sub(cell.width());
        text.push(' ');
        if bold && !cell.is_empty() {
            text.push_str("\x1b[1m");
        }
        if align == Align::Right {
            text.extend(std::iter::repeat_n(' ', pad));
            text.push_str(cell);
        } else {
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', pad));
        }
        if bold && !cell.is_empty() {
            text.push_str("\x1b[0m");
        }
        text.push(' ');
    }
    let trimmed = text[start..].trim_end().len();
    text.truncate(start + trimmed);
    text.push('\n');
}

/// "3 columns hidden: …; --columns to choose", in the reader's language and script, wrapped
/// to `width`.
pub fn footer(count: usize, names: &[&str], lang: Option<(Lang, Script)>, width: usize) -> String {
    let text = match lang {
        Some((Lang::Zh, script)) => {
            let text = format!(
                "另有 {count} 列未显示:{};用 --columns 选择",
                names.join("、")
            );
            super::script::convert(&text, script).into_owned()
        }
        _ => format!(
            "{count} column{} hidden: {}; --columns to choose",
            if count == 1 { "" } else { "s" },
            names.join(", ")
        ),
    };
    wrap_text(&text, width)
}

/// Text broken into lines no wider than `width`, after a space or CJK punctuation where it can.
fn wrap_text(text: &str, width: usize) -> String {
    let mut pieces: Vec<String> = vec![String::new()];
    for c in text.chars() {
        if let Some(p) = pieces.last_mut() {
            p.push(c);
        }
        if matches!(c, ' ' | '、' | ':' | ';' | ',') {
            pieces.push(String::new());
        }
    }
    let mut lines: Vec<String> = vec![String::new()];
    for piece in pieces {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.width() + piece.trim_end().width() > width {
            let done = line.trim_end().to_string();
            *line = done;
            lines.push(piece);
        } else {
            line.push_str(&piece);
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(rows: &[&[&str]]) -> Listing {
        let mut l = Listing::new(
            vec![
                ("rank".into(), Align::Right),
                ("project".into(), Align::Left),
                ("amount".into(), Align::Right),
                ("companies".into(), Align::Left),
                ("amount quote".into(), Align::Left),
            ],
            Vec::new(),
        );
        for r in rows {
            l.push_display(r.iter().map(|c| (*c).to_string()).collect());
        }
        l
    }

    const ROWS: &[&[&str]] = &[
        &[
            "1",
            "示例年產十萬噸新型材料研發生產基地項目",
            "52億",
            "示例材料科技有限公司",
            "投資52億元的示例年產十萬噸新型材料研發生產基地項目",
        ],
        &["2", "示例物流園", "5000萬", "", ""],
    ];

    #[test]
    fn text_is_cut_by_display_width() {
        assert_eq!(cut("示例物流園", 10), "示例物流園");
        assert_eq!(cut("示例物流園", 9), "示例物流…");
        assert_eq!(cut("示例物流園", 8), "示例物…");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(wrap("headline amount", 8), vec!["headline", "amount"]);
        assert_eq!(wrap("named with amount", 10), vec!["named with", "amount"]);
    }

    #[test]
    fn the_least_needed_columns_go_first_and_keys_stay() {
        let mut l = listing(ROWS);
        prioritise(&mut l, "rank, project, amount | companies");
        assert_eq!(l.priority, vec![0, 1, 2, 3, 4]);
        assert_eq!(l.keys, 3);
        let wide = plan(&l, 200).expect("fits");
        assert!(wide.hidden.is_empty());
        let narrow = plan(&l, 70).expect("fits");
        assert_eq!(narrow.hidden, vec![4], "the quote goes first");
        assert_eq!(narrow.shown, vec![0, 1, 2, 3]);
        l.width = Some(50);
        let narrower = plan(&l, 50).expect("the keys fit");
        assert_eq!(narrower.hidden, vec![3, 4]);
        assert!(plan(&l, 40).is_none(), "not even the keys: cards");
        let mut out = Vec::new();
        write(&mut out, &l, &narrower, false).expect("write");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.lines().all(|line| line.width() <= 50), "{text}");
        assert!(text.contains('…'), "{text}");
        assert!(
            text.ends_with("2 columns hidden: companies, amount quote;\n--columns to choose\n"),
            "{text}"
        );
    }
}
