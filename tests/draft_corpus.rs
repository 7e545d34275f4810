//! `draft` scored against the hand-annotated corpus in tests/draft/: every article is drafted as
//! a user would (no title given, the publication date and URL on the command line), the draft is
//! imported unedited into a fresh catalogue, and its facts are compared one by one with the
//! annotation, by the rules of DRAFT-ANNOTATION (found / wrong / missing / extra per kind of
//! fact). `tuning/` is what the rules were written against; `held-out/` was set aside before any
//! rule was written and is never read while tuning.
//!
//! `cargo test --release --test draft_corpus -- --nocapture` prints both tables. The test fails
//! when the held-out results fall below the floors recorded in `FLOOR`.

mod common;
#[path = "draft_corpus/score.rs"]
mod score;

use std::path::{Path, PathBuf};

use common::{TestEnv, stderr};
use score::{Article, Tally};
use zhaoshang::draft::{self, SourceOptions};

/// The held-out results may not fall below these (measured; raise them as the draft improves).
/// Session 11 added 8 held-out articles written unseen (12 → 20): the floors were set again
/// from that larger part's measurement (first 72.0% found, 3.0% wrong; at the session's end
/// 74.0%, 2.6%, named projects 85.7%). Session 12 added 8 more (20 → 28, a quarter of 98):
/// measured first at 71.9% found, 2.7% wrong, named projects 82.1% (the 8 new alone: 85 of 133
/// found, 4 wrong); at the session's end 72.9%, 2.3%, 82.1%. Session 13 added 4 more (28 → 32
/// of 126), measured first at 73.1% found, 2.6% wrong, named projects 83.7% (the 4 new alone:
/// 74 of 100 found, 4 wrong). Session 14 added 4 more (32 → 36 of 138), measured first at 72.4%
/// found, 2.8% wrong, named projects 80.2% (the 4 new alone: 30 of 49 found, 3 wrong; one draft
/// did not import, a place name that import refused, fixed in the gazetteer), then 2 more (36 → 38
/// of 148: 17 of 23 found, none wrong); at the session's end 73.0% found, 2.6% wrong, named
/// projects 81.0%. Session 15 added 4 more (38 → 42 of 168), measured first at 73.5% found, 3.2%
/// wrong, named projects 80.6% (the 4 new alone: 53 of 67 found, 7 wrong); at the session's end
/// 73.6% found, 3.1% wrong, named projects 81.6%. Session 16 scored other statistics as
/// DRAFT-ANNOTATION says (found on a statistic of any kind: 73.6% → 76.9% found on the same
/// drafts) and added 4 more (42 → 46 of 188), measured first at 74.0% found, 3.0% wrong, named
/// projects 79.1% (the 4 new alone: 58 of 112 found, 2 wrong), then 4 more (46 → 50 of 208):
/// 74.0% found, 3.2% wrong, named projects 77.9% (the 4 new alone: 61 of 82 found, 5 wrong); at
/// the session's end 75.2% found, 3.1% wrong (32 of 1,031), named projects 77.9%. Session 17
/// added 6 more (50 → 56 of 230), measured first at 75.1% found, 3.0% wrong, named projects
/// 80.2% (the 6 new alone: 98 of 131 found, 3 wrong); at the session's end 75.1% found, 2.9%
/// wrong (34 of 1,162), named projects 80.2%. Session 18 found two held-out articles written after
/// the same public reports as two tuning ones (160 and 333, 164 and 233) and moved them to
/// tuning, and added 8 more written unseen (54 → 62 of 251), measured first at 74.2% found, 3.8%
/// wrong (49 of 1,297), named projects 78.3%; at the session's end 76.0% found, 3.7% wrong (48 of
/// 1,284: an alternative that restates the headline as it is is no longer a fact), named projects
/// 78.3%. Session 19 added 8 more written unseen (62 → 70 of 275), measured first at 75.3%
/// found, 3.7% wrong (53 of 1,415), named projects 76.9% (the 8 new alone: 89 of 131 found, 5
/// wrong); at the session's end 75.3% found, 3.5% wrong (50 of 1,415), named projects 76.9%.
/// Session 20 added 8 more written unseen (70 → 78 of 299), measured first at 76.1% found, 3.6%
/// wrong (55 of 1,546), named projects 77.8% (the 8 new alone: 111 of 131 found, 5 wrong); four
/// wrong were annotations that wrote a foreign amount's currency beside its value (read as yuan),
/// mended: 76.3%, 51 wrong; at the session's end 76.5% found, 3.3% wrong (51), named projects
/// 77.8%. Session 21 added 8 more written unseen (78 → 86 of 323), measured first at 75.6% found,
/// 4.2% wrong (72 of 1,706), named projects 70.9% (the 8 new alone: 108 of 160 found, 21 wrong);
/// at the session's end 75.8% found, 4.0% wrong (69), named projects 72.1%. The floors were
/// lowered to those figures: the new articles measured lower, no rule fell back. Session 22 added
/// 8 more written unseen (86 → 94 of 363): the first 4 measured first at 75.2% found, 4.4% wrong
/// (82 of 1,854), named projects 72.5% (the 4 alone: 102 of 148 found, 13 wrong); the next 4 on
/// that session's rules so far: 122 of 140 found, 12 wrong. At the session's end 76.1% found,
/// 4.7% wrong (94 of 1,994), named projects 73.9%: no rule of the session moved the held-out
/// totals, and the wrong ceiling was raised to what the new articles measured. Session 23 added 8
/// more written unseen (94 → 102 of 401), measured first at 76.7% found, 4.7% wrong (108 of
/// 2,276), named projects 73.7% (the 8 new alone: 228 of 282 found, 14 wrong); five names written
/// with their company before them were brought to the corpus's convention (76.9%, 103 wrong,
/// 75.7%); at the session's end 77.1% found, 4.4% wrong (100), named projects 77.0%. Session 24
/// added 8 more written unseen (102 → 110 of 438), measured first at 77.4% found, 4.3% wrong (112
/// of 2,605), named projects 78.7% (the 8 new alone: 263 of 329 found, 12 wrong); at the
/// session's end 77.5% found, 4.0% wrong (105), named projects 78.7%. Session 25 added 6 more
/// written unseen (110 → 116 of 468), measured first at 77.6% found, 4.1% wrong (116 of 2,814),
/// named projects 77.2% (the 6 new alone: 166 of 209 found, 11 wrong, 18 of 29 projects); at
/// the session's end 78.1% found, 4.0% wrong (113), named projects 80.7% (251 of 311).
struct Floor {
    found_percent: f64,
    wrong_percent_max: f64,
    projects_percent: f64,
}

