//! Everyday use on the seed: pipes and `-`, `sql` from a file or stdin with parameters, reports
//! taking the listings' filters, help that lists only what a command takes, paging, TSV, exit
//! codes, manual pages.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{TestEnv, ok, stderr, stdout};

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

/// Exit 2 (a usage error, as README's exit codes say); returns stderr.
fn usage_error(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "zhaoshang {args:?}: {}",
        stdout(&out)
    );
    stderr(&out)
}

/// Runs with `input` on stdin.
fn with_stdin(env: &TestEnv, args: &[&str], input: &str) -> std::process::Output {
    let mut child = env
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhaoshang");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("CSV").iter().map(String::from).collect())
        .collect()
}

#[test]
fn a_dash_is_stdout_for_export_and_metadata() {
    let env = seeded();
    let jsonl = ok(&env, &["export", "--jsonl", "-"]);
    let first: serde_json::Value =
        serde_json::from_str(jsonl.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["source"]["publisher"], "人民網-重慶頻道", "{jsonl}");
    let geojson: serde_json::Value =
        serde_json::from_str(&ok(&env, &["export", "--geojson", "-"])).expect("GeoJSON");
    assert_eq!(geojson["type"], "FeatureCollection");
    let metadata: serde_json::Value =
        serde_json::from_str(&ok(&env, &["metadata", "-o", "-"])).expect("metadata");
    assert!(metadata["databases"].is_object());
    assert!(
        !env.dir.path().join("-").exists(),
        "no file named `-` is written"
    );
    // What went to stdout is importable as it is: into a new catalogue, from stdin.
    let fresh = TestEnv::new();
    assert!(fresh.run(&["init", "--empty"]).status.success());
    let out = with_stdin(&fresh, &["import", "--input", "jsonl", "-"], &jsonl);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        ok(
            &fresh,
            &["sql", "SELECT count(*) AS n FROM projects", "-f", "csv"]
        ),
        ok(
            &env,
            &["sql", "SELECT count(*) AS n FROM projects", "-f", "csv"]
        )
    );
}

#[test]
fn sql_reads_its_query_from_an_argument_a_file_or_stdin_and_binds_parameters() {
    let env = seeded();
    let query = "-- the largest named project, written for this test\n\
                 SELECT project FROM projects_by_amount LIMIT 1";
    let query = query.replace(
        "projects_by_amount",
        "(SELECT name AS project FROM projects ORDER BY amount_yuan DESC)",
    );
    let expected = "project\n年產1GW飛輪儲能設備研發制造運營基地項目\n";
    // A query that begins with a `--` comment is still a query, not an option.
    assert_eq!(ok(&env, &["sql", &query, "-f", "csv"]), expected);
    let out = with_stdin(&env, &["sql", "-", "-f", "csv"], &query);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
    std::fs::write(env.dir.path().join("q.sql"), &query).expect("write query");
    assert_eq!(ok(&env, &["sql", "--file", "q.sql", "-f", "csv"]), expected);
    let out = with_stdin(&env, &["sql", "--file", "-", "-f", "csv"], &query);
    assert_eq!(stdout(&out), expected);

    // Parameters: integers bind as integers, text as text; none is silently NULL.
    let bound = ok(
        &env,
        &[
            "sql",
            "SELECT count(*) AS n, :who AS who FROM projects WHERE amount_yuan >= :min",
            "-p",
            "min=5000000000",
            "--param",
            "who=江津區",
            "-f",
            "csv",
        ],
    );
    assert_eq!(bound, "n,who\n3,江津區\n");
    let err = usage_error(&env, &["sql", "SELECT :x AS x"]);
    assert!(err.contains(":x") && err.contains("--param x="), "{err}");
    let err = usage_error(&env, &["sql", "SELECT 1", "-p", "y=2"]);
    assert!(err.contains("no parameter :y"), "{err}");
    let err = usage_error(&env, &["sql", "SELECT ?1"]);
    assert!(err.contains(":name"), "{err}");
}

