//! Places that know where they are (issue 25): division codes valid on the events' dates,
//! refused names, `check`'s list of places without a code, and rollups by division.

mod common;

use common::{TestEnv, ok, stderr, stdout};
use rusqlite::Connection;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/divisions/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
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

/// A divisions table that differs from the bundled list (a file from an older list; here a
/// division deleted by hand) is filled again by the next command, a read-only one too, and
/// the places it coded keep their codes.
#[test]
fn a_divisions_table_that_differs_from_the_list_is_filled_again_on_a_read() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    let count = |env: &TestEnv| -> i64 {
        Connection::open(env.db())
            .unwrap()
            .query_row("SELECT count(*) FROM divisions", [], |r| r.get(0))
            .unwrap()
    };
    let full = count(&env);
    Connection::open(env.db())
        .unwrap()
        .execute("DELETE FROM divisions WHERE code = '500116'", [])
        .unwrap();
    assert_eq!(count(&env), full - 1);
    ok(&env, &["events", "--limit", "1"]);
    assert_eq!(count(&env), full);
    assert_eq!(code_of(&env, "江津區").as_deref(), Some("500116"));
}

/// Short names that end as a people's name does (内蒙古, 西藏, 长白, 陵水, 融水, 彭水) are stored;
/// a catalogue filled without them (before V20) gets them from the migration, and `draft`
/// finds 内蒙古 written short.
#[test]
fn short_names_ending_as_a_peoples_are_kept_and_filled_in_by_v20() {
    let env = TestEnv::new();
    ok(&env, &["init"]);
    let short = |env: &TestEnv, code: &str| -> Option<String> {
        Connection::open(env.db())
            .unwrap()
            .query_row(
                "SELECT short_name FROM divisions WHERE code = ?1",
                [code],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(short(&env, "150000").as_deref(), Some("内蒙古"));
    assert_eq!(short(&env, "540000").as_deref(), Some("西藏"));
    // A catalogue as V19 left it: the short names missing, V20 not yet run.
    Connection::open(env.db())
        .unwrap()
        .execute_batch(
            "UPDATE divisions SET short_name = NULL WHERE code IN ('150000', '540000');
             DELETE FROM refinery_schema_history WHERE version = 20;",
        )
        .unwrap();
    assert_eq!(short(&env, "150000"), None);
    ok(&env, &["migrate"]);
    assert_eq!(short(&env, "150000").as_deref(), Some("内蒙古"));
    assert_eq!(short(&env, "540000").as_deref(), Some("西藏"));
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

fn column<'a>(rows: &'a [serde_json::Value], name: &str) -> Vec<&'a str> {
    rows.iter().map(|r| r[name].as_str().unwrap()).collect()
}

#[test]
fn timeline_industries_and_top_take_place_and_by_as_summary_does() {
    let env = with_fuyang();
    for place in ["富阳市", "富陽區", "330111", "浙江"] {
        let timeline = rows(&env, &["report", "timeline", "--place", place]);
        assert_eq!(
            column(&timeline, "district"),
            vec!["富阳区", "富阳市"],
            "--place {place}"
        );
    }
    // The seed's projects are all 江津區's: in 重慶 all of them, in 杭州市 none.
    let top = rows(&env, &["report", "top"]);
    assert_eq!(rows(&env, &["report", "top", "--place", "重慶"]), top);
    assert!(rows(&env, &["report", "top", "--place", "杭州市"]).is_empty());
    // an industry with no amount stated there has none (null), never 0 (issue 29, item 8)
    let amount = |rows: &[serde_json::Value]| -> i64 {
        rows.iter()
            .map(|r| r["amount_yuan"].as_i64().unwrap_or(0))
            .sum()
    };
    let industries = rows(&env, &["report", "industries"]);
    let in_hangzhou = rows(&env, &["report", "industries", "--place", "杭州市"]);
    assert!(amount(&industries) > 0);
    assert!(
        in_hangzhou.iter().all(|r| r["amount_yuan"].is_null()),
        "{in_hangzhou:#?}"
    );
    // Rolled up: one row per province and year; as on the events' dates, two counties.
    let by_province = rows(&env, &["report", "timeline", "--by", "province"]);
    let periods: Vec<(&str, &str)> = by_province
        .iter()
        .map(|r| {
            (
                r["division"].as_str().unwrap(),
                r["period"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        vec![("浙江省", "2010"), ("浙江省", "2016"), ("重庆市", "2023")]
    );
    let then = rows(
        &env,
        &["report", "timeline", "--by", "county", "--as-of", "event"],
    );
    assert_eq!(
        column(&then, "division"),
        vec!["富阳区", "富阳市", "江津区"]
    );
    let by_industry = rows(&env, &["report", "industries", "--by", "prefecture"]);
    assert!(by_industry.iter().all(|r| r["division"] == "重庆市"));
    assert_eq!(amount(&by_industry), amount(&industries));
    let top_two = rows(&env, &["report", "top", "--by", "county", "-p", "limit=2"]);
    assert_eq!(column(&top_two, "division"), vec!["江津区", "江津区"]);
    assert_eq!(top_two[0]["project"], top[0]["project"]);
    let out = env.run(&["report", "bands", "--by", "province"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn province_and_prefecture_are_place_at_one_level() {
    let env = with_fuyang();
    // 吉林 is a province and a prefecture; 苏州 today's prefecture, not the 1981–1983 苏州地区.
    let zhejiang = rows(&env, &["report", "summary", "--province", "浙江"]);
    assert_eq!(column(&zhejiang, "district"), vec!["富阳市", "富阳区"]);
    let hangzhou = rows(&env, &["report", "timeline", "--prefecture", "杭州"]);
    assert_eq!(hangzhou.len(), 2);
    let suzhou = env.run(&["report", "timeline", "--prefecture", "蘇州"]);
    assert!(suzhou.status.success(), "{}", stderr(&suzhou));
    let out = env.run(&["report", "summary", "--province", "杭州"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no province"), "{}", stderr(&out));
    let out = env.run(&["report", "summary", "--province", "吉林", "--place", "吉林"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_place_parameter_gives_the_same_rows_in_the_sqlite3_shell() {
    let Some(sqlite3) = common::sqlite3_shell() else {
        return;
    };
    let env = with_fuyang();
    for (report, place) in [
        ("timeline", "富阳市"),
        ("top_by_division", "重庆"),
        ("timeline_by_division", "富阳市"),
    ] {
        let sql = ok(&env, &["report", report, "--sql"]);
        let script = format!(".param set :place {place}\n.param set :division_level ''\n{sql}");
        let mut child = std::process::Command::new(&sqlite3)
            .args(["-bail", "-json"])
            .arg(env.db())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), script.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{report}: {}", stderr(&out));
        let shell: Vec<serde_json::Value> = if out.stdout.is_empty() {
            Vec::new()
        } else {
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let ours = rows(&env, &["report", report, "-p", &format!("place={place}")]);
        assert!(!ours.is_empty(), "{report}");
        assert_eq!(shell.len(), ours.len(), "{report}");
    }
}

#[test]
fn datasette_metadata_offers_the_rollups_and_the_place_parameter() {
    let env = with_fuyang();
    let path = env.dir.path().join("metadata.json");
    ok(&env, &["metadata", "-o", path.to_str().unwrap()]);
    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let queries = &metadata["databases"]["catalogue"]["queries"];
    for name in common::REPORTS {
        assert!(
            queries[name]["sql"].is_string(),
            "{name} is no canned query"
        );
    }
    for name in [
        "summary",
        "timeline",
        "industries",
        "top",
        "divisions",
        "timeline_by_division",
        "industries_by_division",
        "top_by_division",
    ] {
        let params: Vec<&str> = queries[name]["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert!(params.contains(&"place"), "{name}: {params:?}");
        let sql = queries[name]["sql"].as_str().unwrap();
        assert_eq!(sql, ok(&env, &["report", name, "--sql"]), "{name}");
    }
}

#[test]
fn export_geojson_is_valid_and_every_point_is_in_china() {
    let env = with_fuyang();
    // The template's 示例区 has no division, so no coordinates: left out and counted.
    let template = env.dir.path().join("template.toml");
    std::fs::write(&template, ok(&env, &["template"])).unwrap();
    ok(&env, &["import", template.to_str().unwrap()]);
    let events = rows(&env, &["events"]).len();
    let path = env.dir.path().join("events.geojson");
    let out = env.run(&["export", "--geojson", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    let geojson::GeoJson::FeatureCollection(collection) = text.parse::<geojson::GeoJson>().unwrap()
    else {
        panic!("not a FeatureCollection: {text}");
    };
    // RFC 7946 has no crs member: positions are WGS 84 longitude, latitude.
    assert!(!text.contains("\"crs\""));
    assert_eq!(collection.features.len(), 3, "{text}");
    let left_out = events - collection.features.len();
    assert!(
        stderr(&out).contains(&format!("{left_out} of {events} events left out")),
        "{}",
        stderr(&out)
    );
    for feature in &collection.features {
        let Some(geojson::GeometryValue::Point { coordinates }) =
            feature.geometry.as_ref().map(|g| &g.value)
        else {
            panic!("not a point: {feature:?}");
        };
        let &[lon, lat] = coordinates.as_slice() else {
            panic!("not a 2D position: {coordinates:?}");
        };
        assert!((73.0..=136.0).contains(&lon), "longitude {lon}");
        assert!((3.0..=54.0).contains(&lat), "latitude {lat}");
        let properties = feature.properties.as_ref().unwrap();
        for key in [
            "event_id",
            "event",
            "held_on",
            "place",
            "code",
            "province",
            "prefecture",
            "project_count",
            "signed_amount_yuan",
            "source_url",
        ] {
            assert!(
                properties.contains_key(key),
                "{key} missing: {properties:?}"
            );
        }
        if properties["place"] == "江津區" {
            // Longitude first: 江津 is at about 106.3°E, 29.3°N.
            assert!((106.0..107.0).contains(&lon) && (29.0..30.0).contains(&lat));
            assert_eq!(properties["code"], "500116");
            assert_eq!(properties["province"], "重庆市");
            assert_eq!(properties["signed_amount_yuan"], 26_600_000_000_i64);
        }
    }
    // An existing file is kept unless --force.
    let out = env.run(&["export", "--geojson", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    ok(
        &env,
        &["export", "--geojson", path.to_str().unwrap(), "--force"],
    );
}
