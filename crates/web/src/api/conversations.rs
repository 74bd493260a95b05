//! Conversations through the API: list and read them, join one, get the next statement to
//! vote on, vote, write a statement, and read the opinion map. The rules are the pages'
//! (`pages/conversations.rs`); statements are addressed by their number in the conversation.

use agora_core::auth::Action;
use agora_core::conversation::{JoinDraft, Moderation, Opinion, next_statement, statement_text};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::Page;
use super::problem::{ApiResult, BadBody, Guarded, NotFound, Restricted};
use super::request::{ApiJson, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::opinion::OpinionMap;
use crate::pages::conversations::{as_participant, load};
use crate::pages::require;

/// A conversation of a process.
#[derive(Serialize, ToSchema)]
pub struct Conversation {
    pub id: Uuid,
    pub process_id: Uuid,
    pub topic: String,
    pub description: String,
    /// Whether it takes statements and votes.
    pub open: bool,
    pub created_at: Timestamp,
}

impl From<agora_core::conversation::Conversation> for Conversation {
    fn from(c: agora_core::conversation::Conversation) -> Self {
        let agora_core::conversation::Conversation {
            id,
            process_id,
            topic,
            description,
            open,
            created_at,
        } = c;
        Conversation {
            id,
            process_id,
            topic,
            description,
            open,
            created_at,
        }
    }
}

/// An accepted statement.
#[derive(Serialize, ToSchema)]
pub struct Statement {
    /// Its number in the conversation (Pol.is's `tid`).
    pub number: u64,
    pub text: String,
}

/// A conversation with its accepted statements.
#[derive(Serialize, ToSchema)]
pub struct ConversationDetail {
    pub conversation: Conversation,
    pub statements: Vec<Statement>,
}

/// Joining: the stakeholder group the participant belongs to, and optionally a UN M49 region.
#[derive(Deserialize, ToSchema)]
pub struct Joining {
    #[serde(default)]
    #[schema(required = true, example = "civil-society")]
    pub stakeholder_group: String,
    #[schema(example = "150")]
    pub region: Option<String>,
}

/// The account's place in a conversation.
#[derive(Serialize, ToSchema)]
pub struct Participation {
    /// The participant's number in the conversation (Pol.is's `pid`).
    pub number: u64,
    pub stakeholder_group: Option<String>,
    pub region: Option<String>,
}

/// A vote on an accepted statement; a second vote on it replaces the first.
#[derive(Deserialize, ToSchema)]
pub struct NewVote {
    pub statement: u64,
    #[schema(example = "agree")]
    pub opinion: VoteOpinion,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum VoteOpinion {
    Agree,
    Disagree,
    Pass,
}

impl From<VoteOpinion> for Opinion {
    fn from(opinion: VoteOpinion) -> Self {
        match opinion {
            VoteOpinion::Agree => Opinion::Agree,
            VoteOpinion::Disagree => Opinion::Disagree,
            VoteOpinion::Pass => Opinion::Pass,
        }
    }
}

/// A participant's statement, for moderation.
#[derive(Deserialize, ToSchema)]
pub struct NewStatement {
    #[serde(default)]
    #[schema(required = true, max_length = 280)]
    pub text: String,
}

/// A statement as written, waiting for moderation.
#[derive(Serialize, ToSchema)]
pub struct WrittenStatement {
    pub number: u64,
    pub text: String,
    #[schema(example = "pending")]
    pub status: String,
}

/// The latest opinion map, and whether votes have come in since (it is being recomputed).
#[derive(Serialize, ToSchema)]
pub struct MapAnswer {
    /// `null` until the first map is computed, a few seconds after the first votes.
    pub map: Option<OpinionMap>,
    pub current: bool,
}

/// A process's conversations, oldest first.
#[utoipa::path(
    get,
    operation_id = "listConversations",
    path = "/api/v1/processes/{slug}/conversations",
    tag = "conversations",
    params(("slug" = String, Path, description = "The process's slug", example = "wgec-2013")),
    responses((status = 200, description = "The process's conversations", body = Vec<Conversation>), NotFound),
)]
pub async fn list(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult {
    let process = crate::pages::process_by_slug(&state, &slug).await?;
    let found: Vec<Conversation> = state
        .store
        .conversations_of_process(process.id)
        .await?
        .into_iter()
        .map(Conversation::from)
        .collect();
    Ok(Json(found).into_response())
}

/// Every conversation of every process (one page: processes hold few conversations).
#[utoipa::path(
    get,
    operation_id = "listAllConversations",
    path = "/api/v1/conversations",
    tag = "conversations",
    responses((status = 200, description = "Every conversation", body = Page<Conversation>)),
)]
pub async fn list_all(State(state): State<AppState>) -> ApiResult {
    let processes = state
        .store
        .every(async |store, page| store.processes(page).await)
        .await?;
    let mut items = Vec::new();
    for process in processes {
        let of = state.store.conversations_of_process(process.id).await?;
        items.extend(of.into_iter().map(Conversation::from));
    }
    Ok(Json(Page {
        items,
        next_cursor: None,
    })
    .into_response())
}

