//! Consultations: a process's phases that ask questions and take one answer sheet per person
//! until an exact closing instant.
//!
//! The rules live in `agora_core::consultation` (who may answer, what a valid sheet is, when
//! it is on time) and the store keeps one sheet per person with its receipt; these handlers
//! only translate. Field names in problems follow the JSON as sent: `answers.<question id>`,
//! `author.<field>`, `kind.<field>`.

use std::collections::BTreeMap;

use agora_core::auth::{Action, normalise_email};
use agora_core::consultation::{
    AnswerFilter, AuthorDraft, Consultation, Question, QuestionDraft, Submission, SubmissionState,
    check_answers, may_answer, on_time, receipt_code,
};
use agora_core::process::{Phase, PhaseKind, Process, parse_instant_in};
use agora_core::{ErrorCode, ValidationErrors};
use agora_store::{MAX_LIMIT, PageRequest, RenderReceipt, User};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::{
    self, ConsultationDetail, NewConsultation, NewLateWindow, NewQuestion, NewSubmission, Page,
};
use super::problem::{
    ApiResult, BadBody, BadQuery, Eligible, Guarded, NoReceipt, NoReceiptGiven, NoSheet, NotFound,
    RateLimited, SheetBody, SheetReaders, SignedIn, extended,
};
use super::request::{ApiJson, Fingerprinted, IdempotencyKey, PageQuery, created};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::mail::ReceiptLetter;
use crate::pages::require;

/// The response header that marks an answer repeated from an earlier request with the same
/// `Idempotency-Key`.
const REPLAYED: &str = "Idempotent-Replayed";

/// A consultation with what its handlers need around it.
pub(super) struct Found {
    pub(super) process: Process,
    pub(super) phase: Phase,
    pub(super) consultation: Consultation,
}

/// The consultation `id` names; 404 for a malformed id, an unknown phase, or a phase that is
/// not a consultation.
pub(super) async fn load(state: &AppState, id: &str) -> ApiResult<Found> {
    let id = super::parse_id(id)?;
    let (Some(phase), Some(consultation)) = (
        state.store.phase(id).await?,
        state.store.consultation(id).await?,
    ) else {
        return Err(AppError::NotFound.into());
    };
    let process = state
        .store
        .process(phase.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Found {
        process,
        phase,
        consultation,
    })
}

fn signed_in(ctx: &Ctx) -> Result<&User, AppError> {
    ctx.user.as_ref().ok_or(AppError::Unauthenticated)
}

/// `errors` with each field renamed by `rename` (to the name the field has in the JSON body).
fn renamed(errors: ValidationErrors, rename: impl Fn(&str) -> String) -> ValidationErrors {
    let mut out = ValidationErrors::new();
    for error in errors.0 {
        out.push(rename(&error.field), error.code);
    }
    out
}

/// Both results, or every error of both.
fn both<A, B>(
    a: Result<A, ValidationErrors>,
    b: Result<B, ValidationErrors>,
) -> Result<(A, B), ValidationErrors> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut errors = a.err().unwrap_or_default();
            errors.0.extend(b.err().unwrap_or_default().0);
            Err(errors)
        }
    }
}

