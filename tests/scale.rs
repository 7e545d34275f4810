//! A scaled-down run of the synthetic catalogue (10,000 projects): the reports' results equal
//! references computed here from the generated files. Correctness only; no timing.

#[path = "../benches/support/synth.rs"]
mod synth;

mod common;

use std::collections::BTreeMap;

use common::{TestEnv, stderr};
use serde_json::Value;
use zhaoshang::source::figure::{Quantity, parse_figure};
use zhaoshang::source::fold::fold;

fn yuan(figure: &str) -> i64 {
    match parse_figure(figure).unwrap().quantity {
        Quantity::Money { amount, .. } => amount,
        other => panic!("{figure}: {other:?}"),
    }
}

fn report(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["report"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let out = env.run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn reports_on_ten_thousand_generated_projects_match_the_generated_data() {
    let env = TestEnv::new();
    let path = env.dir.path().join("synth.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    let totals = synth::generate(10_000, 7, &mut file).unwrap();
    drop(file);
    assert_eq!(totals.projects, 10_000);
    for args in [
        &["init", "--empty"][..],
        &["--quiet", "import", path.to_str().unwrap()],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    // References from the generated records.
    let mut events: Vec<(String, i64, i64, i64, i64)> = Vec::new(); // name, headline, count, named, named sum
    let mut industries: BTreeMap<String, (i64, i64)> = BTreeMap::new(); // folded → projects, amount
    let mut amounts: Vec<i64> = Vec::new();
    let mut unstated = 0;
    let mut companies: BTreeMap<String, (i64, i64)> = BTreeMap::new(); // folded → projects, invested
    let mut strategies: std::collections::BTreeSet<String> = Default::default();
    for line in std::fs::read_to_string(&path).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let event = &record["events"][0];
        let mut named_sum = 0;
        let projects = event["projects"].as_array().unwrap();
        for p in projects {
            let amount = p.get("amount").map(|a| yuan(a["value"].as_str().unwrap()));
            match amount {
                Some(a) => {
                    named_sum += a;
                    amounts.push(a);
                }
                None => unstated += 1,
            }
            let company = companies
                .entry(fold(p["companies"][0]["name"].as_str().unwrap()))
                .or_default();
            company.0 += 1;
            company.1 += amount.unwrap_or(0);
            let industry = fold(p["industries"][0]["name"].as_str().unwrap());
            let entry = industries.entry(industry).or_default();
            entry.0 += 1;
            entry.1 += amount.unwrap_or(0);
        }
        for st in record["strategies"].as_array().unwrap() {
            strategies.insert(fold(st["name"].as_str().unwrap()));
        }
        let count = match parse_figure(event["project_count"]["value"].as_str().unwrap())
            .unwrap()
            .quantity
        {
            Quantity::Measure { value, .. } => value as i64,
            other => panic!("{other:?}"),
        };
        events.push((
            event["name"].as_str().unwrap().to_string(),
            yuan(event["signed_amount"]["value"].as_str().unwrap()),
            count,
            projects.len() as i64,
            named_sum,
        ));
    }

    // summary: one row per event with its headline and what the named projects add up to
    let mut from_report: Vec<(String, i64, i64, i64, i64)> = report(&env, &["summary"])
        .iter()
        .map(|r| {
            assert_eq!(
                r["unitemised_amount_yuan"].as_i64().unwrap(),
                r["headline_amount_yuan"].as_i64().unwrap()
                    - r["named_amount_yuan"].as_i64().unwrap()
            );
            (
                r["event"].as_str().unwrap().to_string(),
                r["headline_amount_yuan"].as_i64().unwrap(),
                r["headline_count"].as_i64().unwrap(),
                r["named_count"].as_i64().unwrap(),
                r["named_amount_yuan"].as_i64().unwrap(),
            )
        })
        .collect();
    from_report.sort();
    events.sort();
    assert_eq!(from_report.len(), totals.sources);
    assert_eq!(from_report, events);

    // industries: projects and amounts per industry (names merge across scripts)
    let mut per_industry: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in report(&env, &["industries"]) {
        per_industry.insert(
            fold(r["industry"].as_str().unwrap()),
            (
                r["projects"].as_i64().unwrap(),
                r["amount_yuan"].as_i64().unwrap(),
            ),
        );
    }
    assert_eq!(per_industry, industries);

    // top: the ten largest amounts
    amounts.sort_unstable_by(|a, b| b.cmp(a));
    let top: Vec<i64> = report(&env, &["top"])
        .iter()
        .map(|r| r["amount_yuan"].as_i64().unwrap())
        .collect();
    assert_eq!(top, amounts[..10].to_vec());

    // bands: the standard bands over all named projects
    let band = |lo: i64, hi: Option<i64>| {
        amounts
            .iter()
            .filter(|a| **a >= lo && hi.is_none_or(|h| **a < h))
            .count() as i64
    };
    let bands = report(&env, &["bands"]);
    let standard = |name: &str| {
        bands
            .iter()
            .find(|r| r["kind"] == "standard" && r["band"] == name)
            .unwrap()["projects"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(standard("≥50億"), band(5_000_000_000, None));
    assert_eq!(
        standard("20–50億"),
        band(2_000_000_000, Some(5_000_000_000))
    );
    assert_eq!(
        standard("10–20億"),
        band(1_000_000_000, Some(2_000_000_000))
    );
    assert_eq!(standard("1–10億"), band(100_000_000, Some(1_000_000_000)));
    assert_eq!(standard("<1億"), band(0, Some(100_000_000)));
    assert_eq!(standard("unstated"), unstated);

    // timeline: the headline amounts add up to the same total
    let timeline_total: i64 = report(&env, &["timeline"])
        .iter()
        .map(|r| r["signed_amount_yuan"].as_i64().unwrap())
        .sum();
    assert_eq!(timeline_total, events.iter().map(|e| e.1).sum::<i64>());

    // companies: projects and invested amounts per company (names merge across scripts)
    let mut per_company: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in report(&env, &["companies"]) {
        per_company.insert(
            fold(r["company"].as_str().unwrap()),
            (
                r["projects"].as_i64().unwrap(),
                r["invested_yuan"].as_i64().unwrap_or(0),
            ),
        );
    }
    assert_eq!(per_company, companies);

    // strategies: one layout per district, tied to nothing else
    let listed = report(&env, &["strategies"]);
    let names: std::collections::BTreeSet<String> = listed
        .iter()
        .map(|r| fold(r["strategy"].as_str().unwrap()))
        .collect();
    assert_eq!(names, strategies);
    assert!(
        listed
            .iter()
            .all(|r| r["kind"] == "industrial_layout" && r["events"] == 0)
    );

    // targets: the generator sets none
    assert!(report(&env, &["targets"]).is_empty());

    // reconcile: the generator's headlines cover their named projects and band counts, so
    // there is nothing to contradict, and every event has its checks
    let reconcile = report(&env, &["reconcile"]);
    assert!(
        reconcile.iter().all(|r| r["status"] != "contradiction"),
        "a contradiction"
    );
    let headline_checks = reconcile
        .iter()
        .filter(|r| r["check"] == "headline amount vs named amounts")
        .count();
    assert_eq!(headline_checks, totals.sources);
}

#[test]
fn sources_like_real_reports_import_without_a_warning_and_check_clean() {
    let env = TestEnv::new();
    let path = env.dir.path().join("realistic.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    let totals = synth::generate_realistic(300, 3, &mut file).unwrap();
    drop(file);
    assert_eq!(totals.projects, 300);
    let first: Value = serde_json::from_str(
        std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let text = first["source"]["text"].as_str().unwrap().chars().count();
    assert!(
        (2_000..=3_200).contains(&text),
        "a text of {text} characters"
    );
    assert!(first["statistics"].as_array().unwrap().len() >= 12);
    assert!(first["strategies"].as_array().unwrap().len() >= 18);
    let out = env.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
