//! Errors as the user meets them. Handlers return [`AppError`], which becomes a bare status
//! marked with its kind; the context middleware then renders it in the user's language: an HTML
//! page for pages, an RFC 9457 `application/problem+json` document under `/api/`. Bare error
//! statuses from elsewhere (the 404 fallback, the body-size limit's 413, extractor rejections)
//! get the same treatment.

use agora_store::StoreError;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::ctx::Ctx;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("too many attempts")]
    RateLimited,
    #[error("bad request")]
    BadRequest,
    #[error("request body too large")]
    TooLarge,
    #[error("unsupported request body type")]
    UnsupportedMediaType,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Search(#[from] agora_search::SearchError),
}

/// Marks a response as an error to be rendered by the middleware.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMark;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::BadRequest | AppError::Store(StoreError::BadCursor) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            // A write that the record's state refuses (a synthesis run while one is running).
            AppError::Store(StoreError::Conflict { .. }) => StatusCode::CONFLICT,
            AppError::Store(_) | AppError::Template(_) | AppError::Search(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorMark);
        if matches!(self, AppError::RateLimited) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        response
    }
}

pub type AppResult<T = Response> = Result<T, AppError>;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    heading: String,
    message: String,
}

/// Fluent ids for a status: `status-<code>-title` and `status-<code>-detail`.
fn status_text(ctx: &Ctx, status: StatusCode) -> (String, String) {
    let code = status.as_u16();
    let known = [400, 401, 403, 404, 405, 413, 415, 422, 429, 500];
    let code = if known.contains(&code) {
        code
    } else if status.is_client_error() {
        400
    } else {
        500
    };
    (
        ctx.t(&format!("status-{code}-title")),
        ctx.t(&format!("status-{code}-detail")),
    )
}

fn is_rendered(response: &Response) -> bool {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    response.extensions().get::<ErrorMark>().is_none()
        && (content_type.starts_with("text/html")
            || content_type.starts_with("application/problem+json")
            || content_type.starts_with("application/json"))
}

/// Renders error statuses that have no body of their own; leaves everything else alone.
pub fn render_bare_errors(ctx: &Ctx, path: &str, response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_rendered(&response) {
        return response;
    }
    let api = path.starts_with("/api/");
    if status == StatusCode::UNAUTHORIZED && !api {
        let next = ctx.current_path();
        return Redirect::to(&format!("/signin?next={}", percent_encode(next))).into_response();
    }
    let (title, detail) = status_text(ctx, status);
    let (parts, _) = response.into_parts();
    let mut rendered = if api {
        problem(status, &title, &detail, Vec::new())
    } else {
        error_page(ctx, status, title, detail)
    };
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered
}

/// The error page for `status` with a message of its own, for a refusal the status's generic
/// text would not explain.
pub(crate) fn explained(ctx: &Ctx, status: StatusCode, message: String) -> Response {
    error_page(ctx, status, status_text(ctx, status).0, message)
}

fn error_page(ctx: &Ctx, status: StatusCode, heading: String, message: String) -> Response {
    let page = ErrorPage {
        ctx,
        heading,
        message,
    };
    match page.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// An RFC 9457 problem document; `errors` lists rejected fields for validation failures.
pub fn problem(
    status: StatusCode,
    title: &str,
    detail: &str,
    errors: Vec<serde_json::Value>,
) -> Response {
    let mut body = serde_json::json!({
        "type": format!("/problems/{}", status.as_u16()),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if !errors.is_empty() {
        body["errors"] = serde_json::Value::Array(errors);
    }
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Percent-encodes a path for use in a query string (only unreserved characters and `/` kept).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
