//! The draft's patterns, compiled with `\p{Han}` written as the ranges articles use.

use regex::Regex;

/// What `\p{Han}` stands for in the draft's patterns: Unicode's Han script written as a few wide
/// ranges (the radicals ⺀–⿕, which text copied from a PDF keeps for ⻓ and ⾦; 々, 〇, the Hangzhou
/// numerals; the unified ideographs with their extensions, and the Yijing hexagrams between them;
/// the compatibility ideographs). The script's own class, dozens of exact ranges, made compiling
/// the patterns and building their automata take about a third of a draft's time.
const HAN: &str = r"[\x{2E80}-\x{2FDF}\x{3005}\x{3007}\x{3021}-\x{3029}\x{3038}-\x{303B}\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{323AF}]";

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
        for text in [
            "招商引资",
            "簽約儀式",
            "々〇",
            "𠀋𪚥",
            "兀",
            "⻓沙⾦龙",
            "〡",
        ] {
            assert!(han.is_match(text), "{text}");
        }
        for text in ["ア", "한", "A", "，", "、", "。"] {
            assert!(!han.is_match(text), "{text}");
        }
        let within = compile(r"^[\p{Han}&&[^在于]]{2}[A-Z]$").unwrap();
        assert!(within.is_match("项目A"));
        assert!(!within.is_match("在项A"));
    }
}
