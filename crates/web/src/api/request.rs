//! What API handlers take from a request and give back in common: the CSRF guard, JSON bodies
//! that fail as problem documents, page parameters, and the 201 answer.

use agora_store::{Actor, Cursor, DEFAULT_LIMIT, MAX_LIMIT, PageRequest};
use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::problem::{ApiResult, localised};
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

/// The account a write is audited under.
pub fn actor(ctx: &Ctx) -> Actor {
    ctx.user.as_ref().map(|u| u.id)
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
