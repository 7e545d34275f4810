//! The scale benchmark (issue: a nationwide catalogue in one file). Not part of the test suite:
//!
//!     cargo bench --bench scale -- [--projects 10000,100000,1000000] [--runs 3] [--dir DIR]
//!
//! For each size it generates a synthetic catalogue (JSON Lines, fixed seed), then measures, as
//! the median of --runs runs, each figure next to a baseline measured in the same run, and prints
//! the ratio: import vs a bare rusqlite insert of the same rows and vs `sqlite3 .import` of the
//! projects as CSV; peak memory of the import; every report vs a full scan of projects and vs the
//! same SQL run by a bare rusqlite runner; search vs a LIKE scan; a no-op command vs
//! `sqlite3 FILE 'select 1'`; the file size per project.

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
    dir: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        sizes: vec![10_000, 100_000],
        runs: 3,
        dir: std::env::temp_dir().join("zhaoshang-bench"),
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
            "--runs" => a.runs = it.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--dir" => a.dir = PathBuf::from(it.next().expect("--dir DIR")),
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
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    run_measured(&mut zhaoshang(db, &["init", "--empty"]));
}

/// The tables our import writes, in an order that satisfies their foreign keys.
const TABLES: [&str; 21] = [
    "sources",
    "places",
    "industries",
    "companies",
    "company_aliases",
    "strategies",
    "events",
    "projects",
    "project_facts",
    "project_companies",
    "event_industries",
    "project_industries",
    "layout_industries",
    "event_strategies",
    "project_strategies",
    "place_strategies",
    "industry_strategies",
    "statistics",
    "search_entries",
    "search_pairs",
    "search_fts",
];

/// The document of a folded text in search_pairs (as the program writes it): its character
/// pairs and last character, sorted, without repeats, space-separated.
fn pairs_document(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    if let Some(last) = chars.last() {
        out.push(last.to_string());
    }
    out.sort();
    out.dedup();
    out.join(" ")
}

/// Baseline (a): the same rows into the same tables, one transaction, cached statements.
fn bare_insert(source_db: &Path, target: &Path) -> Duration {
    let src = Connection::open_with_flags(source_db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut data: Vec<(String, usize, Vec<Vec<Value>>)> = Vec::new();
    for table in TABLES {
        let select = match table {
            // external content: its documents are the entries' two texts
            "search_fts" => "SELECT entry_id, folded, traditional FROM search_entries".to_string(),
            // contentless: its documents are made from the entries' folded texts
            "search_pairs" => "SELECT entry_id, folded FROM search_entries".to_string(),
            _ => format!("SELECT * FROM {table}"),
        };
        let mut stmt = src.prepare(&select).unwrap();
        let width = stmt.column_count();
        let mut rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        if table == "search_pairs" {
            for row in &mut rows {
                if let Value::Text(folded) = &row[1] {
                    row[1] = Value::Text(pairs_document(folded));
                }
            }
        }
        data.push((table.to_string(), width, rows));
    }
    drop(src);
    fresh_schema(target);
    let mut conn = Connection::open(target).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let started = Instant::now();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    for (table, width, rows) in &data {
        let columns = match table.as_str() {
            "search_fts" => "(rowid, folded, traditional)".to_string(),
            "search_pairs" => "(rowid, pairs)".to_string(),
            _ => String::new(),
        };
        let marks = vec!["?"; *width].join(", ");
        let sql = format!("INSERT INTO {table} {columns} VALUES ({marks})");
        let mut stmt = tx.prepare_cached(&sql).unwrap();
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row.iter()))
                .unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

/// Baseline (b): `sqlite3 .import` of the projects as CSV into a table of the same shape.
fn shell_import(source_db: &Path, dir: &Path) -> Duration {
    let csv = dir.join("projects.csv");
    let src = Connection::open_with_flags(source_db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    // The same columns with the same types. Without the constraints: the shell imports an empty
    // CSV field as '' rather than NULL, which the CHECK and STRICT rules rightly refuse.
    let columns: Vec<String> = src
        .prepare("SELECT name, type FROM pragma_table_info('projects') ORDER BY cid")
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let create = format!("CREATE TABLE projects ({})", columns.join(", "));
    {
        let mut out = BufWriter::new(fs::File::create(&csv).unwrap());
        let mut stmt = src.prepare("SELECT * FROM projects").unwrap();
        let width = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..width)
                .map(|i| match row.get::<_, Value>(i).unwrap() {
                    Value::Null => String::new(),
                    Value::Integer(n) => n.to_string(),
                    Value::Real(f) => f.to_string(),
                    Value::Text(t) => format!("\"{}\"", t.replace('"', "\"\"")),
                    Value::Blob(_) => String::new(),
                })
                .collect();
            writeln!(out, "{}", cells.join(",")).unwrap();
        }
    }
    let db = dir.join("shell-import.db");
    let _ = fs::remove_file(&db);
    let status = Command::new("sqlite3")
        .arg(&db)
        .arg(&create)
        .status()
        .unwrap();
    assert!(status.success());
    let (t, _) = run_measured(
        Command::new("sqlite3")
            .arg(&db)
            .arg(format!(".import --csv {} projects", csv.display())),
    );
    t
}

