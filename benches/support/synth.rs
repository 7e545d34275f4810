//! A reproducible synthetic catalogue for benchmarks and scale tests: JSON Lines source files in
//! the import format, one signing event per source, about 30 projects each, across districts of
//! several provinces, in both scripts, with qualified and unstated amounts, companies reused
//! across events, industries, a layout strategy and period statistics. Every quote is a part of
//! the generated text, so the files validate like hand-written ones.

use std::io::{self, Write};

use serde_json::{Value, json};

/// A small deterministic generator (the same seed gives the same catalogue).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const INDUSTRIES: [&str; 16] = [
    "新能源汽车",
    "新型储能",
    "光伏材料",
    "生物医药",
    "智能装备",
    "食品加工",
    "电子信息",
    "新材料",
    "现代物流",
    "文化旅游",
    "数字经济",
    "航空航天",
    "精密机械",
    "绿色建材",
    "现代农业",
    "医疗器械",
];
const PRODUCTS: [&str; 12] = [
    "研发制造基地",
    "产业园",
    "生产线",
    "总部",
    "智慧工厂",
    "研发中心",
    "物流园",
    "加工基地",
    "创新中心",
    "示范园",
    "供应链中心",
    "综合体",
];
const BRANDS: [&str; 16] = [
    "华创", "恒达", "中联", "远景", "天合", "宏图", "瑞丰", "嘉诚", "金源", "鼎信", "博远", "汇能",
    "盛世", "万安", "海川", "正泰",
];
const COMPANY_KINDS: [&str; 4] = [
    "科技有限公司",
    "集团有限公司",
    "新能源有限公司",
    "股份有限公司",
];
const CITIES: [&str; 10] = [
    "北京", "上海", "深圳", "杭州", "成都", "武汉", "西安", "南京", "苏州", "重庆",
];

/// Characters of the pools above in traditional script, for sources written in it.
const TRADITIONAL: [(char, char); 52] = [
    ('区', '區'),
    ('县', '縣'),
    ('项', '項'),
    ('签', '簽'),
    ('约', '約'),
    ('动', '動'),
    ('个', '個'),
    ('亿', '億'),
    ('万', '萬'),
    ('资', '資'),
    ('设', '設'),
    ('产', '產'),
    ('业', '業'),
    ('园', '園'),
    ('东', '東'),
    ('华', '華'),
    ('龙', '龍'),
    ('长', '長'),
    ('兴', '興'),
    ('宁', '寧'),
    ('阳', '陽'),
    ('团', '團'),
    ('药', '藥'),
    ('储', '儲'),
    ('电', '電'),
    ('车', '車'),
    ('机', '機'),
    ('农', '農'),
    ('医', '醫'),
    ('疗', '療'),
    ('装', '裝'),
    ('备', '備'),
    ('举', '舉'),
    ('户', '戶'),
    ('为', '為'),
    ('发', '發'),
    ('厂', '廠'),
    ('线', '線'),
    ('总', '總'),
    ('汇', '匯'),
    ('远', '遠'),
    ('宏', '宏'),
    ('图', '圖'),
    ('达', '達'),
    ('联', '聯'),
    ('丰', '豐'),
    ('诚', '誠'),
    ('鼎', '鼎'),
    ('盛', '盛'),
    ('川', '川'),
    ('协', '協'),
    ('议', '議'),
];

fn traditional(text: &str) -> String {
    text.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(s, _)| *s == c)
                .map_or(c, |(_, t)| *t)
        })
        .collect()
}

/// What a generated catalogue holds, for the benchmark's report and for checking reports.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub sources: usize,
    pub projects: usize,
    pub projects_with_amount: usize,
    pub amount_yuan: i64,
    pub bytes: usize,
}

/// Writes sources until `projects` projects are generated.
pub fn generate(projects: usize, seed: u64, out: &mut impl Write) -> io::Result<Totals> {
    generate_styled(projects, seed, false, out)
}

/// Sources like real reports (the seed article): 8 to 15 projects each, a text of 2,000 to
/// 3,000 characters with the facts in it, a dozen figures of the year and some twenty strategies.
pub fn generate_realistic(projects: usize, seed: u64, out: &mut impl Write) -> io::Result<Totals> {
    generate_styled(projects, seed, true, out)
}

