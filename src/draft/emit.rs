//! Writing a draft: TOML with its notes as `# check:` comments above the records they concern
//! and the unused figures listed at the end; or JSON (the notes then go to stderr).

use anyhow::Result;

use super::{Draft, Section};

fn header(section: Section) -> (&'static str, usize) {
    match section {
        Section::Source => ("[source]", 0),
        Section::Place(i) => ("[[places]]", i),
        Section::Event(i) => ("[[events]]", i),
        Section::Project(i) => ("[[events.projects]]", i),
        Section::Statistic(i) => ("[[statistics]]", i),
    }
}

/// Text for a `#` comment: a control character is not allowed there, and a line break would
/// end the comment and start TOML, so each is written as its escape (`\n`, `\u{1}`).
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The draft as TOML; with `text_file`, the text is named instead of written inline.
pub fn to_toml(draft: &Draft, origin: &str, text_file: Option<&str>) -> Result<String> {
    let origin = comment(origin);
    let mut file = draft.file.clone();
    if let Some(name) = text_file {
        file.source.text = None;
        file.source.text_file = Some(name.to_string());
    }
    let body = toml::to_string_pretty(&file)?;
    let mut out = String::new();
    out.push_str(&format!(
        "# Drafted by `zhaoshang draft` from {origin}. Every quote is cut from the text; check each\n\
         # record against the article (the `# check:` notes say where the rules were unsure), add\n\
         # what the rules do not find, then run `zhaoshang import --dry-run` on this file.\n\n"
    ));
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let count = seen.entry(trimmed).or_insert(0);
            for (section, note) in &draft.notes {
                if header(*section) == (trimmed, *count) {
                    out.push_str(&format!("# check: {}\n", comment(note)));
                }
            }
            *count += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !draft.unused.is_empty() {
        out.push_str("\n# Figures not used by any record above, each with its sentence:\n");
        for (figure, sentence) in &draft.unused {
            let sentence = sentence.replace('\n', " ");
            out.push_str(&format!(
                "#   {}: {}\n",
                comment(figure),
                comment(&sentence)
            ));
        }
    }
    Ok(out)
}

/// The draft as JSON (the import format); the notes are not part of it.
pub fn to_json(draft: &Draft, text_file: Option<&str>) -> Result<String> {
    let mut file = draft.file.clone();
    if let Some(name) = text_file {
        file.source.text = None;
        file.source.text_file = Some(name.to_string());
    }
    Ok(serde_json::to_string_pretty(&file)? + "\n")
}
