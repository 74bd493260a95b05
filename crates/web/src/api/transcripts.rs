//! Meeting records through the API: importing a transcript into a meeting (the text alone with
//! the automatic mapping, or JSON with the mapping said speaker by speaker), reading stored
//! transcripts in the shape `agora transcript parse` prints (plus ids), and a meeting's
//! statistics.

use std::collections::BTreeMap;

use agora_core::auth::Action;
use agora_core::meeting::ParticipantDraft;
use agora_records::stats::{Share, Who};
use agora_store::{StoredTranscript, StoredTurn};
use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::Page;
use super::parse_id;
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound, extended};
use super::request::{PageQuery, created};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::require;
use crate::pages::transcripts::{MeetingPage, counted, load_meeting};
use crate::transcripts::{self, Choice, Import, Unmatched, directory, propose, speakers};

/// A speaker of a stored transcript: the parse's name, whom the turns are attributed to, and
/// how much they said.
#[derive(Serialize, ToSchema)]
pub struct TranscriptSpeaker {
    #[schema(example = "MARKUS KUMMER")]
    pub name: String,
    pub participant_id: Option<Uuid>,
    pub turns: usize,
    pub words: usize,
}

#[derive(Serialize, ToSchema)]
pub struct TranscriptTurn {
    /// 0-based; the page anchors turn `position` as `#t{position + 1}`.
    pub position: u32,
    /// `speech`, or `narrative`: text about the meeting (a scribe's note), nobody's words.
    #[schema(example = "speech")]
    pub kind: String,
    /// The parse's name (spellings merged); `null` for a speaker nobody identified (`>>`).
    pub speaker: Option<String>,
    /// The label as written in the file.
    pub label: Option<String>,
    /// `null` when nobody identified the speaker, or the speaker was mapped to nobody.
    pub participant_id: Option<Uuid>,
    pub text: String,
    pub line: u32,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub words: u32,
}

/// A stored transcript: the fields `agora transcript parse` prints, with ids.
#[derive(Serialize, ToSchema)]
pub struct Transcript {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub title: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    #[schema(example = "fr")]
    pub language: Option<String>,
    /// The format it was read as: icann, igf, markdown, minutes, webvtt or srt.
    #[schema(example = "icann")]
    pub format: String,
    pub filename: String,
    pub imported_at: Timestamp,
    pub speakers: Vec<TranscriptSpeaker>,
    pub turns: Vec<TranscriptTurn>,
    pub inaudible: u32,
    pub disclaimers: Vec<String>,
    pub warnings: Vec<String>,
}

impl Transcript {
    fn new(t: StoredTranscript, stored: Vec<StoredTurn>) -> Self {
        let mut speakers: Vec<TranscriptSpeaker> = Vec::new();
        for turn in &stored {
            let Some(name) = &turn.speaker else { continue };
            match speakers.iter_mut().find(|s| &s.name == name) {
                Some(s) => {
                    s.turns += 1;
                    s.words += turn.words as usize;
                }
                None => speakers.push(TranscriptSpeaker {
                    name: name.clone(),
                    participant_id: turn.participant_id,
                    turns: 1,
                    words: turn.words as usize,
                }),
            }
        }
        let StoredTranscript {
            id,
            meeting_id,
            title,
            date,
            place,
            language,
            format,
            filename,
            disclaimers,
            inaudible,
            warnings,
            imported_at,
            imported_by: _,
        } = t;
        Transcript {
            id,
            meeting_id,
            title,
            date,
            place,
            language,
            format,
            filename,
            imported_at,
            speakers,
            turns: stored
                .into_iter()
                .map(|t| TranscriptTurn {
                    position: t.position,
                    kind: (if t.narrative { "narrative" } else { "speech" }).to_owned(),
                    speaker: t.speaker,
                    label: t.label,
                    participant_id: t.participant_id,
                    text: t.text,
                    line: t.line,
                    start_ms: t.start_ms,
                    end_ms: t.end_ms,
                    words: t.words,
                })
                .collect(),
            inaudible,
            disclaimers,
            warnings,
        }
    }
}

/// A transcript as listed.
#[derive(Serialize, ToSchema)]
pub struct TranscriptSummary {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub title: Option<String>,
    pub language: Option<String>,
    pub filename: String,
    pub imported_at: Timestamp,
}

impl From<StoredTranscript> for TranscriptSummary {
    fn from(t: StoredTranscript) -> Self {
        TranscriptSummary {
            id: t.id,
            meeting_id: t.meeting_id,
            title: t.title,
            language: t.language,
            filename: t.filename,
            imported_at: t.imported_at,
        }
    }
}

