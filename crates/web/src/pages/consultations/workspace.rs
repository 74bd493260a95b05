//! The secretariat's workspace: every answer sheet handed in, with filters whose counts follow
//! them, tags, and moderation. Moderation is honest: a sheet marked confidential or hidden
//! stays here with its reason (and in the audit log); only the public pages leave it out.

use agora_core::attribution::Report;
use agora_core::auth::Action;
use agora_core::consultation::{
    AnswerCounts, AnswerFilterDraft, ModerationDraft, Question, tag_of,
};
use agora_store::WorkspaceRow;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::{Loaded, SheetView, count_charts, language_label, load, question_label};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::pages::{
    CsrfForm, Paging, group_options, page_with_status, parse_id, region_options, rejected, require,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/consultations/{id}/workspace", get(show))
        .route(
            "/consultations/{id}/workspace/{sheet}/moderation",
            post(moderate),
        )
        .route("/consultations/{id}/workspace/{sheet}/tags", post(tag))
        .route(
            "/consultations/{id}/workspace/{sheet}/tags/remove",
            post(untag),
        )
}

/// The workspace's query string: the filter and the page.
#[derive(Deserialize, Default)]
#[serde(default)]
struct WorkspaceQuery {
    #[serde(flatten)]
    filter: AnswerFilterDraft,
    after: String,
}

impl WorkspaceQuery {
    /// The filter as a query string (without the page), to carry it across links and forms.
    fn filter_query(&self) -> String {
        let f = &self.filter;
        let pairs: Vec<(&str, &str)> = [
            ("group", &f.group),
            ("region", &f.region),
            ("language", &f.language),
            ("organisation", &f.organisation),
            ("from", &f.from),
            ("to", &f.to),
            ("q", &f.q),
            ("tag", &f.tag),
            ("question", &f.question),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect();
        serde_html_form::to_string(&pairs).unwrap_or_default()
    }

    fn pairs(&self) -> Vec<(String, String)> {
        serde_html_form::from_str(&self.filter_query()).unwrap_or_default()
    }
}

/// A sheet as the workspace lists it.
struct WorkspaceSheet {
    view: SheetView,
    /// Each tag with the query string that filters by it.
    tags: Vec<(String, String)>,
    /// `published`, `private` (its author kept it out), `confidential` or `hidden`.
    status: &'static str,
    reason: Option<String>,
}

impl WorkspaceSheet {
    fn new(c: &Loaded, questions: &[Question], row: WorkspaceRow, question: Option<Uuid>) -> Self {
        let (status, reason) = match &row.moderation {
            Some(m) => (m.visibility.code(), Some(m.reason.clone())),
            None if row.submission.public => ("published", None),
            None => ("private", None),
        };
        WorkspaceSheet {
            view: SheetView::new(c, questions, row.submission).only(question),
            tags: row
                .tags
                .into_iter()
                .map(|tag| {
                    let query = serde_html_form::to_string([("tag", &tag)]).unwrap_or_default();
                    (tag, query)
                })
                .collect(),
            status,
            reason,
        }
    }
}

/// A report as the workspace lists it.
struct ReportView {
    report: Report,
    received: String,
}

#[derive(Template)]
#[template(path = "consultation_workspace.html")]
struct WorkspacePage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    /// The filter form (GET, so a filtered view has an address to share among the secretariat).
    form: FormView,
    /// The filter as a query string, carried by the per-sheet forms and the next-page link.
    filter_query: String,
    total: u64,
    /// The counts by stakeholder group, region and language.
    charts: Vec<BarChart>,
    /// Reports of sheets submitted in someone's name, open ones first.
    reports: Vec<ReportView>,
    sheets: Vec<WorkspaceSheet>,
    next: Option<String>,
}

impl WorkspacePage {
    fn open_reports(&self) -> usize {
        self.reports
            .iter()
            .filter(|r| r.report.resolution.is_none())
            .count()
    }

