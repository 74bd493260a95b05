//! Meetings of a process and their participants, with their JSON shapes (kept here rather
//! than in `dto.rs`: nothing else uses them). Conversions destructure without `..`, as in
//! `dto.rs`, so a field added to a core type breaks the build here until the API says what to
//! do with it.

use agora_core::auth::Action;
use agora_core::meeting::{MeetingDraft, ParticipantDraft};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::Page;
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::meetings::{Loaded, fill_from_person, load, take_out};
use crate::pages::require;

/// A meeting of a process.
#[derive(Serialize, ToSchema)]
pub struct Meeting {
    pub id: Uuid,
    pub process_id: Uuid,
    pub title: String,
    pub description: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The room and venue.
    #[schema(required = true)]
    pub place: Option<String>,
    /// Where remote participants join.
    #[schema(required = true)]
    pub online_url: Option<String>,
    /// BCP 47 tags of the interpretation languages.
    #[schema(example = json!(["en", "fr", "es"]))]
    pub languages: Vec<String>,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct AgendaItem {
    pub title: String,
    /// The time set aside, 1 to 1440 minutes.
    pub minutes: Option<u32>,
}

impl From<agora_core::meeting::Meeting> for Meeting {
    fn from(meeting: agora_core::meeting::Meeting) -> Self {
        let agora_core::meeting::Meeting {
            id,
            process_id,
            title,
            description,
            starts_at,
            ends_at,
            place,
            online_url,
            languages,
            agenda,
        } = meeting;
        Meeting {
            id,
            process_id,
            title,
            description,
            starts_at,
            ends_at,
            place,
            online_url,
            languages,
            agenda: agenda
                .into_iter()
                .map(|item| {
                    let agora_core::meeting::AgendaItem { title, minutes } = item;
                    AgendaItem { title, minutes }
                })
                .collect(),
        }
    }
}

/// A new meeting, or the whole of an edited one.
#[derive(Deserialize, ToSchema)]
pub struct NewMeeting {
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    pub description: Option<String>,
    /// RFC 3339 with an offset, or a local date-time read in the process's display zone.
    #[serde(default)]
    #[schema(required = true, example = "2013-05-30T10:00")]
    pub starts_at: String,
    #[serde(default)]
    #[schema(required = true, example = "2013-05-30T13:00")]
    pub ends_at: String,
    pub place: Option<String>,
    pub online_url: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// In order. A title may not contain `|` or a line break (the form's agenda syntax).
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
}

impl From<NewMeeting> for MeetingDraft {
    fn from(input: NewMeeting) -> Self {
        let NewMeeting {
            title,
            description,
            starts_at,
            ends_at,
            place,
            online_url,
            languages,
            agenda,
        } = input;
        let agenda: Vec<String> = agenda
            .into_iter()
            .map(|item| match item.minutes {
                Some(minutes) => format!("{} | {minutes}", item.title),
                None => item.title,
            })
            .collect();
        MeetingDraft {
            title,
            description: description.unwrap_or_default(),
            starts_at,
            ends_at,
            place: place.unwrap_or_default(),
            online_url: online_url.unwrap_or_default(),
            languages: languages.join(","),
            agenda: agenda.join("\n"),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingRole {
    Moderator,
    Panellist,
    Attendee,
}

impl From<agora_core::meeting::Role> for MeetingRole {
    fn from(role: agora_core::meeting::Role) -> Self {
        match role {
            agora_core::meeting::Role::Moderator => MeetingRole::Moderator,
            agora_core::meeting::Role::Panellist => MeetingRole::Panellist,
            agora_core::meeting::Role::Attendee => MeetingRole::Attendee,
        }
    }
}

/// A participant. `gender` (self-declared) and `user_id` are shown to the process's
/// secretariat only, and are `null` for everyone else.
#[derive(Serialize, ToSchema)]
pub struct Participant {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub name: String,
    /// The person in the directory.
    #[schema(required = true)]
    pub person_id: Option<Uuid>,
    /// The account that joined as this participant.
    #[schema(required = true)]
    pub user_id: Option<Uuid>,
    #[schema(example = "civil-society")]
    pub stakeholder_group: String,
    #[schema(required = true)]
    pub gender: Option<String>,
    pub role: MeetingRole,
    pub remote: bool,
}

impl Participant {
    /// The participant as `ctx` may see it.
    fn seen_by(participant: agora_core::meeting::Participant, ctx: &Ctx, loaded: &Loaded) -> Self {
        let agora_core::meeting::Participant {
            id,
            meeting_id,
            name,
            person_id,
            user_id,
            stakeholder_group,
            gender,
            role,
            remote,
        } = participant;
        let secretariat = ctx.permits(Action::ManageProcess(loaded.process.id));
        Participant {
            id,
            meeting_id,
            name,
            person_id,
            user_id: user_id.filter(|_| secretariat),
            stakeholder_group,
            gender: gender.filter(|_| secretariat),
            role: role.into(),
            remote,
        }
    }
}

/// A participant as the secretariat adds or edits one. With `person_id`, the person's name,
/// stakeholder group and gender fill what is left out.
#[derive(Deserialize, ToSchema)]
pub struct NewParticipant {
    pub name: Option<String>,
    #[schema(format = Uuid)]
    pub person_id: Option<String>,
    pub stakeholder_group: Option<String>,
    pub gender: Option<String>,
    /// `attendee` when absent.
    pub role: Option<MeetingRole>,
    #[serde(default)]
    pub remote: bool,
}

impl From<NewParticipant> for ParticipantDraft {
    fn from(input: NewParticipant) -> Self {
        let NewParticipant {
            name,
            person_id,
            stakeholder_group,
            gender,
            role,
            remote,
        } = input;
        let role = role.map(|r| match r {
            MeetingRole::Moderator => agora_core::meeting::Role::Moderator,
            MeetingRole::Panellist => agora_core::meeting::Role::Panellist,
            MeetingRole::Attendee => agora_core::meeting::Role::Attendee,
        });
        ParticipantDraft {
            name: name.unwrap_or_default(),
            person_id: person_id.unwrap_or_default(),
            stakeholder_group: stakeholder_group.unwrap_or_default(),
            gender: gender.unwrap_or_default(),
            role: role.map(|r| r.code().to_owned()).unwrap_or_default(),
            remote,
        }
    }
}

/// Every meeting of every process, earliest first, a page at a time.
#[utoipa::path(
    get,
    operation_id = "listAllMeetings",
    path = "/api/v1/meetings",
    tag = "meetings",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of meetings", body = Page<Meeting>),
        BadQuery,
    ),
)]
pub async fn all(State(state): State<AppState>, Query(page): Query<PageQuery>) -> ApiResult {
    let found = state.store.meetings(&page.request()?).await?;
    Ok(Json(Page::<Meeting>::from_store(found)).into_response())
}

/// A process's meetings, earliest first.
#[utoipa::path(
    get,
    operation_id = "listMeetings",
    path = "/api/v1/processes/{slug}/meetings",
    tag = "meetings",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    responses((status = 200, description = "Every meeting of the process", body = Vec<Meeting>), NotFound),
)]
pub async fn list(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    let meetings: Vec<Meeting> = state
        .store
        .meetings_of_process(process.id)
        .await?
        .into_iter()
        .map(Meeting::from)
        .collect();
    Ok(Json(meetings).into_response())
}

