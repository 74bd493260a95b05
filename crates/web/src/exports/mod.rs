//! Open data: a consultation's answers as CSV, XLSX or JSON, and the column map (`MAP.toml`)
//! that `agora import responses` reads the CSV or XLSX back in with, so that answers can move
//! between consultations and instances.
//!
//! Two scopes: [`Scope::Public`] is exactly what `Store::published_submissions` returns
//! (submitted, left public by the author, not moderated), for anyone; [`Scope::All`] is every
//! submitted sheet, confidential and hidden ones included, with the columns only the
//! secretariat sees (moderation and its reason, tags, receipt, import origin). Who may ask for
//! which is the callers' decision (the pages, the API, the CLI).
//!
//! Sheets are read one keyset page at a time. CSV and JSON are streamed page by page, so an
//! export of a hundred thousand answers holds one page in memory, never the whole list; XLSX
//! must be complete before it can be zipped (see `spreadsheet.rs`).
//!
//! CSV is exact: RFC 4180, UTF-8 without a byte-order mark, every value as stored. A cell that
//! begins with `=`, `+`, `-` or `@` is not altered, so a spreadsheet program that opens the CSV
//! directly may read it as a formula; XLSX is the format for spreadsheet users (every cell a
//! string). docs/USER-GUIDE.md says so where the downloads are described.

mod columns;
mod json;
mod map;
mod spreadsheet;

use std::pin::pin;

use agora_core::consultation::{AnswerFilter, Consultation, Question};
use agora_core::process::{Phase, Process};
use agora_store::{Cursor, MAX_LIMIT, PageRequest, Store, StoreError, WorkspaceRow};
use axum::body::Bytes;
use futures_util::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use columns::Columns;
pub use json::{AnswersExport, ExportedSheet, ImportNote, ModerationNote, SecretariatSheet};

/// Whose answers: the published ones, or every submitted sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The published answers: anyone may download them.
    #[default]
    Public,
    /// Every submitted sheet, with the secretariat's columns: the process's secretariat only.
    All,
}

impl std::str::FromStr for Scope {
    type Err = String;

    /// `public` or `all`, as in `?scope=` (for the command line).
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "public" => Ok(Scope::Public),
            "all" => Ok(Scope::All),
            _ => Err(format!("{name:?} is not a scope: use public or all")),
        }
    }
}

/// A file an export can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    /// The column map that imports the CSV or XLSX file (TOML).
    Map,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `csv`, `xlsx`, `json` or `map`, as in `?format=` (for the command line).
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "json" => Ok(Format::Json),
            "map" => Ok(Format::Map),
            _ => Err(format!(
                "{name:?} is not a format: use csv, xlsx, json or map"
            )),
        }
    }
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Map => "map.toml",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
            Format::Map => "application/toml; charset=utf-8",
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// XLSX only: a spreadsheet cell holds at most 32,767 characters.
    #[error("the answer sheet {sheet} has more than 32,767 characters in column {column:?}")]
    CellTooLong { sheet: Uuid, column: String },
    /// XLSX only: a worksheet holds at most 1,048,576 rows.
    #[error("more answer sheets than a spreadsheet has rows")]
    TooManyRows,
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(String),
}

/// What is exported: a consultation, with its process and questionnaire.
#[derive(Debug, Clone)]
pub struct Source {
    pub process: Process,
    pub phase: Phase,
    pub consultation: Consultation,
    pub questions: Vec<Question>,
}

impl Source {
    /// The consultation whose phase has this id, if there is one.
    pub async fn load(store: &Store, id: Uuid) -> Result<Option<Source>, StoreError> {
        let (Some(phase), Some(consultation)) =
            (store.phase(id).await?, store.consultation(id).await?)
        else {
            return Ok(None);
        };
        let Some(process) = store.process(phase.process_id).await? else {
            return Ok(None);
        };
        let questions = store.questions(id).await?;
        Ok(Some(Source {
            process,
            phase,
            consultation,
            questions,
        }))
    }

    /// A file name that says what the file holds, e.g. `wgec-2013-questionnaire-answers.csv`
    /// (ASCII only, so it needs no encoding in `Content-Disposition`).
    pub fn filename(&self, scope: Scope, format: Format) -> String {
        let title = match agora_core::validate::slugify(&self.phase.title) {
            slug if slug.is_empty() => "consultation".to_owned(),
            slug => slug,
        };
        let scope = match scope {
            Scope::Public => "",
            Scope::All => "-all",
        };
        format!(
            "{}-{title}-answers{scope}.{}",
            self.process.slug,
            format.extension()
        )
    }
}

