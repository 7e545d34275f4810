//! The catalogue in Datasette (issue 14): `zhaoshang metadata` offers every bundled report as a
//! canned query, and Datasette, given the file and that metadata, returns the same rows as the
//! CLI, with parameters left empty meaning "not given" and with one given.
//!
//! Needs Datasette: `ZHAOSHANG_DATASETTE` (its path) or `datasette` on PATH; `.ci/run` installs
//! it from PyPI into a virtual environment and sets `ZHAOSHANG_REQUIRE_DATASETTE=1`, which makes
//! its absence a failure instead of a skip.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, stderr};
use serde_json::Value;

fn datasette() -> Option<PathBuf> {
    let found = std::env::var_os("ZHAOSHANG_DATASETTE")
        .map(PathBuf::from)
        .or_else(|| {
            let out = Command::new("sh")
                .args(["-c", "command -v datasette"])
                .output()
                .ok()?;
            let path = String::from_utf8(out.stdout).ok()?;
            (!path.trim().is_empty()).then(|| PathBuf::from(path.trim()))
        })
        .filter(|p| p.exists());
    if found.is_none() && std::env::var_os("ZHAOSHANG_REQUIRE_DATASETTE").is_some() {
        panic!("ZHAOSHANG_REQUIRE_DATASETTE is set but no datasette was found");
    }
    found
}

/// Starts Datasette on a free local port with `args` and waits until it answers.
fn serve(datasette: &std::path::Path, args: &[&std::ffi::OsStr]) -> (Server, u16) {
    let port = TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        Command::new(datasette)
            .arg("serve")
            .args(args)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while get(port, "/-/versions.json").map(|(s, _)| s).ok() != Some(200) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "datasette did not answer on port {port}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    (server, port)
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// GET `path` from 127.0.0.1:`port`: (status, body). Plain HTTP/1.0, no client library.
fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, body.to_string()))
}

/// Percent-encodes a query-string value (UTF-8 bytes).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn cli_rows(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = env.run(&args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Datasette (or None: the test is skipped) and a seeded catalogue.
fn datasette_and_seeded() -> Option<(PathBuf, TestEnv)> {
    let Some(datasette) = datasette() else {
        common::skipped("no datasette (set ZHAOSHANG_DATASETTE or put it on PATH)");
        return None;
    };
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    Some((datasette, env))
}

