//! The shared calendar's events.

use agora_core::auth::Action;
use agora_core::calendar::EventDraft;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;

use super::dto::{self, NewEvent, Page};
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::require;

/// Events by start date.
#[utoipa::path(
    get,
    operation_id = "listEvents",
    path = "/api/v1/events",
    tag = "calendar",
    params(PageQuery),
    responses((status = 200, description = "A page of events", body = Page<dto::Event>), BadQuery),
)]
pub async fn list(State(state): State<AppState>, Query(page): Query<PageQuery>) -> ApiResult {
    let found = state.store.events(&page.request()?).await?;
    Ok(Json(Page::<dto::Event>::from_store(found)).into_response())
}

/// One event.
#[utoipa::path(
    get,
    operation_id = "getEvent",
    path = "/api/v1/events/{id}",
    tag = "calendar",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses((status = 200, description = "The event", body = dto::Event), NotFound),
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let event = state
        .store
        .event(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(dto::Event::from(event)).into_response())
}

/// Adds an event (secretariat).
#[utoipa::path(
    post,
    operation_id = "createEvent",
    path = "/api/v1/events",
    tag = "calendar",
    request_body = NewEvent,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::Event,
            headers(("Location" = String, description = "The new event"))),
        Guarded,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(input): ApiJson<NewEvent>,
) -> ApiResult {
    require(&ctx, Action::ManageDirectory)?;
    let event = EventDraft::from(input).validate()?;
    state.store.create(ctx.actor(), &event).await?;
    let location = format!("{}/events/{}", super::PREFIX, event.id);
    Ok(created(&location, dto::Event::from(event)))
}
