//! `draft --preview`: the article as one self-contained HTML page (CSS inline, no script, nothing
//! fetched) with every drafted fact's passage highlighted in its kind's colour, the facts a
//! `# check:` note concerns outlined and numbered with the notes beside the text, and the
//! figures no record uses underlined; so that a draft is checked by reading the article once.
//! Passages that cover the same words are one mark; one inside another nests; two that cross
//! are cut where they cross, so every mark stays whole text.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use maud::{DOCTYPE, Markup, PreEscaped, html};

/// What a highlighted passage drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Event,
    Date,
    Period,
    Place,
    Figure,
    Project,
    Company,
    Industry,
    Statistic,
    /// A figure no record uses.
    Unused,
}

/// (kind, class, what the legend calls it, colour). The order is the cascade's: where one
/// passage is marks of several kinds, the later kind's colour shows.
const KINDS: &[(Kind, &str, &str, &str)] = &[
    (Kind::Event, "event", "event headline", "#ffe08a"),
    (Kind::Place, "place", "place", "#bfefc4"),
    (Kind::Period, "period", "period", "#d9ccff"),
    (Kind::Date, "date", "date", "#b5dcff"),
    (Kind::Industry, "industry", "industry", "#e3ea9c"),
    (Kind::Company, "company", "company", "#f7c4ea"),
    (Kind::Project, "project", "project", "#9fe3dc"),
    (
        Kind::Statistic,
        "statistic",
        "statistic / target",
        "#ffcf9e",
    ),
    (Kind::Figure, "figure", "count / amount", "#ffaa9c"),
    (Kind::Unused, "unused", "figure not used", "transparent"),
];

fn class_of(kind: Kind) -> &'static str {
    KINDS.iter().find(|k| k.0 == kind).map_or("other", |k| k.1)
}

/// One drafted fact at its byte span of the text.
#[derive(Debug, Clone)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub fact: String,
    pub notes: Vec<String>,
}

/// What a preview page shows.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    pub title: String,
    /// The article's text, as the draft's quotes were cut from it (title line first).
    pub text: String,
    /// Where the article came from (its path as given).
    pub article: String,
    /// The draft's file name, linked (it is written beside the page).
    pub draft: String,
    pub highlights: Vec<Highlight>,
    /// Notes no highlight carries (the source's).
    pub notes: Vec<String>,
    /// Figures not used that are not in the text as listed.
    pub unplaced: Vec<String>,
}

/// A passage of the text: a line (outermost) or a mark, with what lies inside it.
#[derive(Debug, Default)]
struct Node {
    start: usize,
    end: usize,
    line: bool,
    kinds: Vec<Kind>,
    facts: Vec<String>,
    notes: Vec<String>,
    /// The number of its notes beside the text (on its first piece only).
    number: Option<usize>,
    children: Vec<usize>,
}

/// Marks of the same span made one, in the order of the text; notes numbered in that order.
fn merged(text: &str, highlights: &[Highlight]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut sorted: Vec<&Highlight> = highlights
        .iter()
        .filter(|h| {
            h.start < h.end
                && h.end <= text.len()
                && text.is_char_boundary(h.start)
                && text.is_char_boundary(h.end)
        })
        .collect();
    sorted.sort_by_key(|h| (h.start, Reverse(h.end), h.kind));
    for h in sorted {
        let node = match nodes.last_mut() {
            Some(n) if (n.start, n.end) == (h.start, h.end) => n,
            _ => {
                nodes.push(Node {
                    start: h.start,
                    end: h.end,
                    ..Node::default()
                });
                let last = nodes.len() - 1;
                &mut nodes[last]
            }
        };
        if !node.kinds.contains(&h.kind) {
            node.kinds.push(h.kind);
        }
        if !node.facts.contains(&h.fact) {
            node.facts.push(h.fact.clone());
        }
        node.notes.extend(h.notes.iter().cloned());
    }
    let mut n = 0;
    for node in nodes.iter_mut().filter(|n| !n.notes.is_empty()) {
        n += 1;
        node.number = Some(n);
    }
    nodes
}

