//! Review of session proposals (issue 6): the secretariat publishes a call's criteria, names
//! its reviewers and runs the automatic assignment on `/calls/{id}/review`, which is also the
//! progress dashboard; reviewers declare their conflicts (`/calls/{id}/conflicts`), see what
//! they are assigned (`/reviews`) and score it (`/proposals/{id}/review`); the secretariat
//! reads the rankings (`/calls/{id}/rankings`) and runs the balanced selection
//! (`/calls/{id}/selection`), whose result it records through the decisions form.
//!
//! Scores are read by the reviewer who gave them and by the secretariat only. The rankings are
//! the secretariat's alone, not the reviewers': a reviewer would otherwise read how their
//! colleagues scored the proposals they are in conflict with (their own organisation's among
//! them), which is what the conflict rules keep from them.

use std::collections::BTreeMap;

use agora_core::auth::Action;
use agora_core::process::PhaseStatus;
use agora_core::proposal::Proposal;
use agora_core::review::{
    Assignment, CRITERION_ROWS, CriterionDraft, ProfileDraft, Review, ReviewDraft, ReviewSettings,
    ReviewSettingsDraft,
};
use agora_core::{ErrorCode, ValidationErrors};
use agora_programme::select::{Attribute, Bounds, Constraint, Quota, Reason, Unmet};
use agora_programme::{Score, Selection, SelectionRules};
use agora_store::{SelectionRun, StoreError, User};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::proposals::{LoadedCall, engine_input, load_call, load_proposal, person_key};
use super::{CsrfForm, page, page_with_status, require};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};

/// Diversity quota rows the selection form offers; empty rows are ignored.
pub const QUOTA_ROWS: usize = 4;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calls/{id}/review", get(dashboard).post(save_settings))
        .route("/calls/{id}/reviewers", post(add_reviewer))
        .route("/calls/{id}/assignments", post(run_assignment))
        .route("/calls/{id}/conflicts", get(conflicts).post(save_conflicts))
        .route("/reviews", get(my_reviews))
        .route("/proposals/{id}/review", get(review_form).post(save_review))
        .route("/calls/{id}/rankings", get(rankings))
        .route("/calls/{id}/selection", get(selection).post(run_selection))
}

/// The call named in the path, for its process's secretariat only.
pub(crate) async fn managed_call(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
) -> Result<LoadedCall, AppError> {
    let loaded = load_call(state, id).await?;
    require(ctx, Action::ManageProcess(loaded.process.id))?;
    Ok(loaded)
}

/// 200 for a form shown as it is, 422 for one shown again with what was wrong.
fn form_status(ok: bool) -> StatusCode {
    if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Error messages by field, in the user's language, for a hand-written form.
fn messages(ctx: &Ctx, errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| {
            let label = field_label(ctx, &e.field);
            (
                e.field.clone(),
                format!("{label}: {}", crate::form::error_message(ctx, e)),
            )
        })
        .collect()
}

