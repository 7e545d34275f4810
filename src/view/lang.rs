//! `--lang zh|en`: the language of what a table says about its data — column headers, the
//! field names of a record, its section titles — and of the hints a listing gives. English
//! headers are the field names with spaces; Chinese ones come from the table below, written in
//! simplified script and shown in traditional when the reader's script is traditional. CSV and
//! JSON keep their field names in every language: they are a stable interface.

use std::borrow::Cow;

use crate::cli::{Lang, Script};

/// English header → Chinese (simplified). Every header a listing, report, search or record
/// shows is here; `tests/reports.rs` checks that none is left in English.
const ZH: &[(&str, &str)] = &[
    ("alias", "别名"),
    ("alias kind", "别名类型"),
    ("also named", "又名"),
    ("amount", "金额"),
    ("amount currency", "金额币种"),
    ("amount quote", "金额原文"),
    ("article", "文章"),
    ("author", "作者"),
    ("band", "金额区间"),
    ("band max", "区间上限"),
    ("band min", "区间下限"),
    ("basis", "依据"),
    ("breakdowns", "分项"),
    ("by", "分项依据"),
    ("check", "核对项"),
    ("cohort", "批次"),
    ("companies", "企业"),
    ("companies without a project named", "未列项目的签约企业"),
    ("company", "企业"),
    ("company id", "企业编号"),
    ("count", "数量"),
    ("county", "县级区划"),
    ("currency", "币种"),
    ("date", "日期"),
    ("description", "说明"),
    ("distinct from", "不同于"),
    ("district", "区县"),
    ("division", "行政区划"),
    ("division code", "区划代码"),
    ("earlier", "较早项目"),
    ("earlier id", "较早项目编号"),
    ("earlier on", "较早日期"),
    ("earlier quote", "较早原文"),
    ("error", "错误"),
    ("event", "活动"),
    ("event id", "活动编号"),
    ("events", "活动"),
    ("events covering", "涉及活动"),
    ("events covering it", "涉及活动"),
    ("events in period", "期内活动"),
    ("events signed", "期内签约额"),
    ("events without a project named", "未列项目的签约活动"),
    ("facts", "项目数据"),
    ("field", "字段"),
    ("file name", "文件名"),
    ("first held on", "最早举行日期"),
    ("forecast", "预计"),
    ("full text", "全文"),
    ("funds in place", "到位资金"),
    ("funds pct", "资金到位率(%)"),
    ("group members", "集团成员"),
    ("headline amount", "公布总额"),
    ("headline count", "公布项目数"),
    ("headline projects", "公布项目数"),
    ("held on", "举行日期"),
    ("home city", "所在城市"),
    ("home city basis", "所在城市依据"),
    ("home city quote", "所在城市原文"),
    ("home country", "所属国家"),
    ("in production", "已投产"),
    ("in production pct", "投产率(%)"),
    ("industries", "产业"),
    ("industries covered", "涵盖产业"),
    ("industry", "产业"),
    ("industry id", "产业编号"),
    ("inferred", "推断"),
    ("inferred industries", "推断产业"),
    ("inferred links", "推断关联"),
    ("invested", "投资额"),
    ("investors", "投资方"),
    ("itemised", "已列明"),
    ("kind", "类别"),
    ("label", "名目"),
    ("last held on", "最近举行日期"),
    ("later", "较晚项目"),
    ("later id", "较晚项目编号"),
    ("later on", "较晚日期"),
    ("later quote", "较晚原文"),
    ("latest reported", "最近公布"),
    ("latest reported to", "最近公布截至"),
    ("latitude", "纬度"),
    ("layout", "产业布局"),
    ("layouts", "产业布局"),
    ("level", "层级"),
    ("longitude", "经度"),
    ("main in", "主导产业所属布局"),
    ("match", "匹配"),
    ("metric", "指标"),
    ("name", "名称"),
    ("name kind", "名称类型"),
    ("name there", "该来源中的名称"),
    ("named amount", "列名项目金额"),
    ("named count", "列名项目数"),
    ("named projects", "列名项目数"),
    ("named with amount", "列名且有金额"),
    ("note", "备注"),
    ("notes to check", "待核对"),
    ("other amount", "其他金额"),
    ("other figures", "其他数字"),
    ("other figures of the event", "活动的其他数字"),
    ("owner", "主管"),
    ("parent", "上级"),
    ("parent group", "所属集团"),
    ("parent quote", "所属关系原文"),
    ("parent relation", "所属关系"),
    ("part", "分项"),
    ("part id", "分项编号"),
    ("paste", "可粘贴"),
    ("period", "期间"),
    ("period end", "期末"),
    ("period label", "期间名称"),
    ("period reports", "期间报道"),
    ("period start", "期初"),
    ("place", "地点"),
    ("place id", "地点编号"),
    ("places", "地点"),
    ("places within", "下辖地点"),
    ("prefecture", "地级区划"),
    ("progress pct", "完成进度(%)"),
    ("project", "项目"),
    ("project amount", "项目金额"),
    ("project count", "项目数"),
    ("project count quote", "项目数原文"),
    ("project fact id", "项目数据编号"),
    ("project id", "项目编号"),
    ("project names", "项目名称"),
    ("projects", "项目"),
    ("projects count", "项目数"),
    (
        "projects first reported by another source",
        "首见于其他来源的项目",
    ),
    ("projects placed", "落地项目"),
    ("province", "省级区划"),
    ("published on", "发布日期"),
    ("publisher", "发布者"),
    ("quote", "原文"),
    ("rank", "排名"),
    ("reason", "理由"),
    ("reported", "公布值"),
    ("reported bands", "公布的金额区间"),
    ("reported by", "报道来源"),
    ("reported count", "公布数量"),
    ("role", "角色"),
    ("roles", "角色"),
    ("scope", "范围"),
    ("score", "得分"),
    ("script", "字体"),
    ("show", "查看"),
    ("signed", "签约项目"),
    ("signed amount", "签约金额"),
    ("signed amount currency", "签约金额币种"),
    ("signed amount quote", "签约金额原文"),
    ("signed without project", "未列项目签约"),
    ("source", "来源"),
    ("source id", "来源编号"),
    ("sources", "来源"),
    ("special in", "特色产业所属布局"),
    ("stage", "阶段"),
    ("started", "已开工"),
    ("started pct", "开工率(%)"),
    // `show stat`: a statistic
    ("stat", "统计"),
    ("stated", "明示"),
    ("statement", "表述"),
    ("statistic", "统计"),
    ("statistic id", "统计编号"),
    ("statistics", "统计"),
    ("status", "状态"),
    ("strategies", "战略"),
    ("strategy", "战略"),
    ("strategy id", "战略编号"),
    ("target", "目标"),
    ("target value", "目标值"),
    ("terminated", "已终止"),
    ("text sha256", "全文SHA-256"),
    ("timeline", "进程"),
    ("title", "标题"),
    ("unit", "单位"),
    ("unitemised amount", "未列明金额"),
    ("unitemised count", "未列明项目数"),
    ("unknown", "情况不明"),
    ("unstated amount", "未列金额的项数"),
    ("unstated events signed", "未列金额的签约活动数"),
    ("unstated headline amount", "未公布总额的活动数"),
    ("unstated headline count", "未公布项目数的活动数"),
    ("unstated headline projects", "未公布项目数的活动数"),
    ("unstated invested", "未列金额的投资项目数"),
    ("unstated named amount", "未列金额的列名项目数"),
    ("unstated project amount", "未列金额的项目数"),
    ("unstated signed amount", "未公布签约额的活动数"),
    ("url", "网址"),
    ("value", "数值"),
    ("value foreign", "外币数值"),
    ("with amount", "有金额"),
    ("with later news", "有后续报道"),
];

