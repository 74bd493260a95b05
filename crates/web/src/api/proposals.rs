//! Calls for proposals through the API: list a call's proposals, read one, send one, edit
//! one. The rules are the pages' (`pages/proposals.rs`): any account proposes while the call
//! is open; its author or the secretariat edits it until the deadline; screening runs on read
//! and its failures come back to those who may edit.

use agora_core::proposal::{Call, PersonDraft, ProposalDraft, SessionFormat, Theme, role_code};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::problem::{ApiResult, BadBody, Guarded, NotFound};
use super::request::{ApiJson, created};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppError;
use crate::pages::proposals::{
    edit_action, failure_message, failures_of, load_call, load_proposal,
};
use crate::pages::require;

/// A person of a proposal. `gender` is shown only to those who may edit the proposal.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Person {
    #[schema(example = "speaker")]
    pub role: String,
    pub name: String,
    pub organisation: String,
    #[schema(example = "civil-society")]
    pub stakeholder_group: String,
    /// UN M49 region code.
    #[schema(example = "419")]
    pub region: Option<String>,
    /// Self-declared, optional.
    pub gender: Option<String>,
    #[serde(default)]
    pub remote: bool,
    #[serde(default)]
    pub confirmed: bool,
    /// A speaker who moderates the session.
    #[serde(default)]
    pub moderator: bool,
    /// Needs a step-free, accessible room; present only for those who may edit the proposal.
    #[serde(default)]
    pub accessibility_needs: Option<bool>,
}

/// A proposal as sent: the format and theme must be among the call's.
#[derive(Deserialize, ToSchema)]
pub struct NewProposal {
    #[serde(default)]
    #[schema(required = true, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(required = true)]
    pub description: String,
    #[serde(default)]
    #[schema(required = true)]
    pub policy_questions: String,
    #[serde(default)]
    #[schema(required = true, example = "Workshop")]
    pub format: String,
    #[serde(default)]
    #[schema(required = true, example = "Access")]
    pub theme: String,
    pub sub_theme: Option<String>,
    #[serde(default)]
    pub first_time: bool,
    #[serde(default)]
    pub report_filed: bool,
    /// At least one organiser.
    #[serde(default)]
    pub people: Vec<Person>,
}

impl From<NewProposal> for ProposalDraft {
    fn from(p: NewProposal) -> Self {
        ProposalDraft {
            title: p.title,
            description: p.description,
            policy_questions: p.policy_questions,
            format: p.format,
            theme: p.theme,
            sub_theme: p.sub_theme.unwrap_or_default(),
            first_time: p.first_time,
            report_filed: p.report_filed,
            people: p
                .people
                .into_iter()
                .map(|person| PersonDraft {
                    role: person.role,
                    name: person.name,
                    organisation: person.organisation,
                    stakeholder_group: person.stakeholder_group,
                    region: person.region.unwrap_or_default(),
                    gender: person.gender.unwrap_or_default(),
                    remote: person.remote,
                    confirmed: person.confirmed,
                    moderator: person.moderator,
                    accessibility_needs: person.accessibility_needs.unwrap_or(false),
                })
                .collect(),
        }
    }
}

/// A screening rule the proposal fails.
#[derive(Serialize, ToSchema)]
pub struct ScreeningFailure {
    #[schema(example = "too_few_confirmed_speakers")]
    pub rule: String,
    /// What to fix, in the language of the request.
    pub message: String,
}

/// A proposal to a call.
#[derive(Serialize, ToSchema)]
pub struct Proposal {
    pub id: Uuid,
    /// The call-for-proposals phase.
    pub call_id: Uuid,
    pub title: String,
    pub description: String,
    pub policy_questions: String,
    pub format: String,
    pub theme: String,
    pub sub_theme: Option<String>,
    pub first_time: bool,
    pub report_filed: bool,
    pub people: Vec<Person>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Screening's failures; present only for the author and the secretariat.
    pub screening: Option<Vec<ScreeningFailure>>,
    /// The committee's decision (`accepted` or `declined`); present only for the author and
    /// the secretariat, and once taken.
    #[schema(example = "accepted")]
    pub decision: Option<String>,
}

