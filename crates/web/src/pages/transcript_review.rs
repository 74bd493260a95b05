//! Importing a meeting's transcript, for the secretariat of the meeting's process, in steps
//! that each work without JavaScript:
//!
//! 1. `GET /meetings/{id}/transcripts/new`: the upload form. Posting it reads the file at once
//!    (a file that is not UTF-8 text, or has no speaker turn, is refused with the reason) and
//!    stages it (`transcript_uploads`, kept 24 hours), within `Config::upload_limit`.
//! 2. `GET /meetings/{id}/transcripts/review/{upload}`: what the file says (header, disclaimers,
//!    warnings with their lines) and each speaker with their spellings, turns and words, and
//!    whom they are proposed to be (a participant, a new participant, or unidentified).
//! 3. `POST` the same address: the mapping as corrected, checked, and the transcript stored all
//!    or none with the participants it creates; then the transcript's page.
//!
//! `POST /meetings/{id}/transcripts/{tid}/mapping` re-maps one speaker of a stored transcript.

use agora_core::ValidationErrors;
use agora_core::auth::Action;
use agora_core::meeting::{Participant, ParticipantDraft};
use agora_records::Transcript;
use agora_store::{StoreError, TranscriptUpload};
use askama::Template;
use axum::Router;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;

use super::imports::mebibytes;
use super::transcripts::{MeetingPage, load_meeting, transcript_href};
use super::{CsrfForm, CsrfMultipart, FormPage, page, page_with_status, parse_id, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{Field, FieldKind, FormView};
use crate::transcripts::{
    self, Choice, Import, Proposal, SpeakerRow, directory, propose, speakers,
};
use crate::upload::upload_route;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/meetings/{id}/transcripts/new",
            upload_route(get(upload_form).post(upload)),
        )
        .route(
            "/meetings/{id}/transcripts/review/{upload}",
            get(review).post(commit),
        )
        .route("/meetings/{id}/transcripts/{tid}/mapping", post(remap))
}

/// The meeting `id`, for its process's secretariat only.
async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> Result<MeetingPage, AppError> {
    let m = load_meeting(state, id).await?;
    require(ctx, Action::ManageProcess(m.process.id))?;
    Ok(m)
}

// ---------------------------------------------------------------------------------------------
// Step 1: the upload

fn upload_form_view(ctx: &Ctx, m: &MeetingPage, limit: usize) -> FormView {
    let mut form = FormView::new(
        ctx,
        "transcript-new-title",
        format!("{}/transcripts/new", m.href()),
        "transcript-action-upload",
    );
    form.intro = Some(format!(
        "{} — {}",
        m.meeting.title,
        ctx.t("transcript-new-intro")
    ));
    form.fields = vec![Field {
        required: true,
        hint: Some(
            ctx.lang
                .t_args("transcript-hint-file", &[("size", mebibytes(limit))]),
        ),
        ..Field::new("file", ctx.t("transcript-field-file"), FieldKind::File)
    }];
    form
}

async fn upload_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let m = managed(&state, &ctx, &id).await?;
    let form = upload_form_view(&ctx, &m, state.config.upload_limit);
    page(FormPage { ctx: ctx.0, form })
}