    /// The moderation choices for a sheet as (value, label, selected): public again (the
    /// empty value), confidential or hidden.
    fn visibility_options(&self, sheet: &WorkspaceSheet) -> Vec<(&'static str, String, bool)> {
        [
            ("", "public"),
            ("confidential", "confidential"),
            ("hidden", "hidden"),
        ]
        .into_iter()
        .map(|(value, key)| {
            let selected = if value.is_empty() {
                sheet.reason.is_none()
            } else {
                sheet.status == value
            };
            (value, self.ctx.tp("workspace-visibility-", key), selected)
        })
        .collect()
    }
}

fn filter_form(
    ctx: &Ctx,
    c: &Loaded,
    groups: Vec<(String, String)>,
    questions: &[Question],
) -> FormView {
    let any = || vec![(String::new(), ctx.t("workspace-any"))];
    let with_any = |options: Vec<(String, String)>| {
        let mut all = any();
        all.extend(options.into_iter().filter(|(v, _)| !v.is_empty()));
        all
    };
    let languages = c
        .consultation
        .languages
        .iter()
        .map(|l| (l.clone(), language_label(l)))
        .collect();
    let question_options = questions
        .iter()
        .map(|q| (q.position.to_string(), question_label(q)))
        .collect();
    FormView::new(
        ctx,
        "workspace-filter",
        format!("{}/workspace", c.href()),
        "workspace-apply-filter",
    )
    .field_labelled(
        ctx,
        "question",
        "workspace-question",
        FieldKind::Select(with_any(question_options)),
        false,
    )
    .field_labelled(ctx, "q", "workspace-words", FieldKind::Text, false)
    .field_labelled(
        ctx,
        "group",
        "field-stakeholder_group",
        FieldKind::Select(with_any(groups)),
        false,
    )
    .field_labelled(
        ctx,
        "region",
        "field-region",
        FieldKind::Select(with_any(region_options(ctx))),
        false,
    )
    .field_labelled(
        ctx,
        "language",
        "consultation-language",
        FieldKind::Select(with_any(languages)),
        false,
    )
    .field_labelled(
        ctx,
        "organisation",
        "field-organisation",
        FieldKind::Text,
        false,
    )
    .field_labelled(ctx, "from", "workspace-from", FieldKind::Date, false)
    .field_labelled(ctx, "to", "workspace-to", FieldKind::Date, false)
    .field_labelled(ctx, "tag", "workspace-tag", FieldKind::Text, false)
}

/// `GET /consultations/{id}/workspace`: the process's secretariat only.
async fn show(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<WorkspaceQuery>,
) -> AppResult {
    let c = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(c.process.id))?;
    let questions = state.store.questions(c.phase.id).await?;
    let groups = group_options(&state, &ctx).await?;
    let form = filter_form(&ctx, &c, groups, &questions).with_values(&query.pairs());
    let (status, form, counts, sheets, next) = match query.filter.validate(&questions) {
        Ok(filter) => {
            let paging = Paging {
                after: query.after.clone(),
            };
            let found = state
                .store
                .workspace(c.phase.id, &filter, &paging.request()?)
                .await?;
            let counts = state.store.answer_counts(c.phase.id, &filter).await?;
            let sheets = found
                .items
                .into_iter()
                .map(|row| WorkspaceSheet::new(&c, &questions, row, filter.question))
                .collect();
            (
                StatusCode::OK,
                form,
                counts,
                sheets,
                found.next.map(|n| n.encode()),
            )
        }
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            form.with_errors(&ctx, &errors),
            AnswerCounts::default(),
            Vec::new(),
            None,
        ),
    };
    let total = counts.total;
    let reports = state
        .store
        .attribution_reports(c.phase.id, None)
        .await?
        .into_iter()
        .map(|report| ReportView {
            received: crate::pages::in_zone(report.created_at, &c.process.display_zone),
            report,
        })
        .collect();
    page_with_status(
        status,
        WorkspacePage {
            title: c.title(&ctx),
            form,
            filter_query: query.filter_query(),
            total,
            charts: count_charts(&ctx, "workspace", counts),
            reports,
            sheets,
            next,
            ctx: ctx.0,
            c,
        },
    )
}

