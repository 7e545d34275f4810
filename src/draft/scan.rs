//! Finding the pieces of an article: its sentences (each a verbatim slice of the text) and the
//! figures in them, written as the text writes them.

use std::sync::LazyLock;

use regex::Regex;

/// A sentence: a verbatim slice of the text, ended by 。！？；, a line break or the text's end.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub text: &'a str,
}

pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n') {
            push_sentence(text, start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_sentence(text, start, text.len(), &mut out);
    out
}

fn push_sentence<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Sentence<'a>>) {
    let slice = &text[start..end];
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(Sentence { text: trimmed });
    }
}

/// The clauses of a sentence: slices between commas (, ， and the enumeration comma is kept).
pub fn clauses(sentence: &str) -> Vec<&str> {
    sentence
        .split([',', '，', '：', ':'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Where the clause holding byte `at` of a sentence begins (after the comma before it).
pub fn clause_start(sentence: &str, at: usize) -> usize {
    sentence[..at].rfind([',', '，']).map_or(0, |i| {
        i + sentence[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Digits as a source writes them: ASCII or full-width, with a decimal point; or a Chinese
/// numeral up to 99.
pub const NUMBER: &str = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十两兩]{1,3})";

/// A money figure: qualifier, number, multiplier, 元.
pub static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:逾|超過|超过|超|近|約|约|共)?{NUMBER}(?:余|餘|多)?(?:萬億|万亿|千萬|千万|億|亿|萬|万)(?:余|餘|多)?元(?:以上|左右)?"
    ))
    .unwrap_or_else(|e| panic!("the money pattern: {e}"))
});

/// A count of projects, companies, times: 28個, 近20個, 50余次, 二十八個.
pub static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:逾|超過|超过|超|近|約|约|共)?{NUMBER}(?:余|餘|多)?(?:個|个|家|次|項|项)(?:以上|左右)?"
    ))
    .unwrap_or_else(|e| panic!("the count pattern: {e}"))
});

/// A figure with its qualifier words dropped (共 is not a qualifier: 共28個 is 28個).
pub fn figure_text(found: &str) -> String {
    found.trim_start_matches('共').to_string()
}

/// The figure as the parser reads it: full-width digits as ASCII, the text otherwise as written.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}
