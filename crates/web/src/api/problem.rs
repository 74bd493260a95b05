//! Errors as API clients meet them: RFC 9457 `application/problem+json` documents, and the
//! OpenAPI responses that describe them.
//!
//! Handlers return [`ApiError`]. Most variants are the pages' [`AppError`], which the context
//! middleware already renders as a localised problem under `/api/`. A validation failure needs
//! the field list in its body, so it travels as a bare 422 carrying the errors in a response
//! extension, and [`render_invalid`] (a layer on the API router, where the request context is
//! at hand) writes the problem in the client's language. That way `?` works on validation and
//! store results alike, with no `Ctx` to thread through.

use std::collections::BTreeMap;

use agora_core::ValidationErrors;
use agora_store::StoreError;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::{Ref, RefOr, ResponseBuilder, Type};
use utoipa::{IntoResponses, ToSchema};

use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, problem};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    Invalid(ValidationErrors),
}

pub type ApiResult<T = Response> = Result<T, ApiError>;

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError::App(error)
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        ApiError::Invalid(errors)
    }
}

/// A store refusal that names a field (taken, or pointing nowhere) is the client's mistake:
/// 422 on that field, as the pages do it. Everything else keeps its status.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match crate::pages::field_error(error) {
            Ok(fields) => ApiError::Invalid(fields),
            Err(other) => ApiError::App(other),
        }
    }
}

/// The rejected fields of a 422, waiting for [`render_invalid`].
#[derive(Clone)]
struct InvalidFields(ValidationErrors);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::App(error) => error.into_response(),
            ApiError::Invalid(errors) => {
                let mut response = StatusCode::UNPROCESSABLE_ENTITY.into_response();
                response.extensions_mut().insert(InvalidFields(errors));
                response
            }
        }
    }
}

/// Writes the problem document of a validation failure: each field with its rule code (and
/// limit), plus the rule as a sentence in the client's language.
pub async fn render_invalid(ctx: CtxExt, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<InvalidFields>() {
        Some(InvalidFields(errors)) => invalid(&ctx, &errors),
        None => response,
    }
}

fn invalid(ctx: &Ctx, errors: &ValidationErrors) -> Response {
    localised(
        ctx,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        field_problems(ctx, errors),
    )
}

/// The `errors` member of a problem: each field with its rule code (and limit), plus the rule
/// as a sentence in the client's language.
pub fn field_problems(ctx: &Ctx, errors: &ValidationErrors) -> Vec<serde_json::Value> {
    errors
        .0
        .iter()
        .map(|error| {
            let mut value = serde_json::to_value(error).unwrap_or_default();
            value["message"] = crate::form::error_message(ctx, error).into();
            value
        })
        .collect()
}

/// A problem with extension members (RFC 9457 section 3.2) besides the standard ones, for
/// what a client can act on without parsing `detail`.
pub fn extended(
    ctx: &Ctx,
    status: StatusCode,
    detail: &str,
    members: serde_json::Map<String, serde_json::Value>,
) -> Response {
    let code = status.as_u16();
    let mut body = serde_json::json!({
        "type": format!("/problems/{code}"),
        "title": ctx.t(&format!("status-{code}-title")),
        "status": code,
        "detail": detail,
    });
    if let Some(fields) = body.as_object_mut() {
        fields.extend(members);
    }
    (
        status,
        [(axum::http::header::CONTENT_TYPE, PROBLEM_JSON)],
        body.to_string(),
    )
        .into_response()
}

/// A problem with the localised title of its status, and the given detail or the status's own.
pub fn localised(
    ctx: &Ctx,
    status: StatusCode,
    detail: Option<&str>,
    errors: Vec<serde_json::Value>,
) -> Response {
    let code = status.as_u16();
    let title = ctx.t(&format!("status-{code}-title"));
    let detail = detail.map_or_else(|| ctx.t(&format!("status-{code}-detail")), str::to_owned);
    problem(status, &title, &detail, errors)
}

/// An RFC 9457 problem document as Agora writes it.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem, `/problems/<status>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's name, in the client's language.
    pub title: String,
    pub status: u16,
    /// What went wrong, in the client's language.
    pub detail: String,
    /// The rejected fields of a 422.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One rejected field.
