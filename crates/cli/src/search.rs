//! `agora search QUERY` and `agora reindex`: the search index from the command line. Both open
//! the index directory that `agora serve` keeps (next to an SQLite database by default).

use std::path::{Path, PathBuf};

use agora_core::search::SearchDraft;
use agora_search::{SearchError, SearchIndex};
use agora_store::Store;
use agora_web::search::{Indexer, IndexerError};
use anyhow::{Context, Result, bail};
use clap::Args;

#[derive(Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub db: crate::DbArg,
    /// The search index's directory. Default: next to an SQLite database (`agora.db` keeps
    /// `agora.db.search/`); required with PostgreSQL, where each server keeps its own.
    #[arg(long, env = "AGORA_SEARCH_DIR")]
    pub search_dir: Option<PathBuf>,
}

impl IndexArgs {
    /// The index directory these settings name, if any.
    pub fn dir(&self) -> Option<PathBuf> {
        self.search_dir
            .clone()
            .or_else(|| beside_sqlite_file(&self.db.db))
    }

    fn required_dir(&self) -> Result<PathBuf> {
        self.dir().context(
            "no search index directory: give --search-dir (the database is not an SQLite file)",
        )
    }
}

/// `<file>.search` for an SQLite database in a file; `None` for PostgreSQL or a database in
/// memory.
pub fn beside_sqlite_file(db: &str) -> Option<PathBuf> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return None;
    }
    let path = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .unwrap_or(db);
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" || path.contains("://") {
        return None;
    }
    Some(PathBuf::from(format!("{path}.search")))
}

#[derive(Args)]
pub struct SearchArgs {
    /// The words to find, in any of the six UN languages ("…" for a phrase, -word to leave out).
    pub query: String,
    /// transcript, answer, document or glossary.
    #[arg(long, default_value = "")]
    pub kind: String,
    /// A process's slug.
    #[arg(long, default_value = "")]
    pub process: String,
    /// A meeting's id.
    #[arg(long, default_value = "")]
    pub meeting: String,
    /// A speaker's name, any case.
    #[arg(long, default_value = "")]
    pub speaker: String,
    /// A stakeholder group's code.
    #[arg(long, default_value = "")]
    pub group: String,
    /// The language of the text (ar, zh, en, fr, ru, es…).
    #[arg(long, default_value = "")]
    pub language: String,
    /// From this day (YYYY-MM-DD, UTC).
    #[arg(long, default_value = "")]
    pub from: String,
    /// To this day, included (YYYY-MM-DD, UTC).
    #[arg(long, default_value = "")]
    pub to: String,
    /// The page of 20 results.
    #[arg(long, default_value = "1")]
    pub page: String,
    /// Print the API's JSON instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexArgs,
}

pub async fn search(args: SearchArgs) -> Result<()> {
    let dir = args.index.required_dir()?;
    let index = SearchIndex::open_existing(&dir)?;
    let draft = SearchDraft {
        q: args.query,
        kind: args.kind,
        process: args.process,
        meeting: args.meeting,
        speaker: args.speaker,
        group: args.group,
        from: args.from,
        to: args.to,
        language: args.language,
        page: args.page,
    };
    let request = draft.validate().map_err(refused)?;
    let store = Store::open(&args.index.db.db).await?;
    let found = agora_web::search::find(&store, &index, &request).await;
    store.close().await;
    let results = found
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .map_err(refused)?;
    if args.json {
        let document = agora_web::api::search_document(&draft, &request, results);
        println!("{}", serde_json::to_string_pretty(&document)?);
        return Ok(());
    }
    if results.hits.is_empty() {
        println!("Nothing found.");
        return Ok(());
    }
    println!("{} results (page {}):", results.total, request.page);
    for (n, hit) in results.hits.iter().enumerate() {
        let date = hit
            .date
            .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
            .map(|t| format!(" · {}", t.strftime("%Y-%m-%d")))
            .unwrap_or_default();
        let group = hit
            .group
            .as_deref()
            .map(|g| format!(" · {g}"))
            .unwrap_or_default();
        println!(
            "\n{}. [{}] {}{date}{group}\n   {}",
            request.offset() + n + 1,
            hit.kind.code(),
            hit.title,
            hit.url
        );
        let snippet: String = hit
            .snippet
            .pieces()
            .into_iter()
            .map(|(piece, marked)| {
                if marked {
                    format!("**{piece}**")
                } else {
                    piece.to_owned()
                }
            })
            .collect();
        if !snippet.is_empty() {
            println!("   {}", snippet.replace('\n', " "));
        }
    }
    Ok(())
}

/// A search the checks refused, named field by field.
fn refused(errors: agora_core::ValidationErrors) -> anyhow::Error {
    let fields: Vec<String> = errors
        .0
        .iter()
        .map(|e| format!("--{} is {}", cli_name(&e.field), e.code.name()))
        .collect();
    anyhow::anyhow!("cannot search: {}", fields.join(", "))
}

fn cli_name(field: &str) -> &str {
    if field == "q" { "the query" } else { field }
}

pub async fn reindex(args: IndexArgs) -> Result<()> {
    let dir = args.required_dir()?;
    let store = Store::open(&args.db.db).await?;
    let index = open_for_rebuild(&dir)?;
    let mut indexer = Indexer::new(store.clone(), index).map_err(|e| match e {
        IndexerError::Search(SearchError::Busy(path)) => anyhow::anyhow!(
            "the search index at {} is in use by a running agora serve: stop it first (it \
             keeps the index current by itself)",
            path.display()
        ),
        other => other.into(),
    })?;
    let bar = indicatif::ProgressBar::new_spinner().with_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} records indexed ({per_sec})")
            .expect("a valid template"),
    );
    let count = indexer
        .rebuild(|done| {
            if done % 500 == 0 {
                bar.set_position(done);
            }
        })
        .await?;
    bar.finish_and_clear();
    store.close().await;
    println!(
        "Indexed {count} records into {} (up to change {}).",
        dir.display(),
        indexer.watermark()
    );
    Ok(())
}

/// The index in `dir`, started afresh when it was built by another version.
fn open_for_rebuild(dir: &Path) -> Result<SearchIndex> {
    match SearchIndex::open(dir) {
        Err(SearchError::Incompatible(_)) => Ok(SearchIndex::recreate(dir)?),
        Err(other) => bail!(other),
        Ok(index) => Ok(index),
    }
}
