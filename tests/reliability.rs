//! Nothing lost, second round (issue 13): each test here failed on the release before the fix it
//! guards. Process-level tests on the real binary.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, stderr, stdout};
use rusqlite::Connection;

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn sources(db: &Path) -> i64 {
    let c = Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
        .unwrap()
}

fn integrity(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// A source file from the template with its own URL and title.
fn template_source(env: &TestEnv, name: &str) -> std::path::PathBuf {
    let mut doc: toml::Value = toml::from_str(&stdout(&env.run(&["template"]))).unwrap();
    doc["source"]["url"] = format!("https://example.org/{name}").into();
    doc["source"]["title"] = name.into();
    let path = env.dir.path().join(format!("{name}.toml"));
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    path
}

// 1. An import whose inputs include the database file.
#[test]
fn the_catalogue_itself_is_refused_as_an_input_and_left_intact() {
    let env = seeded();
    let before = file_bytes(&env.db());
    let good = template_source(&env, "good");
    // By another name for the same file, too: identity, not name.
    let link = env.dir.path().join("alias.toml");
    std::fs::hard_link(env.db(), &link).unwrap();
    for input in [env.db(), link.clone()] {
        let out = env.run(&["import", good.to_str().unwrap(), input.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("this is the catalogue's own file"),
            "{}",
            stderr(&out)
        );
        assert_eq!(file_bytes(&env.db()), before, "nothing may be written");
    }
    // Redirected from the catalogue on stdin.
    let out = env
        .command(&["import", "-"])
        .stdin(std::fs::File::open(env.db()).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("catalogue's own file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(integrity(&env.db()), "ok");
}

// 2. Outputs that are the catalogue or its companions.
#[test]
fn outputs_never_overwrite_the_catalogue_or_its_companions() {
    let env = seeded();
    let before = file_bytes(&env.db());
    let db = env.db();
    let journal = format!("{}-journal", db.display());
    let cases: Vec<Vec<&str>> = vec![
        vec!["metadata", "-o", db.to_str().unwrap()],
        vec!["export", "--jsonl", db.to_str().unwrap()],
        vec!["export", "--jsonl", &journal],
    ];
    for args in &cases {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("catalogue's own file"),
            "{}",
            stderr(&out)
        );
        assert_eq!(file_bytes(&env.db()), before, "{args:?}");
        assert!(!Path::new(&journal).exists(), "{args:?} made a journal");
    }
    // A catalogue named like a table export, exported into its own folder.
    let tables_env = TestEnv::new();
    let odd = tables_env.dir.path().join("projects.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .args(["--db", odd.to_str().unwrap(), "init"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let before = file_bytes(&odd);
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .args(["--db", odd.to_str().unwrap(), "export", "--tables", "--dir"])
        .arg(tables_env.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(file_bytes(&odd), before);
    assert!(
        !tables_env.dir.path().join("events.csv").exists(),
        "nothing written"
    );
}

// 3. export --dir over a user's files.
#[test]
fn export_into_a_folder_with_files_of_the_same_names_needs_force() {
    let env = seeded();
    let dir = env.dir.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("projects.csv"), "my own work\n").unwrap();
    let out = env.run(&["export", "--tables", "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("projects.csv")).unwrap(),
        "my own work\n"
    );
    assert!(!dir.join("events.csv").exists(), "all or nothing");
    let out = env.run(&[
        "export",
        "--tables",
        "--force",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(dir.join("projects.csv"))
            .unwrap()
            .starts_with("project_id,")
    );
    // The sources export says the same of its TOML files.
    let src = env.dir.path().join("src");
    assert!(
        env.run(&["export", "--dir", src.to_str().unwrap()])
            .status
            .success()
    );
    let again = env.run(&["export", "--dir", src.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
}

// 4. Numbers that are not numbers, on the command line (the file forms are in tests/malformed).
#[test]
fn an_amount_that_is_not_a_number_is_refused_on_the_command_line() {
    let env = seeded();
    for bad in ["20.亿", ".5亿", "1..5亿", "5.5.5亿"] {
        let out = env.run(&["projects", "--max-amount", bad]);
        assert_ne!(out.status.code(), Some(0), "{bad}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("is not a number"),
            "{bad}: {}",
            stderr(&out)
        );
    }
    let out = env.run(&["projects", "--max-amount", "20亿", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("1800000000"), "{}", stdout(&out));
}

// 5. A catalogue killed while being created is never left without its seed.
#[test]
fn creation_killed_at_any_moment_leaves_nothing_or_a_whole_catalogue() {
    let trials: u64 = std::env::var("ZHAOSHANG_CREATE_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let env = TestEnv::new();
    // How long creation takes here, to spread the kills over it (at least the first 50 ms).
    let probe = env.dir.path().join("probe.db");
    let started = Instant::now();
    // Named through ZHAOSHANG_DB: a catalogue is created on first use there (a typed --db must
    // exist already).
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .env("ZHAOSHANG_DB", &probe)
        .args(["--quiet", "events"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The first creation's time is only a guess on a shared machine (the test binary's other
    // tests run beside it): when a whole round of kills lands on one side only, the span is
    // widened (all before the end) or narrowed (all after) and another round is run, up to four.
    let mut span = (started.elapsed().as_micros() as u64 * 13 / 10).max(50_000);
    let (mut whole, mut nothing, mut kills) = (0, 0, 0u64);
    for round in 0..4 {
        let (before_whole, before_nothing) = (whole, nothing);
        for trial in 0..trials {
            let left_nothing = kill_one_creation(&env, round * trials + trial, span);
            kills += 1;
            if left_nothing {
                nothing += 1;
            } else {
                whole += 1;
            }
        }
        eprintln!(
            "round {round}: {trials} kills over {span} µs: {} left a whole catalogue, {} left none",
            whole - before_whole,
            nothing - before_nothing
        );
        if whole > 0 && nothing > 0 {
            break;
        }
        span = if whole == 0 {
            span * 3
        } else {
            (span / 3).max(1_000)
        };
    }
    eprintln!("{kills} kills: {whole} left a whole catalogue, {nothing} left none");
    assert!(
        whole > 0 && nothing > 0,
        "the kills should land both before and after creation"
    );
}

/// Starts a command that creates the catalogue `t{n}.db`, kills it at a moment within `span`
/// microseconds, and checks that the next command ends with a whole catalogue. Tells whether the
/// kill had left no catalogue at all.
fn kill_one_creation(env: &TestEnv, n: u64, span: u64) -> bool {
    let db = env.dir.path().join(format!("t{n}.db"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .env("ZHAOSHANG_DB", &db)
        .args(["--quiet", "events"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Moments spread over the whole creation (a deterministic scatter).
    std::thread::sleep(Duration::from_micros((n * 7919 * 13) % span));
    let _ = child.kill();
    let _ = child.wait();
    // Whatever the kill left, the next command ends with a whole catalogue.
    let left_nothing = std::fs::metadata(&db).map_or(true, |m| m.len() == 0);
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .env("ZHAOSHANG_DB", &db)
        .args(["events", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "kill {n}: {}", stderr(&out));
    assert_eq!(sources(&db), 1, "kill {n}: the seed is there");
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .args(["--db", db.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert!(out.status.success(), "kill {n}: {}", stderr(&out));
    left_nothing
}

// 5. A migration killed before its search index was built is completed by the next writer.
#[test]
fn an_empty_search_index_after_a_killed_migration_is_rebuilt() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(
        "INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_entries;",
    )
    .unwrap();
    drop(c);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "check sees the missing index");
    let good = template_source(&env, "after");
    let out = env.run(&["import", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let out = env.run(&["search", "飛輪儲能"]);
    assert!(stdout(&out).contains("飛輪儲能"), "{}", stdout(&out));
}

/// The first release's catalogue taken back to schema V1 (before the search index).
fn version_one_catalogue(path: &Path) {
    let fixture = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/first-release.db");
    std::fs::copy(fixture, path).unwrap();
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TABLE search_bigrams; DROP TABLE search_fts; DROP TABLE search_entries;
         DELETE FROM refinery_schema_history WHERE version = 2;",
    )
    .unwrap();
}

// 5. Migration V1 → V2 killed at any moment: the next command, even a read, ends whole.
#[test]
fn a_migration_killed_at_any_moment_is_completed_by_the_next_command() {
    let trials: u64 = std::env::var("ZHAOSHANG_CREATE_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let env = TestEnv::new();
    let probe = env.dir.path().join("probe.db");
    version_one_catalogue(&probe);
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .args(["--quiet", "--db", probe.to_str().unwrap(), "migrate"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let span = (started.elapsed().as_micros() as u64 * 13 / 10).max(50_000);
    let db = env.dir.path().join("v1.db");
    for trial in 0..trials {
        version_one_catalogue(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .args(["--quiet", "--db", db.to_str().unwrap(), "migrate"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros((trial * 7919 * 13) % span));
        let _ = child.kill();
        let _ = child.wait();
        let history: i64 = {
            let c = Connection::open(&db).unwrap();
            c.query_row("SELECT count(*) FROM refinery_schema_history", [], |r| {
                r.get(0)
            })
            .unwrap()
        };
        let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .args(["--db", db.to_str().unwrap(), "migrate"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "trial {trial} ({history} applied): {}",
            stderr(&out)
        );
        let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "search",
                "飛輪儲能",
                "--format",
                "csv",
            ])
            .output()
            .unwrap();
        assert!(
            stdout(&out).contains("飛輪儲能"),
            "trial {trial}: {}",
            stderr(&out)
        );
        let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .args(["--db", db.to_str().unwrap(), "check"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "trial {trial}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
}

#[test]
fn a_read_after_a_migration_stopped_before_its_index_finds_everything() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(
        "INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_entries;",
    )
    .unwrap();
    drop(c);
    let out = env.run(&["search", "飛輪儲能", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("飛輪儲能"), "{}", stdout(&out));
}

// 6. Another program's database.
#[test]
fn another_programs_database_is_refused_untouched_and_check_never_writes() {
    let env = TestEnv::new();
    let other = env.dir.path().join("other.db");
    let c = Connection::open(&other).unwrap();
    c.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
        .unwrap();
    drop(c);
    let before = file_bytes(&other);
    let good = template_source(&env, "x");
    for args in [
        vec!["check"],
        vec!["import", good.to_str().unwrap()],
        vec!["projects"],
        vec!["migrate"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&other)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a zhaoshang catalogue"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).len() < 400,
            "a short message: {}",
            stderr(&out)
        );
        assert_eq!(file_bytes(&other), before, "{args:?} changed the file");
    }
    // check on a missing file says so and makes nothing.
    let missing = env.dir.path().join("missing.db");
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .arg("--db")
        .arg(&missing)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!missing.exists());
}

// 7. A table named to escape the export folder.
#[test]
fn export_writes_only_the_catalogues_own_tables_inside_its_folder() {
    let env = seeded();
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(r#"CREATE TABLE "../../escaped" (x); INSERT INTO "../../escaped" VALUES (1);"#)
        .unwrap();
    drop(c);
    let dir = env.dir.path().join("a").join("b");
    let out = env.run(&["export", "--tables", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!env.dir.path().join("escaped.csv").exists());
    assert!(!env.dir.path().join("a").join("escaped.csv").exists());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("search_") && !n.starts_with("refinery")),
        "{names:?}"
    );
    assert!(
        names.contains(&"project_overview.csv".to_string()),
        "{names:?}"
    );
}

// 9. A slow input never holds the write lock.
#[test]
fn a_slow_input_does_not_hold_the_write_lock() {
    let env = seeded();
    let mut slow = env
        .command(&["--quiet", "import", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let good = template_source(&env, "meanwhile");
    let started = Instant::now();
    let out = env.run(&["import", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "waited on the slow import"
    );
    let mut stdin = slow.stdin.take().unwrap();
    stdin
        .write_all(stdout(&env.run(&["template"])).as_bytes())
        .unwrap();
    drop(stdin);
    let out = slow.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&env.db()), 3);
}

// 10. Amounts whose sums would overflow.
#[test]
fn amounts_too_large_to_sum_are_refused_and_reports_still_run() {
    let env = seeded();
    let text = stdout(&env.run(&["template"]));
    for huge in ["500億億元", "9223372036854775807元"] {
        let path = env.dir.path().join("huge.toml");
        let doc = text
            .replace("value = \"10亿元\"", &format!("value = \"{huge}\""))
            .replace("投资10亿元的", &format!("投资{huge}的"))
            .replace("总投资10亿元", &format!("总投资{huge}"));
        std::fs::write(&path, doc).unwrap();
        let out = env.run(&["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{huge}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("more than 9萬億"),
            "{huge}: {}",
            stderr(&out)
        );
    }
    for report in ["bands", "companies", "industries"] {
        let out = env.run(&["report", report]);
        assert!(out.status.success(), "{report}: {}", stderr(&out));
    }
}

// 11. A hot journal left by a killed import: reads roll it back instead of failing.
#[test]
fn reads_after_a_killed_import_roll_back_its_journal() {
    let env = seeded();
    let mut doc: serde_json::Value = toml::from_str(&stdout(&env.run(&["template"]))).unwrap();
    let bulk = env.dir.path().join("bulk.jsonl");
    let mut lines = String::new();
    for i in 0..400 {
        doc["source"]["url"] = format!("https://example.org/hot/{i}").into();
        doc["source"]["title"] = format!("hot {i}").into();
        lines.push_str(&serde_json::to_string(&doc).unwrap());
        lines.push('\n');
    }
    std::fs::write(&bulk, lines).unwrap();
    let journal = std::path::PathBuf::from(format!("{}-journal", env.db().display()));
    let mut hot = false;
    for attempt in 0..40u64 {
        let mut child = env
            .command(&["--quiet", "import", bulk.to_str().unwrap()])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(60 + attempt * 15));
        let _ = child.kill();
        let _ = child.wait();
        if std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
            hot = true;
            break;
        }
        if sources(&env.db()) > 1 {
            // The import finished before the kill; start over from the seed alone.
            let c = Connection::open(env.db()).unwrap();
            drop(c);
            std::fs::remove_file(env.db()).unwrap();
            assert!(env.run(&["init"]).status.success());
        }
    }
    assert!(hot, "no kill landed inside an import");
    let out = env.run(&["events", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

// 12. check on a damaged file names the file and lists what it found.
#[test]
fn check_on_a_damaged_file_names_it_and_lists_the_damage() {
    let env = seeded();
    let mut bytes = file_bytes(&env.db());
    // Leave page 1 (the schema) whole; damage a page of rows.
    let at = 4096 * 9 + 8;
    bytes[at..at + 200].fill(0xff);
    std::fs::write(env.db(), bytes).unwrap();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(text.contains("integrity_check"), "{text}{err}");
    assert!(err.contains("catalogue.db"), "{err}");
    assert!(err.contains("problem(s) found"), "{err}");
}

// 13. Clear words for values that are not what they should be.
#[test]
fn bad_report_parameters_and_uri_like_paths_are_understood() {
    let env = seeded();
    for (param, expected) in [
        ("limit=abc", "expected a whole number"),
        ("from=bad", "expected a date written YYYY-MM-DD"),
        ("by=decade", "expected one of year, quarter, month"),
    ] {
        let report = if param.starts_with("by") {
            "timeline"
        } else {
            "top"
        };
        let out = env.run(&["report", report, "--param", param]);
        assert_eq!(out.status.code(), Some(2), "{param}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{param}: {}", stderr(&out));
    }
    // A file whose name looks like an SQLite URI is a file of that name.
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .current_dir(env.dir.path())
        .env("ZHAOSHANG_DB", "file:t.db?mode=memory")
        .args(["events"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env.dir.path().join("file:t.db?mode=memory").exists());
    for (figure, expected) in [("1e3億元", "a power of ten"), ("10 亿元", "")] {
        let out = env.run(&["projects", "--min-amount", figure]);
        if expected.is_empty() {
            assert!(out.status.success(), "{figure}: {}", stderr(&out));
        } else {
            assert!(
                stderr(&out).contains(expected),
                "{figure}: {}",
                stderr(&out)
            );
        }
    }
}

/// A source naming `company` and `formula`, as a JSON file in the test's folder.
fn names_source(env: &TestEnv, company: &str, formula: &str) -> String {
    let text = format!("names\n{company}\n{formula}\n");
    let doc = serde_json::json!({
        "format": 1,
        "source": {"title": "escapes", "published": "2024-01-01", "script": "simplified", "text": text},
        "companies": [
            {"name": company, "name_kind": "full", "quote": company},
            {"name": formula, "name_kind": "full", "quote": formula},
        ],
    });
    let path = env.dir.path().join("escapes.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

// 15. Names that would drive a terminal or a spreadsheet.
#[test]
fn control_characters_are_escaped_on_a_terminal_and_formulas_neutralised_in_csv() {
    let env = seeded();
    let hostile = "\u{1b}]0;PWN\u{7}公司";
    let formula = "=HYPERLINK(\"http://x\")";
    // Import refuses control characters (issue 28, item 18) ...
    let out = env.run(&["import", &names_source(&env, hostile, formula)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("U+001B, a control character"),
        "{}",
        stderr(&out)
    );
    // ... but a catalogue made before may hold them: every view still escapes them.
    let stand_in = "Q]0;PWNQ公司";
    let out = env.run(&["import", &names_source(&env, stand_in, formula)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = Connection::open(env.db()).unwrap();
    c.execute_batch(&format!(
        "UPDATE companies SET name = replace(name, '{stand_in}', char(27) || ']0;PWN' || char(7) || '公司'),
                              quote = replace(quote, '{stand_in}', char(27) || ']0;PWN' || char(7) || '公司');
         UPDATE sources SET full_text = replace(full_text, '{stand_in}', char(27) || ']0;PWN' || char(7) || '公司');"
    ))
    .unwrap();
    c.execute(
        "UPDATE companies SET name_key = ?1 WHERE name = ?2",
        rusqlite::params![zhaoshang::source::fold::fold(hostile), hostile],
    )
    .unwrap();
    drop(c);
    for args in [
        vec!["companies"],
        vec!["companies", "--format", "markdown"],
        vec!["show", "company", hostile],
        vec!["search", "PWN"],
    ] {
        let out = env.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let shown = stdout(&out);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{args:?}: {shown:?}"
        );
        assert!(shown.contains("\\u{1b}]0;PWN\\u{7}"), "{args:?}: {shown}");
    }
    let out = env.run(&["companies", "--format", "csv"]);
    let csv = stdout(&out);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    // JSON carries the name as stored.
    let out = env.run(&["companies", "--format", "json"]);
    assert!(stdout(&out).contains("\\u001b]0;PWN"), "{}", stdout(&out));
    // A name that differs from another only by an invisible character is refused.
    let zw = serde_json::json!({
        "format": 1,
        "source": {"title": "zw", "published": "2024-01-02", "script": "simplified", "text": "江\u{200b}津区"},
        "places": [{"name": "江\u{200b}津区", "kind": "district", "quote": "江\u{200b}津区"}],
    });
    let path = env.dir.path().join("zw.json");
    std::fs::write(&path, serde_json::to_string(&zw).unwrap()).unwrap();
    let out = env.run(&["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("invisible character (U+200B)"),
        "{}",
        stderr(&out)
    );
}

const ENDLESS: &str =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c";

// 8. An endless query streams, stops at its time limit, and stops cleanly on Ctrl-C.
#[test]
fn an_endless_query_streams_and_stops_at_its_limit_or_on_ctrl_c() {
    let env = seeded();
    // Streamed: the first rows arrive at once, and a reader that stops early ends it.
    let mut child = env
        .command(&["sql", ENDLESS, "--format", "csv"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..3 {
            first.push_str(&lines.next().unwrap().unwrap());
            first.push('\n');
        }
    }
    assert_eq!(first, "x\n1\n2\n");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a closed pipe is not an error");

    // A time limit, in a table (gathered) and in CSV (streamed).
    for format in ["table", "csv"] {
        let started = Instant::now();
        let out = env
            .command(&["sql", ENDLESS, "--format", format, "--timeout", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("stopped after 1 s (--timeout 1)"),
            "{}",
            stderr(&out)
        );
        assert!(started.elapsed() < Duration::from_secs(20), "{format}");
    }

    // Ctrl-C.
    let child = env
        .command(&["sql", ENDLESS, "--format", "ndjson"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // SAFETY: sending a signal to our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stopped by Ctrl-C"),
        "{}",
        stderr(&out)
    );
}

// 14. check sees each kind of damage, and --repair rebuilds what is derived.
#[test]
fn check_sees_edited_facts_and_derived_data_and_repair_rebuilds_the_derived() {
    let cases = [
        (
            "UPDATE projects_sliced SET amount_yuan = 1 WHERE project_id = 1",
            "amount_yuan 1 differs from the source's `52億元`",
            false,
        ),
        (
            "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
            "search entries have no document in the index",
            true,
        ),
        (
            "UPDATE sources SET figures_written = '[]'",
            "cannot be rebuilt from the tables",
            false,
        ),
        (
            "DROP VIEW project_overview",
            "schema view project_overview",
            true,
        ),
        (
            "UPDATE places SET name_key = 'x' WHERE place_id = 1",
            "name_key is not the folded form",
            true,
        ),
    ];
    for (damage, expected, repairable) in cases {
        let env = seeded();
        Connection::open(env.db())
            .unwrap()
            .execute_batch(damage)
            .unwrap();
        let out = env.run(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{damage}");
        assert!(
            stdout(&out).contains(expected),
            "{damage}: {}",
            stdout(&out)
        );
        let out = env.run(&["check", "--repair"]);
        assert_eq!(
            out.status.success(),
            repairable,
            "{damage}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        if repairable {
            let out = env.run(&["search", "储能", "--format", "csv"]);
            assert!(stdout(&out).contains("飛輪儲能"), "{damage}");
            let out = env.run(&["report", "top"]);
            assert!(out.status.success(), "{damage}: {}", stderr(&out));
        }
    }
}

// Inputs are checked before the lock, but opened one at a time: an import of more files than
// the process may hold open at once still works.
#[test]
fn an_import_of_more_files_than_open_descriptors_allowed_succeeds() {
    use std::os::unix::process::CommandExt;
    let env = seeded();
    let template = stdout(&env.run(&["template"]));
    let dir = env.dir.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    let mut files = Vec::new();
    for i in 0..300 {
        let text = template
            .replace(
                "https://example.org/2024/0115/signing.html",
                &format!("https://example.org/many/{i}"),
            )
            .replacen(
                "title = \"示例区举行招商引资项目集中签约活动 3个项目携12.5亿元落户\"",
                &format!("title = \"示例区签约 {i}\""),
                1,
            );
        let path = dir.join(format!("s{i}.toml"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let mut cmd = env.command(&["--quiet", "import"]);
    cmd.args(&files);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let rl = libc::rlimit {
                rlim_cur: 128,
                rlim_max: 128,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&env.db()), 301);
}
