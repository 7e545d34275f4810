//! The scale benchmark (issue 16). Not part of the test suite (nothing there is timed):
//!
//!     cargo bench --bench scale -- [--projects 100000,1000000] [--quick] [--runs 3]
//!                                  [--large-import-runs N] [--sqlite-utils-large]
//!                                  [--synthetic] [--dir DIR] [--write-readme] [--import-only]
//!
//! For each size it generates a catalogue of sources like real reports (benches/support/synth.rs:
//! texts of 2,000–3,000 characters with the facts in them, a dozen figures of the year, some
//! twenty strategies; `--synthetic` for the older short sources) and measures whole processes,
//! ours and a baseline alternated, medians of --runs (the ratio is the median of the pairs'
//! ratios, each run of ours over the baseline run beside it), with the peak memory of every process:
//!
//! - import vs the stock `sqlite3` shell importing exactly the rows the import wrote (CSV into
//!   untyped tables of the same columns, then the same two FTS indexes; same 64 MB page cache),
//!   and again with every index the catalogue has on those tables built after the rows (issue
//!   31's "same indexes"), and vs sqlite-utils inserting the same rows (if installed: on PATH or ZHAOSHANG_SQLITE_UTILS);
//! - every report, as a table and as CSV, vs the stock shell running the very report SQL
//!   (`-box` and `-csv`);
//! - search of a three- and a two-character term (top 50) vs the shell scanning the same folded
//!   texts with LIKE;
//! - a read-only no-op vs `sqlite3 FILE 'select * from events limit 1'`; the file per project;
//! - then `report reconcile` on one district's 2,500 and 5,000 sources (the seed under as many
//!   URLs) vs the shell running its SQL, and how its time grows with the sources.
//!
//! Each line says whether the target is met. `--quick` is one size of 10,000 projects;
//! `--write-readme` puts the tables into README.md between its bench markers. Above 100,000
//! projects the import and its shell baseline run `--large-import-runs` times (default `--runs`)
//! and sqlite-utils only with `--sqlite-utils-large` (most of an hour per run at 1,000,000); the
//! table says how many runs each median is of.

#[path = "support/synth.rs"]
mod synth;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    /// Alternated import runs above LARGE projects (an import of 1,000,000 takes minutes).
    large_import_runs: Option<usize>,
    /// sqlite-utils above LARGE projects too (it takes most of an hour at 1,000,000).
    sqlite_utils_large: bool,
    dir: PathBuf,
    realistic: bool,
    write_readme: bool,
    /// Only the import and its baselines; the shell's rows and scripts are kept in `dir`.
    import_only: bool,
}

fn args() -> Args {
    let mut a = Args {
        sizes: vec![100_000],
        runs: 3,
        large_import_runs: None,
        sqlite_utils_large: false,
        dir: std::env::temp_dir().join("zhaoshang-bench"),
        realistic: true,
        write_readme: false,
        import_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--projects" => {
                a.sizes = it
                    .next()
                    .expect("--projects N[,N…]")
                    .split(',')
                    .map(|n| n.parse().expect("a number of projects"))
                    .collect();
            }
            "--quick" => a.sizes = vec![10_000],
            "--runs" => a.runs = it.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--large-import-runs" => {
                a.large_import_runs = Some(
                    it.next()
                        .and_then(|n| n.parse().ok())
                        .expect("--large-import-runs N"),
                )
            }
            "--sqlite-utils-large" => a.sqlite_utils_large = true,
            "--dir" => a.dir = PathBuf::from(it.next().expect("--dir DIR")),
            "--synthetic" => a.realistic = false,
            "--write-readme" => a.write_readme = true,
            "--import-only" => a.import_only = true,
            // Only the draft timing (no catalogue is generated).
            "--draft-only" => a.sizes.clear(),
            _ => {} // cargo bench passes --bench
        }
    }
    a
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Runs a command, returning its wall time and peak resident memory (KiB). The child is reaped
/// by wait4, which also reports its memory.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut Command) -> (Duration, i64) {
    let started = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (elapsed, usage.ru_maxrss)
}