/// A field's name in the user's language: a criterion row's fields name their row, and the
/// fields numbered by row or named by proposal (`score0`, `q1_min`, `why_<id>`) their kind.
fn field_label(ctx: &Ctx, field: &str) -> String {
    let row = field
        .strip_prefix("criteria[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(i, name)| Some((i.parse::<usize>().ok()?, name)));
    match row {
        Some((i, name)) => format!(
            "{} {} — {}",
            ctx.t("review-criterion"),
            i + 1,
            ctx.tp("review-field-", name)
        ),
        None if field.starts_with("why_") => ctx.t("review-field-why"),
        None => {
            let kind: String = field.chars().filter(|c| !c.is_ascii_digit()).collect();
            ctx.tp("review-field-", kind.split('.').next().unwrap_or_default())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Assignment, aggregation and selection: what the pages and the API share
// ---------------------------------------------------------------------------------------------

/// The call's review settings, or 404 when the secretariat has not published any.
pub(crate) async fn settings_of(
    state: &AppState,
    loaded: &LoadedCall,
) -> Result<ReviewSettings, AppError> {
    state
        .store
        .review_settings(loaded.phase.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Publishes a call's criteria. Once reviews are in, criteria may be reworded but not added,
/// removed or renamed (the field `criteria` says so).
pub(crate) async fn publish(
    state: &AppState,
    ctx: &Ctx,
    loaded: &LoadedCall,
    draft: &ReviewSettingsDraft,
) -> Result<Result<ReviewSettings, ValidationErrors>, AppError> {
    let settings = match draft.validate(loaded.phase.id) {
        Ok(s) => s,
        Err(errors) => return Ok(Err(errors)),
    };
    let current = state.store.review_settings(loaded.phase.id).await?;
    let reviewed = !state
        .store
        .reviews_of_call(loaded.phase.id)
        .await?
        .is_empty();
    if reviewed && current.is_some_and(|c| !c.same_criteria(&settings)) {
        return Ok(Err(ValidationErrors::single(
            "criteria",
            ErrorCode::InvalidChoice,
        )));
    }
    state
        .store
        .save_review_settings(ctx.actor(), &settings)
        .await?;
    Ok(Ok(settings))
}

/// `input` with organisations folded like people's names, so that a reviewer's "apnic" is
/// in conflict with "APNIC".
fn folded(mut input: super::proposals::EngineInput) -> super::proposals::EngineInput {
    for p in &mut input.proposals {
        p.organisation = person_key(&p.organisation);
    }
    for person in input.directory.values_mut() {
        person.organisation = person.organisation.as_deref().map(person_key);
    }
    input
}

/// Runs the automatic assignment of a closed call: `agora_programme::assign` over the panel,
/// each reviewer with their declared organisation and conflicts, and the proposals they
/// wrote. Assignments that already have a review always stay; they count towards the number
/// each proposal needs unless their reviewer has since declared a conflict with it or left the
/// panel, and then another reviewer is added. Returns who reviews what.
pub(crate) async fn assign(
    state: &AppState,
    ctx: &Ctx,
    loaded: &LoadedCall,
) -> Result<Vec<Assignment>, AppError> {
    let now = (state.clock)();
    if loaded.phase.status(now) != PhaseStatus::Closed {
        return Err(AppError::Forbidden);
    }
    let settings = settings_of(state, loaded).await?;
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    let input = folded(engine_input(&proposals));
    let profiles = state.store.reviewer_profiles(loaded.phase.id).await?;
    let reviewers: Vec<agora_programme::Reviewer> = state
        .store
        .panel(loaded.process.id)
        .await?
        .iter()
        .map(|user| {
            let profile = profiles.iter().find(|p| p.user_id == user.id);
            agora_programme::Reviewer {
                id: user.id.to_string(),
                organisation: profile.and_then(|p| p.organisation.as_deref().map(person_key)),
                conflicts: profile
                    .map(|p| {
                        p.conflicts
                            .iter()
                            .map(|c| person_key(c))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
                    .into_iter()
                    .chain(
                        proposals
                            .iter()
                            .filter(|p| p.author_id == user.id)
                            .map(|p| p.id.to_string()),
                    )
                    .collect(),
            }
        })
        .collect();
    let per_proposal = settings.per_proposal as usize;
    let seed = loaded.phase.id.as_u128() as u64;
    let fresh = agora_programme::assign(
        &input.proposals,
        &reviewers,
        &input.directory,
        per_proposal,
        seed,
    );
    let existing = state.store.assignments_of_call(loaded.phase.id).await?;
    let mut pairs: Vec<(Uuid, Uuid)> = Vec::new();
    for (proposal, converted) in proposals.iter().zip(&input.proposals) {
        let eligible = |reviewer: &str| {
            reviewers
                .iter()
                .find(|r| r.id == reviewer)
                .is_some_and(|r| !agora_programme::in_conflict(r, converted, &input.directory))
        };
        let mut chosen: Vec<Uuid> = existing
            .iter()
            .filter(|a| a.proposal_id == proposal.id && a.reviewed)
            .filter(|a| eligible(&a.reviewer_id.to_string()))
            .map(|a| a.reviewer_id)
            .collect();
        for id in fresh.reviewers.get(&converted.id).into_iter().flatten() {
            if chosen.len() >= per_proposal {
                break;
            }
            let id: Uuid = id.parse().map_err(|_| AppError::BadRequest)?;
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        pairs.extend(chosen.into_iter().map(|r| (proposal.id, r)));
    }
    state
        .store
        .replace_assignments(ctx.actor(), loaded.phase.id, &pairs, now)
        .await?;
    Ok(state.store.assignments_of_call(loaded.phase.id).await?)
}

/// The call's reviews aggregated (z-scores per reviewer, standard error per proposal), with
/// the proposals: `agora_programme::aggregate` over every review in.
pub(crate) async fn scores(
    state: &AppState,
    loaded: &LoadedCall,
) -> Result<(Vec<Proposal>, Vec<Score>), AppError> {
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    let Some(settings) = state.store.review_settings(loaded.phase.id).await? else {
        return Ok((proposals, Vec::new()));
    };
    let reviews: Vec<agora_programme::Review> = state
        .store
        .reviews_of_call(loaded.phase.id)
        .await?
        .into_iter()
        .map(|r| agora_programme::Review {
            proposal: r.proposal_id.to_string(),
            reviewer: r.reviewer_id.to_string(),
            scores: r.scores,
        })
        .collect();
    let criteria: Vec<agora_programme::Criterion> = settings
        .criteria
        .iter()
        .map(|c| agora_programme::Criterion {
            id: c.name.clone(),
            weight: f64::from(c.weight),
        })
        .collect();
    // Reviews are checked against the criteria when saved, and criteria keep their names
    // once reviews are in: a failure here is stored data gone wrong.
    let scores = agora_programme::aggregate(&reviews, &criteria)
        .map_err(|e| AppError::Store(StoreError::Corrupt(e.to_string())))?;
    Ok((proposals, scores))
}

/// A theme's proposals, best first, with their scores.
pub(crate) struct ThemeRanking<'a> {
    pub theme: String,
    pub rows: Vec<(&'a Proposal, &'a Score)>,
}

/// The rankings per theme, in the call's theme order.
pub(crate) fn rank<'a>(proposals: &'a [Proposal], scores: &'a [Score]) -> Vec<ThemeRanking<'a>> {
    let by_id: BTreeMap<String, &Proposal> =
        proposals.iter().map(|p| (p.id.to_string(), p)).collect();
    agora_programme::rank_by_theme(scores, |id| by_id.get(id).map(|p| p.theme.as_str()))
        .into_iter()
        .map(|(theme, list)| ThemeRanking {
            theme: theme.to_owned(),
            rows: list
                .into_iter()
                .filter_map(|s| Some((*by_id.get(&s.proposal)?, s)))
                .collect(),
        })
        .collect()
}

/// The committee's rules, pins and excludes, and the reason for each pin and exclude.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub(crate) struct Committee {
    /// `agora_programme::SelectionRules`: `sessions`, `per_theme` and `per_format` (name →
    /// `{min, max}`), `max_per_organisation`, `min_first_time_share` (0–1), `diversity`
    /// (`[{attribute: stakeholder_group|region|gender, value, min_sessions}]`), `pins` and
    /// `excludes` (proposal ids).
    #[schema(value_type = Object)]
    pub rules: SelectionRules,
    /// Why each pinned or excluded proposal is, by proposal id.
    pub reasons: BTreeMap<String, String>,
}

impl Committee {
    /// What the engine cannot check: at least one session, a share between 0 and 1, and a
    /// reason for every pin and exclude (the error names `why_<id>`).
    pub(crate) fn check(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.rules.sessions == 0 {
            errors.push("sessions", ErrorCode::InvalidNumber);
        }
        if !(0.0..=1.0).contains(&self.rules.min_first_time_share) {
            errors.push("first_time_share", ErrorCode::InvalidNumber);
        }
        for id in self.rules.pins.iter().chain(&self.rules.excludes) {
            let reason = self.reasons.get(id).map_or("", |r| r.trim());
            if reason.is_empty() {
                errors.push(format!("why_{id}"), ErrorCode::Required);
            } else if reason.chars().count() > 500 {
                errors.push(format!("why_{id}"), ErrorCode::TooLong { max: 500 });
            }
        }
        errors.finish(())
    }
}

/// Runs the balanced selection over the call's scored proposals and stores the run.
pub(crate) async fn select(
    state: &AppState,
    ctx: &Ctx,
    loaded: &LoadedCall,
    committee: Committee,
) -> Result<Result<SelectionRun, ValidationErrors>, AppError> {
    if let Err(errors) = committee.check() {
        return Ok(Err(errors));
    }
    let (proposals, scores) = scores(state, loaded).await?;
    let input = engine_input(&proposals);
    let candidates = agora_programme::candidates(&input.proposals, &input.directory, &scores);
    let selection = agora_programme::select(&candidates, &committee.rules);
    let json = |e: serde_json::Error| AppError::Store(StoreError::Corrupt(e.to_string()));
    let run = SelectionRun {
        id: agora_core::new_id(),
        phase_id: loaded.phase.id,
        rules: serde_json::to_value(&committee).map_err(json)?,
        result: serde_json::to_value(&selection).map_err(json)?,
        ran_at: (state.clock)(),
        ran_by: ctx.actor(),
    };
    state.store.save_selection_run(ctx.actor(), &run).await?;
    Ok(Ok(run))
}

/// The committee and the result of a stored run.
pub(crate) fn read_run(run: &SelectionRun) -> Result<(Committee, Selection), AppError> {
    let corrupt = |e: serde_json::Error| AppError::Store(StoreError::Corrupt(e.to_string()));
    Ok((
        serde_json::from_value(run.rules.clone()).map_err(corrupt)?,
        serde_json::from_value(run.result.clone()).map_err(corrupt)?,
    ))
}

// ---------------------------------------------------------------------------------------------
// The dashboard: settings, panel, assignment and progress
// ---------------------------------------------------------------------------------------------

/// A reviewer's line on the dashboard.
struct PanelRow {
    user: User,
    organisation: Option<String>,
    declared: bool,
    done: usize,
    assigned: usize,
}

/// A proposal's line on the dashboard.
struct ProgressRow {
    proposal: Proposal,
    assigned: usize,
    reviewed: usize,
}

#[derive(Template)]
#[template(path = "review_dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    loaded: LoadedCall,
    settings: ReviewSettingsDraft,
    published: bool,
    required: u32,
    errors: Vec<(String, String)>,
    /// The add-a-reviewer form's address and its error.
    email: String,
    email_error: Option<String>,
    closed: bool,
    panel: Vec<PanelRow>,
    rows: Vec<ProgressRow>,
    assigned: usize,
    reviewed: usize,
    chart: BarChart,
}

impl DashboardPage {
    fn short(&self, row: &ProgressRow) -> bool {
        row.assigned < self.required as usize
    }
}

/// What the dashboard form shows: the posted or stored settings, padded to
/// [`CRITERION_ROWS`].
fn padded(mut draft: ReviewSettingsDraft) -> ReviewSettingsDraft {
    let rows = CRITERION_ROWS.max(draft.criteria.len());
    draft.criteria.resize_with(rows, CriterionDraft::default);
    draft
}

async fn dashboard_page(
    state: &AppState,
    ctx: Ctx,
    loaded: LoadedCall,
    posted: Option<(ReviewSettingsDraft, Vec<(String, String)>)>,
    email: Option<(String, String)>,
) -> AppResult {
    let stored = state.store.review_settings(loaded.phase.id).await?;
    let published = stored.is_some();
    let required = stored.as_ref().map_or(0, |s| s.per_proposal);
    let (settings, errors) = posted.unwrap_or_else(|| {
        let draft = stored
            .as_ref()
            .map(ReviewSettings::draft)
            .unwrap_or_else(|| ReviewSettingsDraft {
                per_proposal: "3".into(),
                ..Default::default()
            });
        (draft, Vec::new())
    });
    let assignments = state.store.assignments_of_call(loaded.phase.id).await?;
    let profiles = state.store.reviewer_profiles(loaded.phase.id).await?;
    let count = |f: &dyn Fn(&Assignment) -> bool| assignments.iter().filter(|a| f(a)).count();
    let panel: Vec<PanelRow> = state
        .store
        .panel(loaded.process.id)
        .await?
        .into_iter()
        .map(|user| {
            let profile = profiles.iter().find(|p| p.user_id == user.id);
            PanelRow {
                organisation: profile.and_then(|p| p.organisation.clone()),
                declared: profile.is_some(),
                done: count(&|a| a.reviewer_id == user.id && a.reviewed),
                assigned: count(&|a| a.reviewer_id == user.id),
                user,
            }
        })
        .collect();
    let rows: Vec<ProgressRow> = state
        .store
        .proposals_of_call(loaded.phase.id)
        .await?
        .into_iter()
        .map(|proposal| ProgressRow {
            assigned: count(&|a| a.proposal_id == proposal.id),
            reviewed: count(&|a| a.proposal_id == proposal.id && a.reviewed),
            proposal,
        })
        .collect();
    let chart = BarChart::new(
        "reviews-done",
        ctx.t("review-chart-title"),
        ctx.t("review-reviewer"),
        ctx.t("review-done"),
        panel
            .iter()
            .map(|r| (r.user.display_name.clone(), r.done as u64))
            .collect(),
    );
    let status = form_status(errors.is_empty() && email.is_none());
    let (email, email_error) = match email {
        Some((e, m)) => (e, Some(m)),
        None => (String::new(), None),
    };
    page_with_status(
        status,
        DashboardPage {
            settings: padded(settings),
            published,
            required,
            errors,
            email,
            email_error,
            closed: loaded.phase.status((state.clock)()) == PhaseStatus::Closed,
            assigned: assignments.len(),
            reviewed: count(&|a| a.reviewed),
            panel,
            rows,
            chart,
            ctx,
            loaded,
        },
    )
}

async fn dashboard(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    dashboard_page(&state, ctx.0, loaded, None, None).await
}

/// The settings a form posted: `per_proposal`, then one criterion a row (`c0_name`, …).
fn settings_from(form: &CsrfForm) -> ReviewSettingsDraft {
    ReviewSettingsDraft {
        criteria: (0..CRITERION_ROWS)
            .map(|i| {
                let f = |name: &str| form.get(&format!("c{i}_{name}")).to_owned();
                CriterionDraft {
                    name: f("name"),
                    weight: f("weight"),
                    low: f("low"),
                    middle: f("middle"),
                    high: f("high"),
                }
            })
            .collect(),
        per_proposal: form.get("per_proposal").to_owned(),
    }
}

async fn save_settings(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let draft = settings_from(&form);
    match publish(&state, &ctx, &loaded, &draft).await? {
        Ok(_) => Ok(Redirect::to(&format!("/calls/{}/review", loaded.phase.id)).into_response()),
        Err(errors) => {
            let shown = messages(&ctx, &errors);
            dashboard_page(&state, ctx.0, loaded, Some((draft, shown)), None).await
        }
    }
}

/// Adds an account, by its email, to the process's review panel (the reviewer role, scoped
/// to the process).
async fn add_reviewer(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let email = agora_core::auth::normalise_email(form.get("email"));
    match state.store.user_with_hash(&email).await? {
        Some((user, _)) => {
            let grants = state.store.grants_of(user.id).await?;
            if !grants.permits(Action::ServeAsReviewer(loaded.process.id)) {
                state
                    .store
                    .grant_role(
                        ctx.actor(),
                        user.id,
                        agora_core::auth::Role::Reviewer,
                        Some(loaded.process.id),
                    )
                    .await?;
            }
            Ok(Redirect::to(&format!("/calls/{}/review", loaded.phase.id)).into_response())
        }
        None => {
            let message = ctx.t("review-no-such-account");
            dashboard_page(&state, ctx.0, loaded, None, Some((email, message))).await
        }
    }
}

async fn run_assignment(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    assign(&state, &ctx, &loaded).await?;
    Ok(Redirect::to(&format!("/calls/{}/review#progress", loaded.phase.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// The reviewer's pages
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "review_conflicts.html")]
struct ConflictsPage {
    ctx: Ctx,
    loaded: LoadedCall,
    draft: ProfileDraft,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn conflicts_page(
    ctx: Ctx,
    loaded: LoadedCall,
    draft: ProfileDraft,
    errors: Vec<(String, String)>,
    saved: bool,
) -> AppResult {
    let status = form_status(errors.is_empty());
    page_with_status(
        status,
        ConflictsPage {
            ctx,
            loaded,
            draft,
            errors,
            saved,
        },
    )
}

/// The call, for a reviewer of its process, and the signed-in reviewer.
async fn panel_call(state: &AppState, ctx: &Ctx, id: &str) -> Result<(LoadedCall, Uuid), AppError> {
    let loaded = load_call(state, id).await?;
    require(ctx, Action::ServeAsReviewer(loaded.process.id))?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    Ok((loaded, user.id))
}

/// `?saved=1`: the page a saved declaration redirects to says so.
#[derive(Deserialize, Default)]
struct SavedQuery {
    saved: Option<String>,
}

async fn conflicts(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<SavedQuery>,
) -> AppResult {
    let (loaded, user) = panel_call(&state, &ctx, &id).await?;
    let draft = state
        .store
        .reviewer_profiles(loaded.phase.id)
        .await?
        .into_iter()
        .find(|p| p.user_id == user)
        .map(|p| p.draft())
        .unwrap_or_default();
    let saved = query.saved.is_some();
    conflicts_page(ctx.0, loaded, draft, Vec::new(), saved).await
}

async fn save_conflicts(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let (loaded, user) = panel_call(&state, &ctx, &id).await?;
    let draft: ProfileDraft = form.parse()?;
    match draft.validate(loaded.phase.id, user) {
        Ok(profile) => {
            state
                .store
                .save_reviewer_profile(ctx.actor(), &profile)
                .await?;
            let back = format!("/calls/{}/conflicts?saved=1", loaded.phase.id);
            Ok(Redirect::to(&back).into_response())
        }
        Err(errors) => {
            let shown = messages(&ctx, &errors);
            conflicts_page(ctx.0, loaded, draft, shown, false).await
        }
    }
}

/// An assignment as the reviewer's list shows it.
pub(crate) struct AssignedRow {
    pub proposal: Proposal,
    pub call_title: String,
    pub reviewed: bool,
}

/// The signed-in account's assignments, oldest first, with their proposals.
pub(crate) async fn assigned_to(state: &AppState, ctx: &Ctx) -> Result<Vec<AssignedRow>, AppError> {
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let mut rows = Vec::new();
    for a in state.store.assignments_of_reviewer(user.id).await? {
        let Some(proposal) = state.store.proposal(a.proposal_id).await? else {
            continue;
        };
        let phase = state.store.phase(a.phase_id).await?;
        rows.push(AssignedRow {
            proposal,
            call_title: phase.map(|p| p.title).unwrap_or_default(),
            reviewed: a.reviewed,
        });
    }
    Ok(rows)
}

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    ctx: Ctx,
    rows: Vec<AssignedRow>,
}

async fn my_reviews(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    let rows = assigned_to(&state, &ctx).await?;
    page(ReviewsPage { ctx: ctx.0, rows })
}

/// A proposal for its assigned reviewer: the proposal, its call, the call's settings and the
/// reviewer's review so far. Anyone else gets 403 (visitors 401), whether or not the proposal
/// has reviews.
pub(crate) async fn assigned_proposal(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
) -> Result<(Proposal, LoadedCall, ReviewSettings, Option<Review>), AppError> {
    let (proposal, loaded) = load_proposal(state, id).await?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let assigned = state
        .store
        .assignments_of_reviewer(user.id)
        .await?
        .iter()
        .any(|a| a.proposal_id == proposal.id);
    require(
        ctx,
        Action::ReviewProposal {
            process: loaded.process.id,
            assigned,
        },
    )?;
    let settings = settings_of(state, &loaded).await?;
    let review = state.store.review(proposal.id, user.id).await?;
    Ok((proposal, loaded, settings, review))
}

#[derive(Template)]
#[template(path = "review_form.html")]
struct ReviewFormPage {
    ctx: Ctx,
    proposal: Proposal,
    loaded: LoadedCall,
    settings: ReviewSettings,
    draft: ReviewDraft,
    errors: Vec<(String, String)>,
    saved: bool,
}

impl ReviewFormPage {
    /// Whether criterion `name` has `level` chosen.
    fn chosen(&self, name: &str, level: &u8) -> bool {
        self.draft.scores.get(name).map(|s| s.trim()) == Some(level.to_string().as_str())
    }
}

async fn review_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let (proposal, loaded, settings, review) = assigned_proposal(&state, &ctx, &id).await?;
    page(ReviewFormPage {
        ctx: ctx.0,
        proposal,
        loaded,
        draft: review.as_ref().map(Review::draft).unwrap_or_default(),
        saved: review.is_some(),
        settings,
        errors: Vec::new(),
    })
}

async fn save_review(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let (proposal, loaded, settings, _) = assigned_proposal(&state, &ctx, &id).await?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let draft = ReviewDraft {
        scores: settings
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), form.get(&format!("score{i}")).to_owned()))
            .collect(),
        comment: form.get("comment").to_owned(),
    };
    match draft.validate(&settings, proposal.id, user.id, (state.clock)()) {
        Ok(review) => {
            state.store.save_review(ctx.actor(), &review).await?;
            Ok(Redirect::to("/reviews").into_response())
        }
        Err(errors) => {
            let errors = messages(&ctx, &errors);
            page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                ReviewFormPage {
                    ctx: ctx.0,
                    proposal,
                    loaded,
                    settings,
                    draft,
                    errors,
                    saved: false,
                },
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "rankings.html")]
struct RankingsPage<'a> {
    ctx: Ctx,
    loaded: LoadedCall,
    themes: Vec<ThemeRanking<'a>>,
}

/// A score with two decimals, for tables.
fn decimal(value: &f64) -> String {
    format!("{value:.2}")
}

impl RankingsPage<'_> {
    fn decimal(&self, value: &f64) -> String {
        decimal(value)
    }
}

async fn rankings(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let (proposals, scores) = scores(&state, &loaded).await?;
    page(RankingsPage {
        ctx: ctx.0,
        loaded,
        themes: rank(&proposals, &scores),
    })
}

// ---------------------------------------------------------------------------------------------
// Balanced selection
// ---------------------------------------------------------------------------------------------

/// A selection form's values by field name.
type FormValues = BTreeMap<String, String>;

/// A proposal's line in the selection's result: in or out, and why in words.
struct Outcome {
    proposal: Proposal,
    selected: bool,
    score: String,
    reason: String,
    /// Pinned or excluded by the committee, with its reason.
    committee: Option<String>,
}

#[derive(Template)]
#[template(path = "selection.html")]
struct SelectionPage {
    ctx: Ctx,
    loaded: LoadedCall,
    values: FormValues,
    errors: Vec<(String, String)>,
    /// The scored proposals, best first, for pins and excludes.
    scored: Vec<(Proposal, String)>,
    attributes: Vec<(String, String)>,
    quota_rows: usize,
    ran_at: Option<String>,
    outcomes: Vec<Outcome>,
    unmet: Vec<String>,
    selected: Vec<Uuid>,
}

impl SelectionPage {
    fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    fn value_is(&self, field: &str, value: &str) -> bool {
        self.value(field) == value
    }
}

const ATTRIBUTES: [(Attribute, &str); 3] = [
    (Attribute::StakeholderGroup, "stakeholder_group"),
    (Attribute::Region, "region"),
    (Attribute::Gender, "gender"),
];

fn attribute_code(a: Attribute) -> &'static str {
    ATTRIBUTES
        .iter()
        .find(|(x, _)| *x == a)
        .map_or("", |(_, c)| c)
}

/// The form's values for a committee: what the page shows before the first run, and after.
fn committee_values(c: &Committee, loaded: &LoadedCall) -> FormValues {
    let mut v = BTreeMap::new();
    let mut set = |k: String, value: String| {
        v.insert(k, value);
    };
    set("sessions".into(), c.rules.sessions.to_string());
    let call = loaded.call.as_ref();
    let bounds = |map: &BTreeMap<String, Bounds>, names: Vec<String>, prefix: &str| {
        names
            .into_iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let b = map.get(&name)?;
                Some([
                    (format!("{prefix}{i}_min"), b.min.to_string()),
                    (
                        format!("{prefix}{i}_max"),
                        b.max.map(|m| m.to_string()).unwrap_or_default(),
                    ),
                ])
            })
            .flatten()
            .collect::<Vec<_>>()
    };
    let themes = call.map_or(Vec::new(), |c| {
        c.themes.iter().map(|t| t.name.clone()).collect()
    });
    let formats = call.map_or(Vec::new(), |c| {
        c.formats.iter().map(|f| f.name.clone()).collect()
    });
    for (k, value) in bounds(&c.rules.per_theme, themes, "theme")
        .into_iter()
        .chain(bounds(&c.rules.per_format, formats, "format"))
    {
        set(k, value);
    }
    if let Some(cap) = c.rules.max_per_organisation {
        set("max_per_organisation".into(), cap.to_string());
    }
    set(
        "first_time_share".into(),
        format!("{}", (c.rules.min_first_time_share * 100.0).round()),
    );
    for (i, q) in c.rules.diversity.iter().enumerate() {
        set(
            format!("q{i}_attribute"),
            attribute_code(q.attribute).into(),
        );
        set(format!("q{i}_value"), q.value.clone());
        set(format!("q{i}_min"), q.min_sessions.to_string());
    }
    for id in &c.rules.pins {
        set(format!("act_{id}"), "pin".into());
    }
    for id in &c.rules.excludes {
        set(format!("act_{id}"), "exclude".into());
    }
    for (id, why) in &c.reasons {
        set(format!("why_{id}"), why.clone());
    }
    v
}