/// The lines and marks as a forest: each node inside the one before it that holds it; a mark
/// that crosses the end of the one it starts in is cut there, its rest placed after. Returns
/// the nodes (pieces appended) and the roots.
fn forest(text: &str, marks: Vec<Node>) -> (Vec<Node>, Vec<usize>) {
    let mut nodes = Vec::with_capacity(marks.len() + 16);
    let mut at = 0;
    for line in text.split('\n') {
        if !line.is_empty() {
            nodes.push(Node {
                start: at,
                end: at + line.len(),
                line: true,
                ..Node::default()
            });
        }
        at += line.len() + 1;
    }
    // A mark over a line break (none is, in practice) becomes a piece on each line.
    for mark in marks {
        let mut at = mark.start;
        for (n, piece) in text[mark.start..mark.end].split('\n').enumerate() {
            if !piece.is_empty() {
                nodes.push(Node {
                    start: at,
                    end: at + piece.len(),
                    number: if n == 0 { mark.number } else { None },
                    kinds: mark.kinds.clone(),
                    facts: mark.facts.clone(),
                    notes: mark.notes.clone(),
                    ..Node::default()
                });
            }
            at += piece.len() + 1;
        }
    }
    // Lines first at a start, then the longer passage outside the shorter.
    let key = |n: &Node, i: usize| Reverse((n.start, Reverse(n.end), !n.line, i));
    let mut queue: BinaryHeap<_> = nodes.iter().enumerate().map(|(i, n)| key(n, i)).collect();
    let mut roots = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    while let Some(Reverse((start, _, _, i))) = queue.pop() {
        while open.last().is_some_and(|&o| nodes[o].end <= start) {
            open.pop();
        }
        if let Some(&outer) = open.last()
            && nodes[i].end > nodes[outer].end
        {
            let cut = nodes[outer].end;
            let rest = Node {
                start: cut,
                end: nodes[i].end,
                line: nodes[i].line,
                kinds: nodes[i].kinds.clone(),
                facts: nodes[i].facts.clone(),
                notes: nodes[i].notes.clone(),
                number: None,
                children: Vec::new(),
            };
            nodes[i].end = cut;
            nodes.push(rest);
            let r = nodes.len() - 1;
            queue.push(key(&nodes[r], r));
        }
        match open.last() {
            Some(&outer) => nodes[outer].children.push(i),
            None => roots.push(i),
        }
        open.push(i);
    }
    (nodes, roots)
}

fn title_of(node: &Node) -> String {
    let mut lines = node.facts.clone();
    lines.extend(node.notes.iter().map(|n| format!("check: {n}")));
    lines.join("\n")
}

/// A node and what it holds, the text between its children as it is.
fn render(text: &str, nodes: &[Node], i: usize, first_line: bool) -> Markup {
    let node = &nodes[i];
    let mut pieces: Vec<Result<&str, usize>> = Vec::new();
    let mut at = node.start;
    for &c in &node.children {
        if nodes[c].start > at {
            pieces.push(Ok(&text[at..nodes[c].start]));
        }
        pieces.push(Err(c));
        at = nodes[c].end;
    }
    if node.end > at {
        pieces.push(Ok(&text[at..node.end]));
    }
    let inner = html! {
        @for piece in &pieces {
            @match piece {
                Ok(words) => (words),
                Err(c) => (render(text, nodes, *c, false)),
            }
        }
    };
    if node.line {
        return html! { p class=[first_line.then_some("title")] { (inner) } };
    }
    if node.kinds == [Kind::Unused] {
        return html! { u.unused title=(title_of(node)) { (inner) } };
    }
    let kinds: Vec<&str> = node.kinds.iter().map(|k| class_of(*k)).collect();
    let mut class = String::from("m");
    for k in &kinds {
        class.push_str(&format!(" k-{k}"));
    }
    if !node.notes.is_empty() {
        class.push_str(" check");
    }
    html! {
        span class=(class) data-kind=(kinds.join(" ")) title=(title_of(node))
            id=[node.number.map(|n| format!("c-{n}"))] data-n=[node.number] { (inner) }
    }
}

fn css() -> String {
    let mut css = String::from(
        "body{font-family:'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',\
         sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222;line-height:1.9}\
         .note{color:#555;font-size:.9em}main{display:grid;grid-template-columns:minmax(0,3fr) \
         minmax(14em,1fr);gap:2em}article p{margin:.2em 0 .8em}p.title{font-size:1.3em;\
         font-weight:bold}.m{border-radius:2px;padding:0 1px}\
         .legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;list-style:none;padding:0}\
         .check{outline:2px dashed #c0392b;outline-offset:1px}\
         .check::after{content:attr(data-n);vertical-align:super;font-size:.7em;\
         color:#c0392b;font-weight:bold;margin-left:1px}\
         u.unused,.legend .unused{text-decoration:underline wavy #c0392b;\
         text-underline-offset:3px}aside ol{padding-left:1.6em}aside li{margin-bottom:.6em}\
         aside li .fact{display:block;color:#555;font-size:.9em}",
    );
    for (_, class, _, colour) in KINDS {
        css.push_str(&format!(".k-{class}{{background:{colour}}}"));
    }
    css
}

