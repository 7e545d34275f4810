//! Reports, listings, records and ad-hoc SQL on the seed: what a user sees and what a program
//! parses.

mod common;

use std::path::PathBuf;

use common::{TestEnv, ok, stderr, stdout};
use rusqlite::Connection;

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

fn fails(env: &TestEnv, args: &[&str]) -> String {
    fails_with(env, args, 1)
}

/// A command line asking for something impossible: exit 2, as README's exit codes say.
fn usage_error(env: &TestEnv, args: &[&str]) -> String {
    fails_with(env, args, 2)
}

fn fails_with(env: &TestEnv, args: &[&str], code: i32) -> String {
    let out = env.run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "zhaoshang {args:?}: {}",
        stdout(&out)
    );
    stderr(&out)
}

fn json(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let text = ok(env, &args);
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"))
        .as_array()
        .cloned()
        .expect("a JSON array")
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares with tests/golden/NAME; `UPDATE_GOLDEN=1 cargo test` rewrites the files.
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its golden file.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

use common::{LISTINGS, REPORTS};

#[test]
fn every_report_matches_its_golden_output_as_table_and_json() {
    let env = seeded();
    let list = ok(&env, &["report", "--list"]);
    for name in REPORTS {
        assert!(list.contains(name), "{name} missing from report --list");
        assert_golden(&format!("report-{name}.txt"), &ok(&env, &["report", name]));
        assert_golden(
            &format!("report-{name}.json"),
            &ok(&env, &["report", name, "--format", "json"]),
        );
    }
    assert_eq!(list.lines().count(), REPORTS.len());
}

#[test]
fn the_reports_figures_match_the_article() {
    let env = seeded();
    let summary = json(&env, &["report", "summary"]);
    assert_eq!(summary.len(), 1);
    let s = &summary[0];
    assert_eq!(s["headline_count"], 28);
    assert_eq!(s["headline_amount_yuan"], 26_600_000_000_i64);
    assert_eq!(s["named_count"], 10);
    assert_eq!(s["named_with_amount"], 5);
    assert_eq!(s["named_amount_yuan"], 20_000_000_000_i64);
    assert_eq!(s["unitemised_count"], 18);
    assert_eq!(s["unitemised_amount_yuan"], 6_600_000_000_i64);

    let industries = json(&env, &["report", "industries"]);
    let storage = industries
        .iter()
        .find(|r| r["industry"] == "新能源及新型儲能")
        .unwrap();
    assert_eq!(storage["projects"], 2);
    assert_eq!(storage["amount_yuan"], 10_200_000_000_i64);
    assert_eq!(storage["inferred"], 2);
    let stated = json(&env, &["report", "industries", "--param", "basis=stated"]);
    let storage = stated
        .iter()
        .find(|r| r["industry"] == "新能源及新型儲能")
        .unwrap();
    assert_eq!(storage["projects"], 0, "inferred links are left out");
    let car = industries
        .iter()
        .find(|r| r["industry"] == "智能網聯新能源汽車與零部件")
        .unwrap();
    assert_eq!(car["main_in"], "兩主四特");
    assert_eq!(car["special_in"], serde_json::Value::Null);

    let top = json(&env, &["report", "top", "--param", "limit=2"]);
    assert_eq!(top.len(), 2);
    assert_eq!(top[0]["project"], "年產1GW飛輪儲能設備研發制造運營基地項目");
    assert_eq!(top[0]["amount_yuan"], 5_200_000_000_i64);

    let targets = json(&env, &["report", "targets"]);
    let agreed = targets
        .iter()
        .find(|r| r["metric"] == "agreed_investment")
        .unwrap();
    assert_eq!(agreed["target_yuan"], 100_000_000_000_i64);
    assert_eq!(agreed["period_start"], "2024-01-01");
    // Nothing is catalogued for 2024: that is no data, not 0% (issue 11, item 9).
    assert_eq!(
        agreed["events_signed_yuan"],
        serde_json::Value::Null,
        "no 2024 event is catalogued"
    );
    assert_eq!(agreed["progress_pct"], serde_json::Value::Null);
    assert_eq!(agreed["status"], "no data");

    let bands = json(&env, &["report", "bands"]);
    let at_least_50 = bands
        .iter()
        .find(|r| r["kind"] == "standard" && r["band"] == "≥50億")
        .unwrap();
    assert_eq!(at_least_50["projects"], 3);
    assert_eq!(at_least_50["amount_yuan"], 15_200_000_000_i64);
    let unstated = bands.iter().find(|r| r["band"] == "unstated").unwrap();
    assert_eq!(unstated["projects"], 5);

    let timeline = json(&env, &["report", "timeline", "--param", "by=quarter"]);
    assert_eq!(timeline[0]["period"], "2023-Q4");
    assert_eq!(timeline[0]["signed_amount_yuan"], 26_600_000_000_i64);
}

fn status_of(rows: &[serde_json::Value], check: &str, scope_contains: &str) -> String {
    rows.iter()
        .find(|r| {
            r["check"].as_str().unwrap().starts_with(check)
                && r["scope"].as_str().unwrap().contains(scope_contains)
        })
        .unwrap_or_else(|| panic!("no row {check} / {scope_contains}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn reconcile_on_the_seed() {
    let env = seeded();
    let rows = json(&env, &["report", "reconcile"]);
    let event = "江津區招商引資項目集中簽約活動";
    assert_eq!(
        status_of(&rows, "headline amount vs named amounts", event),
        "itemised_below_reported"
    );
    assert_eq!(
        status_of(&rows, "headline projects vs named projects", event),
        "itemised_below_reported"
    );
    assert_eq!(
        status_of(&rows, "band 50億以上 vs named projects in it", event),
        "consistent"
    );
    // 逾1000億 against 266億 catalogued: below, not a contradiction
    assert_eq!(
        status_of(
            &rows,
            "集中簽約活動引資總額 vs catalogued events",
            "2023-01-01"
        ),
        "itemised_below_reported"
    );
    // The article's own period figures: 近20 projects of 20億 or more, yet 11 + 9 = 20 in its
    // parts. "Nearly" means a little under, so the parts exceed the whole.
    assert_eq!(
        status_of(&rows, "band 20億以上 vs its parts", "2023-01-01"),
        "contradiction"
    );
    let only = json(
        &env,
        &["report", "reconcile", "--param", "status=contradiction"],
    );
    assert_eq!(only.len(), 1);
}

#[test]
fn reconcile_finds_a_constructed_contradiction_and_respects_qualifiers() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    // Fewer projects announced than are named: a contradiction.
    c.execute("UPDATE events SET project_count = 9", [])
        .unwrap();
    // A more_than headline below the named sum is still consistent: 逾190億 with 200億 named.
    c.execute(
        "UPDATE events SET signed_amount_yuan = 19000000000, signed_amount_qualifier = 'more_than'",
        [],
    )
    .unwrap();
    drop(c);
    let rows = json(&env, &["report", "reconcile"]);
    let event = "江津區招商引資項目集中簽約活動";
    assert_eq!(
        status_of(&rows, "headline projects vs named projects", event),
        "contradiction"
    );
    assert_eq!(
        status_of(&rows, "headline amount vs named amounts", event),
        "consistent"
    );
    // 28 → 9 also makes the band count 7 fit the headline still; the exact one at 9 named is not
    let c = Connection::open(env.db()).unwrap();
    c.execute(
        "UPDATE events SET signed_amount_qualifier = 'exact', signed_amount_yuan = 19000000000",
        [],
    )
    .unwrap();
    drop(c);
    let rows = json(&env, &["report", "reconcile"]);
    assert_eq!(
        status_of(&rows, "headline amount vs named amounts", event),
        "contradiction"
    );
}

#[test]
fn table_output_reads_as_people_read_amounts() {
    let env = seeded();
    let reconcile = ok(&env, &["report", "reconcile"]);
    assert!(reconcile.contains("逾1000億"), "{reconcile}");
    assert!(reconcile.contains("近20"), "{reconcile}");
    let industries = ok(&env, &["report", "industries"]);
    assert!(
        industries.contains("102億") && industries.contains('█'),
        "{industries}"
    );
    let json_text = ok(&env, &["report", "industries", "--format", "json"]);
    assert!(!json_text.contains('█'), "bars are for tables only");
    let csv = ok(&env, &["report", "industries", "--format", "csv"]);
    assert!(!csv.contains('█'));
    assert!(csv.starts_with("industry,main_in,special_in,events_covering,projects,stated,inferred,with_amount,amount_yuan,amount_qualifier,unstated_amount\n"), "{csv}");
    assert!(
        csv.contains("新能源及新型儲能,,,1,2,0,2,2,10200000000,exact,0\n"),
        "{csv}"
    );
    let ndjson = ok(&env, &["report", "top", "--format", "ndjson"]);
    assert_eq!(ndjson.lines().count(), 5);
    for line in ndjson.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["amount_yuan"].is_i64());
    }
    let markdown = ok(&env, &["report", "summary", "--format", "markdown"]);
    assert!(
        markdown.starts_with("| event id | held on | district |"),
        "{markdown}"
    );
    assert!(markdown.contains("| ---: |"), "{markdown}");
}

