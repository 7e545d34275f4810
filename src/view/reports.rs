//! The bundled reports: SQL files under `reports/`, embedded in the binary. Each begins with a
//! header comment (`-- Report:`, `-- Title:`, `-- Fit:`, `-- Question:`, `-- Param:`, `-- Bar:`,
//! `-- Note:`, `-- Column:`) that this module reads, so the file a user runs in the sqlite3 shell is the one the program runs.

/// A report and what its header says.
#[derive(Debug, Clone)]
pub struct Report {
    pub name: String,
    pub title: String,
    pub question: String,
    /// (name without the colon, help)
    pub params: Vec<(String, String)>,
    /// The display column drawn as a bar in table output.
    pub bar: Option<String>,
    /// The order a narrow table gives its columns up in (`-- Fit:`, see view/fit.rs).
    pub fit: Option<String>,
    /// A footnote a table of the report ends with (what its percentages are of).
    pub note: Option<String>,
    /// (column, what it holds): for Datasette's description of the report.
    pub columns: Vec<(String, String)>,
    pub sql: &'static str,
}

const FILES: &[&str] = &[
    include_str!("../../reports/summary.sql"),
    include_str!("../../reports/reconcile.sql"),
    include_str!("../../reports/industries.sql"),
    include_str!("../../reports/bands.sql"),
    include_str!("../../reports/targets.sql"),
    include_str!("../../reports/strategies.sql"),
    include_str!("../../reports/companies.sql"),
    include_str!("../../reports/timeline.sql"),
    include_str!("../../reports/top.sql"),
    include_str!("../../reports/divisions.sql"),
    include_str!("../../reports/timeline_by_division.sql"),
    include_str!("../../reports/industries_by_division.sql"),
    include_str!("../../reports/top_by_division.sql"),
    include_str!("../../reports/map.sql"),
    include_str!("../../reports/followthrough.sql"),
];

fn parse(sql: &'static str) -> Report {
    let mut report = Report {
        name: String::new(),
        title: String::new(),
        question: String::new(),
        params: Vec::new(),
        bar: None,
        fit: None,
        note: None,
        columns: Vec::new(),
        sql,
    };
    let mut continuing_question = false;
    for line in sql.lines() {
        let Some(comment) = line.strip_prefix("--") else {
            break;
        };
        let comment = comment.trim();
        if let Some(v) = comment.strip_prefix("Report:") {
            report.name = v.trim().to_string();
        } else if let Some(v) = comment.strip_prefix("Title:") {
            report.title = v.trim().to_string();
        } else if let Some(v) = comment.strip_prefix("Question:") {
            report.question = v.trim().to_string();
            continuing_question = true;
            continue;
        } else if let Some(v) = comment.strip_prefix("Param:") {
            let v = v.trim().trim_start_matches(':');
            let (name, help) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
            report
                .params
                .push((name.to_string(), help.trim().to_string()));
        } else if let Some(v) = comment.strip_prefix("Fit:") {
            report.fit = Some(v.trim().to_string());
        } else if let Some(v) = comment.strip_prefix("Bar:") {
            report.bar = Some(v.trim().to_string());
        } else if let Some(v) = comment.strip_prefix("Note:") {
            report.note = Some(v.trim().to_string());
        } else if let Some(v) = comment.strip_prefix("Column:") {
            let v = v.trim();
            let (name, help) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
            report
                .columns
                .push((name.to_string(), help.trim().to_string()));
        } else if continuing_question && line.starts_with("--   ") {
            report.question.push(' ');
            report.question.push_str(comment);
            continue;
        }
        continuing_question = false;
    }
    report
}

pub fn all() -> Vec<Report> {
    FILES.iter().map(|sql| parse(sql)).collect()
}

pub fn find(name: &str) -> Option<Report> {
    all().into_iter().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_has_a_complete_header() {
        let reports = all();
        assert_eq!(reports.len(), FILES.len());
        for r in &reports {
            assert!(!r.name.is_empty() && !r.title.is_empty(), "{r:?}");
            assert!(r.question.ends_with('?'), "{}: {}", r.name, r.question);
            for (name, help) in &r.params {
                assert!(!help.is_empty(), "{}: :{name} has no help", r.name);
                assert!(
                    r.sql.contains(&format!(":{name}")),
                    "{}: :{name} is not used",
                    r.name
                );
            }
        }
        let reconcile = find("reconcile").unwrap();
        assert!(
            reconcile
                .question
                .contains("each breakdown against its whole?")
        );
        assert_eq!(find("industries").unwrap().bar.as_deref(), Some("amount"));
        let followthrough = find("followthrough").unwrap();
        assert!(
            followthrough
                .note
                .unwrap()
                .contains("percentages are of `signed`")
        );
        assert!(
            followthrough
                .columns
                .iter()
                .any(|(c, help)| c == "started_pct" && help.contains("percentage of signed"))
        );
    }
}
