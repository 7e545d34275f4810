//! China's administrative divisions (GB/T 2260 codes) from 1981 to 2025, with their years in use,
//! successors and seats: the gazetteer that gives a catalogued place its code on an event's date
//! and lets `draft` find places anywhere in a text. The data are bundled (data/divisions/, with
//! their licences and origin) and parsed once, on first use.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const AREACODES: &str = include_str!("../../data/divisions/areacodes.csv");
const COORDINATES: &str = include_str!("../../data/divisions/coordinates.csv");

/// A division's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    Prefecture,
    County,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }
}

/// One code over the years it was in use.
#[derive(Debug, Clone)]
pub struct Division {
    pub code: u32,
    pub name: &'static str,
    pub level: Level,
    /// The province and the prefecture it belonged to while in use, as the lists name them
    /// (the prefecture is empty for a province, and 直辖 when directly under the province).
    pub province: &'static str,
    pub prefecture: &'static str,
    /// Years in use: from (inclusive) to (exclusive); each year's list is as of 31 December.
    pub from: u16,
    pub to: Option<u16>,
    /// Where its area went when retired or changed: (code, year of the change when stated).
    pub successors: Vec<(u32, Option<u16>)>,
    /// In the latest list (状态 在用): only these have a seat.
    in_use_today: bool,
}

impl Division {
    /// Whether the code was in use during `year` (a code begun that year counts: an event of
    /// the year may already carry the new name).
    pub fn in_use(&self, year: i32) -> bool {
        let from = i32::from(self.from);
        let to = self.to.map_or(i32::MAX, i32::from);
        // The first list that holds a code is that of 31 December of its first year, so the
        // name may be used during that year; a code retired in year T was last listed at T-1
        // but was still in use during T until the change.
        year >= from && year <= to
    }

    /// The seat (longitude, latitude), for divisions in use today that the coordinates list
    /// has. The list is read the first time a seat is asked for (drafting never does).
    pub fn seat(&self) -> Option<(f64, f64)> {
        static SEATS: OnceLock<FxMap<u32, (f64, f64)>> = OnceLock::new();
        if !self.in_use_today {
            return None;
        }
        let seats = SEATS.get_or_init(|| parse_seats(COORDINATES));
        seats.get(&self.code).copied()
    }

    pub fn years(&self) -> String {
        match self.to {
            Some(to) => format!("{}–{to}", self.from),
            None => format!("{}–", self.from),
        }
    }
}

/// FxHash (rustc's): a multiply and a rotate a word, several times SipHash's speed on the short
/// keys here (names, and every stretch of a text `find_in_text` tries), which come from the
/// bundled list or the text being read, not from anyone who could pick colliding keys.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The table takes its buckets from the low bits: bring the well-mixed high ones down.
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// The whole list, with lookups by code and by name.
pub struct Gazetteer {
    divisions: Vec<Division>,
    /// (code, index) by code, each code's rows in the list's order.
    by_code: Vec<(u32, usize)>,
    /// Full names and, where two characters or more remain, short forms without 省/市/县/区,
    /// 自治县 and the like: (index, whether the key is the full name). Keys borrow from the
    /// bundled text (a short form is the start of its name) but for 州 forms.
    by_name: FxMap<Cow<'static, str>, Vec<(usize, bool)>>,
    /// The first [`PREFIX`] bytes of every key of `by_name`: a place in a text where none of
    /// them begins is passed over without trying each stretch after it.
    prefixes: FxSet<[u8; PREFIX]>,
    longest_name: usize,
}

/// The shortest name `find_in_text` looks for, in bytes: two characters of three bytes (江津).
const PREFIX: usize = 6;

/// The bundled gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::parse(AREACODES))
}

/// Peoples named in autonomous divisions' names (广西壮族自治区, 峨边彝族自治县).
const PEOPLES: &[&str] = &[
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各",
];