#[derive(Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name as sent, with an index for list items, e.g. `expansions[1].lang`.
    #[schema(example = "title")]
    pub field: String,
    /// The rule it broke: `required`, `too-long`, `duplicate`, `not-found`, `invalid-*`…
    #[schema(example = "required")]
    pub code: String,
    /// The longest allowed, with `too-long`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    /// The shortest allowed, with `too-short`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<usize>,
    /// The rule as a sentence in the client's language.
    pub message: String,
}

/// A 422 for an answer sheet sent while its consultation is not open (to the sender: a late
/// window granted to them counts as open): the problem, plus the instants it is open between.
#[derive(Serialize, ToSchema)]
pub struct TimingProblem {
    #[serde(flatten)]
    pub problem: Problem,
    pub opens_at: jiff::Timestamp,
    /// Excluded: a sheet sent at this instant is late.
    pub closes_at: jiff::Timestamp,
}

/// A 422 for a file that cannot be imported: why, and every refused cell with its row and
/// column (or the one fault of the whole file or map).
#[derive(Serialize, ToSchema)]
pub struct ImportProblem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, in the client's language.
    pub detail: String,
    pub errors: Vec<ImportFault>,
}

/// One fault of an import: a refused cell, or what is wrong with the whole file or map.
#[derive(Serialize, ToSchema)]
pub struct ImportFault {
    /// The row as a spreadsheet numbers it (the header is row 1); absent for a fault of the
    /// whole file or map.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 3)]
    pub row: Option<usize>,
    /// The column's header, when one column is at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "Country")]
    pub column: Option<String>,
    /// What the column is mapped to (`author.country`, `answers.2`, `respondent.email`…), or
    /// the part at fault: `file`, `map`, `encoding`.
    #[schema(example = "author.country")]
    pub field: String,
    /// The rule a cell broke (`required`, `invalid-country`, `too-many-words`…), or what is
    /// wrong with the file (`encoding`, `csv`, `ragged-row`, `xlsx`, `empty`) or the map
    /// (`invalid-map`, `missing-column`, `no-such-sheet`, `no-such-question`,
    /// `no-such-time-zone`).
    #[schema(example = "invalid-country")]
    pub code: String,
    /// The limit, with `too-long` and `too-many-words`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    /// The fault as a sentence in the client's language.
    pub message: String,
}

impl ImportProblem {
    /// The 422 response, titled in the client's language.
    pub fn respond(ctx: &Ctx, detail: String, errors: Vec<ImportFault>) -> Response {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let body = ImportProblem {
            kind: format!("/problems/{}", status.as_u16()),
            title: ctx.t("status-422-title"),
            status: status.as_u16(),
            detail,
            errors,
        };
        (
            status,
            [(axum::http::header::CONTENT_TYPE, PROBLEM_JSON)],
            serde_json::to_string(&body).unwrap_or_default(),
        )
            .into_response()
    }
}

// The error responses of the OpenAPI document. Each marker type stands for the problems one
// situation can cause, so a handler's `responses(...)` names situations and the statuses and
// descriptions stay the same everywhere.

fn problems(entries: &[(u16, &str)]) -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
    entries
        .iter()
        .map(|(status, description)| {
            let mut response = ResponseBuilder::new().description(*description).content(
                PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            );
            if *status == 429 {
                response = response.header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(utoipa::openapi::schema::Object::with_type(Type::Integer))
                        .description(Some("Seconds to wait before trying again."))
                        .build(),
                );
            }
            (status.to_string(), response.build().into())
        })
        .collect()
}

macro_rules! problem_responses {
    ($($(#[$doc:meta])* $name:ident => [$(($status:expr, $description:expr)),+ $(,)?];)+) => {$(
        $(#[$doc])*
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
                problems(&[$(($status, $description)),+])
            }
        }
    )+};
}