/// The committee a form posted. Numbers that are not whole numbers are named.
fn committee_from(
    form: &CsrfForm,
    loaded: &LoadedCall,
    proposals: &[Proposal],
) -> Result<Committee, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut number = |field: &str| -> Option<usize> {
        let text = form.get(field).trim();
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<usize>().ok();
        if parsed.is_none() {
            errors.push(field, ErrorCode::InvalidNumber);
        }
        parsed
    };
    let mut rules = SelectionRules {
        sessions: number("sessions").unwrap_or(0),
        max_per_organisation: number("max_per_organisation"),
        ..Default::default()
    };
    let share = number("first_time_share").unwrap_or(0);
    rules.min_first_time_share = share as f64 / 100.0;
    if let Some(call) = &loaded.call {
        for (i, t) in call.themes.iter().enumerate() {
            let (min, max) = (
                number(&format!("theme{i}_min")),
                number(&format!("theme{i}_max")),
            );
            if min.is_some() || max.is_some() {
                let b = Bounds {
                    min: min.unwrap_or(0),
                    max,
                };
                rules.per_theme.insert(t.name.clone(), b);
            }
        }
        for (i, f) in call.formats.iter().enumerate() {
            let (min, max) = (
                number(&format!("format{i}_min")),
                number(&format!("format{i}_max")),
            );
            if min.is_some() || max.is_some() {
                let b = Bounds {
                    min: min.unwrap_or(0),
                    max,
                };
                rules.per_format.insert(f.name.clone(), b);
            }
        }
    }
    let mut bad_attributes = Vec::new();
    for i in 0..QUOTA_ROWS {
        let value = form.get(&format!("q{i}_value")).trim().to_owned();
        if value.is_empty() {
            continue;
        }
        let code = form.get(&format!("q{i}_attribute"));
        let min = number(&format!("q{i}_min")).unwrap_or(0);
        match ATTRIBUTES.iter().find(|(_, c)| *c == code) {
            Some((attribute, _)) => rules.diversity.push(Quota {
                attribute: *attribute,
                value,
                min_sessions: min,
            }),
            None => bad_attributes.push(format!("q{i}_attribute")),
        }
    }
    for field in bad_attributes {
        errors.push(field, ErrorCode::InvalidChoice);
    }
    let mut reasons = BTreeMap::new();
    for p in proposals {
        let id = p.id.to_string();
        match form.get(&format!("act_{id}")) {
            "pin" => rules.pins.push(id.clone()),
            "exclude" => rules.excludes.push(id.clone()),
            _ => continue,
        }
        reasons.insert(id.clone(), form.get(&format!("why_{id}")).trim().to_owned());
    }
    errors.finish(Committee { rules, reasons })
}

