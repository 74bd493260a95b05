//! Bulk import of answers through the API: a file and its column map in one request, checked
//! exactly as `agora import responses` and the import pages check them, and stored all or
//! none; `?dry_run=true` checks and reports without storing.

use std::sync::Arc;

use agora_core::auth::Action;
use agora_import::{ColumnMap, Encoding, ImportError, RowError};
use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use utoipa::IntoParams;

use super::consultations::load;
use super::dto::{ImportParts, ImportReport, ImportedSheet};
use super::problem::{ApiResult, Guarded, ImportBody, ImportFault, ImportProblem, NotFound};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::importing::{self, PREVIEW_ROWS, Target, file_error, reason};
use crate::pages::require;
use crate::upload::Upload;

/// How to import.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check the file and report as for an import, without storing anything.
    #[serde(default)]
    pub dry_run: bool,
    /// How a CSV file without a byte-order mark is encoded: `utf-8` (the default), `latin1`
    /// (Windows-1252) or `utf-16` (little-endian). A mark, when there is one, decides.
    #[param(example = "latin1")]
    pub encoding: Option<String>,
}

/// Imports answers collected elsewhere (a survey tool's CSV or XLSX export, a compilation
/// typed into a sheet) into a consultation (its process's secretariat).
///
/// The request is `multipart/form-data` with the `file` and its column `map` (`MAP.toml`, as
/// `agora import responses --map` takes it, and as the import page offers it for download).
/// Every row is checked like an answer given on the web; when any is refused, nothing is
/// stored and the problem lists every refused cell with its row, column and reason. Each
/// stored row becomes a submitted answer sheet without an account, published as the
/// consultation's `public_by_default` says, filed under one import `batch`, and the whole
/// import is one entry of the audit log. Bodies may be as large as the server's upload limit
/// (64 MiB unless configured otherwise), not just the usual body limit.
#[utoipa::path(
    post,
    operation_id = "importAnswers",
    path = "/api/v1/consultations/{id}/imports",
    tag = "consultations",
    params(("id" = Uuid, Path, description = "The consultation's id"), ImportQuery),
    request_body(content = ImportParts, content_type = "multipart/form-data"),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Every row passed: stored, or on a dry run what would be",
            body = ImportReport),
        Guarded,
        NotFound,
        ImportBody,
    ),
)]
pub async fn import(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<ImportQuery>,
    request: Request,
) -> ApiResult {
    let found = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(found.process.id))?;
    // Read only once the caller may import: nobody else makes the server take in a large body.
    let mut body = Upload::read(request, state.config.upload_limit).await?;
    let (parts, encoding) = match parts_of(&ctx, &mut body, query.encoding.as_deref()) {
        Ok(found) => found,
        Err(faults) => return Ok(refused(&ctx, faults)),
    };
    let map = match ColumnMap::parse(&parts.map) {
        Ok(map) => map,
        Err(error) => return Ok(unreadable(&ctx, &error)),
    };
    let target = Target::load(&state, found.phase, found.consultation).await?;
    let table = match importing::read_table(Arc::new(parts.file), encoding, map.sheet.clone()).await
    {
        Ok(table) => table,
        Err(error) => return Ok(unreadable(&ctx, &error)),
    };
    let rows = table.rows.len();
    let checked = match importing::check(target.clone(), table, map).await {
        Ok(checked) => checked,
        Err(error) => return Ok(unreadable(&ctx, &error)),
    };
    if !checked.errors.is_empty() {
        return Ok(row_errors(&ctx, &checked.errors));
    }
    let preview = checked
        .sheets
        .iter()
        .take(PREVIEW_ROWS)
        .map(ImportedSheet::from)
        .collect();
    let batch = if query.dry_run {
        None
    } else {
        Some(importing::commit(&state, ctx.actor(), &target, checked.sheets, None).await?)
    };
    Ok(Json(ImportReport {
        rows,
        imported: batch.is_some(),
        batch,
        preview,
    })
    .into_response())
}

/// The file, the map and the encoding of a request, or a fault for each that is missing or
/// unknown.
fn parts_of(
    ctx: &Ctx,
    body: &mut Upload,
    encoding: Option<&str>,
) -> Result<(ImportParts, Encoding), Vec<ImportFault>> {
    let fault = |field: &str, code: agora_core::ErrorCode| ImportFault {
        row: None,
        column: None,
        field: field.to_owned(),
        code: code.name().to_owned(),
        max: None,
        message: crate::form::error_message(
            ctx,
            &agora_core::FieldError {
                field: field.to_owned(),
                code,
            },
        ),
    };
    let mut faults = Vec::new();
    let encoding = match encoding.map(str::trim) {
        None | Some("") => Some(Encoding::Auto),
        Some(name) => Encoding::from_name(name),
    };
    if encoding.is_none() {
        faults.push(fault("encoding", agora_core::ErrorCode::InvalidChoice));
    }
    let file = body.take_file("file");
    if file.is_none() {
        faults.push(fault("file", agora_core::ErrorCode::Required));
    }
    let map = body.text("map").to_owned();
    if map.trim().is_empty() {
        faults.push(fault("map", agora_core::ErrorCode::Required));
    }
    match (file, encoding) {
        (Some(file), Some(encoding)) if faults.is_empty() => Ok((
            ImportParts {
                file: file.bytes,
                map,
            },
            encoding,
        )),
        _ => Err(faults),
    }
}

fn refused(ctx: &Ctx, faults: Vec<ImportFault>) -> Response {
    ImportProblem::respond(ctx, ctx.t("status-422-detail"), faults)
}

/// A file that cannot be read, or a map that is invalid or does not fit it: one fault.
fn unreadable(ctx: &Ctx, error: &ImportError) -> Response {
    let (field, code) = match error {
        ImportError::Encoding { .. } => ("file", "encoding"),
        ImportError::Csv { .. } => ("file", "csv"),
        ImportError::Ragged { .. } => ("file", "ragged-row"),
        ImportError::Xlsx(_) => ("file", "xlsx"),
        ImportError::Empty => ("file", "empty"),
        ImportError::Rows(_) => ("file", "rows"),
        ImportError::NoSuchSheet(_) => ("map", "no-such-sheet"),
        ImportError::Map(_) => ("map", "invalid-map"),
        ImportError::NoSuchQuestion(_) => ("map", "no-such-question"),
        ImportError::NoSuchZone(_) => ("map", "no-such-time-zone"),
        ImportError::MissingColumn { .. } => ("map", "missing-column"),
    };
    let message = file_error(ctx, error);
    let fault = ImportFault {
        row: None,
        column: None,
        field: field.to_owned(),
        code: code.to_owned(),
        max: None,
        message: message.clone(),
    };
    ImportProblem::respond(ctx, message, vec![fault])
}

/// Refused rows: every refused cell with its row, column and reason.
fn row_errors(ctx: &Ctx, errors: &[RowError]) -> Response {
    let detail = ctx.lang.t_args(
        "import-error-rows",
        &[("count", FluentValue::from(errors.len() as u64))],
    );
    let faults = errors
        .iter()
        .map(|e| ImportFault {
            row: Some(e.row),
            column: e.column.clone(),
            field: e.field.clone(),
            code: e.code.name().to_owned(),
            max: e.code.limit(),
            message: reason(ctx, e),
        })
        .collect();
    ImportProblem::respond(ctx, detail, faults)
}
