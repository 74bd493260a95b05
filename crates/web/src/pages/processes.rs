//! Processes: the list, one process (mandate, seats, phases, its events), and the
//! secretariat's forms to create a process and add phases.

use agora_core::auth::Action;
use agora_core::directory::Organisation;
use agora_core::process::{Phase, PhaseDraft, PhaseKind, Process, ProcessDraft, Seats};
use agora_core::stakeholder::StakeholderGroups;
use agora_core::{ErrorCode, ValidationErrors};
use agora_store::PageRequest;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;

use super::transcripts::{Segment, with_glossary_links};
use super::{CsrfForm, page, page_with_status, process_by_slug, require};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/processes", get(list).post(create))
        .route("/processes/new", get(new_form))
        .route("/processes/{slug}", get(show))
        .route("/processes/{slug}/edit", get(edit_form).post(update))
        .route("/processes/{slug}/phases", axum::routing::post(add_phase))
        .route("/processes/{slug}/calendar.ics", get(feed))
}

#[derive(Template)]
#[template(path = "processes.html")]
struct ListPage {
    ctx: Ctx,
    processes: Vec<Process>,
}

async fn list(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    let processes = state
        .store
        .processes(&PageRequest::first(agora_store::MAX_LIMIT))
        .await?
        .items;
    page(ListPage {
        ctx: ctx.0,
        processes,
    })
}

/// A phase as shown: times in the organiser's zone and in UTC, and its status now.
struct PhaseRow {
    phase: Phase,
    opens: String,
    closes: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "process.html")]
struct ShowPage {
    ctx: Ctx,
    process: Process,
    /// The mandate, its acronyms linking to the glossary.
    mandate: Vec<Segment>,
    convenor: Option<Organisation>,
    /// Seats per stakeholder group; `None` when the process counts none.
    seats: Option<BarChart>,
    phases: Vec<PhaseRow>,
    /// The consultation phases, which have their own pages.
    consultations: Vec<PhaseRow>,
    upcoming: Vec<super::EventRow>,
    meetings: Vec<super::meetings::MeetingRow>,
    conversations: Vec<agora_core::conversation::Conversation>,
    phase_form: Option<FormView>,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    process: Process,
    phase_form: Option<FormView>,
) -> AppResult {
    let now = (state.clock)();
    let convenor = match process.convenor_id {
        Some(id) => state.store.organisation(id).await?,
        None => None,
    };
    let row = |phase: Phase| PhaseRow {
        opens: super::in_zone(phase.opens_at, &process.display_zone),
        closes: super::in_zone(phase.closes_at, &process.display_zone),
        status: phase.status(now).code(),
        phase,
    };
    let phases = state
        .store
        .phases(process.id)
        .await?
        .into_iter()
        .map(row)
        .collect();
    let consultations = state
        .store
        .consultations_of(process.id)
        .await?
        .into_iter()
        .map(|(phase, _)| row(phase))
        .collect();
    let seats = (!process.seats.is_empty()).then(|| {
        BarChart::new(
            "seats-chart",
            ctx.t("process-membership"),
            ctx.t("field-stakeholder_group"),
            ctx.t("field-seats"),
            process
                .seats
                .iter()
                .map(|s| (ctx.group(&s.stakeholder_group), u64::from(s.seats)))
                .collect(),
        )
        .without_shares()
    });
    let upcoming = state
        .store
        .events_of_process(process.id)
        .await?
        .into_iter()
        .map(super::EventRow::bare)
        .collect();
    let meetings = super::meetings::rows_of(state, &process).await?;
    let conversations = state.store.conversations_of_process(process.id).await?;
    let glossary = super::transcripts::glossary(state, &ctx).await?;
    let mandate = with_glossary_links(&process.mandate, &glossary);
    let phase_form = match phase_form {
        Some(form) => Some(form),
        None if ctx.permits(Action::ManageProcess(process.id)) => {
            Some(phase_form_view(&ctx, &process))
        }
        None => None,
    };
    let status = if phase_form.as_ref().is_some_and(|f| !f.errors.is_empty()) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page_with_status(
        status,
        ShowPage {
            ctx,
            process,
            mandate,
            convenor,
            seats,
            phases,
            consultations,
            upcoming,
            meetings,
            conversations,
            phase_form,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(slug): Path<String>) -> AppResult {
    let process = process_by_slug(&state, &slug).await?;
    show_page(&state, ctx.0, process, None).await
}

fn phase_form_view(ctx: &Ctx, process: &Process) -> FormView {
    let kinds = PhaseKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_owned(),
                ctx.t(&format!("phase-kind-{}", k.code())),
            )
        })
        .collect();
    let mut form = FormView::new(
        ctx,
        "process-add-phase",
        format!("/processes/{}/phases", process.slug),
        "action-add",
    )
    .field(ctx, "kind", FieldKind::Select(kinds), true)
    .field(ctx, "title", FieldKind::Text, false)
    .field(ctx, "opens_at", FieldKind::DateTime, true)
    .field(ctx, "closes_at", FieldKind::DateTime, true);
    form.intro = Some(format!(
        "{} {}",
        ctx.t("hint-phase-zone"),
        process.display_zone
    ));
    form
}

async fn add_phase(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let process = process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let draft: PhaseDraft = form.parse()?;
    match draft.validate(&process) {
        Ok(phase) => {
            state.store.create(ctx.actor(), &phase).await?;
            Ok(Redirect::to(&format!("/processes/{}", process.slug)).into_response())
        }
        Err(errors) => {
            let view = phase_form_view(&ctx, &process)
                .with_values(&form.pairs)
                .with_errors(&ctx, &errors);
            show_page(&state, ctx.0, process, Some(view)).await
        }
    }
}

