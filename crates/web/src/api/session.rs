//! Signing in and out over the API. The session is the same server-side session and HttpOnly
//! cookie as the pages use; the response also hands over the CSRF token, which a script cannot
//! read from its HttpOnly cookie but must echo in `X-CSRF-Token` on every write.

use agora_store::User;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::dto::{self, Credentials};
use super::problem::{ApiResult, BadBody, CsrfOnly, RateLimited, SignedIn, localised};
use super::request::ApiJson;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::session::{authenticate, close_session, open_session};

async fn session_of(state: &AppState, ctx: &Ctx, user: User) -> ApiResult<dto::Session> {
    let grants = state.store.grants_of(user.id).await?;
    Ok(dto::Session {
        user: user.into(),
        grants: grants.0.into_iter().map(Into::into).collect(),
        csrf_token: ctx.csrf.clone(),
    })
}

/// Signs in.
///
/// Needs no CSRF header (the token is handed out here), but only accepts `application/json`,
/// which a cross-site form cannot send.
#[utoipa::path(
    post,
    operation_id = "signIn",
    path = "/api/v1/session",
    tag = "session",
    request_body = Credentials,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = dto::Session,
            headers(("Set-Cookie" = String, description = "The session cookie `agora_session`"))),
        (status = 401, description = "Wrong email or password",
            body = super::problem::Problem, content_type = "application/problem+json"),
        BadBody,
        RateLimited,
    ),
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(credentials): ApiJson<Credentials>,
) -> ApiResult {
    if !state.limiter.allow(&ctx.client_ip) {
        return Err(AppError::RateLimited.into());
    }
    let Some(user) = authenticate(&state, &credentials.email, credentials.password).await? else {
        let detail = ctx.t("signin-failed");
        return Ok(localised(
            &ctx,
            StatusCode::UNAUTHORIZED,
            Some(&detail),
            Vec::new(),
        ));
    };
    let cookie = open_session(&state, user.id).await?;
    let mut response = Json(session_of(&state, &ctx, user).await?).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The signed-in account, its roles and the CSRF token.
#[utoipa::path(
    get,
    operation_id = "getSession",
    path = "/api/v1/session",
    tag = "session",
    security(("session" = [])),
    responses((status = 200, description = "Signed in", body = dto::Session), SignedIn),
)]
pub async fn show(State(state): State<AppState>, ctx: CtxExt) -> ApiResult {
    let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
    Ok(Json(session_of(&state, &ctx, user).await?).into_response())
}

/// Signs out: the session ends on the server and its cookie is cleared.
#[utoipa::path(
    delete,
    operation_id = "signOut",
    path = "/api/v1/session",
    tag = "session",
    security(("csrf" = [])),
    responses(
        (status = 204, description = "Signed out (also when no one was signed in)"),
        CsrfOnly,
    ),
)]
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    let cookie = close_session(&state, &headers).await?;
    let mut response: Response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
