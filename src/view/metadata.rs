//! Column documentation, read from docs/schema.md (embedded), for Datasette's metadata file and
//! for the test that every column of the schema is documented.

use std::collections::BTreeMap;

const SCHEMA_DOC: &str = include_str!("../../docs/schema.md");

#[derive(Debug, Default)]
pub struct TableDoc {
    pub description: String,
    pub columns: BTreeMap<String, String>,
}

#[derive(Debug, Default)]
pub struct SchemaDoc {
    pub tables: BTreeMap<String, TableDoc>,
    /// Columns that mean the same in every table (`source_id`, `quote`, `basis`, `note`).
    pub shared: BTreeMap<String, String>,
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Reads `### \`table\` — description` headings and `| \`column\` | meaning |` rows.
pub fn schema_doc() -> SchemaDoc {
    let mut doc = SchemaDoc::default();
    let mut current: Vec<String> = Vec::new();
    let mut shared = false;
    for line in SCHEMA_DOC.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            shared = heading.trim() == "Shared columns";
            let (names, description) = heading.split_once(" — ").unwrap_or((heading, ""));
            current = backticked(names);
            for t in &current {
                let entry = doc.tables.entry(t.clone()).or_default();
                entry.description = description.trim().to_string();
            }
            continue;
        }
        if line.starts_with("## ") {
            current.clear();
            shared = false;
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `a`, `b` | meaning |  → ["", "`a`, `b`", "meaning", ""]
        if cells.len() != 4 || !cells[1].starts_with('`') {
            continue;
        }
        for column in backticked(cells[1]) {
            if shared {
                doc.shared.insert(column, cells[2].to_string());
            } else {
                for t in &current {
                    if let Some(table) = doc.tables.get_mut(t) {
                        table.columns.insert(column.clone(), cells[2].to_string());
                    }
                }
            }
        }
    }
    doc
}

impl SchemaDoc {
    /// The meaning of a column, or None when it is not documented.
    pub fn column(&self, table: &str, column: &str) -> Option<String> {
        // The rows of a table of facts (V15): its view's columns, each quote as a slice.
        if let Some(base) = table.strip_suffix("_sliced") {
            return if column.ends_with("quote_at") {
                self.shared.get("quote_at").cloned()
            } else {
                self.column(base, column)
            };
        }
        if let Some(d) = self.tables.get(table).and_then(|t| t.columns.get(column)) {
            return Some(d.clone());
        }
        if let Some(d) = self.shared.get(column) {
            return Some(d.clone());
        }
        column.strip_suffix("_id").map(|target| {
            if format!("{target}s") == table || target == table.trim_end_matches('s') {
                "key".to_string()
            } else {
                format!("reference to the {target} (see `{target}_id` in its table)")
            }
        })
    }
}