const FLOOR: Floor = Floor {
    found_percent: 77.5,
    wrong_percent_max: 4.2,
    projects_percent: 80.0,
};

fn corpus(split: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/draft")
        .join(split);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".facts.json"))
        .collect();
    files.sort();
    files
}

fn load(annotation: &Path) -> Article {
    let name = annotation.to_string_lossy();
    let base = name.trim_end_matches(".facts.json");
    let text_path = [".txt", ".html"]
        .iter()
        .map(|ext| PathBuf::from(format!("{base}{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{base}: no .txt or .html beside the annotation"));
    let json = std::fs::read_to_string(annotation).expect("read annotation");
    Article {
        name: Path::new(base)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes: std::fs::read(&text_path).expect("read article"),
        annotation: serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: {e}", annotation.display())),
    }
}

/// Drafts one article and imports the draft unedited; the tally of its facts.
fn run_one(article: &Article) -> Tally {
    let published = article.annotation["published"]
        .as_str()
        .expect("published")
        .to_string();
    let url = article.annotation["url"].as_str().map(str::to_string);
    let mut tally = Tally::default();
    let read = match draft::input::read(&article.bytes, None) {
        Ok(read) => read,
        Err(e) => {
            tally
                .failures
                .push(format!("{}: not read: {e:#}", article.name));
            return score::score(article, None, "", &mut tally);
        }
    };
    let options = SourceOptions {
        published: Some(published),
        url,
        ..SourceOptions::default()
    };
    let drafted = match draft::draft(&read, &options) {
        Ok(d) => d,
        Err(e) => {
            tally
                .failures
                .push(format!("{}: not drafted: {e:#}", article.name));
            return score::score(article, None, &read.text, &mut tally);
        }
    };
    let env = TestEnv::new();
    // The default format, as a user gets it.
    let file = env.dir.path().join("draft.toml");
    let toml = draft::to_toml(&drafted, &article.name, None).expect("draft as TOML");
    std::fs::write(&file, toml).expect("write draft");
    let init = env.run(&["init", "--empty", "-q"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let import = env.run(&["import", "-q", file.to_str().expect("path")]);
    tally.articles = 1;
    if import.status.success() {
        tally.imported = 1;
    } else {
        tally.failures.push(format!(
            "{}: the draft does not import: {}",
            article.name,
            stderr(&import).trim()
        ));
    }
    score::score(article, Some(&drafted.file), &read.text, &mut tally)
}

fn run_split(split: &str) -> Tally {
    // What did not match is listed for the tuning part only: the held-out part is read as totals.
    score::set_explain(split == "tuning");
    let mut total = Tally::default();
    for path in corpus(split) {
        let article = load(&path);
        let tally = run_one(&article);
        // Per-article detail for the tuning part only: the held-out part is read as totals.
        if split == "tuning" && std::env::var_os("ZHAOSHANG_DRAFT_DETAIL").is_some() {
            println!("{}", tally.detail(&article.name));
        }
        total.add(&tally);
    }
    total
}

/// The article with its punctuation turned to ASCII (，→, 。→. ：→: …), as many saved copies
/// write it, the annotation's quotes and names turned alike. Text that is not UTF-8 stays as it is.
fn with_ascii_punctuation(article: &Article) -> Article {
    fn ascii(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '，' => ',',
                '。' => '.',
                '：' => ':',
                '；' => ';',
                '（' => '(',
                '）' => ')',
                '！' => '!',
                '？' => '?',
                c => c,
            })
            .collect()
    }
    fn turn(v: &serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::String(s) => serde_json::Value::String(ascii(s)),
            serde_json::Value::Array(a) => a.iter().map(turn).collect(),
            serde_json::Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), turn(v))).collect(),
            v => v.clone(),
        }
    }
    Article {
        name: article.name.clone(),
        bytes: match std::str::from_utf8(&article.bytes) {
            Ok(text) => ascii(text).into_bytes(),
            Err(_) => article.bytes.clone(),
        },
        annotation: turn(&article.annotation),
    }
}

