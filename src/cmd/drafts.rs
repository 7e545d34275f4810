//! `draft ARTICLE… --out-dir DIR`: many articles (folders stand for the .txt, .html and .htm
//! files directly in them, in name order), a draft each, named after it. Every path it would
//! write is checked first: if any exists (without `--force`), is a symlink, a folder, an article
//! or the catalogue's own, nothing is written and each is named. An article that cannot be read
//! or drafted is reported (on stderr as it happens, and on its row) and the others are drafted;
//! the exit status is then 1. Progress on stderr; the table of what each draft holds on stdout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use super::draft::{Outputs, identities, read_article, refusal, write_files};
use super::guard::CatalogueFiles;
use crate::cli::{DraftArgs, DraftFormat, Format};
use crate::draft::{self, SourceOptions};
use crate::source::figure::parse_figure;
use crate::view::summary::{Drafted, Row};
use crate::view::{output, summary};
use crate::{Context, UsageError};

/// The extensions of the articles a folder stands for.
const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

pub fn run(ctx: &Context, db: &Path, args: &DraftArgs, dir: &Path) -> Result<()> {
    let articles = articles(ctx, &args.articles)?;
    options_fit(args, articles.len())?;
    let ours = CatalogueFiles::of(db);
    let planned = plan(&articles, dir, args, &ours)?;
    let started = Instant::now();
    let total: u64 = articles
        .iter()
        .filter_map(|a| std::fs::metadata(a).ok())
        .map(|m| m.len())
        .sum();
    let bar = super::progress::bytes(ctx, total, "drafting");
    let mut rows = Vec::with_capacity(planned.len());
    for (n, (article, outputs)) in planned.iter().enumerate() {
        let row = match one(db, &ours, args, article, outputs) {
            Ok(row) => row,
            Err(e) => {
                let message = format!("{e:#}");
                bar.suspend(|| {
                    eprintln!("zhaoshang: {}", output::printable(&message));
                });
                failed(article, message)
            }
        };
        bar.inc(std::fs::metadata(article).map_or(0, |m| m.len()));
        bar.set_message(format!("{}/{} articles", n + 1, planned.len()));
        rows.push(row);
    }
    bar.finish_and_clear();
    print_summary(ctx, &rows, args.summary)?;
    let failures: Vec<&str> = rows
        .iter()
        .filter(|r| r.drafted == Drafted::Failed)
        .map(|r| r.article.as_str())
        .collect();
    ctx.note(&format!(
        "drafted {} of {} articles into {} in {:.1} s; {} notes to check",
        rows.len() - failures.len(),
        rows.len(),
        dir.display(),
        started.elapsed().as_secs_f64(),
        rows.iter().map(|r| r.notes).sum::<usize>()
    ));
    if !failures.is_empty() {
        bail!(
            "{} of {} articles not drafted: {}",
            failures.len(),
            rows.len(),
            failures.join(", ")
        );
    }
    Ok(())
}

/// The options that speak of one article refused with several; stdin refused (its draft would
/// have no name); a summary format that is a table.
fn options_fit(args: &DraftArgs, count: usize) -> Result<()> {
    let usage = |m: String| Err(UsageError(m).into());
    if args.articles.iter().any(|a| a.as_os_str() == "-") {
        return usage(
            "`-` (stdin) has no name to draft it under in --out-dir; draft it with -o FILE".into(),
        );
    }
    if count > 1 {
        for (option, given) in [("--url", &args.url), ("--title", &args.title)] {
            if given.is_some() {
                return usage(format!(
                    "{option} is one article's; with {count} articles, give it in each draft \
                     (or draft that article alone)"
                ));
            }
        }
    }
    if args.summary == Format::Svg {
        return usage("--summary svg: the summary is a table; there is no chart".into());
    }
    Ok(())
}

/// The articles the arguments name: a folder stands for its articles, in name order.
fn articles(ctx: &Context, given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in given {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("{}: cannot list the folder", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|e| {
                        ARTICLE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
                    })
            })
            .collect();
        inside.sort();
        if inside.is_empty() {
            ctx.warn(&format!(
                "{} holds no .txt, .html or .htm file",
                path.display()
            ));
        }
        out.extend(inside);
    }
    if out.is_empty() {
        bail!("no article to draft: the folders given hold no .txt, .html or .htm file");
    }
    Ok(out)
}

