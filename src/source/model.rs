//! The source file: one source article and every fact it reports, written by hand in TOML (or
//! the same structure in JSON). Records refer to each other by name, never by id. The bundled
//! seed is such a file; `docs/format.md` describes every field.
//!
//! Closed vocabularies (kinds, qualifiers, roles) are read as plain strings and checked by
//! `validate`, so that one pass reports every bad value of a file instead of stopping at the
//! first one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The current version of the file format. Version 1 and 2 files (the seed among them) are still
/// read unchanged; the fields that a later version added are refused in them with a word saying
/// so.
pub const FORMAT_VERSION: u32 = 3;
/// Every version this program reads.
pub const FORMAT_VERSIONS: [u32; 3] = [1, 2, 3];

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub format: u32,
    pub source: SourceMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<IndustryEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<CompanyEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<StrategyEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statistics: Vec<StatisticEntry>,
    /// Format 3: later steps of catalogued projects (该项目已于3月开工, 已到位资金3亿元).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// YYYY-MM-DD
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// traditional | simplified
    pub script: String,
    /// The full text, inline; or `text_file`, a path relative to this file. Exactly one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    pub name: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Absent only for a place added to complete the hierarchy that the source does not name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Format 2: other names of the same place (科學城江津片區 for 西部(重慶)科學城江津園區).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<NameAlias>,
    /// A division's GB/T 2260 code in use on the source's date ("320584"), when its name, parent
    /// and date do not give one code; the program resolves the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Format 2: another name of a place or industry, with the sentence that uses it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameAlias {
    pub name: String,
    pub quote: String,
    /// stated (the source says the two names are one: 以下簡稱…) | inferred (the cataloguer
    /// judged them one). Left out of a written file when stated, so that files without it are
    /// written back as they were.
    #[serde(default = "stated", skip_serializing_if = "is_stated")]
    pub basis: String,
    /// Why an inferred alias was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndustryEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub quote: String,
    /// Format 2: other names of the same industry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<NameAlias>,
    /// Format 2: industries whose names look like this one's but that are other industries
    /// (消費品工業 is not 工業), declared in the file or already catalogued: `check` stops asking
    /// whether they are one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distinct_from: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyEntry {
    pub name: String,
    /// full | short | group
    pub name_kind: String,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_city: Option<HomeCityEntry>,
    /// Format 2: the country the investment comes from (美國, 新加坡).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_country: Option<HomeCityEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasEntry {
    pub name: String,
    pub name_kind: String,
    pub quote: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeCityEntry {
    pub name: String,
    #[serde(default = "stated")]
    pub basis: String,
    pub quote: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParentEntry {
    pub name: String,
    /// subsidiary | affiliate | brand
    pub relation: String,
    pub quote: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategyEntry {
    pub name: String,
    /// national | municipal | district
    pub level: String,
    /// strategy | industrial_layout | goal | work_mode | mechanism | method | task_force | principle
    pub kind: String,
    /// Whose it is (a municipality, a district); absent for national ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub quote: String,
    /// Places the source ties the strategy to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Link>,
    /// Industries the source ties the strategy to (a task force's industry).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<Link>,
    /// For an industrial layout: its industries and their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout: Vec<LayoutEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayoutEntry {
    pub industry: String,
    /// main (主) | special (特)
    pub role: String,
    pub quote: String,
}

/// A reference by name to a place, industry or strategy, with the sentence that makes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub name: String,
    /// stated | inferred
    #[serde(default = "stated")]
    pub basis: String,
    pub quote: String,
    /// Why an inferred link was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn stated() -> String {
    "stated".to_string()
}

fn is_stated(basis: &str) -> bool {
    basis == "stated"
}

/// A figure as the source writes it (`逾1000億元`, `28個`) and the sentence that states it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureEntry {
    pub value: String,
    pub quote: String,
    /// Format 2: other figures the source gives for the same quantity (a title's 202億 beside the
    /// body's 202.6億). The first figure is the primary one that reports use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeEntry>,
}