fn generate_styled(
    projects: usize,
    seed: u64,
    realistic: bool,
    out: &mut impl Write,
) -> io::Result<Totals> {
    let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut totals = Totals::default();
    let mut source = 0usize;
    while totals.projects < projects {
        let n = if realistic {
            8 + rng.below(8)
        } else {
            20 + rng.below(21)
        }
        .min(projects - totals.projects);
        let mut record = source_record(&mut rng, source, n, &mut totals);
        if realistic {
            add_real_report_parts(&mut rng, &mut record);
        }
        let line = serde_json::to_string(&record)?;
        totals.bytes += line.len() + 1;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        source += 1;
    }
    totals.sources = source;
    Ok(totals)
}

fn amount_text(yi_tenths: u64) -> String {
    if yi_tenths.is_multiple_of(10) {
        format!("{}亿元", yi_tenths / 10)
    } else if yi_tenths < 10 {
        format!("{}万元", yi_tenths * 1000)
    } else {
        format!("{}.{}亿元", yi_tenths / 10, yi_tenths % 10)
    }
}

/// The districts events are held in: real county-level divisions in use in every year events
/// are dated (2021–2025), each with its province, that resolve to their own code within that
/// province in either script, since division codes are resolved on import and a made-up name
/// is warned about (a real name under another province refuses the file). In an order that
/// spreads them over the provinces (a step coprime with their number).
fn districts() -> &'static [(String, String)] {
    static DISTRICTS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    DISTRICTS.get_or_init(|| {
        use zhaoshang::source::divisions::{Level, gazetteer};
        let g = gazetteer();
        let resolves = |name: &str, province: u32, code: u32| {
            [2021, 2025].iter().all(|&year| {
                [name.to_string(), traditional(name)].iter().all(|n| {
                    g.resolve_within(n, Some(&[province]), Some(year))
                        .is_ok_and(|d| d.code == code)
                })
            })
        };
        let counties: Vec<(String, String)> = g
            .divisions()
            .iter()
            .filter(|d| d.level == Level::County && d.to.is_none() && d.from <= 2021)
            .filter(|d| resolves(d.name, d.code / 10_000 * 10_000, d.code))
            .map(|d| (d.name.to_string(), d.province.to_string()))
            .collect();
        (0..counties.len())
            .map(|i| counties[i * 7_919 % counties.len()].clone())
            .collect()
    })
}

/// A county-level division's kind, from its name's last character.
fn district_kind(name: &str) -> &'static str {
    match name.chars().last() {
        Some('区') => "district",
        Some('市') => "city",
        _ => "county",
    }
}

