//! Server-rendered pages. Each submodule owns one area's routes, handlers and templates;
//! this module holds what they share: rendering, the CSRF-checked form extractor, and the
//! authorization guard.

mod account;
mod admin;
mod calendar;
mod directory;
mod glossary;
mod home;
mod processes;

use agora_core::auth::Action;
use agora_core::calendar::Event;
use agora_core::process::Process;
use agora_core::{ErrorCode, ValidationErrors};
use agora_store::{Insert, StoreError};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::auth::csrf_matches;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(processes::routes())
        .merge(calendar::routes())
        .merge(glossary::routes())
        .merge(directory::routes())
        .merge(account::routes())
        .merge(admin::routes())
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
}

impl FromRequest<AppState> for CsrfForm {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = request
            .extensions()
            .get::<Ctx>()
            .cloned()
            .ok_or(AppError::BadRequest)?;
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
        if !csrf_matches(&ctx.csrf, submitted) {
            return Err(AppError::Csrf);
        }
        Ok(CsrfForm { pairs, body })
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
    let errors = match validated {
        Ok(record) => match state
            .store
            .create(ctx.user.as_ref().map(|u| u.id), &record)
            .await
        {
            Ok(()) => return Ok(Redirect::to(&redirect(&record)).into_response()),
            Err(refused) => field_error(refused)?,
        },
        Err(errors) => errors,
    };
    rejected(ctx, view.await?, form, &errors)
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
