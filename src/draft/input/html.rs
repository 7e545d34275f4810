//! A saved page's title, stated date and main text, read in one pass over html5ever's tokens.
//! Not its tree builder: the HTML algorithm looks down the whole stack of open elements for a
//! `<p>` at every block, so its time grows with the square of the nesting (20,000 nested `div`s
//! took seconds). Here a start or end tag costs a constant amortised, the page's elements are
//! kept as a flat list in document order, and the main text is chosen from it in one more pass.
//!
//! Paragraphs end at blocks and at `<br>`; scripts, styles and page chrome (`nav`, `header`,
//! `footer`, `aside`, forms' controls, and elements whose class or id or role says so) are not
//! text. The article is the element whose own paragraphs hold the most text that is not links,
//! all of its text, and the paragraphs around it (under the same parent) that read as prose: a
//! lead or a dateline in a sibling container is kept, in document order; menus are not.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, local_name};

/// What a page holds for `draft`.
#[derive(Debug, Default)]
pub struct Page {
    /// The first `h1` outside the page's chrome, else any `h1`, else `<title>`.
    pub title: Option<String>,
    /// The `content` of the first `<meta>` naming a publication date.
    pub published: Option<String>,
    /// The main text's paragraphs, in document order, whitespace collapsed.
    pub paragraphs: Vec<String>,
    /// Elementary steps taken (tokens, elements opened and closed, paragraphs and elements
    /// looked at): what tests count to see that the work grows with the page, not faster.
    pub steps: usize,
}

/// Reads a page.
pub fn read(html: &str) -> Page {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Reader::new())), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let reader = tokenizer.sink.0.into_inner();
    reader.finish()
}

/// The longest heading or `<title>` taken for the title (some 300 characters).
const MAX_TITLE_BYTES: usize = 1000;

/// Elements whose text is never the article's: it is code, or the page around the article.
const CHROME: [LocalName; 16] = [
    local_name!("head"),
    local_name!("nav"),
    local_name!("header"),
    local_name!("footer"),
    local_name!("aside"),
    local_name!("menu"),
    local_name!("select"),
    local_name!("button"),
    local_name!("svg"),
    local_name!("math"),
    local_name!("template"),
    local_name!("object"),
    local_name!("canvas"),
    local_name!("audio"),
    local_name!("video"),
    local_name!("dialog"),
];

/// A class or id (one of its words) that names page chrome, as sites built before HTML5 write it.
const CHROME_CLASSES: [&str; 14] = [
    "nav",
    "navbar",
    "menu",
    "header",
    "footer",
    "sidebar",
    "breadcrumb",
    "crumb",
    "copyright",
    "topbar",
    "top-bar",
    "top_nav",
    "top-nav",
    "share",
];

/// ARIA roles of page chrome.
const CHROME_ROLES: [&str; 6] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menubar",
];

/// Elements whose content the tokenizer reads as raw text (never tags), and how.
fn raw_kind(name: &LocalName) -> Option<RawKind> {
    match *name {
        local_name!("script") => Some(RawKind::ScriptData),
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => Some(RawKind::Rawtext),
        local_name!("title") | local_name!("textarea") => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// Elements that hold paragraphs: the candidates for the article.
fn is_container(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html")
            | local_name!("body")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("td")
            | local_name!("th")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("fieldset")
            | local_name!("figure")
            | local_name!("details")
            | local_name!("form")
    )
}

/// Elements that start and end a paragraph but are one (their text counts for their container).
fn is_paragraph(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("pre")
            | local_name!("address")
            | local_name!("figcaption")
            | local_name!("summary")
            | local_name!("caption")
            | local_name!("hgroup")
    )
}

/// Elements that have no end tag.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

