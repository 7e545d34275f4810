//! An article as text: bytes in any of the encodings Chinese sites serve (UTF-8, GB18030/GBK,
//! Big5) or a Windows editor saves (UTF-16) decoded, control characters dropped, a saved HTML
//! page reduced to its title and main text, and the text normalised to the form the quotes are
//! cut from (lines trimmed, empty lines dropped).

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
    /// What reading changed that the user should know (a character cut short, control
    /// characters dropped): the draft's notes on its source.
    pub notes: Vec<String>,
}

/// Bytes as text: the encoding they were in, and what decoding had to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub notes: Vec<String>,
}

impl Decoded {
    fn new(text: String, encoding: &'static str) -> Decoded {
        Decoded {
            text,
            encoding,
            notes: Vec::new(),
        }
    }
}

/// Decodes bytes: UTF-16 by its byte-order mark or its NULs; UTF-8 when they are UTF-8 (a
/// byte-order mark dropped; a last character cut short dropped and noted); else the encoding
/// chardetng finds (GB18030 covers GBK and GB2312).
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some(decoded) = utf16(bytes)? {
        return Ok(decoded);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded::new(text.to_string(), "UTF-8")),
        Err(e) => e,
    };
    if invalid.error_len().is_none() {
        // Valid up to a last character that the file does not finish: a file cut short.
        let whole = &bytes[..invalid.valid_up_to()];
        let mut decoded = Decoded::new(String::from_utf8_lossy(whole).into_owned(), "UTF-8");
        decoded.notes.push(format!(
            "the article ends in the middle of a character (its last {} bytes begin one): was \
             the file cut short? The text ends before it",
            bytes.len() - whole.len()
        ));
        return Ok(decoded);
    }
    legacy(bytes, &invalid)
}

/// UTF-16: a byte-order mark says so; without one, the NULs that ASCII characters (line breaks,
/// digits) leave in every other byte, which no text in UTF-8 or a Chinese encoding has.
fn utf16(bytes: &[u8]) -> Result<Option<Decoded>> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, bom)) if e != encoding_rs::UTF_8 => (e, &bytes[bom..]),
        Some(_) => return Ok(None),
        None => {
            let nuls = bytes.iter().filter(|&&b| b == 0).count();
            let utf8 = std::str::from_utf8(bytes).is_ok();
            if nuls == 0 || !bytes.len().is_multiple_of(2) || (utf8 && nuls * 16 < bytes.len()) {
                return Ok(None);
            }
            let at_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
            let at_even = nuls - at_odd;
            if at_odd > 4 * at_even {
                (encoding_rs::UTF_16LE, bytes)
            } else if at_even > 4 * at_odd {
                (encoding_rs::UTF_16BE, bytes)
            } else {
                return Ok(None);
            }
        }
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        // NUL characters: binary bytes that happen to begin like UTF-16, not text.
        Some(text) if text.contains('\0') => Ok(None),
        Some(text) => Ok(Some(Decoded::new(text.into_owned(), encoding.name()))),
        None => bail!(
            "the article looks like {} text (by its byte-order mark or its NUL bytes) but is not \
             valid {0}; convert it to UTF-8 first",
            encoding.name()
        ),
    }
}

/// Bytes that are not UTF-8: GBK, GB18030 or Big5 as chardetng finds them; UTF-8 with a few
/// bytes no character holds is said to be that, where they are.
fn legacy(bytes: &[u8], invalid: &std::str::Utf8Error) -> Result<Decoded> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    if [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5].contains(&encoding) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return Ok(Decoded::new(text.into_owned(), encoding.name()));
        }
    }
    // UTF-8 with a few bad bytes: far more characters beyond ASCII read as UTF-8 than not
    // (in GBK or Big5 text, next to none do).
    let lossy = String::from_utf8_lossy(bytes);
    let replaced = lossy.matches('\u{fffd}').count();
    let wide = lossy.chars().filter(|c| !c.is_ascii()).count() - replaced;
    if wide >= 10 * replaced {
        bail!(
            "the article is UTF-8 but for {replaced} place{} where its bytes are no character, \
             the first at byte {} (0x{:02x}); repair it or save it again as UTF-8",
            if replaced == 1 { "" } else { "s" },
            invalid.valid_up_to(),
            bytes[invalid.valid_up_to()]
        );
    }
    if [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5].contains(&encoding) {
        bail!(
            "the article is neither UTF-8 nor cleanly {} (the encoding that fits it best); \
             convert it to UTF-8 first",
            encoding.name()
        );
    }
    bail!(
        "the article is not UTF-8, UTF-16, GBK, GB18030 or Big5 text (its bytes look most like \
         {}); is it a text or HTML file?",
        encoding.name()
    )
}

/// The text without control characters (NUL, ESC, DEL …), which no article means and no
/// source file may hold; line breaks as `\n`. Says what was dropped.
fn without_controls(text: &str) -> (String, Option<String>) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let dropped: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    if dropped.is_empty() {
        return (text, None);
    }
    let mut kinds: Vec<String> = dropped
        .iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    kinds.sort();
    kinds.dedup();
    let note = format!(
        "{} control character{} ({}) dropped from the article",
        dropped.len(),
        if dropped.len() == 1 { "" } else { "s" },
        kinds.join(", ")
    );
    let kept = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    (kept, Some(note))
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
    let Decoded {
        text: raw,
        encoding,
        mut notes,
    } = decode(bytes)?;
    let (raw, dropped) = without_controls(&raw);
    notes.extend(dropped);
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
        notes,
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
