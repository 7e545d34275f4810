//! Pictures: report charts as SVG, report pages as HTML, and the static site, opened in a real
//! browser (headless Chromium) and checked by an HTML checker (tidy). CI installs both and sets
//! ZHAOSHANG_REQUIRE_CHROMIUM=1; elsewhere a missing tool skips its part with a printed reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestEnv, dom, need, stderr, stdout};

/// The seed and the two test fixtures.
fn catalogue() -> TestEnv {
    let env = TestEnv::new();
    assert!(env.run(&["init"]).status.success());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for f in ["fushan_2024-12-09.toml", "nanchuan_2019q1.toml"] {
        let out = env.run(&["import", fixtures.join(f).to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    env
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn report_charts_are_svg_with_text_and_pages_are_self_contained() {
    let env = catalogue();
    for report in ["timeline", "industries", "bands", "targets", "top", "map"] {
        let out = env.run(&["report", report, "--format", "svg"]);
        assert!(out.status.success(), "{report}: {}", stderr(&out));
        let svg = stdout(&out);
        assert!(svg.starts_with("<svg"), "{report}");
        assert!(
            svg.contains("<text") && svg.contains("Noto Sans CJK SC"),
            "{report}"
        );
        let page = stdout(&env.run(&["report", report, "--format", "html"]));
        assert!(page.contains("<svg") && page.contains("<table"), "{report}");
        let fetches = ["src=\"http", "href=\"http", "url(http", "@import"];
        assert!(
            !page.contains("<script") && !fetches.iter().any(|f| page.contains(f)),
            "{report}: no script, nothing fetched"
        );
    }
    assert!(stdout(&env.run(&["report", "top", "--format", "svg"])).contains("年產1GW飛輪儲能"));
    assert!(stdout(&env.run(&["report", "targets", "--format", "svg"])).contains("no data"));
    let out = env.run(&["report", "summary", "--format", "svg"]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(stderr(&out).contains("has no chart"), "{}", stderr(&out));
}

#[test]
fn the_site_is_deterministic_linked_valid_and_shows_in_a_browser() {
    let env = catalogue();
    let (a, b) = (env.dir.path().join("a"), env.dir.path().join("b"));
    for dir in [&a, &b] {
        let out = env.run(&["site", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (mut pages, mut again) = (Vec::new(), Vec::new());
    files(&a, &mut pages);
    files(&b, &mut again);
    pages.sort();
    again.sort();
    assert_eq!(pages.len(), again.len());
    for (p, q) in pages.iter().zip(&again) {
        assert_eq!(
            std::fs::read(p).unwrap(),
            std::fs::read(q).unwrap(),
            "{} differs",
            p.display()
        );
    }
    // Writing into a folder of other files is refused; into its own site, allowed.
    std::fs::write(env.dir.path().join("mine.txt"), "x").unwrap();
    let out = env.run(&["site", env.dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(env.run(&["site", a.to_str().unwrap()]).status.success());

    // Every fact's quote links to an anchor that its source page has.
    let event = std::fs::read_to_string(a.join("event/1.html")).unwrap();
    let source = std::fs::read_to_string(a.join("source/1.html")).unwrap();
    let anchors: Vec<&str> = event
        .split("source/1.html#")
        .skip(1)
        .map(|s| &s[..14])
        .collect();
    assert!(!anchors.is_empty());
    for anchor in anchors {
        assert!(
            source.contains(&format!("id=\"{anchor}\"")),
            "{anchor} missing"
        );
    }
    assert!(source.matches("<mark>").count() > 20);
    // A project page links to its sentence; the sentence links back to the project.
    let project = std::fs::read_to_string(a.join("project/1.html")).unwrap();
    let anchor = project
        .split("source/1.html#")
        .nth(1)
        .map(|s| &s[..14])
        .expect("a project page links to its sentence");
    assert!(source.contains(&format!("id=\"{anchor}\"")));
    assert!(source.contains("href=\"../project/1.html\""));

    if let Some(tidy) = need(&["tidy"]) {
        for page in pages
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
        {
            let out = Command::new(&tidy)
                .args(["-q", "-e"])
                .arg(page)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                page.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let Some(chromium) = need(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let index = dom(&chromium, &a.join("index.html"));
    assert!(index.contains("266億") && index.contains("<svg") && index.contains("events.html"));
    let event = dom(&chromium, &a.join("event/1.html"));
    assert!(event.contains("江津區招商引資項目集中簽約活動") && event.contains("source/1.html#q-"));
    let source = dom(&chromium, &a.join("source/1.html"));
    assert!(source.contains("<mark>") && source.contains("飛輪儲能"));
    // A screenshot of the index is not blank where its Chinese text and charts are.
    let shot = env.dir.path().join("index.png");
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1000,1200",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", a.join("index.html").display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 30_000,
        "a blank screenshot"
    );
    // The map page: linked from the index, its dots drawn, and not blank on screen.
    assert!(index.contains("map.html"));
    let map = dom(&chromium, &a.join("map.html"));
    assert!(map.contains("<svg") && map.contains("<circle") && map.contains("江津区"));
    let shot = env.dir.path().join("map.png");
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1000,1200",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", a.join("map.html").display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 30_000,
        "a blank screenshot of the map"
    );
}

/// The dots of a map: (title, radius) of each circle that has a title (the legend's have none).
fn dots_of(svg: &str) -> Vec<(String, f64)> {
    svg.split("<circle ")
        .skip(1)
        .filter_map(|c| {
            let (head, rest) = c.split_once('>')?;
            let title = rest.strip_prefix("<title>")?.split("</title>").next()?;
            let r = head
                .split(" r=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()?;
            Some((title.to_string(), r))
        })
        .collect()
}

#[test]
fn the_map_has_a_dot_per_county_its_area_proportional_to_the_amount() {
    // The seed (江津, 266億) and 富阳's two ceremonies under today's 富阳区 (74億 + 131億).
    let env = TestEnv::new();
    assert!(env.run(&["init"]).status.success());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/divisions");
    for f in ["fuyang_2010.toml", "fuyang_2016.toml"] {
        let out = env.run(&["import", fixtures.join(f).to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&env.run(&["report", "map", "--format", "json"]))).unwrap();
    let svg = stdout(&env.run(&["report", "map", "--format", "svg"]));
    assert!(
        svg.contains("Legend") && svg.contains("equirectangular"),
        "{svg}"
    );
    let dots = dots_of(&svg);
    assert_eq!(dots.len(), rows.len(), "{dots:?}");
    let with_amount: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|r| {
            let amount = r["signed_amount_yuan"].as_f64()?;
            let name = r["division"].as_str()?;
            let (_, radius) = dots.iter().find(|(t, _)| t.starts_with(name))?;
            Some((amount, *radius))
        })
        .collect();
    assert!(with_amount.len() >= 2, "{rows:?}");
    let (a0, r0) = with_amount[0];
    for (a, r) in &with_amount[1..] {
        let expected = (a / a0).sqrt() * r0;
        assert!(
            (r - expected).abs() < 0.2,
            "radius {r}, expected {expected}"
        );
    }
    assert!(dots.iter().any(|(t, _)| t == "富阳区 205億"), "{dots:?}");
    // --place keeps the dots of that area only.
    let svg = stdout(&env.run(&["report", "map", "--format", "svg", "--place", "重庆"]));
    let dots = dots_of(&svg);
    assert_eq!(dots.len(), 1, "{dots:?}");
    assert!(dots[0].0.starts_with("江津区"), "{dots:?}");
}

#[test]
fn the_readme_chart_is_current() {
    let env = TestEnv::new();
    assert!(env.run(&["init"]).status.success());
    let out = env.run(&["report", "industries", "--format", "svg"]);
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/industries.svg"))
            .unwrap();
    assert_eq!(
        stdout(&out),
        committed,
        "docs/industries.svg is out of date: regenerate it with \
         `cargo run -- --db /tmp/fresh.db report industries --format svg > docs/industries.svg`"
    );
}
