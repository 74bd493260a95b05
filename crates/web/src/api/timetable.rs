//! The venue, the timetable and the published programme through the API. The rules are the
//! pages' (`pages/timetable.rs`): the secretariat describes the venue, generates, moves
//! sessions (a move names the version it was made on: 409 when another edit came first; a
//! move that breaks a hard constraint is saved and its conflicts come back) and publishes
//! (409 while a hard conflict remains); everyone reads the published programme.

use std::collections::BTreeMap;

use agora_core::timetable::{RoomDraft, VenueDraft, VenueSlot};
use agora_store::StoreError;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::problem::{ApiResult, BadBody, Guarded, NotFound, Restricted};
use super::request::ApiJson;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::timetable::{
    Programme, Scheduled, apply_move, load_programme, load_session, managed, meeting_of,
    report_words, unpublishable,
};

/// A room of the venue.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Room {
    #[serde(default)]
    #[schema(example = "Main Hall")]
    pub name: String,
    #[serde(default)]
    pub capacity: u32,
    /// Fit for people with accessibility needs.
    #[serde(default)]
    pub accessible: bool,
    /// Slot ids ("2013-10-22T09:00") when the room cannot be used.
    #[serde(default)]
    pub closed: Vec<String>,
}

/// The venue as sent: the same lines as the venue form.
#[derive(Deserialize, ToSchema)]
pub struct VenueInput {
    /// IANA time zone.
    #[serde(default)]
    #[schema(required = true, example = "Asia/Makassar")]
    pub time_zone: String,
    /// ISO dates.
    #[serde(default)]
    #[schema(required = true, example = json!(["2013-10-22", "2013-10-23"]))]
    pub days: Vec<String>,
    /// "09:00 = 90" (every day) or "2013-10-22 09:00 = 90" (one day).
    #[serde(default)]
    #[schema(required = true, example = json!(["09:00 = 90", "11:00 = 90"]))]
    pub slots: Vec<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub rooms: Vec<Room>,
    /// Expected audience by format name.
    #[serde(default)]
    pub format_audience: BTreeMap<String, u32>,
    /// Expected audience of single sessions, by proposal id.
    #[serde(default)]
    pub audience: BTreeMap<String, u32>,
}

impl From<VenueInput> for VenueDraft {
    fn from(v: VenueInput) -> Self {
        let numbers =
            |map: BTreeMap<String, u32>| map.into_iter().map(|(k, n)| (k, n.to_string())).collect();
        VenueDraft {
            time_zone: v.time_zone,
            days: v.days.join("\n"),
            slots: v.slots.join("\n"),
            rooms: v
                .rooms
                .into_iter()
                .map(|r| RoomDraft {
                    name: r.name,
                    capacity: r.capacity.to_string(),
                    accessible: r.accessible,
                    closed: r.closed.join(";"),
                })
                .collect(),
            format_audience: numbers(v.format_audience),
            audience: numbers(v.audience),
        }
    }
}

/// A slot of the venue.
#[derive(Serialize, ToSchema)]
pub struct Slot {
    #[schema(example = "2013-10-22T09:00")]
    pub id: String,
    pub date: String,
    #[schema(example = "09:00")]
    pub start: String,
    pub minutes: u32,
}

impl From<&VenueSlot> for Slot {
    fn from(s: &VenueSlot) -> Self {
        Slot {
            id: s.id(),
            date: s.date.to_string(),
            start: s.start.clone(),
            minutes: s.minutes,
        }
    }
}

/// The venue of a call.
#[derive(Serialize, ToSchema)]
pub struct Venue {
    pub call_id: Uuid,
    pub time_zone: String,
    pub days: Vec<String>,
    pub slots: Vec<Slot>,
    pub rooms: Vec<Room>,
    pub format_audience: BTreeMap<String, u32>,
    pub audience: BTreeMap<String, u32>,
}

fn venue(v: &agora_core::timetable::Venue) -> Venue {
    Venue {
        call_id: v.phase_id,
        time_zone: v.time_zone.clone(),
        days: v.days.iter().map(|d| d.to_string()).collect(),
        slots: v.slots.iter().map(Slot::from).collect(),
        rooms: v
            .rooms
            .iter()
            .map(|r| Room {
                name: r.name.clone(),
                capacity: r.capacity,
                accessible: r.accessible,
                closed: r.unavailable.clone(),
            })
            .collect(),
        format_audience: v.format_audience.clone(),
        audience: v
            .audience
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect(),
    }
}