/// Where the page is, in the tokenizer's callbacks.
struct Sink(RefCell<Reader>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut reader = self.0.borrow_mut();
        reader.steps += 1;
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                if let Some(kind) = reader.start(tag) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::TagToken(tag) => reader.end(&tag.name),
            Token::CharacterTokens(text) => reader.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// An element of the page: the containers, in document order (its index is its position).
struct Element {
    parent: usize,
    /// The index of its last descendant: its subtree is `index..=end`.
    end: usize,
    /// Characters of its own paragraphs that are not link text.
    own_text: usize,
}

/// An element open at this point of the page.
struct Open {
    name: LocalName,
    /// The container the text inside it belongs to.
    container: usize,
    /// Whether this element opened a container.
    is_container: bool,
    chrome: bool,
}

/// A paragraph as read: its text, its container, how much of it is link text.
struct Paragraph {
    text: String,
    container: usize,
    chars: usize,
    link_chars: usize,
    chrome: bool,
}

/// A heading or title being read.
#[derive(Clone, Copy, PartialEq)]
enum Capture {
    None,
    Title,
    Heading { chrome: bool },
}

struct Reader {
    elements: Vec<Element>,
    open: Vec<Open>,
    /// Positions in `open` of the elements of each name (for end tags and implied ends).
    open_by_name: HashMap<LocalName, Vec<usize>>,
    chrome_depth: usize,
    raw_depth: usize,
    link_depth: usize,
    paragraphs: Vec<Paragraph>,
    line: Line,
    capture: Capture,
    captured: String,
    title: Option<String>,
    heading: Option<String>,
    chrome_heading: Option<String>,
    published: Option<String>,
    steps: usize,
}

/// The paragraph being read: whitespace collapsed as a browser shows it.
#[derive(Default)]
struct Line {
    text: String,
    chars: usize,
    link_chars: usize,
    /// Whitespace seen since the last character: (seen, held a line break).
    pending: Option<bool>,
    last: Option<char>,
}

/// Characters between which a browser's line break is no space (CJK text, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

impl Line {
    fn push(&mut self, text: &str, in_link: bool) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                let newline = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || newline);
                continue;
            }
            if let (Some(newline), Some(last)) = (self.pending.take(), self.last)
                && !(newline && is_wide(last) && is_wide(c))
            {
                self.text.push(' ');
                self.chars += 1;
            }
            self.text.push(c);
            self.chars += 1;
            self.link_chars += usize::from(in_link);
            self.last = Some(c);
        }
    }
}

impl Reader {
    fn new() -> Reader {
        Reader {
            elements: vec![Element {
                parent: 0,
                end: 0,
                own_text: 0,
            }],
            open: Vec::new(),
            open_by_name: HashMap::new(),
            chrome_depth: 0,
            raw_depth: 0,
            link_depth: 0,
            paragraphs: Vec::new(),
            line: Line::default(),
            capture: Capture::None,
            captured: String::new(),
            title: None,
            heading: None,
            chrome_heading: None,
            published: None,
            steps: 0,
        }
    }

    fn container(&self) -> usize {
        self.open.last().map_or(0, |o| o.container)
    }

    /// The position of the innermost open element of this name.
    fn position(&self, name: &LocalName) -> Option<usize> {
        self.open_by_name.get(name).and_then(|p| p.last().copied())
    }

    /// Whether an element of `name` is open inside the innermost of `bounds`.
    fn open_within(&self, name: &LocalName, bounds: &[LocalName]) -> Option<usize> {
        let at = self.position(name)?;
        let bound = bounds.iter().filter_map(|b| self.position(b)).max();
        bound.is_none_or(|b| at > b).then_some(at)
    }

    /// A start tag; the raw-text kind the tokenizer should switch to, if any.
    fn start(&mut self, tag: Tag) -> Option<RawKind> {
        let name = tag.name.clone();
        if name == local_name!("meta") {
            self.meta(&tag);
        }
        if matches!(name, local_name!("html") | local_name!("body"))
            && self.position(&name).is_some()
        {
            return None;
        }
        self.implied_ends(&name);
        if name == local_name!("br")
            || name == local_name!("hr")
            || is_container(&name)
            || is_paragraph(&name)
        {
            self.end_paragraph();
        }
        if is_void(&name) || (tag.self_closing && raw_kind(&name).is_none()) {
            return None;
        }
        let chrome = self.chrome_depth > 0 || is_chrome(&tag);
        self.push(name.clone(), chrome);
        match name {
            local_name!("a") => self.link_depth += 1,
            local_name!("title") if self.capture == Capture::None => self.capture = Capture::Title,
            local_name!("h1") if self.capture == Capture::None => {
                self.capture = Capture::Heading { chrome }
            }
            _ => {}
        }
        let raw = raw_kind(&name);
        if raw.is_some() && name != local_name!("title") {
            self.raw_depth += 1;
        }
        raw
    }