fn answer(
    p: agora_core::proposal::Proposal,
    editor: bool,
    screening: Option<Vec<ScreeningFailure>>,
) -> Proposal {
    Proposal {
        id: p.id,
        call_id: p.phase_id,
        title: p.title,
        description: p.description,
        policy_questions: p.policy_questions,
        format: p.format,
        theme: p.theme,
        sub_theme: p.sub_theme,
        first_time: p.first_time,
        report_filed: p.report_filed,
        people: p
            .people
            .into_iter()
            .map(|person| Person {
                role: role_code(person.role).to_owned(),
                name: person.name,
                organisation: person.organisation,
                stakeholder_group: person.stakeholder_group,
                region: person.region,
                gender: person.gender.filter(|_| editor),
                remote: person.remote,
                confirmed: person.confirmed,
                moderator: person.moderator,
                accessibility_needs: Some(person.accessibility_needs).filter(|_| editor),
            })
            .collect(),
        created_at: p.created_at,
        updated_at: p.updated_at,
        screening,
        decision: p.decision.filter(|_| editor).map(|d| d.code().to_owned()),
    }
}

/// The proposal as `ctx` may read it, with screening for those who may edit it.
async fn read(
    state: &AppState,
    ctx: &Ctx,
    proposal: agora_core::proposal::Proposal,
    process: &agora_core::process::Process,
) -> Result<Proposal, AppError> {
    let editor = ctx.permits(edit_action(ctx, &proposal, process));
    let screening = if editor {
        let (rules, names) = failures_of(state, &proposal).await?;
        Some(
            rules
                .iter()
                .map(|rule| ScreeningFailure {
                    rule: serde_json::to_value(rule)
                        .ok()
                        .and_then(|v| v["rule"].as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    message: failure_message(ctx, rule, &names),
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(answer(proposal, editor, screening))
}

/// A call for proposals: a phase of a process that takes proposals between two instants.
#[derive(Serialize, ToSchema)]
pub struct CallSummary {
    /// The call-for-proposals phase's id.
    pub id: Uuid,
    pub process_id: Uuid,
    pub title: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

fn summary(phase: agora_core::process::Phase) -> CallSummary {
    CallSummary {
        id: phase.id,
        process_id: phase.process_id,
        title: phase.title,
        opens_at: phase.opens_at,
        closes_at: phase.closes_at,
    }
}

/// Every call-for-proposals phase of every process.
async fn every_call(
    state: &AppState,
) -> Result<Vec<(agora_core::process::Phase, agora_core::process::Process)>, AppError> {
    let processes = state
        .store
        .every(async |store, page| store.processes(page).await)
        .await?;
    let mut calls = Vec::new();
    for process in processes {
        for phase in state.store.phases(process.id).await? {
            if phase.kind == agora_core::process::PhaseKind::CallForProposals {
                calls.push((phase, process.clone()));
            }
        }
    }
    Ok(calls)
}

/// Every call for proposals, process by process (one page: processes hold few calls).
#[utoipa::path(
    get,
    operation_id = "listCalls",
    path = "/api/v1/calls",
    tag = "proposals",
    responses((status = 200, description = "Every call for proposals", body = super::dto::Page<CallSummary>)),
)]
pub async fn calls(State(state): State<AppState>) -> ApiResult {
    let items = every_call(&state)
        .await?
        .into_iter()
        .map(|(phase, _)| summary(phase))
        .collect();
    Ok(Json(super::dto::Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// Every proposal of every call, call by call, in the order they came in.
#[utoipa::path(
    get,
    operation_id = "listAllProposals",
    path = "/api/v1/proposals",
    tag = "proposals",
    responses((status = 200, description = "Every proposal", body = super::dto::Page<Proposal>)),
)]
pub async fn all(State(state): State<AppState>, ctx: CtxExt) -> ApiResult {
    let mut items = Vec::new();
    for (phase, process) in every_call(&state).await? {
        for p in state.store.proposals_of_call(phase.id).await? {
            let editor = ctx.permits(edit_action(&ctx, &p, &process));
            items.push(answer(p, editor, None));
        }
    }
    Ok(Json(super::dto::Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// A call's proposals, in the order they came in.
#[utoipa::path(
    get,
    operation_id = "listProposals",
    path = "/api/v1/calls/{id}/proposals",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    responses((status = 200, description = "The call's proposals", body = Vec<Proposal>), NotFound),
)]
pub async fn list(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let loaded = load_call(&state, &id).await?;
    let mut items = Vec::new();
    for p in state.store.proposals_of_call(loaded.phase.id).await? {
        let editor = ctx.permits(edit_action(&ctx, &p, &loaded.process));
        items.push(answer(p, editor, None));
    }
    Ok(Json(items).into_response())
}

/// A proposal; its author and the secretariat also get screening's failures.
#[utoipa::path(
    get,
    operation_id = "getProposal",
    path = "/api/v1/proposals/{id}",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The proposal's id")),
    responses((status = 200, description = "The proposal", body = Proposal), NotFound),
)]
pub async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let (proposal, loaded) = load_proposal(&state, &id).await?;
    Ok(Json(read(&state, &ctx, proposal, &loaded.process).await?).into_response())
}

/// Sends a proposal to an open call (any account). It is saved even when screening fails.
#[utoipa::path(
    post,
    operation_id = "createProposal",
    path = "/api/v1/calls/{id}/proposals",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = NewProposal,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Saved, with screening's failures", body = Proposal,
            headers(("Location" = String, description = "The proposal"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewProposal>,
) -> ApiResult {
    require(&ctx, agora_core::auth::Action::ProposeSession)?;
    let loaded = load_call(&state, &id).await?;
    let now = (state.clock)();
    let call = loaded.open_call(now)?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let groups = state.store.stakeholder_groups().await?;
    let proposal = ProposalDraft::from(input).validate(call, &groups, user.id, now)?;
    state.store.create_proposal(ctx.actor(), &proposal).await?;
    let location = format!("/api/v1/proposals/{}", proposal.id);
    Ok(created(
        &location,
        read(&state, &ctx, proposal, &loaded.process).await?,
    ))
}

/// Edits a proposal (its author or the secretariat) until the call's deadline.
#[utoipa::path(
    put,
    operation_id = "updateProposal",
    path = "/api/v1/proposals/{id}",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The proposal's id")),
    request_body = NewProposal,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Updated, with screening's failures", body = Proposal),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewProposal>,
) -> ApiResult {
    let (current, loaded) = load_proposal(&state, &id).await?;
    require(&ctx, edit_action(&ctx, &current, &loaded.process))?;
    let now = (state.clock)();
    let call = loaded.open_call(now)?;
    let groups = state.store.stakeholder_groups().await?;
    let proposal = ProposalDraft::from(input).revise(call, &groups, &current, now)?;
    state.store.update_proposal(ctx.actor(), &proposal).await?;
    Ok(Json(read(&state, &ctx, proposal, &loaded.process).await?).into_response())
}

/// The proposals a call's programme takes; every other proposal of the call is declined.
#[derive(Deserialize, ToSchema)]
pub struct Decisions {
    pub accepted: Vec<Uuid>,
}

/// What recording the decisions did.
#[derive(Serialize, ToSchema)]
pub struct DecisionsRecorded {
    pub accepted: usize,
    pub declined: usize,
    /// Proposers told by email: those whose decision changed.
    pub letters: usize,
}

/// Records the committee's decisions once the call has closed (the secretariat of its
/// process): the listed proposals are accepted, every other proposal of the call is declined,
/// and each proposer whose decision changes is told by email in the language of their
/// proposal. All or nothing: an id that is not one of the call's proposals records nothing.
#[utoipa::path(
    put,
    operation_id = "recordDecisions",
    path = "/api/v1/calls/{id}/decisions",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = Decisions,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Recorded", body = DecisionsRecorded),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn decide(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Decisions>,
) -> ApiResult {
    let loaded = load_call(&state, &id).await?;
    let accepted = body.accepted.into_iter().collect();
    let recorded = crate::pages::decisions::record(&state, &ctx, &loaded, &accepted).await?;
    Ok(Json(DecisionsRecorded {
        accepted: recorded.accepted,
        declined: recorded.declined,
        letters: recorded.letters,
    })
    .into_response())
}

/// A theme of a call and the sub-themes proposals may pick within it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CallTheme {
    #[schema(example = "Access and diversity")]
    pub name: String,
    #[serde(default)]
    pub sub_themes: Vec<String>,
}

/// A session format of a call and the length of its slot.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CallFormat {
    #[schema(example = "Workshop")]
    pub name: String,
    #[schema(example = 90, minimum = 1, maximum = 1440)]
    pub minutes: u32,
}