/// Who a speaker is, in an import's `mapping`.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerMapping {
    /// A participant of the meeting.
    Participant(Uuid),
    /// A participant to create with the transcript.
    New(NewParticipant),
    /// Nobody: the turns stay unidentified.
    Unidentified,
}

#[derive(Deserialize, ToSchema)]
pub struct NewParticipant {
    pub name: String,
    #[schema(example = "civil-society")]
    pub stakeholder_group: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub remote: bool,
    /// The person of the directory this participant is.
    #[serde(default)]
    pub person_id: Option<Uuid>,
}

/// What to do with speakers who match nobody and that `mapping` does not name.
#[derive(Deserialize, ToSchema, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedRule {
    /// Refuse the transcript, listing them (422, `unmatched`).
    #[default]
    Refuse,
    /// Their turns stay unidentified.
    Unidentified,
    /// Each becomes a new participant of `group`.
    New,
}

/// A JSON import.
#[derive(Deserialize, ToSchema)]
pub struct TranscriptImport {
    /// The transcript's text.
    pub text: String,
    #[serde(default)]
    pub filename: Option<String>,
    /// Speaker name (as `agora transcript parse` prints it) → who they are. Speakers not named
    /// here get the automatic mapping.
    #[serde(default)]
    pub mapping: BTreeMap<String, SpeakerMapping>,
    #[serde(default)]
    pub unmatched: UnmatchedRule,
    /// The stakeholder group of new participants made for unmatched speakers.
    #[serde(default)]
    pub group: Option<String>,
}

/// How to import a plain-text body.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ImportQuery {
    pub filename: Option<String>,
    pub unmatched: Option<String>,
    /// The stakeholder group of new participants made for unmatched speakers.
    pub group: Option<String>,
}

/// A 422 naming what was wrong with the transcript, with extension members.
fn refused(ctx: &Ctx, detail: &str, members: serde_json::Value) -> Response {
    let members = members.as_object().cloned().unwrap_or_default();
    extended(ctx, StatusCode::UNPROCESSABLE_ENTITY, detail, members)
}

/// The unmatched-speaker rule of an import.
fn rule_of(rule: UnmatchedRule, group: Option<String>) -> Result<Unmatched, &'static str> {
    Ok(match rule {
        UnmatchedRule::Refuse => Unmatched::Refuse,
        UnmatchedRule::Unidentified => Unmatched::Unidentified,
        UnmatchedRule::New => Unmatched::New {
            group: group.filter(|g| !g.trim().is_empty()).ok_or("group")?,
        },
    })
}

