//! `draft`: an article in, a source file out (with its text beside it, and with `--preview` a
//! page of the article with every drafted fact marked), every quote cut from the text; the user
//! checks, corrects and imports it. Several articles go to `drafts` (`--out-dir`). The files a
//! draft writes are written whole (a temporary file renamed into place), never over an existing
//! one without `--force`, never through a symlink, never over an article.

use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use super::guard::CatalogueFiles;
use crate::cli::{DraftArgs, DraftFormat};
use crate::draft::{self, SourceOptions};
use crate::view::preview;
use crate::{Context, UsageError};

pub(super) fn read_article(path: &Path, ours: &CatalogueFiles) -> Result<(Vec<u8>, String)> {
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
    if let Some(dir) = &args.out_dir {
        return super::drafts::run(ctx, db, args, dir);
    }
    let [article] = args.articles.as_slice() else {
        return Err(UsageError(format!(
            "{} articles: several are drafted with --out-dir DIR (a draft per article, named \
             after it); -o names a single draft",
            args.articles.len()
        ))
        .into());
    };
    if article.is_dir() {
        return Err(UsageError(format!(
            "{} is a folder: its articles are drafted with --out-dir DIR",
            article.display()
        ))
        .into());
    }
    if args.preview && args.output.is_none() {
        return Err(UsageError(
            "--preview writes NAME.preview.html beside the draft: give -o FILE (or --out-dir DIR)"
                .into(),
        )
        .into());
    }
    single(ctx, db, args, article)
}

fn single(ctx: &Context, db: &Path, args: &DraftArgs, article_path: &Path) -> Result<()> {
    let source = SourceOptions {
        url: args.url.clone(),
        published: args.published.clone(),
        publisher: args.publisher.clone(),
        title: args.title.clone(),
    };
    let ours = CatalogueFiles::of(db);
    let (bytes, name) = read_article(article_path, &ours)?;
    let started = Instant::now();
    let article = draft::input::read(&bytes, args.title.as_deref())
        .with_context(|| format!("{name}: cannot read the article"))?;
    let mut drafted = draft::draft(&article, &source).with_context(|| name.clone())?;
    propose_same_as(db, &mut drafted);
    let Some(output) = &args.output else {
        let text = match args.format {
            DraftFormat::Toml => draft::to_toml(&drafted, &name, None)?,
            DraftFormat::Json => draft::to_json(&drafted, None)?,
        };
        std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())?;
        return describe(ctx, &drafted, &article, started);
    };
    let outputs = Outputs::beside(output, args.preview)?;
    let inputs = identities(std::slice::from_ref(&article_path.to_path_buf()));
    if let Some((why, forced)) = outputs
        .paths()
        .find_map(|p| refusal(p, &ours, &inputs, args.force))
    {
        let hint = if forced {
            " (give --force to replace it)"
        } else {
            ""
        };
        bail!("{why}; nothing was written{hint}");
    }
    write_files(&outputs.files(&drafted, &name, args.format)?, args.force)?;
    ctx.note(&format!(
        "wrote {} and its text {}{}",
        output.display(),
        outputs.text.display(),
        outputs
            .preview
            .as_ref()
            .map(|p| format!(" (preview {})", p.display()))
            .unwrap_or_default()
    ));
    describe(ctx, &drafted, &article, started)
}