    /// The ends HTML implies: a block ends an open `p`, an item the open item of its list, a
    /// cell or row the open cell of its table, a link an open link; the body ends the head.
    fn implied_ends(&mut self, name: &LocalName) {
        let head_content = matches!(
            *name,
            local_name!("meta")
                | local_name!("link")
                | local_name!("title")
                | local_name!("script")
                | local_name!("style")
                | local_name!("base")
                | local_name!("noscript")
                | local_name!("template")
                | local_name!("head")
        );
        if !head_content && let Some(at) = self.position(&local_name!("head")) {
            self.close_to(at);
        }
        let cells = [local_name!("table")];
        let closes: Option<(LocalName, Vec<LocalName>)> = match *name {
            local_name!("li") => Some((
                local_name!("li"),
                vec![local_name!("ul"), local_name!("ol")],
            )),
            local_name!("dt") | local_name!("dd") => {
                self.close_within(&local_name!("dt"), &[local_name!("dl")]);
                Some((local_name!("dd"), vec![local_name!("dl")]))
            }
            local_name!("tr") => {
                self.close_within(&local_name!("td"), &cells);
                self.close_within(&local_name!("th"), &cells);
                Some((local_name!("tr"), cells.to_vec()))
            }
            local_name!("td") | local_name!("th") => {
                self.close_within(&local_name!("td"), &[local_name!("tr")]);
                Some((local_name!("th"), vec![local_name!("tr")]))
            }
            local_name!("a") => Some((local_name!("a"), Vec::new())),
            _ => None,
        };
        if let Some((open, bounds)) = closes {
            self.close_within(&open, &bounds);
        }
        if is_container(name) || is_paragraph(name) || *name == local_name!("hr") {
            let bounds = [
                local_name!("table"),
                local_name!("td"),
                local_name!("th"),
                local_name!("button"),
            ];
            self.close_within(&local_name!("p"), &bounds);
        }
    }

    fn close_within(&mut self, name: &LocalName, bounds: &[LocalName]) {
        if let Some(at) = self.open_within(name, bounds) {
            self.close_to(at);
        }
    }

    fn push(&mut self, name: LocalName, chrome: bool) {
        self.steps += 1;
        let container = is_container(&name);
        let parent = self.container();
        let holder = if container {
            self.elements.push(Element {
                parent,
                end: 0,
                own_text: 0,
            });
            self.elements.len() - 1
        } else {
            parent
        };
        if chrome {
            self.chrome_depth += 1;
        }
        self.open_by_name
            .entry(name.clone())
            .or_default()
            .push(self.open.len());
        self.open.push(Open {
            name,
            container: holder,
            is_container: container,
            chrome,
        });
    }

    /// Closes the open elements from position `at` up.
    fn close_to(&mut self, at: usize) {
        while self.open.len() > at {
            self.pop();
        }
    }

    fn pop(&mut self) {
        // The paragraph being read belongs to the element that closes, not to its parent.
        if self
            .open
            .last()
            .is_some_and(|o| is_container(&o.name) || is_paragraph(&o.name))
        {
            self.end_paragraph();
        }
        let Some(open) = self.open.pop() else {
            return;
        };
        self.steps += 1;
        if let Some(positions) = self.open_by_name.get_mut(&open.name) {
            positions.pop();
        }
        if open.is_container {
            self.elements[open.container].end = self.elements.len() - 1;
        }
        if open.chrome {
            self.chrome_depth -= 1;
        }
        match open.name {
            local_name!("a") => self.link_depth = self.link_depth.saturating_sub(1),
            local_name!("title") if self.capture == Capture::Title => {
                let title = self.take_capture();
                self.title = self.title.take().or(title);
            }
            local_name!("h1") => self.end_heading(),
            _ => {}
        }
        if raw_kind(&open.name).is_some() && open.name != local_name!("title") {
            self.raw_depth -= 1;
        }
    }

    fn end_heading(&mut self) {
        let Capture::Heading { chrome } = self.capture else {
            return;
        };
        let heading = self.take_capture();
        let slot = if chrome {
            &mut self.chrome_heading
        } else {
            &mut self.heading
        };
        if slot.is_none() {
            *slot = heading;
        }
    }

    fn take_capture(&mut self) -> Option<String> {
        self.capture = Capture::None;
        let mut line = Line::default();
        line.push(&std::mem::take(&mut self.captured), false);
        let text = line.text.trim().to_string();
        (!text.is_empty() && text.len() <= MAX_TITLE_BYTES).then_some(text)
    }

    fn end(&mut self, name: &LocalName) {
        match *name {
            local_name!("br") => return self.end_paragraph(),
            local_name!("p") if self.position(name).is_none() => return self.end_paragraph(),
            local_name!("html") | local_name!("body") => return,
            _ => {}
        }
        if let Some(at) = self.position(name) {
            self.close_to(at);
        }
    }

    fn text(&mut self, text: &str) {
        if self.raw_depth > 0 && self.capture != Capture::Title {
            return;
        }
        // A heading never closed would hold the rest of the page: no title is that long.
        if self.capture != Capture::None && self.captured.len() <= MAX_TITLE_BYTES {
            self.captured.push_str(text);
        }
        if self.raw_depth == 0 && self.capture != Capture::Title {
            self.line.push(text, self.link_depth > 0);
        }
    }

