//! Signing up, in and out. Sessions are server-side (see `auth.rs`); both forms are rate
//! limited per client address.

use agora_core::auth::{Role, SignupDraft};
use agora_store::NewUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{CsrfForm, FormPage, field_error, page, page_with_status, rejected};
use crate::AppState;
use crate::auth::hash_password;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::session::{authenticate, close_session, open_session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signin", get(signin_form).post(signin))
        .route("/signup", get(signup_form).post(signup))
        .route("/signout", post(signout))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Next {
    next: String,
}

/// Only a local path may be a redirect target (no `//host` or `https://…`: no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

fn signin_view(ctx: &Ctx, next: &str) -> FormView {
    FormView::new(
        ctx,
        "signin-title",
        format!(
            "/signin?next={}",
            crate::error::percent_encode(safe_next(next))
        ),
        "action-sign-in",
    )
    .field(ctx, "email", FieldKind::Email, true)
    .field(ctx, "password", FieldKind::Password, true)
}

async fn signin_form(ctx: CtxExt, Query(next): Query<Next>) -> AppResult {
    let form = signin_view(&ctx, &next.next);
    page(FormPage { ctx: ctx.0, form })
}

/// Starts a session for `user_id` and redirects to `next`.
async fn start_session(state: &AppState, user_id: uuid::Uuid, next: &str) -> AppResult {
    let cookie = open_session(state, user_id).await?;
    let mut response = Redirect::to(safe_next(next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

async fn signin(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(next): Query<Next>,
    form: CsrfForm,
) -> AppResult {
    if !state.limiter.allow(&ctx.client_ip) {
        return Err(AppError::RateLimited);
    }
    match authenticate(&state, form.get("email"), form.get("password").to_owned()).await? {
        Some(user) => start_session(&state, user.id, &next.next).await,
        None => {
            let mut view = signin_view(&ctx, &next.next).with_values(&form.pairs);
            view.errors.push(("email".into(), ctx.t("signin-failed")));
            page_with_status(
                StatusCode::UNAUTHORIZED,
                FormPage {
                    ctx: ctx.0,
                    form: view,
                },
            )
        }
    }
}

fn signup_view(ctx: &Ctx) -> FormView {
    FormView::new(ctx, "signup-title", "/signup", "action-sign-up")
        .field(ctx, "email", FieldKind::Email, true)
        .field(ctx, "display_name", FieldKind::Text, true)
        .field(ctx, "password", FieldKind::NewPassword, true)
}

async fn signup_form(ctx: CtxExt) -> AppResult {
    let form = signup_view(&ctx);
    page(FormPage { ctx: ctx.0, form })
}

async fn signup(State(state): State<AppState>, ctx: CtxExt, form: CsrfForm) -> AppResult {
    if !state.limiter.allow(&ctx.client_ip) {
        return Err(AppError::RateLimited);
    }
    let draft: SignupDraft = form.parse()?;
    let errors = match draft.validate() {
        Ok(signup) => {
            let hash = hash_password(signup.password).await;
            let new = NewUser {
                email: &signup.email,
                display_name: &signup.display_name,
                password_hash: &hash,
            };
            match state
                .store
                .create_user(None, &new, Some(Role::Participant))
                .await
            {
                Ok(user) => return start_session(&state, user.id, "/").await,
                Err(refused) => field_error(refused)?,
            }
        }
        Err(errors) => errors,
    };
    rejected(&ctx, signup_view(&ctx), &form, &errors)
}

async fn signout(State(state): State<AppState>, headers: HeaderMap, _form: CsrfForm) -> AppResult {
    let cleared = close_session(&state, &headers).await?;
    let mut response: Response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cleared);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn redirects_stay_local() {
        assert_eq!(safe_next("/processes/wgec-2013"), "/processes/wgec-2013");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
    }
}
