//! What API handlers take from a request and give back in common: the CSRF guard, JSON bodies
//! that fail as problem documents, page parameters, and the 201 answer.

use agora_core::{ErrorCode, ValidationErrors};
use agora_store::{Cursor, DEFAULT_LIMIT, MAX_LIMIT, PageRequest};
use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use super::problem::{ApiResult, field_problems, localised};
use crate::AppState;
use crate::auth::{CSRF_HEADER, csrf_matches};
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;

/// The double-submit check for API writes: the `X-CSRF-Token` header must equal the CSRF
/// cookie. A cross-site page can send the cookie but can neither read it nor set the header.
/// Layered on every non-safe route by `api::routes`, so no write handler can forget it.
pub async fn require_csrf(ctx: CtxExt, request: Request, next: Next) -> Response {
    let submitted = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if csrf_matches(&ctx.csrf, submitted) {
        next.run(request).await
    } else {
        AppError::Csrf.into_response()
    }
}

/// A JSON body. Axum's own rejections are plain text; this one answers with a problem document
/// keeping axum's status (400 syntax, 413 size, 415 content type, 422 shape) and its explanation
/// of what did not parse, which names the offending field.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = request.extensions().get::<Ctx>().cloned();
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match ctx {
                Some(ctx) => localised(
                    &ctx,
                    rejection.status(),
                    Some(&rejection.body_text()),
                    Vec::new(),
                ),
                None => rejection.into_response(),
            }),
        }
    }
}

/// A JSON body together with the SHA-256 (hex) of its canonical form: object keys sorted, no
/// whitespace. The same request sent again has the same fingerprint however the client spaced
/// or ordered it, which is how a retry is told from a different request reusing an
/// idempotency key.
pub struct Fingerprinted<T> {
    pub value: T,
    pub fingerprint: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for Fingerprinted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = request.extensions().get::<Ctx>().cloned();
        let ApiJson(json) = ApiJson::<serde_json::Value>::from_request(request, state).await?;
        let digest = Sha256::digest(canonical_json(&json).as_bytes());
        let fingerprint = digest.iter().map(|b| format!("{b:02x}")).collect();
        match serde_json::from_value::<T>(json) {
            Ok(value) => Ok(Fingerprinted { value, fingerprint }),
            // Worded like axum's own rejection of a body of the wrong shape.
            Err(error) => {
                let detail =
                    format!("Failed to deserialize the JSON body into the target type: {error}");
                Err(match ctx {
                    Some(ctx) => localised(
                        &ctx,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Some(&detail),
                        Vec::new(),
                    ),
                    None => (StatusCode::UNPROCESSABLE_ENTITY, detail).into_response(),
                })
            }
        }
    }
}

/// `value` with object keys in order and no whitespace, whatever order the parser kept.
fn canonical_json(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by_key(|(key, _)| *key);
            let fields: Vec<String> = entries
                .into_iter()
                .map(|(key, value)| {
                    format!("{}:{}", Value::from(key.as_str()), canonical_json(value))
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", items.join(","))
        }
        scalar => scalar.to_string(),
    }
}

/// The longest `Idempotency-Key` accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 200;

/// The optional `Idempotency-Key` header of a write (IETF httpapi draft): 1 to 200 visible
/// ASCII characters, chosen by the client per logical request (a UUID will do). A malformed
/// one is a 400 naming the header, rather than being ignored: a client that sends a key
/// relies on it.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        const HEADER: &str = "Idempotency-Key";
        let Some(value) = parts.headers.get(HEADER) else {
            return Ok(IdempotencyKey(None));
        };
        let code = match value.to_str().map(str::trim) {
            Ok("") => ErrorCode::Required,
            Ok(key) if key.len() > MAX_IDEMPOTENCY_KEY => ErrorCode::TooLong {
                max: MAX_IDEMPOTENCY_KEY,
            },
            Ok(key) => return Ok(IdempotencyKey(Some(key.to_owned()))),
            Err(_) => ErrorCode::InvalidChoice,
        };
        let errors = ValidationErrors::single(HEADER, code);
        Err(match parts.extensions.get::<Ctx>() {
            Some(ctx) => localised(
                ctx,
                StatusCode::BAD_REQUEST,
                None,
                field_problems(ctx, &errors),
            ),
            None => StatusCode::BAD_REQUEST.into_response(),
        })
    }
}

/// Which page of a list: keyset pagination, so pages neither skip nor repeat items when others
/// are added meanwhile.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (default 50); larger values are read as 200.
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The store request; a cursor that does not decode is a 400.
    pub fn request(&self) -> ApiResult<PageRequest> {
        let after = match self.cursor.as_deref() {
            None | Some("") => None,
            Some(cursor) => Some(Cursor::decode(cursor).map_err(AppError::from)?),
        };
        Ok(PageRequest {
            limit: self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
            after,
        })
    }
}

/// 201 Created with the new item and where it lives.
pub fn created(location: &str, body: impl Serialize) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location.to_owned())],
        Json(body),
    )
        .into_response()
}
