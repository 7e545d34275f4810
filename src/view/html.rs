//! HTML pages, written with maud (every value escaped): a report's page (its question, chart
//! and table) and the pages of the static site. Self-contained: CSS inline, no network; a
//! report's page has no script (the site's pages add their own few lines, view/site.rs).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::output::{Align, Listing};

const CSS: &str = "body{font-family:'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;\
margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.5}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:.3em .6em;\
text-align:left;vertical-align:top}td.num{text-align:right;white-space:nowrap}th{background:#f4f6f8}\
mark{background:#fff3b0}mark:target{background:#ffd24d}.note{color:#666;font-size:.9em}\
.figures{display:flex;gap:2em;flex-wrap:wrap}.figure b{display:block;font-size:1.8em}\
nav{display:flex;flex-wrap:wrap;gap:.2em 1em}svg{max-width:100%;height:auto}\
figure{margin:1em 0;overflow-x:auto}\
.card{border:1px solid #ccd;border-radius:6px;padding:.8em 1em;margin:1em 0;background:#fafbfc}\
.headline{font-size:1.6em;font-weight:bold}nav.crumbs{gap:.2em}\
th[data-sortable]{cursor:pointer}th[aria-sort=ascending]::after{content:' ▲'}\
th[aria-sort=descending]::after{content:' ▼'}#q{font-size:1.1em;padding:.3em;width:100%;max-width:30em}\
@media (max-width:700px){figure svg{max-width:none}table{display:block;overflow-x:auto}\
body{margin:1em auto}.headline{font-size:1.3em}}";

/// A whole page around `body`.
pub fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// A listing as a table; `link` may turn a row's cell into a link (column index, href).
pub fn table(listing: &Listing, link: &dyn Fn(usize, usize) -> Option<String>) -> Markup {
    html! {
        table {
            thead { tr { @for (header, _) in &listing.columns { th { (header) } } } }
            tbody {
                @for (r, row) in listing.display.iter().enumerate() {
                    tr {
                        @for (c, cell) in row.iter().enumerate() {
                            @let class = if listing.columns.get(c).is_some_and(|(_, a)| *a == Align::Right) { "num" } else { "" };
                            td class=(class) {
                                @match link(r, c) {
                                    Some(href) => a href=(href) { (cell) },
                                    None => (cell),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A report's page: its title, question, chart (when it has one) and table.
pub fn report_page(title: &str, question: &str, chart: Option<&str>, listing: &Listing) -> String {
    page(
        title,
        html! {
            h1 { (title) }
            p.note { (question) }
            @if let Some(svg) = chart { figure { (PreEscaped(svg)) } }
            (table(listing, &|_, _| None))
        },
    )
}