/// Values of the catalogue's closed vocabularies (kinds, metrics, roles, statuses …) in Chinese
/// (simplified), for tables; CSV and JSON keep the values as stored. Sorted by the English.
const VALUES_ZH: &[(&str, &str)] = &[
    ("affiliate", "关联公司"),
    ("agreed_investment", "协议引资"),
    ("area", "面积"),
    ("bonded_zone", "保税区"),
    ("brand", "品牌"),
    ("business_scope", "经营范围"),
    ("capacity", "产能"),
    ("ceremony", "签约仪式"),
    ("city", "市"),
    ("companies_visited", "拜访企业数"),
    ("completed", "竣工"),
    ("consistent", "一致"),
    ("contradiction", "矛盾"),
    ("country", "国家"),
    ("county", "县"),
    ("description", "描述"),
    ("developer", "开发方"),
    ("district", "区"),
    ("event_statistic", "活动数字"),
    ("expected_volume", "预计规模"),
    ("figures_differ", "数字不一"),
    ("foreign_invested_projects", "外资项目数"),
    ("full", "全称"),
    ("functional_area", "功能区"),
    ("funds_in_place", "实际到位资金"),
    ("goal", "目标"),
    ("group", "集团"),
    ("in progress", "进行中"),
    ("in_production", "投产"),
    ("in_production_rate", "投产率"),
    ("industrial_layout", "产业布局"),
    ("inferred", "推断"),
    ("investor", "投资方"),
    ("itemised_below_reported", "列明少于公布"),
    ("jobs", "就业"),
    ("land", "供地"),
    ("leader_investment_trips", "领导招商出访次数"),
    ("main", "主导"),
    ("mechanism", "机制"),
    ("met", "已完成"),
    ("method", "方法"),
    ("municipal", "市级"),
    ("municipality", "直辖市"),
    ("national", "国家级"),
    ("no data", "无数据"),
    ("operator", "运营方"),
    ("output_value", "产值"),
    ("park", "园区"),
    ("partner", "合作方"),
    ("parts_miss_whole", "分项不足总数"),
    ("period_report", "期间报道"),
    ("period_statistic", "期间数字"),
    ("place_fact", "地方概况"),
    ("population", "人口"),
    ("positioning", "定位"),
    ("prefecture", "地级区划"),
    ("principle", "原则"),
    ("projects_in_band", "区间项目数"),
    ("projects_landed", "落地项目数"),
    ("projects_signed", "签约项目数"),
    ("projects_started", "开工项目数"),
    ("province", "省"),
    ("region", "区域"),
    ("remainder_not_stated", "余项未公布"),
    ("reported", "公布"),
    ("short", "简称"),
    ("signing", "签约"),
    ("signing_events_amount", "集中签约金额"),
    ("simplified", "简体"),
    ("special", "特色"),
    ("stalled", "停滞"),
    ("standard", "标准区间"),
    ("started", "开工"),
    ("started_rate", "开工率"),
    ("stated", "明示"),
    ("strategy", "战略"),
    ("subsidiary", "子公司"),
    ("target", "目标"),
    ("task_force", "专班"),
    ("tax", "税收"),
    ("terminated", "终止"),
    ("total_investment", "总投资"),
    ("town", "镇"),
    ("traditional", "繁体"),
    ("work_mode", "工作模式"),
    ("zone", "片区"),
];