#[test]
fn report_sql_is_the_file_and_runs_in_the_shell() {
    let env = seeded();
    let sql = ok(&env, &["report", "summary", "--sql"]);
    let file = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("reports/summary.sql"),
    )
    .unwrap();
    assert_eq!(sql, file);
    if let Some(sqlite3) = common::sqlite3_shell() {
        for name in REPORTS {
            let sql = ok(&env, &["report", name, "--sql"]);
            let mut child = std::process::Command::new(&sqlite3)
                .arg("-bail")
                .arg("-json")
                .arg(env.db())
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            std::io::Write::write_all(&mut child.stdin.take().unwrap(), sql.as_bytes()).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{name} in sqlite3: {}", stderr(&out));
            let shell: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let ours = json(&env, &["report", name]);
            assert_eq!(
                shell.as_array().unwrap().len(),
                ours.len(),
                "{name}: the shell and the program disagree"
            );
        }
    }
}

#[test]
fn report_errors_are_clear() {
    let env = seeded();
    let err = usage_error(&env, &["report", "nosuch"]);
    assert!(
        err.contains("no report `nosuch`; the reports are: summary, reconcile"),
        "{err}"
    );
    let err = usage_error(&env, &["report", "summary", "--param", "region=x"]);
    assert!(
        err.contains(
            "report `summary` has no parameter `region`; its parameters are: district, from, to"
        ),
        "{err}"
    );
    let err = usage_error(&env, &["report", "summary", "--param", "district"]);
    assert!(err.contains("expected KEY=VALUE"), "{err}");
}

