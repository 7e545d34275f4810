//! Nothing lost, third round (issue 28, "Data lost or exposed"): each test here failed on main
//! before the fix it guards. Process-level tests on the real binary.

mod common;

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
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
