//! The secretariat's workspace through the API: every submitted sheet of a consultation with
//! the same filters and counts as the page, and the same moderation and tags. Everything here
//! needs the secretariat of the sheet's process.

use agora_core::auth::Action;
use agora_core::consultation::{AnswerFilterDraft, ModerationDraft, tag_of};
use agora_core::{ErrorCode, ValidationErrors};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::{NewModeration, WorkspacePage};
use super::problem::{ApiResult, BadBody, BadQuery, BadTag, Guarded, NotFound, Restricted};
use super::request::{ApiJson, PageQuery};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::require;

/// The workspace's filters; every one is optional, and they combine with AND.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct WorkspaceQuery {
    /// A stakeholder group's code.
    group: Option<String>,
    /// A UN M49 region code.
    region: Option<String>,
    /// The language the sheet was written in (BCP 47). Not `lang`, which is the language of
    /// the problem documents, as everywhere in the API.
    language: Option<String>,
    /// Part of the organisation's name, any case.
    organisation: Option<String>,
    /// Handed in on or after this day (UTC), `YYYY-MM-DD`.
    from: Option<String>,
    /// Handed in on or before this day (UTC), `YYYY-MM-DD`.
    to: Option<String>,
    /// Words to find in the answers.
    q: Option<String>,
    tag: Option<String>,
    /// Only sheets that answered the question with this number.
    question: Option<String>,
}

impl WorkspaceQuery {
    fn draft(self) -> AnswerFilterDraft {
        AnswerFilterDraft {
            group: self.group.unwrap_or_default(),
            region: self.region.unwrap_or_default(),
            language: self.language.unwrap_or_default(),
            organisation: self.organisation.unwrap_or_default(),
            from: self.from.unwrap_or_default(),
            to: self.to.unwrap_or_default(),
            q: self.q.unwrap_or_default(),
            tag: self.tag.unwrap_or_default(),
            question: self.question.unwrap_or_default(),
        }
    }
}

/// Every submitted sheet of a consultation that the filters select, including unpublished,
/// confidential and hidden ones (with their moderation and tags), and the counts of all the
/// sheets the filters select by stakeholder group, region and language.
#[utoipa::path(
    get,
    operation_id = "listWorkspaceSheets",
    path = "/api/v1/consultations/{id}/workspace",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The consultation's id"), WorkspaceQuery, PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of sheets, and the counts", body = WorkspacePage),
        (status = 422, description = "A filter cannot be read; `errors` names it.",
            content_type = "application/problem+json", body = super::problem::Problem),
        BadQuery,
        Restricted,
        NotFound,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(filter): Query<WorkspaceQuery>,
    Query(page): Query<PageQuery>,
) -> ApiResult {
    let id = super::parse_id(&id)?;
    let phase = state.store.phase(id).await?.ok_or(AppError::NotFound)?;
    state
        .store
        .consultation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    require(&ctx, Action::ManageProcess(phase.process_id))?;
    let questions = state.store.questions(id).await?;
    let filter = filter.draft().validate(&questions)?;
    let sheets = state.store.workspace(id, &filter, &page.request()?).await?;
    let counts = state.store.answer_counts(id, &filter).await?;
    Ok(Json(WorkspacePage::new(sheets, counts)).into_response())
}

/// The sheet `id`, once the caller is known to run its process.
pub(super) async fn managed_sheet(state: &AppState, ctx: &Ctx, id: Uuid) -> ApiResult<Uuid> {
    let sheet = state
        .store
        .submission(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phase = state
        .store
        .phase(sheet.phase_id)
        .await?
        .ok_or(AppError::NotFound)?;
    require(ctx, Action::ManageProcess(phase.process_id))?;
    Ok(sheet.id)
}

/// Marks a sheet confidential or hidden, with the reason the secretariat will see; the public
/// pages and exports leave it out, the workspace keeps it. Recorded in the audit log.
#[utoipa::path(
    put,
    operation_id = "moderateSheet",
    path = "/api/v1/submissions/{id}/moderation",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    request_body = NewModeration,
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Moderated"), Guarded, NotFound, BadBody),
)]
pub async fn moderate(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewModeration>,
) -> ApiResult {
    let sheet = managed_sheet(&state, &ctx, super::parse_id(&id)?).await?;
    let draft = ModerationDraft {
        visibility: input.visibility,
        reason: input.reason,
    };
    let Some(moderation) = draft.validate()? else {
        return Err(ValidationErrors::single("visibility", ErrorCode::Required).into());
    };
    state
        .store
        .moderate(ctx.actor(), sheet, Some(&moderation))
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Lifts a sheet's moderation: it is published again if its author chose so.
#[utoipa::path(
    delete,
    operation_id = "liftModeration",
    path = "/api/v1/submissions/{id}/moderation",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Public again, or was not moderated"), Guarded, NotFound),
)]
pub async fn lift_moderation(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let sheet = managed_sheet(&state, &ctx, super::parse_id(&id)?).await?;
    state.store.moderate(ctx.actor(), sheet, None).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Tags a sheet (lower-cased; tagging twice changes nothing).
#[utoipa::path(
    put,
    operation_id = "tagSheet",
    path = "/api/v1/submissions/{id}/tags/{tag}",
    tag = "workspace",
    params(
        ("id" = Uuid, Path, description = "The sheet's id"),
        ("tag" = String, Path, description = "The tag, 1 to 60 characters"),
    ),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Tagged"),
        BadTag,
        Guarded,
        NotFound,
    ),
)]
pub async fn tag(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, tag)): Path<(String, String)>,
) -> ApiResult {
    let sheet = managed_sheet(&state, &ctx, super::parse_id(&id)?).await?;
    let tag = tag_of(&tag)?;
    state.store.tag_submission(ctx.actor(), sheet, &tag).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Removes a tag from a sheet (removing one it lacks changes nothing).
#[utoipa::path(
    delete,
    operation_id = "untagSheet",
    path = "/api/v1/submissions/{id}/tags/{tag}",
    tag = "workspace",
    params(
        ("id" = Uuid, Path, description = "The sheet's id"),
        ("tag" = String, Path, description = "The tag"),
    ),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Not tagged so any more"),
        BadTag,
        Guarded,
        NotFound,
    ),
)]
pub async fn untag(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, tag)): Path<(String, String)>,
) -> ApiResult {
    let sheet = managed_sheet(&state, &ctx, super::parse_id(&id)?).await?;
    let tag = tag_of(&tag)?;
    state
        .store
        .untag_submission(ctx.actor(), sheet, &tag)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