/// A constraint in words.
fn constraint_text(ctx: &Ctx, c: &Constraint) -> String {
    let (id, value) = match c {
        Constraint::Theme { theme } => ("selection-constraint-theme", theme.clone()),
        Constraint::Format { format } => ("selection-constraint-format", format.clone()),
        Constraint::Organisation { organisation } => {
            ("selection-constraint-organisation", organisation.clone())
        }
        Constraint::FirstTime => ("selection-constraint-first-time", String::new()),
        Constraint::Diversity { attribute, value } => {
            let shown = match attribute {
                Attribute::StakeholderGroup => ctx.group(value),
                Attribute::Region => ctx.tp("region-", value),
                Attribute::Gender => value.clone(),
            };
            return ctx.lang.t_args(
                "selection-constraint-diversity",
                &[
                    (
                        "attribute",
                        FluentValue::from(
                            ctx.tp("selection-attribute-", attribute_code(*attribute)),
                        ),
                    ),
                    ("value", FluentValue::from(shown)),
                ],
            );
        }
    };
    ctx.lang.t_args(id, &[("value", FluentValue::from(value))])
}

fn constraints_text(ctx: &Ctx, list: &[Constraint]) -> String {
    list.iter()
        .map(|c| constraint_text(ctx, c))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a proposal is in or out, in words.
fn reason_text(ctx: &Ctx, reason: &Reason) -> String {
    let n = |v: usize| FluentValue::from(v as u64);
    let list = |c: &[Constraint]| FluentValue::from(constraints_text(ctx, c));
    let (id, args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match reason {
        Reason::Pinned => ("selection-reason-pinned", vec![]),
        Reason::Score { rank } => ("selection-reason-score", vec![("rank", n(*rank))]),
        Reason::Quota { constraints } => (
            "selection-reason-quota",
            vec![("constraints", list(constraints))],
        ),
        Reason::Excluded => ("selection-reason-excluded", vec![]),
        Reason::AtMaximum { constraints } => (
            "selection-reason-at-maximum",
            vec![("constraints", list(constraints))],
        ),
        Reason::ProtectedByQuota { constraints } => (
            "selection-reason-protected",
            vec![("constraints", list(constraints))],
        ),
        Reason::BelowCutoff { cutoff } => (
            "selection-reason-below-cutoff",
            vec![("cutoff", FluentValue::from(decimal(cutoff)))],
        ),
    };
    ctx.lang.t_args(id, &args)
}

/// An unmet constraint in words, naming the proposal by its title where one is named.
fn unmet_text(ctx: &Ctx, unmet: &Unmet, titles: &BTreeMap<String, String>) -> String {
    let n = |v: usize| FluentValue::from(v as u64);
    let title = |id: &str| FluentValue::from(titles.get(id).cloned().unwrap_or(id.to_owned()));
    let (id, args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match unmet {
        Unmet::BelowMinimum {
            constraint,
            min,
            selected,
            candidates,
            impossible,
        } => (
            if impossible.is_some() {
                "selection-unmet-impossible"
            } else {
                "selection-unmet-below"
            },
            vec![
                (
                    "constraint",
                    FluentValue::from(constraint_text(ctx, constraint)),
                ),
                ("min", n(*min)),
                ("selected", n(*selected)),
                ("candidates", n(*candidates)),
            ],
        ),
        Unmet::AboveMaximum {
            constraint,
            max,
            selected,
        } => (
            "selection-unmet-above",
            vec![
                (
                    "constraint",
                    FluentValue::from(constraint_text(ctx, constraint)),
                ),
                ("max", n(*max)),
                ("selected", n(*selected)),
            ],
        ),
        Unmet::TooFewSessions {
            selected,
            requested,
        } => (
            "selection-unmet-too-few",
            vec![("selected", n(*selected)), ("requested", n(*requested))],
        ),
        Unmet::TooManyPins { pins, requested } => (
            "selection-unmet-too-many-pins",
            vec![("pins", n(*pins)), ("requested", n(*requested))],
        ),
        Unmet::UnknownProposal { proposal, .. } => (
            "selection-unmet-unknown",
            vec![("proposal", title(proposal))],
        ),
        Unmet::PinnedAndExcluded { proposal } => (
            "selection-unmet-pinned-and-excluded",
            vec![("proposal", title(proposal))],
        ),
    };
    ctx.lang.t_args(id, &args)
}

async fn selection_page(
    state: &AppState,
    ctx: Ctx,
    loaded: LoadedCall,
    posted: Option<(FormValues, Vec<(String, String)>)>,
) -> AppResult {
    let (proposals, scores) = scores(state, &loaded).await?;
    let run = state.store.last_selection_run(loaded.phase.id).await?;
    let stored = run.as_ref().map(read_run).transpose()?;
    let by_id: BTreeMap<String, &Proposal> =
        proposals.iter().map(|p| (p.id.to_string(), p)).collect();
    let titles: BTreeMap<String, String> = proposals
        .iter()
        .map(|p| (p.id.to_string(), p.title.clone()))
        .collect();
    let mut ranked: Vec<&Score> = scores.iter().collect();
    ranked.sort_by(|a, b| b.normalised.total_cmp(&a.normalised));
    let scored = ranked
        .iter()
        .filter_map(|s| Some(((*by_id.get(&s.proposal)?).clone(), decimal(&s.normalised))))
        .collect();
    let (values, errors) = posted.unwrap_or_else(|| {
        let committee = stored
            .as_ref()
            .map(|(c, _)| c.clone())
            .unwrap_or_else(|| Committee {
                rules: SelectionRules {
                    sessions: scores.len().min(10),
                    ..Default::default()
                },
                ..Default::default()
            });
        (committee_values(&committee, &loaded), Vec::new())
    });
    let (outcomes, unmet, selected) = match &stored {
        None => (Vec::new(), Vec::new(), Vec::new()),
        Some((committee, result)) => (
            result
                .decisions
                .iter()
                .filter_map(|d| {
                    Some(Outcome {
                        proposal: (*by_id.get(&d.proposal)?).clone(),
                        selected: d.selected,
                        score: decimal(&d.score),
                        reason: reason_text(&ctx, &d.reason),
                        committee: committee.reasons.get(&d.proposal).cloned(),
                    })
                })
                .collect(),
            result
                .unmet
                .iter()
                .map(|u| unmet_text(&ctx, u, &titles))
                .collect(),
            result
                .selected
                .iter()
                .filter_map(|id| id.parse().ok())
                .collect(),
        ),
    };
    let status = form_status(errors.is_empty());
    page_with_status(
        status,
        SelectionPage {
            attributes: ATTRIBUTES
                .iter()
                .map(|(_, c)| ((*c).to_owned(), ctx.tp("selection-attribute-", c)))
                .collect(),
            quota_rows: QUOTA_ROWS,
            ran_at: run
                .as_ref()
                .map(|r| super::in_zone(r.ran_at, &loaded.process.display_zone)),
            values,
            errors,
            scored,
            outcomes,
            unmet,
            selected,
            ctx,
            loaded,
        },
    )
}

async fn selection(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    selection_page(&state, ctx.0, loaded, None).await
}

async fn run_selection(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = managed_call(&state, &ctx, &id).await?;
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    let checked = match committee_from(&form, &loaded, &proposals) {
        Ok(committee) => select(&state, &ctx, &loaded, committee).await?,
        Err(errors) => Err(errors),
    };
    match checked {
        Ok(_) => Ok(
            Redirect::to(&format!("/calls/{}/selection#result", loaded.phase.id)).into_response(),
        ),
        Err(errors) => {
            let values = form.pairs.iter().cloned().collect();
            let shown = messages(&ctx, &errors);
            selection_page(&state, ctx.0, loaded, Some((values, shown))).await
        }
    }
}
