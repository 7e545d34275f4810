//! `metadata`: a Datasette metadata file describing every table and column, so that
//! `datasette zhaoshang.db -m metadata.json` presents the catalogue with its documentation.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use rusqlite::types::Value;
use serde_json::{Map, Value as Json, json};

use crate::Context;
use crate::cli::MetadataArgs;
use crate::view::metadata::schema_doc;
use crate::view::present::plain_text;

pub fn run(ctx: &Context, db: &Path, target: &MetadataArgs) -> Result<()> {
    let store = super::open_read_only(ctx, db)?;
    let described = describe_tables(&store)?;
    // Every bundled report as a canned query: the very SQL of `report NAME --sql`, in which an
    // empty parameter (what Datasette sends for a field left empty) means "not given".
    let mut queries = Map::new();
    for report in crate::view::reports::all() {
        let params: Vec<&str> = report.params.iter().map(|(p, _)| p.as_str()).collect();
        // A report's notes and its columns' meanings (what a percentage is of) follow its
        // question: Datasette describes a canned query's columns nowhere else.
        let mut description = report.question.clone();
        if let Some(note) = &report.note {
            description.push_str(&format!(" Note: {note}"));
        }
        for (column, help) in &report.columns {
            description.push_str(&format!(" {column}: {help}."));
        }
        queries.insert(
            report.name.clone(),
            json!({
                "title": report.title,
                "description": description,
                "sql": report.sql,
                "params": params,
            }),
        );
    }
    // Search in either script and for terms of any length: the term is folded in SQL.
    queries.insert(
        "search".to_string(),
        json!({
            "title": "search",
            "description": "Records and passages containing a term, typed in either script, of any length (as `zhaoshang search`, best first)",
            "sql": crate::store::search::SEARCH_SQL,
            "params": ["q"],
        }),
    );
    let database = json!({ "tables": described, "queries": queries });
    let top = json!({
        "title": "zhaoshang: investment-promotion signing events (招商引資項目集中簽約)",
        "description": "Chinese local-government signing events, their projects, companies, industries, \
                        strategies and reported figures, every fact with the verbatim quote that states it. \
                        Money is integer yuan in columns ending in _yuan; qualifiers (逾, 近, 以上 …) are \
                        in the *_qualifier columns.",
        "source": "see the sources table (title, publisher, url of every article)",
    });
    let guard = super::guard::CatalogueFiles::of(db);
    if let Some(dir) = &target.plugins_dir {
        let path = dir.join("zhaoshang_metadata.py");
        guard.check_output(&path)?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        return std::fs::write(&path, plugin(&top, &database)?)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    // Datasette keys a database's metadata by its name: the file name without its extension.
    let name = target.name.clone().unwrap_or_else(|| {
        db.file_stem().map_or_else(
            || "zhaoshang".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let mut metadata = top;
    metadata["databases"] = json!({ name: database });
    let text = serde_json::to_string_pretty(&metadata)? + "\n";
    match target.output.as_deref().filter(|p| !super::is_stdio(p)) {
        Some(path) => {
            guard.check_output(path)?;
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// Every table and view: its description, its columns' meanings, whether Datasette hides it.
fn describe_tables(store: &crate::store::Store) -> Result<Map<String, Json>> {
    let doc = schema_doc();
    let tables = store.query(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')
           AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%'
           ORDER BY type, name",
        &[],
    )?;
    let mut described = Map::new();
    for row in &tables.rows {
        let table = plain_text(&row[0]);
        let columns = store.query(
            "SELECT name FROM pragma_table_info(:table) ORDER BY cid",
            &[("table".into(), Value::Text(table.clone()))],
        )?;
        let mut column_docs = Map::new();
        for c in &columns.rows {
            let column = plain_text(&c[0]);
            let meaning = with_unit(&column, doc.column(&table, &column).unwrap_or_default());
            column_docs.insert(column, Json::String(meaning));
        }
        let description = doc
            .tables
            .get(&table)
            .map(|t| t.description.clone())
            .unwrap_or_default();
        // Derived and bookkeeping tables are there for the program, not for reading. The search
        // texts have no search box: search_fts keeps no positions (V14), which a phrase, as
        // Datasette's box writes a term, needs; the canned query `search` takes any term.
        // The tables of facts are read through the views under their names, which write the
        // quotes out; `_sliced` holds them as slices of the text (V15).
        let hidden = (table.starts_with("search_") && table != "search_texts")
            || table == "refinery_schema_history"
            || table.ends_with("_sliced");
        let entry = json!({ "description": description, "columns": column_docs, "hidden": hidden });
        described.insert(table, entry);
    }
    Ok(described)
}

/// The Datasette plugin (src/view/datasette_plugin.py) with the metadata written into it as
/// JSON inside raw triple-quoted Python strings.
fn plugin(top: &Json, database: &Json) -> Result<String> {
    let (top, database) = (
        serde_json::to_string(top)?,
        serde_json::to_string(database)?,
    );
    // serde_json escapes no quote but `"`; a text holding three single quotes would end the
    // Python string early.
    anyhow::ensure!(
        !top.contains("'''") && !database.contains("'''"),
        "the metadata holds three single quotes in a row and cannot be written into the plugin"
    );
    Ok(include_str!("../view/datasette_plugin.py")
        .replace(
            "__APPLICATION_ID__",
            &crate::store::APPLICATION_ID.to_string(),
        )
        .replace("__TOP__", &top)
        .replace("__DATABASE__", &database))
}

/// A money column's description says its unit, whatever the schema document's line says.
fn with_unit(column: &str, meaning: String) -> String {
    if column.ends_with("_yuan") && !meaning.contains("exact integer") {
        format!("{meaning} (yuan, exact integer; 1億 = 100000000)")
    } else if column.ends_with("_yi") && !meaning.contains("億") {
        format!("{meaning} (in 億, hundreds of millions of yuan)")
    } else {
        meaning
    }
}
