//! Server-rendered pages. Each submodule owns one area's routes, handlers and templates;
//! this module holds what they share: rendering, the CSRF-checked form extractor, and the
//! authorization guard.

mod account;
mod acronyms;
mod admin;
mod calendar;
pub(crate) mod consultations;
mod conversation_import;
mod conversation_map;
pub(crate) mod conversations;
pub(crate) mod decisions;
mod directory;
pub(crate) mod exports;
mod glossary;
mod home;
mod import_mapping;
mod imports;
pub(crate) mod meetings;
mod policy;
mod processes;
pub(crate) mod proposals;
pub(crate) mod reviews;
mod search;
pub(crate) mod timetable;
mod transcript_review;
pub(crate) mod transcripts;

use agora_core::auth::Action;
use agora_core::calendar::Event;
use agora_core::process::Process;
use agora_core::{ErrorCode, ValidationErrors};
use agora_store::{Cursor, Insert, PageRequest, StoreError};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::AppState;
use crate::auth::csrf_matches;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::upload::Upload;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(policy::routes())
        .merge(processes::routes())
        .merge(meetings::routes())
        .merge(conversations::routes())
        .merge(proposals::routes())
        .merge(reviews::routes())
        .merge(timetable::routes())
        .merge(decisions::routes())
        .merge(conversation_map::routes())
        .merge(conversation_import::routes())
        .merge(consultations::routes())
        .merge(imports::routes())
        .merge(exports::routes())
        .merge(calendar::routes())
        .merge(glossary::routes())
        .merge(search::routes())
        .merge(directory::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(transcripts::routes())
        .merge(acronyms::routes())
        .merge(transcript_review::routes())
}

/// Renders a template as a 200 HTML page.
pub(crate) fn page(template: impl Template) -> AppResult {
    Ok(Html(template.render()?).into_response())
}

/// Renders a template with another status (422 for a rejected form).
pub(crate) fn page_with_status(status: StatusCode, template: impl Template) -> AppResult {
    Ok((status, Html(template.render()?)).into_response())
}

/// Refuses the request unless the signed-in account may do `action`: visitors are sent to
/// sign in (401), accounts without the role get 403.
pub(crate) fn require(ctx: &Ctx, action: Action) -> Result<(), AppError> {
    if ctx.user.is_none() {
        Err(AppError::Unauthenticated)
    } else if ctx.permits(action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A submitted form whose `csrf` field matched the visitor's CSRF cookie. Extracting it is
/// the CSRF check: every state-changing page handler takes one.
pub(crate) struct CsrfForm {
    pub pairs: Vec<(String, String)>,
    body: Bytes,
}

impl CsrfForm {
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Deserialises the form into a draft type (unknown fields such as `csrf` are ignored).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_html_form::from_bytes(&self.body).map_err(|_| AppError::BadRequest)
    }

    /// Whether the checkbox `name` was ticked (browsers post `on`; `true` is accepted too).
    pub fn checked(&self, name: &str) -> bool {
        self.pairs
            .iter()
            .any(|(k, v)| k == name && matches!(v.as_str(), "on" | "true"))
    }

    /// Like [`CsrfForm::parse`], for drafts with `bool` fields filled by the checkboxes
    /// `boxes`: a browser posts `on` for a ticked box, which is not a `bool`.
    pub fn parse_with_boxes<T: DeserializeOwned>(&self, boxes: &[&str]) -> Result<T, AppError> {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, _)| !boxes.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(
                boxes
                    .iter()
                    .map(|b| (*b, if self.checked(b) { "true" } else { "false" })),
            )
            .collect();
        let body = serde_html_form::to_string(&pairs).map_err(|_| AppError::BadRequest)?;
        serde_html_form::from_str(&body).map_err(|_| AppError::BadRequest)
    }
}

/// The CSRF check of every page form: the `csrf` field it `submitted` must equal the token of
/// the visitor's CSRF cookie, compared in constant time.
fn check_csrf(ctx: &Ctx, submitted: &str) -> Result<(), AppError> {
    if csrf_matches(&ctx.csrf, submitted) {
        Ok(())
    } else {
        Err(AppError::Csrf)
    }
}

/// The request context the middleware put on every request.
fn ctx_of(request: &Request) -> Result<Ctx, AppError> {
    request
        .extensions()
        .get::<Ctx>()
        .cloned()
        .ok_or(AppError::BadRequest)
}

impl FromRequest<AppState> for CsrfForm {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = ctx_of(&request)?;
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::BadRequest);
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest
                }
            })?;
        let pairs: Vec<(String, String)> =
            serde_html_form::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
        let submitted = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map_or("", |(_, v)| v.as_str());
        check_csrf(&ctx, submitted)?;
        Ok(CsrfForm { pairs, body })
    }
}

/// A submitted `multipart/form-data` form (one with a file) whose `csrf` field matched the
/// visitor's CSRF cookie: [`CsrfForm`] for uploads. Its route must be an
/// [`upload_route`](crate::upload::upload_route), which sets the body limit it reads within.
pub(crate) struct CsrfMultipart(pub Upload);

impl FromRequest<AppState> for CsrfMultipart {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = ctx_of(&request)?;
        let upload = Upload::read(request, state.config.upload_limit).await?;
        check_csrf(&ctx, upload.text("csrf"))?;
        Ok(CsrfMultipart(upload))
    }
}

/// A page holding one form (the `new` pages, sign-in, sign-up).
#[derive(Template)]
#[template(path = "form.html")]
pub(crate) struct FormPage {
    pub ctx: Ctx,
    pub form: FormView,
}