/// The columns (English headers) whose values come from a closed vocabulary, and those that
/// hold 0 or 1.
const VOCABULARY_COLUMNS: &[&str] = &[
    "alias kind",
    "basis",
    "home city basis",
    "kind",
    "level",
    "metric",
    "name kind",
    "parent relation",
    "role",
    "roles",
    "script",
    "status",
];
const BOOLEAN_COLUMNS: &[&str] = &["forecast"];

/// One stored value of a vocabulary as the reader reads it: in Chinese from the table; in
/// English as stored, the very words a parameter takes (`-p status=parts_miss_whole`). A value
/// not in the table stays.
fn vocabulary_value(value: &str, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(value),
        Lang::Zh => match VALUES_ZH.binary_search_by(|(en, _)| en.cmp(&value)) {
            Ok(i) => Cow::Borrowed(VALUES_ZH[i].1),
            Err(_) => Cow::Borrowed(value),
        },
    }
}

/// A table's cells of vocabulary and yes/no columns in the reader's language (是/否, yes/no);
/// run on English headers, before [`headers`] translates them.
pub fn values(listing: &mut super::output::Listing, lang: Lang, script: Script) {
    for (c, (header, _)) in listing.columns.iter().enumerate() {
        for row in &mut listing.display {
            if let Some(cell) = row.get_mut(c)
                && let Some(shown) = value_shown(header, cell, lang, script)
            {
                *cell = shown;
            }
        }
    }
}

/// A cell of a column headed `header` (English) as the reader reads it, when it is a value of
/// a vocabulary or a yes/no; None: shown as it is.
pub fn value_shown(header: &str, cell: &str, lang: Lang, script: Script) -> Option<String> {
    let shown = if BOOLEAN_COLUMNS.contains(&header) {
        match (cell, lang) {
            ("1", Lang::En) => "yes".to_string(),
            ("0", Lang::En) => "no".to_string(),
            ("1", Lang::Zh) => "是".to_string(),
            ("0", Lang::Zh) => "否".to_string(),
            _ => return None,
        }
    } else if lang == Lang::Zh && VOCABULARY_COLUMNS.contains(&header) && !cell.is_empty() {
        // A list of values (roles: investor; operator) value by value.
        cell.split("; ")
            .map(|v| vocabulary_value(v, lang))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "、" } else { "; " })
    } else {
        return None;
    };
    Some(if lang == Lang::Zh {
        super::script::convert(&shown, script).into_owned()
    } else {
        shown
    })
}