/// A process's consultations, in chronological order, each with its status now.
///
/// One page holds them all (`next_cursor` is null): a process has few.
#[utoipa::path(
    get,
    operation_id = "listConsultations",
    path = "/api/v1/processes/{slug}/consultations",
    tag = "consultations",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    responses(
        (status = 200, description = "The consultations", body = Page<dto::Consultation>),
        NotFound,
    ),
)]
pub async fn list(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    let now = (state.clock)();
    let items = state
        .store
        .consultations_of(process.id)
        .await?
        .into_iter()
        .map(|(phase, c)| dto::Consultation::at(phase, c, &process.display_zone, now))
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// Every consultation of every process, in chronological order, each with its status now.
///
/// One page holds them all (`next_cursor` is null).
#[utoipa::path(
    get,
    operation_id = "listAllConsultations",
    path = "/api/v1/consultations",
    tag = "consultations",
    responses((status = 200, description = "The consultations", body = Page<dto::Consultation>)),
)]
pub async fn list_all(State(state): State<AppState>) -> ApiResult {
    let now = (state.clock)();
    let mut items = Vec::new();
    let mut request = PageRequest::first(MAX_LIMIT);
    // One query per process: few enough for now; a store query across processes would do it
    // in one.
    loop {
        let page = state.store.processes(&request).await?;
        for process in &page.items {
            for (phase, c) in state.store.consultations_of(process.id).await? {
                items.push(dto::Consultation::at(phase, c, &process.display_zone, now));
            }
        }
        match page.next {
            Some(next) => request.after = Some(next),
            None => break,
        }
    }
    items.sort_by_key(|c| (c.phase.opens_at, c.phase.id));
    Ok(Json(Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// Opens a consultation in a process (its secretariat): a phase of kind `consultation` and
/// its settings, created together.
///
/// Times without an offset are read in the process's display zone. Questions are added
/// afterwards, one by one.
#[utoipa::path(
    post,
    operation_id = "createConsultation",
    path = "/api/v1/processes/{slug}/consultations",
    tag = "consultations",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    request_body = NewConsultation,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::Consultation,
            headers(("Location" = String, description = "The new consultation"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<NewConsultation>,
) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let (phase_draft, draft) = input.into_drafts();
    let phase = phase_draft.validate(&process);
    // The settings are checked even when the phase's fields were refused, against a stand-in
    // phase, so that one answer names every mistake.
    let stand_in = Phase {
        id: Uuid::nil(),
        process_id: process.id,
        kind: PhaseKind::Consultation,
        title: String::new(),
        opens_at: Timestamp::MIN,
        closes_at: Timestamp::MAX,
    };
    let settings = draft.validate(phase.as_ref().unwrap_or(&stand_in));
    let (phase, consultation) = both(phase, settings)?;
    state
        .store
        .create_consultation(ctx.actor(), &phase, &consultation)
        .await?;
    let location = format!("{}/consultations/{}", super::PREFIX, phase.id);
    let body = dto::Consultation::at(phase, consultation, &process.display_zone, (state.clock)());
    Ok(created(&location, body))
}

/// One consultation with its questionnaire.
#[utoipa::path(
    get,
    operation_id = "getConsultation",
    path = "/api/v1/consultations/{id}",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id (its phase's)")),
    responses(
        (status = 200, description = "The consultation", body = ConsultationDetail),
        NotFound,
    ),
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = load(&state, &id).await?;
    let questions = state.store.questions(found.phase.id).await?;
    Ok(Json(ConsultationDetail {
        consultation: dto::Consultation::at(
            found.phase,
            found.consultation,
            &found.process.display_zone,
            (state.clock)(),
        ),
        questions: questions.into_iter().map(Into::into).collect(),
    })
    .into_response())
}

/// Adds a question at the end of a consultation's questionnaire (its process's secretariat).
#[utoipa::path(
    post,
    operation_id = "addQuestion",
    path = "/api/v1/consultations/{id}/questions",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    request_body = NewQuestion,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Added", body = dto::Question,
            headers(("Location" = String, description = "The consultation the question belongs to"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn add_question(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewQuestion>,
) -> ApiResult {
    let found = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(found.process.id))?;
    let count = state.store.questions(found.phase.id).await?.len();
    let position = u32::try_from(count).unwrap_or(u32::MAX - 1) + 1;
    let question = QuestionDraft::from(input)
        .validate(found.phase.id, position)
        .map_err(|errors| {
            renamed(errors, |field| match field {
                "kind" => "kind.type".to_owned(),
                "choices" | "word_limit" => format!("kind.{field}"),
                other => other.to_owned(),
            })
        })?;
    state.store.create(ctx.actor(), &question).await?;
    let location = format!("{}/consultations/{}", super::PREFIX, found.phase.id);
    Ok(created(&location, dto::Question::from(question)))
}

/// The caller's own answer sheet for a consultation, draft or submitted.
#[utoipa::path(
    get,
    operation_id = "getOwnSubmission",
    path = "/api/v1/consultations/{id}/submission",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The caller's sheet", body = dto::Submission),
        SignedIn,
        NoSheet,
    ),
)]
pub async fn own_submission(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let user = signed_in(&ctx)?;
    let found = load(&state, &id).await?;
    let sheet = state
        .store
        .submission_of(found.phase.id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(dto::Submission::from(sheet)).into_response())
}

/// Saves the caller's answer sheet: a `draft` to come back to, or `submitted` to hand it in.
///
/// There is one sheet per person and consultation: saving again replaces its answers and keeps
/// its id and receipt, so sending the same request twice leaves the same sheet (PUT is
/// idempotent without further ado). A client that retries after an unanswered request should
/// still send an `Idempotency-Key`: the retry is then answered with what the first request
/// saved, marked `Idempotent-Replayed: true`, and is not saved (nor audited) a second time;
/// the same key with a different body is a 422 naming `idempotency_key`. Keys belong to the
/// account that sent them.
///
/// The consultation takes sheets from `opens_at` (included) to `closes_at` (excluded), to the
/// second, or until the end of a late window the secretariat granted the caller; outside those
/// hours the answer is a 422 `TimingProblem`, even for a retry of a request that was saved in
/// time (`GET` the sheet to see what was saved).
///
/// Each submission (`submitted`, not a replay) queues a receipt to the caller's email address,
/// in the language of the request, in the same transaction as the sheet; when the site has no
/// SMTP server the receipt is only written to the server's log.
#[utoipa::path(
    put,
    operation_id = "saveOwnSubmission",
    path = "/api/v1/consultations/{id}/submission",
    tag = "consultations",
    params(
        ("id" = Uuid, Path, description = "The consultation's id"),
        ("Idempotency-Key" = Option<String>, Header, max_length = 200,
            description = "Up to 200 visible ASCII characters naming this request, e.g. a UUID; \
                           a retry sends the same key with the same body."),
    ),
    request_body = NewSubmission,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved; the sheet as stored", body = dto::Submission,
            headers(("Idempotent-Replayed" = String,
                description = "`true` when this answers an earlier request with the same \
                               `Idempotency-Key`, which saved the sheet; absent otherwise"))),
        Eligible,
        NotFound,
        SheetBody,
        RateLimited,
    ),
)]
pub async fn save_submission(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    body: Fingerprinted<NewSubmission>,
) -> ApiResult {
    let user = signed_in(&ctx)?;
    if !state.may_save_answers(user.id, ctx.client_ip) {
        return Err(AppError::RateLimited.into());
    }
    let found = load(&state, &id).await?;
    let eligibility = found.consultation.eligibility;
    if !may_answer(eligibility, &ctx.grants, found.process.id, true) {
        return Err(AppError::Forbidden.into());
    }
    let now = (state.clock)();
    let late = state.store.late_window(found.phase.id, user.id).await?;
    if !on_time(&found.phase, now, late) {
        return Ok(not_open(&ctx, &found, now));
    }
    let (sheet, questions) = sheet_of(&state, &found, user.id, body.value, now).await?;
    let idempotency = key.as_deref().map(|k| (k, body.fingerprint.as_str()));
    let receipt = ReceiptLetter::new(
        ctx.lang,
        &user.email,
        &found.process,
        &found.phase,
        late,
        &questions,
    );
    let render = |s: &Submission| receipt.render(s);
    let saved = state
        .store
        .save_submission(
            ctx.actor(),
            &sheet,
            idempotency,
            receipt.has_recipient().then_some(&render as RenderReceipt),
        )
        .await?;
    if saved.submission.state == SubmissionState::Submitted {
        state.mail_queued();
    }
    let mut response = Json(dto::Submission::from(saved.submission)).into_response();
    if saved.replayed {
        response
            .headers_mut()
            .insert(REPLAYED, HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// The 422 for a sheet sent outside the consultation's hours: the instant it opens or closed,
/// in the organiser's zone and in UTC, and both instants as members.
fn not_open(ctx: &Ctx, found: &Found, now: Timestamp) -> Response {
    let phase = &found.phase;
    let (instant, label) = if now < phase.opens_at {
        (phase.opens_at, ctx.t("field-opens_at"))
    } else {
        (phase.closes_at, ctx.t("field-closes_at"))
    };
    let zone = &found.process.display_zone;
    let local = instant.to_zoned(TimeZone::get(zone).unwrap_or(TimeZone::UTC));
    let detail = format!(
        "{}: {label} {} ({zone}) = {} UTC",
        ctx.tp("phase-status-", phase.status(now).code()),
        local.strftime("%Y-%m-%d %H:%M:%S"),
        instant.strftime("%Y-%m-%d %H:%M:%S"),
    );
    let members = [
        ("opens_at".to_owned(), serde_json::json!(phase.opens_at)),
        ("closes_at".to_owned(), serde_json::json!(phase.closes_at)),
    ];
    extended(
        ctx,
        StatusCode::UNPROCESSABLE_ENTITY,
        &detail,
        members.into_iter().collect(),
    )
}

/// One answer as the core checks it: the values typed or ticked. A text or a number is one
/// value, a list is the ticked choices, null is none; anything else is no answer at all.
fn answer_values(value: &serde_json::Value) -> Option<Vec<String>> {
    use serde_json::Value;
    match value {
        Value::Null => Some(Vec::new()),
        Value::String(text) => Some(vec![text.clone()]),
        Value::Number(n) => Some(vec![n.to_string()]),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect(),
        Value::Bool(_) | Value::Object(_) => None,
    }
}

/// Checks a sheet against the questionnaire and the author's description of themselves, and
/// builds what the store saves (which keeps the id and receipt of an earlier sheet); returns
/// it with the questionnaire.
async fn sheet_of(
    state: &AppState,
    found: &Found,
    user_id: Uuid,
    input: NewSubmission,
    now: Timestamp,
) -> ApiResult<(Submission, Vec<Question>)> {
    let NewSubmission {
        state: code,
        public,
        author,
        answers,
    } = input;
    let mut errors = ValidationErrors::new();
    let sheet_state = SubmissionState::from_code(code.trim());
    if sheet_state.is_none() {
        let rule = match code.trim() {
            "" => ErrorCode::Required,
            _ => ErrorCode::InvalidChoice,
        };
        errors.push("state", rule);
    }
    let mut values = BTreeMap::new();
    for (key, value) in &answers {
        let field = format!("answers.{key}");
        match (Uuid::parse_str(key), answer_values(value)) {
            (Err(_), _) => errors.push(field, ErrorCode::NotFound),
            (_, None) => errors.push(field, ErrorCode::InvalidChoice),
            (Ok(id), Some(given)) => {
                values.insert(id, given);
            }
        }
    }
    let questions = state.store.questions(found.phase.id).await?;
    let complete = sheet_state == Some(SubmissionState::Submitted);
    let checked = check_answers(&questions, &values, complete).map_err(|e| {
        renamed(e, |field| {
            format!("answers.{}", field.strip_prefix("q-").unwrap_or(field))
        })
    });
    let groups = state.store.stakeholder_groups().await?;
    let author = AuthorDraft::from(author)
        .validate(&groups, &found.consultation)
        .map_err(|e| renamed(e, |field| format!("author.{field}")));
    let checked = both(checked, author);
    match (sheet_state, checked) {
        (Some(sheet_state), Ok((answers, author))) if errors.is_empty() => {
            let id = agora_core::new_id();
            let sheet = Submission {
                id,
                phase_id: found.phase.id,
                user_id: Some(user_id),
                imported: None,
                receipt: receipt_code(id),
                state: sheet_state,
                public: public.unwrap_or(found.consultation.public_by_default),
                author,
                answers,
                updated_at: now,
                submitted_at: None,
            };
            Ok((sheet, questions))
        }
        (_, checked) => {
            errors.0.extend(checked.err().unwrap_or_default().0);
            Err(errors.into())
        }
    }
}

/// Which sheet: the receipt given when it was first saved.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceiptQuery {
    /// The receipt code, in any case.
    #[param(example = "7KQ2-M9XW-4TRB")]
    #[serde(default)]
    pub receipt: String,
}

/// The answer sheet a receipt was given for: for its author, and for the secretariat of its
/// process (who may be asked about it on the phone). Codes are matched case-insensitively.
///
/// The receipt is a query parameter rather than a path segment: receipts are private, so
/// there is no public collection to list them from.
#[utoipa::path(
    get,
    operation_id = "findSubmissionByReceipt",
    path = "/api/v1/submissions",
    tag = "consultations",
    params(ReceiptQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The sheet", body = dto::Submission),
        NoReceiptGiven,
        SheetReaders,
        NoReceipt,
    ),
)]
pub async fn by_receipt(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(query): Query<ReceiptQuery>,
) -> ApiResult {
    let user = signed_in(&ctx)?;
    if query.receipt.trim().is_empty() {
        return Err(AppError::BadRequest.into());
    }
    let sheet = state
        .store
        .submission_by_receipt(&query.receipt)
        .await?
        .ok_or(AppError::NotFound)?;
    let phase = state
        .store
        .phase(sheet.phase_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if sheet.user_id != Some(user.id) && !ctx.permits(Action::ManageProcess(phase.process_id)) {
        return Err(AppError::Forbidden.into());
    }
    Ok(Json(dto::Submission::from(sheet)).into_response())
}

/// A consultation's published answers: the sheets handed in and left public by their
/// authors, oldest first, with each author's description of themselves as it was.
#[utoipa::path(
    get,
    operation_id = "listPublishedAnswers",
    path = "/api/v1/consultations/{id}/answers",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id"), PageQuery),
    responses(
        (status = 200, description = "A page of published sheets",
            body = Page<dto::PublishedSubmission>),
        BadQuery,
        NotFound,
    ),
)]
pub async fn published(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(page): Query<PageQuery>,
) -> ApiResult {
    let found = load(&state, &id).await?;
    let sheets = state
        .store
        .published_submissions(found.phase.id, &page.request()?)
        .await?;
    Ok(Json(Page::<dto::PublishedSubmission>::from_store(sheets)).into_response())
}