fn zhaoshang(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--quiet").arg("--db").arg(db).args(args);
    cmd
}

fn fresh_schema(db: &Path) {
    remove_db(db);
    run_measured(&mut zhaoshang(db, &["init", "--empty"]));
}

fn remove_db(db: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// The stock sqlite3 shell (or `ZHAOSHANG_SQLITE3`).
fn sqlite3() -> Command {
    Command::new(std::env::var_os("ZHAOSHANG_SQLITE3").unwrap_or_else(|| "sqlite3".into()))
}

/// The trigrams of the index's vocabulary that begin with a folded term of one or two characters
/// (the program's lookup, V16).
fn trigrams_beginning(db: &Path, folded: &str) -> Vec<String> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.prepare(
        "SELECT term FROM search_vocab WHERE term >= ?1 AND term <= ?1 || char(1114111, 1114111)",
    )
    .unwrap()
    .query_map([folded], |r| r.get(0))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// A command with `input` on its stdin, measured as a whole process.
fn run_with_input(cmd: &mut Command, input: &Path) -> (Duration, i64) {
    cmd.stdin(fs::File::open(input).unwrap());
    run_measured(cmd)
}

/// The tables an import writes rows into (the catalogue's own, the search entries), in an order
/// that satisfies their references; FTS tables are built from them.
fn written_tables(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%'
               AND name <> 'refinery_schema_history'
             ORDER BY rootpage",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let columns: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{t}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, columns)
        })
        .collect()
}

/// Every index of the catalogue's written tables as a statement for the shell: its own
/// `CREATE INDEX` (UNIQUE left out: CSV has no NULL, so keys that are NULL arrive as equal empty
/// strings), and one over the columns of each UNIQUE or PRIMARY KEY constraint's index.
fn index_statements(conn: &Connection, tables: &[(String, Vec<String>)]) -> String {
    let mut script = String::new();
    for (table, _) in tables {
        let indexes: Vec<(String, Option<String>)> = conn
            .prepare(
                "SELECT l.name, m.sql FROM pragma_index_list(?1) l
                   LEFT JOIN sqlite_schema m ON m.type = 'index' AND m.name = l.name
                  ORDER BY l.seq DESC",
            )
            .unwrap()
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (name, sql) in indexes {
            match sql {
                Some(sql) => script.push_str(&format!(
                    "{};\n",
                    sql.replacen("CREATE UNIQUE INDEX", "CREATE INDEX", 1)
                )),
                None => {
                    let columns: Vec<String> = conn
                        .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                        .unwrap()
                        .query_map([&name], |r| r.get(0))
                        .unwrap()
                        .collect::<Result<_, _>>()
                        .unwrap();
                    script.push_str(&format!(
                        "CREATE INDEX \"shell_{name}\" ON {table} ({});\n",
                        columns.join(", ")
                    ));
                }
            }
        }
    }
    script
}

