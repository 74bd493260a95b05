//! A consultation's public statistics: how many sheets were handed in, by stakeholder group,
//! region and language, as SVG charts with the same numbers in tables; what counts is
//! [`AnswerFilter::public_statistics`].

use agora_core::consultation::AnswerFilter;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;

use super::{Loaded, count_charts, load};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;
use crate::pages::page;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/consultations/{id}/statistics", get(show))
}

#[derive(Template)]
#[template(path = "consultation_statistics.html")]
struct StatisticsPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    total: u64,
    charts: Vec<BarChart>,
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let c = load(&state, &id).await?;
    let counts = state
        .store
        .answer_counts(c.phase.id, &AnswerFilter::public_statistics())
        .await?;
    page(StatisticsPage {
        title: c.title(&ctx),
        total: counts.total,
        charts: count_charts(&ctx, "statistics", counts),
        ctx: ctx.0,
        c,
    })
}
