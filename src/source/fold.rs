//! Folding text for matching: traditional script to simplified, Latin letters to lower case,
//! full-width forms to ASCII, so that 江津區 matches 江津区, 飛輪儲能 matches 飞轮储能 and 1GW
//! matches 1gw. Names are stored as the source wrote them; their folded form is stored beside
//! them (`name_key` columns) for matching and is what `search` indexes.

/// Zero-width characters and bidirectional controls: invisible, yet they make a name another
/// name and can make text read in another order than it is stored.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// OpenCC's simplified → traditional converter (ferrous-opencc, Apache-2.0), built once (its
/// dictionaries are compiled in). It chooses by phrase where one simplified character stands for
/// several traditional ones.
pub fn traditional_converter() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: std::sync::OnceLock<Option<ferrous_opencc::OpenCC>> =
        std::sync::OnceLock::new();
    CONVERTER
        .get_or_init(|| {
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).ok()
        })
        .as_ref()
}

/// `text` in traditional script, for the search index: the text itself when it is written in
/// traditional script (so that a term typed as printed is found, variants included), otherwise
/// OpenCC's conversion; None when the text reads the same in both scripts.
pub fn traditional(text: &str) -> Option<String> {
    traditional_given(text, &fast2s::convert(text))
}

/// [`traditional`] of `text` whose simplified form is `simplified` (so that a caller folding the
/// same text converts it once).
pub fn traditional_given(text: &str, simplified: &str) -> Option<String> {
    if simplified != text {
        return Some(text.to_string());
    }
    let converted = traditional_converter()?.convert(text);
    (converted != text).then_some(converted)
}

/// Each character's toneless pinyin readings (重 → `zhong`, `chong`); a Latin letter or a digit
/// reads as itself in lower case; other characters are left out. For suggesting names to someone
/// who typed `Jiangjin` or `chongqing`.
pub fn pinyin_readings(text: &str) -> Vec<Vec<String>> {
    use pinyin::ToPinyinMulti;
    let mut out = Vec::new();
    for (c, readings) in text.chars().zip(text.to_pinyin_multi()) {
        match readings {
            Some(readings) => {
                let mut plain: Vec<String> = readings
                    .into_iter()
                    .map(|p| p.plain().to_string())
                    .collect();
                plain.dedup();
                out.push(plain);
            }
            None if c.is_ascii_alphanumeric() => out.push(vec![c.to_ascii_lowercase().to_string()]),
            None => {}
        }
    }
    out
}

/// Whether `typed` (lower-case letters, no spaces) spells the start of `readings`, whole
/// syllables and then possibly the start of one: `jiangjin`, `jiangj` and `chongq` spell 江津/重慶.
pub fn spells(readings: &[Vec<String>], typed: &str) -> bool {
    if typed.is_empty() {
        return true;
    }
    let Some((first, rest)) = readings.split_first() else {
        return false;
    };
    first.iter().any(|r| {
        r.starts_with(typed) || (typed.starts_with(r.as_str()) && spells(rest, &typed[r.len()..]))
    })
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    fold_simplified(&fast2s::convert(text))
}

/// The folded form of a text already in simplified script (fast2s's output).
pub fn fold_simplified(simplified: &str) -> String {
    let mut out = String::with_capacity(simplified.len());
    for c in simplified.chars() {
        let c = match c {
            // Full-width ASCII (Ｇ, （, ：) to ASCII.
            '\u{FF01}'..='\u{FF5E}' => half_width(c),
            '\u{3000}' => ' ',
            // Variants the converter leaves alone.
            '裏' => '里',
            _ => c,
        };
        // Most characters need no case table: ASCII, and CJK (U+2E80 to U+9FFF) has no case.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{2E80}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A full-width form (２, Ｇ, ．) as its ASCII character; any other character as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, pinyin_readings, spells};

    #[test]
    fn pinyin_spells_a_name_in_either_script_and_any_reading() {
        let jiangjin = pinyin_readings("江津區");
        assert!(spells(&jiangjin, "jiangjin"));
        assert!(spells(&jiangjin, "jiangjinqu"));
        assert!(spells(&jiangjin, "jiangj"));
        assert!(!spells(&jiangjin, "jiangjinx"));
        assert!(!spells(&jiangjin, "jinjiang"));
        // 重 reads zhong or chong
        assert!(spells(&pinyin_readings("重慶市"), "chongqing"));
        assert!(spells(&pinyin_readings("重庆市"), "chongqing"));
        assert!(spells(&pinyin_readings("1GW飛輪"), "1gwfeilun"));
    }

    #[test]
    fn either_script_folds_to_one_form() {
        for (a, b) in [
            ("江津區", "江津区"),
            ("飛輪儲能", "飞轮储能"),
            ("菜鳥", "菜鸟"),
            ("阿裡巴巴集團", "阿里巴巴集团"),
            ("中新(重慶)樞紐港產業園", "中新（重庆）枢纽港产业园"),
            ("年產1GW", "年产1gw"),
            ("成渝地區雙城經濟圈建設", "成渝地区双城经济圈建设"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_ne!(fold("江津區"), fold("江北區"));
    }
}