/// Creates a meeting of a process (its secretariat).
///
/// Times without an offset are read in the process's display zone.
#[utoipa::path(
    post,
    operation_id = "createMeeting",
    path = "/api/v1/processes/{slug}/meetings",
    tag = "meetings",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    request_body = NewMeeting,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = Meeting,
            headers(("Location" = String, description = "The new meeting"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<NewMeeting>,
) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let meeting = MeetingDraft::from(input).validate(&process)?;
    state.store.create(ctx.actor(), &meeting).await?;
    let location = format!("{}/meetings/{}", super::PREFIX, meeting.id);
    Ok(created(&location, Meeting::from(meeting)))
}

/// One meeting.
#[utoipa::path(
    get,
    operation_id = "getMeeting",
    path = "/api/v1/meetings/{id}",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "The meeting", body = Meeting), NotFound),
)]
pub async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    Ok(Json(Meeting::from(loaded.meeting)).into_response())
}

/// Replaces a meeting's fields and agenda (its process's secretariat); the audit log keeps it
/// before and after.
#[utoipa::path(
    put,
    operation_id = "updateMeeting",
    path = "/api/v1/meetings/{id}",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    request_body = NewMeeting,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Updated", body = Meeting),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewMeeting>,
) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let revised = MeetingDraft::from(input).revise(&loaded.process, &loaded.meeting)?;
    state.store.update_meeting(ctx.actor(), &revised).await?;
    Ok(Json(Meeting::from(revised)).into_response())
}

