//! docs/architecture.md matches the tree, and the layout's rules hold: no two modules import
//! each other, only `store/` opens connections, functions fit on a screen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
            out.push(path);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root.join("src"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The module a file is: `store/load/write.rs` → `store::load::write`, `store/mod.rs` → `store`.
fn module_of(rel: &str) -> String {
    let stem = rel.trim_end_matches(".rs").trim_end_matches("/mod");
    stem.replace('/', "::")
}

#[test]
fn every_source_file_is_in_the_architecture_document() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .unwrap();
    for (rel, _) in src_files() {
        let name = rel.rsplit('/').next().unwrap();
        let folder = rel
            .rsplit_once('/')
            .map(|(f, _)| f.rsplit('/').next().unwrap());
        assert!(
            doc.contains(name),
            "docs/architecture.md does not name {rel}"
        );
        if let Some(folder) = folder {
            assert!(
                doc.contains(&format!("{folder}/")),
                "docs/architecture.md does not name {folder}/"
            );
        }
    }
}

#[test]
fn no_two_modules_import_each_other() {
    let files = src_files();
    let modules: BTreeSet<String> = files.iter().map(|(r, _)| module_of(r)).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in &files {
        let me = module_of(rel);
        for (i, _) in text.match_indices("crate::") {
            let path: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            // The longest module the path names.
            let mut target = String::new();
            let mut prefix = String::new();
            for part in path.split("::").filter(|p| !p.is_empty()) {
                prefix = if prefix.is_empty() {
                    part.to_string()
                } else {
                    format!("{prefix}::{part}")
                };
                if modules.contains(&prefix) {
                    target = prefix.clone();
                }
            }
            if !target.is_empty()
                && target != me
                && !me.starts_with(&format!("{target}::"))
                && !target.starts_with(&format!("{me}::"))
            {
                imports.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    for (a, targets) in &imports {
        for b in targets {
            assert!(
                !imports.get(b).is_some_and(|t| t.contains(a)),
                "{a} and {b} import each other"
            );
        }
    }
    // The folders: source/ and store/ never reach up to what shows things or parses commands.
    for (a, targets) in &imports {
        for b in targets {
            let (top_a, top_b) = (a.split("::").next().unwrap(), b.split("::").next().unwrap());
            let forbidden = matches!(
                (top_a, top_b),
                ("source", "store" | "view" | "cmd" | "draft")
                    | ("store", "view" | "cmd" | "draft")
                    | ("view", "cmd" | "draft")
                    | ("draft", "store" | "view" | "cmd")
            );
            assert!(!forbidden, "{a} imports {b}");
        }
    }
}

#[test]
fn only_the_store_opens_connections() {
    for (rel, text) in src_files() {
        if rel.starts_with("store/") {
            continue;
        }
        assert!(
            !text.contains("Connection::open"),
            "{rel} opens a connection"
        );
    }
}

#[test]
fn no_function_is_longer_than_a_screen() {
    for (rel, text) in src_files() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(super) fn ",
                "pub(crate) fn ",
                "pub(in crate::store) fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || trimmed.ends_with(';') {
                continue;
            }
            let indent = &line[..line.len() - trimmed.len()];
            let close = format!("{indent}}}");
            let end = lines[i..]
                .iter()
                .position(|l| *l == close)
                .map_or(0, |n| n + 1);
            assert!(end <= 80, "{rel}:{}: a function of {end} lines", i + 1);
        }
    }
}