fn bare_query(db: &Path, sql: &str) -> Duration {
    let started = Instant::now();
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    // Report parameters stay unbound (NULL), as when the program runs a report without them.
    let mut rows = stmt.raw_query();
    let mut n = 0usize;
    while let Some(row) = rows.next().unwrap() {
        for i in 0..width {
            let _: Value = row.get(i).unwrap();
        }
        n += 1;
    }
    std::hint::black_box(n);
    started.elapsed()
}

fn ratio(label: &str, ours: Duration, base: Duration, target: &str, met: bool) {
    println!(
        "| {label} | {:.3} s | {:.3} s | {:.2}× | {target} | {} |",
        ours.as_secs_f64(),
        base.as_secs_f64(),
        ours.as_secs_f64() / base.as_secs_f64().max(1e-9),
        if met { "met" } else { "NOT met" }
    );
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
    println!("| figure | ours | baseline | ratio | target | |");
    println!("|---|---|---|---|---|---|");
    ratio(
        &format!(
            "draft of a {}-character article vs a do-nothing process (`template`)",
            article.chars().count()
        ),
        ours,
        base,
        "well under 1 s",
        ours < Duration::from_millis(500),
    );
}

fn main() {
    let args = args();
    fs::create_dir_all(&args.dir).unwrap();
    println!(
        "zhaoshang scale benchmark: median of {} runs; ratio = ours / baseline",
        args.runs
    );
    draft_timing(&args);
    for &n in &args.sizes {
        let jsonl = args.dir.join(format!("synth-{n}.jsonl"));
        let totals = {
            let mut out = BufWriter::new(fs::File::create(&jsonl).unwrap());
            let t = synth::generate(n, 1, &mut out).unwrap();
            out.flush().unwrap();
            t
        };
        println!(
            "\n## {n} projects ({} sources, JSON Lines {:.1} MB)\n",
            totals.sources,
            totals.bytes as f64 / 1e6
        );
        println!("| figure | ours | baseline | ratio | target | |");
        println!("|---|---|---|---|---|---|");
        let db = args.dir.join(format!("ours-{n}.db"));
        let mut imports = Vec::new();
        let mut peak = 0;
        for _ in 0..args.runs {
            fresh_schema(&db);
            let started = Instant::now();
            let out = Command::new(BIN)
                .env("ZHAOSHANG_PEAK_MEMORY", "1")
                .arg("--db")
                .arg(&db)
                .args(["import", jsonl.to_str().unwrap()])
                .output()
                .unwrap();
            imports.push(started.elapsed());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // The import's own VmHWM: wait4's ru_maxrss would count the bench's memory too.
            let rss: i64 = String::from_utf8_lossy(&out.stderr)
                .lines()
                .find_map(|l| l.strip_prefix("peak memory: "))
                .and_then(|v| v.trim_end_matches(" kB").trim().parse().ok())
                .expect("the import reports its peak memory");
            peak = peak.max(rss);
        }
        let ours = median(imports);
        let bare: Vec<Duration> = (0..args.runs)
            .map(|_| bare_insert(&db, &args.dir.join("bare.db")))
            .collect();
        let bare = median(bare);
        // ratio as throughput: baseline time / our time; the target asks for ≥ 0.5 and ≥ 1.0
        let vs_bare = bare.as_secs_f64() / ours.as_secs_f64();
        println!(
            "| import vs bare rusqlite insert (throughput) | {:.3} s | {:.3} s | {vs_bare:.2}× | ≥ 0.5× | {} |",
            ours.as_secs_f64(),
            bare.as_secs_f64(),
            if vs_bare >= 0.5 { "met" } else { "NOT met" }
        );
        let shell: Vec<Duration> = (0..args.runs)
            .map(|_| shell_import(&db, &args.dir))
            .collect();
        let shell = median(shell);
        let vs_shell = shell.as_secs_f64() / ours.as_secs_f64();
        println!(
            "| import vs sqlite3 .import of the projects CSV (throughput) | {:.3} s | {:.3} s | {vs_shell:.2}× | ≥ 1.0× | {} |",
            ours.as_secs_f64(),
            shell.as_secs_f64(),
            if vs_shell >= 1.0 { "met" } else { "NOT met" }
        );
        println!(
            "| peak memory of the import | {:.1} MB | | | ≤ 100 MB, flat | {} |",
            peak as f64 / 1024.0,
            if peak <= 100 * 1024 { "met" } else { "NOT met" }
        );

        let scan_sql = "SELECT sum(amount_yuan) FROM projects";
        let scan = median((0..args.runs).map(|_| bare_query(&db, scan_sql)).collect());
        for report in zhaoshang::view::reports::all() {
            let name = report.name.as_str();
            let ours = median(
                (0..args.runs)
                    .map(|_| {
                        run_measured(&mut zhaoshang(&db, &["report", name, "--format", "csv"])).0
                    })
                    .collect(),
            );
            let sql = report.sql;
            let runner = median((0..args.runs).map(|_| bare_query(&db, sql)).collect());
            ratio(
                &format!("report {name} vs full scan of projects"),
                ours,
                scan,
                "≤ 1.5×",
                ours.as_secs_f64() <= 1.5 * scan.as_secs_f64(),
            );
            ratio(
                &format!("report {name} vs bare rusqlite runner"),
                ours,
                runner,
                "≤ 1.2×",
                ours.as_secs_f64() <= 1.2 * runner.as_secs_f64(),
            );
        }
        for (term, target) in [("新材料", 0.05), ("储能", 0.5)] {
            let ours = median(
                (0..args.runs)
                    .map(|_| {
                        run_measured(&mut zhaoshang(
                            &db,
                            &["search", term, "--format", "csv", "--limit", "50"],
                        ))
                        .0
                    })
                    .collect(),
            );
            let like = format!("SELECT project_id, name FROM projects WHERE name LIKE '%{term}%'");
            let scan = median((0..args.runs).map(|_| bare_query(&db, &like)).collect());
            ratio(
                &format!(
                    "search {term} ({} characters) vs LIKE scan of project names",
                    term.chars().count()
                ),
                ours,
                scan,
                &format!("≤ {target}×"),
                ours.as_secs_f64() <= target * scan.as_secs_f64(),
            );
        }
        let noop = median(
            (0..args.runs.max(5))
                .map(|_| run_measured(&mut zhaoshang(&db, &["events", "--limit", "1"])).0)
                .collect(),
        );
        let shell_select = median(
            (0..args.runs.max(5))
                .map(|_| run_measured(Command::new("sqlite3").arg(&db).arg("select 1")).0)
                .collect(),
        );
        ratio(
            "no-op `events --limit 1` vs `sqlite3 FILE 'select 1'`",
            noop,
            shell_select,
            "≤ 2×",
            noop.as_secs_f64() <= 2.0 * shell_select.as_secs_f64(),
        );
        let size = fs::metadata(&db).unwrap().len();
        println!(
            "| database file per project | {:.0} bytes | JSON Lines {:.0} bytes | {:.2}× | (reported) | |",
            size as f64 / n as f64,
            totals.bytes as f64 / n as f64,
            size as f64 / totals.bytes as f64
        );
    }
}