#[test]
fn listing_filters() {
    let env = seeded();
    let names = |args: &[&str], field: &str| -> Vec<String> {
        json(&env, args)
            .iter()
            .map(|r| r[field].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(json(&env, &["projects"]).len(), 10);
    assert_eq!(
        names(&["projects", "--min-amount", "50億"], "project"),
        vec![
            "年產1GW飛輪儲能設備研發制造運營基地項目",
            "華健未來國際創新醫藥總部項目",
            "“光伏-花椒”農光互補項目"
        ]
    );
    assert_eq!(
        json(
            &env,
            &[
                "projects",
                "--min-amount",
                "5e9",
                "--max-amount",
                "5000000000"
            ]
        )
        .len(),
        2
    );
    assert_eq!(json(&env, &["projects", "--max-amount", "20亿"]).len(), 1);
    assert_eq!(
        names(&["projects", "--company", "菜鳥"], "project"),
        vec!["重慶跨境寶跨境電商(菜鳥倉)項目"],
        "a short name finds the company"
    );
    assert_eq!(
        names(&["projects", "--strategy", "健康中國戰略"], "project"),
        vec!["華健未來國際創新醫藥總部項目"]
    );
    assert_eq!(
        json(&env, &["projects", "--industry", "食品與農產品加工"]).len(),
        2
    );
    assert_eq!(
        json(
            &env,
            &[
                "projects",
                "--industry",
                "食品與農產品加工",
                "--stated-only"
            ]
        )
        .len(),
        0
    );
    assert_eq!(
        names(
            &["projects", "--industry", "大健康產業", "--stated-only"],
            "project"
        ),
        vec!["華健未來國際創新醫藥總部項目"]
    );
    assert_eq!(json(&env, &["projects", "--district", "珞璜"]).len(), 1);
    // Names match in either script.
    assert_eq!(json(&env, &["projects", "--district", "江津区"]).len(), 10);
    assert_eq!(json(&env, &["projects", "--company", "菜鸟"]).len(), 1);
    assert_eq!(json(&env, &["projects", "--industry", "生物医药"]).len(), 1);
    assert_eq!(json(&env, &["events", "--strategy", "两主四特"]).len(), 1);
    assert_eq!(
        json(&env, &["report", "summary", "--param", "district=江津区"]).len(),
        1
    );
    assert_eq!(
        json(&env, &["report", "summary", "--param", "district=江北区"]).len(),
        0
    );
    assert_eq!(json(&env, &["projects", "--from", "2024-01-01"]).len(), 0);
    assert_eq!(json(&env, &["projects", "--to", "2023-12-27"]).len(), 10);
    assert_eq!(
        names(&["projects", "--sort", "name", "--limit", "1"], "project"),
        vec!["“光伏-花椒”農光互補項目"]
    );
    assert_eq!(json(&env, &["events", "--industry", "生物醫藥"]).len(), 1);
    assert_eq!(json(&env, &["events", "--company", "華健未來"]).len(), 1);
    assert_eq!(json(&env, &["events", "--min-amount", "300億"]).len(), 0);
    assert_eq!(
        names(
            &["companies", "--sort", "amount", "--limit", "1"],
            "company"
        ),
        vec!["成都華健未來科技有限公司"]
    );
    assert_eq!(json(&env, &["industries"]).len(), 12);
    assert_eq!(
        json(&env, &["strategies", "--industry", "精密銅材"]).len(),
        1
    );
    assert_eq!(
        json(&env, &["places", "--district", "江津區"]).len(),
        7,
        "the district, its town, zone and park, and the park's three areas"
    );
    assert_eq!(json(&env, &["sources"]).len(), 1);
    assert_eq!(json(&env, &["stats", "--min-amount", "500億"]).len(), 3);
    assert_eq!(
        json(&env, &["stats", "--from", "2024-01-01"]).len(),
        2 + 6,
        "targets and standing facts"
    );

    let err = usage_error(&env, &["places", "--industry", "x"]);
    assert!(err.contains("`places` has no --industry filter"), "{err}");
    let err = usage_error(&env, &["projects", "--sort", "size"]);
    assert!(err.contains("expected one of: amount, date, name"), "{err}");
    let err = usage_error(&env, &["projects", "--from", "2023-13-01"]);
    assert!(
        err.contains("--from `2023-13-01` is not a date; expected YYYY-MM-DD"),
        "{err}"
    );
    for bad in ["ten", "逾5億", "5美元", "-3億"] {
        let err = usage_error(&env, &["projects", "--min-amount", bad]);
        assert!(
            err.contains("expected an amount in yuan such as 10億, 10亿, 5000萬"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn show_prints_each_kind_of_record_whole() {
    let env = seeded();
    let cases: [(&str, &str, &[&str]); 8] = [
        (
            "event",
            "江津區招商引資項目集中簽約活動",
            &[
                "共有28個項目攜266億元落戶江津",
                "projects (10)",
                "reported bands (2)",
                "industries covered (7)",
            ],
        ),
        (
            "project",
            "重慶跨境寶跨境電商(菜鳥倉)項目",
            &[
                "珞璜",
                "inferred",
                "不低於200萬單",
                "以上",
                "companies (2)",
                "facts (3)",
                "sources (1)",
            ],
        ),
        (
            "company",
            "菜鸟",
            &[
                "杭州菜鳥供應鏈管理有限公司",
                "阿裡巴巴集團",
                "affiliate",
                "also named (1)",
            ],
        ),
        (
            "industry",
            "航天航空器及其制造",
            &["special", "亞太地區通用航空發動機生產制造基地項目"],
        ),
        (
            "strategy",
            "兩主四特",
            &[
                "industrial_layout",
                "layout (6)",
                "契合江津區“兩主四特”現代產業發展的需要",
            ],
        ),
        (
            "place",
            "江津區",
            &["district", "重慶市", "statistics (", "逾1000億"],
        ),
        ("source", "1", &["李波", "人民網-重慶頻道", "full text"]),
        (
            "stat",
            "funds_in_place",
            &["300億", "2024-12-31", "實際到位資金300億元"],
        ),
    ];
    for (kind, name, expected) in cases {
        let text = ok(&env, &["show", kind, name]);
        for e in expected {
            assert!(
                text.contains(e),
                "show {kind} {name}: `{e}` missing\n{text}"
            );
        }
        let v: serde_json::Value =
            serde_json::from_str(&ok(&env, &["show", kind, name, "--format", "json"])).unwrap();
        assert!(v["record"].is_object(), "{kind}: {v}");
    }
    let v: serde_json::Value = serde_json::from_str(&ok(
        &env,
        &[
            "show",
            "project",
            "年產1GW飛輪儲能設備研發制造運營基地項目",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(v["record"]["amount_yuan"], 5_200_000_000_i64);
    assert_eq!(
        v["record"]["amount_quote"],
        "投資52億元的年產1GW飛輪儲能設備研發制造運營基地項目"
    );
    assert_eq!(v["industries"][0]["basis"], "inferred");
    assert_eq!(v["sources"][0]["published_on"], "2023-12-27");
    let csv = ok(&env, &["show", "company", "3", "--format", "csv"]);
    assert!(
        csv.starts_with("section,row,field,value\nrecord,1,company_id,3\n"),
        "{csv}"
    );

    let err = fails(&env, &["show", "company", "騰訊"]);
    assert!(
        err.contains("no company with the name or id `騰訊`"),
        "{err}"
    );
}

#[test]
fn show_lists_candidates_for_an_ambiguous_name() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    c.execute(
        "INSERT INTO places (name, name_key, kind, parent_id) SELECT '珞璜', '珞璜', 'town', place_id FROM places WHERE name = '重慶市'",
        [],
    )
    .unwrap();
    drop(c);
    let err = fails(&env, &["show", "place", "珞璜"]);
    assert!(
        err.contains("`珞璜` names 2 places; give the id of one:"),
        "{err}"
    );
    assert!(
        err.contains("珞璜 in 江津區") && err.contains("珞璜 in 重慶市"),
        "{err}"
    );
}

fn snapshot(env: &TestEnv) -> (Vec<u8>, std::time::SystemTime, Vec<String>) {
    let bytes = std::fs::read(env.db()).unwrap();
    let modified = std::fs::metadata(env.db()).unwrap().modified().unwrap();
    let mut files: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    (bytes, modified, files)
}

#[test]
fn read_only_commands_leave_the_file_untouched() {
    let env = seeded();
    let before = snapshot(&env);
    assert_eq!(before.2, vec!["catalogue.db".to_string()]);
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["events"],
        vec!["projects"],
        vec!["companies"],
        vec!["industries"],
        vec!["strategies"],
        vec!["places"],
        vec!["sources"],
        vec!["stats"],
        vec!["show", "event", "1"],
        vec!["sql", "SELECT count(*) FROM projects"],
    ];
    for name in REPORTS {
        commands.push(vec!["report", name]);
    }
    for args in &commands {
        ok(&env, args);
    }
    assert!(
        snapshot(&env) == before,
        "a read-only command changed the directory or the file"
    );
}

#[test]
fn read_only_commands_refuse_a_database_that_needs_migrating() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    c.execute("DELETE FROM refinery_schema_history", [])
        .unwrap();
    drop(c);
    let before = snapshot(&env);
    let err = fails(&env, &["report", "summary"]);
    assert!(
        err.contains(
            "needs migrating (20 pending: V1__catalogue, V2__search, V3__reports_of_periods, V4__search_pairs, V5__search_in_either_script, V6__file_names_without_folders, V7__sources_identified_by_url, V8__divisions, V9__what_sources_state, V10__lifecycle, V11__smaller_catalogue, V12__one_copy_of_each_quote, V13__one_copy_of_each_fact, V14__trigram_index_without_positions, V15__quotes_as_slices, V16__short_terms_from_trigrams, V17__source_entries_packed, V18__checks_without_in_lists, V19__divisions_fingerprint, V20__short_names_of_peoples_places); run `zhaoshang migrate` first"
        ),
        "{err}"
    );
    assert!(snapshot(&env) == before);
}

#[test]
fn sql_reads_and_refuses_every_kind_of_write() {
    let env = seeded();
    let rows = json(
        &env,
        &[
            "sql",
            "SELECT name, amount_yuan FROM projects WHERE amount_yuan >= 5000000000 ORDER BY 2 DESC",
        ],
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["amount_yuan"], 5_200_000_000_i64);
    let table = ok(
        &env,
        &["sql", "SELECT sum(amount_yuan) AS total_yuan FROM projects"],
    );
    assert!(table.contains("200億"), "{table}");

    let before = snapshot(&env);
    let other = env.dir.path().join("other.db");
    let attach = format!("ATTACH DATABASE '{}' AS other", other.display());
    let writes = [
        "INSERT INTO industries (name, source_id, quote) VALUES ('x', 1, 'x')",
        // V15: projects is a view over projects_sliced, which holds the rows
        "UPDATE projects_sliced SET amount_yuan = 0",
        "DELETE FROM projects_sliced",
        "CREATE TABLE t (x)",
        "DROP TABLE projects_sliced",
        "DROP VIEW projects",
        "ALTER TABLE projects_sliced ADD COLUMN x",
        "CREATE INDEX i ON projects_sliced (name)",
        "WITH x AS (SELECT 1) INSERT INTO industries (name, source_id, quote) SELECT 'y', 1, 'y' FROM x",
        attach.as_str(),
        "PRAGMA user_version = 7",
        "PRAGMA journal_mode = WAL",
        "VACUUM",
        "REINDEX",
        "BEGIN",
        "SELECT load_extension('/tmp/nothing')",
        "SELECT 1; DELETE FROM projects_sliced",
        "REPLACE INTO industries (industry_id, name, source_id, quote) VALUES (1, 'x', 1, 'x')",
    ];
    for sql in writes {
        let err = fails(&env, &["sql", sql]);
        assert!(
            err.contains("refused: `sql` only reads the catalogue")
                || err.contains("give one statement at a time")
                || err.contains("not authorized"),
            "{sql}: {err}"
        );
    }
    assert!(snapshot(&env) == before, "the file changed");
    assert!(!other.exists(), "ATTACH created a file");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = seeded();
    for _ in 0..3 {
        let mut child = env
            .command(&["show", "source", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
}

#[test]
fn every_table_and_column_is_documented_for_datasette() {
    let env = seeded();
    let path = env.dir.path().join("metadata.json");
    ok(&env, &["metadata", "--output", path.to_str().unwrap()]);
    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let tables = metadata["databases"]["catalogue"]["tables"]
        .as_object()
        .expect("tables of the database named after the file");
    for expected in [
        "projects",
        "events",
        "statistics",
        "project_overview",
        "event_overview",
    ] {
        assert!(tables.contains_key(expected), "{expected} missing");
    }
    let mut undocumented = Vec::new();
    for (table, doc) in tables {
        if doc["description"].as_str().unwrap_or("").is_empty() {
            undocumented.push(table.clone());
        }
        for (column, meaning) in doc["columns"].as_object().unwrap() {
            if meaning.as_str().unwrap_or("").is_empty() {
                undocumented.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "document these in docs/schema.md: {undocumented:?}"
    );
    // Every money column says its unit; no two columns of a table share a vague line.
    for (table, doc) in tables {
        for (column, meaning) in doc["columns"].as_object().unwrap() {
            let meaning = meaning.as_str().unwrap_or("");
            if column.ends_with("_yuan") {
                assert!(
                    meaning.contains("exact integer"),
                    "{table}.{column}: {meaning}"
                );
            }
            assert!(
                ![
                    "the mention",
                    "as above",
                    "as for events",
                    "as in `projects`"
                ]
                .contains(&meaning),
                "{table}.{column}: {meaning}"
            );
        }
    }
    assert!(
        tables["projects"]["columns"]["amount_yuan"]
            .as_str()
            .unwrap()
            .contains("yuan")
    );
}

#[test]
fn completions_and_manual_page() {
    let env = TestEnv::new();
    let bash = ok(&env, &["completions", "bash"]);
    assert!(
        bash.contains("_zhaoshang()") && bash.contains("report"),
        "{bash}"
    );
    let man = ok(&env, &["manpage"]);
    assert!(man.contains(".TH zhaoshang 1"), "{man}");
    assert!(man.contains("Run a bundled report"), "{man}");
    assert!(
        !env.db().exists(),
        "completions and manpage do not need a database"
    );
}

#[test]
fn documented_field_names_are_the_fields_produced() {
    let env = seeded();
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/output.md"))
            .unwrap();
    let mut commands: Vec<Vec<&str>> = REPORTS.iter().map(|r| vec!["report", *r]).collect();
    for l in LISTINGS {
        commands.push(vec![l]);
    }
    for args in commands {
        let mut with_format = args.clone();
        with_format.extend(["--format", "csv"]);
        let csv = ok(&env, &with_format);
        let header = csv.lines().next().unwrap();
        let line = format!(
            "- `{}`: `{}`",
            args.join(" "),
            header.split(',').collect::<Vec<_>>().join("`, `")
        );
        assert!(
            doc.contains(&line),
            "docs/output.md lacks or differs from:\n{line}"
        );
    }
}

/// Datasette (and the shell's `.param set :x ''`) send an empty string for a parameter left
/// empty: every report gives the same rows as when it is not given at all.
#[test]
fn an_empty_parameter_means_not_given_in_the_shell_as_in_the_program() {
    let Some(sqlite3) = common::sqlite3_shell() else {
        return; // sqlite3_shell said why
    };
    let env = seeded();
    for report in zhaoshang::view::reports::all() {
        let mut script = String::new();
        for (param, _) in &report.params {
            script.push_str(&format!(".param set :{param} ''\n"));
        }
        script.push_str(report.sql);
        let mut child = std::process::Command::new(&sqlite3)
            .arg("-bail")
            .arg("-json")
            .arg(env.db())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), script.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}: {}", report.name, stderr(&out));
        let shell: Vec<serde_json::Value> = if out.stdout.is_empty() {
            Vec::new()
        } else {
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let ours = json(&env, &["report", &report.name]);
        assert!(!ours.is_empty(), "{}: the seed gives rows", report.name);
        assert_eq!(shell.len(), ours.len(), "{}", report.name);
        for (s, o) in shell.iter().zip(&ours) {
            let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
            for k in keys {
                let (a, b) = (&s[k.as_str()], &o[k.as_str()]);
                let same = a == b || (a.as_f64().is_some() && a.as_f64() == b.as_f64());
                assert!(same, "{} {k}: shell {a} program {b}", report.name);
            }
        }
    }
}

#[test]
fn a_name_filter_that_matches_nothing_says_so_with_the_closest_names() {
    let env = seeded();
    let out = env.run(&["projects", "--district", "江津", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "only the header");
    assert!(
        stderr(&out).contains("no place is called `江津`")
            && stderr(&out).contains("did you mean 江津區"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["projects", "--industry", "储能"]);
    assert!(
        stderr(&out).contains("did you mean 新能源及新型儲能"),
        "{}",
        stderr(&out)
    );
    // Latin letters are read as pinyin, any reading of a character (重: zhong or chong).
    for (args, hint) in [
        (
            &["projects", "--district", "Jiangjin"][..],
            "no place is called `Jiangjin` (--district matches a whole name, in either script); did you mean 江津區,",
        ),
        (
            &["companies", "--company", "cainiao"][..],
            "did you mean 菜鳥, 杭州菜鳥供應鏈管理有限公司?",
        ),
        (
            &["report", "summary", "-p", "district=chongqing"][..],
            "did you mean 重慶市,",
        ),
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(hint), "{args:?}: {}", stderr(&out));
    }
    // A name that exists, in the other script, gives rows and no hint.
    let out = env.run(&["projects", "--district", "江津区", "--format", "csv"]);
    assert_eq!(stdout(&out).lines().count(), 11);
    assert!(!stderr(&out).contains("is called"), "{}", stderr(&out));
}

#[test]
fn the_excel_format_is_csv_with_a_byte_order_mark() {
    let env = seeded();
    let out = env.run(&["projects", "--format", "excel"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with("\u{feff}project_id,".as_bytes()));
    let text = stdout(&out);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let plain = ok(&env, &["projects", "--format", "csv"]);
    assert_eq!(
        text.trim_start_matches('\u{feff}').replace("\r\n", "\n"),
        plain
    );
}

#[test]
fn columns_offset_no_header_and_sort_direction_shape_any_output() {
    let env = seeded();
    // Pages: --offset counts before --limit, in the listing's own order.
    let all = ok(
        &env,
        &[
            "projects",
            "--format",
            "csv",
            "--columns",
            "project",
            "--no-header",
        ],
    );
    let all: Vec<&str> = all.lines().collect();
    assert_eq!(all.len(), 10);
    let page = ok(
        &env,
        &[
            "projects",
            "--format",
            "csv",
            "--columns",
            "project",
            "--no-header",
            "--limit",
            "3",
            "--offset",
            "2",
        ],
    );
    assert_eq!(page.lines().collect::<Vec<_>>(), all[2..5]);
    // A direction on a sort key; NULLs stay last either way.
    let asc = ok(
        &env,
        &[
            "projects",
            "--sort",
            "amount:asc",
            "--format",
            "csv",
            "--columns",
            "amount_yuan",
            "--no-header",
        ],
    );
    let amounts: Vec<&str> = asc.lines().collect();
    assert_eq!(
        amounts[..5],
        [
            "1800000000",
            "3000000000",
            "5000000000",
            "5000000000",
            "5200000000"
        ]
    );
    // A row whose one field is empty is written `""` (an empty line would be no row).
    assert!(amounts[5..].iter().all(|a| *a == "\"\""), "{amounts:?}");
    let desc = ok(&env, &["events", "--sort", "date:desc", "--format", "csv"]);
    assert!(desc.starts_with("event_id,"), "{desc}");
    // Reports and sql take --columns (in the order given) and --no-header, in a table too.
    let top = ok(
        &env,
        &[
            "report",
            "top",
            "--columns",
            "project,rank",
            "--format",
            "csv",
        ],
    );
    assert!(
        top.starts_with("project,rank\n年產1GW飛輪儲能設備研發制造運營基地項目,1\n"),
        "{top}"
    );
    let table = ok(
        &env,
        &["report", "summary", "--columns", "event", "--no-header"],
    );
    assert_eq!(table.trim(), "江津區招商引資項目集中簽約活動");
    let sql = ok(
        &env,
        &[
            "sql",
            "SELECT 1 AS a, 2 AS b;",
            "--columns",
            "b",
            "--format",
            "csv",
        ],
    );
    assert_eq!(sql, "b\n2\n");
    // Unknown fields and directions are usage errors that name what would do.
    let err = usage_error(&env, &["report", "top", "--columns", "projet"]);
    assert!(
        err.contains("there is no field or column `projet`; the columns are: rank, project,")
            && err.contains("as fields: rank, project, amount_yuan"),
        "{err}"
    );
    let err = usage_error(&env, &["events", "--sort", "date:up"]);
    assert!(
        err.contains("`up` is not a direction; expected asc or desc"),
        "{err}"
    );
}

#[test]
fn help_lists_the_reports_their_parameters_and_examples() {
    let env = TestEnv::new();
    let help = ok(&env, &["report", "--help"]);
    for r in REPORTS {
        assert!(
            help.contains(&format!("\n  {r} ")),
            "{r} missing from:\n{help}"
        );
    }
    assert!(help.contains("-p by=…"), "{help}");
    assert!(
        help.contains("zhaoshang report summary -p district=江津区"),
        "{help}"
    );
    let main = ok(&env, &["--help"]);
    assert!(
        main.contains("Examples:") && main.contains("zhaoshang search 储能"),
        "{main}"
    );
    assert!(
        !main.contains("[default\n"),
        "help wraps inside a bracket:\n{main}"
    );
}

#[test]
fn script_shows_text_in_one_script_and_changes_nothing_stored() {
    let env = seeded();
    let simplified = ok(
        &env,
        &[
            "--script",
            "simplified",
            "report",
            "top",
            "-p",
            "limit=1",
            "--columns",
            "project,amount_yuan",
        ],
    );
    assert!(
        simplified.contains("年产1GW飞轮储能设备研发制造运营基地项目")
            && simplified.contains("52亿"),
        "{simplified}"
    );
    let csv = ok(
        &env,
        &[
            "--script",
            "simplified",
            "show",
            "company",
            "北大醫療",
            "--format",
            "csv",
        ],
    );
    assert!(
        csv.contains("北大医疗") && !csv.contains("北大醫療"),
        "{csv}"
    );
    let search = ok(
        &env,
        &[
            "--script",
            "simplified",
            "search",
            "儲能",
            "--format",
            "csv",
        ],
    );
    assert!(
        search.contains("新能源及新型储能") && !search.contains("儲"),
        "{search}"
    );
    // Traditional by phrase: the simplified fixture's names read in traditional script.
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fushan_2024-12-09.toml");
    ok(&env, &["import", fixture.to_str().unwrap()]);
    let traditional = ok(
        &env,
        &[
            "--script",
            "traditional",
            "projects",
            "--district",
            "福山区",
            "--columns",
            "project",
            "--format",
            "csv",
        ],
    );
    assert!(
        traditional.contains("凱沃倫智能裝備聯創中心項目"),
        "{traditional}"
    );
    // Stored text is as the source wrote it.
    let stored = ok(
        &env,
        &[
            "sql",
            "SELECT name FROM companies WHERE company_id = 5",
            "--format",
            "csv",
        ],
    );
    assert_eq!(stored, "name\n北大醫療\n");
}

#[test]
fn a_report_place_parameter_that_matches_nothing_says_so_with_the_closest() {
    let env = seeded();
    let out = env.run(&[
        "report",
        "summary",
        "-p",
        "district=江津",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "the header only");
    assert!(
        stderr(&out).contains(
            "no place is called `江津` (--param district matches a whole name, in either script); did you mean 江津區"
        ),
        "{}",
        stderr(&out)
    );
    // A name that exists says nothing, even written in the other script.
    let out = env.run(&[
        "report",
        "summary",
        "-p",
        "district=江津区",
        "--format",
        "csv",
    ]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn tables_fit_the_width_they_are_given_and_stay_one_line_per_row_in_a_pipe() {
    let env = seeded();
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let mut commands: Vec<Vec<&str>> = LISTINGS.iter().map(|l| vec![*l]).collect();
    commands.extend(REPORTS.iter().map(|r| vec!["report", *r]));
    for args in &commands {
        for lang in ["en", "zh"] {
            let mut full = vec!["--width", "80", "--lang", lang];
            full.extend(args);
            let out = ok(&env, &full);
            let widest = out.lines().map(width).max().unwrap_or(0);
            assert!(widest <= 80, "{full:?}: a line of {widest} columns:\n{out}");
        }
    }
    let out = ok(&env, &["--width", "80", "show", "project", "1"]);
    assert!(out.lines().map(width).max().unwrap_or(0) <= 80, "{out}");
    // A table too wide even for its key columns is shown a row at a time, every value kept.
    let summary = ok(&env, &["--width", "30", "report", "summary"]);
    assert!(
        summary.starts_with("── 1 ") && summary.contains("266億"),
        "{summary}"
    );
    // Into a pipe, without --width: one line per row, whatever its length.
    let piped = ok(&env, &["report", "summary"]);
    assert_eq!(piped.lines().count(), 3, "{piped}");
    assert!(piped.lines().map(width).max().unwrap_or(0) > 80);
}

#[test]
fn cells_hold_values_and_notes_have_their_own_columns() {
    let env = seeded();
    let csv = ok(&env, &["projects", "--format", "csv"]);
    assert!(
        csv.starts_with("project_id,project,held_on,district,place,amount_yuan,amount_qualifier,industries,inferred_industries,companies,investors,event_id\n"),
        "{csv}"
    );
    assert!(
        csv.contains(
            ",生物醫藥; 大健康產業,生物醫藥,成都華健未來科技有限公司,成都華健未來科技有限公司,"
        ),
        "{csv}"
    );
    let mut outputs = vec![csv];
    for listing in LISTINGS.iter().filter(|l| **l != "projects") {
        outputs.push(ok(&env, &[listing, "--format", "csv"]));
    }
    for report in REPORTS {
        outputs.push(ok(&env, &["report", report, "--format", "csv"]));
    }
    for text in &outputs {
        for note in ["(inferred)", "(investor", ", inferred)", "主 ", "特 "] {
            assert!(!text.contains(note), "`{note}` inside a cell:\n{text}");
        }
    }
}

/// The cells of a Markdown table row (`| a | b |`).
fn markdown_cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn lang_zh_translates_every_header_and_keeps_csv_fields() {
    let env = seeded();
    let english = |text: &str| text.chars().any(|c| c.is_ascii_lowercase());
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut commands: Vec<Vec<&str>> = LISTINGS.iter().map(|l| vec![*l]).collect();
    commands.extend(REPORTS.iter().map(|r| vec!["report", *r]));
    commands.push(vec!["search", "江津"]);
    for args in &commands {
        let mut full = vec!["--lang", "zh"];
        full.extend(args);
        full.extend(["--format", "markdown"]);
        let out = ok(&env, &full);
        let first = out.lines().next().unwrap_or_default();
        for cell in markdown_cells(first) {
            headers.push((format!("{args:?}"), cell));
        }
    }
    for kind in [
        "event", "project", "company", "industry", "strategy", "place", "source", "stat",
    ] {
        let out = ok(
            &env,
            &["--lang", "zh", "show", kind, "1", "--format", "markdown"],
        );
        let mut lines = out.lines().peekable();
        while let Some(line) = lines.next() {
            let context = format!("show {kind} 1");
            if let Some(title) = line.strip_prefix("### ").or(line.strip_prefix("## ")) {
                headers.push((context.clone(), title.to_string()));
                lines.next(); // the blank line
                if let Some(header) = lines.next()
                    && !header.starts_with("| 字段")
                {
                    for cell in markdown_cells(header) {
                        headers.push((context.clone(), cell));
                    }
                }
            }
        }
        let record_fields = out
            .split("\n\n")
            .find(|block| block.starts_with("| 字段 | 数值 |"))
            .unwrap_or_else(|| panic!("show {kind} 1 has its record field by field: {out}"));
        for line in record_fields.lines().skip(2) {
            headers.push((
                format!("show {kind} 1 record"),
                markdown_cells(line)[0].clone(),
            ));
        }
    }
    let untranslated: Vec<&(String, String)> = headers.iter().filter(|(_, h)| english(h)).collect();
    assert!(
        untranslated.is_empty(),
        "headers left in English: {untranslated:?}"
    );
    assert!(headers.len() > 150, "{}", headers.len());
    // docs/output.md gives both header sets, as the program has them
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/output.md"))
            .unwrap();
    let en = ok(
        &env,
        &["--lang", "en", "report", "summary", "--format", "markdown"],
    );
    let zh = ok(
        &env,
        &["--lang", "zh", "report", "summary", "--format", "markdown"],
    );
    for (e, z) in markdown_cells(en.lines().next().unwrap())
        .iter()
        .zip(markdown_cells(zh.lines().next().unwrap()))
    {
        assert!(
            doc.contains(&format!("| {e} | {z} |")),
            "docs/output.md lacks `| {e} | {z} |`"
        );
    }
    // CSV keeps its field names; the locale chooses the language when --lang is not given
    let csv = ok(
        &env,
        &["--lang", "zh", "report", "summary", "--format", "csv"],
    );
    assert!(csv.starts_with("event_id,held_on,district,"), "{csv}");
    let out = env
        .command(&["report", "summary"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("举行日期"), "{}", stdout(&out));
    let out = env
        .command(&["report", "summary"])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("held on"), "{}", stdout(&out));
    let out = env.run(&["--lang", "zh", "projects", "--district", "Jiangjin"]);
    assert!(
        stderr(&out).contains("没有名为「Jiangjin」的地点"),
        "{}",
        stderr(&out)
    );
}

/// A ceremony of a real district that states a count but no amount, a project with a company,
/// an industry and a strategy but no amount, a report of the half-year with an amount (so that
/// `reconcile` compares it with the ceremony's and with its named projects, neither stated),
/// and a target for the year.
const NO_AMOUNT_STATED: &str = r#"
format = 2

[source]
title = "大足區舉行招商引資項目集中簽約活動(測試用轉述)"
publisher = "zhaoshang test fixture"
url = "https://example.org/zhaoshang-fixtures/dazu-2024-05-10"
published = "2024-07-15"
script = "traditional"
text = """
大足區舉行招商引資項目集中簽約活動(測試用轉述)
5月10日,大足區舉行招商引資項目集中簽約活動,共簽約項目5個。
今年上半年,大足區累計簽約項目30個、總投資150億元。
其中,五金製品產業園項目由示例五金有限公司投資建設。
大足區聚焦“一主一特”產業布局。2024年,大足區力爭招商協議引資200億元。
"""

[[places]]
name = "大足區"
kind = "district"
parent = "重慶市"
quote = "大足區舉行招商引資項目集中簽約活動"

[[industries]]
name = "五金製品"
quote = "五金製品產業園項目"

[[companies]]
name = "示例五金有限公司"
name_kind = "full"
quote = "由示例五金有限公司投資建設"

[[strategies]]
name = "一主一特"
level = "district"
kind = "industrial_layout"
place = "大足區"
quote = "大足區聚焦“一主一特”產業布局"

[[events]]
name = "大足區招商引資項目集中簽約活動"
place = "大足區"
date = "2024-05-10"
quote = "5月10日,大足區舉行招商引資項目集中簽約活動"
project_count = { value = "5個", quote = "共簽約項目5個" }

[[events.projects]]
name = "五金製品產業園項目"
quote = "五金製品產業園項目由示例五金有限公司投資建設"
companies = [{ name = "示例五金有限公司", role = "investor", quote = "由示例五金有限公司投資建設" }]
industries = [{ name = "五金製品", quote = "五金製品產業園項目" }]
strategies = [{ name = "一主一特", basis = "inferred", quote = "大足區聚焦“一主一特”產業布局" }]

[[events]]
name = "大足區2024年上半年招商引資"
place = "大足區"
period = "2024年上半年"
quote = "今年上半年,大足區累計簽約項目30個、總投資150億元"
project_count = { value = "30個", quote = "累計簽約項目30個" }
signed_amount = { value = "150億元", quote = "總投資150億元" }

[[statistics]]
kind = "target"
place = "大足區"
metric = "agreed_investment"
label = "招商協議引資"
value = "200億元"
from = "2024-01-01"
to = "2024-12-31"
quote = "2024年,大足區力爭招商協議引資200億元"
"#;

/// Every amount column (`…_yuan`) and progress of a report's rows that is 0.
fn zero_amounts(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .flat_map(|row| row.as_object().unwrap().iter())
        .filter(|(k, v)| (k.ends_with("_yuan") || k.ends_with("_pct")) && v.as_f64() == Some(0.0))
        .map(|(k, _)| k.clone())
        .collect()
}

// An amount nobody stated is empty, never 0 (issue 29, item 8): in every report, listing and
// view, as JSON null, an empty CSV cell, a blank table cell and "not stated" on a chart.
#[test]
fn an_amount_nobody_stated_is_never_shown_as_zero() {
    let env = seeded();
    let path = env.dir.path().join("dazu.toml");
    std::fs::write(&path, NO_AMOUNT_STATED).unwrap();
    ok(&env, &["import", path.to_str().unwrap()]);

    for name in REPORTS {
        let rows = json(&env, &["report", name]);
        assert_eq!(zero_amounts(&rows), Vec::<String>::new(), "report {name}");
    }
    for name in LISTINGS {
        let rows = json(&env, &[name]);
        assert_eq!(zero_amounts(&rows), Vec::<String>::new(), "{name}");
    }
    for view in ["event_overview", "project_overview"] {
        let rows = json(&env, &["sql", &format!("SELECT * FROM {view}")]);
        assert_eq!(zero_amounts(&rows), Vec::<String>::new(), "{view}");
    }

    let industries = json(&env, &["report", "industries"]);
    let hardware = industries
        .iter()
        .find(|r| r["industry"] == "五金製品")
        .unwrap();
    assert_eq!(hardware["projects"], 1);
    assert_eq!(hardware["amount_yuan"], serde_json::Value::Null);
    let csv = ok(&env, &["report", "industries", "--format", "csv"]);
    let line = csv.lines().find(|l| l.starts_with("五金製品,")).unwrap();
    assert!(
        line.ends_with(",0,,,1"),
        "with_amount 0, amount and its bound empty, 1 part unstated: {line}"
    );
    let table = ok(&env, &["report", "industries"]);
    let line = table.lines().find(|l| l.contains("五金製品")).unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cells[cells.len() - 2..],
        ["0", "1"],
        "only with_amount's 0, then the unstated part, no amount: {line}"
    );
    let svg = ok(&env, &["report", "industries", "--format", "svg"]);
    assert!(svg.contains("not stated"), "{svg}");

    let targets = json(&env, &["report", "targets", "--param", "district=大足區"]);
    assert_eq!(targets[0]["events_in_period"], 1);
    assert_eq!(targets[0]["status"], "no data");
    let summary = json(&env, &["report", "summary", "--param", "district=大足區"]);
    assert_eq!(summary[0]["named_count"], 1);
    assert_eq!(summary[0]["named_amount_yuan"], serde_json::Value::Null);
    let reconcile = json(&env, &["report", "reconcile", "--param", "district=大足區"]);
    let checks: Vec<(&str, &serde_json::Value)> = reconcile
        .iter()
        .map(|r| (r["check"].as_str().unwrap(), &r["itemised_yuan"]))
        .filter(|(check, _)| check.contains("amount"))
        .collect();
    assert_eq!(
        checks,
        [
            ("headline amount vs named amounts", &serde_json::Value::Null),
            (
                "period report amount vs ceremonies in it",
                &serde_json::Value::Null
            ),
        ]
    );
    let timeline = json(&env, &["report", "timeline", "--param", "district=大足區"]);
    assert_eq!(timeline[0]["signed_amount_yuan"], serde_json::Value::Null);
    assert_eq!(
        timeline[0]["signed_amount_qualifier"],
        serde_json::Value::Null,
        "no qualifier for an amount nobody stated"
    );
}

/// Three ceremonies of one district: 近20個 projects and 逾1000億元, 11 projects and 266億元 with
/// two named projects (one of 5億元, one with no amount), 3 projects and no amount.
const BOUNDED_PARTS: &str = r#"
format = 2

[source]
title = "大足區兩場招商引資項目集中簽約活動(測試用轉述)"
publisher = "zhaoshang test fixture"
url = "https://example.org/zhaoshang-fixtures/dazu-2024-bounds"
published = "2024-07-15"
script = "traditional"
text = """
大足區兩場招商引資項目集中簽約活動(測試用轉述)
3月8日,大足區舉行春季招商引資項目集中簽約活動,簽約項目近20個,協議引資逾1000億元。
5月10日,大足區舉行夏季招商引資項目集中簽約活動,簽約項目11個,協議引資266億元。
其中,五金製品產業園項目投資5億元,智能裝備項目同日簽約。
6月6日,大足區舉行初夏招商引資項目集中簽約活動,簽約項目3個。
"""

[[places]]
name = "大足區"
kind = "district"
parent = "重慶市"
quote = "大足區舉行春季招商引資項目集中簽約活動"

[[industries]]
name = "五金製品"
quote = "五金製品產業園項目"

[[events]]
name = "大足區春季招商引資項目集中簽約活動"
place = "大足區"
date = "2024-03-08"
quote = "3月8日,大足區舉行春季招商引資項目集中簽約活動"
project_count = { value = "近20個", quote = "簽約項目近20個" }
signed_amount = { value = "逾1000億元", quote = "協議引資逾1000億元" }

[[events]]
name = "大足區夏季招商引資項目集中簽約活動"
place = "大足區"
date = "2024-05-10"
quote = "5月10日,大足區舉行夏季招商引資項目集中簽約活動"
project_count = { value = "11個", quote = "簽約項目11個" }
signed_amount = { value = "266億元", quote = "協議引資266億元" }

[[events.projects]]
name = "五金製品產業園項目"
quote = "五金製品產業園項目投資5億元"
amount = { value = "5億元", quote = "投資5億元" }
industries = [{ name = "五金製品", quote = "五金製品產業園項目" }]

[[events.projects]]
name = "智能裝備項目"
quote = "智能裝備項目同日簽約"
industries = [{ name = "五金製品", basis = "inferred", quote = "智能裝備項目同日簽約" }]

[[events]]
name = "大足區初夏招商引資項目集中簽約活動"
place = "大足區"
date = "2024-06-06"
quote = "6月6日,大足區舉行初夏招商引資項目集中簽約活動"
project_count = { value = "3個", quote = "簽約項目3個" }
"#;

// Totals keep their bounds (issue 29, item 9): 逾1000億 + 266億 is at least 1266億, 近20 + 11 + 3
// at most 34; exact parts give an exact total; parts that state nothing are counted.
#[test]
fn a_total_keeps_the_bounds_of_its_parts() {
    let env = seeded();
    let path = env.dir.path().join("bounds.toml");
    std::fs::write(&path, BOUNDED_PARTS).unwrap();
    ok(&env, &["import", path.to_str().unwrap()]);

    let dazu = ["--param", "district=大足區"];
    for report in ["timeline", "map"] {
        let mut args = vec!["report", report];
        if report == "timeline" {
            args.extend(dazu);
        }
        let rows = json(&env, &args);
        let row = rows
            .iter()
            .find(|r| r["headline_projects"] == 34)
            .unwrap_or_else(|| panic!("{report}: {rows:?}"));
        assert_eq!(row["signed_amount_yuan"], 126_600_000_000_i64, "{report}");
        assert_eq!(row["signed_amount_qualifier"], "at_least", "{report}");
        assert_eq!(row["headline_projects_qualifier"], "at_most", "{report}");
        assert_eq!(row["unstated_signed_amount"], 1, "{report}");
        let table = ok(&env, &args);
        let line = table.lines().find(|l| l.contains("大足")).unwrap();
        assert!(line.contains("≥1266億"), "{report}: {line}");
        assert!(line.contains("≤34"), "{report}: {line}");
    }
    let divisions = json(
        &env,
        &["report", "divisions", "--param", "division_level=county"],
    );
    let row = divisions
        .iter()
        .find(|r| r["division"] == "大足区")
        .unwrap();
    assert_eq!(row["headline_amount_qualifier"], "at_least");
    assert_eq!(row["headline_qualifier"], "at_most");
    assert_eq!(row["unstated_headline_amount"], 1);
    assert_eq!(row["named_amount_qualifier"], "exact");
    assert_eq!(row["unstated_named_amount"], 1);

    // the seed's district: every part exact, so is the total, shown with no sign
    let jiangjin = json(&env, &["report", "timeline", "--param", "district=江津區"]);
    assert_eq!(jiangjin[0]["signed_amount_qualifier"], "exact");
    assert_eq!(jiangjin[0]["headline_projects_qualifier"], "exact");
    assert_eq!(jiangjin[0]["unstated_signed_amount"], 0);
    let table = ok(&env, &["report", "timeline", "--param", "district=江津區"]);
    let line = table.lines().find(|l| l.contains("江津")).unwrap();
    assert!(line.contains(" 266億") && !line.contains('≥'), "{line}");

    // one of the two named projects states no amount: the sum of the other, and 1 part lacking
    let summary = json(&env, &["report", "summary", "--param", "district=大足區"]);
    let summer = summary.iter().find(|r| r["named_count"] == 2).unwrap();
    assert_eq!(summer["named_amount_yuan"], 500_000_000);
    assert_eq!(summer["named_amount_qualifier"], "exact");
    assert_eq!(summer["unstated_named_amount"], 1);
    let industries = json(&env, &["report", "industries"]);
    let hardware = industries
        .iter()
        .find(|r| r["industry"] == "五金製品")
        .unwrap();
    assert_eq!(hardware["amount_qualifier"], "exact");
    assert_eq!(hardware["unstated_amount"], 1);
}