/// The name without its kind: 云霄县 → 云霄, 广西壮族自治区 → 广西, 湘西土家族苗族自治州 → 湘西.
/// None when fewer than two characters would remain (泸县) or nothing is cut.
pub fn short_form(name: &str) -> Option<String> {
    short_prefix(name).map(str::to_string)
}

/// [`short_form`] as the start of the name it is cut from.
fn short_prefix(name: &str) -> Option<&str> {
    const KINDS: &[&str] = &[
        "特别行政区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "地区",
        "林区",
        "矿区",
        "省",
        "市",
        "县",
        "区",
        "盟",
    ];
    let mut rest = KINDS.iter().find_map(|k| name.strip_suffix(k))?;
    if name.contains("自治") {
        // Peoples come as runs of `X族`; cut them from the end.
        while let Some(before) = rest.strip_suffix('族') {
            match PEOPLES.iter().find(|p| before.ends_with(*p)) {
                Some(p) => rest = &before[..before.len() - p.len()],
                None => break,
            }
        }
        // 新疆维吾尔自治区 names its people without 族 (but 内蒙古 is the place's own name).
        if let Some(p) = PEOPLES
            .iter()
            .find(|p| rest.ends_with(*p) && rest[..rest.len() - p.len()].chars().count() >= 2)
        {
            rest = &rest[..rest.len() - p.len()];
        }
    }
    rest.chars().nth(1).is_some().then_some(rest)
}

/// A line's fields when it has exactly `N`. (A byte loop: `split(',')` searches for each comma
/// afresh, which costs more than the fields' few bytes.)
fn fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let (mut n, mut start) = (0, 0);
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b',' {
            *out.get_mut(n)? = &line[start..i];
            n += 1;
            start = i + 1;
        }
    }
    *out.get_mut(n)? = &line[start..];
    (n + 1 == N).then_some(out)
}

/// The coordinates list: seats by code.
fn parse_seats(coordinates: &str) -> FxMap<u32, (f64, f64)> {
    let lines = coordinates.lines().skip(1);
    let mut seats: FxMap<u32, (f64, f64)> = FxMap::default();
    seats.reserve(lines.size_hint().0);
    for line in lines {
        if let Some([adcode, _, lon, lat]) = fields(line)
            && let (Ok(code), Ok(lon), Ok(lat)) = (
                adcode.get(..6).unwrap_or("").parse::<u32>(),
                lon.parse::<f64>(),
                lat.parse::<f64>(),
            )
        {
            seats.insert(code, (lon, lat));
        }
    }
    seats
}

fn parse_successors(field: &str) -> Vec<(u32, Option<u16>)> {
    field
        .split(';')
        .filter_map(|s| {
            let s = s.trim();
            let (code, year) = match s.split_once('[') {
                Some((c, y)) => (c, y.trim_end_matches(']').parse().ok()),
                None => (s, None),
            };
            Some((code.parse().ok()?, year))
        })
        .collect()
}

impl Gazetteer {
    fn parse(areacodes: &'static str) -> Gazetteer {
        let mut divisions = Vec::with_capacity(areacodes.len() / 48);
        for line in areacodes.trim_start_matches('\u{feff}').lines().skip(1) {
            let Some(
                [
                    code,
                    province,
                    prefecture,
                    name,
                    level,
                    status,
                    from,
                    to,
                    successors,
                ],
            ) = fields(line)
            else {
                continue;
            };
            let (Ok(code), Ok(from)) = (code.parse::<u32>(), from.parse::<u16>()) else {
                continue;
            };
            let level = match level {
                "省级" => Level::Province,
                "地级" => Level::Prefecture,
                _ => Level::County,
            };
            let to = to.parse::<u16>().ok();
            let in_use_today = status == "在用";
            divisions.push(Division {
                code,
                name,
                level,
                province,
                prefecture,
                from,
                to: if in_use_today { None } else { to },
                successors: parse_successors(successors),
                in_use_today,
            });
        }
        Self::index(divisions)
    }

