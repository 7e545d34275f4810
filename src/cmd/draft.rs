//! `draft`: an article in, a source file out (with its text beside it), every quote cut from
//! the text; the user checks, corrects and imports it.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use super::guard::CatalogueFiles;
use crate::Context;
use crate::cli::{DraftArgs, DraftFormat};
use crate::draft::{self, SourceOptions};

fn read_article(path: &Path, ours: &CatalogueFiles) -> Result<(Vec<u8>, String)> {
    if path.as_os_str() == "-" {
        ours.check_stdin()?;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read")?;
        return Ok((bytes, "<stdin>".into()));
    }
    ours.check_input(path)?;
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read"))?;
    Ok((bytes, name))
}

pub fn run(ctx: &Context, db: &Path, args: &DraftArgs) -> Result<()> {
    let source = SourceOptions {
        url: args.url.clone(),
        published: args.published.clone(),
        publisher: args.publisher.clone(),
        title: args.title.clone(),
    };
    let ours = CatalogueFiles::of(db);
    let (bytes, name) = read_article(&args.article, &ours)?;
    let started = Instant::now();
    let article = draft::input::read(&bytes, args.title.as_deref())
        .with_context(|| format!("{name}: cannot read the article"))?;
    let drafted = draft::draft(&article, &source).with_context(|| name.clone())?;
    let Some(output) = &args.output else {
        let text = match args.format {
            DraftFormat::Toml => draft::to_toml(&drafted, &name, None)?,
            DraftFormat::Json => draft::to_json(&drafted, None)?,
        };
        std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())?;
        return describe(ctx, &drafted, &article, started);
    };
    let text_path = output.with_extension("txt");
    if text_path == *output {
        bail!(
            "-o {}: the draft's text goes to FILE with .txt; name the draft .toml or .json",
            output.display()
        );
    }
    for path in [output, &text_path] {
        ours.check_output(path)?;
        if path.exists() && !args.force {
            bail!(
                "{} exists; nothing was written (give --force to replace it)",
                path.display()
            );
        }
    }
    let text_name = text_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = match args.format {
        DraftFormat::Toml => draft::to_toml(&drafted, &name, Some(&text_name))?,
        DraftFormat::Json => draft::to_json(&drafted, Some(&text_name))?,
    };
    std::fs::write(&text_path, &article.text)
        .with_context(|| format!("cannot write {}", text_path.display()))?;
    std::fs::write(output, file).with_context(|| format!("cannot write {}", output.display()))?;
    ctx.note(&format!(
        "wrote {} and its text {}",
        output.display(),
        text_path.display()
    ));
    describe(ctx, &drafted, &article, started)
}

/// What was drafted, on stderr: counts, the notes (which JSON cannot carry) and the time taken.
fn describe(
    ctx: &Context,
    drafted: &draft::Draft,
    article: &draft::Article,
    started: Instant,
) -> Result<()> {
    let f = &drafted.file;
    let projects: usize = f.events.iter().map(|e| e.projects.len()).sum();
    ctx.note(&format!(
        "drafted from {} characters ({}, {}) in {:.0} ms: {} event, {projects} projects, {} \
         companies, {} industries, {} statistics; {} notes to check, {} figures not used",
        article.text.chars().count(),
        article.encoding,
        f.source.script,
        started.elapsed().as_secs_f64() * 1000.0,
        f.events.len(),
        f.companies.len(),
        f.industries.len(),
        f.statistics.len(),
        drafted.notes.len(),
        drafted.unused.len()
    ));
    Ok(())
}
