//! Administration: accounts and their roles, email and its outbox, and the audit log. Admins
//! only.

use agora_core::auth::{Action, Grant, Role};
use agora_store::{AuditEntry, Cursor, PageRequest, User};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::{CsrfForm, page, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(accounts))
        .route("/admin/users/{id}/grants", post(grant))
        .route("/admin/grants/{id}/revoke", post(revoke))
        .route("/admin/audit", get(audit))
}

struct AccountRow {
    user: User,
    grants: Vec<(Grant, String)>,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AccountsPage {
    ctx: Ctx,
    accounts: Vec<AccountRow>,
    roles: Vec<&'static str>,
    processes: Vec<(String, String)>,
    mail: MailStatus,
}

/// Whether email is on, and the outbox's messages by state.
struct MailStatus {
    summary: String,
    reminders: String,
    /// (state code, messages in it).
    counts: [(&'static str, u64); 4],
    last_error: Option<String>,
}

async fn mail_status(state: &AppState, ctx: &Ctx) -> Result<MailStatus, AppError> {
    let config = &state.config.mail;
    let summary = match &config.smtp {
        Some(smtp) => ctx.lang.t_args(
            "admin-mail-on",
            &[
                ("server", smtp.server().into()),
                ("from", smtp.from.to_string().into()),
            ],
        ),
        None => ctx.t("admin-mail-off"),
    };
    let reminders = match config.reminder_hours {
        0 => ctx.t("admin-mail-no-reminders"),
        hours => ctx
            .lang
            .t_args("admin-mail-reminders", &[("hours", hours.into())]),
    };
    let counts = state.store.outbox_counts().await?;
    Ok(MailStatus {
        summary,
        reminders,
        counts: [
            ("queued", counts.queued),
            ("sent", counts.sent),
            ("logged", counts.logged),
            ("failed", counts.failed),
        ],
        last_error: counts.last_error,
    })
}

async fn accounts(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::Administer)?;
    let processes: Vec<(String, String)> = state
        .store
        .processes(&PageRequest::first(agora_store::MAX_LIMIT))
        .await?
        .items
        .into_iter()
        .map(|p| (p.id.to_string(), p.title))
        .collect();
    let mut rows = Vec::new();
    for user in state.store.users().await? {
        let grants = state
            .store
            .grants_of(user.id)
            .await?
            .0
            .into_iter()
            .map(|g| {
                let scope = match g.process_id {
                    None => ctx.t("admin-scope-global"),
                    Some(id) => processes
                        .iter()
                        .find(|(pid, _)| *pid == id.to_string())
                        .map_or_else(|| id.to_string(), |(_, title)| title.clone()),
                };
                (g, scope)
            })
            .collect();
        rows.push(AccountRow { user, grants });
    }
    let roles = Role::ALL.iter().map(|r| r.code()).collect();
    page(AccountsPage {
        mail: mail_status(&state, &ctx).await?,
        ctx: ctx.0,
        accounts: rows,
        roles,
        processes,
    })
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

async fn grant(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    require(&ctx, Action::Administer)?;
    let user = state
        .store
        .user(parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = Role::from_code(form.get("role")).ok_or(AppError::BadRequest)?;
    let process = match form.get("process_id") {
        "" => None,
        value => Some(
            state
                .store
                .process(parse_id(value)?)
                .await?
                .ok_or(AppError::BadRequest)?
                .id,
        ),
    };
    match state
        .store
        .grant_role(ctx.actor(), user.id, role, process)
        .await
    {
        // Granting a role the account already has changes nothing.
        Ok(_) | Err(agora_store::StoreError::Conflict { .. }) => {
            Ok(Redirect::to("/admin").into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn revoke(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> AppResult {
    require(&ctx, Action::Administer)?;
    state
        .store
        .revoke_grant(ctx.actor(), parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Paging {
    after: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: Ctx,
    entries: Vec<AuditEntry>,
    next: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(paging): Query<Paging>,
) -> AppResult {
    require(&ctx, Action::Administer)?;
    let after = if paging.after.is_empty() {
        None
    } else {
        Some(Cursor::decode(&paging.after)?)
    };
    let found = state
        .store
        .audit_log(&PageRequest { limit: 50, after })
        .await?;
    page(AuditPage {
        ctx: ctx.0,
        entries: found.items,
        next: found.next.map(|c| c.encode()),
    })
}