fn source_record(rng: &mut Rng, index: usize, n: usize, totals: &mut Totals) -> Value {
    let all = districts();
    let d = index % all.len();
    let (district, province) = (all[d].0.clone(), all[d].1.as_str());
    let year = 2021 + (index / all.len()) % 5;
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let date = format!("{year}-{month:02}-{day:02}");
    let trad = index % 4 == 3;
    let t = |s: &str| if trad { traditional(s) } else { s.to_string() };

    let event_name = t(&format!(
        "{district}{year}年{month}月招商引资项目集中签约活动"
    ));
    let mut sentences: Vec<String> = Vec::new();
    let mut projects = Vec::new();
    let mut companies: Vec<Value> = Vec::new();
    let mut named_sum: i64 = 0;
    let mut over_10 = 0;
    for j in 0..n {
        let industry = *rng.pick(&INDUSTRIES);
        let product = *rng.pick(&PRODUCTS);
        let project = t(&format!("{industry}{product}{}号项目", j + 1));
        let c = rng.below(20_000);
        let company = t(&format!(
            "{}{}{}",
            CITIES[c % CITIES.len()],
            BRANDS[(c / 10) % BRANDS.len()],
            COMPANY_KINDS[(c / 160) % COMPANY_KINDS.len()]
        )) + &format!("{}", c / 640);
        let stated = rng.below(10) < 7;
        let mut entry = json!({"name": project});
        let sentence;
        if stated {
            let tenths = 1 + rng.next() % 600;
            let qualifier = rng.below(20);
            let figure = t(&format!(
                "{}{}",
                match qualifier {
                    0 | 1 => "逾",
                    2 => "约",
                    _ => "",
                },
                amount_text(tenths)
            ));
            sentence = t(&format!("{company}投资")) + &figure + &t("建设") + &project;
            let yuan = (tenths as i64) * 10_000_000;
            named_sum += yuan;
            totals.projects_with_amount += 1;
            totals.amount_yuan += yuan;
            if yuan >= 1_000_000_000 {
                over_10 += 1;
            }
            entry["amount"] = json!({"value": figure, "quote": sentence});
        } else {
            sentence = t(&format!("{company}将建设")) + &project;
        }
        entry["quote"] = json!(sentence);
        entry["companies"] = json!([{"name": company, "role": "investor", "quote": sentence}]);
        entry["industries"] = json!([{
            "name": t(industry), "basis": "inferred", "quote": project, "note": "from the project's name"
        }]);
        if !companies.iter().any(|c| c["name"] == company.as_str()) {
            companies.push(json!({"name": company, "name_kind": "full", "quote": sentence}));
        }
        sentences.push(sentence);
        projects.push(entry);
    }
    let headline_yuan = named_sum + (rng.next() % 2_000) as i64 * 10_000_000;
    let headline = amount_text((headline_yuan / 10_000_000) as u64);
    let total_projects = n + rng.below(10);
    let opening = t(&format!(
        "{month}月{day}日，{district}举行招商引资项目集中签约活动，共有{total_projects}个项目携"
    )) + &t(&headline)
        + &t(&format!("落户{district}"));
    let band = t(&format!("其中10亿元以上项目{over_10}个"));
    let layout = t(&format!("{}{}", INDUSTRIES[d % 16], "主导产业"));
    let strategy_sentence = t(&format!("{district}聚焦“{layout}”产业布局"));
    let stat_projects = total_projects + 10 + rng.below(100);
    let stat = t(&format!(
        "今年以来，{district}累计签约项目{stat_projects}个"
    ));
    let mut text = vec![event_name.clone(), opening.clone(), band.clone()];
    text.extend(sentences);
    text.push(strategy_sentence.clone());
    text.push(stat.clone());
    let full_text = text.join("。\n") + "。\n";
    totals.projects += n;

    let province_t = t(province);
    let district_t = t(&district);
    let industries: Vec<Value> = INDUSTRIES
        .iter()
        .filter(|i| {
            projects
                .iter()
                .any(|p| p["industries"][0]["name"] == t(i).as_str())
        })
        .map(|i| {
            let name = t(i);
            let quote = projects
                .iter()
                .find(|p| p["industries"][0]["name"] == name.as_str())
                .map(|p| p["name"].clone())
                .unwrap_or_default();
            json!({"name": name, "quote": quote})
        })
        .collect();
    json!({
        "format": 1,
        "source": {
            "title": event_name.clone() + &format!(" #{index}"),
            "publisher": "zhaoshang synthetic catalogue",
            "url": format!("https://example.org/synthetic/{index}"),
            "published": date,
            "script": if trad { "traditional" } else { "simplified" },
            "text": full_text,
        },
        "places": [
            {"name": "中国", "kind": "country"},
            {"name": province_t, "kind": "province", "parent": "中国"},
            {"name": district_t, "kind": district_kind(&district), "parent": province_t, "quote": opening},
        ],
        "industries": industries,
        "companies": companies,
        "strategies": [{
            "name": format!("{layout}·{district_t}"), "level": "district", "kind": "industrial_layout",
            "place": district_t, "quote": strategy_sentence,
        }],
        "events": [{
            "name": event_name,
            "place": district_t,
            "date": date,
            "quote": opening,
            "project_count": {"value": t(&format!("{total_projects}个")), "quote": opening},
            "signed_amount": {"value": t(&headline), "quote": opening},
            "bands": [{"band": t("10亿元以上"), "count": t(&format!("{over_10}个")), "quote": band}],
            "projects": projects,
        }],
        "statistics": [{
            "kind": "period_statistic", "place": district_t, "metric": "projects_signed",
            "label": t("累计签约项目"), "value": t(&format!("{stat_projects}个")),
            "from": format!("{year}-01-01"), "to": date, "quote": stat,
        }],
    })
}

const NATIONAL: [&str; 6] = [
    "成渝地区双城经济圈建设",
    "长江经济带建设",
    "西部陆海新通道建设",
    "黄河流域生态保护和高质量发展",
    "粤港澳大湾区建设",
    "长三角一体化发展",
];
const THEMES: [&str; 16] = [
    "产业强链",
    "招商提质",
    "营商环境优化",
    "项目攻坚",
    "园区扩容",
    "企业服务",
    "科技创新",
    "人才引育",
    "数字赋能",
    "绿色转型",
    "开放合作",
    "乡村振兴",
    "城市更新",
    "消费提振",
    "金融支持",
    "安全生产",
];
/// Sentences without facts, as a report's narrative has them.
const NARRATIVE: [&str; 8] = [
    "近年来，当地坚持把招商引资作为经济工作的生命线，围绕主导产业精准发力，持续优化营商环境",
    "签约现场气氛热烈，企业代表纷纷表示看好当地发展前景，将加快推动项目落地建设",
    "下一步，当地将强化项目跟踪服务，建立专班推进机制，确保签约项目早落地、早投产、早见效",
    "当地负责人介绍，这批项目科技含量高、带动能力强，对延链补链强链具有重要意义",
    "活动期间，与会嘉宾实地考察了重点园区和企业，深入了解当地产业基础和发展规划",
    "据悉，当地还将举办系列专题招商活动，进一步扩大对外开放，吸引更多优质项目落户",
    "与会企业家认为，当地区位优势明显，产业配套完善，政策支持有力，是投资兴业的热土",
    "当地将以此次签约为契机，坚持项目为王，推动经济高质量发展迈上新台阶",
];