/// Saved copies often turn the punctuation to ASCII: the tuning part written so drafts as well
/// as it does as written (measured when this test was added: the same found and wrong, article
/// by article; before the rules for ASCII full stops and paragraphs, 56 fewer found).
#[test]
fn the_tuning_part_in_ascii_punctuation_drafts_as_well() {
    let mut written = Tally::default();
    let mut ascii = Tally::default();
    for path in corpus("tuning") {
        let article = load(&path);
        written.add(&run_one(&article));
        ascii.add(&run_one(&with_ascii_punctuation(&article)));
    }
    let (w, a) = (written.total(), ascii.total());
    println!(
        "tuning as written: {} of {} found, {} wrong; in ASCII punctuation: {} found, {} wrong",
        w.found, w.facts, w.wrong, a.found, a.wrong
    );
    assert_eq!(w.facts, a.facts, "the same facts either way");
    // A rule may read one shape a little better than the other, not much.
    let slack = w.facts / 200;
    assert!(
        a.found + slack >= w.found && a.wrong <= w.wrong + slack,
        "in ASCII punctuation {} found and {} wrong, as written {} and {}",
        a.found,
        a.wrong,
        w.found,
        w.wrong
    );
}

#[test]
fn draft_on_the_corpus() {
    let tuning = run_split("tuning");
    println!("\n## tuning\n{}", tuning.table());
    let held_out = run_split("held-out");
    println!("\n## held out\n{}", held_out.table());
    for failure in &tuning.failures {
        println!("{failure}");
    }
    println!("held out: {} failures", held_out.failures.len());
    assert!(
        held_out.articles >= 10,
        "the held-out part has {} articles",
        held_out.articles
    );
    assert_eq!(
        held_out.imported, held_out.articles,
        "every held-out draft imports unedited"
    );
    let (found, wrong, projects) = held_out.headline();
    assert!(
        found >= FLOOR.found_percent,
        "held out: facts found {found:.1}% < floor {:.1}%",
        FLOOR.found_percent
    );
    assert!(
        wrong <= FLOOR.wrong_percent_max,
        "held out: wrong {wrong:.1}% > ceiling {:.1}%",
        FLOOR.wrong_percent_max
    );
    assert!(
        projects >= FLOOR.projects_percent,
        "held out: named projects found {projects:.1}% < floor {:.1}%",
        FLOOR.projects_percent
    );
}

