//! Search over everything Agora publishes: the records search shows (`sources`), the indexer
//! that keeps the index current from the database's feed of changes (`indexer`), and the one
//! way a search runs for the page, the API and the CLI ([`find`]).
//!
//! The index holds only what the public pages show, so whoever asks gets the same results:
//! the page and the API run a search without looking at the account.

mod indexer;
mod sources;

use agora_core::search::{PAGE_SIZE, SearchRequest};
use agora_core::{ErrorCode, ValidationErrors};
use agora_search::{Results, Search, SearchIndex};
use agora_store::Store;

use crate::error::AppError;

pub use indexer::{GAP_GRACE, Indexer, IndexerError, POLL, spawn as spawn_indexer};
pub use sources::Source;

/// Runs a checked search: the process's slug becomes its id, the days UTC instants. A slug
/// that names no process is refused on `process`.
pub async fn find(
    store: &Store,
    index: &SearchIndex,
    request: &SearchRequest,
) -> Result<Result<Results, ValidationErrors>, AppError> {
    let process = match &request.process {
        None => None,
        Some(slug) => match store.process_by_slug(slug).await? {
            Some(process) => Some(process.id.to_string()),
            None => {
                return Ok(Err(ValidationErrors::single(
                    "process",
                    ErrorCode::NotFound,
                )));
            }
        },
    };
    let search = Search {
        text: request.text.clone(),
        kind: request.kind,
        process,
        meeting: request.meeting.map(|m| m.to_string()),
        speaker: request.speaker.clone(),
        group: request.group.clone(),
        language: request.language.clone(),
        from: request.from.and_then(start_of_day),
        until: request
            .to
            .and_then(|day| day.tomorrow().ok())
            .and_then(start_of_day),
        offset: request.offset(),
        limit: PAGE_SIZE,
    };
    // Ranking is CPU work: off the async workers.
    let index = index.clone();
    let results = tokio::task::spawn_blocking(move || index.search(&search))
        .await
        .map_err(|panicked| std::panic::resume_unwind(panicked.into_panic()))
        .and_then(|found| found.map_err(AppError::from))?;
    Ok(Ok(results))
}

/// Midnight UTC at the start of `day`, in unix milliseconds.
fn start_of_day(day: jiff::civil::Date) -> Option<i64> {
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

/// Whether a further page follows `page` (1-based) of `results`.
pub fn has_next(request: &SearchRequest, results: &Results) -> bool {
    (request.offset() + results.hits.len()) < results.total as usize
        && request.page < agora_core::search::PAGE_MAX
}
