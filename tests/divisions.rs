//! Places that know where they are (issue 25): division codes valid on the events' dates,
//! refused names, `check`'s list of places without a code, and rollups by division.

mod common;

use common::{TestEnv, stderr, stdout};
use rusqlite::Connection;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/divisions/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The seed plus the 2010 富阳市 and 2016 富阳区 sources.
fn with_fuyang() -> TestEnv {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    ok(
        &env,
        &[
            "import",
            &fixture("fuyang_2010.toml"),
            &fixture("fuyang_2016.toml"),
        ],
    );
    env
}

fn code_of(env: &TestEnv, place: &str) -> Option<String> {
    Connection::open(env.db())
        .unwrap()
        .query_row("SELECT code FROM places WHERE name = ?1", [place], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn the_seeds_district_carries_its_code_and_rolls_up_to_chongqing() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    assert_eq!(code_of(&env, "江津區").as_deref(), Some("500116"));
    let row: (String, String, String) = Connection::open(env.db())
        .unwrap()
        .query_row(
            "SELECT division_code, county_today, province_today FROM place_divisions
              WHERE place = '珞璜'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, ("500116".into(), "江津区".into(), "重庆市".into()));
}

#[test]
fn a_name_gets_the_code_in_use_on_its_events_dates() {
    let env = with_fuyang();
    assert_eq!(code_of(&env, "富阳市").as_deref(), Some("330183"));
    assert_eq!(code_of(&env, "富阳区").as_deref(), Some("330111"));
    let today: Vec<(String, String, String)> = Connection::open(env.db())
        .unwrap()
        .prepare(
            "SELECT place, county_today, prefecture_today FROM place_divisions
              WHERE place LIKE '富阳%' ORDER BY place",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        today,
        vec![
            ("富阳区".into(), "富阳区".into(), "杭州市".into()),
            ("富阳市".into(), "富阳区".into(), "杭州市".into()),
        ]
    );
}

#[test]
fn an_ambiguous_name_is_refused_with_its_candidates_and_nothing_written() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    let before: i64 = Connection::open(env.db())
        .unwrap()
        .query_row("SELECT count(*) FROM places", [], |r| r.get(0))
        .unwrap();
    let out = env.run(&["import", &fixture("gulou_2016_ambiguous.toml")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        err.contains("gulou_2016_ambiguous.toml:17:8: places[0].name (place 鼓楼区)"),
        "{err}"
    );
    for candidate in [
        "鼓楼区 320106 (江苏省南京市, 1983–)",
        "鼓楼区 320302 (江苏省徐州市, 1983–)",
        "鼓楼区 350102 (福建省福州市, 1983–)",
        "鼓楼区 410204 (河南省开封市, 1983–)",
    ] {
        assert!(err.contains(candidate), "{candidate}: {err}");
    }
    let after: i64 = Connection::open(env.db())
        .unwrap()
        .query_row("SELECT count(*) FROM places", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_code_given_in_the_file_is_checked_against_the_name_and_the_date() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    let text = std::fs::read_to_string(fixture("gulou_2016_ambiguous.toml")).unwrap();
    let dir = env.dir.path();
    let given = |code: &str, file: &str| {
        let path = dir.join(file);
        std::fs::write(
            &path,
            text.replace(
                "kind = \"district\"\n",
                &format!("kind = \"district\"\ncode = \"{code}\"\n"),
            ),
        )
        .unwrap();
        path.to_str().unwrap().to_string()
    };
    // 富阳区's code is not 鼓楼区's; 富阳市's was not in use in 2016.
    let out = env.run(&["import", &given("330111", "wrong.toml")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("places[0].code (place 鼓楼区): code 330111 is 富阳区 330111"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["import", &given("330183", "retired.toml")]);
    assert!(
        stderr(&out).contains("code 330183 was not in use in 2016"),
        "{}",
        stderr(&out)
    );
    ok(&env, &["import", &given("320106", "nanjing.toml")]);
    assert_eq!(code_of(&env, "鼓楼区").as_deref(), Some("320106"));
}

#[test]
fn check_lists_a_place_without_a_code() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    let template = ok(&env, &["template"]);
    let path = env.dir.path().join("template.toml");
    std::fs::write(&path, template).unwrap();
    let out = env.run(&["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`示例区` is no division's name"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("place 示例区 (district, id"), "{err}");
    assert!(!err.contains("江津區"), "{err}");
}

#[test]
fn the_view_runs_in_the_stock_sqlite3_shell() {
    let Some(sqlite3) = common::sqlite3_shell() else {
        return;
    };
    let env = with_fuyang();
    let out = common::shell(
        &sqlite3,
        &env.db(),
        "SELECT place || '|' || division_code || '|' || province_today FROM place_divisions
          WHERE place IN ('富阳市', '江津區') ORDER BY place;",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "富阳市|330183|浙江省\n江津區|500116|重庆市\n");
}

fn rows(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str::<Vec<serde_json::Value>>(&ok(env, &args)).unwrap()
}

#[test]
fn summary_by_province_holds_both_names_of_one_area_in_one_row() {
    let env = with_fuyang();
    let provinces = rows(&env, &["report", "summary", "--by", "province"]);
    let zhejiang: Vec<&serde_json::Value> = provinces
        .iter()
        .filter(|r| r["division"] == "浙江省")
        .collect();
    assert_eq!(zhejiang.len(), 1, "{provinces:?}");
    assert_eq!(zhejiang[0]["division_code"], "330000");
    assert_eq!(zhejiang[0]["events"], 2);
    assert_eq!(zhejiang[0]["headline_amount_yuan"], 20_500_000_000_i64);
    assert!(
        provinces
            .iter()
            .any(|r| r["division"] == "重庆市" && r["events"] == 1),
        "{provinces:?}"
    );
    // Today both are 富阳区; as on their dates they are two counties.
    let today = rows(&env, &["report", "summary", "--by", "county"]);
    assert!(
        today
            .iter()
            .any(|r| r["division"] == "富阳区" && r["events"] == 2)
    );
    let then = rows(
        &env,
        &["report", "summary", "--by", "county", "--as-of", "event"],
    );
    assert!(
        then.iter()
            .any(|r| r["division"] == "富阳市" && r["events"] == 1)
    );
    assert!(
        then.iter()
            .any(|r| r["division"] == "富阳区" && r["events"] == 1)
    );
}

#[test]
fn place_finds_the_events_of_every_name_of_the_area_and_within_it() {
    let env = with_fuyang();
    for place in ["富阳市", "富陽區", "330111", "杭州市", "浙江省"] {
        let events = rows(&env, &["report", "summary", "--place", place]);
        let districts: Vec<&str> = events
            .iter()
            .map(|r| r["district"].as_str().unwrap())
            .collect();
        assert_eq!(districts, vec!["富阳市", "富阳区"], "--place {place}");
    }
    let chongqing = rows(&env, &["report", "summary", "--place", "重慶"]);
    assert_eq!(chongqing.len(), 1);
    assert_eq!(chongqing[0]["district"], "江津區");
    let out = env.run(&["report", "summary", "--place", "富阳县城"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
