//! Stakeholder groups, processes and their phases.

use agora_core::auth::Action;
use agora_core::process::{PhaseDraft, ProcessDraft};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};

use super::dto::{self, NewPhase, NewProcess, Page, ProcessDetail, StakeholderGroup};
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::pages::require;

/// The stakeholder groups of this deployment, in display order.
#[utoipa::path(
    get,
    operation_id = "listStakeholderGroups",
    path = "/api/v1/stakeholder-groups",
    tag = "processes",
    responses((status = 200, description = "Every group", body = Vec<StakeholderGroup>)),
)]
pub async fn stakeholder_groups(State(state): State<AppState>) -> ApiResult {
    let groups: Vec<StakeholderGroup> = state
        .store
        .stakeholder_groups()
        .await?
        .codes()
        .iter()
        .map(|code| StakeholderGroup { code: code.clone() })
        .collect();
    Ok(Json(groups).into_response())
}

/// Processes, by slug.
#[utoipa::path(
    get,
    operation_id = "listProcesses",
    path = "/api/v1/processes",
    tag = "processes",
    params(PageQuery),
    responses((status = 200, description = "A page of processes", body = Page<dto::Process>), BadQuery),
)]
pub async fn list(State(state): State<AppState>, Query(page): Query<PageQuery>) -> ApiResult {
    let found = state.store.processes(&page.request()?).await?;
    Ok(Json(Page::<dto::Process>::from_store(found)).into_response())
}

/// The process with its phases in its body, each phase's status as of now.
async fn detail(state: &AppState, process: agora_core::process::Process) -> ApiResult<Response> {
    let now = (state.clock)();
    let phases = state
        .store
        .phases(process.id)
        .await?
        .into_iter()
        .map(|phase| dto::Phase::at(phase, now))
        .collect();
    Ok(Json(ProcessDetail {
        process: process.into(),
        phases,
    })
    .into_response())
}

/// One process: mandate, seats, and phases with where each stands now.
#[utoipa::path(
    get,
    operation_id = "getProcess",
    path = "/api/v1/processes/{slug}",
    tag = "processes",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    responses((status = 200, description = "The process", body = ProcessDetail), NotFound),
)]
pub async fn show(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    detail(&state, process).await
}

/// Creates a process (global secretariat).
#[utoipa::path(
    post,
    operation_id = "createProcess",
    path = "/api/v1/processes",
    tag = "processes",
    request_body = NewProcess,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::Process,
            headers(("Location" = String, description = "The new process"))),
        Guarded,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(input): ApiJson<NewProcess>,
) -> ApiResult {
    require(&ctx, Action::CreateProcess)?;
    let groups = state.store.stakeholder_groups().await?;
    let process = ProcessDraft::from(input).validate(&groups)?;
    state.store.create(ctx.actor(), &process).await?;
    let location = format!("{}/processes/{}", super::PREFIX, process.slug);
    Ok(created(&location, dto::Process::from(process)))
}

/// Replaces a process's title, slug, mandate, convenor, zone and seats (its secretariat). An
/// empty slug keeps the current one; the audit log keeps the process before and after.
#[utoipa::path(
    put,
    operation_id = "updateProcess",
    path = "/api/v1/processes/{slug}",
    tag = "processes",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    request_body = NewProcess,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Updated", body = dto::Process),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<NewProcess>,
) -> ApiResult {
    let current = crate::pages::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(current.id))?;
    let groups = state.store.stakeholder_groups().await?;
    let revised = ProcessDraft::from(input).revise(&groups, &current)?;
    state.store.update_process(ctx.actor(), &revised).await?;
    Ok(Json(dto::Process::from(revised)).into_response())
}

/// Adds a phase to a process (its secretariat).
///
/// Times without an offset are read in the process's display zone.
#[utoipa::path(
    post,
    operation_id = "addPhase",
    path = "/api/v1/processes/{slug}/phases",
    tag = "processes",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    request_body = NewPhase,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Added", body = dto::Phase,
            headers(("Location" = String, description = "The process the phase belongs to"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn add_phase(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<NewPhase>,
) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let phase = PhaseDraft::from(input).validate(&process)?;
    state.store.create(ctx.actor(), &phase).await?;
    let location = format!("{}/processes/{}", super::PREFIX, process.slug);
    Ok(created(&location, dto::Phase::at(phase, (state.clock)())))
}