problem_responses! {
    /// A list's query: a cursor that is not one of ours, or a limit that is not a number.
    BadQuery => [(400, "The cursor or another query parameter is malformed.")];
    /// A JSON request body.
    BadBody => [
        (400, "The body is not well-formed JSON."),
        (413, "The body is larger than the server accepts."),
        (415, "The body is not sent as `application/json`."),
        (422, "The body is valid JSON but not a valid input; `errors` names each field."),
    ];
    /// An operation for signed-in accounts only, without a body.
    SignedIn => [(401, "Not signed in.")];
    /// A write needing a role: every such write also checks the CSRF header.
    Guarded => [
        (401, "Not signed in."),
        (403, "The account lacks the role, or the `X-CSRF-Token` header is missing or wrong."),
    ];
    /// A read needing a role.
    Restricted => [
        (401, "Not signed in."),
        (403, "The account lacks the role."),
    ];
    /// A write open to everyone that still checks the CSRF header.
    CsrfOnly => [(403, "The `X-CSRF-Token` header is missing or wrong.")];
    /// An item addressed by slug or id.
    NotFound => [(404, "Nothing has this slug or id.")];
    /// Sign-in attempts, and answer sheets saved per account and per address.
    RateLimited => [(429, "Too many attempts from this account or address; wait a minute (see Retry-After).")];
    /// Writing an answer sheet: signed-in accounts the consultation is open to.
    Eligible => [
        (401, "Not signed in."),
        (403, "The consultation is for members of its process only, or the `X-CSRF-Token` \
               header is missing or wrong."),
    ];
    /// Reading an answer sheet by receipt: its author and its process's secretariat only.
    SheetReaders => [
        (401, "Not signed in."),
        (403, "The sheet is neither the caller's nor in a process the caller runs."),
    ];
    /// The caller's own sheet.
    NoSheet => [(404, "No consultation has this id, or the caller has saved no sheet for it.")];
    /// A receipt.
    NoReceipt => [(404, "No sheet has this receipt.")];
    /// A tag in the path.
    BadTag => [(422, "The tag is empty or longer than 60 characters (`errors` names `tag`).")];
    /// A lookup by receipt without one.
    NoReceiptGiven => [(400, "The `receipt` parameter is missing or empty.")];
    /// An export as XLSX that a spreadsheet cannot hold.
    Unspreadable => [(422, "`format=xlsx` only: an answer is longer than a spreadsheet cell \
                            holds (32,767 characters), or there are more sheets than a \
                            worksheet has rows; `detail` says which. CSV and JSON have no \
                            such limit.")];
}

/// The body of `POST /consultations/{id}/imports`: multipart, larger than other bodies may be,
/// and refused with an [`ImportProblem`] when the file cannot be imported.
pub struct ImportBody;

impl IntoResponses for ImportBody {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let mut responses = problems(&[
            (400, "The body is not well-formed `multipart/form-data`."),
            (
                413,
                "The body is larger than the server's upload limit (64 MiB unless configured \
                 otherwise).",
            ),
            (415, "The body is not sent as `multipart/form-data`."),
        ]);
        let refused = ResponseBuilder::new()
            .description(
                "Nothing was stored. A part is missing (`file`, `map`) or the `encoding` is \
                 unknown; or the file cannot be read, or the map is invalid or does not fit \
                 the file (one fault naming `file` or `map`); or rows were refused (`errors` \
                 lists every refused cell, up to 1000, with its `row` and `column`).",
            )
            .content(
                PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ImportProblem")))
                    .build(),
            )
            .build();
        responses.insert("422".to_owned(), refused.into());
        responses
    }
}

/// The body of `PUT /consultations/{id}/submission`: [`BadBody`]'s problems, where 400 also
/// covers a malformed `Idempotency-Key` and 422 also a closed consultation ([`TimingProblem`])
/// or a key reused for another body.
pub struct SheetBody;

impl IntoResponses for SheetBody {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let mut responses = problems(&[
            (
                400,
                "The body is not well-formed JSON, or the `Idempotency-Key` header is empty, \
                 longer than 200 characters or not visible ASCII (`errors` names it).",
            ),
            (413, "The body is larger than the server accepts."),
            (415, "The body is not sent as `application/json`."),
        ]);
        let either = utoipa::openapi::Schema::AnyOf(
            utoipa::openapi::schema::AnyOfBuilder::new()
                .item(Ref::from_schema_name("Problem"))
                .item(Ref::from_schema_name("TimingProblem"))
                .build(),
        );
        let invalid = ResponseBuilder::new()
            .description(
                "The sheet is not valid (`errors` names each field: `state`, \
                 `answers.<question id>`, `author.<field>`); or the `Idempotency-Key` was used \
                 before for a different body (`errors` names `idempotency_key`, code \
                 `duplicate`); or the consultation is not open to the caller now (a \
                 `TimingProblem`, with `opens_at` and `closes_at`).",
            )
            .content(
                PROBLEM_JSON,
                ContentBuilder::new().schema(Some(either)).build(),
            )
            .build();
        responses.insert("422".to_owned(), invalid.into());
        responses
    }
}
