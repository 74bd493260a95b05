//! Calls for proposals (issue 6): the call's page (its themes, formats, deadline and the
//! public list of proposals; the secretariat sets the themes and formats there), the proposal
//! form for signed-in accounts, and each proposal's page. Every save runs the programme's
//! screening over the call's proposals and the proposal's page shows its author what fails,
//! so that they can fix it before the deadline; the proposal is saved either way.

use std::collections::{BTreeMap, BTreeSet};

use agora_core::ValidationErrors;
use agora_core::auth::Action;
use agora_core::process::{Phase, PhaseKind, Process};
use agora_core::proposal::{
    Call, CallDraft, PersonDraft, Proposal, ProposalDraft, ProposalPerson, accepts_proposals,
    role_code,
};
use agora_programme::{Failure, Rule, ScreeningRules};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use fluent_templates::fluent_bundle::FluentValue;

use super::{CsrfForm, page_with_status, parse_id, region_options, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};

/// Person rows the form offers: enough for the IGF's organisers, speakers and moderator;
/// empty rows are ignored, so the form needs no script to add people.
pub const PERSON_ROWS: usize = 8;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calls/{id}", get(show_call).post(save_call))
        .route("/calls/{id}/proposals", axum::routing::post(create))
        .route("/calls/{id}/proposals/new", get(new_form))
        .route("/proposals/{id}", get(show).post(update))
        .route("/proposals/{id}/edit", get(edit_form))
}

/// A call-for-proposals phase named in the path, its process and its call (if set up).
pub(crate) struct LoadedCall {
    pub phase: Phase,
    pub process: Process,
    pub call: Option<Call>,
}

