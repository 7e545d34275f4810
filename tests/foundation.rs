//! The foundation: schema, migrations, the bundled seed and the commands that create a database.

mod common;

use common::{TestEnv, seed_document, seed_toml, shell, sqlite3_shell, stderr, stdout};
use rusqlite::Connection;
use zhaoshang::store::{LoadOutcome, Store};

fn seeded(env: &TestEnv) -> Store {
    let (store, report) = Store::open(&env.db(), true).expect("open");
    assert!(report.created && report.seeded, "{report:?}");
    store
}

fn conn(env: &TestEnv) -> Connection {
    Connection::open(env.db()).expect("open with rusqlite")
}

fn one<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> T {
    conn.query_row(sql, [], |row| row.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn migrating_twice_is_a_no_op() {
    let env = TestEnv::new();
    let before = {
        let store = seeded(&env);
        store.dump().unwrap()
    };
    let (store, report) = Store::open(&env.db(), true).unwrap();
    assert_eq!(report.migrations_applied, 0);
    assert!(!report.created && !report.seeded);
    assert_eq!(store.dump().unwrap(), before);
    drop(store);

    let out = env.run(&["migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("up to date"), "{}", stderr(&out));
    let status = stdout(&env.run(&["migrate", "--status"]));
    assert!(status.starts_with("V1__catalogue\tapplied\t"), "{status}");
}

#[test]
fn seeding_twice_leaves_the_database_identical() {
    let env = TestEnv::new();
    let mut store = seeded(&env);
    let before = store.dump().unwrap();
    let outcomes = store.load_bundled_seed().unwrap();
    assert!(
        outcomes.iter().all(|(_, o)| *o == LoadOutcome::Unchanged),
        "{outcomes:?}"
    );
    assert_eq!(store.dump().unwrap(), before);
    drop(store);

    let out = env.run(&["seed"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("already loaded, nothing changed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_empty_database_then_seed_loads_everything() {
    let env = TestEnv::new();
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(one::<i64>(&conn(&env), "SELECT count(*) FROM sources"), 0);
    let out = env.run(&["seed"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("loaded 1 event, 10 projects"),
        "{}",
        stderr(&out)
    );
    assert_eq!(one::<i64>(&conn(&env), "SELECT count(*) FROM projects"), 10);
    // init refuses to run over an existing catalogue
    let out = env.run(&["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn every_quote_is_in_its_source_text_and_check_notices_when_not() {
    let env = TestEnv::new();
    let store = seeded(&env);
    assert_eq!(store.check().unwrap(), vec![]);
    drop(store);

    // Count the quotes independently of `check`, so that a check that looked at nothing fails.
    let c = conn(&env);
    let text: String = one(&c, "SELECT full_text FROM sources");
    let mut quotes = 0;
    for (table, column) in [
        ("projects", "quote"),
        ("projects", "amount_quote"),
        ("statistics", "quote"),
        ("strategies", "quote"),
        ("companies", "quote"),
        ("industries", "quote"),
        ("project_facts", "quote"),
        ("project_industries", "quote"),
    ] {
        let mut stmt = c
            .prepare(&format!(
                "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
            ))
            .unwrap();
        for q in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            let q = q.unwrap();
            assert!(text.contains(&q), "{table}.{column}: {q}");
            quotes += 1;
        }
    }
    assert!(quotes > 80, "only {quotes} quotes seen");

    // V15: a quote the text does not hold is kept written out; a slice must lie within the text
    c.execute_batch(
        "UPDATE projects_sliced SET amount_quote_at = '投資99億元'
          WHERE name = '北大醫療江津醫院項目';
         UPDATE project_facts_sliced SET quote_at = 99990005
          WHERE project_fact_id = (SELECT min(project_fact_id) FROM project_facts_sliced);",
    )
    .unwrap();
    drop(c);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("projects project_id=") && report.contains("amount_quote `投資99億元`"),
        "{report}"
    );
    assert!(
        report.contains("project_facts project_fact_id=")
            && report.contains("quote `bytes 9999 to 10003, beyond the text's "),
        "{report}"
    );
}

#[test]
fn the_seed_holds_the_articles_figures() {
    let env = TestEnv::new();
    drop(seeded(&env));
    let c = conn(&env);

    let (count, count_q, amount, amount_q): (i64, String, i64, String) = c
        .query_row(
            "SELECT project_count, project_count_qualifier, signed_amount_yuan, signed_amount_qualifier
               FROM events WHERE held_on = '2023-12-27'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((count, count_q.as_str()), (28, "exact"));
    assert_eq!((amount, amount_q.as_str()), (26_600_000_000, "exact"));

    let bands: Vec<(i64, Option<i64>, f64)> = c
        .prepare(
            "SELECT band_min_yuan, band_max_yuan, value FROM statistics
              WHERE kind = 'event_statistic' AND metric = 'projects_in_band' ORDER BY band_min_yuan",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        bands,
        vec![(1_000_000_000, None, 7.0), (5_000_000_000, None, 3.0)]
    );

    let projects: Vec<(String, Option<i64>)> = c
        .prepare("SELECT name, amount_yuan FROM projects ORDER BY project_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected: Vec<(&str, Option<i64>)> = vec![
        (
            "年產1GW飛輪儲能設備研發制造運營基地項目",
            Some(5_200_000_000),
        ),
        ("華健未來國際創新醫藥總部項目", Some(5_000_000_000)),
        ("“光伏-花椒”農光互補項目", Some(5_000_000_000)),
        ("北大醫療江津醫院項目", Some(3_000_000_000)),
        ("智能短交出行裝備生產基地項目", Some(1_800_000_000)),
        ("重慶跨境寶跨境電商(菜鳥倉)項目", None),
        ("先進材料智慧產業園項目", None),
        ("亞太地區通用航空發動機生產制造基地項目", None),
        ("食品包裝及機械制造產業園項目", None),
        ("牛肉數字化全產業鏈項目", None),
    ];
    let projects: Vec<(&str, Option<i64>)> =
        projects.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    assert_eq!(projects, expected);

    // Qualified figures keep their qualifier; forecasts are marked.
    let stat = |metric: &str, forecast: i64| -> (String, Option<f64>, Option<i64>) {
        c.query_row(
            "SELECT qualifier, value, value_yuan FROM statistics
              WHERE metric = ?1 AND is_forecast = ?2 AND kind = 'period_statistic'",
            rusqlite::params![metric, forecast],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_else(|e| panic!("{metric}: {e}"))
    };
    assert_eq!(
        stat("signing_events_amount", 0),
        ("more_than".into(), None, Some(100_000_000_000))
    );
    assert_eq!(
        stat("agreed_investment", 1),
        ("more_than".into(), None, Some(100_000_000_000))
    );
    assert_eq!(
        stat("leader_investment_trips", 0),
        ("more_than".into(), Some(50.0), None)
    );
    assert_eq!(
        stat("companies_visited", 0),
        ("nearly".into(), Some(200.0), None)
    );
    assert_eq!(
        stat("industrial_projects_introduced", 1),
        ("exact".into(), Some(131.0), None)
    );
    let near_twenty: (String, f64, i64) = c
        .query_row(
            "SELECT qualifier, value, band_min_yuan FROM statistics WHERE label = '引進20億元以上的項目'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(near_twenty, ("nearly".into(), 20.0, 2_000_000_000));
    let orders: (String, f64, String, i64) = c
        .query_row(
            "SELECT qualifier, value, unit, is_forecast FROM project_facts WHERE kind = 'expected_volume'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(orders, ("at_least".into(), 2_000_000.0, "單".into(), 1));

    let targets: Vec<(String, i64)> = c
        .prepare("SELECT metric, value_yuan FROM statistics WHERE kind = 'target' ORDER BY metric")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        targets,
        vec![
            ("agreed_investment".into(), 100_000_000_000),
            ("funds_in_place".into(), 30_000_000_000)
        ]
    );

    // Seven industries covered, six in the layout (two main, four special).
    assert_eq!(one::<i64>(&c, "SELECT count(*) FROM event_industries"), 7);
    assert_eq!(
        one::<String>(
            &c,
            "SELECT group_concat(role || ':' || n, ' ') FROM
               (SELECT role, count(*) n FROM layout_industries GROUP BY role ORDER BY role)"
        ),
        "main:2 special:4"
    );
    // The national strategies, and an inference that is marked as one.
    assert_eq!(
        one::<i64>(
            &c,
            "SELECT count(*) FROM strategies WHERE level = 'national'"
        ),
        4
    );
    assert_eq!(
        one::<String>(
            &c,
            "SELECT pi.basis FROM project_industries pi
               JOIN projects p USING (project_id) JOIN industries i USING (industry_id)
              WHERE p.name LIKE '%飛輪儲能%' AND i.name = '新能源及新型儲能'"
        ),
        "inferred"
    );
    assert_eq!(
        one::<String>(
            &c,
            "SELECT p.name FROM companies c JOIN companies p ON p.company_id = c.parent_company_id
              WHERE c.name = '杭州菜鳥供應鏈管理有限公司'"
        ),
        "阿裡巴巴集團"
    );
}

#[test]
fn integrity_and_foreign_keys_are_clean_and_the_sqlite3_shell_answers_a_join() {
    let env = TestEnv::new();
    drop(seeded(&env));
    let c = conn(&env);
    assert_eq!(one::<String>(&c, "PRAGMA integrity_check"), "ok");
    let fk_problems: i64 = c
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count() as i64;
    assert_eq!(fk_problems, 0);
    drop(c);

    let Some(sqlite3) = sqlite3_shell() else {
        return;
    };
    // The documented query of README.md: named projects of 50億 or more, with companies and quotes.
    let out = shell(
        &sqlite3,
        &env.db(),
        "SELECT p.name, p.amount_yuan, coalesce(group_concat(c.name, ';'), '') AS companies, p.amount_quote
           FROM projects_quoted p
           LEFT JOIN project_companies pc ON pc.project_id = p.project_id
           LEFT JOIN companies c ON c.company_id = pc.company_id
          WHERE p.amount_yuan >= 5000000000
          GROUP BY p.project_id ORDER BY p.amount_yuan DESC, p.name;",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("年產1GW飛輪儲能設備研發制造運營基地項目|5200000000||投資52億元"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("|成都華健未來科技有限公司|"))
    );
    // The view and the foreign-key check work in the shell too.
    let out = shell(
        &sqlite3,
        &env.db(),
        "PRAGMA foreign_keys = ON; PRAGMA foreign_key_check; SELECT count(*) FROM project_overview;",
    );
    assert_eq!(stdout(&out).trim(), "10", "{}", stderr(&out));
}

/// Loads an altered copy of the seed into a database that already holds an empty catalogue and
/// returns the error text; asserts nothing was written.
fn broken_seed_error(replace: &str, with: &str) -> String {
    let env = TestEnv::new();
    let (mut store, _) = Store::open(&env.db(), false).unwrap();
    let before = store.dump().unwrap();
    assert!(
        seed_toml().contains(replace),
        "the seed no longer has {replace}"
    );
    let altered = seed_toml().replacen(replace, with, 1);
    let err = seed_document(&altered, "broken.toml")
        .and_then(|doc| store.load_source(&doc))
        .expect_err("a broken seed must be refused");
    assert_eq!(store.dump().unwrap(), before, "nothing may be written");
    format!("{err:#}")
}

#[test]
fn a_quote_not_in_the_text_is_refused_naming_the_fact_and_field() {
    let err = broken_seed_error(
        "quote = \"投資30億元的北大醫療江津醫院項目\"\namount",
        "quote = \"投資31億元的北大醫療江津醫院項目\"\namount",
    );
    assert!(
        err.contains("broken.toml:451:9: events[0].projects[3].quote (project 北大醫療江津醫院項目): `投資31億元的北大醫療江津醫院項目` is not in the source text"),
        "{err}"
    );
}

#[test]
fn an_unknown_qualifier_is_refused() {
    let err = broken_seed_error("value = \"逾1000億元\"", "value = \"大概1000億元\"");
    assert!(
        err.contains("broken.toml:522:9: statistics[0].value (statistic signing_events_amount): `大概1000億元` does not start with a number or a known qualifier"),
        "{err}"
    );
}

#[test]
fn a_negative_amount_is_refused() {
    let err = broken_seed_error(
        "amount = { value = \"18億元\"",
        "amount = { value = \"-18億元\"",
    );
    assert!(
        err.contains(
            "broken.toml:463:20: events[0].projects[4].amount.value (project 智能短交出行裝備生產基地項目): `-18億元` is negative"
        ),
        "{err}"
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let env = TestEnv::new();
    let (mut store, _) = Store::open(&env.db(), false).unwrap();
    let altered = seed_toml()
        .replacen("kind = \"district\"", "kind = \"distrct\"", 1)
        .replacen("date = \"2023-12-27\"", "date = \"2023-02-30\"", 1)
        .replacen("role = \"main\"", "role = \"primary\"", 1)
        .replacen(
            "place = \"江津區\"\nmetric = \"railways\"",
            "place = \"江津县\"\nmetric = \"railways\"",
            1,
        );
    let err = seed_document(&altered, "broken.toml")
        .and_then(|doc| store.load_source(&doc))
        .expect_err("refused");
    let err = format!("{err:#}");
    assert!(
        err.contains("4 problems in 1 source; nothing was written"),
        "{err}"
    );
    assert!(
        err.contains(
            "broken.toml:37:8: places[2].kind (place 江津區): `distrct` is not one of: country"
        ),
        "{err}"
    );
    assert!(
        err.contains("broken.toml:384:8: events[0].date (event 江津區招商引資項目集中簽約活動): `2023-02-30` is not a real date"),
        "{err}"
    );
    assert!(
        err.contains("broken.toml:246:40: strategies[5].layout[0].role (strategy 兩主四特): `primary` is not one of: main, special"),
        "{err}"
    );
    assert!(
        err.contains("broken.toml:652:9: statistics[13].place (statistic railways): unknown place `江津县`; declare it under [[places]]"),
        "{err}"
    );
}

#[test]
fn a_misspelt_field_is_refused_with_its_line() {
    let altered = seed_toml().replacen("published = ", "publshed = ", 1);
    let err = seed_document(&altered, "broken.toml").expect_err("refused");
    let err = format!("{err:#}");
    assert!(
        err.starts_with("broken.toml:17:1: unknown field `publshed`, expected one of `title`"),
        "{err}"
    );
    assert!(err.contains("unknown field `publshed`"), "{err}");
}

#[test]
fn a_figure_missing_from_its_quote_is_refused() {
    let err = broken_seed_error("count = \"7個\"", "count = \"8個\"");
    assert!(
        err.contains("broken.toml:389:29: events[0].bands[0].count (event 江津區招商引資項目集中簽約活動): `8個` does not appear in its quote"),
        "{err}"
    );
}

#[test]
fn the_events_command_works_out_of_the_box() {
    let env = TestEnv::new();
    let out = env.run(&["events"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bundled seed loaded"),
        "{}",
        stderr(&out)
    );
    let table = stdout(&out);
    for expected in ["2023-12-27", "江津區", "28", "266億", "200億", "66億"] {
        assert!(table.contains(expected), "{expected} missing from\n{table}");
    }

    let out = env.run(&["events", "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let event = &json[0];
    assert_eq!(event["signed_amount_yuan"], 26_600_000_000_i64);
    assert_eq!(event["signed_amount_qualifier"], "exact");
    assert_eq!(event["project_count"], 28);
    assert_eq!(event["named_projects"], 10);
    assert_eq!(event["named_amount_yuan"], 20_000_000_000_i64);
    assert_eq!(event["unitemised_amount_yuan"], 6_600_000_000_i64);

    let out = env.run(&["events", "--format", "csv"]);
    let csv = stdout(&out);
    assert!(
        csv.starts_with("event_id,held_on,district,event,project_count,"),
        "{csv}"
    );
    assert!(csv.contains(",26600000000,"), "{csv}");
}

#[test]
fn usage_errors_exit_2_and_data_errors_exit_1() {
    let env = TestEnv::new();
    let out = env.run(&["events", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'yaml'"),
        "{}",
        stderr(&out)
    );

    std::fs::write(
        env.db(),
        b"this is not a database, just text that is long enough......",
    )
    .unwrap();
    let out = env.run(&["events"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("zhaoshang: "), "{err}");
    assert!(err.contains("is not a zhaoshang database"), "{err}");
}

#[test]
fn the_database_path_comes_from_the_environment() {
    let env = TestEnv::new();
    let other = env.dir.path().join("from-env.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .current_dir(env.dir.path())
        .env("ZHAOSHANG_DB", &other)
        .args(["--quiet", "events", "--format", "ndjson"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "--quiet: {}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(other.exists());
    assert!(!env.db().exists());
}

#[test]
fn four_processes_starting_on_a_new_file_all_succeed_and_seed_once() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            env.command(&["events", "--format", "json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json.as_array().map(Vec::len), Some(1));
    }
    assert_eq!(one::<i64>(&conn(&env), "SELECT count(*) FROM sources"), 1);
}

#[test]
fn a_newer_or_tampered_migration_history_is_a_clear_error() {
    let env = TestEnv::new();
    drop(seeded(&env));
    let c = conn(&env);
    c.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
         VALUES (99, 'future', '2030-01-01T00:00:00Z', '1')",
        [],
    )
    .unwrap();
    let out = env.run(&["events"]);
    assert_eq!(out.status.code(), Some(1));
    // The newest migration the program embeds: the highest V<n>__ in migrations/.
    let newest = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_prefix('V')?
                .split_once("__")?
                .0
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap();
    assert!(newest >= 19, "{newest}");
    let expected = format!("has schema version 99, newer than this program knows (up to {newest})");
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));

    c.execute("DELETE FROM refinery_schema_history WHERE version = 99", [])
        .unwrap();
    c.execute(
        "UPDATE refinery_schema_history SET applied_on = 'yesterday' WHERE version = 1",
        [],
    )
    .unwrap();
    let out = env.run(&["events"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("migration history") && stderr(&out).contains("RFC 3339"),
        "{}",
        stderr(&out)
    );

    c.execute(
        "UPDATE refinery_schema_history SET applied_on = '2024-01-01T00:00:00Z', checksum = '12345'",
        [],
    )
    .unwrap();
    let out = env.run(&["events"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("differs from the one built into this program"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let env = TestEnv::new();
    for args in [
        vec!["projects", "--sort", "colour"],
        vec!["projects", "--from", "27/12/2023"],
        vec!["projects", "--min-amount", "lots"],
        vec!["places", "--industry", "储能"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with("zhaoshang: "), "{}", stderr(&out));
    }
}

#[test]
fn a_typed_db_path_that_does_not_exist_is_not_created_except_by_init() {
    let env = TestEnv::new();
    let typo = env.dir.path().join("typo.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .current_dir(env.dir.path())
        .env_remove("ZHAOSHANG_DB")
        .args(["--db", typo.to_str().unwrap(), "report", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "no catalogue at {} (run `zhaoshang init --db {}` to create one)",
            typo.display(),
            typo.display()
        )),
        "{err}"
    );
    assert!(!typo.exists(), "nothing was created");
    // init creates it; then the same command runs.
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .current_dir(env.dir.path())
            .env_remove("ZHAOSHANG_DB")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        run(&["--db", typo.to_str().unwrap(), "init"])
            .status
            .success()
    );
    assert!(
        run(&["--db", typo.to_str().unwrap(), "report", "summary"])
            .status
            .success()
    );
    // The default path is still created on first use, with the seed.
    let out = run(&["events", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env.dir.path().join("zhaoshang.db").exists());
}
