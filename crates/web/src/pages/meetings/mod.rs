//! Meetings of a process: the meeting's page (time in the process's zone, place or link,
//! languages, agenda, participants by role, the record of written interventions), and the
//! secretariat's forms to create and edit one. `participants.rs` holds adding, editing and
//! removing participants and joining or leaving; `queue.rs` the live speaker queue.

mod participants;
mod queue;

pub(crate) use participants::{fill_from_person, take_out};

use agora_core::ValidationErrors;
use agora_core::auth::Action;
use agora_core::meeting::{Meeting, MeetingDraft, Participant, Role, Standing};
use agora_core::process::Process;
use agora_core::speaker_queue::Intervention;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};

use super::{CsrfForm, FormPage, page, parse_id, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/processes/{slug}/meetings", post(create))
        .route("/processes/{slug}/meetings/new", get(new_form))
        .route("/meetings/{id}", get(show))
        .route("/meetings/{id}/edit", get(edit_form).post(update))
        .merge(participants::routes())
        .merge(queue::routes())
}

/// A meeting with its process, and what the account asking is in it.
pub(crate) struct Loaded {
    pub meeting: Meeting,
    pub process: Process,
    pub me: Option<Participant>,
}

impl Loaded {
    pub fn standing(&self) -> Standing<'_> {
        Standing {
            meeting: &self.meeting,
            participant: self.me.as_ref(),
        }
    }

    /// Whether the account may run the queue (its moderator, or the secretariat).
    pub fn moderates(&self, ctx: &Ctx) -> bool {
        ctx.permits(self.standing().moderate())
    }

    pub fn href(&self) -> String {
        format!("/meetings/{}", self.meeting.id)
    }
}

