//! Nothing lost, third round (issue 28): data lost or exposed (items 1–4), bounds, stale and
//! mixed site pages, foreign schema objects, migrations of foreign files and poor errors (items
//! 5, 7, 9, 11, 12; items 6 and 10 are in format2.rs), a saved page's text (item 8), impossible
//! facts (16), what `draft` writes (17), links on output, control characters and the messages
//! of an import (18). Each test here failed on main before the fix it guards. Process-level
//! tests on the real binary, and `draft`'s reader called directly.

mod common;

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{TestEnv, stderr, stdout};
use rusqlite::Connection;

/// Runs a command and kills it if it has not finished in time: a special file at a path must
/// never make the program wait forever.
fn finished(mut command: Command) -> Output {
    let mut child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{command:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `zhaoshang ARGS` with ZHAOSHANG_DB set to `db`, in the test's folder.
fn with_db(env: &TestEnv, db: &Path, args: &[&str]) -> Output {
    let mut command = env.command(args);
    command.env("ZHAOSHANG_DB", db);
    finished(command)
}

fn zhaoshang(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhaoshang"));
    command
        .current_dir(dir)
        .env_remove("ZHAOSHANG_DB")
        .args(args);
    finished(command)
}

fn is_catalogue(path: &Path) -> bool {
    let id: i64 = Connection::open(path)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    id == zhaoshang::store::APPLICATION_ID
}

// 1. A FIFO, device, directory, socket or symlink at the catalogue's path.
#[test]
fn a_special_file_at_the_catalogue_path_is_refused_by_kind_and_left_alone() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let fifo = dir.join("cat.db");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let folder = dir.join("folder.db");
    fs::create_dir(&folder).unwrap();
    let socket = dir.join("socket.db");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    // A device through a symlink: the test must never risk the machine's own /dev/null.
    let device = dir.join("device.db");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let to_fifo = dir.join("to-fifo.db");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    fs::write(dir.join("new.toml"), stdout(&env.run(&["template"]))).unwrap();
    let cases: [(&Path, &str); 5] = [
        (&fifo, "a FIFO"),
        (&folder, "a directory"),
        (&socket, "a socket"),
        (&device, "a character device"),
        (&to_fifo, "a FIFO"),
    ];
    for (path, kind) in cases {
        let before = fs::symlink_metadata(path).unwrap().file_type();
        for args in [
            &["events"][..],
            &["init"],
            &["check"],
            &["migrate", "--status"],
            &["import", "new.toml"],
        ] {
            let out = if args == ["init"] || args == ["check"] {
                zhaoshang(dir, &["--db", path.to_str().unwrap(), args[0]])
            } else {
                with_db(&env, path, args)
            };
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{path:?} {args:?}: {err}");
            assert!(err.contains(&path.display().to_string()), "{args:?}: {err}");
            assert!(err.contains(kind), "{path:?} {args:?}: {err}");
            let after = fs::symlink_metadata(path).unwrap().file_type();
            assert_eq!(before, after, "{path:?} {args:?}: the file was replaced");
        }
    }
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".creating"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_symlink_at_the_catalogue_path_is_followed_to_its_target() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let target = dir.join("t.db");
    fs::write(&target, b"").unwrap();
    let link = dir.join("link.db");
    std::os::unix::fs::symlink("t.db", &link).unwrap();
    let out = with_db(&env, &link, &["events"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("江津區"), "{}", stdout(&out));
    assert!(
        fs::symlink_metadata(&link).unwrap().is_symlink(),
        "the symlink was replaced"
    );
    assert!(is_catalogue(&target), "the target holds the catalogue");
    // Later commands read and write it through the link.
    let out = with_db(&env, &link, &["sources", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A dangling symlink is refused, and its target is not created.
    let dangling = dir.join("dangling.db");
    std::os::unix::fs::symlink("missing.db", &dangling).unwrap();
    for args in [&["events"][..], &["import", "-"]] {
        let out = with_db(&env, &dangling, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("dangling.db"), "{err}");
        assert!(err.contains("missing.db"), "{err}");
        assert!(!dir.join("missing.db").exists(), "the target was created");
        assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
    }
    let out = zhaoshang(dir, &["--db", "dangling.db", "init"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.join("missing.db").exists(), "init created the target");
}

/// A source file from the template: its own URL and title, its text in `text_file`.
fn source_with_text_file(path: &Path, name: &str, text_file: &str) {
    let env = TestEnv::new();
    let mut doc: toml::Value = toml::from_str(&stdout(&env.run(&["template"]))).unwrap();
    doc["source"]["url"] = format!("https://example.org/{name}").into();
    doc["source"]["title"] = name.into();
    let source = doc["source"].as_table_mut().unwrap();
    let text = source.remove("text").unwrap();
    source.insert("text_file".into(), text_file.into());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, toml::to_string(&doc).unwrap()).unwrap();
    // The text beside the file, for the cases that read it from there.
    fs::write(
        path.with_file_name(format!("{name}.txt")),
        text.as_str().unwrap(),
    )
    .unwrap();
}

fn source_count(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
        .unwrap()
}

// 2. `text_file` outside the source file's folder.
#[test]
fn a_text_file_outside_the_source_files_folder_is_refused() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = dir.join("articles");
    // The text every case would read, outside the source file's folder.
    source_with_text_file(&dir.join("secret.toml"), "secret", "secret.txt");
    fs::create_dir_all(&articles).unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), articles.join("link.txt")).unwrap();
    fs::create_dir_all(articles.join("folder.txt")).unwrap();
    let absolute = dir.join("secret.txt").display().to_string();
    let cases = [
        ("absolute", absolute.as_str(), "absolute"),
        ("parent", "../secret.txt", "outside"),
        ("deeper", "sub/../../secret.txt", "outside"),
        ("symlink", "link.txt", "outside"),
        ("a-folder", "folder.txt", "not a regular file"),
    ];
    let before = source_count(&env.db());
    for (name, text_file, why) in cases {
        let file = articles.join(format!("{name}.toml"));
        source_with_text_file(&file, name, text_file);
        let out = env.run(&["import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        // file:line:column, the field, the path as written and why.
        assert!(
            err.contains(&format!("{}:", file.display())) && err.contains("source.text_file"),
            "{name}: {err}"
        );
        assert!(err.contains(text_file), "{name}: {err}");
        assert!(err.contains(why), "{name}: {err}");
        assert_eq!(
            source_count(&env.db()),
            before,
            "{name}: nothing is written"
        );
    }
    // Inside the folder, through a subfolder or a symlink that stays inside, is read.
    fs::create_dir_all(articles.join("texts/kept")).unwrap();
    source_with_text_file(&articles.join("texts/inside.toml"), "inside", "inside.txt");
    fs::rename(
        articles.join("texts/inside.txt"),
        articles.join("texts/kept/inside.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("kept/inside.txt", articles.join("texts/inside.txt")).unwrap();
    source_with_text_file(
        &articles.join("nested.toml"),
        "nested",
        "texts/../nested.txt",
    );
    for file in ["articles/texts/inside.toml", "articles/nested.toml"] {
        let out = env.run(&["import", file]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
    }
}
/// The file names the catalogue holds, by title.
fn stored_names(db: &Path) -> Vec<(String, String)> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT title, file_name FROM sources ORDER BY source_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_catalogue_stores_no_path_of_the_importing_users_folders() {
    let env = TestEnv::new();
    let work = env.dir.path().join("work");
    let elsewhere = env.dir.path().join("home/someone/articles");
    source_with_text_file(&elsewhere.join("away.toml"), "away", "away.txt");
    source_with_text_file(&work.join("sub/near.toml"), "near", "near.txt");
    source_with_text_file(&work.join("typed.toml"), "typed", "typed.txt");
    let db = work.join("c.db");
    let run = |args: &[&str]| {
        let mut command = env.command(args);
        command.current_dir(&work).env("ZHAOSHANG_DB", &db);
        finished(command)
    };
    let out = run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let away = elsewhere.join("away.toml");
    let near = work.join("sub/near.toml");
    for args in [
        &["import", away.to_str().unwrap()][..],
        &["import", near.to_str().unwrap()],
        &["import", "../work/typed.toml"],
    ] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let names = stored_names(&db);
    let of = |title: &str| {
        names
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, f)| f.clone())
            .unwrap()
    };
    assert_eq!(of("away"), "away.toml", "{names:?}");
    assert_eq!(of("near"), "sub/near.toml", "{names:?}");
    assert_eq!(of("typed"), "typed.toml", "{names:?}");
    let out = run(&["sources", "--format", "csv"]);
    let listed = stdout(&out);
    assert!(
        !listed.contains(env.dir.path().to_str().unwrap()),
        "{listed}"
    );
}

// A catalogue made before the fix holds absolute paths: the migration keeps their last part.
#[test]
fn a_migration_drops_the_folders_of_stored_absolute_paths() {
    let env = TestEnv::new();
    let db = env.dir.path().join("old.db");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first-release.db");
    fs::copy(fixture, &db).unwrap();
    Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE sources SET file_name = '/home/someone/private/jiangjin.toml'",
            [],
        )
        .unwrap();
    let out = zhaoshang(env.dir.path(), &["--db", db.to_str().unwrap(), "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names = stored_names(&db);
    assert!(!names.is_empty());
    for (_, file_name) in &names {
        assert_eq!(file_name, "jiangjin.toml");
    }
    let out = zhaoshang(env.dir.path(), &["--db", db.to_str().unwrap(), "check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// A source file from the template with the given URL (none: no `url`) and publisher; the
/// template's title and date, so that every file here has the same title and date.
fn article(env: &TestEnv, file: &str, url: Option<&str>, publisher: &str) -> PathBuf {
    let mut doc: toml::Value = toml::from_str(&stdout(&env.run(&["template"]))).unwrap();
    let source = doc["source"].as_table_mut().unwrap();
    match url {
        Some(url) => source.insert("url".into(), url.into()),
        None => source.remove("url"),
    };
    source.insert("publisher".into(), publisher.into());
    let path = env.dir.path().join(file);
    fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    path
}

fn events_of(db: &Path, publisher: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM events e JOIN sources s USING (source_id)
              WHERE s.publisher = ?1",
            [publisher],
            |r| r.get(0),
        )
        .unwrap()
}

// 3. Two articles with the same title and date.
#[test]
fn two_articles_with_one_title_and_date_but_two_urls_are_two_sources() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = article(&env, "a.toml", Some("https://a.example.org/1"), "甲报");
    let second = article(&env, "b.toml", Some("https://b.example.org/2"), "乙报");
    for file in [&first, &second] {
        let out = env.run(&["import", file.to_str().unwrap()]);
        assert!(out.status.success(), "{file:?}: {}", stderr(&out));
    }
    assert_eq!(source_count(&env.db()), 2);
    assert!(events_of(&env.db(), "甲报") > 0);
    assert!(events_of(&env.db(), "乙报") > 0);
    // Each is recognised by its URL: unchanged on a second import.
    let out = env.run(&["import", first.to_str().unwrap(), second.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 unchanged"), "{}", stderr(&out));

    // Replacing the second leaves the first whole.
    let changed = article(
        &env,
        "b2.toml",
        Some("https://b.example.org/2"),
        "乙报（修订）",
    );
    let out = env.run(&["import", changed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--replace"), "{}", stderr(&out));
    let out = env.run(&["import", "--replace", changed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(source_count(&env.db()), 2);
    assert!(
        events_of(&env.db(), "甲报") > 0,
        "the first article's facts"
    );
    assert!(events_of(&env.db(), "乙报（修订）") > 0);

    // Without a URL, the title and date identify a source: one such file is a third source,
    // and another with the same title and date is that one again.
    let bare = article(&env, "c.toml", None, "丙报");
    let out = env.run(&["import", bare.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(source_count(&env.db()), 3);
    let again = article(&env, "d.toml", None, "丁报");
    let out = env.run(&["import", again.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already catalogued"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}
// 4. `site --force` over the catalogue and over files it did not write.
#[test]
fn site_writes_only_over_pages_it_wrote() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    // The catalogue at a page's path inside the site's folder.
    fs::create_dir_all(dir.join("s/source")).unwrap();
    let db = dir.join("s/source/1.html");
    let db_arg = db.to_str().unwrap();
    let out = zhaoshang(dir, &["--db", db_arg, "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = fs::read(&db).unwrap();
    let out = zhaoshang(dir, &["--db", db_arg, "site", "s", "--force"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("1.html"), "{err}");
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the catalogue was overwritten"
    );
    assert!(!dir.join("s/index.html").exists(), "nothing is written");

    // A user's file at a page's path, in a folder that is not a site: refused even with --force.
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mine = dir.join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("index.html"), "my own page").unwrap();
    let out = env.run(&["site", "mine", "--force"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("index.html"), "{err}");
    assert_eq!(
        fs::read_to_string(mine.join("index.html")).unwrap(),
        "my own page"
    );
    // A hard link to the catalogue in a site's folder, at a page's path.
    let site = dir.join("site");
    let out = env.run(&["site", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.join("event/1.html");
    assert!(page.exists());
    fs::remove_file(&page).unwrap();
    fs::hard_link(env.db(), &page).unwrap();
    let before = fs::read(env.db()).unwrap();
    for args in [&["site", "site"][..], &["site", "site", "--force"]] {
        let out = env.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("event/1.html"), "{args:?}: {err}");
        assert_eq!(fs::read(env.db()).unwrap(), before, "{args:?}");
    }
    // Once the link is gone, the site writes its pages again, and a user's file beside them
    // that is not a page is kept.
    fs::remove_file(&page).unwrap();
    fs::write(site.join("notes.txt"), "mine").unwrap();
    let out = env.run(&["site", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(page.exists());
    assert_eq!(fs::read_to_string(site.join("notes.txt")).unwrap(), "mine");
    // The manifest lists the pages written.
    let listed = fs::read_to_string(site.join(".zhaoshang-site")).unwrap();
    assert!(listed.lines().any(|l| l == "event/1.html"), "{listed}");
}

const MAX_COUNT: u128 = 1_000_000;
const MAX_AMOUNT: u128 = 9_000_000_000_000;
const MAX_MEASURE: u128 = 9_000_000_000_000_000;

/// The figures of one extreme source: each as written digits (they may lie above a bound).
#[derive(Debug, Clone)]
struct Extremes {
    count: u128,
    amount: u128,
    band: u128,
    part: u128,
    measure: u128,
    events: usize,
}

impl Extremes {
    /// Whether import should accept every figure: each within its documented bound.
    fn within_bounds(&self) -> bool {
        // The bounds docs/format.md documents.
        let (count, amount, measure) = (MAX_COUNT, MAX_AMOUNT, MAX_MEASURE);
        self.count <= count
            && self.band <= count
            && self.part <= count
            && self.amount <= amount
            && self.measure <= measure
    }
}

/// A source of `events` ceremonies in one district, each stating the same extreme figures: a
/// headline count and amount, a band count, a breakdown, a project with an amount and a
/// capacity; and period statistics of the year with the same figures.
fn extreme_source(path: &Path, title: &str, x: &Extremes) -> String {
    let (n, a, b, p, m) = (x.count, x.amount, x.band, x.part, x.measure);
    let mut text = format!("{title}\n");
    let mut events = String::new();
    for i in 1..=x.events {
        let held = format!("1月{i}日,极值区举行第{i}次集中签约活动");
        let headline = format!("第{i}次共签约项目{n}个,总额{a}元");
        let band = format!("第{i}次10亿元以上项目{b}个");
        let second = format!("第{i}次二产项目{p}个、投资{a}元");
        let third = format!("第{i}次三产项目{p}个");
        let project = format!("第{i}号极值项目投资{a}元,年产{m}吨");
        for sentence in [&held, &headline, &band, &second, &third, &project] {
            text.push_str(sentence);
            text.push_str("。\n");
        }
        events.push_str(&format!(
            r#"
[[events]]
name = "极值区第{i}次集中签约活动"
place = "极值区"
date = "2024-01-{i:02}"
quote = "{held}"
project_count = {{ value = "{n}个", quote = "{headline}" }}
signed_amount = {{ value = "{a}元", quote = "{headline}" }}
bands = [{{ band = "10亿元以上", count = "{b}个", quote = "{band}" }}]
breakdowns = [{{ by = "sector", parts = [
  {{ name = "二产", count = "{p}个", amount = "{a}元", quote = "{second}" }},
  {{ name = "三产", count = "{p}个", quote = "{third}" }},
] }}]

[[events.projects]]
name = "第{i}号极值项目"
quote = "{project}"
amount = {{ value = "{a}元", quote = "{project}" }}
facts = [{{ kind = "capacity", label = "年产", value = "{m}吨", quote = "{project}" }}]
"#
        ));
    }
    let year = format!("2024年极值区签约项目{n}个,协议引资{a}元,10亿元以上项目{b}个");
    text.push_str(&year);
    text.push_str("。\n");
    let toml = format!(
        r#"format = 2

[source]
title = "{title}"
url = "https://example.org/extremes/{title}"
published = "2024-02-01"
script = "simplified"
text = """
{text}"""

[[places]]
name = "极值区"
kind = "district"
quote = "极值区举行第1次集中签约活动"
{events}
[[statistics]]
kind = "period_statistic"
place = "极值区"
metric = "agreed_investment"
value = "{a}元"
from = "2024-01-01"
to = "2024-12-31"
quote = "{year}"

[[statistics]]
kind = "period_statistic"
place = "极值区"
metric = "projects_signed"
value = "{n}个"
from = "2024-01-01"
to = "2024-12-31"
quote = "{year}"

[[statistics]]
kind = "period_statistic"
place = "极值区"
metric = "projects_in_band"
band = "10亿元以上"
value = "{b}个"
from = "2024-01-01"
to = "2024-12-31"
quote = "{year}"
"#
    );
    fs::write(path, &toml).unwrap();
    toml
}

/// Imports the extremes into a fresh catalogue holding the seed: a value above its bound is
/// refused naming the bound, with nothing written; every accepted value leaves `report
/// reconcile`, `report timeline` and `site` working.
fn import_extremes(x: &Extremes) -> Result<(), String> {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    if !out.status.success() {
        return Err(stderr(&out));
    }
    let file = env.dir.path().join("extremes.toml");
    // Two sources, so that each district and year sums the figures of both.
    let second = env.dir.path().join("extremes-2.toml");
    extreme_source(&file, "极值甲", x);
    extreme_source(&second, "极值乙", x);
    let before = source_count(&env.db());
    let out = env.run(&["import", "extremes.toml", "extremes-2.toml"]);
    let err = stderr(&out);
    if !x.within_bounds() {
        if out.status.code() != Some(1) {
            return Err(format!(
                "{x:?}: a value above its bound was accepted: {err}"
            ));
        }
        let named = ["1000000 projects", "9萬億", "9000萬億"]
            .iter()
            .any(|bound| err.contains(bound));
        if !named || !err.contains("extremes.toml:") {
            return Err(format!("{x:?}: the refusal names no bound or line: {err}"));
        }
        if source_count(&env.db()) != before {
            return Err(format!("{x:?}: something was written"));
        }
        return Ok(());
    }
    if !out.status.success() {
        return Err(format!("{x:?}: accepted values refused: {err}"));
    }
    for args in [
        &["report", "reconcile", "--format", "csv"][..],
        &["report", "timeline", "--format", "csv"],
        &["site", "site"],
    ] {
        let out = env.run(args);
        if !out.status.success() {
            return Err(format!("{x:?}: {args:?} failed: {}", stderr(&out)));
        }
    }
    Ok(())
}

/// A value near a bound: the bound itself, one above it, zero, or a power of ten up to 10²⁵.
fn near(bound: u128) -> impl Strategy<Value = u128> {
    prop_oneof![
        Just(bound),
        Just(bound + 1),
        Just(0),
        (0..=bound),
        (0u32..=25).prop_map(|k| 10u128.pow(k)),
    ]
}

use proptest::prelude::*;

// 5. Counts and amounts are bounded at import, and no report fails on what import accepts.
proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn no_report_fails_on_any_figure_import_accepts(
        count in near(MAX_COUNT),
        amount in near(MAX_AMOUNT),
        band in near(MAX_COUNT),
        part in near(MAX_COUNT),
        measure in near(MAX_MEASURE),
        events in 1usize..=3,
    ) {
        let x = Extremes { count, amount, band, part, measure, events };
        if let Err(why) = import_extremes(&x) {
            prop_assert!(false, "{}", why);
        }
    }
}

#[test]
fn a_count_above_its_bound_is_refused_with_file_line_field_and_bound() {
    let at_bounds = Extremes {
        count: MAX_COUNT,
        amount: MAX_AMOUNT,
        band: MAX_COUNT,
        part: MAX_COUNT,
        measure: MAX_MEASURE,
        events: 2,
    };
    import_extremes(&at_bounds).unwrap();
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cases = [
        (
            Extremes {
                count: 99_999_999_999_999_999_999,
                ..at_bounds.clone()
            },
            "events[0].project_count.value",
            "project_count = ",
            "1000000 projects",
        ),
        (
            Extremes {
                band: MAX_COUNT + 1,
                ..at_bounds.clone()
            },
            "events[0].bands[0].count",
            "bands = ",
            "1000000 projects",
        ),
        (
            Extremes {
                part: MAX_COUNT + 1,
                ..at_bounds.clone()
            },
            "events[0].breakdowns[0].parts[0].count",
            "name = \"二产\"",
            "1000000 projects",
        ),
        (
            Extremes {
                measure: MAX_MEASURE + 1,
                ..at_bounds.clone()
            },
            "events[0].projects[0].facts[0].value",
            "facts = ",
            "9000萬億",
        ),
    ];
    for (x, field, marker, bound) in cases {
        let file = env.dir.path().join("over.toml");
        let toml = extreme_source(&file, "极值", &x);
        let out = env.run(&["import", "over.toml"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{field}: {err}");
        let line = 1 + toml.lines().position(|l| l.contains(marker)).unwrap();
        assert!(
            err.contains(&format!("over.toml:{line}:")),
            "{field}: {err}"
        );
        assert!(err.contains(field), "{field}: {err}");
        assert!(err.contains(bound), "{field}: {err}");
        assert_eq!(source_count(&env.db()), 1, "{field}: nothing is written");
    }
}

/// The site's pages (and its search index, a script) under `dir`, by path relative to it.
fn pages_of(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if fs::symlink_metadata(&path).unwrap().is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "js") {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy();
                found.push(name.into_owned());
            }
        }
    }
    found.sort();
    found
}

// 7. Pages of records deleted since an earlier run.
#[test]
fn site_removes_pages_of_records_that_are_gone_and_nothing_else() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let template = stdout(&env.run(&["template"]));
    fs::write(dir.join("a.toml"), &template).unwrap();
    let out = env.run(&["import", "a.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["site", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.join("s");
    assert!(site.join("project/1.html").exists());
    assert!(site.join("company/1.html").exists());

    // Beside the site: files a hand-edited manifest names that are not the site's to delete.
    fs::write(dir.join("victim.html"), "mine").unwrap();
    fs::create_dir_all(dir.join("elsewhere")).unwrap();
    fs::write(dir.join("elsewhere/9.html"), "mine").unwrap();
    std::os::unix::fs::symlink(dir.join("victim.html"), site.join("project/7.html")).unwrap();
    std::os::unix::fs::symlink(dir.join("elsewhere"), site.join("linked")).unwrap();
    fs::create_dir_all(site.join("folder.html")).unwrap();
    let mut manifest = fs::read_to_string(site.join(".zhaoshang-site")).unwrap();
    let victim = dir.join("victim.html");
    for name in [
        "../victim.html",
        victim.to_str().unwrap(),
        "project/7.html",
        "linked/9.html",
        "folder.html",
    ] {
        manifest.push_str(name);
        manifest.push('\n');
    }
    fs::write(site.join(".zhaoshang-site"), manifest).unwrap();

    // The new version drops the project and its company.
    let start = template.find("[[events.projects]]").unwrap();
    let end = template.find("# Figures about a place").unwrap();
    let mut changed = format!("{}{}", &template[..start], &template[end..]);
    let company_start = changed.find("[[companies]]").unwrap();
    let company_end = changed.find("# Strategies.").unwrap();
    changed.replace_range(company_start..company_end, "");
    fs::write(dir.join("a.toml"), changed).unwrap();
    let out = env.run(&["import", "--replace", "a.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["site", "s"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!site.join("project/1.html").exists(), "{err}");
    assert!(!site.join("company/1.html").exists(), "{err}");
    // The project and its company; the park the project settled in stays, as the new version
    // still declares it (a fresh import of it has it too; schema V13 keeps the names a source
    // declares).
    assert!(
        err.contains("removed 2"),
        "the project and its company: {err}"
    );
    // Nothing outside the site or not a plain file was touched.
    assert_eq!(fs::read_to_string(&victim).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(dir.join("elsewhere/9.html")).unwrap(),
        "mine"
    );
    assert!(
        fs::symlink_metadata(site.join("project/7.html"))
            .unwrap()
            .is_symlink()
    );
    assert!(site.join("folder.html").is_dir());
    assert!(err.contains("project/7.html"), "{err}");
    // Every page left is one the manifest lists, and the manifest lists the pages written.
    let listed: Vec<String> = fs::read_to_string(site.join(".zhaoshang-site"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(String::from)
        .collect();
    let mut written = pages_of(&site);
    written.retain(|p| p != "project/7.html");
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(written, listed_sorted);
}

#[path = "../benches/support/synth.rs"]
#[allow(dead_code)] // the realistic generator is scale.rs's
mod synth;

/// Relative links in a page that lead to no file.
fn broken_links(site: &Path, page: &str) -> Vec<String> {
    let html = fs::read_to_string(site.join(page)).unwrap();
    let folder = site.join(page).parent().unwrap().to_path_buf();
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with(".html") && !href.contains("://"))
        .filter(|href| !folder.join(href).exists())
        .map(|href| format!("{page} → {href}"))
        .collect()
}

// 7. An import committed while `site` runs.
#[test]
fn site_shows_one_state_of_the_catalogue_while_an_import_commits() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut file = fs::File::create(dir.join("synth.jsonl")).unwrap();
    synth::generate(600, 11, &mut file).unwrap();
    drop(file);
    let out = env.run(&["import", "synth.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::write(dir.join("new.toml"), stdout(&env.run(&["template"]))).unwrap();

    let site = env
        .command(&["site", "s"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The manifest is written once the pages are planned, before the first page.
    let started = Instant::now();
    while !dir.join("s/.zhaoshang-site").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "site wrote nothing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // An import meanwhile: it commits at once, or waits for the site (and, waiting too long,
    // is refused and tried again).
    loop {
        let out = env.run(&["import", "new.toml"]);
        if out.status.success() {
            break;
        }
        // SQLite says "locked" or "busy" as the wait ends; either is the site's read.
        let err = stderr(&out);
        assert!(err.contains("locked") || err.contains("busy"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{}",
            stderr(&out)
        );
    }
    let out = site.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.join("s");
    let broken: Vec<String> = pages_of(&site)
        .iter()
        .flat_map(|page| broken_links(&site, page))
        .collect();
    assert!(
        broken.is_empty(),
        "{} broken links: {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
}

// 9. Schema objects the migrations did not make.
#[test]
fn check_lists_foreign_schema_objects_and_repair_drops_foreign_triggers() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    Connection::open(env.db())
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER \"ten \"\"times\"\"\" AFTER INSERT ON projects_sliced BEGIN
                 UPDATE projects_sliced SET amount_yuan = amount_yuan * 10
                  WHERE project_id = NEW.project_id;
             END;
             CREATE TABLE my_notes (note TEXT);
             CREATE INDEX my_index ON projects_sliced (name);
             CREATE VIEW my_view AS SELECT name FROM projects;",
        )
        .unwrap();
    let out = env.run(&["check"]);
    let listed = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{listed}{}", stderr(&out));
    for object in [
        "schema trigger ten \"times\"",
        "schema table my_notes",
        "schema index my_index",
        "schema view my_view",
    ] {
        assert!(listed.contains(object), "{object}: {listed}");
    }
    let out = env.run(&["check", "--repair"]);
    let err = stderr(&out);
    assert!(
        err.contains("trigger ten \"times\" on projects_sliced: dropped"),
        "{err}"
    );
    // The user's table, index and view stay, and check still lists them.
    assert_eq!(out.status.code(), Some(1), "{err}");
    let listed = stdout(&out);
    assert!(!listed.contains("schema trigger"), "{listed}");
    assert!(listed.contains("schema table my_notes"), "{listed}");
    // The next import stores the amounts its file states.
    fs::write(
        env.dir.path().join("new.toml"),
        stdout(&env.run(&["template"])),
    )
    .unwrap();
    let out = env.run(&["import", "new.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let amount: i64 = Connection::open(env.db())
        .unwrap()
        .query_row("SELECT amount_yuan FROM projects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(amount, 1_000_000_000, "10亿元");
}

/// The schema of a database file: (type, name), sorted.
fn schema_names(db: &Path) -> Vec<(String, String)> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT type, name FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

// 11. Another program's file that carries our application id, or holds only a view.
#[test]
fn a_file_with_a_schema_but_no_migration_history_is_refused_untouched() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    fs::write(dir.join("new.toml"), stdout(&env.run(&["template"]))).unwrap();
    let cases = [
        (
            "marked.db",
            "PRAGMA application_id = 1514689351; CREATE TABLE notes (x); INSERT INTO notes VALUES (1);",
            "notes",
        ),
        ("view.db", "CREATE VIEW places AS SELECT 1 AS x;", "places"),
    ];
    for (name, sql, object) in cases {
        let db = dir.join(name);
        Connection::open(&db).unwrap().execute_batch(sql).unwrap();
        let before = fs::read(&db).unwrap();
        for args in [
            &["migrate"][..],
            &["events"],
            &["import", "new.toml"],
            &["check"],
        ] {
            let mut all = vec!["--db", name];
            all.extend(args);
            let out = zhaoshang(dir, &all);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{name} {args:?}: {err}");
            assert!(
                err.contains("not a zhaoshang catalogue"),
                "{name} {args:?}: {err}"
            );
            assert!(err.contains(object), "{name} {args:?}: {err}");
            assert_eq!(
                fs::read(&db).unwrap(),
                before,
                "{name} {args:?}: the file changed"
            );
        }
    }
}

// 11. A migration that fails part-way.
#[test]
fn a_failed_migration_changes_nothing_and_says_why_in_one_line() {
    let env = TestEnv::new();
    let db = env.dir.path().join("old.db");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first-release.db");
    fs::copy(fixture, &db).unwrap();
    // A table a later migration makes, added by hand: that migration fails.
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE search_pairs (x)")
        .unwrap();
    let before = schema_names(&db);
    for _ in 0..2 {
        let out = zhaoshang(env.dir.path(), &["--db", "old.db", "migrate"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("old.db"), "{err}");
        assert!(err.contains("search_pairs already exists"), "{err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert!(
            err.lines().count() == 1 && err.len() < 300 && !err.contains("CREATE"),
            "{} bytes: {}",
            err.len(),
            &err[..err.len().min(600)]
        );
        assert_eq!(schema_names(&db), before, "the schema changed");
    }
    let versions: Vec<i64> = Connection::open(&db)
        .unwrap()
        .prepare("SELECT version FROM refinery_schema_history ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(versions, [1, 2]);
}

/// The template with its own URL and title, and more projects of its event: (name, TOML lines).
fn with_projects(env: &TestEnv, file: &str, title: &str, projects: &[(&str, &str)]) -> String {
    let mut toml = stdout(&env.run(&["template"]))
        .replace(
            "https://example.org/2024/0115/signing.html",
            &format!("https://example.org/{title}"),
        )
        .replacen(
            "title = \"示例区举行招商引资项目集中签约活动 3个项目携12.5亿元落户\"",
            &format!("title = \"{title}\""),
            1,
        );
    for (name, lines) in projects {
        toml.push_str(&format!(
            "\n[[events.projects]]\nname = \"{name}\"\nquote = \"投资10亿元的年产5万吨新材料项目\"\n{lines}\n"
        ));
    }
    fs::write(env.dir.path().join(file), &toml).unwrap();
    toml
}

/// The 1-based line of the `n`th line holding `text`.
fn line_of(toml: &str, text: &str, n: usize) -> usize {
    toml.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(text))
        .nth(n)
        .unwrap()
        .0
        + 1
}

/// `import FILE` is refused, with and without --dry-run, with each expected `file:line:` and
/// field, no raw SQLite message, and nothing written.
fn refused(env: &TestEnv, file: &str, expected: &[(usize, &str, &str)]) {
    let before = source_count(&env.db());
    for args in [&["import", "--dry-run", file][..], &["import", file]] {
        let out = env.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("constraint failed"), "{args:?}: {err}");
        assert!(err.contains("nothing was written"), "{args:?}: {err}");
        for (line, field, words) in expected {
            let at = format!("{file}:{line}:");
            let found = err
                .lines()
                .any(|l| l.contains(&at) && l.contains(field) && l.contains(words));
            assert!(found, "{args:?}: {at} {field} {words}: {err}");
        }
        assert_eq!(source_count(&env.db()), before, "{args:?}");
    }
}

// 12. Duplicate keys and two mentions of one project: file, line and field, nothing written.
#[test]
fn duplicate_project_keys_and_mentions_are_refused_with_file_line_and_field() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // One key for two projects of one file.
    let toml = with_projects(
        &env,
        "twice.toml",
        "两个项目一个键",
        &[("甲项目", "key = \"k\""), ("乙项目", "key = \"k\"")],
    );
    refused(
        &env,
        "twice.toml",
        &[(
            line_of(&toml, "key = \"k\"", 1),
            "events[0].projects[2].key",
            "events[0].projects[1]",
        )],
    );

    // A key another source's project has.
    with_projects(&env, "first.toml", "首发", &[("甲项目", "key = \"k\"")]);
    let out = env.run(&["import", "first.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = with_projects(&env, "again.toml", "再用此键", &[("丙项目", "key = \"k\"")]);
    refused(
        &env,
        "again.toml",
        &[(
            line_of(&toml, "key = \"k\"", 0),
            "events[0].projects[1].key",
            "首发",
        )],
    );

    // Two projects of one source that are the same catalogued project: by key twice, and by
    // key and by source and name.
    let toml = with_projects(
        &env,
        "same.toml",
        "同一项目两次",
        &[
            ("丁项目", "same_as = { key = \"k\" }"),
            ("戊项目", "same_as = { key = \"k\" }"),
            (
                "己项目",
                "same_as = { source = \"https://example.org/首发\", name = \"甲项目\" }",
            ),
        ],
    );
    refused(
        &env,
        "same.toml",
        &[
            (
                line_of(&toml, "same_as = { key = \"k\" }", 1),
                "events[0].projects[2].same_as",
                "events[0].projects[1]",
            ),
            (
                line_of(&toml, "same_as = { source", 0),
                "events[0].projects[3].same_as",
                "events[0].projects[1]",
            ),
        ],
    );
}

// 13. Names from a file in messages: escaped as tables escape them.
#[test]
fn messages_escape_control_and_bidi_characters_of_names() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let template = stdout(&env.run(&["template"]));
    let hostile = "示例\\u001b]0;pwned\\u0007\\u202e新材料有限公司";
    // An error: the name holds an invisible character.
    let refused = template.replacen(
        "name = \"示例新材料有限公司\"",
        &format!("name = \"{hostile}\""),
        1,
    );
    fs::write(env.dir.path().join("refused.toml"), refused).unwrap();
    // Warnings and notes: a file accepted, whose name holds ESC and a bidi override, quoted by
    // its places' warnings and by the line saying what it added.
    let accepted = "accepted\u{1b}[2J\u{202e}.toml";
    fs::write(env.dir.path().join(accepted), &template).unwrap();
    for (file, code) in [("refused.toml", 1), (accepted, 0)] {
        let out = env.run(&["import", file]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{file}: {err}");
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!err.contains(raw), "{file}: raw {raw:?} in {err:?}");
        }
        assert!(err.contains("\\u{1b}"), "{file}: {err}");
    }
}

// 14. `sql`: statements classified by SQLite, not by their first word.
#[test]
fn sql_refuses_what_a_comment_or_spacing_disguises() {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let refused = [
        ("/* x */ PRAGMA soft_heap_limit=0", "PRAGMA soft_heap_limit"),
        ("-- a comment\nPRAGMA query_only = 0", "PRAGMA query_only"),
        ("SAVEPOINT a", "SAVEPOINT"),
        ("/**/ RELEASE a", "RELEASE"),
        ("/* x */ BEGIN", "BEGIN"),
        ("\n\t/* x */ ATTACH 'other.db' AS other", "ATTACH"),
        ("/* x */ DETACH other", "DETACH"),
    ];
    for (sql, what) in refused {
        let out = env.run(&["sql", "--", sql]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{sql}: {err}");
        assert!(
            err.contains("refused: `sql` only reads the catalogue") && err.contains(what),
            "{sql}: {err}"
        );
    }
    assert!(!env.dir.path().join("other.db").exists());
    // Reads still run, comments and all.
    for sql in [
        "/* how many */ SELECT count(*) FROM projects",
        "-- recursive\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3) SELECT x FROM c",
        "VALUES (1), (2)",
        "EXPLAIN SELECT 1",
        "SELECT name FROM pragma_table_info('projects')",
    ] {
        let out = env.run(&["sql", "--format", "csv", "--", sql]);
        assert!(out.status.success(), "{sql}: {}", stderr(&out));
    }
}

/// `zhaoshang ARGS` in the test's folder with files limited to `bytes` (`ulimit -f`).
fn with_file_size_limit(env: &TestEnv, db: &str, bytes: u64, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = env.command(args);
    command.env("ZHAOSHANG_DB", db);
    // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    finished(command)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// 15. `:memory:`, a file-size limit during creation and during an import.
#[test]
fn a_memory_name_or_a_file_size_limit_is_an_error_that_leaves_nothing_behind() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let out = with_db(&env, Path::new(":memory:"), &["events"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(":memory:") && err.contains("file"), "{err}");
    assert!(names_in(dir).is_empty(), "{:?}", names_in(dir));

    // Creation: the limit is met half-way through building the catalogue.
    let out = with_file_size_limit(&env, "n.db", 200_000, &["init"]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "killed without a word? {:?}",
        out.status
    );
    assert!(
        err.contains("file-size limit") && err.contains("n.db"),
        "{err}"
    );
    assert!(names_in(dir).is_empty(), "{:?}", names_in(dir));

    // An import that would grow the catalogue past the limit: refused, the catalogue as it was.
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let db = env.db();
    let mut file = fs::File::create(dir.join("synth.jsonl")).unwrap();
    synth::generate(300, 5, &mut file).unwrap();
    drop(file);
    let before = fs::read(&db).unwrap();
    let limit = before.len() as u64 + 4096;
    let out = with_file_size_limit(
        &env,
        db.to_str().unwrap(),
        limit,
        &["import", "synth.jsonl"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{:?}: {err}", out.status);
    assert!(
        err.contains("file-size limit") && err.contains("nothing was written"),
        "{err}"
    );
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(source_count(&db), 1);
}

/// The template with the event's figures and the project's amount written as given, the
/// sentence that states them added to the text.
fn with_figures(
    env: &TestEnv,
    file: &str,
    count: &str,
    signed: &str,
    amount: &str,
    alternatives: &[&str],
) {
    let sentence = format!(
        "共签约项目{count}，总额{signed}，其中一个项目{amount}，另称{}",
        alternatives.join("、")
    );
    let alts: Vec<String> = alternatives
        .iter()
        .map(|a| format!("{{ value = \"{a}\", quote = \"{sentence}\" }}"))
        .collect();
    let toml = stdout(&env.run(&["template"]))
        .replacen("示例区举行招商引资项目集中签约活动 3个项目携12.5亿元落户\n1月15日", &format!("示例区举行招商引资项目集中签约活动 3个项目携12.5亿元落户\n{sentence}。\n1月15日"), 1)
        .replace(
            "project_count = { value = \"3个\", quote = \"共有3个项目携12.5亿元落户示例区\" }",
            &format!("project_count = {{ value = \"{count}\", quote = \"{sentence}\", alternatives = [{}] }}", alts.join(", ")),
        )
        .replace(
            "signed_amount = { value = \"12.5亿元\", quote = \"共有3个项目携12.5亿元落户示例区\" }",
            &format!("signed_amount = {{ value = \"{signed}\", quote = \"{sentence}\" }}"),
        )
        .replace(
            "amount = { value = \"10亿元\", quote = \"投资10亿元的年产5万吨新材料项目\" }",
            &format!("amount = {{ value = \"{amount}\", quote = \"{sentence}\" }}"),
        );
    assert!(toml.contains(&format!("value = \"{amount}\"")), "{toml}");
    fs::write(env.dir.path().join(file), toml).unwrap();
}

// 16. Figures in characters and full-width digits are read; impossible ones are refused, saying why.
#[test]
fn figures_in_characters_and_full_width_digits_are_read_and_impossible_ones_refused() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    with_figures(
        &env,
        "read.toml",
        "一百零八个",
        "二百六十六亿元",
        "２６６亿元",
        &["壹佰个", "〇个", "一〇八个"],
    );
    let out = env.run(&["import", "read.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = Connection::open(env.db()).unwrap();
    let (count, signed): (i64, i64) = c
        .query_row(
            "SELECT project_count, signed_amount_yuan FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, signed), (108, 26_600_000_000));
    let amount: i64 = c
        .query_row("SELECT amount_yuan FROM projects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(amount, 26_600_000_000);
    let alternatives: Vec<f64> = c
        .prepare("SELECT value FROM alternative_figures ORDER BY alternative_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(alternatives, [100.0, 0.0, 108.0]);

    let zeros = format!("1.{}1亿元", "0".repeat(29));
    let cases = [
        (
            "近0个",
            "12亿元",
            "10亿元",
            "events[0].project_count.value",
            "less than zero",
        ),
        (
            "3个",
            "12亿元",
            "不足0元",
            "events[0].projects[0].amount.value",
            "less than zero",
        ),
        (
            "3个",
            "12亿元",
            zeros.as_str(),
            "events[0].projects[0].amount.value",
            "30 digits after the decimal point; a figure has at most 12",
        ),
    ];
    for (count, signed, amount, field, why) in cases {
        with_figures(&env, "bad.toml", count, signed, amount, &[]);
        let out = env.run(&["import", "bad.toml"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{amount}: {err}");
        assert!(
            err.contains("bad.toml:") && err.contains(field) && err.contains(why),
            "{amount}: {err}"
        );
    }
}

/// The text `draft` reads from a saved page: the title line, then a paragraph a line.
fn page_lines(html: &str) -> Vec<String> {
    let article = zhaoshang::draft::input::read(html.as_bytes(), None).unwrap();
    article.text.lines().map(str::to_string).collect()
}

const PAGE_HEAD: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
    <meta name=\"publishdate\" content=\"2023-03-02 10:00:00\">\
    <title>福山区16个项目集中签约_烟台市福山区人民政府</title>";

const LEAD: &str =
    "3月1日，烟台市福山区招商引资项目集中签约仪式举行，16个项目现场签约，总投资162亿元。";
const SECOND: &str =
    "此次签约的16个项目涵盖高端装备、新材料、生物医药等领域，投产后将壮大全区主导产业集群。";
const THIRD: &str = "仪式上，各项目落地街道、园区主要负责人与客商代表分别签订了投资协议。";

// 8. A government page: paragraphs separated by <br>, chrome and scripts around them.
#[test]
fn a_page_of_br_separated_paragraphs_keeps_them_and_drops_scripts_styles_and_chrome() {
    let html = format!(
        "{PAGE_HEAD}<style>.content {{ font-size: 16px }}</style>\
         <script>var stats = \"共有99个项目携999亿元\";</script></head><body>\
         <header><div class=\"logo\">烟台市福山区人民政府</div></header>\
         <nav><a href=\"/\">网站首页</a> | <a href=\"/zwgk/\">政务公开</a></nav>\
         <div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; 福山要闻</div>\
         <div class=\"article\"><h1>福山区16个项目集中签约</h1>\
         <div class=\"content\">\n　　{LEAD}<br>\n　　{SECOND}<br/>&nbsp;&nbsp;{THIRD}<br></div></div>\
         <aside>热点新闻：另一条新闻的标题。</aside><noscript>请开启浏览器的脚本功能。</noscript>\
         <footer>版权所有：烟台市福山区人民政府 备案号：鲁ICP备0000号</footer>\
         <script>document.write(\"共有99个项目携999亿元\");</script></body></html>"
    );
    let lines = page_lines(&html);
    assert_eq!(lines, ["福山区16个项目集中签约", LEAD, SECOND, THIRD]);

    // The draft takes its figures from the article, not from the script.
    let env = TestEnv::new();
    fs::write(env.dir.path().join("page.html"), &html).unwrap();
    let out = env.run(&["draft", "page.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = stdout(&out);
    assert!(
        !draft.contains("99个") && !draft.contains("999亿"),
        "{draft}"
    );
    assert!(draft.contains("162亿元"), "{draft}");
}

// 8. The lead in one container, the rest in its sibling.
#[test]
fn paragraphs_in_sibling_containers_are_kept_in_document_order() {
    let body: String = (1..=6)
        .map(|n| format!("<p>第{n}段。{SECOND}{THIRD}</p>"))
        .collect();
    let html = format!(
        "{PAGE_HEAD}</head><body><div class=\"nav\"><ul><li><a href=\"/\">首页</a></li>\
         <li><a href=\"/news/\">新闻</a></li></ul></div>\
         <div class=\"article\"><h1>福山区16个项目集中签约</h1>\
         <div class=\"info\">2023-03-02 10:00 来源：福山区融媒体中心</div>\
         <div class=\"summary\"><p>{LEAD}</p></div><div class=\"body\">{body}</div>\
         <div class=\"share\"><a href=\"#\">微信</a> <a href=\"#\">微博</a></div></div>\
         <div class=\"related\"><a href=\"/1\">相关新闻一</a><a href=\"/2\">相关新闻二</a></div>\
         </body></html>"
    );
    let lines = page_lines(&html);
    assert_eq!(lines.len(), 8, "{lines:#?}");
    assert_eq!(lines[1], LEAD, "{lines:#?}");
    for (n, line) in lines[2..].iter().enumerate() {
        assert!(line.starts_with(&format!("第{}段。", n + 1)), "{lines:#?}");
    }
    // A heading left open holds the whole article: the page's <title> is the title then.
    let unclosed = page_lines(&html.replace("</h1>", ""));
    assert_eq!(unclosed[0], "福山区16个项目集中签约_烟台市福山区人民政府");
    assert_eq!(unclosed[1..], lines[1..], "{unclosed:#?}");
}

/// A page whose article is `depth` elements deep, and one of `depth` nested `<div><p>`s.
fn deep_pages(depth: usize) -> [String; 2] {
    let nested = format!(
        "{PAGE_HEAD}</head><body>{}<p>{LEAD}</p>{SECOND}<br>{THIRD}{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let chained = format!(
        "{PAGE_HEAD}</head><body><p>{LEAD}</p>{}</body></html>",
        "<div><p>段落。</p>".repeat(depth)
    );
    [nested, chained]
}

// 8. Deep nesting: read in work that grows with the page, not with its square.
#[test]
fn a_deeply_nested_page_is_read_whole_in_work_linear_in_its_size() {
    let [nested, chained] = deep_pages(3000);
    assert_eq!(
        page_lines(&nested),
        [
            "福山区16个项目集中签约_烟台市福山区人民政府",
            LEAD,
            SECOND,
            THIRD
        ]
    );
    let lines = page_lines(&chained);
    assert_eq!(lines.len(), 3002, "{:?}", &lines[..3]);
    assert_eq!(lines[1], LEAD);

    use zhaoshang::draft::input::html_steps;
    for (small, large) in deep_pages(2000).iter().zip(deep_pages(8000).iter()) {
        let (a, b) = (html_steps(small), html_steps(large));
        // Four times the page: about four times the work (the square would be sixteen).
        assert!(b < a * 5, "{a} steps, then {b} for four times the depth");
        assert!(b < large.len(), "{b} steps for {} bytes", large.len());
    }
}

/// The template with `sentence` added to its text and each (from, to) replacement made.
fn template_with(env: &TestEnv, file: &str, sentence: &str, edits: &[(&str, &str)]) {
    let mut toml = stdout(&env.run(&["template"])).replacen(
        "示例区聚焦“一主两辅”产业布局",
        &format!("{sentence}\n示例区聚焦“一主两辅”产业布局"),
        1,
    );
    for (from, to) in edits {
        assert!(toml.contains(from), "{from}");
        toml = toml.replacen(from, to, 1);
    }
    fs::write(env.dir.path().join(file), toml).unwrap();
}

// 16. A company or industry that is its own ancestor; an event long after its article.
#[test]
fn a_parent_cycle_and_an_event_years_after_its_article_are_refused() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sentence = "示例新材料有限公司是示例集团的子公司,示例集团是示例新材料有限公司的子公司。\
                    新材料产业属于材料产业,材料产业属于新材料产业。";
    let group = "[[companies]]\nname = \"示例集团\"\nname_kind = \"group\"\nquote = \"示例集团\"\n\
                 parent = { name = \"示例新材料有限公司\", relation = \"subsidiary\", \
                 quote = \"示例集团是示例新材料有限公司的子公司\" }\n\n";
    template_with(
        &env,
        "cycle.toml",
        sentence,
        &[
            (
                "home_city = { name = \"示例区\", basis = \"inferred\", quote = \"示例新材料有限公司\" }\n",
                &format!(
                    "parent = {{ name = \"示例集团\", relation = \"subsidiary\", quote = \
                     \"示例新材料有限公司是示例集团的子公司\" }}\n\n{group}"
                ),
            ),
            (
                "name = \"新材料\"\nquote = \"年产5万吨新材料项目\"\n",
                "name = \"新材料\"\nquote = \"年产5万吨新材料项目\"\nparent = \"材料\"\n\n\
                 [[industries]]\nname = \"材料\"\nquote = \"材料产业\"\nparent = \"新材料\"\n",
            ),
        ],
    );
    let out = env.run(&["import", "cycle.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("companies[0].parent.name")
            && err.contains("示例新材料有限公司 → 示例集团 → 示例新材料有限公司")
            && err.contains("no company can be its own ancestor"),
        "{err}"
    );
    assert!(
        err.contains("industries[0].parent")
            && err.contains("新材料 → 材料 → 新材料")
            && err.contains("no industry can be its own ancestor"),
        "{err}"
    );

    // 2999: refused. Five days after publication: accepted, with a word.
    for (date, code, said) in [
        (
            "2999-01-15",
            1,
            "975 years after its article was published (2024-01-15)",
        ),
        (
            "2024-01-20",
            0,
            "after its article was published (2024-01-15)",
        ),
    ] {
        template_with(
            &env,
            "late.toml",
            "",
            &[("date = \"2024-01-15\"", &format!("date = \"{date}\""))],
        );
        let out = env.run(&["import", "--dry-run", "late.toml"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{date}: {err}");
        assert!(
            err.contains("events[0].date") && err.contains(said),
            "{date}: {err}"
        );
    }
}

/// `zhaoshang draft FILE --published 2023-03-05` on `text` (bytes as given) in a new folder:
/// the output, and the draft parsed as TOML when it is.
fn draft_of(env: &TestEnv, file: &str, text: &[u8]) -> (Output, String) {
    fs::write(env.dir.path().join(file), text).unwrap();
    let out = env.run(&["draft", file, "--published", "2023-03-05"]);
    let toml = stdout(&out);
    (out, toml)
}

const SIGNING: &str = "福山区举行招商引资项目集中签约活动\n\
    3月1日，烟台市福山区举行招商引资项目集中签约活动，共签约项目16个，总投资162亿元。\n";

// 17. An impossible day; an investment phrase before a company's name.
#[test]
fn draft_notes_an_impossible_date_and_keeps_an_investment_phrase_out_of_company_names() {
    let env = TestEnv::new();
    let text = "福山区举行招商引资项目集中签约活动\n\
        ２月３０日，烟台市福山区举行招商引资项目集中签约活动，共签约项目16个，总投资162亿元。\n\
        其中，投资52亿元设立烟台恒达新材料有限公司，总投资30亿元烟台万盛化工有限公司年产5万吨项目落户福山。\n";
    let (out, draft) = draft_of(&env, "a.txt", text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!draft.contains("2023-02-30"), "{draft}");
    assert!(
        draft.contains("# check: `２月３０日` is no day of 2023"),
        "{draft}"
    );
    let file: toml::Value = toml::from_str(&draft).unwrap();
    let companies: Vec<&str> = file["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        companies,
        ["烟台恒达新材料有限公司", "烟台万盛化工有限公司"],
        "{draft}"
    );
}

// 17. Control characters in the article and a newline in its path: the draft is still TOML.
#[test]
fn a_draft_is_valid_toml_whatever_the_article_or_its_path_holds() {
    let env = TestEnv::new();
    let text = format!("{SIGNING}同日，\u{1}另有5个项目集中开工，\u{b}总投资20亿元。\u{7f}\n");
    let path = "article\nformat = 9\n[source]\n#.txt";
    let (out, draft) = draft_of(&env, path, text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let file: toml::Value = toml::from_str(&draft).unwrap_or_else(|e| panic!("{e}\n{draft}"));
    // the current format (3), not the one the path tries to slip in
    assert_eq!(file["format"].as_integer(), Some(3), "{draft}");
    assert!(draft.starts_with("# Drafted by `zhaoshang draft` from article\\nformat = 9"));
    assert!(draft.contains("# check: 3 control characters"), "{draft}");
    for c in ['\u{1}', '\u{b}', '\u{7f}'] {
        assert!(!draft.contains(c), "{c:?} in {draft}");
    }
    // The 开工 batch is an event of its stage (format 3) with its figures, and the draft imports.
    let batch = file["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e.get("stage").and_then(toml::Value::as_str) == Some("started"))
        .unwrap_or_else(|| panic!("no started batch: {draft}"));
    assert_eq!(
        batch["signed_amount"]["value"].as_str(),
        Some("20亿元"),
        "{draft}"
    );
    fs::write(env.dir.path().join("d.toml"), &draft).unwrap();
    assert!(env.run(&["init", "--empty"]).status.success());
    let out = env.run(&["import", "--dry-run", "d.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// 17. UTF-16 (with a byte-order mark or without) and UTF-8 cut short.
#[test]
fn draft_reads_utf16_and_utf8_cut_short_and_names_them() {
    let env = TestEnv::new();
    let utf16 = |big_endian: bool, bom: bool| -> Vec<u8> {
        let mut bytes: Vec<u8> = Vec::new();
        let units = bom
            .then_some(0xfeff)
            .into_iter()
            .chain(SIGNING.encode_utf16());
        for unit in units {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    };
    for (name, bytes, encoding) in [
        ("le-bom.txt", utf16(false, true), "UTF-16LE"),
        ("be-bom.txt", utf16(true, true), "UTF-16BE"),
        ("le.txt", utf16(false, false), "UTF-16LE"),
        ("be.txt", utf16(true, false), "UTF-16BE"),
    ] {
        let (out, draft) = draft_of(&env, name, &bytes);
        let err = stderr(&out);
        assert!(out.status.success(), "{name}: {err}");
        assert!(
            err.contains(&format!("({encoding}, simplified)")),
            "{name}: {err}"
        );
        assert!(draft.contains("value = \"162亿元\""), "{name}: {draft}");
    }
    // The last character cut in two: the text before it is read, and the cut is noted.
    let mut cut = format!("{SIGNING}其中工业项目").into_bytes();
    cut.pop();
    let (out, draft) = draft_of(&env, "cut.txt", &cut);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("(UTF-8, simplified)"), "{err}");
    assert!(draft.contains("其中工业项\n"), "{draft}");
    assert!(
        draft.contains("# check: the article ends in the middle of a character"),
        "{draft}"
    );
    // Bytes that are not UTF-8 in the middle of UTF-8 text: said so, not called windows-1252.
    let mut broken = SIGNING.as_bytes().to_vec();
    broken.insert(18, 0xff);
    let (out, _) = draft_of(&env, "broken.txt", &broken);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("UTF-8") && err.contains("byte 18") && !err.contains("windows-1252"),
        "{err}"
    );
}

// 18. A link at a path `draft -o`, `export --dir` or `site` writes: refused, nothing outside.
#[test]
fn outputs_are_never_written_through_a_symlink() {
    use std::os::unix::fs::symlink;
    let env = TestEnv::new();
    let dir = env.dir.path();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let outside = dir.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(dir.join("a.txt"), SIGNING).unwrap();

    // draft -o: a dangling link at the draft's path or at its text's.
    for link in ["d.toml", "d.txt"] {
        symlink(outside.join(link), dir.join(link)).unwrap();
        let out = env.run(&[
            "draft",
            "a.txt",
            "--published",
            "2023-03-05",
            "-o",
            "d.toml",
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{link}: {err}");
        assert!(err.contains(link) && err.contains("symbolic link"), "{err}");
        fs::remove_file(dir.join(link)).unwrap();
    }

    // export --dir: a dangling link at a file's path, with and without --force.
    fs::create_dir_all(dir.join("tables")).unwrap();
    symlink(outside.join("events.csv"), dir.join("tables/events.csv")).unwrap();
    for args in [
        &["export", "--dir", "tables", "--tables"][..],
        &["export", "--dir", "tables", "--tables", "--force"],
    ] {
        let out = env.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("tables/events.csv") && err.contains("symbolic link"),
            "{err}"
        );
    }
    let out = env.run(&["export", "--dir", "probe"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let name = names_in(&dir.join("probe")).remove(0);
    fs::create_dir_all(dir.join("sources")).unwrap();
    symlink(outside.join(&name), dir.join("sources").join(&name)).unwrap();
    let out = env.run(&["export", "--dir", "sources", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&name), "{}", stderr(&out));

    // site: a folder of the site that is a link to elsewhere.
    let out = env.run(&["site", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::remove_dir_all(dir.join("s/project")).unwrap();
    symlink(&outside, dir.join("s/project")).unwrap();
    let out = env.run(&["site", "s"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("s/project") && err.contains("symbolic link"),
        "{err}"
    );

    assert!(names_in(&outside).is_empty(), "{:?}", names_in(&outside));
}

// 18. Control characters (NUL) in a source's text or names: refused with file, line and field.
#[test]
fn control_characters_in_a_source_are_refused_with_file_line_and_field() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    template_with(
        &env,
        "nul.toml",
        "另有一句。\\u0000",
        &[(
            "name = \"示例新材料有限公司\"\nname_kind",
            "name = \"示例新材料\\u0007有限公司\"\nname_kind",
        )],
    );
    let toml = fs::read_to_string(env.dir.path().join("nul.toml")).unwrap();
    refused(
        &env,
        "nul.toml",
        &[
            (
                line_of(&toml, "text = \"\"\"", 0),
                "source.text",
                "line 4 of the text holds U+0000, a control character",
            ),
            (
                line_of(&toml, "示例新材料\\u0007有限公司", 0),
                "companies[0].name",
                "holds U+0007, a control character",
            ),
        ],
    );
    // The same in a text beside the file.
    source_with_text_file(&env.dir.path().join("beside.toml"), "beside", "beside.txt");
    let text = fs::read_to_string(env.dir.path().join("beside.txt")).unwrap();
    fs::write(env.dir.path().join("beside.txt"), text.clone() + "\u{0}\n").unwrap();
    let toml = fs::read_to_string(env.dir.path().join("beside.toml")).unwrap();
    refused(
        &env,
        "beside.toml",
        &[(
            line_of(&toml, "text_file", 0),
            "source.text_file",
            "line 5 of the text holds U+0000, a control character",
        )],
    );
    // Without it, the file (named without a folder) imports.
    fs::write(env.dir.path().join("beside.txt"), text).unwrap();
    let out = env.run(&["import", "beside.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// 18. An alias that already names another record of the catalogue.
#[test]
fn an_alias_colliding_with_the_catalogue_names_the_alias_the_record_and_the_field() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    template_with(
        &env,
        "first.toml",
        "",
        &[
            (
                "home_city = {",
                "aliases = [{ name = \"示例新材\", name_kind = \"short\", quote = \"示例新材料有限公司\" }]\nhome_city = {",
            ),
            (
                "quote = \"落户示例工业园\"\n",
                "quote = \"落户示例工业园\"\naliases = [{ name = \"示例园\", quote = \"落户示例工业园\" }]\n",
            ),
        ],
    );
    let out = env.run(&["import", "first.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    template_with(
        &env,
        "second.toml",
        "示例控股有限公司简称示例新材。示例新区又称示例园。",
        &[
            ("signing.html", "second.html"),
            (
                "[[industries]]",
                "[[places]]\nname = \"示例新区\"\nkind = \"zone\"\nparent = \"示例区\"\n\
                 quote = \"示例新区又称示例园\"\n\
                 aliases = [{ name = \"示例园\", quote = \"示例新区又称示例园\" }]\n\n[[industries]]",
            ),
            (
                "[[strategies]]",
                "[[companies]]\nname = \"示例控股有限公司\"\nname_kind = \"full\"\n\
                 quote = \"示例控股有限公司简称示例新材\"\naliases = [{ name = \"示例新材\", \
                 name_kind = \"short\", quote = \"示例控股有限公司简称示例新材\" }]\n\n[[strategies]]",
            ),
        ],
    );
    let toml = fs::read_to_string(env.dir.path().join("second.toml")).unwrap();
    refused(
        &env,
        "second.toml",
        &[
            (
                line_of(&toml, "aliases = [{ name = \"示例园\"", 0),
                "places[3].aliases[0].name",
                "alias `示例园` already names another place of the catalogue: 示例工业园 in 示例区",
            ),
            (
                line_of(&toml, "aliases = [{ name = \"示例新材\"", 0),
                "companies[1].aliases[0].name",
                "alias `示例新材` already names another company of the catalogue: 示例新材料有限公司",
            ),
        ],
    );
}

// 18. A parent declared after its child in the same file.
#[test]
fn a_parent_declared_later_in_the_file_is_accepted() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    template_with(
        &env,
        "later.toml",
        "新材料产业属于材料产业。",
        &[
            ("[[places]]\nname = \"示例省\"\nkind = \"province\"\n\n", ""),
            (
                "[[industries]]\nname = \"新材料\"\nquote = \"年产5万吨新材料项目\"\n",
                "[[industries]]\nname = \"新材料\"\nquote = \"年产5万吨新材料项目\"\nparent = \"材料\"\n\n\
                 [[industries]]\nname = \"材料\"\nquote = \"材料产业\"\n\n\
                 [[places]]\nname = \"示例省\"\nkind = \"province\"\n",
            ),
        ],
    );
    let out = env.run(&["import", "later.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = Connection::open(env.db()).unwrap();
    let parents: Vec<(String, String)> = c
        .prepare(
            "SELECT c.name, p.name FROM places c JOIN places p ON p.place_id = c.parent_id
             UNION ALL
             SELECT c.name, p.name FROM industries c JOIN industries p ON p.industry_id = c.parent_id
             ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected = [
        ("新材料", "材料"),
        ("示例区", "示例省"),
        ("示例工业园", "示例区"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(parents, expected);
}

// 18. Every missing file of an import is reported.
#[test]
fn an_import_reports_every_missing_file_and_writes_nothing() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::write(
        env.dir.path().join("good.toml"),
        stdout(&env.run(&["template"])),
    )
    .unwrap();
    let out = env.run(&["import", "a.toml", "good.toml", "b.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a.toml") && err.contains("b.toml"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(source_count(&env.db()), 0);
}

// 18. One source twice in one command, in two versions.
#[test]
fn one_source_twice_in_one_import_is_named_as_such() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    template_with(&env, "a.toml", "", &[]);
    template_with(
        &env,
        "changed.toml",
        "",
        &[
            ("name = \"一主两辅\"", "name = \"一主二辅\""),
            (
                "strategies = [{ name = \"一主两辅\"",
                "strategies = [{ name = \"一主二辅\"",
            ),
        ],
    );
    let out = env.run(&["import", "a.toml", "changed.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("changed.toml: this source")
            && err.contains("appears twice in this import, with other facts in a.toml")
            && err.contains("一主二辅"),
        "{err}"
    );
    assert!(!err.contains("already catalogued"), "{err}");
    assert_eq!(source_count(&env.db()), 0);
    // The same file twice (a glob that overlaps another) is one source.
    let out = env.run(&["import", "a.toml", "a.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