/// The process form: blank for a new process (`current: None`), or filled with `current`.
async fn process_form_view(
    state: &AppState,
    ctx: &Ctx,
    current: Option<&Process>,
) -> Result<FormView, AppError> {
    let mut convenors = vec![(String::new(), ctx.t("option-none"))];
    convenors.extend(
        state
            .store
            .organisations(&PageRequest::first(agora_store::MAX_LIMIT))
            .await?
            .items
            .into_iter()
            .map(|o| (o.id.to_string(), o.name)),
    );
    let form = match current {
        None => FormView::new(ctx, "process-new-title", "/processes", "action-create"),
        Some(p) => FormView::new(
            ctx,
            "process-edit-title",
            format!("/processes/{}/edit", p.slug),
            "action-save",
        ),
    };
    let mut form = form
        .field(ctx, "title", FieldKind::Text, true)
        .field(ctx, "slug", FieldKind::Text, false)
        .field(ctx, "mandate", FieldKind::TextArea, true)
        .field(ctx, "convenor_id", FieldKind::Select(convenors), false)
        .field(ctx, "display_zone", FieldKind::Text, true);
    for group in state.store.stakeholder_groups().await?.codes() {
        form.fields.push(crate::form::Field::new(
            format!("seats.{group}"),
            format!("{} — {}", ctx.t("field-seats"), ctx.group(group)),
            FieldKind::Number,
        ));
    }
    Ok(form.with_values(&current_values(current)))
}

/// The form values of a process, or the defaults of a new one.
fn current_values(current: Option<&Process>) -> Vec<(String, String)> {
    let Some(p) = current else {
        return vec![("display_zone".into(), "UTC".into())];
    };
    let mut values = vec![
        ("title".into(), p.title.clone()),
        ("slug".into(), p.slug.clone()),
        ("mandate".into(), p.mandate.clone()),
        (
            "convenor_id".into(),
            p.convenor_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("display_zone".into(), p.display_zone.clone()),
    ];
    values.extend(p.seats.iter().map(|s| {
        (
            format!("seats.{}", s.stakeholder_group),
            s.seats.to_string(),
        )
    }));
    values
}

async fn new_form(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::CreateProcess)?;
    let form = process_form_view(&state, &ctx, None).await?;
    page(crate::pages::FormPage { ctx: ctx.0, form })
}

/// Reads `seats.<group>` fields into seat counts, naming a field that is not a number.
fn seats_from(form: &CsrfForm, errors: &mut ValidationErrors) -> Vec<Seats> {
    form.pairs
        .iter()
        .filter_map(|(name, value)| Some((name.strip_prefix("seats.")?, value.trim())))
        .filter_map(|(group, value)| match value.parse::<u32>() {
            Ok(seats) => Some(Seats {
                stakeholder_group: group.to_owned(),
                seats,
            }),
            Err(_) if value.is_empty() => None,
            Err(_) => {
                errors.push(format!("seats.{group}"), ErrorCode::InvalidNumber);
                None
            }
        })
        .collect()
}

/// The submitted process form as a draft, and a check of it with `validate` (create or
/// revise); errors in the seat fields join the draft's own.
async fn checked(
    state: &AppState,
    form: &CsrfForm,
    validate: impl FnOnce(&ProcessDraft, &StakeholderGroups) -> Result<Process, ValidationErrors>,
) -> Result<Result<Process, ValidationErrors>, AppError> {
    let mut seat_errors = ValidationErrors::new();
    let draft = ProcessDraft {
        seats: seats_from(form, &mut seat_errors),
        ..form.parse()?
    };
    let groups = state.store.stakeholder_groups().await?;
    Ok(match validate(&draft, &groups) {
        Ok(process) if seat_errors.is_empty() => Ok(process),
        Ok(_) => Err(seat_errors),
        Err(mut found) => {
            found.0.extend(seat_errors.0);
            Err(found)
        }
    })
}

async fn create(State(state): State<AppState>, ctx: CtxExt, form: CsrfForm) -> AppResult {
    require(&ctx, Action::CreateProcess)?;
    let validated = checked(&state, &form, |draft, groups| draft.validate(groups)).await?;
    let redirect = |process: &Process| format!("/processes/{}", process.slug);
    let view = process_form_view(&state, &ctx, None);
    super::save_or_explain(&state, &ctx, &form, validated, redirect, view).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
) -> AppResult {
    let process = process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let form = process_form_view(&state, &ctx, Some(&process)).await?;
    page(crate::pages::FormPage { ctx: ctx.0, form })
}

async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let current = process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(current.id))?;
    let errors = match checked(&state, &form, |draft, groups| {
        draft.revise(groups, &current)
    })
    .await?
    {
        Ok(revised) => match state.store.update_process(ctx.actor(), &revised).await {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/processes/{}", revised.slug)).into_response());
            }
            Err(refused) => super::field_error(refused)?,
        },
        Err(errors) => errors,
    };
    super::rejected(
        &ctx,
        process_form_view(&state, &ctx, Some(&current)).await?,
        &form,
        &errors,
    )
}

async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult {
    let process = process_by_slug(&state, &slug).await?;
    let events = state.store.events_of_process(process.id).await?;
    let meetings = state.store.meetings_of_process(process.id).await?;
    Ok(crate::ics::response(
        &format!("Agora — {}", process.title),
        &events,
        &meetings,
    ))
}