/// Each article with the files its draft goes to; refused whole, before anything is written,
/// when two articles would share a file or any file may not be written.
fn plan(
    articles: &[PathBuf],
    dir: &Path,
    args: &DraftArgs,
    ours: &CatalogueFiles,
) -> Result<Vec<(PathBuf, Outputs)>> {
    if dir.exists() && !dir.is_dir() {
        bail!("--out-dir {}: not a folder", dir.display());
    }
    let extension = match args.format {
        DraftFormat::Toml => "toml",
        DraftFormat::Json => "json",
    };
    let inputs = identities(articles);
    let mut owners: HashMap<PathBuf, &Path> = HashMap::new();
    let mut problems = Vec::new();
    let mut existing = false;
    let mut planned = Vec::with_capacity(articles.len());
    for article in articles {
        let stem = article.file_stem().unwrap_or_default().to_string_lossy();
        let outputs = Outputs::beside(&dir.join(format!("{stem}.{extension}")), args.preview)?;
        for path in outputs.paths() {
            if let Some(other) = owners.insert(path.clone(), article) {
                problems.push(format!(
                    "{} and {} would both be drafted to {}",
                    other.display(),
                    article.display(),
                    path.display()
                ));
            }
            if let Some((why, forced)) = refusal(path, ours, &inputs, args.force) {
                problems.push(why);
                existing |= forced;
            }
        }
        planned.push((article.clone(), outputs));
    }
    if !problems.is_empty() {
        let shown = problems.len().min(12);
        bail!(
            "nothing was written: {} of the files this would write {}{}:\n  {}{}",
            problems.len(),
            if problems.len() == 1 {
                "is in the way"
            } else {
                "are in the way"
            },
            if existing {
                " (give --force to replace those that exist)"
            } else {
                ""
            },
            problems[..shown].join("\n  "),
            if problems.len() > shown {
                format!("\n  … and {} more", problems.len() - shown)
            } else {
                String::new()
            }
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(planned)
}

/// Drafts one article and writes its files; its row.
fn one(
    db: &Path,
    ours: &CatalogueFiles,
    args: &DraftArgs,
    path: &Path,
    outputs: &Outputs,
) -> Result<Row> {
    let (bytes, name) = read_article(path, ours)?;
    let article = draft::input::read(&bytes, args.title.as_deref())
        .with_context(|| format!("{name}: cannot read the article"))?;
    // The page's own date wins: --published stands in for the articles that state none.
    let source = SourceOptions {
        url: args.url.clone(),
        published: article
            .published
            .is_none()
            .then(|| args.published.clone())
            .flatten(),
        publisher: args.publisher.clone(),
        title: args.title.clone(),
    };
    let mut drafted = draft::draft(&article, &source).with_context(|| name.clone())?;
    super::draft::propose_same_as(db, &mut drafted);
    write_files(&outputs.files(&drafted, &name, args.format)?, args.force)?;
    Ok(row(&name, &outputs.draft, &drafted))
}

fn row(article: &str, written: &Path, drafted: &draft::Draft) -> Row {
    let f = &drafted.file;
    let event = f.events.first();
    let figure = |v: Option<&crate::source::model::FigureEntry>| {
        v.and_then(|v| parse_figure(&v.value).ok().map(|f| (v.value.clone(), f)))
    };
    Row {
        article: article.to_string(),
        draft: Some(written.display().to_string()),
        drafted: match event {
            Some(e) if e.from.is_some() || e.period.is_some() => {
                Drafted::PeriodReport(e.name.clone())
            }
            Some(e) => Drafted::Event(e.name.clone()),
            None => Drafted::Nothing,
        },
        date: event.and_then(|e| e.date.clone()),
        period: event.and_then(|e| Some((e.from.clone()?, e.to.clone()?))),
        place: event
            .map(|e| e.place.clone())
            .or_else(|| f.places.last().map(|p| p.name.clone())),
        project_count: figure(event.and_then(|e| e.project_count.as_ref())).map(|(_, f)| f),
        signed_amount: figure(event.and_then(|e| e.signed_amount.as_ref())),
        named_projects: f.events.iter().map(|e| e.projects.len()).sum(),
        notes: drafted.notes.len(),
        unused: drafted.unused.len(),
        error: None,
    }
}

fn failed(article: &Path, error: String) -> Row {
    Row {
        article: article.display().to_string(),
        draft: None,
        drafted: Drafted::Failed,
        date: None,
        period: None,
        place: None,
        project_count: None,
        signed_amount: None,
        named_projects: 0,
        notes: 0,
        unused: 0,
        error: Some(error),
    }
}

/// The table on stdout, as listings print theirs (script, language, width, colour).
fn print_summary(ctx: &Context, rows: &[Row], format: Format) -> Result<()> {
    let mut listing = summary::listing(rows);
    if matches!(format, Format::Table | Format::Markdown | Format::Html) {
        listing = super::dressed(ctx, listing);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write(&mut out, &listing, format, ctx.color)?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}
