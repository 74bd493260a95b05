//! A consultation's synthesis through the API: the same rules as the pages. The process's
//! secretariat starts runs, reads the job and the draft, replaces the draft and publishes;
//! everyone else reads the published version.

use agora_core::auth::Action;
use agora_store::{JobState, StoreError, SynthesisJob};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::problem::{ApiResult, BadBody, Guarded, NotFound, extended};
use super::request::ApiJson;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::require;
use crate::synthesis::{Draft, SynthesisView, output_and_draft, published};

/// A synthesis job.
#[derive(Serialize, ToSchema)]
pub struct Job {
    /// `queued`, `running`, `done` or `failed`.
    state: String,
    /// `reading`, `campaigns`, `themes` or `quotes`.
    stage: String,
    /// Units of the stage's work done, of `total`.
    done: u64,
    total: u64,
    error: Option<String>,
    started_at: jiff::Timestamp,
    finished_at: Option<jiff::Timestamp>,
}

impl From<SynthesisJob> for Job {
    fn from(job: SynthesisJob) -> Self {
        Job {
            state: job.state.code().to_owned(),
            stage: job.stage,
            done: job.done,
            total: job.total,
            error: job.error,
            started_at: job.started_at,
            finished_at: job.finished_at,
        }
    }
}

/// A consultation's synthesis: for its secretariat the job, the engine's output and the
/// draft; for everyone the published version.
#[derive(Serialize, ToSchema)]
pub struct SynthesisState {
    #[serde(skip_serializing_if = "Option::is_none")]
    job: Option<Job>,
    /// The engine's output (the `agora synth` JSON), once the job is done: the theme ids and
    /// quotes a draft refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    output: Option<agora_text::synthesis::Synthesis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<Draft>,
    published: Option<SynthesisView>,
}

/// The consultation `id` and the process it belongs to.
async fn consultation(state: &AppState, id: &str) -> ApiResult<(Uuid, Uuid)> {
    let id = super::parse_id(id)?;
    let phase = state.store.phase(id).await?.ok_or(AppError::NotFound)?;
    state
        .store
        .consultation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((id, phase.process_id))
}

/// The consultation `id`, once the caller is known to run its process.
async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<Uuid> {
    let (id, process) = consultation(state, id).await?;
    require(ctx, Action::ManageProcess(process))?;
    Ok(id)
}

/// Starts a run of the engine on the consultation's free-text answers, in the background
/// (its progress shows in `GET`). The consultation must have closed, and no run may be under
/// way (409). The previous output and draft are dropped; the published version
/// stays.
#[utoipa::path(
    post,
    operation_id = "startSynthesis",
    path = "/api/v1/consultations/{id}/synthesis",
    tag = "synthesis",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 202, description = "Queued", body = Job),
        (status = 409, description = "The consultation has not closed, or a run is under way.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
    ),
)]
pub async fn start(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let id = managed(&state, &ctx, &id).await?;
    let phase = state.store.phase(id).await?.ok_or(AppError::NotFound)?;
    if (state.clock)() < phase.closes_at {
        return Err(AppError::Store(StoreError::Conflict { field: "state" }).into());
    }
    let job = crate::synthesis::start(&state.store, ctx.actor(), id)
        .await
        .map_err(AppError::from)?;
    Ok((StatusCode::ACCEPTED, Json(Job::from(job))).into_response())
}

/// The synthesis: for the secretariat the job, the engine's output, the draft and the
/// published version; for everyone else the published version (404 before there is one).
#[utoipa::path(
    get,
    operation_id = "getSynthesis",
    path = "/api/v1/consultations/{id}/synthesis",
    tag = "synthesis",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    security((), ("session" = [])),
    responses(
        (status = 200, description = "The synthesis", body = SynthesisState),
        (status = 404, description = "No consultation has this id, or (for all but its \
                                       secretariat) nothing is published yet.",
            content_type = "application/problem+json", body = super::problem::Problem),
    ),
)]
pub async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let (id, process) = consultation(&state, &id).await?;
    let manages = ctx.may_manage(&process);
    let stored = state.store.synthesis(id).await?;
    let published = stored.as_ref().map(published).transpose()?.flatten();
    let body = match stored {
        Some(stored) if manages => {
            let (output, draft) = match stored.job.state {
                JobState::Done => {
                    let (output, draft) = output_and_draft(&stored)?;
                    (Some(output), Some(draft))
                }
                _ => (None, None),
            };
            SynthesisState {
                job: Some(stored.job.into()),
                output,
                draft,
                published,
            }
        }
        None if manages => SynthesisState {
            job: None,
            output: None,
            draft: None,
            published: None,
        },
        _ => SynthesisState {
            job: None,
            output: None,
            draft: None,
            published: Some(published.ok_or(AppError::NotFound)?),
        },
    };
    Ok(Json(body).into_response())
}

/// Replaces the draft of a finished run. Theme ids must be those of the output, each once;
/// quote indexes (from 0) in range, each once; prose neither empty nor longer than 20,000
/// characters. A refused draft's problem lists each fault with where it is (`blocks[2].quotes[0]`).
#[utoipa::path(
    put,
    operation_id = "replaceSynthesisDraft",
    path = "/api/v1/consultations/{id}/synthesis/draft",
    tag = "synthesis",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    request_body = Draft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = Draft),
        (status = 409, description = "No finished run to edit.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn replace_draft(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<Draft>,
) -> ApiResult {
    let id = managed(&state, &ctx, &id).await?;
    let stored = state.store.synthesis(id).await?.ok_or(AppError::NotFound)?;
    let (output, _) = output_and_draft(&stored)?;
    if let Err(faults) = draft.check(&output) {
        let errors = faults
            .into_iter()
            .map(|f| serde_json::json!({ "field": f.at, "code": "invalid", "message": f.message }))
            .collect::<Vec<_>>();
        let mut members = serde_json::Map::new();
        members.insert("errors".into(), errors.into());
        return Ok(extended(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "The draft does not fit the synthesis; `errors` says what and where.",
            members,
        ));
    }
    let text = serde_json::to_string(&draft).map_err(|e| crate::synthesis::corrupt("draft", e))?;
    state
        .store
        .save_synthesis_draft(ctx.actor(), id, &text)
        .await?;
    Ok(Json(draft).into_response())
}

/// Publishes the draft as it is now, replacing the version published before.
#[utoipa::path(
    post,
    operation_id = "publishSynthesis",
    path = "/api/v1/consultations/{id}/synthesis/publish",
    tag = "synthesis",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Published", body = SynthesisView),
        (status = 409, description = "No finished run to publish.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
    ),
)]
pub async fn publish(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let id = managed(&state, &ctx, &id).await?;
    let view = crate::synthesis::publish(&state, ctx.actor(), id).await?;
    Ok(Json(view).into_response())
}