/// A meeting's participants: moderators, panellists, then attendees, each by name.
#[utoipa::path(
    get,
    operation_id = "listParticipants",
    path = "/api/v1/meetings/{id}/participants",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "Every participant", body = Vec<Participant>), NotFound),
)]
pub async fn participants(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    let listed: Vec<Participant> = state
        .store
        .participants(loaded.meeting.id)
        .await?
        .into_iter()
        .map(|p| Participant::seen_by(p, &ctx, &loaded))
        .collect();
    Ok(Json(listed).into_response())
}

/// Adds a participant (the process's secretariat).
#[utoipa::path(
    post,
    operation_id = "addParticipant",
    path = "/api/v1/meetings/{id}/participants",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    request_body = NewParticipant,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Added", body = Participant,
            headers(("Location" = String, description = "The meeting's participants"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn add_participant(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewParticipant>,
) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let mut draft = ParticipantDraft::from(input);
    fill_from_person(&state, &mut draft).await?;
    let groups = state.store.stakeholder_groups().await?;
    let participant = draft.validate(&loaded.meeting, &groups)?;
    state.store.create(ctx.actor(), &participant).await?;
    let location = format!(
        "{}/meetings/{}/participants",
        super::PREFIX,
        loaded.meeting.id
    );
    Ok(created(
        &location,
        Participant::seen_by(participant, &ctx, &loaded),
    ))
}

/// The participant named in the path, who must belong to the meeting.
async fn participant_of(
    state: &AppState,
    loaded: &Loaded,
    id: &str,
) -> ApiResult<agora_core::meeting::Participant> {
    Ok(state
        .store
        .participant(super::parse_id(id)?)
        .await?
        .filter(|p| p.meeting_id == loaded.meeting.id)
        .ok_or(AppError::NotFound)?)
}

/// Replaces a participant's name, directory person, group, gender, role and place (the
/// process's secretariat). The account that joined as the participant stays with it.
#[utoipa::path(
    put,
    operation_id = "updateParticipant",
    path = "/api/v1/meetings/{id}/participants/{pid}",
    tag = "meetings",
    params(
        ("id" = Uuid, Path, description = "The meeting's id"),
        ("pid" = Uuid, Path, description = "The participant's id"),
    ),
    request_body = NewParticipant,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Updated", body = Participant),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn update_participant(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, pid)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewParticipant>,
) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let current = participant_of(&state, &loaded, &pid).await?;
    let mut draft = ParticipantDraft::from(input);
    fill_from_person(&state, &mut draft).await?;
    let groups = state.store.stakeholder_groups().await?;
    let revised = agora_core::meeting::Participant {
        id: current.id,
        user_id: current.user_id,
        ..draft.validate(&loaded.meeting, &groups)?
    };
    state
        .store
        .update_participant(ctx.actor(), &revised)
        .await?;
    Ok(Json(Participant::seen_by(revised, &ctx, &loaded)).into_response())
}

/// Removes a participant (the process's secretariat); a raised hand of theirs is lowered.
/// What they said stays in the record under the name they had.
#[utoipa::path(
    delete,
    operation_id = "removeParticipant",
    path = "/api/v1/meetings/{id}/participants/{pid}",
    tag = "meetings",
    params(
        ("id" = Uuid, Path, description = "The meeting's id"),
        ("pid" = Uuid, Path, description = "The participant's id"),
    ),
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Removed"), Guarded, NotFound),
)]
pub async fn remove_participant(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, pid)): Path<(String, String)>,
) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let current = participant_of(&state, &loaded, &pid).await?;
    take_out(&state, &ctx, &loaded, &current).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
