//! The programme committee's decisions on a call's proposals (issue 6): once the call has
//! closed, the secretariat ticks the proposals that are in the programme — by hand, or from a
//! balanced selection — and every other proposal of the call is declined. Each proposer whose
//! decision is new is told by email, in the language their proposal is written in, by the
//! transaction that records the decision ([`agora_store::Store::decide`]).

use std::collections::BTreeSet;

use agora_core::auth::Action;
use agora_core::proposal::{Decision, Proposal};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use uuid::Uuid;

use super::proposals::{LoadedCall, load_call};
use super::{CsrfForm, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::mail::letters;

pub fn routes() -> Router<AppState> {
    Router::new().route("/calls/{id}/decisions", get(show).post(save))
}

/// What a recording of decisions did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Recorded {
    pub accepted: usize,
    pub declined: usize,
    /// Letters queued: one per proposer whose decision is new.
    pub letters: usize,
}

/// Whether the call's decisions may be taken at `now`: once it has closed, when its proposals
/// can no longer change.
fn decidable(loaded: &LoadedCall, now: jiff::Timestamp) -> bool {
    now >= loaded.phase.closes_at
}

/// Records that the proposals in `accepted` are in the programme and every other proposal of
/// the call is declined, and queues a letter to each proposer whose decision changes. The
/// secretariat of the process only, once the call has closed; an id that is not one of the
/// call's proposals is a bad request, and nothing is recorded.
pub(crate) async fn record(
    state: &AppState,
    ctx: &Ctx,
    loaded: &LoadedCall,
    accepted: &BTreeSet<Uuid>,
) -> Result<Recorded, AppError> {
    require(ctx, Action::ManageProcess(loaded.process.id))?;
    let now = (state.clock)();
    if !decidable(loaded, now) {
        return Err(AppError::Forbidden);
    }
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    if accepted
        .iter()
        .any(|id| !proposals.iter().any(|p| p.id == *id))
    {
        return Err(AppError::BadRequest);
    }
    let mut recorded = Recorded::default();
    let mut decisions = Vec::with_capacity(proposals.len());
    for proposal in &proposals {
        let decision = if accepted.contains(&proposal.id) {
            recorded.accepted += 1;
            Decision::Accepted
        } else {
            recorded.declined += 1;
            Decision::Declined
        };
        let letter = if proposal.decision == Some(decision) {
            None
        } else {
            let author = state.store.user(proposal.author_id).await?;
            author.map(|a| letters::decision(&a.email, proposal, decision, loaded))
        };
        recorded.letters += usize::from(letter.is_some());
        decisions.push((proposal.id, decision, letter));
    }
    let actor = ctx.actor();
    state
        .store
        .decide(actor, loaded.phase.id, &decisions, now)
        .await?;
    state.mail_queued();
    Ok(recorded)
}

#[derive(Template)]
#[template(path = "decisions.html")]
struct DecisionsPage {
    ctx: Ctx,
    loaded: LoadedCall,
    proposals: Vec<Proposal>,
    decidable: bool,
    closes: String,
    /// Set after a recording, to say what it did.
    recorded: Option<Recorded>,
}

impl DecisionsPage {
    fn count(&self, decision: Option<Decision>) -> usize {
        self.proposals
            .iter()
            .filter(|p| p.decision == decision)
            .count()
    }

    fn accepted(&self, proposal: &Proposal) -> bool {
        proposal.decision == Some(Decision::Accepted)
    }

    fn decision_label(&self, proposal: &Proposal) -> String {
        let code = proposal.decision.map_or("undecided", Decision::code);
        self.ctx.tp("decision-", code)
    }
}

async fn page(state: &AppState, ctx: Ctx, id: &str, recorded: Option<Recorded>) -> AppResult {
    let loaded = load_call(state, id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    super::page(DecisionsPage {
        decidable: decidable(&loaded, (state.clock)()),
        closes: super::in_zone(loaded.phase.closes_at, &loaded.process.display_zone),
        ctx,
        loaded,
        proposals,
        recorded,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(shown): Query<Shown>,
) -> AppResult {
    let recorded = match (shown.accepted, shown.declined, shown.letters) {
        (Some(accepted), Some(declined), Some(letters)) => Some(Recorded {
            accepted,
            declined,
            letters,
        }),
        _ => None,
    };
    page(&state, ctx.0, &id, recorded).await
}

/// The redirect after a recording says what it did (a query, so that reloading the page
/// records nothing again).
#[derive(serde::Deserialize)]
struct Shown {
    accepted: Option<usize>,
    declined: Option<usize>,
    letters: Option<usize>,
}

/// The form posts `accept` once per ticked proposal; every proposal left unticked is declined.
async fn save(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load_call(&state, &id).await?;
    let accepted = form
        .pairs
        .iter()
        .filter(|(k, _)| k == "accept")
        .map(|(_, v)| v.parse::<Uuid>().map_err(|_| AppError::BadRequest))
        .collect::<Result<BTreeSet<Uuid>, AppError>>()?;
    let recorded = record(&state, &ctx, &loaded, &accepted).await?;
    let query = serde_html_form::to_string(recorded).map_err(|_| AppError::BadRequest)?;
    Ok(Redirect::to(&format!("/calls/{}/decisions?{query}", loaded.phase.id)).into_response())
}