/// What a call offers: its themes and session formats.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct CallSettings {
    /// At least one.
    #[serde(default)]
    pub themes: Vec<CallTheme>,
    /// At least one.
    #[serde(default)]
    pub formats: Vec<CallFormat>,
}

/// A call for proposals with what it offers (empty lists until the secretariat sets it up)
/// and whether it takes proposals now.
#[derive(Serialize, ToSchema)]
pub struct CallDetail {
    #[serde(flatten)]
    pub call: CallSummary,
    pub open: bool,
    #[serde(flatten)]
    pub settings: CallSettings,
}

fn call_detail(state: &AppState, loaded: crate::pages::proposals::LoadedCall) -> CallDetail {
    let open = loaded.open_call((state.clock)()).is_ok();
    let (themes, formats) = loaded
        .call
        .map(|c| (c.themes, c.formats))
        .unwrap_or_default();
    CallDetail {
        open,
        settings: CallSettings {
            themes: themes
                .into_iter()
                .map(|t| CallTheme {
                    name: t.name,
                    sub_themes: t.sub_themes,
                })
                .collect(),
            formats: formats
                .into_iter()
                .map(|f| CallFormat {
                    name: f.name,
                    minutes: f.minutes,
                })
                .collect(),
        },
        call: summary(loaded.phase),
    }
}

