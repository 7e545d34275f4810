//! Search queries: terms (several mean AND; a quoted phrase is one term), folded so that either
//! script and any case match, and snippets that mark where a hit matched.

use crate::source::fold::fold;

/// One term of a query, as typed and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub typed: String,
    pub folded: String,
}

/// A record that matched, with the text it matched in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: String,
    pub record_id: i64,
    pub field: String,
    pub label: String,
    pub original: String,
    pub folded: String,
}

/// Splits a query into terms: whitespace separates terms, except inside "double quotes" (or
/// “Chinese quotes”), which make one phrase.
pub fn parse_query(words: &[String]) -> Vec<Term> {
    let query = words.join(" ");
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' | '“' | '”' => {
                if quoted || !current.is_empty() {
                    push(&mut terms, &current);
                    current.clear();
                }
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                push(&mut terms, &current);
                current.clear();
            }
            c => current.push(c),
        }
    }
    push(&mut terms, &current);
    terms
}

fn push(terms: &mut Vec<Term>, text: &str) {
    let folded = fold(text);
    if !folded.trim().is_empty() && !terms.iter().any(|t: &Term| t.folded == folded) {
        terms.push(Term {
            typed: text.to_string(),
            folded,
        });
    }
}

/// The part of `hit.original` around the first term's match, as (before, matched, after),
/// each at most `context` characters either side. Folding keeps one character for one, so a
/// match found in the folded text is at the same place in the original; when it does not, the
/// folded text is shown instead.
pub fn snippet(hit: &Hit, term: &Term, context: usize) -> (String, String, String) {
    let original: Vec<char> = hit.original.chars().collect();
    let folded: Vec<char> = hit.folded.chars().collect();
    let shown = if original.len() == folded.len() {
        &original
    } else {
        &folded
    };
    let needle: Vec<char> = term.folded.chars().collect();
    let Some(start) = folded
        .windows(needle.len().max(1))
        .position(|w| w == needle.as_slice())
    else {
        return (
            shown.iter().take(2 * context).collect(),
            String::new(),
            String::new(),
        );
    };
    let end = start + needle.len();
    let from = start.saturating_sub(context);
    let to = (end + context).min(shown.len());
    let mut before: String = shown[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = shown[end..to].iter().collect();
    if to < shown.len() {
        after.push('…');
    }
    (before, shown[start..end].iter().collect(), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        vec![q.to_string()]
    }

    #[test]
    fn terms_and_phrases() {
        let t = parse_query(&words("飛輪 储能  1GW"));
        let folded: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(folded, vec!["飞轮", "储能", "1gw"]);
        let t = parse_query(&words("\"new energy\" 江津"));
        assert_eq!(t[0].folded, "new energy");
        assert_eq!(t[1].folded, "江津");
        assert!(parse_query(&words("  \"\" ")).is_empty());
    }

    #[test]
    fn snippets_mark_the_match_in_the_original_script() {
        let hit = Hit {
            kind: "project".into(),
            record_id: 1,
            field: "name".into(),
            label: "x".into(),
            original: "年產1GW飛輪儲能設備研發制造運營基地項目".into(),
            folded: fold("年產1GW飛輪儲能設備研發制造運營基地項目"),
        };
        let term = &parse_query(&words("储能"))[0];
        let (before, matched, after) = snippet(&hit, term, 3);
        assert_eq!(
            (before.as_str(), matched.as_str(), after.as_str()),
            ("…W飛輪", "儲能", "設備研…")
        );
    }
}