/// A conversation and its accepted statements, by number.
#[utoipa::path(
    get,
    operation_id = "getConversation",
    path = "/api/v1/conversations/{id}",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    responses((status = 200, description = "The conversation", body = ConversationDetail), NotFound),
)]
pub async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    let statements = state
        .store
        .statements(loaded.conversation.id)
        .await?
        .into_iter()
        .filter(|s| s.moderation == Moderation::Accepted)
        .map(|s| Statement {
            number: s.number,
            text: s.text,
        })
        .collect();
    Ok(Json(ConversationDetail {
        conversation: loaded.conversation.into(),
        statements,
    })
    .into_response())
}

/// Joins a conversation (any account), declaring a stakeholder group and optionally a region.
#[utoipa::path(
    post,
    operation_id = "joinConversation",
    path = "/api/v1/conversations/{id}/participants",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    request_body = Joining,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Joined", body = Participation,
            headers(("Location" = String, description = "The conversation"))),
        (status = 200, description = "Already joined", body = Participation),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn join(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Joining>,
) -> ApiResult {
    require(&ctx, Action::TakePartInConversation)?;
    let loaded = load(&state, &ctx, &id).await?;
    if !loaded.conversation.open {
        return Err(AppError::Forbidden.into());
    }
    let answer = |p: agora_core::conversation::Participant| Participation {
        number: p.number,
        stakeholder_group: p.stakeholder_group,
        region: p.region,
    };
    if let Some(me) = loaded.me {
        return Ok(Json(answer(me)).into_response());
    }
    let user = ctx.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let draft = JoinDraft {
        stakeholder_group: input.stakeholder_group,
        region: input.region.unwrap_or_default(),
    };
    let groups = state.store.stakeholder_groups().await?;
    let (group, region) = draft.validate(&groups)?;
    let joined = state
        .store
        .join_conversation(loaded.conversation.id, user.id, &group, region.as_deref())
        .await?;
    Ok(created(
        &format!("/api/v1/conversations/{}", loaded.conversation.id),
        answer(joined),
    ))
}

/// The next statement for the account to vote on: the least voted of those it has not voted
/// on; 204 when none is left.
#[utoipa::path(
    get,
    operation_id = "nextStatement",
    path = "/api/v1/conversations/{id}/next",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The statement to vote on", body = Statement),
        (status = 204, description = "Every statement has the account's vote"),
        Restricted,
        NotFound,
    ),
)]
pub async fn next(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let (loaded, me) = as_participant(&state, &ctx, &id).await?;
    let voted = state.store.voted_by(me.id).await?;
    let tallies = state.store.vote_tallies(loaded.conversation.id).await?;
    let Some(number) = next_statement(&tallies, &voted) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let statement = state
        .store
        .statements(loaded.conversation.id)
        .await?
        .into_iter()
        .find(|s| s.number == number)
        .ok_or(AppError::NotFound)?;
    Ok(Json(Statement {
        number,
        text: statement.text,
    })
    .into_response())
}

/// Votes on an accepted statement (a participant of an open conversation).
#[utoipa::path(
    post,
    operation_id = "vote",
    path = "/api/v1/conversations/{id}/votes",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    request_body = NewVote,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Recorded"),
        Guarded,
        (status = 404, description = "No conversation has this id, or no accepted statement this number."),
        BadBody,
    ),
)]
pub async fn vote(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewVote>,
) -> ApiResult {
    let (loaded, me) = as_participant(&state, &ctx, &id).await?;
    let statement = state
        .store
        .statements(loaded.conversation.id)
        .await?
        .into_iter()
        .find(|s| s.number == input.statement && s.moderation == Moderation::Accepted)
        .ok_or(AppError::NotFound)?;
    state
        .store
        .vote(&me, &statement, input.opinion.into(), (state.clock)())
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Writes a statement, which waits for the secretariat's moderation.
#[utoipa::path(
    post,
    operation_id = "writeStatement",
    path = "/api/v1/conversations/{id}/statements",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    request_body = NewStatement,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Written, pending moderation", body = WrittenStatement,
            headers(("Location" = String, description = "The conversation"))),
        Guarded,
        NotFound,
        BadBody,
    ),
)]
pub async fn write(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewStatement>,
) -> ApiResult {
    let (loaded, me) = as_participant(&state, &ctx, &id).await?;
    let text = statement_text(&input.text)?;
    let written = state
        .store
        .add_statement(ctx.actor(), &me, &text, (state.clock)())
        .await?;
    Ok(created(
        &format!("/api/v1/conversations/{}", loaded.conversation.id),
        WrittenStatement {
            number: written.number,
            text: written.text,
            status: written.moderation.code().to_owned(),
        },
    ))
}

/// The opinion map: participants' places and groups, each group's distinctive statements,
/// the statements every group supports, and how stakeholder groups and regions spread over
/// the opinion groups.
#[utoipa::path(
    get,
    operation_id = "getOpinionMap",
    path = "/api/v1/conversations/{id}/map",
    tag = "conversations",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    responses((status = 200, description = "The latest map", body = MapAnswer), NotFound),
)]
pub async fn map(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> ApiResult {
    let loaded = load(&state, &ctx, &id).await?;
    let answer = match crate::opinion::stored(&state.store, loaded.conversation.id).await? {
        Some((map, stale)) => MapAnswer {
            map: Some(map),
            current: !stale,
        },
        None => MapAnswer {
            map: None,
            current: false,
        },
    };
    Ok(Json(answer).into_response())
}
