//! The draft benchmark (issue 27, item 5). Not part of the test suite (nothing there is timed):
//!
//!     cargo bench --bench draft -- [--runs 31] [--folder-runs 5] [--dir DIR]
//!
//! 1. A 5,000-character article (the tuning corpus's .txt articles, tests/draft/tuning/, one
//!    after another and cut at 5,000 characters; the held-out part is never read) drafted by
//!    `zhaoshang draft ARTICLE --published …`: the whole process, start-up, the gazetteer and the
//!    script dictionary included, stdout to /dev/null. The target: a median of at most 50 ms.
//!    The draft reads the gazetteer and compiles its patterns on a second thread while it reads
//!    the article, so its CPU time (both threads) is above its wall time on two cores; the CPU
//!    time is shown too, for a machine with one.
//! 2. Every tuning article (36 text and HTML pages) drafted by one `draft tests/draft/tuning
//!    --out-dir DIR`, drafts, texts and summary written.
//!
//! Each is timed against a baseline run beside it, alternated, medians of the runs (the ratio is
//! the median of the pairs' ratios). The baseline is `cat` of the same input into /dev/null: the
//! smallest public tool that does what a draft cannot avoid (start a process, read the article,
//! write), so that what ours takes above it is ours alone: loading the binary, reading the
//! gazetteer and dictionary, drafting, writing TOML. (`sqlite3 :memory:` would add a SQLite that
//! `draft` never opens.) `zhaoshang template`, our own do-nothing run, is shown too: the part of
//! the time that is our process starting.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_zhaoshang");
const TARGET: Duration = Duration::from_millis(50);
const CHARACTERS: usize = 5_000;

struct Args {
    runs: usize,
    folder_runs: usize,
    dir: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        runs: 31,
        folder_runs: 5,
        dir: std::env::temp_dir().join("zhaoshang-draft-bench"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> usize {
            it.next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name} N"))
        };
        match arg.as_str() {
            "--runs" => a.runs = number("--runs").max(1),
            "--folder-runs" => a.folder_runs = number("--folder-runs").max(1),
            "--dir" => a.dir = PathBuf::from(it.next().expect("--dir DIR")),
            "--bench" => {} // cargo bench passes it
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/draft/tuning")
}

/// The tuning corpus's text articles one after another, cut at `CHARACTERS` characters: the
/// first article's title line, then the body lines of each.
fn article() -> String {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("tests/draft/tuning")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for (n, file) in files.iter().enumerate() {
        let body = fs::read_to_string(file).expect("an article");
        for line in body.lines().skip(usize::from(n > 0)) {
            text.push_str(line.trim());
            text.push('\n');
        }
        if text.chars().count() >= CHARACTERS {
            break;
        }
    }
    let mut cut: String = text.chars().take(CHARACTERS - 1).collect();
    cut.push('\n');
    cut
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn median_f(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// A run's wall time and the CPU time (user + system) its process spent.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
}

/// Runs a command to its end (stdout and stderr to /dev/null; it must succeed), reaped by wait4,
/// which reports its CPU time.
#[allow(clippy::zombie_processes)]
fn timed(cmd: &mut Command) -> Run {
    let started = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
    }
}

/// The machine's load average over the last minute: wall times stretch when it exceeds the
/// cores, CPU times do not.
fn load() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let one = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    format!("load average {one} on {cores} cores")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Medians of ours and the baseline alternated `runs` times (after one run of each to warm the
/// caches).
struct Compared {
    ours: Run,
    base: Run,
    /// The median of the pairs' ratios of wall times.
    ratio: f64,
}

fn alternated(
    runs: usize,
    ours: &mut dyn FnMut() -> Run,
    base: &mut dyn FnMut() -> Run,
) -> Compared {
    ours();
    base();
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (x, y) = (ours(), base());
        ratios.push(x.wall.as_secs_f64() / y.wall.as_secs_f64());
        a.push(x);
        b.push(y);
    }
    let med = |runs: &[Run]| Run {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
    };
    Compared {
        ours: med(&a),
        base: med(&b),
        ratio: median_f(ratios),
    }
}

fn one_article(args: &Args) {
    let text = article();
    let path = args.dir.join("article-5000.txt");
    fs::write(&path, &text).expect("write the article");
    let mut draft = || {
        timed(
            Command::new(BIN)
                .args(["draft", "--published", "2024-06-30"])
                .arg(&path),
        )
    };
    let mut cat = || timed(Command::new("cat").arg(&path));
    let c = alternated(args.runs, &mut draft, &mut cat);
    let template: Vec<Run> = (0..args.runs)
        .map(|_| timed(Command::new(BIN).arg("template")))
        .collect();
    let template = median(template.iter().map(|r| r.wall).collect());
    println!(
        "one article of {} characters ({} bytes), {} runs each, alternated ({}):",
        text.chars().count(),
        text.len(),
        args.runs,
        load()
    );
    let line = |what: &str, r: Run| {
        println!(
            "  {what:<26} median {:6.1} ms wall, {:6.1} ms CPU",
            ms(r.wall),
            ms(r.cpu)
        );
    };
    line("zhaoshang draft", c.ours);
    line("cat (baseline)", c.base);
    println!(
        "  {:<26} median {:6.1} ms wall (our process starting, for scale)",
        "zhaoshang template",
        ms(template)
    );
    println!(
        "  ratio {:.1}× the baseline; {:.1} ms above it; target ≤ {} ms as a whole process: {}",
        c.ratio,
        ms(c.ours.wall.saturating_sub(c.base.wall)),
        TARGET.as_millis(),
        if c.ours.wall <= TARGET {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  (its CPU time, both threads summed, {:.1} ms: about what the wall time comes to on one \
         core, where the warm-up thread cannot run beside the draft: {} there)",
        ms(c.ours.cpu),
        if c.ours.cpu <= TARGET {
            "met"
        } else {
            "NOT met"
        }
    );
}

fn folder(args: &Args) {
    let mut inputs: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("tests/draft/tuning")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    inputs.sort();
    let bytes: u64 = inputs
        .iter()
        .map(|p| fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let out = args.dir.join("drafts");
    let mut draft = || {
        let _ = fs::remove_dir_all(&out);
        timed(
            Command::new(BIN)
                .args(["draft", "--published", "2024-06-30", "--out-dir"])
                .arg(&out)
                .arg(corpus()),
        )
    };
    let mut cat = || timed(Command::new("cat").args(&inputs));
    let c = alternated(args.folder_runs, &mut draft, &mut cat);
    println!(
        "\nthe tuning folder: {} articles ({} KB) into --out-dir, {} runs each, alternated ({}):",
        inputs.len(),
        bytes / 1024,
        args.folder_runs,
        load()
    );
    #[allow(clippy::cast_precision_loss)]
    let each = ms(c.ours.wall) / inputs.len() as f64;
    println!(
        "  zhaoshang draft --out-dir  median {:6.1} ms wall, {:6.1} ms CPU ({each:.1} ms wall an \
         article)",
        ms(c.ours.wall),
        ms(c.ours.cpu)
    );
    println!(
        "  cat of every article       median {:6.1} ms wall, {:6.1} ms CPU",
        ms(c.base.wall),
        ms(c.base.cpu)
    );
    println!("  ratio {:.1}× the baseline", c.ratio);
}

fn main() {
    let args = args();
    fs::create_dir_all(&args.dir).expect("the bench folder");
    println!(
        "zhaoshang draft benchmark: whole processes, ours and `cat` of the same input alternated; \
         medians (ratio: the median of the pairs' ratios)\n"
    );
    one_article(&args);
    folder(&args);
}