/// For each project of a drafted 开工/竣工/投产 batch, the catalogue's signed projects of the same
/// place whose name holds its name or is held in it (a final 项目 left off), signed no later
/// than the batch: one such is proposed as `same_as`, several are named in a note. Without a
/// catalogue (or one that cannot be read) the draft is left as it is.
pub(super) fn propose_same_as(db: &Path, drafted: &mut draft::Draft) {
    use crate::source::fold::fold;
    use rusqlite::types::Value;
    let wanted = drafted.stage_projects();
    if wanted.is_empty() || !db.is_file() {
        return;
    }
    let Ok((store, _)) = crate::store::Store::open_read_only(db) else {
        return;
    };
    // A folded name without its final 项目.
    let core = |folded: &str| folded.strip_suffix("项目").unwrap_or(folded).to_string();
    let text = |v: &Value| match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    // The catalogue's signed projects, read once for each place.
    let mut by_place: std::collections::HashMap<String, Vec<Vec<Value>>> = Default::default();
    for (event, project, place, date, name) in wanted {
        let key = fold(&place);
        if !by_place.contains_key(&key) {
            let params = [("place".to_string(), Value::Text(key.clone()))];
            let Ok(found) = store.query(crate::view::link::SIGNED_IN_PLACE, &params) else {
                return;
            };
            by_place.insert(key.clone(), found.rows);
        }
        let mine = core(&fold(&name));
        let matches: Vec<&Vec<Value>> = by_place[&key]
            .iter()
            .filter(|r| {
                let theirs = text(&r[1]).map(|k| core(&k)).unwrap_or_default();
                let earlier = match (&date, text(&r[4])) {
                    (Some(d), Some(held)) => held <= *d,
                    _ => true,
                };
                let short = mine.chars().count().min(theirs.chars().count());
                earlier && short >= 4 && (mine.contains(&theirs) || theirs.contains(&mine))
            })
            .collect();
        propose(drafted, event, project, &matches);
    }
}

/// A project's matches as a `same_as` (one) or a note (several).
fn propose(
    drafted: &mut draft::Draft,
    event: usize,
    project: usize,
    matches: &[&Vec<rusqlite::types::Value>],
) {
    use crate::source::model::SameAsEntry;
    use rusqlite::types::Value;
    let text = |v: &Value| match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    let describe = |r: &Vec<Value>| {
        format!(
            "`{}` signed {} ({})",
            text(&r[0]).unwrap_or_default(),
            text(&r[4]).unwrap_or_default(),
            text(&r[3]).unwrap_or_default()
        )
    };
    match matches {
        [] => {}
        [one] => {
            let same_as = match text(&one[2]) {
                Some(key) => SameAsEntry {
                    key: Some(key),
                    ..SameAsEntry::default()
                },
                None => SameAsEntry {
                    source: text(&one[3]),
                    name: text(&one[0]),
                    key: None,
                },
            };
            let note = format!(
                "the catalogue has {}: proposed as the same project (same_as); remove it if \
                 not",
                describe(one)
            );
            drafted.propose_same_as(event, project, Some(same_as), note);
        }
        several => {
            let named: Vec<String> = several.iter().map(|r| describe(r)).collect();
            let note = format!(
                "the catalogue has several projects this may be: {}; add `same_as` for the \
                 one it is",
                named.join("; ")
            );
            drafted.propose_same_as(event, project, None, note);
        }
    }
}

/// The files of one draft: the draft, its text (the draft's name with .txt) and the preview
/// (NAME.preview.html) when asked for.
pub(super) struct Outputs {
    pub draft: PathBuf,
    pub text: PathBuf,
    pub preview: Option<PathBuf>,
}

impl Outputs {
    pub fn beside(draft: &Path, preview: bool) -> Result<Outputs> {
        let text = draft.with_extension("txt");
        if text == draft {
            bail!(
                "-o {}: the draft's text goes to FILE with .txt; name the draft .toml or .json",
                draft.display()
            );
        }
        let preview = preview.then(|| {
            let stem = draft.file_stem().unwrap_or_default().to_string_lossy();
            draft.with_file_name(format!("{stem}.preview.html"))
        });
        Ok(Outputs {
            draft: draft.to_path_buf(),
            text,
            preview,
        })
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        [&self.draft, &self.text].into_iter().chain(&self.preview)
    }

    /// What goes into each file: the text first, then the draft that names it, then the page.
    pub fn files(
        &self,
        drafted: &draft::Draft,
        origin: &str,
        format: DraftFormat,
    ) -> Result<Vec<(&Path, String)>> {
        let file_name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let text_name = file_name(&self.text);
        let file = match format {
            DraftFormat::Toml => draft::to_toml(drafted, origin, Some(&text_name))?,
            DraftFormat::Json => draft::to_json(drafted, Some(&text_name))?,
        };
        let text = drafted.file.source.text.clone().unwrap_or_default();
        let mut files = vec![(self.text.as_path(), text), (self.draft.as_path(), file)];
        if let Some(p) = &self.preview {
            files.push((
                p.as_path(),
                preview_page(drafted, origin, &file_name(&self.draft)),
            ));
        }
        Ok(files)
    }
}

