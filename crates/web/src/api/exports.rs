//! Open data through the API: a consultation's answers as the same files the pages offer for
//! download (`pages/exports.rs` decides who gets what, for both).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::{ApiError, BadQuery, NotFound, Restricted, Unspreadable, localised};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::exports::{AnswersExport, Format, Scope};
use crate::pages::exports::{Refusal, download};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv`, `xlsx`, `json`, or `map`: the column map (TOML) with which `agora import
    /// responses` reads the CSV or XLSX file back in.
    #[param(inline)]
    pub format: Format,
    /// `public` (default): the published answers, for anyone. `all`: every submitted sheet,
    /// confidential and hidden ones included, with the secretariat's columns (moderation and
    /// its reason, tags, receipt, import origin): the process's secretariat only.
    #[serde(default)]
    #[param(inline)]
    pub scope: Scope,
}

/// A consultation's answers as a file (open data).
///
/// CSV (RFC 4180, UTF-8, a header row) and XLSX (one worksheet, `Answers`, every cell a
/// string) share their columns: `id`, `submitted_at` (RFC 3339, UTC), `stakeholder_group`,
/// `country`, `region`, `organisation`, `on_behalf`, `lang`, then one column per question
/// headed by its number and text (`Q1. …`; choices of a multiple choice joined by `;`, a
/// scale as its number, an unanswered question empty), then with `scope=all` `published`,
/// `public_by_author`, `visibility`, `moderation_reason`, `tags`, `receipt`, `import_batch`,
/// `import_row`, `respondent_name`, `respondent_email`. JSON is one `AnswersExport` object.
/// CSV cells are exact: one that begins with `=` may be read as a formula by a spreadsheet
/// program that opens the file, so spreadsheet users should take XLSX.
///
/// CSV and JSON are streamed as they are read, oldest sheet first; XLSX is sent once complete.
#[utoipa::path(
    get,
    operation_id = "exportAnswers",
    path = "/api/v1/consultations/{id}/export",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id"), ExportQuery),
    security((), ("session" = [])),
    responses(
        (status = 200, description = "The file, as an attachment with a file name",
            content(
                (AnswersExport = "application/json"),
                (String = "text/csv"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (String = "application/toml"),
            ),
            headers(("Content-Disposition" = String,
                description = "`attachment` with a file name, e.g. \
                               `wgec-2013-questionnaire-answers.csv`"))),
        BadQuery,
        Restricted,
        NotFound,
        Unspreadable,
    ),
)]
pub async fn export(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Response {
    match download(&state, &ctx, &id, query.scope, query.format).await {
        Ok(file) => file,
        Err(Refusal::App(error)) => ApiError::App(error).into_response(),
        Err(Refusal::Unspreadable(detail)) => localised(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(&detail),
            Vec::new(),
        ),
        Err(Refusal::Failed) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