/// The script the locale's language is written in (LC_ALL, LC_CTYPE or LANG): zh_CN, zh_SG and
/// zh_Hans simplified; zh_TW, zh_HK, zh_MO and zh_Hant traditional; None for any other.
pub fn script_from_env() -> Option<Script> {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))?
        .to_ascii_lowercase();
    if !locale.starts_with("zh") {
        return None;
    }
    let region = locale.split(['.', '@']).next().unwrap_or_default();
    if ["tw", "hk", "mo", "hant"]
        .iter()
        .any(|r| region.ends_with(r))
    {
        Some(Script::Traditional)
    } else {
        Some(Script::Simplified)
    }
}

/// Whether the run's language is English by choice (`--lang en`, or an `en…` locale) rather
/// than by default (no locale, C or POSIX): only then are figures written in English words.
pub fn english_chosen(given: Option<Lang>) -> bool {
    match given {
        Some(lang) => lang == Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .is_some_and(|l| l.to_ascii_lowercase().starts_with("en")),
    }
}

/// The language `--lang` names, or when not given the one `LC_ALL`, `LC_MESSAGES` or `LANG`
/// names (the first that is set and not empty): Chinese for `zh…`, English otherwise.
pub fn from_env(given: Option<Lang>) -> Lang {
    given.unwrap_or_else(|| {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    })
}

/// `header` in `lang`; a header the table does not hold stays as it is.
pub fn header(header: &str, lang: Lang, script: Script) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(header),
        Lang::Zh => match ZH.binary_search_by(|(en, _)| en.cmp(&header)) {
            Ok(i) if script == Script::Traditional => {
                Cow::Owned(super::script::convert(ZH[i].1, script).into_owned())
            }
            Ok(i) => Cow::Borrowed(ZH[i].1),
            Err(_) => Cow::Borrowed(header),
        },
    }
}

/// The English headers a Chinese header (either script) translates.
pub fn english_of(chinese: &str) -> Vec<&'static str> {
    let simplified = super::script::convert(chinese.trim(), Script::Simplified);
    ZH.iter()
        .filter(|(_, zh)| *zh == simplified)
        .map(|(en, _)| *en)
        .collect()
}

/// A table's column headers in `lang`.
pub fn headers(listing: &mut super::output::Listing, lang: Lang, script: Script) {
    listing.lang = Some((lang, script));
    for (name, _) in &mut listing.columns {
        let translated = header(name, lang, script).into_owned();
        *name = translated;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_without_repeats() {
        assert!(ZH.windows(2).all(|w| w[0].0 < w[1].0), "keep ZH sorted");
        assert!(
            VALUES_ZH.windows(2).all(|w| w[0].0 < w[1].0),
            "keep VALUES_ZH sorted"
        );
    }

    #[test]
    fn every_vocabulary_value_has_chinese_words() {
        use crate::source::validate as v;
        let lists: [&[&str]; 9] = [
            v::PLACE_KINDS,
            v::NAME_KINDS,
            v::BASES,
            v::PARENT_RELATIONS,
            v::LEVELS,
            v::STRATEGY_KINDS,
            v::LAYOUT_ROLES,
            v::COMPANY_ROLES,
            v::FACT_KINDS,
        ];
        let metrics = v::KNOWN_METRICS.iter().map(|(m, _, _)| *m);
        let all = lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .chain(v::STATISTIC_KINDS.iter().copied())
            .chain(v::SCRIPTS.iter().copied())
            .chain(metrics);
        for value in all {
            assert_ne!(
                vocabulary_value(value, Lang::Zh),
                value,
                "{value} has no Chinese in VALUES_ZH"
            );
        }
    }

    #[test]
    fn docs_output_md_gives_both_header_sets() {
        let doc = include_str!("../../docs/output.md");
        for (en, zh) in ZH {
            assert!(
                doc.contains(&format!("| {en} | {zh} |")),
                "docs/output.md lacks {en}"
            );
        }
    }

    #[test]
    fn headers_in_either_language_and_script() {
        assert_eq!(header("held on", Lang::En, Script::AsStored), "held on");
        assert_eq!(header("held on", Lang::Zh, Script::AsStored), "举行日期");
        assert_eq!(header("held on", Lang::Zh, Script::Traditional), "舉行日期");
        assert_eq!(
            header("no such header", Lang::Zh, Script::AsStored),
            "no such header"
        );
    }
}