/// The numbered notes beside the text, in the order of the text.
fn aside(nodes: &[Node], preview: &Preview) -> Markup {
    let mut noted: Vec<&Node> = nodes.iter().filter(|n| n.number.is_some()).collect();
    noted.sort_by_key(|n| n.number);
    html! {
        aside {
            h2 { "Notes to check" }
            @if noted.is_empty() && preview.notes.is_empty() { p.note { "None." } }
            @if !preview.notes.is_empty() {
                ul { @for n in &preview.notes { li { (n) } } }
            }
            ol {
                @for n in &noted {
                    li id=[n.number.map(|k| format!("note-{k}"))] {
                        a href=[n.number.map(|k| format!("#c-{k}"))] { (n.facts.join("; ")) }
                        @for note in &n.notes { span.fact { (note) } }
                    }
                }
            }
            @if !preview.unplaced.is_empty() {
                h2 { "Figures not used, not found in the text" }
                ul { @for u in &preview.unplaced { li { (u) } } }
            }
        }
    }
}

/// The preview page.
pub fn page(preview: &Preview) -> String {
    let text = preview.text.as_str();
    let marks = merged(text, &preview.highlights);
    let (nodes, roots) = forest(text, marks);
    let facts = preview
        .highlights
        .iter()
        .filter(|h| h.kind != Kind::Unused)
        .count();
    let unused = preview.highlights.len() - facts;
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (preview.title) " · draft preview" }
                style { (PreEscaped(css())) }
            }
            body {
                h1 { (preview.title) }
                p.note {
                    "The article " (preview.article) " with the " (facts) " facts of "
                    a href=(preview.draft) { (preview.draft) }
                    " marked where the draft quotes them (hover a mark for what was drafted), "
                    "the records a check note concerns outlined and numbered, and the "
                    (unused) " figures no record uses underlined."
                }
                ul.legend {
                    @for (kind, class, label, _) in KINDS {
                        @if *kind == Kind::Unused {
                            li { u.unused { (label) } }
                        } @else {
                            li { span class=(format!("m k-{class}")) { (label) } }
                        }
                    }
                    li { span.m.check data-n="1" { "a record to check" } }
                }
                main {
                    article id="text" {
                        @for (n, r) in roots.iter().enumerate() { (render(text, &nodes, *r, n == 0)) }
                    }
                    (aside(&nodes, preview))
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, kind: Kind) -> Highlight {
        Highlight {
            start,
            end,
            kind,
            fact: format!("{kind:?}"),
            notes: Vec::new(),
        }
    }

    fn marked(text: &str, highlights: Vec<Highlight>) -> (Vec<Node>, Vec<usize>) {
        forest(text, merged(text, &highlights))
    }

    #[test]
    fn same_spans_merge_inner_ones_nest_crossing_ones_are_cut() {
        let text = "abcdefgh\nijkl";
        let (nodes, roots) = marked(
            text,
            vec![
                mark(0, 6, Kind::Event),
                mark(2, 4, Kind::Figure),
                mark(2, 4, Kind::Statistic),
                mark(4, 12, Kind::Project),
            ],
        );
        assert_eq!(roots.len(), 2, "two lines");
        let line = &nodes[roots[0]];
        assert_eq!((line.start, line.end), (0, 8));
        let event = &nodes[line.children[0]];
        assert_eq!(event.kinds, [Kind::Event]);
        let figure = &nodes[event.children[0]];
        assert_eq!((figure.start, figure.end), (2, 4));
        assert_eq!(figure.kinds, [Kind::Figure, Kind::Statistic]);
        // The project crosses the event's end and the line's: three pieces.
        let pieces: Vec<(usize, usize)> = nodes
            .iter()
            .filter(|n| n.kinds == [Kind::Project])
            .map(|n| (n.start, n.end))
            .collect();
        let mut pieces = pieces;
        pieces.sort_unstable();
        assert_eq!(pieces, [(4, 6), (6, 8), (9, 12)]);
        assert!(
            nodes[roots[1]].children.len() == 1,
            "the rest inside the second line"
        );
    }

    #[test]
    fn the_page_escapes_the_article_and_keeps_its_text() {
        let text = "标题<script>alert(\"x\")</script>\n正文&'签约'\n";
        let page = page(&Preview {
            title: "<b>t</b>".into(),
            text: text.into(),
            article: "a.txt".into(),
            draft: "a.toml".into(),
            highlights: vec![mark(0, 6, Kind::Event), mark(6, 14, Kind::Figure)],
            ..Preview::default()
        });
        assert!(!page.contains("<script>") && !page.contains("<b>t</b>"));
        assert!(page.contains("&lt;script&gt;</span>alert(&quot;x&quot;)&lt;/script&gt;"));
        assert!(page.contains("正文&amp;'签约'"));
    }
}