    fn index(divisions: Vec<Division>) -> Gazetteer {
        let mut by_code: Vec<(u32, usize)> = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code, i))
            .collect();
        // Stable, and linear on the list as bundled (in order of code).
        by_code.sort_by_key(|&(code, _)| code);
        let mut by_name: FxMap<Cow<'static, str>, Vec<(usize, bool)>> = FxMap::default();
        by_name.reserve(divisions.len() * 3 / 2);
        let mut longest_name = 0;
        for (i, d) in divisions.iter().enumerate() {
            by_name
                .entry(Cow::Borrowed(d.name))
                .or_default()
                .push((i, true));
            longest_name = longest_name.max(d.name.len());
            if let Some(short) = short_prefix(d.name) {
                // An autonomous prefecture goes by its short form and 州 too (楚雄州, 湘西州).
                if d.name.ends_with("自治州") {
                    by_name
                        .entry(Cow::Owned(format!("{short}州")))
                        .or_default()
                        .push((i, false));
                }
                by_name
                    .entry(Cow::Borrowed(short))
                    .or_default()
                    .push((i, false));
            }
        }
        let prefixes = by_name
            .keys()
            .filter_map(|k| prefix(k.as_bytes()))
            .collect();
        Gazetteer {
            divisions,
            by_code,
            by_name,
            prefixes,
            longest_name,
        }
    }

    pub fn len(&self) -> usize {
        self.divisions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.divisions.is_empty()
    }

    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// A code's rows (a code reused for another area has more than one), latest first.
    pub fn by_code(&self, code: u32) -> Vec<&Division> {
        let mut rows: Vec<&Division> = self
            .rows_of(code)
            .iter()
            .map(|&(_, i)| &self.divisions[i])
            .collect();
        rows.sort_by_key(|d| std::cmp::Reverse(d.from));
        rows
    }

    /// A code's entries in `by_code`.
    fn rows_of(&self, code: u32) -> &[(u32, usize)] {
        let start = self.by_code.partition_point(|&(c, _)| c < code);
        let len = self.by_code[start..].partition_point(|&(c, _)| c == code);
        &self.by_code[start..start + len]
    }

    /// The row of a code in use during `year` (or its latest row when none was).
    pub fn code_on(&self, code: u32, year: Option<i32>) -> Option<&Division> {
        let rows = self.by_code(code);
        year.and_then(|y| rows.iter().copied().find(|d| d.in_use(y)))
            .or_else(|| rows.first().copied())
    }

    /// Divisions of this name, in either script: the full name's matches when there are any,
    /// else those of the short form (江津 for 江津区/江津市/江津县).
    pub fn named(&self, name: &str) -> Vec<&Division> {
        let simplified = fast2s::convert(name.trim());
        let Some(entries) = self.by_name.get(simplified.as_str()) else {
            return Vec::new();
        };
        let full: Vec<&Division> = entries
            .iter()
            .filter(|(_, f)| *f)
            .map(|&(i, _)| &self.divisions[i])
            .collect();
        if !full.is_empty() {
            return full;
        }
        entries.iter().map(|&(i, _)| &self.divisions[i]).collect()
    }

    /// The province-level and prefecture-level codes a code sits under (by its digits), with
    /// itself first.
    pub fn ancestors(&self, code: u32) -> Vec<u32> {
        let mut out = vec![code];
        for parent in [code / 100 * 100, code / 10000 * 10000] {
            if !out.contains(&parent) && !self.rows_of(parent).is_empty() {
                out.push(parent);
            }
        }
        out
    }

    /// The codes in use today that a code's area went to, following successors (itself when in
    /// use today).
    pub fn current(&self, code: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut todo = vec![code];
        let mut seen = Vec::new();
        while let Some(c) = todo.pop() {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let rows = self.by_code(c);
            match rows.first() {
                Some(d) if d.to.is_none() && (d.successors.is_empty() || c != code) => out.push(c),
                Some(d) if !d.successors.is_empty() => {
                    todo.extend(d.successors.iter().map(|s| s.0))
                }
                Some(_) => out.push(c),
                None => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether a code is in use today (in the latest list).
    pub fn in_use_today(&self, code: u32) -> bool {
        self.by_code(code).first().is_some_and(|d| d.to.is_none())
    }

    /// The codes in use today that one row's area went to: itself while in use, else where its
    /// successors lead (a code reused for another area is followed from this row, not the latest).
    pub fn today_of(&self, d: &Division) -> Vec<u32> {
        if d.to.is_none() {
            return vec![d.code];
        }
        let mut out: Vec<u32> = d
            .successors
            .iter()
            .flat_map(|s| self.current(s.0))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Resolves a place's name to the one code it had in `year`, within `parent` when given.
    pub fn resolve(
        &self,
        name: &str,
        parent: Option<&str>,
        year: Option<i32>,
    ) -> Result<&Division, Unresolved> {
        let parents: Option<Vec<u32>> =
            parent.map(|p| self.named(p).iter().map(|d| d.code).collect());
        self.resolve_within(name, parents.as_deref(), year)
    }

    /// [`Gazetteer::resolve`] with the parent given by its codes (a catalogued parent's code);
    /// no codes (a parent that is no division, such as 中国) leave the name unrestricted.
    pub fn resolve_within(
        &self,
        name: &str,
        parents: Option<&[u32]>,
        year: Option<i32>,
    ) -> Result<&Division, Unresolved> {
        let all = self.named(name);
        if all.is_empty() {
            return Err(Unresolved::Unknown);
        }
        let mut candidates: Vec<&Division> = match year {
            Some(y) => all.iter().copied().filter(|d| d.in_use(y)).collect(),
            None => all.clone(),
        };
        if candidates.is_empty() {
            candidates = year
                .map(|y| self.autonomous_of(name, y))
                .unwrap_or_default();
        }
        if candidates.is_empty() {
            return Err(Unresolved::NotInUse(
                all.iter().map(|d| (*d).clone()).collect(),
            ));
        }
        if let Some(parents) = parents {
            let within: Vec<&Division> = candidates
                .iter()
                .copied()
                .filter(|d| self.ancestors(d.code).iter().any(|a| parents.contains(a)))
                .collect();
            if within.is_empty() && !parents.is_empty() {
                return Err(Unresolved::NotWithin(
                    candidates.iter().map(|d| (*d).clone()).collect(),
                ));
            }
            if !within.is_empty() {
                candidates = within;
            }
        }
        // Without a year, the latest of one code's rows stands for it.
        candidates.sort_by_key(|d| (d.code, std::cmp::Reverse(d.from)));
        candidates.dedup_by_key(|d| d.code);
        // A name kept through a change of code (江津市 510282 → 500381 in 1997) is the later code
        // in the year of the change.
        let later: Vec<u32> = candidates.iter().map(|d| d.code).collect();
        if candidates.len() > 1 {
            candidates.retain(|d| !d.successors.iter().any(|s| later.contains(&s.0)));
        }
        match candidates[..] {
            [one] => Ok(one),
            _ => Err(Unresolved::Ambiguous(
                candidates.iter().map(|d| (*d).clone()).collect(),
            )),
        }
    }

    /// The autonomous county or banner a plain county's name stands for in a year when no county
    /// of that name is in use (岫岩县 in 2024 is 岫岩满族自治县; 岫岩县 itself ended in 1985).
    fn autonomous_of(&self, name: &str, year: i32) -> Vec<&Division> {
        let simplified = fast2s::convert(name.trim());
        let Some(kind) = ["县", "旗"].into_iter().find(|k| simplified.ends_with(k)) else {
            return Vec::new();
        };
        let Some(short) = short_form(&simplified) else {
            return Vec::new();
        };
        self.named(&short)
            .into_iter()
            .filter(|d| d.in_use(year) && d.name.ends_with(&format!("自治{kind}")))
            .collect()
    }

    /// Every division name in a text (either script), longest first at each position, with
    /// byte offsets into `text`: full names, and short forms of two characters or more.
    pub fn find_in_text(&self, text: &str) -> Vec<Mention> {
        // fast2s converts character for character within the same UTF-8 length, so offsets in
        // the simplified text are offsets in the original.
        let simplified = fast2s::convert(text);
        let starts: Vec<usize> = simplified.char_indices().map(|(i, _)| i).collect();
        let mut out = Vec::new();
        let mut next_free = 0;
        for (k, &start) in starts.iter().enumerate() {
            if start < next_free
                || prefix(&simplified.as_bytes()[start..])
                    .is_none_or(|p| !self.prefixes.contains(&p))
            {
                continue;
            }
            let found = starts[k + 1..]
                .iter()
                .copied()
                .chain(std::iter::once(simplified.len()))
                .take_while(|&end| end - start <= self.longest_name)
                .filter(|&end| end - start >= PREFIX)
                .filter_map(|end| Some((end, self.by_name.get(&simplified[start..end])?)))
                .last();
            let Some((end, entries)) = found else {
                continue;
            };
            let full = entries.iter().any(|(_, f)| *f);
            let codes = entries
                .iter()
                .filter(|(_, f)| *f == full)
                .map(|&(i, _)| i)
                .collect();
            out.push(Mention {
                start,
                end,
                full,
                divisions: codes,
            });
            next_free = end;
        }
        out
    }

    pub fn division(&self, index: usize) -> &Division {
        &self.divisions[index]
    }
}

/// The first [`PREFIX`] bytes of `bytes`, when it has as many.
fn prefix(bytes: &[u8]) -> Option<[u8; PREFIX]> {
    bytes.get(..PREFIX)?.try_into().ok()
}

/// A division's name found in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The full name (云霄县), not a short form (云霄).
    pub full: bool,
    /// Indexes of the divisions of that name (see [`Gazetteer::division`]).
    pub divisions: Vec<usize>,
}

/// Why a name did not resolve to one code.
#[derive(Debug, Clone)]
pub enum Unresolved {
    Unknown,
    /// Divisions of that name, none of them in use in the year.
    NotInUse(Vec<Division>),
    /// Divisions of that name in use, none under the given parent.
    NotWithin(Vec<Division>),
    Ambiguous(Vec<Division>),
}

impl Unresolved {
    /// `鼓楼区 320106 (江苏省南京市, 1983–)`, one per candidate.
    pub fn candidates(&self) -> String {
        let list = match self {
            Unresolved::Unknown => return String::new(),
            Unresolved::NotInUse(l) | Unresolved::NotWithin(l) | Unresolved::Ambiguous(l) => l,
        };
        list.iter()
            .map(|d| {
                let prefecture = match d.prefecture {
                    "" | "直辖" => "",
                    p if p == d.name => "",
                    p => p,
                };
                format!(
                    "{} {} ({}{}, {})",
                    d.name,
                    d.code,
                    d.province,
                    prefecture,
                    d.years()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_on_their_dates() {
        let g = gazetteer();
        assert_eq!(g.resolve("吴江市", None, Some(2010)).unwrap().code, 320584);
        assert_eq!(g.resolve("吴江区", None, Some(2016)).unwrap().code, 320509);
        assert_eq!(g.resolve("江津區", None, Some(2023)).unwrap().code, 500116);
        assert!(matches!(
            g.resolve("鼓楼区", None, Some(2020)),
            Err(Unresolved::Ambiguous(_))
        ));
        assert_eq!(
            g.resolve("鼓楼区", Some("南京市"), Some(2020))
                .unwrap()
                .code,
            320106
        );
        assert!(matches!(
            g.resolve("吴江区", None, Some(2005)),
            Err(Unresolved::NotInUse(_))
        ));
        // A plain county's name for an autonomous county, where no county of that name is in
        // use; 吴江区 in 2005 (吴江市's time) stays an error.
        assert_eq!(
            g.resolve("岫岩县", None, Some(2024)).ok().map(|d| d.code),
            Some(210323)
        );
        assert_eq!(g.current(320584), vec![320509]);
        assert_eq!(g.current(510282), vec![500116]);
    }

    #[test]
    fn short_forms_drop_the_kind_and_the_peoples() {
        assert_eq!(short_form("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(short_form("新疆维吾尔自治区").as_deref(), Some("新疆"));
        assert_eq!(short_form("内蒙古自治区").as_deref(), Some("内蒙古"));
        assert_eq!(short_form("峨边彝族自治县").as_deref(), Some("峨边"));
        assert_eq!(short_form("云霄县").as_deref(), Some("云霄"));
        assert_eq!(short_form("泸县"), None);
        // 楚雄州 is the prefecture, not 楚雄市.
        let g = gazetteer();
        assert_eq!(
            g.resolve("楚雄州", None, Some(2017)).ok().map(|d| d.code),
            Some(532300)
        );
    }

    #[test]
    fn places_are_found_anywhere_in_a_text() {
        let g = gazetteer();
        let text = "近日,福建省云霄县在深圳举行招商推介会";
        let found: Vec<&str> = g
            .find_in_text(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, vec!["福建省", "云霄县", "深圳"]);
    }

    /// Everything the gazetteer holds and answers, as text: every row's fields; every name,
    /// short form and 州 form looked up; every code (and its neighbours) by code, ancestors,
    /// successors today; the names found in a text of all the names.
    fn everything(g: &Gazetteer) -> String {
        use std::fmt::Write;
        let mut out = format!("{} rows, longest {}\n", g.len(), g.longest_name);
        let row = |d: &Division| (d.code, d.from);
        for d in g.divisions() {
            let seat = (d.seat().map(|s| s.0), d.seat().map(|s| s.1));
            let _ = writeln!(
                out,
                "{} {} {:?} {} {} {} {:?} {:?} {:?} {:?}",
                d.code,
                d.name,
                d.level,
                d.province,
                d.prefecture,
                d.from,
                d.to,
                d.successors,
                seat,
                short_form(d.name)
            );
        }
        for d in g.divisions() {
            let short = short_form(d.name);
            let zhou = short.as_ref().map(|s| format!("{s}州"));
            for key in [Some(d.name.to_string()), short, zhou]
                .into_iter()
                .flatten()
            {
                let named: Vec<_> = g.named(&key).into_iter().map(row).collect();
                let _ = writeln!(out, "{key} {named:?}");
            }
            for code in [d.code, d.code + 1, d.code / 100 * 100 + 99] {
                let rows: Vec<_> = g.by_code(code).into_iter().map(row).collect();
                let _ = writeln!(
                    out,
                    "{code} {rows:?} {:?} {:?} {} {:?} {:?}",
                    g.ancestors(code),
                    g.current(code),
                    g.in_use_today(code),
                    g.code_on(code, Some(2000)).map(row),
                    g.today_of(d),
                );
            }
        }
        let text: String = g.divisions().iter().map(|d| d.name).collect();
        for m in g.find_in_text(&text) {
            let _ = writeln!(out, "{} {} {} {:?}", m.start, m.end, m.full, m.divisions);
        }
        out
    }

    #[test]
    fn the_bundled_list_reads_as_it_always_has() {
        use sha2::{Digest, Sha256};
        let text = everything(gazetteer());
        let digest: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        // Computed by the first parse (a HashMap of Strings per name, a Vec per line).
        assert_eq!(
            digest,
            "ab8154fa10208ab1d014e7461413210e393d4ed1d20a03984eb3c680d78776cc",
            "{} bytes",
            text.len()
        );
    }
}