/// Loads the meeting named in the path (404 when there is none), its process, and the
/// participant the signed-in account joined as.
pub(crate) async fn load(state: &AppState, ctx: &Ctx, id: &str) -> Result<Loaded, AppError> {
    let meeting = state
        .store
        .meeting(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let process = state
        .store
        .process(meeting.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = match &ctx.user {
        Some(user) => state.store.participant_of_user(meeting.id, user.id).await?,
        None => None,
    };
    Ok(Loaded {
        meeting,
        process,
        me,
    })
}

/// A meeting as listed on its process's page: its times in the process's zone.
pub(crate) struct MeetingRow {
    pub meeting: Meeting,
    pub starts: String,
    pub ends: String,
}

impl MeetingRow {
    pub fn new(meeting: Meeting, zone: &str) -> Self {
        MeetingRow {
            starts: super::in_zone(meeting.starts_at, zone),
            ends: super::in_zone(meeting.ends_at, zone),
            meeting,
        }
    }
}

/// A process's meetings, for its page.
pub(crate) async fn rows_of(
    state: &AppState,
    process: &Process,
) -> Result<Vec<MeetingRow>, AppError> {
    Ok(state
        .store
        .meetings_of_process(process.id)
        .await?
        .into_iter()
        .map(|m| MeetingRow::new(m, &process.display_zone))
        .collect())
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct ShowPage {
    ctx: Ctx,
    row: MeetingRow,
    process: Process,
    /// Participants under each role, moderators first.
    roles: Vec<(Role, Vec<Participant>)>,
    me: Option<Participant>,
    manage: bool,
    may_join: bool,
    interventions: Vec<(Intervention, String)>,
    /// The meeting's transcripts and statistics (`meeting_transcripts.html`).
    records: super::transcripts::MeetingRecords,
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    let participants = state.store.participants(loaded.meeting.id).await?;
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            let with_role: Vec<Participant> = participants
                .iter()
                .filter(|p| p.role == role)
                .cloned()
                .collect();
            (role, with_role)
        })
        .filter(|(_, people)| !people.is_empty())
        .collect();
    let zone = &loaded.process.display_zone;
    let interventions = state
        .store
        .queue(loaded.meeting.id)
        .await?
        .interventions
        .into_iter()
        .map(|i| {
            let at = super::in_zone(i.at, zone);
            (i, at)
        })
        .collect();
    let records =
        super::transcripts::MeetingRecords::load(&state, &ctx, &loaded.meeting, &loaded.process)
            .await?;
    page(ShowPage {
        records,
        manage: ctx.permits(Action::ManageProcess(loaded.process.id)),
        may_join: loaded.me.is_none() && ctx.permits(Action::JoinMeeting),
        row: MeetingRow::new(loaded.meeting, zone),
        process: loaded.process,
        me: loaded.me,
        ctx: ctx.0,
        roles,
        interventions,
    })
}

/// The meeting form: blank for a new meeting of `process`, or filled with `current`.
fn meeting_form(ctx: &Ctx, process: &Process, current: Option<&Meeting>) -> FormView {
    let form = match current {
        None => FormView::new(
            ctx,
            "meeting-new-title",
            format!("/processes/{}/meetings", process.slug),
            "action-create",
        ),
        Some(m) => FormView::new(
            ctx,
            "meeting-edit-title",
            format!("/meetings/{}/edit", m.id),
            "action-save",
        ),
    };
    let mut form = form
        .field(ctx, "title", FieldKind::Text, true)
        .field(ctx, "description", FieldKind::TextArea, false)
        .field(ctx, "starts_at", FieldKind::DateTime, true)
        .field(ctx, "ends_at", FieldKind::DateTime, true)
        .field(ctx, "place", FieldKind::Text, false)
        .field(ctx, "online_url", FieldKind::Url, false)
        .field_labelled(
            ctx,
            "languages",
            "meeting-languages",
            FieldKind::Text,
            false,
        )
        .field(ctx, "agenda", FieldKind::TextArea, false);
    form.intro = Some(format!(
        "{} {}",
        ctx.t("hint-phase-zone"),
        process.display_zone
    ));
    match current {
        Some(m) => form.with_values(&values_of(m, &process.display_zone)),
        None => form,
    }
}

/// A meeting's form values: local times in the process's zone, the agenda as typed.
fn values_of(meeting: &Meeting, zone: &str) -> Vec<(String, String)> {
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = |t: jiff::Timestamp| {
        t.to_zoned(tz.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let agenda: Vec<String> = meeting
        .agenda
        .iter()
        .map(|item| match item.minutes {
            Some(minutes) => format!("{} | {minutes}", item.title),
            None => item.title.clone(),
        })
        .collect();
    [
        ("title", meeting.title.clone()),
        ("description", meeting.description.clone()),
        ("starts_at", local(meeting.starts_at)),
        ("ends_at", local(meeting.ends_at)),
        ("place", meeting.place.clone().unwrap_or_default()),
        ("online_url", meeting.online_url.clone().unwrap_or_default()),
        ("languages", meeting.languages.join(", ")),
        ("agenda", agenda.join("\n")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

async fn new_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let form = meeting_form(&ctx, &process, None);
    page(FormPage { ctx: ctx.0, form })
}

async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let draft: MeetingDraft = form.parse()?;
    let validated = draft.validate(&process);
    let redirect = |m: &Meeting| format!("/meetings/{}", m.id);
    let view = async { Ok(meeting_form(&ctx, &process, None)) };
    super::save_or_explain(&state, &ctx, &form, validated, redirect, view).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let form = meeting_form(&ctx, &loaded.process, Some(&loaded.meeting));
    page(FormPage { ctx: ctx.0, form })
}

async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let draft: MeetingDraft = form.parse()?;
    let errors: ValidationErrors = match draft.revise(&loaded.process, &loaded.meeting) {
        Ok(revised) => {
            state.store.update_meeting(ctx.actor(), &revised).await?;
            return Ok(Redirect::to(&loaded.href()).into_response());
        }
        Err(errors) => errors,
    };
    super::rejected(
        &ctx,
        meeting_form(&ctx, &loaded.process, Some(&loaded.meeting)),
        &form,
        &errors,
    )
}