/// Writes every row the import wrote as CSV (one file per table, no header; NULL as an empty
/// field; written by the script without indexes, read by both) and the sqlite3 script that imports them into untyped tables of the same columns (and,
/// `with_indexes`, then builds every index the catalogue has on them, after the rows, as a bulk
/// load would), then builds the two FTS indexes, in one transaction with the import's page cache
/// (64 MB).
fn shell_import_files(db: &Path, dir: &Path, with_indexes: bool) -> PathBuf {
    let tables = written_tables(db);
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let csv_dir = dir.join("rows");
    fs::create_dir_all(&csv_dir).unwrap();
    let mut script = String::from("PRAGMA cache_size = -65536;\nBEGIN;\n");
    for (table, columns) in &tables {
        let path = csv_dir.join(format!("{table}.csv"));
        // The indexed script imports the files the plain one wrote.
        if !with_indexes {
            write_rows(&conn, table, columns, &path, false);
        }
        script.push_str(&format!(
            "CREATE TABLE {table} ({});\n.import --csv {} {table}\n",
            columns.join(", "),
            path.display()
        ));
    }
    if with_indexes {
        script.push_str(&index_statements(&conn, &tables));
    }
    // The FTS index is contentless: its documents are the entries' folded texts followed by two
    // U+0001 (V16), written by the program and here by the bench, imported beside and inserted.
    let documents = csv_dir.join("search_documents.csv");
    if !with_indexes {
        let mut out = BufWriter::new(fs::File::create(&documents).unwrap());
        let mut stmt = conn
            .prepare("SELECT entry_id, original FROM search_texts")
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let id: i64 = row.get(0).unwrap();
            let folded = zhaoshang::source::fold::fold(&row.get::<_, String>(1).unwrap());
            writeln!(out, "{id},{}", csv_cell(Value::Text(folded + "\u{1}\u{1}"))).unwrap();
        }
    }
    script.push_str(&format!(
        "CREATE TABLE search_documents (entry_id, folded);\n.import --csv {} search_documents\n\
         CREATE VIRTUAL TABLE search_fts USING fts5(folded, content = '', columnsize = 0, detail = 'none', tokenize = 'trigram case_sensitive 1');\n\
         INSERT INTO search_fts (rowid, folded) SELECT entry_id, folded FROM search_documents;\n\
         CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');\n\
         DROP TABLE search_documents;\nCOMMIT;\n",
        documents.display()
    ));
    let path = dir.join(if with_indexes {
        "shell-import-indexed.sql"
    } else {
        "shell-import.sql"
    });
    fs::write(&path, script).unwrap();
    path
}

/// Every row of `table` as CSV (NULL as an empty field), with a header row if `header`.
fn write_rows(conn: &Connection, table: &str, columns: &[String], path: &Path, header: bool) {
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    if header {
        writeln!(out, "{}", columns.join(",")).unwrap();
    }
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let cells: Vec<String> = (0..columns.len())
            .map(|i| csv_cell(row.get::<_, Value>(i).unwrap()))
            .collect();
        writeln!(out, "{}", cells.join(",")).unwrap();
    }
}

fn csv_cell(value: Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => format!("\"{}\"", t.replace('"', "\"\"")),
        Value::Blob(_) => String::new(),
    }
}

/// sqlite-utils (`ZHAOSHANG_SQLITE_UTILS`, on PATH, or in a virtual environment at
/// ~/.cache/zhaoshang/sqlite-utils-venv: `python3 -m venv ~/.cache/zhaoshang/sqlite-utils-venv &&
/// ~/.cache/zhaoshang/sqlite-utils-venv/bin/pip install sqlite-utils`), if installed.
fn sqlite_utils() -> Option<PathBuf> {
    std::env::var_os("ZHAOSHANG_SQLITE_UTILS")
        .map(PathBuf::from)
        .or_else(|| {
            let out = Command::new("sh")
                .args(["-c", "command -v sqlite-utils"])
                .output()
                .ok()?;
            let path = String::from_utf8(out.stdout).ok()?;
            (!path.trim().is_empty()).then(|| PathBuf::from(path.trim()))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|home| {
                PathBuf::from(home).join(".cache/zhaoshang/sqlite-utils-venv/bin/sqlite-utils")
            })
        })
        .filter(|p| p.exists())
}

/// sqlite-utils inserting the same rows (CSV with a header, one process per table, as a user
/// would run it), timed as the sum of its processes.
fn sqlite_utils_import(
    tool: &Path,
    db: &Path,
    dir: &Path,
    target: &Path,
    fresh: &mut Vec<String>,
) -> (Duration, i64) {
    remove_db(target);
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let (mut total, mut peak) = (Duration::ZERO, 0);
    for (table, columns) in written_tables(db) {
        // Written for each size (a file of an earlier size must never be read again).
        let path = dir.join("rows").join(format!("{table}-header.csv"));
        if !fresh.contains(&table) {
            fresh.push(table.clone());
            write_rows(&conn, &table, &columns, &path, true);
        }
        let (t, m) = run_measured(
            Command::new(tool)
                .args(["insert"])
                .arg(target)
                .arg(&table)
                .arg(&path)
                .arg("--csv"),
        );
        total += t;
        peak = peak.max(m);
    }
    (total, peak)
}

