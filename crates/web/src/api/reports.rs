//! Reports of published sheets submitted in someone's name without consent, and the
//! secretariat's decisions (rules in `agora_core::attribution`). Anyone may report, signed in
//! or not, a few times a minute per address; the process's secretariat reads and decides.

use agora_core::attribution::{ReportDraft, ReportState, ResolutionDraft};
use agora_core::auth::Action;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::{NewReport, NewResolution, Report};
use super::problem::{ApiResult, BadBody, CsrfOnly, Guarded, NotFound, RateLimited, Restricted};
use super::request::{ApiJson, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::require;

/// Reports that a published sheet was submitted in the reporter's name (or their
/// organisation's) without consent. The secretariat contacts the reporter at `email`.
#[utoipa::path(
    post,
    operation_id = "reportSheet",
    path = "/api/v1/submissions/{id}/reports",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The published sheet's id")),
    request_body = NewReport,
    security((), ("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Received", body = Report),
        CsrfOnly,
        (status = 404, description = "No published sheet has this id.",
            content_type = "application/problem+json", body = super::problem::Problem),
        BadBody,
        RateLimited,
    ),
)]
pub async fn report(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewReport>,
) -> ApiResult {
    if !state.may_report(ctx.client_ip) {
        return Err(AppError::RateLimited.into());
    }
    let sheet = state
        .store
        .submission(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .published_submission(sheet.phase_id, sheet.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = ReportDraft {
        name: input.name,
        email: input.email,
        statement: input.statement,
        confirm: input.confirm,
    };
    let report = draft.validate(sheet.id, ctx.actor(), (state.clock)())?;
    state.store.report_attribution(ctx.actor(), &report).await?;
    Ok(created(
        &format!("{}/reports/{}", super::PREFIX, report.id),
        Report::from(report),
    ))
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `open`, `upheld` or `dismissed`; all when absent.
    state: Option<String>,
}

/// The reports on a consultation's sheets, open ones first, then newest first.
#[utoipa::path(
    get,
    operation_id = "listReports",
    path = "/api/v1/consultations/{id}/reports",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The consultation's id"), ReportQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The reports", body = Vec<Report>),
        (status = 400, description = "`state` is not one of the three.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Restricted,
        NotFound,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> ApiResult {
    let phase = state
        .store
        .phase(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    require(&ctx, Action::ManageProcess(phase.process_id))?;
    let wanted = match query.state.as_deref() {
        None | Some("") => None,
        Some(code) => Some(ReportState::from_code(code).ok_or(AppError::BadRequest)?),
    };
    let reports = state.store.attribution_reports(phase.id, wanted).await?;
    let reports: Vec<Report> = reports.into_iter().map(Report::from).collect();
    Ok(Json(reports).into_response())
}

/// Decides an open report: `upheld` hides the sheet with the report as its reason,
/// `dismissed` leaves it as it was. A report is decided once (422 on `state` after that).
#[utoipa::path(
    post,
    operation_id = "resolveReport",
    path = "/api/v1/reports/{id}/resolution",
    tag = "workspace",
    params(("id" = Uuid, Path, description = "The report's id")),
    request_body = NewResolution,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Decided", body = Report),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn resolve(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewResolution>,
) -> ApiResult {
    let report = state
        .store
        .attribution_report(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    super::workspace::managed_sheet(&state, &ctx, report.submission_id).await?;
    let resolution = ResolutionDraft {
        decision: input.decision,
        note: input.note,
    }
    .validate()?;
    let decided = state
        .store
        .resolve_report(ctx.actor(), report.id, &resolution)
        .await?;
    Ok(Json(Report::from(decided)).into_response())
}