/// Reads the posted file and stages it. The body is read after the authorization check, so
/// that only the secretariat can make the server take in a large upload.
async fn upload(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    request: Request,
) -> AppResult {
    let m = managed(&state, &ctx, &id).await?;
    let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
    let limit = state.config.upload_limit;
    let view = upload_form_view(&ctx, &m, limit);
    let refuse = |status, form: FormView| {
        page_with_status(
            status,
            FormPage {
                ctx: ctx.0.clone(),
                form,
            },
        )
    };
    let mut body = match CsrfMultipart::from_request(request, &state).await {
        Ok(CsrfMultipart(body)) => body,
        Err(AppError::TooLarge) => {
            let message = ctx
                .lang
                .t_args("transcript-too-large", &[("size", mebibytes(limit))]);
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                view.with_message("file", message),
            );
        }
        Err(other) => return Err(other),
    };
    let Some(file) = body.take_file("file") else {
        let errors = ValidationErrors::single("file", agora_core::ErrorCode::Required);
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            view.with_errors(&ctx, &errors),
        );
    };
    if let Err(error) = transcripts::read(&file.bytes) {
        let form = view.with_message("file", transcripts::explain(&ctx, &error));
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, form);
    }
    let staged = TranscriptUpload {
        id: agora_core::new_id(),
        meeting_id: m.meeting.id,
        uploader_id: user.id,
        filename: super::imports::file_name(file.filename.as_deref()),
        bytes: file.bytes,
        created_at: (state.clock)(),
        transcript_id: None,
    };
    state.store.stage_transcript(Some(user.id), &staged).await?;
    Ok(Redirect::to(&format!("{}/transcripts/review/{}", m.href(), staged.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Steps 2 and 3: the review and the commit

/// What the review works on: the meeting, its staged file parsed, the meeting's participants.
struct Review {
    m: MeetingPage,
    upload: TranscriptUpload,
    transcript: Transcript,
    rows: Vec<SpeakerRow>,
    participants: Vec<Participant>,
}

/// The staged upload `upload` of the meeting `id`, for its secretariat; once committed, the
/// way to the transcript it became (a second click, the back button) as the error.
async fn reviewed(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    upload: &str,
) -> Result<Result<Review, Response>, AppError> {
    let m = managed(state, ctx, id).await?;
    let upload = state
        .store
        .transcript_upload(parse_id(upload)?)
        .await?
        .filter(|u| u.meeting_id == m.meeting.id && !u.is_expired((state.clock)()))
        .ok_or(AppError::NotFound)?;
    if let Some(done) = upload.transcript_id {
        return Ok(Err(
            Redirect::to(&transcript_href(m.meeting.id, done)).into_response()
        ));
    }
    // It was readable when staged, and the same bytes read the same.
    let transcript = transcripts::read(&upload.bytes).map_err(|_| AppError::BadRequest)?;
    let participants = state.store.participants(m.meeting.id).await?;
    Ok(Ok(Review {
        rows: speakers(&transcript),
        m,
        upload,
        transcript,
        participants,
    }))
}

/// One speaker of the review: the row, and the fields that say who they are.
struct SpeakerForm {
    index: usize,
    row: SpeakerRow,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "transcript_review.html")]
struct ReviewPage {
    ctx: Ctx,
    m: MeetingPage,
    upload: TranscriptUpload,
    transcript: Transcript,
    language: Option<String>,
    unidentified: String,
    speakers: Vec<SpeakerForm>,
    /// (field, message) of the last attempt, for the summary.
    errors: Vec<(String, String)>,
}

/// The form values that say `proposal` for speaker `i`.
fn proposed_values(i: usize, row: &SpeakerRow, proposal: &Proposal) -> Vec<(String, String)> {
    let mut values = vec![(format!("name-{i}"), transcripts::display_name(&row.name))];
    let choice = match proposal {
        Proposal::Participant(id) => format!("p:{id}"),
        Proposal::Person(person) => {
            values = vec![
                (format!("name-{i}"), person.name.clone()),
                (format!("group-{i}"), person.stakeholder_group.clone()),
                (
                    format!("gender-{i}"),
                    person.gender.clone().unwrap_or_default(),
                ),
                (format!("person-{i}"), person.id.to_string()),
            ];
            "new".to_owned()
        }
        Proposal::Unmatched => "new".to_owned(),
    };
    values.push((format!("speaker-{i}"), choice));
    values
}

impl Review {
    /// The review page showing `values` in the fields and `errors` next to them.
    async fn page(
        self,
        state: &AppState,
        ctx: Ctx,
        values: &[(String, String)],
        errors: &ValidationErrors,
        status: StatusCode,
    ) -> AppResult {
        let groups = super::group_options(state, &ctx).await?;
        let mut choices: Vec<(String, String)> = self
            .participants
            .iter()
            .map(|p| {
                (
                    format!("p:{}", p.id),
                    format!("{} ({})", p.name, ctx.group(&p.stakeholder_group)),
                )
            })
            .collect();
        choices.push(("new".into(), ctx.t("transcript-option-new")));
        choices.push(("none".into(), ctx.t("transcript-option-none")));
        let mut summary = FormView::new(
            &ctx,
            "transcript-review-title",
            "",
            "transcript-action-commit",
        );
        let mut speakers = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let named = |id: &str| {
                ctx.lang
                    .t_args(id, &[("name", FluentValue::from(row.name.clone()))])
            };
            let mut group_choices = vec![(String::new(), ctx.t("option-none"))];
            group_choices.extend(groups.iter().cloned());
            let fields = vec![
                Field {
                    required: true,
                    ..Field::new(
                        format!("speaker-{i}"),
                        named("transcript-field-speaker"),
                        FieldKind::Select(choices.clone()),
                    )
                },
                Field {
                    hint: Some(ctx.t("transcript-hint-new")),
                    ..Field::new(
                        format!("name-{i}"),
                        named("transcript-field-name"),
                        FieldKind::Text,
                    )
                },
                Field::new(
                    format!("group-{i}"),
                    named("transcript-field-group"),
                    FieldKind::Select(group_choices),
                ),
                Field::new(
                    format!("gender-{i}"),
                    named("transcript-field-gender"),
                    FieldKind::Text,
                ),
                Field::new(
                    format!("remote-{i}"),
                    named("transcript-field-remote"),
                    FieldKind::Checkbox,
                ),
                Field::new(format!("person-{i}"), String::new(), FieldKind::Hidden),
            ];
            summary.fields.extend(fields);
            speakers.push(i);
        }
        let summary = summary.with_values(values).with_errors(&ctx, errors);
        let mut fields = summary.fields.into_iter();
        let speakers = speakers
            .into_iter()
            .map(|index| SpeakerForm {
                index,
                row: self.rows[index].clone(),
                fields: fields.by_ref().take(6).collect(),
            })
            .collect();
        let unidentified = ctx.lang.t_args(
            "transcript-review-unidentified",
            &[(
                "count",
                FluentValue::from(transcripts::unidentified_turns(&self.transcript) as u64),
            )],
        );
        page_with_status(
            status,
            ReviewPage {
                language: self
                    .transcript
                    .language
                    .as_deref()
                    .map(super::consultations::language_label),
                unidentified,
                errors: summary.errors,
                speakers,
                m: self.m,
                upload: self.upload,
                transcript: self.transcript,
                ctx,
            },
        )
    }
}

async fn review(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, upload)): Path<(String, String)>,
) -> AppResult {
    let r = match reviewed(&state, &ctx, &id, &upload).await? {
        Ok(r) => r,
        Err(done) => return Ok(done),
    };
    let people = directory(&state.store).await?;
    let values: Vec<(String, String)> = r
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, row)| proposed_values(i, row, &propose(&row.name, &r.participants, &people)))
        .collect();
    r.page(
        &state,
        ctx.0,
        &values,
        &ValidationErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// The choices a posted review form makes; an unknown choice is an error on its select.
fn posted_choices(form: &CsrfForm, count: usize) -> (Vec<Choice>, ValidationErrors) {
    let mut errors = ValidationErrors::new();
    let choices = (0..count)
        .map(|i| {
            let field = |name: &str| form.get(&format!("{name}-{i}")).to_owned();
            match form.get(&format!("speaker-{i}")) {
                "none" => Choice::Unidentified,
                "new" => Choice::New(ParticipantDraft {
                    name: field("name"),
                    person_id: field("person"),
                    stakeholder_group: field("group"),
                    gender: field("gender"),
                    role: String::new(),
                    remote: form.checked(&format!("remote-{i}")),
                }),
                other => match other.strip_prefix("p:").and_then(|id| id.parse().ok()) {
                    Some(id) => Choice::Participant(id),
                    None => {
                        errors.push(format!("speaker-{i}"), agora_core::ErrorCode::InvalidChoice);
                        Choice::Unidentified
                    }
                },
            }
        })
        .collect();
    (choices, errors)
}

async fn commit(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, upload)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let r = match reviewed(&state, &ctx, &id, &upload).await? {
        Ok(r) => r,
        Err(done) => return Ok(done),
    };
    let (choices, mut errors) = posted_choices(&form, r.rows.len());
    let groups = state.store.stakeholder_groups().await?;
    let import = Import {
        meeting: &r.m.meeting,
        participants: &r.participants,
        groups: &groups,
        filename: &r.upload.filename,
        by: ctx.actor(),
        at: (state.clock)(),
    };
    let built = if errors.is_empty() {
        transcripts::build(&import, &r.transcript, &choices)
    } else {
        Err(ValidationErrors::new())
    };
    let new = match built {
        Ok(new) => new,
        Err(more) => {
            errors.0.extend(more.0);
            return r
                .page(
                    &state,
                    ctx.0,
                    &form.pairs,
                    &errors,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
        }
    };
    let meeting = r.m.meeting.id;
    match state
        .store
        .import_transcript(import.by, Some(r.upload.id), &new)
        .await
    {
        Ok(()) => Ok(Redirect::to(&transcript_href(meeting, new.transcript.id)).into_response()),
        // A second click: the first one's transcript.
        Err(StoreError::Conflict { .. }) => {
            let done = state.store.transcript_upload(r.upload.id).await?;
            match done.and_then(|u| u.transcript_id) {
                Some(tid) => Ok(Redirect::to(&transcript_href(meeting, tid)).into_response()),
                None => Err(AppError::NotFound),
            }
        }
        Err(other) => {
            let errors = super::field_error(other)?;
            r.page(
                &state,
                ctx.0,
                &form.pairs,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Re-mapping a stored transcript

/// Re-attributes one speaker's turns: `speaker` (the parse's name; empty for the `>>` turns)
/// to `participant` (`p:<id>` of the meeting, or `none`).
async fn remap(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, tid)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let m = managed(&state, &ctx, &id).await?;
    let transcript = state
        .store
        .transcript(parse_id(&tid)?)
        .await?
        .filter(|t| t.meeting_id == m.meeting.id)
        .ok_or(AppError::NotFound)?;
    let participants = state.store.participants(m.meeting.id).await?;
    let participant = match form.get("participant") {
        "none" => None,
        other => {
            let id = other
                .strip_prefix("p:")
                .and_then(|id| id.parse().ok())
                .filter(|id| participants.iter().any(|p| p.id == *id))
                .ok_or(AppError::BadRequest)?;
            Some(id)
        }
    };
    let speaker = Some(form.get("speaker")).filter(|s| !s.is_empty());
    state
        .store
        .remap_speaker(ctx.actor(), transcript.id, speaker, participant, None)
        .await?;
    Ok(Redirect::to(&format!(
        "{}#mapping",
        transcript_href(m.meeting.id, transcript.id)
    ))
    .into_response())
}