    fn end_paragraph(&mut self) {
        let line = std::mem::take(&mut self.line);
        if line.chars == 0 {
            return;
        }
        self.steps += 1;
        let container = self.container();
        let chrome = self.chrome_depth > 0;
        if !chrome {
            self.elements[container].own_text += line.chars - line.link_chars;
        }
        self.paragraphs.push(Paragraph {
            text: line.text,
            container,
            chars: line.chars,
            link_chars: line.link_chars,
            chrome,
        });
    }

    fn meta(&mut self, tag: &Tag) {
        let attr = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|a| a.name.local.eq_str_ignore_ascii_case(wanted))
                .map(|a| a.value.to_string())
        };
        let Some(name) = attr("name").or_else(|| attr("property")) else {
            return;
        };
        let wanted = ["publishdate", "pubdate", "article:published_time", "date"];
        if self.published.is_none() && wanted.iter().any(|w| name.eq_ignore_ascii_case(w)) {
            self.published = Some(attr("content").unwrap_or_default());
        }
    }

    /// The page read: every element closed, the article chosen.
    fn finish(mut self) -> Page {
        self.close_to(0);
        self.end_paragraph();
        self.elements[0].end = self.elements.len() - 1;
        let paragraphs = self.main_text();
        Page {
            title: self.heading.or(self.chrome_heading).or(self.title),
            published: self.published,
            paragraphs,
            steps: self.steps,
        }
    }

    /// The article's paragraphs: all of the element whose own paragraphs hold the most text
    /// that is not links, and the prose paragraphs under its parent, in document order. A page
    /// that is all chrome keeps its chrome rather than nothing.
    fn main_text(&mut self) -> Vec<String> {
        let mut best = 0;
        for (index, element) in self.elements.iter().enumerate() {
            if element.own_text > self.elements[best].own_text {
                best = index;
            }
        }
        self.steps += self.elements.len() + self.paragraphs.len();
        let parent = self.elements[best].parent;
        let within = |element: usize, of: usize| (of..=self.elements[of].end).contains(&element);
        let no_text = self.elements[best].own_text == 0;
        // Whether the article's own paragraphs write their full stops in ASCII.
        let ascii_stops = !self
            .paragraphs
            .iter()
            .filter(|p| within(p.container, best))
            .any(|p| p.text.contains('。'));
        let chosen: Vec<String> = self
            .paragraphs
            .iter()
            .filter(|p| !p.chrome)
            .filter(|p| {
                no_text
                    || within(p.container, best)
                    || (within(p.container, parent) && is_prose(p, ascii_stops))
            })
            .map(|p| p.text.clone())
            .collect();
        if !chosen.is_empty() {
            return chosen;
        }
        self.paragraphs.iter().map(|p| p.text.clone()).collect()
    }
}

/// A paragraph beside the article that belongs to it: long and not mostly links, or a
/// sentence with no link. On a page whose article writes its full stops in ASCII (as saved copies
/// do), a sentence may end in '.' after Chinese text (…同比增长31.5%.), but not a notice
/// (转载请注明出处., All Rights Reserved.).
fn is_prose(p: &Paragraph, ascii_stops: bool) -> bool {
    let text = p.text.trim_end();
    let ascii_end = text.strip_suffix(['.', '!', '?']).is_some_and(|rest| {
        rest.chars()
            .next_back()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "\"”’)）%】」".contains(c))
    });
    let notice = ["声明", "聲明", "转载", "轉載", "版权", "版權", "©"]
        .iter()
        .any(|w| text.contains(w));
    (p.chars >= 80 && p.link_chars * 4 < p.chars)
        || (p.link_chars == 0
            && (p.text.contains(['。', '！', '？']) || ascii_stops && ascii_end && !notice))
}

/// Whether a start tag opens page chrome: by its name, its role, or a word of its class or id.
fn is_chrome(tag: &Tag) -> bool {
    if CHROME.contains(&tag.name) {
        return true;
    }
    if matches!(
        tag.name,
        local_name!("html") | local_name!("body") | local_name!("main") | local_name!("article")
    ) {
        return false;
    }
    tag.attrs.iter().any(|a| match a.name.local {
        local_name!("role") => CHROME_ROLES
            .iter()
            .any(|r| a.value.trim().eq_ignore_ascii_case(r)),
        local_name!("class") | local_name!("id") => a
            .value
            .split_ascii_whitespace()
            .any(|word| CHROME_CLASSES.iter().any(|c| word.eq_ignore_ascii_case(c))),
        _ => false,
    })
}
