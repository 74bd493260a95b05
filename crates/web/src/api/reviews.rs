//! Review of session proposals through the API: a call's criteria (public to read, the
//! secretariat's to publish), the automatic assignment, the signed-in reviewer's assignments
//! and reviews, the rankings and the balanced selection. The rules are the pages'
//! (`pages/reviews.rs`), and so are the assignment, aggregation and selection they run.

use std::collections::BTreeMap;

use agora_core::review::{CriterionDraft, ReviewDraft, ReviewSettingsDraft};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::problem::{ApiResult, BadBody, Guarded, NotFound, Restricted, SignedIn};
use super::request::ApiJson;
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::proposals::load_call;
use crate::pages::reviews::{
    Committee, assign, assigned_proposal, assigned_to, managed_call, rank, read_run, scores,
    select, settings_of,
};

/// What a score of 1, 3 and 5 means.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Rubric {
    #[schema(example = "Unrelated to the theme")]
    pub low: String,
    pub middle: String,
    pub high: String,
}

/// A scoring criterion.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    #[schema(example = "Relevance to the theme")]
    pub name: String,
    /// Its weight in a review's weighted mean, 1–100.
    #[schema(example = 2)]
    pub weight: u32,
    pub rubric: Rubric,
}

/// A call's published review criteria and the reviews each proposal gets. Both members are
/// required; a body without them is refused with each field named, like any other.
#[derive(Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Criteria {
    #[schema(required = true)]
    pub criteria: Vec<Criterion>,
    /// Reviews per proposal, 1–10.
    #[schema(required = true, example = 3)]
    pub per_proposal: u32,
}

fn criteria_of(settings: agora_core::review::ReviewSettings) -> Criteria {
    Criteria {
        per_proposal: settings.per_proposal,
        criteria: settings
            .criteria
            .into_iter()
            .map(|c| Criterion {
                name: c.name,
                weight: c.weight,
                rubric: Rubric {
                    low: c.rubric.low,
                    middle: c.rubric.middle,
                    high: c.rubric.high,
                },
            })
            .collect(),
    }
}

/// A call's review criteria (public once published).
#[utoipa::path(
    get,
    operation_id = "getCriteria",
    path = "/api/v1/calls/{id}/criteria",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    responses((status = 200, description = "The criteria", body = Criteria), NotFound),
)]
pub async fn criteria(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let loaded = load_call(&state, &id).await?;
    Ok(Json(criteria_of(settings_of(&state, &loaded).await?)).into_response())
}

/// Publishes a call's review criteria (the secretariat). Once reviews are in, criteria may be
/// reworded but not added, removed or renamed (422 on `criteria`).
#[utoipa::path(
    put,
    operation_id = "publishCriteria",
    path = "/api/v1/calls/{id}/criteria",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = Criteria,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Published", body = Criteria), Guarded, NotFound, BadBody),
)]
pub async fn publish_criteria(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Criteria>,
) -> ApiResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let draft = ReviewSettingsDraft {
        per_proposal: input.per_proposal.to_string(),
        criteria: input
            .criteria
            .into_iter()
            .map(|c| CriterionDraft {
                name: c.name,
                weight: c.weight.to_string(),
                low: c.rubric.low,
                middle: c.rubric.middle,
                high: c.rubric.high,
            })
            .collect(),
    };
    let settings = crate::pages::reviews::publish(&state, &ctx, &loaded, &draft).await??;
    Ok(Json(criteria_of(settings)).into_response())
}

/// A reviewer's assignment to a proposal.
#[derive(Serialize, ToSchema)]
pub struct Assignment {
    pub call_id: Uuid,
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    /// The reviewer's review is in.
    pub reviewed: bool,
}

/// Runs the automatic assignment of a closed call (the secretariat): every proposal gets the
/// set number of reviewers of the process's panel, none in conflict with it; assignments that
/// already have a review stay. Answers every assignment of the call; a proposal with fewer
/// than the set number could not get more without a conflict.
#[utoipa::path(
    post,
    operation_id = "assignReviewers",
    path = "/api/v1/calls/{id}/assignments",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Who reviews what", body = Vec<Assignment>),
        Guarded,
        NotFound,
    ),
)]
pub async fn run_assignment(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let items: Vec<Assignment> = assign(&state, &ctx, &loaded)
        .await?
        .into_iter()
        .map(|a| Assignment {
            call_id: a.phase_id,
            proposal_id: a.proposal_id,
            reviewer_id: a.reviewer_id,
            reviewed: a.reviewed,
        })
        .collect();
    Ok(Json(items).into_response())
}

/// A proposal assigned to the signed-in reviewer.
#[derive(Serialize, ToSchema)]
pub struct Assigned {
    pub proposal_id: Uuid,
    pub call_id: Uuid,
    pub title: String,
    pub reviewed: bool,
}