#[test]
fn reports_take_the_listings_filters() {
    let env = seeded();
    let by_flag = ok(
        &env,
        &[
            "report",
            "top",
            "--district",
            "江津区",
            "--limit",
            "3",
            "-f",
            "csv",
        ],
    );
    let by_param = ok(
        &env,
        &[
            "report",
            "top",
            "-p",
            "district=江津區",
            "-p",
            "limit=3",
            "-f",
            "csv",
        ],
    );
    assert_eq!(by_flag, by_param);
    assert_eq!(csv_rows(&by_flag).len(), 4, "a header and three rows");
    let none = ok(
        &env,
        &["report", "top", "--from", "2024-01-01", "-f", "csv"],
    );
    assert_eq!(csv_rows(&none).len(), 1, "{none}");
    let stated = ok(
        &env,
        &["report", "industries", "--stated-only", "-f", "json"],
    );
    let all = ok(&env, &["report", "industries", "-f", "json"]);
    assert_ne!(stated, all, "--stated-only leaves the inferences out");
    let err = usage_error(&env, &["report", "companies", "--district", "江津區"]);
    assert!(
        err.contains("takes no --district") && err.contains("city"),
        "{err}"
    );
    let err = usage_error(&env, &["report", "top", "--from", "2023-13-45"]);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn help_shows_only_what_each_command_takes() {
    let env = TestEnv::new();
    let options = |help: &str| -> Vec<String> {
        help.lines()
            .filter_map(|l| l.trim_start().strip_prefix("--"))
            .filter_map(|l| l.split([' ', '<']).next())
            .map(String::from)
            .collect()
    };
    let places = options(&ok(&env, &["places", "--help"]));
    for refused in ["min-amount", "from", "industry"] {
        assert!(!places.iter().any(|o| o == refused), "{places:?}");
        // … and what the help leaves out is what the command refuses.
        let err = usage_error(&env, &["places", &format!("--{refused}"), "1"]);
        assert!(err.contains("no --"), "{err}");
    }
    let projects = options(&ok(&env, &["projects", "--help"]));
    for taken in ["min-amount", "from", "industry", "district", "limit"] {
        assert!(projects.iter().any(|o| o == taken), "{projects:?}");
    }
    let top = ok(&env, &["report", "top", "--help"]);
    let top_options = options(&top);
    assert!(
        top_options.iter().any(|o| o == "district")
            && !top_options.iter().any(|o| o == "stated-only"),
        "{top_options:?}"
    );
    assert!(top.contains("Report `top`"), "{top}");
    assert!(top.contains("limit (or --limit)"), "{top}");
    assert!(!top.contains("status"), "another report's parameter: {top}");
    let companies = options(&ok(&env, &["report", "companies", "--help"]));
    assert!(
        !companies.iter().any(|o| o == "district" || o == "by"),
        "{companies:?}"
    );
    let industries = options(&ok(&env, &["report", "industries", "--help"]));
    assert!(
        industries.iter().any(|o| o == "stated-only"),
        "{industries:?}"
    );
}

#[test]
fn a_limit_counts_the_rows_after_the_offset() {
    let env = seeded();
    let first_five = csv_rows(&ok(&env, &["report", "top", "-p", "limit=5", "-f", "csv"]));
    let paged = csv_rows(&ok(
        &env,
        &[
            "report", "top", "-p", "limit=3", "--offset", "1", "-f", "csv",
        ],
    ));
    assert_eq!(paged.len(), 4, "a header and three rows: {paged:?}");
    assert_eq!(paged[1..], first_five[2..5]);
    // The default limit (10) counts after the offset too.
    let all = csv_rows(&ok(
        &env,
        &["report", "top", "-p", "limit=100", "-f", "csv"],
    ));
    let default_paged = csv_rows(&ok(&env, &["report", "top", "--offset", "2", "-f", "csv"]));
    assert_eq!(default_paged.len() - 1, (all.len() - 1 - 2).min(10));
    // The listings count the same way.
    let listed = csv_rows(&ok(
        &env,
        &["projects", "--limit", "3", "--offset", "1", "-f", "csv"],
    ));
    assert_eq!(listed.len(), 4, "{listed:?}");
}

#[test]
fn search_without_hits_says_so_on_stderr() {
    let env = seeded();
    let out = env.run(&["search", "沒有這個詞"]);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no matches for 沒有這個詞"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["search", "沒有這個詞", "-f", "json"]);
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn svg_of_a_table_is_a_usage_error() {
    let env = seeded();
    for args in [
        &["report", "summary", "--format", "svg"][..],
        &["projects", "--format", "svg"],
        &["show", "event", "1", "--format", "svg"],
        &["search", "储能", "--format", "svg"],
    ] {
        let err = usage_error(&env, args);
        assert!(err.contains("html"), "{args:?}: {err}");
    }
}

#[test]
fn tsv_is_one_line_a_row_with_tabs() {
    let env = seeded();
    let tsv = ok(
        &env,
        &[
            "report",
            "top",
            "--columns",
            "rank,project,amount_yuan",
            "-f",
            "tsv",
        ],
    );
    let csv = ok(
        &env,
        &[
            "report",
            "top",
            "--columns",
            "rank,project,amount_yuan",
            "-f",
            "csv",
        ],
    );
    assert_eq!(tsv.lines().next(), Some("rank\tproject\tamount_yuan"));
    let from_csv: Vec<String> = csv_rows(&csv).iter().map(|r| r.join("\t")).collect();
    assert_eq!(tsv.lines().collect::<Vec<_>>(), from_csv);
    // A value with a tab or a line break stays on its line.
    let odd = ok(
        &env,
        &[
            "sql",
            "SELECT 'a' || char(9) || 'b' || char(10) || 'c' AS v",
            "-f",
            "tsv",
        ],
    );
    assert_eq!(odd, "v\na b c\n");
    let record = ok(&env, &["show", "event", "1", "-f", "tsv"]);
    assert!(
        record.starts_with("section\trow\tfield\tvalue\n"),
        "{record}"
    );
    assert!(
        record.lines().all(|l| l.split('\t').count() == 4),
        "{record}"
    );
}

#[test]
fn a_manual_page_per_subcommand() {
    let env = TestEnv::new();
    let out = env.run(&["manpage", "--dir", "man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let man = env.dir.path().join("man");
    let report = std::fs::read_to_string(man.join("zhaoshang-report.1")).expect("report's page");
    assert!(report.contains("\\-\\-district"), "{report}");
    for page in ["zhaoshang.1", "zhaoshang-sql.1", "zhaoshang-places.1"] {
        assert!(man.join(page).is_file(), "{page}");
    }
    let places = std::fs::read_to_string(man.join("zhaoshang-places.1")).expect("places");
    assert!(
        !places.contains("min\\-amount"),
        "hidden filters stay hidden"
    );
}

/// The header lines of a fitted table (above its rule), joined.
fn header_text(table: &str) -> String {
    table
        .lines()
        .take_while(|l| !l.starts_with('─'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_report_and_listing_fits_common_widths_as_a_table() {
    let env = seeded();
    let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let mut commands: Vec<Vec<&str>> = common::LISTINGS.iter().map(|l| vec![*l]).collect();
    commands.extend(common::REPORTS.iter().map(|r| vec!["report", *r]));
    for args in &commands {
        for columns in ["80", "100", "120"] {
            for lang in ["en", "zh"] {
                let mut full = vec!["--width", columns, "--lang", lang];
                full.extend(args);
                let out = ok(&env, &full);
                if out.is_empty() {
                    continue; // a report with no rows on the seed
                }
                let limit: usize = columns.parse().expect("a number");
                let widest = out.lines().map(width).max().unwrap_or(0);
                assert!(
                    widest <= limit,
                    "{full:?}: a line of {widest} columns:\n{out}"
                );
                assert!(
                    !out.lines().any(|l| l.starts_with("── 1 ")),
                    "{full:?}: cards, not a table:\n{out}"
                );
                assert!(
                    out.contains("\n─"),
                    "{full:?}: a rule under the header:\n{out}"
                );
                // Without a footer, every column is there (its header's words, wrapped or not).
                if !(out.contains(" hidden: ") || out.contains("列未显示")) {
                    let mut markdown = full[2..].to_vec();
                    markdown.extend(["--format", "markdown"]);
                    let all = ok(&env, &markdown);
                    let header = header_text(&out);
                    for name in all.lines().next().unwrap_or("").split(" | ") {
                        for word in name.trim_matches(['|', ' ']).split(' ') {
                            assert!(
                                header.contains(word),
                                "{full:?}: `{word}` is missing:\n{out}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_narrow_table_keeps_its_key_columns_and_names_the_hidden_ones() {
    let env = seeded();
    let top = ok(&env, &["--width", "80", "report", "top"]);
    let header = header_text(&top);
    for key in ["rank", "project", "amount"] {
        assert!(header.contains(key), "{top}");
    }
    assert!(
        !header.contains("amount quote"),
        "the least needed goes first: {top}"
    );
    assert!(
        top.contains("\n8 columns hidden: companies")
            && top.trim_end().ends_with("--columns to choose"),
        "{top}"
    );
    // Wider, fewer are hidden, in the same order.
    let wide = ok(&env, &["--width", "120", "report", "top"]);
    assert!(header_text(&wide).contains("companies"), "{wide}");
    let wide_footer = wide.split(" hidden: ").nth(1).expect("a footer");
    assert!(!wide_footer.contains("companies"), "{wide}");
    // A name too long is cut with … by display width; the row stays one line.
    let narrow = ok(&env, &["--width", "50", "report", "top"]);
    assert!(
        narrow.contains("年產1GW飛輪儲能設備研發制造運營…"),
        "{narrow}"
    );
    assert_eq!(
        narrow.lines().filter(|l| l.contains("億")).count(),
        5,
        "{narrow}"
    );
    // In Chinese, the footer too.
    let zh = ok(
        &env,
        &["--width", "80", "--lang", "zh", "report", "summary"],
    );
    assert!(zh.contains("\n另有 10 列未显示:列名项目金额、"), "{zh}");
    assert!(!zh.contains("hidden"), "{zh}");
    // Columns the user chose are all shown, cut rather than hidden.
    let chosen = ok(
        &env,
        &[
            "--width",
            "60",
            "report",
            "top",
            "--columns",
            "project,amount_quote,companies",
        ],
    );
    assert!(!chosen.contains("hidden"), "{chosen}");
    assert!(header_text(&chosen).contains("amount quote"), "{chosen}");
}

#[test]
fn columns_are_named_by_header_or_field_in_either_language() {
    let env = seeded();
    let csv = |columns: &str| ok(&env, &["report", "top", "--columns", columns, "-f", "csv"]);
    let by_field = csv("project,amount_yuan,amount_qualifier,held_on");
    assert!(
        by_field.starts_with("project,amount_yuan,amount_qualifier,held_on\n"),
        "{by_field}"
    );
    // The header as a table shows it stands for its fields: amount is the figure and its qualifier.
    assert_eq!(csv("project,amount,held on"), by_field);
    assert_eq!(csv("project,amount,held_on"), by_field);
    assert_eq!(csv("项目,金额,举行日期"), by_field);
    assert_eq!(csv("項目,金額,舉行日期"), by_field);
    let table = ok(&env, &["report", "top", "--columns", "project,amount"]);
    assert!(
        table.lines().next().unwrap_or("").contains("amount"),
        "{table}"
    );
    assert!(table.contains("52億"), "{table}");
    // Listings too.
    let listed = ok(&env, &["projects", "--columns", "项目,amount", "-f", "csv"]);
    assert!(
        listed.starts_with("project,amount_yuan,amount_qualifier\n"),
        "{listed}"
    );
    let err = usage_error(&env, &["report", "top", "--columns", "amount_in_dollars"]);
    assert!(
        err.contains("held on") && err.contains("amount_yuan"),
        "{err}"
    );
}

/// Runs with a locale.
fn in_locale(env: &TestEnv, lang: &str, args: &[&str]) -> String {
    let out = env.command(args).env("LANG", lang).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn one_language_and_one_script_a_run() {
    let env = seeded();
    // A Chinese locale: headers, vocabularies, yes/no and text all in simplified Chinese.
    let stat = in_locale(&env, "zh_CN.UTF-8", &["show", "stat", "8"]);
    for expected in ["类别", "期间数字", "拜访企业数", "预计", "否", "江津区"] {
        assert!(stat.contains(expected), "`{expected}` missing:\n{stat}");
    }
    for english in ["period_statistic", "companies_visited", "江津區"] {
        assert!(!stat.contains(english), "`{english}` left:\n{stat}");
    }
    let top = in_locale(&env, "zh_CN.UTF-8", &["--width", "120", "report", "top"]);
    assert!(
        top.contains("52亿") && !top.contains('億') && !top.contains('區'),
        "{top}"
    );
    // A traditional-script locale shows traditional text.
    let tw = in_locale(&env, "zh_TW.UTF-8", &["--width", "120", "projects"]);
    assert!(tw.contains("專案") || tw.contains("項目"), "{tw}");
    assert!(!tw.contains("项目") && !tw.contains("区"), "{tw}");
    // `--lang zh` alone is simplified too.
    let zh = ok(&env, &["--lang", "zh", "--width", "120", "report", "top"]);
    assert!(zh.contains("52亿") && zh.contains("江津区"), "{zh}");
    // For programs, CSV keeps the stored text and values whatever the locale.
    let csv = in_locale(&env, "zh_CN.UTF-8", &["stats", "-f", "csv"]);
    assert!(
        csv.contains("江津區") && csv.contains("period_statistic"),
        "{csv}"
    );
    // English: figures in English words, yes/no.
    let en = ok(&env, &["--lang", "en", "--width", "120", "report", "top"]);
    assert!(en.contains("5.2 bn yuan") && !en.contains('億'), "{en}");
    let stats = ok(
        &env,
        &[
            "--lang",
            "en",
            "stats",
            "--columns",
            "metric,value,forecast",
        ],
    );
    assert!(
        stats.contains("over 100 bn yuan") || stats.contains("nearly 20"),
        "{stats}"
    );
    assert!(stats.contains(" no") && !stats.contains('億'), "{stats}");
    let en_locale = in_locale(&env, "en_GB.UTF-8", &["report", "summary"]);
    assert!(en_locale.contains("26.6 bn yuan"), "{en_locale}");
}

#[test]
fn an_event_page_reads_as_a_fact_sheet_and_the_site_is_searchable() {
    let env = seeded();
    let out = env.run(&["site", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = env.dir.path().join("site");
    let event = std::fs::read_to_string(site.join("event/1.html")).expect("event page");
    // Breadcrumbs from the province down, and a headline card with its figures in words, each
    // linked to the sentence that states it.
    assert!(
        event.contains("../place/2.html\">重慶市</a> › <a href=\"../place/3.html\">江津區"),
        "{event}"
    );
    for figure in ["28個項目", "266億元"] {
        let at = event
            .find(&format!(">{figure}</a>"))
            .unwrap_or_else(|| panic!("{figure}"));
        let link = &event[event[..at].rfind("<a ").expect("its link")..at];
        assert!(link.contains("../source/1.html#q-"), "{figure}: {link}");
    }
    assert!(
        !event.contains("signed_amount_yuan</td>") || event.contains("<details>"),
        "{event}"
    );
    // Projects in 億元, companies linked, an amount nobody stated said so.
    assert!(
        event.contains(">52億元</a>") && event.contains("../company/"),
        "{event}"
    );
    assert!(event.contains("not stated"), "{event}");
    // Tables sort; names are found from a small index, in either script.
    assert!(
        event.contains("aria-sort"),
        "the sorting script is on the page"
    );
    let index = std::fs::read_to_string(site.join("search-index.js")).expect("the index");
    assert!(index.starts_with("var ZHAOSHANG_INDEX = ["), "{index}");
    assert!(
        index.contains("\"project/1.html\"") && index.contains("储能"),
        "{index}"
    );
    let search = std::fs::read_to_string(site.join("search.html")).expect("the search page");
    assert!(search.contains("src=\"search-index.js\""), "{search}");
    // Chart text is 12 px or more, and labels are whole.
    let home = std::fs::read_to_string(site.join("index.html")).expect("index");
    for size in home.split("font-size=\"").skip(1) {
        let px: f64 = size
            .split('"')
            .next()
            .unwrap_or("0")
            .parse()
            .expect("a size");
        assert!(px >= 12.0, "chart text of {px} px");
    }
    // The band's label, cut at ten characters before, now wraps onto a second line whole.
    assert!(
        home.contains("\n中簽約活動 2023-12-27)\n"),
        "labels are whole"
    );
    assert!(
        home.contains("href=\"search.html\""),
        "the index links the search page"
    );
    if let Some(chromium) = common::need(&["chromium", "chromium-browser", "google-chrome"]) {
        // The script ran: every header is sortable.
        let dom = common::dom(&chromium, &site.join("event/1.html"));
        assert!(dom.contains("data-sortable"), "{dom}");
        // A term in either script finds the name as stored (儲能 in the seed).
        let out = std::process::Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!(
                "file://{}?q=储能",
                site.join("search.html").display()
            ))
            .output()
            .expect("chromium");
        let found = stdout(&out);
        assert!(
            found.contains("飛輪儲能") && found.contains(" found"),
            "{found}"
        );
    }
    if let Some(tidy) = common::need(&["tidy"]) {
        for page in ["event/1.html", "search.html", "index.html"] {
            let out = std::process::Command::new(&tidy)
                .args(["-q", "-e"])
                .arg(site.join(page))
                .output()
                .expect("tidy");
            assert!(out.status.success(), "{page}: {}", stderr(&out));
        }
    }
}