/// Ours against a baseline: the median of each side's wall times, each side's peak memory, and
/// the median of the pairs' ratios (each run of ours over the baseline run beside it, so that a
/// drift in the machine's speed moves both halves of a pair).
struct Timed {
    ours: (Duration, i64),
    base: (Duration, i64),
    ratio: f64,
}

type Run = (Duration, i64);

fn timed(pairs: &[(Run, Run)]) -> Timed {
    let side = |pick: fn(&(Run, Run)) -> Run| {
        let runs: Vec<Run> = pairs.iter().map(pick).collect();
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        (median(runs.into_iter().map(|r| r.0).collect()), peak)
    };
    let mut ratios: Vec<f64> = pairs
        .iter()
        .map(|(a, b)| a.0.as_secs_f64() / b.0.as_secs_f64().max(1e-9))
        .collect();
    ratios.sort_by(f64::total_cmp);
    Timed {
        ours: side(|p| p.0),
        base: side(|p| p.1),
        ratio: ratios[ratios.len() / 2],
    }
}

/// Alternates `a` and `b` `runs` times.
fn alternated(runs: usize, mut a: impl FnMut() -> Run, mut b: impl FnMut() -> Run) -> Timed {
    let pairs: Vec<(Run, Run)> = (0..runs).map(|_| (a(), b())).collect();
    timed(&pairs)
}

/// One line of the results: ours against a baseline, with the ratio and whether the target
/// (a ratio ceiling, and a peak-memory ceiling in MB for ours) is met.
struct Line<'a> {
    label: &'a str,
    timed: Timed,
    max_ratio: f64,
    max_mb: Option<f64>,
}

fn print_line(out: &mut String, l: Line) {
    let Timed { ours, base, ratio } = l.timed;
    let mb = |kb: i64| kb as f64 / 1024.0;
    let mut met = ratio <= l.max_ratio;
    let mut target = format!("≤ {}×", l.max_ratio);
    if let Some(max) = l.max_mb {
        met &= mb(ours.1) <= max;
        target.push_str(&format!(", ≤ {max} MB"));
    }
    out.push_str(&format!(
        "| {} | {:.3} s | {:.1} MB | {:.3} s | {:.1} MB | {ratio:.2}× | {target} | {} |\n",
        l.label,
        ours.0.as_secs_f64(),
        mb(ours.1),
        base.0.as_secs_f64(),
        mb(base.1),
        if met { "met" } else { "NOT met" }
    ));
}

/// `draft` on an article of about 10,000 characters (the seed article's paragraphs four times
/// over), as a whole process, against a process that does nothing (`template`).
fn draft_timing(args: &Args) {
    let seed = include_str!("../seed/000_85edc0fe63a7bda2.txt");
    let mut lines = seed.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap_or_default();
    let body: Vec<&str> = lines.collect();
    let mut article = format!("{title}\n");
    while article.chars().count() < 10_000 {
        for line in &body {
            article.push_str(line);
            article.push('\n');
        }
    }
    let path = args.dir.join("article-10k.txt");
    fs::write(&path, &article).unwrap();
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for _ in 0..args.runs.max(5) {
        ours.push(
            run_measured(Command::new(BIN).args([
                "draft",
                path.to_str().unwrap(),
                "--published",
                "2023-12-28",
            ]))
            .0,
        );
        base.push(run_measured(Command::new(BIN).arg("template")).0);
    }
    let (ours, base) = (median(ours), median(base));
    println!("\n## draft\n");
    println!(
        "draft of a {}-character article: {:.3} s; a do-nothing process (`template`): {:.3} s; \
         target well under 1 s: {}",
        article.chars().count(),
        ours.as_secs_f64(),
        base.as_secs_f64(),
        if ours < Duration::from_millis(500) {
            "met"
        } else {
            "NOT met"
        }
    );
}

