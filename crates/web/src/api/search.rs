//! Search through the API: the page's search, as JSON. Public, like the page: the index holds
//! only what the public pages show.

use agora_core::search::{SearchDraft, SearchRequest};
use agora_search::{Hit, Results};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::{ApiResult, BadQuery};
use crate::AppState;

/// A search; every parameter is optional, and they combine with AND.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The words to find (at most 500 characters), in any of the six UN languages: each word
    /// must be found, in any inflection; `"…"` finds a phrase, `-word` leaves out. Empty: every
    /// record the other parameters keep, newest first.
    #[param(example = "gouvernance")]
    q: Option<String>,
    /// `transcript`, `answer`, `document` or `glossary`.
    kind: Option<String>,
    /// A process's slug.
    process: Option<String>,
    /// A meeting's id.
    meeting: Option<String>,
    /// A speaker's name as the transcript labels them, any case.
    speaker: Option<String>,
    /// A stakeholder group's code.
    group: Option<String>,
    /// Dated on or after this day (UTC), `YYYY-MM-DD`.
    from: Option<String>,
    /// Dated on or before this day (UTC), `YYYY-MM-DD`.
    to: Option<String>,
    /// The language of the text (BCP 47). Not `lang`, which is the language of the problem
    /// documents, as everywhere in the API.
    language: Option<String>,
    /// 1 for the first page of 20 results (at most 500).
    page: Option<String>,
}

impl SearchQuery {
    fn draft(self) -> SearchDraft {
        SearchDraft {
            q: self.q.unwrap_or_default(),
            kind: self.kind.unwrap_or_default(),
            process: self.process.unwrap_or_default(),
            meeting: self.meeting.unwrap_or_default(),
            speaker: self.speaker.unwrap_or_default(),
            group: self.group.unwrap_or_default(),
            from: self.from.unwrap_or_default(),
            to: self.to.unwrap_or_default(),
            language: self.language.unwrap_or_default(),
            page: self.page.unwrap_or_default(),
        }
    }
}

/// A page of results.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    /// The words searched, trimmed.
    query: String,
    /// Results of the requested kind (or of every kind) on all pages.
    total: u64,
    /// Results of each kind with the other parameters, to offer narrowing by kind.
    counts: Vec<KindCount>,
    results: Vec<SearchResult>,
    /// The address of the next page; `null` on the last.
    #[schema(required = true)]
    next: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct KindCount {
    #[schema(example = "answer")]
    kind: &'static str,
    count: u64,
}

/// One result: a public record, its page and a snippet of its text.
#[derive(Serialize, ToSchema)]
pub struct SearchResult {
    /// `transcript`, `answer`, `document` or `glossary`.
    #[schema(example = "answer")]
    kind: &'static str,
    /// Unique among results: `<source>:<id>`.
    key: String,
    title: String,
    /// The record's public page, a path on this server.
    url: String,
    /// A piece of the record's text around what matched (plain text, not HTML).
    snippet: String,
    /// The matched parts of `snippet`, as `[start, end)` offsets in characters (Unicode scalar
    /// values), in order.
    highlights: Vec<[usize; 2]>,
    /// The process's id.
    process: Option<String>,
    /// The meeting's id.
    meeting: Option<String>,
    speaker: Option<String>,
    /// A stakeholder group's code.
    group: Option<String>,
    /// When it was said, submitted or published.
    date: Option<jiff::Timestamp>,
    /// The language of `snippet`.
    language: Option<String>,
    /// Relevance: larger is better; comparable within one search only.
    score: f32,
}

impl From<Hit> for SearchResult {
    fn from(hit: Hit) -> Self {
        let snippet = &hit.snippet;
        let chars = |byte: usize| snippet.text[..byte].chars().count();
        let highlights = snippet
            .marks
            .iter()
            .map(|m| [chars(m.start), chars(m.end)])
            .collect();
        SearchResult {
            kind: hit.kind.code(),
            highlights,
            snippet: hit.snippet.text,
            language: hit.snippet.language,
            key: hit.key,
            title: hit.title,
            url: hit.url,
            process: hit.process,
            meeting: hit.meeting,
            speaker: hit.speaker,
            group: hit.group,
            date: hit
                .date
                .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok()),
            score: hit.score,
        }
    }
}

/// Searches transcripts, consultation answers, documents and the glossary, in the six UN
/// languages.
#[utoipa::path(
    get,
    operation_id = "search",
    path = "/api/v1/search",
    tag = "search",
    params(SearchQuery),
    responses(
        (status = 200, description = "A page of results", body = SearchResults),
        (status = 422, description = "A parameter cannot be read (`q` longer than 500 \
            characters, an unknown `kind` or `process`, a bad date…); `errors` names it.",
            content_type = "application/problem+json", body = super::problem::Problem),
        BadQuery,
    ),
)]
pub async fn search(State(state): State<AppState>, Query(query): Query<SearchQuery>) -> ApiResult {
    let draft = query.draft();
    let request = draft.validate()?;
    let results = crate::search::find(&state.store, &state.search, &request).await??;
    Ok(Json(document(&draft, &request, results)).into_response())
}

/// The API's answer to a search: also what `agora search --json` prints.
pub fn document(draft: &SearchDraft, request: &SearchRequest, results: Results) -> SearchResults {
    let next = crate::search::has_next(request, &results).then(|| {
        let next = SearchDraft {
            page: (request.page + 1).to_string(),
            ..draft.clone()
        };
        let query = serde_html_form::to_string(next.pairs()).unwrap_or_default();
        format!("{}/search?{query}", super::PREFIX)
    });
    SearchResults {
        query: request.text.clone(),
        total: results.total,
        counts: results
            .by_kind
            .iter()
            .map(|(kind, count)| KindCount {
                kind: kind.code(),
                count: *count,
            })
            .collect(),
        results: results.hits.into_iter().map(SearchResult::from).collect(),
        next,
    }
}
