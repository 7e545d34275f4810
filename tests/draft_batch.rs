//! `draft ARTICLE… --out-dir DIR` and `--preview`: a folder of saved pages drafted at once, one
//! bad article reported on its row while the others are drafted, the summary table in the
//! listing formats, nothing written when any output is in the way (an existing file without
//! --force, a symlink, an article), usage errors; and the preview page, escaped, with every kind
//! of drafted fact marked, checked in headless Chromium and by tidy where they are installed.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestEnv, dom, need, stderr, stdout};
use serde_json::Value;

/// A signing with a date, place, count, amount, a named project with its company and amount,
/// industries, a period's figures and a figure no record uses; `<script>` and both quote marks
/// in the text.
const ARTICLE: &str = "缙云县举行招商引资项目集中签约活动\n\
3月5日,缙云县举行2024年第一季度招商引资项目集中签约活动,共签约项目28个,总投资266亿元。\n\
其中,由深圳市示例科技有限公司投资建设的年产10万吨新材料项目,总投资12亿元。\n\
此次签约项目涵盖新能源、新材料、高端装备等产业。\n\
今年以来,全县累计签约项目56个,协议引资420亿元。\n\
活动现场,\"招商<script>alert('x')</script>\"展板前,客商们纷纷驻足,另有储备项目15个。\n";

/// A saved page that states its own date (2022-05-10): its 5月8日 is of 2022 whatever
/// --published says.
fn page() -> String {
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
     <meta name=\"publishdate\" content=\"2022-05-10 09:00\"><title>丽水</title></head><body>\
     <h1>莲都区重点项目集中签约</h1><div class=\"article\">\
     <p>5月8日,莲都区举行重点项目集中签约仪式,共签约项目12个,总投资逾86亿元。</p>\
     <p>签约项目涉及装备制造、生物医药等领域。</p></div></body></html>"
        .to_string()
}

/// A folder `pages` with two articles, one that is not one, and a file that is no article.
fn pages(env: &TestEnv) {
    let dir = env.dir.path().join("pages");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("b.html"), page()).unwrap();
    std::fs::write(dir.join("bad.txt"), "Hello\nworld\n").unwrap();
    std::fs::write(dir.join("notes.md"), "# not an article\n").unwrap();
}