fn main() {
    let args = args();
    assert!(
        !(args.import_only && args.write_readme),
        "--write-readme writes the whole run's tables: not with --import-only"
    );
    fs::create_dir_all(&args.dir).unwrap();
    println!(
        "zhaoshang scale benchmark: whole processes, ours and baseline alternated, median of {} \
         runs; ratio = the median of the pairs' ratios (each run of ours over the baseline run \
         beside it); peak = the process's maximum resident memory",
        args.runs
    );
    if !args.import_only {
        draft_timing(&args);
    }
    let mut readme = String::new();
    for &n in &args.sizes {
        let section = size_section(&args, n);
        print!("{section}");
        readme.push_str(&section);
    }
    if !args.sizes.is_empty() && !args.import_only {
        let section = one_district_section(&args);
        print!("{section}");
        readme.push_str(&section);
    }
    if args.write_readme {
        write_readme(&readme);
    }
}

/// Copies of the seed under this many URLs (and titles), and twice as many: one district's
/// sources.
const DISTRICT_SOURCES: usize = 2_500;

/// `report reconcile` on many sources of one district (the seed under `DISTRICT_SOURCES` URLs
/// and twice as many), against the shell running its SQL: a period figure is checked against
/// every ceremony of its place and period, so a cost that grew with figures × events shows here
/// as time growing faster than the sources.
fn one_district_section(args: &Args) -> String {
    let seeded = args.dir.join("seed.db");
    remove_db(&seeded);
    run_measured(&mut zhaoshang(&seeded, &["init"]));
    let seed_jsonl = args.dir.join("seed.jsonl");
    run_measured(&mut zhaoshang(
        &seeded,
        &["export", "--jsonl", seed_jsonl.to_str().unwrap()],
    ));
    remove_db(&seeded);
    let seed: serde_json::Value =
        serde_json::from_str(fs::read_to_string(&seed_jsonl).unwrap().trim()).unwrap();
    let mut out = String::from(
        "\n### one district: the seed under many URLs\n\n\
         | figure | ours | ours peak | baseline | baseline peak | ratio | target | |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let report = zhaoshang::view::reports::all()
        .into_iter()
        .find(|r| r.name == "reconcile")
        .expect("the reconcile report");
    let sql = report_sql_file(args, &report);
    let mut medians = Vec::new();
    for copies in [DISTRICT_SOURCES, 2 * DISTRICT_SOURCES] {
        let jsonl = args.dir.join(format!("district-{copies}.jsonl"));
        {
            let mut file = BufWriter::new(fs::File::create(&jsonl).unwrap());
            for i in 0..copies {
                let mut copy = seed.clone();
                let source = &mut copy["source"];
                let url = format!("{}?copy={i}", source["url"].as_str().unwrap());
                source["url"] = url.into();
                // a source is known by its title and date too
                let title = format!("{}（副本{i}）", source["title"].as_str().unwrap());
                source["title"] = title.into();
                writeln!(file, "{copy}").unwrap();
            }
            file.flush().unwrap();
        }
        let db = args.dir.join(format!("district-{copies}.db"));
        fresh_schema(&db);
        run_measured(&mut zhaoshang(&db, &["import", jsonl.to_str().unwrap()]));
        let timed = alternated(
            args.runs.max(5),
            || {
                run_measured(&mut zhaoshang(
                    &db,
                    &["report", "reconcile", "--format", "csv"],
                ))
            },
            || run_with_input(sqlite3().arg("-csv").arg(&db), &sql),
        );
        medians.push(timed.ours.0);
        let (file, texts) = (
            fs::metadata(&db).unwrap().len() as f64,
            text_bytes(&db) as f64,
        );
        out.push_str(&format!(
            "| database file on {copies} copies of the seed vs the bytes of the source texts it holds | {:.1} MB | | {:.1} MB | | {:.2}× | ≤ 4× | {} |\n",
            file / 1e6,
            texts / 1e6,
            file / texts,
            if file <= 4.0 * texts { "met" } else { "NOT met" }
        ));
        print_line(
            &mut out,
            Line {
                label: &format!(
                    "report reconcile (csv) on {copies} sources of one district vs the shell running its SQL"
                ),
                timed,
                max_ratio: 1.0,
                max_mb: Some(20.0),
            },
        );
        remove_db(&db);
        let _ = fs::remove_file(&jsonl);
    }
    let growth = medians[1].as_secs_f64() / medians[0].as_secs_f64();
    out.push_str(&format!(
        "\nreconcile on {} sources: {:.3} s (target well under 1 s, taken as under 0.5 s: {}); \
         twice the sources took {growth:.2}× the time (target: no faster than the input grows, \
         taken as ≤ 2.2×: {})\n",
        2 * DISTRICT_SOURCES,
        medians[1].as_secs_f64(),
        if medians[1] < Duration::from_millis(500) {
            "met"
        } else {
            "NOT met"
        },
        if growth <= 2.2 { "met" } else { "NOT met" },
    ));
    out
}

/// The bytes of every source text a catalogue holds (UTF-8).
fn text_bytes(db: &Path) -> i64 {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .query_row(
            "SELECT sum(length(CAST(full_text AS BLOB))) FROM sources",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Replaces README.md's text between `<!-- bench:start -->` and `<!-- bench:end -->`.
fn write_readme(tables: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- bench:start -->", "<!-- bench:end -->");
    let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
        panic!("README.md has no {start} … {end} markers");
    };
    let generated = format!(
        "{start}\n<!-- written by `cargo bench --bench scale -- --write-readme`; do not edit -->\n{tables}\n"
    );
    fs::write(&path, format!("{}{generated}{}", &text[..a], &text[b..])).unwrap();
}

fn size_section(args: &Args, n: usize) -> String {
    let jsonl = args.dir.join(format!("corpus-{n}.jsonl"));
    let totals = {
        let mut out = BufWriter::new(fs::File::create(&jsonl).unwrap());
        let t = if args.realistic {
            synth::generate_realistic(n, 1, &mut out)
        } else {
            synth::generate(n, 1, &mut out)
        }
        .unwrap();
        out.flush().unwrap();
        t
    };
    let mut out = format!(
        "\n### {n} projects ({} sources{}, JSON Lines {:.1} MB)\n\n\
         | figure | ours | ours peak | baseline | baseline peak | ratio | target | |\n\
         |---|---|---|---|---|---|---|---|\n",
        totals.sources,
        if args.realistic {
            " like real reports"
        } else {
            ", short synthetic"
        },
        totals.bytes as f64 / 1e6
    );
    let db = args.dir.join(format!("ours-{n}.db"));
    import_lines(args, &jsonl, &db, n, &mut out);
    if args.import_only {
        return out;
    }
    report_lines(args, &db, &mut out);
    search_lines(args, &db, &mut out);
    let noop = alternated(
        args.runs.max(5),
        || run_measured(&mut zhaoshang(&db, &["events", "--limit", "1"])),
        || run_measured(sqlite3().arg(&db).arg("select * from events limit 1")),
    );
    print_line(
        &mut out,
        Line {
            label: "read-only no-op `events --limit 1` vs `sqlite3 FILE 'select * from events limit 1'`",
            timed: noop,
            max_ratio: 1.2,
            max_mb: None,
        },
    );
    out
}

/// Sizes above this many projects are large: fewer import runs, no sqlite-utils by default.
const LARGE: usize = 100_000;

fn import_lines(args: &Args, jsonl: &Path, db: &Path, n: usize, out: &mut String) {
    let runs = match args.large_import_runs {
        Some(r) if n > LARGE => r.max(1),
        _ => args.runs,
    };
    let shell_db = args.dir.join("shell-import.db");
    let ours_db = args.dir.join(format!("ours-{n}-import.db"));
    let import_into = |target: &Path| {
        fresh_schema(target);
        run_measured(&mut zhaoshang(target, &["import", jsonl.to_str().unwrap()]))
    };
    let shell_import = |script: &Path| {
        remove_db(&shell_db);
        run_with_input(sqlite3().arg(&shell_db), script)
    };
    // The first run writes the catalogue the reports read; the rows it wrote are what the
    // baselines write. Ours and the shell alternate from there.
    let first = import_into(db);
    let script = shell_import_files(db, &args.dir, false);
    let indexed_script = shell_import_files(db, &args.dir, true);
    let mut pairs = vec![(first, shell_import(&script))];
    let mut indexed_pairs = vec![(first, shell_import(&indexed_script))];
    for _ in 1..runs {
        let ours = import_into(&ours_db);
        pairs.push((ours, shell_import(&script)));
        indexed_pairs.push((ours, shell_import(&indexed_script)));
    }
    // Only the catalogue is read again; a large size's copies would fill the disk.
    remove_db(&ours_db);
    remove_db(&shell_db);
    let plain = timed(&pairs);
    let indexed = timed(&indexed_pairs);
    let ours = plain.ours;
    let of_runs = if runs == args.runs {
        String::new()
    } else {
        format!(" (median of {runs})")
    };
    print_line(
        out,
        Line {
            label: &format!(
                "import vs `sqlite3 .import` of the same rows (+ the same FTS indexes){of_runs}"
            ),
            timed: plain,
            max_ratio: 2.0,
            max_mb: Some(100.0),
        },
    );
    print_line(
        out,
        Line {
            label: &format!(
                "import vs `sqlite3 .import` of the same rows with the same indexes (each built \
                 after the rows, + the same FTS indexes){of_runs}"
            ),
            timed: indexed,
            max_ratio: 1.5,
            max_mb: Some(100.0),
        },
    );
    sqlite_utils_line(args, db, n, ours, out);
    if !args.import_only {
        let _ = fs::remove_dir_all(args.dir.join("rows"));
    }
    let size = fs::metadata(db).unwrap().len() as f64 / n as f64;
    out.push_str(&format!(
        "| database file per project | {size:.0} B | | | | | ≤ 2500 B | {} |\n",
        if size <= 2500.0 { "met" } else { "NOT met" }
    ));
}

fn sqlite_utils_line(args: &Args, db: &Path, n: usize, ours: Run, out: &mut String) {
    let label = "import vs sqlite-utils insert of the same rows (CSV, one process per table)";
    let Some(tool) = sqlite_utils() else {
        out.push_str(&format!(
            "| {label} | | | | | | ≤ 0.1× | not measured: no sqlite-utils (pip install sqlite-utils) |\n"
        ));
        return;
    };
    if n > LARGE && !args.sqlite_utils_large {
        out.push_str(&format!(
            "| {label} | | | | | | ≤ 0.1× | not measured above {LARGE} projects (--sqlite-utils-large) |\n"
        ));
        return;
    }
    let target = args.dir.join("sqlite-utils.db");
    // Slow (about five minutes at 100,000 projects): one run beyond 10,000 projects.
    let count = if n > 10_000 { 1 } else { args.runs.min(2) };
    let mut written = Vec::new();
    let runs: Vec<Run> = (0..count)
        .map(|_| sqlite_utils_import(&tool, db, &args.dir, &target, &mut written))
        .collect();
    remove_db(&target);
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
    let base = (median(runs.into_iter().map(|r| r.0).collect()), peak);
    let of_runs = if count == 1 { " (one run)" } else { "" };
    print_line(
        out,
        Line {
            label: &format!("{label}{of_runs}"),
            timed: timed(&[(ours, base)]),
            max_ratio: 0.1,
            max_mb: None,
        },
    );
}

/// A report's SQL in a file, for the shell to run.
fn report_sql_file(args: &Args, report: &zhaoshang::view::reports::Report) -> PathBuf {
    let path = args.dir.join(format!("report-{}.sql", report.name));
    fs::write(&path, report.sql).unwrap();
    path
}

fn report_lines(args: &Args, db: &Path, out: &mut String) {
    for report in zhaoshang::view::reports::all() {
        let name = report.name.as_str();
        let sql_file = report_sql_file(args, &report);
        for (format, shell_mode) in [("csv", "-csv"), ("table", "-box")] {
            let timed = alternated(
                args.runs,
                || run_measured(&mut zhaoshang(db, &["report", name, "--format", format])),
                || run_with_input(sqlite3().arg(shell_mode).arg(db), &sql_file),
            );
            let label =
                format!("report {name} ({format}) vs the shell running its SQL ({shell_mode})");
            print_line(
                out,
                Line {
                    label: &label,
                    timed,
                    max_ratio: 1.0,
                    max_mb: Some(20.0),
                },
            );
        }
    }
}

fn search_lines(args: &Args, db: &Path, out: &mut String) {
    for term in ["新材料", "储能"] {
        let like = args.dir.join("like.sql");
        fs::write(
            &like,
            format!("SELECT count(*) FROM search_texts WHERE original LIKE '%{term}%';\n"),
        )
        .unwrap();
        let timed = alternated(
            args.runs,
            || {
                run_measured(&mut zhaoshang(
                    db,
                    &["search", term, "--limit", "50", "--format", "csv"],
                ))
            },
            || run_with_input(sqlite3().arg(db), &like),
        );
        let label = format!(
            "search {term} ({} characters, top 50) vs a LIKE scan of the texts search covers",
            term.chars().count()
        );
        print_line(
            out,
            Line {
                label: &label,
                timed,
                max_ratio: 0.3,
                max_mb: None,
            },
        );
    }
    index_search_lines(args, db, out);
}

/// Search for the top 50 against a bare count of the same MATCH expression in the index (issue
/// 31): the trigrams that cover a term of three or more characters joined by AND, and for one or
/// two characters the trigrams of the index's vocabulary that begin with the term joined by OR
/// (V16; before it a count over the pairs index, which V16 dropped). Terms: a place, a
/// company's name fragment, an industry word, two characters, and a term in traditional script
/// (the catalogue's texts of it are mostly simplified).
fn index_search_lines(args: &Args, db: &Path, out: &mut String) {
    for (what, term) in [
        ("a place", "李沧区"),
        ("a company fragment", "万安新能"),
        ("an industry word", "医疗器械"),
        ("two characters", "储能"),
        ("traditional script", "醫療器械"),
    ] {
        let folded = zhaoshang::source::fold::fold(term);
        let count = args.dir.join("count.sql");
        // the trigrams that cover the term, as the program looks it up (the index keeps no
        // positions, so no phrase)
        let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
        let (expression, what_is_counted) = if folded.chars().count() >= 3 {
            let trigrams = zhaoshang::store::search::covering_trigrams(&folded);
            let quoted: Vec<String> = trigrams.iter().map(|t| quoted(t)).collect();
            (quoted.join(" AND "), format!("`{folded}`"))
        } else {
            let trigrams = trigrams_beginning(db, &folded);
            let quoted: Vec<String> = trigrams.iter().map(|t| quoted(t)).collect();
            let what = format!(
                "the OR of the {} trigrams beginning `{folded}`",
                quoted.len()
            );
            (quoted.join(" OR "), what)
        };
        fs::write(
            &count,
            format!(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH '{}';\n",
                expression.replace('\'', "''")
            ),
        )
        .unwrap();
        let timed = alternated(
            args.runs.max(5),
            || {
                run_measured(&mut zhaoshang(
                    db,
                    &["search", term, "--limit", "50", "--format", "csv"],
                ))
            },
            || run_with_input(sqlite3().arg(db), &count),
        );
        let label = format!(
            "search {term} ({what}, top 50) vs a bare count of {what_is_counted} in search_fts (the shell)"
        );
        print_line(
            out,
            Line {
                label: &label,
                timed,
                max_ratio: 3.0,
                max_mb: None,
            },
        );
    }
}
