//! The glossary of acronyms.

use agora_core::auth::Action;
use agora_core::glossary::{GlossaryDraft, GlossaryEntry};
use agora_store::{PageRequest, StoreError};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::{self, NewGlossaryEntry, Page};
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::require;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Search {
    /// Keeps entries whose acronym or any expansion contains this, ignoring case.
    #[param(example = "WSIS")]
    pub q: Option<String>,
}

/// Entries by acronym, optionally filtered.
#[utoipa::path(
    get,
    operation_id = "listGlossaryEntries",
    path = "/api/v1/glossary",
    tag = "glossary",
    params(Search, PageQuery),
    responses(
        (status = 200, description = "A page of entries", body = Page<dto::GlossaryEntry>),
        BadQuery,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    Query(search): Query<Search>,
    Query(page): Query<PageQuery>,
) -> ApiResult {
    let query = search.q.unwrap_or_default();
    let found = matching(&state, &query, page.request()?).await?;
    Ok(Json(Page::<dto::GlossaryEntry>::from_store(found)).into_response())
}

/// A page of the entries matching `query`. The store pages the whole glossary; this reads it on
/// from the cursor, asking each time for only as many entries as are still missing. So when the
/// page fills up, the last entry read is the last one kept, and the store's cursor after it is
/// the right cursor for the filtered list too.
async fn matching(
    state: &AppState,
    query: &str,
    request: PageRequest,
) -> Result<agora_store::Page<GlossaryEntry>, StoreError> {
    let limit = request.limit as usize;
    let mut items = Vec::new();
    let mut after = request.after;
    loop {
        let missing = (limit - items.len()) as u32;
        let read = state
            .store
            .glossary(&PageRequest {
                limit: missing,
                after,
            })
            .await?;
        items.extend(read.items.into_iter().filter(|e| e.matches(query)));
        match read.next {
            Some(next) if items.len() < limit => after = Some(next),
            next => return Ok(agora_store::Page { items, next }),
        }
    }
}

/// One entry.
#[utoipa::path(
    get,
    operation_id = "getGlossaryEntry",
    path = "/api/v1/glossary/{id}",
    tag = "glossary",
    params(("id" = uuid::Uuid, Path, description = "The entry's id")),
    responses((status = 200, description = "The entry", body = dto::GlossaryEntry), NotFound),
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let id = super::parse_id(&id)?;
    // The store has no lookup by id yet; the glossary is hundreds of entries, not millions.
    let entry = state
        .store
        .whole_glossary()
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(Json(dto::GlossaryEntry::from(entry)).into_response())
}

/// Adds an entry (secretariat); an acronym already in the glossary is a 422 `duplicate`.
#[utoipa::path(
    post,
    operation_id = "createGlossaryEntry",
    path = "/api/v1/glossary",
    tag = "glossary",
    request_body = NewGlossaryEntry,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::GlossaryEntry,
            headers(("Location" = String, description = "The new entry"))),
        Guarded,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(input): ApiJson<NewGlossaryEntry>,
) -> ApiResult {
    require(&ctx, Action::ManageDirectory)?;
    let entry = GlossaryDraft::from(input).validate()?;
    state.store.create(ctx.actor(), &entry).await?;
    let location = format!("{}/glossary/{}", super::PREFIX, entry.id);
    Ok(created(&location, dto::GlossaryEntry::from(entry)))
}