fn rows(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn a_folder_is_drafted_and_one_bad_article_is_reported_on_its_row() {
    let env = TestEnv::new();
    pages(&env);
    let out = env.run(&[
        "draft",
        "pages",
        "--out-dir",
        "out",
        "--published",
        "2024-03-06",
        "--summary",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("bad.txt") && err.contains("no Chinese text"),
        "{err}"
    );
    assert!(err.contains("1 of 3 articles not drafted"), "{err}");
    let rows = rows(&out);
    let articles: Vec<&str> = rows
        .iter()
        .map(|r| r["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["pages/a.txt", "pages/b.html", "pages/bad.txt"]);
    let a = &rows[0];
    assert_eq!(a["kind"], "event");
    assert_eq!(a["date"], "2024-03-05");
    assert_eq!(a["place"], "缙云县");
    assert_eq!(a["project_count"], 28);
    assert_eq!(a["signed_amount_yuan"], 26_600_000_000_i64);
    assert_eq!(a["signed_amount_qualifier"], "exact");
    assert_eq!(a["named_projects"], 1);
    assert_eq!(a["draft"], "out/a.toml");
    assert!(a["notes_to_check"].as_u64().unwrap() >= 1);
    // The page's own date, not --published, gives the year of its 5月8日.
    let b = &rows[1];
    assert_eq!(b["date"], "2022-05-08", "{b}");
    assert_eq!(b["signed_amount_qualifier"], "more_than");
    assert_eq!(rows[2]["kind"], "failed");
    assert!(
        rows[2]["error"]
            .as_str()
            .unwrap()
            .contains("no Chinese text")
    );
    let out_dir = env.dir.path().join("out");
    for f in ["a.toml", "a.txt", "b.toml", "b.txt"] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    assert!(!out_dir.join("bad.toml").exists() && !out_dir.join("notes.toml").exists());
    assert!(
        !out_dir.join("a.preview.html").exists(),
        "no preview unless asked"
    );
    // No progress drawn into a stderr that is not a terminal.
    assert!(!err.contains('\r') && !err.contains("drafting"), "{err}");
    // Each draft imports as it is.
    for f in ["a.toml", "b.toml"] {
        let path = out_dir.join(f);
        let out = env.run(&["import", "--dry-run", path.to_str().unwrap()]);
        assert!(out.status.success(), "{f}: {}", stderr(&out));
    }
}

#[test]
fn the_summary_is_a_table_for_people_and_csv_for_programs() {
    let env = TestEnv::new();
    pages(&env);
    std::fs::remove_file(env.dir.path().join("pages/bad.txt")).unwrap();
    let out = env.run(&[
        "draft",
        "pages",
        "--out-dir",
        "t",
        "--published",
        "2024-03-06",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    for header in [
        "article",
        "event",
        "date",
        "place",
        "project count",
        "signed amount",
    ] {
        assert!(lines[0].contains(header), "{header}: {table}");
    }
    assert!(lines[0].contains("named projects") && lines[0].contains("notes to check"));
    let a = lines.iter().find(|l| l.contains("pages/a.txt")).unwrap();
    for cell in [
        "缙云县2024年第一季度招商引资项目集中签约活动",
        "2024-03-05",
        "28",
        "266億",
    ] {
        assert!(a.contains(cell), "{cell}: {a}");
    }
    let b = lines.iter().find(|l| l.contains("pages/b.html")).unwrap();
    assert!(b.contains("逾86億") && b.contains("莲都区"), "{b}");
    assert!(stderr(&out).contains("drafted 2 of 2 articles into t"));
    // In Chinese, and as CSV with the fields of docs/output.md.
    let zh = env.run(&[
        "--lang",
        "zh",
        "draft",
        "pages",
        "--out-dir",
        "z",
        "--published",
        "2024-03-06",
    ]);
    assert!(
        stdout(&zh).lines().next().unwrap().contains("待核对"),
        "{}",
        stdout(&zh)
    );
    let csv = env.run(&[
        "draft",
        "pages",
        "--out-dir",
        "c",
        "--published",
        "2024-03-06",
        "--summary",
        "csv",
    ]);
    let text = stdout(&csv);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("article,draft,kind,event,date,from,to,place,project_count"));
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/output.md"))
            .unwrap();
    let documented = format!(
        "- `draft --out-dir` (its `--summary` table, one row per article): `{}`.",
        header.split(',').collect::<Vec<_>>().join("`, `")
    );
    assert!(
        docs.contains(&documented),
        "docs/output.md lacks or differs from:\n{documented}"
    );
    assert!(lines.next().unwrap().contains(",26600000000,"), "{text}");
}

#[test]
fn nothing_is_written_when_an_output_exists_until_force() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    std::fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("b.html"), page()).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/b.txt"), "mine").unwrap();
    let args = [
        "draft",
        "a.txt",
        "b.html",
        "--out-dir",
        "out",
        "--published",
        "2024-03-06",
    ];
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("out/b.txt exists"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(
        !dir.join("out/a.toml").exists(),
        "nothing written, a.toml included"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out/b.txt")).unwrap(),
        "mine"
    );
    let out = env.run(&[&args[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("out/a.toml").is_file());
    assert!(
        std::fs::read_to_string(dir.join("out/b.txt"))
            .unwrap()
            .contains("莲都区")
    );
    // The articles' own folder: a draft's text would be an article; never, even with --force.
    let out = env.run(&[
        "draft",
        "a.txt",
        "b.html",
        "--out-dir",
        ".",
        "--published",
        "2024-03-06",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a.txt exists and is an article"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("b.toml").exists(), "nothing written");
    assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), ARTICLE);
    // Two articles of one name would share their files.
    std::fs::write(dir.join("b.txt"), ARTICLE).unwrap();
    let out = env.run(&[
        "draft",
        "b.txt",
        "b.html",
        "--out-dir",
        "two",
        "--published",
        "2024-03-06",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("would both be drafted to two/b.toml"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("two").exists(), "not even the folder");
}

#[test]
fn a_symlink_at_an_output_path_is_refused_even_with_force() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    std::fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("victim"), "keep me").unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    std::os::unix::fs::symlink(dir.join("victim"), dir.join("out/a.toml")).unwrap();
    for extra in [&[][..], &["--force"]] {
        let args = [
            "draft",
            "a.txt",
            "--out-dir",
            "out",
            "--published",
            "2024-03-06",
        ];
        let out = env.run(&[&args[..], extra].concat());
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("out/a.toml is a symlink"),
            "{}",
            stderr(&out)
        );
        assert!(
            !dir.join("out/a.txt").exists(),
            "{extra:?}: nothing written"
        );
    }
    // A dangling one too, and with -o.
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("one.txt")).unwrap();
    let out = env.run(&[
        "draft",
        "a.txt",
        "-o",
        "one.toml",
        "--published",
        "2024-03-06",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Refused as a link, whichever check meets it first (a link to nothing is named as such).
    let err = stderr(&out);
    assert!(
        err.contains("one.txt is a symlink") || err.contains("one.txt: a symbolic link"),
        "{err}"
    );
    assert!(!dir.join("nowhere").exists() && !dir.join("one.toml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("victim")).unwrap(),
        "keep me"
    );
}

#[test]
fn what_needs_out_dir_or_names_one_article_is_a_usage_error() {
    let env = TestEnv::new();
    pages(&env);
    let cases: [(&[&str], &str); 6] = [
        (&["pages/a.txt", "pages/b.html"], "--out-dir"),
        (&["pages"], "is a folder"),
        (&["pages/a.txt", "--preview"], "-o FILE"),
        (
            &[
                "pages/a.txt",
                "pages/b.html",
                "--out-dir",
                "o",
                "--url",
                "https://x",
            ],
            "--url",
        ),
        (&["-", "--out-dir", "o"], "stdin"),
        (&["pages/a.txt", "--summary", "csv"], "--out-dir"),
    ];
    for (args, expected) in cases {
        let out = env.run(&[&["draft"][..], args, &["--published", "2024-03-06"]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!env.dir.path().join("o").exists());
    }
}

/// The text of an element's descendants, entities decoded, tags dropped.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `data-kind` of every mark in the article, and the notes' outlined marks.
fn kinds(article: &str) -> Vec<String> {
    article
        .split("data-kind=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .flat_map(|k| k.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn the_preview_marks_every_kind_escapes_the_article_and_reads_whole() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    std::fs::write(dir.join("a.txt"), ARTICLE).unwrap();
    let out = env.run(&[
        "draft",
        "a.txt",
        "-o",
        "d.toml",
        "--published",
        "2024-03-06",
        "--preview",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page_path = dir.join("d.preview.html");
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert!(
        !page.to_lowercase().contains("<script"),
        "the article's script is text"
    );
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    let fetches = ["src=\"http", "href=\"http", "url(", "@import"];
    assert!(!fetches.iter().any(|f| page.contains(f)), "nothing fetched");
    assert!(page.contains("href=\"d.toml\""), "links its draft");
    if let Some(tidy) = need(&["tidy"]) {
        let out = Command::new(&tidy)
            .args(["-q", "-e"])
            .arg(&page_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let Some(chromium) = need(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let dom = dom(&chromium, &page_path);
    assert!(
        !dom.contains("<script"),
        "no script element in the loaded page"
    );
    let start = dom.find("<article id=\"text\">").expect("the article");
    let article = &dom[start..start + dom[start..].find("</article>").unwrap()];
    // Every paragraph of the article, in order and whole, and nothing else.
    let expected: String = ARTICLE.lines().collect();
    assert_eq!(text_of(article), expected);
    let found = kinds(article);
    for kind in [
        "event",
        "date",
        "place",
        "figure",
        "project",
        "company",
        "industry",
        "statistic",
        "period",
    ] {
        assert!(found.iter().any(|k| k == kind), "no {kind} mark: {found:?}");
    }
    let mark = |words: &str| {
        let end = article
            .find(&format!(">{words}<"))
            .unwrap_or_else(|| panic!("{words}"));
        let open = article[..end].rfind('<').unwrap();
        article[open..end].to_string()
    };
    assert!(
        mark("28个").contains("data-kind=\"figure\""),
        "{}",
        mark("28个")
    );
    assert!(mark("266亿元").contains("signed amount: 266亿元"));
    assert!(mark("3月5日").contains("data-kind=\"date\""));
    assert!(mark("今年以来").contains("data-kind=\"period\""));
    assert!(mark("年产10万吨新材料项目").contains("data-kind=\"project\""));
    // The project's company link is a note to check: outlined, numbered, its note in its title.
    let project = mark("年产10万吨新材料项目");
    assert!(
        project.contains("check") && project.contains("data-n="),
        "{project}"
    );
    assert!(
        project.contains("check: linked to the company"),
        "{project}"
    );
    assert!(
        dom.contains("id=\"note-"),
        "the notes listed beside the text"
    );
    // The figure no record uses is underlined.
    assert!(
        mark("15个").starts_with("<u class=\"unused\""),
        "{}",
        mark("15个")
    );
}
