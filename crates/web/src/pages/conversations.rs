//! Conversations of a process: the secretariat opens one with seed statements; participants
//! join (declaring their stakeholder group and region), vote on the accepted statements one at
//! a time and add statements of their own, which the secretariat accepts or rejects with a
//! reason. The opinion map is `conversation_map.rs`'s; the votes' analysis runs in the
//! background (`crate::opinion`).

use agora_core::ValidationErrors;
use agora_core::auth::Action;
use agora_core::conversation::{
    Conversation, ConversationDraft, JoinDraft, Moderation, Opinion, Participant, Statement,
    next_statement, rejection_reason, statement_text,
};
use agora_core::process::Process;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};

use super::{CsrfForm, FormPage, group_options, page, parse_id, region_options, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/processes/{slug}/conversations", post(create))
        .route("/processes/{slug}/conversations/new", get(new_form))
        .route("/conversations/{id}", get(show))
        .route("/conversations/{id}/join", post(join))
        .route("/conversations/{id}/votes", post(vote))
        .route("/conversations/{id}/statements", post(write))
        .route("/conversations/{id}/moderation", get(moderation))
        .route("/conversations/{id}/state", post(open_or_close))
        .route("/statements/{id}/moderation", post(moderate))
}

/// A conversation named in the path (404 when there is none), with its process and the
/// participant the signed-in account joined as.
pub(crate) struct Loaded {
    pub conversation: Conversation,
    pub process: Process,
    pub me: Option<Participant>,
}

pub(crate) async fn load(state: &AppState, ctx: &Ctx, id: &str) -> Result<Loaded, AppError> {
    let conversation = state
        .store
        .conversation(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let process = state
        .store
        .process(conversation.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = match &ctx.user {
        Some(user) => {
            state
                .store
                .conversation_participant(conversation.id, user.id)
                .await?
        }
        None => None,
    };
    Ok(Loaded {
        conversation,
        process,
        me,
    })
}

impl Loaded {
    fn href(&self) -> String {
        format!("/conversations/{}", self.conversation.id)
    }
}

fn conversation_form(ctx: &Ctx, process: &Process) -> FormView {
    let mut form = FormView::new(
        ctx,
        "conversation-new-title",
        format!("/processes/{}/conversations", process.slug),
        "action-create",
    )
    .field(ctx, "topic", FieldKind::Text, true)
    .field(ctx, "description", FieldKind::TextArea, false)
    .field_labelled(
        ctx,
        "seeds",
        "conversation-seeds",
        FieldKind::TextArea,
        false,
    );
    form.intro = Some(ctx.t("conversation-new-intro"));
    form
}

async fn new_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let form = conversation_form(&ctx, &process);
    page(FormPage { ctx: ctx.0, form })
}

async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let draft: ConversationDraft = form.parse()?;
    match draft.validate(&process, (state.clock)()) {
        Ok((conversation, seeds)) => {
            state
                .store
                .create_conversation(ctx.actor(), &conversation, &seeds)
                .await?;
            Ok(Redirect::to(&format!("/conversations/{}", conversation.id)).into_response())
        }
        Err(errors) => super::rejected(&ctx, conversation_form(&ctx, &process), &form, &errors),
    }
}

/// What the participant is asked to vote on next, with its number for the form.
struct NextStatement {
    statement: Statement,
    /// How many accepted statements the participant has not voted on, this one included.
    remaining: usize,
}

#[derive(Template)]
#[template(path = "conversation.html")]
struct ShowPage {
    ctx: Ctx,
    conversation: Conversation,
    process: Process,
    manage: bool,
    me: Option<Participant>,
    /// The join form, for an account that has not joined an open conversation.
    join: Option<FormView>,
    next: Option<NextStatement>,
    /// The statement form, for a participant of an open conversation.
    write: Option<FormView>,
    /// The participant's own statements, with their moderation.
    mine: Vec<Statement>,
    /// The accepted statements, for everyone to read.
    accepted: Vec<Statement>,
    pending: usize,
}

