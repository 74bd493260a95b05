//! The moderation policy, published as ACUS Recommendation 2021-1 asks of any body that takes
//! public comments: what is hidden and why, how reports of false attribution are handled, how
//! campaigns are counted, and what limits apply. The text is in the six languages
//! (`locales/*/reports.ftl`); the figures come from the running configuration.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use fluent_templates::fluent_bundle::FluentValue;

use super::page;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;

pub fn routes() -> Router<AppState> {
    Router::new().route("/moderation-policy", get(show))
}

#[derive(Template)]
#[template(path = "policy.html")]
struct PolicyPage {
    ctx: Ctx,
    /// The limits paragraph, with this deployment's figures.
    limits: String,
}

async fn show(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    let config = &state.config;
    let limits = ctx.lang.t_args(
        "policy-limits",
        &[
            (
                "per_account",
                FluentValue::from(u64::from(config.submissions_per_account_per_minute)),
            ),
            (
                "per_address",
                FluentValue::from(u64::from(config.submissions_per_address_per_minute)),
            ),
            (
                "reports",
                FluentValue::from(u64::from(config.reports_per_address_per_minute)),
            ),
            ("kib", FluentValue::from((config.body_limit / 1024) as u64)),
        ],
    );
    page(PolicyPage { ctx: ctx.0, limits })
}
