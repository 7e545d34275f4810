//! Shared helpers for the integration tests: a temporary directory with a database path, and
//! running the real binary in it.

#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("catalogue.db")
    }

    /// Runs `zhaoshang ARGS` on this directory's catalogue (named by ZHAOSHANG_DB, which, like the
    /// default path, is created when missing; a typed `--db` must exist) with a clean
    /// environment for the other variables it reads.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run zhaoshang")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhaoshang"));
        cmd.current_dir(self.dir.path())
            .env("ZHAOSHANG_DB", self.db())
            .env_remove("NO_COLOR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .args(args);
        cmd
    }
}

/// Says on one line of stderr that a test (or part of one) is skipped, and why. Written to the
/// stream itself, not through `eprintln!`, which the test harness captures: a skip is seen in
/// a plain `cargo test`, without `--nocapture`.
pub fn skipped(reason: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Runs `zhaoshang ARGS`, which must succeed; its stdout.
pub fn ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(
        out.status.success(),
        "zhaoshang {args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The bundled seed's data file and text, read from the repository.
pub fn seed_toml() -> &'static str {
    include_str!("../../seed/000_85edc0fe63a7bda2.toml")
}

pub fn seed_text() -> &'static str {
    include_str!("../../seed/000_85edc0fe63a7bda2.txt")
}

/// Parses a (possibly altered) copy of the seed's data file against the seed's text.
pub fn seed_document(toml: &str, name: &str) -> anyhow::Result<zhaoshang::source::SourceDocument> {
    zhaoshang::source::SourceDocument::from_toml(toml, name, |_| Ok(seed_text().to_string()))
}

/// Where the stock sqlite3 shell is, if it is installed. CI installs it and sets
/// ZHAOSHANG_REQUIRE_SQLITE3=1, so there a missing shell fails the test instead of skipping it.
pub fn sqlite3_shell() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("sqlite3"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("ZHAOSHANG_REQUIRE_SQLITE3").is_none(),
            "ZHAOSHANG_REQUIRE_SQLITE3 is set but no sqlite3 shell is on PATH"
        );
        skipped("no sqlite3 shell on PATH (install Debian's sqlite3 to run this test)");
    }
    found
}

pub fn shell(sqlite3: &Path, db: &Path, sql: &str) -> Output {
    Command::new(sqlite3)
        .arg("-bail")
        .arg(db)
        .arg(sql)
        .output()
        .expect("run sqlite3")
}

/// Every bundled report, in `report --list` order.
pub const REPORTS: [&str; 15] = [
    "summary",
    "reconcile",
    "industries",
    "bands",
    "targets",
    "strategies",
    "companies",
    "timeline",
    "top",
    "divisions",
    "timeline_by_division",
    "industries_by_division",
    "top_by_division",
    "map",
    "followthrough",
];

/// Every listing command.
pub const LISTINGS: [&str; 8] = [
    "events",
    "projects",
    "companies",
    "industries",
    "strategies",
    "places",
    "sources",
    "stats",
];

fn tool(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|p| names.iter().map(move |n| p.join(n)))
        .find(|p| p.is_file())
}

/// A tool the pictures' tests use (headless Chromium, tidy), if it is installed. CI installs
/// them and sets ZHAOSHANG_REQUIRE_CHROMIUM=1, so there a missing one fails the test; elsewhere
/// its part is skipped with a printed reason.
pub fn need(names: &[&str]) -> Option<PathBuf> {
    let found = tool(names);
    if found.is_none() {
        assert!(
            std::env::var_os("ZHAOSHANG_REQUIRE_CHROMIUM").is_none_or(|v| v != "1"),
            "{names:?} is required here (ZHAOSHANG_REQUIRE_CHROMIUM=1) but missing"
        );
        skipped(&format!("{} is not installed", names.join(" or ")));
    }
    found
}

/// Headless Chromium's DOM of a page, after it is loaded.
pub fn dom(chromium: &Path, page: &Path) -> String {
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
