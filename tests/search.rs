//! Search in either script, short and long terms, phrases, no false positives, and an index
//! that stays in step with the catalogue through imports and replaces.

mod common;

use std::path::PathBuf;

use common::{TestEnv, stderr, stdout};

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

/// (kind, name, matched) of each hit.
fn search(env: &TestEnv, terms: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["search"];
    args.extend(terms);
    args.extend(["--format", "json", "--limit", "100"]);
    let out = env.run(&args);
    assert!(out.status.success(), "{terms:?}: {}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
                r["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(hits: &[(String, String, String)], kind: &str, name: &str) -> bool {
    hits.iter().any(|(k, n, _)| k == kind && n == name)
}

#[test]
fn the_seed_answers_in_either_script() {
    let env = seeded();
    let flywheel = "年產1GW飛輪儲能設備研發制造運營基地項目";
    for terms in [
        &["飞轮"][..],
        &["飛輪"],
        &["储能"],
        &["1gw"],
        &["1GW"],
        &["飞轮储能"],
    ] {
        let hits = search(&env, terms);
        assert!(has(&hits, "project", flywheel), "{terms:?}: {hits:?}");
        assert_eq!(
            hits[0].0, "project",
            "{terms:?}: the project comes first: {hits:?}"
        );
    }
    let storage = search(&env, &["储能"]);
    assert!(has(&storage, "industry", "新能源及新型儲能"), "{storage:?}");
    assert!(storage.iter().all(|(_, _, m)| m == "儲能"), "{storage:?}");

    let cainiao = search(&env, &["菜鸟"]);
    assert!(
        has(&cainiao, "company", "杭州菜鳥供應鏈管理有限公司"),
        "{cainiao:?}"
    );
    assert!(
        has(&cainiao, "project", "重慶跨境寶跨境電商(菜鳥倉)項目"),
        "{cainiao:?}"
    );
    let chengyu = search(&env, &["成渝"]);
    assert!(
        has(&chengyu, "strategy", "成渝地區雙城經濟圈建設"),
        "{chengyu:?}"
    );
    let jiangjin = search(&env, &["江津区"]);
    assert!(has(&jiangjin, "place", "江津區"), "{jiangjin:?}");
    assert!(
        has(&jiangjin, "event", "江津區招商引資項目集中簽約活動"),
        "{jiangjin:?}"
    );
    // a mixed-script query
    let mixed = search(&env, &["飞輪儲能"]);
    assert!(has(&mixed, "project", flywheel), "{mixed:?}");
}

#[test]
fn one_character_terms_several_terms_and_phrases() {
    let env = seeded();
    let jin = search(&env, &["津"]);
    assert!(
        has(&jin, "place", "京津冀") && has(&jin, "place", "江津區"),
        "{jin:?}"
    );
    // AND: both terms in the same text
    let both = search(&env, &["光伏", "花椒"]);
    assert!(has(&both, "project", "“光伏-花椒”農光互補項目"), "{both:?}");
    assert!(both.iter().all(|(k, _, _)| k != "industry"), "{both:?}");
    // a phrase with a space matches only that exact sequence
    let phrase = search(&env, &["\"28個項目攜266億元落戶 \""]);
    assert!(
        phrase.is_empty(),
        "no text has a space after 落戶: {phrase:?}"
    );
    let phrase = search(&env, &["\"28个项目携266亿元\""]);
    assert!(!phrase.is_empty(), "{phrase:?}");
}

/// The trigram index keeps the program's fold of each text as it is (V16): a term of one or two
/// characters is looked up among its trigrams as the program folds it, so characters that
/// SQLite's own case folding would change (ſ to s, ς to σ) are found as typed. The company's
/// name below was written for this test.
#[test]
fn short_terms_match_the_programs_fold_not_sqlites() {
    let env = seeded();
    let template = stdout(&env.run(&["template"]));
    let file = env.dir.path().join("greek.toml");
    std::fs::write(
        &file,
        template.replace("示例新材料有限公司", "示例ſς材料有限公司"),
    )
    .unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for term in ["ς", "ſς", "ſς材", "ſς材料"] {
        let hits = search(&env, &[term]);
        assert!(
            has(&hits, "company", "示例ſς材料有限公司"),
            "{term}: {hits:?}"
        );
    }
    assert!(search(&env, &["σ"]).is_empty());
    assert!(search(&env, &["sσ"]).is_empty());
}

#[test]
fn absent_terms_find_nothing() {
    let env = seeded();
    for terms in [
        &["骆驼"][..],
        &["驼"],
        &["飞轮", "骆驼"],
        &["储能设备厂"],
        &["xfc"],
    ] {
        assert!(search(&env, terms).is_empty(), "{terms:?}");
    }
}

/// The Fushan fixture without the 凯沃伦 project and company.
fn without_kaiwolun(fixture: &std::path::Path) -> String {
    let text = std::fs::read_to_string(fixture).unwrap();
    let start = text.find("[[events.projects]]\nname = \"凯沃伦").unwrap();
    let end = text.find("[[events.projects]]\nname = \"嘉澜").unwrap();
    let mut changed = format!("{}{}", &text[..start], &text[end..]);
    let c_start = changed.find("[[companies]]\nname = \"凯沃伦\"").unwrap();
    let c_end = changed.find("[[companies]]\nname = \"嘉澜\"").unwrap();
    changed.replace_range(c_start..c_end, "");
    changed
}

#[test]
fn the_index_follows_imports_and_replaces() {
    let env = seeded();
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fushan_2024-12-09.toml");
    assert!(search(&env, &["凯沃伦"]).is_empty());
    let out = env.run(&["import", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = search(&env, &["凱沃倫"]);
    assert!(has(&hits, "company", "凯沃伦"), "{hits:?}");
    assert!(
        has(&hits, "project", "凯沃伦智能装备联创中心项目"),
        "{hits:?}"
    );

    // Replace the source with a version that drops the 凯沃伦 project and company.
    let path = env.dir.path().join("changed.toml");
    std::fs::write(&path, without_kaiwolun(&fixture)).unwrap();
    let out = env.run(&["import", "--replace", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = search(&env, &["凯沃伦"]);
    assert!(
        hits.iter().all(|(k, _, _)| k == "passage"),
        "only the passage still mentions it: {hits:?}"
    );
    assert!(!search(&env, &["嘉澜"]).is_empty());
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// The index documents of an import are written in one pass at its end; a source added and
/// replaced in the same import, and a source added after that, are indexed as if imported one
/// at a time.
#[test]
fn one_import_that_adds_replaces_and_adds_again_leaves_the_index_in_step() {
    let env = seeded();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let first = fixtures.join("fushan_2024-12-09.toml");
    let second = env.dir.path().join("changed.toml");
    std::fs::write(&second, without_kaiwolun(&first)).unwrap();
    let third = fixtures.join("nanchuan_2019q1.toml");
    let out = env.run(&[
        "import",
        "--replace",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        third.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = search(&env, &["凯沃伦"]);
    assert!(
        !hits.is_empty() && hits.iter().all(|(k, _, _)| k == "passage"),
        "only the passage still mentions it: {hits:?}"
    );
    assert!(has(&search(&env, &["嘉澜"]), "company", "嘉澜"));
    assert!(!search(&env, &["南川"]).is_empty());
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn check_notices_an_index_out_of_step() {
    let env = seeded();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute(
        "UPDATE projects_sliced SET name = '改名項目', name_key = '改名项目' WHERE project_id = 1",
        [],
    )
    .unwrap();
    // the place's entry (kind 5 in the top bits of its id) deleted; a passage pointed at another
    // slice of its text
    c.execute_batch(
        "DELETE FROM search_entries WHERE entry_id >> 52 = 5 AND record_id = 3;
         UPDATE search_entries SET passage_length = passage_length + 1
          WHERE entry_id = (SELECT min(entry_id) FROM search_texts WHERE field = 'text');",
    )
    .unwrap();
    drop(c);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("places place_id=3\tnot in the search index"),
        "{report}"
    );
    assert!(
        report.contains("(passage 1)\tranked for another text than"),
        "{report}"
    );
    assert!(
        report.contains("search_fts\t0 search entries have no document in the index and 1 documents have no entry"),
        "{report}"
    );
    assert!(
        report.contains("(project 1)\tranked for another text than `改名項目`"),
        "{report}"
    );
}

/// A source's entries are found through its list in search_source_entries (V17): `check`
/// reports a list that misses one of its source's entries, and one that names an id that is no
/// entry; `check --repair` rebuilds them.
#[test]
fn check_notices_a_source_list_out_of_step() {
    use zhaoshang::store::search::{pack, unpack};
    let env = seeded();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let list = |source: i64| -> Vec<i64> {
        let packed: Vec<u8> = c
            .query_row(
                "SELECT entry_ids FROM search_source_entries WHERE source_id = ?1",
                [source],
                |r| r.get(0),
            )
            .unwrap();
        unpack(&packed).unwrap()
    };
    let in_table = |source: i64| -> Vec<i64> {
        c.prepare("SELECT entry_id FROM search_entries WHERE source_id = ?1 ORDER BY entry_id")
            .unwrap()
            .query_map([source], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let sources: Vec<i64> = c
        .prepare("SELECT source_id FROM sources ORDER BY source_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!sources.is_empty());
    for source in &sources {
        assert_eq!(list(*source), in_table(*source), "source {source}");
    }
    // the first source's list without its last entry, and with an id past it that is no entry
    let mut ids = list(sources[0]);
    let last = ids.pop().unwrap();
    ids.push(last + 1_000);
    c.execute(
        "UPDATE search_source_entries SET entry_ids = ?1 WHERE source_id = ?2",
        rusqlite::params![pack(&mut ids), sources[0]],
    )
    .unwrap();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("search_source_entries\t1 search entries are in no list of their source's, 0 in another source's list, 0 listed twice, and the lists name 1 ids that are no entry"),
        "{report}"
    );
    let repaired = env.run(&["check", "--repair"]);
    assert!(repaired.status.success(), "{}", stderr(&repaired));
    for source in &sources {
        assert_eq!(list(*source), in_table(*source), "source {source}");
    }
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
}

/// search_fts is contentless: `check` lists its documents by their last trigram (the last
/// character and two U+0001), and finds an entry whose document was deleted, which short terms
/// then miss.
#[test]
fn check_notices_an_entry_without_its_document() {
    let env = seeded();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let (entry, original): (i64, String) = c
        .query_row(
            "SELECT entry_id, original FROM search_texts WHERE kind = 'project' ORDER BY entry_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let document = format!("{}\u{1}\u{1}", zhaoshang::source::fold::fold(&original));
    c.execute(
        "INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', ?1, ?2)",
        rusqlite::params![entry, document],
    )
    .unwrap();
    drop(c);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("search_fts\t1 search entries have no document in the index and 0 documents have no entry"),
        "{report}"
    );
    // the integrity check of FTS5 itself finds nothing wrong: the document was deleted cleanly
    assert!(!report.contains("integrity"), "{report}");
    let out = env.run(&["check", "--repair"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env.run(&["check"]).status.success());
}

#[test]
fn the_shell_searches_the_same_index() {
    let env = seeded();
    let Some(sqlite3) = common::sqlite3_shell() else {
        return;
    };
    let out = common::shell(
        &sqlite3,
        &env.db(),
        "SELECT kind, label FROM search_texts WHERE entry_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH (SELECT group_concat('\"' || term || '\"', ' OR ') FROM search_vocab WHERE term >= '储能' AND term <= '储能' || char(1114111, 1114111))) ORDER BY entry_id LIMIT 1;
         SELECT kind, label FROM search_texts WHERE entry_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH '\"飞轮储\" AND \"轮储能\"') ORDER BY entry_id LIMIT 1;",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "project|年產1GW飛輪儲能設備研發制造運營基地項目",
            "project|年產1GW飛輪儲能設備研發制造運營基地項目"
        ]
    );
}

/// The recipe of docs/schema.md (Datasette's canned query `search`) in the stock shell: a term
/// in either script and of one or two characters (a trigram MATCH of 储能 finds nothing on
/// SQLite 3.40) is folded in SQL and finds what `zhaoshang search` finds, in its order.
#[test]
fn the_shell_folds_a_term_of_any_length() {
    let env = seeded();
    let Some(sqlite3) = common::sqlite3_shell() else {
        return;
    };
    for term in ["儲能", "储能", "飛輪儲能", "輪", "ＧＷ", "江津区"] {
        let mut child = std::process::Command::new(&sqlite3)
            .arg("-bail")
            .arg("-cmd")
            .arg(format!(".parameter set :q {term}"))
            .arg(env.db())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(
            &mut child.stdin.take().unwrap(),
            zhaoshang::store::search::SEARCH_SQL.as_bytes(),
        )
        .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        // (kind, name) of each record the shell found, once each
        let mut shell: Vec<(String, String)> = Vec::new();
        for line in stdout(&out).lines() {
            let cells: Vec<&str> = line.split('|').collect();
            let found = (cells[0].to_string(), cells[2].to_string());
            if !shell.contains(&found) {
                shell.push(found);
            }
        }
        let mut ours: Vec<(String, String)> = search(&env, &[term])
            .into_iter()
            .map(|(kind, name, _)| (kind, name))
            .collect();
        assert!(!ours.is_empty(), "{term}");
        shell.sort();
        ours.sort();
        assert_eq!(shell, ours, "{term}");
    }
}

/// A copy of a fixture catalogue of an earlier schema (`version`), migrated by this program.
fn migrated_fixture(name: &str, version: i64) -> TestEnv {
    let env = TestEnv::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::copy(&fixture, env.db()).unwrap();
    let schema_version = |env: &TestEnv| -> i64 {
        rusqlite::Connection::open(env.db())
            .unwrap()
            .query_row(
                "SELECT max(version) FROM refinery_schema_history",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(schema_version(&env), version);
    let migrated = env.run(&["migrate"]);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    assert!(schema_version(&env) > version);
    env
}

/// A command's stdout, which must succeed.
fn answer(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Each report (csv) and each search (top 50, csv) under a `== …` heading.
fn reports_and_searches(env: &TestEnv, reports: &[&str], terms: &[&str]) -> String {
    let mut answers = String::new();
    for report in reports {
        answers.push_str(&format!("== report {report}\n"));
        answers.push_str(&answer(
            env,
            &["--quiet", "report", report, "--format", "csv"],
        ));
    }
    for term in terms {
        answers.push_str(&format!("== search {term}\n"));
        let mut args = vec!["--quiet", "search"];
        args.extend(term.split_whitespace());
        args.extend(["--limit", "50", "--format", "csv"]);
        answers.push_str(&answer(env, &args));
    }
    answers
}

/// Our answers line by line against a golden file's, then `check` on the catalogue.
fn same_as_golden_and_checked(env: &TestEnv, answers: &str, golden: &str) {
    assert_eq!(answers.lines().count(), golden.lines().count());
    for (ours, before) in answers.lines().zip(golden.lines()) {
        assert_eq!(ours, before);
    }
    let check = env.run(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// Every report and the searches of `terms` against a golden file's (its part before
/// `== export`), then `check`; gives the golden file's export.
fn every_report_and_search_as_golden<'a>(
    env: &TestEnv,
    terms: &[&str],
    golden: &'a str,
) -> &'a str {
    let answers = reports_and_searches(env, &common::REPORTS, terms);
    let (golden, golden_export) = golden.split_once("== export\n").unwrap();
    same_as_golden_and_checked(env, &answers, golden);
    golden_export
}

/// A catalogue of schema V9 (tests/fixtures/before-v11.db: the seed and five fixture sources,
/// imported by the program of commit 11e80c5, its divisions emptied to keep the file small; the
/// program refills them) converted in place by V11 answers every report and every search as it
/// did before (tests/golden/before_v11.txt: that program's answers, written by the commands
/// below on a copy of the file), and `check` finds the index in step and every quote in its text.
#[test]
fn a_catalogue_converted_to_v11_answers_as_before() {
    let env = migrated_fixture("before-v11.db", 9);
    // `followthrough` came after that program (issue 26, with V10): every report it had.
    let reports: Vec<&str> = common::REPORTS
        .iter()
        .copied()
        .filter(|r| *r != "followthrough")
        .collect();
    let terms = [
        "储能",
        "儲能",
        "新能源",
        "江津",
        "津",
        "能",
        "飛輪儲能",
        "有限公司",
        "项目",
        "1gw",
        "億元",
        "永川",
        "示例",
        "产业园",
        "区",
        "重庆",
        "新能源 汽车",
    ];
    let answers = reports_and_searches(&env, &reports, &terms);
    same_as_golden_and_checked(&env, &answers, include_str!("golden/before_v11.txt"));
}

/// A catalogue of schema V12 (tests/fixtures/before-v13.db: the seed, the format-2, lifecycle and
/// divisions fixtures and a later source written for this test that declares their names again
/// in the other script (tests/fixtures/redeclared), imported by the program of commit e6f38b9,
/// its divisions emptied) converted in place by V13, which drops `sources.record_json` and
/// rebuilds each source from the tables: every report and search is as that program gave them
/// (tests/golden/before_v13.txt), the export as [`exports_as_before`] says, and `check` passes.
#[test]
fn a_catalogue_converted_to_v13_answers_and_exports_as_before() {
    let env = migrated_fixture("before-v13.db", 12);
    let terms = [
        "储能",
        "新能源",
        "枣阳",
        "棗陽",
        "遠帆",
        "智能仓储",
        "能",
        "有限公司",
        "项目",
        "億元",
        "永川",
        "如皋",
        "重庆",
        "新能源 汽车",
    ];
    let golden_export =
        every_report_and_search_as_golden(&env, &terms, include_str!("golden/before_v13.txt"));
    exports_as_before(&env, golden_export);
}

/// A catalogue of schema V13 (tests/fixtures/before-v14.db: tests/fixtures/before-v13.db
/// migrated by the program of commit 0d8b9b2, its divisions emptied) converted in place by V14,
/// whose trigram index keeps no positions: every report, every search (terms of one to seven
/// characters in either script; a longer one is now looked up by the trigrams that cover it)
/// and the export are byte for byte as that program gave them (tests/golden/before_v14.txt), and
/// `check` passes.
#[test]
fn a_catalogue_converted_to_v14_answers_and_exports_as_before() {
    let env = migrated_fixture("before-v14.db", 13);
    let terms = [
        "储能",
        "新能源",
        "飛輪儲能",
        "飞轮储能",
        "智能仓储",
        "智能倉儲",
        "棗陽",
        "遠帆",
        "新能源汽车",
        "有限公司",
        "项目",
        "億元",
        "能",
        "经济技术开发区",
        "新能源 汽车",
    ];
    let golden_export =
        every_report_and_search_as_golden(&env, &terms, include_str!("golden/before_v14.txt"));
    assert_eq!(
        answer(&env, &["--quiet", "export", "--jsonl", "-"]),
        golden_export
    );
}

/// The rows of the seventeen tables of facts: each whose quotes V15 stores as slices
/// (`{table}_sliced`, in the order the migration made them) read through the view under its
/// name, `events` and `statistics` (whose quotes V15 keeps written out) in their places among
/// them; and of the views over them; under `== rows …` headings.
fn rows_of_quoted_tables(env: &TestEnv) -> String {
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let mut tables: Vec<String> = c
        .prepare(
            "SELECT substr(name, 1, length(name) - 7) FROM sqlite_schema
              WHERE type = 'table' AND name LIKE '%\\_sliced' ESCAPE '\\' ORDER BY rowid",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables.len(), 15, "{tables:?}");
    assert!(!tables.iter().any(|t| t == "events" || t == "statistics"));
    tables.insert(0, "events".to_string());
    tables.insert(2, "statistics".to_string());
    tables.extend(
        [
            "projects_quoted",
            "project_companies_quoted",
            "project_overview",
            "event_overview",
            "project_steps",
            "project_status",
        ]
        .map(String::from),
    );
    let mut rows = String::new();
    for table in &tables {
        rows.push_str(&format!("== rows {table}\n"));
        rows.push_str(&answer(
            env,
            &[
                "--quiet",
                "sql",
                &format!("SELECT * FROM {table} ORDER BY 1, 2, 3, 4"),
                "--format",
                "csv",
            ],
        ));
    }
    rows
}

/// A catalogue of schema V14 (tests/fixtures/before-v15.db: tests/fixtures/before-v14.db
/// migrated by the program of commit c709d05, its divisions emptied) converted in place by V15,
/// which stores the quotes of fifteen tables of facts as slices of their source's text: every
/// report, every search, every row of the seventeen tables of facts (the fifteen read through the
/// views under their names) and of the views over them, and the export are byte for byte as that program gave them
/// (tests/golden/before_v15.txt), and `check` passes.
#[test]
fn a_catalogue_converted_to_v15_answers_and_exports_as_before() {
    let env = migrated_fixture("before-v15.db", 14);
    let terms = [
        "储能",
        "新能源",
        "飛輪儲能",
        "智能仓储",
        "棗陽",
        "遠帆",
        "有限公司",
        "项目",
        "億元",
        "能",
        "新能源 汽车",
    ];
    let mut answers = reports_and_searches(&env, &common::REPORTS, &terms);
    answers.push_str(&rows_of_quoted_tables(&env));
    let (golden, golden_export) = include_str!("golden/before_v15.txt")
        .split_once("== export\n")
        .unwrap();
    same_as_golden_and_checked(&env, &answers, golden);
    assert_eq!(
        answer(&env, &["--quiet", "export", "--jsonl", "-"]),
        golden_export
    );
}

/// The export of a converted catalogue against the program before's (`golden`, JSON Lines): the
/// same as what the program before's export gives once imported into an empty catalogue and
/// exported again (the same facts), and byte for byte but where a source reports a project
/// again (`same_as`) and states again a link of it that its first source stated: the catalogue
/// holds the link once, with the first source's quote (schema V13 rebuilds the export from the
/// tables).
fn exports_as_before(env: &TestEnv, golden: &str) {
    let ours = answer(env, &["--quiet", "export", "--jsonl", "-"]);
    let again = TestEnv::new();
    let before = again.dir.path().join("before.jsonl");
    std::fs::write(&before, golden).unwrap();
    answer(&again, &["--quiet", "init", "--empty"]);
    answer(&again, &["--quiet", "import", before.to_str().unwrap()]);
    assert_eq!(ours, answer(&again, &["--quiet", "export", "--jsonl", "-"]));
    assert_eq!(ours.lines().count(), golden.lines().count());
    for (i, (line, before)) in ours.lines().zip(golden.lines()).enumerate() {
        assert!(
            line == before || before.contains("\"same_as\""),
            "source {}: {before}",
            i + 1
        );
    }
}

/// A catalogue of schema V11 (tests/fixtures/before-v12.db: the seed, the format-2 and lifecycle
/// fixtures and two more, imported by the program of commit 1e58a18, its divisions emptied)
/// converted in place by V12 (and V13), which stores a quote that repeats the project's once:
/// every report, search, every project and company shown, and the rows of projects and
/// project_companies (now with each quote written out by their `_quoted` views) are as that
/// program gave them (tests/golden/before_v12.txt), the export as [`exports_as_before`] says,
/// and `check` finds every quote in its text.
#[test]
fn a_catalogue_converted_to_v12_answers_as_before() {
    let env = migrated_fixture("before-v12.db", 11);
    let terms = [
        "储能",
        "儲能",
        "新能源",
        "江津",
        "能",
        "有限公司",
        "项目",
        "1gw",
        "億元",
        "永川",
        "枣阳",
        "如皋",
        "产业园",
        "重庆",
        "新能源 汽车",
    ];
    let mut answers = reports_and_searches(&env, &common::REPORTS, &terms);
    let golden = include_str!("golden/before_v12.txt");
    let (before_export, rest) = golden.split_once("== export\n").unwrap();
    let at = rest.find("== projects\n").unwrap();
    exports_as_before(&env, &rest[..at]);
    let golden = format!("{before_export}{}", &rest[at..]);
    for (heading, sql) in [
        (
            "projects",
            "SELECT * FROM projects_quoted ORDER BY project_id",
        ),
        (
            "project_companies",
            "SELECT * FROM project_companies_quoted ORDER BY project_id, company_id, role",
        ),
    ] {
        answers.push_str(&format!("== {heading}\n"));
        answers.push_str(&answer(&env, &["--quiet", "sql", sql, "--format", "csv"]));
    }
    for (kind, count) in [("project", 24), ("company", 10)] {
        for id in 1..=count {
            answers.push_str(&format!("== show {kind} {id}\n"));
            let id = id.to_string();
            answers.push_str(&answer(
                &env,
                &["--quiet", "show", kind, &id, "--format", "json"],
            ));
        }
    }
    same_as_golden_and_checked(&env, &answers, &golden);
    // The quotes it left out are the projects' own: one copy of each, none lost.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let stored: (i64, i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM projects WHERE amount_currency IS NOT NULL),
                    (SELECT count(amount_quote) FROM projects),
                    (SELECT count(*) FROM projects_quoted WHERE amount_quote = quote)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(stored.0, stored.1 + stored.2, "{stored:?}");
    assert!(stored.2 > 0 && stored.1 > 0, "{stored:?}");
}

/// V18 writes the CHECKs of closed lists as comparisons joined by OR (an IN list of three or more
/// values costs a temporary b-tree per row written): no table of a fresh catalogue nor of one
/// converted from V14 keeps such a list, and the converted one's lists still refuse a value not
/// on them.
#[test]
fn closed_lists_are_checked_without_in_lists_fresh_and_converted() {
    let fresh = TestEnv::new();
    answer(&fresh, &["--quiet", "init", "--empty"]);
    let converted = migrated_fixture("before-v15.db", 14);
    let list = regex::Regex::new(r"(?i)\bIN\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*,").unwrap();
    for env in [&fresh, &converted] {
        let db = rusqlite::Connection::open(env.db()).unwrap();
        let mut tables = db
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")
            .unwrap();
        let with_lists: Vec<String> = tables
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(_, sql)| list.is_match(sql))
            .map(|(name, _)| name)
            .collect();
        assert!(with_lists.is_empty(), "{with_lists:?}");
        let refused = db.execute(
            "UPDATE statistics SET qualifier = 'roughly' WHERE rowid = (SELECT min(rowid) FROM statistics)",
            [],
        );
        let rows: i64 = db
            .query_row("SELECT count(*) FROM statistics", [], |r| r.get(0))
            .unwrap();
        if std::ptr::eq(env, &converted) {
            assert!(rows > 0);
            let err = refused.expect_err("a qualifier not on the list is refused");
            assert!(err.to_string().contains("CHECK"), "{err}");
        }
        let ok: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
}
