//! The follow-through benchmark (issue 26). Not part of the test suite (nothing there is timed):
//!
//!     cargo bench --bench followthrough -- [--projects 100000] [--milestones 50000] [--runs 5]
//!                                          [--dir DIR]
//!
//! It generates a catalogue of signings and their later news in the import format (JSON Lines):
//! signing sources of ten projects each (with keys), 集中开工 sources (events of stage started)
//! naming ten projects signed earlier in their district each (same_as), and milestone sources of
//! ten milestones each (started, completed, in production, funds in place with an amount,
//! stalled, terminated), dated up to two years after each project's signing; every quote is a
//! part of its generated text. It imports them with the program, then times `report
//! followthrough` as whole processes against the stock `sqlite3` shell running the very report
//! SQL (`--format csv` beside `-csv`, the table beside `-box`; by place, by year, and a window
//! of 24 months), alternated, medians of --runs (the ratio: the median of the pairs' ratios).
//! The target is ≤ 1.0× the shell.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use time::{Date, Duration as Days, Month};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");
const PER_SOURCE: usize = 10;
const DISTRICTS: usize = 100;

struct Args {
    projects: usize,
    milestones: usize,
    runs: usize,
    dir: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        projects: 100_000,
        milestones: 50_000,
        runs: 5,
        dir: std::env::temp_dir().join("zhaoshang-bench-followthrough"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = || it.next().and_then(|n| n.parse().ok()).expect("a number");
        match arg.as_str() {
            "--projects" => a.projects = number(),
            "--milestones" => a.milestones = number(),
            "--runs" => a.runs = number(),
            "--dir" => a.dir = PathBuf::from(it.next().expect("--dir DIR")),
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// A small deterministic generator (the same seed gives the same catalogue).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// A signed project: its key, district and day.
struct Signed {
    key: String,
    district: usize,
    day: Date,
}

fn district(d: usize) -> String {
    // invented names, never a real division's: 试 and a number
    format!("试验{d}区")
}

fn day(rng: &mut Rng) -> Date {
    let first = Date::from_calendar_date(2022, Month::January, 1).unwrap();
    first + Days::days(rng.below(730) as i64)
}

fn place(d: usize, quote: &str) -> Value {
    json!({"name": district(d), "kind": "district", "parent": "中国", "quote": quote})
}

/// A signing source of ten projects in one district on one day.
fn signing(n: usize, rng: &mut Rng, signed: &mut Vec<Signed>) -> Value {
    let d = rng.below(DISTRICTS);
    let when = day(rng);
    let opening = format!("{}举行第{n}批招商引资项目集中签约", district(d));
    let mut text = format!("{opening}。");
    let mut projects = Vec::new();
    for k in 0..PER_SOURCE {
        let key = format!("s{n}p{k}");
        let name = format!("第{n}批第{k}号产业项目");
        let amount = format!("{}亿元", 1 + rng.below(50));
        let quote = format!("{name}投资{amount}");
        text.push_str(&format!("{quote}。"));
        projects.push(json!({"name": name, "key": key, "quote": quote,
                             "amount": {"value": amount, "quote": quote}}));
        signed.push(Signed {
            key,
            district: d,
            day: when,
        });
    }
    json!({
        "format": 3,
        "source": {"title": format!("签约{n}"), "url": format!("https://example.org/bench/s{n}"),
                   "published": when.to_string(), "script": "simplified", "text": text},
        "places": [place(d, &opening)],
        "events": [{"name": format!("第{n}批集中签约"), "place": district(d),
                    "date": when.to_string(), "quote": opening, "projects": projects}],
    })
}

/// Ten projects of one district signed earlier, and a day after all their signings.
fn later<'a>(rng: &mut Rng, signed: &'a [Signed]) -> (usize, Vec<&'a Signed>, Date) {
    let first = &signed[rng.below(signed.len())];
    let mut picked: Vec<&Signed> = vec![first];
    while picked.len() < PER_SOURCE {
        let s = &signed[rng.below(signed.len())];
        if s.district == first.district && !picked.iter().any(|p| p.key == s.key) {
            picked.push(s);
        }
    }
    let latest = picked.iter().map(|s| s.day).max().unwrap();
    (
        first.district,
        picked,
        latest + Days::days(rng.below(540) as i64),
    )
}

/// A 集中开工 source naming ten projects signed earlier in its district.
fn started(n: usize, rng: &mut Rng, signed: &[Signed]) -> Value {
    let (d, picked, when) = later(rng, signed);
    let opening = format!("{}第{n}批重点项目集中开工", district(d));
    let mut text = format!("{opening}。");
    let projects: Vec<Value> = picked
        .iter()
        .map(|s| {
            let quote = format!("项目{}开工建设", s.key);
            text.push_str(&format!("{quote}。"));
            json!({"name": format!("开工项目{}", s.key), "quote": quote, "same_as": {"key": s.key}})
        })
        .collect();
    json!({
        "format": 3,
        "source": {"title": format!("开工{n}"), "url": format!("https://example.org/bench/k{n}"),
                   "published": when.to_string(), "script": "simplified", "text": text},
        "places": [place(d, &opening)],
        "events": [{"name": format!("第{n}批集中开工"), "place": district(d), "stage": "started",
                    "date": when.to_string(), "quote": opening, "projects": projects}],
    })
}

const STAGES: [(&str, &str); 6] = [
    ("started", "开工"),
    ("completed", "竣工"),
    ("in_production", "投产"),
    ("funds_in_place", "资金到位"),
    ("stalled", "停滞"),
    ("terminated", "终止"),
];

/// A source of ten milestones of projects signed earlier in one district.
fn milestones(n: usize, rng: &mut Rng, signed: &[Signed]) -> Value {
    let (_, picked, published) = later(rng, signed);
    let mut text = format!("第{n}期项目进展通报。");
    let mut entries = Vec::new();
    for s in picked {
        let span = (published - s.day).whole_days().max(1) as usize;
        let when = s.day + Days::days(rng.below(span) as i64);
        let (stage, word) = STAGES[rng.below(STAGES.len())];
        let quote = format!("项目{}于{when}{word}", s.key);
        let mut entry = json!({"project": {"key": s.key}, "stage": stage,
                               "date": when.to_string(), "quote": quote});
        if stage == "funds_in_place" {
            let funds = format!("已到位资金{}亿元", 1 + rng.below(20));
            text.push_str(&format!("{quote},{funds}。"));
            entry["amount"] =
                json!({"value": funds.trim_start_matches("已到位资金"), "quote": funds});
        } else {
            text.push_str(&format!("{quote}。"));
        }
        entries.push(entry);
    }
    json!({
        "format": 3,
        "source": {"title": format!("进展{n}"), "url": format!("https://example.org/bench/m{n}"),
                   "published": published.to_string(), "script": "simplified", "text": text},
        "milestones": entries,
    })
}

/// Writes the sources (signings first: the later ones name their projects) to one file.
fn generate(args: &Args, path: &Path) {
    let mut rng = Rng(26);
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    let mut signed = Vec::new();
    for n in 0..args.projects / PER_SOURCE {
        writeln!(out, "{}", signing(n, &mut rng, &mut signed)).unwrap();
    }
    // a 集中开工 source for every ten signing sources: a tenth of the projects named again
    for n in 0..args.projects / PER_SOURCE / 10 {
        writeln!(out, "{}", started(n, &mut rng, &signed)).unwrap();
    }
    for n in 0..args.milestones / PER_SOURCE {
        writeln!(out, "{}", milestones(n, &mut rng, &signed)).unwrap();
    }
    out.flush().unwrap();
}

type Run = (Duration, i64);

/// A command's wall time and peak resident memory (KiB), reaped by wait4.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut Command) -> Run {
    let started = Instant::now();
    let child = cmd.stdout(Stdio::null()).spawn().unwrap();
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

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Ours and the shell alternated `runs` times: (ours, shell, ratio) medians, peaks in MB.
fn alternated(runs: usize, ours: &mut Command, shell: impl Fn() -> Command) -> String {
    let mut pairs = Vec::new();
    for _ in 0..runs {
        let a = run_measured(ours);
        let b = run_measured(&mut shell());
        pairs.push((a, b));
    }
    let secs = |pick: fn(&(Run, Run)) -> Run| {
        median(pairs.iter().map(|p| pick(p).0.as_secs_f64()).collect())
    };
    let peak = |pick: fn(&(Run, Run)) -> Run| {
        pairs.iter().map(|p| pick(p).1).max().unwrap() as f64 / 1024.0
    };
    let ratio = median(
        pairs
            .iter()
            .map(|(a, b)| a.0.as_secs_f64() / b.0.as_secs_f64())
            .collect(),
    );
    format!(
        "| {:.3} s | {:.1} MB | {:.3} s | {:.1} MB | {ratio:.2}× | {} |",
        secs(|p| p.0),
        peak(|p| p.0),
        secs(|p| p.1),
        peak(|p| p.1),
        if ratio <= 1.0 { "met" } else { "NOT met" }
    )
}

fn main() {
    let args = args();
    fs::create_dir_all(&args.dir).unwrap();
    let jsonl = args.dir.join("sources.jsonl");
    let db = args.dir.join("followthrough.db");
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    generate(&args, &jsonl);
    let started = Instant::now();
    run_measured(
        Command::new(BIN)
            .arg("--quiet")
            .arg("--db")
            .arg(&db)
            .arg("init"),
    );
    run_measured(
        Command::new(BIN)
            .arg("--quiet")
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&jsonl)
            // the invented districts have no division code: a warning per source
            .stderr(Stdio::null()),
    );
    eprintln!(
        "generated and imported in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let (projects, mentions, milestones) = (
        count("projects"),
        count("project_mentions"),
        count("milestones"),
    );
    assert!(projects as usize >= args.projects && milestones as usize == args.milestones);
    let sql = zhaoshang::view::reports::find("followthrough").unwrap().sql;
    println!(
        "followthrough on {projects} projects (the seed's among them), {mentions} named again \
         at 集中开工 events, {milestones} milestones, {} runs each\n\n\
         | command | ours | ours peak | shell | shell peak | ratio | ≤ 1.0× |\n|---|---|---|---|---|---|---|",
        args.runs
    );
    for (params, shell_params) in [
        (vec![], ""),
        (vec!["-p", "by=year"], ".param set :by year\n"),
        (vec!["-p", "within=24"], ".param set :within 24\n"),
    ] {
        let file = args.dir.join("followthrough.sql");
        fs::write(&file, format!("{shell_params}{sql}")).unwrap();
        for (format, mode) in [("csv", "-csv"), ("table", "-box")] {
            let mut ours = Command::new(BIN);
            ours.arg("--db")
                .arg(&db)
                .args(["report", "followthrough", "--format", format])
                .args(&params);
            let shell = || {
                let mut c = Command::new(
                    std::env::var_os("ZHAOSHANG_SQLITE3").unwrap_or_else(|| "sqlite3".into()),
                );
                c.arg(mode).arg(&db).stdin(fs::File::open(&file).unwrap());
                c
            };
            let line = alternated(args.runs, &mut ours, shell);
            println!(
                "| `report followthrough {}` ({format}) vs `sqlite3 {mode}` {line}",
                params.join(" ")
            );
        }
    }
}