#[test]
fn every_canned_query_gives_the_cli_rows() {
    let Some((datasette, env)) = datasette_and_seeded() else {
        return;
    };
    // A source written in simplified script beside the seed's traditional one.
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format2/fushan_2024-12-09.toml");
    let out = env.run(&["import", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let metadata = env.dir.path().join("metadata.json");
    let out = env.run(&["metadata", "-o", metadata.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_server, port) = serve(
        &datasette,
        &[env.db().as_os_str(), "-m".as_ref(), metadata.as_os_str()],
    );
    for name in common::REPORTS {
        // Every parameter present and empty, as Datasette's form sends them.
        let (status, body) = get(port, &format!("/catalogue/{name}.json?_shape=array")).unwrap();
        assert_eq!(status, 200, "{name}: {body}");
        let served: Vec<Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(served, cli_rows(&env, &["report", name]), "{name}");
        assert!(!served.is_empty(), "{name} has rows on the seed");
    }
    // A parameter given: the folded name, as the CLI passes it, in the other script.
    let (status, body) = get(
        port,
        &format!(
            "/catalogue/summary.json?_shape=array&district={}",
            encode("江津区")
        ),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let served: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(served.len(), 1);
    assert_eq!(
        served,
        cli_rows(&env, &["report", "summary", "-p", "district=江津区"])
    );
    // The place parameter: an area by any of its names (simplified script) or its code.
    for (report, place) in [
        ("summary", "重庆市"),
        ("timeline", "500116"),
        ("top", "重庆"),
    ] {
        let (status, body) = get(
            port,
            &format!(
                "/catalogue/{report}.json?_shape=array&place={}",
                encode(place)
            ),
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let served: Vec<Value> = serde_json::from_str(&body).unwrap();
        assert!(!served.is_empty(), "{report} place={place}");
        assert_eq!(
            served,
            cli_rows(&env, &["report", report, "--place", place]),
            "{report} place={place}"
        );
    }
    search_box_finds_either_script(port);
}

/// `report followthrough` in Datasette (issue 26): on the lifecycle test sources, the canned
/// query gives the CLI's rows, with its parameters empty and given, and says what the
/// percentages are of.
#[test]
fn followthrough_gives_the_cli_rows_in_datasette() {
    let Some((datasette, env)) = datasette_and_seeded() else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lifecycle");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let out = env.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    let metadata = env.dir.path().join("metadata.json");
    let out = env.run(&["metadata", "-o", metadata.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let described: Value =
        serde_json::from_str(&std::fs::read_to_string(&metadata).unwrap()).unwrap();
    let query = &described["databases"]["catalogue"]["queries"]["followthrough"];
    let description = query["description"].as_str().unwrap();
    assert!(
        description.contains("started_pct: started as a percentage of signed"),
        "{description}"
    );
    let (_server, port) = serve(
        &datasette,
        &[env.db().as_os_str(), "-m".as_ref(), metadata.as_os_str()],
    );
    for (given, cli) in [
        ("", vec![]),
        ("&within=6", vec!["-p", "within=6"]),
        ("&by=year", vec!["-p", "by=year"]),
    ] {
        let (status, body) = get(
            port,
            &format!("/catalogue/followthrough.json?_shape=array{given}"),
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let served: Vec<Value> = serde_json::from_str(&body).unwrap();
        let mut args = vec!["report", "followthrough"];
        args.extend(cli);
        assert_eq!(served, cli_rows(&env, &args), "{given}");
        assert!(!served.is_empty());
    }
}

/// The canned query `search`: the labels of the `kind` records found by `term`.
fn searched(port: u16, term: &str, kind: &str) -> Vec<String> {
    labels(
        port,
        &format!("/catalogue/search.json?_shape=array&q={}", encode(term)),
        kind,
    )
}

/// The canned query `search` of a database by its name (the search_texts view has no search
/// box since V14: Datasette's box writes a term as a phrase, which search_fts cannot answer).
fn searched_in(port: u16, database: &str, term: &str, kind: &str) -> Vec<String> {
    labels(
        port,
        &format!("/{database}/search.json?_shape=array&q={}", encode(term)),
        kind,
    )
}

fn labels(port: u16, path: &str, kind: &str) -> Vec<String> {
    let (status, body) = get(port, path).unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    let rows: Vec<Value> = serde_json::from_str(&body).unwrap();
    rows.iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r["label"].as_str().unwrap().to_string())
        .collect()
}

fn search_box_finds_either_script(port: u16) {
    // The seed is in traditional script, the Fushan source in simplified: each is found by a
    // term typed in either script and of any length, with its kind and name beside the text.
    let flywheel = "年產1GW飛輪儲能設備研發制造運營基地項目";
    assert!(
        searched_in(port, "catalogue", "飞轮储能", "project")
            .iter()
            .any(|l| l == flywheel)
    );
    for term in ["飛輪儲能", "飞轮储能", "儲能", "储能", "ＧＷ"] {
        assert!(
            searched(port, term, "project")
                .iter()
                .any(|l| l == flywheel),
            "{term}"
        );
    }
    for term in ["菜鳥倉", "菜鸟仓"] {
        let found = searched(port, term, "project");
        assert!(
            found.iter().any(|l| l.contains("菜鳥倉")),
            "{term}: {found:?}"
        );
    }
    for term in ["凯沃伦", "凱沃倫"] {
        let found = searched(port, term, "company");
        assert_eq!(found, vec!["凯沃伦".to_string()], "{term}");
    }
    assert!(searched(port, "no such words here", "project").is_empty());
    assert!(
        searched(port, "輪", "project")
            .iter()
            .any(|l| l == flywheel)
    );
}

#[test]
fn the_plugin_gives_the_metadata_to_a_catalogue_of_any_name() {
    let Some((datasette, env)) = datasette_and_seeded() else {
        return;
    };
    let plugins = env.dir.path().join("plugins");
    let out = env.run(&["metadata", "--plugins-dir", plugins.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The catalogue under another name, beside a database that is not a catalogue.
    let renamed = env.dir.path().join("jiangjin-2023-copy.db");
    std::fs::copy(env.db(), &renamed).unwrap();
    let other = env.dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let (_server, port) = serve(
        &datasette,
        &[
            renamed.as_os_str(),
            other.as_os_str(),
            "--plugins-dir".as_ref(),
            plugins.as_os_str(),
        ],
    );
    let database = "jiangjin-2023-copy";
    let (status, body) = get(port, &format!("/{database}/top.json?_shape=array")).unwrap();
    assert_eq!(status, 200, "{body}");
    let served: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(served, cli_rows(&env, &["report", "top"]));
    let (_, tables) = get(port, &format!("/{database}.json")).unwrap();
    let tables: Value = serde_json::from_str(&tables).unwrap();
    let hidden = |name: &str| {
        tables["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .map(|t| t["hidden"] == true)
    };
    // V16: the trigram index's vocabulary, which the canned query `search` reads
    assert_eq!(hidden("search_vocab"), Some(true));
    assert_eq!(hidden("refinery_schema_history"), Some(true));
    assert_eq!(hidden("sources"), Some(false));
    // V15: projects is a view, its rows (quotes as slices) in a hidden table
    assert_eq!(hidden("projects_sliced"), Some(true));
    let found = searched_in(port, database, "飞轮储能", "project");
    assert_eq!(found.len(), 1, "{found:?}");
    // The other database gets no canned queries.
    let (status, _) = get(port, "/other/top.json").unwrap();
    assert_eq!(status, 404);
}
