//! An article as text: bytes in any of the encodings Chinese sites serve (UTF-8, GB18030/GBK,
//! Big5) decoded, a saved HTML page reduced to its title and main text, and the text normalised
//! to the form the quotes are cut from (lines trimmed, empty lines dropped).

use anyhow::{Result, bail};

mod html;

/// What the input gave: its text (title on the first line) and what the page said of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    /// Title line first, then one paragraph a line.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: &'static str,
    /// A publication date the page states (YYYY-MM-DD), when it states one.
    pub published: Option<String>,
}

/// Decodes bytes: UTF-8 when they are UTF-8 (a byte-order mark is dropped), else the encoding
/// chardetng finds (GB18030 covers GBK and GB2312).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    if ![encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5].contains(&encoding) {
        bail!(
            "the article is not UTF-8, GBK, GB18030 or Big5 text (its bytes look most like {}); \
             is it a text or HTML file?",
            encoding.name()
        );
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        bail!(
            "the article is neither UTF-8 nor cleanly {} (the encoding that fits it best); \
             convert it to UTF-8 first",
            encoding.name()
        );
    }
    Ok((text.into_owned(), encoding.name()))
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// Lines trimmed, empty ones dropped, non-breaking and ideographic spaces at the ends removed.
fn normalise(lines: impl Iterator<Item = String>) -> Vec<String> {
    lines
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Reads an article from bytes; `title` overrides the first line (or the page's title).
pub fn read(bytes: &[u8], title: Option<&str>) -> Result<Article> {
    let (raw, encoding) = decode(bytes)?;
    let (mut lines, page_title, published) = if looks_like_html(&raw) {
        from_html(&raw)
    } else {
        (normalise(raw.lines().map(str::to_string)), None, None)
    };
    let title = match (title, page_title) {
        (Some(t), _) => t.trim().to_string(),
        (None, Some(t)) => t,
        (None, None) => lines.first().cloned().unwrap_or_default(),
    };
    if lines.first() != Some(&title) && !title.is_empty() {
        lines.insert(0, title.clone());
    }
    if lines.len() < 2 {
        bail!("the article has no text beyond its title");
    }
    if !lines
        .iter()
        .any(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    {
        bail!("the article has no Chinese text");
    }
    Ok(Article {
        title,
        text: lines.join("\n") + "\n",
        encoding,
        published,
    })
}

/// The page's title (its `h1`, else `<title>`), its main text and its stated date.
fn from_html(raw: &str) -> (Vec<String>, Option<String>, Option<String>) {
    let page = html::read(raw);
    let published = page.published.as_deref().and_then(iso_date_prefix);
    (
        normalise(page.paragraphs.into_iter()),
        page.title,
        published,
    )
}

/// The elementary steps reading `html` as a page takes: tests see that they grow with the
/// page's size, not with the square of its depth.
pub fn html_steps(html: &str) -> usize {
    html::read(html).steps
}

fn iso_date_prefix(text: &str) -> Option<String> {
    let re = regex::Regex::new(r"(\d{4})-(\d{2})-(\d{2})").ok()?;
    let c = re.captures(text)?;
    Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}