/// Format 2: another figure for the same quantity, with where it is stated and why it differs.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlternativeEntry {
    pub value: String,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Format 2: the parts of a whole (其中二產項目51個、投資167.1億元，三產項目6個、投資36.8億元).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownEntry {
    /// What the whole is divided by: sector, area, origin, industry, stage … (snake_case)
    pub by: String,
    pub parts: Vec<PartEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartEntry {
    /// The part as the source names it (二產, 外資).
    pub name: String,
    /// A count of projects (51個).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// Money (167.1億元, 36.8億).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    pub quote: String,
}

/// Format 2: a figure about an event other than its headline (其中4個為外資項目).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventStatisticEntry {
    /// snake_case; the metrics that reports read are listed in docs/format.md
    pub metric: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub forecast: bool,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeEntry>,
}

/// Format 2: this project is one already catalogued from another source: by that source (its
/// URL or title) and the project's name there, or by the project's `key`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SameAsEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub name: String,
    pub place: String,
    /// Format 3: what the event is a step of: signing (the default) | land | started | completed
    /// | in_production. A 集中开工 ceremony is `started`. Left out of a written file when it is
    /// signing, so that files without it are written back as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// YYYY-MM-DD: the day of a signing ceremony. A report of a period (format 2) has `from` and
    /// `to`, or `period`, instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Format 2: the first and last day of the period a report covers, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Format 2: the period as the source names it (2023年上半年, 2024年第一季度); gives `from`
    /// and `to` when they are not written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_count: Option<FigureEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_amount: Option<FigureEntry>,
    /// Project counts by amount band reported for this event (10億以上7個).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectEntry>,
    /// Format 2: other figures about the event (foreign-invested projects …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statistics: Vec<EventStatisticEntry>,
    /// Format 2: the headline count and amount divided into parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<BreakdownEntry>,
    /// Format 2: companies the source says signed at the event without naming a project of
    /// theirs (京東集團等7家企業簽約).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<CompanyLink>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandEntry {
    /// 10億以上 | 20億元-50億元 | 1億元以下
    pub band: String,
    /// 7個
    pub count: String,
    pub quote: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectEntry {
    pub name: String,
    pub quote: String,
    /// Format 2: a stable key other sources may use to say they report the same project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Format 2: the project is one already catalogued (see SameAsEntry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<SameAsEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<FigureEntry>,
    /// Where in the event's place the project settles (a town, park or zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<CompanyLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyLink {
    pub name: String,
    /// investor | operator | partner | developer
    pub role: String,
    #[serde(default = "stated")]
    pub basis: String,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A descriptive fact about a project: a figure (`value`), a statement, or both.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactEntry {
    /// capacity | expected_volume | business_scope | goal | positioning | description | area
    /// | jobs | output_value | tax
    pub kind: String,
    /// The words the source puts before the figure (年產, 每年度累計出單量).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// 預計 and its kin: a forecast, not an outcome.
    #[serde(default, skip_serializing_if = "is_false")]
    pub forecast: bool,
    pub quote: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticEntry {
    /// period_statistic | place_fact | target
    pub kind: String,
    pub place: String,
    /// snake_case name of what is counted (agreed_investment, projects_signed, leader_trips …)
    pub metric: String,
    /// The source's own words for the metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: String,
    /// For a count of projects within an amount band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub forecast: bool,
    /// The period the figure covers, YYYY-MM-DD each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub quote: String,
    /// Format 2: other figures for the same quantity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeEntry>,
    /// Format 2: the figure divided into parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<BreakdownEntry>,
}

/// Format 3: a later sentence about one catalogued project (该项目已于3月开工): the stage it had
/// reached by a day or within a period, with the words that say so.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneEntry {
    /// The project: `{ key = "…" }`, or `{ source = "URL or title", name = "its name there" }`.
    pub project: SameAsEntry,
    /// land | started | completed | in_production | funds_in_place | stalled | terminated
    pub stage: String,
    /// YYYY-MM-DD: the day by which the project was so; or `period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The period by whose end the project was so, as the source names it (2024年上半年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// funds_in_place only: the funds arrived so far (已到位资金3亿元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<MilestoneAmount>,
    pub quote: String,
}

/// The money of a funds_in_place milestone, as the source writes it, with its quote.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneAmount {
    pub value: String,
    pub quote: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

/// The JSON Schema of the source-file format (docs/source-file.schema.json), generated from
/// these types.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(SourceFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