/// The sheet `sheet` of consultation `id`, for one of the secretariat's changes to it; a sheet
/// of another consultation is not found here.
async fn load_sheet(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    sheet: &str,
) -> Result<(Loaded, Uuid), AppError> {
    let c = load(state, id).await?;
    require(ctx, Action::ManageProcess(c.process.id))?;
    let sheet = state
        .store
        .submission(parse_id(sheet)?)
        .await?
        .filter(|s| s.phase_id == c.phase.id)
        .ok_or(AppError::NotFound)?;
    Ok((c, sheet.id))
}

/// Back to the workspace, with the filter the form carried, at the sheet just changed.
fn back_to(c: &Loaded, form: &CsrfForm, sheet: Uuid) -> axum::response::Response {
    let carried: WorkspaceQuery = serde_html_form::from_str(form.get("filter")).unwrap_or_default();
    let query = carried.filter_query();
    let separator = if query.is_empty() { "" } else { "?" };
    Redirect::to(&format!(
        "{}/workspace{separator}{query}#sheet-{sheet}",
        c.href()
    ))
    .into_response()
}

fn moderation_form(ctx: &Ctx, c: &Loaded, sheet: Uuid) -> FormView {
    let options = ["", "confidential", "hidden"]
        .into_iter()
        .map(|v| {
            (
                v.to_owned(),
                ctx.tp(
                    "workspace-visibility-",
                    if v.is_empty() { "public" } else { v },
                ),
            )
        })
        .collect();
    FormView::new(
        ctx,
        "workspace-moderate",
        format!("{}/workspace/{sheet}/moderation", c.href()),
        "action-save",
    )
    .field_labelled(
        ctx,
        "visibility",
        "workspace-visibility",
        FieldKind::Select(options),
        false,
    )
    .field_labelled(
        ctx,
        "reason",
        "workspace-reason",
        FieldKind::TextArea,
        false,
    )
}

/// `POST …/workspace/{sheet}/moderation`: confidential or hidden with a reason, or public again.
async fn moderate(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let (c, sheet) = load_sheet(&state, &ctx, &id, &sheet).await?;
    match form.parse::<ModerationDraft>()?.validate() {
        Ok(moderation) => {
            state
                .store
                .moderate(ctx.actor(), sheet, moderation.as_ref())
                .await?;
            Ok(back_to(&c, &form, sheet))
        }
        Err(errors) => rejected(&ctx, moderation_form(&ctx, &c, sheet), &form, &errors),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TagDraft {
    tag: String,
}

fn tag_form(ctx: &Ctx, c: &Loaded, sheet: Uuid) -> FormView {
    FormView::new(
        ctx,
        "workspace-add-tag",
        format!("{}/workspace/{sheet}/tags", c.href()),
        "action-add",
    )
    .field_labelled(ctx, "tag", "workspace-tag", FieldKind::Text, true)
}

/// `POST …/workspace/{sheet}/tags`: adds a tag (lower-cased, so one theme has one tag).
async fn tag(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let (c, sheet) = load_sheet(&state, &ctx, &id, &sheet).await?;
    match tag_of(&form.parse::<TagDraft>()?.tag) {
        Ok(tag) => {
            state.store.tag_submission(ctx.actor(), sheet, &tag).await?;
            Ok(back_to(&c, &form, sheet))
        }
        Err(errors) => rejected(&ctx, tag_form(&ctx, &c, sheet), &form, &errors),
    }
}

/// `POST …/workspace/{sheet}/tags/remove`: removes a tag (removing one it lacks changes nothing).
async fn untag(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let (c, sheet) = load_sheet(&state, &ctx, &id, &sheet).await?;
    // Removing no tag at all changes nothing, like removing one the sheet lacks.
    if let Ok(tag) = tag_of(&form.parse::<TagDraft>()?.tag) {
        state
            .store
            .untag_submission(ctx.actor(), sheet, &tag)
            .await?;
    }
    Ok(back_to(&c, &form, sheet))
}