/// The scorer itself (written for this test): an other statistic is found on a statistic the
/// draft filed under another kind (DRAFT-ANNOTATION: "a statistic, never a headline"), and that
/// record is then not an extra; a record with another value is no help.
#[test]
fn an_other_statistic_is_found_on_a_statistic_of_any_kind() {
    use zhaoshang::source::model::{SourceFile, StatisticEntry};
    let text = "去年全县地区生产总值达120亿元，全县共有企业300家。";
    let article = Article {
        name: "written for this test".into(),
        bytes: text.as_bytes().to_vec(),
        annotation: serde_json::json!({
            "other_statistics": [
                {"quote": "去年全县地区生产总值达120亿元", "value": 120, "unit": "亿元",
                 "qualifier": null, "value_yuan": 12000000000_i64},
                {"quote": "全县共有企业300家", "value": 300, "unit": "家", "qualifier": null}
            ]
        }),
    };
    let period = |quote: &str, value: &str| StatisticEntry {
        kind: "period_statistic".into(),
        metric: "figure".into(),
        value: value.into(),
        quote: quote.into(),
        from: Some("2023-01-01".into()),
        to: Some("2023-12-31".into()),
        ..StatisticEntry::default()
    };
    let file = SourceFile {
        statistics: vec![
            period("去年全县地区生产总值达120亿元", "120亿元"),
            period("全县共有企业300家", "30家"),
        ],
        ..SourceFile::default()
    };
    let tally = score::score(&article, Some(&file), text, &mut Tally::default());
    let other = tally.kinds["other statistic"];
    let period = tally.kinds["period statistic"];
    assert_eq!(
        (other.facts, other.found, other.missing, other.extra),
        (2, 1, 1, 0)
    );
    assert_eq!((period.facts, period.extra), (0, 1));
}

/// The scorer itself (written for this test): a signing record whose quote runs over a decoy's
/// words (attendance) but whose figure sits outside them does not stand for the decoy; one whose
/// figure is the decoy's does.
#[test]
fn a_record_stands_for_a_decoy_only_on_the_decoys_words() {
    use zhaoshang::source::model::{EventEntry, FigureEntry, SourceFile};
    let text = "逾千名客商见证二十个项目签约落户。";
    let article = Article {
        name: "written for this test".into(),
        bytes: text.as_bytes().to_vec(),
        annotation: serde_json::json!({
            "non_signing": [{"quote": "逾千名客商", "why": "attendance"}]
        }),
    };
    let with_count = |value: &str| SourceFile {
        events: vec![EventEntry {
            project_count: Some(FigureEntry {
                value: value.into(),
                quote: "逾千名客商见证二十个项目签约落户".into(),
                ..FigureEntry::default()
            }),
            ..EventEntry::default()
        }],
        ..SourceFile::default()
    };
    let decoys = |file: &SourceFile| {
        let tally = score::score(&article, Some(file), text, &mut Tally::default());
        tally.kinds.get("decoy").map_or(0, |c| c.wrong)
    };
    assert_eq!(decoys(&with_count("二十个")), 0);
    assert_eq!(decoys(&with_count("逾千名")), 1);
}

