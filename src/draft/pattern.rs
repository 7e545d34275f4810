//! The draft's patterns, compiled with `\p{Han}` written as the ranges articles use.

use regex::Regex;

/// What `\p{Han}` stands for in the draft's patterns: the unified ideographs with their
/// extensions, the compatibility ideographs, 々 and 〇. Unicode's Han script also holds the
/// radicals (⺀–⿕) and the Hangzhou numerals (〡–〩), which articles do not write in words; the
/// script's full class made compiling the patterns and building their automata take about a
/// third of a draft's time.
const HAN: &str = r"[\x{3005}\x{3007}\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{323AF}]";

/// `pattern` compiled, every `\p{Han}` in it (alone or inside a class) read as [`HAN`].
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\p{Han}", HAN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_the_ideographs_articles_write() {
        let han = compile(r"^\p{Han}+$").unwrap();
        for text in ["招商引资", "簽約儀式", "々〇", "𠀋𪚥", "兀"] {
            assert!(han.is_match(text), "{text}");
        }
        for text in ["⺀", "〡", "ア", "한", "A", "，"] {
            assert!(!han.is_match(text), "{text}");
        }
        let within = compile(r"^[\p{Han}&&[^在于]]{2}[A-Z]$").unwrap();
        assert!(within.is_match("项目A"));
        assert!(!within.is_match("在项A"));
    }
}