/// A call for proposals: its phase, themes and formats.
#[utoipa::path(
    get,
    operation_id = "getCall",
    path = "/api/v1/calls/{id}",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    responses((status = 200, description = "The call", body = CallDetail), NotFound),
)]
pub async fn call(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let loaded = load_call(&state, &id).await?;
    Ok(Json(call_detail(&state, loaded)).into_response())
}

/// Sets a call's themes and formats (the secretariat of its process), replacing what it had.
#[utoipa::path(
    put,
    operation_id = "setUpCall",
    path = "/api/v1/calls/{id}",
    tag = "proposals",
    params(("id" = Uuid, Path, description = "The call-for-proposals phase's id")),
    request_body = CallSettings,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = CallDetail),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn set_up_call(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CallSettings>,
) -> ApiResult {
    let mut loaded = load_call(&state, &id).await?;
    require(
        &ctx,
        agora_core::auth::Action::ManageProcess(loaded.process.id),
    )?;
    let themes = input
        .themes
        .into_iter()
        .map(|t| Theme {
            name: t.name,
            sub_themes: t.sub_themes,
        })
        .collect();
    let formats = input
        .formats
        .into_iter()
        .map(|f| SessionFormat {
            name: f.name,
            minutes: f.minutes,
        })
        .collect();
    let call = Call::validate(&loaded.phase, themes, formats)?;
    state.store.save_call(ctx.actor(), &call).await?;
    loaded.call = Some(call);
    Ok(Json(call_detail(&state, loaded)).into_response())
}