/// Imports a transcript into a meeting (its process's secretariat).
///
/// Send the text as `text/plain` (UTF-8) for the automatic mapping: each speaker is matched to
/// a participant of the meeting, or to a person of the directory (who becomes a participant),
/// by spelling; `unmatched` says what to do with the others (`refuse`, the default, lists them
/// in a 422; `unidentified`; `new`, which needs `group`). Or send JSON with a `mapping` of
/// speaker names to `{"participant": id}`, `{"new": {…}}` or `"unidentified"`. The transcript,
/// its turns and the participants it creates are stored all or none.
#[utoipa::path(
    post,
    operation_id = "importTranscript",
    path = "/api/v1/meetings/{id}/transcripts",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id"), ImportQuery),
    request_body(content(
        (TranscriptImport = "application/json"),
        (String = "text/plain"),
    )),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Stored", body = Transcript),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn import(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<ImportQuery>,
    request: Request,
) -> ApiResult {
    let m = load_meeting(&state, &id).await?;
    require(&ctx, Action::ManageProcess(m.process.id))?;
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    // Read only once the caller may import; transcripts may be larger than the usual limit.
    let bytes = axum::body::to_bytes(request.into_body(), state.config.upload_limit)
        .await
        .map_err(|_| AppError::TooLarge)?;
    let body = if is_json {
        serde_json::from_slice::<TranscriptImport>(&bytes).map_err(|e| {
            super::problem::localised(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&e.to_string()),
                Vec::new(),
            )
        })
    } else {
        let rule = match query.unmatched.as_deref().unwrap_or("refuse") {
            "refuse" => Ok(UnmatchedRule::Refuse),
            "unidentified" => Ok(UnmatchedRule::Unidentified),
            "new" => Ok(UnmatchedRule::New),
            _ => Err(invalid_field(&ctx, "unmatched")),
        };
        rule.map(|unmatched| TranscriptImport {
            text: String::new(),
            filename: query.filename.clone(),
            mapping: BTreeMap::new(),
            unmatched,
            group: query.group.clone(),
        })
    };
    let body = match body {
        Ok(body) => body,
        Err(response) => return Ok(response),
    };
    let text = if is_json {
        body.text.as_bytes()
    } else {
        &bytes[..]
    };
    let parsed = match transcripts::read(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = transcripts::explain(&ctx, &error);
            return Ok(refused(
                &ctx,
                &message,
                serde_json::json!({ "errors": [{ "field": "text", "code": code_of(&error), "message": message }] }),
            ));
        }
    };
    let rule = match rule_of(body.unmatched, body.group) {
        Ok(rule) => rule,
        Err(field) => return Ok(invalid_field(&ctx, field)),
    };
    let participants = state.store.participants(m.meeting.id).await?;
    let people = directory(&state.store).await?;
    let rows = speakers(&parsed);
    let proposals: Vec<_> = rows
        .iter()
        .map(|row| match body.mapping.get(&row.name) {
            // Said by the caller: not proposed, but taken below.
            Some(_) => transcripts::Proposal::Unmatched,
            None => propose(&row.name, &participants, &people),
        })
        .collect();
    let said = |rule: &Unmatched| -> Result<Vec<Choice>, Vec<String>> {
        let automatic = transcripts::automatic(&rows, &proposals, rule);
        let mut missing = Vec::new();
        let choices = match automatic {
            Ok(choices) => choices,
            Err(names) => {
                missing = names;
                transcripts::automatic(&rows, &proposals, &Unmatched::Unidentified)
                    .unwrap_or_default()
            }
        };
        missing.retain(|name| !body.mapping.contains_key(name));
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(rows
            .iter()
            .zip(choices)
            .map(|(row, automatic)| match body.mapping.get(&row.name) {
                Some(SpeakerMapping::Participant(id)) => Choice::Participant(*id),
                Some(SpeakerMapping::New(p)) => Choice::New(ParticipantDraft {
                    name: p.name.clone(),
                    person_id: p.person_id.map(|id| id.to_string()).unwrap_or_default(),
                    stakeholder_group: p.stakeholder_group.clone(),
                    gender: p.gender.clone().unwrap_or_default(),
                    role: String::new(),
                    remote: p.remote,
                }),
                Some(SpeakerMapping::Unidentified) => Choice::Unidentified,
                None => automatic,
            })
            .collect())
    };
    let choices = match said(&rule) {
        Ok(choices) => choices,
        Err(names) => {
            let detail = ctx.lang.t_args(
                "transcript-error-unmatched",
                &[("names", FluentValue::from(names.join(", ")))],
            );
            return Ok(refused(
                &ctx,
                &detail,
                serde_json::json!({ "unmatched": names }),
            ));
        }
    };
    let groups = state.store.stakeholder_groups().await?;
    let filename = body.filename.unwrap_or_else(|| "transcript.txt".to_owned());
    let import = Import {
        meeting: &m.meeting,
        participants: &participants,
        groups: &groups,
        filename: &filename,
        by: ctx.actor(),
        at: (state.clock)(),
    };
    let new = transcripts::build(&import, &parsed, &choices)?;
    state
        .store
        .import_transcript(ctx.actor(), None, &new)
        .await?;
    let location = format!("{}/transcripts/{}", super::PREFIX, new.transcript.id);
    Ok(created(
        &location,
        Transcript::new(new.transcript, new.turns),
    ))
}

fn code_of(error: &transcripts::ReadError) -> &'static str {
    match error {
        transcripts::ReadError::NotText { .. } => "not-text",
        transcripts::ReadError::NoTurns => "no-turns",
    }
}

/// A 422 on one query or body field whose value is not one of the choices (or is missing).
fn invalid_field(ctx: &Ctx, field: &str) -> Response {
    let errors = agora_core::ValidationErrors::single(field, agora_core::ErrorCode::InvalidChoice);
    super::problem::localised(
        ctx,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        super::problem::field_problems(ctx, &errors),
    )
}

/// A meeting's transcripts, first imported first.
#[utoipa::path(
    get,
    operation_id = "listMeetingTranscripts",
    path = "/api/v1/meetings/{id}/transcripts",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    responses(
        (status = 200, description = "The meeting's transcripts", body = Vec<TranscriptSummary>),
        NotFound,
    ),
)]
pub async fn list(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let m = load_meeting(&state, &id).await?;
    let found = state.store.transcripts_of_meeting(m.meeting.id).await?;
    let items: Vec<TranscriptSummary> = found.into_iter().map(TranscriptSummary::from).collect();
    Ok(Json(items).into_response())
}

