//! The differences between a catalogued source and a new version of it, readable:
//! `~ path: old → new`, `+ path: new`, `- path: old`.

use serde_json::{Map, Value as Json};

/// Appends the differences between `old` and `new` under `path` to `out`.
pub(super) fn differences(old: &Json, new: &Json, path: &str, out: &mut Vec<String>) {
    match (old, new) {
        (Json::Object(a), Json::Object(b)) => objects(a, b, path, out),
        (Json::Array(a), Json::Array(b)) => arrays(a, b, path, out),
        (Json::String(a), Json::String(b))
            if a != b && (a.chars().count() > 60 || b.chars().count() > 60) =>
        {
            out.push(long_texts(a, b, path));
        }
        (a, b) if a != b => out.push(format!("~ {path}: {} → {}", short(a), short(b))),
        _ => {}
    }
}

fn short(v: &Json) -> String {
    let text = match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    let cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn objects(a: &Map<String, Json>, b: &Map<String, Json>, path: &str, out: &mut Vec<String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    for (k, v) in a {
        match b.get(k) {
            Some(w) => differences(v, w, &join(k), out),
            None => out.push(format!("- {}: {}", join(k), short(v))),
        }
    }
    for (k, w) in b {
        if !a.contains_key(k) {
            out.push(format!("+ {}: {}", join(k), short(w)));
        }
    }
}

/// Records with names are matched by name, whatever their order; others by position.
fn arrays(a: &[Json], b: &[Json], path: &str, out: &mut Vec<String>) {
    let name = |v: &Json| v.get("name").and_then(Json::as_str).map(str::to_string);
    if !a.iter().chain(b).all(|v| name(v).is_some()) {
        for i in 0..a.len().max(b.len()) {
            match (a.get(i), b.get(i)) {
                (Some(v), Some(w)) => differences(v, w, &format!("{path}[{i}]"), out),
                (Some(v), None) => out.push(format!("- {path}[{i}]: {}", short(v))),
                (None, Some(w)) => out.push(format!("+ {path}[{i}]: {}", short(w))),
                (None, None) => {}
            }
        }
        return;
    }
    for (i, v) in a.iter().enumerate() {
        let n = name(v);
        match b.iter().position(|w| name(w) == n) {
            Some(j) => differences(v, &b[j], &format!("{path}[{j}]"), out),
            None => out.push(format!("- {path}[{i}]: {}", n.unwrap_or_default())),
        }
    }
    for (j, w) in b.iter().enumerate() {
        if !a.iter().any(|v| name(v) == name(w)) {
            out.push(format!("+ {path}[{j}]: {}", name(w).unwrap_or_default()));
        }
    }
}

/// Long texts: where they start to differ.
fn long_texts(a: &str, b: &str, path: &str) -> String {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let window = |t: &str| -> String {
        let from = common.saturating_sub(10);
        let part: String = t.chars().skip(from).take(40).collect();
        format!("…{}…", part.replace('\n', " "))
    };
    format!(
        "~ {path}: differs from character {}: {} → {}",
        common + 1,
        window(a),
        window(b)
    )
}