/// Turns a store refusal that names a field (taken, or pointing nowhere) into a validation
/// error on that field; other store errors stay errors.
pub(crate) fn field_error(error: StoreError) -> Result<ValidationErrors, AppError> {
    match error {
        StoreError::Conflict { field } => Ok(ValidationErrors::single(field, ErrorCode::Duplicate)),
        StoreError::MissingReference { field } => {
            Ok(ValidationErrors::single(field, ErrorCode::NotFound))
        }
        other => Err(other.into()),
    }
}

/// Saves a validated record and redirects to `redirect(record)`. A draft that did not validate,
/// or a record the store refused (a taken name, a reference to nothing), re-renders the form
/// from `view` with 422, the submitted values kept and each error next to its field.
pub(crate) async fn save_or_explain<R: Insert>(
    state: &AppState,
    ctx: &Ctx,
    form: &CsrfForm,
    validated: Result<R, ValidationErrors>,
    redirect: impl FnOnce(&R) -> String,
    view: impl Future<Output = Result<FormView, AppError>>,
) -> AppResult {
    match created(state, ctx, validated).await? {
        Ok(record) => Ok(Redirect::to(&redirect(&record)).into_response()),
        Err(errors) => rejected(ctx, view.await?, form, &errors),
    }
}

/// Saves a validated record; gives it back, or the errors to show next to the fields (the
/// draft's own, or the store's refusal of a taken name or a reference to nothing).
pub(crate) async fn created<R: Insert>(
    state: &AppState,
    ctx: &Ctx,
    validated: Result<R, ValidationErrors>,
) -> Result<Result<R, ValidationErrors>, AppError> {
    let record = match validated {
        Ok(record) => record,
        Err(errors) => return Ok(Err(errors)),
    };
    match state.store.create(ctx.actor(), &record).await {
        Ok(()) => Ok(Ok(record)),
        Err(refused) => Ok(Err(field_error(refused)?)),
    }
}

/// The form again, with 422, the submitted values and the errors.
pub(crate) fn rejected(
    ctx: &Ctx,
    view: FormView,
    form: &CsrfForm,
    errors: &ValidationErrors,
) -> AppResult {
    let form = view.with_values(&form.pairs).with_errors(ctx, errors);
    page_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        FormPage {
            ctx: ctx.clone(),
            form,
        },
    )
}

/// The `?after=` cursor of a listing that shows [`PAGE_SIZE`] items a page.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct Paging {
    pub after: String,
}

pub(crate) const PAGE_SIZE: u32 = 50;

impl Paging {
    pub fn request(&self) -> Result<PageRequest, AppError> {
        let after = if self.after.is_empty() {
            None
        } else {
            Some(Cursor::decode(&self.after)?)
        };
        Ok(PageRequest {
            limit: PAGE_SIZE,
            after,
        })
    }
}

/// The process a path names by its slug (404 when there is none).
pub(crate) async fn process_by_slug(
    state: &AppState,
    slug: &str,
) -> Result<agora_core::process::Process, AppError> {
    state
        .store
        .process_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// An id from the path; one that is not a UUID names nothing (404, not 400).
pub(crate) fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

/// The stakeholder groups as select options, in the deployment's order.
pub(crate) async fn group_options(
    state: &AppState,
    ctx: &Ctx,
) -> Result<Vec<(String, String)>, AppError> {
    let groups = state.store.stakeholder_groups().await?;
    Ok(groups
        .codes()
        .iter()
        .map(|g| (g.clone(), ctx.group(g)))
        .collect())
}

/// The UN M49 regions as select options, after a "(none)".
pub(crate) fn region_options(ctx: &Ctx) -> Vec<(String, String)> {
    let mut regions = vec![(String::new(), ctx.t("option-none"))];
    regions.extend(
        agora_core::geo::REGIONS
            .iter()
            .map(|r| ((*r).to_owned(), ctx.tp("region-", r))),
    );
    regions
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/agora.css"),
    )
        .into_response()
}

/// Where the live queue's script is served. A fixed path, cached for an hour like the
/// stylesheet; `script-src 'self'` allows it and nothing inline.
pub const QUEUE_SCRIPT: &str = "/assets/queue.js";

pub async fn queue_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/queue.js"),
    )
        .into_response()
}

/// An event as listed, with the process it belongs to when it belongs to one.
pub(crate) struct EventRow {
    pub event: Event,
    pub process: Option<Process>,
}

impl EventRow {
    /// A row that names no process (on the process's own page, say).
    pub fn bare(event: Event) -> Self {
        EventRow {
            event,
            process: None,
        }
    }
}

/// Pairs events with their processes, reading each distinct process once.
pub(crate) async fn event_rows(
    state: &AppState,
    events: Vec<Event>,
) -> Result<Vec<EventRow>, AppError> {
    let mut processes: Vec<Process> = Vec::new();
    for id in events.iter().filter_map(|e| e.process_id) {
        if !processes.iter().any(|p| p.id == id)
            && let Some(process) = state.store.process(id).await?
        {
            processes.push(process);
        }
    }
    Ok(events
        .into_iter()
        .map(|event| {
            let process = event
                .process_id
                .and_then(|id| processes.iter().find(|p| p.id == id).cloned());
            EventRow { event, process }
        })
        .collect())
}

/// Formats an instant in a zone as the organiser shows it, e.g. `2013-07-15 23:59:59 CEST`.
pub(crate) fn in_zone(instant: jiff::Timestamp, zone: &str) -> String {
    match jiff::tz::TimeZone::get(zone) {
        Ok(tz) => instant
            .to_zoned(tz)
            .strftime("%Y-%m-%d %H:%M:%S %Z")
            .to_string(),
        Err(_) => instant.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
    }
}
