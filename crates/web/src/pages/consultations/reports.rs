//! Reporting a published sheet as submitted in one's name without consent, and the
//! secretariat's decision (the rules are in `agora_core::attribution`). Reporting needs no
//! account: the person named may never have used Agora. The workspace lists the reports.

use agora_core::attribution::{ReportDraft, ResolutionDraft};
use agora_core::auth::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::{Loaded, load};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::pages::{CsrfForm, FormPage, page, parse_id, rejected, require};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/consultations/{id}/answers/{sheet}/report",
            get(form).post(report),
        )
        .route(
            "/consultations/{id}/reports/{report}/resolution",
            post(resolve),
        )
}

/// The published sheet `sheet` of consultation `id`: only what the public can see can be
/// reported here (an id that is not published names nothing).
async fn published(state: &AppState, id: &str, sheet: &str) -> Result<(Loaded, Uuid), AppError> {
    let c = load(state, id).await?;
    let sheet = state
        .store
        .published_submission(c.phase.id, parse_id(sheet)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((c, sheet.id))
}

fn report_form(ctx: &Ctx, c: &Loaded, sheet: Uuid) -> FormView {
    let mut form = FormView::new(
        ctx,
        "report-title",
        format!("{}/answers/{sheet}/report", c.href()),
        "report-send",
    )
    .field_labelled(ctx, "name", "report-name", FieldKind::Text, true)
    .field_labelled(ctx, "email", "report-email", FieldKind::Email, true)
    .field_labelled(
        ctx,
        "statement",
        "report-statement",
        FieldKind::TextArea,
        true,
    )
    .field_labelled(ctx, "confirm", "report-confirm", FieldKind::Checkbox, true);
    form.intro = Some(ctx.t("report-intro"));
    form
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Sent {
    sent: String,
}

#[derive(Template)]
#[template(path = "report_sent.html")]
struct SentPage {
    ctx: Ctx,
    c: Loaded,
    sheet: Uuid,
}

/// `GET …/answers/{sheet}/report`: the form, or (`?sent=1`) the acknowledgement.
async fn form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
    Query(sent): Query<Sent>,
) -> AppResult {
    let (c, sheet) = published(&state, &id, &sheet).await?;
    if sent.sent == "1" {
        return page(SentPage {
            ctx: ctx.0,
            c,
            sheet,
        });
    }
    let form = report_form(&ctx, &c, sheet);
    page(FormPage { ctx: ctx.0, form })
}

/// `POST …/answers/{sheet}/report`: anyone, a few times a minute per address.
async fn report(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    if !state.may_report(ctx.client_ip) {
        return Err(AppError::RateLimited);
    }
    let (c, sheet) = published(&state, &id, &sheet).await?;
    let draft = form.parse_with_boxes::<ReportDraft>(&["confirm"])?;
    let reporter = ctx.actor();
    match draft.validate(sheet, reporter, (state.clock)()) {
        Ok(report) => {
            state.store.report_attribution(reporter, &report).await?;
            let sent = format!("{}/answers/{sheet}/report?sent=1", c.href());
            Ok(Redirect::to(&sent).into_response())
        }
        Err(errors) => rejected(&ctx, report_form(&ctx, &c, sheet), &form, &errors),
    }
}

/// The decision form, as shown again with its errors (the workspace draws its own copy under
/// each open report, with ids of its own).
fn resolution_form(ctx: &Ctx, c: &Loaded, report: Uuid) -> FormView {
    let decisions = ["upheld", "dismissed"]
        .into_iter()
        .map(|d| (d.to_owned(), ctx.tp("report-decision-", d)))
        .collect();
    FormView::new(
        ctx,
        "report-resolve",
        format!("{}/reports/{report}/resolution", c.href()),
        "action-save",
    )
    .field_labelled(
        ctx,
        "decision",
        "report-decision",
        FieldKind::Radio(decisions),
        true,
    )
    .field_labelled(ctx, "note", "report-note", FieldKind::TextArea, true)
}

/// `POST …/reports/{report}/resolution`: the process's secretariat decides an open report.
async fn resolve(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, report)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let c = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(c.process.id))?;
    let report = state
        .store
        .attribution_report(parse_id(&report)?)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .submission(report.submission_id)
        .await?
        .filter(|s| s.phase_id == c.phase.id)
        .ok_or(AppError::NotFound)?;
    let view = || resolution_form(&ctx, &c, report.id);
    let resolution = match form.parse::<ResolutionDraft>()?.validate() {
        Ok(resolution) => resolution,
        Err(errors) => return rejected(&ctx, view(), &form, &errors),
    };
    match state
        .store
        .resolve_report(ctx.actor(), report.id, &resolution)
        .await
    {
        Ok(_) => {
            let back = format!("{}/workspace#reports", c.href());
            Ok(Redirect::to(&back).into_response())
        }
        Err(refused) => {
            let errors = crate::pages::field_error(refused)?;
            rejected(&ctx, view(), &form, &errors)
        }
    }
}