/// Gives one person until `until` to answer, whatever the closing instant (the process's
/// secretariat), e.g. after an outage on their side. Granting again replaces the window.
#[utoipa::path(
    post,
    operation_id = "grantLateWindow",
    path = "/api/v1/consultations/{id}/late-windows",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    request_body = NewLateWindow,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Granted"),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn grant_late_window(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewLateWindow>,
) -> ApiResult {
    let found = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(found.process.id))?;
    let mut errors = ValidationErrors::new();
    let email = normalise_email(&input.user_email);
    let user = match email.as_str() {
        "" => None,
        email => state
            .store
            .user_with_hash(email)
            .await?
            .map(|(user, _)| user),
    };
    if user.is_none() {
        let rule = match email.as_str() {
            "" => ErrorCode::Required,
            _ => ErrorCode::NotFound,
        };
        errors.push("user_email", rule);
    }
    let zone = TimeZone::get(&found.process.display_zone).unwrap_or(TimeZone::UTC);
    let until = parse_instant_in(&input.until, &zone);
    if until.is_none() {
        let rule = match input.until.trim() {
            "" => ErrorCode::Required,
            _ => ErrorCode::InvalidInstant,
        };
        errors.push("until", rule);
    }
    let (Some(user), Some(until)) = (user, until) else {
        return Err(errors.into());
    };
    state
        .store
        .grant_late_window(ctx.actor(), found.phase.id, user.id, until)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// How many sheets were handed in, in all and by stakeholder group, region and language:
/// every submitted sheet, published or not, except those hidden by moderation.
#[utoipa::path(
    get,
    operation_id = "getConsultationStatistics",
    path = "/api/v1/consultations/{id}/statistics",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The counts", body = dto::Counts),
        NotFound,
    ),
)]
pub async fn statistics(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = load(&state, &id).await?;
    let counts = state
        .store
        .answer_counts(found.phase.id, &AnswerFilter::public_statistics())
        .await?;
    Ok(Json(dto::Counts::from(counts)).into_response())
}