/// An export: a stream of chunks (CSV, JSON), or a file made whole (XLSX, the map).
pub enum Export {
    Stream(BoxStream<'static, Result<Bytes, ExportError>>),
    Whole(Vec<u8>),
}

/// The export of `source`'s sheets in `scope` as `format`. `now` is when the JSON file says
/// the consultation's status was taken.
pub async fn export(
    store: Store,
    source: &Source,
    scope: Scope,
    format: Format,
    now: Timestamp,
) -> Result<Export, ExportError> {
    let columns = Columns::new(&source.questions, scope);
    let sheets = || pages(store, source.phase.id, scope);
    Ok(match format {
        Format::Map => Export::Whole(map::column_map(&columns).into_bytes()),
        Format::Xlsx => Export::Whole(xlsx(columns, sheets()).await?),
        Format::Csv => {
            let header = csv_records([columns.headers()]);
            let rows =
                sheets().map_ok(move |page| csv_records(page.iter().map(|r| columns.cells(r))));
            Export::Stream(framed(header, rows, Bytes::new()))
        }
        Format::Json => {
            let opening = json::opening(source, scope, now);
            let mut first = true;
            let rows = sheets().map_ok(move |page| json::sheets(&page, scope, &mut first));
            Export::Stream(framed(opening, rows, Bytes::from_static(json::CLOSING)))
        }
    })
}

/// Writes an export whole to `out` (the command line's `agora export responses`).
pub async fn write_to(
    store: Store,
    source: &Source,
    scope: Scope,
    format: Format,
    out: &mut impl std::io::Write,
) -> Result<(), WriteError> {
    match export(store, source, scope, format, Timestamp::now()).await? {
        Export::Whole(bytes) => out.write_all(&bytes)?,
        Export::Stream(mut chunks) => {
            while let Some(chunk) = chunks.try_next().await? {
                out.write_all(&chunk)?;
            }
        }
    }
    Ok(out.flush()?)
}

/// Why [`write_to`] failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The submitted sheets of a phase in `scope`, one keyset page after another, oldest first.
/// Public rows carry no moderation and no tags.
fn pages(
    store: Store,
    phase_id: Uuid,
    scope: Scope,
) -> impl Stream<Item = Result<Vec<WorkspaceRow>, StoreError>> + Send + 'static {
    // The state is the page to read next (`None` once the last one was read).
    stream::try_unfold(Some(None::<Cursor>), move |state| {
        let store = store.clone();
        async move {
            let Some(after) = state else {
                return Ok(None);
            };
            let request = PageRequest {
                limit: MAX_LIMIT,
                after,
            };
            let (rows, next) = match scope {
                Scope::Public => {
                    let page = store.published_submissions(phase_id, &request).await?;
                    let rows = page
                        .items
                        .into_iter()
                        .map(|submission| WorkspaceRow {
                            submission,
                            moderation: None,
                            tags: Vec::new(),
                        })
                        .collect();
                    (rows, page.next)
                }
                Scope::All => {
                    let page = store
                        .workspace(phase_id, &AnswerFilter::default(), &request)
                        .await?;
                    (page.items, page.next)
                }
            };
            Ok(Some((rows, next.map(Some))))
        }
    })
}

/// `opening`, then a chunk per page, then `closing`; a failure ends the stream with its error.
fn framed(
    opening: impl Into<Bytes>,
    pages: impl Stream<Item = Result<Vec<u8>, StoreError>> + Send + 'static,
    closing: Bytes,
) -> BoxStream<'static, Result<Bytes, ExportError>> {
    stream::once(std::future::ready(Ok(opening.into())))
        .chain(pages.map_ok(Bytes::from).map_err(ExportError::from))
        .chain(stream::once(std::future::ready(Ok(closing))))
        .boxed()
}

/// Records as RFC 4180 CSV (CRLF line ends). Text fields are quoted, numbers are not: the
/// importer, which guesses the delimiter from the header line, then never counts a `;` or a
/// line break inside a question's text.
fn csv_records<R: AsRef<[u8]>>(records: impl IntoIterator<Item = Vec<R>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(&record)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// The XLSX file: pages go to the writer's thread through a channel of two, so at most a few
/// pages wait in memory.
async fn xlsx(
    columns: Columns,
    sheets: impl Stream<Item = Result<Vec<WorkspaceRow>, StoreError>> + Send + 'static,
) -> Result<Vec<u8>, ExportError> {
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let writer = tokio::task::spawn_blocking(move || spreadsheet::write(&columns, receiver));
    let mut sheets = pin!(sheets);
    while let Some(page) = sheets.try_next().await? {
        if sender.send(page).await.is_err() {
            break; // The writer stopped early; its error follows.
        }
    }
    drop(sender);
    writer.await.map_err(|e| ExportError::Xlsx(e.to_string()))?
}
