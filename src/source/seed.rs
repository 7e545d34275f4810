//! The bundled seed: the source files under `seed/`, embedded in the binary so the program works
//! from any directory. They load through the same path as any user's source file.

use anyhow::{Result, anyhow};

use crate::source::SourceDocument;

/// (file name, contents)
type NamedText = (&'static str, &'static str);

/// (data file name, its TOML, the text files it may name).
const SEED_FILES: &[(&str, &str, &[NamedText])] = &[(
    "000_85edc0fe63a7bda2.toml",
    include_str!("../../seed/000_85edc0fe63a7bda2.toml"),
    &[(
        "000_85edc0fe63a7bda2.txt",
        include_str!("../../seed/000_85edc0fe63a7bda2.txt"),
    )],
)];

/// The seed's documents, parsed.
pub fn documents() -> Result<Vec<SourceDocument>> {
    SEED_FILES
        .iter()
        .map(|(name, toml, texts)| {
            SourceDocument::from_toml(toml, &format!("seed/{name}"), |path| {
                texts
                    .iter()
                    .find(|(text_name, _)| *text_name == path)
                    .map(|(_, text)| (*text).to_string())
                    .ok_or_else(|| anyhow!("no such file in the bundled seed"))
            })
        })
        .collect()
}
