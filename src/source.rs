//! Reading a source file: the TOML (or JSON) document and the source text it quotes, which is
//! either inline (`text`) or in a file beside it (`text_file`).

use anyhow::{Result, anyhow};
use sha2::{Digest, Sha256};

use crate::model::SourceFile;

/// A parsed source file with its text, ready for validation and loading.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    pub file: SourceFile,
    pub text: String,
    /// The name shown in messages, e.g. `seed/000_85edc0fe63a7bda2.toml`.
    pub file_name: String,
}

impl SourceDocument {
    /// Parses TOML. `read_text` reads a `text_file` named in the document (relative to it).
    pub fn from_toml(
        content: &str,
        file_name: &str,
        read_text: impl Fn(&str) -> Result<String>,
    ) -> Result<SourceDocument> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let file: SourceFile = toml::from_str(content)
            .map_err(|e| anyhow!("{file_name}: {}", e.to_string().trim_end()))?;
        let text = match (&file.source.text, &file.source.text_file) {
            (Some(text), None) => text.clone(),
            (None, Some(path)) => read_text(path).map_err(|e| {
                anyhow!("{file_name}: source.text_file: cannot read `{path}`: {e:#}")
            })?,
            (Some(_), Some(_)) => {
                return Err(anyhow!(
                    "{file_name}: source: give the text either inline (`text`) or as `text_file`, not both"
                ));
            }
            (None, None) => {
                return Err(anyhow!(
                    "{file_name}: source: the source text is missing; expected `text` or `text_file`"
                ));
            }
        };
        Ok(SourceDocument {
            file,
            text,
            file_name: file_name.to_string(),
        })
    }

    pub fn text_sha256(&self) -> String {
        hex_sha256(self.text.as_bytes())
    }

    /// A digest of the facts as parsed (not of the file's formatting or comments), so that
    /// loading the same facts twice is recognised.
    pub fn record_sha256(&self) -> Result<String> {
        let mut canonical = serde_json::to_vec(&self.file)?;
        canonical.extend_from_slice(self.text.as_bytes());
        Ok(hex_sha256(&canonical))
    }
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