/// Every transcript of every meeting, first imported first, a page at a time.
#[utoipa::path(
    get,
    operation_id = "listTranscripts",
    path = "/api/v1/transcripts",
    tag = "meetings",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of transcripts", body = Page<TranscriptSummary>),
        BadQuery,
    ),
)]
pub async fn all(State(state): State<AppState>, Query(page): Query<PageQuery>) -> ApiResult {
    let found = state.store.transcripts(&page.request()?).await?;
    Ok(Json(Page::<TranscriptSummary>::from_store(found)).into_response())
}

/// A stored transcript with its turns and speakers.
#[utoipa::path(
    get,
    operation_id = "getTranscript",
    path = "/api/v1/transcripts/{id}",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The transcript's id")),
    responses((status = 200, description = "The transcript", body = Transcript), NotFound),
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let t = state
        .store
        .transcript(parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let turns = state.store.turns(t.id).await?;
    Ok(Json(Transcript::new(t, turns)).into_response())
}

/// A row of a statistics table: whom it counts (`null`: speakers nobody identified).
#[derive(Serialize, ToSchema)]
pub struct StatisticsRow {
    /// A participant id, a stakeholder group code, a declared gender (`""`: not declared), or
    /// `remote`/`in-room`; `null` for the speakers nobody identified.
    pub key: Option<String>,
    /// The participant's name, in the `people` table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub turns: u64,
    pub words: u64,
    pub millis: u64,
}

/// Who spoke how much in one transcript of a meeting.
#[derive(Serialize, ToSchema)]
pub struct MeetingStatistics {
    pub transcript_id: Uuid,
    pub turns: u64,
    pub words: u64,
    pub millis: u64,
    /// Whether every turn has a duration (otherwise `millis` counts only those that do).
    pub timed: bool,
    pub people: Vec<StatisticsRow>,
    pub groups: Vec<StatisticsRow>,
    pub genders: Vec<StatisticsRow>,
    pub remote: Vec<StatisticsRow>,
}

fn rows<K>(
    shares: &[Share<K>],
    key: impl Fn(&K) -> (String, Option<String>),
) -> Vec<StatisticsRow> {
    shares
        .iter()
        .map(|s| {
            let (key, name) = match &s.who {
                Who::Known(k) => {
                    let (key, name) = key(k);
                    (Some(key), name)
                }
                Who::Unidentified => (None, None),
            };
            StatisticsRow {
                key,
                name,
                turns: s.turns,
                words: s.words,
                millis: s.millis,
            }
        })
        .collect()
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct Which {
    /// The transcript to count; the meeting's first imported when absent.
    pub transcript: Option<Uuid>,
}

/// Turns, words and time by person, stakeholder group, gender (aggregate only) and place, of
/// one transcript of the meeting.
#[utoipa::path(
    get,
    operation_id = "getMeetingStatistics",
    path = "/api/v1/meetings/{id}/statistics",
    tag = "meetings",
    params(("id" = Uuid, Path, description = "The meeting's id"), Which),
    responses(
        (status = 200, description = "The statistics", body = MeetingStatistics),
        (status = 404, description = "No such meeting or transcript, or the meeting has no transcript"),
    ),
)]
pub async fn statistics(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(which): Query<Which>,
) -> ApiResult {
    let m: MeetingPage = load_meeting(&state, &id).await?;
    let transcripts = state.store.transcripts_of_meeting(m.meeting.id).await?;
    let which = which.transcript.map(|t| t.to_string()).unwrap_or_default();
    let t = counted(&transcripts, &which)?.ok_or(AppError::NotFound)?;
    let turns = state.store.turns(t.id).await?;
    let participants = state.store.participants(m.meeting.id).await?;
    let s = transcripts::stats::of_turns(&turns, &participants);
    Ok(Json(MeetingStatistics {
        transcript_id: t.id,
        turns: s.turns,
        words: s.words,
        millis: s.millis,
        timed: s.timed,
        people: rows(&s.people, |i| {
            let p = &participants[*i];
            (p.id.to_string(), Some(p.name.clone()))
        }),
        groups: rows(&s.groups, |g| (g.clone(), None)),
        genders: rows(&s.genders, |g| (g.clone().unwrap_or_default(), None)),
        remote: rows(&s.remote, |r| {
            ((if *r { "remote" } else { "in-room" }).to_owned(), None)
        }),
    })
    .into_response())
}