fn join_form(ctx: &Ctx, loaded: &Loaded, groups: Vec<(String, String)>) -> FormView {
    FormView::new(
        ctx,
        "conversation-join-title",
        format!("{}/join", loaded.href()),
        "conversation-join",
    )
    .field(ctx, "stakeholder_group", FieldKind::Select(groups), true)
    .field(ctx, "region", FieldKind::Select(region_options(ctx)), false)
}

fn write_form(ctx: &Ctx, loaded: &Loaded) -> FormView {
    FormView::new(
        ctx,
        "conversation-write-title",
        format!("{}/statements", loaded.href()),
        "conversation-write",
    )
    .field_labelled(
        ctx,
        "text",
        "conversation-statement",
        FieldKind::TextArea,
        true,
    )
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    loaded: Loaded,
    join: Option<FormView>,
    write: Option<FormView>,
) -> AppResult {
    let statements = state.store.statements(loaded.conversation.id).await?;
    let open = loaded.conversation.open;
    let takes_part = ctx.permits(Action::TakePartInConversation);
    let join = match (&loaded.me, join) {
        (_, Some(form)) => Some(form),
        (None, None) if open && takes_part => {
            Some(join_form(&ctx, &loaded, group_options(state, &ctx).await?))
        }
        _ => None,
    };
    let (next, write, mine) = match &loaded.me {
        Some(me) => {
            let voted = state.store.voted_by(me.id).await?;
            let tallies = state.store.vote_tallies(loaded.conversation.id).await?;
            let next = if open {
                next_statement(&tallies, &voted).and_then(|number| {
                    statements
                        .iter()
                        .find(|s| s.number == number)
                        .map(|s| NextStatement {
                            statement: s.clone(),
                            remaining: tallies.iter().filter(|(n, _)| !voted.contains(n)).count(),
                        })
                })
            } else {
                None
            };
            let write = write.or_else(|| open.then(|| write_form(&ctx, &loaded)));
            let mine = statements
                .iter()
                .filter(|s| s.author == Some(me.id))
                .cloned()
                .collect();
            (next, write, mine)
        }
        None => (None, None, Vec::new()),
    };
    let pending = statements
        .iter()
        .filter(|s| s.moderation == Moderation::Pending)
        .count();
    let accepted = statements
        .into_iter()
        .filter(|s| s.moderation == Moderation::Accepted)
        .collect();
    let status = if join.as_ref().is_some_and(|f| !f.errors.is_empty())
        || write.as_ref().is_some_and(|f| !f.errors.is_empty())
    {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    super::page_with_status(
        status,
        ShowPage {
            manage: ctx.permits(Action::ManageProcess(loaded.process.id)),
            conversation: loaded.conversation,
            process: loaded.process,
            me: loaded.me,
            ctx,
            join,
            next,
            write,
            mine,
            accepted,
            pending,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    show_page(&state, ctx.0, loaded, None, None).await
}

/// The conversation `id` and the participant the account joined it as, for what only a
/// participant of an open conversation may do (vote, write a statement): 403 otherwise.
pub(crate) async fn as_participant(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
) -> Result<(Loaded, Participant), AppError> {
    require(ctx, Action::TakePartInConversation)?;
    let loaded = load(state, ctx, id).await?;
    require_open(&loaded)?;
    let me = loaded.me.clone().ok_or(AppError::Forbidden)?;
    Ok((loaded, me))
}

/// Refuses what only an open conversation takes.
fn require_open(loaded: &Loaded) -> Result<(), AppError> {
    if loaded.conversation.open {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn join(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    require(&ctx, Action::TakePartInConversation)?;
    let loaded = load(&state, &ctx, &id).await?;
    require_open(&loaded)?;
    let Some(user) = ctx.user.as_ref() else {
        return Err(AppError::Forbidden);
    };
    if loaded.me.is_some() {
        return Ok(Redirect::to(&loaded.href()).into_response());
    }
    let draft: JoinDraft = form.parse()?;
    let groups = state.store.stakeholder_groups().await?;
    match draft.validate(&groups) {
        Ok((group, region)) => {
            state
                .store
                .join_conversation(loaded.conversation.id, user.id, &group, region.as_deref())
                .await?;
            Ok(Redirect::to(&loaded.href()).into_response())
        }
        Err(errors) => {
            let view = join_form(&ctx, &loaded, group_options(&state, &ctx).await?);
            let shown = view.with_values(&form.pairs).with_errors(&ctx, &errors);
            show_page(&state, ctx.0, loaded, Some(shown), None).await
        }
    }
}

/// The statement a form names by id, which must be of this conversation.
async fn statement_of(state: &AppState, loaded: &Loaded, id: &str) -> Result<Statement, AppError> {
    state
        .store
        .statement(parse_id(id)?)
        .await?
        .filter(|s| s.conversation_id == loaded.conversation.id)
        .ok_or(AppError::NotFound)
}

async fn vote(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let (loaded, me) = as_participant(&state, &ctx, &id).await?;
    let statement = statement_of(&state, &loaded, form.get("statement")).await?;
    if statement.moderation != Moderation::Accepted {
        return Err(AppError::NotFound);
    }
    let opinion = Opinion::from_code(form.get("opinion")).ok_or(AppError::BadRequest)?;
    state
        .store
        .vote(&me, &statement, opinion, (state.clock)())
        .await?;
    Ok(Redirect::to(&format!("{}#vote", loaded.href())).into_response())
}

async fn write(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let (loaded, me) = as_participant(&state, &ctx, &id).await?;
    let errors: ValidationErrors = match statement_text(form.get("text")) {
        Ok(text) => {
            state
                .store
                .add_statement(ctx.actor(), &me, &text, (state.clock)())
                .await?;
            return Ok(Redirect::to(&format!("{}#mine", loaded.href())).into_response());
        }
        Err(errors) => errors,
    };
    let shown = write_form(&ctx, &loaded)
        .with_values(&form.pairs)
        .with_errors(&ctx, &errors);
    show_page(&state, ctx.0, loaded, None, Some(shown)).await
}

#[derive(Template)]
#[template(path = "conversation_moderation.html")]
struct ModerationPage {
    ctx: Ctx,
    conversation: Conversation,
    process: Process,
    pending: Vec<Statement>,
    decided: Vec<Statement>,
}

async fn moderation(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let (pending, decided) = state
        .store
        .statements(loaded.conversation.id)
        .await?
        .into_iter()
        .partition(|s| s.moderation == Moderation::Pending);
    page(ModerationPage {
        ctx: ctx.0,
        conversation: loaded.conversation,
        process: loaded.process,
        pending,
        decided,
    })
}

/// Accepts a statement, or rejects it with the reason its author will read.
async fn moderate(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let statement = state
        .store
        .statement(parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let conversation = statement.conversation_id.to_string();
    let loaded = load(&state, &ctx, &conversation).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let decision = match form.get("decision") {
        "accept" => Moderation::Accepted,
        "reject" => match rejection_reason(form.get("reason")) {
            Ok(reason) => Moderation::Rejected(reason),
            Err(_) => return Err(AppError::BadRequest),
        },
        _ => return Err(AppError::BadRequest),
    };
    state
        .store
        .moderate_statement(ctx.actor(), statement.id, &decision)
        .await?;
    Ok(Redirect::to(&format!("{}/moderation", loaded.href())).into_response())
}

async fn open_or_close(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let open = match form.get("state") {
        "open" => true,
        "closed" => false,
        _ => return Err(AppError::BadRequest),
    };
    state
        .store
        .set_conversation_open(ctx.actor(), loaded.conversation.id, open)
        .await?;
    Ok(Redirect::to(&loaded.href()).into_response())
}