pub(crate) async fn load_call(state: &AppState, id: &str) -> Result<LoadedCall, AppError> {
    let phase = state
        .store
        .phase(parse_id(id)?)
        .await?
        .filter(|p| p.kind == PhaseKind::CallForProposals)
        .ok_or(AppError::NotFound)?;
    let process = state
        .store
        .process(phase.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = state.store.call(phase.id).await?;
    Ok(LoadedCall {
        phase,
        process,
        call,
    })
}

impl LoadedCall {
    /// The call, when it takes proposals at `now`: set up, and its phase open.
    pub(crate) fn open_call(&self, now: jiff::Timestamp) -> Result<&Call, AppError> {
        match &self.call {
            Some(call) if accepts_proposals(&self.phase, now) => Ok(call),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// A proposal named in the path and its call.
pub(crate) async fn load_proposal(
    state: &AppState,
    id: &str,
) -> Result<(Proposal, LoadedCall), AppError> {
    let proposal = state
        .store
        .proposal(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = load_call(state, &proposal.phase_id.to_string()).await?;
    Ok((proposal, call))
}

/// What editing `proposal` asks of the account (the deadline aside): to be its author, or the
/// secretariat of its process.
pub(crate) fn edit_action(ctx: &Ctx, proposal: &Proposal, process: &Process) -> Action {
    Action::EditProposal {
        process: process.id,
        author: ctx
            .user
            .as_ref()
            .is_some_and(|u| u.id == proposal.author_id),
    }
}

// ---------------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------------

/// How the programme engine names a person: their name, case and spacing folded, so that
/// the same speaker on two proposals counts twice towards screening's cap (and, in the
/// timetable, cannot be in two sessions at once).
pub(crate) fn person_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A person of a proposal as the programme engine sees them, identified by [`person_key`].
pub(crate) fn engine_person(person: &ProposalPerson) -> agora_programme::Person {
    agora_programme::Person {
        id: person_key(&person.name),
        name: person.name.clone(),
        organisation: Some(person.organisation.clone()),
        stakeholder_group: Some(person.stakeholder_group.clone()),
        region: person.region.clone(),
        gender: person.gender.clone(),
        remote: person.remote,
        accessibility_needs: person.accessibility_needs,
        ..Default::default()
    }
}

/// A call's proposals as `agora-programme` reads them, for screening, assignment and
/// selection alike.
pub(crate) struct EngineInput {
    pub proposals: Vec<agora_programme::Proposal>,
    /// Everyone the proposals name, by [`person_key`].
    pub directory: agora_programme::Directory,
    /// The organisers (keys) who have not filed last year's report.
    pub missing_reports: BTreeSet<String>,
}

/// Converts a call's proposals (in submission order, which screening's caps count in).
pub(crate) fn engine_input(proposals: &[Proposal]) -> EngineInput {
    let mut people = Vec::new();
    let mut missing_reports = BTreeSet::new();
    let converted: Vec<agora_programme::Proposal> = proposals
        .iter()
        .map(|p| {
            people.extend(p.people.iter().map(engine_person));
            // Validation requires an organiser; the author stands in for a proposal without.
            let lead = p.organisers().next();
            let organiser = lead.map_or_else(|| p.author_id.to_string(), |o| person_key(&o.name));
            if !p.report_filed {
                missing_reports.insert(organiser.clone());
            }
            agora_programme::Proposal {
                id: p.id.to_string(),
                title: p.title.clone(),
                organiser,
                organisation: lead.map(|o| o.organisation.clone()).unwrap_or_default(),
                theme: p.theme.clone(),
                format: p.format.clone(),
                speakers: p
                    .speakers()
                    .map(|s| agora_programme::Speaker {
                        person: person_key(&s.name),
                        confirmed: s.confirmed,
                    })
                    .collect(),
                moderator: p
                    .speakers()
                    .find(|s| s.moderator)
                    .map(|s| person_key(&s.name)),
                first_time: p.first_time,
            }
        })
        .collect();
    EngineInput {
        proposals: converted,
        directory: agora_programme::directory(people),
        missing_reports,
    }
}

/// Screens a call's proposals (in submission order, which the caps count in) with the IGF's
/// rules. Returns the failures and each person's name by screening key.
pub(crate) fn screen(proposals: &[Proposal]) -> (Vec<Failure>, BTreeMap<String, String>) {
    let input = engine_input(proposals);
    let names = input
        .directory
        .values()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let failures = agora_programme::screen(
        &input.proposals,
        &input.directory,
        &input.missing_reports,
        &ScreeningRules::default(),
    );
    (failures, names)
}

/// A screening failure in the user's language, naming the person at fault.
pub(crate) fn failure_message(ctx: &Ctx, rule: &Rule, names: &BTreeMap<String, String>) -> String {
    let name = |key: &str| FluentValue::from(names.get(key).cloned().unwrap_or(key.to_owned()));
    let n = |v: usize| FluentValue::from(v as u64);
    let (id, args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match rule {
        Rule::TooFewConfirmedSpeakers {
            confirmed,
            required,
        } => (
            "screening-too-few-confirmed-speakers",
            vec![("count", n(*confirmed)), ("required", n(*required))],
        ),
        Rule::TooFewGenders { genders, required } => (
            "screening-too-few-genders",
            vec![("count", n(*genders)), ("required", n(*required))],
        ),
        Rule::NoModerator => ("screening-no-moderator", vec![]),
        Rule::ModeratorNotOnSite { person } => (
            "screening-moderator-not-on-site",
            vec![("person", name(person))],
        ),
        Rule::ReportNotFiled { organiser } => (
            "screening-report-not-filed",
            vec![("person", name(organiser))],
        ),
        Rule::TooManyProposals {
            organiser,
            count,
            max,
        } => (
            "screening-too-many-proposals",
            vec![
                ("person", name(organiser)),
                ("count", n(*count)),
                ("max", n(*max)),
            ],
        ),
        Rule::SpeakerInTooManySessions { person, count, max } => (
            "screening-speaker-in-too-many-sessions",
            vec![
                ("person", name(person)),
                ("count", n(*count)),
                ("max", n(*max)),
            ],
        ),
        Rule::UnknownPerson { person } => {
            ("screening-unknown-person", vec![("person", name(person))])
        }
    };
    ctx.lang.t_args(id, &args)
}

/// The rules `proposal` fails, screened among its call's proposals.
pub(crate) async fn failures_of(
    state: &AppState,
    proposal: &Proposal,
) -> Result<(Vec<Rule>, BTreeMap<String, String>), AppError> {
    let all = state.store.proposals_of_call(proposal.phase_id).await?;
    let (failures, names) = screen(&all);
    let id = proposal.id.to_string();
    let rules = failures
        .into_iter()
        .filter(|f| f.proposal == id)
        .map(|f| f.rule)
        .collect();
    Ok((rules, names))
}

// ---------------------------------------------------------------------------------------------
// The call's page
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "call.html")]
struct CallPage {
    ctx: Ctx,
    loaded: LoadedCall,
    status: &'static str,
    closes: String,
    open: bool,
    manage: bool,
    /// The settings form's values and errors, for the secretariat.
    settings: CallDraft,
    errors: Vec<(String, String)>,
    proposals: Vec<Proposal>,
    /// The published review criteria: public, so that proposers know how they are judged.
    criteria: Option<agora_core::review::ReviewSettings>,
    /// The account sits on the process's review panel.
    reviewer: bool,
    /// The call's programme is published (`pages/timetable.rs`).
    published: bool,
}

async fn call_page(
    state: &AppState,
    ctx: Ctx,
    loaded: LoadedCall,
    settings: Option<(CallDraft, Vec<(String, String)>)>,
) -> AppResult {
    let now = (state.clock)();
    let proposals = state.store.proposals_of_call(loaded.phase.id).await?;
    let criteria = state.store.review_settings(loaded.phase.id).await?;
    let published = state
        .store
        .timetable(loaded.phase.id)
        .await?
        .is_some_and(|t| t.published.is_some());
    let (settings, errors) = settings.unwrap_or_else(|| {
        (
            loaded.call.as_ref().map(Call::draft).unwrap_or_default(),
            Vec::new(),
        )
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page_with_status(
        status,
        CallPage {
            status: loaded.phase.status(now).code(),
            closes: super::in_zone(loaded.phase.closes_at, &loaded.process.display_zone),
            open: loaded.call.is_some() && accepts_proposals(&loaded.phase, now),
            manage: ctx.permits(Action::ManageProcess(loaded.process.id)),
            reviewer: ctx.permits(Action::ServeAsReviewer(loaded.process.id)),
            ctx,
            loaded,
            settings,
            errors,
            proposals,
            criteria,
            published,
        },
    )
}

async fn show_call(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = load_call(&state, &id).await?;
    call_page(&state, ctx.0, loaded, None).await
}

/// Error messages by field, in the user's language, for a hand-written form.
pub(crate) fn messages(ctx: &Ctx, errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| (e.field.clone(), crate::form::error_message(ctx, e)))
        .collect()
}

async fn save_call(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load_call(&state, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let draft: CallDraft = form.parse()?;
    match draft.validate(&loaded.phase) {
        Ok(call) => {
            state.store.save_call(ctx.actor(), &call).await?;
            Ok(Redirect::to(&format!("/calls/{}", loaded.phase.id)).into_response())
        }
        Err(errors) => {
            let shown = messages(&ctx, &errors);
            call_page(&state, ctx.0, loaded, Some((draft, shown))).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The proposal form
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "proposal_form.html")]
struct ProposalFormPage {
    ctx: Ctx,
    process: Process,
    call: Call,
    action: String,
    draft: ProposalDraft,
    errors: Vec<(String, String)>,
    groups: Vec<(String, String)>,
    regions: Vec<(String, String)>,
}

/// The draft a form posted: the fixed fields, then one person a row (`p0_name`, …).
fn draft_from(form: &CsrfForm) -> ProposalDraft {
    let on = |name: &str| form.get(name) == "on";
    ProposalDraft {
        title: form.get("title").to_owned(),
        description: form.get("description").to_owned(),
        policy_questions: form.get("policy_questions").to_owned(),
        format: form.get("format").to_owned(),
        theme: form.get("theme").to_owned(),
        sub_theme: form.get("sub_theme").to_owned(),
        first_time: on("first_time"),
        report_filed: on("report_filed"),
        people: (0..PERSON_ROWS)
            .map(|i| {
                let f = |name: &str| form.get(&format!("p{i}_{name}")).to_owned();
                PersonDraft {
                    role: f("role"),
                    name: f("name"),
                    organisation: f("organisation"),
                    stakeholder_group: f("stakeholder_group"),
                    region: f("region"),
                    gender: f("gender"),
                    remote: f("remote") == "on",
                    confirmed: f("confirmed") == "on",
                    moderator: f("moderator") == "on",
                    accessibility_needs: f("accessibility_needs") == "on",
                }
            })
            .collect(),
    }
}

/// A person row's error (`people[i].name`) under the form's field name (`p{i}_name`), its
/// message prefixed with the row; other errors under their own field name and label.
fn row_message(ctx: &Ctx, (field, message): (String, String)) -> (String, String) {
    let row = field
        .strip_prefix("people[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(i, name)| Some((i.parse::<usize>().ok()?, name)));
    match row {
        Some((i, name)) => (
            format!("p{i}_{name}"),
            format!(
                "{} {} — {}: {message}",
                ctx.t("proposal-person"),
                i + 1,
                ctx.tp("field-", name)
            ),
        ),
        None => {
            let label = ctx.tp("field-", &field);
            (field, format!("{label}: {message}"))
        }
    }
}

/// `draft` with its person rows padded to [`PERSON_ROWS`], for the form; errors on a row are
/// renamed to that row's field (`people[i].name` → `p{i}_name`), which is what the form shows.
async fn form_page(
    state: &AppState,
    ctx: Ctx,
    loaded: LoadedCall,
    action: String,
    mut draft: ProposalDraft,
    errors: Option<&ValidationErrors>,
) -> AppResult {
    let call = loaded.call.clone().ok_or(AppError::Forbidden)?;
    // Posted rows keep their places, so error indices match; a stored proposal's rows are
    // packed, then padded.
    draft
        .people
        .resize_with(PERSON_ROWS.max(draft.people.len()), || PersonDraft {
            role: "speaker".into(),
            ..Default::default()
        });
    let errors: Vec<(String, String)> = errors
        .map(|e| {
            messages(&ctx, e)
                .into_iter()
                .map(|m| row_message(&ctx, m))
                .collect()
        })
        .unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let groups = super::group_options(state, &ctx).await?;
    page_with_status(
        status,
        ProposalFormPage {
            regions: region_options(&ctx),
            groups,
            ctx,
            process: loaded.process,
            call,
            action,
            draft,
            errors,
        },
    )
}

async fn new_form(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    require(&ctx, Action::ProposeSession)?;
    let loaded = load_call(&state, &id).await?;
    loaded.open_call((state.clock)())?;
    let draft = ProposalDraft {
        people: vec![PersonDraft {
            role: "organiser".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let action = format!("/calls/{}/proposals", loaded.phase.id);
    form_page(&state, ctx.0, loaded, action, draft, None).await
}

async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    require(&ctx, Action::ProposeSession)?;
    let loaded = load_call(&state, &id).await?;
    let now = (state.clock)();
    let call = loaded.open_call(now)?;
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let draft = draft_from(&form);
    let groups = state.store.stakeholder_groups().await?;
    match draft.validate(call, &groups, user.id, now) {
        Ok(proposal) => {
            state.store.create_proposal(ctx.actor(), &proposal).await?;
            Ok(Redirect::to(&format!("/proposals/{}", proposal.id)).into_response())
        }
        Err(errors) => {
            let action = format!("/calls/{}/proposals", loaded.phase.id);
            form_page(&state, ctx.0, loaded, action, draft, Some(&errors)).await
        }
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let (proposal, loaded) = load_proposal(&state, &id).await?;
    require(&ctx, edit_action(&ctx, &proposal, &loaded.process))?;
    loaded.open_call((state.clock)())?;
    let action = format!("/proposals/{}", proposal.id);
    form_page(&state, ctx.0, loaded, action, proposal.draft(), None).await
}

async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let (current, loaded) = load_proposal(&state, &id).await?;
    require(&ctx, edit_action(&ctx, &current, &loaded.process))?;
    let now = (state.clock)();
    let call = loaded.open_call(now)?;
    let draft = draft_from(&form);
    let groups = state.store.stakeholder_groups().await?;
    match draft.revise(call, &groups, &current, now) {
        Ok(proposal) => {
            state.store.update_proposal(ctx.actor(), &proposal).await?;
            Ok(Redirect::to(&format!("/proposals/{}", proposal.id)).into_response())
        }
        Err(errors) => {
            let action = format!("/proposals/{}", current.id);
            form_page(&state, ctx.0, loaded, action, draft, Some(&errors)).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The proposal's page
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "proposal.html")]
struct ShowPage {
    ctx: Ctx,
    proposal: Proposal,
    loaded: LoadedCall,
    /// The account is its author or the secretariat: it sees screening and self-declared data.
    editor: bool,
    /// …and the call still takes edits.
    editable: bool,
    /// Screening's verdicts, in the user's language (`None` for other readers).
    failures: Option<Vec<String>>,
}

impl ShowPage {
    fn role(&self, person: &agora_core::proposal::ProposalPerson) -> String {
        self.ctx.tp("proposal-role-", role_code(person.role))
    }
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let (proposal, loaded) = load_proposal(&state, &id).await?;
    let editor = ctx.permits(edit_action(&ctx, &proposal, &loaded.process));
    let failures = if editor {
        let (rules, names) = failures_of(&state, &proposal).await?;
        Some(
            rules
                .iter()
                .map(|r| failure_message(&ctx, r, &names))
                .collect(),
        )
    } else {
        None
    };
    let editable = editor && loaded.open_call((state.clock)()).is_ok();
    super::page(ShowPage {
        ctx: ctx.0,
        proposal,
        loaded,
        editor,
        editable,
        failures,
    })
}