/// The scorer itself: a place is read in the event's year, as import reads it. 伊犁州 names
/// 伊犁哈萨克自治州 in 2012; over 1981-2025 it names two divisions (the code changed), and read
/// with no year it had not matched.
#[test]
fn a_place_is_the_same_division_in_the_events_year() {
    assert!(score::same_place("伊犁州", "伊犁哈萨克自治州", Some(2012)));
    assert!(!score::same_place("伊犁州", "新疆维吾尔自治区", Some(2012)));
    assert!(!score::same_place("昌吉州", "伊犁哈萨克自治州", Some(2012)));
    // 通州区 names two districts in 2024; drafted with its parent it is Beijing's, which an
    // annotation may write with its parent before it.
    assert!(!score::same_place("通州区", "北京市通州区", Some(2024)));
    assert!(score::is_place("北京市通州区", 110112, Some(2024)));
    assert!(!score::is_place("北京市通州区", 320612, Some(2024)));
    assert!(score::is_place("通州区", 110112, Some(2024)));
}

/// No held-out article was written after the same public report as a tuning article, nor
/// reports an event (place and day) a tuning article reports: the rules tuned on one would be
/// tuned on the other, and the held-out part would measure less than unseen text.
#[test]
fn no_held_out_article_shares_its_source_or_event_with_a_tuning_article() {
    // The report's address, and each dated event's place and day.
    let sources = |path: &PathBuf| {
        let json = std::fs::read_to_string(path).expect("read annotation");
        let value: serde_json::Value = serde_json::from_str(&json).expect("annotation");
        let events = ["events", "stage_events"]
            .iter()
            .filter_map(|k| value[*k].as_array())
            .flatten()
            .filter(|e| e["date"].is_string())
            .map(|e| format!("{} {}", e["place"], e["date"]));
        let mut keys: Vec<String> = events.collect();
        keys.push(value["shape_of"].as_str().unwrap_or_default().to_string());
        keys
    };
    let mut tuning = std::collections::BTreeMap::new();
    for path in corpus("tuning") {
        for key in sources(&path) {
            tuning.insert(key, path.clone());
        }
    }
    let shared: Vec<String> = corpus("held-out")
        .iter()
        .flat_map(|p| sources(p).into_iter().map(move |key| (p, key)))
        .filter_map(|(p, key)| {
            let other = tuning.get(&key)?;
            Some(format!("{} and {} ({key})", p.display(), other.display()))
        })
        .collect();
    assert!(
        shared.is_empty(),
        "written after the same report: {shared:#?}"
    );
}

/// A title that restates the headline's figure as it is (26个项目 in the title and the body) is
/// no alternative: DRAFT-ANNOTATION's alternative is the same quantity stated differently
/// (130余亿元 against 130亿元), and the seed's annotation records none for its title.
#[test]
fn a_title_restating_the_headline_as_it_is_is_no_alternative() {
    use zhaoshang::source::model::{EventEntry, FigureEntry, SourceFile};
    let text =
        "某市签约26个项目 投资总额超60亿元\n某市举行签约仪式,签约项目26个,投资总额60.27亿元。";
    let article = Article {
        name: "written for this test".into(),
        bytes: text.as_bytes().to_vec(),
        annotation: serde_json::json!({
            "events": [{
                "label": "某市签约仪式", "date": null, "place": null,
                "project_count": {"value": 26, "qualifier": null, "quote": "签约项目26个"},
                "amount_yuan": {"value": 6027000000_i64, "qualifier": null,
                                "quote": "投资总额60.27亿元"},
                "alternatives": [
                    {"of": "project_count", "value": 26, "qualifier": null,
                     "quote": "某市签约26个项目"},
                    {"of": "amount_yuan", "value": 6000000000_i64, "qualifier": "超",
                     "quote": "投资总额超60亿元"}
                ],
                "bands": [], "groups": [], "statistics": [], "projects": []
            }]
        }),
    };
    let figure = |value: &str, quote: &str| FigureEntry {
        value: value.into(),
        quote: quote.into(),
        ..FigureEntry::default()
    };
    let file = SourceFile {
        events: vec![EventEntry {
            name: "某市签约仪式".into(),
            project_count: Some(figure("26个", "签约项目26个")),
            signed_amount: Some(figure("60.27亿元", "投资总额60.27亿元")),
            ..EventEntry::default()
        }],
        ..SourceFile::default()
    };
    let tally = score::score(&article, Some(&file), text, &mut Tally::default());
    let alternative = tally.kinds["alternative"];
    assert_eq!(
        (alternative.facts, alternative.found, alternative.missing),
        (1, 0, 1)
    );
}
