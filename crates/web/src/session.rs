//! Sessions, shared by the sign-in page and the API: checking credentials, opening a
//! server-side session (cookie + hashed token row) and closing it.

use agora_core::auth::normalise_email;
use agora_store::{StoreError, User};
use axum::http::{HeaderMap, HeaderValue};
use uuid::Uuid;

use crate::AppState;
use crate::auth::{
    SESSION_COOKIE, SESSION_DAYS, dummy_hash, hash_token, new_token, verify_password,
};
use crate::ctx::{cookie, set_cookie};

/// The account with this email and password, if any. An unknown email is checked against a
/// dummy hash, so it takes as long to refuse as a wrong password (no enumeration by timing).
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: String,
) -> Result<Option<User>, StoreError> {
    let found = state.store.user_with_hash(&normalise_email(email)).await?;
    let hash = found
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |(_, hash)| hash.clone());
    let verified = verify_password(password, hash).await;
    Ok(found.filter(|_| verified).map(|(user, _)| user))
}

/// Starts a session for the account; returns the `Set-Cookie` value that carries it.
pub async fn open_session(state: &AppState, user_id: Uuid) -> Result<HeaderValue, StoreError> {
    let token = new_token();
    let expires = (state.clock)() + jiff::SignedDuration::from_hours(24 * SESSION_DAYS);
    state
        .store
        .create_session(&hash_token(&token), user_id, expires)
        .await?;
    Ok(set_cookie(
        state,
        SESSION_COOKIE,
        &token,
        SESSION_DAYS * 86_400,
        true,
    ))
}

/// Ends the session the request carries, if any; returns the `Set-Cookie` value that clears it.
pub async fn close_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<HeaderValue, StoreError> {
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        state.store.delete_session(&hash_token(token)).await?;
    }
    Ok(set_cookie(state, SESSION_COOKIE, "", 0, true))
}