/// The draft's marks as the preview page shows them.
fn preview_page(drafted: &draft::Draft, origin: &str, draft_name: &str) -> String {
    use draft::marks::Kind as D;
    use preview::Kind as V;
    let marks = draft::marks::marks(drafted);
    let kind = |k: D| match k {
        D::Event => V::Event,
        D::Date => V::Date,
        D::Period => V::Period,
        D::Place => V::Place,
        D::Figure => V::Figure,
        D::Project => V::Project,
        D::Company => V::Company,
        D::Industry => V::Industry,
        D::Statistic => V::Statistic,
    };
    let mut highlights: Vec<preview::Highlight> = marks
        .marks
        .into_iter()
        .map(|m| preview::Highlight {
            start: m.start,
            end: m.end,
            kind: kind(m.kind),
            fact: m.fact,
            notes: m.notes,
        })
        .collect();
    highlights.extend(
        marks
            .unused
            .into_iter()
            .map(|(start, end, figure)| preview::Highlight {
                start,
                end,
                kind: V::Unused,
                fact: format!("not used by any record: {figure}"),
                notes: Vec::new(),
            }),
    );
    preview::page(&preview::Preview {
        title: drafted.file.source.title.clone(),
        text: drafted.file.source.text.clone().unwrap_or_default(),
        article: origin.to_string(),
        draft: draft_name.to_string(),
        highlights,
        notes: marks.notes,
        unplaced: marks.unplaced,
    })
}

/// Device and inode of each article that exists: outputs must never be one of them.
pub(super) fn identities(articles: &[PathBuf]) -> Vec<(u64, u64)> {
    articles
        .iter()
        .filter_map(|a| std::fs::metadata(a).ok())
        .map(|m| (m.dev(), m.ino()))
        .collect()
}

/// Why `path` may not be written, if it may not: the catalogue's own file, an article being
/// drafted, a symlink or a folder (even with `--force`), or a file that exists (without it).
/// The reason, and whether `--force` would lift it.
pub(super) fn refusal(
    path: &Path,
    ours: &CatalogueFiles,
    inputs: &[(u64, u64)],
    force: bool,
) -> Option<(String, bool)> {
    if let Err(e) = ours.check_output(path) {
        return Some((format!("{e:#}"), false));
    }
    let meta = std::fs::symlink_metadata(path).ok()?;
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return Some((
            format!("{shown} is a symlink (a draft is never written through one)"),
            false,
        ));
    }
    if meta.is_dir() {
        return Some((format!("{shown} is a folder"), false));
    }
    if inputs.contains(&(meta.dev(), meta.ino())) {
        return Some((
            format!(
                "{shown} exists and is an article being drafted (an article is never \
                 overwritten, even with --force)"
            ),
            false,
        ));
    }
    (!force).then(|| (format!("{shown} exists"), true))
}

/// Writes each file whole: a temporary file beside it, renamed into place; without `force` the
/// rename refuses a file that has appeared since it was checked.
pub(super) fn write_files(files: &[(&Path, String)], force: bool) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for (path, contents) in files {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let cannot = |e: std::io::Error| {
            // tempfile names its temporary file in the message; the user named `path`.
            let message = e.to_string();
            let cause = message.split(" at path \"").next().unwrap_or_default();
            anyhow::anyhow!("{cause}").context(format!("cannot write {}", path.display()))
        };
        let mut file = tempfile::Builder::new()
            .prefix(".zhaoshang-draft-")
            .permissions(std::fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)
            .map_err(cannot)?;
        std::io::Write::write_all(&mut file, contents.as_bytes()).map_err(cannot)?;
        let persisted = if force {
            file.persist(path)
        } else {
            file.persist_noclobber(path)
        };
        persisted.map_err(|e| cannot(e.error))?;
    }
    Ok(())
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
