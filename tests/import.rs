//! Importing source files: validation with positions, atomicity, idempotence, --replace,
//! --dry-run, names across scripts, JSON Lines, export round trips.

mod common;

use std::path::{Path, PathBuf};

use common::{TestEnv, stderr, stdout};
use zhaoshang::store::Store;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

fn dump(env: &TestEnv) -> String {
    let (store, _) = Store::open_read_only(&env.db()).unwrap();
    store.dump().unwrap()
}

fn import(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend(args);
    env.run(&all)
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    format!("{}{}", stdout(&out), stderr(&out))
}

#[test]
fn every_malformed_file_is_refused_with_its_position_and_leaves_the_database_as_it_was() {
    let env = seeded();
    let before = dump(&env);
    let dir = repo("tests/malformed");
    let manifest = std::fs::read_to_string(dir.join("EXPECTED")).unwrap();
    let mut checked = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (file, expected) = line.split_once('\t').expect("file<TAB>fragment");
        let out = env
            .command(&["import", file])
            .current_dir(&dir)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(err.starts_with("zhaoshang: "), "{file}: {err}");
        assert!(err.contains("nothing was written"), "{file}: {err}");
        assert!(
            err.contains(expected),
            "{file}: expected `{expected}` in\n{err}"
        );
        assert_eq!(dump(&env), before, "{file} changed the database");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} malformed files");
}