/// A real report's other parts: figures of the year, strategies, narrative.
fn add_real_report_parts(rng: &mut Rng, record: &mut Value) {
    let trad = record["source"]["script"] == "traditional";
    let t = |s: &str| if trad { traditional(s) } else { s.to_string() };
    let district = record["events"][0]["place"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let date = record["events"][0]["date"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let year = &date[..4];
    let mut text = record["source"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut statistics: Vec<Value> = Vec::new();
    let figures: [(&str, &str, &str); 10] = [
        ("agreed_investment", "协议引资", "亿元"),
        ("funds_in_place", "实际到位资金", "亿元"),
        ("signing_events_amount", "集中签约活动引资总额", "亿元"),
        ("total_investment", "签约项目总投资", "亿元"),
        ("projects_signed", "签约项目", "个"),
        ("projects_landed", "落地项目", "个"),
        ("projects_started", "开工项目", "个"),
        ("foreign_invested_projects", "外资项目", "个"),
        ("companies_visited", "拜访企业", "家"),
        ("leader_investment_trips", "领导带队外出招商", "次"),
    ];
    for (i, (metric, label, unit)) in figures.iter().enumerate() {
        let n = 5 + rng.below(900);
        let qualifier = ["", "逾", "近"][i % 3];
        let value = t(&format!("{qualifier}{n}{unit}"));
        let sentence = t(&format!("今年以来，{district}{label}")) + &value;
        text.push_str(&sentence);
        text.push_str("。\n");
        statistics.push(json!({
            "kind": "period_statistic", "place": district, "metric": metric,
            "label": t(label), "value": value,
            "from": format!("{year}-01-01"), "to": date, "quote": sentence,
        }));
    }
    for (band, n) in [
        ("20亿元-50亿元", 3 + rng.below(9)),
        ("50亿元以上", 1 + rng.below(5)),
    ] {
        let sentence = t(&format!("今年以来，{district}引进{band}项目{n}个"));
        text.push_str(&sentence);
        text.push_str("。\n");
        statistics.push(json!({
            "kind": "period_statistic", "place": district, "metric": "projects_in_band",
            "band": t(band), "value": t(&format!("{n}个")),
            "from": format!("{year}-01-01"), "to": date, "quote": sentence,
        }));
    }
    let mut strategies: Vec<Value> = record["strategies"].as_array().cloned().unwrap_or_default();
    let national: Vec<String> = NATIONAL
        .iter()
        .take(3 + rng.below(4))
        .map(|n| t(n))
        .collect();
    let background = t("在")
        + &national.join("、")
        + &t("等国家战略背景下，")
        + &district
        + &t("迎来重大发展机遇");
    text.push_str(&background);
    text.push_str("。\n");
    for name in &national {
        strategies.push(
            json!({"name": name, "level": "national", "kind": "strategy", "quote": background}),
        );
    }
    for theme in THEMES {
        let name = district.clone() + &t(theme) + &t("行动");
        let sentence = t("深入实施") + &name + &t("，推动各项工作落地见效");
        text.push_str(&sentence);
        text.push_str("。\n");
        strategies.push(json!({
            "name": name, "level": "district", "kind": "strategy",
            "place": district, "quote": sentence,
        }));
    }
    while text.chars().count() < 2_000 + rng.below(1_000) {
        text.push_str(&t(NARRATIVE[rng.below(NARRATIVE.len())]));
        text.push_str("。\n");
    }
    if let Some(existing) = record["statistics"].as_array() {
        statistics.splice(0..0, existing.iter().cloned());
    }
    record["source"]["text"] = json!(text);
    record["statistics"] = json!(statistics);
    record["strategies"] = json!(strategies);
}
