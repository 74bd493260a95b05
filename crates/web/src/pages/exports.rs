//! Downloads of a consultation's answers (open data): `answers.csv`, `answers.xlsx`,
//! `answers.json` and the column map `answers.map.toml`, for anyone; with `?scope=all`, every
//! submitted sheet for the process's secretariat. The API's export (`api/exports.rs`) answers
//! through [`download`] too, so both decide alike; only their refusals look different.

use agora_core::auth::Action;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use fluent_templates::fluent_bundle::FluentValue;
use futures_util::TryStreamExt;
use serde::Deserialize;

use super::{parse_id, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, explained};
use crate::exports::{Export, ExportError, Format, Scope, Source, export};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/consultations/{id}/answers.csv", file(Format::Csv))
        .route("/consultations/{id}/answers.xlsx", file(Format::Xlsx))
        .route("/consultations/{id}/answers.json", file(Format::Json))
        .route("/consultations/{id}/answers.map.toml", file(Format::Map))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ScopeQuery {
    scope: Scope,
}

/// The route of one file.
fn file(format: Format) -> MethodRouter<AppState> {
    get(
        move |State(state): State<AppState>,
              ctx: CtxExt,
              Path(id): Path<String>,
              Query(query): Query<ScopeQuery>| async move {
            match download(&state, &ctx, &id, query.scope, format).await {
                Ok(file) => file,
                Err(Refusal::App(error)) => error.into_response(),
                Err(Refusal::Unspreadable(message)) => {
                    explained(&ctx, StatusCode::UNPROCESSABLE_ENTITY, message)
                }
                Err(Refusal::Failed) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        },
    )
}

/// Why there is no file.
pub(crate) enum Refusal {
    App(AppError),
    /// The answers do not fit in a spreadsheet; the message, in the user's language, says
    /// which and to download CSV or JSON instead.
    Unspreadable(String),
    /// The file could not be written (logged); a bare 500 that the middleware renders.
    Failed,
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Self {
        Refusal::App(error)
    }
}

/// The file of consultation `id`'s answers in `scope`, as `format`, or why not: 404 for no
/// such consultation, and for `Scope::All` 401 or 403 unless the account runs its process.
pub(crate) async fn download(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    scope: Scope,
    format: Format,
) -> Result<Response, Refusal> {
    let id = parse_id(id)?;
    let source = Source::load(&state.store, id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    if scope == Scope::All {
        require(ctx, Action::ManageProcess(source.process.id))?;
    }
    let made = export(state.store.clone(), &source, scope, format, (state.clock)()).await;
    let body = match made.map_err(|error| refusal(ctx, error))? {
        Export::Whole(bytes) => Body::from(bytes),
        // The status is sent by then: a failure can only cut the download short (and the
        // client sees it end without its closing part).
        Export::Stream(chunks) => Body::from_stream(
            chunks.inspect_err(|error| tracing::error!(%error, "an export stopped mid-way")),
        ),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    let disposition = format!(
        "attachment; filename=\"{}\"",
        source.filename(scope, format)
    );
    if let Ok(disposition) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    // Confidential answers must not linger in shared caches or the browser's.
    let cache = match scope {
        Scope::Public => "no-cache",
        Scope::All => "private, no-store",
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

fn refusal(ctx: &Ctx, error: ExportError) -> Refusal {
    match error {
        ExportError::Store(error) => Refusal::App(error.into()),
        ExportError::CellTooLong { sheet, column } => Refusal::Unspreadable(ctx.lang.t_args(
            "exports-cell-too-long",
            &[
                ("sheet", FluentValue::from(sheet.to_string())),
                ("column", FluentValue::from(column)),
            ],
        )),
        ExportError::TooManyRows => Refusal::Unspreadable(ctx.t("exports-too-many-rows")),
        ExportError::Xlsx(message) => {
            tracing::error!(%message, "an XLSX export failed");
            Refusal::Failed
        }
    }
}