/// The proposals assigned to the signed-in account, oldest assignment first.
#[utoipa::path(
    get,
    operation_id = "listMyReviews",
    path = "/api/v1/reviews",
    tag = "reviews",
    security(("session" = [])),
    responses((status = 200, description = "The account's assignments", body = super::dto::Page<Assigned>), SignedIn),
)]
pub async fn mine(State(state): State<AppState>, ctx: CtxExt) -> ApiResult {
    let items: Vec<Assigned> = assigned_to(&state, &ctx)
        .await?
        .into_iter()
        .map(|r| Assigned {
            proposal_id: r.proposal.id,
            call_id: r.proposal.phase_id,
            title: r.proposal.title,
            reviewed: r.reviewed,
        })
        .collect();
    Ok(Json(super::dto::Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// A review as sent: a score (1–5) for every criterion, by name, and an optional comment.
#[derive(Deserialize, ToSchema)]
pub struct NewReview {
    #[serde(default)]
    #[schema(example = json!({"Relevance to the theme": 4}))]
    pub scores: BTreeMap<String, u8>,
    #[serde(default)]
    pub comment: String,
}

/// A review, as its reviewer and the secretariat read it.
#[derive(Serialize, ToSchema)]
pub struct Review {
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    pub scores: BTreeMap<String, u8>,
    pub comment: String,
    pub updated_at: Timestamp,
}

/// Saves the signed-in reviewer's review of a proposal assigned to them (replacing an earlier
/// one). A missing or out-of-range score is a 422 naming `score<i>`, the criterion's position.
#[utoipa::path(
    put,
    operation_id = "saveReview",
    path = "/api/v1/proposals/{id}/review",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The proposal's id")),
    request_body = NewReview,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Saved", body = Review), Guarded, NotFound, BadBody),
)]
pub async fn save_review(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewReview>,
) -> ApiResult {
    let (proposal, _, settings, _) = assigned_proposal(&state, &ctx, &id).await?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let draft = ReviewDraft {
        scores: input
            .scores
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        comment: input.comment,
    };
    let review = draft.validate(&settings, proposal.id, user.id, (state.clock)())?;
    state.store.save_review(ctx.actor(), &review).await?;
    Ok(Json(Review {
        proposal_id: review.proposal_id,
        reviewer_id: review.reviewer_id,
        scores: review.scores,
        comment: review.comment,
        updated_at: review.updated_at,
    })
    .into_response())
}

/// A proposal's place in its theme.
#[derive(Serialize, ToSchema)]
pub struct Ranked {
    pub proposal_id: Uuid,
    pub title: String,
    /// The mean of its reviews' z-scores (each reviewer's scores normalised by that reviewer's
    /// mean and standard deviation): 0 is average.
    pub normalised: f64,
    /// The standard error of that mean; absent with fewer than two reviews.
    pub standard_error: Option<f64>,
    /// The mean weighted raw score, 1–5.
    pub raw: f64,
    pub reviews: usize,
}

/// A theme's proposals, best first.
#[derive(Serialize, ToSchema)]
pub struct ThemeRanking {
    pub theme: String,
    pub proposals: Vec<Ranked>,
}

/// The rankings per theme (the secretariat only: scores are never public).
#[utoipa::path(
    get,
    operation_id = "getRankings",
    path = "/api/v1/calls/{id}/rankings",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    security(("session" = [])),
    responses((status = 200, description = "Per theme, best first", body = Vec<ThemeRanking>), Restricted, NotFound),
)]
pub async fn rankings(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let (proposals, scores) = scores(&state, &loaded).await?;
    let themes: Vec<ThemeRanking> = rank(&proposals, &scores)
        .into_iter()
        .map(|t| ThemeRanking {
            theme: t.theme,
            proposals: t
                .rows
                .into_iter()
                .map(|(p, s)| Ranked {
                    proposal_id: p.id,
                    title: p.title.clone(),
                    normalised: s.normalised,
                    standard_error: s.standard_error,
                    raw: s.raw,
                    reviews: s.reviews,
                })
                .collect(),
        })
        .collect();
    Ok(Json(themes).into_response())
}

/// A run of the balanced selection: the committee's rules and what they chose.
#[derive(Serialize, ToSchema)]
pub struct SelectionRun {
    pub id: Uuid,
    pub call_id: Uuid,
    pub ran_at: Timestamp,
    pub committee: Committee,
    /// `agora_programme::Selection`: `selected` (proposal ids, best first), `decisions` (per
    /// proposal: `selected`, `score`, `reason` and its details), `unmet` (each rule not met,
    /// with `problem` and whether it is `impossible`), `total_score`.
    #[schema(value_type = Object)]
    pub result: serde_json::Value,
}

fn run_of(run: agora_store::SelectionRun) -> Result<SelectionRun, AppError> {
    let (committee, _) = read_run(&run)?;
    Ok(SelectionRun {
        id: run.id,
        call_id: run.phase_id,
        ran_at: run.ran_at,
        committee,
        result: run.result,
    })
}

/// Runs the balanced selection over the call's scored proposals and stores the run (the
/// secretariat). Every pin and exclude needs a reason (422 on `why_<id>`).
#[utoipa::path(
    post,
    operation_id = "runSelection",
    path = "/api/v1/calls/{id}/selection",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = Committee,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "The run", body = SelectionRun), Guarded, NotFound, BadBody),
)]
pub async fn run_selection(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(committee): ApiJson<Committee>,
) -> ApiResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let run = select(&state, &ctx, &loaded, committee).await??;
    Ok(Json(run_of(run)?).into_response())
}

/// The last run of the balanced selection (the secretariat); 404 before the first.
#[utoipa::path(
    get,
    operation_id = "getSelection",
    path = "/api/v1/calls/{id}/selection",
    tag = "reviews",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    security(("session" = [])),
    responses((status = 200, description = "The last run", body = SelectionRun), Restricted, NotFound),
)]
pub async fn last_selection(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> ApiResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let run = state
        .store
        .last_selection_run(loaded.phase.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(run_of(run)?).into_response())
}