/// A session's place.
#[derive(Serialize, ToSchema)]
pub struct Placement {
    pub proposal_id: Uuid,
    pub title: String,
    pub room: String,
    pub slot: String,
}

/// A conflict or cost `check` reports, with its kind and a sentence naming what is at fault.
#[derive(Serialize, ToSchema)]
pub struct Finding {
    #[schema(example = "person_double_booked")]
    pub kind: String,
    /// In the language of the request.
    pub message: String,
}

/// The soft costs by kind.
#[derive(Serialize, ToSchema)]
pub struct Costs {
    pub theme_spread: usize,
    pub theme_clash: usize,
    pub remote_hours: usize,
    /// Weighted.
    pub total: f64,
}

/// The secretariat's timetable, with what `check` reports of it.
#[derive(Serialize, ToSchema)]
pub struct Timetable {
    pub call_id: Uuid,
    /// Name it when moving a session or publishing.
    pub version: i64,
    pub published_version: Option<i64>,
    pub placements: Vec<Placement>,
    /// Hard conflicts: none is allowed at publication.
    pub hard: Vec<Finding>,
    pub soft: Vec<Finding>,
    pub costs: Costs,
}

fn timetable_answer(ctx: &Ctx, programme: &Programme) -> Result<Timetable, AppError> {
    let report = programme.report()?.unwrap_or_default();
    let words = report_words(ctx, &report, &programme.accepted, None);
    let kind = |v: serde_json::Value| v["kind"].as_str().unwrap_or_default().to_owned();
    let findings = |kinds: Vec<String>, messages: Vec<String>| {
        kinds
            .into_iter()
            .zip(messages)
            .map(|(kind, message)| Finding { kind, message })
            .collect()
    };
    let hard_kinds = report
        .hard
        .iter()
        .map(|h| kind(serde_json::to_value(h).unwrap_or_default()))
        .collect();
    let soft_kinds = report
        .soft
        .iter()
        .map(|s| kind(serde_json::to_value(s).unwrap_or_default()))
        .collect();
    let timetable = programme.timetable.as_ref();
    Ok(Timetable {
        call_id: programme.loaded.phase.id,
        version: timetable.map_or(0, |t| t.version),
        published_version: timetable
            .and_then(|t| t.published.as_ref())
            .map(|p| p.version),
        placements: timetable
            .map(|t| {
                t.placements
                    .iter()
                    .filter_map(|p| {
                        let proposal = programme.accepted.iter().find(|a| a.id == p.proposal_id)?;
                        Some(Placement {
                            proposal_id: p.proposal_id,
                            title: proposal.title.clone(),
                            room: p.room.clone(),
                            slot: p.slot.clone(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        hard: findings(hard_kinds, words.hard),
        soft: findings(soft_kinds, words.soft),
        costs: Costs {
            theme_spread: report.costs.theme_spread,
            theme_clash: report.costs.theme_clash,
            remote_hours: report.costs.remote_hours,
            total: report.costs.total,
        },
    })
}

/// The venue of a call (the secretariat).
#[utoipa::path(
    get,
    operation_id = "getVenue",
    path = "/api/v1/calls/{id}/venue",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    security(("session" = [])),
    responses((status = 200, description = "The venue", body = Venue), Restricted, NotFound),
)]
pub async fn show_venue(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    let found = programme.venue.as_ref().ok_or(AppError::NotFound)?;
    Ok(Json(venue(found)).into_response())
}

/// Sets the venue of a call (the secretariat).
#[utoipa::path(
    put,
    operation_id = "putVenue",
    path = "/api/v1/calls/{id}/venue",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = VenueInput,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Saved", body = Venue), Guarded, NotFound, BadBody),
)]
pub async fn save_venue(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<VenueInput>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    let saved = VenueDraft::from(input).validate(programme.loaded.phase.id)?;
    state
        .store
        .save_venue(ctx.actor(), &saved)
        .await
        .map_err(AppError::from)?;
    Ok(Json(venue(&saved)).into_response())
}

/// The version a write was made on.
#[derive(Deserialize, ToSchema, Default)]
pub struct Version {
    /// The timetable's version as read; absent to generate over whatever is there.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The secretariat's timetable with its conflicts and soft costs.
#[utoipa::path(
    get,
    operation_id = "getTimetable",
    path = "/api/v1/calls/{id}/timetable",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    security(("session" = [])),
    responses((status = 200, description = "The timetable", body = Timetable), Restricted, NotFound),
)]
pub async fn show_timetable(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    Ok(Json(timetable_answer(&ctx, &programme)?).into_response())
}

/// Generates the timetable of the accepted proposals, replacing the placements.
#[utoipa::path(
    post,
    operation_id = "generateTimetable",
    path = "/api/v1/calls/{id}/timetable",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = Version,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Generated", body = Timetable),
        (status = 409, description = "No venue yet, or the version is not the latest.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn generate(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Version>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    let placements = programme.generate().await?;
    state
        .store
        .save_timetable(
            ctx.actor(),
            programme.loaded.phase.id,
            &placements,
            input.version,
        )
        .await
        .map_err(AppError::from)?;
    let programme = load_programme(&state, &id).await?;
    Ok(Json(timetable_answer(&ctx, &programme)?).into_response())
}

/// Where to put a session.
#[derive(Deserialize, ToSchema)]
pub struct Move {
    #[serde(default)]
    #[schema(required = true, example = "Main Hall")]
    pub room: String,
    #[serde(default)]
    #[schema(required = true, example = "2013-10-22T09:00")]
    pub slot: String,
    /// The timetable's version as read.
    #[serde(default)]
    #[schema(required = true)]
    pub version: i64,
}

/// Moves a session; saved even when it breaks a hard constraint, whose conflicts come back.
#[utoipa::path(
    put,
    operation_id = "moveSession",
    path = "/api/v1/calls/{id}/timetable/sessions/{proposal_id}",
    tag = "timetable",
    params(
        ("id" = Uuid, Path, description = "The call-for-proposals phase's id"),
        ("proposal_id" = Uuid, Path, description = "The accepted proposal's id"),
    ),
    request_body = Move,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Moved, with the conflicts now", body = Timetable),
        (status = 400, description = "The proposal is not accepted, or the room or slot is not the venue's.",
            content_type = "application/problem+json", body = super::problem::Problem),
        (status = 409, description = "Another edit came first: read the timetable again.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn move_session(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, proposal)): Path<(String, String)>,
    ApiJson(input): ApiJson<Move>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    let proposal: Uuid = proposal.parse().map_err(|_| AppError::NotFound)?;
    apply_move(
        &state,
        &ctx,
        &programme,
        proposal,
        &input.room,
        &input.slot,
        input.version,
    )
    .await?;
    let programme = load_programme(&state, &id).await?;
    Ok(Json(timetable_answer(&ctx, &programme)?).into_response())
}

/// Publishes the timetable at `version`: refused (409) while a hard conflict remains.
#[utoipa::path(
    post,
    operation_id = "publishTimetable",
    path = "/api/v1/calls/{id}/timetable/publish",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = Version,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Published", body = Timetable),
        (status = 409, description = "No timetable, hard conflicts left, or the version is not the latest.",
            content_type = "application/problem+json", body = super::problem::Problem),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn publish(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Version>,
) -> ApiResult {
    let programme = managed(&state, &ctx, &id).await?;
    let stale = AppError::Store(StoreError::Conflict { field: "version" });
    if unpublishable(&ctx, &programme)?.is_some() {
        return Err(AppError::Store(StoreError::Conflict { field: "timetable" }).into());
    }
    let version = input.version.ok_or(stale)?;
    state
        .store
        .publish_timetable(
            ctx.actor(),
            programme.loaded.phase.id,
            version,
            (state.clock)(),
        )
        .await
        .map_err(AppError::from)?;
    let programme = load_programme(&state, &id).await?;
    Ok(Json(timetable_answer(&ctx, &programme)?).into_response())
}

/// A speaker or organiser of a session.
#[derive(Serialize, ToSchema)]
pub struct SessionPerson {
    pub name: String,
    #[schema(example = "speaker")]
    pub role: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub moderator: bool,
}

/// A published session.
#[derive(Serialize, ToSchema)]
pub struct Session {
    /// The accepted proposal's id.
    pub id: Uuid,
    pub call_id: Uuid,
    pub title: String,
    pub description: String,
    pub policy_questions: String,
    pub theme: String,
    pub format: String,
    pub room: String,
    /// The venue's date and local start.
    pub date: String,
    pub start: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The venue's IANA time zone.
    pub time_zone: String,
    pub people: Vec<SessionPerson>,
    /// A meeting of the process with the same title on the same day, if there is one.
    pub meeting_id: Option<Uuid>,
}

fn session_answer(s: &Scheduled, meeting_id: Option<Uuid>) -> Session {
    let p = &s.proposal;
    Session {
        id: p.id,
        call_id: p.phase_id,
        title: p.title.clone(),
        description: p.description.clone(),
        policy_questions: p.policy_questions.clone(),
        theme: p.theme.clone(),
        format: p.format.clone(),
        room: s.room.clone(),
        date: s.slot.date.to_string(),
        start: s.slot.start.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        time_zone: s.time_zone.clone(),
        people: p
            .people
            .iter()
            .map(|x| SessionPerson {
                name: x.name.clone(),
                role: agora_core::proposal::role_code(x.role).to_owned(),
                organisation: x.organisation.clone(),
                stakeholder_group: x.stakeholder_group.clone(),
                moderator: x.moderator,
            })
            .collect(),
        meeting_id,
    }
}

/// The published sessions of a programme, each with its meeting record if any.
async fn sessions_of(state: &AppState, programme: &Programme) -> Result<Vec<Session>, AppError> {
    let meetings = state
        .store
        .meetings_of_process(programme.loaded.process.id)
        .await?;
    Ok(programme
        .published_sessions()?
        .iter()
        .map(|s| session_answer(s, meeting_of(s, &meetings).map(|m| m.id)))
        .collect())
}

/// A published programme.
#[derive(Serialize, ToSchema)]
pub struct PublishedProgramme {
    pub call_id: Uuid,
    pub version: i64,
    pub time_zone: String,
    /// In time order, then room order.
    pub sessions: Vec<Session>,
}

/// The published programme of a call (404 before publication).
#[utoipa::path(
    get,
    operation_id = "getProgramme",
    path = "/api/v1/calls/{id}/programme",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    responses((status = 200, description = "The programme", body = PublishedProgramme), NotFound),
)]
pub async fn programme(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let programme = load_programme(&state, &id).await?;
    let (venue, _, version) = programme.published()?;
    Ok(Json(PublishedProgramme {
        call_id: programme.loaded.phase.id,
        version,
        time_zone: venue.time_zone.clone(),
        sessions: sessions_of(&state, &programme).await?,
    })
    .into_response())
}

/// Every published session of every call.
#[utoipa::path(
    get,
    operation_id = "listProgrammeSessions",
    path = "/api/v1/sessions",
    tag = "timetable",
    responses((status = 200, description = "Every published session", body = super::dto::Page<Session>)),
)]
pub async fn sessions(State(state): State<AppState>) -> ApiResult {
    let mut items = Vec::new();
    for timetable in state.store.published_timetables().await? {
        let programme = load_programme(&state, &timetable.phase_id.to_string()).await?;
        items.extend(sessions_of(&state, &programme).await?);
    }
    Ok(Json(super::dto::Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// A published session.
#[utoipa::path(
    get,
    operation_id = "getProgrammeSession",
    path = "/api/v1/sessions/{id}",
    tag = "timetable",
    params(("id" = Uuid, Path, description = "The accepted proposal's id")),
    responses((status = 200, description = "The session", body = Session), NotFound),
)]
pub async fn session(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let (programme, s) = load_session(&state, &id).await?;
    let meetings = state
        .store
        .meetings_of_process(programme.loaded.process.id)
        .await?;
    Ok(Json(session_answer(&s, meeting_of(&s, &meetings).map(|m| m.id))).into_response())
}