#[test]
fn all_problems_of_all_files_are_reported_and_none_is_written() {
    let env = seeded();
    let before = dump(&env);
    let dir = repo("tests/malformed");
    let good = repo("tests/fixtures/fushan_2024-12-09.toml");
    let out = env
        .command(&[
            "import",
            good.to_str().unwrap(),
            "07_impossible_date.toml",
            "15_quote_not_in_text.toml",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("2 problems in 2 sources; nothing was written"),
        "{err}"
    );
    assert!(
        err.contains("07_impossible_date.toml:92:8:")
            && err.contains("15_quote_not_in_text.toml:63:9:"),
        "{err}"
    );
    assert_eq!(dump(&env), before, "the good file was not written either");
}

#[test]
fn limits_bom_and_stdin() {
    let env = seeded();
    // A byte-order mark is accepted.
    let template = ok(&env, &["template"]);
    let bom = env.dir.path().join("bom.toml");
    std::fs::write(&bom, format!("\u{feff}{template}")).unwrap();
    ok(&env, &["import", bom.to_str().unwrap()]);
    // An absurdly large file is refused before it is parsed.
    let huge = env.dir.path().join("huge.toml");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let out = import(&env, &[huge.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("huge.toml: the file is larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
    // stdin, TOML sniffed from the content
    let mut child = env
        .command(&["import", "--dry-run", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        std::fs::read(repo("tests/fixtures/nanchuan_2019q1.toml"))
            .unwrap()
            .as_slice(),
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("<stdin>: would add 0 events, 0 projects, 6 statistics"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_template_is_a_valid_file() {
    let env = seeded();
    let template = ok(&env, &["template"]);
    let path = env.dir.path().join("new.toml");
    std::fs::write(&path, &template).unwrap();
    let before = dump(&env);
    let out = ok(&env, &["import", "--dry-run", path.to_str().unwrap()]);
    assert!(
        out.contains("dry run, nothing written; 1 source: 1 to add (1 event, 1 project"),
        "{out}"
    );
    assert_eq!(dump(&env), before, "a dry run writes nothing");
    for field in [
        "text_file",
        "aliases",
        "home_city",
        "bands",
        "facts",
        "forecast",
        "layout",
        "basis",
        "note",
        "home_country",
        "period",
        "breakdowns",
        "alternatives",
        "same_as",
        "key",
    ] {
        assert!(
            template.contains(field),
            "the template does not show `{field}`"
        );
    }
}

#[test]
fn importing_twice_changes_nothing_a_changed_file_is_refused_and_replace_replaces() {
    let env = seeded();
    let template = ok(&env, &["template"]);
    let path = env.dir.path().join("example.toml");
    std::fs::write(&path, &template).unwrap();
    let file = path.to_str().unwrap();
    ok(&env, &["import", file]);
    let after_first = dump(&env);
    let out = ok(&env, &["import", file]);
    assert!(
        out.contains("already catalogued, unchanged") && out.contains("1 source: 1 unchanged"),
        "{out}"
    );
    assert_eq!(dump(&env), after_first);

    // The same article, corrected: 10亿 was 11亿, and the company is gone.
    let changed = template
        .replace("投资10亿元的", "投资11亿元的")
        .replace("value = \"10亿元\"", "value = \"11亿元\"")
        .replace("companies = [{ name = \"示例新材料有限公司\", role = \"investor\", quote = \"由示例新材料有限公司投资建设\" }]\n", "");
    std::fs::write(&path, &changed).unwrap();
    let out = import(&env, &[file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is already catalogued (from"), "{err}");
    assert!(
        err.contains("use --replace to replace them. Differences:"),
        "{err}"
    );
    assert!(
        err.contains("~ events[0].projects[0].amount.value: 10亿元 → 11亿元"),
        "{err}"
    );
    assert!(err.contains("- events[0].projects[0].companies"), "{err}");
    assert_eq!(dump(&env), after_first);

    let out = ok(&env, &["import", "--replace", file]);
    assert!(out.contains("replaced with 1 event, 1 project"), "{out}");
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let amount: i64 = c
        .query_row(
            "SELECT amount_yuan FROM projects WHERE name = '年产5万吨新材料项目'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(amount, 1_100_000_000);
    let links: i64 = c
        .query_row("SELECT count(*) FROM project_companies pc JOIN projects p USING (project_id) WHERE p.name = '年产5万吨新材料项目'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 0, "the old link is gone");
    let sources: i64 = c
        .query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sources, 2, "replaced, not added");
    drop(c);
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    // The seed's facts are untouched by replacing another source.
    let seed_projects = ok(
        &env,
        &["projects", "--district", "江津區", "--format", "csv"],
    );
    assert_eq!(seed_projects.lines().count(), 1 + 10);
}

#[test]
fn names_match_across_scripts_and_short_names() {
    let env = seeded();
    ok(
        &env,
        &[
            "import",
            repo("tests/fixtures/nanchuan_2019q1.toml")
                .to_str()
                .unwrap(),
        ],
    );
    let c = rusqlite::Connection::open(env.db()).unwrap();
    // 南川区 was declared under 重庆市 (simplified): it hangs under the seed's 重慶市.
    let parent: String = c
        .query_row(
            "SELECT p.name FROM places c JOIN places p ON p.place_id = c.parent_id WHERE c.name = '南川区'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parent, "重慶市");
    let chongqing: i64 = c
        .query_row(
            "SELECT count(*) FROM places WHERE name_key = '重庆市'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(chongqing, 1, "no second 重庆市");
    drop(c);

    // A file that refers to 菜鸟 (simplified short name) links the seed's 杭州菜鳥供應鏈管理有限公司.
    let template = ok(&env, &["template"]);
    let linked = template.replace(
        "companies = [{ name = \"示例新材料有限公司\", role = \"investor\"",
        "companies = [{ name = \"菜鸟\", role = \"partner\", basis = \"inferred\", note = \"test\", quote = \"由示例新材料有限公司投资建设\" }, { name = \"示例新材料有限公司\", role = \"investor\"",
    );
    let path = env.dir.path().join("linked.toml");
    std::fs::write(&path, linked).unwrap();
    ok(&env, &["import", path.to_str().unwrap()]);
    let json = ok(&env, &["show", "company", "菜鸟", "--format", "json"]);
    assert!(json.contains("年产5万吨新材料项目"), "{json}");
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let env = seeded();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute(
        "INSERT INTO places (name, name_key, kind, parent_id) VALUES ('示例区', '示例区', 'district', 1), ('示例區', '示例区', 'district', 2)",
        [],
    )
    .unwrap();
    drop(c);
    let before = dump(&env);
    let template = ok(&env, &["template"]);
    let path = env.dir.path().join("ambiguous.toml");
    // Refer to 示例区 without declaring it.
    let start = template.find("[[places]]\nname = \"示例区\"").unwrap();
    let end = template.find("[[places]]\nname = \"示例工业园\"").unwrap();
    let text = format!("{}{}", &template[..start], &template[end..]);
    std::fs::write(&path, text).unwrap();
    let out = import(&env, &[path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("place `示例区` is ambiguous: it matches 示例区 in 中國 (id"),
        "{err}"
    );
    assert!(err.contains("示例區 in 重慶市 (id"), "{err}");
    assert_eq!(dump(&env), before);
}

#[test]
fn a_second_district_and_a_summary_without_an_event_appear_everywhere() {
    let env = seeded();
    ok(
        &env,
        &[
            "import",
            repo("tests/fixtures/fushan_2024-12-09.toml")
                .to_str()
                .unwrap(),
            repo("tests/fixtures/nanchuan_2019q1.toml")
                .to_str()
                .unwrap(),
        ],
    );
    let has = |args: &[&str], needle: &str| {
        let out = ok(&env, args);
        assert!(out.contains(needle), "{args:?} lacks {needle}:\n{out}");
    };
    has(&["events"], "福山区");
    has(&["projects"], "嘉澜福山区滨河片区综合开发运营项目");
    has(&["companies"], "凯沃伦");
    has(&["places"], "南川区");
    has(&["sources"], "测试用转述");
    has(&["stats", "--district", "南川区"], "52.4億");
    has(&["strategies"], "协同招商");
    has(
        &["show", "event", "烟台招商大会福山区签约"],
        "总投资138亿元",
    );
    has(&["report", "summary"], "烟台招商大会福山区签约");
    has(
        &["report", "reconcile", "--param", "district=福山区"],
        "headline amount vs named amounts",
    );
    has(&["report", "timeline"], "福山区");
    has(&["report", "bands"], "上亿元");
    has(
        &["report", "top"],
        "年產1GW飛輪儲能設備研發制造運營基地項目",
    );
    has(&["report", "companies"], "新加坡");
    has(&["report", "strategies"], "协同招商");
    has(&["report", "targets"], "agreed_investment");
    has(&["report", "industries"], "新能源及新型儲能");
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_catalogue() {
    let env = seeded();
    ok(
        &env,
        &[
            "import",
            repo("tests/fixtures/fushan_2024-12-09.toml")
                .to_str()
                .unwrap(),
        ],
    );
    let out_dir = env.dir.path().join("exported");
    ok(&env, &["export", "--dir", out_dir.to_str().unwrap()]);
    let jsonl = env.dir.path().join("all.jsonl");
    ok(&env, &["export", "--jsonl", jsonl.to_str().unwrap()]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);

    let without_file_names = |db: &Path| -> String {
        let c = rusqlite::Connection::open(db).unwrap();
        c.execute("UPDATE sources SET file_name = ''", []).unwrap();
        drop(c);
        let (store, _) = Store::open_read_only(db).unwrap();
        store.dump().unwrap()
    };
    for (name, inputs) in [
        (
            "from-toml.db",
            files
                .iter()
                .map(|f| f.to_str().unwrap().to_string())
                .collect::<Vec<_>>(),
        ),
        ("from-jsonl.db", vec![jsonl.to_str().unwrap().to_string()]),
    ] {
        let db = env.dir.path().join(name);
        let run = |args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
                .arg("--db")
                .arg(&db)
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        };
        run(&["init", "--empty"]);
        let mut args = vec!["import"];
        args.extend(inputs.iter().map(String::as_str));
        run(&args);
        let original = env.dir.path().join("copy.db");
        std::fs::copy(env.db(), &original).unwrap();
        assert_eq!(
            without_file_names(&db),
            without_file_names(&original),
            "{name}"
        );
    }

    let tables = env.dir.path().join("tables");
    ok(
        &env,
        &["export", "--tables", "--dir", tables.to_str().unwrap()],
    );
    let projects = std::fs::read_to_string(tables.join("projects.csv")).unwrap();
    assert!(
        projects.starts_with("project_id,event_id,source_id,name,"),
        "{projects}"
    );
    assert_eq!(projects.lines().count(), 1 + 12);
    ok(
        &env,
        &[
            "export",
            "--tables",
            "--format",
            "json",
            "--dir",
            tables.to_str().unwrap(),
        ],
    );
    let events: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tables.join("events.json")).unwrap())
            .unwrap();
    assert_eq!(events.as_array().unwrap().len(), 2);
}

#[test]
fn json_lines_are_streamed_and_a_bad_record_is_named_by_number() {
    let env = seeded();
    let template = ok(&env, &["template"]);
    let mut doc: serde_json::Value = toml::from_str(&template).unwrap();
    let mut lines = String::new();
    for i in 0..50 {
        doc["source"]["url"] = format!("https://example.org/bulk/{i}").into();
        doc["source"]["title"] = format!("bulk {i}").into();
        lines.push_str(&serde_json::to_string(&doc).unwrap());
        lines.push('\n');
    }
    let path = env.dir.path().join("bulk.jsonl");
    std::fs::write(&path, &lines).unwrap();
    let out = ok(&env, &["import", path.to_str().unwrap()]);
    assert!(
        out.contains("50 sources: 50 added (50 events, 50 projects"),
        "{out}"
    );

    doc["source"]["url"] = "https://example.org/bulk/bad".into();
    doc["events"][0]["date"] = "2024-13-01".into();
    let bad = format!("{lines}{}\n", serde_json::to_string(&doc).unwrap());
    std::fs::write(&path, bad).unwrap();
    let before = dump(&env);
    let out = import(&env, &[path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("bulk.jsonl: record 51, column"), "{err}");
    assert!(err.contains("events[0].date"), "{err}");
    assert_eq!(dump(&env), before);
}

/// The indexes of a catalogue: (name, SQL), by name.
fn indexes(db: &Path) -> Vec<(String, Option<String>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_first_import_that_fails_midway_leaves_the_empty_catalogue_byte_for_byte_and_a_good_one_every_index()
 {
    // Records written for this test: the template's source under forty URLs, the twentieth with
    // a day that no month has. The first import into an empty catalogue drops the indexes it
    // never reads and builds them again before its commit.
    let env = TestEnv::new();
    ok(&env, &["init", "--empty"]);
    let template = ok(&env, &["template"]);
    let mut doc: serde_json::Value = toml::from_str(&template).unwrap();
    let mut lines = String::new();
    for i in 0..40 {
        doc["source"]["url"] = format!("https://example.org/first/{i}").into();
        doc["source"]["title"] = format!("first import {i}").into();
        let mut record = doc.clone();
        if i == 19 {
            record["events"][0]["date"] = "2024-02-30".into();
        }
        lines.push_str(&serde_json::to_string(&record).unwrap());
        lines.push('\n');
    }
    let path = env.dir.path().join("first.jsonl");
    std::fs::write(&path, &lines).unwrap();
    let empty_bytes = std::fs::read(env.db()).unwrap();
    let empty_indexes = indexes(&env.db());
    assert!(
        empty_indexes
            .iter()
            .any(|(name, _)| name == "statistics_kind_metric"),
        "{empty_indexes:?}"
    );

    let out = import(&env, &[path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("first.jsonl: record 20, column"), "{err}");
    assert!(err.contains("events[0].date"), "{err}");
    assert!(
        std::fs::read(env.db()).unwrap() == empty_bytes,
        "the refused import changed the file"
    );
    assert_eq!(indexes(&env.db()), empty_indexes);

    let good: String = lines
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 19)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    std::fs::write(&path, good).unwrap();
    let out = ok(&env, &["import", path.to_str().unwrap()]);
    assert!(out.contains("39 sources: 39 added"), "{out}");
    assert_eq!(indexes(&env.db()), empty_indexes);
    ok(&env, &["check"]);
    // Every index holds exactly its table's rows (integrity_check compares them), and one that
    // was built again serves its query: each project's amount found through `projects_amount`.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let by_index: i64 = c
        .query_row(
            "SELECT count(*) FROM projects_sliced INDEXED BY projects_amount
              WHERE amount_yuan IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let projects: i64 = c
        .query_row(
            "SELECT count(*) FROM projects_sliced WHERE amount_yuan IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(projects >= 39, "{projects}");
    assert_eq!(by_index, projects);
}

#[test]
fn the_json_schema_in_the_repository_is_current() {
    let committed = std::fs::read_to_string(repo("docs/source-file.schema.json")).unwrap();
    assert!(
        committed == zhaoshang::source::model::json_schema(),
        "docs/source-file.schema.json is stale: run `cargo run -- schema > docs/source-file.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(
        schema["$defs"]["ProjectEntry"]["additionalProperties"],
        false
    );
}

/// Two sources written for this test in our own words (the companies and projects are
/// invented): the first names a project with its company and amount in one sentence, the second
/// reports the same project again (by its key) and links another company to it in its own
/// sentence. `PLACES quote` stands for the district and its parents, the district quoted so.
const FIRST_OF_TWO: &str = r#"
format = 3

[source]
title = "江都区集中签约(测试用,一句一项目)"
publisher = "zhaoshang test fixture"
url = "https://example.org/zhaoshang-fixtures/one-sentence/1"
published = "2024-04-02"
script = "simplified"
text = """
江都区集中签约(测试用,一句一项目)
4月2日,扬州市江都区举行项目集中签约活动。
澄泓材料科技有限公司投资15亿元的高端膜材料项目落户江都。
"""

PLACES 扬州市江都区举行项目集中签约活动

[[companies]]
name = "澄泓材料科技有限公司"
name_kind = "full"
quote = "澄泓材料科技有限公司投资15亿元"

[[events]]
name = "江都区项目集中签约活动"
place = "江都区"
date = "2024-04-02"
quote = "4月2日,扬州市江都区举行项目集中签约活动"

[[events.projects]]
name = "高端膜材料项目"
key = "jd-membrane"
quote = "澄泓材料科技有限公司投资15亿元的高端膜材料项目"
amount = { value = "15亿元", quote = "澄泓材料科技有限公司投资15亿元的高端膜材料项目" }
companies = [{ name = "澄泓材料科技有限公司", role = "investor", quote = "澄泓材料科技有限公司投资15亿元的高端膜材料项目" }]
"#;

const SECOND_OF_TWO: &str = r#"
format = 3

[source]
title = "江都区项目开工(测试用,一句一项目)"
publisher = "zhaoshang test fixture"
url = "https://example.org/zhaoshang-fixtures/one-sentence/2"
published = "2024-09-12"
script = "simplified"
text = """
江都区项目开工(测试用,一句一项目)
9月12日,江都区举行重大项目集中开工活动。
由岫岚建设集团承建的高端膜材料项目今天开工。
"""

PLACES 江都区举行重大项目集中开工活动

[[companies]]
name = "岫岚建设集团"
name_kind = "group"
quote = "由岫岚建设集团承建的高端膜材料项目今天开工"

[[events]]
name = "江都区重大项目集中开工活动"
place = "江都区"
stage = "started"
date = "2024-09-12"
quote = "9月12日,江都区举行重大项目集中开工活动"

[[events.projects]]
name = "高端膜材料项目"
same_as = { key = "jd-membrane" }
quote = "由岫岚建设集团承建的高端膜材料项目今天开工"
companies = [{ name = "岫岚建设集团", role = "developer", quote = "由岫岚建设集团承建的高端膜材料项目今天开工" }]
"#;

// A quote that repeats the project's is stored once (schema V12): the amount's and the company
// link's of the project's own source are NULL, the later source's link keeps its own quote (the
// project's is another sentence of another source), the `_quoted` views and `show` give every
// quote whole, and `check` finds them all in their texts.
#[test]
fn a_quote_that_repeats_the_projects_is_stored_once_and_read_whole() {
    let env = seeded();
    let first = env.dir.path().join("first.toml");
    let second = env.dir.path().join("second.toml");
    let with_places = |source: &str| -> String {
        let (head, rest) = source.split_once("PLACES ").unwrap();
        let (quote, tail) = rest.split_once('\n').unwrap();
        format!(
            "{head}[[places]]\nname = \"江苏省\"\nkind = \"province\"\nparent = \"中国\"\n\n\
             [[places]]\nname = \"扬州市\"\nkind = \"city\"\nparent = \"江苏省\"\n\n\
             [[places]]\nname = \"江都区\"\nkind = \"district\"\nparent = \"扬州市\"\n\
             quote = \"{quote}\"\n{tail}"
        )
    };
    std::fs::write(&first, with_places(FIRST_OF_TWO)).unwrap();
    std::fs::write(&second, with_places(SECOND_OF_TWO)).unwrap();
    ok(&env, &["import", first.to_str().unwrap()]);
    ok(&env, &["import", second.to_str().unwrap()]);
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let stored: (Option<String>, String) = c
        .query_row(
            "SELECT amount_quote, quote FROM projects WHERE project_key = 'jd-membrane'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(stored.0, None);
    let links: Vec<(String, Option<String>, String)> = c
        .prepare(
            "SELECT pc.role, pc.quote, q.quote FROM project_companies pc
               JOIN project_companies_quoted q USING (project_id, company_id, role)
               JOIN projects p ON p.project_id = pc.project_id
              WHERE p.project_key = 'jd-membrane' ORDER BY pc.source_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        links,
        vec![
            ("investor".to_string(), None, stored.1.clone()),
            (
                "developer".to_string(),
                Some("由岫岚建设集团承建的高端膜材料项目今天开工".to_string()),
                "由岫岚建设集团承建的高端膜材料项目今天开工".to_string()
            ),
        ]
    );
    let whole: String = c
        .query_row(
            "SELECT amount_quote FROM projects_quoted WHERE project_key = 'jd-membrane'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(whole, stored.1);
    drop(c);
    let shown: serde_json::Value = serde_json::from_str(&ok(
        &env,
        &["show", "project", "jd-membrane", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(shown["record"]["amount_quote"], stored.1.as_str());
    assert_eq!(shown["companies"][0]["quote"], stored.1.as_str());
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// A sentence written for the test: `name`, then clauses of an invented project, `bytes` bytes
/// of UTF-8 in all (the last one or two of them digits).
fn long_sentence(name: &str, bytes: usize) -> String {
    let mut s = format!("{name}由澄泓材料科技有限公司投资建设");
    let clause = ",建设膜材料生产线、研发中心与仓储物流中心";
    while s.len() + clause.len() <= bytes {
        s.push_str(clause);
    }
    while s.len() + "厂".len() <= bytes {
        s.push('厂');
    }
    while s.len() < bytes {
        s.push('1');
    }
    assert_eq!(s.len(), bytes);
    s
}

/// Schema V15 stores a quote as one integer, start × 10,000 + length in bytes: a quote of
/// 10,000 bytes or more is kept written out, one of 9,999 bytes (starting beyond the 10,000th
/// byte) is a slice; both read, export and check as they were imported.
#[test]
fn a_quote_of_ten_thousand_bytes_is_kept_written_out_and_exported_whole() {
    let env = seeded();
    let long = long_sentence("长句甲项目", 10_000);
    let under = long_sentence("长句乙项目", 9_999);
    let source = format!(
        r#"format = 3

[source]
title = "江都区长句签约(测试用,一句很长)"
publisher = "zhaoshang test fixture"
url = "https://example.org/zhaoshang-fixtures/long-sentence"
published = "2024-05-06"
script = "simplified"
text = """
江都区长句签约(测试用,一句很长)
5月6日,扬州市江都区举行长句项目签约活动。
{long}。
{under}。
"""

[[places]]
name = "江苏省"
kind = "province"
parent = "中国"

[[places]]
name = "扬州市"
kind = "city"
parent = "江苏省"

[[places]]
name = "江都区"
kind = "district"
parent = "扬州市"
quote = "扬州市江都区举行长句项目签约活动"

[[events]]
name = "江都区长句项目签约活动"
place = "江都区"
date = "2024-05-06"
quote = "5月6日,扬州市江都区举行长句项目签约活动"

[[events.projects]]
name = "长句甲项目"
quote = "{long}"

[[events.projects]]
name = "长句乙项目"
quote = "{under}"
"#
    );
    let path = env.dir.path().join("long.toml");
    std::fs::write(&path, source).unwrap();
    ok(&env, &["import", path.to_str().unwrap()]);

    let c = rusqlite::Connection::open(env.db()).unwrap();
    let stored = |name: &str| -> (String, String) {
        c.query_row(
            "SELECT typeof(s.quote_at), p.quote FROM projects_sliced s
               JOIN projects p ON p.project_id = s.project_id WHERE s.name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(stored("长句甲项目"), ("text".to_string(), long.clone()));
    assert_eq!(stored("长句乙项目"), ("integer".to_string(), under.clone()));
    let start: i64 = c
        .query_row(
            "SELECT quote_at / 10000 FROM projects_sliced WHERE name = '长句乙项目'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(start > 10_000, "{start}");
    drop(c);

    let exported = ok(&env, &["--quiet", "export", "--jsonl", "-"]);
    let mut quotes = Vec::new();
    for line in exported.lines() {
        quotes_in(&serde_json::from_str(line).unwrap(), &mut quotes);
    }
    assert!(
        quotes.contains(&long),
        "the 10,000-byte quote is not exported whole"
    );
    assert!(
        quotes.contains(&under),
        "the 9,999-byte quote is not exported whole"
    );
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// Every string under a key `quote` in `value`.
fn quotes_in(value: &serde_json::Value, quotes: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v {
                    serde_json::Value::String(s) if key == "quote" => quotes.push(s.clone()),
                    _ => quotes_in(v, quotes),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| quotes_in(v, quotes)),
        _ => {}
    }
}
