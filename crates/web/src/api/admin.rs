//! Administration: accounts, their roles, and the audit log. Admins only.

use agora_core::auth::{Action, Role};
use agora_core::{ErrorCode, ValidationErrors};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use uuid::Uuid;

use super::dto::{self, NewGrant, Page};
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound, Restricted};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::require;

/// Every account with its roles, by email.
///
/// One page holds them all (`next_cursor` is null): the store does not page accounts yet.
#[utoipa::path(
    get,
    operation_id = "listUsers",
    path = "/api/v1/users",
    tag = "admin",
    security(("session" = [])),
    responses((status = 200, description = "The accounts", body = Page<dto::Account>), Restricted),
)]
pub async fn users(State(state): State<AppState>, ctx: CtxExt) -> ApiResult {
    require(&ctx, Action::Administer)?;
    let mut items = Vec::new();
    for user in state.store.users().await? {
        let grants = state.store.grants_of(user.id).await?;
        items.push(dto::Account {
            user: user.into(),
            grants: grants.0.into_iter().map(Into::into).collect(),
        });
    }
    Ok(Json(Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// Reads the grant's fields: a known role, and a process that exists (or none, for everywhere).
async fn grant_of(state: &AppState, input: &NewGrant) -> ApiResult<(Role, Option<Uuid>)> {
    let mut errors = ValidationErrors::new();
    let role = Role::from_code(input.role.trim());
    if role.is_none() {
        errors.push("role", ErrorCode::InvalidChoice);
    }
    let process = match input.process_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => {
            let found = match Uuid::parse_str(value) {
                Ok(id) => state.store.process(id).await?,
                Err(_) => None,
            };
            if found.is_none() {
                errors.push("process_id", ErrorCode::NotFound);
            }
            found.map(|p| p.id)
        }
    };
    match role {
        Some(role) if errors.is_empty() => Ok((role, process)),
        _ => Err(errors.into()),
    }
}

/// Grants a role to an account, everywhere or in one process.
///
/// Granting a role the account already holds there is a 422 `duplicate` on `role`.
#[utoipa::path(
    post,
    operation_id = "grantRole",
    path = "/api/v1/users/{id}/grants",
    tag = "admin",
    params(("id" = Uuid, Path, description = "The account's id")),
    request_body = NewGrant,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Granted", body = dto::Grant,
            headers(("Location" = String, description = "The grant, for revoking it"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn grant(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewGrant>,
) -> ApiResult {
    require(&ctx, Action::Administer)?;
    let user = state
        .store
        .user(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let (role, process) = grant_of(&state, &input).await?;
    let granted = state
        .store
        .grant_role(ctx.actor(), user.id, role, process)
        .await?;
    let location = format!("{}/grants/{}", super::PREFIX, granted.id);
    Ok(created(&location, dto::Grant::from(granted)))
}

/// Revokes a grant.
#[utoipa::path(
    delete,
    operation_id = "revokeGrant",
    path = "/api/v1/grants/{id}",
    tag = "admin",
    params(("id" = Uuid, Path, description = "The grant's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Revoked"), Guarded, NotFound),
)]
pub async fn revoke(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    require(&ctx, Action::Administer)?;
    state
        .store
        .revoke_grant(ctx.actor(), super::parse_id(&id)?)
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    operation_id = "listAuditEntries",
    path = "/api/v1/audit",
    tag = "admin",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the log", body = Page<dto::AuditEntry>),
        BadQuery,
        Restricted,
    ),
)]
pub async fn audit(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(page): Query<PageQuery>,
) -> ApiResult {
    require(&ctx, Action::Administer)?;
    let found = state.store.audit_log(&page.request()?).await?;
    Ok(Json(Page::<dto::AuditEntry>::from_store(found)).into_response())
}
